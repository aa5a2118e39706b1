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


def test_in_turn_runs_this_threads_steps_here_only_within_the_block() -> None:
    from milia.imaging.background import in_turn

    here = threading.current_thread().name

    def name() -> str:
        return threading.current_thread().name

    with in_turn():
        assert submit(name).result(timeout=10) == here
        with in_turn():
            assert submit(name).result(timeout=10) == here
        assert submit(name).result(timeout=10) == here  # the inner block kept the outer's
        # Another thread submitting meanwhile still hands its step to the background.
        seen: list[str] = []
        other = threading.Thread(target=lambda: seen.append(submit(name).result(timeout=10)))
        other.start()
        other.join(timeout=10)
        assert seen and seen[0] not in (here, other.name)
    assert submit(name).result(timeout=10) != here


def test_in_turn_ends_on_an_exception() -> None:
    from milia.imaging.background import in_turn

    with pytest.raises(RuntimeError), in_turn():
        raise RuntimeError("x")
    assert submit(lambda: threading.current_thread().name).result(timeout=10) != (
        threading.current_thread().name
    )


def test_the_search_measures_on_the_calling_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    # working.search measures candidates within in_turn(): measure.py's second half runs
    # on the calling thread (its halves only took turns with the GIL on two threads).
    import numpy as np

    from milia.imaging import measure, working

    threads: list[str] = []
    real = measure.measure_candidates

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(submit(lambda: threading.current_thread().name).result(timeout=10))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(working, "measure_candidates", spy)
    rng = np.random.default_rng(0)
    work = np.clip(rng.normal((200, 150, 130), 4, (120, 120, 3)), 0, 255).astype(np.uint8)
    mask = np.zeros((120, 120), bool)
    mask[10:110, 10:110] = True
    model = working.SkinModel(60.0, 12.0, 15.0, 3.0, 2.0, 2.0, 5000, 30.0)
    working.search(work, mask, model, 7.0)
    assert threads == [threading.current_thread().name]
