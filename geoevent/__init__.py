"""geoevent: CAMEO-coded geopolitical events from news text — who did what to whom, when.

Quick start::

    import geoevent
    events = geoevent.code("Russia launched a missile attack on Ukraine.", date="2024-11-17")
    df = geoevent.code_frame(articles, text_col="text", id_col="id", date_col="date")
"""

from __future__ import annotations

from geoevent.api import code, code_frame
from geoevent.codebook import CODEBOOK_VERSION, load_codebook, lookup
from geoevent.coder import code_documents, code_tokens
from geoevent.dictionaries.tables import Dictionaries
from geoevent.errors import (
    DictionaryError,
    GeoeventError,
    InputError,
    InvalidTypeError,
    InvalidValueError,
    ParserUnavailableError,
    SchemaError,
    TokenTableError,
    UnknownCodeError,
)
from geoevent.model import Actor, Event
from geoevent.parse import available_parsers, parse
from geoevent.parse.conllu import read_conllu
from geoevent.rules import CodingRules
from geoevent.schema import EVENT_SCHEMA
from geoevent.tokens import TOKEN_COLUMNS

__version__ = "0.1.0"  # the one place: pyproject.toml reads it (tool.setuptools.dynamic)

__all__ = [
    "CODEBOOK_VERSION",
    "EVENT_SCHEMA",
    "TOKEN_COLUMNS",
    "Actor",
    "CodingRules",
    "Dictionaries",
    "DictionaryError",
    "Event",
    "GeoeventError",
    "InputError",
    "InvalidTypeError",
    "InvalidValueError",
    "ParserUnavailableError",
    "SchemaError",
    "TokenTableError",
    "UnknownCodeError",
    "__version__",
    "available_parsers",
    "code",
    "code_documents",
    "code_frame",
    "code_tokens",
    "load_codebook",
    "lookup",
    "parse",
    "read_conllu",
]
