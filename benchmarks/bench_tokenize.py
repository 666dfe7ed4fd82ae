"""Tokenizer speed on hostile text: 1 MB of each junk shape against 1 MB of prose (the seeds
repeated), timed in the same process; prints the time ratios (1.0 = as fast as prose per
character). Before the linear-time rewrite (issue 15) the e-mail branch made "a_" * n quadratic:
39 s at 80k characters.

    python benchmarks/bench_tokenize.py [--size 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from geoevent.parse.tokenize import tokenize

ROOT = Path(__file__).resolve().parents[1]
#: Junk shapes: runs without a space that a backtracking branch would rescan, and a few more.
SHAPES = ["a_", "a+", "a..", "x.-", "a@", "a@b", "Mr.", "a.b@c", "www.,", "a-", "a'", ":-", "a\n", "a "]


def best_of(text: str, repeat: int) -> float:
    """The best of ``repeat`` timings of tokenize(text), in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        tokenize(text)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="characters per text (default 1 MB)")
    ap.add_argument("--repeat", type=int, default=3, help="timings per text; the best is kept")
    args = ap.parse_args()
    prose = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    prose = (prose * (args.size // len(prose) + 1))[: args.size]
    base = best_of(prose, args.repeat)
    print(f"prose: {args.size:,} characters in {base:.2f} s")
    print(f"{'shape':>8}  {'seconds':>8}  ratio to prose")
    for shape in SHAPES:
        text = (shape * (args.size // len(shape) + 1))[: args.size]
        t = best_of(text, args.repeat)
        print(f"{shape!r:>8}  {t:8.2f}  {t / base:5.2f}")


if __name__ == "__main__":
    main()
