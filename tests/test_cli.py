"""The geoevent command line: codebook, code (coder stubbed, and for real when usable), evaluate,
dictionaries check, models, and exit status 2 with one-line messages on bad usage or input."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import geoevent
import geoevent.coder as coder
from geoevent.cli import main
from geoevent.codebook import load_codebook, lookup
from geoevent.dictionaries.tables import Dictionaries
from geoevent.io import read_events
from geoevent.schema import EVENT_COLUMNS, EVENT_SCHEMA

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("geoevent: error: ")
    assert "Traceback" not in err
    return lines[0]


# --------------------------------------------------------------------------------------------
# codebook


def test_codebook_all_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "codebook")
    assert code == 0 and err == ""
    lines = out.splitlines()
    book = load_codebook()
    assert len(lines) == len(book) + 1
    assert lines[0].split()[:5] == ["code", "goldstein", "quad", "plover", "label"]
    assert [line.split()[0] for line in lines[1:]] == book["code"].tolist()


def test_codebook_one_code(capsys: pytest.CaptureFixture[str]) -> None:
    entry = lookup("190")
    code, out, _ = run(capsys, "codebook", "190")
    assert code == 0
    fields = dict(line.split(None, 1) for line in out.splitlines())
    assert fields["code"] == "190" and fields["name"] == entry.name and fields["label"] == entry.label
    assert fields["quad_class"].startswith(str(entry.quad_class))
    assert float(fields["goldstein"]) == pytest.approx(entry.goldstein)


@pytest.mark.parametrize("bad", ["999", "19x", "42"])
def test_codebook_unknown_code(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, out, err = run(capsys, "codebook", bad)
    assert code == 2 and out == ""
    assert bad in one_error_line(err)


# --------------------------------------------------------------------------------------------
# bad usage


@pytest.mark.parametrize(
    "argv",
    [
        ["code"],  # no inputs, no -o
        ["code", "x.txt"],  # no -o
        ["code", "x.txt", "-o", "o.parquet", "--date", "17/11/2024"],
        ["code", "x.txt", "-o", "o.parquet", "--parser", "nonsense"],
        ["code", "x.txt", "-o", "o.parquet", "--show", "-3"],
        ["frobnicate"],
        ["evaluate", "only-one.parquet"],
        ["dictionaries"],
    ],
)
def test_bad_usage_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    one_error_line(err)


def test_no_command_prints_help_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2 and "usage:" in err


def test_missing_input_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "no_such_article.txt"
    out_file = tmp_path / "ev.parquet"
    code, _, err = run(capsys, "code", str(missing), "-o", str(out_file), "--no-progress")
    assert code == 2
    assert one_error_line(err) == f"geoevent: error: {missing}: no such file"
    assert not out_file.exists()


def test_unreadable_inputs_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes("na\u00efve".encode("latin-1"))
    code, _, err = run(capsys, "code", str(bad), "-o", str(tmp_path / "ev.parquet"))
    errors = [line for line in err.splitlines() if line.startswith("geoevent: error: ")]
    assert code == 2 and len(errors) == 1 and "no documents to code" in errors[0] and f"{bad}:1: " in errors[0]
    assert "not UTF-8" in errors[0] and not (tmp_path / "ev.parquet").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "code", str(empty), "-o", str(tmp_path / "ev.parquet"))
    assert code == 2 and "folder has no .txt files" in one_error_line(err)
    code, _, err = run(capsys, "code", str(ROOT / "seeds"), "-o", str(tmp_path / "nodir" / "ev.parquet"))
    assert code == 2 and "does not exist" in one_error_line(err)
    code, _, err = run(capsys, "evaluate", str(tmp_path / "nope.parquet"), str(tmp_path / "gold.json"))
    assert code == 2 and "nope.parquet: no such file" in one_error_line(err)


# --------------------------------------------------------------------------------------------
# code, with the coder stubbed (fast, independent of parser models)


def fake_events(docs: pd.DataFrame) -> pd.DataFrame:
    """Two events per document, built from the codebook, so the CLI's own work is what is tested."""
    rows = []
    for doc_id, date in zip(docs["doc_id"], docs["date"]):
        for i, (code, tgt) in enumerate((("081", "UKR"), ("190", None))):
            e = lookup(code)
            rows.append(
                {
                    "event_id": f"{doc_id}-{i}",
                    "doc_id": doc_id,
                    "sentence_idx": i,
                    "event_date": date,
                    "source_code": "USAGOV",
                    "source_country": "USA",
                    "source_agent": "GOV",
                    "source_text": "Joe Biden",
                    "source_start": 0,
                    "source_end": 9,
                    "target_code": tgt,
                    "target_country": tgt,
                    "target_agent": None,
                    "target_text": "Ukraine" if tgt else None,
                    "target_start": 20 if tgt else -1,
                    "target_end": 27 if tgt else -1,
                    "event_code": code,
                    "event_base_code": e.base_code,
                    "event_root_code": e.root_code,
                    "label": e.label,
                    "quad_class": e.quad_class,
                    "goldstein": e.goldstein,
                    "plover_type": e.plover_type,
                    "verb_text": "authorized" if code == "081" else "struck",
                    "verb_start": 10,
                    "verb_end": 19,
                    "pattern_id": None,
                    "source_entry_id": None,
                    "target_entry_id": None,
                    "sentence_text": "s",
                    "parser": "fake",
                }
            )
    out = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    out.attrs["problems"] = []
    return out


@pytest.fixture
def stub_coder(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    calls: list[dict] = []

    def code_documents(documents: pd.DataFrame, **kw: object) -> pd.DataFrame:
        calls.append({"documents": documents.copy(), **kw})
        return fake_events(documents)

    monkeypatch.setattr(coder, "code_documents", code_documents)
    monkeypatch.setattr(coder, "default_dictionaries", lambda: Dictionaries(sources=("stub",)))
    return calls


def test_code_seeds_with_stub(capsys: pytest.CaptureFixture[str], tmp_path: Path, stub_coder: list[dict]) -> None:
    out_file = tmp_path / "events.parquet"
    code, out, err = run(
        capsys, "code", str(ROOT / "seeds"), "-o", str(out_file), "--date", "2024-11-17", "--no-progress", "--show", "3"
    )
    assert code == 0, err
    (call,) = stub_coder
    assert not call.get("progress") and call["parser"] == "embedded"
    assert sorted(call["documents"]["doc_id"]) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert set(call["documents"]["date"]) == {dt.date(2024, 11, 17)}
    lines = out.splitlines()
    assert lines[0].split() == ["doc", "source", "event", "target", "verb"]
    assert "authorize (081)" in lines[1] and "Joe Biden [USAGOV]" in lines[1] and "Ukraine [UKR]" in lines[1]
    assert lines[2].split()[-2:] == ["-", "struck"]  # a missing target shows as "-"
    assert lines[4] == "... and 1 more events"
    assert lines[-1].startswith("coded 4 events from 2 documents (") and lines[-1].endswith(f"-> {out_file}")
    df, md = read_events(out_file)
    assert len(df) == 4 and set(df["doc_id"]) == set(call["documents"]["doc_id"])
    assert (
        md["parser"] == "embedded" and set(df["parser"]) == {"fake"} and md["geoevent_version"] == geoevent.__version__
    )
    assert (
        md["errors"] == "0"
        and md["documents"] == "2"
        and json.loads(md["coding_rules"]) == json.loads(geoevent.CodingRules().to_json())
    )
    assert (tmp_path / "events.errors.parquet").is_file()
    assert md["dictionary_fingerprint"] == Dictionaries(sources=("stub",)).fingerprint()


def test_code_show_zero_and_jsonl_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, stub_coder: list[dict]
) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_text(
        '{"id": "a", "text": "x", "date": "2024-01-01"}\n{"id": "b", "text": "y", "date": "bad"}\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "code", str(src), "-o", str(tmp_path / "e.parquet"), "--show", "0", "--no-progress")
    assert code == 0
    # a bad date codes the document undated, and is reported
    assert out.splitlines() == [out.splitlines()[-1]] and out.startswith("coded 4 events from 2 documents")
    assert f"geoevent: warning: {src}:2:" in err and "1 errors" in out
    errors = pq.read_table(tmp_path / "e.errors.parquet").to_pylist()
    assert [(e["line"], e["doc_id"], e["stage"], e["error"], e["action"]) for e in errors] == [
        (2, "b", "decode", "BadDate", "undated")
    ]


def test_code_with_bad_dictionary_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, stub_coder: list[dict]
) -> None:
    bad = tmp_path / "mine.tsv"
    bad.write_text("this is not\ta dictionary header\n", encoding="utf-8")
    code, _, err = run(capsys, "code", str(ROOT / "seeds"), "-o", str(tmp_path / "e.parquet"), "--dictionary", str(bad))
    assert code == 2 and str(bad) in one_error_line(err)
    assert not (tmp_path / "e.parquet").exists() and stub_coder == []


def test_code_all_documents_failing_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(documents: pd.DataFrame, **kw: object) -> pd.DataFrame:
        out = fake_events(documents.iloc[:0])
        out.attrs["problems"] = [(d, "parser exploded") for d in documents["doc_id"]]
        return out

    monkeypatch.setattr(coder, "code_documents", failing)
    monkeypatch.setattr(coder, "default_dictionaries", lambda: Dictionaries())
    out_file = tmp_path / "e.parquet"
    code, _, err = run(capsys, "code", str(ROOT / "seeds"), "-o", str(out_file), "--no-progress")
    errors = [line for line in err.splitlines() if line.startswith("geoevent: error: ")]
    assert code == 2 and len(errors) == 1 and "none of the 2 documents could be coded" in errors[0]
    assert "parser exploded" in err and not out_file.exists()


# --------------------------------------------------------------------------------------------
# evaluate, dictionaries check, models


def test_evaluate_command(capsys: pytest.CaptureFixture[str], tmp_path: Path, stub_coder: list[dict]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("text", encoding="utf-8")
    events_file = tmp_path / "ev.parquet"
    assert run(capsys, "code", str(docs), "-o", str(events_file), "--no-progress")[0] == 0
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            {
                "documents": {
                    "a.txt": {
                        "required": [
                            {"source": "USA", "roots": ["08"], "target": "UKR"},
                            {"source": "RUS", "roots": ["19"], "target": "UKR"},
                        ],
                        "optional": [],
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "evaluate", str(events_file), str(gold))
    assert code == 0, err
    overall = next(line for line in out.splitlines() if line.startswith("overall")).split()
    # coded: USA 08 UKR (correct), USA 19 - (false); found 1 of 2
    assert overall[1:5] == ["0.500", "0.500", "0.500", "1/2"]
    assert "missed  a.txt: RUS 19 UKR" in out


def test_dictionaries_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("not a header\n", encoding="utf-8")
    code, _, err = run(capsys, "dictionaries", "check", str(bad))
    assert code == 2 and one_error_line(err).startswith(f"geoevent: error: {bad}")
    code, _, err = run(capsys, "dictionaries", "check", str(tmp_path / "absent.tsv"))
    assert code == 2 and "absent.tsv" in one_error_line(err)
    good = tmp_path / "agents.tsv"
    good.write_text("pattern\tagent\tkind\nsoldiers\tMIL\tnoun\nminister\tGOV\ttitle\n", encoding="utf-8")
    code, out, err = run(capsys, "dictionaries", "check", str(good))
    assert code == 0 and err == "" and out == f"{good}: ok (2 entries)\n"
    wrong = tmp_path / "wrong_agents.tsv"
    wrong.write_text("pattern\tagent\tkind\nsoldiers\tMIL\tnoun\nfoo\tXXX\tnoun\n", encoding="utf-8")
    code, out, err = run(capsys, "dictionaries", "check", str(good), str(wrong))
    assert code == 2 and out == f"{good}: ok (2 entries)\n"
    assert one_error_line(err).startswith(f"geoevent: error: {wrong}:3: ")


def test_models_lists_every_parser(capsys: pytest.CaptureFixture[str]) -> None:
    from geoevent.parse import PARSERS

    code, out, _ = run(capsys, "models")
    assert code == 0
    heads = [line.split(":")[0] for line in out.splitlines() if not line.startswith(" ")]
    assert heads == list(PARSERS)


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geoevent", "codebook", "0000"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 2 and done.stderr.startswith("geoevent: error: ") and "0000" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "geoevent", "--version"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0 and geoevent.__version__ in done.stdout


# --------------------------------------------------------------------------------------------
# code for real, when the parser models and dictionaries are installed


@pytest.fixture(scope="module")
def real_seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str, Path]:
    """The seeds coded by the real CLI once (skips when parser weights or dictionaries are absent)."""
    from geoevent.parse import available_parsers

    usable = {p["name"]: p for p in available_parsers()}
    if not usable.get("embedded", {}).get("usable"):
        pytest.skip(f"embedded parser not usable here: {usable.get('embedded', {}).get('detail')}")
    try:
        coder.default_dictionaries()
    except Exception as exc:  # noqa: BLE001 - any failure means the built-ins are not installed yet
        pytest.skip(f"built-in dictionaries not loadable: {exc}")
    out_file = tmp_path_factory.mktemp("real") / "seeds.parquet"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["code", str(ROOT / "seeds"), "-o", str(out_file), "--date", "2024-11-17", "--no-progress"])
    return code, out.getvalue(), err.getvalue(), out_file


def test_code_seeds_for_real(real_seeds: tuple[int, str, str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.parquet as pq

    code, out, err, out_file = real_seeds
    assert code == 0, err
    df, md = read_events(out_file)
    assert pq.read_schema(out_file).equals(EVENT_SCHEMA, check_metadata=False)
    assert md["parser"] == "embedded" and md["dictionary_fingerprint"] == coder.default_dictionaries().fingerprint()
    assert out.splitlines()[-1].startswith(f"coded {len(df)} events from 2 documents")
    assert set(df["doc_id"]) <= {p.name for p in (ROOT / "seeds").glob("*.txt")}
    shown = [line for line in out.splitlines()[1:-1] if not line.startswith("... and ")]  # not the "N more" line
    assert len(shown) == min(len(df), 20) and all(line.split()[0] in set(df["doc_id"]) for line in shown)
    gold = SHARED / "gold" / "seeds_gold.json"
    if gold.exists():
        code, text, _ = run(capsys, "evaluate", str(out_file), str(gold))
        assert code == 0 and any(line.startswith("overall") for line in text.splitlines())


def test_seeds_biden_authorizes_ukraine_in_both(real_seeds: tuple[int, str, str, Path]) -> None:
    df, _ = read_events(real_seeds[3])
    authorize = df[(df["source_country"] == "USA") & (df["target_country"] == "UKR") & (df["label"] == "authorize")]
    assert set(authorize["doc_id"]) == {p.name for p in (ROOT / "seeds").glob("*.txt")}
