"""Coverage of CAMEO roots 01-05 on news wording (issue 11): sentences written for this test.

The sentences are our own (not from benchmarks/data/devset.jsonl), with other countries, people and
decades than the development set, so they check that the verb and noun families of
geoevent/data/dictionaries/verbs_cov01_05.tsv and nouns_cov01_05.tsv generalize. Each one is coded
in one batch with geoevent.code_frame and must give an event of the expected root with the expected
source and target country (None: not checked); the controls must code nothing.
"""

from __future__ import annotations

import pytest

from tests.helpers import code_texts

# (sentence, root, source country or None, target country or None)
CASES: list[tuple[str, str, str | None, str | None]] = [
    ("The Nigerian finance minister expressed pessimism about a quick deal with the IMF.", "01", "NGA", None),
    ("The Danish government is weighing sanctions against Iran over the plot.", "01", "DNK", None),
    ("Canada is considering a ban on Chinese telecom equipment.", "01", "CAN", None),
    ("The Indonesian military admitted its soldiers had shot the students in Jakarta.", "01", "IDN", None),
    (
        "The Peruvian government acknowledged that its police had used excessive force during the protests.",
        "01",
        "PER",
        None,
    ),
    ("Belarus denied that it had forced the Ryanair jet to land in Minsk.", "01", "BLR", None),
    ("Mexico's president laid a wreath at the monument to the victims of the 1985 earthquake.", "01", "MEX", None),
    ("The Greek prime minister offered condolences to Turkey after the earthquake.", "01", "GRC", "TUR"),
    (
        "Norway and Sweden said they shared the view that the Arctic must remain a zone of cooperation.",
        "01",
        "NOR",
        None,
    ),
    ("The Czech government played down fears of a gas shortage caused by Russia.", "01", "CZE", None),
    ("The Sudanese government dismissed reports that it had bombed villages in Darfur.", "01", "SDN", None),
    ("The Czech president sent a message of condolence to Slovakia after the shooting.", "01", "CZE", "SVK"),
    ("The Polish prime minister expressed confidence that Lithuania would back the plan.", "01", "POL", None),
    ("Finland and Estonia said they agreed with Latvia on the need for more air defence.", "01", "FIN", None),
    ("The Kremlin declined comment on the reports of troop movements near Finland.", "01", "RUS", None),
    ("The Thai army withheld comment on the arrests.", "01", "THA", None),
    ("Chile's president voiced concern over the rising number of migrants crossing from Bolivia.", "01", "CHL", None),
    ("The Thai king said he was praying for the flood victims in Pakistan.", "01", "THA", None),
    ("The Thai government conceded that soldiers had fired on protesters.", "01", "THA", None),
    ("Hungary voiced hope for a quick settlement of its dispute with Romania.", "01", "HUN", None),
    ("Seoul assured Tokyo that the drills were not aimed at Japan.", "01", "KOR", "JPN"),
    (
        "The Philippine president urged China to respect the arbitration ruling on the South China Sea.",
        "02",
        "PHL",
        "CHN",
    ),
    ("Mozambique requested military assistance from Rwanda to fight insurgents in Cabo Delgado.", "02", "MOZ", "RWA"),
    ("Pakistan called on India to resume the dialogue on Kashmir.", "02", "PAK", "IND"),
    ("Kazakhstan's president appealed to Russia for help in quelling the unrest.", "02", "KAZ", "RUS"),
    ("Ethiopia urged Egypt and Sudan to resume negotiations over the Nile dam.", "02", "ETH", "EGY"),
    ("Amnesty International called on Bahrain to release the jailed activists.", "02", None, "BHR"),
    ("The Jordanian government sought Egypt's help in securing the release of its diplomat.", "02", "JOR", "EGY"),
    ("Honduras renewed its call on Nicaragua to withdraw its troops from the border.", "02", "HND", "NIC"),
    ("Nepal requested India's cooperation in tracing the fugitives.", "02", "NPL", "IND"),
    ("Lebanon appealed to France for urgent humanitarian aid after the Beirut port blast.", "02", "LBN", "FRA"),
    ("Kyiv appealed to Germany for more air defence systems.", "02", "UKR", "DEU"),
    ("Japan pledged 500 million dollars in reconstruction aid to Iraq.", "03", "JPN", "IRQ"),
    ("Turkey offered to mediate between Azerbaijan and Armenia.", "03", "TUR", None),
    ("The Colombian government agreed to release FARC prisoners as a goodwill gesture.", "03", "COL", None),
    ("Zimbabwe agreed to allow international observers to monitor the vote.", "03", "ZWE", None),
    ("Fiji pledged support for Tonga after the volcanic eruption.", "03", "FJI", "TON"),
    ("Indonesia expressed willingness to send peacekeepers to Gaza.", "03", "IDN", None),
    ("Iran signalled readiness to resume nuclear talks with the European Union.", "03", "IRN", None),
    ("The Somali government promised aid to the drought-stricken regions.", "03", "SOM", None),
    ("Saudi Arabia agreed to hold talks with Iran in Baghdad.", "03", "SAU", None),
    ("Cuba offered to resume talks with the United States.", "03", "CUB", None),
    ("Qatar offered fuel supplies to Lebanon's army.", "03", "QAT", None),
    ("Australia pledged to send peacekeepers to East Timor.", "03", "AUS", None),
    ("Kenya promised to host talks between Somalia's government and the rebels.", "03", "KEN", None),
    ("The Indian prime minister met his Nepalese counterpart in Kathmandu on Monday.", "04", "IND", None),
    ("Norway brokered a deal between the Sri Lankan government and the Tamil Tigers.", "04", "NOR", "LKA"),
    ("The Omani sultan received the visiting Iranian foreign minister in Muscat.", "04", "OMN", "IRN"),
    ("Polish and Lithuanian defence ministers held consultations in Vilnius.", "04", "POL", "LTU"),
    ("Representatives of Armenia and Azerbaijan negotiated in Moscow for ten hours.", "04", "ARM", None),
    ("The Swiss foreign minister arrived in Beirut for talks with Lebanese leaders.", "04", "CHE", "LBN"),
    ("The Vatican's envoy conferred with Cuban officials in Havana.", "04", "VAT", "CUB"),
    ("The Taiwanese president spoke by phone with the Japanese prime minister.", "04", "TWN", "JPN"),
    ("The Sri Lankan president travelled to China for a five-day visit.", "04", "LKA", "CHN"),
    ("The Thai king welcomed the Cambodian prime minister to Bangkok.", "04", "THA", "KHM"),
    ("The Indonesian president received a phone call from the Australian prime minister.", "04", "IDN", "AUS"),
    ("The Pakistani prime minister attended a summit in Tashkent.", "04", "PAK", None),
    ("The Kenyan president hosted his Tanzanian counterpart at State House in Nairobi.", "04", "KEN", "TZA"),
    ("Austrian officials met with Slovenian diplomats in Vienna to discuss the border.", "04", "AUT", "SVN"),
    ("The Nigerian president flew to Ghana for talks with President John Mahama.", "04", "NGA", "GHA"),
    ("Qatar brokered a prisoner swap between the United States and Iran.", "04", "QAT", "USA"),
    ("The Emir of Kuwait shuttled between Riyadh and Doha in an effort to end the rift.", "04", "KWT", None),
    ("Ghana hailed the peaceful election in neighbouring Ivory Coast.", "05", "GHA", "CIV"),
    ("Moscow defended Belarus's decision to divert the flight.", "05", "RUS", "BLR"),
    ("China came to the defence of Pakistan at the Security Council.", "05", "CHN", "PAK"),
    (
        "The Dutch government apologised to Indonesia for the violence during the war of independence.",
        "05",
        "NLD",
        "IDN",
    ),
    ("Belgium's king expressed his deepest regrets to Congo for the colonial abuses.", "05", "BEL", "COD"),
    ("Ethiopia and Eritrea signed a peace agreement in Jeddah.", "05", "ETH", None),
    ("The Ugandan president forgave the rebels who had laid down their arms.", "05", "UGA", "UGA"),
    ("Turkey rallied support for Azerbaijan among NATO allies.", "05", "TUR", "AZE"),
    ("The Jordanian king lauded Iraq's efforts to fight terrorism.", "05", "JOR", "IRQ"),
    ("The Cambodian prime minister welcomed Thailand's decision to reopen the border.", "05", "KHM", "THA"),
    ("The Mongolian president congratulated South Korea on its successful election.", "05", "MNG", "KOR"),
    ("Lithuania applauded Poland's decision to build a border fence.", "05", "LTU", "POL"),
    ("The Iraqi prime minister expressed support for Syria's reconstruction efforts.", "05", "IRQ", "SYR"),
    ("Argentina forged a strategic partnership with Brazil.", "05", "ARG", "BRA"),
    ("The Slovak prime minister defended Hungary's stance on the sanctions.", "05", "SVK", "HUN"),
    ("New Zealand apologised to Samoa for its colonial-era wrongs.", "05", "NZL", "WSM"),
    ("The Bangladeshi prime minister felicitated the new Nepalese president.", "05", "BGD", "NPL"),
]

# no event: sport, health, business and naming senses of the verbs above
CONTROLS: list[str] = [
    "The company said its profits rose by 12 percent in the third quarter.",
    "Heavy rain is expected across northern Italy this weekend, forecasters said.",
    "The striker said he was delighted with his two goals against Portugal.",
    "The airline said flights to Lisbon would resume on Monday.",
    "The novel tells the story of a family in Soviet-era Georgia.",
    "Oil prices rose after OPEC published its monthly report.",
    "The festival received thousands of visitors from across Europe.",
    "Fans gathered outside the stadium in Madrid before the final.",
    "The Spanish prime minister was admitted to hospital in Madrid with chest pains.",
    "France conceded two goals against Brazil in the second half.",
    "The German chancellor acknowledged the applause of the crowd in Munich.",
    "Critics called the Italian government's budget a gamble.",
]


@pytest.fixture(scope="module")
def coded() -> dict[str, list[tuple[str, str, str]]]:
    """All sentences coded once: doc id -> [(source, code, target)]."""
    texts = [c[0] for c in CASES] + CONTROLS
    per_text = code_texts(texts, "2021-06-01")
    return {f"s{i}": [(s, c, t or "") for s, c, t in got] for i, got in enumerate(per_text) if got}


@pytest.mark.parametrize("n", range(len(CASES)), ids=[c[0][:60] for c in CASES])
def test_expected_root_source_and_target(coded, n):
    text, root, source, target = CASES[n]
    got = coded.get(f"s{n}", [])
    assert any(
        code.startswith(root) and (source is None or src[:3] == source) and (target is None or tgt[:3] == target)
        for src, code, tgt in got
    ), f"{text!r}: expected root {root} {source} -> {target}, got {got}"


@pytest.mark.parametrize("n", range(len(CONTROLS)), ids=[c[:60] for c in CONTROLS])
def test_controls_code_nothing(coded, n):
    got = coded.get(f"s{len(CASES) + n}", [])
    assert got == [], f"{CONTROLS[n]!r} coded {got}"
