"""Errors raised by geoevent.

Every error geoevent raises on purpose is a :class:`GeoeventError`; each also derives from the
builtin exception a caller would expect (``ValueError``, ``TypeError``, ``KeyError``,
``RuntimeError``), so ``except ValueError`` keeps working. The command line reports any of them
as one line and exits with status 2.

Exception tree::

    GeoeventError                  base of everything geoevent raises on purpose
    ├── InputError                 unreadable or malformed input: a file, document, date or option
    │   │                          (also a ValueError; the message names the file or document)
    │   └── TokenTableError        a token table that breaks the contract in geoevent.tokens
    ├── SchemaError                an events table or metadata that does not fit EVENT_SCHEMA
    │                              (also a ValueError; write_events, events_to_arrow)
    ├── InvalidValueError          a value outside its contract: an Actor or Event field, a CAMEO
    │                              root code, an option such as null_rule (also a ValueError)
    ├── InvalidTypeError           an argument of the wrong type, e.g. lookup(42) (also a TypeError)
    ├── DictionaryError            a malformed dictionary entry: file, line, reason (also a ValueError)
    ├── UnknownCodeError           a CAMEO code that is not in the codebook (also a KeyError)
    └── ParserUnavailableError     a parser backend whose package or models are missing
                                   (also a RuntimeError)
"""

from __future__ import annotations

__all__ = [
    "DictionaryError",
    "GeoeventError",
    "InputError",
    "InvalidTypeError",
    "InvalidValueError",
    "ParserUnavailableError",
    "SchemaError",
    "TokenTableError",
    "UnknownCodeError",
]


class GeoeventError(Exception):
    """Base class of every error geoevent raises on purpose."""


class InputError(GeoeventError, ValueError):
    """Input that cannot be read or coded; the message names the file or document."""


class TokenTableError(InputError):
    """A token table that does not follow the contract of :mod:`geoevent.tokens`."""


class SchemaError(GeoeventError, ValueError):
    """An events table or its metadata that does not fit :data:`geoevent.EVENT_SCHEMA`."""


class InvalidValueError(GeoeventError, ValueError):
    """A value outside its contract (an Actor or Event field, a root code, an option)."""


class InvalidTypeError(GeoeventError, TypeError):
    """An argument of the wrong type (a CAMEO code that is not a string, ...)."""


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
