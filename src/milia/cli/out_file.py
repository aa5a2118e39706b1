"""The ``--out`` file of the batch commands: opened safely, or gone on with (``--resume``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from milia.batch.resume import Finished, finished_prefix
from milia.errors import ConfigError

__all__ = ["RESUME_HELP", "earlier_records", "kept_note", "open_output", "output"]

RESUME_HELP = (
    "Go on with an interrupted run: keep the records already in --out (the same "
    "inputs, in order) and add the rest"
)


@contextmanager
def output(
    out: Path | None, *, inputs: Sequence[Path] = (), append: bool = False
) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
    else:
        with open_output(out, inputs=inputs, append=append) as handle:
            yield handle


def open_output(out: Path, *, inputs: Sequence[Path] = (), append: bool = False) -> IO[str]:
    """Open ``--out`` for writing (UTF-8; an existing file is replaced, or added to
    with ``append``), unless it is one of the inputs.

    Parameters
    ----------
    out : Path
        The file to write the JSON lines to.
    inputs : sequence of Path, optional
        The files the run reads (the catalogue, the photos): ``out`` naming one of
        them is refused before anything is opened for writing (QA F15B-13: the
        catalogue was emptied, or a photo replaced by JSON, before it was read).
    append : bool, optional
        Add to the end of an existing file (``--resume``) instead of replacing it.

    Returns
    -------
    IO[str]
        The open file; the caller closes it.

    Raises
    ------
    ConfigError
        If ``out`` is a folder or cannot be written (field ``out``).
    """
    if out.is_dir():
        raise ConfigError(f"--out {out} is a folder; give a file name", field="out")
    if any(same_file(out, path) for path in inputs):
        raise ConfigError(
            f"--out {out} is a file this run reads; give another file for the results",
            field="out",
        )
    try:
        return out.open("a" if append else "w", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write --out {out}: {exc.strerror}", field="out") from None


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (a link or another spelling of it too)."""
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def earlier_records(
    out: Path | None, resume: bool, *, key: str, expected: list[Any], inputs: Sequence[Path]
) -> Finished:
    """What an interrupted run left in ``--out`` (nothing without ``--resume``).

    Raises
    ------
    ConfigError
        ``--resume`` without ``--out``, ``--out`` naming an input, or an ``--out``
        that holds another run's records (:func:`milia.batch.resume.finished_prefix`).
    """
    if not resume:
        return Finished(0, 0, dropped_partial=False)
    if out is None:
        raise ConfigError(
            "--resume goes on from the records in --out: give the --out of the interrupted run",
            field="resume",
        )
    if out.is_dir() or any(same_file(out, path) for path in inputs):
        open_output(out, inputs=inputs, append=True).close()  # raises, naming the problem
    return finished_prefix(out, key=key, expected=expected)


def kept_note(earlier: Finished, out: Path | None) -> str:
    """ "; 40 were already in OUT (1 of them an error record)" after a resumed run."""
    if not earlier.done and not earlier.dropped_partial:
        return ""
    errors = f" ({earlier.failed} of them error records, kept)" if earlier.failed else ""
    cut = "; a partial last line was removed" if earlier.dropped_partial else ""
    return f"; {earlier.done} were already in {out}{errors}{cut}"
