"""Benchmark of how ``milia assess CASES.jsonl`` writes its JSON lines.

Compares, side by side in one run (alternating, median of ``--repeat``), the
old writer (``typer.echo`` per line: stream lookup, ANSI scan, encode, flush)
with :func:`milia.cli.assess._write_lines` (each line encoded once and written
to ``sys.stdout.buffer``, one flush per 1,024-line chunk) on the same output
lines of ``--n`` generated cases. Standard output is sent to ``--to``
(``/dev/null`` by default, or a file); figures go to standard error. The
machine is shared: read the ratio, not the absolute times.

Run: ``.venv/bin/python bench/cli_output.py [--n 20000] [--repeat 5] [--to FILE]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable

import typer

from milia.cli.assess import _CHUNK, _write_lines
from milia.engine.jsontext import assess_lines
from milia.engine.sample import random_cases


def _lines(n: int, seed: int) -> list[str]:
    numbered = [(k, json.dumps(c)) for k, c in enumerate(random_cases(n, seed=seed), start=1)]
    return [
        text
        for start in range(0, n, _CHUNK)
        for text, _ in assess_lines(numbered[start : start + _CHUNK])
    ]


def _echo(texts: list[str]) -> None:
    for text in texts:
        typer.echo(text)


def _time(write: Callable[[list[str]], None], lines: list[str]) -> float:
    start = time.perf_counter()
    for k in range(0, len(lines), _CHUNK):
        write(lines[k : k + _CHUNK])
    return time.perf_counter() - start


def main() -> None:
    """Print us per line of both writers and their ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--to", default=os.devnull)
    args = parser.parse_args()
    lines = _lines(args.n, args.seed)
    size = sum(len(t.encode()) + 1 for t in lines)
    real = sys.stdout
    times: dict[str, list[float]] = {"echo per line": [], "_write_lines": []}
    with open(args.to, "w", encoding="utf-8") as sink:
        sys.stdout = sink
        try:
            for _ in range(args.repeat):
                for name, write in (("echo per line", _echo), ("_write_lines", _write_lines)):
                    if sink.seekable() and args.to != os.devnull:
                        sink.seek(0)
                        sink.truncate()
                    times[name].append(_time(write, lines))
        finally:
            sys.stdout = real
    per_line = {name: statistics.median(t) / len(lines) * 1e6 for name, t in times.items()}
    sys.stderr.write(f"{len(lines)} lines, {size / len(lines) / 1e3:.1f} kB a line, to {args.to}\n")
    for name, us in per_line.items():
        sys.stderr.write(f"  {name:<14} {us:7.1f} us/line\n")
    ratio = per_line["echo per line"] / per_line["_write_lines"]
    sys.stderr.write(f"  ratio old/new  {ratio:.2f}\n")


if __name__ == "__main__":
    main()
