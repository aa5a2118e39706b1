"""A white head on a papule that shows little of its redness through dark skin (QA F8-13).

The head passes every milium test, and its rings see no red surround; the
papule, found by the a* search a little off the head (the head lowers a* at
its centre), is redder than its ring by several spreads but by less than an
inflamed bump's 40 % of the skin's a*. Head and papule overlap, so together
they are a pustule: inflamed. Measured features are given directly, as
``measure_candidates`` returns them (a* units; px at 7 px/mm).
"""

from __future__ import annotations

import numpy as np

from milia.imaging.classify import classify_candidates
from milia.imaging.measure import FEATURES

PX_PER_MM = 7.0
#: A 1.3 mm white head on dark skin (ring L* 35, a* 12): every milium test passes.
HEAD = {
    "row": 70.0, "col": 80.0, "dL": 20.0, "peak_L": 21.0, "da": -3.0, "db": 0.5,
    "sd_L": 1.0, "sd_a": 0.5, "sd_b": 0.5, "ring_L": 35.0, "ring_a": 12.0,
    "diameter_px": 9.0, "elongation": 1.1, "skin_fraction": 1.0, "chroma_ratio": 0.8,
    "core_L": 55.0, "core_rgb_max": 0.7, "response": 12.0, "far_a": 12.0, "sd_a_far": 1.0,
    "sd_a_papule": 1.0,
}  # fmt: skip


def _papule(da: float, col: float) -> dict[str, float]:
    """A 3 mm red bump, ``da`` a* redder than its ring, its centre at ``col``."""
    return {
        "row": 71.0, "col": col, "dL": -1.0, "peak_L": 0.0, "da": da, "da_halo": 0.5 * da,
        "peak_a": da, "db": 0.5, "sd_L": 1.0, "sd_a": 0.5, "sd_b": 0.5, "ring_L": 33.0,
        "ring_a": 12.0, "diameter_px": 21.0, "diameter_red_px": 21.0, "elongation": 1.2,
        "skin_fraction": 1.0, "chroma_ratio": 1.0, "core_L": 32.0, "core_rgb_max": 0.4,
        "response": 5.0,
    }  # fmt: skip


def _kinds(*bumps: dict[str, float]) -> list[str]:
    feats = {name: np.array([b.get(name, 0.0) for b in bumps]) for name in FEATURES}
    return [str(k) for k in classify_candidates(feats, px_per_mm=PX_PER_MM).kind]


def test_a_head_on_a_faintly_red_papule_is_a_pustule() -> None:
    # a* +3.5 on skin of a* 12: 29 % of the skin's a*, short of the 40 % an inflamed
    # bump needs on its own, but 7 ring spreads; its centre 6 px (0.9 mm) off the head
    assert _kinds(HEAD, _papule(3.5, 86.0)) == ["inflamed", "rejected"]


def test_a_head_alone_or_beside_a_papule_stays_milia_like() -> None:
    assert _kinds(HEAD) == ["milia_like"]
    # the same papule 30 px (4.3 mm) away: head and papule do not overlap
    assert _kinds(HEAD, _papule(3.5, 110.0)) == ["milia_like", "rejected"]


def test_a_head_on_skin_barely_redder_stays_milia_like() -> None:
    # a* +1.5: an eighth of the skin's a*, less than a red surround's 20 %
    assert _kinds(HEAD, _papule(1.5, 86.0)) == ["milia_like", "rejected"]
