"""Score geoevent on the hand-coded development set (benchmarks/data/devset.jsonl).

    python benchmarks/score_devset.py                 # the dev half (the half rules are tuned on)
    python benchmarks/score_devset.py --split test    # the held-out half: report, never tune on it
    python benchmarks/score_devset.py --split all --misses 40

Each record: id, text, date, kind (event | domestic | control), events (required), optional,
note. An event is {source, code, target}; actor codes start with a 3-letter country (or IGO,
NGO, IMG; "---" for unknown), target may be null.

The split is fixed once, by rule, before any tuning: a record is in the test half when the first
byte of sha1(id) is odd. Figures printed (per sentence, one-to-one matching, optional events
neither reward nor penalise a prediction that matches them):

- root recall / precision: an event's root (first two digits) against the gold roots;
- full-code recall: the whole code;
- triple P/R/F1 on (source country, root, target country);
- a per-root table of recall and precision;
- control sentences that code any event (the false-event count).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent
DEFAULT_DATA = ROOT / "data" / "devset.jsonl"


def split_of(record_id: str) -> str:
    """'test' when the first byte of sha1(id) is odd, else 'dev' (fixed before tuning)."""
    return "test" if hashlib.sha1(record_id.encode("utf-8")).digest()[0] % 2 else "dev"


def load(path: Path) -> list[dict]:
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not JSON ({exc})") from None
    return records


def country(code: str | None) -> str | None:
    if not isinstance(code, str) or code == "":  # None, NaN, pd.NA
        return None
    return str(code)[:3]


def _match(pred: list[tuple], gold: list[tuple], optional: list[tuple]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives), one-to-one; optional items absorb
    predictions without counting."""
    pool = Counter(gold)
    opt = Counter(optional)
    tp = fp = 0
    for p in pred:
        if pool[p] > 0:
            pool[p] -= 1
            tp += 1
        elif opt[p] > 0:
            opt[p] -= 1
        else:
            fp += 1
    return tp, fp, sum(pool.values())


def code_records(records: list[dict], **kwargs) -> pd.DataFrame:
    import geoevent

    frame = pd.DataFrame(
        {
            "id": [r["id"] for r in records],
            "text": [r["text"] for r in records],
            "date": [r.get("date") for r in records],
        }
    )
    return geoevent.code_frame(frame, text_col="text", id_col="id", date_col="date", **kwargs)


def score(records: list[dict], events: pd.DataFrame) -> dict:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in events[["doc_id", "source_code", "event_code", "target_code"]].to_dict("records"):
        by_doc[row["doc_id"]].append(row)
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in ("root", "code", "triple")}
    per_root: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    control_hits = 0
    controls = 0
    sentences_with_event = 0
    misses: list[tuple[str, str, list, list]] = []
    for r in records:
        pred = by_doc.get(r["id"], [])
        gold = r.get("events") or []
        opt = r.get("optional") or []
        if r.get("kind") == "control":
            controls += 1
            control_hits += bool(pred)
        sentences_with_event += bool(pred)
        views = {
            "root": lambda e: (str(e["code"])[:2],),
            "code": lambda e: (str(e["code"]),),
            "triple": lambda e: (country(e["source"]), str(e["code"])[:2], country(e["target"])),
        }
        pred_std = [{"source": p["source_code"], "code": p["event_code"], "target": p["target_code"]} for p in pred]
        for name, view in views.items():
            tp, fp, fn = _match([view(p) for p in pred_std], [view(g) for g in gold], [view(o) for o in opt])
            t = totals[name]
            t[0] += tp
            t[1] += fp
            t[2] += fn
        # per root: recall over gold roots, precision over predicted roots
        for root in {str(g["code"])[:2] for g in gold} | {str(p["code"])[:2] for p in pred_std}:
            g_r = [(1,) for g in gold if str(g["code"])[:2] == root]
            p_r = [(1,) for p in pred_std if str(p["code"])[:2] == root]
            o_r = [(1,) for o in opt if str(o["code"])[:2] == root]
            tp, fp, fn = _match(p_r, g_r, o_r)
            pr = per_root[root]
            pr[0] += tp
            pr[1] += fp
            pr[2] += fn
        tp, fp, fn = _match(
            [views["triple"](p) for p in pred_std],
            [views["triple"](g) for g in gold],
            [views["triple"](o) for o in opt],
        )
        if fp or fn:
            misses.append(
                (
                    r["id"],
                    r["text"],
                    [views["triple"](g) for g in gold],
                    [(p["source"], p["code"], p["target"]) for p in pred_std],
                )
            )

    def prf(t: list[int]) -> tuple[float, float, float]:
        tp, fp, fn = t
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    return {
        "records": len(records),
        "controls": controls,
        "control_false": control_hits,
        "sentences_with_event": sentences_with_event,
        "root": prf(totals["root"]),
        "code": prf(totals["code"]),
        "triple": prf(totals["triple"]),
        "counts": totals,
        "per_root": {k: (prf(v), v) for k, v in sorted(per_root.items())},
        "misses": misses,
    }


def report(s: dict, *, show_misses: int = 0, out=sys.stdout) -> None:
    p, r, _ = s["root"]
    print(
        f"records {s['records']}, controls {s['controls']}, sentences coding an event {s['sentences_with_event']}",
        file=out,
    )
    print(f"root   recall {r:.3f}  precision {p:.3f}", file=out)
    print(f"code   recall {s['code'][1]:.3f}  (full CAMEO code)", file=out)
    tp, tr, tf = s["triple"]
    print(f"triple P {tp:.3f}  R {tr:.3f}  F1 {tf:.3f}  (source country, root, target country)", file=out)
    share = s["control_false"] / s["controls"] if s["controls"] else 0.0
    print(f"controls coding an event: {s['control_false']} of {s['controls']} ({share:.1%})", file=out)
    print("root  recall  precision   tp  fp  fn", file=out)
    for root, ((pp, rr, _), (a, b, c)) in s["per_root"].items():
        print(f"  {root}   {rr:.2f}    {pp:.2f}     {a:4d} {b:3d} {c:3d}", file=out)
    for rid, text, gold, pred in s["misses"][:show_misses]:
        print(f"- {rid}: {text}\n    gold {gold}\n    got  {pred}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--misses", type=int, default=0, help="print this many sentences with errors")
    ap.add_argument("--kind", choices=("event", "domestic", "control"), help="only records of this kind")
    ap.add_argument("--prefix", help="only records whose id starts with this")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    records = load(args.data)
    if args.split != "all":
        records = [r for r in records if split_of(r["id"]) == args.split]
    if args.kind:
        records = [r for r in records if r.get("kind") == args.kind]
    if args.prefix:
        records = [r for r in records if r["id"].startswith(args.prefix)]
    t0 = time.perf_counter()
    events = code_records(records)
    elapsed = time.perf_counter() - t0
    s = score(records, events)
    print(f"split {args.split}: {len(records)} records coded in {elapsed:.1f} s")
    report(s, show_misses=args.misses)
    if args.json:
        payload = {k: v for k, v in s.items() if k != "misses"}
        args.json.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
