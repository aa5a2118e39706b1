"""A deleted photo's bytes leave the SQLite files (QA F10-21).

They stayed in ``milia.sqlite3-wal`` after "Delete my account" until SQLite
happened to checkpoint; without ``secure_delete`` a checkpoint would then copy
them into the database file's free pages.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from milia.storage.db import make_sessionmaker
from milia.storage.repository import Repository


def _on_disk(engine: Engine) -> bytes:
    path = Path(str(engine.url.database))
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def _store_photo(engine: Engine, image: bytes) -> tuple[int, int]:
    with make_sessionmaker(engine)() as session:
        repo = Repository(session)
        user = repo.create_user("dana@example.org", "h")
        session.flush()
        photo = repo.add_photo(
            user.id, image, media_type="image/jpeg", analysis={}, overlay_png=None,
            taken_on=dt.date(2026, 11, 1),
        )  # fmt: skip
        session.commit()
        return user.id, photo.id


def _delete_account(repo: Repository, user_id: int, _photo_id: int) -> None:
    repo.delete_user(user_id)


def _delete_photo(repo: Repository, user_id: int, photo_id: int) -> None:
    repo.delete_record("photo", user_id, photo_id)


@pytest.mark.parametrize("delete", [_delete_account, _delete_photo])
def test_a_deleted_photo_is_not_left_in_the_files(
    engine: Engine, delete: Callable[[Repository, int, int], None]
) -> None:
    image = os.urandom(200_000)  # spans overflow pages, as a photo does
    samples = [image[i : i + 64] for i in range(0, len(image), 20_000)]
    user_id, photo_id = _store_photo(engine, image)
    assert all(s in _on_disk(engine) for s in samples)  # the check can see them
    with make_sessionmaker(engine)() as session:
        delete(Repository(session), user_id, photo_id)
        session.commit()
    left = _on_disk(engine)
    assert not [s for s in samples if s in left]


def test_a_rolled_back_deletion_asks_for_nothing(engine: Engine) -> None:
    user_id, _ = _store_photo(engine, os.urandom(1000))
    factory = make_sessionmaker(engine)
    with factory() as session:
        Repository(session).delete_user(user_id)
        session.rollback()
        assert not session.info
    with factory() as session:
        assert Repository(session).counts(user_id)["photos"] == 1


def test_every_connection_zeroes_what_it_deletes(engine: Engine) -> None:
    # Debian's SQLite has it on by default; other builds do not (SQLITE_SECURE_DELETE)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
