"""JSON API: health, accounts, and the three core calls (same contracts as the CLI)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile, status
from fastapi.security import OAuth2PasswordRequestForm
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

import milia
from milia.api.contract_models import IngredientCheckOut, PhotoAnalysisOut
from milia.api.contracts import (
    AssessmentOut,
    json_answer,
    known_query_only,
    reject_unknown_query,
    require_json,
)
from milia.api.deps import ApiUser, AppState, Db, Repo, State
from milia.api.deps import bearer_scheme as _bearer
from milia.api.photos import SCALE_HELP, analyze_upload, given_once, one_of_each_part
from milia.api.schemas import IngredientCheckIn, SignupIn, TokenOut, UserOut
from milia.api.security import still_valid, validate_new_password
from milia.engine.case_suggest import CASE_SHAPE, own_case
from milia.engine.json_input import json_type_name, parse_case_json
from milia.errors import AuthError, CaseError
from milia.kb.loader import knowledge_version
from milia.storage.repository import Repository

__all__ = ["lean_routes", "router"]

router = APIRouter(dependencies=[Depends(known_query_only)])

_CASE_EXAMPLE = {
    "age_years": 34,
    "sex": "female",
    "color": "white",
    "diameter_mm": 1.5,
    "count": 6,
    "surface": "smooth_dome",
    "consistency": "firm",
    "inflamed": False,
    "expressible": False,
    "sites": ["eyelids", "cheeks"],
    "onset": "gradual",
    "duration_weeks": 20,
}


@router.head("/health", include_in_schema=False)
async def health_head() -> Response:
    """Liveness for uptime monitors, which send ``HEAD`` (QA F15-10: it was 405)."""
    return Response(status_code=status.HTTP_200_OK)


@router.get("/health", tags=["meta"])
async def health() -> dict[str, str]:
    """Liveness: the app answers, with its version and the knowledge version (``HEAD``
    answers 200 with no body)."""
    return {"status": "ok", "version": milia.__version__, "knowledge_version": knowledge_version()}


# -- accounts ----------------------------------------------------------------
@router.post("/auth/signup", status_code=status.HTTP_201_CREATED, tags=["auth"])
def signup(body: SignupIn, state: State, repo: Repo, db: Db) -> UserOut:
    """Create an account from ``{"email", "password"}``."""
    validate_new_password(body.password)
    user = repo.create_user(body.email, state.passwords.hash(body.password))
    db.commit()
    return UserOut(id=user.id, email=user.email)


@router.post("/auth/token", tags=["auth"])
def token(
    request: Request,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    state: State,
    repo: Repo,
    db: Db,
) -> TokenOut:
    """OAuth2 password flow: form fields ``username`` (the e-mail) and ``password``."""
    client = request.client.host if request.client else None
    state.throttle.begin(db, form.username, client=client)
    user = repo.user_by_email(form.username)
    if not state.passwords.verify(user.password_hash if user else None, form.password):
        raise AuthError("wrong e-mail or password; check both and try again")
    assert user is not None
    state.throttle.succeeded(db, form.username, client=client)
    if state.passwords.needs_rehash(user.password_hash):
        repo.set_password_hash(user, state.passwords.hash(form.password))
        db.commit()
    return TokenOut(
        access_token=state.tokens.issue(user.id, user.email, generation=user.session_generation)
    )


@router.get("/auth/me", tags=["auth"])
def me(user: ApiUser) -> UserOut:
    """The signed-in account."""
    return UserOut(id=user.id, email=user.email)


@router.post("/auth/signout", status_code=status.HTTP_204_NO_CONTENT, tags=["auth"])
def signout(user: ApiUser, repo: Repo, db: Db) -> Response:
    """Sign out everywhere: end every token of the account and every page session.

    Every token issued before (this one included) is refused from then on with ``401``,
    and the account's page sessions in every browser end too; ask for a new token to go on.
    """
    repo.end_sessions(user.id)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/auth/account", status_code=status.HTTP_204_NO_CONTENT, tags=["auth"])
def delete_account(user: ApiUser, repo: Repo, db: Db) -> Response:
    """Delete my account: every diary entry, photo, product, treatment, diagnosis and assessment."""
    repo.delete_user(user.id)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# -- the core calls -------------------------------------------------------------
_CASE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "A case, exactly as in the case format (every field optional).",
                },
                "example": _CASE_EXAMPLE,
            }
        },
    }
}


@router.post(
    "/assessments",
    tags=["core"],
    response_class=Response,
    responses={200: {"model": AssessmentOut, "description": "The assessment"}},
    openapi_extra=_CASE_BODY,
)
async def assessments(request: Request) -> Response:
    """Assess a case (the body is a case, exactly as in the case format).

    Answers the assessment contract: differential, not_listed, milia_type,
    triage, red_flags, advice, next_questions, knowledge_version, disclaimer.
    With a bearer token the case and its assessment are also kept in the diary.
    """
    # Hot path, kept lean: the engine runs on the event loop (a thread hop would cost
    # as much as a case), for all the cases that arrived in the same loop turn at once
    # (milia.api.microbatch); the body is parsed once, here; the answer is encoded by
    # orjson, not rebuilt through a response model; the database is touched only when
    # a token is sent. A request with no cookie and no token is answered the same way
    # by milia.api.fastlane before it gets here.
    require_json(request)
    reject_unknown_query(request)  # the case is the body: no query parameters
    case = _json_object(await request.body())
    state: AppState = request.app.state.milia
    result = await state.assessments.submit(case)  # a bad case raises here, alone
    token = await _bearer(request)
    if token is not None:
        await run_in_threadpool(_store_assessment, state, token, case, result)
    return json_answer(result)


def lean_routes(prefix: str) -> list[BaseRoute]:
    """The hot path as plain Starlette routes, to be placed before every other route.

    ``POST {prefix}/assessments`` is served by the same function as the FastAPI
    route above, without FastAPI's per-request machinery (route context, dependency
    solving, exit stack: about 0.13 ms of a 0.4 ms request, measured in process with
    the engine's answers precomputed); the handler reads and checks its body itself
    and needs none of it. The FastAPI route stays registered so that the OpenAPI
    document describes the call; the middleware and the error handlers are the
    app's and apply to both.

    Parameters
    ----------
    prefix : str
        The API's path prefix (``"/api/v1"``).

    Returns
    -------
    list of BaseRoute
        The one route, ``POST {prefix}/assessments``.
    """
    return [Route(f"{prefix}/assessments", assessments, methods=["POST"])]


def _json_object(raw: bytes) -> dict[str, Any]:
    """The request body as a case object, or a 422 naming the shape to send.

    Nothing is made up in the answer (QA F11-02): a body that is not an object is
    shown the shape of a case (:data:`~milia.engine.case_suggest.CASE_SHAPE`), and a
    ``{"case": ...}`` wrapper is offered its own ``case`` value back.

    Raises
    ------
    CaseError
        If the body is not JSON, not an object, or a ``{"case": ...}`` wrapper.
    """
    value = parse_case_json(raw, where="the body")
    if not isinstance(value, dict):
        raise CaseError(
            f"the body is a JSON {json_type_name(value)}, not an object; send a case: "
            f"one JSON object of findings, such as {CASE_SHAPE}"
        )
    if "case" in value:  # a line of a JSONL case file ({"id", "case"}) pasted whole
        raise CaseError(
            'the body is the case itself, not wrapped in {"case": ...}; '
            'send the value of "case" (and leave out "id")',
            field="case",
            suggestion=own_case(value["case"]),
        )
    return value


def _store_assessment(
    state: AppState, token: str, case: dict[str, Any], result: dict[str, Any]
) -> None:
    user_id, tag, generation = state.tokens.payload(token)
    with state.sessions() as session:
        repo = Repository(session)
        user = repo.user(user_id)
        if user is None or not state.tokens.matches(tag, user.email):
            raise AuthError("the account of this token no longer exists; sign up again")
        if not still_valid(user, tag, generation):
            raise AuthError("this access token was ended by signing out; sign in again")
        repo.add_assessment(user_id, case, result)
        session.commit()


@router.post(
    "/ingredients/check",
    tags=["core"],
    response_class=Response,
    responses={200: {"model": IngredientCheckOut, "description": "The ingredient check"}},
)
def ingredients_check(body: IngredientCheckIn) -> Response:
    """Check a product's ingredient list (the ingredient-check contract)."""
    return json_answer(
        milia.check_ingredients(
            body.text, name=body.name, product_type=body.product_type, leave_on=body.leave_on
        )
    )


@router.post(
    "/photos/analyze",
    tags=["core"],
    dependencies=[Depends(one_of_each_part)],
    response_class=Response,
    responses={200: {"model": PhotoAnalysisOut, "description": "The photo analysis"}},
)
async def photos_analyze(
    state: State,
    file: Annotated[UploadFile, File(description="A JPEG, PNG, WebP or HEIC photo")],
    mm_per_pixel: Annotated[
        float | None, Form(gt=0, le=10, allow_inf_nan=False, description=SCALE_HELP)
    ] = None,
    mm_per_pixel_query: Annotated[
        float | None,
        Query(alias="mm_per_pixel", gt=0, le=10, allow_inf_nan=False, description=SCALE_HELP),
    ] = None,
) -> Response:
    """Analyse a photo (multipart field ``file``); nothing is stored."""
    data = await file.read()
    result: dict[str, Any] = await run_in_threadpool(
        analyze_upload,
        data,
        state.settings,
        mm_per_pixel=given_once("mm_per_pixel", mm_per_pixel, mm_per_pixel_query),
    )
    return json_answer(result)
