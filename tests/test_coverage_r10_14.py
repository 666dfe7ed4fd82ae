"""Coverage of CAMEO roots 10-14 (demand, disapprove, reject, threaten, protest) on news wording
of our own (issue 11): each family of verb_cov10_14.tsv / nouns_cov10_14.tsv on sentences that are
not in the development set, coded in one batch with the built-in parser and dictionaries, plus
controls that must code nothing."""

from __future__ import annotations

import warnings

import pytest

from tests.helpers import code_texts

# (text, date, expected root, source country or None, target country or None)
CASES = [
    # 10 demand
    ("Washington insisted on the immediate withdrawal of Syrian troops from Lebanon.", "2005-03-02", "10", "USA", None),
    ("The Arab League demanded the release of the Lebanese prisoners held by Israel.", "2006-07-20", "10", "IGO", None),
    ("Beijing demanded an apology from Washington after the spy plane collision.", "2001-04-03", "10", "CHN", "USA"),
    ("Ankara demanded the extradition of the cleric from the United States.", "2016-07-19", "10", "TUR", "USA"),
    ("Peru's congress demanded the resignation of President Alberto Fujimori.", "2000-11-20", "10", "PER", "PER"),
    ("The Security Council instructed Iraq to destroy its chemical weapons.", "1991-04-03", "10", "IGO", "IRQ"),
    ("Tokyo demanded that Pyongyang return the abducted Japanese citizens.", "2002-10-01", "10", "JPN", "PRK"),
    # order + the ordered act: not a bare demand
    ("The Kremlin ordered the expulsion of 23 British diplomats.", "2018-03-17", "16", "RUS", "GBR"),
    ("Cairo ordered the closure of Al Jazeera's office.", "2013-09-03", "16", "EGY", None),
    ("A court in Ankara ordered the dissolution of the pro-Kurdish party.", "2009-12-11", "17", "TUR", "TUR"),
    ("The junta in Conakry ordered the arrest of the former president.", "2009-01-05", "17", "GIN", "GIN"),
    ("Islamabad ordered the deportation of Afghan refugees.", "2023-10-04", "17", "PAK", "AFG"),
    ("Kiev ordered the arrest of the separatist leaders.", "2014-04-10", "17", "UKR", None),
    # 11 disapprove
    ("Brazil's president said he was unhappy with the IMF's conditions.", "2003-02-10", "11", "BRA", "IGO"),
    ("Canada was highly critical of Saudi Arabia's detention of activists.", "2018-08-06", "11", "CAN", "SAU"),
    ("Moscow expressed dissatisfaction with the OSCE monitoring mission.", "1999-11-05", "11", "RUS", "IGO"),
    ("Pretoria expressed displeasure at Israel's raid on the flotilla.", "2010-06-01", "11", "ZAF", "ISR"),
    (
        "Sri Lanka's president lashed out at the United Nations over the war crimes inquiry.",
        "2011-04-26",
        "11",
        "LKA",
        "IGO",
    ),
    ("Venezuela hit out at Washington over the new visa restrictions.", "2015-03-10", "11", "VEN", "USA"),
    ("Beijing protested to Tokyo over the shrine visit.", "2005-10-17", "11", "CHN", "JPN"),
    ("Seoul registered a strong protest with Tokyo over the textbook revisions.", "2001-04-04", "11", "KOR", "JPN"),
    (
        "The Philippines lodged a diplomatic protest with Beijing over the water cannon incident.",
        "2023-08-07",
        "11",
        "PHL",
        "CHN",
    ),
    ("Greek Cypriot lawmakers delivered a petition to the European Parliament.", "2004-05-03", "11", "CYP", "IGO"),
    (
        "Nicaragua took the United States to the International Court of Justice in 1984.",
        "1984-04-09",
        "11",
        "NIC",
        "USA",
    ),
    (
        "Ecuador filed a lawsuit against Colombia at the international court over aerial spraying.",
        "2008-04-01",
        "11",
        "ECU",
        "COL",
    ),
    ("Pakistan accused India of sponsoring militants in Balochistan.", "2016-03-26", "11", "PAK", "IND"),
    ("The German chancellor took Washington to task over its tariffs.", "2018-06-01", "11", "DEU", "USA"),
    ("Tehran poured scorn on the European peace plan.", "2004-10-22", "11", "IRN", None),
    ("Russian media heaped criticism on the Georgian president.", "2008-08-20", "11", "RUS", "GEO"),
    # 12 reject
    (
        "The Serbian government brushed aside demands from Brussels to recognise Kosovo.",
        "2008-02-20",
        "12",
        "SRB",
        None,
    ),
    ("Russia cast its veto against a Security Council resolution on Georgia.", "2009-06-15", "12", "RUS", "IGO"),
    ("The United States used its veto to block a resolution critical of Israel.", "2011-02-18", "12", "USA", None),
    ("Norway's parliament voted against the membership treaty in 1994.", "1994-11-28", "12", "NOR", None),
    ("Iran's parliament vetoed the bill on women's rights.", "2004-05-11", "12", "IRN", None),
    ("Washington blocked the acquisition of the port operator by a Dubai company.", "2006-03-09", "12", "USA", "ARE"),
    ("Belarus disregarded the ruling of the European Court of Human Rights.", "2012-05-02", "12", "BLR", "IGO"),
    ("Beijing rejected Washington's call for talks on the trade dispute.", "2019-05-14", "12", "CHN", "USA"),
    ("Iran rejected the IAEA's demand for access to its nuclear sites.", "2007-02-22", "12", "IRN", "IGO"),
    ("Senate Republicans shot down the proposal from the White House.", "1994-08-10", "12", "USA", "USA"),
    # 13 threaten
    ("Washington gave Belgrade a deadline to withdraw its forces from Kosovo.", "1998-10-13", "13", "USA", "SRB"),
    ("NATO set a deadline for the Bosnian Serbs to pull back their heavy weapons.", "1994-02-09", "13", "IGO", "BIH"),
    ("Beijing sent a stern warning to Taipei over the planned referendum.", "2003-11-28", "13", "CHN", "TWN"),
    ("Israel threatened Hezbollah with massive retaliation.", "2006-07-13", "13", "ISR", "LBN"),
    ("Turkey threatened the Netherlands with legal action.", "2017-03-12", "13", "TUR", "NLD"),
    (
        "The Kurdish regional government threatened a referendum on independence from Baghdad.",
        "2014-07-03",
        "13",
        "IRQ",
        "IRQ",
    ),
    ("Russian officials warned Kyiv of retaliation.", "2014-08-11", "13", "RUS", "UKR"),
    ("North Korea warned South Korea of a military response.", "2010-05-24", "13", "PRK", "KOR"),
    ("Ankara threatened to expel the Dutch ambassador.", "2017-03-11", "13", "TUR", "NLD"),
    ("The EU threatened Russia with a gas boycott.", "2009-01-08", "13", "IGO", "RUS"),
    ("Iraq threatened reprisals against Kuwait.", "1990-07-18", "13", "IRQ", "KWT"),
    ("Hamas threatened revenge against Israel.", "2004-03-22", "13", "PSE", "ISR"),
    # 14 protest
    ("The opposition enforced a general strike across Nepal.", "2006-04-06", "14", "NPL", "NPL"),
    ("The Ugandan opposition leader called a general strike.", "2011-04-20", "14", "UGA", "UGA"),
    ("Copper miners joined the nationwide strike in Chile.", "1973-05-10", "14", "CHL", "CHL"),
    ("Workers at the Ford plant in Chennai continued their strike.", "2021-09-15", "14", "IND", "IND"),
    ("Teachers in Nairobi went on strike over pay.", "2015-09-01", "14", "KEN", "KEN"),
    (
        "Thousands of Argentines poured into the streets of Buenos Aires to protest the bank freeze.",
        "2001-12-20",
        "14",
        "ARG",
        "ARG",
    ),
    ("Students in Jakarta burned American flags outside the US embassy.", "2003-03-21", "14", "IDN", "USA"),
    ("Demonstrators in Karachi chanted slogans against the French president.", "2020-10-30", "14", "PAK", "FRA"),
    ("Protesters in Khartoum chanted anti-government slogans.", "2019-01-17", "14", "SDN", "SDN"),
    ("A student set himself on fire in Tunis in protest against police harassment.", "2011-01-20", "14", "TUN", "TUN"),
    ("Farmers set up roadblocks on highways across Bolivia.", "2000-09-22", "14", "BOL", "BOL"),
    ("Bolivian coca growers set up blockades on the main highway.", "2002-01-16", "14", "BOL", "BOL"),
    ("Protesters put up barricades in the centre of Kyiv.", "2014-01-20", "14", "UKR", "UKR"),
    (
        "Coal miners in Kemerovo staged a sit-in outside the regional government headquarters.",
        "1998-05-20",
        "14",
        "RUS",
        "RUS",
    ),
    ("Rioters smashed shop windows in central Athens after the police shooting.", "2008-12-08", "14", "GRC", "GRC"),
    ("Protesters stormed the parliament building in Bishkek.", "2010-04-07", "14", "KGZ", "KGZ"),
    ("Rioters set fire to government offices in Dhaka.", "2013-02-28", "14", "BGD", "BGD"),
    (
        "Jailed Kurdish activists pressed on with their hunger strike in Turkish prisons.",
        "2012-11-05",
        "14",
        "TUR",
        "TUR",
    ),
    ("Palestinian detainees joined the hunger strike in Israeli jails.", "2012-04-25", "14", "PSE", "ISR"),
    (
        "Palestinian prisoners refused meals to protest solitary confinement in Israeli jails.",
        "2017-04-20",
        "14",
        "PSE",
        None,
    ),
    ("Protesters thronged the streets of Caracas.", "2002-04-11", "14", "VEN", "VEN"),
    ("Opposition supporters filled the main square in Minsk.", "2006-03-20", "14", "BLR", "BLR"),
    ("Workers in Seoul resumed their strike at the Hyundai plant.", "2003-07-02", "14", "KOR", "KOR"),
    ("Palestinians declared a boycott of Israeli goods.", "2010-01-05", "14", "PSE", "ISR"),
    ("Protesters blockaded the parliament in Tirana.", "1997-03-02", "14", "ALB", "ALB"),
    ("Rioters went on a rampage in Jakarta.", "1998-05-14", "14", "IDN", "IDN"),
    ("A Zimbabwean court struck down a police ban on protests in central Harare.", "2016-09-07", "08", "ZWE", "ZWE"),
    # event nouns
    ("Russia's veto on the Syria resolution drew criticism.", "2012-02-05", "12", "RUS", None),
    ("China's formal protest to Japan was delivered on Monday.", "2012-09-10", "11", "CHN", "JPN"),
    ("The Chinese warning to Taiwan came after the vote.", "2000-03-19", "13", "CHN", "TWN"),
    ("Gambia's suit against Myanmar opened in The Hague.", "2019-12-10", "11", "GMB", "MMR"),
    ("The American boycott of the Moscow Olympics hurt the Soviet Union in 1980.", "1980-03-21", "14", "USA", "RUS"),
]

CONTROLS = [
    ("Heavy rain flooded the streets of Mumbai on Tuesday.", "2005-07-26"),
    ("Organisers set a deadline of June for entries.", "2010-01-10"),
    ("The chef demonstrated his skills at a festival in Lyon.", "2015-10-02"),
    ("The minister demonstrated the new app at a technology fair in Seoul.", "2019-06-12"),
    ("Fans chanted slogans during the match in Madrid.", "2012-05-05"),
    ("Florida's governor ordered the evacuation of coastal areas ahead of the hurricane.", "2017-09-07"),
    ("Thousands of pilgrims poured into Mecca for the hajj.", "2011-11-03"),
    ("Parliament heaped praise on the departing speaker in Wellington.", "2013-05-29"),
    ("Firefighters in California set up barriers around the burning forest.", "2020-09-10"),
]


@pytest.fixture(scope="module")
def coded() -> dict[str, list[tuple[str, str, str | None]]]:
    texts = [c[0] for c in CASES] + [c[0] for c in CONTROLS]
    dates = [c[1] for c in CASES] + [c[1] for c in CONTROLS]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        per_text = code_texts(texts, dates)
    out: dict[str, list[tuple[str, str, str | None]]] = {t: [] for t in texts}
    for text, got in zip(texts, per_text):
        out[text].extend(got)
    return out


def _country(code: str | None) -> str | None:
    return None if code is None else code[:3]


@pytest.mark.parametrize(("text", "date", "root", "source", "target"), CASES, ids=[c[0][:48] for c in CASES])
def test_family_codes_the_expected_root(coded, text, date, root, source, target):
    got = coded[text]
    hits = [
        e
        for e in got
        if e[1][:2] == root
        and (source is None or _country(e[0]) == source)
        and (target is None or _country(e[2]) == target)
    ]
    assert hits, f"{text!r}: expected root {root} {source}->{target}, got {got}"


def test_order_codes_the_ordered_act_not_a_demand(coded):
    for text, _date, root, _s, _t in CASES:
        if " ordered the " in text and root != "10":
            assert all(e[1][:2] != "10" for e in coded[text]), (text, coded[text])


@pytest.mark.parametrize(("text", "date"), CONTROLS, ids=[c[0][:48] for c in CONTROLS])
def test_control_codes_nothing(coded, text, date):
    assert coded[text] == [], f"{text!r} coded {coded[text]}"
