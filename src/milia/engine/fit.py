"""Poor fit: findings the most likely condition almost never shows.

A differential always has a top condition, even when the description fits
none of the 23 conditions well: the probabilities are relative. This module
gives an absolute check for the red-flag rule ``{atypical: {...}}``
(``kb/data/model/red_flags.yaml``), so that an atypical picture triages up
instead of being reassured ("when unsure, triage up").

A given finding is *against* a condition when

- it is a site that none of the condition's site tables lists
  (``likelihoods.yaml``; for milia also every milia type of
  ``milia_types_model.yaml``), or
- it is any other described finding (colour, surface, consistency, content,
  arrangement, onset, course, a size, count or duration band, a yes/no
  finding) whose probability under the condition is at most the rule's
  ``against_probability``; for milia the most favourable milia type counts.

List fields (conditions, medications, history, associated findings) and sex
are context, not a description of the bumps, and never count. The threshold
and the number of findings needed are data in the rule; nothing here is a
clinical fact.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from milia.engine.model import ITEM_FIELDS, CompiledModel, condition_model
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = ["AgainstTable", "against_table", "template_against", "unusual_message"]

# rows that describe context or normalise, not the bumps themselves
_CONTEXT_FIELDS = frozenset({"age", "duration_norm", "onset_age", "sex", *ITEM_FIELDS})


def _listed_sites(model: CompiledModel) -> dict[str, frozenset[str]]:
    """Every site each condition's tables list (all age bands; milia with its types)."""
    conditions = read_yaml("model/likelihoods.yaml")["conditions"]
    types = read_yaml("model/milia_types_model.yaml")["classes"]

    def sites_of(block: Mapping[str, Any]) -> set[str]:
        found = set(block.get("sites", {}).get("p", {}))
        for override in block.get("by_age", {}).values():
            found |= set(override.get("sites", {}).get("p", {}))
        return found

    listed = {c: sites_of(conditions[c]) for c in model.classes}
    if "milia" in listed:
        for block in types.values():
            listed["milia"] |= sites_of(block)
    return {c: frozenset(s) for c, s in listed.items()}


class AgainstTable:
    """For each row of the differential model, the conditions the finding is against.

    Parameters
    ----------
    model : CompiledModel
        The differential (with its milia mixture).
    against_probability : float
        A non-site finding is against a condition when its probability under
        the condition is at most this (0-1).
    """

    def __init__(self, model: CompiledModel, against_probability: float) -> None:
        self.model = model
        self.threshold = against_probability
        listed = _listed_sites(model)
        mixture = model.mixture
        milia = model.mixture_class
        log_th = math.log(against_probability)
        rows: list[frozenset[int]] = []
        for r, row in enumerate(model.rows):
            if row.field in _CONTEXT_FIELDS:
                rows.append(frozenset())
            elif row.field == "sites":
                rows.append(
                    frozenset(i for i, c in enumerate(model.classes) if row.value not in listed[c])
                )
            else:
                logs = model.log_p[r].tolist()
                if mixture is not None:
                    logs[milia] = float(mixture.log_p[r].max())
                rows.append(frozenset(i for i, lp in enumerate(logs) if lp <= log_th + 1e-12))
        self.against_rows: tuple[frozenset[int], ...] = tuple(rows)
        self._build_lookup()

    def _build_lookup(self) -> None:
        """Per age band and condition: the finding keys and sites that are against it.

        Keys are ``(field, value)``, with a numeric field's band index as its
        value, resolved for each age band as :meth:`CompiledModel.encode` does.
        """
        model = self.model
        n = len(model.classes)
        band_keys: list[str | None] = [*model.band_ids, None]
        self._keys: dict[str | None, list[frozenset[tuple[str, Any]]]] = {}
        self._sites: dict[str | None, list[frozenset[str]]] = {}
        for band in band_keys:
            keys: list[set[tuple[str, Any]]] = [set() for _ in range(n)]
            sites: list[set[str]] = [set() for _ in range(n)]
            for r, row in enumerate(model.rows):
                if row.field in _CONTEXT_FIELDS or row.band not in (None, band):
                    continue
                specific = band is not None and (row.field, band) in model.overridden
                if row.band is None and specific and (row.field, row.value, band) in model.index:
                    continue  # this band has its own row for the value
                if row.band is not None and not specific:
                    continue
                for c in self.against_rows[r]:
                    if row.field == "sites":
                        sites[c].add(row.value)
                    else:
                        keys[c].add((row.field, row.value))
            self._keys[band] = [frozenset(k) for k in keys]
            self._sites[band] = [frozenset(s) for s in sites]

    def count(self, case: Mapping[str, Any], age_days: float | None, top: int) -> int:
        """How many of the case's findings are against condition column ``top``."""
        band = self.model.age_band(age_days)
        keys, sites = self._keys[band][top], self._sites[band][top]
        edges = self.model.numeric_edges
        n = 0
        for field, value in case.items():
            if field == "sites":
                n += len(sites.intersection(value))
            elif field in _CONTEXT_FIELDS:
                continue
            elif field in edges:
                n += (field, bisect_left(edges[field], value)) in keys
            else:
                n += (field, value) in keys
        return n

    def against(
        self, case: Mapping[str, Any], age_days: float | None, top: int
    ) -> list[tuple[str, Any]]:
        """The case's findings against condition column ``top``, as ``(field, value)``."""
        band = self.model.age_band(age_days)
        keys, sites = self._keys[band][top], self._sites[band][top]
        edges = self.model.numeric_edges
        out: list[tuple[str, Any]] = []
        for field, value in case.items():
            if field == "sites":
                out += [(field, s) for s in value if s in sites]
            elif field in _CONTEXT_FIELDS:
                continue
            elif field in edges:
                if (field, bisect_left(edges[field], value)) in keys:
                    out.append((field, value))
            elif (field, value) in keys:
                out.append((field, value))
        return out

    def words(self, case: Mapping[str, Any], age_days: float | None, top: int) -> list[str]:
        """:meth:`against` in plain words: each finding's row text (``findings.yaml`` labels)."""
        model, edges = self.model, self.model.numeric_edges
        out: list[str] = []
        for field, value in self.against(case, age_days, top):
            key = (field, bisect_left(edges[field], value)) if field in edges else (field, value)
            text = model.rows[model.index[key]].text
            if text is not None:
                out.append(text)
        return out

    def count_for_ranks(
        self, case: Mapping[str, Any], age_days: float | None, rank: Sequence[int]
    ) -> int:
        """:meth:`count` for the top condition of ``rank`` (each column's rank, 0 = top)."""
        return self.count(case, age_days, list(rank).index(0))


@cache
def against_table(against_probability: float) -> AgainstTable:
    """The :class:`AgainstTable` of the differential model (compiled once per threshold)."""
    return AgainstTable(condition_model(), against_probability)


def unusual_message(
    words: tuple[str, str, str],
    against_probability: float,
    case: Mapping[str, Any],
    age_days: float | None,
    top: int,
) -> str:
    """An atypical flag's message naming the case's findings against condition ``top``.

    ``words`` is ``(template, fallback, condition name)``: the template's
    ``{findings}`` becomes the findings' plain words, ``{condition}`` the name;
    the fallback is used when no finding is against it.
    """
    template, fallback, name = words
    found = against_table(against_probability).words(case, age_days, top)
    return template.format(findings="; ".join(found), condition=name) if found else fallback


def template_against(flag: Mapping[str, Any]) -> float | None:
    """The ``against_probability`` of a red flag with a ``message_template`` (else None).

    Raises
    ------
    KnowledgeBaseError
        If a flag with a template has no ``{atypical: ...}`` rule.
    """
    if "message_template" not in flag:
        return None
    when = flag["when"]
    if not isinstance(when, Mapping) or "atypical" not in when:
        raise KnowledgeBaseError(f"red_flags.yaml: {flag['id']}: message_template needs atypical")
    return float(when["atypical"]["against_probability"])
