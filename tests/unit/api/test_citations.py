"""Sources shown by a short citation derived from the bibliography (QA F5-60)."""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient

import milia
from milia.api.citations import citation, citations, short_citation


def _src(**fields: object) -> SimpleNamespace:
    base: dict[str, object] = {"id": "x1", "title": "", "authors": (), "venue": "", "year": None,
                               "note": "", "kind": "reference"}  # fmt: skip
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"authors": ("Berk DR", "Bayliss SJ"), "venue": "J Am Acad Dermatol", "year": 2008},
         "Berk & Bayliss 2008"),
        ({"authors": ("Fulton JE Jr",), "year": 1989}, "Fulton 1989"),
        ({"authors": ("Kutlubay Z", "Tanakol A", "Engin B"), "year": 2017}, "Kutlubay et al. 2017"),
        ({"authors": ("Cho", "et al."), "year": 2010}, "Cho et al. 2010"),
        ({"authors": ("Leung AKC", "Barankin B"), "venue": "Consultant360"},
         "Leung & Barankin, Consultant360"),
        ({"venue": "DermNet NZ", "title": "Milia"}, "DermNet NZ"),
        ({"venue": "Medscape (eMedicine)", "title": "Milia"}, "Medscape"),
        ({"venue": "Indian Pediatr", "year": 2015}, "Indian Pediatr 2015"),
        ({"title": "A new site of milia en plaque: report of a case"}, "A new site of milia en plaque"),
        ({"note": "PubMed 8747580 mirror: cysts; title not verified"}, "PubMed 8747580 mirror"),
    ],
)  # fmt: skip
def test_short_citation_comes_from_the_sources_own_fields(
    fields: dict[str, object], expected: str
) -> None:
    assert short_citation(_src(**fields)) == expected


def test_no_source_of_the_bibliography_is_cited_by_its_id() -> None:
    kb = milia.load_knowledge()
    for source_id in kb.sources:
        shown = citation(source_id)
        assert shown["short"] and shown["short"] != source_id, source_id
        src = kb.sources[source_id]
        assert shown["href"] == (src.url or (f"https://doi.org/{src.doi}" if src.doi else ""))


def test_two_sources_with_one_short_citation_are_told_apart_by_title() -> None:
    kb = milia.load_knowledge()
    by_short: dict[str, list[str]] = {}
    for source_id in kb.sources:
        if kb.sources[source_id].title:
            by_short.setdefault(citation(source_id)["short"], []).append(source_id)
    pairs = [ids for ids in by_short.values() if len(ids) > 1]
    assert pairs, "the bibliography has sources sharing a venue (ObGynKey, Skyscape)"
    for ids in pairs:
        shown = [c["short"] for c in citations(ids)]
        assert len(set(shown)) == len(shown), shown


def _result_page(client: TestClient, case: dict[str, object]) -> str:
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps(case), "asked_json": "[]",
            "action": "result"}  # fmt: skip
    answer = client.post("/interview", data=data)
    assert answer.status_code == 200, answer.text[:300]
    return answer.text


def _source_links(page: str) -> list[tuple[str, str]]:
    """(href, text) of every link inside a "Sources:" span."""
    spans = re.findall(r'<span class="sources">(.*?)</span>', page, re.S)
    return [
        (htmllib.unescape(href), htmllib.unescape(text))
        for span in spans
        for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', span)
    ]


def test_the_result_page_names_sources_and_links_to_them(client: TestClient) -> None:
    """QA F5-60: the newborn result showed 'medscape_milia, berk2008, iped, dnet, skym ...'."""
    kb = milia.load_knowledge()
    case = {"age_days": 5, "color": "white", "sites": ["nose"]}
    links = _source_links(_result_page(client, case))
    assert links, "the result cites its sources"
    for _, text in links:
        assert text not in kb.sources, f"bare id {text!r} as a link text"
    by_text = {t: h for h, t in links}
    assert by_text.get("Nguyen & Funk 2016") == kb.sources["medscape_pediatric_milia"].url
    assert by_text.get("Bright Healthy Kids") == kb.sources["bhk"].url


def test_the_product_page_names_sources(client: TestClient) -> None:
    kb = milia.load_knowledge()
    token = csrf_of(client.get("/products").text)
    page = client.post("/products", data={"csrf_token": token, "text": "Aqua, Petrolatum"}).text
    links = _source_links(page)
    assert links and all(text not in kb.sources for _, text in links)
    assert ("https://acadderm.com/milia-milium-milia-en-plaque/", "Acadiana Dermatology") in links


@pytest.mark.parametrize("text", ["hello there friend", "Zzqxv, Qwrtp"])
def test_the_product_page_shows_an_unknown_risk_not_low(client: TestClient, text: str) -> None:
    """Fixer item 1: risk_known false is 'unknown (nothing read)', not 'low'."""
    assert milia.check_ingredients(text)["summary"]["risk_known"] is False
    token = csrf_of(client.get("/products").text)
    page = client.post("/products", data={"csrf_token": token, "text": text}).text
    assert 'class="big risk-unknown">Milia risk: <strong>unknown (nothing read)</strong>' in page
    assert "risk-low" not in page
    known = client.post("/products", data={"csrf_token": token, "text": "Aqua, Glycerin"}).text
    assert 'class="big risk-low">Milia risk: <strong>low</strong>' in known


def test_a_label_claim_on_the_product_page_cites_its_sources(client: TestClient) -> None:
    kb = milia.load_knowledge()
    token = csrf_of(client.get("/products").text)
    page = client.post("/products", data={"csrf_token": token, "name": "Oil-Free Gel",
                                          "text": "Aqua, Petrolatum"}).text  # fmt: skip
    claims = page[page.index("<h3>Label claims</h3>") :].split("</ul>", 1)[0]
    links = _source_links(claims)
    assert ("https://library.scconline.org/v047n01/39", "Kligman 1996") in links
    assert all(text not in kb.sources for _, text in links)


def test_a_saved_product_with_nothing_read_shows_an_unknown_risk_in_the_diary(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("unknown-risk@example.org")
    token = csrf_of(web.get("/products").text)
    for name, text in (("Blank label", "hello there friend"), ("Plain gel", "Aqua, Glycerin")):
        saved = web.post("/products", data={"csrf_token": token, "name": name, "text": text,
                                            "action": "save"})  # fmt: skip
        assert saved.status_code == 200 and "Saved to your diary" in saved.text
    diary = " ".join(htmllib.unescape(web.get("/diary").text).split())
    assert "Blank label</strong>, milia risk unknown (nothing read)" in diary
    assert "Plain gel</strong>, milia risk low" in diary
