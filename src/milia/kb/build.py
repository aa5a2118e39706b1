"""Build the knowledge base: type the parsed core files and cross-check their ids.

:func:`build_knowledge` turns the parsed YAML of the five core files
(:data:`CORE_FILES`) into a :class:`~milia.kb.knowledge.KnowledgeBase`, checking
the schema of every record, that ids are unique across the files, that every id
a record refers to exists, and that no claim's literature evidence is stronger
than its confirming sources. :func:`milia.kb.loader.load_knowledge` reads the
packaged files and calls it once (cached); ``milia kb validate`` calls it to
report the same problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from milia.errors import KnowledgeBaseError
from milia.kb.knowledge import (
    CONDITION_IDS,
    MILIA_TYPE_IDS,
    KnowledgeBase,
    Record,
    RecordKind,
    all_source_ids,
    assemble_knowledge,
    closest_id,
)
from milia.kb.schema import EVIDENCE_RANK, Claim, Condition, MiliaType, Source, Treatment

__all__ = ["CORE_FILES", "build_knowledge"]

CORE_FILES: dict[str, tuple[RecordKind, str, type[BaseModel]]] = {
    "bibliography.yaml": ("sources", "sources", Source),
    "conditions.yaml": ("conditions", "conditions", Condition),
    "milia_types.yaml": ("types", "milia_types", MiliaType),
    "claims.yaml": ("claims", "claims", Claim),
    "treatments.yaml": ("treatments", "treatments", Treatment),
}
"""File -> (kind, top-level key, record model) for the files this module types."""


def _typed_records(
    filename: str, raw: Any, key: str, model: type[BaseModel]
) -> dict[str, BaseModel]:
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise KnowledgeBaseError(f"{filename}: expected a mapping with a list under {key!r}")
    records: dict[str, BaseModel] = {}
    for position, item in enumerate(raw[key]):
        label = item.get("id", f"#{position}") if isinstance(item, dict) else f"#{position}"
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise KnowledgeBaseError(
                f"{filename}: record {label!r}: {where or 'record'}: {first['msg']} "
                f"({exc.error_count()} problem(s); run `milia kb validate`)"
            ) from None
        record_id = str(getattr(record, "id"))  # noqa: B009 - every core model has an id
        if record_id in records:
            raise KnowledgeBaseError(f"{filename}: duplicate id {record_id!r}")
        records[record_id] = record
    return records


def build_knowledge(raw_files: Mapping[str, Any], *, version: str) -> KnowledgeBase:
    """Type and cross-check the parsed core files.

    Parameters
    ----------
    raw_files : Mapping[str, Any]
        Parsed YAML of each file in :data:`CORE_FILES`, keyed by file name.
    version : str
        The knowledge version to stamp on the result.

    Raises
    ------
    KnowledgeBaseError
        On a missing file, a schema error, a duplicate id, an unknown source
        id or an unknown cross-reference.
    """
    typed: dict[str, dict[str, BaseModel]] = {}
    for filename, (_kind, key, model) in CORE_FILES.items():
        if filename not in raw_files:
            raise KnowledgeBaseError(f"knowledge base file {filename!r} is missing")
        typed[filename] = _typed_records(filename, raw_files[filename], key, model)

    index: dict[str, tuple[RecordKind, Record]] = {}
    for filename, (kind, _key, _model) in CORE_FILES.items():
        for record_id, record in typed[filename].items():
            if record_id in index:
                raise KnowledgeBaseError(
                    f"{filename}: id {record_id!r} is already used by a {index[record_id][0]} "
                    "record; ids must be unique across the knowledge base"
                )
            index[record_id] = (kind, record)  # type: ignore[assignment]

    _check_references(typed, index)
    return assemble_knowledge(
        version,
        typed["bibliography.yaml"],  # type: ignore[arg-type]
        typed["conditions.yaml"],  # type: ignore[arg-type]
        typed["milia_types.yaml"],  # type: ignore[arg-type]
        typed["claims.yaml"],  # type: ignore[arg-type]
        typed["treatments.yaml"],  # type: ignore[arg-type]
    )


def _check_references(
    typed: Mapping[str, Mapping[str, BaseModel]], index: Mapping[str, tuple[RecordKind, Record]]
) -> None:
    sources = typed["bibliography.yaml"]
    for filename in CORE_FILES:
        for record_id, record in typed[filename].items():
            for source_id in all_source_ids(record.model_dump(mode="json")):
                if source_id not in sources:
                    hint = closest_id(source_id, sources)
                    raise KnowledgeBaseError(
                        f"{filename}: record {record_id!r} cites unknown source {source_id!r}",
                        field="sources",
                        suggestion=hint,
                    )
    missing = set(CONDITION_IDS) - set(typed["conditions.yaml"])
    extra = set(typed["conditions.yaml"]) - set(CONDITION_IDS)
    if missing or extra:
        raise KnowledgeBaseError(
            "conditions.yaml must hold exactly the 23 case-format conditions; "
            f"missing {sorted(missing)}, unexpected {sorted(extra)}"
        )
    if set(typed["milia_types.yaml"]) != set(MILIA_TYPE_IDS):
        raise KnowledgeBaseError(
            f"milia_types.yaml must hold exactly the 8 milia types {list(MILIA_TYPE_IDS)}"
        )
    for claim_id, claim in typed["claims.yaml"].items():
        _check_literature_evidence(claim_id, claim, sources)
        for ref in getattr(claim, "related", ()):
            if ref not in index:
                raise KnowledgeBaseError(
                    f"claims.yaml: claim {claim_id!r} relates to unknown id {ref!r}",
                    field="related",
                    suggestion=closest_id(ref, index),
                )
    for tx_id, tx in typed["treatments.yaml"].items():
        for type_id in getattr(tx, "applies_to", ()):
            if type_id != "all" and type_id not in MILIA_TYPE_IDS:
                raise KnowledgeBaseError(
                    f"treatments.yaml: {tx_id!r} applies to unknown milia type {type_id!r}",
                    field="applies_to",
                    suggestion=closest_id(type_id, MILIA_TYPE_IDS),
                )


def _check_literature_evidence(
    claim_id: str, claim: BaseModel, sources: Mapping[str, BaseModel]
) -> None:
    """``literature_evidence`` is set exactly when something confirms, never above it."""
    confirming = tuple(getattr(claim, "confirming_sources", ()))
    level = getattr(claim, "literature_evidence", None)
    if bool(confirming) != (level is not None):
        raise KnowledgeBaseError(
            f"claims.yaml: claim {claim_id!r}: set literature_evidence exactly when "
            "confirming_sources is not empty"
        )
    if level is not None:
        strongest = max(EVIDENCE_RANK[str(getattr(sources[s], "evidence"))] for s in confirming)  # noqa: B009
        if EVIDENCE_RANK[level] > strongest:
            raise KnowledgeBaseError(
                f"claims.yaml: claim {claim_id!r}: literature_evidence {level!r} is stronger "
                "than any confirming source supports"
            )
