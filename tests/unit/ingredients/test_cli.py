"""``milia ingredients check`` on one list and on a CSV batch."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cli_runner import run_cli

run = run_cli


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["ingredients", "check", "Aqua, Petrolatum, Cetyl Alcohol", "--type", "Eye cream",
         "--name", "Oil-Free Balm", "--format", "json"],
        capsys,
    )  # fmt: skip
    assert code == 0
    result = json.loads(out)
    assert [e["inci"] for e in result["ingredients"]] == ["AQUA", "PETROLATUM", "CETYL ALCOHOL"]
    assert result["claims"][0]["consistent"] is False


def test_check_text_shows_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["ingredients", "check", "Water, Petrolatum, dimethicon"], capsys)
    assert code == 0
    assert "milia risk" in out and "occlusive" in out and "fuzzy" in out


def test_check_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Stdin:
        buffer = io.BytesIO(b"Aqua, Glycerin")

    monkeypatch.setattr("sys.stdin", Stdin())
    code, out, _ = run(["ingredients", "check", "-", "--format", "json"], capsys)
    assert code == 0 and len(json.loads(out)["ingredients"]) == 2


def test_bad_type_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["ingredients", "check", "Water", "--type", "eye crem"], capsys)
    assert code == 2 and "eye_cream" in err and "Traceback" not in err


def test_no_text_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["ingredients", "check"], capsys)
    assert code == 2 and "TEXT" in err


def test_csv_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "products.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Name", "Label", "Ingredients"])
        writer.writerow(["Rich Eye Balm", "Eye cream", "Petrolatum, Lanolin, Mineral Oil"])
        writer.writerow(["Placeholder", "Moisturizer", "No Info"])
        writer.writerow(["Odd", "Bath Bomb Thing", "Water, Glycerin"])
    out = tmp_path / "out.jsonl"
    code, _, err = run(
        ["ingredients", "check", "--csv", str(src), "--column", "Ingredients",
         "--name-column", "Name", "--type-column", "Label", "--out", str(out),
         "--format", "jsonl"],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["row"] for r in rows] == [1, 2, 3]
    assert rows[0]["name"] == "Rich Eye Balm" and rows[0]["summary"]["milia_risk"] == "high"
    assert rows[1]["ingredients"] == []
    assert "unknown_product_type" in [i["code"] for i in rows[2]["issues"]]


def test_csv_unknown_column_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "p.csv"
    src.write_text("Name,Ingredients\nA,Water\n", encoding="utf-8")
    code, _, err = run(
        ["ingredients", "check", "--csv", str(src), "--column", "Ingrediens"], capsys
    )
    assert code == 2 and "Ingredients" in err


def test_check_text_says_how_each_name_was_read(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Aqua, dimethicon, pogostemon cablin oil, mimosa terniflora extract, Cetearyl Alcohol"
    code, out, _ = run(["ingredients", "check", text, "--format", "text"], capsys)
    flat = " ".join(out.split())
    assert code == 0
    assert "fuzzy 95.2, accepted: DIMETHICONE" in flat
    assert "POGOSTEMON CABLIN LEAF OIL (completed from a shortened name)" in flat
    assert "partial guess at a cut-off name" in flat
    # a weight-0 flag is a note, never shown as a benefit or a risk
    assert "note / fatty_alcohol" in flat and "benefit / fatty_alcohol" not in flat


def test_a_file_name_as_text_says_how_to_read_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("label.txt").write_text("Water, Petrolatum\n", encoding="utf-8")
    Path("shop.csv").write_text("Name,Ingredients\nA,Water\n", encoding="utf-8")
    code, out, err = run(["ingredients", "check", "label.txt"], capsys)
    assert code == 2 and out == "" and "is a file name" in err
    assert "milia ingredients check - < label.txt" in err
    code, _, err = run(["ingredients", "check", "shop.csv"], capsys)
    assert code == 2 and "--csv shop.csv --column" in err
    # a one-word list that is not a file is still checked
    code, out, _ = run(["ingredients", "check", "Petrolatum"], capsys)
    assert code == 0 and "Petrolatum" in out


def test_check_text_lists_ambiguous_candidates_and_their_total(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    code, out, _ = run(["ingredients", "check", "Aqua, Rosa Damascena, Glycerin"], capsys)
    assert code == 0
    line = next(s for s in out.splitlines() if "Rosa Damascena" in s and "ambiguous" in s)
    code, raw, _ = run(
        ["ingredients", "check", "Aqua, Rosa Damascena, Glycerin", "--format", "json"], capsys
    )
    match = json.loads(raw)["ingredients"][1]["match"]
    assert match["method"] == "ambiguous" and match["candidates_total"] > 3
    assert f"{match['candidates_total']} CosIng names fit" in line
    assert ", ".join(match["candidates"][:3]) + ", ..." in line
    assert match["candidates"][3] not in line and "none picked" in line


def test_check_text_attaches_flags_by_position(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the same name twice: each entry shows its own flag (its own weight), once
    monkeypatch.setenv("COLUMNS", "400")
    text = "Aqua, Petrolatum, Glycerin, Petrolatum"
    code, out, _ = run(["ingredients", "check", text], capsys)
    assert code == 0
    _, raw, _ = run(["ingredients", "check", text, "--format", "json"], capsys)
    weights = {f["position"]: f["weight"] for f in json.loads(raw)["flags"]}
    assert set(weights) == {2, 4} and weights[2] != weights[4]
    lines = out.splitlines()
    flag_lines = [s for s in lines if "/ occlusive (weight" in s]
    assert len(flag_lines) == 2
    second = next(i for i, s in enumerate(lines) if s.strip().startswith("2. Petrolatum"))
    fourth = next(i for i, s in enumerate(lines) if s.strip().startswith("4. Petrolatum"))
    assert f"(weight {weights[2]})" in lines[second + 1]
    assert f"(weight {weights[4]})" in lines[fourth + 1]


def test_check_text_shows_flags_raised_by_prose_after_the_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    code, out, _ = run(
        ["ingredients", "check", "formulated with hydrocortisone for relief. Aqua, Glycerin"],
        capsys,
    )
    assert code == 0
    after = out.split("Named in text around the list", 1)
    assert len(after) == 2 and "corticosteroid" in after[1]
