"""Everything the app stores, read and written through one owner-scoped repository.

Every read takes the ``user_id`` of the person asking; a record that exists
but belongs to someone else raises the same :class:`NotFoundError` as one
that does not exist, so ids leak nothing.

The repository never commits: the caller's unit of work does (see
:func:`milia.storage.db.session_scope`), so an entry and its per-region
counts are written in one transaction or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, func, select

from milia.errors import NotFoundError
from milia.storage.accounts import AccountStore
from milia.storage.db import mark_deleted
from milia.storage.tables import (
    RECORD_NAMES,
    Assessment,
    Base,
    Diagnosis,
    DiaryEntry,
    DiaryEntryRegion,
    Photo,
    ProductCheck,
    Treatment,
)

__all__ = ["Repository"]

_MAX_ID = 2**63  # ids are signed 64-bit integers in SQLite and PostgreSQL

_Owned = TypeVar("_Owned", DiaryEntry, Photo, ProductCheck, Treatment, Assessment, Diagnosis)

_DELETABLE: dict[str, type[Base]] = {
    "entry": DiaryEntry,
    "photo": Photo,
    "product": ProductCheck,
    "treatment": Treatment,
    "assessment": Assessment,
    "diagnosis": Diagnosis,
}


class Repository(AccountStore):
    """Owner-scoped access to the diary tables, and the accounts (see :class:`AccountStore`).

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        The unit of work; the repository flushes but never commits.
    """

    # -- generic owner-scoped reads ---------------------------------------
    def _get(self, kind: type[_Owned], user_id: int, record_id: int) -> _Owned:
        # An id no database integer can hold names no record: answer "not found"
        # instead of letting the driver overflow (SQLite and PostgreSQL: signed 64-bit).
        in_range = isinstance(record_id, int) and 0 < record_id < _MAX_ID
        record = self.session.get(kind, record_id) if in_range else None
        if record is None or record.user_id != user_id:
            raise NotFoundError(
                f"no {RECORD_NAMES[kind]} with id {record_id} in your diary", field="id"
            )
        return record

    def _list(self, kind: type[_Owned], user_id: int, *order: Any) -> list[_Owned]:
        query = select(kind).where(kind.user_id == user_id).order_by(*order, kind.id)
        return list(self.session.scalars(query))

    # -- diary entries ----------------------------------------------------
    def add_entry(
        self,
        user_id: int,
        date: dt.date,
        count: int,
        *,
        by_region: Mapping[str, int] | None = None,
        notes: str = "",
        total_counted: bool = True,
    ) -> DiaryEntry:
        """Store a count (total and by region) for ``date``; validated by the caller.

        ``total_counted`` is False when only the regions were counted (``count`` is
        then their sum, not the face's total).
        """
        entry = DiaryEntry(
            user_id=user_id, date=date, count=count, notes=notes, total_counted=total_counted
        )
        entry.regions = [
            DiaryEntryRegion(region=region, count=n)
            for region, n in sorted((by_region or {}).items())
        ]
        self.session.add(entry)
        self.session.flush()
        return entry

    def entry(self, user_id: int, entry_id: int) -> DiaryEntry:
        """Return one of the user's entries; :class:`NotFoundError` otherwise."""
        return self._get(DiaryEntry, user_id, entry_id)

    def entries(self, user_id: int) -> list[DiaryEntry]:
        """The user's entries, oldest date first."""
        return self._list(DiaryEntry, user_id, DiaryEntry.date)

    def delete_entry(self, user_id: int, entry_id: int) -> None:
        """Delete one of the user's entries (:meth:`delete_record` of kind ``entry``)."""
        self.delete_record("entry", user_id, entry_id)

    # -- photos -------------------------------------------------------------
    def add_photo(
        self,
        user_id: int,
        image: bytes,
        *,
        media_type: str,
        analysis: dict[str, Any],
        overlay_png: bytes | None,
        taken_on: dt.date,
        saved: bool = True,
    ) -> Photo:
        """Store a metadata-free photo with its analysis and overlay."""
        photo = Photo(
            user_id=user_id,
            image=image,
            media_type=media_type,
            analysis=analysis,
            overlay_png=overlay_png,
            taken_on=taken_on,
            saved=saved,
        )
        self.session.add(photo)
        self.session.flush()
        return photo

    def photo(self, user_id: int, photo_id: int) -> Photo:
        """Return one of the user's photos; :class:`NotFoundError` otherwise."""
        return self._get(Photo, user_id, photo_id)

    def photos(self, user_id: int, *, saved_only: bool = True) -> list[Photo]:
        """The user's photos, oldest first (only those saved to the diary by default)."""
        query = select(Photo).where(Photo.user_id == user_id)
        if saved_only:
            query = query.where(Photo.saved.is_(True))
        return list(self.session.scalars(query.order_by(Photo.taken_on, Photo.id)))

    def save_photo(self, user_id: int, photo_id: int) -> Photo:
        """Move a photo from the Photo page's result into the diary."""
        photo = self.photo(user_id, photo_id)
        photo.saved = True
        self.session.flush()
        return photo

    def purge_unsaved_photos(self, user_id: int | None, *, older_than: dt.datetime) -> int:
        """Delete unsaved photos created before ``older_than``; return how many.

        ``user_id`` None purges every user's (the server's periodic clean-up).
        """
        conditions = [Photo.saved.is_(False), Photo.created_at < older_than]
        if user_id is not None:
            conditions.append(Photo.user_id == user_id)
        result = self.session.execute(delete(Photo).where(*conditions))
        removed = int(getattr(result, "rowcount", 0) or 0)
        if removed:
            mark_deleted(self.session)
        return removed

    # -- products -------------------------------------------------------------
    def add_product(
        self, user_id: int, text: str, result: dict[str, Any], *, name: str = ""
    ) -> ProductCheck:
        """Store a product's ingredient text and its check."""
        product = ProductCheck(user_id=user_id, text=text, result=result, name=name)
        self.session.add(product)
        self.session.flush()
        return product

    def product(self, user_id: int, product_id: int) -> ProductCheck:
        """Return one of the user's products; :class:`NotFoundError` otherwise."""
        return self._get(ProductCheck, user_id, product_id)

    def products(self, user_id: int) -> list[ProductCheck]:
        """The user's products, oldest first."""
        return self._list(ProductCheck, user_id, ProductCheck.created_at)

    # -- treatments -------------------------------------------------------------
    def add_treatment(
        self,
        user_id: int,
        what: str,
        started: dt.date,
        *,
        ended: dt.date | None = None,
        notes: str = "",
    ) -> Treatment:
        """Store a treatment and the days it ran."""
        treatment = Treatment(user_id=user_id, what=what, started=started, ended=ended, notes=notes)
        self.session.add(treatment)
        self.session.flush()
        return treatment

    def treatment(self, user_id: int, treatment_id: int) -> Treatment:
        """Return one of the user's treatments; :class:`NotFoundError` otherwise."""
        return self._get(Treatment, user_id, treatment_id)

    def treatments(self, user_id: int) -> list[Treatment]:
        """The user's treatments, earliest start first."""
        return self._list(Treatment, user_id, Treatment.started)

    # -- assessments ------------------------------------------------------------
    def add_assessment(
        self, user_id: int, case: dict[str, Any], result: dict[str, Any]
    ) -> Assessment:
        """Store a case with its assessment and the knowledge version behind it."""
        assessment = Assessment(
            user_id=user_id,
            case=case,
            result=result,
            knowledge_version=str(result.get("knowledge_version", "")),
        )
        self.session.add(assessment)
        self.session.flush()
        return assessment

    def assessment(self, user_id: int, assessment_id: int) -> Assessment:
        """Return one of the user's assessments; :class:`NotFoundError` otherwise."""
        return self._get(Assessment, user_id, assessment_id)

    def assessments(self, user_id: int) -> list[Assessment]:
        """The user's assessments, oldest first."""
        return self._list(Assessment, user_id, Assessment.created_at)

    # -- clinician diagnoses --------------------------------------------------
    def add_diagnosis(
        self,
        user_id: int,
        condition: str,
        diagnosed_on: dt.date,
        *,
        clinician: str = "",
        notes: str = "",
    ) -> Diagnosis:
        """Record a diagnosis the user was given by a clinician."""
        diagnosis = Diagnosis(
            user_id=user_id,
            condition=condition,
            diagnosed_on=diagnosed_on,
            clinician=clinician,
            notes=notes,
        )
        self.session.add(diagnosis)
        self.session.flush()
        return diagnosis

    def diagnoses(self, user_id: int) -> list[Diagnosis]:
        """The user's recorded diagnoses, oldest first."""
        return self._list(Diagnosis, user_id, Diagnosis.diagnosed_on)

    def diagnosis(self, user_id: int, diagnosis_id: int) -> Diagnosis:
        """Return one of the user's recorded diagnoses; :class:`NotFoundError` otherwise."""
        return self._get(Diagnosis, user_id, diagnosis_id)

    # -- corrections ----------------------------------------------------------
    def delete_record(self, kind: str, user_id: int, record_id: int) -> None:
        """Delete one of the user's records of ``kind`` (a photo goes with its overlay).

        Parameters
        ----------
        kind : str
            One of ``entry``, ``photo``, ``product``, ``treatment``, ``assessment``,
            ``diagnosis``.
        user_id, record_id : int
            The owner and the record; another user's record is :class:`NotFoundError`.
        """
        table = _DELETABLE[kind]
        record = self._get(table, user_id, record_id)  # type: ignore[type-var]
        self.session.delete(record)
        self.session.flush()
        mark_deleted(self.session)

    def end_treatment(self, user_id: int, treatment_id: int, *, ended: dt.date | None) -> Treatment:
        """Set (or clear, with None) the day one of the user's treatments ended.

        The caller checks that ``ended`` is not before the treatment's start.
        """
        treatment = self.treatment(user_id, treatment_id)
        treatment.ended = ended
        self.session.flush()
        return treatment

    # -- summaries ------------------------------------------------------------
    def counts(self, user_id: int) -> dict[str, int]:
        """How many records of each kind the user owns (for the account page and tests)."""
        out: dict[str, int] = {}
        kinds: Sequence[tuple[str, type[Base]]] = (
            ("entries", DiaryEntry),
            ("photos", Photo),
            ("products", ProductCheck),
            ("treatments", Treatment),
            ("assessments", Assessment),
            ("diagnoses", Diagnosis),
        )
        for name, table in kinds:
            column = table.user_id  # type: ignore[attr-defined]
            out[name] = int(
                self.session.scalar(
                    select(func.count()).select_from(table).where(column == user_id)
                )
                or 0
            )
        return out
