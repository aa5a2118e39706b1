from __future__ import annotations

from collections.abc import Callable

import pytest
from api_helpers import bearer, csrf_of
from fastapi.testclient import TestClient

from milia.config import DEFAULT_SECRET, Settings
from milia.errors import ConfigError


def test_signup_token_and_me(client: TestClient, alice: dict[str, str]) -> None:
    me = client.get("/api/v1/auth/me", headers=alice)
    assert me.status_code == 200
    assert me.json()["email"] == "alice@example.org"


def test_password_is_stored_as_argon2(client: TestClient, alice: dict[str, str]) -> None:
    from milia.storage.repository import Repository

    with client.app.state.milia.sessions() as session:  # type: ignore[attr-defined]
        user = Repository(session).user_by_email("alice@example.org")
        assert user is not None
        assert user.password_hash.startswith("$argon2id$")
        assert "correct horse" not in user.password_hash


def test_duplicate_signup_is_409(client: TestClient, alice: dict[str, str]) -> None:
    again = client.post(
        "/api/v1/auth/signup", json={"email": "ALICE@example.org", "password": "another pw 1"}
    )
    assert again.status_code == 409
    assert again.json()["field"] == "email"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email", "password": "long enough"}, "email"),
        ({"email": "a@b.org", "password": "short"}, "password"),
        ({"email": "a@b.org"}, "password"),
        ({"email": "a@b.org", "password": "long enough", "extra": 1}, "extra"),
    ],
)
def test_bad_signup_is_422_naming_the_field(
    client: TestClient, body: dict[str, object], field: str
) -> None:
    answer = client.post("/api/v1/auth/signup", json=body)
    assert answer.status_code == 422
    assert answer.json()["field"] == field


def test_wrong_password_and_unknown_user_are_401(client: TestClient, alice: dict[str, str]) -> None:
    for user, pw in (("alice@example.org", "wrong password"), ("nobody@example.org", "x" * 9)):
        answer = client.post("/api/v1/auth/token", data={"username": user, "password": pw})
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Bearer " + "a" * 200])
def test_diary_needs_a_valid_token(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    answer = client.get("/api/v1/diary/entries", headers=headers)
    assert answer.status_code == 401
    assert answer.json()["detail"]


def test_token_of_another_secret_is_refused(client: TestClient, alice: dict[str, str]) -> None:
    from milia.api.security import TokenService

    forged = TokenService(Settings(environment="test", secret_key="y" * 40)).issue(
        1, "alice@example.org"
    )
    answer = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {forged}"})
    assert answer.status_code == 401


def test_expired_token_is_refused(settings: Settings) -> None:
    from milia.api.security import TokenService
    from milia.errors import AuthError

    tokens = TokenService(settings.model_copy(update={"token_ttl_minutes": 1}))
    token = tokens.issue(7, "g@example.org")
    assert tokens.user_id(token) == 7
    tokens._max_age = -1  # as if the minute had passed
    with pytest.raises(AuthError, match="expired"):
        tokens.user_id(token)


def test_default_secret_is_refused_outside_development() -> None:
    with pytest.raises(ConfigError):
        Settings(environment="production", secret_key=DEFAULT_SECRET)


def test_delete_account_removes_everything_and_the_token(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    client.post("/api/v1/diary/entries", json={"date": "2026-11-01", "count": 3}, headers=alice)
    client.post("/api/v1/diary/entries", json={"date": "2026-11-01", "count": 4}, headers=bob)
    assert client.delete("/api/v1/auth/account", headers=alice).status_code == 204
    assert client.get("/api/v1/diary/entries", headers=alice).status_code == 401
    from milia.storage.repository import Repository

    with client.app.state.milia.sessions() as session:  # type: ignore[attr-defined]
        repo = Repository(session)
        assert repo.user_by_email("alice@example.org") is None
    assert [e["count"] for e in client.get("/api/v1/diary/entries", headers=bob).json()] == [4]
    # The address can be used again, and starts empty.
    again = client.post(
        "/api/v1/auth/signup", json={"email": "alice@example.org", "password": "new password"}
    )
    assert again.status_code == 201


def test_app_refuses_the_default_secret_outside_development(tmp_path: object) -> None:
    from pathlib import Path

    from milia.api.app import create_app

    data_dir = Path(str(tmp_path))
    with pytest.raises(ConfigError) as info:
        create_app(Settings(environment="test", data_dir=data_dir, secret_key=DEFAULT_SECRET))
    assert info.value.field == "secret_key"
    app = create_app(Settings(environment="development", data_dir=data_dir))
    app.state.milia.engine.dispose()


def test_a_deleted_accounts_token_and_cookie_never_open_a_newer_account(
    client: TestClient, page_signup: Callable[[str], TestClient]
) -> None:
    first = bearer(client, "old@example.org")
    old_id = client.get("/api/v1/auth/me", headers=first).json()["id"]
    assert client.delete("/api/v1/auth/account", headers=first).status_code == 204
    newer = bearer(client, "new@example.org")
    assert client.get("/api/v1/auth/me", headers=newer).json()["id"] != old_id  # never reused
    assert client.get("/api/v1/auth/me", headers=first).status_code == 401
    web = page_signup("gone@example.org")
    token = csrf_of(web.get("/account").text)
    web.post("/account/delete", data={"csrf_token": token, "confirm": "gone@example.org"})
    page_signup("next@example.org")
    assert web.get("/diary", follow_redirects=False).status_code == 303


def test_repeated_wrong_passwords_lock_the_email_out(
    client: TestClient, alice: dict[str, str]
) -> None:
    wrong = {"username": "alice@example.org", "password": "not her password"}
    for _ in range(5):
        assert client.post("/api/v1/auth/token", data=wrong).status_code == 401
    locked = client.post("/api/v1/auth/token",
                         data={"username": "alice@example.org", "password": "correct horse 1"})  # fmt: skip
    assert locked.status_code == 429
    assert locked.json()["field"] == "throttle"
    # Someone else is not affected.
    bearer(client, "carl@example.org")
