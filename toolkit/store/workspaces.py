"""Workspaces and their vocabularies: create, rename, delete, list; add or rename a term."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from toolkit import access
from toolkit.domain import Workspace
from toolkit.store import tables
from toolkit.store.audit import SKIP, record
from toolkit.store.columns import checked
from toolkit.store.engine import StoreError
from toolkit.store.tables import memberships, vocab_terms, workspaces
from toolkit.text import clean
from toolkit.vocab import DEFAULTS, fold

MAX_NAME = 200


def _workspace(row) -> Workspace:
    return Workspace(
        id=row.id,
        name=row.name,
        city=row.city,
        country=row.country,
        language=row.language,
        description=row.description,
        revision=row.revision,
    )


def bump_revision(connection: Connection, workspace_id: int) -> None:
    """Mark the workspace as changed (cached graphs and tables key on this)."""
    connection.execute(
        update(workspaces).where(workspaces.c.id == workspace_id).values(revision=workspaces.c.revision + 1)
    )


def role_in(connection: Connection, workspace_id: int, person: access.Person | None = None) -> str | None:
    """The role ``person`` (default: the one acting) has in the workspace: None for a non-member;
    "owner" for the local user of an install without accounts."""
    person = person or access.current()
    if person.unrestricted:
        return "owner"
    return connection.execute(
        select(memberships.c.role).where(
            memberships.c.workspace_id == workspace_id, memberships.c.user_id == person.user_id
        )
    ).scalar()


def require_role(connection: Connection, workspace_id: int, needed: str) -> None:
    """Refuse unless the person acting has at least ``needed`` in the workspace.

    A non-member is told the workspace does not exist (nobody learns what is in a workspace they
    are not a member of, not even its name); a member without the role is told so.
    """
    role = role_in(connection, workspace_id)
    if role is None:
        raise StoreError("workspace_not_found")
    if not access.allows(role, needed):
        raise StoreError("not_allowed")


@contextmanager
def reading(engine: Engine, workspace_id: int) -> Iterator[Connection]:
    """A connection for reading one workspace, refused to anyone who is not a member of it."""
    with engine.connect() as connection:
        require_role(connection, workspace_id, "viewer")
        yield connection


def current_role(engine: Engine, workspace_id: int) -> str | None:
    """The role of the person acting in the workspace, for screens to offer only what it allows."""
    with engine.connect() as connection:
        return role_in(connection, workspace_id)


def lock_workspace(connection: Connection, workspace_id: int, needed: str = "editor") -> None:
    """Begin a write to the workspace: bump its revision first, so writers to it queue up here.

    As the first statement of a transaction this takes SQLite's write lock at once (waiting for
    the writer before, instead of failing half-way with "database is locked") and PostgreSQL's
    lock on the workspace's row (every writer takes its locks in the same order, so none
    deadlocks, and checks made after it cannot be overtaken). Use it instead of
    :func:`bump_revision`, not with it. Raises ``workspace_not_found`` (also to a non-member) and
    ``not_allowed`` when the person acting has less than ``needed`` there.
    """
    require_role(connection, workspace_id, needed)
    done = connection.execute(
        update(workspaces).where(workspaces.c.id == workspace_id).values(revision=workspaces.c.revision + 1)
    )
    if not done.rowcount:
        raise StoreError("workspace_not_found")


@contextmanager
def writing(engine: Engine, workspace_id: int, role: str = "editor") -> Iterator[Connection]:
    """One transaction writing to one workspace: refused unless the person acting has ``role``
    there; the workspace is locked and its revision bumped first (see :func:`lock_workspace`).
    Everything written inside is committed together when the block ends, or nothing on an error."""
    with engine.begin() as connection:
        lock_workspace(connection, workspace_id, role)
        yield connection


def _clean_name(name: str) -> str:
    name = " ".join(clean(str(name or "")).split())
    if not name:
        raise StoreError("name_required")
    if len(name) > MAX_NAME:
        raise StoreError("name_too_long", limit=MAX_NAME)
    return name


def list_workspaces(engine: Engine) -> list[Workspace]:
    """The workspaces the person acting may open (all of them without accounts), by name."""
    with engine.connect() as connection:
        rows = connection.execute(
            _visible(connection, select(workspaces).order_by(workspaces.c.name, workspaces.c.id))
        ).all()
    return [_workspace(row) for row in rows]


def workspace_labels(shown: list[Workspace]) -> dict[int, str]:
    """What to call each workspace in a list: its name, with its number where two share one.

    >>> from toolkit.domain import Workspace
    >>> workspace_labels([Workspace("Quito", id=1), Workspace("Quito", id=2), Workspace("Cali", id=3)])
    {1: 'Quito (#1)', 2: 'Quito (#2)', 3: 'Cali'}
    """
    names = [w.name for w in shown]
    return {w.id: f"{w.name} (#{w.id})" if names.count(w.name) > 1 else w.name for w in shown}


def get_workspace(engine: Engine, workspace_id: int) -> Workspace:
    with reading(engine, workspace_id) as connection:
        row = connection.execute(select(workspaces).where(workspaces.c.id == workspace_id)).first()
    if row is None:
        raise StoreError("workspace_not_found")
    return _workspace(row)


def _visible(connection: Connection, query):
    """``query`` on workspaces narrowed to those the person acting may open."""
    person = access.current()
    if person.unrestricted:
        return query
    return query.join(memberships, memberships.c.workspace_id == workspaces.c.id).where(
        memberships.c.user_id == person.user_id
    )


def find_workspace(engine: Engine, name: str) -> Workspace | None:
    """The workspace of that name among those the person acting may open, or ``#12`` for the one of id 12.

    Names are unique among the workspaces one person opens, not across the server: the operator, who
    opens them all, may find two cities' workspaces of the same name, and is told their numbers
    (``workspace_ambiguous``) instead of getting one of them."""
    wanted = " ".join(str(name or "").split())
    with engine.connect() as connection:
        rows = connection.execute(_visible(connection, select(workspaces).where(workspaces.c.name == wanted))).all()
        if not rows and re.fullmatch(r"#\d{1,12}", wanted):
            rows = connection.execute(
                _visible(connection, select(workspaces).where(workspaces.c.id == int(wanted[1:])))
            ).all()
    if len(rows) > 1:
        raise StoreError("workspace_ambiguous", name=wanted, numbers=", ".join(f"#{row.id}" for row in rows))
    return _workspace(rows[0]) if rows else None


def _name_seen(connection: Connection, name: str, besides: int | None = None) -> bool:
    """Whether a workspace the person acting may open already has that name (never says more)."""
    query = select(workspaces.c.id).where(workspaces.c.name == name)
    if besides is not None:
        query = query.where(workspaces.c.id != besides)
    return connection.execute(_visible(connection, query)).first() is not None


def revision(engine: Engine, workspace_id: int) -> int:
    with reading(engine, workspace_id) as connection:
        value = connection.execute(select(workspaces.c.revision).where(workspaces.c.id == workspace_id)).scalar()
    if value is None:
        raise StoreError("workspace_not_found")
    return value


def may_create(connection: Connection) -> bool:
    """Whether the person acting may open workspaces and accounts: the operator (command line, or
    the local install without accounts) always; with ``HOJA_CREATORS=owners``, anyone who owns a
    workspace (``Person.creates``, set by the app); nobody else."""
    person = access.current()
    if person.unrestricted:
        return True
    return person.creates and (
        connection.execute(
            select(memberships.c.id).where(memberships.c.user_id == person.user_id, memberships.c.role == "owner")
        ).first()
        is not None
    )


def insert_workspace(
    connection: Connection, name: str, city: str = "", country: str = "", language: str = "es", description: str = ""
) -> int:
    """Create a workspace inside an open transaction, seeded with the default vocabularies; refused
    (``not_allowed``) to whoever :func:`may_create` says may not."""
    if not may_create(connection):
        raise StoreError("not_allowed")
    name = _clean_name(name)
    place = checked(workspaces, {"city": city or "", "country": country or "", "description": description or ""})
    city, country, description = place["city"], place["country"], place["description"]
    if _name_seen(connection, name):
        raise StoreError("name_taken", name=name)
    # the operator's workspaces keep a server-wide unique name; an owner's are unique among their own
    unique_name = name if access.current().unrestricted else None
    try:
        workspace_id = connection.execute(
            insert(workspaces).values(
                name=name,
                unique_name=unique_name,
                city=city,
                country=country,
                language=language,
                description=description,
                revision=0,
            )
        ).inserted_primary_key[0]
    except IntegrityError as error:  # someone created the same name in between (two instances' first run)
        raise StoreError("name_taken", name=name) from error
    connection.execute(
        insert(vocab_terms).execution_options(**{SKIP: True}),
        [  # the defaults: no entry each
            {"workspace_id": workspace_id, "vocabulary": vocabulary, "key": key, "label": None, "position": position}
            for vocabulary, terms in DEFAULTS.items()
            for position, key in enumerate(terms)
        ],
    )
    record(connection, workspace_id, "insert", "workspaces", workspace_id, name)
    person = access.current()
    if not person.unrestricted:  # whoever creates a workspace owns it
        connection.execute(insert(memberships).values(workspace_id=workspace_id, user_id=person.user_id, role="owner"))
    return workspace_id


def create_workspace(
    engine: Engine, name: str, city: str = "", country: str = "", language: str = "es", description: str = ""
) -> Workspace:
    """A new, empty workspace with the default vocabularies."""
    with engine.begin() as connection:
        workspace_id = insert_workspace(connection, name, city, country, language, description)
    return get_workspace(engine, workspace_id)


def rename_workspace(engine: Engine, workspace_id: int, new_name: str) -> Workspace:
    """Rename a workspace (its owner): refused only when the owner already opens one of that name.

    A name held by a workspace the owner cannot open is no refusal (it would tell them it exists):
    renamed by an owner, the workspace leaves the operator's server-wide unique names."""
    new_name = _clean_name(new_name)
    unique_name = new_name if access.current().unrestricted else None
    try:
        with writing(engine, workspace_id, "owner") as connection:
            if _name_seen(connection, new_name, besides=workspace_id):
                raise StoreError("name_taken", name=new_name)
            connection.execute(
                update(workspaces).where(workspaces.c.id == workspace_id).values(name=new_name, unique_name=unique_name)
            )
    except IntegrityError as error:  # the operator gave another workspace that name in between
        raise StoreError("name_taken", name=new_name) from error
    return get_workspace(engine, workspace_id)


def delete_workspace(engine: Engine, workspace_id: int) -> None:
    """Delete a workspace and everything in it (actors, relations, contact data); its owner only."""
    with engine.begin() as connection:
        require_role(connection, workspace_id, "owner")
        done = connection.execute(delete(workspaces).where(workspaces.c.id == workspace_id))
    if not done.rowcount:
        raise StoreError("workspace_not_found")


# -- vocabularies -------------------------------------------------------------------------


def vocabulary_terms(engine: Engine, workspace_id: int) -> dict[str, list[tuple[str, str | None]]]:
    """Vocabulary name -> [(key, custom label or None)] in display order."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(vocab_terms.c.vocabulary, vocab_terms.c.key, vocab_terms.c.label)
            .where(vocab_terms.c.workspace_id == workspace_id)
            .order_by(vocab_terms.c.vocabulary, vocab_terms.c.position, vocab_terms.c.id)
        ).all()
    terms: dict[str, list[tuple[str, str | None]]] = {name: [] for name in DEFAULTS}
    for row in rows:
        terms.setdefault(row.vocabulary, []).append((row.key, row.label))
    return terms


def _slug(label: str) -> str:
    return re.sub(r"\s+", "_", fold(label))[:60] or "term"


def _clean_label(label: str) -> str:
    label = " ".join(clean(str(label or "")).split())
    if not label:
        raise StoreError("name_required")
    if len(label) > MAX_NAME:
        raise StoreError("name_too_long", limit=MAX_NAME)
    return label


def add_term(engine: Engine, workspace_id: int, vocabulary: str, label: str) -> str:
    """Add a term to a workspace vocabulary; returns its key."""
    if vocabulary not in DEFAULTS:
        raise StoreError("unknown_vocabulary")
    label = _clean_label(label)
    with writing(engine, workspace_id) as connection:
        existing = connection.execute(
            select(vocab_terms.c.key, vocab_terms.c.label).where(
                vocab_terms.c.workspace_id == workspace_id, vocab_terms.c.vocabulary == vocabulary
            )
        ).all()
        if any(fold(row.label or "") == fold(label) or row.key == _slug(label) for row in existing):
            raise StoreError("term_exists", label=label)
        key = "custom_" + _slug(label)
        position = connection.execute(
            select(func.count())
            .select_from(vocab_terms)
            .where(vocab_terms.c.workspace_id == workspace_id, vocab_terms.c.vocabulary == vocabulary)
        ).scalar()
        connection.execute(
            insert(vocab_terms).values(
                workspace_id=workspace_id, vocabulary=vocabulary, key=key, label=label, position=position
            )
        )
    return key


def rename_terms(engine: Engine, workspace_id: int, vocabulary: str, renames: dict[str, str]) -> int:
    """Show each new label for its key in this workspace (stored values keep their key): the
    renames of one save, all or nothing in one transaction; returns how many terms were renamed.

    A blank or too long label, or a key the vocabulary does not have, refuses the whole save.
    """
    labels = {key: _clean_label(label) for key, label in renames.items()}
    if not labels:
        return 0
    with writing(engine, workspace_id) as connection:
        for key, label in labels.items():
            done = connection.execute(
                update(vocab_terms)
                .where(
                    vocab_terms.c.workspace_id == workspace_id,
                    vocab_terms.c.vocabulary == vocabulary,
                    vocab_terms.c.key == key,
                )
                .values(label=label)
            )
            if not done.rowcount:
                raise StoreError("term_not_found")
    return len(labels)


def rename_term(engine: Engine, workspace_id: int, vocabulary: str, key: str, label: str) -> None:
    """Show ``label`` for ``key`` in this workspace (stored values keep their key)."""
    rename_terms(engine, workspace_id, vocabulary, {key: label})


def ensure_terms(connection: Connection, workspace_id: int, terms: list[tuple[str, str, str | None]]) -> None:
    """Add the terms an import or a restored backup uses and set their labels (inside the caller's
    transaction).

    A new term goes right after the term given before it in its list, or first when none was: an
    import's new terms head their list in Ajustes, in the file's order, where the team sees them
    (they used to take a position among the first defaults, or the bottom of 15); a restore, which
    gives every term of a list in order, keeps the backup's order."""
    rows = connection.execute(
        select(
            vocab_terms.c.id, vocab_terms.c.vocabulary, vocab_terms.c.key, vocab_terms.c.label, vocab_terms.c.position
        )
        .where(vocab_terms.c.workspace_id == workspace_id)
        .order_by(vocab_terms.c.vocabulary, vocab_terms.c.position, vocab_terms.c.id)
    ).all()
    existing = {(row.vocabulary, row.key): row.label for row in rows}
    order: dict[str, list[str]] = {}
    for row in rows:
        order.setdefault(row.vocabulary, []).append(row.key)
    before: dict[str, str | None] = {}  # the term given last in each list
    added: set[str] = set()
    for term in terms:
        term = checked(vocab_terms, dict(zip(("vocabulary", "key", "label"), term, strict=True)))
        vocabulary, key, custom_label = term["vocabulary"], term["key"], term["label"]
        keys = order.setdefault(vocabulary, [])
        if (vocabulary, key) not in existing:
            after = before.get(vocabulary)
            keys.insert(keys.index(after) + 1 if after in keys else 0, key)
            existing[(vocabulary, key)] = custom_label
            added.add(vocabulary)
            connection.execute(
                insert(vocab_terms).values(
                    workspace_id=workspace_id, vocabulary=vocabulary, key=key, label=custom_label, position=0
                )
            )
        elif custom_label and existing[(vocabulary, key)] != custom_label:
            connection.execute(
                update(vocab_terms)
                .where(
                    vocab_terms.c.workspace_id == workspace_id,
                    vocab_terms.c.vocabulary == vocabulary,
                    vocab_terms.c.key == key,
                )
                .values(label=custom_label)
            )
        before[vocabulary] = key
    for vocabulary in sorted(added):  # number each changed list again, in its new order
        connection.execute(
            update(vocab_terms)
            .where(
                vocab_terms.c.workspace_id == workspace_id,
                vocab_terms.c.vocabulary == vocabulary,
                vocab_terms.c.key == bindparam("term_key"),
            )
            .values(position=bindparam("new_position"))
            .execution_options(**{SKIP: True}),  # the order, not a change anyone made: no entry in the feed
            [{"term_key": key, "new_position": position} for position, key in enumerate(order[vocabulary])],
        )


def require_in_workspace(connection: Connection, table, workspace_id: int, ids, reason: str) -> None:
    """Refuse with ``reason`` unless every id names a row of ``table`` in this workspace."""
    wanted = set(ids)
    if not wanted:
        return
    if None in wanted:
        raise StoreError(reason)
    found = (
        connection.execute(select(table.c.id).where(table.c.workspace_id == workspace_id, table.c.id.in_(wanted)))
        .scalars()
        .all()
    )
    if wanted - set(found):
        raise StoreError(reason)


def holds_data(connection: Connection, workspace_id: int) -> bool:
    """True when the workspace has anything a restore would mix with (its vocabularies aside)."""
    for table in (
        tables.actors,
        tables.consultations,
        tables.audiences,
        tables.campaigns,
        tables.milestones,
        tables.indicators,
    ):
        if connection.execute(select(table.c.id).where(table.c.workspace_id == workspace_id).limit(1)).first():
            return True
    return False


def rows_in_order(connection: Connection, table, workspace_id: int) -> list:
    """The workspace's rows of ``table`` in the order they were written (with title and start when the
    table has a start date, as consultations do)."""
    columns = [table.c.id] + ([table.c.title, table.c.starts_on] if "starts_on" in table.c else [])
    return connection.execute(select(*columns).where(table.c.workspace_id == workspace_id).order_by(table.c.id)).all()
