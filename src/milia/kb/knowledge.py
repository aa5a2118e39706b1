"""The loaded knowledge base: typed records, lookup and citations.

:class:`KnowledgeBase` holds the records of the five core files by id, looks
any of them up and spells out their citations. :func:`milia.kb.build.build_knowledge`
types and cross-checks the parsed files and makes one;
:func:`milia.kb.loader.load_knowledge` reads the packaged files and calls it once
(cached).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

from rapidfuzz import fuzz, process, utils

from milia.errors import KnowledgeBaseError, quoted
from milia.kb.schema import Claim, Condition, MiliaType, Source, Treatment

__all__ = [
    "CONDITION_IDS",
    "MILIA_TYPE_IDS",
    "KnowledgeBase",
    "Record",
    "RecordKind",
    "all_source_ids",
    "assemble_knowledge",
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


def closest_id(wanted: str, choices: Iterable[str]) -> str | None:
    """Return the valid id closest to ``wanted`` (rapidfuzz edit ratio), or ``None``.

    Plain edit ratio, not WRatio: a typo such as ``"milai"`` should suggest
    ``"milia"``, not a longer id that merely contains similar letters.

    Parameters
    ----------
    wanted : str
        The id as given (case and punctuation do not count).
    choices : iterable of str
        The valid ids.

    Returns
    -------
    str or None
        The closest id scoring at least 65 of 100, else None.

    Examples
    --------
    >>> closest_id("milai", ["milia", "syringoma"])
    'milia'
    >>> closest_id("nonexist", ["milia"]) is None
    True
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
        """Return which collection ``record_id`` belongs to.

        Raises
        ------
        KnowledgeBaseError
            If no record has that id (as :meth:`get`).
        """
        return self._lookup(record_id)[0]

    def get(self, record_id: str) -> Record:
        """Return any record by id.

        Parameters
        ----------
        record_id : str
            A source, condition, milia type, claim or treatment id.

        Returns
        -------
        Source, Condition, MiliaType, Claim or Treatment
            The typed record.

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

        Parameters
        ----------
        ids : iterable of str
            Bibliography ids (one id as a plain string is taken as one id).

        Returns
        -------
        list of dict
            Each source's citation (:meth:`milia.kb.schema.Source.citation`).

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
        """Return one record as JSON-ready data, with its ``kind`` and spelled-out sources.

        Parameters
        ----------
        record_id : str
            Any record's id.

        Returns
        -------
        dict
            The record's fields, its ``kind``, and (except for a source) the
            ``citations`` of every source it names.

        Raises
        ------
        KnowledgeBaseError
            If no record has that id.
        """
        kind, record = self._lookup(record_id)
        data = record.model_dump(mode="json", exclude_defaults=False)
        data["kind"] = kind
        if kind != "sources":
            data["citations"] = self.cite(all_source_ids(data))
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
        return (assemble_knowledge, (self.version, *collections))


def assemble_knowledge(
    version: str,
    sources: dict[str, Source],
    conditions: dict[str, Condition],
    milia_types: dict[str, MiliaType],
    claims: dict[str, Claim],
    treatments: dict[str, Treatment],
) -> KnowledgeBase:
    """Freeze already-checked record dicts into a :class:`KnowledgeBase`.

    Nothing is checked here (:func:`milia.kb.build.build_knowledge` checks); it is
    also how a pickled knowledge base is rebuilt in a batch worker.

    Parameters
    ----------
    version : str
        The knowledge version to stamp on it.
    sources, conditions, milia_types, claims, treatments : dict of str to record
        Each core file's records by id, in file order.

    Returns
    -------
    KnowledgeBase
        Read-only views of the dicts (not copies) and an index of every id.
    """
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


def all_source_ids(data: Any) -> list[str]:
    """Collect bibliography ids from every ``sources``/``*_sources`` key, in order.

    Parameters
    ----------
    data : Any
        A record as JSON-ready data (dicts and lists, nested at any depth).

    Returns
    -------
    list of str
        Every source id found, first occurrence first, without repeats.
    """
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
