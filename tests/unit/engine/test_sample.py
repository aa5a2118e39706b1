"""Random cases for benchmarks are valid, varied and reproducible."""

from __future__ import annotations

from milia.engine.assess import assess
from milia.engine.sample import random_cases


def test_same_seed_same_cases_and_every_case_assesses() -> None:
    cases = random_cases(200, seed=5)
    assert cases == random_cases(200, seed=5)
    assert cases != random_cases(200, seed=6)
    tops = {assess(case)["differential"][0]["condition"] for case in cases}
    assert len(tops) >= 8  # varied enough to exercise many conditions
    assert all("color" in case or "sites" in case for case in cases)
    assert any("age_days" in case for case in cases) and any("age_years" in case for case in cases)
