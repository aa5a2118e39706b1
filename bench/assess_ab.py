"""One function of the JSON-lines path, this tree's and another's, timed in one process.

On the shared machine a whole-path pair of processes (``bench/assess.py
--against``) cannot resolve a few per cent: under load the two processes'
CPU times differ by 5-10 % with the same code (``json.loads`` of the same
lines moved 0.93x in session 12). This bench compares one function instead:
it runs :func:`milia.engine.jsontext.assess_lines_utf8` over generated cases
with the function wrapped where its caller reads it, keeps a deep copy of
every call's arguments, then calls this tree's function and the other tree's
(its module file loaded under another name; everything it imports is this
tree's) on fresh copies of the same arguments, alternately, with the garbage
collector off. Each pass checks that both give equal results and leave their
arguments equal (functions that work in place). Printed: each side's median
microseconds per case and the median of the per-pass ratios other / this,
with their quartiles.

Run: ``.venv/bin/python bench/assess_ab.py --against /tmp/old --module
milia.engine.presentation --function ordered_fresh --caller milia.engine.fast
[--n 4000] [--passes 8]``
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: before numpy is imported

import argparse  # noqa: E402
import copy  # noqa: E402
import dataclasses  # noqa: E402
import gc  # noqa: E402
import importlib  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

from milia.engine import jsontext  # noqa: E402
from milia.engine.sample import random_cases  # noqa: E402

Call = tuple[tuple[Any, ...], dict[str, Any]]


def other_function(tree: Path, module: str, function: str) -> Callable[..., Any]:
    """``module.function`` from the other tree's file (``tree`` or its ``src``)."""
    src = tree / "src" if (tree / "src" / "milia").is_dir() else tree
    path = src.joinpath(*module.split(".")).with_suffix(".py")
    spec = importlib.util.spec_from_file_location(f"_other_{module.replace('.', '_')}", path)
    assert spec is not None and spec.loader is not None, path
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded  # dataclasses look their module up while it loads
    spec.loader.exec_module(loaded)
    found: Callable[..., Any] = getattr(loaded, function)
    return found


def captured(
    caller: Any, function: str, lines: list[str], chunk: int, *, pure: bool = False
) -> list[Call]:
    """Deep copies of the arguments of every call of ``caller.function`` while the lines
    are assessed in chunks (``pure``: the arguments themselves, for a function that
    changes none of them; large shared ones, such as the prepared model, are not copied)."""
    calls: list[Call] = []
    plain = getattr(caller, function)

    def keep(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs) if pure else copy.deepcopy((args, kwargs)))
        return plain(*args, **kwargs)

    setattr(caller, function, keep)
    try:
        for start in range(0, len(lines), chunk):
            jsontext.assess_lines_utf8(list(enumerate(lines[start : start + chunk], start=1)))
    finally:
        setattr(caller, function, plain)
    return calls


def timed(
    run: Callable[..., Any], calls: list[Call], *, pure: bool = False
) -> tuple[float, list[Any]]:
    """CPU seconds of every call on fresh copies of its arguments (``pure``: on the
    arguments themselves), and what each gave (its result and its arguments after it)."""
    fresh = calls if pure else copy.deepcopy(calls)
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        results = [run(*args, **kwargs) for args, kwargs in fresh]
        spent = time.process_time() - start
    finally:
        gc.enable()
    return spent, list(zip(results, fresh, strict=True))


def same(a: Any, b: Any) -> bool:
    """Equal values, numpy arrays compared element by element (and by shape)."""
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return bool(np.array_equal(a, b))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return type(a) is type(b) and same(vars(a), vars(b))
    return bool(a == b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout")
    parser.add_argument("--module", required=True, help="where the function is defined")
    parser.add_argument("--function", required=True)
    parser.add_argument("--caller", help="the module whose name is called (default: --module)")
    parser.add_argument("--n", type=int, default=4_000, help="generated cases")
    parser.add_argument("--chunk", type=int, default=2_000)
    parser.add_argument("--passes", type=int, default=8, help="alternating pairs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pure", action="store_true", help="the function changes no argument: none is copied"
    )
    args = parser.parse_args()
    this = getattr(importlib.import_module(args.module), args.function)
    other = other_function(args.against, args.module, args.function)
    caller = importlib.import_module(args.caller or args.module)
    lines = [json.dumps(case) for case in random_cases(args.n, seed=args.seed)]
    calls = captured(caller, args.function, lines, args.chunk, pure=args.pure)
    spent: dict[str, list[float]] = {"this": [], "other": []}
    sides = [("this", this), ("other", other)]
    for turn in range(args.passes):
        given = {}
        for name, run in sides if turn % 2 == 0 else sides[::-1]:
            seconds, given[name] = timed(run, calls, pure=args.pure)
            spent[name].append(seconds * 1e6 / args.n)
        if not same(given["this"], given["other"]):
            raise SystemExit("the two functions give different results or arguments")
    ratios = sorted(a / b for a, b in zip(spent["other"], spent["this"], strict=True))
    quarter = len(ratios) // 4
    print(
        f"{args.module}.{args.function}: {len(calls)} calls over {args.n} generated cases,"
        f" {args.passes} alternating passes, CPU us a case: other"
        f" {statistics.median(spent['other']):.2f}, this {statistics.median(spent['this']):.2f},"
        f" other/this {statistics.median(ratios):.2f}"
        f" [{ratios[quarter]:.2f}-{ratios[-1 - quarter]:.2f}]"
    )


if __name__ == "__main__":
    main()
