"""Interview vs full-case triage, driven by a truthful oracle (QA F6-20).

An oracle answers every interview question from a full case (``?`` for what the
case does not say); the interview's final triage is compared with
``assess(full case)``. Under-triage (interview less urgent) must be 0 on the
realistic sets; generated cases (``random_cases``) are reported too, with the
number of questions asked (median). Over-triage is split: "assumed" when a
plausible warning sign answered "don't know" raised the level, "unsettled"
when the interview's answers alone sit higher than the full case. Adapted from the QA tester's
``/work/qa/oracle.py``.

Run: ``.venv/bin/python bench/interview_safety.py [--generated 1500] [--seed 99]``
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import time
from pathlib import Path
from typing import Any

import milia
from milia.engine.interview import Interview
from milia.engine.sample import random_cases
from milia.engine.triage import LEVELS

ROOT = Path(__file__).resolve().parents[1]
SETS = [
    ROOT / "tests/data/cases_literature.jsonl",
    ROOT / "tests/data/cases_newuser.jsonl",
    ROOT / "tests/data/cases_newuser2.jsonl",
    ROOT / "tests/data/cases_plain.jsonl",
    ROOT.parent / "shared/vignettes/examples.jsonl",
]


def answer_text(field: str, case: dict[str, Any]) -> str:
    """The oracle's truthful answer to a question about ``field``."""
    if field == "age":
        if "age_days" in case:
            return f"{case['age_days']} days"
        return str(case["age_years"]) if "age_years" in case else "?"
    if field not in case:
        return "?"
    value = case[field]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return str(value)


def interview(case: dict[str, Any], **options: Any) -> tuple[dict[str, Any] | None, int]:
    """The interview's result for a truthful oracle and the number of questions asked."""
    iv = Interview(**options)
    for _ in range(80):
        q = iv.next_question()
        if q is None:
            break
        try:
            iv.answer(q["field"], answer_text(q["field"], case))
        except milia.MiliaError:
            iv.answer(q["field"], "?")
    return iv.result(), len(iv.asked)


def run(
    cases: list[dict[str, Any]],
    label: str,
    expects: list[dict[str, Any]] | None = None,
    **options: Any,
) -> dict[str, Any]:
    above_range = 0
    assumed = 0
    under: collections.Counter[str] = collections.Counter()
    over = 0
    over_assumed = 0
    lost: collections.Counter[str] = collections.Counter()
    asked: list[int] = []
    examples: list[str] = []
    t0 = time.process_time()
    for k, case in enumerate(cases):
        full = milia.assess(case)
        result, n_asked = interview(case, **options)
        if result is None:
            continue
        asked.append(n_asked)
        assumed += any(s["assumed"] for s in result.get("unanswered_warning_signs", []))
        expect = expects[k] if expects else {}
        top = expect.get("triage_max")
        if top and LEVELS.index(result["triage"]["level"]) > LEVELS.index(top):
            above_range += 1
        a = LEVELS.index(result["triage"]["level"])
        b = LEVELS.index(full["triage"]["level"])
        if a < b:
            under[f"{LEVELS[b]}->{LEVELS[a]}"] += 1
            gone = {f["id"] for f in full["red_flags"]} - {f["id"] for f in result["red_flags"]}
            lost.update(gone)
            if len(examples) < 3:
                examples.append(json.dumps(case))
        elif a > b:
            over += 1
            # a plausible "don't know" raised it, or the interview's case (fewer
            # answers than the full case) sits higher: not settled
            over_assumed += any(s["assumed"] for s in result.get("unanswered_warning_signs", []))
    cpu = time.process_time() - t0
    print(
        f"{label}: n={len(asked)} under={sum(under.values())} {dict(under)} over={over} "
        f"(assumed {over_assumed}, unsettled {over - over_assumed}) "
        f"questions median={statistics.median(asked) if asked else 0} "
        f"max={max(asked, default=0)} assumed={assumed} above_triage_max={above_range} "
        f"cpu/case={cpu / max(1, len(asked)) * 1000:.0f} ms"
    )
    if lost:
        print("   red flags lost:", lost.most_common(8))
    for e in examples:
        print("   e.g.", e[:300])
    return {"under": sum(under.values()), "asked": asked}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=99)
    parser.add_argument("--skip-sets", action="store_true")
    parser.add_argument(
        "--cases", type=Path, action="append", default=[], help="another case set (JSON lines)"
    )
    args = parser.parse_args()
    if not args.skip_sets:
        for path in [*SETS, *args.cases]:
            if path.exists():
                rows = [json.loads(line) for line in path.open() if line.strip()]
                cases = [r["case"] for r in rows]
                run(cases, path.name, [r.get("expect", {}) for r in rows])
    if args.generated:
        run(random_cases(args.generated, seed=args.seed), f"generated(seed {args.seed})")


if __name__ == "__main__":
    main()
