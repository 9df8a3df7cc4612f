"""``python -m toolkit links``: a consultation's questionnaire links for a mail merge (issue 18).

Writes one row per participant given a new link (name, contact and e-mail where consent allows,
link). The store keeps only each token's hash, so links are given once: a participant who already
holds an active link is counted, not listed, unless ``--reissue`` gives everyone a new one (the
old ones stop working).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.i18n import language, t
from toolkit.questionnaire_documents import link_rows, links_workbook
from toolkit.questionnaires import closing_date, link_url
from toolkit.store import open_store
from toolkit.store.consultations import list_consultations, list_participants
from toolkit.store.questionnaires import issue_links
from toolkit.store.register import list_actors
from toolkit.store.workspaces import find_workspace
from toolkit.vocab import fold

DEFAULT_BASE = "http://localhost:8501"


def add_command(commands) -> None:
    """Add the ``links`` subcommand to the command line's parser."""
    links = commands.add_parser("links", help=t("questionnaires.cli.help"))
    links.add_argument("--workspace", required=True)
    links.add_argument("--consultation", required=True, metavar="TITLE")
    links.add_argument("--out", required=True)
    links.add_argument("--base-url", default=DEFAULT_BASE, help=t("questionnaires.cli.help_base", default=DEFAULT_BASE))
    links.add_argument("--reissue", action="store_true", help=t("questionnaires.cli.help_reissue"))
    links.add_argument("--db")
    links.set_defaults(run=command_links)


def command_links(args: argparse.Namespace) -> int:
    if not args.out.lower().endswith(".xlsx"):
        print(t("questionnaires.cli.xlsx_only"), file=sys.stderr)
        return 2
    engine = open_store(args.db)
    workspace = find_workspace(engine, args.workspace)
    if workspace is None:
        print(t("cli.no_workspace", name=args.workspace), file=sys.stderr)
        return 2
    wanted = fold(" ".join(args.consultation.split()))
    found = [c for c in list_consultations(engine, workspace.id) if fold(c.title) == wanted]
    if len(found) != 1:
        key = "questionnaires.cli.no_consultation" if not found else "questionnaires.cli.ambiguous"
        print(t(key, title=args.consultation), file=sys.stderr)
        return 2
    consultation = found[0]
    issued = issue_links(engine, workspace.id, consultation.id, reissue=args.reissue)
    urls = {pid: link_url(args.base_url, token) for pid, token in issued.tokens.items()}
    rows = link_rows(list_participants(engine, workspace.id, consultation.id), list_actors(engine, workspace.id), urls)
    closes_on = closing_date(consultation.starts_on, consultation.ends_on)
    data = links_workbook(consultation.title, closes_on, rows, len(issued.already), language())
    Path(args.out).write_bytes(data)
    print(t("questionnaires.cli.written", count=len(rows), path=args.out))
    if issued.already:
        print(t("questionnaires.cli.already", count=len(issued.already)))
    return 0
