"""The roadmap as an ``.xlsx`` workbook: the timeline, the milestones and the status per phase,
headed in the user's language. Written through :mod:`toolkit.spreadsheets.writing`, so every
user string stays text (never a formula) and illegal control characters are stripped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from toolkit.domain import Campaign, Consultation, Milestone
from toolkit.i18n import t
from toolkit.roadmap import TimelineItem, is_overdue, phase_label, phase_status, status_label
from toolkit.spreadsheets.writing import SheetSpec, write_workbook

TIMELINE_COLUMNS = ("type", "title", "phase", "owner", "status", "start", "end", "link")
MILESTONE_COLUMNS = (
    "phase",
    "title",
    "description",
    "starts_on",
    "due_on",
    "owner",
    "status",
    "overdue",
    "consultation",
    "campaign",
    "notes",
)
PHASE_COLUMNS = ("phase", "state", "total", "done", "in_progress", "blocked", "overdue", "starts_on", "ends_on")


def _timeline_sheet(items: Iterable[TimelineItem], phase_names: dict[str, str] | None, lang: str | None) -> SheetSpec:
    rows = [
        [
            t(f"roadmap.types.{i.type}", lang=lang),
            i.title,
            phase_label(i.phase, phase_names, lang),
            i.owner,
            status_label(i, lang),
            i.start,
            i.end,
            i.link,
        ]
        for i in items
    ]
    return SheetSpec(
        t("roadmap.xlsx.sheet.timeline", lang=lang),
        [t(f"roadmap.columns.{c}", lang=lang) for c in TIMELINE_COLUMNS],
        rows,
        widths={1: 50, 7: 40},
    )


def _milestones_sheet(
    milestones: list[Milestone],
    today: date,
    consultations: Iterable[Consultation],
    campaigns: Iterable[Campaign],
    phase_names: dict[str, str] | None,
    lang: str | None,
) -> SheetSpec:
    consultation_titles = {c.id: c.title for c in consultations}
    campaign_titles = {c.id: c.title for c in campaigns}
    yes, no = t("roadmap.xlsx.yes", lang=lang), t("roadmap.xlsx.no", lang=lang)
    rows = [
        [
            phase_label(m.phase, phase_names, lang),
            m.title,
            m.description,
            m.starts_on,
            m.due_on,
            m.owner,
            t(f"vocab.milestone_statuses.{m.status}", lang=lang),
            yes if is_overdue(m, today) else no,
            consultation_titles.get(m.consultation_id, ""),
            campaign_titles.get(m.campaign_id, ""),
            m.notes,
        ]
        for m in milestones
    ]
    return SheetSpec(
        t("roadmap.xlsx.sheet.milestones", lang=lang),
        [t(f"roadmap.columns.{c}", lang=lang) for c in MILESTONE_COLUMNS],
        rows,
        widths={1: 50, 2: 50, 8: 40, 9: 40, 10: 40},
    )


def _phases_sheet(
    milestones: list[Milestone],
    today: date,
    phases: Iterable[str],
    phase_names: dict[str, str] | None,
    lang: str | None,
) -> SheetSpec:
    rows = [
        [
            phase_label(s.phase, phase_names, lang),
            t(f"roadmap.phase_state.{s.state}", lang=lang),
            s.total,
            s.counts["done"],
            s.counts["in_progress"],
            s.blocked,
            s.overdue,
            s.starts_on,
            s.ends_on,
        ]
        for s in phase_status(milestones, today, phases)
    ]
    return SheetSpec(
        t("roadmap.xlsx.sheet.phases", lang=lang),
        [t(f"roadmap.columns.{c}", lang=lang) for c in PHASE_COLUMNS],
        rows,
    )


def roadmap_workbook(
    items: Iterable[TimelineItem],
    milestones: Iterable[Milestone],
    today: date,
    consultations: Iterable[Consultation] = (),
    campaigns: Iterable[Campaign] = (),
    phases: Iterable[str] = (),
    phase_names: dict[str, str] | None = None,
    lang: str | None = None,
) -> bytes:
    """The ``.xlsx`` bytes: a timeline sheet (the items given), a milestones
    sheet and a status per phase on ``today``."""
    milestones = list(milestones)
    return write_workbook(
        [
            _timeline_sheet(items, phase_names, lang),
            _milestones_sheet(milestones, today, consultations, campaigns, phase_names, lang),
            _phases_sheet(milestones, today, phases, phase_names, lang),
        ]
    )
