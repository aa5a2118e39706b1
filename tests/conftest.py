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


_SERIAL_FOLDERS = ("integration", "browser")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Group tests for ``pytest -n 2 --dist loadgroup`` (the README's test command).

    Each test file is one group (as ``--dist loadfile``: a module's fixtures are
    built once), except the integration and browser tests, which form one group
    and so run one after another on one worker: they start servers, kill
    processes and time them, and two of them at once on a 2-core machine would
    measure each other. Without ``-n`` the marks change nothing.
    """
    del config
    tests_root = Path(__file__).resolve().parent
    for item in items:
        try:
            relative = item.path.resolve().relative_to(tests_root)
        except ValueError:
            continue
        group = "serial" if relative.parts[0] in _SERIAL_FOLDERS else relative.as_posix()
        item.add_marker(pytest.mark.xdist_group(group))
