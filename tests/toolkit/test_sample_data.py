"""Checks of the Medellín sample workspace shown on first run (sample_data/medellin.json)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path

from toolkit.domain import CONSENT, DIMENSIONS, KINDS, QUADRANTS, quadrant
from toolkit.vocab import DEFAULTS

SAMPLE = Path(__file__).parents[2] / "sample_data" / "medellin.json"

WORKSPACE_KEYS = {"name", "city", "country", "language", "description"}
ACTOR_KEYS = {
    "key",
    "name",
    "acronym",
    "kind",
    "sector",
    "scale",
    "country",
    "city",
    "influence",
    "interest",
    "stance",
    "themes",
    "dimensions",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
    "consent_date",
    "consent_source",
    "notes",
}
RELATION_KEYS = {"source", "target", "type", "strength", "directed", "description"}

# "+57 604 000 0000", "+34 000 000 000", "+33 0 00 00 00 00": a country code, an optional
# area or mobile prefix, then nothing but zeros
FICTITIOUS_PHONE = re.compile(r"\+\d{1,3}(?: \d{1,4})?(?P<rest>(?: 0+)+)")


@cache
def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def actors() -> list[dict]:
    return sample()["actors"]


def relations() -> list[dict]:
    return sample()["relations"]


def actors_by_key() -> dict[str, dict]:
    return {actor["key"]: actor for actor in actors()}


def test_top_level_shape():
    assert set(sample()) == {"workspace", "actors", "relations", "consultations", "audiences", "campaigns"}
    workspace = sample()["workspace"]
    assert set(workspace) == WORKSPACE_KEYS
    assert workspace["city"] == "Medellín"
    assert workspace["language"] == "es"
    assert workspace["description"].strip()


def test_every_actor_and_relation_has_exactly_the_expected_fields():
    for actor in actors():
        assert set(actor) == ACTOR_KEYS, actor["key"]
    for relation in relations():
        assert RELATION_KEYS <= set(relation) <= RELATION_KEYS | {"starts_on", "ends_on"}, relation


def test_counts():
    assert len(actors()) >= 60
    assert len(relations()) >= 120


def test_actor_keys_and_names_are_unique():
    keys = [actor["key"] for actor in actors()]
    names = [actor["name"] for actor in actors()]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    assert len(names) == len(set(names)), [k for k, n in Counter(names).items() if n > 1]
    assert all(key.strip() and name.strip() for key, name in zip(keys, names, strict=True))


def test_actor_vocabulary_values_are_valid_keys():
    for actor in actors():
        key = actor["key"]
        assert actor["kind"] in KINDS, key
        assert actor["sector"] is None or actor["sector"] in DEFAULTS["sectors"], key
        assert actor["scale"] is None or actor["scale"] in DEFAULTS["scales"], key
        assert actor["consent"] in CONSENT, key
        assert set(actor["dimensions"]) <= set(DIMENSIONS), key
        assert len(actor["dimensions"]) == len(set(actor["dimensions"])), key


def test_actor_levels_are_in_range():
    for actor in actors():
        key = actor["key"]
        for level in ("influence", "interest"):
            assert actor[level] is None or actor[level] in range(1, 6), key
        assert actor["stance"] is None or actor["stance"] in range(-2, 3), key


def test_themes_are_lower_case_words():
    for actor in actors():
        for theme in actor["themes"]:
            assert theme == theme.strip().lower() and theme, actor["key"]


def test_relation_vocabulary_values_are_valid_keys():
    for relation in relations():
        assert relation["type"] in DEFAULTS["relation_types"], relation
        assert relation["strength"] in (1, 2, 3), relation
        assert isinstance(relation["directed"], bool), relation


def test_relations_reference_existing_actors():
    keys = set(actors_by_key())
    for relation in relations():
        assert relation["source"] in keys, relation
        assert relation["target"] in keys, relation


def test_no_self_relations():
    assert [r for r in relations() if r["source"] == r["target"]] == []


def test_no_duplicate_relation_triples():
    triples = Counter((r["source"], r["target"], r["type"]) for r in relations())
    assert [triple for triple, n in triples.items() if n > 1] == []


def test_emails_are_example_org_or_empty():
    for actor in actors():
        assert actor["email"] == "" or actor["email"].endswith("@example.org"), actor["key"]


def test_phones_are_empty_or_obviously_fictitious():
    for actor in actors():
        phone = actor["phone"]
        if phone == "":
            continue
        match = FICTITIOUS_PHONE.fullmatch(phone)
        assert match, (actor["key"], phone)
        assert match["rest"].count("0") >= 6, (actor["key"], phone)


def test_consent_given_has_date_and_source():
    for actor in actors():
        if actor["consent"] == "yes":
            assert actor["consent_source"].strip(), actor["key"]
            date.fromisoformat(actor["consent_date"])
        else:
            assert actor["consent_date"] is None, actor["key"]


def test_data_quality_gaps_are_present():
    consent = Counter(actor["consent"] for actor in actors())
    assert consent["unknown"] >= 10
    assert consent["no"] >= 2
    assert any(actor["sector"] is None for actor in actors())
    assert any(actor["stance"] is None for actor in actors())


def test_isolated_actors():
    linked = {r["source"] for r in relations()} | {r["target"] for r in relations()}
    isolated = [actor for actor in actors() if actor["key"] not in linked]
    assert len(isolated) >= 4, [a["key"] for a in isolated]
    influential = [a for a in isolated if a["influence"] is not None and a["influence"] >= 4]
    assert len(influential) >= 2, [a["key"] for a in isolated]


def test_conflict_between_allies():
    by_key = actors_by_key()

    def favourable(key: str) -> bool:
        stance = by_key[key]["stance"]
        return stance is not None and stance >= 1

    conflicts = [r for r in relations() if r["type"] == "conflict"]
    assert len(conflicts) >= 2
    assert any(favourable(r["source"]) and favourable(r["target"]) for r in conflicts)


def test_all_quadrants_present():
    present = {quadrant(actor["influence"], actor["interest"]) for actor in actors()}
    assert set(QUADRANTS) <= present


def test_whole_stance_range_present():
    assert {actor["stance"] for actor in actors()} >= {-2, -1, 0, 1, 2}


def test_all_scales_present():
    assert {actor["scale"] for actor in actors()} >= set(DEFAULTS["scales"])


def test_every_relation_type_present():
    assert {r["type"] for r in relations()} >= set(DEFAULTS["relation_types"])


def test_directed_and_undirected_relations_and_all_strengths_present():
    assert {r["directed"] for r in relations()} == {True, False}
    assert {r["strength"] for r in relations()} == {1, 2, 3}


def test_consultations_reference_actors_and_use_the_vocabularies():
    from toolkit.domain import (
        CONSULTATION_STATUSES,
        CONTRIBUTION_TYPES,
        INVITATION_STATUSES,
        MODALITIES,
        PRIORITIES,
    )

    keys = set(actors_by_key())
    for consultation in sample()["consultations"]:
        assert consultation["instrument"] in DEFAULTS["instruments"]
        assert consultation["modality"] in MODALITIES and consultation["status"] in CONSULTATION_STATUSES
        for target in consultation["targets"]:
            vocabulary = "sectors" if target["dimension"] == "sector" else "scales"
            assert target["key"] in DEFAULTS[vocabulary] and target["minimum"] >= 1
        listed = [p["actor"] for p in consultation["participants"]]
        assert set(listed) <= keys and len(listed) == len(set(listed))
        assert {p["status"] for p in consultation["participants"]} <= set(INVITATION_STATUSES)
        for contribution in consultation["contributions"]:
            assert contribution["actor"] is None or contribution["actor"] in keys
            assert contribution["type"] in CONTRIBUTION_TYPES and contribution["priority"] in PRIORITIES


def test_one_consultation_was_held_and_one_is_being_convened():
    by_status = {c["status"]: c for c in sample()["consultations"]}
    held, convened = by_status["held"], by_status["convened"]
    assert sum(p["status"] == "attended" for p in held["participants"]) >= 10
    assert len(held["contributions"]) >= 15
    assert {c["type"] for c in held["contributions"]} == {
        "proposal",
        "concern",
        "commitment",
        "question",
        "recommendation",
    }
    assert {p["status"] for p in convened["participants"]} >= {"to_invite", "invited", "confirmed", "declined"}
    assert date.fromisoformat(convened["starts_on"]) > date.fromisoformat(held["starts_on"])
