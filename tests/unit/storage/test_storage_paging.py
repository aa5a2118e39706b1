"""QA F12-11: the repository's lists give a slice (Page), oldest or newest first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from milia.storage import Page, Repository


def _five(session: Session) -> tuple[Repository, int, list[int]]:
    repo = Repository(session)
    user = repo.create_user("pages@example.org", "hash").id
    ids = [repo.add_assessment(user, {"count": n}, {"knowledge_version": "k"}).id for n in range(5)]
    for n in range(5):
        repo.add_entry(user, dt.date(2026, 10, 1 + n), n)
    return repo, user, ids


def test_a_page_is_a_slice_oldest_first(session: Session) -> None:
    repo, user, ids = _five(session)
    assert [a.id for a in repo.assessments(user)] == ids
    assert [a.id for a in repo.assessments(user, Page())] == ids
    assert [a.id for a in repo.assessments(user, Page(limit=2, offset=1))] == ids[1:3]
    assert [a.id for a in repo.assessments(user, Page(offset=4))] == ids[4:]
    assert repo.assessments(user, Page(limit=3, offset=5)) == []


def test_newest_first_starts_from_the_other_end(session: Session) -> None:
    repo, user, ids = _five(session)
    assert [a.id for a in repo.assessments(user, Page(limit=2, newest_first=True))] == [
        ids[4],
        ids[3],
    ]
    days = [e.date.day for e in repo.entries(user, Page(limit=3, offset=1, newest_first=True))]
    assert days == [4, 3, 2]


def test_another_users_records_are_never_in_a_page(session: Session) -> None:
    repo, _owner, _ = _five(session)
    other = repo.create_user("other@example.org", "hash").id
    assert repo.assessments(other, Page(limit=10)) == []
