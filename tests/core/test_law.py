"""One citation table per jurisdiction (issue 13): every key in both, English as printed
before, Welsh never an English number; the election file's jurisdiction and languages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countdesk.core.electionfile import ElectionFileError, parse_election
from countdesk.core.law import (
    CITATIONS,
    ENGLAND,
    WALES,
    cite,
    clean_jurisdiction,
    clean_languages,
    english_citations,
    localise,
)


def test_both_tables_cite_the_same_rules() -> None:
    assert set(CITATIONS[ENGLAND]) == set(CITATIONS[WALES])
    assert cite(ENGLAND, "lots") == "rule 49" and cite(ENGLAND, "provisional") == "rule 46(2)"
    for key, text in CITATIONS[WALES].items():
        assert english_citations(text) == [], key
        assert "Wales Rules 2021" in text
    assert cite(WALES, "unopposed") == "Wales Rules 2021 Sch 1 rule 20(3)"


def test_localise_swaps_each_english_citation_and_leaves_england_alone() -> None:
    text = "show it (rule 46(2)) first; lots must be drawn (rule 49) before declaring"
    assert localise(text, ENGLAND) == text
    welsh = localise(text, WALES)
    assert english_citations(welsh) == []
    assert cite(WALES, "provisional") in welsh and cite(WALES, "lots") in welsh
    assert localise("rule 12 of the timetable", WALES) == "rule 12 of the timetable"


@given(st.lists(st.sampled_from(sorted(CITATIONS[ENGLAND])), min_size=1, max_size=6),
       st.text(alphabet="abc ,.()", max_size=10))
def test_no_english_citation_survives_localising(keys: list[str], filler: str) -> None:
    text = filler.join(f"({cite(ENGLAND, k)})" for k in keys)
    assert english_citations(localise(text, WALES)) == []
    assert len(english_citations(text)) == len(keys)


def test_the_jurisdiction_and_languages_are_checked() -> None:
    assert clean_jurisdiction(None) == ENGLAND and clean_jurisdiction(" Wales ") == WALES
    assert clean_languages(None) == ("en",) and clean_languages(["cy", "en"]) == ("cy", "en")
    assert clean_languages("en, cy") == ("en", "cy")
    for bad in ("scotland", 3):
        with pytest.raises(ValueError, match="england"):
            clean_jurisdiction(bad)
    for langs in (["cy"], ["fr", "en"], ["en", "en"], "cy"):
        with pytest.raises(ValueError, match="languages"):
            clean_languages(langs)


def _file(**extra: object) -> dict[str, object]:
    return {"format": "countdesk-election/1", "authority": "Cyngor", "title": "Etholiad",
            "poll_date": "2022-05-05", **extra,
            "wards": [{"name": "Barmouth", "name_cy": "Abermaw", "seats": 1, "candidates": [
                {"surname": "Puw", "forenames": "Elin", "address": " Tŷ Gwyn, Y Bala "}]}]}


def test_the_election_file_carries_jurisdiction_languages_welsh_names_and_addresses() -> None:
    spec = parse_election(_file(jurisdiction="wales", languages=["cy", "en"]))
    assert (spec.jurisdiction, spec.languages) == ("wales", ("cy", "en"))
    assert spec.wards[0].name_cy == "Abermaw"
    assert spec.wards[0].candidates[0].address == "Tŷ Gwyn, Y Bala"
    plain = parse_election(_file())
    assert (plain.jurisdiction, plain.languages) == ("england", ("en",))
    with pytest.raises(ElectionFileError, match="jurisdiction"):
        parse_election(_file(jurisdiction="cymru"))
    with pytest.raises(ElectionFileError, match="languages"):
        parse_election(_file(languages=["cy"]))
    bad = _file()
    bad["wards"][0]["candidates"][0]["address"] = "Tŷ\nGwyn"  # type: ignore[index]
    with pytest.raises(ElectionFileError, match="address"):
        parse_election(bad)
