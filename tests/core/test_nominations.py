"""The statement of persons nominated, read from CSV bytes (countdesk.core.nominations)."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countdesk.core.electionfile import ElectionFileError
from countdesk.core.nominations import (
    MAX_BYTES,
    Nomination,
    NominationsError,
    check_colour,
    parse_nominations,
)
from helpers import SEEDS

HEADER = "ward,surname,forenames,description,party,colour,seats,electorate\n"


def problems(data: bytes) -> list[tuple[int, str]]:
    with pytest.raises(NominationsError) as info:
        parse_nominations(data)
    err = info.value
    assert "\n" not in str(err)
    return err.problems


def test_the_example_file_reads_with_every_accent() -> None:
    rows = parse_nominations((SEEDS / "nominations-example.csv").read_bytes())
    assert len(rows) == 5
    assert {r.ward for r in rows} == {"Castle"}
    assert all(r.seats == 3 and r.electorate == 7450 for r in rows)
    first = rows[0]
    assert first == Nomination(ward="Castle", surname="Ó Súilleabháin", forenames="Siobhán",
                               description="Green Party", party="Green Party", colour="#02A95B",
                               seats=3, electorate=7450, line=2)
    assert rows[3].surname == "O’Neill" and rows[3].forenames == "Siân"
    assert rows[4].party == "Independent" and rows[4].colour is None  # party defaults to description


def test_utf8_plain_and_with_bom_give_the_same_rows() -> None:
    text = HEADER + "Castle,O’Neill,Siân,Labour Party,Labour,#e4003b,2,\nCastle,Zoë,Ann,Green Party,,,,\n"
    plain = parse_nominations(text.encode("utf-8"))
    bom = parse_nominations(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert plain == bom
    assert plain[0].colour == "#E4003B"  # capitals
    assert plain[1].party == "Green Party"
    assert plain[1].seats == 2  # the ward's seats, from whichever line gives them
    assert [r.line for r in plain] == [2, 3]


def test_windows_1252_as_excel_writes_it() -> None:
    text = ("Ward,Surname,Other names,Description\r\n"
            "Castle,O’Neill,Siân,Liberal Democrats\r\n"
            "Castle,Brontë,Zoë,Independent\r\n")
    data = text.encode("cp1252")
    assert b"\x92" in data and b"\xe2" in data and b"\xeb" in data  # really Windows-1252
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    rows = parse_nominations(data)
    assert [(r.surname, r.forenames) for r in rows] == [("O’Neill", "Siân"), ("Brontë", "Zoë")]


def test_semicolons_tabs_and_an_excel_sep_line() -> None:
    semi = "ward;surname;forenames;description;seats\nCastle;Smith;Ann;Labour, Co-operative;3\n"
    rows = parse_nominations(semi.encode())
    assert rows[0].description == "Labour, Co-operative" and rows[0].seats == 3
    tabs = "ward\tsurname\tforenames\tdescription\nCastle\tSmith\tAnn\tLabour\n"
    assert parse_nominations(tabs.encode())[0].surname == "Smith"
    sep = "sep=;\nward;surname;forenames;description\nCastle;Smith;Ann;Labour\n"
    rows = parse_nominations(sep.encode())
    assert rows[0].line == 3


def test_headings_ignore_case_spaces_and_underscores_and_quoting_works() -> None:
    text = ('WARD ,Surname,Other_Names,DESCRIPTION,Party,Color\n'
            'Castle,"Smith, Jr",Ann,"Labour, Co-operative","Labour",#000000\n')
    r = parse_nominations(text.encode())[0]
    assert (r.surname, r.forenames, r.party, r.colour) == ("Smith, Jr", "Ann", "Labour", "#000000")


def test_names_are_trimmed_and_normalised_to_nfc() -> None:
    decomposed = "Sia\u0302n"  # a + combining circumflex
    text = HEADER + f"  Castle , O'Neill ,  {decomposed} ,Labour,,,1,\n"
    r = parse_nominations(text.encode())[0]
    assert (r.ward, r.surname, r.forenames) == ("Castle", "O'Neill", "Siân")


def test_line_endings_blank_lines_and_empty_spreadsheet_rows() -> None:
    text = HEADER + "\n,,,,,,,\nCastle,Smith,Ann,Labour,,,1,\r\n\r\nCastle,Jones,Bob,Green,,,,\r"
    rows = parse_nominations(text.encode())
    assert [(r.surname, r.line) for r in rows] == [("Smith", 4), ("Jones", 6)]
    mac = HEADER.replace("\n", "\r") + "Castle,Smith,Ann,Labour,,,1,\r"
    assert parse_nominations(mac.encode())[0].line == 2


def test_wards_are_matched_ignoring_case_and_accents_and_keep_the_first_spelling() -> None:
    text = HEADER + "Öld Town,Smith,Ann,Labour,,,3,\nold town,Jones,Bob,Green,,,,\n"
    rows = parse_nominations(text.encode())
    assert {r.ward for r in rows} == {"Öld Town"}
    assert all(r.seats == 3 for r in rows)


def test_every_bad_line_is_reported_by_number_and_nothing_is_returned() -> None:
    text = (HEADER
            + "Castle,Smith,Ann,Labour,,,3,\n"        # 2 fine
            + "Castle,,Ann,Labour,,,,\n"              # 3 surname empty
            + "Castle,Jones,Bob,Labour,,red,,\n"      # 4 bad colour
            + "Castle,Evans,Cy,Labour,,,two,\n"       # 5 seats not a number
            + ",Price,Di,Labour,,,,\n"                # 6 no ward
            + "Castle,Hughes,Ed,Labour,,,,-5\n")      # 7 negative electorate
    found = problems(text.encode())
    assert [n for n, _ in found] == [3, 4, 5, 6, 7]
    messages = dict(found)
    assert messages[3] == "surname is empty"
    assert "'red' is not a colour" in messages[4]
    assert "'two' is not a number" in messages[5]
    assert messages[6] == "ward name is empty"
    assert "negative" in messages[7]
    with pytest.raises(NominationsError) as info:
        parse_nominations(text.encode())
    summary = str(info.value)
    assert summary.startswith("5 bad lines: line 3: surname is empty; line 4: ")


def test_the_summary_names_the_first_problems_and_counts_the_rest() -> None:
    text = HEADER + "".join(f"Castle,,x{i},y,,,,\n" for i in range(9))
    with pytest.raises(NominationsError) as info:
        parse_nominations(text.encode())
    assert len(info.value.problems) == 9
    assert str(info.value).startswith("9 bad lines: line 2: surname is empty;")
    assert str(info.value).endswith("; and 4 more")


def test_duplicate_candidates_in_a_ward_ignoring_case_accents_and_spacing() -> None:
    text = (HEADER + "Castle,O’Neill,Siân,Liberal Democrats,,,3,\n"
            + "Castle,o’neill,  sian ,LIBERAL DEMOCRATS,,,,\n"
            + "Castle,O’Neill,Siân,Independent,,,,\n"       # same name, other description: a different person
            + "Hill,O’Neill,Siân,Liberal Democrats,,,1,\n")  # another ward: fine
    assert problems(text.encode()) == [(3, "O’NEILL, sian (LIBERAL DEMOCRATS) in Castle repeats line 2")]


def test_seats_and_electorate_must_agree_across_a_ward() -> None:
    text = (HEADER + "Castle,A,a,x,,,3,7000\nCastle,B,b,x,,,2,\nCastle,C,c,x,,,3,7001\n"
            + "Castle,D,d,x,,,0,\n")
    found = problems(text.encode())
    assert found[0] == (3, "seats 2 for Castle differs from 3 on line 2")
    assert found[1] == (4, "electorate 7,001 for Castle differs from 7,000 on line 2")
    assert found[2] == (5, "seats must be at least 1 (got 0)")


@pytest.mark.parametrize(("cell", "message"), [
    ("1.5", "whole number"), ("abc", "not a number"), ("-1", "negative"), ("99999999999", "too large"),
])
def test_bad_seats(cell: str, message: str) -> None:
    found = problems((HEADER + f"Castle,A,a,x,,,{cell},\n").encode())
    assert found[0][0] == 2 and message in found[0][1]


def test_grouped_figures_are_read() -> None:
    r = parse_nominations((HEADER + 'Castle,A,a,x,,," 3 ","7,450"\n').encode())[0]
    assert (r.seats, r.electorate) == (3, 7450)


@pytest.mark.parametrize(("name", "message"), [
    ("x" * 201, "201 characters long; the limit is 200"),
    ("Smith\u202e", "control or invisible character (U+202E)"),   # right-to-left override
    ("Sm\x07ith", "control or invisible character (U+0007)"),
    ("Smith\u200b", "control or invisible character (U+200B)"),  # zero-width space
])
def test_bad_names(name: str, message: str) -> None:
    found = problems((HEADER + f"Castle,{name},a,x,,,1,\n").encode())
    assert len(found) == 1 and found[0][0] == 2
    assert found[0][1].startswith("surname ") and message in found[0][1]


def test_names_in_other_scripts_and_emoji_are_kept() -> None:
    text = HEADER + "Castle,كريم,أحمد,Independent,,,1,\nCastle,Smith 🌹,Ann,Labour,,,,\n"
    rows = parse_nominations(text.encode())
    assert [r.surname for r in rows] == ["كريم", "Smith 🌹"]


def test_a_multi_line_field_is_refused_on_the_line_it_starts() -> None:
    text = HEADER + 'Castle,"Smith\nJones",a,x,,,1,\nCastle,B,b,x,,,,\n'
    assert problems(text.encode()) == [(2, "surname contains a control or invisible character (U+000A)")]


def test_extra_values_and_values_under_no_heading() -> None:
    found = problems((HEADER + "Castle,A,a,x,,,1,,surplus\nCastle,B,b,x,,,,,,\n").encode())
    assert found == [(2, "there are more values than columns (a value in column 9)")]
    found = problems(b"ward,surname,,forenames,description\nCastle,A,oops,a,x\n")
    assert found == [(2, "there is a value in column 3, which has no heading")]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "the file is empty"),
    (b"  \r\n\n ", "the file is empty"),
    (codecs.BOM_UTF8, "the file is empty"),
    (b",,,\n,,,\n", "the file is empty"),
    (HEADER.encode(), "the file has a heading row but no candidates"),
    ((HEADER + "\n,,,,,,,\n").encode(), "the file has a heading row but no candidates"),
])
def test_empty_files(data: bytes, message: str) -> None:
    assert problems(data) == [(0, message)]


def test_a_missing_heading_row() -> None:
    found = problems(b"Castle,Smith,Ann,Labour\n")
    assert found[0][0] == 1
    assert found[0][1].startswith("the first line must be a heading row naming the columns")
    assert "'Castle'" in found[0][1]


def test_missing_unknown_and_repeated_columns() -> None:
    assert problems(b"ward,surname,description\nCastle,A,x\n") == [
        (1, "the heading row has no 'forenames' column (the columns are: ward, surname, forenames, "
            "description, party, colour, seats, electorate, party_id, commonly_used_forenames, "
            "commonly_used_surname, ballot_position, address)")]
    found = problems(b"ward,surname,forenames,description,agent,vote\nCastle,A,a,x,,\n")
    assert [m for _, m in found][:2] == ["unknown column 'agent'", "unknown column 'vote' (the columns "
                                         "are: ward, surname, forenames, description, party, colour, "
                                         "seats, electorate, party_id, commonly_used_forenames, "
                                         "commonly_used_surname, ballot_position, address)"]
    found = problems(b"ward,surname,forenames,other names,description\nCastle,A,a,b,x\n")
    assert found[0] == (1, "the columns 'forenames' and 'other names' are the same column "
                           "(the columns are: ward, surname, forenames, description, party, colour, "
                           "seats, electorate, party_id, commonly_used_forenames, "
                           "commonly_used_surname, ballot_position, address)")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused_with_how_to_save(encoding: str) -> None:
    data = (HEADER + "Castle,O’Neill,Siân,Labour,,,1,\n").encode(encoding)
    found = problems(data)
    assert found[0][0] == 0
    assert "UTF-16" in found[0][1] or "UTF-32" in found[0][1] or "binary" in found[0][1]
    assert "CSV UTF-8" in found[0][1] or "binary" in found[0][1]


@pytest.mark.parametrize(("data", "word"), [
    (b"PK\x03\x04\x14\x00\x06\x00rest of a workbook", "Excel workbook (.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old workbook", "old Excel workbook"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    (bytes(range(256)) * 4, "binary data"),
])
def test_workbooks_and_binary_files_are_refused(data: bytes, word: str) -> None:
    found = problems(data)
    assert len(found) == 1 and word in found[0][1]


def test_a_file_mixing_utf8_and_windows_1252_is_refused_with_the_line() -> None:
    data = codecs.BOM_UTF8 + HEADER.encode() + "Castle,O’Neill,Siân,x,,,1,\n".encode("cp1252")
    found = problems(data)
    assert found[0][0] == 2 and "mixes encodings" in found[0][1]


def test_bytes_that_are_neither_utf8_nor_windows_1252() -> None:
    data = HEADER.encode() + b"Castle,Sm\x81th,a,x,,,1,\n"
    found = problems(data)
    assert found[0][0] == 2 and "neither UTF-8 nor Windows-1252" in found[0][1]


def test_a_huge_file_is_refused_before_reading_it() -> None:
    found = problems(b"a" * (MAX_BYTES + 1))
    assert "far smaller" in found[0][1]


def test_a_field_over_the_csv_limit_is_a_bad_line_not_a_crash() -> None:
    data = HEADER.encode() + b'Castle,"' + b"x" * 200_000 + b'",a,x,,,1,\n'
    found = problems(data)
    assert found[0][0] == 2


def test_check_colour() -> None:
    assert check_colour("#a1b2c3") == "#A1B2C3"
    assert check_colour("  ") is None and check_colour(None) is None
    for bad in ("red", "#12345", "#1234567", "a1b2c3", "#GGGGGG"):
        with pytest.raises(ElectionFileError, match="is not a colour like"):
            check_colour(bad)


# ---------------------------------------------------------------- fuzzing
def _parse_or_refuse(data: bytes) -> None:
    try:
        rows = parse_nominations(data)
    except NominationsError as exc:
        assert exc.problems and str(exc)
        assert "\n" not in str(exc)
        return
    assert rows and all(isinstance(r, Nomination) for r in rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_fuzz_random_bytes_give_rows_or_a_clear_refusal(data: bytes) -> None:
    _parse_or_refuse(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1000))
def test_fuzz_random_bytes_after_a_good_heading(data: bytes) -> None:
    _parse_or_refuse(HEADER.encode() + data)


_cells = st.one_of(
    st.text(max_size=25),
    st.sampled_from(["Castle", "castle", "Öld Town", "3", "0", "-1", "1,234", "#FF0000", "red", "",
                     "O’Neill", "Siân", "Zoë", '"', ";", ",", "\n", "\r", "\x00", "\ufeff"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(st.sampled_from(["ward", "surname", "forenames", "Other Names", "description",
                                        "party", "colour", "seats", "electorate", "x", ""]),
                       max_size=9),
       rows=st.lists(st.lists(_cells, max_size=10), max_size=12),
       delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_fuzz_random_csv_text_gives_rows_or_a_clear_refusal(
        header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding, errors="replace")
    _parse_or_refuse(data)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["Castle", "Hill"]),
                               st.text(alphabet="abcdefghijkl ’'-ÀéîõüŁ", min_size=1, max_size=12),
                               st.text(alphabet="abcdefghij ", max_size=10)), min_size=1, max_size=10))
def test_fuzz_well_formed_files_read_back_exactly(rows: list[tuple[str, str, str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["ward", "surname", "forenames", "description", "seats"])
    for ward, surname, forenames in rows:
        writer.writerow([ward, surname, forenames, "Independent", 1])
    try:
        got = parse_nominations(out.getvalue().encode("utf-8"))
    except NominationsError as exc:
        # only blank surnames or repeated candidates may be refused
        assert all("surname is empty" in m or "repeats line" in m for _, m in exc.problems), exc
        return
    assert [(r.ward, r.surname, r.forenames) for r in got] == [
        (w, s.strip(), f.strip()) for w, s, f in rows]


def test_the_documented_example_is_the_example_file() -> None:
    doc = (SEEDS.parent / "docs" / "nominations-csv.md").read_text(encoding="utf-8")
    block = doc.split("```csv\n", 1)[1].split("```", 1)[0]
    assert block == (SEEDS / "nominations-example.csv").read_text(encoding="utf-8")
