"""The ingredient-check and photo-analysis schemas in the OpenAPI document fit real answers (QA F9-C06)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from api_helpers import synthetic_jpeg
from fastapi.testclient import TestClient
from pydantic import BaseModel

import milia
from milia.api.contract_models import IngredientCheckOut, PhotoAnalysisOut
from milia.imaging.synth import make_photo

# Edge texts beside the corpora: a kit, prose, a placeholder, ambiguous and fuzzy names,
# "<1%", a claim, a banned steroid: every optional part of the answer appears.
EDGE_TEXTS = (
    ("Cleanser: Aqua, Sodium Laureth Sulfate. Eye Cream: Aqua, Petrolatum, Lanolin", "Duo kit"),
    ("Visit the boutique for the full list", "No info"),
    ("Aqua, Glycerin <1%, Clobetasol Propionate, Retinol 0.3%, Cetearyl Alchol, PEG", None),
    ("Water, Mineral Oil, Isopropyl Myristate, may contain: CI 77491", "Oil-free gel"),
)


def _undocumented(model: BaseModel, where: str = "") -> set[str]:
    """Names of the fields of an answer that its model does not declare (at any depth)."""
    found = {f"{where}{name}" for name in model.model_extra or {}}
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, BaseModel):
                found |= _undocumented(item, f"{where}{name}.")
    return found


@pytest.fixture(scope="module")
def product_answers(test_data: Path) -> list[dict[str, Any]]:
    with (test_data / "ingredients" / "sample_products.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["corpus"] for r in rows} == {"sephora", "lookfantastic"}
    answers = [milia.check_ingredients(r["ingredients"], name=r["name"]) for r in rows]
    answers += [milia.check_ingredients(text, name=name) for text, name in EDGE_TEXTS]
    return answers


@pytest.fixture(scope="module")
def photo_answers() -> list[dict[str, Any]]:
    photos = [make_photo(seed=0).jpeg, make_photo("astronaut", ita_group="dark", seed=1).jpeg]
    answers = [milia.analyze_photo(jpeg) for jpeg in photos]
    answers.append(milia.analyze_photo(np.full((120, 160, 3), 30, np.uint8)))  # dark, no face
    answers.append(milia.analyze_photo(make_photo(seed=2).jpeg, mm_per_pixel=0.1))
    return answers


def test_real_ingredient_checks_fit_the_documented_schema(
    product_answers: list[dict[str, Any]],
) -> None:
    parts = {"flags": 0, "claims": 0, "issues": 0, "match": 0, "rating": 0, "percent_below": 0}
    for answer in product_answers:
        model = IngredientCheckOut.model_validate(answer)
        assert _undocumented(model) == set(), "document the new field in contract_models.py"
        parts["flags"] += len(answer["flags"])
        parts["claims"] += len(answer["claims"])
        parts["issues"] += len(answer["issues"])
        parts["match"] += sum("match" in e for e in answer["ingredients"])
        parts["rating"] += sum("rating" in f for f in answer["flags"])
        parts["percent_below"] += sum("percent_below" in e for e in answer["ingredients"])
    assert all(parts.values()), parts  # every optional part was exercised


@pytest.mark.parametrize(
    ("filename", "column", "name_column"),
    [("sephora-cosmetics.csv", "Ingredients", "Name"),
     ("lookfantastic-skincare.csv", "clean_ingreds", "product_name")],
)  # fmt: skip
def test_every_product_of_both_full_corpora_fits(
    shared_dir: Path, filename: str, column: str, name_column: str
) -> None:
    with (shared_dir / "data" / "products" / filename).open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 1000
    for row in rows:
        answer = milia.check_ingredients(row[column], name=row[name_column])
        assert _undocumented(IngredientCheckOut.model_validate(answer)) == set(), row[name_column]


def test_real_photo_analyses_fit_the_documented_schema(
    photo_answers: list[dict[str, Any]],
) -> None:
    for answer in photo_answers:
        model = PhotoAnalysisOut.model_validate(answer)
        assert _undocumented(model) == set(), "document the new field in contract_models.py"
    assert any(a["face"] is None for a in photo_answers)
    assert any(a["face"] is not None and a["lesions"] for a in photo_answers)
    assert any(a["quality"] for a in photo_answers)
    assert {a["image"]["scale_source"] for a in photo_answers} >= {"given", "none"}


def test_a_wrong_answer_is_caught_and_an_extension_is_kept(
    photo_answers: list[dict[str, Any]],
) -> None:
    answer = {**photo_answers[0], "lesions": [{**photo_answers[0]["lesions"][0], "kind": "mole"}]}
    with pytest.raises(ValueError, match="kind"):
        PhotoAnalysisOut.model_validate(answer)
    extended = PhotoAnalysisOut.model_validate({**photo_answers[0], "new_part": 1})
    assert _undocumented(extended) == {"new_part"}  # allowed (extra="allow"), and visible
    assert extended.model_dump()["new_part"] == 1


def test_openapi_documents_both_answers_and_the_api_sends_them(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path, name in (("/api/v1/ingredients/check", "IngredientCheckOut"),
                       ("/api/v1/photos/analyze", "PhotoAnalysisOut")):  # fmt: skip
        answer = spec["paths"][path]["post"]["responses"]["200"]
        assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/" + name)
        assert spec["components"]["schemas"][name]["additionalProperties"] is True
    checked = client.post("/api/v1/ingredients/check", json={"text": "Aqua, Petrolatum"})
    assert checked.status_code == 200
    model = IngredientCheckOut.model_validate(checked.json())
    assert _undocumented(model) == set()
    documented = spec["components"]["schemas"]["IngredientCheckOut"]["properties"]
    assert set(documented) == set(checked.json())
    photo = client.post("/api/v1/photos/analyze",
                        files={"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")})  # fmt: skip
    assert photo.status_code == 200
    model = PhotoAnalysisOut.model_validate(photo.json())
    assert _undocumented(model) == set()
    documented = spec["components"]["schemas"]["PhotoAnalysisOut"]["properties"]
    assert set(documented) == set(photo.json())
