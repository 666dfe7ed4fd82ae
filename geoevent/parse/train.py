"""Train the embedded parser's weights: the neural tagger and parser, the lemma and feature tables.

Usage (from the repository root)::

    python -m geoevent.parse.train --shared ../shared --out geoevent/data/models

Training data: UD_English-EWT train plus the GUM-wikimedia documents listed in ``files.train``.
Held-out data (model selection): EWT dev. The tokenizer is not trained: geoevent tokenizes with
its own rules (:mod:`geoevent.parse.tokenize`). The tagger and parser are one network
(:mod:`geoevent.parse.train_biaffine`, which needs torch; inference needs numpy only). Lemmas
and features are tables learned from the same data.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

__all__ = [
    "FEATS_FILE",
    "LEMMA_FILE",
    "feats_table",
    "lemma_tables",
    "load_training_text",
    "main",
    "train",
    "training_files",
    "write_lemma_table",
]

from geoevent.errors import InputError
from geoevent.parse.embedded import FEATS_FILE, LEMMA_FILE


def _gum_files(gum_dir: Path, split: str) -> list[Path]:
    """The GUM-wikimedia CoNLL-U files of ``split`` that exist in ``gum_dir``."""
    listing = gum_dir / f"files.{split}"
    if not listing.is_file():
        raise InputError(f"{listing}: GUM split listing not found")
    names = [n.strip() for n in listing.read_text(encoding="utf-8").split() if n.strip()]
    return [gum_dir / f"{n}.conllu" for n in names if (gum_dir / f"{n}.conllu").is_file()]


def training_files(shared: Path, split: str = "train") -> list[Path]:
    """EWT ``split`` plus the GUM-wikimedia documents of the same split."""
    ewt = shared / "ud" / "UD_English-EWT" / f"en_ewt-ud-{split}.conllu"
    if not ewt.is_file():
        raise InputError(f"{ewt}: EWT {split} file not found (is --shared right?)")
    return [ewt, *_gum_files(shared / "ud" / "GUM-wikimedia", split)]


def load_training_text(files: list[Path]) -> str:
    """Concatenate CoNLL-U files, making sure each ends with a blank line."""
    parts = []
    for f in files:
        text = f.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        parts.append(text)
    return "".join(parts)


#: Closed classes whose features depend on the word itself (I/me/my, this/these, was/were).
FORM_FEATS_UPOS = frozenset({"PRON", "DET", "AUX"})


def feats_table(conllu: str) -> dict[tuple[str, str, str], str]:
    """Most frequent FEATS per (UPOS, XPOS, form) in CoNLL-U text; form is "" except for closed classes.

    ``Typo=Yes`` is dropped; ties are broken alphabetically, so the table is deterministic.
    """
    counts: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for line in conllu.split("\n"):
        if not line or line[0] == "#":
            continue
        f = line.split("\t")
        if len(f) == 10 and f[0].isdigit():
            feats = "|".join(x for x in f[5].split("|") if x != "Typo=Yes") or "_"
            counts[(f[3], f[4], "")][feats] += 1
            if f[3] in FORM_FEATS_UPOS:
                counts[(f[3], f[4], f[1].lower())][feats] += 1
    return {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in sorted(counts.items())}


def lemma_tables(conllu: str) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], tuple[int, str]]]:
    """A lemma lexicon and suffix rules learned from CoNLL-U text.

    Lexicon: (form, UPOS) -> most frequent lemma. Rules: (UPOS, lower-cased suffix of 1-4
    characters) -> (characters to strip, string to add), the most frequent transformation of
    words with that suffix, kept when seen at least 3 times and 80% of the time.
    """
    lex: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for line in conllu.split("\n"):
        if not line or line[0] == "#":
            continue
        f = line.split("\t")
        if len(f) == 10 and f[0].isdigit() and f[2] != "_":
            lex[(f[1], f[3])][f[2]] += 1
    lexicon = {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in sorted(lex.items())}
    rules_c: dict[tuple[str, str], Counter[tuple[int, str]]] = defaultdict(Counter)
    for (form, upos), lemma in lexicon.items():
        low, lem = form.lower(), lemma.lower()
        if upos in ("PROPN", "PUNCT", "SYM", "NUM", "X"):
            continue
        k = 0
        while k < min(len(low), len(lem)) and low[k] == lem[k]:
            k += 1
        strip, add = len(low) - k, lem[k:]
        for n in range(1, 5):
            if len(low) > n:
                rules_c[(upos, low[-n:])][(strip, add)] += 1
    rules: dict[tuple[str, str], tuple[int, str]] = {}
    for key, c in sorted(rules_c.items()):
        (best, cnt) = min(c.items(), key=lambda kv: (-kv[1], kv[0]))
        total = sum(c.values())
        if cnt >= 3 and cnt >= 0.8 * total:
            rules[key] = best
    return lexicon, rules


def write_lemma_table(conllu: str, path: Path) -> None:
    """Write :func:`lemma_tables` as TSV: ``L form upos lemma`` and ``R upos suffix strip add`` lines."""
    lexicon, rules = lemma_tables(conllu)
    lines = [f"L\t{f}\t{u}\t{lem}\n" for (f, u), lem in lexicon.items() if "\t" not in f + lem]
    lines += [f"R\t{u}\t{suf}\t{strip}\t{add}\n" for (u, suf), (strip, add) in rules.items()]
    path.write_text("".join(lines), encoding="utf-8")


def train(shared: Path, out: Path, *, epochs: int | None = None, log=None) -> Path:
    """Train the tagger and parser and write the lemma and feature tables into ``out``.

    Returns the path of the network's weights. ``epochs`` overrides the training length (a short
    run for tests); ``log`` receives progress lines (default: standard error).
    """
    from geoevent.parse.train_biaffine import train_model

    out.mkdir(parents=True, exist_ok=True)
    train_files = training_files(shared, "train")
    train_text = load_training_text(train_files)
    table = feats_table(train_text)
    (out / FEATS_FILE).write_text("".join(f"{u}\t{x}\t{w}\t{f}\n" for (u, x, w), f in table.items()), encoding="utf-8")
    write_lemma_table(train_text, out / LEMMA_FILE)
    dev_files = training_files(shared, "dev")[:1]  # EWT dev
    return train_model(train_files, dev_files, out, epochs=epochs, log=log)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared data directory")
    ap.add_argument("--out", type=Path, default=Path("geoevent/data/models"), help="output directory")
    ap.add_argument("--epochs", type=int, default=None, help="training epochs (default: the shipped model's)")
    args = ap.parse_args(argv)
    t0 = time.time()
    path = train(args.shared, args.out, epochs=args.epochs)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
