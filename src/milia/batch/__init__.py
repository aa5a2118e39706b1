"""Batch runs over product catalogues and photo archives.

The same core calls (:func:`milia.check_ingredients`, :func:`milia.analyze_photo`)
run in a plain loop, in local worker processes, or on a Dask cluster when one
machine is not enough (install the ``batch`` extra). Results come back in input
order; one bad item yields an ``error`` record and never stops the batch.
"""

from __future__ import annotations

from milia.batch.catalogue import read_product_rows
from milia.batch.jobs import analyze_archive, check_catalogue
from milia.batch.runner import Backend, run_batch

__all__ = ["Backend", "analyze_archive", "check_catalogue", "read_product_rows", "run_batch"]
