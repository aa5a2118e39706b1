"""Ingredient names written in a script milia does not read (QA F7-22).

milia reads INCI names, which are written in the Latin alphabet. A name in
Cyrillic, Hangul, Chinese characters, kana, Arabic, ... ("Вазелин", "페트롤라툼",
"凡士林": all petrolatum) cannot be looked up: its lookup key keeps only Latin
letters, so the name must never be joined to a neighbour ("Glycerin",
"Вазелин" read as GLYCERIN lost petrolatum's risk) and counts as unrecognised,
so that the summary warns that risks may be missed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from milia.ingredients.tokenize import ParsedText

__all__ = [
    "foreign_script",
    "has_foreign_letters",
    "report_foreign_scripts",
    "script_names",
    "unread_script",
]

#: The first word of a letter's Unicode name -> the script as shown to people.
_SCRIPTS = {
    "CYRILLIC": "Cyrillic (e.g. Russian, Ukrainian)",
    "HANGUL": "Korean (Hangul)",
    "CJK": "Chinese characters (Chinese or Japanese)",
    "HIRAGANA": "Japanese (kana)",
    "KATAKANA": "Japanese (kana)",
    "ARABIC": "Arabic",
    "GREEK": "Greek",
    "HEBREW": "Hebrew",
    "THAI": "Thai",
    "DEVANAGARI": "Devanagari (e.g. Hindi)",
    "ARMENIAN": "Armenian",
    "GEORGIAN": "Georgian",
    "BENGALI": "Bengali",
    "TAMIL": "Tamil",
}


@lru_cache(maxsize=4096)
def _letter_script(char: str) -> str | None:
    """``"LATIN"`` for a Latin letter, a :data:`_SCRIPTS` key or ``"OTHER"`` for another letter."""
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    if first == "LATIN":
        return "LATIN"
    return first if first in _SCRIPTS else "OTHER"


def _counts(text: str) -> tuple[int, dict[str, int]]:
    latin = 0
    others: dict[str, int] = {}
    for char in text:
        if char.isascii():
            latin += char.isalpha()
            continue
        if not char.isalpha():
            continue
        script = _letter_script(char)
        if script == "LATIN":
            latin += 1
        elif script is not None:
            others[script] = others.get(script, 0) + 1
    return latin, others


def has_foreign_letters(text: str) -> bool:
    """Whether ``text`` holds any letter outside the Latin alphabet.

    Parameters
    ----------
    text : str
        An ingredient name as written.

    Returns
    -------
    bool
        ``False`` at once for ASCII text; accented Latin letters ("é", "ö") are Latin.

    Examples
    --------
    >>> has_foreign_letters("Glycérine"), has_foreign_letters("Вазелин")
    (False, True)
    """
    if text.isascii():
        return False
    return bool(_counts(text)[1])


def foreign_script(text: str) -> str | None:
    """The script of a name written mostly outside the Latin alphabet, else ``None``.

    Parameters
    ----------
    text : str
        An ingredient name as written. A name with as many Latin letters as
        others ("Aqua (Вода)") is readable: its Latin part is looked up.

    Returns
    -------
    str or None
        The script's name for people ("Korean (Hangul)"), or ``None``.

    Examples
    --------
    >>> foreign_script("페트롤라툼"), foreign_script("Aqua (Вода)")
    ('Korean (Hangul)', None)
    """
    if text.isascii():
        return None
    latin, others = _counts(text)
    if not others or sum(others.values()) <= latin:
        return None
    top = max(others, key=lambda s: others[s])
    return _SCRIPTS.get(top, "a non-Latin script")


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def unread_script(text: str) -> str | None:
    """The script of letters in ``text`` that a lookup would silently drop, else ``None``.

    A name written mostly in another script (:func:`foreign_script`), or one
    whose words outside brackets mix a Latin name with a word of another
    script ("Glycerin Вазелин": two names run together, read as GLYCERIN
    alone). A bracketed translation ("Aqua (Вода)", "Вазелин (Petrolatum)")
    and a single Greek letter ("β-Glucan") are read.

    Parameters
    ----------
    text : str
        An ingredient name as written.

    Returns
    -------
    str or None
        The script's name for people, or ``None`` when the name can be read.

    Examples
    --------
    >>> unread_script("Glycerin Вазелин"), unread_script("Вазелин (Petrolatum)")
    ('Cyrillic (e.g. Russian, Ukrainian)', None)
    """
    if text.isascii():
        return None
    found = foreign_script(text)
    if found is not None:
        return found
    outside = _BRACKETED.sub(" ", text)
    if not _counts(outside)[0]:
        return None
    for word in outside.split():
        others = _counts(word)[1]
        if sum(others.values()) >= 2:
            return _SCRIPTS.get(max(others, key=lambda s: others[s]), "a non-Latin script")
    return None


def script_names(names: list[str]) -> list[str]:
    """The distinct scripts of ``names`` (see :func:`unread_script`), in order of first use."""
    found = (unread_script(name) for name in names)
    return list(dict.fromkeys(s for s in found if s is not None))


def report_foreign_scripts(entries: list[tuple[str, str | None]], parsed: ParsedText) -> int:
    """Add a ``foreign_script`` issue for unread names in another script; return their count.

    Parameters
    ----------
    entries : list of (str, str or None)
        Each entry's text as written and its INCI name (``None`` when unrecognised).
    parsed : ParsedText
        Receives the issue: naming the script and asking for the INCI list when
        the whole list is in it, else naming the unread items.

    Returns
    -------
    int
        How many entries are unread names in another script.
    """
    foreign = [text for text, inci in entries if inci is None and unread_script(text)]
    scripts = " and ".join(script_names(foreign))
    if entries and len(foreign) == len(entries):
        parsed.issue(
            "foreign_script",
            f"this list is written in {scripts}; milia reads INCI names (the international "
            "names in the Latin alphabet): use the INCI list, often printed on the box or "
            "given on the maker's site",
        )
    elif foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        parsed.issue(
            "foreign_script",
            f"{len(foreign)} ingredient(s) with words in {scripts} could not be read ({shown}) "
            "and count as not recognised; their INCI names would let milia check them",
        )
    return len(foreign)
