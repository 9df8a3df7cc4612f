"""Coverage, suggestions, synthesis and the consultation's files, on the Medellín sample."""

from __future__ import annotations

import io
import re
import sys
import types
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from toolkit.actors import ActorFilter
from toolkit.consultation_documents import attendance_sheet, synthesis_document
from toolkit.consultations import (
    INSTRUMENT_SIZES,
    MapInfo,
    actor_map_info,
    commitments,
    consulted_actors,
    coverage,
    explain,
    keep_informed,
    room_warnings,
    select_actors,
    size_warning,
    suggestions,
    synthesis,
)
from toolkit.domain import Actor, Contribution, CoverageTarget, Participant, Relation
from toolkit.i18n import catalog, t
from toolkit.spreadsheets.consultations import (
    contribution_template,
    invitation_workbook,
    read_attendance,
    read_contributions,
    to_import,
)
from toolkit.spreadsheets.reading import read_workbook
from toolkit.store import open_store
from toolkit.store.consultations import list_consultations, list_contributions, list_participants
from toolkit.store.register import list_actors, list_relations
from toolkit.store.sample import load_sample
from toolkit.store.workspaces import vocabulary_terms

ROOT = Path(__file__).parents[2]
HELD = "Taller multiactor: bases de la política de internacionalización de Medellín"
CONVENED = "Mesa de diálogo sobre turismo comunitario y memoria en la Comuna 13"


class Sample:
    """The Medellín sample as the page sees it (read once for the whole module)."""

    def __init__(self, engine, workspace_id):
        self.actors = list_actors(engine, workspace_id)
        self.relations = list_relations(engine, workspace_id)
        self.terms = vocabulary_terms(engine, workspace_id)
        self.consultations = {c.title: c for c in list_consultations(engine, workspace_id)}
        self.participants = list_participants(engine, workspace_id)
        self.contributions = list_contributions(engine, workspace_id)
        self.by_name = {a.name: a for a in self.actors}
        self.by_id = {a.id: a for a in self.actors}

    def of(self, title):
        consultation = self.consultations[title]
        return (
            consultation,
            [p for p in self.participants if p.consultation_id == consultation.id],
            [c for c in self.contributions if c.consultation_id == consultation.id],
        )


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sample.db'}")
    yield Sample(engine, load_sample(engine))
    engine.dispose()


def keys_of(statuses):
    return {(s.target.dimension, s.target.key): s.missing for s in statuses}


# -- coverage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, stage, count, gaps",
    [
        (HELD, "invited", 20, {}),
        (HELD, "confirmed", 16, {("sector", "private_sector"): 1, ("sector", "community_organisation"): 1}),
        (HELD, "attended", 16, {("sector", "private_sector"): 1, ("sector", "community_organisation"): 1}),
        (CONVENED, "invited", 8, {("sector", "academia"): 1}),
        (
            CONVENED,
            "confirmed",
            3,
            {
                ("sector", "community_organisation"): 1,
                ("sector", "private_sector"): 1,
                ("sector", "academia"): 1,
                ("scale", "local"): 1,
            },
        ),
    ],
)
def test_coverage_per_stage_says_what_is_missing(sample, title, stage, count, gaps):
    consultation, participants, _ = sample.of(title)
    result = coverage(participants, sample.actors, consultation.targets)[stage]
    assert len(result.actor_ids) == count
    assert keys_of(result.gaps) == gaps
    assert len(result.covered) + len(result.gaps) == len(consultation.targets)


def test_declined_actors_do_not_count_as_invited(sample):
    consultation, participants, _ = sample.of(HELD)
    invited = set(coverage(participants, sample.actors, consultation.targets)["invited"].actor_ids)
    declined = {p.actor_id for p in participants if p.status == "declined"}
    assert declined and not declined & invited


@pytest.mark.parametrize(
    "room, warnings",
    [
        ([("local_government", 2), ("national_government", 0)], ["only_government"]),
        ([("local_government", 2), ("academia", 1)], ["only_allies"]),
        ([("local_government", 2), ("local_government", 1)], ["only_government", "only_allies"]),
        ([("local_government", 2), ("civil_society", -1)], []),
        ([("academia", None), ("media", None)], []),
        ([], []),
    ],
)
def test_the_room_warns_when_only_government_or_only_allies(room, warnings):
    actors = [Actor(f"A{i}", sector=sector, stance=stance) for i, (sector, stance) in enumerate(room)]
    assert room_warnings(actors) == warnings


@pytest.mark.parametrize(
    "instrument, count, expected",
    [
        ("focus_group", 23, ("too_many", 6, 10)),
        ("focus_group", 8, None),
        ("public_forum", 12, ("too_few", 50, 300)),
        ("workshop", 0, None),
        ("custom_mesa_tecnica", 500, None),
    ],
)
def test_the_list_is_checked_against_the_instrument_size(instrument, count, expected):
    assert size_warning(instrument, count) == expected


def test_every_instrument_of_the_vocabulary_has_a_size_and_a_guide():
    from toolkit.vocab import DEFAULTS

    for instrument in DEFAULTS["instruments"]:
        assert instrument in INSTRUMENT_SIZES
        for lang in ("es", "en", "pt", "fr"):
            assert catalog(lang).get(f"consultations.guide.{instrument}.when")
            assert catalog(lang).get(f"consultations.guide.{instrument}.prepare")


# -- suggestions -----------------------------------------------------------------------------


def test_suggestions_close_the_gap_with_ranked_explained_candidates(sample):
    consultation, participants, _ = sample.of(CONVENED)
    gaps = suggestions(
        sample.actors, participants, consultation.targets, consulted_actors(sample.participants, consultation.id)
    )
    assert [(g.kind, g.target.key, g.missing) for g in gaps] == [("target", "academia", 1)]
    ranked = gaps[0].suggestions
    listed = {p.actor_id for p in participants}
    assert 1 <= len(ranked) <= 5
    assert all(s.actor.sector == "academia" and s.actor.id not in listed for s in ranked)
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)
    for suggestion in ranked:
        assert suggestion.reasons and all(explain(r) and "{" not in explain(r) for r in suggestion.reasons)
        assert suggestion.score == pytest.approx(sum(r.points for r in suggestion.reasons), abs=0.01)


def test_actors_never_consulted_before_are_said_so(sample):
    consultation, participants, _ = sample.of(CONVENED)
    consulted = consulted_actors(sample.participants, consultation.id)
    assert sample.by_name["Universidad EAFIT"].id in consulted  # attended the held workshop
    gap = suggestions(sample.actors, participants, consultation.targets, consulted, limit=20)[0]
    for suggestion in gap.suggestions:
        keys = [r.key for r in suggestion.reasons]
        assert ("never_consulted" in keys) == (suggestion.actor.id not in consulted), suggestion.actor.name


def test_brokers_and_new_communities_rank_higher_all_else_equal():
    twins = [
        Actor("Gemela A", id=1, sector="academia", influence=3, interest=3, stance=1),
        Actor("Gemela B", id=2, sector="academia", influence=3, interest=3, stance=1),
        Actor("Alcaldía", id=3, sector="local_government", stance=2),
    ]
    room = [Participant(9, 3, "invited")]
    map_info = {1: MapInfo(community=0), 2: MapInfo(community=1, broker=True), 3: MapInfo(community=0)}
    gap = suggestions(twins, room, [CoverageTarget("sector", "academia")], map_info=map_info)[0]
    assert [s.actor.name for s in gap.suggestions] == ["Gemela B", "Gemela A"]
    assert {"broker", "new_community"} <= {r.key for r in gap.suggestions[0].reasons}
    assert not {"broker", "new_community"} & {r.key for r in gap.suggestions[1].reasons}


def test_a_room_of_allies_gets_neutral_or_critical_voices_suggested(sample):
    allies = [a for a in sample.actors if a.stance == 2][:3]
    room = [Participant(1, a.id, "invited") for a in allies]
    gaps = {g.kind: g for g in suggestions(sample.actors, room, [])}
    assert "only_allies" in gaps
    assert gaps["only_allies"].suggestions
    assert all(s.actor.stance is not None and s.actor.stance <= 0 for s in gaps["only_allies"].suggestions)
    assert all("stance_missing" in {r.key for r in s.reasons} for s in gaps["only_allies"].suggestions)


def test_declined_actors_are_not_suggested_and_invited_ones_are_followed_up(sample):
    consultation, participants, _ = sample.of(CONVENED)
    declined = {p.actor_id for p in participants if p.status == "declined"}
    pending = {p.actor_id for p in participants if p.status in ("to_invite", "invited")}
    gaps = suggestions(sample.actors, participants, consultation.targets, stage="confirmed", limit=50)
    suggested = {s.actor.id: s for gap in gaps for s in gap.suggestions}
    assert not declined & set(suggested)
    followed = [s for i, s in suggested.items() if i in pending]
    assert followed and all("follow_up" in {r.key for r in s.reasons} for s in followed)


def test_filters_include_the_community_on_the_map(sample):
    wanted = ActorFilter(sectors=("academia",), themes=("educación",))
    found = select_actors(sample.actors, wanted)
    assert found and all(a.sector == "academia" and "educación" in a.themes for a in found)
    first = found[0]
    info = {first.id: MapInfo(community=4)}
    assert select_actors(sample.actors, wanted, (4,), info) == [first]
    assert select_actors(sample.actors, wanted, (5,), info) == []


def test_the_actor_map_module_is_called_as_agreed(monkeypatch):
    calls = []

    def network_metrics(actors, relations):
        calls.append((len(actors), len(relations)))
        per_actor = {
            1: types.SimpleNamespace(community=2, broker=True, betweenness=0.25),
            2: types.SimpleNamespace(community=0, broker=False, betweenness=0.0),
        }
        return types.SimpleNamespace(per_actor=per_actor)

    fake = types.ModuleType("toolkit.network.analysis")
    fake.network_metrics = network_metrics
    monkeypatch.setitem(sys.modules, "toolkit.network.analysis", fake)
    info = actor_map_info([Actor("A", id=1), Actor("B", id=2)], [Relation(1, 2)])
    assert calls == [(2, 1)]
    assert info == {1: MapInfo(2, True, 0.25), 2: MapInfo(0, False, 0.0)}
    assert actor_map_info([], []) == {}


def test_the_real_actor_map_gives_every_actor_a_community(sample):
    info = actor_map_info(sample.actors, sample.relations)
    if not info:
        pytest.skip("toolkit.network is not installed yet")
    assert set(info) == {a.id for a in sample.actors}
    assert any(i.broker for i in info.values())


# -- synthesis -------------------------------------------------------------------------------


def test_the_synthesis_of_the_held_workshop(sample):
    consultation, participants, contributions = sample.of(HELD)
    result = synthesis(consultation, participants, contributions, sample.actors)
    assert (result.invited, result.confirmed, result.attended) == (22, 16, 16)
    assert result.rate == pytest.approx(16 / 22)
    assert len(result.contributions) == len(contributions) >= 15
    academia = next(r for r in result.by_sector if r.key == "academia")
    assert (academia.invited, academia.attended) == (3, 2)  # UdeA and EAFIT came, SENA did not
    assert sum(r.invited for r in result.by_scale) == 22
    assert [(a.name, p.status) for a, p in result.never_came][:1] == [
        ("Asociación de Juntas de Acción Comunal de Medellín", "invited")
    ]
    assert {p.status for _, p in result.never_came} == {"invited", "declined", "no_show"}
    assert len(result.never_came) == 6
    assert result.by_type == {"commitment": 5, "proposal": 4, "question": 4, "concern": 3, "recommendation": 2}
    assert sum(result.by_theme.values()) == len(contributions)
    assert result.theme_by_type["género"] == {"commitment": 1, "proposal": 1}
    assert result.by_contributor_sector[None] == 1  # said from the floor
    assert [q.actor_id for q in result.open_questions] == [
        sample.by_name[n].id
        for n in ("Junta de Acción Comunal del barrio Santo Domingo Savio", "Secretaría de Paz y Derechos Humanos")
    ]


def test_commitments_carry_what_a_milestone_needs(sample):
    consultation, _, contributions = sample.of(HELD)
    found = commitments(consultation, contributions, sample.actors)
    assert len(found) == 5
    assert [c.due_on for c in found] == sorted(c.due_on for c in found)
    first = found[0]
    assert first.owner == "Universidad EAFIT" and first.due_on == date(2027, 2, 15)
    assert first.consultation_id == consultation.id and first.consultation_title == consultation.title
    for commitment in found:  # a milestone's title: the text's first sentence, cut at a word when long
        assert commitment.contribution_id and len(commitment.title) <= 91
        assert commitment.title == commitment.text or (
            commitment.title.endswith("…") and commitment.text.startswith(commitment.title[:-1])
        )


def test_keep_informed_is_everyone_invited_and_everyone_who_spoke(sample):
    _, participants, contributions = sample.of(HELD)
    ids = keep_informed(participants, contributions)
    assert len(ids) == len(set(ids)) == 22
    _, participants, contributions = sample.of(CONVENED)
    pending = {p.actor_id for p in participants if p.status == "to_invite"}
    assert not pending & set(keep_informed(participants, contributions))


# -- files -----------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
def test_the_synthesis_document_has_what_was_said_and_committed(sample, lang):
    consultation, participants, contributions = sample.of(HELD)
    result = synthesis(consultation, participants, contributions, sample.actors)
    text = docx_text(synthesis_document(result, sample.actors, sample.terms, lang))
    assert t("consultations.synthesis_doc.title", lang=lang) in text
    assert consultation.title in text
    for contribution in contributions:
        assert contribution.text in text
    assert t("consultations.synthesis.commitments", lang=lang) in text
    assert "Universidad EAFIT" in text


def test_user_text_with_control_characters_does_not_break_the_document(sample):
    consultation, participants, _ = sample.of(HELD)
    odd = [Contribution(consultation.id, "Texto con \x07 campana y =FÓRMULA()", actor_id=None, type="question")]
    result = synthesis(consultation, participants, odd, sample.actors)
    assert "Texto con  campana y =FÓRMULA()" in docx_text(synthesis_document(result, sample.actors, {}, "es"))


def test_the_attendance_sheet_lists_who_is_expected_without_contact_data(sample):
    consultation, participants, _ = sample.of(CONVENED)
    text = docx_text(attendance_sheet(consultation, participants, sample.actors, sample.terms, "es"))
    expected = [sample.by_id[p.actor_id] for p in participants if p.status != "declined"]
    declined = [sample.by_id[p.actor_id] for p in participants if p.status == "declined"]
    assert all(a.name in text for a in expected)
    assert not any(a.name in text for a in declined)
    assert "@" not in text
    assert t("consultations.attendance_doc.signature") in text


def test_the_invitation_list_shows_contact_data_only_with_consent(sample):
    consultation, participants, _ = sample.of(HELD)
    data = invitation_workbook(consultation, participants, sample.actors, sample.terms, "es")
    sheet = read_workbook(data, "invitados.xlsx").sheets[0]
    header, rows = sheet.rows[0], sheet.rows[1:]
    assert len(rows) == len(participants)
    email, contact = (
        header.index(t("consultations.columns.email")),
        header.index(t("consultations.columns.contact_name")),
    )
    by_row = {row[0]: row for row in rows}
    bancolombia = sample.by_name["Bancolombia"]
    assert bancolombia.consent == "no" and bancolombia.contact_name
    assert by_row["Bancolombia"][contact] in (None, "") and by_row["Bancolombia"][email] in (None, "")
    eafit = by_row["Universidad EAFIT"]
    assert eafit[email] == sample.by_name["Universidad EAFIT"].email
    for row in rows:
        if row[email]:
            assert sample.by_name[row[0]].consent == "yes"


# -- attendance and contributions from Excel -------------------------------------------------


def test_an_attendance_sheet_is_matched_to_the_register(sample, make_xlsx):
    data = make_xlsx(
        {
            "Asistencia": [
                ["Taller del 10 de septiembre"],
                [],
                ["N.º", "Organización", "Nombre y apellidos", "Cargo", "Correo", "Firma"],
                [1, "ACI Medellín", "Laura Gómez", "Profesional", "", "x"],  # the acronym
                [2, "Universidad Eafit", "Pedro Ruiz", "Docente", "", "x"],  # case and accents differ
                [3, "Alcaldía de Medellín (Despacho)", "Ana", "", "", "x"],  # brackets set aside, as in the register
                [4, "EAFIT", "Marta Díaz", "Investigadora", "", "x"],  # same organisation again
                [5, "Colectivo Juvenil La Loma", "Camilo", "", "camilo@example.org", "x"],
                [6, "", "Vicepresidencia de Competitividad", "", "", "x"],  # the Chamber of Commerce's contact
                [7, "", "Oficina de Relaciones Internacionales", "", "", "x"],  # several actors' contact: nobody
            ]
        }
    )
    preview = read_attendance(read_workbook(data, "asistencia.xlsx"), sample.actors, sample.terms)
    assert not preview.errors
    assert preview.header_row == 2
    matched = {sample.by_id[r.actor_id].name: r for r in preview.matched}
    assert set(matched) == {
        "Agencia de Cooperación e Inversión de Medellín y el Área Metropolitana",
        "Universidad EAFIT",
        "Alcaldía de Medellín",
        "Cámara de Comercio de Medellín para Antioquia",
    }
    assert matched["Universidad EAFIT"].attendee == "Pedro Ruiz; Marta Díaz"
    assert all(r.status == "attended" for r in preview.rows)
    assert [(a.name, a.kind) for a in preview.new_actors] == [
        ("Colectivo Juvenil La Loma", "organisation"),
        ("Oficina de Relaciones Internacionales", "person"),
    ]
    assert preview.new_actors[0].contact_name == "Camilo" and preview.new_actors[0].email == "camilo@example.org"
    assert any(p.key == "consultations.import.report.same_actor" and p.row == 7 for p in preview.warnings)
    assert len(to_import(preview, add_unknown=False).attendance) == 4
    batch = to_import(preview, add_unknown=True, on=date(2026, 9, 10))
    assert len(batch.attendance) == 6 and len(batch.new_actors) == 2
    assert all(mark.on == date(2026, 9, 10) for _, mark in batch.attendance)


@pytest.mark.parametrize(
    "status_cell, expected",
    [
        ("Sí", "attended"),
        ("no", "no_show"),
        ("", None),
        ("Asistió", "attended"),
        ("No-show", "no_show"),
    ],
)
def test_an_attended_column_sets_the_status(sample, make_xlsx, status_cell, expected):
    data = make_xlsx({"Hoja1": [["Organización", "¿Asistió? (Sí/No)"], ["Bancolombia", status_cell]]})
    preview = read_attendance(read_workbook(data, "a.xlsx"), sample.actors)
    assert [r.status for r in preview.rows] == [expected]


def test_the_invitation_list_comes_back_as_attendance(sample):
    consultation, participants, _ = sample.of(CONVENED)
    data = invitation_workbook(consultation, participants, sample.actors, sample.terms, "en")
    preview = read_attendance(read_workbook(data, "invitations.xlsx"), sample.actors, sample.terms)
    assert not preview.warnings and not preview.unmatched
    statuses = {sample.by_id[r.actor_id].id: r.status for r in preview.rows}
    assert statuses == {p.actor_id: p.status for p in participants}


@pytest.mark.parametrize(
    "type_cell, expected",
    [
        ("Compromiso", "commitment"),
        ("Concern", "concern"),
        ("Pergunta", "question"),
        ("Recommandation", "recommendation"),
        ("", "proposal"),
    ],
)
def test_contributions_are_read_in_any_language(sample, make_xlsx, type_cell, expected):
    data = make_xlsx(
        {
            "Aportes": [
                ["Organización", "Tema", "Tipo de aporte", "Aporte", "Prioridad", "Plazo"],
                ["Comfama", "cultura", type_cell, "Abrir las bibliotecas", "Alta", "30/06/2027"],
            ]
        }
    )
    preview = read_contributions(read_workbook(data, "aportes.xlsx"), sample.actors, sample.terms)
    assert not preview.warnings and not preview.survey
    [row] = preview.rows
    [contribution] = row.contributions
    assert sample.by_id[row.actor_id].acronym == "Comfama"
    assert (contribution.type, contribution.theme, contribution.priority, contribution.due_on) == (
        expected,
        "cultura",
        "high",
        date(2027, 6, 30),
    )


def test_survey_answers_become_contributions_themed_by_their_question(sample, make_xlsx):
    question = "¿Qué beneficios concretos espera su organización de la internacionalización de Medellín?"
    data = make_xlsx(
        {
            "Respuestas de formulario 1": [
                [
                    "Marca temporal",
                    "Organización",
                    "Correo electrónico",
                    question,
                    "¿Cómo puede su organización participar?",
                ],
                ["2026/09/01 10:00", "Proantioquia", "", "Más becas", "Con estudios"],
                ["2026/09/01 11:00", "", "internacional.eafit@example.org", "Prácticas", ""],
                ["2026/09/01 12:00", "Anónimo", "", "", ""],
            ]
        }
    )
    preview = read_contributions(read_workbook(data, "encuesta.xlsx"), sample.actors, default_type="recommendation")
    assert preview.survey
    assert preview.contribution_count == 3
    texts = {(sample.by_id[r.actor_id].name, c.theme, c.text, c.type) for r in preview.rows for c in r.contributions}
    assert ("Universidad EAFIT", question, "Prácticas", "recommendation") in texts
    assert (
        "Fundación Proantioquia",
        "¿Cómo puede su organización participar?",
        "Con estudios",
        "recommendation",
    ) in texts


def test_an_unknown_type_is_reported_and_the_default_used(sample, make_xlsx):
    data = make_xlsx({"Aportes": [["Organización", "Tipo", "Aporte"], ["EPM", "Chisme", "Algo"]]})
    preview = read_contributions(read_workbook(data, "a.xlsx"), sample.actors)
    assert [p.key for p in preview.warnings] == ["consultations.import.value.contribution_types"]
    assert preview.warnings[0].row == 2 and preview.warnings[0].column == "Tipo"
    assert preview.rows[0].contributions[0].type == "proposal"


def test_a_list_without_anybody_is_refused_with_a_reason(sample, make_xlsx):
    data = make_xlsx({"Hoja1": [["Fecha", "Observaciones"], ["2026-01-01", "nada"]]})
    preview = read_attendance(read_workbook(data, "a.xlsx"), sample.actors)
    assert [p.key for p in preview.errors] == ["consultations.import.report.no_who_column"]


def test_the_contribution_template_reads_back(sample):
    data = contribution_template("fr")
    sheet = read_workbook(data, "modele.xlsx").sheets[0]
    header = sheet.rows[0]
    from toolkit.spreadsheets.consultations import _fields

    assert _fields(header, "contributions") == ["organisation", "person", "theme", "type", "text", "priority", "due_on"]


# -- backup ----------------------------------------------------------------------------------


def test_a_backup_with_a_bad_consultation_row_says_where(sample, tmp_path):
    from openpyxl import load_workbook

    from toolkit.backup import workspace_backup
    from toolkit.importing import check_file

    engine = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    data = workspace_backup(engine, load_sample(engine))
    engine.dispose()
    workbook = load_workbook(io.BytesIO(data))
    workbook["participants"]["D2"] = "maybe"  # the status column
    workbook["contributions"]["C3"] = 9999  # an actor reference nobody has
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = check_file(None, None, buffer.getvalue(), "backup.xlsx")
    assert [(p.sheet, p.row, p.key) for p in preview.errors] == [
        ("participants", 2, "consultations.errors.bad_invitation_status")
    ]
    assert len(preview.consultations) == 2
    from toolkit.spreadsheets.importing import plan_batch

    plan = plan_batch(preview, [])
    assert [(p.sheet, p.row, p.details) for p in plan.relation_errors] == [("contributions", 3, {"name": "9999"})]


# -- catalogs --------------------------------------------------------------------------------


def test_every_literal_key_of_the_consultations_code_exists():
    files = [
        *(str(path.relative_to(ROOT)) for path in sorted((ROOT / "pages" / "consultations").glob("*.py"))),
        "toolkit/consultations.py",
        "toolkit/consultation_documents.py",
        "toolkit/spreadsheets/consultations.py",
        "toolkit/spreadsheets/importing.py",
    ]
    pattern = re.compile(r"""(?<![f\w])["']((?:consultations|vocab)\.[a-z0-9_.]+)["']""")
    used = {key for name in files for key in pattern.findall((ROOT / name).read_text("utf-8")) if not key.endswith(".")}
    assert used
    assert sorted(used - set(catalog("es"))) == []
