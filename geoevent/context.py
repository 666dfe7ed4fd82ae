"""Context stage: what a sentence's words mean given the rest of their document.

Runs after :func:`geoevent.match.resolve_actors` and before the extract stage, over a whole
chunk of documents at once (:func:`resolve_context`), and after extraction for the events'
places (:func:`locate_events`). Rules (docs/context.md):

* **Coreference** (``CodingRules.coreference``): personal pronouns ("he", "it", "they"), possessors
  of an agent noun ("its forces", "his government") and definite descriptions ("the president",
  "the chancellor", "the country", "the group", "the militants") take the actor of the most
  recent compatible mention earlier in the document: the latest sentence holding one (pronouns
  look back at most :data:`PRONOUN_WINDOW` sentences), a subject before other words; two
  different actors of equal standing there make the mention ambiguous and it codes nothing. "I",
  "we" inside quotation marks are the quote's speaker (the subject of the sentence's reporting
  verb, else the last speaker of the document). ``actor_resolution`` is "coreference" and the
  antecedent's character span is kept (``actor_ante_start`` / ``actor_ante_end``).
* **Country from context** (``CodingRules.context_country``): a country-less agent ("police")
  takes a place its sentence names, gazetteer places included ("context-country"), else the
  document's dominant country ("document-country", :func:`document_countries`).
* **Event location** (:func:`locate_events`): the gazetteer place nearest the verb in its
  clause, outside quotations.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from geoevent.dictionaries.tables import Dictionaries
from geoevent.gazetteer import fold, gazetteer
from geoevent.match import UNKNOWN_COUNTRY, Cat, Words, pattern_phrases, vocabulary_runs
from geoevent.rules import CodingRules
from geoevent.schema import LOCATION_COLUMNS

__all__ = [
    "DOMINANT_MIN_MENTIONS",
    "DOMINANT_SHARE",
    "LOCATION_FIELDS",
    "PRONOUN_WINDOW",
    "document_countries",
    "find_places",
    "locate_events",
    "resolve_context",
]

#: A document is "clearly about" a country when at least this share of its country-resolved
#: actor mentions name it ...
DOMINANT_SHARE = 0.6
#: ... and at least this many do.
DOMINANT_MIN_MENTIONS = 2
#: Pronouns look back at most this many sentences for an antecedent (descriptions: the document).
PRONOUN_WINDOW = 2
#: Event columns :func:`locate_events` fills: the place and its span.
LOCATION_FIELDS = (*LOCATION_COLUMNS, "location_start", "location_end")

# reflexives ("defend itself") are their own clause's subject: not resolved here
_PERSON_PRON = frozenset({"he", "him", "his", "she", "her", "hers"})
_IT_PRON = frozenset({"it", "its"})
_PLURAL_PRON = frozenset({"they", "them", "their", "theirs"})
_FIRST_PRON = frozenset({"i", "me", "my", "we", "us", "our"})
_COUNTRY_NOUNS = frozenset({"country", "nation", "republic", "kingdom", "island", "territory", "emirate"})
_GROUP_NOUNS = frozenset(
    {"group", "movement", "organisation", "organization", "militia", "faction", "alliance", "bloc"}
)
_GROUP_PLURALS = frozenset({"militants", "rebels", "insurgents", "fighters", "jihadists", "separatists", "guerrillas"})
#: Modifiers of a title that name another holder of the office ("the former president").
_OTHER_HOLDER = frozenset({"former", "late", "previous", "new", "next", "incoming", "outgoing", "ex", "future"})
#: Nouns naming a group's or country's own people: a possessive pronoun gives them its actor.
_MEMBER_NOUNS = frozenset(
    {
        "fighters",
        "members",
        "militants",
        "gunmen",
        "supporters",
        "leader",
        "leaders",
        "commanders",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representatives",
        "delegation",
        "envoy",
    }
)
_SPEECH = frozenset(
    {
        "say",
        "tell",
        "remark",
        "add",
        "write",
        "post",
        "state",
        "declare",
        "insist",
        "warn",
        "note",
        "stress",
        "announce",
        "claim",
        "argue",
        "reply",
        "respond",
        "answer",
        "explain",
    }
)
_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''", "\u00ab", "\u00bb"})
_SUBJ = ("nsubj", "nsubj:pass")
_NOT_HEAD = ("compound", "flat", "amod", "det", "nmod:poss", "fixed")
#: Lower-case words that can continue a place name ("Rafah crossing", "Kursk region").
_PLACE_TAILS = frozenset(
    {
        "crossing",
        "region",
        "oblast",
        "province",
        "governorate",
        "corridor",
        "nuclear",
        "power",
        "plant",
        "state",
        "al",
        "el",
        "de",
        "la",
        "ez",
        "es",
        "-",
    }
)
_PLACE_KINDS = frozenset({"city", "capital", "region", "country"})

# anaphor classes
_HE, _IT, _THEY, _TITLE, _COUNTRY, _GROUP, _GROUPS, _FIRST, _TITLES = range(9)


def _member(col: Cat, members: frozenset) -> np.ndarray:
    """``col.isin(members)`` for a large set: looked up per distinct value, not hashed anew."""
    hit = np.fromiter((u in members for u in col.uniques.tolist()), dtype=bool, count=len(col.uniques))
    return np.r_[hit, False][col.codes]


def _span_any(flag: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whether any word ``start[i] .. end[i]`` (inclusive) has ``flag``."""
    cs = np.r_[0, np.cumsum(flag, dtype=np.int64)]
    return cs[end + 1] - cs[start] > 0


def _kinds(w: Words, d: Dictionaries) -> np.ndarray:
    """The dictionary kind of each word's actor entry ("person", "country", ...), else ""."""
    actors = d.actors
    by_entry = pd.Series(actors["kind"].to_numpy(dtype=object), index=actors["entry_id"].to_numpy(dtype=object))
    by_entry = by_entry[~by_entry.index.duplicated()]
    entry = Cat.of(w["actor_entry"])
    kinds = np.r_[by_entry.reindex(entry.uniques).fillna("").to_numpy(dtype=object), np.array([""], dtype=object)]
    return kinds[entry.codes]


def _quoted(w: Words) -> np.ndarray:
    """Whether each word lies between quotation marks of its sentence (computed once per chunk)."""
    hit = w.get("_quoted")
    if hit is not None and len(hit) == w.n:
        return hit
    w["_quoted"] = _quoted_words(w)
    return w["_quoted"]


def _quoted_words(w: Words) -> np.ndarray:
    q = w["norm"].isin(_QUOTES)
    if not q.any():
        return np.zeros(w.n, dtype=bool)
    c = np.cumsum(q)
    first = np.flatnonzero(w["tok"] == 1)
    before = (c - q)[first][w["sid"]]  # quotes before the sentence's first word
    return (((c - q) - before) % 2 == 1) & ~q


def _span_head(w: Words) -> np.ndarray:
    """Whether each word heads its actor's words (its head lies outside them)."""
    s, e, h = w["actor_start"], w["actor_end"], w["head"]
    return (w["actor_code"] != "") & ((h < s) | (h > e)) & (s >= 0)


def _subject_like(w: Words) -> np.ndarray:
    """Subjects, and conjuncts of subjects ("Biden and Xi met")."""
    rel = w["rel"]
    subj = rel.isin(_SUBJ)
    conj = rel.eq("conj") & (w["head"] >= 0)
    return subj | (conj & subj[np.maximum(w["head"], 0)])


def document_countries(w: Words, *, share: float = DOMINANT_SHARE, min_mentions: int = DOMINANT_MIN_MENTIONS) -> dict:
    """doc_id -> the country a document is clearly about: at least ``share`` of its
    country-resolved actor mentions (one per actor's words, resolved by the dictionary or by a
    place in their sentence, "police in Lahore"; IGOs and the unknown country left out) and at
    least ``min_mentions`` of them name it."""
    heads = np.flatnonzero(_span_head(w) & np.isin(w["actor_resolution"], ("dictionary", "context-country")))
    country = w["actor_country"][heads]
    ok = (country != "") & (country != "IGO") & (country != UNKNOWN_COUNTRY)
    if not ok.any():
        return {}
    m = pd.DataFrame({"doc": w["doc_id"][heads[ok]], "c": country[ok]})
    counts = m.groupby(["doc", "c"], sort=False).size().rename("k").reset_index()
    total = counts.groupby("doc")["k"].transform("sum")
    best = counts.assign(share=counts["k"] / total).sort_values(["doc", "k"], ascending=[True, False])
    best = best.drop_duplicates("doc")
    best = best.loc[(best["share"] >= share) & (best["k"] >= min_mentions)]
    return dict(zip(best["doc"].tolist(), best["c"].tolist()))


# -- places ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _place_index() -> tuple:
    g = gazetteer()
    phrases: dict[str, str] = {}
    for key in g.names:
        for p in pattern_phrases(key) if "-" in key else (key,):
            phrases.setdefault(p, key)
    vocab = frozenset(x for p in phrases for x in p.split(" "))
    return (phrases, frozenset(phrases), vocab, max(p.count(" ") + 1 for p in phrases))


def find_places(w: Words, kinds: np.ndarray | None = None) -> pd.DataFrame:
    """Gazetteer place names in the sentences: one row per span (start, end, head gids; sid; key,
    the folded name; row, the gazetteer's best place; quoted; locative, behind a preposition of
    place; country_level). Only capitalised runs are matched (at a sentence's start, only a proper
    noun), and none inside a person's, group's or organisation's name."""
    cols = ["start", "end", "head", "sid", "key", "row", "quoted", "locative", "country_level"]
    if w.n == 0:
        return pd.DataFrame({c: [] for c in cols})
    norm: Cat = w["norm"]
    first_upper = _first_upper(w)
    tails = norm.isin(_PLACE_TAILS)
    folded = norm.map(lambda s: s.map(fold))
    masked = Cat(np.where(first_upper | tails, folded.codes, -1), folded.uniques)
    index = _place_index()
    start, length, key = _place_spans(masked, w["sid"], index)
    if not len(start):
        return pd.DataFrame({c: [] for c in cols})
    end = start + length - 1
    upos: Cat = w["upos"]
    propn = upos.eq("PROPN")
    # a capitalised run is a name when the parse says so or when it does not open the sentence
    ok = first_upper[start] & ((w["tok"][start] > 1) | _span_any(propn, start, end))
    if kinds is None:
        kinds = np.full(w.n, "", dtype=object)
    # a place name inside a person's, group's or organisation's name is no place ("Kyiv Independent")
    not_place = (w["actor_code"] != "") & ~pd.Series(kinds, dtype=object).isin(
        _PLACE_KINDS | {"adjective", ""}
    ).to_numpy()
    ok &= ~_span_any(not_place, start, end)
    start, end, key = start[ok], end[ok], key[ok]
    head = w["head"]
    # the span's head: its first word whose head lies outside it
    width = int((end - start).max(initial=0)) + 1
    g = start[:, None] + np.arange(width)[None, :]
    inside = g <= end[:, None]
    hg = head[np.minimum(g, w.n - 1)]
    outside = inside & ((hg < start[:, None]) | (hg > end[:, None]))
    hd = np.where(outside.any(axis=1), start + outside.argmax(axis=1), end)
    gz = gazetteer()
    kc, ku = pd.factorize(key)  # one gazetteer lookup per distinct name
    names = [index[0][k] for k in ku.tolist()]
    rows = np.array([gz.rows_of(k)[0] for k in names], dtype=np.int64)[kc]
    loc = _locative(w)[hd]
    return pd.DataFrame(
        {
            "start": start,
            "end": end,
            "head": hd,
            "sid": w["sid"][start],
            "key": np.asarray(names, dtype=object)[kc],
            "row": rows,
            "quoted": _quoted(w)[start],
            "locative": loc,
            "country_level": gz.places["kind"].to_numpy(dtype=object)[rows] == "country",
        }
    )


def _place_spans(norm: Cat, sid: np.ndarray, index: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Longest, leftmost non-overlapping gazetteer phrases over the words ``norm`` marks (code
    >= 0), within sentences: (start gids, lengths, phrases). Like match._find_spans, but with set
    lookups, as the words examined are few and the phrases many."""
    phrases, _, vocab, max_len = index
    n = len(norm)
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))
    in_vocab = _member(norm, vocab)
    if not in_vocab.any():
        return none
    cand_all, run = vocabulary_runs(in_vocab, sid)
    words = norm.values
    covered = np.zeros(n, dtype=bool)
    starts, lengths, found = [], [], []
    for length in range(min(max_len, int(run.max(initial=0))), 0, -1):
        cand = cand_all[run >= length]
        cand = cand[~covered[cand]]
        if not len(cand):
            continue
        keys = words[cand]
        for j in range(1, length):
            keys = keys + " " + words[cand + j]
        hit = np.fromiter((k in phrases for k in keys.tolist()), dtype=bool, count=len(keys))
        for start, k in zip(cand[hit].tolist(), keys[hit].tolist()):
            if not covered[start : start + length].any():
                covered[start : start + length] = True
                starts.append(start)
                lengths.append(length)
                found.append(k)
    if not starts:
        return none
    return np.asarray(starts, dtype=np.int64), np.asarray(lengths, dtype=np.int64), np.asarray(found, dtype=object)


def _locative(w: Words) -> np.ndarray:
    """Whether each word stands behind a preposition of place ("in", "near", "at", "outside")."""
    from geoevent.extract import verb_classes

    return w["lemma"].lut(verb_classes()["locative"])[w["case_key"]]


def _first_upper(w: Words) -> np.ndarray:
    text = Cat.of(w["text"])
    up = np.array([bool(v) and v[0].isupper() for v in text.uniques.tolist()] + [False])
    return up[text.codes]


# -- the stage ------------------------------------------------------------------------------------


def resolve_context(w: Words, d: Dictionaries, *, rules: CodingRules) -> Words:
    """Coreference and document-level country over a chunk (see the module docs); adds
    ``actor_ante_start`` / ``actor_ante_end`` (character offsets, -1 none) and ``places`` (the
    chunk's :func:`find_places` table) to ``w``."""
    n = w.n
    w["actor_ante_start"] = np.full(n, -1, dtype=np.int64)
    w["actor_ante_end"] = np.full(n, -1, dtype=np.int64)
    kinds = _kinds(w, d) if n else np.zeros(0, dtype=object)
    places = find_places(w, kinds)
    w["places"] = places
    if n == 0:
        return w
    if rules.coreference:
        _coreference(w, kinds)
    if rules.context_country:
        _context_countries(w, places, rules)
    return w


def _context_countries(w: Words, places: pd.DataFrame, rules: CodingRules) -> None:
    """Country-less agents: a gazetteer place behind a preposition of place in the sentence, else
    the document's dominant country."""
    lone_agent = w.get("lone_agent")
    if lone_agent is None:
        return
    code, country, res = w["actor_code"], w["actor_country"], w["actor_resolution"]
    open_ = (lone_agent != "") & ((res == "unknown-country") | (code == ""))
    if not open_.any():
        return
    gz = gazetteer()
    n_sent = int(w["sid"].max()) + 1
    sent_country = np.full(n_sent, "", dtype=object)
    p = places.loc[places["locative"].to_numpy(dtype=bool) & ~places["quoted"].to_numpy(dtype=bool)]
    if len(p):
        p = p.drop_duplicates("sid")
        sent_country[p["sid"].to_numpy()] = gz.places["country"].to_numpy(dtype=object)[p["row"].to_numpy()]
    dominant = document_countries(w)
    idx = np.flatnonzero(open_)
    sc = sent_country[w["sid"][idx]]
    dc = (
        np.array([dominant.get(x, "") for x in w["doc_id"][idx].tolist()], dtype=object)
        if dominant
        else np.full(len(idx), "", dtype=object)
    )
    new = np.where(sc != "", sc, dc)
    take = new != ""
    idx, new, how = idx[take], new[take], np.where(sc[take] != "", "context-country", "document-country")
    country[idx] = new
    w["actor_agent"][idx] = lone_agent[idx]
    code[idx] = new + lone_agent[idx]
    res[idx] = how
    w["actor_start"][idx] = idx
    w["actor_end"][idx] = idx


def _anaphors(w: Words, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(gid, class, agent) of the mentions coreference resolves, and each word's "the" (-1 none)."""
    norm, lemma, rel, upos = w["norm"], w["lemma"], w["rel"], w["upos"]
    head = w["head"]
    pron = upos.eq("PRON")
    out_g, out_c, out_a = [], [], []

    def add(mask: np.ndarray, cls: int, agent: np.ndarray | None = None) -> None:
        g = np.flatnonzero(mask)
        out_g.append(g)
        out_c.append(np.full(len(g), cls, dtype=np.int64))
        out_a.append(agent[g] if agent is not None else np.full(len(g), "", dtype=object))

    quoted = _quoted(w)
    # a pronoun subject of a clause reported by an actor is that actor, as extract.py reads it
    # ("Iran said it would attack Japan"): left to that rule
    subj = np.flatnonzero(rel.isin(_SUBJ) & (head >= 0))
    has_actor_subj = np.zeros(w.n, dtype=bool)
    has_actor_subj[head[subj]] = w["actor_code"][subj] != ""
    h = np.maximum(head, 0)
    reported = (
        pron
        & rel.isin(_SUBJ)
        & (head >= 0)
        & rel.isin(("ccomp",))[h]
        & (head[h] >= 0)
        & has_actor_subj[np.maximum(head[h], 0)]
    )
    pron = pron & ~reported
    add(pron & norm.isin(_PERSON_PRON) & (w["actor_code"] == ""), _HE)
    add(pron & norm.isin(_IT_PRON) & (w["actor_code"] == ""), _IT)
    add(pron & norm.isin(_PLURAL_PRON) & (w["actor_code"] == ""), _THEY)
    add(pron & norm.isin(_FIRST_PRON) & quoted & (w["actor_code"] == ""), _FIRST)
    # definite descriptions: "the" + a head noun with no country of its own
    det_the = rel.eq("det") & lemma.eq("the") & (head >= 0)
    has_the = np.zeros(w.n, dtype=bool)
    has_the[head[det_the]] = True
    has_mod = np.zeros(w.n, dtype=bool)  # "the Russian president" names its country itself
    mods = rel.isin(("amod", "compound", "nmod:poss", "nmod", "flat", "nummod")) & (head >= 0)
    has_mod[head[mods & ~rel.eq("nummod")]] = True
    # an adjective naming no actor leaves a country or group description open ("the self-ruled
    # island", "the armed group")
    named_mod = np.zeros(w.n, dtype=bool)
    named_mod[head[mods & ~rel.eq("nummod") & (~rel.eq("amod") | (w["actor_code"] != ""))]] = True
    base = has_the & upos.isin(("NOUN",)) & ~rel.isin(_NOT_HEAD)
    base &= (w["actor_resolution"] != "dictionary") & (w["actor_resolution"] != "coreference")
    desc = base & ~has_mod
    lone_agent = w.get("lone_agent", np.full(w.n, "", dtype=object))
    singular = np.array([not v.endswith("s") for v in norm.uniques.tolist()] + [True])[norm.codes]
    titles = _title_words(w)
    # "the foreign minister" is the minister named before; "the former president" someone else
    other = np.zeros(w.n, dtype=bool)
    other[head[mods & lemma.isin(_OTHER_HOLDER)]] = True
    add(base & ~named_mod & ~other & titles & singular & (lone_agent != ""), _TITLE, lone_agent)
    # "the two leaders", "the ministers": several people at once, no one actor: codes nothing
    add(desc & titles & ~singular & (lone_agent != ""), _TITLES)
    add(base & ~named_mod & norm.isin(_COUNTRY_NOUNS), _COUNTRY)
    add(base & ~named_mod & norm.isin(_GROUP_NOUNS), _GROUP)
    add(base & ~named_mod & norm.isin(_GROUP_PLURALS), _GROUPS)
    the = np.full(w.n, -1, dtype=np.int64)
    the[head[det_the]] = np.flatnonzero(det_the)
    return np.concatenate(out_g), np.concatenate(out_c), np.concatenate(out_a), the


_title_cache: dict[int, tuple] = {}
_agent_cache: dict[int, tuple] = {}


def _agent_words(w: Words) -> np.ndarray:
    """Each word's agent code when it is a one-word agent noun of the built-in dictionaries
    ("warplanes" MIL, "government" GOV), else "" (weapons included, unlike ``lone_agent``)."""
    from geoevent.dictionaries.builtin import load_builtin

    agents = load_builtin().agents
    hit = _agent_cache.get(id(agents))
    if hit is None or hit[0] is not agents:
        one = agents.loc[~agents["pattern"].str.contains(" ", regex=False)].drop_duplicates("pattern", keep="last")
        hit = (agents, dict(zip(one["pattern"].tolist(), one["agent"].tolist())))
        _agent_cache.clear()
        _agent_cache[id(agents)] = hit
    table = hit[1]

    def of(col: Cat) -> np.ndarray:
        vals = np.array([table.get(u, "") for u in col.uniques.tolist()] + [""], dtype=object)
        return vals[col.codes]

    by_norm = of(w["norm"])
    return np.where(by_norm != "", by_norm, of(w["lemma"]))


def _title_words(w: Words) -> np.ndarray:
    """Words that name an office held by one person ("president", "chancellor", "minister")."""
    from geoevent.dictionaries.builtin import load_builtin

    agents = load_builtin().agents
    key = id(agents)
    hit = _title_cache.get(key)
    if hit is None or hit[0] is not agents:
        titles = frozenset(agents.loc[agents["kind"].to_numpy(dtype=object) == "title", "pattern"].tolist())
        hit = (agents, titles)
        _title_cache.clear()
        _title_cache[key] = hit
    return _member(w["norm"], hit[1]) | _member(w["lemma"], hit[1])


def _surnames(w: Words, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A person named in full, then by surname alone ("Foreign Minister Musalia Mudavadi ...
    Mudavadi said"): (gids of the later bare names, the gids of their earlier mentions). The
    surname is the last capitalised proper noun running on from the mention's last word."""
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    n = w.n
    m = _mentions(w, kinds)
    upos: Cat = w["upos"]
    propn = upos.eq("PROPN") & _first_upper(w)
    named = propn | m["person"]
    reps = np.flatnonzero(m["rep"] & named & (m["person"] | (w["actor_agent"] != "")) & ~m["body"])
    if not len(reps):
        return none
    sid = w["sid"]
    idx = np.arange(n)
    next_break = np.minimum.accumulate(np.where(propn, n, idx)[::-1])[::-1]
    after = np.minimum(reps + 1, n - 1)
    last = np.where(reps + 1 < n, next_break[after] - 1, reps)
    last = np.where((last > reps) & (sid[np.minimum(last, n - 1)] == sid[reps]), last, reps)
    last = np.where(propn[last], last, -1)
    reps, last = reps[last >= 0], last[last >= 0]
    cand = np.flatnonzero(propn & (w["actor_code"] == "") & ~w["rel"].isin(("compound", "flat")))
    if not len(reps) or not len(cand):
        return none
    norm = w["norm"].values
    left = pd.DataFrame({"g": cand, "doc": w["doc_id"][cand], "name": norm[cand]}).sort_values("g")
    right = pd.DataFrame({"g": last, "rep": reps, "doc": w["doc_id"][reps], "name": norm[last]}).sort_values("g")
    hit = pd.merge_asof(left, right, on="g", by=["doc", "name"], direction="backward", allow_exact_matches=False)
    hit = hit.dropna(subset=["rep"])
    return hit["g"].to_numpy(np.int64), hit["rep"].to_numpy(np.int64)


def _coreference(w: Words, kinds: np.ndarray) -> None:
    sg, sa = _surnames(w, kinds)
    gids, cls, agent_of, the = _anaphors(w, kinds)
    if len(sg):
        _apply(w, kinds, sg, sa, the)
    if not len(gids):
        return
    third = cls != _FIRST
    # an object is not its own clause's subject ("They accused them", "China warned the island"):
    # subjects first
    rel = w["rel"]
    obj = third & rel.isin(("obj", "iobj"))[gids]
    for part in (third & ~obj, obj):
        not_code = _clause_subject_codes(w, gids[part]) if part is obj else None
        rg, ra, ambiguous = _antecedents(w, kinds, gids[part], cls[part], agent_of[part], not_code)
        _drop_unresolved(w, gids[part], cls[part], rg, ambiguous)
        _apply(w, kinds, rg, ra, the)
    first = gids[~third]
    if len(first):  # "we" in a quote: its speaker, whose "he" is resolved by now
        ante = _speakers(w)[first]
        ok = ante >= 0
        _apply(w, kinds, first[ok], ante[ok], the)


def _clause_subject_codes(w: Words, gids: np.ndarray) -> np.ndarray:
    """The actor code of the subject of each word's clause ("" when none)."""
    out = np.full(len(gids), "", dtype=object)
    subj = np.flatnonzero(w["rel"].isin(_SUBJ) & (w["head"] >= 0))
    subj_of = np.full(w.n, -1, dtype=np.int64)
    subj_of[w["head"][subj][::-1]] = subj[::-1]
    h = w["head"][gids]
    s = np.where(h >= 0, subj_of[np.maximum(h, 0)], -1)
    out[s >= 0] = w["actor_code"][s[s >= 0]]
    return out


def _antecedents(
    w: Words,
    kinds: np.ndarray,
    gids: np.ndarray,
    cls: np.ndarray,
    agent_of: np.ndarray,
    not_code: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(anaphor gids resolved, their antecedents' gids, anaphor gids found ambiguous); an
    anaphor's antecedent never has the code ``not_code`` gives it."""
    code, country, agent = w["actor_code"], w["actor_country"], w["actor_agent"]
    sid = w["sid"]
    norm: Cat = w["norm"]
    # mentions of actors: names, and nouns naming an agent ("Ukraine's military"), not any noun
    # a possessor lends its country to ("Ukraine's ability"); a run of words with one actor is
    # one mention ("German Chancellor Olaf Scholz"), standing at its last word
    m = _mentions(w, kinds)
    heads = m["rep"]
    subj = m["subj"]
    person = m["person"]
    country_level = (code == country) & (country != "") & (country != "IGO")
    body = m["body"]
    plural_noun = np.array([v.endswith("s") for v in norm.uniques.tolist()] + [False])[norm.codes] & w["upos"].eq(
        "NOUN"
    )
    # a name the dictionaries lack, known by its title ("Foreign Minister Musalia Mudavadi"): a person
    titled = np.zeros(w.n, dtype=bool)
    reps = np.flatnonzero(heads)
    titled[reps] = _span_any(_title_words(w), np.maximum(m["lo"][reps], 0), np.maximum(m["hi"][reps], reps))
    person = person | (titled & w["upos"].eq("PROPN") & (agent != "") & ~body & ~country_level)
    organ = (agent != "") & ~person & ~plural_noun  # "the Russian government", "the ministry"
    pools = {
        _HE: heads & person,
        _TITLE: heads & person,
        _IT: heads & ~person & (country_level | body | organ),
        _THEY: heads & ~person & (body | plural_noun),
        _COUNTRY: heads & country_level,
        _GROUP: heads & body,
        _GROUPS: heads & (body | (plural_noun & np.isin(agent, ("REB", "INS", "UAF", "SEP")))),
    }
    sent_first = np.flatnonzero(w["tok"] == 1)
    doc_code = pd.factorize(w["doc_id"][sent_first])[0][sid]
    sent_idx = w["sent_idx"]
    # "it" and "they" may mean a thing: a subject noun that is no compatible actor ("The decision
    # ... it") stands between them and any actor further back
    nominal = w["upos"].isin(("NOUN", "PROPN")) & subj & ~person
    rivals = {_IT: nominal & ~pools[_IT] & ~plural_noun, _THEY: nominal & ~pools[_THEY] & plural_noun}
    out_g: list[int] = []
    out_a: list[int] = []
    amb: list[int] = []
    groups = []
    for c in np.unique(cls).tolist():
        if c not in pools:  # "the two leaders": never one antecedent
            continue
        sel = np.flatnonzero(cls == c)
        if c == _TITLE:  # "the president": a person holding that office
            for a in sorted(set(agent_of[sel].tolist())):
                groups.append((c, sel[agent_of[sel] == a], pools[c] & (agent == a)))
        else:
            groups.append((c, sel, pools[c]))
    for c, sel, pool in groups:
        g = gids[sel]
        rival = rivals.get(c)
        cand = np.flatnonzero(pool | rival) if rival is not None else np.flatnonzero(pool)
        if not len(cand):
            continue
        pos = np.searchsorted(cand, g) - 1  # the latest candidate before each anaphor
        last = cand[np.maximum(pos, 0)]
        has = (pos >= 0) & (doc_code[last] == doc_code[g])
        if c in (_HE, _IT, _THEY):
            has &= sent_idx[g] - sent_idx[last] <= PRONOUN_WINDOW
        lo_of = np.searchsorted(cand, sent_first[sid[last]])  # the latest sentence's first candidate
        for k in np.flatnonzero(has).tolist():
            a = int(g[k])
            ring = cand[lo_of[k] : pos[k] + 1]
            if not_code is not None and not_code[sel[k]]:
                ring = ring[code[ring] != not_code[sel[k]]]
                if not len(ring):
                    continue
            top = ring[subj[ring]] if subj[ring].any() else ring
            if rival is not None and rival[top].any():
                continue  # a thing, not an actor
            if len(set(code[top].tolist())) > 1:
                amb.append(a)  # two actors of equal standing: ambiguous, codes nothing
                continue
            out_g.append(a)
            out_a.append(int(top[-1]))
    return np.asarray(out_g, dtype=np.int64), np.asarray(out_a, dtype=np.int64), np.asarray(amb, dtype=np.int64)


def _mentions(w: Words, kinds: np.ndarray) -> dict[str, np.ndarray]:
    """Actor mentions as runs of neighbouring words of one actor in one sentence; per word, at
    each run's last word (``rep``): whether the run holds a person, a subject, a group or
    organisation, and its first and last word (``lo``, ``hi``). Computed once per chunk (the
    anaphors resolved meanwhile are no mentions)."""
    hit = w.get("_mentions")
    if hit is not None and len(hit["rep"]) == w.n:
        return hit
    n = w.n
    code, res, agent = w["actor_code"], w["actor_resolution"], w["actor_agent"]
    valid = (code != "") & np.isin(res, ("dictionary", "context-country")) & (w["actor_direct"] | (agent != ""))
    prev_same = np.r_[False, (code[1:] == code[:-1]) & (w["sid"][1:] == w["sid"][:-1]) & valid[:-1]]
    start = valid & ~prev_same
    run = np.cumsum(start) - 1
    idx = np.flatnonzero(valid)
    r = run[idx]
    k = int(r.max()) + 1 if len(r) else 0
    subj_w = _subject_like(w)
    lo_w = np.where(w["actor_start"] >= 0, w["actor_start"], np.arange(n))
    hi_w = np.maximum(w["actor_end"], np.arange(n))

    def any_of(x: np.ndarray) -> np.ndarray:
        return np.bincount(r, weights=x[idx].astype(np.float64), minlength=k) > 0

    last = np.full(k, -1, dtype=np.int64)
    last[r] = idx  # the last word of each run wins
    out = {name: np.zeros(n, dtype=bool) for name in ("rep", "subj", "person", "body")}
    out["rep"][last] = True
    out["subj"][last] = any_of(subj_w)
    out["person"][last] = any_of(kinds == "person")
    out["body"][last] = any_of(np.isin(kinds, ("group", "igo")))
    lo = np.full(k, n, dtype=np.int64)
    np.minimum.at(lo, r, lo_w[idx])
    hi = np.full(k, -1, dtype=np.int64)
    np.maximum.at(hi, r, hi_w[idx])
    out["lo"] = np.full(n, -1, dtype=np.int64)
    out["hi"] = np.full(n, -1, dtype=np.int64)
    out["lo"][last], out["hi"][last] = lo, hi
    w["_mentions"] = out
    return out


def _apply(w: Words, kinds: np.ndarray, rg: np.ndarray, ra: np.ndarray, the: np.ndarray) -> None:
    """Give anaphors ``rg`` the actors of their antecedents ``ra``; a possessor gives it to its
    agent noun instead ("its forces" -> the antecedent's country + MIL)."""
    if not len(rg):
        return
    code, country, agent = w["actor_code"], w["actor_country"], w["actor_agent"]
    entry, res = w["actor_entry"], w["actor_resolution"]
    a_start, a_end = w["actor_start"], w["actor_end"]
    lone_agent = w.get("lone_agent", np.full(w.n, "", dtype=object))
    poss = w["rel"].eq("nmod:poss")[rg] & (w["head"][rg] >= 0)
    hd = np.where(poss, w["head"][rg], -1)
    h0 = np.maximum(hd, 0)
    # an agent noun takes its possessor's actor, as "Israel's warplanes" does in the match stage:
    # "its warplanes" (the noun's agent word, weapons included: ISRMIL), "his government"; a noun
    # naming no agent ("its curfew") stays a thing, and one with an actor of its own keeps it
    agent_word = np.where(lone_agent != "", lone_agent, _agent_words(w))
    open_head = (code[h0] == "") | (res[h0] == "unknown-country")
    member = w["norm"].isin(_MEMBER_NOUNS)  # "its fighters", "their leader": the group's own people
    via_head = poss & w["upos"].isin(("NOUN", "PROPN"))[h0] & open_head & ((agent_word[h0] != "") | member[h0])
    keep = ~poss | via_head
    rg, ra, hd, via_head = rg[keep], ra[keep], hd[keep], via_head[keep]
    tg = np.where(via_head, hd, rg)
    own_body = np.isin(kinds[ra], ("group", "igo")) & (code[ra] != country[ra])
    la = agent_word[tg]
    mixed = via_head & ~own_body & (country[ra] != "") & (la != "")
    code[tg] = np.where(mixed, country[ra] + la, code[ra])
    agent[tg] = np.where(mixed, la, agent[ra])
    country[tg] = country[ra]
    entry[tg] = entry[ra]
    res[tg] = "coreference"
    a_start[tg] = np.where(via_head, rg, np.where(the[tg] >= 0, the[tg], tg))
    a_end[tg] = tg
    m = _mentions(w, kinds) if len(ra) else None
    lo = np.where(m["lo"][ra] >= 0, m["lo"][ra], ra) if m is not None else ra
    hi = np.where(m["hi"][ra] >= 0, m["hi"][ra], ra) if m is not None else ra
    w["actor_ante_start"][tg] = w["start"][lo]
    w["actor_ante_end"][tg] = w["end"][hi]


def _drop_unresolved(w: Words, gids: np.ndarray, cls: np.ndarray, resolved: np.ndarray, ambiguous: np.ndarray) -> None:
    """An ambiguous mention codes nothing; so does a definite description of one office, one
    country or one group that found no antecedent and no place ("the president" is no one's)."""
    open_ = ~np.isin(gids, resolved)
    strict = np.isin(cls, (_TITLE, _TITLES, _COUNTRY, _GROUP)) & (w["actor_resolution"][gids] != "context-country")
    g = gids[open_ & (strict | np.isin(gids, ambiguous))]
    if len(g):
        for k in ("actor_code", "actor_country", "actor_agent", "actor_entry", "actor_resolution"):
            w[k][g] = ""
        w["actor_start"][g] = -1
        w["actor_end"][g] = -1
        if "lone_agent" in w:
            w["lone_agent"][g] = ""


def _speakers(w: Words) -> np.ndarray:
    """Per word, the actor word speaking the quote it may lie in: the subject of its sentence's
    reporting verb when that has an actor, else the last such speaker earlier in the document;
    -1 when none."""
    n = w.n
    out = np.full(n, -1, dtype=np.int64)
    rel = w["rel"]
    verb = w["lemma"].isin(_SPEECH)
    subj = np.flatnonzero(rel.isin(_SUBJ) & (w["head"] >= 0))
    subj = subj[verb[w["head"][subj]] & ~_quoted(w)[subj]]
    if not len(subj):
        return out
    sid = w["sid"]
    # a pronoun speaker ("he remarked") is resolved just before: take its actor if it has one
    has = (w["actor_code"][subj] != "") & (w["actor_resolution"][subj] != "unknown-country")
    if not has.any():
        return out
    # a sentence's speaker; -2: it has one we cannot name ("Sybiga declared"), which ends the
    # carrying forward of the last named one
    sent_spk = np.full(int(sid.max()) + 1, -1, dtype=np.int64)
    sent_spk[sid[subj][::-1]] = np.where(has, subj, -2)[::-1]
    # carry the last speaker forward within a document
    first = np.flatnonzero(w["tok"] == 1)
    doc = pd.factorize(w["doc_id"][first])[0]
    s = pd.Series(sent_spk).where(sent_spk >= 0)
    s = s.groupby(doc).ffill(limit=PRONOUN_WINDOW)  # a quote runs on for a sentence or two
    carried = s.fillna(-1).to_numpy(np.int64)
    return np.maximum(carried, -1)[sid]


# -- event locations ------------------------------------------------------------------------------


def locate_events(
    w: Words, vb: np.ndarray, src: np.ndarray, tgt: np.ndarray, codes: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """The place of each event (verb ``vb``, source ``src``, target ``tgt``, gids; -1 none):
    arrays for :data:`LOCATION_FIELDS`.

    Candidates are the sentence's gazetteer places outside quotations and outside the words of the
    event's source and target, except places behind a preposition of place ("police in Lagos")
    and a city or region attacked or visited (``codes``, the event codes, of roots 18-20 or
    042/043: "shelled the city of Kherson", "visited Kyiv"). The first of: a place within three head steps below the verb, in its clause,
    behind a preposition of place ("near Bakhmut", "positions in Kharkiv"), cities and regions
    before countries; then any other city or region of the sentence (one named as an actor only
    behind a preposition of place); the nearest to the verb within each. A name of several
    places takes the one in the source's or target's country unless another is ten times more
    populous (Lima, Peru over Lima, Ohio), else the most populous.
    """
    m = len(vb)
    out = {
        "location_name": np.full(m, None, dtype=object),
        "location_country": np.full(m, None, dtype=object),
        "location_admin1": np.full(m, None, dtype=object),
        "latitude": np.full(m, np.nan),
        "longitude": np.full(m, np.nan),
        "location_id": np.full(m, None, dtype=object),
        "location_start": np.full(m, -1, dtype=np.int64),
        "location_end": np.full(m, -1, dtype=np.int64),
    }
    places = w.get("places")
    if places is None:
        places = find_places(w)
    if m == 0 or len(places) == 0:
        return out
    places = places.loc[~places["quoted"].to_numpy(dtype=bool)]
    if not len(places):
        return out
    attack = (
        np.zeros(m, dtype=bool)
        if codes is None
        else (
            np.isin(np.array([str(c)[:2] for c in codes], dtype=object), ("18", "19", "20"))
            | np.isin(np.array([str(c)[:3] for c in codes], dtype=object), ("042", "043"))
        )
    )
    ev = pd.DataFrame({"e": np.arange(m), "sid": w["sid"][vb], "vb": vb, "src": src, "tgt": tgt, "attack": attack})
    pairs = ev.merge(places.reset_index(drop=True).rename_axis("p").reset_index(), on="sid")
    if not len(pairs):
        return out
    a_start, a_end = w["actor_start"], w["actor_end"]
    ps, pe, ph = (pairs[c].to_numpy(np.int64) for c in ("start", "end", "head"))
    s = pairs["src"].to_numpy(np.int64)
    t = pairs["tgt"].to_numpy(np.int64)
    v = pairs["vb"].to_numpy(np.int64)
    s_lo, s_hi = a_start[np.maximum(s, 0)], a_end[np.maximum(s, 0)]
    in_src = (s >= 0) & (ps <= np.maximum(s_hi, s)) & (pe >= np.minimum(np.where(s_lo >= 0, s_lo, s), s))
    tt = np.maximum(t, 0)
    t_lo, t_hi = np.where(a_start[tt] >= 0, a_start[tt], tt), np.maximum(a_end[tt], tt)
    loc = pairs["locative"].to_numpy(dtype=bool)
    in_tgt = (t >= 0) & (ps <= t_hi) & (pe >= t_lo)
    attacked = pairs["attack"].to_numpy(dtype=bool) & ~pairs["country_level"].to_numpy(dtype=bool)
    ok = loc | (~in_src & (~in_tgt | attacked))
    # within three head steps below the verb
    head = w["head"]
    below = np.zeros(len(pairs), dtype=bool)
    x = ph.copy()
    path_loc = loc.copy()
    locative_word = _locative(w)
    clause = w["upos"].isin(("VERB", "AUX"))
    blocked = np.zeros(len(pairs), dtype=bool)
    for _ in range(3):  # "near Bakhmut", "positions in Kharkiv", "in the city of Sumy"
        step = (x >= 0) & ~below & ~blocked
        x = np.where(step, head[np.maximum(x, 0)], x)
        below |= step & (x == v)
        blocked |= step & (x >= 0) & (x != v) & clause[np.maximum(x, 0)]  # another clause's place
        path_loc |= step & (x >= 0) & ~below & locative_word[np.maximum(x, 0)]
    country_level = pairs["country_level"].to_numpy(dtype=bool)
    # a place named as an actor ("Moscow's stockpiles", "between Pyongyang and the Kremlin") is
    # no location unless it stands behind a preposition of place
    actor = w["actor_code"][ph] != ""
    tier = np.where(
        below & path_loc & ~country_level,
        0,
        np.where(below & path_loc, 1, np.where(~country_level & (loc | ~actor | attacked), 2, 9)),
    )
    dist = np.abs(ph - v)
    pairs = pairs.assign(tier=tier, dist=dist).loc[ok & (tier < 9)]
    if not len(pairs):
        return out
    pairs = pairs.sort_values(["e", "tier", "dist"], kind="stable").drop_duplicates("e")
    gz = gazetteer()
    P = gz.places
    countries = P["country"].to_numpy(dtype=object)
    code_country = w["actor_country"]
    e = pairs["e"].to_numpy()
    population = P["population"].to_numpy(np.int64)
    own = P["place_id"].str.startswith("geoevent:").to_numpy(dtype=bool)
    best_rows: list[int] = []
    for key, sg, tg, best in zip(
        pairs["key"].tolist(), pairs["src"].tolist(), pairs["tgt"].tolist(), pairs["row"].tolist()
    ):
        cand = gz.rows_of(key)
        if len(cand) > 1 and not own[cand[0]]:
            want = {code_country[sg] if sg >= 0 else "", code_country[tg] if tg >= 0 else ""} - {""}
            top = int(population[cand].max())
            hit = [r for r in cand.tolist() if countries[r] in want and 10 * population[r] >= top]
            best = hit[0] if hit else int(cand[0])
        best_rows.append(best)
    sub = P.iloc[np.asarray(best_rows, dtype=np.int64)]
    out["location_name"][e] = sub["name"].to_numpy(dtype=object)
    out["location_country"][e] = sub["country"].to_numpy(dtype=object)
    out["location_admin1"][e] = sub["admin1"].to_numpy(dtype=object)
    out["latitude"][e] = sub["latitude"].to_numpy(dtype=np.float64, na_value=np.nan)
    out["longitude"][e] = sub["longitude"].to_numpy(dtype=np.float64, na_value=np.nan)
    out["location_id"][e] = sub["place_id"].to_numpy(dtype=object)
    out["location_start"][e] = w["start"][pairs["start"].to_numpy(np.int64)]
    out["location_end"][e] = w["end"][pairs["end"].to_numpy(np.int64)]
    return out


def locate_frame(
    events: pd.DataFrame,
    tokens: pd.DataFrame,
    dictionaries: Dictionaries,
    *,
    dates: dict | None = None,
    rules: CodingRules | None = None,
) -> pd.DataFrame:
    """``events`` (an events table coded from ``tokens``) with the :data:`LOCATION_FIELDS` filled
    by :func:`locate_events`, finding each event's verb, source and target words by their
    character spans: for coders that build events without a :class:`~geoevent.match.Words`
    (benchmarks/baseline_coder.py)."""
    from geoevent.match import match_actors, prepare, resolve_actors
    from geoevent.tokens import validate_token_table

    events = events.copy()
    if len(events) == 0:
        for k in LOCATION_FIELDS:
            events[k] = pd.Series([], dtype=object)
        return events
    rules = rules if rules is not None else CodingRules().core()
    wanted = pd.MultiIndex.from_frame(events[["doc_id", "sentence_idx"]].drop_duplicates())
    rows = pd.MultiIndex.from_arrays([tokens["doc_id"], tokens["sent_idx"]]).isin(wanted)
    tok = validate_token_table(tokens.loc[rows].reset_index(drop=True))
    w = prepare(tok)
    w = resolve_actors(w, match_actors(w, dictionaries, dates or {}), dictionaries, rules=rules)
    w["places"] = find_places(w, _kinds(w, dictionaries))
    by_end = pd.Series(np.arange(w.n), index=pd.MultiIndex.from_arrays([w["doc_id"], w["sent_idx"], w["end"]]))
    by_start = pd.Series(np.arange(w.n), index=pd.MultiIndex.from_arrays([w["doc_id"], w["sent_idx"], w["start"]]))
    by_end = by_end[~by_end.index.duplicated()]
    by_start = by_start[~by_start.index.duplicated()]
    doc, sent = events["doc_id"].to_numpy(dtype=object), events["sentence_idx"].to_numpy(np.int64)

    def gid(table: pd.Series, chars: str) -> np.ndarray:
        idx = pd.MultiIndex.from_arrays([doc, sent, events[chars].to_numpy(np.int64)])
        return table.reindex(idx).fillna(-1).to_numpy(np.int64)

    loc = locate_events(
        w,
        gid(by_start, "verb_start"),
        gid(by_end, "source_end"),
        gid(by_end, "target_end"),
        events["event_code"].to_numpy(dtype=object),
    )
    for k, v in loc.items():
        events[k] = v
    return events
