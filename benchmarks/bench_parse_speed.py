"""Parser speed, old vs new in one process: the inference path of commit 39ad1cd
(:mod:`benchmarks.baseline_parser`) against the package's, on the same weights and input.

Usage (from the repository root)::

    python benchmarks/bench_parse_speed.py [--shared ../shared] [--repeat 3] [--json out.json]

Input: the 2,077 EWT test sentences (``# text``), each passed as one document, raw text in,
token table out (``EmbeddedParser.parse``), and the network alone on the same words
(``BiaffineModel.parse`` per batch of ``BATCH_SENTENCES``). Runs alternate old/new; the best of
``--repeat`` is kept for each, both as wall time and as process CPU time (steadier when other
processes share the cores). The two token tables are checked to be identical first. The BLAS
library, kernel (architecture) and thread count in use are reported beside the figures
(threadpoolctl); the parser limits BLAS to one thread while parsing, and the benchmark does not
change any environment variable (``OPENBLAS_*`` are reported as found).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def blas_info() -> list[dict[str, object]]:
    """The BLAS libraries loaded in this process, as threadpoolctl reports them."""
    from threadpoolctl import threadpool_info

    keys = ("internal_api", "version", "architecture", "num_threads", "threading_layer", "filepath")
    return [{k: d.get(k) for k in keys} for d in threadpool_info() if d.get("user_api") == "blas"]


def _timed(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call."""
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print a table (and optionally JSON)."""
    ap = argparse.ArgumentParser(description="embedded parser speed: commit 39ad1cd vs now, same process")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each (best is reported)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = ap.parse_args(argv)

    import pandas as pd

    from benchmarks.bench_parser import read_gold
    from geoevent.parse.embedded import BATCH_SENTENCES, EmbeddedParser
    from geoevent.parse.tokenize import tokenize
    from tests.reference_parser import BATCH_SENTENCES as OLD_BATCH
    from tests.reference_parser import BaselineParser

    docs = read_gold([args.shared / "ud" / "UD_English-EWT" / "en_ewt-ud-test.conllu"])
    texts = [s.text for d in docs for s in d.sents]
    words = [[t[s:e] for s, e in sp] for t in texts for sp in tokenize(t)]
    parsers = {"old": BaselineParser(), "new": EmbeddedParser()}
    tables = {k: p.parse(texts) for k, p in parsers.items()}  # loads the weights, warms the caches
    pd.testing.assert_frame_equal(tables["new"], tables["old"], check_exact=True)
    batch = {"old": OLD_BATCH, "new": BATCH_SENTENCES}

    def network(k: str) -> None:
        model = parsers[k]._model
        for b in range(0, len(words), batch[k]):
            model.parse(words[b : b + batch[k]])

    best: dict[tuple[str, str], list[float]] = {}
    for _ in range(max(1, args.repeat)):
        for stage in ("parse", "network"):
            for k in ("old", "new"):
                wall, cpu = _timed(
                    (lambda k=k: parsers[k].parse(texts)) if stage == "parse" else (lambda k=k: network(k))
                )
                prev = best.get((stage, k), [float("inf"), float("inf")])
                best[(stage, k)] = [min(prev[0], wall), min(prev[1], cpu)]

    n = len(texts)
    results: dict[str, object] = {
        "sentences": n,
        "words": len(tables["new"]),
        "repeat": args.repeat,
        "identical_tables": True,
        "blas": blas_info(),
        "env": {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS", "OMP_", "MKL_"))},
        "load_average": os.getloadavg(),
    }
    print(
        f"EWT test: {n} sentences, {len(tables['new'])} words; token tables identical (old vs new); best of {args.repeat}"
    )
    print(
        f"{'stage':8s} {'old s/s':>9s} {'new s/s':>9s} {'ratio':>6s}   {'old CPU s/s':>11s} {'new CPU s/s':>11s} {'ratio':>6s}"
    )
    for stage in ("parse", "network"):
        (ow, oc), (nw, nc) = best[(stage, "old")], best[(stage, "new")]
        results[stage] = {
            "old_sentences_per_s": n / ow,
            "new_sentences_per_s": n / nw,
            "ratio": ow / nw,
            "old_sentences_per_cpu_s": n / oc,
            "new_sentences_per_cpu_s": n / nc,
            "cpu_ratio": oc / nc,
        }
        print(f"{stage:8s} {n / ow:9.0f} {n / nw:9.0f} {ow / nw:6.2f}   {n / oc:11.0f} {n / nc:11.0f} {oc / nc:6.2f}")
    for b in results["blas"]:
        print(
            f"BLAS: {b['internal_api']} {b['version']}, kernel {b['architecture']}, {b['num_threads']} threads "
            f"available (parsing uses 1); env {results['env'] or 'no OPENBLAS_*/OMP_*/MKL_* set'}"
        )
    print(
        f"load average {results['load_average'][0]:.2f} {results['load_average'][1]:.2f} {results['load_average'][2]:.2f}"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
