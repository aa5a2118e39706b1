"""A worrying finding never lowers the triage level, over generated cases (QA F12-14).

The tester's probe (``/work/qa/users12/mono.py``) adds one worrying finding at a time
(inflamed, painful, growing, unwell, bleeding, spreading) to generated cases; an
answer that was "no" becomes "yes". ``test_warning_monotone`` checks the project's
case sets; this checks 1,500 cases drawn by :func:`milia.engine.sample.random_cases`
(seeded: the same cases every run), in one batch.

Adding a finding the case did not give is covered by construction (the triage also
runs without each red-flag finding: ``red_flags.yaml: red_flag_findings``). Turning a
"no" into a "yes" is not: the variants drop the "yes", they do not try the "no".
:data:`OPEN` lists the drops that remain (kbfit, session 12), each with its reason (the
third, at blisters_with_milia's 20 % gate, went when the flag stopped reading the
ranking, session 13);
a new drop fails the test, and so does a listed one that no longer drops (remove it).
"""

from __future__ import annotations

from typing import Any

from milia.engine.assess import assess_many
from milia.engine.sample import random_cases
from milia.engine.triage import level_rank

WORRYING: dict[str, tuple[str, Any]] = {
    "inflamed": ("inflamed", True),
    "painful": ("painful", True),
    "growing": ("growing", True),
    "unwell": ("unwell", True),
    "bleeding": ("bleeding", True),
    "spreading": ("course", "spreading"),
}
#: (case index, finding): why the level drops there; open, for an engine fix that also
#: triages the case with the "no" answer (reported to the coordinator, session 12)
OPEN: dict[tuple[int, str], str] = {
    (204, "inflamed"): "inflamed false -> true, routine -> self-care: pink 3.8 mm bumps on "
    "lip and forehead at 27; the routine was 'fits several conditions' (inflamed: false "
    "counted against acne), with 'inflamed' acne leads (same family as P47 in "
    "test_warning_monotone)",
    (1079, "inflamed"): "inflamed false -> true, routine -> self-care: a 16-year-old's five "
    "grouped red neck bumps; the routine was 'fits several conditions', with 'inflamed' "
    "acne leads",
}


def _drops() -> dict[tuple[int, str], tuple[str, str]]:
    cases = random_cases(1500, seed=2026)
    base = [r["triage"]["level"] for r in assess_many(cases)]
    variants: list[dict[str, Any]] = []
    meta: list[tuple[int, str]] = []
    for i, case in enumerate(cases):
        for name, (field, value) in WORRYING.items():
            if case.get(field) != value:
                variants.append({**case, field: value})
                meta.append((i, name))
    assert len(variants) > 8000
    out = assess_many(variants)
    return {
        key: (base[key[0]], r["triage"]["level"])
        for key, r in zip(meta, out, strict=True)
        if level_rank(r["triage"]["level"]) < level_rank(base[key[0]])
    }


def test_a_worrying_finding_never_lowers_the_level_of_a_generated_case() -> None:
    """No drop outside :data:`OPEN`; every :data:`OPEN` entry still drops (or is removed)."""
    drops = _drops()
    assert not {k: v for k, v in drops.items() if k not in OPEN}, drops
    assert set(OPEN) <= set(drops), f"fixed, remove from OPEN: {set(OPEN) - set(drops)}"
    # the drops left are all a "no" turned into "yes", never a finding newly given
    cases = random_cases(1500, seed=2026)
    assert all(WORRYING[name][0] in cases[i] for i, name in drops)
