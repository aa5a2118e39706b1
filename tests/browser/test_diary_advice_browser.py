"""In the browser: the diary's note beside a home-extraction treatment and the home page's
sourced course of milia (QA F9-05, F9-04), on a phone-sized screen."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "correct horse 1"


def test_diary_note_and_home_page_sources(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(base_url + "/")
    course = page.locator("#milia-course")
    assert course.is_visible() and "tend to persist" in course.inner_text()
    assert course.locator(".sources a").count() >= 3

    page.goto(f"{base_url}/signup")
    page.get_by_label("E-mail").fill("needle@example.org")
    page.get_by_label("Password (at least 8 characters)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(f"{base_url}/diary")
    for what, day in (("Tretinoin 0.025% cream nightly", "2026-11-10"),
                      ("I popped them with a sewing needle", "2026-11-20")):  # fmt: skip
        page.get_by_label("What").fill(what)
        page.get_by_label("From").fill(day)
        page.get_by_role("button", name="Add treatment").click()
        page.wait_for_url(f"{base_url}/diary*")
    notes = page.locator(".diary-advice")
    assert notes.count() == 1
    assert notes.first.is_visible()
    assert "Do not squeeze" in notes.first.inner_text()
    assert notes.first.locator(".sources a").count() >= 2
    item = page.locator("li.tl-treatment", has=notes.first)
    assert "sewing needle" in item.inner_text()
    assert page.evaluate("document.getElementById('diary-plot').naturalWidth") > 100
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"the diary is {width} px wide on a 390 px phone"
    assert errors == []
    context.close()
