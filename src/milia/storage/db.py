"""Database engine and schema migrations.

SQLite (the default, a file in ``settings.data_dir``) runs in WAL mode with
foreign keys enforced and ``synchronous=FULL``, so a committed diary entry
survives the process being killed. PostgreSQL is used when
``MILIA_DATABASE_URL`` names it.

Migrations are Alembic scripts shipped inside the package
(``milia/storage/migrations``), found through :mod:`importlib.resources`, so
``milia serve`` can upgrade the schema from an installed wheel.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from milia.config import Settings
from milia.errors import ConfigError, StorageError

__all__ = ["make_engine", "make_sessionmaker", "migrate", "session_scope"]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=10000")
    finally:
        cursor.close()


def make_engine(settings: Settings, *, url: str | None = None) -> Engine:
    """Create the engine for ``settings`` (or an explicit ``url``).

    For SQLite the data folder is created, and every connection gets
    ``foreign_keys=ON``, ``journal_mode=WAL`` and ``synchronous=FULL``.

    Raises
    ------
    ConfigError
        If the URL cannot be parsed or its driver is not installed.
    """
    raw = url or settings.sqlalchemy_url
    try:
        parsed = make_url(raw)
    except (SQLAlchemyError, ValueError) as exc:
        raise ConfigError(
            f"MILIA_DATABASE_URL is not a valid SQLAlchemy URL: {exc}", field="database_url"
        ) from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            settings.prepare_data_dir()
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (ImportError, SQLAlchemyError) as exc:
        raise ConfigError(
            f"cannot use database {parsed.render_as_string(hide_password=True)}: {exc}; "
            "for PostgreSQL install the extra: pip install 'milia[postgres]'",
            field="database_url",
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory used by the app (objects stay usable after commit)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def migrate(engine: Engine, *, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` with the packaged Alembic scripts.

    Raises
    ------
    StorageError
        If the database cannot be reached or a migration fails.
    """
    from alembic import command
    from alembic.config import Config

    script_location = resources.files("milia.storage").joinpath("migrations")
    config = Config()
    config.set_main_option("script_location", str(script_location))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except SQLAlchemyError as exc:
        raise StorageError(
            f"database migration failed: {exc.__class__.__name__}: {exc.args[0] if exc.args else ''}; "
            "check MILIA_DATABASE_URL and that the database server is running"
        ) from exc
