"""reader: read Arabic news articles in a terminal."""

__version__ = "0.1.0"
