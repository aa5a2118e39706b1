from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect

from health_stub import MILIA_HEALTH, free_port, health_server
from milia.api.app import SUPERVISOR_ENV
from milia.cli.main import main
from milia.cli.serve import default_workers


def test_serve_creates_data_dir_migrates_and_prints_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    data_dir = tmp_path / "fresh" / "data"
    monkeypatch.setenv("MILIA_DATA_DIR", str(data_dir))
    port = free_port()
    with pytest.raises(SystemExit) as info:
        main(["serve", "--port", str(port), "--workers", "1"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "Starting 1 worker process (loading the model" in out
    assert "in your browser" not in out  # the server never answered (QA F6-18)
    assert calls and calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == port
    engine = create_engine(f"sqlite:///{data_dir / 'milia.sqlite3'}")
    assert "diary_entries" in inspect(engine).get_table_names()
    engine.dispose()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_prints_the_address_once_the_server_answers(
    workers: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """QA F6-18: "Open http://..." came ~23 s before the workers accepted connections."""
    import threading
    import time

    import uvicorn

    import milia.cli.serve_ready as serve_ready

    announcers: list[serve_ready.ReadyAnnouncer] = []

    class Recorded(serve_ready.ReadyAnnouncer):
        def start(self) -> serve_ready.ReadyAnnouncer:
            announcers.append(self)
            return super().start()

    seen: dict[str, Any] = {}

    def run(target: Any, **kw: Any) -> None:  # uvicorn: slow to start, then serves
        time.sleep(0.5)
        seen["before"] = capsys.readouterr().out
        with health_server(kw["port"], MILIA_HEALTH) as answered:
            assert announcers[0].announced.wait(10)
            seen["answered"] = list(answered)

    monkeypatch.setattr(serve_ready, "ReadyAnnouncer", Recorded)
    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setenv("MILIA_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.delenv(SUPERVISOR_ENV, raising=False)
    port = free_port()
    with pytest.raises(SystemExit) as info:
        main(["serve", "--port", str(port), "--workers", workers])
    assert info.value.code == 0
    assert "Starting" in seen["before"] and "in your browser" not in seen["before"]
    assert seen["answered"]
    after = capsys.readouterr().out
    assert after.count(f"Open http://127.0.0.1:{port}/ in your browser") == 1
    assert not any(t.is_alive() for t in threading.enumerate() if t.name == "milia-ready")


def test_serve_on_a_port_already_served_does_not_claim_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another milia already on the port: uvicorn will fail to bind; no address printed."""
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.setenv("MILIA_DATA_DIR", str(tmp_path / "d"))
    port = free_port()
    with health_server(port, MILIA_HEALTH), pytest.raises(SystemExit):
        main(["serve", "--port", str(port), "--workers", "1"])
    out = capsys.readouterr().out
    assert "Starting" not in out and "in your browser" not in out


def test_serve_refuses_the_default_secret_in_production(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not start"))
    monkeypatch.setenv("MILIA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MILIA_ENVIRONMENT", "production")
    monkeypatch.delenv("MILIA_SECRET_KEY", raising=False)
    with pytest.raises(SystemExit) as info:
        main(["serve"])
    assert info.value.code == 2
    assert "MILIA_SECRET_KEY" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("env", "field", "words"),
    [({"MILIA_ENVIRONMENT": "staging"}, "environment",
      ["MILIA_ENVIRONMENT", "'staging'", "'production'"]),
     ({"MILIA_MAX_UPLOAD_BYTES": "abc"}, "max_upload_bytes",
      ["MILIA_MAX_UPLOAD_BYTES", "integer", "'abc'"]),
     ({"MILIA_PORT": "0", "MILIA_TOKEN_TTL_MINUTES": "-1"}, "port",
      ["MILIA_PORT", "MILIA_TOKEN_TTL_MINUTES"]),
     ({"MILIA_SESSION_COOKIE_SECURE": "maybe"}, "session_cookie_secure", ["boolean"])],
)  # fmt: skip
def test_serve_names_an_invalid_setting_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    env: dict[str, str], field: str, words: list[str],
) -> None:  # fmt: skip
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not start"))
    monkeypatch.setenv("MILIA_DATA_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as info:
        main(["serve"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error (field: {field}): ") and err.count("\n") == 1, err
    assert all(word in err for word in words), err
    assert "Traceback" not in err and "pydantic" not in err


def test_invalid_settings_are_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from milia.config import Settings
    from milia.errors import ConfigError

    monkeypatch.setenv("MILIA_PORT", "eighty")
    with pytest.raises(ConfigError) as info:
        Settings()
    assert info.value.field == "port"
    with pytest.raises(ConfigError) as info:
        Settings(port=80, token_ttl_minutes=0)
    assert info.value.field == "token_ttl_minutes"


def test_serve_with_workers_uses_the_factory_after_one_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from milia.api.app import app_from_environment

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append((target, kw)))
    monkeypatch.setenv("MILIA_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.delenv(SUPERVISOR_ENV, raising=False)  # serve sets it; restored afterwards
    with pytest.raises(SystemExit):
        main(["serve", "--workers", "3", "--port", "8124"])
    target, options = calls[0]
    assert target == "milia.api.app:app_from_environment"
    assert options["factory"] is True and options["workers"] == 3
    import os

    assert os.environ[SUPERVISOR_ENV] == str(os.getpid())  # the workers' parent
    app = app_from_environment()  # what each worker builds: no migration, same data folder
    assert app.state.milia.settings.data_dir == tmp_path / "d"
    app.state.milia.engine.dispose()


def test_serve_defaults_to_one_worker_per_cpu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append(kw))
    monkeypatch.setenv("MILIA_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.delenv(SUPERVISOR_ENV, raising=False)
    with pytest.raises(SystemExit):
        main(["serve", "--port", "8125"])
    expected = max(1, min(8, len(os.sched_getaffinity(0))))
    assert default_workers() == expected
    assert calls[0].get("workers", 1) == expected


def test_a_worker_dies_with_its_supervisor(tmp_path: Path) -> None:
    """SIGKILL the parent of a worker-like child: the child must not outlive it."""
    import os
    import subprocess
    import sys
    import time

    child_code = (
        "import os, sys, time\n"
        f"os.environ[{SUPERVISOR_ENV!r}] = str(os.getppid())\n"
        "from milia.api.app import _die_with_supervisor\n"
        "_die_with_supervisor()\n"
        "print(os.getpid(), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent_code = (
        "import subprocess, sys, time\n"
        f"child = subprocess.Popen([sys.executable, '-c', {child_code!r}], stdout=sys.stdout)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE)
    assert parent.stdout is not None
    child_pid = int(parent.stdout.readline())
    os.kill(child_pid, 0)  # alive while its parent is
    parent.kill()
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(child_pid, 9)
        pytest.fail("the worker outlived its supervisor")


def test_maths_libraries_default_to_one_thread_but_keep_a_users_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from milia.cli.serve import single_threaded_maths

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    monkeypatch.delenv("MKL_NUM_THREADS", raising=False)
    single_threaded_maths()
    import os

    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["MKL_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "3"


def _unusable_data_dirs(tmp: Path) -> dict[str, tuple[Path, str]]:
    a_file = tmp / "afile"
    a_file.write_text("", encoding="utf-8")
    return {
        "a file": (a_file, "is a file, not a folder"),
        "under a file": (a_file / "sub", "cannot create MILIA_DATA_DIR"),
        "under /proc": (Path("/proc/milia-nope"), "cannot create MILIA_DATA_DIR"),
    }


@pytest.mark.parametrize("case", ["a file", "under a file", "under /proc"])
def test_serve_with_an_unusable_data_dir_says_so_in_one_line(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """QA F5-62: chained tracebacks (FileNotFoundError, FileExistsError) and exit 1."""
    import uvicorn

    path, words = _unusable_data_dirs(tmp_path)[case]
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not start"))
    monkeypatch.setenv("MILIA_DATA_DIR", str(path))
    with pytest.raises(SystemExit) as info:
        main(["serve", "--workers", "1"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error (field: data_dir): ") and words in err and str(path) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_data_dir_this_user_cannot_write_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from milia.config import Settings
    from milia.errors import ConfigError

    monkeypatch.setattr(os, "access", lambda path, mode: False)  # root may write anywhere
    with pytest.raises(ConfigError, match="is not writable") as info:
        Settings(data_dir=tmp_path).prepare_data_dir()
    assert info.value.field == "data_dir"
    monkeypatch.undo()
    assert Settings(data_dir=tmp_path / "new" / "dir").prepare_data_dir().is_dir()
