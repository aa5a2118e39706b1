"""Validate every data file of the knowledge base, whoever wrote it.

The walker is generic: it knows no schema except a handful of key
conventions shared by every table under ``kb/data`` (YAML, JSON, CSV, TSV):

- ``sources`` or ``*_sources``: bibliography ids (CSV: separated by ``;``);
- a record with content (``text``, ``statement``, ``claim``, ``message``,
  ``description``, ``summary``, ``advice``, ``rationale``, ``explanation``)
  or an ``evidence`` key must carry ``sources``; ``sources: []`` is allowed
  only with ``evidence: expert_estimate`` (a parameter set by the team);
- ``evidence`` must be an :data:`milia.types.EvidenceLevel` and must not
  claim more than its strongest source supports;
- content never tells the user what they have ("you have …"): milia says
  "consistent with" or "most likely";
- ``id`` values are unique among siblings, and the ids of the core files
  (bibliography, conditions, types, claims, treatments) are unique across them;
- probabilities -- keys ``probability``, ``prior``, ``p``, ``p_present``,
  ``p_absent``, ``sensitivity``, ``specificity`` or ``*_probability`` -- lie in
  [0, 1], including every number nested under such a key (dict-of-dicts tables).

Unused bibliography entries, and cited ones without a url or doi, are reported
as warnings. The core files are also
typed with :mod:`milia.kb.schema` and cross-checked by
:func:`milia.kb.build.build_knowledge`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from milia.errors import KnowledgeBaseError
from milia.kb.files import DATA_SUFFIXES, Problem, parse_data_file
from milia.kb.schema import EVIDENCE_RANK
from milia.kb.validate_sources import BIBLIOGRAPHY, bibliography_ids, unfindable_sources
from milia.types import EVIDENCE_LEVELS

__all__ = ["Problem", "parse_data_file", "validate_knowledge"]

CONTENT_KEYS = frozenset(
    {
        "text",
        "statement",
        "claim",
        "message",
        "description",
        "summary",
        "advice",
        "rationale",
        "explanation",
    }
)
PROBABILITY_KEYS = frozenset(
    {"probability", "prior", "p", "p_present", "p_absent", "sensitivity", "specificity"}
)
# "You have X" is a diagnosis; milia only says "consistent with" / "most likely".
# Questions and conditionals ("Do you have…", "If you have…") are fine.
DIAGNOSTIC_WORDING = re.compile(
    r"(?<!do )(?<!if )(?<!when )(?<!whether )\byou(?: have|'ve got| are suffering from)\b",
    re.IGNORECASE,
)
_CORE = (
    "bibliography.yaml",
    "conditions.yaml",
    "milia_types.yaml",
    "claims.yaml",
    "treatments.yaml",
)


def _read_packaged() -> tuple[dict[str, Any], list[Problem]]:
    from milia.kb.loader import data_files, read_text

    data: dict[str, Any] = {}
    problems: list[Problem] = []
    for rel in data_files():
        try:
            data[rel] = parse_data_file(rel, read_text(rel))
        except KnowledgeBaseError as exc:
            problems.append(Problem("error", "unparsable", rel, "", exc.message))
    return data, problems


def _read_root(root: Path) -> tuple[dict[str, Any], list[Problem]]:
    if not root.is_dir():
        raise KnowledgeBaseError(f"knowledge-base root {str(root)!r} is not a directory")
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in DATA_SUFFIXES:
            rel = path.relative_to(root).as_posix()
            try:
                data[rel] = parse_data_file(rel, path.read_text(encoding="utf-8"))
            except KnowledgeBaseError as exc:
                problems.append(Problem("error", "unparsable", rel, "", exc.message))
            except UnicodeDecodeError as exc:
                problems.append(
                    Problem(
                        "error",
                        "unparsable",
                        rel,
                        "",
                        f"{rel} is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                        "save it as UTF-8",
                    )
                )
            except OSError as exc:
                problems.append(
                    Problem("error", "unparsable", rel, "", f"{rel} cannot be read: {exc.strerror}")
                )
    return data, problems


def validate_knowledge(
    data: Mapping[str, Any] | None = None, *, root: str | Path | None = None
) -> list[Problem]:
    """Check every knowledge-base data file and return all problems found.

    Parameters
    ----------
    data : Mapping[str, Any], optional
        Already-parsed files as ``{relpath: parsed}`` (CSV as a list of row
        dicts). Use this in tests to feed deliberately broken data.
    root : str or Path, optional
        A directory laid out like ``kb/data`` to read instead of the
        packaged data. Ignored when ``data`` is given.

    Returns
    -------
    list of Problem
        Errors first, then warnings; empty when the data are clean.
    """
    problems: list[Problem] = []
    if data is None:
        data, problems = _read_root(Path(root)) if root is not None else _read_packaged()
    known, caps = bibliography_ids(data, problems)
    used: set[str] = set()
    for rel in sorted(data):
        walker = _Walker(rel, known, caps, used, problems)
        if rel == BIBLIOGRAPHY and isinstance(data[rel], dict):
            walker.walk(data[rel].get("sources"), "sources")  # entries, not citations
        else:
            walker.walk(data[rel], "")
    _check_core_namespace(data, problems)
    _check_core_schema(data, problems)
    for source_id in known:
        if source_id not in used:
            problems.append(
                Problem(
                    "warning",
                    "unused_source",
                    BIBLIOGRAPHY,
                    source_id,
                    f"source {source_id!r} is not cited by any record",
                )
            )
    problems.extend(unfindable_sources(data, used))
    return sorted(problems, key=lambda p: (p.severity != "error", p.file, p.location))


class _Walker:
    def __init__(
        self, rel: str, known: set[str], caps: dict[str, int], used: set[str], out: list[Problem]
    ) -> None:
        self.rel, self.known, self.caps, self.used, self.out = rel, known, caps, used, out
        self.is_csv = rel.endswith((".csv", ".tsv"))

    def error(self, code: str, where: str, message: str) -> None:
        self.out.append(Problem("error", code, self.rel, where or "(top)", message))

    def walk(self, node: Any, where: str) -> None:
        if isinstance(node, dict):
            self.check_record(node, where)
            for key, value in node.items():
                if isinstance(key, str) and _is_probability_key(key):
                    self.check_probability(value, f"{where}.{key}".lstrip("."))
                elif isinstance(key, str) and _is_source_key(key):
                    continue
                else:
                    self.walk(value, f"{where}.{key}".lstrip("."))
        elif isinstance(node, list):
            self.check_sibling_ids(node, where)
            for i, item in enumerate(node):
                self.walk(item, f"{where}[{i}]")

    def source_ids(self, value: Any, where: str) -> list[str] | None:
        if self.is_csv and isinstance(value, str):
            return [s.strip() for s in value.split(";") if s.strip()]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return list(value)  # {source_id: what it contributes}
        self.error(
            "bad_sources", where, "sources must be a list of bibliography ids (or id -> note)"
        )
        return None

    def check_record(self, node: dict[Any, Any], where: str) -> None:
        cited: list[str] = []
        for key, value in node.items():
            if isinstance(key, str) and _is_source_key(key):
                ids = self.source_ids(value, f"{where}.{key}".lstrip("."))
                for j, source_id in enumerate(ids or []):
                    self.used.add(source_id)
                    if source_id not in self.known:
                        self.error(
                            "unknown_source",
                            f"{where}.{key}[{j}]".lstrip("."),
                            f"unknown source id {source_id!r}; add it to bibliography.yaml "
                            "or cite an existing id",
                        )
                if key == "sources":
                    cited = ids or []
        if self.rel == BIBLIOGRAPHY and where.startswith("sources["):
            return
        evidence = node.get("evidence")
        if evidence is not None and evidence not in EVIDENCE_LEVELS:
            self.error(
                "unknown_evidence",
                f"{where}.evidence".lstrip("."),
                f"unknown evidence level {evidence!r}; use one of {', '.join(EVIDENCE_LEVELS)}",
            )
        for key in CONTENT_KEYS:
            value = node.get(key)
            if isinstance(value, str) and DIAGNOSTIC_WORDING.search(value):
                self.error(
                    "diagnostic_wording",
                    f"{where}.{key}".lstrip("."),
                    "milia supports decisions and never diagnoses: say 'consistent with' or "
                    "'most likely', never 'you have'",
                )
        has_content = any(
            isinstance(node.get(k), str) and node[k].strip() for k in CONTENT_KEYS
        ) or ("evidence" in node)
        if not has_content:
            return
        label = f"record {node['id']!r}" if "id" in node else "this record"
        if "sources" not in node or (not cited and evidence != "expert_estimate"):
            self.error(
                "missing_source",
                where,
                f"{label} states something but cites no source; add 'sources: [...]' "
                "(only evidence: expert_estimate may have 'sources: []')",
            )
            return
        if isinstance(evidence, str) and evidence in EVIDENCE_RANK and cited:
            strongest = max(self.caps.get(s, 0) for s in cited)
            if EVIDENCE_RANK[evidence] > strongest:
                self.error(
                    "evidence_overstated",
                    f"{where}.evidence".lstrip("."),
                    f"{label} claims evidence {evidence!r}, stronger than any of its sources "
                    "supports; lower it or cite a stronger source",
                )

    def check_sibling_ids(self, items: list[Any], where: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if isinstance(item, dict) and "id" in item:
                item_id = str(item["id"])
                if item_id in seen:
                    self.error("duplicate_id", f"{where}[{i}].id", f"duplicate id {item_id!r}")
                seen.add(item_id)

    def check_probability(self, value: Any, where: str) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                self.check_probability(sub, f"{where}.{key}")
            return
        if isinstance(value, list):
            for i, sub in enumerate(value):
                self.check_probability(sub, f"{where}[{i}]")
            return
        if self.is_csv and isinstance(value, str):
            if not value.strip():
                return
            try:
                value = float(value)
            except ValueError:
                self.error("bad_probability", where, f"{value!r} is not a number")
                return
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            # A rule vocabulary may use such a key as an operator ({probability: ID, ge: x});
            # flag it without failing, so a quoted number or a misused key is still seen.
            self.out.append(
                Problem(
                    "warning",
                    "not_a_probability",
                    self.rel,
                    where,
                    f"{value!r} under a probability key is not a number; if it is not a "
                    "probability, rename the key",
                )
            )
        elif not 0.0 <= float(value) <= 1.0:
            self.error(
                "probability_out_of_range",
                where,
                f"probability {value!r} is outside [0, 1]",
            )


def _is_source_key(key: str) -> bool:
    return key == "sources" or key.endswith("_sources")


def _is_probability_key(key: str) -> bool:
    return key in PROBABILITY_KEYS or key.endswith("_probability")


def _check_core_namespace(data: Mapping[str, Any], problems: list[Problem]) -> None:
    """Ids of the core files must be unique across all of them (one `get(id)` namespace)."""
    owner: dict[str, str] = {}

    def collect(rel: str, node: Any, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                other = owner.get(node["id"])
                if other is not None and other != rel:
                    problems.append(
                        Problem(
                            "error",
                            "duplicate_id",
                            rel,
                            where or "(top)",
                            f"id {node['id']!r} is also used in {other}; ids must be "
                            "unique across the knowledge base",
                        )
                    )
                owner.setdefault(node["id"], rel)
            for key, value in node.items():
                collect(rel, value, f"{where}.{key}".lstrip("."))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                collect(rel, item, f"{where}[{i}]")

    for rel in _CORE:
        if rel in data:
            collect(rel, data[rel], "")


def _check_core_schema(data: Mapping[str, Any], problems: list[Problem]) -> None:
    """Type the core files and cross-check references when all five are present."""
    if not all(rel in data for rel in _CORE):
        return
    from milia.kb.build import build_knowledge

    try:
        build_knowledge({rel: data[rel] for rel in _CORE}, version="validate")
    except KnowledgeBaseError as exc:
        rel = exc.message.split(":", 1)[0]
        hint = f" (did you mean {exc.suggestion!r}?)" if exc.suggestion else ""
        where = rel if rel in _CORE else "kb/data"
        problems.append(Problem("error", "schema", where, "", exc.message + hint))
