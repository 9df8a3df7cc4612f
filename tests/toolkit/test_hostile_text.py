"""Text no file can hold (NUL, control characters, U+FFFE, U+FFFF, lone surrogates) is cleaned on
the way in and on the way out of every writer; texts longer than their column, and numbers far
off any scale, are refused row by row instead of crashing; a backup moves between SQLite and
PostgreSQL; a table's save never names another workspace's rows."""

from __future__ import annotations

import io
from datetime import date

import networkx as nx
import pytest
from docx import Document
from icalendar import Calendar
from lxml import etree
from openpyxl import load_workbook
from sqlalchemy import select

from toolkit.backup import read_backup, restore_backup, workspace_backup
from toolkit.consultation_documents import attendance_sheet, synthesis_document
from toolkit.consultations import synthesis
from toolkit.domain import (
    Activity,
    Actor,
    Campaign,
    Consultation,
    Contribution,
    Kpi,
    Milestone,
    Participant,
    Relation,
)
from toolkit.i18n import t
from toolkit.importing import import_preview
from toolkit.network import exports
from toolkit.network.analysis import network_metrics
from toolkit.roadmap import calendar_file
from toolkit.spreadsheets.importing import parse_workbook
from toolkit.spreadsheets.reading import read_workbook
from toolkit.spreadsheets.writing import SheetSpec, write_csv, write_workbook
from toolkit.store import StoreError, open_store, tables
from toolkit.store.campaigns import add_activity, add_kpi, create_campaign, list_activities, list_campaigns
from toolkit.store.columns import limit
from toolkit.store.consultations import (
    create_consultation,
    invite_actors,
    list_consultations,
    list_contributions,
    list_participants,
    record_contribution,
)
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, add_relation, list_actors, list_relations, save_actor_edits
from toolkit.store.workspaces import create_workspace, vocabulary_terms
from toolkit.text import clean

HOSTILE = "\ufffe\uffff\x00\x01\x1b"
UNWRITABLE = set(HOSTILE) | {"\ud800"}


def hostile(text: str) -> str:
    """``text`` with every unwritable character in the middle of it."""
    return text[:3] + HOSTILE + "\ud800" + text[3:]


def assert_clean(values) -> None:
    for value in values:
        assert not UNWRITABLE & set(str(value)), repr(value)


# -- the writers, given hostile text directly ------------------------------------------------


def hostile_register() -> tuple[list[Actor], list[Relation]]:
    actors = [
        Actor(hostile("Alcaldía"), sector=hostile("custom_x"), scale=hostile("local"), themes=[hostile("agua")], id=1),
        Actor(hostile("Junta de Acción"), notes=hostile("notas"), id=2),
    ]
    relations = [Relation(1, 2, type=hostile("custom_alianza"), description=hostile("acuerdo"), id=1)]
    return actors, relations


def test_gexf_and_graphml_of_hostile_text_parse_strictly():
    actors, relations = hostile_register()
    metrics = network_metrics(actors, relations)
    gexf = exports.gexf(actors, relations, metrics)
    etree.fromstring(gexf, etree.XMLParser(recover=False))  # strict: raises on any illegal character
    graph = nx.read_gexf(io.BytesIO(gexf))
    assert graph.nodes["1"]["label"] == clean(hostile("Alcaldía")) == "Alcaldía"
    graphml = nx.read_graphml(io.BytesIO(exports.graphml(actors, relations, metrics)))
    assert graphml.nodes["1"]["sector"] == "custom_x"
    assert [data["type"] for _, _, data in graphml.edges(data=True)] == ["custom_alianza"]


def test_workbooks_and_csv_of_hostile_text_open():
    data = write_workbook([SheetSpec(hostile("Hoja"), [hostile("Nombre")], [[hostile("Alcaldía")], [HOSTILE]])])
    rows = list(load_workbook(io.BytesIO(data)).worksheets[0].values)
    assert rows[:2] == [("Nombre",), ("Alcaldía",)]
    assert_clean(write_csv([hostile("Nombre")], [[hostile("=Alcaldía")]]).decode("utf-8-sig"))


def test_the_calendar_of_hostile_text_parses():
    milestone = Milestone(
        hostile("Informe"), owner=hostile("Ana"), description=hostile("texto"), due_on=date(2027, 1, 20), id=3
    )
    consultation = Consultation(hostile("Taller"), starts_on=date(2027, 2, 1), place=hostile("Casa"), id=4)
    data = calendar_file([milestone], [consultation], lang="es", name=hostile("Medellín"))
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 2
    assert_clean(str(event["SUMMARY"]) + str(event["DESCRIPTION"]) for event in events)


def test_consultation_documents_of_hostile_text_open():
    consultation = Consultation(hostile("Taller"), objective=hostile("Objetivo"), questions=hostile("¿Qué?"), id=1)
    actors = [Actor(hostile("Alcaldía"), id=1)]
    participants = [Participant(1, 1, status="attended", attendee=hostile("Ana"), id=1)]
    contributions = [Contribution(1, hostile("Propuesta"), actor_id=1, type="commitment", response=hostile("Sí"))]
    result = synthesis(consultation, participants, contributions, actors)
    for data in (
        synthesis_document(result, actors, {}, "es"),
        attendance_sheet(consultation, participants, actors, {}, "es"),
    ):
        document = Document(io.BytesIO(data))
        assert_clean(p.text for p in document.paragraphs)


# -- a workspace filled with hostile text: stored clean, exported, restored ------------------


def fill_hostile(engine) -> int:
    """A workspace whose actors, vocabulary keys, consultations and campaigns carry hostile text."""
    workspace_id = create_workspace(engine, hostile("Espacio hostil"), city=hostile("Medellín")).id
    first = add_actor(
        engine,
        workspace_id,
        Actor(
            hostile("Alcaldía"),
            notes=hostile("notas"),
            phone=hostile("300"),
            themes=[hostile("agua")],
            custom={hostile("barrio"): hostile("Laureles")},
        ),
    )
    second = add_actor(engine, workspace_id, Actor(hostile("Junta"), contact_name=hostile("Ana")))
    add_relation(engine, workspace_id, Relation(first, second, description=hostile("acuerdo")))
    consultation = create_consultation(
        engine, workspace_id, Consultation(hostile("Taller"), objective=hostile("Objetivo"), starts_on=date(2026, 3, 2))
    )
    invite_actors(engine, workspace_id, consultation, [first, second])
    record_contribution(engine, workspace_id, Contribution(consultation, hostile("Propuesta"), actor_id=first))
    campaign = create_campaign(
        engine, workspace_id, Campaign(hostile("Campaña"), objective=hostile("Meta"), messages=[hostile("Mensaje")])
    )
    add_activity(engine, workspace_id, Activity(campaign, hostile("Volanteo"), notes=hostile("notas")))
    add_kpi(engine, workspace_id, Kpi(campaign, hostile("Alcance"), target=100))
    return workspace_id


def test_hostile_text_is_stored_clean(engine):
    workspace_id = fill_hostile(engine)
    stored = [
        *(vars(a) for a in list_actors(engine, workspace_id)),
        *(vars(r) for r in list_relations(engine, workspace_id)),
        *(vars(c) for c in list_consultations(engine, workspace_id)),
        *(vars(c) for c in list_contributions(engine, workspace_id)),
        *(vars(c) for c in list_campaigns(engine, workspace_id)),
        *(vars(a) for a in list_activities(engine, workspace_id)),
    ]
    assert_clean(stored)
    assert {a.name for a in list_actors(engine, workspace_id)} == {"Alcaldía", "Junta"}
    assert list_actors(engine, workspace_id)[0].custom == {"barrio": "Laureles"}


def test_a_backup_with_hostile_vocabulary_keys_restores_and_exports(engine):
    workspace_id = fill_hostile(engine)
    data = workspace_backup(engine, workspace_id)
    # a backup edited by hand (or by another program): Excel's escapes put control characters and
    # NUL in vocabulary keys, labels and names as the file is read
    escaped = "_x0001__x001B__x0000_"
    book = load_workbook(io.BytesIO(data))
    sheet = book["actors"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("sector") + 1, "custom_x" + escaped)
    sheet.cell(2, headers.index("notes") + 1, "notas" + escaped)
    book["vocabularies"].append(["sectors", "custom_x" + escaped, "Sector" + escaped, 99])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = restore_backup(engine, buffer.getvalue(), "copia.xlsx", new_workspace_name="Copia hostil")
    assert outcome.ok, [(p.sheet, p.row, p.column, p.key) for p in outcome.contents.problems]
    copy_id = outcome.workspace_id
    actors, relations = list_actors(engine, copy_id), list_relations(engine, copy_id)
    assert_clean(vars(a) for a in actors)
    assert_clean(key for terms in vocabulary_terms(engine, copy_id).values() for key, _ in terms)
    metrics = network_metrics(actors, relations)
    etree.fromstring(exports.gexf(actors, relations, metrics), etree.XMLParser(recover=False))
    nx.read_graphml(io.BytesIO(exports.graphml(actors, relations, metrics)))
    assert not read_backup(workspace_backup(engine, copy_id), "again.xlsx").problems


# -- lengths: what SQLite would keep and PostgreSQL refuse -----------------------------------


def test_a_too_long_phone_is_refused_in_the_users_words(engine):
    workspace_id = create_workspace(engine, "Largos").id
    with pytest.raises(StoreError) as refused:
        add_actor(engine, workspace_id, Actor("Alcaldía", phone="3" * 97))
    assert refused.value.reason == "too_long"
    assert t(refused.value.message_key, "es", **refused.value.details).startswith("El texto «333")
    assert "80" in t(refused.value.message_key, "es", **refused.value.details)
    actor_id = add_actor(engine, workspace_id, Actor("Alcaldía"))
    with pytest.raises(StoreError):
        save_actor_edits(engine, workspace_id, [Edit(actor_id, 1, {"phone": "3" * 97})])
    assert list_actors(engine, workspace_id)[0].phone == ""


def test_a_too_long_phone_in_an_import_is_one_rows_message_and_the_others_import(engine, make_xlsx):
    workspace_id = create_workspace(engine, "Importación").id
    data = make_xlsx(
        {
            "Actores": [
                ["Nombre", "Teléfono", "Influencia"],
                ["Alcaldía", "3" * 97, 3],
                ["Junta", "300", 1e28],
                ["Comfama", "604", 4],
            ]
        }
    )
    preview = parse_workbook(read_workbook(data, "actores.xlsx"), vocabulary_terms(engine, workspace_id))
    problems = {(p.sheet, p.row, p.column, p.key) for p in preview.errors + preview.warnings}
    assert ("Actores", 2, "Teléfono", "import.value.too_long") in problems
    assert ("Actores", 3, "Influencia", "import.value.level_range") in problems
    too_long = next(p for p in preview.errors if p.key == "import.value.too_long")
    assert "97" in t(too_long.key, "es", **too_long.details) and "80" in t(too_long.key, "es", **too_long.details)
    outcome = import_preview(engine, workspace_id, preview)
    assert outcome.stored.added == 2
    assert {(a.name, a.influence) for a in list_actors(engine, workspace_id)} == {("Junta", None), ("Comfama", 4)}


def test_an_influence_of_1e28_in_a_backup_is_a_rows_message(engine):
    workspace_id = create_workspace(engine, "Enorme").id
    add_actor(engine, workspace_id, Actor("Alcaldía", influence=3))
    book = load_workbook(io.BytesIO(workspace_backup(engine, workspace_id)))
    sheet = book["actors"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("influence") + 1, 1e28)
    buffer = io.BytesIO()
    book.save(buffer)
    contents = read_backup(buffer.getvalue(), "copia.xlsx")  # was: decimal.InvalidOperation
    warned = {(p.sheet, p.row, p.column, p.key) for p in contents.preview.warnings}
    assert ("actors", 2, "influence", "import.value.level_range") in warned
    outcome = restore_backup(engine, buffer.getvalue(), "copia.xlsx", new_workspace_name="Copia")
    assert [(a.name, a.influence) for a in list_actors(engine, outcome.workspace_id)] == [("Alcaldía", None)]


WORST = "ñ \"'<&>=" * 100  # multi-byte letters, quotes, markup and a formula sign


def worst(table, column: str) -> str:
    return WORST[: limit(table, column)]


def fill_worst(engine) -> int:
    """A workspace holding the longest texts its columns allow."""
    workspace_id = create_workspace(engine, worst(tables.workspaces, "name")).id
    actor = Actor(worst(tables.actors, "name").strip() or "x")
    for name in ("acronym", "country", "city", "contact_name", "contact_role", "email", "phone", "consent_source"):
        setattr(actor, name, worst(tables.actors, name))
    actor.notes = WORST * 10 + "\r\n\tsangría"
    first = add_actor(engine, workspace_id, actor)
    second = add_actor(engine, workspace_id, Actor("Segundo\n" + "línea"))
    add_relation(engine, workspace_id, Relation(first, second, description=WORST))
    consultation = create_consultation(
        engine,
        workspace_id,
        Consultation(
            "Taller " + worst(tables.consultations, "title")[7:],
            place=worst(tables.consultations, "place"),
            facilitator=worst(tables.consultations, "facilitator"),
        ),
    )
    invite_actors(engine, workspace_id, consultation, [first])
    campaign = create_campaign(engine, workspace_id, Campaign("Campaña", owner=worst(tables.campaigns, "owner")))
    add_activity(engine, workspace_id, Activity(campaign, "Volanteo", owner=worst(tables.activities, "owner")))
    return workspace_id


def snapshot(engine, workspace_id) -> list:
    return [
        sorted((a.name, a.phone, a.email, a.contact_name, a.notes) for a in list_actors(engine, workspace_id)),
        [r.description for r in list_relations(engine, workspace_id)],
        [(c.title, c.place, c.facilitator) for c in list_consultations(engine, workspace_id)],
        len(list_participants(engine, workspace_id)),
        [(a.title, a.owner) for a in list_activities(engine, workspace_id)],
    ]


def test_a_sqlite_backup_of_the_longest_values_restores_into_postgresql_and_back(tmp_path, request):
    sqlite = open_store(f"sqlite:///{tmp_path / 'origen.db'}")
    postgres = request.getfixturevalue("postgres")
    name = postgres.create_database()
    other = open_store(postgres.url(name))
    try:
        original = fill_worst(sqlite)
        expected = snapshot(sqlite, original)
        into_pg = restore_backup(other, workspace_backup(sqlite, original), "copia.xlsx", new_workspace_name="En PG")
        assert into_pg.ok, [(p.sheet, p.row, p.column, p.key) for p in into_pg.contents.problems]
        assert snapshot(other, into_pg.workspace_id) == expected
        back = restore_backup(
            sqlite, workspace_backup(other, into_pg.workspace_id), "b.xlsx", new_workspace_name="De PG"
        )
        assert back.ok
        assert snapshot(sqlite, back.workspace_id) == expected
    finally:
        sqlite.dispose()
        other.dispose()
        postgres.drop_database(name)


# -- a save never names another workspace's rows ---------------------------------------------


def conn_rows(engine, table, ids):
    with engine.connect() as connection:
        return connection.execute(select(table).where(table.c.id.in_(ids))).all()


def test_a_save_with_another_workspaces_ids_names_them_by_number(engine):
    from tests.toolkit.store.test_edits import TABLES  # every editable table, how to make its rows

    mine = create_workspace(engine, "Mío").id
    theirs = create_workspace(engine, "Ajeno").id
    for name, table in TABLES.items():
        foreign = table.rows(engine, theirs)
        edits = [Edit(row_id, 1, {table.column: table.good}) for row_id in foreign]
        result = table.save(engine, mine, edits, [])
        # by number, or by the name the edit itself carries; never by what the other workspace holds
        assert result.conflicts in ([f"#{row_id}" for row_id in foreign], [str(table.good)] * len(foreign)), name
        stored = {row.id: row for row in conn_rows(engine, table.table, foreign)}
        assert all(getattr(stored[row_id], table.column) != table.good for row_id in foreign), name
