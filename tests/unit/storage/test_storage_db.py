from __future__ import annotations

import logging
import os
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
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"


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


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_new_sqlite_diary_is_readable_by_its_user_only(tmp_path: Path) -> None:
    # QA F9-11: the database and its WAL/SHM were 0644 and the folder 0755.
    old = os.umask(0o022)  # the usual umask, which made them world-readable
    try:
        settings = Settings(environment="test", data_dir=tmp_path / "made" / "data")
        settings = settings.with_local_secret()  # milia serve makes the folder and the secret first
        engine = make_engine(settings)
        migrate(engine)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (email, password_hash) VALUES ('a@b.org', 'h')"))
        with engine.connect() as conn:  # the WAL and SHM exist while a connection is open
            conn.execute(text("SELECT 1")).scalar()
            files = sorted(p.name for p in settings.data_dir.iterdir())
            assert {"milia.sqlite3", "milia.sqlite3-wal", "milia.sqlite3-shm"} <= set(files)
            assert {name: _mode(settings.data_dir / name) for name in files} == {
                name: 0o600 for name in files
            }
        assert _mode(settings.data_dir) == 0o700
        engine.dispose()
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_existing_database_or_a_shared_folder_keeps_its_modes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    (shared / "notes.txt").write_text("someone else's file\n", encoding="utf-8")
    engine = make_engine(Settings(environment="test", data_dir=shared))
    migrate(engine)
    engine.dispose()
    assert _mode(shared) == 0o755  # a folder with other files is not milia's to lock
    assert _mode(shared / "milia.sqlite3") == 0o600  # the new database still is private

    existing = tmp_path / "existing"
    existing.mkdir()
    existing.chmod(0o750)
    (existing / "milia.sqlite3").touch()
    (existing / "milia.sqlite3").chmod(0o640)
    with caplog.at_level(logging.WARNING, logger="milia.storage"):
        engine = make_engine(Settings(environment="test", data_dir=existing))
    migrate(engine)
    engine.dispose()
    assert _mode(existing / "milia.sqlite3") == 0o640
    assert _mode(existing) == 0o750
    assert "readable by other users" in caplog.text and "chmod 600" in caplog.text
    caplog.clear()
    (existing / "milia.sqlite3").chmod(0o600)
    with caplog.at_level(logging.WARNING, logger="milia.storage"):
        make_engine(Settings(environment="test", data_dir=existing)).dispose()
    assert caplog.text == ""
