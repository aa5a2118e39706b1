"""The loaded knowledge base: typed records, lookup and citations.

:func:`build_knowledge` turns the parsed YAML of the five core files into a
:class:`KnowledgeBase`, checking the schema of every record and that every
id it refers to exists. :func:`milia.kb.loader.load_knowledge` reads the
packaged files and calls it once (cached).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process, utils

from milia.errors import KnowledgeBaseError, quoted
from milia.kb.schema import EVIDENCE_RANK, Claim, Condition, MiliaType, Source, Treatment

__all__ = [
    "CONDITION_IDS",
    "CORE_FILES",
    "MILIA_TYPE_IDS",
    "KnowledgeBase",
    "RecordKind",
    "build_knowledge",
    "closest_id",
]

CONDITION_IDS: tuple[str, ...] = (
    "milia",
    "closed_comedone",
    "acne_papulopustular",
    "sebaceous_hyperplasia",
    "syringoma",
    "xanthelasma",
    "molluscum_contagiosum",
    "flat_warts",
    "colloid_milium",
    "trichoepithelioma",
    "epidermoid_cyst",
    "steatocystoma_multiplex",
    "eruptive_vellus_hair_cysts",
    "fordyce_spots",
    "milia_like_calcinosis_cutis",
    "keratosis_pilaris",
    "miliaria_crystallina",
    "neonatal_cephalic_pustulosis",
    "erythema_toxicum_neonatorum",
    "transient_neonatal_pustular_melanosis",
    "oral_inclusion_cysts",
    "basal_cell_carcinoma",
    "seborrheic_keratosis",
)
"""The 23 condition ids of the case format (contract, version 1)."""

MILIA_TYPE_IDS: tuple[str, ...] = (
    "neonatal",
    "primary_benign",
    "milia_en_plaque",
    "multiple_eruptive",
    "genodermatosis_associated",
    "secondary_trauma",
    "secondary_medication",
    "secondary_blistering_disease",
)
"""The 8 milia types of the case format."""

RecordKind = Literal["sources", "conditions", "types", "claims", "treatments"]
Record: TypeAlias = Source | Condition | MiliaType | Claim | Treatment

CORE_FILES: dict[str, tuple[RecordKind, str, type[BaseModel]]] = {
    "bibliography.yaml": ("sources", "sources", Source),
    "conditions.yaml": ("conditions", "conditions", Condition),
    "milia_types.yaml": ("types", "milia_types", MiliaType),
    "claims.yaml": ("claims", "claims", Claim),
    "treatments.yaml": ("treatments", "treatments", Treatment),
}
"""File -> (kind, top-level key, record model) for the files this module types."""


def closest_id(wanted: str, choices: Iterable[str]) -> str | None:
    """Return the valid id closest to ``wanted`` (rapidfuzz edit ratio), or ``None``.

    Plain edit ratio, not WRatio: a typo such as ``"milai"`` should suggest
    ``"milia"``, not a longer id that merely contains similar letters.
    """
    # default_process: case and punctuation do not count ("MILIA", "milia en plaque")
    best = process.extractOne(
        wanted,
        list(choices),
        scorer=fuzz.ratio,
        processor=utils.default_process,
        # 65: 'milai' (80) -> milia, 'comedone' (70) -> closed_comedone; 'nonexist' is
        # 53 from eu_annex_ii, no typo of it (QA F6-09)
        score_cutoff=65,
    )
    return None if best is None else str(best[0])


@dataclass(frozen=True)
class KnowledgeBase:
    """The cited knowledge base (read-only).

    Attributes
    ----------
    version : str
        :func:`milia.kb.loader.knowledge_version` of the data it was built from.
    sources, conditions, milia_types, claims, treatments : Mapping[str, record]
        Records by id, in file order.
    """

    version: str
    sources: Mapping[str, Source]
    conditions: Mapping[str, Condition]
    milia_types: Mapping[str, MiliaType]
    claims: Mapping[str, Claim]
    treatments: Mapping[str, Treatment]
    _index: Mapping[str, tuple[RecordKind, Record]] = field(repr=False, compare=False)

    def kinds(self) -> dict[RecordKind, Mapping[str, Any]]:
        """Return every record collection keyed by its kind name."""
        return {
            "sources": self.sources,
            "conditions": self.conditions,
            "types": self.milia_types,
            "claims": self.claims,
            "treatments": self.treatments,
        }

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and record_id in self._index

    def kind_of(self, record_id: str) -> RecordKind:
        """Return which collection ``record_id`` belongs to."""
        return self._lookup(record_id)[0]

    def get(self, record_id: str) -> Record:
        """Return any record by id.

        Raises
        ------
        KnowledgeBaseError
            If no record has that id; ``suggestion`` names the closest valid id.
        """
        return self._lookup(record_id)[1]

    def _lookup(self, record_id: str) -> tuple[RecordKind, Record]:
        if not isinstance(record_id, str):
            raise KnowledgeBaseError(
                f"a record id must be a string, not {type(record_id).__name__}",
                field="id",
                suggestion="milia",
            )
        found = self._index.get(record_id)
        if found is None:
            raise KnowledgeBaseError(
                f"no knowledge-base record has id {quoted(record_id)}; run `milia kb list` "
                "to see ids",
                field="id",
                suggestion=closest_id(record_id, self._index) if len(record_id) <= 100 else None,
            )
        return found

    def cite(self, ids: Iterable[str]) -> list[dict[str, object]]:
        """Return JSON-ready citations for bibliography ids, in order, without repeats.

        Raises
        ------
        KnowledgeBaseError
            If an id is not in the bibliography.
        """
        if isinstance(ids, str):
            ids = [ids]  # one id, not its letters
        if not isinstance(ids, Iterable):
            raise KnowledgeBaseError(
                f"ids must be a list of source ids, not {type(ids).__name__}", field="sources"
            )
        out: list[dict[str, object]] = []
        seen: set[str] = set()
        for source_id in ids:
            if not isinstance(source_id, str):
                raise KnowledgeBaseError(
                    f"a source id must be a string, not {type(source_id).__name__}",
                    field="sources",
                )
            if source_id in seen:
                continue
            seen.add(source_id)
            source = self.sources.get(source_id)
            if source is None:
                raise KnowledgeBaseError(
                    f"unknown source id {source_id!r}; cite ids from bibliography.yaml",
                    field="sources",
                    suggestion=closest_id(source_id, self.sources),
                )
            out.append(source.citation())
        return out

    def record_dict(self, record_id: str) -> dict[str, Any]:
        """Return one record as JSON-ready data, with its ``kind`` and spelled-out sources."""
        kind, record = self._lookup(record_id)
        data = record.model_dump(mode="json", exclude_defaults=False)
        data["kind"] = kind
        if kind != "sources":
            data["citations"] = self.cite(_all_source_ids(data))
        return data

    def to_dict(self) -> dict[str, Any]:
        """Return the whole knowledge base as JSON-ready data (for the web Learn page)."""
        out: dict[str, Any] = {"knowledge_version": self.version}
        for kind, records in self.kinds().items():
            out[kind] = [r.model_dump(mode="json") for r in records.values()]
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        # mappingproxy cannot be pickled; ship plain dicts so batch workers can receive it
        collections = [dict(c) for c in self.kinds().values()]
        return (_assemble, (self.version, *collections))


def _assemble(
    version: str,
    sources: dict[str, Source],
    conditions: dict[str, Condition],
    milia_types: dict[str, MiliaType],
    claims: dict[str, Claim],
    treatments: dict[str, Treatment],
) -> KnowledgeBase:
    """Freeze already-checked record dicts into a :class:`KnowledgeBase`."""
    index: dict[str, tuple[RecordKind, Record]] = {}
    kinds: tuple[tuple[RecordKind, Mapping[str, Record]], ...] = (
        ("sources", sources),
        ("conditions", conditions),
        ("types", milia_types),
        ("claims", claims),
        ("treatments", treatments),
    )
    for kind, records in kinds:
        for record_id, record in records.items():
            index[record_id] = (kind, record)
    return KnowledgeBase(
        version=version,
        sources=MappingProxyType(sources),
        conditions=MappingProxyType(conditions),
        milia_types=MappingProxyType(milia_types),
        claims=MappingProxyType(claims),
        treatments=MappingProxyType(treatments),
        _index=MappingProxyType(index),
    )


def _all_source_ids(data: Any) -> list[str]:
    """Collect bibliography ids from every ``sources``/``*_sources`` key, in order."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if (key == "sources" or key.endswith("_sources")) and isinstance(value, list):
                    found.extend(str(v) for v in value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return list(dict.fromkeys(found))


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
    return _assemble(
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
            for source_id in _all_source_ids(record.model_dump(mode="json")):
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
