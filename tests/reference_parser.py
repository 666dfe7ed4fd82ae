"""The embedded parser's inference path as it was at commit 39ad1cd (before the speed work of
issue 13, item 4): the frozen network of :mod:`benchmarks.baseline_biaffine` and frozen copies of
``EmbeddedParser.annotate``/``parse`` and ``_finish_rows``.

It is the speed baseline of ``benchmarks/bench_parse_speed.py`` and the reference of
``tests/test_parser_identity.py`` (the optimized parser must return the same token table, bit
for bit). The tokenizer, lemmatizer, feature table and repairs are shared with the package.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from geoevent.errors import InputError
from geoevent.parse import embedded
from geoevent.parse.embedded import (
    _FORM_FEATS_UPOS,
    EmbeddedParser,
    Lemmatizer,
    _name_as_subject,
    _restore_main_verb,
    _up_to_quantity,
    _v2_consistent,
)
from geoevent.parse.tokenize import tokenize
from geoevent.tokens import empty_token_table, make_token_table
from tests.reference_biaffine import BiaffineModel

__all__ = ["BaselineParser"]

#: Sentences handed to the neural model per call at commit 39ad1cd.
BATCH_SENTENCES = 512


class BaselineParser(EmbeddedParser):
    """``EmbeddedParser`` with the pre-change network and table assembly (same weights and tables)."""

    name = "embedded-baseline"

    def __init__(self, *, model_dir: str | Path | None = None) -> None:
        super().__init__(model_dir=model_dir)

    def _load(self) -> None:
        """Load the tables as the package does, then replace the network by the frozen copy."""
        if self._model is not None and isinstance(self._model, BiaffineModel):
            return
        super()._load()
        self._model = BiaffineModel(self.model_dir / embedded.MODEL_FILE, self.model_dir / embedded.VOCAB_FILE)

    def annotate(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str, str, str, int, str]]]:
        """Tag, lemmatize and parse pre-tokenized sentences (the code of commit 39ad1cd)."""
        self._load()
        out: list[list[tuple[str, str, str, str, int, str]]] = [[] for _ in sentences]
        idx = [i for i, s in enumerate(sentences) if len(s)]
        for b in range(0, len(idx), BATCH_SENTENCES):
            chunk = idx[b : b + BATCH_SENTENCES]
            words = [list(sentences[i]) for i in chunk]
            upos, xpos, heads, rels = self._model.parse(words)
            for i, ws, u, x, h, r in zip(chunk, words, upos, xpos, heads, rels):
                if not (len(u) == len(x) == len(h) == len(r) == len(ws)):
                    raise InputError(f"embedded parser returned {len(h)} words for a sentence of {len(ws)}")
                out[i] = _finish_rows(ws, u, x, h, r, self._feats, self._lemmatizer)
        return out

    def parse(self, texts: Sequence[str], *, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """Parse documents into a token table (the code of commit 39ad1cd)."""
        if isinstance(texts, str):
            texts = [texts]
        if doc_ids is None:
            doc_ids = [str(i) for i in range(len(texts))]
        if len(doc_ids) != len(texts):
            raise InputError(f"{len(texts)} texts but {len(doc_ids)} doc ids")
        sent_doc: list[int] = []
        sent_local: list[int] = []
        sent_spans: list[list[tuple[int, int]]] = []
        sent_words: list[list[str]] = []
        for d, text in enumerate(texts):
            if not isinstance(text, str):
                raise InputError(f"document {doc_ids[d]!r}: expected str, got {type(text).__name__}")
            for k, spans in enumerate(tokenize(text)):
                sent_doc.append(d)
                sent_local.append(k)
                sent_spans.append(spans)
                sent_words.append([text[s:e] for s, e in spans])
        if not sent_words:
            self._load()
            return empty_token_table()
        ann = self.annotate(sent_words)
        cols: dict[str, list[Any]] = {
            c: []
            for c in (
                "doc_id",
                "sent_idx",
                "tok_idx",
                "text",
                "lemma",
                "upos",
                "xpos",
                "feats",
                "head",
                "deprel",
                "start_char",
                "end_char",
            )
        }
        for d, k, spans, ws, rows in zip(sent_doc, sent_local, sent_spans, sent_words, ann):
            n = len(ws)
            doc = doc_ids[d]
            cols["doc_id"].extend([doc] * n)
            cols["sent_idx"].extend([k] * n)
            cols["tok_idx"].extend(range(1, n + 1))
            cols["text"].extend(ws)
            for (s, e), (lemma, upos, xpos, feat, head, deprel) in zip(spans, rows):
                cols["lemma"].append(lemma)
                cols["upos"].append(upos)
                cols["xpos"].append(xpos)
                cols["feats"].append(feat)
                cols["head"].append(head)
                cols["deprel"].append(deprel)
                cols["start_char"].append(s)
                cols["end_char"].append(e)
        return make_token_table(cols)


def _finish_rows(
    forms: Sequence[str],
    upos: Sequence[str],
    xpos: Sequence[str],
    heads: Sequence[int],
    rels: Sequence[str],
    feats: dict[tuple[str, str, str], str],
    lemmatizer: Lemmatizer,
) -> list[tuple[str, str, str, str, int, str]]:
    """Rows (lemma, upos, xpos, feats, head, deprel) of one sentence (the code of commit 39ad1cd)."""
    rows: list[tuple[str, str, str, str, int, str]] = []
    for form, u, x, h, r in zip(forms, upos, xpos, heads, rels):
        if u in _FORM_FEATS_UPOS:
            feat = feats.get((u, x, form.lower()), feats.get((u, x, ""), ""))
        else:
            feat = feats.get((u, x, ""), "")
        rows.append((lemmatizer(form, u), u, x, feat, int(h), r))
    known = lemmatizer.lexicon
    return _v2_consistent(_up_to_quantity(_restore_main_verb(_name_as_subject(rows, list(forms), known))))
