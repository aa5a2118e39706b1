"""Skin mask (milia.imaging.skin): what is not skin stays out of the search (QA F4-7, F4-2/F4-6)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from milia.imaging.analyze import analyze_photo
from milia.imaging.face import Face
from milia.imaging.skin import in_skin_locus, rgb_to_lab, skin_mask_rgb
from milia.imaging.synth import ITA_TARGETS, make_photo

PPM = 4.0


def lab_colour(lab: tuple[float, float, float]) -> tuple[int, int, int]:
    """8-bit sRGB of a CIELAB colour."""
    pixel = np.array([[lab]], np.float32)
    rgb = cv2.cvtColor(pixel, cv2.COLOR_Lab2RGB)[0, 0]
    return tuple(int(v) for v in np.clip(np.round(rgb * 255), 0, 255))


def textured(shape: tuple[int, int], rgb: tuple[int, int, int], seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    grain = cv2.GaussianBlur(rng.standard_normal(shape).astype(np.float32), (0, 0), 1.0)
    out = np.asarray(rgb, np.float32) * (1.0 + 0.02 * grain[..., None] / grain.std())
    return np.clip(out, 0, 255).astype(np.uint8)


def test_coffee_cup_on_a_table_is_not_skin() -> None:
    from skimage import data

    result = analyze_photo(np.ascontiguousarray(data.coffee()))
    assert "no skin found" in result["quality"]
    assert result["lesions"] == [] and result["counts"]["milia_like"] == 0
    assert result["counts_reliable"] is False


@pytest.mark.parametrize("group", ["very_light", "light", "tan", "brown", "dark"])
def test_every_skin_tone_is_in_the_locus(group: str) -> None:
    _, a, b = ITA_TARGETS[group]
    assert in_skin_locus(a, b)


@pytest.mark.parametrize(
    "colour",
    [(45.0, 25.0, 40.0), (40.0, 45.0, 30.0), (60.0, 0.0, 2.0)],
    ids=["wood", "red-brown saucer", "grey"],
)
def test_warm_objects_and_grey_are_not_in_the_locus(colour: tuple[float, float, float]) -> None:
    assert not in_skin_locus(colour[1], colour[2])


@pytest.mark.parametrize("group", ["light", "dark"])
def test_skin_without_a_face_is_still_searched(group: str) -> None:
    # Face detectors fail more on dark skin: a close-up with no face must still be searched.
    photo = make_photo("grace_hopper", ita_group=group, px_per_mm=7.0, seed=2)
    h, w = photo.rgb.shape[:2]
    r0, r1, c0, c1 = int(0.45 * h), int(0.75 * h), int(0.25 * w), int(0.75 * w)
    crop = np.ascontiguousarray(photo.rgb[r0:r1, c0:c1])
    result = analyze_photo(crop, mm_per_pixel=photo.mm_per_pixel)
    assert "no skin found" not in result["quality"]
    assert result["ita"] is not None
    assert result["counts"]["milia_like"] >= 1


def mottled_skin(shape: tuple[int, int], lab: tuple[float, float, float]) -> np.ndarray:
    """Skin of a CIELAB colour whose a* and b* vary as real skin's do (sd about 2.5)."""
    rng = np.random.default_rng(2)
    out = np.empty((*shape, 3), np.float32)
    for k, (centre, sd) in enumerate(zip(lab, (3.0, 2.5, 2.5), strict=True)):
        field = cv2.GaussianBlur(rng.standard_normal(shape).astype(np.float32), (0, 0), 4.0)
        out[..., k] = centre + sd * field / field.std()
    rgb = cv2.cvtColor(out, cv2.COLOR_Lab2RGB)
    return np.clip(np.round(rgb * 255), 0, 255).astype(np.uint8)


def _face_scene(background: tuple[int, int, int]) -> tuple[np.ndarray, Face]:
    """A skin-coloured face (ellipse) on a background, with a face box around it."""
    img = textured((400, 600), background, seed=1)
    face_img = mottled_skin((400, 600), (65.0, 12.0, 17.0))
    inside = np.zeros((400, 600), np.uint8)
    cv2.ellipse(inside, (150, 200), (90, 120), 0, 0, 360, 1, -1)
    img[inside.astype(bool)] = face_img[inside.astype(bool)]
    return img, Face(box=(90.0, 65.0, 310.0, 235.0))


def test_skin_coloured_thing_apart_from_the_face_is_left_out() -> None:
    # e.g. a hand-held object, a wooden door or a flag's stripe of skin colour beside the face
    img, face = _face_scene((40, 45, 60))
    patch_colour = lab_colour((63.0, 13.0, 18.0))
    img[100:300, 400:560] = textured((200, 160), patch_colour, seed=3)
    mask, model = skin_mask_rgb(img, face=face, px_per_mm=PPM)
    assert model is not None
    assert mask[200, 150]  # the face
    assert not mask[150:250, 420:540].any()  # the patch beside it


def test_grey_wall_behind_the_face_is_not_skin() -> None:
    # A warm grey wall (low chroma) falls inside a box around the skin's a*, b*; not skin.
    wall = lab_colour((68.0, 2.0, 6.0))
    img, face = _face_scene(wall)
    mask, model = skin_mask_rgb(img, face=face, px_per_mm=PPM)
    assert model is not None and mask[200, 150]
    lab = rgb_to_lab(img)
    assert float(np.hypot(lab[20, 500, 1], lab[20, 500, 2])) < 8.0
    assert mask[:, 300:].mean() < 0.02


def test_warm_skin_close_up_is_skin() -> None:
    # QA F4-51: Grace Hopper's lower face under warm light (a* ~27, b* ~33) filling the
    # frame, as a close-up does; warmer than daylight skin, but it is skin.
    from PIL import Image

    from milia.imaging.synth import background

    native = Image.fromarray(background("grace_hopper"))
    crop = native.crop((200, 250, 337, 337)).resize((548, 348), Image.Resampling.LANCZOS)
    result = analyze_photo(np.asarray(crop), mm_per_pixel=0.15)
    assert "no skin found" not in result["quality"]
    assert result["ita"] is not None and result["ita"]["group"] in ("intermediate", "tan")
