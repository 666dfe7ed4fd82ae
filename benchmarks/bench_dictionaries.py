"""Dictionary load times: the built-in TSV files, and the community PETRARCH dictionaries.

    python benchmarks/bench_dictionaries.py [--repeat 3]

Prints the best of --repeat timings of building the built-in dictionaries from their text, and of
a first (uncached) and second (cached) load of the PETRARCH-2 dictionaries from ../shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from importlib import resources

    from geoevent.dictionaries.builtin import _build, builtin_files

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    root = resources.files("geoevent").joinpath("data", "dictionaries")
    texts = [(n, root.joinpath(n).read_text(encoding="utf-8")) for n in builtin_files()]
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        d = _build(texts)
        times.append(time.perf_counter() - t0)
    print(
        f"built-in dictionaries: {len(d.actors)} actors, {len(d.agents)} agents, {len(d.verbs)} verbs, "
        f"{len(d.nouns)} nouns: {min(times):.2f} s (best of {args.repeat})"
    )
    base = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
    if not base.is_dir():
        print(f"PETRARCH-2 dictionaries: skipped ({base} is absent)")
        return 0
    from geoevent.dictionaries.petrarch import clear_petrarch_cache, load_petrarch_with_report

    kw = dict(
        verbs=base / "CAMEO.2.0.txt",
        actors=[base / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International", "MilNonState")],
        agents=base / "Phoenix.agents.txt",
        discards=base / "Phoenix.discards.txt",
    )
    clear_petrarch_cache()
    t0 = time.perf_counter()
    load_petrarch_with_report(**kw)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    load_petrarch_with_report(**kw)
    print(f"PETRARCH-2 dictionaries: first load {first:.2f} s, cached {time.perf_counter() - t0:.4f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
