"""A steroid cream, or a cream on a baby, gets the knowledge base's cited line (QA F11-06).

Before, only home extraction had advice: ``hydrocortisone 1% cream`` and ``steroid
cream on baby's face`` answered ``"advice": []``.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from milia.api.diary_advice import diary_words, home_extraction, treatment_advice
from milia.engine.advice import advice_items

STEROID = "medication_talk_to_prescriber"
BABY = "infant_milia_no_treatment"


def _ids(what: str, notes: str = "") -> list[str]:
    return [a["id"] for a in treatment_advice(what, notes)]


@pytest.mark.parametrize(
    "what",
    ["hydrocortisone 1% cream", "Clobetasol ointment twice a day", "steroid cream from the GP",
     "Betnovate on the eyelids", "cortisone"],
)  # fmt: skip
def test_a_steroid_gets_the_medicine_line(what: str) -> None:
    assert _ids(what) == [STEROID]


@pytest.mark.parametrize(
    "what",
    ["Vaseline on my baby's cheeks", "baby lotion on the baby", "olive oil on newborn's nose",
     "moisturiser on our baby\u2019s face", "cream for the infant"],
)  # fmt: skip
def test_a_cream_on_a_baby_gets_the_babies_line(what: str) -> None:
    assert _ids(what) == [BABY]


def test_a_steroid_cream_on_a_baby_gets_both() -> None:
    assert _ids("steroid cream on baby's face") == [STEROID, BABY]


def test_squeezing_after_a_steroid_gets_the_extraction_line_first() -> None:
    assert _ids("hydrocortisone, then squeezed them myself") == [
        "no_home_extraction_doctor_decides",
        STEROID,
    ]
    assert home_extraction("hydrocortisone, then squeezed them myself")
    assert not home_extraction("hydrocortisone 1% cream")


@pytest.mark.parametrize(
    "what",
    ["baby oil on my eyelids", "tretinoin 0.025% cream", "my baby has them, doing nothing",
     "steroidless plan", "adapalene gel"],
)  # fmt: skip
def test_other_words_get_neither(what: str) -> None:
    assert STEROID not in _ids(what) and BABY not in _ids(what)


def test_the_notes_count_too() -> None:
    assert _ids("cream", "on the baby's face") == [BABY]


def test_the_lines_are_the_knowledge_base_items_with_their_sources() -> None:
    items = {i.id: i.as_dict() for i in advice_items()}
    shown = {advice["id"]: advice for advice, _ in diary_words().others}
    assert shown == {STEROID: items[STEROID], BABY: items[BABY]}
    assert "steroid" in shown[STEROID]["text"] and shown[STEROID]["evidence"] == "case_report"
    assert "need no treatment" in shown[BABY]["text"]
    for advice in shown.values():
        assert advice["sources"]


def test_api_answers_the_advice(client: TestClient, alice: dict[str, str]) -> None:
    got = client.post(
        "/api/v1/diary/treatments",
        json={"what": "hydrocortisone 1% cream", "from": "2026-12-01"},
        headers=alice,
    )
    assert got.status_code == 201
    assert [a["id"] for a in got.json()["advice"]] == [STEROID]
    baby = client.post(
        "/api/v1/diary/treatments",
        json={"what": "steroid cream on baby's face", "from": "2026-12-01"},
        headers=alice,
    ).json()
    assert [a["id"] for a in baby["advice"]] == [STEROID, BABY]
    assert all(a["sources"] for a in baby["advice"])


@pytest.mark.parametrize(
    "what",
    [
        "squeezed the white bumps on my baby's nose",
        "popped my newborn's spots",
        "picked at the infant's milia with a needle",
    ],
)
def test_home_extraction_on_a_baby_gets_the_babies_advice(what: str) -> None:
    # QA F14-05: a baby's bumps got "whether any treatment is needed is for a doctor"

    ids = [item["id"] for item in treatment_advice(what)]
    assert ids[0] == "baby_milia_no_treatment"
    assert "no_home_extraction_doctor_decides" not in ids
    text = treatment_advice(what)[0]["text"]
    assert "need no treatment" in text and "Do not squeeze" in text


def test_my_son_is_not_read_as_a_baby() -> None:

    ids = [item["id"] for item in treatment_advice("my son squeezed them")]
    assert ids == ["no_home_extraction_doctor_decides"]
