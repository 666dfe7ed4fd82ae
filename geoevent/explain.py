"""Why an event was coded: its sentence with source, verb, target (and location) marked, and the
dictionary rows and resolutions behind each part (:func:`explain`, ``Event._repr_html_``)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pandas as pd

from geoevent.errors import InputError
from geoevent.model import Event, Span, _isna, _relative
from geoevent.schema import LOCATION_COLUMNS

__all__ = ["Explanation", "explain"]


_COLOURS = {"source": "#cfe3ff", "verb": "#ffe08a", "target": "#ffc8c8", "location": "#cdf2cd"}


@attrs.frozen
class Part:
    """One highlighted part of the sentence and where it came from."""

    role: str  #: "source", "verb", "target" or "location"
    code: str  #: actor code, event code, or location name
    text: str
    span: Span | None  #: relative to the sentence; None when it cannot be placed
    entry_id: str | None  #: the dictionary row ("verbs.tsv:117")
    entry: str | None  #: that row's content, when the dictionaries hold it
    resolution: str | None  #: how an actor was found ("dictionary", "context-country", ...)


@attrs.frozen
class Explanation:
    """An event with the evidence for it; shows as text (``str``) or HTML in a notebook.

    Examples
    --------
    >>> import geoevent
    >>> why = geoevent.explain(geoevent.code("Russia attacked Ukraine.", date="2024-11-17"), 0)
    >>> [p.role for p in why.parts]
    ['source', 'verb', 'target']
    """

    event: Event
    parts: tuple[Part, ...]
    location: Mapping[str, Any] = attrs.field(factory=dict)

    def marked_sentence(self) -> str:
        """The sentence with each placed part in brackets: ``[Joe Biden]{source USAELI}``."""
        out, pos = [], 0
        text = self.event.sentence_text
        for p in _placed(self.parts):
            a, b = p.span  # type: ignore[misc]
            out.append(text[pos:a])
            out.append(f"[{text[a:b]}]{{{p.role} {p.code}}}")
            pos = b
        out.append(text[pos:])
        return "".join(out)

    def __str__(self) -> str:
        e = self.event
        lines = [
            f"{e.source.code} {e.label} ({e.code}) {e.target.code if e.target else '-'}"
            + (f" on {e.date.isoformat()}" if e.date else "")
            + f"   doc {e.doc_id!r}, sentence {e.sentence_idx}",
            "  " + self.marked_sentence(),
        ]
        for p in self.parts:
            where = f"[{p.span[0]}:{p.span[1]}]" if p.span else "(not placed)"
            why = "; ".join(x for x in (p.entry_id, p.entry, p.resolution) if x)
            lines.append(f"  {p.role:<8} {p.code:<9} {p.text!r} {where}  {why}".rstrip())
        if self.location:
            lines.append("  location " + ", ".join(f"{k}={v}" for k, v in self.location.items()))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        e = self.event
        head = (
            f"<b>{_h(e.source.code)}</b> {_h(e.label)} (<code>{_h(e.code)}</code>) "
            f"<b>{_h(e.target.code if e.target else '-')}</b>"
        )
        if e.quad_class is not None or e.goldstein is not None:
            head += f" &middot; quad {_h(e.quad_class)}, Goldstein {_h(e.goldstein)}"
        if e.date:
            head += f" &middot; {e.date.isoformat()}"
        rows = "".join(
            f"<tr><td style='background:{_COLOURS.get(p.role, '#eee')}'>{_h(p.role)}</td><td><code>{_h(p.code)}</code></td>"
            f"<td>{_h(p.text)}</td><td>{_h(f'{p.span[0]}:{p.span[1]}' if p.span else '')}</td>"
            f"<td><code>{_h(p.entry_id or '')}</code></td><td>{_h(p.entry or '')}</td><td>{_h(p.resolution or '')}</td></tr>"
            for p in self.parts
        )
        loc = ""
        if self.location:
            loc = "<p>location: " + ", ".join(f"{_h(k)}={_h(v)}" for k, v in self.location.items()) + "</p>"
        return (
            "<div class='geoevent-explain'>"
            f"<p>{head}<br><small>doc {_h(e.doc_id)}, sentence {e.sentence_idx}</small></p>"
            f"<p>{_marked_html(e.sentence_text, self.parts)}</p>"
            "<table><thead><tr><th>part</th><th>code</th><th>text</th><th>span</th><th>dictionary row</th>"
            f"<th>entry</th><th>resolution</th></tr></thead><tbody>{rows}</tbody></table>{loc}</div>"
        )


def _h(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _placed(parts: Sequence[Part]) -> list[Part]:
    """Parts with a span, in order, overlapping ones dropped (the earlier wins)."""
    out: list[Part] = []
    end = -1
    for p in sorted((p for p in parts if p.span is not None), key=lambda p: p.span):  # type: ignore[arg-type, return-value]
        if p.span[0] >= end:  # type: ignore[index]
            out.append(p)
            end = p.span[1]  # type: ignore[index]
    return out


def _marked_html(text: str, parts: Sequence[Part]) -> str:
    out, pos = [], 0
    for p in _placed(parts):
        a, b = p.span  # type: ignore[misc]
        out.append(_h(text[pos:a]))
        out.append(
            f"<mark style='background:{_COLOURS.get(p.role, '#eee')}' title='{_h(p.role)} {_h(p.code)}'>"
            f"{_h(text[a:b])}<sub>{_h(p.role)}</sub></mark>"
        )
        pos = b
    out.append(_h(text[pos:]))
    return "".join(out)


def _place(span: Span | None, text: str, e: Event) -> Span | None:
    """A span relative to the sentence: through ``sentence_start``, else by finding the words."""
    rel = _relative(span, e.sentence_start, len(e.sentence_text))
    if rel is not None or not text:
        return rel
    at = e.sentence_text.find(text)
    return (at, at + len(text)) if at >= 0 else None


_TABLE_COLUMNS = (
    ("verbs", ("verb", "particle", "object", "prep", "code")),
    ("actors", ("pattern", "code", "kind", "start_date", "end_date")),
)
#: id(dictionaries) -> (the dictionaries, [(table by entry_id, its columns shown)])
_ENTRY_CACHE: dict[int, tuple[Any, list[tuple[pd.DataFrame, tuple[str, ...]]]]] = {}


def _entry_text(dictionaries: Any, entry_id: str | None) -> str | None:
    """The content of dictionary row ``entry_id`` ("verb=authorize, code=081"), if known."""
    if not entry_id:
        return None
    if dictionaries is None:
        from geoevent.coder import default_dictionaries

        dictionaries = default_dictionaries()
    hit = _ENTRY_CACHE.get(id(dictionaries))
    if hit is None or hit[0] is not dictionaries:
        tables: list[tuple[pd.DataFrame, tuple[str, ...]]] = [
            (getattr(dictionaries, name).drop_duplicates("entry_id").set_index("entry_id"), cols)
            for name, cols in _TABLE_COLUMNS
        ]
        hit = (dictionaries, tables)
        _ENTRY_CACHE[id(dictionaries)] = hit
    for table, cols in hit[1]:
        if entry_id in table.index:
            row = table.loc[entry_id]
            return ", ".join(
                f"{c}={row[c].date() if isinstance(row[c], pd.Timestamp) else row[c]}"
                for c in cols
                if c in row.index and not _isna(row[c]) and row[c] != ""
            )
    return None


def _pick(events: Any, i: int | str) -> tuple[Event, Mapping[str, Any]]:
    if isinstance(events, pd.DataFrame):
        if isinstance(i, str):
            hits = events.index[events["event_id"] == i]
            if len(hits) == 0:
                raise InputError(f"no event with event_id {i!r}")
            row = events.loc[hits[0]]
        else:
            if not -len(events) <= i < len(events):
                raise InputError(f"event {i} is out of range: the table has {len(events)} event(s)")
            row = events.iloc[i]
        rec = row.to_dict()
        return Event.from_row(rec), rec
    if isinstance(events, Event):
        return events, {}
    seq = list(events)
    if isinstance(i, str):
        found = [e for e in seq if isinstance(e, Event) and e.event_id == i]
        if not found:
            raise InputError(f"no event with event_id {i!r}")
        return found[0], {}
    if not -len(seq) <= i < len(seq):
        raise InputError(f"event {i} is out of range: the list has {len(seq)} event(s)")
    if not isinstance(seq[i], Event):
        raise InputError(f"item {i} is a {type(seq[i]).__name__}, not a geoevent.Event")
    return seq[i], {}


def explain(
    events: Sequence[Event] | pd.DataFrame | Event, i: int | str = 0, *, dictionaries: Any = None
) -> Explanation:
    """Explain one event: its sentence with the parts marked and the dictionary rows behind them.

    Parameters
    ----------
    events : list of Event, events DataFrame, or one Event
        What :func:`geoevent.code` or :func:`geoevent.code_frame` returned.
    i : int or str, default 0
        The event's position (``iloc``), or its ``event_id``.
    dictionaries : Dictionaries, optional
        The dictionaries the events were coded with, to show each row's content (default: the
        built-in ones; rows they do not hold show by id only).

    Returns
    -------
    Explanation
        Prints as text; shows as HTML in a notebook. ``parts`` lists source, verb, target and,
        when the table has location columns, the location, with spans relative to the sentence.

    Examples
    --------
    >>> import geoevent
    >>> events = geoevent.code("Russia attacked Ukraine.", date="2024-11-17")
    >>> print(geoevent.explain(events, 0).marked_sentence())
    [Russia]{source RUS} [attacked]{verb 190} [Ukraine]{target UKR}.
    """
    e, row = _pick(events, i)
    parts = [
        Part(
            "source",
            e.source.code,
            e.source.text,
            _place(e.source.span, e.source.text, e),
            e.source.entry_id,
            _entry_text(dictionaries, e.source.entry_id),
            e.source.resolution,
        ),
        Part(
            "verb",
            e.code,
            e.verb_text,
            _place(e.verb_span, e.verb_text, e),
            e.pattern_id or None,
            _entry_text(dictionaries, e.pattern_id),
            None,
        ),
    ]
    if e.target is not None:
        parts.append(
            Part(
                "target",
                e.target.code,
                e.target.text,
                _place(e.target.span, e.target.text, e),
                e.target.entry_id,
                _entry_text(dictionaries, e.target.entry_id),
                e.target.resolution,
            )
        )
    location = {c: row[c] for c in LOCATION_COLUMNS if c in row and not _isna(row[c])}
    if location:
        name = str(location.get("location_name", ""))
        span = None
        s, t = row.get("location_start"), row.get("location_end")
        if s is not None and t is not None and not _isna(s) and int(s) >= 0:
            span = (int(s), int(t))
        parts.append(
            Part(
                "location",
                name or str(location.get("location_id", "")),
                name,
                _place(span, name, e),
                _str(location.get("location_id")),
                None,
                None,
            )
        )
    return Explanation(e, tuple(parts), location)


def _str(value: Any) -> str | None:
    return None if value is None or _isna(value) else str(value)


def event_html(event: Event) -> str:
    """The HTML an Event shows in a notebook: its explanation (``Event._repr_html_``)."""
    return explain(event)._repr_html_()
