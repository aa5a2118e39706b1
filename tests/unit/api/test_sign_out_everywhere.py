"""QA F7-35: "Sign out" ends every session and token of the account, copies included.

Runs on SQLite and (with ``MILIA_TEST_POSTGRES_URL``) on PostgreSQL, like every API test.
"""

from __future__ import annotations

from collections.abc import Callable

from api_helpers import bearer, csrf_of
from fastapi import FastAPI
from fastapi.testclient import TestClient

from milia.storage.repository import Repository

_PASSWORD = "correct horse 1"


def _copy_of(app: FastAPI, web: TestClient) -> TestClient:
    """Another browser holding a copy of ``web``'s session cookie (a leaked cookie)."""
    copy = TestClient(app)
    cookie = web.cookies.get("milia_session")
    assert cookie
    copy.cookies.set("milia_session", cookie)
    return copy


def _sign_out(web: TestClient) -> str:
    token = csrf_of(web.get("/diary").text)
    answer = web.post("/signout", data={"csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303
    return str(answer.headers["location"])


def _generation(app: FastAPI, email: str) -> int:
    with app.state.milia.sessions() as db:
        user = Repository(db).user_by_email(email)
        assert user is not None
        return user.session_generation


def test_a_copied_cookie_is_sent_to_sign_in_after_sign_out(
    app: FastAPI, page_signup: Callable[[str], TestClient]
) -> None:
    web = page_signup("rae@example.org")
    copy = _copy_of(app, web)
    assert copy.get("/diary", follow_redirects=False).status_code == 200  # the copy works...
    location = _sign_out(web)
    assert location == "/?signedout=1"
    page = web.get(location).text
    assert "signed out everywhere" in page and "API token" in page
    answer = copy.get("/diary", follow_redirects=False)  # ...until the owner signs out
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/signin")
    assert 'href="/account"' not in copy.get("/learn").text
    assert web.get("/diary", follow_redirects=False).status_code == 303
    copy.close()


def test_signing_in_again_opens_the_diary_but_not_the_old_copy(
    app: FastAPI, page_signup: Callable[[str], TestClient]
) -> None:
    web = page_signup("sol@example.org")
    copy = _copy_of(app, web)
    _sign_out(web)
    token = csrf_of(web.get("/signin").text)
    again = web.post("/signin", data={"email": "sol@example.org", "password": _PASSWORD,
                     "csrf_token": token}, follow_redirects=False)  # fmt: skip
    assert again.status_code == 303
    assert web.get("/diary", follow_redirects=False).status_code == 200
    assert copy.get("/diary", follow_redirects=False).status_code == 303
    copy.close()


def test_a_copied_cookie_cannot_save_into_the_diary_after_sign_out(
    app: FastAPI, page_signup: Callable[[str], TestClient]
) -> None:
    web = page_signup("tam@example.org")
    copy = _copy_of(app, web)
    token = csrf_of(copy.get("/products").text)
    _sign_out(web)
    answer = copy.post("/products", data={"csrf_token": token, "text": "Aqua, Petrolatum",
                       "action": "save"}, follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303 and answer.headers["location"].startswith("/signin")
    with app.state.milia.sessions() as db:
        user = Repository(db).user_by_email("tam@example.org")
        assert user is not None
        assert Repository(db).counts(user.id)["products"] == 0
    copy.close()


def test_a_token_issued_before_sign_out_is_401(
    client: TestClient, app: FastAPI, page_signup: Callable[[str], TestClient]
) -> None:
    web = page_signup("uma@example.org")
    answer = client.post("/api/v1/auth/token", data={"username": "uma@example.org",
                         "password": _PASSWORD})  # fmt: skip
    header = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    assert client.get("/api/v1/diary/entries", headers=header).status_code == 200
    _sign_out(web)  # the page's "Sign out" ends the API token too
    refused = client.get("/api/v1/diary/entries", headers=header)
    assert refused.status_code == 401
    assert "signing out" in refused.json()["detail"]
    stored = client.post("/api/v1/assessments", headers=header, json={"color": "white"})
    assert stored.status_code == 401  # not kept in the diary with an ended token
    assert _generation(app, "uma@example.org") == 1


def test_the_api_sign_out_ends_every_token_and_page_session(
    client: TestClient, app: FastAPI, page_signup: Callable[[str], TestClient]
) -> None:
    web = page_signup("val@example.org")
    tokens = [
        client.post(
            "/api/v1/auth/token", data={"username": "val@example.org", "password": _PASSWORD}
        ).json()["access_token"]
        for _ in range(2)
    ]
    first, second = ({"Authorization": f"Bearer {t}"} for t in tokens)
    assert client.post("/api/v1/auth/signout", headers=first).status_code == 204
    for header in (first, second):
        assert client.get("/api/v1/auth/me", headers=header).status_code == 401
    assert client.post("/api/v1/auth/signout", headers=first).status_code == 401
    assert web.get("/diary", follow_redirects=False).status_code == 303
    fresh = client.post("/api/v1/auth/token", data={"username": "val@example.org",
                        "password": _PASSWORD}).json()["access_token"]  # fmt: skip
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {fresh}"})
    assert me.status_code == 200 and me.json()["email"] == "val@example.org"


def test_sign_out_ends_only_that_accounts_sessions(
    client: TestClient, page_signup: Callable[[str], TestClient]
) -> None:
    wes, xia = page_signup("wes@example.org"), page_signup("xia@example.org")
    other = bearer(client, "yan@example.org")
    _sign_out(wes)
    assert xia.get("/diary", follow_redirects=False).status_code == 200
    assert client.get("/api/v1/auth/me", headers=other).status_code == 200


def test_signing_out_of_an_ended_session_changes_nothing(
    app: FastAPI, page_signup: Callable[[str], TestClient]
) -> None:
    web = page_signup("zed@example.org")
    copy = _copy_of(app, web)
    token = csrf_of(copy.get("/diary").text)
    _sign_out(web)
    answer = copy.post("/signout", data={"csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert _generation(app, "zed@example.org") == 1  # a stale copy cannot sign out the new one
    copy.close()
