"""The diary's tables (SQLAlchemy 2 declarative models).

Every row below ``users`` belongs to exactly one user through ``user_id``
with ``ON DELETE CASCADE``, so deleting a user deletes everything they
stored, photos included (photo bytes live in the database, never in loose
files, so a deleted account leaves nothing behind on disk).

The schema is created and upgraded only by the Alembic migrations in
``milia.storage.migrations``; :data:`Base.metadata` is what they are checked
against.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "RECORD_NAMES",
    "Assessment",
    "Base",
    "Diagnosis",
    "DiaryEntry",
    "DiaryEntryRegion",
    "Photo",
    "ProductCheck",
    "SignInAttempt",
    "Treatment",
    "User",
    "email_key",
    "normal_email",
]


def normal_email(email: str) -> str:
    """An e-mail address as accounts store and look it up: trimmed, lower-cased, its
    domain in IDNA form ("emilie@exämple.org" -> "emilie@xn--exmple-cua.org").

    A browser's e-mail field sends an international domain in its IDNA form, an API
    client may send either: both are one address (QA F15B-05: they were two accounts,
    and the page could not sign in to an account made over the API). A domain IDNA
    cannot encode (an empty or over-long label) is kept as typed.

    Parameters
    ----------
    email : str
        The address as typed.

    Returns
    -------
    str
        The address in the one form accounts use.
    """
    address = email.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or domain.isascii():
        return address
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return address


def email_key(email: str) -> str:
    """A short hash of an e-mail in its one form (:func:`normal_email`): 16 hex digits.

    Parameters
    ----------
    email : str
        The address as typed.

    Returns
    -------
    str
        The first 16 hex digits of its SHA-256 (the sign-in throttle's key: the
        address itself is not stored there).
    """
    return hashlib.sha256(normal_email(email).encode()).hexdigest()[:16]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base; JSON columns hold contract objects as produced by the core."""


class User(Base):
    """An account. ``email`` is stored lower-cased; ``password_hash`` is argon2.

    ``session_generation`` counts the account's sign-outs: a page session or bearer
    token is valid only while it carries the current value.
    """

    __tablename__ = "users"
    # Never reuse the id of a deleted account (SQLite would otherwise), so a stale
    # cookie or token can never name a newer account.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Sessions and bearer tokens carry the generation they were issued in; "Sign out"
    # adds one, which ends every session and token issued before (on every device).
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, server_default=func.now()
    )


class DiaryEntry(Base):
    """A count of milia on one day: the total, and by region in child rows."""

    __tablename__ = "diary_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    count: Mapped[int] = mapped_column(Integer)
    #: False when only some regions were counted and no total was given: ``count`` is
    #: then their sum, not the face's total, and the plot leaves it off its total line
    #: (QA F10-08: a partial count read as a fall from 9 to 3).
    total_counted: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, server_default=func.now()
    )
    regions: Mapped[list[DiaryEntryRegion]] = relationship(
        back_populates="entry",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DiaryEntryRegion.region",
        lazy="selectin",
    )


class DiaryEntryRegion(Base):
    """The count in one region for one diary entry."""

    __tablename__ = "diary_entry_regions"
    __table_args__ = (UniqueConstraint("entry_id", "region"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("diary_entries.id", ondelete="CASCADE"), index=True
    )
    region: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer)
    entry: Mapped[DiaryEntry] = relationship(back_populates="regions")


class Photo(Base):
    """A photo with all metadata stripped, its analysis and its overlay (PNG bytes).

    ``saved`` is false while the photo only sits on the Photo page's result
    and true once it is in the diary.
    """

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    taken_on: Mapped[dt.date] = mapped_column(Date)
    media_type: Mapped[str] = mapped_column(String(64))
    # The bytes load only when used, so listing a diary does not read every photo.
    image: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    overlay_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
    analysis: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, server_default=func.now()
    )


class ProductCheck(Base):
    """A product's ingredient text, its name and the check's result."""

    __tablename__ = "product_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, server_default=func.now()
    )


class Treatment(Base):
    """A treatment and the days it ran (``ended`` null while it goes on)."""

    __tablename__ = "treatments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(300))
    started: Mapped[dt.date] = mapped_column(Date)
    ended: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Assessment(Base):
    """A case, the assessment the engine gave, and the knowledge version behind it."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    case: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    knowledge_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, server_default=func.now()
    )


class Diagnosis(Base):
    """A diagnosis the user recorded from a clinician (exported as a FHIR Condition)."""

    __tablename__ = "diagnoses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    condition: Mapped[str] = mapped_column(String(64))
    diagnosed_on: Mapped[dt.date] = mapped_column(Date)
    clinician: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class SignInAttempt(Base):
    """A sign-in attempt not (yet) followed by a success, for the lockout.

    Shared by every server process through the database, so the limit holds across
    workers and restarts. ``email_key`` is a hash of the e-mail as typed (lower-cased),
    not the address, and the row is not tied to an account: unknown e-mails are
    throttled too. Rows older than the window are pruned.
    """

    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_key_at", "email_key", "attempted_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email_key: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


RECORD_NAMES: dict[type[Base], str] = {
    DiaryEntry: "diary entry",
    Photo: "photo",
    ProductCheck: "product",
    Treatment: "treatment",
    Assessment: "assessment",
    Diagnosis: "diagnosis",
}
"""Every table of records a user owns, with the record's name in messages."""
