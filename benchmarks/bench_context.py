"""Coding speed with document context on (coreference, context country, event locations), parses given.

Usage (from the repository root)::

    python benchmarks/bench_context.py [--min-sentences 100000] [--repeat 3] [--baseline-sentences 5000]

Parses the multi-sentence documents of benchmarks/data/context_docs.jsonl once with the embedded
parser (not timed), repeats the token table (each copy its own documents, so context never
crosses a copy) to at least --min-sentences sentences, and times, in this one process, best of
--repeat runs each:

* ``code_tokens`` with the default rules (context on: ``coreference`` and ``context_country``);
* ``code_tokens`` with those two rules off (the same pass without the context stage's rules);
* the per-sentence baseline (tests/oracle.py ``code_tokens_baseline``) on --baseline-sentences.

Prints each rate in sentences/s, the ratios context-on / context-off and context-on / baseline,
and the load average (the absolute rates depend on what else the machine runs; the ratios,
measured side by side, less so; the rates per CPU second of this process even less).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import attrs
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "context_docs.jsonl"


def repeat(tokens: pd.DataFrame, dates: dict, texts: dict, min_sentences: int) -> tuple[pd.DataFrame, dict, dict, int]:
    """The token table repeated (doc_ids suffixed ``~k``) to at least ``min_sentences`` sentences."""
    n_sent = int(tokens.groupby(["doc_id", "sent_idx"], sort=False).ngroups)
    reps = max(1, -(-min_sentences // max(n_sent, 1)))
    parts, big_dates, big_texts = [], {}, {}
    for k in range(reps):
        part = tokens.copy()
        part["doc_id"] = (part["doc_id"].astype(str) + f"~{k}").astype(object)
        parts.append(part)
        big_dates.update({f"{d}~{k}": v for d, v in dates.items()})
        big_texts.update({f"{d}~{k}": v for d, v in texts.items()})
    return pd.concat(parts, ignore_index=True), big_dates, big_texts, n_sent * reps


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=DATA, help="a .jsonl of documents (id, text, date)")
    ap.add_argument("--min-sentences", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each coder; the best is reported")
    ap.add_argument("--baseline-sentences", type=int, default=5_000, help="sentences the baseline codes (0: skip)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))  # the per-sentence oracle is a tests support module
    from geoevent.coder import code_tokens, default_dictionaries
    from geoevent.parse import get_parser
    from geoevent.rules import CodingRules

    docs = pd.read_json(args.docs, lines=True, dtype={"id": str, "text": str, "date": str})
    ids, texts = docs["id"].astype(str).tolist(), docs["text"].tolist()
    dates = dict(zip(ids, docs["date"].tolist())) if "date" in docs else {}
    tokens = get_parser("embedded").parse(texts, doc_ids=ids)
    d = default_dictionaries()
    big, big_dates, big_texts, n_big = repeat(tokens, dates, dict(zip(ids, texts)), args.min_sentences)
    load0 = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"load average at the start: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}")
    print(f"{len(ids)} documents, {tokens.groupby(['doc_id', 'sent_idx']).ngroups} sentences, repeated to {n_big}")
    on = CodingRules()
    off = attrs.evolve(on, coreference=False, context_country=False)
    assert on.coreference and on.context_country, "the default rules have context on"

    def best_of(func, frame, rules, dates_, texts_):
        warm = frame.loc[frame["doc_id"].isin(frame["doc_id"].drop_duplicates().head(50))]
        func(warm, dictionaries=d, dates=dates_, doc_texts=texts_, rules=rules)  # warm caches
        times, cpu, code = [], [], None
        for _ in range(max(1, args.repeat)):
            t0, c0 = time.perf_counter(), time.process_time()
            code = func(frame, dictionaries=d, dates=dates_, doc_texts=texts_, rules=rules)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        cpu_rate[0] = min(cpu)
        return min(times), times, code

    rates, cpu_rates = {}, {}
    cpu_rate = [0.0]  # the best CPU seconds of the last best_of
    for name, rules in (("context on ", on), ("context off", off)):
        t, all_t, ev = best_of(code_tokens, big, rules, big_dates, big_texts)
        rates[name] = n_big / t
        cpu_rates[name] = n_big / max(cpu_rate[0], 1e-9)
        resolved = int(
            ev["source_resolution"].isin(["coreference", "context-country", "document-country"]).sum()
            + ev["target_resolution"].isin(["coreference", "context-country", "document-country"]).sum()
        )
        print(
            f"code_tokens, {name}: {n_big} sentences in {t:.2f} s = {rates[name]:,.0f} sentences/s "
            f"({len(ev)} events, {resolved} sides found from context; best of {', '.join(f'{x:.2f}' for x in all_t)} s); "
            f"per CPU second: {cpu_rates[name]:,.0f} sentences/s"
        )
    print(
        f"ratio context on / context off: {rates['context on '] / rates['context off']:.2f} "
        f"(per CPU second: {cpu_rates['context on '] / cpu_rates['context off']:.2f})"
    )
    if args.baseline_sentences > 0:
        from oracle import code_tokens_baseline

        keys = big[["doc_id", "sent_idx"]].drop_duplicates().head(args.baseline_sentences)
        small = big.merge(keys, on=["doc_id", "sent_idx"], how="inner")
        t, all_t, ev = best_of(code_tokens_baseline, small, on, big_dates, big_texts)
        base = len(keys) / t
        base_cpu = len(keys) / max(cpu_rate[0], 1e-9)
        print(
            f"baseline code_tokens_baseline: {len(keys)} sentences in {t:.2f} s = {base:,.0f} sentences/s "
            f"({len(ev)} events; best of {', '.join(f'{x:.2f}' for x in all_t)} s); per CPU second: {base_cpu:,.0f}"
        )
        print(
            f"ratio context on / baseline: {rates['context on '] / base:.1f}x "
            f"(per CPU second: {cpu_rates['context on '] / base_cpu:.1f}x)"
        )
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
