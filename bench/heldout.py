"""Score the engine and the ingredient checker on the held-out sets.

Run: ``.venv/bin/python bench/heldout.py [--shared ../shared] [--json]``

The sets in ``tests/data/heldout/`` were written by an independent evaluator
without looking at the model parameters (see its README). Prints:

- cases: top-1 and top-3 accuracy (cases with a definite answer), milia-type
  accuracy, triage within the expected range, the under-triage count (must
  be 0), over-triage count, and red flags missing where the floor is
  ``soon`` or ``urgent``;
- ingredient lists: flag recall, false risk flags, claim accuracy, typo
  recognition, parse-issue reporting, and the summary's ``milia_risk``
  within the labelled range;
- every miss with what was expected and what came back.

``tests/unit/test_heldout.py`` loads the scoring functions below, so the
test and the benchmark judge an item in exactly the same way.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "tests" / "data" / "heldout"
TRIAGE = ("self_care", "routine", "soon", "urgent")
CORPORA = {
    "sephora": ("sephora-cosmetics.csv", "Ingredients", "Name"),
    "lookfantastic": ("lookfantastic-skincare.csv", "clean_ingreds", "product_name"),
}


def norm(name: str | None) -> str:
    """Lower-case an INCI name, drop bracketed common names and punctuation."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", (name or "").lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_cases() -> list[dict[str, Any]]:
    return load_jsonl(HELDOUT / "cases.jsonl")


def load_products() -> list[dict[str, Any]]:
    return load_jsonl(HELDOUT / "ingredients.jsonl")


def product_texts(items: Iterable[dict[str, Any]], shared: Path) -> dict[str, str]:
    """Read each item's ingredient text from the corpora in ``shared``.

    Raises ``FileNotFoundError`` when the corpora are absent and ``ValueError``
    when a row's name or text no longer matches the label (corpus changed).
    """
    tables: dict[str, list[dict[str, str]]] = {}
    texts: dict[str, str] = {}
    for item in items:
        filename, column, name_col = CORPORA[item["source"]]
        if item["source"] not in tables:
            path = shared / "data" / "products" / filename
            with path.open(encoding="utf-8-sig", newline="") as fh:
                tables[item["source"]] = list(csv.DictReader(fh))
        row = tables[item["source"]][item["row"]]
        text = row[column]
        if row[name_col].strip() != item["name"]:
            raise ValueError(f"{item['id']}: row {item['row']} is now {row[name_col]!r}")
        if hashlib.sha256(text.encode()).hexdigest() != item["text_sha256"]:
            raise ValueError(f"{item['id']}: the ingredient text of row {item['row']} changed")
        texts[item["id"]] = text
    return texts


# --------------------------------------------------------------------- cases

DIAGNOSTIC = re.compile(r"(?<!if )(?<!when )(?<!whether )\byou (have|suffer from)\b", re.I)
BABY_TREATMENT = re.compile(r"tretinoin|retinoid|electrodesiccation|cryotherapy|laser|peel", re.I)


def _texts(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, text) for every sentence shown to the user."""
    out = [("triage", r.get("text", "")) for r in (result.get("triage") or {}).get("reasons", [])]
    out += [(f"red_flag {f.get('id')}", f.get("message", "")) for f in result.get("red_flags", [])]
    out += [(f"advice {a.get('id')}", a.get("text", "")) for a in result.get("advice", [])]
    for d in result.get("differential", []):
        out += [(f"why {d.get('condition')}", str(w)) for w in d.get("why", [])]
    return out


def safety_problems(item: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """Clinical-safety rules of the project that hold for every output.

    Diagnostic wording ("you have ..."), a red flag or advice item without
    sources, and treatment advice for a newborn's milia (which need none).
    """
    problems = [
        f"diagnostic wording in {w}: {t!r}" for w, t in _texts(result) if DIAGNOSTIC.search(t)
    ]
    for kind in ("red_flags", "advice"):
        problems += [
            f"{kind.rstrip('s').replace('_', ' ')} {x.get('id')} has no sources"
            for x in result.get(kind, [])
            if not x.get("sources")
        ]
    if "age_days" in item["case"] and "neonatal" in item["expect"].get("type", []):
        problems += [
            f"treatment advice for a newborn: {a.get('id')}: {a.get('text')!r}"
            for a in result.get("advice", [])
            if BABY_TREATMENT.search(a.get("text", ""))
        ]
    return problems


def score_case(item: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """Judge one assessment against the case's expectation."""
    exp = item["expect"]
    diff = [d["condition"] for d in result.get("differential", [])]
    mtype = result.get("milia_type") or {}
    level = (result.get("triage") or {}).get("level")
    lo, hi = TRIAGE.index(exp["triage_min"]), TRIAGE.index(exp["triage_max"])
    got = TRIAGE.index(level) if level in TRIAGE else -1
    top = exp.get("top")
    types = exp.get("type")
    probs = {d["condition"]: d.get("probability", 0.0) for d in result.get("differential", [])}
    rivals = [p for c, p in probs.items() if c != top]
    margin = probs.get(top or "", 0.0) - max(rivals, default=0.0) if top else None
    return {
        "id": item["id"],
        "margin": margin,
        "expected_top": top,
        "got_top3": diff[:3],
        "top1": None if top is None else bool(diff) and diff[0] == top,
        "top3": None if top is None else top in diff[:3],
        "expected_type": types,
        "got_type": mtype.get("type"),
        "type_ok": None if not types else mtype.get("type") in types,
        "expected_triage": f"{exp['triage_min']}..{exp['triage_max']}",
        "got_triage": level,
        "under_triage": got < lo,
        "over_triage": got > hi,
        "red_flag_missing": lo >= TRIAGE.index("soon") and not result.get("red_flags"),
        "red_flags": [f.get("id") for f in result.get("red_flags", [])],
        "safety": safety_problems(item, result),
    }


# --------------------------------------------------------------- ingredients


def score_product(item: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """Judge one ingredient check against the hand labels."""
    flags = result.get("flags", [])
    missed = []
    for want in item["must_flag"]:
        names = {norm(n) for n in want["inci"]}
        if not any(
            norm(f.get("inci")) in names and f.get("category") in want["category"] for f in flags
        ):
            got = sorted({f.get("category", "?") for f in flags if norm(f.get("inci")) in names})
            missed.append(
                f"{want['inci'][0]} as {'/'.join(want['category'])} (got {got or 'no flag'})"
            )
    banned = {norm(n) for n in item["must_not_flag_as_risk"]}
    false_risk = sorted(
        f"{f.get('inci')} as {f.get('category')} (weight {f.get('weight')})"
        for f in flags
        if f.get("effect") == "risk" and norm(f.get("inci")) in banned
    )
    claims = {c.get("claim"): c for c in result.get("claims", [])}
    claim_checks = []
    for claim, expected in item.get("claims", {}).items():
        if expected is None:
            continue
        found = claims[claim].get("consistent") if claim in claims else "not detected"
        claim_checks.append((claim, expected, found))
    entries = {norm(e.get("text")): e for e in result.get("ingredients", [])}
    unrecognised = []
    for text, inci in item.get("must_recognize", []):
        entry = entries.get(norm(text))
        if entry is None or not entry.get("recognized") or norm(entry.get("inci")) != norm(inci):
            unrecognised.append(f"{text!r} -> {inci!r} (got {entry and entry.get('inci')!r})")
    issue_missing = bool(item.get("expect_issue")) and not result.get("issues")
    return {
        "id": item["id"],
        "name": item["name"],
        "n_must_flag": len(item["must_flag"]),
        "missed_flags": missed,
        "false_risk": false_risk,
        "claims": claim_checks,
        "unrecognised": unrecognised,
        "issue_missing": issue_missing,
        "expected_risk": item.get("milia_risk"),
        "got_risk": (result.get("summary") or {}).get("milia_risk"),
        "risk_ok": None
        if item.get("milia_risk") is None
        else (result.get("summary") or {}).get("milia_risk") in item["milia_risk"],
    }


# ---------------------------------------------------------------------- main


def _pct(num: int, den: int) -> str:
    return f"{num}/{den} = {100 * num / den:.1f} %" if den else "n/a"


def run_cases(assess: Callable[..., Any]) -> list[dict[str, Any]]:
    return [score_case(item, assess(item["case"])) for item in load_cases()]


def run_products(check: Callable[..., Any], shared: Path) -> list[dict[str, Any]]:
    items = load_products()
    texts = product_texts(items, shared)
    return [
        score_product(
            item,
            check(texts[item["id"]], name=item["name"], product_type=item["product_type"]),
        )
        for item in items
    ]


def report_cases(scores: list[dict[str, Any]]) -> None:
    definite = [s for s in scores if s["top1"] is not None]
    typed = [s for s in scores if s["type_ok"] is not None]
    in_range = [s for s in scores if not s["under_triage"] and not s["over_triage"]]
    print(f"cases: {len(scores)} ({len(definite)} with a definite top condition)")
    print(f"  top-1 accuracy      {_pct(sum(s['top1'] for s in definite), len(definite))}")
    print(f"  top-3 accuracy      {_pct(sum(s['top3'] for s in definite), len(definite))}")
    print(f"  milia-type accuracy {_pct(sum(s['type_ok'] for s in typed), len(typed))}")
    print(f"  triage in range     {_pct(len(in_range), len(scores))}")
    print(f"  under-triage        {sum(s['under_triage'] for s in scores)}  (must be 0)")
    print(f"  over-triage         {sum(s['over_triage'] for s in scores)}")
    print(
        f"  red flag missing    {sum(s['red_flag_missing'] for s in scores)}  (floor soon/urgent)"
    )
    print(f"  safety problems     {sum(len(s['safety']) for s in scores)}  (must be 0)")
    print("  misses:")
    for s in scores:
        what = []
        if s["top1"] is False:
            mark = "top-3 miss" if not s["top3"] else "top-1 miss"
            what.append(f"{mark}: expected {s['expected_top']}, got {s['got_top3']}")
        if s["type_ok"] is False:
            what.append(f"type: expected {s['expected_type']}, got {s['got_type']}")
        if s["under_triage"] or s["over_triage"]:
            kind = "UNDER-TRIAGE" if s["under_triage"] else "over-triage"
            what.append(f"{kind}: expected {s['expected_triage']}, got {s['got_triage']}")
        if s["red_flag_missing"]:
            what.append("no red flag reported")
        what += [f"SAFETY {p}" for p in s["safety"]]
        if what:
            print(f"    {s['id']}: " + "; ".join(what))
    fragile = [s for s in scores if s["top1"] and s["margin"] is not None and s["margin"] < 0.1]
    print(f"  fragile (right, but by < 0.10 probability): {len(fragile)}")
    for s in fragile:
        print(
            f"    {s['id']}: {s['expected_top']} ahead of {s['got_top3'][1:2]} by {s['margin']:.3f}"
        )


def report_products(scores: list[dict[str, Any]]) -> None:
    wanted = sum(s["n_must_flag"] for s in scores)
    missed = sum(len(s["missed_flags"]) for s in scores)
    claims = [c for s in scores for c in s["claims"]]
    recog = sum(len(s["unrecognised"]) for s in scores)
    print(f"ingredient lists: {len(scores)}")
    print(f"  flag recall         {_pct(wanted - missed, wanted)}")
    print(f"  false risk flags    {sum(len(s['false_risk']) for s in scores)}")
    print(f"  claim accuracy      {_pct(sum(c[1] is c[2] for c in claims), len(claims))}")
    print(f"  typo misses         {recog}")
    print(f"  issue not reported  {sum(s['issue_missing'] for s in scores)}")
    risk = [s["risk_ok"] for s in scores if s["risk_ok"] is not None]
    print(f"  milia_risk in range {_pct(sum(risk), len(risk))}")
    print("  misses:")
    for s in scores:
        what = [f"missed {m}" for m in s["missed_flags"]]
        what += [f"FALSE RISK {f}" for f in s["false_risk"]]
        what += [f"claim {c}: expected {e}, got {g}" for c, e, g in s["claims"] if e is not g]
        what += [f"unrecognised {u}" for u in s["unrecognised"]]
        if s["issue_missing"]:
            what.append("no parse issue reported")
        if s["risk_ok"] is False:
            what.append(f"milia_risk: expected {'/'.join(s['expected_risk'])}, got {s['got_risk']}")
        if what:
            print(f"    {s['id']} ({s['name'][:48]}): " + "; ".join(what))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--json", action="store_true", help="print the raw scores as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    import milia

    t0 = time.perf_counter()
    case_scores = run_cases(milia.assess)
    t1 = time.perf_counter()
    product_scores = run_products(milia.check_ingredients, args.shared)
    t2 = time.perf_counter()
    if args.json:
        print(json.dumps({"cases": case_scores, "products": product_scores}, indent=1))
        return 0
    report_cases(case_scores)
    print()
    report_products(product_scores)
    print(f"\n(time: cases {t1 - t0:.2f} s, ingredient lists {t2 - t1:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
