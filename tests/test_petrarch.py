"""The PETRARCH-format dictionary reader: small hand-written files, and the real dictionaries."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoevent.dictionaries.petrarch import (
    EXTRA_VERB_COLUMNS,
    _gaps,
    clear_petrarch_cache,
    load_petrarch,
    load_petrarch_with_report,
    load_pico_negation,
)
from geoevent.dictionaries.tables import ACTOR_COLUMNS, AGENT_COLUMNS, DISCARD_COLUMNS, VERB_COLUMNS
from geoevent.errors import DictionaryError
from tests.helpers import shared_path

ACTORS = """\
<!-- test actors -->
ARNOR_  [ARN]
+ARNORIAN
GONDOR [GON]   # a comment
ITHILEN_MILITARY [ITHMIL]
UNITED_NATIONS [IGOUNO]
THE_SHIRE  [FRO/BIL/SAM]
NASGUL  [+++]
GOLLUM  # dated roles
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
TELEMAR
\t[DAGGOV 900101-950101]
\t[DAGELI]
COX'S_BAZAR  [BGD]
+SAMOA_(AMERICAN)
"""

AGENTS = """\
!PERSON! = MAN, WOMAN
GOVERNMENT [~GOV]
ARMY {} [~MIL]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
POLICY [~GOV]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY [NGO~]
"""

VERBS = """\
####### SYNONYM SETS #######
&TIETYPES
+MILITARY
+ECONOMIC

&TREATY
+TREATY
+PEACE_ACCORD
+&TIETYPES

####### VERB PATTERNS #######
--- RESTORE  [050]  ---
RESTORE
RENEW [051]
- * TIES  [052]
- * (WITH)  [053]
- * TALKS (WITH)  [054]
- * (TO PEACE)  [055]
- * &TREATY  [056]
- * DOWN BARRIERS [057]
- RECENTLY *  [058]
- * (FROM $)  [059]
- * ^ TIES  [060]
- * TIES [xyz]
- * BUDGET [---]
- SAID WOULD *  [061]
- * PURCHASE (OF FIGHTERS)  [062]
- * MEMOS (ON &TIETYPES) (FROM)  [063]
- * EID (AT ^) (WITH +)  [064]
- % * TALKS  [065]
- * THEIR ^ ABOUT +  [066]

--- LEAVE [042:043] ---
+GO_BY {+WENT_BY +GOES_BY}
WIRE_+TAP
DEPART
"""

DISCARDS = """\
# sports
BASEBALL
+WORLD_CUP   # story level
"""


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    clear_petrarch_cache()
    out = {}
    for name, text in (("actors", ACTORS), ("agents", AGENTS), ("verbs", VERBS), ("discards", DISCARDS)):
        p = tmp_path / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        out[name] = p
    return out


def load(files: dict[str, Path], **kw):
    return load_petrarch_with_report(
        verbs=files["verbs"], actors=[files["actors"]], agents=files["agents"], discards=files["discards"], **kw
    )


def test_tables_have_contract_columns(files):
    d, _ = load(files)
    assert list(d.actors.columns) == list(ACTOR_COLUMNS)
    assert list(d.agents.columns) == list(AGENT_COLUMNS)
    assert list(d.verbs.columns) == list(VERB_COLUMNS + EXTRA_VERB_COLUMNS)
    assert list(d.discards.columns) == list(DISCARD_COLUMNS)
    assert str(d.actors["start_date"].dtype) == "datetime64[ns]"


def test_actor_names_synonyms_and_codes(files):
    d, _ = load(files)
    a = d.actors.set_index("pattern")
    assert a.loc["arnor", "code"] == "ARN" and a.loc["arnorian", "code"] == "ARN"
    assert (a.loc["arnor", "country"], a.loc["arnor", "agent"], a.loc["arnor", "kind"]) == ("ARN", "", "country")
    assert (a.loc["ithilen military", "country"], a.loc["ithilen military", "agent"]) == ("ITH", "MIL")
    assert (a.loc["united nations", "country"], a.loc["united nations", "kind"]) == ("IGO", "igo")
    assert a.loc["arnor", "entry_id"] == "actors.txt:2"
    # "/"-joined codes stay whole; "+++" is PETRARCH's unidentified actor
    assert a.loc["the shire", "code"] == "FRO/BIL/SAM" and a.loc["nasgul", "code"] == "+++"
    # brackets and possessives are split off as a parser splits them
    assert a.loc["cox 's bazar", "code"] == "BGD" and a.loc["samoa ( american )", "code"] == "BGD"


def test_actor_date_restrictions(files):
    d, _ = load(files)
    g = d.actors[d.actors["pattern"] == "smeagol"].set_index("code")
    assert pd.isna(g.loc["HOB", "start_date"]) and g.loc["HOB", "end_date"] == pd.Timestamp("1995-06-01")
    assert g.loc["HOBGOV", "start_date"] == pd.Timestamp("1995-06-01")
    assert g.loc["HOBGOV", "end_date"] == pd.Timestamp("1999-08-15")
    assert g.loc["HOBREB", "start_date"] == pd.Timestamp("1999-08-16") and pd.isna(g.loc["HOBREB", "end_date"])
    assert set(g["kind"]) == {"person"}


def test_undated_code_fills_the_gaps_of_dated_ones(files):
    d, _ = load(files)
    t = d.actors[d.actors["pattern"] == "telemar"].sort_values("start_date", na_position="first")
    # YYMMDD: 90 -> 1990, 95 -> 1995
    gov = t[t["code"] == "DAGGOV"].iloc[0]
    assert (gov["start_date"], gov["end_date"]) == (pd.Timestamp("1990-01-01"), pd.Timestamp("1995-01-01"))
    eli = t[t["code"] == "DAGELI"]
    assert len(eli) == 2
    assert pd.isna(eli.iloc[0]["start_date"]) and eli.iloc[0]["end_date"] == pd.Timestamp("1990-01-01")
    assert eli.iloc[1]["start_date"] == pd.Timestamp("1995-01-01") and pd.isna(eli.iloc[1]["end_date"])


def test_agents(files):
    d, _ = load(files)
    ag = {(r.pattern, r.agent, r.kind) for r in d.agents.itertuples()}
    assert ("government", "GOV", "noun") in ag and ("governments", "GOV", "noun") in ag
    assert ("army", "MIL", "noun") in ag and not any(p == "armys" for p, _, _ in ag)
    assert ("attorneys general", "JUD", "noun") in ag
    assert ("policies", "GOV", "noun") in ag
    assert {("congressman", "LEG", "noun"), ("congresswoman", "LEG", "noun")} <= ag
    assert ("human rights body", "NGO", "prefix") in ag


def test_verbs_and_patterns(files):
    d, rep = load(files)
    v = d.verbs
    rows = {
        (r.verb, r.particle, r.object, r.prep, r.object_prep, r.pre): (r.code, r.reverse_code) for r in v.itertuples()
    }
    assert rows[("restore", "", "", "", "", "")] == ("050", "")
    assert rows[("renew", "", "", "", "", "")] == ("051", "")  # own code
    assert rows[("restore", "", "ties|tie", "", "", "")] == ("052", "")
    assert rows[("renew", "", "ties|tie", "", "", "")] == ("052", "")  # patterns apply to the whole block
    assert rows[("restore", "", "", "with", "", "")] == ("053", "")
    assert rows[("restore", "", "talks|talk", "with", "", "")] == ("054", "")
    assert rows[("restore", "", "peace", "", "to", "")] == ("055", "")
    assert rows[("restore", "down", "barriers|barrier", "", "", "")] == ("057", "")
    assert rows[("restore", "", "budget", "", "", "")] == ("-", "")
    # nested synsets are expanded, with naive singulars of the head word
    treaty = v.loc[v["code"] == "056", "object"].iloc[0].split("|")
    assert {"treaty", "peace accord", "military", "economic"} <= set(treaty)
    # paired codes and compound verbs
    assert rows[("depart", "", "", "", "", "")] == ("042", "043")
    assert rows[("go", "by", "", "", "", "")] == ("042", "043")
    assert rows[("tap", "", "", "", "", "wire")] == ("042", "043")
    assert rows[("restore", "", "", "", "", "recently")] == ("058", "")  # one word before the verb
    # an object with a prepositional phrase: the phrase's words must be dependents of the object
    assert rows[("restore", "", "fighters purchase|fighter purchase", "", "", "")] == ("062", "")
    memos = "military memos|economic memos|military memo|economic memo"
    assert rows[("restore", "", memos, "from", "", "")] == ("063", "")
    assert rows[("restore", "", "eid", "with", "", "")] == ("064", "")  # "(AT ^)": any phrase, not required
    recip = v.loc[v["code"] == "065"]
    assert recip["reciprocal"].tolist() == ["yes", "yes"] and set(v.loc[v["code"] == "054", "reciprocal"]) == {""}
    # "THEIR ^": any noun phrase; "ABOUT +": the target is in the "about" phrase
    assert rows[("restore", "", "", "about", "", "")] == ("066", "")
    assert rep.counts["patterns"] == 17
    assert rep.counts["patterns_mapped"] == 13
    for reason in ("words_before_verb", "source_in_pattern", "skip_word_^", "bad_pattern_code"):
        assert rep.unmapped[reason] == 1, reason
    assert rep.examples["words_before_verb"] == ["verbs.txt:26"]  # several separate words


def test_duplicates_resolve_as_petrarch(tmp_path):
    p = tmp_path / "v.txt"
    p.write_text("--- A [010] ---\nSAY\n- * CONCERN [012]\n- * CONCERN [131]\n--- B [020] ---\nSAY\n", encoding="utf-8")
    d, rep = load_petrarch_with_report(verbs=p)
    v = d.verbs.set_index("object")
    assert v.loc["concern", "code"] == "131" and v.loc["concern", "entry_id"] == "v.txt:4"  # last pattern wins
    assert v.loc["", "code"] == "010"  # the first bare verb wins
    assert len(d.verbs) == 2 and rep.counts["duplicate_verb_rows"] == 2


def test_discards(files):
    d, rep = load(files)
    assert set(d.discards["pattern"]) == {"baseball", "world cup"}
    assert rep.unmapped["story_discard_as_sentence_discard"] == 1


def test_strict_raises_with_file_and_line(files):
    with pytest.raises(DictionaryError) as exc:
        load(files, strict=True)
    assert exc.value.path == str(files["verbs"]) and exc.value.line == 24


@pytest.mark.parametrize(
    ("role", "text", "line"),
    [
        ("actors", "ARNOR [ARN]\n+ARNORIAN\n", None),
        ("actors", "\t[ARN]\nARNOR\n", 1),
        ("actors", "ARNOR [ARN\n", 1),
        ("verbs", "RESTORE\n- * TIES [050]\n", 1),
        ("verbs", "--- RESTORE [050] ---\nRESTORE\n- * (WITH [053]\n", 3),
        ("agents", "!PERSON MAN\n", 1),
    ],
)
def test_malformed_lines_raise(tmp_path, role, text, line):
    p = tmp_path / "bad.txt"
    p.write_text(text, encoding="utf-8")
    kw = {"actors": [p]} if role == "actors" else {role: p}
    if line is None:  # control: a well-formed file loads
        assert len(load_petrarch(**kw).actors) == 2
        return
    with pytest.raises(DictionaryError) as exc:
        load_petrarch(strict=True, **kw)
    assert exc.value.line == line and exc.value.path == str(p)
    assert f"bad.txt:{line}" in str(exc.value)


def test_cache_hits_and_invalidates(files):
    d1, r1 = load(files)
    d2, r2 = load(files)
    assert d2 is d1 and r2.cached and not r1.cached
    p = files["discards"]
    p.write_text(DISCARDS + "CRICKET\n", encoding="utf-8")
    st_ = p.stat()
    os.utime(p, ns=(st_.st_atime_ns, st_.st_mtime_ns + 10_000_000))
    d3, r3 = load(files)
    assert not r3.cached and "cricket" in set(d3.discards["pattern"])


def test_missing_file_names_it(tmp_path):
    with pytest.raises(DictionaryError, match=r"nothere\.txt"):
        load_petrarch(verbs=tmp_path / "nothere.txt")


_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2090, 12, 31))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _dates), st.one_of(st.none(), _dates)), min_size=1, max_size=5), _dates)
def test_gaps_complement_dated_intervals(intervals, probe):
    iv = [(s, e) for s, e in intervals if s is None or e is None or s < e]
    if not iv:
        return

    def inside(d, s, e):
        return (s is None or d >= s) and (e is None or d < e)

    in_dated = any(inside(probe, s, e) for s, e in iv)
    in_gap = [g for g in _gaps(iv) if inside(probe, *g)]
    assert in_dated != bool(in_gap)
    assert len(in_gap) <= 1


@settings(max_examples=50, deadline=None)
@given(_dates, _dates)
def test_actor_dates_round_trip(tmp_path_factory, a, b):
    if a == b:
        return
    a, b = min(a, b), max(a, b)
    p = tmp_path_factory.mktemp("d") / "a.txt"
    p.write_text(f"X_PERSON\n\t[XXXGOV {a:%Y%m%d}-{b:%Y%m%d}]\n\t[XXXELI >{b:%Y%m%d}]\n", encoding="utf-8")
    d = load_petrarch(actors=[p])
    r = d.actors.set_index("code")
    assert r.loc["XXXGOV", "start_date"] == pd.Timestamp(a) and r.loc["XXXGOV", "end_date"] == pd.Timestamp(b)
    assert r.loc["XXXELI", "start_date"] == pd.Timestamp(b)


def test_full_petrarch2_dictionaries_load_and_cache():
    base = shared_path("dictionaries", "petrarch2")
    clear_petrarch_cache()
    kw = dict(
        verbs=base / "CAMEO.2.0.txt",
        actors=[base / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International", "MilNonState")],
        agents=base / "Phoenix.agents.txt",
        discards=base / "Phoenix.discards.txt",
    )
    d, rep = load_petrarch_with_report(**kw)  # load times: benchmarks/bench_dictionaries.py
    d2, rep2 = load_petrarch_with_report(**kw)
    assert d2 is d and rep2.cached and not rep.cached
    assert len(d.actors) > 40_000 and len(d.agents) > 4_000 and len(d.verbs) > 30_000 and len(d.discards) > 400
    assert rep.counts["patterns"] > 4_000 and rep.counts["patterns_mapped"] > 0.8 * rep.counts["patterns"]
    a = d.actors
    afg = a[a["pattern"] == "afghanistan"]
    assert set(afg["code"]) == {"AFG"} and set(afg["kind"]) == {"country"}
    assert (a["start_date"].notna() | a["end_date"].notna()).sum() > 5_000
    assert set(d.verbs["code"]) - {"-"} <= {c for c in d.verbs["code"] if c.isdigit()}


def test_validation_suite_dictionaries_load():
    base = shared_path("suites", "universalpetrarch")
    d, rep = load_petrarch_with_report(
        verbs=base / "PETR_Validate_verbs_2_02.txt",
        actors=base / "PETR_Validate_actors_2_02.txt",
        agents=base / "PETR_Validate_agents_2_02.txt",
        discards=base / "PETR_Validate_discards_2_02.txt",
    )
    a = d.actors.set_index("pattern")
    assert a.loc["arnor", "code"] == "ARN" and a.loc["interpol", "code"] == "IGOCOPITP"
    v = d.verbs
    assert ((v["verb"] == "condemn") & (v["object"] == "attack") & (v["prep"] == "by") & (v["code"] == "112")).any()
    assert rep.counts["patterns_mapped"] > 200


PICO = """# PICO excerpt -->
010:0x1000#Make Public Statement
011:0x1000-0xFFFF
050:0x0080#DiplomaticCoop
057:0x0087
060:0x0070
110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove
121:-0xFFFF+0x0070
170:0x10086#0x0087+0xFFFF#0x9000#Coerce
---:0
"""


def test_pico_negation_pairs(tmp_path):
    path = tmp_path / "pico.txt"
    path.write_text(PICO, encoding="utf-8")
    assert load_pico_negation(path) == {"010": "011", "060": "121", "110": "050", "170": "057"}


@pytest.mark.parametrize("bad", ["110 0x1007f", "abc:0x10", "110:Disapprove"])
def test_pico_malformed_line_names_file_and_line(tmp_path, bad):
    path = tmp_path / "pico.txt"
    path.write_text("010:0x1000\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"pico.txt:2"):
        load_pico_negation(path)


def test_pico_negation_of_the_suite_ontology():
    path = shared_path("suites", "universalpetrarch", "PETR_Validate_Internal_Coding_Ontology_1_01.txt")
    table = load_pico_negation(path)
    assert table["110"] == "050" and table["170"] == "057" and table["010"] == "011"
