"""docs/examples/photo_overlay.py runs as documented and writes a clean overlay PNG."""

from __future__ import annotations

import ast
import runpy
import sys
from pathlib import Path

import pytest
from imaging_helpers import has_metadata
from PIL import Image

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "photo_overlay.py"


@pytest.mark.slow
def test_overlay_example_writes_the_png_and_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "astronaut_overlay.png"
    monkeypatch.setattr(sys, "argv", [str(EXAMPLE), str(out)])
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    printed = capsys.readouterr().out
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert not has_metadata(data)
    with Image.open(out) as img:
        assert img.mode == "RGB" and min(img.size) > 0
    assert "counts: {'milia_like': " in printed
    assert f"overlay written to {out}" in printed
    # The example scores its own ground truth: milia-like and inflamed lines with an F1
    # (0.91 and 1.0 at photo-1.8; a floor well below, so that only a broken example fails).
    scores = {
        line.split(":", 1)[0]: ast.literal_eval(line.split(":", 1)[1].strip())
        for line in printed.splitlines()
        if "'f1'" in line
    }
    assert set(scores) == {"milia_like", "inflamed"}
    assert scores["milia_like"]["f1"] >= 0.6 and scores["inflamed"]["f1"] >= 0.6
