"""An interview over the case format: which question next, and reading answers.

The interview starts with the person's age and what the bumps look like
(colour, then where they are), then asks the engine's best next question
(highest expected information gain) one at a time, until the top condition
reaches ``confidence``, no useful question remains, or ``max_questions`` were
asked. For milia it also asks once about injuries, blistering and medicines,
which decide the milia type.

It never concludes while an unasked finding could still raise the triage level
(QA F6-20): those questions (:mod:`milia.engine.safety_probe`, found by
triaging the case with each possible answer) are asked next, the likeliest and
largest raise first, up to ``max_safety_questions`` beyond ``max_questions``.
"Don't know" (``?``, empty, ``skip``, "not sure", "no idea") leaves a field
absent: unknown, never "no"; "none" to a list question is a known empty list.
A warning sign left unanswered is named in the result
(``unanswered_warning_signs`` and a triage reason), and the level goes up to
what the answer could give when that answer is plausible for the picture (its
probability reaches the level's threshold, as in triage). A result asked for
before the safety questions were done names those not asked and is at least
routine (QA F7-07). A yes/no warning sign whose typed answer could not be read
after repeated tries (:meth:`Interview.leave_unreadable`, QA F10-01: a newborn's
fever typed as "38.5" three times) is not a "don't know": the person was trying
to say something, and the level goes up to what "yes" would give, with a line
saying the answer could not be read (when unsure, triage up). With the bumps never described,
:meth:`Interview.result_or_guidance` gives what holds whatever they look like
(:mod:`milia.engine.undescribed`, QA F7-06). Last, while a plausible answer to
an unasked question would make the result less urgent, that question is asked
(:mod:`milia.engine.settle`): the interview ends when the answer is settled.
While the bumps are not described the limit does not end the interview
(QA F8-30): "is the person unwell?" and the questions that describe the bumps
are asked past ``max_questions`` too, then the safety part as above.
Babies under 3 months are asked whether they were born early. This module
holds no I/O; the CLI and the web app drive it; typed answers are read by
:mod:`milia.engine.answers`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from milia.engine.answers import DONT_KNOW, as_text, number_ends, parse_answer
from milia.engine.assess import assess_valid
from milia.engine.case import (
    BOOLEAN_FIELDS,
    LIST_FIELDS,
    case_age_days,
    describes_bumps,
    validate_case,
)
from milia.engine.interview_errors import in_plain_words
from milia.engine.interview_order import (
    ALL_QUESTIONS,
    BORN_EARLY_BELOW_DAYS,
    COUNT_QUESTIONS,
    DESCRIBING,
    FIRST,
    MANY_BUMPS,
    PERSON_SAFETY,
    SHOWN_QUESTIONS,
    SINCE_BIRTH,
    TYPE_QUESTIONS,
    first_item,
    raise_reasons,
    since_birth_values,
)
from milia.engine.model import condition_model
from milia.engine.plain_words import says_hesitant, says_none
from milia.engine.questions import (
    offered_options,
    question_name,
)
from milia.engine.rule_possible import possible_flag_fields
from milia.engine.safety_probe import SafetyQuestion, probed_fields, safety_questions
from milia.engine.settle import settling_questions
from milia.engine.triage import LEVELS, triage_policy
from milia.engine.unanswered import question_text, with_unanswered
from milia.engine.undescribed import undescribed_result
from milia.errors import CaseError

__all__ = ["DONT_KNOW", "Interview", "parse_answer"]


@dataclass
class Interview:
    """State of one interview: the case so far and the questions already asked."""

    max_questions: int = 12
    confidence: float = 0.9
    case: dict[str, Any] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    # safety questions (an answer could raise the triage level) asked beyond max_questions
    max_safety_questions: int = 40
    # questions whose typed answers could not be read after repeated tries (QA F10-01)
    unreadable: list[str] = field(default_factory=list)
    # yes/no questions answered with a hesitation ("maybe", "not sure"; QA F15-03)
    hesitant: list[str] = field(default_factory=list)

    def ready(self) -> bool:
        """Whether the case describes the bumps enough to be assessed."""
        return describes_bumps(self.case)

    def result(self) -> dict[str, Any] | None:
        """The assessment of the case so far (None if nothing describes the bumps).

        A question answered "don't know" whose answer could raise the level is a
        warning sign left open (:func:`~milia.engine.unanswered.with_unanswered`).
        So is one never asked because the interview stopped before its safety
        questions were done (the input ended, "show the result now"; QA F7-07).
        """
        if not self.ready():
            return None
        result = self._assessed()
        clean = validate_case(self.case)
        unanswered = [f for f in self.asked if f not in self.case]
        unasked = [f for f in probed_fields() if f not in self.asked and f not in clean]
        signs: list[SafetyQuestion] = []
        if unanswered or unasked:  # an answer that could raise the level is not known
            _, signs = safety_questions(clean, only=[*unanswered, *unasked])
        days = case_age_days(clean)
        unread = [f for f in self.unreadable if f in unanswered]
        unsure = [f for f in self.hesitant if f in unanswered]
        return with_unanswered(
            result,
            signs,
            age_days=days,
            unasked=unasked,
            case=clean,
            unreadable=unread,
            hesitant=unsure,
        )

    def result_or_guidance(self) -> dict[str, Any]:
        """The assessment, or when nothing describes the bumps, what holds whatever
        they look like (:func:`~milia.engine.undescribed.undescribed_result`: at least
        routine, with any warning sign already given, e.g. an unwell newborn; QA F7-06)."""
        result = self.result()
        if result is not None:
            return result
        return undescribed_result(self.case)

    def _assessed(self, *, shown: int = SHOWN_QUESTIONS) -> dict[str, Any]:
        """``assess`` of the case so far, its next ``shown`` questions past those asked."""
        # ranked past the questions already asked, so that some remain to show
        # (a newborn's parent who answered "don't know" got none: session 6)
        wanted = shown + len(self.asked)
        result = assess_valid(validate_case(self.case), n_questions=wanted)
        result["next_questions"] = [
            q for q in result["next_questions"] if question_name(q["field"]) not in self.asked
        ][:shown]
        return result

    def _worded(self, question: dict[str, Any]) -> dict[str, Any]:
        """The question in words that fit the person (a young baby's spots in days,
        "is the baby unwell" only for babies)."""
        text = question_text(question["field"], case_age_days(self.case))
        return {**question, "question": text} if text else question

    def next_question(self) -> dict[str, Any] | None:
        """The next question as ``{"field", "question", "answer", "options"}``, or None."""
        question = self._next_question()
        if question is None:
            return None
        # the question's own name (the assessment's field is the case key: age_years)
        question = {**question, "field": question_name(question["field"])}
        days = case_age_days(self.case)
        options = offered_options(question["field"], question["options"], days)
        return {**self._worded(question), "options": options}

    def _next_question(self) -> dict[str, Any] | None:
        if len(self.asked) < self.max_questions:
            question = self._informative_question()
            if question is not None:
                return question
        if not self.ready():
            return self._undescribed_question()
        return self._safety_question() or self._settling_question()

    def _undescribed_question(self) -> dict[str, Any] | None:
        """While the bumps are not described, past ``max_questions`` too: "is the person
        unwell?" (a warning sign whatever the bumps look like), then the questions that
        describe the bumps; None when all were asked (QA F8-30: with
        ``--max-questions 1`` a newborn's "unwell?" was never asked)."""
        if len(self.asked) >= self.max_questions + self.max_safety_questions:
            return None
        for name in (*PERSON_SAFETY, *DESCRIBING):
            if name not in self.asked:
                return first_item(name)
        return None

    def _safety_question(self) -> dict[str, Any] | None:
        """The unasked question whose answer could raise the triage level most, or None."""
        if len(self.asked) >= self.max_questions + self.max_safety_questions:
            return None
        clean = validate_case(self.case)
        _, found = safety_questions(clean, skip=self.asked)
        if found:
            field_name, level = found[0].field, found[0].raises_to
            together = ""
        else:  # a warning sign that needs two or more unasked findings
            unknown = [f for f in probed_fields() if f not in self.asked and f not in clean]
            possible = possible_flag_fields(self._assessed(), clean, case_age_days(clean), unknown)
            if not possible:
                return None
            _, level, fields = possible[0]
            field_name = next(f for f in unknown if f in fields)
            together = " together with other answers"
        words = triage_policy(condition_model().classes).level_words[LEVELS[level]]
        reason = f"safety: an answer{together} could make this {LEVELS[level]} ({words})"
        return {**first_item(field_name), "reason": reason}

    def _settling_question(self) -> dict[str, Any] | None:
        """The unasked question whose plausible answers would lower the level, or None
        (:mod:`milia.engine.settle`): the interview ends when the answer is settled."""
        if len(self.asked) >= self.max_questions + self.max_safety_questions:
            return None
        found = settling_questions(validate_case(self.case), skip=self.asked)
        if not found:
            return None
        level = LEVELS[found[0].lowers_to]
        words = triage_policy(condition_model().classes).level_words[level]
        reason = f"settle: an answer could make this {level} ({words})"
        return {**first_item(found[0].field), "reason": reason}

    def _informative_question(self) -> dict[str, Any] | None:
        """The next question of the first part (age, looks, information gain), or None."""
        for name in FIRST:
            if name not in self.asked:
                return first_item(name)
        if not self.ready():
            for name in DESCRIBING:
                if name not in self.asked:
                    return first_item(name)
            return None
        onset = "onset" not in self.asked and self.case.get("count", 0) >= MANY_BUMPS
        if onset:
            return first_item("onset")
        # every question: those that could raise the level (assess() puts them first)
        # are left to the safety part, which tests each answer (QA F6-20)
        result = self._assessed(shown=ALL_QUESTIONS)
        # keep room for how many bumps (and, for many, the onset: the eruptive-onset
        # and count-based flags; re-check NEW-2) and, for milia, the questions that
        # decide the type and reach the syndromic and blistering-disease flags (QA F2-69)
        remaining = self._reserved(milia=result["milia_type"] is not None)
        keep_room = len(self.asked) + len(remaining) + 1 >= self.max_questions
        if remaining and keep_room:
            return first_item(remaining[0])
        top = result["differential"][0]
        done = top["probability"] >= self.confidence and len(self.asked) >= len(FIRST) + 2
        # the questions that could raise the level go back to their place by gain:
        # the safety part tests each of their answers (QA F6-20)
        raising = raise_reasons()
        first = [q for q in result["next_questions"] if q.get("reason") not in raising]
        ranked = [q for q in first if not q.get("reason")]
        ranked += [{**q, "reason": None} for q in result["next_questions"] if q not in first]
        ranked.sort(key=lambda q: -q["expected_information_gain"])
        for q in [q for q in first if q.get("reason")] + ranked:
            if question_name(q["field"]) not in self.asked and (not done or q.get("reason")):
                return {k: v for k, v in q.items() if v is not None or k != "reason"}
        remaining = self._reserved(milia=result["milia_type"] is not None)
        return first_item(remaining[0]) if remaining else None

    def _reserved(self, *, milia: bool) -> list[str]:
        """The questions still to fit within ``max_questions``, in the order to ask them:
        the count and (unless fewer than 20 bumps are known) the onset, then, for milia,
        the type and rare-finding questions. The onset holds a place only while the count
        is unasked (it is asked right after a count of 20 or more), so it never comes
        first."""
        many = "count" not in self.asked or self.case.get("count", 0) >= MANY_BUMPS
        names = [n for n in COUNT_QUESTIONS if n not in self.asked]
        if "onset" not in self.asked and many:
            names.append("onset")
        days = case_age_days(self.case)
        if days is not None and days < BORN_EARLY_BELOW_DAYS and "premature" not in self.asked:
            names.append("premature")
        if milia:
            names.extend(n for n in TYPE_QUESTIONS if n not in self.asked)
        return names

    def _warning_end(
        self, field_name: str, ends: tuple[float, float], middle: dict[str, Any]
    ) -> dict[str, Any]:
        """Of a range's two ends ("1-2" bumps), the one whose result is more urgent with
        the answers so far (QA F11-18: when unsure, triage up); the middle when both ends
        give the same level or the bumps are not described yet."""
        levels: list[tuple[int, float | int]] = []
        for end in ends:
            value: float | int = math.floor(end + 0.5) if field_name == "count" else end
            try:
                trial = validate_case({**self.case, field_name: value})
            except CaseError:
                return middle
            if not describes_bumps(trial):
                return middle
            level = assess_valid(trial, n_questions=0)["triage"]["level"]
            levels.append((LEVELS.index(level), value))
        if levels[0][0] == levels[1][0]:
            return middle
        return {field_name: max(levels, key=lambda lv: lv[0])[1]}

    def leave_unreadable(self, field_name: str) -> None:
        """Leave ``field_name`` not known because its typed answers could not be read
        (the CLI: after three tries). Unlike "don't know", a yes/no warning sign so
        left triages up to the level its "yes" would give (QA F10-01); an answer read
        later replaces it."""
        self.case.pop(field_name, None)
        if field_name not in self.asked:
            self.asked.append(field_name)
        if field_name not in self.unreadable:
            self.unreadable.append(field_name)
        if field_name in self.hesitant:
            self.hesitant.remove(field_name)

    def answer(self, field_name: str, text: object) -> None:
        """Record a typed answer (raises :class:`CaseError` to ask again).

        A duration given as "since birth" is the person's age in weeks (and the
        bumps were there at birth); it needs the age first. A hesitant answer to a
        yes/no question ("maybe", "not sure", "I think so") leaves it not known, as
        "don't know" does, but a warning sign so answered triages up to what "yes"
        would give (QA F15-03: when unsure, triage up).
        """
        said = " ".join(as_text(field_name, text).strip().lower().split())
        if field_name in BOOLEAN_FIELDS and says_hesitant(said):
            self.case.pop(field_name, None)
            if field_name not in self.asked:
                self.asked.append(field_name)
            if field_name in self.unreadable:
                self.unreadable.remove(field_name)
            if field_name not in self.hesitant:
                self.hesitant.append(field_name)
            return
        if field_name == "duration_weeks" and as_text(field_name, text).strip().lower() in (
            SINCE_BIRTH
        ):
            values: dict[str, Any] | None = since_birth_values(self.case)
        else:
            values = parse_answer(field_name, text)
            said = " ".join(as_text(field_name, text).strip().lower().split())
            if values is None and field_name in LIST_FIELDS and says_none(said):
                if field_name == "sites":  # bumps are somewhere: ask again
                    raise CaseError(
                        "say where the bumps are (one or more places, e.g. 'eyelids, "
                        "cheeks'), or ? if you don't know",
                        field=field_name,
                    )
                values = {field_name: []}  # "none of these" is known, unlike "don't know"
        if values is not None and (ends := number_ends(field_name, text)) is not None:
            values = self._warning_end(field_name, ends, values)
        if values is not None:
            trial = {**self.case, **values}
            if field_name == "age":
                trial.pop("age_days" if "age_years" in values else "age_years", None)
            try:
                validate_case({**trial, "color": trial.get("color", "white")})
            except CaseError as err:
                raise in_plain_words(err, trial) from None
            self.case = trial
        if field_name not in self.asked:
            self.asked.append(field_name)
        if field_name in self.unreadable:  # read now (or "don't know" said plainly)
            self.unreadable.remove(field_name)
        if field_name in self.hesitant:  # answered again, surely or "don't know"
            self.hesitant.remove(field_name)
