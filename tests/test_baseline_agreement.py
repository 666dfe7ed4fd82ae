"""The vectorized coder and the per-sentence oracle (tests/oracle.py) emit the same events."""

from __future__ import annotations

import pandas as pd

from geoevent.coder import code_tokens
from geoevent.rules import CodingRules
from tests.helpers import sentence
from tests.oracle import code_tokens_baseline
from tests.test_coder import SENTENCES

#: the oracle covers the core constructions: geoevent's additions are off on both sides
CORE = CodingRules().core()


def test_baseline_agrees_on_the_rule_sentences(small_dicts):
    tokens = pd.concat([sentence(spec, doc_id=name) for name, spec in SENTENCES.items()], ignore_index=True)
    dates = dict.fromkeys(SENTENCES, "2024-11-17")
    fast = code_tokens(tokens, dictionaries=small_dicts, dates=dates, rules=CORE)
    slow = code_tokens_baseline(tokens, dictionaries=small_dicts, dates=dates, rules=CORE)
    assert len(fast) > 10
    pd.testing.assert_frame_equal(fast, slow)


def test_baseline_agrees_with_a_negation_table(small_dicts):
    tokens = pd.concat([sentence(spec, doc_id=name) for name, spec in SENTENCES.items()], ignore_index=True)
    negation = {"111": "051", "190": "050"}
    rules = CodingRules(negation=negation).core()
    fast = code_tokens(tokens, dictionaries=small_dicts, dates={}, rules=rules)
    slow = code_tokens_baseline(tokens, dictionaries=small_dicts, dates={}, rules=rules)
    assert "051" in set(fast["event_code"])
    pd.testing.assert_frame_equal(fast, slow)


def test_baseline_agrees_without_required_targets(small_dicts):
    tokens = pd.concat([sentence(spec, doc_id=name) for name, spec in SENTENCES.items()], ignore_index=True)
    rules = CodingRules(require_target=False).core()
    fast = code_tokens(tokens, dictionaries=small_dicts, dates={}, rules=rules)
    slow = code_tokens_baseline(tokens, dictionaries=small_dicts, dates={}, rules=rules)
    pd.testing.assert_frame_equal(fast, slow)


def test_baseline_agrees_on_the_universalpetrarch_suite():
    from geoevent.dictionaries.petrarch import load_petrarch, load_pico_negation
    from geoevent.validation import load_upsuite
    from tests.helpers import shared_path

    suite = load_upsuite(shared_path("suites", "universalpetrarch", "PETR_Validate_records_2_02.xml"))
    d = load_petrarch(**suite.dictionary_kwargs())
    tokens = suite.scored_tokens()
    negation = load_pico_negation(
        shared_path("suites", "universalpetrarch", "PETR_Validate_Internal_Coding_Ontology_1_01.txt")
    )
    for rules in (
        CORE,
        CodingRules(intent=False, require_target=False).core(),
        CodingRules(intent=False, negation=negation).core(),
        CodingRules.petrarch(negation),
    ):
        fast = code_tokens(tokens, dictionaries=d, dates=suite.dates, rules=rules)
        slow = code_tokens_baseline(tokens, dictionaries=d, dates=suite.dates, rules=rules)
        assert len(fast) > 100
        pd.testing.assert_frame_equal(fast, slow)
