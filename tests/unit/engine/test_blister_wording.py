"""Blisters where milia are unlikely (issue 2 item 2, session 12).

``blisters_with_milia`` fires on described blisters whatever the differential says
(session 13: it read milia's share before), so it fires when milia are printed at a
few per cent; its words must not then say the bumps are milia, and blisters in the
mouth (where milia cannot arise) keep a warning.
"""

from __future__ import annotations

from typing import Any

import pytest

import milia
from milia.engine.triage import level_rank

# an older adult's clear bumps on a red patch (generated case; 81 % not listed)
FEW_MILIA: dict[str, Any] = {
    "age_years": 92.4,
    "color": "clear",
    "sites": ["ears", "buccal_mucosa"],
    "diameter_mm": 4.1,
    "count": 7,
    "inflamed": False,
    "on_red_plaque": True,
    "duration_weeks": 2.4,
}


def _flags(result: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["message"] for f in result["red_flags"]}


def test_the_blister_flag_does_not_say_the_bumps_are_milia() -> None:
    case = {**FEW_MILIA, "sites": ["ears"]}
    result = milia.assess(case)
    shown = {d["condition"]: d["probability"] for d in result["differential"]}
    assert shown["milia"] < 0.2  # printed: milia are unlikely
    message = _flags(result)["blisters_with_milia"]  # still fires: blisters need a look
    assert not message.startswith("Milia")
    assert "blisters with no clear cause should be seen by a doctor" in message
    assert "If there are milia as well" in message
    assert level_rank(result["triage"]["level"]) >= level_rank("soon")


def test_the_blister_flag_cites_the_blister_source() -> None:
    case = {"age_years": 40, "color": "white", "surface": "vesicle", "count": 20}
    result = milia.assess({**case, "sites": ["back_of_hands"]})
    flag = next(f for f in result["red_flags"] if f["id"] == "blisters_with_milia")
    assert {"nhs_blisters", "cmaj_pct", "berk2008"} <= set(flag["sources"])


@pytest.mark.parametrize("site", ["buccal_mucosa", "palate", "gums", "eyelids", "genitals"])
@pytest.mark.parametrize("blister", [{"content": "clear_fluid"}, {"surface": "vesicle"}])
def test_blisters_in_an_unusual_place_need_a_gp(site: str, blister: dict[str, Any]) -> None:
    """NHS: a blister on the eyelids, in the mouth or on the genitals -> see a GP."""
    result = milia.assess({"age_years": 30, "sites": [site], **blister})
    assert "blisters_unusual_place" in _flags(result)
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")


def test_a_babys_blisters_keep_their_own_flag() -> None:
    result = milia.assess({"age_days": 200, "sites": ["gums"], "content": "clear_fluid"})
    assert "blisters_unusual_place" not in _flags(result)
    assert "baby_blisters" in _flags(result) or "older_baby_blisters" in _flags(result)
