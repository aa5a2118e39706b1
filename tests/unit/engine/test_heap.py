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


@pytest.mark.skipif(not GLIBC, reason="glibc's allocator only")
def test_a_chunk_sized_array_reuses_the_heap() -> None:
    """After keep_freed_memory a 4 MB block freed and taken again costs no page faults
    (mapped afresh, each of its 1,024 pages would fault on first touch)."""
    code = textwrap.dedent(
        """
        import resource
        import numpy as np
        import milia.engine.heap as heap
        assert heap.keep_freed_memory()
        def faults():
            return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        np.ones(1 << 19).sum()  # 4 MB: taken, touched, freed
        before = faults()
        for _ in range(5):
            np.ones(1 << 19).sum()
        print(faults() - before)
        """
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(run.stdout) < 200  # 5 fresh mappings would be over 5,000
