"""Score coded events against a gold file such as ../shared/gold/seeds_gold.json.

Gold format: ``{"documents": {doc_id: {"required": [item...], "optional": [item...], ...}}}``,
each item ``{"source": "USA", "roots": ["08", "05"], "target": "UKR" | null}``.

Scoring, per document, on the distinct (source country, root code, target country) triples of
the coded events (an empty or missing target country is ``None``):

* a triple *matches* an item when the source countries are equal, the root code is one of the
  item's roots and the targets are equal (a null gold target matches only a missing target);
* **recall** = required items found / required items. Items are paired one-to-one with triples
  (a maximum matching), so one triple never accounts for two gold events;
* **precision** = correct / (correct + false) triples: a triple matching some required item is
  correct, one matching only optional items is ignored (neither hit nor miss), any other is false;
* F1 is their harmonic mean. Overall figures pool the counts of all gold documents (micro
  average). Events of documents the gold file does not list are not scored (counted apart);
  gold documents without any event score recall 0.

A ratio whose denominator is 0 is ``None`` (shown as ``-``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pandas as pd

from geoevent.errors import InputError

__all__ = ["DocScore", "EvalResult", "GoldItem", "evaluate_gold", "format_result", "load_gold"]

Triple = tuple[str | None, str, str | None]


@attrs.frozen(slots=True)
class GoldItem:
    """One gold event: a source country, the acceptable root codes, a target country or None."""

    source: str
    roots: tuple[str, ...]
    target: str | None

    def matches(self, triple: Triple) -> bool:
        """True when ``triple`` (source, root, target) is this event."""
        source, root, target = triple
        return source == self.source and root in self.roots and target == self.target

    def __str__(self) -> str:
        return f"{self.source} {'/'.join(self.roots)} {self.target or '-'}"


@attrs.frozen(slots=True)
class DocScore:
    """Counts and scores for one document."""

    doc_id: str
    required: int
    found: int
    correct: int
    false: int
    ignored: int
    missed: tuple[GoldItem, ...]
    false_triples: tuple[Triple, ...]

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct, self.correct + self.false)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.required)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)


@attrs.frozen(slots=True)
class EvalResult:
    """Per-document scores (in gold order), pooled totals and the unscored documents."""

    documents: tuple[DocScore, ...]
    unscored_documents: tuple[str, ...]

    def _sum(self, name: str) -> int:
        return sum(getattr(d, name) for d in self.documents)

    @property
    def required(self) -> int:
        return self._sum("required")

    @property
    def found(self) -> int:
        return self._sum("found")

    @property
    def correct(self) -> int:
        return self._sum("correct")

    @property
    def false(self) -> int:
        return self._sum("false")

    @property
    def ignored(self) -> int:
        return self._sum("ignored")

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct, self.correct + self.false)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.required)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        """Plain numbers, e.g. for JSON output."""

        def doc(d: DocScore) -> dict[str, Any]:
            return {
                "doc_id": d.doc_id,
                "required": d.required,
                "found": d.found,
                "correct": d.correct,
                "false": d.false,
                "ignored": d.ignored,
                "precision": d.precision,
                "recall": d.recall,
                "f1": d.f1,
                "missed": [str(i) for i in d.missed],
                "false_triples": [list(t) for t in d.false_triples],
            }

        return {
            "documents": [doc(d) for d in self.documents],
            "overall": {
                "required": self.required,
                "found": self.found,
                "correct": self.correct,
                "false": self.false,
                "ignored": self.ignored,
                "precision": self.precision,
                "recall": self.recall,
                "f1": self.f1,
            },
            "unscored_documents": list(self.unscored_documents),
        }


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _blank(value: Any) -> bool:
    return (
        value is None
        or (not isinstance(value, str) and pd.isna(value))
        or (isinstance(value, str) and not value.strip())
    )


def _items(raw: Any, path: Path, doc_id: str, kind: str) -> tuple[GoldItem, ...]:
    if raw is None:
        return ()
    where = f"{path}: document {doc_id!r}, {kind}"
    if not isinstance(raw, list):
        raise InputError(f"{where}: expected a list of events")
    out = []
    for n, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            raise InputError(f"{where} #{n}: expected an object with source, roots, target")
        source, roots, target = item.get("source"), item.get("roots"), item.get("target")
        if not isinstance(source, str) or not source:
            raise InputError(f"{where} #{n}: 'source' must be a country code")
        if not isinstance(roots, list) or not roots or not all(isinstance(r, str) and len(r) == 2 for r in roots):
            raise InputError(f"{where} #{n}: 'roots' must be a list of two-digit root codes such as \"08\"")
        if target is not None and (not isinstance(target, str) or not target):
            raise InputError(f"{where} #{n}: 'target' must be a country code or null")
        out.append(GoldItem(source, tuple(roots), target))
    return tuple(out)


def load_gold(gold_path: str | Path) -> dict[str, tuple[tuple[GoldItem, ...], tuple[GoldItem, ...]]]:
    """doc_id -> (required items, optional items) from a gold JSON file (InputError if malformed)."""
    path = Path(gold_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, dict):
        raise InputError(f"{path}: expected an object with a 'documents' object")
    out = {}
    for doc_id, doc in docs.items():
        if not isinstance(doc, Mapping):
            raise InputError(f"{path}: document {doc_id!r}: expected an object")
        out[str(doc_id)] = (
            _items(doc.get("required"), path, doc_id, "required"),
            _items(doc.get("optional"), path, doc_id, "optional"),
        )
    return out


def _triples(events: pd.DataFrame) -> dict[str, list[Triple]]:
    """doc_id -> distinct (source country, root, target country) triples, in first-seen order."""
    if "event_root_code" in events.columns:
        roots = events["event_root_code"]
    elif "event_code" in events.columns:
        roots = events["event_code"].astype(str).str[:2]
    else:
        raise InputError("events table has neither 'event_root_code' nor 'event_code'")
    for col in ("doc_id", "source_country", "target_country"):
        if col not in events.columns:
            raise InputError(f"events table has no {col!r} column")
    out: dict[str, list[Triple]] = {}
    for doc_id, src, root, tgt in zip(events["doc_id"], events["source_country"], roots, events["target_country"]):
        triple = (None if _blank(src) else str(src), str(root), None if _blank(tgt) else str(tgt))
        seen = out.setdefault(str(doc_id), [])
        if triple not in seen:
            seen.append(triple)
    return out


def _matched_items(items: Sequence[GoldItem], triples: Sequence[Triple]) -> set[int]:
    """Indices of the items paired in a maximum one-to-one matching with triples (augmenting paths)."""
    owner: dict[int, int] = {}  # triple index -> item index

    def augment(i: int, visited: set[int]) -> bool:
        for t, triple in enumerate(triples):
            if t in visited or not items[i].matches(triple):
                continue
            visited.add(t)
            if t not in owner or augment(owner[t], visited):
                owner[t] = i
                return True
        return False

    for i in range(len(items)):
        augment(i, set())
    return set(owner.values())


def evaluate_gold(events_df: pd.DataFrame, gold_path: str | Path) -> EvalResult:
    """Precision, recall and F1 of ``events_df`` against the gold file (see the module doc)."""
    gold = load_gold(gold_path)
    coded = _triples(events_df)
    scores = []
    for doc_id, (required, optional) in gold.items():
        triples = coded.get(doc_id, [])
        matched = _matched_items(required, triples)
        correct = false = ignored = 0
        false_triples = []
        for triple in triples:
            if any(item.matches(triple) for item in required):
                correct += 1
            elif any(item.matches(triple) for item in optional):
                ignored += 1
            else:
                false += 1
                false_triples.append(triple)
        missed = tuple(item for i, item in enumerate(required) if i not in matched)
        scores.append(
            DocScore(doc_id, len(required), len(matched), correct, false, ignored, missed, tuple(false_triples))
        )
    unscored = tuple(sorted(d for d in coded if d not in gold))
    return EvalResult(tuple(scores), unscored)


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def format_result(result: EvalResult) -> str:
    """A plain-text report: one line per document, the overall line, misses and false triples."""
    width = max([len("overall")] + [len(d.doc_id) for d in result.documents])
    head = f"{'document':<{width}}  {'P':>5}  {'R':>5}  {'F1':>5}  found/req  correct  false  optional"
    lines = [head]

    def row(name: str, s: DocScore | EvalResult) -> str:
        return (
            f"{name:<{width}}  {_fmt(s.precision):>5}  {_fmt(s.recall):>5}  {_fmt(s.f1):>5}  "
            f"{f'{s.found}/{s.required}':>9}  {s.correct:>7}  {s.false:>5}  {s.ignored:>8}"
        )

    lines += [row(d.doc_id, d) for d in result.documents]
    lines.append(row("overall", result))
    for d in result.documents:
        for item in d.missed:
            lines.append(f"missed  {d.doc_id}: {item}")
        for src, root, tgt in d.false_triples:
            lines.append(f"false   {d.doc_id}: {src or '-'} {root} {tgt or '-'}")
    if result.unscored_documents:
        n = len(result.unscored_documents)
        lines.append(f"not scored: {n} document(s) with events but not in the gold file")
    return "\n".join(lines)
