from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from api_helpers import csrf_of
from fastapi import FastAPI
from fastapi.testclient import TestClient

PAGES = ["/", "/signin", "/signup", "/interview", "/products", "/learn"]


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_have_disclaimer_viewport_and_no_cdn(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200, page.text[:500]
    html = page.text
    assert 'name="viewport"' in html
    assert "does not diagnose" in html
    assert "http://" not in html.split("<main", 1)[0]  # no external scripts or styles in <head>
    assert "https://" not in html.split("<main", 1)[0]
    assert page.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", ["/diary", "/photo", "/account", "/diary/plot.png"])
def test_private_pages_send_strangers_to_sign_in(client: TestClient, path: str) -> None:
    page = client.get(path, follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"].startswith("/signin?next=")


def test_forms_without_csrf_token_are_refused(client: TestClient) -> None:
    client.get("/signup")
    answer = client.post("/signup", data={"email": "x@example.org", "password": "long enough"},
                         headers={"Accept": "text/html"})  # fmt: skip
    assert answer.status_code == 403
    forged = client.post(
        "/signup",
        data={"email": "x@example.org", "password": "long enough", "csrf_token": "forged"},
    )
    assert forged.status_code == 403


def test_sign_in_follows_only_local_next(
    client: TestClient, page_signup: Callable[[str], TestClient]
) -> None:
    page_signup("carol@example.org")
    token = csrf_of(client.get("/signin").text)
    for target, expected in (("/learn", "/learn"), ("https://evil.example", "/diary"),
                             ("//evil.example", "/diary")):  # fmt: skip
        answer = client.post(
            "/signin",
            data={"email": "carol@example.org", "password": "correct horse 1",
                  "csrf_token": token, "next": target},
            follow_redirects=False,
        )  # fmt: skip
        assert answer.headers["location"] == expected
        token = csrf_of(client.get("/signin").text)


def test_wrong_password_page_says_so(
    client: TestClient, page_signup: Callable[[str], TestClient]
) -> None:
    page_signup("dan@example.org")
    token = csrf_of(client.get("/signin").text)
    answer = client.post("/signin", data={"email": "dan@example.org", "password": "nope nope",
                                          "csrf_token": token})  # fmt: skip
    assert answer.status_code == 401
    assert "Wrong e-mail or password" in answer.text


def test_diary_pages_round_trip(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("erin@example.org")
    token = csrf_of(web.get("/diary").text)
    for day, total, eyelids in (("2026-09-01", 12, 8), ("2026-10-01", 7, 4)):
        added = web.post("/diary/entries", data={"csrf_token": token, "date": day,
                         "count": str(total), "region_eyelids": str(eyelids)},
                         follow_redirects=False)  # fmt: skip
        assert added.status_code == 303
    treat = web.post("/diary/treatments", data={"csrf_token": token, "what": "adapalene",
                     "started": "2026-09-05", "ended": ""}, follow_redirects=False)  # fmt: skip
    assert treat.status_code == 303
    page = web.get("/diary").text
    assert "adapalene" in page and "eyelids 8" in page
    plot = web.get("/diary/plot.png")
    assert plot.status_code == 200 and plot.content[:8] == b"\x89PNG\r\n\x1a\n"
    csv_text = web.get("/diary/export.csv").text
    assert "2026-09-01" in csv_text and "2026-10-01" in csv_text
    fhir = web.get("/diary/export.fhir.json").json()
    assert fhir["resourceType"] == "Bundle"


def test_bad_diary_form_shows_the_error(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("finn@example.org")
    token = csrf_of(web.get("/diary").text)
    answer = web.post("/diary/entries", data={"csrf_token": token, "date": "2026-09-01",
                      "count": "2", "region_nose": "5"})  # fmt: skip
    assert answer.status_code == 422
    assert "more than the total" in answer.text


def test_second_user_sees_none_of_the_first_users_diary(
    page_signup: Callable[[str], TestClient],
) -> None:
    first = page_signup("gina@example.org")
    token = csrf_of(first.get("/diary").text)
    first.post("/diary/entries", data={"csrf_token": token, "date": "2026-09-01", "count": "5",
               "notes": "gina-secret-note"})  # fmt: skip
    second = page_signup("hugo@example.org")
    page = second.get("/diary").text
    assert "gina-secret-note" not in page
    assert "gina-secret-note" not in second.get("/diary/export.csv").text


def test_delete_account_page_needs_the_email_typed(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("ivy@example.org")
    token = csrf_of(web.get("/account").text)
    wrong = web.post("/account/delete", data={"csrf_token": token, "confirm": "x@example.org"})
    assert wrong.status_code == 422
    done = web.post("/account/delete", data={"csrf_token": token, "confirm": "ivy@example.org"},
                    follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    assert web.get("/diary", follow_redirects=False).status_code == 303


def test_learn_shows_conditions_beside_their_sources(client: TestClient) -> None:
    import milia

    kb = milia.load_knowledge()
    html = client.get("/learn").text
    conditions = list(kb.conditions.values())
    assert conditions, "the knowledge base has no conditions"
    for condition in conditions:
        assert f'id="cond-{condition.id}"' in html
    for source_id in kb.sources:
        assert f'id="src-{source_id}"' in html
    assert 'href="/learn#src-' in html


def test_page_upload_over_the_limit_is_413_html(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("max@example.org")
    token = csrf_of(web.get("/photo").text)
    answer = web.post("/photo", data={"csrf_token": token}, headers={"Accept": "text/html"},
                      files={"file": ("big.jpg", b"\xff" * 2_100_000, "image/jpeg")})  # fmt: skip
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert "larger than the limit" in answer.text
    assert "does not diagnose" in answer.text


def test_learn_shows_every_claim_with_its_verdict_and_sources(client: TestClient) -> None:
    import milia

    kb = milia.load_knowledge()
    html = client.get("/learn").text
    for claim in kb.claims.values():
        start = html.index(f'id="claim-{claim.id}"')
        item = html[start : html.index("</article>", start)]
        assert claim.verdict.replace("_", " ") in item
        for source in claim.sources:
            assert f'href="/learn#src-{source}"' in item


def test_learn_shows_each_claim_beside_the_literature_that_checks_it(client: TestClient) -> None:
    import milia

    kb = milia.load_knowledge()
    html = client.get("/learn").text
    checked = [c for c in kb.claims.values() if c.confirming_sources or c.contradicting_sources]
    assert any(c.contradicting_sources for c in checked)
    for claim in checked:
        start = html.index(f'id="claim-{claim.id}"')
        item = html[start : html.index("</article>", start)]
        for heading, ids in (("Confirmed by", claim.confirming_sources),
                             ("Contradicted or qualified by", claim.contradicting_sources)):  # fmt: skip
            assert (heading in item) == bool(ids)
            for source_id in ids:
                source = kb.sources[source_id]
                assert f'href="/learn#src-{source_id}"' in item
                href = source.url or (f"https://doi.org/{source.doi}" if source.doi else "")
                if href:  # a link to the source itself, under its readable citation
                    assert f'<a href="{href}"' in item.replace("&amp;", "&")
        if claim.literature_evidence:
            assert claim.literature_evidence.replace("_", " ") in item


def test_a_count_can_be_deleted_only_by_its_owner(page_signup: Callable[[str], TestClient]) -> None:
    owner = page_signup("nia@example.org")
    token = csrf_of(owner.get("/diary").text)
    owner.post("/diary/entries", data={"csrf_token": token, "date": "2026-09-01", "count": "5",
               "notes": "nia-note"})  # fmt: skip
    page = owner.get("/diary").text
    entry_id = int(page.split("/diary/entries/", 1)[1].split("/", 1)[0])
    stranger = page_signup("oz@example.org")
    other_token = csrf_of(stranger.get("/diary").text)
    refused = stranger.post(f"/diary/entries/{entry_id}/delete", data={"csrf_token": other_token},
                            headers={"Accept": "text/html"})  # fmt: skip
    assert refused.status_code == 404
    assert "nia-note" in owner.get("/diary").text
    done = owner.post(f"/diary/entries/{entry_id}/delete", data={"csrf_token": token},
                      follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    assert "nia-note" not in owner.get("/diary").text


def _unlabelled_controls(html: str) -> list[str]:
    from html.parser import HTMLParser

    class Controls(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: list[str] = []
            self.labelled: set[str] = set()
            self.missing: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "label" and a.get("for"):
                self.labelled.add(str(a["for"]))
            if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
                if a.get("aria-label"):
                    return
                if not a.get("id"):
                    self.missing.append(f"{tag} name={a.get('name')}")
                else:
                    self.ids.append(str(a["id"]))

    parser = Controls()
    parser.feed(html)
    return parser.missing + [i for i in parser.ids if i not in parser.labelled]


@pytest.mark.parametrize(
    "path", ["/signup", "/signin", "/interview", "/products", "/photo", "/diary", "/account"]
)
def test_every_form_control_has_a_label(
    page_signup: Callable[[str], TestClient], path: str
) -> None:
    web = page_signup(f"label-{path.strip('/')}@example.org")
    html = web.get(path).text
    assert _unlabelled_controls(html) == []


def test_learn_never_shows_a_source_by_its_bare_id(client: TestClient) -> None:
    import html as htmllib
    import re

    import milia

    kb = milia.load_knowledge()
    page = client.get("/learn").text
    for source_id in kb.sources:
        # a citation reads "<name> [id]", never "id [id]" (QA F5-8: "gard [gard]")
        assert f'>{source_id}</a> <a href="/learn#src-{source_id}"' not in page
        assert not re.search(rf"(^|>)\s*{re.escape(source_id)}\s+<a href=\"/learn#src-", page)
        item = page[page.index(f'<li id="src-{source_id}">') :]
        name = htmllib.unescape(item[len(f'<li id="src-{source_id}">') :].split("<", 1)[0])
        assert name.strip() and name.split(".", 1)[0].strip() != source_id, name


def test_an_untitled_source_is_named_by_its_authors_or_note() -> None:
    from types import SimpleNamespace

    from milia.api.citations import source_links

    bare = SimpleNamespace(id="gard", title="", authors=[], kind="case_report",
                           note="PubMed 8747580: cysts in Gardner syndrome; title not verified",
                           url="https://example.org/8747580", doi="", label=lambda: "gard")  # fmt: skip
    by_author = SimpleNamespace(id="cho", title="", authors=["Cho", "Lee"], kind="case_report",
                                note="Cited by x; title not verified", url="", doi="10.1/x",
                                label=lambda: "Cho et al. Ann Dermatol 2010")  # fmt: skip
    links = source_links([bare, by_author])
    assert (
        links["gard"]["label"]
        == links["gard"]["title"]
        == ("PubMed 8747580: cysts in Gardner syndrome (title not verified)")
    )
    assert links["cho"] == {"title": "Cho et al. (title not verified)",
                            "label": "Cho et al. Ann Dermatol 2010", "short": "Cho & Lee",
                            "href": "https://doi.org/10.1/x"}  # fmt: skip


def _cookie_payload(web: TestClient) -> dict[str, object]:
    """The readable JSON inside the signed session cookie (Starlette: base64 JSON . signature)."""
    import base64

    raw = web.cookies.get("milia_session")
    assert raw, "no session cookie"
    data = raw.split(".", 1)[0]
    payload: dict[str, object] = json.loads(base64.b64decode(data + "=" * (-len(data) % 4)))
    return payload


def test_the_session_cookie_does_not_hold_the_email(
    app: FastAPI, page_signup: Callable[[str], TestClient]
) -> None:
    web = page_signup("pia@example.org")
    payload = _cookie_payload(web)
    assert "pia@example.org" not in json.dumps(payload).lower()  # QA F5-6: was {"email": ...}
    assert set(payload) == {"uid", "e", "g", "csrf"}
    # the address is still shown to its owner, looked up on the server
    assert "pia@example.org" in web.get("/account").text
    assert 'href="/account"' in web.get("/learn").text  # a public page's signed-in header
    again = TestClient(app)
    token = csrf_of(again.get("/signin").text)
    answer = again.post("/signin", data={"email": "pia@example.org", "password": "correct horse 1",
                        "csrf_token": token}, follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303
    assert "pia@example.org" not in json.dumps(_cookie_payload(again)).lower()
    again.close()


def test_a_cookie_whose_tag_does_not_match_the_account_is_signed_out(
    app: FastAPI, page_signup: Callable[[str], TestClient]
) -> None:
    web = page_signup("quin@example.org")
    assert web.get("/diary", follow_redirects=False).status_code == 200
    from milia.storage.repository import Repository

    with app.state.milia.sessions() as db:  # the account's e-mail changes under the cookie
        user = Repository(db).user_by_email("quin@example.org")
        assert user is not None
        user.email = "quinn@example.org"
        db.commit()
    assert web.get("/diary", follow_redirects=False).status_code == 303
    assert 'href="/account"' not in web.get("/learn").text
