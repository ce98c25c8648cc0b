"""Issue 13: an election under the Welsh rules, its documents in Welsh and English.

The Welsh demo (``seeds/demo-eryri-2022.json``: ``"jurisdiction": "wales"``,
``"languages": ["cy", "en"]``) is imported, its contested wards shown and declared, and the
declaration and the notice read back with pypdf: both languages' titles, the Welsh and English
poll date, Welsh names as entered (ŵ, ŷ, ï, ô), and the unopposed candidate's address on the
notice (Wales Rules 2021 Sch 1 rule 20(3)). The addresses stay off every export but the
election file.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from countdesk.app import Desk
from countdesk.app.gather import snapshot
from countdesk.core.law import english_citations
from countdesk.core.workflow import Action
from countdesk.exports import eml, formats
from countdesk.store.importer import import_into
from helpers import SEEDS, election_file

WALES_DEMO = SEEDS / "demo-eryri-2022.json"
ADDRESS = "Tŷ Gwyn, Ffordd yr Eglwys, Llanuwchllyn, Y Bala LL23 7UB"


def text_of(raw: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages)


def flat(text: str) -> str:
    """The text with its line breaks as spaces (a cell may wrap anywhere)."""
    return " ".join(text.split())


def declare_all(desk: Desk) -> None:
    for w in desk.wards():
        if desk.check(w.id, Action.SHOW_PROVISIONAL).allowed:
            desk.show_provisional(w.id, by="RO")
    for w in desk.wards():
        if desk.check(w.id, Action.DECLARE).allowed:
            desk.declare(w.id, by="Dafydd Gwyn Hughes")


@pytest.fixture
def wales_db(tmp_path: Path) -> Path:
    db = tmp_path / "eryri.db"
    import_into(db, WALES_DEMO, actor="test")
    with Desk.open(db) as desk:
        declare_all(desk)
    return db


def test_the_welsh_demo_carries_its_rules_languages_names_and_address(wales_db: Path) -> None:
    with Desk.open(wales_db) as desk:
        election = desk.election()
        assert (election.jurisdiction, election.languages) == ("wales", ("cy", "en"))
        barmouth = desk.ward("Barmouth")
        assert barmouth.name_cy == "Abermaw"
        assert desk.ward("Llanystumdwy").name_cy is None  # a Welsh name only
        unopposed = desk.result(desk.ward("Llanuwchllyn").id)
        assert [r.candidate.address for r in unopposed.candidates] == [ADDRESS]
        assert {w.name for w in desk.wards() if w.declared_at} == {
            "Barmouth", "Llanystumdwy", "Dolgellau North", "Llanuwchllyn"}


def test_a_declaration_reads_back_in_welsh_and_english(wales_db: Path) -> None:
    with Desk.open(wales_db) as desk:
        text = flat(text_of(desk.document("declaration", "Dolgellau North")))
    assert "DATGANIAD O GANLYNIAD Y BLEIDLAIS" in text
    assert "DECLARATION OF RESULT OF POLL" in text
    assert "Dydd Iau 5 Mai 2022" in text and "Thursday 5 May 2022" in text
    assert "Gogledd Dolgellau" in text and "Dolgellau North" in text
    assert "LLOYD, Gareth Ŷr" in text  # ŷ as entered, in the embedded DejaVu font
    assert "Etholwyd" in text and "Elected" in text
    assert "Swyddog Canlyniadau" in text and "Returning Officer" in text
    # every fixed label in both languages: the rejected heads, the turnout row
    assert "(a) dim marc swyddogol" in text and "(a) want of an official mark" in text
    assert "Etholwyr" in text and "Electorate" in text


def test_the_notice_reads_back_in_both_languages_with_the_unopposed_address(wales_db: Path) -> None:
    with Desk.open(wales_db) as desk:
        text = flat(text_of(desk.document("notice")))
    assert "HYSBYSIAD O GANLYNIAD YR ETHOLIAD" in text and "NOTICE OF ELECTION RESULT" in text
    assert "Dydd Iau 5 Mai 2022" in text and "Thursday 5 May 2022" in text
    assert "ELLIS, Gwenllïan" in text and "AP DAFYDD, Siôn" in text and "ROBERTS, Ŵyn" in text
    assert "Ward Abermaw" in text and "Barmouth ward" in text
    assert flat(ADDRESS) in text  # names and addresses of those returned unopposed
    assert "Cyfeiriad" in text and "Address" in text
    assert "Heb ei ddatgan eto" in text and "Not yet declared" in text  # Tywyn


def test_the_unopposed_declaration_gives_the_address(wales_db: Path) -> None:
    with Desk.open(wales_db) as desk:
        text = flat(text_of(desk.document("declaration", "Llanuwchllyn")))
    assert "DATGANIAD O'R PERSONAU A ETHOLWYD HEB ORNEST" in text
    assert "DECLARATION OF PERSONS ELECTED UNOPPOSED" in text
    assert flat(ADDRESS) in text


def test_an_english_only_welsh_election_still_gives_the_unopposed_address(tmp_path: Path) -> None:
    data = json.loads(WALES_DEMO.read_text(encoding="utf-8"))
    data["languages"] = ["en"]
    db = tmp_path / "w.db"
    import_into(db, election_file(tmp_path, data), actor="test")
    with Desk.open(db) as desk:
        declare_all(desk)
        text = flat(text_of(desk.document("notice")))
    assert "NOTICE OF ELECTION RESULT" in text and "HYSBYSIAD" not in text
    assert flat(ADDRESS) in text


def test_the_documents_cite_no_english_rule_for_a_welsh_election(wales_db: Path) -> None:
    with Desk.open(wales_db) as desk:
        texts = [text_of(desk.document("notice"))]
        for name in ("Barmouth", "Dolgellau North", "Llanuwchllyn"):
            texts.append(text_of(desk.document("declaration", name)))
        for text in texts:
            assert english_citations(text) == [], text[:200]


def test_addresses_are_never_exported_but_in_the_election_file(wales_db: Path) -> None:
    with Desk.open(wales_db) as desk:
        snap = snapshot(desk.store)
    others = [formats.csv_bytes(snap, True), formats.dc_csv_bytes(snap, True, "eryri"),
              formats.nist_bytes(snap, True, "eryri", "2022-05-06T02:00:00Z", {}),
              eml.eml_510(snap, True, "eryri", None), eml.eml_520(snap, True, "eryri", None)]
    for data in others:
        text = data.decode("utf-8-sig")
        assert "Tŷ Gwyn" not in text and "LL23 7UB" not in text
    exported = json.loads(formats.json_bytes(snap, True))
    assert exported["jurisdiction"] == "wales" and exported["languages"] == ["cy", "en"]
    llan = next(w for w in exported["wards"] if w["name"] == "Llanuwchllyn")
    assert llan["candidates"][0]["address"] == ADDRESS
    assert next(w for w in exported["wards"] if w["name"] == "Barmouth")["name_cy"] == "Abermaw"


def test_the_embedded_font_has_every_welsh_letter() -> None:
    from reportlab.pdfbase import pdfmetrics

    from countdesk.reports.fonts import BOLD, FAMILY, register_fonts

    register_fonts()
    for name in (FAMILY, BOLD):
        face = pdfmetrics.getFont(name).face
        for ch in "âêîôûŵŷÂÊÎÔÛŴŶäëïöüÿẅáéíóúẃýàèìòùẁỳ":
            assert ord(ch) in face.charToGlyph, (name, ch)


@pytest.mark.parametrize(("kind", "welsh", "english"), [
    ("provisional", "CANLYNIAD DROS DRO", "PROVISIONAL RESULT"),
    ("verification", "DATGANIAD O GANLYNIAD Y DILYSU", "STATEMENT OF THE RESULT OF THE VERIFICATION"),
    ("rejected", "DATGANIAD O’R PAPURAU PLEIDLEISIO A WRTHODWYD", "STATEMENT OF REJECTED BALLOT PAPERS"),
])
def test_the_count_documents_read_back_in_both_languages(wales_db: Path, kind: str, welsh: str,
                                                         english: str) -> None:
    with Desk.open(wales_db) as desk:
        text = flat(text_of(desk.document(kind, "Dolgellau North")))
    assert welsh in text and english in text
    assert "Dydd Iau 5 Mai 2022" in text and "Thursday 5 May 2022" in text
    assert "Gogledd Dolgellau" in text and "Dolgellau North" in text
    assert english_citations(text) == []


def test_the_records_summary_and_error_report_read_back_in_both_languages(wales_db: Path) -> None:
    with Desk.open(wales_db) as desk:
        barmouth = desk.result("Barmouth").candidates[1].candidate
        desk.report_error("Barmouth", "a bundle of 25 was counted with the wrong candidate",
                          votes={barmouth.id: 336}, by="RO")
        texts = {
            "summary": flat(text_of(desk.document("summary"))),
            "timings": flat(text_of(desk.document("timings"))),
            "recounts": flat(text_of(desk.document("recounts", "Dolgellau North"))),
            "error": flat(text_of(desk.error_report_sheet("Barmouth"))),
        }
    for welsh, english, kind in (
            ("CRYNODEB O’R CANLYNIADAU", "SUMMARY OF RESULTS", "summary"),
            ("ADRODDIAD AR AMSEROEDD Y CYFRIF", "TIMING REPORT OF THE COUNT", "timings"),
            ("COFNOD O’R AILGYFRIFON", "RECORD OF RECOUNTS", "recounts"),
            ("DATGANIAD O WALL A ADRODDWYD AR ÔL Y DATGANIAD",
             "STATEMENT OF AN ERROR REPORTED AFTER THE DECLARATION", "error")):
        assert welsh in texts[kind] and english in texts[kind], kind
        assert "Dydd Iau 5 Mai 2022" in texts[kind], kind
    assert "Plaid Cymru yn ennill oddi wrth Dim rheolaeth gyffredinol" in texts["summary"]
    assert "Plaid Cymru gain from No overall control" in texts["summary"]
    assert "Abermaw / Barmouth" in texts["summary"]


def test_every_welsh_sentence_has_the_same_placeholders_as_its_english() -> None:
    import re

    from countdesk.reports.i18n import catalogue, texts

    fields = re.compile(r"\{(\w*)\}")
    for english, welsh in texts("cy").items():
        assert set(fields.findall(english)) == set(fields.findall(welsh)), english
    en, cy = catalogue("en"), catalogue("cy")
    assert set(en) == set(cy)
    for key, text in en.items():
        assert set(fields.findall(text)) == set(fields.findall(cy[key])), key
