"""Document context: coreference, country from context, event locations, one event per happening
and kept article metadata, on hand-written multi-sentence documents (embedded parser)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import geoevent
from geoevent.coder import code_documents
from geoevent.errors import DictionaryError
from geoevent.gazetteer import gazetteer, read_places
from geoevent.rules import CodingRules
from geoevent.schema import EVENT_COLUMNS

DATE = "2024-11-17"

DOCS = {
    # he -> the named person of the sentence before
    "he": "Ukrainian President Volodymyr Zelenskyy met Polish Prime Minister Donald Tusk in Warsaw on Monday. "
    "He thanked Poland for its military support.",
    # two coordinated subjects of equal standing: "He" is ambiguous and codes nothing
    "two": "Zelenskyy and Macron met in Paris on Monday. He condemned Russia's latest attack.",
    # "It" after a subject that is a thing: no actor
    "thing": "The report was published on Monday. It criticized Russia.",
    # a definite description of an office
    "chancellor": "German Chancellor Olaf Scholz called Russian President Vladimir Putin on Friday. "
    "The chancellor urged Russia to withdraw its troops from Ukraine.",
    # no antecedent at all: nothing
    "nobody": "The president condemned Russia on Sunday.",
    # a possessor of an agent noun
    "its": "Russia captured the town of Avdiivka after months of fighting. "
    "Its troops then shelled Ukrainian positions near Pokrovsk.",
    # "we" in a quote is its speaker
    "we": 'Israeli Prime Minister Benjamin Netanyahu addressed the Knesset. "Hamas attacked us in Beeri," he said.',
    # a place in a quote locates nothing
    "quote": "Polish Foreign Minister Radoslaw Sikorski visited Kyiv on Monday. "
    '"Russia attacked Ukraine in Kharkiv again last night," he said.',
    "police": "Police arrested protesters in Tbilisi on Sunday. Thousands had gathered outside parliament.",
    "document": "Georgian Prime Minister Irakli Kobakhidze suspended talks on joining the European Union. "
    "Georgia's opposition called for new elections. Police arrested dozens of protesters overnight.",
    "mixed": "Russia and Ukraine exchanged prisoners on Friday. Police arrested protesters.",
    "bakhmut": "Russia attacked Ukraine near Bakhmut on Sunday.",
    "lima": "U.S. President Joe Biden met Chinese President Xi Jinping in Lima.",
}


def _code(rules: CodingRules | None = None) -> pd.DataFrame:
    docs = pd.DataFrame({"doc_id": list(DOCS), "text": list(DOCS.values()), "date": [DATE] * len(DOCS)})
    return code_documents(docs, parser="embedded", rules=rules)


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return _code()


def _of(events: pd.DataFrame, doc: str, sentence: int | None = None) -> pd.DataFrame:
    ev = events.loc[events["doc_id"] == doc]
    return ev if sentence is None else ev.loc[ev["sentence_idx"] == sentence]


def test_schema_has_the_context_columns() -> None:
    for col in (
        "source_antecedent_start",
        "source_antecedent_end",
        "target_antecedent_start",
        "target_antecedent_end",
        "location_name",
        "location_country",
        "location_admin1",
        "latitude",
        "longitude",
        "location_id",
        "location_start",
        "location_end",
    ):
        assert col in EVENT_COLUMNS


def test_pronoun_takes_the_last_named_person(events: pd.DataFrame) -> None:
    ev = _of(events, "he", 1)
    assert len(ev) == 1
    row = ev.iloc[0]
    assert (row["source_code"], row["target_code"], row["source_resolution"]) == ("UKRGOV", "POL", "coreference")
    assert row["source_text"] == "He"
    text = DOCS["he"]
    assert "Zelenskyy" in text[row["source_antecedent_start"] : row["source_antecedent_end"]]


def test_two_antecedents_of_equal_standing_code_nothing(events: pd.DataFrame) -> None:
    assert len(_of(events, "two", 1)) == 0
    assert len(_of(events, "two", 0)) >= 1  # the meeting itself is coded


def test_it_after_a_thing_codes_nothing(events: pd.DataFrame) -> None:
    assert len(_of(events, "thing")) == 0


def test_definite_description_of_an_office(events: pd.DataFrame) -> None:
    ev = _of(events, "chancellor", 1)
    assert len(ev) >= 1
    assert set(ev["source_code"]) == {"DEUELI"} or set(ev["source_code"]) == {"DEUGOV"}
    assert set(ev["source_resolution"]) == {"coreference"}
    assert set(ev["target_code"]) == {"RUS"}


def test_description_without_antecedent_codes_nothing(events: pd.DataFrame) -> None:
    assert len(_of(events, "nobody")) == 0


def test_possessor_gives_its_country_to_the_agent_noun(events: pd.DataFrame) -> None:
    ev = _of(events, "its", 1)
    assert list(ev["source_code"]) == ["RUSMIL"]
    assert list(ev["source_resolution"]) == ["coreference"]
    assert list(ev["location_name"]) == ["Pokrovsk"]


def test_first_person_in_a_quote_is_its_speaker(events: pd.DataFrame) -> None:
    ev = _of(events, "we", 1)
    assert len(ev) == 1
    row = ev.iloc[0]
    assert (row["source_code"][:3], row["target_code"], row["target_resolution"]) == ("PSE", "ISRGOV", "coreference")
    assert pd.isna(row["location_name"])  # Beeri is inside the quote (and not in the gazetteer)


def test_place_in_a_quote_locates_nothing(events: pd.DataFrame) -> None:
    quoted = _of(events, "quote", 1)
    assert len(quoted) == 1 and quoted.iloc[0]["target_code"] == "UKR"
    assert pd.isna(quoted.iloc[0]["location_name"]) and quoted.iloc[0]["location_start"] == -1
    visit = _of(events, "quote", 0)
    assert list(visit["location_name"]) == ["Kyiv"]


def test_sentence_place_gives_the_country(events: pd.DataFrame) -> None:
    ev = _of(events, "police", 0)
    assert len(ev) == 1 and ev.iloc[0]["event_code"].startswith("17")
    row = ev.iloc[0]
    assert (row["source_code"], row["target_code"]) == ("GEOCOP", "GEOPRO")
    assert row["source_resolution"] == "context-country"
    assert (row["location_name"], row["location_country"]) == ("Tbilisi", "GEO")


def test_dominant_country_of_the_document(events: pd.DataFrame) -> None:
    ev = _of(events, "document", 2)
    assert len(ev) == 1
    assert ev.iloc[0]["source_code"] == "GEOCOP" and ev.iloc[0]["target_code"].startswith("GEO")
    assert ev.iloc[0]["source_resolution"] == "document-country"
    # a document about two countries is about neither: the police stay unknown
    mixed = _of(events, "mixed")
    assert len(mixed) >= 1
    assert "document-country" not in set(mixed["source_resolution"]) | set(mixed["target_resolution"].dropna())


def test_event_location_from_the_gazetteer(events: pd.DataFrame) -> None:
    ev = _of(events, "bakhmut")
    assert len(ev) == 1
    row = ev.iloc[0]
    assert (row["source_code"], row["target_code"]) == ("RUS", "UKR")  # the place is not the target
    assert (row["location_name"], row["location_country"], row["location_admin1"]) == ("Bakhmut", "UKR", "UA.05")
    assert row["location_id"] == "geonames:713174"
    assert abs(row["latitude"] - 48.59) < 0.05 and abs(row["longitude"] - 38.0) < 0.05
    assert DOCS["bakhmut"][row["location_start"] : row["location_end"]] == "Bakhmut"


def test_ambiguous_name_prefers_the_much_larger_place(events: pd.DataFrame) -> None:
    # Lima, Ohio is in the source's country, but Lima, Peru is two hundred times larger
    ev = _of(events, "lima")
    assert len(ev) >= 1 and set(ev["location_country"]) == {"PER"}


def test_coreference_is_a_rule() -> None:
    assert CodingRules().coreference is True
    assert CodingRules.petrarch().coreference is False
    assert CodingRules().core().coreference is False
    off = _code(CodingRules(coreference=False))
    assert len(_of(off, "he", 1)) == 0
    assert "coreference" not in set(off["source_resolution"]) | set(off["target_resolution"].dropna())


def test_gazetteer_own_rows_first_and_with_provenance() -> None:
    g = gazetteer()
    rafah = g.lookup("Rafah")
    assert rafah.iloc[0]["place_id"] == "geoevent:rafah" and rafah.iloc[0]["country"] == "PSE"
    shoal = g.lookup("Second Thomas Shoal").iloc[0]
    assert shoal["country"] == "PHL" and shoal["admin1"] is not None
    assert g.lookup("Kiev").iloc[0]["name"] == "Kyiv"  # alternate spellings
    assert len(g.lookup("Nowhereville")) == 0


_PLACES_HEADER = "name\tcountry\tadmin1\tlatitude\tlongitude\tkind\taliases\tprovenance\n"


@pytest.mark.parametrize(
    ("row", "line", "reason"),
    [
        ("Vuhledar\tUKR\t\t47.779\t37.248\ttown\t\t \n", 6, "has no provenance"),
        ("Vuhledar\tUKR\t\tnorth\t37.248\ttown\t\tsrc\n", 6, "latitude/longitude are not numbers"),
        ("Vuhledar\tUkraine\t\t47.779\t37.248\ttown\t\tsrc\n", 6, "bad country or coordinates"),
        ("Vuhledar\tUKR\t\t147.779\t37.248\ttown\t\tsrc\n", 6, "bad country or coordinates"),
    ],
)
def test_gazetteer_rows_are_checked_with_file_and_line(row: str, line: int, reason: str) -> None:
    good = "Pokrovsk\tUKR\t\t48.282\t37.176\ttown\t\tsrc\n"
    text = "# a comment\n" + _PLACES_HEADER + good + "\n# another comment\n" + row
    with pytest.raises(DictionaryError) as info:
        read_places(text, "places.tsv")
    assert (info.value.path, info.value.line) == ("places.tsv", line) and reason in info.value.reason
    assert str(info.value).startswith(f"places.tsv:{line}: 'Vuhledar'")
    assert list(read_places(_PLACES_HEADER + good, "places.tsv")["name"]) == ["Pokrovsk"]


def test_gazetteer_table_without_a_column_names_the_file() -> None:
    with pytest.raises(DictionaryError, match=r"^places\.tsv: missing columns provenance$"):
        read_places(_PLACES_HEADER.replace("\tprovenance", "") + "Pokrovsk\tUKR\t\t48.2\t37.1\ttown\t\n", "places.tsv")


def _events_for_dedup() -> pd.DataFrame:
    day = dt.date(2024, 11, 17)
    rows = [
        ("a", 0, "RUS", "190", "UKR", day),
        ("a", 2, "RUS", "190", "UKR", day),
        ("a", 3, "UKR", "111", "RUS", day),
        ("b", 0, "RUS", "190", "UKR", day),
        ("c", 0, "RUS", "190", "UKR", dt.date(2024, 11, 18)),
        ("d", 0, "RUS", "190", "UKR", None),
        ("e", 0, "RUS", "190", "UKR", None),
    ]
    return pd.DataFrame(
        rows, columns=["doc_id", "sentence_idx", "source_code", "event_code", "target_code", "event_date"]
    )


def test_deduplicate_by_story() -> None:
    out = geoevent.deduplicate(_events_for_dedup(), by="story")
    assert list(zip(out["doc_id"], out["sentence_idx"])) == [("a", 0), ("a", 3), ("b", 0), ("c", 0), ("d", 0), ("e", 0)]
    assert list(out["mentions"]) == [2, 1, 1, 1, 1, 1]
    assert set(out["num_documents"]) == {1}


def test_deduplicate_by_day() -> None:
    out = geoevent.deduplicate(_events_for_dedup(), by="day")
    # 17 Nov: a(x2) and b collapse into a's first mention; undated events stay per document
    assert list(zip(out["doc_id"], out["sentence_idx"])) == [("a", 0), ("a", 3), ("c", 0), ("d", 0), ("e", 0)]
    assert list(out["mentions"]) == [3, 1, 1, 1, 1]
    assert list(out["num_documents"]) == [2, 1, 1, 1, 1]
    with pytest.raises(geoevent.InputError):
        geoevent.deduplicate(_events_for_dedup(), by="week")


def test_code_frame_keeps_metadata_columns() -> None:
    df = pd.DataFrame(
        {
            "id": ["x", "y"],
            "text": ["Russia attacked Ukraine near Bakhmut.", "Russia attacked Ukraine."],
            "date": [DATE, DATE],
            "url": ["http://a", "http://b"],
            "source": ["wire", "paper"],
        }
    )
    ev = geoevent.code_frame(df, id_col="id", date_col="date", keep=["url", "source"])
    assert list(ev.columns[-2:]) == ["url", "source"]
    assert dict(zip(ev["doc_id"], ev["url"])) == {"x": "http://a", "y": "http://b"}
    with pytest.raises(geoevent.InputError):
        geoevent.code_frame(df, id_col="id", keep=["nope"])


def test_dedup_by_day_and_kept_columns_through_the_library() -> None:
    # the CLI's --dedup / --keep-columns did not make it into the streaming `geoevent code` this stop
    df = pd.DataFrame(
        {
            "id": ["a", "b"],
            "date": [DATE, DATE],
            "url": ["http://a", "http://b"],
            "text": ["Russia attacked Ukraine near Bakhmut.", "Russia attacked Ukraine near Bakhmut on Sunday."],
        }
    )
    ev = geoevent.code_frame(df, id_col="id", date_col="date", keep=["url"])
    table = geoevent.deduplicate(ev, by="day")
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["url"], row["mentions"], row["num_documents"], row["location_name"]) == ("http://a", 2, 2, "Bakhmut")
