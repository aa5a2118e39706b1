"""Integration fixtures: PostgreSQL when ``MILIA_TEST_POSTGRES_URL`` is set, each test in its
own schema (dropped afterwards); otherwise those tests skip, saying why."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text


def skip_or_fail(reason: str) -> None:
    """As ``tests/conftest.skip_or_fail``: skip, or fail in CI (``MILIA_TEST_REQUIRE_ALL=1``)."""
    if os.environ.get("MILIA_TEST_REQUIRE_ALL") == "1":
        pytest.fail(f"required in CI but unavailable: {reason}")
    pytest.skip(reason)


def _postgres_base_url() -> str:
    url = os.environ.get("MILIA_TEST_POSTGRES_URL")
    if not url:
        skip_or_fail("MILIA_TEST_POSTGRES_URL is not set (PostgreSQL tests need a server)")
    assert url is not None
    return url


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema (search_path); dropped after."""
    base = _postgres_base_url()
    schema = f"milia_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # server down or unreachable
        admin.dispose()
        skip_or_fail(f"PostgreSQL at MILIA_TEST_POSTGRES_URL is not reachable: {exc}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()
