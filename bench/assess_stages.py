"""Where the batch time goes: CPU per case of each stage of the JSON-lines path.

Runs :func:`milia.engine.jsontext.assess_lines` over generated cases in chunks
(as ``bench/assess.py`` and ``milia assess CASES.jsonl`` do) with a timer
around each chunk-level step; nothing is timed per case, so the timers cost
nothing measurable. The steps that run per case (reading and validating the
lines, the per-case loop of ``compute_chunk``, the per-case part of
``to_json``) are the rest of their enclosing step. Printed as CPU
microseconds per case (process time, median of the repeats) and as a share of
the whole, beside ``json.loads`` of the same lines in the same run.

Run: ``.venv/bin/python bench/assess_stages.py [--n 20000] [--chunk 2000] [--repeat 3]``
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: before numpy is imported

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import milia.engine.fast as fast  # noqa: E402
import milia.engine.jsontext as jsontext  # noqa: E402
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
    (fast, "mixture_picks", "compute: milia mixture items"),
    (fast, "select_items", "compute: why-item selection"),
    (fast, "never_reassured", "compute: red-flag variants"),
    (ChunkRules, "__call__", "compute: flag and advice rules"),  # the variants': above
    (QuestionTable, "gains", "compute: question gains"),
]


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
    args = parser.parse_args()
    lines = [json.dumps(case) for case in random_cases(args.n, seed=args.seed)]
    jsontext.assess_lines(list(enumerate(lines[:100], start=1)))  # warm
    for owner, name, stage in _STAGES:
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
            jsontext.assess_lines(list(enumerate(part, start=1)))
            t2 = time.process_time()
            parse += t1 - t0
            total += t2 - t1
        spent = {stage: 0.0 for _, _, stage in _STAGES} | _SPENT
        inner = sum(v for k, v in spent.items() if k.startswith("compute: "))
        spent["compute: per-case loop (triage, questions, rest)"] = spent["compute_chunk"] - inner
        spent["to_json: per-case texts"] = (
            spent["to_json"] - spent["to_json: token layout and joins"]
        )
        spent["read, validate, error records"] = total - spent["compute_chunk"] - spent["to_json"]
        spent["TOTAL assess_lines"] = total
        spent["(json.loads of the lines)"] = parse
        runs.append(spent)
    print(f"assess_lines stages over {args.n} generated cases, chunks of {args.chunk}, CPU")
    order = [
        "read, validate, error records",
        "compute_chunk",
        *[stage for _, _, stage in _STAGES[3:]],
        "compute: per-case loop (triage, questions, rest)",
        "to_json",
        "to_json: token layout and joins",
        "to_json: per-case texts",
        "TOTAL assess_lines",
        "(json.loads of the lines)",
    ]
    whole = statistics.median(r["TOTAL assess_lines"] for r in runs)
    for stage in order:
        value = statistics.median(r[stage] for r in runs)
        indent = "    " if ": " in stage else "  "
        print(
            f"{indent}{stage:{52 - len(indent)}s} {value / args.n * 1e6:7.2f} us/case"
            f"  {100 * value / whole:5.1f} %"
        )


if __name__ == "__main__":
    main()
