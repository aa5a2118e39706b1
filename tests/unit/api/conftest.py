"""API fixtures: an app on a fresh database, a client, and signed-up users.

Every test runs on SQLite (a fresh file); when ``MILIA_TEST_POSTGRES_URL`` is set it
runs again on PostgreSQL (the PostgreSQL runs are marked ``integration`` and skip,
saying why, without the URL).

The schema is made by the real migrations once per test session (per pytest-xdist
worker), not once per test, which cost most of a small test's time:

- SQLite: a database migrated once is copied, byte for byte, to each test's own data
  folder (mode 0600, the folder 0700, as milia leaves them); the app's start-up still
  runs ``migrate``, which finds the copy at head.
- PostgreSQL: one schema per session, migrated once; after each test every row is
  deleted and every id sequence restarted, so the next test starts as on a fresh
  schema (ids from 1); the schema is dropped at the end of the session.

Tests of a first start on an empty database (migrations, file modes) live in
``tests/unit/storage``, ``tests/integration`` and ``test_serve_command``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from api_helpers import bearer, csrf_of
from fastapi import FastAPI
from fastapi.testclient import TestClient

from milia.api.app import create_app
from milia.config import Settings


def _skip_or_fail(reason: str) -> None:
    """As ``tests/conftest.skip_or_fail``: skip, or fail in CI (``MILIA_TEST_REQUIRE_ALL=1``)."""
    if os.environ.get("MILIA_TEST_REQUIRE_ALL") == "1":
        pytest.fail(f"required in CI but unavailable: {reason}")
    pytest.skip(reason)


def _settings(data_dir: Path, database_url: str | None) -> Settings:
    return Settings(
        environment="test",
        data_dir=data_dir,
        database_url=database_url,
        secret_key="test-secret-" + "x" * 32,
        max_upload_bytes=2_000_000,
    )


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a SQLite database made by the migrations (once per session)."""
    from milia.storage.db import make_engine, migrate

    settings = _settings(tmp_path_factory.mktemp("migrated") / "data", None)
    engine = make_engine(settings)
    migrate(engine)
    engine.dispose()  # the last connection closed: the WAL is checkpointed into the file
    return (settings.data_dir / "milia.sqlite3").read_bytes()


@pytest.fixture(scope="session")
def postgres_session_schema() -> Iterator[dict[str, Any]]:
    """A PostgreSQL schema migrated once for the session: its URL and its tables.

    Skips (fails in CI) without ``MILIA_TEST_POSTGRES_URL`` or a reachable server.
    """
    base = os.environ.get("MILIA_TEST_POSTGRES_URL")
    if not base:
        _skip_or_fail("MILIA_TEST_POSTGRES_URL is not set (PostgreSQL runs need a server)")
    assert base is not None
    from sqlalchemy import create_engine, text

    from milia.storage.db import make_engine, migrate
    from milia.storage.tables import Base

    schema = f"milia_api_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        _skip_or_fail(f"PostgreSQL at MILIA_TEST_POSTGRES_URL is not reachable: {exc}")
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    engine = make_engine(_settings(Path("unused"), url))
    try:
        migrate(engine)
        with engine.connect() as conn:
            made = set(
                conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                ).scalars()
            )
            sequences = (
                conn.execute(
                    text(
                        "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
                    )
                )
                .scalars()
                .all()
            )
        # Children before parents, so that each DELETE leaves no dangling foreign key.
        tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
        assert made == {*tables, "alembic_version"}, made  # the migrations make the models
        empty = "; ".join(f"DELETE FROM {_quoted(t)}" for t in tables)
        empty += "; SELECT " + ", ".join(f"setval('{_quoted(q)}', 1, false)" for q in sequences)
        yield {"url": url, "engine": engine, "empty": empty}
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _quoted(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None (SQLite in the data folder), or the URL of the session's PostgreSQL schema,
    emptied after the test."""
    if request.param == "sqlite":
        yield None
        return
    schema: dict[str, Any] = request.getfixturevalue("postgres_session_schema")
    yield schema["url"]
    with schema["engine"].begin() as conn:  # every row deleted, every id sequence from 1
        conn.exec_driver_sql(schema["empty"])


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return _settings(tmp_path / "data", database_url)


@pytest.fixture
def app(settings: Settings, request: pytest.FixtureRequest) -> Iterator[FastAPI]:
    if settings.database_url is None:  # start from a copy of the migrated database
        database: bytes = request.getfixturevalue("migrated_sqlite")
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(
            settings.data_dir / "milia.sqlite3", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600
        )
        with os.fdopen(fd, "wb") as file:
            file.write(database)
    app = create_app(settings)
    yield app
    app.state.milia.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def alice(client: TestClient) -> dict[str, str]:
    return bearer(client, "alice@example.org")


@pytest.fixture
def bob(client: TestClient) -> dict[str, str]:
    return bearer(client, "bob@example.org")


@pytest.fixture
def page_signup(app: FastAPI) -> Callable[[str], TestClient]:
    """A browser-like client signed up (and in) through the pages."""

    clients: list[TestClient] = []

    def make(email: str) -> TestClient:
        web = TestClient(app)
        clients.append(web)
        token = csrf_of(web.get("/signup").text)
        answer = web.post(
            "/signup",
            data={"email": email, "password": "correct horse 1", "csrf_token": token},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return web

    yield make  # type: ignore[misc]
    for web in clients:
        web.close()
