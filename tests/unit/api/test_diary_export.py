"""The CSV and FHIR exports carry the whole diary (QA F6-13)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from api_helpers import synthetic_jpeg
from fastapi.testclient import TestClient

from milia.api.export import Diary, diary_csv, diary_fhir_bundle
from milia.storage.tables import Diagnosis, DiaryEntry, Photo, ProductCheck, Treatment


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_both_exports_carry_every_kind_of_record(client: TestClient, alice: dict[str, str]) -> None:
    """QA F6-13's repro: counts, a treatment, a diagnosis, a saved photo, a product."""
    from fhir.resources.R4B.bundle import Bundle

    for day, n in (("2026-10-01", 9), ("2026-10-15", 6), ("2026-11-01", 4)):
        client.post("/api/v1/diary/entries", json={"date": day, "count": n}, headers=alice)
    treatments = [{"what": "adapalene 0.1 %", "from": "2026-10-02", "to": "2026-10-30"},
                  {"what": "extraction by a dermatologist", "from": "2026-11-02"}]  # fmt: skip
    for body in treatments:
        assert client.post("/api/v1/diary/treatments", json=body, headers=alice).status_code == 201
    dx = {"condition": "milia", "diagnosed_on": "2026-10-15", "clinician": "Dr K"}
    assert client.post("/api/v1/diary/diagnoses", json=dx, headers=alice).status_code == 201
    product = {"name": "Rich night cream", "text": "Aqua, Petrolatum, Paraffinum Liquidum"}
    assert client.post("/api/v1/diary/products", json=product, headers=alice).status_code == 201
    photo = client.post(
        "/api/v1/diary/photos", headers=alice, data={"taken_on": "2026-10-20"},
        files={"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")},
    ).json()  # fmt: skip
    counts = photo["analysis"]["counts"]

    rows = _rows(client.get("/api/v1/diary/export.csv", headers=alice).content.decode("utf-8-sig"))
    kinds = [r["kind"] for r in rows]
    assert kinds == ["count"] * 3 + ["photo", "treatment", "treatment", "product", "diagnosis"]
    photo_row = rows[3]
    assert photo_row["date"] == "2026-10-20" and photo_row["what"] == f"photo {photo['id']}"
    reliable = photo["analysis"]["counts_reliable"]  # QA F12-19: an unreliable count is empty
    assert (photo_row["count"], photo_row["inflamed"]) == (
        (str(counts["milia_like"]), str(counts["inflamed"])) if reliable else ("", "")
    )
    assert photo["analysis"]["analysis_version"] in photo_row["details"]
    assert [r["what"] for r in rows if r["kind"] == "treatment"] == [t["what"] for t in treatments]
    assert rows[-2]["what"] == "Rich night cream"
    assert "milia risk" in rows[-2]["details"] and "PETROLATUM" in rows[-2]["details"]
    assert rows[-1]["what"] == "milia" and "Dr K" in rows[-1]["details"]
    assert rows[-1]["date"] == "2026-10-15"

    bundle = client.get("/api/v1/diary/export.fhir.json", headers=alice).json()
    Bundle.model_validate(bundle)
    observations = {o["id"].split("-")[0]: o for o in _resources(bundle, "Observation")}
    assert len(_resources(bundle, "Observation")) == 3 + 1 + 1
    shot = observations["photo"]
    assert shot["code"]["coding"][0]["code"] == "milia-photo-count"
    if reliable:
        assert shot["valueQuantity"]["value"] == counts["milia_like"]
    else:
        assert "valueQuantity" not in shot and shot["dataAbsentReason"]["coding"][0]["code"]
    assert shot["effectiveDateTime"] == "2026-10-20"
    assert "automated photo analysis" in shot["method"]["text"]
    assert photo["analysis"]["analysis_version"] in shot["device"]["display"]
    (medicine,) = _resources(bundle, "MedicationStatement")
    assert medicine["medicationCodeableConcept"]["text"] == "adapalene 0.1 %"
    assert medicine["effectivePeriod"] == {"start": "2026-10-02", "end": "2026-10-30"}
    assert medicine["status"] == "completed"
    (procedure,) = _resources(bundle, "Procedure")
    assert procedure["code"]["text"] == "extraction by a dermatologist"
    assert procedure["performedPeriod"] == {"start": "2026-11-02"}
    assert procedure["status"] == "in-progress"
    assert observations["product"]["valueString"] == "Rich night cream"
    (condition,) = _resources(bundle, "Condition")
    assert condition["code"]["coding"][0]["code"] == "254679001"


def _lesion(kind: str, region: str) -> dict[str, Any]:
    return {"row": 1, "col": 1, "diameter_px": 5, "diameter_mm": 1.0, "kind": kind,
            "confidence": 0.9, "region": region}  # fmt: skip


def _photo(*, reliable: bool, quality: list[str]) -> Photo:
    lesions = [_lesion("milia_like", "eyelids"), _lesion("milia_like", "eyelids"),
               _lesion("milia_like", "cheeks"), _lesion("inflamed", "cheeks"),
               _lesion("inflamed", "nose")]  # fmt: skip
    analysis = {
        "image": {"width": 10, "height": 10, "mm_per_pixel": 0.1, "scale_source": "face"},
        "lesions": lesions,
        "counts": {"milia_like": 3, "inflamed": 2,
                   "by_region": {"eyelids": 2, "cheeks": 2, "nose": 1, "forehead": 0}},
        "quality": quality,
        "counts_reliable": reliable,
        "analysis_version": "photo-9.9",
    }  # fmt: skip
    return Photo(id=7, taken_on=dt.date(2026, 10, 20), analysis=analysis)


def _diary(**photo: Any) -> Diary:
    entry = DiaryEntry(
        id=1, date=dt.date(2026, 10, 1), count=4, notes="-2+3", regions=[], total_counted=True
    )
    return Diary(
        entries=[entry],
        photos=[_photo(**photo)],
        treatments=[Treatment(id=2, what="=HYPERLINK(\"x\")", started=dt.date(2026, 9, 1),
                              ended=None, notes="@SUM(A1)")],
        products=[ProductCheck(id=3, name="+cmd|calc", text="=1+1, Aqua",
                               result={"summary": {"milia_risk": "low"}, "flags": []},
                               created_at=dt.datetime(2026, 10, 3, 12, tzinfo=dt.UTC))],
        diagnoses=[Diagnosis(id=4, condition="milia", diagnosed_on=dt.date(2026, 10, 5),
                             clinician="=evil()", notes="\tx")],
    )  # fmt: skip


def test_photo_regions_count_milia_like_findings_only() -> None:
    rows = _rows(diary_csv(_diary(reliable=True, quality=[])))
    photo = next(r for r in rows if r["kind"] == "photo")
    assert (photo["count"], photo["inflamed"]) == ("3", "2")
    assert (photo["eyelids"], photo["cheeks"]) == ("2", "1")  # inflamed ones not counted
    assert "nose" not in photo and "forehead" not in photo  # no milia there: no column
    assert "counts reliable" in photo["details"] and "scale: face" in photo["details"]
    count = next(r for r in rows if r["kind"] == "count")
    assert count["eyelids"] == "" and count["count"] == "4"


def test_every_text_cell_is_escaped_against_formulas() -> None:
    rows = _rows(diary_csv(_diary(reliable=True, quality=[])))
    cells = [v for r in rows for k, v in r.items() if k in ("what", "details", "notes")]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["treatment"]["what"] == '\'=HYPERLINK("x")'
    assert (
        by_kind["product"]["what"] == "'+cmd|calc" and by_kind["product"]["notes"] == "'=1+1, Aqua"
    )
    assert "by =evil()" in by_kind["diagnosis"]["details"]
    assert by_kind["count"]["notes"] == "'-2+3"


@pytest.mark.parametrize("reliable", [True, False])
def test_an_unreliable_photo_count_says_so_in_both_exports(reliable: bool) -> None:
    diary = _diary(reliable=reliable, quality=[] if reliable else ["too dark", "blurred"])
    (photo,) = [r for r in _rows(diary_csv(diary)) if r["kind"] == "photo"]
    bundle = diary_fhir_bundle(diary)
    (shot,) = [o for o in _resources(bundle, "Observation") if o["id"] == "photo-7"]
    note = shot["note"][0]["text"]
    if reliable:
        assert "NOT reliable" not in photo["details"] and "interpretation" not in shot
    else:
        assert "counts NOT reliable" in photo["details"]
        assert "too dark, blurred" in photo["details"] and "too dark, blurred" in note
        assert shot["interpretation"][0]["text"] == "counts not reliable for this photo"
        # QA F12-19: no number that a sort, a plot or a chart reads as "none"
        assert (photo["count"], photo["inflamed"], photo.get("eyelids", "")) == ("", "", "")
        assert "valueQuantity" not in shot and "component" not in shot
        assert shot["dataAbsentReason"]["coding"][0]["code"] == "error"
        assert "not reliable" in shot["dataAbsentReason"]["text"]
        return
    components = {c["code"]["text"]: c["valueQuantity"]["value"] for c in shot["component"]}
    assert components == {"Milia-like findings, eyelids": 2, "Milia-like findings, cheeks": 1,
                          "Inflamed findings (papules, pustules) in the photo": 2}  # fmt: skip
    assert shot["valueQuantity"]["value"] == 3 and photo["count"] == "3"


def test_an_unreliable_photo_bundle_is_valid_fhir() -> None:
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(diary_fhir_bundle(_diary(reliable=False, quality=["too dark"])))


def test_a_treatment_is_a_medicine_when_its_words_are_ingredients() -> None:
    today = dt.date.today()
    treatments = [
        Treatment(id=1, what="tretinoin cream", started=today - dt.timedelta(days=9), ended=None,
                  notes=""),
        Treatment(id=2, what="cryotherapy", started=today - dt.timedelta(days=9),
                  ended=today - dt.timedelta(days=2), notes="done"),
    ]  # fmt: skip
    bundle = diary_fhir_bundle(Diary(treatments=treatments))
    (medicine,) = _resources(bundle, "MedicationStatement")
    assert medicine["status"] == "active"
    assert medicine["medicationCodeableConcept"]["coding"][0]["code"] == "TRETINOIN"
    (procedure,) = _resources(bundle, "Procedure")
    assert procedure["status"] == "completed" and procedure["note"] == [{"text": "done"}]


def test_an_empty_diary_exports_a_header_and_a_patient() -> None:
    assert _rows(diary_csv(Diary())) == []
    assert diary_csv(Diary()).splitlines() == ["kind,date,to,count,inflamed,what,details,notes"]
    bundle = diary_fhir_bundle(Diary())
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Patient"]


def test_a_home_extraction_treatment_row_carries_its_advice() -> None:
    """QA F12-19 (minor): the CSV row says the advice the diary shows, as the FHIR note does."""
    diary = Diary(treatments=[
        Treatment(id=5, what="squeezed them with a sterile needle", started=dt.date(2026, 9, 1),
                  ended=None, notes=""),
        Treatment(id=6, what="adapalene 0.1 %", started=dt.date(2026, 9, 2), ended=None, notes=""),
    ])  # fmt: skip
    squeezed, cream = [r for r in _rows(diary_csv(diary)) if r["kind"] == "treatment"]
    assert squeezed["details"].startswith("Advice milia shows with this record: ")
    assert "(sources: " in squeezed["details"]
    assert cream["details"] == ""
