"""Passwords, bearer tokens and CSRF tokens.

- Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile).
- API bearer tokens are signed with ``settings.secret_key`` (itsdangerous), carry the
  user id, and expire after ``settings.token_ttl_minutes``. A token of a deleted account
  is refused because the account no longer exists.
- Page sessions and bearer tokens carry the account's session generation
  (``users.session_generation``); "Sign out" adds one to it, so every session and token
  issued before is refused from then on (:func:`still_valid`), on every device.
- Page forms carry a per-session CSRF token compared in constant time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import secrets
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from milia.config import Settings
from milia.errors import AuthError
from milia.storage.tables import SignInAttempt, User, email_key

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "PasswordService",
    "SignInThrottle",
    "TokenService",
    "check_csrf",
    "email_tag",
    "new_csrf_token",
    "still_valid",
    "validate_new_password",
]

MIN_PASSWORD_LENGTH = 8
_TOKEN_SALT = "milia.api.bearer"


def validate_new_password(password: str) -> None:
    """Refuse a password that is too short or too long (argon2 input is bounded by us).

    Parameters
    ----------
    password : str
        The new password.

    Raises
    ------
    AuthError
        If it has fewer than :data:`MIN_PASSWORD_LENGTH` (8) or more than 1024
        characters (field ``password``, HTTP 422).
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(
            f"the password needs at least {MIN_PASSWORD_LENGTH} characters; choose a longer one",
            field="password",
        )
    if len(password) > 1024:
        raise AuthError("the password is longer than 1024 characters", field="password")


class PasswordService:
    """Hash and verify passwords with argon2id."""

    def __init__(self, *, fast: bool = False) -> None:
        # ``fast`` (tests only) trades strength for speed; never used in production.
        self._hasher = (
            PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
            if fast
            else PasswordHasher()
        )
        # A real hash to verify against when the e-mail is unknown, so sign-in
        # takes as long for an unknown address as for a wrong password.
        self._dummy = self._hasher.hash(secrets.token_hex(16))

    def hash(self, password: str) -> str:
        """Return the argon2id hash of ``password`` (salted: two calls differ).

        Parameters
        ----------
        password : str
            The password, already checked by :func:`validate_new_password`.

        Returns
        -------
        str
            The encoded hash with its parameters (``$argon2id$v=19$...``).
        """
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """Return whether ``password`` matches the hash.

        Parameters
        ----------
        password_hash : str or None
            The account's hash; None for an unknown e-mail, which is verified
            against a dummy hash all the same, so an unknown address takes as long
            as a wrong password.
        password : str
            The password typed.

        Returns
        -------
        bool
            True only for a real hash that matches; a malformed hash is False.
        """
        try:
            return bool(self._hasher.verify(password_hash or self._dummy, password)) and (
                password_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """Whether the hash was made with weaker parameters than today's."""
        return bool(self._hasher.check_needs_rehash(password_hash))


class TokenService:
    """Issue and read signed, expiring bearer tokens."""

    def __init__(self, settings: Settings) -> None:
        self._serializer = URLSafeTimedSerializer(settings.secret_key, salt=_TOKEN_SALT)
        self._max_age = settings.token_ttl_minutes * 60

    def issue(self, user_id: int, email: str, *, generation: int = 0) -> str:
        """Return a bearer token for ``user_id``.

        Parameters
        ----------
        user_id : int
            The account.
        email : str
            Its e-mail; the token carries its tag (:func:`email_tag`), not the address.
        generation : int, optional
            The account's ``users.session_generation`` now; signing out raises it
            and so ends the token.

        Returns
        -------
        str
            A signed, URL-safe token that expires after ``token_ttl_minutes``.
        """
        payload = {"uid": user_id, "e": email_tag(email), "g": generation}
        return str(self._serializer.dumps(payload))

    def payload(self, token: str) -> tuple[int, str, object]:
        """Return ``(user id, e-mail tag, generation)`` of a token; check them with :func:`still_valid`.

        Raises
        ------
        AuthError
            If the token is forged, malformed or expired.
        """
        try:
            payload = self._serializer.loads(token, max_age=self._max_age)
        except SignatureExpired as exc:
            raise AuthError("the access token has expired; sign in again") from exc
        except BadSignature as exc:
            raise AuthError("the access token is not valid; sign in again") from exc
        uid = payload.get("uid") if isinstance(payload, dict) else None
        if not isinstance(uid, int):
            raise AuthError("the access token is not valid; sign in again")
        return uid, str(payload.get("e", "")), payload.get("g", 0)

    def user_id(self, token: str) -> int:
        """Return the user id a token was issued for (see :meth:`payload`)."""
        return self.payload(token)[0]

    @staticmethod
    def matches(tag: str, email: str) -> bool:
        """Whether a token's e-mail tag belongs to ``email``."""
        return hmac.compare_digest(tag, email_tag(email))


def email_tag(email: str) -> str:
    """The tag that binds a token or a page session to an account's e-mail.

    A short hash (16 hex digits) of the trimmed, lower-cased address (the
    sign-in throttle's key, :func:`milia.storage.tables.email_key`): the session
    cookie and the bearer token are signed but readable, so they carry this tag,
    never the address; check it with :meth:`TokenService.matches`.
    """
    return email_key(email)


def client_key(address: str) -> str:
    """The sign-in throttle's key for a client address: ``"ip:"`` and 16 hex digits.

    A hash (SHA-256) of the address as the server saw it, so the table holds no
    address; the prefix keeps it apart from the e-mails' keys.
    """
    return "ip:" + hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()[:16]


def still_valid(user: User | None, tag: object, generation: object) -> bool:
    """Whether a page session's or a token's claims still open ``user``'s account.

    Parameters
    ----------
    user : User or None
        The account the session or token names (None: it no longer exists).
    tag : object
        The e-mail tag it carries (:func:`email_tag` of the address when it was issued).
    generation : object
        The session generation it carries; one issued before this was added (none) is
        read as 0, the generation every account started at.

    Returns
    -------
    bool
        False for a deleted account, another account's tag, or a session or token
        issued before the account's last sign-out.
    """
    if user is None or not isinstance(tag, str) or not TokenService.matches(tag, user.email):
        return False
    return type(generation) is int and generation == user.session_generation


def new_csrf_token() -> str:
    """Return a fresh random CSRF token."""
    return secrets.token_urlsafe(32)


def check_csrf(expected: str | None, given: str | None) -> None:
    """Raise :class:`AuthError` unless the form's token matches the session's.

    Parameters
    ----------
    expected : str or None
        The session's CSRF token (None when the session has none).
    given : str or None
        The form's hidden ``csrf_token``.

    Raises
    ------
    AuthError
        If either is missing or they differ (compared in constant time; field
        ``csrf_token``, HTTP 403).
    """
    if not expected or not given or not hmac.compare_digest(expected, given):
        raise AuthError(
            "the form has expired or did not come from this site; reload the page and try again",
            field="csrf_token",
        )


class SignInThrottle:
    """Refuse sign-in after too many recent failures, for an e-mail and for a client
    (shared in the database).

    Two limits hold at once: ``max_failures`` for one e-mail (a guessed password),
    and ``max_client_failures`` for one client address, whatever the e-mails (one
    password tried on many accounts, "password spraying"; OWASP Authentication Cheat
    Sheet). Every attempt is written (and committed) *before* the password is
    checked, and the attempts of the last ``window_seconds`` are then counted, so
    concurrent attempts through several workers count against one limit; a success
    deletes the e-mail's attempts and this attempt's client row (a success is not a
    failure, but it does not wipe a client's other failures); a refused attempt is
    not kept. The rows live in the database
    (:class:`~milia.storage.tables.SignInAttempt`, keyed by a hash, never the address),
    so the limits hold across worker processes and restarts. Behind a reverse proxy,
    start the server with the proxy's forwarded address (uvicorn ``--proxy-headers``)
    or every sign-in counts as the proxy's.

    Parameters
    ----------
    max_failures : int
        Failed attempts for one e-mail within ``window_seconds``; the next is refused.
    window_seconds : float
        Length of the sliding window, s.
    clock : callable
        Returns the current time (UTC, timezone-aware); tests pass their own.
    max_client_failures : int
        Failed attempts from one client address within ``window_seconds``, over every
        e-mail; the next is refused. High enough for a clinic's staff behind one
        address (default 50 per 15 minutes).
    """

    def __init__(
        self,
        *,
        max_failures: int = 5,
        window_seconds: float = 15 * 60,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        max_client_failures: int = 50,
    ) -> None:
        self.max_failures = max_failures
        self.max_client_failures = max_client_failures
        self.window = dt.timedelta(seconds=window_seconds)
        self._clock = clock

    def begin(self, session: Session, email: str, *, client: str | None = None) -> None:
        """Record an attempt for ``email`` (and ``client``) and commit it, or refuse it.

        Parameters
        ----------
        session : Session
            The request's database session.
        email : str
            The e-mail as typed.
        client : str, optional
            The client's address (``request.client.host``); None counts the e-mail only.

        Raises
        ------
        AuthError
            With field ``throttle`` (HTTP 429, ``retry_after`` in s) while the e-mail
            or the client is locked out.
        """
        now = self._clock()
        keys = [(email_tag(email), self.max_failures, "for this e-mail")]
        if client:
            keys.append((client_key(client), self.max_client_failures, "from this address"))
        attempts = [SignInAttempt(email_key=key, attempted_at=now) for key, _, _ in keys]
        session.add_all(attempts)
        session.execute(  # expired attempts, anyone's
            delete(SignInAttempt).where(SignInAttempt.attempted_at <= now - self.window)
        )
        session.commit()
        for key, limit, whose in keys:
            recent = session.scalar(
                select(func.count(SignInAttempt.id)).where(
                    SignInAttempt.email_key == key, SignInAttempt.attempted_at > now - self.window
                )
            )
            if (recent or 0) > limit:
                ids = [attempt.id for attempt in attempts]
                session.execute(delete(SignInAttempt).where(SignInAttempt.id.in_(ids)))
                session.commit()
                minutes = round(self.window.total_seconds() / 60)
                raise AuthError(
                    f"too many failed sign-ins {whose}; wait {minutes} minutes and try again",
                    field="throttle",
                    retry_after=self._seconds_to_wait(session, key, now, limit),
                )

    def _seconds_to_wait(self, session: Session, key: str, now: dt.datetime, limit: int) -> int:
        """Seconds until enough of ``key``'s recent attempts expire for one more to be
        let through (QA F15-16: the 429 carried no ``Retry-After``)."""
        times = session.scalars(
            select(SignInAttempt.attempted_at)
            .where(SignInAttempt.email_key == key, SignInAttempt.attempted_at > now - self.window)
            .order_by(SignInAttempt.attempted_at)
        ).all()
        # one more is let through once at most limit - 1 recent ones remain
        expiring = len(times) - limit
        if expiring < 0 or not times:
            return 1
        oldest = times[expiring]
        if oldest.tzinfo is None:  # SQLite hands back naive UTC times
            oldest = oldest.replace(tzinfo=dt.UTC)
        return max(1, math.ceil((oldest + self.window - now).total_seconds()))

    def succeeded(self, session: Session, email: str, *, client: str | None = None) -> None:
        """Forget the attempts of an e-mail that signed in, and this attempt's client row.

        Parameters
        ----------
        session : Session
            The request's database session.
        email : str
            The e-mail as typed.
        client : str, optional
            The address given to :meth:`begin` for this attempt.
        """
        session.execute(delete(SignInAttempt).where(SignInAttempt.email_key == email_tag(email)))
        if client:
            newest = session.scalar(
                select(SignInAttempt.id)
                .where(SignInAttempt.email_key == client_key(client))
                .order_by(SignInAttempt.attempted_at.desc(), SignInAttempt.id.desc())
                .limit(1)
            )
            if newest is not None:
                session.execute(delete(SignInAttempt).where(SignInAttempt.id == newest))
        session.commit()
