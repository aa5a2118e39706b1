"""QA F12-16: the keyboard focus ring has at least 3:1 contrast where it is drawn (WCAG 2.1
SC 1.4.11): on the page, beside secondary buttons, and in the navy header."""

from __future__ import annotations

import re
from importlib.resources import files

CSS = (files("milia.api") / "static" / "style.css").read_text(encoding="utf-8")


def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _var(name: str) -> str:
    found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS)
    assert found is not None
    return found.group(1)


def _colour(value: str) -> str:
    value = value.strip()
    return _var(value[6:-1].removeprefix("--")) if value.startswith("var(") else value


def test_the_focus_ring_stands_out_on_the_page_and_in_the_header() -> None:
    body = re.search(r"^:focus-visible\s*\{[^}]*outline:\s*3px solid ([^;]+);", CSS, re.M)
    header = re.search(r"^\.top :focus-visible\s*\{\s*outline-color:\s*([^;]+);", CSS, re.M)
    assert body is not None and header is not None
    ring, top_ring = _colour(body.group(1)), _colour(header.group(1))
    assert _contrast(ring, _var("bg")) >= 3.0  # was #f4a261: about 2:1
    assert _contrast(ring, "#e7e9ee") >= 3.0  # beside a secondary button
    assert _contrast(top_ring, _var("accent")) >= 3.0  # the navy header
