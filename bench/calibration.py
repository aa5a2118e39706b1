"""Calibration of the printed differential on the case sets, with and without the
"not one of the listed conditions" share (:mod:`milia.engine.not_listed`).

Run: ``.venv/bin/python bench/calibration.py`` (a few seconds). For each set it
prints, side by side, the share among the listed conditions (what the
differential printed before session 9, and what ranking and triage still use)
and the printed probabilities (that share times the listed share):

- top-1: the case's expected top condition ranked first (the same in both);
- P(true): mean probability of the expected condition;
- log loss: mean ``-ln P(true)`` (nats);
- Brier: mean ``sum_c (p_c - [c is true])^2`` over the 23 conditions plus the
  unlisted remainder (0 for the listed share);
- ECE: expected calibration error of the top probability (10 equal bins);
- listed share: minimum, 10th percentile and median of the printed sum.

Then the herpes-like cases of ``tests/unit/engine/test_qa_s8_knowledge.py``,
which no listed condition fits. The held-out sets are not read here.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

import milia
from milia.engine.case import case_age_days, validate_case
from milia.engine.model import condition_model, softmax

REPO = Path(__file__).resolve().parents[1]
SETS = ("literature", "plain", "newuser", "newuser2")


def _listed(case: dict[str, Any]) -> dict[str, float]:
    """The share of each condition among the listed ones (unrounded)."""
    model = condition_model()
    clean = validate_case(case)
    probs = softmax(model.log_posterior(model.encode(clean, case_age_days(clean))))
    return dict(zip(model.classes, probs.tolist(), strict=True))


def _printed(case: dict[str, Any]) -> dict[str, float]:
    return {d["condition"]: d["probability"] for d in milia.assess(case)["differential"]}


def _ece(tops: list[tuple[float, bool]], bins: int = 10) -> float:
    total = 0.0
    for b in range(bins):
        inside = [
            (p, ok)
            for p, ok in tops
            if b / bins <= p < (b + 1) / bins or (b == bins - 1 and p == 1)
        ]
        if inside:
            conf = sum(p for p, _ in inside) / len(inside)
            acc = sum(ok for _, ok in inside) / len(inside)
            total += len(inside) / len(tops) * abs(conf - acc)
    return total


def _scores(cases: list[dict[str, Any]], get: Any) -> dict[str, float]:
    p_true, losses, briers, tops, shares, hits = [], [], [], [], [], []
    for item in cases:
        truth = item["expect"].get("top")
        probs = get(item["case"])
        shares.append(sum(probs.values()))
        if not truth:
            continue
        best = max(probs, key=lambda c: probs[c])
        p = probs[truth]
        p_true.append(p)
        losses.append(-math.log(max(p, 1e-4)))  # printed values are rounded down to 1e-4
        rest = 1.0 - sum(probs.values())
        briers.append(sum((q - (c == truth)) ** 2 for c, q in probs.items()) + rest**2)
        tops.append((probs[best], best == truth))
        hits.append(best == truth)
    return {
        "n": len(p_true),
        "top1": float(np.mean(hits)),
        "p_true": float(np.mean(p_true)),
        "log_loss": float(np.mean(losses)),
        "brier": float(np.mean(briers)),
        "ece": _ece(tops),
        "share_min": min(shares),
        "share_p10": float(np.percentile(shares, 10)),
        "share_median": float(np.median(shares)),
    }


def main() -> None:
    """Print the table (listed share -> printed) per set, then the herpes-like cases."""
    print(
        f"{'set':10} {'n':>3} {'top-1':>6} {'P(true)':>15} {'log loss':>15} {'Brier':>15} {'ECE':>15} listed share min/p10/median"
    )
    for name in SETS:
        path = REPO / "tests" / "data" / f"cases_{name}.jsonl"
        cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        a, b = _scores(cases, _listed), _scores(cases, _printed)
        cols = " ".join(
            f"{a[k]:6.3f} -> {b[k]:5.3f}" for k in ("p_true", "log_loss", "brier", "ece")
        )
        print(
            f"{name:10} {a['n']:3d} {a['top1']:.3f}->{b['top1']:.3f} {cols} "
            f"{b['share_min']:.3f}/{b['share_p10']:.3f}/{b['share_median']:.3f}"
        )
    print("listed share of the cases whose expected top is none of the 23 (top: null) vs the rest:")
    for name in SETS:
        path = REPO / "tests" / "data" / f"cases_{name}.jsonl"
        cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        none = [sum(_printed(c["case"]).values()) for c in cases if not c["expect"].get("top")]
        rest = [sum(_printed(c["case"]).values()) for c in cases if c["expect"].get("top")]
        if none:
            print(
                f"  {name:10} top null: n {len(none)} median {np.median(none):.3f} "
                f"min {min(none):.3f}; listed: n {len(rest)} median {np.median(rest):.3f}"
            )
    sys.path.insert(0, str(REPO / "tests" / "unit" / "engine"))
    from test_qa_s8_knowledge import HERPES_LIKE

    print("herpes-like (no listed condition fits): top, listed share -> printed, printed sum")
    for case in HERPES_LIKE:
        a, b = _listed(case), _printed(case)
        top = max(a, key=lambda c: a[c])
        print(
            f"  {top:22} {a[top]:.3f} -> {b[top]:.4f}  sum {sum(b.values()):.3f}  {json.dumps(case)[:70]}"
        )


if __name__ == "__main__":
    main()
