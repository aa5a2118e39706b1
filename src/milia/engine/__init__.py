"""milia.engine."""
