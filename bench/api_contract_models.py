"""What would ``response_model=`` cost the ingredient-check and photo-analysis routes?

QA F9-C06 asked for response models of the two answers. FastAPI can either use a
model to *document* a route (``responses={200: {"model": M}}``, the answer encoded
once with orjson, as ``POST /assessments`` does) or as ``response_model=M``, which
validates the returned dict into the model and serialises it again on every request.
This measures, side by side in one run, on the same answers:

- ``orjson``: :func:`milia.api.contracts.encode_answer` (what the routes send);
- ``response_model``: FastAPI 0.1xx's path for ``response_model=M`` (validate into
  ``M``, dump to JSON-able data, encode with ``JSONResponse``'s ``json.dumps``),
  with ``exclude_unset`` off (FastAPI's default) and on;
- the route's own work (``milia.check_ingredients`` / ``milia.analyze_photo``),

and whether the answer stays the same (with ``exclude_unset`` off, optional fields a
result leaves out come back as ``null``: the answer changes).

    .venv/bin/python bench/api_contract_models.py [--rounds 5] [--photos 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

import milia
from milia.api.contract_models import IngredientCheckOut, PhotoAnalysisOut
from milia.api.contracts import encode_answer
from milia.imaging.synth import make_photo

SAMPLE = Path(__file__).resolve().parents[1] / "tests/data/ingredients/sample_products.csv"


def _per_call(fn: Callable[[Any], object], items: list[Any], rounds: int) -> float:
    """Median over rounds of the mean time per item, in microseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        times.append((time.perf_counter() - start) / len(items) * 1e6)
    return statistics.median(times)


def _via_model(model: type[BaseModel], *, exclude_unset: bool) -> Callable[[Any], bytes]:
    adapter = TypeAdapter(model)

    def run(result: Any) -> bytes:
        value = adapter.validate_python(result)
        data = adapter.dump_python(value, mode="json", exclude_unset=exclude_unset)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

    return run


def _report(name: str, model: type[BaseModel], results: list[Any], work_us: float,
            rounds: int) -> None:  # fmt: skip
    raw = _per_call(encode_answer, results, rounds)
    full = _per_call(_via_model(model, exclude_unset=False), results, rounds)
    unset = _per_call(_via_model(model, exclude_unset=True), results, rounds)
    same_full = sum(
        json.loads(_via_model(model, exclude_unset=False)(r)) == json.loads(encode_answer(r))
        for r in results
    )
    same_unset = sum(
        json.loads(_via_model(model, exclude_unset=True)(r)) == json.loads(encode_answer(r))
        for r in results
    )
    print(f"{name}: {len(results)} answers; the route's own work {work_us / 1000:.1f} ms each")
    print(f"  orjson (sent now)           {raw:9.1f} us")
    print(f"  response_model              {full:9.1f} us  x{full / raw:.1f}; "
          f"+{(full - raw) / work_us:.1%} of the route; same answer {same_full}/{len(results)}")  # fmt: skip
    print(f"  response_model exclude_unset{unset:9.1f} us  x{unset / raw:.1f}; "
          f"+{(unset - raw) / work_us:.1%} of the route; same answer {same_unset}/{len(results)}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--photos", type=int, default=3)
    args = parser.parse_args()

    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    milia.check_ingredients(rows[0]["ingredients"])  # loads the ingredient data once
    start = time.perf_counter()
    checks = [milia.check_ingredients(r["ingredients"], name=r["name"]) for r in rows]
    check_us = (time.perf_counter() - start) / len(rows) * 1e6
    _report("ingredient check (tests/data sample)", IngredientCheckOut, checks, check_us,
            args.rounds)  # fmt: skip

    jpegs = [make_photo(seed=seed).jpeg for seed in range(args.photos)]
    milia.analyze_photo(jpegs[0])  # loads the detectors once
    start = time.perf_counter()
    photos = [milia.analyze_photo(jpeg) for jpeg in jpegs]
    photo_us = (time.perf_counter() - start) / len(jpegs) * 1e6
    _report("photo analysis (synthetic)", PhotoAnalysisOut, photos, photo_us, args.rounds)


if __name__ == "__main__":
    main()
