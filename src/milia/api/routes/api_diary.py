"""JSON API: the private diary (every route needs a bearer token; other users' ids are 404)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile, status
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

import milia
from milia.api.contracts import known_query_only
from milia.api.deps import ApiUser, Db, Repo, State
from milia.api.export import diary_csv, diary_fhir_bundle, load_diary
from milia.api.paging import Paging
from milia.api.photos import (
    DATE_HELP,
    SCALE_HELP,
    PhotoDateIn,
    given_once,
    one_of_each_part,
    process_upload,
    taken_on_note,
)
from milia.api.schemas import (
    DiagnosisIn,
    EntryIn,
    EntryOut,
    PhotoOut,
    ProductIn,
    ProductOut,
    TreatmentEndIn,
    TreatmentIn,
    TreatmentOut,
    diary_date,
    entry_out,
    photo_out,
    product_out,
    treatment_out,
)

__all__ = ["router"]

router = APIRouter(prefix="/diary", tags=["diary"], dependencies=[Depends(known_query_only)])
_PRIVATE = {"Cache-Control": "private, no-store"}
#: a photo's day: the date rule of every diary record (QA F7-40: 2099-01-01 was stored)
_PhotoDay = Annotated[
    dt.date | None, AfterValidator(lambda d: d if d is None else diary_date(d, name="taken_on"))
]


# -- entries -------------------------------------------------------------------
@router.post("/entries", status_code=status.HTTP_201_CREATED)
def add_entry(body: EntryIn, user: ApiUser, repo: Repo, db: Db) -> EntryOut:
    """Store a count: ``{"date": "YYYY-MM-DD", "count": N, "by_region": {REGION: N}, "notes"}``.

    ``count`` may be left out when ``by_region`` is given: it is then their sum and
    ``total_counted`` is false (those regions were counted, not the whole face).
    """
    assert body.count is not None  # filled in by the model from by_region
    entry = repo.add_entry(
        user.id,
        body.date,
        body.count,
        by_region=body.by_region,
        notes=body.notes,
        total_counted=body.total_counted,
    )
    db.commit()
    return entry_out(entry)


@router.get("/entries")
def list_entries(user: ApiUser, repo: Repo, page: Paging) -> list[EntryOut]:
    """My diary counts, oldest first (``limit``, ``offset``, ``order=newest``: a slice)."""
    return [entry_out(e) for e in repo.entries(user.id, page)]


@router.get("/entries/{entry_id}")
def get_entry(entry_id: int, user: ApiUser, repo: Repo) -> EntryOut:
    """One of my diary counts."""
    return entry_out(repo.entry(user.id, entry_id))


@router.delete("/entries/{entry_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_entry(entry_id: int, user: ApiUser, repo: Repo, db: Db) -> Response:
    """Delete one of my diary counts."""
    repo.delete_entry(user.id, entry_id)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# -- photos ----------------------------------------------------------------------
@router.post(
    "/photos", status_code=status.HTTP_201_CREATED, dependencies=[Depends(one_of_each_part)]
)
async def add_photo(
    state: State,
    user: ApiUser,
    repo: Repo,
    db: Db,
    file: Annotated[UploadFile, File(description="A JPEG, PNG, WebP or HEIC photo")],
    taken_on: Annotated[_PhotoDay, Form(description=DATE_HELP)] = None,
    taken_on_query: Annotated[_PhotoDay, Query(alias="taken_on", description=DATE_HELP)] = None,
    mm_per_pixel: Annotated[
        float | None, Form(gt=0, le=10, allow_inf_nan=False, description=SCALE_HELP)
    ] = None,
    mm_per_pixel_query: Annotated[
        float | None,
        Query(alias="mm_per_pixel", gt=0, le=10, allow_inf_nan=False, description=SCALE_HELP),
    ] = None,
) -> PhotoOut:
    """Upload a photo: it is stored without EXIF/GPS, analysed, and its overlay drawn."""
    day = given_once("taken_on", taken_on, taken_on_query)
    data = await file.read()
    processed = await run_in_threadpool(
        process_upload,
        data,
        state.settings,
        mm_per_pixel=given_once("mm_per_pixel", mm_per_pixel, mm_per_pixel_query),
    )

    def store() -> PhotoOut:
        photo = repo.add_photo(
            user.id,
            processed.image,
            media_type=processed.media_type,
            analysis=processed.analysis,
            overlay_png=processed.overlay_png,
            taken_on=day or processed.taken_on or dt.date.today(),
        )
        db.commit()
        out = photo_out(photo)
        if day is None:  # say where the date came from (QA F11-16)
            out.taken_on_note = taken_on_note(processed.taken_on, photo.taken_on)
        return out

    return await run_in_threadpool(store)


@router.get("/photos")
def list_photos(user: ApiUser, repo: Repo, page: Paging) -> list[PhotoOut]:
    """My diary photos (ids, dates and analyses), oldest first (paged as the counts)."""
    return [photo_out(p) for p in repo.photos(user.id, page)]


@router.get(
    "/photos/{photo_id}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}, "description": "The stored photo"}},
)
def get_photo(photo_id: int, user: ApiUser, repo: Repo) -> Response:
    """The stored photo (metadata stripped), only to its owner."""
    photo = repo.photo(user.id, photo_id)
    return Response(photo.image, media_type=photo.media_type, headers=_PRIVATE)


@router.patch("/photos/{photo_id}")
def date_photo(photo_id: int, body: PhotoDateIn, user: ApiUser, repo: Repo, db: Db) -> PhotoOut:
    """Change the day a photo was taken: ``{"taken_on": "YYYY-MM-DD"}`` (an
    upload without ``taken_on`` is dated from the camera's date, else the upload day)."""
    photo = repo.date_photo(user.id, photo_id, body.taken_on)
    db.commit()
    return photo_out(photo)


@router.get(
    "/photos/{photo_id}/analysis",
)
def get_photo_analysis(photo_id: int, user: ApiUser, repo: Repo) -> PhotoOut:
    """A stored photo's record with its analysis: ``{"id", "taken_on", "analysis",
    "image_url", "overlay_url"}``, as ``POST /diary/photos`` answered.

    The analysis is of the uploaded file itself, as ``POST /photos/analyze`` and
    ``milia photo analyze`` read it, so the counts are the same; the
    stored image is a metadata-stripped JPEG re-encoded from its pixels.
    """
    return photo_out(repo.photo(user.id, photo_id))


@router.get(
    "/photos/{photo_id}/overlay",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "The overlay"}},
)
def get_overlay(photo_id: int, user: ApiUser, repo: Repo) -> Response:
    """The photo with every finding circled and labelled (PNG); 404 when it has no overlay."""
    photo = repo.photo(user.id, photo_id)
    if photo.overlay_png is None:
        return JSONResponse({"detail": "this photo has no overlay", "field": "id"}, 404)
    return Response(photo.overlay_png, media_type="image/png", headers=_PRIVATE)


# -- treatments ------------------------------------------------------------------
@router.post("/treatments", status_code=status.HTTP_201_CREATED)
def add_treatment(body: TreatmentIn, user: ApiUser, repo: Repo, db: Db) -> TreatmentOut:
    """Store a treatment: ``{"what", "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" | null, "notes"}``."""
    treatment = repo.add_treatment(
        user.id, body.what, body.started, ended=body.ended, notes=body.notes
    )
    db.commit()
    return treatment_out(treatment)


@router.get("/treatments")
def list_treatments(user: ApiUser, repo: Repo, page: Paging) -> list[TreatmentOut]:
    """My treatments, earliest first (paged as the counts)."""
    return [treatment_out(t) for t in repo.treatments(user.id, page)]


@router.get("/treatments/{treatment_id}")
def get_treatment(treatment_id: int, user: ApiUser, repo: Repo) -> TreatmentOut:
    """One of my treatments."""
    return treatment_out(repo.treatment(user.id, treatment_id))


@router.patch("/treatments/{treatment_id}")
def end_treatment(
    treatment_id: int, body: TreatmentEndIn, user: ApiUser, repo: Repo, db: Db
) -> TreatmentOut:
    """End an ongoing treatment: ``{"to": "YYYY-MM-DD"}`` (``{"to": null}`` reopens it)."""
    treatment = repo.treatment(user.id, treatment_id)
    if body.ended is not None and body.ended < treatment.started:
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("body", "to"), "input": body.ended.isoformat(),
              "msg": f"'to' is before the treatment's start ({treatment.started}); "
                     "give the day it ended"}]
        )  # fmt: skip
    treatment = repo.end_treatment(user.id, treatment_id, ended=body.ended)
    db.commit()
    return treatment_out(treatment)


# -- products --------------------------------------------------------------------
@router.post("/products", status_code=status.HTTP_201_CREATED)
def add_product(body: ProductIn, user: ApiUser, repo: Repo, db: Db) -> ProductOut:
    """Check a product's ingredients and keep the product and its check in my diary."""
    result: dict[str, Any] = dict(
        milia.check_ingredients(
            body.text, name=body.name, product_type=body.product_type, leave_on=body.leave_on
        )
    )
    product = repo.add_product(user.id, body.text, result, name=body.name or "")
    db.commit()
    return product_out(product)


@router.get("/products")
def list_products(user: ApiUser, repo: Repo, page: Paging) -> list[ProductOut]:
    """My checked products, oldest first (paged as the counts)."""
    return [product_out(p) for p in repo.products(user.id, page)]


@router.get("/products/{product_id}")
def get_product(product_id: int, user: ApiUser, repo: Repo) -> ProductOut:
    """One of my checked products."""
    return product_out(repo.product(user.id, product_id))


# -- clinician diagnoses -----------------------------------------------------------
@router.post("/diagnoses", status_code=status.HTTP_201_CREATED)
def add_diagnosis(body: DiagnosisIn, user: ApiUser, repo: Repo, db: Db) -> dict[str, Any]:
    """Record a diagnosis a clinician gave (exported as a FHIR Condition, SNOMED CT 254679001)."""
    diagnosis = repo.add_diagnosis(
        user.id, body.condition, body.diagnosed_on, clinician=body.clinician, notes=body.notes
    )
    db.commit()
    return {"id": diagnosis.id, **body.model_dump(mode="json")}


@router.get("/diagnoses")
def list_diagnoses(user: ApiUser, repo: Repo, page: Paging) -> list[dict[str, Any]]:
    """The diagnoses I recorded, oldest first (paged as the counts)."""
    return [_diagnosis_out(d) for d in repo.diagnoses(user.id, page)]


@router.get("/diagnoses/{diagnosis_id}")
def get_diagnosis(diagnosis_id: int, user: ApiUser, repo: Repo) -> dict[str, Any]:
    """One of the diagnoses I recorded."""
    return _diagnosis_out(repo.diagnosis(user.id, diagnosis_id))


def _diagnosis_out(d: Any) -> dict[str, Any]:
    return {"id": d.id, "condition": d.condition, "diagnosed_on": d.diagnosed_on.isoformat(),
            "clinician": d.clinician, "notes": d.notes}  # fmt: skip


# -- assessments -------------------------------------------------------------------
def _assessment_out(a: Any) -> dict[str, Any]:
    return {
        "id": a.id,
        "case": a.case,
        "result": a.result,
        "knowledge_version": a.knowledge_version,
        "created_at": a.created_at.isoformat(),
    }


def _assessment_brief(a: Any) -> dict[str, Any]:
    top = (a.result.get("differential") or [None])[0]
    return {
        "id": a.id,
        "created_at": a.created_at.isoformat(),
        "top": {"condition": top.get("condition"), "probability": top.get("probability")}
        if isinstance(top, dict)
        else None,
        "triage": (a.result.get("triage") or {}).get("level"),
        "knowledge_version": a.knowledge_version,
    }


@router.get("/assessments")
def list_assessments(
    user: ApiUser,
    repo: Repo,
    page: Paging,
    view: Annotated[
        Literal["full", "summary"],
        Query(description="full: case and result; summary: id, date, top condition, triage"),
    ] = "full",
) -> list[dict[str, Any]]:
    """My stored assessments: the case, the result and the knowledge version.

    ``limit``, ``offset`` and ``order=newest`` give a slice; ``view=summary`` gives
    each one's id, date, top condition and triage level only.
    """
    out = _assessment_brief if view == "summary" else _assessment_out
    return [out(a) for a in repo.assessments(user.id, page)]


@router.get("/assessments/{assessment_id}")
def get_assessment(assessment_id: int, user: ApiUser, repo: Repo) -> dict[str, Any]:
    """One of my stored assessments."""
    return _assessment_out(repo.assessment(user.id, assessment_id))


# -- deleting a record (a mistaken photo, product, treatment, diagnosis, assessment) ---
def _add_delete_route(kind: str, path: str, what: str) -> None:
    def delete_record(record_id: int, user: ApiUser, repo: Repo, db: Db) -> Response:
        repo.delete_record(kind, user.id, record_id)
        db.commit()
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    delete_record.__doc__ = f"Delete one of my {what} (another user's id is 404)."
    router.add_api_route(
        f"/{path}/{{record_id}}", delete_record, methods=["DELETE"],
        status_code=status.HTTP_204_NO_CONTENT, name=f"delete_{kind}",
        summary=f"Delete {'an' if kind[0] in 'aeiou' else 'a'} {kind}", response_class=Response,
    )  # fmt: skip


for _kind, _path, _what in (
    ("photo", "photos", "photos, with its stored image and overlay"),
    ("treatment", "treatments", "treatments"),
    ("product", "products", "checked products"),
    ("diagnosis", "diagnoses", "recorded diagnoses"),
    ("assessment", "assessments", "saved assessments"),
):
    _add_delete_route(_kind, _path, _what)


# -- export -------------------------------------------------------------------------
@router.get(
    "/export.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "The diary as CSV"}},
)
def export_csv(user: ApiUser, repo: Repo) -> Response:
    """My whole diary as CSV: counts, photo counts, treatments, products, diagnoses,
    assessments."""
    text = diary_csv(load_diary(repo, user.id))
    return Response(
        text.encode("utf-8-sig"),  # with a BOM: Excel then reads it as UTF-8 (QA F15B-06)
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="milia-diary.csv"', **_PRIVATE},
    )


@router.get("/export.fhir.json")
def export_fhir(user: ApiUser, repo: Repo) -> JSONResponse:
    """My whole diary as a FHIR R4 Bundle: Observations (counts, photo counts, products),
    MedicationStatements or Procedures (treatments), Conditions (diagnoses),
    RiskAssessments (saved assessments)."""
    bundle = diary_fhir_bundle(load_diary(repo, user.id))
    return JSONResponse(
        bundle,
        media_type="application/fhir+json",
        headers={
            "Content-Disposition": 'attachment; filename="milia-diary.fhir.json"',
            **_PRIVATE,
        },
    )
