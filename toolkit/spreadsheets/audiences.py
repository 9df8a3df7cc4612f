"""The member list of an audience, as people download it to write to its members.

Contact data is written only for actors who consented to it being kept (``consent == "yes"``);
for the others the contact cells stay empty.
"""

from __future__ import annotations

from datetime import date

from toolkit import clock
from toolkit.audiences import Membership, segment_quadrant
from toolkit.domain import STANCE_KEYS, Audience, quadrant
from toolkit.i18n import format_date, format_number, label, t
from toolkit.spreadsheets.writing import SheetSpec, write_workbook

Terms = dict[str, list[tuple[str, str | None]]]
MEMBER_COLUMNS = (
    "name",
    "acronym",
    "sector",
    "scale",
    "stance",
    "quadrant",
    "why",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
)
CONTACT_COLUMNS = ("contact_name", "contact_role", "email", "phone")


def member_workbook(
    audience: Audience, membership: Membership, terms: Terms, lang: str, today: date | None = None
) -> bytes:
    """The segment's members with their contact data where they consented, and a sheet about the segment."""
    custom = {name: {key: text for key, text in entries if text} for name, entries in terms.items()}
    why_words = {why: t(f"audiences.members.why.{why}", lang=lang) for why in ("rule", "hand", "excluded")}
    rows = []
    for actor in membership.members:
        consented = actor.consent == "yes"
        where = quadrant(actor.influence, actor.interest)
        rows.append(
            [
                actor.name,
                actor.acronym,
                label("sectors", actor.sector, custom.get("sectors"), lang),
                label("scales", actor.scale, custom.get("scales"), lang),
                "" if actor.stance is None else t(f"vocab.stances.{STANCE_KEYS[actor.stance]}", lang=lang),
                t(f"quadrants.{where}", lang=lang) if where else "",
                why_words[membership.how(actor.id)],
                *[getattr(actor, column) if consented else "" for column in CONTACT_COLUMNS],
                t(f"vocab.consent.{actor.consent}", lang=lang),
            ]
        )
    where = segment_quadrant(audience, membership.members)
    about = [
        audience.name,
        t("audiences.export.count", lang=lang, count=format_number(len(rows), lang)),
        t("audiences.export.quadrant", lang=lang, name=t(f"quadrants.{where}", lang=lang)) if where else "",
        t("audiences.export.consent_note", lang=lang),
        t("audiences.export.generated", lang=lang, day=format_date(today or clock.today(), lang)),
    ]
    return write_workbook(
        [
            SheetSpec(
                t("audiences.export.sheet.members", lang=lang),
                [t(f"audiences.members.column.{c}", lang=lang) for c in MEMBER_COLUMNS],
                rows,
                widths={0: 45},
            ),
            SheetSpec(t("audiences.export.sheet.about", lang=lang), [], [], notes=[line for line in about if line]),
        ]
    )
