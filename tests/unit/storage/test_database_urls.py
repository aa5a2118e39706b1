"""MILIA_DATABASE_URL's schemes (QA F15B-15): postgres:// is PostgreSQL, other
databases are refused naming what is supported, and the start line names the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from milia.config import Settings
from milia.errors import ConfigError
from milia.storage.db import database_label, make_engine


def _settings(tmp_path: Path, url: str | None) -> Settings:
    return Settings(data_dir=tmp_path, database_url=url)


def test_the_short_postgres_scheme_is_postgresql_with_psycopg(tmp_path: Path) -> None:
    engine = make_engine(_settings(tmp_path, "postgres://u:secret@db.example:5433/clinic"))
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


@pytest.mark.parametrize("url", ["mysql://x@y/z", "oracle://x@y/z"])
def test_an_unsupported_database_is_refused_without_the_postgres_hint(
    tmp_path: Path, url: str
) -> None:
    with pytest.raises(ConfigError) as err:
        make_engine(_settings(tmp_path, url))
    assert "supports SQLite" in err.value.message and "milia[postgres]" not in err.value.message


def test_the_label_names_the_database_without_its_password(tmp_path: Path) -> None:
    assert database_label(_settings(tmp_path, None)).startswith("SQLite at ")
    label = database_label(_settings(tmp_path, "postgres://u:secret@db.example:5433/clinic"))
    assert label == "PostgreSQL at db.example:5433/clinic" and "secret" not in label
