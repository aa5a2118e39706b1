"""The root command: version, help, and MiliaError mapped to exit status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from milia import __version__
from milia.cli.main import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"milia {__version__}"


def test_help_is_instant_and_lists_every_concern() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "milia", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("assess", "interview", "kb", "ingredients", "photo", "serve", "batch"):
        assert command in out


def test_milia_error_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["kb", "show", "milai"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "milia" in err
