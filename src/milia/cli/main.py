"""The ``milia`` command: a thin adapter over the core.

Each concern registers its commands from its own module (``milia.cli.kb``,
``milia.cli.assess``, ``milia.cli.ingredients``, ``milia.cli.photo``,
``milia.cli.serve``, ``milia.cli.batch``). Heavy imports happen inside the
commands, so ``milia --help`` is instant.

Every :class:`milia.errors.MiliaError` becomes a one-line message on standard
error and exit status 2; no traceback is ever shown.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
import typer.core

from milia.cli import assess, batch, ingredients, kb, photo, serve
from milia.cli.serve import single_threaded_maths
from milia.errors import MiliaError

__all__ = ["app", "main"]

app = typer.Typer(
    name="milia",
    help="Decision support for milia: learn, assess, check products, analyse photos, keep a diary.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for _module in (kb, assess, ingredients, photo, serve, batch):
    _module.register(app)

_typer_display_type = typer.core.TyperOption.display_type_rich


def _flag_has_no_value(self: typer.core.TyperOption, ctx: Any) -> str | None:
    """No value hint beside a flag: typer 0.29's help shows ``<bool>`` after
    ``--help``, ``--version`` and ``--leave-on/--rinse-off`` (QA F15B-08: a user who
    followed it typed ``--leave-on true`` and "true" was read as the list)."""
    if self.is_flag and self.metavar is None:
        return None
    return _typer_display_type(self, ctx)


typer.core.TyperOption.display_type_rich = _flag_has_no_value  # type: ignore[method-assign]


def _show_version(value: bool) -> None:
    if value:
        from milia import __version__

        typer.echo(f"milia {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_show_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """milia supports decisions; it never diagnoses."""


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; map :class:`MiliaError` to exit status 2.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the process's own).

    Raises
    ------
    SystemExit
        2 after printing a :class:`MiliaError` (its field and message) to standard
        error; 130 on Ctrl-C; otherwise the command's own status.
    """
    # one BLAS/OpenMP thread (a value the user set is kept): the engine's matrices are
    # small, and OpenBLAS's spinning pool cost `milia assess` on 20,000 cases ~45 % more
    # CPU and ~40 % more wall time on a 2-core machine (engine-batch, session 14)
    single_threaded_maths()
    try:
        app(args=argv, prog_name="milia")
    except MiliaError as err:
        where = f" (field: {err.field})" if err.field else ""
        # str(err) is the message with its suggestion ("... Did you mean 'color'?")
        sys.stderr.write(f"error{where}: {str(err).rstrip()}\n")
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
