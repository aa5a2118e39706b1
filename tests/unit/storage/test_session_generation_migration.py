"""Revisions 0003 (QA F7-35: the users' session generation) and 0004 (QA F10-08: a diary
count of some regions only), on SQLite and PostgreSQL.

The PostgreSQL runs use ``MILIA_TEST_POSTGRES_URL`` (a schema of their own, dropped
afterwards) and skip, saying why, without it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, text

from milia.config import Settings
from milia.storage.db import make_engine, make_sessionmaker, migrate
from milia.storage.repository import Repository
from milia.storage.tables import Base


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database (nothing migrated) on SQLite, or in a new PostgreSQL schema."""
    settings = Settings(environment="test", data_dir=tmp_path / "data")
    if request.param == "sqlite":
        engine = make_engine(settings)
        yield engine
        engine.dispose()
        return
    base = os.environ.get("MILIA_TEST_POSTGRES_URL")
    if not base:
        if os.environ.get("MILIA_TEST_REQUIRE_ALL") == "1":
            pytest.fail("required in CI but unavailable: MILIA_TEST_POSTGRES_URL is not set")
        pytest.skip("MILIA_TEST_POSTGRES_URL is not set (PostgreSQL runs need a server)")
    assert base is not None
    schema = f"milia_gen_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL at MILIA_TEST_POSTGRES_URL is not reachable: {exc}")
    sep = "&" if "?" in base else "?"
    engine = make_engine(settings, url=f"{base}{sep}options={quote(f'-csearch_path={schema}')}")
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_upgrading_keeps_accounts_at_generation_zero(fresh_engine: Engine) -> None:
    migrate(fresh_engine, revision="0002")
    with fresh_engine.begin() as conn:
        conn.execute(text("INSERT INTO users (email, password_hash) VALUES ('a@b.org', 'h')"))
    migrate(fresh_engine)
    with fresh_engine.connect() as conn:
        row = conn.execute(text("SELECT email, session_generation FROM users")).one()
        assert tuple(row) == ("a@b.org", 0)
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        if fresh_engine.dialect.name == "sqlite":  # the column was added, the table not copied
            ddl = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'users'")).scalar()
            assert "AUTOINCREMENT" in str(ddl)


def test_upgrading_keeps_earlier_counts_as_totals(fresh_engine: Engine) -> None:
    migrate(fresh_engine, revision="0003")
    with fresh_engine.begin() as conn:
        conn.execute(text("INSERT INTO users (email, password_hash) VALUES ('a@b.org', 'h')"))
        conn.execute(
            text(
                "INSERT INTO diary_entries (user_id, date, count, notes) "
                "VALUES ((SELECT id FROM users), '2026-10-01', 9, '')"
            )
        )
    migrate(fresh_engine)
    with fresh_engine.connect() as conn:
        row = conn.execute(text("SELECT count, total_counted FROM diary_entries")).one()
        assert (row[0], bool(row[1])) == (9, True)
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_end_sessions_counts_every_sign_out_of_that_account_only(fresh_engine: Engine) -> None:
    migrate(fresh_engine)
    with make_sessionmaker(fresh_engine)() as session:
        repo = Repository(session)
        alice = repo.create_user("alice@example.org", "h")
        bob = repo.create_user("bob@example.org", "h")
        session.commit()
        assert (alice.session_generation, bob.session_generation) == (0, 0)
        assert repo.end_sessions(alice.id) == 1
        assert alice.session_generation == 1  # the loaded account agrees with the row
        assert repo.end_sessions(alice.id) == 2
        session.commit()
    with make_sessionmaker(fresh_engine)() as session:
        again = Repository(session)
        found_alice = again.user_by_email("alice@example.org")
        found_bob = again.user_by_email("bob@example.org")
        assert found_alice is not None and found_bob is not None
        assert (found_alice.session_generation, found_bob.session_generation) == (2, 0)
