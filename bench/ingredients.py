"""Benchmark the ingredient check over the two real product corpora.

Run: ``.venv/bin/python bench/ingredients.py [--shared ../shared] [--top 40]``

Prints, measured side by side in one run (the machine is noisy):

- the time to merely read the two CSV files, and the time to check every list
  (lists per second on one core; target >= 2,000/s), as a ratio;
- the time a fresh process needs before its first answer (import, tables,
  one check), measured in a subprocess;
- the recognition rate: ingredient tokens mapped to one canonical INCI name
  (target >= 98 %), with placeholder rows not counted as lists with tokens.
  Honest counting: a *partial* guess (a typo and a missing word at once) is
  not a recognition, and an *ambiguous* name (a cut name that fits several
  CosIng names, "rosa damascena") is its own status. The rate is printed over
  all tokens and over the tokens that name one ingredient, with the count of
  each match method (exact, synonym, variant, completion, joined, split,
  fuzzy typo, partial guess, ambiguous, none);
- the unrecognised names, the ambiguous names (with how many CosIng names
  fit) and the partial guesses, by frequency;
- with ``--rounds N`` (default 3), the first (cold) and a warm pass again in N
  fresh processes (CPU time; medians), since one pass on a shared machine is
  noisy; with ``--against SRC`` (another tree's ``src``, e.g. from
  ``git archive <commit> src | tar -x -C /tmp/old``) the two trees take turns,
  one fresh process each per round, and the paired ratios are printed
  (median [range]): the way to compare two versions on this machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from milia.errors import MiliaError  # noqa: E402
from milia.ingredients.check import check_ingredients  # noqa: E402
from milia.ingredients.normalize import lexicon  # noqa: E402
from milia.ingredients.rules import rulebook  # noqa: E402

CORPORA = (
    ("sephora-cosmetics.csv", "Ingredients", "Name", "Label"),
    ("lookfantastic-skincare.csv", "clean_ingreds", "product_name", "product_type"),
)


def read_rows(shared: Path) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for filename, column, name_col, type_col in CORPORA:
        with (shared / "data/products" / filename).open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                rows.append((row[column], row[name_col], row[type_col]))
    return rows


COLD_START = (
    "import time; t = time.perf_counter(); "
    "from milia.ingredients.check import check_ingredients; "
    "check_ingredients('Aqua, Petrolatum, dimethicon, Cetearyl Alcohol, pogostemon cablin oil'); "
    "print(time.perf_counter() - t)"
)


def cold_start_seconds(runs: int = 3) -> float:
    """Best wall time of a fresh interpreter from import to its first answer."""
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", COLD_START],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": str(REPO / "src")},
        )
        best = min(best, float(out.stdout.strip().splitlines()[-1]))
    return best


#: One fresh process: load, first pass (cold caches), second pass (warm); CPU seconds.
PASSES = """
import csv, json, sys, time
shared, corpora = sys.argv[1], json.loads(sys.argv[2])
rows = []
for filename, column, name_col, _ in corpora:
    with open(f"{shared}/data/products/{filename}", encoding="utf-8-sig", newline="") as fh:
        rows += [(r[column], r[name_col]) for r in csv.DictReader(fh)]
t = time.process_time()
from milia.ingredients.check import check_ingredients
from milia.ingredients.normalize import lexicon
from milia.ingredients.rules import rulebook
lexicon().prepare()
rulebook()
times = [time.process_time() - t]
for _ in range(2):
    t = time.process_time()
    for text, name in rows:
        check_ingredients(text, name=name)
    times.append(time.process_time() - t)
print(json.dumps(times))
"""


def fresh_passes(src: Path, shared: Path) -> list[float]:
    """CPU seconds of [load, cold pass, warm pass] in a fresh process importing ``src``."""
    out = subprocess.run(
        [sys.executable, "-c", PASSES, str(shared), json.dumps(CORPORA)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src)},
    )
    times: list[float] = json.loads(out.stdout.strip().splitlines()[-1])
    return times


def fresh_rounds(shared: Path, rounds: int, against: Path | None, n: int) -> None:
    """Cold and warm passes in fresh processes; paired with ``against`` when given."""
    trees = [REPO / "src"] + ([against] if against is not None else [])
    runs: dict[Path, list[list[float]]] = {tree: [] for tree in trees}
    for i in range(rounds):
        for tree in trees if i % 2 == 0 else trees[::-1]:  # alternate who goes first
            runs[tree].append(fresh_passes(tree, shared))
    labels = ("load + indexes", "first pass (cold)", "second pass (warm)")
    for tree in trees:
        print(f"fresh processes ({rounds}), CPU, median [range]: {tree}")
        for k, label in enumerate(labels):
            values = [r[k] for r in runs[tree]]
            rate = "" if k == 0 else f" = {n / statistics.median(values):6.0f} lists/s"
            print(
                f"  {label:19s} {statistics.median(values) * 1000:7.0f} ms"
                f" [{min(values) * 1000:.0f}-{max(values) * 1000:.0f}]{rate}"
            )
    if against is not None:
        print(f"speed of this tree over {against} (time ratio, paired per round):")
        for k, label in enumerate(labels):
            ratios = [b[k] / a[k] for a, b in zip(runs[trees[0]], runs[against], strict=True)]
            print(
                f"  {label:19s} {statistics.median(ratios):.2f}"
                f" [{min(ratios):.2f}-{max(ratios):.2f}]"
            )


#: Bad input a megabyte long, by shape (issue 3: "a megabyte is handled in under a few
#: seconds"); timed here, not in the unit tests, which check only what each returns.
BAD_INPUTS: dict[str, str] = {
    "prose": "This luxurious cream melts into your skin, leaving it soft. " * 16_950,
    "unknown words": ", ".join(f"Zqx{i} Vrbl" for i in range(60_000)),
    "one slashed name": "/".join(["word"] * 200_000),
    "long items": ", ".join(["amrn" * 425] * 588),
    "binary-like": "".join(chr(0x2500 + (i * 7919) % 0x2A00) for i in range(1_000_000)),
}


def bad_input_seconds() -> None:
    """Print the CPU seconds of one check of each megabyte-long bad input."""
    print("bad input, about 1 MB each (CPU s of one check; issue 3: a few seconds at most):")
    for label, text in BAD_INPUTS.items():
        t0 = time.process_time()
        try:
            check_ingredients(text)
            outcome = "issues"
        except MiliaError as err:
            outcome = f"error ({type(err).__name__})"
        print(
            f"  {label:18s} {len(text) / 1e6:5.2f} MB  {time.process_time() - t0:6.2f} s  {outcome}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--top", type=int, default=40, help="unrecognised names to list")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (best is kept)")
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes for the passes")
    parser.add_argument("--against", type=Path, help="another tree's src, measured in turns")
    args = parser.parse_args()

    t0 = time.perf_counter()
    rows = read_rows(args.shared)
    read_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    lexicon().prepare()  # also the indexes a process builds on its first unknown name
    rulebook()
    load_s = time.perf_counter() - t0

    # First pass: cold caches, collects statistics.
    tokens = with_tokens = 0
    status: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    vague: Counter[str] = Counter()
    fits: dict[str, int] = {}
    guesses: Counter[str] = Counter()
    issues: Counter[str] = Counter()
    t0, c0 = time.perf_counter(), time.process_time()
    for text, name, _label in rows:
        result = check_ingredients(text, name=name)
        entries = result["ingredients"]
        for issue in result["issues"]:
            issues[issue["code"]] += 1
        if entries:
            with_tokens += 1
        for entry in entries:
            tokens += 1
            how = entry.get("match", {})
            method = str(how.get("method"))
            written = entry["text"].lower()
            if method == "fuzzy" and how.get("partial") and entry["recognized"]:
                method = "partial guess"
                guesses[f"{written} -> {entry['inci']}"] += 1
            elif method == "fuzzy":
                method = "fuzzy typo" if entry["recognized"] else "fuzzy rejected"
            status[method] += 1
            if method == "ambiguous":
                vague[written] += 1
                fits[written] = int(how.get("candidates_total", 0))
            elif not entry["recognized"]:
                unknown[written] += 1
    cold_s, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    warm_s = cpu_s = float("inf")
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for text, name, _label in rows:
            check_ingredients(text, name=name)
        warm_s = min(warm_s, time.perf_counter() - t0)
        cpu_s = min(cpu_s, time.process_time() - c0)
    t0, c0 = time.perf_counter(), time.process_time()
    read_rows(args.shared)
    read_wall, read_cpu = time.perf_counter() - t0, time.process_time() - c0

    cold_process = cold_start_seconds()
    n = len(rows)
    print(f"lists: {n} ({with_tokens} with ingredient tokens; the rest are placeholders/empty)")
    print(f"read both CSV files:        {read_s * 1000:8.1f} ms")
    print(f"load lexicon + rules:       {load_s * 1000:8.1f} ms (once per process, all indexes)")
    print(
        f"fresh process to 1st answer:{cold_process * 1000:8.1f} ms"
        " (import + tables + one check; best of 3 subprocesses)"
    )
    print(
        f"check all lists, cold cache:{cold_s * 1000:8.1f} ms  = {n / cold_s:8.0f} lists/s wall,"
        f" {n / cold_cpu:.0f} lists/s CPU (every name resolved for the first time)"
    )
    print(f"check all lists, warm cache:{warm_s * 1000:8.1f} ms  = {n / warm_s:8.0f} lists/s wall")
    print(
        f"check all lists, CPU time:  {cpu_s * 1000:8.1f} ms  = {n / cpu_s:8.0f} lists/s on one core"
        f"  (target >= 2000/s)"
    )
    print(
        f"read both CSV files again:  {read_wall * 1000:8.1f} ms wall, {read_cpu * 1000:.1f} ms CPU"
    )
    print(
        f"check / read ratio (same run): {warm_s / read_wall:.1f}x wall, "
        f"{cpu_s / max(read_cpu, 1e-9):.1f}x CPU"
    )
    ambiguous = status["ambiguous"]
    partial = status["partial guess"]
    honest = tokens - partial - ambiguous - sum(unknown.values())
    named_one = tokens - ambiguous
    # three decimals and an explicit verdict: 97.997 % must not print as "98.00%"
    needed = -(-98 * tokens // 100)  # ceil(0.98 * tokens), in integers
    verdict = "met" if honest >= needed else f"NOT met: {needed - honest} tokens short"
    print(
        f"ingredient tokens: {tokens}; recognised as one INCI name (no guesses): {honest}"
        f" = {honest / max(tokens, 1):.3%} of all tokens (target >= 98%: {needed}; {verdict})"
    )
    print(
        f"  = {honest / max(named_one, 1):.2%} of the {named_one} tokens that name one"
        f" ingredient; {ambiguous} ambiguous ({ambiguous / max(tokens, 1):.2%}),"
        f" {partial} partial guesses, {sum(unknown.values())} unrecognised"
    )
    print(
        f"  counting the partial guesses too: {(honest + partial) / max(tokens, 1):.2%}"
        " (they raise no flag and decide no claim)"
    )
    print("match status: " + ", ".join(f"{k} {v}" for k, v in status.most_common()))
    print("issues by code: " + ", ".join(f"{k} {v}" for k, v in issues.most_common()))
    print(f"unrecognised, by frequency (top {args.top} of {len(unknown)} distinct):")
    for text, count in unknown.most_common(args.top):
        print(f"  {count:5d}  {text[:90]}")
    print(
        f"ambiguous (fit several CosIng names; none picked), by frequency"
        f" (top {args.top} of {len(vague)} distinct):"
    )
    for text, count in vague.most_common(args.top):
        print(f"  {count:5d}  {text[:70]}  ({fits[text]} CosIng names fit)")
    print(f"partial guesses, by frequency (top {args.top // 2} of {len(guesses)} distinct):")
    for text, count in guesses.most_common(args.top // 2):
        print(f"  {count:5d}  {text[:110]}")
    bad_input_seconds()
    if args.rounds > 0:
        fresh_rounds(args.shared, args.rounds, args.against, n)


if __name__ == "__main__":
    main()
