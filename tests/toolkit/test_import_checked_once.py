"""An import's rows are cleaned and checked once, when the file is read, and written in bulk (issue
13's speed): what is stored is what the store's own checks would store, a row the store would refuse
is that row's problem, and an actor that did not come through the parse, or changed since, is still
checked by the store."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.domain import Actor
from toolkit.importing import check_file, import_preview
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.engine import StoreError
from toolkit.store.register import actor_values, list_actors, validate_actor
from toolkit.store.trail import activity
from toolkit.store.workspaces import create_workspace

ROWS = 40  # more than the trail counts one by one: the bulk write
HEADER = "Nombre;Sigla;Temas;Observaciones;Teléfono;Fecha de consentimiento;Consentimiento\n"


def hostile_list() -> bytes:
    rows = [
        f'Ent\x01idad  {n}\ufffe;S\x02{n};agua\x03, paz;"línea 1\nlínea\x04 2";{3000000 + n};2026-01-0{1 + n % 9};sí\n'
        for n in range(ROWS)
    ]
    rows.append("x" * 301 + ";;;;;;\n")  # too long for the name column
    rows.append("\x01\x02;a;;;;;\n")  # a name of characters no file can hold
    return (HEADER + "".join(rows)).encode("utf-8")


def test_an_import_stores_each_row_as_the_store_checks_it(engine):
    workspace = create_workspace(engine, "Importación limpia")
    preview = check_file(engine, workspace.id, hostile_list(), "lista.csv")
    assert sorted(p.key for p in preview.errors) == ["import.report.missing_name", "import.value.too_long"]
    outcome = import_preview(engine, workspace.id, preview, label="lista.csv")
    assert outcome.stored.added == ROWS
    stored = {actor.name: actor for actor in list_actors(engine, workspace.id)}
    first = stored["Entidad 0"]
    assert (first.acronym, first.themes, first.notes) == ("S0", ["agua", "paz"], "línea 1\nlínea 2")
    assert (first.phone, first.consent, first.consent_date) == ("3000000", "yes", date(2026, 1, 1))
    for actor in stored.values():  # every stored row is one the store's own checks leave as it is
        assert validate_actor(actor_values(actor)) == actor_values(actor)
    newest = activity(engine, workspace.id, limit=3)
    assert next(e for e in newest if e["action"] == "insert_many")["after"] == {"count": ROWS}


def test_a_name_of_invisible_characters_is_that_rows_problem_and_the_rest_comes_in(engine):
    workspace = create_workspace(engine, "Nombre invisible")
    data = "Nombre;Sigla\n\x01\x02;a\nJunta de Acción Comunal Laureles;JAC\n".encode()
    preview = check_file(engine, workspace.id, data, "lista.csv")
    assert [(p.row, p.key) for p in preview.errors] == [(2, "import.report.missing_name")]
    outcome = import_preview(engine, workspace.id, preview)
    assert [a.name for a in list_actors(engine, workspace.id)] == ["Junta de Acción Comunal Laureles"]
    assert outcome.stored.added == 1


def test_an_actor_that_did_not_come_through_the_parse_is_checked_by_the_store(engine):
    workspace = create_workspace(engine, "Lote sin revisar")
    too_long = Actor(name="Fundación " + "x" * 300)
    with pytest.raises(StoreError, match="too_long"):
        import_batch(engine, workspace.id, RegisterBatch(new_actors=[too_long]))
    # values said to be checked but not the actor's own (changed since, or never checked)
    fine = validate_actor(actor_values(Actor(name="Fundación Rural")))
    with pytest.raises(StoreError, match="too_long"):
        import_batch(engine, workspace.id, RegisterBatch(new_actors=[too_long], checked=[fine]))
    dirty = Actor(name="Corporación\x00 Norte", themes=["agua\uffff"])
    import_batch(engine, workspace.id, RegisterBatch(new_actors=[dirty], checked=[fine]))
    assert [(a.name, a.themes) for a in list_actors(engine, workspace.id)] == [("Corporación Norte", ["agua"])]


def test_a_row_changed_after_the_parse_is_checked_again(engine):
    workspace = create_workspace(engine, "Cambio en el asistente")
    preview = check_file(engine, workspace.id, b"Nombre;Sector\nMesa de Agua;ONG\n", "lista.csv")
    preview.actors[0].actor.notes = "revisada\x00 en el asistente"  # as the wizard's choices change a row
    import_preview(engine, workspace.id, preview)
    assert [a.notes for a in list_actors(engine, workspace.id)] == ["revisada en el asistente"]


def test_many_new_actors_are_stored_as_a_few_are(engine):
    """The bulk write (more than the trail's one-by-one count) and SQLAlchemy's give the same rows."""

    def actor(n: int) -> Actor:
        return Actor(
            name=f"Colectivo {n}",
            themes=["movilidad", "innovación"],
            custom={"Área": "Medio ambiente", "Código": str(n)},
            consent="yes",
            consent_date=date(2026, 3, 1 + n % 28),
            latitude=6.25,
            longitude=-75.56,
            influence=1 + n % 5,
        )

    few, many = create_workspace(engine, "Pocos"), create_workspace(engine, "Muchos")
    import_batch(engine, few.id, RegisterBatch(new_actors=[actor(n) for n in range(3)]))
    import_batch(engine, many.id, RegisterBatch(new_actors=[actor(n) for n in range(30)]))

    def rows(workspace_id: int, count: int) -> list[dict]:
        return [actor_values(a) for a in sorted(list_actors(engine, workspace_id), key=lambda a: a.id)][:count]

    assert rows(many.id, 3) == rows(few.id, 3) == [actor_values(actor(n)) for n in range(3)]
    assert len(list_actors(engine, many.id)) == 30
