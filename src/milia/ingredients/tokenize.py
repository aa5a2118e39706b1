"""Cut a pasted ingredient text into items in label order.

Real labels are messy (see ``tests/unit/ingredients/test_tokenize.py``): the
list may be a Python-list string, carry HTML, a title or directions, US drug
facts sections ("Active Ingredients: ... Inactive Ingredients: ..."),
several lists for a kit, a ``[+/- May Contain: ...]`` tail, footnote marks,
percentages with or without a separator, and commas inside chemical names
(``1,2-Hexanediol``). A slash is not a separator here: ``Aqua/Water/Eau`` is
one item and ``Caprylic/Capric Triglyceride`` stays whole (the lexicon later
splits "Water/Glycerin/Petrolatum", whose parts are different known names).

Separators are commas (not between digits), semicolons, newlines, bullets and
sentence breaks (". " before a capital or a mark); those inside a matched
pair of brackets do not count, so ``Water (Aqua, Eau)`` is one item. A
bracket that never closes is reported and then ignored. Headers, kits,
drug-facts panels and "may contain" tails are found by
:mod:`milia.ingredients.sections`; each item is cleaned by
:mod:`milia.ingredients.clean`. Decoding, punctuation and markup are handled
first by :mod:`milia.ingredients.text` (``decode_input`` and
``normalise_punctuation`` are re-exported here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from milia.ingredients.clean import CleanItem, clean_item, impossible_percent
from milia.ingredients.may_contain import cut_may_contain
from milia.ingredients.sections import segments
from milia.ingredients.text import clean_text, decode_input, normalise_punctuation

__all__ = ["Item", "ParsedText", "decode_input", "normalise_punctuation", "parse_ingredient_text"]

#: Items kept from one text; more than this is not a product's list.
MAX_ITEMS = 2000

_PY_LIST = re.compile(r"^\[\s*(['\"]).*\]$", re.DOTALL)
_PLACEHOLDER = re.compile(
    r"^(?:no\s*info(?:rmation)?(?:\s+available)?|n\s*/?\s*a|none|null|nan|unknown|tbd|tba|"
    r"not\s+(?:available|listed|provided)|coming\s+soon|see\s+(?:packaging|package|box|label)|"
    r"visit\s+the\s+.{1,80}?\s+boutique|ingredients?\s*:?|[-.\s?]*)\.?$",
    re.IGNORECASE | re.DOTALL,
)
_MISSING_SEP = re.compile(r"(\d\s*%)(?=[A-Za-z])|\s*\((?:and|&)\)\s*|\s+&\s+(?=[A-Z])")
_FREE_FROM = re.compile(
    r"\b(?:(?:do(?:es)?|will)\s+not\s+contain|free\s+(?:from|of)|formulated\s+without|"
    r"made\s+without|contains?\s+no)\b",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    # A separator's first character comes first, so the scan is fast: commas
    # (not between digits: 1,2-Hexanediol), semicolons, newlines, and a period
    # that ends a sentence (not "Ext.", "No.", "St.", a botanical "Var." or "Subsp."),
    # also when a footnote mark
    # follows it unspaced ("Coumarin.*Plant Origin.").
    r"\n\s*|;\s*|,(?!(?<=\d,)\d)\s*"
    r"|\.(?<!\bExt\.)(?<!\bNo\.)(?<!\bSt\.)(?<!\bNos\.)(?<![Vv]ar\.)(?<![Ss]ubsp\.)"
    r"(?:\s+(?=[A-Z*†‡+(\[])|(?=[*†‡])|\s*$)"
)
#: A list's last item with a marked footnote glued on: "Phenoxyethanol *Hadasei-3.".
_TRAILING_NOTE = re.compile(r"^(.*[A-Za-z0-9)\]])\s+([*†‡]+\s*[A-Za-z].*)$")
_NUMBERED = re.compile(r"(?:^|(?<=\s))\d{1,3}\s*[.)]\s+(?=[A-Za-z])")
#: What every :data:`_NUMBERED` match contains; a scan for it is several times faster.
_NUMBER_MARK = re.compile(r"\d\s*[.)]\s")
_USUAL_SEPARATORS = re.compile(r"[,;\n]")
_SEPARATOR_SPLIT = re.compile("(" + _SEPARATOR.pattern + ")")
_PROTECT = str.maketrans({",": "\x01", ";": "\x02", ".": "\x03", "\n": "\x04"})
_UNPROTECT = str.maketrans({"\x01": ",", "\x02": ";", "\x03": ".", "\x04": "\n"})
#: A quoted item, its escapes kept (loop unrolled: one branch per escape, not per letter).
_QUOTED = re.compile(r"'([^'\\]*(?:\\.[^'\\]*)*)'|\"([^\"\\]*(?:\\.[^\"\\]*)*)\"")
_BRACKET = re.compile(r"[()\[\]{}]")
_KEY_BULLET = re.compile(r"(?:^|\s)-\s*([A-Za-z][^:,\n]{1,50}):\s+[A-Za-z]")
# "-Name: one sentence of description." (the description ends at its first period)
_KEY_BULLET_SPAN = re.compile(r"(?:^|\s)-\s*([A-Za-z][^:,\n]{1,50}):\s+[A-Za-z][^.]*(?:\.(?!\d)|$)")
#: A remainder with at least this many items is taken as the full list.
_FULL_LIST_ITEMS = 5
_CLOSERS = {")": "(", "]": "[", "}": "{"}


@dataclass(slots=True)
class Item:
    """One ingredient item in label order (not frozen: a frozen one is 3-4x slower to make).

    Attributes
    ----------
    item : CleanItem
        The cleaned item (text as written, name to look up, percent).
    may_contain : bool
        True when the item is in a "may contain" / ``[+/-]`` tail.
    list_index : int
        Which list of the text (0-based; kits have several).
    position_in_list : int
        1-based position inside its own list.
    """

    item: CleanItem
    may_contain: bool
    list_index: int
    position_in_list: int


@dataclass(slots=True)
class ParsedText:
    """Items of a text plus the problems met while cutting it."""

    items: list[Item] = field(default_factory=list)
    issues: list[dict[str, str]] = field(default_factory=list)
    list_sizes: list[int] = field(default_factory=list)
    #: A kit part's header per list ("Cleanser", "Eye Cream"), else ``None``.
    list_labels: list[str | None] = field(default_factory=list)
    products: int = 0
    #: Items dropped as prose, footnotes or codes (still scanned for drugs).
    dropped: list[str] = field(default_factory=list)

    def issue(self, code: str, message: str) -> None:
        """Record a problem once per code (the first message of a code is kept).

        Parameters
        ----------
        code : str
            The issue's code (``html``, ``unbalanced_brackets``, ...).
        message : str
            What was wrong and what was done, for the reader.
        """
        if all(i["code"] != code for i in self.issues):
            self.issues.append({"code": code, "message": message})


def parse_ingredient_text(text: str) -> ParsedText:
    """Cut an ingredient text into items.

    Parameters
    ----------
    text : str
        The text as pasted or scraped.

    Returns
    -------
    ParsedText
        Items in label order (only ``kind == "ingredient"`` items) and issues.
    """
    out = ParsedText()
    text = clean_text(text, out.issue)
    if not text.strip():
        out.issue("empty", "no text was given; paste the product's ingredient list")
        return out
    stripped = text.strip()
    if _PLACEHOLDER.match(stripped):
        out.issue(
            "placeholder",
            f"the text {stripped[:60]!r} is a placeholder, not an ingredient list",
        )
        return out
    if _PY_LIST.match(stripped):
        items = _python_list(stripped)
        if items is not None:
            _add_list(out, [(s, False) for s in items], may_contain_from=len(items))
            return _finish(out)
    if stripped.startswith("-") and len(_KEY_BULLET.findall(stripped)) >= 2:
        return _key_ingredient_bullets(stripped, out)
    for segment, new_product, label in segments(text, out.issue, out.dropped):
        main, tail = cut_may_contain(segment)
        pieces = _split(main, out)
        cut = len(pieces)
        if tail:
            pieces.extend(_split(tail, out))
        _add_list(out, pieces, may_contain_from=cut, new_product=new_product, label=label)
    return _finish(out)


def _key_ingredient_bullets(text: str, out: ParsedText) -> ParsedText:
    """ "-Glycolic Acid: reduces ... -Lactic Acid: ..." -- key ingredients described in prose.

    The named ingredients are checked; when a full list follows the bullets
    ("Step One: Water, ..."), that list is read instead.
    """
    names = [m.group(1) for m in _KEY_BULLET_SPAN.finditer(text)]
    rest = _KEY_BULLET_SPAN.sub("\n", text)
    full = ParsedText()
    for segment, new_product, _label in segments(rest, full.issue, full.dropped):
        main, tail = cut_may_contain(segment)
        pieces = _split(main, full)
        cut = len(pieces)
        if tail:
            pieces.extend(_split(tail, full))
        _add_list(full, pieces, may_contain_from=cut, new_product=new_product)
    # a remainder that is itself a bullet ("-Avobenzone 3%, Octisalate 5%, ...: Provide sun
    # protection") names key ingredients too; only a plain list is the full list
    if len(full.items) >= _FULL_LIST_ITEMS and not rest.strip().startswith("-"):
        full.dropped.extend(names)  # still scanned for drugs
        out.issue("prose", "descriptions of key ingredients before the list were ignored")
        full.issues = out.issues + full.issues
        return _finish(full)
    out.issue(
        "prose",
        "the text describes key ingredients in prose rather than listing them all; "
        "only the ingredients it names were checked",
    )
    pieces = [(n, False) for n in names]
    pieces.extend((i.item.text, False) for i in full.items)
    _add_list(out, pieces, may_contain_from=len(pieces))
    return _finish(out)


def _python_list(stripped: str) -> list[str] | None:
    """Items of a Python-list string such as ``"['water', 'glycerin']"``, else ``None``."""
    # one scan: [between, 'single', "double", between, ...]; only commas and blanks between
    parts = _QUOTED.split(stripped[1:-1])
    if any(between.strip(" ,\n") for between in parts[::3]):
        return None
    items = [a or b or "" for a, b in zip(parts[1::3], parts[2::3], strict=True)]
    return [i.replace("\\'", "'").replace('\\"', '"') if "\\" in i else i for i in items] or None


def _split(segment: str, out: ParsedText) -> list[tuple[str, bool]]:
    """Cut one list into raw items; each with "follows a sentence break"."""
    if _NUMBER_MARK.search(segment) and len(_NUMBERED.findall(segment)) >= 3:
        segment = _NUMBERED.sub("\n", segment)  # "1. Water 2. Glycerin" or "1) Water"
    elif not _USUAL_SEPARATORS.search(segment):
        for alternative in (" - ", " | ", " / ", " + "):
            if segment.count(alternative) >= 2:
                segment = segment.replace(alternative, ", ")
                break
    if "%" in segment or "&" in segment or "(and)" in segment.lower():
        segment = _MISSING_SEP.sub(_missing_separator, segment)
    if "free" in segment or "ontain" in segment or "without" in segment:
        cut = _FREE_FROM.search(segment)
        if cut is not None:
            out.issue(
                "prose",
                f"a 'free from' statement was ignored: {segment[cut.start() :][:80]!r}",
            )
            segment = segment[: cut.start()]
    inside = _bracket_spans(segment, out)
    if inside:
        # Protect separators inside brackets, then split at C speed.
        chunks: list[str] = []
        last = 0
        for begin, end in inside:
            chunks.append(segment[last:begin])
            chunks.append(segment[begin:end].translate(_PROTECT))
            last = end
        chunks.append(segment[last:])
        segment = "".join(chunks)
    parts = _SEPARATOR_SPLIT.split(segment)
    pieces: list[tuple[str, bool]] = []
    after_break = False
    for i in range(0, len(parts), 2):
        piece = parts[i]
        # protected marks are control characters: a printable piece holds none
        if inside and not piece.isprintable():
            piece = piece.translate(_UNPROTECT)
        pieces.append((piece, after_break))
        if i + 1 < len(parts):
            after_break = parts[i + 1].startswith(".")
    while len(pieces) > 1 and not pieces[-1][0].strip():
        pieces.pop()
    if pieces and ("*" in pieces[-1][0] or "†" in pieces[-1][0] or "‡" in pieces[-1][0]):
        glued = _TRAILING_NOTE.match(pieces[-1][0].strip())
        if glued is not None:  # the note after the last name, as if after a full stop
            pieces[-1:] = [(glued.group(1), pieces[-1][1]), (glued.group(2), True)]
    return pieces


def _missing_separator(found: re.Match[str]) -> str:
    return f"{found.group(1)}, " if found.group(1) else ", "


def _bracket_spans(segment: str, out: ParsedText) -> list[tuple[int, int]]:
    if not any(c in segment for c in "()[]{}"):
        return []
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    unbalanced = False
    for m in _BRACKET.finditer(segment):
        ch = m.group(0)
        if ch in "([{":
            stack.append((ch, m.start()))
        elif stack and stack[-1][0] == _CLOSERS[ch]:
            _, begin = stack.pop()
            if m.start() - begin <= 200:
                spans.append((begin, m.start()))
            else:
                unbalanced = True
        else:
            unbalanced = True
    if stack or unbalanced:
        out.issue(
            "unbalanced_brackets",
            "brackets that never close (or never open) were found; they were ignored",
        )
    spans.sort()
    merged: list[tuple[int, int]] = []
    for begin, end in spans:  # keep outermost spans only, in order
        if merged and begin < merged[-1][1]:
            continue
        merged.append((begin, end))
    return merged


def _add_list(
    out: ParsedText,
    pieces: list[tuple[str, bool]],
    *,
    may_contain_from: int,
    new_product: bool = True,
    label: str | None = None,
) -> None:
    list_index = len(out.list_sizes)
    position = 0
    empty = 0
    items = out.items
    room = MAX_ITEMS - len(items)
    for index, (raw, brk) in enumerate(pieces):
        if room <= 0:
            out.issue("too_long", f"only the first {MAX_ITEMS} items were checked")
            break
        item = clean_item(raw, brk)
        if item.kind == "ingredient":
            position += 1
            room -= 1
            items.append(Item(item, index >= may_contain_from, list_index, position))
            if item.percent is None and (over := impossible_percent(item.text)) is not None:
                out.issue(
                    "impossible_percent",
                    f"{item.text[:60]!r} prints {over:g} %, more than 100 %; the number "
                    "was ignored",
                )
        elif item.kind == "empty":
            empty += raw.strip() == "" and index not in (0, len(pieces) - 1)
        elif item.kind == "prose":
            out.dropped.append(item.text)
            out.issue("prose", f"prose in the list was ignored: {item.text[:80]!r}")
        elif item.kind == "stock_code":
            out.issue("stock_code", f"a stock or batch code was ignored: {item.text[:40]!r}")
        elif item.kind == "footnote":
            out.issue("footnote", f"a footnote was ignored: {item.text[:60]!r}")
    if empty:
        out.issue("empty_items", "empty items (two separators in a row) were skipped")
    printed = [i.item.percent for i in items[len(items) - position :] if not i.may_contain]
    total = sum(p for p in printed if p is not None)
    if total > _MOST_PERCENT:  # each <= 100, yet "Aqua 70%, Glycerin 40%" (QA F9-C12)
        out.issue(
            "percents_over_100",
            f"the percentages printed in one list add up to {total:g} %, more than 100 %; "
            "at least one is wrong, and each was read as printed",
        )
    if position:
        out.list_sizes.append(position)
        out.list_labels.append(label)
        out.products += new_product or out.products == 0


#: Printed percents of one list may add up a little over 100 by rounding.
_MOST_PERCENT = 101.0


def _finish(out: ParsedText) -> ParsedText:
    if out.products > 1:
        out.issue(
            "several_lists",
            f"the text holds {out.products} ingredient lists (a kit?); positions run on "
            "across them, and each ingredient is weighted by its place in its own list",
        )
    if not out.items and all(i["code"] not in ("empty", "placeholder") for i in out.issues):
        out.issue(
            "not_an_ingredient_list",
            "the text does not look like an ingredient list; paste the list as printed on the pack",
        )
    return out
