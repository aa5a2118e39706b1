"""warm_up: the engine is loaded and the garbage collector tuned for serving."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from milia.api.app import GC_YOUNG_THRESHOLD, warm_up


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_gc")
def test_warm_up_freezes_what_is_loaded_and_raises_the_young_threshold() -> None:
    gc.set_threshold(700, 10, 10)
    warm_up()
    assert gc.get_freeze_count() > 10_000  # the knowledge base and model, at least
    assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, 10, 10)


@pytest.mark.usefixtures("restored_gc")
def test_warm_up_keeps_a_higher_threshold_already_set() -> None:
    gc.set_threshold(GC_YOUNG_THRESHOLD * 3, 5, 7)
    warm_up()
    assert gc.get_threshold() == (GC_YOUNG_THRESHOLD * 3, 5, 7)
