"""Pages: Interview, Product check, Photo and Learn.

The injected dependencies (``request``, ``state``, ``repo``, ``db``, ``user``) are
described once in :mod:`milia.api.routes`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

import milia
from milia.api.citations import source_links
from milia.api.deps import Db, PageUser, Repo, State, render, session_user, verify_csrf
from milia.api.interview import (
    Given,
    InterviewState,
    age_limits,
    back_to,
    next_question,
    question_from_form,
    to_question,
)
from milia.api.interview import answer as record_answer
from milia.api.interview import result as assessment_of
from milia.api.interview_words import answers_in_words
from milia.api.photos import milia_like_count, one_of_each_part, process_upload
from milia.api.plots import differential_svg
from milia.api.products import highlight
from milia.api.schemas import DIARY_REGIONS
from milia.engine.presentation import outside_listed, triage_reasons, warning_signs
from milia.engine.type_fit import type_sentence
from milia.engine.undescribed import undescribed_result
from milia.engine.urgent_now import urgent_now
from milia.errors import CaseError, ImageError, IngredientParseError
from milia.imaging.words import plain_region

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
# "back" (the last answer) or "change-N" (answer N of "Your answers so far")
_GOING_BACK = re.compile(r"back|change-(\d{1,4})")
Csrf = Depends(verify_csrf)

TRIAGE_WORDS = {
    "self_care": "Watch and wait, with gentle skin care. No visit is needed unless something "
    "changes or worries you.",
    "routine": "See a doctor or a dermatologist when it is convenient.",
    "soon": "See a doctor soon: within days to a couple of weeks.",
    "urgent": "Get medical help today.",
}


# -- interview ------------------------------------------------------------------
def _interview_page(request: Request, state: State, ist: InterviewState, raw: dict[str, Any],
                    error: str | None = None, typed: Given | None = None) -> Response:  # fmt: skip
    # QA F8-19: an answer that needs a doctor today is said at once, not at the end
    urgent = urgent_now(ist.case)
    # the answer typed (asked again, saying why) or taken back by "Back" (QA F9-16)
    prefill = typed or ist.given(str(raw.get("field"))) or Given("", "")
    return render(
        request, state, "interview.html", 422 if error else 200, question=to_question(raw),
        question_json=json.dumps(raw), case_json=ist.case_json(), asked_json=ist.asked_json(),
        answers_json=ist.answers_json(), undone_json=ist.undone_json(),
        step=len(ist.asked) + 1, error=error, urgent=urgent, answers=answers_in_words(ist),
        prefill=prefill, age_limits=age_limits(),
    )  # fmt: skip


def _result_page(
    request: Request, state: State, repo: Any, db: Db, ist: InterviewState, result: dict[str, Any],
    *, save: bool = True,
) -> Response:  # fmt: skip
    user = session_user(request, repo)  # not a session ended by signing out
    if user is not None and save:
        repo.add_assessment(user.id, ist.case, result)
        db.commit()
    triage = result.get("triage") or {}
    return render(
        request, state, "result.html", result=result, case=ist.case,
        case_json=ist.case_json(), asked_json=ist.asked_json(), answers_json=ist.answers_json(),
        undone_json=ist.undone_json(), can_back=ist.in_order(),
        chart=differential_svg(result.get("differential", [])),
        triage_words=TRIAGE_WORDS.get(str(triage.get("level")), str(triage.get("level"))),
        reasons=triage_reasons(result), red_flags=warning_signs(result),
        outside=outside_listed(result),
        type_line=type_sentence(result),  # none when milia is unlikely (QA F10-03)
    )  # fmt: skip


@router.get("/interview")
def interview_start(request: Request, state: State) -> Response:
    """The Interview's first question (no account needed).

    Returns
    -------
    Response
        The Interview page at its first question, status 200.
    """
    ist = InterviewState()
    raw = next_question(ist)
    assert raw is not None
    return _interview_page(request, state, ist, raw)


@router.post("/interview", dependencies=[Csrf])
def interview_step(
    request: Request,
    state: State,
    repo: Repo,
    db: Db,
    case_json: Annotated[str, Form()] = "",
    asked_json: Annotated[str, Form()] = "",
    question_json: Annotated[str, Form()] = "",
    answers_json: Annotated[str, Form()] = "",
    undone_json: Annotated[str, Form()] = "",
    answer: Annotated[list[str] | None, Form()] = None,
    unit: Annotated[str, Form()] = "years",
    action: Annotated[str, Form()] = "answer",
) -> Response:
    """Take one answer and show the next question, or the result.

    The interview so far travels in the form's hidden fields (the server keeps
    no half-finished interview). The result shows the conditions the picture is
    most consistent with, how soon to see a doctor and why, any warning signs
    and advice, each with its sources; for a signed-in account it is also kept
    in the Diary (not when nothing describing the bumps was answered).

    Parameters
    ----------
    case_json, asked_json, answers_json, undone_json : str
        Hidden form fields: the answers so far as the engine read them, the
        questions asked, the answers in order (for "Back" and "Change") and
        those taken back.
    question_json : str
        Hidden form field: the question that was shown.
    answer : list of str or None
        Form field(s): the value typed or the options ticked.
    unit : str
        Form field: the age's unit, ``years``, ``months``, ``weeks`` or
        ``days``.
    action : str
        The button pressed: ``answer``, ``dont_know``, ``back``, ``change-N``
        (go back to answer N, 0 the first) or ``result`` (the result now).

    Returns
    -------
    Response
        The next question (status 200); the same question again with status 422
        and why, when the answer cannot be read or contradicts an earlier one;
        or the result page (status 200).

    Raises
    ------
    CaseError
        A hidden field was changed so that it cannot be read (the error page,
        status 422: start the interview again).
    """
    before = InterviewState.from_form(case_json, asked_json, answers_json, undone_json)
    shown = question_from_form(question_json)
    going_back = _GOING_BACK.fullmatch(action)
    ist = before
    if going_back:  # "Back" or "Change" (QA F9-16): the earlier answers are read again
        index = int(going_back[1]) if going_back[1] else len(before.answers) - 1
        ist = back_to(before, index) if before.in_order() else before
    elif shown is not None:
        values = [] if action == "dont_know" else (answer or [])
        try:
            ist = record_answer(before, shown, values, unit=unit)
        except CaseError as exc:  # unreadable, or contradicts an earlier answer: ask again
            typed = Given(str(shown["field"]), "", tuple(values), unit)
            return _interview_page(request, state, before, shown, error=exc.message, typed=typed)
    raw = None if action == "result" else next_question(ist)
    if raw is not None:
        return _interview_page(request, state, ist, raw)
    assessment = assessment_of(ist)
    if assessment is None:  # nothing describes the bumps: what holds whatever they are,
        # with any warning sign already given (an unwell newborn: urgent), as the CLI
        # (QA F7-06, F7-07); not kept in the diary, as it assesses no bumps
        guidance = undescribed_result(ist.case)
        return _result_page(request, state, repo, db, ist, guidance, save=False)
    return _result_page(request, state, repo, db, ist, assessment)


# -- product check -----------------------------------------------------------------
@router.get("/products")
def products_page(request: Request, state: State) -> Response:
    """The Product check's form: paste a product's ingredient list.

    Returns
    -------
    Response
        The Product check page, status 200.
    """
    return render(request, state, "products.html", result=None, text="", name="")


@router.post("/products", dependencies=[Csrf])
def products_check(
    request: Request,
    state: State,
    repo: Repo,
    db: Db,
    text: Annotated[str, Form(max_length=200_000)] = "",
    name: Annotated[str, Form(max_length=300)] = "",
    product_type: Annotated[str, Form()] = "",
    leave_on: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "check",
) -> Response:
    """Check a product's ingredient list for milia risks, helpers and claims; keep it if asked.

    Each flag cites its sources; the ingredients are shown in the label's order,
    each with its own flags.

    Parameters
    ----------
    text : str
        Form field: the ingredient list as printed (up to 200,000 characters).
    name : str
        Form field: the product's name (up to 300 characters; may be empty).
    product_type : str
        Form field: the product's type (eye creams weigh most); empty when
        not known.
    leave_on : str
        Form field: ``leave_on`` or ``rinse_off``; empty to infer it from
        the type.
    action : str
        ``check``, or ``save`` to keep the check in the Diary (needs an account).

    Returns
    -------
    Response
        The page with the check (status 200); the form again with status 422
        and why when the list cannot be read (not text, an unknown type); or,
        to save without being signed in, a redirect (303) to sign in.
    """
    try:
        result: dict[str, Any] = dict(
            milia.check_ingredients(
                text,
                name=name or None,
                product_type=product_type or None,
                leave_on={"leave_on": True, "rinse_off": False}.get(leave_on),
            )
        )
    except IngredientParseError as exc:
        return render(request, state, "products.html", 422, result=None, text=text, name=name,
                      error=exc.message)  # fmt: skip
    saved = False
    if action == "save":
        user = session_user(request, repo)
        if user is None:
            return RedirectResponse("/signin?next=/products", status_code=303)
        repo.add_product(user.id, text, result, name=name)
        db.commit()
        saved = True
    rows, unattached = highlight(result)
    return render(
        request, state, "products.html", result=result, rows=rows, unattached=unattached,
        text=text, name=name, product_type=product_type, leave_on=leave_on, saved=saved,
    )  # fmt: skip


# -- photo --------------------------------------------------------------------------
@router.get("/photo")
def photo_page(request: Request, state: State, user: PageUser) -> Response:
    """The Photo page's upload form.

    Returns
    -------
    Response
        The Photo page, status 200.
    """
    return render(request, state, "photo.html", photo=None)


@router.post("/photo", dependencies=[Csrf, Depends(one_of_each_part)])
async def photo_upload(
    request: Request,
    state: State,
    user: PageUser,
    repo: Repo,
    db: Db,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Analyse an uploaded photo: milia-like and inflamed spots by face region.

    The photo is stored without its metadata (EXIF, GPS) as a draft, with an
    overlay marking what was found; a draft not saved to the Diary is deleted
    after a day. The counts are those of an image analysis, not a diagnosis.

    Parameters
    ----------
    file : UploadFile
        Form part: the photo (JPEG, PNG or WebP; HEIC with the optional
        ``pillow-heif`` package).

    Returns
    -------
    Response
        The Photo page with the analysis, its quality notes and the overlay
        (status 200); or the form with status 422 and why, when the file is not
        a readable photo or has too many pixels.
    """
    import datetime as dt

    data = await file.read()
    try:
        processed = await run_in_threadpool(process_upload, data, state.settings)
    except ImageError as exc:
        return render(request, state, "photo.html", 422, photo=None, error=exc.message)

    def store() -> int:
        # Drafts never saved to the diary are dropped after a day.
        now = dt.datetime.now(dt.UTC)
        repo.purge_unsaved_photos(user.id, older_than=now - dt.timedelta(days=1))
        photo = repo.add_photo(
            user.id, processed.image, media_type=processed.media_type,
            analysis=processed.analysis, overlay_png=processed.overlay_png,
            taken_on=dt.date.today(), saved=False,
        )  # fmt: skip
        db.commit()
        return photo.id

    photo_id = await run_in_threadpool(store)
    milia_like = milia_like_count(processed.analysis, regions=DIARY_REGIONS)
    return render(request, state, "photo.html", photo={"id": photo_id, **processed.analysis},
                  notes=page_notes(processed.analysis),
                  milia_regions={plain_region(r): n for r, n in milia_like[1].items()}
                  if milia_like else {}, saved=False)  # fmt: skip


#: A clause of a photo note that names a parameter of the API or CLI ("; pass
#: mm_per_pixel to get them"): the page has no such field (QA F5-63).
_PARAMETER_CLAUSE = re.compile(
    r";\s*(?:pass|give|use|set)\b[^.;]*(?:mm_per_pixel|--mm-per-pixel)[^.;]*", re.IGNORECASE
)


def page_notes(analysis: Mapping[str, Any]) -> list[str]:
    """The photo's quality notes in the page's words, each once.

    A clause telling the reader to pass an API or CLI parameter the page has no
    field for is left out ("Scale unknown: sizes in mm are not reported.").

    Parameters
    ----------
    analysis : mapping
        A photo analysis (its ``quality_details``, else ``quality``).

    Returns
    -------
    list of str
        The notes to show, in order.
    """
    raw = analysis.get("quality_details") or analysis.get("quality") or []
    notes: list[str] = []
    for item in raw:
        text = item if isinstance(item, str) else str(item.get("message") or item)
        text = _PARAMETER_CLAUSE.sub("", text)
        if text not in notes:
            notes.append(text)
    return notes


@router.post("/photo/{photo_id}/save", dependencies=[Csrf])
def photo_save(
    photo_id: int,
    user: PageUser,
    repo: Repo,
    db: Db,
    add_count: Annotated[str, Form()] = "",
) -> Response:
    """Keep an analysed photo in the Diary, with a count from its findings if asked.

    Parameters
    ----------
    photo_id : int
        Path: the photo's id.
    add_count : str
        Form field: any value adds a Diary count of the photo's milia-like
        findings (never the inflamed ones), total and by region.

    Returns
    -------
    Response
        A redirect (303) to the photo in the Diary.

    Raises
    ------
    NotFoundError
        No such photo of the account (status 404).
    """
    photo = repo.save_photo(user.id, photo_id)
    # milia-like findings only: the analysis' counts.by_region holds both kinds
    count = milia_like_count(photo.analysis, regions=DIARY_REGIONS) if add_count else None
    if count is not None:
        total, by_region = count
        repo.add_entry(user.id, photo.taken_on, total, by_region=by_region,
                       notes=f"counted on photo {photo.id} (milia-like findings)")  # fmt: skip
    db.commit()
    return RedirectResponse(f"/diary#photo-{photo_id}", status_code=303)


@router.get("/photo/{photo_id}/overlay.png")
def photo_overlay(photo_id: int, user: PageUser, repo: Repo) -> Response:
    """A photo with its findings marked (the photo itself when it has no overlay).

    Parameters
    ----------
    photo_id : int
        Path: the photo's id.

    Returns
    -------
    Response
        The overlay as PNG (or the stored photo), never cached.

    Raises
    ------
    NotFoundError
        No such photo of the account (status 404).
    """
    photo = repo.photo(user.id, photo_id)
    return Response(photo.overlay_png or photo.image, media_type="image/png" if photo.overlay_png
                    else photo.media_type, headers={"Cache-Control": "private, no-store"})  # fmt: skip


@router.get("/photo/{photo_id}/image")
def photo_image(photo_id: int, user: PageUser, repo: Repo) -> Response:
    """A stored photo as it was kept (without its metadata), never cached.

    ``photo_id`` and the 404 for another account's photo are as in
    :func:`photo_overlay`; the answer is the image in its stored type.
    """
    photo = repo.photo(user.id, photo_id)
    return Response(photo.image, media_type=photo.media_type,
                    headers={"Cache-Control": "private, no-store"})  # fmt: skip


# -- learn ---------------------------------------------------------------------------
def _records(collection: Any) -> list[Any]:
    if collection is None:
        return []
    if isinstance(collection, Mapping):
        return list(collection.values())
    return list(collection)


@router.get("/learn")
def learn(request: Request, state: State) -> Response:
    """Learn: the knowledge base's conditions, milia types, claims and treatments, with sources.

    Returns
    -------
    Response
        The Learn page, status 200, with links to every source cited.
    """
    kb = milia.load_knowledge()
    sources = _records(getattr(kb, "sources", None))
    return render(
        request, state, "learn.html", kb=kb,
        conditions=_records(getattr(kb, "conditions", None)),
        milia_types=_records(getattr(kb, "milia_types", None)),
        claims=_records(getattr(kb, "claims", None)),
        treatments=_records(getattr(kb, "treatments", None)),
        sources=sources, links=source_links(sources),
    )  # fmt: skip
