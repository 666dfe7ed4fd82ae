"""The token-table contract and the CoNLL-U reader."""

from __future__ import annotations

import pytest

import geoevent
from geoevent.errors import InputError, TokenTableError
from geoevent.parse.conllu import read_conllu, read_conllu_string
from geoevent.tokens import TOKEN_COLUMNS, empty_token_table, map_deprel, sentence_texts, validate_token_table
from tests.helpers import shared_path

CONLLU = """# newdoc id = news-1
# text = Russia attacked Ukraine.
1\tRussia\tRussia\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\tNER=S-GPE
2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tdobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# text = Kyiv wasn't hit by Moscow.
1\tKyiv\tKyiv\tPROPN\tNNP\t_\t4\tnsubjpass\t_\t_
2-3\twasn't\t_\t_\t_\t_\t_\t_\t_\t_
2\twas\tbe\tAUX\tVBD\t_\t4\tauxpass\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tneg\t_\t_
4\thit\thit\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
6\tMoscow\tMoscow\tPROPN\tNNP\t_\t4\tnmod\t_\t_
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

"""


def test_reader_yields_the_contract_and_maps_ud1_names():
    df = read_conllu_string(CONLLU)
    assert tuple(df.columns) == TOKEN_COLUMNS
    validate_token_table(df)
    assert df["doc_id"].unique().tolist() == ["news-1"]
    assert df["sent_idx"].tolist() == [0] * 4 + [1] * 7
    assert df["deprel"].tolist()[:4] == ["nsubj", "root", "obj", "punct"]
    # UD v1 on the second sentence: nsubjpass, auxpass, neg, nmod under a verb
    assert df["deprel"].tolist()[4:] == ["nsubj:pass", "aux:pass", "advmod", "root", "case", "obl", "punct"]
    assert df["ner"].iloc[0] == "S-GPE" and df["ner"].iloc[1] == "O"
    assert df["xpos"].iloc[0] == "NNP" and df["feats"].iloc[1] == ""


def test_offsets_slice_the_rebuilt_document_text():
    df = read_conllu_string(CONLLU)
    doc = "Russia attacked Ukraine. Kyiv wasn't hit by Moscow."
    for row in df.itertuples():
        assert doc[row.start_char : row.end_char] == row.text
    sents = sentence_texts(df)
    assert sents["text"].tolist() == ["Russia attacked Ukraine.", "Kyiv wasn't hit by Moscow."]


def test_no_text_comment_means_unknown_offsets():
    df = read_conllu_string("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n")
    assert df["start_char"].tolist() == [-1]
    assert sentence_texts(df)["text"].tolist() == ["Hi"]


@pytest.mark.parametrize(
    ("bad", "msg"),
    [
        ("1\tHi\thi\tINTJ\n", "10 tab-separated"),
        ("x\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n", "bad word id"),
        ("2\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n", "out of order"),
        ("1\tHi\thi\tINTJ\tUH\t_\tz\troot\t_\t_\n", "bad head"),
    ],
)
def test_malformed_conllu_names_the_line(bad, msg):
    with pytest.raises(InputError, match=rf"<conllu>:1: .*{msg}"):
        read_conllu_string(bad)


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_conllu(tmp_path / "nope.conllu")
    bad = tmp_path / "bad.conllu"
    bad.write_bytes(b"1\t\xff\t_\tX\t_\t_\t0\troot\t_\t_\n")
    with pytest.raises(InputError, match=r"bad\.conllu: not UTF-8"):
        read_conllu(bad)


def test_reads_the_ewt_test_set():
    df = read_conllu(shared_path("ud", "UD_English-EWT", "en_ewt-ud-test.conllu"))
    validate_token_table(df)
    assert len(df) > 20_000
    with_offsets = df.loc[df["start_char"] >= 0]
    assert len(with_offsets) / len(df) > 0.99


def test_validation_rejects_broken_tables():
    good = read_conllu_string(CONLLU)
    with pytest.raises(TokenTableError, match="missing columns"):
        validate_token_table(good.drop(columns=["deprel"]))
    bad = good.copy()
    bad.loc[0, "head"] = 99
    with pytest.raises(TokenTableError, match="out of range"):
        validate_token_table(bad)
    bad = good.copy()
    bad.loc[0, "head"] = bad.loc[0, "tok_idx"]
    with pytest.raises(TokenTableError, match="its own head"):
        validate_token_table(bad)
    bad = good.copy()
    bad.loc[0, "tok_idx"] = 0
    with pytest.raises(TokenTableError, match="1-based"):
        validate_token_table(bad)
    assert len(validate_token_table(empty_token_table())) == 0


def test_map_deprel():
    assert map_deprel("dobj") == "obj"
    assert map_deprel("nmod", "VERB") == "obl"
    assert map_deprel("nmod:tmod", "VERB") == "obl:tmod"
    assert map_deprel("nmod", "NOUN") == "nmod"
    assert map_deprel("nmod:poss", "VERB") == "nmod:poss"


def test_conllu_parsed_elsewhere_codes_directly(small_dicts):
    df = read_conllu_string(CONLLU)
    events = geoevent.code_tokens(df, dictionaries=small_dicts, dates={"news-1": "2024-11-17"})
    assert set(zip(events["source_code"], events["event_code"], events["target_code"])) == {("RUS", "190", "UKR")}


def test_write_then_read_round_trips_the_token_table():
    from geoevent.parse.conllu import write_conllu

    df = read_conllu_string(CONLLU)
    again = read_conllu_string(write_conllu(df), doc_id="ignored")
    import pandas as pd

    pd.testing.assert_frame_equal(df, again)
