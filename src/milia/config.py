"""Settings: one pydantic-settings class, environment prefix ``MILIA_``.

Nothing is read at import time; build ``Settings()`` at start-up and pass it
into the parts that need it (``create_app(settings)``).
"""

from __future__ import annotations

import difflib
import os
import secrets
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from milia.errors import ConfigError

__all__ = ["DEFAULT_SECRET", "SECRET_FILE", "Settings"]

DEFAULT_SECRET = "change-me-development-only"
#: The file in ``data_dir`` holding this installation's own secret (see ``with_local_secret``).
SECRET_FILE = "secret_key"


class Settings(BaseSettings):
    """All run-time settings of milia.

    Every field can be set from the environment as ``MILIA_<FIELD>``, e.g.
    ``MILIA_DATABASE_URL=postgresql+psycopg://user@host/db``.
    """

    model_config = SettingsConfigDict(env_prefix="MILIA_", extra="ignore")

    def __init__(self, **values: Any) -> None:
        """Read the settings from ``values`` and the ``MILIA_*`` environment.

        Raises
        ------
        ConfigError
            If a setting is not valid (``MILIA_PORT=abc``, an unknown
            ``MILIA_ENVIRONMENT``); the message names the variable, the value
            and what it must be, so the CLI shows one line, not a traceback.
        """
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise _config_error(exc) from None

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Field(
        default=Path("data"), description="Folder for the SQLite file and photos."
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default is SQLite at <data_dir>/milia.sqlite3 (WAL mode).",
    )
    secret_key: str = Field(default=DEFAULT_SECRET, description="Signs cookies and tokens.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_upload_bytes: int = Field(
        default=32 * 1024 * 1024,
        gt=0,
        description="Upload limit, bytes (a 50 MP phone JPEG is often 15-25 MB).",
    )
    max_image_pixels: int = Field(
        default=50_000_000,
        gt=0,
        description="Refuse images with more pixels (decompression bombs); raise it "
        "(e.g. 70,000,000) for phones' 50 and 64 MP photos (8160 x 6144 is 50.1 MP).",
    )
    token_ttl_minutes: int = Field(default=60 * 24, gt=0)
    session_cookie_secure: bool = False

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.environment == "production" and (
            self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32
        ):
            raise ConfigError(
                "MILIA_SECRET_KEY is the default or shorter than 32 characters; "
                "set a long random secret before running in production",
                field="secret_key",
            )
        return self

    def prepare_data_dir(self) -> Path:
        """Create ``data_dir`` (and its parents) when missing; check that it can be written.

        Returns
        -------
        Path
            ``data_dir``, an existing folder this process may write in.

        Raises
        ------
        ConfigError
            ``field="data_dir"``, one line naming MILIA_DATA_DIR, the folder and the
            reason: it is a file, or cannot be created (no such place, no permission,
            a read-only file system), or cannot be written.
        """
        path = self.data_dir
        try:
            path.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise ConfigError(
                f"MILIA_DATA_DIR '{path}' is a file, not a folder; name a folder "
                "(it is created if missing)",
                field="data_dir",
            ) from None
        except OSError as exc:
            raise ConfigError(
                f"cannot create MILIA_DATA_DIR '{path}': {exc.strerror or exc}; name a folder "
                "this user may create or write",
                field="data_dir",
            ) from None
        if not os.access(path, os.W_OK | os.X_OK):
            raise ConfigError(
                f"MILIA_DATA_DIR '{path}' is not writable by this user; name a folder it may "
                "write (the SQLite database is kept there)",
                field="data_dir",
            )
        return path

    def with_local_secret(self) -> Settings:
        """These settings, with the development default secret replaced by this installation's own.

        A server that signs its cookies and tokens with the public default secret lets
        anyone who knows a user's e-mail forge a token for their diary (QA F7-24). When
        ``secret_key`` is the default, a random secret is read from
        ``<data_dir>/secret_key``, which is created (48 random bytes, URL-safe, mode
        0600) on first use; a secret set through ``MILIA_SECRET_KEY`` is kept as it is.

        Returns
        -------
        Settings
            A copy whose ``secret_key`` is not the public default.

        Raises
        ------
        ConfigError
            ``field="secret_key"`` when the secret file cannot be read or written, or
            holds fewer than 32 characters.
        """
        if self.secret_key != DEFAULT_SECRET:
            return self
        path = self.prepare_data_dir() / SECRET_FILE
        try:
            if not path.exists():
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w", encoding="ascii") as handle:
                    handle.write(secrets.token_urlsafe(48) + "\n")
            secret = path.read_text(encoding="ascii").strip()
        except FileExistsError:  # another process created it first: read theirs
            secret = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"cannot read or create the secret file '{path}': {exc}; set "
                "MILIA_SECRET_KEY to a long random secret instead",
                field="secret_key",
            ) from None
        if len(secret) < 32:
            raise ConfigError(
                f"the secret file '{path}' holds fewer than 32 characters; delete it (a new "
                "one is made; everyone signs in again) or set MILIA_SECRET_KEY",
                field="secret_key",
            )
        return self.model_copy(update={"secret_key": secret})

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL in use: the configured one, or SQLite in ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'milia.sqlite3').as_posix()}"


def _config_error(exc: ValidationError) -> ConfigError:
    """A settings ``ValidationError`` as one line naming each variable at fault."""
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        variable = f"MILIA_{name.upper()}" if name else "a MILIA_* setting"
        shown = error.get("input")
        value = f" (got {shown!r})" if isinstance(shown, str | int | float | bool) else ""
        text = str(error["msg"]).removeprefix("Value error, ")
        problems.append(f"{variable} is not valid: {text}{value}")
    first = exc.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else None
    suggestion = _closest_choice(field, first.get("input")) if field else None
    return ConfigError("; ".join(problems), field=field, suggestion=suggestion)


def _closest_choice(name: str, value: object) -> str | None:
    """The allowed value of a choice setting closest to ``value`` (QA F11-17).

    A value that starts one of the choices, or that one starts, is that choice
    ("prod", "dev", "testing"); else the closest spelling, if close.

    Examples
    --------
    >>> _closest_choice("environment", "prod"), _closest_choice("environment", "Developmnt")
    ('production', 'development')
    >>> _closest_choice("environment", "staging") is None, _closest_choice("port", "80a")
    (True, None)
    """
    field = Settings.model_fields.get(name)
    choices = [c for c in get_args(field.annotation) if isinstance(c, str)] if field else []
    if not choices or not isinstance(value, str) or not value.strip():
        return None
    word = value.strip().lower()
    started = [c for c in choices if c.startswith(word) or word.startswith(c)]
    if len(started) == 1:
        return started[0]
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None
