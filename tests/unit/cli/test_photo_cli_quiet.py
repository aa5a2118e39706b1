"""QA F9-C05: the decoders' own messages stay off the CLI's standard error."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image


def test_libjpeg_chatter_is_not_printed(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    noise = np.random.default_rng(0).integers(0, 256, (256, 240, 3), dtype=np.uint8)
    Image.fromarray(noise).save(buffer, "JPEG")
    data = buffer.getvalue()
    at = data.index(b"\xff\xc0")  # 96 stray bytes before the frame header
    photo = tmp_path / "damaged.jpg"
    photo.write_bytes(data[:at] + b"\x00" * 96 + data[at:])
    done = subprocess.run(
        [sys.executable, "-m", "milia", "photo", "analyze", str(photo)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Corrupt JPEG data" not in done.stderr and "Warning" not in done.stderr
    assert done.returncode in (0, 2)
    if done.returncode == 2:
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("error (field: image)")
