"""Read PETRARCH-format dictionaries (verbs, actors, agents, discards) into geoevent's tables.

The formats are those of PETRARCH-2 / UniversalPETRARCH (``CAMEO.2.0.txt``, the Phoenix actor,
agent and discard files, and the validation suite's ``PETR_Validate_*.txt``). See
``docs/petrarch.md`` for what is read, what is not, and how patterns map onto the tables of
:mod:`geoevent.dictionaries.tables`.

Patterns that cannot be expressed in the tables are counted, never silently dropped: use
:func:`load_petrarch_with_report` to get a :class:`PetrarchLoadReport` with the counts per
reason (and a few ``file:line`` examples of each).

The verbs table carries four columns beyond the contract (empty strings when unused):
``reverse_code`` (second code of a paired ``[042:043]`` entry: the event from the target back
to the source), ``object_prep`` (the preposition in front of a required object given as a
prepositional phrase, ``(TO PEACE)`` -> object ``peace``, object_prep ``to``) and ``pre`` (a word or
noun group before the verb that must depend on it: compound verbs such as
``WIRE_+TAP``, patterns such as ``- {DEATH TOLL} *``; ``|``-separated alternatives) and
``reciprocal`` ("yes" for ``- % *`` patterns: they apply when coordinated subjects act on each
other, "Gondor and Osgiliath downplayed their meeting").
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
import time
import warnings
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import attrs
import pandas as pd

from geoevent.dictionaries.tables import (
    ACTOR_COLUMNS,
    AGENT_COLUMNS,
    DISCARD_COLUMNS,
    VERB_COLUMNS,
    Dictionaries,
)
from geoevent.errors import DictionaryError, InvalidValueError

__all__ = [
    "EXTRA_VERB_COLUMNS",
    "PetrarchEncodingWarning",
    "PetrarchLoadReport",
    "clear_petrarch_cache",
    "load_petrarch",
    "load_petrarch_with_report",
    "load_pico_negation",
]

PathArg = str | PathLike[str]

#: Columns the PETRARCH reader adds to the verbs table beyond the contract.
EXTRA_VERB_COLUMNS: tuple[str, ...] = ("reverse_code", "object_prep", "pre", "reciprocal")

#: Adverbial particles: a word after the verb from this set is a particle (compound:prt).
_PARTICLES = frozenset(
    "up down off out away back over forward forwards aside apart together around about along "
    "ahead behind home in on by through across".split()
)
#: Prepositions: a word after a compound verb from this set introduces the target.
_PREPOSITIONS = frozenset(
    "for with to into from against at of upon under after onto toward towards between among "
    "amongst within without during until despite beyond like near".split()
)
#: Three-letter codes that are sectors or organisation types, never countries.
_NON_COUNTRY = frozenset(
    "IGO NGO NGM MNC IMG UAF INT ELI GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LAB LEG "
    "HLH REF AGR RAD HRI MOD SEP UIS INS SET ENV AMN DEV".split()
)
_MAX_ALTERNATIVES = 2000
_EXAMPLES_PER_REASON = 5

_CODE_RE = re.compile(r"^(?:\d{2,4}|---)$")
_DATE_RE = re.compile(r"^\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))\s*$")
#: Actor codes: CAMEO-style letters and digits, "/"-joined alternatives kept whole (the
#: validation suite's FRO/BIL/SAM), "---" (no actor) and "+++" (PETRARCH's unidentified actor).
_ACTOR_CODE_RE = re.compile(r"^[A-Z0-9]{3,}(?:/[A-Z0-9]{3,})*$|^---$|^---[A-Z]{3}$|^\+\+\+$")
_VERB_WORD_RE = re.compile(r"^\+?[A-Z][A-Z0-9'.\-]*(?:_\+?[A-Z0-9'.\-]*)*$")


# ----------------------------------------------------------------------------- report


@attrs.define
class PetrarchLoadReport:
    """What a PETRARCH load read, produced, and could not map (counts per reason)."""

    files: tuple[str, ...] = ()
    counts: dict[str, int] = attrs.field(factory=dict)
    unmapped: dict[str, int] = attrs.field(factory=dict)
    examples: dict[str, list[str]] = attrs.field(factory=dict)
    load_seconds: float = 0.0
    cached: bool = False

    def skip(self, reason: str, where: str, n: int = 1) -> None:
        """Count ``n`` items not mapped for ``reason``, remembering a few locations."""
        self.unmapped[reason] = self.unmapped.get(reason, 0) + n
        ex = self.examples.setdefault(reason, [])
        if len(ex) < _EXAMPLES_PER_REASON:
            ex.append(where)

    def summary(self) -> str:
        """A short multi-line text of the counts, for logs and benchmarks."""
        lines = [f"files: {', '.join(Path(f).name for f in self.files)}"]
        lines += [f"  {k}: {v}" for k, v in self.counts.items()]
        if self.unmapped:
            lines.append("not mapped:")
            lines += [
                f"  {k}: {v}  (e.g. {', '.join(self.examples.get(k, [])[:2])})"
                for k, v in sorted(self.unmapped.items(), key=lambda kv: -kv[1])
            ]
        lines.append(f"load: {self.load_seconds:.3f} s{' (cached)' if self.cached else ''}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- cache

_CACHE: dict[tuple, tuple[Dictionaries, PetrarchLoadReport]] = {}
_CACHE_SIZE = 16


def clear_petrarch_cache() -> None:
    """Forget every cached PETRARCH load."""
    _CACHE.clear()


def _file_key(role: str, path: Path) -> tuple:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DictionaryError(str(path), None, f"{role} dictionary not found") from None
    return (role, str(path.resolve()), st.st_mtime_ns, st.st_size)


# ----------------------------------------------------------------------------- public API


def load_petrarch(
    *,
    verbs: PathArg | None = None,
    actors: PathArg | Sequence[PathArg] = (),
    agents: PathArg | None = None,
    discards: PathArg | None = None,
    strict: bool = False,
) -> Dictionaries:
    """Load PETRARCH-format dictionary files (any may be omitted) into :class:`Dictionaries`.

    Results are cached in-process by (path, mtime, size) of every file: do not mutate the
    returned tables. ``strict=True`` raises :class:`~geoevent.errors.DictionaryError` for
    entries that are otherwise skipped and counted (bad codes, bad dates, unusable lines).
    """
    return load_petrarch_with_report(verbs=verbs, actors=actors, agents=agents, discards=discards, strict=strict)[0]


def load_petrarch_with_report(
    *,
    verbs: PathArg | None = None,
    actors: PathArg | Sequence[PathArg] = (),
    agents: PathArg | None = None,
    discards: PathArg | None = None,
    strict: bool = False,
) -> tuple[Dictionaries, PetrarchLoadReport]:
    """Like :func:`load_petrarch`, also returning the :class:`PetrarchLoadReport`."""
    t0 = time.perf_counter()
    actor_paths = [Path(actors)] if isinstance(actors, (str, PathLike)) else [Path(a) for a in actors]
    roles: list[tuple[str, Path]] = []
    if verbs is not None:
        roles.append(("verbs", Path(verbs)))
    roles += [("actors", p) for p in actor_paths]
    if agents is not None:
        roles.append(("agents", Path(agents)))
    if discards is not None:
        roles.append(("discards", Path(discards)))
    key = (tuple(_file_key(r, p) for r, p in roles), strict)
    hit = _CACHE.get(key)
    if hit is not None:
        d, rep = hit
        rep2 = attrs.evolve(rep, cached=True, load_seconds=time.perf_counter() - t0)
        return d, rep2

    report = PetrarchLoadReport(files=tuple(str(p) for _, p in roles))
    agent_rows: list[dict] = []
    agent_codes: set[str] = set()
    if agents is not None:
        agent_rows = _read_agents(Path(agents), report, strict)
        agent_codes = {r["agent"] for r in agent_rows}
    actor_entries: list[_ActorEntry] = []
    for p in actor_paths:
        actor_entries += _read_actor_entries(p, report, strict)
    actor_rows = _actor_rows(actor_entries, agent_codes, report)
    verb_rows = _read_verbs(Path(verbs), report, strict) if verbs is not None else []
    discard_rows = _read_discards(Path(discards), report) if discards is not None else []

    d = Dictionaries(
        actors=_actor_frame(actor_rows),
        agents=_frame(agent_rows, AGENT_COLUMNS),
        verbs=_frame(verb_rows, VERB_COLUMNS + EXTRA_VERB_COLUMNS),
        discards=_frame(discard_rows, DISCARD_COLUMNS),
        sources=tuple(str(p) for _, p in roles),
    )
    report.counts.update(actors=len(d.actors), agents=len(d.agents), verbs=len(d.verbs), discards=len(d.discards))
    report.load_seconds = time.perf_counter() - t0
    while len(_CACHE) >= _CACHE_SIZE:  # keep the most recent loads only
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (d, report)
    return d, report


# ----------------------------------------------------------------------------- helpers


def _frame(rows: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    data = {c: pd.Series([r[c] for r in rows], dtype=object) for c in columns}
    return pd.DataFrame(data, columns=list(columns))


def _actor_frame(rows: list[dict]) -> pd.DataFrame:
    df = _frame(rows, ACTOR_COLUMNS)
    for c in ("start_date", "end_date"):
        df[c] = (
            pd.to_datetime(pd.Series([r[c] for r in rows], dtype=object), errors="raise").astype("datetime64[ns]")
            if rows
            else pd.Series([], dtype="datetime64[ns]")
        )
    return df


class PetrarchEncodingWarning(UserWarning):
    """A PETRARCH dictionary file that is not UTF-8 and was read as latin-1."""


_WARNED_ENCODING: set[str] = set()


def _read_text(path: Path) -> str:
    """A dictionary file's text: UTF-8 (a byte-order mark dropped), else latin-1 with one
    :class:`PetrarchEncodingWarning` per file naming it and the line of the first bad byte
    (PETRARCH's own files are ASCII; latin-1 reads any byte, so old files still load)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        if str(path) not in _WARNED_ENCODING:
            _WARNED_ENCODING.add(str(path))
            line = data.count(b"\n", 0, exc.start) + 1
            warnings.warn(
                f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}); the file is read as latin-1. "
                "Re-save it as UTF-8 to silence this warning",
                PetrarchEncodingWarning,
                stacklevel=2,
            )
        return data.decode("latin-1")


def _clean_lines(path: Path) -> list[tuple[int, str]]:
    """Lines with PETRARCH comments removed: '#' to end of line, lines starting '<!', and
    ``<!-- ... -->`` (also over several lines); blank lines dropped. Returns (lineno, text)."""
    raw = _read_text(path)
    out: list[tuple[int, str]] = []
    in_comment = False
    for n, line in enumerate(raw.splitlines(), start=1):
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if line.startswith("<!"):
            continue
        if "#" in line:
            line = line[: line.find("#")]
        while "<!--" in line:
            head, _, rest = line.partition("<!--")
            if "-->" in rest:
                line = head + rest[rest.find("-->") + 3 :]
            else:
                line = head
                in_comment = True
        if line.strip():
            out.append((n, line.rstrip()))
    return out


_SPLIT_PUNCT = re.compile(r'([(),"])')
_POSSESSIVE = re.compile(r"(\w)'s\b")


def _phrase(words: str) -> str:
    """PETRARCH phrase -> our pattern: '_' joins become spaces, lowercased, single spaces;
    brackets, commas, quotes and a possessive 's are split off, as parsers split them."""
    text = _POSSESSIVE.sub(r"\1 's", _SPLIT_PUNCT.sub(r" \1 ", words.replace("_", " ").lower()))
    return " ".join(text.split())


def _parse_date(s: str) -> _dt.date:
    """YYYYMMDD, or YYMMDD with 00-30 -> 20YY and 31-99 -> 19YY (as PETRARCH)."""
    if len(s) == 8:
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    elif len(s) == 6:
        y, m, d = int(s[:2]), int(s[2:4]), int(s[4:6])
        y += 2000 if y <= 30 else 1900
    else:
        raise InvalidValueError(f"date {s!r} is neither YYMMDD nor YYYYMMDD")
    return _dt.date(y, m, d)


def _problem(report: PetrarchLoadReport, strict: bool, path: Path, lineno: int, reason: str, detail: str) -> None:
    if strict:
        raise DictionaryError(str(path), lineno, f"{reason}: {detail}")
    report.skip(reason, f"{path.name}:{lineno}")


# ----------------------------------------------------------------------------- actors


@attrs.define
class _ActorEntry:
    path: Path
    lineno: int
    names: list[tuple[int, str]]
    codes: list[tuple[str, _dt.date | None, _dt.date | None, bool]]  # code, start, end, dated


def _parse_actor_code(
    text: str, path: Path, lineno: int, report: PetrarchLoadReport, strict: bool
) -> tuple[str, _dt.date | None, _dt.date | None, bool] | None:
    """'[CODE]', '[CODE >D]', '[CODE <D]', '[CODE A-B]' -> (code, start, end-exclusive, dated)."""
    inner = text.strip()
    if not (inner.startswith("[") and inner.endswith("]")):
        raise DictionaryError(str(path), lineno, f"expected [CODE ...], got {text.strip()!r}")
    inner = inner[1:-1].strip()
    if not inner:
        raise DictionaryError(str(path), lineno, "empty actor code []")
    code, _, spec = inner.partition(" ")
    code = code.upper()
    if not _ACTOR_CODE_RE.match(code):
        _problem(report, strict, path, lineno, "bad_actor_code", code)
        return None
    spec = spec.strip()
    if not spec:
        return code, None, None, False
    m = _DATE_RE.match(spec)
    try:
        if m is None:
            raise InvalidValueError(f"unreadable date restriction {spec!r}")
        if m.group(1) == ">":
            return code, _parse_date(m.group(2)), None, True
        if m.group(1) == "<":
            return code, None, _parse_date(m.group(2)), True
        start, end = _parse_date(m.group(3)), _parse_date(m.group(4))
        if end <= start:
            raise InvalidValueError(f"empty date range {spec!r}")
        return code, start, end, True
    except ValueError as exc:
        _problem(report, strict, path, lineno, "bad_actor_date", str(exc))
        return None


def _read_actor_entries(path: Path, report: PetrarchLoadReport, strict: bool) -> list[_ActorEntry]:
    entries: list[_ActorEntry] = []
    cur: _ActorEntry | None = None
    for lineno, line in _clean_lines(path):
        s = line.strip()
        if s.startswith("["):
            if cur is None:
                raise DictionaryError(str(path), lineno, "actor code line before any actor name")
            c = _parse_actor_code(s, path, lineno, report, strict)
            if c is not None:
                cur.codes.append(c)
            continue
        if s.startswith("+"):
            if cur is None:
                raise DictionaryError(str(path), lineno, "synonym line before any actor name")
            name = s[1:]
            if "[" in name:  # a synonym with its own code: PETRARCH ignores the code
                name = name[: name.find("[")]
                report.skip("actor_synonym_code_ignored", f"{path.name}:{lineno}")
            if _phrase(name.strip(" _")):
                cur.names.append((lineno, _phrase(name.strip(" _"))))
            continue
        name, code_part = s, ""
        if "[" in s:
            close = s.find("]", s.find("["))
            if close < 0:
                raise DictionaryError(str(path), lineno, f"missing ']' in {s!r}")
            name, code_part = s[: s.find("[")], s[s.find("[") : close + 1]
            if s[close + 1 :].strip():
                _problem(report, strict, path, lineno, "text_after_actor_code_ignored", s[close + 1 :].strip())
        cur = _ActorEntry(path, lineno, [], [])
        entries.append(cur)
        pat = _phrase(name.strip().strip("_"))
        if not pat:
            raise DictionaryError(str(path), lineno, "actor line without a name")
        cur.names.append((lineno, pat))
        if code_part:
            c = _parse_actor_code(code_part, path, lineno, report, strict)
            if c is not None:
                cur.codes.append(c)
    return entries


def _gaps(intervals: list[tuple[_dt.date | None, _dt.date | None]]) -> list[tuple[_dt.date | None, _dt.date | None]]:
    """The complement of a union of [start, end) intervals (None = unbounded)."""
    lo, hi = _dt.date.min, _dt.date.max
    iv = sorted(((s or lo), (e or hi)) for s, e in intervals)
    out: list[tuple[_dt.date, _dt.date]] = []
    cursor = lo
    for s, e in iv:
        if s > cursor:
            out.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < hi:
        out.append((cursor, hi))
    return [(None if s == lo else s, None if e == hi else e) for s, e in out]


def _actor_rows(entries: list[_ActorEntry], agent_codes: set[str], report: PetrarchLoadReport) -> list[dict]:
    all_codes = {c[0] for e in entries for c in e.codes}
    sectors = _NON_COUNTRY | agent_codes
    # a country: a three-letter code used on its own, or the prefix of a code whose next three
    # letters are a sector (ITHMIL -> ITH)
    countries = {c for c in all_codes if len(c) == 3 and c.isalpha() and c not in sectors} | {
        c[:3] for c in all_codes if len(c) >= 6 and c[:3].isalpha() and c[:3] not in sectors and c[3:6] in sectors
    }
    rows: list[dict] = []
    for e in entries:
        if not e.codes:
            report.skip("actor_without_code", f"{e.path.name}:{e.lineno}")
            continue
        dated = [(s, en) for _, s, en, d in e.codes if d]
        spans: list[tuple[str, _dt.date | None, _dt.date | None, bool]] = []
        for code, s, en, d in e.codes:
            if d or not dated:
                spans.append((code, s, en, d))
            else:  # undated code next to dated ones: it applies where no dated code does
                spans += [(code, gs, ge, False) for gs, ge in _gaps(dated)]
        display = e.names[0][1].title()
        for code, s, en, _dated in spans:
            prefix = code[:3]
            if prefix in countries:
                country, agent = prefix, code[3:6]
            elif prefix == "IGO":
                country, agent = "IGO", code[3:6]
            else:
                country, agent = "", (prefix if prefix in agent_codes or prefix in _NON_COUNTRY else "")
            if dated:
                kind = "person"
            elif code == country:
                kind = "country"
            elif country == "IGO":
                kind = "igo"
            else:
                kind = "other"
            for lineno, pat in e.names:
                rows.append(
                    {
                        "entry_id": f"{e.path.name}:{lineno}",
                        "pattern": pat,
                        "code": code,
                        "country": country,
                        "agent": agent,
                        "kind": kind,
                        "start_date": pd.Timestamp(s) if s else pd.NaT,
                        "end_date": pd.Timestamp(en) if en else pd.NaT,
                        "name": display,
                    }
                )
    report.counts["actor_entries"] = report.counts.get("actor_entries", 0) + len(entries)
    return rows


# ----------------------------------------------------------------------------- agents


def _plural(word_phrase: str) -> str:
    if word_phrase.endswith("Y"):
        return word_phrase[:-1] + "IES"
    if word_phrase.endswith("S"):
        return word_phrase + "ES"
    return word_phrase + "S"


def _read_agents(path: Path, report: PetrarchLoadReport, strict: bool) -> list[dict]:
    markers: dict[str, list[str]] = {}
    rows: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for lineno, line in _clean_lines(path):
        s = line.strip()
        if "!" in s and "=" in s and "[" not in s:
            m = re.match(r"^!([^!]+)!\s*=\s*(.+)$", s)
            if m is None:
                raise DictionaryError(str(path), lineno, f"bad substitution marker definition {s!r}")
            markers[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        if "[" not in s or "]" not in s:
            _problem(report, strict, path, lineno, "agent_without_code", s)
            continue
        phrase, _, rest = s.partition("[")
        code = rest.partition("]")[0].strip().upper()
        if code.startswith("~") and len(code) > 1:
            agent, kind = code[1:], "noun"
        elif code.endswith("~") and len(code) > 1:
            agent, kind = code[:-1], "prefix"
        else:
            _problem(report, strict, path, lineno, "agent_code_without_tilde", code)
            continue
        phrase = phrase.strip()
        forms: list[str]
        if "!" in phrase:
            m = re.match(r"^(.*)!([^!]+)!(.*)$", phrase)
            if m is None or m.group(2) not in markers:
                _problem(report, strict, path, lineno, "undefined_agent_marker", phrase)
                continue
            forms = [m.group(1) + sub + m.group(3) for sub in markers[m.group(2)]]
        elif "{" in phrase:
            if "}" not in phrase:
                raise DictionaryError(str(path), lineno, f"missing '}}' in {phrase!r}")
            base = phrase[: phrase.find("{")].strip()
            plural = phrase[phrase.find("{") + 1 : phrase.find("}")].strip()
            forms = [base] + ([plural] if plural else [])
        else:
            forms = [phrase, _plural(phrase)]
        for f in forms:
            pat = _phrase(f.strip("_ "))
            if not pat or (pat, agent) in seen:
                continue
            seen.add((pat, agent))
            rows.append({"entry_id": f"{path.name}:{lineno}", "pattern": pat, "agent": agent, "kind": kind})
    return rows


# ----------------------------------------------------------------------------- discards


def _read_discards(path: Path, report: PetrarchLoadReport) -> list[dict]:
    rows = []
    for lineno, line in _clean_lines(path):
        s = line.strip()
        if s.startswith("+"):
            s = s[1:]
            report.skip("story_discard_as_sentence_discard", f"{path.name}:{lineno}")
        pat = _phrase(s.strip("_ "))
        if pat:
            rows.append({"entry_id": f"{path.name}:{lineno}", "pattern": pat})
    return rows


# ----------------------------------------------------------------------------- verbs


@attrs.define
class _Verb:
    lineno: int
    lemma: str
    code: str
    particle: str = ""
    prep: str = ""
    obj: str = ""
    pre: str = ""


@attrs.define
class _Block:
    name: str
    code: str
    lineno: int
    verbs: list[_Verb] = attrs.field(factory=list)
    patterns: list[tuple[int, str]] = attrs.field(factory=list)


def _split_code(code: str) -> tuple[str, str] | None:
    """'042' -> ('042', ''); '042:043' -> ('042', '043'); '---' -> ('-', ''); bad -> None."""
    code = code.strip()
    first, sep, second = code.partition(":")
    if not sep:
        return (("-" if code == "---" else code), "") if _CODE_RE.match(code) else None
    if (first and not _CODE_RE.match(first)) or (second and not _CODE_RE.match(second)):
        return None
    return ("-" if first in ("", "---") else first), ("" if second in ("", "---") else second)


def _singular(word: str) -> str | None:
    """A naive singular of an English plural (the parser's lemma), or None."""
    if word.endswith("ies"):
        return word[:-3] + "y" if len(word) > 4 else word[:-1]
    if len(word) > 3 and word.endswith(("xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "is", "us", "ses")):
        return word[:-1]
    return None


def _tokenize(body: str, path: Path, lineno: int) -> list:
    """Pattern text -> items: ('w', word) | ('np', [words]) | ('pp', prep, [items]) | ('sym', c)."""
    toks = (
        body.replace("*", " * ").replace("(", " ( ").replace(")", " ) ").replace("{", " { ").replace("}", " } ").split()
    )
    pos = 0

    def parse(until: str | None) -> list:
        nonlocal pos
        items: list = []
        while pos < len(toks):
            t = toks[pos]
            pos += 1
            if t == until:
                return items
            if t in (")", "}"):
                raise DictionaryError(str(path), lineno, f"unbalanced {t!r} in pattern")
            if t == "(":
                inner = parse(")")
                if not inner or inner[0][0] != "w":
                    raise DictionaryError(str(path), lineno, "prepositional phrase without a preposition")
                items.append(("pp", inner[0][1], inner[1:]))
            elif t == "{":
                inner = parse("}")
                if any(i[0] != "w" for i in inner) or not inner:
                    raise DictionaryError(str(path), lineno, "noun phrase {...} must hold words only")
                items.append(("np", [i[1] for i in inner]))
            elif t in ("$", "+", "%", "^", "*"):
                items.append(("sym", t))
            else:
                items.append(("w", t))
        if until is not None:
            raise DictionaryError(str(path), lineno, f"missing {until!r} in pattern")
        return items

    return parse(None)


class _Unmapped(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Synsets:
    def __init__(self) -> None:
        self.members: dict[str, list[str]] = {}

    def add(self, name: str, member: str) -> None:
        self.members.setdefault(name.rstrip("_"), []).append(member)

    def expand_word(self, word: str, depth: int = 0) -> list[str]:
        """A word or &SYNSET -> lowercased phrase alternatives."""
        if not word.startswith("&"):
            return [_phrase(word.strip("_"))]
        name = word.rstrip("_")
        if name not in self.members or depth > 5:
            raise _Unmapped("undefined_synset")
        out: list[str] = []
        for m in self.members[name]:
            m = m.strip()
            if m.startswith("&"):
                out += self.expand_word(m, depth + 1)
            else:
                out.append(_phrase(m.replace("(", " ").replace(")", " ").strip("_ ")))
        return [o for o in out if o]

    def expand_words(self, words: list[str]) -> list[str]:
        parts = [self.expand_word(w) for w in words]
        n = 1
        for p in parts:
            n *= len(p)
        if n > _MAX_ALTERNATIVES:
            raise _Unmapped("too_many_alternatives")
        alts: list[str] = []
        for combo in itertools.product(*parts):
            phrase = " ".join(combo)
            alts.append(phrase)
            head, _, last = phrase.rpartition(" ")
            sing = _singular(last)
            if sing:
                alts.append(f"{head} {sing}".strip())
        return list(dict.fromkeys(alts))


_DETERMINERS = frozenset("the a an their its his her our my your this that these those".split())
_TARGET_PREPOSITIONS = _PREPOSITIONS | {"about", "over", "on", "in", "by"}


def _drop_skipped_noun_phrases(items: list) -> list:
    """ "THEIR ^": a determiner and a skipped rest is any noun phrase; nothing is required there."""
    out: list = []
    for it in items:
        if it == ("sym", "^") and out and out[-1][0] == "w" and out[-1][1].lower() in _DETERMINERS:
            out.pop()
            continue
        out.append(it)
    return out


def _bare_prep_targets(items: list) -> list:
    """ "ABOUT +" outside parentheses is "(ABOUT +)": the target is in that preposition's phrase."""
    out: list = []
    for it in items:
        if it == ("sym", "+") and out and out[-1][0] == "w" and out[-1][1].lower() in _TARGET_PREPOSITIONS:
            out[-1] = ("pp", out[-1][1], [it])
            continue
        out.append(it)
    return out


def _map_pattern(body: str, syn: _Synsets, path: Path, lineno: int) -> dict[str, str]:
    """Map a pattern (text between '-' and the code) to particle/object/object_prep/prep/pre."""
    items = _tokenize(body, path, lineno)
    stars = [i for i, it in enumerate(items) if it == ("sym", "*")]
    if len(stars) != 1:
        raise DictionaryError(str(path), lineno, f"pattern needs exactly one '*', found {len(stars)}")
    pre, post = items[: stars[0]], items[stars[0] + 1 :]

    def flat(its: list) -> list:
        out = []
        for it in its:
            out.append(it)
            if it[0] == "pp":
                out += flat(it[2])
        return out

    pre_words = []
    reciprocal = ""
    for it in flat(pre):
        if it == ("sym", "$"):
            continue
        if it == ("sym", "+"):
            raise _Unmapped("target_before_verb")
        if it == ("sym", "%"):  # "- % *": coordinated subjects acting on each other
            reciprocal = "yes"
            continue
        if it[0] not in ("w", "np"):
            raise _Unmapped("words_before_verb")
        pre_words.append(it)
    if len(pre_words) > 1:  # "SAID WOULD NOT *": several separate words
        raise _Unmapped("words_before_verb")
    # a phrase of skipped words only, "(AT ^)": any such phrase; it is not required
    post = [it for it in post if not (it[0] == "pp" and it[2] and all(x == ("sym", "^") for x in it[2]))]
    post = _bare_prep_targets(_drop_skipped_noun_phrases(post))
    fl = flat(post)
    if ("sym", "$") in fl:
        raise _Unmapped("source_in_pattern")
    if ("sym", "%") in fl:
        raise _Unmapped("reciprocal_%")
    if ("sym", "^") in fl:
        raise _Unmapped("skip_word_^")
    nouns = [it for it in post if it[0] in ("w", "np")]
    pps = [it for it in post if it[0] == "pp"]
    out = {"particle": "", "object": "", "object_prep": "", "prep": "", "pre": "", "reciprocal": reciprocal}
    if pre_words:  # one word or noun group before the verb: "TANKS *", "{DEATH TOLL} *", "&MILITARY *"
        w = pre_words[0]
        out["pre"] = "|".join(syn.expand_words([w[1]] if w[0] == "w" else w[1]))
    if (
        nouns
        and nouns[0][0] == "w"
        and nouns[0][1].lower() in _PARTICLES
        and (len(nouns) > 1 or not nouns[0][1].startswith("&"))
    ):
        out["particle"] = nouns[0][1].lower()
        nouns = nouns[1:]
    if len(nouns) > 1:
        raise _Unmapped("several_objects")
    if any(p[1].startswith("&") for p in pps):
        raise _Unmapped("synset_as_preposition")

    def words_of(it: tuple) -> list[str]:
        return [it[1]] if it[0] == "w" else it[1]

    full = [p for p in pps if [x for x in p[2] if x != ("sym", "+")]]  # (OF FIGHTERS)
    bare = [p for p in pps if p not in full]  # (FROM): where the target is
    if len(full) > 1 or len(bare) > 1:
        raise _Unmapped("several_prep_phrases")
    if bare:
        out["prep"] = bare[0][1].lower()
    if full:
        content = [x for x in full[0][2] if x != ("sym", "+")]
        if len(content) > 1 or content[0][0] not in ("w", "np"):
            raise _Unmapped("several_objects")
        if nouns:
            # "PURCHASE (OF FIGHTERS)": the object, with the phrase's words among its dependents
            # (an object alternative lists required dependents before its head word)
            n_alts = [a.split() for a in syn.expand_words(words_of(nouns[0]))]
            c_alts = [a.split() for a in syn.expand_words(words_of(content[0]))]
            if len(n_alts) * len(c_alts) > _MAX_ALTERNATIVES:
                raise _Unmapped("too_many_alternatives")
            alts = [" ".join(n[:-1] + c + n[-1:]) for n in n_alts for c in c_alts]
            out["object"] = "|".join(dict.fromkeys(alts))
        else:
            out["object"] = "|".join(syn.expand_words(words_of(content[0])))
            out["object_prep"] = full[0][1].lower()
    elif nouns:
        out["object"] = "|".join(syn.expand_words(words_of(nouns[0])))
    return out


def _parse_verb_line(s: str, code: tuple[str, str], lineno: int) -> _Verb | str:
    """A verb line -> _Verb, or the reason it is not usable."""
    word = s.split()[0]
    if not _VERB_WORD_RE.match(word):
        return "unreadable_verb_line"
    v = _Verb(lineno=lineno, lemma="", code=code[0])
    if "_" not in word:
        v.lemma = word.lstrip("+").lower()
        return v
    if "+" not in word:
        return "compound_verb_without_plus"
    front_s, _, back_s = word.partition("+")
    front = [w for w in front_s.split("_") if w]
    parts = [w for w in back_s.split("_") if w]
    v.lemma, back = parts[0].lower(), [w.lower() for w in parts[1:]]
    v.pre = " ".join(w.lower() for w in front)
    if len(back) > 1:
        v.obj = " ".join(back)
    elif back:
        if back[0] in _PARTICLES:
            v.particle = back[0]
        elif back[0] in _PREPOSITIONS:
            v.prep = back[0]
        else:
            v.obj = back[0]
    return v


def _read_verbs(path: Path, report: PetrarchLoadReport, strict: bool) -> list[dict]:
    syn = _Synsets()
    blocks: list[_Block] = []
    block: _Block | None = None
    synset: str | None = None
    verb_codes: dict[int, str] = {}  # lineno -> reverse code for verbs
    n_transform = 0
    for lineno, line in _clean_lines(path):
        s = line.strip()
        if s.startswith("---"):
            m = re.match(r"^---+\s*([^\s\[]+)\s*(?:\[([^\]]*)\])?[\s-]*$", s)
            if m is None:
                raise DictionaryError(str(path), lineno, f"bad verb block header {s!r}")
            code = m.group(2) if m.group(2) is not None else "---"
            block = _Block(m.group(1), code.strip(), lineno)
            blocks.append(block)
            synset = None
            continue
        if s.startswith("&"):
            synset = s.split()[0]
            syn.members.setdefault(synset.rstrip("_"), [])
            continue
        if s.startswith("+") and synset is not None:
            syn.add(synset, s[1:].strip())
            continue
        synset = None
        if s.startswith("~"):
            n_transform += 1
            report.skip("verb_transformation", f"{path.name}:{lineno}")
            continue
        if block is None:
            raise DictionaryError(str(path), lineno, f"verb or pattern outside a '--- NAME [CODE] ---' block: {s!r}")
        if s.startswith("-"):
            block.patterns.append((lineno, s[1:]))
            continue
        code_s = block.code
        body = s
        if "[" in s:
            body, _, rest = s.partition("[")
            code_s = rest.partition("]")[0]
        code = _split_code(code_s)
        if code is None:
            _problem(report, strict, path, lineno, "bad_verb_code", code_s)
            continue
        v = _parse_verb_line(body.replace("{", " {").strip() or s, code, lineno)
        if isinstance(v, str):
            _problem(report, strict, path, lineno, v, s)
            continue
        verb_codes[lineno] = code[1]
        block.verbs.append(v)

    rows: list[dict] = []
    n_patterns = n_mapped = 0
    for b in blocks:
        for v in b.verbs:
            if v.code == "-" and not verb_codes[v.lineno]:
                report.counts["verbs_without_code"] = report.counts.get("verbs_without_code", 0) + 1
                continue
            bare = _verb_row(path, v.lineno, v, {}, v.code, verb_codes[v.lineno])
            assert bare is not None  # nothing to conflict with
            rows.append({**bare, "_pattern": False})
        for lineno, text in b.patterns:
            n_patterns += 1
            m = re.search(r"\[([^\]]*)\]\s*$", text)
            if m is None:
                _problem(report, strict, path, lineno, "malformed_pattern", f"no [CODE] in {text.strip()!r}")
                continue
            code = _split_code(m.group(1))
            if code is None:
                _problem(report, strict, path, lineno, "bad_pattern_code", m.group(1))
                continue
            try:
                mapped = _map_pattern(text[: m.start()], syn, path, lineno)
            except DictionaryError as exc:
                if strict:
                    raise
                report.skip("malformed_pattern", f"{path.name}:{lineno} ({exc.reason})")
                continue
            except _Unmapped as exc:
                if strict and exc.reason == "undefined_synset":
                    raise DictionaryError(str(path), lineno, "undefined synset") from None
                report.skip(exc.reason, f"{path.name}:{lineno}")
                continue
            if not b.verbs:
                report.skip("pattern_in_block_without_verbs", f"{path.name}:{lineno}")
                continue
            emitted = 0
            for v in b.verbs:
                row = _verb_row(path, lineno, v, mapped, code[0], code[1])
                if row is None:
                    report.skip("compound_verb_conflict_rows", f"{path.name}:{lineno}")
                    continue
                rows.append({**row, "_pattern": True})
                emitted += 1
            n_mapped += emitted > 0
    report.counts["verb_blocks"] = len(blocks)
    report.counts["verb_entries"] = sum(len(b.verbs) for b in blocks)
    report.counts["synsets"] = len(syn.members)
    report.counts["patterns"] = n_patterns
    report.counts["patterns_mapped"] = n_mapped
    # one row per (verb, particle, object, prep, object_prep, pre, reciprocal), as PETRARCH-2 stores them:
    # for a bare verb the first entry wins, for a pattern the last one (it overwrites)
    uniq: dict[tuple, dict] = {}
    for r in rows:
        k = (r["verb"], r["particle"], r["object"], r["prep"], r["object_prep"], r["pre"], r["reciprocal"])
        if k in uniq:
            report.counts["duplicate_verb_rows"] = report.counts.get("duplicate_verb_rows", 0) + 1
            if r["_pattern"]:
                uniq[k] = r
            continue
        uniq[k] = r
    for r in uniq.values():
        del r["_pattern"]
    return list(uniq.values())


def _verb_row(path: Path, lineno: int, v: _Verb, mapped: dict[str, str], code: str, reverse: str) -> dict | None:
    row = {"particle": v.particle, "object": v.obj, "prep": v.prep, "object_prep": "", "pre": v.pre, "reciprocal": ""}
    for k, val in mapped.items():
        if not val:
            continue
        if row.get(k) and row[k] != val:
            return None
        row[k] = val
    if row["object_prep"] and row["prep"] == row["object_prep"] and v.prep:
        return None
    return {
        "entry_id": f"{path.name}:{lineno}",
        "verb": v.lemma,
        "particle": row["particle"],
        "object": row["object"],
        "prep": row["prep"],
        "code": code,
        "label": "",
        "reverse_code": reverse,
        "object_prep": row["object_prep"],
        "pre": row["pre"],
        "reciprocal": row["reciprocal"],
    }


#: PICO values of negated events differ from the plain event's value by this amount
#: ("110: 0xFFFF+0x0080": disapprove = not diplomatic cooperation, 050).
_PICO_NEGATION = 0xFFFF
_HEX_TERM_RE = re.compile(r"[+-]?\s*0x[0-9a-fA-F]+")
_PICO_VALUE_RE = re.compile(r"^\s*[+-]?\s*0x[0-9a-fA-F]+(\s*[+-]\s*0x[0-9a-fA-F]+)*\s*$")


def _pico_value(expr: str) -> int | None:
    """``"-0xFFFF+0x0070"`` -> its integer value; None when ``expr`` is not a sum of hex terms."""
    if not _PICO_VALUE_RE.match(expr):
        return None
    return sum(int(t.replace(" ", ""), 16) for t in _HEX_TERM_RE.findall(expr))


def load_pico_negation(path: PathArg) -> dict[str, str]:
    """Negation pairs from a PETRARCH Internal Coding Ontology (PICO) file.

    Each line reads ``CODE:VALUE[#ALTERNATIVE...][#LABEL]`` with values as sums of hex terms. In
    PICO a negated event is the event's value minus 0xFFFF, so ``110: 0xFFFF+0x0080`` makes "did
    not disapprove" (110) diplomatic cooperation (050), and ``170: 0x0087+0xFFFF`` makes "did not
    coerce" 057. Returns {code: code of its negation} for every code whose negated value is the
    value of another code; pass it as ``CodingRules(negation=...)`` to code negated verbs
    the PETRARCH way instead of dropping them.
    """
    p = Path(path)
    value_of: dict[str, int] = {}
    code_of: dict[int, str] = {}
    try:
        text = p.read_text(encoding="utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise DictionaryError(str(p), 0, f"not UTF-8 text ({exc.reason})") from None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith(("#", "<!")):
            continue  # '#' starts comments only at the start of a line: it also separates values
        code, sep, rest = line.strip().partition(":")
        if code.strip() == "---":  # PETRARCH's "no event" code
            continue
        if not sep or not code.isdigit():
            raise DictionaryError(str(p), lineno, f"expected CODE:VALUE, got {line.strip()!r}")
        values = [v for v in (_pico_value(x) for x in rest.split("#")) if v is not None]
        if not values:
            raise DictionaryError(str(p), lineno, f"no hex value for code {code}")
        value_of.setdefault(code, values[0])
        for v in values:
            code_of.setdefault(v, code)
    return {
        code: code_of[v - _PICO_NEGATION]
        for code, v in value_of.items()
        if v - _PICO_NEGATION in code_of and code_of[v - _PICO_NEGATION] != code
    }
