"""Exporters: the events table in the layouts researchers already load — GDELT 2.0 events,
ICEWS, Phoenix and PLOVER JSON (docs/export.md describes every column and what is lossy).

:func:`to_layout` gives the layout as a DataFrame; :func:`export_events` writes it, the writer
picked from the file's extension (``.tsv``, ``.csv``, ``.jsonl``, ``.json``); :func:`read_export`
reads such a file back.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geoevent.errors import InputError
from geoevent.schema import LOCATION_COLUMNS  # carried by the layouts (null when the table lacks them)

__all__ = ["EXPORT_FORMATS", "EXPORT_SUFFIXES", "export_events", "read_export", "to_layout"]

#: Layouts :func:`to_layout` and ``geoevent export --format`` know.
EXPORT_FORMATS: tuple[str, ...] = ("gdelt", "icews", "phoenix", "plover")
#: File endings :func:`export_events` writes (PLOVER, with its lists, only as JSON).
EXPORT_SUFFIXES: tuple[str, ...] = (".tsv", ".csv", ".jsonl", ".json")


#: CAMEO agent codes -> ICEWS-style sector names.
SECTORS: dict[str, str] = {
    "GOV": "Government",
    "MIL": "Military",
    "COP": "Police",
    "JUD": "Judicial",
    "LEG": "Legislative",
    "ELI": "Elite",
    "OPP": "Opposition",
    "REB": "Rebel",
    "INS": "Insurgents",
    "SEP": "Separatists",
    "SPY": "Intelligence",
    "BUS": "Business",
    "MED": "Media",
    "EDU": "Education",
    "CVL": "Civilian",
    "HLH": "Health",
    "HRI": "Human Rights",
    "LAB": "Labor",
    "REF": "Refugees",
    "CRM": "Criminal",
    "NGO": "Nongovernmental Organization",
    "IGO": "Intergovernmental Organization",
    "PRO": "Protesters",
    "REL": "Religious",
    "UAF": "Unaffiliated Armed Forces",
    "MUS": "Muslim",
    "CHR": "Christian",
    "JEW": "Jewish",
    "PTY": "Political Party",
    "ENV": "Environmental",
    "AGR": "Agricultural",
}


# --------------------------------------------------------------------------------------------
# helpers over columns


def _col(ev: pd.DataFrame, name: str) -> list[Any]:
    """A column as a list with None for missing (a missing column is all None)."""
    if name not in ev.columns:
        return [None] * len(ev)
    return [None if _na(v) else v for v in ev[name].astype(object).tolist()]


def _na(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def _dates(ev: pd.DataFrame) -> list[dt.date | None]:
    out: list[dt.date | None] = []
    for v in _col(ev, "event_date"):
        if v is None:
            out.append(None)
        elif isinstance(v, dt.datetime):
            out.append(v.date())
        elif isinstance(v, dt.date):
            out.append(v)
        else:
            out.append(dt.date.fromisoformat(str(v)[:10]))
    return out


def _ymd(d: dt.date | None) -> int | None:
    return None if d is None else d.year * 10000 + d.month * 100 + d.day


def _groups(code: Any) -> list[str]:
    """ "USAGOVMIL" -> ["USA", "GOV", "MIL"]."""
    if code is None:
        return []
    s = str(code)
    return [s[i : i + 3] for i in range(0, len(s), 3)]


def _part(code: Any, k: int) -> str | None:
    g = _groups(code)
    return g[k] if len(g) > k else None


def _rest(code: Any, start: int) -> str | None:
    g = _groups(code)
    return "".join(g[start:]) or None


def _int(v: Any) -> int | None:
    return None if v is None else int(v)


def _float(v: Any) -> float | None:
    return None if v is None else float(v)


def _numeric_id(event_id: Any) -> int | None:
    """GDELT's integer id: the first 15 hex digits of ``event_id`` (60 bits, fits int64)."""
    if event_id is None:
        return None
    try:
        return int(str(event_id)[:15], 16)
    except ValueError:
        return None


def _frame(columns: dict[str, list[Any]]) -> pd.DataFrame:
    """Object columns, so that a missing value stays None (not NaN)."""
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})


def _country_names() -> dict[str, str]:
    from geoevent.coder import default_dictionaries

    actors = default_dictionaries().actors
    rows = actors[actors["kind"].isin(["country", "igo"])].drop_duplicates("code")
    return dict(zip(rows["code"].astype(str), rows["name"].astype(str)))


def _code_names() -> dict[str, str]:
    from geoevent.codebook import load_codebook

    book = load_codebook()
    return dict(zip(book["code"].astype(str), book["name"].astype(str)))


def _sectors(code: Any) -> str | None:
    names = [SECTORS.get(g, g) for g in _groups(code)[1:]]
    return ",".join(names) or None


# --------------------------------------------------------------------------------------------
# the layouts


def _gdelt(ev: pd.DataFrame) -> pd.DataFrame:
    dates = _dates(ev)
    n = len(ev)
    src, tgt = _col(ev, "source_code"), _col(ev, "target_code")
    mentions = [1 if m is None else int(m) for m in _col(ev, "mentions")]
    out: dict[str, list[Any]] = {
        "GlobalEventID": [_numeric_id(i) for i in _col(ev, "event_id")],
        "Day": [_ymd(d) for d in dates],
        "MonthYear": [None if d is None else d.year * 100 + d.month for d in dates],
        "Year": [None if d is None else d.year for d in dates],
        "FractionDate": [None if d is None else round(d.year + (d.timetuple().tm_yday - 1) / 365, 4) for d in dates],
    }
    for k, codes, prefix in ((1, src, "source"), (2, tgt, "target")):
        out[f"Actor{k}Code"] = codes
        out[f"Actor{k}Name"] = _col(ev, f"{prefix}_text")
        out[f"Actor{k}CountryCode"] = _col(ev, f"{prefix}_country")
        out[f"Actor{k}KnownGroupCode"] = [None] * n
        out[f"Actor{k}EthnicCode"] = [None] * n
        out[f"Actor{k}Religion1Code"] = [None] * n
        out[f"Actor{k}Religion2Code"] = [None] * n
        out[f"Actor{k}Type1Code"] = _col(ev, f"{prefix}_agent")
        out[f"Actor{k}Type2Code"] = [_part(c, 2) for c in codes]
        out[f"Actor{k}Type3Code"] = [_part(c, 3) for c in codes]
    out["IsRootEvent"] = [None if s is None else int(s == 0) for s in _col(ev, "sentence_idx")]
    out["EventCode"] = _col(ev, "event_code")
    out["EventBaseCode"] = _col(ev, "event_base_code")
    out["EventRootCode"] = _col(ev, "event_root_code")
    out["QuadClass"] = [_int(v) for v in _col(ev, "quad_class")]
    out["GoldsteinScale"] = [_float(v) for v in _col(ev, "goldstein")]
    out["NumMentions"] = mentions
    out["NumSources"] = [1] * n
    out["NumArticles"] = [1] * n
    out["AvgTone"] = [None] * n
    geo = {
        "Type": [None] * n,
        "FullName": _col(ev, "location_name"),
        "CountryCode": _col(ev, "location_country"),
        "ADM1Code": _col(ev, "location_admin1"),
        "ADM2Code": [None] * n,
        "Lat": [_float(v) for v in _col(ev, "latitude")],
        "Long": [_float(v) for v in _col(ev, "longitude")],
        "FeatureID": _col(ev, "location_id"),
    }
    for who in ("Actor1Geo", "Actor2Geo"):
        for key in geo:
            out[f"{who}_{key}"] = [None] * n
    for key, values in geo.items():
        out[f"ActionGeo_{key}"] = values
    out["DATEADDED"] = [None if d is None else _ymd(d) * 1_000_000 for d in dates]  # type: ignore[operator]
    out["SOURCEURL"] = _col(ev, "doc_id")
    return _frame(out)


#: GDELT 2.0's 61 event columns, in order.
GDELT_COLUMNS: tuple[str, ...] = tuple(_gdelt(pd.DataFrame({"event_id": []})).columns)


def _icews(ev: pd.DataFrame) -> pd.DataFrame:
    names, events = _country_names(), _code_names()
    dates = _dates(ev)
    out: dict[str, list[Any]] = {
        "Event ID": _col(ev, "event_id"),
        "Event Date": [None if d is None else d.isoformat() for d in dates],
    }
    for side, who in (("source", "Source"), ("target", "Target")):
        out[f"{who} Name"] = _col(ev, f"{side}_text")
        out[f"{who} Sectors"] = [_sectors(c) for c in _col(ev, f"{side}_code")]
        out[f"{who} Country"] = [None if c is None else names.get(str(c), str(c)) for c in _col(ev, f"{side}_country")]
        if side == "source":
            out["Event Text"] = [None if c is None else events.get(str(c)) for c in _col(ev, "event_code")]
            out["CAMEO Code"] = _col(ev, "event_code")
            out["Intensity"] = [_float(v) for v in _col(ev, "goldstein")]
    out["Story ID"] = _col(ev, "doc_id")
    out["Sentence Number"] = [_int(v) for v in _col(ev, "sentence_idx")]
    out["Publisher"] = [None] * len(ev)
    out["City"] = _col(ev, "location_name")
    out["District"] = [None] * len(ev)
    out["Province"] = _col(ev, "location_admin1")
    out["Country"] = _col(ev, "location_country")
    out["Latitude"] = [_float(v) for v in _col(ev, "latitude")]
    out["Longitude"] = [_float(v) for v in _col(ev, "longitude")]
    return _frame(out)


def _phoenix(ev: pd.DataFrame) -> pd.DataFrame:
    dates = _dates(ev)
    out: dict[str, list[Any]] = {
        "EventID": _col(ev, "event_id"),
        "Date": [_ymd(d) for d in dates],
        "Year": [None if d is None else d.year for d in dates],
        "Month": [None if d is None else d.month for d in dates],
        "Day": [None if d is None else d.day for d in dates],
    }
    for side, who in (("source", "Source"), ("target", "Target")):
        codes = _col(ev, f"{side}_code")
        out[f"{who}ActorFull"] = codes
        out[f"{who}ActorEntity"] = [_part(c, 0) for c in codes]
        out[f"{who}ActorRole"] = [_part(c, 1) for c in codes]
        out[f"{who}ActorAttribute"] = [_rest(c, 2) for c in codes]
    out["EventCode"] = _col(ev, "event_code")
    out["EventRootCode"] = _col(ev, "event_root_code")
    out["QuadClass"] = [_int(v) for v in _col(ev, "quad_class")]
    out["GoldsteinScore"] = [_float(v) for v in _col(ev, "goldstein")]
    out["Issues"] = [None] * len(ev)
    out["Lat"] = [_float(v) for v in _col(ev, "latitude")]
    out["Lon"] = [_float(v) for v in _col(ev, "longitude")]
    out["LocationName"] = _col(ev, "location_name")
    out["StateName"] = _col(ev, "location_admin1")
    out["CountryCode"] = _col(ev, "location_country")
    out["SentenceID"] = [
        None if d is None else f"{d}_{s}" for d, s in zip(_col(ev, "doc_id"), _col(ev, "sentence_idx"))
    ]
    out["URLs"] = [None] * len(ev)
    out["NewsSources"] = [None] * len(ev)
    return _frame(out)


def _plover(ev: pd.DataFrame) -> pd.DataFrame:
    dates = _dates(ev)
    out: dict[str, list[Any]] = {
        "id": _col(ev, "event_id"),
        "date": [None if d is None else d.isoformat() for d in dates],
        "event": _col(ev, "plover_type"),
        "mode": [None] * len(ev),
        "context": [[] for _ in range(len(ev))],
        "cameo_code": _col(ev, "event_code"),
    }
    for side, who in (("source", "actor"), ("target", "recipient")):
        out[who] = [_groups(c) or None for c in _col(ev, f"{side}_code")]
        out[f"{who}_text"] = _col(ev, f"{side}_text")
        out[f"{who}_country"] = _col(ev, f"{side}_country")
        out[f"{who}_type"] = [_groups(c)[1:] or None for c in _col(ev, f"{side}_code")]
    out["text"] = _col(ev, "sentence_text")
    out["story_id"] = _col(ev, "doc_id")
    out["sentence_idx"] = [_int(v) for v in _col(ev, "sentence_idx")]
    locs: list[dict[str, Any] | None] = []
    for name, country, admin1, lat, lon, lid in zip(*(_col(ev, c) for c in LOCATION_COLUMNS)):
        if all(v is None for v in (name, country, admin1, lat, lon, lid)):
            locs.append(None)
        else:
            locs.append(
                {
                    "name": name,
                    "country": country,
                    "admin1": admin1,
                    "lat": _float(lat),
                    "lon": _float(lon),
                    "geonameid": lid,
                }
            )
    out["location"] = locs
    return _frame(out)


_LAYOUTS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "gdelt": _gdelt,
    "icews": _icews,
    "phoenix": _phoenix,
    "plover": _plover,
}


def to_layout(events: pd.DataFrame, format: str) -> pd.DataFrame:
    """The events table in another layout's columns.

    Parameters
    ----------
    events : pandas.DataFrame
        An events table (:func:`geoevent.code_frame`, :func:`geoevent.read_events`); location
        columns (``location_name`` ...) are used when present, null otherwise.
    format : {"gdelt", "icews", "phoenix", "plover"}
        The layout (docs/export.md lists every column and what is lossy).

    Returns
    -------
    pandas.DataFrame
        One row per event, the layout's columns in its order; missing values are None.

    Examples
    --------
    >>> import geoevent
    >>> events = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine."], "date": ["2024-11-17"]}),
    ...                              date_col="date")
    >>> geoevent.to_layout(events, "gdelt")[["Day", "Actor1Code", "EventCode", "Actor2Code"]].iloc[0].tolist()
    [20241117, 'RUS', '190', 'UKR']
    """
    if format not in _LAYOUTS:
        raise InputError(f"unknown export format {format!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    if not isinstance(events, pd.DataFrame):
        raise InputError(f"events must be an events DataFrame, got {type(events).__name__}")
    return _LAYOUTS[format](events.reset_index(drop=True))


def _json_value(v: Any) -> Any:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise InputError(
            f"{path}: cannot tell the file type from {suffix or '(no extension)'!r}; "
            f"use one of {', '.join(EXPORT_SUFFIXES)}"
        )
    return suffix


def export_events(events: pd.DataFrame, path: str | Path, *, format: str, header: bool = True) -> Path:
    """Write the events in a layout to ``path``; the extension picks the writer.

    Parameters
    ----------
    events : pandas.DataFrame
        An events table.
    path : str or Path
        ``.tsv`` or ``.csv`` (a header row unless ``header=False``; GDELT's own files have none),
        ``.jsonl`` (one object a line) or ``.json`` (one array). Any other extension is refused.
    format : {"gdelt", "icews", "phoenix", "plover"}
        The layout. PLOVER, whose actors are lists, is written only as JSON or JSONL.
    header : bool, default True
        Whether TSV/CSV files start with the column names.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import geoevent, tempfile, pathlib
    >>> events = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine."]}))
    >>> out = geoevent.export_events(events, pathlib.Path(tempfile.mkdtemp()) / "events.jsonl", format="plover")
    >>> geoevent.read_export(out, format="plover")["actor"].tolist()
    [['RUS']]
    """
    path = Path(path)
    suffix = _suffix(path)
    table = to_layout(events, format)
    if format == "plover" and suffix in (".tsv", ".csv"):
        raise InputError(f"{path}: PLOVER records hold lists (compound actors); write them as .json or .jsonl")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    if suffix in (".tsv", ".csv"):
        for col in table.columns:  # integers with gaps stay integers
            if (
                table[col]
                .map(lambda v: v is None or (isinstance(v, (int, np.integer)) and not isinstance(v, bool)))
                .all()
                and table[col].notna().any()
            ):
                table[col] = pd.array(table[col].tolist(), dtype="Int64")
        table.to_csv(
            path, sep="\t" if suffix == ".tsv" else ",", index=False, header=header, na_rep="", lineterminator="\n"
        )
        return path
    records = [{k: _json_value(v) for k, v in r.items()} for r in table.to_dict("records")]
    with open(path, "w", encoding="utf-8") as fh:
        if suffix == ".jsonl":
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            json.dump(records, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    return path


def read_export(path: str | Path, *, format: str, header: bool = True) -> pd.DataFrame:
    """Read a file :func:`export_events` wrote.

    Parameters
    ----------
    path : str or Path
        A ``.tsv``, ``.csv``, ``.jsonl`` or ``.json`` file.
    format : {"gdelt", "icews", "phoenix", "plover"}
        Its layout.
    header : bool, default True
        Whether a TSV/CSV file starts with the column names (without, the layout's are used).

    Returns
    -------
    pandas.DataFrame
        The layout's columns, values as written: TSV/CSV cells as text (empty cells None), JSON
        values as JSON gives them.

    Examples
    --------
    >>> import geoevent, tempfile, pathlib
    >>> events = geoevent.code_frame(pd.DataFrame({"text": ["Russia attacked Ukraine."], "date": ["2024-11-17"]}),
    ...                              date_col="date")
    >>> out = geoevent.export_events(events, pathlib.Path(tempfile.mkdtemp()) / "e.tsv", format="phoenix")
    >>> geoevent.read_export(out, format="phoenix")[["Date", "SourceActorFull", "EventCode"]].values.tolist()
    [['20241117', 'RUS', '190']]
    """
    path = Path(path)
    suffix = _suffix(path)
    if format not in _LAYOUTS:
        raise InputError(f"unknown export format {format!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if suffix in (".tsv", ".csv"):
        names = None if header else list(to_layout(pd.DataFrame({"event_id": []}), format).columns)
        df = pd.read_csv(
            path,
            sep="\t" if suffix == ".tsv" else ",",
            dtype=str,
            keep_default_na=False,
            header=0 if header else None,
            names=names,
        )
        return df.astype(object).where(df != "", None)
    with open(path, encoding="utf-8") as fh:
        if suffix == ".jsonl":
            records = [json.loads(line) for line in fh if line.strip()]
        else:
            records = json.load(fh)
    return pd.DataFrame(records)
