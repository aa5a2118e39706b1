"""``milia interview`` as a new user pipes it: nothing described, "don't know" to all,
garbage, the input ending mid-way (QA F7-06, F7-07; brief items 3 and 4)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from cli_runner import run_cli


def _run(
    answers: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code, out, err = run_cli(["interview", "--format", "json"], capsys)
    return code, json.loads(out), err


def test_qa_f7_06_an_unwell_newborn_is_urgent_though_nothing_else_is_known(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _run("5 days\n\n\nyes\n" + "\n" * 40, monkeypatch, capsys)
    assert code == 0 and "Traceback" not in err
    assert result["triage"]["level"] == "urgent" and result["described"] is False
    assert [f["id"] for f in result["red_flags"]] == ["baby_unwell"]
    assert "The bumps were not described" in err


def test_qa_f7_07_dont_know_to_everything_gives_guidance(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" * 60))
    code, out, _ = run_cli(["interview"], capsys)
    assert code == 0
    assert "What to do: ROUTINE" in out and "cannot be told" in out


def test_qa_f7_07_the_input_ending_early_is_said_and_triaged_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _run("34\nwhite\n", monkeypatch, capsys)
    assert code == 0 and "Traceback" not in err
    assert result["interview_complete"] is False and result["questions_answered"] == 2
    assert "The input ended after 2 questions" in err
    assert result["triage"]["level"] != "self_care"
    assert result["unanswered_warning_signs"]
    assert not any(s["asked"] for s in result["unanswered_warning_signs"])


def test_end_of_input_ends_the_prompts_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("34\n"))
    code, out, _ = run_cli(["interview"], capsys)
    assert code == 0 and "\n> \n" in out  # was '> The input ended...' on one line


def test_a_finished_interview_says_it_is_complete(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _run("34\nwhite\neyelids\nno\n" + "?\n" * 60, monkeypatch, capsys)
    assert code == 0 and result["interview_complete"] is True
    assert "The input ended" not in err


def test_garbage_is_asked_again_never_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = "asdf\n\x00\x01\n" + "a" * 5000 + "\n34\n\udcff\udcfe\nwhite\n\U0001f642\nnose\n"
    code, result, err = _run(junk + "?\n" * 60, monkeypatch, capsys)
    assert code == 0 and "Traceback" not in err
    assert err.count("Sorry") >= 5 and result["differential"]


def test_list_questions_say_none_apart_from_dont_know(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run("60\nwhite\nback of hands\nno\n" + "?\n" * 60, monkeypatch, capsys)
    assert code == 0
    assert "Enter if none" not in err  # Enter is "don't know", never "none"
    assert "(comma-separated; none = none of these; ? or Enter = don't know)" in err


@pytest.mark.parametrize(("reply", "open_"), [("none", False), ("", True), ("not sure", True)])
def test_none_and_not_sure_to_a_list_question_differ(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    reply: str,
    open_: bool,
) -> None:
    """'none' is a known answer; Enter and 'not sure' leave a warning sign open."""
    from milia.engine.interview import Interview

    # the lines a person types: the engine's own questions, answered in order
    head = {"age": "60", "color": "white", "sites": "back of hands", "unwell": "no", "count": "10"}
    interview, lines = Interview(), []
    while (q := interview.next_question()) is not None:
        said = reply if q["field"] == "history" else head.get(q["field"], "?")
        interview.answer(q["field"], said)
        lines.append(said)
    assert "history" in interview.asked
    code, result, _ = _run("\n".join(lines) + "\n", monkeypatch, capsys)
    assert code == 0
    fields = {s["field"] for s in result["unanswered_warning_signs"]}
    assert ("history" in fields) is open_


def test_qa_f7_20_the_json_result_carries_the_answers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, _ = _run("34\nwhite\nnose\n?\n", monkeypatch, capsys)
    assert code == 0
    assert result["case"] == {"age_years": 34.0, "color": "white", "sites": ["nose"]}
    assert result["not_known"] == ["unwell"]  # the age was answered (as age_years)
    assert "age" not in result["not_known"]


def test_qa_f7_18_the_help_says_warning_sign_questions_come_after(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # one line per option
    code, out, _ = run_cli(["interview", "--help"], capsys)
    assert code == 0 and "warning-sign questions" in " ".join(out.split())


def test_qa_f7_30_options_are_shown_in_plain_words(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _run("34\nwhite\narmpits, inside of the cheeks\n", monkeypatch, capsys)
    assert code == 0
    assert "armpits" in err and "axillae" not in err and "buccal_mucosa" not in err
    assert "skin-coloured" in err and "skin_colored" not in err
    assert result["case"]["sites"] == ["axillae", "buccal_mucosa"]


def test_qa_f8_04_one_question_is_singular(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _run("34\n", monkeypatch, capsys)
    assert code == 0 and result["questions_answered"] == 1
    assert "The input ended after 1 question," in err


def test_qa_f8_19_an_urgent_answer_is_said_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After "is the baby unwell? yes" the next prompt came with no word of it; the
    URGENT result only at the end of the interview."""
    code, result, err = _run("5 days\nwhite\nnose\nyes\n", monkeypatch, capsys)
    assert code == 0 and result["triage"]["level"] == "urgent"
    said = err.index("URGENT: A baby who is unwell")
    assert err.index("Is the baby unwell") < said < err.index("About how many bumps")
    assert err.count("URGENT: A baby who is unwell") == 1  # once, not after every answer
    assert "[Bright Healthy Kids;" in err[said:]  # and NICE NG143, the NHS sheets (QA F10-26)
    assert "Go to an emergency department now" in err[said:]
    assert "type 'done' to see the result now" in err[said:]  # the way it is stopped here


def test_qa_f8_19_nothing_is_said_early_when_not_urgent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _result, err = _run("5 days\nwhite\nnose\nno\n", monkeypatch, capsys)
    assert code == 0 and "URGENT:" not in err


@pytest.mark.parametrize("word", ["done", "quit", "Result"])
def test_qa_f8_31_a_stop_word_shows_the_result_now(
    word: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'quit' was refused as "unknown color 'quit'"; only Ctrl-D ended the interview."""
    code, result, err = _run(f"34\nwhite\n{word}\nnose\n", monkeypatch, capsys)
    assert code == 0 and "Sorry" not in err
    assert result["interview_complete"] is False and result["stopped_by"] == "request"
    assert result["questions_answered"] == 2 and "sites" not in result["case"]
    assert "You asked for the result after 2 questions" in err
    assert result["triage"]["level"] != "self_care"  # the unasked warning signs count


def test_qa_f8_31_help_shows_the_question_again_and_is_no_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _run("34\nhelp\nwhite\n", monkeypatch, capsys)
    assert code == 0 and "Sorry" not in err and result["case"]["color"] == "white"
    assert err.count("What colour are the bumps?") == 2 and "'done' = show the result" in err
    assert result["stopped_by"] == "end_of_input"


def test_qa_f8_31_a_stop_word_at_the_did_you_mean_prompt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, _err = _run("34\nwhiet\ndone\n", monkeypatch, capsys)
    assert code == 0 and result["stopped_by"] == "request" and "color" not in result["case"]


def test_qa_f8_37_enter_at_did_you_mean_yes_takes_the_yes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hurried Enter at "Did you mean 'yes'? (y/N)" lost an unwell baby's yes: for a
    yes/no question the offered yes is the default (when unsure, triage up)."""
    code, result, err = _run("5 days\nwhite\nnose\nyse\n\n", monkeypatch, capsys)
    assert code == 0 and "Did you mean 'yes'? (Y/n" in err
    assert result["case"]["unwell"] is True and result["triage"]["level"] == "urgent"


def test_qa_f8_37_a_declined_offer_is_not_taken(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, _err = _run("5 days\nwhite\nnose\nyse\nn\nno\n", monkeypatch, capsys)
    assert code == 0 and result["case"]["unwell"] is False
