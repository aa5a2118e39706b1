"""Speed of two versions of milia's photo analysis, paired: ``bench/photo.py --against OTHER``.

Two worker processes, one per version (``PYTHONPATH=<tree>/src``), stay up for
the whole run; the driver hands them the same photo files in turn, the
order flipping each round (A B, B A, ...), so that both see the same load on
a shared machine. A worker times one analysis between two Pillow decodes of
the same file and answers with the wall and CPU times (the process's and the
calling thread's); the ratio of each analysis is taken to the mean of its
two decodes. Per photo and mode (scale given, scale from the face) the
driver prints each version's median paired ratio with its range, wall and
CPU, the calling thread's CPU over the decode's, and the median of the
per-round ratios new / old (each round's two analyses ran back to back).

Make the other tree from the commit the change sits on, and the new one from
that commit plus the change alone (``git archive <commit> src bench | tar -x
-C /tmp/old``, then copy the changed files over a second copy): a tree
archived from a later HEAD holds other helpers' commits too, and their cost
is then counted as the change's. Pillow's decode and the analysis both run
faster on idle cores (OpenCV's workers then spin while they wait: more CPU,
less wall), so compare runs made at about the same load only.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve()


def _worker() -> None:
    """Answer ``{"path", "mmpp"}`` lines with timings (one JSON line each) until EOF."""
    from PIL import Image

    from milia.imaging.analyze import analyze_photo

    warm: set[tuple[str, Any]] = set()
    for line in sys.stdin:
        job = json.loads(line)
        data = Path(job["path"]).read_bytes()

        def decode(data: bytes = data) -> tuple[float, float]:
            w0, c0 = time.perf_counter(), time.process_time()
            with Image.open(io.BytesIO(data)) as img:
                img.convert("RGB").load()
            return time.perf_counter() - w0, time.process_time() - c0

        if (job["path"], job["mmpp"]) not in warm:
            analyze_photo(data, mm_per_pixel=job["mmpp"])
            decode()
            warm.add((job["path"], job["mmpp"]))
        d0 = decode()
        w0, c0, t0 = time.perf_counter(), time.process_time(), time.thread_time()
        analyze_photo(data, mm_per_pixel=job["mmpp"])
        own = time.thread_time() - t0
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        d1 = decode()
        dw, dc = (d0[0] + d1[0]) / 2, (d0[1] + d1[1]) / 2
        out = {"wall": wall, "cpu": cpu, "own": own, "dec_wall": dw, "dec_cpu": dc}
        print(json.dumps(out), flush=True)


def _start(tree: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), OPENBLAS_NUM_THREADS="1")
    return subprocess.Popen(
        [sys.executable, str(_HERE), "--worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def _ask(proc: subprocess.Popen[str], path: Path, mmpp: float | None) -> dict[str, float]:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps({"path": str(path), "mmpp": mmpp}) + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError("a worker ended early (see its error above)")
    result: dict[str, float] = json.loads(line)
    return result


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def against(other: Path, photos: dict[str, Any], rounds: int, *, this: Path | None = None) -> None:
    """Paired speed of ``this`` tree (default: this file's) against ``other``, per photo and mode.

    Parameters
    ----------
    other : Path
        Root of the other version's tree (its ``src`` is put on ``PYTHONPATH``).
    photos : dict
        Title -> a photo with ``jpeg`` bytes and ``mm_per_pixel``.
    rounds : int
        Analyses per version, photo and mode (the order flips each round).
    this : Path, optional
        Root of the version measured as new; default the tree holding this file.
    """
    new_tree = this if this is not None else _HERE.parent.parent
    print(
        f"\n== Paired speed: A = {other} (old), B = {new_tree} (new); {rounds} rounds, "
        f"order flipping; load {os.getloadavg()[0]:.1f} at the start"
    )
    procs = {"A": _start(other), "B": _start(new_tree)}
    try:
        with tempfile.TemporaryDirectory(prefix="milia-against-") as tmp:
            for title, p in photos.items():
                path = Path(tmp) / f"{len(os.listdir(tmp))}.jpg"
                path.write_bytes(p.jpeg)
                for mode, mmpp in (("scale given", p.mm_per_pixel), ("from the face", None)):
                    _one(procs, path, mmpp, f"{title}, {mode}", rounds)
    finally:
        for proc in procs.values():
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=60)
    print(f"load {os.getloadavg()[0]:.1f} at the end")


def _one(
    procs: dict[str, subprocess.Popen[str]],
    path: Path,
    mmpp: float | None,
    title: str,
    rounds: int,
) -> None:
    runs: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    for r in range(rounds):
        for name in ("A", "B") if r % 2 == 0 else ("B", "A"):
            runs[name].append(_ask(procs[name], path, mmpp))
    print(f"{title}: paired ratio to Pillow's decode, median [range]")
    for name in ("A", "B"):
        rs = runs[name]
        print(
            f"  {name} wall {_spread([x['wall'] / x['dec_wall'] for x in rs])}"
            f"  CPU {_spread([x['cpu'] / x['dec_cpu'] for x in rs])}"
            f"  calling thread {_spread([x['own'] / x['dec_cpu'] for x in rs])}"
            f"  (CPU ms {statistics.median(x['cpu'] for x in rs) * 1000:.0f},"
            f" decode {statistics.median(x['dec_cpu'] for x in rs) * 1000:.0f})"
        )
    per_round = {
        key: [
            (b[key] / b[den]) / (a[key] / a[den]) for a, b in zip(runs["A"], runs["B"], strict=True)
        ]
        for key, den in (("wall", "dec_wall"), ("cpu", "dec_cpu"), ("own", "dec_cpu"))
    }
    print(
        "  B / A per round, each to its own process's decode: "
        + ", ".join(f"{key} {_spread(v)}" for key, v in per_round.items())
    )
    # Pillow's decode can differ by a sixth between two processes of the same code
    # (docs/photo.md, session 14): the analyses' own times, compared round by round,
    # and each version's median over the decode pooled from both processes.
    raw = {
        key: [b[key] / a[key] for a, b in zip(runs["A"], runs["B"], strict=True)]
        for key in ("wall", "cpu", "own")
    }
    print(
        "  B / A per round, times alone: " + ", ".join(f"{k} {_spread(v)}" for k, v in raw.items())
    )
    both = runs["A"] + runs["B"]
    pooled = {k: statistics.median(x[f"dec_{k}"] for x in both) for k in ("wall", "cpu")}
    print(
        f"  over the pooled decode (wall {pooled['wall'] * 1000:.0f}, CPU {pooled['cpu'] * 1000:.0f} ms): "
        + "; ".join(
            f"{name} wall {statistics.median(x['wall'] for x in runs[name]) / pooled['wall']:.2f}"
            f" CPU {statistics.median(x['cpu'] for x in runs[name]) / pooled['cpu']:.2f}"
            f" calling {statistics.median(x['own'] for x in runs[name]) / pooled['cpu']:.2f}"
            for name in ("A", "B")
        )
    )


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    _worker()
