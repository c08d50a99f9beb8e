"""Rebuilding Trust: the course's exercises, widgets, answer store and tools.

The notebook helpers load on first use, so the `trust-course` command starts without the widgets.
"""

__all__ = ["check", "overview", "progress", "show"]


def __getattr__(name: str):
    if name in __all__:
        from . import cells

        return getattr(cells, name)
    raise AttributeError(f"module 'trust_course' has no attribute '{name}'")
