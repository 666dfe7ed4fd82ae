"""Hypothesis strategies for geoevent's types, shared across test files."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from geoevent.model import Actor, Event

countries = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3)
agents = st.sampled_from(["GOV", "MIL", "REB", "OPP", "JUD", "COP", "BUS", "MED", "CVL", "ELI"])
roots = st.integers(min_value=1, max_value=20).map(lambda r: f"{r:02d}")
event_codes = st.tuples(roots, st.text(alphabet=string.digits, min_size=0, max_size=2)).map(lambda t: t[0] + t[1])
spans = st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(lambda t: (t[0], t[0] + t[1]))


@st.composite
def actors(draw) -> Actor:
    country = draw(countries)
    agent = draw(st.none() | agents)
    return Actor(
        code=country + (agent or ""),
        country=country,
        agent=agent,
        text=draw(st.text(max_size=30)),
        span=draw(st.none() | spans),
    )


@st.composite
def events(draw) -> Event:
    code = draw(event_codes)
    root = code[:2]
    quad = 1 if root <= "05" else 2 if root <= "08" else 3 if root <= "13" else 4
    return Event(
        source=draw(actors()),
        target=draw(st.none() | actors()),
        code=code,
        root_code=root,
        label=draw(st.sampled_from(["authorize", "strike", "deploy", "condemn", "meet"])),
        quad_class=quad,
        goldstein=draw(st.floats(min_value=-10, max_value=10, allow_nan=False)),
        date=draw(st.none() | st.dates()),
        doc_id=draw(st.text(max_size=20)),
        sentence_idx=draw(st.integers(0, 10_000)),
        verb_span=draw(st.none() | spans),
    )


bad_country = st.text(max_size=5).filter(lambda s: not (len(s) == 3 and s.isascii() and s.isupper() and s.isalpha()) and s != "")
bad_event_code = st.text(max_size=5).filter(lambda s: not (s.isascii() and s.isdigit() and 2 <= len(s) <= 4))
