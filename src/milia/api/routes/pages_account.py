"""Pages: home, sign-up, sign-in, sign-out, my account and "delete my account".

The injected dependencies (``request``, ``state``, ``repo``, ``db``, ``user``) are
described once in :mod:`milia.api.routes`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from pydantic import ValidationError
from starlette.responses import RedirectResponse, Response

import milia
from milia.api.deps import Db, PageUser, Repo, State, render, session_user, verify_csrf
from milia.api.schemas import SignupIn
from milia.api.security import email_tag, new_csrf_token, validate_new_password
from milia.errors import AuthError
from milia.storage.tables import User

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Csrf = Depends(verify_csrf)


def _safe_next(target: str | None) -> str:
    """Only local paths (no scheme, no //host) are followed after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/diary"


def _sign_in(request: Request, user: User) -> None:
    request.session.clear()  # a fresh session (and CSRF token) at every sign-in
    # the cookie is signed, not encrypted: it holds the e-mail's tag, never the address,
    # and the account's session generation, so "Sign out" ends it wherever it was copied
    request.session.update({"uid": user.id, "e": email_tag(user.email),
                            "g": user.session_generation, "csrf": new_csrf_token()})  # fmt: skip


@router.get("/")
def home(request: Request, state: State) -> Response:
    """The start page; its facts about milia come from the knowledge base, with sources.

    How long milia last is the milia condition's ``course`` (newborns' clear, older
    children's and adults' tend to persist; QA F9-04: the page said they "usually go
    away on their own", unsourced); not squeezing and babies' milia are the
    treatments' ``caution_no_home_extraction`` and ``tx_wait_babies`` summaries.
    """
    kb = milia.load_knowledge()
    about = kb.conditions["milia"]
    return render(
        request, state, "index.html", about=about,
        caution=kb.treatments["caution_no_home_extraction"].summary,
        babies=kb.treatments["tx_wait_babies"].summary,
    )  # fmt: skip


@router.get("/signup")
def signup_page(request: Request, state: State) -> Response:
    """The sign-up form (e-mail and password).

    Returns
    -------
    Response
        The sign-up page, status 200.
    """
    return render(request, state, "signup.html", email="")


@router.post("/signup", dependencies=[Csrf])
def signup(
    request: Request,
    state: State,
    repo: Repo,
    db: Db,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    """Create an account from the sign-up form and sign it in.

    Parameters
    ----------
    email : str
        Form field: the e-mail address (stored lower-case).
    password : str
        Form field: at least 8 characters.

    Returns
    -------
    Response
        A redirect (303) to the Diary, signed in; or the form again with status
        422 and what to fix (an e-mail that is not one, a short password, an
        e-mail that already has an account).
    """
    try:
        body = SignupIn(email=email, password=password)
        validate_new_password(body.password)
        user = repo.create_user(body.email, state.passwords.hash(body.password))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = str(first["loc"][0]) if first["loc"] else "form"
        message = (
            "enter a valid e-mail address"
            if where == "email"
            else "the password needs at least 8 characters"
        )
        return render(request, state, "signup.html", 422, email=email, error=message)
    except AuthError as exc:
        return render(request, state, "signup.html", 422, email=email, error=exc.message)
    db.commit()
    _sign_in(request, user)
    return RedirectResponse("/diary", status_code=303)


@router.get("/signin")
def signin_page(request: Request, state: State, next: str = "/diary") -> Response:
    """The sign-in form.

    Parameters
    ----------
    next : str
        Query parameter: the page to return to after signing in; only a local
        path is kept, anything else becomes ``/diary``.

    Returns
    -------
    Response
        The sign-in page, status 200.
    """
    return render(request, state, "signin.html", email="", next=_safe_next(next))


@router.post("/signin", dependencies=[Csrf])
def signin(
    request: Request,
    state: State,
    repo: Repo,
    db: Db,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/diary",
) -> Response:
    """Sign in with e-mail and password.

    Repeated failed attempts for one e-mail, or from one address, are throttled; a
    success forgets the e-mail's and starts a fresh session (with a new CSRF token).

    Parameters
    ----------
    email : str
        Form field: the account's e-mail (any case).
    password : str
        Form field: the account's password.
    next : str
        Form field: the page to go to afterwards; only a local path is
        followed, anything else goes to ``/diary``.

    Returns
    -------
    Response
        A redirect (303) to ``next``; or the form again with status 401 (wrong
        e-mail or password; which one is not said) or 429 (too many attempts:
        wait and try again).
    """
    client = request.client.host if request.client else None
    try:
        state.throttle.begin(db, email, client=client)
    except AuthError as exc:
        return render(request, state, "signin.html", 429, email=email, next=_safe_next(next),
                      error=exc.message)  # fmt: skip
    user = repo.user_by_email(email)
    if not state.passwords.verify(user.password_hash if user else None, password):
        return render(
            request, state, "signin.html", 401, email=email, next=_safe_next(next),
            error="Wrong e-mail or password. Check both and try again.",
        )  # fmt: skip
    assert user is not None
    state.throttle.succeeded(db, email, client=client)
    _sign_in(request, user)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/signout", dependencies=[Csrf])
def signout(request: Request, repo: Repo, db: Db) -> Response:
    """End every session and API token of the account, on every device, not only this cookie."""
    user = session_user(request, repo)
    request.session.clear()
    if user is None:  # already ended (elsewhere) or never signed in
        return RedirectResponse("/", status_code=303)
    repo.end_sessions(user.id)
    db.commit()
    return RedirectResponse("/?signedout=1", status_code=303)


@router.get("/account")
def account(request: Request, state: State, user: PageUser, repo: Repo) -> Response:
    """My account: how many records of each kind the account holds, and how to delete it.

    Returns
    -------
    Response
        The account page, status 200.
    """
    return render(request, state, "account.html", counts=repo.counts(user.id))


@router.post("/account/delete", dependencies=[Csrf])
def delete_account(
    request: Request,
    user: PageUser,
    repo: Repo,
    db: Db,
    state: State,
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Delete the account and every record and photo it owns, then sign out.

    Parameters
    ----------
    confirm : str
        Form field: the account's e-mail typed again (case and surrounding
        spaces do not matter).

    Returns
    -------
    Response
        A redirect (303) to the start page; or the account page with status 422
        when ``confirm`` is not the account's e-mail (nothing is deleted).
    """
    if confirm.strip().lower() != user.email:
        return render(
            request, state, "account.html", 422, counts=repo.counts(user.id),
            error="Type your e-mail address exactly to confirm.",
        )  # fmt: skip
    repo.delete_user(user.id)
    db.commit()
    request.session.clear()
    return RedirectResponse("/?deleted=1", status_code=303)
