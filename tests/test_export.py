"""Exporters: each layout round-trips the seeds' events (written, read back, the fields it
carries compared with the events table), in every file type it allows."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

import geoevent
from geoevent.cli import main
from geoevent.errors import InputError
from geoevent.export import GDELT_COLUMNS, to_layout
from tests.seed_events import seed_events


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _same(got: list[object], want: list[object]) -> None:
    """Values read back (text from TSV/CSV, typed from JSON) equal the events table's."""
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if _missing(w):
            assert _missing(g), (g, w)
        elif isinstance(w, (int, float)) and not isinstance(w, bool):
            assert float(g) == pytest.approx(float(w)), (g, w)  # type: ignore[arg-type]
        else:
            assert isinstance(g, str) and g == str(w), (g, w)


def _col(ev: pd.DataFrame, name: str) -> list[object]:
    return [None if pd.isna(v) else v for v in ev[name].astype(object).tolist()]


def _ymd(ev: pd.DataFrame) -> list[object]:
    return [None if pd.isna(d) else int(d.strftime("%Y%m%d")) for d in ev["event_date"].astype(object)]


def _groups(code: object) -> list[str] | None:
    return None if _missing(code) else [str(code)[i : i + 3] for i in range(0, len(str(code)), 3)]


#: per layout, (layout column -> function of the events table giving the expected values)
CARRIED = {
    "gdelt": {
        "GlobalEventID": lambda ev: [int(i[:15], 16) for i in ev["event_id"]],
        "Day": _ymd,
        "Actor1Code": lambda ev: _col(ev, "source_code"),
        "Actor1Name": lambda ev: _col(ev, "source_text"),
        "Actor1CountryCode": lambda ev: _col(ev, "source_country"),
        "Actor1Type1Code": lambda ev: _col(ev, "source_agent"),
        "Actor2Code": lambda ev: _col(ev, "target_code"),
        "Actor2CountryCode": lambda ev: _col(ev, "target_country"),
        "Actor2Type1Code": lambda ev: _col(ev, "target_agent"),
        "EventCode": lambda ev: _col(ev, "event_code"),
        "EventBaseCode": lambda ev: _col(ev, "event_base_code"),
        "EventRootCode": lambda ev: _col(ev, "event_root_code"),
        "QuadClass": lambda ev: _col(ev, "quad_class"),
        "GoldsteinScale": lambda ev: _col(ev, "goldstein"),
        "IsRootEvent": lambda ev: [int(s == 0) for s in ev["sentence_idx"]],
        "SOURCEURL": lambda ev: _col(ev, "doc_id"),
    },
    "icews": {
        "Event ID": lambda ev: _col(ev, "event_id"),
        "Event Date": lambda ev: [None if pd.isna(d) else d.isoformat() for d in ev["event_date"].astype(object)],
        "Source Name": lambda ev: _col(ev, "source_text"),
        "Target Name": lambda ev: _col(ev, "target_text"),
        "CAMEO Code": lambda ev: _col(ev, "event_code"),
        "Intensity": lambda ev: _col(ev, "goldstein"),
        "Story ID": lambda ev: _col(ev, "doc_id"),
        "Sentence Number": lambda ev: _col(ev, "sentence_idx"),
    },
    "phoenix": {
        "EventID": lambda ev: _col(ev, "event_id"),
        "Date": _ymd,
        "SourceActorFull": lambda ev: _col(ev, "source_code"),
        "SourceActorEntity": lambda ev: [c[:3] for c in ev["source_code"]],
        "TargetActorFull": lambda ev: _col(ev, "target_code"),
        "EventCode": lambda ev: _col(ev, "event_code"),
        "EventRootCode": lambda ev: _col(ev, "event_root_code"),
        "QuadClass": lambda ev: _col(ev, "quad_class"),
        "GoldsteinScore": lambda ev: _col(ev, "goldstein"),
        "SentenceID": lambda ev: [f"{d}_{s}" for d, s in zip(ev["doc_id"], ev["sentence_idx"])],
    },
    "plover": {
        "id": lambda ev: _col(ev, "event_id"),
        "date": lambda ev: [None if pd.isna(d) else d.isoformat() for d in ev["event_date"].astype(object)],
        "event": lambda ev: _col(ev, "plover_type"),
        "cameo_code": lambda ev: _col(ev, "event_code"),
        "actor_text": lambda ev: _col(ev, "source_text"),
        "actor_country": lambda ev: _col(ev, "source_country"),
        "recipient_country": lambda ev: _col(ev, "target_country"),
        "text": lambda ev: _col(ev, "sentence_text"),
        "story_id": lambda ev: _col(ev, "doc_id"),
        "sentence_idx": lambda ev: _col(ev, "sentence_idx"),
    },
}

CASES = [
    (f, ext)
    for f in geoevent.EXPORT_FORMATS
    for ext in (".tsv", ".csv", ".jsonl", ".json")
    if not (f == "plover" and ext in (".tsv", ".csv"))
]


@pytest.mark.parametrize(("fmt", "ext"), CASES, ids=[f"{f}{e}" for f, e in CASES])
def test_layout_round_trips_the_seed_events(fmt: str, ext: str, tmp_path: Path) -> None:
    ev = seed_events()
    assert len(ev) >= 5 and ev["target_code"].notna().sum() >= 5
    path = geoevent.export_events(ev, tmp_path / f"out{ext}", format=fmt)
    back = geoevent.read_export(path, format=fmt)
    assert list(back.columns) == list(to_layout(ev, fmt).columns) and len(back) == len(ev)
    for column, expected in CARRIED[fmt].items():
        _same(back[column].tolist(), expected(ev))


def test_gdelt_has_its_61_columns_and_no_header_on_request(tmp_path: Path) -> None:
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[0] == "GlobalEventID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    ev = seed_events()
    path = geoevent.export_events(ev, tmp_path / "g.tsv", format="gdelt", header=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(ev) and all(len(line.split("\t")) == 61 for line in lines)
    back = geoevent.read_export(path, format="gdelt", header=False)
    _same(back["EventCode"].tolist(), _col(ev, "event_code"))


def test_plover_compound_actors_are_lists(tmp_path: Path) -> None:
    ev = seed_events()
    back = geoevent.read_export(geoevent.export_events(ev, tmp_path / "p.jsonl", format="plover"), format="plover")
    assert back["actor"].tolist() == [_groups(c) for c in ev["source_code"]]
    assert back["recipient"].tolist() == [_groups(c) for c in ev["target_code"]]
    compound = [a for a in back["actor"] if len(a) > 1]
    assert compound and all(len(g) == 3 for a in compound for g in a)  # e.g. USAGOV -> ["USA", "GOV"]
    assert back["actor_type"].tolist() == [None if len(g) == 1 else g[1:] for g in back["actor"]]


def test_location_columns_are_carried_when_present_and_null_otherwise(tmp_path: Path) -> None:
    ev = seed_events()
    # events with no place (the seeds' events now carry one where the sentence names it: Sumy)
    unplaced = ev.assign(
        location_name=None,
        location_country=None,
        location_admin1=None,
        latitude=float("nan"),
        longitude=float("nan"),
        location_id=None,
    )
    plain = {f: to_layout(unplaced, f) for f in geoevent.EXPORT_FORMATS}
    assert plain["gdelt"]["ActionGeo_FullName"].isna().all() and plain["icews"]["City"].isna().all()
    assert plain["phoenix"]["Lat"].isna().all() and plain["plover"]["location"].isna().all()
    placed = ev.assign(
        location_name="Kyiv",
        location_country="UKR",
        location_admin1="Kyiv City",
        latitude=50.45,
        longitude=30.52,
        location_id="703448",
    )
    g = to_layout(placed, "gdelt").iloc[0]
    assert (
        g["ActionGeo_FullName"],
        g["ActionGeo_CountryCode"],
        g["ActionGeo_ADM1Code"],
        g["ActionGeo_Lat"],
        g["ActionGeo_Long"],
        g["ActionGeo_FeatureID"],
    ) == ("Kyiv", "UKR", "Kyiv City", 50.45, 30.52, "703448")
    assert g["Actor1Geo_FullName"] is None
    i = to_layout(placed, "icews").iloc[0]
    assert (i["City"], i["Province"], i["Country"], i["Latitude"]) == ("Kyiv", "Kyiv City", "UKR", 50.45)
    p = to_layout(placed, "phoenix").iloc[0]
    assert (p["LocationName"], p["StateName"], p["CountryCode"], p["Lon"]) == ("Kyiv", "Kyiv City", "UKR", 30.52)
    path = geoevent.export_events(placed, tmp_path / "p.json", format="plover")
    loc = json.loads(path.read_text(encoding="utf-8"))[0]["location"]
    assert loc == {
        "name": "Kyiv",
        "country": "UKR",
        "admin1": "Kyiv City",
        "lat": 50.45,
        "lon": 30.52,
        "geonameid": "703448",
    }


def test_icews_names_countries_and_sectors() -> None:
    ev = seed_events()
    icews = to_layout(ev, "icews")
    usa = icews[ev["source_country"].eq("USA").fillna(False).to_numpy()]
    assert len(usa) and set(usa["Source Country"]) == {"United States"}
    gov = icews[ev["source_agent"].eq("GOV").fillna(False).to_numpy()]
    assert len(gov) and set(gov["Source Sectors"]) == {"Government"}
    assert icews["Event Text"].notna().all()


def test_unknown_extension_and_plover_as_csv_are_refused(tmp_path: Path) -> None:
    ev = seed_events()
    with pytest.raises(InputError, match=r"\.xlsx"):
        geoevent.export_events(ev, tmp_path / "x.xlsx", format="gdelt")
    with pytest.raises(InputError, match="lists"):
        geoevent.export_events(ev, tmp_path / "x.csv", format="plover")
    with pytest.raises(InputError, match="unknown export format"):
        geoevent.to_layout(ev, "acled")
    assert not list(tmp_path.iterdir())


def test_cli_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = geoevent.write_events(seed_events(), tmp_path / "events.parquet")
    for fmt, ext in (("gdelt", ".tsv"), ("icews", ".csv"), ("phoenix", ".jsonl"), ("plover", ".json")):
        out = tmp_path / f"{fmt}{ext}"
        assert main(["export", str(events), "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 0
        assert len(geoevent.read_export(out, format=fmt)) == len(seed_events())
    assert f"in plover layout -> {tmp_path / 'plover.json'}" in capsys.readouterr().out
    assert main(["export", str(events), "--format", "gdelt", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "cannot tell the file type" in capsys.readouterr().err
    assert main(["export", str(events), "--format", "plover", "-o", str(tmp_path / "x.tsv")]) == 2
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.tsv").exists()
