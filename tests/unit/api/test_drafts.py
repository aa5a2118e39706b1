"""Photos never saved are deleted after a day for every user, not only on their next upload (QA F7-31)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from milia.api.app import create_app
from milia.api.drafts import DRAFT_LIFETIME, PURGE_EVERY, DraftPurge
from milia.config import Settings
from milia.storage.repository import Repository
from milia.storage.tables import Photo


def _photo(repo: Repository, user: int, *, saved: bool, age: dt.timedelta) -> int:
    photo = repo.add_photo(user, b"jpeg", media_type="image/jpeg", analysis={},
                           overlay_png=b"png", taken_on=dt.date(2026, 11, 1),
                           saved=saved)  # fmt: skip
    photo.created_at = dt.datetime.now(dt.UTC) - age
    repo.session.flush()
    return photo.id


def test_any_request_purges_every_users_old_drafts(tmp_path: Path) -> None:
    app = create_app(Settings(environment="test", data_dir=tmp_path).with_local_secret())
    sessions = app.state.milia.sessions
    with sessions() as session:
        repo = Repository(session)
        alice = repo.create_user("alice@example.org", "x").id
        bob = repo.create_user("bob@example.org", "x").id
        old_draft = _photo(repo, alice, saved=False, age=DRAFT_LIFETIME + dt.timedelta(hours=1))
        new_draft = _photo(repo, alice, saved=False, age=dt.timedelta(hours=1))
        old_saved = _photo(repo, bob, saved=True, age=dt.timedelta(days=30))
        bobs_draft = _photo(repo, bob, saved=False, age=dt.timedelta(days=3))
        session.commit()
    with TestClient(app) as client:  # nobody signs in: a stranger's visit is enough
        assert client.get("/").status_code == 200
    with sessions() as session:
        left = set(session.scalars(select(Photo.id)))
    assert left == {new_draft, old_saved}
    assert old_draft not in left and bobs_draft not in left


def test_the_purge_runs_first_and_then_at_most_every_interval() -> None:
    calls: list[str] = []
    now = [1000.0]

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        calls.append("request")

    purge = DraftPurge(inner, sessions=lambda: None, clock=lambda: now[0])  # type: ignore[arg-type,return-value]
    import milia.api.drafts as drafts

    original = drafts.purge_drafts
    drafts.purge_drafts = lambda sessions, **_: calls.append("purge") or 0  # type: ignore[assignment,func-returns-value]
    try:
        scope = {"type": "http"}
        for moment in (1000.0, 1001.0, 1000.0 + PURGE_EVERY - 1, 1000.0 + PURGE_EVERY):
            now[0] = moment
            asyncio.run(purge(scope, None, None))  # type: ignore[arg-type]
        asyncio.run(purge({"type": "lifespan"}, None, None))  # type: ignore[arg-type]
    finally:
        drafts.purge_drafts = original
    assert calls == ["purge", "request", "request", "request", "purge", "request", "request"]
