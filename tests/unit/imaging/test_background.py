"""The background thread of the photo analysis."""

from __future__ import annotations

import threading

import pytest

from milia.imaging.background import submit


def test_submit_runs_elsewhere_and_returns_the_result() -> None:
    names = submit(lambda: threading.current_thread().name).result(timeout=10)
    assert names != threading.current_thread().name
    assert submit(pow, 2, 10).result(timeout=10) == 1024


def test_an_exception_reaches_the_caller() -> None:
    def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        submit(fail).result(timeout=10)


def test_inline_runs_on_the_calling_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from milia.imaging import background

    monkeypatch.setitem(background.settings, "inline", True)
    here = threading.current_thread().name
    assert submit(lambda: threading.current_thread().name).result() == here

    def fail() -> None:
        raise KeyError("x")

    with pytest.raises(KeyError):
        submit(fail).result()


def test_a_step_submitted_from_the_background_thread_runs_there() -> None:
    # One background thread: a step it submits would wait for itself forever.
    def outer() -> tuple[str, str]:
        inner = submit(lambda: threading.current_thread().name).result(timeout=10)
        return threading.current_thread().name, inner

    outer_name, inner_name = submit(outer).result(timeout=10)
    assert outer_name == inner_name != threading.current_thread().name
