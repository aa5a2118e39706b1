"""The web interview in a real browser (Debian's chromium through Playwright): the age
box takes a baby's age in days past 120 (QA F9-17), "Back" asks the last question again
with its answer shown, the answers so far are in plain words and "See the result now"
ends the interview (QA F9-16)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _question(page: Any) -> str:
    return str(page.locator("#question-text").inner_text())


def test_age_in_days_back_and_the_result_now(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    errors: list[str] = []  # a script refused by the Content-Security-Policy is one
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base_url}/interview")
    box = page.locator("#answer-age")
    assert box.get_attribute("max") == "120"  # years, set by interview.js
    page.select_option("#unit", "days")
    assert box.get_attribute("max") == "43830"
    box.fill("200")
    assert page.evaluate("document.getElementById('answer-age').checkValidity()")
    page.get_by_role("button", name="Next").click()
    assert "colour" in _question(page).lower()  # the browser let 200 days through

    page.get_by_label("White").check()
    page.get_by_role("button", name="Next").click()
    legend = _question(page)
    assert legend.startswith("Where are the bumps") and "comma" not in legend

    page.get_by_role("button", name="Back").click()  # the colour again, "white" ticked
    assert "colour" in _question(page).lower()
    assert page.get_by_label("White").is_checked()
    so_far = page.locator("#answers-so-far").inner_text()
    assert "Age: 200 days" in so_far and "[" not in so_far
    page.get_by_role("button", name="Next").click()

    page.get_by_label("Cheeks", exact=True).check()
    page.get_by_role("button", name="Next").click()
    so_far = page.locator("#answers-so-far").inner_text()
    assert "Colour: white" in so_far and "Where: cheeks" in so_far
    page.get_by_role("button", name="Change: Age").click()  # outside the form, form=
    assert page.locator("#answer-age").input_value() == "200"
    assert page.locator("#unit").input_value() == "days"
    page.locator("#answer-age").fill("300")
    page.get_by_role("button", name="Next").click()
    assert page.get_by_label("White").is_checked()  # the later answers kept
    page.get_by_role("button", name="Next").click()
    assert page.get_by_label("Cheeks", exact=True).is_checked()
    page.get_by_role("button", name="Next").click()
    assert "Age: 300 days" in page.locator("#answers-so-far").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"the interview with its answers is {width} px wide on a 390 px phone"
    page.get_by_role("button", name="See the result now").click()
    page.get_by_text("What the bumps are most consistent with").first.wait_for()
    assert errors == []
    context.close()


def test_the_server_says_an_age_too_old_in_its_unit(browser: Any, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/interview")
    page.select_option("#unit", "weeks")
    # past the box's own check (a browser without the script, or a pasted value)
    page.evaluate("document.getElementById('answer-age').removeAttribute('max')")
    page.locator("#answer-age").fill("7000")
    page.get_by_role("button", name="Next").click()
    said = page.locator("#form-error").inner_text()
    assert "7,000 weeks is more than 120 years (6,261 weeks)" in said
    assert page.locator("#unit").input_value() == "weeks"
    assert page.locator("#answer-age").input_value() == "7000"
    context.close()
