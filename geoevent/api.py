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
    jobs: int | None = 1,
    keep: list[str] | tuple[str, ...] = (),
) -> pd.DataFrame:
    """Code a DataFrame of documents; one row per event (columns of ``EVENT_SCHEMA``, then the
    columns of ``df`` named in ``keep``: article metadata such as "url", "source", "title").

    ``id_col`` defaults to the index; ``date_col`` is optional. Documents that fail are skipped
    with a warning and listed in ``result.attrs["problems"]``. ``rules``
    (:class:`geoevent.CodingRules`) says which coding conventions apply; ``line_breaks``
    ("auto", "sentence", "space") what a line break means
    (:func:`geoevent.parse.tokenize.segments`). Surrogate code points in texts and ids become
    U+FFFD (:mod:`geoevent.clean`). ``jobs`` worker
    processes (None: the cores available) share the documents; the result is the same as with
    ``jobs=1``. ``progress`` shows a tqdm.auto bar (terminal or Jupyter).
    """
    keep = [k for k in keep if k not in ("doc_id", "text", "date")]
    for col in (text_col, id_col, date_col, *keep):
        if col is not None and col not in df.columns:
            raise InputError(f"no column {col!r} in the DataFrame (columns: {', '.join(map(str, df.columns))})")
    ids: Any = df[id_col] if id_col is not None else df.index
    docs = pd.DataFrame(
        {
            "doc_id": clean_texts([str(i) for i in ids]),
            "text": clean_texts(df[text_col].tolist()),
            **{k: df[k].tolist() for k in keep},
            "date": df[date_col].tolist() if date_col is not None else [None] * len(df),
        }
    )
    if docs["doc_id"].duplicated().any():
        dup = docs.loc[docs["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise InputError(f"document id {dup!r} appears more than once")
    if jobs is None:
        from geoevent.batch import default_jobs

        jobs = default_jobs()
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise InputError(f"jobs must be a whole number >= 1 or None, got {jobs!r}")
    if jobs == 1 or len(docs) <= _BATCH_DOCS:
        return code_documents(docs, parser=parser, dictionaries=dictionaries, rules=rules, progress=progress,
                              line_breaks=line_breaks, keep=keep)
    return _code_frame_parallel(docs, jobs, progress, parser=parser, dictionaries=dictionaries, rules=rules,
                                line_breaks=line_breaks, keep=keep)


_BATCH_DOCS = 256  # code_documents' batch: slices are multiples of it, so batches are the same as with jobs=1


def _code_frame_parallel(docs: pd.DataFrame, jobs: int, progress: bool, **options: Any) -> pd.DataFrame:
    import warnings

    from geoevent import coder
    from geoevent.batch import code_frame_chunk, ordered_map

    per = max(1, -(-len(docs) // (_BATCH_DOCS * jobs * 4))) * _BATCH_DOCS
    slices = [docs.iloc[lo : lo + per].reset_index(drop=True) for lo in range(0, len(docs), per)]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(docs), unit="doc", desc="coding", disable=None)
    parts: list[pd.DataFrame] = []
    problems: list[tuple[str, str]] = []
    sentences = 0
    try:
        for size, part in zip((len(x) for x in slices), ordered_map(code_frame_chunk, slices, options, jobs=jobs)):
            parts.append(part)
            problems.extend(part.attrs.get("problems", []))
            sentences += int(part.attrs.get("sentences", 0) or 0)
            if bar is not None:
                bar.update(size)
    finally:
        if bar is not None:
            bar.close()
    for doc_id, message in problems:
        warnings.warn(f"document {doc_id!r} skipped: {message}", stacklevel=3)
    out = coder._finish(pd.concat(parts, ignore_index=True)) if parts else coder.empty_events()
    out.attrs["problems"] = problems
    out.attrs["sentences"] = sentences
    return out
