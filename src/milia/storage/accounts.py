"""Accounts: create, find, re-hash, sign out everywhere, and delete with all they own.

:class:`AccountStore` is the account half of :class:`milia.storage.repository.Repository`
(which adds the diary's records); like it, it flushes but never commits.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from milia.errors import AuthError
from milia.storage.db import mark_deleted
from milia.storage.tables import (
    RECORD_NAMES,
    DiaryEntry,
    DiaryEntryRegion,
    SignInAttempt,
    User,
    email_key,
    normal_email,
)

__all__ = ["AccountStore"]


def _unicode_domain(address: str) -> str:
    """``address`` with an IDNA domain decoded to Unicode (as accounts were stored
    before :func:`~milia.storage.tables.normal_email`), else as it is."""
    local, _, domain = address.rpartition("@")
    if "xn--" not in domain:
        return address
    try:
        return f"{local}@{domain.encode('ascii').decode('idna')}"
    except UnicodeError:
        return address


class AccountStore:
    """The accounts table, and deleting an account with everything it owns.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        The unit of work; the store flushes but never commits.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def create_user(self, email: str, password_hash: str) -> User:
        """Create an account.

        Parameters
        ----------
        email : str
            The address, stored trimmed, lower-cased and with its domain in IDNA form
            (the caller checks its form).
        password_hash : str
            The argon2id hash of the password (never the password).

        Returns
        -------
        User
            The new account, flushed (it has its id).

        Raises
        ------
        AuthError
            If an account has that e-mail already (field ``email``, HTTP 409).
        """
        email = normal_email(email)
        if self.user_by_email(email) is not None:
            raise AuthError(
                "an account with this e-mail already exists; sign in instead", field="email"
            )
        user = User(email=email, password_hash=password_hash)
        self.session.add(user)
        try:
            self.session.flush()
        except IntegrityError as exc:  # a concurrent sign-up with the same address
            raise AuthError(
                "an account with this e-mail already exists; sign in instead", field="email"
            ) from exc
        return user

    def user_by_email(self, email: str) -> User | None:
        """Return the account for ``email`` (case-insensitive; an international domain
        in either form, :func:`~milia.storage.tables.normal_email`), or None.

        An account stored before the domain was normalised (in Unicode) is found too.
        """
        forms = {normal_email(email), email.strip().lower(), _unicode_domain(normal_email(email))}
        return self.session.scalar(select(User).where(User.email.in_(sorted(forms))).limit(1))

    def user(self, user_id: int) -> User | None:
        """Return the account with ``user_id``, or None."""
        return self.session.get(User, user_id)

    def set_password_hash(self, user: User, password_hash: str) -> None:
        """Replace a user's password hash (after an argon2 parameter upgrade)."""
        user.password_hash = password_hash
        self.session.flush()

    def end_sessions(self, user_id: int) -> int:
        """End every page session and bearer token of an account.

        Parameters
        ----------
        user_id : int
            The account.

        Returns
        -------
        int
            The account's new session generation (0 when there is no such account).

        Notes
        -----
        Adds one to ``users.session_generation`` in the database (one ``UPDATE``, so two
        sign-outs at once both count); sessions and tokens issued before carry the old
        value and are refused from then on.
        """
        self.session.execute(
            update(User)
            .where(User.id == user_id)
            .values(session_generation=User.session_generation + 1)
            .execution_options(synchronize_session=False)
        )
        user = self.session.get(User, user_id)
        if user is not None:  # the loaded account re-reads the row's value
            self.session.expire(user, ["session_generation"])
        generation = self.session.scalar(select(User.session_generation).where(User.id == user_id))
        return int(generation or 0)

    def delete_user(self, user_id: int) -> None:
        """Delete an account and, by cascade, every record and photo it owns."""
        # Explicit deletes first: they do not depend on the database honouring
        # ON DELETE CASCADE (e.g. a SQLite connection opened without the pragma).
        entry_ids = select(DiaryEntry.id).where(DiaryEntry.user_id == user_id)
        self.session.execute(
            delete(DiaryEntryRegion).where(DiaryEntryRegion.entry_id.in_(entry_ids))
        )
        for table in RECORD_NAMES:
            self.session.execute(delete(table).where(table.user_id == user_id))  # type: ignore[attr-defined]
        email = self.session.scalar(select(User.email).where(User.id == user_id))
        if email is not None:  # its recent sign-in attempts too (a hash of the address)
            self.session.execute(
                delete(SignInAttempt).where(SignInAttempt.email_key == email_key(email))
            )
        self.session.execute(delete(User).where(User.id == user_id))
        self.session.expunge_all()
        mark_deleted(self.session)
