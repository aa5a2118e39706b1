"""``milia kb list|show|validate`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run_cli

run = run_cli


def test_list_json_by_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["kb", "list", "--kind", "conditions", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["count"] == 23
    assert {r["kind"] for r in data["records"]} == {"conditions"}
    assert data["knowledge_version"].startswith("2026.")


def test_list_takes_the_kind_as_a_word_too(capsys: pytest.CaptureFixture[str]) -> None:
    # QA F13-08: `milia kb list conditions` (the natural form) was refused as an extra argument
    code, out, _ = run(["kb", "list", "conditions", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["count"] == 23
    code, out, err = run(["kb", "list", "condtions"], capsys)
    assert code == 2 and out == "" and "Did you mean 'conditions'?" in err
    code, out, err = run(["kb", "list", "conditions", "--kind", "sources"], capsys)
    assert code == 2 and "two collections given" in err and "Traceback" not in err


def test_list_text_all_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["kb", "list"], capsys)
    assert code == 0
    for header in ("conditions (23)", "types (8)", "claims (", "treatments (", "sources ("):
        assert header in out


def test_show_spells_out_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["kb", "show", "milia", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["kind"] == "conditions"
    berk = next(c for c in data["citations"] if c["id"] == "berk2008")
    assert berk["doi"] == "10.1016/j.jaad.2008.07.034"
    code, text, _ = run(["kb", "show", "vw_gardner_syndrome"], capsys)
    assert code == 0 and "[gard]" in text and "not_confirmed" in text


def test_show_unknown_id_exits_2_with_closest_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["kb", "show", "milai"], capsys)
    assert code == 2 and out == ""
    assert "Did you mean 'milia'?" in err and "Traceback" not in err


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bibliography.yaml").write_text(
        "sources:\n  - {id: rev, kind: review, evidence: review}\n", encoding="utf-8"
    )
    (tmp_path / "t.yaml").write_text(
        "rows:\n  - {id: a, text: t, sources: [rev], evidence: review}\n", encoding="utf-8"
    )
    code, out, _ = run(["kb", "validate", "--root", str(tmp_path), "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["valid"] is True
    (tmp_path / "t.yaml").write_text(
        "rows:\n  - {id: a, text: t, sources: [nope], p: 1.5}\n", encoding="utf-8"
    )
    code, out, _ = run(["kb", "validate", "--root", str(tmp_path)], capsys)
    assert code == 1
    assert "unknown_source" in out and "probability_out_of_range" in out and "INVALID" in out


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("MILIA", "milia"), ("Syringoma", "syringoma"), ("milia en plaque", "milia_en_plaque")],
)
def test_show_suggestion_ignores_case_and_spaces(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["kb", "show", typed], capsys)
    assert code == 2 and f"Did you mean {meant!r}?" in err


@pytest.mark.parametrize("typed", ["", "!!!"])
def test_show_nothing_close_has_no_suggestion(
    typed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["kb", "show", typed], capsys)
    assert code == 2 and "Did you mean" not in err and "Traceback" not in err


def test_show_text_says_booleans_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    # QA F15B-01: "at home: False", "trials found: False" were printed to users
    code, out, _ = run(["kb", "show", "tx_deroofing_extraction"], capsys)
    assert code == 0 and "at home: no" in out
    assert "True" not in out and "False" not in out
    code, out, _ = run(["kb", "show", "tx_deroofing_extraction", "--format", "json"], capsys)
    assert json.loads(out)["at_home"] is False  # JSON keeps its booleans


def test_no_source_note_shows_internal_ticket_ids_or_session_logs() -> None:
    # QA F15B-01: 41 notes printed "QA F7-19" and "Session 12: searched again ..."
    import re

    import milia

    for source_id, source in milia.load_knowledge().sources.items():
        assert not re.search(r"QA F\d|[Ss]ession \d", source.note or ""), source_id
