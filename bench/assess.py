"""Benchmark of milia.assess: single-case latency and batch throughput.

Targets (issue 2): single-case p99 <= 2 ms with explanations, and >= 20,000
cases/s in batch on one core over 100,000 generated cases. Each figure is
printed beside the time to ``json.loads`` the same cases, measured in the same
run, because the machine is shared and noisy: the ratio travels better than
the absolute time.

Run: ``.venv/bin/python bench/assess.py [--n 100000] [--single 3000] [--seed 7]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from milia.engine.sample import random_cases


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
            "   (target p99 <= 2 ms)"
        )
        print(
            f"  [{clock_name}] json.loads  median {jmed * 1e3:7.3f} ms   p99 {jp99 * 1e3:7.3f} ms"
        )
        print(
            f"  [{clock_name}] ratio assess/json.loads: median x{med / max(jmed, 1e-9):.0f}, "
            f"p99 x{p99 / max(jp99, 1e-9):.0f}"
        )


def batch(lines: list[str], *, chunk: int = 2_000) -> None:
    """Throughput over all ``lines``, assessed ``chunk`` cases at a time.

    Each chunk is parsed with ``json.loads`` and then assessed, and both are
    timed, so every ratio compares runs interleaved under the same machine
    load. Results are dropped after each chunk: 100,000 full assessments
    (23 conditions with explanations each) would otherwise hold gigabytes.
    """
    from milia.engine.batch import assess_batch, posteriors

    n = len(lines)
    assess_batch([json.loads(line) for line in lines[:100]])  # warm
    print(f"batch over {n} generated cases (one process, one core; target >= 20,000 cases/s)")
    for name, run in (
        ("posteriors only (arrays)", lambda part: posteriors(part)),
        ("full contract, why for top 3", lambda part: assess_batch(part, why_top=3)),
        ("full contract, why for all 23", lambda part: assess_batch(part)),
    ):
        parse = work = 0.0
        for start in range(0, n, chunk):
            t0 = time.perf_counter()
            part = [json.loads(line) for line in lines[start : start + chunk]]
            t1 = time.perf_counter()
            run(part)
            t2 = time.perf_counter()
            parse += t1 - t0
            work += t2 - t1
        print(
            f"  {name:31s} {n / work:10,.0f} cases/s   json.loads {n / parse:10,.0f} cases/s"
            f"   (x{work / parse:.0f} json.loads time)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="cases for the batch run")
    parser.add_argument("--single", type=int, default=3_000, help="cases for the latency run")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    lines = generate(max(args.n, args.single), args.seed)
    single(lines[: args.single])
    batch(lines[: args.n])


if __name__ == "__main__":
    main()
