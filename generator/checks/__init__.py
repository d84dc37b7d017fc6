"""Checks of the built site before it is published: no holder's personal data in any file."""
