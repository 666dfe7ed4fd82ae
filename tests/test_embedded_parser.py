"""Tests for the embedded default parser (geoevent.parse.embedded)."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

from geoevent.errors import ParserUnavailableError
from geoevent.parse import embedded
from geoevent.parse.embedded import EmbeddedParser
from geoevent.tokens import TOKEN_COLUMNS, validate_token_table

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

needs_weights = pytest.mark.skipif(
    not embedded.describe()["present"],
    reason=f"embedded parser weights not built; run: {embedded.TRAIN_COMMAND}",
)


@pytest.fixture(scope="module")
def parser() -> EmbeddedParser:
    if not embedded.describe()["present"]:
        pytest.skip(f"embedded parser weights not built; run: {embedded.TRAIN_COMMAND}")
    return embedded.get_parser()


def sentence_of(table: pd.DataFrame, word: str) -> pd.DataFrame:
    """The rows of the first sentence containing ``word``."""
    hit = table.loc[table["text"] == word].iloc[0]
    return table[(table["doc_id"] == hit["doc_id"]) & (table["sent_idx"] == hit["sent_idx"])]


def rel(sent: pd.DataFrame, word: str) -> tuple[str, str]:
    """(deprel, head word) of the first occurrence of ``word`` in the sentence."""
    row = sent.loc[sent["text"] == word].iloc[0]
    head = sent.loc[sent["tok_idx"] == row["head"], "text"]
    return row["deprel"], (head.iloc[0] if len(head) else "ROOT")


def name_rel(sent: pd.DataFrame, word: str) -> tuple[str, str]:
    """(deprel, head word) of the name phrase containing ``word``: climbs flat/compound links,
    since UD heads "Joe Biden" on "Joe" and "North Korea" on "Korea"."""
    row = sent.loc[sent["text"] == word].iloc[0]
    for _ in range(len(sent)):
        if row["deprel"].split(":")[0] not in ("flat", "compound") or row["head"] == 0:
            break
        row = sent.loc[sent["tok_idx"] == row["head"]].iloc[0]
    head = sent.loc[sent["tok_idx"] == row["head"], "text"]
    return row["deprel"], (head.iloc[0] if len(head) else "ROOT")


def test_missing_weights_raise_with_path_and_command(tmp_path: Path) -> None:
    p = EmbeddedParser(model_dir=tmp_path)
    with pytest.raises(ParserUnavailableError) as info:
        p.parse(["Biden authorized Ukraine."])
    msg = str(info.value)
    assert str(tmp_path) in msg and "geoevent.parse.train" in msg


def test_get_parser_is_cached(parser: EmbeddedParser) -> None:
    assert embedded.get_parser() is parser
    assert parser.name == "embedded"


def test_table_contract(parser: EmbeddedParser) -> None:
    texts = ["President Joe Biden has authorized Ukraine to strike. Russia responded.", "", "Kyiv’s forces advanced."]
    table = parser.parse(texts, doc_ids=["a", "b", "c"])
    assert list(table.columns) == list(TOKEN_COLUMNS)
    validate_token_table(table)
    assert list(dict.fromkeys(table["doc_id"])) == ["a", "c"]
    a = table[table["doc_id"] == "a"]
    assert sorted(set(a["sent_idx"])) == [0, 1]
    for (doc, _s), part in table.groupby(["doc_id", "sent_idx"], sort=False):
        assert part["tok_idx"].tolist() == list(range(1, len(part) + 1))
        assert (part["head"] == 0).sum() >= 1
        text = texts[["a", "b", "c"].index(doc)]
        for w, s, e in zip(part["text"], part["start_char"], part["end_char"]):
            assert text[s:e] == w
    assert set(table["ner"]) == {"O"}
    assert table["deprel"].isin(["nsubj", "obj", "root", "punct"]).any()
    c = table[table["doc_id"] == "c"]
    assert c["text"].tolist()[:2] == ["Kyiv", "’s"]
    assert c["upos"].iloc[0] == "PROPN"
    assert c["lemma"].tolist()[c["text"].tolist().index("forces")] == "force"


def test_default_doc_ids(parser: EmbeddedParser) -> None:
    table = parser.parse(["One sentence.", "Another one."])
    assert list(dict.fromkeys(table["doc_id"])) == ["0", "1"]


def test_seed_main_clauses(parser: EmbeddedParser) -> None:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip("seeds/ not found")
    table = parser.parse([f.read_text(encoding="utf-8") for f in files], doc_ids=[f.stem for f in files])
    validate_token_table(table)
    first = table[table["doc_id"] == files[0].stem]
    s = sentence_of(first, "authorized")
    assert name_rel(s, "Biden") == ("nsubj", "authorized")
    assert rel(s, "Ukraine") == ("obj", "authorized")
    s = sentence_of(first, "deployed")
    assert name_rel(s, "Korea") == ("nsubj", "deployed")
    assert name_rel(s, "North") == ("nsubj", "deployed")
    s = sentence_of(first, "supplied")
    assert name_rel(s, "Korea") == ("nsubj", "supplied")
    assert rel(s, "munitions") == ("obj", "supplied")


def test_seed_deployed_troops(parser: EmbeddedParser) -> None:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip("seeds/ not found")
    table = parser.parse([files[0].read_text(encoding="utf-8")])
    s = sentence_of(table, "deployed")
    assert rel(s, "Korea")[1] == "deployed"
    assert rel(s, "troops") == ("obj", "deployed")


@pytest.mark.parametrize(
    "text, expected",
    [
        # active
        (
            "Russian forces attacked the city of Kharkiv on Monday.",
            {"forces": ("nsubj", "attacked"), "city": ("obj", "attacked")},
        ),
        (
            "Israel accused Iran of supporting the militants.",
            {"Israel": ("nsubj", "accused"), "Iran": ("obj", "accused")},
        ),
        # passive with "by"
        (
            "The embassy was attacked by protesters.",
            {
                "embassy": ("nsubj:pass", "attacked"),
                "protesters": ("obl:agent", "attacked"),
                "was": ("aux:pass", "attacked"),
            },
        ),
        (
            "Two soldiers were killed by a roadside bomb in Kandahar.",
            {"soldiers": ("nsubj:pass", "killed"), "bomb": ("obl:agent", "killed")},
        ),
        # coordination
        (
            "Egypt and Jordan condemned the attack.",
            {"Egypt": ("nsubj", "condemned"), "Jordan": ("conj", "Egypt"), "attack": ("obj", "condemned")},
        ),
        (
            "The president condemned the attack and called for calm.",
            {"president": ("nsubj", "condemned"), "called": ("conj", "condemned")},
        ),
        # negation
        (
            "China did not recognize the government.",
            {"not": ("advmod", "recognize"), "China": ("nsubj", "recognize"), "government": ("obj", "recognize")},
        ),
    ],
)
def test_news_sentences(parser: EmbeddedParser, text: str, expected: dict[str, tuple[str, str]]) -> None:
    table = parser.parse([text])
    assert table["sent_idx"].nunique() == 1
    for word, want in expected.items():
        assert rel(table, word) == want, (word, table[["text", "upos", "head", "deprel"]].to_string())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "?!...,;:",
        "\x00\x01\x02 Biden\x07 met \x1b Putin\u200b.",
        "Путин встретился с Си. 习近平会见了普京。 مرحبا بالعالم Biden spoke.",
        "word " * 20000,
        "x" * 100_000,
        "$$$ ### %%% @@@ &&& ***",
    ],
    ids=["empty", "spaces", "punct", "control", "scripts", "long-sentence", "long-word", "symbols"],
)
def test_malformed_input_gives_valid_table(parser: EmbeddedParser, text: str) -> None:
    t0 = time.perf_counter()
    table = parser.parse([text], doc_ids=["bad"])
    assert time.perf_counter() - t0 < 20.0
    table = validate_token_table(table, where="malformed input")
    if not text.strip(" \n\t\x00\x01\x02\x07\x1b\u200b"):
        assert len(table) == 0
    else:
        assert len(table) > 0
        assert set(table["doc_id"]) == {"bad"}
        for (_d, _s), part in table.groupby(["doc_id", "sent_idx"]):
            assert len(part) <= 250
            assert (part["head"] == 0).sum() >= 1
            assert (part["head"] <= len(part)).all()
        assert ((table["end_char"] > table["start_char"]) & (table["end_char"] <= len(text))).all()


def test_lemmatizer_lexicon_then_rules() -> None:
    lem = embedded.Lemmatizer(
        {("forces", "NOUN"): "force", ("'s", "PART"): "'s", ("was", "AUX"): "be"},
        {("VERB", "ied"): (3, "y"), ("VERB", "ed"): (2, ""), ("NOUN", "s"): (1, "")},
    )
    assert lem("forces", "NOUN") == "force"
    assert lem("Forces", "NOUN") == "force"  # lower-cased lookup
    assert lem("’s", "PART") == "'s"  # curly apostrophe normalised
    assert lem("Was", "AUX") == "be"
    assert lem("supplied", "VERB") == "supply"  # longest suffix rule wins
    assert lem("deployed", "VERB") == "deploy"
    assert lem("missiles", "NOUN") == "missile"
    assert lem("Biden", "PROPN") == "Biden"  # proper nouns keep their form
    assert lem("Running", "ADV") == "running"  # no rule: lower-cased form


def test_lemmatizer_guesses_unseen_inflections() -> None:
    """Verbs the treebanks never showed still get their dictionary lemma (verb patterns key on it)."""
    lem = embedded.Lemmatizer({("opened", "VERB"): "open", ("fines", "VERB"): "fine"}, {("VERB", "s"): (1, "")})
    assert lem("condemned", "VERB") == "condemn"
    assert lem("shelled", "VERB") == "shell"
    assert lem("stabbed", "VERB") == "stab"
    assert lem("carried", "VERB") == "carry"
    assert lem("seized", "VERB") == "seize"
    assert lem("massing", "VERB") == "mass"
    assert lem("fined", "VERB") == "fine"  # the known lemma beats the first guess ("fin")
    assert lem("sanctions", "NOUN") == "sanction"


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("beaten", "beat"),
        ("slain", "slay"),
        ("fled", "flee"),
        ("overthrew", "overthrow"),
        ("withheld", "withhold"),
        ("stoned", "stone"),
        ("lambasted", "lambaste"),
        ("repelled", "repel"),
        ("forbidden", "forbid"),
    ],
)
def test_lemmatizer_knows_english_verb_forms_the_treebanks_lack(form: str, lemma: str) -> None:
    """Irregular and doubled verb forms come from lemminflect's verb lexicon, before the suffix rules."""
    lem = embedded.Lemmatizer({}, {("VERB", "ed"): (2, ""), ("VERB", "en"): (2, "")})
    assert lem(form, "VERB") == lemma


def test_embedded_parser_lemmatizes_condemned() -> None:
    from geoevent.parse.embedded import get_parser

    t = get_parser().parse(["UN Secretary-General Antonio Guterres condemned Russia."])
    assert t.loc[t["text"] == "condemned", "lemma"].tolist() == ["condemn"]


def test_restore_main_verb_repairs_a_participle_read_as_a_modifier() -> None:
    # "Georgian police arrested opposition leaders ." as greedy decoding left it
    rows = [
        ("georgian", "ADJ", "JJ", "", 2, "amod"),
        ("police", "NOUN", "NN", "", 5, "compound"),
        ("arrest", "VERB", "VBN", "", 5, "amod"),
        ("opposition", "NOUN", "NN", "", 5, "compound"),
        ("leader", "NOUN", "NNS", "", 0, "root"),
        (".", "PUNCT", ".", "", 5, "punct"),
    ]
    fixed = embedded._restore_main_verb(rows)
    assert [(r[4], r[5]) for r in fixed] == [
        (2, "amod"),
        (3, "nsubj"),
        (0, "root"),
        (5, "compound"),
        (3, "obj"),
        (3, "punct"),
    ]
    assert fixed[2][2] == "VBD"


def test_restore_main_verb_leaves_real_noun_phrases_and_finite_clauses_alone() -> None:
    # "the arrested leaders ." (a determiner, not a nominal, before the participle)
    np_rows = [
        ("the", "DET", "DT", "", 3, "det"),
        ("arrest", "VERB", "VBN", "", 3, "amod"),
        ("leader", "NOUN", "NNS", "", 0, "root"),
        (".", "PUNCT", ".", "", 3, "punct"),
    ]
    assert embedded._restore_main_verb(np_rows) == np_rows
    # a finite verb elsewhere: the parse is left as it is
    finite = [
        ("police", "NOUN", "NN", "", 3, "compound"),
        ("arrest", "VERB", "VBN", "", 3, "amod"),
        ("leader", "NOUN", "NNS", "", 0, "root"),
        ("say", "VERB", "VBD", "", 3, "acl"),
        (".", "PUNCT", ".", "", 3, "punct"),
    ]
    assert embedded._restore_main_verb(finite) == finite


def test_up_to_quantity_makes_the_counted_noun_the_object() -> None:
    # "deployed up to 12,000 troops" with "up" a particle and "troops" an oblique
    rows = [
        ("deploy", "VERB", "VBD", "", 0, "root"),
        ("up", "ADP", "RP", "", 1, "compound:prt"),
        ("to", "ADP", "IN", "", 5, "case"),
        ("12,000", "NUM", "CD", "", 5, "nummod"),
        ("troops", "NOUN", "NNS", "", 1, "obl"),
    ]
    fixed = embedded._up_to_quantity(rows)
    assert [(r[4], r[5]) for r in fixed] == [(0, "root"), (4, "advmod"), (2, "fixed"), (5, "nummod"), (1, "obj")]
    # "gave up to Russia" (no number): untouched
    plain = [rows[0], rows[1], ("to", "ADP", "IN", "", 4, "case"), ("Russia", "PROPN", "NNP", "", 1, "obl")]
    assert embedded._up_to_quantity(plain) == plain


def test_name_as_subject_repairs_an_unknown_name_read_as_an_interjection() -> None:
    rows = [
        ("hezbollah", "INTJ", "UH", "", 2, "discourse"),
        ("fire", "VERB", "VBD", "", 0, "root"),
        ("rocket", "NOUN", "NNS", "", 2, "obj"),
    ]
    fixed = embedded._name_as_subject(rows, ["Hezbollah", "fired", "rockets"])
    assert fixed[0] == ("Hezbollah", "PROPN", "NNP", "Number=Sing", 2, "nsubj")
    assert fixed[1:] == rows[1:]
    # a real interjection in lower case, or a verb that has its subject, is left alone
    assert embedded._name_as_subject(rows, ["well", "fired", "rockets"]) == rows
    # a capitalized word the treebanks know as an interjection stays one
    assert embedded._name_as_subject(rows, ["Thanks", "fired", "rockets"], {("thanks", "INTJ"): "thanks"}) == rows
    with_subject = [rows[0], rows[1], ("they", "PRON", "PRP", "", 2, "nsubj")]
    assert embedded._name_as_subject(with_subject, ["Hezbollah", "fired", "they"]) == with_subject
    # hung on a noun ("fired" read as a modifier of "rockets"): a compound name, then the clause is restored
    on_noun = [
        ("hezbollah", "INTJ", "UH", "", 3, "discourse"),
        ("fire", "VERB", "VBN", "", 3, "amod"),
        ("rocket", "NOUN", "NNS", "", 0, "root"),
    ]
    named = embedded._name_as_subject(on_noun, ["Hezbollah", "fired", "rockets"])
    assert named[0] == ("Hezbollah", "PROPN", "NNP", "Number=Sing", 3, "compound")
    assert [(r[4], r[5]) for r in embedded._restore_main_verb(named)] == [(2, "nsubj"), (0, "root"), (2, "obj")]
