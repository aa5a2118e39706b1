"""Random valid cases, drawn like real descriptions: for benchmarks and tests.

Not a model of who has milia: the draws only cover the case format broadly
(every field, plausible ranges, a newborn's duration never longer than their
age) so that speed and equivalence checks see varied input.
"""

from __future__ import annotations

import math
import random
from typing import Any

from milia.engine.case import BOOLEAN_FIELDS, CATEGORICAL_FIELDS, LIST_FIELDS

__all__ = ["random_cases"]


def random_cases(n: int, *, seed: int) -> list[dict[str, Any]]:
    """Draw ``n`` valid cases with a fixed seed.

    Parameters
    ----------
    n : int
        How many cases.
    seed : int
        Seed of the generator; the same seed gives the same cases.

    Returns
    -------
    list of dict
        Cases in the case format; each has at least a colour or a site.
    """
    rng = random.Random(seed)
    cases: list[dict[str, Any]] = []
    for _ in range(n):
        case: dict[str, Any] = {}
        roll = rng.random()
        if roll < 0.15:
            case["age_days"] = rng.randint(0, 700)
        elif roll < 0.92:
            case["age_years"] = round(rng.uniform(2, 95), 1)
        if rng.random() < 0.9:
            case["color"] = rng.choice(CATEGORICAL_FIELDS["color"])
        if rng.random() < 0.85:
            case["sites"] = rng.sample(LIST_FIELDS["sites"], rng.randint(1, 3))
        if rng.random() < 0.7:
            case["diameter_mm"] = round(rng.lognormvariate(0.7, 0.8), 1) or 0.5
        if rng.random() < 0.6:
            case["count"] = max(1, int(rng.lognormvariate(2, 1.3)))
        for field in ("surface", "consistency", "content", "arrangement", "onset", "course", "sex"):
            if rng.random() < 0.35:
                case[field] = rng.choice(CATEGORICAL_FIELDS[field])
        for field in BOOLEAN_FIELDS:
            if rng.random() < 0.15:
                case[field] = rng.random() < 0.3
        for field in ("history", "medications", "conditions", "associated_findings"):
            if rng.random() < 0.08:
                case[field] = rng.sample(LIST_FIELDS[field], 1)
        if rng.random() < 0.5:
            limit = case["age_days"] / 7 + 1 if "age_days" in case else 100.0
            case["duration_weeks"] = math.floor(rng.uniform(0, limit) * 10) / 10
        if not case.get("color") and not case.get("sites"):
            case["color"] = "white"
        cases.append(case)
    return cases
