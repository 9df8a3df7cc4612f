"""Words for the map in the user's language: the labels its legend and tooltips need."""

from __future__ import annotations

from toolkit.domain import STANCE_KEYS
from toolkit.i18n import label, t
from toolkit.network.view import Labels


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
        },
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
    from toolkit.network.view import STANCE_COLOURS, UNKNOWN

    colours = {words.stances[value]: STANCE_COLOURS[value] for value in sorted(STANCE_COLOURS)}
    colours[words.unknown] = UNKNOWN
    return colours
