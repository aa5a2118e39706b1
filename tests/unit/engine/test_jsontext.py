"""``assess_json``: one case's assessment as JSON text, equal to ``assess``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fast_path import EXAMPLES, FLAGGED

from milia.engine.assess import assess
from milia.engine.jsontext import assess_json
from milia.engine.sample import random_cases
from milia.errors import CaseError


@pytest.mark.parametrize("seed", [3, 4])
def test_assess_json_is_the_assessment_as_json(seed: int) -> None:
    for case in random_cases(1500, seed=seed) + EXAMPLES + FLAGGED:
        text = assess_json(case)
        want = assess(case)
        assert json.loads(text) == want, case
        assert text == json.dumps(want, ensure_ascii=False)


@pytest.mark.parametrize("n_questions", [0, 1, 12])
def test_assess_json_question_counts(n_questions: int) -> None:
    for case in random_cases(40, seed=n_questions + 30) + FLAGGED:
        got = json.loads(assess_json(case, n_questions=n_questions))
        assert got == assess(case, n_questions=n_questions)


def test_assess_json_reads_json_text() -> None:
    case = FLAGGED[0]
    assert assess_json(json.dumps(case)) == assess_json(case)


def test_assess_json_refuses_what_assess_refuses() -> None:
    for bad in ({"colour": "white"}, '{"color": "white", "color": "red"}', "not json", 3):
        with pytest.raises(CaseError) as got:
            assess_json(bad)
        with pytest.raises(CaseError) as want:
            assess(bad)
        assert got.value.to_dict() == want.value.to_dict()
    with pytest.raises(CaseError) as info:
        assess_json({"color": "white"}, n_questions=-1)
    assert info.value.field == "n_questions"


def test_small_and_large_chunks_write_the_same_text() -> None:
    """A few cases are written token by token in Python, more with numpy: same text."""
    from milia.engine.case import validate_case
    from milia.engine.fast import compute_chunk
    from milia.engine.jsontext import to_json

    cases = random_cases(60, seed=40) + FLAGGED
    want = [json.dumps(assess(case), ensure_ascii=False) for case in cases]
    clean = [validate_case(case) for case in cases]
    for size in (1, 2, 3, 4, 5, 13):
        got = []
        for start in range(0, len(clean), size):
            chunk = clean[start : start + size]
            got += to_json(compute_chunk(chunk, n_questions=5, why_top=23))
        assert got == want, size


@pytest.mark.parametrize(
    "line",
    [
        '{"color": "white"}',
        '{"id": 3, "case": {"color": "white", "sites": ["eyelids"]}}',
        ' {"color": "white"}',
        '{"color": "white"}\t',
        '{"color" : "white", "color": "red"}',
        '{"color":"white","color":"red"}',
        '{"id": 1, "case": {"color": "white", "color": "red"}}',
        '{"id": {"a": 1, "a": 2}, "case": {"color": "white"}}',
        '{"id": "a:b", "case": {"color": "white"}}',
        '{"color": {"x": 1, "x": 2}}',
        '{"color": "white"}{"color": "red"}',
        '"{\\"color\\": \\"white\\"}"',
        "[1, 2]",
        "not json",
        '{"count": NaN}',
        "\ufeff{}",
        "[" * 50_000,
        '{"id": 18446744073709551616, "case": {"color": "white"}}',  # beyond 64 bits
        '{"id": -9223372036854775809, "case": {"color": "white"}}',
        '{"id": 9223372036854775807, "case": {"count": 123456789012345678}}',
        '{"id": "12345678901234567890", "case": {"color": "white"}}',
        '{"count": 1E400}',
        '{"count": 1e-400}',
        '{"count": -0}',
        '{"count": 1.}',
        '{"count": 01}',
        '{"id": "\\ud800", "case": {"color": "white"}}',
        '{"id": "\ud800", "case": {"color": "white"}}',
        '{"id": "a\x01", "case": {"color": "white"}}',
        '{"id": "caf\u00e9 \\u00e9", "case": {"color": "white"}}',
        '{"color": "white",}',
        '{"color": "white"} ',
        '{"color": "white"}\n',
        '{"id": [' + "[" * 2000 + "]" * 2000 + '], "case": {}}',
        '{"diameter_mm": 0.1000000000000000055511151231257827}',
    ],
)
def test_read_line_reads_as_the_strict_reader(line: str) -> None:
    """The fast line reader gives the value or the error of ``parse_case_json``."""
    from milia.engine.json_input import parse_case_json
    from milia.engine.jsontext import read_line

    def outcome(read: Any) -> Any:
        try:
            return json.dumps(read(line), sort_keys=True)
        except CaseError as err:
            return err.to_dict()

    want = outcome(lambda text: parse_case_json(text, where="the line", field=None))
    assert outcome(read_line) == want


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None)
@given(
    value=st.dictionaries(st.text(max_size=6), _JSON_VALUES, max_size=4),
    inner=st.none() | st.dictionaries(st.text(max_size=6), _JSON_VALUES, max_size=4),
    cut=st.integers(min_value=0, max_value=200),
    insert=st.sampled_from(["", ":", ",", " ", "}", "{", '"', "\\", "1e999", "NaN", "9" * 20]),
)
def test_any_line_reads_as_the_strict_reader(
    value: dict[str, Any], inner: dict[str, Any] | None, cut: int, insert: str
) -> None:
    """Any line, valid or broken (text inserted anywhere), reads as ``parse_case_json``
    reads it: the same value (types and key order kept) or the same error."""
    from milia.engine.json_input import parse_case_json
    from milia.engine.jsontext import read_line

    obj = value if inner is None else {"id": value, "case": inner}
    text = json.dumps(obj, ensure_ascii=cut % 2 == 0, separators=(",", ":") if cut % 3 else None)
    line = text[:cut] + insert + text[cut:] if cut < len(text) else text

    def outcome(read: Any) -> Any:
        try:
            return json.dumps(read(line))
        except CaseError as err:
            return err.to_dict()

    assert outcome(read_line) == outcome(
        lambda text_: parse_case_json(text_, where="the line", field=None)
    )


@pytest.mark.parametrize("seed", [61, 50169, None])  # 50169: ties at 0.0 (shown_order)
def test_json_lines_are_the_assessments_text_for_text(seed: int | None) -> None:
    """A full chunk of generated cases (numpy lay-out), each line exactly json.dumps of
    the assessment; ``None`` draws a new seed each run (printed on failure)."""
    import random

    from milia.engine.jsontext import assess_lines

    drawn = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    cases = random_cases(1200, seed=drawn)
    lines = [
        (n + 1, json.dumps({"id": f"c{n}", "case": case}) if n % 3 else json.dumps(case))
        for n, case in enumerate(cases)
    ]
    done = assess_lines(lines)
    for n, ((text, failed), case) in enumerate(zip(done, cases, strict=True)):
        head = {"id": f"c{n}" if n % 3 else None, "line": n + 1}
        want = json.dumps({**head, **assess(case)}, ensure_ascii=False)
        assert not failed and text == want, (drawn, n, case)
