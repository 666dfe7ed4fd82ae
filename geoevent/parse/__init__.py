"""Parse stage: text -> token table, through one contract for every backend.

Backends: ``embedded`` (ours, the default, no downloads) and ``stanza`` (when its models are
installed). A CoNLL-U reader (:func:`geoevent.parse.conllu.read_conllu`) lets corpora parsed
elsewhere skip parsing altogether.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import pandas as pd

from geoevent.clean import clean_texts
from geoevent.errors import InputError, ParserUnavailableError
from geoevent.parse.tokenize import check_line_breaks

__all__ = ["PARSERS", "Parser", "available_parsers", "get_parser", "parse"]

#: Names accepted by ``parser=`` and ``--parser``.
PARSERS: tuple[str, ...] = ("embedded", "stanza")


class Parser(Protocol):
    """What a parser backend provides."""

    name: str

    def parse(
        self, texts: Sequence[str], *, doc_ids: Sequence[str] | None = None, line_breaks: str = "auto"
    ) -> pd.DataFrame: ...


def get_parser(name: str = "embedded", **options: Any) -> Parser:
    """The parser backend called ``name`` (built once per process and options)."""
    if name == "embedded":
        if options:
            raise InputError(f"the embedded parser takes no options, got {', '.join(options)}")
        from geoevent.parse.embedded import get_parser as embedded

        return embedded()
    if name == "stanza":
        from geoevent.parse.stanza_backend import StanzaParser

        return StanzaParser(**options)
    raise InputError(f"unknown parser {name!r}; choose one of: {', '.join(PARSERS)}")


def parse(
    texts: str | Sequence[str],
    *,
    doc_ids: Sequence[str] | None = None,
    parser: str = "embedded",
    line_breaks: str = "auto",
) -> pd.DataFrame:
    """Parse one text or many into a token table (see :mod:`geoevent.tokens`).

    ``line_breaks`` ("auto", "sentence" or "space") says what a line break means
    (:func:`geoevent.parse.tokenize.segments`). Surrogate code points in texts and ids are
    replaced by U+FFFD (:mod:`geoevent.clean`).
    """
    check_line_breaks(line_breaks)
    if isinstance(texts, str):
        texts = [texts]
    texts = clean_texts(list(texts))
    if doc_ids is None:
        doc_ids = [str(i) for i in range(len(texts))]
    if len(doc_ids) != len(texts):
        raise InputError(f"{len(texts)} texts but {len(doc_ids)} doc ids")
    doc_ids = clean_texts([str(d) for d in doc_ids])
    return get_parser(parser).parse(texts, doc_ids=doc_ids, line_breaks=line_breaks)


def available_parsers() -> list[dict[str, Any]]:
    """Which parsers are usable here: name, usable (bool), detail (where models live or why not)."""
    out: list[dict[str, Any]] = []
    try:
        from geoevent.parse import embedded

        where = embedded.describe() if hasattr(embedded, "describe") else {}
        embedded.get_parser()
        out.append({"name": "embedded", "usable": True, "detail": str(where.get("model_dir", "package data"))})
    except (ImportError, ParserUnavailableError) as exc:
        out.append({"name": "embedded", "usable": False, "detail": str(exc)})
    try:
        from geoevent.parse import stanza_backend

        info = stanza_backend.describe()
        usable = bool(info.get("usable", info.get("stanza_importable", False) and info.get("models_found")))
        out.append({"name": "stanza", "usable": usable, "detail": info})
    except ImportError as exc:
        out.append({"name": "stanza", "usable": False, "detail": str(exc)})
    return out
