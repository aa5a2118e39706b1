"""milia.cli."""
