"""Rule conditions evaluated for a whole chunk of cases at once, as numpy masks.

The chunk form of :func:`milia.engine.rules.compile_rules`: every condition of
the rule vocabulary (``kb/data/model/red_flags.yaml`` describes it) becomes a
function of a :class:`ChunkFacts` that returns one boolean per case, and a
rule set gives, per case, the indices of the rules that hold, in order: the
same answers as the generated per-case function (tests compare the two on
thousands of cases and on every operator). A condition costs a few numpy
operations for the whole chunk instead of Python work per case, so the chunk
form pays from a few dozen cases on; :data:`CHUNK_RULES_FROM` is where the
fast path switches.

A finding the model has a row for (``color is white``, ``sites has
eyelids``) is read from the rows each case's encoding holds; other fields from
their values, read once per chunk (:class:`~milia.engine.chunk_facts.ChunkFacts`).
Where a field's values do not fit an array form (an unhashable value, a
number too large for a float, a string under ``has``) the rule compares value
by value in Python, with Python's own operators, so the answer never depends
on the form.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from milia.engine.chunk_facts import ChunkFacts
from milia.engine.chunk_fields import field_condition
from milia.engine.model import CompiledModel

if TYPE_CHECKING:
    from milia.engine.fit import AgainstTable
from milia.engine.rules import _atypical, compile_rule
from milia.errors import KnowledgeBaseError

__all__ = [
    "CHUNK_RULES_FROM",
    "ChunkFacts",
    "ChunkRules",
    "against_matrix",
    "compile_chunk_rules",
    "fired_lists",
]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]
Condition = Callable[["ChunkFacts"], BoolArray]
# cases from which the fast path evaluates rules per chunk (numpy's fixed cost per
# condition, ~1 us for each of a few hundred, dominates below)
CHUNK_RULES_FROM = 64


def _constant(value: bool) -> Condition:
    return lambda facts: np.full(len(facts), value, dtype=bool)


def _leaf(
    spec: Any, column: Mapping[str, int], finding_rows: Callable[[str, Any], IntArray | None]
) -> Condition:
    """One condition without ``all``/``any``/``not``, evaluated once per chunk: the flags',
    the advice's and the relaxed rules share most of their conditions, so each one's mask
    is kept in :attr:`ChunkFacts.memo` under its spec and read-only from then on."""
    built = _built(spec, column, finding_rows)
    key = _key(spec)  # the same spec, the same mask

    def check(facts: ChunkFacts) -> BoolArray:
        found = facts.memo.get(key)
        if found is None:
            found = built(facts)
            found.flags.writeable = False  # shared by every rule that holds the condition
            facts.memo[key] = found
        return found

    return check


def _key(spec: Any) -> str:
    return json.dumps(spec, sort_keys=True, default=repr)


def _built(
    spec: Any, column: Mapping[str, int], finding_rows: Callable[[str, Any], IntArray | None]
) -> Condition:
    """One condition without ``all``/``any``/``not`` (:class:`_Program` takes those), in
    the precedence of :func:`milia.engine.rules.compile_rule`."""
    if "field" in spec:
        return field_condition(spec, finding_rows)
    if "always" in spec:
        return _constant(bool(spec["always"]))
    if "missing" in spec:
        name = spec["missing"]
        return lambda facts: ~facts.given(name)
    if "age_days_lt" in spec:
        below = float(spec["age_days_lt"])
        return lambda facts: facts.ages < below  # NaN (unknown): False
    if "age_days_ge" in spec:
        least = float(spec["age_days_ge"])
        return lambda facts: facts.ages >= least
    if "age_unknown" in spec:
        unknown = bool(spec["age_unknown"])
        return lambda facts: np.isnan(facts.ages) == unknown
    if "top" in spec:
        within = int(spec.get("within", 1))
        top = column.get(spec["top"])
        if top is None:
            return _constant(within > 99)
        return lambda facts: facts.ranks[:, top] < within
    if "chance_of" in spec:
        floor = float(spec["ge"])
        col = column.get(spec["chance_of"])
        if col is None:
            return _constant(floor <= 0.0)
        return lambda facts: facts.probs[:, col] >= floor
    if "milia_type" in spec:
        wanted = spec["milia_type"]
        options = frozenset([wanted] if isinstance(wanted, str) else wanted)

        def milia_type(facts: ChunkFacts) -> BoolArray:
            table = np.array([t in options for t in facts.type_classes] + [None in options])
            found: BoolArray = table[facts.milia_types]  # -1: the last entry (no type)
            return found

        return milia_type
    if "atypical" in spec:
        table, needed = _atypical(spec["atypical"])
        if tuple(table.model.classes) != tuple(column):
            raise KnowledgeBaseError("an atypical rule needs the differential's classes")
        against = against_matrix(table)

        def atypical(facts: ChunkFacts) -> BoolArray:
            top = np.argmin(facts.ranks, axis=1)  # the column ranked 0
            hits = against[facts.rows, top[:, None]] & facts.present
            found: BoolArray = hits.sum(axis=1) >= needed
            return found

        return atypical
    raise KnowledgeBaseError(f"unknown rule {dict(spec)!r}")


# a step of a rule set's program: how (all, any, not), the nodes it sets, their children
# one after the other, where each node's children start among them
_Step = tuple[str, IntArray, IntArray, IntArray]


@dataclass(frozen=True, eq=False)
class ChunkRules:
    """A compiled rule set: ``rules(facts)`` is the (N, rules) mask of the rules that hold.

    The rules' conditions form one graph of distinct nodes (each spec once). The
    leaves (every condition but ``all``, ``any`` and ``not``) are evaluated one by
    one, each once per chunk's facts (:attr:`ChunkFacts.memo`); then every node of
    one height and kind at once, on the masks packed 64 cases a word: one gather of
    its children's masks and one ``bitwise_and.reduceat`` (``all``),
    ``bitwise_or.reduceat`` (``any``) or negation (``not``) for all of them,
    instead of a few numpy calls per node. ``all`` of nothing holds, ``any`` of
    nothing does not, as the per-case function says.
    """

    leaves: tuple[Condition, ...]  # nodes 0 .. L - 1
    steps: tuple[_Step, ...]  # in order of height: each reads only nodes set before
    roots: IntArray  # the node of each rule
    n_nodes: int

    def __call__(self, facts: ChunkFacts) -> BoolArray:
        n = len(facts)
        leaves = np.empty((len(self.leaves), 64 * -(-n // 64)), dtype=bool)  # whole words
        for j, leaf in enumerate(self.leaves):
            leaves[j, :n] = leaf(facts)
        # 64 cases a word: the steps read and write an eighth of the bytes of bool masks
        values = np.empty((self.n_nodes, leaves.shape[1] // 64), dtype=np.uint64)
        values[: len(self.leaves)] = np.packbits(leaves, axis=1).view(np.uint64)
        for how, nodes, children, starts in self.steps:
            if how == "not":
                values[nodes] = ~values[children]
            elif how == "all":
                values[nodes] = np.bitwise_and.reduceat(values[children], starts, axis=0)
            else:
                values[nodes] = np.bitwise_or.reduceat(values[children], starts, axis=0)
        bits = np.unpackbits(values[self.roots].view(np.uint8), axis=1, count=n)
        held: BoolArray = np.ascontiguousarray(bits.T, dtype=bool)
        return held


@dataclass(eq=False)
class _Graph:
    """The distinct nodes of a rule set's conditions, while it is compiled."""

    leaf: Callable[[Any], Condition]
    at: dict[str, int] = field(default_factory=dict)  # a node's spec key -> its id
    leaves: list[Condition] = field(default_factory=list)
    # internal nodes: spec key -> (how, child keys, height)
    inner: dict[str, tuple[str, list[str], int]] = field(default_factory=dict)

    def add(self, spec: Any) -> tuple[str, int]:
        """The key and height of ``spec``'s node, added with its children."""
        key = _key(spec)
        if key in self.at:
            return key, 0
        if key in self.inner:
            return key, self.inner[key][2]
        how = next((h for h in ("all", "any", "not") if h in spec), None)  # compile_rule's order
        parts = [] if how is None else [spec["not"]] if how == "not" else list(spec[how])
        if how is None or not parts:  # a leaf; all/any of nothing: a constant
            self.at[key] = len(self.leaves)
            self.leaves.append(self.leaf(spec) if how is None else _constant(how == "all"))
            return key, 0
        children = [self.add(part) for part in parts]
        height = 1 + max(h for _, h in children)
        self.inner[key] = (how, [k for k, _ in children], height)
        return key, height

    def rules(self, keys: list[str]) -> ChunkRules:
        """The program of the rules whose nodes are ``keys``."""
        steps: list[_Step] = []
        at = self.at
        by_step: dict[tuple[int, str], list[str]] = {}
        for key, (how, _, height) in self.inner.items():
            by_step.setdefault((height, how), []).append(key)
        for (_, how), keys_ in sorted(by_step.items()):
            for key in keys_:
                at[key] = len(at)
            kids = [self.inner[key][1] for key in keys_]
            starts = np.zeros(len(kids), dtype=np.intp)
            np.cumsum([len(k) for k in kids[:-1]], out=starts[1:])
            steps.append(
                (
                    how,
                    np.array([at[key] for key in keys_], dtype=np.intp),
                    np.array([at[k] for k_ in kids for k in k_], dtype=np.intp),
                    starts,
                )
            )
        roots = np.array([at[key] for key in keys], dtype=np.intp)
        return ChunkRules(tuple(self.leaves), tuple(steps), roots, len(at))


def compile_chunk_rules(specs: Sequence[Any], model: CompiledModel) -> ChunkRules:
    """The chunk form of :func:`milia.engine.rules.compile_rules` (same answers).

    Parameters
    ----------
    specs : sequence
        Rule conditions (each valid for :func:`~milia.engine.rules.compile_rule`,
        which checks them).
    model : CompiledModel
        The differential: its classes are the columns of ``ranks`` and ``probs``,
        its rows those of :attr:`ChunkFacts.rows`.
    """
    for spec in specs:
        compile_rule(spec)  # the checks and their messages
    from milia.engine.reassure import rows_by_finding  # which uses these rules

    column = {c: i for i, c in enumerate(model.classes)}
    by_finding = rows_by_finding(model)

    def finding_rows(name: str, value: Any) -> IntArray | None:
        """The rows of finding ``(name, value)`` when the encoding of every case holds
        one of them exactly when the case has that value (a base row exists, which
        the encoding uses unless an age band overrides it); else None."""
        if name in model.numeric_edges:  # keyed by band index, not by value
            return None
        try:
            rows = by_finding.get((name, value)) if (name, value) in model.index else None
        except TypeError:  # an unhashable value
            return None
        return None if rows is None else np.array(sorted(rows), dtype=np.intp)

    graph = _Graph(lambda spec: _leaf(spec, column, finding_rows))
    return graph.rules([graph.add(spec)[0] for spec in specs])


def fired_lists(held: BoolArray) -> list[list[int]]:
    """Per case (row of ``held``), the indices of the rules that hold, in order."""
    _, rule = np.nonzero(held)  # row-major: by case, then rule
    rules = rule.tolist()
    bounds = [0, *accumulate(held.sum(axis=1).tolist())]
    return [rules[a:b] for a, b in pairwise(bounds)]


@cache
def flag_rules(model: CompiledModel) -> ChunkRules:
    """The red flags' rules of the triage policy of ``model``, in its flag order."""
    from milia.engine.triage import triage_policy

    classes = model.classes
    return compile_chunk_rules([f.when_spec for f in triage_policy(classes).flags], model)


@cache
def sensitive_rules(model: CompiledModel) -> ChunkRules:
    """The rules of the flags re-checked on red-flag variants (``sensitive_flags``)."""
    from milia.engine.triage import triage_policy

    flags = triage_policy(model.classes).sensitive_flags
    return compile_chunk_rules([f.when_spec for f in flags], model)


@cache
def advice_chunk_rules(model: CompiledModel) -> ChunkRules:
    """The advice items' rules, in file order (as :func:`milia.engine.advice.advice_rules`)."""
    from milia.kb.loader import read_yaml

    items = read_yaml("model/advice.yaml")["items"]
    return compile_chunk_rules([raw["when"] for raw in items], model)


def against_matrix(table: AgainstTable) -> BoolArray:
    """``[r, c]``: whether row ``r``'s finding is against condition column ``c``."""
    against = np.zeros((len(table.against_rows), len(table.model.classes)), dtype=bool)
    for r, classes in enumerate(table.against_rows):
        against[r, sorted(classes)] = True
    return against
