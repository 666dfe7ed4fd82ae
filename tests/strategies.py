"""Hypothesis strategies shared across test files: geoevent's types (Actor, Event) and parsed
sentences (:func:`token_tables`)."""

from __future__ import annotations

import string

import pandas as pd
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


bad_country = st.text(max_size=5).filter(
    lambda s: not (len(s) == 3 and s.isascii() and s.isupper() and s.isalpha()) and s != ""
)
bad_event_code = st.text(max_size=5).filter(lambda s: not (s.isascii() and s.isdigit() and 2 <= len(s) <= 4))


# --------------------------------------------------------------------------------------------
# parsed sentences: token tables with valid trees over words of tests.helpers.small_dictionaries

#: (form, lemma, UPOS): actor, agent and verb words of the test dictionaries, and function words
WORDS = [
    ("Russia", "Russia", "PROPN"),
    ("Ukraine", "Ukraine", "PROPN"),
    ("Iran", "Iran", "PROPN"),
    ("North", "North", "PROPN"),
    ("Korea", "Korea", "PROPN"),
    ("Japan", "Japan", "PROPN"),
    ("Biden", "Biden", "PROPN"),
    ("Zelenskyy", "Zelenskyy", "PROPN"),
    ("Sumy", "Sumy", "PROPN"),
    ("Russian", "Russian", "ADJ"),
    ("Iranian", "Iranian", "ADJ"),
    ("troops", "troops", "NOUN"),
    ("military", "military", "NOUN"),
    ("official", "official", "NOUN"),
    ("minister", "minister", "NOUN"),
    ("attack", "attack", "NOUN"),
    ("talks", "talks", "NOUN"),
    ("assault", "assault", "NOUN"),
    ("authorized", "authorize", "VERB"),
    ("struck", "strike", "VERB"),
    ("condemned", "condemn", "VERB"),
    ("supplied", "supply", "VERB"),
    ("launched", "launch", "VERB"),
    ("attacked", "attack", "VERB"),
    ("deployed", "deploy", "VERB"),
    ("held", "hold", "VERB"),
    ("urged", "urge", "VERB"),
    ("hit", "hit", "VERB"),
    ("shot", "shoot", "VERB"),
    ("warned", "warn", "VERB"),
    ("down", "down", "ADP"),
    ("on", "on", "ADP"),
    ("with", "with", "ADP"),
    ("by", "by", "ADP"),
    ("in", "in", "ADP"),
    ("of", "of", "ADP"),
    ("to", "to", "PART"),
    ("not", "not", "PART"),
    ("the", "the", "DET"),
    ("and", "and", "CCONJ"),
    ("could", "could", "AUX"),
    ("will", "will", "AUX"),
    ("was", "be", "AUX"),
    ("it", "it", "PRON"),
    ("said", "say", "VERB"),
    (".", ".", "PUNCT"),
]
#: UD v2 relations the coding rules look at, and a few they ignore
RELATIONS = [
    "nsubj",
    "nsubj:pass",
    "obj",
    "iobj",
    "obl",
    "obl:agent",
    "nmod",
    "nmod:poss",
    "amod",
    "compound",
    "flat",
    "det",
    "case",
    "conj",
    "cc",
    "xcomp",
    "ccomp",
    "advcl",
    "acl",
    "acl:relcl",
    "mark",
    "aux",
    "aux:pass",
    "advmod",
    "compound:prt",
    "appos",
    "punct",
]


@st.composite
def parsed_sentence(draw, max_words: int = 8) -> list[tuple[str, str, str, int, str]]:
    """One sentence: (form, lemma, upos, head, deprel) per word, heads forming one tree rooted at 0."""
    n = draw(st.integers(1, max_words))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
    order = draw(st.permutations(range(n)))  # order[0] is the root; each later word hangs on an earlier one
    heads = [0] * n
    rels = ["root"] * n
    for k in range(1, n):
        heads[order[k]] = order[draw(st.integers(0, k - 1))] + 1
        rels[order[k]] = draw(st.sampled_from(RELATIONS))
    return [(f, lemma, u, h, r) for (f, lemma, u), h, r in zip(words, heads, rels)]


@st.composite
def token_tables(draw, max_sentences: int = 4, max_words: int = 8) -> pd.DataFrame:
    """A token table of 1..max_sentences parsed sentences in one or two documents."""
    from geoevent.tokens import make_token_table

    sents = draw(st.lists(parsed_sentence(max_words), min_size=1, max_size=max_sentences))
    split = draw(st.integers(0, len(sents)))  # sentences before it are document "a", the rest "b"
    cols: dict[str, list] = {
        k: []
        for k in ("doc_id", "sent_idx", "tok_idx", "text", "lemma", "upos", "head", "deprel", "start_char", "end_char")
    }
    pos = {"a": 0, "b": 0}
    for i, sent in enumerate(sents):
        doc = "a" if i < split else "b"
        for t, (form, lemma, upos, head, rel) in enumerate(sent, start=1):
            for key, value in (
                ("doc_id", doc),
                ("sent_idx", i if doc == "a" else i - split),
                ("tok_idx", t),
                ("text", form),
                ("lemma", lemma),
                ("upos", upos),
                ("head", head),
                ("deprel", rel),
                ("start_char", pos[doc]),
                ("end_char", pos[doc] + len(form)),
            ):
                cols[key].append(value)
            pos[doc] += len(form) + 1
    return make_token_table(cols)
