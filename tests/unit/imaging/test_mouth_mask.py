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
