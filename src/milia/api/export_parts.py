"""What the CSV and FHIR exports say about a photo, a product and a treatment.

Shared by :mod:`milia.api.export` (CSV) and :mod:`milia.api.export_fhir`, so both
exports describe each record in the same words.

Each function takes one stored record's data: ``result`` is a stored assessment or
ingredient check (its contract's dict), ``analysis`` a stored photo analysis (the
photo contract), ``product`` a stored product and ``what`` a treatment's words; each
returns the words or numbers its summary line names and raises nothing (missing
fields read as unknown).
"""

from __future__ import annotations

from typing import Any

import milia
from milia.engine.presentation import percent_shown
from milia.errors import MiliaError
from milia.storage.tables import ProductCheck

__all__ = [
    "ASSESSMENT_METHOD",
    "CONDITION_TEXT",
    "PHOTO_METHOD",
    "assessment_details",
    "assessment_summary",
    "assessment_top",
    "photo_details",
    "photo_milia_by_region",
    "photo_reliable",
    "product_details",
    "product_label",
    "treatment_ingredients",
]

#: How a recorded diagnosis reads (the only condition the diary records is milia).
CONDITION_TEXT = {"milia": "milia"}

#: The method of a photo count, in both exports.
PHOTO_METHOD = (
    "automated photo analysis by milia (a screening aid that counts and measures; "
    "it does not diagnose)"
)


#: How an assessment was made, in both exports.
ASSESSMENT_METHOD = (
    "decision-support assessment by milia from what the person described "
    "(supports decisions; it does not diagnose)"
)


def assessment_top(result: dict[str, Any], *, n: int = 3) -> list[tuple[str, float]]:
    """The ``n`` most likely conditions of a stored assessment: (name, probability 0-1)."""
    out: list[tuple[str, float]] = []
    for item in (result.get("differential") or [])[:n]:
        name = str(item.get("name") or item.get("condition") or "?").replace("_", " ")
        out.append((name, float(item.get("probability") or 0.0)))
    return out


def assessment_summary(result: dict[str, Any]) -> str:
    """One line: what the assessment found most consistent, and how soon to see a doctor."""
    level = str((result.get("triage") or {}).get("level") or "unknown").replace("_", " ")
    top = assessment_top(result, n=1)
    found = (
        f"most consistent with {top[0][0]} ({percent_shown(top[0][1], decimals=0)})"
        if top
        else "no differential"
    )
    return f"assessment: {found}; triage {level}"


def assessment_details(result: dict[str, Any]) -> str:
    """The triage level with its reasons, the red flags, the top three and the knowledge version."""
    triage = result.get("triage") or {}
    level = str(triage.get("level") or "unknown").replace("_", " ")
    reasons = [str(r.get("text") or r.get("id") or r) if isinstance(r, dict) else str(r)
               for r in triage.get("reasons") or []]  # fmt: skip
    flags = [str(f.get("id")) for f in result.get("red_flags") or []]
    top = ", ".join(f"{name} {percent_shown(p, decimals=0)}" for name, p in assessment_top(result))
    text = f"{ASSESSMENT_METHOD}; triage {level}"
    if reasons:
        text += " (" + "; ".join(reasons) + ")"
    text += "; red flags: " + (", ".join(flags) if flags else "none")
    text += f"; most consistent: {top or 'none'}"
    version = result.get("knowledge_version")
    return text + (f"; knowledge {version}" if version else "")


def photo_milia_by_region(analysis: dict[str, Any]) -> dict[str, int]:
    """Milia-like findings of a photo analysis by region (every region of the analysis).

    ``counts.by_region`` counts every finding, inflamed ones too; a diary count is of
    milia, so the regions are counted again from the milia-like ``lesions``.
    """
    counts = analysis.get("counts") or {}
    out = dict.fromkeys(counts.get("by_region") or {}, 0)
    for lesion in analysis.get("lesions") or []:
        if lesion.get("kind") == "milia_like":
            region = str(lesion.get("region", "other"))
            out[region] = out.get(region, 0) + 1
    return out


def photo_reliable(analysis: dict[str, Any]) -> bool:
    """Whether the analysis calls its counts reliable (older analyses: no quality code)."""
    reliable = analysis.get("counts_reliable")
    if reliable is None:
        return not analysis.get("quality")
    return bool(reliable)


def photo_details(analysis: dict[str, Any]) -> str:
    """One line: the method and version, the scale's source, whether counts are reliable."""
    version = analysis.get("analysis_version") or "unknown version"
    scale = (analysis.get("image") or {}).get("scale_source") or "none"
    quality = ", ".join(str(code) for code in analysis.get("quality") or [])
    if photo_reliable(analysis):
        verdict = "counts reliable"
    else:
        verdict = "counts NOT reliable (bumps may be missed; 0 does not mean none)"
    if quality:
        verdict += f"; photo quality: {quality}"
    return f"{PHOTO_METHOD}, {version}; scale: {scale}; {verdict}"


def product_label(product: ProductCheck) -> str:
    """The product's name, or what it is when it has none."""
    return product.name or "product without a name"


def product_details(result: dict[str, Any]) -> str:
    """The check's milia risk and its flagged ingredients, in one line."""
    summary = result.get("summary") or {}
    risk = summary.get("milia_risk") or "unknown"
    flags = [
        f"{flag.get('inci')} ({flag.get('category')}, {flag.get('effect')})"
        for flag in result.get("flags") or []
    ]
    text = f"ingredient check: milia risk {risk}"
    if flags:
        text += "; flagged: " + ", ".join(dict.fromkeys(flags))
    if summary.get("unrecognized"):
        text += f"; {summary['unrecognized']} ingredient(s) not recognised"
    version = result.get("knowledge_version")
    return text + (f"; knowledge {version}" if version else "")


def treatment_ingredients(what: str) -> list[str]:
    """The INCI names the ingredient data recognises in a treatment's words.

    ``'adapalene 0.1 %'`` -> ``['ADAPALENE']``; ``'laser'`` or ``'extraction by a
    dermatologist'`` -> ``[]``. The export calls a treatment with recognised
    ingredients a medicine (FHIR MedicationStatement), any other a procedure.
    """
    try:
        result = milia.check_ingredients(what)
    except MiliaError:  # words that are no ingredient list at all: a procedure
        return []
    names = [
        str(item["inci"]) for item in result["ingredients"] if item["recognized"] and item["inci"]
    ]
    return list(dict.fromkeys(names))
