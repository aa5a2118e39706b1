from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from milia.config import Settings
from milia.errors import ConfigError
from milia.storage.db import make_engine, migrate
from milia.storage.tables import Base


def test_sqlite_file_lives_in_data_dir_with_wal_and_foreign_keys(
    settings: Settings, engine: Engine
) -> None:
    assert (settings.data_dir / "milia.sqlite3").is_file()
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_migrations_create_every_table_and_match_the_models(engine: Engine) -> None:
    names = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= names
    assert "alembic_version" in names
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_migrate_twice_is_harmless(engine: Engine) -> None:
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"


def test_bad_database_url_is_a_config_error(tmp_path: Path) -> None:
    settings = Settings(environment="test", data_dir=tmp_path, database_url="not a url")
    with pytest.raises(ConfigError) as info:
        make_engine(settings)
    assert info.value.field == "database_url"


def test_a_database_of_the_first_release_upgrades_and_keeps_its_accounts(
    tmp_path: Path,
) -> None:
    engine = make_engine(Settings(environment="test", data_dir=tmp_path / "old"))
    migrate(engine, revision="0001")
    with engine.begin() as conn:
        assert "sign_in_attempts" not in inspect(conn).get_table_names()
        conn.execute(text("INSERT INTO users (email, password_hash) VALUES ('a@b.org', 'h')"))
    migrate(engine)
    with engine.connect() as conn:
        assert "sign_in_attempts" in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT email FROM users")).scalar() == "a@b.org"
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()
