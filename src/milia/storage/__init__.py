"""The private diary's storage: SQLAlchemy 2 tables, packaged Alembic migrations, and an
owner-scoped repository (SQLite in ``MILIA_DATA_DIR`` by default, PostgreSQL by URL)."""

from milia.storage.db import make_engine, make_sessionmaker, migrate, session_scope
from milia.storage.owned import Page
from milia.storage.repository import Repository

__all__ = ["Page", "Repository", "make_engine", "make_sessionmaker", "migrate", "session_scope"]
