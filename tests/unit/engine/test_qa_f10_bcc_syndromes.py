"""QA F10-25: Bazex-Dupre-Christol syndrome carries a basal cell carcinoma risk as
Gorlin syndrome does: new bumps are checked within days to weeks (soon). Session 11
(engine-safety item 5): so does Rombo syndrome, now that a source names its risk."""

from __future__ import annotations

import pytest

import milia
from milia.engine.assess import assess_many

CASE = {"age_years": 35, "color": "white", "diameter_mm": 1, "count": 20,
        "sites": ["cheeks", "nose"]}  # fmt: skip


@pytest.mark.parametrize(
    "syndrome", ["basal_cell_nevus_syndrome", "bazex_dupre_christol_syndrome", "rombo_syndrome"]
)
def test_new_bumps_in_a_bcc_syndrome_are_soon_on_both_paths(syndrome: str) -> None:
    case = {**CASE, "conditions": [syndrome]}
    for result in (milia.assess(case), assess_many([case])[0]):
        assert result["triage"]["level"] == "soon"
        flag = next(f for f in result["red_flags"] if f["id"] == "new_bumps_with_bcc_syndrome")
        assert flag["sources"]


def test_rombo_s_risk_cites_the_first_description() -> None:
    case = {**CASE, "conditions": ["rombo_syndrome"]}
    flag = next(
        f for f in milia.assess(case)["red_flags"] if f["id"] == "new_bumps_with_bcc_syndrome"
    )
    assert "Rombo syndrome" in flag["message"]
    assert {"michaelsson1981_rombo", "omim_rombo"} <= set(flag["sources"])
