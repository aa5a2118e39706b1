"""Synthetic benchmark photos with known milia, inflamed bumps and distractors.

Backgrounds are real face photos that ship inside pip packages:
scikit-image's ``astronaut`` and matplotlib's ``grace_hopper.jpg``. Each face
is cropped, upscaled (Lanczos) to phone-like resolution (default 9 px/mm),
recoloured to a skin-tone (ITA) group, given skin texture and pores, and then
bumps are composited at known places on the face (inside a hand-marked face
ellipse, :data:`FACE_ELLIPSES`, and on the generator's own skin weight), with
the ground truth in mm:

- ``milia_like``: 1-2.5 mm white-to-yellow domes with soft edges, each
  with its own dome profile (:data:`MILIA_PROFILES`: logistic disc,
  raised cosine, Gaussian), colour (white to yellow, a* 0-8, b* 4-26) and peak
  opacity, so that the benchmark does not reward one profile;
- ``inflamed``: 1.5-4 mm red papules, half of them pustules with a
  white-yellow head;
- distractors (never to be reported): elongated or large specular
  highlights, brown freckles and moles, enlarged pores.

The photo is finally JPEG-compressed (4:2:0 chroma), like a phone's.
The diameter of a milium (ground truth) is its *visible edge*, taken as the
contour where the dome's opacity falls to half its peak (the full width at
half maximum): the 50 % edge of a logistic disc, half the support of a raised
cosine, the FWHM of a Gaussian.

Native scales are taken from the iris (11.7 mm) measured in the research
brief: astronaut about 0.7 px/mm, Grace Hopper about 1.4 px/mm.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from milia.imaging.skin import ITA_GROUPS
from milia.imaging.synth_shapes import MILIA_PROFILES, disc, ellipse, paint, paint_milium

__all__ = [
    "BACKGROUNDS",
    "FACE_ELLIPSES",
    "ITA_TARGETS",
    "MILIA_PROFILES",
    "UPPER_LIDS",
    "SyntheticPhoto",
    "background",
    "make_photo",
]

#: name -> (native px/mm, crop rows, crop cols)
BACKGROUNDS: dict[str, tuple[float, tuple[int, int], tuple[int, int]]] = {
    "astronaut": (0.7, (35, 195), (150, 300)),
    "grace_hopper": (1.4, (60, 360), (120, 410)),
}
#: name -> face ellipse in the crop (centre row, centre col, semi-axis rows, semi-axis
#: cols), native px, marked by hand: forehead below the hair or cap to the chin, cheek
#: to cheek. Bumps are placed inside it; outside lie hair, a flag, a wall and a collar
#: that the skin weight alone lets through.
FACE_ELLIPSES: dict[str, tuple[float, float, float, float]] = {
    "astronaut": (92.0, 70.0, 46.0, 42.0),
    "grace_hopper": (170.0, 145.0, 91.0, 85.0),
}
#: name -> upper eyelids in the crop (row0, row1, col0, col1), native px, marked by hand
#: on the enlarged photo: between the lid crease (or the glasses frame) and the lashes.
UPPER_LIDS: dict[str, tuple[tuple[float, float, float, float], ...]] = {
    "astronaut": ((59.0, 63.0, 44.0, 61.0), (61.0, 65.0, 88.0, 105.0)),
    "grace_hopper": ((118.0, 123.0, 94.0, 113.0), (117.0, 122.0, 173.0, 197.0)),
}
#: Skin colour targets (L*, a*, b*) per ITA group (Chardon bins).
ITA_TARGETS: dict[str, tuple[float, float, float]] = {
    "very_light": (72.0, 11.0, 13.0),
    "light": (65.0, 12.0, 15.0),
    "intermediate": (60.0, 12.0, 16.0),
    "tan": (55.0, 12.0, 18.0),
    "brown": (46.0, 11.0, 19.0),
    "dark": (33.0, 9.0, 14.0),
}
#: How visible redness stays as melanin increases (share of the light-skin a* rise).
_RED_VISIBILITY = {
    "very_light": 1.0,
    "light": 0.95,
    "intermediate": 0.85,
    "tan": 0.75,
    "brown": 0.6,
    "dark": 0.45,
}


@dataclass
class SyntheticPhoto:
    """One benchmark photo and its ground truth.

    Attributes
    ----------
    rgb : ndarray (M, N, 3) uint8
        The photo after JPEG compression.
    jpeg : bytes
        The same photo as a JPEG file.
    mm_per_pixel : float
        True scale.
    truth : list of dict
        ``{"kind", "row", "col", "diameter_mm"}`` per composited object; kind is
        ``milia_like``, ``inflamed``, ``highlight``, ``freckle`` or ``pore``.
    """

    rgb: NDArray[np.uint8]
    jpeg: bytes
    mm_per_pixel: float
    ita_group: str
    background: str
    truth: list[dict[str, Any]] = field(default_factory=list)


@cache
def background(name: str) -> NDArray[np.uint8]:
    """The native RGB background photo ``astronaut`` or ``grace_hopper``."""
    if name == "astronaut":
        from skimage import data

        return np.asarray(data.astronaut(), dtype=np.uint8)  # type: ignore[no-untyped-call]
    if name == "grace_hopper":
        from matplotlib import cbook
        from PIL import Image

        path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
        with Image.open(str(path)) as img:
            return np.asarray(img.convert("RGB"), dtype=np.uint8)
    raise ValueError(f"unknown background {name!r}; use one of {sorted(BACKGROUNDS)}")


def _lab(rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
    from milia.imaging.skin import rgb_to_lab

    return rgb_to_lab(rgb)


def _rgb(lab: NDArray[np.float32]) -> NDArray[np.uint8]:
    import cv2

    rgb = cv2.cvtColor(lab.astype(np.float32), cv2.COLOR_Lab2RGB)
    return np.asarray(np.clip(rgb * 255.0 + 0.5, 0, 255), dtype=np.uint8)


def _upscaled(name: str, px_per_mm: float) -> tuple[NDArray[np.uint8], float]:
    from PIL import Image

    native_ppm, (r0, r1), (c0, c1) = BACKGROUNDS[name]
    import cv2

    # Smooth the native pixels first: upscaled, each native pixel's noise would
    # become a 1-2 mm blob, exactly the size of a milium. Texture is added later
    # at its true scale.
    crop = cv2.GaussianBlur(background(name)[r0:r1, c0:c1], (0, 0), 0.9)
    f = px_per_mm / native_ppm
    size = (round(crop.shape[1] * f), round(crop.shape[0] * f))
    big = Image.fromarray(np.ascontiguousarray(crop)).resize(size, Image.Resampling.LANCZOS)
    return np.asarray(big, dtype=np.uint8), f


def _soft_skin(lab: NDArray[np.float32], ppm: float) -> NDArray[np.float32]:
    """The generator's own soft skin weight (0-1), seeded from the image centre."""
    import cv2

    h, w = lab.shape[:2]
    centre = lab[int(0.5 * h) : int(0.62 * h), int(0.4 * w) : int(0.6 * w)].reshape(-1, 3)
    med = np.median(centre, axis=0)
    spread = np.maximum(np.median(np.abs(centre - med), axis=0) * 1.4826, 1.5)
    dist = np.sqrt(
        ((lab[..., 1] - med[1]) / spread[1]) ** 2 + ((lab[..., 2] - med[2]) / spread[2]) ** 2
    )
    weight = np.clip(1.0 - (dist - 3.0) / 2.0, 0.0, 1.0) * (lab[..., 0] > med[0] - 35)
    weight = cv2.GaussianBlur(weight.astype(np.float32), (0, 0), 1.5 * ppm)
    return np.asarray(weight, dtype=np.float32)


def _upper_lid_milia(
    lab: NDArray[np.float32],
    name: str,
    n: int,
    *,
    seed: int,
    profiles: tuple[str, ...],
    px_per_mm: float,
) -> list[dict[str, Any]]:
    """``n`` milia on the upper eyelids (:data:`UPPER_LIDS`), region ``eyelids`` in the truth.

    Drawn from their own random stream, so the rest of the photo is the same
    with or without them.
    """
    rng = np.random.default_rng([seed, 1])
    k = px_per_mm / BACKGROUNDS[name][0]
    boxes = UPPER_LIDS[name]
    out: list[dict[str, Any]] = []
    for i in range(200 * n):
        if len(out) == n:
            break
        r0, r1, c0, c1 = (v * k for v in boxes[i % len(boxes)])
        d = rng.uniform(1.0, 2.0)
        pos = (float(rng.uniform(r0, r1)), float(rng.uniform(c0, c1)))
        gap = (d / 2 + 1.5) * px_per_mm
        if all(np.hypot(pos[0] - t["row"], pos[1] - t["col"]) > gap for t in out):
            out.append(paint_milium(lab, pos, d, rng, profiles, px_per_mm) | {"region": "eyelids"})
    return out


def make_photo(
    name: str = "astronaut",
    *,
    ita_group: str = "light",
    px_per_mm: float = 9.0,
    n_milia: int = 12,
    n_inflamed: int = 4,
    n_distractors: int = 10,
    jpeg_quality: int = 88,
    sensor_noise: float = 0.0,
    milia_profiles: tuple[str, ...] = MILIA_PROFILES,
    n_eyelid_milia: int = 0,
    seed: int = 0,
) -> SyntheticPhoto:
    """Make one benchmark photo with composited bumps and its ground truth.

    Parameters
    ----------
    name : {"astronaut", "grace_hopper"}
        Background face photo.
    ita_group : str
        One of :data:`milia.imaging.skin.ITA_GROUPS`; the skin is recoloured to it.
    px_per_mm : float
        Resolution of the result, px/mm (>= 6 for phone-like photos).
    n_milia, n_inflamed, n_distractors : int
        How many of each to composite (0 everywhere gives an unmodified face).
    jpeg_quality : int
        Final JPEG quality.
    sensor_noise : float
        Standard deviation of per-pixel RGB noise added before compression
        (8-bit levels); phone photos carry some, which makes their JPEGs larger.
    milia_profiles : tuple of str
        Dome profiles drawn from, one per milium (:data:`MILIA_PROFILES`);
        ``("logistic",)`` alone is close to the first benchmark's discs.
    n_eyelid_milia : int
        Further milia (1-2 mm) on the upper eyelids, between the lid crease and
        the lashes (:data:`UPPER_LIDS`; the commonest site in adults), marked
        ``"region": "eyelids"`` in the truth; drawn apart, so the rest of the
        photo does not change with it (QA F6-08).
    seed : int
        Random seed; the same arguments give the same photo.
    """
    import cv2
    from PIL import Image

    if ita_group not in ITA_GROUPS:
        raise ValueError(f"ita_group must be one of {ITA_GROUPS}, not {ita_group!r}")
    rng = np.random.default_rng(seed)
    rgb, _ = _upscaled(name, px_per_mm)
    lab = _lab(rgb)
    h, w = lab.shape[:2]
    skin = _soft_skin(lab, px_per_mm)

    # Recolour skin to the ITA group's target; keep the photo's shading and detail.
    core = skin > 0.9
    med = np.median(lab[core], axis=0)
    tl, ta, tb = ITA_TARGETS[ita_group]
    k_l = float(np.clip(tl / med[0], 0.55, 1.15))
    new = np.empty_like(lab)
    new[..., 0] = tl + (lab[..., 0] - med[0]) * k_l
    new[..., 1] = ta + (lab[..., 1] - med[1]) * 0.8
    new[..., 2] = tb + (lab[..., 2] - med[2]) * 0.8
    lab = np.asarray(lab + skin[..., None] * (new - lab), dtype=np.float32)

    # Skin texture: fine grain and mottling, then a dense field of small pores.
    scale_l = lab[..., 0] / 60.0
    for sigma_mm, amp in ((0.08, 1.2), (0.4, 1.0), (2.0, 1.2)):
        noise = cv2.GaussianBlur(
            rng.standard_normal((h, w)).astype(np.float32), (0, 0), max(sigma_mm * px_per_mm, 0.5)
        )
        noise *= amp / (noise.std() + 1e-6)
        lab[..., 0] += skin * noise * scale_l
    n_pores = int(skin.sum() / (px_per_mm**2) / 3.0)
    ys = rng.uniform(0, h, n_pores)
    xs = rng.uniform(0, w, n_pores)
    pore_img = np.zeros((h, w), np.float32)
    iy, ix = ys.astype(int), xs.astype(int)
    np.add.at(pore_img, (iy, ix), rng.uniform(0.5, 1.0, n_pores).astype(np.float32))
    pore_img = np.asarray(cv2.GaussianBlur(pore_img, (0, 0), 0.09 * px_per_mm), np.float32)
    pore_img /= pore_img.max() + 1e-6
    lab[..., 0] -= skin * pore_img * 6.0 * scale_l

    # Places for bumps: well inside the skin, inside the face, apart from each other.
    truth: list[dict[str, Any]] = []
    placed: list[tuple[float, float, float]] = []
    cr, cc, ar, ac = (v * px_per_mm / BACKGROUNDS[name][0] for v in FACE_ELLIPSES[name])
    yy, xx = np.ogrid[0:h:4, 0:w:4]
    in_face = ((yy - cr) / ar) ** 2 + ((xx - cc) / ac) ** 2 <= 1.0
    eligible = np.argwhere((skin[::4, ::4] > 0.97) & in_face) * 4

    def place(diameter_mm: float) -> tuple[float, float] | None:
        for _ in range(200):
            r, c = eligible[rng.integers(len(eligible))] + rng.uniform(0, 4, 2)
            gap = (diameter_mm / 2 + 3.0) * px_per_mm
            if all(np.hypot(r - pr, c - pc) > gap + pd for pr, pc, pd in placed):
                placed.append((r, c, diameter_mm / 2 * px_per_mm))
                return float(r), float(c)
        return None

    vis = _RED_VISIBILITY[ita_group]
    for _ in range(n_milia):
        d = rng.uniform(1.0, 2.5)
        pos = place(d)
        if pos is not None:
            truth.append(paint_milium(lab, pos, d, rng, milia_profiles, px_per_mm))
    for i in range(n_inflamed):
        d = rng.uniform(1.5, 4.0)
        pos = place(d)
        if pos is None:
            continue
        rad = d / 2 * px_per_mm
        shift = (-rng.uniform(2, 8) * vis, rng.uniform(10, 20) * vis, rng.uniform(0, 4))
        paint(lab, *pos, disc(*pos, rad, softness=0.25), delta=shift, half=int(rad * 2.5) + 3)
        if i % 2 == 1:  # pustule: white-yellow head
            head = rad * rng.uniform(0.3, 0.45)
            target = (rng.uniform(85, 93), rng.uniform(2, 6), rng.uniform(15, 25))
            paint(
                lab,
                *pos,
                lambda *a, h_=head, p=pos: 0.8 * disc(p[0], p[1], h_, 0.2)(*a),
                target,
                half=int(rad) + 3,
            )
        truth.append({"kind": "inflamed", "row": pos[0], "col": pos[1], "diameter_mm": d})
    for i in range(n_distractors):
        kind = ("highlight", "freckle", "pore")[i % 3]
        if kind == "highlight":
            length = rng.uniform(3.0, 8.0)
            pos = place(length)
            if pos is None:
                continue
            a_ = length / 2 * px_per_mm
            b_ = a_ / rng.uniform(2.2, 4.0)
            alpha0 = rng.uniform(0.5, 0.85)
            ell = ellipse(*pos, a_, b_, rng.uniform(0, np.pi))
            paint(
                lab,
                *pos,
                lambda *a, e=ell, k=alpha0: k * e(*a),
                (98.0, 0.0, 2.0),
                half=int(a_ * 1.3) + 3,
            )
            truth.append({"kind": "highlight", "row": pos[0], "col": pos[1], "diameter_mm": length})
        elif kind == "freckle":
            d = rng.uniform(1.0, 4.0)
            pos = place(d)
            if pos is None:
                continue
            rad = d / 2 * px_per_mm
            dark = rng.uniform(6, 16) * lab[int(pos[0]), int(pos[1]), 0] / 60.0
            shift = (-dark, rng.uniform(1, 4), rng.uniform(4, 9))
            paint(lab, *pos, disc(*pos, rad, softness=0.2), delta=shift, half=int(rad * 2) + 3)
            truth.append({"kind": "freckle", "row": pos[0], "col": pos[1], "diameter_mm": d})
        else:
            d = rng.uniform(0.3, 0.6)
            pos = place(d)
            if pos is None:
                continue
            rad = d / 2 * px_per_mm
            shift = (-rng.uniform(8, 14) * lab[int(pos[0]), int(pos[1]), 0] / 60.0, 0.0, 0.0)
            paint(lab, *pos, disc(*pos, rad, softness=0.3), delta=shift, half=int(rad * 3) + 3)
            truth.append({"kind": "pore", "row": pos[0], "col": pos[1], "diameter_mm": d})

    if n_eyelid_milia:
        truth += _upper_lid_milia(
            lab, name, n_eyelid_milia, seed=seed, profiles=milia_profiles, px_per_mm=px_per_mm
        )
    out = _rgb(lab)
    if sensor_noise > 0:
        noisy = out + rng.normal(0.0, sensor_noise, out.shape)
        out = np.clip(noisy + 0.5, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(out).save(buffer, format="JPEG", quality=jpeg_quality, subsampling=2)
    jpeg = buffer.getvalue()
    with Image.open(io.BytesIO(jpeg)) as img:
        decoded = np.asarray(img.convert("RGB"), dtype=np.uint8)
    return SyntheticPhoto(decoded, jpeg, 1.0 / px_per_mm, ita_group, name, truth)
