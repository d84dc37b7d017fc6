"""Generator of the Jilin vocational skill level certification pilot site."""

__version__ = "0.1.0"
