"""The sign-in lockout is shared through the database: across workers and restarts.

Runs on SQLite and, with ``MILIA_TEST_POSTGRES_URL``, on PostgreSQL (the ``settings``
fixture). Two apps on one database stand for two ``milia serve`` workers.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from api_helpers import csrf_of
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from milia.api.app import create_app
from milia.api.security import SignInThrottle
from milia.config import Settings
from milia.storage.tables import SignInAttempt

EMAIL, PASSWORD = "alice@example.org", "correct horse 1"
WRONG = {"username": EMAIL, "password": "not her password"}
RIGHT = {"username": EMAIL, "password": PASSWORD}


@pytest.fixture
def two_workers(settings: Settings) -> Iterator[tuple[TestClient, TestClient]]:
    first = create_app(settings)
    second = create_app(settings, run_migrations=False)
    with TestClient(first) as a, TestClient(second) as b:
        assert a.post("/api/v1/auth/signup", json={"email": EMAIL, "password": PASSWORD}).status_code == 201  # fmt: skip
        yield a, b
    for app in (first, second):
        app.state.milia.engine.dispose()


def _attempts(app: FastAPI, *, clients: bool = False) -> int:
    """The e-mails' attempt rows (or, with ``clients``, the client addresses')."""
    is_client = SignInAttempt.email_key.startswith("ip:")
    with app.state.milia.sessions() as session:
        query = select(func.count(SignInAttempt.id)).where(is_client if clients else ~is_client)
        return int(session.scalar(query) or 0)


def test_failures_through_two_workers_add_up(two_workers: tuple[TestClient, TestClient]) -> None:
    a, b = two_workers
    for client in (a, b, a, b, a):
        assert client.post("/api/v1/auth/token", data=WRONG).status_code == 401
    for client in (a, b):
        locked = client.post("/api/v1/auth/token", data=RIGHT)
        assert locked.status_code == 429 and locked.json()["field"] == "throttle"


def test_the_lockout_survives_a_restart(settings: Settings) -> None:
    app = create_app(settings)
    with TestClient(app) as client:
        client.post("/api/v1/auth/signup", json={"email": EMAIL, "password": PASSWORD})
        for _ in range(5):
            assert client.post("/api/v1/auth/token", data=WRONG).status_code == 401
    app.state.milia.engine.dispose()
    restarted = create_app(settings)
    with TestClient(restarted) as client:
        assert client.post("/api/v1/auth/token", data=RIGHT).status_code == 429
    restarted.state.milia.engine.dispose()


def test_pages_and_api_share_the_count(two_workers: tuple[TestClient, TestClient]) -> None:
    a, b = two_workers
    for _ in range(5):
        assert a.post("/api/v1/auth/token", data=WRONG).status_code == 401
    token = csrf_of(b.get("/signin").text)
    page = b.post("/signin", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token},
                  follow_redirects=False)  # fmt: skip
    assert page.status_code == 429 and "too many failed sign-ins" in page.text


def test_a_success_clears_the_count_and_refusals_are_not_kept(
    two_workers: tuple[TestClient, TestClient],
) -> None:
    a, b = two_workers
    for _ in range(4):
        assert a.post("/api/v1/auth/token", data=WRONG).status_code == 401
    assert b.post("/api/v1/auth/token", data=RIGHT).status_code == 200
    assert _attempts(a.app) == 0  # type: ignore[arg-type]
    for _ in range(5):
        a.post("/api/v1/auth/token", data=WRONG)
    for _ in range(3):
        assert a.post("/api/v1/auth/token", data=WRONG).status_code == 429
    assert _attempts(a.app) == 5  # type: ignore[arg-type]


def test_the_window_slides(settings: Settings) -> None:
    now = [dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)]
    app = create_app(settings)
    app.state.milia.throttle = SignInThrottle(max_failures=2, window_seconds=600,
                                              clock=lambda: now[0])  # fmt: skip
    with TestClient(app) as client:
        client.post("/api/v1/auth/signup", json={"email": EMAIL, "password": PASSWORD})
        for _ in range(2):
            assert client.post("/api/v1/auth/token", data=WRONG).status_code == 401
        now[0] += dt.timedelta(minutes=5)
        assert client.post("/api/v1/auth/token", data=RIGHT).status_code == 429
        now[0] += dt.timedelta(minutes=5, seconds=1)  # the first two are out of the window
        assert client.post("/api/v1/auth/token", data=RIGHT).status_code == 200
        # Expired attempts are pruned (anyone's), and e-mails are keyed case-blind.
        client.post("/api/v1/auth/token", data={"username": " Bob@Example.org", "password": "x"})
        now[0] += dt.timedelta(minutes=11)
        client.post("/api/v1/auth/token", data={"username": "bob@example.org", "password": "x"})
        assert _attempts(app) == 1
    app.state.milia.engine.dispose()


def test_concurrent_attempts_never_check_more_than_the_limit(
    two_workers: tuple[TestClient, TestClient],
) -> None:
    a, b = two_workers
    statuses: list[int] = []
    start = threading.Barrier(12)

    def attempt(client: TestClient) -> None:
        start.wait()
        statuses.append(client.post("/api/v1/auth/token", data=WRONG).status_code)

    threads = [threading.Thread(target=attempt, args=((a, b)[i % 2],)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(statuses) == 12 and set(statuses) <= {401, 429}
    assert statuses.count(401) <= 5  # never more password checks than the limit
    assert a.post("/api/v1/auth/token", data=RIGHT).status_code in (200, 429)


def test_deleting_the_account_deletes_its_attempts(
    two_workers: tuple[TestClient, TestClient],
) -> None:
    a, _ = two_workers
    for _ in range(3):
        a.post("/api/v1/auth/token", data=WRONG)
    token = a.post("/api/v1/auth/token", data=RIGHT).json()["access_token"]
    for _ in range(2):
        a.post("/api/v1/auth/token", data=WRONG)
    assert _attempts(a.app) == 2  # type: ignore[arg-type]
    headers = {"Authorization": f"Bearer {token}"}
    assert a.delete("/api/v1/auth/account", headers=headers).status_code == 204
    assert _attempts(a.app) == 0  # type: ignore[arg-type]


def test_one_address_trying_many_e_mails_is_refused_while_others_are_not(
    settings: Settings,
) -> None:
    # password spraying: one password over many accounts stays under each e-mail's limit
    app = create_app(settings)
    app.state.milia.throttle = SignInThrottle(max_failures=5, window_seconds=600,
                                              max_client_failures=3)  # fmt: skip
    with (
        TestClient(app, client=("203.0.113.7", 5000)) as sprayer,
        TestClient(app, client=("198.51.100.2", 5000)) as other,
    ):
        assert sprayer.post("/api/v1/auth/signup", json={"email": EMAIL, "password": PASSWORD}).status_code == 201  # fmt: skip
        for n in range(3):
            tried = {"username": f"user{n}@example.org", "password": "Winter2026!"}
            assert sprayer.post("/api/v1/auth/token", data=tried).status_code == 401
        refused = sprayer.post("/api/v1/auth/token", data=RIGHT)
        assert refused.status_code == 429 and refused.json()["field"] == "throttle"
        assert "from this address" in refused.json()["detail"]
        assert int(refused.headers["Retry-After"]) > 0
        assert _attempts(app, clients=True) == 3  # the refused attempt is not kept
        # the account itself is not locked: its owner signs in from elsewhere
        assert other.post("/api/v1/auth/token", data=RIGHT).status_code == 200
        # and the sign-in page says the same
        page = sprayer.get("/signin")
        form = {"email": EMAIL, "password": PASSWORD, "csrf_token": csrf_of(page.text)}
        answer = sprayer.post("/signin", data=form, follow_redirects=False)
        assert answer.status_code == 429 and "from this address" in answer.text
    app.state.milia.engine.dispose()


def test_a_success_does_not_wipe_the_addresses_failures(settings: Settings) -> None:
    app = create_app(settings)
    app.state.milia.throttle = SignInThrottle(max_failures=5, window_seconds=600,
                                              max_client_failures=3)  # fmt: skip
    with TestClient(app, client=("203.0.113.7", 5000)) as client:
        client.post("/api/v1/auth/signup", json={"email": EMAIL, "password": PASSWORD})
        for n in range(2):
            client.post("/api/v1/auth/token", data={"username": f"u{n}@example.org", "password": "x"})  # fmt: skip
        assert client.post("/api/v1/auth/token", data=RIGHT).status_code == 200
        assert _attempts(app, clients=True) == 2  # the success's own row is gone, not the rest
        client.post("/api/v1/auth/token", data={"username": "u9@example.org", "password": "x"})
        assert client.post("/api/v1/auth/token", data=RIGHT).status_code == 429
    app.state.milia.engine.dispose()
