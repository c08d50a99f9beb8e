"""Rebuilding Trust: the course's exercises, widgets, answer store and tools."""
from .cells import check, progress, show

__all__ = ["check", "progress", "show"]
