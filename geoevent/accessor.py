"""The pandas accessor ``df.geoevent``: code a table of documents, explain, plot and export an
events table, in a notebook's own idiom (registered when geoevent is imported)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["GeoeventAccessor"]


@pd.api.extensions.register_dataframe_accessor("geoevent")
class GeoeventAccessor:
    """``docs.geoevent.code(text="text", date="date")`` on documents;
    ``events.geoevent.explain(i)``, ``.plot_timeline()``, ``.plot_dyads()``, ``.export(path, format=...)``
    and ``.write(path)`` on an events table.

    Examples
    --------
    >>> import geoevent, pandas as pd
    >>> docs = pd.DataFrame({"id": ["a1"], "date": ["2024-11-17"], "text": ["Russia attacked Ukraine."]})
    >>> events = docs.geoevent.code(text="text", date="date", id="id")
    >>> events[["doc_id", "source_code", "event_code", "target_code"]].iloc[0].tolist()
    ['a1', 'RUS', '190', 'UKR']
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self._df = frame

    def code(
        self, *, text: str = "text", date: str | None = None, id: str | None = None, **options: Any
    ) -> pd.DataFrame:
        """Code this table of documents: :func:`geoevent.code_frame` with ``text``, ``date`` and
        ``id`` naming the columns (``id`` defaults to the index); other options pass through
        (``parser``, ``dictionaries``, ``rules``, ``progress``)."""
        from geoevent.api import code_frame

        return code_frame(self._df, text_col=text, date_col=date, id_col=id, **options)

    def explain(self, i: int | str = 0, **options: Any) -> Any:
        """:func:`geoevent.explain` of event ``i`` (position or event_id) of this events table."""
        from geoevent.explain import explain

        return explain(self._df, i, **options)

    def plot_timeline(self, **options: Any) -> Any:
        """:func:`geoevent.plot_timeline` of this events table."""
        from geoevent.plot import plot_timeline

        return plot_timeline(self._df, **options)

    def plot_dyads(self, **options: Any) -> Any:
        """:func:`geoevent.plot_dyads` of this events table."""
        from geoevent.plot import plot_dyads

        return plot_dyads(self._df, **options)

    def export(self, path: str | Path, *, format: str, **options: Any) -> Path:
        """:func:`geoevent.export_events` of this events table."""
        from geoevent.export import export_events

        return export_events(self._df, path, format=format, **options)

    def to_layout(self, format: str) -> pd.DataFrame:
        """:func:`geoevent.to_layout` of this events table."""
        from geoevent.export import to_layout

        return to_layout(self._df, format)

    def write(self, path: str | Path, **options: Any) -> Path:
        """:func:`geoevent.write_events` of this events table."""
        from geoevent.api import write_events

        return write_events(self._df, path, **options)
