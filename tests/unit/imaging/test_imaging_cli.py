"""milia photo analyze: json and text output, overlay, errors with exit status 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from imaging_helpers import encode, exif_with_gps, has_metadata
from PIL import Image

from milia.cli.main import main
from milia.imaging.synth import make_photo


@pytest.fixture(scope="module")
def photo_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    photo = make_photo("astronaut", ita_group="tan", px_per_mm=7.0, n_milia=5, n_inflamed=1, seed=5)
    path = tmp_path_factory.mktemp("photo") / "face.jpg"
    # Re-save with EXIF and GPS, as a phone would.
    path.write_bytes(encode(photo.rgb, "JPEG", quality=92, exif=exif_with_gps()))
    return path, photo.mm_per_pixel


def run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_json_output_and_overlay(
    photo_file: tuple[Path, float], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, mmpp = photo_file
    out = tmp_path / "overlay.png"
    code = run(
        [
            "photo",
            "analyze",
            str(path),
            "--format",
            "json",
            "--mm-per-pixel",
            str(mmpp),
            "--overlay",
            str(out),
        ]
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["image"]["scale_source"] == "given"
    assert result["counts"]["milia_like"] >= 3
    with Image.open(out) as img:
        assert img.format == "PNG"
    assert not has_metadata(out.read_bytes())


def test_text_output(photo_file: tuple[Path, float], capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = photo_file
    assert run(["photo", "analyze", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Milia-like:" in text and "does not diagnose" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no photo"), (b"not an image at all", "not a readable image")],
)
def test_bad_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "x.jpg"
    if content is not None:
        path.write_bytes(content)
    assert run(["photo", "analyze", str(path), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_format_exits_2(
    photo_file: tuple[Path, float], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["photo", "analyze", str(photo_file[0]), "--format", "xml"]) == 2
    assert "--format" in capsys.readouterr().err


def test_folder_suggests_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["photo", "analyze", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and f"milia batch photos {tmp_path}" in err
    assert "no photo at" not in err


def test_short_format_and_stdin(
    photo_file: tuple[Path, float],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, mmpp = photo_file

    class FakeStdin:
        buffer = io.BytesIO(path.read_bytes())

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr("sys.stdin", FakeStdin())
    assert run(["photo", "analyze", "-", "-f", "json", "--mm-per-pixel", str(mmpp)]) == 0
    from_stdin = json.loads(capsys.readouterr().out)
    assert run(["photo", "analyze", str(path), "-f", "JSON", "--mm-per-pixel", str(mmpp)]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert from_stdin == from_file


def test_empty_or_terminal_stdin_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b"")
        tty = False

        def isatty(self) -> bool:
            return self.tty

    stdin = FakeStdin()
    monkeypatch.setattr("sys.stdin", stdin)
    assert run(["photo", "analyze", "-"]) == 2
    assert "nothing was read from standard input" in capsys.readouterr().err
    stdin.tty = True  # a terminal: refuse at once instead of waiting for input
    assert run(["photo", "analyze", "-"]) == 2
    assert "is a terminal" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "fmt"), [("o.jpg", "JPEG"), ("o.JPEG", "JPEG"), ("o.webp", "WEBP"), ("o.png", "PNG")]
)
def test_overlay_format_follows_suffix(
    photo_file: tuple[Path, float], tmp_path: Path, name: str, fmt: str
) -> None:
    path, mmpp = photo_file
    out = tmp_path / name
    argv = ["photo", "analyze", str(path), "--mm-per-pixel", str(mmpp), "--overlay", str(out)]
    assert run(argv) == 0
    assert out.is_file()
    with Image.open(out) as img:
        assert img.format == fmt
    assert not has_metadata(out.read_bytes())


def test_overlay_unsupported_suffix_exits_2(
    photo_file: tuple[Path, float], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o.gif"
    assert run(["photo", "analyze", str(photo_file[0]), "--overlay", str(out)]) == 2
    assert ".png" in capsys.readouterr().err
    assert not out.exists()


def test_help_names_short_format_stdin_and_heic(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["photo", "analyze", "--help"]) == 0
    text = capsys.readouterr().out
    assert "-f" in text and "standard input" in text
    assert "milia[heif]" in text  # not eaten as rich markup


def test_text_output_says_when_the_count_is_not_reliable(
    photo_file: tuple[Path, float], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = photo_file
    assert run(["photo", "analyze", str(path)]) == 0
    assert "NOT A RELIABLE COUNT" not in capsys.readouterr().out
    import cv2
    import numpy as np

    rgb = np.asarray(Image.open(path).convert("RGB"))
    blurred = tmp_path / "blurred.png"
    Image.fromarray(cv2.GaussianBlur(rgb, (0, 0), 6.0)).save(blurred)
    assert run(["photo", "analyze", str(blurred)]) == 0
    text = capsys.readouterr().out
    assert "NOT A RELIABLE COUNT (photo blurred)" in text
    assert "does not mean there are none" in text
