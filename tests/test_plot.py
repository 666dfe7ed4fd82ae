"""Plots: the timeline's bars count the dated events by quad class, the dyad matrix counts
source-target pairs, and `geoevent plot` writes a non-empty image."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("matplotlib", reason="the plots need matplotlib (geoevent[plot])")
import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure

import geoevent
from geoevent.cli import main
from geoevent.errors import InputError
from geoevent.plot import PlotUnavailableError, dyad_matrix
from tests.seed_events import seed_events

PNG = b"\x89PNG\r\n\x1a\n"


def _ax():
    return Figure().add_subplot()


def test_timeline_bars_count_dated_events_by_quad_class() -> None:
    ev = seed_events()
    later = ev.iloc[:3].assign(event_date=ev["event_date"].iloc[:3].astype(object).map(lambda d: d.replace(day=20)))
    undated = ev.iloc[:2].assign(event_date=None)
    table = pd.concat([ev, later, undated], ignore_index=True)
    table["event_date"] = geoevent.coder.event_dates(table["event_date"])
    ax = geoevent.plot_timeline(table, freq="D", ax=_ax())
    heights: dict[str, float] = {}
    for bars in ax.containers:
        heights[bars.get_label()] = sum(b.get_height() for b in bars)
    assert sum(heights.values()) == len(ev) + 3  # the two undated events are left out ...
    assert "2 undated left out" in ax.get_title()  # ... and counted in the title
    names = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
    dated = table[table["event_date"].notna()]
    assert heights == {names[int(q)]: n for q, n in dated["quad_class"].value_counts().items()}
    assert len(ax.containers[0]) == 4  # one bar a day from the 17th to the 20th


def test_dyad_matrix_counts_pairs() -> None:
    ev = seed_events()
    m = dyad_matrix(ev)
    pairs = ev.groupby(["source_code", "target_code"]).size()
    for (s, t), n in pairs.items():
        assert m.loc[s, t] == n
    assert int(m.to_numpy().sum()) == int(ev["target_code"].notna().sum())  # targetless events left out
    ax = geoevent.plot_dyads(ev, ax=_ax())
    with_target = ev[ev["target_code"].notna()]
    assert {t.get_text() for t in ax.get_yticklabels()} == set(with_target["source_code"])
    both = ev[ev["source_country"].notna() & ev["target_country"].notna()]
    assert set(dyad_matrix(ev, by="country").index) == set(both["source_country"])


def test_the_accessor_draws_both(monkeypatch: pytest.MonkeyPatch) -> None:
    ev = seed_events()
    assert ev.geoevent.plot_timeline(ax=_ax()).get_ylabel() == "events"
    assert ev.geoevent.plot_dyads(ax=_ax()).get_xlabel() == "target"


@pytest.mark.parametrize("kind", ["timeline", "dyads"])
def test_cli_plot_writes_a_png(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = geoevent.write_events(seed_events(), tmp_path / "events.parquet")
    out = tmp_path / f"{kind}.png"
    assert main(["plot", str(events), "-o", str(out), "--kind", kind]) == 0
    data = out.read_bytes()
    assert data.startswith(PNG) and len(data) > 5_000
    assert f"drew {kind} of {len(seed_events())} events" in capsys.readouterr().out


def test_cli_plot_refuses_an_unknown_image_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = geoevent.write_events(seed_events(), tmp_path / "events.parquet")
    assert main(["plot", str(events), "-o", str(tmp_path / "plot.bmpx")]) == 2
    assert "cannot tell the image type" in capsys.readouterr().err
    with pytest.raises(InputError, match="unknown plot kind"):
        geoevent.plot.save_plot(seed_events(), tmp_path / "x.png", kind="pie")


def test_without_matplotlib_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(PlotUnavailableError, match=r"geoevent\[plot\]"):
        geoevent.plot_timeline(seed_events())
