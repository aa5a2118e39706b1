"""Red flags that unanswered questions could still fire: rules read in three values.

A red-flag rule that needs two findings the interview has not asked about (a
single painful AND red lump of 10 mm or more) is not raised by either finding
alone, so probing one answer at a time (:mod:`milia.engine.safety_probe`)
misses it (QA F6-20). Here each rule of ``red_flags.yaml`` is evaluated with
every unasked field *unknown*: a test on an unknown field is neither true nor
false, ``all``/``any``/``not`` combine the three values as Kleene logic does,
and a rule that is still *possibly* true names the unknown fields it depends
on. Fields asked and answered "don't know" are absent, as in the engine. The
age and the model's results (``top``, ``chance_of``, ``milia_type``,
``atypical``) are read as they are now.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from functools import cache
from typing import Any

from milia.engine.rules import RuleContext, compile_rule
from milia.engine.triage import level_rank
from milia.kb.loader import read_yaml

__all__ = ["possible_flag_fields"]

_Value = tuple[bool | None, frozenset[str]]
_Node = Callable[[RuleContext, Collection[str]], _Value]
_NONE: frozenset[str] = frozenset()


def _compile(spec: Mapping[str, Any]) -> _Node:
    if "all" in spec:
        parts = [_compile(s) for s in spec["all"]]

        def all_of(ctx: RuleContext, unknown: Collection[str]) -> _Value:
            fields: set[str] = set()
            for part in parts:
                value, found = part(ctx, unknown)
                if value is False:
                    return False, _NONE
                if value is None:
                    fields |= found
            return (True, _NONE) if not fields else (None, frozenset(fields))

        return all_of
    if "any" in spec:
        parts = [_compile(s) for s in spec["any"]]

        def any_of(ctx: RuleContext, unknown: Collection[str]) -> _Value:
            fields: set[str] = set()
            open_ = False
            for part in parts:
                value, found = part(ctx, unknown)
                if value is True:
                    return True, _NONE
                if value is None:
                    open_ = True
                    fields |= found
            return (None, frozenset(fields)) if open_ else (False, _NONE)

        return any_of
    if "not" in spec:
        inner = _compile(spec["not"])

        def negated(ctx: RuleContext, unknown: Collection[str]) -> _Value:
            value, found = inner(ctx, unknown)
            return (None, found) if value is None else (not value, _NONE)

        return negated
    known = compile_rule(spec)
    name = spec.get("field", spec.get("missing"))
    if name is None:  # age, always, and the model's results: as they are now
        return lambda ctx, unknown: (known(ctx), _NONE)
    field = str(name)
    only = frozenset({field})

    def leaf(ctx: RuleContext, unknown: Collection[str]) -> _Value:
        if field not in ctx.case and field in unknown:
            return None, only
        return known(ctx), _NONE

    return leaf


@cache
def _flags() -> tuple[tuple[str, int, _Node], ...]:
    # a contradiction between answers is no warning sign: never a reason to ask
    return tuple(
        (str(f["id"]), level_rank(f["level"]), _compile(f["when"]))
        for f in read_yaml("model/red_flags.yaml")["flags"]
        if not f.get("contradiction", False)
    )


def possible_flag_fields(
    result: Mapping[str, Any],
    case: Mapping[str, Any],
    age_days: float | None,
    unknown: Collection[str],
) -> list[tuple[str, int, frozenset[str]]]:
    """The red flags above the result's level that the ``unknown`` fields could still fire.

    Parameters
    ----------
    result : Mapping
        The case's assessment (its differential, milia type and triage level are read).
    case : Mapping
        The validated case.
    age_days : float or None
        The age in days.
    unknown : collection of str
        The fields not asked yet.

    Returns
    -------
    list of tuple
        ``(flag id, level rank, unknown fields it depends on)``, most urgent first.
    """
    level = level_rank(result["triage"]["level"])
    ranks = {d["condition"]: r for r, d in enumerate(result["differential"])}
    # the rules read the share among the listed conditions (as triage does); the printed
    # probabilities are that share times the listed share (milia.engine.not_listed)
    listed = sum(d["probability"] for d in result["differential"]) or 1.0
    probs = {d["condition"]: d["probability"] / listed for d in result["differential"]}
    kind = result.get("milia_type")
    ctx = RuleContext(case, age_days, ranks, probs, kind["type"] if kind else None)
    out = []
    for flag_id, flag_level, node in _flags():
        if flag_level <= level:
            continue
        value, fields = node(ctx, unknown)
        if value is None and fields:
            out.append((flag_id, flag_level, fields))
    out.sort(key=lambda x: -x[1])
    return out
