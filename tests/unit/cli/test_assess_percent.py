"""The CLI text and the web chart never show a probability as 100 % (QA F16-02)."""

from __future__ import annotations


def test_the_text_and_the_web_chart_show_no_100_percent() -> None:
    # QA F16-02
    from milia import assess
    from milia.api.plots import differential_svg
    from milia.cli.assess import render_text

    case = {"age_days": 6, "color": "clear", "diameter_mm": 1, "surface": "vesicle",
            "content": "clear_fluid", "count": 40, "sites": ["forehead", "neck", "chest"],
            "history": ["overheating"]}  # fmt: skip
    result = assess(case)
    assert result["differential"][0]["probability"] >= 0.9995
    text = render_text(result)
    assert "100.0%" not in text and ">99.9%" in text
    assert "100%" not in differential_svg(result["differential"])
