"""Errors raised by geoevent.

Exception tree::

    GeoeventError                 base of everything geoevent raises on purpose
    ├── InputError                unreadable or malformed input (names the file or document)
    │   └── TokenTableError       a token table that breaks the contract in geoevent.tokens
    ├── DictionaryError           a malformed dictionary entry (file, line, reason)
    ├── UnknownCodeError          a CAMEO code that is not in the codebook (also a KeyError)
    └── ParserUnavailableError    a parser backend whose package or models are missing
"""

from __future__ import annotations

__all__ = [
    "DictionaryError",
    "GeoeventError",
    "InputError",
    "ParserUnavailableError",
    "TokenTableError",
    "UnknownCodeError",
]


class GeoeventError(Exception):
    """Base class of every error geoevent raises on purpose."""


class InputError(GeoeventError, ValueError):
    """Input that cannot be read or coded; the message names the file or document."""


class TokenTableError(InputError):
    """A token table that does not follow the contract of :mod:`geoevent.tokens`."""


class DictionaryError(GeoeventError, ValueError):
    """A malformed dictionary entry; the message gives file, line and reason."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class UnknownCodeError(GeoeventError, KeyError):
    """A CAMEO event code that is not in the codebook."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the message readable
        return str(self.args[0]) if self.args else "unknown CAMEO code"


class ParserUnavailableError(GeoeventError, RuntimeError):
    """A parser backend that cannot run here (package or model files missing)."""
