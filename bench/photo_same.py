"""Does a change of the photo analysis keep its results? JSON on a frozen corpus, compared.

Run::

    .venv/bin/python bench/photo_same.py make /tmp/corpus         # once: write the photos
    PYTHONPATH=/tmp/old/src .venv/bin/python bench/photo_same.py run /tmp/corpus a.jsonl
    .venv/bin/python bench/photo_same.py run /tmp/corpus b.jsonl  # the working tree
    .venv/bin/python bench/photo_same.py compare a.jsonl b.jsonl

``make`` freezes 53 JPEGs (the benchmark's seeds 100-101 and plain faces of
:mod:`milia.imaging.synth`, one photo per background and ITA group of
``bench/photo_variations.py``, the three speed photos of ``bench/photo.py``
and the two native backgrounds) with their ground truth, so that both runs
read the same bytes even if a generator changes. ``run`` analyses each with
the scale given and estimated (104 analyses; ``analysis_version`` left out);
``compare`` lists the analyses whose JSON differs and the milia-like
true/false positives and misses of each run, per mode. A speed change should
print ``same 104 diff 0``; one that changes results must show, per ITA group
(``--by-group``), that accuracy did not drop. To compare against another
version of milia, put its ``src`` first on ``PYTHONPATH`` (a copy of the tree
with the files in question taken from git).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

GROUPS = ("very_light", "light", "intermediate", "tan", "brown", "dark")


def make(folder: Path) -> None:
    """Write the corpus's JPEGs and ``manifest.json`` (name, mm per px, truth) into ``folder``."""
    sys.path.insert(0, str(Path(__file__).parent))
    import photo as bench
    from photo_variations import make_variation
    from PIL import Image

    from milia.imaging.synth import BACKGROUNDS, background, make_photo

    folder.mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []

    def save(name: str, jpeg: bytes, mmpp: float | None, truth: list[dict[str, Any]]) -> None:
        (folder / f"{name}.jpg").write_bytes(jpeg)
        manifest.append({"name": name, "mmpp": mmpp, "truth": truth})

    for g in GROUPS:
        for b in BACKGROUNDS:
            for seed in (100, 101):
                p = make_photo(b, ita_group=g, seed=seed)
                save(f"bench_{b}_{g}_{seed}", p.jpeg, p.mm_per_pixel, p.truth)
            p = make_photo(b, ita_group=g, n_milia=0, n_inflamed=0, n_distractors=0, seed=7)
            save(f"plain_{b}_{g}", p.jpeg, p.mm_per_pixel, p.truth)
    for gi, g in enumerate(GROUPS):
        for bi, b in enumerate(BACKGROUNDS):
            seed = 5000 + 1000 * gi + 100 * bi
            v = make_variation(b, g, seed=seed)
            save(f"var_{b}_{g}_{seed}", v.jpeg, v.mm_per_pixel, v.truth)
    for noise in (0.0, 3.0):
        p = make_photo(
            "astronaut", ita_group="intermediate", px_per_mm=15.65, sensor_noise=noise, seed=11
        )
        save(f"speed_close_{noise:g}", p.jpeg, p.mm_per_pixel, p.truth)
    p = bench._wide_frame()
    save("speed_wide", p.jpeg, p.mm_per_pixel, p.truth)
    for b in BACKGROUNDS:
        buffer = io.BytesIO()
        Image.fromarray(background(b)).save(buffer, format="JPEG", quality=92)
        save(f"native_{b}", buffer.getvalue(), None, [])
    (folder / "manifest.json").write_text(json.dumps(manifest))
    print(f"{len(manifest)} photos in {folder}")


def run(folder: Path, out: Path) -> None:
    """Analyse every corpus photo (scale given and estimated); one JSON line per analysis."""
    import milia
    from milia.imaging.analyze import analyze_photo
    from milia.imaging.benchmark import score_analysis

    print(f"milia from {milia.__file__}", file=sys.stderr)
    manifest = json.loads((folder / "manifest.json").read_text())
    with out.open("w") as handle:
        for m in manifest:
            data = (folder / f"{m['name']}.jpg").read_bytes()
            for mode in ("given", "face") if m["mmpp"] else ("face",):
                res = analyze_photo(data, mm_per_pixel=m["mmpp"] if mode == "given" else None)
                res.pop("analysis_version", None)
                score: dict[str, list[int]] = {}
                if m["truth"] or m["name"].startswith("plain"):
                    found = score_analysis(res, m["truth"], mm_per_pixel=m["mmpp"])
                    score = {k: [s.tp, s.fp, s.fn] for k, s in found.items()}
                line = {"name": m["name"], "mode": mode, "res": res, "score": score}
                handle.write(json.dumps(line) + "\n")


def _load(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    lines = (json.loads(x) for x in path.read_text().splitlines() if x)
    return {(d["name"], d["mode"]): d for d in lines}


def compare(a_path: Path, b_path: Path, *, by_group: bool) -> None:
    """Print the analyses that differ and milia-like tp/fp/fn (and F1) of each run per mode."""
    a, b = _load(a_path), _load(b_path)
    same = 0
    totals: dict[tuple[str, str, str], list[int]] = {}
    for key in a.keys() & b.keys():
        ra, rb = a[key]["res"], b[key]["res"]
        if ra == rb:
            same += 1
        else:
            fields = [f for f in ra if ra[f] != rb.get(f)]
            print("DIFF", key, fields, ra["counts"]["milia_like"], "->", rb["counts"]["milia_like"])
        group = next((g for g in GROUPS if f"_{g}" in key[0] and not (
            g == "light" and "very_light" in key[0])), "none")  # fmt: skip
        for run_name, runs in (("A", a), ("B", b)):
            score = runs[key]["score"].get("milia_like")
            if score:
                for k in (("all", key[1]), (group, key[1])):
                    t = totals.setdefault((run_name, *k), [0, 0, 0])
                    for i in range(3):
                        t[i] += score[i]
    print(f"same {same} diff {len(a.keys() & b.keys()) - same}")
    for (run_name, group, mode), (tp, fp, fn) in sorted(totals.items()):
        if group == "all" or by_group:
            f1 = 2 * tp / max(1, 2 * tp + fp + fn)
            print(f"{run_name} {mode:<6}{group:<13}tp {tp:4d} fp {fp:3d} fn {fn:3d}  F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("make").add_argument("folder", type=Path)
    p_run = sub.add_parser("run")
    p_run.add_argument("folder", type=Path)
    p_run.add_argument("out", type=Path)
    p_cmp = sub.add_parser("compare")
    p_cmp.add_argument("a", type=Path)
    p_cmp.add_argument("b", type=Path)
    p_cmp.add_argument("--by-group", action="store_true", help="also per ITA group")
    args = parser.parse_args()
    if args.command == "make":
        make(args.folder)
    elif args.command == "run":
        run(args.folder, args.out)
    else:
        compare(args.a, args.b, by_group=args.by_group)


if __name__ == "__main__":
    main()
