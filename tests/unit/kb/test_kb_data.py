"""The real knowledge-base data: complete, cited, honest, and valid."""

from __future__ import annotations

import re
from typing import Any

import pytest

from milia.kb.knowledge import CONDITION_IDS, MILIA_TYPE_IDS, KnowledgeBase
from milia.kb.loader import knowledge_version, load_knowledge, read_yaml
from milia.kb.schema import EVIDENCE_RANK, Fact
from milia.kb.validate import validate_knowledge

# The contract of common.md: every one of these ids must exist in the bibliography.
CONTRACT_SOURCE_IDS = [
    "berk2008",
    "medscape_pediatric_milia",
    "medscape_milia",
    "statpearls_milia",
    "c360",
    "c360b",
    "c360s",
    "da",
    "pg",
    "psk",
    "psk2",
    "ent",
    "acad",
    "nsc",
    "visualdx_milia",
    "visualdx_colloid_milium",
    "medscape_colloid_milium",
    "iped",
    "ipd2",
    "pco",
    "obk",
    "obk_e",
    "bhk",
    "med8",
    "eps",
    "eps2",
    "skym",
    "skyn",
    "skya",
    "dermnet_neonate",
    "clob",
    "ad86",
    "cmaj_pct",
    "iso",
    "alt",
    "dove",
    "mep1",
    "mep2",
    "mep3",
    "mep4",
    "az",
    "memd",
    "fmem",
    "dsc",
    "dnet",
    "ca",
    "rdx",
    "rdt",
    "mcr",
    "gal",
    "evt",
    "micc1",
    "micc2",
    "micc3",
    "mlc",
    "cpm",
    "ec",
    "bm",
    "tab",
    "mdl",
    "scr",
    "bio",
    "ddb",
    "about",
    "ibo",
    "typ",
    "mdw",
    "cont",
    "sano",
    "aapc",
    "lsh",
    "dscp",
    "fulton1989",
    "kligman1996",
    "kjd1985",
    "fda_claims",
    "eu_655_2013",
    "icdai",
    "icdl",
    "codh",
    "sem",
    "semm",
    "rev2",
    "gil",
    "sch",
    "liu",
    "liua",
    "jno",
    "groh",
    "sv",
    "free",
    "acai",
    "5min",
    "gard",
    "dict",
    "atlas",
    "verywell_overview",
    "yahya2018",
    "kutlubay2017",
    "cho2010",
    "ghosh2015",
    "hinen2018",
    "dermnet_milia",
    "weiss2017",
    "cosing_inventory",
    "eu_annex_ii",
    "eu_annex_iii",
    "cosdna",
    "ezob_comedogenic_compilation",
    "milia_team_estimate",
]

CORE_FILES = {
    "bibliography.yaml",
    "conditions.yaml",
    "milia_types.yaml",
    "claims.yaml",
    "treatments.yaml",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return [node] if isinstance(node, str) else []


def test_every_contract_source_id_exists(kb: KnowledgeBase) -> None:
    missing = [s for s in CONTRACT_SOURCE_IDS if s not in kb.sources]
    assert missing == []


def test_the_five_papers_and_the_article_are_not_invented(kb: KnowledgeBase) -> None:
    expected_dois = {
        "yahya2018": "10.4103/njcp.njcp_43_17",
        "cho2010": "10.5021/ad.2010.22.4.465",
        "ghosh2015": "10.4103/0019-5154.147871",
        "hinen2018": "10.1111/pde.13350",
    }
    for source_id, doi in expected_dois.items():
        assert kb.sources[source_id].doi == doi
    # titles we could not verify are left out and the gap is said, never guessed
    for source_id in ("cho2010", "hinen2018"):
        source = kb.sources[source_id]
        assert source.title == "" and "not verified" in source.note
    # the ones found in stored journal pages carry their real titles
    assert kb.sources["yahya2018"].title.startswith("Idiopathic multiple eruptive milia")
    assert kb.sources["ghosh2015"].title == "Congenital milia en plaque on scalp"
    article = kb.sources["verywell_overview"]
    assert article.evidence == "patient_education"
    assert set(article.cited_sources) == {
        "yahya2018",
        "kutlubay2017",
        "cho2010",
        "ghosh2015",
        "hinen2018",
    }


def test_all_conditions_and_types_present(kb: KnowledgeBase) -> None:
    assert list(kb.conditions) == list(CONDITION_IDS)
    assert sorted(kb.milia_types) == sorted(MILIA_TYPE_IDS)


@pytest.mark.parametrize("condition_id", CONDITION_IDS)
def test_each_condition_field_is_sourced(kb: KnowledgeBase, condition_id: str) -> None:
    condition = kb.conditions[condition_id]
    for name in ("what_it_is", "appearance", "sites", "who", "course", "differs_from_milia"):
        fact = getattr(condition, name)
        assert isinstance(fact, Fact)
        assert fact.sources and all(s in kb.sources for s in fact.sources)
        strongest = max(EVIDENCE_RANK[kb.sources[s].evidence] for s in fact.sources)
        assert EVIDENCE_RANK[fact.evidence] <= strongest, (condition_id, name)


def test_milia_codes_record_the_icd_conflict(kb: KnowledgeBase) -> None:
    codes = {(c.system, c.code): c for c in kb.conditions["milia"].codes}
    snomed = codes[("SNOMED CT", "254679001")]
    assert snomed.status == "verified" and "visualdx_milia" in snomed.sources
    l728, l720 = codes[("ICD-10-CM", "L72.8")], codes[("ICD-10-CM", "L72.0")]
    assert l728.status == l720.status == "conflicting"
    assert "visualdx_milia" in l728.sources
    assert {"icdai", "icdl"} <= set(l720.sources)
    colloid = {(c.system, c.code) for c in kb.conditions["colloid_milium"].codes}
    assert {("ICD-10-CM", "L57.8"), ("SNOMED CT", "402684002")} <= colloid


def test_types_carry_the_required_triggers(kb: KnowledgeBase) -> None:
    findings = {
        t.case_finding for mt in kb.milia_types.values() for t in mt.triggers if t.case_finding
    }
    for history in (
        "burn_at_site",
        "sunburn_at_site",
        "blistering_at_site",
        "dermabrasion_at_site",
        "laser_resurfacing_at_site",
        "chemical_peel_at_site",
        "radiotherapy_at_site",
        "tattoo_at_site",
        "skin_graft_at_site",
        "cryotherapy_at_site",
        "heavy_occlusive_skincare",
    ):
        assert f"history.{history}" in findings
    for drug in (
        "topical_corticosteroid",
        "fluorouracil_topical",
        "cyclosporine",
        "isotretinoin",
        "tyrosine_kinase_inhibitor",
        "hydroquinone",
        "benoxaprofen",
    ):
        assert f"medications.{drug}" in findings
    syndromes = {s.name for s in kb.milia_types["genodermatosis_associated"].associated_syndromes}
    assert "Rombo syndrome" in syndromes
    assert not any("Gardner" in name for name in syndromes)


def test_verywell_claims_cite_the_article_at_patient_education_level(kb: KnowledgeBase) -> None:
    article = [c for c in kb.claims.values() if c.origin == "verywell_overview"]
    assert len(article) >= 25
    topics = {c.topic for c in article}
    for topic in ("definition", "appearance", "symptoms", "course", "newborns", "treatment"):
        assert topic in topics
    for claim in article:
        assert claim.sources == ("verywell_overview",)
        assert claim.evidence == "patient_education"
        if claim.verdict in ("supported", "partly_supported"):
            assert claim.confirming_sources, claim.id
            assert claim.literature_evidence is not None


def test_gardner_both_records_kept(kb: KnowledgeBase) -> None:
    article = kb.claims["vw_gardner_syndrome"]
    literature = kb.claims["gardner_literature_epidermoid_cysts"]
    assert article.verdict != "supported" and "gard" in article.contradicting_sources
    assert literature.origin == "literature" and "gard" in literature.sources


def test_extraction_is_never_advised_at_home(kb: KnowledgeBase) -> None:
    extraction = kb.treatments["tx_deroofing_extraction"]
    assert extraction.setting == "professional" and extraction.at_home is False
    caution = kb.treatments["caution_no_home_extraction"]
    assert caution.at_home is False
    # Medscape's contrary statement is recorded honestly beside it
    assert any("medscape_milia" in f.sources for f in caution.counter_evidence)


def test_babies_need_no_treatment_and_labels_have_counter_evidence(kb: KnowledgeBase) -> None:
    babies = kb.treatments["tx_wait_babies"]
    assert babies.applies_to == ("neonatal",) and "no treatment" in babies.summary.text
    labels = kb.treatments["prev_labels"]
    assert any("kligman1996" in f.sources for f in labels.counter_evidence)
    assert not any(t.trials_found for t in kb.treatments.values())


def test_no_text_tells_the_user_what_they_have() -> None:
    pattern = re.compile(r"\byou (have|'ve got)\b|\byou are suffering\b", re.IGNORECASE)
    for name in CORE_FILES:
        offenders = [t for t in _texts(read_yaml(name)) if pattern.search(t)]
        assert offenders == [], name


def test_core_files_have_no_validation_errors() -> None:
    errors = [p for p in validate_knowledge() if p.severity == "error" and p.file in CORE_FILES]
    assert errors == []


def test_all_packaged_data_is_valid() -> None:
    """Every file under kb/data, including the engine's and ingredients' tables."""
    errors = [str(p) for p in validate_knowledge() if p.severity == "error"]
    assert errors == [], f"{len(errors)} error(s); run `milia kb validate`:\n" + "\n".join(
        errors[:20]
    )


def test_version_and_citations(kb: KnowledgeBase) -> None:
    assert kb.version == knowledge_version()
    cited = kb.cite(["berk2008", "berk2008", "kligman1996"])
    assert [c["id"] for c in cited] == ["berk2008", "kligman1996"]
    assert cited[0]["doi"] == "10.1016/j.jaad.2008.07.034"
    assert cited[1]["url"] == "https://library.scconline.org/v047n01/39"


def test_package_exports_resolve() -> None:
    import milia
    import milia.kb

    for name in milia.kb.__all__:
        assert getattr(milia.kb, name) is not None
    assert milia.load_knowledge() is load_knowledge()
    with pytest.raises(AttributeError):
        _ = milia.kb.nothing_here  # type: ignore[attr-defined]


def _case_vocabulary(text: str) -> dict[str, set[str]]:
    """Values per key from the case-format tables, plus the `history` paragraph."""
    vocab: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = re.match(r"\| `(\w+)` \|[^|]*\|(.*)\|\s*$", line)
        if match:
            vocab[match.group(1)] = set(re.findall(r"`(\w+)`", match.group(2)))
    history = text.split("`history` values:")[1].split("\n\n")[0]
    vocab["history"] = set(re.findall(r"`(\w+)`", history))
    return vocab


def test_case_findings_use_the_case_format_vocabulary(kb: KnowledgeBase, shared_dir: Any) -> None:
    vocab = _case_vocabulary((shared_dir / "spec" / "case-format.md").read_text("utf-8"))
    assert "burn_at_site" in vocab["history"] and "rombo_syndrome" in vocab["conditions"]
    links = [
        item.case_finding
        for mt in kb.milia_types.values()
        for item in (*mt.triggers, *mt.associated_syndromes)
        if item.case_finding
    ]
    assert len(links) >= 25
    for link in links:
        key, value = link.split(".")
        assert value in vocab.get(key, set()), link


def test_knowledge_base_pickles_for_batch_workers(kb: KnowledgeBase) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(kb))
    assert clone.version == kb.version
    assert clone.get("milia") == kb.get("milia")
    assert list(clone.claims) == list(kb.claims)
    with pytest.raises(TypeError):
        clone.conditions["milia"] = kb.conditions["acne_papulopustular"]  # type: ignore[index]


@pytest.mark.parametrize("bad", [None, 3, ["milia"]])
def test_get_with_a_non_string_id_is_a_kb_error(kb: KnowledgeBase, bad: object) -> None:
    from milia.errors import KnowledgeBaseError

    with pytest.raises(KnowledgeBaseError) as info:
        kb.get(bad)  # type: ignore[arg-type]
    assert info.value.field == "id"
    assert bad not in kb


def test_cite_takes_one_id_or_a_list_and_refuses_the_rest(kb: KnowledgeBase) -> None:
    from milia.errors import KnowledgeBaseError

    assert kb.cite("berk2008") == kb.cite(["berk2008"])  # not the letters b, e, r, k...
    for bad in (None, [3]):
        with pytest.raises(KnowledgeBaseError):
            kb.cite(bad)  # type: ignore[arg-type]


def test_key_references_link_to_their_publisher_or_index() -> None:
    """QA F2-64: Berk & Bayliss linked to a Scribd upload, StatPearls to a development
    host and Medscape to its Android app page (plain http)."""
    import milia

    sources = milia.load_knowledge().sources
    urls = {
        sid: str(getattr(sources[sid], "url", "") or "")
        for sid in ("berk2008", "statpearls_milia", "medscape_milia")
    }
    assert urls["berk2008"] == "https://doi.org/10.1016/j.jaad.2008.07.034"
    assert urls["statpearls_milia"].startswith("https://pubmed.ncbi.nlm.nih.gov/")
    assert urls["medscape_milia"].startswith("https://emedicine.medscape.com/")
    for url in urls.values():
        assert "scribd" not in url and "dev2." not in url and "/android/" not in url
