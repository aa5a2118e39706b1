"""Reading catalogues and archives for batch runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from milia.batch.jobs import photo_paths, read_product_rows
from milia.errors import ConfigError, MiliaError


def _write_csv(tmp_path: Path) -> Path:
    path = tmp_path / "products.csv"
    path.write_text(
        "Name,Label,Ingredients\n"
        'Night Cream,Moisturizer,"Water, Petrolatum, Cetearyl Alcohol"\n'
        'Eye Gel,Eye cream,"Aqua/Water/Eau, Glycerin"\n'
        "Empty,Cleanser,\n",
        encoding="utf-8",
    )
    return path


def test_rows_carry_number_name_text_and_type(tmp_path: Path) -> None:
    rows = list(
        read_product_rows(
            _write_csv(tmp_path), column="Ingredients", name_column="Name", type_column="Label"
        )
    )
    assert [r["row"] for r in rows] == [1, 2, 3]
    assert rows[0] == {
        "row": 1,
        "name": "Night Cream",
        "text": "Water, Petrolatum, Cetearyl Alcohol",
        "product_type": "Moisturizer",
        "leave_on": None,
    }
    assert rows[2]["text"] == ""


def test_unknown_column_suggests_the_closest(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        list(read_product_rows(_write_csv(tmp_path), column="ingredient"))
    assert info.value.field == "column"
    assert info.value.suggestion == "Ingredients"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such CSV file"):
        list(read_product_rows(tmp_path / "nope.csv", column="x"))


def test_photo_paths_finds_images_recursively(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for name in ("a/one.JPG", "two.png", "notes.txt", "three.heic"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in photo_paths(tmp_path)]
    assert found == ["a/one.JPG", "three.heic", "two.png"]
    with pytest.raises(ConfigError):
        photo_paths(tmp_path / "missing")


def test_catalogue_checks_rows_in_order_and_keeps_going(tmp_path: Path) -> None:
    from milia.batch.jobs import check_catalogue

    rows = list(
        read_product_rows(
            _write_csv(tmp_path), column="Ingredients", name_column="Name", type_column="Label"
        )
    )
    rows[1]["product_type"] = "Hair Gel"  # a shop label we cannot map
    out = list(check_catalogue(rows))
    assert [r["row"] for r in out] == [1, 2, 3]
    assert {f["inci"] for f in out[0]["flags"] if f["effect"] == "risk"} == {"PETROLATUM"}
    assert any(i["code"] == "unknown_product_type" for i in out[1]["issues"])
    assert out[1]["ingredients"][0]["inci"] == "AQUA"


def test_archive_analyses_each_photo_and_reports_bad_files(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    image = pytest.importorskip("PIL.Image")
    from milia.batch.jobs import analyze_archive

    rng = np.random.default_rng(7)
    skin = np.clip(rng.normal((200, 160, 140), 3, (120, 160, 3)), 0, 255).astype("uint8")
    image.fromarray(skin).save(tmp_path / "skin.png")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    overlays = tmp_path / "overlays"
    out = list(analyze_archive(photo_paths(tmp_path), mm_per_pixel=0.1, overlay_dir=overlays))
    assert [Path(r["path"]).name for r in out] == ["broken.jpg", "skin.png"]
    assert out[0]["error"]["error"] == "ImageError"
    assert out[1]["image"]["mm_per_pixel"] == 0.1
    assert Path(out[1]["overlay"]).read_bytes().startswith(b"\x89PNG")


def test_folder_and_binary_file_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder"):
        list(read_product_rows(tmp_path, column="x"))
    binary = tmp_path / "export.xlsx.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)))
    with pytest.raises(ConfigError, match="not a text CSV file") as info:
        list(read_product_rows(binary, column="x"))
    assert info.value.field == "csv"


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(tmp_path: Path, sep: str) -> None:
    path = tmp_path / "excel.csv"
    path.write_text(f"Name{sep}Ingredients\nCream{sep}Water, Petrolatum\n", encoding="utf-8")
    rows = list(read_product_rows(path, column="Ingredients", name_column="Name"))
    assert rows[0]["name"] == "Cream" and rows[0]["text"] == "Water, Petrolatum"


def test_unquoted_commas_are_reported_not_silently_dropped(tmp_path: Path) -> None:
    from milia.batch.jobs import check_catalogue

    path = tmp_path / "raw.csv"
    path.write_text("Name,Ingredients\nCream,Water,Petrolatum,Lanolin\nGel,Aqua\n")
    out = list(check_catalogue(read_product_rows(path, column="Ingredients")))
    codes = [[i["code"] for i in r["issues"]] for r in out]
    assert "extra_fields" in codes[0] and "2 more field" in str(out[0]["issues"])
    assert "extra_fields" not in codes[1]


def test_unknown_shop_type_names_the_closest_type(tmp_path: Path) -> None:
    from milia.batch.jobs import check_catalogue

    row = {"row": 1, "name": "x", "text": "Water", "product_type": "eyecrem", "leave_on": None}
    (out,) = check_catalogue([row])
    (issue,) = [i for i in out["issues"] if i["code"] == "unknown_product_type"]
    assert "did you mean 'eye_cream'?" in issue["message"]


def test_archive_overlays_of_same_named_photos_do_not_overwrite(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    image = pytest.importorskip("PIL.Image")
    from milia.batch.jobs import analyze_archive

    for sub, tone in (("a", 200), ("b", 120)):
        (tmp_path / sub).mkdir()
        image.fromarray(np.full((60, 80, 3), tone, "uint8")).save(tmp_path / sub / "face.png")
    overlays = tmp_path / "overlays"
    out = list(analyze_archive(photo_paths(tmp_path), overlay_dir=overlays))
    written = [Path(r["overlay"]) for r in out]
    assert len(set(written)) == 2 and all(p.is_file() for p in written)
    assert written[0].read_bytes() != written[1].read_bytes()


def test_archive_bad_options_fail_once_up_front(tmp_path: Path) -> None:
    from milia.batch.jobs import analyze_archive

    a_file = tmp_path / "taken"
    a_file.write_text("x")
    with pytest.raises(ConfigError) as info:
        analyze_archive([], overlay_dir=a_file)
    assert info.value.field == "overlay_dir"
    with pytest.raises(MiliaError) as bad_scale:
        analyze_archive([], mm_per_pixel=-1)
    assert "mm_per_pixel" in str(bad_scale.value)


def test_column_suggestion_ignores_case_and_never_guesses_wildly(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        list(read_product_rows(_write_csv(tmp_path), column="INGREDIENTS"))
    assert info.value.suggestion == "Ingredients"
    with pytest.raises(ConfigError) as info:
        list(read_product_rows(_write_csv(tmp_path), column="x"))
    assert info.value.suggestion is None


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ('\ufeffName,Ingredients\n"Crème Légère","Aqua, Petrolatum"\n'.encode(), "utf-8-sig"),
        ('Name,Ingredients\n"Crème Légère","Aqua, Petrolatum"\n'.encode(), "utf-8-sig"),
        ('Name,Ingredients\n"Crème Légère","Aqua, Petrolatum"\n'.encode("cp1252"), "cp1252"),
        # a non-ASCII character split across the 1 MiB block boundary is still UTF-8
        (("Name,Ingredients\n" + "x" * ((1 << 20) - 18) + 'é,"Aqua"\n').encode(), "utf-8-sig"),
    ],
)
def test_excel_windows_1252_csv_keeps_its_accents(
    tmp_path: Path, raw: bytes, encoding: str
) -> None:
    """QA F3-8: a Windows-1252 CSV from Excel read 'Crème' as 'Cr\\ufffdme'."""
    from milia.batch.jobs import csv_encoding

    path = tmp_path / "shop.csv"
    path.write_bytes(raw)
    assert csv_encoding(path) == encoding
    rows = list(read_product_rows(path, column="Ingredients", name_column="Name"))
    assert "\ufffd" not in repr(rows)
    if len(rows[0]["name"] or "") < 100:
        assert rows[0]["name"] == "Crème Légère"


BROKEN_QUOTE = (
    "name,ingredients\n"
    'P1,"Aqua, Glycerin, Petrolatum"\n'
    'P2,"Aqua, Glycerin, Petrolatum\n'  # the quote is never closed
    'P3,"Aqua, Glycerin, Petrolatum"\n'
    'P4,"Aqua, Glycerin, Petrolatum"\n'
    'P5,"Aqua, Glycerin, Petrolatum"\n'
)


@pytest.mark.parametrize(
    ("text", "names", "broken_row"),
    [
        (BROKEN_QUOTE, ["P1", "P2", "P3", "P4", "P5"], 2),
        # the swallowed line has no quotes: the row ends in text after a closing quote
        ('name,ingredients\nP1,"Aqua, Glycerin\nP2,Aqua\nP3,"Aqua"\n', ["P1", "P2", "P3"], 1),
        # the last row's quote runs to the end of the file
        ('name,ingredients\nP1,"Aqua"\nP2,"Aqua, Glycerin\nP3,Aqua\n', ["P1", "P2", "P3"], 2),
    ],
)
def test_an_unclosed_quote_is_reported_and_swallows_no_row(
    tmp_path: Path, text: str, names: list[str], broken_row: int
) -> None:
    """QA F3-65: P3 disappeared into P2 and P4 was reported as row 3."""
    path = tmp_path / "badquote.csv"
    path.write_text(text, encoding="utf-8")
    rows = list(read_product_rows(path, column="ingredients", name_column="name"))
    assert [r["name"] for r in rows] == names
    assert [r["row"] for r in rows] == list(range(1, len(names) + 1))
    broken = [r for r in rows if "broken" in r]
    assert [r["row"] for r in broken] == [broken_row]
    message = broken[0]["broken"]
    assert message.startswith(f"row {broken_row} (line {broken_row + 1} of badquote.csv)")
    assert "quote opened in this row is not closed" in message
    assert broken[0]["text"] == ""
    for row in rows:
        if "broken" not in row:
            assert row["text"].startswith("Aqua") and "\n" not in row["text"]
            assert "extra_fields" not in row


def test_a_broken_row_is_an_error_record_and_the_rest_are_checked(tmp_path: Path) -> None:
    from milia.batch.jobs import check_catalogue

    path = tmp_path / "badquote.csv"
    path.write_text(BROKEN_QUOTE, encoding="utf-8")
    out = list(check_catalogue(read_product_rows(path, column="ingredients", name_column="name")))
    assert [(r["row"], r["name"], "error" in r) for r in out] == [
        (1, "P1", False), (2, "P2", True), (3, "P3", False), (4, "P4", False), (5, "P5", False)
    ]  # fmt: skip
    assert out[1]["error"]["error"] == "IngredientParseError"
    assert out[1]["error"]["field"] == "csv"
    assert [e["inci"] for e in out[2]["ingredients"]] == ["AQUA", "GLYCERIN", "PETROLATUM"]


def test_quoted_cells_over_several_lines_and_one_line_faults_read_as_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        "name,ingredients\n"
        'P1,"Aqua,\nGlycerin"\n'  # a list broken over two lines, properly quoted
        'P2,"Aqua" Glycerin\n'  # text after a closing quote within one line: lenient
        'P3,"He said ""hi"", Aqua"\n'
        "\n"  # a blank line is no row
        "P4,Aqua,Glycerin\n",  # an unquoted list in the last column: read back whole
        encoding="utf-8",
    )
    rows = list(read_product_rows(path, column="ingredients", name_column="name"))
    assert [(r["row"], r["name"], r["text"]) for r in rows] == [
        (1, "P1", "Aqua,\nGlycerin"), (2, "P2", "Aqua Glycerin"),
        (3, "P3", 'He said "hi", Aqua'), (4, "P4", "Aqua,Glycerin"),
    ]  # fmt: skip
    assert rows[3]["extra_fields"] == 1 and not any("broken" in r for r in rows)
