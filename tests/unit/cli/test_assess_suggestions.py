"""``milia assess``: a bad value exits with status 2, names the field and offers the
closest valid value, for one case and for each line of a JSON-lines file (issue 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run_cli

# (case, field, suggestion): one bad value of each kind
BAD = [
    ({"color": "white", "diameter_mm": 150}, "diameter_mm", "100"),
    ({"color": "white", "count": "six"}, "count", "6"),
    ({"color": "white", "diameter_mm": "1,5"}, "diameter_mm", "1.5"),
    ({"color": "white", "inflamed": "yes"}, "inflamed", "true"),
    ({"color": "white", "sites": "eyelids, cheeks"}, "sites", '["eyelids", "cheeks"]'),
    ({"color": ["white"]}, "color", "white"),
    ({"color": "whte"}, "color", "white"),
    ({"colour": "white"}, "colour", "color"),
]


@pytest.mark.parametrize(("case", "field", "suggestion"), BAD)
def test_one_bad_case_exits_2_naming_the_field_and_the_closest_value(
    case: dict[str, object],
    field: str,
    suggestion: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), "utf-8")
    code, out, err = run_cli(["assess", str(path)], capsys)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    assert field in err and suggestion in err


def test_an_out_of_range_number_is_given_its_bound_not_asked_if_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.json"
    path.write_text('{"color": "white", "age_years": 130}', "utf-8")
    code, _, err = run_cli(["assess", str(path)], capsys)
    assert code == 2
    assert "closest valid value: 120" in err
    assert "Did you mean" not in err  # 130 was not meant as 120 (QA F10-15)


def test_each_bad_line_carries_its_number_id_field_and_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [{"id": f"case-{n}", "case": case} for n, (case, _, _) in enumerate(BAD)]
    lines.insert(3, {"id": "fine", "case": {"color": "white", "sites": ["eyelids"]}})
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", "utf-8")
    code, out, err = run_cli(["assess", str(path)], capsys)
    assert code == 2 and "Traceback" not in err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [line["id"] for line in lines]
    assert "differential" in records[3]
    errors = records[:3] + records[4:]
    for number, (record, (_, field, suggestion)) in enumerate(zip(errors, BAD, strict=True)):
        line = number + 1 if number < 3 else number + 2
        assert record["line"] == line
        assert record["detail"].startswith(f"line {line}: ")
        assert (record["field"], record["suggestion"]) == (field, suggestion)


def test_text_output_offers_a_reading_but_states_a_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"id": "a", "case": {"color": "white", "count": "six"}}\n'
        '{"id": "b", "case": {"color": "white", "diameter_mm": 150}}\n',
        "utf-8",
    )
    code, out, _ = run_cli(["assess", str(path), "--format", "text"], capsys)
    assert code == 2
    first, second = out.split("== case b (line 2) ==")
    assert "== case a (line 1) ==" in first and "Did you mean '6'?" in first
    assert "closest valid value: 100" in second and "Did you mean" not in second


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ('"red spots on my nose"', None),
        ('"{\\"color\\": \\"red\\"}"', '{"color": "red"}'),  # a case encoded twice
        ("[" * 50_000 + "]" * 50_000, None),  # nested too deeply
    ],
)
def test_text_that_is_no_case_is_offered_nothing_made_up(
    text: str, offered: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA F11-02: "red spots on my nose" was offered white bumps on the eyelids
    path = tmp_path / "case.json"
    path.write_text(text, "utf-8")
    code, _, err = run_cli(["assess", str(path)], capsys)
    assert code == 2 and "Traceback" not in err
    assert "eyelids" not in err
    if offered is not None:
        assert f"Did you mean {offered!r}?" in err
    else:
        assert "Did you mean" not in err
