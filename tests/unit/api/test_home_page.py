"""The start page's facts about milia come from the knowledge base, with sources (QA F9-04)."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

import milia
from milia.api.citations import citations


def _paragraph(page: str, anchor: str) -> str:
    found = re.search(rf'<p id="{anchor}">(.*?)</p>', page, re.S)
    assert found, anchor
    return html.unescape(found.group(1))


def test_home_page_states_the_course_with_its_sources(client: TestClient) -> None:
    page = client.get("/").text
    assert "usually go away on their own" not in page
    kb = milia.load_knowledge()
    course = kb.conditions["milia"].course
    said = _paragraph(page, "milia-course")
    assert course.text in said and "tend to persist" in said
    shown = [str(c["short"]) for c in citations(course.sources)]
    assert shown and all(html.unescape(s) in said for s in shown)
    for anchor, fact in (
        ("no-squeezing", kb.treatments["caution_no_home_extraction"].summary),
        ("babies", kb.treatments["tx_wait_babies"].summary),
    ):
        said = _paragraph(page, anchor)
        assert fact.text in said and "Sources:" in said
    assert "Sources:" in _paragraph(page, "about-milia")
