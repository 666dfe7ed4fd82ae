"""Gold evaluation: hand-made events against a small gold file, and the real seeds gold."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoevent.errors import InputError
from geoevent.evaluate import evaluate_gold, format_result, load_gold

SHARED = Path(__file__).resolve().parents[2] / "shared"

GOLD = {
    "about": "test gold",
    "documents": {
        "d1": {
            "required": [
                {"source": "USA", "roots": ["08", "05"], "target": "UKR"},
                {"source": "PRK", "roots": ["15", "07"], "target": "RUS"},
                {"source": "PRK", "roots": ["07"], "target": "RUS"},
            ],
            "optional": [
                {"source": "RUS", "roots": ["19"], "target": None},
                {"source": "USA", "roots": ["04"], "target": "KOR"},
            ],
        },
        "d2": {
            "required": [{"source": "RUS", "roots": ["19", "18"], "target": "UKR"}],
            "optional": [],
        },
    },
}


def write_gold(tmp_path: Path, gold: dict = GOLD) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def events(*triples: tuple[str, str | None, str, str | None]) -> pd.DataFrame:
    """Events from (doc, source country, event code, target country); root = code[:2]."""
    return pd.DataFrame(
        {
            "doc_id": [t[0] for t in triples],
            "source_country": [t[1] for t in triples],
            "event_code": [t[2] for t in triples],
            "event_root_code": [t[2][:2] for t in triples],
            "target_country": [t[3] for t in triples],
        },
        dtype=object,
    )


def test_hand_made_scores(tmp_path: Path) -> None:
    ev = events(
        ("d1", "USA", "081", "UKR"),  # required 1
        ("d1", "USA", "0811", "UKR"),  # same triple again: counted once
        ("d1", "USA", "051", "UKR"),  # also matches required 1: correct, but finds nothing new
        ("d1", "PRK", "154", "RUS"),  # required 2
        ("d1", "RUS", "190", ""),  # optional (empty target == null): ignored
        ("d1", "RUS", "190", "UKR"),  # no item: false
        ("d1", "USA", "040", "KOR"),  # optional
        ("d2", "UKR", "190", "RUS"),  # false
        ("d9", "USA", "010", None),  # document not in gold: not scored
    )
    r = evaluate_gold(ev, write_gold(tmp_path))
    d1, d2 = r.documents
    assert (d1.doc_id, d1.required, d1.found, d1.correct, d1.false, d1.ignored) == ("d1", 3, 2, 3, 1, 2)
    assert [str(i) for i in d1.missed] == ["PRK 07 RUS"]
    assert d1.false_triples == (("RUS", "19", "UKR"),)
    assert d1.precision == pytest.approx(3 / 4) and d1.recall == pytest.approx(2 / 3)
    assert d1.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert (d2.found, d2.correct, d2.false) == (0, 0, 1) and d2.precision == 0.0 and d2.f1 == 0.0
    assert (r.required, r.found, r.correct, r.false, r.ignored) == (4, 2, 3, 2, 2)
    assert r.precision == pytest.approx(3 / 5) and r.recall == pytest.approx(2 / 4)
    assert r.unscored_documents == ("d9",)
    text = format_result(r)
    assert "overall" in text and "missed  d1: PRK 07 RUS" in text and "false   d2: UKR 19 RUS" in text
    assert "0.600" in text and "0.500" in text


def test_one_triple_cannot_find_two_required_events(tmp_path: Path) -> None:
    # PRK 07 RUS fits both PRK items; one-to-one matching finds only one of them
    r = evaluate_gold(events(("d1", "PRK", "070", "RUS")), write_gold(tmp_path))
    assert r.documents[0].found == 1
    r = evaluate_gold(events(("d1", "PRK", "070", "RUS"), ("d1", "PRK", "154", "RUS")), write_gold(tmp_path))
    assert r.documents[0].found == 2 and [str(i) for i in r.documents[0].missed] == ["USA 08/05 UKR"]


def test_null_target_matches_only_missing_target(tmp_path: Path) -> None:
    gold = {"documents": {"d": {"required": [{"source": "RUS", "roots": ["19"], "target": None}]}}}
    path = write_gold(tmp_path, gold)
    assert evaluate_gold(events(("d", "RUS", "190", None)), path).recall == 1.0
    assert evaluate_gold(events(("d", "RUS", "190", float("nan"))), path).recall == 1.0
    r = evaluate_gold(events(("d", "RUS", "190", "UKR")), path)
    assert r.recall == 0.0 and r.false == 1


def test_no_events_and_empty_gold(tmp_path: Path) -> None:
    r = evaluate_gold(events(), write_gold(tmp_path))
    assert r.recall == 0.0 and r.precision is None and r.f1 is None
    assert "-" in format_result(r)
    r = evaluate_gold(events(("x", "USA", "010", None)), write_gold(tmp_path, {"documents": {}}))
    assert r.documents == () and r.recall is None and r.unscored_documents == ("x",)


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"docs": {}}', "'documents'"),
        ('{"documents": {"d": {"required": [{"source": "USA", "roots": "08", "target": null}]}}}', "roots"),
        ('{"documents": {"d": {"required": [{"roots": ["08"], "target": null}]}}}', "source"),
    ],
)
def test_bad_gold_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "g.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        load_gold(path)
    assert str(path) in str(err.value)
    with pytest.raises(InputError, match="no such file"):
        load_gold(tmp_path / "absent.json")


triple = st.tuples(
    st.sampled_from(["USA", "RUS", "UKR"]),
    st.sampled_from(["04", "08", "19"]),
    st.sampled_from(["USA", "RUS", "UKR", None]),
)


@settings(max_examples=50, deadline=None)
@given(required=st.lists(triple, max_size=4), optional=st.lists(triple, max_size=3), coded=st.lists(triple, max_size=6))
def test_score_invariants(tmp_path_factory: pytest.TempPathFactory, required, optional, coded) -> None:
    tmp = tmp_path_factory.mktemp("g")
    item = lambda t: {"source": t[0], "roots": [t[1]], "target": t[2]}  # noqa: E731
    path = write_gold(
        tmp, {"documents": {"d": {"required": [item(t) for t in required], "optional": [item(t) for t in optional]}}}
    )
    r = evaluate_gold(events(*[("d", s, root + "0", t) for s, root, t in coded]), path)
    d = r.documents[0]
    distinct = set(coded)
    assert d.correct + d.false + d.ignored == len(distinct)
    assert d.found <= min(len(required), len(distinct))
    # single-root items: each distinct coded triple finds at most one item, and only one equal to it
    assert d.found == len(distinct & set(required))
    assert d.correct == len(distinct & set(required))
    for value in (d.precision, d.recall, d.f1):
        assert value is None or 0.0 <= value <= 1.0
    if required and distinct >= set(required) and len(set(required)) == len(required):
        assert d.recall == 1.0
    if d.precision is not None and d.recall is not None and d.precision + d.recall > 0:
        assert math.isclose(d.f1, 2 * d.precision * d.recall / (d.precision + d.recall))


def test_real_gold_file_loads_and_scores_perfect_events() -> None:
    gold_path = SHARED / "gold" / "seeds_gold.json"
    if not gold_path.exists():
        pytest.skip(f"needs {gold_path} (the shared data folder beside the project), which is absent here")
    gold = load_gold(gold_path)
    assert set(gold) == {"000_0079755abb901c0b.txt", "003_81d9e8b6b734cc10.txt"}
    # one coded triple per required item, each with a distinct acceptable root, recalls everything
    rows = []
    for doc_id, (required, _optional) in gold.items():
        used: set[tuple[str, str, str | None]] = set()
        for item in required:
            root = next(r for r in item.roots if (item.source, r, item.target) not in used)
            used.add((item.source, root, item.target))
            rows.append((doc_id, item.source, root + "0", item.target))
    r = evaluate_gold(events(*rows), gold_path)
    assert r.recall == 1.0 and r.precision == 1.0 and r.required == len(rows)
    # dropping one event lowers recall by one item
    r2 = evaluate_gold(events(*rows[1:]), gold_path)
    assert r2.found == r.found - 1
