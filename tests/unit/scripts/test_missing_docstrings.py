"""scripts/missing_docstrings.py finds public definitions without a docstring, and only those."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))

import missing_docstrings as md

SOURCE = '''
def documented():
    """Yes."""

def bare():
    pass

def _private():
    pass

class Shown:
    """A class."""

    def method(self):
        pass

    def __init__(self):
        pass

    def _hidden(self):
        pass

class _Hidden:
    def method(self):
        pass

def outer():
    """Yes."""
    def inner():
        pass
'''


def test_lists_public_functions_and_methods_without_docstrings(tmp_path: Path) -> None:
    module = tmp_path / "mod.py"
    module.write_text(SOURCE, encoding="utf-8")
    lines, total = md.missing([tmp_path])
    assert [line.split(": ", 1)[1] for line in lines] == ["def bare", "def Shown.method"]
    assert total == 5  # documented, bare, Shown, Shown.method, outer


def test_private_modules_and_migrations_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "_private.py").write_text("def bare():\n    pass\n", encoding="utf-8")
    versions = tmp_path / "migrations" / "versions"
    versions.mkdir(parents=True)
    (versions / "0001_init.py").write_text("def upgrade():\n    pass\n", encoding="utf-8")
    assert md.missing([tmp_path]) == ([], 0)
