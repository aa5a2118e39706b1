"""The ingredient check: milia risks, helpers and claims in a product's ingredient list.

Modules, in the order a list flows through them:

- :mod:`~milia.ingredients.text` (decoding, punctuation, markup), then
  :mod:`~milia.ingredients.tokenize` (with :mod:`~milia.ingredients.sections`,
  :mod:`~milia.ingredients.may_contain` and :mod:`~milia.ingredients.clean`): cut a
  pasted text into items;
- :mod:`~milia.ingredients.normalize` (with :mod:`~milia.ingredients.keys`):
  map each item to its canonical INCI name (CosIng, curated synonyms, CosDNA
  cross-check, fuzzy matching that reports its score), with
  :mod:`~milia.ingredients.variants` (other readings of a name),
  :mod:`~milia.ingredients.complete` (cut names), :mod:`~milia.ingredients.fuzzy`,
  :mod:`~milia.ingredients.typos` and :mod:`~milia.ingredients.repair` (typos and
  damaged names), :mod:`~milia.ingredients.match` (the result of a look-up) and
  :mod:`~milia.ingredients.joins` (names cut by a stray comma, names repeated);
- :mod:`~milia.ingredients.rules`: cited category rules and weights;
- :mod:`~milia.ingredients.claims`: "oil-free" and "non-comedogenic" (which
  ingredients are oils: :mod:`~milia.ingredients.oils`);
- :mod:`~milia.ingredients.check`: :func:`check_ingredients`, the public entry.

The tables are data under ``milia/kb/data/ingredients/``.
"""

from __future__ import annotations

from milia.ingredients.check import PRODUCT_TYPES, check_ingredients, normalize_product_type

__all__ = ["PRODUCT_TYPES", "check_ingredients", "normalize_product_type"]
