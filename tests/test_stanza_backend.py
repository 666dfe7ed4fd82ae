"""Tests of the stanza backend: conversion (no model), missing-model errors, compact real models."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("stanza", reason="stanza is not installed")
from stanza.utils.conll import CoNLL

from geoevent.errors import InputError, ParserUnavailableError
from geoevent.parse import stanza_backend
from geoevent.parse.conllu import read_conllu_string
from geoevent.parse.stanza_backend import StanzaParser, describe, doc_to_token_table
from geoevent.tokens import TOKEN_COLUMNS, map_deprel, validate_token_table

SHARED = Path(__file__).resolve().parents[2] / "shared"
SUITE = SHARED / "suites" / "universalpetrarch" / "PETR_Validate_records_2_02.xml"
MODELS = SHARED / "models" / "stanza-en-ewt-small"

# Two documents; UD v1 names (dobj, nmod under a verb, nmod:tmod), a multi-word token, an empty
# node, NER tags in MISC, and a sentence without SpaceAfter=No on its last word.
HAND_CONLLU = [
    (
        "doc-a",
        """# text = Arnor didn't attack Gondor on Monday.
1	Arnor	Arnor	PROPN	NNP	Number=Sing	4	nsubj	_	ner=S-GPE
2-3	didn't	_	_	_	_	_	_	_	_
2	did	do	AUX	VBD	Mood=Ind|Tense=Past	4	aux	_	_
3	n't	not	PART	RB	_	4	neg	_	_
4	attack	attack	VERB	VB	VerbForm=Inf	0	root	_	_
5	Gondor	Gondor	PROPN	NNP	Number=Sing	4	dobj	_	ner=S-GPE
6	on	on	ADP	IN	_	7	case	_	_
7	Monday	Monday	PROPN	NNP	Number=Sing	4	nmod	_	SpaceAfter=No
8	.	.	PUNCT	.	_	4	punct	_	_

# text = The king of Arnor left.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	king	king	NOUN	NN	Number=Sing	5	nsubj	_	_
3	of	of	ADP	IN	_	4	case	_	_
4	Arnor	Arnor	PROPN	NNP	Number=Sing	2	nmod	_	ner=S-GPE
5	left	leave	VERB	VBD	Mood=Ind|Tense=Past	0	root	_	_
5.1	left	leave	VERB	VBD	_	_	_	2:nsubj	_
6	.	.	PUNCT	.	_	5	punct	_	_

""",
    ),
    (
        "doc-b",
        """# text = Mordor was attacked last week.
1	Mordor	Mordor	PROPN	NNP	Number=Sing	3	nsubjpass	_	ner=S-LOC
2	was	be	AUX	VBD	Mood=Ind	3	auxpass	_	_
3	attacked	attack	VERB	VBN	Tense=Past|VerbForm=Part	0	root	_	_
4	last	last	ADJ	JJ	Degree=Pos	5	amod	_	_
5	week	week	NOUN	NN	Number=Sing	3	nmod:tmod	_	SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_

""",
    ),
]


def _expected_rows(doc_id: str, conllu: str) -> list[dict]:
    """The token-table rows a CoNLL-U string should convert to, read straight from its columns."""
    rows: list[dict] = []
    for s, block in enumerate(b for b in conllu.strip().split("\n\n") if b.strip()):
        words = [ln.split("\t") for ln in block.splitlines() if ln and not ln.startswith("#")]
        plain = [w for w in words if w[0].isdigit()]
        upos = {int(w[0]): w[3] for w in plain}
        for w in plain:
            head = int(w[6])
            ner = next((m[4:] for m in w[9].split("|") if m.startswith("ner=")), "O")
            rows.append(
                {
                    "doc_id": doc_id,
                    "sent_idx": s,
                    "tok_idx": int(w[0]),
                    "text": w[1],
                    "lemma": w[2],
                    "upos": w[3],
                    "xpos": w[4],
                    "feats": "" if w[5] == "_" else w[5],
                    "head": head,
                    "deprel": map_deprel(w[7], upos.get(head)),
                    "ner": ner,
                }
            )
    return rows


def _conll2doc(conllu: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # stanza warns when SpaceAfter disagrees with # text
        return CoNLL.conll2doc(input_str=conllu, reconstruct_text=True)


# -- (1) conversion, no model ---------------------------------------------------------------


def test_hand_written_conllu_field_by_field() -> None:
    docs = [_conll2doc(c) for _, c in HAND_CONLLU]
    table = doc_to_token_table(docs, [d for d, _ in HAND_CONLLU])
    assert list(table.columns) == list(TOKEN_COLUMNS)
    validate_token_table(table, where="hand-written")
    expected = [r for d, c in HAND_CONLLU for r in _expected_rows(d, c)]
    assert len(table) == len(expected) == 20  # the range line and the empty node are not words
    for got, want in zip(table.to_dict("records"), expected):
        for col, value in want.items():
            assert got[col] == value, (col, got, want)
    # UD v1 -> v2 names, with nmod split by the head's UPOS
    rels = dict(zip(zip(table["doc_id"], table["sent_idx"], table["text"]), table["deprel"]))
    assert rels[("doc-a", 0, "Gondor")] == "obj"
    assert rels[("doc-a", 0, "Monday")] == "obl"
    assert rels[("doc-a", 0, "n't")] == "advmod"
    assert rels[("doc-a", 1, "Arnor")] == "nmod"
    assert rels[("doc-b", 0, "Mordor")] == "nsubj:pass"
    assert rels[("doc-b", 0, "week")] == "obl:tmod"


def test_hand_written_offsets_and_multiword_tokens() -> None:
    docs = [_conll2doc(c) for _, c in HAND_CONLLU]
    table = doc_to_token_table(docs, [d for d, _ in HAND_CONLLU])
    texts = {d: doc.text for (d, _), doc in zip(HAND_CONLLU, docs)}
    first = table[table["doc_id"] == "doc-a"]
    mwt = first[first["text"].isin(["did", "n't"])]
    assert mwt["start_char"].nunique() == 1 and mwt["end_char"].nunique() == 1
    start, end = int(mwt["start_char"].iloc[0]), int(mwt["end_char"].iloc[0])
    assert texts["doc-a"][start:end] == "didn't"
    plain = table[~table["text"].isin(["did", "n't"])]
    for doc_id, text, s, e in zip(plain["doc_id"], plain["text"], plain["start_char"], plain["end_char"]):
        assert texts[doc_id][s:e] == text
    # sentence 2 starts after sentence 1 in the same document text
    assert first.loc[first["sent_idx"] == 1, "start_char"].min() > first.loc[first["sent_idx"] == 0, "end_char"].max()


def test_explicit_offsets_override_and_are_checked() -> None:
    doc = _conll2doc(HAND_CONLLU[1][1])
    spans = [[(100 + 10 * i, 105 + 10 * i) for i in range(len(doc.sentences[0].tokens))]]
    table = doc_to_token_table([doc], ["x"], offsets=[spans])
    assert table["start_char"].tolist() == [s for s, _ in spans[0]]
    assert table["end_char"].tolist() == [e for _, e in spans[0]]
    with pytest.raises(InputError, match="'x'"):
        doc_to_token_table([doc], ["x"], offsets=[[spans[0][:-1]]])
    with pytest.raises(InputError):
        doc_to_token_table([doc], ["x", "y"])


def test_empty_input_gives_empty_contract_table() -> None:
    table = doc_to_token_table([], [])
    assert list(table.columns) == list(TOKEN_COLUMNS) and len(table) == 0
    validate_token_table(table)


def _suite_records() -> list[tuple[str, str, str]]:
    if not SUITE.is_file():
        pytest.skip(f"UniversalPETRARCH suite not found at {SUITE} (../shared is absent)")
    raw = SUITE.read_text(encoding="utf-8")
    out = []
    found = re.findall(r'<Sentence\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</Sentence>', raw, re.S)
    for n, (sid, body) in enumerate(found):
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        parse = re.search(r"<Parse>(.*?)</Parse>", body, re.S)
        if text and parse:
            lines = [ln for ln in parse.group(1).strip().splitlines() if ln.strip()]
            sent = " ".join(text.group(1).split())
            out.append((f"{n}:{sid}", sent, f"# text = {sent}\n" + "\n".join(lines) + "\n\n"))
    return out


def test_universalpetrarch_parses_field_by_field() -> None:
    records = _suite_records()
    assert len(records) > 250
    docs = [_conll2doc(c) for _, _, c in records]
    ids = [sid for sid, _, _ in records]
    table = doc_to_token_table(docs, ids)
    validate_token_table(table, where=str(SUITE))
    expected = pd.DataFrame([r for sid, _, c in records for r in _expected_rows(sid, c)])
    assert len(table) == len(expected)
    for col in expected.columns:
        mismatch = table[col].to_numpy() != expected[col].to_numpy()
        assert not mismatch.any(), f"{col}: {table.loc[mismatch, col].head().tolist()}"
    assert not table["deprel"].isin(["dobj", "nsubjpass", "auxpass"]).any()
    # offsets index the document text stanza holds, word by word
    texts = dict(zip(ids, (d.text for d in docs)))
    assert (table["start_char"] >= 0).all()
    for doc_id, word, s, e in zip(table["doc_id"], table["text"], table["start_char"], table["end_char"]):
        assert texts[doc_id][s:e] == word
    # and agree with geoevent's own CoNLL-U reader on every column
    ref = pd.concat([read_conllu_string(c, doc_id=sid) for sid, _, c in records], ignore_index=True)
    for col in TOKEN_COLUMNS:
        if col in ("start_char", "end_char"):
            known = ref[col] >= 0  # the reader leaves words it cannot find in # text at -1
            assert (table.loc[known, col] == ref.loc[known, col]).mean() > 0.95
        else:
            assert (table[col] == ref[col]).all(), col


_FORMS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC", min_size=1, max_size=6)
_UPOS = st.sampled_from(["NOUN", "VERB", "PROPN", "ADJ", "ADP", "AUX", "ADV", "PRON"])
_RELS = st.sampled_from(["nsubj", "dobj", "nmod", "nmod:poss", "nmod:tmod", "obl", "neg", "amod", "case", "name"])


@st.composite
def _conllu_documents(draw):
    sents = []
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.integers(1, 8))
        root = draw(st.integers(1, n))
        lines = []
        forms = []
        for i in range(1, n + 1):
            form = draw(_FORMS)
            forms.append(form)
            head = 0 if i == root else draw(st.integers(1, n).filter(lambda h, i=i: h != i))
            rel = "root" if head == 0 else draw(_RELS)
            ner = draw(st.sampled_from(["_", "ner=S-GPE", "ner=B-ORG"]))
            lines.append(f"{i}\t{form}\t{form.lower()}\t{draw(_UPOS)}\tXX\t_\t{head}\t{rel}\t_\t{ner}")
        sents.append(f"# text = {' '.join(forms)}\n" + "\n".join(lines) + "\n")
    return "\n".join(sents) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_conllu_documents())
def test_conversion_matches_conllu_columns(conllu: str) -> None:
    table = doc_to_token_table([_conll2doc(conllu)], ["h"])
    expected = _expected_rows("h", conllu)
    assert len(table) == len(expected)
    for got, want in zip(table.to_dict("records"), expected):
        assert {k: got[k] for k in want} == want
    ref = read_conllu_string(conllu, doc_id="h")
    for col in ("tok_idx", "head", "deprel", "start_char", "end_char"):
        assert table[col].tolist() == ref[col].tolist(), col


# -- (2) missing models fail fast ------------------------------------------------------------


def _forbid_processing(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a, **_k):
        raise AssertionError("a document was processed before the model check")

    for name in ("_bulk", "_new_document", "_pretokenized_document"):
        monkeypatch.setattr(stanza_backend, name, boom)
    monkeypatch.setattr(StanzaParser, "_build", boom)


def test_missing_model_dir_fails_fast_naming_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _forbid_processing(monkeypatch)
    parser = StanzaParser(model_dir=tmp_path / "nowhere")
    with pytest.raises(ParserUnavailableError) as err:
        parser.parse(["Arnor attacked Gondor."], doc_ids=["d1"])
    msg = str(err.value)
    assert str(tmp_path / "nowhere") in msg
    assert "stanza.download('en'" in msg and "GEOEVENT_STANZA_DIR" in msg


def test_env_var_sets_model_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _forbid_processing(monkeypatch)
    monkeypatch.setenv("GEOEVENT_STANZA_DIR", str(tmp_path))
    (tmp_path / "resources.json").write_text('{"en": {"lang_name": "English"}}', encoding="utf-8")
    with pytest.raises(ParserUnavailableError, match=re.escape(str(tmp_path))):
        StanzaParser().parse(["text"])
    info = describe()
    assert info["model_dir"] == str(tmp_path) and info["model_dir_source"] == "GEOEVENT_STANZA_DIR"
    assert info["usable"] is False and info["missing"]


def test_missing_explicit_model_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _forbid_processing(monkeypatch)
    missing = tmp_path / "no_parser.pt"
    parser = StanzaParser(model_dir=tmp_path, processors="tokenize,depparse", model_paths={"depparse": str(missing)})
    with pytest.raises(ParserUnavailableError, match=re.escape(str(missing))):
        parser.parse(["x"])
    with pytest.raises(InputError, match="unknown processors"):
        StanzaParser(model_dir=tmp_path, model_paths={"parser": "x.pt"})


def _fake_model_dir(root: Path) -> dict[str, Path]:
    """A stanza-layout model directory: resources.json plus (empty) model files."""
    resources = {
        "en": {
            "lang_name": "English",
            "packages": {
                "default": {
                    "tokenize": "combined",
                    "pos": "combined_charlm",
                    "lemma": "combined_nocharlm",
                    "depparse": "combined_charlm",
                    "ner": "ontonotes",
                }
            },
            "tokenize": {"combined": {}},
            "pos": {"combined_charlm": {"dependencies": [{"model": "pretrain", "package": "conll17"}]}},
            "lemma": {"combined_nocharlm": {}},
            "depparse": {"combined_charlm": {"dependencies": [{"model": "pretrain", "package": "conll17"}]}},
            "ner": {"ontonotes": {}},
            "pretrain": {"conll17": {}},
        }
    }
    (root / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    files = {
        "tokenize": root / "en" / "tokenize" / "combined.pt",
        "pos": root / "en" / "pos" / "combined_charlm.pt",
        "lemma": root / "en" / "lemma" / "combined_nocharlm.pt",
        "depparse": root / "en" / "depparse" / "combined_charlm.pt",
        "ner": root / "en" / "ner" / "ontonotes.pt",
        "pretrain": root / "en" / "pretrain" / "conll17.pt",
    }
    for f in files.values():
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(b"")
    return files


def test_model_directory_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _fake_model_dir(tmp_path)
    info = describe(model_dir=tmp_path)
    assert info["usable"] and info["missing"] == []
    assert info["pretokenized"] is False  # a tokenizer model is there
    assert info["models"] == {p: str(files[p]) for p in ("tokenize", "pos", "lemma", "depparse", "ner")}
    files["pretrain"].unlink()  # a dependency of pos and depparse
    _forbid_processing(monkeypatch)
    with pytest.raises(ParserUnavailableError) as err:
        StanzaParser(model_dir=tmp_path).parse(["x"])
    assert str(files["pretrain"]) in str(err.value) and str(tmp_path) in str(err.value)
    files["tokenize"].unlink()
    info = describe(model_dir=tmp_path, processors="tokenize,lemma")
    assert info["usable"] and info["pretokenized"] is True and "tokenize" not in info["models"]


def test_loose_model_files_are_taken_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")
    for name in ("en_small_tagger.pt", "en_dictonly_lemmatizer.pt", "en_small_parser.pt", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    assert stanza_backend.loose_model_files(tmp_path) == {
        "pos": str(tmp_path / "en_small_tagger.pt"),
        "lemma": str(tmp_path / "en_dictonly_lemmatizer.pt"),
        "depparse": str(tmp_path / "en_small_parser.pt"),
    }
    # the default pipeline runs without NER when no NER model is there; the rest is found
    info = StanzaParser(model_dir=tmp_path).describe()
    assert info["usable"] and info["pretokenized"] is True
    assert "ner" not in info["processors"] and set(info["models"]) == {"pos", "lemma", "depparse"}
    # NER asked for explicitly stays required
    _forbid_processing(monkeypatch)
    with pytest.raises(ParserUnavailableError, match="ner"):
        StanzaParser(model_dir=tmp_path, processors="tokenize,pos,lemma,depparse,ner").parse(["x"])
    # two candidate parsers: ambiguous, so none is taken
    (tmp_path / "en_big_parser.pt").write_bytes(b"")
    assert "depparse" not in stanza_backend.loose_model_files(tmp_path)


def test_stanza_not_installed_names_pip(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _forbid_processing(monkeypatch)
    monkeypatch.setattr(stanza_backend, "_stanza_importable", lambda: False)
    with pytest.raises(ParserUnavailableError, match=re.escape('pip install "geoevent[stanza]"')):
        StanzaParser(model_dir=tmp_path).parse(["x"])
    assert describe(model_dir=tmp_path)["stanza_importable"] is False


# -- (3) real compact models -----------------------------------------------------------------

TEXTS = ["Arnor attacked Gondor on Monday. Mordor condemned the strike.", "Rohan met Gondor."]


def _spans(text: str) -> list[list[tuple[int, int]]]:
    """A tiny stand-in tokenizer: words and punctuation, sentences end at . ! ?"""
    sents: list[list[tuple[int, int]]] = [[]]
    for m in re.finditer(r"\w+|[^\w\s]", text):
        sents[-1].append((m.start(), m.end()))
        if m.group() in ".!?":
            sents.append([])
    return [s for s in sents if s]


@pytest.fixture(scope="module")
def compact_parser() -> StanzaParser:
    if not MODELS.is_dir():
        pytest.skip(f"compact stanza models not found at {MODELS} (../shared is absent)")
    paths = {
        "pos": str(MODELS / "en_ewt_small_tagger.pt"),
        "lemma": str(MODELS / "en_ewt_dictonly_lemmatizer.pt"),
        "depparse": str(MODELS / "en_ewt_small_parser.pt"),
    }
    parser = StanzaParser(model_dir=MODELS, processors="tokenize,pos,lemma,depparse", model_paths=paths, use_gpu=False)
    parser.pipeline()
    return parser


def _check_parsed(table: pd.DataFrame, texts: list[str], ids: list[str]) -> pd.DataFrame:
    table = validate_token_table(table, where="stanza output")
    assert table["doc_id"].unique().tolist() == ids
    by_id = dict(zip(ids, texts))
    for doc_id, word, s, e in zip(table["doc_id"], table["text"], table["start_char"], table["end_char"]):
        assert by_id[doc_id][s:e] == word
    assert (table.groupby(["doc_id", "sent_idx"])["deprel"].apply(lambda r: (r == "root").sum()) == 1).all()
    assert set(table["upos"]) <= {
        "ADJ",
        "ADP",
        "ADV",
        "AUX",
        "CCONJ",
        "DET",
        "INTJ",
        "NOUN",
        "NUM",
        "PART",
        "PRON",
        "PROPN",
        "PUNCT",
        "SCONJ",
        "SYM",
        "VERB",
        "X",
    }
    return table


def test_compact_models_pretokenized_bulk(compact_parser: StanzaParser, monkeypatch: pytest.MonkeyPatch) -> None:
    assert compact_parser.pretokenized and compact_parser.describe()["usable"]
    pipe = compact_parser.pipeline()
    calls: list[int] = []
    real = pipe.bulk_process
    monkeypatch.setattr(pipe, "bulk_process", lambda docs, *a, **k: calls.append(len(docs)) or real(docs, *a, **k))
    texts = [*TEXTS, ""]
    table = compact_parser.parse_pretokenized(texts, [_spans(t) for t in texts], doc_ids=["a", "b", "empty"])
    assert calls == [2]  # one bulk call for all (non-empty) documents
    table = _check_parsed(table, TEXTS, ["a", "b"])
    assert table.groupby("doc_id")["sent_idx"].nunique().to_dict() == {"a": 2, "b": 1}
    assert len(table) == sum(len(s) for t in TEXTS for s in _spans(t))
    # a second parser with the same configuration reuses the cached pipeline
    again = StanzaParser(
        model_dir=compact_parser.model_dir,
        processors=compact_parser.processors,
        model_paths=compact_parser.model_paths,
        use_gpu=False,
    )
    assert again.pipeline() is pipe


def test_compact_models_with_geoevent_tokenizer(compact_parser: StanzaParser) -> None:
    table = compact_parser.parse(TEXTS, doc_ids=["a", "b"])
    _check_parsed(table, TEXTS, ["a", "b"])


def test_empty_resources_file_is_private_and_trusts_nothing_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old code trusted an existing geoevent-stanza-empty-resources.json in the shared temp
    folder and wrote a predictable .<pid>.tmp beside it (following a planted symlink)."""
    import os
    import stat
    import tempfile

    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    monkeypatch.setattr(stanza_backend, "_EMPTY_RESOURCES", None, raising=False)
    planted = shared / "geoevent-stanza-empty-resources.json"
    planted.write_text('{"en": {"alias": "evil"}}', encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (shared / f"geoevent-stanza-empty-resources.{os.getpid()}.tmp").symlink_to(victim)

    path = Path(stanza_backend._empty_resources_file())
    assert path != planted and path.read_text(encoding="utf-8") == "{}"
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert planted.read_text(encoding="utf-8") == '{"en": {"alias": "evil"}}'
    folder = path.parent
    assert folder.parent == shared and folder.name != "" and folder != shared
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # private to this user
    assert stanza_backend._empty_resources_file() == str(path)  # one per process
    path.unlink()  # a file removed behind our back is made again, in a new private folder
    again = Path(stanza_backend._empty_resources_file())
    assert again.read_text(encoding="utf-8") == "{}" and again.parent != shared


class _WhitespacePipeline:
    """A stand-in for a stanza pipeline with its own tokenizer: words split at spaces, one
    sentence per period; records the texts it was given."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def bulk_process(self, docs):  # stanza's interface
        from stanza.models.common.doc import Document

        out = []
        for doc in docs:
            self.texts.append(doc.text)
            sents: list[list[dict]] = [[]]
            for m in re.finditer(r"\S+", doc.text):
                k = len(sents[-1]) + 1
                sents[-1].append(
                    {
                        "id": (k,),
                        "text": m.group(),
                        "upos": "X",
                        "head": 0 if k == 1 else 1,
                        "deprel": "root" if k == 1 else "dep",
                        "misc": f"start_char={m.start()}|end_char={m.end()}",
                    }
                )
                if m.group().endswith("."):
                    sents.append([])
            out.append(Document([s for s in sents if s], text=doc.text))
        return out


@pytest.mark.parametrize("line_breaks, stretches", [("sentence", 3), ("auto", 2), ("space", 1)])
def test_stanza_tokenizer_gets_each_stretch_and_offsets_stay_the_documents(
    monkeypatch: pytest.MonkeyPatch, line_breaks: str, stretches: int
) -> None:
    parser = StanzaParser(model_dir="/nonexistent")
    pipe = _WhitespacePipeline()
    monkeypatch.setattr(parser, "pipeline", lambda: pipe)
    monkeypatch.setattr(
        parser, "_resolve", lambda: {"pretokenized": False, "found": {}, "missing": [], "explicit": False}
    )
    texts = ["Biden Approves ATACMS\nThe approval grants Kyiv\nthe missiles. Poland applauded.", "Rohan met Gondor."]
    table = parser.parse(texts, doc_ids=["a", "b"], line_breaks=line_breaks)
    assert len(pipe.texts) == stretches + 1
    by_id = dict(zip(["a", "b"], texts))
    for doc_id, word, s, e in zip(table["doc_id"], table["text"], table["start_char"], table["end_char"]):
        assert by_id[doc_id][s:e] == word
    sent = table.loc[table["doc_id"] == "a", "sent_idx"].drop_duplicates().tolist()
    assert sent == list(range(len(sent)))  # numbered across stretches
    assert len(sent) == {"sentence": 4, "auto": 3, "space": 2}[line_breaks]
