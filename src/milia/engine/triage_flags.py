"""Triage levels and red-flag rules as compiled records.

:data:`LEVELS` orders the levels (``self_care < routine < soon < urgent``); a
:class:`Flag` is one compiled rule of ``kb/data/model/red_flags.yaml``;
:func:`without` removes red-flag findings from a case (the variants that make
triage monotone); :func:`described_floor` keeps self-care for described cases
(QA F7-04). Split from :mod:`milia.engine.triage`, which re-exports these
names and compiles the policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from milia.engine.rules import Predicate, RuleContext, compile_rule
from milia.engine.type_fit import MIN_MILIA
from milia.kb.loader import read_yaml

if TYPE_CHECKING:
    from milia.engine.triage import TriagePolicy

__all__ = [
    "LEVELS",
    "Flag",
    "Triaged",
    "described_floor",
    "driver_share_text",
    "level_rank",
    "missing_key_findings",
    "settling_question",
    "share_text",
    "type_name",
    "unreported_cause_words",
    "variant_sensitive",
    "without",
]

LEVELS: tuple[str, ...] = ("self_care", "routine", "soon", "urgent")
_RANK = {name: i for i, name in enumerate(LEVELS)}


def level_rank(level: str) -> int:
    """Position of a level in :data:`LEVELS` (0 = self_care)."""
    return _RANK[level]


@dataclass(frozen=True)
class Flag:
    """One red-flag rule."""

    id: str
    level: int
    when: Predicate
    message: str
    sources: tuple[str, ...]
    # True when removing red-flag findings could make the rule fire: it reads
    # the model's results, or tests a red-flag field under `not`/`missing`
    variant_sensitive: bool = True
    when_spec: Any = field(default=None, compare=False)  # the rule as written (compile_rules)
    # an atypical rule's message naming the case's findings: ``message_template``
    # with {findings} and {condition}, and the rule's against_probability
    template: str | None = None
    against: float | None = None
    evidence: str = "expert_estimate"  # strength of the rule's sources (QA F6-19)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (without the rule)."""
        return {
            "id": self.id,
            "level": LEVELS[self.level],
            "message": self.message,
            "sources": list(self.sources),
            "evidence": self.evidence,
        }


def variant_sensitive(spec: Any, flagged_fields: frozenset[str], negated: bool = False) -> bool:
    """Whether removing red-flag findings (``flagged_fields``) could make a rule fire:
    it reads the model's results, or tests a flagged field under ``not``/``missing``."""
    if isinstance(spec, list):
        return any(variant_sensitive(s, flagged_fields, negated) for s in spec)
    if not isinstance(spec, Mapping):
        return False
    if {"top", "chance_of", "milia_type", "atypical"} & set(spec):
        return True
    if "missing" in spec and spec["missing"] in flagged_fields:
        return True
    if negated and spec.get("field") in flagged_fields:
        return True
    return any(
        variant_sensitive(v, flagged_fields, negated or k == "not")
        for k, v in spec.items()
        if isinstance(v, (Mapping, list))
    )


def without(case: Mapping[str, Any], items: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """A copy of ``case`` without the given ``(field, value)`` findings."""
    out = dict(case)
    for key, value in items:
        current = out.get(key)
        if isinstance(current, list):
            out[key] = [v for v in current if v != value]
        elif current == value:
            del out[key]
    return out


def share_text(probability: float) -> str:
    """A probability in a triage reason: whole percent, never "100%" (QA F6-04: a
    description-only tool is not certain): ">99%" from 99.5 % up."""
    return ">99%" if probability >= 0.995 else f"{probability:.0%}"


def driver_share_text(probability: float) -> str:
    """The share of a condition that raises the level (routine or above): whole percent,
    ">95%" from 95 % up (QA F8-26: the model is not calibrated, and "basal cell carcinoma
    ... (>99%)" reads as a diagnosis)."""
    return ">95%" if probability >= 0.95 else f"{probability:.0%}"


@dataclass(frozen=True)
class Triaged:
    """Result of triage: the level, its reasons and the red flags that fired."""

    level: str
    reasons: list[dict[str, Any]]
    red_flags: list[dict[str, Any]]


def settling_question(
    policy: TriagePolicy,
    case: Mapping[str, Any],
    top_is_milia: bool,
    milia_probability: float,
    milia_type: str | None,
    type_probability: float,
) -> str | None:
    """The question that would settle a milia type of a higher level (QA F6-02), or None.

    Asked first (after the safety questions) when milia is the top condition, its
    type's level is above self-care, P(milia) x P(type) reaches that level's
    threshold (as in :meth:`TriagePolicy.base`) and the case does not give the answer yet.
    """
    if not top_is_milia or milia_type is None:
        return None
    field_name = policy.type_settled_by.get(milia_type)
    if field_name is None or field_name in case:
        return None
    type_level = policy.type_levels[milia_type][0]
    if type_level == 0 or milia_probability * type_probability < policy.thresholds[type_level]:
        return None
    return field_name


def missing_key_findings(policy: TriagePolicy, case: Mapping[str, Any]) -> list[str]:
    """The plain words of the key findings ``case`` does not give (red_flags.yaml policy
    ``self_care_needs``), in the policy's order; empty when all are known."""
    keys = case.keys()
    return [words for fields, words in policy.described_needs if keys.isdisjoint(fields)]


def described_floor(
    policy: TriagePolicy, case: Mapping[str, Any], level: int, reasons: list[dict[str, Any]]
) -> int:
    """The final level of ``case`` once self-care is checked for a described case.

    QA F7-04, "when unsure, triage up": a self-care answer needs the key findings
    (policy ``self_care_needs``: the age, where the bumps are, what they look like);
    with any of them unknown a lower level rises to the policy's level, and at that
    level a reason naming what is missing is appended to ``reasons`` (in place:
    also when something else, such as an unsure model, set the level). A level
    above the policy's is returned unchanged, so no level is ever lowered.

    Parameters
    ----------
    policy : TriagePolicy
        The compiled triage policy.
    case : Mapping
        The validated case.
    level : int
        The level's rank in :data:`LEVELS` after the base level, the red flags and
        the red-flag variants.
    reasons : list of dict
        The triage reasons so far; one is appended when the level rises, and the
        milia type's reason is reworded when its cause was not reported
        (:func:`unreported_cause_words`; both assessment paths call this function).

    Returns
    -------
    int
        The final level's rank.
    """
    unreported_cause_words(policy, case, reasons)
    if level > policy.described_level:
        return level
    missing = missing_key_findings(policy, case)
    if not missing:
        return level
    named = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    verb = "is" if len(missing) == 1 else "are"
    words = policy.level_words[LEVELS[policy.described_level]]
    reasons.append(
        {
            "text": f"not enough is known to say that self-care is enough: {named} {verb} not "
            f"given; answering more questions gives a more specific answer, otherwise {words}",
            "sources": list(policy.described_sources),
        }
    )
    return policy.described_level


_UNREPORTED: dict[int, tuple[TriagePolicy, dict[str, tuple[Predicate, str]]]] = {}


def _unreported(policy: TriagePolicy) -> dict[str, tuple[Predicate, str]]:
    """The type reason's text -> (the rule that its cause was reported, the words when not).

    ``type_unreported`` of ``red_flags.yaml``; the text is the one
    :meth:`~milia.engine.triage.TriagePolicy.base` gives a settled type of a level
    above self-care. Kept per policy (a policy holds arrays, so it is not hashable).
    """
    held = _UNREPORTED.get(id(policy))
    if held is not None and held[0] is policy:
        return held[1]
    from milia.engine.explain import labels  # the explanation module imports this one

    names = labels()["milia_types"]
    out: dict[str, tuple[Predicate, str]] = {}
    for kind, (reported, spec) in _type_unreported().items():
        if "text" not in spec:  # a name only (a self-care type has no reason to reword)
            continue
        level = policy.type_levels[kind][0]
        said = f"the picture is consistent with {names[kind]}: {policy.level_words[LEVELS[level]]}"
        out[said] = (reported, str(spec["text"]))
    _UNREPORTED[id(policy)] = (policy, out)
    return out


def unreported_cause_words(
    policy: TriagePolicy, case: Mapping[str, Any], reasons: list[dict[str, Any]]
) -> None:
    """Reword, in place, a milia type's triage reason whose cause was not reported.

    Session 14 (QA F13-12, F13-04): a type named after a cause (a blistering disease, a
    medicine) reached from the sites alone read as if the cause were known. The level is
    kept; the reason asks about the cause (``red_flags.yaml`` ``type_unreported``).

    Parameters
    ----------
    policy : TriagePolicy
        The compiled triage policy (its type levels and level words).
    case : Mapping
        The validated case.
    reasons : list of dict
        The triage reasons; a type reason's ``text`` is replaced, its sources kept.
    """
    table = _unreported(policy)
    for reason in reasons:
        hit = table.get(reason["text"])
        if hit is not None and not hit[0](RuleContext(case, None, {}, {}, None)):
            reason["text"] = hit[1]


@cache
def _type_unreported() -> dict[str, tuple[Predicate, dict[str, Any]]]:
    """``type_unreported`` of ``red_flags.yaml``: type id -> (the compiled rule that its
    cause was reported, its entry), read and compiled once for the reason and the name."""
    return {
        str(kind): (compile_rule(spec["reported_when"]), dict(spec))
        for kind, spec in read_yaml("model/red_flags.yaml").get("type_unreported", {}).items()
    }


def type_name(type_id: str, case: Mapping[str, Any], label: str, *, milia: float = 1.0) -> str:
    """The ``milia_type`` name of ``type_id`` for ``case``.

    Session 14 (QA F13-04's rest): a type named after a cause (a blistering disease, a
    medicine or product) reached with no such cause in the case is named conditionally,
    "..., if one was used (none was reported)" (``red_flags.yaml`` ``type_unreported``
    ``name``; the same ``reported_when`` rule as :func:`unreported_cause_words`).
    Session 15: the inherited-condition type names its candidate syndromes
    (:func:`_with_syndromes`), and a type given while milia themselves are unlikely
    (below :data:`~milia.engine.type_fit.MIN_MILIA`, QA F14B-05) says so. The words are
    ``labels.yaml`` ``type_name_words``. The type id is kept (the contract's value).
    Every output path calls this function.

    Parameters
    ----------
    type_id : str
        The milia type's id.
    case : Mapping
        The validated case.
    label : str
        The type's label (``labels.yaml`` ``milia_types``), the name otherwise.
    milia : float, optional
        The printed probability of milia (0-1, rounded down to 4 decimals as the
        differential shows it); 1 (the default) adds no note.

    Returns
    -------
    str
        The name to show.
    """
    hit = _type_unreported().get(type_id)
    if hit is None or hit[0](RuleContext(case, None, {}, {}, None)):
        name = label
    else:
        name = str(hit[1]["name"])
    if type_id == "genodermatosis_associated":
        name = _with_syndromes(name, case)
    if milia < MIN_MILIA:
        share = "under 1%" if milia < 0.01 else f"{milia:.0%}"
        name = _name_words()["unlikely_milia"].format(name=name, share=share)
    return name


@cache
def _name_words() -> dict[str, str]:
    """``labels.yaml`` ``type_name_words``: the templates :func:`type_name` fills."""
    words = read_yaml("model/labels.yaml")["type_name_words"]
    return {str(k): str(v) for k, v in words.items() if k != "syndromes_shown"}


@cache
def _syndromes() -> tuple[tuple[tuple[str, str, bool], ...], int]:
    """The inherited-condition type's syndromes as (name, case finding "field.value" or
    "", whether the knowledge base states its features), in ``milia_types.yaml`` order,
    and how many a name shows (``labels.yaml`` ``type_name_words.syndromes_shown``)."""
    types = read_yaml("milia_types.yaml")["milia_types"]
    (kind,) = [t for t in types if t["id"] == "genodermatosis_associated"]
    listed = tuple(
        (str(s["name"]), str(s.get("case_finding") or ""), bool(s.get("features")))
        for s in kind["associated_syndromes"]
    )
    shown = int(read_yaml("model/labels.yaml")["type_name_words"]["syndromes_shown"])
    return listed, shown


def _with_syndromes(name: str, case: Mapping[str, Any]) -> str:
    """The inherited-condition type's ``name`` with the syndromes it may be.

    Session 15 (issue 2: the type's associated syndromes): the name said only "milia
    linked to an inherited skin condition". Syndromes the case reports (``conditions``)
    are named as reported; otherwise those the case's findings point to (the
    ``case_finding`` of ``milia_types.yaml``, such as sparse hair for atrichia with
    papular lesions) come first, then the knowledge base's syndromes with stated
    features and a condition of the case format, up to ``syndromes_shown``. Gardner
    syndrome, when reported, is said to be tied to epidermoid cysts rather than milia
    (the type's note in ``milia_types.yaml``, claim ``gardner_literature_epidermoid_cysts``).
    """
    words = _name_words()
    listed, shown = _syndromes()
    conditions = {f"conditions.{v}" for v in case.get("conditions") or ()}
    findings = {f"associated_findings.{v}" for v in case.get("associated_findings") or ()}
    reported = [n for n, finding, _ in listed if finding in conditions]
    if reported:
        name = words["syndromes_reported"].format(name=name, syndromes=_joined(reported))
    else:
        pointed = [n for n, finding, _ in listed if finding in findings]
        usual = [n for n, finding, stated in listed if stated and finding.startswith("conditions.")]
        candidates = list(dict.fromkeys(pointed + usual))[:shown]
        name = words["syndromes_possible"].format(name=name, syndromes=_joined(candidates, "or"))
    if "conditions.gardner_syndrome" in conditions:
        name = words["gardner_reported"].format(name=name)
    return name


def _joined(names: list[str], last: str = "and") -> str:
    """``names`` as words: "a", "a and b", "a, b and c" (or "or")."""
    if len(names) < 3:
        return f" {last} ".join(names)
    return ", ".join(names[:-1]) + f" {last} " + names[-1]
