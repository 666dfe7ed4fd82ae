"""Tests for the rule-based sentence splitter and tokenizer (geoevent.parse.tokenize)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoevent.parse.tokenize import MAX_SENT_WORDS, MAX_WORD_CHARS, tokenize

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def words(text: str) -> list[list[str]]:
    """Sentences as lists of word strings."""
    return [[text[s:e] for s, e in sent] for sent in tokenize(text)]


def flat(text: str) -> list[str]:
    return [w for sent in words(text) for w in sent]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. and the U.N. met.", ["The", "U.S.", "and", "the", "U.N.", "met", "."]),
        ("Gen. Smith and Mr. Jones", ["Gen.", "Smith", "and", "Mr.", "Jones"]),
        ("Resolution No. 5 passed", ["Resolution", "No.", "5", "passed"]),
        ("Biden’s move", ["Biden", "’s", "move"]),
        ("Russia's attacks", ["Russia", "'s", "attacks"]),
        ("They don't know", ["They", "do", "n't", "know"]),
        ("We can’t go", ["We", "ca", "n’t", "go"]),
        ("I cannot", ["I", "can", "not"]),
        ("up to 12,000 troops", ["up", "to", "12,000", "troops"]),
        ("aid exceeding $56 billion", ["aid", "exceeding", "$", "56", "billion"]),
        ("a 3.5% rise", ["a", "3.5", "%", "rise"]),
        ("U.S.-supplied missiles", ["U.S.-supplied", "missiles"]),
        ("the 1,000-day-old conflict", ["the", "1,000-day-old", "conflict"]),
        ("the Asia-Pacific summit", ["the", "Asia", "-", "Pacific", "summit"]),  # hyphens split as in EWT/GUM
        ("al-Qaeda e-mail counter-terrorism 646-2600", ["al", "-", "Qaeda", "e-mail", "counter-terrorism", "646-2600"]),
        ("allies' views", ["allies", "'", "views"]),
        ("O'Brien said", ["O'Brien", "said"]),
        ("(ATACMs),", ["(", "ATACMs", ")", ","]),
        ("“horrible,” he", ["“", "horrible", ",", "”", "he"]),
        ("‘fair peace’", ["‘", "fair", "peace", "’"]),
        ('"fair peace"', ['"', "fair", "peace", '"']),
        ("see http://example.com/a.html.", ["see", "http://example.com/a.html", "."]),
        ("entrenches the conflict – or not", ["entrenches", "the", "conflict", "–", "or", "not"]),
        ("after 9/11 AT&T sued", ["after", "9/11", "AT&T", "sued"]),
        ("see Space.com ***** now :)", ["see", "Space.com", "*****", "now", ":)"]),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert flat(text) == expected


@pytest.mark.parametrize(
    "text, n_sents",
    [
        ("He left. She stayed.", 2),
        ("Mr. Smith met Gen. Jones. They talked.", 2),
        ("The U.S. official spoke. Then he left.", 2),
        ("It was sent to the U.S. The decision followed.", 2),
        ('"Strikes are not made with words," he remarked. "The missiles will speak."', 2),
        ("Why? Because.", 2),
        ('"Why?" he asked.', 1),
        ("e.g. this is one sentence", 1),
        ("Trump’s election\nBiden’s decision comes later.", 2),
        ("Headline One\n\nBody text here.\nAnother line", 3),
        ("It ended. 2024 was hard.", 2),
        ("He said “no.” Next day he left.", 2),
        ("no i am not lying. i flew here last night.", 2),  # web text: lower-case sentence starts
        ("Is it over? maybe not.", 2),
        ("I think... maybe not.", 1),  # an ellipsis before a lower-case word
        ("The deal was approx. two billion.", 1),  # an abbreviation
    ],
)
def test_sentences(text: str, n_sents: int) -> None:
    assert len(tokenize(text)) == n_sents, words(text)


def test_closing_quote_stays_with_sentence() -> None:
    sents = words('He said "no." Then he left.')
    assert sents[0][-2:] == [".", '"']
    assert sents[1][0] == "Then"


def test_offsets_point_into_text() -> None:
    text = "  President Joe Biden has\tauthorized Ukraine’s army.\n\nNext line"
    for sent in tokenize(text):
        for s, e in sent:
            assert 0 <= s < e <= len(text)
            assert not text[s:e].isspace()
            assert text[s:e].strip() == text[s:e]
    spans = [span for sent in tokenize(text) for span in sent]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_seed_main_clauses() -> None:
    texts = sorted(SEEDS.glob("*.txt"))
    if not texts:
        pytest.skip("seeds/ not found")
    text = texts[0].read_text(encoding="utf-8")
    sents = words(text)
    assert sents[0][:5] == ["President", "Joe", "Biden", "has", "authorized"]
    assert "U.S.-supplied" in sents[0]
    assert sents[0][-1] == "."
    all_words = [w for s in sents for w in s]
    assert "’s" in all_words and "Biden" in all_words
    assert not any(w.endswith("’s") and w != "’s" for w in all_words)
    assert ["Trump", "’s", "election"] in sents  # headline without a period


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\x00\x01\x02", "\u200b\ufeff"])
def test_empty_like(text: str) -> None:
    assert tokenize(text) == []


def test_only_punctuation() -> None:
    sents = tokenize("?!... ,,, ;;")
    assert sents and all(sents)


def test_long_text_without_period_is_fast_and_capped() -> None:
    text = "word and more " * 8000  # ~112k chars, no period
    t0 = time.perf_counter()
    sents = tokenize(text)
    elapsed = time.perf_counter() - t0
    assert elapsed < 2.0
    assert sum(len(s) for s in sents) == 24000
    assert max(len(s) for s in sents) <= MAX_SENT_WORDS


def test_long_word_is_cut() -> None:
    text = "x" * 100_000
    t0 = time.perf_counter()
    sents = tokenize(text)
    assert time.perf_counter() - t0 < 2.0
    spans = [sp for s in sents for sp in s]
    assert all(e - s <= MAX_WORD_CHARS for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)


def test_mixed_scripts_and_control_characters() -> None:
    text = "Путин встретился с Си. 习近平会见了普京。\x07Biden\x00met Kim\u200bJong Un. مرحبا بالعالم"
    sents = tokenize(text)
    ws = [text[s:e] for sent in sents for s, e in sent]
    assert "Путин" in ws and "Biden" in ws and "met" in ws
    assert not any(c in w for w in ws for c in "\x00\x07\u200b")
    assert len(sents) >= 3


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_valid_spans(text: str) -> None:
    sents = tokenize(text)
    prev = 0
    for sent in sents:
        assert 0 < len(sent) <= MAX_SENT_WORDS
        for s, e in sent:
            assert prev <= s < e <= len(text)
            assert not any(c.isspace() for c in text[s:e])
            prev = e


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Biden", "’s", "U.S.", "12,000", "$", "-", ".", "\n", " ", "“", "”", "n't", "Gen."]),
        max_size=60,
    )
)
def test_pieces_roundtrip(pieces: list[str]) -> None:
    text = "".join(pieces)
    covered = "".join(text[s:e] for sent in tokenize(text) for s, e in sent)
    assert covered == "".join(c for c in text if not c.isspace())
