"""The embedded default parser: our rule tokenizer, our neural tagger and parser, table lemmas.

The weights (``geoevent/data/models/``: ``parser.npz`` and ``parser.json``, ``lemmas.tsv``,
``feats.tsv``) are trained from UD English-EWT and the GUM Wikimedia documents by
:mod:`geoevent.parse.train` and ship inside the package. They are loaded lazily, once per
process, from the package data (:mod:`importlib.resources`).

Text is split into sentences and words by :func:`geoevent.parse.tokenize.tokenize` (so offsets
always point into the input text); the words of many sentences go to the neural model in one
call (:class:`geoevent.parse.biaffine.BiaffineModel`: a BiLSTM with UPOS and XPOS taggers and a
biaffine dependency parser, run with numpy). Lemmas come from a (form, UPOS) lexicon plus suffix
rules learned from the treebanks (:class:`Lemmatizer`); morphological features from a
(UPOS, XPOS[, form]) table learned likewise. ``nmod`` attached to a predicate is relabelled
``obl`` (UD v2), as :func:`geoevent.tokens.map_deprel` does.
"""

from __future__ import annotations

import importlib.resources
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from lemminflect import getLemma

from geoevent.clean import clean_texts
from geoevent.errors import InputError, ParserUnavailableError
from geoevent.parse.tokenize import check_line_breaks, tokenize
from geoevent.tokens import empty_token_table, make_token_table, map_deprel

__all__ = [
    "FEATS_FILE",
    "LEMMA_FILE",
    "MODEL_FILE",
    "TRAIN_COMMAND",
    "VOCAB_FILE",
    "EmbeddedParser",
    "Lemmatizer",
    "describe",
    "get_parser",
]

#: The neural tagger and parser: weights (numpy arrays) and vocabularies with hyperparameters.
MODEL_FILE = "parser.npz"
VOCAB_FILE = "parser.json"
FEATS_FILE = "feats.tsv"
LEMMA_FILE = "lemmas.tsv"
TRAIN_COMMAND = "python -m geoevent.parse.train --shared ../shared --out geoevent/data/models"

_FORM_FEATS_UPOS = frozenset({"PRON", "DET", "AUX"})

#: Sentences handed to the neural model per call (bounds memory; larger batches run faster).
BATCH_SENTENCES = 512


class Lemmatizer:
    """Lemmas from a (form, UPOS) lexicon learned from the treebanks, then suffix rules per UPOS."""

    _KEEP = frozenset({"PROPN", "PUNCT", "SYM", "NUM", "X"})

    def __init__(self, lexicon: dict[tuple[str, str], str], rules: dict[tuple[str, str], tuple[int, str]]) -> None:
        self.lexicon = lexicon
        self.rules = rules
        self._cache: dict[tuple[str, str], str] = {}
        #: Lemmas the lexicon knows, per UPOS: an inflection guess is preferred when it is one of them.
        self.known: dict[str, frozenset[str]] = {}
        by_upos: dict[str, set[str]] = {}
        for (_, upos), lemma in lexicon.items():
            by_upos.setdefault(upos, set()).add(lemma.lower())
        # and the verbs of our own verb dictionaries ("freed" -> free, not "fre")
        by_upos.setdefault("VERB", set()).update(_dictionary_verbs())
        self.known = {u: frozenset(v) for u, v in by_upos.items()}

    @classmethod
    def load(cls, path: Path) -> Lemmatizer:
        """Read the ``L``/``R`` lines written by :func:`geoevent.parse.train.write_lemma_table`."""
        lexicon: dict[tuple[str, str], str] = {}
        rules: dict[tuple[str, str], tuple[int, str]] = {}
        if path.is_file():
            for line in path.read_text(encoding="utf-8").split("\n"):
                f = line.split("\t")
                if f[0] == "L" and len(f) == 4:
                    lexicon[(f[1], f[2])] = f[3]
                elif f[0] == "R" and len(f) == 5:
                    rules[(f[1], f[2])] = (int(f[3]), f[4])
        return cls(lexicon, rules)

    def __call__(self, form: str, upos: str) -> str:
        key = (form, upos)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._lemma(form, upos)
            if len(self._cache) < 200_000:
                self._cache[key] = hit
        return hit

    def _lemma(self, form: str, upos: str) -> str:
        lex = self.lexicon
        norm = form.replace("’", "'").replace("‘", "'")
        for f in (form, norm, form.lower(), norm.lower()):
            if (f, upos) in lex:
                return lex[(f, upos)]
        if upos in self._KEEP:
            return form
        low = norm.lower()
        if upos == "VERB":  # English irregular and doubled forms the treebanks lack: beaten, slain, repelled
            listed = _listed_verb_lemma(low)
            if listed:
                return listed
        ruled: str | None = None
        for n in range(min(4, len(low) - 1), 0, -1):
            rule = self.rules.get((upos, low[-n:]))
            if rule is not None and rule[0] < len(low):
                ruled = low[: len(low) - rule[0]] + rule[1]
                break
        guesses = _inflection_guesses(low, upos)
        if not guesses:
            return ruled if ruled is not None else low
        known = self.known.get(upos, frozenset())
        if ruled is not None and ruled in known:
            return ruled
        for g in guesses:
            if g in known:
                return g
        return ruled if ruled is not None and ruled != low else guesses[0]


def _listed_verb_lemma(low: str) -> str:
    """The lemma lemminflect's English verb lexicon lists for a verb form ("" when it lists none)."""
    lemmas = getLemma(low, upos="VERB", lemmatize_oov=False)
    return str(lemmas[0]) if lemmas else ""


def _dictionary_verbs() -> frozenset[str]:
    """Verb lemmas from data/models/verb_lemmas.txt (one per line, # comments)."""
    try:
        text = importlib.resources.files("geoevent").joinpath("data", "models", "verb_lemmas.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


_VOWELS = frozenset("aeiou")
#: Stems that lost a final -e before -ed/-ing: moved, forced, argued, seized, located, settled, charged.
_TAKES_E = re.compile(r"(?:[vcuz]|[^aeiou]at|iz|ys|[bcdfgkpstz]l|[dr]g|[^aeiou]ang|ur|[aeiou][aeiou]?s)$")


def _inflection_guesses(low: str, upos: str) -> list[str]:
    """Candidate lemmas of an inflected English verb (-ed, -ing, -s) or plural noun, likeliest first.

    The first guess is the fallback when none is a lemma the lexicon knows: ``condemned`` ->
    ``condemn``, ``shelled`` -> ``shell``, ``stabbed`` -> ``stab``, ``carried`` -> ``carry``,
    ``seized`` -> ``seize``.
    """
    if upos == "VERB":
        for suffix in ("ed", "ing"):
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                stem = low[: -len(suffix)]
                if suffix == "ed" and stem.endswith("i"):
                    return [stem[:-1] + "y", stem]
                out = [stem + "e", stem] if _TAKES_E.search(stem) else [stem, stem + "e"]
                if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                    undoubled = stem[:-1]
                    out = [stem, undoubled, stem + "e"] if stem[-1] in "lsz" else [undoubled, stem, stem + "e"]
                return out
        if low.endswith("ies") and len(low) > 4:
            return [low[:-3] + "y"]
        if low.endswith("es") and len(low) > 3:
            return [low[:-2], low[:-1]] if low[-3] in "sxzh" else [low[:-1], low[:-2]]
        if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
            return [low[:-1]]
        return []
    if upos == "NOUN":
        if low.endswith("ies") and len(low) > 4:
            return [low[:-3] + "y", low[:-1]]
        if low.endswith("es") and len(low) > 3 and low[-3] in "sxzh":
            return [low[:-2], low[:-1]]
        if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2:
            return [low[:-1]]
    return []


def _default_model_dir() -> Path:
    """Where the shipped weights live (a real directory for an installed or source package)."""
    return Path(str(importlib.resources.files("geoevent") / "data" / "models"))


class EmbeddedParser:
    """Tokenizer + neural tagger/parser + table lemmas and features; see the module docstring."""

    name = "embedded"

    def __init__(self, *, model_dir: str | Path | None = None) -> None:
        self.model_dir = Path(model_dir) if model_dir is not None else _default_model_dir()
        self._model: Any = None
        self._feats: dict[tuple[str, str, str], str] = {}
        self._lemmatizer = Lemmatizer({}, {})
        #: (form, UPOS, XPOS) -> (lemma, feats), filled by :func:`_finish_rows` (bounded).
        self._rows: dict[tuple[str, str, str], tuple[str, str]] = {}
        self._lock = threading.Lock()

    # -- loading -----------------------------------------------------------------------------
    def _load(self) -> None:
        """Load the weights once; raise ParserUnavailableError naming the path when missing."""
        if self._model is not None:
            return
        with self._lock:
            if self._model is not None:
                return
            for name in (MODEL_FILE, VOCAB_FILE):
                if not (self.model_dir / name).is_file():
                    raise ParserUnavailableError(
                        f"embedded parser weights not found at {self.model_dir / name}; "
                        f"train them with: {TRAIN_COMMAND}"
                    )
            from geoevent.parse.biaffine import BiaffineModel

            try:
                model = BiaffineModel(self.model_dir / MODEL_FILE, self.model_dir / VOCAB_FILE)
            except (OSError, ValueError, KeyError) as exc:
                raise ParserUnavailableError(
                    f"{self.model_dir / MODEL_FILE}: cannot load the parser weights ({exc}); retrain with: {TRAIN_COMMAND}"
                ) from None
            feats: dict[tuple[str, str, str], str] = {}
            fpath = self.model_dir / FEATS_FILE
            if fpath.is_file():
                for line in fpath.read_text(encoding="utf-8").splitlines():
                    parts = line.split("\t")
                    if len(parts) == 4:
                        feats[(parts[0], parts[1], parts[2])] = "" if parts[3] == "_" else parts[3]
            self._feats = feats
            self._lemmatizer = Lemmatizer.load(self.model_dir / LEMMA_FILE)
            self._rows = {}
            self._model = model

    # -- tagging and parsing of given words ----------------------------------------------------
    def annotate(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str, str, str, int, str]]]:
        """Tag, lemmatize and parse pre-tokenized sentences.

        Returns, per sentence and word, ``(lemma, upos, xpos, feats, head, deprel)``; empty
        sentences give empty lists.
        """
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
                out[i] = _finish_rows(ws, u, x, h, r, self._feats, self._lemmatizer, cache=self._rows)
        return out

    # -- the backend API -------------------------------------------------------------------------
    def parse(
        self, texts: Sequence[str], *, doc_ids: Sequence[str] | None = None, line_breaks: str = "auto"
    ) -> pd.DataFrame:
        """Parse documents into a token table (see :mod:`geoevent.tokens`).

        ``line_breaks`` says what a line break means (:func:`geoevent.parse.tokenize.segments`);
        surrogate code points are replaced first (:func:`geoevent.clean.clean_text`).
        """
        check_line_breaks(line_breaks)
        if isinstance(texts, str):
            texts = [texts]
        texts = clean_texts(texts)
        if doc_ids is None:
            doc_ids = [str(i) for i in range(len(texts))]
        doc_ids = clean_texts([str(d) for d in doc_ids])
        if len(doc_ids) != len(texts):
            raise InputError(f"{len(texts)} texts but {len(doc_ids)} doc ids")
        sent_doc: list[int] = []
        sent_local: list[int] = []
        sent_spans: list[list[tuple[int, int]]] = []
        sent_words: list[list[str]] = []
        for d, text in enumerate(texts):
            if not isinstance(text, str):
                raise InputError(f"document {doc_ids[d]!r}: expected str, got {type(text).__name__}")
            for k, word_spans in enumerate(tokenize(text, line_breaks=line_breaks)):
                sent_doc.append(d)
                sent_local.append(k)
                sent_spans.append(word_spans)
                sent_words.append([text[s:e] for s, e in word_spans])
        if not sent_words:
            self._load()  # missing weights are an error even for empty input
            return empty_token_table()
        ann = self.annotate(sent_words)
        doc_col: list[str] = []
        sent_col: list[int] = []
        tok_col: list[int] = []
        forms: list[str] = []
        spans: list[tuple[int, int]] = []
        rows: list[tuple[str, str, str, str, int, str]] = []
        for d, k, sp, ws, rs in zip(sent_doc, sent_local, sent_spans, sent_words, ann):
            n = len(ws)
            doc_col += [doc_ids[d]] * n
            sent_col += [k] * n
            tok_col += range(1, n + 1)
            forms += ws
            spans += sp
            rows += rs
        lemma, upos, xpos, feats, head, deprel = zip(*rows)
        start_char, end_char = zip(*spans)
        return make_token_table(
            {
                "doc_id": doc_col,
                "sent_idx": sent_col,
                "tok_idx": tok_col,
                "text": forms,
                "lemma": lemma,
                "upos": upos,
                "xpos": xpos,
                "feats": feats,
                "head": head,
                "deprel": deprel,
                "start_char": start_char,
                "end_char": end_char,
            }
        )


#: Entries kept in a parser's (form, UPOS, XPOS) -> (lemma, feats) cache.
ROW_CACHE_SIZE = 200_000


def _finish_rows(
    forms: Sequence[str],
    upos: Sequence[str],
    xpos: Sequence[str],
    heads: Sequence[int],
    rels: Sequence[str],
    feats: dict[tuple[str, str, str], str],
    lemmatizer: Lemmatizer,
    *,
    cache: dict[tuple[str, str, str], tuple[str, str]] | None = None,
) -> list[tuple[str, str, str, str, int, str]]:
    """Rows (lemma, upos, xpos, feats, head, deprel) of one sentence, with lemmas, features and repairs.

    ``cache`` memoizes (lemma, feats) per (form, UPOS, XPOS) across calls (bounded by
    :data:`ROW_CACHE_SIZE`).
    """
    if cache is None:
        cache = {}
    rows: list[tuple[str, str, str, str, int, str]] = []
    for form, u, x, h, r in zip(forms, upos, xpos, heads, rels):
        hit = cache.get((form, u, x))
        if hit is None:
            if u in _FORM_FEATS_UPOS:
                feat = feats.get((u, x, form.lower()), feats.get((u, x, ""), ""))
            else:
                feat = feats.get((u, x, ""), "")
            hit = (lemmatizer(form, u), feat)
            if len(cache) < ROW_CACHE_SIZE:
                cache[(form, u, x)] = hit
        rows.append((hit[0], u, x, hit[1], int(h), r))
    known = lemmatizer.lexicon
    return _v2_consistent(_up_to_quantity(_restore_main_verb(_name_as_subject(rows, list(forms), known))))


_INTERJECTION_RELS = frozenset({"discourse", "vocative", "dep"})


def _name_as_subject(
    rows: list[tuple[str, str, str, str, int, str]],
    forms: list[str],
    known: Mapping[tuple[str, str], str] | None = None,
) -> list[tuple[str, str, str, str, int, str]]:
    """Repair an unknown capitalized first word read as an interjection: "Hezbollah fired rockets".

    When the first word is capitalized, not a word the treebanks know (``known``: the lemma
    lexicon) and tagged INTJ/X/SYM as an interjection, it becomes a proper noun: the ``nsubj`` of
    its head when that is a verb without a subject, else a ``compound`` of its head noun (so that
    :func:`_restore_main_verb` can then read "Hezbollah fired rockets" as a clause).
    """
    if len(rows) < 3 or len(forms[0]) < 3 or not forms[0][:1].isupper():
        return rows
    if known and any(
        (f, u) in known for f in (forms[0], forms[0].lower()) for u in ("INTJ", "X", "SYM", "VERB", "ADV")
    ):
        return rows
    _lemma, upos, _xpos, _feat, head, deprel = rows[0]
    if upos not in ("INTJ", "X", "SYM") or deprel not in _INTERJECTION_RELS or head < 2:
        return rows
    head_upos = rows[head - 1][1]
    if head_upos == "VERB" and not any(r[4] == head and r[5].startswith("nsubj") for r in rows):
        rel = "nsubj"
    elif head_upos in ("NOUN", "PROPN"):
        rel = "compound"
    else:
        return rows
    out = list(rows)
    out[0] = (forms[0], "PROPN", "NNP", "Number=Sing", head, rel)
    return out


def _up_to_quantity(rows: list[tuple[str, str, str, str, int, str]]) -> list[tuple[str, str, str, str, int, str]]:
    """Repair "deployed up to 12,000 troops" read as particle "up" + oblique "to ... troops".

    As in EWT, "up" becomes an ``advmod`` of the number with "to" ``fixed`` to it, and the noun
    the number counts becomes the verb's ``obj`` (when the verb has none).
    """
    out = rows
    for i in range(len(rows) - 2):
        if rows[i][0].lower() != "up" or rows[i + 1][0].lower() != "to" or rows[i + 2][1] != "NUM":
            continue
        verb, num, noun = rows[i][4] - 1, i + 2, rows[i + 2][4] - 1
        if (
            verb < 0
            or noun < 0
            or rows[i][5] != "compound:prt"
            or rows[num][5] != "nummod"
            or rows[i + 1][4] - 1 != noun
            or rows[noun][4] - 1 != verb
            or rows[noun][5].split(":")[0] not in ("obl", "nmod")
        ):
            continue
        out = list(out) if out is rows else out
        lemma, upos, xpos, feat, _, _ = out[i]
        out[i] = (lemma, "ADV", "RB", feat, num + 1, "advmod")
        lemma, upos, xpos, feat, _, _ = out[i + 1]
        out[i + 1] = (lemma, upos, xpos, feat, i + 1, "fixed")
        if not any(r[4] - 1 == verb and r[5] == "obj" for r in out):
            lemma, upos, xpos, feat, head, _ = out[noun]
            out[noun] = (lemma, upos, xpos, feat, head, "obj")
    return out


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _restore_main_verb(rows: list[tuple[str, str, str, str, int, str]]) -> list[tuple[str, str, str, str, int, str]]:
    """Repair a clause the tagger read as a noun phrase: "Georgian police arrested opposition leaders".

    The tagger sometimes tags a past-tense main verb as a participle (VBN) and hangs it as an
    ``amod``/``acl`` under a noun root. When the sentence has no finite verb at all, no auxiliary on
    that participle, and a nominal before it, the participle becomes the finite root: the nearest
    nominal before it its ``nsubj``, the old root its ``obj`` (or, when the old root came first,
    its ``nsubj``), and the old root's dependents on the far side move to the verb.
    """
    n = len(rows)
    root = next((i for i, r in enumerate(rows) if r[4] == 0), -1)
    if root < 0 or rows[root][1] not in _NOMINAL or any(r[2] in _FINITE for r in rows):
        return rows
    kids: list[list[int]] = [[] for _ in range(n)]
    for i, r in enumerate(rows):
        if r[4] > 0:
            kids[r[4] - 1].append(i)
    verb = next(
        (
            i
            for i in kids[root]
            if rows[i][1] == "VERB"
            and rows[i][2] in ("VBN", "VBD")
            and rows[i][5] in ("amod", "acl")
            and not any(
                rows[k][5] in ("aux", "aux:pass", "cop", "mark") or rows[k][1] == "PRON" for k in kids[i] if k < i
            )
            and i > 0
            and rows[i - 1][1] in _NOMINAL
        ),
        -1,
    )
    if verb < 0:
        return rows
    out = list(rows)

    def set_(i: int, head: int, deprel: str) -> None:
        lemma, upos, xpos, feat, _, _ = out[i]
        out[i] = (lemma, upos, xpos, feat, head + 1 if head >= 0 else 0, deprel)

    lemma, upos, _, _, _, _ = out[verb]
    out[verb] = (lemma, upos, "VBD", "Mood=Ind|Tense=Past|VerbForm=Fin", 0, "root")
    if root < verb:  # "Russia's missiles struck Ukraine's grid": the old root is the subject
        set_(root, verb, "nsubj")
        for k in kids[root]:
            if k > verb:
                set_(k, verb, out[k][5])
        return out
    # "police arrested opposition leaders": the nearest nominal before the verb is the subject
    for k in kids[root]:
        if k > verb and rows[k][5] == "punct":
            set_(k, verb, "punct")
    before = [k for k in kids[root] if k < verb]
    subj = max((k for k in before if rows[k][1] in _NOMINAL), default=-1)
    set_(root, verb, "obj")
    for k in before:
        if k == subj:
            set_(k, verb, "nsubj")
        elif subj >= 0 and k < subj and rows[k][5] not in ("punct", "cc"):
            set_(k, subj, out[k][5])
        else:
            set_(k, verb, out[k][5])
    return out


def _v2_consistent(rows: list[tuple[str, str, str, str, int, str]]) -> list[tuple[str, str, str, str, int, str]]:
    """Relabel ``nmod`` under a predicate (VERB/AUX/ADJ/ADV) as ``obl``, as UD v2 (and map_deprel) do."""
    out = rows
    for i, (lemma, upos, xpos, feat, head, deprel) in enumerate(rows):
        if deprel.startswith("nmod") and head > 0:
            rel = map_deprel(deprel, rows[head - 1][1])
            if rel != deprel:
                if out is rows:
                    out = list(rows)
                out[i] = (lemma, upos, xpos, feat, head, rel)
    return out


_PARSER: EmbeddedParser | None = None
_PARSER_LOCK = threading.Lock()


def get_parser() -> EmbeddedParser:
    """The process-wide embedded parser (weights loaded on first use, once).

    Raises ParserUnavailableError (with the path and the training command) when the weights are missing.
    """
    global _PARSER
    path = _default_model_dir() / MODEL_FILE
    if not path.is_file():
        raise ParserUnavailableError(f"embedded parser weights not found at {path}; train them with: {TRAIN_COMMAND}")
    if _PARSER is None:
        with _PARSER_LOCK:
            if _PARSER is None:
                _PARSER = EmbeddedParser()
    return _PARSER


def describe() -> dict[str, Any]:
    """Where the weights live and whether they are present."""
    d = _default_model_dir()
    return {"model_dir": str(d), "model_file": str(d / MODEL_FILE), "present": (d / MODEL_FILE).is_file()}
