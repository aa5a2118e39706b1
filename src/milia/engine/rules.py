"""A tiny rule language for red flags and advice, compiled once from YAML.

Conditions are plain data (see the header of ``kb/data/model/red_flags.yaml``)
and compile to Python predicates over a :class:`RuleContext`. An unknown
operator is a :class:`~milia.errors.KnowledgeBaseError` at load time, never a
silent "false".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from milia.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from milia.engine.fit import AgainstTable

__all__ = ["Fired", "Predicate", "RuleContext", "compile_rule", "compile_rules"]


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
    if "atypical" in spec:
        table, needed = _atypical(spec["atypical"])
        classes = table.model.classes

        def atypical(ctx: RuleContext) -> bool:
            top = min(ctx.rank, key=lambda c: ctx.rank[c])
            return table.count(ctx.case, ctx.age_days, classes.index(top)) >= needed

        return atypical
    raise KnowledgeBaseError(f"unknown rule {dict(spec)!r}")


def _atypical(args: Any) -> tuple[AgainstTable, int]:
    """The table and the number of findings of an ``{atypical: {...}}`` rule."""
    if not isinstance(args, Mapping) or set(args) != {"against_probability", "min_findings"}:
        raise KnowledgeBaseError(
            f"an atypical rule needs against_probability and min_findings, got {args!r}"
        )
    threshold, needed = float(args["against_probability"]), int(args["min_findings"])
    if not 0.0 < threshold < 1.0 or needed < 1:
        raise KnowledgeBaseError(f"atypical rule out of range: {dict(args)!r}")
    from milia.engine.fit import against_table  # the model imports nothing from here

    return against_table(threshold), needed


_MISSING = object()
_OPERATORS = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}
# the signature of a function made by compile_rules
Fired = Callable[
    [Mapping[str, Any], "float | None", Sequence[int], Sequence[float], "str | None"], list[int]
]


class _Writer:
    """Python source for rule conditions, with every constant passed by name."""

    def __init__(self, classes: Sequence[str]) -> None:
        self.column = {c: i for i, c in enumerate(classes)}
        self.constants: dict[str, Any] = {"_MISSING": _MISSING}

    def const(self, value: Any) -> str:
        name = f"_k{len(self.constants)}"
        self.constants[name] = value
        return name

    def expr(self, spec: Any) -> str:
        """The expression of one condition, in the precedence of :func:`compile_rule`."""
        if "all" in spec:
            return "(" + (" and ".join(self.expr(s) for s in spec["all"]) or "True") + ")"
        if "any" in spec:
            return "(" + (" or ".join(self.expr(s) for s in spec["any"]) or "False") + ")"
        if "not" in spec:
            return f"(not {self.expr(spec['not'])})"
        if "field" in spec:
            return self._field(spec)
        if "always" in spec:
            return str(bool(spec["always"]))
        if "missing" in spec:
            return f"({self.const(spec['missing'])} not in case)"
        if "age_days_lt" in spec:
            return f"(age is not None and age < {self.const(float(spec['age_days_lt']))})"
        if "age_days_ge" in spec:
            return f"(age is not None and age >= {self.const(float(spec['age_days_ge']))})"
        if "age_unknown" in spec:
            return f"((age is None) == {bool(spec['age_unknown'])})"
        if "top" in spec:
            within = self.const(int(spec.get("within", 1)))
            column = self.column.get(spec["top"])
            return f"(99 < {within})" if column is None else f"(rank[{column}] < {within})"
        if "chance_of" in spec:
            floor = self.const(float(spec["ge"]))
            column = self.column.get(spec["chance_of"])
            return f"(0.0 >= {floor})" if column is None else f"(prob[{column}] >= {floor})"
        if "milia_type" in spec:
            wanted = spec["milia_type"]
            options = frozenset([wanted] if isinstance(wanted, str) else wanted)
            return f"(milia_type in {self.const(options)})"
        if "atypical" in spec:
            table, needed = _atypical(spec["atypical"])
            if tuple(table.model.classes) != tuple(self.column):
                raise KnowledgeBaseError("an atypical rule needs the differential's classes")
            count = self.const(table.count_for_ranks)
            return f"({count}(case, age, rank) >= {self.const(needed)})"
        raise KnowledgeBaseError(f"unknown rule {dict(spec)!r}")

    def _field(self, spec: Mapping[str, Any]) -> str:
        (op,) = set(spec) - {"field"}
        field, arg = self.const(spec["field"]), spec[op]
        if op == "is":
            return f"(case.get({field}, _MISSING) == {self.const(arg)})"
        if op == "in":
            return f"(case.get({field}) in {self.const(frozenset(arg))})"
        if op == "has":
            return f"({self.const(arg)} in case.get({field}, ()))"
        if op == "has_any":
            return f"(not {self.const(frozenset(arg))}.isdisjoint(case.get({field}, ())))"
        return f"({field} in case and case[{field}] {_OPERATORS[op]} {self.const(arg)})"


def compile_rules(specs: Sequence[Any], classes: Sequence[str]) -> Fired:
    """One function telling which of many rules hold: the fast form of :func:`compile_rule`.

    The conditions become one generated Python function (no call per
    condition) that reads the model's results as lists in ``classes`` order.

    Parameters
    ----------
    specs : sequence
        Rule conditions (each valid for :func:`compile_rule`, which checks them).
    classes : sequence of str
        The condition ids, in the column order of ``rank`` and ``prob``.

    Returns
    -------
    callable
        ``fired(case, age_days, rank, prob, milia_type)``: the indices of the
        rules that hold, in order; the same answers as the compiled predicates
        on ``RuleContext(case, age_days, {c: rank}, {c: prob}, milia_type)``.
    """
    for spec in specs:
        compile_rule(spec)  # the checks and their messages
    writer = _Writer(classes)
    lines = ["def fired(case, age, rank, prob, milia_type):", "    out = []"]
    for i, spec in enumerate(specs):
        lines += [f"    if {writer.expr(spec)}:", f"        out.append({i})"]
    lines.append("    return out")
    namespace = dict(writer.constants)
    exec(compile("\n".join(lines), "<milia rules>", "exec"), namespace)
    fired: Fired = namespace["fired"]
    return fired
