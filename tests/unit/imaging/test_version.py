"""analysis_version is short and stable: the method's version and a hash of its parameters (QA F11-07)."""

from __future__ import annotations

import dataclasses
import re

from milia.imaging import version
from milia.imaging.classify import THRESHOLDS


def test_the_version_is_the_method_and_eight_hex_digits() -> None:
    assert re.fullmatch(r"photo-\d+\.\d+\+[0-9a-f]{8}", version.ANALYSIS_VERSION)
    assert version.ANALYSIS_VERSION.startswith(version.METHOD_VERSION + "+")
    assert len(version.ANALYSIS_VERSION) < 40  # was ~1,900 characters up to photo-1.13


def test_the_hash_is_the_parameters_own() -> None:
    params = version._parameters()
    assert version.parameters_hash(params) == version.parameters_hash(dict(params))
    assert version.ANALYSIS_VERSION.endswith(version.parameters_hash(params))
    moved = params | {
        "classify.THRESHOLDS": dataclasses.replace(THRESHOLDS, light_cnr=THRESHOLDS.light_cnr + 0.5)
    }
    assert version.parameters_hash(moved) != version.parameters_hash(params)
    fewer = {k: v for k, v in params.items() if k != "detect.MIN_RESPONSE_LIGHT"}
    assert version.parameters_hash(fewer) != version.parameters_hash(params)
