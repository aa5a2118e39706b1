"""Generate the ingredient tables under ``src/milia/kb/data/ingredients/``.

Run from the repository root with the project's shared data beside it::

    .venv/bin/python scripts/build_ingredient_tables.py [--shared ../shared]

It writes, and marks as generated (never edit them by hand):

``inci_names.json``
    Every distinct INCI name of the EU CosIng inventory (2020-12-30 export),
    names only (no functions, CAS or descriptions are copied).
``cosdna_synonyms.json``
    Alias -> INCI pairs from the CosDNA scrape, kept only where the record's
    own name is a CosIng name and the alias is not itself a different CosIng
    name (CosDNA lists, e.g., "Sorbitan Olivate" as a synonym of "Cetearyl
    Olivate"; that pair is dropped). A cross-check, not an authority.
``comedogenicity.yaml``
    0-5 comedogenicity (and irritancy) ratings of the second-hand compilation
    (e-zob), mapped to INCI names with milia's own lexicon, plus CosDNA "acne"
    ratings for ingredients the compilation lacks. Each record names the
    source of its rating.

Facts (names, synonyms, ratings) are taken with their provenance; no input
file is copied whole.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "milia" / "kb" / "data" / "ingredients"
GENERATED_BY = "scripts/build_ingredient_tables.py"

sys.path.insert(0, str(REPO / "src"))

from milia.ingredients.keys import lookup_key  # noqa: E402


def build_inci_names(shared: Path) -> list[str]:
    names: dict[str, None] = {}
    with (shared / "data/ingredients/cosing-2020.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = " ".join(row["inci_name"].split()).upper()
            if name:
                names[name] = None
    ordered = sorted(names)
    doc = {
        "generated_by": GENERATED_BY,
        "do_not_edit": "generated table; change the generator or its inputs instead",
        "id": "cosing_inci_names",
        "description": "Distinct INCI names of the EU CosIng inventory (names only)",
        "input": "CosIng inventory export of 2020-12-30 (reduced copy kept in sohab117/inci-cas-builder)",
        "sources": ["cosing_inventory"],
        "evidence": "regulatory",
        "count": len(ordered),
        "names": ordered,
    }
    _write_json(OUT / "inci_names.json", doc)
    return ordered


def build_cosdna_synonyms(shared: Path, names: list[str]) -> dict[str, str]:
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(lookup_key(name), name)
    pairs: dict[str, str] = {}
    with (shared / "data/ingredients/cosdna-scrape.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            target = by_key.get(lookup_key(rec.get("name") or ""))
            if target is None:
                continue
            for alias in rec.get("synonym") or []:
                alias = " ".join(str(alias).split())
                key = lookup_key(alias)
                if len(key) < 3 or key in by_key or not alias.isascii():
                    continue
                pairs.setdefault(alias.lower(), target)
    doc = {
        "generated_by": GENERATED_BY,
        "do_not_edit": "generated table; change the generator or its inputs instead",
        "id": "cosdna_synonyms",
        "description": "Alias -> INCI pairs from CosDNA records whose name is a CosIng INCI name",
        "input": "CosDNA scrape kept in weifanchen/Knowledge-Graph-For-Cosmetics (ingredients.jl)",
        "sources": ["cosdna"],
        "evidence": "expert_opinion",
        "count": len(pairs),
        "synonyms": dict(sorted(pairs.items())),
    }
    _write_json(OUT / "cosdna_synonyms.json", doc)
    return pairs


def build_comedogenicity(shared: Path) -> None:
    # Imported here: the lexicon reads the two tables written above.
    from milia.ingredients.normalize import lexicon

    lex = lexicon()
    records: dict[str, dict[str, object]] = {}
    unmapped: list[str] = []
    with (shared / "data/ingredients/comedogenicity-compiled.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            source_name = row["Ingredients"].strip()
            match = lex.resolve(source_name)
            if match.inci is None or not match.recognized:
                unmapped.append(source_name)
                continue
            rec = records.get(match.inci)
            rating = int(row["Comedogenicity"])
            if rec is not None and int(str(rec["rating"])) >= rating:
                continue
            records[match.inci] = {
                "id": "comedo_" + re.sub(r"[^a-z0-9]+", "_", match.inci.lower()).strip("_"),
                "inci": match.inci,
                "rating": rating,
                "irritancy": int(row["Irritancy"]),
                "name_in_source": source_name,
                "rating_source": "ezob_comedogenic_compilation",
                "sources": ["ezob_comedogenic_compilation"],
                "evidence": "animal_study",
            }
    with (shared / "data/ingredients/cosdna-scrape.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec_in = json.loads(line)
            acne = rec_in.get("acne")
            if not acne:
                continue
            match = lex.resolve(rec_in["name"])
            if match.inci is None or match.method not in ("exact", "synonym"):
                continue
            rating = max(int(a) for a in acne)
            existing = records.get(match.inci)
            if existing is not None:
                if existing["rating_source"] != "cosdna":
                    existing.setdefault("cosdna_rating", rating)
                continue
            irritant = rec_in.get("irritant") or []
            records[match.inci] = {
                "id": "comedo_" + re.sub(r"[^a-z0-9]+", "_", match.inci.lower()).strip("_"),
                "inci": match.inci,
                "rating": rating,
                "irritancy": max((int(i) for i in irritant), default=None),
                "name_in_source": rec_in["name"],
                "rating_source": "cosdna",
                "sources": ["cosdna"],
                "evidence": "animal_study",
            }
    lines = [
        f"# GENERATED by {GENERATED_BY} -- do not edit by hand.",
        "# Comedogenicity ratings 0-5 (and irritancy 0-5) with the source of each rating.",
        "# ezob_comedogenic_compilation: a second-hand compilation in the style of",
        "#   Fulton 1989 (rabbit-ear assay); not checked row by row against the paper.",
        "# cosdna: CosDNA's user-maintained 'acne' field (max when several values),",
        "#   used only where the compilation has no row.",
        "# Ratings concern acne (comedones) in animal models; they depend on vehicle",
        "# and concentration, and their link to milia is unproven.",
        f"# Compilation names not mapped to an INCI name: {', '.join(unmapped) or 'none'}",
    ]
    body = {"ratings": sorted(records.values(), key=lambda r: str(r["inci"]))}
    import yaml

    text = "\n".join(lines) + "\n" + yaml.safe_dump(body, sort_keys=False, allow_unicode=False)
    (OUT / "comedogenicity.yaml").write_text(text, encoding="utf-8")
    print(f"comedogenicity.yaml: {len(records)} ratings; unmapped: {unmapped}")


def _write_json(path: Path, doc: dict[str, object]) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=True, indent=0) + "\n", encoding="utf-8")
    print(f"{path.name}: {doc['count']} entries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument(
        "--only", choices=["names", "comedogenicity"], default=None, help="build one step only"
    )
    args = parser.parse_args()
    if args.only != "comedogenicity":
        names = build_inci_names(args.shared)
        build_cosdna_synonyms(args.shared, names)
    if args.only != "names":
        build_comedogenicity(args.shared)


if __name__ == "__main__":
    main()
