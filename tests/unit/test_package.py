"""The public surface of ``milia`` is deliberate: a test locks it."""

from __future__ import annotations

import subprocess
import sys

import pytest

import milia
from milia.config import DEFAULT_SECRET, Settings
from milia.errors import (
    AuthError,
    CaseError,
    ConfigError,
    ImageError,
    IngredientParseError,
    KnowledgeBaseError,
    MiliaError,
    NotFoundError,
    StorageError,
)


def test_public_names_are_locked() -> None:
    assert milia.__all__ == [
        "AuthError",
        "CaseError",
        "ConfigError",
        "ImageError",
        "IngredientParseError",
        "KnowledgeBaseError",
        "MiliaError",
        "NotFoundError",
        "StorageError",
        "__version__",
        "analyze_photo",
        "assess",
        "check_ingredients",
        "load_knowledge",
    ]


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'diagnose'"):
        _ = milia.diagnose  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "cls",
    [
        CaseError,
        KnowledgeBaseError,
        IngredientParseError,
        ImageError,
        StorageError,
        AuthError,
        ConfigError,
    ],
)
def test_error_tree(cls: type[MiliaError]) -> None:
    err = cls("bad thing; do this", field="x", suggestion="y")
    assert isinstance(err, MiliaError)
    assert err.to_dict() == {
        "error": cls.__name__,
        "detail": "bad thing; do this",
        "field": "x",
        "suggestion": "y",
    }
    assert issubclass(NotFoundError, StorageError)


def test_import_is_light() -> None:
    code = "import sys, milia; print(sorted(m for m in ('numpy','fastapi','sqlalchemy','cv2') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_settings_refuse_default_secret_in_production() -> None:
    with pytest.raises(ConfigError, match="MILIA_SECRET_KEY"):
        Settings(environment="production")
    with pytest.raises(ConfigError):
        Settings(environment="production", secret_key="short")
    ok = Settings(environment="production", secret_key="x" * 40)
    assert ok.secret_key != DEFAULT_SECRET


def test_settings_default_database_is_sqlite_in_data_dir(tmp_path: object) -> None:
    s = Settings(data_dir=tmp_path)  # type: ignore[arg-type]
    assert s.sqlalchemy_url.startswith("sqlite:///") and s.sqlalchemy_url.endswith("milia.sqlite3")


def test_settings_read_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MILIA_PORT", "9123")
    assert Settings().port == 9123


def test_test_module_names_are_unique() -> None:
    """pytest imports test files by basename (no packages): two equal names stop collection."""
    from collections import Counter
    from pathlib import Path

    tests = Path(__file__).resolve().parents[1]
    names = Counter(p.name for p in tests.rglob("test_*.py"))
    assert [name for name, n in names.items() if n > 1] == []
