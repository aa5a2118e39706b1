"""A tiny rule language for red flags and advice, compiled once from YAML.

Conditions are plain data (see the header of ``kb/data/model/red_flags.yaml``)
and compile to Python predicates over a :class:`RuleContext`. An unknown
operator is a :class:`~milia.errors.KnowledgeBaseError` at load time, never a
silent "false".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from milia.errors import KnowledgeBaseError

__all__ = ["Predicate", "RuleContext", "compile_rule"]


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at: the case, the age and the model's results."""

    case: Mapping[str, Any]
    age_days: float | None
    rank: Mapping[str, int]
    probability: Mapping[str, float]
    milia_type: str | None


Predicate = Callable[[RuleContext], bool]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "ge": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "le": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
}


def _field_rule(spec: Mapping[str, Any]) -> Predicate:
    field = spec["field"]
    ops = set(spec) - {"field"}
    if len(ops) != 1:
        raise KnowledgeBaseError(f"rule on {field!r} needs exactly one operator, got {sorted(ops)}")
    (op,) = ops
    arg = spec[op]
    if op == "is":
        return lambda ctx: field in ctx.case and ctx.case[field] == arg
    if op == "in":
        options = frozenset(arg)
        return lambda ctx: ctx.case.get(field) in options
    if op == "has":
        return lambda ctx: arg in ctx.case.get(field, ())
    if op == "has_any":
        wanted = frozenset(arg)
        return lambda ctx: not wanted.isdisjoint(ctx.case.get(field, ()))
    if op in _COMPARE:
        compare = _COMPARE[op]
        return lambda ctx: field in ctx.case and compare(ctx.case[field], arg)
    raise KnowledgeBaseError(f"unknown rule operator {op!r} on field {field!r}")


def _all_of(parts: list[Predicate]) -> Predicate:
    """``all`` of ``parts``, in order, stopping at the first false (no generator per call)."""

    def check(ctx: RuleContext) -> bool:
        for part in parts:  # noqa: SIM110 (a loop: no generator object per call)
            if not part(ctx):
                return False
        return True

    return check


def _any_of(parts: list[Predicate]) -> Predicate:
    """``any`` of ``parts``, in order, stopping at the first true (no generator per call)."""

    def check(ctx: RuleContext) -> bool:
        for part in parts:  # noqa: SIM110 (a loop: no generator object per call)
            if part(ctx):
                return True
        return False

    return check


def compile_rule(spec: Any) -> Predicate:
    """Compile one rule condition (a mapping from the YAML) into a predicate.

    Raises
    ------
    KnowledgeBaseError
        On an unknown operator or a malformed rule.
    """
    if not isinstance(spec, Mapping) or not spec:
        raise KnowledgeBaseError(f"a rule must be a non-empty mapping, got {spec!r}")
    if "all" in spec:
        return _all_of([compile_rule(s) for s in spec["all"]])
    if "any" in spec:
        return _any_of([compile_rule(s) for s in spec["any"]])
    if "not" in spec:
        inner = compile_rule(spec["not"])
        return lambda ctx: not inner(ctx)
    if "field" in spec:
        return _field_rule(spec)
    if "always" in spec:
        value = bool(spec["always"])
        return lambda ctx: value
    if "missing" in spec:
        name = spec["missing"]
        return lambda ctx: name not in ctx.case
    if "age_days_lt" in spec:
        limit = float(spec["age_days_lt"])
        return lambda ctx: ctx.age_days is not None and ctx.age_days < limit
    if "age_days_ge" in spec:
        limit = float(spec["age_days_ge"])
        return lambda ctx: ctx.age_days is not None and ctx.age_days >= limit
    if "age_unknown" in spec:
        wanted = bool(spec["age_unknown"])
        return lambda ctx: (ctx.age_days is None) == wanted
    if "top" in spec:
        condition, within = spec["top"], int(spec.get("within", 1))
        return lambda ctx: ctx.rank.get(condition, 99) < within
    if "chance_of" in spec:
        condition, floor = spec["chance_of"], float(spec["ge"])
        return lambda ctx: ctx.probability.get(condition, 0.0) >= floor
    if "milia_type" in spec:
        wanted_types = spec["milia_type"]
        options = frozenset([wanted_types] if isinstance(wanted_types, str) else wanted_types)
        return lambda ctx: ctx.milia_type in options
    raise KnowledgeBaseError(f"unknown rule {dict(spec)!r}")
