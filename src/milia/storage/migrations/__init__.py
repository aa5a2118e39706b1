"""Alembic migrations of the diary schema (run by :func:`milia.storage.db.migrate`)."""
