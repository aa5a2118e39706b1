"""The diary timeline does not show an unreliable photo count as a count (QA F11-12).

A photo whose analysis says ``counts_reliable: false`` (here: no face, so the skin's
size was guessed) read "Photo: 0 milia-like" on the diary, though its page said in
bold that it is not a reliable count.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from api_helpers import csrf_of, synthetic_jpeg
from fastapi.testclient import TestClient

from milia.imaging.synth import make_photo


def _save(web: TestClient, token: str, jpeg: bytes) -> str:
    page = web.post("/photo", data={"csrf_token": token},
                    files={"file": ("p.jpg", jpeg, "image/jpeg")})  # fmt: skip
    assert page.status_code == 200
    found = re.search(r'action="/photo/(\d+)/save"', page.text)
    assert found, "no save form"
    saved = web.post(f"/photo/{found.group(1)}/save", data={"csrf_token": token},
                     follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    return page.text


def test_the_timeline_says_an_unreliable_count_is_not_one(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("faceless@example.org")
    token = csrf_of(web.get("/photo").text)
    page = _save(web, token, synthetic_jpeg())
    assert 'id="count-unreliable"' in page  # the photo page's own verdict
    diary = web.get("/diary").text
    line = diary.split("Photo: ", 1)[1].split("<a", 1)[0]
    assert "not a reliable count" in line
    assert "milia-like" not in line


def test_a_reliable_count_is_still_shown(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("face@example.org")
    token = csrf_of(web.get("/photo").text)
    face = make_photo("astronaut", ita_group="tan", n_distractors=0, seed=3).jpeg
    page = _save(web, token, face)
    assert 'id="count-unreliable"' not in page
    counted = re.search(r'id="count-milia">(\d+)<', page)
    assert counted
    diary = web.get("/diary").text
    assert f"Photo: {counted.group(1)} milia-like" in diary
    assert "not a reliable count" not in diary
