"""Tables of the strategy analysis (issue 20, migration 0013): MACTOR objectives, positions and
direct influences, dated salience judgements, and SDG tags. Their columns live here, on the
register's own metadata, so the tables module stays one list per subject."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Table, Text, UniqueConstraint, func

from toolkit.store.tables import metadata


def _workspace() -> Column:
    return Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True)


def _actor(name: str = "actor_id") -> Column:
    return Column(name, Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True)


# the objectives of the strategy (MACTOR), optionally one of the roadmap's phases, in their order
strategy_objectives = Table(
    "strategy_objectives",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("title", String(300), nullable=False),
    Column("phase", String(80)),  # a key of the workspace's "phases" vocabulary, or None
    Column("position", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False, default=1),
)

# each actor's position on each objective: -3..+3 (the sign: for or against; the size: how much it matters)
strategy_positions = Table(
    "strategy_positions",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _actor(),
    Column(
        "objective_id", Integer, ForeignKey("strategy_objectives.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("value", Integer, nullable=False),
    UniqueConstraint("actor_id", "objective_id"),
)

# direct influence of one actor on another, 0..4 (MACTOR's MDI)
strategy_influences = Table(
    "strategy_influences",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _actor("source_id"),
    _actor("target_id"),
    Column("value", Integer, nullable=False),
    UniqueConstraint("source_id", "target_id"),
)

# dated judgements of an actor's power, legitimacy and urgency (1..5 each); the latest is current
salience_assessments = Table(
    "salience_assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _actor(),
    Column("assessed_on", Date, nullable=False),
    Column("power", Integer),
    Column("legitimacy", Integer),
    Column("urgency", Integer),
    Column("reason", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False, server_default=func.now()),
)

# a Sustainable Development Goal (1..17) an actor, consultation, campaign, indicator or milestone works on
sdg_tags = Table(
    "sdg_tags",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("entity", String(20), nullable=False),
    Column("entity_id", Integer, nullable=False),
    Column("goal", Integer, nullable=False),
    UniqueConstraint("workspace_id", "entity", "entity_id", "goal"),
)
