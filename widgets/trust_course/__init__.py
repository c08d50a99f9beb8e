"""Rebuilding Trust: the course's exercises, widgets, answer store and tools."""
from .cells import check, overview, progress, show

__all__ = ["check", "overview", "progress", "show"]
