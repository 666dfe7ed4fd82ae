"""The ``geoevent`` command line (see docs/cli.md).

Commands: ``code``, ``codebook``, ``evaluate``, ``dictionaries check``, ``models``, ``plot``, ``export``.
Exit codes: 0 success; 2 bad usage, unreadable input, an invalid dictionary file or any other
:class:`geoevent.errors.GeoeventError`, reported as one line ``geoevent: error: FILE: problem`` on
stderr (no traceback); 130 when interrupted. Unexpected internal errors keep their traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import geoevent
from geoevent.errors import DictionaryError, GeoeventError, InputError

__all__ = ["main"]

PROG = "geoevent"


class UsageError(GeoeventError):
    """Bad command-line usage; reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``geoevent: error: message (see: geoevent CMD --help)``."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _date(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}")
    return day


def _nonneg(value: str) -> int:
    """A whole number >= 0 (options where 0 means the default or no limit)."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}")
    return n


def _column_map(value: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in value.split(","):
        role, sep, name = item.partition("=")
        role, name = role.strip(), name.strip()
        if not sep or role not in ("id", "text", "date") or not name:
            raise argparse.ArgumentTypeError(f"expected id=COL,text=COL,date=COL, got {value!r}")
        out[role] = name
    return out


def _names(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    if not names:
        raise argparse.ArgumentTypeError(f"expected column names separated by commas, got {value!r}")
    return names


def _partition(value: str) -> tuple[str, ...]:
    fields = tuple(f.strip() for f in value.split(",") if f.strip())
    if fields not in (("year",), ("year", "month"), ("year", "month", "day")):
        raise argparse.ArgumentTypeError(f"expected year, year,month or year,month,day, got {value!r}")
    return fields


#: One flag per boolean rule of geoevent.CodingRules (--NAME / --no-NAME), over --rules.
_RULE_FLAGS: tuple[tuple[str, str], ...] = (
    ("require_target", "drop events without a target actor (default: on)"),
    ("intent", "code promised acts as intent, 03x/13x (default on; PETRARCH: off)"),
    ("modality", "hypothetical acts ('could strike', 'tried to') code nothing (default on; PETRARCH: off)"),
    ("oblique_source", "a passive without an agent takes its source from its oblique (PETRARCH: on)"),
    ("unknown_country", "country-less agents ('police') are actors with country --- (default on)"),
    ("context_country", "country-less agents take the country of a place in the sentence (default on)"),
    ("nominal", "event nouns code ('Russia's attack on Kyiv') (default on)"),
)


def _rule_fields() -> tuple[Any, ...]:
    import attrs

    return tuple(attrs.fields(geoevent.CodingRules))


def _roots(value: str) -> tuple[str, ...]:
    roots = tuple(r.strip() for r in value.split(",") if r.strip())
    bad = [r for r in roots if not (r.isdigit() and len(r) in (2, 3))]
    if bad:
        raise argparse.ArgumentTypeError(
            f"expected two-digit CAMEO roots or three-digit codes such as 01,02,196, got {', '.join(bad)}"
        )
    return roots


def _rule_flags() -> list[tuple[str, str]]:
    """(rule name, help) for every boolean field of geoevent.CodingRules."""
    import attrs

    known = dict(_RULE_FLAGS)
    out = []
    for f in attrs.fields(geoevent.CodingRules):
        if isinstance(f.default, bool):
            out.append(
                (
                    f.name,
                    known.get(
                        f.name, f"the {f.name} rule of geoevent.CodingRules (default: {'on' if f.default else 'off'})"
                    ),
                )
            )
    return out


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``geoevent`` command."""
    from geoevent.parse import PARSERS

    p = _Parser(prog=PROG, description="Code news text into CAMEO events (who did what to whom, when).")
    p.add_argument("--version", action="version", version=f"{PROG} {geoevent.__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser(
        "code",
        help="code documents into an events Parquet file or dataset",
        description="Read documents, code them into CAMEO events and write them to Parquet "
        "(a file, or a resumable dataset folder). See docs/cli.md.",
    )
    c.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt files or folders of them (doc id = file name), .jsonl/.csv (also .gz) or .parquet "
        "files, or folders of Parquet files, with id, text and (optional) date columns",
    )
    c.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="EVENTS.parquet (one file) or a folder (a Parquet dataset, resumable)",
    )
    g = c.add_argument_group("documents")
    g.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="date of documents that have none (picks people's roles, fills event_date)",
    )
    g.add_argument(
        "--date-format",
        metavar="FORMAT",
        help="strptime format of the date column (default: YYYY-MM-DD or an ISO timestamp)",
    )
    g.add_argument(
        "--require-date", action="store_true", help="a document without a date is an error (listed, not coded, exit 1)"
    )
    g.add_argument("--id-col", metavar="NAME", help="column holding the document id (default: id)")
    g.add_argument("--text-col", metavar="NAME", help="column holding the text (default: text)")
    g.add_argument("--date-col", metavar="NAME", help="column holding the date (default: date)")
    g.add_argument(
        "--columns", type=_column_map, metavar="id=COL,text=COL,date=COL", help="all three column names at once"
    )
    g.add_argument(
        "--keep-columns",
        type=_names,
        default=(),
        metavar="COL,COL",
        help="more input columns (e.g. url,source,title) copied into each of the document's events, as text "
        "(.jsonl/.csv/.parquet inputs)",
    )
    g.add_argument(
        "--max-doc-chars",
        type=_nonneg,
        default=None,
        metavar="N",
        help="longest text coded, in characters (default 200000; 0: no limit)",
    )
    g.add_argument(
        "--long-docs",
        choices=("truncate", "skip"),
        default="truncate",
        help="a longer text is cut at --max-doc-chars (default) or skipped; either way it is listed",
    )
    g.add_argument(
        "--line-breaks",
        choices=("sentence", "space", "auto"),
        default=None,
        help="a single line break ends a sentence, is a space, or auto (a blank line ends a paragraph)",
    )
    k = c.add_argument_group("coding")
    k.add_argument("--parser", default="embedded", choices=PARSERS, help="parser backend (default: embedded)")
    k.add_argument(
        "--dictionary",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="your own dictionary files (TSV, docs/dictionaries.md), merged over the built-ins",
    )
    k.add_argument(
        "--rules",
        choices=("default", "petrarch"),
        default="default",
        help="coding conventions: geoevent's (default) or PETRARCH's; the flags below change one rule",
    )
    for name, help_ in _rule_flags():
        k.add_argument(
            f"--{name.replace('_', '-')}",
            dest=f"rule_{name}",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=help_,
        )
    if "targetless_roots" in {f.name for f in _rule_fields()}:
        k.add_argument(
            "--targetless-roots",
            metavar="ROOTS",
            type=_roots,
            help="CAMEO roots (or 3-digit codes) whose events are kept without a target, comma-separated "
            "(e.g. 01,02,03,10,15,196; '' for none)",
        )
    k.add_argument(
        "--negation",
        metavar="FILE",
        type=Path,
        help="recode negated acts: a TSV of CODE<tab>NEGATED_CODE lines, or a PETRARCH coding ontology",
    )
    r = c.add_argument_group("run")
    r.add_argument(
        "--jobs", type=_nonneg, default=None, metavar="N", help="worker processes (default: the cores available)"
    )
    r.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="run the chunks on a Dask cluster: a scheduler address (tcp://host:8786) or local[:N]",
    )
    r.add_argument(
        "--chunk-docs",
        type=_nonneg,
        default=None,
        metavar="N",
        help="documents per chunk, the unit of work and of resume (default 256)",
    )
    r.add_argument(
        "--partition",
        type=_partition,
        default=(),
        metavar="FIELDS",
        help="write a hive-partitioned dataset by event date: year, year,month or year,month,day",
    )
    r.add_argument(
        "--dedup",
        choices=("story", "day"),
        default=None,
        help="one event per happening: the same (source, code, target) kept once per document (story) or per "
        "day across documents (day; a .parquet output only), with mentions and num_documents counts",
    )
    r.add_argument("--overwrite", action="store_true", help="replace an existing output")
    r.add_argument(
        "--resume",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="continue an existing dataset folder (the default when its configuration matches)",
    )
    r.add_argument(
        "--errors",
        metavar="PATH",
        type=Path,
        help="errors table to write (default: beside the output, OUT.errors.parquet)",
    )
    r.add_argument("--strict", action="store_true", help="exit 1 when any document or record had an error")
    r.add_argument(
        "--doc-timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="time budget per document (default 120; 0: none); a slower document is listed and skipped",
    )
    r.add_argument("--no-progress", action="store_true", help="no progress bar or progress lines")
    r.add_argument(
        "--log-every",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="without a terminal, one progress line every SECONDS (default 30)",
    )
    r.add_argument("--show", type=_nonneg, default=20, metavar="N", help="print at most N events (default 20; 0: none)")

    b = sub.add_parser(
        "codebook", help="print CAMEO codebook rows", description="Print the CAMEO codebook, or one code's entry."
    )
    b.add_argument("code", nargs="?", metavar="CODE", help="a CAMEO event code such as 081 (default: all codes)")

    e = sub.add_parser(
        "evaluate",
        help="score an events file against a gold file",
        description="Precision, recall and F1 over (source country, root code, target country) per document.",
    )
    e.add_argument("events", metavar="EVENTS.parquet")
    e.add_argument("gold", metavar="GOLD.json")

    d = sub.add_parser("dictionaries", help="dictionary tools", description="Dictionary tools.")
    dsub = d.add_subparsers(dest="dict_command", metavar="ACTION", parser_class=_Parser)
    chk = dsub.add_parser(
        "check", help="validate dictionary files", description="Validate dictionary files (TSV format)."
    )
    chk.add_argument("paths", nargs="+", metavar="PATH")

    sub.add_parser(
        "models",
        help="which parsers are usable here and where their models live",
        description="Report which parser backends are usable here and where their models live.",
    )
    _add_plot_parser(sub)
    _add_export_parser(sub)
    return p


def _add_plot_parser(sub: Any) -> None:
    from geoevent.plot import PLOT_KINDS

    pl = sub.add_parser(
        "plot",
        help="draw an events file (timeline by quad class, or a dyad matrix)",
        description="Draw an events file into an image: events over time by quad class "
        "(timeline) or who acts on whom (dyads). Needs geoevent[plot].",
    )
    pl.add_argument("events", metavar="EVENTS.parquet")
    pl.add_argument("-o", "--output", required=True, metavar="PLOT.png", help="image to write (.png, .svg, .pdf)")
    pl.add_argument("--kind", default="timeline", choices=PLOT_KINDS, help="what to draw (default: timeline)")


def _add_export_parser(sub: Any) -> None:
    from geoevent.export import EXPORT_FORMATS, EXPORT_SUFFIXES

    ex = sub.add_parser(
        "export",
        help="write an events file in GDELT, ICEWS, Phoenix or PLOVER layout",
        description="Write an events file in another layout (docs/export.md); the output's "
        f"extension picks the writer: {', '.join(EXPORT_SUFFIXES)}.",
    )
    ex.add_argument("events", metavar="EVENTS.parquet")
    ex.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the layout")
    ex.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write (.tsv, .csv, .jsonl, .json)")
    ex.add_argument("--no-header", action="store_true", help="no header row in .tsv/.csv (as GDELT's own files)")


# --------------------------------------------------------------------------------------------
# output helpers


def _out(text: str = "") -> None:
    print(text, file=sys.stdout)


def _one_line(exc: BaseException) -> str:
    """The error message on one line (a message may hold line breaks, e.g. a quoted record)."""
    return " ".join(part.strip() for part in str(exc).splitlines() if part.strip()) or type(exc).__name__


def _missing(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def _clip(value: Any, width: int) -> str:
    s = "" if _missing(value) else " ".join(str(value).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _table(rows: list[list[str]], header: list[str]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*header).rstrip()] + [fmt.format(*r).rstrip() for r in rows]


def _actor(text: Any, code: Any) -> str:
    if _missing(code):
        return "-"
    return f"{_clip(text, 24)} [{code}]" if not _missing(text) else f"[{code}]"


@contextlib.contextmanager
def _warnings_to_stderr() -> Iterator[list[str]]:
    """Show warnings as ``geoevent: warning: ...`` lines; yields the list of messages."""
    seen: list[str] = []
    old = warnings.showwarning

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        seen.append(str(message))
        print(f"{PROG}: warning: {message}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        try:
            yield seen
        finally:
            warnings.showwarning = old


# --------------------------------------------------------------------------------------------
# commands


def _rules_from_args(args: argparse.Namespace) -> geoevent.CodingRules:
    import attrs

    rules = geoevent.CodingRules.named(args.rules)
    changes = {
        name: getattr(args, f"rule_{name}")
        for name, _ in _rule_flags()
        if getattr(args, f"rule_{name}", None) is not None
    }
    if args.negation is not None:
        changes["negation"] = _read_negation(args.negation)
    if getattr(args, "targetless_roots", None) is not None:
        changes["targetless_roots"] = args.targetless_roots
    return attrs.evolve(rules, **changes) if changes else rules


def _read_negation(path: Path) -> dict[str, str]:
    """CODE<tab>CODE lines, or a PETRARCH coding ontology (CODE:VALUE lines)."""
    from geoevent.dictionaries.petrarch import load_pico_negation

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if lines and all("\t" in ln for ln in lines):
        pairs: dict[str, str] = {}
        for lineno, ln in enumerate(text.splitlines(), start=1):
            if not ln.strip() or ln.lstrip().startswith("#"):
                continue
            a, _, b = ln.strip().partition("\t")
            if not (a.strip().isdigit() and b.strip().isdigit()):
                raise InputError(f"{path}:{lineno}: expected CODE<tab>NEGATED_CODE, got {ln.strip()!r}")
            pairs[a.strip()] = b.strip()
        return pairs
    return load_pico_negation(path)


def _dask_client(address: str) -> tuple[Any, Any]:
    """The Dask client of ``--dask`` and the local cluster it started (None for a scheduler address)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--dask needs the dask extra: pip install 'geoevent[dask]'") from None
    if address == "local" or address.startswith("local:"):
        n = int(address.partition(":")[2] or 2)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(address, timeout=30), None
    except OSError as exc:
        raise InputError(f"--dask {address}: cannot reach the scheduler ({exc})") from None


def _cmd_code(args: argparse.Namespace) -> int:
    from geoevent import batch, coder
    from geoevent.codebook import CODEBOOK_VERSION
    from geoevent.io import DEFAULT_MAX_DOC_CHARS

    t0 = time.perf_counter()
    out = Path(args.output)
    columns = dict(args.columns or {})
    for role in ("id", "text", "date"):
        value = getattr(args, f"{role}_col")
        if value:
            columns[role] = value
    rules = _rules_from_args(args)
    dictionaries = coder.default_dictionaries()
    if args.dictionary:
        from geoevent.dictionaries.builtin import load_files

        dictionaries = dictionaries.merged(load_files(args.dictionary))
    if args.line_breaks is not None and not batch._supports_line_breaks():
        # TODO(lead): drop this once code_documents(line_breaks=...) is on main.
        warnings.warn("--line-breaks is not supported by this geoevent's coder yet; ignored", stacklevel=2)
    spec = batch.JobSpec(
        parser=args.parser,
        rules_json=rules.to_json(),
        dictionary_files=tuple(os.path.abspath(f) for f in args.dictionary),
        doc_timeout=args.doc_timeout or None,
        line_breaks=args.line_breaks,
        keep=tuple(args.keep_columns),
        dedup=args.dedup,
    )
    metadata = {
        "geoevent_version": geoevent.__version__,
        "codebook_version": CODEBOOK_VERSION,
        "dictionary_fingerprint": dictionaries.fingerprint(),
        "parser": args.parser,
    }
    shown: list[str] = []
    counted = [0]

    def on_error(rec: Any) -> None:
        counted[0] += 1
        if counted[0] <= _MAX_ERROR_LINES:
            warnings.warn(rec.describe(), stacklevel=2)
        elif counted[0] == _MAX_ERROR_LINES + 1:
            warnings.warn("more problems follow; all are listed in the errors table", stacklevel=2)

    progress = batch.Progress(
        enabled=not args.no_progress,
        every=args.log_every,
        log=lambda line: print(f"{PROG}: {line}", file=sys.stderr, flush=True),
    )
    client, cluster = _dask_client(args.dask) if args.dask else (None, None)
    max_chars = DEFAULT_MAX_DOC_CHARS if args.max_doc_chars is None else (args.max_doc_chars or None)
    try:
        summary = batch.run(
            args.inputs,
            out,
            spec=spec,
            metadata=metadata,
            default_date=args.date,
            date_format=args.date_format,
            columns=columns or None,
            max_doc_chars=max_chars,
            on_long=args.long_docs,
            require_date=args.require_date,
            chunk_docs=args.chunk_docs or batch.DEFAULT_CHUNK_DOCS,
            jobs=args.jobs or batch.default_jobs(),
            client=client,
            partition=args.partition,
            overwrite=args.overwrite,
            resume=args.resume,
            errors_path=args.errors,
            on_error=on_error,
            progress=progress,
            preview_rows=args.show,
        )
    finally:
        if client is not None:
            client.close()
            if cluster is not None:
                cluster.close()
    elapsed = time.perf_counter() - t0
    if summary.undated:
        warnings.warn(
            f"{summary.undated} document(s) have no date: coded undated (event_date empty, people's roles "
            "not picked by date); give --date, a date column, or --require-date",
            stacklevel=2,
        )
    events = summary.preview
    if args.show and len(events):
        rows = [
            [
                _clip(r["doc_id"], 28),
                _actor(r["source_text"], r["source_code"]),
                f"{r['label']} ({r['event_code']})",
                _actor(r["target_text"], r["target_code"]),
                _clip(r["verb_text"], 24),
            ]
            for r in events.head(args.show).to_dict("records")
        ]
        for line in _table(rows, ["doc", "source", "event", "target", "verb"]):
            shown.append(line)
            _out(line)
        if summary.events > args.show:
            _out(f"... and {summary.events - args.show} more events")
    errs = f", {summary.errors} errors -> {summary.errors_path}" if summary.errors else ""
    resumed = f", {summary.resumed_documents} documents from an earlier run" if summary.resumed_documents else ""
    _out(
        f"coded {summary.events} events from {summary.documents} documents ({summary.sentences} sentences)"
        f"{resumed}{errs} in {elapsed:.1f} s -> {summary.output}"
    )
    missing_dates = (
        args.require_date and any(True for _ in [0] if summary.errors) and _has_missing_dates(summary.errors_path)
    )
    if (args.strict and summary.errors) or missing_dates:
        return 1
    return 0


_MAX_ERROR_LINES = 20


def _has_missing_dates(path: Path) -> bool:
    import pyarrow.parquet as pq

    try:
        return "MissingDate" in pq.read_table(path, columns=["error"]).column("error").to_pylist()
    except Exception:  # noqa: BLE001 - the table was just written; no table, no missing dates
        return False


def _cmd_codebook(args: argparse.Namespace) -> int:
    from geoevent.codebook import QUAD_CLASS_NAMES, load_codebook, lookup

    if args.code is not None:
        e = lookup(args.code.strip())
        for key, value in (
            ("code", e.code),
            ("name", e.name),
            ("label", e.label),
            ("goldstein", f"{e.goldstein:g}"),
            ("root_code", e.root_code),
            ("base_code", e.base_code),
            ("quad_class", f"{e.quad_class} ({QUAD_CLASS_NAMES.get(e.quad_class, '?')})"),
            ("plover_type", e.plover_type),
        ):
            _out(f"{key:<12} {value}")
        return 0
    book = load_codebook()
    rows = [
        [r["code"], f"{r['goldstein']:g}", str(r["quad_class"]), r["plover_type"], r["label"], r["name"]]
        for r in book.to_dict("records")
    ]
    for line in _table(rows, ["code", "goldstein", "quad", "plover", "label", "name"]):
        _out(line)
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from geoevent.evaluate import evaluate_gold, format_result
    from geoevent.io import read_events

    events, _ = read_events(args.events)
    result = evaluate_gold(events, args.gold)
    _out(format_result(result))
    return 0


def _cmd_dictionaries(args: argparse.Namespace) -> int:
    if args.dict_command != "check":
        raise UsageError("choose an action: check (see: geoevent dictionaries --help)")
    from geoevent.dictionaries.builtin import check_file

    failed = 0
    for path in args.paths:
        try:
            n = check_file(path)
        except DictionaryError as exc:
            print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
            failed += 1
            continue
        _out(f"{path}: ok ({n} entries)")
    return 2 if failed else 0


def _detail_lines(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        lines = []
        for key, value in detail.items():
            if key in ("name", "usable"):
                continue
            if isinstance(value, (list, tuple)):
                value = ", ".join(map(str, value)) if value else "-"
            elif isinstance(value, dict):
                value = ", ".join(f"{k}: {v}" for k, v in value.items()) if value else "-"
            lines.append(f"{key}: {value}")
        return lines
    return [str(detail)] if detail not in (None, "") else []


def _cmd_models(args: argparse.Namespace) -> int:
    from geoevent.parse import available_parsers

    for p in available_parsers():
        _out(f"{p['name']}: {'usable' if p['usable'] else 'not usable'}")
        for line in _detail_lines(p.get("detail")):
            _out(f"    {line}")
    return 0


def _cmd_plot(args: argparse.Namespace) -> int:
    from geoevent.io import read_events
    from geoevent.plot import save_plot

    out = Path(args.output)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InputError(
            f"{out}: cannot tell the image type from {out.suffix or '(no extension)'!r}; use .png, .svg or .pdf"
        )
    if not (out.parent if str(out.parent) else Path(".")).is_dir():
        raise InputError(f"{out}: folder {out.parent} does not exist")
    events, _ = read_events(args.events)
    path = save_plot(events, out, kind=args.kind)
    _out(f"drew {args.kind} of {len(events)} events -> {path}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from geoevent.export import _suffix, export_events
    from geoevent.io import read_events

    _suffix(Path(args.output))  # refuse an unknown extension before reading anything
    events, _ = read_events(args.events)
    path = export_events(events, args.output, format=args.format, header=not args.no_header)
    _out(f"wrote {len(events)} events in {args.format} layout -> {path}")
    return 0


_COMMANDS = {
    "code": _cmd_code,
    "codebook": _cmd_codebook,
    "evaluate": _cmd_evaluate,
    "dictionaries": _cmd_dictionaries,
    "models": _cmd_models,
    "plot": _cmd_plot,
    "export": _cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``geoevent`` command with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        with _warnings_to_stderr():
            return _COMMANDS[args.command](args)
    except GeoeventError as exc:  # every error raised on purpose, UsageError included (geoevent.errors)
        print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `geoevent codebook | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
