"""The activity feed: entries of the audit trail told in plain words, in the user's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from toolkit.i18n import format_date, has, t
from toolkit.spreadsheets.writing import write_csv
from toolkit.store.audit import REDACTED

ACTIONS = ("insert", "insert_many", "update", "delete", "restore", "load_sample", "restore_backup")
IMPORT, UNDONE = "import", "undo_import"  # an import's change set and its undoing (toolkit.store.undo)
MAX_VALUE = 80  # characters of a long text shown in a change


@dataclass(frozen=True)
class Line:
    at: datetime
    who: str
    sentence: str
    changes: list[str] = field(default_factory=list)


def field_label(key: str, lang: str | None = None) -> str:
    """The name of a changed field: the register's column names, else the feed's own, else the key."""
    if has(f"columns.{key}"):
        return t(f"columns.{key}", lang)
    if has(f"activity.field.{key}"):
        return t(f"activity.field.{key}", lang)
    return key.replace("_", " ")


def _value(value: object, lang: str | None) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if value == REDACTED:
        return t("activity.personal", lang)
    if isinstance(value, bool):
        return t("activity.yes" if value else "activity.no", lang)
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    elif isinstance(value, dict):
        value = ", ".join(f"{k}: {v}" for k, v in value.items())
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def describe(entry: dict, lang: str | None = None) -> Line:
    """One entry of ``toolkit.store.trail.activity`` as a sentence and its changes.

    The label and the values are the users' own text: whoever shows them must escape them.
    """
    who = entry.get("username") or t("activity.local_user", lang)
    if entry["action"] in (IMPORT, UNDONE):
        return Line(entry["at"], who, _change_set(entry, who, lang))
    action = entry["action"] if entry["action"] in ACTIONS else "update"
    entity = entry["entity"]
    what = t(f"activity.entity.{entity}", lang) if has(f"activity.entity.{entity}") else entity
    label = entry.get("label") or ""
    if action == "insert_many":
        count = (entry.get("after") or {}).get("count", 0)
        sentence = t("activity.insert_bulk", lang, who=who, count=count, what=what)
    else:
        sentence = t(f"activity.{action}", lang, who=who, what=what, label=label)
    changes = []
    if action == "update":
        before, after = entry.get("before") or {}, entry.get("after") or {}
        for key in after:
            if after[key] == REDACTED or before.get(key) == REDACTED:
                changes.append(t("activity.changed_personal", lang, field=field_label(key, lang)))
            else:
                changes.append(
                    t(
                        "activity.changed",
                        lang,
                        field=field_label(key, lang),
                        before=_value(before.get(key), lang),
                        after=_value(after[key], lang),
                    )
                )
    return Line(entry["at"], who, sentence, changes)


def _change_set(entry: dict, who: str, lang: str | None) -> str:
    """An import, or its undoing, in one sentence with its counts."""
    counts = {key: value for key, value in (entry.get("after") or {}).items() if isinstance(value, int)}
    label = entry.get("label") or ""
    if entry["action"] == UNDONE:
        values = {"removed": 0, "restored": 0, "relations": 0, **counts}
        return t("undo.feed_undone", lang, who=who, label=label or t("undo.a_list", lang), **values)
    values = {"added": 0, "combined": 0, "relations": 0, **counts}
    return t("undo.feed_import" if label else "undo.feed_import_unnamed", lang, who=who, label=label, **values)


def import_ids(entries: list[dict]) -> list[int]:
    """The ids of the imports' change sets among ``entries``."""
    return [entry["id"] for entry in entries if entry["action"] == IMPORT]


def undoable(entries: list[dict], undone: set[int]) -> list[dict]:
    """The imports among ``entries`` that can still be undone (newest first, as given)."""
    return [
        entry
        for entry in entries
        if entry["action"] == IMPORT and (entry.get("after") or {}).get("undo") and entry["id"] not in undone
    ]


def when(entry_at: datetime, lang: str | None = None) -> str:
    """The date and time of an entry, as people write them."""
    return f"{format_date(entry_at, lang)} {entry_at:%H:%M}"


def feed_rows(entries: list[dict], lang: str | None = None) -> list[list[str]]:
    """The feed as table rows: when, who, what happened, the changes (one per line)."""
    rows = []
    for entry in entries:
        line = describe(entry, lang)
        rows.append([when(line.at, lang), line.who, line.sentence, "\n".join(line.changes)])
    return rows


def feed_csv(entries: list[dict], lang: str | None = None) -> bytes:
    """The feed as a CSV Spanish Excel opens (``;``, UTF-8 with BOM; cells safe from formulas)."""
    headers = [t(f"activity.column_{name}", lang) for name in ("when", "who", "what", "changes")]
    return write_csv(headers, feed_rows(entries, lang))
