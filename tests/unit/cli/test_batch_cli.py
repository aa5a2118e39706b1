"""``milia batch`` and ``milia ingredients check --csv`` with bad paths and options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run_cli

run = run_cli


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "p.csv"
    path.write_text('Name,Ingredients\nCream,"Water, Petrolatum"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["batch", "products", "{csv}", "--column", "Ingredients", "--out", "{dir}"],
        ["ingredients", "check", "--csv", "{csv}", "--column", "Ingredients", "--out", "{dir}"],
        ["batch", "photos", "{dir}", "--out", "{dir}"],
    ],
)
def test_out_folder_is_a_one_line_error(
    argv: list[str], catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = [a.format(csv=catalogue, dir=tmp_path) for a in argv]
    code, _, err = run(filled, capsys)
    assert code == 2 and "Traceback" not in err
    assert "--out" in err and "is a folder" in err


def test_out_in_missing_folder_is_a_one_line_error(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "x.jsonl"
    code, _, err = run(
        ["batch", "products", str(catalogue), "--column", "Ingredients", "--out", str(out)], capsys
    )
    assert code == 2 and "cannot write --out" in err and "Traceback" not in err


def test_bad_name_column_fails_before_the_out_file_is_touched(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "keep.jsonl"
    out.write_text("earlier results\n")
    argv = ["batch", "products", str(catalogue), "--column", "Ingredients"]
    code, _, err = run([*argv, "--name-column", "Nmae", "--out", str(out)], capsys)
    assert code == 2 and "Did you mean 'Name'?" in err
    assert out.read_text() == "earlier results\n"


def test_photo_options_are_checked_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    code, out, err = run(["batch", "photos", str(tmp_path), "--overlay-dir", str(a_file)], capsys)
    assert code == 2 and "is a file" in err and "Traceback" not in err
    code, out, err = run(["batch", "photos", str(tmp_path), "--mm-per-pixel", "-1"], capsys)
    assert code == 2 and "mm_per_pixel" in err and out == ""
    code, _, err = run(["batch", "photos", str(tmp_path), "--workers", "0"], capsys)
    assert code == 2 and "--workers" in err


def test_batch_photos_exits_2_when_a_file_fails_after_writing_every_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA: `milia batch photos` exited 0 with unreadable files (milia assess exits 2)."""
    import json

    import numpy as np
    from PIL import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    Image.fromarray(np.full((64, 64, 3), 180, dtype=np.uint8)).save(folder / "good.png")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["batch", "photos", str(folder), "--out", str(out)], capsys)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert code == 2 and "1 could not be read" in err and "Traceback" not in err
    assert "1 photo analysed" in err  # the good one only (QA F9-C02: it said 2)
    assert len(records) == 2 and sum("error" in r for r in records) == 1
    (folder / "broken.jpg").unlink()
    code, _, err = run(["batch", "photos", str(folder), "--out", str(out)], capsys)
    assert code == 0 and "1 photo analysed, 0 could not be read" in err


def test_qa_f9_c02_files_that_are_not_photos_are_named_and_a_folder_without_photos_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import numpy as np
    from PIL import Image

    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    Image.fromarray(np.full((64, 64, 3), 180, dtype=np.uint8)).save(folder / "sub" / "a.gif")
    (folder / ".DS_Store").write_bytes(b"x")
    code, _, err = run(["batch", "photos", str(folder)], capsys)
    assert code == 2 and "1 file skipped, not photos" in err and "a.gif" in err
    assert "no photos" in err and "DS_Store" not in err and "Traceback" not in err
    Image.fromarray(np.full((64, 64, 3), 180, dtype=np.uint8)).save(folder / "b.png")
    code, _, err = run(["batch", "photos", str(folder), "--out", str(tmp_path / "o.jsonl")], capsys)
    assert code == 0 and "1 file skipped" in err and "1 photo analysed" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["batch", "products", "{csv}", "--column", "Ingredients", "--out", "{out}"],
        ["ingredients", "check", "--csv", "{csv}", "--column", "Ingredients", "--out", "{out}"],
    ],
)
def test_catalogue_exits_2_when_a_row_fails_after_writing_every_record(
    argv: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    import milia.ingredients.check as check_module
    from milia.errors import IngredientParseError

    csv_path = tmp_path / "shop.csv"
    csv_path.write_text(
        'Name,Ingredients\nA,"Aqua, Petrolatum"\nB,"BROKEN"\nC,"Aqua"\n', encoding="utf-8"
    )
    original = check_module.check_ingredients

    def failing(text: str, **kwargs: object) -> object:
        if text == "BROKEN":
            raise IngredientParseError("cannot be read", field="text")
        return original(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "check_ingredients", failing)  # looked up per row
    out = tmp_path / "out.jsonl"
    filled = [a.format(csv=csv_path, out=out) for a in argv]
    code, _, err = run(filled, capsys)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [("error" in r) for r in records] == [False, True, False]
    assert code == 2 and "Traceback" not in err


@pytest.mark.parametrize("inside", ["the_folder", "a_subfolder"])
def test_overlay_dir_inside_the_photo_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], inside: str
) -> None:
    """QA F4-48: overlays written among the photos are analysed as photos by the next run."""
    import numpy as np
    from PIL import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    Image.fromarray(np.full((64, 64, 3), 180, dtype=np.uint8)).save(folder / "good.png")
    overlays = folder if inside == "the_folder" else folder / "overlays"
    code, out, err = run(["batch", "photos", str(folder), "--overlay-dir", str(overlays)], capsys)
    assert code == 2 and "field: overlay_dir" in err and "inside the folder" in err
    assert out == "" and sorted(p.name for p in folder.iterdir()) == ["good.png"]
    beside = tmp_path / "overlays"
    code, _, err = run(["batch", "photos", str(folder), "--overlay-dir", str(beside)], capsys)
    assert code == 0 and [p.name for p in beside.iterdir()] == ["good.overlay.png"]


def test_batch_photos_max_pixels_and_its_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA F4-45 for archives: the error record names --max-pixels; the option lets it through."""
    import json

    import numpy as np
    from PIL import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    Image.fromarray(np.full((64, 64, 3), 180, dtype=np.uint8)).save(folder / "a.png")
    monkeypatch.setenv("MILIA_MAX_IMAGE_PIXELS", str(64 * 64 - 1))
    code, out, _ = run(["batch", "photos", str(folder)], capsys)
    record = json.loads(out)
    assert code == 2 and "megapixels, more than the limit" in record["error"]["detail"]
    assert "--max-pixels" in record["error"]["detail"]
    assert "raise max_pixels" not in record["error"]["detail"]
    assert record["error"]["reason"] == "too_many_pixels"
    assert (record["error"]["pixels"], record["error"]["limit"]) == (64 * 64, 64 * 64 - 1)
    code, out, _ = run(["batch", "photos", str(folder), "--max-pixels", str(64 * 64)], capsys)
    assert code == 0 and "error" not in json.loads(out)


def test_products_count_the_lists_that_could_not_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA F10-14: placeholders were checked as 'low' and the closing line said nothing."""
    import json

    csv_path = tmp_path / "shop.csv"
    csv_path.write_text(
        'Name,Ingredients\nA,"Aqua, Petrolatum"\nB,"No Info"\nC,"Visit the boutique"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    argv = ["batch", "products", str(csv_path), "--column", "Ingredients", "--out", str(out)]
    code, _, err = run(argv, capsys)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["summary"]["risk_known"] for r in records] == [True, False, False]
    assert code == 0
    assert "3 products checked; 2 of them had no readable ingredient list" in err


def test_a_scheduler_address_means_the_dask_backend(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA F15B-03: --scheduler without --backend dask was ignored; the run stayed here
    from milia.cli.batch import _backend

    assert _backend(None, "tcp://127.0.0.1:8786") == "dask"
    assert _backend(None, None) == "loop"
    argv = ["batch", "products", str(catalogue), "--column", "Ingredients",
            "--backend", "loop", "--scheduler", "tcp://127.0.0.1:8786"]  # fmt: skip
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and "needs --backend dask" in err


def test_one_product_is_said_in_the_singular(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["batch", "products", str(catalogue), "--column", "Ingredients"], capsys)
    assert code == 0 and "1 product checked" in err


@pytest.mark.parametrize("command", ["batch", "ingredients"])
def test_out_naming_the_catalogue_is_refused_before_it_is_emptied(
    command: str, catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA F15B-13: the catalogue was truncated to 0 bytes before it was read
    before = catalogue.read_bytes()
    argv = (
        ["batch", "products", str(catalogue)]
        if command == "batch"
        else ["ingredients", "check", "--csv", str(catalogue)]
    )
    same = str(catalogue.parent / ".." / catalogue.parent.name / catalogue.name)
    code, _, err = run([*argv, "--column", "Ingredients", "--out", same], capsys)
    assert code == 2 and "is a file this run reads" in err
    assert catalogue.read_bytes() == before


def test_out_naming_a_photo_of_the_archive_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    photo = tmp_path / "cl.jpg"
    Image.new("RGB", (64, 64), (200, 150, 120)).save(photo)
    before = photo.read_bytes()
    code, _, err = run(["batch", "photos", str(tmp_path), "--out", str(photo)], capsys)
    assert code == 2 and "is a file this run reads" in err
    assert photo.read_bytes() == before


def test_an_interrupted_run_says_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA F15B-10: Ctrl-C exited 130 with nothing said about the lines written
    from collections.abc import Iterator
    from typing import Any

    from milia.cli.batch import _write

    def records() -> Iterator[dict[str, Any]]:
        yield {"row": 1}
        yield {"row": 2, "error": {"error": "X"}}
        raise KeyboardInterrupt

    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as handle, pytest.raises(KeyboardInterrupt):
        _write(records(), handle)
    err = capsys.readouterr().err
    assert f"interrupted: 2 records written to {path}" in err
    assert path.read_text(encoding="utf-8").count("\n") == 2


def _products_csv(tmp_path: Path) -> Path:
    path = tmp_path / "many.csv"
    rows = [
        "Name,Ingredients",
        'Balm,"Petrolatum, Mineral Oil"',
        'Gel,"Water, Glycerin',  # a quote not closed: an error record
        'Serum,"Water, Retinol"',
        'Lotion,"Water, Cetyl Alcohol"',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_resume_goes_on_from_an_interrupted_catalogue_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = _products_csv(tmp_path)
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    argv = ["batch", "products", str(csv_file), "--column", "Ingredients"]
    code, _, _ = run([*argv, "--out", str(whole)], capsys)
    assert code == 2  # the unclosed quote is an error record
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 4
    # killed while writing the 3rd record: 2 whole lines and part of one
    cut.write_text("".join(lines[:2]) + lines[2][:20], encoding="utf-8")
    code, _, err = run([*argv, "--out", str(cut), "--resume"], capsys)
    assert code == 2  # the earlier run's error record still counts
    assert cut.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")
    assert "2 products checked" in err and "2 were already in" in err
    assert "1 of them error records" in err and "partial last line was removed" in err


def test_resume_refuses_another_runs_output_and_needs_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = _products_csv(tmp_path)
    other = tmp_path / "other.jsonl"
    other.write_text('{"row": 40}\n', encoding="utf-8")
    argv = ["batch", "products", str(csv_file), "--column", "Ingredients", "--resume"]
    code, _, err = run([*argv, "--out", str(other)], capsys)
    assert code == 2 and "another run's results" in err and "Traceback" not in err
    assert other.read_text(encoding="utf-8") == '{"row": 40}\n'
    code, _, err = run(argv, capsys)
    assert code == 2 and "--resume" in err and "--out" in err


def test_resume_of_a_photo_run_keeps_the_overlay_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    photos = tmp_path / "photos"
    for sub, colour in (("a", (200, 150, 120)), ("b", (190, 140, 110)), ("c", (180, 130, 100))):
        (photos / sub).mkdir(parents=True)
        Image.new("RGB", (48, 48), colour).save(photos / sub / "same.png")
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    argv = ["batch", "photos", str(photos), "--mm-per-pixel", "0.1"]
    code, _, _ = run([*argv, "--out", str(whole), "--overlay-dir", str(tmp_path / "o1")], capsys)
    assert code == 0
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    cut.write_text(lines[0], encoding="utf-8")
    code, _, err = run(
        [*argv, "--out", str(cut), "--overlay-dir", str(tmp_path / "o2"), "--resume"], capsys
    )
    assert code == 0 and "2 photos analysed" in err and "1 were already in" in err
    assert sorted(p.name for p in (tmp_path / "o2").iterdir()) == [
        "same-2.overlay.png",
        "same-3.overlay.png",
    ]
    resumed = [json.loads(line) for line in cut.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in resumed] == [json.loads(line)["path"] for line in lines]
