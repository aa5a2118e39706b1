"""The vectorised path (``assess``, ``assess_many``) equals the plain path exactly.

``assess_plain`` is the straightforward one-case-at-a-time assembly
(``milia.engine.assess.assemble``); ``test_explain_reference`` ties it to a
plain reference ``explain``. Here the fast path must give the same dicts,
float for float, on thousands of generated cases, on cases with many red-flag
findings (the variants of ``milia.engine.reassure``), and for every option;
and no two results may share a mutable container (the why items shared
between ``assess_many`` results are read-only).
"""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from milia.engine.assess import assess, assess_many, assess_plain
from milia.engine.model import condition_model
from milia.engine.readonly import ReadOnlyDict, ReadOnlyList
from milia.engine.reassure import MAX_FLAG_SUBSETS_OF
from milia.engine.sample import random_cases
from milia.engine.triage import triage_policy

_DATA = Path(__file__).resolve().parents[2] / "data" / "cases"
EXAMPLES = [
    json.loads(line)["case"]
    for name in ("examples.jsonl", "subtypes.jsonl")
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]
FLAGGED = [
    {
        "age_years": 40,
        "color": "white",
        "onset": "eruptive",
        "growing": True,
        "unwell": False,
        "on_red_plaque": True,
        "history": ["blistering_at_site", "skin_fragility", "photosensitivity"],
        "associated_findings": ["sparse_hair", "nail_dystrophy"],
        "conditions": ["gardner_syndrome"],
    },
    {
        "age_days": 30,
        "color": "yellow",
        "sites": ["eyelids"],
        "onset": "eruptive",
        "history": ["wants_self_extraction", "blistering_at_site"],
        "conditions": ["epidermolysis_bullosa", "rombo_syndrome"],
    },
    {"age_years": 8, "color": "white", "count": 80, "onset": "eruptive", "growing": True},
    {"color": "pearly_translucent", "sites": ["nose"], "growing": True, "on_red_plaque": True},
    {"age_days": 10, "unwell": True, "color": "white", "sites": ["nose"]},
]


def test_flagged_cases_cover_subsets_and_singles() -> None:
    policy = triage_policy(condition_model().classes)
    counts = [len(policy.red_flag_items(case)) for case in FLAGGED]
    assert max(counts) > MAX_FLAG_SUBSETS_OF and any(1 < c <= MAX_FLAG_SUBSETS_OF for c in counts)


@pytest.mark.parametrize("seed", [1, 2])
def test_fast_equals_plain_on_generated_cases(seed: int) -> None:
    cases = random_cases(700, seed=seed) + EXAMPLES + FLAGGED
    expected = [assess_plain(case) for case in cases]
    assert assess_many(cases) == expected
    picked = zip(cases[:150] + FLAGGED, expected[:150] + expected[-len(FLAGGED) :], strict=True)
    for case, want in picked:
        assert assess(case) == want, case


@pytest.mark.parametrize("n_questions", [0, 1, 3, 12])
def test_fast_equals_plain_for_every_question_count(n_questions: int) -> None:
    cases = random_cases(60, seed=n_questions) + FLAGGED
    expected = [assess_plain(case, n_questions=n_questions) for case in cases]
    assert assess_many(cases, n_questions=n_questions) == expected
    assert [assess(case, n_questions=n_questions) for case in cases] == expected


@pytest.mark.parametrize("why_top", [0, 1, 3, 22])
def test_why_top_cuts_explanations_only(why_top: int) -> None:
    cases = random_cases(60, seed=why_top + 10) + FLAGGED
    full = [assess_plain(case) for case in cases]
    for got, want in zip(assess_many(cases, why_top=why_top), full, strict=True):
        for rank, (a, b) in enumerate(zip(got["differential"], want["differential"], strict=True)):
            assert a == (b if rank < why_top else {**b, "why": []})
        assert {k: v for k, v in got.items() if k != "differential"} == {
            k: v for k, v in want.items() if k != "differential"
        }


def _containers(value: Any) -> list[Any]:
    """Every dict and list inside ``value`` (itself included)."""
    found = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            found.append(item)
            stack.extend(item)
    return found


def _refuses_mutation(container: Any) -> bool:
    """Whether every mutator of ``container`` raises TypeError (and leaves it as it was)."""
    before = copy.deepcopy(container)
    if isinstance(container, dict):
        attempts = [
            lambda: container.__setitem__("changed", True),
            lambda: container.__delitem__(next(iter(container))),
            lambda: container.update(changed=True),
            lambda: container.setdefault("changed", True),
            lambda: container.pop(next(iter(container))),
            lambda: container.popitem(),
            container.clear,
        ]
    else:
        attempts = [
            lambda: container.append(1),
            lambda: container.extend([1]),
            lambda: container.insert(0, 1),
            lambda: container.__setitem__(0, 1),
            lambda: container.__delitem__(0),
            lambda: container.__iadd__([1]),
            lambda: container.__imul__(2),
            container.pop,
            container.sort,
            container.reverse,
            container.clear,
        ]
    for attempt in attempts:
        try:
            attempt()
        except TypeError:
            continue
        return False
    return bool(container == before)


def test_results_share_only_read_only_containers() -> None:
    cases = random_cases(40, seed=5) + FLAGGED
    cases += cases  # the same case twice in one batch
    results = assess_many(cases) + [assess(case) for case in cases]
    owner: dict[int, int] = {}
    shared: dict[int, Any] = {}
    for index, result in enumerate(results):
        for container in _containers(result):
            if owner.setdefault(id(container), index) != index:
                shared[id(container)] = container
    assert shared  # why items that depend only on the knowledge base are shared
    for container in shared.values():
        assert isinstance(container, (ReadOnlyDict, ReadOnlyList))
        assert _refuses_mutation(container)
    single = [assess(case) for case in cases]  # the one-case path builds fresh containers
    assert not any(
        isinstance(c, (ReadOnlyDict, ReadOnlyList)) for r in single for c in _containers(r)
    )


def test_mutating_a_result_leaves_the_next_one_alone() -> None:
    case = FLAGGED[1]
    first = assess(case)
    for container in _containers(first):
        if isinstance(container, dict):
            container["changed"] = True
        container.clear()
    assert assess(case) == assess_plain(case)
    batch = assess_many([case, case])
    read_only = 0
    for container in _containers(batch[0]):
        if isinstance(container, (ReadOnlyDict, ReadOnlyList)):
            read_only += 1
            assert _refuses_mutation(container)
        else:
            container.clear()
    assert read_only > 0
    assert batch[1] == assess_plain(case) == assess_many([case])[0]


def test_shared_items_copy_serialise_and_pickle_as_plain_containers() -> None:
    orjson = pytest.importorskip("orjson")

    results = assess_many(random_cases(30, seed=6) + FLAGGED)
    plain = json.loads(json.dumps(results))
    assert plain == results
    assert json.dumps(results) == json.dumps(plain)
    assert json.dumps(results, indent=1) == json.dumps(plain, indent=1)
    assert orjson.dumps(results) == orjson.dumps(plain)
    copied = copy.deepcopy(results[0])
    assert copied == results[0]
    assert not any(isinstance(c, (ReadOnlyDict, ReadOnlyList)) for c in _containers(copied))
    for container in _containers(copied):
        container.clear()  # a deep copy is mutable, and leaves the result alone
    assert results[0] == plain[0]
    item = next(c for c in _containers(results) if isinstance(c, ReadOnlyDict))
    assert type(copy.copy(item)) is dict and type(item.copy()) is dict
    assert type(copy.copy(item["sources"])) is list
    again = pickle.loads(pickle.dumps(results))
    assert again == results
    shared = [c for c in _containers(again) if isinstance(c, (ReadOnlyDict, ReadOnlyList))]
    assert shared and all(_refuses_mutation(c) for c in shared)


def test_json_lines_parse_to_the_assessments() -> None:
    from milia.engine.jsontext import assess_lines

    cases = random_cases(1500, seed=9) + EXAMPLES + FLAGGED
    ids: list[Any] = [f"case-{i}" if i % 3 else i for i in range(len(cases))]
    ids[5] = {"nested": ["id", 1.5]}
    ids[7] = 'ünïcode "quoted" \\ id'
    lines = [
        (n + 1, json.dumps({"id": ids[n], "case": case}) if n % 2 else json.dumps(case))
        for n, case in enumerate(cases)
    ]
    expected = assess_many(cases)
    texts = [text for text, failed in assess_lines(lines) if not failed]
    assert len(texts) == len(cases)
    for n, (text, want) in enumerate(zip(texts, expected, strict=True)):
        got = json.loads(text)
        head = {"id": ids[n] if n % 2 else None, "line": n + 1}
        assert got == {**head, **want} and list(got) == [*head, *want]
    for n_questions, why_top in ((0, 23), (2, 3), (5, 0)):
        texts = [t for t, _ in assess_lines(lines[:80], n_questions=n_questions, why_top=why_top)]
        want_all = assess_many(cases[:80], n_questions=n_questions, why_top=why_top)
        assert [
            {k: v for k, v in json.loads(t).items() if k not in ("id", "line")} for t in texts
        ] == want_all


def test_json_lines_bad_lines_become_error_records() -> None:
    from milia.engine.jsontext import assess_lines

    lines = [
        (1, '{"color": "white"}'),
        (2, '{"colour": "white"}'),
        (3, "not json"),
        (4, '{"id": 7, "case": {"color": "purple"}}'),
        (5, '{"id": 8}'),
        (6, '{"color": "white", "color": "red"}'),
    ]
    done = assess_lines(lines)
    assert [failed for _, failed in done] == [False, True, True, True, True, True]
    records = [json.loads(text) for text, _ in done]
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5, 6]
    assert records[0] == {"id": None, "line": 1, **assess({"color": "white"})}
    assert all(r["error"] == "CaseError" for r in records[1:])
    assert records[1]["field"] == "colour" and records[1]["suggestion"] == "color"
    assert records[3]["id"] == 7 and records[3]["detail"].startswith("line 4: ")
    assert records[5]["field"] == "color"


RULES = [
    {"all": []},
    {"any": []},
    {"always": True},
    {"not": {"always": False}},
    {"field": "color", "is": "white"},
    {"field": "color", "in": ["white", "yellow"]},
    {"field": "sites", "has": "eyelids"},
    {"field": "sites", "has_any": ["nose", "chin"]},
    {"field": "count", "ge": 5},
    {"field": "count", "gt": 5},
    {"field": "diameter_mm", "le": 2},
    {"field": "diameter_mm", "lt": 2},
    {"missing": "count"},
    {"age_days_lt": 365},
    {"age_days_ge": 365},
    {"age_unknown": True},
    {"age_unknown": False},
    {"top": "milia"},
    {"top": "syringoma", "within": 3},
    {"top": "not_a_condition", "within": 100},
    {"chance_of": "basal_cell_carcinoma", "ge": 0.1},
    {"chance_of": "not_a_condition", "ge": 0.0},
    {"milia_type": "neonatal"},
    {"milia_type": ["primary_benign", "secondary_trauma"]},
    {"all": [{"field": "growing", "is": True}, {"not": {"age_days_lt": 6575}}]},
    {"any": [{"field": "onset", "is": "eruptive"}, {"missing": "onset"}]},
]


def test_generated_rules_answer_as_the_compiled_predicates() -> None:
    from milia.engine.advice import advice_for, advice_from
    from milia.engine.case import case_age_days
    from milia.engine.rules import RuleContext, compile_rule, compile_rules

    classes = condition_model().classes
    policy = triage_policy(classes)
    predicates = [compile_rule(spec) for spec in RULES]
    fired = compile_rules(RULES, classes)
    kinds = [None, "neonatal", "primary_benign", "secondary_trauma"]
    seen: set[int] = set()
    for n, case in enumerate(random_cases(400, seed=4) + FLAGGED):
        age = case_age_days(case)
        rank = [(n * 7 + c * 5) % len(classes) for c in range(len(classes))]
        prob = [((n + 3) * (c + 1) % 17) / 40 for c in range(len(classes))]
        kind = kinds[n % len(kinds)]
        ctx = RuleContext(
            case,
            age,
            dict(zip(classes, rank, strict=True)),
            dict(zip(classes, prob, strict=True)),
            kind,
        )
        want = [i for i, p in enumerate(predicates) if p(ctx)]
        assert fired(case, age, rank, prob, kind) == want
        seen.update(want)
        assert policy.red_flags(ctx) == policy.red_flags_of(case, age, rank, prob, kind)
        assert advice_for(ctx) == advice_from(classes, case, age, rank, prob, kind)
        assert policy.red_flags(ctx, variant=True) == [
            {**f.as_dict(), "message": policy.flag_message(f, case, age, rank)}
            for f in policy.variant_flags_of(case, age, rank, prob, kind)
        ]
    assert seen == set(range(len(RULES))) - {1}  # every rule but the empty "any" holds somewhere


def test_skipping_variants_that_cannot_raise_triage_changes_nothing() -> None:
    """Both paths skip red-flag variants once a case is at the most urgent level a
    variant can reach (``variant_ceilings``); without the skip the results are the same."""
    policy = triage_policy(condition_model().classes)
    cases = random_cases(250, seed=21) + FLAGGED
    skipped_single = [assess(case) for case in cases]
    skipped_batch = assess_many(cases)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(policy.__dict__, "variant_ceilings", (99, 99))
        full_single = [assess(case) for case in cases]
        full_batch = assess_many(cases)
    assert skipped_single == full_single == skipped_batch == full_batch


def test_chunk_log_posteriors_are_the_sums_of_the_weighted_rows() -> None:
    """Row by row, in order: the same floats as summing the (N, K, C) products."""
    import numpy as np

    from milia.engine.case import case_age_days, validate_case
    from milia.engine.fast import log_posteriors
    from milia.engine.prepared import prepared

    prep = prepared()
    model = prep.model
    assert model.mixture is not None
    for seed in (31, 32):
        cases = [validate_case(c) for c in random_cases(500, seed=seed)] + FLAGGED
        padded = prep.pad([model.encode(c, case_age_days(c)) for c in cases])
        scores, type_scores = log_posteriors(model, padded)
        weights = padded.weights[:, :, None]
        want_types = (model.mixture.log_p[padded.rows] * weights).sum(axis=1)
        want = model.mix(
            (model.log_p[padded.rows] * weights).sum(axis=1), want_types, padded.rows[:, 0]
        )
        assert np.array_equal(type_scores, want_types)
        assert np.array_equal(scores, want)


def test_every_why_item_carries_the_evidence_of_its_sources() -> None:
    """QA F7-29 (item 5): each why item ends with ``sources`` then ``evidence``, the strongest
    level its sources support, on every path (one case, a batch, JSON text) alike."""
    from milia.engine.evidence import reason_evidence
    from milia.engine.jsontext import assess_json

    cases = random_cases(80, seed=12) + FLAGGED
    batch = assess_many(cases)
    seen = set()
    for case, from_batch in zip(cases, batch, strict=True):
        for result in (assess(case), from_batch, json.loads(assess_json(case))):
            items = [item for entry in result["differential"] for item in entry["why"]]
            if result["milia_type"] is not None:
                items += result["milia_type"]["why"]
            assert items
            for item in items:
                assert list(item)[-2:] == ["sources", "evidence"]
                assert item["evidence"] == reason_evidence(item["sources"])
                seen.add(item["evidence"])
    assert len(seen) >= 2  # the items do not all carry one level
