"""The token-table contract: the one interface between parsers and the coder.

A token table is a :class:`pandas.DataFrame` with one row per syntactic word and exactly the
columns of :data:`TOKEN_COLUMNS`, in that order:

=========== ======== ==================================================================
column      dtype    meaning
=========== ======== ==================================================================
doc_id      object   document identifier (str)
sent_idx    int32    0-based sentence index within the document
tok_idx     int32    1-based word index within the sentence, as in CoNLL-U
text        object   word form as it appears in the document
lemma       object   lemma ("" when unknown)
upos        object   universal POS tag
xpos        object   language-specific POS tag ("" when unknown)
feats       object   UD morphological features, "Feat=Val|..." ("" when none)
head        int32    tok_idx of the head word; 0 for the root
deprel      object   UD v2 relation name (UD v1 names are mapped, see :data:`UD1_TO_UD2`)
start_char  int32    offset of the word's first character in the document text
end_char    int32    offset one past the word's last character in the document text
ner         object   named-entity tag, BIOES or BIO ("O" when none or unknown)
=========== ======== ==================================================================

Rows are sorted by (doc_id order of appearance, sent_idx, tok_idx). Offsets are -1 when the
document text is not known (e.g. CoNLL-U without ``# text`` comments).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from geoevent.errors import TokenTableError

__all__ = [
    "INT_COLUMNS",
    "STR_COLUMNS",
    "TOKEN_COLUMNS",
    "UD1_TO_UD2",
    "empty_token_table",
    "make_token_table",
    "map_deprel",
    "sentence_texts",
    "validate_token_table",
]

TOKEN_COLUMNS: tuple[str, ...] = (
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
    "ner",
)
INT_COLUMNS: tuple[str, ...] = ("sent_idx", "tok_idx", "head", "start_char", "end_char")
STR_COLUMNS: tuple[str, ...] = tuple(c for c in TOKEN_COLUMNS if c not in INT_COLUMNS)

#: UD v1 relation names (as in UniversalPETRARCH's parses) and their UD v2 names.
UD1_TO_UD2: Mapping[str, str] = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "neg": "advmod",
    "mwe": "fixed",
    "name": "flat",
    "foreign": "flat:foreign",
    "nmod:agent": "obl:agent",
    "nmod:npmod": "obl:npmod",
    "nmod:tmod": "obl:tmod",
}

_DEFAULTS: Mapping[str, Any] = {
    "lemma": "",
    "xpos": "",
    "feats": "",
    "ner": "O",
    "start_char": -1,
    "end_char": -1,
}


def map_deprel(deprel: str, head_upos: str | None = None) -> str:
    """Map a UD v1 relation name to UD v2; UD v2 names pass through unchanged.

    UD v1 ``nmod`` attached to a verb (or adjective/adverb) is UD v2 ``obl``; give the head's
    UPOS to make that distinction, otherwise ``nmod`` is kept.
    """
    rel = UD1_TO_UD2.get(deprel, deprel)
    if head_upos is not None and (rel == "nmod" or rel.startswith("nmod:")):
        if head_upos in {"VERB", "AUX", "ADJ", "ADV"} and rel != "nmod:poss":
            rel = "obl" + rel[4:]
    return rel


def empty_token_table() -> pd.DataFrame:
    """A token table with no rows and the contract's columns and dtypes."""
    return make_token_table({c: [] for c in TOKEN_COLUMNS})


def make_token_table(columns: Mapping[str, Sequence[Any] | np.ndarray]) -> pd.DataFrame:
    """Build a token table from column arrays, filling optional columns with their defaults.

    Required: doc_id, sent_idx, tok_idx, text, upos, head, deprel. Optional: lemma, xpos, feats,
    start_char, end_char (default -1), ner (default "O").
    """
    missing = [c for c in ("doc_id", "sent_idx", "tok_idx", "text", "upos", "head", "deprel") if c not in columns]
    if missing:
        raise TokenTableError(f"token table is missing required columns: {', '.join(missing)}")
    n = len(columns["doc_id"])
    data: dict[str, Any] = {}
    for col in TOKEN_COLUMNS:
        if col in columns:
            values = columns[col]
            if len(values) != n:
                raise TokenTableError(f"token table column {col!r} has {len(values)} rows, expected {n}")
        else:
            values = [_DEFAULTS[col]] * n
        if col in INT_COLUMNS:
            data[col] = np.asarray(values, dtype=np.int32)
        else:
            data[col] = pd.array(values, dtype=object) if n else np.array([], dtype=object)  # type: ignore[arg-type]  # any sequence works
    df = pd.DataFrame(data, columns=list(TOKEN_COLUMNS))
    for col in STR_COLUMNS:
        df[col] = df[col].astype(object)
    return df


def sentence_starts(doc_id: np.ndarray, sent_idx: np.ndarray) -> np.ndarray:
    """True where a row starts a new (doc_id, sent_idx) run: neighbours compared, nothing hashed."""
    new = np.ones(len(doc_id), dtype=bool)
    new[1:] = (doc_id[1:] != doc_id[:-1]) | (sent_idx[1:] != sent_idx[:-1])
    return new


def _sentence_lengths(df: pd.DataFrame) -> pd.Series:
    """Each word's sentence length (the largest tok_idx of its sentence)."""
    tok = df["tok_idx"].to_numpy(np.int64)
    new = sentence_starts(df["doc_id"].to_numpy(dtype=object), df["sent_idx"].to_numpy(np.int64))
    if np.array_equal(new, tok == 1):  # the usual layout: words in order, numbered from 1
        starts = np.flatnonzero(new)
        return pd.Series(np.repeat(np.maximum.reduceat(tok, starts), np.diff(np.r_[starts, len(df)])))
    return df.groupby(["doc_id", "sent_idx"], sort=False)["tok_idx"].transform("max")


def validate_token_table(tokens: pd.DataFrame, *, where: str = "token table") -> pd.DataFrame:
    """Check a token table against the contract and return it with canonical dtypes.

    Raises :class:`~geoevent.errors.TokenTableError` naming ``where`` and the first problem found.
    """
    if not isinstance(tokens, pd.DataFrame):
        raise TokenTableError(f"{where}: expected a pandas DataFrame, got {type(tokens).__name__}")
    missing = [c for c in TOKEN_COLUMNS if c not in tokens.columns]
    if missing:
        raise TokenTableError(f"{where}: missing columns {', '.join(missing)}")
    df = tokens.loc[:, list(TOKEN_COLUMNS)].reset_index(drop=True)
    for col in INT_COLUMNS:
        if df[col].dtype == np.int32:
            continue
        try:
            df[col] = df[col].astype(np.int32)
        except (TypeError, ValueError) as exc:
            raise TokenTableError(f"{where}: column {col!r} must be integer ({exc})") from None
    for col in STR_COLUMNS:
        values = df[col].to_numpy(dtype=object)
        if pd.api.types.infer_dtype(values, skipna=False) != "string":  # "string": all str, none missing
            if pd.isna(values).any():
                raise TokenTableError(f"{where}: column {col!r} has missing values")
            values = values.astype(str).astype(object)
        elif df[col].dtype == object:
            continue  # already plain str objects
        df[col] = pd.Series(values, dtype=object)
    if len(df) == 0:
        return df
    if (df["tok_idx"] < 1).any():
        raise TokenTableError(f"{where}: tok_idx must be >= 1 (1-based, as in CoNLL-U)")
    if (df["head"] < 0).any():
        raise TokenTableError(f"{where}: head must be >= 0 (0 = root)")
    sent_len = _sentence_lengths(df)
    if (df["head"] > sent_len).any():
        bad = df.loc[df["head"] > sent_len].iloc[0]
        raise TokenTableError(
            f"{where}: head {bad['head']} out of range in document {bad['doc_id']!r} sentence {bad['sent_idx']}"
        )
    if (df["head"] == df["tok_idx"]).any():
        bad = df.loc[df["head"] == df["tok_idx"]].iloc[0]
        raise TokenTableError(
            f"{where}: word {bad['tok_idx']} is its own head in document {bad['doc_id']!r} sentence {bad['sent_idx']}"
        )
    return df


def sentence_texts(tokens: pd.DataFrame, doc_texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per sentence: doc_id, sent_idx, start_char, end_char, text.

    With ``doc_texts`` the sentence text is the slice of the document; otherwise it is rebuilt
    from the words, placed at their offsets (or joined by spaces when offsets are unknown).
    ``tokens`` follows the contract (each sentence's words numbered from 1, in order).
    """
    cols = ["doc_id", "sent_idx", "start_char", "end_char", "text"]
    n = len(tokens)
    if n == 0:
        return pd.DataFrame({c: [] for c in cols})
    first = np.flatnonzero(tokens["tok_idx"].to_numpy() == 1)
    bounds = np.r_[first, n]
    starts = tokens["start_char"].to_numpy(np.int64)
    ends = tokens["end_char"].to_numpy(np.int64)
    s_min = np.minimum.reduceat(starts, first)
    e_max = np.maximum.reduceat(ends, first)
    doc_ids = tokens["doc_id"].to_numpy(dtype=object)[first]
    words = tokens["text"].to_numpy(dtype=object)
    word_list = words.tolist()
    rebuild = s_min >= 0
    if doc_texts is not None:
        rebuild &= np.fromiter((d not in doc_texts for d in doc_ids.tolist()), dtype=bool, count=len(doc_ids))
    if rebuild.any():  # each word with the spaces before it, when words do not overlap
        gap = starts - np.r_[0, ends[:-1]]
        gap[first] = 0
        in_order = np.logical_and.reduceat(gap >= 0, first)
        sep = np.where(gap == 1, " ", "").astype(object)
        wide = np.flatnonzero(gap > 1)
        sep[wide] = [" " * g for g in gap[wide].tolist()]
        pieces = (sep + words).tolist()
    texts: list[str] = []
    joined = (rebuild & in_order).tolist() if rebuild.any() else [False] * len(first)
    for doc_id, lo, hi, start, end, join in zip(
        doc_ids.tolist(), bounds[:-1].tolist(), bounds[1:].tolist(), s_min.tolist(), e_max.tolist(), joined
    ):
        if doc_texts is not None and start >= 0 and doc_id in doc_texts:
            texts.append(doc_texts[doc_id][start:end])
        elif join:
            texts.append("".join(pieces[lo:hi]))
        elif start >= 0:  # overlapping words (the parts of a multi-word token share its span)
            parts, cursor = [], start
            for w, ws, we in zip(word_list[lo:hi], starts[lo:hi].tolist(), ends[lo:hi].tolist()):
                if ws >= cursor:
                    parts.append(" " * (ws - cursor) + w)
                    cursor = we
            texts.append("".join(parts))
        else:
            texts.append(" ".join(word_list[lo:hi]))
    return pd.DataFrame(
        {
            "doc_id": pd.Series(doc_ids, dtype=object),
            "sent_idx": tokens["sent_idx"].to_numpy()[first],
            "start_char": s_min,
            "end_char": e_max,
            "text": pd.Series(texts, dtype=object),
        }
    )
