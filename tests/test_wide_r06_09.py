"""Wide coverage of news wording for CAMEO roots 06-09 and 16 (issue 11): sentences written for
this test (not from the development set), coded in one batch with geoevent.code_frame. Each names
the expected root and, where the sentence makes them clear, the source and target countries; the
controls must code nothing. They check that the verb and noun families of verbs_wide06_09.tsv and
nouns_wide06_09.tsv (and the older files) generalize: wording families, not sentences."""

from __future__ import annotations

import functools

import pytest

from tests.helpers import code_texts

DATE = "2023-06-15"


def _rule(reason: str):
    """A case the current extraction rules cannot reach (not a dictionary gap)."""
    return pytest.mark.xfail(strict=True, reason=reason)


#: (sentence, root, source country or None, target country or None); None leaves it unchecked
CASES = [
    # 061 cooperate economically
    ("Russia resumed gas deliveries to Moldova after a two-week halt.", "06", "RUS", "MDA"),
    ("Chinese state companies invested billions of dollars in Zambian copper mines.", "06", "CHN", "ZMB"),
    ("Japan and Vietnam expanded economic cooperation during the prime minister's visit.", "06", "JPN", None),
    ("Egypt began importing Russian wheat through a barter arrangement.", "06", "EGY", "RUS"),
    ("India buys record volumes of discounted Russian oil.", "06", "IND", "RUS"),
    ("Kazakhstan and China opened a new rail freight corridor to boost bilateral trade.", "06", "KAZ", None),
    # 062 cooperate militarily
    ("US and South Korean forces conducted joint military exercises near the demilitarised zone.", "06", "USA", None),
    ("Russia sold S-400 air defence systems to Turkey in a 2.5 billion dollar deal.", "06", "RUS", "TUR"),
    ("India signed a deal to buy 26 Rafale fighter jets from France.", "06", "IND", "FRA"),
    ("French instructors trained Malian soldiers in counter-insurgency tactics.", "06", "FRA", "MLI"),
    ("The Chinese and Russian navies held joint drills in the Sea of Japan.", "06", "CHN", None),
    ("Poland is buying 250 Abrams tanks from the United States.", "06", "POL", "USA"),
    ("Australia, Britain and the US deepen military cooperation under the AUKUS pact.", "06", "AUS", None),
    ("Egyptian and Saudi special forces staged joint manoeuvres in the Red Sea.", "06", "EGY", None),
    # 063 judicial cooperation
    ("Spain extradited a Russian hacker to the United States.", "06", "ESP", "USA"),
    ("Pakistan extradites terror suspect to Britain.", "06", "PAK", "GBR"),
    ("Serbia handed over the wartime general to the Hague tribunal in 2011.", "06", "SRB", None),
    ("Italy and Albania stepped up judicial cooperation against organised crime.", "06", "ITA", None),
    (
        "A Spanish court approved the extradition of the former Mexican official to the United States.",
        "06",
        "ESP",
        None,
    ),
    # 064 share intelligence or information
    ("Britain shared intelligence with Ukraine about Russian troop movements.", "06", "GBR", "UKR"),
    ("Washington provided Kyiv with intelligence on the location of Russian command posts.", "06", "USA", "UKR"),
    ("Kenya and Somalia exchanged intelligence on al-Shabaab movements along the border.", "06", "KEN", None),
    ("Jordanian intelligence passed information about the plot to Saudi officials.", "06", "JOR", "SAU"),
    ("Israel tipped off Australia about a planned attack on a synagogue in Sydney.", "06", "ISR", "AUS"),
    ("Russia's sale of fighter jets to Algeria angered Morocco.", "06", "RUS", "DZA"),
    # 071 economic aid
    ("The IMF disbursed 1.2 billion dollars to Egypt under its loan programme.", "07", "IGO", "EGY"),
    ("Germany gave Jordan 400 million euros in grants to support refugees.", "07", "DEU", "JOR"),
    ("China wrote off the debts of 17 African countries.", "07", "CHN", None),
    ("Saudi Arabia transferred 1 billion dollars to Yemen's central bank.", "07", "SAU", "YEM"),
    ("Qatar handed Gaza's government 30 million dollars in cash to pay salaries.", "07", "QAT", "PSE"),
    # 072 military aid
    ("Germany delivered Leopard tanks to Ukraine.", "07", "DEU", "UKR"),
    ("Iran supplied drones to Russia for use in Ukraine.", "07", "IRN", "RUS"),
    ("The United States armed Kurdish fighters battling the Islamic State in Syria.", "07", "USA", None),
    ("Britain sent Storm Shadow missiles to Kyiv.", "07", "GBR", "UKR"),
    ("Moscow is supplying weapons to the Sudanese army, officials say.", "07", "RUS", "SDN"),
    ("The IMF bailout for Greece was the largest in its history.", "07", "IGO", "GRC"),
    # 073 humanitarian aid
    ("Turkey sent rescue teams and tents to earthquake-hit Morocco.", "07", "TUR", "MAR"),
    ("UNICEF delivered vaccines and clean water to children in Gaza.", "07", "IGO", None),
    ("Jordan airdropped food parcels over northern Gaza.", "07", "JOR", None),
    ("India evacuated its citizens from Sudan as fighting raged in Khartoum.", "07", "IND", None),
    ("Egyptian trucks carrying humanitarian aid entered Gaza through the Rafah crossing.", "07", "EGY", None),
    # 074 peacekeeping
    ("Bangladesh sent 800 peacekeepers to the Central African Republic.", "07", "BGD", "CAF"),
    ("The Security Council extended the mandate of the UN mission in Mali by a year.", "07", "IGO", None),
    ("Russian peacekeepers deployed in Nagorno-Karabakh after the ceasefire.", "07", "RUS", None),
    ("Kenyan police officers arrived in Haiti to lead a multinational security mission.", "07", "KEN", "HTI"),
    # 075 asylum
    ("Germany granted asylum to a Russian soldier who deserted.", "07", "DEU", "RUS"),
    ("Ecuador gave Julian Assange asylum in its London embassy.", "07", "ECU", None),
    ("Canada took in 40,000 Afghan refugees after the fall of Kabul.", "07", "CAN", "AFG"),
    ("The Czech Republic offered political asylum to the Belarusian dissident.", "07", "CZE", "BLR"),
    # 081 ease administrative sanctions
    ("Kazakhstan lifted its state of emergency after the unrest.", "08", "KAZ", None),
    ("Indian authorities eased the curfew in Srinagar after a week of calm.", "08", "IND", None),
    ("Turkey lifted a ban on Wikipedia after nearly three years.", "08", "TUR", None),
    ("Myanmar's junta ended martial law in parts of Yangon.", "08", "MMR", None),
    ("Egypt's government unblocked dozens of news websites.", "08", "EGY", None),
    ("Thailand's military rulers lifted the ban on political gatherings.", "08", "THA", None),
    # 082 ease political dissent
    ("Kenyan opposition supporters called off their protests after talks with the government.", "08", "KEN", None),
    ("Georgian opposition parties ended their boycott of parliament.", "08", "GEO", None),
    ("Nigerian unions suspended their general strike over fuel prices.", "08", "NGA", None),
    ("Bahraini hunger strikers ended their fast after eleven days.", "08", "BHR", None),
    # 083 accede to demands for reform
    ("Sri Lankan President Gotabaya Rajapaksa resigned after months of protests.", "08", "LKA", None),
    ("Sudan's military handed power to a civilian government.", "08", "SDN", None),
    ("Kuwait granted women the right to vote in 2005.", "08", "KWT", None),
    ("Tunisia's president stepped down amid mass protests.", "08", "TUN", None),
    ("Nigeria scrapped the fuel price increase after a week of protests.", "08", "NGA", None),
    # 084 return, release
    ("Hamas freed two American hostages held in Gaza.", "08", "PSE", "USA"),
    ("Russia and Ukraine swapped dozens of prisoners of war.", "08", "RUS", "UKR"),
    ("Cuba's government pardoned hundreds of political prisoners.", "08", "CUB", None),
    ("Iran released a French tourist detained since 2022.", "08", "IRN", "FRA"),
    ("Germany returned the Benin Bronzes to Nigeria.", "08", "DEU", "NGA"),
    ("Iranian forces released the seized British oil tanker.", "08", "IRN", None),
    ("Zimbabwe handed back seized farms to some white farmers.", "08", "ZWE", None),
    # 085 ease economic sanctions
    ("Washington eased sanctions on Venezuela's oil sector.", "08", "USA", "VEN"),
    ("The European Union lifted sanctions on Belarusian potash.", "08", "IGO", "BLR"),
    ("China lifted its ban on Australian wine imports.", "08", "CHN", "AUS"),
    ("Britain unfroze Libyan assets held in London banks.", "08", "GBR", "LBY"),
    # 086 allow international involvement
    ("Iran allowed IAEA inspectors into the Fordow site.", "08", "IRN", None),
    ("Syria allowed UN aid convoys to cross into rebel-held Idlib.", "08", "SYR", None),
    ("Ethiopia granted humanitarian agencies access to Tigray.", "08", "ETH", None),
    ("Iraq let international observers monitor its parliamentary election.", "08", "IRQ", None),
    # 087 de-escalate
    ("Colombia's ELN rebels declared a unilateral ceasefire.", "08", "COL", None),
    ("Russian troops withdrew from the city of Kherson.", "08", "RUS", None),
    ("Thousands of FARC fighters laid down their weapons.", "08", "COL", None),
    ("Israeli forces pulled out of Jenin after a two-day raid.", "08", "ISR", None),
    ("Saudi Arabia eased its blockade of Yemen's Hodeidah port.", "08", "SAU", "YEM"),
    ("Sierra Leone disarmed 45,000 former combatants.", "08", "SLE", None),
    ("Indian and Chinese troops disengaged from the Galwan valley.", "08", "IND", None),
    # 091 investigate crime, corruption
    ("South African prosecutors are investigating former president Jacob Zuma over corruption.", "09", "ZAF", "ZAF"),
    ("Malaysian authorities launched a probe into the 1MDB scandal.", "09", "MYS", None),
    ("Turkish police questioned the mayor of Istanbul over alleged bribery.", "09", "TUR", "TUR"),
    ("The FBI is investigating the shooting at a Texas school.", "09", "USA", None),
    ("Peru's attorney general opened an inquiry into the president's finances.", "09", "PER", None),
    # 092 investigate human rights abuses
    ("The UN Human Rights Council launched an inquiry into abuses against the Rohingya in Myanmar.", "09", "IGO", None),
    ("Amnesty International investigated allegations of torture in Egyptian prisons.", "09", None, None),
    ("A Mexican commission investigated the disappearance of the 43 students.", "09", "MEX", None),
    # 093 investigate military action
    ("The Israeli military is investigating the strike that killed seven aid workers.", "09", "ISR", None),
    ("The Pentagon opened an investigation into the drone strike in Kabul.", "09", "USA", None),
    ("Dutch investigators probed the downing of flight MH17 over eastern Ukraine.", "09", "NLD", None),
    ("OSCE monitors examined the sites of ceasefire violations near Donetsk.", "09", "IGO", None),
    # 094 investigate war crimes
    ("The International Criminal Court opened an investigation into alleged war crimes in Ukraine.", "09", "IGO", None),
    ("Ukrainian prosecutors are investigating thousands of suspected Russian war crimes.", "09", "UKR", None),
    ("UN investigators documented evidence of war crimes by both sides in Sudan.", "09", "IGO", None),
    ("ICC prosecutor probes alleged atrocities in Darfur.", "09", "IGO", None),
    # 161 reduce or break diplomatic relations
    ("Nicaragua broke off diplomatic relations with Taiwan.", "16", "NIC", "TWN"),
    ("Saudi Arabia recalled its ambassador from Lebanon.", "16", "SAU", "LBN"),
    ("Moscow expelled ten Polish diplomats in a tit-for-tat move.", "16", "RUS", "POL"),
    ("Algeria severed ties with Morocco, accusing it of hostile acts.", "16", "DZA", "MAR"),
    ("Canada downgraded its diplomatic relations with Iran.", "16", "CAN", "IRN"),
    ("Brazil's president cancelled a state visit to Washington over spying revelations.", "16", "BRA", "USA"),
    # 162 reduce or stop material aid
    ("The United States suspended aid to Niger after the coup.", "16", "USA", "NER"),
    ("Sweden cut development aid to Zimbabwe.", "16", "SWE", "ZWE"),
    ("Washington froze military aid to Egypt in 2013.", "16", "USA", "EGY"),
    ("Germany halted funding for UNRWA over the allegations.", "16", "DEU", None),
    # 163 embargo, boycott, sanctions
    ("The EU imposed an oil embargo on Russia.", "16", "IGO", "RUS"),
    ("China banned imports of Japanese seafood after the Fukushima water release.", "16", "CHN", "JPN"),
    ("Washington slapped sanctions on Chinese officials over Hong Kong.", "16", "USA", "CHN"),
    ("Saudi Arabia boycotted Qatari goods during the blockade.", "16", "SAU", "QAT"),
    ("The US blacklisted dozens of Russian banks.", "16", "USA", "RUS"),
    # 164 halt negotiations
    ("North Korea walked out of the nuclear talks in Stockholm.", "16", "PRK", None),
    ("The Palestinians suspended peace talks with Israel.", "16", "PSE", "ISR"),
    ("Venezuela's government broke off talks with the opposition.", "16", "VEN", None),
    ("The Taliban called off talks with the United States.", "16", "AFG", "USA"),
    # 165 halt mediation
    ("Qatar suspended its mediation between Israel and Hamas.", "16", "QAT", None),
    ("Norway ended its role as mediator in Sri Lanka's peace process.", "16", "NOR", None),
    # 166 expel or withdraw
    ("Mali expelled the UN peacekeeping mission MINUSMA.", "16", "MLI", "IGO"),
    ("The Sudanese government expelled 13 foreign aid agencies from Darfur.", "16", "SDN", None),
    ("North Korea expelled IAEA inspectors in 2009.", "16", "PRK", "IGO"),
    ("The Netherlands withdrew its peacekeepers from Bosnia.", "16", "NLD", None),
    ("Burkina Faso ordered French troops to leave the country.", "16", "BFA", "FRA"),
    ("Medecins Sans Frontieres pulled out of Somalia after attacks on its staff.", "16", None, "SOM"),
]

#: sentences using the range's verbs in non-political senses: they must code nothing
CONTROLS = [
    "Apple released its new iPhone in September.",
    "Oil prices eased after the inventory data.",
    "Traders withdrew from riskier assets as the dollar rallied.",
    "Scientists are investigating the cause of the sudden bird deaths.",
    "The coach traded two players to Boston for a draft pick.",
    "The museum returned the painting to the gallery after restoration.",
    "Clouds lifted by midday, giving way to sunshine in Oslo.",
    "The band cancelled its concert in Vienna because of a storm.",
    "Investors pulled out of emerging-market funds last week.",
    "The actor handed over the award to the young director.",
    "The historian investigated the origins of the Hundred Years War for her book.",
    "The company cut its dividend after a weak quarter.",
    "Rain halted play at Lord's for two hours.",
    "The studio shared details of its new console with developers.",
    "The tennis star withdrew from the tournament with a back injury.",
    "Farmers in Iowa exported more soybeans this year than ever.",
    "The bakery supplied bread to local schools.",
    "The airline suspended flights to the island because of the hurricane.",
    "Fans exchanged shirts after the final whistle.",
    "The singer donated her dress to a charity auction.",
    "The chess champion surrendered the title to a younger rival.",
    # trade figures are no event (no sale/export/trade/investment nouns for that reason)
    "China's exports to the United States fell 10 percent in May.",
    "German imports from Russia dropped sharply last year.",
    "Britain's trade with the EU shrank after Brexit, figures showed.",
    "Japanese investment in Vietnam rose to a record in 2022.",
]

_TEXTS = [c[0] for c in CASES] + CONTROLS


@functools.cache
def coded() -> list[list[tuple[str, str, str | None]]]:
    return code_texts(_TEXTS, DATE)


def events_of(text: str) -> list[tuple[str, str | None, str | None]]:
    def country(code: str | None) -> str | None:
        return code[:3] if code else None

    return [(c[:2], country(s), country(t)) for s, c, t in coded()[_TEXTS.index(text)]]


def _case_params():
    out = []
    for case in CASES:
        marks = [_rule(RULE_LEVEL[case[0]])] if case[0] in RULE_LEVEL else []
        out.append(pytest.param(*case, marks=marks, id=case[0][:40]))
    return out


#: sentence -> why the current extraction rules miss it (for the lead; not a dictionary gap)
RULE_LEVEL: dict[str, str] = {
    "Russia's sale of fighter jets to Algeria angered Morocco.": "noun rows cannot require the noun's 'of' complement (arms): a bare sale/to row would code trade figures ('sales to China fell'), so it is left out",
    "Egypt began importing Russian wheat through a barter arrangement.": "parse: 'importing' after 'began' read as an adjective of the object (amod), so no verb",
    "India buys record volumes of discounted Russian oil.": "parse: headline verb 'buys' read as an adjective (lemma 'busy'), the sentence has no verb",
    "US and South Korean forces conducted joint military exercises near the demilitarised zone.": "joint act of coordinated subjects ('US and South Korean forces') names no target; each conjunct should be the other's target (and 'US' is read as a compound)",
    "Russia sold S-400 air defence systems to Turkey in a 2.5 billion dollar deal.": "parse: 'to Turkey' attached as an acl of the object, so the target is the object ('systems', ---MIL) instead of Turkey",
    "Australia, Britain and the US deepen military cooperation under the AUKUS pact.": "parse: headline verb 'deepen' read as an adjective; no verb",
    "Serbia handed over the wartime general to the Hague tribunal in 2011.": "parse: 'over the wartime' read as an oblique with 'general' an adjective; the object head is 'wartime'",
    "Germany delivered Leopard tanks to Ukraine.": "parse: 'delivered' read as an adjective of 'tanks' (root); no verb",
    "Turkey sent rescue teams and tents to earthquake-hit Morocco.": "parse: 'to earthquake-hit Morocco' read as a to-clause, so the 'to' target is lost",
    "UNICEF delivered vaccines and clean water to children in Gaza.": "parse: 'delivered' read as an adjective of 'vaccines'; no verb",
    "Egyptian trucks carrying humanitarian aid entered Gaza through the Rafah crossing.": "a vehicle subject with a participle ('trucks carrying aid entered Gaza') is the delivery of aid by the trucks' country",
    "Russian peacekeepers deployed in Nagorno-Karabakh after the ceasefire.": "deploy with a peacekeeper subject is 074, not 154: the verb tables cannot condition on the subject",
    "Kenyan police officers arrived in Haiti to lead a multinational security mission.": "arrival of a security mission ('arrived ... to lead a mission') is 074, coded as a visit (042); needs the purpose clause or the subject",
    "Egypt's government unblocked dozens of news websites.": "parse: 'unblocked' read as an adjective; no verb",
    "Sudan's military handed power to a civilian government.": "parse: 'military' as subject tagged ADJ, so it is no actor and the event has no source",
    "Russia and Ukraine swapped dozens of prisoners of war.": "a swap by coordinated subjects is reciprocal: each should be the other's target, not the prisoners (---CVL)",
    "Britain unfroze Libyan assets held in London banks.": "parse: 'unfroze' read as an adjective and 'held' made the root",
    "Iraq let international observers monitor its parliamentary election.": "'let X do': X is the subject of the xcomp, not the object of 'let', so the let + observers pattern (086) is not reached",
    "Thousands of FARC fighters laid down their weapons.": "parse: 'their weapons' read as an oblique without a preposition, so the object pattern is not reached",
    "Israeli forces pulled out of Jenin after a two-day raid.": "parse: 'forces' read as a passive subject (nsubj:pass) of 'pulled', so it is taken as the object, not the source",
    "Malaysian authorities launched a probe into the 1MDB scandal.": "09 requires a target: an investigation into a non-actor ('the 1MDB scandal') should take the source's own country as target, as implicit_target does for domestic roots",
    "UN investigators documented evidence of war crimes by both sides in Sudan.": "parse: the subject 'UN investigators' read as obl:unmarked, so the event has no source",
    "North Korea walked out of the nuclear talks in Stockholm.": "particle read as the oblique's case marker ('out of the talks'): the oblique's preposition becomes 'out', hiding 'of', so 'walk out of' (164) loses to 'walk out' (140)",
    "Medecins Sans Frontieres pulled out of Somalia after attacks on its staff.": "withdrawal by an NGO, observer or UN mission is 166 (1661-1663), not a military retreat (0874): needs the subject's sector",
}


@pytest.mark.parametrize(("text", "root", "source", "target"), _case_params())
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
