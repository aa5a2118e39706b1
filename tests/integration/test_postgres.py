"""The storage and the API on PostgreSQL (``MILIA_TEST_POSTGRES_URL``); each test in its own
schema, the repository tests inside a transaction that is rolled back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from milia.api.app import create_app
from milia.config import Settings
from milia.errors import NotFoundError
from milia.storage.db import make_engine, migrate
from milia.storage.repository import Repository
from milia.storage.tables import Base

pytestmark = pytest.mark.integration


@pytest.fixture
def pg_engine(postgres_schema_url: str, tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(Settings(environment="test", data_dir=tmp_path),
                         url=postgres_schema_url)  # fmt: skip
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_session(pg_engine: Engine) -> Iterator[Session]:
    connection = pg_engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    yield session
    session.close()
    outer.rollback()
    connection.close()


def test_migrations_match_the_models_on_postgres(pg_engine: Engine) -> None:
    with pg_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_repository_round_trip_and_ownership(pg_session: Session) -> None:
    repo = Repository(pg_session)
    alice = repo.create_user("alice@example.org", "h").id
    bob = repo.create_user("bob@example.org", "h").id
    entry = repo.add_entry(alice, dt.date(2026, 11, 1), 4, by_region={"eyelids": 3})
    photo = repo.add_photo(alice, b"\xff\xd8jpeg", media_type="image/jpeg",
                           analysis={"counts": {"milia_like": 2}}, overlay_png=b"\x89PNG",
                           taken_on=dt.date(2026, 11, 1))  # fmt: skip
    pg_session.commit()  # releases the savepoint; the outer transaction is rolled back later
    pg_session.expire_all()
    assert {r.region: r.count for r in repo.entry(alice, entry.id).regions} == {"eyelids": 3}
    assert repo.photo(alice, photo.id).image == b"\xff\xd8jpeg"
    with pytest.raises(NotFoundError):
        repo.entry(bob, entry.id)
    with pytest.raises(NotFoundError):
        repo.photo(bob, photo.id)
    repo.delete_user(alice)
    assert set(repo.counts(alice).values()) == {0}
    assert repo.user(bob) is not None


def test_api_on_postgres(postgres_schema_url: str, tmp_path: Path) -> None:
    settings = Settings(environment="test", data_dir=tmp_path, database_url=postgres_schema_url,
                        secret_key="pg-secret-" + "k" * 32)  # fmt: skip
    app = create_app(settings)
    try:
        with TestClient(app) as client:
            headers = {}
            for email in ("a@example.org", "b@example.org"):
                client.post("/api/v1/auth/signup", json={"email": email, "password": "pw-long-1"})
                token = client.post("/api/v1/auth/token",
                                    data={"username": email, "password": "pw-long-1"})  # fmt: skip
                headers[email] = {"Authorization": f"Bearer {token.json()['access_token']}"}
            a, b = headers["a@example.org"], headers["b@example.org"]
            body = {"date": "2026-11-01", "count": 5, "by_region": {"nose": 2}, "notes": "pg"}
            created = client.post("/api/v1/diary/entries", json=body, headers=a)
            assert created.status_code == 201
            entry_id = created.json()["id"]
            assert (
                client.get(f"/api/v1/diary/entries/{entry_id}", headers=a).json()["notes"] == "pg"
            )
            assert client.get(f"/api/v1/diary/entries/{entry_id}", headers=b).status_code == 404
            assert client.delete("/api/v1/auth/account", headers=a).status_code == 204
            assert client.get("/api/v1/diary/entries", headers=b).json() == []
    finally:
        app.state.milia.engine.dispose()
