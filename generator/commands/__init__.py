"""Subcommands of `skills-site` that are registered from their own modules."""
