"""Read the knowledge base's data files from the installed package.

Data lives in ``milia/kb/data/`` and is read with :mod:`importlib.resources`
(never ``Path(__file__)``), so it works from a wheel as from a checkout.

This module offers the low-level access every concern uses for its own
tables (``read_yaml("model/likelihoods.yaml")``,
``read_text("ingredients/inci.csv")``), :func:`knowledge_version`, which
every output carries, and :func:`load_knowledge`, the typed and cross-checked
knowledge base (conditions, milia types, claims, treatments, sources).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

import yaml

from milia.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from milia.kb.knowledge import KnowledgeBase

__all__ = ["data_files", "knowledge_version", "load_knowledge", "read_text", "read_yaml"]

# libyaml's C parser when present: ~10x faster than the pure-Python SafeLoader, same results.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_DATA_PACKAGE = "milia.kb"
_DATA_DIR = "data"


def _data_root() -> Traversable:
    return resources.files(_DATA_PACKAGE).joinpath(_DATA_DIR)


def _resolve(relpath: str) -> Traversable:
    node = _data_root()
    for part in relpath.strip("/").split("/"):
        if part in ("", ".", ".."):
            raise KnowledgeBaseError(f"invalid data path {relpath!r}; use a path inside kb/data")
        node = node.joinpath(part)
    if not node.is_file():
        raise KnowledgeBaseError(
            f"knowledge base file {relpath!r} is missing; reinstall milia or restore kb/data"
        )
    return node


@cache
def read_text(relpath: str) -> str:
    """Return the text of a file under ``kb/data`` (UTF-8).

    Parameters
    ----------
    relpath : str
        Path relative to ``kb/data``, with ``/`` separators.

    Raises
    ------
    KnowledgeBaseError
        If the file does not exist.
    """
    return _resolve(relpath).read_text(encoding="utf-8")


@cache
def read_yaml(relpath: str) -> Any:
    """Parse a YAML file under ``kb/data`` (cached; treat the result as read-only).

    Parameters
    ----------
    relpath : str
        Path relative to ``kb/data``, with ``/`` separators
        (``"ingredients/categories.yaml"``).

    Returns
    -------
    Any
        The parsed document, shared by every caller: never change it.

    Raises
    ------
    KnowledgeBaseError
        If the file is missing or is not valid YAML.
    """
    try:
        return yaml.load(read_text(relpath), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{relpath} is not valid YAML: {exc}") from exc


def data_files() -> list[str]:
    """List every data file under ``kb/data`` as sorted relative paths."""
    found: list[str] = []

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            name = f"{prefix}{child.name}"
            if child.is_dir():
                if not child.name.startswith(("_", ".")):
                    walk(child, f"{name}/")
            elif child.name.endswith((".yaml", ".yml", ".csv", ".json", ".tsv")):
                found.append(name)

    walk(_data_root(), "")
    return sorted(found)


@cache
def knowledge_version() -> str:
    """Version of the knowledge base: declared version plus a content digest.

    Returns
    -------
    str
        ``"<declared>+<sha256[:10]>"``, e.g. ``"2026.11.0+3f2a9c1b7d"``; any edit
        to any data file changes it.
    """
    digest = hashlib.sha256()
    for rel in data_files():
        digest.update(rel.encode())
        digest.update(_resolve(rel).read_bytes())
    try:
        declared = str(read_yaml("manifest.yaml")["version"])
    except (KnowledgeBaseError, KeyError, TypeError):
        declared = "0"
    return f"{declared}+{digest.hexdigest()[:10]}"


@cache
def load_knowledge() -> KnowledgeBase:
    """Load the cited knowledge base (cached; the result is read-only).

    Returns
    -------
    KnowledgeBase
        ``.version`` (= :func:`knowledge_version`), ``.sources``,
        ``.conditions``, ``.milia_types``, ``.claims``, ``.treatments``,
        ``.get(id)`` for any record, ``.cite(ids)`` for JSON-ready citations
        and ``.to_dict()`` for the whole base as plain data.

    Raises
    ------
    KnowledgeBaseError
        If a file is missing or invalid, or a record cites an unknown id;
        ``milia kb validate`` lists every problem at once.

    Examples
    --------
    >>> kb = load_knowledge()
    >>> kb.get("milia").codes[0].code
    '254679001'
    >>> kb.cite(["berk2008"])[0]["doi"]
    '10.1016/j.jaad.2008.07.034'
    """
    from milia.kb.build import CORE_FILES, build_knowledge

    raw = {name: read_yaml(name) for name in CORE_FILES}
    return build_knowledge(raw, version=knowledge_version())
