"""`milia serve` on a port in use, and a near-miss MILIA_ENVIRONMENT (QA F11-17).

A second `milia serve` got uvicorn's bare "[Errno 98] Address already in use" (exit
3); MILIA_ENVIRONMENT=prod named the allowed values with no "did you mean".
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from milia.cli.main import main
from milia.cli.serve_ready import check_port_free
from milia.config import Settings
from milia.errors import ConfigError


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def test_a_port_in_use_is_named_with_what_to_do(taken_port: int) -> None:
    with pytest.raises(ConfigError) as caught:
        check_port_free("127.0.0.1", taken_port)
    assert caught.value.field == "port"
    assert caught.value.message == (
        f"port {taken_port} is in use (another milia serve?); stop it or choose another "
        f"with --port {taken_port + 1}"
    )


def test_a_free_port_passes() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = int(probe.getsockname()[1])
    check_port_free("127.0.0.1", free)  # no error: nothing listens there now


def test_serve_exits_2_naming_the_port_before_touching_the_data(
    taken_port: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("MILIA_DATA_DIR", str(data))
    monkeypatch.setenv("MILIA_HOST", "127.0.0.1")
    with pytest.raises(SystemExit) as ended:
        main(["serve", "--port", str(taken_port), "--workers", "1"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error (field: port): ")
    assert f"port {taken_port} is in use" in err and f"--port {taken_port + 1}" in err
    assert "Errno" not in err
    assert not data.exists()  # refused before the data folder and the migrations


@pytest.mark.parametrize(
    ("given", "meant"),
    [("prod", "production"), ("dev", "development"), ("testing", "test"), ("Productoin", "production")],
)  # fmt: skip
def test_a_near_miss_environment_gets_did_you_mean(
    monkeypatch: pytest.MonkeyPatch, given: str, meant: str
) -> None:
    monkeypatch.setenv("MILIA_ENVIRONMENT", given)
    with pytest.raises(ConfigError) as caught:
        Settings()
    assert caught.value.field == "environment"
    assert caught.value.suggestion == meant
    assert str(caught.value).endswith(f"Did you mean {meant!r}?")


def test_an_environment_far_from_every_value_gets_no_guess(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MILIA_ENVIRONMENT", "staging")
    with pytest.raises(ConfigError) as caught:
        Settings()
    assert caught.value.suggestion is None
