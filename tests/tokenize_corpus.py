"""Texts and a digest of their tokenization, for checking that tokenizer rewrites keep ordinary
text's tokens: the seeds, hand-written samples, and the raw sentences of UD EWT and GUM (../shared).

``python tests/tokenize_corpus.py`` rewrites ``tests/data/tokenize_expected.json`` from the
current tokenizer (only do that when a token change is intended).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXPECTED = Path(__file__).resolve().parent / "data" / "tokenize_expected.json"
#: Sentences per digest chunk (a mismatch names the chunk).
CHUNK = 200

SAMPLES = [
    "Write to john.doe+news@example.co.uk or visit www.example.com/news.html.",
    "Contact: press-office@un.org, (media@nato.int); see https://nato.int/a_b?x=1.",
    "The U.S.-led coalition (ATACMs) struck at 10:30 a.m. on 01/24/2001 -- or so.",
    "“Why?” he asked. ‘Fine,’ she said… no i am not lying. i flew here!!",
    "Mr. O'Brien, Gen. Smith & AT&T's C.E.O. met No. 5 at St. Paul's; e-mail re-elect al-Qaeda.",
    "x@y a@b.c @home foo@bar. ..@.. a.b@c.d.e -x@y.z +1@2.3 ___@x.y user_name@host-name.org",
    "Prices rose 3.5% to $56 billion; 12,000 troops; 9/11; 19th; :) ;-) :D ***** ===== ---- ~~~",
    "Путин встретился с Си. 习近平会见了普京。Biden\x00met Kim\u200bJong Un. مرحبا بالعالم",
    "Headline Without Period\nBody starts here. Another line\n\nNew paragraph after a blank line.",
]


def raw_sentences(path: Path) -> Iterator[str]:
    """The ``# text =`` lines of a CoNLL-U file."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# text = "):
                yield line[len("# text = ") :].rstrip("\n")


def corpora() -> dict[str, list[str]]:
    """Name -> texts; the UD parts only when ../shared is present."""
    out = {
        "seeds": [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))],
        "samples": list(SAMPLES),
    }
    ewt = SHARED / "ud" / "UD_English-EWT"
    for split in ("dev", "test"):
        path = ewt / f"en_ewt-ud-{split}.conllu"
        if path.is_file():
            out[f"ewt-{split}"] = list(raw_sentences(path))
    gum = sorted((SHARED / "ud" / "GUM-wikimedia").glob("*.conllu"))
    if gum:
        out["gum"] = [t for p in gum for t in raw_sentences(p)]
    return out


def digest(texts: list[str], tokenize) -> list[str]:
    """One sha256 (16 hex digits) of the spans per CHUNK texts."""
    out = []
    for lo in range(0, len(texts), CHUNK):
        h = hashlib.sha256()
        for t in texts[lo : lo + CHUNK]:
            h.update(json.dumps(tokenize(t)).encode())
        out.append(h.hexdigest()[:16])
    return out


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    from geoevent.parse.tokenize import tokenize

    data = {name: {"n": len(texts), "digest": digest(texts, tokenize)} for name, texts in corpora().items()}
    EXPECTED.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print({k: v["n"] for k, v in data.items()})
