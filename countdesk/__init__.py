"""countdesk: the count desk for UK local elections."""

__version__ = "0.1.0"
