"""Next questions: the findings not given that would most change the result.

"The result" is the differential and the triage level (what to do, how soon); the
order is lexicographic (session 13, audit A12-08; the contract's ``next_questions``):

1. answers that could change the triage level, most urgent first: a baby's wellbeing
   (an unwell baby is urgent), an unknown age (every baby rule needs it), then the
   findings a red flag reads (:mod:`milia.engine.raising`), an answer that could do
   it alone before one that needs others; each says so in its ``reason``
   ("safety: ..."). A missed urgent sign costs far more than a question asked early,
   so these are ordered by the largest change they could make, not by its chance;
2. then the rest by expected information gain (EIG) about the differential.

For a question with answers ``v`` the EIG is the entropy of the current
differential minus the expected entropy after the answer,
``H(post) - sum_v P(v) H(post | v)`` with ``P(v) = sum_c post(c) P(v | c)``, in
bits; every item carries it (``expected_information_gain``). All candidate
questions are evaluated at once from one matrix of ``P(value | condition)`` (rows
grouped by field). Age is a question too when unknown: its "likelihood" is the
prior of each age band. A question's ``field`` is the case key its answer fills
(:data:`CASE_KEYS`: the age question's is ``age_years``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache, cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.case import CATEGORICAL_FIELDS, LIST_FIELDS
from milia.engine.model import CompiledModel
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = [
    "AGE_REASON",
    "CASE_KEYS",
    "SAFETY_REASON",
    "QuestionTable",
    "offered_options",
    "question_name",
    "question_table",
    "raise_reason",
]

FloatArray = npt.NDArray[np.float64]
_LN2 = float(np.log(2.0))
# under 2 years, counted as the knowledge base counts age_years (x 365.25 days)
_BABY_DAYS = 2 * 365.25
SAFETY_REASON = "safety: an unwell baby needs a doctor today"
#: The case key a question's answer fills, where the question's own name is not one
#: (session 13, audit A12-08): the contract's ``field`` is a case key. The age question
#: (answer type ``age``: "34", "5 days", "8 months") fills ``age_years``, or for a baby
#: ``age_days`` (case-format.md: "use for babies").
CASE_KEYS: Mapping[str, str] = {"age": "age_years"}
_NAMES = {"age_years": "age", "age_days": "age"}


def question_name(field: str) -> str:
    """The question (``questions.yaml`` name) whose answer fills case key ``field``."""
    return _NAMES.get(field, field)


AGE_REASON = "safety: the advice and triage for a baby differ from a child's or an adult's"


def _xlogx(x: FloatArray) -> FloatArray:
    result: FloatArray = x * np.log(np.maximum(x, 1e-300))
    return result


@dataclass(frozen=True, eq=False)
class QuestionTable:
    """Precomputed matrices for the EIG of every candidate question."""

    fields: tuple[str, ...]
    probs: FloatArray  # (Q, C): P(value | class), rows grouped by field
    starts: npt.NDArray[np.intp]  # first row of each field's group
    probs_log_probs: FloatArray  # (Q, C): P log P
    age_prior: FloatArray  # (B, C): mix_b * P(c | b) / P(c | unknown age)
    age_prior_log: FloatArray  # (B, C): age_prior * log(age_prior)
    wording: Mapping[str, str]
    options: Mapping[str, dict[str, Any]]
    type_probs: FloatArray  # (Q, T): P(value | milia, type); empty without a mixture
    mixture_class: int
    # per field with age-specific words: (baby wording, below days, older wording, from days)
    age_wording: Mapping[str, tuple[str, float, str, float]] = dataclass_field(default_factory=dict)

    def gains(self, post: FloatArray, types: FloatArray | None = None) -> FloatArray:
        """EIG in bits of each field in :attr:`fields` (and age last), shape (..., G + 1).

        With ``j_vc = post_c P(v | c)``: ``sum_c j log j = P @ (post log post)
        + (P log P) @ post``, so everything is a matrix product (fast in batch).
        ``types`` (..., T), the milia-type responsibilities, makes milia's
        column the mixture's predictive ``sum_t r_t P(v | milia, t)``.
        """
        post_log_post = _xlogx(post)
        h_post = -post_log_post.sum(axis=-1, keepdims=True)
        pv = post @ self.probs.T  # (..., Q)
        sum_jlogj = post_log_post @ self.probs.T + post @ self.probs_log_probs.T
        if types is not None and self.mixture_class >= 0:
            # milia's column becomes the mixture's predictive: a rank-one correction
            m = self.mixture_class
            pm = post[..., m : m + 1]
            milia = types @ self.type_probs.T  # (..., Q)
            delta = milia - self.probs[:, m]
            pv = pv + pm * delta
            sum_jlogj = (
                sum_jlogj
                + post_log_post[..., m : m + 1] * delta
                + pm * (_xlogx(milia) - self.probs_log_probs[:, m])
            )
        per_row = _xlogx(pv) - sum_jlogj  # pv * H(post | v)
        gains = h_post - np.add.reduceat(per_row, self.starts, axis=-1)
        pb = post @ self.age_prior.T
        age_jlogj = post_log_post @ self.age_prior.T + post @ self.age_prior_log.T
        age_h = (_xlogx(pb) - age_jlogj).sum(axis=-1, keepdims=True)
        result: FloatArray = np.maximum(np.concatenate([gains, h_post - age_h], axis=-1), 0.0)
        return result / _LN2

    def ranked(
        self,
        gains: FloatArray,
        case: Mapping[str, Any],
        age_days: float | None,
        *,
        limit: int = 5,
        min_gain: float = 0.005,
        raising: Sequence[tuple[str, int, bool]] = (),
    ) -> list[dict[str, Any]]:
        """The best ``limit`` questions about fields the case does not give (``raising``:
        see :meth:`ranked_fields`)."""
        return self.ranked_by(
            np.argsort(-gains).tolist(),
            gains.tolist(),
            case,
            age_days,
            limit=limit,
            min_gain=min_gain,
            raising=raising,
        )

    def ranked_by(
        self,
        order: list[int],
        values: list[float],
        case: Mapping[str, Any],
        age_days: float | None,
        *,
        limit: int = 5,
        min_gain: float = 0.005,
        raising: Sequence[tuple[str, int, bool]] = (),
    ) -> list[dict[str, Any]]:
        """:meth:`ranked` from the gains as a list and their order, best first."""
        return [
            self.item(field, gain, reason=reason, variant=self.variant(field, age_days))
            for field, gain, reason in self.ranked_fields(
                order, values, case, age_days, limit=limit, min_gain=min_gain, raising=raising
            )
        ]

    def ranked_fields(
        self,
        order: list[int],
        values: list[float],
        case: Mapping[str, Any],
        age_days: float | None,
        *,
        limit: int = 5,
        min_gain: float = 0.005,
        raising: Sequence[tuple[str, int, bool]] = (),
    ) -> list[tuple[str, float, str | None]]:
        """The questions of :meth:`ranked_by` as ``(field, gain, reason)``.

        Safety first: for a baby, whether the baby is unwell; an unknown age; then
        ``raising``, the fields not given whose answer could raise the triage level
        (``(field, level, alone)`` from :func:`milia.engine.raising.raising_fields`),
        most urgent first (QA F6-02, F6-20); at one level the answers that alone could
        raise it first (a crusted newborn's "spreading?", QA F9-14: one answer settles
        "see a doctor today", while an answer that needs others cannot), then by gain;
        each saying whether its answer alone could (QA F8-02); then the rest by gain.
        """
        names = (*self.fields, "age")
        known_age = "age_days" in case or "age_years" in case
        out: list[tuple[str, float, str | None]] = []
        if age_days is not None and age_days < _BABY_DAYS and "unwell" not in case:
            out.append(("unwell", 0.0, SAFETY_REASON))
        if not known_age:  # QA F2-63: every baby rule needs the age, whatever its gain
            out.append(("age", values[len(self.fields)], AGE_REASON))
        if raising:
            column = self.columns
            taken = {field for field, _, _ in out}
            ranked = sorted(
                (
                    (
                        -level,
                        -alone,
                        -(values[column[field]] if field in column else 0.0),
                        field,
                        alone,
                    )
                    for field, level, alone in raising
                    if field not in taken and field not in case and field in self.protos
                ),
            )
            for minus_level, _, minus_gain, field, alone in ranked:
                if len(out) >= limit:
                    return out
                out.append((field, -minus_gain, raise_reason(-minus_level, alone)))
        for g in order:
            field = names[g]
            if len(out) >= limit:
                break
            if values[g] < min_gain:
                break
            if field in case or field == "age":  # the age leads when unknown (above)
                continue
            if raising and any(field == f for f, _, _ in out):
                continue
            out.append((field, values[g], None))
        return out

    @cached_property
    def columns(self) -> dict[str, int]:
        """Each question field's column in :meth:`gains` (the age last)."""
        return {field: g for g, field in enumerate((*self.fields, "age"))}

    def variant(self, name: str, age_days: float | None) -> str:
        """Which wording of question ``name`` fits a person of ``age_days`` (days; None
        when unknown): ``"baby"`` under the field's ``baby_below_days``, ``"older"`` from
        its ``older_from_days`` (and when the age is unknown), else ``""`` (the plain
        ``question``). The same rule as the interview's (``questions.yaml``; QA F7-01:
        an adult was asked "Is the baby unwell?")."""
        spec = self.age_wording.get(name)
        if spec is None:
            return ""
        baby, below, older, from_days = spec
        if baby and age_days is not None and age_days < below:
            return "baby"
        if older and (age_days is None or age_days >= from_days):
            return "older"
        return ""

    def variants(self, name: str) -> tuple[str, ...]:
        """Every wording key of question ``name`` (``""`` first)."""
        spec = self.age_wording.get(name)
        if spec is None:
            return ("",)
        return ("", *(["baby"] if spec[0] else []), *(["older"] if spec[2] else []))

    def question_text(self, name: str, age_days: float | None) -> str:
        """The words of question ``name`` for a person of ``age_days`` (see :meth:`variant`)."""
        return str(self.head(name, self.variant(name, age_days))["question"])

    def item(
        self, field: str, gain: float, *, reason: str | None = None, variant: str = ""
    ) -> dict[str, Any]:
        """One question as a JSON-ready dict (wording from ``questions.yaml``; ``variant``
        from :meth:`variant`)."""
        item = self.head(field, variant)
        item["expected_information_gain"] = round(gain, 4)
        if reason is not None:
            item["reason"] = reason
        return item

    def head(self, field: str, variant: str = "") -> dict[str, Any]:
        """A question's fixed parts as a fresh dict, in output order, up to its gain
        (``variant``: an age wording of :meth:`variants`)."""
        proto = self.protos[field]
        if variant:
            spec = self.age_wording[field]
            return {**proto, "question": spec[0] if variant == "baby" else spec[2],
                    "options": [*proto["options"]]}  # fmt: skip
        return {**proto, "options": [*proto["options"]]}  # a fresh list per output

    @cached_property
    def protos(self) -> dict[str, dict[str, Any]]:
        """Each question's fixed parts, in output order (options as a tuple)."""
        return {
            field: {
                "field": CASE_KEYS.get(field, field),
                "question": self.wording.get(field, field.replace("_", " ") + "?"),
                **spec,
                "options": tuple(spec["options"]),
            }
            for field, spec in self.options.items()
        }


@cache
def question_table(model: CompiledModel) -> QuestionTable:
    """Build the EIG matrices and the wording for a compiled model (cached)."""
    findings = read_yaml("model/findings.yaml")
    specs = read_yaml("model/questions.yaml")["questions"]
    wording = {k: str(v["question"]) for k, v in specs.items()}
    age_wording = {
        str(k): (
            str(v.get("baby_question", "")),
            float(v.get("baby_below_days", 0.0)),
            str(v.get("older_question", "")),
            float(v.get("older_from_days", 0.0)),
        )
        for k, v in specs.items()
        if v.get("baby_question") or v.get("older_question")
    }
    fields = model.question_fields
    probs = np.exp(model.log_p[model.question_rows])
    groups = model.question_groups
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]]).astype(np.intp)
    age_rows = [model.index[("age", b)] for b in model.band_ids]
    prior_b = np.exp(model.log_p[age_rows])  # (B, C)
    prior_unknown = np.exp(model.log_p[model.index[("age", "unknown")]])
    age_prior = model.band_mix[:, None] * prior_b / prior_unknown[None, :]
    options: dict[str, dict[str, Any]] = {}
    for field in (
        *fields,
        "age",
        "sex",
        "unwell",
        "history",
        "medications",
        "conditions",
        "associated_findings",
    ):
        if field in CATEGORICAL_FIELDS:
            options[field] = {"answer": "choice", "options": list(CATEGORICAL_FIELDS[field])}
        elif field in findings["numeric"]:
            spec = findings["numeric"][field]
            options[field] = {
                "answer": "number",
                "unit": spec["unit"],
                "options": list(spec["band_labels"]),
            }
        elif field in LIST_FIELDS:
            options[field] = {"answer": "list", "options": list(LIST_FIELDS[field])}
        elif field == "age":
            options[field] = {
                "answer": "age",
                "options": [model.band_labels[b] for b in model.band_ids],
            }
        else:
            options[field] = {"answer": "boolean", "options": ["yes", "no"]}
    return QuestionTable(
        fields=fields,
        probs=probs,
        starts=starts,
        age_prior=age_prior,
        probs_log_probs=_xlogx(probs),
        age_prior_log=_xlogx(age_prior),
        wording=wording,
        options=options,
        type_probs=np.exp(model.mixture.log_p[model.question_rows])
        if model.mixture is not None
        else np.zeros((len(model.question_rows), 0)),
        mixture_class=model.mixture_class,
        age_wording=age_wording,
    )


@cache
def raise_reason(level: int, alone: bool = False) -> str:
    """The reason of a question whose answer could raise triage to ``level`` (a rank):
    the level and its words from ``red_flags.yaml``. ``alone``: this answer by itself
    could (a warning sign of its own); else only together with other answers a red flag
    needs (a painful blister near the eye: pain, a blister and the site). QA F8-02: "an
    answer could make this urgent" was shown for six typical milia, where no single
    answer could; checked per question by :mod:`milia.engine.raising`."""
    data = read_yaml("model/red_flags.yaml")
    name = data["levels"][level]
    words = data["level_words"][name]
    if alone:
        return f"safety: this answer alone could make this {name} ({words})"
    return f"safety: this answer, together with other answers, could make this {name} ({words})"


def offered_options(field: str, options: list[Any], age_days: float | None) -> list[Any]:
    """The options of a list question worth offering at an age (``age_days``, days).

    ``questions.yaml`` ``options_from_days`` names items offered only from an age;
    a younger person may still type them, and an unknown age sees every option.
    """
    limits = _options_from_days().get(field)
    if not limits or age_days is None:
        return options
    return [o for o in options if age_days >= limits.get(str(o), 0.0)]


@cache
def _options_from_days() -> dict[str, dict[str, float]]:
    """``options_from_days`` of questions.yaml, checked against the list fields' items."""
    table = read_yaml("model/questions.yaml").get("options_from_days", {})
    out: dict[str, dict[str, float]] = {}
    for field, items in table.items():
        unknown = set(items) - set(LIST_FIELDS.get(field, ()))
        if unknown:
            raise KnowledgeBaseError(f"questions.yaml options_from_days: no {field} {unknown}")
        out[field] = {str(k): float(v) for k, v in items.items()}
    return out
