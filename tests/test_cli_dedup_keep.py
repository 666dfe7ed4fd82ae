"""`geoevent code --dedup story|day` and `--keep-columns`: the streaming command keeps input
columns and collapses repeated events as `geoevent.deduplicate` and `code_frame(keep=)` do."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import geoevent
from geoevent.cli import main
from geoevent.io import iter_documents, read_corpus, read_events
from geoevent.schema import EVENT_COLUMNS

DOCS = [
    {
        "id": "a",
        "date": "2024-11-17",
        "text": "Russia attacked Ukraine. Russia attacked Ukraine again.",
        "url": "http://a",
        "source": "wire",
        "n": 3,
    },
    {"id": "b", "date": "2024-11-17", "text": "Russia attacked Ukraine.", "url": "http://b", "source": None, "n": 4},
    {"id": "c", "date": "2024-11-18", "text": "Russia attacked Ukraine.", "url": "http://c", "source": "paper", "n": 5},
    {"id": "d", "date": None, "text": "Russia attacked Ukraine.", "url": "http://d", "source": "x", "n": 6},
]


def _jsonl(tmp_path: Path) -> Path:
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    return src


def _code(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["code", *argv, "--no-progress", "--show", "0", "--jobs", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def _error(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.startswith("geoevent: error: ")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_keep_columns_travel_into_every_event(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    code, _, err = _code(capsys, str(_jsonl(tmp_path)), "-o", str(out), "--keep-columns", "url,source,n")
    assert code == 0, err
    df, md = read_events(out)
    assert list(df.columns) == [*EVENT_COLUMNS, "url", "source", "n"]
    assert df["doc_id"].tolist() == ["a", "a", "b", "c", "d"]
    assert df["url"].tolist() == ["http://a", "http://a", "http://b", "http://c", "http://d"]
    # a null stays null; numbers are kept as text (one type for every chunk of a stream)
    assert df["source"].isna().tolist() == [False, False, True, False, False]
    assert df["n"].tolist() == ["3", "3", "4", "5", "6"]
    assert json.loads(md["run_config"])["keep"] == ["url", "source", "n"]
    assert pq.read_schema(out).field("url").type == pa.string()


def test_keep_columns_from_csv_and_parquet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    frame = pd.DataFrame(DOCS[:2])
    csv_in, pq_in = tmp_path / "docs.csv", tmp_path / "docs.parquet"
    frame.to_csv(csv_in, index=False)
    frame.to_parquet(pq_in)
    for src in (csv_in, pq_in):
        out = tmp_path / f"{src.suffix[1:]}.parquet"
        code, _, err = _code(capsys, str(src), "-o", str(out), "--keep-columns", "source,url")
        assert code == 0, err
        df, _ = read_events(out)
        assert df["url"].tolist() == ["http://a", "http://a", "http://b"], src
        assert df["source"].iloc[0] == "wire" and pd.isna(df["source"].iloc[2]), src


def test_dedup_story_counts_mentions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    code, stdout, err = _code(
        capsys, str(_jsonl(tmp_path)), "-o", str(out), "--dedup", "story", "--keep-columns", "url"
    )
    assert code == 0, err
    assert stdout.splitlines()[-1].startswith("coded 4 events from 4 documents")
    df, md = read_events(out)
    assert list(df.columns) == [*EVENT_COLUMNS, "mentions", "num_documents", "url"]
    assert df["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert df["mentions"].tolist() == [2, 1, 1, 1] and df["num_documents"].tolist() == [1, 1, 1, 1]
    assert md["events"] == "4"


def test_dedup_day_collapses_across_documents_as_the_library_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out, raw = tmp_path / "day.parquet", tmp_path / "raw.parquet"
    src = str(_jsonl(tmp_path))
    code, stdout, err = _code(
        capsys, src, "-o", str(out), "--dedup", "day", "--keep-columns", "url", "--chunk-docs", "1"
    )
    assert code == 0, err
    assert stdout.splitlines()[-1].startswith("coded 3 events from 4 documents")
    df, md = read_events(out)
    # 17 Nov: a (twice) and b collapse into a's first event; 18 Nov: c; the undated d stays alone
    assert df["doc_id"].tolist() == ["a", "c", "d"]
    assert df["mentions"].tolist() == [3, 1, 1] and df["num_documents"].tolist() == [2, 1, 1]
    assert df["url"].tolist() == ["http://a", "http://c", "http://d"]
    assert md["events"] == "3" and md["documents"] == "4"
    # the same as geoevent.deduplicate over the undeduplicated run
    assert _code(capsys, src, "-o", str(raw), "--keep-columns", "url")[0] == 0
    every, _ = read_events(raw)
    lib = geoevent.deduplicate(every, by="day")
    assert lib["event_id"].tolist() == df["event_id"].tolist()
    assert lib["mentions"].tolist() == df["mentions"].tolist()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left


def test_dataset_keeps_columns_and_resume_checks_them(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "ds"
    src = str(_jsonl(tmp_path))
    code, _, err = _code(
        capsys, src, "-o", str(out), "--dedup", "story", "--keep-columns", "url", "--partition", "year"
    )
    assert code == 0, err
    df, _ = read_events(out)
    assert sorted(df["url"].tolist()) == ["http://a", "http://b", "http://c", "http://d"]
    assert df.loc[df["doc_id"] == "a", "mentions"].tolist() == [2]
    assert "url" in pq.read_schema(out / "_common_metadata").names
    code, _, err = _code(
        capsys, src, "-o", str(out), "--dedup", "story", "--keep-columns", "source", "--partition", "year"
    )
    assert code == 2 and "another configuration" in _error(err) and "keep" in _error(err)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--keep-columns", "nope"], "missing column(s) 'nope'"),
        (["--keep-columns", "label"], "cannot keep column(s) 'label'"),
        (["--keep-columns", "mentions", "--dedup", "story"], "cannot keep column(s) 'mentions'"),
    ],
)
def test_bad_keep_columns_exit_2_naming_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], expected: str
) -> None:
    src = _jsonl(tmp_path)
    code, _, err = _code(capsys, str(src), "-o", str(tmp_path / "e.parquet"), *extra)
    assert code == 2 and expected in _error(err)
    assert not (tmp_path / "e.parquet").exists()


def test_keep_columns_of_text_files_and_day_dedup_of_a_dataset_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "a.txt").write_text("Russia attacked Ukraine.", encoding="utf-8")
    code, _, err = _code(capsys, str(folder), "-o", str(tmp_path / "e.parquet"), "--keep-columns", "url")
    assert code == 2 and f"{folder}: .txt documents have no columns to keep (url)" in _error(err)
    code, _, err = _code(capsys, str(_jsonl(tmp_path)), "-o", str(tmp_path / "ds"), "--dedup", "day")
    assert code == 2 and "--dedup day" in _error(err) and ".parquet file" in _error(err)
    assert main(["code", "x", "-o", "y", "--dedup", "week"]) == 2


def test_library_readers_keep_columns(tmp_path: Path) -> None:
    src = _jsonl(tmp_path)
    docs = list(iter_documents(src, keep=["url", "n"]))
    assert [d.extra for d in docs] == [("http://a", "3"), ("http://b", "4"), ("http://c", "5"), ("http://d", "6")]
    frame = read_corpus(src, keep=["source"])
    assert frame.columns.tolist() == ["doc_id", "text", "date", "source"]
    assert frame["source"].tolist() == ["wire", None, "paper", "x"]
    ev = geoevent.code_frame(frame.head(2), id_col="doc_id", date_col="date", keep=["source"])
    assert ev["source"].tolist()[:2] == ["wire", "wire"]
