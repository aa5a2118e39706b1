"""A worse finding never lowers the triage level (QA F10-11, F10-12; the tester's mono.py).

Each case of the project's case sets (literature, plain, new-user, new-user 2 and the
contract examples) gets one "worse" finding at a time: unwell, painful, bleeding,
growing, spreading, a sudden onset, inflamed, on a red patch, blisters (as a surface
and as a history), fragile skin, a pearly colour, crusts, pus, five times the bumps,
three times the size. No variant may come out less urgent than the case itself,
except the documented ones below, each with its reason (none is a warning sign
losing its flag). Deterministic: the same cases and findings every run, assessed
in one batch (``assess_many``); a seeded sample is checked on the one-case path too.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from milia.engine.assess import assess, assess_many
from milia.engine.case import validate_case
from milia.engine.triage import level_rank
from milia.errors import CaseError

_DATA = Path(__file__).resolve().parents[2] / "data"
_SETS = (
    "cases_literature.jsonl",
    "cases_plain.jsonl",
    "cases_newuser.jsonl",
    "cases_newuser2.jsonl",
    "cases/examples.jsonl",
)
#: one worse finding each: a field's new value, or (for lists and numbers) how to change it
WORSE: dict[str, dict[str, Any]] = {
    "unwell": {"unwell": True},
    "painful": {"painful": True},
    "bleeding": {"bleeding": True},
    "growing": {"growing": True},
    "spreading": {"course": "spreading"},
    "eruptive": {"onset": "eruptive"},
    "inflamed": {"inflamed": True},
    "red_plaque": {"on_red_plaque": True},
    "blisters": {"surface": "vesicle"},
    "blistering_history": {"history+": "blistering_at_site"},
    "fragility": {"history+": "skin_fragility"},
    "pearly": {"color": "pearly_translucent"},
    "crusted": {"surface": "crusted"},
    "pus": {"content": "pus"},
    "more": {"count*": 5},
    "bigger": {"diameter_mm*": 3},
}
#: (case id, finding): why the level may drop there (reported to the coordinator, session 10)
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("L65", "more"): "15 -> 75 mobile lumps: steatocystoma multiplex (many lumps by definition) "
    "becomes certain; the routine was 'fits several conditions', not a warning sign",
    ("L67", "crusted"): "an 8-year-old's 2.5 mm chest papules with crusts: how eruptive vellus "
    "hair cysts look [evt]; the routine came from the unknown surface and from milia "
    "persisting in a child, which the crusts make unlikely",
    ("P47", "bigger"): "a sore white pus spot of 1 -> 3 mm becomes certain acne; the routine "
    "was 'fits several conditions'",
    ("P84", "pearly"): "replaces the honey-yellow colour of spreading crusts (impetigo's flag "
    "names the colours crusts of impetigo have): a colour swap, not an added sign",
    ("P86", "crusted"): "replaces painful blisters near the eye by crusts not said to be grouped "
    "(a picked spot crusts too): still soon; grouped crusts there are urgent",
    ("P87", "more"): "one changing brown spot (melanoma's sign, soon) -> five spreading brown "
    "spots, how seborrhoeic keratoses appear (changing_brown_spot is for one or two)",
    **{
        (case_id, "more"): "dark_spot_adult (QA F10-02) is for one or two brown spots in an adult "
        "(a new one can rarely be a melanoma); five or more are how seborrhoeic keratoses look"
        for case_id in ("L90", "P33", "P89", "N56")
    },
    ("N41", "more"): "a single sebaceous-hyperplasia-like bump is where basal cell carcinoma is "
    "the look-alike (routine); many are the usual sebaceous hyperplasia",
}


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for name in _SETS:
        for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out.append((str(item["id"]), item["case"]))
    return out


def _worse(case: dict[str, Any], change: dict[str, Any]) -> dict[str, Any] | None:
    """``case`` with one worse finding, or None when it has it already or is not valid."""
    out = dict(case)
    for key, value in change.items():
        if key.endswith("+"):
            out[key[:-1]] = sorted({*case.get(key[:-1], []), value})
        elif key.endswith("*"):
            field = key[:-1]
            start = case.get(field, 5 if field == "count" else 1)
            out[field] = min(100, start * value) if field == "diameter_mm" else int(start * value)
        else:
            out[key] = value
    if out == case:
        return None
    try:
        validate_case(out)
    except CaseError:  # e.g. a count beyond the format's limit
        return None
    return out


def _variants() -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str, dict[str, Any]]]]:
    cases = _cases()
    variants = [
        (case_id, name, worse)
        for case_id, case in cases
        for name, change in WORSE.items()
        if (worse := _worse(case, change)) is not None
    ]
    return cases, variants


def test_a_worse_finding_never_lowers_the_level() -> None:
    cases, variants = _variants()
    base = {
        cid: r["triage"]["level"]
        for (cid, _), r in zip(cases, assess_many([c for _, c in cases]), strict=True)
    }
    results = assess_many([v for _, _, v in variants])
    dropped = {
        (cid, name): (base[cid], r["triage"]["level"])
        for (cid, name, _), r in zip(variants, results, strict=True)
        if level_rank(r["triage"]["level"]) < level_rank(base[cid])
    }
    assert len(variants) > 4000
    unexplained = {k: v for k, v in dropped.items() if k not in EXCEPTIONS}
    assert not unexplained, f"a worse finding lowered the level: {unexplained}"


def test_the_one_case_path_agrees_on_a_sample() -> None:
    _, variants = _variants()
    sample = random.Random(10).sample(variants, 60)
    batch = assess_many([v for _, _, v in sample])
    for (_, _, case), many in zip(sample, batch, strict=True):
        assert assess(case)["triage"] == many["triage"]
