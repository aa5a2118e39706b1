"""Which unanswered findings could still raise the triage level (QA F6-20, F6-02).

An interview must not conclude while an unasked finding could make the
answer more urgent ("never drop a red flag"). This module finds those
findings by computation, not from a hand list: for every field the case
does not give, each of its values (each item of a list field alone; for a
number, a value in each band and at each threshold a red-flag rule tests) is
added to the case, and the case with it is triaged by the same engine as
:func:`milia.assess` (the chunk path of :mod:`milia.engine.fast`, identical
levels). A finding *raises* the level when the case with it is more urgent,
and it *counts* when

- a red flag more urgent than the present level fires with it (a warning
  sign is asked whatever its probability), or
- its probability given the case so far (the model's predictive
  ``P(value | case)``) reaches the threshold of the level it raises to
  (``red_flags.yaml`` ``policy.thresholds``, the mass a level needs), or the
  model has no probability for it (triage up when unsure).

Questions are ordered by the expected raise ``sum_v P(v) x (level_v - level)``
(how much and how plausibly), then by the most urgent level reachable. The
chance that an answer is one of several values (:func:`answer_probability`)
counts a band of a number once however many of its values were tried, and a
list's items as the chance of at least one.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import numpy as np

from milia.engine.case import (
    BOOLEAN_FIELDS,
    CATEGORICAL_FIELDS,
    LIST_FIELDS,
    NUMERIC_FIELDS,
    case_age_days,
    validate_case,
)
from milia.engine.fast import compute_chunk
from milia.engine.model import condition_model, softmax, type_model
from milia.engine.triage import triage_policy
from milia.errors import CaseError
from milia.kb.loader import read_yaml

__all__ = [
    "Predictive",
    "Probe",
    "SafetyQuestion",
    "answer_probability",
    "candidate_values",
    "probed_fields",
    "safety_questions",
]

# the probability used to order a finding the model has no row for (unwell,
# premature): as likely as not, i.e. no information either way
_UNKNOWN_P = 0.5
# fields never probed: the age leads the interview and changes every rule
_NOT_PROBED = frozenset({"age", "age_days", "age_years"})


@dataclass(frozen=True)
class Probe:
    """One finding added to the case and what the engine then says.

    Attributes
    ----------
    field, value : str, Any
        The finding as the case format writes it (a list field's item alone).
    level : int
        Triage level (rank in ``LEVELS``) of the case with the finding.
    flag_level : int
        The most urgent red flag newly fired with it (0 when none).
    probability : float or None
        ``P(value | case so far)`` from the model; None without a model row.
    sources : tuple of str
        Sources of the triage reasons the finding adds.
    """

    field: str
    value: Any
    level: int
    flag_level: int
    probability: float | None
    sources: tuple[str, ...]
    # the model's outcome the probability is of: a number's band (several values
    # tried in one band share its probability), else the value itself
    outcome: Any = None


def answer_probability(field: str, probes: Collection[Probe]) -> float:
    """``P(the answer is one of probes)`` for answers of one field (unknown P: 0).

    A choice's values exclude each other, so their probabilities add up. The
    values of a number tried in one band of the model share that band's
    probability: it counts once. A list's items can come together: the chance
    of at least one, ``1 - prod(1 - p)``, as if independent (items that go
    together, as a blistering disease's, make the true chance smaller, so this
    errs towards asking and triaging up).
    """
    if field in LIST_FIELDS:
        none = 1.0
        for p in probes:
            none *= 1.0 - (p.probability or 0.0)
        return 1.0 - none
    bands: dict[Any, float] = {}
    for p in probes:
        key = p.outcome if field in NUMERIC_FIELDS else p.value
        bands[key] = max(bands.get(key, 0.0), p.probability or 0.0)
    return min(1.0, sum(bands.values()))


@dataclass(frozen=True)
class SafetyQuestion:
    """An unanswered field whose answer could raise the triage level."""

    field: str
    level: int  # the present level
    raises_to: int  # the most urgent level one of its answers gives
    expected_raise: float  # sum over levels L above: P(answer gives L or more)
    probes: tuple[Probe, ...]  # the counted answers, most urgent first

    def mass(self, level: int) -> float:
        """``P(answer gives level >= level)`` over the counted answers (unknown P: 0),
        by :func:`answer_probability`."""
        return answer_probability(self.field, [p for p in self.probes if p.level >= level])


@cache
def _numeric_values() -> dict[str, tuple[float, ...]]:
    """For each numeric field: a value inside each band and at each rule threshold."""
    findings = read_yaml("model/findings.yaml")["numeric"]
    out: dict[str, set[float]] = {}
    for field, spec in findings.items():
        edges = [float(e) for e in spec["edges"]]
        inner = [math.sqrt(a * b) for a, b in itertools.pairwise(edges)]
        out[field] = {edges[0] / 1.5, *inner, edges[-1] * 2.0}
    for spec in _rule_specs():
        for field, op, x in _comparisons(spec):
            if field not in out:
                continue
            step = 1.0 if field == "count" else 0.1
            value = {"ge": x, "le": x, "gt": x + step, "lt": x - step}[op]
            if value > 0:
                out[field].add(value)
    rounded: dict[str, tuple[float, ...]] = {}
    for field, values in out.items():
        if field == "count":
            rounded[field] = tuple(sorted({float(max(1, round(v))) for v in values}))
        else:
            rounded[field] = tuple(sorted({round(v, 1) for v in values if round(v, 1) > 0}))
    return rounded


def _rule_specs() -> list[Any]:
    return [f["when"] for f in read_yaml("model/red_flags.yaml")["flags"]]


def _comparisons(spec: Any) -> Iterator[tuple[str, str, float]]:
    """Every ``{field: F, ge|gt|le|lt: x}`` in a rule, as ``(F, op, x)``."""
    if isinstance(spec, list):
        for s in spec:
            yield from _comparisons(s)
    elif isinstance(spec, Mapping):
        if "field" in spec:
            for op in ("ge", "gt", "le", "lt"):
                if op in spec:
                    yield str(spec["field"]), op, float(spec[op])
        for value in spec.values():
            if isinstance(value, (Mapping, list)):
                yield from _comparisons(value)


@cache
def candidate_values(field: str) -> tuple[Any, ...]:
    """The values of ``field`` tried as findings (each list item alone, as a list)."""
    if field in BOOLEAN_FIELDS:
        return (True, False)
    if field in CATEGORICAL_FIELDS:
        return tuple(CATEGORICAL_FIELDS[field])
    if field in LIST_FIELDS:
        return tuple([item] for item in LIST_FIELDS[field])
    if field in NUMERIC_FIELDS and field not in _NOT_PROBED:
        values = _numeric_values().get(field, ())
        return tuple(int(v) for v in values) if field == "count" else values
    return ()


@cache
def probed_fields() -> tuple[str, ...]:
    """The fields probed: those with values to try and a question in ``questions.yaml``."""
    asked = read_yaml("model/questions.yaml")["questions"]
    fields = (*BOOLEAN_FIELDS, *CATEGORICAL_FIELDS, *LIST_FIELDS, *NUMERIC_FIELDS)
    return tuple(
        f
        for f in dict.fromkeys(fields)
        if f not in _NOT_PROBED and f in asked and candidate_values(f)
    )


class Predictive:
    """``P(value | case)`` of a finding from the model (milia's column as its mixture)."""

    def __init__(self, clean: Mapping[str, Any], age_days: float | None) -> None:
        self.model = model = condition_model()
        tmodel = type_model()
        encoded = model.encode(clean, age_days)
        tscores = tmodel.log_posterior(encoded)
        self.post = softmax(model.log_posterior(encoded, type_scores=tscores))
        self.types = softmax(tscores)
        self.tmodel = tmodel

    def outcome(self, field: str, value: Any) -> Any:
        """The model's outcome of a value: a number's band index, else the value."""
        if field in self.model.numeric_edges:
            return int(np.searchsorted(self.model.numeric_edges[field], value))
        return value[0] if isinstance(value, list) else value

    def per_class(self, field: str, value: Any) -> np.ndarray | None:
        """``P(value | condition)`` for every condition (milia's as its types'
        mixture), or None without a model row."""
        model = self.model
        row = model.index.get((field, self.outcome(field, value)))
        if row is None:
            return None
        p = np.exp(model.log_p[row])
        p[model.mixture_class] = float(self.types @ np.exp(self.tmodel.log_p[row]))
        clipped: np.ndarray = np.clip(p, 0.0, 1.0)
        return clipped

    def none_of(self, groups: Collection[tuple[str, Collection[Probe]]]) -> float:
        """``P(no answer is one of its group's probes | case)``, the fields
        independent given the condition as in the model (QA F7-37).

        For each field, the chance of one of its probes given a condition is
        taken as :func:`answer_probability` takes it (a choice's values add up, a
        number's band counts once, a list's items as at least one); values
        without a model row count 0.
        """
        none = np.ones_like(self.post)
        for field, probes in groups:
            seen: dict[Any, np.ndarray] = {}
            for probe in probes:
                value = [probe.value] if field in LIST_FIELDS else probe.value
                key = self.outcome(field, value)
                p = self.per_class(field, value)
                if p is not None and key not in seen:
                    seen[key] = p
            if not seen:
                continue
            if field in LIST_FIELDS:
                miss = np.prod([1.0 - p for p in seen.values()], axis=0)
            else:
                miss = 1.0 - np.minimum(1.0, np.sum(list(seen.values()), axis=0))
            none *= miss
        return float(self.post @ none)

    def __call__(self, field: str, value: Any) -> float | None:
        model = self.model
        row = model.index.get((field, self.outcome(field, value)))
        if row is None:
            return None
        p = np.exp(model.log_p[row])
        m = model.mixture_class
        p_milia = float(self.types @ np.exp(self.tmodel.log_p[row]))
        total = float(self.post @ p) - float(self.post[m]) * (float(p[m]) - p_milia)
        return min(1.0, max(0.0, total))


def safety_questions(
    clean: Mapping[str, Any],
    *,
    skip: Collection[str] = (),
    only: Collection[str] | None = None,
) -> tuple[int, list[SafetyQuestion]]:
    """The present triage level of a validated case and the fields that could raise it.

    Parameters
    ----------
    clean : Mapping
        A case already checked by :func:`~milia.engine.case.validate_case`.
    skip : collection of str
        Fields not to probe (already asked).
    only : collection of str, optional
        Probe only these fields (default: every field the case does not give).

    Returns
    -------
    tuple
        ``(level, questions)``: the case's level (rank in ``LEVELS``) and the
        fields whose answer could raise it, best first (see the module docstring).
    """
    fields = [
        f
        for f in probed_fields()
        if f not in clean and f not in skip and (only is None or f in only)
    ]
    variants: list[dict[str, Any]] = []
    owners: list[tuple[str, Any]] = []
    for field in fields:
        for value in candidate_values(field):
            try:
                variants.append(validate_case({**clean, field: value}))
            except CaseError:  # e.g. a duration longer than a newborn's life
                continue
            owners.append((field, value))
    done = compute_chunk([clean, *variants], n_questions=0, why_top=0)
    level = done.levels[0]
    policy = triage_policy(condition_model().classes)
    if level >= len(policy.thresholds) - 1 or not variants:
        return level, []
    base_flags = set(done.flags[0])
    base_reasons = {(r["text"], tuple(r["sources"])) for r in done.reasons[0]}
    predictive = Predictive(clean, case_age_days(clean))
    found: dict[str, list[Probe]] = {}
    for v, (field, value) in enumerate(owners, start=1):
        raised = done.levels[v]
        if raised <= level:
            continue
        new_flags = [f for f in done.flags[v] if f not in base_flags]
        flag_level = max((policy.flags[f].level for f in new_flags), default=0)
        p = predictive(field, value)
        counted = flag_level > level or p is None or p >= policy.thresholds[raised]
        if not counted:
            continue
        sources: dict[str, None] = {}
        for r in done.reasons[v]:
            if (r["text"], tuple(r["sources"])) not in base_reasons:
                sources.update(dict.fromkeys(r["sources"]))
        item = value[0] if isinstance(value, list) else value
        found.setdefault(field, []).append(
            Probe(
                field,
                item,
                raised,
                flag_level,
                p,
                tuple(sources) or ("milia_team_estimate",),
                predictive.outcome(field, value),
            )
        )
    questions = []
    for field, probes in found.items():
        probes.sort(key=lambda p: (-p.level, -(p.probability or 0.0)))
        # sum over the levels above of P(answer gives that level or more): the
        # expected number of levels raised, each band or value counted once
        known = [
            p if p.probability is not None else replace(p, probability=_UNKNOWN_P) for p in probes
        ]
        expected = sum(
            answer_probability(field, [p for p in known if p.level >= lv])
            for lv in range(level + 1, max(p.level for p in probes) + 1)
        )
        questions.append(
            SafetyQuestion(field, level, max(p.level for p in probes), expected, tuple(probes))
        )
    questions.sort(key=lambda q: (-q.expected_raise, -q.raises_to))
    return level, questions
