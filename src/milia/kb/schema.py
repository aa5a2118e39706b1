"""Typed records of the knowledge base.

Every record is a frozen pydantic model that forbids unknown keys, so a typo
in a YAML file fails loudly instead of being ignored. Each record carries a
stable ``id``, the bibliography ids it rests on (``sources``) and the
strength of that evidence (``evidence``, an :data:`milia.types.EvidenceLevel`).

Descriptive fields are :class:`Fact` objects -- a sentence with its own
sources -- so every sentence shown to a user can be traced to where it came
from. Wording rule: facts describe findings as "consistent with", never
"you have".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from milia.types import Code, EvidenceLevel

__all__ = [
    "EVIDENCE_RANK",
    "Claim",
    "Condition",
    "Fact",
    "MiliaType",
    "Record",
    "Source",
    "SourceKind",
    "Syndrome",
    "Treatment",
    "Trigger",
]

SourceKind = Literal[
    "review",
    "case_report",
    "case_series",
    "patient_education",
    "reference",
    "regulatory",
    "animal_study",
    "database",
    "expert_opinion",
    "study",
]

EVIDENCE_RANK: dict[str, int] = {
    "systematic_review": 8,
    "review": 7,
    "case_series": 6,
    "case_report": 5,
    "animal_study": 4,
    "regulatory": 3,
    "expert_opinion": 2,
    "patient_education": 1,
    "expert_estimate": 0,
}
"""Rough order of strength used to sort and to cap claims; higher is stronger."""

_ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """One entry of ``bibliography.yaml``.

    ``evidence`` is the strongest level a claim that cites only this source
    may carry. Fields that could not be verified are absent and ``note``
    says so.
    """

    id: str = Field(pattern=_ID_PATTERN)
    title: str = ""
    authors: tuple[str, ...] = ()
    venue: str = ""
    year: int | None = Field(default=None, ge=1800, le=2100)
    volume_pages: str = ""
    doi: str = ""
    url: str = ""
    kind: SourceKind
    evidence: EvidenceLevel
    cited_sources: tuple[str, ...] = ()
    """Bibliography ids this source itself cites (e.g. the papers the Verywell article cites)."""
    note: str = ""

    def label(self) -> str:
        """Short human-readable citation, e.g. ``"Berk DR et al. J Am Acad Dermatol 2008"``."""
        who = ""
        if self.authors:
            who = self.authors[0] + (" et al." if len(self.authors) > 1 else "")
        parts = [p for p in (who, self.venue, str(self.year or "")) if p]
        short = " ".join(parts) if parts else self.id
        return f"{self.title} ({short})" if self.title else short

    def citation(self) -> dict[str, object]:
        """Return a JSON-ready citation (id, label, title, venue, year, doi, url, evidence)."""
        return {
            "id": self.id,
            "label": self.label(),
            "title": self.title or None,
            "authors": list(self.authors),
            "venue": self.venue,
            "year": self.year,
            "doi": self.doi or None,
            "url": self.url or (f"https://doi.org/{self.doi}" if self.doi else None),
            "evidence": self.evidence,
            "note": self.note or None,
        }


class Fact(_Frozen):
    """One sourced sentence (what it is, how it looks, where, who, course…)."""

    text: str = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: EvidenceLevel


class Record(_Frozen):
    """Fields every top-level record shares."""

    id: str = Field(pattern=_ID_PATTERN)
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: EvidenceLevel
    note: str = ""


class Condition(Record):
    """One of the 23 conditions of the case format (milia and its look-alikes)."""

    name: str
    synonyms: tuple[str, ...] = ()
    what_it_is: Fact
    appearance: Fact
    sites: Fact
    who: Fact
    course: Fact
    differs_from_milia: Fact
    codes: tuple[Code, ...] = ()


class Trigger(_Frozen):
    """Something reported to cause or precede a milia type.

    ``case_finding`` names the matching value of the case format as
    ``"<key>.<value>"`` (e.g. ``"medications.isotretinoin"``) when one exists.
    """

    id: str = Field(pattern=_ID_PATTERN)
    name: str
    kind: Literal["trauma", "medication", "disease", "product", "inherited"]
    case_finding: str = ""
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: EvidenceLevel
    note: str = ""


class Syndrome(_Frozen):
    """A syndrome reported with milia; ``case_finding`` links the case format."""

    id: str = Field(pattern=_ID_PATTERN)
    name: str
    features: str = ""
    case_finding: str = ""
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: EvidenceLevel


class MiliaType(Record):
    """One of the 8 milia types of the case format."""

    name: str
    group: Literal["primary", "secondary"]
    defining_features: Fact
    who: Fact
    sites: Fact
    course: Fact
    causes: Fact | None = None
    triggers: tuple[Trigger, ...] = ()
    associated_syndromes: tuple[Syndrome, ...] = ()


class Claim(Record):
    """A single claim, with the literature that confirms or contradicts it.

    ``sources`` are the sources that make the claim (for the Verywell
    article's claims, ``verywell_overview``); ``confirming_sources`` and
    ``contradicting_sources`` are the literature checked against it, and
    ``verdict`` sums up that check at its real strength.
    """

    topic: str = Field(pattern=_ID_PATTERN)
    statement: str = Field(min_length=1)
    origin: Literal["verywell_overview", "literature"]
    verdict: Literal["supported", "partly_supported", "contradicted", "not_confirmed"]
    confirming_sources: tuple[str, ...] = ()
    contradicting_sources: tuple[str, ...] = ()
    literature_evidence: EvidenceLevel | None = None
    """Strength of the confirming literature (``None`` when nothing confirms it)."""
    related: tuple[str, ...] = ()
    """Ids of other records (claims, conditions, types, treatments) this claim bears on."""


class Treatment(Record):
    """A treatment, a caution or a preventive measure.

    ``setting`` says who does it: ``none`` (wait), ``self_care`` (at home),
    ``prescription`` (prescribed, applied at home) or ``professional``
    (done by a clinician). ``at_home`` is ``False`` for anything that must
    never be tried at home.
    """

    name: str
    category: Literal[
        "waiting", "topical", "procedure", "systemic", "underlying_cause", "caution", "prevention"
    ]
    setting: Literal["none", "self_care", "prescription", "professional"]
    at_home: bool
    applies_to: tuple[str, ...] = Field(min_length=1)
    """Milia type ids, or ``"all"``."""
    summary: Fact
    details: tuple[Fact, ...] = ()
    counter_evidence: tuple[Fact, ...] = ()
    """Sourced statements that weigh against the measure or the claim behind it."""
    trials_found: bool = False
