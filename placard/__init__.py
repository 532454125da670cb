"""Placard: a static site generator for human-rights campaign sites."""

__version__ = "0.1.0"
