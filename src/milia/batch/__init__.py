"""milia.batch."""
