"""Alembic environment: runs on the connection handed over by ``milia.storage.db.migrate``."""

from __future__ import annotations

from alembic import context

from milia.storage.tables import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via milia.storage.db.migrate
    raise RuntimeError("run migrations through milia.storage.db.migrate(engine)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
