"""Benchmark the embedded parser: accuracy (CoNLL 2018 definitions), speed and peak memory.

Usage (from the repository root)::

    python benchmarks/bench_parser.py --shared ../shared [--model-dir DIR] [--json out.json]

Accuracy is scored on UD English-EWT test and on the GUM-wikimedia test documents in two settings:

* ``raw``: end to end from raw text. Each document's text is rebuilt from the ``# text``
  comments (sentences of a paragraph joined by a space, paragraphs by a blank line); our tokenizer
  splits it, and system words are aligned to gold words by character span, as in the CoNLL 2018
  shared task. Words/Sentences/UPOS/Lemmas/UAS/LAS are F1 scores over aligned words; UAS needs the
  aligned heads to match, LAS also the universal part of the relation (subtypes ignored).
* ``gold``: gold words are given to the tagger and parser (scores are then accuracies).

Speed: the EWT test sentences (``# text``), each passed as one document, parsed end to end
(text in, token table out) in one process, after the weights are loaded; best of ``--repeat``.
Peak memory: the process's maximum resident set size (``ru_maxrss``) at the end.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class GoldSentence:
    """One gold sentence: words with document character spans and annotations."""

    text: str
    forms: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    deprels: list[str] = field(default_factory=list)


@dataclass
class GoldDoc:
    """A gold document: its rebuilt text and sentences."""

    doc_id: str
    text: str = ""
    sents: list[GoldSentence] = field(default_factory=list)


def read_gold(paths: list[Path]) -> list[GoldDoc]:
    """Read CoNLL-U files into documents, rebuilding each document's text from ``# text``."""
    docs: list[GoldDoc] = []
    for path in paths:
        doc: GoldDoc | None = None
        parts: list[str] = []  # pieces of the document text
        length = 0
        new_par = False
        sent_text: str | None = None
        tokens: list[list[str]] = []

        def flush() -> None:
            nonlocal length, sent_text, tokens, doc, new_par
            if not tokens:
                return
            if doc is None:
                doc = GoldDoc(doc_id=path.stem)
                docs.append(doc)
            text = sent_text if sent_text is not None else " ".join(t[1] for t in tokens if "." not in t[0])
            sep = ("\n\n" if new_par else " ") if length else ""
            base = length + len(sep)
            parts.append(sep + text)
            length = base + len(text)
            sent = GoldSentence(text=text)
            pos = 0
            mwt_end = -1
            mwt_span = (0, 0)
            for t in tokens:
                tid = t[0]
                if "." in tid:
                    continue  # empty node
                if "-" in tid:
                    _, b = (int(x) for x in tid.split("-"))
                    i = text.find(t[1], pos)
                    if i < 0:
                        raise ValueError(f"{path}: token {t[1]!r} not found in sentence text {text!r}")
                    mwt_span = (i, i + len(t[1]))
                    pos = mwt_span[1]
                    mwt_end = b
                    mwt_pos = i
                    continue
                wid = int(tid)
                if wid <= mwt_end:
                    # word inside a multi-word token: take its own piece when the forms concatenate
                    j = text.lower().find(t[1].lower(), mwt_pos, mwt_span[1])
                    if j == mwt_pos:
                        s, e = j, j + len(t[1])
                        mwt_pos = e
                    else:
                        s, e = mwt_span
                else:
                    i = text.find(t[1], pos)
                    if i < 0:
                        raise ValueError(f"{path}: word {t[1]!r} not found in sentence text {text!r}")
                    s, e = i, i + len(t[1])
                    pos = e
                sent.forms.append(t[1])
                sent.spans.append((base + s, base + e))
                sent.lemmas.append(t[2])
                sent.upos.append(t[3])
                sent.heads.append(int(t[6]))
                sent.deprels.append(t[7])
            doc.sents.append(sent)
            new_par = False
            sent_text = None
            tokens = []

        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc"):
                flush()
                if doc is not None:
                    doc.text = "".join(parts)
                doc = GoldDoc(doc_id=line.split("=", 1)[1].strip() if "=" in line else path.stem)
                docs.append(doc)
                parts, length = [], 0
            elif line.startswith("# newpar"):
                new_par = True
            elif line.startswith("# text ="):
                sent_text = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                flush()
            else:
                tokens.append(line.split("\t"))
        flush()
        if doc is not None:
            doc.text = "".join(parts)
    return [d for d in docs if d.sents]


def _univ(rel: str) -> str:
    return rel.split(":", 1)[0]


def score(gold: list[GoldDoc], system: list[list[dict]]) -> dict[str, float]:
    """CoNLL 2018 style F1 scores; ``system[d]`` lists sentences of dicts with spans/upos/heads/deprels."""
    tot = dict.fromkeys(
        ("gold_words", "sys_words", "words", "upos", "lemmas", "uas", "las", "gold_sents", "sys_sents", "sents"), 0
    )
    for gdoc, sdoc in zip(gold, system):
        # word index -> (span); alignment by identical span, in order for words sharing a span
        g_words = [(si, wi, sp) for si, s in enumerate(gdoc.sents) for wi, sp in enumerate(s.spans)]
        s_words = [(si, wi, sp) for si, s in enumerate(sdoc) for wi, sp in enumerate(s["spans"])]
        tot["gold_words"] += len(g_words)
        tot["sys_words"] += len(s_words)
        g_by_span: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for si, wi, sp in g_words:
            g_by_span.setdefault(sp, []).append((si, wi))
        align: dict[tuple[int, int], tuple[int, int]] = {}  # system (si, wi) -> gold (si, wi)
        used: dict[tuple[int, int], int] = {}
        for si, wi, sp in s_words:
            cands = g_by_span.get(sp)
            if cands:
                k = used.get(sp, 0)
                if k < len(cands):
                    align[(si, wi)] = cands[k]
                    used[sp] = k + 1
        tot["words"] += len(align)
        g_sent_spans = {(s.spans[0][0], s.spans[-1][1]) for s in gdoc.sents}
        s_sent_spans = {(s["spans"][0][0], s["spans"][-1][1]) for s in sdoc if s["spans"]}
        tot["gold_sents"] += len(g_sent_spans)
        tot["sys_sents"] += len(s_sent_spans)
        tot["sents"] += len(g_sent_spans & s_sent_spans)
        for (si, wi), (gi, gw) in align.items():
            ss, gs = sdoc[si], gdoc.sents[gi]
            if ss["upos"][wi] == gs.upos[gw]:
                tot["upos"] += 1
            if ss["lemmas"][wi] == gs.lemmas[gw]:
                tot["lemmas"] += 1
            sh, gh = ss["heads"][wi], gs.heads[gw]
            if sh == 0 or gh == 0:
                head_ok = sh == 0 and gh == 0
            else:
                head_ok = align.get((si, sh - 1)) == (gi, gh - 1)
            if head_ok:
                tot["uas"] += 1
                if _univ(ss["deprels"][wi]) == _univ(gs.deprels[gw]):
                    tot["las"] += 1

    def f1(correct: int, gold_n: int, sys_n: int) -> float:
        return 200.0 * correct / (gold_n + sys_n) if gold_n + sys_n else 0.0

    out = {"Sentences": f1(tot["sents"], tot["gold_sents"], tot["sys_sents"])}
    for k, name in (("words", "Words"), ("upos", "UPOS"), ("lemmas", "Lemmas"), ("uas", "UAS"), ("las", "LAS")):
        out[name] = f1(tot[k], tot["gold_words"], tot["sys_words"])
    out["gold_words"] = tot["gold_words"]
    return out


def system_raw(parser, docs: list[GoldDoc]) -> list[list[dict]]:
    """Parse each document's raw text; return sentences of words per document."""
    table = parser.parse([d.text for d in docs], doc_ids=[str(i) for i in range(len(docs))])
    out: list[list[dict]] = [[] for _ in docs]
    for (doc, _sent), part in table.groupby(["doc_id", "sent_idx"], sort=False):
        out[int(doc)].append(
            {
                "spans": list(zip(part["start_char"].tolist(), part["end_char"].tolist())),
                "upos": part["upos"].tolist(),
                "lemmas": part["lemma"].tolist(),
                "heads": part["head"].tolist(),
                "deprels": part["deprel"].tolist(),
            }
        )
    return out


def system_gold_tok(parser, docs: list[GoldDoc]) -> list[list[dict]]:
    """Tag and parse the gold words (whitespace inside a word is replaced by '_')."""
    sents = [s for d in docs for s in d.sents]
    ann = parser.annotate([[f.replace(" ", "_") for f in s.forms] for s in sents])
    out: list[list[dict]] = []
    k = 0
    for d in docs:
        doc_out = []
        for s in d.sents:
            rows = ann[k]
            k += 1
            doc_out.append(
                {
                    "spans": s.spans,
                    "lemmas": [r[0] for r in rows],
                    "upos": [r[1] for r in rows],
                    "heads": [r[4] for r in rows],
                    "deprels": [r[5] for r in rows],
                }
            )
        out.append(doc_out)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (and optionally JSON)."""
    ap = argparse.ArgumentParser(description="accuracy, speed and memory of the embedded parser")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model-dir", type=Path, default=None, help="weights directory (default: package data)")
    ap.add_argument("--repeat", type=int, default=3, help="speed runs (best is reported)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = ap.parse_args(argv)

    from geoevent.parse.embedded import MODEL_FILE, VOCAB_FILE, EmbeddedParser

    ud = args.shared / "ud"
    ewt = [ud / "UD_English-EWT" / "en_ewt-ud-test.conllu"]
    gum_dir = ud / "GUM-wikimedia"
    gum = [
        gum_dir / f"{n}.conllu"
        for n in (gum_dir / "files.test").read_text().split()
        if (gum_dir / f"{n}.conllu").is_file()
    ]
    kw: dict[str, object] = {}
    if args.model_dir:
        kw["model_dir"] = args.model_dir
    parser = EmbeddedParser(**kw)
    t0 = time.perf_counter()
    parser.annotate([["Load", "."]])
    load_s = time.perf_counter() - t0
    results: dict[str, object] = {
        "model_files": [str(parser.model_dir / MODEL_FILE), str(parser.model_dir / VOCAB_FILE)],
        "model_mb": sum(p.stat().st_size for p in parser.model_dir.iterdir() if p.is_file()) / 1e6,
        "load_s": load_s,
    }
    for name, paths in (("EWT test", ewt), ("GUM-wikimedia test", gum)):
        docs = read_gold(paths)
        for mode, fn in (("raw", system_raw), ("gold", system_gold_tok)):
            sc = score(docs, fn(parser, docs))
            results[f"{name} / {mode}"] = sc
            print(
                f"{name:20s} {mode:5s} "
                + "  ".join(f"{k} {v:6.2f}" for k, v in sc.items() if k != "gold_words")
                + f"  ({sc['gold_words']} gold words, {len(paths)} files)"
            )
    docs = read_gold(ewt)
    sent_texts = [s.text for d in docs for s in d.sents]
    best = float("inf")
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        table = parser.parse(sent_texts)
        best = min(best, time.perf_counter() - t0)
    results["speed"] = {
        "sentences": len(sent_texts),
        "words": len(table),
        "seconds": best,
        "sentences_per_s": len(sent_texts) / best,
        "words_per_s": len(table) / best,
    }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["peak_rss_mb"] = peak
    print(
        f"speed: {len(sent_texts)} EWT test sentences ({len(table)} words) in {best:.3f}s = "
        f"{len(sent_texts) / best:.0f} sentences/s, {len(table) / best:.0f} words/s (best of {args.repeat})"
    )
    print(f"model: {results['model_mb']:.1f} MB, loaded in {load_s:.2f}s; peak RSS {peak:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
