"""Text in, events out: the embedded parser, the built-in dictionaries and the coder together."""

from __future__ import annotations

import pytest

import geoevent

DATE = "2024-11-18"

HEADLINES = [
    ("UN Secretary-General Antonio Guterres condemned Russia.", {("IGOUNO", "condemn", "RUS")}),
    ("North Korea has deployed troops to aid Russia.", {("PRK", "deploy", "RUS"), ("PRK", "aid", "RUS")}),
    ("Russia launched a large-scale missile assault on Ukraine on Sunday.", {("RUS", "strike", "UKR")}),
    (
        "President Joe Biden has authorized Ukraine to strike Russia with American missiles.",
        {("USAGOV", "authorize", "UKR")},
    ),
    ("Zelenskyy struck a measured tone.", set()),
    ("Ukraine did not strike Russia.", set()),
]


@pytest.mark.parametrize(("text", "expected"), HEADLINES, ids=[h[0][:40] for h in HEADLINES])
def test_headlines(text: str, expected: set[tuple[str, str, str]]) -> None:
    events = geoevent.code(text, date=DATE)
    got = {(e.source.code, e.label, e.target.code if e.target else None) for e in events}
    assert got == expected


def test_actor_texts_are_sliced_from_the_document() -> None:
    text = "On Sunday, Russia’s army attacked Ukraine’s power grid."
    (event,) = [e for e in geoevent.code(text, date=DATE) if e.source.country == "RUS"]
    assert event.source.text == "Russia’s army"
    assert event.target is not None and event.target.text == "Ukraine’s power grid"
    assert text[slice(*event.target.span)] == event.target.text
    assert text[slice(*event.source.span)] == event.source.text


def test_a_failing_document_does_not_lose_the_others() -> None:
    import pandas as pd

    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["Russia attacked Ukraine.", None, "UN Secretary-General Antonio Guterres condemned Russia."],
            "date": [DATE, DATE, DATE],
        }
    )
    seen: list[str] = []
    events = geoevent.code_documents(docs, on_problem=lambda doc_id, exc: seen.append(doc_id))
    assert seen == ["b"] and [p[0] for p in events.attrs["problems"]] == ["b"]
    assert set(events["doc_id"]) == {"a", "c"}
    assert set(zip(events["doc_id"], events["label"])) == {("a", "attack"), ("c", "condemn")}


def test_coding_rules_reach_the_notebook_api() -> None:
    text = "Russia did not condemn Iran."
    assert geoevent.code(text, date=DATE) == []
    (event,) = geoevent.code(text, date=DATE, rules=geoevent.CodingRules(negation={"111": "051"}))
    assert (event.source.code, event.code, event.target.code) == ("RUS", "051", "IRN")
    promised = "Russia will attack Iran."
    assert {e.code for e in geoevent.code(promised, date=DATE)} == {"1384"}  # threaten a conventional attack
    assert {e.code for e in geoevent.code(promised, date=DATE, rules=geoevent.CodingRules(intent=False))} == {"190"}
