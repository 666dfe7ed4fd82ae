"""Corpus-scale runs: stream documents in chunks, code them on every core, append to Parquet.

:func:`run` is what ``geoevent code`` does::

    inputs --iter_documents--> chunks of chunk_docs documents --code_chunk (1..N workers)-->
        events in chunk order --> one Parquet file, or a (hive-partitioned) Parquet dataset

* Memory is bounded by the chunk size and the number of chunks in flight, not by the corpus.
* Chunks are formed from the input stream alone and coded independently, so the output does not
  depend on ``jobs`` (or on Dask): it is the same, event for event, for any number of workers.
* A dataset folder is resumable: every chunk's part files are followed by a small manifest
  (``_geoevent/chunk-NNNNNN.json``: its documents, files, events, errors); a re-run with the same
  configuration skips the chunks that have a manifest and removes part files a killed run left
  without one, so nothing is duplicated or lost. A changed configuration is refused.
* Every skipped, repaired or failed record or document is one row of the errors table
  (:data:`geoevent.io.ERROR_SCHEMA`), written beside the output.
* ``JobSpec.keep`` columns of the input travel into each of their document's events (as text,
  after the schema's columns); ``JobSpec.dedup`` collapses repeated events
  (:func:`geoevent.deduplicate`): ``"story"`` in each chunk (a document never spans two),
  ``"day"`` over the whole output file once it is complete (a dataset folder cannot do that).
"""

from __future__ import annotations

import collections
import datetime as dt
import inspect
import json
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geoevent.errors import InputError
from geoevent.io import (
    DEFAULT_MAX_DOC_CHARS,
    Document,
    ErrorLog,
    ErrorRecord,
    clean_stale_temp,
    events_to_arrow,
    fsync_folder,
    iter_documents,
    temp_path,
)
from geoevent.rules import CodingRules
from geoevent.schema import EVENT_COLUMNS, EVENT_SCHEMA

__all__ = [
    "DEDUP_CHOICES",
    "DEFAULT_CHUNK_DOCS",
    "PARTITION_FIELDS",
    "Chunk",
    "ChunkResult",
    "DocumentTimeout",
    "JobSpec",
    "RunSummary",
    "code_chunk",
    "default_jobs",
    "errors_path_for",
    "ordered_map",
    "output_schema",
    "run",
]

#: Documents per chunk: the unit of work handed to a worker, written as one part of the output.
DEFAULT_CHUNK_DOCS = 256

#: Fields ``partition=`` may name, all taken from the event date.
PARTITION_FIELDS: tuple[str, ...] = ("year", "month", "day")

#: What ``JobSpec.dedup`` may be (None: every event kept).
DEDUP_CHOICES: tuple[str, ...] = ("story", "day")
_COUNT_FIELDS = (pa.field("mentions", pa.int32()), pa.field("num_documents", pa.int32()))

_MANIFEST_DIR = "_geoevent"
_CONFIG_FILE = "config.json"


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class DocumentTimeout(BaseException):
    """Raised inside a worker when a document exceeds its time budget (not an Exception, so the
    coder's per-document isolation cannot swallow it)."""


# --------------------------------------------------------------------------------------------
# the unit of work


@attrs.frozen
class JobSpec:
    """What a worker needs to code chunks (picklable; the model and dictionaries are loaded once
    per worker process and reused)."""

    parser: str = "embedded"
    rules_json: str = attrs.field(factory=lambda: CodingRules().to_json())
    dictionary_files: tuple[str, ...] = ()
    doc_timeout: float | None = None
    line_breaks: str | None = None
    keep: tuple[str, ...] = ()
    dedup: str | None = None


def output_schema(spec: JobSpec, *, counts: bool | None = None) -> pa.Schema:
    """The schema of a run's events: :data:`EVENT_SCHEMA`, then ``mentions`` and ``num_documents``
    when the run de-duplicates (``counts`` overrides), then the kept columns (text)."""
    fields = list(EVENT_SCHEMA)
    if spec.dedup is not None if counts is None else counts:
        fields += list(_COUNT_FIELDS)
    fields += [pa.field(k, pa.string()) for k in spec.keep]
    return pa.schema(fields)


def check_output_columns(keep: Sequence[str], dedup: str | None) -> None:
    """Refuse kept column names the events table already has, and an unknown ``dedup``."""
    if dedup is not None and dedup not in DEDUP_CHOICES:
        raise InputError(f"dedup must be one of {', '.join(DEDUP_CHOICES)} or None, got {dedup!r}")
    taken = set(EVENT_COLUMNS) | {f.name for f in _COUNT_FIELDS} | set(PARTITION_FIELDS)
    clash = [k for k in keep if k in taken]
    if clash:
        raise InputError(
            f"cannot keep column(s) {', '.join(map(repr, clash))}: the events table has columns of that name"
        )


def _to_arrow(events: pd.DataFrame, spec: JobSpec, *, counts: bool) -> pa.Table:
    """A chunk's events as an Arrow table of :func:`output_schema` (no metadata)."""
    table = events_to_arrow(events, metadata=_PLACEHOLDER_METADATA).replace_schema_metadata(None)
    n = len(events)
    if counts:
        for f in _COUNT_FIELDS:
            values = events[f.name].to_numpy() if f.name in events.columns else [1] * n
            table = table.append_column(f, pa.array(values, type=pa.int32()))
    for k in spec.keep:
        values = events[k].tolist() if k in events.columns else [None] * n
        clean = [None if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v) for v in values]
        table = table.append_column(pa.field(k, pa.string()), pa.array(clean, type=pa.string()))
    return table


@attrs.frozen
class Chunk:
    """Documents ``seq * chunk_docs ...`` of the input stream."""

    seq: int
    doc_ids: tuple[str, ...]
    texts: tuple[str, ...]
    dates: tuple[dt.date | None, ...]
    files: tuple[str, ...]
    lines: tuple[int | None, ...]
    extras: tuple[tuple[str | None, ...], ...] = ()

    @classmethod
    def of(cls, seq: int, docs: Sequence[Document]) -> Chunk:
        return cls(
            seq,
            tuple(d.doc_id for d in docs),
            tuple(d.text for d in docs),
            tuple(d.date for d in docs),
            tuple(d.file for d in docs),
            tuple(d.line for d in docs),
            tuple(d.extra for d in docs),
        )


@attrs.frozen
class ChunkResult:
    """A coded chunk: its events (an Arrow table with :data:`EVENT_SCHEMA`), its parse/code errors,
    its sentence count and how long it took."""

    seq: int
    events: pa.Table
    errors: tuple[ErrorRecord, ...]
    documents: int
    sentences: int
    seconds: float


_WORKER: dict[str, Any] = {}


def _dictionaries(files: tuple[str, ...]) -> Any:
    from geoevent import coder

    key = (id(coder.default_dictionaries), files)  # a replaced loader (tests) is not served stale tables
    hit = _WORKER.get("dictionaries")
    if hit is not None and hit[0] == key:
        return hit[1]
    d = coder.default_dictionaries()
    if files:
        from geoevent.dictionaries.builtin import load_files

        d = d.merged(load_files(list(files)))
    _WORKER["dictionaries"] = (key, d)
    return d


def _init_worker(spec: JobSpec) -> None:
    """Load the dictionaries and the parser once in a worker process (errors surface per chunk)."""
    try:
        _dictionaries(spec.dictionary_files)
        from geoevent.parse import get_parser

        backend = get_parser(spec.parser)
        load = getattr(backend, "_load", None)
        if callable(load):
            load()
    except Exception:  # noqa: BLE001 - the first chunk raises it again, with its message
        pass


class _Budget:
    """A SIGALRM timer raising :class:`DocumentTimeout` (a no-op outside the main thread)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.armed = (
            seconds is not None
            and seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )
        self.old: Any = None

    def __enter__(self) -> _Budget:
        if self.armed:

            def fire(signum: int, frame: Any) -> None:
                raise DocumentTimeout()

            self.old = signal.signal(signal.SIGALRM, fire)
            signal.setitimer(signal.ITIMER_REAL, float(self.seconds))  # type: ignore[arg-type]
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)


def _stage(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename.replace("\\", "/")
        if "/geoevent/parse/" in name:
            return "parse"
        tb = tb.tb_next
    return "code"


def _supports_line_breaks() -> bool:
    from geoevent import coder

    try:
        return "line_breaks" in inspect.signature(coder.code_documents).parameters
    except (TypeError, ValueError):
        return False


def _code(
    docs: pd.DataFrame, spec: JobSpec, chunk: Chunk, index: Mapping[str, int], errors: list[ErrorRecord]
) -> tuple[pd.DataFrame, int]:
    from geoevent import coder

    failures: dict[str, BaseException] = {}
    kw: dict[str, Any] = {}
    if spec.line_breaks is not None and _supports_line_breaks():
        kw["line_breaks"] = spec.line_breaks
    events = coder.code_documents(
        docs,
        parser=spec.parser,
        dictionaries=_dictionaries(spec.dictionary_files),
        rules=CodingRules.from_json(spec.rules_json),
        on_problem=lambda d, e: failures.__setitem__(d, e),
        **kw,
    )
    for item in events.attrs.get("problems", []):
        doc_id, message = item if isinstance(item, tuple) else (None, str(item))
        exc = failures.get(doc_id) if doc_id is not None else None
        i = index.get(doc_id, -1) if doc_id is not None else -1
        errors.append(
            ErrorRecord(
                chunk.files[i] if i >= 0 else None,
                chunk.lines[i] if i >= 0 else None,
                doc_id,
                _stage(exc) if exc is not None else "code",
                type(exc).__name__ if exc is not None else "CodingProblem",
                str(message),
                "failed",
            )
        )
    sentences = events.attrs.get("sentences", 0)
    return events, int(sentences) if isinstance(sentences, int) else 0


def code_chunk(chunk: Chunk, spec: JobSpec) -> ChunkResult:
    """Parse and code one chunk (in whichever process runs it); documents that fail or exceed
    ``spec.doc_timeout`` seconds become error rows, the others keep their events."""
    from geoevent import coder

    t0 = time.perf_counter()
    index = {d: i for i, d in enumerate(chunk.doc_ids)}
    docs = pd.DataFrame({"doc_id": list(chunk.doc_ids), "text": list(chunk.texts), "date": list(chunk.dates)})
    for i, k in enumerate(spec.keep):
        docs[k] = pd.Series([e[i] if i < len(e) else None for e in chunk.extras] or [None] * len(docs), dtype=object)
    errors: list[ErrorRecord] = []
    budget = spec.doc_timeout
    try:
        with _Budget(budget * len(chunk.doc_ids) if budget else None):
            events, sentences = _code(docs, spec, chunk, index, errors)
    except DocumentTimeout:  # find the slow document(s): one at a time, each with its own budget
        errors, parts, sentences = [], [], 0
        for i in range(len(docs)):
            try:
                with _Budget(budget):
                    ev, n = _code(docs.iloc[i : i + 1], spec, chunk, index, errors)
                parts.append(ev)
                sentences += n
            except DocumentTimeout:
                errors.append(
                    ErrorRecord(
                        chunk.files[i],
                        chunk.lines[i],
                        chunk.doc_ids[i],
                        "parse",
                        "DocumentTimeout",
                        f"took longer than the time budget of {budget:g} s per document",
                        "failed",
                    )
                )
        events = coder._finish(pd.concat(parts, ignore_index=True)) if parts else coder.empty_events()
    events = coder.keep_columns(events, docs, spec.keep)
    if spec.dedup == "story":  # a document lies in one chunk: its repeats are all here
        events = coder.deduplicate(events, by="story")
    table = _to_arrow(events, spec, counts=spec.dedup == "story")
    return ChunkResult(chunk.seq, table, tuple(errors), len(chunk.doc_ids), sentences, time.perf_counter() - t0)


_PLACEHOLDER_METADATA = {"geoevent_version": "-", "codebook_version": "-", "dictionary_fingerprint": "-", "parser": "-"}


def code_frame_chunk(docs: pd.DataFrame, options: Mapping[str, Any]) -> pd.DataFrame:
    """``coder.code_documents`` on a slice of a documents table (the worker side of
    ``code_frame(..., jobs=N)``); the result keeps ``attrs["problems"]`` and ``attrs["sentences"]``."""
    from geoevent import coder

    problems: list[tuple[str, str]] = []
    out = coder.code_documents(docs, on_problem=lambda d, e: problems.append((d, str(e))), **options)
    out.attrs["problems"] = list(out.attrs.get("problems", problems))
    return out


# --------------------------------------------------------------------------------------------
# running chunks: in this process, in worker processes, or on a Dask cluster


def _lookahead(items: Iterator[Any], n: int) -> tuple[list[Any], bool]:
    head: list[Any] = []
    for item in items:
        head.append(item)
        if len(head) >= n:
            return head, False
    return head, True


def ordered_map(
    fn: Callable[[Any, Any], Any],
    items: Iterable[Any],
    spec: Any,
    *,
    jobs: int = 1,
    client: Any = None,
    window: int | None = None,
) -> Iterator[Any]:
    """``fn(item, spec)`` for each item, results in input order, at most ``window`` in flight.

    ``jobs > 1`` uses that many worker processes (spawned, each loading the model once);
    ``client`` (a ``distributed.Client``) runs them on a Dask cluster instead. Input of a single
    item is run here, without starting workers.
    """
    it = iter(items)
    if client is None and jobs <= 1:
        for item in it:
            yield fn(item, spec)
        return
    head, exhausted = _lookahead(it, 2)
    if client is None and exhausted and len(head) <= 1:
        for item in head:
            yield fn(item, spec)
        return
    import itertools

    source = itertools.chain(head, it)
    if client is not None:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        window = window or 2 * nworkers
        spec_f = client.scatter(spec, broadcast=True)
        pending: collections.deque[Any] = collections.deque()
        for item in source:
            pending.append(client.submit(fn, item, spec_f, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    window = window or 2 * jobs
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker, initargs=(spec,)
    ) as pool:
        futures: collections.deque[Any] = collections.deque()
        try:
            for item in source:
                futures.append(pool.submit(fn, item, spec))
                if len(futures) >= window:
                    yield futures.popleft().result()
            while futures:
                yield futures.popleft().result()
        except BaseException:
            for f in futures:
                f.cancel()
            raise


# --------------------------------------------------------------------------------------------
# output: one Parquet file, or a dataset folder


def errors_path_for(output: Path) -> Path:
    """Where the errors table goes by default: ``events.parquet`` -> ``events.errors.parquet``;
    a dataset folder ``out/`` -> ``out.errors.parquet`` beside it."""
    name = output.name[: -len(".parquet")] if output.name.lower().endswith(".parquet") else output.name
    return output.with_name(f"{name}.errors.parquet")


def _md_bytes(metadata: Mapping[str, str]) -> dict[bytes, bytes]:
    return {k.encode(): v.encode() for k, v in metadata.items()}


def _write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    clean_stale_temp(path)
    tmp = temp_path(path)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_errors(table: pa.Table, path: Path) -> Path:
    """Write the errors table atomically."""
    _write_atomic(path, lambda tmp: pq.write_table(table, tmp))
    return path


class _FileSink:
    """Events appended, chunk by chunk, to a temporary Parquet file renamed over the target at the end."""

    kind = "file"

    def __init__(
        self,
        path: Path,
        metadata: Mapping[str, str],
        *,
        overwrite: bool,
        spec: JobSpec = JobSpec(),
    ) -> None:
        if path.is_dir():
            raise InputError(f"{path}: is a folder; give the events file to write, e.g. {path / 'events.parquet'}")
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise InputError(f"{path}: folder {folder} does not exist")
        if (path.exists() or path.is_symlink()) and not overwrite:
            raise InputError(
                f"{path}: exists; pass --overwrite to replace it (or write a dataset folder, which resumes)"
            )
        clean_stale_temp(path)
        self.path = path
        self.tmp = temp_path(path)
        self.metadata = dict(metadata)
        self.spec = spec
        # --dedup day needs every event first: chunks go to a raw temporary file, collapsed at close
        self.by_day = spec.dedup == "day"
        self.raw = temp_path(path) if self.by_day else self.tmp
        self.schema = output_schema(spec, counts=spec.dedup == "story")
        self.writer = pq.ParquetWriter(self.raw, self.schema.with_metadata(_md_bytes(self.metadata)))
        self.done: dict[int, dict[str, Any]] = {}
        self.events = 0

    def write(self, result: ChunkResult) -> None:
        if result.events.num_rows:
            self.writer.write_table(result.events.replace_schema_metadata(_md_bytes(self.metadata)))

    def close(self, extra: Mapping[str, str]) -> None:
        """Finish the file; with ``dedup="day"`` collapse its events first (``self.events``: rows written)."""
        extra = dict(extra)
        if self.by_day:
            from geoevent.coder import deduplicate

            self.writer.close()
            events = pq.read_table(self.raw).to_pandas()
            kept = deduplicate(events, by="day")
            table = _to_arrow(kept, self.spec, counts=True)
            extra["events"] = str(table.num_rows)
            md = {**self.metadata, **extra}
            pq.write_table(table.replace_schema_metadata(_md_bytes(md)), self.tmp)
            self.raw.unlink(missing_ok=True)
            self.events = table.num_rows
        else:
            self.writer.add_key_value_metadata(extra)
            self.writer.close()
            self.events = int(extra.get("events", "0"))
        with open(self.tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(self.tmp, self.path)
        fsync_folder(self.path.parent if str(self.path.parent) else Path("."))

    def abort(self) -> None:
        try:
            self.writer.close()
        except Exception:  # noqa: BLE001 - already failing
            pass
        self.raw.unlink(missing_ok=True)
        self.tmp.unlink(missing_ok=True)


class _DatasetSink:
    """A folder of Parquet parts (hive partitions optional) with one manifest per chunk: resumable."""

    kind = "dataset"

    def __init__(
        self,
        path: Path,
        metadata: Mapping[str, str],
        config: Mapping[str, Any],
        *,
        partition: Sequence[str],
        overwrite: bool,
        resume: bool | None,
        spec: JobSpec = JobSpec(),
    ) -> None:
        self.schema = output_schema(spec)
        self.path = path
        self.metadata = dict(metadata)
        self.partition = tuple(partition)
        self.mdir = path / _MANIFEST_DIR
        self.done: dict[int, dict[str, Any]] = {}
        if path.exists() and not path.is_dir():
            raise InputError(
                f"{path}: exists and is not a folder; a dataset output is a folder (or give a .parquet file)"
            )
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.is_dir():
            raise InputError(f"{path}: folder {parent} does not exist")
        cfg_file = self.mdir / _CONFIG_FILE
        ours = cfg_file.is_file()
        if path.is_dir() and not ours and any(path.iterdir()):
            raise InputError(f"{path}: folder exists and is not a geoevent dataset; choose a new or empty folder")
        if ours and overwrite:
            self._clear()
            ours = False
        if ours:
            try:
                old = json.loads(cfg_file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise InputError(
                    f"{cfg_file}: unreadable dataset configuration ({exc}); pass --overwrite to start again"
                ) from None
            if resume is False:
                raise InputError(f"{path}: dataset exists; pass --overwrite to start again (or omit --no-resume)")
            diff = sorted(k for k in set(old) | set(config) if old.get(k) != config.get(k))
            if diff:
                detail = "; ".join(f"{k}: {old.get(k)!r} then, {config.get(k)!r} now" for k in diff[:4])
                raise InputError(
                    f"{path}: dataset was written with another configuration ({detail}); "
                    "re-run with the same options to resume, or pass --overwrite to start again"
                )
            self._load_done()
        else:
            path.mkdir(exist_ok=True)
            self.mdir.mkdir(exist_ok=True)
            _write_atomic(
                cfg_file,
                lambda tmp: tmp.write_text(json.dumps(dict(config), sort_keys=True, indent=1), encoding="utf-8"),
            )
            fsync_folder(path)

    def _clear(self) -> None:
        """Remove what an earlier run of ours wrote (parts, partitions, manifests), nothing else."""
        for p in self.path.iterdir():
            if p.name == _MANIFEST_DIR or (p.is_dir() and "=" in p.name):
                shutil.rmtree(p)
            elif (p.name.startswith("part-") and p.name.endswith(".parquet")) or p.name == "_common_metadata":
                p.unlink()

    def _parts(self) -> list[Path]:
        return [p for p in self.path.rglob("part-*.parquet") if _MANIFEST_DIR not in p.parts]

    def _load_done(self) -> None:
        for m in sorted(self.mdir.glob("chunk-*.json")):
            try:
                info = json.loads(m.read_text(encoding="utf-8"))
                self.done[int(info["seq"])] = info
            except (OSError, ValueError, KeyError):
                m.unlink(missing_ok=True)  # a manifest is written atomically; an unreadable one is not ours
        for m in self.mdir.glob(".*.tmp"):
            clean_stale_temp(m.with_name(m.name.split(".geoevent-")[0][1:]))
        for p in self._parts():  # parts of chunks a killed run did not finish
            try:
                seq = int(p.name.split("-")[1])
            except (IndexError, ValueError):
                continue
            if seq not in self.done:
                p.unlink()

    def write(self, result: ChunkResult, chunk: Chunk) -> None:
        import pyarrow.compute as pc
        import pyarrow.dataset as pads

        table = result.events.replace_schema_metadata(_md_bytes(self.metadata))
        files: list[str] = []
        if table.num_rows:
            if self.partition:
                part_cols = {"year": pc.year, "month": pc.month, "day": pc.day}
                types = {"year": pa.int16(), "month": pa.int8(), "day": pa.int8()}
                for f in self.partition:
                    table = table.append_column(pa.field(f, types[f]), part_cols[f](table["event_date"]).cast(types[f]))
                part = pads.partitioning(pa.schema([pa.field(f, types[f]) for f in self.partition]), flavor="hive")
            else:
                part = None

            def visit(written: Any) -> None:
                files.append(os.path.relpath(written.path, self.path))

            pads.write_dataset(
                table,
                self.path,
                format="parquet",
                partitioning=part,
                basename_template=f"part-{result.seq:06d}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
                file_visitor=visit,
                max_rows_per_group=1 << 20,
            )
            for f in files:
                with open(self.path / f, "rb") as fh:
                    os.fsync(fh.fileno())
            for folder in {str((self.path / f).parent) for f in files}:
                fsync_folder(folder)
        info = {
            "seq": result.seq,
            "doc_ids": list(chunk.doc_ids),
            "files": sorted(files),
            "events": table.num_rows,
            "sentences": result.sentences,
            "errors": [attrs.asdict(e) for e in result.errors],
        }
        _write_atomic(
            self.mdir / f"chunk-{result.seq:06d}.json", lambda tmp: tmp.write_text(json.dumps(info), encoding="utf-8")
        )
        self.done[result.seq] = info

    def close(self, extra: Mapping[str, str]) -> None:
        md = {**self.metadata, **extra}
        _write_atomic(
            self.path / "_common_metadata",
            lambda tmp: pq.write_metadata(self.schema.with_metadata(_md_bytes(md)), tmp),
        )

    def abort(self) -> None:
        pass  # what is written stays: a re-run resumes from it


# --------------------------------------------------------------------------------------------
# progress


class Progress:
    """A tqdm.auto bar (terminal or Jupyter) counting documents, with sentences/s and events; in
    a non-interactive run, ``log`` gets one line every ``every`` seconds instead."""

    def __init__(
        self,
        *,
        enabled: bool = True,
        log: Callable[[str], None] | None = None,
        every: float = 30.0,
        total: int | None = None,
    ) -> None:
        self.t0 = time.perf_counter()
        self.last = self.t0
        self.log = log
        self.every = every
        self.docs = self.sentences = self.events = self.errors = 0
        self.bar = None
        if enabled and _interactive():
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, unit="doc", desc="coding", dynamic_ncols=True)
        elif not enabled:
            self.log = None

    def update(self, *, docs: int, sentences: int, events: int, errors: int) -> None:
        self.docs += docs
        self.sentences += sentences
        self.events += events
        self.errors += errors
        now = time.perf_counter()
        rate = self.sentences / max(now - self.t0, 1e-9)
        if self.bar is not None:
            self.bar.set_postfix_str(
                f"{rate:,.0f} sentences/s, {self.events:,} events, {self.errors:,} errors", refresh=False
            )
            self.bar.update(docs)
        elif self.log is not None and now - self.last >= self.every:
            self.last = now
            self.log(
                f"{self.docs:,} documents, {self.sentences:,} sentences ({rate:,.0f}/s), {self.events:,} events, "
                f"{self.errors:,} errors, {now - self.t0:,.0f} s"
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _interactive() -> bool:
    try:
        shell = sys.modules.get("IPython")
        if shell is not None and getattr(shell, "get_ipython", lambda: None)() is not None:
            return True
    except Exception:  # noqa: BLE001
        pass
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


# --------------------------------------------------------------------------------------------
# the run


@attrs.frozen
class RunSummary:
    """What a run did."""

    output: Path
    kind: str
    documents: int
    events: int
    sentences: int
    errors: int
    errors_path: Path
    resumed_documents: int
    undated: int
    seconds: float
    preview: pd.DataFrame = attrs.field(eq=False, repr=False)


_REFUSED_SUFFIXES = (".csv", ".jsonl", ".json", ".tsv", ".txt", ".xlsx", ".feather", ".arrow", ".gz")


def _chunks(docs: Iterator[Document], size: int) -> Iterator[Chunk]:
    buf: list[Document] = []
    seq = 0
    for d in docs:
        buf.append(d)
        if len(buf) >= size:
            yield Chunk.of(seq, buf)
            seq += 1
            buf = []
    if buf:
        yield Chunk.of(seq, buf)


def run(
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    spec: JobSpec = JobSpec(),
    metadata: Mapping[str, str],
    default_date: dt.date | None = None,
    date_format: str | None = None,
    columns: Mapping[str, str] | None = None,
    max_doc_chars: int | None = DEFAULT_MAX_DOC_CHARS,
    on_long: str = "truncate",
    require_date: bool = False,
    chunk_docs: int = DEFAULT_CHUNK_DOCS,
    jobs: int = 1,
    client: Any = None,
    partition: Sequence[str] = (),
    dataset: bool | None = None,
    overwrite: bool = False,
    resume: bool | None = None,
    errors_path: str | Path | None = None,
    on_error: Callable[[ErrorRecord], None] | None = None,
    progress: Progress | None = None,
    preview_rows: int = 0,
) -> RunSummary:
    """Code ``inputs`` into ``output`` chunk by chunk (see the module docstring).

    ``output`` ending in ``.parquet`` is one file (an existing one needs ``overwrite``); any other
    path is a dataset folder (``partition``: fields of :data:`PARTITION_FIELDS`), resumed when it
    exists with the same configuration (``resume=False`` refuses to). ``metadata`` holds the
    events file's metadata keys. Returns a :class:`RunSummary`; raises :class:`InputError` for
    unusable inputs or outputs and :class:`ParserUnavailableError` once when the parser cannot run.
    """
    t0 = time.perf_counter()
    output = Path(output)
    if chunk_docs < 1:
        raise InputError(f"chunk_docs must be >= 1, got {chunk_docs}")
    bad = [f for f in partition if f not in PARTITION_FIELDS]
    if bad:
        raise InputError(f"cannot partition by {', '.join(bad)} (choose from {', '.join(PARTITION_FIELDS)})")
    lower = output.name.lower()
    is_file = lower.endswith(".parquet") and not output.is_dir() if dataset is None else not dataset
    if is_file and partition:
        raise InputError(f"{output}: --partition writes a dataset folder; give a folder instead of a .parquet file")
    if is_file and resume:
        raise InputError(f"{output}: resuming needs a dataset folder output; give a folder instead of a .parquet file")
    check_output_columns(spec.keep, spec.dedup)
    if not is_file and spec.dedup == "day":
        raise InputError(
            f"{output}: --dedup day collapses events across the whole run and needs a .parquet file output "
            "(for a dataset folder use --dedup story, or geoevent.deduplicate(events, by='day') on what you read)"
        )
    if not is_file and lower.endswith(_REFUSED_SUFFIXES):
        raise InputError(
            f"{output}: geoevent code writes Parquet: give a .parquet file or a dataset folder "
            f"({Path(lower).suffix} is not supported)"
        )
    config = {
        "inputs": [os.path.abspath(p) for p in inputs],
        "parser": spec.parser,
        "coding_rules": spec.rules_json,
        "dictionary_fingerprint": metadata.get("dictionary_fingerprint"),
        "line_breaks": spec.line_breaks,
        "chunk_docs": chunk_docs,
        "max_doc_chars": max_doc_chars,
        "on_long": on_long,
        "default_date": default_date.isoformat() if default_date else None,
        "date_format": date_format,
        "columns": dict(columns or {}),
        "require_date": require_date,
        "partition": list(partition),
        "geoevent_version": metadata.get("geoevent_version"),
        "keep": list(spec.keep),
        "dedup": spec.dedup,
    }
    md = {**metadata, "coding_rules": spec.rules_json, "run_config": json.dumps(config, sort_keys=True)}
    read_log = ErrorLog(on_error)
    docs = iter_documents(
        inputs,
        default_date=default_date,
        date_format=date_format,
        columns=columns,
        errors=read_log,
        max_doc_chars=max_doc_chars,
        on_long=on_long,
        keep=spec.keep,
    )
    first = next(docs, None)  # inputs are checked (and the first record read) before the output is touched
    if first is None and not (output / _MANIFEST_DIR).is_dir():
        why = f" ({len(read_log)} record(s) skipped, first: {read_log.records[0].describe()})" if len(read_log) else ""
        raise InputError(f"{', '.join(map(str, inputs))}: no documents to code{why}")
    sink: _FileSink | _DatasetSink
    if is_file:
        sink = _FileSink(output, md, overwrite=overwrite, spec=spec)
    else:
        sink = _DatasetSink(output, md, config, partition=partition, overwrite=overwrite, resume=resume, spec=spec)
    undated = [0]

    def documents() -> Iterator[Document]:
        import itertools

        for d in itertools.chain([first] if first is not None else [], docs):
            if d.date is None:
                if require_date:
                    read_log.add(
                        ErrorRecord(
                            d.file, d.line, d.doc_id, "read", "MissingDate", "no date (--require-date)", "skipped"
                        )
                    )
                    continue
                undated[0] += 1
            yield d

    done = dict(sink.done)
    resumed = sum(len(info["doc_ids"]) for info in done.values())
    chunk_errors: dict[int, list[ErrorRecord]] = {
        seq: [ErrorRecord(**e) for e in info.get("errors", [])] for seq, info in done.items()
    }
    totals = {
        "documents": resumed,
        "events": sum(int(i["events"]) for i in done.values()),
        "sentences": sum(int(i.get("sentences", 0)) for i in done.values()),
    }
    preview: list[pd.DataFrame] = []
    chunks_in_order: collections.deque[Chunk] = collections.deque()

    def todo() -> Iterator[Chunk]:
        for chunk in _chunks(documents(), chunk_docs):
            info = done.get(chunk.seq)
            if info is not None:
                if list(chunk.doc_ids) != info["doc_ids"]:
                    raise InputError(
                        f"{output}: the input changed since this dataset was started (chunk {chunk.seq} "
                        f"held {len(info['doc_ids'])} other documents); pass --overwrite to start again"
                    )
                continue
            chunks_in_order.append(chunk)
            yield chunk

    try:
        for result in ordered_map(code_chunk, todo(), spec, jobs=jobs, client=client):
            chunk = chunks_in_order.popleft()
            assert chunk.seq == result.seq
            if isinstance(sink, _DatasetSink):
                sink.write(result, chunk)
            else:
                sink.write(result)
            chunk_errors[result.seq] = list(result.errors)
            if on_error is not None:
                for e in result.errors:
                    on_error(e)
            totals["documents"] += result.documents
            totals["events"] += result.events.num_rows
            totals["sentences"] += result.sentences
            if preview_rows and sum(len(p) for p in preview) < preview_rows and result.events.num_rows:
                preview.append(result.events.slice(0, preview_rows).to_pandas(date_as_object=True))
            if progress is not None:
                progress.update(
                    docs=result.documents,
                    sentences=result.sentences,
                    events=result.events.num_rows,
                    errors=len(result.errors),
                )
        failed = sum(1 for errs in chunk_errors.values() for e in errs if e.action == "failed")
        if totals["documents"] and failed >= totals["documents"] and not totals["events"]:
            first_err = next(e for errs in chunk_errors.values() for e in errs)
            raise InputError(
                f"none of the {totals['documents']} documents could be coded "
                f"(first: {first_err.doc_id}: {first_err.message})"
            )
        log = ErrorLog()
        log.extend(read_log.records)
        for seq in sorted(chunk_errors):
            log.extend(chunk_errors[seq])
        epath = Path(errors_path) if errors_path is not None else errors_path_for(output)
        write_errors(log.to_arrow(), epath)
        sink.close(
            {
                "documents": str(totals["documents"]),
                "events": str(totals["events"]),
                "sentences": str(totals["sentences"]),
                "errors": str(len(log)),
                "errors_path": str(epath),
                "undated_documents": str(undated[0]),
            }
        )
        if isinstance(sink, _FileSink):
            totals["events"] = sink.events
    except BaseException:
        sink.abort()
        raise
    finally:
        if progress is not None:
            progress.close()
    frame = pd.concat(preview, ignore_index=True).head(preview_rows) if preview else pd.DataFrame()
    return RunSummary(
        output,
        sink.kind,
        totals["documents"],
        totals["events"],
        totals["sentences"],
        len(log),
        epath,
        resumed,
        undated[0],
        time.perf_counter() - t0,
        frame,
    )
