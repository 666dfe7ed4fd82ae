"""The stanza parser backend, behind the same token-table contract as the embedded parser.

stanza (https://stanfordnlp.github.io/stanza/) gives accurate UD v2 parses and NER, but needs
its models on disk and is slow on CPU. This backend builds ONE :class:`stanza.Pipeline` per
configuration (cached for the process), never downloads anything (``download_method=None``),
checks that the model files exist before any document is processed, and converts stanza
Documents to a token table (:mod:`geoevent.tokens`) in one pass.

Models are looked up in, in order: the ``model_dir`` argument, the ``GEOEVENT_STANZA_DIR``
environment variable, stanza's own default resources directory. Explicit per-processor model
files (``model_paths={"pos": ..., "depparse": ...}``) bypass the directory's ``resources.json``.

Without a tokenizer model (or with ``pretokenized=True``) the text is split by geoevent's own
tokenizer (:func:`geoevent.parse.tokenize.tokenize`) and fed to stanza pretokenized; the
character offsets then come from that tokenizer's spans.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from geoevent.clean import clean_texts
from geoevent.errors import InputError, ParserUnavailableError
from geoevent.tokens import TOKEN_COLUMNS, UD1_TO_UD2, empty_token_table, make_token_table, map_deprel

if TYPE_CHECKING:  # pragma: no cover
    import stanza

__all__ = [
    "DEFAULT_PROCESSORS",
    "ENV_VAR",
    "StanzaParser",
    "describe",
    "doc_to_token_table",
    "install_command",
]

#: Environment variable naming the stanza model directory.
ENV_VAR = "GEOEVENT_STANZA_DIR"
#: Processors the backend runs by default.
DEFAULT_PROCESSORS = "tokenize,pos,lemma,depparse,ner"
#: Processors whose model file can be given explicitly through ``model_paths``.
MODEL_PROCESSORS: tuple[str, ...] = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
_LANG = "en"
_PIP_COMMAND = 'pip install "geoevent[stanza]"'  # the extra that brings stanza (and torch)

_PIPELINES: dict[tuple[Any, ...], Any] = {}
_PIPELINES_LOCK = threading.Lock()


def install_command(model_dir: str | Path) -> str:
    """The command that installs stanza's English models into ``model_dir``."""
    return f"python -c \"import stanza; stanza.download('{_LANG}', model_dir='{model_dir}')\""


def _stanza_importable() -> bool:
    return importlib.util.find_spec("stanza") is not None


def _stanza_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("stanza")
    except Exception:  # noqa: BLE001 - metadata may be absent
        return None


def _require_stanza() -> None:
    if not _stanza_importable():
        raise ParserUnavailableError(
            f"parser='stanza' needs the optional extra geoevent[stanza] (the stanza package and torch), "
            f"which is not installed: run `{_PIP_COMMAND}` (or use the default parser='embedded')"
        )


def _resolve_model_dir(model_dir: str | Path | None) -> tuple[Path, str]:
    """The model directory to use and where that choice came from."""
    if model_dir is not None:
        return Path(model_dir).expanduser(), "argument"
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser(), ENV_VAR
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser(), "STANZA_RESOURCES_DIR"
    if _stanza_importable():
        from stanza.resources.common import DEFAULT_MODEL_DIR

        return Path(DEFAULT_MODEL_DIR), "stanza default"
    return Path.home() / "stanza_resources", "stanza default"


def _split_processors(processors: str | Sequence[str]) -> tuple[str, ...]:
    items = processors.split(",") if isinstance(processors, str) else list(processors)
    out = tuple(dict.fromkeys(p.strip().lower() for p in items if p and p.strip()))
    if not out:
        raise InputError("stanza parser: no processors given")
    if "tokenize" not in out:  # every stanza pipeline starts with it (pretokenized or not)
        out = ("tokenize", *out)
    return out


def _resolve_models(
    model_dir: Path,
    processors: tuple[str, ...],
    model_paths: Mapping[str, str],
    pretokenized: bool | None,
    dir_paths: dict[str, list[str]] | str | None = None,
) -> dict[str, Any]:
    """Find the model file of every processor that needs one (``dir_paths``: the directory's
    resolution by :func:`_directory_model_paths`, when the caller already has it).

    Returns a dict with ``pretokenized`` (resolved), ``found`` {processor: path}, ``missing``
    [description], ``explicit`` (True when every needed model is given in ``model_paths``).
    """
    found: dict[str, str] = {}
    missing: list[str] = []
    if dir_paths is None:  # {processor: [paths]} or error text
        dir_paths = _directory_model_paths(model_dir, processors)
    tokenizer_available = False
    if "tokenize" in model_paths:
        tokenizer_available = Path(model_paths["tokenize"]).is_file()
    elif isinstance(dir_paths, dict) and dir_paths.get("tokenize"):
        tokenizer_available = all(Path(p).is_file() for p in dir_paths["tokenize"])
    if pretokenized is None:
        pretokenized = not tokenizer_available
    needed = [p for p in processors if not (p == "tokenize" and pretokenized)]
    if "tokenize" in processors and not pretokenized and isinstance(dir_paths, dict) and "mwt" in dir_paths:
        if "mwt" not in needed:
            needed.append("mwt")
    explicit = all(p in model_paths for p in needed)
    for proc in needed:
        if proc in model_paths:
            path = Path(model_paths[proc]).expanduser()
            if path.is_file():
                found[proc] = str(path)
            else:
                missing.append(f"{proc} ({path})")
            continue
        if not isinstance(dir_paths, dict):
            missing.append(f"{proc} ({dir_paths})")
            continue
        paths = dir_paths.get(proc)
        if not paths:
            missing.append(f"{proc} (no {_LANG} model listed in {model_dir / 'resources.json'})")
            continue
        absent = [p for p in paths if not Path(p).is_file()]
        if absent:
            missing.append(f"{proc} ({', '.join(absent)})")
        else:
            found[proc] = paths[0]
    return {"pretokenized": bool(pretokenized), "found": found, "missing": missing, "explicit": explicit}


#: Words in a loose model file's name that say which processor it serves.
_LOOSE_NAMES = {
    "tokenize": ("tokenizer", "tokenize"),
    "mwt": ("mwt",),
    "pos": ("tagger", "pos"),
    "lemma": ("lemmatizer", "lemma"),
    "depparse": ("parser", "depparse"),
    "ner": ("ner", "nertagger"),
}


def loose_model_files(model_dir: Path) -> dict[str, str]:
    """Processor -> model file for a folder of loose ``*.pt`` files named by what they do.

    ``en_ewt_small_tagger.pt`` serves pos, ``*_parser.pt`` depparse, ``*_lemmatizer.pt`` lemma,
    ``*_ner*.pt`` ner, ``*_tokenizer.pt`` tokenize, ``*_mwt.pt`` mwt (words split on ``_``/``-``/``.``).
    A processor with several candidate files is left out (ambiguous).
    """
    if not model_dir.is_dir():
        return {}
    hits: dict[str, list[str]] = {}
    for path in sorted(model_dir.glob("*.pt")):
        words = set(re.split(r"[_.\-]+", path.stem.lower()))
        for proc, names in _LOOSE_NAMES.items():
            if words & set(names):
                hits.setdefault(proc, []).append(str(path))
    return {proc: paths[0] for proc, paths in hits.items() if len(paths) == 1}


def _directory_model_paths(model_dir: Path, processors: tuple[str, ...]) -> dict[str, list[str]] | str:
    """Model files (first the model, then its dependencies) stanza would load from ``model_dir``.

    Uses stanza's own resolution of ``resources.json``; returns an error text when the directory
    cannot be used.
    """
    resources_file = model_dir / "resources.json"
    if not resources_file.is_file():
        return f"no resources.json in {model_dir}"
    try:
        with resources_file.open(encoding="utf-8") as fh:
            resources = json.load(fh)
    except (OSError, ValueError) as exc:
        return f"unreadable {resources_file}: {exc}"
    lang = _LANG
    seen = 0
    while isinstance(resources.get(lang), dict) and "alias" in resources[lang] and seen < 5:
        lang, seen = resources[lang]["alias"], seen + 1
    if lang not in resources:
        return f"{resources_file} lists no models for language {_LANG!r}"
    try:
        from stanza.resources.common import add_dependencies, maintain_processor_list, process_pipeline_parameters

        _, _, package, procs = process_pipeline_parameters(lang, str(model_dir), "default", ",".join(processors))
        plist = maintain_processor_list(resources, lang, package, procs, maybe_add_mwt=True)
        plist = add_dependencies(resources, lang, plist)
    except Exception as exc:  # noqa: BLE001 - stanza raises many kinds of errors here
        return f"stanza could not resolve models from {resources_file}: {exc}"
    out: dict[str, list[str]] = {}
    for proc, specs in plist:
        paths: list[str] = []
        for spec in specs:
            if spec.dependencies is None:  # identity lemmatizer or an external variant: no file
                continue
            paths.append(str(model_dir / lang / proc / f"{spec.package}.pt"))
            for dep_proc, dep_pkg in spec.dependencies or ():
                paths.append(str(model_dir / lang / dep_proc / f"{dep_pkg}.pt"))
        out[proc] = paths
    return out


_EMPTY_RESOURCES: tempfile.TemporaryDirectory[str] | None = None
_EMPTY_RESOURCES_LOCK = threading.Lock()


def _empty_resources_file() -> str:
    """A ``{}`` resources.json, so explicit model paths make stanza look nothing up.

    It lives in a private directory of this process (``tempfile.TemporaryDirectory``: created
    with mode 0700 under a fresh random name, removed at exit); nothing already in the shared
    temp folder is read or written.
    """
    global _EMPTY_RESOURCES
    with _EMPTY_RESOURCES_LOCK:
        if _EMPTY_RESOURCES is None or not (Path(_EMPTY_RESOURCES.name) / "resources.json").is_file():
            folder = tempfile.TemporaryDirectory(prefix="geoevent-stanza-")
            path = Path(folder.name) / "resources.json"
            with open(path, "x", encoding="utf-8") as fh:  # "x": a fresh file in a fresh folder
                fh.write("{}")
            _EMPTY_RESOURCES = folder
        return str(Path(_EMPTY_RESOURCES.name) / "resources.json")


def _group_missing(missing: Sequence[str]) -> str:
    """'pos (why); lemma (why)' -> 'pos, lemma (why)' when the reasons are the same."""
    groups: dict[str, list[str]] = {}
    for item in missing:
        proc, _, why = item.partition(" (")
        groups.setdefault(why, []).append(proc)
    return "; ".join(f"{', '.join(procs)} ({why}" for why, procs in groups.items())


class StanzaParser:
    """Parse text with stanza into a token table (see :mod:`geoevent.tokens`).

    Nothing heavy happens in the constructor: the pipeline is built (or fetched from the
    process-wide cache) on first use, after checking that every model file exists.
    """

    name = "stanza"

    def __init__(
        self,
        *,
        model_dir: str | Path | None = None,
        processors: str | Sequence[str] | None = None,
        model_paths: Mapping[str, str] | None = None,
        pretokenized: bool | None = None,
        use_gpu: bool | None = None,
        batch_size: int = 1000,
        stanza_options: Mapping[str, Any] | None = None,
    ) -> None:
        """Configure the parser.

        ``processors`` defaults to :data:`DEFAULT_PROCESSORS`, with NER left out when no NER
        model is installed. ``model_paths`` maps processor names (pos, lemma, depparse, ner, tokenize, mwt) to model
        files; ``pretokenized`` feeds geoevent's tokenizer output to stanza (default: when no
        tokenizer model is available); ``use_gpu`` None lets stanza pick; ``batch_size`` is
        passed to each neural processor; ``stanza_options`` are extra ``stanza.Pipeline``
        keyword arguments (e.g. ``pos_pretrain_path``).
        """
        if batch_size < 1:
            raise InputError(f"stanza parser: batch_size must be >= 1, got {batch_size}")
        self.model_dir, self.model_dir_source = _resolve_model_dir(model_dir)
        self.processors = _split_processors(DEFAULT_PROCESSORS if processors is None else processors)
        self.model_paths = {k: str(v) for k, v in (model_paths or {}).items()}
        unknown = [p for p in self.model_paths if p not in MODEL_PROCESSORS]
        if unknown:
            raise InputError(
                f"stanza parser: model_paths has unknown processors {', '.join(sorted(unknown))}; "
                f"expected some of {', '.join(MODEL_PROCESSORS)}"
            )
        self._ner_optional = processors is None  # the default pipeline; NER asked for by name is required
        self._pretokenized_option = pretokenized
        self.use_gpu = use_gpu
        self.batch_size = int(batch_size)
        self.stanza_options = dict(stanza_options or {})
        self._pipeline: Any = None
        self._resolved: dict[str, Any] | None = None

    # -- models -----------------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        """Where this parser looks for models and which it found (no pipeline is built)."""
        info: dict[str, Any] = {
            "name": self.name,
            "stanza_importable": _stanza_importable(),
            "stanza_version": _stanza_version(),
            "model_dir": str(self.model_dir),
            "model_dir_source": self.model_dir_source,
            "processors": list(self.processors),
            "install": install_command(self.model_dir),
        }
        if not info["stanza_importable"]:
            info.update(
                models={},
                missing=list(self.processors),
                models_found=False,
                usable=False,
                pretokenized=None,
                error=f"stanza is not installed: run `{_PIP_COMMAND}`",
            )
            return info
        try:
            res = self._resolve()
        except InputError as exc:
            info.update(models={}, missing=[], models_found=False, usable=False, pretokenized=None, error=str(exc))
            return info
        info.update(
            processors=list(self.processors),  # NER may have been dropped for want of a model
            models=dict(res["found"]),
            missing=list(res["missing"]),
            models_found=not res["missing"],
            usable=not res["missing"],
            pretokenized=res["pretokenized"],
        )
        return info

    def _resolve(self) -> dict[str, Any]:
        if self._resolved is None:
            dir_paths = _directory_model_paths(self.model_dir, self.processors)
            if not isinstance(dir_paths, dict):  # a folder of loose model files: take them by name
                for proc, path in loose_model_files(self.model_dir).items():
                    self.model_paths.setdefault(proc, path)
            res = _resolve_models(
                self.model_dir, self.processors, self.model_paths, self._pretokenized_option, dir_paths=dir_paths
            )
            if self._ner_optional and "ner" in self.processors and "ner" not in res["found"]:
                # NER is an extra: without its model the default pipeline runs without it (ner = "O")
                self.processors = tuple(p for p in self.processors if p != "ner")
                res = _resolve_models(self.model_dir, self.processors, self.model_paths, self._pretokenized_option)
            self._resolved = res
        return self._resolved

    def check(self) -> None:
        """Raise :class:`ParserUnavailableError` unless stanza and every model file are present."""
        _require_stanza()
        res = self._resolve()
        if res["missing"]:
            raise ParserUnavailableError(
                f"stanza models not found (looked in {self.model_dir}, from {self.model_dir_source}): "
                f"missing {_group_missing(res['missing'])}. Install them on a machine with internet with "
                f"`{install_command(self.model_dir)}` and copy that directory here, or set {ENV_VAR} "
                "to a directory that holds them (or pass model_dir= / model_paths=)."
            )

    @property
    def pretokenized(self) -> bool:
        """Whether text is split by geoevent's tokenizer and fed to stanza pretokenized."""
        return bool(self._resolve()["pretokenized"])

    def _cache_key(self) -> tuple[Any, ...]:
        return (
            str(self.model_dir),
            self.processors,
            tuple(sorted(self.model_paths.items())),
            self.pretokenized,
            self.use_gpu,
            self.batch_size,
            tuple(sorted((k, repr(v)) for k, v in self.stanza_options.items())),
        )

    def pipeline(self) -> Any:
        """The stanza Pipeline of this configuration, built once per process."""
        if self._pipeline is not None:
            return self._pipeline
        self.check()
        key = self._cache_key()
        with _PIPELINES_LOCK:
            pipe = _PIPELINES.get(key)
            if pipe is None:
                pipe = self._build()
                _PIPELINES[key] = pipe
        self._pipeline = pipe
        return pipe

    def _build(self) -> Any:
        import stanza

        res = self._resolve()
        kwargs: dict[str, Any] = {
            "lang": _LANG,
            "dir": str(self.model_dir),
            "processors": ",".join(self.processors),
            "download_method": None,
            "use_gpu": self.use_gpu,
            "logging_level": "ERROR",
            "tokenize_pretokenized": res["pretokenized"],
        }
        if res["explicit"]:
            kwargs["resources_filepath"] = _empty_resources_file()
            kwargs["allow_unknown_language"] = True
        for proc, path in self.model_paths.items():
            if proc == "tokenize" and res["pretokenized"]:
                continue
            if proc in self.processors or (proc == "mwt" and not res["pretokenized"]):
                kwargs[f"{proc}_model_path"] = path
        for proc in self.processors:
            if proc in ("pos", "lemma", "depparse", "ner"):
                kwargs[f"{proc}_batch_size"] = self.batch_size
        kwargs.update(self.stanza_options)
        try:
            return stanza.Pipeline(**kwargs)
        except Exception as exc:  # report any stanza failure the same way (re-raised below)
            raise ParserUnavailableError(
                f"stanza could not build its pipeline from {self.model_dir} ({type(exc).__name__}: {exc}). "
                f"Reinstall the models with `{install_command(self.model_dir)}` or set {ENV_VAR}."
            ) from exc

    # -- parsing ----------------------------------------------------------------------------

    def parse(
        self, texts: Sequence[str], *, doc_ids: Sequence[str] | None = None, line_breaks: str = "auto"
    ) -> pd.DataFrame:
        """Parse documents into one token table, all documents in one bulk stanza call.

        ``line_breaks`` says what a line break means (:func:`geoevent.parse.tokenize.segments`):
        pretokenized, geoevent's tokenizer applies it; with stanza's own tokenizer each stretch
        between sentence-ending line breaks goes to stanza as a document of its own.
        """
        from geoevent.parse.tokenize import check_line_breaks, segments, tokenize

        check_line_breaks(line_breaks)
        texts, ids = _check_inputs(texts, doc_ids)
        pipe = self.pipeline()  # fails fast, before any document is touched
        if not self.pretokenized:
            return self._parse_segments(pipe, texts, ids, line_breaks, segments)
        spans = [tokenize(t, line_breaks=line_breaks) for t in texts]
        return self._parse_spans(pipe, texts, spans, ids)

    def _parse_segments(
        self, pipe: Any, texts: list[str], ids: list[str], line_breaks: str, segments: Any
    ) -> pd.DataFrame:
        """stanza's tokenizer on each stretch sentences never cross; offsets and sentence numbers
        are then made the document's again."""
        pieces: list[tuple[int, int]] = []  # (document index, stretch start)
        docs = []
        for i, text in enumerate(texts):
            for s, e in segments(text, line_breaks=line_breaks):
                if text[s:e].strip():
                    pieces.append((i, s))
                    docs.append(_new_document(text[s:e]))
        out = _bulk(pipe, docs, [ids[i] for i, _ in pieces])
        table = doc_to_token_table(out, [ids[i] for i, _ in pieces])
        if len(table) == 0:
            return table
        shift: list[int] = []
        sent: list[int] = []
        seen: dict[int, int] = {}
        for (i, start), doc in zip(pieces, out):
            base = seen.get(i, 0)
            for k, sentence in enumerate(doc.sentences):
                n = sum(len(t.words) for t in sentence.tokens)
                shift.extend([start] * n)
                sent.extend([base + k] * n)
            seen[i] = base + len(doc.sentences)
        table = table.copy()
        for col in ("start_char", "end_char"):
            values = table[col].to_numpy()
            table[col] = pd.array(np.where(values >= 0, values + np.asarray(shift), values), dtype=table[col].dtype)  # type: ignore[arg-type]  # the column's own dtype; the stubs want a literal one
        table["sent_idx"] = pd.array(sent, dtype=table["sent_idx"].dtype)  # type: ignore[arg-type]  # as above
        return table

    def parse_pretokenized(
        self,
        texts: Sequence[str],
        spans: Sequence[Sequence[Sequence[tuple[int, int]]]],
        *,
        doc_ids: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Parse documents already split into sentences of (start_char, end_char) word spans."""
        texts, ids = _check_inputs(texts, doc_ids)
        if len(spans) != len(texts):
            raise InputError(f"stanza parser: {len(texts)} texts but {len(spans)} span lists")
        if not self.pretokenized:
            raise InputError("stanza parser: parse_pretokenized needs a parser built with pretokenized=True")
        pipe = self.pipeline()
        return self._parse_spans(pipe, texts, spans, ids)

    def _parse_spans(
        self,
        pipe: Any,
        texts: Sequence[str],
        spans: Sequence[Sequence[Sequence[tuple[int, int]]]],
        ids: Sequence[str],
    ) -> pd.DataFrame:
        keep: list[int] = []
        docs = []
        offsets = []
        for i, (text, sents) in enumerate(zip(texts, spans)):
            sents = [list(s) for s in sents if len(s)]
            if not sents:
                continue
            _check_spans(text, sents, ids[i])
            keep.append(i)
            docs.append(_pretokenized_document(text, sents))
            offsets.append(sents)
        out = _bulk(pipe, docs, [ids[i] for i in keep])
        return doc_to_token_table(out, [ids[i] for i in keep], offsets=offsets)


def _check_inputs(texts: Sequence[str], doc_ids: Sequence[str] | None) -> tuple[list[str], list[str]]:
    if isinstance(texts, str):
        texts = [texts]
    texts = clean_texts(list(texts))  # surrogates -> U+FFFD (geoevent.clean)
    ids = [str(i) for i in range(len(texts))] if doc_ids is None else clean_texts([str(d) for d in doc_ids])
    if len(ids) != len(texts):
        raise InputError(f"stanza parser: {len(texts)} texts but {len(ids)} doc ids")
    for doc_id, text in zip(ids, texts):
        if not isinstance(text, str):
            raise InputError(f"stanza parser: document {doc_id!r} is {type(text).__name__}, expected str")
    return texts, ids


def _check_spans(text: str, sents: Sequence[Sequence[tuple[int, int]]], doc_id: str) -> None:
    n = len(text)
    for sent in sents:
        for start, end in sent:
            if not (0 <= start < end <= n):
                raise InputError(f"stanza parser: document {doc_id!r} has a bad word span ({start}, {end})")


def _new_document(text: str) -> Any:
    from stanza.models.common.doc import Document

    return Document([], text=text)


def _pretokenized_document(text: str, sents: Sequence[Sequence[tuple[int, int]]]) -> Any:
    """A stanza Document of pretokenized sentences whose tokens carry the real offsets."""
    from stanza.models.common.doc import Document

    sentences = [
        [
            {"id": (k,), "text": text[s:e], "misc": f"start_char={s}|end_char={e}"}
            for k, (s, e) in enumerate(sent, start=1)
        ]
        for sent in sents
    ]
    doc = Document(sentences)
    doc.text = text
    return doc


def _bulk(pipe: Any, docs: list[Any], ids: Sequence[str]) -> list[Any]:
    """Run the pipeline on all documents in one bulk call."""
    if not docs:
        return []
    try:
        out = pipe.bulk_process(docs)
    except Exception as exc:  # name the batch in any stanza failure (re-raised below)
        shown = ", ".join(repr(d) for d in list(ids)[:5]) + (", ..." if len(ids) > 5 else "")
        raise InputError(f"stanza failed on documents {shown} ({type(exc).__name__}: {exc})") from exc
    return list(out)


_MAP_NEEDED = frozenset(UD1_TO_UD2)


def doc_to_token_table(
    docs: Sequence[stanza.Document],
    doc_ids: Sequence[str],
    *,
    offsets: Sequence[Sequence[Sequence[tuple[int, int]]]] | None = None,
) -> pd.DataFrame:
    """Convert stanza Documents to a token table in one pass per document.

    Word ids and heads are stanza's (1-based, 0 = root); relation names go through
    :func:`geoevent.tokens.map_deprel` with the head's UPOS, exactly as the CoNLL-U reader does
    (so UD v1 parses read by stanza's CoNLL reader come out as UD v2). Offsets are the tokens'
    ``start_char``/``end_char`` (every word of a multi-word token gets the token's span), or,
    when ``offsets`` is given, the (start, end) span of each token, per document and sentence.
    NER is the token's tag, "O" when absent.
    """
    if len(docs) != len(doc_ids):
        raise InputError(f"stanza conversion: {len(docs)} documents but {len(doc_ids)} doc ids")
    if offsets is not None and len(offsets) != len(docs):
        raise InputError(f"stanza conversion: {len(docs)} documents but {len(offsets)} offset lists")
    cols: dict[str, list[Any]] = {k: [] for k in TOKEN_COLUMNS}
    doc_col, sent_col, id_col, text_col = cols["doc_id"], cols["sent_idx"], cols["tok_idx"], cols["text"]
    lemma_col, upos_col, xpos_col, feats_col = cols["lemma"], cols["upos"], cols["xpos"], cols["feats"]
    head_col, rel_col, start_col, end_col, ner_col = (
        cols["head"],
        cols["deprel"],
        cols["start_char"],
        cols["end_char"],
        cols["ner"],
    )
    for d, (doc, doc_id) in enumerate(zip(docs, doc_ids)):
        doc_id = str(doc_id)
        doc_offsets = offsets[d] if offsets is not None else None
        if doc_offsets is not None and len(doc_offsets) != len(doc.sentences):
            raise InputError(
                f"stanza conversion: document {doc_id!r} has {len(doc.sentences)} sentences "
                f"but {len(doc_offsets)} offset lists"
            )
        for s, sent in enumerate(doc.sentences):
            sent_offsets = doc_offsets[s] if doc_offsets is not None else None
            if sent_offsets is not None and len(sent_offsets) != len(sent.tokens):
                raise InputError(
                    f"stanza conversion: document {doc_id!r} sentence {s} has {len(sent.tokens)} tokens "
                    f"but {len(sent_offsets)} spans"
                )
            first = len(upos_col)
            rels: list[str] = []
            for t, token in enumerate(sent.tokens):
                if sent_offsets is not None:
                    start, end = sent_offsets[t]
                else:
                    start = token.start_char if token.start_char is not None else -1
                    end = token.end_char if token.end_char is not None else -1
                ner = token.ner or "O"
                for word in token.words:
                    doc_col.append(doc_id)
                    sent_col.append(s)
                    id_col.append(word.id)
                    text_col.append(word.text)
                    lemma_col.append(word.lemma or "")
                    upos_col.append(word.upos or "")
                    xpos_col.append(word.xpos or "")
                    feats_col.append(word.feats or "")
                    head_col.append(word.head if word.head is not None else 0)
                    rels.append(word.deprel or "")
                    start_col.append(start)
                    end_col.append(end)
                    ner_col.append(ner)
            sent_upos = upos_col[first:]
            sent_heads = head_col[first:]
            if len(id_col) - first and id_col[first:] != list(range(1, len(id_col) - first + 1)):
                raise InputError(f"stanza conversion: document {doc_id!r} sentence {s} has non-consecutive word ids")
            for rel, head in zip(rels, sent_heads):
                if rel in _MAP_NEEDED or rel.startswith("nmod"):
                    head_upos = sent_upos[head - 1] if 0 < head <= len(sent_upos) else None
                    rel = map_deprel(rel, head_upos)
                rel_col.append(rel)
    if not doc_col:
        return empty_token_table()
    return make_token_table(cols)


def describe(
    *,
    model_dir: str | Path | None = None,
    processors: str | Sequence[str] | None = None,
    model_paths: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Whether stanza is importable, the model directory looked in, and which models were found.

    Keys: name, stanza_importable, stanza_version, model_dir, model_dir_source, processors,
    models {processor: path}, missing [..], models_found, usable, pretokenized, install.
    """
    return StanzaParser(model_dir=model_dir, processors=processors, model_paths=model_paths).describe()
