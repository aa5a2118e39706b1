"""The colour-loss search (photo-1.18): light candidates where a bump loses the skin's colour."""

from __future__ import annotations

import numpy as np
from lab_helpers import LIGHT, blend, dome, skin

from milia.imaging import detect
from milia.imaging.detect import (
    COLOUR_LOSS_MIN_RESPONSE,
    _channel_peaks,
    _faint_prescreen,
    _with_colour_loss,
)
from milia.imaging.labimage import as_lab_image

PPM = 7.0


def _peaks(rows: list[float], cols: list[float], radius: float) -> tuple[np.ndarray, ...]:
    """Colour-loss peaks as :func:`_channel_peaks` gives them (rows, cols, response, radius, ...)."""
    n = len(rows)
    return (
        np.asarray(rows, float),
        np.asarray(cols, float),
        np.full(n, 6.0),
        np.full(n, radius),
        np.full(n, "c"),
        np.arange(n, 0, -1, dtype=float),
    )


def _found(rows: list[float], cols: list[float], radius: float) -> tuple[np.ndarray, ...]:
    n = len(rows)
    return (
        np.asarray(rows, float),
        np.asarray(cols, float),
        np.full(n, radius),
        np.full(n, 5.0),
        np.full(n, "L").astype(np.str_),
    )


def test_the_colour_loss_channel_peaks_at_a_white_dome() -> None:
    lab = skin(LIGHT, seed=3)
    blend(lab, 0.7 * dome(70, 80, 6.0), (88.0, 2.0, 4.0))
    image = as_lab_image(lab)
    mask = np.ones(lab.shape[:2], bool)
    rows, cols, resp, _, chan, _ = _channel_peaks("c", image, image.half(), mask, PPM, None)
    near = np.hypot(rows - 70, cols - 80) <= 3.0
    assert np.any(near) and np.all(chan == "c")
    assert resp[near].max() >= COLOUR_LOSS_MIN_RESPONSE


def test_a_colour_loss_peak_is_a_faint_light_candidate_where_no_light_one_lies() -> None:
    lab = skin(LIGHT, seed=4)
    blend(lab, 0.7 * dome(40, 40, 6.0), (88.0, 2.0, 4.0))  # white: lighter, less coloured
    blend(lab, 0.7 * dome(100, 120, 6.0), (88.0, 2.0, 4.0))  # the same, a light candidate there
    rows, cols, _, resp, chans = _with_colour_loss(
        as_lab_image(lab), _peaks([40.0, 100.0], [40.0, 121.0], 6.0), _found([100.0], [120.0], 6.0)
    )
    assert len(rows) == 2  # the light candidate and the peak at (40, 40), not the one beside it
    assert (rows[1], cols[1]) == (40.0, 40.0)
    assert chans[1] == "L" and resp[1] == COLOUR_LOSS_MIN_RESPONSE


def test_a_colour_loss_that_is_not_lighter_is_no_candidate() -> None:
    # Skin losing its colour at the same lightness (a grey patch) is not part of the
    # way to white: the screen drops it; lighter by the way to white, it is kept.
    lab = skin(LIGHT, seed=5)
    blend(lab, 0.7 * dome(70, 80, 6.0), (LIGHT[0], 2.0, 18.0))  # less red, as yellow, as light
    at = (np.array([70.0]), np.array([80.0]), np.array([6.0]))
    screen = {"min_share": detect.FAINT_MIN_A_LOSS, "min_db": detect.FAINT_MIN_DB}
    assert _faint_prescreen(lab, *at, **screen)[0]  # a faint light peak's screen alone keeps it
    assert not _faint_prescreen(lab, *at, **screen, whiter=detect.COLOUR_LOSS_WHITER)[0]
    grey = _with_colour_loss(as_lab_image(lab), _peaks([70.0], [80.0], 6.0), _found([], [], 6.0))
    assert len(grey[0]) == 0
    lab = skin(LIGHT, seed=5)
    blend(lab, 0.7 * dome(70, 80, 6.0), (LIGHT[0] + 20.0, 2.0, 18.0))
    white = _with_colour_loss(as_lab_image(lab), _peaks([70.0], [80.0], 6.0), _found([], [], 6.0))
    assert len(white[0]) == 1


def test_an_explicit_cutoff_searches_without_the_colour_loss_channel(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    original = detect._channel_peaks

    def spy(name: str, *args: object) -> tuple[np.ndarray, ...]:
        asked.append(name)
        return original(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(detect, "_channel_peaks", spy)
    mask = np.ones((140, 160), bool)
    detect.find_candidates(skin(LIGHT), mask, px_per_mm=PPM, min_response=5.0)
    assert sorted(asked) == ["L", "a"]
    asked.clear()
    detect.find_candidates(skin(LIGHT), mask, px_per_mm=PPM)
    assert sorted(asked) == ["L", "a", "c"]
