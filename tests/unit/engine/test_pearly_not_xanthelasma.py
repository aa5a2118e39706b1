"""A pearly, translucent eyelid bump is not ranked as xanthelasma (QA F13-02, session 13).

Xanthelasma is soft, yellow papules or plaques [statpearls_xanthelasma, rdx]; pearly and
translucent is the look of basal cell carcinoma [pg, macmillan_ng12_skin]. A single
pearly eyelid bump at 40 ranked xanthelasma 37 % above basal cell carcinoma 23 %.
"""

from __future__ import annotations

import pytest

from assess_paths import assess_both


@pytest.mark.parametrize(
    "extra",
    [{"growing": False, "duration_weeks": 300}, {"duration_weeks": 300}, {"diameter_mm": 3}],
)
def test_a_single_pearly_eyelid_bump_ranks_bcc_above_xanthelasma(extra: dict[str, object]) -> None:
    case = {"age_years": 40, "color": "pearly_translucent", "count": 1, "sites": ["eyelids"]}
    result = assess_both({**case, **extra})
    shown = {d["condition"]: d["probability"] for d in result["differential"]}
    assert shown["basal_cell_carcinoma"] > shown.get("xanthelasma", 0.0)
    assert result["triage"]["level"] in ("soon", "urgent")


def test_yellow_eyelid_plaques_stay_xanthelasma() -> None:
    case = {"age_years": 50, "color": "yellow", "surface": "flat_topped", "sites": ["eyelids"]}
    assert assess_both(case)["differential"][0]["condition"] == "xanthelasma"
