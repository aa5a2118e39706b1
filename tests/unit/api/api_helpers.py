"""Helpers shared by the API tests (a plain module, so it imports the same everywhere)."""

from __future__ import annotations

import re

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token in a rendered page."""
    match = _CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)
