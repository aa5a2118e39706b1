"""Helpers shared by the API tests (a plain module, so it imports the same everywhere)."""

from __future__ import annotations

import re
from typing import Any

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def bearer(client: Any, email: str, password: str = "correct horse 1") -> dict[str, str]:
    """Sign up ``email`` through the API and return the Authorization header of a fresh token."""
    answer = client.post("/api/v1/auth/signup", json={"email": email, "password": password})
    assert answer.status_code == 201, answer.text
    token = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def csrf_of(html: str) -> str:
    """The CSRF token in a rendered page."""
    match = _CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def synthetic_jpeg(*, width: int = 640, height: int = 480, with_gps: bool = True) -> bytes:
    """A skin-coloured JPEG with a few small white domes and (optionally) EXIF with GPS."""
    import io

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(3)
    rgb = np.empty((height, width, 3), np.float64)
    rgb[...] = (214, 170, 140)
    rgb += rng.normal(0, 2.0, rgb.shape)
    rows, cols = np.mgrid[0:height, 0:width]
    for row, col in ((120, 200), (140, 420), (300, 310), (350, 150)):
        dome = np.exp(-(((rows - row) ** 2 + (cols - col) ** 2) / (2 * 3.0**2)))
        rgb += dome[..., None] * (np.array([250, 244, 225]) - rgb)
    image = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8))
    exif = Image.Exif()
    if with_gps:
        exif[0x010F] = "TestCam"  # Make
        exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=92, exif=exif)
    return buffer.getvalue()
