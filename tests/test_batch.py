"""Corpus-scale runs (geoevent.batch and `geoevent code`): streaming output, the errors table,
resume after SIGKILL, --jobs, Dask, regular-file inputs, existing outputs, time budgets."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import geoevent
import geoevent.coder as coder
from geoevent import batch
from geoevent.cli import main
from geoevent.io import read_events

ROOT = Path(__file__).resolve().parents[1]
KEY = ["doc_id", "sentence_idx", "verb_start", "source_start", "event_code", "target_start"]


def paragraphs() -> list[str]:
    """The seed articles' paragraphs: real news sentences, many of them coding events."""
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        out.extend(q.strip() for q in p.read_text(encoding="utf-8").split("\n") if len(q.strip()) > 40)
    return out


def write_corpus(path: Path, n: int, *, prefix: str = "d") -> list[dict]:
    paras = paragraphs()
    rows = [
        {"id": f"{prefix}{i:04d}", "text": paras[i % len(paras)], "date": f"2024-{1 + i % 3:02d}-15"} for i in range(n)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def norm(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(KEY).reset_index(drop=True)


@pytest.fixture(scope="module")
def parser_ready() -> None:
    from geoevent.parse import available_parsers

    usable = {p["name"]: p for p in available_parsers()}
    if not usable.get("embedded", {}).get("usable"):
        pytest.skip(f"embedded parser not usable here: {usable.get('embedded', {}).get('detail')}")


# --------------------------------------------------------------------------------------------
# resume after a kill


def test_sigkill_halfway_then_resume_equals_uninterrupted_run(
    tmp_path: Path, parser_ready: None, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "c.jsonl"
    write_corpus(src, 80)
    args = [str(src), "--chunk-docs", "2", "--jobs", "1", "--partition", "year,month", "--no-progress", "--show", "0"]
    killed = tmp_path / "killed"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # the with block closes the stderr pipe (left open, it was collected late: a ResourceWarning)
    with subprocess.Popen(
        [sys.executable, "-m", "geoevent.cli", "code", "-o", str(killed), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as proc:
        deadline = time.monotonic() + 300
        try:
            while len(list((killed / "_geoevent").glob("chunk-*.json"))) < 12:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "the run made no progress"
                time.sleep(0.02)
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done_before = len(list((killed / "_geoevent").glob("chunk-*.json")))
    assert 12 <= done_before < 40 and not (killed / "_common_metadata").exists()  # killed halfway

    code, out, err = cli(capsys, "code", "-o", str(killed), *args)  # the same command again: resumes
    assert code == 0, err
    assert "documents from an earlier run" in out
    whole = tmp_path / "whole"
    code, _, err = cli(capsys, "code", "-o", str(whole), *args)
    assert code == 0, err
    a, ma = read_events(killed)
    b, mb = read_events(whole)
    assert len(b) > 10 and a["event_id"].is_unique
    pd.testing.assert_frame_equal(norm(a), norm(b))
    assert ma["documents"] == mb["documents"] == "80" and ma["events"] == str(len(b))
    manifests = sorted((killed / "_geoevent").glob("chunk-*.json"))
    held = [d for m in manifests for d in json.loads(m.read_text())["doc_ids"]]
    assert len(manifests) == 40 and sorted(held) == [f"d{i:04d}" for i in range(80)]


def test_resume_cleans_unfinished_parts_and_refuses_other_configuration(
    tmp_path: Path, parser_ready: None, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "c.jsonl"
    write_corpus(src, 12)
    out = tmp_path / "ds"
    args = ["code", str(src), "-o", str(out), "--chunk-docs", "4", "--jobs", "1", "--no-progress", "--show", "0"]
    assert cli(capsys, *args)[0] == 0
    first, _ = read_events(out)
    # a killed run's leftovers: a part without its manifest, the manifest of a chunk removed, a stale temp file
    (out / "_geoevent" / "chunk-000002.json").unlink()
    stray = out / "part-000007-0.parquet"
    stray.write_bytes(b"PAR1 half written")
    stale = out / "_geoevent" / ".chunk-000002.json.geoevent-999999999-abcd.tmp"
    stale.write_text("{", encoding="utf-8")
    code, text, err = cli(capsys, *args)
    assert code == 0, err
    assert "8 documents from an earlier run" in text
    assert not stray.exists() and not stale.exists()
    again, _ = read_events(out)
    pd.testing.assert_frame_equal(norm(again), norm(first))

    code, _, err = cli(capsys, *args, "--rules", "petrarch")
    assert code == 2 and "another configuration" in err and "coding_rules" in err
    code, _, err = cli(capsys, *args, "--no-intent")
    assert code == 2 and "another configuration" in err
    code, _, err = cli(capsys, *args, "--rules", "petrarch", "--overwrite")
    assert code == 0, err
    _, md = read_events(out)
    assert json.loads(md["coding_rules"]) == json.loads(geoevent.CodingRules.petrarch().to_json())

    other = tmp_path / "not_ours"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = cli(capsys, "code", str(src), "-o", str(other), "--overwrite", "--no-progress")
    assert code == 2 and "not a geoevent dataset" in err and (other / "keep.txt").exists()


def test_existing_file_needs_overwrite_and_other_extensions_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coder, "code_documents", lambda docs, **kw: coder.empty_events())
    src = tmp_path / "c.jsonl"
    write_corpus(src, 3)
    target = tmp_path / "ev.parquet"
    target.write_bytes(b"precious")
    stale = tmp_path / ".ev.parquet.geoevent-999999999-0a0b.tmp"
    stale.write_bytes(b"half")
    code, _, err = cli(capsys, "code", str(src), "-o", str(target), "--no-progress")
    assert code == 2 and "exists; pass --overwrite" in err and target.read_bytes() == b"precious"
    code, _, err = cli(capsys, "code", str(src), "-o", str(target), "--no-progress", "--overwrite")
    assert code == 0, err
    assert read_events(target)[0].empty and not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "ev.errors.parquet", "ev.parquet"]
    for name in ("ev.csv", "ev.jsonl"):
        code, _, err = cli(capsys, "code", str(src), "-o", str(tmp_path / name), "--no-progress")
        assert code == 2 and "writes Parquet" in err and not (tmp_path / name).exists()


# --------------------------------------------------------------------------------------------
# --jobs, code_frame(jobs=), Dask


def test_jobs_2_gives_byte_identical_events(
    tmp_path: Path, parser_ready: None, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "c.jsonl"
    rows = write_corpus(src, 40)
    common = ["--chunk-docs", "4", "--no-progress", "--show", "0"]
    assert cli(capsys, "code", str(src), "-o", str(tmp_path / "j1.parquet"), "--jobs", "1", *common)[0] == 0
    code, _, err = cli(capsys, "code", str(src), "-o", str(tmp_path / "j2.parquet"), "--jobs", "2", *common)
    assert code == 0, err
    t1, t2 = pq.read_table(tmp_path / "j1.parquet"), pq.read_table(tmp_path / "j2.parquet")
    assert t1.num_rows > 10 and t1.equals(t2)

    frame = pd.DataFrame(rows * 7).assign(id=[f"x{i}" for i in range(len(rows) * 7)])  # > 256 documents
    one = geoevent.code_frame(frame, text_col="text", id_col="id", date_col="date", jobs=1)
    two = geoevent.code_frame(frame, text_col="text", id_col="id", date_col="date", jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert two.attrs["sentences"] == one.attrs["sentences"] > 0


def test_dask_local_cluster_equals_single_process(
    tmp_path: Path, parser_ready: None, capsys: pytest.CaptureFixture[str]
) -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    import geoevent.dask as gdask

    src = tmp_path / "c.jsonl"
    rows = write_corpus(src, 24)
    frame = pd.DataFrame(rows)
    single = geoevent.code_frame(frame, text_col="text", id_col="id", date_col="date")
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        lazy = gdask.code(dd.from_pandas(frame, npartitions=4), text="text", id="id", date="date")
        assert list(lazy.columns) == list(single.columns)
        events = lazy.compute()
        pd.testing.assert_frame_equal(norm(events), norm(single))
        # the CLI job on the cluster writes the same partitioned dataset as a local run
        code, _, err = cli(
            capsys,
            "code",
            str(src),
            "-o",
            str(tmp_path / "on_dask"),
            "--dask",
            cluster.scheduler_address,
            "--partition",
            "year,month",
            "--chunk-docs",
            "8",
            "--no-progress",
            "--show",
            "0",
        )
        assert code == 0, err
    code, _, err = cli(
        capsys,
        "code",
        str(src),
        "-o",
        str(tmp_path / "local"),
        "--jobs",
        "1",
        "--partition",
        "year,month",
        "--chunk-docs",
        "8",
        "--no-progress",
        "--show",
        "0",
    )
    assert code == 0, err
    a, b = read_events(tmp_path / "on_dask")[0], read_events(tmp_path / "local")[0]
    pd.testing.assert_frame_equal(norm(a), norm(b))
    pd.testing.assert_frame_equal(norm(b), norm(single), check_dtype=False)  # read back: object strings
    assert sorted(p.relative_to(tmp_path / "local").as_posix() for p in (tmp_path / "local").rglob("part-*")) == sorted(
        p.relative_to(tmp_path / "on_dask").as_posix() for p in (tmp_path / "on_dask").rglob("part-*")
    )


# --------------------------------------------------------------------------------------------
# the errors table on a corpus with corrupted documents


def _wrap(text: str, width: int = 40) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def test_errors_table_lists_exactly_the_corrupted_documents(
    tmp_path: Path, parser_ready: None, capsys: pytest.CaptureFixture[str]
) -> None:
    paras = paragraphs()
    healthy = [{"id": f"h{i:03d}", "text": paras[i % len(paras)], "date": "2024-11-17"} for i in range(40)]
    clean = tmp_path / "clean.jsonl"
    clean.write_text("".join(json.dumps(r) + "\n" for r in healthy), encoding="utf-8")
    lines: list[bytes] = [json.dumps(r).encode() for r in healthy]
    bad: dict[str, tuple[str, str]] = {}  # kind -> (error class, action)
    bad_lines: set[bytes] = set()

    def add(kind: str, line: bytes, error: str, action: str = "skipped") -> None:
        lines.insert(len(lines) // 2 + len(bad) * 3 % 17, line)
        bad[kind] = (error, action)
        bad_lines.add(line)

    add(
        "surrogate",
        json.dumps({"id": "s1", "text": "Russia attacked Ukraine \ud800 on Sunday."}).encode(),
        "LoneSurrogate",
        "replaced",
    )
    add("junk", json.dumps({"id": "j1", "text": "a_" * 20_000}).encode(), "TooLong", "truncated")
    add("wrong type", json.dumps({"id": "t1", "text": 42}).encode(), "WrongType")
    add("wrong id type", json.dumps({"id": ["x"], "text": "Russia attacked Ukraine."}).encode(), "WrongType")
    add("broken json", b'{"id": "b1", "text": "Russia attacked', "JSONDecodeError")
    add("bad date", json.dumps({"id": "bd1", "text": paras[0], "date": "2024-13-45"}).encode(), "BadDate", "undated")
    add("empty", json.dumps({"id": "e1", "text": "   \n"}).encode(), "EmptyText")
    add("binary", b'{"id": "bin1", "text": "\xff\xfe\x00\x01\x89PNG"}', "UnicodeDecodeError")
    add("nul bytes", json.dumps({"id": "bin2", "text": "GIF89a\x00\x00\x01"}).encode(), "BinaryData")
    add("not an object", b"[1, 2, 3]", "WrongType")
    add("no id", json.dumps({"text": "Russia attacked Ukraine."}).encode(), "MissingId")
    add("duplicate", json.dumps({"id": "h001", "text": "Russia attacked Ukraine."}).encode(), "DuplicateId")
    # a hard-wrapped article is not an error: it is coded
    lines.append(json.dumps({"id": "w1", "text": _wrap(paras[2]), "date": "2024-11-17"}).encode())
    dirty = tmp_path / "dirty.jsonl"
    dirty.write_bytes(b"\n".join(lines) + b"\n")

    common = ["--chunk-docs", "8", "--jobs", "1", "--no-progress", "--show", "0", "--max-doc-chars", "5000"]
    assert cli(capsys, "code", str(clean), "-o", str(tmp_path / "clean.parquet"), *common)[0] == 0
    code, out, err = cli(capsys, "code", str(dirty), "-o", str(tmp_path / "dirty.parquet"), *common)
    assert code == 0, err
    assert f"{len(bad)} errors -> {tmp_path / 'dirty.errors.parquet'}" in out
    errors = pq.read_table(tmp_path / "dirty.errors.parquet").to_pylist()
    by_line = {e["line"]: e for e in errors}
    assert len(by_line) == len(errors) == len(bad)
    # every row points at the corrupted line it describes, and says what was done
    assert set(by_line) == {i for i, line in enumerate(lines, start=1) if line in bad_lines}
    assert sorted((e["error"], e["action"]) for e in errors) == sorted(bad.values())
    assert all(e["file"] == str(dirty) and e["stage"] in ("read", "decode") and e["message"] for e in errors)
    _, md = read_events(tmp_path / "dirty.parquet")
    assert md["errors"] == str(len(bad))

    a = read_events(tmp_path / "clean.parquet")[0]
    b = read_events(tmp_path / "dirty.parquet")[0]
    healthy_b = b[b["doc_id"].str.startswith("h")]
    pd.testing.assert_frame_equal(norm(healthy_b), norm(a))  # healthy documents: the same events
    assert {"s1", "bd1"} <= set(b["doc_id"])  # repaired documents are coded too
    if batch._supports_line_breaks():  # line_breaks="auto": a hard-wrapped article codes like the original
        assert "w1" in set(b["doc_id"])
    assert b.loc[b["doc_id"] == "bd1", "event_date"].isna().all()  # coded undated


# --------------------------------------------------------------------------------------------
# inputs that never end, parsers that cannot run, documents that take too long


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_dev_zero_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.jsonl"
    zero.symlink_to("/dev/zero")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "ok.txt").write_text("Russia attacked Ukraine.", encoding="utf-8")
    os.mkfifo(folder / "stuck.txt")
    for target, expect in ((fifo, "a FIFO"), (zero, "a device")):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "geoevent.cli",
                "code",
                str(target),
                "-o",
                str(tmp_path / "e.parquet"),
                "--no-progress",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert done.returncode == 2, done.stderr
        assert f"{target}: not a regular file: {expect}" in done.stderr
    from geoevent.io import ErrorLog, iter_documents

    log = ErrorLog()
    docs = list(iter_documents([folder], errors=log))
    assert [d.doc_id for d in docs] == ["ok.txt"]
    (rec,) = log.records
    assert rec.doc_id == "stuck.txt" and "not a regular file: a FIFO" in rec.message and rec.stage == "read"


def test_missing_stanza_models_fail_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from geoevent.parse import available_parsers

    stanza = next(p for p in available_parsers() if p["name"] == "stanza")
    if stanza["usable"]:
        pytest.skip("stanza models are installed here")
    src = tmp_path / "c.jsonl"
    write_corpus(src, 30)
    code, out, err = cli(
        capsys,
        "code",
        str(src),
        "-o",
        str(tmp_path / "e.parquet"),
        "--parser",
        "stanza",
        "--chunk-docs",
        "4",
        "--jobs",
        "1",
        "--no-progress",
    )
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("geoevent: error: ") and "stanza" in lines[0], err
    assert not (tmp_path / "e.parquet").exists()


def test_doc_timeout_skips_only_the_slow_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = coder.code_documents

    def slow_on_marker(docs: pd.DataFrame, **kw: object) -> pd.DataFrame:
        if any("SLOW" in t for t in docs["text"]):
            time.sleep(30)
        return real(docs, **kw)

    monkeypatch.setattr(coder, "code_documents", slow_on_marker)
    monkeypatch.setattr(coder, "_parse_and_code", lambda *a, **k: coder.empty_events())  # no parsing needed
    src = tmp_path / "c.jsonl"
    src.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": "SLOW text" if i == 2 else "quick text"}) + "\n" for i in range(5)),
        encoding="utf-8",
    )
    t0 = time.monotonic()
    code, out, err = cli(
        capsys,
        "code",
        str(src),
        "-o",
        str(tmp_path / "e.parquet"),
        "--doc-timeout",
        "0.5",
        "--jobs",
        "1",
        "--no-progress",
        "--strict",
    )
    assert time.monotonic() - t0 < 25
    assert code == 1  # --strict: an error means exit 1
    (row,) = pq.read_table(tmp_path / "e.errors.parquet").to_pylist()
    assert (row["doc_id"], row["line"], row["stage"], row["error"], row["action"]) == (
        "d2",
        3,
        "parse",
        "DocumentTimeout",
        "failed",
    )
    assert "from 5 documents" in out and "1 errors" in out


def test_progress_log_lines_when_not_interactive() -> None:
    lines: list[str] = []
    p = batch.Progress(enabled=True, log=lines.append, every=0.0)
    p.update(docs=3, sentences=30, events=7, errors=1)
    p.update(docs=2, sentences=10, events=1, errors=0)
    p.close()
    assert len(lines) == 2 and lines[-1].startswith("5 documents, 40 sentences (") and "8 events, 1 errors" in lines[-1]
    quiet: list[str] = []
    q = batch.Progress(enabled=False, log=quiet.append, every=0.0)
    q.update(docs=1, sentences=1, events=1, errors=0)
    assert quiet == []


def test_require_date_and_undated_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(coder, "code_documents", lambda docs, **kw: coder.empty_events())
    src = tmp_path / "c.jsonl"
    src.write_text(
        '{"id": "a", "text": "x", "date": "2024-11-17T10:00:00Z"}\n{"id": "b", "text": "y"}\n'
        '{"id": "c", "text": "z"}\n',
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "code", str(src), "-o", str(tmp_path / "e.parquet"), "--no-progress")
    assert code == 0 and err.count("warning") == 1 and "2 document(s) have no date" in err
    code, out, err = cli(
        capsys, "code", str(src), "-o", str(tmp_path / "e.parquet"), "--no-progress", "--overwrite", "--require-date"
    )
    assert code == 1
    rows = pq.read_table(tmp_path / "e.errors.parquet").to_pylist()
    assert [(r["doc_id"], r["error"]) for r in rows] == [("b", "MissingDate"), ("c", "MissingDate")]
    assert "from 1 documents" in out


def test_rule_flags_reach_the_coder_and_the_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    seen: list[object] = []

    def capture(docs: pd.DataFrame, **kw: object) -> pd.DataFrame:
        seen.append(kw["rules"])
        return coder.empty_events()

    monkeypatch.setattr(coder, "code_documents", capture)
    src = tmp_path / "c.jsonl"
    src.write_text('{"id": "a", "text": "x", "date": "2024-11-17"}\n', encoding="utf-8")
    neg = tmp_path / "neg.tsv"
    neg.write_text("110\t050\n", encoding="utf-8")
    code, _, err = cli(
        capsys,
        "code",
        str(src),
        "-o",
        str(tmp_path / "e.parquet"),
        "--no-progress",
        "--rules",
        "petrarch",
        "--intent",
        "--no-require-target",
        "--negation",
        str(neg),
    )
    assert code == 0, err
    want = attrs.evolve(geoevent.CodingRules.petrarch(), intent=True, require_target=False, negation={"110": "050"})
    assert seen == [want]
    _, md = read_events(tmp_path / "e.parquet")
    assert geoevent.CodingRules.from_json(md["coding_rules"]) == want
