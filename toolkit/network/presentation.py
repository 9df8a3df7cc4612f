"""Words for the map in the user's language: the labels its legend and tooltips need."""

from __future__ import annotations

from toolkit.domain import QUADRANTS, STANCE_KEYS, quadrant
from toolkit.i18n import format_number, label, t
from toolkit.markdown import escape
from toolkit.network.exports import METRIC_COLUMNS
from toolkit.network.history import CONTACT_BINS
from toolkit.network.view import STANCE_COLOURS, UNKNOWN, Labels
from toolkit.salience import CLASSES as SALIENCE_CLASSES


def map_labels(terms: dict[str, list[tuple[str, str | None]]]) -> Labels:
    """Vocabulary labels of the workspace (its own names first), in the current language."""

    def words(vocabulary: str) -> dict[str, str]:
        custom = {key: text for key, text in terms.get(vocabulary, []) if text}
        return {key: label(vocabulary, key, custom) for key, _ in terms.get(vocabulary, [])}

    return Labels(
        sectors=words("sectors"),
        scales=words("scales"),
        stances={value: t(f"vocab.stances.{key}") for value, key in STANCE_KEYS.items()},
        relation_types=words("relation_types"),
        community=t("map.legend.community"),
        unknown=t("map.legend.unknown"),
        tooltip={
            "sector": t("columns.sector"),
            "scale": t("columns.scale"),
            "stance": t("columns.stance"),
            "influence": t("columns.influence"),
            "interest": t("columns.interest"),
            "degree": t("map.metric.degree"),
            "contact": t("map.colour.contact"),
            # a relation a participant reported in a questionnaire (issue 18); {name} is filled in by the view
            "reported_pending": t("questionnaires.map.reported_pending", name="{name}"),
            "reported_confirmed": t("questionnaires.map.reported", name="{name}"),
            "reported_someone": t("questionnaires.map.someone"),
        },
        contact={key: t(f"map.contact.{key}") for key in CONTACT_BINS},
        never=t("map.contact.never_tip"),
        others=t("map.legend.others"),
        salience={key: t(f"strategy.salience_class.{key}") for key in (*SALIENCE_CLASSES, "unknown")},
    )


def actor_row(actor, words: Labels) -> list[object]:
    """An actor as a row of the quadrant lists: name, sector, scale, stance, influence, interest."""
    return [
        actor.name,
        words.sectors.get(actor.sector or "", ""),
        words.scales.get(actor.scale or "", ""),
        words.stances.get(actor.stance, "") if actor.stance is not None else "",
        actor.influence,
        actor.interest,
    ]


def grid_points(actors, words: Labels) -> list[dict]:
    """Actors with both levels known, as points of the power-interest grid."""
    return [
        {
            "id": a.id,
            "name": a.name,
            "interest": a.interest,
            "influence": a.influence,
            "stance": words.stances.get(a.stance, words.unknown) if a.stance is not None else words.unknown,
        }
        for a in actors
        if a.influence and a.interest
    ]


def stance_colours(words: Labels) -> dict[str, str]:
    """Legend order of the grid: opponents to allies, then unknown."""
    colours = {words.stances[value]: STANCE_COLOURS[value] for value in sorted(STANCE_COLOURS)}
    colours[words.unknown] = UNKNOWN
    return colours


def finding_text(note, words: Labels) -> str:
    """A finding in the user's words: names listed, vocabulary keys named as the workspace calls
    them, user text shown inert.

    >>> from toolkit.network.findings import Finding
    >>> words = Labels({"media": "Medios"}, {}, {}, {}, "", "", {})
    >>> finding_text(Finding("sector_missing", {"keys": ["media", "diaspora"]}), words)
    'No hay ningún actor de estos sectores: Medios, diaspora.'
    >>> finding_text(Finding("isolated_influential", {"count": 1, "names": ["*EPM*"]}), words)
    'Hay 1 actor con influencia alta y ninguna relación registrada: \\\\*EPM\\\\*. Conviene vincularlo.'
    >>> finding_text(Finding("sector_weak", {"key": "media", "count": 3, "mean": 0.7}), words)
    'El sector «Medios» está poco conectado: sus 3 actores tienen pocas relaciones (promedio por actor: 0,7).'
    """
    values = dict(note.values)
    vocabulary = words.sectors if note.key.startswith("sector") else words.scales
    if "names" in values:
        values["names"] = ", ".join(values["names"])
    if "keys" in values:
        values["keys"] = ", ".join(vocabulary.get(k, k) for k in values["keys"])
    if "key" in values:  # a placeholder named "group": t()'s own first argument is "key"
        values["group"] = vocabulary.get(values["key"], values.pop("key"))
    if "mean" in values:
        values["mean"] = format_number(values["mean"], digits=1)
    if "groups" in values:  # the pairs of groups one actor alone joins, and how many more
        pairs = [
            t("map.findings.pair", first=vocabulary.get(a, a), second=vocabulary.get(b, b))
            for a, b in values.pop("groups")
        ]
        more = values.pop("more", 0)
        values["pairs"] = "; ".join(pairs) + (t("map.findings.more_pairs", count=more) if more > 0 else "")
    return t(f"map.findings.{note.key}", **{k: escape(v) if isinstance(v, str) else v for k, v in values.items()})


def metric_rows(actors, metrics, roles: dict[int, str] | None = None) -> list[dict]:
    """One row per actor with its metrics, the best brokers first, communities counted from 1;
    ``roles``: each actor's brokerage roles as text (a "brokerage" column).

    >>> from toolkit.domain import Actor, Relation
    >>> from toolkit.network.analysis import network_metrics
    >>> a = [Actor("A", id=1), Actor("Hub", id=2), Actor("C", id=3)]
    >>> rows = metric_rows(a, network_metrics(a, [Relation(1, 2), Relation(2, 3)]))
    >>> [(row["name"], row["degree"], row["community"]) for row in rows]
    [('Hub', 2, 1), ('A', 1, 1), ('C', 1, 1)]
    """
    rows = [{"name": a.name, **{c: getattr(metrics.per_actor[a.id], c) for c in METRIC_COLUMNS}} for a in actors]
    for row, actor in zip(rows, actors, strict=True):
        row["community"] += 1
        if roles is not None:
            row["brokerage"] = roles.get(actor.id, "")
    return sorted(rows, key=lambda row: row["betweenness"], reverse=True)


def move_rows(found, quadrant_names: dict[str, str]) -> list[dict]:
    """Who moved on the power-interest grid, one row each: the actor, its quadrant before and after.

    >>> from toolkit.domain import Actor
    >>> from toolkit.engagement import Move
    >>> move_rows([Move(Actor("EAFIT"), "monitor", "keep_informed")], {"monitor": "M", "keep_informed": "I"})
    [{'name': 'EAFIT', 'before': 'M', 'after': 'I'}]
    """
    return [{"name": m.actor.name, "before": quadrant_names[m.before], "after": quadrant_names[m.after]} for m in found]


def quadrant_members(actors) -> dict[str, list]:
    """The actors of each power-interest quadrant, in the register's order (those without both
    levels in none).

    >>> from toolkit.domain import Actor
    >>> members = quadrant_members([Actor("A", influence=5, interest=5), Actor("B")])
    >>> {key: [a.name for a in chosen] for key, chosen in members.items() if chosen}
    {'manage_closely': ['A']}
    """
    return {key: [a for a in actors if quadrant(a.influence, a.interest) == key] for key in QUADRANTS}


def file_stem(workspace_name: str) -> str:
    """The start of the map's file names: the workspace's name with only letters and digits.

    >>> file_stem("Medellín 2026")
    'Medellín_2026'
    >>> file_stem("")
    'mapa'
    """
    return "".join(ch if ch.isalnum() else "_" for ch in workspace_name)[:40] or "mapa"
