"""Contact history from calendar and e-mail files, against a workspace: what an import would
store (:func:`check_capture`) and the import itself. The reading and matching are
:mod:`toolkit.capture`'s pure functions; here they meet the workspace's actors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from sqlalchemy import Engine

from toolkit.capture import SUFFIXES, Capture, CaptureLimits, Proposal, match, read_capture
from toolkit.domain import Interaction
from toolkit.i18n import format_date, t
from toolkit.store.engagement import list_interactions, record_interactions
from toolkit.store.register import list_actors


def is_capture_file(filename: str) -> bool:
    """A calendar or e-mail file, which the command line reads as contacts, not as a register.

    >>> is_capture_file("agenda.ICS"), is_capture_file("correo.eml"), is_capture_file("actores.xlsx")
    (True, True, False)
    """
    return PurePath(filename).suffix.lower() in SUFFIXES


def counted_people(count: int, organisation: str) -> str:
    """ "1 persona de Alcaldía": the people of an actor whose names are not kept."""
    return t("capture.people.counted", count=count, organisation=organisation)


def check_capture(
    engine: Engine | None,
    workspace_id: int | None,
    data: bytes,
    filename: str,
    own_domains: tuple[str, ...] = (),
    limits: CaptureLimits | None = None,
) -> Capture:
    """What importing the file would store in the workspace; stores nothing. Raises
    ``CaptureRefused`` when the file cannot be read. Without a workspace, nobody matches."""
    return matched(engine, workspace_id, read_capture(data, filename, limits or CaptureLimits()), own_domains)


def matched(
    engine: Engine | None, workspace_id: int | None, proposals: list[Proposal], own_domains: tuple[str, ...] = ()
) -> Capture:
    """The proposals read from a file, matched against the workspace's actors."""
    actors = list_actors(engine, workspace_id) if engine is not None and workspace_id else []
    return match(proposals, actors, counted_people, own_domains)


def capture_report(
    capture: Capture, actor_names: dict[int, str], already: list[bool] | None = None
) -> dict[str, object]:
    """The capture as plain data, for ``--json`` and for the printed report; with ``already``
    (from :func:`already_stored`), each contact says whether the history holds it already, and
    ``already`` counts them."""
    known = already or [False] * len(capture.interactions)
    report: dict[str, object] = {
        "interactions": [
            {
                "source": source,
                "already": was_there,
                "kind": interaction.kind,
                "occurred_on": interaction.occurred_on.isoformat(),
                "actors": [
                    {"id": actor_id, "name": actor_names.get(actor_id, ""), "people": people}
                    for actor_id, people in interaction.actors.items()
                ],
                "team_member": interaction.team_member,
                "summary": interaction.summary,
            }
            for source, interaction, was_there in zip(capture.sources, capture.interactions, known, strict=True)
        ],
        "without_actor": capture.without_actor,
        "unmatched": [{"name": p.name, "address": p.address, "times": p.times} for p in capture.unmatched],
    }
    if already is not None:
        report["already"] = sum(already)
    return report


def report_lines(report: dict[str, object]) -> list[str]:
    """The report in the user's words, one line each."""
    lines = [
        t(
            "capture.cli.report",
            interactions=len(report["interactions"]),
            without=len(report["without_actor"]),
            unmatched=len(report["unmatched"]),
        )
    ]
    for item in report["interactions"]:
        actors = ", ".join(actor["name"] for actor in item["actors"])
        day = format_date(date.fromisoformat(item["occurred_on"]))
        summary = item["summary"].splitlines()[0] if item["summary"] else ""
        lines.append(
            t(
                "capture.cli.interaction",
                date=day,
                kind=t(f"capture.kind.{item['kind']}"),
                actors=actors,
                summary=summary,
            )
        )
    if report.get("already") and "stored" not in report:  # a check; an import says what it skipped after
        lines.append(t("capture.cli.will_skip", count=report["already"]))
    lines += [t("capture.cli.without_actor", source=source) for source in report["without_actor"]]
    if report["unmatched"]:
        lines.append(t("capture.cli.unmatched_title"))
        lines += [t("capture.cli.unmatched", count=p["times"], **p) for p in report["unmatched"]]
    return lines


def _fingerprint(interaction: Interaction) -> tuple[object, ...]:
    return (interaction.occurred_on, interaction.kind, interaction.summary.strip(), frozenset(interaction.actors))


def already_stored(engine: Engine, workspace_id: int, capture: Capture) -> list[bool]:
    """For each contact of the capture, whether importing it would repeat one of the history (the
    same day, kind, summary and actors) or one before it in the same file: those are not stored."""
    seen = {_fingerprint(interaction) for interaction in list_interactions(engine, workspace_id)}
    repeated = []
    for interaction in capture.interactions:
        mark = _fingerprint(interaction)
        repeated.append(mark in seen)
        seen.add(mark)
    return repeated


@dataclass
class ImportedContacts:
    stored: int
    already: int  # the same day, kind, summary and actors were already in the history


def import_capture(engine: Engine, workspace_id: int, capture: Capture) -> ImportedContacts:
    """Store the capture's interactions, all or none (``StoreError`` when one is refused); those
    already in the history (the same file imported twice) are not repeated."""
    known = {_fingerprint(interaction) for interaction in list_interactions(engine, workspace_id)}
    new, seen = [], set()
    for interaction in capture.interactions:
        mark = _fingerprint(interaction)
        if mark not in known and mark not in seen:
            new.append(interaction)
            seen.add(mark)
    stored = record_interactions(engine, workspace_id, new) if new else []
    return ImportedContacts(len(stored), len(capture.interactions) - len(new))
