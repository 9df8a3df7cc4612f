"""Upgrading a database in use keeps everything in it, on SQLite and PostgreSQL.

SQLite alters a table by rebuilding it: the old table is dropped, and with foreign keys on, that
drop deletes every row pointing to it (``ON DELETE CASCADE``). Migrations run with foreign keys
off and are checked before they commit."""

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, inspect, select, text

from toolkit.store import open_store
from toolkit.store.engine import MIGRATIONS
from toolkit.store.register import list_actors
from toolkit.store.tables import memberships, workspaces


def _old_database(url: str, revision: str) -> None:
    """A database at ``revision`` holding a workspace, an actor, an account and its membership,
    opened the way the app of that release opened it (foreign keys on)."""
    old = create_engine(url)
    if old.dialect.name == "sqlite":
        event.listen(old, "connect", lambda dbapi, _: dbapi.execute("PRAGMA foreign_keys=ON"))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.execute(
            text(
                "insert into workspaces (name, city, country, language, description, revision) "
                "values ('Antigua', 'Cali', 'Colombia', 'es', '', 0)"
            )
        )
        connection.execute(
            text(
                "insert into actors (workspace_id, name, acronym, kind, country, city, themes, "
                "dimensions, contact_name, contact_role, email, phone, consent, consent_source, "
                "notes, custom, version) values (1, 'Gobernación del Valle', '', 'organisation', "
                "'', '', '[]', '[]', '', '', '', '', 'unknown', '', '', '{}', 1)"
            )
        )
        connection.execute(
            text("insert into users (username, display_name, active) values ('ana@cali.gov', 'Ana', true)")
        )
        connection.execute(text("insert into memberships (workspace_id, user_id, role) values (1, 1, 'owner')"))
    old.dispose()


def test_a_database_with_accounts_is_upgraded_without_losing_members_or_actors(database_url):
    """From 0006 (accounts) to the latest: 0007 rebuilds ``users`` and 0009 rebuilds ``workspaces``
    on SQLite; with foreign keys on, each rebuild deleted the memberships (and the workspaces'
    actors) that pointed to the dropped table."""
    _old_database(database_url, "0006")
    upgraded = open_store(database_url)
    assert [a.name for a in list_actors(upgraded, 1)] == ["Gobernación del Valle"]
    with upgraded.connect() as connection:
        assert connection.execute(select(memberships.c.role)).scalars().all() == ["owner"]
        assert connection.execute(select(workspaces.c.name, workspaces.c.unique_name)).all() == [("Antigua", "Antigua")]
        if upgraded.dialect.name == "sqlite":  # and the app's connections have their foreign keys back on
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    names = {c["column_names"][0] for c in inspect(upgraded).get_unique_constraints("workspaces")}
    assert names == {"unique_name"}  # the name alone is no longer unique across the server
    upgraded.dispose()
