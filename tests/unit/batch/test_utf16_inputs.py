"""UTF-16 text with its byte-order mark (Excel's "Unicode text", Notepad's "Unicode")
is read, not refused as binary data (QA F15-14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from milia.batch.jobs import csv_encoding, read_product_rows
from milia.errors import ConfigError, IngredientParseError
from milia.ingredients.text import decode_input

CSV = 'Name\tIngredients\nCrème Légère\t"Aqua, Petrolatum"\nBalm\t"Petrolatum, Cera Alba"\n'


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_catalogue_with_its_mark_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.txt"
    mark = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path.write_bytes(mark + CSV.encode(encoding))
    assert csv_encoding(path) == "utf-16"
    rows = list(read_product_rows(path, column="Ingredients", name_column="Name"))
    assert [(r["name"], r["text"]) for r in rows] == [
        ("Crème Légère", "Aqua, Petrolatum"),
        ("Balm", "Petrolatum, Cera Alba"),
    ]


def test_utf16_without_its_mark_is_still_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Name,Ingredients\nA,Aqua\n".encode("utf-16-le"))  # no mark: NUL bytes
    with pytest.raises(ConfigError, match="binary data"):
        list(read_product_rows(path, column="Ingredients"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_bytes_of_a_list_are_decoded(encoding: str) -> None:
    raw = "Aqua, Petrolatum, Paraffinum Liquidum".encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    assert decode_input(raw) == "Aqua, Petrolatum, Paraffinum Liquidum"


def test_a_mark_followed_by_broken_utf16_is_a_clear_error() -> None:
    with pytest.raises(IngredientParseError, match="UTF-16"):
        decode_input(b"\xff\xfe\x00\xd8")  # a lone surrogate
