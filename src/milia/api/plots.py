"""Server-side charts: the differential as an SVG bar chart, the diary as a PNG.

The SVG is written by hand (small, accessible, scales on a phone); the
diary plot uses matplotlib's Agg backend through the object API (no pyplot
global state, safe in worker threads).
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from typing import Any

from milia.api.diary_advice import home_extraction
from milia.engine.presentation import percent_shown
from milia.imaging.words import plain_region
from milia.storage.tables import DiaryEntry, Treatment

__all__ = ["diary_png", "differential_svg", "treatment_rows"]


def differential_svg(differential: Sequence[Mapping[str, Any]], *, limit: int = 8) -> str:
    """Return an SVG bar chart of the differential, most likely first.

    Parameters
    ----------
    differential : sequence of mappings
        ``{"condition": ID, "probability": 0..1}`` items, as in the assessment.
    limit : int
        Number of bars.
    """
    rows = list(differential)[:limit]
    bar_h, gap, label_w, bar_w = 22, 8, 280, 220
    height = max(1, len(rows)) * (bar_h + gap) + gap
    width = label_w + bar_w + 60
    title = "Differential: " + ", ".join(
        f"{r.get('name') or r.get('condition')} "
        f"{percent_shown(float(r.get('probability', 0)), decimals=0)}"
        for r in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'class="chart" aria-labelledby="diff-title"><title id="diff-title">{escape(title)}</title>'
    ]
    for i, row in enumerate(rows):
        p = max(0.0, min(1.0, float(row.get("probability", 0.0))))
        y = gap + i * (bar_h + gap)
        name = escape(_short(str(row.get("name") or row.get("condition", "?")).replace("_", " ")))
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" '
            f'class="chart-label">{name}</text>'
            f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="{bar_h}" class="chart-track"/>'
            f'<rect x="{label_w}" y="{y}" width="{bar_w * p:.1f}" height="{bar_h}" '
            f'class="chart-bar{" chart-top" if i == 0 else ""}"/>'
            f'<text x="{label_w + bar_w + 6}" y="{y + bar_h * 0.7:.1f}" class="chart-value">'
            f"{escape(percent_shown(p, decimals=0))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, width: int = 40) -> str:
    """``label`` cut at a word boundary to at most ``width`` characters, with an ellipsis.

    The chart's column is 40 characters wide; the SVG's title keeps the full name
    (QA F11-11: "oral inclusion cysts (Epstein pearls, Bo" was cut mid-word).

    Examples
    --------
    >>> _short("oral inclusion cysts (Epstein pearls, Bohn nodules)")
    'oral inclusion cysts (Epstein pearls…'
    >>> _short("milia")
    'milia'
    """
    if len(label) <= width:
        return label
    cut = label[: width - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:(-") + "…"


def treatment_rows(treatments: Sequence[Treatment], *, today: dt.date) -> list[int]:
    """The row of the plot each treatment's band is drawn in, so none hides another.

    Treatments whose days overlap (an ongoing one lasts until ``today``) get
    different rows; a treatment takes the lowest row free on its first day
    (QA F9-05: a later band covered an earlier ongoing one, which looked stopped).

    Parameters
    ----------
    treatments : sequence of Treatment
        The diary's treatments, in any order.
    today : datetime.date
        Where an ongoing treatment's band ends.

    Returns
    -------
    list of int
        Row 0, 1, ... for each treatment, in the order given.
    """
    order = sorted(range(len(treatments)), key=lambda i: (treatments[i].started, i))
    row_ends: list[dt.date] = []  # the last day of the band in each row so far
    rows = [0] * len(treatments)
    for i in order:
        start, end = treatments[i].started, treatments[i].ended or today
        free = [r for r, last in enumerate(row_ends) if last < start]
        row = free[0] if free else len(row_ends)
        if row == len(row_ends):
            row_ends.append(end)
        row_ends[row] = max(end, start)
        rows[i] = row
    return rows


#: characters a legend label is wrapped at: two columns fit 900 px at 8 pt (QA F10-09)
_LEGEND_WIDTH = 48


def diary_png(
    entries: Sequence[DiaryEntry],
    treatments: Sequence[Treatment] = (),
    *,
    today: dt.date | None = None,
) -> bytes:
    """Plot the counts over time (total and by region) with treatments as bands.

    Overlapping treatments are drawn in separate rows (:func:`treatment_rows`); a
    treatment naming home extraction is hatched and its legend says it is not
    advised (QA F9-05).

    Parameters
    ----------
    entries : sequence of DiaryEntry
        The counts, each drawn on its day (total, and by region when counted).
    treatments : sequence of Treatment, optional
        Drawn as bands from their first to their last day.
    today : datetime.date, optional
        Where an ongoing treatment's band ends (default: today).

    Returns
    -------
    bytes
        A PNG image, 900 px wide and 450 px high, higher when the legend
        (below the plot, in two columns of labels wrapped at 48 characters)
        has more than four lines a column.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, get_epoch
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    today = today or dt.date.today()
    epoch = dt.date.fromisoformat(str(get_epoch())[:10])  # type: ignore[no-untyped-call]

    def date2num(days: Sequence[dt.date] | dt.date) -> Any:
        if isinstance(days, dt.date):
            return float((days - epoch).days)
        return [float((d - epoch).days) for d in days]

    # constrained layout keeps the legend below the axes inside the figure (QA F10-09)
    fig = Figure(figsize=(9, 4.5), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    if entries:
        # A count of some regions only is not a total: on the total line it would read
        # as a fall (QA F10-08); its regions are still drawn on their own lines.
        totals = [e for e in entries if e.total_counted]
        if totals:
            ax.plot(
                date2num([e.date for e in totals]), [e.count for e in totals], marker="o",
                lw=2.2, color="#1f3b73", label="total",
            )  # fmt: skip
        regions = sorted({r.region for e in entries for r in e.regions})
        for region in regions:
            points = [(e.date, r.count) for e in entries for r in e.regions if r.region == region]
            ax.plot(
                date2num([p[0] for p in points]), [p[1] for p in points], marker=".", lw=1.2,
                ls="--", label=plain_region(region),
            )  # fmt: skip
    palette = ("#f4a261", "#2a9d8f", "#8e7cc3", "#e9c46a", "#e76f51")
    rows = treatment_rows(treatments, today=today)
    n_rows = max(rows, default=0) + 1
    for i, treatment in enumerate(treatments):
        end = treatment.ended or today
        home = home_extraction(treatment.what, treatment.notes)
        what = _drawable(treatment.what)
        label = textwrap.shorten(f"treatment: {what}", width=90, placeholder=" ...")
        label = label + " (home extraction: not advised)" if home else label
        ax.axvspan(
            float(date2num(treatment.started)),
            float(date2num(end + dt.timedelta(days=1))),
            ymin=rows[i] / n_rows, ymax=(rows[i] + 1) / n_rows, alpha=0.18,
            color=palette[i % len(palette)], hatch="xx" if home else None,
            label=textwrap.fill(label, width=_LEGEND_WIDTH),
        )  # fmt: skip
    if not entries and not treatments:
        ax.text(0.5, 0.5, "No counts yet", ha="center", va="center", transform=ax.transAxes)
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    # the offset names the year, not "2026-Dec" under month ticks (QA F15B-07)
    dates = ConciseDateFormatter(  # type: ignore[no-untyped-call]
        locator, offset_formats=["", "%Y", "%Y", "%Y-%b-%d", "%Y-%b-%d", "%Y-%b-%d %H:%M"]
    )
    ax.xaxis.set_major_formatter(dates)
    ax.set_ylabel("milia counted")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole bumps (QA F11-11)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    if entries or treatments:
        # below the plot, so it hides no count and no treatment's band (QA F9-05)
        fig.legend(loc="outside lower center", ncol=2, fontsize=8, frameon=False)
        # two columns of wrapped labels: the taller one's lines set the extra height
        labels = ax.get_legend_handles_labels()[1]
        half = (len(labels) + 1) // 2
        lines = max(sum(lb.count("\n") + 1 for lb in col) for col in (labels[:half], labels[half:]))
        fig.set_figheight(4.5 + 0.15 * max(0, lines - 4))
    ax.set_title("Your counts over time")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


@cache
def _font_characters() -> frozenset[int]:
    """The code points the plot's font (matplotlib's default, DejaVu Sans) can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties())
    return frozenset(FT2Font(path).get_charmap())


def _drawable(text: str) -> str:
    """``text`` without the characters the font lacks (QA F15B-07: a pill emoji in a
    treatment's name was drawn as a box, and matplotlib warned on every plot)."""
    known = _font_characters()
    kept = "".join(c for c in text if ord(c) in known or c.isspace())
    return " ".join(kept.split()) or text.encode("ascii", "replace").decode()
