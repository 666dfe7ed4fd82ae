"""Corpus readers and the events file: documents in, one Parquet file of events out.

Inputs (:func:`read_corpus`):

* ``.txt`` files, or folders holding them (the folder's own ``*.txt`` files, not subfolders):
  one document per file, ``doc_id`` = the file name, ``date`` = ``default_date``;
* ``.jsonl`` (one JSON object a line), ``.csv`` (header row) and ``.parquet`` files with the
  columns ``id`` and ``text`` and, optionally, ``date`` (``YYYY-MM-DD``, or empty for
  ``default_date``).

Problems with a whole input (missing or unreadable file, a ``.txt`` that is not UTF-8, a folder
without ``.txt`` files, missing columns, duplicate ids) raise :class:`geoevent.errors.InputError`
whose message starts with the file. A problem confined to one record (a broken JSONL line, a CSV
row with the wrong number of fields, a bad date, an empty id) skips that record: a
:class:`CorpusWarning` naming file and line is issued and the message is also listed in the
result's ``attrs["problems"]``; the other records are kept.

Output: :func:`write_events` writes the events table with exactly
:data:`geoevent.schema.EVENT_SCHEMA` plus schema metadata (:data:`geoevent.schema.METADATA_KEYS`),
atomically: a temporary file in the target's folder is renamed over the target only once it is
complete, so a crash never leaves a truncated file. :func:`read_events` reads it back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geoevent.errors import InputError, InvalidTypeError, SchemaError
from geoevent.schema import EVENT_COLUMNS, EVENT_SCHEMA, METADATA_KEYS

__all__ = [
    "CORPUS_SUFFIXES",
    "CorpusWarning",
    "events_to_arrow",
    "read_corpus",
    "read_events",
    "write_events",
]

#: File name endings :func:`read_corpus` accepts (folders are accepted too).
CORPUS_SUFFIXES: tuple[str, ...] = (".txt", ".jsonl", ".csv", ".parquet")

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ARROW_INTERNAL_KEYS = {"pandas", "ARROW:schema"}


class CorpusWarning(UserWarning):
    """One input record was skipped; the message names the file and the line (or row)."""


# --------------------------------------------------------------------------------------------
# reading documents


def _outside_level() -> int:
    """The warnings stacklevel of the first caller outside this module."""
    level = 1
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == __file__:
        level += 1
        frame = frame.f_back
    return level


class _Collector:
    """Accumulates documents and per-record problems across all inputs."""

    def __init__(self, default_date: dt.date | None) -> None:
        self.default_date = default_date
        self.ids: list[str] = []
        self.texts: list[str] = []
        self.dates: list[dt.date | None] = []
        self.origin: list[str] = []
        self.problems: list[str] = []

    def skip(self, where: str, reason: str) -> None:
        message = f"{where}: {reason}; record skipped"
        self.problems.append(message)
        warnings.warn(message, CorpusWarning, stacklevel=_outside_level())

    def add(self, where: str, doc_id: Any, text: Any, date: Any, *, origin: str) -> None:
        """Add one record after checking it; a bad record is skipped with a warning."""
        if doc_id is None or (isinstance(doc_id, float) and np.isnan(doc_id)):
            self.skip(where, "no id")
            return
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int, np.integer)):
            self.skip(where, f"id must be a string or an integer, got {type(doc_id).__name__}")
            return
        doc_id = str(doc_id).strip()
        if not doc_id:
            self.skip(where, "empty id")
            return
        if not isinstance(text, str):
            what = "no text" if text is None or (isinstance(text, float) and np.isnan(text)) else (
                f"text must be a string, got {type(text).__name__}")
            self.skip(where, f"document {doc_id!r}: {what}")
            return
        try:
            day = _parse_date(date, self.default_date)
        except ValueError as exc:
            self.skip(where, f"document {doc_id!r}: {exc}")
            return
        self.ids.append(doc_id)
        self.texts.append(text)
        self.dates.append(day)
        self.origin.append(origin)

    def frame(self) -> pd.DataFrame:
        """The documents table; raises InputError on duplicate ids."""
        seen: dict[str, str] = {}
        dups: list[str] = []
        for doc_id, origin in zip(self.ids, self.origin):
            if doc_id in seen:
                where = origin if origin == seen[doc_id] else f"{seen[doc_id]} and {origin}"
                dups.append(f"{doc_id!r} ({where})")
            else:
                seen[doc_id] = origin
        if dups:
            more = f" and {len(dups) - 5} more" if len(dups) > 5 else ""
            raise InputError(f"duplicate document ids: {', '.join(dups[:5])}{more}")
        out = pd.DataFrame(
            {
                "doc_id": pd.Series(self.ids, dtype=object),
                "text": pd.Series(self.texts, dtype=object),
                "date": pd.Series(self.dates, dtype=object),
            }
        )
        out.attrs["problems"] = list(self.problems)
        return out


def _parse_date(value: Any, default: dt.date | None) -> dt.date | None:
    """A record's date: YYYY-MM-DD text, a date, or empty (-> ``default``)."""
    if value is None:
        return default
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and np.isnan(value):
        return default
    if value is pd.NaT:
        return default
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return default
        if not _DATE_RE.fullmatch(s):
            raise InputError(f"bad date {value!r} (expected YYYY-MM-DD)")
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            raise InputError(f"bad date {value!r} (no such day)") from None
    raise InputError(f"bad date {value!r} (expected YYYY-MM-DD text)")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}, line {line}); convert it to UTF-8") from None


def _read_txt(path: Path, out: _Collector) -> None:
    text = _decode(path, _read_bytes(path))
    out.add(str(path), path.name, text, None, origin=str(path))


def _read_folder(path: Path, out: _Collector) -> None:
    try:
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and not p.is_dir())
    except OSError as exc:
        raise InputError(f"{path}: cannot list folder: {exc.strerror or exc}") from None
    if not files:
        raise InputError(f"{path}: folder has no .txt files")
    for file in files:
        _read_txt(file, out)


def _missing_columns(path: Path, present: Sequence[str]) -> None:
    missing = [c for c in ("id", "text") if c not in present]
    if missing:
        cols = ", ".join(map(repr, present)) if present else "none"
        raise InputError(f"{path}: missing column(s) {', '.join(map(repr, missing))} (columns found: {cols})")


def _read_jsonl(path: Path, out: _Collector) -> None:
    text = _decode(path, _read_bytes(path))
    records: list[tuple[int, dict[str, Any]]] = []
    keys: set[str] = set()
    for lineno, line in enumerate(text.split("\n"), start=1):  # not splitlines(): JSON may hold U+2028
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.skip(where, f"broken JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            out.skip(where, f"expected a JSON object, got {type(obj).__name__}")
            continue
        keys.update(obj)
        records.append((lineno, obj))
    if records:
        _missing_columns(path, sorted(keys))
    for lineno, obj in records:
        out.add(f"{path}:{lineno}", obj.get("id"), obj.get("text"), obj.get("date"), origin=str(path))


def _csv_rows(text: str) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """(first line of the record, fields or None, error or None) for each CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the reader starts afresh on the next line
            yield start, None, f"broken CSV ({exc})"
            continue
        yield start, row, None


def _read_csv(path: Path, out: _Collector) -> None:
    text = _decode(path, _read_bytes(path))
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # news articles exceed the 128 kB default
    try:
        rows = _csv_rows(text)
        header: list[str] | None = None
        for lineno, row, error in rows:
            if error is not None:
                if header is None:
                    raise InputError(f"{path}:{lineno}: {error}")
                out.skip(f"{path}:{lineno}", error)
                continue
            assert row is not None
            if header is None:
                if not row:
                    continue
                header = [h.strip() for h in row]
                _missing_columns(path, header)
                col = {name: i for i, name in reversed(list(enumerate(header)))}
                continue
            if not row:
                continue  # blank line
            where = f"{path}:{lineno}"
            if len(row) != len(header):
                out.skip(where, f"row has {len(row)} fields, the header has {len(header)}")
                continue
            date = row[col["date"]] if "date" in col else None
            out.add(where, row[col["id"]], row[col["text"]], date, origin=str(path))
        if header is None:
            raise InputError(f"{path}: empty CSV file (no header row)")
    finally:
        csv.field_size_limit(old_limit)


def _read_parquet(path: Path, out: _Collector) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    try:
        names = pq.read_schema(path).names
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    _missing_columns(path, names)
    cols = [c for c in ("id", "text", "date") if c in names]
    try:
        table = pq.read_table(path, columns=cols)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{path}: cannot read Parquet data ({exc})") from None
    data = {c: table.column(c).to_pylist() for c in cols}
    dates = data.get("date", [None] * table.num_rows)
    for i, (doc_id, text, date) in enumerate(zip(data["id"], data["text"], dates), start=1):
        out.add(f"{path}: row {i}", doc_id, text, date, origin=str(path))


def read_corpus(paths: Sequence[str | Path], *, default_date: dt.date | None = None) -> pd.DataFrame:
    """Read documents from .txt files, folders of them, .jsonl, .csv or .parquet files.

    Returns a DataFrame with object columns ``doc_id`` (str), ``text`` (str) and ``date``
    (:class:`datetime.date` or None; records without a date get ``default_date``). Skipped
    records are warned about (:class:`CorpusWarning`) and listed in ``attrs["problems"]``.
    Raises :class:`InputError` (message starting with the file) for unusable inputs and
    duplicate document ids.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if default_date is not None and not isinstance(default_date, dt.date):
        raise InvalidTypeError(f"default_date must be a datetime.date or None, got {type(default_date).__name__}")
    if isinstance(default_date, dt.datetime):
        default_date = default_date.date()
    out = _Collector(default_date)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            _read_folder(path, out)
            continue
        suffix = path.suffix.lower()
        if suffix not in CORPUS_SUFFIXES:
            if not path.exists():
                raise InputError(f"{path}: no such file or folder")
            raise InputError(
                f"{path}: unsupported input type {suffix or '(no extension)'!r}; "
                f"expected a folder or a {', '.join(CORPUS_SUFFIXES)} file"
            )
        reader = {".txt": _read_txt, ".jsonl": _read_jsonl, ".csv": _read_csv, ".parquet": _read_parquet}[suffix]
        reader(path, out)
    return out.frame()


# --------------------------------------------------------------------------------------------
# the events file


def _check_metadata(metadata: Mapping[str, str]) -> dict[bytes, bytes]:
    missing = [k for k in METADATA_KEYS if k not in metadata]
    if missing:
        raise SchemaError(f"events metadata lacks {', '.join(missing)} (required: {', '.join(METADATA_KEYS)})")
    out: dict[bytes, bytes] = {}
    for key, value in metadata.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise SchemaError(f"events metadata must map str to str, got {key!r}: {type(value).__name__}")
        if key in _ARROW_INTERNAL_KEYS:
            raise SchemaError(f"metadata key {key!r} is reserved by Arrow")
        out[key.encode("utf-8")] = value.encode("utf-8")
    return out


def _date_values(col: pd.Series) -> list[dt.date | None]:
    values: list[dt.date | None] = []
    for v in col.tolist():
        if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            values.append(None)
        elif isinstance(v, dt.datetime):  # includes pandas.Timestamp
            values.append(v.date())
        elif isinstance(v, dt.date):
            values.append(v)
        elif isinstance(v, np.datetime64):
            values.append(None if np.isnat(v) else pd.Timestamp(v).date())
        elif isinstance(v, str):
            values.append(dt.date.fromisoformat(v) if v.strip() else None)
        else:
            raise SchemaError(f"event_date: not a date: {v!r}")
    return values


def events_to_arrow(events_df: pd.DataFrame, *, metadata: Mapping[str, str]) -> pa.Table:
    """The events table as a :class:`pyarrow.Table` with exactly ``EVENT_SCHEMA`` + ``metadata``.

    ``metadata`` maps str to str and must hold every key of ``METADATA_KEYS`` (more are kept).
    Extra DataFrame columns are dropped; a missing column, a null in a non-nullable column or a
    value that does not fit its type raises :class:`geoevent.errors.SchemaError` (a ValueError).
    """
    md = _check_metadata(metadata)
    missing = [c for c in EVENT_COLUMNS if c not in events_df.columns]
    if missing:
        raise SchemaError(f"events table lacks column(s): {', '.join(missing)}")
    arrays: list[pa.Array] = []
    for field in EVENT_SCHEMA:
        col = events_df[field.name]
        try:
            if field.name == "event_date":
                arr = pa.array(_date_values(col), type=pa.date32())
            elif pa.types.is_floating(field.type):
                arr = pa.array(pd.to_numeric(col).to_numpy(dtype=np.float64), type=pa.float64(),
                               from_pandas=True).cast(field.type)
            else:
                arr = pa.array(col, type=field.type, from_pandas=True)
        except (pa.ArrowException, ValueError, TypeError) as exc:
            raise SchemaError(f"events column {field.name!r}: {exc}") from exc
        if not field.nullable and arr.null_count:
            raise SchemaError(f"events column {field.name!r} has {arr.null_count} missing value(s)")
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA.with_metadata(md))


def write_events(events_df: pd.DataFrame, path: str | Path, *, metadata: Mapping[str, str]) -> Path:
    """Write the events table to a Parquet file atomically; returns the path written.

    The table is written to a temporary file in the same folder, flushed to disk and renamed
    over ``path``; if anything fails the temporary file is removed and ``path`` is untouched.
    """
    table = events_to_arrow(events_df, metadata=metadata)
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        os.close(fd)
        pq.write_table(table, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the file normal permissions
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def read_events(path: str | Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """Read an events file: (events DataFrame with ``EVENT_COLUMNS``, metadata dict).

    String columns come back as object dtype, ``event_date`` as :class:`datetime.date` or None.
    Raises :class:`InputError` naming the file when it is missing, not Parquet or not an events file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    missing = [c for c in EVENT_COLUMNS if c not in table.column_names]
    if missing:
        raise InputError(f"{path}: not a geoevent events file (missing column(s) {', '.join(missing)})")
    table = table.select(list(EVENT_COLUMNS))
    df = table.to_pandas(date_as_object=True)
    for field in EVENT_SCHEMA:
        if pa.types.is_string(field.type):
            df[field.name] = df[field.name].astype(object).where(df[field.name].notna(), None)
    df["quad_class"] = df["quad_class"].astype("Int8")  # as the coder gives it; null for a non-CAMEO code
    raw = table.schema.metadata or {}
    metadata = {
        k.decode("utf-8", "replace"): v.decode("utf-8", "replace")
        for k, v in raw.items()
        if k.decode("utf-8", "replace") not in _ARROW_INTERNAL_KEYS
    }
    return df, metadata
