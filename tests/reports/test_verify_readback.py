"""``verify --db`` reads what the page shows and who signed it (issue 14, finding 4): a sheet
that shows other winners under the genuine digest, signed by a self-made key in the returning
officer's name, and a Cheam sheet relabelled with Nonsuch's digest, both fail."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from countdesk.app import Desk
from countdesk.reports import documents as docs
from countdesk.reports.digest import result_digest
from countdesk.reports.signing import keygen, load_signer, sign_with
from helpers import CliResult

Run = Callable[..., CliResult]
KEY_PASS = "correct horse battery staple"


def declare(desk: Desk, ward: str) -> None:
    w = desk.ward(ward)
    desk.show_provisional(w.id, by="RO")
    r = desk.result(w.id)
    if r.tie is not None:
        winner = next(c for c in r.tie.candidate_ids if r.row(c).candidate.surname == "McDermott-Hill")
        desk.record_lot(w.id, winner, "coin toss")
    for x in desk.result(w.id).unacknowledged:
        desk.acknowledge(w.id, x.code, by="RO", explanation="checked")
    desk.declare(w.id, by="RO")


@pytest.fixture
def declared(demo_db: Path, tmp_path: Path, run: Run) -> tuple[Path, Path, Path]:
    """The demo with Nonsuch and Cheam declared, the RO's key made and registered in the store,
    and Nonsuch's genuine signed declaration."""
    passfile = tmp_path / "keypass.txt"
    passfile.write_text(KEY_PASS + "\n", encoding="utf-8")
    r = run("--db", demo_db, "keygen", "--name", "Niall Bolger", "--out", tmp_path / "ro.p12",
            "--passphrase-file", passfile)
    assert r.code == 0, r.err
    with Desk.open(demo_db) as desk:
        declare(desk, "Nonsuch")
        declare(desk, "Cheam")
    genuine = tmp_path / "nonsuch.pdf"
    r = run("--db", demo_db, "report", "declaration", "Nonsuch", "--out", genuine,
            "--key", tmp_path / "ro.p12", "--passphrase-file", passfile)
    assert r.code == 0, r.err
    return demo_db, genuine, tmp_path / "ro.p12"


def test_the_genuine_sheet_passes(declared: tuple[Path, Path, Path], run: Run) -> None:
    db, genuine, _ = declared
    r = run("verify", genuine, "--db", db)
    assert r.code == 0, r.out + r.err
    assert "matches the declared result of Nonsuch" in r.out


def forged_signer(tmp_path: Path) -> object:
    n = len(list(tmp_path.glob("forger-*.p12")))
    info = keygen("Niall Bolger", tmp_path / f"forger-{n}.p12", "forger's own passphrase")
    return load_signer(info.p12_path, "forger's own passphrase")


def test_other_winners_under_the_genuine_digest_and_a_self_made_key_fail(
        declared: tuple[Path, Path, Path], run: Run, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, _, _ = declared
    with Desk.open(db, read_only=True) as desk:
        el, ward = desk.election(), desk.ward("Nonsuch")
        result = desk.result(ward.id)
    genuine_digest = result_digest(el, ward, result)
    # the forger swaps who is elected between the two tied candidates, keeps every figure
    swapped = tuple(dataclasses.replace(r, elected=not r.elected)
                    if r.candidate.surname in ("McDermott-Hill", "Bourne") else r
                    for r in result.candidates)
    forged_result = dataclasses.replace(result, candidates=swapped)
    monkeypatch.setattr(docs, "result_digest", lambda *a: genuine_digest)
    pdf = docs.declaration_pdf(el, ward, forged_result)
    monkeypatch.undo()
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(sign_with(pdf, forged_signer(tmp_path)))  # type: ignore[arg-type]
    r = run("verify", forged, "--db", db)
    assert r.code == 2, r.out
    assert "DOES NOT MATCH" in r.out and "elected" in r.out
    # the same sheet, showing the true result, still fails: it is not the registered key
    monkeypatch.setattr(docs, "result_digest", lambda *a: genuine_digest)
    honest_looking = docs.declaration_pdf(el, ward, result)
    monkeypatch.undo()
    forged.write_bytes(sign_with(honest_looking, forged_signer(tmp_path)))  # type: ignore[arg-type]
    r = run("verify", forged, "--db", db)
    assert r.code == 2 and "NOT the returning officer's key registered" in r.out, r.out


def test_a_cheam_sheet_relabelled_with_nonsuchs_digest_fails(
        declared: tuple[Path, Path, Path], run: Run, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, _, key = declared
    with Desk.open(db, read_only=True) as desk:
        el = desk.election()
        nonsuch, cheam = desk.ward("Nonsuch"), desk.ward("Cheam")
        nonsuch_digest = result_digest(el, nonsuch, desk.result(nonsuch.id))
        cheam_result = desk.result(cheam.id)
    monkeypatch.setattr(docs, "result_digest", lambda *a: nonsuch_digest)
    pdf = docs.declaration_pdf(el, dataclasses.replace(cheam, id=nonsuch.id), cheam_result)
    monkeypatch.undo()
    relabelled = tmp_path / "relabelled.pdf"
    relabelled.write_bytes(sign_with(pdf, load_signer(key, KEY_PASS)))  # even the real key
    r = run("verify", relabelled, "--db", db)
    assert r.code == 2, r.out
    assert "DOES NOT MATCH" in r.out and "Nonsuch" in r.out
