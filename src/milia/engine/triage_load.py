"""Triage data read from the knowledge base: ``red_flags.yaml`` compiled to a policy.

:func:`load_policy` checks the file (its levels, a level for every condition,
the fields of ``self_care_needs``, unique flag ids), compiles every flag's rule
and gives each flag its evidence level; :func:`milia.engine.triage.triage_policy`
caches it per model. What the policy does with the data lives in
:mod:`milia.engine.triage`.
"""

from __future__ import annotations

import numpy as np

from milia.engine.case import FIELDS
from milia.engine.fit import template_against
from milia.engine.rules import compile_rule, compile_rules
from milia.engine.triage import TriagePolicy
from milia.engine.triage_flags import LEVELS, Flag, level_rank, variant_sensitive
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml
from milia.kb.schema import EVIDENCE_RANK

__all__ = ["load_policy"]


def load_policy(classes: tuple[str, ...]) -> TriagePolicy:
    """Read ``red_flags.yaml`` (and the labels and bibliography it needs) and compile it
    for a model with these condition columns; a data error raises ``KnowledgeBaseError``."""
    data = read_yaml("model/red_flags.yaml")
    if tuple(data["levels"]) != LEVELS:
        raise KnowledgeBaseError("red_flags.yaml: levels must be " + ", ".join(LEVELS))
    cond = data["condition_levels"]
    missing = set(classes) - set(cond)
    if missing:
        raise KnowledgeBaseError(f"red_flags.yaml: no triage level for {sorted(missing)}")
    policy = data["policy"]
    needs = policy["self_care_needs"]
    unknown = {str(f) for need in needs["known"] for f in need["any_of"]} - set(FIELDS)
    if unknown:
        raise KnowledgeBaseError(
            f"red_flags.yaml: self_care_needs names no case field {sorted(unknown)}"
        )
    if not 0.0 < float(policy["not_listed"]["share"]) <= 1.0:
        raise KnowledgeBaseError("red_flags.yaml: policy not_listed share must be in (0, 1]")
    thresholds = (1.0, *(float(policy["thresholds"][lv]) for lv in LEVELS[1:]))
    flagged_fields = frozenset(data["red_flag_findings"])
    names = read_yaml("model/labels.yaml")["conditions"]
    # a flag's evidence (QA F6-19): its own `evidence`, else the strongest level its
    # sources support (bibliography.yaml; the validator's bound for a stated level)
    levels_of = {e["id"]: str(e["evidence"]) for e in read_yaml("bibliography.yaml")["sources"]}

    def strongest(sources: list[str]) -> str:
        return max((levels_of[s] for s in sources), key=EVIDENCE_RANK.__getitem__)

    flags = tuple(
        Flag(
            id=str(f["id"]),
            level=level_rank(f["level"]),
            when=compile_rule(f["when"]),
            message=str(f["message"]),
            sources=tuple(f["sources"]),
            variant_sensitive=variant_sensitive(f["when"], flagged_fields),
            when_spec=f["when"],
            template=str(f["message_template"]) if "message_template" in f else None,
            evidence=str(f.get("evidence") or strongest(f["sources"])),
            against=template_against(f),
        )
        for f in data["flags"]
    )
    if len({f.id for f in flags}) != len(flags):
        raise KnowledgeBaseError("red_flags.yaml: duplicate flag id")
    return TriagePolicy(
        condition_levels=np.array([level_rank(cond[c]["level"]) for c in classes], dtype=np.intp),
        condition_sources=tuple(tuple(cond[c]["sources"]) for c in classes),
        type_levels={
            t: (level_rank(v["level"]), tuple(v["sources"])) for t, v in data["type_levels"].items()
        },
        thresholds=thresholds,
        uncertain_top=float(policy["uncertain_top_probability"]),
        uncertain_level=level_rank(policy["uncertain_level"]),
        not_listed_share=float(policy["not_listed"]["share"]),
        not_listed_level=level_rank(policy["not_listed"]["level"]),
        not_listed_sources=tuple(str(s) for s in policy["not_listed"]["sources"]),
        type_probability=float(policy["type_probability"]),
        unconfirmed_type_level=level_rank(policy["unconfirmed_type_level"]),
        type_asks={t: str(v["ask"]) for t, v in data["type_levels"].items() if "ask" in v},
        type_settled_by={
            t: str(v["settled_by"]) for t, v in data["type_levels"].items() if "settled_by" in v
        },
        described_level=level_rank(needs["level"]),
        described_needs=tuple(
            (tuple(str(f) for f in need["any_of"]), str(need["words"])) for need in needs["known"]
        ),
        described_sources=tuple(needs["sources"]),
        flags=flags,
        level_words={k: str(v) for k, v in data["level_words"].items()},
        red_flag_findings={k: frozenset(v) for k, v in data["red_flag_findings"].items()},
        level_list=tuple(level_rank(cond[c]["level"]) for c in classes),
        fired=compile_rules([f["when"] for f in data["flags"]], classes),
        fired_variant=compile_rules([f.when_spec for f in flags if f.variant_sensitive], classes),
        classes=tuple(classes),
        class_names=tuple(str(names[c]) for c in classes),
    )
