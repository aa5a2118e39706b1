"""The safety scan: drugs and prohibited substances named in text that was not read.

A red flag must not vanish because a label was mangled ("Hydrocortisone 1%
Anti-itch") or because the drug sits in prose around the list ("formulated
with hydrocortisone"): the corticosteroid, fluorouracil, hydroquinone and
anomaly rules of :mod:`milia.ingredients.rules` are also tried on the words of
items the lexicon could not map and on dropped prose, except where the text
says the drug is absent ("steroid-free", "no hydrocortisone").
"""

from __future__ import annotations

import re
from functools import lru_cache

from milia.ingredients.keys import spaced_key
from milia.ingredients.rule_types import Flag, Rule, round_weight

__all__ = ["AlarmScanner"]


class AlarmScanner:
    """Flags of drugs named inside unreadable text (match results cached per text).

    Parameters
    ----------
    rules : tuple of Rule
        All category rules; only anomalies and the safety categories are used.
    """

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self._rules = tuple(
            r for r in rules if r.effect == "anomaly" or r.category in _SAFETY_CATEGORIES
        )
        self._alarm_rules = lru_cache(maxsize=16384)(self._alarm_rules_uncached)

    def scan(self, text: str, *, named: bool = False) -> list[Flag]:
        """Flags of prohibited or milia-triggering drugs named inside an unrecognised item.

        Such flags are weighted as if at position 1 (triage up). A flag's
        ``inci`` is the item's text as a spaced key, which is how a reader
        pairs it with its unrecognised entry; with ``named`` (prose, which no
        entry shows) it is the drug found ("HYDROCORTISONE"), not the whole
        sentence.

        Parameters
        ----------
        text : str
            An unrecognised item, or prose dropped from a list.
        named : bool, optional
            Whether ``text`` is prose: each flag then names the drug found.

        Returns
        -------
        list of Flag
            One flag per matching rule, with its weight, evidence and sources.
        """
        upper = spaced_key(text)
        return [
            Flag(
                inci=_drug_named(upper, rule) if named else upper,
                category=rule.category,
                effect=rule.effect,
                weight=round_weight(rule.weight),
                evidence=rule.evidence_text,
                sources=list(rule.sources),
                position=None,
                shown_as=rule.effect,
            )
            for rule in self._alarm_rules(upper)
        ]

    def prose(self, texts: list[str]) -> list[Flag]:
        """:meth:`scan` flags for prose dropped from a list, except negations.

        "Formulated with hydrocortisone" must not vanish with the prose around
        it; "steroid-free" or "no hydrocortisone" is not a finding.

        Parameters
        ----------
        texts : list of str
            The prose dropped from the list (headers, sentences).

        Returns
        -------
        list of Flag
            One flag per rule however much prose names it.
        """
        found: dict[tuple[str, str], Flag] = {}  # one flag per rule, however much prose
        for text in texts:
            if not _NEGATION.search(text):
                for flag in self.scan(text, named=True):
                    found.setdefault((flag["category"], flag["effect"]), flag)
        return list(found.values())

    def _alarm_rules_uncached(self, upper: str) -> tuple[Rule, ...]:
        found: list[Rule] = []
        padded = f" {upper} "
        for rule in self._rules:
            if (
                any(p.search(upper) for p in rule.patterns)
                or any(f" {name} " in padded for name in rule.inci)
            ) and not _negated(upper, _drug_named(upper, rule)):
                found.append(rule)
        return tuple(found)


_SAFETY_CATEGORIES = frozenset({"corticosteroid", "fluorouracil", "hydroquinone"})
_NEGATION = re.compile(r"\b(?:free|no|non|not|never|without|zero)\b|\b0\s*%", re.IGNORECASE)

#: Ester and salt words that belong to a drug's name ("CLOBETASOL PROPIONATE").
_ESTER_WORDS = frozenset(
    [
        "ACETATE",
        "ACETONIDE",
        "ACEPONATE",
        "BUTYRATE",
        "BUTEPRATE",
        "DIACETATE",
        "DIPROPIONATE",
        "FUROATE",
        "PIVALATE",
        "PROPIONATE",
        "VALERATE",
        "PROBUTATE",
        "SUCCINATE",
        "PHOSPHATE",
        "SODIUM",
        "CAPROATE",
    ]
)


def _drug_named(upper: str, rule: Rule) -> str:
    """The drug a rule found in a longer text, with its ester words, not the whole text.

    "HYDROCORTISONE 1 PURPOSE ANTI ITCH USES ..." names HYDROCORTISONE;
    "APPLY CLOBETASOL PROPIONATE OINTMENT" names CLOBETASOL PROPIONATE.
    """
    padded = f" {upper} "
    listed = [name for name in rule.inci if f" {name} " in padded]
    if listed:
        return max(listed, key=len)
    words = upper.split()
    for i, word in enumerate(words):
        if any(p.search(word) for p in rule.patterns):
            end = i + 1
            while end < len(words) and words[end] in _ESTER_WORDS:
                end += 1
            return " ".join(words[i:end])
    return upper


def _negated(upper: str, drug: str) -> bool:
    """True when the drug is named only to say it is absent.

    "CORTISONE FREE FORMULA", "NO HYDROCORTISONE", "WITHOUT ADDED CORTISONE" name no
    drug in the product; "HYDROCORTISONE 1 NO DRIP FORMULA" and "CLOBETASOL PROPIONATE
    FREE BASE" do (the negation must touch the drug's name; when unsure, flag).
    """
    name = re.escape(drug)
    return (
        # "... FREE BASE" / "FREE ACID" is chemistry (the drug itself), not an absence
        re.search(rf"\b{name} FREE\b(?! (?:BASE|ACID|ALCOHOL|FORM|SALT|AMINE)\b)", upper)
        is not None
        or re.search(rf"\b(?:NO|WITHOUT|FREE OF|FREE FROM)(?: \w+){{0,2}} {name}\b", upper)
        is not None
    )
