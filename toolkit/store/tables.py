"""Tables (SQLAlchemy Core). Changes to these go through an Alembic migration."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData()

workspaces = Table(
    "workspaces",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, index=True),  # unique among the workspaces one person opens
    # the name again for the operator's own workspaces (command line, no accounts), NULL for those an owner
    # created or renamed: unique across them, so two instances loading the sample at once make one
    Column("unique_name", String(200), unique=True),
    Column("city", String(200), nullable=False, default=""),
    Column("country", String(200), nullable=False, default=""),
    Column("language", String(5), nullable=False, default="es"),
    Column("description", Text, nullable=False, default=""),
    Column("revision", Integer, nullable=False, default=0),
    Column("created_at", DateTime, nullable=False, server_default=func.now()),
)

vocab_terms = Table(
    "vocab_terms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("vocabulary", String(40), nullable=False),
    Column("key", String(80), nullable=False),
    Column("label", String(200)),  # None: the catalog's translated label
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("workspace_id", "vocabulary", "key"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(300), nullable=False),
    Column("acronym", String(60), nullable=False, default=""),
    Column("kind", String(40), nullable=False, default="organisation"),
    Column("sector", String(80)),
    Column("scale", String(80)),
    Column("country", String(120), nullable=False, default=""),
    Column("city", String(120), nullable=False, default=""),
    Column("influence", Integer),
    Column("interest", Integer),
    Column("stance", Integer),
    Column("themes", JSON, nullable=False, default=list),
    Column("dimensions", JSON, nullable=False, default=list),
    Column("contact_name", String(300), nullable=False, default=""),
    Column("contact_role", String(300), nullable=False, default=""),
    Column("email", String(300), nullable=False, default=""),
    Column("phone", String(80), nullable=False, default=""),
    Column("consent", String(10), nullable=False, default="unknown"),
    Column("consent_date", Date),
    Column("consent_source", String(300), nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    Column("custom", JSON, nullable=False, default=dict),
    Column("version", Integer, nullable=False, default=1),
    # where the actor is (migration 0012, issue 19): WGS 84 degrees, the territory's district, where
    # the place came from ("gazetteer", "file", "hand"; "" unplaced) and an address kept as text
    Column("latitude", Float),
    Column("longitude", Float),
    Column("district", String(120), nullable=False, default="", server_default=""),
    Column("place_source", String(10), nullable=False, default="", server_default=""),
    Column("address", String(300), nullable=False, default="", server_default=""),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("target_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(80), nullable=False, default="cooperation"),
    Column("strength", Integer, nullable=False, default=2),
    Column("directed", Boolean, nullable=False, default=False),
    Column("description", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    # relations over time (migration 0008): None = since always / still on
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("custom", JSON, nullable=False, default=dict),  # extra columns from imported files
    # said by an actor answering a questionnaire (migration 0011): "pending" until the team confirms
    Column("reported_by", Integer, ForeignKey("actors.id", name="fk_relations_reported_by", ondelete="SET NULL")),
    Column("report_status", String(10)),  # None (not reported), "pending", "confirmed"
)

# the map's saved node positions, per layout, so the map looks the same tomorrow
map_positions = Table(
    "map_positions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("layout", String(40), nullable=False),
    Column("x", Float, nullable=False),
    Column("y", Float, nullable=False),
    UniqueConstraint("workspace_id", "actor_id", "layout"),
)

# which layout the workspace's map shows
map_settings = Table(
    "map_settings",
    metadata,
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True),
    Column("layout", String(40), nullable=False, default="force"),
    Column("saved_at", DateTime),
)

# multi-actor consultations: the plan, who takes part, what they said
consultations = Table(
    "consultations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("objective", Text, nullable=False, default=""),
    Column("specific_objectives", Text, nullable=False, default=""),
    Column("questions", Text, nullable=False, default=""),
    Column("instrument", String(80), nullable=False, default="workshop"),
    Column("modality", String(20), nullable=False, default="in_person"),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("place", String(500), nullable=False, default=""),
    Column("facilitator", String(300), nullable=False, default=""),
    Column("budget", Float),
    Column("status", String(20), nullable=False, default="draft"),
    Column("targets", JSON, nullable=False, default=list),  # [{"dimension", "key", "minimum"}]
    Column("version", Integer, nullable=False, default=1),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("consultation_id", Integer, ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("status", String(20), nullable=False, default="to_invite"),
    Column("invited_on", Date),
    Column("responded_on", Date),
    Column("attended_on", Date),
    Column("attendee", String(300), nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    UniqueConstraint("consultation_id", "actor_id"),
)

contributions = Table(
    "contributions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("consultation_id", Integer, ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), index=True),
    Column("theme", String(200), nullable=False, default=""),
    Column("type", String(20), nullable=False, default="proposal"),
    Column("text", Text, nullable=False),
    Column("priority", String(10), nullable=False, default="medium"),
    Column("due_on", Date),
    Column("response", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
)

# audiences: segments of the register (a rule and hand adjustments) or publics outside it
audiences = Table(
    "audiences",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(300), nullable=False),
    Column("kind", String(20), nullable=False, default="segment"),
    Column("description", Text, nullable=False, default=""),
    Column("rule", JSON, nullable=False, default=dict),  # {"sectors": [...], "communities": [...]}
    Column("estimated_size", Integer),
    Column("influence", Integer),
    Column("interest", Integer),
    Column("knowledge", Text, nullable=False, default=""),
    Column("attitude", Text, nullable=False, default=""),
    Column("needs", Text, nullable=False, default=""),
    Column("barriers", Text, nullable=False, default=""),
    Column("priority", String(10), nullable=False, default="medium"),
    Column("messages", JSON, nullable=False, default=list),
    Column("channels", JSON, nullable=False, default=list),
    Column("version", Integer, nullable=False, default=1),
)

audience_members = Table(
    "audience_members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("audience_id", Integer, ForeignKey("audiences.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("included", Boolean, nullable=False, default=True),  # False: left out of what the rule takes
    UniqueConstraint("audience_id", "actor_id"),
)

# dissemination and advocacy campaigns, their activities and indicators
campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("type", String(20), nullable=False, default="dissemination"),
    Column("objective", Text, nullable=False, default=""),
    Column("messages", JSON, nullable=False, default=list),
    Column("channels", JSON, nullable=False, default=list),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("owner", String(300), nullable=False, default=""),
    Column("budget", Float),
    Column("status", String(20), nullable=False, default="planned"),
    Column("version", Integer, nullable=False, default=1),
)

campaign_audiences = Table(
    "campaign_audiences",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("audience_id", Integer, ForeignKey("audiences.id", ondelete="CASCADE"), nullable=False, index=True),
    UniqueConstraint("campaign_id", "audience_id"),
)

activities = Table(
    "activities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("channel", String(80)),
    Column("due_on", Date),
    Column("owner", String(300), nullable=False, default=""),
    Column("status", String(20), nullable=False, default="planned"),
    Column("cost", Float),
    Column("notes", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
)

kpis = Table(
    "kpis",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(300), nullable=False),
    Column("kind", String(40), nullable=False, default="reach"),
    Column("unit", String(60), nullable=False, default=""),
    Column("baseline", Float, nullable=False, default=0.0),
    Column("target", Float, nullable=False),
    Column("aggregation", String(10), nullable=False, default="sum"),
    Column("version", Integer, nullable=False, default=1),
)

kpi_measurements = Table(
    "kpi_measurements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kpi_id", Integer, ForeignKey("kpis.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("measured_on", Date, nullable=False),
    Column("value", Float, nullable=False),
    Column("notes", Text, nullable=False, default=""),
)

# the roadmap (hoja de ruta): milestones grouped in phases (the workspace's "phases" vocabulary)
milestones = Table(
    "milestones",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("phase", String(80)),  # a key of the "phases" vocabulary
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("starts_on", Date),  # optional: the bar on the timeline begins here, else at due_on
    Column("due_on", Date),
    Column("owner", String(300), nullable=False, default=""),
    Column("status", String(20), nullable=False, default="planned"),
    # deleting the consultation or campaign keeps the milestone, unlinked
    Column("consultation_id", Integer, ForeignKey("consultations.id", ondelete="SET NULL"), index=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="SET NULL"), index=True),
    Column("notes", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
)

# indicators of international action in three dimensions (institutional, political, territorial)
indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("dimension", String(20), nullable=False),
    Column("name", String(300), nullable=False),
    Column("unit", String(60), nullable=False, default=""),
    Column("baseline", Float),
    Column("baseline_on", Date),
    Column("target", Float),
    Column("target_on", Date),
    Column("source", Text, nullable=False, default=""),
    Column("automatic", String(40)),  # None: measured by hand; else the workspace figure it is filled from
    Column("position", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False, default=1),
)

indicator_measurements = Table(
    "indicator_measurements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("indicator_id", Integer, ForeignKey("indicators.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("measured_on", Date, nullable=False),
    Column("value", Float, nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
)

# contact history: meetings, calls, e-mails... with one or several actors (migration 0008)
interactions = Table(
    "interactions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False, default="meeting"),
    Column("occurred_on", Date, nullable=False, index=True),
    Column("team_member", String(300), nullable=False, default=""),  # who on our team
    Column("summary", Text, nullable=False, default=""),
    Column("agreements", Text, nullable=False, default=""),
    Column("next_step", Text, nullable=False, default=""),
    Column("next_step_due", Date),
    Column("next_step_done", Boolean, nullable=False, default=False),
    # deleting the consultation or campaign keeps the interaction, unlinked
    Column("consultation_id", Integer, ForeignKey("consultations.id", ondelete="SET NULL"), index=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="SET NULL"), index=True),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime, nullable=False, server_default=func.now()),
)

interaction_actors = Table(
    "interaction_actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("interaction_id", Integer, ForeignKey("interactions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("people", Text, nullable=False, default=""),  # who of the actor took part
    UniqueConstraint("interaction_id", "actor_id"),
)

# dated assessments of an actor's influence, interest and stance; the latest is the current one
assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("assessed_on", Date, nullable=False),
    Column("influence", Integer),
    Column("interest", Integer),
    Column("stance", Integer),
    Column("reason", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False, server_default=func.now()),
)

# accounts (off by default): people, their role in each workspace, sign-in attempts
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(200), nullable=False, unique=True),  # stored folded to lower case
    Column("display_name", String(200), nullable=False, default=""),
    Column("password_hash", String(300)),  # None: signs in through the organisation's identity provider
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False, server_default=func.now()),
    # single sign-on: the provider's issuer and subject, bound on the first sign-in (migration 0007)
    Column("sso_issuer", String(300)),
    Column("sso_subject", String(300)),
    # sessions (and identity tokens) from before this moment no longer count: sign-out, deactivation
    Column("sessions_ended_at", DateTime),
    Column("created_by", Integer),  # the account of the owner who opened it (None: the operator)
    UniqueConstraint("sso_issuer", "sso_subject"),
)

memberships = Table(
    "memberships",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(10), nullable=False),  # owner, editor, viewer
    UniqueConstraint("workspace_id", "user_id"),
)

sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(200), nullable=False, index=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("succeeded", Boolean, nullable=False),
    Column("client", String(64), index=True),  # the client's address when Streamlit gives one
)

# who changed what: one row per change, with the row before and after
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), index=True),
    Column("at", DateTime, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("username", String(200), nullable=False, default=""),  # kept after the account goes
    Column("action", String(20), nullable=False),  # insert, update, delete, restore
    Column("entity", String(40), nullable=False),  # the table
    Column("entity_id", Integer),
    Column("label", String(300), nullable=False, default=""),  # the row's name or title when it changed
    Column("before", JSON),
    Column("after", JSON),
)

# deleted actors, consultations and campaigns with what hung from them, restorable for 30 days
bin_entries = Table(
    "bin_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("entity", String(40), nullable=False),
    Column("entity_id", Integer, nullable=False),
    Column("label", String(300), nullable=False, default=""),
    Column("deleted_at", DateTime, nullable=False, index=True),
    Column("deleted_by", String(200), nullable=False, default=""),
    Column("payload", JSON, nullable=False),  # {table: [rows]} as they were
)

# saved views of the actor map and stories made of them (issue 15, migration 0010)
map_views = Table(
    "map_views",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("spec", JSON, nullable=False, default=dict),  # toolkit.network.saved_view.ViewSpec as JSON
    Column("position", Integer, nullable=False, default=0),
    Column("saved_by", String(200), nullable=False, default=""),
    Column("saved_at", DateTime, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    Column("is_default", Boolean, nullable=False, default=False),  # the one `export --out deck.pptx` writes
    Column("saved_at", DateTime, nullable=False),
)

# a story's slides in order: a saved view, the grid, key figures, indicators or a text
story_slides = Table(
    "story_slides",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False, default=0),
    Column("kind", String(20), nullable=False),
    Column("view_id", Integer, ForeignKey("map_views.id", ondelete="CASCADE"), index=True),
    Column("title", String(200), nullable=False, default=""),
    Column("body", Text, nullable=False, default=""),  # a text slide's words
    Column("note", Text, nullable=False, default=""),  # the speaker's notes
)

# online questionnaires of consultations (issue 18, migration 0011)
questionnaires = Table(
    "questionnaires",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("consultation_id", Integer, ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("intro", Text, nullable=False, default=""),
    Column("language", String(5), nullable=False, default="es"),  # the participant's page speaks it
    Column("version", Integer, nullable=False, default=1),
)

questionnaire_questions = Table(
    "questionnaire_questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column(
        "questionnaire_id", Integer, ForeignKey("questionnaires.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("position", Integer, nullable=False, default=0),
    Column("kind", String(20), nullable=False, default="open"),  # toolkit.questionnaires.QUESTION_KINDS
    Column("text", String(1000), nullable=False),
    Column("options", JSON, nullable=False, default=list),  # the choices of a closed question, in order
    Column("contribution_type", String(20)),  # its answers become contributions of this type (None: counted only)
    Column("theme", String(200), nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
)

# a link to answer: only the SHA-256 of its token is kept; participant None is the open link
questionnaire_links = Table(
    "questionnaire_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column(
        "questionnaire_id", Integer, ForeignKey("questionnaires.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("issued_at", DateTime, nullable=False),
    Column("expires_on", Date),  # the consultation's closing date when issued; the link opens until that day
    Column("revoked_at", DateTime),
    Column("estimated_size", Integer),  # the open link's public, as the team estimates it
)

# one person's answers through a link: a participant's (one per participant) or one visit of the open link
questionnaire_responses = Table(
    "questionnaire_responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column(
        "questionnaire_id", Integer, ForeignKey("questionnaires.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("link_id", Integer, ForeignKey("questionnaire_links.id", ondelete="SET NULL"), index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="SET NULL"), index=True),
    Column("visitor", String(64)),  # the open link: the SHA-256 of the visit's own random key
    Column("client", String(64)),  # the client's address when Streamlit gives one (rate limit)
    Column("started_at", DateTime, nullable=False, index=True),
    Column("saved_at", DateTime, nullable=False),
    Column("submitted_at", DateTime),  # None: saved to finish later
)

questionnaire_answers = Table(
    "questionnaire_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True),
    Column(
        "response_id", Integer, ForeignKey("questionnaire_responses.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column(
        "question_id",
        Integer,
        ForeignKey("questionnaire_questions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("value", JSON, nullable=False),  # as typed: text, a choice, choices, 1-5, a ranking, ties
    Column("contribution_id", Integer, ForeignKey("contributions.id", ondelete="SET NULL")),
    UniqueConstraint("response_id", "question_id"),
)

# the territory's districts (comunas, localidades) of a workspace, from a GeoJSON file its team
# uploaded, kept as checked (migration 0012, issue 19)
districts_maps = Table(
    "districts_maps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", Integer, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("name_property", String(120), nullable=False),  # the property that named each district
    Column("file_name", String(200), nullable=False),
    Column("geojson", Text, nullable=False),  # toolkit.districts.to_geojson: a "name" property each
    Column("saved_at", DateTime, nullable=False),
)
