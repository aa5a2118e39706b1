"""``milia interview``: questions one at a time on standard input, then the result.

It asks the engine's next question (:class:`milia.engine.interview.Interview`)
until the interview is done, reading one line per answer, so answers can be
piped. A refused answer is asked again (a close valid answer is offered to
confirm); the end of input, or "done" typed at any question (QA F8-31), ends the
interview early, and the result says so and names the questions not asked that
could change what to do (QA F7-07). An answer that makes the case urgent is said
at once (QA F8-19).
When the bumps were never described, the result is the guidance that holds
whatever they look like (QA F7-06). Registered by :mod:`milia.cli.assess`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from milia.cli.assess import FormatOption, OutputFormat, _emit
from milia.errors import CaseError

if TYPE_CHECKING:
    from milia.engine.interview import Interview

__all__ = ["interview_command", "run_interview"]


def interview_command(
    max_questions: Annotated[
        int,
        typer.Option(
            # QA F7-18: it said "Stop after this many questions"
            help="Questions before the warning-sign questions; those (answers that could make "
            "this more urgent) are always asked after, up to 40 more"
        ),
    ] = 12,
    confidence: Annotated[
        float, typer.Option(help="Stop when the top condition is at least this likely (0-1)")
    ] = 0.9,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Answer questions one at a time ('?' or Enter = don't know); get a result in plain words."""
    if not 0 < confidence <= 1:
        raise CaseError("--confidence must be between 0 and 1", field="confidence")
    if max_questions < 1:
        raise CaseError(
            f"--max-questions must be at least 1 (got {max_questions})",
            field="max_questions",
            suggestion="12",
        )
    as_json = fmt is OutputFormat.json
    result = run_interview(max_questions=max_questions, confidence=confidence, err=as_json)
    typer.echo("", err=as_json)
    if result.get("described") is False:  # QA F7-06/F7-07: guidance, never silence
        typer.echo(
            "The bumps were not described, so what they are cannot be told; "
            "what follows holds whatever they look like.",
            err=as_json,
        )
    if result.get("interview_complete") is False:
        answered = result["questions_answered"]
        how = (
            "You asked for the result"
            if result.get("stopped_by") == "request"
            else ("The input ended")
        )
        typer.echo(
            f"{how} after {answered} question{'' if answered == 1 else 's'}, before the "
            "interview was done: this result uses only those answers, and names the "
            "questions not asked that could change what to do.",
            err=as_json,
        )
    _emit(result, fmt, compact=False)


# QA F8-31: words that end the interview and show the result now, or show the help
STOP_WORDS = frozenset({"done", "result", "quit", "stop", "exit"})
_HELP_WORDS = frozenset({"help", "h", "options"})


class _StopRequestedError(Exception):
    """The person asked for the result now (typed one of :data:`STOP_WORDS`)."""


def _ask(question: dict[str, Any], *, err: bool, again: bool = False) -> str | None:
    """Print a question with its options; read one line (None at end of input).

    ``again``: after a refused answer, whose message named the word not understood and
    the nearest answers, only the question's line is shown, not the whole list of
    options once more (QA F12-03).

    Raises
    ------
    _StopRequestedError
        When the person types "done", "result", "quit", "stop" or "exit".
    """
    while True:
        if again:
            # a number or age question has no options to point back to
            listed = _has_options(question)
            tail = "  (the options are listed above)" if listed else ""
            typer.echo(question["question"] + tail, err=err)
            typer.echo("> ", nl=False, err=err)
            again = False  # "help" shows the whole question again
        else:
            _show(question, err=err)
        line = sys.stdin.readline()
        if line == "":  # end of input: end the prompt's line
            typer.echo("", err=err)
            return None
        word = line.strip().lower()
        if word in STOP_WORDS:
            raise _StopRequestedError from None
        if word not in _HELP_WORDS:
            return line.rstrip("\n")
        typer.echo(
            "  Answer with one of the options (or your own words); ? or Enter = don't know; "
            "'done' = show the result now.",
            err=err,
        )


def _has_options(question: dict[str, Any]) -> bool:
    """Whether :func:`_show` lists options for ``question`` (choices, lists, yes/no)."""
    kind = question.get("answer")
    return kind == "boolean" or (kind in ("choice", "list") and bool(question.get("options")))


def _show(question: dict[str, Any], *, err: bool) -> None:
    """Print a question with its options and how to answer it."""
    typer.echo("", err=err)
    typer.echo(question["question"], err=err)
    options = question.get("options") or []
    if question.get("answer") in ("choice", "list") and options:
        from milia.engine.plain_words import option_label

        # plain words, each read back as its value (QA F7-30: 'buccal_mucosa', 'axillae')
        words = (option_label(question["field"], o) for o in options)
        typer.echo("  options: " + ", ".join(words), err=err)
    elif question.get("answer") == "boolean":
        typer.echo("  options: yes, no", err=err)
    if question.get("answer") == "list" and question["field"] != "sites":
        # "none" is a known answer, "don't know" is not (brief item 3)
        typer.echo("  (comma-separated; none = none of these; ? or Enter = don't know)", err=err)
    else:
        typer.echo("  (? or Enter = don't know)", err=err)
    typer.echo("> ", nl=False, err=err)


def run_interview(*, max_questions: int, confidence: float, err: bool = False) -> dict[str, Any]:
    """Drive :class:`milia.engine.interview.Interview` over standard input/output.

    With ``err`` the questions go to standard error (so standard output holds
    only the JSON result). The result is the assessment, or guidance when the
    bumps were not described (``described`` False); ``interview_complete`` says
    whether every question was asked (False when the input ended first),
    ``questions_answered`` how many were, ``case`` holds the answers (a case
    ``milia assess`` reads) and ``not_known`` the questions answered "don't know".

    Parameters
    ----------
    max_questions : int
        Questions before the warning-sign questions, which are always asked
        after (up to 40 more).
    confidence : float
        Stop once the most likely condition reaches this probability (0-1).
    err : bool, optional
        Ask on standard error instead of standard output.

    Returns
    -------
    dict
        The assessment or guidance with the fields above.
    """
    from milia.engine.interview import Interview

    interview = Interview(max_questions=max_questions, confidence=confidence)
    typer.echo(
        "milia interview: a few questions about the bumps. This supports decisions; "
        "it does not diagnose. Type 'done' at any question to see the result now.",
        err=err,
    )
    complete = True
    stopped_by = None
    said: set[str] = set()
    while (question := interview.next_question()) is not None:
        try:
            answered = _answer_question(interview, question, err=err)
        except _StopRequestedError:
            complete, stopped_by = False, "request"
            break
        if not answered:  # end of input
            complete, stopped_by = False, "end_of_input"
            break
        _say_if_urgent(interview, said, err=err)
    result = interview.result_or_guidance()
    result["interview_complete"] = complete
    if stopped_by is not None:
        result["stopped_by"] = stopped_by
    result["questions_answered"] = len(interview.asked)
    # the answers, to store with the result and assess again (QA F7-20)
    result["case"] = dict(interview.case)
    aged = "age_days" in interview.case or "age_years" in interview.case
    result["not_known"] = [
        f for f in interview.asked if f not in interview.case and not (f == "age" and aged)
    ]
    return result


_TRIES = 3


def _say_if_urgent(interview: Interview, said: set[str], *, err: bool) -> None:
    """Say at once when the answers so far need a doctor today (QA F8-19), each
    reason once; the interview may go on."""
    from milia.api.citations import citations
    from milia.engine.urgent_now import urgent_now

    reasons = [r for r in urgent_now(interview.case) if r["text"] not in said]
    if not reasons:
        return
    typer.echo("", err=err)
    for reason in reasons:
        said.add(reason["text"])
        cited = "; ".join(c["short"] for c in citations(reason["sources"]))
        strength = f" ({reason['evidence']})" if reason.get("evidence") else ""
        typer.echo(f"  URGENT: {reason['text']} [{cited}]{strength}", err=err)
    typer.echo(
        "  You can go on answering to complete the picture, or type 'done' to see the result now.",
        err=err,
    )


def _answer_question(interview: Interview, question: dict[str, Any], *, err: bool) -> bool:
    """Ask one question until it is answered, confirmed or tried three times.

    A refused answer with a close valid one is offered to confirm (y/N), or the
    person types another answer there (QA F6-01: a field the tool itself knew
    the answer to was left as not known after three tries). Returns False at the
    end of input.
    """
    text = _ask(question, err=err)
    refused = 0
    while text is not None:
        try:
            interview.answer(question["field"], text)
            return True
        except CaseError as problem:
            refused += 1
            typer.echo(f"  Sorry: {problem.message}.", err=err)
            offer = problem.suggestion
            if offer and offer != text and refused <= _TRIES + 1:
                # QA F8-37: "yes he has a fever" to "is the baby unwell?" offered 'yes'
                # with No as the default, and a hurried Enter lost the yes. A yes to a
                # yes/no question is a warning sign: Enter takes it (when unsure, up).
                takes = question.get("answer") == "boolean" and offer == "yes"
                keys = "Y/n" if takes else "y/N"
                prompt = f"  Did you mean {offer!r}? ({keys}, or type another answer) "
                typer.echo(prompt, nl=False, err=err)
                reply = sys.stdin.readline()
                ends = reply == "" or reply.strip().lower() in STOP_WORDS
                if ends and takes:
                    # QA F11-05: the answer named a warning sign ("fine apart from a
                    # fever") and the session ends before it is confirmed: it counts as
                    # a yes not yet checked (triage up), never as "not asked"
                    interview.leave_unreadable(question["field"])
                if reply == "":  # end of input
                    return False
                reply = reply.strip()
                if reply.lower() in STOP_WORDS:
                    raise _StopRequestedError from None
                if takes and reply == "":
                    reply = "y"
                if reply.lower() not in ("", "n", "no"):  # yes, or another answer typed here
                    text = offer if reply.lower() in ("y", "yes") else reply
                    continue
            if refused >= _TRIES:
                # QA F10-01: not a "don't know": a yes/no warning sign left so triages
                # up to what "yes" would give (Interview.leave_unreadable)
                counts = question.get("answer") == "boolean"
                typer.echo(
                    "  Left as not known after three tries"
                    + ("; as it could be a yes, the result counts it as one" if counts else "")
                    + "; moving on.",
                    err=err,
                )
                interview.leave_unreadable(question["field"])
                return True
            text = _ask(question, err=err, again=True)
    return False
