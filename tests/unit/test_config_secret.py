"""Each installation signs with its own secret, never the public default (QA F7-24)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from milia.config import DEFAULT_SECRET, SECRET_FILE, Settings
from milia.errors import ConfigError


def test_the_default_secret_is_replaced_by_a_kept_random_one(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path / "data").with_local_secret()
    assert first.secret_key != DEFAULT_SECRET and len(first.secret_key) >= 32
    path = tmp_path / "data" / SECRET_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = Settings(data_dir=tmp_path / "data").with_local_secret()
    assert again.secret_key == first.secret_key  # kept: sessions survive a restart
    other = Settings(data_dir=tmp_path / "elsewhere").with_local_secret()
    assert other.secret_key != first.secret_key  # no two installations share one


def test_a_secret_that_was_set_is_kept(tmp_path: Path) -> None:
    chosen = "s" * 40
    kept = Settings(data_dir=tmp_path, secret_key=chosen).with_local_secret()
    assert kept.secret_key == chosen
    assert not (tmp_path / SECRET_FILE).exists()


def test_a_damaged_secret_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / SECRET_FILE).write_text("short\n")
    with pytest.raises(ConfigError, match="fewer than 32") as info:
        Settings(data_dir=tmp_path).with_local_secret()
    assert info.value.field == "secret_key"


def test_a_token_forged_with_the_default_secret_is_refused(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from itsdangerous import URLSafeTimedSerializer

    from milia.api.app import create_app
    from milia.api.security import email_tag

    settings = Settings(environment="test", data_dir=tmp_path).with_local_secret()
    with TestClient(create_app(settings)) as client:
        body = {"email": "alice@example.org", "password": "correct horse 1"}
        assert client.post("/api/v1/auth/signup", json=body).status_code == 201
        forged = URLSafeTimedSerializer(DEFAULT_SECRET, salt="milia.api.bearer").dumps(
            {"uid": 1, "e": email_tag("alice@example.org")}
        )
        answer = client.get("/api/v1/diary/entries", headers={"Authorization": f"Bearer {forged}"})
        assert answer.status_code == 401
        token = client.post("/api/v1/auth/token", data={"username": body["email"],
                            "password": body["password"]}).json()["access_token"]  # fmt: skip
        mine = client.get("/api/v1/diary/entries", headers={"Authorization": f"Bearer {token}"})
        assert mine.status_code == 200
