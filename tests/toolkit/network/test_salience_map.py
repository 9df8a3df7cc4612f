"""The map coloured and filtered by salience (issue 20): each class its own colour in the legend,
strongest first and "not assessed" last, never folded into "Otros"; the saved view keeps the
colouring and the classes chosen; a judgement after the map's day does not count."""

from __future__ import annotations

from datetime import date

from toolkit.actor_filter import ActorFilter
from toolkit.domain import Actor, Relation
from toolkit.i18n import t
from toolkit.network.analysis import network_metrics
from toolkit.network.presentation import map_labels
from toolkit.network.saved_view import ViewSpec
from toolkit.network.view import UNKNOWN, MapChoices, MapFilter, chosen_view
from toolkit.salience import CLASSES, COLOURS, latest_classes
from toolkit.strategy import SalienceJudgement

ACTORS = [Actor(f"Actor {n}", id=n) for n in range(1, 11)]
RELATIONS = [Relation(n, n + 1) for n in range(1, 10)]
# one actor in each of the eight classes, two not assessed
CLASS_OF = dict(zip(range(1, 9), CLASSES, strict=True))


def view(choices: MapChoices, classes=CLASS_OF):
    return chosen_view(
        ACTORS, RELATIONS, network_metrics(ACTORS, RELATIONS), {}, map_labels({}), choices, None, classes
    )


def test_every_class_has_its_own_colour_and_the_unassessed_come_last():
    drawn = view(MapChoices(colour_by="salience"))
    captions = [caption for caption, _ in drawn.legend_nodes]
    assert captions == [t(f"strategy.salience_class.{name}") for name in (*CLASSES, "unknown")]
    assert dict(drawn.legend_nodes)[t("strategy.salience_class.definitive")] == COLOURS["definitive"]
    assert dict(drawn.legend_nodes)[t("strategy.salience_class.unknown")] == UNKNOWN
    assert drawn.counts[t("strategy.salience_class.unknown")] == 2 and drawn.folded == []


def test_the_filter_keeps_the_classes_chosen_and_the_unassessed_on_request():
    wanted = MapChoices(filter=MapFilter(actors=ActorFilter(salience=("definitive", None))))
    assert sorted(node["label"] for node in view(wanted).nodes) == ["Actor 1", "Actor 10", "Actor 9"]


def test_a_saved_view_keeps_the_colouring_and_the_classes():
    chosen = MapChoices(colour_by="salience", filter=MapFilter(actors=ActorFilter(salience=("dominant", None))))
    spec = ViewSpec.from_json(ViewSpec.from_choices(chosen).to_json())
    assert spec.colour_by == "salience" and spec.map_filter().actors.salience == ("dominant", None)
    assert ViewSpec.from_json({"salience": ["dominant", "<script>", None]}).salience == ("dominant", None)
    assert MapChoices.from_dict(chosen.to_dict()).filter.actors.salience == ("dominant", None)


def test_the_class_is_the_latest_judgement_made_by_the_maps_day():
    judged = [
        SalienceJudgement(1, date(2026, 3, 1), 5, 5, 5, id=1),
        SalienceJudgement(1, date(2026, 10, 1), 1, 1, 1, id=2),
    ]
    march = view(MapChoices(colour_by="salience"), latest_classes(judged, date(2026, 6, 30)))
    now = view(MapChoices(colour_by="salience"), latest_classes(judged, date(2026, 11, 22)))
    assert march.nodes[0]["color"] == COLOURS["definitive"]
    assert now.nodes[0]["color"] == COLOURS["non_stakeholder"]
