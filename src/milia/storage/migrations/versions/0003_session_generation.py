"""a per-account session generation, so "Sign out" ends every session and token

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 01:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing accounts start at 0, the generation their current sessions and tokens
    # (issued without one) are read as, so upgrading signs nobody out. ALTER TABLE ADD
    # COLUMN, never a copied table: SQLite's copy would lose AUTOINCREMENT, and with it
    # the promise that a deleted account's id is never reused.
    with op.batch_alter_table("users", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                "session_generation", sa.Integer(), server_default=sa.text("0"), nullable=False
            )
        )


def downgrade() -> None:
    # ALTER TABLE DROP COLUMN (SQLite 3.35 or later), never a copied table (see above)
    with op.batch_alter_table("users", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("session_generation")
