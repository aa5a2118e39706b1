"""Photo analysis benchmark: accuracy per ITA group, false findings, speed vs Pillow and blob_log.

Run: ``.venv/bin/python bench/photo.py [--seeds 3] [--repeats 7] [--baseline-repeats 2]
[--skip-accuracy | --skip-speed] [--stages] [--against OTHER_TREE]``

1. Accuracy on the synthetic benchmark (:mod:`milia.imaging.synth`): both
   backgrounds x 6 ITA groups x seeds; precision, recall, F1 for milia_like
   and inflamed, median absolute diameter error (scale given), per ITA group;
   the same with the scale estimated from the face.
2. False findings per unmodified face (upscaled, textured, recoloured, no
   bumps added) and on the two native photos.
3. Speed on 12 MP JPEGs (a close-up, without and with sensor noise, and a
   frame the face fills a quarter of): median time of ``analyze_photo`` and
   its ratio to Pillow's decode of the same file, every run between two
   decodes (wall and CPU time; paired ratios and ratio of medians); and a plain
   ``skimage.feature.blob_log`` baseline (on L*, at the same 7 px/mm working
   scale, every blob counted as milia-like) for speed and F1. milia hands
   some steps to one background thread (:mod:`milia.imaging.background`);
   the "1 thread" row runs them in turn, for the same results. The calling
   thread's own CPU over the decode's is printed too: on idle cores the wall
   ratio cannot fall below it, whatever the load was when measured.
4. With ``--stages``: CPU time per stage of the analysis on the same photos.
5. With ``--against OTHER_TREE`` (only this): the speed photos timed in this
   tree and in another (e.g. ``git archive`` of the commit before a change),
   one worker process each, alternating in ``--repeats`` paired rounds
   (:mod:`photo_against`).

Targets (issue 4): milia_like F1 >= 0.90 in every ITA group; <= 1 false
milia-like per unmodified face; median diameter error <= 0.3 mm (scale given);
time ratio to decode <= 3.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
from pathlib import Path
from typing import Any

# One BLAS/OpenMP thread, as `milia serve` runs it. OpenCV keeps its own thread
# pool (pthreads, cv2.getNumThreads(), one per core): CPU times add up its threads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy is imported

import numpy as np  # noqa: E402


def _blob_log_analysis(jpeg: bytes, mm_per_pixel: float) -> dict[str, Any]:
    import cv2
    from PIL import Image
    from skimage.feature import blob_log

    from milia.imaging.analyze import WORK_PX_PER_MM

    with Image.open(io.BytesIO(jpeg)) as img:
        rgb = np.asarray(img.convert("RGB"))
    f = min(1.0, WORK_PX_PER_MM * mm_per_pixel)
    h, w = rgb.shape[:2]
    small = cv2.resize(rgb, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255.0
    ppm = WORK_PX_PER_MM
    blobs = blob_log(
        gray, min_sigma=0.25 * ppm / 1.414, max_sigma=1.5 * ppm / 1.414, num_sigma=6, threshold=0.05
    )
    lesions = [
        {
            "row": r / f,
            "col": c / f,
            "diameter_px": 2 * 1.414 * s / f,
            "diameter_mm": 2 * 1.414 * s / f * mm_per_pixel,
            "kind": "milia_like",
        }
        for r, c, s in blobs
    ]
    return {"lesions": lesions}


def accuracy(seeds: int) -> None:
    from milia.imaging.analyze import analyze_photo
    from milia.imaging.benchmark import Score, score_analysis
    from milia.imaging.skin import ITA_GROUPS
    from milia.imaging.synth import BACKGROUNDS, make_photo

    print("== Accuracy on the synthetic benchmark (scale given | scale estimated | blob_log)")
    header = f"{'ITA group':<13}{'milia P/R/F1':>20}{'size err':>10}{'inflamed P/R/F1':>20}{'est. size err':>15}{'blob_log F1':>13}"
    print(header)
    worst = 1.0
    for group in ITA_GROUPS:
        given = {"milia_like": Score(), "inflamed": Score()}
        estimated = {"milia_like": Score(), "inflamed": Score()}
        base = Score()
        for name in BACKGROUNDS:
            for seed in range(100, 100 + seeds):
                p = make_photo(name, ita_group=group, seed=seed)
                for store, mmpp in ((given, p.mm_per_pixel), (estimated, None)):
                    res = analyze_photo(p.jpeg, mm_per_pixel=mmpp)
                    for k, s in score_analysis(res, p.truth, mm_per_pixel=p.mm_per_pixel).items():
                        store[k] += s
                base += score_analysis(
                    _blob_log_analysis(p.jpeg, p.mm_per_pixel), p.truth, mm_per_pixel=p.mm_per_pixel
                )["milia_like"]
        m, i = given["milia_like"], given["inflamed"]
        worst = min(worst, m.f1)
        est = estimated["milia_like"].median_size_error_mm
        print(
            f"{group:<13}{m.precision:>8.2f}/{m.recall:.2f}/{m.f1:.2f}{m.median_size_error_mm or 0:>10.2f}"
            f"{i.precision:>8.2f}/{i.recall:.2f}/{i.f1:.2f}{est or float('nan'):>15.2f}{base.f1:>13.2f}"
        )
    print(f"worst milia_like F1: {worst:.2f} (target >= 0.90)")


def false_findings() -> None:
    from milia.imaging.analyze import analyze_photo
    from milia.imaging.skin import ITA_GROUPS
    from milia.imaging.synth import BACKGROUNDS, background, make_photo

    print("\n== False findings on unmodified faces (no bumps added)")
    per_photo = []
    for name in BACKGROUNDS:
        row = []
        for group in ITA_GROUPS:
            p = make_photo(name, ita_group=group, n_milia=0, n_inflamed=0, n_distractors=0, seed=7)
            res = analyze_photo(p.jpeg, mm_per_pixel=p.mm_per_pixel)
            row.append(f"{group} {res['counts']['milia_like']}/{res['counts']['inflamed']}")
            per_photo.append(res["counts"]["milia_like"])
        print(f"{name:<13}" + "  ".join(row) + "   (milia_like/inflamed)")
        native = analyze_photo(background(name))
        print(f"{'':<13}native photo: {native['counts']} quality={native['quality']}")
    print(
        f"mean false milia-like per face: {statistics.mean(per_photo):.2f}, max {max(per_photo)} (target <= 1)"
    )


def speed(repeats: int, baseline_repeats: int) -> None:
    from milia.imaging.synth import make_photo

    for noise in (0.0, 3.0):
        p = make_photo(
            "astronaut", ita_group="intermediate", px_per_mm=15.65, sensor_noise=noise, seed=11
        )
        _speed_one(
            p,
            repeats,
            f"a 12 MP close-up JPEG, sensor noise {noise:g}",
            baseline_repeats=baseline_repeats,
        )
    _speed_one(
        _wide_frame(),
        repeats,
        "a 12 MP JPEG whose face fills a quarter of the frame, noise 2",
        baseline_repeats=baseline_repeats,
    )


def _speed_photos() -> dict[str, Any]:
    """The speed photos: the close-up without and with sensor noise, the face in a quarter."""
    from milia.imaging.synth import make_photo

    photos = {
        f"close-up{', noise 3' if noise else ''}": make_photo(
            "astronaut", ita_group="intermediate", px_per_mm=15.65, sensor_noise=noise, seed=11
        )
        for noise in (0.0, 3.0)
    }
    photos["face in a quarter"] = _wide_frame()
    return photos


def _wide_frame() -> Any:
    """A 4032 x 3024 photo with the face in part of it (8 px/mm) before a room-like scene.

    The bench's close-up is decoded at half size straight to the working
    scale; here the whole frame is decoded and searched wherever the skin
    mask reaches (the scene, scikit-image's ``coffee``, has skin-like browns).
    """
    import cv2
    from PIL import Image
    from skimage import data

    from milia.imaging.synth import SyntheticPhoto, make_photo

    face = make_photo("grace_hopper", ita_group="light", px_per_mm=8.0, sensor_noise=2.0, seed=21)
    frame = cv2.resize(data.coffee(), (4032, 3024), interpolation=cv2.INTER_CUBIC)
    r0, c0 = 900, 1500
    h, w = min(face.rgb.shape[0], 3024 - r0), min(face.rgb.shape[1], 4032 - c0)
    frame[r0 : r0 + h, c0 : c0 + w] = face.rgb[:h, :w]
    noise = np.random.default_rng(5).normal(0.0, 2.0, frame.shape)
    frame = np.clip(frame + noise, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(frame).save(buffer, format="JPEG", quality=90)
    truth = [
        {**t, "row": t["row"] + r0, "col": t["col"] + c0}
        for t in face.truth
        if t["row"] < h and t["col"] < w
    ]
    return SyntheticPhoto(
        rgb=frame,
        jpeg=buffer.getvalue(),
        mm_per_pixel=face.mm_per_pixel,
        ita_group=face.ita_group,
        background="grace_hopper in coffee",
        truth=truth,
    )


#: Stages of analyze_photo timed by --stages: (module, attribute, label). Each is
#: wrapped where analyze_photo looks it up; nested calls count in their caller.
_STAGES = (
    ("milia.imaging.io", "Photo.decode", "decode"),
    ("milia.imaging.source", "resize", "resize"),
    ("milia.imaging.source", "resize_region", "resize"),  # around the skin only
    ("milia.imaging.analyze", "detect_faces", "face and eyes"),
    ("milia.imaging.face", "_scan", "  of which face cascades"),
    ("milia.imaging.face", "_find_eyes", "  of which eyes (main face)"),
    ("milia.imaging.face_further", "further_faces", "  of which further faces"),
    ("milia.imaging.working", "skin_mask_rgb", "skin mask"),  # also the small copy's
    ("milia.imaging.analyze", "skin_mask_rgb", "skin mask"),  # further faces
    ("milia.imaging.analyze", "assess_quality", "photo quality"),
    ("milia.imaging.working", "rgb_to_lab", "CIELAB of the search window"),
    ("milia.imaging.working", "find_candidates", "candidates"),
    ("milia.imaging.labimage", "halved", "  of which half-size CIELAB"),
    ("milia.imaging.detect", "whiteness_weight", "  of which whiteness weight"),
    ("milia.imaging.detect", "band_pass_peaks", "  of which band-pass"),
    ("milia.imaging.working", "measure_candidates", "measure"),
    ("milia.imaging.measure", "_ring_plane", "  of which ring plane fits"),
    ("milia.imaging.measure", "_blob_shape", "  of which blob shapes"),
    ("milia.imaging.measure_surround", "papule_redness", "  of which papule rings"),
    ("milia.imaging.working", "classify_candidates", "classify"),
    ("milia.imaging.findings", "regions_by_face", "regions"),
)


def stages(repeats: int) -> None:
    """CPU time per stage of analyze_photo (scale given; the wide frame also from its face), ms.

    Median of ``repeats`` runs. The background thread's steps run in turn on
    the calling thread here, so that each stage's CPU time is its own (CPU
    time is counted per process).
    """
    import importlib

    from milia.imaging import background
    from milia.imaging.analyze import analyze_photo
    from milia.imaging.synth import make_photo

    spent: dict[str, float] = {}
    originals = []
    for mod_name, attr, label in _STAGES:
        owner: Any = importlib.import_module(mod_name)
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        fn = getattr(owner, name, None)
        if fn is None:
            continue

        def timed(*a: Any, _fn: Any = fn, _label: str = label, **k: Any) -> Any:
            c0 = time.process_time()
            try:
                return _fn(*a, **k)
            finally:
                spent[_label] = spent.get(_label, 0.0) + time.process_time() - c0

        originals.append((owner, name, fn))
        setattr(owner, name, timed)
    photos = {
        "close-up": make_photo(
            "astronaut", ita_group="intermediate", px_per_mm=15.65, sensor_noise=0.0, seed=11
        ),
        "close-up, noise 3": make_photo(
            "astronaut", ita_group="intermediate", px_per_mm=15.65, sensor_noise=3.0, seed=11
        ),
        "face in a quarter": _wide_frame(),
    }
    # The wide frame once more with the scale from its face: decoded at half size for
    # the face, then whole (the face's 9.5 px/mm) and resized to the working scale.
    runs_of: dict[str, tuple[Any, float | None]] = {
        t: (p, p.mm_per_pixel) for t, p in photos.items()
    }
    runs_of["quarter, scale from face"] = (photos["face in a quarter"], None)
    table: dict[str, dict[str, float]] = {}
    background.settings["inline"] = True
    try:
        for title, (p, mmpp) in runs_of.items():
            analyze_photo(p.jpeg, mm_per_pixel=mmpp)  # warm-up
            runs = []
            for _ in range(repeats):
                spent.clear()
                _, _, cpu = _timed(lambda p=p, m=mmpp: analyze_photo(p.jpeg, mm_per_pixel=m))
                spent["total"] = cpu
                runs.append(dict(spent))
            table[title] = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in runs[0]}
    finally:
        background.settings["inline"] = False
        for owner, name, fn in originals:
            setattr(owner, name, fn)
    print(f"\n== CPU ms per stage of analyze_photo, scale given but the last (median of {repeats})")
    print(f"{'stage':<30}" + "".join(f"{t:>27}" for t in table))
    labels = [
        lab
        for lab in dict.fromkeys(lab for *_, lab in _STAGES)
        if any(lab in v for v in table.values())
    ]
    labels.append("total")
    for label in labels:
        print(f"{label:<30}" + "".join(f"{v.get(label, 0.0) * 1000:27.1f}" for v in table.values()))


def _timed(fn: Any) -> tuple[Any, float, float]:
    """Run fn(); return its result, wall time and this process's CPU time (all threads), s."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def _one_thread(analyze: Any, p: Any) -> Any:
    """``analyze`` with milia's background steps run in turn (OpenCV keeps its threads)."""
    from milia.imaging import background

    background.settings["inline"] = True
    try:
        return analyze(p.jpeg, mm_per_pixel=p.mm_per_pixel)
    finally:
        background.settings["inline"] = False


def _speed_one(p: Any, repeats: int, title: str, *, baseline_repeats: int = 2) -> None:
    """Time the analyses of one photo against Pillow's decode of it, interleaved.

    Every timed run is bracketed by two Pillow decodes of the same file
    (D A D B D C D ...): a run's ratio is its time over the mean of the decode
    just before and just after it, so that both see the same load on a busy
    machine. The order of the analyses rotates from one repeat to the next.
    Printed per row: medians of wall and CPU time, the median (and range) of
    the paired ratios, and the ratio of the medians, for wall and CPU time.
    CPU time (this process, all threads) is far steadier than wall time when
    other processes share the cores.
    """
    from PIL import Image

    from milia.imaging.analyze import analyze_photo
    from milia.imaging.benchmark import score_analysis

    h, w = p.rgb.shape[:2]
    print(
        f"\n== Speed on {title} ({repeats} repeats, blob_log {baseline_repeats}; each run "
        "between two Pillow decodes)"
    )

    def decode() -> None:
        with Image.open(io.BytesIO(p.jpeg)) as img:
            img.convert("RGB").load()

    variants: dict[str, Any] = {
        "milia (scale given)": lambda: analyze_photo(p.jpeg, mm_per_pixel=p.mm_per_pixel),
        "milia (given, 1 thread)": lambda: _one_thread(analyze_photo, p),
        "milia (scale from face)": lambda: analyze_photo(p.jpeg),
        "blob_log baseline": lambda: _blob_log_analysis(p.jpeg, p.mm_per_pixel),
    }
    decode()
    res: dict[str, Any] = analyze_photo(p.jpeg, mm_per_pixel=p.mm_per_pixel)  # warm-up
    base: dict[str, Any] = {}
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in ["Pillow decode", *variants]}
    ratios: dict[str, list[tuple[float, float]]] = {k: [] for k in variants}
    own_ratios: dict[str, list[float]] = {k: [] for k in variants}  # the calling thread's CPU
    labels = list(variants)
    for rep in range(repeats):
        _, w0, c0 = _timed(decode)
        times["Pillow decode"].append((w0, c0))
        for label in labels[rep % len(labels) :] + labels[: rep % len(labels)]:
            if label == "blob_log baseline" and rep >= baseline_repeats:
                continue
            t0 = time.thread_time()
            out, wall, cpu = _timed(variants[label])
            own = time.thread_time() - t0
            _, w1, c1 = _timed(decode)
            times[label].append((wall, cpu))
            times["Pillow decode"].append((w1, c1))
            ratios[label].append((wall / ((w0 + w1) / 2), cpu / max((c0 + c1) / 2, 1e-9)))
            own_ratios[label].append(own / max((c0 + c1) / 2, 1e-9))
            w0, c0 = w1, c1
            if label == "blob_log baseline":
                base = out
    dec_w = statistics.median(t[0] for t in times["Pillow decode"])
    dec_c = statistics.median(t[1] for t in times["Pillow decode"])
    print(f"photo {w} x {h} = {w * h / 1e6:.1f} MP, JPEG {len(p.jpeg) / 1e6:.1f} MB")
    print(
        f"{'':<24}{'wall ms':>8}{'CPU ms':>8}   {'ratio to decode, paired: wall':>30}"
        f"{'CPU':>22}   {'ratio of medians: wall':>22}{'CPU':>7}"
    )
    walls = [t[0] * 1000 for t in times["Pillow decode"]]
    cpus = [t[1] * 1000 for t in times["Pillow decode"]]
    print(
        f"{'Pillow decode':<24}{dec_w * 1000:8.0f}{dec_c * 1000:8.0f}   "
        f"{f'(n={len(walls)}, wall {min(walls):.0f}-{max(walls):.0f} ms,':>30}"
        f"{f' CPU {min(cpus):.0f}-{max(cpus):.0f})':>22}"
    )
    for label in variants:
        ts, rs = times[label], ratios[label]
        rw, rc = [r[0] for r in rs], [r[1] for r in rs]
        print(
            f"{label:<24}{statistics.median(t[0] for t in ts) * 1000:8.0f}"
            f"{statistics.median(t[1] for t in ts) * 1000:8.0f}   "
            f"{f'{statistics.median(rw):.2f} [{min(rw):.2f}-{max(rw):.2f}]':>30}"
            f"{f'{statistics.median(rc):.2f} [{min(rc):.2f}-{max(rc):.2f}]':>22}   "
            f"{statistics.median(t[0] for t in ts) / dec_w:22.2f}"
            f"{statistics.median(t[1] for t in ts) / dec_c:7.2f}"
        )
    # The calling thread's CPU alone: the wall time on an idle machine cannot fall below it
    # (the rest runs on the background thread and OpenCV's), a load-proof floor for the wall ratio.
    print(
        "calling thread's CPU / decode CPU, paired (floor of the wall ratio on idle cores): "
        + ", ".join(
            f"{label} {statistics.median(own_ratios[label]):.2f}"
            for label in variants
            if own_ratios[label] and label != "blob_log baseline"
        )
    )
    ours_f1 = score_analysis(res, p.truth, mm_per_pixel=p.mm_per_pixel)["milia_like"].f1
    base_f1 = score_analysis(base, p.truth, mm_per_pixel=p.mm_per_pixel)["milia_like"].f1
    print(
        f"milia_like F1 on this photo: milia {ours_f1:.2f}, blob_log {base_f1:.2f} "
        "(target: ratio <= 3; CPU time counts all of OpenCV's threads)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3, help="photos per background and ITA group")
    parser.add_argument("--repeats", type=int, default=7, help="timing repeats")
    parser.add_argument(
        "--baseline-repeats",
        type=int,
        default=2,
        help="timing repeats of the (slow) blob_log baseline, within the first repeats",
    )
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--stages", action="store_true", help="also print CPU time per stage of the analysis"
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="root of another milia tree: time both in paired rounds instead (bench/photo_against.py)",
    )
    parser.add_argument(
        "--check-seeds",
        type=int,
        default=2,
        help="photos per background and group of the independent check (0: skip it)",
    )
    args = parser.parse_args()
    if args.against is not None:
        from photo_against import against

        against(args.against, _speed_photos(), args.repeats)
        return
    if not args.skip_accuracy:
        accuracy(args.seeds)
        false_findings()
        if args.check_seeds:
            # A second generator written apart from milia.imaging.synth (its docstring).
            from photo_variations import run_check

            print()
            run_check(args.check_seeds)
    if not args.skip_speed:
        speed(args.repeats, max(1, min(args.baseline_repeats, args.repeats)))
    if args.stages:
        stages(max(args.repeats, 3))


if __name__ == "__main__":
    main()
