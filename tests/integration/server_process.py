"""Run ``milia serve`` in a subprocess on a free loopback port (for crash, browser and bench use)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: Seconds to wait for /api/v1/health: each worker loads the model first, which takes
#: minutes on a loaded 2-core CI box (QA F5-64: 60 s was too tight).
READY_TIMEOUT = float(os.environ.get("MILIA_TEST_SERVER_TIMEOUT", "240"))


def server_env(data_dir: Path) -> dict[str, str]:
    """The environment of a test server: this one without MILIA_*, plus its own data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MILIA_")}
    env.update(
        MILIA_DATA_DIR=str(data_dir),
        MILIA_ENVIRONMENT="test",
        MILIA_SECRET_KEY="crash-test-secret-" + "s" * 32,
    )
    return env


class ServerProcess:
    """``python -m milia serve`` with its own data folder (and database URL, if given).

    If the server does not become ready, it is stopped before the error is raised:
    the caller has no object to stop yet (QA F5-64: it kept running after pytest).
    """

    def __init__(
        self, data_dir: Path, *, database_url: str | None = None, timeout: float | None = None
    ) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = server_env(data_dir)
        if database_url:
            env["MILIA_DATABASE_URL"] = database_url
        self.log = (data_dir.parent / f"server-{self.port}.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "milia", "serve", "--port", str(self.port)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_ready(READY_TIMEOUT if timeout is None else timeout)
        except BaseException:  # not ready, or interrupted: never leave it running
            self.stop()
            raise

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"milia serve exited with {self.process.returncode}: {self._log_tail()}"
                )
            try:
                if httpx.get(f"{self.base_url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(
            f"milia serve did not answer /api/v1/health within {timeout:g} s "
            f"(MILIA_TEST_SERVER_TIMEOUT); its log: {self._log_tail()}"
        )

    def _log_tail(self, size: int = 600) -> str:
        self.log.flush()
        try:
            text = Path(self.log.name).read_bytes()[-size:].decode("utf-8", "replace")
        except OSError:
            return "(no log)"
        return text.strip() or "(empty)"

    def kill(self, sig: int) -> None:
        self.process.send_signal(sig)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """End the server (its workers die with it) and close the log; safe to call twice."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self.log.closed:
            self.log.close()
