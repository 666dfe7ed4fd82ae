"""geoevent's coding steps for news wording, each on hand-parsed sentences with the built-in
dictionaries (no parser involved): refusals, asked-for and promised acts, implicit and deep
targets, country-less agents, crowds and demonyms, groups as modifiers, event nouns, discards,
the sector and protest steps, hyphenated compounds, objects inside a preposition phrase, the
targetless roots, and the repair stage."""

from __future__ import annotations

import pandas as pd
import pytest

from geoevent.coder import code_tokens
from geoevent.repair import repair_tokens
from geoevent.rules import ADDITIONS, CodingRules
from tests.helpers import sentence
from tests.helpers import sentence_events as events

D = "2024-11-17"


def rows(spec: str, *, date: str = D, rules: CodingRules | None = None) -> pd.DataFrame:
    return code_tokens(sentence(spec, doc_id="s"), dates={"s": date}, rules=rules)


# -- refusals ----------------------------------------------------------------------------------
REFUSE = (
    "Russia/Russia/PROPN/2/nsubj refused/refuse/VERB/0/root to/to/PART/4/mark extradite/extradite/VERB/2/xcomp "
    "Lugovoi/Lugovoi/PROPN/4/obj to/to/ADP/7/case Britain/Britain/PROPN/4/obl ././PUNCT/2/punct"
)
WILL_NOT = (
    "The/the/DET/3/det United/United/PROPN/3/compound States/States/PROPN/6/nsubj will/will/AUX/6/aux "
    "not/not/PART/6/advmod lift/lift/VERB/0/root its/its/PRON/8/nmod:poss embargo/embargo/NOUN/6/obj "
    "on/on/ADP/10/case Cuba/Cuba/PROPN/8/nmod ././PUNCT/6/punct"
)


def test_a_refused_cooperative_act_is_its_rejection():
    assert events(REFUSE) == {("RUS", "1213", "GBR")}  # refuse judicial cooperation
    assert events(WILL_NOT) == {("USA", "1244", "CUB")}  # refuse to ease an embargo


def test_without_the_refusal_step_the_refused_act_codes_nothing():
    assert events(WILL_NOT, rules=CodingRules(refusal=False)) == set()


# -- asked for, demanded, promised -------------------------------------------------------------
URGE_RELEASE = (
    "The/the/DET/2/det UN/UN/PROPN/3/nsubj urged/urge/VERB/0/root Hamas/Hamas/PROPN/3/obj "
    "to/to/PART/6/mark release/release/VERB/3/xcomp the/the/DET/8/det hostages/hostage/NOUN/6/obj "
    "././PUNCT/3/punct"
)
DEMAND_THAT = (
    "Moscow/Moscow/PROPN/2/nsubj demanded/demand/VERB/0/root that/that/SCONJ/6/mark the/the/DET/5/det "
    "EU/EU/PROPN/6/nsubj lift/lift/VERB/2/ccomp sanctions/sanction/NOUN/6/obj on/on/ADP/10/case "
    "Russian/Russian/ADJ/10/amod banks/bank/NOUN/7/nmod ././PUNCT/2/punct"
)
PLEDGE = (
    "Germany/Germany/PROPN/2/nsubj pledged/pledge/VERB/0/root to/to/PART/4/mark send/send/VERB/2/xcomp "
    "tanks/tank/NOUN/4/obj to/to/ADP/7/case Ukraine/Ukraine/PROPN/4/obl ././PUNCT/2/punct"
)


def test_an_appeal_takes_the_sub_code_of_the_act_asked_for():
    assert events(URGE_RELEASE) == {("IGOUNO", "0253", "PSEREBHMS")}


def test_a_demanded_clause_is_not_an_act_and_gives_the_demand_its_sub_code_and_target():
    assert events(DEMAND_THAT) == {("RUS", "1054", "IGOEUR")}


def test_a_promised_act_takes_the_intent_sub_code_and_stands_for_the_promise():
    assert events(PLEDGE) == {("DEU", "0332", "UKR")}
    # without the step, the promise (the dictionary's "pledge ... tank" row) and the act both code
    assert events(PLEDGE, rules=CodingRules(sub_codes=False)) == {("DEU", "0332", "UKR"), ("DEU", "033", "UKR")}


# -- targets ----------------------------------------------------------------------------------
CURFEW = (
    "Nigeria/Nigeria/PROPN/2/nsubj lifted/lift/VERB/0/root its/its/PRON/4/nmod:poss curfew/curfew/NOUN/2/obj "
    "././PUNCT/2/punct"
)
MARCH = (
    "Thousands/thousand/NOUN/2/nsubj marched/march/VERB/0/root in/in/ADP/4/case Tbilisi/Tbilisi/PROPN/2/obl "
    "against/against/ADP/7/case the/the/DET/7/det government/government/NOUN/2/obl ././PUNCT/2/punct"
)
CAPITAL = (
    "Thousands/thousand/NOUN/2/nsubj demonstrated/demonstrate/VERB/0/root in/in/ADP/4/case "
    "Tehran/Tehran/PROPN/2/obl ././PUNCT/2/punct"
)
DELEGATION = (
    "Ghana/Ghana/PROPN/2/nsubj welcomed/welcome/VERB/0/root steps/step/NOUN/2/obj "
    "towards/towards/ADP/6/case the/the/DET/6/det end/end/NOUN/3/nmod of/of/ADP/9/case the/the/DET/9/det "
    "blockade/blockade/NOUN/6/nmod of/of/ADP/13/case the/the/DET/13/det Iranian/Iranian/ADJ/13/amod "
    "port/port/NOUN/9/nmod ././PUNCT/2/punct"
)
EXPEL = (
    "Russia/Russia/PROPN/2/nsubj expelled/expel/VERB/0/root French/French/ADJ/4/amod diplomats/diplomat/NOUN/2/obj "
    "././PUNCT/2/punct"
)


def test_a_domestic_act_with_no_named_target_is_done_to_the_source_s_country():
    ev = rows(CURFEW)
    assert set(zip(ev.source_code, ev.event_code, ev.target_code)) == {("NGA", "0813", "NGA")}
    assert ev.target_resolution.tolist() == ["implicit-domestic"]
    assert events(CURFEW, rules=CodingRules(implicit_target=False)) == set()


def test_a_crowd_in_a_named_city_protests_against_that_country_s_government():
    assert events(MARCH) == {("GEOCVL", "141", "GEOGOV")}


def test_a_protest_in_the_source_s_own_capital_keeps_its_event():
    assert events(CAPITAL) == {("IRNCVL", "141", "IRN")}


def test_the_deep_target_is_an_actor_in_the_verb_s_clause():
    assert events(DELEGATION) == {("GHA", "051", "IRN")}
    assert events(DELEGATION, rules=CodingRules(deep_target=False)) == set()


def test_the_pattern_s_own_object_is_the_target_when_a_modifier_makes_it_an_actor():
    assert events(EXPEL) == {("RUS", "166", "FRAGOV")}


# -- actors -----------------------------------------------------------------------------------
POLICE_UNKNOWN = (
    "Police/police/NOUN/2/nsubj arrested/arrest/VERB/0/root ten/ten/NUM/4/nummod "
    "protesters/protester/NOUN/2/obj ././PUNCT/2/punct"
)
POLICE_CITY = (
    "Police/police/NOUN/2/nsubj arrested/arrest/VERB/0/root ten/ten/NUM/4/nummod "
    "protesters/protester/NOUN/2/obj in/in/ADP/6/case Minsk/Minsk/PROPN/2/obl ././PUNCT/2/punct"
)
HAMAS = (
    "Hamas/Hamas/PROPN/2/compound gunmen/gunman/NOUN/3/nsubj attacked/attack/VERB/0/root "
    "Israeli/Israeli/ADJ/5/amod soldiers/soldier/NOUN/3/obj ././PUNCT/3/punct"
)
US = "The/the/DET/2/det US/US/PROPN/3/nsubj condemned/condemn/VERB/0/root Iran/Iran/PROPN/3/obj ././PUNCT/3/punct"
PRONOUN = "Iran/Iran/PROPN/2/nsubj condemned/condemn/VERB/0/root us/we/PRON/2/obj ././PUNCT/2/punct"


def test_a_country_less_agent_takes_the_sentence_s_place_or_stays_unknown():
    ev = rows(POLICE_CITY)
    assert set(zip(ev.source_code, ev.event_code, ev.target_code)) == {("BLRCOP", "173", "BLRPRO")}
    assert set(ev.source_resolution) == {"context-country"}
    ev = rows(POLICE_UNKNOWN)
    assert set(zip(ev.source_code, ev.event_code, ev.target_code)) == {("---COP", "173", "---PRO")}
    assert set(ev.source_resolution) == {"unknown-country"}
    assert ev.source_country.isna().all()
    assert events(POLICE_UNKNOWN, rules=CodingRules(unknown_country=False)) == set()


def test_a_group_modifying_an_agent_noun_keeps_its_code():
    assert events(HAMAS) == {("PSEREBHMS", "190", "ISRMIL")}


def test_us_in_capitals_is_the_country_and_lower_case_us_the_pronoun():
    assert events(US) == {("USA", "111", "IRN")}
    assert events(PRONOUN) == {("IRN", "111", None)}  # "us" is no actor (11 is a targetless root)


# -- event nouns, discards ----------------------------------------------------------------------
NOMINAL = (
    "Russia/Russia/PROPN/3/nmod:poss 's/'s/PART/1/case attack/attack/NOUN/7/nsubj on/on/ADP/5/case "
    "Kyiv/Kyiv/PROPN/3/nmod killed/kill/VERB/0/root ten/ten/NUM/8/nummod people/people/NOUN/7/obj ././PUNCT/7/punct"
)
TALKS = (
    "Talks/talk/NOUN/6/nsubj between/between/ADP/3/case Serbia/Serbia/PROPN/1/nmod and/and/CCONJ/5/cc "
    "Kosovo/Kosovo/PROPN/3/conj resumed/resume/VERB/0/root ././PUNCT/6/punct"
)
POSSIBLE = (
    "A/a/DET/3/det possible/possible/ADJ/3/amod attack/attack/NOUN/0/root on/on/ADP/5/case Iran/Iran/PROPN/3/nmod "
    "by/by/ADP/7/case Israel/Israel/PROPN/3/nmod"
)
SPORT = (
    "Australia/Australia/PROPN/3/nmod:poss 's/'s/PART/1/case cricket/cricket/NOUN/4/compound team/team/NOUN/5/nsubj "
    "condemned/condemn/VERB/0/root Pakistan/Pakistan/PROPN/5/obj ././PUNCT/5/punct"
)


def test_an_event_noun_codes_with_its_possessor_as_source():
    assert ("RUS", "190", "UKR") in events(NOMINAL)
    assert ("RUS", "190", "UKR") not in events(NOMINAL, rules=CodingRules(nominal=False))


def test_talks_between_two_parties_code_both_ways():
    assert events(TALKS) == {("SRB", "046", "XKX"), ("XKX", "046", "SRB")}


def test_a_noun_marked_as_not_done_codes_nothing():
    assert events(POSSIBLE) == set()


def test_a_sentence_with_a_discard_phrase_codes_nothing():
    assert events(SPORT) == set()


# -- sector and protest steps -------------------------------------------------------------------
STORM = (
    "Protesters/protester/NOUN/2/nsubj stormed/storm/VERB/0/root the/the/DET/4/det parliament/parliament/NOUN/2/obj "
    "in/in/ADP/6/case Nairobi/Nairobi/PROPN/2/obl ././PUNCT/2/punct"
)
RALLY_DEMAND = (
    "Thousands/thousand/NOUN/2/nsubj rallied/rally/VERB/0/root in/in/ADP/4/case Belgrade/Belgrade/PROPN/2/obl "
    ",/,/PUNCT/6/punct demanding/demand/VERB/2/advcl the/the/DET/8/det resignation/resignation/NOUN/6/obj "
    "of/of/ADP/11/case the/the/DET/11/det president/president/NOUN/8/nmod ././PUNCT/2/punct"
)


def test_protesters_who_storm_a_building_riot():
    assert events(STORM) == {("KENPRO", "145", "KENLEG")}
    assert events(STORM, rules=CodingRules(sector_codes=False)) == {("KENPRO", "190", "KENLEG")}


def test_a_protest_takes_the_sub_code_of_its_demand():
    got = events(RALLY_DEMAND, rules=CodingRules(participle_subjects=True))
    assert {c for _, c, _ in got} == {"1411"}
    assert {c for _, c, _ in events(RALLY_DEMAND)} == {"141"}  # the participle has no subject by default


# -- words, objects, targetless roots -----------------------------------------------------------
BACKED = (
    "Venezuela/Venezuela/PROPN/2/nsubj rejected/reject/VERB/0/root the/the/DET/5/det U.S.-backed/u.s.-backed/ADJ/5/amod "
    "plan/plan/NOUN/2/obj ././PUNCT/2/punct"
)
CALL_FOR = (
    "France/France/PROPN/2/nsubj called/call/VERB/0/root for/for/ADP/6/case an/a/DET/6/det "
    "immediate/immediate/ADJ/6/amod ceasefire/ceasefire/NOUN/2/obl in/in/ADP/8/case Gaza/Gaza/PROPN/6/nmod "
    "././PUNCT/2/punct"
)
WARNED = "Iran/Iran/PROPN/2/nsubj warned/warn/VERB/0/root of/of/ADP/4/case consequences/consequence/NOUN/2/obl ././PUNCT/2/punct"


def test_a_hyphenated_compound_names_who_backed_it():
    assert events(BACKED) == {("VEN", "127", "USA")}


def test_an_object_inside_a_named_preposition_phrase():
    assert {c for _, c, _ in events(CALL_FOR)} == {"0256"}


def test_a_targetless_root_keeps_its_event():
    assert events(WARNED) == {("IRN", "130", None)}  # 13 is among the default targetless roots
    assert events(WARNED, rules=CodingRules(targetless_roots=("01",))) == set()


# -- repair stage --------------------------------------------------------------------------------
def _repaired(spec: str) -> pd.DataFrame:
    return repair_tokens(sentence(spec))


def test_a_verb_read_as_a_modifier_becomes_the_root():
    spec = (
        "Russia/Russia/PROPN/0/root lambasted/lambasted/ADJ/3/amod France/France/PROPN/1/flat "
        "over/over/ADP/6/case the/the/DET/6/det decision/decision/NOUN/1/nmod ././PUNCT/1/punct"
    )
    t = _repaired(spec)
    assert t.loc[1, ["upos", "head", "deprel"]].tolist() == ["VERB", 0, "root"]
    assert t.loc[1, "lemma"].startswith("lambast")  # a verb of the dictionaries
    assert t.loc[0, ["head", "deprel"]].tolist() == [2, "nsubj"]
    assert t.loc[2, ["head", "deprel"]].tolist() == [2, "obj"]
    assert t.loc[5, ["head", "deprel"]].tolist() == [2, "obl"]
    assert events(spec) == {("RUS", "111", "FRA")}


def test_an_irregular_past_read_as_a_modifier():
    spec = (
        "The/the/DET/3/det United/United/ADJ/3/amod States/States/PROPN/5/nsubj froze/froze/VERB/5/amod "
        "aid/aid/NOUN/0/root to/to/ADP/7/case Ukraine/Ukraine/PROPN/5/nmod ././PUNCT/5/punct"
    )
    t = _repaired(spec)
    assert t.loc[3, ["lemma", "head", "deprel"]].tolist() == ["freeze", 0, "root"]
    assert t.loc[4, ["head", "deprel"]].tolist() == [4, "obj"]


def test_a_subject_read_as_a_compound_of_the_object():
    spec = (
        "Iraq/Iraq/PROPN/4/compound used/use/VERB/0/root nerve/nerve/NOUN/4/compound agents/agent/NOUN/2/obj "
        "against/against/ADP/6/case Iran/Iran/PROPN/4/nmod ././PUNCT/2/punct"
    )
    assert _repaired(spec).loc[0, ["head", "deprel"]].tolist() == [2, "nsubj"]


def test_the_first_subject_of_a_reporting_verb_belongs_to_its_clause():
    spec = (
        "Mugabe/Mugabe/PROPN/7/nsubj agreed/agree/VERB/7/ccomp to/to/PART/4/mark resign/resign/VERB/2/xcomp "
        ",/,/PUNCT/2/punct aides/aide/NOUN/7/nsubj said/say/VERB/0/root ././PUNCT/7/punct"
    )
    assert _repaired(spec).loc[0, "head"] == 2


def test_a_second_verb_read_as_a_modifier_of_a_coordinated_noun():
    spec = (
        "Myanmar/Myanmar/PROPN/2/nsubj freed/free/VERB/0/root dissidents/dissident/NOUN/2/obj and/and/CCONJ/6/cc "
        "lifted/lift/VERB/6/amod curbs/curb/NOUN/3/conj ././PUNCT/2/punct"
    )
    t = _repaired(spec)
    assert t.loc[4, ["head", "deprel"]].tolist() == [2, "conj"]
    assert t.loc[5, ["head", "deprel"]].tolist() == [5, "obj"]


def test_a_sentence_no_repair_fits_is_left_alone():
    t = sentence(US)
    assert repair_tokens(t) is t


@pytest.mark.parametrize("name", ADDITIONS)
def test_petrarch_and_core_rules_turn_every_addition_off(name):
    off = CodingRules.petrarch()
    assert getattr(off, name) in (False, ())
    assert getattr(CodingRules().core(), name) in (False, ())


PESSIMISTIC = (
    "Ban/Ban/PROPN/3/nsubj Ki-moon/Ki-moon/PROPN/1/flat said/say/VERB/0/root he/he/PRON/6/nsubj "
    "was/be/AUX/6/cop pessimistic/pessimistic/ADJ/3/ccomp about/about/ADP/9/case the/the/DET/9/det "
    "talks/talk/NOUN/6/obl on/on/ADP/11/case Syria/Syria/PROPN/9/nmod ././PUNCT/3/punct"
)


def test_a_predicate_adjective_codes_as_a_statement():
    assert events(PESSIMISTIC, date="2013-01-01") == {("IGOUNO", "012", "SYR")}
    assert events(PESSIMISTIC, date="2013-01-01", rules=CodingRules(predicate_adjectives=False)) == set()


WARNED_COULD = (
    "The/the/DET/2/det EU/EU/PROPN/3/nsubj warned/warn/VERB/0/root it/it/PRON/6/nsubj could/could/AUX/6/aux "
    "suspend/suspend/VERB/3/ccomp budget/budget/NOUN/8/compound support/support/NOUN/6/obj to/to/ADP/10/case "
    "Niger/Niger/PROPN/6/obl ././PUNCT/3/punct"
)


def test_a_could_clause_of_a_warning_is_a_threat_of_that_act():
    assert events(WARNED_COULD) == {("IGOEUR", "1311", "NER")}
    # without sub-codes, the warning is a plain threat (13 keeps no target)
    assert events(WARNED_COULD, rules=CodingRules(sub_codes=False)) == {("IGOEUR", "130", None)}
