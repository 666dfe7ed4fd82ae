"""Wide check of CAMEO roots 01-05 on news wording (issue 11): sentences written for this test.

The sentences are our own, written before the rows of verbs_wide01_05.tsv / nouns_wide01_05.tsv
and not taken from benchmarks/data/devset.jsonl: other countries, decades and wordings (headlines,
passives, participles, reported speech, light verbs, nominalizations), so they check that the
wording families generalize rather than fit sentences. Each case is coded in one batch with
geoevent.code_frame and must give an event of the expected root with the expected source and
target country (None: not checked); the controls (sport, markets, culture, business, senses of
the same verbs that are not political) must code nothing. Cases the extraction rules cannot reach
yet are marked xfail(strict=True) with the rule-level cause.
"""

from __future__ import annotations

import pytest

from tests.helpers import code_texts

DATE = "2019-06-01"


def rule(reason: str):
    """A case the current extraction rules cannot reach (a rule-level cause, not a dictionary row)."""
    return pytest.mark.xfail(strict=True, reason=reason)


# (sentence, root, source country or None, target country or None[, marks])
CASES: list[tuple] = [
    # 011 decline comment
    ("The Foreign Ministry in Beijing declined to comment on the detention of the two Canadians.", "01", "CHN", None),
    ("Pakistan's army refused to comment on reports of a raid near the Afghan border.", "01", "PAK", None),
    ("Asked about the leaked memo, the Brazilian president had no comment.", "01", "BRA", None),
    (
        "A spokesman for the Israeli military would not comment on the strike in Syria.",
        "01",
        "ISR",
        None,
        {
            "xfail": "actor: 'a spokesman for the Israeli military' takes the sentence's place (Syria) instead of its 'for' modifier (ISRMIL)"
        },
    ),
    # 012 pessimistic comment
    ("Germany's finance minister expressed doubts that Greece could meet its debt targets.", "01", "DEU", None),
    ("The Egyptian foreign minister voiced scepticism about the American peace plan.", "01", "EGY", None),
    ("Kenya's president lamented the slow pace of reform in Somalia.", "01", "KEN", None),
    ("Japanese officials were pessimistic about the chances of a deal with North Korea.", "01", "JPN", None),
    # 013 optimistic comment
    ("The Colombian president expressed optimism that a deal with the ELN rebels was close.", "01", "COL", None),
    ("Turkey voiced confidence that Sweden would meet its conditions for NATO membership.", "01", "TUR", None),
    ("Vietnam's prime minister was upbeat about trade ties with the United States.", "01", "VNM", None),
    ("The Kenyan foreign minister assured investors that the election would be peaceful.", "01", "KEN", None),
    # 014 consider policy option
    ("The Australian government is considering sanctions on Myanmar's generals.", "01", "AUS", None),
    ("Japan is weighing a ban on imports of Russian coal.", "01", "JPN", None),
    ("Norway is reviewing its arms export policy after the attack.", "01", "NOR", None),
    ("The Dutch cabinet will study proposals to close the embassy in Caracas.", "01", "NLD", None),
    # 015 claim responsibility
    (
        "The Saudi government admitted that the journalist was killed inside its consulate in Istanbul.",
        "01",
        "SAU",
        None,
    ),
    ("The Pentagon acknowledged that its drone strike had killed ten civilians in Kabul.", "01", "USA", None),
    ("Boko Haram claimed responsibility for the attack on the military base in Borno state.", "01", None, None),
    ("The Ukrainian military claimed credit for the sinking of the Russian cruiser.", "01", "UKR", None),
    # 016 deny responsibility
    ("Russia denied any involvement in the poisoning of the former spy in Salisbury.", "01", "RUS", None),
    ("The Rwandan government rejected accusations that it supports the M23 rebels.", "01", "RWA", None),
    ("Iran dismissed claims that it had supplied drones to Russia.", "01", "IRN", None),
    ("North Korea denied responsibility for the sinking of the South Korean warship.", "01", "PRK", None),
    # 017 symbolic act
    ("The Japanese prime minister laid a wreath at the Hiroshima peace memorial.", "01", "JPN", None),
    ("The French president attended the funeral of the slain Malian soldiers in Bamako.", "01", "FRA", None),
    ("Polish leaders observed a minute of silence for the victims of the Smolensk crash.", "01", "POL", None),
    ("Thousands of Serbs held a candlelight vigil in Belgrade for the victims of the shooting.", "01", "SRB", None),
    # 018 empathetic comment
    ("The Canadian prime minister offered his condolences to the families of the victims in Iran.", "01", "CAN", None),
    ("Indonesia expressed sympathy for the people of Turkey after the earthquake.", "01", "IDN", "TUR"),
    ("The Pope sent a message of sympathy to the people of Haiti.", "01", "VAT", "HTI"),
    ("The Indian prime minister mourned the death of the former Japanese leader.", "01", "IND", None),
    # 019 express accord
    (
        "France and Germany agreed that the European Union needs a common defence policy.",
        "01",
        "FRA",
        None,
        {"xfail": "clause: 'agree' + that-clause is an expression of accord (019); 'agree' alone is blocked"},
    ),
    (
        "The Chinese and Russian foreign ministers shared the view that the sanctions were counterproductive.",
        "01",
        "CHN",
        None,
    ),
    ("Egypt concurred with Saudi Arabia on the need to end the war in Yemen.", "01", "EGY", "SAU"),
    ("Spain sees eye to eye with Portugal on the migration issue.", "01", "ESP", "PRT"),
    # 020 / 021x appeals
    ("Ukraine asked Turkey to close the straits to Russian warships.", "02", "UKR", "TUR"),
    ("The Kenyan president urged China to buy more Kenyan tea.", "02", "KEN", "CHN"),
    ("The Philippines sought closer military ties with Japan.", "02", "PHL", "JPN"),
    ("Turkey asked the United States to extradite the cleric Fethullah Gulen.", "02", "TUR", "USA"),
    ("Mexico asked Washington to share intelligence on the drug cartels.", "02", "MEX", "USA"),
    # 022 appeal for diplomatic cooperation
    ("Serbia sought Russia's support for its position on Kosovo at the United Nations.", "02", "SRB", "RUS"),
    ("The Palestinian president urged Arab states to back his bid for full UN membership.", "02", "PSE", None),
    # 023x appeal for aid
    ("Sri Lanka asked India for an emergency loan to pay for fuel imports.", "02", "LKA", "IND"),
    ("Egypt appealed to the IMF for a new bailout.", "02", "EGY", "IGO"),
    ("Taiwan requested more anti-ship missiles from the United States.", "02", "TWN", "USA"),
    ("The Somali government appealed for food aid as drought threatened millions.", "02", "SOM", None),
    ("Haiti asked the United Nations to send an international force to fight the gangs.", "02", "HTI", "IGO"),
    ("Mali sought help from Russia to fight jihadists in the north.", "02", "MLI", "RUS"),
    # 024x appeal for political reform
    ("The European Union urged Belarus to hold free and fair elections.", "02", "IGO", "BLR"),
    ("The United States called on Venezuela's president to step down.", "02", "USA", "VEN"),
    ("Human Rights Watch urged Egypt to lift restrictions on the press.", "02", None, "EGY"),
    ("The UN human rights chief called on Iran to respect the rights of women protesters.", "02", "IGO", "IRN"),
    # 025x appeal to yield
    ("Canada called on China to release the two detained Canadians.", "02", "CAN", "CHN"),
    ("Cuba urged the United States to lift its trade embargo.", "02", "CUB", "USA"),
    ("Germany urged Russia to withdraw its troops from the Ukrainian border.", "02", "DEU", "RUS"),
    ("The Iraqi government appealed to protesters to end their sit-in in Baghdad.", "02", "IRQ", None),
    ("The Security Council called for an immediate ceasefire in Libya.", "02", "IGO", None),
    # 026 / 027 / 028
    ("The UN secretary-general urged Ethiopia and the Tigrayan leaders to start peace talks.", "02", "IGO", "ETH"),
    (
        "The African Union called on Sudan's warring generals to settle their differences through dialogue.",
        "02",
        "IGO",
        "SDN",
        {"xfail": "parse: the subject of 'called on' is read as nsubj:pass, so no source"},
    ),
    ("Washington urged Armenia and Azerbaijan to accept mediation by the OSCE.", "02", "USA", "ARM"),
    ("China called for a negotiated settlement of the conflict in Ukraine.", "02", "CHN", None),
    # 030 / 031x intent to cooperate
    ("Brazil vowed to cooperate with Argentina in the fight against smuggling.", "03", "BRA", "ARG"),
    ("India and Australia pledged to boost trade ties.", "03", "IND", "AUS"),
    ("Japan and the Philippines agreed to hold joint naval exercises.", "03", "JPN", "PHL"),
    ("The United Arab Emirates agreed to extradite the suspect to France.", "03", "ARE", "FRA"),
    # 032 intent to diplomatic cooperation
    ("Hungary pledged its support for Serbia's bid to join the European Union.", "03", "HUN", "SRB"),
    (
        "The Arab League promised to back the Palestinian bid for statehood.",
        "03",
        "IGO",
        "PSE",
        {
            "xfail": "target: the actor modifier of the object ('the Palestinian bid') is not taken as the target of 'promised to back'"
        },
    ),
    # 033x intent to provide aid
    ("Germany pledged 100 million euros in aid to Moldova.", "03", "DEU", "MDA"),
    ("The World Bank promised a 500 million dollar loan to Ghana.", "03", "IGO", "GHA"),
    ("The Netherlands promised to supply F-16 jets to Ukraine.", "03", "NLD", "UKR"),
    ("Saudi Arabia offered to send food aid to Yemen.", "03", "SAU", "YEM"),
    (
        "Rwanda offered to send troops to protect civilians in Mozambique.",
        "03",
        "RWA",
        None,
        {
            "xfail": "intent: 'offer to send troops' becomes 138 (threat of force, the intent of 15x); an offer of troops to protect civilians is 0334"
        },
    ),
    # 034x intent to reform
    ("The Thai junta promised to hold elections next year.", "03", "THA", None),
    ("The Algerian president vowed to step down after the elections.", "03", "DZA", None),
    ("The Chinese government pledged to reform its state-owned enterprises.", "03", "CHN", None),
    # 035x intent to yield
    ("Israel agreed to free Palestinian prisoners in exchange for the hostages.", "03", "ISR", None),
    ("The United States offered to ease sanctions on Venezuela if the vote is free.", "03", "USA", "VEN"),
    (
        "India and China agreed to withdraw troops from the Galwan valley.",
        "03",
        "IND",
        "CHN",
        {"xfail": "target: the object 'troops' (---MIL) is taken as target instead of the coordinated partner"},
    ),
    ("Russia offered to lift its blockade of Ukrainian grain ports.", "03", "RUS", "UKR"),
    # 036 intent to meet or negotiate
    ("North Korea's leader agreed to meet the South Korean president at the border.", "03", "PRK", "KOR"),
    (
        "Iran said it was ready to resume talks with the International Atomic Energy Agency.",
        "03",
        "IRN",
        "IGO",
        {"xfail": "modality: 'said it was ready to' + act keeps 030 and drops the 'with' target of the act"},
    ),
    ("The Venezuelan government agreed to return to the negotiating table with the opposition.", "03", "VEN", None),
    # 037 / 038 / 039
    ("Eritrea and Ethiopia pledged to end their border dispute.", "03", "ERI", "ETH"),
    (
        "Armenia accepted Russia's offer to mediate in the dispute.",
        "03",
        "ARM",
        "RUS",
        {"xfail": "construction: accepting an offer of mediation (038) with the offerer as possessor is not extracted"},
    ),
    (
        "Algeria offered to mediate between Mali and the Tuareg rebels.",
        "03",
        "DZA",
        "MLI",
        {
            "xfail": "parse: 'to mediate' is read as an adjective oblique (mark, not case), so 'offer to mediate between' rows do not apply"
        },
    ),
    ("The Pope offered to act as a mediator between Russia and Ukraine.", "03", "VAT", None),
    # 040 / 041 consult, phone
    ("The French president met the Nigerian president in Abuja on Tuesday.", "04", "FRA", "NGA"),
    ("Russian and Turkish officials met in Ankara to discuss the situation in Syria.", "04", "RUS", "TUR"),
    (
        "The Japanese prime minister spoke by telephone with the Indian prime minister.",
        "04",
        "JPN",
        "IND",
        {"xfail": "parse: 'by telephone' is read as obl:agent and 'with X' hangs under it, so no target"},
    ),
    ("The German chancellor phoned the Russian president to discuss the crisis.", "04", "DEU", "RUS"),
    ("Biden held a phone call with Xi Jinping on Thursday.", "04", "USA", "CHN", {"date": "2022-03-01"}),
    # 042 visit
    ("The Chinese foreign minister visited Tehran.", "04", "CHN", "IRN"),
    ("The British prime minister arrived in New Delhi on a three-day visit.", "04", "GBR", "IND"),
    ("Egypt's president travelled to Khartoum for talks with Sudanese leaders.", "04", "EGY", "SDN"),
    (
        "A delegation of Iranian officials paid a visit to Moscow.",
        "04",
        "IRN",
        "RUS",
        {"xfail": "actor: 'a delegation of Iranian officials' takes the place of the visit (Moscow) as source"},
    ),
    # 043 host
    ("Turkey hosted the Palestinian president in Ankara.", "04", "TUR", "PSE"),
    ("The Indonesian president welcomed the Malaysian prime minister to Jakarta.", "04", "IDN", "MYS"),
    ("The Emir of Qatar received the Iranian foreign minister in Doha.", "04", "QAT", "IRN"),
    # 044 / 045 / 046
    ("The leaders of India and Pakistan met on the sidelines of the summit in Samarkand.", "04", "IND", "PAK"),
    ("Egypt mediated between Israel and Hamas to restore calm in Gaza.", "04", "EGY", "ISR"),
    ("Qatari officials are mediating between the Taliban and the United States.", "04", "QAT", None),
    (
        "Britain and the European Union held talks on the Northern Ireland protocol.",
        "04",
        "GBR",
        "IGO",
        {"xfail": "coordination: only the second conjunct (the EU) acts on the first; Britain -> EU is missing"},
    ),
    (
        "Serbia and Kosovo negotiated in Brussels for hours without a breakthrough.",
        "04",
        "SRB",
        "XKX",
    ),
    ("Iranian diplomats resumed negotiations with world powers in Vienna.", "04", "IRN", None),
    ("Negotiators from Sudan and South Sudan began talks in Addis Ababa.", "04", "SDN", None),
    # 051 praise or endorse
    ("The US State Department praised Uzbekistan for its reforms.", "05", "USA", "UZB"),
    ("Moscow hailed the election result in Hungary.", "05", "RUS", None),
    (
        "The Saudi crown prince commended Pakistan's efforts to ease tensions.",
        "05",
        "SAU",
        "PAK",
        {
            "xfail": "actor: the demonym before a compound title ('Saudi crown prince') does not reach the title's head (---GOV)"
        },
    ),
    ("Germany welcomed the release of the journalist by Turkey.", "05", "DEU", None),
    ("The UN Security Council endorsed the ceasefire plan for Gaza.", "05", "IGO", None),
    # 052 defend verbally
    (
        "China defended its treatment of the Uyghurs in Xinjiang.",
        "05",
        "CHN",
        None,
        {"xfail": "target: a self-target ('its treatment') drops the event instead of leaving it targetless"},
    ),
    ("The Hungarian prime minister defended his government's ties with Russia.", "05", "HUN", None),
    ("India justified its purchases of Russian oil.", "05", "IND", None),
    # 053 rally support
    ("Poland lobbied its EU partners to support Ukraine's membership bid.", "05", "POL", None),
    # 054 recognition
    ("Honduras established diplomatic relations with China.", "05", "HND", "CHN"),
    ("Sweden recognised the State of Palestine.", "05", "SWE", "PSE"),
    ("Saudi Arabia and Iran restored diplomatic ties.", "05", "SAU", "IRN"),
    # 055 apologize
    ("The German president apologised to Namibia for the colonial-era genocide.", "05", "DEU", "NAM"),
    (
        "Japan's prime minister expressed remorse to South Korea for the wartime suffering.",
        "05",
        "JPN",
        "KOR",
        {"xfail": "parse: 'remorse' is read as an adverb, so 'express remorse' (055) does not apply"},
    ),
    ("The Canadian government issued a formal apology to Indigenous peoples.", "05", "CAN", None),
    # 056 forgive
    ("The Ethiopian prime minister forgave Eritrea for the war.", "05", "ETH", "ERI"),
    # 057 sign agreement
    (
        "Israel and the United Arab Emirates signed a normalisation agreement at the White House.",
        "05",
        "ISR",
        "ARE",
    ),
    # an economic deal is 061 by the dev set's convention (verbs_wide06_09.tsv); a treaty is 057
    ("Russia and China signed a friendship treaty.", "05", "RUS", "CHN"),
    ("The Lithuanian parliament ratified the treaty with Poland.", "05", "LTU", "POL"),
    ("Armenia and Azerbaijan initialled a peace treaty.", "05", "ARM", "AZE"),
]

# no event: sport, culture, markets, business, weather, history trivia, and the same verbs
# (praise, apologise, visit, host, sign, consider, deny, express hope) in non-political senses
CONTROLS: list[str] = [
    "Fans paid tribute to the retired goalkeeper before the match in Lisbon.",
    "The striker apologised to the fans for his red card.",
    "Analysts expressed optimism about the outlook for copper prices.",
    "The coach praised his players after the 3-0 win over Chile.",
    "The museum will host an exhibition of Dutch paintings next spring.",
    "The tennis champion visited her childhood home in Serbia.",
    "Forecasters warned of heavy snow across Poland on Friday.",
    "The French film festival received a record number of entries.",
    "The Brazilian midfielder signed a five-year contract with the Spanish club.",
    "The Italian team defended its title in Rome.",
    "Apple asked its suppliers to cut costs.",
    "Oil prices recovered after Saudi Arabia published its output data.",
    "The Indian cricket team arrived in Canberra ahead of the test series.",
    "Scientists in Norway are considering new methods to measure glacier melt.",
    "The company denied that its phones overheated.",
    "The British singer praised the audience in Dublin.",
    "Napoleon admitted defeat after the battle of Waterloo in 1815.",
    "Shares in the Japanese carmaker rallied after it met its profit forecast.",
    "The orchestra will perform in Vienna and Prague next month.",
    "Farmers in Kenya hope the rains will arrive early this year.",
    # added after the first rows, to check their non-political senses (not part of the 'before' figure)
    "The Japanese firm made an offer for its British rival.",
    "The Canadian singer sent greetings to her fans in Mexico.",
    "Fans lit candles outside the stadium in Buenos Aires.",
    "The Kenyan runner paid tribute to her coach after winning gold.",
    "The Irish band is considering a tour of Japan.",
    "Scientists in Chile are exploring options to save the glacier.",
    "The Spanish club is considering an offer for the Brazilian striker.",
    "The German airline offered an apology to passengers for the delays.",
    "The Dutch museum is studying plans to reopen in the spring.",
]


def _case(n: int) -> tuple:
    c = CASES[n]
    return c if len(c) == 5 else (*c, {})


@pytest.fixture(scope="module")
def coded() -> dict[str, list[tuple[str, str, str]]]:
    """All sentences coded once: doc id -> [(source, code, target)]."""
    texts = [c[0] for c in CASES] + CONTROLS
    dates = [_case(n)[4].get("date", DATE) for n in range(len(CASES))] + [DATE] * len(CONTROLS)
    per_text = code_texts(texts, dates)
    return {f"s{i}": [(s, c, t or "") for s, c, t in got] for i, got in enumerate(per_text) if got}


def _marks(n: int):
    reason = _case(n)[4].get("xfail")
    return [rule(reason)] if reason else []


@pytest.mark.parametrize("n", [pytest.param(n, marks=_marks(n), id=CASES[n][0][:60]) for n in range(len(CASES))])
def test_expected_root_source_and_target(coded, n):
    text, root, source, target, _ = _case(n)
    got = coded.get(f"s{n}", [])
    assert any(
        code.startswith(root) and (source is None or src[:3] == source) and (target is None or tgt[:3] == target)
        for src, code, tgt in got
    ), f"{text!r}: expected root {root} {source} -> {target}, got {got}"


# controls the current rules still code (a rule-level cause): control text -> reason
CONTROL_XFAIL: dict[str, str] = {
    "The company denied that its phones overheated.": (
        "actor: a country-less company (---BUS) denying a product fault is coded 016; non-political sources need a rule"
    ),
}


@pytest.mark.parametrize(
    "n",
    [
        pytest.param(n, marks=[rule(CONTROL_XFAIL[c])] if c in CONTROL_XFAIL else [], id=c[:60])
        for n, c in enumerate(CONTROLS)
    ],
)
def test_controls_code_nothing(coded, n):
    got = coded.get(f"s{len(CASES) + n}", [])
    assert got == [], f"{CONTROLS[n]!r} coded {got}"
