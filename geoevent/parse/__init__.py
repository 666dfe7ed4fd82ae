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

    Parameters
    ----------
    texts : str or sequence of str
        The documents.
    doc_ids : sequence of str, optional
        One id per text (default ``"0"``, ``"1"``, ...).
    parser : {"embedded", "stanza"}, default "embedded"
        The backend; ``"stanza"`` needs the extra ``geoevent[stanza]`` and its models.
    line_breaks : {"auto", "sentence", "space"}, default "auto"
        What a line break means (:func:`geoevent.parse.tokenize.segments`). Surrogate code
        points in texts and ids become U+FFFD (:mod:`geoevent.clean`).

    Returns
    -------
    pandas.DataFrame
        One row per syntactic word: doc_id, sent_idx, tok_idx, text, lemma, upos, head, deprel,
        character offsets...

    Examples
    --------
    >>> import geoevent
    >>> tokens = geoevent.parse("Russia attacked Ukraine.")
    >>> tokens[["text", "upos", "deprel"]].values.tolist()[:2]
    [['Russia', 'PROPN', 'nsubj'], ['attacked', 'VERB', 'root']]
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
    """Which parser backends are usable here.

    Returns
    -------
    list of dict
        One dict per backend: ``name``, ``usable`` (bool) and ``detail`` (where its models live,
        or what is missing and how to install it).

    Examples
    --------
    >>> import geoevent
    >>> [p["name"] for p in geoevent.available_parsers()]
    ['embedded', 'stanza']
    >>> geoevent.available_parsers()[0]["usable"]
    True
    """
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
