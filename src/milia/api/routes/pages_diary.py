"""Pages: the Diary (timeline, plot with treatment bands, before/after photos, export).

The injected dependencies (``request``, ``state``, ``repo``, ``db``, ``user``) are
described once in :mod:`milia.api.routes`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, RedirectResponse, Response

from milia.api.deps import Db, PageUser, Repo, State, render, verify_csrf
from milia.api.diary_advice import treatment_advice
from milia.api.export import diary_csv, diary_fhir_bundle, load_diary
from milia.api.export_parts import photo_reliable
from milia.api.plots import diary_png
from milia.api.schemas import DIARY_REGIONS, PHOTO_REGIONS, DiagnosisIn, EntryIn, TreatmentIn
from milia.errors import NotFoundError, quoted
from milia.storage import Page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Csrf = Depends(verify_csrf)
_PRIVATE = {"Cache-Control": "private, no-store"}


#: The diary forms' own labels for the fields an error names (QA F12-12: the page said
#: "what: String should have at least 1 character").
_LABELS = {
    "date": "Date", "count": "Total count", "notes": "Notes", "what": "What",
    "from": "From", "started": "From", "to": "To", "ended": "To",
    "diagnosed_on": "Date of the diagnosis", "clinician": "Clinician", "by_region": "Regions",
}  # fmt: skip
#: Pydantic's wording in plain words, by error type (its ``ctx`` fills the numbers).
_PLAIN = {
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD, e.g. 2026-12-01",
    "date_parsing": "write the date as YYYY-MM-DD, e.g. 2026-12-01",
    "date_type": "write the date as YYYY-MM-DD, e.g. 2026-12-01",
    "missing": "fill it in",
    "string_too_short": "fill it in",
    "string_too_long": "at most {max_length} characters",
    "greater_than_equal": "must be {ge} or more",
    "less_than_equal": "must be {le} or less",
    "int_parsing": "must be a whole number",
}


def _message(exc: ValidationError) -> str:
    """The first error of a diary form in the form's words: "Date: write the date as ..."."""
    first = exc.errors()[0]
    loc = [str(p) for p in first["loc"]]
    label = _LABELS.get(loc[0], loc[0].replace("_", " ")) if loc else ""
    if len(loc) > 1:  # a region: "Regions (chin and mouth)"
        label += f" ({loc[1].replace('chin_mouth', 'chin and mouth').replace('_', ' ')})"
    template = _PLAIN.get(str(first["type"]))
    text = (
        template.format(**(first.get("ctx") or {}))
        if template
        else str(first["msg"]).removeprefix("Value error, ")
    )
    return f"{label}: {text}" if label else text


#: The newest records the Diary's timeline shows; a link shows them all (QA F12-11: a
#: diary of 1,000 assessments took ~6 s to draw, every result read in full).
SHOWN = 100


def _diary(request: Request, state: State, user_id: int, repo: Repo, *, status: int = 200,
           error: str | None = None, show_all: bool = False) -> Response:  # fmt: skip
    entries = repo.entries(user_id)
    photos = repo.photos(user_id)
    treatments = repo.treatments(user_id)
    # the newest SHOWN of each heavy kind hold the newest SHOWN of all; counts say the rest
    newest = None if show_all else Page(limit=SHOWN, newest_first=True)
    timeline: list[tuple[dt.date, str, object]] = (
        [(e.date, "count", e) for e in entries]
        + [(t.started, "treatment", t) for t in treatments]
        + [(p.taken_on, "photo", p) for p in photos]
        + [(p.created_at.date(), "product", p) for p in repo.products(user_id, newest)]
        + [(d.diagnosed_on, "diagnosis", d) for d in repo.diagnoses(user_id, newest)]
        + [(a.created_at.date(), "assessment", a) for a in repo.assessments(user_id, newest)]
    )
    timeline.sort(key=lambda item: item[0], reverse=True)
    total = len(timeline)
    if not show_all:
        counts = repo.counts(user_id)
        total = (
            len(entries)
            + len(photos)
            + len(treatments)
            + sum(counts[k] for k in ("products", "diagnoses", "assessments"))
        )
        timeline = timeline[:SHOWN]
    before_after = (photos[0], photos[-1]) if len(photos) >= 2 else None
    return render(
        request, state, "diary.html", status, timeline=timeline, entries=entries,
        photos=photos, before_after=before_after, regions=PHOTO_REGIONS,
        all_regions=DIARY_REGIONS, today=dt.date.today().isoformat(), error=error,
        total_records=total, hidden_records=total - len(timeline),
        plot_version=len(entries) + total,
        advice={t.id: treatment_advice(t.what, t.notes) for t in treatments},
        # QA F11-12: a photo whose counts are not reliable shows no count ("0" read as none)
        unreliable={p.id for p in photos if not photo_reliable(p.analysis)},
    )  # fmt: skip


@router.get("/diary")
def diary(
    request: Request,
    state: State,
    user: PageUser,
    repo: Repo,
    show_all: Annotated[bool, Query(alias="all")] = False,
) -> Response:
    """The Diary: the newest 100 records (all with ``?all=1``), the plot, before/after photos.

    Returns
    -------
    Response
        The Diary page, status 200.
    """
    return _diary(request, state, user.id, repo, show_all=show_all)


@router.post("/diary/entries", dependencies=[Csrf])
async def add_entry(request: Request, state: State, user: PageUser, repo: Repo, db: Db) -> Response:
    """Add a count of milia from the Diary's form.

    Form fields: ``date`` (1900-01-01 up to tomorrow), ``count`` (a whole number
    0-100,000; may be left empty when regions are counted: it is then their sum, a
    count of those regions only), ``region_<name>`` for each diary region (whole
    numbers, adding up to no more than ``count``) and ``notes``.

    Returns
    -------
    Response
        A redirect (303) to the Diary's plot; or the Diary with status 422 and
        the field at fault.
    """
    form = await request.form()
    by_region: dict[str, int] = {}
    try:
        for region in DIARY_REGIONS:
            raw = str(form.get(f"region_{region}", "") or "").strip()
            if raw:
                by_region[region] = int(raw)
        count_raw = str(form.get("count", "") or "").strip()
        body = EntryIn(
            date=str(form.get("date", "")),
            count=int(count_raw) if count_raw else None,
            by_region=by_region,
            notes=str(form.get("notes", "") or ""),
        )
    except ValueError as exc:
        message = (
            _message(exc) if isinstance(exc, ValidationError) else "counts must be whole numbers"
        )
        return await run_in_threadpool(_diary, request, state, user.id, repo, status=422,
                                       error=message)  # fmt: skip
    assert body.count is not None

    def store() -> None:
        repo.add_entry(user.id, body.date, body.count or 0, by_region=body.by_region,
                       notes=body.notes, total_counted=body.total_counted)  # fmt: skip
        db.commit()

    await run_in_threadpool(store)
    return RedirectResponse("/diary#plot", status_code=303)


#: The diary page's plural path -> the repository's kind, for the delete buttons.
_PAGE_KINDS = {
    "entries": "entry",
    "photos": "photo",
    "treatments": "treatment",
    "products": "product",
    "diagnoses": "diagnosis",
    "assessments": "assessment",
}


@router.post("/diary/{kind}/{record_id}/delete", dependencies=[Csrf])
def delete_record(kind: str, record_id: int, user: PageUser, repo: Repo, db: Db) -> Response:
    """Delete one of the account's counts, photos, treatments, products, diagnoses or assessments.

    Parameters
    ----------
    kind : str
        Path: ``entries`` (counts), ``photos``, ``treatments``, ``products``,
        ``diagnoses`` or ``assessments``.
    record_id : int
        Path: the record's id.

    Returns
    -------
    Response
        A redirect (303) to the Diary's timeline.

    Raises
    ------
    NotFoundError
        An unknown ``kind``, or no such record of the account (status 404).
    """
    if kind not in _PAGE_KINDS:
        raise NotFoundError(f"nothing called {quoted(kind)} can be deleted", field="kind")
    repo.delete_record(_PAGE_KINDS[kind], user.id, record_id)
    db.commit()
    return RedirectResponse("/diary#timeline", status_code=303)


@router.post("/diary/treatments/{treatment_id}/end", dependencies=[Csrf])
def end_treatment(
    request: Request,
    state: State,
    treatment_id: int,
    user: PageUser,
    repo: Repo,
    db: Db,
    ended: Annotated[str, Form()] = "",
) -> Response:
    """Set the day a treatment ended (empty: it goes on).

    Parameters
    ----------
    treatment_id : int
        Path: the treatment's id.
    ended : str
        Form field: ``YYYY-MM-DD``, not before the treatment's start; empty
        when it has not ended.

    Returns
    -------
    Response
        A redirect (303) to the Diary's plot; or the Diary with status 422 and
        what to fix.

    Raises
    ------
    NotFoundError
        No such treatment of the account (status 404).
    """
    treatment = repo.treatment(user.id, treatment_id)
    try:
        body = TreatmentIn.model_validate(
            {"what": treatment.what, "from": treatment.started, "to": ended or None}
        )
    except ValidationError as exc:
        return _diary(request, state, user.id, repo, status=422, error=_message(exc))
    repo.end_treatment(user.id, treatment_id, ended=body.ended)
    db.commit()
    return RedirectResponse("/diary#plot", status_code=303)


@router.post("/diary/treatments", dependencies=[Csrf])
def add_treatment(
    request: Request,
    state: State,
    user: PageUser,
    repo: Repo,
    db: Db,
    what: Annotated[str, Form()] = "",
    started: Annotated[str, Form()] = "",
    ended: Annotated[str, Form()] = "",
) -> Response:
    """Add a treatment and the days it ran (shown as a band on the plot).

    A treatment whose words name squeezing, popping or extracting the bumps is
    stored as written and shown with the advice against extracting milia at home,
    with its sources.

    Parameters
    ----------
    what : str
        Form field: what was used or done (1-300 characters).
    started : str
        Form field: the first day, ``YYYY-MM-DD``.
    ended : str
        Form field: the last day, not before ``started``; empty while it goes on.

    Returns
    -------
    Response
        A redirect (303) to the Diary (to the treatment when it has advice, else
        to the plot); or the Diary with status 422 and what to fix.
    """
    try:
        body = TreatmentIn.model_validate({"what": what, "from": started, "to": ended or None})
    except ValidationError as exc:
        return _diary(request, state, user.id, repo, status=422, error=_message(exc))
    treatment = repo.add_treatment(user.id, body.what, body.started, ended=body.ended)
    db.commit()
    if treatment_advice(treatment.what, treatment.notes):  # show its note (QA F9-05)
        return RedirectResponse(f"/diary#treatment-{treatment.id}", status_code=303)
    return RedirectResponse("/diary#plot", status_code=303)


@router.post("/diary/diagnoses", dependencies=[Csrf])
def add_diagnosis(
    request: Request,
    state: State,
    user: PageUser,
    repo: Repo,
    db: Db,
    diagnosed_on: Annotated[str, Form()] = "",
    clinician: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> Response:
    """Record a diagnosis of milia that a clinician gave.

    Parameters
    ----------
    diagnosed_on : str
        Form field: the day, ``YYYY-MM-DD`` (1900-01-01 up to tomorrow).
    clinician : str
        Form field: who gave it (up to 300 characters; may be empty).
    notes : str
        Form field: up to 5,000 characters.

    Returns
    -------
    Response
        A redirect (303) to the Diary's diagnoses; or the Diary with status 422
        and what to fix.
    """
    try:
        body = DiagnosisIn.model_validate(
            {"diagnosed_on": diagnosed_on, "clinician": clinician, "notes": notes}
        )
    except ValidationError as exc:
        return _diary(request, state, user.id, repo, status=422, error=_message(exc))
    repo.add_diagnosis(user.id, body.condition, body.diagnosed_on, clinician=body.clinician,
                       notes=body.notes)  # fmt: skip
    db.commit()
    return RedirectResponse("/diary#diagnoses", status_code=303)


@router.get("/diary/plot.png")
def plot(user: PageUser, repo: Repo) -> Response:
    """The Diary's plot: counts over time, total and by region, treatments as bands.

    Returns
    -------
    Response
        A PNG image 900 px wide (see :func:`milia.api.plots.diary_png`), marked
        ``Cache-Control: private, no-store``.
    """
    png = diary_png(repo.entries(user.id), repo.treatments(user.id))
    return Response(png, media_type="image/png", headers=_PRIVATE)


@router.get("/diary/export.csv")
def export_csv(user: PageUser, repo: Repo) -> Response:
    """Download the whole diary as CSV, one row a record.

    Returns
    -------
    Response
        ``milia-diary.csv`` (UTF-8) as an attachment (see
        :func:`milia.api.export.diary_csv` for its columns).
    """
    return Response(
        diary_csv(load_diary(repo, user.id)).encode("utf-8-sig"),  # Excel: UTF-8 (QA F15B-06)
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="milia-diary.csv"', **_PRIVATE},
    )


@router.get("/diary/export.fhir.json")
def export_fhir(user: PageUser, repo: Repo) -> Response:
    """Download the whole diary as a FHIR R4 Bundle, for a clinic's record.

    Returns
    -------
    Response
        ``milia-diary.fhir.json`` (``application/fhir+json``) as an attachment.
    """
    return JSONResponse(
        diary_fhir_bundle(load_diary(repo, user.id)),
        media_type="application/fhir+json",
        headers={"Content-Disposition": 'attachment; filename="milia-diary.fhir.json"', **_PRIVATE},
    )
