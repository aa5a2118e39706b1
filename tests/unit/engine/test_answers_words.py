"""Plain words the interview reads (kb/data/model/plain_words.yaml, QA F6-01)."""

from __future__ import annotations

from milia.engine.answers import _plain_sizes, _plain_words
from milia.kb.loader import data_files, read_yaml
from milia.kb.validate import validate_knowledge


def test_plain_words_live_in_their_own_file() -> None:
    assert "model/plain_words.yaml" in data_files()
    questions = read_yaml("model/questions.yaml")
    assert "plain_words" not in questions
    assert "plain_sizes_mm" not in questions
    table = read_yaml("model/plain_words.yaml")
    assert table["evidence"] == "expert_estimate"
    assert table["sources"]


def test_the_validator_reads_the_plain_words_file_cleanly() -> None:
    problems = [p for p in validate_knowledge() if p.file == "model/plain_words.yaml"]
    assert problems == []


def test_the_plain_word_tables_load() -> None:
    assert _plain_words()["color"]["whitish"] == "white"
    assert _plain_sizes()["pinhead"] == 1.0
