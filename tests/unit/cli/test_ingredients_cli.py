"""``milia ingredients check`` text output: an unknown risk is not "low", sources by name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import milia
from cli_runner import run_cli


@pytest.mark.parametrize("text", ["hello there friend", "Zzqxv, Qwrtp"])
def test_nothing_read_is_shown_as_unknown_not_low(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list with nothing read carries risk_known false: never a green 'low' (fixer item 1)."""
    assert milia.check_ingredients(text)["summary"]["risk_known"] is False
    code, out, _ = run_cli(["ingredients", "check", text], capsys)
    assert code == 0
    head = out.splitlines()[0]
    assert head == "milia risk from this list: unknown (nothing read)"


@pytest.mark.parametrize("text", ["", "   ", " , ;\n"])
def test_an_empty_list_is_refused_as_the_api_refuses_it(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA F8-29: the API answered 422 "the ingredient list is empty", the CLI checked it
    (exit 0). The library still reads it as nothing read (a CSV's empty cell)."""
    assert milia.check_ingredients(text)["summary"]["risk_known"] is False
    code, out, err = run_cli(["ingredients", "check", text], capsys)
    assert code == 2 and out == ""
    assert "(field: text)" in err and "ingredient list is empty" in err
    assert "Traceback" not in err


def test_unknown_risk_is_not_coloured_green() -> None:
    from milia.cli.ingredients import _shown_risk

    unknown = {"milia_risk": "low", "risk_known": False}
    assert _shown_risk(unknown) == ("unknown (nothing read)", "bold")
    assert _shown_risk({"milia_risk": "low", "risk_known": True}) == ("low", "green")
    assert _shown_risk({"milia_risk": "high", "risk_known": True})[0] == "high"


def test_a_read_list_keeps_its_level(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["ingredients", "check", "Aqua, Glycerin"], capsys)
    assert code == 0 and out.splitlines()[0] == "milia risk from this list: low"


def test_flag_sources_are_cited_by_name_with_their_urls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """QA F5-60 (CLI): '[acad, lsh, dscp, kligman1996]' were internal ids."""
    kb = milia.load_knowledge()
    text = "Aqua, Petrolatum, Hydrocortisone"
    result = milia.check_ingredients(text, product_type="eye_cream")
    ids = {s for flag in result["flags"] for s in flag["sources"]}
    code, out, _ = run_cli(["ingredients", "check", text, "--type", "eye_cream"], capsys)
    assert code == 0
    flat = " ".join(out.split())
    for bracket in re.findall(r"\[([^\]]*)\]", flat):
        assert not set(re.split(r";\s*|,\s*", bracket)) & ids, bracket
    assert "Kligman 1996" in flat
    listed = out[out.index("\nsources:") :]
    for source_id in ids:
        url = kb.sources[source_id].url
        if url:
            assert url in listed, source_id


def test_an_upper_bound_percent_is_printed_as_a_bound(capsys: pytest.CaptureFixture[str]) -> None:
    """'Petrolatum <1%' carries percent null and percent_below 1.0: shown '<1.0%', not dropped."""
    text = "Aqua, Glycerin 5%, Petrolatum <1%"
    entry = milia.check_ingredients(text)["ingredients"][2]
    assert entry["percent"] is None and entry.get("percent_below") == 1.0
    code, out, _ = run_cli(["ingredients", "check", text], capsys)
    assert code == 0
    line = next(li for li in out.splitlines() if li.startswith("  3. "))
    assert line.endswith("<1.0%")
    assert next(li for li in out.splitlines() if li.startswith("  2. ")).endswith(" 5.0%")


def test_a_claim_is_named_as_printed_and_cites_its_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'claim oil_free' was the contract's key, and the claim's sources were not shown."""
    kb = milia.load_knowledge()
    claim = milia.check_ingredients("Aqua, Petrolatum", name="Oil-Free Gel")["claims"][0]
    code, out, _ = run_cli(["ingredients", "check", "Aqua, Petrolatum", "--name", "Oil-Free Gel"],
                           capsys)  # fmt: skip
    assert code == 0
    flat = " ".join(out.split())
    assert "claim oil-free: inconsistent with the list." in flat and "oil_free" not in flat
    listed = out[out.index("\nsources:") :]
    for source_id in claim["sources"]:
        short = " ".join(next(c for c in citations_of([source_id]))["short"].split())
        assert short in flat
        if kb.sources[source_id].url:
            assert kb.sources[source_id].url in listed


def citations_of(ids: list[str]) -> list[dict[str, str]]:
    from milia.api.citations import citations

    return citations(ids)


def test_a_csv_batch_with_format_text_asked_for_is_refused_not_written_as_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA F14-08: --format text with --csv silently wrote JSONL
    table = tmp_path / "p.csv"
    table.write_text('Name,Ingredients\nA,"Aqua, Petrolatum"\n', encoding="utf-8")
    args = ["ingredients", "check", "--csv", str(table), "--column", "Ingredients"]
    code, out, err = run_cli([*args, "--format", "text"], capsys)
    assert code == 2 and "field: format" in err and "jsonl" in err and out == ""
    code, out, _ = run_cli(args, capsys)  # no --format: a batch writes its JSONL
    assert code == 0 and json.loads(out.splitlines()[0])["row"] == 1
