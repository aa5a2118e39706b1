"""Lookup keys for ingredient names.

Labels spell one ingredient many ways: ``PEG-100 Stearate``, ``Peg- 100 stearate``,
``peg100 stearate``; ``Ethylhexylglycerin`` and ``ethylhexyl glycerin``. The
lookup key keeps only letters and digits, upper-cased, so all of these meet
in one dictionary entry; the few collisions this causes between real INCI
names are resolved by taking the first name in the table's order.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["lookup_key", "spaced_key"]

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_STRIP_ACCENTS = dict.fromkeys(range(0x300, 0x370))
_ISED = re.compile(r"ISED\b")
_HCI = re.compile(r"(?<=[^A-Z])HCI\b|^HCI\b")


@lru_cache(maxsize=65536)
def lookup_key(name: str) -> str:
    """Return the compact lookup key of an ingredient name (cached: one unknown name is
    looked up in several readings, and half of the look-ups repeat one).

    Parameters
    ----------
    name : str
        An ingredient name as written (any case, punctuation, accents).

    Returns
    -------
    str
        Upper-case letters and digits only; ``""`` when none remain.

    Examples
    --------
    >>> lookup_key("Peg- 100 Stearate")
    'PEG100STEARATE'
    >>> lookup_key("Caprylic/Capric Triglyceride") == lookup_key("caprylic capric triglyceride")
    True
    >>> lookup_key("Sodium Lauryl Sulphate") == lookup_key("SODIUM LAURYL SULFATE")
    True
    """
    return _NON_ALNUM.sub("", _fold(name))


def spaced_key(name: str) -> str:
    """Return the name upper-cased with runs of punctuation turned into one space.

    Used for fuzzy matching, where word boundaries help the scorer.

    Parameters
    ----------
    name : str
        A name as written.

    Returns
    -------
    str
        The key (accents folded, British spellings made CosIng's, as
        :func:`lookup_key` does).

    Examples
    --------
    >>> spaced_key("cetearyl  alchol*")
    'CETEARYL ALCHOL'
    """
    return _NON_ALNUM.sub(" ", _fold(name)).strip()


def _fold(name: str) -> str:
    if name.isascii():
        upper = name.upper()
    else:
        upper = unicodedata.normalize("NFKD", name).translate(_STRIP_ACCENTS).upper()
    # British spellings on labels; CosIng writes SULFATE, HYDROLYZED and ALUMINUM.
    if "SULPH" in upper:
        upper = upper.replace("SULPH", "SULF")
    if "LYSED" in upper:
        upper = upper.replace("HYDROLYSED", "HYDROLYZED")
    if "ALUMINIUM" in upper:
        upper = upper.replace("ALUMINIUM", "ALUMINUM")
    # -ised for -ized ("ozonised", "oxidised"): CosIng writes OZONIZED, OXIDIZED and has
    # no word ending in -ISED, so folding both sides merges no two CosIng names.
    if "ISED" in upper:
        upper = _ISED.sub("IZED", upper)
    # "HCl" printed or pasted with a capital I ("Lysine HCI"); CosIng writes HCL.
    if "HCI" in upper:
        upper = _HCI.sub("HCL", upper)
    return upper
