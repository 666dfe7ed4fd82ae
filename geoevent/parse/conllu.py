"""Read CoNLL-U into a token table, so corpora parsed elsewhere can be coded directly.

Multi-word token lines (``1-2``) and empty nodes (``1.1``) are skipped: the token table holds
syntactic words. UD v1 relation names are mapped to UD v2 (see :func:`geoevent.tokens.map_deprel`).
Documents are delimited by ``# newdoc id = ...`` comments; sentences by blank lines. Character
offsets are computed against the document text rebuilt from ``# text = ...`` comments (sentences
joined by a single space), or are -1 when a sentence has no ``# text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from geoevent.errors import InputError
from geoevent.tokens import TOKEN_COLUMNS, make_token_table, map_deprel

__all__ = ["read_conllu", "read_conllu_string", "write_conllu"]

_INT = re.compile(r"^\d+$")


def read_conllu(path: str | Path, *, doc_id: str | None = None) -> pd.DataFrame:
    r"""Read a CoNLL-U file into a token table, skipping the parser.

    Parameters
    ----------
    path : str or Path
        A UTF-8 CoNLL-U file (UD v1 relation names are mapped to UD v2).
    doc_id : str, optional
        The document id; default: ``# newdoc id`` comments, else the file name.

    Returns
    -------
    pandas.DataFrame
        The token table (:data:`geoevent.TOKEN_COLUMNS`), ready for :func:`geoevent.code_tokens`.

    Examples
    --------
    >>> import geoevent, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.conllu"
    >>> _ = path.write_text("1\tRussia\tRussia\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
    ...                     "2\tattacked\tattack\tVERB\t_\t_\t0\troot\t_\t_\n"
    ...                     "3\tUkraine\tUkraine\tPROPN\t_\t_\t2\tobj\t_\t_\n\n", encoding="utf-8")
    >>> tokens = geoevent.read_conllu(path)
    >>> tokens["deprel"].tolist()
    ['nsubj', 'root', 'obj']
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return read_conllu_string(text, doc_id=doc_id or p.name, where=str(p))


def read_conllu_string(text: str, *, doc_id: str = "doc", where: str = "<conllu>") -> pd.DataFrame:
    """Read CoNLL-U from a string. ``doc_id`` is used until a ``# newdoc id`` comment appears."""
    return _read_lines(text.splitlines(), default_doc=doc_id, where=where)


def _read_lines(lines: Iterable[str], *, default_doc: str, where: str) -> pd.DataFrame:
    cols: dict[str, list] = {k: [] for k in TOKEN_COLUMNS}
    doc = default_doc
    sent_idx = -1
    doc_len = 0  # length of the document text rebuilt so far
    sent_words: list[list[str]] = []
    sent_text: str | None = None
    sent_line = 0

    def flush() -> None:
        nonlocal sent_idx, doc_len, sent_words, sent_text
        if not sent_words:
            sent_text = None
            return
        sent_idx += 1
        base = doc_len + (1 if doc_len else 0) if sent_text is not None else -1
        upos_by_id = {int(w[0]): w[3] for w in sent_words}
        cursor = 0
        for w in sent_words:
            wid, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = w
            h = int(head) if _INT.match(head) else 0
            start = end = -1
            if sent_text is not None:
                pos = sent_text.find(form, cursor)
                if pos >= 0:
                    start, end = base + pos, base + pos + len(form)
                    cursor = pos + len(form)
            ner = "O"
            for item in misc.split("|"):
                if item.startswith("NER="):
                    ner = item[4:]
                elif item.startswith("TokenRange=") and start < 0:
                    a, _, b = item[11:].partition(":")
                    if a.isdigit() and b.isdigit():
                        start, end = int(a), int(b)
            cols["doc_id"].append(doc)
            cols["sent_idx"].append(sent_idx)
            cols["tok_idx"].append(int(wid))
            cols["text"].append(form)
            cols["lemma"].append("" if lemma == "_" and form != "_" else lemma)
            cols["upos"].append(upos)
            cols["xpos"].append("" if xpos == "_" else xpos)
            cols["feats"].append("" if feats == "_" else feats)
            cols["head"].append(h)
            cols["deprel"].append(map_deprel(deprel, upos_by_id.get(h)))
            cols["start_char"].append(start)
            cols["end_char"].append(end)
            cols["ner"].append(ner)
        if sent_text is not None:
            doc_len = base + len(sent_text)
        sent_words = []
        sent_text = None

    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            if body.startswith("newdoc"):
                flush()
                _, _, value = body.partition("=")
                doc = value.strip() or default_doc
                sent_idx, doc_len = -1, 0
            elif body.startswith("text") and body[4:].lstrip().startswith("="):
                sent_text = body.partition("=")[2].strip()
            continue
        fields = line.split("\t")
        if len(fields) != 10:
            raise InputError(f"{where}:{lineno}: expected 10 tab-separated CoNLL-U fields, found {len(fields)}")
        if not _INT.match(fields[0]):
            if "-" in fields[0] or "." in fields[0]:
                continue  # multi-word token range or empty node
            raise InputError(f"{where}:{lineno}: bad word id {fields[0]!r}")
        if not sent_words:
            sent_line = lineno
        expected = len(sent_words) + 1
        if int(fields[0]) != expected:
            raise InputError(f"{where}:{lineno}: word id {fields[0]} out of order (expected {expected})")
        if fields[6] != "_" and not _INT.match(fields[6]):
            raise InputError(f"{where}:{lineno}: bad head {fields[6]!r}")
        sent_words.append(fields)
    flush()
    del sent_line
    return make_token_table(cols)


def write_conllu(tokens: pd.DataFrame) -> str:
    """A token table as CoNLL-U text (one ``# newdoc id`` per document, offsets in MISC).

    Offsets are written as ``TokenRange=start:end`` and NER tags as ``NER=tag`` in MISC, so
    :func:`read_conllu_string` and other CoNLL-U readers see the same words, heads and relations.
    """
    lines: list[str] = []
    last_doc = None
    last_sent = None
    row: Any  # one word of the token table: columns of mixed types
    for row in tokens.itertuples(index=False):
        if row.doc_id != last_doc:
            if lines:
                lines.append("")
            lines.append(f"# newdoc id = {row.doc_id}")
            last_doc, last_sent = row.doc_id, None
        if row.sent_idx != last_sent:
            if last_sent is not None:
                lines.append("")
            lines.append(f"# sent_id = {row.doc_id}-{row.sent_idx}")
            last_sent = row.sent_idx
        misc = []
        if row.start_char >= 0:
            misc.append(f"TokenRange={row.start_char}:{row.end_char}")
        if row.ner and row.ner != "O":
            misc.append(f"NER={row.ner}")
        fields = [
            str(row.tok_idx),
            row.text,
            row.lemma or "_",
            row.upos or "_",
            row.xpos or "_",
            row.feats or "_",
            str(row.head),
            row.deprel or "_",
            "_",
            "|".join(misc) or "_",
        ]
        lines.append("\t".join(f.replace("\t", " ") for f in fields))
    if lines:
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")
