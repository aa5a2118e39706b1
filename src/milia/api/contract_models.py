"""The ingredient-check and photo-analysis answers as OpenAPI sees them (QA F9-C06).

``POST /api/v1/ingredients/check`` and ``POST /api/v1/photos/analyze`` answer
exactly what :func:`milia.check_ingredients` and :func:`milia.analyze_photo`
return (``shared/spec/ingredients-format.md`` and ``photo-format.md``). These
models mirror the two contracts' tables, plus the fields the core adds beside
them, for the OpenAPI document and the clients generated from it. Every model
allows extra fields (``extra="allow"``): the contracts let a result carry more
than their tables, and a client must not reject it.

As :class:`milia.api.contracts.AssessmentOut`, they document the answer and are
not used to rebuild it on each request (the answer is encoded once with
orjson, unchanged); ``tests/unit/api/test_contract_models.py`` checks real
answers against the OpenAPI document's schemas.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["IngredientCheckOut", "PhotoAnalysisOut"]

_OPEN = ConfigDict(extra="allow")


# -- the ingredient check ---------------------------------------------------------
class IngredientMatchOut(BaseModel):
    """How an ingredient's name was found."""

    model_config = _OPEN
    method: str = Field(
        description="exact, synonym, completion, variant, joined, split, fuzzy, ambiguous or none"
    )
    score: float = Field(description="match score, 0-100")
    candidate: str | None = Field(default=None, description="fuzzy: the best candidate name")
    candidates: list[str] | None = Field(
        default=None, description="ambiguous: CosIng names it could mean (at most 10)"
    )
    candidates_total: int | None = Field(default=None, description="ambiguous: how many in all")
    partial: bool | None = Field(
        default=None,
        description="fuzzy: the match adds words to the name as written (a guess at a "
        "truncated name)",
    )
    tied: list[str] | None = Field(
        default=None,
        description="fuzzy: names exactly as close as the one taken, it first (an issue "
        "'fuzzy_tie' says so)",
    )


class IngredientOut(BaseModel):
    """One ingredient, in label order."""

    model_config = _OPEN
    position: int = Field(ge=1, description="1-based, label order (running on across a kit)")
    text: str = Field(description="as written")
    inci: str | None = Field(description="canonical INCI name, or null when not recognised")
    recognized: bool
    percent: float | None = Field(description="percent printed beside it, else null")
    may_contain: bool = Field(description="listed after 'may contain' / '+/-'")
    match: IngredientMatchOut | None = None
    percent_below: float | None = Field(
        default=None, description="an upper bound printed as '<1%' (percent is then null)"
    )


class IngredientFlagOut(BaseModel):
    """Why an ingredient matters for milia, with its evidence and sources."""

    model_config = _OPEN
    inci: str
    category: str = Field(
        description="occlusive, comedogenic, corticosteroid, fluorouracil, retinoid, "
        "alpha_hydroxy_acid, beta_hydroxy_acid, fatty_alcohol, ..."
    )
    effect: Literal["risk", "benefit", "anomaly"]
    weight: float = Field(ge=0, le=1)
    evidence: str = Field(description="what the evidence is, at its real strength")
    sources: list[str] = Field(description="bibliography ids")
    position: int | None = Field(
        default=None, description="the ingredient's position; null for prose around the list"
    )
    shown_as: Literal["risk", "benefit", "anomaly", "note"] | None = None
    rating: int | None = Field(default=None, description="comedogenic: the 0-5 rating")
    rating_source: str | None = Field(default=None, description="comedogenic: its source")


class ClaimOut(BaseModel):
    """A claim the product's name or text makes, checked against the list."""

    model_config = _OPEN
    claim: str = Field(description="oil_free or non_comedogenic")
    consistent: bool
    why: str
    sources: list[str] = Field(default_factory=list)


class IngredientSummaryOut(BaseModel):
    """The product's milia risk and why."""

    model_config = _OPEN
    milia_risk: Literal["low", "moderate", "high"]
    why: list[str]
    unrecognized: int = Field(ge=0)
    ambiguous: int | None = Field(default=None, ge=0, description="of the unrecognised")
    risk_known: bool | None = Field(
        default=None, description="false when no ingredient could be read"
    )
    incomplete: bool | None = Field(
        default=None,
        description="true when more than half of the ingredients could not be read: the "
        "level rests on the few read",
    )
    sources: list[str] = Field(
        default_factory=list,
        description="bibliography ids of the notes in why that are not a flag's or a "
        "claim's (a product type's or an audience's note); GET /api/v1/sources/{id} reads one",
    )


class IssueOut(BaseModel):
    """A problem met while reading the list."""

    model_config = _OPEN
    code: str
    message: str


class IngredientCheckOut(BaseModel):
    """The ingredient check (``shared/spec/ingredients-format.md``, version 1)."""

    model_config = _OPEN
    ingredients: list[IngredientOut]
    flags: list[IngredientFlagOut]
    claims: list[ClaimOut]
    summary: IngredientSummaryOut
    issues: list[IssueOut]
    knowledge_version: str


# -- the photo analysis --------------------------------------------------------------
_BOX = "[row0, col0, row1, col1], pixels of the upright image"


class PhotoImageOut(BaseModel):
    """The image's size and scale."""

    model_config = _OPEN
    width: int = Field(description="px")
    height: int = Field(description="px")
    mm_per_pixel: float | None
    scale_source: Literal["given", "face", "eye", "none"]
    scale_relative_uncertainty: float | None = None


class RegionCountsOut(BaseModel):
    """Counts of findings, in all and by region."""

    model_config = _OPEN
    milia_like: int = Field(ge=0)
    inflamed: int = Field(ge=0)
    by_region: dict[str, int] = Field(
        description="eyelids, forehead, nose, cheeks, chin_mouth, other"
    )


class FaceOut(BaseModel):
    """The face found (the largest, when several)."""

    model_config = _OPEN
    box: list[float] = Field(description=_BOX)
    eyes: list[list[float]] = Field(description="boxes of the eyes found, " + _BOX)


class FaceCountsOut(FaceOut):
    """One of the faces found, with its own counts."""

    counts: RegionCountsOut


class LesionOut(BaseModel):
    """One finding."""

    model_config = _OPEN
    row: float = Field(description="centre, px of the upright image")
    col: float = Field(description="centre, px of the upright image")
    diameter_px: float
    diameter_mm: float | None = Field(description="null without a scale")
    kind: Literal["milia_like", "inflamed"]
    confidence: float = Field(ge=0, le=1)
    region: str = Field(description="eyelids, forehead, nose, cheeks, chin_mouth or other")


class ItaOut(BaseModel):
    """The skin tone: individual typology angle and its group."""

    model_config = _OPEN
    degrees: float
    group: str


class PhotoAnalysisOut(BaseModel):
    """The photo analysis (``shared/spec/photo-format.md``, version 1)."""

    model_config = _OPEN
    image: PhotoImageOut
    face: FaceOut | None
    lesions: list[LesionOut]
    counts: RegionCountsOut
    quality: list[str] = Field(description="warnings: too dark, blurred, no face found, ...")
    analysis_version: str
    faces: list[FaceCountsOut] | None = None
    quality_details: list[str] | None = Field(default=None, description="sentences: what to do")
    quality_measures: dict[str, float | None] | None = Field(
        default=None, description="the measures the quality warnings come from (null: not measured)"
    )
    counts_reliable: bool | None = Field(
        default=None, description="false when the photo is too poor for a clean count"
    )
    ita: ItaOut | None = None
    disclaimer: str | None = None
