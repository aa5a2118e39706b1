"""milia.api."""
