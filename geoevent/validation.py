"""UniversalPETRARCH's functional validation suite: load it, and score coded events against it.

:func:`load_upsuite` reads ``PETR_Validate_records_2_02.xml`` (the file is not well-formed XML,
so it is read line by line, as UniversalPETRARCH's ``validation.py`` does) into a
:class:`Suite`: the token table of every record (from its ``<Parse>`` CoNLL-U), one row of
metadata per record, the expected events, and the suite's dictionary files.

:func:`score` counts like UniversalPETRARCH's ``validation.py`` (version of 24 May 2018, the one
the records file names):

* a record is scored when its category is in the file's ``<Include>`` list, its
  ``evaluate`` attribute is "true", and it has at least one ``<EventCoding>``;
* a coded event whose source, target or event code starts with ``---`` (or is missing) is a
  *null* event: counted apart, neither correct nor extra (``null_rule="code"`` applies the
  later rule where only a null event code makes a null event);
* every other coded event counts as coded; it is *correct* when some expected event has the
  same event code, source code and target code (exact string equality); when the record
  expects ``noevents`` it is not correct. An expected event is not consumed, so two identical
  coded events both count as correct (``dedupe=True`` counts identical events in a record once);
* a record with no coded events at all that expects ``noevents`` counts one correct event
  (and one coded); with only null events it counts none;
* per record: uncoded = expected events - correct; extra = coded - correct;
* found % = correct / (correct + uncoded); extra % = extra / records (per record, not per
  event, as UniversalPETRARCH prints it).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import attrs
import pandas as pd

from geoevent.errors import InputError, InvalidValueError
from geoevent.parse.conllu import read_conllu_string

__all__ = ["Suite", "SuiteScore", "load_upsuite", "score"]

_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
EVENT_COLUMNS_NEEDED = ("doc_id", "source_code", "target_code", "event_code")


@attrs.frozen
class Suite:
    """The validation suite: tokens of every record, record metadata and expected events."""

    path: Path
    tokens: pd.DataFrame
    #: one row per record: doc_id, record_id, category, date (datetime.date), evaluate, scored,
    #: text, line (1-based line of the <Sentence> tag)
    records: pd.DataFrame
    #: one row per expectation: doc_id, event_code, source_code, target_code, noevents (bool),
    #: in file order; a "noevents" expectation has empty codes
    expected: pd.DataFrame
    include: tuple[str, ...]
    #: dictionary files named in <Environment>: "verbs", "actors" (tuple), "agents", "discards"
    dictionary_files: Mapping[str, object]

    @property
    def dates(self) -> dict[str, _dt.date]:
        """doc_id -> record date."""
        return dict(zip(self.records["doc_id"], self.records["date"]))

    @property
    def scored_ids(self) -> list[str]:
        """doc_ids of the records that :func:`score` counts."""
        return self.records.loc[self.records["scored"], "doc_id"].tolist()

    def scored_tokens(self) -> pd.DataFrame:
        """The token table restricted to the scored records."""
        return self.tokens[self.tokens["doc_id"].isin(set(self.scored_ids))].reset_index(drop=True)

    def dictionary_kwargs(self) -> dict[str, object]:
        """Keyword arguments for :func:`geoevent.dictionaries.petrarch.load_petrarch`."""
        return dict(self.dictionary_files)


@attrs.frozen
class SuiteScore:
    """Counts per category (with a "Total" row) and per record."""

    per_category: pd.DataFrame
    per_record: pd.DataFrame
    duplicate_events: int

    def _total(self, col: str) -> float:
        return float(self.per_category.loc[self.per_category["category"] == "Total", col].iloc[0])

    @property
    def records(self) -> int:
        return int(self._total("records"))

    @property
    def found_pct(self) -> float:
        """Correct / (correct + uncoded), in percent."""
        return self._total("found_pct")

    @property
    def extra_pct(self) -> float:
        """Extra events / records, in percent."""
        return self._total("extra_pct")

    def table(self) -> str:
        """The per-category table as UniversalPETRARCH prints it."""
        head = (
            f"{'Category':10s}{'Records':>10s}{'Correct':>10s}{'Uncoded':>10s}{'Extra':>10s}{'Null':>10s}"
            f"{'Found':>10s}{'Uncoded':>10s}{'Extra':>10s}"
        )
        lines = [head]
        for r in self.per_category.itertuples(index=False):
            lines.append(
                f"{r.category:10s}{r.records:10d}{r.correct:10d}{r.uncoded:10d}{r.extra:10d}{r.null:10d}"
                f" {r.found_pct:8.2f}% {r.uncoded_pct:8.2f}% {r.extra_pct:8.2f}%"
            )
        lines.append("Found = correct/(correct+uncoded); Extra = extra events/records")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- loading


def _attrs_of(line: str) -> dict[str, str]:
    return dict(_ATTR.findall(line))


def _parse_date(s: str, where: str) -> _dt.date:
    try:
        return _dt.datetime.strptime(s.strip(), "%Y%m%d").date()
    except ValueError:
        raise InputError(f"{where}: bad date {s!r} (expected YYYYMMDD)") from None


def load_upsuite(path: str | PathLike[str], *, mimic_upstream: bool = False) -> Suite:
    """Read UniversalPETRARCH's validation records file into a :class:`Suite`.

    doc_id is the record's id; a repeated id gets ``#2``, ``#3``... appended (the suite has two
    records with id DEMO-32). Each record's parse becomes sentence 0 of its document.

    ``mimic_upstream=True`` reproduces a quirk of UniversalPETRARCH's reader: a ``<Text>``
    block ends only at a line *starting* with ``</Text``; in the suite, PATTERN-20 closes its
    text on the text line, so upstream reads on into PATTERN-21 and scores PATTERN-20's
    expected event against PATTERN-21's parse (274 records become 273, 245 scored become 244).
    By default the end tag is honoured wherever it is.
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    env: dict[str, object] = {}
    include: tuple[str, ...] = ()
    records: list[dict] = []
    expected: list[dict] = []
    conllu: list[str] = []
    seen: dict[str, int] = {}
    i = 0
    n = len(lines)

    def envval(line: str) -> str:
        return line[line.find(">") + 1 : line.find("</")].strip()

    while i < n:
        line = lines[i]
        if line.startswith("<Environment>"):
            i += 1
            while i < n and "</Environment>" not in lines[i]:
                s = lines[i]
                if "<Verbfile" in s:
                    env["verbs"] = p.parent / envval(s)
                elif "<Actorfile" in s:
                    env["actors"] = tuple(p.parent / a.strip() for a in envval(s).split(",") if a.strip())
                elif "<Agentfile" in s:
                    env["agents"] = p.parent / envval(s)
                elif "<Discardfile" in s:
                    env["discards"] = p.parent / envval(s)
                elif "<Include" in s:
                    include = tuple(envval(s).split())
                i += 1
        elif line.startswith("<Stop"):
            break
        elif line.startswith("<Sentence "):
            i = _read_record(lines, i, p, records, expected, conllu, seen, mimic_upstream)
            continue
        i += 1
    if not records:
        raise InputError(f"{p}: no <Sentence> records found")
    tokens = read_conllu_string("\n".join(conllu), doc_id="?", where=str(p))
    rec = pd.DataFrame(records)
    rec["scored"] = rec["category"].isin(include) & rec["evaluate"] & (rec["n_expected"] > 0)
    rec = rec.drop(columns=["n_expected"])
    for c in ("doc_id", "record_id", "category", "text"):
        rec[c] = rec[c].astype(object)
    exp = pd.DataFrame(expected, columns=["doc_id", "event_code", "source_code", "target_code", "noevents"])
    for c in ("doc_id", "event_code", "source_code", "target_code"):
        exp[c] = exp[c].astype(object)
    return Suite(path=p, tokens=tokens, records=rec, expected=exp, include=include, dictionary_files=env)


def _read_record(
    lines: list[str],
    i: int,
    p: Path,
    records: list[dict],
    expected: list[dict],
    conllu: list[str],
    seen: dict[str, int],
    mimic_upstream: bool,
) -> int:
    """Read the record starting at line i; return the index of the line after it."""
    head = lines[i]
    start = i + 1
    a = _attrs_of(head)
    rid = a.get("id", "")
    where = f"{p}:{i + 1} (record {rid or '?'})"
    if not rid:
        raise InputError(f"{where}: <Sentence> without an id")
    seen[rid] = seen.get(rid, 0) + 1
    doc_id = rid if seen[rid] == 1 else f"{rid}#{seen[rid]}"
    date = _parse_date(a.get("date", ""), where)
    events: list[dict | str] = []
    text_parts: list[str] = []
    parse_lines: list[str] = []
    i += 1
    n = len(lines)
    got_parse = False
    while i < n:
        s = lines[i]
        if s.startswith(("<Sentence ", "</Sentences")):
            break
        if s.startswith("<EventCoding") and not got_parse:
            if 'noevents="True"' in s:
                events = ["noevents"]
            else:
                ea = _attrs_of(s)
                events.append(
                    {
                        "event_code": ea.get("eventcode", ""),
                        "source_code": ea.get("sourcecode", ""),
                        "target_code": ea.get("targetcode", ""),
                    }
                )
        elif s.startswith("<Text"):
            rest = s[len("<Text>") :] if s.startswith("<Text>") else ""
            i += 1
            buf = [rest] if rest.strip() else []
            while i < n and not lines[i].startswith("</Text"):
                if not mimic_upstream and "</Text>" in lines[i]:  # text and end tag on one line
                    buf.append(lines[i][: lines[i].find("</Text>")])
                    break
                buf.append(lines[i])
                i += 1
            text_parts = buf
        elif s.startswith("<Parse"):
            i += 1
            while i < n and not lines[i].startswith("</Parse"):
                if lines[i].strip():
                    parse_lines.append(lines[i].rstrip("\r\n"))
                i += 1
            got_parse = True
            i += 1
            break
        i += 1
    if not parse_lines:
        raise InputError(f"{where}: record without a <Parse>")
    text = " ".join(" ".join(text_parts).split())
    records.append(
        {
            "doc_id": doc_id,
            "record_id": rid,
            "category": a.get("category", ""),
            "date": date,
            "evaluate": a.get("evaluate", "").lower() == "true",
            "text": text,
            "line": start,
            "n_expected": len(events),
        }
    )
    for e in events:
        if e == "noevents":
            expected.append(
                {"doc_id": doc_id, "event_code": "", "source_code": "", "target_code": "", "noevents": True}
            )
        else:
            expected.append({"doc_id": doc_id, **e, "noevents": False})  # type: ignore[dict-item]
    conllu.append(f"# newdoc id = {doc_id}")
    conllu.append(f"# text = {text}")
    conllu.extend(parse_lines)
    conllu.append("")
    return i


# ----------------------------------------------------------------------------- scoring


def _is_null(code: object) -> bool:
    return not isinstance(code, str) or code == "" or code.startswith("---")


def score(suite: Suite, events: pd.DataFrame, *, null_rule: str = "any", dedupe: bool = False) -> SuiteScore:
    """Score coded ``events`` (doc_id, source_code, target_code, event_code) against the suite.

    ``null_rule``: "any" (a null source, target or code makes a null event; UniversalPETRARCH
    of May 2018) or "code" (only a null event code). ``dedupe``: count identical
    (code, source, target) events of one record once.
    """
    if null_rule not in ("any", "code"):
        raise InvalidValueError(f"null_rule must be 'any' or 'code', not {null_rule!r}")
    missing = [c for c in EVENT_COLUMNS_NEEDED if c not in events.columns]
    if missing:
        raise InputError(f"events table: missing columns {', '.join(missing)}")
    ev = events.loc[:, list(EVENT_COLUMNS_NEEDED)].astype(object)
    ev = ev.where(ev.notna(), None)  # pd.NA (the events table's null) compares as None
    triples: dict[str, list[tuple[object, object, object]]] = {}
    for d, s, t, c in ev.itertuples(index=False, name=None):
        triples.setdefault(str(d), []).append((c, s, t))
    exp_by_doc: dict[str, list[dict | str]] = {}
    r: Any  # a row of the expected-events table
    for r in suite.expected.itertuples(index=False):
        exp_by_doc.setdefault(r.doc_id, []).append(
            "noevents" if r.noevents else {"e": r.event_code, "s": r.source_code, "t": r.target_code}
        )
    rows = []
    dups = 0
    rec: Any  # a row of the records table
    for rec in suite.records.loc[suite.records["scored"]].itertuples(index=False):
        exp = exp_by_doc.get(rec.doc_id, [])
        coded = triples.get(rec.doc_id, [])
        nd = len(coded) - len(set(coded))
        dups += nd
        if dedupe:
            coded = list(dict.fromkeys(coded))
        nfound = ncoded = nnull = 0
        if not coded:
            if exp and exp[0] == "noevents":
                nfound = ncoded = 1
        else:
            for c, s, t in coded:
                null = _is_null(c) if null_rule == "code" else (_is_null(c) or _is_null(s) or _is_null(t))
                if null:
                    nnull += 1
                    continue
                ncoded += 1
                for e in exp:
                    if e == "noevents":
                        break
                    if e["e"] == c and e["s"] == s and e["t"] == t:  # type: ignore[index]
                        nfound += 1
                        break
        rows.append(
            {
                "doc_id": rec.doc_id,
                "record_id": rec.record_id,
                "category": rec.category,
                "expected": len(exp),
                "coded": ncoded,
                "correct": nfound,
                "uncoded": len(exp) - nfound,
                "extra": ncoded - nfound,
                "null": nnull,
            }
        )
    per_record = pd.DataFrame(
        rows, columns=["doc_id", "record_id", "category", "expected", "coded", "correct", "uncoded", "extra", "null"]
    )
    cats = list(dict.fromkeys(per_record["category"]))
    agg = []
    for cat in cats + ["Total"]:
        part = per_record if cat == "Total" else per_record[per_record["category"] == cat]
        recs, cor, unc, ext, nul = (
            len(part),
            int(part["correct"].sum()),
            int(part["uncoded"].sum()),
            int(part["extra"].sum()),
            int(part["null"].sum()),
        )
        denom = cor + unc
        agg.append(
            {
                "category": cat,
                "records": recs,
                "correct": cor,
                "uncoded": unc,
                "extra": ext,
                "null": nul,
                "found_pct": 100.0 * cor / denom if denom else 0.0,
                "uncoded_pct": 100.0 * unc / denom if denom else 0.0,
                "extra_pct": 100.0 * ext / recs if recs else 0.0,
            }
        )
    return SuiteScore(per_category=pd.DataFrame(agg), per_record=per_record, duplicate_events=dups)
