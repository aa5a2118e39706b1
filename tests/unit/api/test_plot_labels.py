"""Chart labels cut at a word, and the diary plot's count axis in whole numbers (QA F11-11)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from milia.api.plots import diary_png, differential_svg
from milia.storage.tables import DiaryEntry

LONG = "oral inclusion cysts (Epstein pearls, Bohn nodules)"


def _labels(svg: str) -> list[str]:
    return re.findall(r'class="chart-label">([^<]*)<', svg)


def test_a_long_name_is_cut_at_a_word_with_an_ellipsis() -> None:
    svg = differential_svg([{"condition": "oral_cysts", "name": LONG, "probability": 0.4}])
    (label,) = _labels(svg)
    assert label.endswith("…") and len(label) <= 40
    kept = label.removesuffix("…")
    assert LONG.startswith(kept)
    assert LONG[len(kept)] in " ,"  # the next character ends a word: nothing cut mid-word
    assert LONG in svg  # the title keeps the full name


@pytest.mark.parametrize("name", ["milia", "closed_comedone", "x" * 40])
def test_a_name_that_fits_is_shown_whole(name: str) -> None:
    (label,) = _labels(differential_svg([{"condition": name, "probability": 0.5}]))
    assert label == name.replace("_", " ")


def test_one_long_word_is_still_cut_to_the_column() -> None:
    (label,) = _labels(differential_svg([{"condition": "y" * 60, "probability": 0.5}]))
    assert label == "y" * 39 + "…"


def test_the_count_axis_has_whole_number_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.figure import Figure

    seen: list[Any] = []
    original = Figure.savefig

    def keep(self: Figure, *args: Any, **kwargs: Any) -> None:
        seen.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", keep)
    entries = []
    for i, count in enumerate((20, 16, 11, 7, 4)):
        entry = DiaryEntry(
            date=dt.date(2026, 11, 1) + dt.timedelta(days=7 * i),
            count=count,
            notes="",
            total_counted=True,
        )
        entry.regions = []
        entries.append(entry)
    assert diary_png(entries, today=dt.date(2026, 12, 7)).startswith(b"\x89PNG")
    (figure,) = seen
    ticks = [t for t in figure.axes[0].get_yticks() if 0 <= t <= 20]
    assert len(ticks) >= 3
    assert all(float(t).is_integer() for t in ticks), ticks


def test_a_treatment_name_with_an_emoji_draws_without_a_warning() -> None:
    # QA F15B-07: a pill emoji was drawn as a box and matplotlib warned on every plot
    import warnings

    from milia.api.plots import _drawable
    from milia.storage.tables import Treatment

    entry = DiaryEntry(date=dt.date(2026, 10, 1), count=9, notes="", total_counted=True)
    entry.regions = []
    treatment = Treatment(id=1, what="adapalène 0,1 % 💊", started=dt.date(2026, 10, 2),
                          ended=None, notes="")  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = diary_png([entry], [treatment], today=dt.date(2026, 11, 1))
    assert png[:4] == b"\x89PNG"
    assert _drawable("adapalène 0,1 % 💊") == "adapalène 0,1 %"
