"""``python -m milia`` runs the CLI."""

from milia.cli.main import main

main()
