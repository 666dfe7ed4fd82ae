"""The built-in dictionaries and the plain TSV dictionary format: loader and validator.

A dictionary file is UTF-8 text, tab-separated, with one header row and one entry per row;
blank lines and lines starting with ``#`` are ignored. The header tells the kind of table
(see docs/dictionaries.md):

=========  =====================================================================
actors     pattern, code, country, agent, kind, start_date, end_date, name [, note]
agents     pattern, agent, kind [, note]
verbs      verb, particle, object, prep, code, label [, note]
discards   pattern [, note]
nouns      noun, prep, code, label [, note]
=========  =====================================================================

:func:`load_builtin` reads the files shipped in ``geoevent/data/dictionaries``;
:func:`load_files` reads a user's own files (merge them on top with
:meth:`Dictionaries.merged`); :func:`check_file` validates one file and raises
:class:`~geoevent.errors.DictionaryError` (file, line, reason) for the first bad entry.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import pandas as pd

from geoevent.dictionaries.tables import (
    ACTOR_COLUMNS,
    AGENT_COLUMNS,
    DISCARD_COLUMNS,
    NOUN_COLUMNS,
    VERB_COLUMNS,
    Dictionaries,
)
from geoevent.errors import DictionaryError

__all__ = [
    "ACTOR_KINDS",
    "AGENT_CODES",
    "AGENT_KINDS",
    "actors_on",
    "builtin_files",
    "check_file",
    "load_builtin",
    "load_files",
]

#: Agent (sector) codes accepted in the ``agent`` column of actor and agent files.
AGENT_CODES: dict[str, str] = {
    "GOV": "government: heads of state and government, ministers, officials, diplomats",
    "MIL": "military: armed forces, army, navy, air force, soldiers, defence forces",
    "COP": "police and internal security forces",
    "REB": "rebels and armed groups fighting a government",
    "INS": "insurgents and militants",
    "UAF": "unaligned armed forces: mercenaries, militias not tied to a state or rebellion",
    "SEP": "separatists",
    "OPP": "political opposition",
    "PTY": "political party",
    "LEG": "legislature: parliament, lawmakers",
    "JUD": "judiciary: courts, judges, prosecutors",
    "SPY": "intelligence services",
    "MED": "media: journalists, news organisations",
    "BUS": "business: companies, firms, industry",
    "CVL": "civilians and citizens",
    "PRO": "protesters and demonstrators",
    "ELI": "elites: former officials and prominent persons without a current office",
    "REF": "refugees and displaced people",
    "LAB": "labour: trade unions, workers",
    "EDU": "education: universities, students, teachers",
    "HLH": "health: doctors, hospitals",
    "REL": "religious leaders and bodies",
    "CRM": "criminals, gangs, cartels",
    "NGO": "non-governmental organisations, aid groups",
    "HRI": "human rights groups",
    "ENV": "environmental groups",
    "AGR": "agriculture: farmers",
}

#: Values of the ``kind`` column of actor files.
ACTOR_KINDS = frozenset({"country", "adjective", "capital", "city", "region", "igo", "group", "person", "other"})
#: Values of the ``kind`` column of agent files.
AGENT_KINDS = frozenset({"noun", "title"})

_OPTIONAL = ("note",)
_LAYOUTS: dict[str, tuple[str, ...]] = {
    "actors": tuple(c for c in ACTOR_COLUMNS if c != "entry_id"),
    "agents": tuple(c for c in AGENT_COLUMNS if c != "entry_id"),
    "verbs": tuple(c for c in VERB_COLUMNS if c != "entry_id"),
    "discards": tuple(c for c in DISCARD_COLUMNS if c != "entry_id"),
    "nouns": tuple(c for c in NOUN_COLUMNS if c != "entry_id"),
}
_COLUMNS = {
    "actors": ACTOR_COLUMNS,
    "agents": AGENT_COLUMNS,
    "verbs": VERB_COLUMNS,
    "discards": DISCARD_COLUMNS,
    "nouns": NOUN_COLUMNS,
}
_COUNTRY_RE = re.compile(r"^(?:[A-Z]{3})$")
_CODE_RE = re.compile(r"^(?:[A-Z0-9]{3})+$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PATTERN_RE = re.compile(r"^\S+(?: \S+)*$")
_MAX_DATE = pd.Timestamp.max


@functools.cache
def _codebook_codes() -> frozenset[str] | None:
    """The CAMEO codes of the codebook, or None when the codebook is not available."""
    try:
        from geoevent.codebook import load_codebook

        return frozenset(str(c) for c in load_codebook()["code"])
    except (ImportError, OSError, KeyError, ValueError):
        pass  # no codebook module (yet), or it cannot load: read the file directly
    try:
        ref = resources.files("geoevent").joinpath("data", "cameo_codebook.tsv")
        text = ref.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    col = header.index("code")
    return frozenset(ln.split("\t")[col].strip() for ln in lines[1:])


def _layout(header: list[str], path: str) -> str:
    """The kind of table a header describes."""
    cols = [c for c in header if c not in _OPTIONAL]
    for kind, layout in _LAYOUTS.items():
        if sorted(cols) == sorted(layout) and len(set(header)) == len(header):
            return kind
    expected = "; ".join(f"{k}: {', '.join(v)}" for k, v in _LAYOUTS.items())
    raise DictionaryError(path, None, f"unrecognised header {header!r}; expected the columns of one of {expected}")


def _rows(text: str, path: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) for every non-blank, non-comment line, header included."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield n, [f.strip() for f in line.rstrip("\r\n").split("\t")]


def _date(value: str, path: str, line: int, column: str) -> pd.Timestamp | None:
    if value == "":
        return None
    if not _DATE_RE.match(value):
        raise DictionaryError(path, line, f"bad date in {column}: {value!r} (expected YYYY-MM-DD)")
    try:
        return pd.Timestamp(dt.date.fromisoformat(value))
    except ValueError:
        raise DictionaryError(path, line, f"bad date in {column}: {value!r} is not a calendar date") from None


def _pattern(value: str, path: str, line: int, column: str = "pattern") -> None:
    if value == "":
        raise DictionaryError(path, line, f"empty {column}")
    if not _PATTERN_RE.match(value) or value != value.lower():
        raise DictionaryError(path, line, f"{column} {value!r} is not lowercased words separated by single spaces")


def _tokenizer_pieces(word: str) -> list[str] | None:
    """None when the tokenizer can read ``word`` as one word (written lower-case, capitalized or
    upper-case; alone, after a word, as a clitic "'s" is, or before a capitalized word or a
    digit), else the pieces it cuts it into."""
    from geoevent.parse.tokenize import tokenize_words

    pieces: list[str] | None = None
    for form in (word, word[:1].upper() + word[1:], word.upper()):
        for before in ("", "x"):
            for after in ("", " X", " 1"):
                text = before + form + after
                spans = [sp[:2] for sp in tokenize_words(text)]
                if (len(before), len(before) + len(form)) in spans:
                    return None
                if pieces is None:
                    pieces = [text[s:e] for s, e in spans]
    return pieces


def unmatchable(pattern: str) -> str | None:
    """Why a dictionary pattern can never match the tokenizer's words, or None when it can.

    Patterns match word by word, so every word must be one the tokenizer can produce: "russia,"
    cannot ("," is always a word of its own), nor '"hamas"', "biden's" ("'s" is split off: write
    "biden 's") or "cannot" ("can not"). Hyphenated words may also match split at their hyphens.
    """
    from geoevent.parse.tokenize import split_hyphens

    reasons: list[str] = []
    for word in pattern.split(" "):
        pieces = _tokenizer_pieces(word)
        if pieces is None or all(_tokenizer_pieces(p) is None for p in split_hyphens(word)):
            continue
        shown = " ".join(repr(p) for p in pieces)
        reasons.append(f"the tokenizer always cuts {word!r} into {shown}")
    if not reasons:
        return None
    return "; ".join(reasons) + " (write the pattern as the words the tokenizer makes, separated by spaces)"


def _agent(value: str, path: str, line: int, *, required: bool) -> None:
    if value == "" and not required:
        return
    if value not in AGENT_CODES:
        raise DictionaryError(path, line, f"unknown agent code {value!r} (known: {', '.join(sorted(AGENT_CODES))})")


def _parse(text: str, path: str) -> tuple[str, list[dict[str, object]]]:
    """Validate a whole file; returns its table kind and its entries (with entry_id)."""
    rows = _rows(text.removeprefix("\ufeff"), path)  # a byte-order mark some editors write
    try:
        _, header = next(rows)
    except StopIteration:
        raise DictionaryError(path, None, "no header row") from None
    kind = _layout(header, path)
    width = len(header)
    name = Path(path).name
    codes = _codebook_codes() if kind in ("verbs", "nouns") else None
    entries: list[dict[str, object]] = []
    seen: dict[tuple[str, ...], list[tuple[pd.Timestamp, pd.Timestamp, int]]] = {}
    for line, fields in rows:
        if len(fields) == width - 1 and header[-1] == "note":
            fields.append("")  # a trailing note may be left off
        if len(fields) != width:
            raise DictionaryError(path, line, f"wrong column count: {len(fields)} fields, the header has {width}")
        rec: dict[str, object] = dict(zip(header, fields))
        rec.pop("note", None)
        start = end = None
        if kind == "actors":
            _pattern(str(rec["pattern"]), path, line)
            country, code, agent = str(rec["country"]), str(rec["code"]), str(rec["agent"])
            if country and not _COUNTRY_RE.match(country):
                raise DictionaryError(path, line, f"bad country code {country!r} (3 upper-case letters, or IGO)")
            if not _CODE_RE.match(code):
                raise DictionaryError(path, line, f"bad actor code {code!r} (groups of 3 upper-case letters or digits)")
            if country and not code.startswith(country):
                raise DictionaryError(path, line, f"actor code {code!r} does not start with its country {country!r}")
            _agent(agent, path, line, required=False)
            if rec["kind"] not in ACTOR_KINDS:
                raise DictionaryError(
                    path, line, f"unknown kind {rec['kind']!r} (one of {', '.join(sorted(ACTOR_KINDS))})"
                )
            start = _date(str(rec["start_date"]), path, line, "start_date")
            end = _date(str(rec["end_date"]), path, line, "end_date")
            if start is not None and end is not None and start >= end:
                raise DictionaryError(
                    path, line, f"start_date {rec['start_date']} is not before end_date {rec['end_date']}"
                )
            if rec["name"] == "":
                raise DictionaryError(path, line, "empty name")
            rec["start_date"], rec["end_date"] = start, end
            key: tuple[str, ...] = (str(rec["pattern"]),)
        elif kind == "agents":
            _pattern(str(rec["pattern"]), path, line)
            _agent(str(rec["agent"]), path, line, required=True)
            if rec["kind"] not in AGENT_KINDS:
                raise DictionaryError(
                    path, line, f"unknown kind {rec['kind']!r} (one of {', '.join(sorted(AGENT_KINDS))})"
                )
            key = (str(rec["pattern"]),)
        elif kind == "verbs":
            _pattern(str(rec["verb"]), path, line, "verb")
            for col in ("particle", "prep"):
                if rec[col]:
                    _pattern(str(rec[col]), path, line, col)
            obj = str(rec["object"])
            if obj:
                alts = obj.split("|")
                for alt in alts:
                    _pattern(alt, path, line, "object alternative")
                rec["object"] = "|".join(alts)
            code = str(rec["code"])
            if code == "":
                raise DictionaryError(path, line, "empty code")
            if code != "-" and codes is not None and code not in codes:
                raise DictionaryError(path, line, f"unknown CAMEO code {code!r} (not in the codebook)")
            key = (str(rec["verb"]), str(rec["particle"]), str(rec["object"]), str(rec["prep"]))
        elif kind == "nouns":
            _pattern(str(rec["noun"]), path, line, "noun")
            if " " in str(rec["noun"]):
                raise DictionaryError(path, line, f"noun {rec['noun']!r} must be one word, the head noun's lemma")
            if rec["prep"]:
                _pattern(str(rec["prep"]), path, line, "prep")
            code = str(rec["code"])
            if code == "" or (codes is not None and code not in codes):
                raise DictionaryError(path, line, f"unknown CAMEO code {code!r} (not in the codebook)")
            key = (str(rec["noun"]), str(rec["prep"]))
        else:
            _pattern(str(rec["pattern"]), path, line)
            key = (str(rec["pattern"]),)
        lo = start if start is not None else pd.Timestamp.min
        hi = end if end is not None else _MAX_DATE
        for other_lo, other_hi, other_line in seen.get(key, []):
            if lo < other_hi and other_lo < hi:
                what = " / ".join(k for k in key if k) or key[0]
                raise DictionaryError(
                    path, line, f"duplicate key {what!r} (also on line {other_line}, overlapping dates)"
                )
        seen.setdefault(key, []).append((lo, hi, line))
        rec["entry_id"] = f"{name}:{line}"
        entries.append(rec)
    return kind, entries


def _frame(kind: str, entries: list[dict[str, object]]) -> pd.DataFrame:
    cols = _COLUMNS[kind]
    data: dict[str, pd.Series] = {}
    for c in cols:
        values = [e[c] for e in entries]
        if c in ("start_date", "end_date"):
            data[c] = pd.Series(pd.to_datetime(pd.Series(values, dtype=object))).astype("datetime64[ns]")
        else:
            data[c] = pd.Series(values, dtype=object)
    return pd.DataFrame(data, columns=list(cols))


def _read(path: Path | str) -> str:
    """A dictionary file's text; DictionaryError for a binary file (NUL bytes), for text that is
    not UTF-8 (naming the line of the first bad byte) and for an unreadable file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DictionaryError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise DictionaryError(
            str(path),
            None,
            f"binary file, not a dictionary (a NUL byte on line {line}); dictionaries are UTF-8 TSV text",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DictionaryError(
            str(path), line, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column} ({exc.reason})"
        ) from None


def check_file(path: str | Path) -> int:
    """Validate one dictionary file; returns its number of entries.

    Raises :class:`DictionaryError` (path, line, reason) for the first malformed entry: wrong
    column count, empty pattern, bad country code, bad date, start >= end, unknown CAMEO code,
    unknown agent code, duplicate key (same pattern with overlapping dates, same verb pattern),
    a pattern no tokenizer output can match (:func:`unmatchable`; loading does not check this).
    """
    _, entries = _parse(_read(path), str(path))
    for rec in entries:
        line = int(str(rec["entry_id"]).rsplit(":", 1)[1])
        for column in ("pattern", "verb", "particle", "prep", "object"):
            for value in str(rec.get(column) or "").split("|"):
                placeholder = column == "object" and value.strip().lower() == "@place"  # any named place
                why = unmatchable(value) if value and not placeholder else None
                if why is not None:
                    raise DictionaryError(str(path), line, f"{column} {value!r} can never match: {why}")
    return len(entries)


def _build(sources: Iterable[tuple[str, str]]) -> Dictionaries:
    """One Dictionaries value from (path, text) pairs; later files follow earlier ones."""
    parts: dict[str, list[dict[str, object]]] = {k: [] for k in _LAYOUTS}
    names: list[str] = []
    for path, text in sources:
        kind, entries = _parse(text, path)
        parts[kind].extend(entries)
        names.append(path)
    return Dictionaries(
        actors=_frame("actors", parts["actors"]),
        agents=_frame("agents", parts["agents"]),
        verbs=_frame("verbs", parts["verbs"]),
        discards=_frame("discards", parts["discards"]),
        sources=tuple(names),
        nouns=_frame("nouns", parts["nouns"]),
    )


def load_files(paths: Iterable[str | Path]) -> Dictionaries:
    """Dictionaries from a user's own files in the TSV format (kind told by each header).

    Merge the result on top of the built-ins with ``load_builtin().merged(load_files(...))``.
    """
    items = [Path(p) for p in paths]
    return _build((str(p), _read(p)) for p in items)


def builtin_files() -> list[str]:
    """Names of the built-in dictionary files, in load order."""
    root = resources.files("geoevent").joinpath("data", "dictionaries")
    return sorted(e.name for e in root.iterdir() if e.name.endswith(".tsv"))


@functools.cache
def load_builtin() -> Dictionaries:
    """The built-in dictionaries shipped with geoevent (read once, then cached)."""
    root = resources.files("geoevent").joinpath("data", "dictionaries")
    return _build(
        (f"geoevent/data/dictionaries/{n}", root.joinpath(n).read_text(encoding="utf-8")) for n in builtin_files()
    )


def actors_on(actors: pd.DataFrame, date: str | dt.date | pd.Timestamp) -> pd.DataFrame:
    """The actor rows valid on ``date``: start_date <= date < end_date, a missing date is open."""
    d = pd.Timestamp(date)
    start = pd.to_datetime(actors["start_date"])
    end = pd.to_datetime(actors["end_date"])
    valid = (start.isna() | (start <= d)) & (end.isna() | (d < end))
    return actors.loc[valid.to_numpy()]
