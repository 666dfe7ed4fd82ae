"""Corpus-scale benchmark: one command, a JSON report and a table.

    python benchmarks/run.py                      # 10k / 100k / 1M sentences (1M takes long)
    python benchmarks/run.py --quick              # 2k / 10k sentences, for development
    python benchmarks/run.py --sizes 10000,100000 --baseline /tmp/ge-ee6c96c --baseline-size 100000

Measured (each figure beside the BLAS kernel threadpoolctl reports):

* end to end, raw text (JSONL of 20-sentence documents built from EWT and GUM sentences, from
  ../shared/ud) to Parquet, with ``geoevent code``: sentences/s and peak RSS (the sum over the
  process tree, polled) at each size for ``--jobs 1`` and ``--jobs 2``;
* the time per sentence at the largest size over that at the smallest (linearity);
* ``--jobs 2`` over ``--jobs 1`` (speed-up) and whether both wrote identical events;
* parser-only and coder-only sentences/s (in this process, one thread);
* a Dask LocalCluster of 2 workers (``geoevent code --dask local:2``): sentences/s;
* with ``--baseline DIR`` (a git worktree of an older commit: ``git worktree add /tmp/ge-ee6c96c
  ee6c96c``), the same end-to-end run of that code side by side, and the speed ratio.

The report goes to ``--out`` (default benchmarks/results/run.json) and the table to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's geoevent, also for the in-process figures
SHARED = ROOT.parent / "shared"
DOC_SENTENCES = 20


def blas_info() -> list[dict[str, Any]]:
    """The BLAS libraries loaded here, as threadpoolctl reports them (kernel = architecture)."""
    try:
        import numpy as np  # noqa: F401 - loads the BLAS
        from threadpoolctl import threadpool_info
    except ImportError:
        return []
    return [
        {
            k: v
            for k, v in info.items()
            if k in ("internal_api", "version", "architecture", "num_threads", "threading_layer", "filepath")
        }
        for info in threadpool_info()
        if info.get("user_api") == "blas"
    ]


def blas_label(info: list[dict[str, Any]]) -> str:
    if not info:
        return "unknown"
    b = info[0]
    return f"{b.get('internal_api')} {b.get('version')} {b.get('architecture')} ({b.get('num_threads')} threads)"


def sentences_from_ud() -> list[str]:
    texts: list[str] = []
    for folder in ("UD_English-EWT", "GUM-wikimedia"):
        for path in sorted((SHARED / "ud" / folder).glob("*.conllu")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("# text = "):
                    t = line[9:].strip()
                    if t:
                        texts.append(t)
    if not texts:
        raise SystemExit(f"no sentences found under {SHARED / 'ud'} (EWT and GUM CoNLL-U files are needed)")
    return texts


def write_corpus(path: Path, sentences: list[str], n: int, *, seed: int = 0) -> int:
    """A JSONL corpus of ``n`` sentences in 20-sentence documents, sentences cycled in a shuffled order."""
    rng = random.Random(seed)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    with path.open("w", encoding="utf-8") as fh:
        written = 0
        doc = 0
        while written < n:
            k = min(DOC_SENTENCES, n - written)
            text = " ".join(sentences[order[(written + i) % len(order)]] for i in range(k))
            fh.write(
                json.dumps(
                    {"id": f"doc{doc:07d}", "date": f"20{10 + doc % 15:02d}-{1 + doc % 12:02d}-15", "text": text}
                )
                + "\n"
            )
            written += k
            doc += 1
    return n


def run_measured(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``cmd``; wall seconds, exit status and peak RSS of its process tree (psutil, polled)."""
    import resource

    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_tree = peak_one = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak_tree, peak_one
        try:
            p = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            try:
                procs = [p, *p.children(recursive=True)]
                rss = []
                for q in procs:
                    try:
                        rss.append(q.memory_info().rss)
                    except psutil.Error:
                        pass
                if rss:
                    peak_tree = max(peak_tree, sum(rss))
                    peak_one = max(peak_one, max(rss))
            except psutil.Error:
                pass
            stop.wait(0.1)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    out, err = proc.communicate()
    stop.set()
    th.join()
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    parsed = re.search(r"\((\d+) sentences\)", out or "")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "parsed_sentences": int(parsed.group(1)) if parsed else None,
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "returncode": proc.returncode,
        "peak_rss_mb": peak_tree / 2**20,
        "peak_rss_largest_process_mb": peak_one / 2**20,
        "stdout_tail": out.strip().splitlines()[-1:] if out else [],
        "stderr_tail": err.strip().splitlines()[-3:] if proc.returncode else [],
    }


def code_cmd(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "geoevent.cli",
        "code",
        str(corpus),
        "-o",
        str(out),
        "--no-progress",
        "--show",
        "0",
        *extra,
    ]


def same_events(a: Path, b: Path) -> bool:
    import pyarrow.parquet as pq

    return pq.read_table(a).equals(pq.read_table(b))


def parser_and_coder(sentences: list[str], n: int) -> dict[str, Any]:
    """Parser-only and coder-only sentences/s on ``n`` sentences (20-sentence documents)."""
    from geoevent import coder
    from geoevent.parse import get_parser

    docs = [" ".join(sentences[i : i + DOC_SENTENCES]) for i in range(0, n, DOC_SENTENCES)]
    ids = [f"d{i}" for i in range(len(docs))]
    backend = get_parser("embedded")
    backend.parse(docs[:2], doc_ids=ids[:2])  # load the model
    t0 = time.perf_counter()
    tokens = backend.parse(docs, doc_ids=ids)
    parse_s = time.perf_counter() - t0
    n_sent = int((tokens["tok_idx"] == 1).sum())
    d = coder.default_dictionaries()
    coder.code_tokens(tokens.head(2000), dictionaries=d)  # warm caches
    t0 = time.perf_counter()
    events = coder.code_tokens(tokens, dictionaries=d, doc_texts=dict(zip(ids, docs)))
    code_s = time.perf_counter() - t0
    return {
        "sentences": n_sent,
        "parser_sentences_per_s": n_sent / parse_s,
        "coder_sentences_per_s": n_sent / code_s,
        "events": len(events),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="sentence counts, comma-separated")
    ap.add_argument("--quick", action="store_true", help="sizes 2000,10000 (development)")
    ap.add_argument("--jobs", default="1,2", help="--jobs values to measure end to end")
    ap.add_argument(
        "--dask-size", type=int, default=None, help="sentences for the Dask run (default: the smallest size; 0: skip)"
    )
    ap.add_argument("--parser-sentences", type=int, default=4000, help="sentences for the parser-/coder-only figures")
    ap.add_argument("--baseline", type=Path, help="a git worktree of an older commit to run side by side")
    ap.add_argument("--baseline-size", type=int, default=100000, help="sentences for the side-by-side run")
    ap.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "run.json")
    args = ap.parse_args(argv)
    sizes = [2000, 10000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    jobs = [int(j) for j in args.jobs.split(",") if j]
    blas = blas_info()
    label = blas_label(blas)
    report: dict[str, Any] = {
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "env": {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS", "OMP_", "MKL_", "MALLOC_"))},
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        },
        "blas": blas,
        "end_to_end": [],
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    sentences = sentences_from_ud()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="geoevent-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    corpora: dict[int, Path] = {}

    def corpus(n: int) -> Path:
        if n not in corpora:
            corpora[n] = work / f"corpus_{n}.jsonl"
            write_corpus(corpora[n], sentences, n)
        return corpora[n]

    rows: list[list[str]] = []
    for n in sizes:
        outs = {}
        for j in jobs:
            out = work / f"events_{n}_j{j}.parquet"
            r = run_measured(code_cmd(corpus(n), out, "--jobs", str(j), "--overwrite"), cwd=ROOT, env=env)
            r.update(
                {
                    "sentences": n,
                    "jobs": j,
                    "sentences_per_s": n / r["seconds"],
                    "sentences_per_cpu_s": n / max(r["cpu_seconds"], 1e-9),
                    "blas": label,
                }
            )
            report["end_to_end"].append(r)
            outs[j] = out
            if r["returncode"]:
                rows.append([f"end to end, {n:,} sentences, --jobs {j}", f"FAILED ({r['stderr_tail']})", "", label])
                continue
            rows.append(
                [
                    f"end to end, {n:,} sentences, --jobs {j}",
                    f"{r['sentences_per_s']:,.0f} sentences/s ({r['sentences_per_cpu_s']:,.0f}/CPU-s)",
                    f"{r['peak_rss_mb']:,.0f} MB",
                    label,
                ]
            )
            print(f"# {rows[-1]}", file=sys.stderr, flush=True)
        if len(jobs) > 1 and all(o.exists() for o in outs.values()):
            same = same_events(outs[jobs[0]], outs[jobs[-1]])
            one = next(r for r in report["end_to_end"] if r["sentences"] == n and r["jobs"] == jobs[0])
            many = next(r for r in report["end_to_end"] if r["sentences"] == n and r["jobs"] == jobs[-1])
            report.setdefault("jobs_speedup", []).append(
                {"sentences": n, "speedup": one["seconds"] / many["seconds"], "identical_events": same, "blas": label}
            )
            rows.append(
                [
                    f"--jobs {jobs[-1]} / --jobs {jobs[0]}, {n:,} sentences",
                    f"{one['seconds'] / many['seconds']:.2f}x",
                    "identical" if same else "DIFFERENT",
                    label,
                ]
            )
    for j in jobs:
        runs = [r for r in report["end_to_end"] if r["jobs"] == j]
        if len(runs) >= 2:
            small, big = runs[0], runs[-1]
            ratio = (big["seconds"] / big["sentences"]) / (small["seconds"] / small["sentences"])
            report.setdefault("linearity", []).append(
                {
                    "jobs": j,
                    "small": small["sentences"],
                    "large": big["sentences"],
                    "time_per_sentence_ratio": ratio,
                    "rss_ratio": big["peak_rss_mb"] / max(small["peak_rss_mb"], 1),
                    "blas": label,
                }
            )
            rows.append(
                [
                    f"time/sentence at {big['sentences']:,} over {small['sentences']:,}, --jobs {j}",
                    f"{ratio:.2f}",
                    f"RSS {big['peak_rss_mb'] / max(small['peak_rss_mb'], 1):.2f}x",
                    label,
                ]
            )

    pc = parser_and_coder(sentences, args.parser_sentences)
    pc["blas"] = label
    report["parser_coder"] = pc
    rows.append(
        [f"parser only ({pc['sentences']:,} sentences)", f"{pc['parser_sentences_per_s']:,.0f} sentences/s", "", label]
    )
    rows.append(
        [f"coder only ({pc['sentences']:,} sentences)", f"{pc['coder_sentences_per_s']:,.0f} sentences/s", "", label]
    )

    dask_n = sizes[0] if args.dask_size is None else args.dask_size
    if dask_n:
        try:
            import distributed  # noqa: F401

            out = work / f"events_{dask_n}_dask"
            r = run_measured(code_cmd(corpus(dask_n), out, "--dask", "local:2", "--overwrite"), cwd=ROOT, env=env)
            r.update({"sentences": dask_n, "sentences_per_s": dask_n / r["seconds"], "workers": 2, "blas": label})
            report["dask"] = r
            rows.append(
                [
                    f"Dask LocalCluster, 2 workers, {dask_n:,} sentences",
                    f"{r['sentences_per_s']:,.0f} sentences/s",
                    f"{r['peak_rss_mb']:,.0f} MB",
                    label,
                ]
            )
        except ImportError:
            report["dask"] = {"skipped": "distributed is not installed"}

    if args.baseline is not None:
        n = args.baseline_size
        benv = {**os.environ, "PYTHONPATH": str(args.baseline)}
        old = run_measured(
            [
                sys.executable,
                "-m",
                "geoevent.cli",
                "code",
                str(corpus(n)),
                "-o",
                str(work / f"baseline_{n}.parquet"),
                "--no-progress",
                "--show",
                "0",
            ],
            cwd=args.baseline,
            env=benv,
        )
        old["sentences_per_s"] = n / old["seconds"]
        new_runs = {}
        for j in jobs:
            r = next((x for x in report["end_to_end"] if x["sentences"] == n and x["jobs"] == j), None)
            if r is None:
                r = run_measured(
                    code_cmd(corpus(n), work / f"events_{n}_j{j}.parquet", "--jobs", str(j), "--overwrite"),
                    cwd=ROOT,
                    env=env,
                )
                r.update({"sentences": n, "jobs": j, "sentences_per_s": n / r["seconds"], "blas": label})
            new_runs[j] = r
        report["baseline"] = {
            "worktree": str(args.baseline),
            "sentences": n,
            "run": old,
            "blas": label,
            "ratios": {f"jobs {j}": r["sentences_per_s"] / old["sentences_per_s"] for j, r in new_runs.items()},
        }
        rows.append(
            [
                f"baseline {args.baseline.name}, {n:,} sentences",
                f"{old['sentences_per_s']:,.0f} sentences/s",
                f"{old['peak_rss_mb']:,.0f} MB",
                label,
            ]
        )
        for j, r in new_runs.items():
            rows.append(
                [
                    f"this code / baseline, {n:,} sentences, --jobs {j}",
                    f"{r['sentences_per_s'] / old['sentences_per_s']:.2f}x",
                    "",
                    label,
                ]
            )

    report["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    widths = [max(len(r[i]) for r in rows + [["figure", "value", "memory / check", "BLAS"]]) for i in range(4)]
    for r in [["figure", "value", "memory / check", "BLAS"], *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
