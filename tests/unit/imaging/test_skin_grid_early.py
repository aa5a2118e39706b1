"""The skin mask's grid converted to CIELAB early (skin.grid_lab_soon, Source.as_decoded)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from milia.imaging import skin, working
from milia.imaging.analyze import analyze_photo
from milia.imaging.face import Face
from milia.imaging.skin import grid_lab_soon, skin_mask_rgb
from milia.imaging.source import Source


def _scene() -> tuple[np.ndarray, Face]:
    import cv2

    rng = np.random.default_rng(4)
    img = np.full((400, 600, 3), (40, 45, 60), np.uint8)
    face = np.clip(rng.normal((205, 160, 135), 6, (400, 600, 3)), 0, 255).astype(np.uint8)
    inside = np.zeros((400, 600), np.uint8)
    cv2.ellipse(inside, (150, 200), (90, 120), 0, 0, 360, 1, -1)
    img[inside.astype(bool)] = face[inside.astype(bool)]
    return img, Face(box=(90.0, 65.0, 310.0, 235.0))


@pytest.mark.parametrize("px_per_mm", [3.0, 7.0, 9.4])
def test_mask_from_an_early_grid_is_the_same(px_per_mm: float) -> None:
    img, face = _scene()
    mask, model = skin_mask_rgb(img, face=face, px_per_mm=px_per_mm)
    early = grid_lab_soon(img, px_per_mm)
    mask2, model2 = skin_mask_rgb(img, face=face, px_per_mm=px_per_mm, grid_lab=early)
    assert model is not None and model2 == model
    assert np.array_equal(mask, mask2)


def test_as_decoded_is_what_at_returns() -> None:
    img, _ = _scene()
    src = Source(img, 10_000_000)
    src.decode(500)
    assert src.as_decoded(500, accept_up_to=working.ACCEPT) is src.at(
        500, 333, accept_up_to=working.ACCEPT
    )
    assert src.as_decoded(400, accept_up_to=1.2) is None  # 600 px: it would be resized
    assert Source(img, 10_000_000).as_decoded(500) is None  # not decoded yet


def test_given_scale_uses_the_early_grid_and_keeps_the_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    img, _ = _scene()
    buffer = io.BytesIO()
    Image.fromarray(img).save(buffer, format="JPEG", quality=95)
    before = analyze_photo(buffer.getvalue(), mm_per_pixel=0.2)
    started: list[object] = []
    used: list[object] = []
    soon, mask_of = skin.grid_lab_soon, working.skin_mask_rgb

    def spy_soon(rgb: np.ndarray, px_per_mm: float) -> object:
        started.append(future := soon(rgb, px_per_mm))
        return future

    def spy_mask(rgb: np.ndarray, **kwargs: object) -> object:
        used.append(kwargs.get("grid_lab"))
        return mask_of(rgb, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(working, "grid_lab_soon", spy_soon)
    monkeypatch.setattr(working, "skin_mask_rgb", spy_mask)
    after = analyze_photo(buffer.getvalue(), mm_per_pixel=0.2)
    assert len(started) == 1 and used and used[0] is started[0]
    assert after == before
