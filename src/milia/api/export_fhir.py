"""The diary as a FHIR R4 Bundle (type ``collection``), validated before it leaves.

Resources, one a diary record:

- one anonymous ``Patient``;
- an ``Observation`` per count the user made (``milia-count``: the total as
  ``valueQuantity``, the counts by region as components);
- an ``Observation`` per saved photo (``milia-photo-count``: milia-like findings,
  by region and the inflamed ones as components; ``method`` and ``device`` name the
  automated analysis and its version, a ``note`` says whether the counts are reliable);
- a ``MedicationStatement`` per treatment whose words are ingredients the ingredient
  data recognises (``adapalene 0.1 %``), a ``Procedure`` per other treatment
  (``extraction``, ``laser``): the diary stores a treatment as free text only;
- an ``Observation`` per checked product (``product-ingredient-check``: the name,
  the milia risk as a component, flagged ingredients and the list in notes);
- a ``Condition`` coded SNOMED CT 254679001 (Milia) per diagnosis a clinician gave;
- a ``RiskAssessment`` per saved decision-support assessment: the three most likely
  conditions as predictions with their probabilities, the method (milia's, which
  does not diagnose, with the knowledge version), the triage level with its reasons
  and the red flags in notes.

It is validated with ``fhir.resources`` (R4B models, whose JSON for these resources
is R4's).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import milia
from milia.api.diary_advice import treatment_advice
from milia.api.export_parts import (
    ASSESSMENT_METHOD,
    CONDITION_TEXT,
    PHOTO_METHOD,
    assessment_details,
    assessment_top,
    photo_details,
    photo_milia_by_region,
    photo_reliable,
    product_details,
    product_label,
    treatment_ingredients,
)
from milia.errors import StorageError
from milia.kb.loader import knowledge_version
from milia.storage.tables import (
    Assessment,
    Diagnosis,
    DiaryEntry,
    Photo,
    ProductCheck,
    Treatment,
)

if TYPE_CHECKING:
    from milia.api.export import Diary

__all__ = ["SNOMED_MILIA", "diary_fhir_bundle"]

SNOMED = "http://snomed.info/sct"
SNOMED_MILIA = "254679001"
_CODES = "urn:milia:observation"
_REGION_SYSTEM = "urn:milia:region"
_INCI_SYSTEM = "urn:milia:inci"
_UCUM = "http://unitsofmeasure.org"
_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_MILIA_FOCUS = [{"display": "Milia (SNOMED CT 254679001)"}]


def _quantity(n: Any) -> dict[str, Any]:
    return {"value": n, "unit": "lesions", "system": _UCUM, "code": "{lesions}"}


def _category(code: str, display: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": _CATEGORY, "code": code, "display": display}]}]


def _code(code: str, display: str, text: str) -> dict[str, Any]:
    return {"coding": [{"system": _CODES, "code": code, "display": display}], "text": text}


def _region_components(by_region: dict[str, int], what: str) -> list[dict[str, Any]]:
    return [
        {
            "code": {
                "coding": [{"system": _REGION_SYSTEM, "code": region}],
                "text": f"{what}, {region.replace('_', ' ')}",
            },
            "valueQuantity": _quantity(n),
        }
        for region, n in by_region.items()
    ]


def _count(entry: DiaryEntry, patient: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"count-{entry.id}",
        "status": "final",
        "category": _category("survey", "Survey"),
        "code": _code("milia-count", "Milia count", "Number of milia counted by the patient"),
        "focus": _MILIA_FOCUS,
        "subject": {"reference": patient},
        "effectiveDateTime": entry.date.isoformat(),
    }
    if entry.total_counted:
        resource["valueQuantity"] = _quantity(entry.count)
    else:  # only some regions were counted: no total (QA F10-08); obs-6 allows the reason
        resource["dataAbsentReason"] = {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                    "code": "not-asked",
                    "display": "Not Asked",
                }
            ],
            "text": "only the regions in the components were counted; no total was given",
        }
    if entry.regions:
        by_region = {r.region: r.count for r in entry.regions}
        resource["component"] = _region_components(by_region, "Milia count")
    if entry.notes:
        resource["note"] = [{"text": entry.notes}]
    return resource


def _photo(photo: Photo, patient: str) -> dict[str, Any]:
    analysis = photo.analysis
    counts = analysis.get("counts") or {}
    version = analysis.get("analysis_version") or "unknown version"
    components = _region_components(
        {r: n for r, n in photo_milia_by_region(analysis).items() if n}, "Milia-like findings"
    )
    if "inflamed" in counts:
        components.append(
            {
                "code": _code("inflamed-count", "Inflamed findings",
                              "Inflamed findings (papules, pustules) in the photo"),
                "valueQuantity": _quantity(counts["inflamed"]),
            }
        )  # fmt: skip
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"photo-{photo.id}",
        "status": "final",
        "category": _category("imaging", "Imaging"),
        "code": _code("milia-photo-count", "Milia-like findings in a photo",
                      "Number of milia-like findings counted in a photo by software"),
        "focus": _MILIA_FOCUS,
        "subject": {"reference": patient},
        "effectiveDateTime": photo.taken_on.isoformat(),
        "method": {"text": f"{PHOTO_METHOD}, {version}"},
        "device": {"display": f"milia {milia.__version__} photo analysis {version}"},
        "note": [{"text": photo_details(analysis)}],
    }  # fmt: skip
    reliable = photo_reliable(analysis)
    if "milia_like" in counts and reliable:
        resource["valueQuantity"] = _quantity(counts["milia_like"])
    elif "milia_like" in counts:
        # QA F12-19: a 0 from a photo whose counts are not reliable charts as "none"
        resource["dataAbsentReason"] = {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                    "code": "error",
                    "display": "Error",
                }
            ],
            "text": "counts not reliable for this photo: bumps may have been missed, so "
            "the software's count is not given",
        }
    else:  # an analysis without counts (never expected): say so rather than drop it
        resource["dataAbsentReason"] = {"text": "the stored analysis has no count"}
    if not reliable:
        resource["interpretation"] = [{"text": "counts not reliable for this photo"}]
    if components and reliable:
        resource["component"] = components
    return resource


def _treatment(treatment: Treatment, patient: str) -> dict[str, Any]:
    today = dt.date.today()
    over = treatment.ended is not None and treatment.ended < today
    period: dict[str, Any] = {"start": treatment.started.isoformat()}
    if treatment.ended is not None:
        period["end"] = treatment.ended.isoformat()
    note = [{"text": treatment.notes}] if treatment.notes else []
    for advice in treatment_advice(treatment.what, treatment.notes):  # QA F9-05
        note.append({"text": f"Advice milia shows with this record: {advice['text']} "
                             f"(sources: {', '.join(advice['sources'])})"})  # fmt: skip
    names = treatment_ingredients(treatment.what)
    if names:
        resource: dict[str, Any] = {
            "resourceType": "MedicationStatement",
            "id": f"treatment-{treatment.id}",
            "status": "completed" if over else "active",
            "medicationCodeableConcept": {
                "coding": [{"system": _INCI_SYSTEM, "code": name} for name in names],
                "text": treatment.what,
            },
            "subject": {"reference": patient},
            "effectivePeriod": period,
            "informationSource": {"reference": patient},
        }
    else:
        resource = {
            "resourceType": "Procedure",
            "id": f"treatment-{treatment.id}",
            "status": "completed" if over else "in-progress",
            "category": {"text": "treatment for milia, recorded by the patient"},
            "code": {"text": treatment.what},
            "subject": {"reference": patient},
            "performedPeriod": period,
            "asserter": {"reference": patient},
        }
    if note:
        resource["note"] = note
    return resource


def _product(product: ProductCheck, patient: str) -> dict[str, Any]:
    risk = (product.result.get("summary") or {}).get("milia_risk") or "unknown"
    return {
        "resourceType": "Observation",
        "id": f"product-{product.id}",
        "status": "final",
        "category": _category("social-history", "Social History"),
        "code": _code("product-ingredient-check", "Skin-care product checked",
                      "A skin-care product the patient uses, its ingredients checked by milia"),
        "subject": {"reference": patient},
        "effectiveDateTime": product.created_at.date().isoformat(),
        "valueString": product_label(product),
        "component": [{
            "code": _code("milia-risk", "Milia risk of the ingredients",
                          "Milia risk of the ingredients (ingredient check)"),
            "valueString": risk,
        }],
        "note": [{"text": product_details(product.result)},
                 {"text": f"Ingredients as entered: {product.text}"}],
    }  # fmt: skip


def _condition(diagnosis: Diagnosis, patient: str) -> dict[str, Any]:
    name = CONDITION_TEXT.get(diagnosis.condition, diagnosis.condition)
    code: dict[str, Any] = {"text": f"{name} (diagnosed by a clinician, recorded by the patient)"}
    if diagnosis.condition == "milia":
        code["coding"] = [{"system": SNOMED, "code": SNOMED_MILIA, "display": "Milia"}]
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "id": f"diagnosis-{diagnosis.id}",
        "clinicalStatus": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
            "code": "active",
        }]},
        "verificationStatus": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
            "code": "confirmed",
        }]},
        "code": code,
        "subject": {"reference": patient},
        # the day a clinician said so, not when the milia began (unknown): no onset[x]
        "recordedDate": diagnosis.diagnosed_on.isoformat(),
    }  # fmt: skip
    if diagnosis.clinician:
        resource["asserter"] = {"display": diagnosis.clinician}
    if diagnosis.notes:
        resource["note"] = [{"text": diagnosis.notes}]
    return resource


def _assessment(assessment: Assessment, patient: str) -> dict[str, Any]:
    version = assessment.knowledge_version or "unknown"
    return {
        "resourceType": "RiskAssessment",
        "id": f"assessment-{assessment.id}",
        "status": "final",
        "method": {"text": f"{ASSESSMENT_METHOD}, knowledge {version}"},
        "subject": {"reference": patient},
        "occurrenceDateTime": assessment.created_at.replace(microsecond=0).isoformat()
        + ("" if assessment.created_at.tzinfo else "Z"),
        "performer": {"display": f"milia {milia.__version__} (software)"},
        "prediction": [
            {"outcome": {"text": name}, "probabilityDecimal": round(p, 4)}
            for name, p in assessment_top(assessment.result)
        ],
        "note": [{"text": assessment_details(assessment.result)}],
    }


def _resources(diary: Diary, patient: str) -> Sequence[dict[str, Any]]:
    return [
        *(_count(e, patient) for e in diary.entries),
        *(_photo(p, patient) for p in diary.photos),
        *(_treatment(t, patient) for t in diary.treatments),
        *(_product(p, patient) for p in diary.products),
        *(_condition(d, patient) for d in diary.diagnoses),
        *(_assessment(a, patient) for a in diary.assessments),
    ]


def diary_fhir_bundle(diary: Diary) -> dict[str, Any]:
    """Return the whole diary as a validated FHIR R4 ``Bundle`` (JSON-ready dict).

    Parameters
    ----------
    diary : Diary
        From :func:`milia.api.export.load_diary`.

    Returns
    -------
    dict
        A collection Bundle: an anonymous Patient and the records as Observations
        (counts, photo counts, products), MedicationStatements or Procedures
        (treatments), Conditions (diagnoses) and RiskAssessments (assessments).

    Raises
    ------
    StorageError
        If the Bundle does not validate (a bug; never expected).
    """
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    patient = f"urn:uuid:{uuid.uuid4()}"
    resources = [{"resourceType": "Patient", "id": "patient"}, *_resources(diary, patient)]
    full_urls = [patient] + [f"urn:uuid:{uuid.uuid4()}" for _ in resources[1:]]
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
