"""CLI commands for milia.ingredients (registered by :mod:`milia.cli.main`)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root milia app."""
