"""The working copy's decode begun from the first face box (Source.prefetch, working.prefetch_decode)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import milia.imaging.analyze as analyze
from milia.imaging import source
from milia.imaging.face import detect_faces
from milia.imaging.source import Source


def _jpeg(rgb: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def _wide_face() -> bytes:
    """A 3300 x 2400 JPEG with the astronaut's face in part of it (decoded at half first)."""
    import cv2
    from skimage import data

    face = cv2.resize(data.astronaut(), (2400, 2400), interpolation=cv2.INTER_CUBIC)
    rng = np.random.default_rng(2)
    frame = np.clip(rng.normal(120, 20, (2400, 3300, 3)), 0, 255).astype(np.uint8)
    frame[:, 450:2850] = face
    return _jpeg(frame)


def test_prefetched_decode_is_the_decode() -> None:
    data = _wide_face()
    plain, early = Source(data, 50_000_000), Source(data, 50_000_000)
    for s in (plain, early):
        s.decode(1649)  # half size, as the analysis without a scale
    assert early.prefetch(2600, margin=1.15)
    assert not early.prefetch(2600)  # one at a time
    plain.decode(2500)
    early.decode(2500)  # another width, the same reduced size asked of the decoder: taken
    assert early._pending is None
    assert plain._decoded is not None and early._decoded is not None
    assert np.array_equal(plain._decoded, early._decoded)


def test_prefetch_only_when_a_wider_decode_is_asked() -> None:
    data = _wide_face()
    src = Source(data, 50_000_000)
    assert not src.prefetch(3000)  # nothing decoded yet
    src.decode(1649)
    assert not src.prefetch(1800, margin=1.15)  # within the margin of the decode made
    small = Source(_jpeg(np.full((1200, 1600, 3), 128, np.uint8)), 50_000_000)
    small.decode(700)
    assert not small.prefetch(1500)  # under FULL_DECODE_BELOW_PX: decoded whole already
    array = Source(np.zeros((2400, 3300, 3), np.uint8), 50_000_000)
    array.decode(1649)
    assert not array.prefetch(3000)  # an array is not decoded


def test_a_prefetch_for_another_decode_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _wide_face()
    src = Source(data, 50_000_000)
    src.decode(1649)
    assert src.prefetch(2600, margin=1.15)
    assert src._pending is not None
    src._pending = (("JPEG", 2), src._pending[1])  # as if begun for another reduced size
    src.decode(2500)
    whole = Source(data, 50_000_000)
    whole.decode(2500)
    assert src._decoded is not None and whole._decoded is not None
    assert np.array_equal(src._decoded, whole._decoded)


def test_first_box_is_told_once() -> None:
    from skimage import data

    seen: list[tuple[float, float, float, float]] = []
    faces = detect_faces(data.astronaut(), on_first_box=seen.append)
    assert faces and len(seen) == 1
    assert len(seen[0]) == 4


def test_analysis_is_the_same_with_the_decode_begun_early(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _wide_face()
    begun: list[bool] = []
    prefetch = source.Source.prefetch

    def spy(self: Source, min_width: int, *, margin: float = 1.0) -> bool:
        begun.append(prefetch(self, min_width, margin=margin))
        return begun[-1]

    monkeypatch.setattr(source.Source, "prefetch", spy)
    early = analyze.analyze_photo(data)
    assert begun == [True]
    monkeypatch.setattr(analyze, "prefetch_decode", lambda *a: None)
    assert analyze.analyze_photo(data) == early
