"""Reading a product catalogue: a CSV file exported from a shop or a spreadsheet.

:func:`read_product_rows` yields one row a product, lazily, for
:func:`milia.batch.jobs.check_catalogue`. It takes what spreadsheets write: UTF-8
with or without a BOM, or Windows-1252 (:func:`csv_encoding`); ``;`` or tab
delimiters (European Excel); long fields; and a quote left open in one row, which
is reported for that row instead of swallowing the rows after it.
"""

from __future__ import annotations

import codecs
import csv
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rapidfuzz import process, utils

from milia.errors import ConfigError

__all__ = ["csv_encoding", "read_product_rows"]


def read_product_rows(
    path: str | Path,
    *,
    column: str,
    name_column: str | None = None,
    type_column: str | None = None,
    leave_on: bool | None = None,
) -> Iterator[dict[str, Any]]:
    """Read a product CSV lazily as ``{"row", "name", "text", "product_type", "leave_on"}``.

    Parameters
    ----------
    path : str or Path
        A UTF-8 CSV file with a header row.
    column : str
        The column holding the ingredient list.
    name_column, type_column : str, optional
        Columns with the product's name and type (e.g. ``"Eye cream"``).
    leave_on : bool, optional
        Whether every product is left on the skin; None infers it from the type.

    Raises
    ------
    ConfigError
        If the file cannot be read or a named column is absent (the message
        suggests the closest header).
    """
    file = Path(path)
    if file.is_dir():
        raise ConfigError(f"{file} is a folder; give the CSV file itself", field="csv")
    if not file.is_file():
        raise ConfigError(f"no such CSV file: {file}", field="csv")
    delimiter = _sniff_delimiter(file)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # real labels can be long
    encoding = csv_encoding(file)
    with file.open(newline="", encoding=encoding, errors="replace") as handle:
        records = _Records(handle, delimiter)
        first = next(records, None)
        headers = [h.strip() for h in first[1]] if first is not None else []
        for option, wanted in (
            ("column", column),
            ("name_column", name_column),
            ("type_column", type_column),
        ):
            if wanted is not None and wanted not in headers:
                best = (
                    process.extractOne(
                        wanted, headers, processor=utils.default_process, score_cutoff=60
                    )
                    if headers
                    else None
                )
                raise ConfigError(
                    f"{file.name} has no column {wanted!r}; its columns are {headers}",
                    field=option,
                    suggestion=best[0] if best else None,
                )
        number = 0
        for line, fields, broken in records:
            if not fields:  # a blank line is no row (as csv.DictReader)
                continue
            number += 1
            record: dict[str, Any] = dict(zip(headers, fields, strict=False))
            row = {
                "row": number,
                "name": record.get(name_column) if name_column else None,
                "text": "" if broken else record.get(column) or "",
                "product_type": record.get(type_column) if type_column else None,
                "leave_on": leave_on,
            }
            if broken:
                row["broken"] = (
                    f"row {number} (line {line} of {file.name}): a quote opened in this row is "
                    f"not closed, so the next line(s) would be read into it (the fault shows "
                    f"at line {broken}); this row is not checked and line {line + 1} is read "
                    "as the next row. Close the quote (a quote inside a quoted field is "
                    "written twice)"
                )
            elif len(fields) > len(headers):
                row["extra_fields"] = len(fields) - len(headers)
                if headers and headers[-1] == column:
                    # the list is the last column, so the spilt fields are its tail: an
                    # unquoted "Aqua, Glycerin, Petrolatum" read back whole (QA F12-06)
                    row["text"] = delimiter.join(fields[len(headers) - 1 :])
                    row["rejoined"] = True
            yield row


class _Records:
    """The records of a CSV text as ``(first line, fields, broken)``, one quote fault at a time.

    A record is read strictly; one that spans several lines and breaks CSV quoting
    (text after a closing quote, or the file ending inside a quote) is an unclosed
    quote that swallowed the next lines (QA F3-65): it is given as ``broken`` (the
    line where the fault showed) with the fields of its own first line, and reading
    resumes at the line after its first, so no row is lost or renumbered. A fault
    within one line is read leniently, as before (``P1,"Aqua" extra``).
    """

    def __init__(self, handle: Iterable[str], delimiter: str) -> None:
        self._source = iter(handle)
        self._pending: list[str] = []  # lines to read again
        self._taken: list[str] = []  # lines of the record being read
        self._delimiter = delimiter
        self._line = 0  # lines taken so far
        self._strict = csv.reader(self._lines(), delimiter=delimiter, strict=True)

    def _lines(self) -> Iterator[str]:
        while True:
            if self._pending:
                line = self._pending.pop(0)
            else:
                try:
                    line = next(self._source)
                except StopIteration:
                    return
            self._taken.append(line)
            self._line += 1
            yield line

    def __iter__(self) -> Iterator[tuple[int, list[str], int | None]]:
        return self

    def __next__(self) -> tuple[int, list[str], int | None]:
        self._taken = []
        start = self._line + 1
        try:
            return start, next(self._strict), None
        except csv.Error:
            taken, self._taken = self._taken, []
            self._strict = csv.reader(self._lines(), delimiter=self._delimiter, strict=True)
            if not taken:
                raise StopIteration from None
            first = next(csv.reader([taken[0]], delimiter=self._delimiter), [])
            self._pending[:0] = taken[1:]
            self._line = start
            if len(taken) == 1:  # a fault within one line: read leniently, as before
                return start, first, None
            return start, first, start + len(taken) - 1


def csv_encoding(file: Path) -> str:
    """``utf-8-sig`` when the whole file is UTF-8 (with or without a BOM), else ``cp1252``.

    Excel on Windows saves "CSV" in Windows-1252 unless told to use UTF-8: read
    that way, "Crème" stays "Crème" instead of becoming "Cr\ufffdme". The file is
    read once more in 1 MiB blocks through an incremental decoder (a character
    split between blocks is fine). Bytes that Windows-1252 leaves undefined are
    then replaced (U+FFFD), as before.

    Parameters
    ----------
    file : Path
        The CSV file.

    Returns
    -------
    str
        ``"utf-8-sig"``, ``"cp1252"``, or ``"utf-16"`` for a file that starts with a
        UTF-16 byte-order mark, for :func:`open`.

    Raises
    ------
    ConfigError
        If the file cannot be read.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with file.open("rb") as handle:
            while block := handle.read(1 << 20):
                if handle.tell() == len(block) and block.startswith(_UTF16_BOMS):
                    return "utf-16"  # Excel's "Unicode text", Notepad's "Unicode" (QA F15-14)
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    except OSError as exc:
        raise ConfigError(f"cannot read {file}: {exc.strerror}", field="csv") from None
    return "utf-8-sig"


#: A UTF-16 byte-order mark, either byte order: unambiguous, so such a file is read as
#: UTF-16, not refused as binary.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _sniff_delimiter(file: Path) -> str:
    """``,`` unless the header line has no comma but a ``;`` or a tab (European Excel).

    Raises
    ------
    ConfigError
        If the file starts with binary data (a NUL byte), not text.
    """
    try:
        with file.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise ConfigError(f"cannot read {file}: {exc.strerror}", field="csv") from None
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")  # its header line
    if b"\x00" in head:
        raise ConfigError(
            f"{file} is not a text CSV file (it holds binary data); export it as CSV (UTF-8)",
            field="csv",
        )
    first = head.split(b"\n", 1)[0]
    if b"," not in first:
        for other in (b";", b"\t"):
            if other in first:
                return other.decode()
    return ","
