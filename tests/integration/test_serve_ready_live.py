"""A real ``milia serve`` prints its address only when it accepts connections (QA F6-18)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from server_process import READY_TIMEOUT, free_port, server_env

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("workers", [1, 2])
def test_the_address_is_printed_when_the_server_answers(tmp_path: Path, workers: int) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "milia", "serve", "--port", str(port), "--workers", str(workers)],
        env=server_env(tmp_path / "data"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break  # the server exited
            lines.append(line.rstrip("\n"))
            if "in your browser" in line:
                break
        assert lines and "in your browser" in lines[-1], lines
        address = f"http://127.0.0.1:{port}/"
        assert lines[-1].startswith(f"Open {address} "), lines
        # one try, no retry: the printed address must already accept connections
        response = httpx.get(f"{address}api/v1/health", timeout=30)
        assert response.status_code == 200
        started = [i for i, line in enumerate(lines) if line.startswith("Starting ")]
        assert started and started[0] < len(lines) - 1, lines
        assert f"Starting {workers} worker process" in lines[started[0]]
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
