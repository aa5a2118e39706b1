"""The web app: ``create_app(settings)`` builds everything; nothing is built at import.

Pages (Jinja2, plain forms, cookie session with CSRF tokens) and the JSON API
under ``/api/v1`` (bearer tokens, OpenAPI docs rendered locally at ``/api/v1/docs``) are thin
adapters over the same core calls (:func:`milia.assess`,
:func:`milia.check_ingredients`, :func:`milia.analyze_photo`) and the
owner-scoped :class:`~milia.storage.repository.Repository`.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import milia
from milia.api.citations import citations
from milia.api.contracts import MissingContentTypeIsJson
from milia.api.deps import DISCLAIMER, AppState
from milia.api.drafts import DraftPurge
from milia.api.errors import ERROR_RESPONSES, install_error_handlers
from milia.api.fastlane import AssessmentFastLane
from milia.api.microbatch import assess_cleaned
from milia.api.security import PasswordService, SignInThrottle, TokenService
from milia.config import DEFAULT_SECRET, Settings
from milia.engine.case import validate_case
from milia.engine.presentation import percent_shown
from milia.errors import ConfigError
from milia.storage.db import make_engine, make_sessionmaker, migrate

__all__ = [
    "GC_YOUNG_THRESHOLD",
    "SUPERVISOR_ENV",
    "app_from_environment",
    "create_app",
    "warm_up",
]

#: Set by ``milia serve --workers N`` to its own pid; each worker dies with it.
SUPERVISOR_ENV = "_MILIA_SERVE_SUPERVISOR_PID"

_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"frame-ancestors 'none'; form-action 'self'",
    ),
]


class BodyLimitMiddleware:
    """Answer 413 to any request body larger than ``limit`` bytes (declared or streamed)."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        html = b"text/html" in headers.get(b"accept", b"") and not scope["path"].startswith("/api/")
        # Only a multipart form carries a file (a photo); any other body is a JSON
        # document or a form's text, and is told so (QA F5-61).
        upload = headers.get(b"content-type", b"").lower().startswith(b"multipart/")
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send, html=html, upload=upload)
            return
        seen = 0
        started = False
        refused = False

        async def counting_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit and not started:
                    # Answer now; the app then sees a client that went away.
                    refused = True
                    await self._refuse(send, html=html, upload=upload)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception:
            if not refused:
                raise

    def _message(self, *, upload: bool) -> str:
        """What was too large, worded for a file upload or for any other body."""
        size = f"{self.limit // 1_000_000} MB" if self.limit >= 1_000_000 else f"{self.limit} bytes"
        if upload:
            return (
                f"The upload is larger than the limit of {size}; "
                "send a smaller file (a phone photo resized to about 2000 px is enough)."
            )
        return (
            f"The request body is larger than the limit of {size}; a case, an "
            "ingredient list or a diary entry takes a few kilobytes: send only its fields "
            "(a photo goes as a file to a photo endpoint)."
        )

    async def _refuse(self, send: Send, *, html: bool = False, upload: bool = False) -> None:
        message = self._message(upload=upload)
        back = (
            '<a href="/photo">Back to the photo page</a>'
            if upload
            else '<a href="/">Back to the start page</a>'
        )
        if html:
            body = (
                '<!doctype html><html lang="en"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                '<title>Too large</title><link rel="stylesheet" href="/static/style.css"></head>'
                f'<body><main><h1>Too large</h1><p role="alert">{message}</p>'
                f"<p>{back}</p></main>"
                f"<footer><p>{DISCLAIMER}</p></footer></body></html>"
            ).encode()
            media_type = b"text/html; charset=utf-8"
        else:
            field = "file" if upload else None
            body = json.dumps({"detail": message, "field": field, "suggestion": None}).encode()
            media_type = b"application/json"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", media_type),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class SecurityHeadersMiddleware:
    """Add conservative security headers to every answer (no script, no outside asset)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings, *, run_migrations: bool = True) -> FastAPI:
    """Build the web app for ``settings``.

    Parameters
    ----------
    settings : Settings
        Validated settings (a default secret outside development has already
        been refused by :class:`~milia.config.Settings`).
    run_migrations : bool
        Upgrade the database schema first (idempotent).
    """
    from milia.api.routes import (
        api_core,
        api_diary,
        api_docs,
        api_sources,
        pages_account,
        pages_diary,
        pages_interview,
        pages_tools,
    )

    if settings.environment != "development" and settings.secret_key == DEFAULT_SECRET:
        raise ConfigError(
            f"MILIA_SECRET_KEY is the development default but MILIA_ENVIRONMENT is "
            f"{settings.environment!r}; set a long random secret (e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(48))')",
            field="secret_key",
        )
    engine = make_engine(settings)
    if run_migrations:
        migrate(engine)
    package = resources.files("milia.api")
    templates = Jinja2Templates(directory=str(package.joinpath("templates")))
    templates.env.globals["cite_list"] = citations  # sources shown by short citation (F5-60)
    templates.env.filters["percent"] = percent_shown  # never "100 %" (QA F16-02)
    app = FastAPI(
        title="milia",
        version=milia.__version__,
        description="Decision support for milia. It supports decisions; it never diagnoses.",
        docs_url=None,  # served by routes.api_docs: no CDN, works offline
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.milia = AppState(
        settings=settings,
        engine=engine,
        sessions=make_sessionmaker(engine),
        passwords=PasswordService(fast=settings.environment == "test"),
        tokens=TokenService(settings),
        templates=templates,
        throttle=SignInThrottle(),
    )
    install_error_handlers(app)
    app.include_router(api_core.router, prefix="/api/v1", responses=ERROR_RESPONSES)
    app.include_router(api_diary.router, prefix="/api/v1", responses=ERROR_RESPONSES)
    app.include_router(api_sources.router, prefix="/api/v1", responses=ERROR_RESPONSES)
    app.router.routes[:0] = api_core.lean_routes("/api/v1")  # first: matched before the rest
    for pages in (pages_account, pages_interview, pages_tools, pages_diary, api_docs):
        app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(package.joinpath("static"))), name="static")
    app.mount("/api/v1/docs/static", StaticFiles(directory=api_docs.SWAGGER_UI_FILES),
              name="swagger-ui")  # fmt: skip
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="milia_session",
        max_age=settings.token_ttl_minutes * 60,
        same_site="lax",
        https_only=settings.session_cookie_secure,
    )
    app.add_middleware(MissingContentTypeIsJson)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_upload_bytes)
    app.add_middleware(DraftPurge, sessions=lambda: app.state.milia.sessions)
    app.add_middleware(  # outermost of ours: a plain assessment request skips the rest
        AssessmentFastLane,
        path="/api/v1/assessments",
        batcher=app.state.milia.assessments,
        limit=settings.max_upload_bytes,
        headers=_SECURITY_HEADERS,
    )
    return app


#: Allocations (net) between two young-generation collections while serving (Python: 700).
GC_YOUNG_THRESHOLD = 10_000


def warm_up() -> None:
    """Load the knowledge base and the compiled model before the first request; then
    keep the garbage collector off what stays loaded (a server process only).

    Everything loaded so far (knowledge base, model, prepared JSON pieces, the app) is
    moved out of the collector's sight with :func:`gc.freeze`: a full collection
    otherwise walks all of it, ~0.1-0.25 s with the event loop stopped, a few times
    per 6,000 assessments (the p99 of ``bench/api.py``). The young generation is
    collected after 10,000 net allocations instead of 700: a chunk of assessments
    holds a few thousand containers at once, which set off a collection of the
    young objects every few requests (cyclic garbage is still collected, later).
    """
    milia.assess({"color": "white", "sites": ["eyelids"]})
    assess_cleaned([validate_case({"color": "white", "sites": ["eyelids"]})])
    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), middle, old)


def _die_with_supervisor() -> None:
    """Make this worker exit when ``milia serve``'s supervisor does, even by SIGKILL.

    uvicorn's workers would otherwise outlive a killed supervisor and keep serving
    (and writing). Linux only (``prctl(PR_SET_PDEATHSIG)``); elsewhere a no-op.
    """
    supervisor = os.environ.get(SUPERVISOR_ENV)
    if not supervisor or int(supervisor) == os.getpid() or not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != int(supervisor):  # the supervisor died before prctl
        os._exit(1)


def app_from_environment() -> FastAPI:
    """App factory for ``uvicorn --factory`` and ``milia serve --workers N``.

    Reads :class:`Settings` from the environment and does not migrate: the
    parent process (``milia serve``) has done that once before starting workers.
    A worker started by ``milia serve`` dies with it, and loads the model before
    it serves.
    """
    _die_with_supervisor()
    app = create_app(Settings().with_local_secret(), run_migrations=False)
    warm_up()
    return app
