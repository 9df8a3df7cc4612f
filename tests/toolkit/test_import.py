"""The import cases of the register, as a table of files and the report a user should see."""

import pytest

from toolkit.domain import Actor
from toolkit.i18n import t
from toolkit.importing import check_file, import_preview
from toolkit.spreadsheets import exports
from toolkit.spreadsheets.importing import find_duplicates
from toolkit.spreadsheets.reading import read_workbook
from toolkit.store.register import add_actor, list_actors, list_relations
from toolkit.store.sample import load_sample
from toolkit.store.workspaces import create_workspace, vocabulary_terms


def preview_of(data: bytes, name: str = "lista.xlsx", engine=None, workspace_id=None):
    return check_file(engine, workspace_id, data, name)


def by_name(preview):
    return {p.actor.name: p.actor for p in preview.actors}


# -- one file per case: headers in four languages, layouts, values --------------------------

CASES = {
    "spanish list below a title, merged cells and blank rows": (
        {
            "Listado": [
                ["Mapa de actores de Medellín", None, None, None],
                [None] * 4,
                [None] * 4,
                ["Nombre de la entidad", "Sector", "Nivel de influencia", "Posición"],
                ["Universidad de Antioquia", "Academia", "Alto", "Aliado"],
                ["EPM", "Empresa", "5", "Favorable"],
            ]
        },
        {"Listado": ["A1:D1"]},
        {
            "Universidad de Antioquia": {"sector": "academia", "influence": 4, "stance": 2},
            "EPM": {"sector": "private_sector", "influence": 5, "stance": 1},
        },
    ),
    "english headers": (
        {
            "Stakeholders": [
                ["Organisation / Department", "Category", "Power", "Interest level", "Attitude", "Topics"],
                ["UN-Habitat", "International organisation", "High", "Medium", "Supportive", "housing; resilience"],
            ]
        },
        None,
        {
            "UN-Habitat": {
                "sector": "international_organisation",
                "influence": 4,
                "interest": 3,
                "stance": 1,
                "themes": ["housing", "resilience"],
            }
        },
    ),
    "portuguese headers": (
        {
            "Atores": [
                ["Nome da organização", "Setor", "Nível de influência", "Nível de interesse", "Posição"],
                ["Prefeitura de Belo Horizonte", "Governo local", "Médio", "Alto", "Aliado"],
            ]
        },
        None,
        {"Prefeitura de Belo Horizonte": {"sector": "local_government", "influence": 3, "interest": 4, "stance": 2}},
    ),
    "french headers": (
        {
            "Acteurs": [
                ["Nom de l'organisation", "Secteur", "Niveau d'influence", "Niveau d'intérêt", "Position", "Échelle"],
                ["Région Île-de-France", "Gouvernement régional", "Élevé", "Faible", "Neutre", "Internationale"],
            ]
        },
        None,
        {
            "Région Île-de-France": {
                "sector": "regional_government",
                "influence": 4,
                "interest": 2,
                "stance": 0,
                "scale": "international",
            }
        },
    ),
    "levels as H/M/L, decimals and decimal commas": (
        {"Hoja1": [["Nombre", "Influencia", "Interés"], ["A", "H", "3,5"], ["B", 2.4, "L"], ["C", "m", 5]]},
        None,
        {
            "A": {"influence": 4, "interest": 4},
            "B": {"influence": 2, "interest": 2},
            "C": {"influence": 3, "interest": 5},
        },
    ),
    "theme lists with pipes, semicolons and commas": (
        {"Hoja1": [["Nombre", "Temas"], ["A", "movilidad | paz;cultura, innovación"]]},
        None,
        {"A": {"themes": ["movilidad", "paz", "cultura", "innovación"]}},
    ),
    "contact columns in English, including E-mail with a hyphen": (
        {
            "List": [
                ["Name", "Contact person", "Job title", "E-mail", "Phone", "Consent"],
                ["Bogotá Chamber of Commerce", "Press office", "Head", "press@example.org", "+57 601 000 0000", "yes"],
            ]
        },
        None,
        {
            "Bogotá Chamber of Commerce": {
                "contact_name": "Press office",
                "contact_role": "Head",
                "email": "press@example.org",
                "phone": "+57 601 000 0000",
                "consent": "yes",
            }
        },
    ),
    "phone and ID numbers stay text": (
        {"Hoja1": [["Nombre", "Teléfono", "NIT"], ["A", 3001234567, 890904996]]},
        None,
        {"A": {"phone": "3001234567", "custom": {"NIT": "890904996"}}},
    ),
    "names with markup or formulas are kept as typed": (
        {"Hoja1": [["Nombre"], ["<img src=x onerror=alert(1)>"], ['\'=HYPERLINK("http://x")']]},
        None,
        {"<img src=x onerror=alert(1)>": {}, '\'=HYPERLINK("http://x")': {}},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_actor_lists_are_understood(case, make_xlsx):
    sheets, merged, expected = CASES[case]
    preview = preview_of(make_xlsx(sheets, merged))
    actors = by_name(preview)
    assert set(actors) == set(expected)
    for name, fields in expected.items():
        for field, value in fields.items():
            assert getattr(actors[name], field) == value, (name, field)
    assert not preview.errors


def test_values_not_understood_are_reported_with_sheet_row_and_column(make_xlsx):
    data = make_xlsx(
        {
            "Listado": [
                ["Título"],
                [None],
                ["Nombre", "Influencia", "Posición", "Sector"],
                ["A", "muchísimo", "Aliado", "Academia"],
                ["B", 9, "quién sabe", "Marcianos"],
                [None, 3, "Aliado", None],
            ]
        }
    )
    preview = preview_of(data)
    found = {(p.sheet, p.row, p.column, p.key) for p in preview.warnings}
    assert ("Listado", 4, "Influencia", "import.value.level") in found
    assert ("Listado", 5, "Influencia", "import.value.level_range") in found
    assert ("Listado", 5, "Posición", "import.value.stance") in found
    assert [(p.row, p.key) for p in preview.errors] == [(6, "import.report.missing_name")]
    # a sector the lists lack is not a problem but the file's own term, offered as a new one (issue 13)
    assert not [p for p in preview.warnings if p.column == "Sector"]
    assert [(term.vocabulary, term.label, term.rows) for term in preview.new_terms] == [("sectors", "Marcianos", 1)]


def test_instruction_sheets_and_kumu_ignore_sheets_are_skipped(make_xlsx):
    data = make_xlsx(
        {
            "Instrucciones": [["Llene una fila por actor."], ["No cambie los encabezados."]],
            "Actores": [["Nombre", "Sector"], ["A", "Academia"]],
            "Notas (ignore)": [["Nombre"], ["No importar"]],
        }
    )
    preview = preview_of(data)
    roles = {s.name: s.role for s in preview.layout.sheets}
    assert roles == {"Instrucciones": "skip", "Actores": "actors", "Notas (ignore)": "skip"}
    assert list(by_name(preview)) == ["A"]


def test_kumu_layout_with_several_targets_in_one_cell(make_xlsx):
    data = make_xlsx(
        {
            "Elements": [
                ["Label", "Type", "Description", "Tags"],
                ["ACI Medellín", "Organization", "Agencia", "inversión | cooperación"],
                ["BID", "International organisation", "", ""],
                ["CAF", "", "", ""],
            ],
            "Connections": [
                ["From", "To", "Type", "Direction", "Strength"],
                ["ACI Medellín", "BID | CAF", "Funding", "directed", "3"],
            ],
        }
    )
    preview = preview_of(data, "kumu.xlsx")
    assert preview.format == "kumu"
    actors = by_name(preview)
    assert actors["ACI Medellín"].themes == ["inversión", "cooperación"]
    assert actors["BID"].sector == "international_organisation"
    assert [
        (r.source, r.target, r.relation.type, r.relation.directed, r.relation.strength) for r in preview.relations
    ] == [("ACI Medellín", "BID", "funding", True, 3), ("ACI Medellín", "CAF", "funding", True, 3)]


@pytest.mark.parametrize("nodes, relations", [("Nodes", "Relations"), ("Nodos", "Relaciones")])
def test_onodo_layout_in_english_and_spanish(nodes, relations, make_xlsx):
    data = make_xlsx(
        {
            nodes: [
                ["Name", "Type", "Description", "Visible"],
                ["Concejo de Medellín", "Gobierno local", "", 1],
                ["Telemedellín", "Medios", "", 1],
            ],
            relations: [
                ["Source", "Relationship", "Target", "At", "Directed"],
                ["Concejo de Medellín", "Información", "Telemedellín", "", "no"],
            ],
        }
    )
    preview = preview_of(data, "onodo.xlsx")
    assert preview.format == "onodo"
    assert by_name(preview)["Telemedellín"].sector == "media"
    assert [(r.source, r.target, r.relation.type) for r in preview.relations] == [
        ("Concejo de Medellín", "Telemedellín", "information")
    ]


def test_csv_from_spanish_excel_in_windows_1252_with_semicolons(engine):
    text = (
        "Nombre;Sector;Influencia;Temas\r\nGobernación de Antioquia;Gobierno regional;4,5;paz|vías\r\n"
        "Asociación Campesina Año Nuevo;Organización comunitaria;2;campo\r\n"
    )
    preview = preview_of(text.encode("cp1252"), "lista.csv")
    actors = by_name(preview)
    assert actors["Gobernación de Antioquia"].influence == 5
    assert actors["Gobernación de Antioquia"].themes == ["paz", "vías"]
    assert actors["Asociación Campesina Año Nuevo"].sector == "community_organisation"


# -- duplicates and storing -------------------------------------------------------------------


def test_duplicates_in_the_file_and_against_the_register(engine, make_xlsx):
    workspace = create_workspace(engine, "Prueba")
    add_actor(engine, workspace.id, Actor("Agencia de Cooperación e Inversión de Medellín", acronym="ACI"))
    data = make_xlsx(
        {
            "Hoja1": [
                ["Nombre", "Sigla", "Ciudad"],
                ["  universidad   de ANTIOQUIA ", "UdeA", "Medellín"],
                ["Universidad de Antioquia", "", ""],
                ["ACI", "", "Medellín"],
            ]
        }
    )
    preview = preview_of(data, engine=engine, workspace_id=workspace.id)
    duplicates = find_duplicates(preview, list_actors(engine, workspace.id))
    assert [(d.row, d.first_row, d.existing_id is not None) for d in duplicates] == [(3, 2, False), (4, None, True)]


@pytest.mark.parametrize(
    "policy, names, city_of_aci",
    [
        ("merge", ["Agencia de Cooperación e Inversión de Medellín", "Universidad de Antioquia"], "Medellín"),
        ("skip", ["Agencia de Cooperación e Inversión de Medellín", "Universidad de Antioquia"], ""),
        (
            "keep",
            [
                "ACI",
                "Agencia de Cooperación e Inversión de Medellín",
                "Universidad de Antioquia",
                "universidad de antioquia",
            ],
            "",
        ),
    ],
)
def test_duplicate_policies(policy, names, city_of_aci, engine, make_xlsx):
    workspace = create_workspace(engine, "Prueba")
    add_actor(engine, workspace.id, Actor("Agencia de Cooperación e Inversión de Medellín", acronym="ACI"))
    data = make_xlsx(
        {
            "Hoja1": [
                ["Nombre", "Ciudad", "Temas"],
                ["Universidad de Antioquia", "", "paz"],
                ["universidad de antioquia", "Medellín", "ciencia"],
                ["ACI", "Medellín", ""],
            ]
        }
    )
    preview = preview_of(data, engine=engine, workspace_id=workspace.id)
    import_preview(engine, workspace.id, preview, policy)
    stored = list_actors(engine, workspace.id)
    assert sorted(a.name for a in stored) == names
    aci = next(a for a in stored if a.acronym == "ACI")
    assert aci.city == city_of_aci
    if policy == "merge":
        udea = next(a for a in stored if a.name == "Universidad de Antioquia")
        assert (udea.city, udea.themes) == ("Medellín", ["paz", "ciencia"])


def test_actors_and_relations_sheets_are_stored_together(engine, make_xlsx):
    workspace = create_workspace(engine, "Prueba")
    data = make_xlsx(
        {
            "Actores": [["Nombre"], ["A"], ["B"], ["C"]],
            "Relaciones": [
                ["Origen", "Destino", "Tipo", "Fuerza"],
                ["A", "B", "Alianza", "Fuerte"],
                ["B", "Z", "Cooperación", 1],
                ["C", "C", "", ""],
            ],
        }
    )
    preview = preview_of(data, engine=engine, workspace_id=workspace.id)
    outcome = import_preview(engine, workspace.id, preview)
    assert (outcome.stored.added, outcome.stored.relations) == (3, 1)
    assert [(p.row, p.key) for p in outcome.plan.relation_errors] == [
        (3, "import.report.unknown_actor"),
        (4, "import.report.self_relation"),
    ]
    relation = list_relations(engine, workspace.id)[0]
    assert (relation.type, relation.strength) == ("alliance", 3)


def test_a_failed_import_stores_nothing(engine, make_xlsx, monkeypatch):
    workspace = create_workspace(engine, "Prueba")
    data = make_xlsx(
        {
            "Actores": [["Nombre"], *[[f"Actor {n}"] for n in range(50)]],
            "Relaciones": [["Origen", "Destino"], ["Actor 1", "Actor 2"]],
        }
    )
    preview = preview_of(data, engine=engine, workspace_id=workspace.id)
    import toolkit.store.batches as batches

    real_insert = batches.insert_actors

    def broken_insert(*args, **kwargs):
        real_insert(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(batches, "insert_actors", broken_insert)  # fails after actors were inserted
    with pytest.raises(RuntimeError):
        import_preview(engine, workspace.id, preview)
    assert list_actors(engine, workspace.id) == []
    assert list_relations(engine, workspace.id) == []


# -- our own files come back ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
def test_the_blank_template_filled_in_imports_in_every_language(lang, engine):
    import io

    from openpyxl import load_workbook

    workspace = create_workspace(engine, "Plantilla")
    terms = vocabulary_terms(engine, workspace.id)
    book = load_workbook(io.BytesIO(exports.template_workbook(terms, lang)))
    sheet = book[t("export.sheet.actors", lang=lang)]
    headers = [c.value for c in sheet[1]]
    row = {
        t("columns.name", lang=lang): "Concejo de Medellín",
        t("columns.sector", lang=lang): t("vocab.sectors.local_government", lang=lang),
        t("columns.stance", lang=lang): t("vocab.stances.reluctant", lang=lang),
        t("columns.influence", lang=lang): 4,
        t("columns.kind", lang=lang): t("vocab.kinds.organisation", lang=lang),
        t("columns.consent", lang=lang): t("vocab.consent.yes", lang=lang),
        t("columns.dimensions", lang=lang): t("vocab.dimensions.political", lang=lang),
    }
    sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = preview_of(buffer.getvalue(), engine=engine, workspace_id=workspace.id)
    assert preview.format == "template"
    assert not preview.warnings, [t(p.key, **p.details) for p in preview.warnings]
    actor = by_name(preview)["Concejo de Medellín"]
    assert (actor.sector, actor.stance, actor.influence, actor.consent, actor.dimensions) == (
        "local_government",
        -1,
        4,
        "yes",
        ["political"],
    )


def _sheets(data: bytes) -> dict[str, list[list[object]]]:
    return {s.name: s.rows for s in read_workbook(data, "x.xlsx").sheets}


def test_backup_round_trip_gives_the_same_workbook(engine, sample_id):
    from toolkit.backup import restore_backup, workspace_backup

    first = workspace_backup(engine, sample_id)
    preview = preview_of(first, "backup.xlsx", engine, create_workspace(engine, "Revisado").id)
    assert preview.format == "backup" and not preview.errors and not preview.warnings
    outcome = restore_backup(engine, first, "backup.xlsx", new_workspace_name="Restaurado")
    assert outcome.ok and not outcome.problems and outcome.stored.consultations == 2
    assert (outcome.stored.audiences, outcome.stored.campaigns) == (7, 3)
    second = workspace_backup(engine, outcome.workspace_id)
    before, after = _sheets(first), _sheets(second)
    assert list(before) == list(after)
    for sheet in (
        "actors",
        "relations",
        "vocabularies",
        "consultations",
        "participants",
        "contributions",
        "audiences",
        "audience_members",
        "campaigns",
        "activities",
        "kpis",
        "kpi_measurements",
        "milestones",
        "indicators",
        "indicator_measurements",
    ):
        assert before[sheet] == after[sheet], sheet
    assert before["workspace"][1][1:] == after["workspace"][1][1:]  # all but the name
    assert len(before["contributions"]) > 15
    assert len(before["audience_members"]) >= 3 and len(before["kpi_measurements"]) > 10
    assert len(before["milestones"]) > 10 and len(before["indicator_measurements"]) > 10
    assert any(row[8] or row[9] for row in before["milestones"][1:])  # milestones linked by the backup's numbers


def test_register_export_reimports_with_the_same_values(engine, sample_id):
    actors = list_actors(engine, sample_id)
    terms = vocabulary_terms(engine, sample_id)
    data = exports.register_workbook(actors, list_relations(engine, sample_id), terms, "es")
    other = create_workspace(engine, "Copia")
    preview = preview_of(data, engine=engine, workspace_id=other.id)
    assert not preview.warnings, [t(p.key, **p.details) for p in preview.warnings][:5]
    again = by_name(preview)
    for actor in actors:
        copy = again[actor.name]
        assert (copy.sector, copy.scale, copy.stance, copy.influence, copy.themes, copy.email) == (
            actor.sector,
            actor.scale,
            actor.stance,
            actor.influence,
            actor.themes,
            actor.email,
        )


def test_formula_like_names_are_exported_as_text(engine):
    import io
    import zipfile

    workspace = create_workspace(engine, "Fórmulas")
    add_actor(engine, workspace.id, Actor('=HYPERLINK("http://evil","clic")'))
    data = exports.register_workbook(
        list_actors(engine, workspace.id), [], vocabulary_terms(engine, workspace.id), "es"
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all(b"<f>" not in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert _sheets(data)[t("export.sheet.actors")][1][0] == '=HYPERLINK("http://evil","clic")'
    csv_text = exports.register_csv(
        list_actors(engine, workspace.id), vocabulary_terms(engine, workspace.id), "es"
    ).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text


def test_register_without_personal_data_has_no_contact_columns(engine, sample_id):
    actors = list_actors(engine, sample_id)
    data = exports.register_workbook(actors, [], vocabulary_terms(engine, sample_id), "es", personal=False)
    rows = _sheets(data)[t("export.sheet.actors")]
    headers = rows[0]
    for column in ("contact_name", "email", "phone", "contact_role"):
        assert t(f"columns.{column}") not in headers
    assert not any("@" in str(cell) for row in rows for cell in row)


def test_the_sample_loads_twice_under_different_names(engine):
    first = load_sample(engine, "Uno")
    second = load_sample(engine, "Dos")
    assert len(list_actors(engine, first)) == len(list_actors(engine, second)) >= 60
