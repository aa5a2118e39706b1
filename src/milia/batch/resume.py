"""Going on with an interrupted batch run from the records it already wrote.

A batch run writes one JSON line per item, in input order, each line whole
(:mod:`milia.cli.batch`). After an interruption (Ctrl-C, a lost connection, a
killed job) the output file therefore holds the results of a prefix of the
inputs, possibly followed by one partial line when the process was killed in
the middle of a write. :func:`finished_prefix` reads that file, checks that its
records are those of the same inputs, drops a partial last line, and says how
many inputs are done, so that a new run can skip them and append the rest.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from milia.errors import ConfigError

__all__ = ["Finished", "finished_prefix"]


@dataclass(frozen=True)
class Finished:
    """What an earlier run of the same inputs left in the output file.

    Attributes
    ----------
    done : int
        How many inputs, from the first, already have a record.
    failed : int
        How many of those records are error records (kept, not retried).
    dropped_partial : bool
        Whether a partial last line (a write cut short) was removed.
    """

    done: int
    failed: int
    dropped_partial: bool


def finished_prefix(out: Path, *, key: str, expected: Sequence[Hashable]) -> Finished:
    """The inputs an earlier run already wrote to ``out``, checked against this run's.

    Parameters
    ----------
    out : Path
        The JSON-lines output of the earlier run. A missing or empty file means
        nothing is done.
    key : str
        The field naming the input in each record: ``"row"`` (the catalogue's row
        number) or ``"path"`` (the photo's path as given).
    expected : sequence
        This run's inputs, in order, as that field holds them.

    Returns
    -------
    Finished
        The number of inputs done (a prefix of ``expected``) and of error records
        among them. A partial last line is cut off the file, so that the next
        write starts on a line of its own.

    Raises
    ------
    ConfigError
        If a whole line is not a JSON object of this kind of run, or the records
        are not those of this run's first inputs in order (another catalogue or
        folder, or the files changed): the message names the first record that
        differs (field ``out``).
    """
    try:
        data = out.read_bytes()
    except FileNotFoundError:
        return Finished(0, 0, dropped_partial=False)
    except OSError as exc:
        raise ConfigError(f"cannot read --out {out}: {exc.strerror}", field="out") from None
    whole = data.rfind(b"\n") + 1  # bytes up to the end of the last whole line
    dropped = whole < len(data)
    done = failed = 0
    for number, line in enumerate(data[:whole].splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if not isinstance(record, dict) or key not in record:
            raise ConfigError(
                f"--out {out} line {number} is not a record of this kind of run (no {key!r}); "
                "give the file an earlier run of the same command wrote, or leave out --resume",
                field="out",
            )
        if done >= len(expected) or record[key] != expected[done]:
            meant = f"{expected[done]!r}" if done < len(expected) else "no more input"
            raise ConfigError(
                f"--out {out} line {number} is for {key} {record[key]!r}, but this run's "
                f"input {done + 1} is {meant}: the file holds another run's results; "
                "give another --out, or leave out --resume to start again",
                field="out",
            )
        done += 1
        failed += "error" in record
    if dropped:
        with out.open("r+b") as handle:
            handle.truncate(whole)
    return Finished(done, failed, dropped_partial=dropped)
