"""Sites are named in plain words in the engine's texts ("armpits", not "axillae"):
atypical_picture's message and the why lists (session 15)."""

from __future__ import annotations

from assess_paths import assess_both


def test_atypical_picture_names_the_armpits_in_plain_words() -> None:
    case = {"age_days": 6, "color": "yellow", "surface": "pustule", "diameter_mm": 2,
            "sites": ["axillae", "abdomen"], "on_red_plaque": True, "count": 1}  # fmt: skip
    result = assess_both(case)
    (flag,) = [f for f in result["red_flags"] if f["id"] == "atypical_picture"]
    assert "site armpits" in flag["message"]
    assert "axillae" not in flag["message"]


def test_why_texts_use_the_question_labels() -> None:
    result = assess_both({"age_years": 30, "color": "white", "sites": ["back_of_hands"]})
    texts = [w["text"] for d in result["differential"] for w in d["why"]]
    assert any(t.startswith("site backs of the hands:") for t in texts)
    assert not any("back of hands" in t for t in texts)
