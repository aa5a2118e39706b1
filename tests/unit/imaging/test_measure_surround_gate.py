"""A light candidate's surround is measured only where the classifier reads it (photo-speed).

``measure_candidates(..., surround_from=THRESHOLDS.light_cnr)`` leaves the
surround features of a light candidate whose whiteness contrast is below the
classifier's ``light_cnr`` at 0; every class, confidence and size must stay
what the full measurement gives.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from milia.imaging import working
from milia.imaging.analyze import analyze_photo
from milia.imaging.classify import (
    THRESHOLDS,
    classify_candidates,
    ring_spreads,
    whiteness_contrast,
)
from milia.imaging.measure import FEATURES, measure_candidates
from milia.imaging.synth import make_photo

SURROUND = (
    "bright_extent",
    "da_wide",
    "far_a",
    "sd_a_far",
    "diameter_pustule_px",
    "da_papule",
    "sd_a_papule",
)


@pytest.fixture(scope="module")
def searched() -> list[tuple[Any, ...]]:
    """The search's inputs to measure_candidates on two benchmark photos (milia, pustules)."""
    calls: list[tuple[Any, ...]] = []
    original = working.measure_candidates

    def capture(lab: Any, mask: Any, cands: Any, **kw: Any) -> Any:
        calls.append((lab, mask, cands, kw))
        return original(lab, mask, cands, **kw)

    working.measure_candidates = capture
    try:
        for name, group, seed in (("astronaut", "light", 3), ("grace_hopper", "brown", 4)):
            p = make_photo(name, ita_group=group, px_per_mm=7.0, seed=seed)
            analyze_photo(p.jpeg, mm_per_pixel=p.mm_per_pixel)
    finally:
        working.measure_candidates = original
    return calls


def test_the_search_gates_the_surround_at_the_classifiers_light_cnr(
    searched: list[tuple[Any, ...]],
) -> None:
    assert searched
    assert all(kw["surround_from"] == THRESHOLDS.light_cnr for *_, kw in searched)


def test_gated_surrounds_give_the_same_classes(searched: list[tuple[Any, ...]]) -> None:
    below = above = 0
    for lab, mask, cands, kw in searched:
        full_kw = {k: v for k, v in kw.items() if k != "surround_from"}
        full = measure_candidates(lab, mask, cands, **full_kw)
        gated = measure_candidates(lab, mask, cands, **kw)
        assert set(gated) == set(FEATURES)
        for name in FEATURES:
            if name not in SURROUND:
                np.testing.assert_array_equal(gated[name], full[name], err_msg=name)
        light = whiteness_contrast(full, ring_spreads(full))
        is_light = np.asarray(cands.channel) == "L"
        read = is_light & (light >= THRESHOLDS.light_cnr)
        skipped = is_light & ~read
        for name in SURROUND:
            np.testing.assert_array_equal(gated[name][read], full[name][read], err_msg=name)
            assert not gated[name][skipped].any(), name
        below += int(np.count_nonzero(skipped & (full["bright_extent"] != 0)))
        above += int(np.count_nonzero(read & (full["far_a"] != 0)))
        ring_l = kw["min_ring_l"]
        a = classify_candidates(full, px_per_mm=7.0, min_ring_l=ring_l)
        b = classify_candidates(gated, px_per_mm=7.0, min_ring_l=ring_l)
        np.testing.assert_array_equal(a.kind, b.kind)
        np.testing.assert_array_equal(a.confidence, b.confidence)
        np.testing.assert_array_equal(a.diameter_px, b.diameter_px)
        np.testing.assert_array_equal(a.clipped, b.clipped)
    # Both sides of the gate are exercised: surrounds measured and surrounds skipped.
    assert below > 0 and above > 0


def test_without_the_gate_every_light_surround_is_measured(
    searched: list[tuple[Any, ...]],
) -> None:
    lab, mask, cands, kw = searched[0]
    full_kw = {k: v for k, v in kw.items() if k != "surround_from"}
    full = measure_candidates(lab, mask, cands, **full_kw)
    open_gate = measure_candidates(lab, mask, cands, **full_kw, surround_from=-np.inf)
    for name in FEATURES:
        np.testing.assert_array_equal(open_gate[name], full[name], err_msg=name)
