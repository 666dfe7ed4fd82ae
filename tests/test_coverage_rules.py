"""The coverage steps added for news wording, each on hand-parsed sentences with the built-in
dictionaries (no parser involved): blockers that yield to an actor object, threats and refusals
that address a government's own people, background relative clauses, a protest absorbing its
crowd's demands, acts an actor is accused of, unclaimed devices, agents named by several words,
event nouns that are a coded verb's object, the targetless roots, and the repair of a reported
clause read as a relative."""

from __future__ import annotations

from geoevent.repair import clause_read_as_relative, subject_read_as_expletive
from geoevent.rules import CodingRules
from tests.helpers import sentence_events as events

EXPELLED_MEMBERS = (
    "Saddam/Saddam/PROPN/4/nmod:poss Hussein/Hussein/PROPN/1/flat 's/'s/PART/1/case "
    "government/government/NOUN/5/nsubj expelled/expel/VERB/0/root American/American/ADJ/7/amod "
    "members/member/NOUN/5/obj of/of/ADP/11/case the/the/DET/11/det UN/UN/PROPN/11/compound "
    "team/team/NOUN/7/nmod ././PUNCT/5/punct"
)
EXPELLED_PUPILS = (
    "The/the/DET/2/det school/school/NOUN/3/nsubj expelled/expel/VERB/0/root two/two/NUM/5/nummod "
    "members/member/NOUN/3/obj ././PUNCT/3/punct"
)


def test_a_blocker_yields_when_its_object_is_an_actor():
    assert events(EXPELLED_MEMBERS) == {("IRQGOV", "166", "USA")}


def test_a_blocker_still_blocks_a_non_actor_object():
    assert events(EXPELLED_PUPILS) == set()
    assert events(EXPELLED_MEMBERS, rules=CodingRules(actor_objects=False)) == set()


THREATENED_BAN = (
    "Bangladesh/Bangladesh/PROPN/3/nmod:poss 's/'s/PART/1/case government/government/NOUN/4/nsubj "
    "threatened/threaten/VERB/0/root to/to/PART/6/mark ban/ban/VERB/4/xcomp the/the/DET/9/det "
    "Islamist/Islamist/ADJ/9/amod party/party/NOUN/6/obj ././PUNCT/4/punct"
)


def test_a_threat_to_ban_a_party_addresses_the_own_country():
    assert events(THREATENED_BAN) == {("BGDGOV", "1322", "BGD")}


def test_without_implicit_targets_the_threat_keeps_no_target():
    assert events(THREATENED_BAN, rules=CodingRules(implicit_target=False)) == {("BGDGOV", "1322", None)}


WHO_SEIZED = (
    "Mali/Mali/PROPN/3/nmod:poss 's/'s/PART/1/case president/president/NOUN/11/nsubj ,/,/PUNCT/6/punct "
    "who/who/PRON/6/nsubj seized/seize/VERB/3/acl:relcl Gao/Gao/PROPN/6/obj last/last/ADJ/9/amod "
    "year/year/NOUN/6/obl:unmarked ,/,/PUNCT/3/punct pledged/pledge/VERB/0/root to/to/PART/13/mark "
    "hold/hold/VERB/11/xcomp elections/election/NOUN/13/obj ././PUNCT/11/punct"
)


def test_a_relative_clause_set_off_by_commas_is_background():
    codes = {c for _, c, _ in events(WHO_SEIZED)}
    assert not any(c.startswith(("17", "19")) for c in codes)  # no seizure of Gao
    assert any(c.startswith("03") for c in codes)  # the pledge stays
    off = {c[:2] for _, c, _ in events(WHO_SEIZED, rules=CodingRules(background_clauses=False))}
    assert off & {"17", "19"}


MARCHED_AND_DEMANDED = (
    "Protesters/protester/NOUN/2/nsubj marched/march/VERB/0/root in/in/ADP/4/case Washington/Washington/PROPN/2/obl "
    "to/to/PART/6/mark protest/protest/VERB/2/advcl police/police/NOUN/8/compound brutality/brutality/NOUN/6/obj "
    "and/and/CCONJ/10/cc demand/demand/VERB/6/conj justice/justice/NOUN/10/obj ././PUNCT/2/punct"
)


def test_a_protest_absorbs_its_crowds_other_demands():
    found = events(MARCHED_AND_DEMANDED)
    assert {c[:3] for _, c, _ in found} == {"141"}, found


ACCUSED_OF = (
    "Russia/Russia/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass accused/accuse/VERB/0/root of/of/SCONJ/5/mark "
    "shelling/shell/VERB/3/advcl Ukrainian/Ukrainian/ADJ/7/amod villages/village/NOUN/5/obj ././PUNCT/3/punct"
)
ACCUSED_BY = (
    "Russia/Russia/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass accused/accuse/VERB/0/root by/by/ADP/5/case "
    "Kyiv/Kyiv/PROPN/3/obl:agent of/of/SCONJ/7/mark shelling/shell/VERB/3/advcl Ukrainian/Ukrainian/ADJ/9/amod "
    "villages/village/NOUN/7/obj ././PUNCT/3/punct"
)


def test_an_act_an_actor_is_accused_of_with_no_accuser_is_its_own():
    assert {(s, c[:2], t) for s, c, t in events(ACCUSED_OF)} == {("RUS", "19", "UKR")}


def test_without_the_alleged_acts_step_nothing_is_coded():
    assert events(ACCUSED_OF, rules=CodingRules(alleged_acts=False)) == set()


def test_with_an_accuser_named_the_accusation_is_the_event():
    assert {(s, c[:2], t) for s, c, t in events(ACCUSED_BY)} == {("UKR", "11", "RUS")}


ROADSIDE_BOMB = (
    "A/a/DET/3/det roadside/roadside/NOUN/3/compound bomb/bomb/NOUN/4/nsubj killed/kill/VERB/0/root "
    "three/three/NUM/7/nummod US/US/PROPN/7/compound soldiers/soldier/NOUN/4/obj in/in/ADP/9/case "
    "Baghdad/Baghdad/PROPN/4/obl ././PUNCT/4/punct"
)
BOMB_NO_PLACE = (
    "A/a/DET/3/det roadside/roadside/NOUN/3/compound bomb/bomb/NOUN/4/nsubj killed/kill/VERB/0/root "
    "three/three/NUM/7/nummod US/US/PROPN/7/compound soldiers/soldier/NOUN/4/obj ././PUNCT/4/punct"
)


def test_an_unclaimed_bomb_is_an_attacker_of_the_sentences_country():
    assert events(ROADSIDE_BOMB) == {("IRQ", "1833", "USAMIL")}  # a roadside bomb's attack is 1833
    assert events(BOMB_NO_PLACE) == {("---", "1833", "USAMIL")}
    assert {c for _, c, _ in events(ROADSIDE_BOMB, rules=CodingRules(sector_codes=False))} == {"190"}


SUICIDE_BOMBERS = (
    "Two/two/NUM/3/nummod suicide/suicide/NOUN/3/compound bombers/bomber/NOUN/4/nsubj struck/strike/VERB/0/root "
    "a/a/DET/6/det market/market/NOUN/4/obj in/in/ADP/8/case Baghdad/Baghdad/PROPN/4/obl ././PUNCT/4/punct"
)


def test_suicide_bombers_are_people_not_aircraft():
    assert {(s, c) for s, c, _ in events(SUICIDE_BOMBERS)} == {("IRQINS", "1831")}


CRITICISED_INVASION = (
    "France/France/PROPN/2/nsubj criticised/criticise/VERB/0/root the/the/DET/5/det "
    "U.S.-led/u.s.-led/ADJ/5/amod invasion/invasion/NOUN/2/obj of/of/ADP/7/case Iraq/Iraq/PROPN/5/nmod "
    "././PUNCT/2/punct"
)


def test_an_event_noun_that_a_coded_verb_acts_on_is_not_a_second_event():
    assert {(s, c[:2]) for s, c, _ in events(CRITICISED_INVASION)} == {("FRA", "11")}


WARNED = "Iran/Iran/PROPN/2/nsubj rejected/reject/VERB/0/root the/the/DET/4/det proposal/proposal/NOUN/2/obj ././PUNCT/2/punct"


def test_a_rejection_keeps_its_event_without_a_target():
    assert {(s, c[:2], t) for s, c, t in events(WARNED)} == {("IRN", "12", None)}
    assert events(WARNED, rules=CodingRules(targetless_roots=("01",))) == set()


HELD_AS_RELATIVE = (
    "Officials/official/NOUN/14/nsubj from/from/ADP/3/case Seoul/Seoul/PROPN/1/nmod and/and/CCONJ/5/cc "
    "Tokyo/Tokyo/PROPN/3/conj held/hold/VERB/1/acl talks/talk/NOUN/6/obj on/on/ADP/10/case the/the/DET/10/det "
    "islands/island/NOUN/7/nmod ,/,/PUNCT/6/punct the/the/DET/13/det ministry/ministry/NOUN/14/nsubj "
    "said/say/VERB/0/root ././PUNCT/14/punct"
)


def test_a_reported_clause_read_as_a_relative_is_repaired():
    forms = ["Officials", "from", "Seoul", "and", "Tokyo", "held", "talks", ",", "the", "ministry", "said"]
    upos = ["NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB", "NOUN", "PUNCT", "DET", "NOUN", "VERB"]
    heads = [10, 2, 0, 4, 2, 0, 5, 5, 9, 10, -1]
    rels = ["nsubj", "case", "nmod", "cc", "conj", "acl", "obj", "punct", "det", "nsubj", "root"]
    assert clause_read_as_relative(forms, upos, heads, rels)
    assert (heads[5], rels[5], heads[0], rels[0]) == (10, "ccomp", 5, "nsubj")
    found = events(HELD_AS_RELATIVE)  # the coder repairs the parse (parse_repairs, the default)
    assert {(s[:3], c[:2], t[:3]) for s, c, t in found} == {("KOR", "04", "JPN"), ("JPN", "04", "KOR")}
    assert events(HELD_AS_RELATIVE, rules=CodingRules(parse_repairs=False)) == set()  # "held" has no subject


CONDEMNED_TOGETHER = (
    "Russia/Russia/PROPN/4/nsubj and/and/CCONJ/3/cc China/China/PROPN/1/conj condemned/condemn/VERB/0/root "
    "the/the/DET/6/det sanctions/sanction/NOUN/4/obj ././PUNCT/4/punct"
)
TRADED = (
    "Israel/Israel/PROPN/4/nsubj and/and/CCONJ/3/cc Hezbollah/Hezbollah/PROPN/1/conj traded/trade/VERB/0/root "
    "accusations/accusation/NOUN/4/obj ././PUNCT/4/punct"
)


def test_coordinated_critics_criticise_a_third_party_not_each_other():
    assert {(s, t) for s, _, t in events(CONDEMNED_TOGETHER)} == {("RUS", None), ("CHN", None)}


def test_coordinated_sources_that_trade_an_act_act_on_each_other():
    found = {(s[:3], t[:3] if t else None) for s, _, t in events(TRADED)}
    assert found == {("ISR", "LBN"), ("LBN", "ISR")}


WARNED_FACT = (
    "Zelensky/Zelensky/PROPN/2/nsubj warned/warn/VERB/0/root that/that/SCONJ/6/mark Russian/Russian/ADJ/5/amod "
    "attacks/attack/NOUN/6/nsubj destroyed/destroy/VERB/2/ccomp half/half/NOUN/6/obj ././PUNCT/2/punct"
)
WARNED_ACT = (
    "Iran/Iran/PROPN/2/nsubj warned/warn/VERB/0/root that/that/SCONJ/6/mark it/it/PRON/6/nsubj "
    "could/could/AUX/6/aux retaliate/retaliate/VERB/2/ccomp ././PUNCT/2/punct"
)


def test_a_warning_of_a_fact_is_no_threat():
    assert not any(c == "130" for _, c, _ in events(WARNED_FACT))
    assert events(WARNED_ACT)  # a warning of what it could do is a threat
    assert any(c == "130" for _, c, _ in events(WARNED_FACT, rules=CodingRules(sub_codes=False)))


BARE_REQUEST = "Zelensky/Zelensky/PROPN/3/nsubj has/have/AUX/3/aux requested/request/VERB/0/root ././PUNCT/3/punct"
REQUESTED_AID = (
    "Zelensky/Zelensky/PROPN/2/nsubj requested/request/VERB/0/root more/more/ADJ/4/amod "
    "aid/aid/NOUN/2/obj ././PUNCT/2/punct"
)


def test_a_targetless_appeal_must_say_what_it_asks_for():
    assert events(BARE_REQUEST) == set()
    assert {c[:2] for _, c, _ in events(REQUESTED_AID)} == {"02"}


SELF_CRITICISM = (
    "Iran/Iran/PROPN/2/nsubj condemned/condemn/VERB/0/root Tehran/Tehran/PROPN/5/nmod:poss 's/'s/PART/3/case "
    "decision/decision/NOUN/2/obj ././PUNCT/2/punct"
)


def test_an_actor_that_is_its_own_target_keeps_a_targetless_roots_event():
    assert {(s, c[:2], t) for s, c, t in events(SELF_CRITICISM)} == {("IRN", "11", None)}
    assert events(SELF_CRITICISM, rules=CodingRules(targetless_roots=())) == set()


DECLINED_COMMENT = (
    "The/the/DET/2/det Pentagon/Pentagon/PROPN/3/nsubj declined/decline/VERB/0/root to/to/PART/5/mark "
    "comment/comment/VERB/3/xcomp ././PUNCT/3/punct"
)
WOULD_NOT_COMMENT = (
    "The/the/DET/2/det Kremlin/Kremlin/PROPN/5/nsubj would/would/AUX/5/aux not/not/PART/5/advmod "
    "comment/comment/VERB/0/root ././PUNCT/5/punct"
)


def test_a_refused_or_negated_comment_is_a_declined_comment():
    assert {c for _, c, _ in events(DECLINED_COMMENT)} == {"011"}
    assert {c for _, c, _ in events(WOULD_NOT_COMMENT)} == {"011"}  # "would not": refused, not hypothetical
    assert events(WOULD_NOT_COMMENT, rules=CodingRules(refusal=False)) == set()


ABDUCTED_IN_DARFUR = (
    "Five/five/NUM/3/nummod aid/aid/NOUN/3/compound workers/worker/NOUN/5/nsubj:pass "
    "were/be/AUX/5/aux:pass abducted/abduct/VERB/0/root in/in/ADP/7/case Darfur/Darfur/PROPN/5/obl "
    "././PUNCT/5/punct"
)
KILLED_IN_CRASH = (
    "Three/three/NUM/2/nummod soldiers/soldier/NOUN/4/nsubj:pass were/be/AUX/4/aux:pass "
    "killed/kill/VERB/0/root in/in/ADP/8/case a/a/DET/8/det car/car/NOUN/8/compound "
    "crash/crash/NOUN/4/obl in/in/ADP/10/case Texas/Texas/PROPN/4/obl ././PUNCT/4/punct"
)
KILLED_IN_KIGALI = (
    "A/a/DET/2/det man/man/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass killed/kill/VERB/0/root "
    "in/in/ADP/6/case Kigali/Kigali/PROPN/4/obl ././PUNCT/4/punct"
)


def test_an_unnamed_agent_of_a_passive_act_of_violence_is_of_the_place_named():
    assert {(s, c[:2], t) for s, c, t in events(ABDUCTED_IN_DARFUR)} == {("SDN", "18", "SDNNGO")}


def test_an_unnamed_agent_needs_a_victim_and_no_accident():
    assert events(KILLED_IN_CRASH) == set()  # a car crash names no attacker
    assert events(KILLED_IN_KIGALI) == set()  # the victim is no actor: not the place instead


def test_without_the_unnamed_agents_step_a_passive_without_agent_codes_nothing():
    assert events(ABDUCTED_IN_DARFUR, rules=CodingRules(unnamed_agents=False)) == set()


RELEASED_GROUP = (
    "Hamas/Hamas/PROPN/2/nsubj released/release/VERB/0/root a/a/DET/4/det group/group/NOUN/2/obj "
    "of/of/ADP/7/case Israeli/Israeli/ADJ/7/amod hostages/hostage/NOUN/4/nmod ././PUNCT/2/punct"
)
RELEASED_REPORT = (
    "Hamas/Hamas/PROPN/2/nsubj released/release/VERB/0/root a/a/DET/4/det set/set/NOUN/2/obj "
    "of/of/ADP/6/case figures/figure/NOUN/4/nmod ././PUNCT/2/punct"
)


def test_a_quantity_object_matches_the_pattern_by_the_noun_it_counts():
    assert {(s, c[:3], t) for s, c, t in events(RELEASED_GROUP)} == {("PSEREBHMS", "084", "ISRCVL")}


def test_a_counted_noun_of_no_pattern_codes_nothing():
    assert events(RELEASED_REPORT) == set()


GAVE_ULTIMATUM = (
    "Russia/Russia/PROPN/2/nsubj gave/give/VERB/0/root Ukraine/Ukraine/PROPN/2/obj an/a/DET/5/det "
    "ultimatum/ultimatum/NOUN/2/obj ././PUNCT/2/punct"
)


def test_a_second_object_takes_the_pattern_and_the_first_is_the_target():
    assert {(s, c[:2], t) for s, c, t in events(GAVE_ULTIMATUM)} == {("RUS", "13", "UKR")}


def test_without_the_counted_objects_step_a_quantity_object_is_its_own_word():
    assert events(RELEASED_GROUP, rules=CodingRules(counted_objects=False)) == set()


PROTESTS_ERUPTED = (
    "Protests/protest/NOUN/2/nsubj erupted/erupt/VERB/0/root in/in/ADP/4/case "
    "Ferguson/Ferguson/PROPN/2/obl ././PUNCT/2/punct"
)
RIOTS_BROKE_OUT = (
    "Riots/riot/NOUN/2/nsubj broke/break/VERB/0/root out/out/ADP/2/compound:prt in/in/ADP/5/case "
    "Paris/Paris/PROPN/2/obl ././PUNCT/2/punct"
)
PROTESTS_ENDED = (
    "Protests/protest/NOUN/2/nsubj ended/end/VERB/0/root in/in/ADP/4/case "
    "Ferguson/Ferguson/PROPN/2/obl ././PUNCT/2/punct"
)


def test_a_gathering_that_happened_is_an_event_of_the_people_in_it():
    assert events(PROTESTS_ERUPTED) == {("USAPRO", "141", None)}
    assert {(s, c[:2], t) for s, c, t in events(RIOTS_BROKE_OUT)} == {("FRAPRO", "14", None)}


def test_a_gathering_with_a_verb_that_is_no_happening_codes_nothing():
    assert events(PROTESTS_ENDED) == set()
    assert events(PROTESTS_ERUPTED, rules=CodingRules(happening_events=False)) == set()


READY_AS_EXPLETIVE = (
    "Eritrea/Eritrea/PROPN/2/nsubj said/say/VERB/0/root it/it/PRON/5/expl was/be/AUX/5/cop "
    "ready/ready/ADJ/2/ccomp to/to/PART/7/mark talk/talk/VERB/5/xcomp with/with/ADP/9/case "
    "Ethiopia/Ethiopia/PROPN/7/obl ././PUNCT/2/punct"
)
CLEAR_EXPLETIVE = (
    "It/it/PRON/3/expl was/be/AUX/3/cop clear/clear/ADJ/0/root that/that/SCONJ/6/mark "
    "Russia/Russia/PROPN/6/nsubj won/win/VERB/3/csubj ././PUNCT/3/punct"
)


def test_a_pronoun_read_as_expletive_of_an_adjective_with_a_to_clause_is_its_subject():
    forms = ["Eritrea", "said", "it", "was", "ready", "to", "talk"]
    upos = ["PROPN", "VERB", "PRON", "AUX", "ADJ", "PART", "VERB"]
    heads = [1, -1, 4, 4, 1, 6, 4]
    rels = ["nsubj", "root", "expl", "cop", "ccomp", "mark", "xcomp"]
    assert subject_read_as_expletive(forms, upos, heads, rels)
    assert rels[2] == "nsubj"
    assert {(s, c[:2]) for s, c, _ in events(READY_AS_EXPLETIVE)} == {("ERI", "03")}
    assert events(READY_AS_EXPLETIVE, rules=CodingRules(parse_repairs=False)) == set()


def test_a_true_expletive_stays():
    forms = ["It", "was", "clear", "that", "Russia", "won"]
    upos = ["PRON", "AUX", "ADJ", "SCONJ", "PROPN", "VERB"]
    heads = [2, 2, -1, 5, 5, 2]
    rels = ["expl", "cop", "root", "mark", "nsubj", "csubj"]
    assert not subject_read_as_expletive(forms, upos, heads, rels)
    assert rels[0] == "expl"


DENIED_SUPPORT = (
    "Pakistan/Pakistan/PROPN/2/nsubj denied/deny/VERB/0/root that/that/SCONJ/5/mark "
    "Islamabad/Islamabad/PROPN/5/nsubj supported/support/VERB/2/ccomp the/the/DET/7/det "
    "Taliban/Taliban/PROPN/5/obj ././PUNCT/2/punct"
)
SAID_SUPPORT = (
    "Pakistan/Pakistan/PROPN/2/nsubj said/say/VERB/0/root that/that/SCONJ/5/mark "
    "Islamabad/Islamabad/PROPN/5/nsubj supported/support/VERB/2/ccomp the/the/DET/7/det "
    "Taliban/Taliban/PROPN/5/obj ././PUNCT/2/punct"
)


def test_an_act_inside_a_denied_clause_codes_nothing():
    assert not any(c.startswith("05") for _, c, _ in events(DENIED_SUPPORT))
    assert any(c.startswith("05") for _, c, _ in events(SAID_SUPPORT))  # a reported act codes
    assert any(c.startswith("05") for _, c, _ in events(DENIED_SUPPORT, rules=CodingRules(disputed_clauses=False)))


UNTIL_AGREED = (
    "Hamas/Hamas/PROPN/4/nsubj would/would/AUX/4/aux not/not/PART/4/advmod release/release/VERB/0/root "
    "hostages/hostage/NOUN/4/obj until/until/SCONJ/8/mark Israel/Israel/PROPN/8/nsubj "
    "agreed/agree/VERB/4/advcl to/to/PART/10/mark withdraw/withdraw/VERB/8/xcomp from/from/ADP/12/case "
    "Gaza/Gaza/PROPN/10/obl ././PUNCT/4/punct"
)
AFTER_WITHDREW = (
    "Hamas/Hamas/PROPN/2/nsubj released/release/VERB/0/root hostages/hostage/NOUN/2/obj "
    "after/after/SCONJ/6/mark Israel/Israel/PROPN/6/nsubj agreed/agree/VERB/2/advcl to/to/PART/8/mark "
    "withdraw/withdraw/VERB/6/xcomp from/from/ADP/10/case Gaza/Gaza/PROPN/8/obl ././PUNCT/2/punct"
)


def test_a_time_clause_of_an_act_not_done_is_not_done_either():
    assert not any(s == "ISR" for s, _, _ in events(UNTIL_AGREED))
    assert any(s == "ISR" for s, _, _ in events(AFTER_WITHDREW))  # a done act's time clause codes


ORDERED_TO_LEAVE = (
    "Russia/Russia/PROPN/2/nsubj ordered/order/VERB/0/root ten/ten/NUM/5/nummod US/US/PROPN/5/compound "
    "diplomats/diplomat/NOUN/2/obj to/to/PART/7/mark leave/leave/VERB/2/xcomp the/the/DET/9/det "
    "country/country/NOUN/7/obj ././PUNCT/2/punct"
)
ORDERED_OWN_TO_LEAVE = (
    "Russia/Russia/PROPN/2/nsubj ordered/order/VERB/0/root Russian/Russian/ADJ/4/amod "
    "diplomats/diplomat/NOUN/2/obj to/to/PART/6/mark leave/leave/VERB/2/xcomp Kyiv/Kyiv/PROPN/6/obj "
    "././PUNCT/2/punct"
)


def test_a_foreign_actor_ordered_to_leave_is_expelled():
    assert events(ORDERED_TO_LEAVE) == {("RUS", "166", "USAGOV")}
    assert events(ORDERED_TO_LEAVE, rules=CodingRules(sub_codes=False)) == {("RUS", "100", "USAGOV")}


def test_an_actor_ordered_out_by_its_own_country_is_not_expelled():
    assert not any(c == "166" for _, c, _ in events(ORDERED_OWN_TO_LEAVE))


SHOT_HOPEFUL = (
    "Colombian/Colombian/PROPN/5/compound presidential/presidential/ADJ/3/amod hopeful/hopeful/ADJ/7/nsubj:pass "
    "Miguel/Miguel/PROPN/7/nsubj:pass Uribe/Uribe/PROPN/7/nsubj:pass was/be/AUX/7/aux:pass "
    "shot/shoot/VERB/0/root in/in/ADP/9/case Bogota/Bogota/PROPN/7/obl ././PUNCT/7/punct"
)


def test_of_several_subjects_read_for_one_name_the_actor_is_the_subject():
    assert {t[:3] for _, _, t in events(SHOT_HOPEFUL)} == {"COL"}
    assert events(SHOT_HOPEFUL, rules=CodingRules(parse_repairs=False)) == set()


FIGHTERS_TAGGED_VERB = (
    "Hamas/Hamas/PROPN/2/nsubj fighters/fighter/VERB/0/root fired/fire/VERB/2/amod "
    "rockets/rocket/NOUN/2/obj at/at/ADP/6/case Israel/Israel/PROPN/4/nmod ././PUNCT/2/punct"
)
HEADLINE_BASE_FORM = (
    "Gunmen/gunman/NOUN/4/compound abduct/abduct/NOUN/4/compound 80/80/NUM/2/flat "
    "students/student/NOUN/0/root in/in/ADP/6/case Nigeria/Nigeria/PROPN/4/nmod"
)


def test_a_root_tagged_verb_that_is_no_verb_form_gives_way_to_the_real_verb():
    assert {(s, c[:2], t) for s, c, t in events(FIGHTERS_TAGGED_VERB)} == {("PSEREBHMS", "19", "ISR")}
    assert events(FIGHTERS_TAGGED_VERB, rules=CodingRules(parse_repairs=False)) == set()


def test_a_headline_verb_in_the_present_read_as_a_noun_is_the_verb():
    assert {c[:2] for _, c, _ in events(HEADLINE_BASE_FORM)} == {"18"}


ATTACK_KILLED = (
    "The/the/DET/2/det attack/attack/NOUN/5/nsubj on/on/ADP/4/case Kyiv/Kyiv/PROPN/2/nmod "
    "killed/kill/VERB/0/root 10/10/NUM/7/nummod people/people/NOUN/5/obj ././PUNCT/5/punct"
)
ATTACK_DENOUNCED = (
    "The/the/DET/2/det attack/attack/NOUN/6/nsubj:pass on/on/ADP/4/case Kyiv/Kyiv/PROPN/2/nmod "
    "was/be/AUX/6/aux:pass denounced/denounce/VERB/0/root by/by/ADP/8/case Britain/Britain/PROPN/6/obl:agent "
    "././PUNCT/6/punct"
)


def test_an_attack_that_kills_with_nobody_named_is_of_an_unknown_attacker():
    assert {(s, c[:2]) for s, c, _ in events(ATTACK_KILLED)} == {("---", "19")}


def test_an_attack_is_no_actor_of_a_verb_that_is_no_violence():
    assert all(t != "---" for _, _, t in events(ATTACK_DENOUNCED))


USED_AS_BOMBERS = (
    "Boko/Boko/PROPN/3/nsubj Haram/Haram/PROPN/1/flat used/use/VERB/0/root young/young/ADJ/5/amod "
    "girls/girl/NOUN/3/obj as/as/ADP/8/case suicide/suicide/NOUN/8/compound bombers/bomber/NOUN/3/obl "
    "in/in/ADP/10/case Maiduguri/Maiduguri/PROPN/3/obl ././PUNCT/3/punct"
)


def test_a_pattern_object_may_sit_in_an_as_phrase():
    assert {c for _, c, _ in events(USED_AS_BOMBERS)} == {"1831"}


CAPTURED_GOMA = (
    "Rebels/rebel/NOUN/2/nsubj captured/capture/VERB/0/root Goma/Goma/PROPN/2/obj "
    "in/in/ADP/5/case January/January/PROPN/2/obl ././PUNCT/2/punct"
)
CAPTURED_ATTENTION = (
    "Rwanda/Rwanda/PROPN/2/nsubj captured/capture/VERB/0/root the/the/DET/4/det "
    "attention/attention/NOUN/2/obj ././PUNCT/2/punct"
)


def test_a_named_place_as_object_matches_the_place_pattern_and_stays_the_target():
    assert {(c, t) for _, c, t in events(CAPTURED_GOMA)} == {("192", "COD")}
    assert not any(c == "192" for _, c, _ in events(CAPTURED_ATTENTION))


TRIED_TO_ASSASSINATE = (
    "Rebels/rebel/NOUN/2/nsubj tried/try/VERB/0/root to/to/PART/4/mark assassinate/assassinate/VERB/2/xcomp "
    "the/the/DET/6/det president/president/NOUN/4/obj of/of/ADP/8/case Colombia/Colombia/PROPN/6/nmod "
    "././PUNCT/2/punct"
)
TRIED_TO_SHELL = (
    "Russia/Russia/PROPN/2/nsubj tried/try/VERB/0/root to/to/PART/4/mark shell/shell/VERB/2/xcomp "
    "Kyiv/Kyiv/PROPN/4/obj ././PUNCT/2/punct"
)


def test_an_attempted_killing_is_an_attempted_assassination():
    assert {c for _, c, _ in events(TRIED_TO_ASSASSINATE)} == {"185"}
    assert events(TRIED_TO_SHELL) == set()  # other attempts stay hypothetical


VIOLATED_CEASEFIRE = (
    "Pakistani/Pakistani/ADJ/2/amod troops/troop/NOUN/3/nsubj violated/violate/VERB/0/root "
    "the/the/DET/5/det ceasefire/ceasefire/NOUN/3/obj ././PUNCT/3/punct"
)


def test_a_listed_three_digit_code_is_kept_without_a_target():
    assert events(VIOLATED_CEASEFIRE) == {("PAKMIL", "196", None)}
    assert events(VIOLATED_CEASEFIRE, rules=CodingRules(targetless_roots=("19",))) == {("PAKMIL", "196", None)}
    assert events(VIOLATED_CEASEFIRE, rules=CodingRules(targetless_roots=("01",))) == set()


MILITANTS_BOMBED = (
    "Militants/militant/NOUN/2/nsubj bombed/bomb/VERB/0/root a/a/DET/4/det market/market/NOUN/2/obj "
    "in/in/ADP/6/case Peshawar/Peshawar/PROPN/2/obl ././PUNCT/2/punct"
)


def test_militants_who_bomb_carry_out_a_bombing_not_an_air_strike():
    assert {c for _, c, _ in events(MILITANTS_BOMBED)} == {"183"}
    assert {c for _, c, _ in events(MILITANTS_BOMBED, rules=CodingRules(sector_codes=False))} == {"195"}


GROUP_IN_MODIFIERS = (
    "Israeli/Israeli/ADJ/4/amod and/and/CCONJ/3/cc Hamas/Hamas/PROPN/1/conj forces/force/NOUN/5/nsubj "
    "exchanged/exchange/VERB/0/root fire/fire/NOUN/5/obj ././PUNCT/5/punct"
)


def test_a_group_coordinated_with_a_demonym_modifier_keeps_its_own_code():
    assert events(GROUP_IN_MODIFIERS) == {("ISRMIL", "193", "PSEREBHMS"), ("PSEREBHMS", "193", "ISRMIL")}


PRICE_RALLY = (
    "The/the/DET/2/det rally/rally/NOUN/5/nsubj in/in/ADP/4/case prices/price/NOUN/2/nmod "
    "continued/continue/VERB/0/root in/in/ADP/7/case Tokyo/Tokyo/PROPN/5/obl ././PUNCT/5/punct"
)


def test_a_rally_of_prices_is_no_gathering():
    assert events(PRICE_RALLY) == set()


ALLEGED_SUPPLY = (
    "Washington/Washington/PROPN/2/nsubj alleged/allege/VERB/0/root that/that/SCONJ/6/mark "
    "Iran/Iran/PROPN/6/nsubj had/have/AUX/6/aux supplied/supply/VERB/2/ccomp drones/drone/NOUN/6/obj "
    "to/to/ADP/9/case Russia/Russia/PROPN/6/obl ././PUNCT/2/punct"
)


def test_an_allegation_targets_the_subject_of_the_alleged_clause_which_codes_nothing():
    assert events(ALLEGED_SUPPLY) == {("USA", "112", "IRN")}


POLICE_ON_ALERT = (
    "French/French/ADJ/2/amod police/police/NOUN/4/nsubj:pass were/be/AUX/4/aux:pass put/put/VERB/0/root "
    "on/on/ADP/7/case high/high/ADJ/7/amod alert/alert/NOUN/4/obl ././PUNCT/4/punct"
)


def test_forces_put_on_alert_with_no_agent_are_the_postures_source():
    assert {(s, c[:2], t) for s, c, t in events(POLICE_ON_ALERT)} == {("FRACOP", "15", None)}
    assert events(POLICE_ON_ALERT, rules=CodingRules(unnamed_agents=False)) == set()


IN_DEFIANCE = (
    "Iran/Iran/PROPN/2/nsubj held/hold/VERB/0/root a/a/DET/4/det parade/parade/NOUN/2/obj "
    "in/in/ADP/6/case defiance/defiance/NOUN/2/obl of/of/ADP/8/case Washington/Washington/PROPN/6/nmod "
    "././PUNCT/2/punct"
)


def test_an_event_noun_in_an_in_phrase_of_a_verb_is_its_subjects():
    assert ("IRN", "128", "USA") in events(IN_DEFIANCE)


HELD_RESPONSIBLE = (
    "Britain/Britain/PROPN/2/nsubj held/hold/VERB/0/root Russia/Russia/PROPN/2/obj "
    "responsible/responsible/ADJ/2/xcomp ././PUNCT/2/punct"
)
FOUND_NOT_GUILTY = (
    "The/the/DET/2/det court/court/NOUN/3/nsubj found/find/VERB/0/root him/he/PRON/3/obj "
    "not/not/PART/6/advmod guilty/guilty/ADJ/3/xcomp ././PUNCT/3/punct"
)


def test_an_object_complement_matches_the_pattern_and_the_object_is_the_target():
    assert events(HELD_RESPONSIBLE) == {("GBR", "112", "RUS")}
    assert events(FOUND_NOT_GUILTY) == set()  # a negated complement is no finding


def test_a_headline_present_tense_read_as_a_noun_becomes_the_main_verb():
    from geoevent.repair import headline_verb_read_as_noun

    forms = ["Germany", "slams", "Turkey", "over", "arrests"]
    upos = ["PROPN", "PROPN", "PROPN", "ADP", "NOUN"]
    heads = [1, 2, -1, 4, 2]
    rels = ["compound", "nsubj", "root", "case", "obl"]
    lemmas = ["Germany", "slams", "Turkey", "over", "arrest"]
    assert headline_verb_read_as_noun(forms, upos, heads, rels, lemmas)
    assert (upos[1], heads[1], lemmas[1]) == ("VERB", -1, "slam")
    assert (heads[0], rels[0], heads[2], rels[2]) == (1, "nsubj", 1, "obj")


def test_a_sentence_with_a_finite_verb_is_no_headline_to_repair():
    from geoevent.repair import headline_verb_read_as_noun

    forms = ["Germany", "criticised", "Turkey", "over", "arrests"]
    upos = ["PROPN", "VERB", "PROPN", "ADP", "NOUN"]
    heads = [1, -1, 1, 4, 1]
    rels = ["nsubj", "root", "obj", "case", "obl"]
    assert not headline_verb_read_as_noun(forms, upos, heads, rels, list(forms))


MIDFIELDER_SIGNED = (
    "The/the/DET/3/det Brazilian/Brazilian/ADJ/3/amod midfielder/midfielder/NOUN/4/nsubj "
    "signed/sign/VERB/0/root with/with/ADP/8/case the/the/DET/8/det Spanish/Spanish/ADJ/8/amod "
    "club/club/NOUN/4/obl ././PUNCT/4/punct"
)


def test_a_nationality_word_does_not_make_a_sport_or_culture_word_an_actor():
    assert events(MIDFIELDER_SIGNED) == set()


JOINT_DRILLS_IN_PLACE = (
    "India/India/PROPN/4/nsubj and/and/CCONJ/3/cc Japan/Japan/PROPN/1/conj held/hold/VERB/0/root "
    "joint/joint/ADJ/6/amod exercises/exercise/NOUN/4/obj in/in/ADP/8/case Delhi/Delhi/PROPN/4/obl "
    "././PUNCT/4/punct"
)


def test_partners_in_a_joint_act_take_each_other_as_target_not_the_place():
    assert {(s, t) for s, c, t in events(JOINT_DRILLS_IN_PLACE)} == {("IND", "JPN"), ("JPN", "IND")}
    assert {(s, t) for s, c, t in events(JOINT_DRILLS_IN_PLACE, rules=CodingRules(deep_target=False))} != {
        ("IND", "JPN"),
        ("JPN", "IND"),
    }
