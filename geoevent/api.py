"""The notebook-facing API: code one text, or a pandas DataFrame of documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from geoevent.clean import clean_text, clean_texts
from geoevent.coder import code_documents
from geoevent.dictionaries.tables import Dictionaries
from geoevent.errors import InputError
from geoevent.model import Event
from geoevent.rules import CodingRules

__all__ = ["code", "code_frame"]


def code(
    text: str,
    *,
    date: dt.date | str | None = None,
    doc_id: str = "text",
    parser: str = "embedded",
    dictionaries: Dictionaries | None = None,
    rules: CodingRules | None = None,
    line_breaks: str = "auto",
) -> list[Event]:
    """Code one text into events. ``date`` (the article's date) picks each person's role;
    ``rules`` (:class:`geoevent.CodingRules`) says which coding conventions apply;
    ``line_breaks`` ("auto", "sentence", "space") what a line break means
    (:func:`geoevent.parse.tokenize.segments`). Surrogate code points become U+FFFD."""
    if not isinstance(text, str):
        raise InputError(f"text must be str, got {type(text).__name__}")
    docs = pd.DataFrame({"doc_id": [clean_text(str(doc_id))], "text": [clean_text(text)], "date": [date]})
    problems: list[tuple[str, Exception]] = []
    events = code_documents(docs, parser=parser, dictionaries=dictionaries, rules=rules, line_breaks=line_breaks,
                            on_problem=lambda d, e: problems.append((d, e)))
    if problems:
        raise problems[0][1]
    return [Event.from_row(row) for row in events.to_dict("records")]


def code_frame(
    df: pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    date_col: str | None = None,
    parser: str = "embedded",
    dictionaries: Dictionaries | None = None,
    rules: CodingRules | None = None,
    progress: bool = False,
    line_breaks: str = "auto",
) -> pd.DataFrame:
    """Code a DataFrame of documents; one row per event (columns of ``EVENT_SCHEMA``).

    ``id_col`` defaults to the index; ``date_col`` is optional. Documents that fail are skipped
    with a warning and listed in ``result.attrs["problems"]``. ``rules``
    (:class:`geoevent.CodingRules`) says which coding conventions apply; ``line_breaks``
    ("auto", "sentence", "space") what a line break means
    (:func:`geoevent.parse.tokenize.segments`). Surrogate code points in texts and ids become
    U+FFFD (:mod:`geoevent.clean`).
    """
    for col in (text_col, id_col, date_col):
        if col is not None and col not in df.columns:
            raise InputError(f"no column {col!r} in the DataFrame (columns: {', '.join(map(str, df.columns))})")
    ids: Any = df[id_col] if id_col is not None else df.index
    docs = pd.DataFrame(
        {
            "doc_id": clean_texts([str(i) for i in ids]),
            "text": clean_texts(df[text_col].tolist()),
            "date": df[date_col].tolist() if date_col is not None else [None] * len(df),
        }
    )
    if docs["doc_id"].duplicated().any():
        dup = docs.loc[docs["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise InputError(f"document id {dup!r} appears more than once")
    return code_documents(docs, parser=parser, dictionaries=dictionaries, rules=rules, progress=progress,
                          line_breaks=line_breaks)
