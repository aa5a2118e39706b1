"""--max-pixels is declared once (milia.cli.photo_options) for every command that reads photos."""

from __future__ import annotations

import os
from typing import Any

import pytest
import typer

from milia.cli.main import app
from milia.cli.photo_options import pixel_limit


def _option(path: list[str]) -> Any:
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    found = [p for p in command.params if "--max-pixels" in getattr(p, "opts", ())]
    assert len(found) == 1
    return found[0]


def test_photo_analyze_and_batch_photos_share_one_max_pixels_option() -> None:
    single, batch = _option(["photo", "analyze"]), _option(["batch", "photos"])
    assert single.help == batch.help
    assert "MILIA_MAX_IMAGE_PIXELS" in str(single.help)
    assert single.opts == batch.opts == ["--max-pixels"]


def test_pixel_limit_takes_the_option_then_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MILIA_MAX_IMAGE_PIXELS", "1234")
    assert pixel_limit(99) == 99
    assert pixel_limit(None) == 1234


def test_pixel_limit_unset_is_the_settings_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from milia.config import Settings

    for name in [n for n in os.environ if n.upper() == "MILIA_MAX_IMAGE_PIXELS"]:
        monkeypatch.delenv(name)
    assert pixel_limit(None) == Settings().max_image_pixels
    monkeypatch.setenv("milia_max_image_pixels", "4321")  # read in any case, as Settings does
    assert pixel_limit(None) == Settings().max_image_pixels == 4321
