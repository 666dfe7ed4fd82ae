"""Coding on Dask: ``pip install 'geoevent[dask]'``.

``geoevent.dask.code(ddf, text="text", id="id", date="date")`` codes a Dask DataFrame of
documents partition by partition (``map_partitions``, with the empty events table as ``meta``)
and returns a lazy Dask DataFrame of events with the columns of :data:`geoevent.EVENT_SCHEMA`.
Each worker process loads the parser model and the dictionaries once and reuses them for every
partition it codes. The events of a partition are exactly those ``geoevent.code_frame`` gives for
it; document ids must be unique across partitions.

For the CLI on a cluster, ``geoevent code --dask tcp://scheduler:8786 ...`` sends the same
chunks the local run codes to the cluster's workers and writes the same file or dataset
(docs/scale.md).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from geoevent.errors import InputError
from geoevent.rules import CodingRules

__all__ = ["code", "code_partition"]


def code_partition(
    part: pd.DataFrame,
    *,
    text: str,
    id: str | None,
    date: str | None,
    parser: str,
    rules_json: str,
    dictionary_files: tuple[str, ...],
) -> pd.DataFrame:
    """Code one partition of documents (a pandas DataFrame) into its events table."""
    from geoevent import api
    from geoevent.batch import _dictionaries

    if len(part) == 0:
        from geoevent.coder import empty_events

        return empty_events()
    events = api.code_frame(
        part,
        text_col=text,
        id_col=id,
        date_col=date,
        parser=parser,
        dictionaries=_dictionaries(dictionary_files),
        rules=CodingRules.from_json(rules_json),
    )
    events.attrs = {}
    return events


def code(
    ddf: Any,
    *,
    text: str = "text",
    id: str | None = None,
    date: str | None = None,
    parser: str = "embedded",
    rules: CodingRules | None = None,
    dictionary_files: tuple[str, ...] | list[str] = (),
) -> Any:
    """Events of a Dask DataFrame of documents, as a lazy Dask DataFrame (one row per event).

    ``text``, ``id`` (default: the index) and ``date`` name the columns; ``rules`` are the
    coding rules (:class:`geoevent.CodingRules`); ``dictionary_files`` are your own dictionary
    files, loaded on each worker (give paths every worker can read).
    """
    try:
        import dask.dataframe as dd
    except ImportError:
        raise InputError("geoevent.dask needs dask: pip install 'geoevent[dask]'") from None
    from geoevent.coder import empty_events

    if not isinstance(ddf, dd.DataFrame):
        raise InputError(f"expected a dask.dataframe.DataFrame, got {type(ddf).__name__}")
    for col in (text, id, date):
        if col is not None and col not in ddf.columns:
            raise InputError(f"no column {col!r} in the Dask DataFrame (columns: {', '.join(map(str, ddf.columns))})")
    rules = rules if rules is not None else CodingRules()
    if not isinstance(rules, CodingRules):
        raise InputError(f"rules must be a geoevent.CodingRules, got {type(rules).__name__}")
    meta = empty_events()
    meta.attrs = {}
    return ddf.map_partitions(
        code_partition,
        text=text,
        id=id,
        date=date,
        parser=parser,
        rules_json=rules.to_json(),
        dictionary_files=tuple(dictionary_files),
        meta=meta,
        enforce_metadata=False,
        align_dataframes=False,
    )
