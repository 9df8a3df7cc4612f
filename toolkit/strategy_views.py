"""What the Estrategia page and the analysis workbook show, shaped from the store's data: the
MACTOR exercise of the workspace, its findings in words, the figures (influence-dependence plane,
balance of power, convergence and divergence graphs), salience and brokerage rows, the view by SDG.
Pure functions; the page only draws them."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import plotly.graph_objects as go

from toolkit.charts import inert_figure
from toolkit.domain import Actor, Relation
from toolkit.i18n import format_date, format_number, t
from toolkit.mactor import MactorResult, StrategyNote, analyse
from toolkit.markdown import escape
from toolkit.network.brokerage import ROLES, brokerage, directed_ties, only_bridges
from toolkit.salience import COLOURS as SALIENCE_COLOURS
from toolkit.salience import UNKNOWN_COLOUR, salience_class
from toolkit.strategy import Objective, SalienceJudgement

QUADRANT_COLOURS = {"dominant": "#D55E00", "relay": "#E69F00", "dominated": "#0072B2", "autonomous": "#999999"}


def exercise(
    actors: Sequence[Actor],
    objectives: Sequence[Objective],
    positions: Mapping[tuple[int, int], int],
    influences: Mapping[tuple[int, int], int],
) -> MactorResult:
    """The MACTOR analysis over the actors that take part (a position, or an influence given or
    received), in the register's order.

    >>> a = [Actor("A", id=1), Actor("B", id=2), Actor("C", id=3)]
    >>> exercise(a, [Objective("O", id=9)], {(2, 9): 1}, {(1, 2): 2}).actor_ids
    [1, 2]
    """
    taking_part = {a for a, _ in positions} | {a for pair in influences for a in pair}
    chosen = [a.id for a in actors if a.id in taking_part]
    return analyse(chosen, [o.id for o in objectives], influences, positions)


def short_names(actors: Sequence[Actor], most: int = 24) -> dict[int, str]:
    """What a chart writes for each actor: its acronym, else its name cut at a word to ``most``
    characters (the hover shows the whole name).

    >>> short_names([Actor("Bancada de oposición del Concejo de Medellín", id=1), Actor("Banco X", "BID", id=2)])
    {1: 'Bancada de oposición…', 2: 'BID'}
    """
    found = {}
    for actor in actors:
        name = actor.acronym or actor.name
        if len(name) > most:
            name = name[:most].rsplit(" ", 1)[0] + "…"
        found[actor.id] = name
    return found


def note_text(note: StrategyNote) -> str:
    """A finding in the user's words, user text made inert.

    >>> note_text(StrategyNote("opponent", {"objective": "Abrir *oficina*", "name": "Gremio", "sway": "EAFIT"}))
    'El opositor más fuerte de «Abrir \\\\*oficina\\\\*» es Gremio; ... EAFIT, ...'
    """
    values = dict(note.values)
    for name in ("names", "objectives"):
        if name in values:
            values[name] = ", ".join(values[name])
    for name in ("favour", "against", "balance"):
        if name in values:
            values[name] = format_number(values[name], digits=1 if name != "balance" else 2)
    return t(f"strategy.findings.{note.key}", **{k: escape(v) if isinstance(v, str) else v for k, v in values.items()})


def plane_figure(result: MactorResult, names: Mapping[int, str], labels: Mapping[int, str] | None = None) -> go.Figure:
    """The influence-dependence plane: one dot per actor (its short label, its name on hover),
    coloured by its place, the means as lines."""
    labels = labels or names
    figure = go.Figure()
    for quadrant, colour in QUADRANT_COLOURS.items():
        members = [i for i, q in enumerate(result.quadrants) if q == quadrant]
        if not members:
            continue
        figure.add_trace(
            go.Scatter(
                x=[result.dependence[i] for i in members],
                y=[result.influence[i] for i in members],
                text=[labels[result.actor_ids[i]] for i in members],
                hovertext=[names[result.actor_ids[i]] for i in members],
                mode="markers+text",
                textposition="top center",
                marker={"size": 12, "color": colour},
                name=t(f"strategy.quadrants.{quadrant}"),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    if result.actor_ids:
        figure.add_hline(y=sum(result.influence) / len(result.influence), line_dash="dot", line_color="#888")
        figure.add_vline(x=sum(result.dependence) / len(result.dependence), line_dash="dot", line_color="#888")
    figure.update_layout(
        xaxis_title=t("strategy.results.dependence_axis"),
        yaxis_title=t("strategy.results.influence_axis"),
        height=460,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.2},
    )
    return inert_figure(figure)


def balance_figure(result: MactorResult, names: Mapping[int, str]) -> go.Figure:
    """The balance of power r*, strongest at the top."""
    order = sorted(range(len(result.actor_ids)), key=lambda i: result.balance[i])
    figure = go.Figure(
        go.Bar(
            x=[round(result.balance[i], 2) for i in order],
            y=[names[result.actor_ids[i]] for i in order],
            orientation="h",
            marker_color=[QUADRANT_COLOURS[result.quadrants[i]] for i in order],
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_layout(
        xaxis_title=t("strategy.results.balance_axis"),
        height=max(300, 26 * len(order) + 80),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return inert_figure(figure)


def strongest_pairs(
    matrix: Sequence[Sequence[float]], actor_ids: Sequence[int], limit: int = 12
) -> list[tuple[int, int, float]]:
    """The pairs of actors with the largest values of a symmetric matrix (each pair once).

    >>> strongest_pairs([[0, 2, 1], [2, 0, 0], [1, 0, 0]], [7, 8, 9])
    [(7, 8, 2), (7, 9, 1)]
    """
    pairs = [
        (actor_ids[i], actor_ids[k], matrix[i][k])
        for i in range(len(actor_ids))
        for k in range(i + 1, len(actor_ids))
        if matrix[i][k] > 0
    ]
    return sorted(pairs, key=lambda p: -p[2])[:limit]


def pairs_figure(
    result: MactorResult, names: Mapping[int, str], matrix: Sequence[Sequence[float]], colour: str
) -> go.Figure:  # names: short labels (see short_names)
    """A convergence (or divergence) graph: the actors on a circle, a line per pair as thick as the
    pair's weight (the strongest twelve pairs)."""
    n = len(result.actor_ids)
    place = {
        a: (math.cos(2 * math.pi * i / max(n, 1)), math.sin(2 * math.pi * i / max(n, 1)))
        for i, a in enumerate(result.actor_ids)
    }
    pairs = strongest_pairs(matrix, result.actor_ids)
    heaviest = max((w for _, _, w in pairs), default=1) or 1
    figure = go.Figure()
    for a, b, weight in pairs:
        figure.add_trace(
            go.Scatter(
                x=[place[a][0], place[b][0]],
                y=[place[a][1], place[b][1]],
                mode="lines",
                line={"width": 1 + 7 * weight / heaviest, "color": colour},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    shown = sorted({a for pair in pairs for a in pair[:2]}, key=result.actor_ids.index)
    figure.add_trace(
        go.Scatter(
            x=[place[a][0] for a in shown],
            y=[place[a][1] for a in shown],
            text=[names[a] for a in shown],
            mode="markers+text",
            textposition="top center",
            marker={"size": 10, "color": "#333"},
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    figure.update_layout(
        height=420,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"visible": False, "range": [-1.5, 1.5]},
        yaxis={"visible": False, "range": [-1.3, 1.3], "scaleanchor": "x"},
    )
    return inert_figure(figure)


def mobilisation_rows(result: MactorResult, titles: Mapping[int, str]) -> list[dict]:
    """One row per objective: weight for, against, in all, and whether it unites or divides."""
    return [
        {
            "objective": titles.get(m.objective_id, ""),
            "favour": round(m.favour, 2),
            "against": round(m.against, 2),
            "total": round(m.total, 2),
            "verdict": t("strategy.results.unites") if m.unites else t("strategy.results.divides") if m.divides else "",
        }
        for m in result.mobilised
    ]


def balance_rows(result: MactorResult, names: Mapping[int, str]) -> list[dict]:
    """One row per actor: influence, dependence, r*, place on the plane."""
    return [
        {
            "name": names[a],
            "influence": result.influence[i],
            "dependence": result.dependence[i],
            "balance": round(result.balance[i], 3),
            "quadrant": t(f"strategy.quadrants.{result.quadrants[i]}"),
        }
        for i, a in enumerate(result.actor_ids)
    ]


def matrix_rows(
    matrix: Sequence[Sequence[float]],
    actor_ids: Sequence[int],
    columns: Sequence[int],
    names: Mapping[int, str],
    digits: int = 2,
) -> list[dict]:
    """A matrix as rows named by actor, a column per column id (its name)."""
    return [
        {"": names[a], **{names[c]: round(matrix[i][j], digits) for j, c in enumerate(columns)}}
        for i, a in enumerate(actor_ids)
    ]


# -- salience ----------------------------------------------------------------------------------


def salience_of(actors: Sequence[Actor], current: Mapping[int, SalienceJudgement]) -> dict[int, str | None]:
    """Each actor's salience class from its latest judgement (None: not judged on all three)."""
    return {
        a.id: (lambda j: salience_class(j.power, j.legitimacy, j.urgency) if j else None)(current.get(a.id))
        for a in actors
    }


def salience_colour(name: str | None) -> str:
    return SALIENCE_COLOURS.get(name or "", UNKNOWN_COLOUR)


def salience_rows(
    actors: Sequence[Actor], current: Mapping[int, SalienceJudgement], label: Callable[[str | None], str]
) -> list[dict]:
    """One row per actor: its three judgements, its class and when it was judged."""
    classes = salience_of(actors, current)
    rows = []
    for actor in actors:
        judged = current.get(actor.id)
        rows.append(
            {
                "id": actor.id,
                "name": actor.name,
                "power": judged.power if judged else None,
                "legitimacy": judged.legitimacy if judged else None,
                "urgency": judged.urgency if judged else None,
                "class": label(classes[actor.id]),
                "assessed_on": judged.assessed_on if judged else None,
            }
        )
    return rows


def salience_label(name: str | None) -> str:
    return t(f"strategy.salience_class.{name}") if name else t("strategy.salience_class.unknown")


# -- brokerage ---------------------------------------------------------------------------------


def brokerage_of(
    actors: Sequence[Actor], relations: Sequence[Relation], by: str = "sector"
) -> dict[int, dict[str, int]]:
    """Each actor's brokerage roles with its sector (or scale) as its group."""
    return brokerage({a.id: getattr(a, by) for a in actors}, directed_ties(relations))


def brokerage_rows(actors: Sequence[Actor], counts: Mapping[int, Mapping[str, int]]) -> list[dict]:
    """Actors who broker at all, most brokerage first: a column per role and the total."""
    rows = [
        {"name": a.name, **{role: counts[a.id][role] for role in ROLES}, "total": sum(counts[a.id].values())}
        for a in actors
        if a.id in counts and sum(counts[a.id].values())
    ]
    return sorted(rows, key=lambda r: (-r["total"], r["name"]))


def bridge_notes(
    actors: Sequence[Actor],
    relations: Sequence[Relation],
    label: Callable[[str], str],
    by: str = "sector",
    pairs: int = 3,
) -> list[str]:
    """ "The only bridge between academia and the private sector is …", in words: one line per
    broker, the pairs of groups it alone joins (the first ``pairs``, then how many more).

    >>> a = [Actor("U", id=1, sector="academia"), Actor("ONG", id=2, sector="ngo"), Actor("F", id=3, sector="private")]
    >>> bridge_notes(a, [Relation(1, 2), Relation(2, 3)], str.upper)
    ['ONG es el único puente entre «ACADEMIA» y «PRIVATE».']
    """
    names = {a.id: a.name for a in actors}
    joined: dict[int, list[str]] = {}
    for first, second, brokers in only_bridges({a.id: getattr(a, by) for a in actors}, directed_ties(relations)):
        text = t("strategy.findings.pair", first=escape(label(first)), second=escape(label(second)))
        joined.setdefault(brokers[0], []).append(text)
    notes = []
    for broker, between in sorted(joined.items(), key=lambda item: -len(item[1])):
        shown, more = "; ".join(between[:pairs]), len(between) - pairs
        name = escape(names[broker])
        notes.append(
            t("strategy.findings.bridge_more", name=name, pairs=shown, count=more)
            if more > 0
            else t("strategy.findings.bridge", name=name, pairs=shown)
        )
    return notes


def matrix_actors(
    actors: Sequence[Actor],
    positions: Mapping[tuple[int, int], int],
    influences: Mapping[tuple[int, int], int],
    limit: int = 12,
) -> list[int]:
    """The actors the influence matrix starts with: those taking part in the exercise, else the
    ``limit`` most influential of the register.

    >>> a = [Actor("A", id=1, influence=2), Actor("B", id=2, influence=5), Actor("C", id=3)]
    >>> matrix_actors(a, {}, {}, limit=2), matrix_actors(a, {(3, 9): 1}, {})
    ([2, 1], [3])
    """
    taking_part = {a for a, _ in positions} | {a for pair in influences for a in pair}
    if taking_part:
        return [a.id for a in actors if a.id in taking_part]
    return [a.id for a in sorted(actors, key=lambda a: -(a.influence or 0))[:limit]]


def map_ties(relations: Sequence[Relation]) -> list[tuple[int, int, int, bool]]:
    """The map's relations as (source, target, strength, directed) for the influence proposal."""
    return [(r.source, r.target, r.strength, r.directed) for r in relations]


def by_goal(
    items: Mapping[str, Mapping[int, str]], tags: Mapping[tuple[str, int], list[int]], goal: int
) -> dict[str, list[str]]:
    """What works on one goal: per kind of item (actors, consultations...), the names tagged with it.

    >>> tags = {("actors", 2): [11], ("campaigns", 5): [11, 9]}
    >>> by_goal({"actors": {1: "EPM", 2: "ACI"}, "campaigns": {5: "Feria"}}, tags, 11)
    {'actors': ['ACI'], 'campaigns': ['Feria']}
    """
    found: dict[str, list[str]] = {}
    for entity, names in items.items():
        tagged = [name for item, name in names.items() if goal in tags.get((entity, item), [])]
        if tagged:
            found[entity] = sorted(tagged, key=str.casefold)
    return found


def goal_counts(tags: Mapping[tuple[str, int], list[int]]) -> dict[int, int]:
    """How many items are tagged with each goal (every goal listed).

    >>> goal_counts({("actors", 1): [11, 17], ("campaigns", 3): [11]})[11]
    2
    """
    counts = dict.fromkeys(range(1, 18), 0)
    for goals in tags.values():
        for goal in goals:
            counts[goal] = counts.get(goal, 0) + 1
    return counts


def goals_figure(counts: Mapping[int, int]) -> go.Figure:
    """Items tagged per goal, each bar in its goal's official colour."""
    from toolkit.sdg import COLOURS

    goals = [g for g in COLOURS if counts.get(g)]
    figure = go.Figure(
        go.Bar(
            x=[f"{g}. {t(f'strategy.sdg.g{g}')}" for g in goals],
            y=[counts[g] for g in goals],
            marker_color=[COLOURS[g] for g in goals],
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    figure.update_layout(height=360, margin={"l": 10, "r": 10, "t": 10, "b": 10}, yaxis_title=t("strategy.sdg.count"))
    return inert_figure(figure)


def goal_label(goal: int) -> str:
    return f"{goal}. {t(f'strategy.sdg.g{goal}')}"


def salience_line(judged: SalienceJudgement | None) -> str:
    """The record's salience block: the class, the three judgements and their day.

    >>> from datetime import date
    >>> salience_line(SalienceJudgement(1, date(2026, 10, 5), 5, 5, 2))
    '**Prominencia: Dominante**  \\nPoder 5 · Legitimidad 5 · Urgencia 2 (valorada el 5/10/2026)'
    >>> salience_line(None)
    'Prominencia: sin valorar.'
    """
    if judged is None:
        return t("strategy.salience.record_none")
    name = salience_class(judged.power, judged.legitimacy, judged.urgency)
    levels = {k: "–" if getattr(judged, k) is None else getattr(judged, k) for k in ("power", "legitimacy", "urgency")}
    return f"**{t('strategy.salience.record_block', label=salience_label(name))}**  \n" + t(
        "strategy.salience.record_levels", date=format_date(judged.assessed_on), **levels
    )
