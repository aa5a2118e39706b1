"""The root command: version, help, and MiliaError mapped to exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cli_runner import run_cli
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


def test_every_command_runs_its_maths_on_one_thread_unless_the_user_said_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # OpenBLAS's default pool spun on a 2-core machine: `milia assess` on 20,000 cases
    # took ~45 % more CPU (session 14); the variables must be set before numpy loads

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "3"  # the user's own value is kept


@pytest.mark.parametrize(
    "argv", [["--help"], ["ingredients", "check", "--help"], ["batch", "photos", "--help"]]
)
def test_help_shows_no_value_beside_a_flag(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # QA F15B-08: "--leave-on --rinse-off <bool>" led a user to type "--leave-on true"
    code, out, _ = run_cli(argv, capsys)
    assert code == 0 and "<bool>" not in out
    if argv[0] == "batch":
        assert "<loop|processes|dask>" in " ".join(out.split())
