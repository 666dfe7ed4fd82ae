"""More ways wire copy refers back (hand-written documents, embedded parser): a surname after a
full first mention, a title with a plain adjective, a weapon owned by "its", a group's people,
"the island" as an object, and "the two leaders" (several people: no one actor)."""

from __future__ import annotations

import pandas as pd
import pytest

from geoevent.coder import code_documents
from geoevent.rules import CodingRules

DOCS = {
    # a name the dictionaries lack, known by its title, then by surname alone and by "the foreign minister"
    "surname": "Kenyan Foreign Minister Musalia Mudavadi arrived in Addis Ababa on Monday. "
    "Mudavadi praised Ethiopia for its role in regional security. Later the foreign minister criticized Somalia.",
    # another holder of the office is not the one named before
    "former": "Kenyan Foreign Minister Musalia Mudavadi arrived in Addis Ababa on Monday. "
    "The former minister criticized Somalia.",
    # a weapon noun takes the possessor's actor (as "Israel's warplanes" does)
    "weapon": "Israel struck military targets in Iran early on Saturday. Its warplanes hit missile factories near Tehran.",
    # the group's own people
    "members": "The Islamic State claimed an attack on a Shiite mosque in Kabul. "
    "The group said its fighters had killed several Taliban guards.",
    # an object is not its clause's subject: "the island" is Taiwan, not China
    "island": "China held military drills around Taiwan on Monday. It warned the island against seeking independence.",
    # several people at once: no one actor, nothing coded (not a country-less "leaders")
    "leaders": "Japanese Prime Minister Shigeru Ishiba met Chinese President Xi Jinping in Lima on Friday. "
    "The two leaders agreed to improve ties.",
}


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    docs = pd.DataFrame({"doc_id": list(DOCS), "text": list(DOCS.values()), "date": ["2024-11-17"] * len(DOCS)})
    return code_documents(docs, parser="embedded")


def _triples(events: pd.DataFrame, doc: str, sentence: int) -> set[tuple[str, str, str, str]]:
    ev = events.loc[(events["doc_id"] == doc) & (events["sentence_idx"] == sentence)]
    return {
        (str(r.source_code), str(r.event_code)[:2], str(r.target_code), str(r.source_resolution))
        for r in ev.itertuples()
    }


def test_surname_alone_is_the_person_named_in_full(events: pd.DataFrame) -> None:
    assert _triples(events, "surname", 1) == {("KENGOV", "05", "ETH", "coreference")}
    row = events.loc[(events["doc_id"] == "surname") & (events["sentence_idx"] == 1)].iloc[0]
    assert "Musalia" in DOCS["surname"][row["source_antecedent_start"] : row["source_antecedent_end"]]


def test_title_with_a_plain_adjective_is_the_holder_named_before(events: pd.DataFrame) -> None:
    assert _triples(events, "surname", 2) == {("KENGOV", "11", "SOM", "coreference")}


def test_a_former_holder_is_not_the_one_named_before(events: pd.DataFrame) -> None:
    # not Mudavadi: a former minister of the document's country (an elite, KENELI), if anyone
    assert {how for _, _, _, how in _triples(events, "former", 1)} <= {"document-country"}


def test_its_weapons_are_the_possessor_s(events: pd.DataFrame) -> None:
    (src, root, _tgt, how) = next(iter(_triples(events, "weapon", 1)))
    assert (src[:3], root, how) == ("ISR", "19", "coreference")


def test_its_fighters_are_the_group_s(events: pd.DataFrame) -> None:
    got = _triples(events, "members", 1)
    assert {(s[:3], how) for s, _, _, how in got} == {("IMG", "coreference")}


def test_an_object_description_skips_its_clause_subject(events: pd.DataFrame) -> None:
    ev = events.loc[(events["doc_id"] == "island") & (events["sentence_idx"] == 1)]
    assert list(zip(ev["source_code"], ev["event_code"].str[:2], ev["target_code"])) == [("CHN", "13", "TWN")]
    assert list(ev["target_resolution"]) == ["coreference"]


def test_several_people_at_once_code_nothing(events: pd.DataFrame) -> None:
    assert _triples(events, "leaders", 1) == set()
    assert _triples(events, "leaders", 0) != set()


def test_the_new_rules_are_coreference_s() -> None:
    docs = pd.DataFrame({"doc_id": ["s"], "text": [DOCS["surname"]], "date": ["2024-11-17"]})
    off = code_documents(docs, parser="embedded", rules=CodingRules(coreference=False))
    assert "coreference" not in set(off["source_resolution"].dropna())
