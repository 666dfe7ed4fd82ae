"""Document dates (ISO dates and timestamps; one warning for undated documents), the progress
bar, and a parser that cannot run failing once, clearly."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

import geoevent
from geoevent.coder import _as_date, code_documents
from geoevent.errors import ParserUnavailableError

DAY = dt.date(2024, 11, 17)


@pytest.mark.parametrize(
    "value",
    [
        "2024-11-17",
        "2024-11-17T10:00:00Z",
        "2024-11-17T23:30:00-05:00",
        "2024-11-17 10:00:00+02:00",
        "2024-11-17T10:00",
        " 2024-11-17 ",
        dt.datetime(2024, 11, 17, 22),
        pd.Timestamp("2024-11-17 08:00", tz="UTC"),
        DAY,
    ],
)
def test_iso_dates_and_timestamps_give_their_calendar_day(value: object) -> None:
    assert _as_date(value) == DAY


@pytest.mark.parametrize("value", ["17/11/2024", "2024-13-01", "yesterday"])
def test_other_text_is_not_a_date(value: str) -> None:
    with pytest.raises(ValueError):
        _as_date(value)


def test_undated_documents_are_coded_with_one_warning_naming_how_many() -> None:
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ["Biden condemned Russia."] * 4,
            "date": [None, "", float("nan"), "2024-11-17T10:00:00Z"],
        }
    )
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        ev = code_documents(docs)
    undated = [w for w in seen if issubclass(w.category, geoevent.MissingDateWarning)]
    assert len(undated) == 1 and "3 of 4 document(s) have no date" in str(undated[0].message)
    assert sorted(ev["doc_id"]) == ["a", "b", "c", "d"]
    dates = dict(zip(ev["doc_id"], ev["event_date"].astype(object)))
    assert dates["d"] == DAY and all(pd.isna(dates[k]) for k in "abc")
    with warnings.catch_warnings():
        warnings.simplefilter("error", geoevent.MissingDateWarning)
        code_documents(docs.iloc[3:])  # dated: no warning


def test_a_document_with_a_bad_date_is_coded_undated_and_reported() -> None:
    docs = pd.DataFrame(
        {"doc_id": ["bad", "ok"], "text": ["Russia attacked Ukraine."] * 2, "date": ["17/11/2024", "2024-11-17"]}
    )
    with pytest.warns(UserWarning, match="'bad': bad date .*coded undated"):
        ev = code_documents(docs)
    assert ev["doc_id"].tolist() == ["bad", "ok"] and ev.attrs["problems"][0][0] == "bad"
    assert ev.loc[ev["doc_id"] == "bad", "event_date"].isna().all()


def test_the_progress_bar_is_tqdm_auto_and_moves_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import tqdm.auto

    bars: list[Recorder] = []

    class Recorder:
        def __init__(self, *args: object, **kw: object) -> None:
            self.total, self.steps, self.closed = kw.get("total"), [], False
            bars.append(self)

        def update(self, n: int) -> None:
            self.steps.append(n)

        def close(self) -> None:
            self.closed = True

    monkeypatch.setattr(tqdm.auto, "tqdm", Recorder)
    docs = pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(7)], "text": ["Russia attacked Ukraine."] * 7, "date": ["2024-11-17"] * 7}
    )
    code_documents(docs, progress=True)
    assert len(bars) == 1 and bars[0].total == 7 and bars[0].steps == [1] * 7 and bars[0].closed


def test_a_parser_that_cannot_run_fails_once_not_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    parse_module = sys.modules["geoevent.parse"]  # geoevent.parse is also the function

    class Missing:
        name = "stanza"
        calls = 0

        def parse(self, texts: object, *, doc_ids: object = None, **options: object) -> None:
            Missing.calls += 1
            raise ParserUnavailableError("parser='stanza' needs the optional extra geoevent[stanza]")

    monkeypatch.setattr(parse_module, "get_parser", lambda name, **kw: Missing())
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(300)], "text": ["x."] * 300, "date": ["2024-11-17"] * 300})
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(ParserUnavailableError, match=r"geoevent\[stanza\]"):
            code_documents(docs, parser="stanza")
    assert Missing.calls == 1 and not [w for w in seen if "skipped" in str(w.message)]


def test_stanza_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from geoevent.parse import stanza_backend

    monkeypatch.setattr(stanza_backend, "_stanza_importable", lambda: False)
    with pytest.raises(ParserUnavailableError, match=r'pip install "geoevent\[stanza\]"'):
        geoevent.code("Russia attacked Ukraine.", date="2024-11-17", parser="stanza")
