"""The attrs types: valid values build, invalid ones are rejected, rows round-trip."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoevent.model import Actor, Event
from tests import strategies as s


@given(s.actors())
def test_valid_actors_build_and_are_frozen(actor):
    assert actor.code.startswith(actor.country)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        actor.code = "XXX"  # type: ignore[misc]


@given(s.bad_country)
def test_bad_country_codes_are_rejected(value):
    with pytest.raises(ValueError, match="country"):
        Actor(code="USA", country=value)


@given(s.bad_event_code)
def test_bad_event_codes_are_rejected(value):
    with pytest.raises((ValueError, TypeError)):
        Event(source=Actor("USA"), target=None, code=value, root_code="01", label="x", quad_class=1, goldstein=0.0)


@given(st.floats().filter(lambda g: not -10 <= g <= 10) | st.just(float("nan")))
def test_goldstein_outside_the_scale_is_rejected(g):
    with pytest.raises(ValueError, match="goldstein"):
        Event(source=Actor("USA"), target=None, code="190", root_code="19", label="fight", quad_class=4, goldstein=g)


def test_root_must_be_the_root_of_the_code():
    with pytest.raises(ValueError, match="root"):
        Event(source=Actor("USA"), target=None, code="190", root_code="18", label="x", quad_class=4, goldstein=-10)


@pytest.mark.parametrize("span", [(5, 2), (-1, 3), (1, 2, 3), ("a", 1)])
def test_bad_spans_are_rejected(span):
    with pytest.raises(ValueError, match="span"):
        Actor("USA", span=span)


def test_slots_mean_no_new_attributes():
    a = Actor("USA")
    with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
        a.extra = 1  # type: ignore[attr-defined]


@given(s.events())
def test_event_round_trips_through_an_events_table_row(event):
    row = {
        "source_code": event.source.code,
        "source_country": event.source.country,
        "source_agent": event.source.agent,
        "source_text": event.source.text,
        "source_start": event.source.span[0] if event.source.span else -1,
        "source_end": event.source.span[1] if event.source.span else -1,
        "target_code": event.target.code if event.target else None,
        "target_country": event.target.country if event.target else None,
        "target_agent": event.target.agent if event.target else None,
        "target_text": event.target.text if event.target else None,
        "target_start": event.target.span[0] if event.target and event.target.span else -1,
        "target_end": event.target.span[1] if event.target and event.target.span else -1,
        "event_code": event.code,
        "event_root_code": event.root_code,
        "label": event.label,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "event_date": event.date,
        "doc_id": event.doc_id,
        "sentence_idx": event.sentence_idx,
        "verb_start": event.verb_span[0] if event.verb_span else -1,
        "verb_end": event.verb_span[1] if event.verb_span else -1,
    }
    back = Event.from_row(row)
    assert back.source.code == event.source.code and back.source.span == event.source.span
    assert (back.target is None) == (event.target is None)
    if event.target is not None:
        assert back.target.code == event.target.code and back.target.span == event.target.span
    assert (back.code, back.root_code, back.quad_class, back.date) == (
        event.code,
        event.root_code,
        event.quad_class,
        event.date,
    )
    assert back.goldstein == pytest.approx(event.goldstein)
    assert back.evidence["verb"] == event.verb_span
