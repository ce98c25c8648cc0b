"""Printed documents: declarations, provisional sheets, notices, verification statements;
signing, keygen and verify.

Every PDF is read back with pypdf: what matters is what is on the sheet (names,
votes, marks), and that it stays in the text layer. A genuine signed sheet passes
`verify`; an altered one, or one whose result has changed in the store, fails.
"""

from __future__ import annotations

import io
import re
import socket
import sqlite3
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from countdesk.core import REJECTED_LABELS
from countdesk.reports import documents as docs
from countdesk.reports.digest import result_digest, short_digest
from countdesk.reports.signing import (
    SigningError,
    keygen,
    load_certificate,
    read_document,
    read_passphrase_file,
    sign_pdf,
    verify_pdf,
)
from countdesk.store import Store, data_home
from helpers import CliResult, db_fingerprint, election_file, small_election

Run = Callable[..., CliResult]
NONSUCH_NAMES = ["ALDRIDGE, Fiona", "BOURNE, Samantha", "CRABTREE, Graham", "FAIRBROTHER, Helen Margaret",
                 "GOULD, Thomas Edward", "HARTLEY, Zoë", "LINDQVIST, Peter", "MCDERMOTT-HILL, James",
                 "MENSAH, Kwame", "PEARCE, Owen", "RAMAN, Priya"]
NONSUCH_VOTES = ["455", "1,405", "118", "1,612", "1,341", "341", "1,568", "1,406", "428", "397", "1,372"]
NONSUCH_PARTY = ["Labour Party", "Liberal Democrats", "UK Independence Party (UKIP)",
                 "The Conservative Party Candidate", "Liberal Democrats", "Green Party",
                 "The Conservative Party Candidate", "The Conservative Party Candidate", "Labour Party",
                 "Labour Party", "Liberal Democrats"]


# ----------------------------------------------------------------- helpers
@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Printing, signing and checking never touch the network."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("countdesk tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


class Keys:
    def __init__(self, folder: Path, name: str) -> None:
        self.passfile = folder / f"{name}-pass.txt"
        self.passfile.write_text("correct horse battery staple\n", encoding="utf-8")
        info = keygen(name, folder / f"{name}.p12", "correct horse battery staple")
        self.p12, self.crt, self.name = info.p12_path, info.cert_path, name

    def args(self) -> list[str]:
        return ["--key", str(self.p12), "--passphrase-file", str(self.passfile)]


@pytest.fixture(scope="session")
def ro_keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return Keys(tmp_path_factory.mktemp("keys"), "A. N. Officer")


@pytest.fixture(scope="session")
def other_keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return Keys(tmp_path_factory.mktemp("other-keys"), "Mallory Impostor")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pdf_text(data: bytes | Path) -> str:
    raw = data.read_bytes() if isinstance(data, Path) else data
    reader = PdfReader(io.BytesIO(raw))
    return nfc("\n".join(page.extract_text() for page in reader.pages))


def pages(data: bytes | Path) -> int:
    raw = data.read_bytes() if isinstance(data, Path) else data
    return len(PdfReader(io.BytesIO(raw)).pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def rows(text: str, names: list[str]) -> dict[str, str]:
    """Each candidate's row: the text from their name to the next candidate's name."""
    flat = squash(text)
    out: dict[str, str] = {}
    for i, name in enumerate(names):
        start = flat.index(name)
        if i + 1 < len(names):
            end = flat.index(names[i + 1], start)
        else:  # the last row ends where the table does
            ends = [e for e in (flat.find(m, start) for m in ("The word", "Margin", "Rejected"))
                    if e >= 0]
            end = min(ends, default=start + 120)
        out[name] = flat[start:end]
    return out


def candidate_id(run: Run, db: Path, ward: str, surname: str) -> int:
    data: Any = run("--db", db, "result", ward, "--json").json()
    return next(c["id"] for c in data["candidates"] if c["surname"] == surname)


def shown(run: Run, db: Path, ward: str) -> None:
    """The provisional result shown to candidates and agents (needed before lots and declaring)."""
    r = run("--db", db, "provisional", ward, "--by", "Returning Officer")
    assert r.code == 0, r.err


def settle_nonsuch(run: Run, db: Path) -> None:
    """The provisional result shown, the Nonsuch lot (McDermott-Hill wins, as in 2018) and the
    W002 acknowledgement."""
    shown(run, db, "nonsuch")
    winner = candidate_id(run, db, "nonsuch", "McDermott-Hill")
    assert run("--db", db, "lot", "nonsuch", "--winner", winner, "--method", "coin toss",
               "--witness", "Agent for Bourne").code == 0
    assert run("--db", db, "acknowledge", "nonsuch", "W002", "--by", "RO", "--explanation", "checked").code == 0


@pytest.fixture
def declared_nonsuch(run: Run, demo_db: Path, tmp_path: Path, ro_keys: Keys) -> Path:
    settle_nonsuch(run, demo_db)
    out = tmp_path / "nonsuch.pdf"
    r = run("--db", demo_db, "declare", "nonsuch", "--out", out, *ro_keys.args())
    assert r.code == 0, r.err
    return out


# --------------------------------------------------------------- declaration
def test_nonsuch_declaration_carries_every_name_vote_and_mark(
        run: Run, demo_db: Path, declared_nonsuch: Path) -> None:
    text = pdf_text(declared_nonsuch)
    flat = squash(text)
    assert pages(declared_nonsuch) == 1
    for words in ["DECLARATION OF RESULT OF POLL", "London Borough of Sutton",
                  "Election of Borough Councillors", "Nonsuch ward", "Thursday 3 May 2018",
                  "I, A. N. Officer, being the Returning Officer at the above election, give notice "
                  "that the number of votes recorded for each candidate was as follows",
                  "Page 1 of 1"]:
        assert words in flat, words
    # every candidate, in ballot order, with their description and declared votes on their row
    positions = [flat.index(n) for n in NONSUCH_NAMES]
    assert positions == sorted(positions)
    by_row = rows(text, NONSUCH_NAMES)
    for name, party, votes in zip(NONSUCH_NAMES, NONSUCH_PARTY, NONSUCH_VOTES, strict=True):
        row = by_row[name]
        assert party in row, (name, row)
        assert re.search(rf"(?<![\d,]){re.escape(votes)}(?![\d,])", row), (name, votes, row)
    elected = {n for n, row in by_row.items() if "Elected" in row}
    assert elected == {"FAIRBROTHER, Helen Margaret", "LINDQVIST, Peter", "MCDERMOTT-HILL, James"}
    # the lot: declared votes include the additional vote, and the sentence says so
    assert "1,406" in by_row["MCDERMOTT-HILL, James"] and "1,405" not in by_row["MCDERMOTT-HILL, James"]
    assert "1,405" in by_row["BOURNE, Samantha"]
    assert ("Following an equality of votes, lots were drawn and, as a consequence, an additional "
            "vote was allotted to James McDermott-Hill.") in flat
    # rejected papers under each head, rejected in part, total; electorate, papers, turnout
    for label, n in [("(a) want of an official mark", "0"),
                     ("(b) voting for more candidates than the voter was entitled to", "3"),
                     ("(c) writing or mark by which the voter could be identified", "0"),
                     ("(d) being unmarked or wholly void for uncertainty", "6"), ("Total", "9"),
                     (REJECTED_LABELS["rejected_in_part"], "2")]:
        assert re.search(re.escape(label) + r" " + n + r"\b", flat), label
    assert re.search(r"Electorate 8,245", flat)
    assert re.search(r"Ballot papers counted 3,700", flat)
    assert "Turnout 44.88%" in flat
    # the signature block names the returning officer and when it was declared
    assert "A. N. Officer Returning Officer" in flat
    with Store.open(demo_db) as store:
        ward = store.ward("nonsuch")
        assert ward.declared_at is not None
        assert docs.declared_time(ward.declared_at).split(" at ")[0] in flat
        digest = result_digest(store.election(), ward, store.result(ward.id))
    # the digest: short form in the footer, full form in the metadata
    assert f"Result digest (SHA-256) {short_digest(digest)}" in flat
    info = read_document(declared_nonsuch.read_bytes())
    assert info is not None and info.kind == "declaration" and info.digest == digest
    meta = PdfReader(declared_nonsuch).metadata
    assert meta is not None and digest in str(meta.get("/Subject"))


def test_declaration_is_built_from_the_core_result_row_by_row(demo_db: Path, run: Run) -> None:
    """Whatever the core says, the sheet says: each row's votes are the core's declared votes."""
    settle_nonsuch(run, demo_db)
    with Store.open(demo_db) as store:
        ward = store.ward("nonsuch")
        result = store.result(ward.id)
        pdf = docs.declaration_pdf(store.election(), ward, result)
    names = [r.candidate.ballot_name for r in result.candidates]
    by_row = rows(pdf_text(pdf), names)
    for r in result.candidates:
        assert f"{r.declared_votes:,}" in by_row[r.candidate.ballot_name]
        assert ("Elected" in by_row[r.candidate.ballot_name]) is bool(r.elected)
    assert "DRAFT" in pdf_text(pdf)  # not declared yet: a draft, for reading back


def test_names_in_welsh_irish_polish_and_greek_survive_the_text_layer(
        run: Run, sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "hillcrest.pdf"
    shown(run, sample_db, "hillcrest")
    assert run("--db", sample_db, "declare", "hillcrest", "--out", out).code == 0
    flat = squash(pdf_text(out))
    for name in ["ŴYN, Siân", "WRÓBEL, Łukasz", "NÍ BHRIAIN, Zoë", "O'CONNOR-SMITH, Thomas"]:
        assert nfc(name) in flat, name
    assert re.search(r"ŴYN, Siân Labour Party 612 Elected", flat)

    data: Any = small_election()
    data["wards"][0]["candidates"] += [
        {"surname": "Παπαδοπούλου", "forenames": "Άννα", "description": "Independent", "votes": 500},
        {"surname": "Ó Súilleabháin", "forenames": "Seán", "description": "Independent", "votes": 400},
    ]
    data["wards"][0]["ballot_papers_verified"] = data["wards"][0]["ballot_papers_counted"] = 2600
    db = tmp_path / "greek.db"
    assert run("--db", db, "import", election_file(tmp_path, data)).code == 0
    out = tmp_path / "riverside.pdf"
    shown(run, db, "riverside")
    r = run("--db", db, "declare", "riverside", "--out", out)
    assert r.code == 0, r.err
    flat = squash(pdf_text(out))
    assert nfc("ΠΑΠΑΔΟΠΟΎΛΟΥ, Άννα Independent 500") in flat
    assert nfc("Ó SÚILLEABHÁIN, Seán Independent 400") in flat
    # Ó Súilleabháin sorts with O, before the Greek name; Adams first
    assert flat.index("ADAMS") < flat.index("Ó SÚILLEABHÁIN") < flat.index("ΠΑΠΑΔΟΠΟΎΛΟΥ")
    # the fonts are embedded (DejaVu), not a base-14 font that lacks these letters
    raw = out.read_bytes()
    assert b"DejaVuSans" in raw and b"/FontFile2" in raw


TWENTY = [
    ("Featherstonehaugh-Wolstenholme", "Bartholomew Maximilian", "The Official Monster Raving Loony Party"),
    ("Abbott", "Diane", "Labour and Co-operative Party"), ("Bailey", "Shaun", "The Conservative Party Candidate"),
    ("Chowdhury", "Rushanara", "Labour Party"), ("Davey", "Ed", "Liberal Democrats"),
    ("Ellis-Bextor", "Sophie", "Green Party"), ("Ferrier", "Margaret", "Independent"),
    ("Gyimah", "Sam", "Liberal Democrats"), ("Hoyle", "Lindsay", "Speaker seeking re-election"),
    ("Ní Bhriain", "Zoë", "Green Party"), ("Jenkyns", "Andrea", "Reform UK"),
    ("Kinnock", "Stephen", "Labour Party"), ("Lammy", "David", "Labour Party"),
    ("McDonnell", "John", "Independent"), ("Nokes", "Caroline", "The Conservative Party Candidate"),
    ("Ó Súilleabháin", "Seán", "Trade Unionist and Socialist Coalition against Cuts and Privatisation"),
    ("Phillipson", "Bridget", "Labour Party"), ("Rees-Mogg", "Jacob William", "The Conservative Party Candidate"),
    ("Siân Ŵyn", "Gwenllian", "Plaid Cymru - The Party of Wales"), ("Wróbel", "Łukasz", "Independent"),
]


def test_twenty_candidates_with_long_names_fit_on_one_sheet(run: Run, tmp_path: Path) -> None:
    cands = [{"surname": sur, "forenames": fore, "description": desc, "votes": 1100 - i * 50}
             for i, (sur, fore, desc) in enumerate(TWENTY)]
    data: Any = small_election(candidates=cands, seats=3, ballot_papers_verified=5000, electorate=9000)
    db = tmp_path / "long.db"
    r = run("--db", db, "import", election_file(tmp_path, data))
    assert r.code == 0, r.err
    out = tmp_path / "long.pdf"
    shown(run, db, "riverside")
    r = run("--db", db, "declare", "riverside", "--out", out)
    assert r.code == 0, r.err
    assert pages(out) == 1
    flat = squash(pdf_text(out))
    assert "FEATHERSTONEHAUGH-WOLSTENHOLME, Bartholomew Maximilian" in flat  # never broken mid-word
    assert "Trade Unionist and Socialist Coalition against Cuts and Privatisation" in flat  # wrapped
    for i, (sur, fore, _desc) in enumerate(TWENTY):
        name = nfc(f"{sur.upper()}, {fore}")
        votes = f"{1100 - i * 50:,}"
        assert re.search(re.escape(name) + r" .{0,90}?" + re.escape(votes), flat), name
    assert flat.count("Elected") == 4  # three candidates, and the footnote
    assert "Page 1 of 1" in flat


def test_uncontested_ward_is_declared_elected_unopposed(run: Run, sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "millbrook.pdf"
    r = run("--db", sample_db, "declare", "millbrook", "--out", out)
    assert r.code == 0, r.err
    flat = squash(pdf_text(out))
    assert "DECLARATION OF PERSONS ELECTED UNOPPOSED" in flat
    assert "HOLLOWAY, Janet The Conservative Party Candidate Elected unopposed" in flat
    assert "IQBAL, Tariq Labour Party Elected unopposed" in flat


def test_documents_are_deterministic(run: Run, demo_db: Path, tmp_path: Path, declared_nonsuch: Path) -> None:
    with Store.open(demo_db) as store:
        el = store.election()
        ward = store.ward("nonsuch")
        result = store.result(ward.id)
        entries = [(w, store.result(w.id)) for w in store.wards()]
        for build in (lambda: docs.declaration_pdf(el, ward, result),
                      lambda: docs.provisional_pdf(el, ward, result),
                      lambda: docs.verification_pdf(el, ward, result),
                      lambda: docs.notice_pdf(el, entries)):
            assert build() == build()
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run("--db", demo_db, "report", "declaration", "nonsuch", "--out", a).code == 0
    assert run("--db", demo_db, "report", "declaration", "Nonsuch", "--out", b).code == 0
    assert a.read_bytes() == b.read_bytes()
    # the reprint is the declared sheet, unsigned: same digest as the signed original
    assert read_document(a.read_bytes()) == read_document(declared_nonsuch.read_bytes())


# ------------------------------------------------------------ declare refusals
def test_declare_is_refused_while_a_lot_is_needed_or_a_warning_is_open(
        run: Run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nonsuch.pdf"
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "declare", "nonsuch", "--out", out)
    assert r.code == 2 and "F005" in r.err and "provisional result" in r.err
    assert db_fingerprint(demo_db) == before and not out.exists()
    shown(run, demo_db, "nonsuch")
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "declare", "nonsuch", "--out", out)
    assert r.code == 2 and "F006" in r.err and "lots must be drawn" in r.err
    assert db_fingerprint(demo_db) == before and not out.exists()

    winner = candidate_id(run, demo_db, "nonsuch", "McDermott-Hill")
    assert run("--db", demo_db, "lot", "nonsuch", "--winner", winner, "--method", "coin toss").code == 0
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "declare", "nonsuch", "--out", out)
    assert r.code == 2 and "W002" in r.err and "acknowledged" in r.err
    assert db_fingerprint(demo_db) == before and not out.exists()


def test_declare_checks_the_key_before_declaring(
        run: Run, demo_db: Path, tmp_path: Path, ro_keys: Keys) -> None:
    settle_nonsuch(run, demo_db)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    before = db_fingerprint(demo_db)
    out = tmp_path / "n.pdf"
    for extra, words in [(["--key", ro_keys.p12, "--passphrase-file", wrong], "wrong passphrase"),
                         (["--key", ro_keys.p12, "--passphrase-file", empty], "is empty"),
                         (["--key", ro_keys.p12], "go together"),
                         (["--key", tmp_path / "missing.p12", "--passphrase-file", wrong], "cannot be read")]:
        r = run("--db", demo_db, "declare", "nonsuch", "--out", out, *extra)
        assert r.code == 2 and words in r.err, (extra, r.err)
    r = run("--db", demo_db, "declare", "nonsuch", "--out", tmp_path / "no-such-folder" / "n.pdf")
    assert r.code == 2 and "does not exist" in r.err
    assert db_fingerprint(demo_db) == before and not out.exists()


def test_a_declared_ward_cannot_be_declared_again(run: Run, demo_db: Path, declared_nonsuch: Path,
                                                 tmp_path: Path) -> None:
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "declare", "nonsuch", "--out", tmp_path / "again.pdf")
    assert r.code == 2 and "F001" in r.err and "has been declared" in r.err
    assert db_fingerprint(demo_db) == before


def test_when_the_sheet_cannot_be_written_after_declaring_it_says_so(
        run: Run, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settle_nonsuch(run, demo_db)
    from countdesk.app import documents

    def fail(path: object, data: bytes) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(documents, "atomic_write", fail)
    r = run("--db", demo_db, "declare", "nonsuch", "--out", tmp_path / "n.pdf")
    assert r.code == 1
    assert "IS DECLARED" in r.err and "No space left" in r.err and "report declaration" in r.err
    monkeypatch.undo()
    out = tmp_path / "reprint.pdf"
    r = run("--db", demo_db, "report", "declaration", "nonsuch", "--out", out)
    assert r.code == 0, r.err
    assert "1,406" in pdf_text(out)


# ------------------------------------------------------------------- reports
def test_provisional_sheet_shows_the_tie_by_votes_with_a_watermark(
        run: Run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "prov.pdf"
    r = run("--db", demo_db, "report", "provisional", "nonsuch", "--out", out)
    assert r.code == 0, r.err
    flat = squash(pdf_text(out))
    assert "PROVISIONAL — NOT A DECLARATION" in flat
    assert "EQUALITY OF VOTES — LOTS MUST BE DRAWN" in flat
    assert ("BOURNE, Samantha (Liberal Democrats) and MCDERMOTT-HILL, James (Conservative) each have "
            "1,405 votes for 1 seat") in flat
    by_votes = ["FAIRBROTHER", "LINDQVIST", "BOURNE", "MCDERMOTT-HILL", "RAMAN", "GOULD", "ALDRIDGE",
                "MENSAH", "PEARCE", "HARTLEY", "CRABTREE"]
    table = flat.index("Pos. Candidate")
    positions = [flat.index(f"{n}, ", table) for n in by_votes]
    assert positions == sorted(positions)
    assert re.search(r"1 FAIRBROTHER, Helen Margaret The Conservative Party Candidate 1,612 Elected", flat)
    assert re.search(r"BOURNE, Samantha Liberal Democrats 1,405 TIED", flat)
    assert "Margin for the last seat, on the votes counted: 0 votes" in flat
    # after the lot the sheet shows the declared figure beside the counted one
    settle_nonsuch(run, demo_db)
    assert run("--db", demo_db, "report", "provisional", "nonsuch", "--out", out).code == 0
    flat = squash(pdf_text(out))
    assert re.search(r"MCDERMOTT-HILL, James The Conservative Party Candidate 1,405 1,406 Elected", flat)
    assert "Method: coin toss, witnessed by Agent for Bourne" in flat
    assert "EQUALITY OF VOTES" not in flat


def test_provisional_refused_for_a_ward_not_counted(run: Run, sample_db: Path, tmp_path: Path) -> None:
    before = db_fingerprint(sample_db)
    r = run("--db", sample_db, "report", "provisional", "old town", "--out", tmp_path / "p.pdf")
    assert r.code == 2 and "no provisional result" in r.err
    r = run("--db", sample_db, "report", "provisional", "millbrook", "--out", tmp_path / "p.pdf")
    assert r.code == 2 and "uncontested" in r.err
    assert db_fingerprint(sample_db) == before


def test_notice_lists_every_ward_and_only_declared_figures(
        run: Run, demo_db: Path, declared_nonsuch: Path, tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    r = run("--db", demo_db, "report", "notice", "--out", out)
    assert r.code == 0, r.err
    flat = squash(pdf_text(out))
    assert "NOTICE OF ELECTION RESULT" in flat
    with Store.open(demo_db) as store:
        names = [w.name for w in store.wards()]
    for name in names:
        assert f"{name} ward" in flat, name
    assert flat.count("Not yet declared") == len(names) - 1
    assert re.search(r"MCDERMOTT-HILL, James The Conservative Party Candidate 1,406† Elected", flat)
    assert "Following an equality of votes" in flat
    assert re.search(r"Conservative 3 9", flat)  # seats won so far, and held before
    assert f"Page 1 of {pages(out)}" in flat
    assert run("--db", demo_db, "report", "notice", "nonsuch", "--out", out).code == 2


def test_verification_statement(run: Run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "verification.pdf"
    r = run("--db", demo_db, "report", "verification", "nonsuch", "--out", out)
    assert r.code == 0, r.err
    flat = squash(pdf_text(out))
    assert "STATEMENT OF THE RESULT OF THE VERIFICATION" in flat
    assert re.search(r"Total ballot papers verified \(polling station ballot boxes and postal ballot papers\) "
                     r"3,700", flat)
    # the papers counted are the count's own figure (keyed), never the verified total
    assert re.search(r"Ballot papers counted at the count \(valid and rejected\) 3,700", flat)
    assert "the verified total stands" not in flat


def test_verification_statement_shows_a_difference(run: Run, tmp_path: Path) -> None:
    data: Any = small_election()
    data["wards"][0]["ballot_papers_counted"] = 2003
    db = tmp_path / "diff.db"
    r = run("--db", db, "import", election_file(tmp_path, data))
    assert r.code == 0, r.err
    out = tmp_path / "v.pdf"
    assert run("--db", db, "report", "verification", "riverside", "--out", out).code == 0
    flat = squash(pdf_text(out))
    assert "Total ballot papers verified" in flat and "2,000" in flat
    assert re.search(r"counted at the count \(valid and rejected\) 2,003", flat)
    assert re.search(r"Difference \(counted less verified\) \+3", flat)


def test_report_declaration_needs_a_declared_ward_or_draft(run: Run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    r = run("--db", demo_db, "report", "declaration", "belmont", "--out", out)
    assert r.code == 2 and "has not been declared" in r.err and not out.exists()
    r = run("--db", demo_db, "report", "declaration", "belmont", "--draft", "--out", out)
    assert r.code == 0, r.err
    assert "DRAFT — NOT YET DECLARED" in squash(pdf_text(out))
    assert run("--db", demo_db, "report", "provisional", "--out", out).code == 2


def test_signature_image_is_printed(run: Run, demo_db: Path, tmp_path: Path) -> None:
    from PIL import Image

    img = tmp_path / "sig.png"
    Image.new("RGB", (300, 90), "white").save(img)
    out = tmp_path / "v.pdf"
    r = run("--db", demo_db, "report", "verification", "nonsuch", "--out", out, "--signature-image", img)
    assert r.code == 0, r.err
    assert b"/Subtype /Image" in out.read_bytes()
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    r = run("--db", demo_db, "report", "verification", "nonsuch", "--out", out, "--signature-image", bad)
    assert r.code == 2 and "signature image" in r.err


# =================================================================== signing
def test_pyhanko_validates_a_signed_declaration(declared_nonsuch: Path, ro_keys: Keys) -> None:
    reader = PdfFileReader(io.BytesIO(declared_nonsuch.read_bytes()))
    [sig] = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_certificate(ro_keys.crt)], allow_fetching=False)
    status = validate_pdf_signature(sig, context)
    assert status.intact and status.valid and status.trusted
    assert status.coverage is SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line
    assert sig.signer_cert.subject.native["common_name"] == "A. N. Officer"


def test_verify_a_genuine_sheet(run: Run, demo_db: Path, declared_nonsuch: Path, ro_keys: Keys) -> None:
    r = run("verify", declared_nonsuch, "--db", demo_db, "--cert", ro_keys.crt)
    assert r.code == 0, r.out + r.err
    assert r.out.startswith("Signature: valid, signed by A. N. Officer at ")
    assert "Result: matches the declared result of Nonsuch in demo.db" in r.out
    # --db may also come before the command, as for every other command
    r = run("--db", demo_db, "verify", declared_nonsuch)
    assert r.code == 0 and "Result: matches" in r.out


def test_verify_without_db_needs_no_store(run: Run, declared_nonsuch: Path) -> None:
    r = run("verify", declared_nonsuch)
    assert r.code == 0, r.err
    assert "Result:" not in r.out
    assert not (data_home() / "countdesk.db").exists()


def _contents_span(data: bytes) -> tuple[int, int]:
    """Where the signature's hex digits sit in the file (between < and >)."""
    start = data.index(b"/Contents <") + len(b"/Contents <")
    return start, data.index(b">", start)


@pytest.mark.parametrize("where", ["start", "quarter", "middle", "signature", "padding", "hex-case",
                                   "end"])
def test_a_one_byte_change_fails_verification(run: Run, declared_nonsuch: Path, tmp_path: Path,
                                              where: str) -> None:
    data = bytearray(declared_nonsuch.read_bytes())
    lo, hi = _contents_span(bytes(data))
    i = {"start": 30, "quarter": len(data) // 4, "middle": len(data) // 2, "signature": lo + 200,
         "padding": hi - 10, "end": len(data) - 30,
         "hex-case": next(k for k in range(lo, hi) if chr(data[k]) in "abcdefABCDEF")}[where]
    if where == "hex-case":  # same signature bytes, one file byte different
        data[i] = ord(chr(data[i]).swapcase())
    elif chr(data[i]) in "0123456789":
        data[i] = ord("0") + (data[i] - ord("0") + 1) % 10
    else:
        data[i] = (data[i] + 1) % 128 or 1
    assert bytes(data) != declared_nonsuch.read_bytes()
    bad = tmp_path / "altered.pdf"
    bad.write_bytes(bytes(data))
    r = run("verify", bad)
    assert r.code == 2, (where, i, r.out)
    assert "failed verification" in r.err
    assert not verify_pdf(bytes(data)).ok


def test_every_single_byte_change_in_the_signature_area_is_caught(declared_nonsuch: Path) -> None:
    data = declared_nonsuch.read_bytes()
    lo, hi = _contents_span(data)
    for i in range(lo, hi, max(1, (hi - lo) // 40)):
        altered = bytearray(data)
        altered[i] = ord("1") if altered[i] == ord("0") else ord("0")
        assert not verify_pdf(bytes(altered)).ok, i


def test_an_altered_figure_fails_verification(run: Run, declared_nonsuch: Path, tmp_path: Path) -> None:
    """Someone edits a figure in the file (uncompressed metadata: the digest) and keeps the signature."""
    data = declared_nonsuch.read_bytes()
    meta = data.index(b"countdesk-digest:sha256:") + len(b"countdesk-digest:sha256:")
    forged = data[:meta] + (b"0" if data[meta:meta + 1] != b"0" else b"1") + data[meta + 1:]
    bad = tmp_path / "forged.pdf"
    bad.write_bytes(forged)
    r = run("verify", bad)
    assert r.code == 2 and "changed after it was signed" in r.out


def test_unsigned_wrong_certificate_truncated_and_not_a_pdf_all_fail(
        run: Run, demo_db: Path, declared_nonsuch: Path, ro_keys: Keys, other_keys: Keys,
        tmp_path: Path) -> None:
    unsigned = tmp_path / "unsigned.pdf"
    assert run("--db", demo_db, "report", "declaration", "nonsuch", "--out", unsigned).code == 0
    r = run("verify", unsigned)
    assert r.code == 2 and "not signed" in r.out

    r = run("verify", declared_nonsuch, "--cert", other_keys.crt)
    assert r.code == 2 and "another certificate" in r.out

    # signed with another key: the signature is sound, but not the returning officer's
    impostor = tmp_path / "impostor.pdf"
    impostor.write_bytes(sign_pdf(unsigned.read_bytes(), other_keys.p12, "correct horse battery staple"))
    assert run("verify", impostor).code == 0  # integrity alone
    r = run("verify", impostor, "--cert", ro_keys.crt)
    assert r.code == 2 and "Mallory Impostor" in r.out

    data = declared_nonsuch.read_bytes()
    for cut in (len(data) // 2, len(data) - 10):
        short = tmp_path / f"cut{cut}.pdf"
        short.write_bytes(data[:cut])
        assert run("verify", short).code == 2, cut

    text = tmp_path / "notes.pdf"
    text.write_text("hello", encoding="utf-8")
    r = run("verify", text)
    assert r.code == 2 and "not a PDF" in r.out

    appended = tmp_path / "appended.pdf"
    appended.write_bytes(data + b"\n% a comment added after signing\n")
    assert run("verify", appended).code == 2

    assert run("verify", tmp_path / "missing.pdf").code == 2
    r = run("verify", declared_nonsuch, "--cert", text)
    assert r.code == 2 and "not a certificate" in r.err


def test_a_result_changed_in_the_store_after_declaring_fails_verify_db(
        run: Run, demo_db: Path, declared_nonsuch: Path) -> None:
    assert run("verify", declared_nonsuch, "--db", demo_db).code == 0
    conn = sqlite3.connect(demo_db)
    conn.executescript(
        "DROP TRIGGER keyings_no_update;"
        "UPDATE keyings SET vals = replace(vals, ':1372', ':1370') WHERE sheet_id IN ("
        " SELECT s.id FROM sheets s JOIN rounds r ON r.id = s.round_id JOIN wards w ON w.id = r.ward_id"
        " WHERE w.name = 'Nonsuch');")
    conn.close()
    r = run("verify", declared_nonsuch, "--db", demo_db)
    assert r.code == 2
    assert "Signature: valid" in r.out  # the sheet itself is genuine ...
    assert "DOES NOT MATCH" in r.out and "Nonsuch" in r.out  # ... but the store no longer agrees
    assert run("verify", declared_nonsuch).code == 0


def test_verify_db_fails_for_an_undeclared_ward_or_another_store(
        run: Run, demo_db: Path, declared_nonsuch: Path, sample_db: Path, _demo_template: Path,
        tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    fresh.write_bytes(_demo_template.read_bytes())
    r = run("verify", declared_nonsuch, "--db", fresh)
    assert r.code == 2 and "NOT DECLARED" in r.out
    r = run("verify", declared_nonsuch, "--db", sample_db)
    assert r.code == 2 and ("DOES NOT MATCH" in r.out or "NOT DECLARED" in r.out)
    r = run("verify", declared_nonsuch, "--db", tmp_path / "nowhere.db")
    assert r.code == 2 and "cannot be checked" in r.out


def test_signed_reports_verify_against_the_store(run: Run, demo_db: Path, ro_keys: Keys, tmp_path: Path) -> None:
    prov = tmp_path / "prov.pdf"
    assert run("--db", demo_db, "report", "provisional", "nonsuch", "--out", prov, *ro_keys.args()).code == 0
    notice = tmp_path / "notice.pdf"
    assert run("--db", demo_db, "report", "notice", "--out", notice, *ro_keys.args()).code == 0
    for f in (prov, notice):
        r = run("verify", f, "--db", demo_db, "--cert", ro_keys.crt)
        assert r.code == 0, r.out
    settle_nonsuch(run, demo_db)  # the figures move on: the old sheets no longer match
    assert run("--db", demo_db, "declare", "nonsuch", "--out", tmp_path / "d.pdf").code == 0
    for f in (prov, notice):
        r = run("verify", f, "--db", demo_db)
        assert r.code == 2 and "DOES NOT MATCH" in r.out, f


# --------------------------------------------------------------------- keygen
def test_keygen_makes_a_usable_key_and_refuses_to_overwrite(run: Run, tmp_path: Path) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text("s3cret\r\n", encoding="utf-8")
    key = tmp_path / "ro.p12"
    r = run("keygen", "--name", "Siân Ŵyn", "--out", key, "--passphrase-file", pw)
    assert r.code == 0, r.err
    assert key.exists() and (tmp_path / "ro.crt").exists()
    assert "fingerprint (SHA-256)" in r.out
    # the trailing newline is not part of the passphrase
    signed = sign_pdf(_tiny_pdf(), key, "s3cret")
    verdict = verify_pdf(signed, tmp_path / "ro.crt")
    assert verdict.ok and verdict.signer == "Siân Ŵyn" and verdict.cert_checked
    with pytest.raises(SigningError, match="wrong passphrase"):
        sign_pdf(_tiny_pdf(), key, "s3cret\n")

    before = key.read_bytes()
    r = run("keygen", "--name", "Someone", "--out", key, "--passphrase-file", pw)
    assert r.code == 2 and "already exists" in r.err
    assert key.read_bytes() == before
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    r = run("keygen", "--name", "Someone", "--out", tmp_path / "x.p12", "--passphrase-file", empty)
    assert r.code == 2 and "empty" in r.err and not (tmp_path / "x.p12").exists()
    r = run("keygen", "--name", "   ", "--out", tmp_path / "y.p12", "--passphrase-file", pw)
    assert r.code == 2


def test_passphrase_file_rules(tmp_path: Path) -> None:
    p = tmp_path / "p"
    p.write_bytes(b"two words \n\n")
    assert read_passphrase_file(p) == b"two words "
    p.write_bytes(b"")
    with pytest.raises(SigningError):
        read_passphrase_file(p)
    with pytest.raises(SigningError):
        keygen("Name", tmp_path / "k.p12", "")


def _tiny_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.drawString(100, 700, "hello")
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------- the desktop app's API
def test_the_desk_builds_each_document_from_the_store(run: Run, demo_db: Path, ro_keys: Keys) -> None:
    from countdesk.app import AppError, Desk
    from countdesk.reports.signing import load_signer

    with Desk.open(demo_db) as desk:
        with pytest.raises(AppError, match="has not been declared"):
            desk.document("declaration", "nonsuch")
        with pytest.raises(AppError, match="no document called"):
            desk.document("leaflet", "nonsuch")
        assert "PROVISIONAL RESULT" in pdf_text(desk.document("provisional", "nonsuch"))
        assert "NOTICE OF ELECTION RESULT" in pdf_text(desk.document("notice"))
        before = db_fingerprint(demo_db)
        with pytest.raises(AppError, match="provisional result"):
            desk.declare_and_print("nonsuch", by="A. N. Officer")
        assert db_fingerprint(demo_db) == before
    settle_nonsuch(run, demo_db)
    with Desk.open(demo_db) as desk:
        draft = desk.draft_declaration("nonsuch", by="Dee Puty")
        flat = squash(pdf_text(draft))
        assert "DRAFT — NOT YET DECLARED" in flat
        assert "I, Dee Puty, being the Deputy Returning Officer at the above election" in flat
        pdf = desk.declare_and_print("nonsuch", by="Dee Puty")
        assert desk.result("nonsuch").status.value == "declared"
        flat = squash(pdf_text(pdf))
        assert "DRAFT" not in flat and "Dee Puty Deputy Returning Officer" in flat
        assert pdf == desk.document("declaration", "nonsuch")  # a reprint is the same sheet
        signed = desk.declaration_bytes("nonsuch", signer=load_signer(ro_keys.p12,
                                                                      "correct horse battery staple"))
        assert verify_pdf(signed, ro_keys.crt).ok
        with pytest.raises(AppError, match="already declared"):
            desk.draft_declaration("nonsuch")


def test_verification_statement_lists_each_box_and_is_checked_against_the_store(
        run: Run, demo_db: Path, ro_keys: Keys, tmp_path: Path) -> None:
    from countdesk.app import Desk

    with Desk.open(demo_db) as store:
        ward = store.ward("cheam")
        assert ward.ballot_papers_verified is not None
        postal = ward.ballot_papers_verified - 2500
        store.set_verification(ward.id, [
            ("Box 1 (St Mary's Church Hall)", "box", 1200, 1201),
            ("Box 2 (Cheam Library)", "box", 1300, 1299),
            ("Postal ballot papers", "postal", None, postal)])
        store.explain_variance(ward.id, "One paper from box 2 was found in box 1.", by="Deputy RO")
    out = tmp_path / "verification.pdf"
    r = run("--db", demo_db, "report", "verification", "cheam", "--out", out, *ro_keys.args())
    assert r.code == 0, r.err
    flat = squash(pdf_text(out))
    assert "Box 1 (St Mary's Church Hall) 1,200 — — — 1,201 +1" in flat
    assert "Box 2 (Cheam Library) 1,300 — — — 1,299 -1" in flat
    assert f"Postal ballot papers — — — — {postal:,} —" in flat
    assert f"Total 2,500 — — — {ward.ballot_papers_verified:,} 0" in flat
    assert "Explanation of the variance (Deputy RO): One paper from box 2 was found in box 1." in flat
    assert run("verify", out, "--db", demo_db).code == 0
    with Desk.open(demo_db) as store:  # the verification changes: the statement no longer matches
        store.set_verification(ward.id, [
            ("Box 1 (St Mary's Church Hall)", "box", 1200, 1200),
            ("Box 2 (Cheam Library)", "box", 1300, 1300),
            ("Postal ballot papers", "postal", None, postal)])
    r = run("verify", out, "--db", demo_db)
    assert r.code == 2 and "DOES NOT MATCH" in r.out
