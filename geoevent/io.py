"""Corpus readers and the events file: documents in, Parquet events out.

Inputs (:func:`iter_documents`, streaming; :func:`read_corpus`, all at once):

* ``.txt`` files, or folders holding them (the folder's own ``*.txt`` files, not subfolders):
  one document per file, ``doc_id`` = the file name, ``date`` = ``default_date``;
* ``.jsonl`` (one JSON object a line) and ``.csv`` (header row) files, also gzip'd
  (``.jsonl.gz``, ``.csv.gz``), ``.parquet`` files and folders of Parquet files (a dataset, hive
  partitions allowed), with the columns ``id`` and ``text`` and, optionally, ``date``
  (other names through ``columns={"id": ..., "text": ..., "date": ...}``); ``keep=("url", ...)``
  carries more columns of these table inputs along (:attr:`Document.extra`, as text).

Everything is read in a stream: one record at a time (Parquet: one record batch), so memory does
not grow with the corpus. Only regular files are opened (a FIFO, a device or a symlink to one is
refused without blocking).

Problems with a whole input (a missing file, not a regular file, a folder without documents,
missing columns, a CSV without a header) raise :class:`geoevent.errors.InputError` whose message
starts with the file. A problem confined to one record skips that record, or codes it with a
repair, and is reported as one :class:`ErrorRecord` (file, line, doc_id, stage, error class,
message, action) to the ``errors`` log:

========================================  =========  ==========================================
problem                                   stage      what happens (``action``)
========================================  =========  ==========================================
broken JSON line, broken CSV row          read       record skipped (``skipped``)
no id / empty id / id or text wrong type  read       record skipped
empty text (only white space)             read       record skipped
duplicate document id                     read       the later record skipped
bytes that are not UTF-8                  decode     record skipped (the rest of the file is read)
binary data (NUL bytes)                   decode     record skipped
lone surrogates (``"\\ud800"`` in JSON)     decode     replaced by U+FFFD, coded (``replaced``)
unreadable date                           decode     coded without a date (``undated``)
text longer than ``max_doc_chars``        read       cut there (``truncated``) or ``skipped``
========================================  =========  ==========================================

Dates: ``YYYY-MM-DD``, an ISO timestamp (``2024-11-17T10:00:00Z``: the calendar day as written,
the time and offset ignored), a ``date_format`` (:meth:`datetime.datetime.strptime`), or date
values (Parquet). Empty dates take ``default_date``.

Output: :func:`write_events` writes the events table with exactly
:data:`geoevent.schema.EVENT_SCHEMA` plus schema metadata (:data:`geoevent.schema.METADATA_KEYS`),
atomically: a temporary file in the target's folder is renamed over the target only once it is
complete, and the folder is synced after the rename, so a crash never leaves a truncated file.
:func:`read_events` reads it back. Streaming output (a growing file or a partitioned dataset,
with resume) is in :mod:`geoevent.batch`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import json
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import IO, Any

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geoevent.errors import InputError, InvalidTypeError, InvalidValueError, SchemaError
from geoevent.schema import EVENT_COLUMNS, EVENT_SCHEMA, METADATA_KEYS

__all__ = [
    "CORPUS_SUFFIXES",
    "DEFAULT_MAX_DOC_CHARS",
    "ERROR_SCHEMA",
    "CorpusWarning",
    "Document",
    "ErrorLog",
    "ErrorRecord",
    "events_metadata",
    "events_to_arrow",
    "iter_documents",
    "parse_date",
    "read_corpus",
    "read_events",
    "write_events",
]

#: File name endings :func:`iter_documents` accepts (folders are accepted too).
CORPUS_SUFFIXES: tuple[str, ...] = (".txt", ".jsonl", ".jsonl.gz", ".csv", ".csv.gz", ".parquet")

#: Default bound on a document's length in characters (about 30,000 words; news articles are far
#: shorter). Longer texts are cut there (or skipped) and reported.
DEFAULT_MAX_DOC_CHARS = 200_000

_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_STAMP_RE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ARROW_INTERNAL_KEYS = {"pandas", "ARROW:schema"}
_STAGES = ("read", "decode", "parse", "code")

#: The errors table: one row per skipped, repaired or failed document or record.
ERROR_SCHEMA: pa.Schema = pa.schema(
    [
        pa.field("file", pa.string()),
        pa.field("line", pa.int64()),
        pa.field("doc_id", pa.string()),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("error", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("action", pa.string(), nullable=False),
    ]
)


class CorpusWarning(UserWarning):
    """One input record was skipped or repaired; the message names the file and the line (or row)."""


@attrs.frozen
class ErrorRecord:
    """One problem: where (file, line, doc_id), at which stage, what (error class, message), and
    what was done about it (``skipped``, ``undated``, ``truncated``, ``replaced``, ``failed``)."""

    file: str | None
    line: int | None
    doc_id: str | None
    stage: str
    error: str
    message: str
    action: str = "skipped"

    def describe(self) -> str:
        where = self.file or "-"
        if self.line is not None:
            where = f"{where}:{self.line}"
        doc = f"document {self.doc_id!r}: " if self.doc_id is not None and self.doc_id not in self.message else ""
        return f"{where}: {doc}{self.message}; {_ACTION_TEXT.get(self.action, self.action)}"


_ACTION_TEXT = {
    "skipped": "record skipped",
    "undated": "coded without a date",
    "truncated": "text truncated",
    "replaced": "replaced by U+FFFD",
    "failed": "document skipped",
}


class ErrorLog:
    """Collects :class:`ErrorRecord` rows; ``on_error`` is called with each one as it comes."""

    def __init__(self, on_error: Callable[[ErrorRecord], None] | None = None) -> None:
        self.records: list[ErrorRecord] = []
        self.on_error = on_error

    def add(self, record: ErrorRecord) -> None:
        if record.stage not in _STAGES:
            raise InvalidValueError(f"unknown stage {record.stage!r}")
        self.records.append(record)
        if self.on_error is not None:
            self.on_error(record)

    def extend(self, records: Iterable[ErrorRecord]) -> None:
        for r in records:
            self.add(r)

    def __len__(self) -> int:
        return len(self.records)

    def to_arrow(self) -> pa.Table:
        """The errors table (:data:`ERROR_SCHEMA`), in the order the problems were found."""
        cols = {f.name: [getattr(r, f.name) for r in self.records] for f in ERROR_SCHEMA}
        return pa.table(cols, schema=ERROR_SCHEMA)

    def to_frame(self) -> pd.DataFrame:
        return self.to_arrow().to_pandas()


@attrs.frozen
class Document:
    """One document read from the input: id, text, date, where it came from, and the values of
    the ``keep`` columns (text, or None when empty)."""

    doc_id: str
    text: str
    date: dt.date | None
    file: str
    line: int | None
    extra: tuple[str | None, ...] = ()


def extra_value(value: Any) -> str | None:
    """A kept column's value as the events table stores it: text, or None when missing."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


# --------------------------------------------------------------------------------------------
# dates


def parse_date(value: Any, default: dt.date | None = None, *, date_format: str | None = None) -> dt.date | None:
    """A record's date: ``YYYY-MM-DD``, an ISO timestamp, text in ``date_format``, a date value,
    or empty (-> ``default``). Raises ValueError naming the value otherwise."""
    if value is None:
        return default
    if isinstance(value, dt.datetime):  # includes pandas.Timestamp
        return None if value is pd.NaT else value.date()
    if isinstance(value, dt.date):
        return value
    if value is pd.NaT:
        return default
    if isinstance(value, float) and np.isnan(value):
        return default
    if isinstance(value, np.datetime64):
        return default if np.isnat(value) else pd.Timestamp(value).date()
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return default
        if date_format is not None:
            try:
                return dt.datetime.strptime(s, date_format).date()
            except ValueError:
                raise InvalidValueError(f"bad date {value!r} (expected the format {date_format!r})") from None
        m = _DATE_RE.fullmatch(s)
        if m is None:
            stamp = _ISO_STAMP_RE.fullmatch(s)
            if stamp is None:
                raise InvalidValueError(f"bad date {value!r} (expected YYYY-MM-DD or an ISO timestamp)")
            s = stamp.group(1)
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            raise InvalidValueError(f"bad date {value!r} (no such day)") from None
    raise InvalidValueError(f"bad date {value!r} (expected YYYY-MM-DD text, got {type(value).__name__})")


# --------------------------------------------------------------------------------------------
# opening files: regular files only, never blocking


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in CORPUS_SUFFIXES:
        if name.endswith(s):
            return s
    return path.suffix.lower()


def _open_regular(path: Path) -> IO[bytes]:
    """Open ``path`` for reading in binary mode, only when it is a regular file.

    The file is opened with O_NONBLOCK (so a FIFO does not block the open) and checked with
    fstat on the open descriptor, so a symlink to a device or a pipe is refused too.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = (
                "a FIFO (named pipe)"
                if stat.S_ISFIFO(st.st_mode)
                else "a device"
                if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "a socket"
                if stat.S_ISSOCK(st.st_mode)
                else "a folder"
                if stat.S_ISDIR(st.st_mode)
                else "not a regular file"
            )
            link = f" (a symlink to {os.path.realpath(path)})" if path.is_symlink() else ""
            raise InputError(f"{path}: not a regular file: {kind}{link}; only regular files are read")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class _GzipStream(gzip.GzipFile):
    """A gzip stream that closes the file it reads when it is closed (a GzipFile given a
    ``fileobj`` leaves it open, and the descriptor leaks until garbage collection)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw: IO[bytes] | None = raw
        super().__init__(fileobj=raw, mode="rb")

    def close(self) -> None:
        try:
            super().close()
        finally:
            raw, self._raw = self._raw, None
            if raw is not None:
                raw.close()


def _open_stream(path: Path) -> IO[bytes]:
    fh = _open_regular(path)
    if path.name.lower().endswith(".gz"):
        try:
            return _GzipStream(fh)  # type: ignore[return-value]  # GzipFile is a binary stream
        except BaseException:
            fh.close()
            raise
    return fh


# --------------------------------------------------------------------------------------------
# record checks


class _Reader:
    """Turns raw records into :class:`Document` values, reporting problems to the log."""

    def __init__(
        self,
        *,
        default_date: dt.date | None,
        date_format: str | None,
        errors: ErrorLog,
        max_doc_chars: int | None,
        on_long: str,
        seen: set[str] | None,
        keep: tuple[str, ...] = (),
    ) -> None:
        self.keep = keep
        self.default_date = default_date
        self.date_format = date_format
        self.errors = errors
        self.max_doc_chars = max_doc_chars
        self.on_long = on_long
        self.seen = seen

    def problem(
        self,
        file: str,
        line: int | None,
        doc_id: str | None,
        stage: str,
        error: str,
        message: str,
        action: str = "skipped",
    ) -> None:
        self.errors.add(ErrorRecord(file, line, doc_id, stage, error, message, action))

    def make(
        self, file: str, line: int | None, doc_id: Any, text: Any, date: Any, extra: Sequence[Any] = ()
    ) -> Document | None:
        """Check one record; a bad record is reported and None returned."""
        if doc_id is None or (isinstance(doc_id, float) and np.isnan(doc_id)):
            self.problem(file, line, None, "read", "MissingId", "no id")
            return None
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int, np.integer)):
            self.problem(
                file, line, None, "read", "WrongType", f"id must be a string or an integer, got {type(doc_id).__name__}"
            )
            return None
        doc_id = _SURROGATE_RE.sub("\ufffd", str(doc_id).strip())
        if not doc_id:
            self.problem(file, line, None, "read", "MissingId", "empty id")
            return None
        if not isinstance(text, str):
            if text is None or (isinstance(text, float) and np.isnan(text)):
                self.problem(file, line, doc_id, "read", "MissingText", "no text")
            else:
                self.problem(
                    file, line, doc_id, "read", "WrongType", f"text must be a string, got {type(text).__name__}"
                )
            return None
        if self.seen is not None:
            if doc_id in self.seen:
                self.problem(
                    file,
                    line,
                    doc_id,
                    "read",
                    "DuplicateId",
                    f"duplicate document id {doc_id!r} (an earlier record has it)",
                )
                return None
        if not text.strip():
            self.problem(file, line, doc_id, "read", "EmptyText", "empty text")
            if self.seen is not None:
                self.seen.add(doc_id)
            return None
        if "\x00" in text:
            self.problem(file, line, doc_id, "decode", "BinaryData", "binary data (NUL bytes in the text)")
            if self.seen is not None:
                self.seen.add(doc_id)
            return None
        if self.seen is not None:
            self.seen.add(doc_id)
        if self.max_doc_chars is not None and len(text) > self.max_doc_chars:
            if self.on_long == "skip":
                self.problem(
                    file,
                    line,
                    doc_id,
                    "read",
                    "TooLong",
                    f"text of {len(text)} characters exceeds --max-doc-chars {self.max_doc_chars}",
                )
                return None
            self.problem(
                file,
                line,
                doc_id,
                "read",
                "TooLong",
                f"text of {len(text)} characters cut at --max-doc-chars {self.max_doc_chars}",
                "truncated",
            )
            text = text[: self.max_doc_chars]
        if _SURROGATE_RE.search(text) is not None:
            n = len(_SURROGATE_RE.findall(text))
            self.problem(
                file,
                line,
                doc_id,
                "decode",
                "LoneSurrogate",
                f"{n} lone surrogate code point(s) in the text",
                "replaced",
            )
            text = _SURROGATE_RE.sub("\ufffd", text)
        try:
            day = parse_date(date, self.default_date, date_format=self.date_format)
        except ValueError as exc:
            self.problem(file, line, doc_id, "decode", "BadDate", str(exc), "undated")
            day = None
        return Document(doc_id, text, day, file, line, tuple(extra_value(v) for v in extra))


def _missing_columns(path: Path, present: Sequence[str], columns: Mapping[str, str], keep: Sequence[str] = ()) -> None:
    missing = [columns[c] for c in ("id", "text") if columns[c] not in present]
    missing += [k for k in keep if k not in present and k not in missing]
    if missing:
        cols = ", ".join(map(repr, present)) if present else "none"
        raise InputError(f"{path}: missing column(s) {', '.join(map(repr, missing))} (columns found: {cols})")


# --------------------------------------------------------------------------------------------
# readers, one per input type; each yields Documents


def _decode_error_message(exc: UnicodeDecodeError) -> str:
    return f"not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"


def _no_columns(path: Path, r: _Reader) -> None:
    if r.keep:
        raise InputError(
            f"{path}: .txt documents have no columns to keep ({', '.join(r.keep)}); "
            "keeping columns needs .jsonl, .csv or .parquet inputs"
        )


def _read_txt(path: Path, r: _Reader) -> Iterator[Document]:
    _no_columns(path, r)
    limit = r.max_doc_chars
    with _open_regular(path) as fh:
        data = fh.read() if limit is None else fh.read(4 * limit + 8)
        more = limit is not None and fh.read(1) != b""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        text = decoder.decode(data, final=not more)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        r.problem(str(path), line, path.name, "decode", "UnicodeDecodeError", _decode_error_message(exc))
        if r.seen is not None:
            r.seen.add(path.name)
        return
    if more and limit is not None and len(text) <= limit:
        text += "\ufffd" * (limit + 1 - len(text))  # longer than the limit: let the check cut it
    doc = r.make(str(path), None, path.name, text, None)
    if doc is not None:
        yield doc


def _txt_files(path: Path) -> list[Path]:
    try:
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and not p.is_dir())
    except OSError as exc:
        raise InputError(f"{path}: cannot list folder: {exc.strerror or exc}") from None


def _read_folder(path: Path, r: _Reader, columns: Mapping[str, str]) -> Iterator[Document]:
    files = _txt_files(path)
    if not files:
        parquet = sorted(
            p
            for p in path.rglob("*.parquet")
            if not any(part.startswith(("_", ".")) for part in p.relative_to(path).parts)
        )
        if parquet:
            yield from _read_parquet_dataset(path, r, columns)
            return
        raise InputError(f"{path}: folder has no .txt files (nor Parquet files)")
    _no_columns(path, r)
    for file in files:
        try:
            yield from _read_txt(file, r)
        except InputError as exc:  # a FIFO or unreadable file inside a folder: that record only
            r.problem(str(file), None, file.name, "read", "InputError", str(exc).removeprefix(f"{file}: "))


def _read_jsonl(path: Path, r: _Reader, columns: Mapping[str, str]) -> Iterator[Document]:
    id_c, text_c, date_c = columns["id"], columns["text"], columns["date"]
    checked = False
    with _open_stream(path) as fh:
        try:
            for lineno, raw in enumerate(fh, start=1):  # binary lines split on b"\n" only (JSON may hold U+2028)
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    r.problem(str(path), lineno, None, "decode", "UnicodeDecodeError", _decode_error_message(exc))
                    continue
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    r.problem(
                        str(path),
                        lineno,
                        None,
                        "read",
                        "JSONDecodeError",
                        f"broken JSON ({exc.msg}, column {exc.colno})",
                    )
                    continue
                except RecursionError:
                    r.problem(str(path), lineno, None, "read", "JSONDecodeError", "broken JSON (nested too deeply)")
                    continue
                if not isinstance(obj, dict):
                    r.problem(
                        str(path),
                        lineno,
                        None,
                        "read",
                        "WrongType",
                        f"expected a JSON object, got {type(obj).__name__}",
                    )
                    continue
                if not checked:
                    _missing_columns(path, sorted(obj), columns, r.keep)
                    checked = True
                doc = r.make(
                    str(path), lineno, obj.get(id_c), obj.get(text_c), obj.get(date_c), [obj.get(k) for k in r.keep]
                )
                if doc is not None:
                    yield doc
        except (OSError, EOFError) as exc:  # a truncated or corrupt gzip stream
            raise InputError(f"{path}: cannot read: {exc}") from None


def _read_csv(path: Path, r: _Reader, columns: Mapping[str, str]) -> Iterator[Document]:
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # news articles exceed the 128 kB default
    try:
        with _open_stream(path) as raw:
            import io as _io

            fh = _io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
            reader = csv.reader(fh, strict=True)
            header: list[str] | None = None
            col: dict[str, int] = {}
            while True:
                start = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    if header is None:
                        raise InputError(f"{path}:{start}: broken CSV ({exc})") from None
                    r.problem(str(path), start, None, "read", "CSVError", f"broken CSV ({exc})")
                    continue
                except (OSError, EOFError) as exc:
                    raise InputError(f"{path}: cannot read: {exc}") from None
                if not row:
                    continue
                if any(_SURROGATE_RE.search(f) for f in row):  # undecodable bytes, escaped by surrogateescape
                    bad = next(f for f in row if _SURROGATE_RE.search(f))
                    i = _SURROGATE_RE.search(bad).start()  # type: ignore[union-attr]
                    r.problem(
                        str(path),
                        start,
                        None,
                        "decode",
                        "UnicodeDecodeError",
                        f"not UTF-8 (byte 0x{ord(bad[i]) - 0xDC00:02x} in a field)",
                    )
                    continue
                if header is None:
                    header = [h.strip() for h in row]
                    _missing_columns(path, header, columns, r.keep)
                    col = {name: i for i, name in reversed(list(enumerate(header)))}
                    continue
                if len(row) != len(header):
                    r.problem(
                        str(path),
                        start,
                        None,
                        "read",
                        "CSVError",
                        f"row has {len(row)} fields, the header has {len(header)}",
                    )
                    continue
                date = row[col[columns["date"]]] if columns["date"] in col else None
                doc = r.make(
                    str(path),
                    start,
                    row[col[columns["id"]]],
                    row[col[columns["text"]]],
                    date,
                    [row[col[k]] or None for k in r.keep],
                )
                if doc is not None:
                    yield doc
            if header is None:
                raise InputError(f"{path}: empty CSV file (no header row)")
    finally:
        csv.field_size_limit(old_limit)


def _batches(
    path: Path, source: Any, names: Sequence[str], r: _Reader, columns: Mapping[str, str]
) -> Iterator[Document]:
    _missing_columns(path, names, columns, r.keep)
    cols = list(dict.fromkeys([columns[c] for c in ("id", "text", "date") if columns[c] in names] + list(r.keep)))
    row = 0
    try:
        for batch in source(cols):
            data = {c: batch.column(i).to_pylist() for i, c in enumerate(cols)}
            dates = data.get(columns["date"], [None] * batch.num_rows)
            extras = list(zip(*(data[k] for k in r.keep))) if r.keep else [()] * batch.num_rows
            for doc_id, text, date, extra in zip(data[columns["id"]], data[columns["text"]], dates, extras):
                row += 1
                doc = r.make(str(path), row, doc_id, text, date, extra)
                if doc is not None:
                    yield doc
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{path}: cannot read Parquet data ({exc})") from None


def _read_parquet(path: Path, r: _Reader, columns: Mapping[str, str]) -> Iterator[Document]:
    fh = _open_regular(path)
    try:
        try:
            pf = pq.ParquetFile(fh)
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
        yield from _batches(
            path, lambda cols: pf.iter_batches(columns=cols, batch_size=1024), pf.schema_arrow.names, r, columns
        )
    finally:
        fh.close()


def _read_parquet_dataset(path: Path, r: _Reader, columns: Mapping[str, str]) -> Iterator[Document]:
    import pyarrow.dataset as pads

    try:
        dataset = pads.dataset(path, format="parquet", partitioning="hive")
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{path}: not a readable Parquet dataset ({exc})") from None
    yield from _batches(
        path, lambda cols: dataset.to_batches(columns=cols, batch_size=1024), dataset.schema.names, r, columns
    )


_ROLES = ("doc_id", "text", "date")

_READERS = {
    ".txt": lambda p, r, c: _read_txt(p, r),
    ".jsonl": _read_jsonl,
    ".jsonl.gz": _read_jsonl,
    ".csv": _read_csv,
    ".csv.gz": _read_csv,
    ".parquet": _read_parquet,
}


def _keep_names(keep: Sequence[str]) -> tuple[str, ...]:
    if isinstance(keep, str):
        keep = [keep]
    out = tuple(dict.fromkeys(keep))
    for k in out:
        if not isinstance(k, str) or not k:
            raise InputError(f"a column to keep must be a non-empty name, got {k!r}")
    return out


def _columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    out = {"id": "id", "text": "text", "date": "date"}
    for key, value in (columns or {}).items():
        if key not in out:
            raise InputError(f"unknown column role {key!r} (id, text, date)")
        if not isinstance(value, str) or not value:
            raise InputError(f"column name for {key!r} must be a non-empty string")
        out[key] = value
    return out


def iter_documents(
    paths: str | Path | Sequence[str | Path],
    *,
    default_date: dt.date | None = None,
    date_format: str | None = None,
    columns: Mapping[str, str] | None = None,
    errors: ErrorLog | None = None,
    max_doc_chars: int | None = DEFAULT_MAX_DOC_CHARS,
    on_long: str = "truncate",
    unique_ids: bool = True,
    keep: Sequence[str] = (),
) -> Iterator[Document]:
    """Stream the documents of every input, in input order (see the module docstring).

    Record problems go to ``errors`` (an :class:`ErrorLog`; default: a fresh one that warns).
    ``max_doc_chars`` bounds a text (None: no bound); ``on_long`` is ``"truncate"`` or ``"skip"``.
    ``unique_ids`` skips a record whose id an earlier record had (this keeps the ids seen).
    ``keep`` names more columns whose values each document carries (:attr:`Document.extra`); a
    named column missing from an input raises :class:`InputError`.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if default_date is not None and not isinstance(default_date, dt.date):
        raise InvalidTypeError(f"default_date must be a datetime.date or None, got {type(default_date).__name__}")
    if isinstance(default_date, dt.datetime):
        default_date = default_date.date()
    if on_long not in ("truncate", "skip"):
        raise InputError(f"on_long must be 'truncate' or 'skip', got {on_long!r}")
    if max_doc_chars is not None and max_doc_chars < 1:
        raise InputError(f"max_doc_chars must be >= 1, got {max_doc_chars}")
    if errors is None:
        errors = ErrorLog(lambda rec: warnings.warn(rec.describe(), CorpusWarning, stacklevel=4))
    cols = _columns(columns)
    r = _Reader(
        default_date=default_date,
        date_format=date_format,
        errors=errors,
        max_doc_chars=max_doc_chars,
        on_long=on_long,
        seen=set() if unique_ids else None,
        keep=_keep_names(keep),
    )
    plan: list[tuple[Path, Callable[..., Iterator[Document]]]] = []
    for raw in paths:  # check every input before the first document is read
        path = Path(raw)
        if path.is_dir():
            plan.append((path, _read_folder))
            continue
        suffix = _suffix(path)
        if suffix not in _READERS:
            if not path.exists() and not path.is_symlink():
                raise InputError(f"{path}: no such file or folder")
            raise InputError(
                f"{path}: unsupported input type {suffix or '(no extension)'!r}; "
                f"expected a folder or a {', '.join(CORPUS_SUFFIXES)} file"
            )
        if not path.exists() and not path.is_symlink():
            raise InputError(f"{path}: no such file")
        _open_regular(path).close()
        plan.append((path, _READERS[suffix]))
    for path, reader in plan:
        yield from reader(path, r, cols)


def read_corpus(
    paths: str | Path | Sequence[str | Path],
    *,
    default_date: dt.date | None = None,
    date_format: str | None = None,
    columns: Mapping[str, str] | None = None,
    max_doc_chars: int | None = DEFAULT_MAX_DOC_CHARS,
    on_long: str = "truncate",
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """Read every document into a DataFrame: object columns ``doc_id``, ``text``, ``date`` and
    the ``keep`` columns (text; for ``code_frame(..., keep=...)``).

    Record problems are warned about (:class:`CorpusWarning`), listed in ``attrs["problems"]``
    (messages) and ``attrs["errors"]`` (:class:`ErrorRecord` rows). Raises :class:`InputError`
    (message starting with the file) for unusable inputs and for duplicate document ids.
    For large corpora use :func:`iter_documents` or :mod:`geoevent.batch`, which stream.
    """
    log = ErrorLog(lambda rec: warnings.warn(rec.describe(), CorpusWarning, stacklevel=_outside_level()))
    docs = list(
        iter_documents(
            paths,
            default_date=default_date,
            date_format=date_format,
            columns=columns,
            errors=log,
            max_doc_chars=max_doc_chars,
            on_long=on_long,
            unique_ids=False,
            keep=keep,
        )
    )
    keep = _keep_names(keep)
    first: dict[str, str] = {}
    dups: list[str] = []
    for d in docs:
        if d.doc_id in first:
            where = d.file if d.file == first[d.doc_id] else f"{first[d.doc_id]} and {d.file}"
            dups.append(f"{d.doc_id!r} ({where})")
        else:
            first[d.doc_id] = d.file
    if dups:
        more = f" and {len(dups) - 5} more" if len(dups) > 5 else ""
        raise InputError(f"duplicate document ids: {', '.join(dups[:5])}{more}")
    out = pd.DataFrame(
        {
            "doc_id": pd.Series([d.doc_id for d in docs], dtype=object),
            "text": pd.Series([d.text for d in docs], dtype=object),
            "date": pd.Series([d.date for d in docs], dtype=object),
            **{k: pd.Series([d.extra[i] for d in docs], dtype=object) for i, k in enumerate(keep) if k not in _ROLES},
        }
    )
    out.attrs["problems"] = [rec.describe() for rec in log.records]
    out.attrs["errors"] = list(log.records)
    return out


def _outside_level() -> int:
    """The warnings stacklevel of the first caller outside this module."""
    level = 1
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == __file__:
        level += 1
        frame = frame.f_back
    return level


# --------------------------------------------------------------------------------------------
# syncing and temporary files


def fsync_folder(folder: str | Path) -> None:
    """Flush a folder's entries (a rename inside it) to disk; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_TMP_RE = re.compile(r"^\.(?P<name>.+)\.geoevent-(?P<pid>\d+)-[0-9a-f]+\.tmp$")


def temp_path(target: Path) -> Path:
    """A temporary name beside ``target`` that names this process (see :func:`clean_stale_temp`)."""
    return target.with_name(f".{target.name}.geoevent-{os.getpid()}-{os.urandom(4).hex()}.tmp")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temp(target: Path) -> list[Path]:
    """Remove our temporary files for ``target`` left by processes that no longer run."""
    folder = target.parent if str(target.parent) else Path(".")
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for p in entries:
        m = _TMP_RE.match(p.name)
        if m and m.group("name") == target.name and not _alive(int(m.group("pid"))):
            try:
                p.unlink()
                removed.append(p)
            except OSError:
                pass
    return removed


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


def events_metadata(events_df: pd.DataFrame, *, rules: Any = None) -> dict[str, str]:
    """The metadata of an events file, filled from the table itself: geoevent and codebook
    versions, and from ``events_df.attrs`` (set by the coder) the dictionary fingerprint and
    the coding rules; ``rules`` (a :class:`geoevent.CodingRules`) overrides the latter.
    Values the table cannot tell are ``"unknown"``."""
    import geoevent
    from geoevent.codebook import CODEBOOK_VERSION

    attrs = events_df.attrs or {}
    if rules is not None:
        coding_rules = rules.to_json()
    else:
        coding_rules = attrs.get("coding_rules")
        if coding_rules is not None and not isinstance(coding_rules, str):
            coding_rules = coding_rules.to_json()
    parsers = sorted({str(p) for p in events_df["parser"].dropna().unique()}) if "parser" in events_df else []
    return {
        "geoevent_version": geoevent.__version__,
        "codebook_version": CODEBOOK_VERSION,
        "dictionary_fingerprint": str(attrs.get("dictionary_fingerprint") or "unknown"),
        "parser": ",".join(parsers) or "unknown",
        "coding_rules": coding_rules or "unknown",
    }


def _date_values(col: pd.Series) -> list[dt.date | None]:
    if isinstance(col.dtype, pd.ArrowDtype):
        col = col.astype(object)
    values: list[dt.date | None] = []
    for v in col.tolist():
        if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
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
                arr = pa.array(pd.to_numeric(col).to_numpy(dtype=np.float64), type=pa.float64(), from_pandas=True).cast(
                    field.type
                )
            else:
                arr = pa.array(col, type=field.type, from_pandas=True)
        except (pa.ArrowException, ValueError, TypeError) as exc:
            raise SchemaError(f"events column {field.name!r}: {exc}") from exc
        if not field.nullable and arr.null_count:
            raise SchemaError(f"events column {field.name!r} has {arr.null_count} missing value(s)")
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA.with_metadata(md))


def write_events(
    events_df: pd.DataFrame, path: str | Path, *, metadata: Mapping[str, str] | None = None, rules: Any = None
) -> Path:
    """Write the events table to a Parquet file atomically; returns the path written.

    The metadata is filled by :func:`events_metadata` (versions, dictionary fingerprint, the
    coding rules from ``rules`` or ``events_df.attrs["coding_rules"]``); keys in ``metadata``
    are added or override. The table is written to a temporary file in the same folder, flushed
    to disk and renamed over ``path``, and the folder is synced; if anything fails the temporary
    file is removed and ``path`` is untouched. Temporary files a killed run left for ``path`` are
    removed first.
    """
    metadata = {**events_metadata(events_df, rules=rules), **(metadata or {})}
    table = events_to_arrow(events_df, metadata=metadata)
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    clean_stale_temp(path)
    tmp = temp_path(path)
    try:
        pq.write_table(table, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(folder)
    return path


def _part_key(p: Path) -> tuple[int, int, str]:
    bits = p.stem.split("-")
    try:
        return int(bits[1]), int(bits[2]), str(p)
    except (IndexError, ValueError):
        return (1 << 62, 0, str(p))


def read_events(path: str | Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """Read an events file or dataset folder: (events DataFrame with ``EVENT_COLUMNS`` and the
    columns a run added after them, such as ``mentions`` or kept input columns; metadata dict).

    A dataset folder (written by ``geoevent code`` / :func:`geoevent.batch.run`) is read part by
    part in chunk order; its metadata comes from ``_common_metadata``. The DataFrame has the
    coder's dtypes (text as ``string[pyarrow]``, ``event_date`` as Arrow date32) and the metadata
    also in ``df.attrs["metadata"]`` (and ``attrs["coding_rules"]``). Raises :class:`InputError`
    naming the file when it is missing, not Parquet or not an events file.
    """
    path = Path(path)
    if path.is_dir():
        parts = sorted((p for p in path.rglob("part-*.parquet") if "_geoevent" not in p.parts), key=_part_key)
        try:
            tables = [pq.read_table(p, partitioning=None) for p in parts]
            meta_file = path / "_common_metadata"
            schema = (
                pq.read_schema(meta_file)
                if meta_file.is_file()
                else (pq.read_schema(parts[0]) if parts else EVENT_SCHEMA)
            )
        except (OSError, pa.ArrowException, KeyError) as exc:
            raise InputError(f"{path}: not a readable geoevent dataset ({exc})") from None
        table = (
            pa.concat_tables([t.replace_schema_metadata(None) for t in tables])
            if tables
            else EVENT_SCHEMA.empty_table()
        )
        table = table.replace_schema_metadata(schema.metadata)
    else:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    if "sentence_start" not in table.column_names and "sentence_text" in table.column_names:
        # written before the column existed: the sentence offset is unknown
        table = table.append_column(
            EVENT_SCHEMA.field("sentence_start"), pa.array(np.full(table.num_rows, -1, np.int32))
        )
    missing = [c for c in EVENT_COLUMNS if c not in table.column_names]
    if missing:
        raise InputError(f"{path}: not a geoevent events file (missing column(s) {', '.join(missing)})")
    # the schema's columns, then any a run added (``--dedup`` counts, ``--keep-columns``)
    table = table.select(list(EVENT_COLUMNS) + [c for c in table.column_names if c not in EVENT_COLUMNS])
    df = _events_frame(table)
    raw = dict(table.schema.metadata or {})
    if not path.is_dir():  # key-value pairs added when the file was closed (counts of a streamed run)
        raw.update(pq.read_metadata(path).metadata or {})
    metadata = {
        k.decode("utf-8", "replace"): v.decode("utf-8", "replace")
        for k, v in raw.items()
        if k.decode("utf-8", "replace") not in _ARROW_INTERNAL_KEYS
    }
    df.attrs["metadata"] = dict(metadata)
    if metadata.get("coding_rules", "unknown") != "unknown":
        df.attrs["coding_rules"] = metadata["coding_rules"]
    if "dictionary_fingerprint" in metadata:
        df.attrs["dictionary_fingerprint"] = metadata["dictionary_fingerprint"]
    return df, metadata


def _events_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow events table as the coder's DataFrame: the same dtypes (strings as
    ``string[pyarrow]``, ``event_date`` as Arrow date32, ``quad_class`` as Int8)."""
    from geoevent.coder import DATE_DTYPE, STRING_DTYPE

    def mapper(t: pa.DataType) -> Any:
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return STRING_DTYPE
        if pa.types.is_date32(t):
            return DATE_DTYPE
        return None

    df = table.to_pandas(types_mapper=mapper)
    df["quad_class"] = df["quad_class"].astype("Int8")  # as the coder gives it; null for a non-CAMEO code
    return df
