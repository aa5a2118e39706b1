"""Fixtures for the imaging tests."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def gradient() -> np.ndarray:
    """An 80 x 120 RGB image whose top-left and bottom-right differ (orientation checks)."""
    rgb = np.zeros((80, 120, 3), np.uint8)
    rgb[:40, :60] = (250, 20, 20)
    rgb[40:, 60:] = (20, 20, 250)
    rgb[:40, 60:] = (20, 250, 20)
    rgb[40:, :60] = (240, 240, 240)
    return rgb
