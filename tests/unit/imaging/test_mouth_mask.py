"""QA F7-11: a smile's teeth are not skin, so a tooth is never counted as milia-like.

The skin mask's closing filled every gap under ~5 mm across: a slightly open
mouth (4 mm high, 30 mm long) and its teeth became skin and a tooth was found
as a milium. Holes larger than a lesion are no longer filled, and on dark skin,
where the inside of the mouth can pass the skin's colour test, the mouth's dark
opening is taken out for that test (each tooth would be a small hole alone).
"""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.analyze import analyze_photo
from milia.imaging.skin import rgb_to_lab
from milia.imaging.synth import make_photo

#: The astronaut's mouth in make_photo's 9 px/mm photo (row, col), and the box searched.
MOUTH = (1428, 980)
AROUND = ((1380, 1480), (840, 1120))


def smile(group: str) -> tuple[np.ndarray, float]:
    """The plain astronaut photo with a slightly open mouth showing seven teeth.

    The opening is dark (L* 18) and 4.4 mm high; the teeth are 2.3-3 mm wide and
    3 mm high, tooth-coloured (L* 86, a* -2.2, b* 9: QA's tooth beside skin a* 10).
    """
    import cv2

    p = make_photo("astronaut", ita_group=group, seed=1, n_milia=0, n_inflamed=0, n_distractors=0)
    lab = rgb_to_lab(p.rgb)
    ppm = 1 / p.mm_per_pixel
    cr, cc = MOUTH
    mouth = np.zeros(lab.shape[:2], np.float32)
    cv2.ellipse(mouth, (cc, cr), (int(15 * ppm), int(2.2 * ppm)), 0, 0, 360, 1.0, -1)
    teeth = np.zeros(lab.shape[:2], np.float32)
    for k in range(-3, 4):
        half_width = int((3.0 - 0.25 * abs(k)) * ppm / 2)
        centre = (int(cc + k * 3.4 * ppm), int(cr - 0.4 * ppm))
        cv2.ellipse(teeth, centre, (half_width, int(1.5 * ppm)), 0, 0, 360, 1.0, -1)
    teeth = cv2.GaussianBlur(teeth * mouth, (0, 0), 1.2)
    mouth = cv2.GaussianBlur(mouth, (0, 0), 2.0)
    out = lab * (1 - mouth[..., None]) + np.float32([18.0, 14.0, 8.0]) * mouth[..., None]
    out = out * (1 - teeth[..., None]) + np.float32([86.0, -2.2, 9.0]) * teeth[..., None]
    rgb = cv2.cvtColor(np.ascontiguousarray(out, dtype=np.float32), cv2.COLOR_Lab2RGB)
    return (np.clip(rgb, 0, 1) * 255 + 0.5).astype(np.uint8), p.mm_per_pixel


@pytest.mark.slow
@pytest.mark.parametrize("group", ["intermediate", "dark"])
def test_teeth_in_a_smile_are_not_milia(group: str) -> None:
    rgb, mm_per_pixel = smile(group)
    result = analyze_photo(rgb, mm_per_pixel=mm_per_pixel)
    (r0, r1), (c0, c1) = AROUND
    in_mouth = [les for les in result["lesions"] if r0 < les["row"] < r1 and c0 < les["col"] < c1]
    assert in_mouth == []  # before: 2 teeth milia-like in both groups
    assert result["face"] is not None


def test_teeth_without_a_dark_opening_stay_out_of_the_skin() -> None:
    # QA F8-11 (the astronaut's own smile, upscaled 5x): the teeth showed with no dark
    # opening and inside the skin's colour ellipse (L* 89, a* 0.4 on skin L* 76 +- 7.5,
    # a* 9.9 +- 2.3): no hole, and a tooth was counted as milia-like. skin.py takes
    # teeth_in_mouth's px out for the hole test and counts them as white there.
    from milia.imaging.face import Face
    from milia.imaging.skin import SkinModel
    from milia.imaging.skin_holes import teeth_in_mouth, unfilled_holes

    ppm = 2.0  # the mask's grid, px/mm
    face = Face(box=(0.0, 0.0, 270.0, 270.0))  # a 135 mm face on that grid
    model = SkinModel(76.0, 9.9, 18.0, 7.5, 2.3, 2.7, 10000, 40.0)
    lum = np.full((300, 300), 76.0, np.float32)
    a = np.full((300, 300), 9.9, np.float32)
    lum[205:217, 105:165] = 89.0  # a row of teeth 30 x 6 mm ...
    a[205:217, 105:165] = 0.4
    lum[205:217, 165:168] = 80.0  # ... whose shaded end is only a little lighter
    a[205:217, 165:168] = 8.0
    lum[230:233, 180:183] = 90.0  # a 1.5 mm milium in the mouth's band, on skin
    a[230:233, 180:183] = 2.0
    lum[100:103, 100:103] = 90.0  # another one on the cheek
    a[100:103, 100:103] = 2.0
    teeth = teeth_in_mouth(lum, a, face, 1, model)
    assert teeth is not None
    assert teeth[205:217, 105:168].all()  # the shaded end joins the teeth
    assert not teeth[100:103, 100:103].any()  # outside the band: never
    m8 = np.ones((300, 300), np.uint8)  # every px has the skin's colour
    white = (lum > model.L) & (a < model.a - 3.5 * model.sd_a - 3.0)
    assert unfilled_holes(m8, white, ppm) is None  # before: no hole, teeth were skin
    holes = unfilled_holes(m8 & ~teeth, white | teeth, ppm)
    assert holes is not None
    assert holes[205:217, 105:168].all()  # the teeth stay out
    assert not holes[230:233, 180:183].any()  # the milium is filled back as before
    assert teeth_in_mouth(lum, a, None, 1, model) is None


def test_qa_f8_11_the_astronauts_own_smile_has_no_milia_like_tooth() -> None:
    """QA F8-11: her photo upscaled 5 times counted a tooth (teeth as light as her skin,
    no dark gap) as milia-like; skin_holes.teeth_in_mouth keeps it out of the skin."""
    import io

    from PIL import Image
    from skimage import data

    big = Image.fromarray(data.astronaut()).resize((2560, 2560), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    big.save(buffer, "JPEG", quality=90)
    result = analyze_photo(buffer.getvalue())
    near_tooth = [
        lesion
        for lesion in result["lesions"]
        if abs(lesion["row"] - 715) < 25 and abs(lesion["col"] - 1060) < 25
    ]
    assert not near_tooth
