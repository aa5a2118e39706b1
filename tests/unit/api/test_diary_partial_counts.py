"""A count of some regions only is not a total (QA F10-08).

A diary entry with no total and one region was stored and plotted as the total,
so the plot read as a fall from 9 to 3 when only the eyelids had been counted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient

from milia.api import plots


def _post(client: TestClient, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post("/api/v1/diary/entries", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    out: dict[str, Any] = answer.json()
    return out


def test_api_says_which_counts_are_totals(client: TestClient, alice: dict[str, str]) -> None:
    full = _post(client, alice, {"date": "2026-10-20", "count": 9, "by_region": {"eyelids": 6}})
    part = _post(client, alice, {"date": "2026-11-25", "by_region": {"eyelids": 3}})
    assert full["total_counted"] is True and full["count"] == 9
    assert part["total_counted"] is False and part["count"] == 3
    listed = client.get("/api/v1/diary/entries", headers=alice).json()
    assert [e["total_counted"] for e in listed] == [True, False]


def test_exports_leave_the_total_of_a_partial_count_empty(
    client: TestClient, alice: dict[str, str]
) -> None:
    from fhir.resources.R4B.bundle import Bundle

    _post(client, alice, {"date": "2026-10-20", "count": 9, "by_region": {"eyelids": 6}})
    _post(client, alice, {"date": "2026-11-25", "by_region": {"eyelids": 3}})
    text = client.get("/api/v1/diary/export.csv", headers=alice).content.decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["kind"] == "count"]
    assert [(r["count"], r["eyelids"]) for r in rows] == [("9", "6"), ("", "3")]
    bundle = client.get("/api/v1/diary/export.fhir.json", headers=alice).json()
    Bundle.model_validate(bundle)  # obs-6: a dataAbsentReason only without a value
    counts = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["id"].startswith("count-")
    ]
    by_day = {o["effectiveDateTime"]: o for o in counts}
    assert by_day["2026-10-20"]["valueQuantity"]["value"] == 9
    partial = by_day["2026-11-25"]
    assert "valueQuantity" not in partial
    assert partial["dataAbsentReason"]["coding"][0]["code"] == "not-asked"
    assert partial["component"][0]["valueQuantity"]["value"] == 3


def test_the_page_says_a_partial_count_has_no_total(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("fran@example.org")
    token = csrf_of(web.get("/diary").text)
    for day, total in (("2026-10-20", "9"), ("2026-11-25", "")):
        added = web.post(
            "/diary/entries",
            data={"csrf_token": token, "date": day, "count": total, "region_eyelids": "3"},
            follow_redirects=False,
        )
        assert added.status_code == 303
    page = web.get("/diary").text
    assert page.count("in these regions only, no total") == 1


@pytest.mark.parametrize("partial", [False, True])
def test_the_plot_leaves_a_partial_count_off_the_total_line(
    monkeypatch: pytest.MonkeyPatch, partial: bool
) -> None:
    drawn: dict[str, list[float]] = {}
    from matplotlib.axes import Axes

    real_plot = Axes.plot

    def spy(self: Axes, *args: Any, **kwargs: Any) -> Any:
        drawn[str(kwargs.get("label"))] = list(args[1])
        return real_plot(self, *args, **kwargs)

    monkeypatch.setattr(Axes, "plot", spy)

    def entry(day: int, count: int, eyelids: int, total: bool) -> SimpleNamespace:
        region = SimpleNamespace(region="eyelids", count=eyelids)
        return SimpleNamespace(
            date=dt.date(2026, 11, day), count=count, total_counted=total, regions=[region]
        )

    entries = [entry(1, 12, 8, True), entry(10, 9, 6, True), entry(20, 3, 3, not partial)]
    png = plots.diary_png(entries, [], today=dt.date(2026, 12, 1))  # type: ignore[arg-type]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert drawn["total"] == ([12, 9] if partial else [12, 9, 3])
    assert drawn["eyelids"] == [8, 6, 3]


def test_the_legend_stays_inside_the_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA F10-09: six treatments' labels were cut at both sides of the 900 px figure."""
    from matplotlib.figure import Figure

    seen: list[Figure] = []
    real_savefig = Figure.savefig

    def keep(self: Figure, *args: Any, **kwargs: Any) -> None:
        real_savefig(self, *args, **kwargs)
        seen.append(self)

    monkeypatch.setattr(Figure, "savefig", keep)
    day = dt.date(2026, 10, 1)
    region = SimpleNamespace(region="eyelids", count=3)
    entries = [SimpleNamespace(date=day, count=5, total_counted=True, regions=[region])]
    words = (
        "popped them with a sterile needle at home",
        "lanced them myself",
        "tretinoin 0.025% cream at night",
        "dermatologist de-roofed and extracted them",
        "used a comedone extractor tool",
        "squeezed",
    )
    treatments = [
        SimpleNamespace(what=w, started=day + dt.timedelta(days=i), ended=None, notes="")
        for i, w in enumerate(words)
    ]
    plots.diary_png(entries, treatments, today=dt.date(2026, 12, 1))  # type: ignore[arg-type]
    fig = seen[0]
    box = fig.legends[0].get_window_extent()
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width
    assert box.y0 >= 0 and box.y1 <= fig.bbox.height
