"""Command line, stable for scripts (see DESIGN.md):

    python -m toolkit check  FILE [--json] [--sheet NAME]... [--header-row N] [--map "COLUMN=field"]...
    python -m toolkit import FILE --workspace NAME [--db URL] [--json] [--duplicates merge|skip|keep]
                             [--sheet NAME]... [--header-row N] [--map "COLUMN=field"]...
    python -m toolkit check|import FILE.ics|.eml|.msg --workspace NAME [--team-domain DOMAIN]... [--db URL] [--json]
    python -m toolkit export --workspace NAME --out PATH [--story] [--db URL]
    python -m toolkit sample --workspace NAME [--db URL]
    python -m toolkit users add USERNAME [--name NAME] [--owner WORKSPACE] [--sso] [--password-stdin] [--db URL]
    python -m toolkit users grant USERNAME --workspace NAME --role owner|editor|viewer [--db URL]
    python -m toolkit users password USERNAME [--password-stdin] [--db URL]
    python -m toolkit users list [--db URL]
    python -m toolkit users deactivate USERNAME [--db URL]
    python -m toolkit users activate USERNAME [--db URL]

Exit status 0 when the file was read (row problems are reported, not fatal), 1 when ``import``
found nothing to import (nothing stored, no workspace created, the report printed), 2 when it
cannot be read or the command cannot run: one plain line on stderr, no traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from toolkit import access, clock, questionnaire_cli
from toolkit.backup import RestoreRefused, restore_backup, workspace_backup
from toolkit.capture import CaptureRefused, read_capture
from toolkit.capturing import (
    already_stored,
    capture_report,
    check_capture,
    import_capture,
    is_capture_file,
    matched,
    report_lines,
)
from toolkit.decks import deck_html, deck_pptx
from toolkit.geo import located_geojson
from toolkit.geo_files import workspace_geo, world_html, world_picture
from toolkit.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, language, set_language, t
from toolkit.importing import check_file, import_preview
from toolkit.network import exports as map_exports
from toolkit.network.analysis import network_metrics
from toolkit.network.layout import compute_layout
from toolkit.network.presentation import map_labels
from toolkit.network.render import map_html
from toolkit.network.saved_view import ViewSpec
from toolkit.network.view import map_view
from toolkit.reports import SECTIONS, build_report, report_docx
from toolkit.spreadsheets import exports
from toolkit.spreadsheets.choices import ChoiceRefused, Choices, chosen_layout
from toolkit.spreadsheets.importing import POLICIES, ImportPreview, merge_groups, parse_workbook, plan_batch
from toolkit.spreadsheets.problems import Problem
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook
from toolkit.store import StoreError, open_store
from toolkit.store.accounts import create_user, list_users, set_active, set_member, set_password
from toolkit.store.maps import saved_layout
from toolkit.store.register import list_actors, list_relations
from toolkit.store.sample import load_sample
from toolkit.store.stories import default_story
from toolkit.store.workspaces import create_workspace, find_workspace, vocabulary_terms
from toolkit.stories import build_deck, map_data, view_picture
from toolkit.strategy_workbook import analysis_workbook

EXPORTS = (".xlsx", ".csv", ".html", ".gexf", ".graphml", ".docx", ".png", ".svg", ".pptx", ".geojson")
LABELS = {"errors": "cli.errors", "warnings": "cli.warnings"}
# the wizard's messages that name one of its steps, in the command line's own words
CLI_WORDING = {
    "import.report.no_name_column": "cli.import.no_name_column",
    "import.report.no_actors": "cli.import.no_actors",
    "import.report.name_chosen": "cli.import.name_chosen",
    "import.report.sheet_skipped.no_table": "cli.import.sheet_skipped",
}


class Failure(Exception):
    """A plain-language reason the command cannot run."""


def _problem(problem: Problem) -> dict[str, object]:
    return {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "message": t(CLI_WORDING.get(problem.key, problem.key), **problem.details),
    }


def _report(preview: ImportPreview, extra_errors: list[Problem] | None = None) -> dict[str, object]:
    return {
        "format": preview.format,
        "actors": len(preview.actors),
        "relations": len(preview.relations),
        "errors": [_problem(p) for p in preview.errors + (extra_errors or [])],
        "warnings": [_problem(p) for p in preview.warnings],
        "new_terms": [
            {"vocabulary": term.vocabulary, "key": term.key, "label": term.label, "rows": term.rows}
            for term in preview.new_terms
        ],
    }


def _print_report(report: dict[str, object], as_json: bool) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print(
        t(
            "cli.report",
            format=report["format"],
            actors=report["actors"],
            relations=report["relations"],
            errors=len(report["errors"]),
            warnings=len(report["warnings"]),
        )
    )
    for severity in ("errors", "warnings"):
        for item in report[severity]:
            print(f"  [{t(LABELS[severity])}] {item['sheet']}:{item['row']} {item['column']}: {item['message']}")
    for merge in report.get("merges", []):
        rows = ", ".join(str(row) for row in merge["rows"])
        print("  " + t("cli.merge_line", sheet=merge["sheet"], rows=rows, into=merge["into"], name=merge["name"]))
    for term in report.get("new_terms", []):
        listed = t(f"settings.vocab.name.{term['vocabulary']}")
        print("  " + t("cli.import.new_term", label=term["label"], list=listed, count=term["rows"]))


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


def _contacts(args) -> dict[str, object]:
    """A calendar or e-mail file matched against the workspace's actors (none without --workspace)."""
    data = _read(args.file)
    if not args.workspace:
        return capture_report(check_capture(None, None, data, Path(args.file).name, tuple(args.team_domain)), {})
    engine = _engine(args.db)
    workspace = _workspace(engine, args.workspace, create=False)
    capture = check_capture(engine, workspace.id, data, Path(args.file).name, tuple(args.team_domain))
    names = {actor.id: actor.name for actor in list_actors(engine, workspace.id)}
    return capture_report(capture, names, already_stored(engine, workspace.id, capture))


def command_check(args) -> int:
    if is_capture_file(args.file):
        report = _contacts(args)
        print(json.dumps(report, ensure_ascii=False) if args.json else "\n".join(report_lines(report)))
        return 0
    data = _read(args.file)
    workbook = read_workbook(data, Path(args.file).name)
    preview = check_file(None, None, data, Path(args.file).name, layout=_layout(workbook, args), workbook=workbook)
    report = _report(preview)
    report["merges"] = merge_groups(plan_batch(preview, []).merges)  # rows of the file merged into earlier rows
    _print_report(report, args.json)
    return 0


def _layout(workbook, args):
    """The layout the wizard would give the file with the same choices (``None``: none made)."""
    choices = Choices(sheets=args.sheet, header_row=args.header_row, maps=args.map)
    if not (choices.sheets or choices.header_row is not None or choices.maps):
        return None
    return chosen_layout(workbook, choices)


def _restored(engine, args, data: bytes, workbook) -> bool:
    """A backup workbook going into a new or an empty workspace is restored whole (roadmap and
    indicators included, same as Informes › Descargar todo); into one holding data it is merged
    like any other list. Returns whether it was restored."""
    if parse_workbook(workbook, {}).format != "backup":
        return False
    workspace = find_workspace(engine, args.workspace)
    target = {"new_workspace_name": args.workspace} if workspace is None else {"into_workspace_id": workspace.id}
    try:
        outcome = restore_backup(engine, data, Path(args.file).name, **target)
    except RestoreRefused:  # not empty: merge as an import
        return False
    preview = outcome.contents.preview
    report = _report(preview, [p for p in outcome.problems if p not in preview.errors])
    stored = outcome.stored
    report["stored"] = (
        {"added": stored.added, "merged": stored.updated, "relations": stored.relations}
        if stored
        else {"added": 0, "merged": 0, "relations": 0}
    )
    _print_report(report, args.json)
    if stored and not args.json:
        print(
            t(
                "cli.imported",
                added=stored.added,
                merged=stored.updated,
                relations=stored.relations,
                workspace=args.workspace,
            )
        )
    return True


def _import_contacts(args) -> int:
    """A calendar or e-mail file's interactions stored in an existing workspace, all or none."""
    data = _read(args.file)
    proposals = read_capture(data, Path(args.file).name)  # an unreadable file fails before the database
    engine = _engine(args.db)
    workspace = _workspace(engine, args.workspace, create=False)  # contacts need the actors already there
    capture = matched(engine, workspace.id, proposals, tuple(args.team_domain))
    report = capture_report(capture, {actor.id: actor.name for actor in list_actors(engine, workspace.id)})
    imported = import_capture(engine, workspace.id, capture)
    report["stored"], report["already"] = imported.stored, imported.already
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    print("\n".join(report_lines(report)))
    print(t("capture.cli.stored", count=imported.stored, workspace=workspace.name))
    if imported.already:
        print(t("capture.cli.already", count=imported.already))
    return 0


def command_import(args) -> int:
    if is_capture_file(args.file):
        return _import_contacts(args)
    data = _read(args.file)
    workbook = read_workbook(data, Path(args.file).name)  # unreadable files fail before the database
    layout = _layout(workbook, args)  # so do choices that do not fit the file
    engine = _engine(args.db)
    if layout is None and _restored(engine, args, data, workbook):
        return 0
    workspace = find_workspace(engine, args.workspace)
    preview = check_file(  # read once; a new workspace has the default lists
        engine, workspace.id if workspace else None, data, Path(args.file).name, layout=layout, workbook=workbook
    )
    if not preview.actors and not preview.relations:  # nothing stored, no workspace created
        report = _report(preview)
        report["stored"] = {"added": 0, "merged": 0, "relations": 0}
        _print_report(report, args.json)
        return 1
    workspace = workspace or _workspace(engine, args.workspace, create=True)
    outcome = import_preview(engine, workspace.id, preview, args.duplicates)
    report = _report(preview, outcome.plan.relation_errors if outcome.plan else [])
    stored = outcome.stored
    if stored and stored.conflicts:
        raise Failure(t("errors.conflict", names=", ".join(stored.conflicts)))
    merged = outcome.plan.merged  # into the register and into earlier rows of the file
    report["merges"] = merge_groups(outcome.plan.merges)
    report["stored"] = {"added": stored.added, "merged": merged, "relations": stored.relations}
    _print_report(report, args.json)
    if not args.json:
        print(
            t(
                "cli.imported",
                added=stored.added,
                merged=merged,
                relations=stored.relations,
                workspace=workspace.name,
            )
        )
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
    if suffix == ".geojson" or (suffix in (".html", ".png") and args.view == "geo"):
        data = _geo_file(engine, workspace, actors, suffix)  # issue 19
    elif suffix == ".xlsx" and args.view == "analysis":
        data = analysis_workbook(engine, workspace.id)  # issue 20
    elif suffix == ".xlsx":
        data = workspace_backup(engine, workspace.id)
    elif suffix == ".csv":
        data = exports.register_csv(actors, terms, language())
    elif suffix == ".docx":
        data = _report_file(engine, workspace, args.by_goal)
    elif suffix in (".png", ".svg"):
        data = _picture_file(engine, workspace, suffix)
    elif suffix == ".pptx" or (suffix == ".html" and args.story):
        data = _deck_file(engine, workspace, suffix)
    else:
        data = _map_file(engine, workspace, actors, relations, terms, suffix)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(t("cli.exported", path=str(out), actors=len(actors), relations=len(relations)))
    return 0


def _report_file(engine, workspace, by_goal: bool = False) -> bytes:
    """The report with every section, in the workspace's language, as of today (``by_goal``: and
    the work grouped by SDG)."""
    today = clock.today()
    return report_docx(build_report(engine, workspace.id, SECTIONS, workspace.language, today, by_goal=by_goal))


def _picture_file(engine, workspace, suffix: str) -> bytes:
    """The actor map as it opens (saved layout, coloured by sector) as a picture for a slide or a
    print: title, workspace, date and legend."""
    data = map_data(engine, workspace.id)
    return view_picture(data, ViewSpec(layout=data.layout), t("map.html.title"), clock.today(), suffix[1:])


def _geo_file(engine, workspace, actors, suffix: str) -> bytes:
    """The located actors as GeoJSON (no personal data), or the world map as an offline HTML page or
    a picture for a slide, coloured by sector (issue 19)."""
    if suffix == ".geojson":
        return located_geojson(actors).encode("utf-8")
    found = workspace_geo(engine, workspace.id, workspace.city)
    title, subtitle = t("geo.files.title"), f"{workspace.name} · {format_date(clock.today())}"
    legend, relations, size = t("map.legend.colour", what=t("map.colour.sector")), t("map.html.relations"), ""
    if suffix == ".png":
        return world_picture(found.geo, found.view, legend, relations, size, title=title, subtitle=subtitle)
    words = {"colour": legend, "relations": relations, "size": t("map.legend.size.influence")}
    return world_html(found.geo, found.view, words, title=title, subtitle=subtitle, lang=language()).encode("utf-8")


def _deck_file(engine, workspace, suffix: str) -> bytes:
    """The workspace's default story as PowerPoint or as an offline HTML deck, in its language."""
    story = default_story(engine, workspace.id)
    if story is None:
        raise Failure(t("cli.story.none", workspace=workspace.name))
    deck = build_deck(engine, workspace.id, story, clock.today(), workspace.language)
    return deck_pptx(deck) if suffix == ".pptx" else deck_html(deck).encode("utf-8")


def _map_file(engine, workspace, actors, relations, terms, suffix: str) -> bytes:
    """The actor map as a standalone HTML page (saved layout, legend, date) or a Gephi file."""

    metrics = network_metrics(actors, relations)
    if suffix == ".gexf":
        return map_exports.gexf(actors, relations, metrics, map_exports.custom_labels(terms))
    if suffix == ".graphml":
        return map_exports.graphml(actors, relations, metrics, map_exports.custom_labels(terms))
    kind, saved, _ = saved_layout(engine, workspace.id)
    positions = {**compute_layout(actors, relations, kind), **saved}
    view = map_view(actors, relations, metrics, positions, map_labels(terms))
    texts = {
        "title": t("map.html.title"),
        "caption": workspace.name,
        "date": format_date(clock.today()),
        "legend": t("map.colour.sector"),
        "relations": t("map.html.relations"),
        "download_png": t("map.html.download_png"),
        "png_name": t("map.html.png_name"),
        "lang": language(),
    }
    return map_html(view, texts, height=860, presentation=True).encode("utf-8")


def command_sample(args) -> int:
    engine = _engine(args.db)
    workspace_id = load_sample(engine, args.workspace)
    actors = list_actors(engine, workspace_id)
    print(t("cli.sampled", workspace=args.workspace, actors=len(actors)))
    return 0


def _password(args, username: str) -> str:
    """From stdin with --password-stdin (scripts), else asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass(t("accounts.cli.password_prompt", name=username))
    if getpass.getpass(t("accounts.cli.password_again")) != first:
        raise Failure(t("accounts.errors.passwords_differ"))
    return first


def _grant(engine, username: str, workspace_name: str, role: str) -> None:
    workspace = find_workspace(engine, workspace_name)
    if workspace is None:
        raise Failure(t("accounts.cli.no_workspace", name=workspace_name))
    set_member(engine, workspace.id, username, role)
    print(
        t(
            "accounts.cli.granted",
            name=username.strip().lower(),
            role=t(f"members.roles.{role}"),
            workspace=workspace.name,
        )
    )


def command_users(args) -> int:
    """Accounts from the server's shell: the operator creates the first owner here."""
    engine = _engine(args.db)
    if args.action == "list":
        for _id, username, name in list_users(engine):
            print(f"{username}\t{name}")
        return 0
    username = args.username
    if args.action == "add":
        create_user(engine, username, None if args.sso else _password(args, username), args.name or "")
        print(t("accounts.cli.created", name=username.strip().lower()))
        if args.owner:
            _grant(engine, username, args.owner, "owner")
    elif args.action == "grant":
        _grant(engine, username, args.workspace, args.role)
    elif args.action == "password":
        set_password(engine, username, _password(args, username))
        print(t("accounts.cli.password_set", name=username.strip().lower()))
    elif args.action in ("deactivate", "activate"):
        active = args.action == "activate"
        set_active(engine, username, active)
        print(t("accounts.cli.activated" if active else "accounts.cli.deactivated", name=username.strip().lower()))
    return 0


def _choice_arguments(command: argparse.ArgumentParser) -> None:
    """The wizard's steps 2 to 4 for a script: sheets, header row, columns."""
    command.add_argument("--sheet", action="append", default=[], metavar="NAME", help=t("cli.help.sheet"))
    command.add_argument("--header-row", type=int, metavar="N", help=t("cli.help.header_row"))
    command.add_argument("--map", action="append", default=[], metavar="COLUMN=field", help=t("cli.help.map"))


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m toolkit", description=t("cli.description"))
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=t("cli.help.check"))
    check.add_argument("file")
    check.add_argument("--json", action="store_true")
    _choice_arguments(check)
    check.add_argument("--workspace")  # calendar and e-mail files are matched against its actors
    check.add_argument("--db")
    check.add_argument("--team-domain", action="append", default=[], help=t("capture.cli.help_team_domain"))
    check.set_defaults(run=command_check)
    importing = commands.add_parser("import", help=t("cli.help.import"))
    importing.add_argument("file")
    importing.add_argument("--workspace", required=True)
    importing.add_argument("--db")
    importing.add_argument("--json", action="store_true")
    importing.add_argument("--duplicates", choices=POLICIES, default="merge")
    importing.add_argument("--team-domain", action="append", default=[], help=t("capture.cli.help_team_domain"))
    _choice_arguments(importing)
    importing.set_defaults(run=command_import)
    export = commands.add_parser("export", help=t("cli.help.export"))
    export.add_argument("--workspace", required=True)
    export.add_argument("--out", required=True)
    export.add_argument("--db")
    export.add_argument("--story", action="store_true", help=t("cli.help.story"))
    export.add_argument("--view", choices=("analysis", "geo"), help=t("strategy.cli.help_view"))
    export.add_argument("--by-goal", action="store_true", help=t("strategy.cli.help_by_goal"))
    export.set_defaults(run=command_export)
    sample = commands.add_parser("sample", help=t("cli.help.sample"))
    sample.add_argument("--workspace", required=True)
    sample.add_argument("--db")
    sample.set_defaults(run=command_sample)
    users = commands.add_parser("users", help=t("accounts.cli.help_users"))
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add")
    add.add_argument("username", help=t("accounts.cli.help_username"))
    add.add_argument("--name")
    add.add_argument("--owner", metavar="WORKSPACE", help=t("accounts.cli.help_owner"))
    add.add_argument("--sso", action="store_true", help=t("accounts.cli.help_sso"))
    grant = actions.add_parser("grant")
    grant.add_argument("username")
    grant.add_argument("--workspace", required=True)
    grant.add_argument("--role", required=True, choices=("owner", "editor", "viewer"), help=t("accounts.cli.help_role"))
    password = actions.add_parser("password")
    password.add_argument("username")
    listing = actions.add_parser("list")
    deactivate = actions.add_parser("deactivate")
    deactivate.add_argument("username")
    activate = actions.add_parser("activate")
    activate.add_argument("username")
    for action in (add, grant, password, listing, deactivate, activate):
        action.add_argument("--db")
    for action in (add, password):
        action.add_argument("--password-stdin", action="store_true", help=t("accounts.cli.help_password_stdin"))
    users.set_defaults(run=command_users)
    questionnaire_cli.add_command(commands)  # links: a consultation's questionnaire links (issue 18)
    return main


def main(argv: list[str] | None = None) -> int:
    lang = os.environ.get("HOJA_LANG", DEFAULT_LANGUAGE)
    set_language(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    access.set_current(access.LOCAL)  # the command line is the server operator's tool
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except CaptureRefused as error:
        print(t(error.key, **error.details), file=sys.stderr)
    except UnreadableFile as error:
        print(t(error.message_key, **error.details), file=sys.stderr)
    except ChoiceRefused as error:
        print(t(error.key, **error.details), file=sys.stderr)
    except StoreError as error:
        print(t(error.message_key, **error.details), file=sys.stderr)
    except Failure as error:
        print(str(error), file=sys.stderr)
    return 2
