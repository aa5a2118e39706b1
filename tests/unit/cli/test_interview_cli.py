"""``milia interview`` end to end with the ways people give an age (QA F2-46)."""

from __future__ import annotations

import io

import pytest

from cli_runner import run_cli, run_interview

_interview = run_interview


@pytest.mark.parametrize(
    ("age", "newborn"),
    [
        ("newborn", True),
        ("newborn (first 2 weeks)", True),
        ("3 days", True),
        ("2 weeks old", True),
        ("6 months", False),
        ("1 year", False),
        ("34 years old", False),
        ("34 yrs", False),
        ("45", False),
        # numbers in words (QA F6-01)
        ("thirty four", False),
        ("two days", True),
    ],
)
def test_common_age_answers_are_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], age: str, newborn: bool
) -> None:
    code, result, err = _interview(f"{age}\nwhite\nnose\n", monkeypatch, capsys)
    assert code == 0 and "Sorry" not in err
    milia_type = result["milia_type"]
    assert isinstance(milia_type, dict)
    assert (milia_type["type"] == "neonatal") is newborn


@pytest.mark.parametrize("age", ["teen", "old", "elderly", "5 dayz"])
def test_unclear_ages_are_asked_again_with_a_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], age: str
) -> None:
    code, _, err = _interview(f"{age}\n34\nwhite\nnose\n", monkeypatch, capsys)
    assert code == 0
    sorry = [line for line in err.splitlines() if "Sorry" in line]
    assert len(sorry) == 1 and ("e.g." in sorry[0] or "Did you mean '5 days'?" in err)


@pytest.mark.parametrize(
    "answers",
    [
        # a newborn's parent who does not know much (session 6: no next questions shown)
        "newborn\n?\nnose, cheeks\n" + "?\n" * 12,
        "3 days\nyellow\n?\n?\n?\n5\n" + "?\n" * 10,
        "2 weeks\n?\nchin, forehead\n" + "?\n" * 12,
    ],
)
def test_interview_text_always_shows_questions_that_would_sharpen_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], answers: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code, out, _err = run_cli(["interview"], capsys)
    assert code == 0
    assert "Questions that would sharpen this:" in out


def _sites(result: dict[str, object]) -> set[str]:
    """The sites the result's explanations name (the JSON result holds no case)."""
    differential = result["differential"]
    assert isinstance(differential, list)
    return {str(w["value"]) for c in differential for w in c["why"] if w["finding"] == "sites"}


def test_qa_f6_01_plain_places_are_taken_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA F6-01: 'upper eyelid, under the eyes' was refused three times and dropped."""
    code, result, err = _interview(
        "34 years\nwhitish\nupper eyelid, under the eyes\n", monkeypatch, capsys
    )
    assert code == 0 and "Sorry" not in err
    assert _sites(result) == {"eyelids", "under_eyes"}


@pytest.mark.parametrize("reply", ["y", "yes", "Y"])
def test_a_suggestion_can_be_confirmed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], reply: str
) -> None:
    code, result, err = _interview(f"34\nwhite\neylids, nose\n{reply}\n", monkeypatch, capsys)
    assert code == 0
    assert "Did you mean 'eyelids, nose'? (y/N" in err
    assert _sites(result) == {"eyelids", "nose"}


def test_a_suggestion_is_offered_after_the_third_refusal_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The field is not dropped while the tool knows a close answer (QA F6-01)."""
    answers = "34\nwhite\nbanana\nxyz\neylids\ny\n"
    code, result, err = _interview(answers, monkeypatch, capsys)
    assert code == 0
    assert err.count("Sorry") == 3 and "Left as not known" not in err
    assert _sites(result) == {"eyelids"}


def test_declining_a_suggestion_asks_again_and_gives_up_after_three(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = "34\nwhite\neylids\nn\neylids\n\neylids\nno\ncheeks\n"
    code, result, err = _interview(answers, monkeypatch, capsys)
    assert code == 0
    assert err.count("Did you mean 'eyelids'?") == 3
    assert "Left as not known after three tries" in err
    assert _sites(result) == set()


def test_another_answer_can_be_typed_at_the_confirm_prompt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _interview("34\nwhite\neylids\ncheeks\n", monkeypatch, capsys)
    assert code == 0 and err.count("Sorry") == 1
    assert _sites(result) == {"cheeks"}


def test_a_vague_place_is_asked_about_without_a_guess(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _interview("34\nwhite\nface\ncheeks, nose\n", monkeypatch, capsys)
    assert code == 0
    sorry = [line for line in err.splitlines() if "Sorry" in line]
    assert len(sorry) == 1 and "cheeks" in sorry[0] and "Did you mean" not in err
    assert _sites(result) == {"cheeks", "nose"}


def test_nonsense_gets_no_suggestion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA F6-01: 'about a dozen' typed to the sites question got "Did you mean 'abdomen'?"."""
    code, _, err = _interview("34\nwhite\nabout a dozen\nnose\n", monkeypatch, capsys)
    assert code == 0 and "Did you mean" not in err


def test_end_of_input_at_the_confirm_prompt_ends_the_interview(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _interview("34\nwhite\neylids\n", monkeypatch, capsys)
    assert code == 0 and "Did you mean 'eyelids'?" in err
    assert _sites(result) == set()


@pytest.mark.parametrize(
    ("count", "band"), [("a dozen", "6-20 bumps"), ("hundreds", "more than 100 bumps")]
)
def test_plain_counts_through_the_cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    count: str,
    band: str,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"34\nwhite\nnose\n?\n{count}\n" + "?\n" * 8))
    code, out, err = run_cli(["interview", "--format", "json", "--max-questions", "5"], capsys)
    assert code == 0 and "Sorry" not in err
    assert band in out


def test_a_refused_number_is_not_told_to_see_options_that_were_never_listed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA F13-11: the age question lists no options, so its re-ask must not point to any
    code, _, err = _interview("blah\n34\nwhite\nnose\n", monkeypatch, capsys)
    assert code == 0
    age_lines = [line for line in err.splitlines() if line.startswith("How old")]
    assert len(age_lines) == 2
    assert "options are listed above" not in age_lines[1]
