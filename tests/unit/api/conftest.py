"""API fixtures: an app on a fresh database, a client, and signed-up users.

Every test runs on SQLite (a fresh file); when ``MILIA_TEST_POSTGRES_URL`` is set it
runs again on PostgreSQL, in a schema of its own that is dropped afterwards (the
PostgreSQL runs are marked ``integration`` and skip, saying why, without the URL).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None (SQLite in the data folder), or a PostgreSQL URL bound to a fresh schema."""
    if request.param == "sqlite":
        yield None
        return
    base = os.environ.get("MILIA_TEST_POSTGRES_URL")
    if not base:
        _skip_or_fail("MILIA_TEST_POSTGRES_URL is not set (PostgreSQL runs need a server)")
    assert base is not None
    from sqlalchemy import create_engine, text

    schema = f"milia_api_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        _skip_or_fail(f"PostgreSQL at MILIA_TEST_POSTGRES_URL is not reachable: {exc}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key="test-secret-" + "x" * 32,
        max_upload_bytes=2_000_000,
    )


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
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
