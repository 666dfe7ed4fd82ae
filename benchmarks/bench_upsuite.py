"""UniversalPETRARCH validation suite: accuracy per category, and coding speed vs the baseline.

Usage (from the repository root)::

    python benchmarks/bench_upsuite.py [--suite PATH] [--min-sentences 100000] [--repeat 3]
                                       [--baseline-sentences 20000] [--mimic-upstream]

Loads ../shared/suites/universalpetrarch/ (parses given) and its own dictionaries through
geoevent.dictionaries.petrarch.load_petrarch, codes the scored records with
geoevent.coder.code_tokens, prints the per-category table and the overall found / extra
figures (counted as UniversalPETRARCH's validation.py does, see geoevent.validation), then
times coding on the scored records repeated to at least --min-sentences sentences, and the
per-sentence baseline (tests/oracle.py) on --baseline-sentences of them, each
--repeat times in this process, and prints both best rates and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import attrs
import pandas as pd

from geoevent.rules import CodingRules

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SUITE = ROOT.parent / "shared" / "suites" / "universalpetrarch" / "PETR_Validate_records_2_02.xml"


def _import_coders():
    """(code_tokens, code_tokens_baseline or None); exits with a clear message when absent."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))  # the per-sentence oracle is a tests support module
    try:
        from geoevent.coder import code_tokens
        from geoevent.rules import CodingRules  # noqa: F401 - checked importable here
    except ImportError as exc:
        sys.exit(
            f"bench_upsuite: geoevent.coder.code_tokens is not importable yet ({exc}); "
            "the coder must land before this benchmark can run"
        )
    try:
        from oracle import code_tokens_baseline
    except ImportError as exc:
        print(f"note: baseline coder not importable ({exc}); speed ratio skipped")
        code_tokens_baseline = None
    return code_tokens, code_tokens_baseline


def repeat_tokens(tokens: pd.DataFrame, dates: dict, min_sentences: int) -> tuple[pd.DataFrame, dict, int]:
    """The token table repeated (doc_ids suffixed ``~k``) to at least ``min_sentences`` sentences."""
    n_sent = int(tokens.groupby(["doc_id", "sent_idx"], sort=False).ngroups)
    reps = max(1, -(-min_sentences // max(n_sent, 1)))
    parts, big_dates = [], {}
    for k in range(reps):
        part = tokens.copy()
        part["doc_id"] = (part["doc_id"].astype(str) + f"~{k}").astype(object)
        parts.append(part)
        big_dates.update({f"{d}~{k}": v for d, v in dates.items()})
    return pd.concat(parts, ignore_index=True), big_dates, n_sent * reps


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", type=Path, default=DEFAULT_SUITE)
    ap.add_argument("--min-sentences", type=int, default=100_000, help="0 = skip the speed comparison")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each coder; the best is reported")
    ap.add_argument(
        "--baseline-sentences",
        type=int,
        default=20_000,
        help="sentences timed with the per-sentence baseline (0 = all of the repeated set)",
    )
    ap.add_argument(
        "--mimic-upstream",
        action="store_true",
        help="read the records file with UniversalPETRARCH's quirk (244 scored records)",
    )
    ap.add_argument("--null-rule", choices=("any", "code"), default="any")
    ap.add_argument("--records", action="store_true", help="also print the records that miss or add events")
    ap.add_argument(
        "--petrarch-intent",
        action="store_true",
        help="code promised acts ('will supply') as the act, as PETRARCH and this suite do, "
        "instead of geoevent's default intent codes (03x/13x)",
    )
    ap.add_argument(
        "--petrarch-negation",
        action="store_true",
        help="code negated verbs by the suite's PETRARCH coding ontology ('did not clash' -> 050), "
        "instead of geoevent's default (a negated verb codes nothing)",
    )
    ap.add_argument(
        "--petrarch-modality",
        action="store_true",
        help="code hypothetical acts ('could strike', 'tried to strike') as acts, as PETRARCH does, "
        "instead of geoevent's default (they code nothing)",
    )
    ap.add_argument(
        "--petrarch-passive",
        action="store_true",
        help="a passive verb without an agent takes its source from an actor in its oblique "
        "('was shot dead in Osgiliath'), as PETRARCH does (geoevent's default: no source)",
    )
    ap.add_argument("--petrarch", action="store_true", help="all --petrarch-* conventions")
    args = ap.parse_args(argv)
    if args.petrarch:
        args.petrarch_intent = args.petrarch_negation = args.petrarch_modality = args.petrarch_passive = True

    if not args.suite.exists():
        sys.exit(f"bench_upsuite: suite not found at {args.suite} (the ../shared folder is needed)")
    code_tokens, code_tokens_baseline = _import_coders()
    from geoevent.dictionaries.petrarch import load_petrarch_with_report
    from geoevent.validation import load_upsuite, score

    t0 = time.perf_counter()
    suite = load_upsuite(args.suite, mimic_upstream=args.mimic_upstream)
    t_suite = time.perf_counter() - t0
    dictionaries, report = load_petrarch_with_report(**suite.dictionary_kwargs())
    print(
        f"suite: {len(suite.records)} records, {len(suite.scored_ids)} scored, "
        f"{len(suite.tokens)} tokens (read in {t_suite:.2f} s)"
    )
    print("dictionaries (PETRARCH reader):")
    print("  " + report.summary().replace("\n", "\n  "))

    tokens = suite.scored_tokens()
    dates = {d: suite.dates[d] for d in suite.scored_ids}
    t0 = time.perf_counter()
    opts: dict = {
        "intent": not args.petrarch_intent,
        "modality": not args.petrarch_modality,
        "oblique_source": args.petrarch_passive,
    }
    petrarch_mode = any((args.petrarch_intent, args.petrarch_modality, args.petrarch_passive, args.petrarch_negation))
    negation_note = "none (a negated verb codes nothing)"
    if args.petrarch_negation:
        from geoevent.dictionaries.petrarch import load_pico_negation

        ontology = sorted(args.suite.parent.glob("*Coding_Ontology*.txt"))
        if not ontology:
            sys.exit(f"bench_upsuite: no *Coding_Ontology*.txt beside {args.suite}")
        opts["negation"] = load_pico_negation(ontology[0])
        negation_note = f"{len(opts['negation'])} pairs from {ontology[0].name}"
    print(
        f"coding rules: intent={opts['intent']}, modality={opts['modality']}, "
        f"oblique_source={opts['oblique_source']} (PETRARCH: False, False, True); negation: {negation_note}"
    )
    if petrarch_mode:  # PETRARCH's conventions: none of geoevent's additions (the suite follows PETRARCH)
        rules = attrs.evolve(CodingRules.petrarch(), **opts)
    else:
        rules = CodingRules(**opts)
    print(f"rules: {rules}")
    events = code_tokens(tokens, dictionaries=dictionaries, dates=dates, rules=rules)
    t_code = time.perf_counter() - t0
    result = score(suite, events, null_rule=args.null_rule)
    print()
    print(result.table())
    print(
        f"\nOverall: {result.records} records, found {result.found_pct:.1f}% of expected events, "
        f"extra events {result.extra_pct:.1f}% of records (duplicate identical events: {result.duplicate_events}); "
        f"coded in {t_code:.2f} s"
    )
    print("UniversalPETRARCH reference on this suite: 85.6% found / 14.8% extra (244 records)")
    if args.records:
        bad = result.per_record[(result.per_record["uncoded"] > 0) | (result.per_record["extra"] > 0)]
        print(bad.to_string(index=False))

    if args.min_sentences <= 0:  # accuracy only
        return 0
    big, big_dates, n_big = repeat_tokens(tokens, dates, args.min_sentences)
    code_tokens(tokens.head(2000), dictionaries=dictionaries, dates=dates)  # warm caches

    def best_of(func, frame):  # this machine's speed varies: report the best of --repeat runs
        times, out = [], None
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            out = func(frame, dictionaries=dictionaries, dates=big_dates, rules=rules)
            times.append(time.perf_counter() - t0)
        return min(times), times, out

    t_big, all_big, big_events = best_of(code_tokens, big)
    rate = n_big / t_big
    print(
        f"\nSpeed: geoevent.coder.code_tokens  {n_big} sentences in {t_big:.2f} s = {rate:,.0f} sentences/s "
        f"({len(big_events)} events; best of {', '.join(f'{t:.2f}' for t in all_big)} s)"
    )
    if code_tokens_baseline is not None:
        nb = n_big if args.baseline_sentences <= 0 else min(n_big, args.baseline_sentences)
        keys = big[["doc_id", "sent_idx"]].drop_duplicates().head(nb)
        small = big.merge(keys, on=["doc_id", "sent_idx"], how="inner")
        t_base, all_base, base_events = best_of(code_tokens_baseline, small)
        brate = nb / t_base
        print(
            f"Speed: baseline code_tokens_baseline {nb} sentences in {t_base:.2f} s = {brate:,.0f} sentences/s "
            f"({len(base_events)} events; best of {', '.join(f'{t:.2f}' for t in all_base)} s)"
        )
        print(f"Ratio vectorized / baseline: {rate / brate:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
