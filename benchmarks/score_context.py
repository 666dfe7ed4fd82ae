"""Document-context development set: coreference, context country and event location.

Usage (from the repository root)::

    python benchmarks/score_context.py [--split dev|test|both] [--misses]

Codes benchmarks/data/context_docs.jsonl (100 short hand-written news documents, each with its
gold events: source and target country, acceptable CAMEO roots, how a careful reader resolves
each side, and the event's place) with the embedded parser and default rules, and prints per
split (dev: sha1(id) even, test: odd; fixed before any tuning):

* all-events P/R/F1 over (source country, root, target country) per document, each coded
  event paired with at most one gold event (those needing context first);
* context F1: events that need the document (gold resolution coreference, context-country or
  document-country on either side; predicted events with such a resolution on either side);
* location accuracy over the gold events that have a place and were found: country right, and
  city right (same gazetteer place, or the same name folded) for those with a city.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "context_docs.jsonl"
CONTEXT = frozenset({"coreference", "context-country", "document-country"})


def split_of(doc_id: str) -> str:
    """dev or test, by the parity of sha1(doc_id): fixed before tuning."""
    return "dev" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def code_docs(docs: list[dict]) -> pd.DataFrame:
    sys.path.insert(0, str(ROOT))
    from geoevent.coder import code_documents

    frame = pd.DataFrame(
        {"doc_id": [d["id"] for d in docs], "text": [d["text"] for d in docs], "date": [d["date"] for d in docs]}
    )
    return code_documents(frame, parser="embedded")


def _side(code: object) -> str:
    return str(code)[:3] if isinstance(code, str) and code else "-"


def score(docs: list[dict], events: pd.DataFrame, *, misses: bool = False) -> dict:
    from geoevent.gazetteer import fold, gazetteer

    gz = gazetteer()
    tp = fp = fn = 0
    ctx_pred = ctx_pred_ok = ctx_gold = ctx_gold_ok = 0
    loc_n = loc_ok = city_n = city_ok = loc_gold = 0
    lines: list[str] = []
    by_doc = dict(iter(events.groupby("doc_id")))  # not dict(groupby): GroupBy.keys is a str
    for d in docs:
        ev = by_doc.get(d["id"], events.iloc[:0])
        pred = []
        for r in ev.to_dict("records"):
            key = (_side(r["source_code"]), str(r["event_code"])[:2], _side(r["target_code"]))
            pred.append((key, r))
        gold = d["events"]
        used = [False] * len(pred)
        g_match: list[int] = [-1] * len(gold)

        def is_ctx(r: dict) -> bool:
            return r["source_resolution"] in CONTEXT or r["target_resolution"] in CONTEXT

        # one gold event per coded event; events needing context are paired first, so a
        # sentence's repeat of an earlier triple pairs with its own gold event
        for first in (True, False):
            for j, g in enumerate(gold):
                if g_match[j] >= 0 or (first and not is_ctx(g)):
                    continue
                for i, (key, r) in enumerate(pred):
                    if used[i] or (first and not is_ctx(r)):
                        continue
                    if key[0] == g["source"] and key[1] in g["roots"] and key[2] == g["target"]:
                        used[i] = True
                        g_match[j] = i
                        break
        tp += sum(h >= 0 for h in g_match)
        fn += sum(h < 0 for h in g_match)
        fp += sum(not u for u in used)
        for i, (_key, r) in enumerate(pred):
            if r["source_resolution"] in CONTEXT or r["target_resolution"] in CONTEXT:
                ctx_pred += 1
                ctx_pred_ok += used[i]
        for g, h in zip(gold, g_match):
            if g["source_resolution"] in CONTEXT or g["target_resolution"] in CONTEXT:
                ctx_gold += 1
                ctx_gold_ok += h >= 0
            if g["country"]:
                loc_gold += 1
            if h < 0 or not g["country"]:
                continue
            r = pred[h][1]
            loc_n += 1
            loc_ok += r["location_country"] == g["country"]
            if g["city"]:
                city_n += 1
                ids = set(gz.lookup(g["city"])["place_id"].tolist())
                name = r["location_name"]
                ok = isinstance(name, str) and (fold(name) == fold(g["city"]) or r["location_id"] in ids)
                city_ok += ok
                if misses and not ok:
                    lines.append(f"  {d['id']} city: gold {g['city']}, got {name}")
            if misses and r["location_country"] != g["country"]:
                lines.append(f"  {d['id']} country: gold {g['country']}, got {r['location_country']}")
        if misses:
            for g, h in zip(gold, g_match):
                if h < 0:
                    lines.append(
                        f"  {d['id']} missed {g['source']} {'/'.join(g['roots'])} {g['target']} "
                        f"({g['source_resolution']}/{g['target_resolution']})"
                    )
            for i, (key, r) in enumerate(pred):
                if not used[i]:
                    lines.append(
                        f"  {d['id']} extra {' '.join(key)} ({r['source_resolution']}/{r['target_resolution']}) "
                        f"{r['source_text']!r} {r['verb_text']!r} {r['target_text']!r}"
                    )

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    cp = ctx_pred_ok / ctx_pred if ctx_pred else 0.0
    cr = ctx_gold_ok / ctx_gold if ctx_gold else 0.0
    return {
        "docs": len(docs),
        "P": p,
        "R": r,
        "F1": f1(p, r),
        "ctx_P": cp,
        "ctx_R": cr,
        "ctx_F1": f1(cp, cr),
        "ctx_gold": ctx_gold,
        "ctx_pred": ctx_pred,
        "loc_country": loc_ok / loc_n if loc_n else 0.0,
        "loc_n": loc_n,
        "loc_gold": loc_gold,
        "loc_city": city_ok / city_n if city_n else 0.0,
        "city_n": city_n,
        "lines": lines,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "both"), default="both")
    ap.add_argument("--misses", action="store_true", help="list missed and extra events and wrong places")
    args = ap.parse_args(argv)
    docs = load()
    events = code_docs(docs)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    print(
        f"{'split':6} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6} | {'ctx P':>6} {'ctx R':>6} {'ctx F1':>6} "
        f"{'(gold/pred)':>11} | {'country':>7} {'city':>6} {'(found/gold, cities)':>20}"
    )
    for name in splits:
        part = [d for d in docs if split_of(d["id"]) == name]
        s = score(part, events, misses=args.misses)
        print(
            f"{name:6} {s['docs']:>4} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} | {s['ctx_P']:6.3f} {s['ctx_R']:6.3f} "
            f"{s['ctx_F1']:6.3f} {s['ctx_gold']:>5}/{s['ctx_pred']:<5} | {s['loc_country']:7.3f} {s['loc_city']:6.3f} "
            f"{s['loc_n']:>8}/{s['loc_gold']:<4} {s['city_n']:>6}"
        )
        for line in s["lines"]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
