"""Request and response bodies of the diary and account API (pydantic v2).

The assessment, ingredient check and photo analysis bodies are the core's
contracts (``/work/shared/spec``) and pass through unchanged; only the
diary's own records are modelled here. Pages validate their forms with the
same models, so a count means the same thing everywhere. The ``*_out`` functions
turn one stored row into its response model.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from rapidfuzz import process

from milia.api.contracts import AdviceOut
from milia.api.diary_advice import treatment_advice
from milia.api.errors import suggesting
from milia.engine.case_suggest import boolean_suggestion
from milia.ingredients.text import EMPTY_LIST, has_words
from milia.storage.tables import DiaryEntry, Photo, ProductCheck, Treatment

__all__ = [
    "DIARY_REGIONS",
    "DiagnosisIn",
    "EntryIn",
    "EntryOut",
    "IngredientCheckIn",
    "PhotoOut",
    "ProductIn",
    "ProductOut",
    "SignupIn",
    "TokenOut",
    "TreatmentIn",
    "TreatmentOut",
    "UserOut",
    "diary_date",
    "entry_out",
    "photo_out",
    "product_out",
    "treatment_out",
]

# The photo analysis' regions, then the case format's sites, so a diary count can
# be copied from a photo or written by hand with the words of the interview.
PHOTO_REGIONS = ("eyelids", "forehead", "nose", "cheeks", "chin_mouth", "other")
CASE_SITES = (
    "under_eyes", "nasal_crease", "temples", "chin", "upper_lip", "nasolabial_folds",
    "lips_vermilion", "palate", "gums", "buccal_mucosa", "ears", "behind_ears", "scalp",
    "neck", "chest", "back", "abdomen", "axillae", "arms", "back_of_hands", "palms_soles",
    "legs", "knees", "feet", "genitals", "areola",
)  # fmt: skip
DIARY_REGIONS: tuple[str, ...] = PHOTO_REGIONS + CASE_SITES

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)
_EARLIEST = dt.date(1900, 1, 1)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def _plausible_date(value: dt.date, *, name: str, future_days: int) -> dt.date:
    """Refuse dates no diary can mean (year 1 or 2999 are typos, not records)."""
    latest = dt.date.today() + dt.timedelta(days=future_days)
    if not _EARLIEST <= value <= latest:
        raise ValueError(
            f"{name} {value.isoformat()} is outside {_EARLIEST.isoformat()}..{latest.isoformat()}; "
            "check the year"
        )
    return value


def diary_date(value: dt.date, *, name: str) -> dt.date:
    """A diary record's date: 1900-01-01 up to tomorrow (any time zone's today), else ValueError.

    The rule of every diary record (counts, treatments, diagnoses, photos).

    Parameters
    ----------
    value : datetime.date
        The date given.
    name : str
        The field the message names.

    Returns
    -------
    datetime.date
        ``value``.

    Raises
    ------
    ValueError
        If it is before 1900-01-01 or after tomorrow ("check the year").
    """
    return _plausible_date(value, name=name, future_days=1)


def _invalid(field: str, message: str) -> PydanticCustomError:
    """A model-level error that still names its field (``ctx["field"]``, see errors.py)."""
    return PydanticCustomError("value_error", message, {"field": field})


class SignupIn(BaseModel):
    """``POST /api/v1/auth/signup``."""

    model_config = _STRICT
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=8, max_length=1024)

    @field_validator("email")
    @classmethod
    def _looks_like_an_address(cls, value: str) -> str:
        # said in words, not as the pattern it is checked with (QA F11-08)
        if not _EMAIL.fullmatch(value):
            raise ValueError("give an e-mail address such as name@example.org")
        return value


class TokenOut(BaseModel):
    """The OAuth2 password flow's answer."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"


class UserOut(BaseModel):
    """An account as shown to its owner."""

    id: int
    email: str


class EntryIn(BaseModel):
    """A diary count: ``{"date", "count", "by_region", "notes"}``.

    ``count`` may be left out when ``by_region`` is given (it is then their sum,
    and :attr:`total_counted` is False: a count of those regions only, not of the
    face); when both are given the regions may not add up to more than
    the total.
    """

    model_config = _STRICT
    date: dt.date
    count: StrictInt | None = Field(default=None, ge=0, le=100_000)
    by_region: dict[str, StrictInt] = Field(default_factory=dict)
    notes: str = Field(default="", max_length=5000)
    _total_counted: bool = PrivateAttr(default=True)

    @property
    def total_counted(self) -> bool:
        """False when no total was given, only counts by region."""
        return self._total_counted

    @field_validator("date")
    @classmethod
    def _date_in_range(cls, value: dt.date) -> dt.date:
        return _plausible_date(value, name="date", future_days=1)

    @field_validator("by_region")
    @classmethod
    def _known_regions(cls, value: dict[str, int]) -> dict[str, int]:
        for region, n in value.items():
            if region not in DIARY_REGIONS:
                best = process.extractOne(region, DIARY_REGIONS)
                meant = str(best[0]) if best and best[1] >= 60 else None
                hint = f"; did you mean {meant!r}?" if meant else ""
                raise suggesting(
                    f"unknown region {region!r}{hint} Regions: {', '.join(DIARY_REGIONS)}",
                    meant,
                )
            if not 0 <= n <= 100_000:
                raise ValueError(f"the count for {region!r} must be between 0 and 100000")
        return value

    @model_validator(mode="after")
    def _total_covers_regions(self) -> EntryIn:
        regional = sum(self.by_region.values())
        if self.count is None:
            if not self.by_region:
                raise _invalid("count", "give a total count, or counts by region")
            self.count = regional
            self._total_counted = False
        elif regional > self.count:
            raise _invalid(
                "by_region",
                f"the counts by region add up to {regional}, more than the total {self.count}; "
                "raise the total or correct the regions",
            )
        return self


class EntryOut(BaseModel):
    """A stored diary entry."""

    id: int
    date: dt.date
    count: int
    by_region: dict[str, int]
    notes: str
    total_counted: bool = Field(
        default=True,
        description="false when only the regions were counted: count is their sum, not a total",
    )


class TreatmentIn(BaseModel):
    """A treatment: what, and from and to when (``to`` empty while it goes on)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)
    what: str = Field(min_length=1, max_length=300)
    started: dt.date = Field(alias="from")
    ended: dt.date | None = Field(default=None, alias="to")
    notes: str = Field(default="", max_length=5000)

    @model_validator(mode="after")
    def _ordered(self) -> TreatmentIn:
        _plausible_date(self.started, name="from", future_days=366)
        if self.ended is not None:
            _plausible_date(self.ended, name="to", future_days=366 * 5)
        if self.ended is not None and self.ended < self.started:
            raise _invalid("to", "'to' is before 'from'; swap the dates")
        return self


class TreatmentEndIn(BaseModel):
    """``PATCH /diary/treatments/{id}``: the day a treatment ended (``null``: it goes on)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    ended: dt.date | None = Field(alias="to")

    @field_validator("ended")
    @classmethod
    def _plausible(cls, value: dt.date | None) -> dt.date | None:
        if value is not None:
            _plausible_date(value, name="to", future_days=366 * 5)
        return value


class TreatmentOut(BaseModel):
    """A stored treatment (``from``/``to`` in JSON).

    ``advice``: when its words name squeezing, popping or extracting the bumps, the
    knowledge base's advice against extracting at home, with its sources;
    a steroid, or a cream on a baby, its cited line; the treatment is
    stored as written all the same.
    """

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)
    id: int
    what: str
    started: dt.date = Field(serialization_alias="from")
    ended: dt.date | None = Field(serialization_alias="to")
    notes: str
    advice: list[AdviceOut] = Field(
        default_factory=list,
        description="advice about what it names (home extraction, a steroid, a cream on a baby), sourced",
    )


class IngredientCheckIn(BaseModel):
    """``POST /api/v1/ingredients/check`` (the ingredient contract's inputs)."""

    model_config = ConfigDict(extra="forbid")
    text: StrictStr = Field(max_length=200_000)
    name: StrictStr | None = Field(default=None, max_length=300)
    product_type: StrictStr | None = None
    leave_on: bool | None = None

    @field_validator("leave_on", mode="before")
    @classmethod
    def _strict_leave_on(cls, value: object) -> object:
        # as milia.check_ingredients: "yes", "no", 0 and 1 are refused, not coerced
        if value is not None and not isinstance(value, bool):
            raise suggesting(
                "must be true, false or null (leave it out to infer it)",
                boolean_suggestion(value),
            )
        return value

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not has_words(value):
            raise ValueError(f'{EMPTY_LIST}, for example "Aqua, Glycerin, Petrolatum"')
        return value


class ProductIn(IngredientCheckIn):
    """``POST /api/v1/diary/products``: check a product and keep it in the diary."""


class ProductOut(BaseModel):
    """A stored product with its check."""

    id: int
    name: str
    text: str
    result: dict[str, Any]
    created_at: dt.datetime


class DiagnosisIn(BaseModel):
    """A diagnosis given by a clinician, recorded by the user."""

    model_config = _STRICT
    condition: Literal["milia"] = "milia"
    diagnosed_on: dt.date
    clinician: str = Field(default="", max_length=300)
    notes: str = Field(default="", max_length=5000)

    @field_validator("diagnosed_on")
    @classmethod
    def _date_in_range(cls, value: dt.date) -> dt.date:
        return _plausible_date(value, name="diagnosed_on", future_days=1)


class PhotoOut(BaseModel):
    """A stored photo's id, date and analysis (the image itself has its own URL)."""

    id: int
    taken_on: dt.date
    analysis: dict[str, Any]
    image_url: str
    overlay_url: str | None
    taken_on_note: str | None = Field(
        default=None,
        description="on upload, how taken_on was chosen when not given: the photo's camera "
        "date (EXIF DateTimeOriginal, the date only) or the upload day; null otherwise",
    )


def entry_out(entry: DiaryEntry) -> EntryOut:
    """Serialise a stored entry."""
    return EntryOut(
        id=entry.id,
        date=entry.date,
        count=entry.count,
        by_region={r.region: r.count for r in entry.regions},
        notes=entry.notes,
        total_counted=entry.total_counted,
    )


def treatment_out(treatment: Treatment) -> TreatmentOut:
    """Serialise a stored treatment."""
    return TreatmentOut(
        id=treatment.id,
        what=treatment.what,
        started=treatment.started,
        ended=treatment.ended,
        notes=treatment.notes,
        advice=[AdviceOut(**item) for item in treatment_advice(treatment.what, treatment.notes)],
    )


def product_out(product: ProductCheck) -> ProductOut:
    """Serialise a stored product."""
    return ProductOut(
        id=product.id,
        name=product.name,
        text=product.text,
        result=product.result,
        created_at=product.created_at,
    )


def photo_out(photo: Photo, *, prefix: str = "/api/v1/diary/photos") -> PhotoOut:
    """Serialise a stored photo, with the URLs of its image and overlay.

    Parameters
    ----------
    photo : Photo
        The stored photo.
    prefix : str, optional
        The path its URLs start with (the API's photos).

    Returns
    -------
    PhotoOut
        ``overlay_url`` None when it has no overlay.
    """
    return PhotoOut(
        id=photo.id,
        taken_on=photo.taken_on,
        analysis=photo.analysis,
        image_url=f"{prefix}/{photo.id}",
        overlay_url=f"{prefix}/{photo.id}/overlay" if photo.overlay_png else None,
    )
