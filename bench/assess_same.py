"""Exactness check of the batch path: digests of its output bytes, this tree against another.

Speed work on the JSON-lines path (:func:`milia.engine.jsontext.assess_lines`,
:func:`~milia.engine.jsontext.assess_lines_utf8`) must not change a byte of its
output. This script writes, for one tree, the SHA-256 of:

- ``assess_lines_utf8`` and ``assess_lines`` over generated cases (seeds 12 and
  2027, 4,000 each, :func:`milia.engine.sample.random_cases`) in chunks of
  several sizes (the numpy writer, and a few cases at a time: the plain-Python
  writer and the per-case rules);
- the same over the lines of ``tests/data/*.jsonl`` and ``tests/data/cases/*.jsonl``
  (most are refused for their extra keys: error records) and their ``case``
  objects as bare lines, with a few broken lines added;
- ``json.dumps`` of :func:`milia.engine.assess.assess` of 300 generated cases
  (the single-case path, which shares the rules and the texts).

With ``--against OTHER`` (another checkout or its ``src``: ``git worktree add``
of the commit before) it runs both trees in child processes and prints each
digest's name with ``same`` or ``DIFFERENT``; the exit status is 1 if any differs.

Run: ``.venv/bin/python bench/assess_same.py [--against /tmp/old] [--n 4000]``
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BROKEN = [
    "",
    "{",
    "[1, 2]",
    '{"id": 1, "case": {"color": "purple"}}',
    '{"id": 2, "case": {"age_years": -3}}',
    '{"id": "\\ud800", "case": {"color": "white"}}',
    '{"id": 3, "case": {"color": "white", "color": "red"}}',
    '{"colour": "white"}',
    '{"id": 4, "case": {"color": "white", "sites": ["nose", "nose"]}}',
    ' {"color": "white", "sites": ["nose"]} ',
]


def case_lines() -> list[str]:
    """The data sets' lines, their cases as bare lines, and a few broken lines."""
    lines: list[str] = []
    files = sorted((ROOT / "tests" / "data").glob("*.jsonl"))
    files += sorted((ROOT / "tests" / "data" / "cases").glob("*.jsonl"))
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            lines.append(line)
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("case"), dict):
                lines.append(json.dumps(record["case"], ensure_ascii=False))
                lines.append(json.dumps({"id": record.get("id"), "case": record["case"]}))
    return lines + BROKEN


def digests(n: int) -> dict[str, str]:
    """Name -> SHA-256 of each output of this interpreter's milia."""
    from milia.engine.assess import assess
    from milia.engine.jsontext import assess_lines, assess_lines_utf8
    from milia.engine.sample import random_cases

    out: dict[str, str] = {}
    sets = {
        "seed 12": [json.dumps(c) for c in random_cases(n, seed=12)],
        "seed 2027": [json.dumps(c) for c in random_cases(n, seed=2027)],
        "data sets": case_lines(),
    }
    for name, lines in sets.items():
        for chunk in (2_000, 777, 5, 1):
            part = lines if chunk >= 100 else lines[:400]
            h_bytes, h_text = hashlib.sha256(), hashlib.sha256()
            for start in range(0, len(part), chunk):
                numbered = list(enumerate(part[start : start + chunk], start=start + 1))
                for data, failed in assess_lines_utf8(numbered):
                    h_bytes.update(data + (b"\n!" if failed else b"\n"))
                for text, failed in assess_lines(numbered):
                    h_text.update((text + ("\n!" if failed else "\n")).encode("utf-8", "replace"))
            out[f"{name}, chunks of {chunk}, utf8"] = h_bytes.hexdigest()
            out[f"{name}, chunks of {chunk}, text"] = h_text.hexdigest()
    single = hashlib.sha256()
    for case in random_cases(300, seed=99):
        single.update(json.dumps(assess(case), ensure_ascii=False).encode() + b"\n")
    out["assess(), 300 cases"] = single.hexdigest()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4_000, help="generated cases per seed")
    parser.add_argument("--against", type=Path, help="another checkout (or its src)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.against is None:
        print(json.dumps(digests(args.n)))
        return
    other = args.against / "src" if (args.against / "src" / "milia").is_dir() else args.against
    found = {}
    for name, src in (("this", ROOT / "src"), ("other", other)):
        run = subprocess.run(
            [sys.executable, __file__, "--child", "--n", str(args.n)],
            env={**os.environ, "PYTHONPATH": str(src)},
            capture_output=True,
            text=True,
            check=True,
        )
        found[name] = json.loads(run.stdout.splitlines()[-1])
    differ = 0
    for key, digest in found["this"].items():
        same = found["other"].get(key) == digest
        differ += not same
        print(f"  {'same' if same else 'DIFFERENT':9s} {key}  {digest[:16]}")
    print(f"{len(found['this']) - differ} same, {differ} different (this {ROOT}, other {other})")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
