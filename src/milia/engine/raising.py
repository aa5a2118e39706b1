"""The findings not given that could raise a case's triage level (QA F6-02, F6-20).

``assess().next_questions`` puts these first (after the baby-unwell and age
safety questions): a red flag more urgent than the case's level that the
missing findings could still fire names them. Each rule of ``red_flags.yaml``
is rewritten once (:func:`relaxed`, in the same rule vocabulary) with every
test on a field the case does not give relaxed to "could hold": a test in a
positive position also holds when the field is absent (``{any: [{missing:
F}, test]}``); under an odd number of ``not`` it stays false while absent (so
that the ``not`` holds); ``not missing`` could hold once answered. The age
and the model's results (``top``, ``chance_of``, ``milia_type``,
``atypical``) are read as they are. A relaxed rule that holds, of a flag more
urgent than the level, could fire once the missing findings are answered; the
fields it tests in a position that can make it true are the questions.

The one-case path runs the relaxed rules compiled by
:func:`~milia.engine.rules.compile_rules`, those more urgent than the case's level
only (:func:`holds_above`; :attr:`RaisingRules.holds` has them all); the
chunk path can run :attr:`RaisingRules.specs` through
:func:`~milia.engine.chunk_rules.compile_chunk_rules` (same answers) and call
:meth:`RaisingRules.fields_for` with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from milia.engine.chunk_rules import ChunkRules, compile_chunk_rules
from milia.engine.model import CompiledModel
from milia.engine.rules import Fired, compile_rule, compile_rules
from milia.engine.triage_flags import level_rank
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = [
    "RaisingRules",
    "holds_above",
    "raising_chunk_rules",
    "raising_fields",
    "raising_rules",
    "relaxed",
]


def relaxed(spec: Any, fields: set[str], *, positive: bool = True, only: str | None = None) -> Any:
    """A rule with its tests on absent fields relaxed to "could hold", in the rule
    vocabulary of ``red_flags.yaml`` (so any rule compiler runs it); ``fields``
    collects the fields whose answer could make it hold. With ``only``, only the
    tests on that field are relaxed: the rule then holds when that one answer,
    the others staying unknown, could make it hold (QA F8-02)."""
    if not isinstance(spec, Mapping):
        raise KnowledgeBaseError(f"a rule must be a mapping, got {spec!r}")
    if "all" in spec:
        return {"all": [relaxed(s, fields, positive=positive, only=only) for s in spec["all"]]}
    if "any" in spec:
        return {"any": [relaxed(s, fields, positive=positive, only=only) for s in spec["any"]]}
    if "not" in spec:
        return {"not": relaxed(spec["not"], fields, positive=not positive, only=only)}
    if "field" in spec:
        if not positive or only not in (None, spec["field"]):
            return dict(spec)  # false while absent already (so that a `not` holds), or kept
        fields.add(str(spec["field"]))
        return {"any": [{"missing": spec["field"]}, dict(spec)]}
    if "missing" in spec:
        if positive or only not in (None, spec["missing"]):
            return dict(spec)
        fields.add(str(spec["missing"]))  # answering it makes "not missing" hold
        return {"always": False}
    return dict(spec)


@dataclass(frozen=True, eq=False)
class RaisingRules:
    """The relaxed red-flag rules, each rule's level and fields.

    The first ``n_flags`` rules are the flags' rules (file order), every test on an
    absent field relaxed; then, for each flag rule that names two or more fields,
    one rule per field with only that field's tests relaxed (:func:`relaxed` with
    ``only``). ``alone[r]`` says that rule ``r`` holding means its field's answer
    alone could fire the flag: a one-field flag rule, or a one-field-relaxed rule.
    """

    specs: tuple[Any, ...]
    levels: tuple[int, ...]
    fields: tuple[tuple[str, ...], ...]
    holds: Fired  # compile_rules of ``specs``: the relaxed rules that hold for one case
    alone: tuple[bool, ...] = ()
    n_flags: int = -1  # the flags' rules come first (-1: all of them)

    def fields_for(
        self, case: Mapping[str, Any], level: int, held: Sequence[int]
    ) -> list[tuple[str, int, bool]]:
        """``(field, level, alone)`` of each field not in ``case`` that could raise
        ``level``: the most urgent level a flag it is named by could give, and whether
        that field's answer alone could give it (else only with other answers); most
        urgent first (the order fields first appear in the file among equals).
        ``held``: the relaxed rules that hold for the case."""
        best: dict[str, int] = {}
        by_itself: set[tuple[str, int]] = set()
        levels, fields, alone = self.levels, self.fields, self.alone
        n_flags = self.n_flags if self.n_flags >= 0 else len(levels)
        for i in held:
            flag_level = levels[i]
            if flag_level <= level:
                continue
            for name in fields[i]:
                if name in case:
                    continue
                if i < n_flags and best.get(name, -1) < flag_level:
                    best[name] = flag_level
                if alone and alone[i]:
                    by_itself.add((name, flag_level))
        ranked = sorted(best.items(), key=lambda item: -item[1])
        return [(name, lv, (name, lv) in by_itself) for name, lv in ranked]


@cache
def raising_rules(classes: tuple[str, ...]) -> RaisingRules:
    """Relax the red-flag rules for a model with these condition columns (cached)."""
    specs, levels, all_fields, alone = [], [], [], []
    one_field: list[tuple[Any, int, str]] = []
    for flag in read_yaml("model/red_flags.yaml")["flags"]:
        compile_rule(flag["when"])  # the checks and their messages
        found: set[str] = set()
        specs.append(relaxed(flag["when"], found))
        # a contradiction between answers is no warning sign: level 0, never a reason to ask
        level = 0 if flag.get("contradiction", False) else level_rank(flag["level"])
        levels.append(level)
        # in file order of first appearance: a stable order among equals
        all_fields.append(tuple(sorted(found)))
        alone.append(len(found) == 1)
        if level > 0 and len(found) > 1:
            one_field += [(flag["when"], level, name) for name in sorted(found)]
    n_flags = len(specs)
    for when, level, name in one_field:  # QA F8-02: that answer alone, the others unknown
        specs.append(relaxed(when, set(), only=name))
        levels.append(level)
        all_fields.append((name,))
        alone.append(True)
    return RaisingRules(
        tuple(specs),
        tuple(levels),
        tuple(all_fields),
        compile_rules(specs, classes),
        tuple(alone),
        n_flags,
    )


@cache
def raising_chunk_rules(model: CompiledModel) -> ChunkRules:
    """The relaxed rules in the chunk form (:func:`compile_chunk_rules`, same answers)."""
    return compile_chunk_rules(raising_rules(model.classes).specs, model)


def raising_fields(
    case: Mapping[str, Any],
    age_days: float | None,
    level: int,
    rank: Sequence[int],
    prob: Sequence[float],
    milia_type: str | None,
) -> list[tuple[str, int, bool]]:
    """The fields not given that could raise the triage level, most urgent first.

    Parameters
    ----------
    case : Mapping
        A validated case.
    age_days : float or None
        The age in days (None when unknown).
    level : int
        The case's triage level (rank in ``LEVELS``).
    rank, prob : sequence
        Each condition's rank (0 = most likely) and probability, in the model's
        class order.
    milia_type : str or None
        The milia type given with the result (None when milia is not in the top 3).

    Returns
    -------
    list of tuple
        ``(field, level, alone)``: a field, the most urgent level a red flag it
        could fire would give, and whether its answer alone could (QA F8-02).
    """
    from milia.engine.model import condition_model  # cached; keeps this import light

    classes = condition_model().classes
    holds, kept = holds_above(classes, level)
    held = [kept[j] for j in holds(case, age_days, rank, prob, milia_type)]
    return raising_rules(classes).fields_for(case, level, held)


@cache
def holds_above(classes: tuple[str, ...], level: int) -> tuple[Fired, tuple[int, ...]]:
    """The relaxed rules more urgent than ``level`` compiled alone, and their indices.

    :meth:`RaisingRules.fields_for` reads only the rules above the case's level, so
    ``[kept[j] for j in holds(...)]`` is the ``held`` it needs: the same fields as
    from every rule, without testing the rules that could not raise the level.
    """
    rules = raising_rules(classes)
    kept = tuple(i for i, rule_level in enumerate(rules.levels) if rule_level > level)
    return compile_rules([rules.specs[i] for i in kept], classes), kept
