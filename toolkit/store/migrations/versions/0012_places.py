"""Places (issue 19): where each actor is, and the territory's districts.

Actors gain a latitude and a longitude (WGS 84 degrees), the district of the territory they are in,
where the place came from (``gazetteer``: the offline list of cities, ``file``: an imported
column, ``hand``: chosen by a person) and an address kept as text. Each workspace may keep one
GeoJSON of its districts (comunas, localidades), checked on upload and kept with the property that
names them.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("latitude", sa.Float))
        batch.add_column(sa.Column("longitude", sa.Float))
        batch.add_column(sa.Column("district", sa.String(120), nullable=False, server_default=""))
        batch.add_column(sa.Column("place_source", sa.String(10), nullable=False, server_default=""))
        batch.add_column(sa.Column("address", sa.String(300), nullable=False, server_default=""))
    op.create_table(
        "districts_maps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "workspace_id",
            sa.Integer,
            sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("name_property", sa.String(120), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("geojson", sa.Text, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("districts_maps")
    with op.batch_alter_table("actors") as batch:
        for column in ("address", "place_source", "district", "longitude", "latitude"):
            batch.drop_column(column)
