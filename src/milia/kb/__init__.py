"""milia.kb."""
