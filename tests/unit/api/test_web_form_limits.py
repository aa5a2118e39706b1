"""QA F12-12 (web half): a product list over the limit gets the page with an error, not raw JSON;
the diary's region label reads 'chin and mouth'."""

from __future__ import annotations

from collections.abc import Callable

from api_helpers import csrf_of
from fastapi.testclient import TestClient


def test_a_list_over_the_limit_gets_the_page_with_an_error(client: TestClient) -> None:
    token = csrf_of(client.get("/products").text)
    answer = client.post("/products", data={"csrf_token": token, "text": "Aqua, " * 40_001})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("text/html")
    assert "<h1>Product check</h1>" in answer.text
    assert "The ingredient list is 240,006 characters long; the limit is 200,000." in answer.text
    long_name = client.post("/products", data={"csrf_token": token, "text": "Aqua",
                                                "name": "x" * 301})  # fmt: skip
    assert long_name.status_code == 422 and "The product name is over 300 characters" in (
        long_name.text
    )


def test_the_product_form_says_its_limit(client: TestClient) -> None:
    assert 'maxlength="200000"' in client.get("/products").text


def test_the_diary_region_label_is_in_words(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("regions@example.org")
    page = web.get("/diary").text
    assert '<label for="region_chin_mouth">chin and mouth</label>' in page
    assert ">chin mouth<" not in page
