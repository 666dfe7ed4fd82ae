"""Text at the input boundary: code points no encoder accepts are replaced.

A Python ``str`` can hold surrogate code points (U+D800-U+DFFF), alone or in pairs — from
``json.loads('"\\ud800"')``, from ``bytes.decode(errors="surrogateescape")`` or from Python
literals. UTF-8 (and so Arrow, Parquet and pandas' string columns) cannot encode them. Every
entry point (:func:`geoevent.code`, :func:`geoevent.code_frame`, :func:`geoevent.parse`,
:func:`geoevent.code_documents` and the parser backends) passes its texts and document ids
through :func:`clean_text`, which replaces each surrogate code point by one U+FFFD REPLACEMENT
CHARACTER. The length is kept, so character offsets into the cleaned text are offsets into the
original. Every other code point is encodable and kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

__all__ = ["REPLACEMENT", "clean_text", "clean_texts"]

#: What an unencodable code point becomes.
REPLACEMENT = "\ufffd"
_UNENCODABLE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with every surrogate code point replaced by U+FFFD (same length); ``text`` itself
    when it has none."""
    if text.isascii() or _UNENCODABLE.search(text) is None:
        return text
    return _UNENCODABLE.sub(REPLACEMENT, text)


def clean_texts(values: Sequence[Any]) -> list[Any]:
    """:func:`clean_text` on every ``str`` of ``values``; other values (reported later as not
    text) are kept."""
    return [clean_text(v) if isinstance(v, str) else v for v in values]
