"""Everything the app stores, read and written through one owner-scoped repository.

Every read takes the ``user_id`` of the person asking (see :mod:`milia.storage.owned`).
The repository never commits: the caller's unit of work does (see
:func:`milia.storage.db.session_scope`), so an entry and its per-region
counts are written in one transaction or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from milia.storage.accounts import AccountStore
from milia.storage.owned import OwnedRecords, Page
from milia.storage.tables import (
    Assessment,
    Diagnosis,
    DiaryEntry,
    DiaryEntryRegion,
    Photo,
    ProductCheck,
    Treatment,
)

__all__ = ["Repository"]


class Repository(AccountStore, OwnedRecords):
    """Owner-scoped access to the diary tables, and the accounts.

    Each kind's writes and look-ups are here; deleting and counting any kind are
    :class:`~milia.storage.owned.OwnedRecords`', the accounts
    :class:`~milia.storage.accounts.AccountStore`'s.

    Every diary method takes the owner's ``user_id`` first. The one-record getters
    (:meth:`entry`, :meth:`photo`, :meth:`product`, :meth:`treatment`,
    :meth:`assessment`, :meth:`diagnosis`) return that record of the owner or raise
    :class:`~milia.errors.NotFoundError` (for another owner's record too, and for an
    id no database integer holds); the listers return the owner's records of a kind
    oldest first by the kind's own day (a count's day, a treatment's start, a photo's
    day, ...), ties by id. Writers flush, so a new record has its id.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        The unit of work; the repository flushes but never commits.
    """

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
        """Store a count of milia (total and by region) for ``date``.

        The caller validates it (:class:`milia.api.schemas.EntryIn`: counts 0-100,000,
        known regions, regions adding up to no more than the total).

        Parameters
        ----------
        user_id : int
            The owner.
        date : datetime.date
            The day counted.
        count : int
            Milia counted (the total, or the regions' sum, see ``total_counted``).
        by_region : mapping of str to int, optional
            Milia counted per region (diary region names), stored sorted by region.
        notes : str, optional
            Free text.
        total_counted : bool, optional
            False when only the regions were counted: ``count`` is then their sum,
            not the face's total.

        Returns
        -------
        DiaryEntry
            The stored entry with its regions.
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

    def entries(self, user_id: int, page: Page | None = None) -> list[DiaryEntry]:
        """The user's entries, oldest date first (a slice of them with ``page``)."""
        return self._list(DiaryEntry, user_id, DiaryEntry.date, page=page)

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
        """Store a metadata-free photo with its analysis and overlay.

        Parameters
        ----------
        user_id : int
            The owner.
        image : bytes
            The encoded image, already stripped of metadata (EXIF, GPS, XMP, ICC).
        media_type : str
            Its MIME type (``image/jpeg``).
        analysis : dict
            The photo analysis (the photo contract), JSON-ready.
        overlay_png : bytes or None
            The findings drawn on the image, PNG; None when there is none.
        taken_on : datetime.date
            The photo's day in the diary.
        saved : bool, optional
            False for a draft of the Photo page, deleted by
            :meth:`purge_unsaved_photos` unless :meth:`save_photo` keeps it.

        Returns
        -------
        Photo
            The stored photo.
        """
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

    def photos(
        self, user_id: int, page: Page | None = None, *, saved_only: bool = True
    ) -> list[Photo]:
        """The user's photos, oldest first (only those saved to the diary by default)."""
        query = select(Photo).where(Photo.user_id == user_id)
        if saved_only:
            query = query.where(Photo.saved.is_(True))
        return list(self.session.scalars(self._paged(query, (Photo.taken_on, Photo.id), page)))

    def save_photo(self, user_id: int, photo_id: int) -> Photo:
        """Move a photo from the Photo page's result into the diary."""
        photo = self.photo(user_id, photo_id)
        photo.saved = True
        self.session.flush()
        return photo

    def date_photo(self, user_id: int, photo_id: int, taken_on: dt.date) -> Photo:
        """Set the day a photo was taken (QA F11-16: the camera's date may be wrong)."""
        photo = self.photo(user_id, photo_id)
        photo.taken_on = taken_on
        self.session.flush()
        return photo

    # -- products -------------------------------------------------------------
    def add_product(
        self, user_id: int, text: str, result: dict[str, Any], *, name: str = ""
    ) -> ProductCheck:
        """Store a product's ingredient text and its check.

        Parameters
        ----------
        user_id : int
            The owner.
        text : str
            The ingredient list as pasted.
        result : dict
            Its ingredient check (the ingredient contract), JSON-ready.
        name : str, optional
            The product's name.

        Returns
        -------
        ProductCheck
            The stored product.
        """
        product = ProductCheck(user_id=user_id, text=text, result=result, name=name)
        self.session.add(product)
        self.session.flush()
        return product

    def product(self, user_id: int, product_id: int) -> ProductCheck:
        """Return one of the user's products; :class:`NotFoundError` otherwise."""
        return self._get(ProductCheck, user_id, product_id)

    def products(self, user_id: int, page: Page | None = None) -> list[ProductCheck]:
        """The user's products, oldest first."""
        return self._list(ProductCheck, user_id, ProductCheck.created_at, page=page)

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
        """Store a treatment and the days it ran.

        Parameters
        ----------
        user_id : int
            The owner.
        what : str
            What was used or done, as the user wrote it.
        started : datetime.date
            The first day.
        ended : datetime.date or None, optional
            The last day (not before ``started``: the caller checks); None while
            it goes on.
        notes : str, optional
            Free text.

        Returns
        -------
        Treatment
            The stored treatment.
        """
        treatment = Treatment(user_id=user_id, what=what, started=started, ended=ended, notes=notes)
        self.session.add(treatment)
        self.session.flush()
        return treatment

    def treatment(self, user_id: int, treatment_id: int) -> Treatment:
        """Return one of the user's treatments; :class:`NotFoundError` otherwise."""
        return self._get(Treatment, user_id, treatment_id)

    def treatments(self, user_id: int, page: Page | None = None) -> list[Treatment]:
        """The user's treatments, earliest start first."""
        return self._list(Treatment, user_id, Treatment.started, page=page)

    # -- assessments ------------------------------------------------------------
    def add_assessment(
        self, user_id: int, case: dict[str, Any], result: dict[str, Any]
    ) -> Assessment:
        """Store a case with its assessment and the knowledge version behind it.

        Parameters
        ----------
        user_id : int
            The owner.
        case : dict
            The case as assessed (the case format).
        result : dict
            The assessment (the assessment contract); its ``knowledge_version`` is
            also stored in a column of its own.

        Returns
        -------
        Assessment
            The stored assessment.
        """
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

    def assessments(self, user_id: int, page: Page | None = None) -> list[Assessment]:
        """The user's assessments, oldest first."""
        return self._list(Assessment, user_id, Assessment.created_at, page=page)

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
        """Record a diagnosis the user was given by a clinician.

        Parameters
        ----------
        user_id : int
            The owner.
        condition : str
            The condition diagnosed (``milia``).
        diagnosed_on : datetime.date
            The day it was given.
        clinician : str, optional
            Who gave it.
        notes : str, optional
            Free text.

        Returns
        -------
        Diagnosis
            The stored diagnosis.
        """
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

    def diagnoses(self, user_id: int, page: Page | None = None) -> list[Diagnosis]:
        """The user's recorded diagnoses, oldest first."""
        return self._list(Diagnosis, user_id, Diagnosis.diagnosed_on, page=page)

    def diagnosis(self, user_id: int, diagnosis_id: int) -> Diagnosis:
        """Return one of the user's recorded diagnoses; :class:`NotFoundError` otherwise."""
        return self._get(Diagnosis, user_id, diagnosis_id)

    def end_treatment(self, user_id: int, treatment_id: int, *, ended: dt.date | None) -> Treatment:
        """Set (or clear, with None) the day one of the user's treatments ended.

        Parameters
        ----------
        user_id : int
            The owner.
        treatment_id : int
            The treatment.
        ended : datetime.date or None
            Its last day (the caller checks it is not before the start); None
            when it goes on.

        Returns
        -------
        Treatment
            The updated treatment.

        Raises
        ------
        NotFoundError
            If the owner has no such treatment.
        """
        treatment = self.treatment(user_id, treatment_id)
        treatment.ended = ended
        self.session.flush()
        return treatment
