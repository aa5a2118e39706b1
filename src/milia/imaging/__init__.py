"""milia.imaging."""
