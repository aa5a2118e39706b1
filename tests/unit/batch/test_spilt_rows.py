"""QA F12-06: a CSV row whose unquoted list spilt into extra columns is never a plain 'low'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import milia
from milia.batch.catalogue import read_product_rows
from milia.batch.jobs import check_catalogue


def _checked(tmp_path: Path, text: str, **options: str) -> list[dict[str, Any]]:
    path = tmp_path / "extra.csv"
    path.write_text(text, encoding="utf-8")
    return list(check_catalogue(read_product_rows(path, column="Ingredients", **options)))


def test_a_spilt_list_in_the_last_column_is_read_back_whole(tmp_path: Path) -> None:
    """The QA row: 'Aqua' alone and 'low' before; the two occlusives count now."""
    (out,) = _checked(
        tmp_path,
        "Name,Ingredients\nNight cream,Aqua, Glycerin, Paraffinum Liquidum, Petrolatum\n",
        name_column="Name",
    )
    inci = [e["inci"] for e in out["ingredients"]]
    assert inci == ["AQUA", "GLYCERIN", "PARAFFINUM LIQUIDUM", "PETROLATUM"]
    whole = milia.check_ingredients("Aqua, Glycerin, Paraffinum Liquidum, Petrolatum")
    assert out["summary"]["milia_risk"] == whole["summary"]["milia_risk"] != "low"
    issue = next(i for i in out["issues"] if i["code"] == "extra_fields")
    assert "3 more field(s)" in issue["message"] and "read back" in issue["message"]


def test_a_spilt_list_before_another_column_is_incomplete(tmp_path: Path) -> None:
    """The list is not the last column: which fields are its tail is unknown, so say so."""
    (out,) = _checked(
        tmp_path,
        "Name,Ingredients,Type\nNight cream,Aqua, Glycerin, Petrolatum,Cream\n",
        name_column="Name",
    )
    summary = out["summary"]
    assert [e["inci"] for e in out["ingredients"]] == ["AQUA"]
    assert summary["incomplete"] is True
    assert summary["why"][0].startswith(
        "Incomplete: this CSV row has 2 more field(s) than the header"
    )


def test_a_quoted_row_is_untouched(tmp_path: Path) -> None:
    (out,) = _checked(tmp_path, 'Name,Ingredients\nGel,"Aqua, Glycerin"\n', name_column="Name")
    assert out["summary"]["incomplete"] is False
    assert "extra_fields" not in {i["code"] for i in out["issues"]}


def test_a_list_cut_at_the_item_limit_is_incomplete() -> None:
    summary = milia.check_ingredients(", ".join(["Aqua", "Glycerin"] * 1100))["summary"]
    assert summary["incomplete"] is True
    assert summary["why"][0].startswith("Incomplete: the list was too long, so only its first")
