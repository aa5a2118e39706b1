"""a diary count may be of some regions only: ``diary_entries.total_counted``

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every count stored before this revision was taken as a total (QA F10-08 could
    # not be told apart then), so existing rows read true. ALTER TABLE ADD COLUMN,
    # never a copied table (see 0003).
    with op.batch_alter_table("diary_entries", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("total_counted", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("diary_entries", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("total_counted")
