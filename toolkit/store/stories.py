"""Saved views of the actor map and stories made of them. One function per thing a user does.

Every write goes through ``writing`` (editors only: a viewer is refused, the workspace's revision
is bumped); every read through ``reading`` (members only). Refusals are :class:`StoreError` with a
reason ``story_...`` whose message is ``errors.story_...`` (locales/<lang>/stories.toml).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, update

from toolkit import access, clock
from toolkit.i18n import t
from toolkit.network.saved_view import ViewSpec
from toolkit.store.columns import checked
from toolkit.store.engine import StoreError
from toolkit.store.tables import map_views, stories, story_slides
from toolkit.store.workspaces import reading, writing

SLIDE_KINDS = ("view", "grid", "figures", "indicators", "text")
MAX_SLIDES = 40


@dataclass
class SavedView:
    id: int
    title: str
    note: str
    spec: ViewSpec
    position: int = 0
    saved_by: str = ""
    saved_at: datetime | None = None


@dataclass
class SlideDraft:
    """A slide to add: its kind, the saved view it shows (kind ``view``), its title, text and notes."""

    kind: str
    view_id: int | None = None
    title: str = ""
    body: str = ""
    note: str = ""


@dataclass
class Slide(SlideDraft):
    id: int = 0
    position: int = 0


@dataclass
class Story:
    id: int
    title: str
    note: str
    is_default: bool
    slides: list[Slide] = field(default_factory=list)


def _title(title: str) -> str:
    title = " ".join(str(title or "").split())
    if not title:
        raise StoreError("story_title_required")
    return title


def _next_position(connection: Connection, table: Table, **scope: int) -> int:
    query = select(func.max(table.c.position)).where(*(table.c[name] == value for name, value in scope.items()))
    return (connection.execute(query).scalar() or 0) + 1


def save_view(engine: Engine, workspace_id: int, title: str, note: str, spec: ViewSpec) -> int:
    """Keep the map's view under a title and a note; returns its id."""
    values = checked(map_views, {"title": _title(title), "note": str(note or "")})
    with writing(engine, workspace_id) as connection:
        return connection.execute(
            insert(map_views).values(
                workspace_id=workspace_id,
                spec=spec.to_json(),
                position=_next_position(connection, map_views, workspace_id=workspace_id),
                saved_by=access.current().username or "",
                saved_at=clock.now(),
                **values,
            )
        ).inserted_primary_key[0]


def list_views(engine: Engine, workspace_id: int) -> list[SavedView]:
    """The workspace's saved views, in their order."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(map_views).where(map_views.c.workspace_id == workspace_id).order_by(map_views.c.position, "id")
        ).all()
    return [
        SavedView(r.id, r.title, r.note, ViewSpec.from_json(r.spec), r.position, r.saved_by, r.saved_at) for r in rows
    ]


def _move(connection: Connection, table: Table, row_id: int, step: int, **scope: int) -> bool:
    """Swap a row with its neighbour in ``scope``'s order (``step`` -1: up, +1: down); False at an end."""
    ids = list(
        connection.execute(
            select(table.c.id)
            .where(*(table.c[name] == value for name, value in scope.items()))
            .order_by(table.c.position, table.c.id)
        ).scalars()
    )
    if row_id not in ids:
        raise StoreError("story_not_found")
    at = ids.index(row_id)
    other = at + (1 if step > 0 else -1)
    if not 0 <= other < len(ids):
        return False
    ids[at], ids[other] = ids[other], ids[at]
    for position, each in enumerate(ids, start=1):
        connection.execute(update(table).where(table.c.id == each).values(position=position))
    return True


def move_view(engine: Engine, workspace_id: int, view_id: int, step: int) -> bool:
    """Move a saved view one place up (``step`` -1) or down (+1) in the list."""
    with writing(engine, workspace_id) as connection:
        return _move(connection, map_views, view_id, step, workspace_id=workspace_id)


def delete_view(engine: Engine, workspace_id: int, view_id: int) -> int:
    """Delete a saved view and the slides that show it; returns how many slides went with it."""
    with writing(engine, workspace_id) as connection:
        slides = connection.execute(
            delete(story_slides).where(story_slides.c.workspace_id == workspace_id, story_slides.c.view_id == view_id)
        ).rowcount
        done = connection.execute(
            delete(map_views).where(map_views.c.workspace_id == workspace_id, map_views.c.id == view_id)
        )
        if not done.rowcount:
            raise StoreError("story_view_not_found")
    return slides


def _check_slide(connection: Connection, workspace_id: int, draft: SlideDraft) -> dict:
    if draft.kind not in SLIDE_KINDS:
        raise StoreError("story_slide_kind")
    view_id = draft.view_id if draft.kind == "view" else None
    if draft.kind == "view":
        known = connection.execute(
            select(map_views.c.id).where(map_views.c.workspace_id == workspace_id, map_views.c.id == view_id)
        ).first()
        if known is None:
            raise StoreError("story_view_not_found")
    values = checked(story_slides, {"title": " ".join(str(draft.title or "").split()), "body": str(draft.body or "")})
    if draft.kind == "text" and not (values["title"] or values["body"].strip()):
        raise StoreError("story_text_required")
    return {"kind": draft.kind, "view_id": view_id, "note": str(draft.note or ""), **values}


def create_story(
    engine: Engine, workspace_id: int, title: str, note: str = "", slides: list[SlideDraft] | None = None
) -> int:
    """A new story with these slides in this order; the workspace's first story is its default."""
    values = checked(stories, {"title": _title(title), "note": str(note or "")})
    if len(slides or []) > MAX_SLIDES:
        raise StoreError("story_too_many_slides", limit=MAX_SLIDES)
    with writing(engine, workspace_id) as connection:
        first = not connection.execute(select(stories.c.id).where(stories.c.workspace_id == workspace_id)).first()
        story_id = connection.execute(
            insert(stories).values(
                workspace_id=workspace_id,
                position=_next_position(connection, stories, workspace_id=workspace_id),
                is_default=first,
                saved_at=clock.now(),
                **values,
            )
        ).inserted_primary_key[0]
        rows = [
            {"workspace_id": workspace_id, "story_id": story_id, "position": position, **checked_slide}
            for position, checked_slide in enumerate(
                (_check_slide(connection, workspace_id, draft) for draft in slides or []), start=1
            )
        ]
        if rows:
            connection.execute(insert(story_slides), rows)
    return story_id


def _story_row(connection: Connection, workspace_id: int, story_id: int):
    row = connection.execute(
        select(stories).where(stories.c.workspace_id == workspace_id, stories.c.id == story_id)
    ).first()
    if row is None:
        raise StoreError("story_not_found")
    return row


def add_slide(engine: Engine, workspace_id: int, story_id: int, draft: SlideDraft) -> int:
    """Add a slide at the end of a story; returns its id."""
    with writing(engine, workspace_id) as connection:
        _story_row(connection, workspace_id, story_id)
        position = _next_position(connection, story_slides, story_id=story_id)
        if position > MAX_SLIDES:
            raise StoreError("story_too_many_slides", limit=MAX_SLIDES)
        values = _check_slide(connection, workspace_id, draft)
        return connection.execute(
            insert(story_slides).values(workspace_id=workspace_id, story_id=story_id, position=position, **values)
        ).inserted_primary_key[0]


def _slide_story(connection: Connection, workspace_id: int, slide_id: int) -> int:
    story_id = connection.execute(
        select(story_slides.c.story_id).where(
            story_slides.c.workspace_id == workspace_id, story_slides.c.id == slide_id
        )
    ).scalar()
    if story_id is None:
        raise StoreError("story_not_found")
    return story_id


def move_slide(engine: Engine, workspace_id: int, slide_id: int, step: int) -> bool:
    """Move a slide one place earlier (``step`` -1) or later (+1) in its story."""
    with writing(engine, workspace_id) as connection:
        story_id = _slide_story(connection, workspace_id, slide_id)
        return _move(connection, story_slides, slide_id, step, story_id=story_id)


def delete_slide(engine: Engine, workspace_id: int, slide_id: int) -> bool:
    """Take a slide out of its story."""
    with writing(engine, workspace_id) as connection:
        _slide_story(connection, workspace_id, slide_id)
        connection.execute(delete(story_slides).where(story_slides.c.id == slide_id))
    return True


def move_story(engine: Engine, workspace_id: int, story_id: int, step: int) -> bool:
    """Move a story one place up (``step`` -1) or down (+1) in the list."""
    with writing(engine, workspace_id) as connection:
        return _move(connection, stories, story_id, step, workspace_id=workspace_id)


def delete_story(engine: Engine, workspace_id: int, story_id: int) -> bool:
    """Delete a story and its slides (the saved views stay); the next story becomes the default."""
    with writing(engine, workspace_id) as connection:
        row = _story_row(connection, workspace_id, story_id)
        connection.execute(delete(story_slides).where(story_slides.c.story_id == story_id))
        connection.execute(delete(stories).where(stories.c.id == story_id))
        if row.is_default:
            following = connection.execute(
                select(stories.c.id)
                .where(stories.c.workspace_id == workspace_id)
                .order_by(stories.c.position, stories.c.id)
            ).scalar()
            if following is not None:
                connection.execute(update(stories).where(stories.c.id == following).values(is_default=True))
    return True


def make_default(engine: Engine, workspace_id: int, story_id: int) -> bool:
    """Make this story the one the command line's ``export --out deck.pptx`` writes."""
    with writing(engine, workspace_id) as connection:
        _story_row(connection, workspace_id, story_id)
        connection.execute(update(stories).where(stories.c.workspace_id == workspace_id).values(is_default=False))
        connection.execute(update(stories).where(stories.c.id == story_id).values(is_default=True))
    return True


def list_stories(engine: Engine, workspace_id: int) -> list[Story]:
    """The workspace's stories in their order, each with its slides in order."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(stories).where(stories.c.workspace_id == workspace_id).order_by(stories.c.position, stories.c.id)
        ).all()
        slides = connection.execute(
            select(story_slides)
            .where(story_slides.c.workspace_id == workspace_id)
            .order_by(story_slides.c.position, story_slides.c.id)
        ).all()
    found = {row.id: Story(row.id, row.title, row.note, row.is_default) for row in rows}
    for s in slides:
        if s.story_id in found:
            found[s.story_id].slides.append(
                Slide(s.kind, s.view_id, s.title, s.body, s.note, id=s.id, position=s.position)
            )
    return list(found.values())


def default_story(engine: Engine, workspace_id: int) -> Story | None:
    """The story the command line exports: the one marked default, else the first; None without any."""
    found = list_stories(engine, workspace_id)
    return next((story for story in found if story.is_default), found[0] if found else None)


def insert_sample_story(connection: Connection, workspace_id: int, lang: str, embassy_id: int | None) -> int:
    """The sample's two saved views and its default story of five slides, in ``lang``, inside the
    caller's transaction (loading the sample); returns the story's id."""

    def words(key: str) -> str:
        return t(f"stories.sample.{key}", lang=lang)

    now = clock.now()
    specs = [
        ("allies", ViewSpec(colour_by="stance", stances=(1, 2), relation_types=("cooperation", "funding"))),
        ("embassy", ViewSpec(colour_by="sector", highlight=embassy_id, focus=embassy_id is not None, focus_steps=2)),
    ]
    view_ids = {}
    for position, (key, spec) in enumerate(specs, start=1):
        view_ids[key] = connection.execute(
            insert(map_views).values(
                workspace_id=workspace_id,
                title=words(f"{key}_title"),
                note=words(f"{key}_note"),
                spec=spec.to_json(),
                position=position,
                saved_by="",
                saved_at=now,
            )
        ).inserted_primary_key[0]
    story_id = connection.execute(
        insert(stories).values(
            workspace_id=workspace_id, title=words("title"), note="", position=1, is_default=True, saved_at=now
        )
    ).inserted_primary_key[0]
    slides = [
        ("figures", None, words("figures_title"), "", words("figures_note")),
        ("view", view_ids["allies"], "", "", ""),
        ("view", view_ids["embassy"], "", "", ""),
        ("grid", None, words("grid_title"), "", words("grid_note")),
        ("text", None, words("decide_title"), words("decide_body"), words("decide_note")),
    ]
    connection.execute(
        insert(story_slides),
        [
            {
                "workspace_id": workspace_id,
                "story_id": story_id,
                "position": position,
                "kind": kind,
                "view_id": view_id,
                "title": title,
                "body": body,
                "note": note,
            }
            for position, (kind, view_id, title, body, note) in enumerate(slides, start=1)
        ],
    )
    return story_id
