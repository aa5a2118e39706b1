"""Benchmark of milia.assess: single-case latency and batch throughput.

Targets (issue 2): single-case p99 <= 2 ms with explanations, and >= 20,000
cases/s in batch on one core over 100,000 generated cases. Each figure is
printed beside the time to ``json.loads`` the same cases, measured in the same
run, because the machine is shared and noisy: the ratio travels better than
the absolute time.

Batch figures come for the list of dicts (``assess_many``) and for JSON lines
in and out (:func:`milia.engine.jsontext.assess_lines`, and
:func:`~milia.engine.jsontext.assess_lines_utf8`, what ``milia assess
CASES.jsonl`` runs), each in wall time and in CPU time of this process (the
latter is what the process itself spent, whatever the other load). numpy's
BLAS is held to one thread: the target is one core, and several BLAS threads
on a shared 2-core machine cost more than they give.

With ``--against OTHER`` (another checkout, or its ``src``) only the JSON lines
full-contract rows (text and UTF-8) are measured, in child processes that import this tree's milia
and the other's in turn (``--rounds`` pairs, alternating which goes first): both
CPU figures and the ratio this / other (median of the per-round ratios, with their
range), since on a shared machine only a paired ratio travels. The json.loads row
times the same code in both trees: its spread is the noise (~2-3 % at 4 rounds of
20,000 on a loaded 2-core machine), so use 6 rounds or more for a change of a few
per cent.

Run: ``.venv/bin/python bench/assess.py [--n 100000] [--single 3000] [--seed 7]
[--against /tmp/old --rounds 3]``
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: before numpy is imported

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from milia.engine.sample import random_cases  # noqa: E402


def generate(n: int, seed: int) -> list[str]:
    """``n`` valid cases as JSON lines, drawn like real descriptions (fixed seed)."""
    return [json.dumps(case) for case in random_cases(n, seed=seed)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def single(lines: list[str]) -> None:
    from milia.engine.assess import assess

    for line in lines[:50]:  # warm caches (model compile, YAML)
        assess(json.loads(line))
    print(f"single case, with explanations ({len(lines)} cases)")
    # wall time includes preemption by other processes on a shared machine;
    # thread CPU time is what this process itself spent
    for clock_name, clock in (("wall", time.perf_counter), ("cpu", time.thread_time)):
        parse_times, assess_times = [], []
        for line in lines:
            t0 = clock()
            case = json.loads(line)
            t1 = clock()
            assess(case)
            t2 = clock()
            parse_times.append(t1 - t0)
            assess_times.append(t2 - t1)
        med, p99 = statistics.median(assess_times), percentile(assess_times, 0.99)
        jmed, jp99 = statistics.median(parse_times), percentile(parse_times, 0.99)
        print(
            f"  [{clock_name}] assess      median {med * 1e3:7.3f} ms   p99 {p99 * 1e3:7.3f} ms"
            f"   (x{med / max(jmed, 1e-9):.0f} / x{p99 / max(jp99, 1e-9):.0f} json.loads;"
            " target p99 <= 2 ms)"
        )
        print(
            f"  [{clock_name}] json.loads  median {jmed * 1e3:7.3f} ms   p99 {jp99 * 1e3:7.3f} ms"
        )


def batch(lines: list[str], *, chunk: int = 2_000) -> None:
    """Throughput over all ``lines``, assessed ``chunk`` cases at a time.

    Each chunk is parsed with ``json.loads`` and then assessed, and both are
    timed, so every ratio compares runs interleaved under the same machine
    load. Results are dropped after each chunk: 100,000 full assessments
    (23 conditions with explanations each) would otherwise hold gigabytes.
    The JSON-lines runs start from the text lines (their parsing is their own)
    and end with one JSON text per case (``assess_lines``), its UTF-8 encoded
    (what ``milia assess CASES.jsonl`` wrote before it used
    ``assess_lines_utf8``), or the UTF-8 written straight away
    (``assess_lines_utf8``, what it writes now).
    """
    from milia.engine.batch import assess_batch, posteriors
    from milia.engine.jsontext import assess_lines, assess_lines_utf8

    n = len(lines)
    assess_batch([json.loads(line) for line in lines[:100]])  # warm
    assess_lines(list(enumerate(lines[:100], start=1)))
    print(f"batch over {n} generated cases (one process, one core; target >= 20,000 cases/s)")

    def json_lines(part: list[str]) -> Any:
        return assess_lines(list(enumerate(part, start=1)))

    def encoded_lines(part: list[str]) -> Any:  # texts, then encoded
        return [(text.encode(), failed) for text, failed in json_lines(part)]

    def utf8_lines(part: list[str]) -> Any:
        return assess_lines_utf8(list(enumerate(part, start=1)))

    runs: list[tuple[str, Callable[[list[str]], Any]]] = [
        ("posteriors only (arrays)", lambda part: posteriors([json.loads(x) for x in part])),
        (
            "dicts, why for top 3",
            lambda part: assess_batch([json.loads(x) for x in part], why_top=3),
        ),
        ("dicts, full contract", lambda part: assess_batch([json.loads(x) for x in part])),
        ("JSON lines, full contract", json_lines),
        ("JSON lines, texts encoded", encoded_lines),
        ("JSON lines as UTF-8", utf8_lines),
    ]
    for name, run in runs:
        wall = {"parse": 0.0, "work": 0.0}
        cpu = {"parse": 0.0, "work": 0.0}
        for start in range(0, n, chunk):
            part = lines[start : start + chunk]
            w0, c0 = time.perf_counter(), time.process_time()
            for line in part:
                json.loads(line)
            w1, c1 = time.perf_counter(), time.process_time()
            run(part)
            w2, c2 = time.perf_counter(), time.process_time()
            wall["parse"] += w1 - w0
            wall["work"] += w2 - w1
            cpu["parse"] += c1 - c0
            cpu["work"] += c2 - c1
        print(
            f"  {name:26s} wall {n / wall['work']:8,.0f} cases/s (x{wall['work'] / wall['parse']:.0f}"
            f" json.loads)   cpu {n / cpu['work']:8,.0f} cases/s (x{cpu['work'] / cpu['parse']:.0f}"
            f" json.loads)   json.loads: {n / wall['parse']:,.0f} / {n / cpu['parse']:,.0f} cases/s"
        )
    paired(lines[:20_000], chunk=chunk)


def paired(lines: list[str], *, chunk: int, repeats: int = 2) -> None:
    """The UTF-8 ``milia assess CASES.jsonl`` writes, made both ways on the same chunks in
    rotating order: CPU ratio per chunk (median [quartiles]) of the texts encoded /
    ``assess_lines_utf8``."""
    from milia.engine.jsontext import assess_lines, assess_lines_utf8

    def encoded(part: list[tuple[int, str]]) -> Any:
        return [(text.encode(), failed) for text, failed in assess_lines(part)]

    modes: list[tuple[str, Callable[[list[tuple[int, str]]], Any]]] = [
        ("texts encoded", encoded),
        ("assess_lines_utf8", assess_lines_utf8),
    ]
    spent: dict[str, list[float]] = {name: [] for name, _ in modes}
    turn = 0
    for _ in range(repeats):
        for start in range(0, len(lines), chunk):
            part = list(enumerate(lines[start : start + chunk], start=1))
            turn += 1
            for name, run in modes[turn % len(modes) :] + modes[: turn % len(modes)]:
                c0 = time.process_time()
                run(part)
                spent[name].append(time.process_time() - c0)
    ratios = sorted(
        a / b for a, b in zip(spent["texts encoded"], spent["assess_lines_utf8"], strict=True)
    )
    quarter = len(ratios) // 4
    print(
        f"  paired CPU per chunk of {chunk} ({len(ratios)} chunks): texts encoded /"
        f" assess_lines_utf8 {statistics.median(ratios):.2f}"
        f" [{ratios[quarter]:.2f}-{ratios[-1 - quarter]:.2f}]"
    )


def json_lines_cpu(lines: list[str], *, chunk: int = 2_000) -> dict[str, float]:
    """CPU cases/s of the JSON lines full contract (``assess_lines``), of its UTF-8 form
    (``assess_lines_utf8``, what ``milia assess CASES.jsonl`` runs) and of ``json.loads``
    of the same lines, chunk by chunk as :func:`batch` measures them (the two forms take
    turns going first)."""
    from milia.engine.jsontext import assess_lines, assess_lines_utf8

    assess_lines(list(enumerate(lines[:100], start=1)))  # warm
    assess_lines_utf8(list(enumerate(lines[:100], start=1)))
    spent = {"json_lines": 0.0, "json_lines_utf8": 0.0, "json_loads": 0.0}
    forms: list[tuple[str, Callable[..., Any]]] = [
        ("json_lines", assess_lines),
        ("json_lines_utf8", assess_lines_utf8),
    ]
    for k, start in enumerate(range(0, len(lines), chunk)):
        part = lines[start : start + chunk]
        c0 = time.process_time()
        for line in part:
            json.loads(line)
        spent["json_loads"] += time.process_time() - c0
        for key, form in forms if k % 2 == 0 else forms[::-1]:
            c0 = time.process_time()
            form(list(enumerate(part, start=1)))
            spent[key] += time.process_time() - c0
    return {key: len(lines) / value for key, value in spent.items()}


def against(args: argparse.Namespace) -> None:
    """The JSON lines rows (text and UTF-8) for this tree and ``args.against`` in
    alternating processes."""
    other = args.against / "src" if (args.against / "src" / "milia").is_dir() else args.against
    here = Path(__file__).resolve().parents[1] / "src"
    options = ["--n", str(args.n), "--seed", str(args.seed), "--child"]
    found: dict[str, list[dict[str, float]]] = {"this": [], "other": []}
    for r in range(args.rounds):
        turns = [("this", here), ("other", other)]
        for name, src in turns if r % 2 == 0 else turns[::-1]:
            out = subprocess.run(
                [sys.executable, __file__, *options],
                env={**os.environ, "PYTHONPATH": str(src)},
                capture_output=True,
                text=True,
                check=True,
            )
            found[name].append(json.loads(out.stdout.splitlines()[-1]))
    print(
        f"JSON lines, full contract, {args.n} generated cases, CPU; {args.rounds} alternating"
        f" process pairs; this = {here}, other = {other}"
    )
    labels = [
        ("json_lines", "JSON lines"),
        ("json_lines_utf8", "as UTF-8"),
        ("json_loads", "json.loads"),
    ]
    for key, label in labels:
        this = [run[key] for run in found["this"]]
        that = [run[key] for run in found["other"]]
        ratios = sorted(a / b for a, b in zip(this, that, strict=True))
        print(
            f"  {label:11s} other {statistics.median(that):9,.0f} cases/s   this"
            f" {statistics.median(this):9,.0f} cases/s   this/other {statistics.median(ratios):.2f}"
            f" [{ratios[0]:.2f}-{ratios[-1]:.2f}]"
        )
    print(
        "  [min-max of the per-round ratios; json.loads, identical in both trees, shows the"
        " noise: a ratio inside its spread is no measured change]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="cases for the batch run")
    parser.add_argument("--single", type=int, default=3_000, help="cases for the latency run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout (or its src), paired")
    parser.add_argument("--rounds", type=int, default=3, help="process pairs with --against")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one side of --against: the JSON lines row as JSON
        print(json.dumps(json_lines_cpu(generate(args.n, args.seed))))
        return
    if args.against is not None:
        against(args)
        return
    lines = generate(max(args.n, args.single), args.seed)
    single(lines[: args.single])
    batch(lines[: args.n])


if __name__ == "__main__":
    main()
