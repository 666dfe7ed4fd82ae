"""Typed views of coded events: :class:`Actor` and :class:`Event` (frozen, slotted, validated).

The events table (:data:`geoevent.schema.EVENT_SCHEMA`) is the primary form; these classes are
views of its rows for the single-text API and notebooks (:meth:`Event.from_row`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

import attrs

from geoevent.errors import InvalidValueError

__all__ = ["Actor", "Event", "Span"]

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_AGENT = re.compile(r"^[A-Z]{3}$")
# "---" is the unknown country of an agent nothing locates ("---COP")
_ACTOR_CODE = re.compile(r"^(?:[A-Z0-9]{3}|---)(?:[A-Z0-9]{3})*$")
_EVENT_CODE = re.compile(r"^\d{2,4}$")  # CAMEO, or a code a user's dictionary defines ("212")
_ROOT_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)$")

Span = tuple[int, int]


def _check_span(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is None:
        return
    if (
        not isinstance(value, tuple)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or value[0] < 0
        or value[1] < value[0]
    ):
        raise InvalidValueError(
            f"{attribute.name} must be a (start, end) pair of offsets with 0 <= start <= end, got {value!r}"
        )


def _match(pattern: re.Pattern[str], what: str, *, optional: bool = False):
    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if optional and (value is None or value == ""):
            return
        if not isinstance(value, str) or not pattern.match(value):
            raise InvalidValueError(f"{attribute.name} must be {what}, got {value!r}")

    return check


def _none_if_empty(value: Any) -> Any:
    return None if value == "" else value


@attrs.frozen(slots=True)
class Actor:
    """A coded actor mention: ``code`` such as "USAGOV", its country and agent, the words and span.

    Examples
    --------
    >>> from geoevent import Actor
    >>> Actor("USAGOV", country="USA", agent="GOV", text="Joe Biden", span=(10, 19)).agent
    'GOV'
    """

    code: str = attrs.field(validator=_match(_ACTOR_CODE, "an actor code of 3-letter groups, e.g. 'USAGOV'"))
    country: str | None = attrs.field(
        default=None,
        converter=_none_if_empty,
        validator=_match(_COUNTRY, "a 3-letter country code or 'IGO'", optional=True),
    )
    agent: str | None = attrs.field(
        default=None,
        converter=_none_if_empty,
        validator=_match(_AGENT, "a 3-letter agent code such as 'GOV'", optional=True),
    )
    text: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    span: Span | None = attrs.field(default=None, validator=_check_span)
    #: how the actor was found: "dictionary", "context-country", "unknown-country", "coreference",
    #: "unnamed-agent" (the unnamed agent of a passive act of violence: no text, no span)
    resolution: str | None = attrs.field(default=None, converter=_none_if_empty)
    #: the dictionary row that named it ("actors_people.tsv:10")
    entry_id: str | None = attrs.field(default=None, converter=_none_if_empty)


@attrs.frozen(slots=True, repr=False)
class Event:
    """One coded event: who (source) did what (code) to whom (target), when, and the evidence.

    A code outside the CAMEO codebook (one a user's dictionary defines, such as PETRARCH's test
    code "212") has no ``root_code``, ``quad_class`` or ``goldstein``: they are None.
    ``repr`` is a few short lines; in Jupyter an Event shows as HTML, its sentence marked
    (:func:`geoevent.explain`).

    Examples
    --------
    >>> import geoevent
    >>> e = geoevent.code("Later, Russia attacked Ukraine.", date="2024-11-17")[0]
    >>> (e.source.code, e.code, e.target.code, e.sentence_spans["source"])
    ('RUS', '190', 'UKR', (7, 13))
    >>> print(repr(e).splitlines()[0])
    Event 190 attack (quad 4, Goldstein -10.0) on 2024-11-17
    """

    source: Actor = attrs.field(validator=attrs.validators.instance_of(Actor))
    target: Actor | None = attrs.field(validator=attrs.validators.optional(attrs.validators.instance_of(Actor)))
    code: str = attrs.field(validator=_match(_EVENT_CODE, "an event code of 2-4 digits such as '042'"))
    root_code: str | None = attrs.field(validator=_match(_ROOT_CODE, "a 2-digit CAMEO root code", optional=True))
    label: str = attrs.field(validator=attrs.validators.instance_of(str))
    quad_class: int | None = attrs.field(validator=attrs.validators.optional(attrs.validators.in_((1, 2, 3, 4))))
    goldstein: float | None = attrs.field(converter=attrs.converters.optional(float))
    date: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    doc_id: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    sentence_idx: int = attrs.field(default=0, validator=[attrs.validators.instance_of(int), attrs.validators.ge(0)])
    sentence_text: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    #: offset of the sentence in the document (-1 when unknown): spans minus this index sentence_text
    sentence_start: int = attrs.field(default=-1, validator=attrs.validators.instance_of(int))
    verb_text: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    verb_span: Span | None = attrs.field(default=None, validator=_check_span)
    pattern_id: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    event_id: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    parser: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    @goldstein.validator
    def _check_goldstein(self, attribute: attrs.Attribute, value: float | None) -> None:
        if value is None:
            return
        if math.isnan(value) or not -10.0 <= value <= 10.0:
            raise InvalidValueError(f"goldstein must be within [-10, 10], got {value!r}")

    @root_code.validator
    def _check_root(self, attribute: attrs.Attribute, value: str | None) -> None:
        if value is not None and not self.code.startswith(value):
            raise InvalidValueError(f"root_code {value!r} is not the root of code {self.code!r}")

    @property
    def evidence(self) -> dict[str, Span | None]:
        """Character spans of source, verb and target in the document text."""
        return {
            "source": self.source.span,
            "verb": self.verb_span,
            "target": self.target.span if self.target else None,
        }

    @property
    def sentence_spans(self) -> dict[str, Span | None]:
        """The evidence spans relative to ``sentence_text`` (None where unknown or outside it)."""
        return {k: _relative(v, self.sentence_start, len(self.sentence_text)) for k, v in self.evidence.items()}

    def __repr__(self) -> str:
        return "\n".join(_repr_lines(self))

    def _repr_html_(self) -> str:
        from geoevent.explain import event_html

        return event_html(self)

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> Event:  # pandas rows have Hashable keys
        """Build an Event from one row of the events table (a dict or a pandas row)."""

        def span(prefix: str) -> Span | None:
            s, e = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
            if s is None or e is None or _isna(s) or int(s) < 0:
                return None
            return (int(s), int(e))

        def actor(prefix: str) -> Actor | None:
            code = row.get(f"{prefix}_code")
            if code is None or _isna(code) or code == "":
                return None
            return Actor(
                code=str(code),
                country=_str_or_none(row.get(f"{prefix}_country")),
                agent=_str_or_none(row.get(f"{prefix}_agent")),
                text=_str_or_none(row.get(f"{prefix}_text")) or "",
                span=span(prefix),
                resolution=_str_or_none(row.get(f"{prefix}_resolution")),
                entry_id=_str_or_none(row.get(f"{prefix}_entry_id")),
            )

        source = actor("source")
        if source is None:
            raise InvalidValueError("an event row needs a source_code")
        date = row.get("event_date")
        if date is not None and _isna(date):
            date = None
        if isinstance(date, dt.datetime):
            date = date.date()
        elif date is not None and hasattr(date, "date") and not isinstance(date, dt.date):
            date = date.date()
        return cls(
            source=source,
            target=actor("target"),
            code=str(row["event_code"]),
            root_code=_str_or_none(row.get("event_root_code")),
            label=_str_or_none(row.get("label")) or "",
            quad_class=None if _isna(row.get("quad_class")) else int(row["quad_class"]),
            goldstein=None if _isna(row.get("goldstein")) else float(row["goldstein"]),
            date=date,
            doc_id=_str_or_none(row.get("doc_id")) or "",
            sentence_idx=0 if _isna(row.get("sentence_idx")) else int(row.get("sentence_idx", 0)),
            sentence_text=_str_or_none(row.get("sentence_text")) or "",
            sentence_start=-1 if _isna(row.get("sentence_start")) else int(row.get("sentence_start", -1)),
            verb_text=_str_or_none(row.get("verb_text")) or "",
            verb_span=span("verb"),
            pattern_id=_str_or_none(row.get("pattern_id")) or "",
            event_id=_str_or_none(row.get("event_id")) or "",
            parser=_str_or_none(row.get("parser")) or "",
        )


def _isna(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):  # pandas.NA cannot be compared
        return type(value).__name__ == "NAType"


def _str_or_none(value: Any) -> str | None:
    if value is None or _isna(value):
        return None
    s = str(value)
    return s or None


def _relative(span: Span | None, offset: int, length: int) -> Span | None:
    if span is None or offset < 0:
        return None
    a, b = span[0] - offset, span[1] - offset
    return (a, b) if 0 <= a <= b <= length else None


def _fmt_span(span: Span | None) -> str:
    return f"[{span[0]}:{span[1]}]" if span is not None else ""


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _repr_lines(e: Event) -> list[str]:
    score = []
    if e.quad_class is not None:
        score.append(f"quad {e.quad_class}")
    if e.goldstein is not None:
        score.append(f"Goldstein {e.goldstein:+.1f}")
    head = f"Event {e.code} {e.label}" + (f" ({', '.join(score)})" if score else "")
    if e.date is not None:
        head += f" on {e.date.isoformat()}"
    lines = [head]

    def actor_line(role: str, a: Actor | None) -> str:
        if a is None:
            return f"  {role:<7}-"
        bits = [f"{a.code:<9}", repr(_clip(a.text, 40)) if a.text else "", _fmt_span(a.span)]
        why = " ".join(x for x in (a.entry_id or "", f"({a.resolution})" if a.resolution else "") if x)
        return f"  {role:<7}" + "  ".join(x for x in bits + [why] if x)

    lines.append(actor_line("source", e.source))
    verb = "  ".join(x for x in (repr(e.verb_text) if e.verb_text else "", _fmt_span(e.verb_span), e.pattern_id) if x)
    lines.append(f"  {'verb':<7}{verb or '-'}")
    lines.append(actor_line("target", e.target))
    where = f"doc {e.doc_id!r}, sentence {e.sentence_idx}" if e.doc_id else f"sentence {e.sentence_idx}"
    if e.sentence_text:
        where += f": {_clip(e.sentence_text, 100)!r}"
    lines.append(f"  {where}")
    return lines
