"""Export a diary as CSV and as a FHIR R4 Bundle: both carry the whole diary.

A diary is the user's counts, saved photos (with their analyses), checked
products, treatments, recorded diagnoses and saved assessments (:class:`Diary`). The CSV has one
row for each of them (:func:`diary_csv`); the FHIR Bundle one resource for each
(:func:`diary_fhir_bundle`, in :mod:`milia.api.export_fhir`). Free text is
escaped against spreadsheet formulas in the CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from milia.api.diary_advice import treatment_advice
from milia.api.export_fhir import SNOMED_MILIA, diary_fhir_bundle
from milia.api.export_parts import (
    CONDITION_TEXT,
    assessment_details,
    assessment_summary,
    photo_details,
    photo_milia_by_region,
    photo_reliable,
    product_details,
    product_label,
)
from milia.storage.repository import Repository
from milia.storage.tables import (
    Assessment,
    Diagnosis,
    DiaryEntry,
    Photo,
    ProductCheck,
    Treatment,
)

__all__ = ["CSV_COLUMNS", "SNOMED_MILIA", "Diary", "diary_csv", "diary_fhir_bundle", "load_diary"]


@dataclass(frozen=True)
class Diary:
    """Everything a user keeps in the diary, each kind oldest first."""

    entries: Sequence[DiaryEntry] = ()
    photos: Sequence[Photo] = ()
    treatments: Sequence[Treatment] = ()
    products: Sequence[ProductCheck] = ()
    diagnoses: Sequence[Diagnosis] = ()
    assessments: Sequence[Assessment] = ()


def load_diary(repo: Repository, user_id: int) -> Diary:
    """The user's whole diary (photos saved to it, without their bytes).

    Parameters
    ----------
    repo : Repository
        Where the diary is read.
    user_id : int
        The owner.

    Returns
    -------
    Diary
        Every kind of record, each oldest first.
    """
    return Diary(
        entries=repo.entries(user_id),
        photos=repo.photos(user_id),
        treatments=repo.treatments(user_id),
        products=repo.products(user_id),
        diagnoses=repo.diagnoses(user_id),
        assessments=repo.assessments(user_id),
    )


#: The CSV's columns; the diary's regions go between ``inflamed`` and ``what``.
CSV_COLUMNS = ("kind", "date", "to", "count", "inflamed", "what", "details", "notes")


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in free text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def diary_csv(diary: Diary) -> str:
    """Return the whole diary as CSV, one row a record, grouped by kind.

    Columns: ``kind, date, to, count, inflamed, <regions...>, what, details, notes``
    (a region is a column when any count or photo has milia in it). Rows, each kind
    oldest first:

    - ``count``: a count the user made (``count``, by region, ``notes``);
    - ``photo``: a saved photo's analysis: milia-like findings as ``count`` and by
      region, ``inflamed`` findings, the method and whether the counts are reliable
      in ``details``;
    - ``treatment``: ``what`` from ``date`` to ``to`` (empty while it goes on);
    - ``product``: a checked product: its name, the milia risk and flagged
      ingredients in ``details``, the ingredient list in ``notes``;
    - ``diagnosis``: a diagnosis a clinician gave, recorded by the user;
    - ``assessment``: a saved decision-support assessment: the top condition and
      the triage level in ``what``; the reasons, red flags, top three and
      knowledge version in ``details``; the case as described (JSON) in ``notes``.

    Every text cell is escaped against spreadsheet formulas.

    Parameters
    ----------
    diary : Diary
        From :func:`load_diary`.

    Returns
    -------
    str
        The CSV text (header row first).
    """
    # an unreliable photo count is no number (QA F12-19: its 0 sorted and plotted as none)
    photo_regions = [
        photo_milia_by_region(p.analysis) if photo_reliable(p.analysis) else {}
        for p in diary.photos
    ]
    regions = sorted(
        {r.region for e in diary.entries for r in e.regions}
        | {region for by_region in photo_regions for region, n in by_region.items() if n}
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS[:5], *regions, *CSV_COLUMNS[5:]])

    def row(
        kind: str,
        date: str,
        *,
        to: str = "",
        count: Any = "",
        inflamed: Any = "",
        by_region: dict[str, int] | None = None,
        what: str = "",
        details: str = "",
        notes: str = "",
    ) -> None:
        cells = [by_region.get(region, "") if by_region else "" for region in regions]
        texts = (_safe_cell(what), _safe_cell(details), _safe_cell(notes))
        writer.writerow([kind, date, to, count, inflamed, *cells, *texts])

    for entry in diary.entries:
        by_region = {r.region: r.count for r in entry.regions}
        # a count of some regions only has no total (QA F10-08): the count cell stays empty
        row("count", entry.date.isoformat(), count=entry.count if entry.total_counted else "",
            by_region=by_region, notes=entry.notes)  # fmt: skip
    for photo, by_region in zip(diary.photos, photo_regions, strict=True):
        counts = (photo.analysis.get("counts") or {}) if photo_reliable(photo.analysis) else {}
        row("photo", photo.taken_on.isoformat(), count=counts.get("milia_like", ""),
            inflamed=counts.get("inflamed", ""), by_region=by_region,
            what=f"photo {photo.id}", details=photo_details(photo.analysis))  # fmt: skip
    for treatment in diary.treatments:
        # the advice shown with it, as the FHIR Procedure's note has it (QA F12-19, minor)
        advice = " ".join(
            f"Advice milia shows with this record: {a['text']} (sources: {', '.join(a['sources'])})"
            for a in treatment_advice(treatment.what, treatment.notes)
        )
        row("treatment", treatment.started.isoformat(),
            to=treatment.ended.isoformat() if treatment.ended else "",
            what=treatment.what, details=advice, notes=treatment.notes)  # fmt: skip
    for product in diary.products:
        row("product", product.created_at.date().isoformat(), what=product_label(product),
            details=product_details(product.result), notes=product.text)  # fmt: skip
    for diagnosis in diary.diagnoses:
        by = f"by {diagnosis.clinician}" if diagnosis.clinician else "clinician not named"
        row("diagnosis", diagnosis.diagnosed_on.isoformat(),
            what=CONDITION_TEXT.get(diagnosis.condition, diagnosis.condition),
            details=f"diagnosed by a clinician ({by}), recorded by the patient",
            notes=diagnosis.notes)  # fmt: skip
    for assessment in diary.assessments:
        row("assessment", assessment.created_at.date().isoformat(),
            what=assessment_summary(assessment.result),
            details=assessment_details(assessment.result),
            notes=json.dumps(assessment.case, ensure_ascii=False, sort_keys=True))  # fmt: skip
    return out.getvalue()
