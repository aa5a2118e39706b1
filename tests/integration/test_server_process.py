"""The test helper that runs ``milia serve`` never leaves it running (QA F5-64)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import server_process
from server_process import ServerProcess

pytestmark = pytest.mark.slow


def test_a_server_that_is_not_ready_in_time_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[subprocess.Popen[Any]] = []
    real_popen = subprocess.Popen

    def popen(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        process = real_popen(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(server_process.subprocess, "Popen", popen)
    data_dir = tmp_path / "data"
    with pytest.raises(RuntimeError, match=r"did not answer /api/v1/health within 0\.01 s"):
        ServerProcess(data_dir, timeout=0.01)  # far less than a start takes
    assert len(started) == 1
    assert started[0].poll() is not None, "milia serve was left running"


def test_a_server_that_exits_says_why(tmp_path: Path) -> None:
    a_file = tmp_path / "afile"
    a_file.write_text("", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"exited with 2: .*field: data_dir"):
        ServerProcess(a_file, timeout=60)
