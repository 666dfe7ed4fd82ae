"""Match stage: actor and agent mentions over a token table, vectorized.

Input is a token table (see :mod:`geoevent.tokens`) prepared by :func:`prepare`, which adds the
global row number ``gid``, the row number of each word's head ``head`` (-1 for the root) and
normalised forms.
:func:`match_actors` finds the longest dictionary names in each sentence ("north korea",
"joe biden", "the kremlin"), picks the role valid on each document's date, and
:func:`resolve_actors` gives every nominal word the actor it denotes: its own name, or a country
named by its modifiers with the agent its head noun names ("Russian troops" -> RUS + MIL,
"Ukraine's military" -> UKR + MIL, "U.S. official" -> USA + GOV).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

# the rules' word classes, shared with the per-sentence oracle (tests/oracle.py)
from geoevent._shared import MODIFIER_RELS as _MODIFIER_RELS
from geoevent._shared import NMOD_CASES as _NMOD_CASES
from geoevent._shared import TITLE_RELS as _TITLE_RELS
from geoevent.dictionaries.tables import Dictionaries
from geoevent.errors import InvalidValueError, TokenTableError
from geoevent.parse.tokenize import split_hyphens
from geoevent.rules import CodingRules
from geoevent.tokens import sentence_starts

# Cat and Words are the stages' internal tables (imported by geoevent.extract), not public API
__all__ = [
    "ACTOR_FIELDS",
    "UNKNOWN_COUNTRY",
    "actor_text",
    "discarded_sentences",
    "match_actors",
    "normalize_words",
    "prepare",
    "resolve_actors",
]

#: Per-word actor fields :func:`resolve_actors` fills in (empty string / -1 when none).
ACTOR_FIELDS = ("actor_code", "actor_country", "actor_agent", "actor_start", "actor_end", "actor_entry")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_MAX_PATTERN_WORDS = 8


#: Upper-case abbreviations that lowercase into common words: "US" is the country, "us" the pronoun.
_ABBREVIATIONS = {"US": "u.s.", "UK": "u.k.", "USA": "u.s.a."}


def normalize_words(words: pd.Series) -> pd.Series:
    """Lowercase words and unify apostrophes, as dictionary patterns are written; "US" and "UK"
    (upper case only) become "u.s." and "u.k.", so they are not the pronoun "us"."""
    text = words.astype(str)
    text = text.where(~text.isin(list(_ABBREVIATIONS)), text.map(_ABBREVIATIONS))
    return text.str.translate(_APOSTROPHES).str.lower()


class Cat:
    """A column of strings as integer codes into its distinct values: fast equality and lookups."""

    __slots__ = ("_values", "codes", "uniques")

    def __init__(self, codes: np.ndarray, uniques: np.ndarray) -> None:
        self.codes = codes
        self.uniques = uniques
        self._values: np.ndarray | None = None

    @classmethod
    def of(cls, values: Any) -> Cat:
        codes, uniques = pd.factorize(np.asarray(values, dtype=object))
        return cls(codes.astype(np.int64), np.asarray(uniques, dtype=object))

    def map(self, func: Callable[[pd.Series], pd.Series]) -> Cat:
        """Apply a vectorized string function to the distinct values only."""
        mapped = func(pd.Series(self.uniques, dtype=object)).to_numpy(dtype=object)
        codes2, uniques2 = pd.factorize(mapped)
        codes = np.where(self.codes >= 0, np.asarray(codes2, dtype=np.int64)[self.codes], -1)
        return Cat(codes, np.asarray(uniques2, dtype=object))

    def lut(self, members: Any) -> np.ndarray:
        """Boolean table over the distinct values (plus a False slot for code -1)."""
        if isinstance(members, (set, frozenset)) and len(members) > len(self.uniques):
            # a large set (a phrase vocabulary) against a chunk's words: look the few words up in
            # the set rather than hash the whole set again on every call (same answer)
            hit = np.fromiter((u in members for u in self.uniques.tolist()), dtype=bool, count=len(self.uniques))
        else:
            hit = pd.Series(self.uniques, dtype=object).isin(list(members)).to_numpy()
        return np.r_[hit, False]

    def isin(self, members: Any) -> np.ndarray:
        return self.lut(members)[self.codes]

    def eq(self, value: str) -> np.ndarray:
        return self.isin((value,))

    def code_of(self, value: str) -> int:
        """The code of ``value``, or -2 (matches nothing) when absent."""
        idx = pd.Index(self.uniques).get_indexer([value])[0]
        return int(idx) if idx >= 0 else -2

    @property
    def values(self) -> np.ndarray:
        if self._values is None:
            self._values = np.r_[self.uniques, np.array([""], dtype=object)][self.codes]
        return self._values

    def __len__(self) -> int:
        return len(self.codes)


#: The keys of :class:`Words`, by the stage that adds them; a key not declared here is refused.
WORD_KEYS: dict[str, tuple[str, ...]] = {
    # gid, sid (sentence number over the table), head (head's gid, -1 for the root), tok, doc_id,
    # sent_idx, text, start, end (character offsets), rel, upos, norm, lemma (Cat), case_key,
    # mark_key (lemma code of the first case/mark dependent, -1 none), case, mark ("" none)
    "prepare": (
        "gid",
        "sid",
        "head",
        "tok",
        "doc_id",
        "sent_idx",
        "text",
        "start",
        "end",
        "rel",
        "upos",
        "norm",
        "lemma",
        "case_key",
        "mark_key",
        "case",
        "mark",
    ),
    "resolve_actors": (
        *ACTOR_FIELDS,
        "actor_kind",
        "actor_resolution",
        "actor_direct",
        "modifier_conj",
        "modifier_conj_head",
        "lone_agent",
    ),
    # geoevent.context: antecedent spans of resolved pronouns, places, quoted words, mentions
    "context": ("actor_ante_start", "actor_ante_end", "places", "_quoted", "_mentions"),
}
_WORD_KEYS = frozenset(key for keys in WORD_KEYS.values() for key in keys)


class Words(dict):
    """The prepared token table: numpy arrays and :class:`Cat` columns, one entry per word.

    Only the keys of :data:`WORD_KEYS` may be set ("prepare": by :func:`prepare`,
    "resolve_actors": by :func:`resolve_actors`, "context": by :mod:`geoevent.context`).
    """

    def __init__(self, **columns: Any) -> None:
        super().__init__()
        self.update(columns)

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in _WORD_KEYS:
            raise InvalidValueError(
                f"Words has no key {key!r}: declare it in geoevent.match.WORD_KEYS under the stage that adds it"
            )
        super().__setitem__(key, value)

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Set several keys, each checked as by ``w[key] = value``."""
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    @property
    def n(self) -> int:
        return len(self["gid"])


def prepare(tokens: pd.DataFrame) -> Words:
    """The token table as :class:`Words`, with global word numbers and normalised forms.

    ``tokens`` must follow the contract, sorted by sentence and tok_idx, with tok_idx running
    1..n within each sentence.
    """
    n = len(tokens)
    gid = np.arange(n, dtype=np.int64)
    tok = tokens["tok_idx"].to_numpy(np.int64)
    head = tokens["head"].to_numpy(np.int64)
    sent_idx = tokens["sent_idx"].to_numpy(np.int64)
    doc_id = tokens["doc_id"].to_numpy(dtype=object)
    sent_start = gid - (tok - 1)
    if n:
        new_sent = sentence_starts(doc_id, sent_idx)
        if not np.array_equal(new_sent, tok == 1):
            bad = int(np.flatnonzero(new_sent != (tok == 1))[0])
            raise TokenTableError(
                f"token table: words of document {doc_id[bad]!r} sentence "
                f"{sent_idx[bad]} are not numbered 1..n in order"
            )
        sid = np.cumsum(new_sent) - 1
    else:
        sid = np.zeros(0, dtype=np.int64)
    text = Cat.of(tokens["text"].to_numpy(dtype=object))
    norm = text.map(normalize_words)
    lemma = Cat.of(tokens["lemma"].to_numpy(dtype=object)).map(normalize_words)
    if "" in set(lemma.uniques.tolist()):  # an empty lemma falls back to the normalised word form
        lemma = Cat.of(np.where(lemma.values == "", norm.values, lemma.values))
    w = Words(
        gid=gid,
        sid=sid,
        head=np.where(head > 0, sent_start + head - 1, -1),
        tok=tok,
        doc_id=doc_id,
        sent_idx=sent_idx,
        text=text.values,
        start=tokens["start_char"].to_numpy(np.int64),
        end=tokens["end_char"].to_numpy(np.int64),
        rel=Cat.of(tokens["deprel"].to_numpy(dtype=object)),
        upos=Cat.of(tokens["upos"].to_numpy(dtype=object)),
        norm=norm,
        lemma=lemma,
    )
    w["case_key"] = _first_child_lemma(w, "case")
    w["mark_key"] = _first_child_lemma(w, "mark")
    values = np.r_[w["lemma"].uniques, np.array([""], dtype=object)]
    w["case"] = values[w["case_key"]]
    w["mark"] = values[w["mark_key"]]
    return w


#: (phrase -> dictionary pattern, the phrases, words of the phrases, longest phrase in words)
_PatternIndex = tuple[dict, frozenset, frozenset, int]
_pattern_cache: dict[int, tuple[pd.DataFrame, _PatternIndex]] = {}


def pattern_phrases(pattern: str) -> list[str]:
    """The word sequences a dictionary pattern matches: as written, and with its hyphenated words
    split as the tokenizer splits them ("guinea-bissau" and "guinea - bissau")."""
    split = " ".join(p for w in pattern.split(" ") for p in split_hyphens(w))
    return [pattern] if split == pattern else [pattern, split]


def _pattern_index(frame: pd.DataFrame, multi_word_only: bool = False) -> _PatternIndex:
    """Phrases of a dictionary table's patterns (see :func:`pattern_phrases`), mapped to their
    pattern, with their words and the longest phrase's length; computed once per table."""
    key = id(frame) * 2 + multi_word_only
    hit = _pattern_cache.get(key)
    if hit is None or hit[0] is not frame:
        phrases: dict[str, str] = {}
        for p in frame["pattern"].tolist():
            for phrase in pattern_phrases(p):
                if not multi_word_only or " " in phrase:
                    phrases.setdefault(phrase, p)
        vocab = frozenset(w for p in phrases for w in p.split(" "))
        max_len = max((p.count(" ") + 1 for p in phrases), default=0)
        if len(_pattern_cache) > 16:
            _pattern_cache.clear()
        hit = (frame, (phrases, frozenset(phrases), vocab, max_len))
        _pattern_cache[key] = hit
    return hit[1]


def vocabulary_runs(in_vocab: np.ndarray, sid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Words that are in a phrase vocabulary, and per such word the length of the run of
    vocabulary words it starts, cut at the end of its sentence (``sid``)."""
    n = len(in_vocab)
    idx = np.arange(n)
    # next position that breaks a run: a word outside the vocabulary or a sentence boundary
    brk = np.where(in_vocab, n, idx)
    next_break = np.minimum.accumulate(brk[::-1])[::-1]
    sent_end = np.r_[np.flatnonzero(sid[1:] != sid[:-1]), n - 1]
    cand_all = np.flatnonzero(in_vocab)
    run = np.minimum(next_break[cand_all], sent_end[np.searchsorted(sent_end, cand_all)] + 1) - cand_all
    return cand_all, run


def _find_spans(
    norm: Cat, sid: np.ndarray, index: _PatternIndex, max_len: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Longest, leftmost non-overlapping matches of the phrases of ``index`` within sentences.

    Returns arrays (start_gid, length, dictionary pattern). Only runs of words that occur in some
    phrase are examined, so the cost is proportional to the dictionary words present in the text.
    """
    pattern_of_phrase, patterns, vocab, _ = index
    n = len(norm)
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))
    if n == 0 or not patterns:
        return none
    in_vocab = norm.isin(vocab)
    if not in_vocab.any():
        return none
    cand_all, run = vocabulary_runs(in_vocab, sid)
    words = norm.values
    covered = np.zeros(n, dtype=bool)
    starts: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    keys_found: list[np.ndarray] = []
    for length in range(min(max_len, int(run.max(initial=0))), 0, -1):
        cand = cand_all[run >= length]
        cand = cand[~covered[cand]]
        keys = words[cand]
        for j in range(1, length):  # the candidate phrases, built column by column
            keys = keys + " " + words[cand + j]
        hit = pd.Series(keys, dtype=object).isin(patterns).to_numpy()
        hit_start, hit_key = cand[hit], keys[hit]
        if length > 1 and len(hit_start):
            span = hit_start[:, None] + np.arange(length)[None, :]
            if not covered[span].any() and (np.diff(hit_start) >= length).all():  # no overlaps at all
                covered[span.ravel()] = True
            else:  # overlapping hits of one length: leftmost first
                ok = np.ones(len(hit_start), dtype=bool)
                for k, start in enumerate(hit_start.tolist()):
                    if covered[start : start + length].any():
                        ok[k] = False
                    else:
                        covered[start : start + length] = True
                hit_start, hit_key = hit_start[ok], hit_key[ok]
        else:
            covered[hit_start] = True
        starts.append(hit_start)
        lengths.append(np.full(len(hit_start), length, dtype=np.int64))
        keys_found.append(hit_key)
    if not starts:
        return none
    found = np.concatenate(keys_found)
    pattern_of = np.array([pattern_of_phrase[k] for k in found.tolist()], dtype=object)
    return np.concatenate(starts), np.concatenate(lengths), pattern_of


def _sentence_dates(w: Words, dates: Mapping[str, dt.date | None]) -> np.ndarray:
    """The document date of each sentence (datetime64[ns], NaT when unknown)."""
    first = np.flatnonzero(np.r_[True, w["sid"][1:] != w["sid"][:-1]]) if w.n else np.zeros(0, dtype=np.int64)
    codes, docs = pd.factorize(w["doc_id"][first])
    per_doc = pd.to_datetime(pd.Series([dates.get(d) for d in docs.tolist()], dtype=object)).to_numpy("datetime64[ns]")
    return per_doc[codes]


def _pick_roles(rows: pd.DataFrame) -> pd.DataFrame:
    """Keep, per mention, the dictionary row valid on its document date (column ``_date``; dated
    roles first)."""
    d = rows.pop("_date").to_numpy("datetime64[ns]")
    start = pd.to_datetime(rows["start_date"]).to_numpy("datetime64[ns]")
    end = pd.to_datetime(rows["end_date"]).to_numpy("datetime64[ns]")
    has_start, has_end = ~np.isnat(start), ~np.isnat(end)
    valid = np.isnat(d) | ((~has_start | (start <= d)) & (~has_end | (d < end)))
    keep = np.flatnonzero(valid)
    # rank: a bounded role valid on the date beats an open one; with no date, the latest role;
    # an open start sorts last among descending starts
    bounded = (has_start | has_end)[keep]
    start_key = np.where(has_start, start.astype(np.int64), np.iinfo(np.int64).min + 1)[keep]
    mention = rows["mention"].to_numpy()[keep]
    order = np.lexsort((rows["_order"].to_numpy()[keep], -start_key, ~bounded, mention))
    chosen = keep[order]
    first = np.r_[True, mention[order][1:] != mention[order][:-1]] if len(chosen) else np.zeros(0, dtype=bool)
    return rows.iloc[chosen[first]].reset_index(drop=True)


_MENTION_COLUMNS = ["start_gid", "end_gid", "code", "country", "agent", "kind", "entry_id", "name"]


#: Second halves of hyphenated compounds whose first half names who did it ("U.S.-backed",
#: "Saudi-led", "Kremlin-controlled"); "-made" names only an origin and is not listed.
_BY_COMPOUNDS = frozenset(
    {
        "backed",
        "led",
        "funded",
        "sponsored",
        "supported",
        "run",
        "controlled",
        "held",
        "brokered",
        "allied",
        "aligned",
        "installed",
        "appointed",
        "occupied",
        "armed",
    }
)


def match_actors(
    w: Words, dictionaries: Dictionaries, dates: Mapping[str, dt.date | None], *, rules: CodingRules | None = None
) -> pd.DataFrame:
    """Actor mentions: one row per matched name with the role valid on the document's date.

    Columns: start_gid, end_gid (inclusive), code, country, agent, kind, entry_id, name. With
    ``rules.parse_repairs``, a hyphenated word the tokenizer kept whole whose first half is a name
    and whose second half says who acted ("U.S.-backed", "Saudi-led") is a mention of that name.
    """
    rules = rules if rules is not None else CodingRules()
    actors = dictionaries.actors
    empty = pd.DataFrame({c: [] for c in _MENTION_COLUMNS})
    if w.n == 0 or len(actors) == 0:
        return empty
    index = _pattern_index(actors)
    start, length, key = _find_spans(w["norm"], w["sid"], index, min(_MAX_PATTERN_WORDS, index[3]))
    if rules.parse_repairs:
        norm: Cat = w["norm"]
        firsts = []
        for value in norm.uniques.tolist():
            first, _, second = value.rpartition("-")
            firsts.append(first if second in _BY_COMPOUNDS and first in index[1] else "")
        first_of = np.r_[np.array(firsts, dtype=object), np.array([""], dtype=object)][norm.codes]
        # split by the tokenizer: "Saudi - led" is one mention of Saudi Arabia, over all three words
        end = start + length - 1
        nxt = np.minimum(end + 2, max(w.n - 1, 0))
        words = norm.values
        split = (
            (end + 2 < w.n)
            & (words[np.minimum(end + 1, w.n - 1)] == "-")
            & pd.Series(words[nxt], dtype=object).isin(_BY_COMPOUNDS).to_numpy()
            & (w["sid"][nxt] == w["sid"][np.minimum(end, w.n - 1)])
        )
        length = np.where(split, length + 2, length)
        extra = np.flatnonzero(first_of != "")
        if len(extra):
            start = np.r_[start, extra].astype(np.int64)
            length = np.r_[length, np.ones(len(extra), dtype=np.int64)]
            key = np.r_[key, np.array([index[0][k] for k in first_of[extra].tolist()], dtype=object)]
    if not len(start):
        return empty
    m = pd.DataFrame(
        {
            "start_gid": start,
            "length": length,
            "pattern": key,
            "mention": np.arange(len(start)),
            "_date": _sentence_dates(w, dates)[w["sid"][start]],
        }
    )
    table = actors.assign(_order=np.arange(len(actors)))
    rows = _pick_roles(m.merge(table, on="pattern", how="inner"))
    rows["end_gid"] = rows["start_gid"] + rows["length"] - 1
    return rows.sort_values("start_gid")[_MENTION_COLUMNS].reset_index(drop=True)


def discarded_sentences(w: Words, dictionaries: Dictionaries) -> np.ndarray:
    """Per word, whether its sentence holds a discard phrase (dictionaries.discards: "world cup",
    "box office", "cricket"): such sentences code nothing."""
    out = np.zeros(w.n, dtype=bool)
    discards = dictionaries.discards
    if w.n == 0 or len(discards) == 0:
        return out
    index = _pattern_index(discards)
    start, _, _ = _find_spans(w["norm"], w["sid"], index, min(_MAX_PATTERN_WORDS, index[3]))
    if len(start):
        out[np.isin(w["sid"], w["sid"][start])] = True
    return out


def _agent_words(w: Words, dictionaries: Dictionaries) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The agent code each word names ("troops" -> MIL, "president" -> GOV), else "", whether
    it is a prefix agent, written before the country ("MSF" of "MSF Arnor" -> NGOARN), and whether
    it heads an agent pattern of several words ("suicide bombers")."""
    agents = dictionaries.agents
    multi_head = np.zeros(w.n, dtype=bool)
    if len(agents) == 0 or w.n == 0:
        return np.full(w.n, "", dtype=object), np.zeros(w.n, dtype=bool), multi_head
    agents = agents.assign(_prefix=agents["kind"].to_numpy(dtype=object) == "prefix")
    single = agents.loc[~agents["pattern"].str.contains(" ", regex=False)].drop_duplicates("pattern", keep="last")
    index = pd.Index(single["pattern"].to_numpy(dtype=object))
    codes = np.r_[single["agent"].to_numpy(dtype=object), np.array([""], dtype=object)]
    kinds = np.r_[single["_prefix"].to_numpy(dtype=bool), False]
    hit = np.full(w.n, -1, dtype=np.int64)  # the agent row of each word: by form, else by lemma
    for col in ("norm", "lemma"):
        cat: Cat = w[col]
        row = np.r_[index.get_indexer(cat.uniques), -1][cat.codes]  # per distinct word, its row or -1
        hit = np.where(hit >= 0, hit, row)
    out = codes[hit]  # codes[-1] is ""
    prefix = kinds[hit]
    multi = _pattern_index(agents, multi_word_only=True)
    if multi[0]:
        start, length, key = _find_spans(w["norm"], w["sid"], multi, _MAX_PATTERN_WORDS)
        if len(start):  # patterns of several words, or hyphenated ones split by the tokenizer
            by_pattern = dict(zip(agents["pattern"], zip(agents["agent"], agents["_prefix"])))
            heads = _span_heads(w["head"], start, start + length - 1)
            found = [by_pattern[k] for k in key.tolist()]
            out[heads] = [a for a, _ in found]
            prefix[heads] = [p for _, p in found]
            multi_head[heads] = True
    return out, prefix, multi_head


def _span_heads(head: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Per span ``first[i]..last[i]``, the first word whose head lies outside the span ("minister"
    of "prime minister", "ministry" of "ministry of silly walks"); the last word when none does."""
    width = int((last - first).max(initial=0)) + 1
    g = first[:, None] + np.arange(width)[None, :]
    inside = g <= last[:, None]
    h = head[np.minimum(g, len(head) - 1)]
    outside = inside & ((h < first[:, None]) | (h > last[:, None]))
    return np.where(outside.any(axis=1), first + outside.argmax(axis=1), last)


#: Kinds of actor rows that name a place an event can happen in ("protesters in Tbilisi").
_PLACE_KINDS = ("city", "capital", "region")
#: Kinds whose code says more than their country ("Hamas fighters" -> PSEREBHMS, not PSEREB).
_BODY_KINDS = ("group", "igo")
#: Relations of a word that modifies another noun: such a word is not an actor of its own.
_NOT_HEAD_RELS = ("compound", "flat", "amod", "det", "nmod:poss", "fixed")
#: Country code of an actor whose country neither the sentence nor the document gives.
UNKNOWN_COUNTRY = "---"


def resolve_actors(
    w: Words, mentions: pd.DataFrame, dictionaries: Dictionaries, *, rules: CodingRules | None = None
) -> Words:
    """Give every word the actor it denotes; adds the :data:`ACTOR_FIELDS` arrays to ``w``.

    A word inside a name takes the name's actor. Any other word takes the country named by a
    modifier (amod, compound, nmod:poss, flat, or nmod with of/from/including/in; a modifier
    without a country, such as a region, gives its code: "European officials" -> EURGOV) and the
    agent its own word names, else the agent of its title, else the modifier's agent. A title
    before a name that only names a country adds its agent ("Prime Minister Telemar"), and a
    name with no actor takes its title's ("Arnor President Umbardacil" -> ARNGOV); a name coordinated with the modifier names a second
    actor with the head's agent ("Russian and Chinese officials"; a name without a country keeps
    its own code: "the ministry of Gondor and the Nasgul", and so does a group with its own agent:
    "Israeli and Hamas forces"), listed in ``modifier_conj``
    (with its head in ``modifier_conj_head``) for the extract stage. ``actor_start``/``actor_end``
    are the gids of the first and last word of the actor's words.

    A modifier that is a group or an international organisation gives its whole code ("Hamas
    fighters" -> PSEREBHMS). Then, by ``rules``: an agent word left without a country ("police",
    "protesters") takes the country of a place its sentence names (``context_country``:
    "protesters in Tbilisi" -> GEOPRO), else the unknown country ``---`` (``unknown_country``:
    "---COP"). ``actor_resolution`` says which rule gave each word its actor: "dictionary",
    "context-country" or "unknown-country".
    """
    rules = rules if rules is not None else CodingRules()
    n = w.n
    code = np.full(n, "", dtype=object)
    country = np.full(n, "", dtype=object)
    agent = np.full(n, "", dtype=object)
    entry = np.full(n, "", dtype=object)
    a_start = np.full(n, -1, dtype=np.int64)
    a_end = np.full(n, -1, dtype=np.int64)
    kind = np.full(n, "", dtype=object)
    if len(mentions):
        lengths = (mentions["end_gid"] - mentions["start_gid"] + 1).to_numpy()
        word_gid = np.repeat(mentions["start_gid"].to_numpy(), lengths) + (
            np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        )
        rep = np.repeat(np.arange(len(mentions)), lengths)
        code[word_gid] = mentions["code"].to_numpy(dtype=object)[rep]
        country[word_gid] = mentions["country"].to_numpy(dtype=object)[rep]
        agent[word_gid] = mentions["agent"].to_numpy(dtype=object)[rep]
        entry[word_gid] = mentions["entry_id"].to_numpy(dtype=object)[rep]
        kind[word_gid] = mentions["kind"].to_numpy(dtype=object)[rep]
        a_start[word_gid] = mentions["start_gid"].to_numpy()[rep]
        a_end[word_gid] = mentions["end_gid"].to_numpy()[rep]
    direct = code != ""
    agent_word, prefix_word, multi_agent = _agent_words(w, dictionaries)
    has_agent_word = agent_word != ""
    prefix = np.full(n, "", dtype=object)  # an actor's prefix agent, written before its country
    base = np.full(n, "", dtype=object)  # a resolved word's code before its own agent word
    rel: Cat = w["rel"]
    head = w["head"]

    # a title in front of a country-level name adds its agent: "Prime Minister Telemar" -> DAGGOV
    is_title = rel.isin(_TITLE_RELS) & (head >= 0) & has_agent_word & ~direct
    titles = np.flatnonzero(is_title)
    for t, h in zip(titles.tolist(), head[titles].tolist()):
        if direct[h] and agent[h] == "" and code[h] == country[h] != "":
            named = np.arange(a_start[h], a_end[h] + 1)
            if prefix_word[t]:  # "MSF Arnor" -> NGOARN
                code[named] = agent_word[t] + country[h]
                prefix[named] = agent_word[t]
            else:
                code[named] = country[h] + agent_word[t]
            agent[named] = agent_word[t]
            a_start[named] = min(a_start[h], t)
            a_end[named] = max(a_end[h], t)

    # titles of words that are not names themselves: "Gondor's Prime Minister Falastur" -> GOV
    title_words = titles
    title_agent = np.full(n, "", dtype=object)
    title_agent[head[title_words][::-1]] = agent_word[title_words][::-1]  # the first title wins

    # modifiers that name a country for their head word
    is_mod = rel.isin(_MODIFIER_RELS) & (head >= 0)
    is_mod &= ~rel.eq("nmod") | w["lemma"].lut(_NMOD_CASES)[w["case_key"]]
    # "in" locates an agent ("police in Lagos"), not an event or a thing ("an airstrike in Kabul",
    # "floods in Pakistan")
    in_case = rel.eq("nmod") & (w["case_key"] == w["lemma"].code_of("in"))
    is_mod &= ~in_case | has_agent_word[np.maximum(head, 0)]
    is_mod &= direct
    mods = np.flatnonzero(is_mod)
    heads = head[mods]
    keep = ~direct[heads]  # a name keeps its own actor
    mods, heads = mods[keep], heads[keep]
    # first modifier per head, nearest to the head
    order = np.lexsort((np.abs(mods - heads), heads))
    mods, heads = mods[order], heads[order]
    first = np.r_[True, heads[1:] != heads[:-1]] if len(heads) else np.zeros(0, bool)
    mods, heads = mods[first], heads[first]
    # a region or group: its code; a country keeps its prefix agent ("MSF Arnor diplomat" -> NGOARNGOV)
    base_code = np.where(country[mods] != "", prefix[mods] + country[mods], code[mods])
    # a group or an organisation keeps its whole code: "Hamas fighters" -> PSEREBHMS
    body = pd.Series(kind[mods], dtype=object).isin(_BODY_KINDS).to_numpy() & (code[mods] != country[mods])
    country[heads] = country[mods]
    agent[heads] = np.where(
        body,
        agent[mods],
        np.where(
            agent_word[heads] != "",
            agent_word[heads],
            np.where(title_agent[heads] != "", title_agent[heads], np.where(prefix[mods] != "", "", agent[mods])),
        ),
    )
    entry[heads] = entry[mods]
    a_start[heads] = np.minimum(a_start[mods], heads)
    a_end[heads] = np.maximum(a_end[mods], heads)
    own_prefix = prefix_word[heads] & (agent_word[heads] != "") & ~body  # "Arnor's MSF" -> NGOARN
    code[heads] = np.where(body, code[mods], np.where(own_prefix, agent[heads] + base_code, base_code + agent[heads]))
    base[heads] = base_code
    prefix[heads] = np.where(own_prefix, agent[heads], np.where(country[mods] != "", prefix[mods], ""))
    # a name with no actor of its own takes its title's: "Arnor President Umbardacil" -> ARNGOV
    named = title_words[(code[title_words] != "") & (code[head[title_words]] == "")][::-1]  # the first title wins
    by = head[named]
    # and adds its own agent word after the title's code: "Danish Islamist media" -> DNKMUSMED
    own = agent_word[by] != ""
    country[by], entry[by], base[by] = country[named], entry[named], code[named]
    agent[by] = np.where(own, agent_word[by], agent[named])
    code[by] = np.where(own, code[named] + agent_word[by], code[named])
    a_start[by] = np.minimum(a_start[named], by)
    a_end[by] = np.maximum(a_end[named], by)
    # coordinated modifiers name more actors: "Russian and Chinese officials" -> RUSGOV and CHNGOV;
    # the second name takes the head's agent and stands beside the head in coordination
    serves = np.full(n, -1, dtype=np.int64)
    serves[mods[country[mods] != ""]] = heads[country[mods] != ""]
    cm = np.flatnonzero(rel.eq("conj") & (head >= 0) & direct)
    ch = serves[head[np.maximum(cm, 0)]] if len(cm) else np.zeros(0, dtype=np.int64)
    cm, ch = cm[ch >= 0], ch[ch >= 0]
    # a name without a country stays itself: "the ministry of Gondor and the Nasgul"; and so does a
    # group with an agent of its own: "Israeli and Hamas forces" (ISRMIL and PSEREBHMS)
    takes = (country[cm] != "") & (agent[cm] == "")
    agent[cm[takes]] = agent[ch[takes]]
    code[cm[takes]] = country[cm[takes]] + agent[cm[takes]]
    a_start[cm[takes]] = np.minimum(a_start[cm[takes]], ch[takes])
    a_end[cm[takes]] = np.maximum(a_end[cm[takes]], ch[takes])
    # coordinated agent words share the country: "Danish media and government" -> DNKGOV too
    conj = np.flatnonzero(rel.eq("conj") & (head >= 0) & (code == "") & has_agent_word)
    first_conj = head[conj]
    shared = (code[first_conj] != "") & ~direct[first_conj] & (country[first_conj] != "")
    conj, first_conj = conj[shared], first_conj[shared]
    country[conj] = country[first_conj]
    agent[conj] = agent_word[conj]
    entry[conj] = entry[first_conj]
    a_start[conj] = conj
    a_end[conj] = conj
    shared_base = np.where(
        base[first_conj] != "", base[first_conj], country[first_conj]
    )  # "Danish Islamist media and government"
    code[conj] = np.where(prefix_word[conj], agent[conj] + shared_base, shared_base + agent[conj])
    resolution = np.where(code != "", "dictionary", "").astype(object)
    # demonyms as nouns: "Germans demonstrated", "Tibetans rioted" -> DEUCVL, CHN... (civilians)
    demonym = _demonym_nouns(w, dictionaries, dates_ok=True)
    dem = np.flatnonzero((demonym != "") & (code == "") & ~rel.isin(_NOT_HEAD_RELS))
    if len(dem):
        country[dem] = demonym[dem]
        agent[dem] = "CVL"
        code[dem] = demonym[dem] + "CVL"
        resolution[dem] = "dictionary"
        a_start[dem] = dem
        a_end[dem] = dem
    # crowds: "thousands of protesters" is the protesters; "thousands marched" civilians
    from geoevent.extract import verb_classes  # the word lists of data/rules

    crowd = w["norm"].isin(verb_classes()["crowd"]) & (code == "")
    lone_agent = np.where(crowd & (agent_word == ""), "CVL", agent_word)
    # "Protests erupted in Ferguson": a gathering that happened stands for the protesters in it
    if rules.happening_events:
        lone_agent = np.where(happening_gatherings(w) & (code == "") & (lone_agent == ""), "PRO", lone_agent)
    # agent words with no country: from a place in the sentence, else unknown
    lone_agent = np.where(lone_agent != "", lone_agent, title_agent)
    lone = (
        (code == "") & (lone_agent != "") & ~prefix_word & w["upos"].isin(("NOUN", "PROPN")) & ~rel.isin(_NOT_HEAD_RELS)
    )
    # weapons are no actors of their own ("The missiles will speak for themselves"); people named
    # by several words are ("suicide bombers")
    inanimate = w["lemma"].isin(verb_classes()["inanimate"]) | w["norm"].isin(verb_classes()["inanimate"])
    lone &= ~inanimate | multi_agent
    w["lone_agent"] = np.where(lone, lone_agent, "")  # for geoevent.context (document country, "its forces")
    # "its allies", "their forces": whose they are is for coreference, not the sentence's place
    poss = np.flatnonzero(rel.eq("nmod:poss") & w["upos"].eq("PRON") & (head >= 0))
    lone[head[poss]] = False
    # unclaimed devices: "A roadside bomb killed three US soldiers in Diyala" -> IRQ (no agent)
    device = _unclaimed_devices(w, code)
    lone |= device
    # unnamed agents: "An aid worker was abducted in Darfur" -> an unnamed attacker of SDN
    unnamed = _unnamed_agents(w, code) if rules.unnamed_agents else np.zeros(n, dtype=bool)
    lone |= unnamed
    if lone.any() and (rules.context_country or rules.unknown_country):
        place_country = _sentence_places(w, direct, kind, country) if rules.context_country else None
        ctx = place_country[w["sid"]] if place_country is not None else np.full(n, "", dtype=object)
        if not rules.unknown_country:
            lone &= ctx != ""
        idx = np.flatnonzero(lone)
        found = ctx[idx] != ""
        # an attack whose attacker nobody names ("The attack on Kyiv killed 10 people") stays of
        # unknown country: the place it hit says nothing of who attacked
        attack = device[idx] & (w["lemma"].isin(verb_classes()["unclaimed_attack"])[idx])
        found &= ~attack
        country[idx] = np.where(found, ctx[idx], "")
        agent[idx] = lone_agent[idx]
        code[idx] = np.where(found, ctx[idx], UNKNOWN_COUNTRY) + lone_agent[idx]
        resolution[idx] = np.where(found, "context-country", "unknown-country")
        resolution[idx[unnamed[idx]]] = "unnamed-agent"
        # "suicide bombers", "roadside bomb": the compound words are part of the actor's text
        a_start[idx] = np.where(multi_agent[idx] | device[idx], _compound_start(w, idx), idx)
        a_end[idx] = idx
    # "thousands of protesters": the crowd word stands for the people it counts
    of = np.flatnonzero(rel.eq("nmod") & (head >= 0) & (w["case"] == "of") & (code != ""))
    of = of[crowd[head[of]]]
    if len(of):
        q = head[of]
        code[q], country[q], agent[q], entry[q] = code[of], country[of], agent[of], entry[of]
        resolution[q] = resolution[of]
        a_start[q] = q
        a_end[q] = a_end[of]
    # sport, culture and trade words are no actor of their modifier's country: "the Brazilian
    # midfielder", "the Spanish club", "a British singer" (an agent word keeps it: "Russian firms")
    private = (w["lemma"].isin(verb_classes()["no_actor"]) | w["norm"].isin(verb_classes()["no_actor"])) & ~direct
    private &= (agent == "") & (code != "")
    code[private], country[private], entry[private], resolution[private] = "", "", "", ""
    w.update(
        actor_kind=np.where(direct, kind, ""),
        actor_resolution=resolution,
        modifier_conj_head=ch,
        modifier_conj=cm,
        actor_direct=direct,
        actor_code=code,
        actor_country=country,
        actor_agent=agent,
        actor_entry=entry,
        actor_start=a_start,
        actor_end=a_end,
    )
    return w


def _demonym_nouns(w: Words, dictionaries: Dictionaries, *, dates_ok: bool = True) -> np.ndarray:
    """The country of each plural noun whose singular is a nationality adjective ("Germans" ->
    DEU, "Iraqis" -> IRQ), else ""."""
    out = np.full(w.n, "", dtype=object)
    actors = dictionaries.actors
    if w.n == 0 or len(actors) == 0:
        return out
    adj = actors.loc[(actors["kind"].to_numpy(dtype=object) == "adjective") & (actors["country"] != "")]
    if not len(adj):
        return out
    table = dict(zip(adj["pattern"].tolist(), adj["country"].tolist()))
    norm: Cat = w["norm"]
    lemma: Cat = w["lemma"]
    plural = np.array([v.endswith("s") for v in norm.uniques.tolist()] + [False])[norm.codes]
    by_lemma = np.r_[
        np.array([table.get(v, "") for v in lemma.uniques.tolist()], dtype=object), np.array([""], dtype=object)
    ][lemma.codes]
    by_stem = np.r_[
        np.array([table.get(v[:-1], "") if v.endswith("s") else "" for v in norm.uniques.tolist()], dtype=object),
        np.array([""], dtype=object),
    ][norm.codes]
    found = np.where(by_lemma != "", by_lemma, by_stem)
    nominal = w["upos"].isin(("NOUN", "PROPN"))
    return np.where(plural & nominal, found, "")


def _unclaimed_devices(w: Words, code: np.ndarray) -> np.ndarray:
    """Per word, whether it is an unclaimed device: a bomb, blast or mine that is a verb's subject
    with nobody named ("A roadside bomb killed three US soldiers in Diyala", "Car bomb kills
    officer in Moscow"); or an attack that is the subject of an act of violence ("The attack on
    Kyiv killed 10 people"). :func:`resolve_actors` makes it a country-less agent with no agent
    code: for a device an unknown attacker of the country the sentence names (IRQ, RUS; the country
    code alone), else of unknown country ("---"); for an attack always "---"."""
    from geoevent.extract import verb_classes

    classes = verb_classes()
    lem: Cat = w["lemma"]
    device = lem.isin(classes["unclaimed"]) | w["norm"].isin(classes["unclaimed"])
    # an attack only as the subject of an act of violence ("The attack on Kyiv killed 10 people")
    violent = lem.lut(classes["unnamed_agent"])[lem.codes[np.maximum(w["head"], 0)]]
    device |= (lem.isin(classes["unclaimed_attack"]) | w["norm"].isin(classes["unclaimed_attack"])) & violent
    return device & (code == "") & w["rel"].isin(("nsubj", "nsubj:pass")) & (w["head"] >= 0)


def happening_gatherings(w: Words) -> np.ndarray:
    """Per word, whether it is a gathering (``gathering`` in data/rules/verb_classes.tsv: protest,
    rally, riot...) that is the subject of a verb of happening (``occurrence``: "protests erupted",
    "rioting spread", "demonstrations were held", "protests broke out", "a rally took place")."""
    from geoevent.extract import verb_classes

    classes = verb_classes()
    rel: Cat = w["rel"]
    lem: Cat = w["lemma"]
    head = w["head"]
    has_head = head >= 0
    hd = np.maximum(head, 0)
    gathering = (lem.isin(classes["gathering"]) | w["norm"].isin(classes["gathering"])) & has_head
    subject = gathering & rel.isin(("nsubj", "nsubj:pass"))
    happens = lem.lut(classes["occurrence"])[lem.codes[hd]]
    # "broke out", "took place": the verb with its particle or object
    prt_out = np.zeros(w.n, dtype=bool)
    prt_out[head[(rel.eq("compound:prt") | rel.eq("advmod")) & lem.eq("out") & has_head]] = True
    obj_place = np.zeros(w.n, dtype=bool)
    obj_place[head[rel.eq("obj") & lem.eq("place") & has_head]] = True
    lemma_of_head = lem.values[hd]
    phrasal = ((lemma_of_head == "break") & prt_out[hd]) | ((lemma_of_head == "take") & obj_place[hd])
    # "demonstrations were held / staged / organised": only in the passive
    passive_ok = lem.lut(classes["occurrence_passive"])[lem.codes[hd]] & rel.eq("nsubj:pass")
    # not a rally of prices: "The rally in oil prices continued"
    market = np.zeros(w.n, dtype=bool)
    m = has_head & (lem.isin(classes["market"]) | w["norm"].isin(classes["market"]))
    m &= rel.isin(("nmod", "compound", "amod"))
    market[head[m]] = True
    return subject & (happens | phrasal | passive_ok) & w["upos"].isin(("NOUN",)) & ~market


def _unnamed_agents(w: Words, code: np.ndarray) -> np.ndarray:
    """Per word, whether it is a passive verb of violence or coercion with no agent named ("An aid
    worker was abducted in Darfur", "Two journalists were shot dead"): :func:`resolve_actors` makes
    the verb stand for its unnamed agent, an attacker of the country the sentence names (the
    country code alone), else of unknown country ("---"); resolution "unnamed-agent". Not when an
    oblique names an accident or disaster ("were killed in a car crash") or a "when" clause tells
    what happened ("were wounded when their truck hit a mine")."""
    from geoevent.extract import verb_classes

    classes = verb_classes()
    rel: Cat = w["rel"]
    head = w["head"]
    n = w.n
    verb = w["upos"].eq("VERB") & w["lemma"].isin(classes["unnamed_agent"]) & (code == "")
    has_head = head >= 0
    passive = np.zeros(n, dtype=bool)  # with a passive subject, the victim, and a passive auxiliary
    passive[head[rel.eq("nsubj:pass") & has_head]] = True
    aux = np.zeros(n, dtype=bool)
    aux[head[rel.eq("aux:pass") & has_head]] = True
    passive &= aux
    named = np.zeros(n, dtype=bool)  # a subject, a "by" agent, or a "by" oblique that may be one
    by = rel.isin(("obl", "nmod")) & (w["case"] == "by")
    named[head[(rel.isin(("nsubj", "obl:agent", "csubj", "obj")) | by) & has_head]] = True
    # "were wounded when their truck hit a mine": the "when" clause tells what happened
    when = np.flatnonzero(w["lemma"].eq("when") & rel.isin(("advmod", "mark")) & has_head)
    when = head[when][rel.eq("advcl")[head[when]] & (head[head[when]] >= 0)]
    named[head[when]] = True
    mishap = np.zeros(n, dtype=bool)
    m = has_head & rel.isin(("obl", "nmod")) & (w["lemma"].isin(classes["mishap"]) | w["norm"].isin(classes["mishap"]))
    mishap[head[m]] = True
    return verb & passive & ~named & ~mishap


def _compound_start(w: Words, idx: np.ndarray) -> np.ndarray:
    """Per word, the first of the compound words right before it that modify it ("roadside" of
    "roadside bomb", "suicide" of "suicide bombers"), else the word itself."""
    rel: Cat = w["rel"]
    head = w["head"]
    start = idx.copy()
    comp = rel.eq("compound") & (head >= 0)
    for _ in range(3):
        prev = np.maximum(start - 1, 0)
        more = (start > 0) & comp[prev] & (head[prev] == idx) & (w["sid"][prev] == w["sid"][idx])
        if not more.any():
            break
        start = np.where(more, prev, start)
    return start


def _sentence_places(w: Words, direct: np.ndarray, kind: np.ndarray, country: np.ndarray) -> np.ndarray:
    """Per sentence (sid), the country of the place it names, else "": a place or country behind a
    preposition of place first ("in Tbilisi", "in Georgia"), else any city, capital or region."""
    from geoevent.extract import verb_classes  # the word lists of data/rules

    n_sent = int(w["sid"].max()) + 1 if w.n else 0
    out = np.full(n_sent, "", dtype=object)
    is_place = direct & (country != "") & (country != "IGO")
    if not is_place.any():
        return out
    locative = w["lemma"].lut(verb_classes()["locative"])[w["case_key"]]
    place_kind = pd.Series(kind, dtype=object).isin(_PLACE_KINDS).to_numpy()
    kinds_ok = place_kind | (kind == "country")
    # a capital as subject or object is its government ("Kyiv appealed to ..."), not a place
    as_actor = w["rel"].isin(("nsubj", "nsubj:pass", "obj", "iobj", "obl:agent"))
    score = np.where(locative & kinds_ok, 0, np.where(place_kind & ~as_actor, 1, 2))
    cand = np.flatnonzero(is_place & (score < 2))
    if not len(cand):
        return out
    order = np.lexsort((cand, score[cand], w["sid"][cand]))
    cand = cand[order]
    sid = w["sid"][cand]
    first = np.r_[True, sid[1:] != sid[:-1]]
    out[sid[first]] = country[cand[first]]
    return out


def actor_text(w: Words, idx: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Words and character span of the actors of the words ``idx`` (which must have actors)."""
    s, e = w["actor_start"][idx], w["actor_end"][idx]
    text = w["text"]
    words = text[s].tolist()  # one word: itself; several: joined by spaces
    for i in np.flatnonzero(e > s).tolist():
        words[i] = " ".join(text[s[i] : e[i] + 1].tolist())
    return words, w["start"][s], w["end"][e]


def _first_child_lemma(w: Words, deprel: str) -> np.ndarray:
    """The lemma code of each word's first dependent with ``deprel`` ("on" for "on Ukraine"), else -1."""
    out = np.full(w.n, -1, dtype=np.int64)
    idx = np.flatnonzero(w["rel"].eq(deprel) & (w["head"] >= 0))
    if len(idx):
        out[w["head"][idx][::-1]] = w["lemma"].codes[idx][::-1]  # in reverse so the first wins
    return out
