"""Tests of the CAMEO codebook: table consistency, the lookup API and malformed files."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoevent import codebook as cb
from geoevent.errors import DictionaryError, UnknownCodeError

SHARED = Path(__file__).resolve().parents[2] / "shared"
PACKAGED_TSV = Path(cb.__file__).resolve().parent / "data" / "cameo_codebook.tsv"

ROOTS = [f"{i:02d}" for i in range(1, 21)]
ALL_CODES = cb.load_codebook()["code"].tolist()


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return cb.load_codebook()


# --- the table itself -------------------------------------------------------------------------


def test_columns_and_dtypes(table: pd.DataFrame) -> None:
    assert tuple(table.columns) == cb.CODEBOOK_COLUMNS
    for column in ("code", "name", "root_code", "base_code", "plover_type", "label"):
        assert table[column].dtype == object, column
        assert all(isinstance(v, str) for v in table[column]), column
    assert table["goldstein"].dtype == "float32"
    assert table["quad_class"].dtype == "int8"


def test_codes_unique_and_well_formed(table: pd.DataFrame) -> None:
    assert table["code"].is_unique
    assert all(re.fullmatch(r"[0-9]{2,4}", c) for c in table["code"])
    # the file is kept in code (string) order, which puts every parent before its children
    assert table["code"].tolist() == sorted(table["code"])


def test_all_roots_and_enough_codes(table: pd.DataFrame) -> None:
    codes = set(table["code"])
    assert set(ROOTS) <= codes
    assert not {c for c in codes if len(c) == 2} - set(ROOTS)
    assert len(codes) >= 280
    for root in ROOTS:  # every root has its "not specified below" code x0
        assert root + "0" in codes, root


@pytest.mark.parametrize(
    "family",
    [
        ["0211", "0212", "0213", "0214"],
        ["0311", "0312", "0313", "0314"],
        ["0331", "0332", "0333", "0334"],
        ["0831", "0832", "0833", "0834"],
        ["1041", "1042", "1043", "1044"],
        ["1121", "1122", "1123", "1124", "1125"],
        ["1241", "1242", "1243", "1244", "1245", "1246"],
        ["1311", "1312", "1313"],
        ["1381", "1382", "1383", "1384", "1385"],
        ["1411", "1412", "1413", "1414"],
        ["1451", "1452", "1453", "1454"],
        ["1621", "1622", "1623"],
        ["1711", "1712"],
        ["1721", "1722", "1723", "1724"],
        ["1821", "1822", "1823"],
        ["1831", "1832", "1833", "1834"],
        ["1951", "1952"],
        ["2041", "2042"],
    ],
)
def test_four_digit_families_present(family: list[str]) -> None:
    assert all(cb.is_valid_code(c) for c in family), [c for c in family if not cb.is_valid_code(c)]


def test_parents_exist_and_prefix_codes(table: pd.DataFrame) -> None:
    codes = set(table["code"])
    for row in table.itertuples(index=False):
        assert row.root_code in codes and len(row.root_code) == 2, row.code
        assert row.base_code in codes, row.code
        assert row.code.startswith(row.root_code), row.code
        assert row.code.startswith(row.base_code), row.code
        if len(row.code) == 2:
            assert row.base_code == row.code
        else:
            assert len(row.base_code) == 3


def test_quad_class_follows_root(table: pd.DataFrame) -> None:
    for row in table.itertuples(index=False):
        root = int(row.root_code)
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert row.quad_class == expected, row.code
    assert set(table["quad_class"]) == {1, 2, 3, 4}


def test_goldstein_range_and_sign(table: pd.DataFrame) -> None:
    assert table["goldstein"].between(-10, 10).all()
    assert table["goldstein"].notna().all()
    # material conflict is never scored as cooperation, material cooperation never as conflict
    assert (table.loc[table["quad_class"] == 4, "goldstein"] < 0).all()
    assert (table.loc[table["quad_class"] == 2, "goldstein"] > 0).all()


def test_documented_goldstein_choices() -> None:
    # docs/codebook.md: we follow GDELT's weights for 016 and 018
    assert cb.lookup("016").goldstein == -2.0
    assert cb.lookup("018").goldstein == 3.4
    # codes added after GDELT's table take their parent's weight
    assert cb.lookup("1951").goldstein == cb.lookup("195").goldstein
    assert cb.lookup("155").goldstein == cb.lookup("15").goldstein


def test_labels_and_plover_types(table: pd.DataFrame) -> None:
    for row in table.itertuples(index=False):
        assert row.label and re.fullmatch(r"[a-z][a-z-]*( [a-z][a-z-]*)?", row.label), row.code
        assert row.plover_type in cb.PLOVER_TYPES, row.code
        assert row.name.strip() and row.name[0].isupper(), row.code


@pytest.mark.parametrize(
    ("label", "codes", "name"),
    [
        ("authorize", ["081"], "Ease administrative sanctions"),
        ("strike", ["195", "1951", "1952"], "Employ aerial weapons"),
        ("deploy", ["154"], "Mobilize or increase armed forces"),
        ("condemn", ["111"], "Criticize or denounce"),
    ],
)
def test_headline_labels(label: str, codes: list[str], name: str) -> None:
    assert cb.codes_for_label(label) == codes
    assert cb.lookup(codes[0]).name == name
    assert all(cb.lookup(c).label == label for c in codes)


def test_root_plover_mapping_spot_checks() -> None:
    assert cb.lookup("042").plover_type == "CONSULT"
    assert cb.lookup("0841").plover_type == "RETREAT"  # YIELD splits into CONCEDE / RETREAT
    assert cb.lookup("083").plover_type == "CONCEDE"
    assert cb.lookup("10").plover_type == "REQUEST"
    assert cb.lookup("154").plover_type == "MOBILIZE"
    assert cb.lookup("195").plover_type == "ASSAULT"


# --- the lookup API ---------------------------------------------------------------------------


def test_lookup_entry_matches_table(table: pd.DataFrame) -> None:
    row = table.set_index("code").loc["0331"]
    entry = cb.lookup("0331")
    assert isinstance(entry, cb.CodebookEntry)
    assert (entry.name, entry.root_code, entry.base_code) == (row["name"], "03", "033")
    assert entry.quad_class == 1 and entry.goldstein == pytest.approx(float(row["goldstein"]))


@pytest.mark.parametrize("bad", ["42", "0", "999", "21", "00", "0000", "010 ", " 010", "", "04a", "1955"])
def test_lookup_unknown_code(bad: str) -> None:
    assert not cb.is_valid_code(bad)
    with pytest.raises(UnknownCodeError) as info:
        cb.lookup(bad)
    assert repr(bad) in str(info.value)
    assert isinstance(info.value, KeyError)


@pytest.mark.parametrize("bad", [42, 4.2, None, b"042", ["042"]])
def test_lookup_rejects_non_strings(bad: object) -> None:
    with pytest.raises(TypeError):
        cb.lookup(bad)  # type: ignore[arg-type]
    assert cb.is_valid_code(bad) is False  # type: ignore[arg-type]


def test_codes_for_label() -> None:
    assert cb.codes_for_label("no such label") == []
    investigate = cb.codes_for_label("investigate")
    assert investigate == ["09", "090", "091", "092", "093", "094"]
    with pytest.raises(TypeError):
        cb.codes_for_label(None)  # type: ignore[arg-type]


def test_load_codebook_returns_independent_copies() -> None:
    first = cb.load_codebook()
    first.loc[0, "label"] = "tampered"
    assert cb.load_codebook().loc[0, "label"] != "tampered"
    assert cb.lookup(first.loc[0, "code"]).label != "tampered"


@given(st.sampled_from(ALL_CODES))
def test_lookup_round_trips_every_code(code: str) -> None:
    entry = cb.lookup(code)
    assert entry.code == code
    assert cb.is_valid_code(code)
    assert code in cb.codes_for_label(entry.label)
    assert cb.lookup(entry.base_code).code == entry.base_code


@settings(max_examples=300)
@given(st.text(max_size=6))
def test_random_strings_are_rejected_unless_codes(text: str) -> None:
    if text in set(ALL_CODES):
        assert cb.lookup(text).code == text
    else:
        assert not cb.is_valid_code(text)
        with pytest.raises(UnknownCodeError):
            cb.lookup(text)


@given(st.integers(min_value=0, max_value=9999))
def test_numeric_strings_are_valid_exactly_when_listed(n: int) -> None:
    for text in {str(n), f"{n:02d}", f"{n:03d}", f"{n:04d}"}:
        assert cb.is_valid_code(text) == (text in set(ALL_CODES))


# --- malformed files --------------------------------------------------------------------------


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "codebook.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = PACKAGED_TSV.read_text(encoding="utf-8").splitlines()


def test_packaged_file_reads_like_load_codebook(table: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(cb.read_codebook(PACKAGED_TSV), table)


def _replace_field(line: str, column: str, value: str) -> str:
    fields = line.split("\t")
    fields[cb.CODEBOOK_COLUMNS.index(column)] = value
    return "\t".join(fields)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("goldstein", "eleven", "not a number"),
        ("goldstein", "12.0", "outside"),
        ("quad_class", "3", "quad_class"),
        ("root_code", "02", "root_code"),
        ("base_code", "011", "base_code"),
        ("plover_type", "DEMAND", "PLOVER"),
        ("label", "", "label"),
        ("label", "Meet", "label"),
        ("code", "42", "root_code"),
        ("code", "x10", "digits"),
    ],
)
def test_malformed_field_names_file_and_line(tmp_path: Path, column: str, value: str, message: str) -> None:
    lines = list(GOOD)
    target = next(i for i, line in enumerate(lines) if line.startswith("010\t"))
    lines[target] = _replace_field(lines[target], column, value)
    path = _write(tmp_path, lines)
    with pytest.raises(DictionaryError) as info:
        cb.read_codebook(path)
    assert info.value.path == str(path)
    assert info.value.line == target + 1
    assert f"{path}:{target + 1}" in str(info.value)
    assert message in str(info.value)


def test_malformed_structure(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match=":1: header"):
        cb.read_codebook(_write(tmp_path, ["code\tname"] + GOOD[1:]))
    with pytest.raises(DictionaryError, match=r":3: expected 8 tab-separated fields, got 7"):
        cb.read_codebook(_write(tmp_path, [GOOD[0], GOOD[1], GOOD[2].rsplit("\t", 1)[0]]))
    with pytest.raises(DictionaryError, match=r":4: duplicate code '01' \(first on line 2\)"):
        cb.read_codebook(_write(tmp_path, [GOOD[0], GOOD[1], GOOD[2], GOOD[1]]))
    with pytest.raises(DictionaryError, match=":3: blank line"):
        cb.read_codebook(_write(tmp_path, [GOOD[0], GOOD[1], "", GOOD[2]]))
    with pytest.raises(DictionaryError, match="no codes"):
        cb.read_codebook(_write(tmp_path, [GOOD[0]]))
    with pytest.raises(DictionaryError, match="cannot read"):
        cb.read_codebook(tmp_path / "missing.tsv")


def test_missing_parent_is_reported_on_the_child_line(tmp_path: Path) -> None:
    lines = [line for line in GOOD if not line.startswith("033\t")]
    child = next(i for i, line in enumerate(lines) if line.startswith("0331\t"))
    with pytest.raises(DictionaryError, match=rf":{child + 1}: code 0331: parent code '033' is missing"):
        cb.read_codebook(_write(tmp_path, lines))


# --- agreement with the rest of the project ---------------------------------------------------


def test_rule_tables_use_valid_codes() -> None:
    rules = Path(cb.__file__).resolve().parent / "data" / "rules" / "intent_codes.tsv"
    if not rules.exists():
        pytest.skip("geoevent/data/rules/intent_codes.tsv not present")
    rows = [line.split("\t") for line in rules.read_text().splitlines() if line and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    assert body, "intent_codes.tsv has no rows"
    for row in body:
        record = dict(zip(header, row, strict=True))
        assert cb.is_valid_code(record["root"]) and cb.is_valid_code(record["intent_code"]), row


def test_petrarch_verb_dictionary_codes_are_known() -> None:
    verbs = SHARED / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
    if not verbs.exists():
        pytest.skip(f"shared data not found at {verbs} (needs the ../shared checkout)")
    found = set()
    for match in re.finditer(r"\[([0-9]{2,4})(?::([0-9]{2,4}))?!?\]", verbs.read_text(encoding="latin-1")):
        found.update(code for code in match.groups() if code)
    assert len(found) > 200
    assert sorted(c for c in found if not cb.is_valid_code(c)) == []
