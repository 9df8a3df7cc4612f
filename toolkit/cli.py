"""Command line, stable for scripts (see DESIGN.md):

    python -m toolkit check  FILE [--json]
    python -m toolkit import FILE --workspace NAME [--db URL] [--json] [--duplicates merge|skip|keep]
    python -m toolkit export --workspace NAME --out PATH [--db URL]
    python -m toolkit sample --workspace NAME [--db URL]

Exit status 0 when the file was read (row problems are reported, not fatal), 2 when it
cannot be read or the command cannot run: one plain line on stderr, no traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from toolkit.i18n import DEFAULT_LANGUAGE, LANGUAGES, language, set_language, t
from toolkit.register import check_file, import_preview, load_sample, workspace_backup
from toolkit.spreadsheets import exports
from toolkit.spreadsheets.importing import POLICIES, ImportPreview, Problem
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook
from toolkit.store import StoreError, open_store
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import create_workspace, find_workspace, vocabulary_terms

EXPORTS = (".xlsx", ".csv", ".html", ".gexf", ".graphml")
LABELS = {"errors": "cli.errors", "warnings": "cli.warnings"}


class Failure(Exception):
    """A plain-language reason the command cannot run."""


def _problem(problem: Problem) -> dict[str, object]:
    return {"sheet": problem.sheet, "row": problem.row, "column": problem.column,
            "message": t(problem.key, **problem.details)}


def _report(preview: ImportPreview, extra_errors: list[Problem] | None = None) -> dict[str, object]:
    return {
        "format": preview.format,
        "actors": len(preview.actors),
        "relations": len(preview.relations),
        "errors": [_problem(p) for p in preview.errors + (extra_errors or [])],
        "warnings": [_problem(p) for p in preview.warnings],
    }


def _print_report(report: dict[str, object], as_json: bool) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print(t("cli.report", format=report["format"], actors=report["actors"], relations=report["relations"],
            errors=len(report["errors"]), warnings=len(report["warnings"])))
    for severity in ("errors", "warnings"):
        for item in report[severity]:
            print(f"  [{t(LABELS[severity])}] {item['sheet']}:{item['row']} {item['column']}: {item['message']}")


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise Failure(t("cli.no_file", path=path))
    return file.read_bytes()


def _engine(url: str | None):
    try:
        return open_store(url)
    except Exception as error:  # noqa: BLE001 - any driver error becomes one plain line
        raise Failure(t("errors.database_unavailable") + f" ({type(error).__name__})") from error


def _workspace(engine, name: str, create: bool):
    workspace = find_workspace(engine, name)
    if workspace is None:
        if not create:
            raise Failure(t("cli.no_workspace", name=name))
        workspace = create_workspace(engine, name)
    return workspace


def command_check(args) -> int:
    preview = check_file(None, None, _read(args.file), Path(args.file).name)
    _print_report(_report(preview), args.json)
    return 0


def command_import(args) -> int:
    data = _read(args.file)
    workbook = read_workbook(data, Path(args.file).name)  # unreadable files fail before the database
    engine = _engine(args.db)
    workspace = _workspace(engine, args.workspace, create=True)
    preview = check_file(engine, workspace.id, data, Path(args.file).name, workbook=workbook)  # read once
    outcome = import_preview(engine, workspace.id, preview, args.duplicates)
    report = _report(preview, outcome.plan.relation_errors if outcome.plan else [])
    stored = outcome.stored
    if stored and stored.conflicts:
        raise Failure(t("errors.conflict", names=", ".join(stored.conflicts)))
    report["stored"] = {"added": stored.added, "merged": stored.updated, "relations": stored.relations}
    _print_report(report, args.json)
    if not args.json:
        print(t("cli.imported", added=stored.added, merged=stored.updated, relations=stored.relations,
                workspace=workspace.name))
    return 0


def command_export(args) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in EXPORTS:
        raise Failure(t("cli.bad_export", suffix=suffix or "?", choices=", ".join(EXPORTS)))
    engine = _engine(args.db)
    workspace = _workspace(engine, args.workspace, create=False)
    actors, relations = list_actors(engine, workspace.id), list_relations(engine, workspace.id)
    terms = vocabulary_terms(engine, workspace.id)
    if suffix == ".xlsx":
        data = workspace_backup(engine, workspace.id)
    elif suffix == ".csv":
        data = exports.register_csv(actors, terms, language())
    else:
        data = _map_file(engine, workspace, actors, relations, terms, suffix)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(t("cli.exported", path=str(out), actors=len(actors), relations=len(relations)))
    return 0


def _map_file(engine, workspace, actors, relations, terms, suffix: str) -> bytes:
    """The actor map as a standalone HTML page (saved layout, legend, date) or a Gephi file."""
    from datetime import date

    from toolkit.i18n import format_date
    from toolkit.network import exports as map_exports
    from toolkit.network.analysis import network_metrics
    from toolkit.network.layout import compute_layout
    from toolkit.network.presentation import map_labels
    from toolkit.network.render import map_html
    from toolkit.network.view import map_view
    from toolkit.store.maps import saved_layout

    metrics = network_metrics(actors, relations)
    if suffix == ".gexf":
        return map_exports.gexf(actors, relations, metrics)
    if suffix == ".graphml":
        return map_exports.graphml(actors, relations, metrics)
    kind, saved, _ = saved_layout(engine, workspace.id)
    positions = {**compute_layout(actors, relations, kind), **saved}
    view = map_view(actors, relations, metrics, positions, map_labels(terms))
    texts = {"title": t("map.html.title"), "caption": workspace.name, "date": format_date(date.today()),
             "legend": t("map.colour.sector"), "relations": t("map.html.relations"),
             "download_png": t("map.html.download_png"), "png_name": t("map.html.png_name"), "lang": language()}
    return map_html(view, texts, height=860, presentation=True).encode("utf-8")


def command_sample(args) -> int:
    engine = _engine(args.db)
    workspace_id = load_sample(engine, args.workspace)
    actors = list_actors(engine, workspace_id)
    print(t("cli.sampled", workspace=args.workspace, actors=len(actors)))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m toolkit", description=t("cli.description"))
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=t("cli.help.check"))
    check.add_argument("file")
    check.add_argument("--json", action="store_true")
    check.set_defaults(run=command_check)
    importing = commands.add_parser("import", help=t("cli.help.import"))
    importing.add_argument("file")
    importing.add_argument("--workspace", required=True)
    importing.add_argument("--db")
    importing.add_argument("--json", action="store_true")
    importing.add_argument("--duplicates", choices=POLICIES, default="merge")
    importing.set_defaults(run=command_import)
    export = commands.add_parser("export", help=t("cli.help.export"))
    export.add_argument("--workspace", required=True)
    export.add_argument("--out", required=True)
    export.add_argument("--db")
    export.set_defaults(run=command_export)
    sample = commands.add_parser("sample", help=t("cli.help.sample"))
    sample.add_argument("--workspace", required=True)
    sample.add_argument("--db")
    sample.set_defaults(run=command_sample)
    return main


def main(argv: list[str] | None = None) -> int:
    lang = os.environ.get("HOJA_LANG", DEFAULT_LANGUAGE)
    set_language(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UnreadableFile as error:
        print(t(error.message_key, **error.details), file=sys.stderr)
    except StoreError as error:
        print(t(error.message_key, **error.details), file=sys.stderr)
    except Failure as error:
        print(str(error), file=sys.stderr)
    return 2
