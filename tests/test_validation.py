"""The UniversalPETRARCH suite loader and the scorer (counting as upstream validation.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from geoevent.errors import InputError
from geoevent.validation import load_upsuite, score
from tests.helpers import shared_path

PARSE = (
    "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tdobj\t_\t_\n"
)


def record(
    rid: str,
    category: str,
    codings: list[str],
    *,
    evaluate: str = "true",
    date: str = "19950101",
    text: str = "Arnor attacked Gondor.",
) -> str:
    lines = [f'<Sentence category="{category}" date="{date}" id="{rid}" evaluate="{evaluate}">', "<!-- a comment -->"]
    lines += codings
    lines += ["<Text>", text, "</Text>", "<Parse>", PARSE + "</Parse></Sentence>", ""]
    return "\n".join(lines)


def ev(code: str, src: str, tgt: str) -> str:
    return f'<EventCoding eventcode="{code}" sourcecode="{src}" targetcode="{tgt}" />'


NOEV = '<EventCoding noevents="True" />'


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    body = "\n".join(
        [
            record("A-1", "DEMO", [ev("190", "ARN", "GON")]),
            record("A-2", "DEMO", [ev("190", "ARN", "GON"), ev("111", "GON", "ARN")]),
            record("B-1", "VERB", [NOEV]),
            record("B-2", "VERB", [NOEV]),
            record("C-1", "VERB", [ev("190", "ARN", "GON")], evaluate="false"),
            record("D-1", "PARSING", [ev("190", "ARN", "GON")]),
            record("A-1", "DEMO", [ev("042", "ARN", "GON")], date="19950102"),
        ]
    )
    text = (
        "<Validation>\n<Environment>\n    <Verbfile>v.txt</Verbfile>\n    <Actorfile>a1.txt,a2.txt</Actorfile>\n"
        "    <Agentfile>g.txt</Agentfile>\n    <Discardfile>d.txt</Discardfile>\n"
        "    <Include>DEMO VERB </Include>\n</Environment>\n<Sentences>\n" + body + "\n</Sentences>\n</Validation>\n"
    )
    p = tmp_path / "suite.xml"
    p.write_text(text, encoding="utf-8")
    return p


def events(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"doc_id": d, "sentence_idx": 0, "event_code": c, "source_code": s, "target_code": t} for d, c, s, t in rows],
        columns=["doc_id", "sentence_idx", "source_code", "target_code", "event_code"],
    )


def totals(result) -> dict:
    return result.per_category.set_index("category").loc["Total"].to_dict()


def test_mini_suite_loads(mini):
    s = load_upsuite(mini)
    assert s.records["doc_id"].tolist() == ["A-1", "A-2", "B-1", "B-2", "C-1", "D-1", "A-1#2"]
    assert s.scored_ids == ["A-1", "A-2", "B-1", "B-2", "A-1#2"]
    assert s.include == ("DEMO", "VERB")
    assert s.dates["A-1#2"] == dt.date(1995, 1, 2)
    assert s.dictionary_files["actors"] == (mini.parent / "a1.txt", mini.parent / "a2.txt")
    assert s.tokens.groupby("doc_id")["sent_idx"].max().eq(0).all()
    assert len(s.tokens) == 3 * 7
    assert s.tokens.loc[s.tokens["text"] == "attacked", "deprel"].iloc[0] == "root"
    assert s.tokens.loc[s.tokens["text"] == "Gondor", "deprel"].iloc[0] == "obj"  # UD v1 dobj mapped
    assert s.records.set_index("doc_id").loc["A-1", "text"] == "Arnor attacked Gondor."
    exp = s.expected
    assert exp["noevents"].sum() == 2 and len(exp) == 8


def test_perfect(mini):
    s = load_upsuite(mini)
    r = score(
        s,
        events(
            [
                ("A-1", "190", "ARN", "GON"),
                ("A-2", "190", "ARN", "GON"),
                ("A-2", "111", "GON", "ARN"),
                ("A-1#2", "042", "ARN", "GON"),
            ]
        ),
    )
    t = totals(r)
    # B-1 and B-2 expect no events and get none: one correct each
    assert (t["records"], t["correct"], t["uncoded"], t["extra"], t["null"]) == (5, 6, 0, 0, 0)
    assert r.found_pct == 100.0 and r.extra_pct == 0.0


def test_missing_and_extra(mini):
    s = load_upsuite(mini)
    r = score(
        s,
        events(
            [
                ("A-1", "190", "ARN", "GON"),
                ("A-2", "190", "ARN", "GON"),  # 111 GON ARN missing
                ("A-2", "190", "GON", "ARN"),  # wrong direction: extra
                ("B-1", "010", "ARN", "GON"),  # expected no events: extra, and the noevents is uncoded
                ("C-1", "010", "ARN", "GON"),  # not scored
                ("D-1", "010", "ARN", "GON"),  # category not included
            ]
        ),
    )
    t = totals(r)
    assert (t["records"], t["correct"], t["uncoded"], t["extra"]) == (5, 3, 3, 2)
    assert r.found_pct == pytest.approx(50.0)
    assert r.extra_pct == pytest.approx(40.0)
    demo = r.per_category.set_index("category").loc["DEMO"]
    assert (demo["records"], demo["correct"], demo["uncoded"], demo["extra"]) == (3, 2, 2, 1)
    rec = r.per_record.set_index("doc_id")
    assert rec.loc["B-1", "extra"] == 1 and rec.loc["B-1", "uncoded"] == 1 and rec.loc["B-2", "correct"] == 1
    assert r.per_category["category"].tolist() == ["DEMO", "VERB", "Total"]


def test_null_events(mini):
    s = load_upsuite(mini)
    rows = [("A-1", "190", "---", "GON"), ("A-2", "190", "ARN", None), ("B-1", "---", "ARN", "GON")]
    t = totals(score(s, events(rows)))
    # null events are neither correct nor extra; B-1 had only a null event, so its noevents is not found
    assert (t["correct"], t["extra"], t["null"], t["uncoded"]) == (1, 0, 3, 5)
    t2 = totals(score(s, events(rows), null_rule="code"))
    assert (t2["null"], t2["extra"]) == (1, 2)
    # the coder's own dtypes: string[pyarrow] with pd.NA for a missing target
    typed = events(rows).astype(
        dict.fromkeys(("doc_id", "source_code", "target_code", "event_code"), "string[pyarrow]")
    )
    assert totals(score(s, typed, null_rule="code")) == t2 and totals(score(s, typed)) == t


def test_duplicates_count_twice_unless_deduped(mini):
    s = load_upsuite(mini)
    rows = [("A-1", "190", "ARN", "GON"), ("A-1", "190", "ARN", "GON")]
    r = score(s, events(rows))
    assert r.per_record.set_index("doc_id").loc["A-1", "correct"] == 2 and r.duplicate_events == 1
    r2 = score(s, events(rows), dedupe=True)
    assert r2.per_record.set_index("doc_id").loc["A-1", "correct"] == 1


def test_table_and_bad_input(mini):
    s = load_upsuite(mini)
    r = score(s, events([("A-1", "190", "ARN", "GON")]))
    assert "Total" in r.table() and "DEMO" in r.table()
    with pytest.raises(InputError, match="event_code"):
        score(s, pd.DataFrame({"doc_id": [], "source_code": [], "target_code": []}))
    with pytest.raises(InputError, match="no such file"):
        load_upsuite(mini.parent / "absent.xml")


def test_real_suite_loads():
    path = shared_path("suites", "universalpetrarch", "PETR_Validate_records_2_02.xml")
    s = load_upsuite(path)
    assert len(s.records) == 274  # the file has 274 <Sentence> records (the 275th match is a comment)
    assert s.records["doc_id"].is_unique and "DEMO-32#2" in set(s.records["doc_id"])
    assert s.tokens["doc_id"].nunique() == 274
    assert int(s.records["scored"].sum()) == 245
    assert s.expected["doc_id"].isin(s.records["doc_id"]).all()
    assert int(s.expected["noevents"].sum()) == 20
    demo1 = s.expected[s.expected["doc_id"] == "DEMO-01"].iloc[0]
    assert (demo1["event_code"], demo1["source_code"], demo1["target_code"]) == ("050", "ARN", "GON")
    assert s.dates["DEMO-01"] == dt.date(1995, 1, 1)
    for key in ("verbs", "agents", "discards"):
        assert Path(s.dictionary_files[key]).exists()
    # upstream's reader merges PATTERN-20 and PATTERN-21 (244 scored records)
    up = load_upsuite(path, mimic_upstream=True)
    assert len(up.records) == 273 and int(up.records["scored"].sum()) == 244
    # the expected events themselves score 100% found, except those with a null ("---") code
    exp = s.expected[~s.expected["noevents"]].assign(sentence_idx=0)
    r = score(s, exp)
    nulls = int(
        exp.loc[exp["doc_id"].isin(s.scored_ids), ["event_code", "source_code", "target_code"]]
        .apply(lambda c: c.str.startswith("---"))
        .any(axis=1)
        .sum()
    )
    assert r.per_category.set_index("category").loc["Total", "uncoded"] == nulls
