"""The contact history as an ``.xlsx`` workbook, headed in the user's language. Written through
:mod:`toolkit.spreadsheets.writing`: every user string stays text (never a formula)."""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.domain import Interaction
from toolkit.engagement import kind_label
from toolkit.followups import actors_text
from toolkit.i18n import t
from toolkit.spreadsheets.writing import SheetSpec, write_workbook

COLUMNS = (
    "occurred_on",
    "kind",
    "actors",
    "team_member",
    "summary",
    "agreements",
    "next_step",
    "next_step_due",
    "next_step_done",
    "consultation",
    "campaign",
)


def history_workbook(
    interactions: Iterable[Interaction],
    actor_names: dict[int, str],
    consultation_titles: dict[int, str],
    campaign_titles: dict[int, str],
    lang: str | None = None,
) -> bytes:
    """The contacts given (a filtered list, newest first), one row each.

    >>> from datetime import date
    >>> data = history_workbook([Interaction("call", date(2026, 11, 2), {1: ""}, summary="=1+1")], {1: "ACI"}, {}, {})
    >>> data[:2]
    b'PK'
    """
    yes, no = t("common.yes", lang), t("common.no", lang)
    rows = [
        [
            i.occurred_on,
            kind_label(i.kind, lang),
            actors_text(i, actor_names),
            i.team_member,
            i.summary,
            i.agreements,
            i.next_step,
            i.next_step_due,
            (yes if i.next_step_done else no) if i.next_step.strip() else "",
            consultation_titles.get(i.consultation_id, ""),
            campaign_titles.get(i.campaign_id, ""),
        ]
        for i in interactions
    ]
    sheet = SheetSpec(
        t("contacts.history.sheet", lang),
        [t(f"contacts.columns.{name}", lang) for name in COLUMNS],
        rows,
        widths={2: 40, 4: 60, 5: 40, 6: 40},
    )
    return write_workbook([sheet])
