"""Records only the returning officer could have made (issue 14, finding 1): a record of any
action that needs the passphrase, forged with sqlite3 and correctly chained (its rows written
too, so the store agrees with its log), fails ``audit-verify --ro-passphrase-file``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from countdesk.app import Desk
from countdesk.store.audit import canonical, chain_hash
from helpers import CliResult

Run = Callable[..., CliResult]
PASS = "correct horse battery"


@pytest.fixture
def guarded(demo_db: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The demo with the RO's passphrase set, Nonsuch's lot drawn and Nonsuch declared, all
    with the passphrase; and a file holding it."""
    with Desk.open(demo_db) as desk:
        desk.set_passphrase(PASS, by="RO")
        w = desk.ward("Nonsuch")
        desk.show_provisional(w.id, by="RO")
        tie = desk.result(w.id).tie
        assert tie is not None
        desk.record_lot(w.id, tie.candidate_ids[0], "coin toss", passphrase=PASS)
        desk.acknowledge(w.id, "W002", by="RO", explanation="checked")
        desk.declare(w.id, by="RO", passphrase=PASS)
    passfile = tmp_path / "ro.txt"
    passfile.write_text(PASS + "\n", encoding="utf-8")
    return demo_db, passfile


def _row(conn: sqlite3.Connection, table: str, pk: int) -> dict[str, Any]:
    cur = conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (pk,))
    names = [d[0] for d in cur.description]
    return dict(zip(names, cur.fetchone(), strict=True))


def forge(db: Path, action: str, write: Callable[[sqlite3.Connection], list[tuple[str, int]]],
          details: dict[str, Any] | None = None, ward_id: int | None = None) -> None:
    """Write rows behind countdesk's back and append a correctly chained record of them."""
    conn = sqlite3.connect(db)
    touched = write(conn)
    changes = [{"table": t, "id": pk, "row": _row(conn, t, pk)} for t, pk in touched]
    seq, prev = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    body = {"seq": seq + 1, "at": "2026-05-04T03:00:00Z", "actor": "RO", "action": action,
            "ward_id": ward_id, "details": details or {"authorised": "returning officer's passphrase"},
            "changes": changes}
    conn.execute("INSERT INTO audit (seq, at, actor, action, ward_id, details, changes, prev_hash, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (body["seq"], body["at"], "RO", action, ward_id, canonical(body["details"]),
                  canonical(changes), prev, chain_hash(prev, body)))
    conn.commit()
    conn.close()


def _ids(db: Path) -> dict[str, Any]:
    with Desk.open(db, read_only=True) as desk:
        nonsuch, cheam = desk.ward("Nonsuch"), desk.ward("Cheam")
        r = desk.result(nonsuch.id)
        loser = next(c.candidate.id for c in r.candidates if c.lot_winner is False and c.elected is False)
        round_id = desk.store.current_round(nonsuch.id)[0]
        keying = desk.store.conn.execute("SELECT MAX(id) FROM keyings").fetchone()[0]
        sheet = desk.store.conn.execute("SELECT MAX(id) FROM sheets").fetchone()[0]
    return {"nonsuch": nonsuch.id, "cheam": cheam.id, "loser": loser, "round": round_id,
            "keying": keying, "sheet": sheet}


def _insert(table: str, row: dict[str, Any]) -> Callable[[sqlite3.Connection], list[tuple[str, int]]]:
    def write(conn: sqlite3.Connection) -> list[tuple[str, int]]:
        cols = ", ".join(row)
        cur = conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})",
                           list(row.values()))
        assert cur.lastrowid is not None
        return [(table, cur.lastrowid)]
    return write


def _update(table: str, pk: int, values: dict[str, Any]) -> Callable[[sqlite3.Connection], list[tuple[str, int]]]:
    def write(conn: sqlite3.Connection) -> list[tuple[str, int]]:
        sets = ", ".join(f"{k} = ?" for k in values)
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), pk])
        return [(table, pk)]
    return write


ATTACKS: dict[str, Callable[[dict[str, Any]], tuple[str, Any, int | None]]] = {
    "declare": lambda i: ("declare", _update("wards", i["cheam"], {
        "declared_at": "2026-05-04T03:00:00Z", "declared_by": "RO", "candidates_locked": 1}), i["cheam"]),
    "lot": lambda i: ("record drawing of lots", _insert("lots", {
        "round_id": i["round"], "winner_id": i["loser"], "tied_ids": "[]", "method": "coin",
        "witnesses": "[]", "drawn_at": "2026-05-04T03:00:00Z", "recorded_by": "RO"}), i["nonsuch"]),
    "accept": lambda i: ("accept first keying", _insert("resolutions", {
        "sheet_id": i["sheet"], "accepted_slot": "first", "first_keying_id": i["keying"],
        "second_keying_id": i["keying"], "by": "RO", "at": "2026-05-04T03:00:00Z"}), None),
    "unlock": lambda i: ("unlock candidates", _update("wards", i["cheam"], {"candidates_locked": 0}),
                         i["cheam"]),
    "countermand": lambda i: ("countermand poll", _insert("countermands", {
        "ward_id": i["cheam"], "reason": "forged", "by": "RO", "at": "2026-05-04T03:00:00Z"}), i["cheam"]),
    "report error": lambda i: ("report error after declaration", _insert("error_reports", {
        "ward_id": i["nonsuch"], "reason": "forged", "believed": "{}", "declared": "{}", "by": "RO",
        "at": "2026-05-04T03:00:00Z"}), i["nonsuch"]),
    "change passphrase": lambda i: ("change passphrase", _insert("passphrases", {
        "role": "returning_officer", "hash": "00", "salt": "00", "n": 16384, "r": 8, "p": 1,
        "set_at": "2026-05-04T03:00:00Z", "set_by": "mallory"}), None),
    "set passphrase over it": lambda i: ("set passphrase", _insert("passphrases", {
        "role": "returning_officer", "hash": "00", "salt": "00", "n": 16384, "r": 8, "p": 1,
        "set_at": "2026-05-04T03:00:00Z", "set_by": "mallory"}), None),
    "signing key": lambda i: ("signing key chosen", lambda conn: [], None),
}


def test_the_genuine_log_passes_with_the_passphrase(guarded: tuple[Path, Path], run: Run) -> None:
    db, passfile = guarded
    r = run("--db", db, "audit-verify", "--ro-passphrase-file", passfile)
    assert r.code == 0, r.err
    assert "were all made with the passphrase" in r.out
    r = run("--db", db, "audit-verify")
    assert r.code == 0 and "not checked for forgery" in r.out


@pytest.mark.parametrize("kind", list(ATTACKS))
def test_a_forged_record_of_every_returning_officers_action_is_caught(
        guarded: tuple[Path, Path], run: Run, kind: str) -> None:
    db, passfile = guarded
    action, write, ward = ATTACKS[kind](_ids(db))
    forge(db, action, write, ward_id=ward)
    assert run("--db", db, "audit-verify").code == 0  # the chain and the tables agree...
    r = run("--db", db, "audit-verify", "--ro-passphrase-file", passfile)
    assert r.code == 2, r.out
    assert "forged" in r.err or "without the current one" in r.err, r.err


def test_a_copied_authenticator_does_not_fit_another_record(guarded: tuple[Path, Path], run: Run) -> None:
    db, passfile = guarded
    conn = sqlite3.connect(db)
    genuine = json.loads(conn.execute(
        "SELECT details FROM audit WHERE action = 'declare' ORDER BY seq DESC LIMIT 1").fetchone()[0])
    conn.close()
    ids = _ids(db)
    action, write, ward = ATTACKS["declare"](ids)
    forge(db, action, write, details=genuine, ward_id=ward)
    r = run("--db", db, "audit-verify", "--ro-passphrase-file", passfile)
    assert r.code == 2 and "forged" in r.err


def test_a_wrong_passphrase_opens_nothing(guarded: tuple[Path, Path], run: Run, tmp_path: Path) -> None:
    db, _ = guarded
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    r = run("--db", db, "audit-verify", "--ro-passphrase-file", wrong)
    assert r.code == 2 and "does not open this store's audit key" in r.err


def test_changing_the_passphrase_keeps_every_record_checkable(guarded: tuple[Path, Path], run: Run,
                                                               tmp_path: Path) -> None:
    db, _ = guarded
    with Desk.open(db) as desk:
        desk.set_passphrase("a brand new passphrase", old=PASS, by="RO")
        desk.countermand("Cheam", "death of a candidate", by="RO", passphrase="a brand new passphrase")
    new = tmp_path / "new.txt"
    new.write_text("a brand new passphrase\n", encoding="utf-8")
    r = run("--db", db, "audit-verify", "--ro-passphrase-file", new)
    assert r.code == 0, r.err



def test_a_log_cut_short_is_caught_against_a_backup_anchor(guarded: tuple[Path, Path], run: Run,
                                                          tmp_path: Path) -> None:
    """Cutting off the declaration with the rows it wrote leaves a store consistent with itself;
    a backup taken after the declaration still tells."""
    db, passfile = guarded
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run("--db", db, "backup", usb).code == 0
    (anchor,) = list(usb.glob("*.db"))
    assert run("--db", db, "audit-verify", "--anchor", anchor).code == 0
    conn = sqlite3.connect(db)
    conn.executescript("DROP TRIGGER audit_no_delete;")
    seq, changes = conn.execute(
        "SELECT seq, changes FROM audit WHERE action = 'declare' ORDER BY seq DESC LIMIT 1").fetchone()
    conn.execute("DELETE FROM audit WHERE seq >= ?", (seq,))
    for item in json.loads(changes):  # the declaration undone in the table too
        if item["table"] == "wards":
            conn.execute("UPDATE wards SET declared_at = NULL, declared_by = NULL WHERE id = ?",
                         (item["id"],))
    conn.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
                 "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END")
    conn.commit()
    conn.close()
    assert run("--db", db, "audit-verify", "--ro-passphrase-file", passfile).code == 0  # consistent...
    r = run("--db", db, "audit-verify", "--anchor", anchor)
    assert r.code == 2 and "missing from the store" in r.err  # ...but not with the anchor


def test_every_backup_has_a_manifest_that_anchors_the_log(guarded: tuple[Path, Path], run: Run,
                                                          tmp_path: Path) -> None:
    import hashlib

    db, _ = guarded
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run("--db", db, "backup", usb).code == 0
    (backup,) = list(usb.glob("*.db"))
    manifest = json.loads(backup.with_name(backup.name + ".manifest.json").read_text(encoding="utf-8"))
    assert manifest["sha256"] == hashlib.sha256(backup.read_bytes()).hexdigest()
    with Desk.open(db, read_only=True) as desk:
        last = desk.audit_records()[-1]
    assert manifest["audit_head"] == {"seq": last["seq"], "hash": last["hash"]}
    r = run("--db", db, "audit-verify", "--anchor", backup.with_name(backup.name + ".manifest.json"))
    assert r.code == 0, r.err
    conn = sqlite3.connect(db)  # the last record cut off (a wrong-passphrase try erased, say)
    conn.executescript("DROP TRIGGER audit_no_delete;")
    conn.execute("DELETE FROM audit WHERE seq = ?", (last["seq"],))
    conn.commit()
    conn.close()
    r = run("--db", db, "audit-verify", "--anchor", backup.with_name(backup.name + ".manifest.json"))
    assert r.code == 2 and ("cut short" in r.err or "removed" in r.err), r.err


def _cut_tail(db: Path, from_seq: int) -> None:
    """What a careful forger does to undo the last actions: delete their audit records and undo
    every row they wrote (rows they added deleted, rows they changed put back as they were),
    leaving a store that agrees with its own log."""
    conn = sqlite3.connect(db)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    records = conn.execute("SELECT seq, changes FROM audit ORDER BY seq").fetchall()
    earlier: dict[tuple[str, int], dict[str, Any] | None] = {}
    for seq, changes in records:
        if seq >= from_seq:
            break
        for item in json.loads(changes):
            earlier[(item["table"], item["id"])] = item["row"]
    for seq, changes in reversed(records):
        if seq < from_seq:
            break
        for item in reversed(json.loads(changes)):
            key = (item["table"], item["id"])
            before = earlier.get(key)
            conn.execute(f"DELETE FROM {item['table']} WHERE rowid = ?", (item["id"],))
            if before is not None:
                cols = ", ".join(before)
                conn.execute(f"INSERT INTO {item['table']} ({cols}) VALUES ({', '.join('?' * len(before))})",
                             list(before.values()))
    conn.execute("DELETE FROM audit WHERE seq >= ?", (from_seq,))
    for _, sql in triggers:
        conn.execute(sql)
    conn.commit()
    conn.close()


RO_KINDS: dict[str, Callable[[Desk], None]] = {
    "lot": lambda d: d.record_lot("Nonsuch", d.result("Nonsuch").tie.candidate_ids[0], "coin",  # type: ignore[union-attr]
                                  passphrase=PASS),
    "declare": lambda d: d.declare("Nonsuch", by="RO", passphrase=PASS),
    "countermand": lambda d: d.countermand("Cheam", "death of a candidate", passphrase=PASS),
    "change passphrase": lambda d: d.set_passphrase("another passphrase", old=PASS),
    "key event": lambda d: d.record_key_event("signing key chosen", {"key_file": "ro.p12"},
                                              passphrase=PASS),
    "unlock": lambda d: d.unlock_candidates(d.ward("Cheam").id, "a misspelt name", "RO",
                                            passphrase=PASS),
    "report error": lambda d: d.report_error("Nonsuch", "a bundle misread", passphrase=PASS),
    "accept": lambda d: d.accept_keying("Belmont", "first", by="Supervisor", passphrase=PASS),
}


def _prepare(desk: Desk, kind: str) -> None:
    """Bring the demo to where the action can be taken."""
    if kind in ("declare", "report error"):
        RO_KINDS["lot"](desk)
        desk.acknowledge("Nonsuch", "W002", by="RO", explanation="checked")
    if kind == "report error":
        desk.declare("Nonsuch", by="RO", passphrase=PASS)
    if kind == "accept":  # two differing keyings of a recount's sheet
        first = desk.result("Belmont")
        desk.request_recount("Belmont", "Agent", granted=True, reason="close")
        votes = {r.candidate.id: r.votes for r in first.candidates}
        other = dict(votes)
        top = max(other, key=lambda k: other[k] or 0)
        other[top] = (other[top] or 0) - 1
        rejected = {k: v for k, v in first.rejected.items() if k != "total"}
        desk.enter_keying("Belmont", "first", votes, papers=first.ballot_papers_counted,
                          rejected=rejected, operator="A")
        desk.enter_keying("Belmont", "second", other, papers=first.ballot_papers_counted,
                          rejected=rejected, operator="B")


@pytest.mark.parametrize("kind", list(RO_KINDS))
def test_a_tail_cut_off_with_its_rows_is_caught_against_the_anchor(demo_db: Path, run: Run,
                                                                   tmp_path: Path, kind: str) -> None:
    with Desk.open(demo_db) as desk:
        desk.set_passphrase(PASS, by="RO")
        desk.show_provisional("Nonsuch", by="RO")
        _prepare(desk, kind)
        start = len(desk.audit_records()) + 1
        RO_KINDS[kind](desk)
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run("--db", demo_db, "backup", usb).code == 0
    (manifest,) = list(usb.glob("*.manifest.json"))
    _cut_tail(demo_db, start)
    assert run("--db", demo_db, "audit-verify").code == 0  # the store agrees with itself...
    r = run("--db", demo_db, "audit-verify", "--anchor", manifest)
    assert r.code == 2 and "cut short or rolled back" in r.err, r.err  # ...not with its anchor


def test_removed_safeguards_are_found_without_the_passphrase(demo_db: Path, run: Run) -> None:
    for sql, words in (("DROP TRIGGER lots_no_delete", "lots_no_delete"),
                       ("DROP INDEX wards_name", "wards_name")):
        conn = sqlite3.connect(demo_db)
        conn.execute(sql)
        conn.commit()
        conn.close()
        r = run("--db", demo_db, "audit-verify")
        assert r.code == 2 and words in r.err and "removed behind countdesk's back" in r.err
