"""How a result is presented in plain words: the web page and the CLI text say it alike.

Warning signs come first, most urgent first; when a warning sign raises the
level, the engine's line about a calm most likely condition ("most likely X
(64%), which usually needs no urgent care") comes after them and is worded so
that it never reads as contradicting the headline (QA F1-10). Texts and
sources are otherwise the engine's; nothing here changes the assessment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from milia.kb.loader import read_yaml

__all__ = [
    "ordered_fresh",
    "ordered_reasons",
    "outside_listed",
    "percent_shown",
    "ranking_note",
    "triage_reasons",
    "warning_signs",
]

_CALM_TOP = re.compile(
    r"most likely (?P<name>.+) \((?P<share>[^()]*%)\), which usually needs no urgent care"
)


_LEVEL_RANK = {"self_care": 0, "routine": 1, "soon": 2, "urgent": 3}


def percent_shown(probability: float, *, decimals: int = 1) -> str:
    """A condition's probability as a list shows it, never "100%" (QA F16-02).

    A description typed by a person cannot make a condition certain, so a
    probability that would round to 100 is shown as ">99.9%" (or ">99%" with no
    decimals), as the triage reasons say ">99%".

    Parameters
    ----------
    probability : float
        From 0 to 1.
    decimals : int, optional
        Digits after the decimal point (1 in the CLI text, 0 on the web page).

    Returns
    -------
    str
        E.g. "64.2%", "0.3%", ">99.9%".

    Examples
    --------
    >>> percent_shown(0.9998), percent_shown(0.642), percent_shown(0.996, decimals=0)
    ('>99.9%', '64.2%', '>99%')
    """
    shown = f"{probability:.{decimals}%}"
    if float(shown.rstrip("%")) >= 100.0:
        return ">" + ("99." + "9" * decimals if decimals else "99") + "%"
    return shown


def warning_signs(result: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The red flags, most urgent first (the engine's order among equals)."""
    flags = [f for f in result.get("red_flags") or [] if isinstance(f, Mapping)]
    return sorted(flags, key=lambda f: -_LEVEL_RANK.get(str(f.get("level")), 0))


#: From this share outside the 23 conditions, the page and the CLI text say so above
#: the list (the printed probabilities are then small, and a bare "3 %" reads oddly);
#: from the same share triage is at least routine (red_flags.yaml policy ``not_listed``)
OUTSIDE_SHOWN = float(read_yaml("model/red_flags.yaml")["policy"]["not_listed"]["share"])


def outside_listed(result: Mapping[str, Any]) -> float | None:
    """The share of the model's estimate outside the 23 listed conditions, when it is
    at least :data:`OUTSIDE_SHOWN` (else None): the result's ``not_listed`` probability,
    or 1 minus the printed differential's sum for a result without it.

    The differential sums below 1 by the "not one of the listed conditions" share
    (docs/knowledge.md, session 9); QA F9-C11 found that the text showed "3.2 %
    Fordyce spots" first with nothing said about the other 92 % of a cold sore's
    picture.
    """
    items = [d for d in result.get("differential") or [] if isinstance(d, Mapping)]
    if not items:
        return None
    given = result.get("not_listed")  # the assessment's own member (session 10)
    if isinstance(given, Mapping) and isinstance(given.get("probability"), int | float):
        outside = float(given["probability"])
    else:  # a result stored before the member existed
        outside = 1.0 - sum(float(d.get("probability") or 0.0) for d in items)
    return outside if outside >= OUTSIDE_SHOWN else None


def _condition_levels() -> dict[str, int]:
    """Each condition's own level (red_flags.yaml ``condition_levels``) as its rank."""
    table = read_yaml("model/red_flags.yaml")["condition_levels"]
    return {str(c): _LEVEL_RANK[str(entry["level"])] for c, entry in table.items()}


_OWN_LEVEL = _condition_levels()


def ranking_note(result: Mapping[str, Any]) -> str | None:
    """The sentence above the list of conditions when a warning sign outranks it, or None.

    QA F14B-04: a newborn's grouped blisters were "see a doctor today" (the herpes
    warning), and the list under it opened with "98 % miliaria crystallina (sweat
    rash)", a harmless rash: the headline reassured against the warning. When a red
    flag asks for a doctor within days or today and the most likely condition would
    on its own need less, the web page and the CLI text (also the interview's ending)
    say first that the warning signs come first and that the list only ranks the
    conditions this tool knows. Nothing in the assessment changes.

    Parameters
    ----------
    result : Mapping
        An assessment (``red_flags`` and ``differential`` are read).

    Returns
    -------
    str or None
        The sentence, or None when no soon or urgent warning sign outranks the most
        likely condition's own level.
    """
    signs = warning_signs(result)
    items = [d for d in result.get("differential") or [] if isinstance(d, Mapping)]
    if not signs or not items:
        return None
    worst = _LEVEL_RANK.get(str(signs[0].get("level")), 0)
    own = _OWN_LEVEL.get(str(items[0].get("condition")), 0)
    if worst < _LEVEL_RANK["soon"] or worst <= own:
        return None
    when = "today" if worst == _LEVEL_RANK["urgent"] else "within days"
    return (
        f"The warning signs above come first: see a doctor {when}. The list below only "
        "ranks the description among the conditions this tool knows; it does not rule out "
        "what the warning signs are about, which may not be on the list."
    )


def triage_reasons(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The triage reasons as the result page lists them: warning signs first, most urgent first.

    When a warning sign raises the level, the engine's line about a calm most
    likely condition ("most likely X (64%), which usually needs no urgent care")
    comes after the warning signs and is worded so that it never reads as
    contradicting the headline (QA F1-10). Texts and sources are otherwise the
    engine's. Since QA F6-07 :func:`milia.assess` returns its reasons in this
    order already (:func:`ordered_reasons`); applying it again changes nothing.
    """
    triage = result.get("triage") or {}
    raw = [r if isinstance(r, Mapping) else {"text": str(r)} for r in triage.get("reasons") or []]
    flags = {
        str(f.get("message")): _LEVEL_RANK.get(str(f.get("level")), 0)
        for f in result.get("red_flags") or []
        if isinstance(f, Mapping)
    }
    return ordered_reasons(str(triage.get("level")), raw, flags)


def ordered_reasons(
    level: str, reasons: Sequence[Mapping[str, Any]], flag_levels: Mapping[str, int]
) -> list[dict[str, Any]]:
    """Triage reasons in the safe order: the warning signs' reasons first, most urgent
    first (``flag_levels``: each red flag's message -> its level's rank), then the rest;
    above self-care the calm line about the most likely condition is reworded and put
    last, so that no client showing ``reasons[0]`` reads "no urgent care" under an
    urgent level (QA F6-07). Texts and sources are otherwise unchanged."""
    flags = flag_levels
    first: list[tuple[int, dict[str, Any]]] = []  # (minus the flag's level, the reason)
    rest: list[dict[str, Any]] = []
    for reason in reasons:
        rank = flags.get(str(reason.get("text") or reason.get("message")))
        if rank is None:
            rest.append(dict(reason))
        else:
            first.append((-rank, dict(reason)))
    if len(first) > 1:  # most urgent first (stable among equals)
        first.sort(key=_urgency)
    if level != "self_care":
        _calm_last(rest, after_signs=bool(first))
    return [reason for _, reason in first] + rest


def ordered_fresh(
    level: str, reasons: list[dict[str, Any]], flag_levels: Mapping[str, int]
) -> list[dict[str, Any]]:
    """:func:`ordered_reasons` of the engine's own reasons, without copying them.

    For reasons made for one result and held nowhere else (fresh dicts, as
    :mod:`milia.engine.fast` makes them): the same order and texts, with the
    dicts themselves in the list returned; the calm line is reworded in place and
    ``reasons`` itself may be returned, reordered. A reason whose text is not a
    non-empty str (none of the engine's) goes the general way.
    """
    if not flag_levels:  # the order stays; above self-care the calm line goes last
        if level != "self_care":
            _calm_last(reasons, after_signs=False)
        return reasons
    first: list[tuple[int, dict[str, Any]]] = []
    rest = []
    for reason in reasons:
        text = reason.get("text")
        if not text or type(text) is not str:
            return ordered_reasons(level, reasons, flag_levels)
        rank = flag_levels.get(text)
        if rank is None:
            rest.append(reason)
        else:
            first.append((-rank, reason))
    if len(first) > 1:
        first.sort(key=_urgency)
    if level != "self_care":
        _calm_last(rest, after_signs=bool(first))
    return [reason for _, reason in first] + rest


def _calm_last(rest: list[dict[str, Any]], *, after_signs: bool) -> None:
    """Reword the first calm line about the most likely condition among ``rest`` and
    move it last (in place; see :func:`ordered_reasons`)."""
    for at, reason in enumerate(rest):
        text = str(reason.get("text") or "")
        reworded = _reworded(text) if text.startswith("most likely ") else None
        if reworded is not None:
            reason["text"] = reworded[after_signs]
            del rest[at]
            rest.append(reason)
            return


# a calm line's two rewordings (index: after warning signs), kept by its text: the regex
# costs ~2.4 us a call and a few thousand texts recur (23 conditions x a few hundred shares)
@lru_cache(maxsize=20_000)
def _reworded(text: str) -> tuple[str, str] | None:
    """The rewordings of a calm line (see :func:`_calm_last`), or None for another text."""
    calm = _CALM_TOP.fullmatch(text)
    if calm is None:
        return None
    return (
        f"The most likely condition, {calm['name']} ({calm['share']}), would "
        "usually need no urgent care on its own; the other reasons here come first.",
        f"This advice follows the warning signs above: they matter more than the "
        f"most likely condition, {calm['name']} ({calm['share']}), which on its own "
        "would usually need no urgent care.",
    )


def _urgency(pair: tuple[int, dict[str, Any]]) -> int:
    return pair[0]
