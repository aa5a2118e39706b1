"""Pages: Product check, Photo and Learn.

The Interview's pages are :mod:`milia.api.routes.pages_interview`.

The injected dependencies (``request``, ``state``, ``repo``, ``db``, ``user``) are
described once in :mod:`milia.api.routes`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

import milia
from milia.api.citations import source_links
from milia.api.deps import Db, PageUser, Repo, State, render, session_user, verify_csrf
from milia.api.photos import milia_like_count, one_of_each_part, process_upload
from milia.api.products import highlight
from milia.api.schemas import DIARY_REGIONS
from milia.errors import ImageError, IngredientParseError
from milia.imaging.words import plain_region

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Csrf = Depends(verify_csrf)


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


#: The longest ingredient list and product name the page takes (as the API, schemas.py).
MAX_LIST_CHARS = 200_000
MAX_NAME_CHARS = 300


@router.post("/products", dependencies=[Csrf])
def products_check(
    request: Request,
    state: State,
    repo: Repo,
    db: Db,
    text: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
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
    # QA F12-12: a text over the limit got the API's raw JSON 422; say it on the page
    too_long = (
        f"The ingredient list is {len(text):,} characters long; the limit is "
        f"{MAX_LIST_CHARS:,}. Paste one product's list."
        if len(text) > MAX_LIST_CHARS
        else f"The product name is over {MAX_NAME_CHARS} characters; shorten it."
        if len(name) > MAX_NAME_CHARS
        else None
    )
    if too_long is not None:
        return render(request, state, "products.html", 422, result=None,
                      text=text[:MAX_LIST_CHARS], name=name[:MAX_NAME_CHARS], error=too_long)  # fmt: skip
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
            taken_on=processed.taken_on or dt.date.today(), saved=False,
        )  # fmt: skip
        db.commit()
        return photo.id

    photo_id = await run_in_threadpool(store)
    milia_like = milia_like_count(processed.analysis, regions=DIARY_REGIONS)
    return render(request, state, "photo.html", photo={"id": photo_id, **processed.analysis},
                  taken_on=(processed.taken_on or dt.date.today()).isoformat(),
                  dated_from_photo=processed.taken_on is not None,
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
    taken_on: Annotated[str, Form()] = "",
) -> Response:
    """Keep an analysed photo in the Diary, with a count from its findings if asked.

    Parameters
    ----------
    photo_id : int
        Path: the photo's id.
    add_count : str
        Form field: any value adds a Diary count of the photo's milia-like
        findings (never the inflamed ones), total and by region.
    taken_on : str
        Form field: the day the photo was taken (YYYY-MM-DD); empty keeps the date it
        was given on upload (the camera's, else the upload day).

    Returns
    -------
    Response
        A redirect (303) to the photo in the Diary.

    Raises
    ------
    NotFoundError
        No such photo of the account (status 404).
    """
    day = _form_date(taken_on) if taken_on.strip() else None
    photo = repo.save_photo(user.id, photo_id)
    if day is not None:  # the form's date field (QA F11-16): the camera's date or today
        photo = repo.date_photo(user.id, photo_id, day)
    # milia-like findings only: the analysis' counts.by_region holds both kinds
    count = milia_like_count(photo.analysis, regions=DIARY_REGIONS) if add_count else None
    if count is not None:
        total, by_region = count
        repo.add_entry(user.id, photo.taken_on, total, by_region=by_region,
                       notes=f"counted on photo {photo.id} (milia-like findings)")  # fmt: skip
    db.commit()
    return RedirectResponse(f"/diary#photo-{photo_id}", status_code=303)


def _form_date(value: str) -> dt.date:
    """A form's YYYY-MM-DD as a diary date, else a 422 naming ``taken_on``."""
    from milia.api.body_errors import DATE_HINT
    from milia.api.schemas import diary_date

    try:
        return diary_date(dt.date.fromisoformat(value.strip()), name="taken_on")
    except ValueError as exc:
        said = str(exc) if "check the year" in str(exc) else f"{value!r} is not a date"
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("body", "taken_on"), "input": value,
              "msg": f"{said}; {DATE_HINT}"}]
        ) from None  # fmt: skip


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
    """Learn: the knowledge base's conditions, milia types, claims, treatments, warning signs
    and advice items, with sources.

    Returns
    -------
    Response
        The Learn page, status 200, with links to every source cited.
    """
    from milia.kb.loader import read_yaml
    from milia.kb.rule_records import rule_records

    kb = milia.load_knowledge()
    sources = _records(getattr(kb, "sources", None))
    return render(
        request, state, "learn.html", kb=kb,
        conditions=_records(getattr(kb, "conditions", None)),
        milia_types=_records(getattr(kb, "milia_types", None)),
        claims=_records(getattr(kb, "claims", None)),
        treatments=_records(getattr(kb, "treatments", None)),
        red_flags=list(rule_records("red_flags").values()),
        level_words=read_yaml("model/red_flags.yaml")["level_words"],
        advice=list(rule_records("advice").values()),
        sources=sources, links=source_links(sources),
    )  # fmt: skip
