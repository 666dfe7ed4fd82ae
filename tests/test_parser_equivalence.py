"""Every stage after parsing is parser-agnostic: the stanza path codes the seeds exactly as the
embedded path does when both are handed the same parse."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geoevent.coder import code_tokens
from geoevent.errors import ParserUnavailableError
from geoevent.parse.conllu import write_conllu

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_parse():
    from geoevent.parse.embedded import get_parser

    try:
        parser = get_parser()
        files = sorted(SEEDS.glob("*.txt"))
        texts = [f.read_text(encoding="utf-8") for f in files]
        return parser.parse(texts, doc_ids=[f.name for f in files]), dict(zip([f.name for f in files], texts))
    except ParserUnavailableError as exc:
        pytest.skip(f"embedded parser not usable here: {exc}")


def test_stanza_documents_of_the_same_parse_code_identically(seed_parse):
    stanza_conll = pytest.importorskip("stanza.utils.conll")
    from geoevent.parse.stanza_backend import doc_to_token_table

    tokens, texts = seed_parse
    dates = dict.fromkeys(texts, "2024-11-17")
    docs, ids, offsets = [], [], []
    for doc_id, part in tokens.groupby("doc_id", sort=False):
        docs.append(stanza_conll.CoNLL.conll2doc(input_str=write_conllu(part)))
        ids.append(doc_id)
        offsets.append([list(zip(s["start_char"], s["end_char"])) for _, s in part.groupby("sent_idx", sort=True)])
    via_stanza = doc_to_token_table(docs, ids, offsets=offsets)
    cols = ["doc_id", "sent_idx", "tok_idx", "text", "lemma", "upos", "head", "deprel", "start_char", "end_char"]
    pd.testing.assert_frame_equal(tokens[cols].reset_index(drop=True), via_stanza[cols].reset_index(drop=True))
    a = code_tokens(tokens, dates=dates, doc_texts=texts, parser="embedded")
    b = code_tokens(via_stanza, dates=dates, doc_texts=texts, parser="stanza")
    assert len(a) > 0
    pd.testing.assert_frame_equal(a.drop(columns="parser"), b.drop(columns="parser"))
