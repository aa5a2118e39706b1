"""milia photo analyze: the overlay never replaces the photo; the pixel limit can be raised."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from milia import analyze_photo
from milia.cli.main import main
from milia.imaging.synth import make_photo
from milia.imaging.words import plain_region


@pytest.fixture(scope="module")
def photo_bytes() -> bytes:
    photo = make_photo("astronaut", ita_group="tan", px_per_mm=7.0, n_milia=4, n_inflamed=1, seed=3)
    buffer = io.BytesIO()
    Image.fromarray(photo.rgb).save(buffer, format="JPEG", quality=92)
    return buffer.getvalue()


def run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@pytest.mark.parametrize("spelling", ["same", "dot_slash", "absolute", "hard_link"])
def test_overlay_onto_the_input_photo_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    photo_bytes: bytes,
    spelling: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    photo = tmp_path / "victim.jpg"
    photo.write_bytes(photo_bytes)
    target = {
        "same": "victim.jpg",
        "dot_slash": "./victim.jpg",
        "absolute": str(photo),
        "hard_link": "link.jpg",
    }[spelling]
    if spelling == "hard_link":
        os.link(photo, tmp_path / "link.jpg")
    code = run(["photo", "analyze", "victim.jpg", "--overlay", target])
    err = capsys.readouterr().err
    assert code == 2
    assert "field: overlay" in err and "would overwrite the photo being analysed" in err
    assert "victim.overlay.png" in err
    assert photo.read_bytes() == photo_bytes


def test_overlay_beside_the_photo_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], photo_bytes: bytes
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(photo_bytes)
    out = tmp_path / "face.overlay.png"
    assert run(["photo", "analyze", str(photo), "--overlay", str(out)]) == 0
    assert photo.read_bytes() == photo_bytes
    with Image.open(out) as img, Image.open(photo) as src:
        assert img.size == src.size


def test_text_numbers_the_findings_as_the_overlay_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], photo_bytes: bytes
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(photo_bytes)
    assert run(["photo", "analyze", str(photo), "-f", "json"]) == 0
    n = len(json.loads(capsys.readouterr().out)["lesions"])
    assert n >= 2
    assert run(["photo", "analyze", str(photo)]) == 0
    text = capsys.readouterr().out
    assert "numbered as on the overlay" in text
    for k in range(1, n + 1):
        assert f"  {k:>3}. " in text


def _pixels(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as img:
        return img.width * img.height


def test_too_many_pixels_names_the_option_and_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], photo_bytes: bytes
) -> None:
    photo = tmp_path / "big.jpg"
    photo.write_bytes(photo_bytes)
    limit = _pixels(photo_bytes) - 1
    assert run(["photo", "analyze", str(photo), "--max-pixels", str(limit)]) == 2
    err = capsys.readouterr().err
    assert "megapixels, more than the limit" in err
    assert "--max-pixels" in err and "MILIA_MAX_IMAGE_PIXELS" in err
    assert "raise max_pixels" not in err


def test_max_pixels_raises_the_limit_for_one_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    photo_bytes: bytes,
) -> None:
    photo = tmp_path / "big.jpg"
    photo.write_bytes(photo_bytes)
    n = _pixels(photo_bytes)
    # The setting lowers the default limit; the option overrides it for this run.
    monkeypatch.setenv("MILIA_MAX_IMAGE_PIXELS", str(n - 1))
    assert run(["photo", "analyze", str(photo)]) == 2
    assert "MILIA_MAX_IMAGE_PIXELS" in capsys.readouterr().err
    out = tmp_path / "o.png"
    code = run(["photo", "analyze", str(photo), "--max-pixels", str(n), "--overlay", str(out)])
    assert code == 0
    assert "Milia-like:" in capsys.readouterr().out
    assert out.is_file()


def test_max_pixels_must_be_positive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], photo_bytes: bytes
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(photo_bytes)
    assert run(["photo", "analyze", str(photo), "--max-pixels", "0"]) == 2
    assert "--max-pixels" in capsys.readouterr().err


def test_text_gives_each_region_by_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], photo_bytes: bytes
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(photo_bytes)
    assert run(["photo", "analyze", str(photo), "-f", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert run(["photo", "analyze", str(photo)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("By region: "))
    for region, n in result["counts"]["by_region"].items():
        if n:
            kinds = [les["kind"] for les in result["lesions"] if les["region"] == region]
            ml, inf = kinds.count("milia_like"), kinds.count("inflamed")
            words = [f"{ml} milia-like"] * bool(ml) + [f"{inf} inflamed"] * bool(inf)
            assert f"{plain_region(region)} {', '.join(words)}" in line


def test_only_the_pixel_setting_matters_to_the_cli(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    photo_bytes: bytes,
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(photo_bytes)
    # A web-server setting that is invalid here does not stop a photo analysis ...
    monkeypatch.setenv("MILIA_ENVIRONMENT", "production")
    assert run(["photo", "analyze", str(photo)]) == 0
    capsys.readouterr()
    # ... an invalid pixel limit does, naming it.
    monkeypatch.setenv("MILIA_MAX_IMAGE_PIXELS", "lots")
    assert run(["photo", "analyze", str(photo)]) == 2
    assert "MILIA_MAX_IMAGE_PIXELS" in capsys.readouterr().err


@pytest.mark.parametrize("name", [".", "/", "", "..", "~", "sub", "sub/"])
def test_overlay_naming_a_folder_exits_2_before_the_analysis(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    photo_bytes: bytes,
    name: str,
) -> None:
    # QA F4-62: '.', '/' and '' ended in a ValueError traceback (exit 1); '..'
    # suggested '...png' and '~' (the home folder) '~.png'.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "face.jpg").write_bytes(photo_bytes)
    code = run(["photo", "analyze", "face.jpg", "--overlay", name])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and "field: overlay" in err
    assert "give a file name such as out.png" in err
    expected = {
        ".": "out.png",
        "/": "/out.png",
        "": "out.png",
        "..": "../out.png",
        "~": str(tmp_path / "home" / "out.png"),
        "sub": "sub/out.png",
        "sub/": "sub/out.png",
    }[name]
    assert f"Did you mean {expected!r}?" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["face.jpg", "home", "sub"]


def test_text_says_why_a_faceless_count_without_a_scale_is_doubted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], photo_bytes: bytes
) -> None:
    # QA F4-60: with no face the scale is a guess. A sideways face is found since the
    # turned-face search (QA F7-12), so the photo is the cheeks and chin alone: the
    # lower part of the face box, below the eyes.
    faceless = tmp_path / "cheeks.png"
    rgb = np.asarray(Image.open(io.BytesIO(photo_bytes)).convert("RGB"))
    result = analyze_photo(rgb, mm_per_pixel=1 / 7.0)
    row0, col0, row1, col1 = (round(v) for v in result["face"]["box"])
    below_eyes = row0 + round(0.6 * (row1 - row0))
    Image.fromarray(rgb[below_eyes : row1 + 100, max(col0 - 50, 0) : col1 + 50]).save(faceless)
    assert run(["photo", "analyze", str(faceless)]) == 0
    out = capsys.readouterr().out
    assert "NOT A RELIABLE COUNT (photo without a face: its scale was guessed)" in out
    assert "Turn the photo upright" in out
