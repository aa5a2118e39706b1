"""The warning signs and advice items of the knowledge base, as records to browse.

The red-flag rules (``model/red_flags.yaml``) decide how soon to see a doctor and
the advice items (``model/advice.yaml``) decide what is said; a clinic that
adopts milia reviews them in one place (QA F11-19). :func:`rule_records` reads
either file as plain records: id, level (red flags), the words shown to the user,
when it applies (the rule, and the same rule in words by :func:`describe_rule`),
and its sources. The engine compiles the same files
(:mod:`milia.engine.triage_load`, :mod:`milia.engine.advice`); this module only
reads them, so the kb layer does not depend on the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from milia.kb.loader import read_yaml
from milia.kb.schema import EVIDENCE_RANK

__all__ = ["RULE_KINDS", "describe_rule", "rule_records"]

RuleKind = Literal["red_flags", "advice"]
#: the two rule files, by record kind
RULE_KINDS: dict[RuleKind, str] = {
    "red_flags": "model/red_flags.yaml",
    "advice": "model/advice.yaml",
}

_COMPARE = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


def _value(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    return str(value)


def _days(days: Any) -> str:
    """An age limit in days, with its years when it is a whole number of them."""
    years = float(days) / 365.25
    if years >= 1 and abs(years - round(years)) < 1e-9:
        return f"{days} days ({round(years)} years)"
    return f"{days} days"


def _leaf(spec: Mapping[str, Any]) -> str:
    if "field" in spec:
        field = str(spec["field"])
        for word, text in (("is", "is"), ("has", "includes"), ("in", "is one of")):
            if word in spec:
                return f"{field} {text} {_value(spec[word])}"
        if "has_any" in spec:
            return f"{field} includes any of {_value(spec['has_any'])}"
        for word, sign in _COMPARE.items():
            if word in spec:
                return f"{field} {sign} {_value(spec[word])}"
    if "missing" in spec:
        return f"{spec['missing']} not answered"
    if "age_days_lt" in spec:
        return f"age under {_days(spec['age_days_lt'])}"
    if "age_days_ge" in spec:
        return f"age at least {_days(spec['age_days_ge'])}"
    if "age_unknown" in spec:
        return "age not known"
    if "top" in spec:
        within = int(spec.get("within", 1))
        place = "first" if within == 1 else f"among the first {within}"
        return f"{spec['top']} {place} in the differential"
    if "chance_of" in spec:
        return f"chance of {spec['chance_of']} >= {_value(spec.get('ge'))}"
    if "milia_type" in spec:
        kinds = spec["milia_type"]
        return f"milia type is {'one of ' if isinstance(kinds, list) else ''}{_value(kinds)}"
    if "atypical" in spec:
        a = spec["atypical"]
        return (
            f"at least {a.get('min_findings')} findings the top condition shows in under "
            f"{a.get('against_probability')} of cases"
        )
    if "always" in spec:
        return "always"
    return ", ".join(f"{k}: {_value(v)}" for k, v in spec.items())


def describe_rule(spec: Any, *, indent: str = "") -> list[str]:
    """Say a rule of the rule vocabulary (header of ``red_flags.yaml``) in words.

    Parameters
    ----------
    spec : Any
        A rule as read from the YAML (``{all: [...]}``, ``{field: F, is: V}``, ...).
    indent : str, keyword-only
        Prefix of every line (nested parts are indented two spaces more).

    Returns
    -------
    list of str
        One line per condition; ``all of:`` / ``any of:`` / ``not:`` head their parts.
    """
    if isinstance(spec, list):
        return [line for part in spec for line in describe_rule(part, indent=indent)]
    if not isinstance(spec, Mapping):
        return [f"{indent}{_value(spec)}"]
    for word, head in (("all", "all of:"), ("any", "any of:")):
        if word in spec and len(spec) == 1:
            return [f"{indent}{head}", *describe_rule(spec[word], indent=indent + "  ")]
    if "not" in spec and len(spec) == 1:
        inner = describe_rule(spec["not"], indent=indent + "  ")
        if len(inner) == 1:
            return [f"{indent}not: {inner[0].strip()}"]
        return [f"{indent}not:", *inner]
    return [f"{indent}{_leaf(spec)}"]


def rule_records(kind: RuleKind) -> dict[str, dict[str, Any]]:
    """Read the red flags or the advice items as records, in file order.

    Parameters
    ----------
    kind : {"red_flags", "advice"}
        Which rule file.

    Returns
    -------
    dict of str to dict
        By id: ``id``, ``kind``, ``level`` (red flags; advice has none), ``text``
        (the words shown to the user), ``when`` (the rule as written), ``when_words``
        (:func:`describe_rule`), ``sources`` and ``evidence`` (the item's own, else
        the strongest its sources support, as the engine states it).
    """
    data = read_yaml(RULE_KINDS[kind])
    items = data["flags"] if kind == "red_flags" else data["items"]
    levels_of = {e["id"]: str(e["evidence"]) for e in read_yaml("bibliography.yaml")["sources"]}
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        text = item.get("message") or item.get("text") or item.get("message_template") or ""
        record: dict[str, Any] = {"id": str(item["id"]), "kind": kind}
        if kind == "red_flags":
            record["level"] = str(item["level"])
        record["text"] = str(text)
        when = item.get("when", {"always": True})
        record["when"] = when
        record["when_words"] = describe_rule(when)
        if item.get("likely"):
            record["only_when_likely"] = [str(c) for c in item["likely"]]
        if item.get("outside"):  # QA F14B-07
            record["only_when_outside"] = True
        record["sources"] = [str(s) for s in item.get("sources", [])]
        stated = item.get("evidence")
        if not stated and record["sources"]:
            known = [levels_of[s] for s in record["sources"] if s in levels_of]
            stated = max(known, key=EVIDENCE_RANK.__getitem__) if known else None
        record["evidence"] = stated
        out[record["id"]] = record
    return out
