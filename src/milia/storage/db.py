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

import logging
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from milia.config import SECRET_FILE, Settings
from milia.errors import ConfigError, StorageError

__all__ = [
    "database_label",
    "make_engine",
    "make_sessionmaker",
    "mark_deleted",
    "migrate",
    "session_scope",
]

#: ``session.info`` key: rows were deleted in the session's transaction
_DELETED = "milia_deleted_rows"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=10000")
        # Deleted rows are overwritten with zeros, not left in free pages (QA F10-21).
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


_log = logging.getLogger("milia.storage")

#: Suffixes of the files SQLite keeps beside the database (WAL mode, rollback journal).
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _warn_if_shared(path: Path) -> None:
    """Log a warning when an existing diary database is readable by other users.

    A database made before milia kept it private (QA F9-11) keeps its modes; the
    warning says how to make it private, which milia does not do by itself.
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    if os.name == "posix" and mode & 0o077:
        _log.warning(
            "the diary database %s is readable by other users of this machine (mode %03o); "
            "make it private: chmod 600 '%s'*; chmod 700 '%s'",
            path, mode, path, path.parent,
        )  # fmt: skip


def _create_private_sqlite_file(path: Path) -> None:
    """Create the SQLite database file ``path`` readable by this user only (QA F9-11).

    The diary (health data, photos) lives in this file and its ``-wal``/``-shm``
    files, which SQLite creates with the main file's permissions. When the file
    does not exist yet it is created empty (a valid, empty SQLite database) with
    mode 0600; and when its folder is this user's and holds nothing but milia's
    own files (the database's files and ``secret_key``) -- a folder milia made for
    it -- the folder becomes 0700. An existing database or a shared folder (a home
    folder, ``/tmp``) keeps its permissions; an existing database that others may
    read is named in a logged warning with the command that makes it private.

    Raises
    ------
    ConfigError
        ``field="database_url"`` when the file cannot be created.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        _warn_if_shared(path)
        return
    except OSError as exc:
        raise ConfigError(
            f"cannot create the SQLite database '{path}': {exc.strerror or exc}",
            field="database_url",
        ) from None
    os.close(fd)
    folder = path.parent
    own = {path.name, SECRET_FILE} | {path.name + suffix for suffix in _SQLITE_SIDE_FILES}
    try:
        info = folder.stat()
        if (
            os.name == "posix"
            and info.st_uid == os.getuid()
            and {entry.name for entry in folder.iterdir()} <= own
        ):
            folder.chmod(stat.S_IMODE(info.st_mode) & 0o700)
    except OSError:  # the database is private already; a folder left as it was is no error
        pass


def make_engine(settings: Settings, *, url: str | None = None) -> Engine:
    """Create the engine for ``settings`` (or an explicit ``url``).

    For SQLite the data folder is created, a new database file is made readable
    by this user only (mode 0600; its folder 0700 when milia made it, see
    ``_create_private_sqlite_file``), and every connection gets
    ``foreign_keys=ON``, ``journal_mode=WAL`` and ``synchronous=FULL``.

    Parameters
    ----------
    settings : Settings
        Its ``sqlalchemy_url`` (``MILIA_DATABASE_URL``, else SQLite in the data
        folder) and data folder.
    url : str, optional
        A SQLAlchemy URL to use instead of the settings' (tests, migrations).

    Returns
    -------
    Engine
        The engine; nothing is connected yet.

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
    parsed = _supported(parsed)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            settings.prepare_data_dir()
            if not parsed.database.startswith("file:"):
                _create_private_sqlite_file(Path(parsed.database))
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (ImportError, SQLAlchemyError) as exc:
        hint = (
            "; for PostgreSQL install the extra: pip install 'milia[postgres]'"
            if parsed.get_backend_name() == "postgresql"
            else ""
        )
        raise ConfigError(
            f"cannot use database {parsed.render_as_string(hide_password=True)}: {exc}{hint}",
            field="database_url",
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _supported(parsed: URL) -> URL:
    """``postgres://`` (the short scheme of psql, Heroku and docker-compose) read as
    ``postgresql+psycopg://``; a database other than SQLite or PostgreSQL refused
    (QA F15B-15: both were told to install the PostgreSQL extra).

    Raises
    ------
    ConfigError
        For a database milia does not support.
    """
    if parsed.drivername == "postgres":
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(
            f"MILIA_DATABASE_URL names a {parsed.get_backend_name()} database; milia "
            "supports SQLite (the default) and PostgreSQL (postgresql+psycopg://...)",
            field="database_url",
        )
    return parsed


def database_label(settings: Settings) -> str:
    """The database in use, in words, without its password: "SQLite at PATH" or
    "PostgreSQL at HOST:PORT/NAME" (the start line says it, QA F15B-15)."""
    try:
        parsed = _supported(make_url(settings.sqlalchemy_url))
    except (SQLAlchemyError, ValueError, ConfigError):
        return "the database of MILIA_DATABASE_URL"
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite at {parsed.database}"
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
    return f"PostgreSQL at {where}"


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory used by the app (objects stay usable after commit).

    On SQLite, a commit that deleted rows (:func:`mark_deleted`) is followed by a
    checkpoint that truncates the write-ahead log, so a deleted photo or account
    does not stay readable in ``-wal`` (QA F10-21); ``secure_delete`` has zeroed
    its pages in the database file.

    Parameters
    ----------
    engine : Engine
        From :func:`make_engine`.

    Returns
    -------
    sessionmaker
        Sessions bound to ``engine``, ``expire_on_commit=False``.
    """
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    event.listen(factory, "after_commit", _scrub_after_commit)
    event.listen(factory, "after_rollback", _forget_deleted)
    return factory


def mark_deleted(session: Session) -> None:
    """Have the deleted rows' bytes leave the SQLite files when ``session`` commits.

    Parameters
    ----------
    session : Session
        A session of :func:`make_sessionmaker` that deleted rows; a rollback
        forgets the mark.
    """
    session.info[_DELETED] = True


def _forget_deleted(session: Session) -> None:
    session.info.pop(_DELETED, None)


def _scrub_after_commit(session: Session) -> None:
    if not session.info.pop(_DELETED, False):
        return
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return  # PostgreSQL's VACUUM is the server's administrator's business
    engine = bind if isinstance(bind, Engine) else bind.engine
    try:
        with engine.connect() as conn:
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()[0]
    except SQLAlchemyError as exc:
        _log.warning("the write-ahead log was not truncated after a deletion: %s", exc)
        return
    if busy:  # another connection was reading: the next deletion's checkpoint retries
        _log.warning("the write-ahead log was not truncated after a deletion: database busy")


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on any error.

    Parameters
    ----------
    factory : sessionmaker
        From :func:`make_sessionmaker`.

    Yields
    ------
    Session
        Committed when the block ends normally, rolled back (and the error raised
        again) otherwise; closed either way.
    """
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

    Parameters
    ----------
    engine : Engine
        The database to upgrade, in one transaction.
    revision : str, optional
        The Alembic revision to reach (``"head"``: the newest).

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
