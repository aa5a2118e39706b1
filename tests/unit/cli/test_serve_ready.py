"""``milia serve`` prints the address only once the server answers (QA F6-18)."""

from __future__ import annotations

import time

import pytest

from health_stub import MILIA_HEALTH, free_port, health_server
from milia.cli.serve_ready import ReadyAnnouncer, answers, probe_host, shown_host


class Lines:
    def __init__(self) -> None:
        self.lines: list[tuple[float, str]] = []

    def __call__(self, line: str) -> None:
        self.lines.append((time.monotonic(), line))


def test_the_message_waits_until_the_server_answers() -> None:
    port = free_port()
    echo = Lines()
    announcer = ReadyAnnouncer(f"http://127.0.0.1:{port}", "Open it", echo=echo, interval=0.02)
    announcer.start()
    try:
        time.sleep(0.3)  # nothing listens yet: connection refused, probe after probe
        assert echo.lines == [] and not announcer.announced.is_set()
        with health_server(port, MILIA_HEALTH) as answered:
            assert announcer.announced.wait(10)
        assert [line for _, line in echo.lines] == ["Open it"]
        assert echo.lines[0][0] >= answered[0]  # printed after the first answer
    finally:
        announcer.stop()


def test_another_program_on_the_port_does_not_count_as_ready() -> None:
    port = free_port()
    echo = Lines()
    announcer = ReadyAnnouncer(f"http://127.0.0.1:{port}", "Open it", echo=echo, interval=0.02)
    with health_server(port, {"status": "ok", "version": "0.0.0-other"}) as answered:
        announcer.start()
        deadline = time.monotonic() + 10
        while len(answered) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        announcer.stop()
    assert len(answered) >= 3 and echo.lines == []


def test_stopped_before_ready_prints_nothing() -> None:
    port = free_port()
    echo = Lines()
    announcer = ReadyAnnouncer(f"http://127.0.0.1:{port}", "Open it", echo=echo, interval=0.02)
    announcer.start()
    announcer.stop()
    announcer.stop()  # twice is fine
    with health_server(port, MILIA_HEALTH):
        time.sleep(0.2)
    assert echo.lines == [] and not announcer.announced.is_set()


def test_probes_ignore_an_http_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # discard port: nothing there
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    announcer = ReadyAnnouncer(f"http://127.0.0.1:{port}", "Open it", echo=Lines())
    with health_server(port, MILIA_HEALTH):
        assert announcer.ready()


@pytest.mark.parametrize(
    ("host", "shown", "probed"),
    [("0.0.0.0", "127.0.0.1", "127.0.0.1"), ("::", "127.0.0.1", "[::1]"),
     ("::1", "[::1]", "[::1]"), ("192.168.1.5", "192.168.1.5", "192.168.1.5"),
     ("localhost", "localhost", "localhost")],
)  # fmt: skip
def test_hosts_shown_and_probed(host: str, shown: str, probed: str) -> None:
    assert shown_host(host) == shown
    assert probe_host(host) == probed


def test_answers_tells_a_used_port_from_a_free_one() -> None:
    port = free_port()
    assert not answers("127.0.0.1", port)
    with health_server(port, MILIA_HEALTH):
        assert answers("127.0.0.1", port) and answers("0.0.0.0", port)
