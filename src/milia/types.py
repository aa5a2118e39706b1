"""Small frozen value types shared by every layer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["EVIDENCE_LEVELS", "Code", "EvidenceLevel"]

EvidenceLevel = Literal[
    "systematic_review",
    "review",
    "case_series",
    "case_report",
    "animal_study",
    "regulatory",
    "expert_opinion",
    "patient_education",
    "expert_estimate",
]
"""Strength of evidence, roughly strongest first.

``animal_study`` covers rabbit-ear comedogenicity assays; ``expert_estimate``
marks a model parameter set by the milia team, not taken from a source.
"""

EVIDENCE_LEVELS: tuple[str, ...] = EvidenceLevel.__args__  # type: ignore[attr-defined]


class Code(BaseModel):
    """A code in a clinical code system, with where it was verified.

    Parameters
    ----------
    system : str
        ``"SNOMED CT"``, ``"ICD-10-CM"``, ``"ICD-11"`` …
    code : str
        The code itself.
    display : str
        Its display name in that system.
    sources : list of str
        Bibliography ids that state this code.
    status : str
        ``"verified"`` or ``"conflicting"`` (sources disagree).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    system: str
    code: str
    display: str = ""
    sources: tuple[str, ...] = ()
    status: Literal["verified", "conflicting", "secondary_source"] = "verified"
    note: str = ""
