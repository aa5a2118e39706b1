"""Sections of an ingredient text: lists, kits, drug-facts panels, "may contain" tails.

A pasted text may hold a title before "Ingredients:", US drug facts
("Active Ingredients: ... Purpose: ... Inactive Ingredients: ..."), several
products of a kit ("Cleanser: ..., Serum: ..."), and a "may contain" tail.
:func:`segments` cuts it into the lists it holds;
:func:`~milia.ingredients.may_contain.cut_may_contain` (re-exported here)
separates a list from its tail. Problems are reported through ``issue(code,
message)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from milia.ingredients.may_contain import MAY_CONTAIN, cut_may_contain

__all__ = ["Issue", "cut_may_contain", "segments"]

Issue = Callable[[str, str], None]

_SECTION = re.compile(
    r"\b(?:(?P<active>active)|inactive|other|non[\s-]?medicinal|medicinal)\s+ingredients?\b"
    r"(?:\s*\([^)]{0,40}\))?\s*[:\-]?|\b(?:full\s+)?ingredients?(?:\s+list)?\s*:|\bINCI\s*:",
    re.IGNORECASE,
)
#: Drug-facts panel headings; ``{use}`` and ``{direction}`` take the singular too
#: where a colon follows (see :data:`_DRUG_FACTS_LOOSE`).
_DRUG_FACTS_HEADINGS = (
    r"\b(?:purposes?|{use}|warnings?|{direction}|other\s+information"
    r"|questions(?:\s+or\s+comments)?|do\s+not\s+use|stop\s+use|when\s+using"
    r"|keep\s+out\s+of\s+reach)\b\s*"
)
_DRUG_FACTS = re.compile(
    _DRUG_FACTS_HEADINGS.format(use="uses?", direction="directions?") + "[:?]",
    re.IGNORECASE,
)
_KIT_HEADER = re.compile(r"(?:^|(?<=[.;\n]))\s*((?:[^,:;.()\[\]\n]|\.(?=\S)){3,80}?):\s+(?=\S)")
#: A kit-style header that lists what the product does not contain.
_ABSENT = re.compile(
    r"\b(?:free\s+(?:of|from)|(?:does|do|will)\s+not\s+contain|contains?\s+no|"
    r"(?:formulated|made)\s+without|without|no)\s*$",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    r"\b(?:allergens?|colou?rants?|colou?rs|pigments?|fragrance|perfume|parfum|"
    r"preservatives?|other|also|plus|inactive)\b",
    re.IGNORECASE,
)
#: Drug-facts headings without a colon ("Active ingredient Hydrocortisone 1% Purpose
#: Anti-itch Uses ..."): read as headings only in a text that says "Drug Facts" or
#: holds both an active and an inactive ingredients section.
_DRUG_FACTS_LOOSE = re.compile(
    _DRUG_FACTS_HEADINGS.format(use="uses", direction="directions") + "[:?]?",
    re.IGNORECASE,
)
_DRUG_FACTS_TITLE = re.compile(r"\bdrug\s+facts\b", re.IGNORECASE)
#: "Active ingredient (in each gram)     Purpose": the panel's column header (on one
#: line, or on two when a table was pasted cell by cell: a tab becomes a line break).
_ACTIVE_PURPOSE = re.compile(
    r"(\bactive\s+ingredients?\b(?:\s*\([^)\n]{0,40}\))?)\s*[:/]?\s*purposes?\b[ \t]*:?",
    re.IGNORECASE,
)
#: "Avobenzone 3% ........ Sunscreen": dotted leaders and what follows them on their
#: line up to the next leaders (the purpose, perhaps run on into the next section).
_LEADERS = re.compile(r"[ \t]*(?:\.[ \t]?){3,}(?P<rest>(?:(?!\.[ \t]?\.[ \t]?\.)[^\n])*)")
#: The purposes printed beside an active in a drug-facts table (21 CFR 201.66(c)(3):
#: "Purpose(s)"; the wording of the OTC monographs: 21 CFR 333, 347, 348, 352, 358).
_PURPOSE_WORDS = (
    r"(?:(?:first\s+aid|topical|external|local|oral)\s+)?"
    r"(?:skin\s+protectant|lip\s+protectant|protectant|anti[\s-]?itch|antipruritic|sunscreen"
    r"|antiseptic|antifungal|antibacterial|antibiotic|antimicrobial|anti[\s-]?dandruff"
    r"|antiperspirant|deodorant|analgesic|an(?:a)?esthetic|pain\s+relie(?:ver|f)"
    r"|acne\s+(?:medication|treatment)|keratolytic|astringent|counterirritant"
    r"|anti[\s-]?inflammatory|corticosteroid|antihistamine|cough\s+suppressant"
    r"|nasal\s+decongestant|wart\s+remover|corn\s+remover|callus\s+remover"
    r"|diaper\s+rash\s+(?:protectant|treatment)|skin\s+(?:lightener|bleaching)"
    r"|hair\s+(?:re)?growth\s+treatment|anticavity|antigingivitis)s?"
)
#: "Hydrocortisone 1% Anti-itch": a purpose right after an active's strength.
_STRENGTH_PURPOSE = re.compile(
    rf"(%\)?)[ \t]*(?:\n[ \t]*)?{_PURPOSE_WORDS}(?:[ \t]*(?:,|/|&|\band\b)[ \t]*{_PURPOSE_WORDS})*"
    r"\b[ \t]*[.;]?",
    re.IGNORECASE,
)
_PURPOSE_FIRST = re.compile(
    rf"[ \t]*{_PURPOSE_WORDS}(?:[ \t]*(?:,|/|&|\band\b)[ \t]*{_PURPOSE_WORDS})*\b[ \t]*[.;]?",
    re.IGNORECASE,
)
#: A medicine's composition in prose: "Each gram contains 50 mg fluorouracil in a
#: vanishing cream base consisting of white petrolatum, stearyl alcohol ..." -- the
#: words before the active and before the base's ingredients become separators.
_EACH_CONTAINS = re.compile(
    r"(?::\s*)?\beach\s+(?:gram|g|ml|millilit(?:er|re)|unit|dose)\s+(?:of\s+\w+\s+)?contains?\s*:?",
    re.IGNORECASE,
)
_BASE_OF = re.compile(
    r"\bin\s+an?\s+(?:[a-z-]+\s+){0,3}?base\s+(?:consisting\s+of|composed\s+of|containing|of)\s*:?"
    r"|\bbase\s+(?:consisting|composed)\s+of\s*:?",
    re.IGNORECASE,
)


#: Text before a header that is one ingredient with its strength ("Zinc Oxide 40%;
#: Inactive: ..."), not a title: kept as an item.
_STRENGTH_ONLY = re.compile(r"^\s*[A-Za-z][\w\s,()/-]{1,60}?\d+(?:[.,]\d+)?\s*%\s*[;.,]?\s*$")


#: Marketing words: a line of them before "Ingredients:" is a claim, not a list
#: ("Oil-free, non-comedogenic formula. Ingredients: Water, ..."). No INCI name holds them.
_MARKETING = re.compile(
    r"\b(?:formula(?:tion)?|free|non[\s-]?comedogenic|non[\s-]?acnegenic|dermatologist"
    r"|ophthalmologist|(?:clinically|allergy|dermatologically)\s+tested|tested|hypoallergenic"
    r"|cruelty|vegan|clinically|proven|recommended|suitable|lightweight|won'?t\s+clog)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"[,;.!]")


def _marketing(text: str) -> bool:
    """Whether most comma/sentence parts of ``text`` hold marketing words."""
    parts = [p for p in _CLAUSES.split(text) if p.strip()]
    return bool(parts) and 2 * sum(bool(_MARKETING.search(p)) for p in parts) >= len(parts)


#: A distributor's or maker's line after the list ("Made in France. Dist. by L Co, NY
#: 10001."): a sentence that starts with these words runs to the end of its line.
_ORIGIN = re.compile(
    r"(?:^|(?<=[.;\n]))[ \t]*(?:made\s+in|product\s+of|(?:dist(?:ributed)?|manufactured|mfd|mfg"
    r"|imported|packed|marketed)\.?\s+(?:for|by)|fabriqu[ée]\s+en|hergestellt\s+in)\b[^\n]*",
    re.IGNORECASE,
)


#: Text without which :data:`_ORIGIN` cannot match (substring tests first: fast).
_ORIGIN_HINTS = (
    "made",
    "product of",
    " by",
    "\tby",
    "\nby",
    ".by",
    " for",
    "\tfor",
    "\nfor",
    ".for",
    "fabriqu",
    "hergestellt",
)
_SENTENCE_END = re.compile(r"[.;](?=\s|$)")


def _cut_origin(segment: str, issue: Issue, dropped: list[str]) -> str:
    """The segment without its maker/distributor lines (reported as prose)."""
    spans: list[tuple[int, int]] = []
    for found in _ORIGIN.finditer(segment):
        start, end = found.span()
        if not segment[:start].strip():
            # before the list ("Made in France. Aqua, ..."): only its own sentence
            stop = _SENTENCE_END.search(segment, start)
            end = stop.end() if stop is not None and stop.end() < end else end
        spans.append((start, end))
    if not spans:
        return segment
    cut = [segment[a:b].strip() for a, b in spans]
    dropped.extend(cut)
    issue("prose", f"maker's or distributor's text was ignored: {'; '.join(cut)[:80]!r}")
    for a, b in reversed(spans):
        segment = segment[:a] + "\n" + segment[b:]
    return segment


#: A shop's internal record header between two products' lists (Sephora's Clinique
#: rows): "... Phenoxyethanol Rds Product Name: Spf30 Face Cream Division: Cl (Clinique)Water, ...".
_RECORD_HEADER = re.compile(
    r"\bRDS\s+Product\s+Name\s*:[^:]{0,120}?\bDivision\s*:\s*[A-Z]{1,6}\s*(?:\([^()]{1,40}\))?",
    re.IGNORECASE,
)


def segments(
    text: str, issue: Issue, dropped: list[str] | None = None
) -> list[tuple[str, bool, str | None]]:
    """Split at section and kit headers: ``(segment, starts a new product, label)`` triples.

    ``label`` is a kit part's header ("Cleanser", "Eye Cream"), which may name
    that part's product type; ``None`` for every other segment.

    An "Inactive Ingredients" section continues the product of the "Active
    Ingredients" before it; every other header starts a product of its own.
    Kit headers and text ignored before a list are appended to ``dropped``
    (the caller still scans them for drugs: "Hydrocortisone 1%: ..."). A
    shop's record header ("RDS Product Name: ... Division: CL (Clinique)")
    ends one product's list and starts the next.

    Parameters
    ----------
    text : str
        The cleaned text of one paste.
    issue : callable
        ``issue(code, message)``, told of what was read unusually (a medicine's
        composition read from its prose).
    dropped : list of str, optional
        Appended to (in place) with the headers and text left out.

    Returns
    -------
    list of (str, bool, str or None)
        Each segment's text, whether it starts a new product, and its kit label.
    """
    dropped = [] if dropped is None else dropped
    if "contain" in text.lower() and (_EACH_CONTAINS.search(text) or _BASE_OF.search(text)):
        text = _BASE_OF.sub(", ", _EACH_CONTAINS.sub("\n", text))
        issue("prose", "a medicine's composition was read from its prose ('each gram contains')")
    if "product name" in text.lower() and (records := list(_RECORD_HEADER.finditer(text))):
        out: list[tuple[str, bool, str | None]] = []
        bounds = [0, *(b for r in records for b in (r.start(), r.end())), len(text)]
        for record in records:
            dropped.append(record.group(0))
        for start, end in zip(bounds[::2], bounds[1::2], strict=True):
            pieces = _segments(text[start:end], issue, dropped)
            if pieces:  # each record is a product of its own
                pieces[0] = (pieces[0][0], True, pieces[0][2])
            out.extend(pieces)
        return out
    return _segments(text, issue, dropped)


def _segments(text: str, issue: Issue, dropped: list[str]) -> list[tuple[str, bool, str | None]]:
    """:func:`segments` within one product record."""
    lowered = text.lower()
    has_header = "ingredient" in lowered or "inci" in lowered
    origin = any(w in lowered for w in _ORIGIN_HINTS)  # a maker's line is possible
    headers = list(_SECTION.finditer(text)) if has_header else []
    if headers and (
        _DRUG_FACTS_TITLE.search(text)
        or (any(h.group("active") for h in headers) and len(headers) > 1)
    ):
        # a drug-facts panel (21 CFR 201.66): headings with or without a colon; the
        # "Purpose" column header beside "Active ingredient(s)" and the dotted leaders
        # before each purpose ("Hydrocortisone 1% ........ Anti-itch") go first
        text = _ACTIVE_PURPOSE.sub(r"\1:", text)
        if ".." in text:
            text = _LEADERS.sub(_leader_purpose, text)
        text = _STRENGTH_PURPOSE.sub(r"\1\n", text)
        headers = list(_SECTION.finditer(text))
        text, headers = _drop_drug_facts(text, headers, issue, dropped, _DRUG_FACTS_LOOSE)
    elif ":" in text and _DRUG_FACTS.search(text):
        text, headers = _drop_drug_facts(text, headers, issue, dropped)
    segments: list[tuple[str, bool]] = []
    if headers:
        before = text[: headers[0].start()]
        previous_active = False
        if before.strip():
            if (
                ("," in before or _STRENGTH_ONLY.match(before))
                and not _KIT_HEADER.search(before)
                and not _marketing(before)
            ):
                segments.append((before, True))
                # "Zinc Oxide 20% Inactive ingredients: ...": the active's line
                previous_active = _STRENGTH_ONLY.match(before) is not None
            else:
                dropped.append(before)
                issue("prose", f"text before the list was ignored: {before.strip()[:80]!r}")
        for i, head in enumerate(headers):
            end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
            body = text[head.end() : end]
            continues = previous_active and head.group("active") is None
            previous_active = head.group("active") is not None
            if body.strip(" .,;:\n"):
                segments.append((body, not continues))
    else:
        segments = [(text, True)]
    final: list[tuple[str, bool, str | None]] = []
    for segment, new_product in segments:
        if origin:
            segment = _cut_origin(segment, issue, dropped)
        if ":" not in segment:
            final.append((segment, new_product, None))
            continue
        heads = [h for h in _KIT_HEADER.finditer(segment) if not MAY_CONTAIN.search(h.group(1))]
        if heads and "," in segment[heads[0].end() :]:
            pre = segment[: heads[0].start()]
            if pre.strip(" .,;:\n"):
                if "," in pre or _STRENGTH_ONLY.match(pre):
                    final.append((pre, new_product, None))
                else:
                    dropped.append(pre)
                    issue("prose", f"text before the list was ignored: {pre.strip()[:80]!r}")
            for i, h in enumerate(heads):
                dropped.append(h.group(1))
                end = heads[i + 1].start() if i + 1 < len(heads) else len(segment)
                body = segment[h.end() : end]
                if _ABSENT.search(h.group(1)):
                    # "Free of: Hydroquinone, Parabens": what the product lacks (kept with
                    # its header, whose negation stops a drug alarm)
                    body, rest = _absent_sentence(body)
                    dropped.append(f"{h.group(1)}: {body}")
                    issue("prose", f"a 'free from' list was ignored: {h.group(1)[:40]!r}")
                    if rest:  # "Formulated without: X, Y. Aqua, Glycerin" (QA F15-12)
                        final.append((rest, new_product, None))
                    continue
                if final and _CONTINUATION.search(h.group(1)):
                    # "Allergens: Limonene, Linalool" goes on the list before it.
                    final[-1] = (
                        f"{final[-1][0].rstrip(' ;,.')}, {body}",
                        final[-1][1],
                        final[-1][2],
                    )
                else:
                    final.append((body, True, h.group(1).strip()))
        else:
            final.append((segment, new_product, None))
    return final


#: The end of a sentence: a full stop, then space and a capital or digit ("Lanolin. Aqua"),
#: not after a short form of a label ("Vit. E", "Ext. Aloe", "Fl. Oz", "No. 5", "Inc. ").
_SENTENCE_END = re.compile(
    r"(?i:(?<!\bvit)(?<!\bext)(?<!\bextr)(?<!\bfl)(?<!\bno)(?<!\bsp)(?<!\bspp)(?<!\binc)"
    r"(?<!\bltd)(?<!\bco)(?<!\bst)(?<!\bapprox))\.\s+(?=[A-Z0-9])"
)


def _absent_sentence(body: str) -> tuple[str, str]:
    """A "free from" list's own sentence, and what follows it when that is a list.

    "Petrolatum, Mineral Oil. Aqua, Glycerin" gives ("Petrolatum, Mineral Oil",
    "Aqua, Glycerin"): the next sentence holding a comma is the product's list, which
    the "Formulated without:" header swallowed (QA F15-12); "Parabens. Made in France."
    stays whole (no list follows).
    """
    for end in _SENTENCE_END.finditer(body):
        rest = body[end.end() :]
        if "," in rest:
            return body[: end.start()], rest
    return body, ""


def _leader_purpose(found: re.Match[str]) -> str:
    """What is left of "........ Purpose [next section]" once the leaders and purpose go.

    A known purpose is cut; the rest of the line is kept from the next section
    or drug-facts heading on ("... Skin protectant Inactive ingredients ...",
    printed on one line); text with a strength in it is kept whole (it may be
    the next active: never lose a drug to a guess).
    """
    rest = found.group("rest")
    known = _PURPOSE_FIRST.match(rest)
    if known is not None:
        return "\n" + rest[known.end() :]
    if "%" in rest:
        return "\n" + rest
    ahead = [m.start() for m in (_SECTION.search(rest), _DRUG_FACTS_LOOSE.search(rest)) if m]
    return "\n" + (rest[min(ahead) :] if ahead else "")


def _drop_drug_facts(
    text: str,
    headers: list[re.Match[str]],
    issue: Issue,
    ignored: list[str],
    panels: re.Pattern[str] = _DRUG_FACTS,
) -> tuple[str, list[re.Match[str]]]:
    """Blank out drug-facts panels ("Purpose:", "Uses:", "Warnings:") up to the next list header.

    Each panel's text is appended to ``ignored`` on its own (the caller scans it
    for drugs; one panel's "do not use" does not silence another's drug name).
    """
    starts = sorted(h.start() for h in headers)
    chars = list(text)
    dropped: list[str] = []
    blanked_to = -1
    for panel in panels.finditer(text):
        if panel.start() < blanked_to:
            continue  # inside the panel before it (which runs to the next list header)
        end = blanked_to = next((s for s in starts if s > panel.start()), len(text))
        blanked = text[panel.start() : end]
        if blanked.strip():
            dropped.append(blanked.strip()[:60])
            ignored.extend(p for p in panels.split(blanked) if p.strip(" .,;:\n"))
        chars[panel.start() : end] = ["\n"] * (end - panel.start())
    if dropped:
        issue("prose", f"drug-facts text was ignored: {'; '.join(dropped)!r}")
    cleaned = "".join(chars)
    return cleaned, list(_SECTION.finditer(cleaned)) if headers else []
