"""Generated parses (tests/strategies.py token_tables): the vectorized coder agrees with the
per-sentence oracle, and chunking does not change the events."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, example, given, settings

from geoevent.coder import code_tokens
from geoevent.rules import CodingRules
from geoevent.tokens import validate_token_table
from tests.helpers import sentence, small_dictionaries
from tests.oracle import code_tokens_baseline
from tests.strategies import token_tables

DICTS = small_dictionaries()
DATES = {"a": "2024-11-17", "b": "2022-06-01"}  # Biden: USAGOV on b, USAELI on a
CORE = CodingRules().core()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(token_tables())
def test_generated_tables_follow_the_token_contract(tokens: pd.DataFrame) -> None:
    checked = validate_token_table(tokens)
    assert (
        len(checked) == len(tokens)
        and (checked["head"] <= checked.groupby(["doc_id", "sent_idx"])["tok_idx"].transform("max")).all()
    )


#: a generated-style table known to code an event (RUS 190 UKR), so the property is not vacuous
CODED = pd.concat(
    [
        sentence("Russia/Russia/PROPN/2/nsubj attacked/attack/VERB/0/root Ukraine/Ukraine/PROPN/2/obj", doc_id="a"),
        sentence("Biden/Biden/PROPN/2/nsubj condemned/condemn/VERB/0/root Iran/Iran/PROPN/2/obj", doc_id="b"),
    ],
    ignore_index=True,
)


def test_the_known_table_codes_events() -> None:
    events = code_tokens(CODED, dictionaries=DICTS, dates=DATES, rules=CORE)
    assert events[["source_code", "event_code", "target_code"]].values.tolist() == [
        ["RUS", "190", "UKR"],
        ["USAGOV", "111", "IRN"],
    ]


@SETTINGS
@given(token_tables())
@example(CODED)
def test_vectorized_coder_agrees_with_the_oracle_on_generated_parses(tokens: pd.DataFrame) -> None:
    fast = code_tokens(tokens, dictionaries=DICTS, dates=DATES, rules=CORE)
    slow = code_tokens_baseline(tokens, dictionaries=DICTS, dates=DATES, rules=CORE)
    pd.testing.assert_frame_equal(fast, slow)


@SETTINGS
@given(token_tables())
@example(CODED)
def test_chunking_does_not_change_the_events(tokens: pd.DataFrame) -> None:
    whole = code_tokens(tokens, dictionaries=DICTS, dates=DATES)
    one_by_one = code_tokens(tokens, dictionaries=DICTS, dates=DATES, chunk_sentences=1)
    pd.testing.assert_frame_equal(whole, one_by_one)
