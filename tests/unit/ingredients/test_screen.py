"""Screens before slow keyword patterns: never a false "cannot match"."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milia.ingredients import clean, variants
from milia.ingredients.screen import Screen, Screens

#: Every (pattern, screen) pair the parser uses.
PAIRS: list[tuple[str, re.Pattern[str], Screen]] = [
    ("prose", clean._PROSE_WORDS, clean._PROSE_SCREEN),
    ("function words", clean._FUNCTION_WORDS, clean._FUNCTION_SCREEN),
    ("qualifiers", variants._QUALIFIERS, variants._QUALIFIER_SCREEN),
    *((f"rewrite {p.pattern[:30]}", p, s) for p, _, s in variants._REWRITES),
]

#: Words of every pattern, so that generated texts often match one.
_WORDS = sorted(
    {w for _, p, _ in PAIRS for w in re.findall(r"[a-z]{2,}", p.pattern)}
    | {"Water", "Glycerin", "Kernel", "Flour", "Extract", "100", "-", "%", "12"}
)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives inside the pattern's first ``\\b(?:...)`` group."""
    body = pattern[pattern.index("(?:") + 3 :]
    depth, parts, current = 0, [], ""
    for ch in body:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


@pytest.mark.parametrize(
    ("pattern", "screen"),
    [
        (clean._PROSE_WORDS, clean._PROSE_SCREEN),
        (clean._FUNCTION_WORDS, clean._FUNCTION_SCREEN),
        (variants._QUALIFIERS, variants._QUALIFIER_SCREEN),
    ],
)
def test_every_alternative_has_its_word(pattern: re.Pattern[str], screen: Screen) -> None:
    """Each keyword of the pattern, as printed on a label, passes its screen."""
    for alternative in _alternatives(pattern.pattern):
        # the literal letters an alternative begins with, as a label prints them
        example = re.sub(r"\\[sw]\*|\\s\+|\[\\s-\]\??|\\s\*|\\\.\?", " ", alternative)
        example = re.sub(r"\(\?!.*?\)", "", example)
        example = re.sub(r"(.)\?", r"\1", example)  # "helps?" -> "helps"
        example = example.replace("[a-z]+", "plant").replace("[sz]", "s")
        text = f"Aqua {example.upper()} Extract"
        assert pattern.search(text), (alternative, text)  # the example is one
        assert screen.may_match(text), (alternative, text)


@pytest.mark.parametrize(
    "text",
    [
        "Butyrospermum Parkii (Shea) Butter",
        "Helps to smooth the skin",
        "Apply daily",
        "Avena Sativa Kernel Flour (Oat) Kernel Flour",
        "Organic Aloe Barbadensis Leaf Juice",
        "Plant-Derived Squalane",
        "100% Pure Argan Oil",
        "Petrolatum USP",
        "Lavender Floral Water",
        "Citrus Aurantium Var. Amara Flower Oil",
        "Rose Centifolia Flower Water",
        "Polyglycerin-10 Esters",
        "Clobetasol Propionate Ointment",
        "Candelilla Wax",
        "L-Proline",
        "Nourishing oil",
        "Crème hydratante",
    ],
)
def test_screens_pass_real_matches(text: str) -> None:
    for name, pattern, screen in PAIRS:
        if pattern.search(text):
            assert screen.may_match(text), (name, text)


def test_screen_says_no_for_plain_names() -> None:
    assert not clean._PROSE_SCREEN.may_match("Sodium Hyaluronate Crosspolymer")
    assert not variants._QUALIFIER_SCREEN.may_match("Caprylic/Capric Triglyceride")
    assert not Screen(repeated=True).may_match("Avena Sativa Kernel Flour")
    assert Screen(repeated=True).may_match("Kernel Flour kernel flour")
    # a word that only begins like a keyword is no keyword ("isopropyl" is not "is")
    assert not clean._FUNCTION_SCREEN.may_match("Isopropyl Myristate Itself")


def test_non_ascii_text_always_runs_the_pattern() -> None:
    assert Screen(words=["floral"]).may_match("Eau florale de rosé")
    assert Screen(words=["floral"]).may_match("\u017fkin")  # a long s folds to "s" in re.I


def test_screen_words_must_be_lower_case() -> None:
    with pytest.raises(ValueError, match="lower-case"):
        Screen(words=["Water"])


_texts = st.lists(
    st.one_of(
        st.sampled_from(_WORDS),
        st.sampled_from(_WORDS).map(str.upper),
        st.sampled_from(_WORDS).map(str.title),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-.%()/ ", max_size=6),
    ),
    max_size=8,
).map(lambda ws: " ".join(ws))


@settings(max_examples=600, deadline=None)
@given(_texts, st.sampled_from(["", " ", "-", ".", "(", ")"]))
def test_a_screen_never_hides_a_match(text: str, joiner: str) -> None:
    """Property: a pattern that matches a text always passes its screen."""
    for candidate in (text, text.replace(" ", joiner or " ")):
        for name, pattern, screen in PAIRS:
            if pattern.search(candidate):
                assert screen.may_match(candidate), (name, candidate)


@settings(max_examples=600, deadline=None)
@given(_texts, st.sampled_from(["", " ", "-", ".", "(", ")", "é"]))
def test_screens_answer_as_each_screen_does(text: str, joiner: str) -> None:
    """Property: Screens.matching lists exactly the screens whose may_match is true."""
    screens = [screen for _, _, screen in PAIRS]
    together = Screens(screens)
    for candidate in (text, text.replace(" ", joiner or " ")):
        expected = tuple(i for i, screen in enumerate(screens) if screen.may_match(candidate))
        assert together.matching(candidate) == expected, candidate


def test_screens_of_rewrites_pick_the_rewrites_that_apply() -> None:
    pick = variants._REWRITE_SCREENS.matching
    wax = next(i for i, (p, _, _) in enumerate(variants._REWRITES) if "wax" in p.pattern)
    rose = next(i for i, (p, _, _) in enumerate(variants._REWRITES) if "rose" in p.pattern)
    assert pick("Rose Centifolia Flower Wax") == tuple(sorted((rose, wax)))
    assert pick("Glycerin") == ()
    assert pick("Glycérine") == tuple(range(len(variants._REWRITES)))  # not ASCII: all run
