"""Fixtures shared by every test folder.

``../shared`` (the project's shared data, beside the repository) is optional:
tests that need it skip, saying why, when it is absent. In CI
(``MILIA_TEST_REQUIRE_ALL=1``) such a skip becomes a failure, so that a
missing service or browser cannot hide behind a green run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("MILIA_SHARED_DIR", REPO_ROOT.parent / "shared"))
TEST_DATA = Path(__file__).resolve().parent / "data"


def skip_or_fail(reason: str) -> None:
    """Skip the test with ``reason``; fail instead when CI demands every test run."""
    if os.environ.get("MILIA_TEST_REQUIRE_ALL") == "1":
        pytest.fail(f"required in CI but unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's ``../shared`` folder; skips when it is absent."""
    if not SHARED_DIR.is_dir():
        skip_or_fail(f"{SHARED_DIR} is absent (the shared data lives beside the repository)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def test_data() -> Path:
    """``tests/data``: small fixtures shipped with the repository."""
    return TEST_DATA
