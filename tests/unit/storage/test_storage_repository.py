from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from milia.errors import AuthError, NotFoundError
from milia.storage.repository import Repository
from milia.storage.tables import Base, DiaryEntryRegion


def _two_users(session: Session) -> tuple[Repository, int, int]:
    repo = Repository(session)
    alice = repo.create_user("Alice@Example.org", "hash-a").id
    bob = repo.create_user("bob@example.org", "hash-b").id
    return repo, alice, bob


def _fill(repo: Repository, user_id: int) -> None:
    day = dt.date(2026, 10, 1)
    repo.add_entry(user_id, day, 7, by_region={"eyelids": 4, "cheeks": 2}, notes="start")
    repo.add_photo(
        user_id,
        b"\x89PNG...",
        media_type="image/png",
        analysis={"counts": {}},
        overlay_png=b"png",
        taken_on=day,
    )
    repo.add_product(user_id, "Petrolatum, Water", {"summary": {}}, name="Cream")
    repo.add_treatment(user_id, "adapalene 0.1 %", day, ended=day + dt.timedelta(days=30))
    repo.add_assessment(user_id, {"color": "white"}, {"knowledge_version": "1+abc"})
    repo.add_diagnosis(user_id, "milia", day, clinician="Dr K")


def test_email_is_case_insensitive_and_unique(session: Session) -> None:
    repo, alice, _ = _two_users(session)
    found = repo.user_by_email("  alice@EXAMPLE.org ")
    assert found is not None and found.id == alice
    with pytest.raises(AuthError) as info:
        repo.create_user("ALICE@example.org", "x")
    assert info.value.field == "email"


def test_entry_round_trip_keeps_regions(session: Session) -> None:
    repo, alice, _ = _two_users(session)
    created = repo.add_entry(alice, dt.date(2026, 11, 2), 5, by_region={"nose": 1, "eyelids": 3})
    session.commit()
    session.expunge_all()
    entry = repo.entry(alice, created.id)
    assert (entry.date, entry.count) == (dt.date(2026, 11, 2), 5)
    assert {r.region: r.count for r in entry.regions} == {"nose": 1, "eyelids": 3}


def test_entries_are_listed_by_date(session: Session) -> None:
    repo, alice, _ = _two_users(session)
    for day in (5, 1, 3):
        repo.add_entry(alice, dt.date(2026, 11, day), day)
    assert [e.date.day for e in repo.entries(alice)] == [1, 3, 5]


@pytest.mark.parametrize("getter", ["entry", "photo", "product", "treatment", "assessment"])
def test_other_users_records_are_not_found(session: Session, getter: str) -> None:
    repo, alice, bob = _two_users(session)
    _fill(repo, alice)
    listing = {
        "entry": repo.entries,
        "photo": repo.photos,
        "product": repo.products,
        "treatment": repo.treatments,
        "assessment": repo.assessments,
    }[getter]
    record_id = listing(alice)[0].id
    assert getattr(repo, getter)(alice, record_id).id == record_id
    with pytest.raises(NotFoundError):
        getattr(repo, getter)(bob, record_id)
    with pytest.raises(NotFoundError):
        getattr(repo, getter)(alice, record_id + 1000)
    assert listing(bob) == []


def test_delete_user_removes_every_record_and_photo(session: Session) -> None:
    repo, alice, bob = _two_users(session)
    _fill(repo, alice)
    _fill(repo, bob)
    session.commit()
    assert set(repo.counts(alice).values()) == {1}
    repo.delete_user(alice)
    session.commit()
    assert repo.user(alice) is None
    assert set(repo.counts(alice).values()) == {0}
    assert set(repo.counts(bob).values()) == {1}
    regions = session.scalar(select(func.count()).select_from(DiaryEntryRegion))
    assert regions == 2  # only bob's two regions remain
    for table in Base.metadata.sorted_tables:
        if "user_id" in table.c:
            left = session.scalar(
                select(func.count()).select_from(table).where(table.c.user_id == alice)
            )
            assert left == 0, table.name


def test_unsaved_photos_are_kept_apart_and_purged(session: Session) -> None:
    repo, alice, _ = _two_users(session)
    day = dt.date(2026, 11, 1)
    kept = repo.add_photo(
        alice, b"a", media_type="image/png", analysis={}, overlay_png=None, taken_on=day
    )
    draft = repo.add_photo(
        alice,
        b"b",
        media_type="image/png",
        analysis={},
        overlay_png=None,
        taken_on=day,
        saved=False,
    )
    session.commit()
    assert [p.id for p in repo.photos(alice)] == [kept.id]
    assert len(repo.photos(alice, saved_only=False)) == 2
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert repo.purge_unsaved_photos(alice, older_than=future) == 1
    with pytest.raises(NotFoundError):
        repo.photo(alice, draft.id)
