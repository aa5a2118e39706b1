"""Replay the bump search on captured crops: try a classifier or detector setting in minutes.

Run:
``.venv/bin/python bench/photo_replay.py capture --source synth --seeds 1,2,10,11 --out /tmp/s.pkl``
``.venv/bin/python bench/photo_replay.py capture --source synth --plain --seeds 7,8 --out /tmp/p.pkl``
``.venv/bin/python bench/photo_replay.py capture --source variations --seeds 0,1 --out /tmp/v.pkl``
``.venv/bin/python bench/photo_replay.py replay /tmp/s.pkl /tmp/p.pkl --set classify.faint_min_db=-2``
``.venv/bin/python bench/photo_replay.py features /tmp/s.pkl --out /tmp/s_f.pkl``
``.venv/bin/python bench/photo_replay.py rules /tmp/s_f.pkl --set classify.max_elongation=1.7``

``capture`` runs the full analysis (scale given) once per photo and keeps what
``working.search`` searched: the working image's skin box (uint8), its skin
mask, the skin model's darkest L* and the scale. ``replay`` runs
``find_candidates``, ``measure_candidates`` and ``classify_candidates`` on
each kept crop, maps the findings back to the photo and scores them as
``bench/photo.py`` does (milia_like per ITA group; false milia-like per plain
face; also inflamed F1 per group and the milia-like median size error, as
replayed: not checked against the full analysis), which reproduces the full
analysis' milia-like findings exactly
(synth seeds 1, 2, 10, 11 at 6d5fb2c: tp/fp/fn 65/3/31 80/1/16 83/1/13
87/0/9 91/2/5 96/7/0). Stages before the search (face, skin mask, working
copy) are not replayed: a change there needs a new capture.

``features`` keeps, once, every candidate's measured features of each
captured search (the faint-peak pre-screen's verdict as ``pre_ok``); ``rules``
classifies them and scores as ``replay`` does, in seconds instead of minutes:
for a classifier change it gives ``replay``'s findings exactly (synth seeds 1,
2, 10, 11 at 376ce1b: the same tp/fp/fn in every group); a detector or
measurement change needs ``features`` again.

``--set`` changes a classifier threshold (``classify.<field>`` of
:class:`milia.imaging.classify.Thresholds`) or a module constant of the
detector (``detect.<NAME>``, e.g. ``detect.FAINT_MIN_DB``) for the replay.
Synth seeds are ``make_photo`` seeds; variation seeds are offsets from
``--first-seed`` as in ``bench/photo_variations.py`` (each with its plain
face). Develop only on seeds you develop on: held-out seeds (synth 100+,
variations 5000 and 40000 series) are for the final measurement only.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import pickle
import sys
from collections.abc import Iterator
from typing import Any

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy is imported

import numpy as np  # noqa: E402

_CALLS: list[dict[str, Any]] = []


def _hook() -> None:
    """Keep the crop each ``working.search`` call searches (as it makes it)."""
    import milia.imaging.analyze as analyze
    import milia.imaging.working as working

    original = working.search

    def search(work: Any, mask: Any, model: Any, ppm_work: float) -> Any:
        r0, r1, c0, c1 = working.search_box(mask, ppm_work)
        _CALLS.append(
            {
                "crop": np.ascontiguousarray(working._exact(work, r0, r1, c0, c1)),
                "mask": np.ascontiguousarray(mask[r0:r1, c0:c1]),
                "low_l": float(model.low_L),
                "ppm": float(ppm_work),
                "r0": r0,
                "c0": c0,
                "work_shape": work.shape[:2],
            }
        )
        return original(work, mask, model, ppm_work)

    analyze.search = search


def _photos(args: argparse.Namespace) -> Iterator[tuple[dict[str, Any], bytes, float, list[Any]]]:
    from milia.imaging.skin import ITA_GROUPS
    from milia.imaging.synth import BACKGROUNDS, make_photo

    seeds = [int(s) for s in args.seeds.split(",")]
    groups = args.groups.split(",")
    for gi, group in enumerate(ITA_GROUPS):
        if group not in groups:
            continue
        for bi, name in enumerate(BACKGROUNDS):
            for seed in seeds:
                if args.source == "synth":
                    none = {"n_milia": 0, "n_inflamed": 0, "n_distractors": 0}
                    p = make_photo(name, ita_group=group, seed=seed, **(none if args.plain else {}))
                    meta = {"group": group, "background": name, "seed": seed, "plain": args.plain}
                    yield meta, p.jpeg, p.mm_per_pixel, p.truth
                    continue
                from photo_variations import make_variation

                vseed = args.first_seed + 1000 * gi + 100 * bi + seed
                for bumps in (True, False):
                    v = make_variation(name, group, seed=vseed, bumps=bumps)
                    meta = {"group": group, "background": name, "seed": vseed, "plain": not bumps}
                    yield meta, v.jpeg, v.mm_per_pixel, v.truth


def capture(args: argparse.Namespace) -> None:
    """Analyse each photo once and keep its searched crops in ``args.out`` (pickle)."""
    from PIL import Image

    from milia.imaging.analyze import analyze_photo

    _hook()
    items = []
    for meta, jpeg, mmpp, truth in _photos(args):
        _CALLS.clear()
        analyze_photo(jpeg, mm_per_pixel=mmpp)
        with Image.open(io.BytesIO(jpeg)) as img:
            width, height = img.size
        items.append(
            {
                "meta": meta,
                "mm_per_pixel": mmpp,
                "truth": truth,
                "calls": list(_CALLS),
                "size": (height, width),
            }
        )
        print(meta, flush=True)
        with open(args.out + ".part", "wb") as fh:  # kept as it grows: captures are slow
            pickle.dump(items, fh)
        os.replace(args.out + ".part", args.out)


def _apply(settings: list[str]) -> None:
    """Apply ``--set`` overrides: ``classify.<threshold>=v`` or ``detect.<CONSTANT>=v``."""
    import milia.imaging.classify as classify
    import milia.imaging.detect as detect

    defaults = classify.classify_candidates.__kwdefaults__
    assert defaults is not None
    for item in settings:
        key, value = item.split("=", 1)
        where, name = key.split(".", 1)
        if where == "classify":
            defaults["thresholds"] = dataclasses.replace(
                defaults["thresholds"], **{name: float(value)}
            )
        elif where == "detect" and hasattr(detect, name):
            setattr(detect, name, float(value))
        else:
            raise SystemExit(f"unknown setting {key!r}")


def _lesions(item: dict[str, Any], found: list[tuple[dict[str, Any], Any, Any]]) -> dict[str, Any]:
    """The findings (photo px) of ``(call, features, classification)`` per search, as a result dict."""
    lesions = []
    height, width = item["size"]
    for call, feats, cls in found:
        wh, ww = call["work_shape"]
        fr, fc = height / wh, width / ww
        for i in np.nonzero(cls.kind != "rejected")[0]:
            dia_px = float(cls.diameter_px[i]) * float(np.sqrt(fr * fc))
            lesions.append(
                {
                    "row": round(float((feats["row"][i] + call["r0"]) * fr), 1),
                    "col": round(float((feats["col"][i] + call["c0"]) * fc), 1),
                    "diameter_px": dia_px,
                    "diameter_mm": dia_px * item["mm_per_pixel"],
                    "kind": str(cls.kind[i]),
                }
            )
    return {"lesions": lesions}


def replay_one(item: dict[str, Any]) -> dict[str, Any]:
    """The findings (photo px) of the replayed search of one captured photo, as a result dict."""
    from milia.imaging.classify import THRESHOLDS, classify_candidates
    from milia.imaging.detect import find_candidates
    from milia.imaging.labimage import LabImage
    from milia.imaging.measure import measure_candidates
    from milia.imaging.skin import rgb_to_lab

    found = []
    for call in item["calls"]:
        lab = LabImage.from_lab(rgb_to_lab(call["crop"]))
        cands = find_candidates(lab, call["mask"], px_per_mm=call["ppm"])
        feats = measure_candidates(
            lab,
            call["mask"],
            cands,
            min_skin_fraction=THRESHOLDS.min_skin_fraction,
            min_ring_l=call["low_l"],
        )
        cls = classify_candidates(feats, px_per_mm=call["ppm"], min_ring_l=call["low_l"])
        found.append((call, feats, cls))
    return _lesions(item, found)


def features(args: argparse.Namespace) -> None:
    """Keep every candidate's features of each captured search (``args.out``, pickle).

    The search runs as in :func:`replay_one` (with ``--set detect.*``); the
    faint light peaks its pre-screen dropped are added (from a second search
    whose pre-screen keeps every peak), the verdict kept as the feature
    ``pre_ok`` (1.0 or 0.0), and every candidate is measured in full (the
    classifier judges skin share and ring lightness from the features).
    :func:`rules` then classifies the candidates the pre-screen keeps: for a
    classifier change, the same findings as ``replay`` in seconds.
    """
    import milia.imaging.detect as detect
    from milia.imaging.labimage import LabImage
    from milia.imaging.measure import measure_candidates
    from milia.imaging.skin import rgb_to_lab

    _apply(args.set or [])
    original = detect._faint_prescreen
    verdicts: list[Any] = []
    added: list[int] = []

    def keep_all(lab: Any, rows: Any, cols: Any, radii: Any, **kwargs: Any) -> Any:
        ok = original(lab, rows, cols, radii, **kwargs)
        if kwargs.get("whiter", 0.0) > 0:  # the colour-loss peaks: screened as they are
            added.append(int(np.count_nonzero(ok)))
            return ok
        verdicts.append(ok)
        return np.ones(len(rows), dtype=bool)

    with open(args.file, "rb") as fh:
        items = pickle.load(fh)
    out = []
    for item in items:
        calls = []
        for call in item["calls"]:
            verdicts.clear()
            added.clear()
            lab = LabImage.from_lab(rgb_to_lab(call["crop"]))
            # The search as it runs (its colour-loss peaks go where no kept light
            # candidate is), then the faint light peaks its pre-screen dropped.
            cands = detect.find_candidates(lab, call["mask"], px_per_mm=call["ppm"])
            detect._faint_prescreen = keep_all
            try:
                every = detect.find_candidates(
                    LabImage.from_lab(lab.full()), call["mask"], px_per_mm=call["ppm"]
                )
            finally:
                detect._faint_prescreen = original
            searched = np.arange(len(every)) < len(every) - sum(added)  # not colour-loss peaks
            faint = np.nonzero(
                searched & (every.channel == "L") & (every.response < detect.MIN_RESPONSE)
            )[0]
            dropped = faint[~verdicts[0]] if verdicts else faint[:0]
            cands = detect.Candidates(
                *(
                    np.concatenate([getattr(cands, k), getattr(every, k)[dropped]])
                    for k in ("rows", "cols", "radii", "response", "channel")
                )
            )
            pre_ok = np.arange(len(cands)) < len(cands) - len(dropped)
            feats = measure_candidates(lab, call["mask"], cands)
            feats["pre_ok"] = pre_ok.astype(np.float64)
            kept = {k: v for k, v in call.items() if k not in ("crop", "mask")}
            calls.append(kept | {"feats": feats})
        out.append({k: v for k, v in item.items() if k != "calls"} | {"calls": calls})
        print(item["meta"], flush=True)
    with open(args.out, "wb") as sink:
        pickle.dump(out, sink)


def rules(args: argparse.Namespace) -> None:
    """Classify the candidates kept by :func:`features` and score them as ``replay`` does."""
    from milia.imaging.classify import classify_candidates

    _apply(args.set or [])
    for path in args.files:
        with open(path, "rb") as fh:
            items = pickle.load(fh)
        results = []
        for item in items:
            found = []
            for call in item["calls"]:
                keep = call["feats"]["pre_ok"] > 0
                feats = {k: v[keep] for k, v in call["feats"].items()}
                cls = classify_candidates(feats, px_per_mm=call["ppm"], min_ring_l=call["low_l"])
                found.append((call, feats, cls))
            results.append((item, _lesions(item, found)))
        _report(os.path.basename(path), results)


def _report(name: str, results: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Print F1 per ITA group (milia-like, inflamed), size error and false findings per plain face.

    Milia-like TP/FP/FN and F1 per group, inflamed F1 per group, the median
    absolute diameter error (mm) of the milia-like findings matched, and the
    false milia-like findings per plain face, of ``(item, result)``.
    """
    from milia.imaging.benchmark import Score, score_analysis
    from milia.imaging.skin import ITA_GROUPS

    scores = {g: Score() for g in ITA_GROUPS}
    inflamed = {g: Score() for g in ITA_GROUPS}
    plain: dict[str, list[int]] = {g: [] for g in ITA_GROUPS}
    for item, res in results:
        group = item["meta"]["group"]
        if item["meta"]["plain"]:
            plain[group].append(sum(les["kind"] == "milia_like" for les in res["lesions"]))
        else:
            mmpp = item["mm_per_pixel"]
            scored = score_analysis(res, item["truth"], mm_per_pixel=mmpp)
            scores[group] += scored["milia_like"]
            inflamed[group] += scored["inflamed"]
    seen = [g for g in ITA_GROUPS if scores[g].tp + scores[g].fn]
    if seen:
        print(f"{name}: milia_like F1 " + " ".join(f"{g} {scores[g].f1:.3f}" for g in seen))
        print(
            f"{name}: tp/fp/fn "
            + " ".join(f"{g} {scores[g].tp}/{scores[g].fp}/{scores[g].fn}" for g in seen)
        )
        errors = [abs(e) for g in seen for e in scores[g].size_errors_mm]
        print(
            f"{name}: inflamed F1 "
            + " ".join(f"{g} {inflamed[g].f1:.3f}" for g in seen)
            + f"; milia-like median |size error| {np.median(errors) if errors else 0.0:.3f} mm"
        )
    faces = [n for g in ITA_GROUPS for n in plain[g]]
    if faces:
        print(
            f"{name}: false milia-like per plain face {np.mean(faces):.3f} (max {max(faces)}); "
            + " ".join(f"{g} {sum(plain[g])}/{len(plain[g])}" for g in ITA_GROUPS if plain[g]),
            flush=True,
        )


def replay(args: argparse.Namespace) -> None:
    """Print milia-like F1 per ITA group and false findings per plain face, per file."""
    _apply(args.set or [])
    for path in args.files:
        with open(path, "rb") as fh:
            items = pickle.load(fh)
        _report(os.path.basename(path), [(item, replay_one(item)) for item in items])


def main() -> None:
    from milia.imaging.skin import ITA_GROUPS

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture", help="analyse photos once and keep their searched crops")
    cap.add_argument("--source", choices=("synth", "variations"), default="synth")
    cap.add_argument("--seeds", default="1,2", help="comma-separated seeds (or offsets)")
    cap.add_argument("--first-seed", type=int, default=20000, help="variations only")
    cap.add_argument("--groups", default=",".join(ITA_GROUPS))
    cap.add_argument("--plain", action="store_true", help="synth only: faces with no bumps")
    cap.add_argument("--out", required=True, help="pickle file to write")
    rep = sub.add_parser("replay", help="replay the search on captured crops and score it")
    rep.add_argument("files", nargs="+")
    rep.add_argument("--set", action="append", help="classify.<threshold>=v or detect.<NAME>=v")
    fea = sub.add_parser("features", help="keep every candidate's features of a capture")
    fea.add_argument("file")
    fea.add_argument("--out", required=True, help="pickle file to write")
    fea.add_argument("--set", action="append", help="detect.<NAME>=v")
    rul = sub.add_parser("rules", help="classify kept features and score them (seconds)")
    rul.add_argument("files", nargs="+")
    rul.add_argument("--set", action="append", help="classify.<threshold>=v")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    {"capture": capture, "replay": replay, "features": features, "rules": rules}[args.command](args)


if __name__ == "__main__":
    main()
