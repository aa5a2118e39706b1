"""QA F12-05: the product page and the diary never show a mostly unread list as a plain 'low'."""

from __future__ import annotations

import html as htmllib
from collections.abc import Callable

from api_helpers import csrf_of
from fastapi.testclient import TestClient

#: Four of six names are made-up words: not read whatever the synonym tables learn.
MOSTLY_UNREAD = "Wasser, Zzqöl, Xxwachs, Glycerin, Qqfett, Vvbalsam"


def test_the_product_page_says_incomplete_not_low(client: TestClient) -> None:
    token = csrf_of(client.get("/products").text)
    page = client.post("/products", data={"csrf_token": token, "text": MOSTLY_UNREAD}).text
    page = htmllib.unescape(page)
    assert "Milia risk: <strong>low (incomplete: 4 of 6 not read)</strong>" in page
    assert "risk-low" not in page
    assert "use the INCI list" in page  # the note on the list


def test_the_diary_says_incomplete_for_a_saved_mostly_unread_list(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("incomplete-risk@example.org")
    token = csrf_of(web.get("/products").text)
    saved = web.post("/products", data={"csrf_token": token, "name": "Import", "action": "save",
                                        "text": MOSTLY_UNREAD})  # fmt: skip
    assert saved.status_code == 200 and "Saved to your diary" in saved.text
    diary = " ".join(htmllib.unescape(web.get("/diary").text).split())
    assert "Import</strong>, milia risk low (incomplete: part of the list not read)" in diary
