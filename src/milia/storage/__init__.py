"""milia.storage."""
