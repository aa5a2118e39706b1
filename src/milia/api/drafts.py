"""Photos never saved to the diary are deleted after a day, for every user (QA F7-31).

The Photo page keeps an upload as a draft (``saved`` false) until the person presses
"Save to diary". :class:`DraftPurge` deletes every user's drafts older than
:data:`DRAFT_LIFETIME`: on the first request a server process answers and then at
most once every :data:`PURGE_EVERY`, before the request is passed on (one ``DELETE``
with an indexed condition; the request waits for it only on those occasions).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from milia.storage.db import session_scope
from milia.storage.repository import Repository

__all__ = ["DRAFT_LIFETIME", "PURGE_EVERY", "DraftPurge", "purge_drafts"]

#: How long a photo that was never saved to the diary is kept.
DRAFT_LIFETIME = dt.timedelta(days=1)
#: How often (seconds) a server process purges drafts.
PURGE_EVERY = 15 * 60.0


def purge_drafts(sessions: sessionmaker[Session], *, now: dt.datetime | None = None) -> int:
    """Delete every user's drafts older than :data:`DRAFT_LIFETIME`; return how many.

    Parameters
    ----------
    sessions : sqlalchemy.orm.sessionmaker
        The app's session factory.
    now : datetime, optional
        The current time (UTC; for tests); default: now.
    """
    moment = now or dt.datetime.now(dt.UTC)
    with session_scope(sessions) as session:
        return Repository(session).purge_unsaved_photos(None, older_than=moment - DRAFT_LIFETIME)


class DraftPurge:
    """ASGI middleware: purge old drafts on the first request and every :data:`PURGE_EVERY` s.

    Parameters
    ----------
    app : ASGI app
        The app to wrap.
    sessions : callable
        Returns the app's session factory (read when the first purge runs).
    clock : callable, optional
        Monotonic seconds (for tests).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        sessions: Callable[[], sessionmaker[Session]],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self._sessions = sessions
        self._clock = clock
        self._next: float | None = None  # None: not purged yet in this process

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            moment = self._clock()
            if self._next is None or moment >= self._next:
                self._next = moment + PURGE_EVERY  # set first: one purge at a time
                await run_in_threadpool(purge_drafts, self._sessions())
        await self.app(scope, receive, send)
