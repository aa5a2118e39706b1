"""FastAPI dependencies: the app's state, a database session, the current user, CSRF.

Routes commit explicitly *before* they answer, so a client that has been told
"stored" can rely on it even if the server is killed right after.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi.security import OAuth2PasswordBearer
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.responses import Response

from milia.api.errors import SignInRequiredError
from milia.api.microbatch import AssessmentBatcher
from milia.api.security import (
    PasswordService,
    SignInThrottle,
    TokenService,
    check_csrf,
    new_csrf_token,
    still_valid,
)
from milia.config import Settings
from milia.errors import AuthError
from milia.storage.repository import Repository
from milia.storage.tables import User

__all__ = [
    "DISCLAIMER",
    "ApiUser",
    "AppState",
    "Db",
    "OptionalApiUser",
    "PageUser",
    "Repo",
    "State",
    "bearer_scheme",
    "csrf_token",
    "render",
    "session_user",
    "verify_csrf",
]

DISCLAIMER = (
    "milia supports decisions; it does not diagnose. "
    "See a doctor for any bump that worries you, and at once for a baby who is unwell."
)


@dataclass
class AppState:
    """Everything the routes share, built once by ``create_app``."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: PasswordService
    tokens: TokenService
    templates: Jinja2Templates
    throttle: SignInThrottle
    assessments: AssessmentBatcher = field(default_factory=AssessmentBatcher)


def get_state(request: Request) -> AppState:
    """Dependency: the app's shared state.

    Parameters
    ----------
    request : Request
        The current request; its app holds the state as ``app.state.milia``.

    Returns
    -------
    AppState
        The state ``create_app`` built (settings, database, services, templates).
    """
    state: AppState = request.app.state.milia
    return state


State = Annotated[AppState, Depends(get_state)]


def get_session(state: State) -> Iterator[Session]:
    """Dependency: a database session for one request.

    Whatever the route has not committed when it returns (or raises) is rolled
    back, then the session is closed.

    Parameters
    ----------
    state : AppState
        The app's state, whose session factory opens the session.

    Yields
    ------
    Session
        An open SQLAlchemy session.
    """
    session = state.sessions()
    try:
        yield session
    finally:
        session.rollback()  # anything not committed by the route is dropped
        session.close()


Db = Annotated[Session, Depends(get_session)]


def get_repo(db: Db) -> Repository:
    """Dependency: the repository over this request's session.

    Parameters
    ----------
    db : Session
        The request's database session.

    Returns
    -------
    Repository
        Record access scoped per user; nothing is committed by it.
    """
    return Repository(db)


Repo = Annotated[Repository, Depends(get_repo)]

bearer_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def optional_api_user(
    state: State, repo: Repo, token: Annotated[str | None, Depends(bearer_scheme)]
) -> User | None:
    """Dependency: the account of the request's bearer token, if it sent one.

    Parameters
    ----------
    state : AppState
        The app's state (its token service reads the token).
    repo : Repository
        Where the token's account is looked up.
    token : str or None
        The ``Authorization: Bearer`` token, None when the header is missing.

    Returns
    -------
    User or None
        The token's account; None when no token was sent.

    Raises
    ------
    AuthError
        The token is malformed, expired or forged, its account was deleted, or
        it was ended by signing out (answered with 401).
    """
    if token is None:
        return None
    uid, tag, generation = state.tokens.payload(token)
    user = repo.user(uid)
    if user is None or not TokenService.matches(tag, user.email):
        raise AuthError("the account of this token no longer exists; sign up again")
    if not still_valid(user, tag, generation):
        raise AuthError("this access token was ended by signing out; sign in again")
    return user


def api_user(user: Annotated[User | None, Depends(optional_api_user)]) -> User:
    """Dependency: the signed-in account of an API call that needs one.

    Parameters
    ----------
    user : User or None
        The bearer token's account (see :func:`optional_api_user`).

    Returns
    -------
    User
        The account.

    Raises
    ------
    AuthError
        No token was sent (answered with 401, naming the header to send).
    """
    if user is None:
        raise AuthError("sign in first: send the header 'Authorization: Bearer <token>'")
    return user


OptionalApiUser = Annotated[User | None, Depends(optional_api_user)]
ApiUser = Annotated[User, Depends(api_user)]


def session_user(request: Request, repo: Repository) -> User | None:
    """The signed-in account, or None.

    The session holds the account's id, bound by its e-mail tag (never the address)
    and its session generation: a session of a deleted account, or one from before
    the account's last sign-out (a copied cookie), opens nothing.

    Parameters
    ----------
    request : Request
        The current request (its session cookie).
    repo : Repository
        Where the account is looked up.

    Returns
    -------
    User or None
        The account; None when nobody is signed in or the session no longer counts.
    """
    uid, tag = request.session.get("uid"), request.session.get("e")
    user = repo.user(uid) if isinstance(uid, int) else None
    if user is None or not still_valid(user, tag, request.session.get("g", 0)):
        return None
    request.state.user_email = user.email  # for render(), looked up server-side
    return user


def page_user(request: Request, repo: Repo) -> User:
    """Dependency: the signed-in account of a page that needs one.

    Parameters
    ----------
    request : Request
        The current request; its session cookie names the account.
    repo : Repository
        Where the account is looked up.

    Returns
    -------
    User
        The account (see :func:`session_user` for when a session still counts).

    Raises
    ------
    SignInRequiredError
        Nobody is signed in; the browser is sent to the sign-in page, which
        returns to this page afterwards.
    """
    user = session_user(request, repo)
    if user is None:
        request.session.pop("uid", None)
        raise SignInRequiredError(request.url.path)
    return user


def _signed_in_email(request: Request, state: AppState) -> str | None:
    """The signed-in account's e-mail (from the database: the cookie does not hold it)."""
    known = getattr(request.state, "user_email", None)
    if isinstance(known, str):
        return known
    if not isinstance(request.session.get("uid"), int):
        return None
    with state.sessions() as db:
        user = session_user(request, Repository(db))
    return user.email if user is not None else None


PageUser = Annotated[User, Depends(page_user)]


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use.

    Parameters
    ----------
    request : Request
        The current request; a new token is stored in its session.

    Returns
    -------
    str
        The token every page form sends back as its hidden ``csrf_token``.
    """
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = new_csrf_token()
        request.session["csrf"] = token
    return token


def verify_csrf(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
    """Dependency for every page form: the hidden field must match the session.

    Parameters
    ----------
    request : Request
        The current request (its session's token).
    csrf_token : str
        Form field: the token the page was rendered with.

    Raises
    ------
    AuthError
        If the form has no token or another session's (HTTP 403: reload the page).
    """
    expected = request.session.get("csrf")
    check_csrf(expected if isinstance(expected, str) else None, csrf_token)


def render(
    request: Request, state: AppState, template: str, status_code: int = 200, **context: Any
) -> Response:
    """Render a page with the CSRF token, the signed-in e-mail and the disclaimer.

    Parameters
    ----------
    request : Request
        The current request.
    state : AppState
        The app's state (templates, database for the signed-in e-mail).
    template : str
        The template's file name under ``api/templates``.
    status_code : int, optional
        The HTTP status (422 for a form shown again with an error).
    **context
        The template's variables; ``user_email`` is looked up when not given.

    Returns
    -------
    Response
        The HTML page.
    """
    if "user_email" not in context:
        context["user_email"] = _signed_in_email(request, state)
    return state.templates.TemplateResponse(
        request,
        template,
        {"csrf_token": csrf_token(request), "disclaimer": DISCLAIMER, **context},
        status_code=status_code,
    )
