"""The batch jobs: a product catalogue (CSV) and a photo archive (files).

Each job function is module-level so it pickles to worker processes and Dask
workers; each turns a :class:`MiliaError` into an ``error`` record for that
item, so one bad row or photo never stops a run of thousands.
"""

from __future__ import annotations

import codecs
import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import process, utils

from milia.batch.runner import Backend, run_batch
from milia.errors import ConfigError, IngredientParseError, MiliaError

__all__ = ["PHOTO_SUFFIXES", "analyze_archive", "check_catalogue", "read_product_rows"]

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"})


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
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with file.open("rb") as handle:
            while block := handle.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    except OSError as exc:
        raise ConfigError(f"cannot read {file}: {exc.strerror}", field="csv") from None
    return "utf-8-sig"


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


def _check_row(row: dict[str, Any]) -> dict[str, Any]:
    from milia.ingredients.check import check_ingredients

    head = {"row": row["row"], "name": row.get("name")}
    if row.get("broken"):
        return {**head, "error": IngredientParseError(row["broken"], field="csv").to_dict()}
    text, name, leave_on = row["text"], row.get("name"), row.get("leave_on")
    kind = row.get("product_type") or None
    try:
        try:
            result: dict[str, Any] = dict(
                check_ingredients(text, name=name, product_type=kind, leave_on=leave_on)
            )
        except IngredientParseError as err:
            if err.field != "product_type":
                raise
            # A shop's own label we cannot map: check the list anyway and say so.
            result = dict(check_ingredients(text, name=name, leave_on=leave_on))
            hint = f" (did you mean {err.suggestion!r}?)" if err.suggestion else ""
            result["issues"] = [
                *result["issues"],
                {
                    "code": "unknown_product_type",
                    "message": f"product type {kind!r} is unknown{hint}; weighted as unknown",
                },
            ]
    except MiliaError as err:
        return {**head, "error": err.to_dict()}
    extra = row.get("extra_fields")
    if extra:
        result["issues"] = [
            *result["issues"],
            {
                "code": "extra_fields",
                "message": f"this CSV row has {extra} more field(s) than the header: an "
                "ingredient list with commas must be quoted, so part of it may be missing",
            },
        ]
    return {**head, **result}


def check_catalogue(
    rows: Iterable[dict[str, Any]],
    *,
    backend: Backend = "loop",
    workers: int = 2,
    scheduler_address: str | None = None,
    on_progress: Any = None,
) -> Iterator[dict[str, Any]]:
    """Check every product row; yield one ingredient-check object a row, in order.

    Each object is the ingredient-check contract plus ``row`` and ``name``, or
    ``{"row", "name", "error": {...}}`` for a row that could not be checked.
    See :func:`milia.batch.run_batch` for the backends.
    """
    return run_batch(
        _check_row,
        rows,
        backend=backend,
        workers=workers,
        chunk_size=128,
        scheduler_address=scheduler_address,
        on_progress=on_progress,
    )


@dataclass(frozen=True)
class _PhotoJob:
    mm_per_pixel: float | None
    overlay_dir: str | None
    max_pixels: int | None = None

    def __call__(self, item: str | tuple[str, str]) -> dict[str, Any]:
        from milia.imaging.analyze import analyze_photo

        path, overlay_name = (
            (item, f"{Path(item).stem}.overlay.png") if isinstance(item, str) else item
        )
        head: dict[str, Any] = {"path": path}
        try:
            from milia.imaging.io import DEFAULT_MAX_PIXELS

            limit = DEFAULT_MAX_PIXELS if self.max_pixels is None else self.max_pixels
            result = analyze_photo(path, mm_per_pixel=self.mm_per_pixel, max_pixels=limit)
            if self.overlay_dir is not None:
                from milia.imaging.overlay import render_overlay

                out = Path(self.overlay_dir) / overlay_name
                try:
                    out.write_bytes(render_overlay(path, result, max_pixels=limit))
                except OSError as exc:
                    raise ConfigError(
                        f"cannot write the overlay {out}: {exc.strerror}", field="overlay_dir"
                    ) from None
                head["overlay"] = str(out)
        except MiliaError as err:
            return {**head, "error": err.to_dict()}
        return {**head, **result}


def _with_overlay_names(paths: Iterable[str | Path]) -> Iterator[tuple[str, str]]:
    """``(path, overlay file name)``; photos sharing a stem (``a/x.jpg``, ``b/x.png``)
    get ``x.overlay.png``, ``x-2.overlay.png``, ... so no overlay overwrites another."""
    used: dict[str, int] = {}
    for p in paths:
        stem = Path(p).stem
        n = used[stem.lower()] = used.get(stem.lower(), 0) + 1
        yield str(p), f"{stem}.overlay.png" if n == 1 else f"{stem}-{n}.overlay.png"


def analyze_archive(
    paths: Iterable[str | Path],
    *,
    mm_per_pixel: float | None = None,
    overlay_dir: str | Path | None = None,
    max_pixels: int | None = None,
    backend: Backend = "loop",
    workers: int = 2,
    scheduler_address: str | None = None,
    on_progress: Any = None,
) -> Iterator[dict[str, Any]]:
    """Analyse every photo; yield one photo-analysis object a file, in order.

    Parameters
    ----------
    paths : iterable of path
        Image files (JPEG, PNG, WebP, HEIC).
    mm_per_pixel : float, optional
        Scale in mm/px when every photo shares it; otherwise estimated per photo.
    overlay_dir : path, optional
        Write ``<stem>.overlay.png`` for each photo here (created if needed).
    max_pixels : int, optional
        Refuse photos with more pixels (default: the imaging default, 50 MP).
    """
    if mm_per_pixel is not None:
        from milia.imaging.scale import validate_mm_per_pixel

        validate_mm_per_pixel(mm_per_pixel)  # once, not an error record per photo
    if overlay_dir is not None:
        if Path(overlay_dir).exists() and not Path(overlay_dir).is_dir():
            raise ConfigError(
                f"--overlay-dir {overlay_dir} is a file; give a folder", field="overlay_dir"
            )
        try:
            Path(overlay_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the overlay folder {overlay_dir}: {exc.strerror}",
                field="overlay_dir",
            ) from None
    job = _PhotoJob(mm_per_pixel, str(overlay_dir) if overlay_dir is not None else None, max_pixels)
    return run_batch(
        job,
        _with_overlay_names(paths),
        backend=backend,
        workers=workers,
        chunk_size=1,
        scheduler_address=scheduler_address,
        on_progress=on_progress,
    )


def photo_paths(target: str | Path) -> list[Path]:
    """Every photo file in a folder (recursively), sorted; or the one file given."""
    return photos_and_others(target)[0]


def photos_and_others(target: str | Path) -> tuple[list[Path], list[Path]]:
    """The photo files of a folder (recursively) and its other files, each sorted, from
    one walk; or the one file given, and no others. Hidden files and folders
    (``.DS_Store``) are neither: ``batch photos`` names the others as skipped."""
    root = Path(target)
    if root.is_file():
        return [root], []
    if not root.is_dir():
        raise ConfigError(f"no such file or folder: {root}", field="photos")
    photos: list[Path] = []
    others: list[Path] = []
    for path in root.rglob("*"):
        if path.suffix.lower() in PHOTO_SUFFIXES and path.is_file():
            photos.append(path)
        elif path.is_file() and not any(p.startswith(".") for p in path.relative_to(root).parts):
            others.append(path)
    return sorted(photos), sorted(others)
