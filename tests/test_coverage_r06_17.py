"""Coverage of news wording for CAMEO roots 06-09 and 15-17 (issue 11): sentences written for this
test (not from the development set), coded in one batch with geoevent.code_frame. Each names the
expected root and, where the sentence makes them clear, the source and target countries; the
controls must code nothing. They check that the verb and noun families of verbs_cov06_17.tsv and
nouns_cov06_17.tsv generalize beyond the sentences they were tuned on."""

from __future__ import annotations

import functools

import pytest

from tests.helpers import code_texts

DATE = "2023-06-15"

#: (sentence, root, source country or None, target country or None); None leaves it unchecked
CASES = [
    # 06 material cooperation
    ("Canada provided Ukraine with satellite intelligence on Russian troop movements.", "06", "CAN", "UKR"),
    ("Turkish and Russian troops launched joint patrols along the M4 highway in Idlib.", "06", "TUR", None),
    ("Colombia extradited a drug lord to the United States in 2009.", "06", "COL", "USA"),
    ("Vietnam joined the World Trade Organization in 2007.", "06", "VNM", None),
    ("South Korea passed on intelligence about the missile launch to Japan.", "06", "KOR", None),
    ("Vietnam opened its markets to American farm products.", "06", "VNM", "USA"),
    # 07 aid
    ("Kenya sent peacekeepers to Haiti to help the police fight gangs.", "07", "KEN", "HTI"),
    ("The Red Cross distributed food and blankets to displaced families in Mosul.", "07", None, None),
    ("Sweden granted asylum to a Belarusian opposition activist.", "07", "SWE", "BLR"),
    ("Japan disbursed a one billion dollar loan to Sri Lanka.", "07", "JPN", "LKA"),
    ("Pakistan airlifted tents and medicine to Turkey after the earthquake.", "07", "PAK", "TUR"),
    ("The World Food Programme distributed food to families in Yemen.", "07", None, "YEM"),
    ("Washington delivered the first batch of F-16 fighter jets to Taiwan.", "07", "USA", "TWN"),
    ("The United States sent 300 million dollars in military aid to Ukraine.", "07", "USA", "UKR"),
    ("Saudi Arabia deposited 3 billion dollars in Pakistan's central bank.", "07", "SAU", "PAK"),
    ("India shipped 500,000 doses of vaccine to Myanmar.", "07", "IND", "MMR"),
    ("The army evacuated thousands of residents from the flooded villages.", "07", None, None),
    # 08 yield
    ("Morocco freed dozens of jailed journalists on the king's birthday.", "08", "MAR", None),
    ("Iran released hundreds of detainees arrested during the protests.", "08", "IRN", None),
    ("Armenia's prime minister submitted his resignation amid mass protests.", "08", "ARM", None),
    ("A Kenyan court struck down a ban on public gatherings.", "08", "KEN", None),
    ("Serbian and Kosovar police disengaged from the northern border crossings.", "08", "SRB", None),
    ("Ethiopia reopened its border with Eritrea for the first time in two decades.", "08", "ETH", None),
    ("Lebanon repatriated Syrian refugees from camps in the Bekaa valley.", "08", "LBN", None),
    ("Kyrgyzstan introduced presidential term limits after the referendum.", "08", "KGZ", None),
    ("A truce between Armenia and Azerbaijan held overnight, officials said.", "08", "ARM", "AZE"),
    ("Azerbaijani forces pulled back from positions near the Armenian border.", "08", "AZE", None),
    ("Ukraine pulled its troops out of the city of Avdiivka.", "08", "UKR", None),
    ("The junta granted the Red Cross access to political prisoners.", "08", None, None),
    ("A Turkish court overturned the convictions of four journalists.", "08", "TUR", None),
    ("Taiwan and China restored their cross-strait hotline.", "08", None, None),
    ("The Indonesian government unblocked the messaging service after a week.", "08", "IDN", None),
    ("The FARC handed over its weapons to UN monitors.", "08", "COL", None),
    ("Ethiopian troops withdrew from the Tigrayan capital Mekelle.", "08", "ETH", None),
    # 09 investigate
    ("Brazilian federal police opened an investigation into former president Jair Bolsonaro.", "09", "BRA", "BRA"),
    ("Investigators from Human Rights Watch have documented war crimes in Kharkiv.", "09", None, "UKR"),
    ("Interpol gathered evidence against the trafficking network in Lagos.", "09", None, None),
    # 15 force posture
    ("North Korea put its frontline troops on high alert.", "15", "PRK", None),
    ("Venezuela ordered its armed forces on alert along the Colombian border.", "15", "VEN", None),
    ("Belarus called up reservists for snap military drills.", "15", "BLR", None),
    ("Authorities flooded central Minsk with riot police ahead of the opposition march.", "15", None, None),
    ("Iran displayed its new ballistic missiles at a military parade in Tehran.", "15", "IRN", None),
    ("Greece bolstered its military presence on the Evros border.", "15", "GRC", None),
    ("A US destroyer sailed through the Taiwan Strait.", "15", "USA", None),
    ("Russia moved nuclear weapons into Belarus.", "15", "RUS", "BLR"),
    ("India rushed additional troops to the Chinese border.", "15", "IND", None),
    # 16 reduce relations
    ("Lithuania expelled three Russian diplomats.", "16", "LTU", "RUS"),
    ("Morocco severed ties with Iran over its support for the Polisario Front.", "16", "MAR", "IRN"),
    ("Nicaragua expelled UN human rights observers.", "16", "NIC", None),
    ("The African Union ended its peacekeeping mission in Somalia.", "16", None, None),
    ("Israel pulled its ambassador from Turkey.", "16", "ISR", "TUR"),
    ("Burkina Faso expelled foreign aid workers.", "16", "BFA", None),
    ("Moscow suspended trade with Tbilisi after the war.", "16", "RUS", "GEO"),
    ("Egypt ordered the expulsion of the Turkish ambassador.", "16", "EGY", "TUR"),
    ("The Palestinian delegation withdrew from the talks in Cairo.", "16", "PSE", None),
    # 17 coerce
    ("Police fired tear gas at opposition supporters in Nairobi.", "17", "KEN", None),
    ("Venezuelan authorities seized hundreds of private farms.", "17", "VEN", None),
    ("Militants blew up an ancient shrine in Timbuktu.", "17", None, None),
    ("Thai authorities deported dozens of Uighur migrants to China.", "17", "THA", None),
    ("Human rights groups said that Belarusian police had subjected detainees to harassment.", "17", "BLR", None),
    ("Burkina Faso suspended the French broadcaster RFI.", "17", "BFA", "FRA"),
    ("Turkish authorities dismissed thousands of judges after the coup attempt.", "17", "TUR", None),
    ("Zambia's government nationalised the country's largest copper mine.", "17", "ZMB", None),
    ("Israeli authorities demolished dozens of Palestinian homes in East Jerusalem.", "17", "ISR", "PSE"),
]

#: sentences whose verb has a non-political sense the dictionary rows must not code
CONTROLS = [
    "Heavy snow closed roads across northern Japan on Tuesday.",
    "The central bank froze interest rates at 4.5 percent.",
    "Shares of the carmaker fell 3 percent after it released quarterly results.",
    "Parliament approved the budget after a long debate.",
    "Scientists documented a sharp rise in sea temperatures off Peru.",
    "The striker freed himself from two defenders and scored the winner.",
    "Farmers displayed their best cattle at the county fair.",
    "The company sent thousands of dollars to its suppliers.",
    "The fund manager deposited the money in a Swiss bank.",
    "The senator withdrew from the presidential race.",
    "The ferry sailed through the strait.",
]

#: sentences whose verb must not take the root a looser row would give
NOT_ROOT = [
    ("The junta seized power in a bloodless coup.", "17"),  # no property seizure
    ("Russian troops seized the nuclear power plant.", "17"),  # occupying an installation is 192
    ("The United States withdrew from the Paris climate agreement.", "08"),  # a treaty, not troops (161)
]


_TEXTS = [c[0] for c in CASES] + CONTROLS + [t for t, _ in NOT_ROOT]


@functools.cache
def coded() -> list[list[tuple[str, str, str | None]]]:
    return code_texts(_TEXTS, DATE)


def events_of(text: str) -> list[tuple[str, str | None, str | None]]:
    def country(code: str | None) -> str | None:
        return code[:3] if code else None

    return [(c[:2], country(s), country(t)) for s, c, t in coded()[_TEXTS.index(text)]]


@pytest.mark.parametrize(("text", "root", "source", "target"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_codes_its_root(text, root, source, target):
    got = events_of(text)
    hits = [e for e in got if e[0] == root]
    assert hits, f"no {root} event in {text!r}: {got}"
    if source is not None:
        assert any(e[1] == source for e in hits), f"no {root} event from {source} in {text!r}: {got}"
    if target is not None:
        assert any(e[2] == target for e in hits), f"no {root} event on {target} in {text!r}: {got}"


@pytest.mark.parametrize("text", CONTROLS, ids=[t[:40] for t in CONTROLS])
def test_control_codes_nothing(text):
    assert events_of(text) == []


@pytest.mark.parametrize(("text", "root"), NOT_ROOT, ids=[t[:40] for t, _ in NOT_ROOT])
def test_blocked_sense_is_not_coded_as_the_root(text, root):
    assert root not in {e[0] for e in events_of(text)}
