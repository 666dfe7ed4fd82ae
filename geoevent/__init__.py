"""geoevent: CAMEO-coded geopolitical events from news text — who did what to whom, when.

Quick start::

    import geoevent
    events = geoevent.code("Russia launched a missile attack on Ukraine.", date="2024-11-17")
    df = geoevent.code_frame(articles, text_col="text", id_col="id", date_col="date")
    geoevent.explain(df, 0)                 # why the first event was coded
    df.geoevent.plot_timeline()             # the accessor; matplotlib from geoevent[plot]
    geoevent.export_events(df, "events.tsv", format="gdelt")
"""

from __future__ import annotations

from geoevent import accessor as _accessor  # noqa: F401 - registers DataFrame.geoevent
from geoevent.api import code, code_frame, read_events, write_events
from geoevent.codebook import CODEBOOK_VERSION, load_codebook, lookup
from geoevent.coder import MissingDateWarning, code_documents, code_tokens, deduplicate, deduplicate_story
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
from geoevent.explain import Explanation, explain
from geoevent.export import EXPORT_FORMATS, export_events, read_export, to_layout
from geoevent.model import Actor, Event
from geoevent.parse import available_parsers, parse
from geoevent.parse.conllu import read_conllu
from geoevent.plot import plot_dyads, plot_timeline
from geoevent.rules import CodingRules
from geoevent.schema import EVENT_SCHEMA
from geoevent.tokens import TOKEN_COLUMNS

__version__ = "0.1.0"  # the one place: pyproject.toml reads it (tool.setuptools.dynamic)

__all__ = [
    "CODEBOOK_VERSION",
    "EVENT_SCHEMA",
    "EXPORT_FORMATS",
    "TOKEN_COLUMNS",
    "Actor",
    "CodingRules",
    "Dictionaries",
    "DictionaryError",
    "Event",
    "Explanation",
    "GeoeventError",
    "InputError",
    "InvalidTypeError",
    "InvalidValueError",
    "MissingDateWarning",
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
    "deduplicate",
    "deduplicate_story",
    "explain",
    "export_events",
    "load_codebook",
    "lookup",
    "parse",
    "plot_dyads",
    "plot_timeline",
    "read_conllu",
    "read_events",
    "read_export",
    "to_layout",
    "write_events",
]
