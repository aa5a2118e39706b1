"""A progress bar on standard error, shared by the commands that run batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["progress_bar"]


@contextmanager
def progress_bar(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
    """Show a rich progress bar on stderr; yield a function that advances it by n items.

    Parameters
    ----------
    total : int or None
        How many items there are; None when not known (no time remaining shown).
    label : str
        The bar's description.

    Yields
    ------
    callable
        ``advance(n)``: n more items are done.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)
