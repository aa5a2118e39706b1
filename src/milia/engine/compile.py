"""Compile the model's YAML tables into a :class:`~milia.engine.model.CompiledModel`.

See :mod:`milia.engine.model` for the modelling choices. Every number comes
from ``kb/data/model/``; nothing here is a clinical fact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from milia.engine.compile_tables import (
    categorical,
    late_onset_row,
    lognormal_bands,
    merge_type,
    none_row,
    normalise_floor,
)
from milia.engine.model import ITEM_FIELDS, CompiledModel, FloatArray, Row
from milia.engine.vocabulary import CATEGORICAL_FIELDS, LIST_FIELDS
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = ["compile_model"]


def compile_model(
    name: str, table_path: str, prior_path: str, *, mixture: str | None = None
) -> CompiledModel:
    """Compile a likelihood table and a prior table into a :class:`CompiledModel`.

    Parameters
    ----------
    name : str
        A short name for messages.
    table_path, prior_path : str
        Paths under ``kb/data`` (``"model/likelihoods.yaml"``).

    Raises
    ------
    KnowledgeBaseError
        If a table names an unknown field, value or class.
    """
    findings = read_yaml("model/findings.yaml")
    table = read_yaml(table_path)
    prior_table = read_yaml(prior_path)
    bands_table = read_yaml("model/priors.yaml")
    floors = findings["floors"]
    blocks: dict[str, dict[str, Any]] = table["classes" if "classes" in table else "conditions"]
    classes = tuple(blocks)
    defaults = {**findings["p_present"], **table.get("defaults", {}).get("p_present", {})}
    types: tuple[str, ...] = ()
    type_table: dict[str, Any] = {}
    if mixture is not None:
        type_table = read_yaml(mixture)
        type_blocks = type_table["classes"]
        types = tuple(type_blocks)
        defining = {i for t in types for i in type_blocks[t].get("p_present", {})}
        blocks = {
            **blocks,
            **{
                f"milia:{t}": merge_type(
                    blocks["milia"], type_blocks[t], {i: defaults[i] for i in defining}
                )
                for t in types
            },
        }
    all_classes = tuple(blocks)

    rows: list[Row] = []
    columns: list[FloatArray] = []
    sources: dict[tuple[str, str], tuple[str, ...]] = {}
    evidence = {c: str(blocks[c].get("evidence", "expert_estimate")) for c in classes}

    def add(
        field: str, value: Any, text: str | None, probs: FloatArray, band: str | None = None
    ) -> None:
        rows.append(Row(field, value, text, band))
        columns.append(np.log(probs))

    for c in all_classes:
        block = blocks[c]
        base = tuple(block.get("sources", ()))
        sources[("age", c)] = base
        for field in (*findings["categorical"], *findings["numeric"], "sites", "p_present"):
            entry = block.get(field)
            own = tuple(entry.get("sources", ())) if isinstance(entry, Mapping) else ()
            sources[(field, c)] = own or base
        unknown = set(block) - {
            *findings["categorical"],
            *findings["numeric"],
            "sites",
            "p_present",
            "sources",
            "evidence",
            "note",
            "by_age",
        }
        if unknown:
            raise KnowledgeBaseError(f"{table_path}: {c} has unknown fields {sorted(unknown)}")
    for t in types:  # a type's parameter, or the general milia one it falls back to
        own_block = type_table["classes"][t]
        for (field, c), ids in list(sources.items()):
            if c == "milia" and field not in own_block and field != "age":
                sources[(field, f"milia:{t}")] = ids
        if "p_present" in own_block:
            ids = sources[("p_present", f"milia:{t}")] + sources[("p_present", "milia")]
            sources[("p_present", f"milia:{t}")] = tuple(dict.fromkeys(ids))

    # age rows: log P(class | band)
    band_ids = tuple(b["id"] for b in bands_table["age_bands"])
    band_limits = tuple(
        float(b["below_days"]) for b in bands_table["age_bands"] if "below_days" in b
    )
    band_labels = {b["id"]: str(b["label"]) for b in bands_table["age_bands"]}
    priors = prior_table["priors"]
    if set(priors) != set(classes):
        raise KnowledgeBaseError(f"{prior_path}: classes differ from {table_path}")
    prior_matrix = np.array([[priors[c][b] for c in classes] for b in band_ids], dtype=float)
    prior_matrix /= prior_matrix.sum(axis=1, keepdims=True)
    mix_map = bands_table["unknown_age_mix"]
    band_mix = np.array([mix_map[b] for b in band_ids], dtype=float)
    band_mix /= band_mix.sum()
    if types:  # rows of the type columns hold P(type | milia, age band)
        tpriors = type_table["priors"]
        type_prior = np.array([[tpriors[t][b] for t in types] for b in band_ids], dtype=float)
        type_prior /= type_prior.sum(axis=1, keepdims=True)
        milia_b = prior_matrix[:, classes.index("milia")] * band_mix
        unknown_t = (milia_b @ type_prior) / milia_b.sum()  # P(type | milia, age unknown)
        prior_matrix = np.concatenate([prior_matrix, type_prior], axis=1)
        joint_unknown = np.concatenate([band_mix @ prior_matrix[:, : len(classes)], unknown_t])
    else:
        joint_unknown = band_mix @ prior_matrix
    for b, probs in zip(band_ids, prior_matrix, strict=True):
        # the prior: how common each class is at that age (QA F10-04: "age: child of 2-11
        # years: x0.2" read as the age counting against a rare condition)
        a = "an" if band_labels[b][:1] in "aeiou" else "a"
        add("age", b, f"how common it is in {a} {band_labels[b]}", probs)
    add("age", "unknown", None, joint_unknown)

    site_groups: dict[str, Any] = findings.get("site_groups", {})

    def group_floors(c: str, entry: Mapping[str, Any], floor: float) -> FloatArray:
        """The site floors of class ``c``: ``floor``, lower at the sites of the groups
        its table says it cannot arise in (``sites.absent_from``, findings.yaml
        ``site_groups``: sites without hair follicles, QA F11-01)."""
        floors_c = np.full(len(site_values), floor)
        for group_id in entry.get("absent_from", ()):
            group = site_groups.get(group_id)
            if group is None:
                raise KnowledgeBaseError(f"{table_path}: {c} names unknown site group {group_id!r}")
            listed = set(group["sites"]) & {s for s, p in entry["p"].items() if p}
            if listed or not set(group["sites"]) <= set(site_values):
                raise KnowledgeBaseError(
                    f"{table_path}: {c} is absent from {group_id} but its table lists "
                    f"{sorted(listed)}, or the group names unknown sites"
                )
            for site in group["sites"]:
                i = site_values.index(site)
                floors_c[i] = min(floors_c[i], float(group["floor"]))
        return floors_c

    question_values: list[tuple[str, Any]] = []
    numeric_edges = {
        f: tuple(float(e) for e in spec["edges"]) for f, spec in findings["numeric"].items()
    }
    site_values = LIST_FIELDS["sites"]
    # the sites in plain words ("armpits", not "axillae"), as the questions offer them
    # (plain_words.yaml option_labels; session 15: atypical_picture and the why texts)
    site_words = read_yaml("model/plain_words.yaml")["option_labels"]["sites"]
    for c in all_classes:
        unknown = set(blocks[c].get("p_present", {})) - set(defaults)
        for band, override in blocks[c].get("by_age", {}).items():
            if band not in band_ids or "duration_weeks" in override:
                raise KnowledgeBaseError(
                    f"{table_path}: {c}.by_age.{band} needs a known age band and no duration_weeks"
                )
            unknown |= set(override.get("p_present", {})) - set(defaults)
        if unknown:
            raise KnowledgeBaseError(f"{table_path}: {c} has unknown findings {sorted(unknown)}")

    def field_rows(field: str, entry_of: Callable[[str], Any], band: str | None) -> None:
        """Add the rows of one field, reading each class's table with ``entry_of(c)``."""
        if field in CATEGORICAL_FIELDS:
            values = CATEGORICAL_FIELDS[field]
            fallback = findings.get("categorical_defaults", {}).get(field)
            matrix = np.stack(
                [categorical(entry_of(c) or fallback, values, floors) for c in all_classes], 1
            )
            for v, probs in zip(values, matrix, strict=True):
                add(field, v, f"{field.replace('_', ' ')} {v.replace('_', ' ')}", probs, band)
        elif field in numeric_edges:
            spec, edges = findings["numeric"][field], numeric_edges[field]
            n = len(edges) + 1
            cols = []
            for c in all_classes:
                entry = entry_of(c)
                if entry is None:
                    cols.append(np.full(n, 1.0 / n))
                    continue
                raw = lognormal_bands(
                    float(entry["low"]),
                    float(entry["high"]),
                    float(spec["offset"]),
                    float(spec["min_sigma"]),
                    edges,
                )
                cols.append(normalise_floor(raw, floors["categorical_probability"]))
            matrix = np.stack(cols, 1)
            for i, probs in enumerate(matrix):
                add(field, i, f"{spec['label']}: {spec['band_labels'][i]}", probs, band)
            if field == "duration_weeks":
                for feasible in range(1, n):
                    add("duration_norm", feasible, None, 1.0 / matrix[:feasible].sum(axis=0), band)
        elif field == "sites":
            cols = []
            for c in all_classes:
                entry = entry_of(c)
                if entry is None:
                    cols.append(np.full(len(site_values), 1.0 / len(site_values)))
                    continue
                unknown = set(entry["p"]) - set(site_values)
                if unknown:
                    raise KnowledgeBaseError(
                        f"{table_path}: {c} has unknown sites {sorted(unknown)}"
                    )
                raw = np.array([float(entry["p"].get(s, 0.0)) for s in site_values])
                # a condition may set its own floor (one confined to one site: lower)
                floor = float(entry.get("floor", floors["site_probability"]))
                if not 0.0 <= floor * len(site_values) < 1.0:
                    raise KnowledgeBaseError(
                        f"{table_path}: {c} sites floor {floor} must be at least 0 and less "
                        f"than 1/{len(site_values)}"
                    )
                cols.append(normalise_floor(raw, group_floors(c, entry, floor)))
            for site, probs in zip(site_values, np.stack(cols, 1), strict=True):
                plain = site_words.get(site, site.replace("_", " "))
                add("sites", site, f"site {plain}", probs, band)
        else:  # a boolean field or a list item, from p_present
            item = field.split(":", 1)[-1]
            p = np.array(
                [float((entry_of(c) or {}).get(item, defaults[item])) for c in all_classes]
            )
            if ":" in field:
                list_field = field.split(":", 1)[0]
                p = np.clip(p, floors["item_probability"], 1.0)
                add(list_field, item, item.replace("_", " "), p, band)
            else:
                p = np.clip(p, floors["boolean_probability"], 1 - floors["boolean_probability"])
                add(field, True, f"{field.replace('_', ' ')}: yes", p, band)
                add(field, False, f"{field.replace('_', ' ')}: no", 1 - p, band)

    def base_entry(field: str) -> Callable[[str], Any]:
        key = "p_present" if field in presence else field
        return lambda c: blocks[c].get(key)

    def band_entry(field: str, band: str) -> Callable[[str], Any]:
        key = "p_present" if field in presence else field

        def entry(c: str) -> Any:
            override = blocks[c].get("by_age", {}).get(band, {})
            if key == "p_present":
                return {**blocks[c].get("p_present", {}), **override.get("p_present", {})}
            return override.get(key, blocks[c].get(key))

        return entry

    presence = {*findings["boolean"]} | {
        f"{lf}:{item}" for lf in ITEM_FIELDS for item in LIST_FIELDS[lf]
    }
    all_fields = [*findings["categorical"], *findings["numeric"], "sites", *findings["boolean"]]
    all_fields += [f"{lf}:{item}" for lf in ITEM_FIELDS for item in LIST_FIELDS[lf]]
    for field in all_fields:
        field_rows(field, base_entry(field), None)
    # age-specific tables (``by_age``): extra rows used for cases in that band
    overridden: set[tuple[str, str]] = set()
    for band in band_ids:
        for field in all_fields:
            key = "p_present" if field in presence else field
            item = field.split(":", 1)[-1]
            touched = any(
                (item in blocks[c].get("by_age", {}).get(band, {}).get("p_present", {}))
                if key == "p_present"
                else (key in blocks[c].get("by_age", {}).get(band, {}))
                for c in all_classes
            )
            if touched:
                field_rows(field, band_entry(field, band), band)
                overridden.add((field.split(":", 1)[0], band))

    for list_field in findings.get("none_of_these", ()):
        if list_field not in ITEM_FIELDS:
            raise KnowledgeBaseError(f"none_of_these names {list_field!r}, not a list field")
        bands = [b for b in band_ids if (list_field, b) in overridden]
        for band in (None, *bands):
            none_row(list_field, band, rows, columns, floors, add)
    late_onset_days = late_onset_row(type_table, all_classes, floors, add, sources)
    full = np.stack(columns, 0)
    log_p, type_log_p = full[:, : len(classes)], full[:, len(classes) :]
    mean = np.log(np.exp(log_p).mean(axis=1, keepdims=True))
    rel = log_p - mean
    index: dict[tuple[Any, ...], int] = {
        ((r.field, r.value) if r.band is None else (r.field, r.value, r.band)): i
        for i, r in enumerate(rows)
    }

    # questions: every single-answer field, plus "where are most of them"
    q_fields = [f for f in findings["categorical"] if f != "sex"]
    q_fields += [*findings["numeric"], *findings["boolean"], "sites"]
    q_rows: list[int] = []
    q_groups: list[int] = []
    for g, field in enumerate(q_fields):
        for i, r in enumerate(rows):
            if r.field == field and r.band is None:
                q_rows.append(i)
                q_groups.append(g)
                question_values.append((field, r.value))
    common: dict[str, Any] = {
        "rows": tuple(rows),
        "index": index,
        "numeric_edges": numeric_edges,
        "band_ids": band_ids,
        "band_limits": band_limits,
        "band_labels": band_labels,
        "band_mix": band_mix,
        "question_fields": tuple(q_fields),
        "question_rows": np.asarray(q_rows, dtype=np.intp),
        "question_groups": np.asarray(q_groups, dtype=np.intp),
        "question_values": tuple(question_values),
        "overridden": frozenset(overridden),
        "evidence_weight": float(findings["evidence_weight"]),
        "item_weight": float(findings.get("item_evidence_weight", findings["evidence_weight"])),
        "late_onset_days": late_onset_days,
    }
    type_model: CompiledModel | None = None
    if types:
        type_model = CompiledModel(
            name="milia type",
            classes=types,
            log_p=type_log_p,
            rel=type_log_p - np.log(np.exp(type_log_p).mean(axis=1, keepdims=True)),
            sources={(f, c.split(":", 1)[1]): v for (f, c), v in sources.items() if ":" in c},
            evidence={
                t: str(type_table["classes"][t].get("evidence", "expert_estimate")) for t in types
            },
            **common,
        )
    return CompiledModel(
        name=name,
        classes=classes,
        log_p=log_p,
        rel=rel,
        sources={k: v for k, v in sources.items() if ":" not in k[1]},
        evidence=evidence,
        mixture=type_model,
        mixture_class=classes.index("milia") if types else -1,
        **common,
    )
