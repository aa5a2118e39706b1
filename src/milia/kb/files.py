"""Strict parsing of knowledge-base data files, and the validator's finding type.

YAML is parsed with a SafeLoader that refuses duplicate keys (PyYAML would
silently keep the last one); JSON as usual; CSV and TSV as lists of row
dicts, with ``#`` comment lines skipped so generated tables can say what
generated them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

import yaml

from milia.errors import KnowledgeBaseError

__all__ = ["DATA_SUFFIXES", "Problem", "parse_data_file"]

DATA_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".tsv")


@dataclass(frozen=True)
class Problem:
    """One finding of the validator.

    Attributes
    ----------
    severity : {"error", "warning"}
        Errors make the knowledge base invalid; warnings do not.
    code : str
        Stable machine name, e.g. ``"unknown_source"``, ``"missing_source"``,
        ``"duplicate_id"``, ``"probability_out_of_range"``.
    file : str
        Path relative to ``kb/data``.
    location : str
        Where in the file, e.g. ``"claims[3].sources[0]"``.
    message : str
        What is wrong and how to fix it.
    """

    severity: Literal["error", "warning"]
    code: str
    file: str
    location: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Return the problem as a JSON-ready dict."""
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.severity}: {self.file}:{self.location}: [{self.code}] {self.message}"


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that refuses duplicate mapping keys (PyYAML silently keeps the last)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    mapping: dict[Any, Any] = loader.construct_mapping(node)
    return mapping


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def parse_data_file(relpath: str, text: str) -> Any:
    """Parse one data file by its suffix (YAML strictly, JSON, CSV/TSV as row dicts).

    CSV and TSV lines starting with ``#`` are comments (generated tables say
    what generated them there).

    Parameters
    ----------
    relpath : str
        The file's path under ``kb/data`` (its suffix picks the parser; it also
        names the file in messages).
    text : str
        The file's text.

    Returns
    -------
    Any
        The parsed YAML or JSON; for CSV/TSV, a list of row dicts keyed by the
        header.

    Raises
    ------
    KnowledgeBaseError
        If the file cannot be parsed.
    """
    try:
        if relpath.endswith((".yaml", ".yml")):
            return yaml.load(text, Loader=_StrictLoader)
        if relpath.endswith(".json"):
            return json.loads(text)
        if relpath.endswith((".csv", ".tsv")):
            lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
            delimiter = "\t" if relpath.endswith(".tsv") else ","
            return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    except (yaml.YAMLError, json.JSONDecodeError, csv.Error) as exc:
        raise KnowledgeBaseError(f"{relpath} cannot be parsed: {exc}") from exc
    raise KnowledgeBaseError(f"{relpath}: unsupported data file type")
