"""The seeds' events, coded once per test session with geoevent.code_frame (for the exporter,
explain and plot tests)."""

from __future__ import annotations

import functools

import pandas as pd

from tests.helpers import ROOT

SEED_DATE = "2024-11-17"


@functools.lru_cache(maxsize=1)
def _coded() -> pd.DataFrame:
    import geoevent

    files = sorted((ROOT / "seeds").glob("*.txt"))
    docs = pd.DataFrame(
        {
            "id": [f.name for f in files],
            "text": [f.read_text(encoding="utf-8") for f in files],
            "date": [SEED_DATE] * len(files),
        }
    )
    return geoevent.code_frame(docs, id_col="id", date_col="date")


def seed_events() -> pd.DataFrame:
    """A fresh copy of the seeds' events table (attrs included)."""
    ev = _coded()
    out = ev.copy()
    out.attrs = dict(ev.attrs)
    return out
