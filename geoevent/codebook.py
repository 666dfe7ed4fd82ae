"""The CAMEO event codebook: codes, names, Goldstein weights, quad classes, PLOVER types, labels.

The codebook is a plain tab-separated file shipped with the package
(``geoevent/data/cameo_codebook.tsv``), written for geoevent from the public CAMEO 1.1b3 manual;
docs/codebook.md explains every choice (sources followed where they disagree, the PLOVER mapping,
the fixed headline labels). Codes are strings: ``"042"`` is not ``42``.

Columns (header row required, in this order)::

    code  name  goldstein  root_code  base_code  quad_class  plover_type  label
"""

from __future__ import annotations

import functools
import math
import re
from importlib import resources
from pathlib import Path

import attrs
import pandas as pd

from geoevent.errors import DictionaryError, InvalidTypeError, InvalidValueError, UnknownCodeError

__all__ = [
    "CODEBOOK_COLUMNS",
    "CODEBOOK_VERSION",
    "PLOVER_TYPES",
    "QUAD_CLASS_NAMES",
    "CodebookEntry",
    "codes_for_label",
    "is_valid_code",
    "load_codebook",
    "lookup",
    "quad_class_for_root",
    "read_codebook",
]

#: Version of the packaged codebook; written into the metadata of every events file.
CODEBOOK_VERSION: str = "cameo-1.1b3+geoevent.1"

#: Columns of the codebook file and of :func:`load_codebook`, in order.
CODEBOOK_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "goldstein",
    "root_code",
    "base_code",
    "quad_class",
    "plover_type",
    "label",
)

#: The PLOVER event types a code may map to.
PLOVER_TYPES: frozenset[str] = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)

#: The four quad classes (GDELT / ICEWS numbering).
QUAD_CLASS_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

_PACKAGE_FILE = "cameo_codebook.tsv"
_CODE_RE = re.compile(r"[0-9]{2,4}")
_LABEL_RE = re.compile(r"[a-z][a-z-]*( [a-z][a-z-]*)?")
_STR_COLUMNS = ("code", "name", "root_code", "base_code", "plover_type", "label")


def quad_class_for_root(root_code: str) -> int:
    """Quad class of a two-digit CAMEO root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    if not isinstance(root_code, str):
        raise InvalidTypeError(f"CAMEO root codes are strings, got {type(root_code).__name__}")
    if not (len(root_code) == 2 and root_code.isascii() and root_code.isdigit()):
        raise InvalidValueError(f"not a two-digit CAMEO root code: {root_code!r}")
    root = int(root_code)
    if not 1 <= root <= 20:
        raise InvalidValueError(f"CAMEO root codes run from 01 to 20, got {root_code!r}")
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


@attrs.frozen(slots=True)
class CodebookEntry:
    """One CAMEO event code with everything geoevent records about it."""

    code: str
    name: str
    goldstein: float
    root_code: str
    base_code: str
    quad_class: int
    plover_type: str
    label: str


def _parse_entries(text: str, path: str) -> list[CodebookEntry]:
    """Parse and validate codebook text; errors name ``path`` and the 1-based line."""
    lines = text.splitlines()
    if not lines:
        raise DictionaryError(path, None, "empty codebook file (expected a header row)")
    header = tuple(lines[0].split("\t"))
    if header != CODEBOOK_COLUMNS:
        raise DictionaryError(path, 1, f"header must be {'<TAB>'.join(CODEBOOK_COLUMNS)!r}, got {lines[0]!r}")
    rows: list[tuple[str, str, float, str, str, int, str, str]] = []
    line_of: dict[str, int] = {}
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            raise DictionaryError(path, lineno, "blank line")
        fields = line.split("\t")
        if len(fields) != len(CODEBOOK_COLUMNS):
            raise DictionaryError(
                path, lineno, f"expected {len(CODEBOOK_COLUMNS)} tab-separated fields, got {len(fields)}"
            )
        code, name, goldstein_s, root, base, quad_s, plover, label = fields
        if not _CODE_RE.fullmatch(code):
            raise DictionaryError(path, lineno, f"code must be 2 to 4 digits, got {code!r}")
        if code in line_of:
            raise DictionaryError(path, lineno, f"duplicate code {code!r} (first on line {line_of[code]})")
        if not name.strip() or name != name.strip():
            raise DictionaryError(path, lineno, f"code {code}: empty or padded name {name!r}")
        try:
            goldstein = float(goldstein_s)
        except ValueError:
            raise DictionaryError(path, lineno, f"code {code}: goldstein is not a number: {goldstein_s!r}") from None
        if not (math.isfinite(goldstein) and -10.0 <= goldstein <= 10.0):
            raise DictionaryError(path, lineno, f"code {code}: goldstein {goldstein_s} outside [-10, 10]")
        if root != code[:2]:
            raise DictionaryError(path, lineno, f"code {code}: root_code must be {code[:2]!r}, got {root!r}")
        try:
            expected_quad = quad_class_for_root(root)
        except ValueError as exc:
            raise DictionaryError(path, lineno, f"code {code}: {exc}") from None
        expected_base = code[:3] if len(code) >= 3 else code
        if base != expected_base:
            raise DictionaryError(path, lineno, f"code {code}: base_code must be {expected_base!r}, got {base!r}")
        if quad_s != str(expected_quad):
            raise DictionaryError(
                path, lineno, f"code {code}: quad_class must be {expected_quad} for root {root}, got {quad_s!r}"
            )
        if plover not in PLOVER_TYPES:
            raise DictionaryError(path, lineno, f"code {code}: unknown PLOVER type {plover!r}")
        if not _LABEL_RE.fullmatch(label):
            raise DictionaryError(path, lineno, f"code {code}: label must be one or two lowercase words, got {label!r}")
        line_of[code] = lineno
        rows.append((code, name, goldstein, root, base, expected_quad, plover, label))
    if not rows:
        raise DictionaryError(path, None, "codebook has a header but no codes")
    for code, *_rest, _label in rows:
        for parent in {code[:2], code[:3]}:
            if parent not in line_of:
                raise DictionaryError(path, line_of[code], f"code {code}: parent code {parent!r} is missing")
    return [CodebookEntry(*row) for row in rows]


def _frame(entries: list[CodebookEntry]) -> pd.DataFrame:
    """The codebook DataFrame for validated entries (object str columns, float32, int8)."""
    frame = pd.DataFrame.from_records([attrs.astuple(e) for e in entries], columns=list(CODEBOOK_COLUMNS))
    for column in _STR_COLUMNS:
        frame[column] = frame[column].astype(object)
    frame["goldstein"] = frame["goldstein"].astype("float32")
    frame["quad_class"] = frame["quad_class"].astype("int8")
    return frame


def read_codebook(path: str | Path) -> pd.DataFrame:
    """Read and validate a codebook TSV at ``path`` (e.g. a modified copy of the packaged one).

    Raises :class:`geoevent.errors.DictionaryError` naming the file and line of the first problem.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(str(p), None, f"cannot read codebook: {exc}") from exc
    return _frame(_parse_entries(text, str(p)))


@functools.cache
def _packaged_entries() -> dict[str, CodebookEntry]:
    ref = resources.files("geoevent") / "data" / _PACKAGE_FILE
    entries = _parse_entries(ref.read_text(encoding="utf-8"), f"geoevent/data/{_PACKAGE_FILE}")
    return {entry.code: entry for entry in entries}


@functools.cache
def _packaged_frame() -> pd.DataFrame:
    return _frame(list(_packaged_entries().values()))


@functools.cache
def _by_label() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for entry in _packaged_entries().values():
        out.setdefault(entry.label, []).append(entry.code)
    return {label: tuple(codes) for label, codes in out.items()}


def load_codebook() -> pd.DataFrame:
    """The packaged CAMEO codebook as a DataFrame (parsed once; each call returns a fresh copy).

    Returns
    -------
    pandas.DataFrame
        Columns as in :data:`CODEBOOK_COLUMNS`; code, root_code and base_code are str in object
        dtype, goldstein float32, quad_class int8; rows in code order as in the file.

    Examples
    --------
    >>> import geoevent
    >>> book = geoevent.load_codebook()
    >>> book.set_index("code").loc["190", "name"]
    'Use conventional military force'
    """
    return _packaged_frame().copy()


def lookup(code: str) -> CodebookEntry:
    """The codebook entry of a CAMEO event code.

    Parameters
    ----------
    code : str
        A CAMEO event code such as ``"0331"`` (a string: ``"042"`` is not ``42``).

    Returns
    -------
    CodebookEntry
        code, name, goldstein, root_code, base_code, quad_class, plover_type, label.

    Raises :class:`geoevent.errors.InvalidTypeError` (a TypeError) for a non-string and :class:`geoevent.errors.UnknownCodeError` (a KeyError)
    for a string that is not a code in the codebook.

    Examples
    --------
    >>> import geoevent
    >>> entry = geoevent.lookup("190")
    >>> (entry.root_code, entry.quad_class, entry.goldstein)
    ('19', 4, -10.0)
    """
    if not isinstance(code, str):
        raise InvalidTypeError(f"CAMEO codes are strings such as '042', got {type(code).__name__} {code!r}")
    try:
        return _packaged_entries()[code]
    except KeyError:
        raise UnknownCodeError(f"unknown CAMEO event code {code!r} (codebook {CODEBOOK_VERSION})") from None


def is_valid_code(code: str) -> bool:
    """True when ``code`` is a string naming a code in the codebook (False for non-strings)."""
    return isinstance(code, str) and code in _packaged_entries()


def codes_for_label(label: str) -> list[str]:
    """Codes carrying ``label``, in codebook order; empty when no code has it."""
    if not isinstance(label, str):
        raise InvalidTypeError(f"labels are strings, got {type(label).__name__} {label!r}")
    return list(_by_label().get(label, ()))
