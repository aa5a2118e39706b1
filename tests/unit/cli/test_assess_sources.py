"""``milia assess --format text`` cites sources by name and lists where to read them (QA F5-60)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import milia
from cli_runner import run_cli


def test_text_output_cites_sources_by_name_never_by_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The newborn case printed '[medscape_pediatric_milia, skym, bhk, med8, statpearls_milia]'."""
    kb = milia.load_knowledge()
    case = {"age_days": 5, "color": "white", "sites": ["nose"]}
    path = tmp_path / "newborn.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    code, out, _ = run_cli(["assess", str(path), "--format", "text"], capsys)
    assert code == 0
    body, sources = out.split("\nSources:\n", 1)
    brackets = re.findall(r"\[([^\]]*)\]", body)
    assert brackets
    for bracket in brackets:
        names = bracket.split("; ")
        assert not set(names) & set(kb.sources), bracket
    assert "Nguyen & Funk 2016" in body and "Bright Healthy Kids" in body
    result = milia.assess(case)
    cited = {s for item in result["advice"] for s in item["sources"]}
    for source_id in cited:  # each cited source once at the end, with its URL
        src = kb.sources[source_id]
        if src.url:
            assert sources.count(src.url) == 1, source_id
    assert "  Nguyen & Funk 2016: Pediatric Milia" in sources
