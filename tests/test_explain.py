"""Notebook display: Event's repr and HTML, geoevent.explain, sentence_start, the accessor."""

from __future__ import annotations

import pandas as pd
import pytest

import geoevent
from geoevent.errors import InputError
from geoevent.model import Actor, Event
from geoevent.rules import CodingRules
from tests.helpers import sentence
from tests.oracle import code_tokens_baseline
from tests.seed_events import seed_events

TWO = "President Joe Biden has authorized Ukraine to strike Russia. Later, Russia attacked Ukraine."


def test_spans_minus_sentence_start_index_the_sentence_text() -> None:
    ev = seed_events()
    assert (ev["sentence_idx"] > 0).any() and (ev["sentence_start"] > 0).any()
    for r in ev.to_dict("records"):
        s0, text = r["sentence_start"], r["sentence_text"]
        assert text[r["source_start"] - s0 : r["source_end"] - s0] == r["source_text"]
        if r["target_start"] >= 0:  # an implicit target (the source's own country) has no span
            assert text[r["target_start"] - s0 : r["target_end"] - s0] == r["target_text"]
        assert r["verb_text"].startswith(text[r["verb_start"] - s0 : r["verb_end"] - s0].split()[0])
    e = Event.from_row(ev.iloc[-1].to_dict())
    a, b = e.sentence_spans["source"]
    assert e.sentence_text[a:b] == e.source.text


def test_baseline_fills_sentence_start_as_the_coder(small_dicts) -> None:
    first = sentence(
        "Biden/Biden/PROPN/2/nsubj condemned/condemn/VERB/0/root Russia/Russia/PROPN/2/obj ././PUNCT/2/punct",
        doc_id="d",
        sent_idx=0,
    )
    second = sentence(
        "Russia/Russia/PROPN/2/nsubj attacked/attack/VERB/0/root Ukraine/Ukraine/PROPN/2/obj ././PUNCT/2/punct",
        doc_id="d",
        sent_idx=1,
    )
    shift = int(first["end_char"].max()) + 1
    second = second.assign(start_char=second["start_char"] + shift, end_char=second["end_char"] + shift)
    tokens = pd.concat([first, second], ignore_index=True)
    rules = CodingRules().core()
    fast = geoevent.code_tokens(tokens, dictionaries=small_dicts, dates={"d": "2024-11-17"}, rules=rules)
    slow = code_tokens_baseline(tokens, dictionaries=small_dicts, dates={"d": "2024-11-17"}, rules=rules)
    assert fast["sentence_start"].tolist() == [0, shift]
    pd.testing.assert_frame_equal(fast, slow)


def test_repr_is_several_short_lines_and_html_marks_the_parts() -> None:
    events = geoevent.code(TWO, date="2024-11-17")
    e = events[1]
    lines = repr(e).splitlines()
    assert len(lines) >= 5 and max(map(len, lines)) <= 140
    assert lines[0].startswith("Event 190") and "RUS" in lines[1] and "UKR" in lines[3]
    html = e._repr_html_()
    assert "<mark" in html and ">Russia<sub>source</sub></mark>" in html and ">Ukraine<sub>target</sub></mark>" in html
    assert "actors_countries.tsv:" in html and "verbs.tsv:" in html


def test_html_escapes_the_text() -> None:
    e = Event(
        source=Actor("RUS", country="RUS", text="<b>Russia</b>", span=(0, 13)),
        target=None,
        code="190",
        root_code="19",
        label="fight",
        quad_class=4,
        goldstein=-10,
        sentence_text="<b>Russia</b> & co attacked.",
        sentence_start=0,
    )
    html = e._repr_html_()
    assert "<b>Russia" not in html and "&lt;b&gt;Russia&lt;/b&gt;" in html and "&amp; co" in html


def test_explain_a_list_and_a_frame_alike() -> None:
    events = geoevent.code(TWO, date="2024-11-17")
    frame = geoevent.code_frame(pd.DataFrame({"text": [TWO], "date": ["2024-11-17"]}), date_col="date")
    a, b = geoevent.explain(events, 1), geoevent.explain(frame, 1)
    assert (
        a.marked_sentence()
        == b.marked_sentence()
        == "Later, [Russia]{source RUS} [attacked]{verb 190} [Ukraine]{target UKR}."
    )
    assert [(p.role, p.code, p.span) for p in a.parts] == [
        ("source", "RUS", (7, 13)),
        ("verb", "190", (14, 22)),
        ("target", "UKR", (23, 30)),
    ]
    verb = a.parts[1]
    assert verb.entry_id == frame["pattern_id"].iloc[1] and "code=190" in (verb.entry or "")
    src = a.parts[0]
    assert src.entry_id == frame["source_entry_id"].iloc[1] and src.resolution == frame["source_resolution"].iloc[1]
    by_id = geoevent.explain(frame, frame["event_id"].iloc[1])
    assert by_id.marked_sentence() == a.marked_sentence()
    assert "[Russia]{source RUS}" in str(a) and "<mark" in a._repr_html_()
    with pytest.raises(InputError, match="out of range"):
        geoevent.explain(events, 5)
    with pytest.raises(InputError, match="no event with event_id"):
        geoevent.explain(frame, "nope")


def test_explain_shows_the_location_when_the_table_has_it() -> None:
    frame = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine in Kyiv."]}))
    # the coder locates this event (Kyiv); without the location columns filled, no location part
    frame = frame.assign(
        location_name=None,
        location_country=None,
        location_admin1=None,
        latitude=float("nan"),
        longitude=float("nan"),
        location_id=None,
        location_start=-1,
        location_end=-1,
    )
    plain = geoevent.explain(frame, 0)
    assert [p.role for p in plain.parts] == ["source", "verb", "target"] and not plain.location
    placed = frame.assign(location_name="Kyiv", location_country="UKR", latitude=50.45, longitude=30.52)
    why = geoevent.explain(placed, 0)
    assert why.parts[-1].role == "location" and why.parts[-1].span == (27, 31)
    assert why.location == {"location_name": "Kyiv", "location_country": "UKR", "latitude": 50.45, "longitude": 30.52}
    assert "{location Kyiv}" in why.marked_sentence() and "latitude=50.45" in str(why)


def test_the_accessor_codes_explains_and_writes(tmp_path) -> None:
    docs = pd.DataFrame(
        {
            "doc": ["a1", "a2"],
            "published": ["2024-11-17T10:00:00Z", "2024-11-18"],
            "body": ["North Korea has deployed troops to aid Russia.", "Russia attacked Ukraine."],
        }
    )
    events = docs.geoevent.code(text="body", date="published", id="doc")
    direct = geoevent.code_frame(docs, text_col="body", date_col="published", id_col="doc")
    pd.testing.assert_frame_equal(events, direct)
    assert events.geoevent.explain(0).marked_sentence() == geoevent.explain(direct, 0).marked_sentence()
    path = events.geoevent.write(tmp_path / "e.parquet")
    back = geoevent.read_events(path)
    pd.testing.assert_frame_equal(back, events)
    assert CodingRules.from_json(back.attrs["coding_rules"]) == CodingRules()
    assert back.attrs["metadata"]["dictionary_fingerprint"] == events.attrs["dictionary_fingerprint"]


def test_write_events_records_the_rules_it_is_given(tmp_path) -> None:
    events = seed_events()
    events.attrs.clear()  # a table that lost its attrs
    rules = CodingRules.petrarch()
    md = geoevent.read_events(geoevent.write_events(events, tmp_path / "e.parquet", rules=rules)).attrs["metadata"]
    assert CodingRules.from_json(md["coding_rules"]) == rules
    md = geoevent.read_events(geoevent.write_events(events, tmp_path / "f.parquet")).attrs["metadata"]
    assert md["coding_rules"] == "unknown" and md["parser"] == "embedded"
    coded = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine."]}), rules=rules)
    assert CodingRules.from_json(coded.attrs["coding_rules"]) == rules


def test_nulls_are_nulls_and_one_string_dtype() -> None:
    ev = seed_events()
    import pyarrow as pa

    text = [f.name for f in geoevent.EVENT_SCHEMA if pa.types.is_string(f.type)]
    assert {str(ev[c].dtype) for c in text} == {"string"}
    assert ev["source_agent"].isna().any() and not (ev["source_agent"] == "").any()
    assert ev["event_date"].dt.year.tolist() == [2024] * len(ev)
