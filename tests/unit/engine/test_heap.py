"""keep_freed_memory: set once per process by the batch entry points, on glibc only."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

import milia.engine.heap as heap

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


def test_set_once_and_the_same_answer_after() -> None:
    first = heap.keep_freed_memory()
    assert first is GLIBC
    assert heap.keep_freed_memory() is first


@pytest.mark.parametrize(
    "call",
    [
        'from milia.engine.jsontext import assess_lines; assess_lines([(1, \'{"color": "white"}\')])',
        "from milia.engine.batch import assess_batch; assess_batch([{'color': 'white'}])",
    ],
)
def test_batch_entry_points_set_it(call: str) -> None:
    code = textwrap.dedent(
        f"""
        import milia.engine.heap as heap
        assert "kept" not in heap._state
        {call}
        print(heap._state["kept"])
        """
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == str(GLIBC)


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap.sys, "platform", "darwin")
    assert heap._set_trim_threshold(heap.KEPT_BYTES) is False
