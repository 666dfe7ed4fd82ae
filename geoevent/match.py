"""Match stage: actor and agent mentions over a token table, vectorized.

Input is a token table (see :mod:`geoevent.tokens`) prepared by :func:`prepare`, which adds the
global row number ``gid``, the row number of each word's head ``head_gid`` and normalised forms.
:func:`match_actors` finds the longest dictionary names in each sentence ("north korea",
"joe biden", "the kremlin"), picks the role valid on each document's date, and
:func:`resolve_actors` gives every nominal word the actor it denotes: its own name, or a country
named by its modifiers with the agent its head noun names ("Russian troops" -> RUS + MIL,
"Ukraine's military" -> UKR + MIL, "U.S. official" -> USA + GOV).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from geoevent.dictionaries.tables import Dictionaries
from geoevent.errors import TokenTableError

__all__ = ["ACTOR_FIELDS", "match_actors", "normalize_words", "prepare", "resolve_actors"]

#: Per-word actor fields :func:`resolve_actors` fills in (empty string / -1 when none).
ACTOR_FIELDS = ("actor_code", "actor_country", "actor_agent", "actor_text", "actor_start", "actor_end", "actor_entry")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
#: Relations through which a modifier names the country of its head noun.
_MODIFIER_RELS = ("amod", "compound", "nmod:poss", "flat", "nmod")
#: Prepositions that let an nmod name its head's country ("troops of Russia", "regions including Sumy").
_NMOD_CASES = frozenset({"of", "from", "including", "in"})
_MAX_PATTERN_WORDS = 8


def normalize_words(words: pd.Series) -> pd.Series:
    """Lowercase words and unify apostrophes, as dictionary patterns are written."""
    return words.astype(str).str.translate(_APOSTROPHES).str.lower()


def prepare(tokens: pd.DataFrame) -> pd.DataFrame:
    """Add ``gid``, ``sid`` (sentence number), ``head_gid``, ``norm`` and ``lemma_l`` columns.

    ``tokens`` must follow the contract, sorted by sentence and tok_idx, with tok_idx running
    1..n within each sentence.
    """
    df = tokens.reset_index(drop=True).copy()
    n = len(df)
    gid = np.arange(n, dtype=np.int64)
    tok = df["tok_idx"].to_numpy(np.int64)
    head = df["head"].to_numpy(np.int64)
    sent_start = gid - (tok - 1)
    if n:
        doc_codes = pd.factorize(df["doc_id"])[0]
        new_sent = np.ones(n, dtype=bool)
        new_sent[1:] = (doc_codes[1:] != doc_codes[:-1]) | (
            df["sent_idx"].to_numpy()[1:] != df["sent_idx"].to_numpy()[:-1]
        )
        if not np.array_equal(new_sent, tok == 1):
            bad = int(np.flatnonzero(new_sent != (tok == 1))[0])
            raise TokenTableError(
                f"token table: words of document {df['doc_id'].iat[bad]!r} sentence "
                f"{df['sent_idx'].iat[bad]} are not numbered 1..n in order"
            )
        sid = np.cumsum(new_sent) - 1
    else:
        sid = np.zeros(0, dtype=np.int64)
    df["gid"] = gid
    df["sid"] = sid
    df["head_gid"] = np.where(head > 0, sent_start + head - 1, -1)
    df["norm"] = normalize_words(df["text"]).to_numpy(dtype=object)
    lemma = normalize_words(df["lemma"])
    df["lemma_l"] = np.where(lemma.to_numpy(dtype=object) == "", df["norm"].to_numpy(dtype=object), lemma.to_numpy(dtype=object))
    df["case"] = _first_child_lemma(df, "case")
    df["mark"] = _first_child_lemma(df, "mark")
    return df


def _find_spans(words: np.ndarray, sid: np.ndarray, patterns: set[str], max_len: int) -> list[tuple[int, int, str]]:
    """Longest, leftmost non-overlapping matches of ``patterns`` within sentences.

    Returns (start_gid, length, pattern). Only runs of words that occur in some pattern are
    examined, so the cost is proportional to the dictionary words present in the text.
    """
    n = len(words)
    if n == 0 or not patterns:
        return []
    vocab = pd.Index(sorted({w for p in patterns for w in p.split(" ")}))
    in_vocab = vocab.get_indexer(words) >= 0
    idx = np.arange(n)
    # next position that breaks a run: a word outside the vocabulary or a sentence boundary
    brk = np.where(in_vocab, n, idx)
    next_break = np.minimum.accumulate(brk[::-1])[::-1]
    sent_end = np.r_[np.flatnonzero(sid[1:] != sid[:-1]), n - 1] if n else np.zeros(0, int)
    sent_end_of = sent_end[np.searchsorted(sent_end, idx)]
    run = np.minimum(next_break, sent_end_of + 1) - idx
    covered = np.zeros(n, dtype=bool)
    found: list[tuple[int, int, str]] = []
    for length in range(min(max_len, int(run.max(initial=0))), 0, -1):
        cand = np.flatnonzero(run >= length)
        if len(cand) == 0:
            continue
        for start in cand.tolist():
            if covered[start : start + length].any():
                continue
            key = " ".join(words[start : start + length].tolist())
            if key in patterns:
                covered[start : start + length] = True
                found.append((start, length, key))
    return found


def _pick_roles(rows: pd.DataFrame, dates: pd.Series) -> pd.DataFrame:
    """Keep, per mention, the dictionary row valid on the document date (dated roles first)."""
    d = pd.to_datetime(dates)
    start = pd.to_datetime(rows["start_date"])
    end = pd.to_datetime(rows["end_date"])
    known = d.notna()
    valid = (~known) | ((start.isna() | (start <= d)) & (end.isna() | (d < end)))
    rows = rows.loc[valid.to_numpy()].copy()
    # rank: a bounded role valid on the date beats an open one; with no date, the latest role
    bounded = (rows["start_date"].notna() | rows["end_date"].notna()).astype(int)
    rows["_rank"] = -bounded
    # NaT becomes the smallest int64, so an open start sorts last among descending starts
    rows["_start"] = pd.to_datetime(rows["start_date"]).to_numpy(dtype="datetime64[ns]").astype(np.int64)
    rows = rows.sort_values(["mention", "_rank", "_start", "_order"], ascending=[True, True, False, True], kind="stable")
    return rows.drop_duplicates("mention", keep="first").drop(columns=["_rank", "_start"])


def match_actors(prepared: pd.DataFrame, dictionaries: Dictionaries, dates: Mapping[str, dt.date | None]) -> pd.DataFrame:
    """Actor mentions: one row per matched name with the role valid on the document's date.

    Columns: start_gid, end_gid (inclusive), code, country, agent, kind, entry_id, name.
    """
    actors = dictionaries.actors
    cols = ["start_gid", "end_gid", "code", "country", "agent", "kind", "entry_id", "name"]
    if len(prepared) == 0 or len(actors) == 0:
        return pd.DataFrame({c: [] for c in cols})
    patterns = set(actors["pattern"].tolist())
    max_len = min(_MAX_PATTERN_WORDS, max(p.count(" ") + 1 for p in patterns))
    spans = _find_spans(prepared["norm"].to_numpy(dtype=object), prepared["sid"].to_numpy(), patterns, max_len)
    if not spans:
        return pd.DataFrame({c: [] for c in cols})
    m = pd.DataFrame(spans, columns=["start_gid", "length", "pattern"])
    m["mention"] = np.arange(len(m))
    m["doc_id"] = prepared["doc_id"].to_numpy()[m["start_gid"].to_numpy()]
    table = actors.assign(_order=np.arange(len(actors)))
    rows = m.merge(table, on="pattern", how="inner")
    doc_dates = rows["doc_id"].map(lambda d: dates.get(d))
    rows = _pick_roles(rows, doc_dates)
    rows["end_gid"] = rows["start_gid"] + rows["length"] - 1
    return rows.sort_values("start_gid")[cols].reset_index(drop=True)


def _agent_words(prepared: pd.DataFrame, dictionaries: Dictionaries) -> np.ndarray:
    """The agent code each word names ("troops" -> MIL, "president" -> GOV), else ""."""
    agents = dictionaries.agents
    out = np.full(len(prepared), "", dtype=object)
    if len(agents) == 0 or len(prepared) == 0:
        return out
    single = agents.loc[~agents["pattern"].str.contains(" ", regex=False)].drop_duplicates("pattern", keep="last")
    lookup = pd.Series(single["agent"].to_numpy(), index=single["pattern"].to_numpy())
    for col in ("norm", "lemma_l"):
        hit = prepared[col].map(lookup)
        mask = hit.notna().to_numpy() & (out == "")
        out[mask] = hit.to_numpy()[mask]
    multi = agents.loc[agents["pattern"].str.contains(" ", regex=False)]
    if len(multi):
        spans = _find_spans(
            prepared["norm"].to_numpy(dtype=object), prepared["sid"].to_numpy(), set(multi["pattern"]), _MAX_PATTERN_WORDS
        )
        by_pattern = dict(zip(multi["pattern"], multi["agent"]))
        for start, length, key in spans:
            out[start + length - 1] = by_pattern[key]  # the head of "prime minister" is "minister"
    return out


def resolve_actors(prepared: pd.DataFrame, mentions: pd.DataFrame, dictionaries: Dictionaries) -> pd.DataFrame:
    """Give every word the actor it denotes; returns ``prepared`` with :data:`ACTOR_FIELDS` added.

    A word inside a name takes the name's actor. Any other word takes the country named by a
    modifier (amod, compound, nmod:poss, flat, or nmod with of/from/including/in) and the agent
    its own word names, or the modifier's agent.
    """
    df = prepared
    n = len(df)
    code = np.full(n, "", dtype=object)
    country = np.full(n, "", dtype=object)
    agent = np.full(n, "", dtype=object)
    entry = np.full(n, "", dtype=object)
    a_start = np.full(n, -1, dtype=np.int64)  # gid span of the actor's words
    a_end = np.full(n, -1, dtype=np.int64)
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
        a_start[word_gid] = mentions["start_gid"].to_numpy()[rep]
        a_end[word_gid] = mentions["end_gid"].to_numpy()[rep]
    direct = code != ""
    agent_word = _agent_words(df, dictionaries)

    # modifiers that name a country for their head word
    rel = df["deprel"].to_numpy(dtype=object)
    head_gid = df["head_gid"].to_numpy()
    case = df["case"].to_numpy(dtype=object)
    is_mod = np.isin(rel, _MODIFIER_RELS) & (head_gid >= 0)
    is_mod &= (rel != "nmod") | np.isin(case, list(_NMOD_CASES))
    is_mod &= direct & (country != "")
    mods = np.flatnonzero(is_mod)
    heads = head_gid[mods]
    keep = ~direct[heads]  # a name keeps its own actor
    mods, heads = mods[keep], heads[keep]
    # first modifier per head, nearest to the head
    order = np.lexsort((np.abs(mods - heads), heads))
    mods, heads = mods[order], heads[order]
    first = np.r_[True, heads[1:] != heads[:-1]] if len(heads) else np.zeros(0, bool)
    mods, heads = mods[first], heads[first]
    country[heads] = country[mods]
    agent[heads] = np.where(agent_word[heads] != "", agent_word[heads], agent[mods])
    entry[heads] = entry[mods]
    a_start[heads] = np.minimum(a_start[mods], heads)
    a_end[heads] = np.maximum(a_end[mods], heads)
    code[heads] = [c + a for c, a in zip(country[heads].tolist(), agent[heads].tolist())]

    # a name with no agent of its own takes the agent of a title word next to it
    # ("President Joe Biden" stays the person's role; "Ukrainian forces" is handled above)
    start_char = df["start_char"].to_numpy()
    end_char = df["end_char"].to_numpy()
    has = a_start >= 0
    text = np.full(n, "", dtype=object)
    s_char = np.full(n, -1, dtype=np.int64)
    e_char = np.full(n, -1, dtype=np.int64)
    if has.any():
        idx = np.flatnonzero(has)
        s_char[idx] = start_char[a_start[idx]]
        e_char[idx] = end_char[a_end[idx]]
        words = df["text"].to_numpy(dtype=object)
        text[idx] = [" ".join(words[s : e + 1].tolist()) for s, e in zip(a_start[idx].tolist(), a_end[idx].tolist())]
    out = df.copy()
    out["actor_code"] = code
    out["actor_country"] = country
    out["actor_agent"] = agent
    out["actor_text"] = text
    out["actor_start"] = s_char
    out["actor_end"] = e_char
    out["actor_entry"] = entry
    return out


def _first_child_lemma(df: pd.DataFrame, deprel: str) -> np.ndarray:
    """The lemma of each word's first dependent with ``deprel`` ("on" for "on Ukraine"), else ""."""
    out = np.full(len(df), "", dtype=object)
    rel = df["deprel"].to_numpy(dtype=object)
    idx = np.flatnonzero((rel == deprel) & (df["head_gid"].to_numpy() >= 0))
    if len(idx):
        heads = df["head_gid"].to_numpy()[idx]
        lem = df["lemma_l"].to_numpy(dtype=object)[idx]
        out[heads[::-1]] = lem[::-1]  # assigned in reverse so the first dependent wins
    return out
