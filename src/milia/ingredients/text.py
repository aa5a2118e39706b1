"""Text as pasted, before it is cut into items: decoding, punctuation, markup.

Bytes are decoded as UTF-8, else Windows-1252 (binary data is refused);
Unicode dashes, quotes, spaces and bullets become ASCII; HTML tags and
entities and control characters are removed. :mod:`milia.ingredients.tokenize`
then cuts the cleaned text into items.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Callable

from milia.errors import IngredientParseError

__all__ = ["EMPTY_LIST", "clean_text", "decode_input", "has_words", "normalise_punctuation"]

#: What every front end says of a pasted list with no letter or digit (QA F8-29).
EMPTY_LIST = "the ingredient list is empty; paste it as printed on the pack"


def has_words(text: str) -> bool:
    """Whether ``text`` holds a letter or digit: a list to check, not a blank paste."""
    return any(ch.isalnum() for ch in text)


_TRANSLATE = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ", "\t": "\n",
        "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
        "\u2122": None, "\u00ae": None, "\u00a9": None, "\u2120": None,
        "\uff0c": ",", "\u3001": ",", "\u060c": ",", "\uff1b": ";", "\uff1a": ":",
        "\u2022": ",", "\u00b7": ",", "\u25cf": ",", "\u25aa": ",", "\u2219": ",",
        "\uff08": "(", "\uff09": ")", "\uff3b": "[", "\uff3d": "]", "\uff0f": "/",
        "\r": "\n",
    }
)  # fmt: skip
#: The characters :data:`_TRANSLATE` changes: found by one regex scan (C speed), each
#: replaced by its table value (``str.translate`` with a dict costs a look-up per character).
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(c)) for c in _TRANSLATE) + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_TEXTLIKE = re.compile(r"[A-Za-z0-9\s,.;:()\[\]/%*'\"&+-]")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_BLOCK_TAGS = frozenset({"br", "p", "li", "div", "tr", "td", "ul", "ol", "h1", "h2", "h3", "h4"})
#: Markup whose contents are never shown on a page: a comment, or a script or style block.
_HIDDEN_OPEN = re.compile(r"<!--|<\s*(script|style)\b[^<>]*>", re.IGNORECASE)
_HIDDEN_CLOSE = {
    "script": re.compile(r"<\s*/\s*script\s*>", re.IGNORECASE),
    "style": re.compile(r"<\s*/\s*style\s*>", re.IGNORECASE),
}


def _from_utf16(raw: bytes) -> bytes:
    """UTF-16 text marked by its byte-order mark, as UTF-8 bytes (NUL bytes remain only
    if the text itself holds NUL characters, and are refused as binary then)."""
    try:
        return raw.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        raise IngredientParseError(
            "the input starts as UTF-16 text but does not decode as UTF-16; "
            "paste the ingredient list as text",
            field="text",
        ) from None


def decode_input(text: object) -> str:
    """Return ``text`` as ``str``; decode bytes, refuse binary data and other types.

    Parameters
    ----------
    text : object
        The ingredient list: ``str``, or bytes (UTF-16 when they start with its
        byte-order mark, else UTF-8, else Windows-1252, as spreadsheets save text).

    Returns
    -------
    str
        The text, as given or decoded.

    Raises
    ------
    IngredientParseError
        For binary bytes or a value that is neither ``str`` nor ``bytes``.
    """
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raw = _from_utf16(raw)  # "Unicode text" from Excel or Notepad (QA F15-14)
        if b"\x00" in raw:
            raise IngredientParseError(
                "the input is binary data, not text; paste the ingredient list as text",
                field="text",
            )
        try:
            decoded = raw.decode("utf-8")
            plain = True
        except UnicodeDecodeError:
            decoded = raw.decode("cp1252", errors="replace")
            # Windows-1252 decodes any byte: real text is still mostly plain ASCII.
            odd = len(decoded) - len(_TEXTLIKE.findall(decoded))
            plain = odd <= max(2, 0.15 * len(decoded))
        bad = len(_CONTROL.findall(decoded))
        if not plain or bad > max(2, len(decoded) // 50):
            raise IngredientParseError(
                "the input does not decode as text (UTF-8 or Windows-1252); "
                "paste the ingredient list as text",
                field="text",
            )
        return decoded
    raise IngredientParseError(
        f"text must be a string, got {type(text).__name__}; pass the ingredient list as text",
        field="text",
    )


def normalise_punctuation(text: str) -> str:
    """Unicode dashes, quotes, spaces and bullets -> ASCII; drop zero-width and TM marks."""
    if text.isascii() and "\t" not in text and "\r" not in text:
        return text  # nothing to translate (the table's only ASCII keys are tab and CR)
    return _TRANSLATED.sub(_translate_one, text)


def _translate_one(found: re.Match[str]) -> str:
    return found.group().translate(_TRANSLATE)


def clean_text(text: str, issue: Callable[[str, str], None]) -> str:
    """Punctuation to ASCII, HTML markup and entities out, control characters out.

    Parameters
    ----------
    text : str
        The pasted text.
    issue : callable
        ``issue(code, message)`` is told of the markup (``"html"``) and control
        characters (``"control_characters"``) removed.

    Returns
    -------
    str
        The text to cut into items (script and style blocks and comments dropped,
        block tags read as line breaks).
    """
    text = normalise_punctuation(text)
    if "<" in text and ("<!--" in text or _TAG.search(text)):
        issue("html", "the text contained HTML markup, which was removed")
        text = _drop_hidden_markup(text)
        text = _TAG.sub(lambda m: "\n" if m.group(2).lower() in _BLOCK_TAGS else " ", text)
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if _CONTROL.search(text):
        issue("control_characters", "control characters were removed from the text")
        text = _CONTROL.sub(" ", text)
    return text


def _drop_hidden_markup(text: str) -> str:
    """Remove HTML comments and script/style blocks with their contents (never visible text).

    An unclosed comment or block loses only its opening tag (its text is kept and read as
    the rest of the list); each close is searched at most once per kind, so the cost stays
    linear in the length of the text whatever the number of openings.
    """
    parts: list[str] = []
    position = 0
    unclosed: set[str] = set()
    for opening in _HIDDEN_OPEN.finditer(text):
        if opening.start() < position:
            continue  # inside a block already dropped
        kind = (opening.group(1) or "--").lower()
        if kind in unclosed:
            continue
        if kind == "--":
            end = text.find("-->", opening.end())
            stop = end + 3 if end >= 0 else -1
        else:
            close = _HIDDEN_CLOSE[kind].search(text, opening.end())
            stop = close.end() if close else -1
        if stop < 0:
            unclosed.add(kind)
            continue
        parts.append(text[position : opening.start()])
        parts.append(" ")
        position = stop
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)
