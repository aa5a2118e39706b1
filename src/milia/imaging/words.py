"""Plain words for the analysis's ids, for people reading a result (QA F10-07).

The contract (``../shared/spec/photo-format.md``) keeps its ids
(``chin_mouth``, ``milia_like``, ``very_light``); the text output, the overlay
and the web page say them in words.
"""

from __future__ import annotations

__all__ = ["plain_group", "plain_kind", "plain_region"]

_REGIONS = {
    "eyelids": "eyelids",
    "forehead": "forehead",
    "nose": "nose",
    "cheeks": "cheeks",
    "chin_mouth": "chin and mouth",
    "other": "other",
}
_KINDS = {"milia_like": "milia-like", "inflamed": "inflamed"}


def plain_region(region: str) -> str:
    """A region id in words: ``"chin_mouth"`` -> ``"chin and mouth"``.

    Parameters
    ----------
    region : str
        A region id of the photo contract; another id is returned with its
        underscores as spaces.

    Returns
    -------
    str
        The region in words.
    """
    return _REGIONS.get(region, region.replace("_", " "))


def plain_kind(kind: str) -> str:
    """A finding's kind in words: ``"milia_like"`` -> ``"milia-like"``."""
    return _KINDS.get(kind, kind.replace("_", " "))


def plain_group(group: str) -> str:
    """An ITA group in words: ``"very_light"`` -> ``"very light"``."""
    return group.replace("_", " ")
