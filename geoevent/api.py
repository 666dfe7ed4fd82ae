"""The notebook-facing API: code one text, or a pandas DataFrame of documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from geoevent.clean import clean_text, clean_texts
from geoevent.coder import code_documents
from geoevent.dictionaries.tables import Dictionaries
from geoevent.errors import InputError
from geoevent.model import Event
from geoevent.rules import CodingRules

__all__ = ["code", "code_frame", "read_events", "write_events"]


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
    """Code one text into events.

    Parameters
    ----------
    text : str
        The text (an article, a paragraph, a sentence).
    date : date or str, optional
        The article's date (a date, or ISO text such as ``"2024-11-17"`` or
        ``"2024-11-17T10:00:00Z"``): picks each person's role and fills the events' date. Without
        it people take their latest role, with a :class:`geoevent.MissingDateWarning`.
    doc_id : str, default "text"
        The document id the events carry.
    parser : {"embedded", "stanza"}, default "embedded"
        The parser backend (``"stanza"`` needs ``geoevent[stanza]``).
    dictionaries : Dictionaries, optional
        Default: the built-in dictionaries.
    rules : CodingRules, optional
        Which coding conventions apply (default ``CodingRules()``).
    line_breaks : {"auto", "sentence", "space"}, default "auto"
        What a line break means (:func:`geoevent.parse.tokenize.segments`). Surrogate code
        points in texts and ids become U+FFFD (:mod:`geoevent.clean`).

    Returns
    -------
    list of Event
        In text order; in Jupyter each shows as a table with its sentence marked.

    Examples
    --------
    >>> import geoevent
    >>> events = geoevent.code("Russia launched a large-scale missile assault on Ukraine.", date="2024-11-17")
    >>> [(e.source.code, e.code, e.target.code) for e in events]
    [('RUS', '195', 'UKR')]
    """
    if not isinstance(text, str):
        raise InputError(f"text must be str, got {type(text).__name__}")
    docs = pd.DataFrame({"doc_id": [clean_text(str(doc_id))], "text": [clean_text(text)], "date": [date]})
    problems: list[tuple[str, Exception]] = []
    events = code_documents(
        docs,
        parser=parser,
        dictionaries=dictionaries,
        rules=rules,
        line_breaks=line_breaks,
        on_problem=lambda d, e: problems.append((d, e)),
    )
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
    """Code a DataFrame of documents; one row per event (also ``df.geoevent.code()``).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per document.
    text_col : str, default "text"
        The column holding the texts.
    id_col : str, optional
        The column of document ids (default: the index).
    date_col : str, optional
        The column of document dates (dates, Timestamps or ISO text); documents without one are
        coded with one :class:`geoevent.MissingDateWarning` per call.
    parser : {"embedded", "stanza"}, default "embedded"
        The parser backend.
    dictionaries : Dictionaries, optional
        Default: the built-in dictionaries.
    rules : CodingRules, optional
        Which coding conventions apply (recorded in ``attrs["coding_rules"]`` and, by
        :func:`write_events`, in the file).
    progress : bool, default False
        A progress bar (``tqdm.auto``: it shows in Jupyter too).
    line_breaks : {"auto", "sentence", "space"}, default "auto"
        What a line break means (:func:`geoevent.parse.tokenize.segments`). Surrogate code
        points in texts and ids become U+FFFD (:mod:`geoevent.clean`).
    jobs : int or None, default 1
        Worker processes that share the documents (None: the cores available); the result is
        the same as with ``jobs=1``.
    keep : list of str, optional
        More columns of ``df`` ("url", "source", "title") copied into each document's events,
        after the columns of the events table.

    Returns
    -------
    pandas.DataFrame
        The events table (:data:`geoevent.EVENT_SCHEMA`; text as ``string[pyarrow]``,
        ``event_date`` as Arrow date32). Documents that failed are skipped with a warning and
        listed in ``attrs["problems"]``.

    Examples
    --------
    >>> import geoevent, pandas as pd
    >>> articles = pd.DataFrame({"id": ["a1"], "date": ["2024-11-17"],
    ...                          "text": ["North Korea has deployed troops to aid Russia."]})
    >>> df = geoevent.code_frame(articles, id_col="id", date_col="date")
    >>> df[["doc_id", "source_code", "event_code", "target_code"]].values.tolist()[0]
    ['a1', 'PRK', '154', 'RUS']
    >>> df["event_date"].dt.year.tolist()[0]
    2024
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
        return code_documents(
            docs,
            parser=parser,
            dictionaries=dictionaries,
            rules=rules,
            progress=progress,
            line_breaks=line_breaks,
            keep=keep,
        )
    return _code_frame_parallel(
        docs, jobs, progress, parser=parser, dictionaries=dictionaries, rules=rules, line_breaks=line_breaks, keep=keep
    )


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


def write_events(events: pd.DataFrame, path: str | Path, *, rules: CodingRules | None = None) -> Path:
    """Write an events table to Parquet (exactly :data:`geoevent.EVENT_SCHEMA`), atomically.

    The file's metadata is filled in: geoevent and codebook versions, the parser, the
    dictionary fingerprint and the coding rules (``"coding_rules"``, JSON), taken from
    ``events.attrs`` as :func:`code_frame` sets them, or from ``rules``.

    Parameters
    ----------
    events : pandas.DataFrame
        An events table, as :func:`code_frame` returns it.
    path : str or Path
        The Parquet file to write (its folder must exist).
    rules : CodingRules, optional
        The coding rules to record, when ``events.attrs`` does not carry them.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import geoevent, tempfile, pathlib
    >>> events = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine."]}))
    >>> path = geoevent.write_events(events, pathlib.Path(tempfile.mkdtemp()) / "events.parquet")
    >>> geoevent.read_events(path).attrs["metadata"]["coding_rules"].startswith("{")
    True
    """
    from geoevent.io import write_events as _write

    return _write(events, path, rules=rules)


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events file written by :func:`write_events` or ``geoevent code``.

    Parameters
    ----------
    path : str or Path
        A Parquet events file.

    Returns
    -------
    pandas.DataFrame
        The events table with the coder's dtypes; the file's metadata in
        ``attrs["metadata"]`` and the coding rules (JSON) in ``attrs["coding_rules"]``.

    Examples
    --------
    >>> import geoevent
    >>> events = geoevent.read_events("events.parquet")  # doctest: +SKIP
    >>> geoevent.CodingRules.from_json(events.attrs["coding_rules"])  # doctest: +SKIP
    """
    from geoevent.io import read_events as _read

    return _read(path)[0]
