"""The extract rules on hand-parsed sentences (no parser involved)."""

from __future__ import annotations

import attrs
import pandas as pd
import pytest

from geoevent.coder import code_tokens
from geoevent.rules import CodingRules
from tests.helpers import sentence

D = "2024-11-17"

SENTENCES = {
    "authorize": "Biden/Biden/PROPN/2/nsubj authorized/authorize/VERB/0/root Ukraine/Ukraine/PROPN/2/obj "
    "to/to/PART/5/mark strike/strike/VERB/2/xcomp Russia/Russia/PROPN/5/obj ././PUNCT/2/punct",
    "passive": "Ukraine/Ukraine/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass struck/strike/VERB/0/root by/by/ADP/6/case "
    "Russian/Russian/ADJ/6/amod missiles/missile/NOUN/3/obl:agent ././PUNCT/3/punct",
    "passive_no_agent": "Ukraine/Ukraine/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass struck/strike/VERB/0/root "
    "overnight/overnight/ADV/3/advmod ././PUNCT/3/punct",
    "compound_source": "South/South/PROPN/2/compound Korea/Korea/PROPN/5/nsubj and/and/CCONJ/4/cc Japan/Japan/PROPN/2/conj "
    "condemned/condemn/VERB/0/root North/North/PROPN/7/compound Korea/Korea/PROPN/5/obj ././PUNCT/5/punct",
    "negated": "Russia/Russia/PROPN/4/nsubj did/do/AUX/4/aux not/not/PART/4/advmod condemn/condemn/VERB/0/root "
    "Iran/Iran/PROPN/4/obj ././PUNCT/4/punct",
    "will_supply": "Russia/Russia/PROPN/3/nsubj will/will/AUX/3/aux supply/supply/VERB/0/root Iran/Iran/PROPN/3/obj "
    "with/with/ADP/6/case drones/drone/NOUN/3/obl ././PUNCT/3/punct",
    "tone": "Zelenskyy/Zelenskyy/PROPN/2/nsubj struck/strike/VERB/0/root a/a/DET/5/det measured/measured/ADJ/5/amod "
    "tone/tone/NOUN/2/obj ././PUNCT/2/punct",
    "assault_on": "Russia/Russia/PROPN/2/nsubj launched/launch/VERB/0/root an/a/DET/4/det assault/assault/NOUN/2/obj "
    "on/on/ADP/6/case Ukraine/Ukraine/PROPN/4/nmod ././PUNCT/2/punct",
    "reported": "Officials/official/NOUN/2/nsubj said/say/VERB/0/root Russia/Russia/PROPN/4/nsubj "
    "attacked/attack/VERB/2/ccomp Ukraine/Ukraine/PROPN/4/obj ././PUNCT/2/punct",
    "cities": "Russia/Russia/PROPN/2/nsubj struck/strike/VERB/0/root Sumy/Sumy/PROPN/2/obj and/and/CCONJ/5/cc "
    "Kherson/Kherson/PROPN/3/conj ././PUNCT/2/punct",
    "possessives": "Russia/Russia/PROPN/3/nmod:poss 's/'s/PART/1/case strikes/strike/NOUN/4/nsubj hit/hit/VERB/0/root "
    "Ukraine/Ukraine/PROPN/8/nmod:poss 's/'s/PART/5/case energy/energy/NOUN/8/compound grid/grid/NOUN/4/obj ././PUNCT/4/punct",
    "deploy": "North/North/PROPN/2/compound Korea/Korea/PROPN/3/nsubj deployed/deploy/VERB/0/root troops/troop/NOUN/3/obj "
    "to/to/PART/6/mark aid/aid/VERB/3/advcl Russia/Russia/PROPN/6/obj ././PUNCT/3/punct",
    "talks": "Russia/Russia/PROPN/2/nsubj held/hold/VERB/0/root talks/talk/NOUN/2/obj with/with/ADP/5/case "
    "Japan/Japan/PROPN/2/obl ././PUNCT/2/punct",
    "urge": "Russia/Russia/PROPN/2/nsubj urged/urge/VERB/0/root Iran/Iran/PROPN/2/obj to/to/PART/5/mark "
    "attack/attack/VERB/2/xcomp Japan/Japan/PROPN/5/obj ././PUNCT/2/punct",
    "particle": "Russia/Russia/PROPN/2/nsubj shot/shoot/VERB/0/root down/down/ADP/2/compound:prt "
    "Ukraine/Ukraine/PROPN/6/nmod:poss 's/'s/PART/4/case drone/drone/NOUN/2/obj ././PUNCT/2/punct",
    "agent": "Russian/Russian/ADJ/2/amod troops/troop/NOUN/3/nsubj attacked/attack/VERB/0/root Ukraine/Ukraine/PROPN/3/obj "
    "././PUNCT/3/punct",
    "official": "A/a/DET/3/det U.S./U.S./PROPN/3/compound official/official/NOUN/4/nsubj condemned/condemn/VERB/0/root "
    "Russia/Russia/PROPN/4/obj ././PUNCT/4/punct",
    "biden": "Biden/Biden/PROPN/2/nsubj condemned/condemn/VERB/0/root Russia/Russia/PROPN/2/obj ././PUNCT/2/punct",
    "could": "Russia/Russia/PROPN/3/nsubj could/could/AUX/3/aux attack/attack/VERB/0/root Japan/Japan/PROPN/3/obj "
    "././PUNCT/3/punct",
    "prefix_agent": "MSF/MSF/PROPN/2/flat Russia/Russia/PROPN/3/nsubj condemned/condemn/VERB/0/root Japan/Japan/PROPN/3/obj "
    "././PUNCT/3/punct",
    "prefix_agent_mod": "An/a/DET/4/det MSF/MSF/PROPN/3/compound Russia/Russia/PROPN/4/compound "
    "officials/official/NOUN/5/nsubj condemned/condemn/VERB/0/root Japan/Japan/PROPN/5/obj ././PUNCT/5/punct",
    "memos_on": "Russia/Russia/PROPN/2/nsubj welcomed/welcome/VERB/0/root memos/memo/NOUN/2/obj on/on/ADP/6/case "
    "economic/economic/ADJ/6/amod issues/issue/NOUN/3/nmod from/from/ADP/8/case Japan/Japan/PROPN/3/nmod ././PUNCT/2/punct",
    "memos_sent": "Russia/Russia/PROPN/2/nsubj welcomed/welcome/VERB/0/root memos/memo/NOUN/2/obj on/on/ADP/5/case "
    "issues/issue/NOUN/3/nmod sent/send/VERB/5/acl from/from/ADP/8/case Japan/Japan/PROPN/6/obl ././PUNCT/2/punct",
    "gold_florin": "Russia/Russia/PROPN/2/nsubj contributed/contribute/VERB/0/root gold/gold/NOUN/4/compound "
    "florin/florin/NOUN/2/obj to/to/ADP/6/case Japan/Japan/PROPN/2/obl ././PUNCT/2/punct",
    "cordon_off": "Russia/Russia/PROPN/2/nsubj cordoned/cordon/VERB/0/root off/off/ADP/5/case the/the/DET/5/det "
    "roads/road/NOUN/2/obl to/to/ADP/7/case Japan/Japan/PROPN/5/nmod ././PUNCT/2/punct",
    "cordon_roads_off": "Russia/Russia/PROPN/2/nsubj cordoned/cordon/VERB/0/root roads/road/NOUN/2/obj "
    "off/off/ADP/5/case Japan/Japan/PROPN/2/obl ././PUNCT/2/punct",
    "warn_about": "Russia/Russia/PROPN/2/nsubj warned/warn/VERB/0/root Japan/Japan/PROPN/2/obj about/about/ADP/5/case "
    "Iran/Iran/PROPN/3/nmod ././PUNCT/2/punct",
    "close_border": "Russia/Russia/PROPN/2/nsubj marched/march/VERB/0/root close/close/ADJ/2/obj to/to/ADP/6/case "
    "the/the/DET/6/det border/border/NOUN/3/obl with/with/ADP/8/case Japan/Japan/PROPN/6/nmod ././PUNCT/2/punct",
    "stacked_agents": "The/the/DET/4/det Russian/Russian/ADJ/3/amod Islamist/Islamist/PROPN/4/compound "
    "media/media/NOUN/7/nsubj and/and/CCONJ/6/cc government/government/NOUN/4/conj condemned/condemn/VERB/0/root "
    "Japan/Japan/PROPN/7/obj ././PUNCT/7/punct",
    "neither_nor": "Neither/neither/CCONJ/5/cc Russia/Russia/PROPN/5/nsubj nor/nor/CCONJ/4/cc Japan/Japan/PROPN/2/conj "
    "boycotted/boycott/VERB/0/root the/the/DET/7/det parade/parade/NOUN/5/obj supporting/support/VERB/7/acl "
    "Iran/Iran/PROPN/8/obj ././PUNCT/5/punct",
    "vow_war": "Russia/Russia/PROPN/2/nsubj vowed/vow/VERB/0/root to/to/PART/4/mark wage/wage/VERB/2/xcomp "
    "war/war/NOUN/4/obj on/on/ADP/7/case Japan/Japan/PROPN/4/obl ././PUNCT/2/punct",
    "wire_tap": "Russia/Russia/PROPN/2/nsubj wired/wire/VERB/0/root tap/tap/NOUN/2/obj the/the/DET/5/det links/link/NOUN/2/obj "
    "leading/lead/VERB/5/acl into/into/ADP/8/case Japan/Japan/PROPN/6/obl ././PUNCT/2/punct",
    "tried": "Russia/Russia/PROPN/2/nsubj tried/try/VERB/0/root to/to/PART/4/mark attack/attack/VERB/2/xcomp "
    "Japan/Japan/PROPN/4/obj ././PUNCT/2/punct",
    "passive_over": "Japan/Japan/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass condemned/condemn/VERB/0/root over/over/ADP/6/case "
    "its/its/PRON/6/nmod:poss dispute/dispute/NOUN/3/obl with/with/ADP/8/case Russia/Russia/PROPN/6/nmod ././PUNCT/3/punct",
    "passive_in": "Ukraine/Ukraine/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass condemned/condemn/VERB/0/root in/in/ADP/5/case "
    "Russia/Russia/PROPN/3/obl ././PUNCT/3/punct",
    "reciprocal": "Russia/Russia/PROPN/4/nsubj and/and/CCONJ/3/cc Japan/Japan/PROPN/1/conj held/hold/VERB/0/root "
    "talks/talk/NOUN/4/obj ././PUNCT/4/punct",
    "shared_agent": "Russian/Russian/ADJ/2/amod troops/troop/NOUN/5/nsubj and/and/CCONJ/4/cc officials/official/NOUN/2/conj "
    "condemned/condemn/VERB/0/root Japan/Japan/PROPN/5/obj ././PUNCT/5/punct",
    "nested_target": "Russia/Russia/PROPN/2/nsubj condemned/condemn/VERB/0/root the/the/DET/4/det attack/attack/NOUN/2/obj "
    "on/on/ADP/6/case Ukraine/Ukraine/PROPN/4/nmod ././PUNCT/2/punct",
    "title": "Minister/minister/NOUN/2/compound Telemar/Telemar/PROPN/3/nsubj condemned/condemn/VERB/0/root "
    "Japan/Japan/PROPN/3/obj ././PUNCT/3/punct",
    "attack_by_in": "Russia/Russia/PROPN/2/nsubj condemned/condemn/VERB/0/root an/a/DET/4/det attack/attack/NOUN/2/obj "
    "by/by/ADP/7/case Iranian/Iranian/ADJ/7/amod troops/troop/NOUN/4/nmod in/in/ADP/9/case Japan/Japan/PROPN/2/obl "
    "././PUNCT/2/punct",
    "shelled_in": "Russia/Russia/PROPN/2/nsubj attacked/attack/VERB/0/root positions/position/NOUN/2/obj "
    "in/in/ADP/5/case Ukraine/Ukraine/PROPN/2/obl ././PUNCT/2/punct",
    "inside_obl": "Russia/Russia/PROPN/2/nsubj supplied/supply/VERB/0/root money/money/NOUN/2/obj in/in/ADP/5/case "
    "aid/aid/NOUN/2/obl to/to/ADP/7/case Iran/Iran/PROPN/5/nmod ././PUNCT/2/punct",
    "modifier_conj": "Russian/Russian/ADJ/4/amod and/and/CCONJ/3/cc Iranian/Iranian/ADJ/1/conj troops/troop/NOUN/5/nsubj "
    "attacked/attack/VERB/0/root Ukraine/Ukraine/PROPN/5/obj ././PUNCT/5/punct",
    "said_it": "Russia/Russia/PROPN/2/nsubj said/say/VERB/0/root it/it/PRON/4/nsubj attacked/attack/VERB/2/ccomp "
    "Ukraine/Ukraine/PROPN/4/obj ././PUNCT/2/punct",
    "said_would": "Iran/Iran/PROPN/2/nsubj said/say/VERB/0/root it/it/PRON/5/nsubj would/would/AUX/5/aux "
    "attack/attack/VERB/2/ccomp Japan/Japan/PROPN/5/obj ././PUNCT/2/punct",
    "warned_that": "Japan/Japan/PROPN/2/nsubj warned/warn/VERB/0/root that/that/SCONJ/7/mark Russia/Russia/PROPN/7/nsubj "
    "is/be/AUX/7/cop a/a/DET/7/det threat/threat/NOUN/2/ccomp ././PUNCT/2/punct",
    "warned_attack": "Japan/Japan/PROPN/2/nsubj warned/warn/VERB/0/root that/that/SCONJ/5/mark Russia/Russia/PROPN/5/nsubj "
    "attacked/attack/VERB/2/ccomp Ukraine/Ukraine/PROPN/5/obj ././PUNCT/2/punct",
    "appos_list": "Russia/Russia/PROPN/6/nsubj ,/,/PUNCT/3/punct Japan/Japan/PROPN/1/appos and/and/CCONJ/5/cc "
    "Iran/Iran/PROPN/3/conj condemned/condemn/VERB/0/root Ukraine/Ukraine/PROPN/6/obj ././PUNCT/6/punct",
    "warned_embargo": "Japan/Japan/PROPN/2/nsubj warned/warn/VERB/0/root that/that/SCONJ/9/mark an/a/DET/5/det "
    "embargo/embargo/NOUN/9/nsubj on/on/ADP/7/case Russia/Russia/PROPN/5/nmod would/would/AUX/9/aux "
    "fail/fail/VERB/2/ccomp ././PUNCT/2/punct",
    "seen_to": "Russia/Russia/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass seen/see/VERB/0/root to/to/PART/5/mark "
    "attack/attack/VERB/3/xcomp Japan/Japan/PROPN/5/obj ././PUNCT/3/punct",
    "sent_by": "Russia/Russia/PROPN/2/nsubj condemned/condemn/VERB/0/root convoys/convoy/NOUN/2/obj sent/send/VERB/3/acl "
    "by/by/ADP/6/case Iran/Iran/PROPN/4/obl:agent ././PUNCT/2/punct",
    "assault_against": "Russia/Russia/PROPN/2/nsubj launched/launch/VERB/0/root an/a/DET/4/det assault/assault/NOUN/2/obj "
    "against/against/ADP/6/case Japan/Japan/PROPN/4/nmod ././PUNCT/2/punct",
    "ministry_of": "The/the/DET/3/det Russian/Russian/ADJ/3/amod ministry/ministry/NOUN/6/nsubj of/of/ADP/5/case "
    "defence/defence/NOUN/3/nmod condemned/condemn/VERB/0/root Japan/Japan/PROPN/6/obj ././PUNCT/6/punct",
    "improved": "Russia/Russia/PROPN/2/nsubj abandoned/abandon/VERB/0/root improved/improve/VERB/4/amod "
    "relations/relation/NOUN/2/obj with/with/ADP/6/case Japan/Japan/PROPN/4/nmod ././PUNCT/2/punct",
    "title_poss": "Russia/Russia/PROPN/4/nmod:poss 's/'s/PART/1/case Minister/minister/NOUN/4/compound "
    "Volkov/Volkov/PROPN/5/nsubj condemned/condemn/VERB/0/root Japan/Japan/PROPN/5/obj ././PUNCT/5/punct",
    "title_chain": "Russia/Russia/PROPN/2/compound Minister/minister/NOUN/3/compound Volkov/Volkov/PROPN/4/nsubj "
    "condemned/condemn/VERB/0/root Japan/Japan/PROPN/4/obj ././PUNCT/4/punct",
    "appos_beside_conj": "Russia/Russia/PROPN/7/nsubj ,/,/PUNCT/3/punct Japan/Japan/PROPN/1/appos ,/,/PUNCT/6/punct "
    "and/and/CCONJ/6/cc Iran/Iran/PROPN/1/conj condemned/condemn/VERB/0/root Ukraine/Ukraine/PROPN/7/obj ././PUNCT/7/punct",
    "european": "European/European/ADJ/2/amod officials/official/NOUN/3/nsubj condemned/condemn/VERB/0/root "
    "Russia/Russia/PROPN/3/obj ././PUNCT/3/punct",
    "officials_and_group": "Officials/official/NOUN/6/nsubj of/of/ADP/3/case Russia/Russia/PROPN/1/nmod and/and/CCONJ/5/cc "
    "Hamas/Hamas/PROPN/3/conj condemned/condemn/VERB/0/root Japan/Japan/PROPN/6/obj ././PUNCT/6/punct",
    "hyphen_split": "Guinea/Guinea/PROPN/3/compound -/-/PUNCT/3/punct Bissau/Bissau/PROPN/4/nsubj "
    "condemned/condemn/VERB/0/root Russia/Russia/PROPN/4/obj ././PUNCT/4/punct",
    "hyphen_whole": "Guinea-Bissau/Guinea-Bissau/PROPN/2/nsubj condemned/condemn/VERB/0/root Russia/Russia/PROPN/2/obj "
    "././PUNCT/2/punct",
    "said_could": "Iran/Iran/PROPN/2/nsubj said/say/VERB/0/root it/it/PRON/5/nsubj could/could/AUX/5/aux "
    "attack/attack/VERB/2/ccomp Japan/Japan/PROPN/5/obj ././PUNCT/2/punct",
}


def plus(dicts, table: str, *rows: tuple, columns: list[str] | None = None):
    """``dicts`` with ``rows`` appended to one of its tables (columns: the table's, by default)."""
    frame = getattr(dicts, table)
    extra = pd.DataFrame(list(rows), columns=columns or list(frame.columns))
    return attrs.evolve(dicts, **{table: pd.concat([frame, extra], ignore_index=True)})


def triples(name: str, dicts, *, date: str | None = D, **kw) -> set[tuple]:
    tokens = sentence(SENTENCES[name], doc_id=name)
    ev = code_tokens(tokens, dictionaries=dicts, dates={name: date}, rules=CodingRules(**kw))
    return {(r.source_code, r.event_code, r.target_code) for r in ev.itertuples()}


def test_control_verb_codes_the_permission_not_the_permitted_act(small_dicts):
    assert triples("authorize", small_dicts) == {("USAGOV", "081", "UKR")}


def test_urge_codes_the_appeal_not_the_urged_act(small_dicts):
    assert triples("urge", small_dicts) == {("RUS", "020", "IRN")}


def test_passive_with_agent_swaps_roles(small_dicts):
    assert triples("passive", small_dicts) == {("RUS", "195", "UKR")}


def test_passive_without_agent_has_no_source_without_the_unnamed_agents_step(small_dicts):
    assert triples("passive_no_agent", small_dicts, unnamed_agents=False) == set()


def test_passive_act_of_violence_without_agent_has_an_unnamed_source(small_dicts):
    assert triples("passive_no_agent", small_dicts) == {("---", "195", "UKR")}


def test_compound_source_gives_one_event_each(small_dicts):
    assert triples("compound_source", small_dicts) == {("KOR", "111", "PRK"), ("JPN", "111", "PRK")}


def test_negation_codes_nothing(small_dicts):
    assert triples("negated", small_dicts) == set()


def test_hypothetical_modal_codes_nothing(small_dicts):
    assert triples("could", small_dicts) == set()


def test_will_codes_intent_not_the_act(small_dicts):
    assert triples("will_supply", small_dicts) == {("RUS", "033", "IRN")}


def test_struck_a_tone_is_not_a_strike_even_without_targets(small_dicts):
    assert triples("tone", small_dicts, require_target=False) == set()


def test_object_pattern_with_prepositional_target(small_dicts):
    assert triples("assault_on", small_dicts) == {("RUS", "190", "UKR")}


def test_reported_speech_codes_the_reported_act(small_dicts):
    assert triples("reported", small_dicts) == {("RUS", "190", "UKR")}


def test_cities_resolve_to_their_country_once(small_dicts):
    assert triples("cities", small_dicts) == {("RUS", "195", "UKR")}


def test_possessives_name_the_actors(small_dicts):
    assert triples("possessives", small_dicts) == {("RUS", "190", "UKR")}


def test_purpose_clause_gives_the_target(small_dicts):
    assert triples("deploy", small_dicts) == {("PRK", "154", "RUS")}


def test_hold_talks_with(small_dicts):
    assert triples("talks", small_dicts) == {("RUS", "040", "JPN")}


def test_particle_pattern_and_verb_text(small_dicts):
    tokens = sentence(SENTENCES["particle"], doc_id="p")
    ev = code_tokens(tokens, dictionaries=small_dicts, dates={"p": D})
    assert list(ev["event_code"]) == ["190"]
    assert ev["verb_text"].iloc[0] == "shot down"
    assert ev["target_code"].iloc[0] == "UKR"


def test_agent_words_attach_to_the_country(small_dicts):
    assert triples("agent", small_dicts) == {("RUSMIL", "190", "UKR")}
    assert triples("official", small_dicts) == {("USAGOV", "111", "RUS")}


@pytest.mark.parametrize(
    ("date", "code"), [("2024-11-17", "USAGOV"), ("2025-01-19", "USAGOV"), ("2025-01-20", "USAELI")]
)
def test_the_event_date_picks_the_role(small_dicts, date, code):
    assert triples("biden", small_dicts, date=date) == {(code, "111", "RUS")}


def test_evidence_spans_point_at_the_words(small_dicts):
    tokens = sentence(SENTENCES["agent"], doc_id="e")
    ev = code_tokens(tokens, dictionaries=small_dicts, dates={"e": D})
    row = ev.iloc[0]
    text = row["sentence_text"]
    assert text.startswith("Russian troops attacked")
    assert text[row["source_start"] : row["source_end"]] == "Russian troops"
    assert text[row["verb_start"] : row["verb_end"]] == "attacked"
    assert text[row["target_start"] : row["target_end"]] == "Ukraine"
    assert row["pattern_id"] == "v:7"
    assert row["source_entry_id"] == "t:2"
    assert row["label"] and row["quad_class"] == 4


def test_many_sentences_in_small_chunks_match_one_chunk(small_dicts):
    parts = [sentence(spec, doc_id=name) for name, spec in SENTENCES.items()]
    tokens = pd.concat(parts, ignore_index=True)
    dates = dict.fromkeys(SENTENCES, D)
    whole = code_tokens(tokens, dictionaries=small_dicts, dates=dates)
    chunked = code_tokens(tokens, dictionaries=small_dicts, dates=dates, chunk_sentences=3)
    pd.testing.assert_frame_equal(whole, chunked)
    assert len(whole) >= 15
    assert whole["event_id"].is_unique


def test_coordinated_sources_without_target_act_on_each_other(small_dicts):
    assert triples("reciprocal", small_dicts) == {("RUS", "040", "JPN"), ("JPN", "040", "RUS")}


def test_coordinated_agent_words_share_the_country(small_dicts):
    assert triples("shared_agent", small_dicts) == {("RUSMIL", "111", "JPN"), ("RUSGOV", "111", "JPN")}


def test_target_named_inside_the_object(small_dicts):
    assert triples("nested_target", small_dicts) == {("RUS", "111", "UKR")}


def test_intent_can_be_switched_off_for_petrarch_conventions(small_dicts):
    assert triples("will_supply", small_dicts, intent=False) == {("RUS", "070", "IRN")}


def test_story_level_deduplication_keeps_the_first_and_counts(small_dicts):
    from geoevent.coder import deduplicate_story

    tokens = pd.concat(
        [
            sentence(SENTENCES["reported"], doc_id="s", sent_idx=0),
            sentence(SENTENCES["assault_on"], doc_id="s", sent_idx=1),
            sentence(SENTENCES["agent"], doc_id="s", sent_idx=2),
        ],
        ignore_index=True,
    )
    ev = code_tokens(tokens, dictionaries=small_dicts, dates={"s": D})
    assert len(ev) == 3  # RUS 190 UKR twice, RUSMIL 190 UKR once
    story = deduplicate_story(ev)
    assert sorted(zip(story["source_code"], story["mentions"])) == [("RUS", 2), ("RUSMIL", 1)]
    assert story.loc[story["source_code"] == "RUS", "sentence_idx"].item() == 0


def test_title_adds_the_agent_to_a_country_level_name(small_dicts):
    assert triples("title", small_dicts) == {("RUSGOV", "111", "JPN")}


def test_actor_inside_the_object_beats_a_place(small_dicts):
    # "Iranian troops" (not a name, an agent with a country modifier) is the target, not Japan (a place)
    assert triples("attack_by_in", small_dicts) == {("RUS", "111", "IRNMIL")}


def test_a_place_is_the_target_when_nothing_else_is(small_dicts):
    assert triples("shelled_in", small_dicts) == {("RUS", "190", "UKR")}


def test_target_named_inside_an_oblique(small_dicts):
    assert triples("inside_obl", small_dicts) == {("RUS", "070", "IRN")}


def test_object_inside_a_prepositional_phrase(small_dicts):
    """PETRARCH's "- * (ON RESOLUTION) [057]": the object is named inside a prepositional phrase."""
    import attrs

    extra = pd.DataFrame(
        {
            "entry_id": ["x:1", "x:2"],
            "verb": ["act", "act"],
            "particle": ["", ""],
            "object": ["", "resolution"],
            "prep": ["", ""],
            "code": ["100", "057"],
            "label": ["", ""],
            "object_prep": ["", "on"],
        }
    )
    verbs = pd.concat([small_dicts.verbs.assign(object_prep=""), extra], ignore_index=True)
    d = attrs.evolve(small_dicts, verbs=verbs)
    on = (
        "Russia/Russia/PROPN/2/nsubj acted/act/VERB/0/root on/on/ADP/5/case a/a/DET/5/det "
        "resolution/resolution/NOUN/2/obl with/with/ADP/7/case Iran/Iran/PROPN/5/nmod ././PUNCT/2/punct"
    )
    at = (
        "Russia/Russia/PROPN/2/nsubj acted/act/VERB/0/root at/at/ADP/5/case a/a/DET/5/det "
        "resolution/resolution/NOUN/2/obl with/with/ADP/7/case Iran/Iran/PROPN/5/nmod ././PUNCT/2/punct"
    )
    for name, spec, code in (("on", on, "057"), ("at", at, "100")):
        ev = code_tokens(sentence(spec, doc_id=name), dictionaries=d, dates={name: D})
        assert {(r.source_code, r.event_code, r.target_code) for r in ev.itertuples()} == {("RUS", code, "IRN")}


def test_coordinated_modifiers_name_one_actor_each(small_dicts):
    assert triples("modifier_conj", small_dicts) == {("RUSMIL", "190", "UKR"), ("IRNMIL", "190", "UKR")}


def test_word_before_the_verb(small_dicts):
    """PETRARCH's "WIRE_+TAP" and "- TANKS *": a word before the verb that depends on it, not an adverb."""
    import attrs

    extra = pd.DataFrame(
        {
            "entry_id": ["x:1", "x:2", "x:3"],
            "verb": ["tap", "roll", "attack"],
            "particle": ["", "", ""],
            "object": ["", "", ""],
            "prep": ["", "into", ""],
            "code": ["170", "190", "025"],
            "label": ["", "", ""],
            "pre": ["wire", "tanks|tank", "recently"],
        }
    )
    verbs = pd.concat([small_dicts.verbs.assign(pre=""), extra], ignore_index=True)
    d = attrs.evolve(small_dicts, verbs=verbs)
    cases = {
        "wire": (
            "Russia/Russia/PROPN/3/nsubj wire/wire/NOUN/3/compound tapped/tap/VERB/0/root "
            "Iran/Iran/PROPN/3/obj ././PUNCT/3/punct",
            {("RUS", "170", "IRN")},
        ),
        "no_wire": (
            "Russia/Russia/PROPN/2/nsubj tapped/tap/VERB/0/root Iran/Iran/PROPN/2/obj ././PUNCT/2/punct",
            set(),
        ),
        "tanks": (
            "Russian/Russian/ADJ/2/amod tanks/tank/NOUN/3/nsubj rolled/roll/VERB/0/root into/into/ADP/5/case "
            "Ukraine/Ukraine/PROPN/3/obl ././PUNCT/3/punct",
            {("RUS", "190", "UKR")},
        ),
        # an adverb before the verb does not count (the validation suite ignores "RECENTLY *")
        "recently": (
            "Russia/Russia/PROPN/3/nsubj recently/recently/ADV/3/advmod attacked/attack/VERB/0/root "
            "Iran/Iran/PROPN/3/obj ././PUNCT/3/punct",
            {("RUS", "190", "IRN")},
        ),
    }
    for name, (spec, expected) in cases.items():
        ev = code_tokens(sentence(spec, doc_id=name), dictionaries=d, dates={name: D})
        assert {(r.source_code, r.event_code, r.target_code) for r in ev.itertuples()} == expected, name


def test_pronoun_subject_of_a_reported_clause_is_the_reporter(small_dicts):
    assert triples("said_it", small_dicts) == {("RUS", "190", "UKR")}


def test_would_in_a_reported_clause_states_intent(small_dicts):
    assert triples("said_would", small_dicts, intent=False) == {("IRN", "190", "JPN")}
    assert triples("said_would", small_dicts) == {("IRN", "1384", "JPN")}  # threaten a conventional attack
    assert triples("said_would", small_dicts, sub_codes=False) == {("IRN", "138", "JPN")}  # the root-level intent
    assert triples("said_could", small_dicts) == set()  # still hypothetical


def test_subject_of_an_uncoded_that_clause_is_the_target(small_dicts):
    assert triples("warned_that", small_dicts) == {("JPN", "130", "RUS")}


def test_subject_of_a_coded_that_clause_is_not_the_target(small_dicts):
    # the warning of what happened is no threat of its own (a warning of fact, _warnings_of_fact)
    assert triples("warned_attack", small_dicts) == {("RUS", "190", "UKR")}


def test_negation_table_recodes_negated_verbs(small_dicts):
    assert triples("negated", small_dicts, negation={"111": "051"}) == {("RUS", "051", "IRN")}
    assert triples("negated", small_dicts, negation={"190": "050"}) == set()  # no pair for 111: nothing
    assert triples("biden", small_dicts, negation={"111": "051"}) == {("USAGOV", "111", "RUS")}  # not negated


def test_a_list_read_as_apposition_is_a_coordination(small_dicts):
    assert triples("appos_list", small_dicts) == {("RUS", "111", "UKR"), ("JPN", "111", "UKR"), ("IRN", "111", "UKR")}


def test_actor_named_in_the_subject_of_an_uncoded_that_clause(small_dicts):
    assert triples("warned_embargo", small_dicts) == {("JPN", "130", "RUS")}


def test_passive_matrix_raises_its_subject_into_the_clause(small_dicts):
    assert triples("seen_to", small_dicts) == {("RUS", "190", "JPN")}


def test_actor_in_a_clause_modifying_the_object(small_dicts):
    assert triples("sent_by", small_dicts) == {("RUS", "111", "IRN")}


def test_pattern_with_a_missing_preposition_ranks_below_one_without(small_dicts):
    d = plus(small_dicts, "verbs", ("v:x", "launch", "", "assault", "", "195", ""))
    assert triples("assault_against", d) == {("RUS", "195", "JPN")}  # no "on": the plain pattern
    assert triples("assault_on", d) == {("RUS", "190", "UKR")}  # "on" found: the pattern with it
    assert triples("assault_against", small_dicts) == {("RUS", "190", "JPN")}  # the only pattern still codes


def test_multi_word_agent_belongs_to_its_head_word(small_dicts):
    d = plus(small_dicts, "agents", ("a:x", "ministry of defence", "MIL", "noun"))
    assert triples("ministry_of", d) == {("RUSMIL", "111", "JPN")}


def test_object_modifier_matches_by_form_or_lemma(small_dicts):
    d = plus(small_dicts, "verbs", ("v:y", "abandon", "", "improved relations", "", "1952", ""))
    assert triples("improved", d) == {("RUS", "1952", "JPN")}  # "improved" has the lemma "improve"


@pytest.mark.parametrize("name", ["title_poss", "title_chain"])
def test_a_title_gives_its_agent_to_an_unknown_name(small_dicts, name):
    assert triples(name, small_dicts) == {("RUSGOV", "111", "JPN")}


def test_an_apposition_beside_conjuncts_is_a_list_member(small_dicts):
    assert triples("appos_beside_conj", small_dicts) == {
        ("RUS", "111", "UKR"),
        ("JPN", "111", "UKR"),
        ("IRN", "111", "UKR"),
    }


def test_an_agent_word_joins_the_code_of_an_actor_without_a_country(small_dicts):
    d = plus(small_dicts, "actors", ("t:x", "european", "EUR", "", "", "region", pd.NaT, pd.NaT, "Europe"))
    assert triples("european", d) == {("EURGOV", "111", "RUS")}


def test_a_coordinated_name_without_a_country_stays_itself(small_dicts):
    d = plus(small_dicts, "actors", ("t:y", "hamas", "HMS", "", "", "group", pd.NaT, pd.NaT, "Hamas"))
    assert triples("officials_and_group", d) == {("RUSGOV", "111", "JPN"), ("HMS", "111", "JPN")}


def test_reciprocal_pattern_needs_coordinated_subjects(small_dicts):
    d = plus(
        small_dicts,
        "verbs",
        ("v:r", "hold", "", "talks", "", "036", "", "yes"),
        columns=[*small_dicts.verbs.columns, "reciprocal"],
    )
    assert triples("reciprocal", d) == {("RUS", "036", "JPN"), ("JPN", "036", "RUS")}
    assert triples("talks", d) == {("RUS", "040", "JPN")}  # one subject: the plain pattern


@pytest.mark.parametrize("name", ["hyphen_split", "hyphen_whole"])
def test_hyphenated_names_match_split_or_whole(small_dicts, name):
    d = plus(
        small_dicts, "actors", ("t:g", "guinea-bissau", "GNB", "GNB", "", "country", pd.NaT, pd.NaT, "Guinea-Bissau")
    )
    assert triples(name, d) == {("GNB", "111", "RUS")}


def test_modality_false_codes_hypothetical_acts_as_petrarch_does(small_dicts):
    assert triples("could", small_dicts) == set() and triples("tried", small_dicts) == set()
    could = triples("could", small_dicts, modality=False)
    assert could and could == triples("tried", small_dicts, modality=False)
    assert {(s, t) for s, _, t in could} == {("RUS", "JPN")}
    assert triples("negated", small_dicts, modality=False) == set()  # negation is not modality


def test_oblique_source_of_a_passive_without_agent(small_dicts):
    assert triples("passive_in", small_dicts) == set()  # default: no source
    assert triples("passive_in", small_dicts, oblique_source=True) == {("RUS", "111", "UKR")}
    # an actor inside the first oblique: "condemned over its dispute with Russia"
    assert triples("passive_over", small_dicts, oblique_source=True) == {("RUS", "111", "JPN")}
    # an agent keeps its place; a passive with no oblique actor stays without a source
    assert triples("passive", small_dicts, oblique_source=True) == {("RUS", "195", "UKR")}
    assert triples("passive_no_agent", small_dicts, oblique_source=True, unnamed_agents=False) == set()


def test_prefix_agent_goes_before_the_country(small_dicts):
    # PETRARCH's "MSF [NGO~]": "MSF Arnor" is NGOARN, not ARNNGO
    d = plus(small_dicts, "agents", ("a:msf", "msf", "NGO", "prefix"))
    assert triples("prefix_agent", d) == {("NGORUS", "111", "JPN")}
    assert triples("prefix_agent_mod", d) == {("NGORUSGOV", "111", "JPN")}  # and the head's agent after it
    suffix = plus(small_dicts, "agents", ("a:msf", "msf", "NGO", "title"))
    assert triples("prefix_agent", suffix) == {("RUSNGO", "111", "JPN")}


def test_a_code_outside_the_codebook_is_kept_with_empty_codebook_fields(small_dicts, tmp_path):
    from geoevent.io import read_events, write_events
    from geoevent.model import Event
    from geoevent.schema import METADATA_KEYS

    verbs = small_dicts.verbs.copy()
    verbs.loc[verbs["verb"] == "condemn", "code"] = "212"  # like PETRARCH's test code for "arrest"
    d = attrs.evolve(small_dicts, verbs=verbs)
    with pytest.warns(UserWarning, match="outside the CAMEO codebook"):
        ev = code_tokens(sentence(SENTENCES["biden"], doc_id="b"), dictionaries=d)
    assert ev["event_code"].tolist() == ["212"]
    row = ev.iloc[0]
    assert pd.isna(row["event_root_code"]) and pd.isna(row["event_base_code"])
    assert pd.isna(row["quad_class"]) and pd.isna(row["goldstein"]) and row["label"] == ""
    event = Event.from_row(row.to_dict())
    assert (event.code, event.root_code, event.quad_class, event.goldstein) == ("212", None, None, None)
    path = write_events(ev, tmp_path / "e.parquet", metadata=dict.fromkeys(METADATA_KEYS, "x"))
    back, _ = read_events(path)
    assert back["event_code"].tolist() == ["212"] and back["quad_class"].isna().all() and back["goldstein"].isna().all()
    # a CAMEO code next to it keeps its fields
    ok = code_tokens(sentence(SENTENCES["biden"], doc_id="b"), dictionaries=small_dicts)
    assert ok["event_root_code"].tolist() == ["11"] and ok["quad_class"].tolist() == [3]


def test_object_modifier_inside_its_prepositional_phrase(small_dicts):
    # PETRARCH's MEMOS (ON ECONOMIC): "memos on economic issues" has "economic" one level down
    d = plus(
        small_dicts,
        "verbs",
        ("v:w", "welcome", "", "", "", "050", ""),
        ("v:m", "welcome", "", "economic memo", "", "091", ""),
    )
    assert triples("memos_on", d) == {("RUS", "091", "JPN")}
    assert triples("memos_sent", d) == {("RUS", "050", "JPN")}  # no "economic": the bare verb


def test_actor_in_a_clause_modifying_the_objects_modifier(small_dicts):
    d = plus(small_dicts, "verbs", ("v:w", "welcome", "", "", "", "050", ""))
    assert triples("memos_sent", d) == {("RUS", "050", "JPN")}  # "memos on issues sent from Japan"


def test_the_pattern_naming_more_of_the_object_wins_a_tie(small_dicts):
    d = plus(
        small_dicts,
        "verbs",
        ("v:c", "contribute", "", "florin", "", "070", ""),
        ("v:g", "contribute", "", "gold florin", "", "190", ""),
    )
    assert triples("gold_florin", d) == {("RUS", "190", "JPN")}
    d = plus(
        small_dicts,
        "verbs",
        ("v:g", "contribute", "", "silver florin", "", "190", ""),
        ("v:c", "contribute", "", "florin", "", "070", ""),
    )
    assert triples("gold_florin", d) == {("RUS", "070", "JPN")}


def test_a_coded_passive_matrix_that_raised_its_subject_leaves_the_clause_coded(small_dicts):
    # "Russia was seen to attack Japan": even when "see" itself is a coded verb (PETRARCH: 010),
    # the passive reports the attack; it has no source of its own
    d = plus(small_dicts, "verbs", ("v:s", "see", "", "", "", "010", ""))
    assert triples("seen_to", d) == {("RUS", "190", "JPN")}


def test_particle_read_as_the_preposition_of_the_next_noun(small_dicts):
    # "cordoned off the roads": the parser made "off" the case of "roads"
    d = plus(small_dicts, "verbs", ("v:c", "cordon", "off", "", "", "144", ""))
    assert triples("cordon_off", d) == {("RUS", "144", "JPN")}
    assert triples("cordon_roads_off", d) == set()  # "off" is not next to the verb: no particle


def test_pattern_preposition_found_on_the_direct_object(small_dicts):
    # "warned Japan about Iran" with "about Iran" attached to Japan: the pattern's "about" target
    d = plus(small_dicts, "verbs", ("v:w", "warn", "", "", "", "130", ""))
    assert triples("warn_about", d) == {("RUS", "130", "JPN")}
    d = plus(d, "verbs", ("v:a", "warn", "", "", "about", "130", ""))
    assert triples("warn_about", d) == {("RUS", "130", "IRN")}


def test_actor_inside_an_oblique_of_the_object(small_dicts):
    # "marched close to the border with Japan", parsed with "close" as the object
    d = plus(small_dicts, "verbs", ("v:m", "march", "", "", "", "152", ""))
    assert triples("close_border", d) == {("RUS", "152", "JPN")}


def test_an_agent_title_stacks_before_the_heads_own_agent(small_dicts):
    # "The Russian Islamist media and government": RUS + MUS + MED, and the coordinated word shares RUSMUS
    d = plus(
        small_dicts,
        "agents",
        ("a:i", "islamist", "MUS", "noun"),
        ("a:m", "media", "MED", "noun"),
        ("a:g", "government", "GOV", "noun"),
    )
    assert triples("stacked_agents", d) == {("RUSMUSMED", "111", "JPN"), ("RUSMUSGOV", "111", "JPN")}


def test_function_words_before_the_verb_do_not_meet_a_pattern_and_a_clause_on_the_object_names_the_target(small_dicts):
    # the suite's PETRARCH parse attaches "Neither" to the verb as plain "cc": the pattern
    # "NEITHER *" does not apply, and "the parade supporting Iran" gives the target
    cols = ["entry_id", "verb", "particle", "object", "prep", "code", "label", "pre"]
    d = plus(
        small_dicts,
        "verbs",
        ("v:b", "boycott", "", "", "", "163", "", ""),
        ("v:n", "boycott", "", "", "", "057", "", "neither"),
        columns=cols,
    )
    assert triples("neither_nor", d) == {("RUS", "163", "IRN"), ("JPN", "163", "IRN")}


def test_pattern_object_in_the_to_clause_of_a_verb_without_one(small_dicts):
    # PETRARCH's VOW: "* WAR [190]" meets "vowed to wage war on Japan"; the clause names the target
    d = plus(small_dicts, "verbs", ("v:v", "vow", "", "", "", "170", ""), ("v:w", "vow", "", "war", "", "190", ""))
    assert triples("vow_war", d, intent=False) == {("RUS", "190", "JPN")}


def test_a_later_object_stands_in_when_the_pattern_took_the_first(small_dicts):
    # "wire tap the links leading into Japan" parsed as "wire" with objects "tap" and "links"
    d = plus(small_dicts, "verbs", ("v:w", "wire", "", "tap", "", "170", ""))
    assert triples("wire_tap", d) == {("RUS", "170", "JPN")}
