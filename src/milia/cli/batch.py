"""``milia batch``: product catalogues and photo archives, locally or on Dask."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from milia.cli.choices import closest
from milia.cli.out_file import RESUME_HELP, earlier_records, kept_note, output
from milia.cli.photo_options import MaxPixelsOption, pixel_limit, pixel_limit_hint
from milia.cli.progress import progress_bar
from milia.errors import ConfigError

__all__ = ["register"]

batch_app = typer.Typer(
    help="Batch runs over product catalogues and photo archives (local or Dask).",
    no_args_is_help=True,
)

_BACKEND_HELP = (
    "loop (this process), processes (local workers) or dask (a cluster); "
    "default loop, or dask when --scheduler is given"
)


def _write(records: Iterator[dict[str, Any]], handle: IO[str]) -> tuple[int, int]:
    """Write every record as a JSON line; the counts of good and of error records.

    The good count leaves the error records out (QA F9-C02: "9 photos analysed, 3
    could not be read" for 6 analysed).
    """
    done = failed = 0  # records written, of which errors
    try:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            done += 1
            failed += "error" in record
    except KeyboardInterrupt:  # Ctrl-C: say what was written, then exit 130 (QA F15B-10)
        if handle is sys.stdout:
            where, again = "", "a new run starts again from the first"
        else:
            where = f" to {getattr(handle, 'name', '--out')}"
            again = "run the same command with --resume to go on from there"
        typer.echo(
            f"\ninterrupted: {_many(done, 'record')} written{where}, each a whole JSON line, "
            f"in input order; {again}",
            err=True,
        )
        raise
    return done - failed, failed


@batch_app.command("products")
def products(
    csv_file: Annotated[Path, typer.Argument(help="CSV file of products.")],
    column: Annotated[str, typer.Option(help="Column holding the ingredient list.")],
    name_column: Annotated[str | None, typer.Option(help="Column with the product name.")] = None,
    type_column: Annotated[str | None, typer.Option(help="Column with the product type.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write JSONL here (default: stdout).")] = None,
    backend: Annotated[
        str | None, typer.Option(metavar="<loop|processes|dask>", help=_BACKEND_HELP)
    ] = None,
    workers: Annotated[int, typer.Option(help="Local processes or Dask workers.")] = 2,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help=RESUME_HELP)] = False,
) -> None:
    """Check every product of a catalogue; one ingredient-check JSON object a row."""
    from milia.batch.catalogue import read_product_rows
    from milia.batch.jobs import check_catalogue
    from milia.batch.runner import Backend

    backend_value: Backend = _backend(backend, scheduler)
    _check_workers(workers)
    try:  # reads the whole file once: every column and row is checked before any output
        row_ids = [
            row["row"]
            for row in read_product_rows(
                csv_file, column=column, name_column=name_column, type_column=type_column
            )
        ]
    except (csv.Error, UnicodeDecodeError) as exc:
        raise ConfigError(f"{csv_file} is not a readable CSV file: {exc}", field="csv") from None
    earlier = earlier_records(out, resume, key="row", expected=row_ids, inputs=[csv_file])
    rows = islice(
        read_product_rows(
            csv_file, column=column, name_column=name_column, type_column=type_column
        ),
        earlier.done,
        None,
    )
    total = len(row_ids) - earlier.done
    unread = 0  # checked, but no ingredient could be read: risk unknown (QA F10-14)

    def counted(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        nonlocal unread
        for record in records:
            unread += record.get("summary", {}).get("risk_known") is False
            yield record

    with (
        output(out, inputs=[csv_file], append=resume) as handle,
        progress_bar(total, "products") as advance,
    ):
        done, failed = _write(
            counted(
                check_catalogue(
                    rows,
                    backend=backend_value,
                    workers=workers,
                    scheduler_address=scheduler,
                    on_progress=advance,
                )
            ),
            handle,
        )
    unknown = (
        f"; {unread} of them had no readable ingredient list (risk unknown, not low)"
        if unread
        else ""
    )
    typer.echo(
        f"{_many(done, 'product')} checked{unknown}, {failed} could not be checked"
        f"{kept_note(earlier, out)}",
        err=True,
    )
    _exit_if_failed(failed + earlier.failed)


@batch_app.command("photos")
def photos(
    target: Annotated[Path, typer.Argument(help="A photo, or a folder searched recursively.")],
    out: Annotated[Path | None, typer.Option(help="Write JSONL here (default: stdout).")] = None,
    overlay_dir: Annotated[
        Path | None, typer.Option(help="Write an overlay PNG per photo here.")
    ] = None,
    mm_per_pixel: Annotated[
        float | None, typer.Option(help="Scale shared by every photo, mm per pixel.")
    ] = None,
    max_pixels: MaxPixelsOption = None,
    backend: Annotated[
        str | None, typer.Option(metavar="<loop|processes|dask>", help=_BACKEND_HELP)
    ] = None,
    workers: Annotated[int, typer.Option(help="Local processes or Dask workers.")] = 2,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help=RESUME_HELP)] = False,
) -> None:
    """Analyse every photo of an archive; one photo-analysis JSON object a file."""
    import milia.imaging  # noqa: F401  (the 'imaging' extra: checked before any work)
    from milia.batch.jobs import analyze_archive, photos_and_others

    backend_value = _backend(backend, scheduler)
    _check_workers(workers)
    if overlay_dir is not None:
        _refuse_overlays_among_the_photos(target, overlay_dir)
    paths, others = photos_and_others(target)
    _say_skipped(target, others)
    limit = pixel_limit(max_pixels)
    earlier = earlier_records(
        out, resume, key="path", expected=[str(p) for p in paths], inputs=[*paths, target]
    )
    with (
        output(out, inputs=[*paths, target], append=resume) as handle,
        progress_bar(len(paths) - earlier.done, "photos") as advance,
    ):
        done, failed = _write(
            _with_limit_hint(
                analyze_archive(
                    paths,
                    mm_per_pixel=mm_per_pixel,
                    overlay_dir=overlay_dir,
                    max_pixels=limit,
                    backend=backend_value,
                    workers=workers,
                    scheduler_address=scheduler,
                    on_progress=advance,
                    skip=earlier.done,
                ),
                limit,
            ),
            handle,
        )
    if not paths:  # after the job has checked --out and --overlay-dir
        raise ConfigError(f"no photos ({_kinds()}) in the folder {target}", field="photos")
    typer.echo(
        f"{_many(done, 'photo')} analysed, {failed} could not be read{kept_note(earlier, out)}",
        err=True,
    )
    _exit_if_failed(failed + earlier.failed)


def _kinds() -> str:
    from milia.batch.jobs import PHOTO_SUFFIXES

    return ", ".join(sorted(PHOTO_SUFFIXES))


def _say_skipped(target: Path, others: list[Path]) -> None:
    """Name the files of a folder that are not photos (a folder without any photo is
    refused once the options are checked).

    A folder of .gif or .bmp files ended "0 photos analysed, 0 could not be
    read" with status 0, while the same .gif named directly gave an error
    record (QA F9-C02). Hidden files (``.DS_Store``) are passed over silently.
    """
    if others:
        names = ", ".join(str(p.relative_to(target)) for p in others[:5])
        more = f" and {len(others) - 5} more" if len(others) > 5 else ""
        typer.echo(
            f"{_many(len(others), 'file')} skipped, not photos ({_kinds()}): {names}{more}",
            err=True,
        )


def _with_limit_hint(records: Iterator[dict[str, Any]], limit: int) -> Iterator[dict[str, Any]]:
    """Error records of photos over the pixel limit name --max-pixels (QA F4-45).

    Worded from the record's fields (``reason``, ``pixels``, ``limit`` of
    :class:`~milia.errors.PixelLimitError`), never from its message.
    """
    from milia.errors import PixelLimitError

    for record in records:
        error = record.get("error")
        if isinstance(error, dict) and error.get("reason") == PixelLimitError.reason:
            found = PixelLimitError(pixels=int(error["pixels"]), limit=int(error["limit"]))
            record = {**record, "error": pixel_limit_hint(found, limit).to_dict()}
        yield record


def _refuse_overlays_among_the_photos(target: Path, overlay_dir: Path) -> None:
    """Refuse an ``--overlay-dir`` inside the folder being analysed (QA F4-48).

    The overlays would then be found, and analysed as photos, by the next run.
    """
    if not target.is_dir() or overlay_dir.is_file():
        return  # a file given as --overlay-dir is refused by the job, naming that
    root, where = target.resolve(), overlay_dir.resolve()
    if where == root or root in where.parents:
        raise ConfigError(
            f"--overlay-dir {overlay_dir} is inside the folder being analysed ({target}); "
            "a later run would analyse the overlays as photos; give a folder outside it",
            field="overlay_dir",
        )


def _exit_if_failed(failed: int) -> None:
    """Exit with status 2 when any input could not be handled, as ``milia assess`` does.

    Every record, good or bad, has been written by then; the status lets a
    script notice the error records without reading them.
    """
    if failed:
        raise typer.Exit(2)


def _check_workers(workers: int) -> None:
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}", field="workers")


def _many(count: int, noun: str) -> str:
    """ "1 product", "3 products" (QA F15B-03: "1 products checked")."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _backend(value: str | None, scheduler: str | None) -> Any:
    """The backend asked for: dask when only ``--scheduler`` is given (QA F15B-03: it was
    ignored, and the run stayed in this process), else loop by default.

    Raises
    ------
    ConfigError
        For an unknown backend, or a scheduler address with a backend other than dask.
    """
    choices = ("loop", "processes", "dask")
    if value is None:
        return "dask" if scheduler else "loop"
    if scheduler and value in choices and value != "dask":
        raise ConfigError(
            f"--scheduler is a Dask scheduler's address: it needs --backend dask, not {value}",
            field="scheduler",
        )
    if value not in choices:
        raise ConfigError(
            f"--backend must be one of {', '.join(choices)}",
            field="backend",
            suggestion=closest(value, choices),  # QA F12-12
        )
    return value


def register(app: typer.Typer) -> None:
    """Add ``milia batch`` to the root app."""
    app.add_typer(batch_app, name="batch")
