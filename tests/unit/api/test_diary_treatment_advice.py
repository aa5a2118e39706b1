"""Diary treatments that name home extraction, and overlapping treatments on the plot (QA F9-05)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient
from PIL import Image

from milia.api.diary_advice import diary_words, treatment_advice
from milia.api.plots import diary_png, treatment_rows
from milia.engine.advice import advice_items
from milia.storage.tables import DiaryEntry, Treatment

HOME = (
    "I popped them with a sewing needle",
    "squeezed them with a needle at home",
    "Picking at them every evening",
    "extracted two with a comedone extractor",
    "pricked them with a lancet",
    "squeezed them myself after the dermatologist said no",
    "squeezed them, the doctor said not to",
    # QA F10-18: home removal devices and a facialist's extractions
    "used a milia removal pen",
    "plasma pen",
    "fibroblast plasma pen at home",
    "home cautery device",
    "blackhead remover tool",
    "facialist did extractions",
)
NOT_HOME = (
    "Tretinoin 0.025% cream nightly",
    "adapalene gel 0.1 %",
    "Pick-up from the pharmacy: glycolic acid 8 %",
    "extraction by the dermatologist",
    "Dr Lee removed them with a sterile needle",
    "pineapple enzyme mask",
    "popcorn-free diet",
    "cautery by the dermatologist",
    "pen-shaped applicator of adapalene",
)


def test_the_advice_is_the_knowledge_base_item_with_its_sources() -> None:
    item = next(i for i in advice_items() if i.id == "no_home_extraction_doctor_decides")
    shown = diary_words().advice
    assert shown == item.as_dict()
    assert {"mdw", "typ"} <= set(shown["sources"])  # the cautions' sources (clinical brief §4)
    assert "extract" in shown["text"] and "at home" in shown["text"]


@pytest.mark.parametrize("what", HOME)
def test_home_extraction_is_named(what: str) -> None:
    assert [a["id"] for a in treatment_advice(what)] == ["no_home_extraction_doctor_decides"]


@pytest.mark.parametrize("what", NOT_HOME)
def test_other_treatments_get_no_advice(what: str) -> None:
    assert treatment_advice(what) == []


def test_the_notes_count_too() -> None:
    assert treatment_advice("salicylic acid wash", "and I squeezed a few")
    assert not treatment_advice("salicylic acid wash", "twice a week")


def test_api_keeps_the_treatment_and_adds_the_advice(
    client: TestClient, alice: dict[str, str]
) -> None:
    body = {"what": "squeezed them with a needle at home", "from": "2026-12-02"}
    created = client.post("/api/v1/diary/treatments", json=body, headers=alice)
    assert created.status_code == 201
    answer = created.json()
    assert answer["what"] == body["what"] and answer["from"] == "2026-12-02"
    assert [a["id"] for a in answer["advice"]] == ["no_home_extraction_doctor_decides"]
    assert answer["advice"][0]["sources"] and answer["advice"][0]["text"].startswith("Do not")
    plain = client.post("/api/v1/diary/treatments", json={"what": "adapalene", "from": "2026-12-01"},
                        headers=alice).json()  # fmt: skip
    assert plain["advice"] == []
    listed = client.get("/api/v1/diary/treatments", headers=alice).json()
    assert {t["what"]: len(t["advice"]) for t in listed} == {"adapalene": 0, body["what"]: 1}
    one = client.get(f"/api/v1/diary/treatments/{answer['id']}", headers=alice).json()
    assert one["advice"] == answer["advice"]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["TreatmentOut"]
    assert "advice" in schema["properties"]
    bundle = client.get("/api/v1/diary/export.fhir.json", headers=alice).json()
    resources = {e["resource"]["id"]: e["resource"] for e in bundle["entry"]}
    notes = [n["text"] for n in resources[f"treatment-{answer['id']}"].get("note", [])]
    assert any(answer["advice"][0]["text"] in n and "mdw" in n for n in notes)
    assert "note" not in resources[f"treatment-{plain['id']}"]
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(bundle)  # the note keeps the Bundle valid FHIR R4B


def test_web_diary_shows_the_advice_with_sources(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("gwen@example.org")
    token = csrf_of(web.get("/diary").text)
    locations: list[str] = []
    for what, day in (("Tretinoin 0.025% cream nightly", "2026-11-10"),
                      ("I popped them with a sewing needle", "2026-11-20")):  # fmt: skip
        added = web.post("/diary/treatments", data={"csrf_token": token, "what": what,
                         "started": day, "ended": ""}, follow_redirects=False)  # fmt: skip
        assert added.status_code == 303
        locations.append(added.headers["location"])
    page = web.get("/diary").text
    advice = diary_words().advice["text"]
    assert page.count('class="diary-advice"') == 1
    note = page.split('class="diary-advice"', 1)[1].split("</p>", 1)[0]
    assert advice in note and "Sources:" in note
    before = page.split('class="diary-advice"', 1)[0]
    assert "I popped them with a sewing needle" in before.rsplit("<li", 1)[1]
    # the page opens at the plot, or at the needle treatment and its note
    assert locations[0] == "/diary#plot"
    assert locations[1].startswith("/diary#treatment-")
    assert f'id="{locations[1].split("#")[1]}"' in before.rsplit("<li", 1)[1]


def _treatment(i: int, what: str, start: dt.date, end: dt.date | None) -> Treatment:
    return Treatment(id=i, what=what, started=start, ended=end, notes="")


def test_overlapping_treatments_get_their_own_rows() -> None:
    day = dt.date(2026, 11, 1)
    plus = lambda n: day + dt.timedelta(days=n)  # noqa: E731
    treatments = [
        _treatment(1, "tretinoin", plus(9), None),  # ongoing
        _treatment(2, "popped them", plus(19), None),  # ongoing, overlaps 1
        _treatment(3, "glycolic", plus(0), plus(5)),  # before both
        _treatment(4, "mask", plus(6), plus(8)),  # after 3, before 1
        _treatment(5, "salicylic", plus(20), plus(25)),  # overlaps 1 and 2
    ]
    rows = treatment_rows(treatments, today=plus(36))
    assert rows[0] != rows[1]
    assert len({rows[0], rows[1], rows[4]}) == 3
    assert rows[2] == rows[3] == 0  # a free row is reused
    assert treatment_rows([], today=day) == []


def _tint(hex_colour: str, alpha: float = 0.18) -> tuple[int, int, int]:
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(255 * (1 - alpha) + c * alpha) for c in rgb)  # type: ignore[return-value]


def _near(pixel: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    return all(abs(p - c) <= 3 for p, c in zip(pixel, colour, strict=False))


def test_an_earlier_ongoing_band_stays_visible_under_a_later_one() -> None:
    day = dt.date(2026, 11, 1)
    entries = []
    for i in range(7):
        entry = DiaryEntry(
            date=day + dt.timedelta(days=5 * i), count=30 - 2 * i, notes="", total_counted=True
        )
        entry.regions = []
        entries.append(entry)
    treatments = [
        _treatment(1, "Tretinoin 0.025% cream nightly", dt.date(2026, 11, 10), None),
        _treatment(2, "adapalene gel", dt.date(2026, 11, 20), None),
    ]
    png = diary_png(entries, treatments, today=dt.date(2026, 12, 7))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    first, second = _tint("#f4a261"), _tint("#2a9d8f")  # the palette's first two, alpha 0.18
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    both = 0
    for x in range(width):
        column = [pixels[x, y] for y in range(height)]
        if any(_near(p, first) for p in column) and any(_near(p, second) for p in column):
            both += 1
    # on the days both go on, each band keeps its own colour somewhere in the column
    # (before: the later band was drawn over the earlier one at every height)
    assert both > 100
