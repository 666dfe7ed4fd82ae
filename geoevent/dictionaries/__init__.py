"""Dictionaries: actors (with date-bounded roles), agents, verb patterns and discards.

Built-in files live in ``geoevent/data/dictionaries`` (format: docs/dictionaries.md); users add
or override entries with files of their own, and PETRARCH-format dictionaries load too.
"""

from __future__ import annotations

from geoevent.dictionaries.tables import Dictionaries

__all__ = ["Dictionaries", "check_file", "load_builtin", "load_files", "load_petrarch"]


def __getattr__(name: str):  # lazy: loaders import pandas-heavy modules only when used
    if name in ("load_builtin", "load_files", "check_file", "actors_on"):
        from geoevent.dictionaries import builtin

        return getattr(builtin, name)
    if name == "load_petrarch":
        from geoevent.dictionaries.petrarch import load_petrarch

        return load_petrarch
    raise AttributeError(name)
