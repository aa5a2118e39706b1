"""QA F12-05 (second half): a list mostly not read is never headlined as a finding."""

from __future__ import annotations

import milia
from milia.cli.ingredients import _shown_risk

#: Made-up words: four of five not read whatever the synonym tables learn.
MOSTLY_UNREAD = "Wasser, Zzqöl, Xxwachs, Glycerin, Qqfett, Vvbalsam"


def test_a_mostly_unread_list_says_incomplete_first() -> None:
    summary = milia.check_ingredients(MOSTLY_UNREAD)["summary"]
    assert summary["incomplete"] is True and summary["risk_known"] is True
    assert summary["why"][0].startswith("Incomplete: 4 of 6 ingredients could not be read")
    assert (
        "No occlusive, highly comedogenic or milia-triggering ingredient was found."
        not in (summary["why"])
    )
    assert any(w.endswith("among the 2 of 6 read.") for w in summary["why"])


def test_a_mostly_unread_list_gets_a_language_note() -> None:
    issues = milia.check_ingredients(MOSTLY_UNREAD)["issues"]
    note = next(i["message"] for i in issues if i["code"] == "mostly_unrecognized")
    assert note.startswith("4 of 6 ingredients could not be read") and "INCI list" in note


def test_a_list_mostly_read_is_not_incomplete() -> None:
    result = milia.check_ingredients("Aqua, Glycerin, Zzqöl, Cetearyl Alcohol")
    assert result["summary"]["incomplete"] is False
    assert "mostly_unrecognized" not in {i["code"] for i in result["issues"]}
    assert "No occlusive, highly comedogenic or milia-triggering ingredient was found " in (
        " ".join(result["summary"]["why"])
    )


def test_nothing_read_stays_unknown_not_incomplete() -> None:
    summary = milia.check_ingredients("Zzqöl, Xxwachs")["summary"]
    assert summary["risk_known"] is False and summary["incomplete"] is False


def test_the_headline_is_never_a_green_low_when_incomplete() -> None:
    summary = {"milia_risk": "low", "risk_known": True, "incomplete": True, "unrecognized": 4}
    assert _shown_risk(summary, entries=6) == ("low (incomplete: 4 of 6 not read)", "bold")
    assert _shown_risk({**summary, "incomplete": False}) == ("low", "green")
