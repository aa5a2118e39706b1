"""Where the bibliography sends a reader (QA F6-17, F7-19)."""

from __future__ import annotations

import copy

import pytest

from milia.kb.loader import read_yaml
from milia.kb.validate import validate_knowledge
from milia.kb.validate_sources import COPY_HOSTS

SOURCE = {"id": "rev", "title": "A review", "kind": "review", "evidence": "review"}


def _problems(entry: dict[str, object]) -> dict[str, set[str]]:
    data = {
        "bibliography.yaml": {"sources": [entry]},
        "x.yaml": {"items": [{"id": "a", "text": "t", "sources": ["rev"]}]},
    }
    out: dict[str, set[str]] = {}
    for p in validate_knowledge(copy.deepcopy(data)):
        out.setdefault(p.code, set()).add(p.location)
    return out


@pytest.mark.parametrize(
    "url",
    [
        "https://c.coek.info/pdf-clobetasol-induced-milia-.html",
        "https://api-pubmed-ncbi.laibokeji.com/8747580",
        "http://www.scribd.com/document/1",
        "https://obgynkey.com/normal-skin-changes-of-infancy",
    ],
)
def test_a_link_to_a_copying_site_is_a_warning(url: str) -> None:
    found = _problems({**SOURCE, "url": url})
    assert found.get("source_on_copy_site") == {"rev"}
    assert "source_without_address" not in found  # it has an address, just a bad one
    assert "source_on_copy_site" not in _problems({**SOURCE, "url": "https://doi.org/10.1/x"})


def test_a_full_journal_citation_is_an_address() -> None:
    """A paper with no verified DOI or publisher page is found by its citation."""
    cited = {**SOURCE, "venue": "J Am Acad Dermatol", "year": 1989, "volume_pages": "21:215-217"}
    assert "source_without_address" not in _problems(cited)
    for missing in ("venue", "year", "volume_pages"):
        partial = {k: v for k, v in cited.items() if k != missing}
        assert _problems(partial).get("source_without_address") == {"rev"}


def test_the_bibliography_links_no_copying_site() -> None:
    """QA F7-19: clob, gard, kutlubay2017, larralde1992_ofd1, mep1, micc3, scr, semm, the
    textbook-chapter copies and the NHS pages linked copies a clinic would show patients."""
    entries = read_yaml("bibliography.yaml")["sources"]
    linked = {e["id"]: e["url"] for e in entries if e.get("url")}
    bad = {i: u for i, u in linked.items() if any(h in u for h in COPY_HOSTS)}
    assert not bad
    problems = [p for p in validate_knowledge() if p.code == "source_on_copy_site"]
    assert not problems
    assert linked["gard"] == "https://pubmed.ncbi.nlm.nih.gov/8747580/"
    assert linked["nhs_molluscum"].startswith("https://www.nhs.uk/conditions/")


def test_the_urgent_shingles_flags_rest_on_journal_sources() -> None:
    """QA F7-19: 'see a doctor today' for painful blisters near the eye cited only a
    patient-handout site; it now cites the BMJ's herpes zoster ophthalmicus reviews."""
    entries = {e["id"]: e for e in read_yaml("bibliography.yaml")["sources"]}
    flags = {f["id"]: f for f in read_yaml("model/red_flags.yaml")["flags"]}
    for flag_id in ("painful_blisters", "painful_blisters_near_eye"):
        cited = [entries[s] for s in flags[flag_id]["sources"]]
        assert any(e.get("doi") and e["evidence"] == "review" for e in cited), flag_id
