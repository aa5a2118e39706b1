"""Export a diary as CSV and as a FHIR R4 Bundle.

The Bundle (type ``collection``) holds one anonymous Patient, one
Observation per diary count (the total as ``valueQuantity``, the counts by
region as components) and, for each diagnosis the user recorded from a
clinician, a Condition coded SNOMED CT 254679001 (Milia). It is validated
with ``fhir.resources`` (R4B models, whose JSON for these resources is R4's)
before it leaves the server.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections.abc import Sequence
from typing import Any

import milia
from milia.errors import StorageError
from milia.kb.loader import knowledge_version
from milia.storage.tables import Diagnosis, DiaryEntry, Treatment

__all__ = ["SNOMED_MILIA", "diary_csv", "diary_fhir_bundle"]

SNOMED = "http://snomed.info/sct"
SNOMED_MILIA = "254679001"
_COUNT_SYSTEM = "urn:milia:observation"
_REGION_SYSTEM = "urn:milia:region"
_UCUM = "http://unitsofmeasure.org"


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in free text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def diary_csv(entries: Sequence[DiaryEntry], treatments: Sequence[Treatment] = ()) -> str:
    """Return the diary as CSV: one row per count, then one per treatment.

    Columns: ``kind, date, to, count, <region columns...>, what, notes``;
    regions appear as columns when any entry counted them.
    """
    regions = sorted({r.region for e in entries for r in e.regions})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "date", "to", "count", *regions, "what", "notes"])
    for entry in entries:
        by_region = {r.region: r.count for r in entry.regions}
        writer.writerow(
            [
                "count",
                entry.date.isoformat(),
                "",
                entry.count,
                *(by_region.get(region, "") for region in regions),
                "",
                _safe_cell(entry.notes),
            ]
        )
    for treatment in treatments:
        writer.writerow(
            [
                "treatment",
                treatment.started.isoformat(),
                treatment.ended.isoformat() if treatment.ended else "",
                "",
                *("" for _ in regions),
                _safe_cell(treatment.what),
                _safe_cell(treatment.notes),
            ]
        )
    return out.getvalue()


def _count_quantity(n: int) -> dict[str, Any]:
    return {"value": n, "unit": "lesions", "system": _UCUM, "code": "{lesions}"}


def _observation(entry: DiaryEntry, patient_ref: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"count-{entry.id}",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                        "display": "Survey",
                    }
                ]
            }
        ],
        "code": {
            "coding": [{"system": _COUNT_SYSTEM, "code": "milia-count", "display": "Milia count"}],
            "text": "Number of milia counted by the patient",
        },
        "focus": [{"display": "Milia (SNOMED CT 254679001)"}],
        "subject": {"reference": patient_ref},
        "effectiveDateTime": entry.date.isoformat(),
        "valueQuantity": _count_quantity(entry.count),
    }
    if entry.regions:
        resource["component"] = [
            {
                "code": {
                    "coding": [{"system": _REGION_SYSTEM, "code": r.region}],
                    "text": f"Milia count, {r.region.replace('_', ' ')}",
                },
                "valueQuantity": _count_quantity(r.count),
            }
            for r in entry.regions
        ]
    if entry.notes:
        resource["note"] = [{"text": entry.notes}]
    return resource


def _condition(diagnosis: Diagnosis, patient_ref: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "id": f"diagnosis-{diagnosis.id}",
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active",
                }
            ]
        },
        "verificationStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "code": "confirmed",
                }
            ]
        },
        "code": {
            "coding": [{"system": SNOMED, "code": SNOMED_MILIA, "display": "Milia"}],
            "text": "Milia (diagnosed by a clinician, recorded by the patient)",
        },
        "subject": {"reference": patient_ref},
        # the day a clinician said so, not when the milia began (unknown): no onset[x]
        "recordedDate": diagnosis.diagnosed_on.isoformat(),
    }
    if diagnosis.clinician:
        resource["asserter"] = {"display": diagnosis.clinician}
    if diagnosis.notes:
        resource["note"] = [{"text": diagnosis.notes}]
    return resource


def diary_fhir_bundle(
    entries: Sequence[DiaryEntry], diagnoses: Sequence[Diagnosis] = ()
) -> dict[str, Any]:
    """Return the diary as a validated FHIR R4 ``Bundle`` (JSON-ready dict).

    Raises
    ------
    StorageError
        If the Bundle does not validate (a bug; never expected).
    """
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    patient_ref = f"urn:uuid:{uuid.uuid4()}"
    resources: list[dict[str, Any]] = [{"resourceType": "Patient", "id": "patient"}]
    resources += [_observation(e, patient_ref) for e in entries]
    resources += [_condition(d, patient_ref) for d in diagnoses if d.condition == "milia"]
    full_urls = [patient_ref] + [f"urn:uuid:{uuid.uuid4()}" for _ in resources[1:]]
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {
            "tag": [
                {"system": "urn:milia:version", "code": milia.__version__},
                {"system": "urn:milia:knowledge-version", "code": knowledge_version()},
            ]
        },
        "type": "collection",
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "entry": [
            {"fullUrl": url, "resource": resource}
            for url, resource in zip(full_urls, resources, strict=True)
        ],
    }
    try:
        validated = Bundle.model_validate(bundle)
    except ValidationError as exc:  # pragma: no cover - our own output
        raise StorageError(f"the FHIR export did not validate: {exc}") from exc
    out: dict[str, Any] = validated.model_dump(mode="json", exclude_none=True)
    return out
