"""Alembic environment: runs on the connection handed over by ``toolkit.store.engine.migrate``."""

from alembic import context

from toolkit.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` command line: build an engine from DATABASE_URL
    from sqlalchemy import create_engine

    from toolkit.store.engine import default_url

    connection = create_engine(default_url()).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
