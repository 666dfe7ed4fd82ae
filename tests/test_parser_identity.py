"""The optimized embedded parser returns the same token table, bit for bit, as the inference path
of commit 39ad1cd (kept frozen in benchmarks/baseline_parser.py), on treebank text from ../shared
and on inputs that exercise the tree repairs (Chu-Liu/Edmonds and the long-sentence fallback)."""

from __future__ import annotations

import pandas as pd
import pytest

from geoevent.parse import embedded
from tests.helpers import shared_path

pytestmark = pytest.mark.skipif(
    not embedded.describe()["present"],
    reason=f"embedded parser weights not built; run: {embedded.TRAIN_COMMAND}",
)


@pytest.fixture(scope="module")
def parsers():
    from tests.reference_parser import BaselineParser

    return embedded.EmbeddedParser(), BaselineParser()


def _treebank(*parts: str) -> tuple[list[str], list[list[str]]]:
    """Documents' raw text (``# text`` of their sentences, one document per ``# newdoc`` or file)
    and the gold words of every sentence. Both parsers read the same texts, so how the text is
    rebuilt does not matter to the comparison."""
    path = shared_path(*parts)
    paths = sorted(path.glob("*.conllu")) if path.is_dir() else [path]
    texts: list[str] = []
    words: list[list[str]] = []
    for p in paths:
        doc: list[str] = []
        sent: list[str] = []
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc") and doc:
                texts.append(" ".join(doc))
                doc = []
            elif line.startswith("# text = "):
                doc.append(line[len("# text = ") :])
            elif line and not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    sent.append(cols[1].replace(" ", "_"))
            elif not line and sent:
                words.append(sent)
                sent = []
        if sent:
            words.append(sent)
        if doc:
            texts.append(" ".join(doc))
    return texts, words


def test_ewt_test_raw_text_identical(parsers):
    texts, _ = _treebank("ud", "UD_English-EWT", "en_ewt-ud-test.conllu")
    new, old = parsers
    a = new.parse(texts)
    b = old.parse(texts)
    assert len(a) > 20_000
    assert old._model.n_repaired > 0  # the Chu-Liu/Edmonds path ran
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_gum_gold_words_identical(parsers):
    _, sents = _treebank("ud", "GUM-wikimedia")
    new, old = parsers
    sents = sents[:3000]
    assert len(sents) > 500
    assert new.annotate(sents) == old.annotate(sents)


def test_degenerate_and_odd_inputs_identical(parsers):
    texts = [
        " ".join(["buffalo"] * 250),  # one sentence of 250 words: the long-sentence tree repair
        " ".join(["the"] * 120) + ".",
        "Police police police police police police police.",
        "",
        "a",
        "!!! ??? ... ,,, ;;;",
        "Hezbollah fired rockets at Israel on Monday. Georgian police arrested opposition leaders.",
        "Russia deployed up to 12,000 troops near the border\nU.S. and U.N. officials met in Geneva",
        "that that that that that that that that that that that that that that",
        "Ünïcödé wörds, 日本語のテキスト, and emoji 😀 mixed in: e-mail re-elect al-Qaeda Saudi-led.",
    ] + [" ".join([f"word{i % 7}" for i in range(n)]) for n in (1, 2, 3, 40, 99, 100, 101, 180)]
    new, old = parsers
    pd.testing.assert_frame_equal(new.parse(texts), old.parse(texts), check_exact=True)
    # the same sentences in several calls of different sizes
    for k in (1, 3):
        parts = [
            new.parse(texts[i : i + k], doc_ids=[str(j) for j in range(i, min(i + k, len(texts)))])
            for i in range(0, len(texts), k)
        ]
        whole = pd.concat(parts, ignore_index=True)
        ref = old.parse(texts)
        pd.testing.assert_frame_equal(
            whole.astype(ref.dtypes.to_dict()), ref, check_exact=True, check_categorical=False
        )
