"""Why milia are missed: the cause of every missed milium, per ITA group (measure-only).

Run: ``.venv/bin/python bench/photo_misses.py [--source synth|variations] [--seeds 1,2]
[--groups very_light,light] [--verbose] [--visibility]``

For each photo (both backgrounds x the groups x the seeds; synth seeds are
``make_photo`` seeds, variation seeds are offsets from ``--first-seed`` as in
``bench/photo_variations.py``) the analysis runs with the scale given, its
candidates, measures and classes are kept, and every true milium not found is
put down to one cause:

- ``no candidate, off the skin mask``: no candidate near it, its centre outside the mask;
- ``faint, dropped by the pre-screen``: a faint light peak near it (band-pass
  contrast under ``detect.MIN_RESPONSE``) was dropped before measuring
  (``detect._faint_prescreen``: not less red than lit skin, or losing b*);
- ``centre moved away``: a candidate was found near it, but the centre of
  its half-peak area (which replaces the peak's) lies beyond the match
  distance (the area ran into neighbouring light texture);
- ``no candidate``: no band-pass peak near it reached the search's cutoff
  (or a stronger overlapping peak took it);
- ``found as inflamed``: the candidate near it was classed inflamed;
- otherwise the first classifier test it fails (:func:`milia.imaging.classify`
  order): ``ring not skin``, ``ring darker than skin``, ``light contrast``,
  ``not whiter``, ``not less red``, ``size``, ``elongated``, ``runs on``,
  ``highlight``, ``faint, loses yellow``, ``faint and small``, ``clipped core``,
  ``other`` (a red head, or a duplicate of another finding).

A miss is matched as :mod:`milia.imaging.benchmark` matches a finding: a
candidate within ``max(0.6 x diameter, 0.75 mm)`` of the milium's centre.

``--oracle CNR`` adds a light candidate at each true milium (its true centre
and radius, band-pass response CNR: 5 judges it as a strong peak, 4.2 as a
faint one) before measuring: what a perfect search would leave to the
measurement and the classifier (session 14: very light on the development
seeds 67/96 found -> 75/96 at CNR 5).

``--visibility`` (synth only) also measures how visible each milium is: the
same photo is made again without its milia (every random draw as before, so
the two differ only by the milia and the JPEG's coding around them), and
per milium it prints the mean Delta E*ab and Delta L* over its core (half its
radius) between the two decoded photos, the robust spread of L* of the
photo without it on a ring at 2-3.2 radii, and their ratio; then per group the
median Delta E of the found and the missed, and how many are under dE 3. Use
only seeds you develop on; held-out seeds (synth 100+, variations 5000 and
40000 series) are for the final measurement only.
"""

from __future__ import annotations

import argparse
import collections
import io
import math
import os
import sys
from typing import Any

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy is imported

import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

_CAPTURED: list[dict[str, Any]] = []
_DROPPED: list[
    tuple[Any, Any]
] = []  # (rows, cols) of faint peaks the pre-screen dropped, per search
_FOUND: list[tuple[Any, Any]] = []  # (rows, cols) of the candidates as found, per search
#: ``--oracle``: the response given to the added candidates (None: no oracle), the photo's
#: true milia and size, and the searched crop's offset and working shape (set by ``search``).
_ORACLE: dict[str, Any] = {"response": None}


def _capture() -> None:
    """Keep the working image's features, classes and crop offset of each search."""
    import milia.imaging.analyze as analyze
    import milia.imaging.detect as detect
    import milia.imaging.working as working

    original_classify = working.classify_candidates
    original_search = working.search
    original_prescreen = detect._faint_prescreen
    original_find = working.find_candidates

    def find(*args: Any, **kwargs: Any) -> Any:
        cands = original_find(*args, **kwargs)
        if _ORACLE["response"] is not None:
            cands = _with_oracle(cands, args[1].shape, kwargs["px_per_mm"])
        _FOUND.append((cands.rows.copy(), cands.cols.copy()))
        return cands

    def prescreen(lab: Any, rows: Any, cols: Any, radii: Any, **kwargs: Any) -> Any:
        ok = original_prescreen(lab, rows, cols, radii, **kwargs)
        _DROPPED.append((np.asarray(rows)[~ok], np.asarray(cols)[~ok]))
        return ok

    def classify(feats: dict[str, Any], **kwargs: Any) -> Any:
        cls = original_classify(feats, **kwargs)
        dropped = _DROPPED.pop() if _DROPPED else (np.zeros(0), np.zeros(0))
        _DROPPED.clear()
        as_found = _FOUND.pop() if _FOUND else (np.zeros(0), np.zeros(0))
        _FOUND.clear()
        _CAPTURED.append(
            {
                "feats": feats,
                "cls": cls,
                "min_ring_l": kwargs.get("min_ring_l", 0.0),
                "dropped": dropped,
                "as_found": as_found,
            }
        )
        return cls

    def search(work: Any, mask: Any, model: Any, ppm_work: float) -> Any:
        # The crop searched (as working.search makes it): its offset maps features to work px.
        rows_any = np.nonzero(mask.any(axis=1))[0]
        cols_any = np.nonzero(mask.any(axis=0))[0]
        margin = int(6 * ppm_work)
        _ORACLE.update(
            r0=max(0, int(rows_any[0]) - margin),
            c0=max(0, int(cols_any[0]) - margin),
            work_shape=work.shape[:2],
        )
        out = original_search(work, mask, model, ppm_work)
        _CAPTURED[-1].update(
            r0=max(0, int(rows_any[0]) - margin),
            c0=max(0, int(cols_any[0]) - margin),
            mask=mask,
            ppm=ppm_work,
            work_shape=work.shape[:2],
        )
        return out

    working.classify_candidates = classify
    detect._faint_prescreen = prescreen
    working.find_candidates = find
    analyze.search = search


def _with_oracle(cands: Any, crop_shape: tuple[int, int], ppm: float) -> Any:
    """``cands`` and a light candidate at each true milium in the crop (its true centre and radius).

    With ``--oracle``: what the measurement and the classifier make of a perfect
    search. The added candidates get the band-pass response ``--oracle`` gives
    (below ``classify.Thresholds.faint_response`` they are judged as faint peaks).
    """
    from milia.imaging.detect import Candidates

    height, width = _ORACLE["size"]
    wh, ww = _ORACLE["work_shape"]
    fr, fc = height / wh, width / ww
    rows, cols, radii = [], [], []
    for t in _ORACLE["truth"]:
        r, c = t["row"] / fr - _ORACLE["r0"], t["col"] / fc - _ORACLE["c0"]
        if t["kind"] == "milia_like" and 0 <= r < crop_shape[0] and 0 <= c < crop_shape[1]:
            rows.append(r)
            cols.append(c)
            radii.append(0.5 * float(t["diameter_mm"]) * ppm)
    n = len(rows)
    return Candidates(
        np.concatenate([cands.rows, rows]),
        np.concatenate([cands.cols, cols]),
        np.concatenate([cands.radii, radii]),
        np.concatenate([cands.response, np.full(n, float(_ORACLE["response"]))]),
        np.concatenate([cands.channel, np.full(n, "L")]).astype(np.str_),
    )


def _first_failed_test(f: dict[str, Any], i: int, ppm: float, min_ring_l: float) -> str:
    from milia.imaging.classify import THRESHOLDS, lit_skin_a, luminance_gain

    t = THRESHOLDS

    def spread(name: str) -> float:
        return max(float(f[name][i]), t.typical_spread_share * float(np.median(f[name])))

    light = math.sqrt(
        (max(f["peak_L"][i], 0.0) / spread("sd_L")) ** 2
        + (max(-f["da"][i], 0.0) / spread("sd_a")) ** 2
        + (f["db"][i] / spread("sd_b")) ** 2
    )
    ring_l, peak_l = float(f["ring_L"][i]), float(f["peak_L"][i])
    lit_a = float(lit_skin_a(f["ring_a"][i], ring_l, ring_l + max(f["dL"][i], 0.0)))
    whiter = (
        peak_l >= t.min_whiteness * (100.0 - ring_l)
        or float(luminance_gain(ring_l, ring_l + max(peak_l, 0.0))) >= t.min_luminance_gain
        or (
            peak_l >= t.yellow_whiteness * (100.0 - ring_l)
            and f["db"][i] >= t.yellow_cnr * spread("sd_b")
        )
    )
    dia = float(f["diameter_px"][i]) / ppm
    faint = f["response"][i] < t.faint_response
    # The classifier's dome test (a faint dome may lose b*; a clipped dome is judged).
    on_skin = (f["skin_fraction"] >= t.min_skin_fraction) & (f["ring_L"] >= min_ring_l)
    typical_ring_l = float(np.median(f["ring_L"][on_skin])) if np.any(on_skin) else 0.0
    dome = (
        f["dome_fit"][i] >= t.dome_fit
        and f["elongation"][i] <= t.dome_elongation
        and f["peak_L"][i] >= t.dome_light_cnr * spread("sd_L")
        and ring_l >= t.dome_ring_share * typical_ring_l
    )
    tests = [
        ("ring not skin", f["skin_fraction"][i] >= t.min_skin_fraction),
        ("ring darker than skin", ring_l >= min_ring_l),
        ("light contrast", light >= t.light_cnr and f["dL"][i] > 0),
        ("not whiter", whiter),
        (
            "not less red",
            lit_a - (f["ring_a"][i] + f["da"][i]) >= t.min_desaturation * max(lit_a, 1.0),
        ),
        ("size", t.min_diameter_mm <= dia <= t.max_milia_mm),
        ("elongated", f["elongation"][i] <= t.max_elongation),
        ("runs on", f["bright_extent"][i] <= t.max_bright_extent),
        (
            "highlight",
            not (
                f["chroma_ratio"][i] < t.highlight_chroma_ratio
                and f["core_L"][i] >= t.highlight_core_lightness
            ),
        ),
        (
            "faint, loses yellow",
            not faint or f["db"][i] >= t.faint_min_db * spread("sd_b") or dome,
        ),
        (
            "faint and small",
            not (faint and dia < t.faint_small_mm) or light >= t.faint_light_cnr,
        ),
        ("clipped core", f["core_rgb_max"][i] < t.max_core_rgb or dome),
    ]
    return next((name for name, ok in tests if not ok), "other")


def milium_free_twin(name: str, group: str, seed: int) -> NDArray[np.uint8]:
    """The synth photo ``make_photo(name, ita_group=group, seed=seed)`` without its milia.

    Every random draw is made as in the photo (each milium is painted on a
    throw-away copy), so places, texture, the other bumps and the JPEG settings
    are the same: the two decoded photos differ only by the milia and by how
    the JPEG coded the blocks around them.
    """
    import milia.imaging.synth as synth

    original = getattr(synth, "paint_milium")  # noqa: B009 - the name synth calls

    def unpainted(lab: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return dict(original(lab.copy(), *args, **kwargs))

    setattr(synth, "paint_milium", unpainted)  # noqa: B010
    try:
        return synth.make_photo(name, ita_group=group, seed=seed).rgb
    finally:
        setattr(synth, "paint_milium", original)  # noqa: B010


def visibility(
    rgb: NDArray[np.uint8], twin: NDArray[np.uint8], t: dict[str, Any], mm_per_pixel: float
) -> dict[str, float]:
    """How visible one milium is: the photo with it against the same photo without it.

    Returns ``de``: the mean CIE76 colour difference (Delta E*ab) over the
    milium's core (within half its radius, at least 1 px); ``dl``: the mean
    Delta L* there; ``sd_l``: the robust spread (1.4826 MAD) of L* of the
    photo without it over a ring at 2-3.2 radii (the skin's own texture the
    milium must stand out from: wrinkles, pores, mottling); ``cnr``: ``dl /
    sd_l``. All from the decoded JPEGs (after compression), in CIELAB (D65).
    """
    from milia.imaging.skin import rgb_to_lab

    rad = max(0.5 * float(t["diameter_mm"]) / mm_per_pixel, 1.0)
    half = int(3.4 * rad) + 2
    r, c = round(float(t["row"])), round(float(t["col"]))
    rs, cs = max(0, r - half), max(0, c - half)
    with_ = rgb_to_lab(np.ascontiguousarray(rgb[rs : r + half + 1, cs : c + half + 1]))
    without = rgb_to_lab(np.ascontiguousarray(twin[rs : r + half + 1, cs : c + half + 1]))
    yy, xx = np.mgrid[rs : rs + with_.shape[0], cs : cs + with_.shape[1]]
    d = np.hypot(yy - t["row"], xx - t["col"]) / rad
    core = d <= max(0.5, 1.0 / rad)
    diff = with_ - without
    de = float(np.mean(np.linalg.norm(diff[core], axis=-1)))
    dl = float(np.mean(diff[core][:, 0]))
    ring = without[(d >= 2.0) & (d <= 3.2)][:, 0]
    sd_l = float(1.4826 * np.median(np.abs(ring - np.median(ring)))) if len(ring) else 0.0
    return {"de": de, "dl": dl, "sd_l": sd_l, "cnr": dl / max(sd_l, 0.1)}


def miss_causes(
    jpeg: bytes, mm_per_pixel: float, truth: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], str]]:
    """Each true milium of one photo and ``"found"`` or the cause it was missed."""
    from PIL import Image

    from milia.imaging.analyze import analyze_photo

    _CAPTURED.clear()
    with Image.open(io.BytesIO(jpeg)) as img:
        _ORACLE.update(truth=truth, size=(img.size[1], img.size[0]))
    res = analyze_photo(jpeg, mm_per_pixel=mm_per_pixel)
    found = [les for les in res["lesions"] if les["kind"] == "milia_like"]
    milia = [t for t in truth if t["kind"] == "milia_like"]

    def reach(t: dict[str, Any]) -> float:
        return max(0.6 * float(t["diameter_mm"]), 0.75)

    with Image.open(io.BytesIO(jpeg)) as img:
        width, height = img.size
    outcomes: list[tuple[dict[str, Any], str]] = []
    for t in milia:
        if any(
            math.hypot(les["row"] - t["row"], les["col"] - t["col"]) * mm_per_pixel <= reach(t)
            for les in found
        ):
            outcomes.append((t, "found"))
            continue
        cause = "no candidate"
        if _CAPTURED:
            s = _CAPTURED[0]
            f, cls = s["feats"], s["cls"]
            wh, ww = s["work_shape"]
            fr, fc = height / wh, width / ww
            rows = (f["row"] + s["r0"]) * fr
            cols = (f["col"] + s["c0"]) * fc
            dist = np.hypot(rows - t["row"], cols - t["col"]) * mm_per_pixel
            near = np.nonzero(dist <= reach(t))[0]
            d_rows, d_cols = s["dropped"]
            d_dist = np.hypot(
                (d_rows + s["r0"]) * fr - t["row"], (d_cols + s["c0"]) * fc - t["col"]
            )
            f_rows, f_cols = s["as_found"]
            f_dist = np.hypot(
                (f_rows + s["r0"]) * fr - t["row"], (f_cols + s["c0"]) * fc - t["col"]
            )
            if len(near) == 0:
                r, c = min(int(t["row"] / fr), wh - 1), min(int(t["col"] / fc), ww - 1)
                if not s["mask"][r, c]:
                    cause = "no candidate, off the skin mask"
                elif np.any(f_dist * mm_per_pixel <= reach(t)):
                    cause = "centre moved away"
                elif np.any(d_dist * mm_per_pixel <= reach(t)):
                    cause = "faint, dropped by the pre-screen"
            else:
                i = int(near[np.argmin(dist[near])])
                if cls.kind[i] == "inflamed":
                    cause = "found as inflamed"
                else:
                    cause = _first_failed_test(f, i, s["ppm"], s["min_ring_l"])
        outcomes.append((t, cause))
    return outcomes


def main() -> None:
    from milia.imaging.skin import ITA_GROUPS
    from milia.imaging.synth import BACKGROUNDS, make_photo

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", choices=("synth", "variations"), default="synth")
    parser.add_argument("--seeds", default="1,2", help="comma-separated seeds (or offsets)")
    parser.add_argument("--first-seed", type=int, default=20000, help="variations only")
    parser.add_argument("--groups", default=",".join(ITA_GROUPS))
    parser.add_argument("--verbose", action="store_true", help="one line per missed milium")
    parser.add_argument(
        "--oracle",
        type=float,
        default=None,
        metavar="CNR",
        help="add a light candidate of this band-pass response at each true milium "
        "(a perfect search): what measurement and classifier then lose",
    )
    parser.add_argument(
        "--visibility",
        action="store_true",
        help="synth only: each milium's Delta E against the same photo without milia",
    )
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    groups = args.groups.split(",")
    if args.visibility and args.source != "synth":
        parser.error("--visibility needs --source synth (the generator makes the twin)")
    _ORACLE["response"] = args.oracle
    _capture()
    if args.source == "variations":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from photo_variations import make_variation
    total: collections.Counter[str] = collections.Counter()
    seen: list[tuple[str, str, dict[str, float]]] = []  # (group, cause, visibility)
    for gi, group in enumerate(ITA_GROUPS):
        if group not in groups:
            continue
        causes: collections.Counter[str] = collections.Counter()
        n_found = n_all = 0
        for bi, name in enumerate(BACKGROUNDS):
            for seed in seeds:
                if args.source == "synth":
                    p = make_photo(name, ita_group=group, seed=seed)
                    jpeg, mmpp, truth = p.jpeg, p.mm_per_pixel, p.truth
                else:
                    seed = args.first_seed + 1000 * gi + 100 * bi + seed
                    v = make_variation(name, group, seed=seed)
                    jpeg, mmpp, truth = v.jpeg, v.mm_per_pixel, v.truth
                outcomes = miss_causes(jpeg, mmpp, truth)
                twin = milium_free_twin(name, group, seed) if args.visibility else None
                for t, cause in outcomes:
                    n_all += 1
                    vis = visibility(p.rgb, twin, t, mmpp) if twin is not None else {}
                    seen.append((group, cause, vis))
                    if cause == "found":
                        n_found += 1
                        continue
                    causes[cause] += 1
                    if args.verbose:
                        extra = (
                            " dE {de:.1f} dL {dl:+.1f} ring sd(L) {sd_l:.1f} dL/sd {cnr:.1f}".format(
                                **vis
                            )
                            if vis
                            else ""
                        )
                        print(
                            f"  {group} {name} seed {seed}: {t['diameter_mm']:.2f} mm, "
                            f"{cause}{extra}"
                        )
        total += causes
        print(
            f"{group:<13} found {n_found}/{n_all}; missed: "
            + ", ".join(f"{c} {n}" for c, n in causes.most_common()),
            flush=True,
        )
    print("all groups, missed: " + ", ".join(f"{c} {n}" for c, n in total.most_common()))
    if args.visibility:
        _print_visibility(seen)


def _print_visibility(seen: list[tuple[str, str, dict[str, float]]]) -> None:
    """Visibility of the found and the missed milia per group (median, and how many under dE 3)."""
    print("visibility (photo with the milia vs the same photo without; core mean):")
    for group in dict.fromkeys(g for g, _, _ in seen):
        for label, pick in (("found", True), ("missed", False)):
            vis = [v for g, c, v in seen if g == group and (c == "found") == pick]
            if not vis:
                continue
            de = np.array([v["de"] for v in vis])
            cnr = np.array([v["cnr"] for v in vis])
            print(
                f"  {group:<13} {label:<6} n {len(vis):3d}: dE median {np.median(de):5.1f} "
                f"(min {de.min():4.1f}), dE < 3: {int(np.sum(de < 3))}, dE < 6: "
                f"{int(np.sum(de < 6))}; dL/ring sd(L) median {np.median(cnr):4.1f}, "
                f"< 2: {int(np.sum(cnr < 2))}"
            )


if __name__ == "__main__":
    main()
