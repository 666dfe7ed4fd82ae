"""Built-in dictionaries, the TSV dictionary format, its loader and validator."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoevent.dictionaries.builtin import (
    AGENT_CODES,
    _build,
    actors_on,
    builtin_files,
    check_file,
    load_builtin,
    load_files,
)
from geoevent.dictionaries.tables import ACTOR_COLUMNS, AGENT_COLUMNS, DISCARD_COLUMNS, VERB_COLUMNS
from geoevent.errors import DictionaryError

DATA = resources.files("geoevent").joinpath("data", "dictionaries")
CODEBOOK = Path(__file__).resolve().parents[1] / "geoevent" / "data" / "cameo_codebook.tsv"
ACTOR_HEADER = "pattern\tcode\tcountry\tagent\tkind\tstart_date\tend_date\tname"
VERB_HEADER = "verb\tparticle\tobject\tprep\tcode\tlabel"


@pytest.fixture(scope="module")
def dicts():
    return load_builtin()


def _file(entries: pd.DataFrame, name: str) -> pd.DataFrame:
    return entries.loc[entries["entry_id"].str.startswith(name + ":")]


def role(actors: pd.DataFrame, pattern: str, date: str) -> str:
    rows = actors_on(actors.loc[actors["pattern"] == pattern], date)
    assert len(rows) == 1, f"{pattern!r} on {date}: {len(rows)} valid rows"
    return str(rows["code"].iat[0])


# ---------------------------------------------------------------- loading


def test_tables_follow_the_contract(dicts):
    assert tuple(dicts.actors.columns) == ACTOR_COLUMNS
    assert tuple(dicts.agents.columns) == AGENT_COLUMNS
    assert tuple(dicts.verbs.columns) == VERB_COLUMNS
    assert tuple(dicts.discards.columns) == DISCARD_COLUMNS
    for col in ("pattern", "code", "country", "agent", "kind", "name", "entry_id"):
        assert dicts.actors[col].dtype == object
    assert str(dicts.actors["start_date"].dtype) == "datetime64[ns]"
    assert str(dicts.actors["end_date"].dtype) == "datetime64[ns]"
    assert load_builtin() is dicts  # cached
    texts = [(n, DATA.joinpath(n).read_text(encoding="utf-8")) for n in builtin_files()]
    fresh = _build(texts)  # load time: benchmarks/bench_dictionaries.py
    assert len(fresh.actors) == len(dicts.actors) > 3000


def test_check_file_counts_match_loaded_rows(dicts, tmp_path):
    for name in builtin_files():
        path = tmp_path / name
        path.write_text(DATA.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
        n = check_file(path)
        loaded = sum(
            len(_file(t, name)) for t in (dicts.actors, dicts.agents, dicts.verbs, dicts.discards, dicts.nouns)
        )
        assert n == loaded > 0, name


def test_patterns_are_normalised(dicts):
    for table, col in ((dicts.actors, "pattern"), (dicts.agents, "pattern"), (dicts.verbs, "verb")):
        bad = [p for p in table[col] if p != p.lower() or p != " ".join(p.split())]
        assert not bad, bad[:5]
    # possessives are separate words, as the parser splits them
    assert not [p for p in dicts.actors["pattern"] if re.search(r"\w's\b", p)]


# ---------------------------------------------------------------- actors


def test_country_codes_valid(dicts):
    a = dicts.actors
    ok = a["country"].str.fullmatch(r"[A-Z]{3}") | (a["country"] == "")
    assert ok.all(), a.loc[~ok, ["entry_id", "country"]].head()
    assert (a.loc[a["kind"] == "igo", "country"] == "IGO").all()
    assert a["code"].str.fullmatch(r"(?:[A-Z0-9]{3})+").all()
    has = a["country"] != ""
    assert [c.startswith(k) for c, k in zip(a.loc[has, "code"], a.loc[has, "country"])] == [True] * int(has.sum())
    assert set(a["agent"]) <= set(AGENT_CODES) | {""}


def test_each_country_has_exactly_one_canonical_row(dicts):
    c = _file(dicts.actors, "actors_countries.tsv")
    c = c.loc[c["country"] != ""]
    assert c.groupby("country")["name"].nunique().max() == 1  # one name per code
    assert c.groupby("name")["country"].nunique().max() == 1  # one code per name
    canonical = c.loc[(c["kind"] == "country") & (c["pattern"] == c["name"].str.lower())]
    counts = canonical.groupby("country").size()
    assert set(counts.index) == set(c["country"])
    assert (counts == 1).all()
    assert len(counts) >= 193  # UN members and more


def test_every_alias_resolves_on_any_date(dicts):
    a = dicts.actors
    lo = a["start_date"].fillna(pd.Timestamp.min)
    hi = a["end_date"].fillna(pd.Timestamp.max)
    for pattern, g in a.assign(lo=lo, hi=hi).groupby("pattern"):
        g = g.sort_values("lo")
        # the rows of one pattern tile time: no overlap, no gap, open at both ends
        assert g["lo"].iat[0] == pd.Timestamp.min and g["hi"].iat[-1] == pd.Timestamp.max, pattern
        assert (g["lo"].to_numpy()[1:] == g["hi"].to_numpy()[:-1]).all(), pattern


@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_one_role_per_alias_on_random_dates(date):
    a = load_builtin().actors
    valid = actors_on(a, date)
    assert valid["pattern"].is_unique
    assert set(valid["pattern"]) == set(a["pattern"])


@pytest.mark.parametrize(
    ("pattern", "date", "code"),
    [
        ("joe biden", "2025-01-19", "USAGOV"),
        ("joe biden", "2025-01-20", "USAELI"),
        ("biden", "2021-01-19", "USAELI"),
        ("biden", "2021-01-20", "USAGOV"),
        ("trump", "2017-01-19", "USAELI"),
        ("donald trump", "2021-01-19", "USAGOV"),
        ("donald trump", "2021-01-20", "USAELI"),
        ("trump", "2025-01-19", "USAELI"),
        ("trump", "2025-01-20", "USAGOV"),
        ("zelenskyy", "2019-05-19", "UKRELI"),
        ("zelensky", "2019-05-20", "UKRGOV"),
        ("antónio guterres", "2016-12-31", "PRTELI"),
        ("antonio guterres", "2017-01-01", "IGOUNO"),
        ("radoslaw sikorski", "2024-11-17", "POLGOV"),
        ("radosław sikorski", "2015-06-01", "POLELI"),
        ("bashar al-assad", "2024-12-07", "SYRGOV"),
        ("assad", "2024-12-08", "SYRELI"),
        ("netanyahu", "2022-01-01", "ISROPP"),
        ("taliban", "2021-08-14", "AFGINSTAL"),
        ("the taliban", "2021-08-15", "AFGGOVTAL"),
    ],
)
def test_dated_roles_pick_the_right_side_of_a_boundary(dicts, pattern, date, code):
    assert role(dicts.actors, pattern, date) == code


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("north korea", "PRK"),
        ("north korean", "PRK"),
        ("pyongyang", "PRK"),
        ("south korean", "KOR"),
        ("u.s.", "USA"),
        ("american", "USA"),
        ("the kremlin", "RUSGOV"),
        ("the white house", "USAGOV"),
        ("downing street", "GBRGOV"),
        ("moscow", "RUS"),
        ("kyiv", "UKR"),
        ("sumy", "UKR"),
        ("kherson", "UKR"),
        ("kursk", "RUS"),
        ("belgorod", "RUS"),
        ("mykolaiv", "UKR"),
        ("lviv", "UKR"),
        ("odesa", "UKR"),
        ("dnipropetrovsk", "UKR"),
        ("gaza", "PSE"),
        ("darfur", "SDN"),
        ("polish", "POL"),
        ("german", "DEU"),
        ("nato", "IGONAT"),
        ("eu commission", "IGOEURCOM"),
        ("european commission", "IGOEURCOM"),
        ("security council", "IGOUNOSEC"),
        ("u.n.", "IGOUNO"),
        ("apec", "IGOAPC"),
        ("hamas", "PSEREBHMS"),
        ("houthis", "YEMREBHTH"),
        ("ursula von der leyen", "IGOEURCOM"),
        ("andriy sybiga", "UKRGOV"),
        ("olaf scholz", "DEUGOV"),
        ("emmanuel macron", "FRAGOV"),
        ("keir starmer", "GBRGOV"),
        ("vladimir putin", "RUSGOV"),
        ("xi jinping", "CHNGOV"),
        ("kim jong un", "PRKGOV"),
        ("benjamin netanyahu", "ISRGOV"),
    ],
)
def test_seed_and_headline_actors_on_the_seed_date(dicts, pattern, code):
    assert role(dicts.actors, pattern, "2024-11-17") == code


def test_pronoun_like_acronyms_are_not_actors(dicts):
    assert not {"us", "who", "is", "it", "may", "car"} & set(dicts.actors["pattern"])


# ---------------------------------------------------------------- agents and verbs


@pytest.mark.parametrize(
    ("words", "agent"),
    [
        ("government,president,minister,prime minister,chancellor,official", "GOV"),
        ("military,army,troops,forces,air force,navy,soldiers", "MIL"),
        ("police", "COP"),
        ("rebels,insurgents,militants", "REB"),
        ("opposition", "OPP"),
        ("judiciary,court", "JUD"),
        ("intelligence", "SPY"),
        ("media", "MED"),
        ("business,company", "BUS"),
        ("civilians", "CVL"),
        ("protesters", "PRO"),
    ],
)
def test_agent_words(dicts, words, agent):
    lookup = dict(zip(dicts.agents["pattern"], dicts.agents["agent"]))
    for w in words.split(","):
        assert lookup.get(w) == agent, w


def _codebook() -> set[str]:
    if not CODEBOOK.exists():
        pytest.skip("geoevent/data/cameo_codebook.tsv is not present yet")
    return set(pd.read_csv(CODEBOOK, sep="\t", dtype=str, keep_default_na=False, comment="#")["code"])


def test_every_verb_code_exists_in_the_codebook(dicts):
    codes = _codebook()
    used = set(dicts.verbs["code"]) - {"-"}
    assert used <= codes, sorted(used - codes)
    roots = {c[:2] for c in used}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def _verb(dicts, verb: str, *, particle: str = "", obj: str | None = None, prep: str | None = None) -> pd.DataFrame:
    v = dicts.verbs
    rows = v.loc[(v["verb"] == verb) & (v["particle"] == particle)]
    if obj is not None:
        rows = rows.loc[[obj in o.split("|") if obj else o == "" for o in rows["object"]]]
    if prep is not None:
        rows = rows.loc[rows["prep"] == prep]
    return rows


@pytest.mark.parametrize(
    ("verb", "particle", "obj", "prep", "code"),
    [
        ("authorize", "", "", "", "081"),
        ("approve", "", "", "", "081"),
        ("allow", "", "", "", "081"),
        ("permit", "", "", "", "081"),
        ("green-light", "", "", "", "081"),
        ("give", "", "green light", "to", "081"),
        ("strike", "", "", "", "195"),
        ("attack", "", "", "", "190"),
        ("shell", "", "", "", "194"),
        ("bomb", "", "", "", "195"),
        ("launch", "", "assault", "on", "195"),
        ("launch", "", "missile", "at", "195"),
        ("deploy", "", "troops", "", "154"),
        ("send", "", "troops", "", "154"),
        ("dispatch", "", "soldier", "", "154"),
        ("station", "", "forces", "", "154"),
        ("condemn", "", "", "", "111"),
        ("denounce", "", "", "", "111"),
        ("slam", "", "", "", "111"),
        ("criticize", "", "", "", "111"),
        ("supply", "", "munition", "", "072"),
        ("shoot", "down", "", "", "190"),
        ("call", "", "", "on", "020"),
        ("lodge", "", "protest", "with", "114"),
        ("sign", "", "agreement", "with", "057"),
        ("impose", "", "sanction", "on", "163"),
        ("launch", "", "attack", "on", "195"),
        ("hold", "", "talks", "with", "046"),
        ("strike", "", "tone", "", "-"),
        ("strike", "", "deal", "", "057"),
        ("hit", "", "record", "", "-"),
    ],
)
def test_headline_verb_patterns(dicts, verb, particle, obj, prep, code):
    rows = _verb(dicts, verb, particle=particle, obj=obj, prep=prep)
    assert list(rows["code"]) == [code], rows


# ---------------------------------------------------------------- validator


def _write(tmp_path: Path, header: str, *rows: str, name: str = "bad.tsv") -> Path:
    path = tmp_path / name
    path.write_text("# a comment\n" + header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


GOOD_ACTOR = "joe biden\tUSAGOV\tUSA\tGOV\tperson\t2021-01-20\t2025-01-20\tJoe Biden"


@pytest.mark.parametrize(
    ("header", "row", "reason"),
    [
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUSA\tGOV\tperson\t2021-01-20", "wrong column count"),
        (ACTOR_HEADER, "\tUSAGOV\tUSA\tGOV\tperson\t\t\tJoe Biden", "empty pattern"),
        (ACTOR_HEADER, "Joe  Biden\tUSAGOV\tUSA\tGOV\tperson\t\t\tJoe Biden", "not lowercased"),
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUs\tGOV\tperson\t\t\tJoe Biden", "bad country code"),
        (ACTOR_HEADER, "joe biden\tusagov\tUSA\tGOV\tperson\t\t\tJoe Biden", "bad actor code"),
        (ACTOR_HEADER, "joe biden\tRUSGOV\tUSA\tGOV\tperson\t\t\tJoe Biden", "does not start with its country"),
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUSA\tGOV\tperson\t2021-13-01\t\tJoe Biden", "bad date"),
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUSA\tGOV\tperson\t2021-02-30\t\tJoe Biden", "bad date"),
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUSA\tGOV\tperson\t20/01/2021\t\tJoe Biden", "bad date"),
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUSA\tGOV\tperson\t2025-01-20\t2021-01-20\tJoe Biden", "is not before"),
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUSA\tGOV\tperson\t2025-01-20\t2025-01-20\tJoe Biden", "is not before"),
        (ACTOR_HEADER, "joe biden\tUSAXYZ\tUSA\tXYZ\tperson\t\t\tJoe Biden", "unknown agent code"),
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUSA\tGOV\tpolitician\t\t\tJoe Biden", "unknown kind"),
        (ACTOR_HEADER, "joe biden\tUSAGOV\tUSA\tGOV\tperson\t2024-01-01\t\tJoe Biden", "duplicate key"),
        ("pattern\tagent\tkind", "troops\tARMY\tnoun", "unknown agent code"),
        (VERB_HEADER, "strike\t\t\t\t999\tstrike", "unknown CAMEO code"),
        (VERB_HEADER, "strike\t\t\t\t\tstrike", "empty code"),
        (VERB_HEADER, "\t\t\t\t195\tstrike", "empty verb"),
        (VERB_HEADER, "launch\t\tattack||missile\ton\t195\t", "empty object alternative"),
    ],
)
def test_check_file_rejects_malformed_entries(tmp_path, header, row, reason):
    if "CAMEO" in reason:
        _codebook()
    rows = [GOOD_ACTOR, row] if header == ACTOR_HEADER else [row]
    path = _write(tmp_path, header, *rows)
    with pytest.raises(DictionaryError) as info:
        check_file(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == 2 + len(rows)  # comment, header, then the rows
    assert reason in err.reason
    assert str(err).startswith(f"{path}:{err.line}: ")


def test_check_file_rejects_duplicate_verb_and_agent_keys(tmp_path):
    path = _write(tmp_path, VERB_HEADER, "strike\t\t\t\t195\t", "strike\t\t\t\t190\t")
    with pytest.raises(DictionaryError, match="duplicate key") as info:
        check_file(path)
    assert info.value.line == 4
    path = _write(tmp_path, "pattern\tagent\tkind", "troops\tMIL\tnoun", "troops\tGOV\tnoun", name="agents.tsv")
    with pytest.raises(DictionaryError, match="duplicate key"):
        check_file(path)


def test_check_file_rejects_unknown_header_and_bad_encoding(tmp_path):
    path = _write(tmp_path, "word\tcode", "strike\t195")
    with pytest.raises(DictionaryError, match="unrecognised header") as info:
        check_file(path)
    assert info.value.line is None
    raw = tmp_path / "latin1.tsv"
    raw.write_bytes(("pattern\n" + "caf\xe9\n").encode("latin-1"))
    with pytest.raises(DictionaryError, match="not UTF-8"):
        check_file(raw)
    with pytest.raises(DictionaryError, match="cannot read"):
        check_file(tmp_path / "missing.tsv")


def test_check_file_accepts_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.tsv"
    path.write_text("\ufeffpattern\nworld cup\n", encoding="utf-8")
    assert check_file(path) == 1


def test_check_file_accepts_adjacent_roles_and_comments(tmp_path):
    path = _write(
        tmp_path,
        ACTOR_HEADER + "\tnote",
        "joe biden\tUSAELI\tUSA\tELI\tperson\t\t2021-01-20\tJoe Biden",  # trailing note left off
        "",
        "# a comment between entries",
        "joe biden\tUSAGOV\tUSA\tGOV\tperson\t2021-01-20\t2025-01-20\tJoe Biden\tpresident",
    )
    assert check_file(path) == 2


# ---------------------------------------------------------------- user files


def test_user_files_add_and_override(tmp_path, dicts):
    verbs = _write(
        tmp_path,
        VERB_HEADER + "\tnote",
        "strike\t\t\t\t190\tattack\tmy override",
        "rebuke\t\tally\t\t-\t\t",
        name="my_verbs.tsv",
    )
    actors = _write(tmp_path, ACTOR_HEADER, "ruritania\tRUR\tRUR\t\tcountry\t\t\tRuritania", name="my_actors.tsv")
    user = load_files([verbs, actors])
    assert user.sources == (str(verbs), str(actors))
    assert len(user.verbs) == 2 and len(user.actors) == 1 and len(user.agents) == 0
    assert user.actors["entry_id"].iat[0] == "my_actors.tsv:3"
    merged = dicts.merged(user)
    strike = merged.verbs.loc[
        (merged.verbs["verb"] == "strike")
        & (merged.verbs["particle"] == "")
        & (merged.verbs["object"] == "")
        & (merged.verbs["prep"] == "")
    ]
    assert list(strike["code"]) == ["190"]
    assert role(merged.actors, "ruritania", "2024-01-01") == "RUR"
    assert len(merged.actors) == len(dicts.actors) + 1


def test_load_files_reports_the_bad_file(tmp_path):
    good = _write(tmp_path, ACTOR_HEADER, GOOD_ACTOR, name="good.tsv")
    bad = _write(tmp_path, ACTOR_HEADER, "x\tUSA\tUSA\t\tcountry\t\t\t", name="bad.tsv")
    with pytest.raises(DictionaryError) as info:
        load_files([good, bad])
    assert info.value.path == str(bad) and info.value.line == 3 and "empty name" in info.value.reason


def test_actors_on_bounds_are_start_inclusive_end_exclusive():
    t = pd.DataFrame(
        {
            "pattern": ["a", "b", "c"],
            "start_date": pd.to_datetime(["2020-01-01", None, None]),
            "end_date": pd.to_datetime(["2021-01-01", "2020-06-01", None]),
        }
    )
    assert list(actors_on(t, "2019-12-31")["pattern"]) == ["b", "c"]
    assert list(actors_on(t, dt.date(2020, 1, 1))["pattern"]) == ["a", "b", "c"]
    assert list(actors_on(t, pd.Timestamp("2020-06-01"))["pattern"]) == ["a", "c"]
    assert list(actors_on(t, "2021-01-01")["pattern"]) == ["c"]


def test_the_documented_example_file_is_valid(tmp_path):
    doc = Path(__file__).resolve().parents[1] / "docs" / "dictionaries.md"
    if not doc.exists():
        pytest.skip("docs/dictionaries.md is absent")
    block = doc.read_text(encoding="utf-8").split("Example `my_actors.tsv`:")[1].split("```")[1]
    path = tmp_path / "my_actors.tsv"
    path.write_text(block.strip("\n") + "\n", encoding="utf-8")
    assert check_file(path) == 4
    user = load_files([path])
    assert role(user.actors, "rudolf rassendyll", "2024-01-01") == "RURGOV"
    assert role(user.actors, "rudolf rassendyll", "2023-12-31") == "RURELI"
