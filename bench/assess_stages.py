"""Where the batch time goes: CPU per case of each stage of the JSON-lines path.

Runs :func:`milia.engine.jsontext.assess_lines` over generated cases in chunks
(as ``bench/assess.py`` and ``milia assess CASES.jsonl`` do) with a timer
around each chunk-level step; nothing is timed per case, so the timers cost
nothing measurable. The steps that run per case (reading and validating the
lines, the per-case loop of ``compute_chunk``, the per-case part of
``to_json``) are the rest of their enclosing step. The writer's token layout and
joins (``stream``) are split into the layout (without milia's mixture texts, which
are made lazily inside it and shown apart) and the rest: the gather of the tokens,
the encoding of the chunk's own texts (UTF-8 writer) and the joins. Printed as CPU
microseconds per case (process time, median of the repeats) and as a share of
the whole, beside ``json.loads`` of the same lines in the same run.

With ``--against OTHER`` (another checkout, or its ``src``: ``git archive`` of an
older commit), the stages are measured in child processes that import this
tree's milia and the other's in turn (``--rounds`` pairs, alternating which
goes first), and each stage is printed for both with the ratio other / this
(median over the rounds of the per-round ratios): both trees run under the
same load, so the ratio travels better than either time.

With ``--utf8`` the entry timed is :func:`~milia.engine.jsontext.assess_lines_utf8`
(what ``milia assess CASES.jsonl`` runs; its writer's steps are ``to_json_utf8``
and ``stream_utf8``); "TOTAL assess_lines" is then its total, and the first row
(the total less the computing and the writing) also holds what happens on the way
out of it, such as a run of the garbage collector.

Run: ``.venv/bin/python bench/assess_stages.py [--n 20000] [--chunk 2000] [--repeat 3]
[--utf8] [--against /tmp/old --rounds 4]``
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
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import milia.engine.fast as fast  # noqa: E402
import milia.engine.jsonbytes as jsonbytes  # noqa: E402
import milia.engine.jsontext as jsontext  # noqa: E402
import milia.engine.jsontokens as jsontokens  # noqa: E402
from milia.engine.chunk_rules import ChunkRules  # noqa: E402
from milia.engine.questions import QuestionTable  # noqa: E402
from milia.engine.sample import random_cases  # noqa: E402

_SPENT: dict[str, float] = defaultdict(float)

# (module or class, attribute, stage); nested stages are inside compute_chunk / to_json
_STAGES: list[tuple[Any, str, str]] = [
    (jsontext, "compute_chunk", "compute_chunk"),
    (jsontext, "to_json", "to_json"),
    (jsontext, "stream", "to_json: token layout and joins"),
    (fast, "encode_chunk", "compute: encode"),
    (fast, "log_posteriors", "compute: posteriors"),
    (fast, "mixture_picks|mixed_items", "compute: milia mixture items"),  # new|old name
    (fast, "select_items", "compute: why-item selection"),
    (fast, "never_reassured", "compute: red-flag variants"),
    (ChunkRules, "__call__", "compute: flag and advice rules"),  # the variants': above
    (QuestionTable, "gains", "compute: question gains"),
]
# the steps of stream / stream_utf8 (token layout and joins): the layout (holding the
# mixture texts, made lazily in it), then the gather, encoding and joins (the rest)
_WRITER: list[tuple[Any, str, str]] = [
    (fast, "mixture_texts", "to_json: milia mixture texts (in the layout)"),
    (jsontokens, "layout", "writer: layout"),  # the text writer's (stream)
    (jsonbytes, "layout", "writer: layout"),  # the UTF-8 writer's (stream_utf8)
]


def _entry(args: argparse.Namespace) -> str:
    """The entry point timed: ``assess_lines`` or (``--utf8``) ``assess_lines_utf8``."""
    return "assess_lines_utf8" if args.utf8 else "assess_lines"


_ACTIVE: list[str] = []  # the stages being timed, outermost first


def _timed(function: Callable[..., Any], stage: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        if any(a.startswith("compute: ") for a in _ACTIVE):
            return function(*args, **kwargs)  # inside another compute stage: counted there
        _ACTIVE.append(stage)
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            _SPENT[stage] += time.process_time() - start
            _ACTIVE.pop()

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--chunk", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout (or its src) to compare")
    parser.add_argument("--rounds", type=int, default=4, help="process pairs with --against")
    parser.add_argument("--json", action="store_true", help="print the medians as JSON")
    parser.add_argument(
        "--utf8",
        action="store_true",
        help="time assess_lines_utf8 (what 'milia assess CASES.jsonl' runs) instead of assess_lines",
    )
    args = parser.parse_args()
    if args.against is not None:
        against(args)
        return
    medians = measure(args)
    if args.json:
        print(json.dumps(medians))
        return
    print(f"{_entry(args)} stages over {args.n} generated cases, chunks of {args.chunk}, CPU")
    whole = medians["TOTAL assess_lines"]
    for stage in _ORDER:
        indent = "    " if ": " in stage else "  "
        print(
            f"{indent}{stage:{52 - len(indent)}s} {medians[stage]:7.2f} us/case"
            f"  {100 * medians[stage] / whole:5.1f} %"
        )


_ORDER = [
    "read, validate, error records",
    "compute_chunk",
    *[stage for _, _, stage in _STAGES[3:]],
    "compute: per-case loop (triage, questions, rest)",
    "to_json",
    "to_json: token layout and joins",
    "to_json: per-case texts",
    "to_json: milia mixture texts (in the layout)",
    "to_json: layout, without the mixture texts",
    "to_json: gather, encoding and joins",
    "TOTAL assess_lines",
    "(json.loads of the lines)",
]


def measure(args: argparse.Namespace) -> dict[str, float]:
    """Each stage's median over the repeats, CPU microseconds per case."""
    lines = [json.dumps(case) for case in random_cases(args.n, seed=args.seed)]
    assess_lines = getattr(jsontext, _entry(args))
    assess_lines(list(enumerate(lines[:100], start=1)))  # warm
    stages = _STAGES
    if args.utf8:  # the UTF-8 writer's steps in place of the text writer's
        stages = [
            _STAGES[0],  # compute_chunk
            (jsontext, "to_json_utf8", "to_json"),
            (jsontext, "stream_utf8", "to_json: token layout and joins"),
            *_STAGES[3:],
        ]
    for owner, names, stage in [*stages, *_WRITER]:
        name = next(n for n in names.split("|") if hasattr(owner, n))  # a tree's own name
        setattr(owner, name, _timed(getattr(owner, name), stage))
    runs: list[dict[str, float]] = []
    for _ in range(args.repeat):
        _SPENT.clear()
        parse = total = 0.0
        for start in range(0, args.n, args.chunk):
            part = lines[start : start + args.chunk]
            t0 = time.process_time()
            for line in part:
                json.loads(line)
            t1 = time.process_time()
            assess_lines(list(enumerate(part, start=1)))
            t2 = time.process_time()
            parse += t1 - t0
            total += t2 - t1
        spent = {stage: 0.0 for _, _, stage in [*stages, *_WRITER]} | _SPENT
        inner = sum(v for k, v in spent.items() if k.startswith("compute: "))
        spent["compute: per-case loop (triage, questions, rest)"] = spent["compute_chunk"] - inner
        spent["to_json: per-case texts"] = (
            spent["to_json"] - spent["to_json: token layout and joins"]
        )
        spent["read, validate, error records"] = total - spent["compute_chunk"] - spent["to_json"]
        # the writer's steps: the layout holds the mixture texts (made lazily in it)
        spent["to_json: layout, without the mixture texts"] = (
            spent["writer: layout"] - spent["to_json: milia mixture texts (in the layout)"]
        )
        spent["to_json: gather, encoding and joins"] = (
            spent["to_json: token layout and joins"] - spent["writer: layout"]
        )
        spent["TOTAL assess_lines"] = total
        spent["(json.loads of the lines)"] = parse
        runs.append(spent)
    return {stage: statistics.median(r[stage] for r in runs) / args.n * 1e6 for stage in _ORDER}


def against(args: argparse.Namespace) -> None:
    """This tree and ``args.against`` in alternating child processes; per stage both
    medians and the median ratio other / this."""
    other = args.against / "src" if (args.against / "src" / "milia").is_dir() else args.against
    here = Path(__file__).resolve().parents[1] / "src"
    options = ["--n", str(args.n), "--chunk", str(args.chunk), "--repeat", str(args.repeat)]
    options += ["--seed", str(args.seed), "--json", *(["--utf8"] if args.utf8 else [])]
    found: dict[str, list[dict[str, float]]] = {"this": [], "other": []}
    for r in range(args.rounds):
        turns = [("this", here), ("other", other)]
        for name, src in turns if r % 2 == 0 else turns[::-1]:
            env = {**os.environ, "PYTHONPATH": str(src)}
            out = subprocess.run(
                [sys.executable, __file__, *options],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            found[name].append(json.loads(out.stdout.splitlines()[-1]))
    print(
        f"{_entry(args)} stages over {args.n} generated cases, chunks of {args.chunk}, CPU us/case;"
        f" {args.rounds} alternating process pairs; this = {here}, other = {other}"
    )
    print(f"  {'stage':50s} {'other':>8s} {'this':>8s}  other/this")
    for stage in _ORDER:
        this = statistics.median(run[stage] for run in found["this"])
        that = statistics.median(run[stage] for run in found["other"])
        pairs = zip(found["other"], found["this"], strict=True)
        ratio = statistics.median(a[stage] / max(b[stage], 1e-9) for a, b in pairs)
        indent = "    " if ": " in stage else "  "
        print(f"{indent}{stage:{50 - len(indent) + 2}s} {that:8.2f} {this:8.2f}  {ratio:8.2f}")


if __name__ == "__main__":
    main()
