"""API fixtures: an app on a fresh SQLite file, a client, and signed-up users."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from api_helpers import bearer, csrf_of
from fastapi import FastAPI
from fastapi.testclient import TestClient

from milia.api.app import create_app
from milia.config import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
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
