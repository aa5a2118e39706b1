"""milia.ingredients."""
