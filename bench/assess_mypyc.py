"""The batch path compiled with mypyc, out of the tree, against the pure-Python tree.

A spike, not a build of milia: it copies ``src/`` (and this tree's ``pyproject.toml``
for mypy's settings) to ``--out``, compiles the engine modules that
``milia assess CASES.jsonl`` runs (:data:`MODULES`) with the mypyc of the pinned mypy
wheel (a C compiler and Python's headers are needed), then runs, from a copy of
``bench/`` beside that ``src``:

- ``bench/assess_same.py --against THIS_TREE``: the compiled copy's output digests
  against the pure tree's (every one must be the same);
- ``bench/assess.py --against THIS_TREE --rounds R``: the paired CPU ratio of the
  JSON lines full-contract rows, compiled / pure.

Measured in session 15 (39 modules; 2-core machine, load average 11-14): the
JSON lines rows 1.00 [0.83-1.05] and as UTF-8 1.01 [0.85-1.07] (6 rounds of
20,000; json.loads, the same code in both, 1.04 [0.83-1.06]); in-process stage
timings (5 process pairs of 3 x 4 chunks of 2,000, CPU, compiled / pure per pair):
computing (``compute_chunk``) 0.80-0.97, median 0.91; writing (``to_json_utf8``)
0.90-1.26, median 1.10; reading ~5 us a case in both. The outputs were
byte-identical. This script's own run (36 modules, load average 17-20): 1.05
[0.94-1.24] and 1.04 [0.90-1.30], json.loads 1.11 [0.94-1.29], the same 25 digests.
So compiling the code as it is gains nothing worth a build: the
time goes to what mypyc runs through the same C API as the interpreter (values
typed ``Any``, dict and list operations, f-strings of objects, numpy calls, joins),
not to bytecode dispatch.

Modules left out, and why (each fails or changes behaviour compiled):
``readonly`` (subclasses ``dict``: not a native class), ``jsonread`` (a tuple typed
``float`` gives its int bounds as floats, which ``msgspec.Meta`` refuses for an
``int`` field: compiled code boxes a ``float``-typed int as a float),
``questions`` and ``chunk_questions`` (the latter reads a method of the former's
``__kwdefaults__``, which a compiled method lacks; the session 15 spike compiled
both, with that line of the copy replaced by the value). Compiled code calls the
functions of the modules compiled with it directly (mypyc's "early binding"), so a
``monkeypatch.setattr`` of one (as some unit tests do) would not reach those calls.

Run: ``.venv/bin/python bench/assess_mypyc.py [--out /tmp/milia-mypyc] [--rounds 6]
[--n 20000] [--no-build]`` (the build takes ~4 min of CPU).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "advice",
    "assess",
    "case",
    "case_suggest",
    "chunk_encode",
    "chunk_facts",
    "chunk_fields",
    "chunk_messages",
    "chunk_mixture",
    "chunk_rules",
    "compile",
    "compile_tables",
    "evidence",
    "explain",
    "factors",
    "fast",
    "fit",
    "heap",
    "json_input",
    "jsonbytes",
    "jsoncase",
    "jsongather",
    "jsontext",
    "jsontokens",
    "model",
    "not_listed",
    "prepared",
    "presentation",
    "raising",
    "reassure",
    "reassure_one",
    "rules",
    "selection",
    "triage",
    "triage_flags",
    "triage_load",
    "vocabulary",
]


def build(out: Path, modules: list[str]) -> None:
    """Copy ``src/`` to ``out/src`` and compile ``milia.engine.<module>`` for each of
    ``modules`` there (the extension modules land beside their sources)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(ROOT / "src", out / "src", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    shutil.copy(ROOT / "pyproject.toml", out / "pyproject.toml")
    mypyc = Path(sys.executable).with_name("mypyc")
    files = [f"milia/engine/{name}.py" for name in modules]
    subprocess.run(
        [str(mypyc), "--config-file", str(out / "pyproject.toml"), *files],
        cwd=out / "src",
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(out: Path, *, rounds: int, n: int) -> int:
    """Digests and paired ratios of the compiled copy against this tree; the exit
    status of the digest check (1 if any output differs)."""
    (out / "bench").mkdir(exist_ok=True)
    for script in ("assess.py", "assess_same.py"):
        shutil.copy(ROOT / "bench" / script, out / "bench" / script)
    tests = out / "tests"
    if not tests.exists():
        tests.symlink_to(ROOT / "tests")  # assess_same.py reads tests/data
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    same = subprocess.run(
        [sys.executable, str(out / "bench" / "assess_same.py"), "--against", str(ROOT)],
        env=env,
        check=False,
    )
    subprocess.run(
        [
            sys.executable,
            str(out / "bench" / "assess.py"),
            "--against",
            str(ROOT),
            "--rounds",
            str(rounds),
            "--n",
            str(n),
        ],
        env=env,
        check=True,
    )
    return same.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/milia-mypyc"))
    parser.add_argument("--rounds", type=int, default=6, help="process pairs")
    parser.add_argument("--n", type=int, default=20_000, help="generated cases per round")
    parser.add_argument("--no-build", action="store_true", help="measure the last build")
    args = parser.parse_args()
    if not args.no_build:
        build(args.out, MODULES)
    sys.exit(measure(args.out, rounds=args.rounds, n=args.n))


if __name__ == "__main__":
    main()
