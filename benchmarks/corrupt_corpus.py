"""A 10,000-document corpus with 1% corrupted documents, against the same corpus clean.

    python benchmarks/corrupt_corpus.py [--docs 10000] [--jobs 2] [--junk-bytes 1000000]

Corrupted kinds (ten documents each at 10,000 documents): lone surrogates, junk runs of 1 MB
(``a_``, ``a+``, ``a..``, ``x.-`` repeated), wrong types (a number as text, a list as id),
broken JSON, bad dates, empty texts, binary (bytes that are not UTF-8, NUL bytes), a record
without an id, a duplicate id, and hard-wrapped articles (not an error: they must be coded).

Checks and reports: every healthy document codes exactly as in the clean run; the errors table
lists exactly the corrupted records (by line), each once; the time of the dirty run over the
clean one (the issue asks <= 1.3). Writes a JSON report (``--out``) and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, blas_info, blas_label, run_measured, sentences_from_ud

from geoevent.io import DEFAULT_MAX_DOC_CHARS

KINDS = (
    "surrogate",
    "junk",
    "wrong_type",
    "broken_json",
    "bad_date",
    "empty",
    "binary",
    "nul",
    "no_id",
    "duplicate",
    "wrapped",
)
JUNK = ("a_", "a+", "a..", "x.-")


def build(n_docs: int, rate: float, junk_bytes: int, folder: Path, *, seed: int = 1) -> dict[str, Any]:
    sentences = sentences_from_ud()
    rng = random.Random(seed)
    healthy: list[bytes] = []
    for i in range(n_docs):
        text = " ".join(rng.choice(sentences) for _ in range(5))
        healthy.append(
            json.dumps({"id": f"h{i:06d}", "date": f"20{10 + i % 15:02d}-{1 + i % 12:02d}-15", "text": text}).encode()
        )
    n_bad = max(len(KINDS), int(n_docs * rate))
    bad: list[tuple[str, bytes]] = []
    for k in range(n_bad):
        kind = KINDS[k % len(KINDS)]
        text = " ".join(rng.choice(sentences) for _ in range(5))
        doc_id = f"x{k:05d}"
        if kind == "surrogate":
            line = json.dumps({"id": doc_id, "text": text[:20] + "\ud800" + text[20:]})
        elif kind == "junk":
            unit = JUNK[(k // len(KINDS)) % len(JUNK)]
            line = json.dumps({"id": doc_id, "text": unit * (junk_bytes // len(unit))})
        elif kind == "wrong_type":
            line = json.dumps({"id": doc_id, "text": 12345} if k % 2 else {"id": [doc_id], "text": text})
        elif kind == "broken_json":
            line = json.dumps({"id": doc_id, "text": text})[:-7]
        elif kind == "bad_date":
            line = json.dumps({"id": doc_id, "text": text, "date": "2024-13-45"})
        elif kind == "empty":
            line = json.dumps({"id": doc_id, "text": " \n\t "})
        elif kind == "binary":
            bad.append((kind, b'{"id": "' + doc_id.encode() + b'", "text": "\x89PNG\r\x1a\xff\xfe\xfa\x00"}'))
            continue
        elif kind == "nul":
            line = json.dumps({"id": doc_id, "text": "GIF89a\x00\x00\x01\x00" + text})
        elif kind == "no_id":
            line = json.dumps({"text": text})
        elif kind == "duplicate":
            line = json.dumps({"id": f"h{k % n_docs:06d}", "text": text})
        else:  # wrapped: not an error
            line = json.dumps({"id": doc_id, "text": "\n".join(textwrap.wrap(text, 72)), "date": "2024-11-17"})
        bad.append((kind, line.encode()))
    lines = list(healthy)
    slots = sorted(rng.sample(range(1, n_docs), len(bad)), reverse=True)
    for (_kind, line), at in zip(bad, slots):
        lines.insert(at, line)
    expected: dict[int, str] = {}
    index = {line: kind for kind, line in bad}
    for no, line in enumerate(lines, start=1):
        kind = index.get(line)
        if kind is not None and kind != "wrapped" and (kind != "junk" or junk_bytes > DEFAULT_MAX_DOC_CHARS):
            expected[no] = kind  # junk within --max-doc-chars is coded (bounded by the tokenizer), not an error
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "clean.jsonl").write_bytes(b"\n".join(healthy) + b"\n")
    (folder / "dirty.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return {"expected": expected, "bad": len(bad), "healthy": n_docs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--rate", type=float, default=0.01)
    ap.add_argument("--junk-bytes", type=int, default=1_000_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "corrupt_corpus.json")
    args = ap.parse_args(argv)
    import pandas as pd
    import pyarrow.parquet as pq

    from geoevent.io import read_events

    work = args.workdir or Path(tempfile.mkdtemp(prefix="geoevent-corrupt-"))
    info = build(args.docs, args.rate, args.junk_bytes, work)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = {}
    for name in ("clean", "dirty"):
        cmd = [
            sys.executable,
            "-m",
            "geoevent.cli",
            "code",
            str(work / f"{name}.jsonl"),
            "-o",
            str(work / f"{name}.parquet"),
            "--jobs",
            str(args.jobs),
            "--no-progress",
            "--show",
            "0",
            "--overwrite",
        ]
        runs[name] = run_measured(cmd, cwd=ROOT, env=env)
        print(
            f"# {name}: {runs[name]['seconds']:.1f} s {runs[name]['stdout_tail']} {runs[name]['stderr_tail']}",
            file=sys.stderr,
            flush=True,
        )
    key = ["doc_id", "sentence_idx", "verb_start", "source_start", "event_code", "target_start"]
    a = read_events(work / "clean.parquet")[0].sort_values(key).reset_index(drop=True)
    b = read_events(work / "dirty.parquet")[0]
    hb = b[b["doc_id"].str.startswith("h")].sort_values(key).reset_index(drop=True)
    identical = a.equals(hb)
    errors = pq.read_table(work / "dirty.errors.parquet").to_pandas()
    listed = dict(zip(errors["line"].astype(int), errors["error"]))
    expected = info["expected"]
    exact = set(listed) == set(expected) and len(errors) == len(set(errors["line"]))
    ratio = runs["dirty"]["seconds"] / runs["clean"]["seconds"]
    by_kind: dict[str, list[str]] = {}
    for no, kind in expected.items():
        by_kind.setdefault(kind, []).append(listed.get(no, "MISSING"))
    report = {
        "docs": args.docs,
        "corrupted": info["bad"],
        "jobs": args.jobs,
        "junk_bytes": args.junk_bytes,
        "clean": runs["clean"],
        "dirty": runs["dirty"],
        "time_ratio": ratio,
        "healthy_identical": identical,
        "errors_rows": len(errors),
        "expected_rows": len(expected),
        "errors_table_exact": exact,
        "error_class_by_kind": {k: sorted(set(v)) for k, v in by_kind.items()},
        "wrapped_coded": int(b["doc_id"].isin([d for d in b["doc_id"] if d.startswith("x")]).sum()),
        "blas": blas_info(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    print(
        f"clean {runs['clean']['seconds']:.1f} s, dirty {runs['dirty']['seconds']:.1f} s: ratio {ratio:.2f} "
        f"(<= 1.3 asked) [{blas_label(report['blas'])}]"
    )
    print(
        f"healthy documents identical: {identical}; errors table: {len(errors)} rows, {len(expected)} corrupted "
        f"records, exact: {exact}"
    )
    for kind, classes in report["error_class_by_kind"].items():
        print(f"  {kind}: {', '.join(classes)}")
    del pd
    print(f"report: {args.out}")
    return 0 if identical and exact else 1


if __name__ == "__main__":
    raise SystemExit(main())
