"""The ``geoevent`` command line (see docs/cli.md).

Commands: ``code``, ``codebook``, ``evaluate``, ``dictionaries check``, ``models``.
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
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {value!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``geoevent`` command."""
    from geoevent.parse import PARSERS

    p = _Parser(prog=PROG, description="Code news text into CAMEO events (who did what to whom, when).")
    p.add_argument("--version", action="version", version=f"{PROG} {geoevent.__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("code", help="code documents into an events Parquet file",
                       description="Read documents, code them into CAMEO events and write them to Parquet.")
    c.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt files or folders of them (doc id = file name), or .jsonl/.csv/.parquet "
                        "files with id, text and (optional) date columns")
    c.add_argument("-o", "--output", required=True, metavar="EVENTS.parquet", help="events file to write")
    c.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                   help="date of documents that have none (picks people's roles, fills event_date)")
    c.add_argument("--parser", default="embedded", choices=PARSERS, help="parser backend (default: embedded)")
    c.add_argument("--dictionary", nargs="+", action="extend", default=[], metavar="FILE",
                   help="your own dictionary files (TSV, docs/dictionaries.md), merged over the built-ins")
    c.add_argument("--no-progress", action="store_true", help="no progress bar")
    c.add_argument("--show", type=_nonneg, default=20, metavar="N", help="print at most N events (default 20; 0: none)")

    b = sub.add_parser("codebook", help="print CAMEO codebook rows",
                       description="Print the CAMEO codebook, or one code's entry.")
    b.add_argument("code", nargs="?", metavar="CODE", help="a CAMEO event code such as 081 (default: all codes)")

    e = sub.add_parser("evaluate", help="score an events file against a gold file",
                       description="Precision, recall and F1 over (source country, root code, target country) per document.")
    e.add_argument("events", metavar="EVENTS.parquet")
    e.add_argument("gold", metavar="GOLD.json")

    d = sub.add_parser("dictionaries", help="dictionary tools", description="Dictionary tools.")
    dsub = d.add_subparsers(dest="dict_command", metavar="ACTION", parser_class=_Parser)
    chk = dsub.add_parser("check", help="validate dictionary files", description="Validate dictionary files (TSV format).")
    chk.add_argument("paths", nargs="+", metavar="PATH")

    sub.add_parser("models", help="which parsers are usable here and where their models live",
                   description="Report which parser backends are usable here and where their models live.")
    return p


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

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: TextIO | None = None, line: str | None = None) -> None:
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


def _cmd_code(args: argparse.Namespace) -> int:
    from geoevent import coder
    from geoevent.codebook import CODEBOOK_VERSION
    from geoevent.io import read_corpus, write_events

    t0 = time.perf_counter()
    out = Path(args.output)
    if out.is_dir():
        raise InputError(f"{out}: is a folder; give the events file to write, e.g. {out / 'events.parquet'}")
    if not (out.parent if str(out.parent) else Path(".")).is_dir():
        raise InputError(f"{out}: folder {out.parent} does not exist")
    docs = read_corpus(args.inputs, default_date=args.date)
    if len(docs) == 0:
        raise InputError(f"{', '.join(args.inputs)}: no documents to code")
    dictionaries = coder.default_dictionaries()
    if args.dictionary:
        from geoevent.dictionaries.builtin import load_files

        dictionaries = dictionaries.merged(load_files(args.dictionary))
    events = coder.code_documents(docs, parser=args.parser, dictionaries=dictionaries,
                                  progress=not args.no_progress)
    problems = list(events.attrs.get("problems", []))
    if problems and len(problems) >= len(docs) and not len(events):
        first = problems[0]
        why = ": ".join(map(str, first)) if isinstance(first, tuple) else str(first)
        raise InputError(f"none of the {len(docs)} documents could be coded (first: {why})")
    parser_name = str(events["parser"].iloc[0]) if len(events) else args.parser
    metadata = {
        "geoevent_version": geoevent.__version__,
        "codebook_version": CODEBOOK_VERSION,
        "dictionary_fingerprint": dictionaries.fingerprint(),
        "parser": parser_name,
    }
    try:
        path = write_events(events, out, metadata=metadata)
    except OSError as exc:
        raise InputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    elapsed = time.perf_counter() - t0

    if args.show and len(events):
        rows = [
            [_clip(r["doc_id"], 28), _actor(r["source_text"], r["source_code"]),
             f"{r['label']} ({r['event_code']})", _actor(r["target_text"], r["target_code"]),
             _clip(r["verb_text"], 24)]
            for r in events.head(args.show).to_dict("records")
        ]
        for line in _table(rows, ["doc", "source", "event", "target", "verb"]):
            _out(line)
        if len(events) > args.show:
            _out(f"... and {len(events) - args.show} more events")
    skipped = f", {len(problems)} documents skipped" if problems else ""
    _out(f"coded {len(events)} events from {len(docs)} documents{skipped} in {elapsed:.1f} s -> {path}")
    return 0


def _cmd_codebook(args: argparse.Namespace) -> int:
    from geoevent.codebook import QUAD_CLASS_NAMES, load_codebook, lookup

    if args.code is not None:
        e = lookup(args.code.strip())
        for key, value in (
            ("code", e.code), ("name", e.name), ("label", e.label), ("goldstein", f"{e.goldstein:g}"),
            ("root_code", e.root_code), ("base_code", e.base_code),
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


_COMMANDS = {
    "code": _cmd_code,
    "codebook": _cmd_codebook,
    "evaluate": _cmd_evaluate,
    "dictionaries": _cmd_dictionaries,
    "models": _cmd_models,
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
