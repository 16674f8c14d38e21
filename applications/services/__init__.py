"""Writes, one module per area and one function per action (see README.md)."""
