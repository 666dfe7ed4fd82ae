"""Corpus readers (good and bad input) and the atomic events writer with its metadata."""

from __future__ import annotations

import csv
import datetime as dt
import json
import string
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import geoevent.io as gio
from geoevent.errors import InputError
from geoevent.io import CorpusWarning, events_to_arrow, read_corpus, read_events, write_events
from geoevent.schema import EVENT_COLUMNS, EVENT_SCHEMA, METADATA_KEYS

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2024, 11, 17)
META = {
    "geoevent_version": "0.1.0",
    "codebook_version": "cb-1",
    "dictionary_fingerprint": "abc123",
    "parser": "embedded",
    "coding_rules": "{}",
}


# --------------------------------------------------------------------------------------------
# helpers


def event_row(i: int = 0, **over: object) -> dict[str, object]:
    """One valid events-table row; ``over`` replaces fields."""
    row: dict[str, object] = {
        "event_id": f"e{i}",
        "doc_id": f"doc{i % 3}",
        "sentence_idx": i,
        "event_date": DAY,
        "source_code": "USAGOV",
        "source_country": "USA",
        "source_agent": "GOV",
        "source_text": "Joe Biden",
        "source_start": 10,
        "source_end": 19,
        "target_code": "UKR",
        "target_country": "UKR",
        "target_agent": None,
        "target_text": "Ukraine",
        "target_start": 40,
        "target_end": 47,
        "event_code": "081",
        "event_base_code": "081",
        "event_root_code": "08",
        "label": "authorize",
        "quad_class": 2,
        "goldstein": 5.0,
        "plover_type": "CONCEDE",
        "verb_text": "authorized",
        "verb_start": 24,
        "verb_end": 34,
        "pattern_id": "v:1",
        "source_entry_id": "a:1",
        "target_entry_id": "a:2",
        "sentence_text": "President Joe Biden has authorized Ukraine.",
        "parser": "embedded",
    }
    row.update(over)
    return row


def events_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


def read_quiet(paths, **kw) -> tuple[pd.DataFrame, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = read_corpus(paths, **kw)
    return df, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


# --------------------------------------------------------------------------------------------
# read_corpus: good input


def test_txt_files_and_folder(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First text.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("\ufeffWith a BOM.", encoding="utf-8")
    df = read_corpus([tmp_path / "a.txt"], default_date=DAY)
    assert df["doc_id"].tolist() == ["a.txt"] and df["date"].tolist() == [DAY]
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("Third.", encoding="utf-8")
    df = read_corpus([sub, single])
    assert df["doc_id"].tolist() == ["c.txt", "single.txt"]
    assert df["text"].tolist() == ["Third.", "With a BOM."]
    assert df["date"].tolist() == [None, None]
    assert list(df.columns) == ["doc_id", "text", "date"]
    assert all(df[c].dtype == object for c in df.columns)


def test_seed_folder_doc_ids_are_file_names() -> None:
    df = read_corpus([ROOT / "seeds"], default_date=DAY)
    assert sorted(df["doc_id"]) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert all(len(t) > 100 for t in df["text"])


def test_jsonl_csv_parquet_with_dates(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "j1", "date": "2024-01-02", "text": "J one"})
        + "\n\n"
        + json.dumps({"id": 7, "date": "", "text": "J two"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "c.csv").write_text(
        'id,date,text\n007,2023-05-06,"multi\nline, with comma"\nc2,,plain\n', encoding="utf-8"
    )
    pq.write_table(
        pa.table(
            {"id": ["p1", "p2"], "text": ["P one", "P two"], "date": pa.array([dt.date(2022, 3, 4), None], pa.date32())}
        ),
        tmp_path / "c.parquet",
    )
    df, warned = read_quiet([tmp_path / "c.jsonl", tmp_path / "c.csv", tmp_path / "c.parquet"], default_date=DAY)
    assert warned == []
    got = dict(zip(df["doc_id"], zip(df["text"], df["date"])))
    assert got == {
        "j1": ("J one", dt.date(2024, 1, 2)),
        "7": ("J two", DAY),
        "007": ("multi\nline, with comma", dt.date(2023, 5, 6)),
        "c2": ("plain", DAY),
        "p1": ("P one", dt.date(2022, 3, 4)),
        "p2": ("P two", DAY),
    }
    assert df.attrs["problems"] == []


def test_date_column_is_optional(tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("text,id\nhello,x\n", encoding="utf-8")
    df = read_corpus([tmp_path / "n.csv"], default_date=DAY)
    assert df.to_dict("records") == [{"doc_id": "x", "text": "hello", "date": DAY}]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    records=st.lists(
        st.tuples(
            st.text(alphabet=string.ascii_letters + string.digits + "_-.", min_size=1, max_size=12),
            st.text(max_size=80).filter(
                lambda t: t.strip() and "\x00" not in t and not any(0xD800 <= ord(c) <= 0xDFFF for c in t)
            ),
            st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
        ),
        max_size=6,
        unique_by=lambda r: r[0],
    )
)
@example(records=[("0", "\r x", None), ("1", 'a\r\nb,"c"\u2028', dt.date(2024, 1, 1))])
def test_jsonl_and_csv_round_trip(tmp_path: Path, records: list[tuple[str, str, dt.date | None]]) -> None:
    jl = tmp_path / "r.jsonl"
    jl.write_text(
        "".join(json.dumps({"id": i, "text": t, "date": d.isoformat() if d else None}) + "\n" for i, t, d in records),
        encoding="utf-8",
    )
    cs = tmp_path / "r.csv"
    with cs.open("w", encoding="utf-8", newline="") as fh:  # the csv module quotes a lone \r; pandas does not
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "date"])
        writer.writerows([i, t, d.isoformat() if d else ""] for i, t, d in records)
    for path in (jl, cs):
        if path is jl and not records:
            continue  # an empty JSONL file has no columns to check
        df, warned = read_quiet([path])
        assert list(zip(df["doc_id"], df["text"], df["date"])) == records, path.name
        assert warned == []


# --------------------------------------------------------------------------------------------
# read_corpus: bad input


def test_missing_file_and_unsupported_type(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_corpus([tmp_path / "nope.txt"])
    (tmp_path / "x.docx").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.docx: unsupported input type"):
        read_corpus([tmp_path / "x.docx"])


def test_non_utf8_txt_is_skipped_and_named(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes("caf\u00e9 au lait\n".encode("latin-1"))
    (tmp_path / "good.txt").write_text("fine", encoding="utf-8")
    df, warned = read_quiet([tmp_path])
    assert df["doc_id"].tolist() == ["good.txt"]
    assert len(warned) == 1 and warned[0].startswith(f"{bad}:1: ") and "not UTF-8" in warned[0]
    (rec,) = df.attrs["errors"]
    assert (rec.doc_id, rec.stage, rec.error, rec.action) == ("latin.txt", "decode", "UnicodeDecodeError", "skipped")


def test_folder_without_txt(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("no texts here", encoding="utf-8")
    with pytest.raises(InputError, match=rf"{tmp_path.name}: folder has no \.txt files"):
        read_corpus([tmp_path])


def test_broken_jsonl_line_is_skipped_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        '{"id": "a", "text": "A", "date": "2024-01-01"}\n'
        '{"id": "b", "text": "B", \n'
        '["not", "an", "object"]\n'
        '{"id": "c", "text": "C", "date": "2024-02-30"}\n'
        '{"id": "d", "text": "D", "date": "17/11/2024"}\n'
        '{"id": "e", "text": null}\n'
        '{"id": "f", "text": "F"}\n',
        encoding="utf-8",
    )
    df, warned = read_quiet([path])
    # bad dates code the document without a date; the other bad records are skipped
    assert df["doc_id"].tolist() == ["a", "c", "d", "f"]
    assert df["date"].tolist() == [dt.date(2024, 1, 1), None, None, None]
    assert len(warned) == 5 and warned == df.attrs["problems"]
    for line in (2, 3, 4, 5, 6):
        assert any(w.startswith(f"{path}:{line}: ") for w in warned), line
    assert "broken JSON" in warned[0] and "2024-02-30" in warned[2] and "17/11/2024" in warned[3]
    assert [r.action for r in df.attrs["errors"]] == ["skipped", "skipped", "undated", "undated", "skipped"]


def test_bad_csv_row_is_skipped_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    path.write_text(
        'id,text,date\n1,one,2024-01-01\n2,two,extra,field\n3,"bad"quote,2024-01-01\n4,four,\n5,five,not-a-date\n',
        encoding="utf-8",
    )
    df, warned = read_quiet([path])
    assert df["doc_id"].tolist() == ["1", "4", "5"] and df["date"].tolist()[2] is None
    assert [w.split(": ", 1)[0] for w in warned] == [f"{path}:3", f"{path}:4", f"{path}:6"]
    assert "4 fields" in warned[0] and "not-a-date" in warned[2]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_missing_columns(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"docs{suffix}"
    if suffix == ".jsonl":
        path.write_text('{"name": "a", "text": "A"}\n', encoding="utf-8")
    elif suffix == ".csv":
        path.write_text("name,text\na,A\n", encoding="utf-8")
    else:
        pq.write_table(pa.table({"name": ["a"], "text": ["A"]}), path)
    with pytest.raises(InputError, match=rf"docs\{suffix}: missing column\(s\) 'id'"):
        read_corpus([path])


def test_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputError, match=r"fake\.parquet: not a readable Parquet file"):
        read_corpus([path])


def test_duplicate_ids_are_named(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "same.txt").write_text("a", encoding="utf-8")
    (tmp_path / "two" / "same.txt").write_text("b", encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicate document ids: 'same\.txt'"):
        read_corpus([tmp_path / "one", tmp_path / "two"])
    (tmp_path / "d.jsonl").write_text('{"id": "x", "text": "1"}\n{"id": "x", "text": "2"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"'x'.*d\.jsonl"):
        read_corpus([tmp_path / "d.jsonl"])


# --------------------------------------------------------------------------------------------
# events file


def test_events_to_arrow_has_exact_schema_and_metadata() -> None:
    table = events_to_arrow(
        events_frame([event_row(0), event_row(1, target_code=None, target_country=None)]),
        metadata={**META, "extra": "kept"},
    )
    assert table.schema.equals(EVENT_SCHEMA, check_metadata=False)
    md = {k.decode(): v.decode() for k, v in table.schema.metadata.items()}
    assert md == {**META, "extra": "kept"}
    assert table.column("event_code").to_pylist() == ["081", "081"]
    assert table.column("target_country").to_pylist() == ["UKR", None]


def test_events_to_arrow_empty_and_errors() -> None:
    empty = events_to_arrow(events_frame([]), metadata=META)
    assert empty.num_rows == 0 and empty.schema.equals(EVENT_SCHEMA, check_metadata=False)
    with pytest.raises(ValueError, match="parser"):
        events_to_arrow(events_frame([event_row()]), metadata={k: v for k, v in META.items() if k != "parser"})
    with pytest.raises(ValueError, match="event_code"):
        events_to_arrow(events_frame([event_row(event_code=None)]), metadata=META)
    with pytest.raises(ValueError, match="lacks column"):
        events_to_arrow(events_frame([event_row()]).drop(columns=["label"]), metadata=META)
    assert set(METADATA_KEYS) | {"coding_rules"} <= set(META)


def test_write_read_round_trip(tmp_path: Path) -> None:
    rows = [
        event_row(0),
        event_row(
            1,
            event_date=None,
            target_code=None,
            target_country=None,
            target_text=None,
            target_start=-1,
            target_end=-1,
            event_code="0234",
            event_base_code="023",
            event_root_code="02",
            goldstein=-0.25,
            quad_class=1,
        ),
    ]
    path = write_events(events_frame(rows), tmp_path / "ev.parquet", metadata=META)
    assert path == tmp_path / "ev.parquet"
    df, md = read_events(path)
    assert md == META
    assert pq.read_schema(path).equals(EVENT_SCHEMA, check_metadata=False)
    assert list(df.columns) == list(EVENT_COLUMNS)
    back = df.to_dict("records")
    for want, got in zip(rows, back):
        for key, value in want.items():
            if value is None:
                assert pd.isna(got[key]), key  # a null is a null (pd.NA), never ""
            else:
                assert got[key] == value, key
    # one string dtype for every text column, event_id included; dates that pandas and Arrow both know
    text = [f.name for f in EVENT_SCHEMA if pa.types.is_string(f.type)]
    assert {str(df[c].dtype) for c in text} == {"string"}
    assert df["event_date"].dtype == pd.ArrowDtype(pa.date32()) and isinstance(back[0]["event_date"], dt.date)
    assert df["event_date"].dt.year.tolist()[0] == DAY.year and pd.isna(df["event_date"].iloc[1])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.none() | st.text(max_size=40), min_size=0, max_size=5),
    values=st.dictionaries(
        st.text(min_size=1, max_size=10).filter(lambda k: k not in ("pandas", "ARROW:schema")),
        st.text(max_size=20),
        max_size=3,
    ),
)
def test_round_trip_property(tmp_path: Path, texts: list[str | None], values: dict[str, str]) -> None:
    rows = [event_row(i, source_text=t, sentence_text=t) for i, t in enumerate(texts)]
    meta = {**values, **META}
    df, md = read_events(write_events(events_frame(rows), tmp_path / "p.parquet", metadata=meta))
    assert md == meta
    assert [None if pd.isna(v) else v for v in df["source_text"].tolist()] == texts
    assert df["event_id"].tolist() == [f"e{i}" for i in range(len(texts))]


def test_atomic_write_leaves_nothing_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "events.parquet"
    real = pq.write_table

    def half_then_fail(table: pa.Table, where: object, **kw: object) -> None:
        Path(str(where)).write_bytes(b"PAR1 truncated")
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(gio.pq, "write_table", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        write_events(events_frame([event_row()]), target, metadata=META)
    assert list(tmp_path.iterdir()) == []

    # an existing file is left untouched by a failed rewrite
    monkeypatch.setattr(gio.pq, "write_table", real)
    write_events(events_frame([event_row(0)]), target, metadata=META)
    before = target.read_bytes()
    monkeypatch.setattr(gio.pq, "write_table", half_then_fail)
    with pytest.raises(OSError):
        write_events(events_frame([event_row(0), event_row(1)]), target, metadata=META)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.parquet"]


def test_write_into_missing_folder_and_read_bad_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_events(events_frame([event_row()]), tmp_path / "no" / "ev.parquet", metadata=META)
    with pytest.raises(InputError, match=r"missing\.parquet: no such file"):
        read_events(tmp_path / "missing.parquet")
    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"x": [1]}), other)
    with pytest.raises(InputError, match=r"other\.parquet: not a geoevent events file"):
        read_events(other)


# --------------------------------------------------------------------------------------------
# streaming readers: gzip, Parquet datasets, column names, date forms, limits


def test_gzip_parquet_dataset_columns_and_date_forms(tmp_path: Path) -> None:
    import gzip

    import pyarrow.dataset as pads

    from geoevent.io import ErrorLog, iter_documents

    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc": "g1", "body": "one", "published": "2024-11-17T10:00:00Z"}) + "\n")
        fh.write(json.dumps({"doc": "g2", "body": "two", "published": "2024-11-18 23:30:00+02:00"}) + "\n")
    with gzip.open(tmp_path / "b.csv.gz", "wt", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["doc", "body", "published"], ["c1", "three", "2023-01-02T00:00"]])
    ds = tmp_path / "ds"
    pads.write_dataset(
        pa.table(
            {"doc": ["p1", "p2"], "body": ["four", "five"], "published": ["2020-05-06", ""], "year": [2020, 2021]}
        ),
        ds,
        format="parquet",
        partitioning=pads.partitioning(pa.schema([("year", pa.int64())]), flavor="hive"),
    )
    cols = {"id": "doc", "text": "body", "date": "published"}
    log = ErrorLog()
    docs = list(
        iter_documents([tmp_path / "a.jsonl.gz", tmp_path / "b.csv.gz", ds], columns=cols, errors=log, default_date=DAY)
    )
    assert log.records == []
    got = {d.doc_id: (d.text, d.date) for d in docs}
    assert got == {
        "g1": ("one", dt.date(2024, 11, 17)),
        "g2": ("two", dt.date(2024, 11, 18)),
        "c1": ("three", dt.date(2023, 1, 2)),
        "p1": ("four", dt.date(2020, 5, 6)),
        "p2": ("five", DAY),
    }
    (tmp_path / "f.csv").write_text("id,text,date\n1,x,17/11/2024\n2,y,2024-11-17\n", encoding="utf-8")
    log = ErrorLog()
    docs = list(iter_documents([tmp_path / "f.csv"], date_format="%d/%m/%Y", errors=log))
    assert [d.date for d in docs] == [DAY, None] and [r.error for r in log.records] == ["BadDate"]


def test_per_record_decode_errors_keep_the_rest_of_the_file(tmp_path: Path) -> None:
    from geoevent.io import ErrorLog, iter_documents

    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "fine"}\n{"id": "b", "text": "caf\xe9"}\n'
        b'{"id": "c", "text": "lone \\ud800 surrogate"}\n{"id": "d", "text": "also fine"}\n'
    )
    cpath = tmp_path / "mixed.csv"
    cpath.write_bytes(b"id,text\nx,fine\ny,caf\xe9\nz,also fine\n")
    log = ErrorLog()
    docs = list(iter_documents([path, cpath], errors=log))
    assert [d.doc_id for d in docs] == ["a", "c", "d", "x", "z"]
    assert docs[1].text == "lone \ufffd surrogate"
    assert [(r.file, r.line, r.stage, r.error, r.action) for r in log.records] == [
        (str(path), 2, "decode", "UnicodeDecodeError", "skipped"),
        (str(path), 3, "decode", "LoneSurrogate", "replaced"),
        (str(cpath), 3, "decode", "UnicodeDecodeError", "skipped"),
    ]


def test_max_doc_chars_truncates_or_skips(tmp_path: Path) -> None:
    from geoevent.io import ErrorLog, iter_documents

    (tmp_path / "long.txt").write_text("word " * 100, encoding="utf-8")
    (tmp_path / "short.txt").write_text("word", encoding="utf-8")
    log = ErrorLog()
    docs = list(iter_documents([tmp_path], max_doc_chars=50, errors=log))
    assert [(d.doc_id, len(d.text)) for d in docs] == [("long.txt", 50), ("short.txt", 4)]
    assert [(r.doc_id, r.error, r.action) for r in log.records] == [("long.txt", "TooLong", "truncated")]
    log = ErrorLog()
    docs = list(iter_documents([tmp_path], max_doc_chars=50, on_long="skip", errors=log))
    assert [d.doc_id for d in docs] == ["short.txt"] and log.records[0].action == "skipped"
