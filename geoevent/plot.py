"""Plots of an events table (matplotlib, the optional extra ``geoevent[plot]``): events over time
by quad class, and a dyad matrix of who acts on whom."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geoevent.errors import GeoeventError, InputError

__all__ = ["PLOT_KINDS", "plot_dyads", "plot_timeline", "save_plot"]

#: What ``geoevent plot --kind`` draws.
PLOT_KINDS: tuple[str, ...] = ("timeline", "dyads")

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d"}


class PlotUnavailableError(GeoeventError, ImportError):
    """matplotlib is not installed: ``pip install "geoevent[plot]"``."""


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise PlotUnavailableError('plots need matplotlib: pip install "geoevent[plot]"') from None
    _, ax = plt.subplots(figsize=(8, 4.5))
    return ax


def _check(events: Any) -> pd.DataFrame:
    if not isinstance(events, pd.DataFrame):
        raise InputError(f"events must be an events DataFrame, got {type(events).__name__}")
    return events


def _freq(days: pd.Series) -> str:
    span = (days.max() - days.min()).days if len(days) else 0
    return "D" if span <= 92 else ("W" if span <= 2 * 365 else "MS")


def plot_timeline(events: pd.DataFrame, *, freq: str | None = None, ax: Any = None) -> Any:
    """Events over time, one stacked bar per period, coloured by CAMEO quad class.

    Parameters
    ----------
    events : pandas.DataFrame
        An events table; events without a date are left out (the title says how many).
    freq : str, optional
        A pandas period such as ``"D"``, ``"W"`` or ``"MS"`` (default: days for up to three
        months of data, weeks for up to two years, months beyond).
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import geoevent
    >>> events = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine."], "date": ["2024-11-17"]}),
    ...                              date_col="date")
    >>> ax = geoevent.plot_timeline(events)
    >>> ax.get_ylabel()
    'events'
    """
    ev = _check(events)
    ax = _axes(ax)
    days = pd.to_datetime(pd.Series(ev["event_date"].astype(object).tolist(), dtype=object), errors="coerce")
    quad = pd.to_numeric(ev["quad_class"], errors="coerce")
    dated = days.notna().to_numpy()
    undated = int((~dated).sum())
    title = "events by quad class"
    if undated:
        title += f" ({undated} undated left out)"
    if dated.any():
        f = freq or _freq(days[dated])
        table = pd.DataFrame({"day": days[dated].to_numpy(), "quad": quad[dated].fillna(0).astype(int).to_numpy()})
        counts = table.groupby([pd.Grouper(key="day", freq=f), "quad"]).size().unstack(fill_value=0)
        counts = counts.reindex(pd.date_range(counts.index.min(), counts.index.max(), freq=f), fill_value=0)
        x = np.arange(len(counts))
        bottom = np.zeros(len(counts))
        for q in sorted(int(c) for c in counts.columns):  # quad classes, 0 outside the codebook
            vals = counts[q].to_numpy()
            ax.bar(
                x,
                vals,
                bottom=bottom,
                color=QUAD_COLOURS.get(q, "#999999"),
                label=QUAD_NAMES.get(q, "outside the codebook"),
            )
            bottom += vals
        labels = [d.strftime("%Y-%m-%d" if f != "MS" else "%Y-%m") for d in counts.index]
        step = max(1, len(labels) // 12)
        ax.set_xticks(x[::step])
        ax.set_xticklabels(labels[::step], rotation=45, ha="right")
        ax.legend(fontsize="small")
    else:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
    ax.set_ylabel("events")
    ax.set_title(title)
    return ax


def dyad_matrix(events: pd.DataFrame, *, by: str = "code", top: int = 15) -> pd.DataFrame:
    """Counts of events from each source (rows) to each target (columns), the ``top`` most
    frequent actors each way; ``by`` is ``"code"`` (USAGOV) or ``"country"`` (USA)."""
    ev = _check(events)
    if by not in ("code", "country"):
        raise InputError(f"by must be 'code' or 'country', got {by!r}")
    src = ev[f"source_{by}"].astype(object)
    tgt = ev[f"target_{by}"].astype(object)
    pairs = pd.DataFrame({"source": src, "target": tgt}).dropna()
    if len(pairs) == 0:
        return pd.DataFrame(dtype=np.int64)
    rows = pairs["source"].value_counts().index[:top]
    cols = pairs["target"].value_counts().index[:top]
    keep = pairs["source"].isin(rows) & pairs["target"].isin(cols)
    m = pd.crosstab(pairs.loc[keep, "source"], pairs.loc[keep, "target"])
    return m.reindex(index=[r for r in rows if r in m.index], columns=[c for c in cols if c in m.columns], fill_value=0)


def plot_dyads(events: pd.DataFrame, *, by: str = "code", top: int = 15, ax: Any = None) -> Any:
    """A matrix of who acts on whom: sources as rows, targets as columns, cells the event counts.

    Parameters
    ----------
    events : pandas.DataFrame
        An events table; events without a target are left out.
    by : {"code", "country"}, default "code"
        Actor codes (``USAGOV``) or their countries (``USA``).
    top : int, default 15
        How many of the most frequent sources and targets to show.
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import geoevent
    >>> events = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine."]}))
    >>> ax = geoevent.plot_dyads(events)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['RUS']
    """
    m = dyad_matrix(events, by=by, top=top)
    ax = _axes(ax)
    if m.size == 0:
        ax.text(0.5, 0.5, "no events with a target", ha="center", va="center", transform=ax.transAxes)
        ax.set_title("who acts on whom")
        return ax
    values = m.to_numpy()
    ax.imshow(values, cmap="Reds", aspect="auto")
    ax.set_xticks(np.arange(m.shape[1]))
    ax.set_xticklabels([str(c) for c in m.columns], rotation=45, ha="right")
    ax.set_yticks(np.arange(m.shape[0]))
    ax.set_yticklabels([str(r) for r in m.index])
    high = values.max()
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if values[i, j]:
                ax.text(
                    j,
                    i,
                    str(values[i, j]),
                    ha="center",
                    va="center",
                    color="white" if values[i, j] > high / 2 else "black",
                    fontsize="small",
                )
    ax.set_xlabel("target")
    ax.set_ylabel("source")
    ax.set_title("who acts on whom (events)")
    return ax


def save_plot(events: pd.DataFrame, path: str | Path, *, kind: str = "timeline", dpi: int = 120) -> Path:
    """Draw ``kind`` ("timeline" or "dyads") into an image file (PNG, SVG, PDF: by extension),
    without a display (``geoevent plot``)."""
    if kind not in PLOT_KINDS:
        raise InputError(f"unknown plot kind {kind!r}; choose one of: {', '.join(PLOT_KINDS)}")
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise PlotUnavailableError('plots need matplotlib: pip install "geoevent[plot]"') from None
    path = Path(path)
    fig = Figure(figsize=(8, 5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    (plot_timeline if kind == "timeline" else plot_dyads)(events, ax=ax)
    fig.tight_layout()
    try:
        fig.savefig(path, dpi=dpi)
    except ValueError as exc:  # an unknown image format
        raise InputError(f"{path}: {exc}") from None
    return path
