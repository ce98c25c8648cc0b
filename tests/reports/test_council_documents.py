"""The summary sheet (``report summary``) and ``declare --all``, read back with pypdf."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from countdesk.app import AppError, Desk
from countdesk.core.workflow import Action
from countdesk.reports.signing import keygen
from helpers import db_fingerprint

Store = Desk

Run = Callable[..., Any]


def text_of(path: Path | bytes) -> str:
    raw = path if isinstance(path, bytes) else path.read_bytes()
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages)


def show_provisional(store: Desk) -> None:
    """The provisional result shown in every ward whose count allows it (before lots and declaring)."""
    for w in store.wards():
        if store.check(w.id, Action.SHOW_PROVISIONAL).allowed:
            store.show_provisional(w.id, by="RO")


def draw_nonsuch_lot(store: Store) -> None:
    show_provisional(store)
    ward = store.ward("Nonsuch")
    r = store.result(ward.id)
    assert r.tie is not None
    winner = next(c for c in r.tie.candidate_ids if r.row(c).candidate.surname == "McDermott-Hill")
    store.record_lot(ward.id, winner, "coin toss")


def declare(store: Store, *names: str) -> None:
    show_provisional(store)
    for name in names:
        ward = store.ward(name)
        for w in store.result(ward.id).unacknowledged:
            store.acknowledge(ward.id, w.code, by="RO", explanation="checked")
        store.declare(ward.id)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("ro-keys")
    passfile = folder / "pass.txt"
    passfile.write_text("correct horse battery staple\n", encoding="utf-8")
    info = keygen("A. N. Officer", folder / "ro.p12", "correct horse battery staple")
    return info.p12_path, passfile, info.cert_path


# ------------------------------------------------------------ summary sheet
def test_summary_sheet_while_wards_are_still_to_declare(run: Run, demo_db: Path, tmp_path: Path) -> None:
    with Desk.open(demo_db) as store:
        declare(store, "Belmont", "Cheam", "St Helier")
    out = tmp_path / "summary.pdf"
    r = run("--db", demo_db, "report", "summary", "--out", out)
    assert r.code == 0, r.err
    assert "summary of results" in r.out
    text = text_of(out)
    assert "SUMMARY OF RESULTS" in text and "London Borough of Sutton" in text
    assert "3 of 18 wards declared" in text
    assert "Control not yet decided" in text
    assert "NOT ALL WARDS DECLARED" in text  # watermark
    assert text.count("not yet declared") >= 15
    # verify --db: matches now, and no longer once another ward is declared
    assert "matches every ward" in run("verify", out, "--db", demo_db).out
    with Desk.open(demo_db) as store:
        declare(store, "Stonecot")
    r = run("verify", out, "--db", demo_db)
    assert r.code == 2 and "DOES NOT MATCH" in r.out


def test_summary_sheet_once_every_ward_is_declared(run: Run, demo_db: Path, tmp_path: Path) -> None:
    with Desk.open(demo_db) as store:
        draw_nonsuch_lot(store)
        declare(store, *[w.name for w in store.wards()])
        councillors = [store.result(w.id).row(c).candidate for w in store.wards()
                       for c in store.result(w.id).elected]
        pdf = store.document("summary")
        assert pdf == store.document("summary")  # deterministic
        with pytest.raises(AppError):
            store.document("summary", "Nonsuch")
    text = text_of(pdf)
    assert "Liberal Democrat hold" in text
    assert "All 18 wards declared" in text
    assert "Wallington South" in text and "16th" in text  # when control was decided
    for needle in ("Liberal Democrats", "Conservative", "Independent", "33", "18", "−12", "+9",
                   "Majority 28", "Turnout 42.57%"):
        assert needle in text, needle
    assert "NOT ALL WARDS DECLARED" not in text
    for c in councillors:
        assert c.surname.upper() in text.upper()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


def test_report_summary_takes_no_ward(run: Run, demo_db: Path, tmp_path: Path) -> None:
    r = run("--db", demo_db, "report", "summary", "Nonsuch", "--out", tmp_path / "s.pdf")
    assert r.code == 2 and "give no WARD" in r.err
    assert not (tmp_path / "s.pdf").exists()


# -------------------------------------------------------------- declare --all
def test_declare_all_declares_every_ready_ward_and_skips_unacknowledged_warnings(
        run: Run, demo_db: Path, tmp_path: Path) -> None:
    with Desk.open(demo_db) as store:
        draw_nonsuch_lot(store)  # Nonsuch is now ready, but its W002 is not acknowledged
    out = tmp_path / "sheets"
    out.mkdir()
    r = run("--db", demo_db, "declare", "--all", "--out-dir", out, "--by", "A. N. Officer")
    assert r.code == 3, r.err
    assert "skipped Nonsuch" in r.err and "W002" in r.err
    assert "declared 17 wards; skipped 1" in r.out
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 17 and "declaration-nonsuch.pdf" not in files
    assert "declaration-carshalton-south-and-clockhouse.pdf" in files
    text = text_of(out / "declaration-belmont.pdf")
    assert "DECLARATION OF RESULT OF POLL" in text and "Belmont" in text
    with Desk.open(demo_db) as store:
        assert [w.name for w in store.wards() if not w.declared_at] == ["Nonsuch"]
        store.acknowledge(store.ward("Nonsuch").id, "W002", by="RO", explanation="checked")
    r = run("--db", demo_db, "declare", "--all", "--out-dir", out)
    assert r.code == 0, r.err
    assert "declared Nonsuch" in r.out and "MCDERMOTT-HILL, James" in r.out
    assert (out / "declaration-nonsuch.pdf").exists()
    r = run("--db", demo_db, "declare", "--all", "--out-dir", out)
    assert r.code == 0 and "no ward is ready to declare" in r.out


def test_declare_all_signs_each_sheet(run: Run, sample_db: Path, tmp_path: Path,
                                      keys: tuple[Path, Path, Path]) -> None:
    p12, passfile, cert = keys
    assert run("--db", sample_db, "provisional", "Hillcrest").code == 0
    r = run("--db", sample_db, "declare", "--all", "--out-dir", tmp_path, "--key", p12,
            "--passphrase-file", passfile)
    assert r.code == 0, r.err
    # Hillcrest is counted, Millbrook uncontested; Riverside awaits a lot, Old Town is not counted
    assert "declared 2 wards" in r.out and "Riverside (provisional result not shown)" in r.out
    for name in ("declaration-hillcrest.pdf", "declaration-millbrook.pdf"):
        v = run("verify", tmp_path / name, "--cert", cert, "--db", sample_db)
        assert v.code == 0, v.out + v.err


def test_declare_all_refusals_change_nothing(run: Run, demo_db: Path, tmp_path: Path) -> None:
    before = db_fingerprint(demo_db)
    cases = [
        (["declare", "--all"], "--out-dir"),
        (["declare", "--all", "--out-dir", tmp_path / "missing"], "not a folder"),
        (["declare", "--all", "Belmont", "--out-dir", tmp_path], "give no WARD"),
        (["declare", "Belmont"], "--out"),
        (["declare", "Belmont", "--out", tmp_path / "b.pdf", "--out-dir", tmp_path], "--out-dir goes with --all"),
        (["declare", "--all", "--out-dir", tmp_path, "--key", tmp_path / "nokey.p12",
          "--passphrase-file", tmp_path / "nopass.txt"], ""),
    ]
    for args, words in cases:
        r = run("--db", demo_db, *args)
        assert r.code == 2, (args, r.out, r.err)
        assert words in r.err
    assert db_fingerprint(demo_db) == before
    assert list(tmp_path.glob("*.pdf")) == []


def test_declare_all_asks_for_the_returning_officers_passphrase_once(run: Run, sample_db: Path,
                                                                     tmp_path: Path) -> None:
    secret = tmp_path / "ro.txt"
    secret.write_text("the returning officer's own\n", encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n", encoding="utf-8")
    assert run("--db", sample_db, "set-passphrase", "--passphrase-file", secret).code == 0
    assert run("--db", sample_db, "provisional", "Hillcrest").code == 0
    out = tmp_path / "sheets"
    out.mkdir()
    for extra in ([], ["--ro-passphrase-file", wrong]):
        r = run("--db", sample_db, "declare", "--all", "--out-dir", out, *extra)
        assert r.code == 2, r.out + r.err
        assert "passphrase" in r.err
    assert list(out.iterdir()) == []
    with Desk.open(sample_db) as store:
        assert not any(w.declared_at for w in store.wards())
    r = run("--db", sample_db, "declare", "--all", "--out-dir", out, "--ro-passphrase-file", secret)
    assert r.code == 0, r.err
    assert "declared 2 wards" in r.out
