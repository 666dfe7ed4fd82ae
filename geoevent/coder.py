"""Code stage and orchestration: token tables in, events table out, in bounded chunks.

``code_tokens`` runs match -> extract -> code over a token table from any parser;
``code_documents`` parses documents first, isolating failures so one bad document never costs
the others their events.
"""

from __future__ import annotations

import datetime as dt
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from geoevent.clean import clean_texts
from geoevent.codebook import load_codebook
from geoevent.context import locate_events, resolve_context
from geoevent.dictionaries.tables import Dictionaries
from geoevent.errors import InputError, InvalidValueError, ParserUnavailableError
from geoevent.extract import DOMESTIC_ROOTS, IMPLICIT_TARGET, compile_verbs, extract_nominal, extract_triples
from geoevent.match import actor_text, discarded_sentences, match_actors, prepare, resolve_actors
from geoevent.repair import repair_tokens
from geoevent.rules import CodingRules
from geoevent.schema import EVENT_COLUMNS
from geoevent.tokens import sentence_texts, validate_token_table

__all__ = [
    "DATE_DTYPE",
    "STRING_DTYPE",
    "MissingDateWarning",
    "attach_sentences",
    "code_documents",
    "code_tokens",
    "deduplicate",
    "deduplicate_story",
    "default_dictionaries",
    "document_dates",
    "empty_events",
    "finish_events",
]

#: Sentences per chunk: bounds the memory of the intermediate tables on large corpora.
CHUNK_SENTENCES = 50_000

#: Compiled verb tables of the Dictionaries objects seen last, by id: (weak reference, table).
#: At most COMPILED_CACHE entries; an entry goes when its Dictionaries object is collected.
_compiled: OrderedDict[int, tuple[weakref.ref[Dictionaries], pd.DataFrame]] = OrderedDict()
COMPILED_CACHE = 8


def default_dictionaries() -> Dictionaries:
    """The built-in dictionaries (loaded once)."""
    from geoevent.dictionaries.builtin import load_builtin

    return load_builtin()


def _compiled_verbs(dictionaries: Dictionaries) -> pd.DataFrame:
    """The compiled verb table of ``dictionaries`` (cached; the cache keeps no object alive)."""
    key = id(dictionaries)
    hit = _compiled.get(key)
    if hit is not None and hit[0]() is dictionaries:
        _compiled.move_to_end(key)
        return hit[1]

    def forget(ref: weakref.ref[Dictionaries], key: int = key) -> None:
        entry = _compiled.get(key)
        if entry is not None and entry[0] is ref:
            del _compiled[key]

    verbs = compile_verbs(dictionaries)
    _compiled[key] = (weakref.ref(dictionaries, forget), verbs)
    _compiled.move_to_end(key)
    while len(_compiled) > COMPILED_CACHE:
        _compiled.popitem(last=False)
    return verbs


def _fingerprint(dictionaries: Dictionaries) -> str:
    """``dictionaries.fingerprint()``, computed once per Dictionaries object."""
    key = id(dictionaries)
    hit = _fingerprints.get(key)
    if hit is None or hit[0] is not dictionaries:
        hit = (dictionaries, dictionaries.fingerprint())
        _fingerprints[key] = hit
    return hit[1]


_fingerprints: dict[int, tuple[Dictionaries, str]] = {}


def empty_events() -> pd.DataFrame:
    """An events table with no rows."""
    return _finish(pd.DataFrame({c: [] for c in EVENT_COLUMNS}))


def _rules(rules: Any) -> CodingRules:
    if rules is None:
        return CodingRules()
    if not isinstance(rules, CodingRules):
        raise InputError(f"rules must be a geoevent.CodingRules, got {type(rules).__name__}")
    return rules


def _as_date(value: Any) -> dt.date | None:
    """A document date: a date, a datetime/Timestamp, or ISO text ("2024-11-17",
    "2024-11-17T10:00:00Z", "2024-11-17 10:00:00+02:00"); None for a missing one.

    A timestamp gives its own calendar date as written (the offset is not applied)."""
    if type(value) is dt.date:  # the common case first
        return value
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return None
        if len(s) == 10:
            return dt.date.fromisoformat(s)
        try:
            return dt.datetime.fromisoformat(s).date()
        except ValueError:
            raise InvalidValueError(
                f"not an ISO date or timestamp: {value!r} (e.g. 2024-11-17 or 2024-11-17T10:00:00Z)"
            ) from None
    if hasattr(value, "date"):
        return value.date()
    raise InputError(f"not a date: {value!r}")


def document_dates(dates: Mapping[str, Any] | None) -> dict[str, dt.date | None]:
    """doc_id -> date, from dates given as date, datetime, Timestamp, "YYYY-MM-DD" or None."""
    return {k: _as_date(v) for k, v in (dates or {}).items()}


def finish_events(ev: pd.DataFrame) -> pd.DataFrame:
    """The events table from raw event rows (with ``pattern_label``): the codebook's fields of each
    code, then the canonical columns and dtypes. Shared with the per-sentence oracle."""
    return _finish(_with_codebook(ev))


def code_tokens(
    tokens: pd.DataFrame,
    *,
    dictionaries: Dictionaries | None = None,
    dates: Mapping[str, Any] | None = None,
    doc_texts: Mapping[str, str] | None = None,
    parser: str = "given",
    rules: CodingRules | None = None,
    chunk_sentences: int = CHUNK_SENTENCES,
) -> pd.DataFrame:
    """Code a token table (from any parser) into events.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table (:mod:`geoevent.tokens`): :func:`geoevent.parse`, :func:`geoevent.read_conllu`.
    dictionaries : Dictionaries, optional
        Default: the built-in dictionaries.
    dates : mapping of doc_id to date, optional
        Each document's date (date, Timestamp or ISO text): picks each person's role and fills
        ``event_date``.
    doc_texts : mapping of doc_id to str, optional
        The documents' texts, for exact sentence texts; without it they are rebuilt from the words.
    parser : str, default "given"
        The name written to the ``parser`` column.
    rules : CodingRules, optional
        Which conventions apply (default ``CodingRules()``; docs/architecture.md).
    chunk_sentences : int
        Sentences coded at once (bounds memory).

    Returns
    -------
    pandas.DataFrame
        One row per event, the columns of :data:`geoevent.EVENT_SCHEMA`; ``attrs["coding_rules"]``
        holds the rules as JSON.

    Examples
    --------
    >>> import geoevent
    >>> tokens = geoevent.parse("Russia attacked Ukraine.", doc_ids=["d1"])
    >>> events = geoevent.code_tokens(tokens, dates={"d1": "2024-11-17"})
    >>> events[["source_code", "event_code", "target_code"]].values.tolist()
    [['RUS', '190', 'UKR']]
    """
    rules = _rules(rules)
    d = dictionaries if dictionaries is not None else default_dictionaries()
    tokens = validate_token_table(tokens)
    day = document_dates(dates)
    if len(tokens) == 0:
        return empty_events()
    verbs = _compiled_verbs(d)
    if rules.parse_repairs:
        tokens = repair_tokens(tokens)
    sid = np.cumsum(tokens["tok_idx"].to_numpy() == 1) - 1  # sentences start at word 1
    bounds = np.searchsorted(sid, np.arange(0, sid.max() + 1, max(1, chunk_sentences)))
    bounds = np.r_[bounds, len(tokens)]
    parts = []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        if hi > lo:
            parts.append(_code_chunk(tokens.iloc[lo:hi], d, verbs, day, doc_texts, parser, rules))
    out = _finish(pd.concat(parts, ignore_index=True)) if parts else empty_events()
    out.attrs["coding_rules"] = rules.to_json()
    out.attrs["dictionary_fingerprint"] = _fingerprint(d)
    return out


def _code_chunk(
    tokens: pd.DataFrame,
    d: Dictionaries,
    verbs: pd.DataFrame,
    dates: Mapping[str, dt.date | None],
    doc_texts: Mapping[str, str] | None,
    parser: str,
    rules: CodingRules,
) -> pd.DataFrame:
    w = prepare(tokens)
    mentions = match_actors(w, d, dates, rules=rules)
    w = resolve_actors(w, mentions, d, rules=rules)
    w = resolve_context(w, d, rules=rules)  # coreference, document country, places
    triples = extract_triples(w, verbs, rules=rules)
    if rules.nominal and len(d.nouns):
        nominal = extract_nominal(w, d.nouns, verbs, rules=rules, coded_verbs=triples["verb"].to_numpy())
        if len(nominal):
            triples = pd.concat([triples, nominal], ignore_index=True) if len(triples) else nominal
    if len(triples) and len(d.discards):  # a sentence with a discard phrase codes nothing
        triples = triples.loc[~discarded_sentences(w, d)[triples["verb"].to_numpy()]]
    if len(triples) == 0:
        return pd.DataFrame({c: [] for c in EVENT_COLUMNS})
    code = w["actor_code"]
    src, tgt, vb = (triples[c].to_numpy() for c in ("source", "target", "verb"))
    has_src = code[src] != ""
    has_tgt = (tgt >= 0) & (code[np.maximum(tgt, 0)] != "")
    keep = has_src & (has_tgt | (tgt < 0))
    # an implicit target is the source's own country ("Nigeria relaxed its curfew")
    implicit = tgt == IMPLICIT_TARGET
    triples = triples.loc[keep]
    src, tgt, vb, implicit = src[keep], tgt[keep], vb[keep], implicit[keep]
    tgt = _self_targets_dropped(triples, code, src, tgt, rules)
    tgt_ok = tgt >= 0
    tg = np.maximum(tgt, 0)

    def target_side(values: np.ndarray, fill: Any) -> np.ndarray:
        out = np.array(values[tg], dtype=object if values.dtype == object else values.dtype)
        out[~tgt_ok] = fill
        return out

    s_text, s_start, s_end = actor_text(w, src)
    # an unnamed agent ("was abducted in Darfur") has no words of its own
    for i in np.flatnonzero(w["actor_resolution"][src] == "unnamed-agent").tolist():
        s_text[i], s_start[i], s_end[i] = "", -1, -1
    t_text, t_start, t_end = actor_text(w, tg)
    words = w["text"]
    particle = triples["particle_gid"].to_numpy()
    verb_text = np.where(particle >= 0, words[vb] + " " + words[np.maximum(particle, 0)], words[vb])
    start, end = w["start"], w["end"]
    verb_end = np.where(particle > vb, end[np.maximum(particle, 0)], end[vb])
    ev = pd.DataFrame(
        {
            "doc_id": w["doc_id"][vb],
            "sentence_idx": w["sent_idx"][vb],
            "source_code": code[src],
            "source_country": w["actor_country"][src],
            "source_agent": w["actor_agent"][src],
            "source_text": np.array(s_text, dtype=object),
            "source_start": s_start,
            "source_end": s_end,
            "source_entry_id": w["actor_entry"][src],
            "source_resolution": w["actor_resolution"][src],
            "source_antecedent_start": w["actor_ante_start"][src],
            "source_antecedent_end": w["actor_ante_end"][src],
            "target_antecedent_start": np.where(tgt_ok, w["actor_ante_start"][tg], -1),
            "target_antecedent_end": np.where(tgt_ok, w["actor_ante_end"][tg], -1),
            "target_resolution": np.where(implicit, "implicit-domestic", target_side(w["actor_resolution"], None)),
            "target_code": np.where(implicit, w["actor_country"][src], target_side(code, None)),
            "target_country": np.where(implicit, w["actor_country"][src], target_side(w["actor_country"], None)),
            "target_agent": target_side(w["actor_agent"], None),
            "target_text": np.where(tgt_ok, np.array(t_text, dtype=object), None),  # type: ignore[call-overload]  # numpy's stubs reject a None fill
            "target_start": np.where(tgt_ok, t_start, -1),
            "target_end": np.where(tgt_ok, t_end, -1),
            "target_entry_id": target_side(w["actor_entry"], None),
            "_target_kind": target_side(w["actor_kind"], ""),
            "event_code": triples["code"].to_numpy(dtype=object),
            "pattern_label": triples["label"].to_numpy(dtype=object),
            "pattern_id": triples["entry_id"].to_numpy(dtype=object),
            "verb_text": verb_text,
            "verb_start": start[vb],
            "verb_end": verb_end,
            "parser": parser,
            **locate_events(w, vb, src, np.where(tgt_ok, tgt, -1), triples["code"].to_numpy(dtype=object)),
        }
    )
    if rules.sector_codes:
        ev = protest_demands(recode_by_sector(ev))
    # no event of an actor on itself; one event per (sentence, source, code, target)
    # ... except an act in the source's own country, where a place stands for it ("Thousands of
    # Iranians demonstrated in Tehran"): the target is that country
    # or a domestic act whose target is a place or thing of the source's own country ("Iranian
    # women marched through the streets of Tehran")
    own_place = (
        (
            ev["_target_kind"].isin(("city", "capital", "region"))
            | ev["event_code"].astype(str).str[:2].isin(DOMESTIC_ROOTS)
        )
        & (ev["source_code"] == ev["target_code"])
        & (ev["target_resolution"] == "dictionary")
        & rules.implicit_target
    )
    ev.loc[own_place, "target_resolution"] = "implicit-domestic"
    ev = ev.loc[(ev["source_code"] != ev["target_code"]) | (ev["target_resolution"] == "implicit-domestic")]
    ev = ev.drop(columns="_target_kind")
    ev = ev.drop_duplicates(["doc_id", "sentence_idx", "source_code", "event_code", "target_code"])
    if len(ev) == 0:
        return pd.DataFrame({c: [] for c in EVENT_COLUMNS})
    rows = np.isin(w["sid"], np.unique(w["sid"][vb]))
    ev = attach_sentences(ev, sentence_texts(tokens.loc[rows], doc_texts))
    ev["event_date"] = pd.Series([dates.get(k) for k in ev["doc_id"].tolist()], index=ev.index, dtype=object)
    return _with_codebook(ev)


def _self_targets_dropped(
    triples: pd.DataFrame, code: np.ndarray, src: np.ndarray, tgt: np.ndarray, rules: CodingRules
) -> np.ndarray:
    """Self-target step: an actor that is its own target ("Thailand's army chief conceded that
    soldiers had fired", both THAMIL) keeps the event of a targetless root, without a target;
    other roots' events of an actor on itself are dropped below."""
    if not rules.targetless_roots or not len(tgt):
        return tgt
    root = triples["code"].astype(str).str[:2]
    keepable = rules.is_targetless(triples["code"]) & ~root.isin(DOMESTIC_ROOTS).to_numpy()
    self_target = (tgt >= 0) & (code[src] == code[np.maximum(tgt, 0)]) & keepable
    return np.where(self_target, -1, tgt)


#: Agents of people whose violence CAMEO codes by who they are, not by the verb.
_PROTESTERS = frozenset({"PRO"})
_IRREGULAR_FORCES = frozenset({"INS", "CRM", "UAF"})
#: Devices whose attacks CAMEO codes by the device (183x), by words of the source's text.
_DEVICE_CODES = (
    ("suicide", "1831"),
    ("car bomb", "1832"),
    ("vehicle", "1832"),
    ("truck bomb", "1832"),
    ("roadside", "1833"),
    ("ied", "1833"),
    ("landmine", "1833"),
    ("mine", "1833"),
)
_POLICE = frozenset({"COP"})
_CIVIL_TARGETS = frozenset({"PRO", "CVL", "EDU", "LAB", "OPP", "HRI", "MED", "REL", "REF"})


def recode_by_sector(ev: pd.DataFrame) -> pd.DataFrame:
    """Sector step: violence whose code CAMEO takes from who commits it. Protesters who storm,
    burn or fight riot (145); militants, terrorists, gangs and unaligned gunmen who attack use
    unconventional violence (190 -> 180) and bomb without aircraft (195 -> 183); police who attack their own civilians, protesters or
    students use violent repression (19x -> 175); a bomb's attack takes the bomb's code (suicide
    1831, car 1832, roadside or mine 1833)."""
    if not len(ev):
        return ev
    code = ev["event_code"].astype(str)
    root = code.str[:2]
    s_agent = ev["source_agent"].fillna("").astype(str)
    t_agent = ev["target_agent"].fillna("").astype(str)
    same_country = ev["source_country"].fillna("").astype(str) == ev["target_country"].fillna("").astype(str)
    riot = s_agent.isin(_PROTESTERS) & root.isin(("17", "18", "19"))
    unconventional = s_agent.isin(_IRREGULAR_FORCES) & (code == "190")
    # militants who "bomb" have no aircraft: a non-military bombing (183), not an air strike (195)
    bombing = s_agent.isin(_IRREGULAR_FORCES | {"REB"}) & (code == "195")
    bombing &= ev["verb_text"].fillna("").astype(str).str.lower().str.startswith("bomb")
    repression = (
        s_agent.isin(_POLICE)
        & (root == "19")
        & same_country
        & (t_agent.isin(_CIVIL_TARGETS) | (ev["target_resolution"] == "implicit-domestic"))
    )
    new = code.where(~riot, "145").where(~unconventional, "180").where(~repression, "175").where(~bombing, "183")
    # a bomb's attack is coded by the bomb: "A roadside bomb killed ..." 1833, "suicide bombers" 1831
    text = ev["source_text"].fillna("").astype(str).str.lower()
    violent = root.isin(("18", "19")) & ~code.str.startswith("183")
    for word, device_code in _DEVICE_CODES[::-1]:  # the first listed wins
        new = new.where(~(violent & text.str.contains(rf"\b{word}", regex=True)), device_code)
    changed = (new != code).to_numpy()
    if not changed.any():
        return ev
    label = ev["pattern_label"].to_numpy(dtype=object).copy()
    label[changed] = ""
    return ev.assign(event_code=new.to_numpy(dtype=object), pattern_label=label)


_PROTEST_TYPES = frozenset({"141", "142", "143", "144", "145"})


def protest_demands(ev: pd.DataFrame) -> pd.DataFrame:
    """Protest step: a protest (141-145) whose sentence says what the protesters demand ("rallied
    in Belgrade, demanding that Milosevic step down": 1041 or the appeal 0241) takes CAMEO's
    sub-code for it (1411: for leadership change; 14x2 policy, 14x3 rights, 14x4 institutions),
    and the demand is not a second event, nor is any other demand or generic protest (140) of the
    same crowd in the sentence; protesters' own demand for reform is a demonstration for it
    (1041 -> 1411, 104 -> 141)."""
    if not len(ev):
        return ev
    code = ev["event_code"].astype(str)
    wants = code.str.match(r"^(104|024)[1-4]$")
    protest = code.isin(_PROTEST_TYPES)
    key = ev["doc_id"].astype(str) + "\x1f" + ev["sentence_idx"].astype(str) + "\x1f" + ev["source_code"].astype(str)
    demand_digit = code.str[3].where(wants)
    by_key = demand_digit.groupby(key).first()
    digit = key.map(by_key)
    new = code.copy()
    merged = protest & digit.notna()
    new[merged] = code[merged] + digit[merged]
    # the demand of protesters with no protest verb: a demonstration for it
    pro = ev["source_agent"].fillna("").astype(str) == "PRO"
    lone = code.str.match(r"^104[1-4]?$") & pro & ~key.isin(key[protest])
    new[lone] = "141" + code[lone].str[3:]
    # the protest absorbs its crowd's other demands and the generic protest verb ("marched to
    # the White House to protest police brutality and demand justice": one 141 event)
    absorbed = (code.str.startswith("10") | (code == "140")) & key.isin(key[protest])
    drop = (wants & key.isin(key[merged])) | absorbed
    label = ev["pattern_label"].to_numpy(dtype=object).copy()
    label[(new != code).to_numpy()] = ""
    out = ev.assign(event_code=new.to_numpy(dtype=object), pattern_label=label)
    return out.loc[~drop.to_numpy()]


def attach_sentences(ev: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Add ``sentence_text`` and ``sentence_start`` (its offset in the document, -1 when unknown);
    take source and target texts from it, as written ("Moscow’s stocks").

    ``sents`` comes from :func:`geoevent.tokens.sentence_texts`. Without character offsets the
    texts stay the actor's words joined by spaces.
    """
    sents = sents.rename(columns={"sent_idx": "sentence_idx", "text": "sentence_text", "start_char": "_s0"})
    ev = ev.merge(sents[["doc_id", "sentence_idx", "sentence_text", "_s0"]], on=["doc_id", "sentence_idx"], how="left")
    s0 = ev.pop("_s0").fillna(-1).to_numpy(np.int64)
    ev["sentence_start"] = s0
    text = ev["sentence_text"].tolist()
    for side in ("source", "target"):
        lo, hi = ev[f"{side}_start"].to_numpy(np.int64) - s0, ev[f"{side}_end"].to_numpy(np.int64) - s0
        old = ev[f"{side}_text"].tolist()
        ev[f"{side}_text"] = [
            t[a:b] if o is not None and t is not None and z >= 0 and 0 <= a < b <= len(t) else o
            for o, t, a, b, z in zip(old, text, lo.tolist(), hi.tolist(), s0.tolist())
        ]
    return ev


def _with_codebook(ev: pd.DataFrame) -> pd.DataFrame:
    """Add the codebook's fields of each event code. A code the codebook lacks (one a user's
    dictionary defines) keeps its events, with null base/root code, quad class and Goldstein."""
    book = load_codebook().set_index("code")
    rows = book.reindex(ev["event_code"].to_numpy())
    ev = ev.assign(
        event_base_code=rows["base_code"].to_numpy(dtype=object),
        event_root_code=rows["root_code"].to_numpy(dtype=object),
        quad_class=pd.array(rows["quad_class"].to_numpy(dtype=object), dtype="Int8"),
        goldstein=rows["goldstein"].to_numpy(dtype=np.float64),
        plover_type=rows["plover_type"].to_numpy(dtype=object),
    )
    label = ev.pop("pattern_label").to_numpy(dtype=object)
    book_label = rows["label"].to_numpy(dtype=object)
    book_label = np.where(pd.isna(book_label), "", book_label)
    ev["label"] = np.where((label == "") | pd.isna(label), book_label, label)
    return ev


def _event_ids(ev: pd.DataFrame) -> list[str]:
    """16 hex digits from (doc_id, sentence, source, code, target): the same event, the same id."""
    key = pd.DataFrame(
        {
            "doc_id": ev["doc_id"].astype(str).to_numpy(dtype=object),
            "sentence_idx": ev["sentence_idx"].to_numpy(np.int64),
            "source_code": ev["source_code"].astype(str).to_numpy(dtype=object),
            "event_code": ev["event_code"].astype(str).to_numpy(dtype=object),
            "target_code": ev["target_code"].fillna("").astype(str).to_numpy(dtype=object),
        }
    )
    # pandas' hash with its fixed default key: deterministic across runs and machines
    hashed = pd.util.hash_pandas_object(key, index=False).to_numpy(np.uint64)
    return [f"{h:016x}" for h in hashed.tolist()]


_INT_COLUMNS = (
    "sentence_idx",
    "source_start",
    "source_end",
    "target_start",
    "target_end",
    "verb_start",
    "verb_end",
    "source_antecedent_start",
    "source_antecedent_end",
    "target_antecedent_start",
    "target_antecedent_end",
    "location_start",
    "location_end",
    "sentence_start",
)
_NULL_IF_EMPTY = frozenset(
    {
        "source_country",
        "source_agent",
        "target_country",
        "target_agent",
        "source_entry_id",
        "target_entry_id",
        "plover_type",
    }
)


#: the one dtype of every text column of the events table: pandas' Arrow-backed string, missing = pd.NA
STRING_DTYPE = pd.StringDtype("pyarrow")
#: the dtype of ``event_date``: Arrow's date32 in pandas (``.dt`` works; values are datetime.date)
DATE_DTYPE = pd.ArrowDtype(pa.date32())


def event_dates(values: Any) -> pd.api.extensions.ExtensionArray:
    """Dates (date, datetime, Timestamp, ISO text, None/NaT) as an ``event_date`` array."""
    if isinstance(values, pd.Series) and values.dtype == DATE_DTYPE:
        return values.array
    out = [_as_date(v) for v in (values.tolist() if hasattr(values, "tolist") else list(values))]
    return pd.array(pa.array(out, type=pa.date32()), dtype=DATE_DTYPE)


def _strings(values: Any) -> pd.api.extensions.ExtensionArray:
    """str/None values as a ``STRING_DTYPE`` array (through Arrow: faster than pd.array)."""
    return pd.arrays.ArrowStringArray(pa.array(values, type=pa.string(), from_pandas=True))


def _finish(ev: pd.DataFrame) -> pd.DataFrame:
    """Canonical column order and dtypes of the events table (``ev``, a fresh frame, is changed)."""
    for col in _INT_COLUMNS:
        ev[col] = pd.to_numeric(ev[col]).fillna(-1).astype(np.int32) if col in ev else np.full(len(ev), -1, np.int32)
    for col in ("latitude", "longitude"):
        ev[col] = pd.to_numeric(ev[col]).astype(np.float64) if col in ev else np.full(len(ev), np.nan)
    ev["quad_class"] = ev["quad_class"].astype("Int8")  # null for a code outside the codebook
    outside = ev["event_root_code"].isna().to_numpy() & ev["event_code"].notna().to_numpy()
    if outside.any():
        bad = sorted(set(ev.loc[outside, "event_code"]))
        warnings.warn(
            f"{int(outside.sum())} event(s) have codes outside the CAMEO codebook ({', '.join(bad)}): "
            "their base and root codes, quad class and Goldstein score are left empty",
            stacklevel=3,
        )
    ev["goldstein"] = ev["goldstein"].astype(np.float32)
    for col in EVENT_COLUMNS:
        if col not in ev:
            ev[col] = None
    ev["event_date"] = event_dates(ev["event_date"])
    str_cols = [
        c
        for c in EVENT_COLUMNS
        if c not in (*_INT_COLUMNS, "latitude", "longitude", "quad_class", "goldstein", "event_date")
    ]
    for col in str_cols:
        values = ev[col].to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]  # None is a valid na_value
        if col in _NULL_IF_EMPTY:  # no agent / no country is null, not ""
            values = np.where(values == "", None, values)
        ev[col] = pd.Series(_strings(values), index=ev.index)
    ev["event_id"] = _strings(_event_ids(ev) if len(ev) else [])
    ev = ev.sort_values(["doc_id", "sentence_idx", "verb_start", "source_start"], kind="stable")
    return ev[list(EVENT_COLUMNS)].reset_index(drop=True)


class MissingDateWarning(UserWarning):
    """Documents coded without a date: people's roles are their latest, ``event_date`` is null."""


def code_documents(
    documents: pd.DataFrame,
    *,
    parser: str = "embedded",
    dictionaries: Dictionaries | None = None,
    rules: CodingRules | None = None,
    progress: bool = False,
    batch_docs: int = 256,
    on_problem: Callable[[str, Exception], None] | None = None,
    line_breaks: str = "auto",
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """Parse and code a table of documents.

    A document that fails to parse or code is reported through
    ``on_problem`` (default: a warning naming it) and skipped; every other document keeps its
    events. Documents without a date are coded, with one :class:`MissingDateWarning` per call
    saying how many. A parser that cannot run raises :class:`geoevent.ParserUnavailableError`
    once, before any document is coded.

    Parameters
    ----------
    documents : pandas.DataFrame
        Columns ``doc_id``, ``text`` and optionally ``date`` (date, Timestamp or ISO text).
    parser : {"embedded", "stanza"}, default "embedded"
        The parser backend.
    dictionaries : Dictionaries, optional
        Default: the built-in dictionaries.
    rules : CodingRules, optional
        The coding rules of :func:`code_tokens`.
    progress : bool, default False
        Show a progress bar (``tqdm.auto``: a widget in Jupyter, text on a terminal).
    batch_docs : int, default 256
        Documents parsed at once (fewer while a progress bar is shown, so that it moves).
    on_problem : callable, optional
        Called with (doc_id, exception) for each skipped document instead of warning.
    keep : list of str, optional
        More columns of ``documents`` ("url", "source", "title") copied into each of the
        document's events, after the columns of the events table.
    line_breaks : {"auto", "sentence", "space"}, default "auto"
        What a line break means (:func:`geoevent.parse.tokenize.segments`). Surrogate code
        points in texts and ids become U+FFFD (:mod:`geoevent.clean`).

    Returns
    -------
    pandas.DataFrame
        One row per event (:data:`geoevent.EVENT_SCHEMA`); ``attrs["problems"]`` lists the
        skipped documents as (doc_id, message) pairs, ``attrs["coding_rules"]`` the rules (JSON)
        and ``attrs["dictionary_fingerprint"]`` the dictionaries.

    Examples
    --------
    >>> import geoevent, pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Russia attacked Ukraine."], "date": ["2024-11-17"]})
    >>> geoevent.code_documents(docs)["event_code"].tolist()
    ['190']
    """
    rules = _rules(rules)
    from geoevent.parse import get_parser
    from geoevent.parse.tokenize import check_line_breaks

    check_line_breaks(line_breaks)

    for col in ("doc_id", "text", *keep):
        if col not in documents.columns:
            raise InputError(f"documents table has no {col!r} column")
    d = dictionaries if dictionaries is not None else default_dictionaries()
    backend = get_parser(parser)
    docs = documents.reset_index(drop=True)
    ids = clean_texts(docs["doc_id"].astype(str).tolist())
    texts = clean_texts(docs["text"].tolist())
    dates_col = docs["date"].tolist() if "date" in docs.columns else [None] * len(ids)
    problems: list[tuple[str, str]] = []

    def report(doc_id: str, exc: Exception) -> None:
        problems.append((doc_id, str(exc)))
        if on_problem is not None:
            on_problem(doc_id, exc)
        else:
            warnings.warn(f"document {doc_id!r} skipped: {exc}", stacklevel=3)

    dates: dict[str, dt.date | None] = {}
    bad_date: set[str] = set()
    for doc_id, value in zip(ids, dates_col):
        try:
            dates[doc_id] = _as_date(value)
        except (InputError, ValueError) as exc:  # coded undated, and reported (issue 15's contract)
            problem = InputError(f"bad date {value!r}: {exc}; coded undated")
            problems.append((doc_id, str(problem)))
            if on_problem is not None:
                on_problem(doc_id, problem)
            else:
                warnings.warn(f"document {doc_id!r}: {problem}", stacklevel=2)
            dates[doc_id] = None
            bad_date.add(doc_id)
    undated = sum(1 for i in ids if dates.get(i) is None)
    if undated:
        warnings.warn(
            f"{undated} of {len(ids)} document(s) have no date: people's roles are taken as their latest "
            "(e.g. a former president as an elite) and event_date is null; give each document a date "
            "(the date column, or the CLI's --date)",
            MissingDateWarning,
            stacklevel=3,
        )
    bar = None
    step = batch_docs
    if progress:
        from tqdm.auto import tqdm  # a terminal bar, or a widget in Jupyter

        bar = tqdm(total=len(ids), unit="doc", desc="coding", disable=None)
        step = max(1, min(batch_docs, len(ids) // 100))  # the bar moves at least 100 times
    parts: list[pd.DataFrame] = []
    sentences = [0]
    for lo in range(0, len(ids), step):
        b_ids, b_texts = ids[lo : lo + step], texts[lo : lo + step]
        try:
            parts.append(_parse_and_code(backend, b_ids, b_texts, d, dates, rules, line_breaks, sentences))
        except ParserUnavailableError:  # the parser, not a document: one clear failure
            if bar is not None:
                bar.close()
            raise
        except Exception:  # noqa: BLE001 - isolate the failing document(s), keep the rest
            for doc_id, text in zip(b_ids, b_texts):
                try:
                    parts.append(_parse_and_code(backend, [doc_id], [text], d, dates, rules, line_breaks, sentences))
                except ParserUnavailableError:
                    raise
                except Exception as exc:  # noqa: BLE001 - reported, batch goes on
                    report(doc_id, exc)
                if bar is not None:
                    bar.update(1)
        else:
            if bar is not None:
                bar.update(len(b_ids))
    if bar is not None:
        bar.close()
    out = _finish(pd.concat(parts, ignore_index=True)) if parts else empty_events()
    out = keep_columns(out, docs, keep)
    out.attrs["problems"] = problems
    out.attrs["sentences"] = sentences[0]
    out.attrs["coding_rules"] = rules.to_json()
    out.attrs["dictionary_fingerprint"] = _fingerprint(d)
    return out


def keep_columns(events: pd.DataFrame, documents: pd.DataFrame, keep: Sequence[str]) -> pd.DataFrame:
    """``events`` with the columns ``keep`` of ``documents`` (matched on doc_id) appended."""
    keep = [k for k in dict.fromkeys(keep) if k not in EVENT_COLUMNS]
    if not keep:
        return events
    meta = documents[["doc_id", *keep]].assign(doc_id=documents["doc_id"].astype(str))
    meta = meta.drop_duplicates("doc_id").set_index("doc_id")
    extra = meta.reindex(events["doc_id"].astype(str).to_numpy())
    return events.assign(**{k: extra[k].to_numpy(dtype=object) for k in keep})


def _parse_and_code(
    backend: Any,
    ids: list[str],
    texts: list[Any],
    d: Dictionaries,
    dates: Mapping[str, Any],
    rules: CodingRules,
    line_breaks: str = "auto",
    sentences: list[int] | None = None,
) -> pd.DataFrame:
    for doc_id, text in zip(ids, texts):
        if not isinstance(text, str):
            raise InputError(f"document {doc_id!r}: text is {type(text).__name__}, not str")
    tokens = backend.parse(texts, doc_ids=ids, line_breaks=line_breaks)
    events = code_tokens(
        tokens,
        dictionaries=d,
        dates={k: dates.get(k) for k in ids},
        doc_texts=dict(zip(ids, texts)),
        parser=backend.name,
        rules=rules,
    )
    if sentences is not None and len(tokens):
        sentences[0] += int((tokens["tok_idx"].to_numpy() == 1).sum())
    return events


#: The keys :func:`deduplicate` collapses on.
_DEDUP_KEYS = {"story": ("doc_id",), "day": ("event_date",)}


def deduplicate(events: pd.DataFrame, *, by: str = "story") -> pd.DataFrame:
    """One event per happening: the same (source, code, target) coded again collapses into its
    first row (its evidence: sentence, spans, location), in table order.

    ``by="story"``: within a document. ``by="day"``: within a day across documents, as Phoenix's
    one-a-day filter does (an event without a date is only collapsed within its document). The
    kept row gains ``mentions`` (rows collapsed into it) and ``num_documents`` (distinct
    documents among them).

    Parameters
    ----------
    events : pandas.DataFrame
        An events table.
    by : {"story", "day"}, default "story"
        Collapse within a document, or within a day across documents.

    Returns
    -------
    pandas.DataFrame
        The kept rows, with ``mentions`` and ``num_documents``.

    Examples
    --------
    >>> import geoevent, pandas as pd
    >>> docs = pd.DataFrame({"id": ["a", "b"], "date": ["2024-11-17"] * 2,
    ...                      "text": ["Russia attacked Ukraine.", "Russia attacked Ukraine again."]})
    >>> events = geoevent.code_frame(docs, id_col="id", date_col="date")
    >>> day = geoevent.deduplicate(events, by="day")
    >>> (len(events), len(day), day["mentions"].tolist(), day["num_documents"].tolist())
    (2, 1, [2], [2])
    """
    if by not in _DEDUP_KEYS:
        raise InputError(f"deduplicate: by must be 'story' or 'day', got {by!r}")
    if len(events) == 0:
        return events.assign(mentions=pd.Series([], dtype=np.int32), num_documents=pd.Series([], dtype=np.int32))
    actors = ["source_code", "event_code", "target_code"]
    key = events[actors].astype(object).where(events[actors].notna(), "")
    if by == "story":
        key.insert(0, "_k", events["doc_id"].astype(str).to_numpy(dtype=object))
    else:
        day = events["event_date"]
        undated = day.isna().to_numpy()
        k = np.where(
            undated, ["doc:" + str(v) for v in events["doc_id"].tolist()], ["day:" + str(v) for v in day.tolist()]
        )
        key.insert(0, "_k", k)
    cols = list(key.columns)
    group = key.groupby(cols, sort=False).ngroup().to_numpy()
    mentions = np.bincount(group)
    docs = pd.DataFrame({"g": group, "d": events["doc_id"].astype(str).to_numpy(dtype=object)})
    n_docs = docs.drop_duplicates().groupby("g").size().reindex(np.arange(len(mentions)), fill_value=0).to_numpy()
    first = ~pd.Series(group).duplicated().to_numpy()
    out = events.loc[first].reset_index(drop=True)
    g = group[first]
    out["mentions"] = mentions[g].astype(np.int32)
    out["num_documents"] = n_docs[g].astype(np.int32)
    return out


def deduplicate_story(events: pd.DataFrame) -> pd.DataFrame:
    """Story-level de-duplication, ``deduplicate(events, by="story")``: one event per (doc_id, source,
    code, target), the first kept.

    Parameters
    ----------
    events : pandas.DataFrame
        An events table.

    Returns
    -------
    pandas.DataFrame
        The kept rows, with a ``mentions`` column: how many sentences of the story coded that
        event (the GDELT export's NumMentions).

    Examples
    --------
    >>> import geoevent
    >>> events = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine. Russia attacked Ukraine again."],
    ...                                            "date": ["2024-11-17"]}), date_col="date")
    >>> story = geoevent.deduplicate_story(events)
    >>> (len(events), len(story), story["mentions"].tolist())
    (2, 1, [2])
    """
    return deduplicate(events, by="story")
