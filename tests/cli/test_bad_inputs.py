"""The bad-input catalogue: every row of docs/bad-inputs.md, tried.

Each case gives countdesk one bad input, through the command line (exit 2, one
line on stderr starting ``countdesk:``) or through the application layer the
desktop app uses (an :class:`AppError` with a one-line message), and checks that the
message says what is wrong and that the stored data did not change (the
logical contents of the store, and no file left behind). A few rows are inputs
that look wrong but are read as meant (``1,234``): those check the value kept.

The election-file rows reuse the cases of tests/cli/test_cli.py (``BAD_FILES``).
A test below keeps this list and the document's table the same.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cli_steps import declare, show
from test_cli import BAD_FILES

from countdesk.app import AppError, Desk
from countdesk.store import Store, db
from helpers import ROOT, SAMPLE, CliResult, db_fingerprint, election_file, small_election

Run = Callable[..., CliResult]
DOC = ROOT / "docs" / "bad-inputs.md"
H = "ward,surname,forenames,description,seats\n"


@dataclass
class Ctx:
    tmp: Path
    db: Path
    monkeypatch: pytest.MonkeyPatch

    def old_town(self) -> tuple[int, list[int]]:
        with Store.open(self.db) as store:
            w = store.ward("old town").id
            return w, [c.id for c in store.candidates(w)]

    def votes(self, first: str | None = None) -> list[str]:
        _, ids = self.old_town()
        out = [f"{cid}={100 + k}" for k, cid in enumerate(ids)]
        if first is not None:
            out[0] = f"{ids[0]}={first}"
        return out

    def enter(self, first: str | None = None, *extra: str) -> list[Any]:
        # Old Town elects three: a keying carries its ballot papers counted
        return ["--db", self.db, "enter", "old town", "--keying", "first", "--papers", "400",
                "--votes", *self.votes(first), *extra]

    def file(self, name: str, data: bytes | str) -> Path:
        p = self.tmp / name
        p.write_bytes(data.encode() if isinstance(data, str) else data)
        return p


#: What a case does: CLI arguments, or a function that calls the application layer.
Action = list[Any] | Callable[[], object]


@dataclass
class Case:
    id: str
    #: the store it starts from: "sample", "demo" or "none" (a path with no file yet)
    store: str
    make: Callable[[Ctx], Action]
    #: words the message must contain (refused), or None: accepted as meant
    words: str | None
    #: for an accepted input, a check of what was kept
    check: Callable[[Ctx], None] | None = None


def _election(ctx: Ctx, data: object) -> Action:
    p = election_file(ctx.tmp, data, "bad.json")
    return ["--db", ctx.db, "import", p]


def _raw_file(content: Any) -> Callable[[Ctx], Action]:
    def make(ctx: Ctx) -> Action:
        bad = ctx.file("bad.json", content if isinstance(content, bytes) else json.dumps(content))
        return ["--db", ctx.db, "import", bad]
    return make


def _csv(text: str) -> Callable[[Ctx], Action]:
    def make(ctx: Ctx) -> Action:
        def call() -> object:
            with Desk.open(ctx.db) as desk:
                return desk.import_nominations(text.encode("utf-8"))
        return call
    return make


def _api(fn: Callable[[Desk], object]) -> Callable[[Ctx], Action]:
    def make(ctx: Ctx) -> Action:
        def call() -> object:
            with Desk.open(ctx.db) as desk:
                return fn(desk)
        return call
    return make


def _name(surname: str) -> dict[str, Any]:
    data = small_election()
    data["wards"][0]["candidates"][0]["surname"] = surname  # type: ignore[index]
    return data


def _stored_surname(expected: str) -> Callable[[Ctx], None]:
    def check(ctx: Ctx) -> None:
        with Store.open(ctx.db) as store:
            names = {c.surname for c in store.candidates(store.ward("Riverside").id)}
        assert expected in names
    return check


def _stored_first_vote(expected: int) -> Callable[[Ctx], None]:
    def check(ctx: Ctx) -> None:
        w, ids = ctx.old_town()
        with Store.open(ctx.db) as store:
            (_, sheet), = store.sheet_inputs(store.current_round(w)[0])
            assert sheet.first is not None and sheet.first.values[f"votes:{ids[0]}"] == expected
    return check


def _unfilled(ctx: Ctx) -> Action:
    data = small_election(seats=5)
    for c in data["wards"][0]["candidates"]:  # type: ignore[index]
        c.pop("votes")
    return _election(ctx, data)


def _stored_unfilled(ctx: Ctx) -> None:
    with Desk.open(ctx.db, read_only=True) as desk:
        r = desk.result("Riverside")
    assert r.status.value == "uncontested" and r.unfilled_seats == 1 and len(r.elected) == 4


def _with(prepare: Callable[[Desk], object], args: Callable[[Ctx], Action]) -> Callable[[Ctx], Action]:
    """Bring the store to a state through the application layer, then try ``args``."""
    def make(ctx: Ctx) -> Action:
        with Desk.open(ctx.db) as desk:
            prepare(desk)
        return args(ctx)
    return make


def _corrupt(ctx: Ctx) -> Action:
    data = bytearray(ctx.db.read_bytes())
    page = 4096
    for n in range(2, len(data) // page):  # every page after the schema: the tables' contents
        data[n * page + 100: n * page + 400] = os.urandom(300)
    ctx.db.write_bytes(bytes(data))
    return ["--db", ctx.db, "wards"]


def _truncate(ctx: Ctx) -> Action:
    data = ctx.db.read_bytes()
    ctx.db.write_bytes(data[: len(data) // 3])
    return ["--db", ctx.db, "wards"]


def _newer(ctx: Ctx) -> Action:
    conn = sqlite3.connect(ctx.db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    return ["--db", ctx.db, "wards"]


def _other_sqlite(ctx: Ctx) -> Action:
    p = ctx.tmp / "other.db"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return ["--db", p, "wards"]


def _full_disk(ctx: Ctx) -> None:
    """Simulate a full disk: SQLite may not grow the file by a single page."""
    real = db._open_connection

    def limited(path: Path) -> sqlite3.Connection:
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    ctx.monkeypatch.setattr(db, "_open_connection", limited)


def _full_nominations(ctx: Ctx) -> Action:
    _full_disk(ctx)
    rows = "".join(f"Castle,Surname{n:02d},Forename,{'The Independent Candidate ' * 6},5\n"
                   for n in range(40))
    return _csv(H + rows)(ctx)


def _full_import(ctx: Ctx) -> Action:
    _full_disk(ctx)
    return ["--db", ctx.db, "import", SAMPLE]


def _read_only_folder(ctx: Ctx) -> Action:
    folder = ctx.tmp / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return ["--db", folder / "new.db", "import", SAMPLE]


def _read_only_store(ctx: Ctx) -> Action:
    ctx.db.chmod(0o444)
    return ctx.enter()


def _in_use(ctx: Ctx) -> Action:
    code = ("import sys, time\nfrom countdesk.store import Store\ns = Store.open(sys.argv[1])\n"
            "s.claim_writer()\nprint('holding', flush=True)\ntime.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(ctx.db)], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    ctx.monkeypatch.setattr(db, "WRITER_WAIT", 0.1)
    _procs.append(proc)
    return ctx.enter()


_procs: list[subprocess.Popen[str]] = []


def _pdf(ctx: Ctx, data: bytes) -> Action:
    return ["verify", ctx.file("sheet.pdf", data)]


def _truncated_pdf(ctx: Ctx) -> Action:
    src = ctx.tmp / "full.pdf"
    with Desk.open(ctx.db) as desk:
        src.write_bytes(desk.document("provisional", "nonsuch"))
    data = src.read_bytes()
    src.unlink()
    return _pdf(ctx, data[: len(data) // 2])


def _other_election(c: Ctx) -> Action:
    from countdesk.app.files import import_election_file

    other = c.tmp / "other-election.db"
    import_election_file(other, SAMPLE)
    return ["--db", c.db, "restore", other]


def _restore_without_passphrase(c: Ctx) -> Action:
    from countdesk.app.safety import backup

    with Desk.open(c.db) as desk:
        desk.set_passphrase("correct horse battery", by="RO")
    usb = c.tmp / "usb"
    usb.mkdir()
    return ["--db", c.db, "restore", backup(c.db, usb).path]


def _hard_link(c: Ctx) -> Action:
    link = c.tmp / "second-name.db"
    os.link(c.db, link)
    return ["--db", link, "wards"]


def _planted_lock(c: Ctx) -> Action:
    victim = c.file("victim.txt", "the returning officer's notes\n")
    c.db.with_name(c.db.name + ".lock").symlink_to(victim)
    return ["--db", c.db, "provisional", "Belmont"]


def _noncharacter_file(c: Ctx) -> Action:
    data = small_election()
    data["wards"][0]["candidates"][0]["surname"] = "Adams\uffff"  # type: ignore[index]
    return ["--db", c.tmp / "new.db", "import", c.file("e.json", json.dumps(data))]


CASES: list[Case] = [
    # ---------------------------------------------------------- the election file
    *[Case(f"file: {name}", "none", _raw_file(content), words) for name, content, words in BAD_FILES],
    Case("file: missing", "none", lambda c: ["--db", c.db, "import", c.tmp / "nowhere.json"],
         "no such file"),
    Case("file: a folder", "none", lambda c: ["--db", c.db, "import", c.tmp], "is a folder"),
    Case("file: right-to-left override in a name", "none",
         lambda c: _election(c, _name("Ad\u202eams")), "U+202E"),
    Case("file: zero-width space in a name", "none",
         lambda c: _election(c, _name("Ad\u200bams")), "U+200B"),
    Case("file: right-to-left name", "none", lambda c: _election(c, _name("كريم")), None,
         _stored_surname("كريم")),
    Case("file: emoji in a name", "none", lambda c: _election(c, _name("Adams 🌹")), None,
         _stored_surname("Adams 🌹")),
    Case("file: fewer candidates than seats", "none", _unfilled, None, _stored_unfilled),
    # ------------------------------------------------------------- keyed values
    Case("keyed: negative", "sample", lambda c: c.enter("-3"), "negative"),
    Case("keyed: minus sign", "sample", lambda c: c.enter("\u22123"), "negative"),
    Case("keyed: fraction", "sample", lambda c: c.enter("1.5"), "whole number"),
    Case("keyed: not a number", "sample", lambda c: c.enter("abc"), "not a number"),
    Case("keyed: huge", "sample", lambda c: c.enter("99999999999"), "too large"),
    Case("keyed: pasted text", "sample", lambda c: c.enter("1,405 votes"), "not a number"),
    Case("keyed: pasted two lines", "sample", lambda c: c.enter("12\n34"), "not a number"),
    Case("keyed: exponent", "sample", lambda c: c.enter("1e3"), "not a number"),
    Case("keyed: empty", "sample", lambda c: c.enter(""), "empty"),
    Case("keyed: 1,234", "sample", lambda c: c.enter("1,234"), None, _stored_first_vote(1234)),
    Case("keyed: spaces around", "sample", lambda c: c.enter(" 12 "), None, _stored_first_vote(12)),
    Case("keyed: full-width digits", "sample", lambda c: c.enter("１２"), None, _stored_first_vote(12)),
    Case("keyed: unknown candidate", "sample", lambda c: c.enter(None, "9999=1"), "no candidate with id 9999"),
    Case("keyed: a candidate left out", "sample",
         lambda c: ["--db", c.db, "enter", "old town", "--keying", "first", "--votes", c.votes()[0]],
         "no votes given for"),
    Case("keyed: a candidate twice", "sample", lambda c: c.enter(None, c.votes()[0]), "given twice"),
    Case("keyed: negative papers", "sample", lambda c: c.enter(None, "--papers", "-1"), "negative"),
    Case("keyed: unknown rejected head", "sample", lambda c: c.enter(None, "--rejected", "spoilt=3"),
         "spoilt"),
    Case("keyed: a 3-seat ward without papers counted", "sample",
         lambda c: ["--db", c.db, "enter", "old town", "--keying", "first", "--votes", *c.votes()],
         "E114: the ballot papers counted are missing"),
    Case("keyed: objected more than rejected", "sample",
         lambda c: c.enter(None, "--rejected", "unmarked_or_void=2", "--objected", "3"),
         "E113: 3 rejections objected to, but the sheet rejects only 2 papers"),
    Case("keyed: objected typed in the app", "sample",
         _api(lambda d: d.save_draft("old town", "first", "objected", "-1")), "negative"),
    Case("document: rejected papers without a complete count", "sample",
         lambda c: ["--db", c.db, "report", "rejected", "old town", "--out", c.tmp / "r.pdf"],
         "no complete count"),
    Case("keyed: a figure typed in the app", "sample",
         _api(lambda d: d.save_draft("old town", "first", f"votes:{d.candidates('old town')[0].id}",
                                     "12a")),
         "E108"),
    Case("keyed: an accepted sheet", "demo",
         lambda c: ["--db", c.db, "enter", "nonsuch", "--keying", "first", "--votes", "65=1"],
         "already accepted"),
    # ------------------------------------------------------------ the workflow
    Case("workflow: declare before the provisional result", "demo",
         lambda c: ["--db", c.db, "declare", "belmont", "--out", c.tmp / "b.pdf"], "F005"),
    Case("workflow: lot before the provisional result", "demo",
         lambda c: ["--db", c.db, "lot", "nonsuch", "--winner", "72", "--method", "coin"], "F005"),
    Case("workflow: provisional result of an incomplete count", "sample",
         lambda c: ["--db", c.db, "provisional", "old town"], "F004"),
    Case("workflow: provisional result shown twice", "demo",
         _with(lambda d: show(d, "belmont"), lambda c: ["--db", c.db, "provisional", "belmont"]),
         "F011"),
    Case("workflow: a lot where there is no tie", "demo",
         _with(lambda d: show(d, "belmont"),
               lambda c: ["--db", c.db, "lot", "belmont", "--winner", "33", "--method", "coin"]),
         "F007"),
    Case("workflow: keying a countermanded ward", "sample",
         _with(lambda d: d.countermand("old town", "death of a candidate"), lambda c: c.enter()),
         "F002"),
    Case("workflow: countermanding an uncontested ward", "sample",
         lambda c: ["--db", c.db, "countermand", "millbrook", "--reason", "x"], "F003"),
    Case("workflow: countermanding without the passphrase", "demo",
         _with(lambda d: d.set_passphrase("correct horse battery"),
               lambda c: ["--db", c.db, "countermand", "cheam", "--reason", "death of a candidate"]),
         "needs the returning officer's passphrase"),
    Case("workflow: report-error before the declaration", "demo",
         lambda c: ["--db", c.db, "report-error", "belmont", "--reason", "misread", "--votes", "33=1"],
         "F009"),
    Case("workflow: report-error naming no candidate of the ward", "demo",
         _with(lambda d: declare(d, ["Belmont"]),
               lambda c: ["--db", c.db, "report-error", "belmont", "--reason", "x", "--votes", "9999=1"]),
         "no candidate with id 9999"),
    Case("workflow: correcting a declared result", "demo",
         _with(lambda d: declare(d, ["Belmont"]),
               lambda c: ["--db", c.db, "correct", "belmont", "--votes", "33=1", "--reason", "x"]),
         "use report-error"),
    # ----------------------------------------------------------- count records
    Case("box: negative papers counted", "sample",
         lambda c: ["--db", c.db, "box", "old town", "--box", "Box 1", "--issued", "100", "--counted",
                    "-3"], "cannot be negative"),
    Case("box: papers spoilt in words", "sample",
         lambda c: ["--db", c.db, "box", "old town", "--box", "Box 1", "--issued", "100", "--counted",
                    "100", "--spoilt", "two"], "not a number"),
    Case("box: no papers issued for a ballot box", "sample",
         lambda c: ["--db", c.db, "box", "old town", "--box", "Box 1", "--counted", "100"],
         "give the papers issued"),
    Case("box: re-recorded after the declaration", "demo",
         _with(lambda d: declare(d, ["Belmont"]),
               lambda c: ["--db", c.db, "box", "belmont", "--box", "Box 1", "--issued", "100",
                          "--counted", "100"]), "its verification cannot change"),
    Case("box: keying with a variance not explained", "sample",
         _with(lambda d: d.record_box("Old Town", "Box 1", issued=100, counted=99),
               lambda c: c.enter()), "F017"),
    Case("explain: an empty explanation", "sample",
         _with(lambda d: d.record_box("Old Town", "Box 1", issued=100, counted=99),
               lambda c: ["--db", c.db, "explain", "old town", "--explanation", " "]),
         "the explanation is empty"),
    Case("recount: blank reason", "demo",
         lambda c: ["--db", c.db, "recount", "nonsuch", "--requested-by", "Agent", "--refused",
                    "--reason", "  "], "reason for refusing the recount is empty"),
    Case("recount: bundles without names", "demo",
         lambda c: ["--db", c.db, "recount", "nonsuch", "--requested-by", "Agent", "--granted",
                    "--reason", "close", "--bundles", " "], "needs the name of each bundle"),
    # -------------------------------------------------------------------- names
    Case("name: control character in the operator's name", "sample",
         lambda c: c.enter(None, "--operator", "Op\x07"), "control"),
    Case("name: empty sheet name", "sample", lambda c: ["--db", c.db, "add-sheet", "old town", "  "],
         "empty"),
    Case("name: 500-character sheet name", "sample",
         lambda c: ["--db", c.db, "add-sheet", "old town", "T" * 500], "limit"),
    Case("name: empty surname (CSV)", "sample", _csv(H + "Old Town, ,Ann,Lab,\n"), "surname is empty"),
    Case("name: 500-character surname (CSV)", "sample", _csv(H + f"Old Town,{'A' * 500},Ann,Lab,\n"),
         "the limit is 200"),
    Case("name: right-to-left override (CSV)", "sample", _csv(H + "Old Town,Sm\u202eith,Ann,Lab,\n"),
         "U+202E"),
    Case("name: control character (CSV)", "sample", _csv(H + "Old Town,Sm\x07ith,Ann,Lab,\n"), "U+0007"),
    # --------------------------------------------------------------- duplicates
    Case("duplicate: a ward added twice", "sample", _api(lambda d: d.add_ward("OLD TOWN", 2)),
         "already a ward called"),
    Case("duplicate: a candidate twice in a CSV", "sample",
         _csv(H + "Old Town,Smith,Ann,Lab,\nOld Town,SMITH,Ann,Lab,\n"), "repeats line 2"),
    Case("duplicate: a candidate already in the ward (CSV)", "sample",
         _csv(H + "Old Town,Jessop,Alan,The Conservative Party Candidate,\n"), "already a candidate"),
    Case("duplicate: a count sheet name", "sample",
         lambda c: ["--db", c.db, "add-sheet", "old town", "MAIN COUNT"], "already has a sheet"),
    # -------------------------------------------------------------------- seats
    Case("seats: 0 in set-up", "sample", _api(lambda d: d.add_ward("New", 0)), "at least 1"),
    Case("seats: 0 in a CSV", "sample", _csv(H + "New,Smith,Ann,Lab,0\n"), "at least 1"),
    Case("seats: words in a CSV", "sample", _csv(H + "New,Smith,Ann,Lab,two\n"), "not a number"),
    Case("seats: missing for a new ward (CSV)", "sample", _csv(H + "New,Smith,Ann,Lab,\n"),
         "give its seats"),
    # ---------------------------------------------------------------------- CSV
    Case("csv: empty file", "sample", _csv(""), "empty"),
    Case("csv: misspelt column", "sample", _csv("ward,surname,forenames,description,colur\nA,B,C,D,red\n"),
         "unknown column 'colur'"),
    Case("csv: missing columns", "sample", _csv("ward,surname\nOld Town,A\n"), "has no 'forenames'"),
    Case("csv: a locked ward", "sample", _csv(H + "Riverside,Zed,Ann,Lab,\n"), "locked"),
    # ------------------------------------ parties, ballot positions (set-up and CSV)
    Case("party: not a party id (CSV)", "sample",
         _csv("ward,surname,forenames,description,party_id\nOld Town,Smith,Ann,Lab,Labour\n"),
         "not a party id"),
    Case("party: not a party id (set-up)", "sample",
         _api(lambda d: d.update_candidate(d.candidates("old town")[0].id, party_id="PP-53")),
         "not a party id"),
    Case("position: repeated (CSV)", "sample",
         _csv("ward,surname,forenames,description,seats,ballot_position\n"
              "New,Smith,Ann,Lab,1,1\nNew,Jones,Bob,Con,1,1\n"), "both have ballot position 1"),
    Case("position: a gap (CSV)", "sample",
         _csv("ward,surname,forenames,description,seats,ballot_position\n"
              "New,Smith,Ann,Lab,1,1\nNew,Jones,Bob,Con,1,3\n"), "positions run from 1 to 2"),
    Case("position: outside the ward (set-up)", "sample",
         _api(lambda d: d.update_candidate(d.candidates("old town")[0].id, ballot_position="99")),
         "outside 1 to"),
    # ----------------------------------------------------------- store and files
    Case("store: missing", "none", lambda c: ["--db", c.db, "wards"], "no countdesk store"),
    Case("store: a folder", "none", lambda c: ["--db", c.tmp, "wards"], "is a folder"),
    Case("store: folder does not exist", "none",
         lambda c: ["--db", c.tmp / "nowhere" / "s.db", "import", SAMPLE], "does not exist"),
    Case("store: read-only folder", "none", _read_only_folder, "read-only"),
    Case("store: read-only file", "sample", _read_only_store, "read-only"),
    Case("store: not a database", "none", lambda c: ["--db", c.file("s.db", "hello"), "wards"],
         "not a countdesk store"),
    Case("store: another program's database", "none", _other_sqlite, "not a countdesk store"),
    Case("store: empty file", "none", lambda c: ["--db", c.file("s.db", b""), "wards"], "empty"),
    Case("store: truncated", "demo", _truncate, "damaged"),
    Case("store: corrupt", "demo", _corrupt, "damaged"),
    Case("store: from a newer countdesk", "demo", _newer, "newer countdesk"),
    Case("store: full disk while importing nominations", "sample", _full_nominations, "is full"),
    Case("store: full disk while importing", "none", _full_import, "is full"),
    Case("store: in use by another countdesk", "sample", _in_use, "in use"),
    # --------------------------------------------------- documents and other files
    Case("verify: truncated PDF", "demo", _truncated_pdf, "failed verification"),
    Case("verify: not a PDF", "none", lambda c: _pdf(c, b"hello, not a PDF"), "failed verification"),
    Case("verify: missing file", "none", lambda c: ["verify", c.tmp / "none.pdf"], "cannot be read"),
    Case("report: --out in a missing folder", "demo",
         lambda c: ["--db", c.db, "report", "provisional", "nonsuch", "--out", c.tmp / "no" / "x.pdf"],
         "does not exist"),
    Case("passphrase file: missing", "demo",
         lambda c: ["--db", c.db, "set-passphrase", "--passphrase-file", c.tmp / "none.txt"],
         "cannot be read"),
    Case("passphrase file: empty", "demo",
         lambda c: ["--db", c.db, "set-passphrase", "--passphrase-file", c.file("p.txt", "\n")], "empty"),
    Case("passphrase: too short", "demo",
         lambda c: ["--db", c.db, "set-passphrase", "--passphrase-file", c.file("p.txt", "abc\n")],
         "at least 8"),
    Case("backup: folder missing", "demo", lambda c: ["--db", c.db, "backup", c.tmp / "usb"],
         "does not exist"),
    Case("backup: a file, not a folder", "demo",
         lambda c: ["--db", c.db, "backup", c.file("f.txt", "x")], "not a folder"),
    Case("restore: not a store", "demo",
         lambda c: ["--db", c.db, "restore", c.file("b.db", "hello")], "not a countdesk store"),
    Case("restore: a folder", "demo", lambda c: ["--db", c.db, "restore", c.tmp], "is a folder"),
    Case("restore: a backup of another election", "demo", _other_election, "another election"),
    Case("restore: without the passphrase", "demo", _restore_without_passphrase, "passphrase"),
    # issue 14: what an attacker or an unlucky night tries
    Case("store: two names (a hard link)", "demo", _hard_link, "hard links"),
    Case("store: the lock file is a symbolic link", "demo", _planted_lock, "symbolic link"),
    Case("name: a lone surrogate", "demo",
         lambda c: ["--db", c.db, "provisional", "Belmont", "--by", "\udced"], "not a character"),
    Case("figure: five thousand digits", "sample", lambda c: c.enter("9" * 5000), "too large"),
    Case("file: a name with U+FFFF", "none", _noncharacter_file, "U+FFFF"),
]


def _log(case: Case, message: str) -> None:
    """With COUNTDESK_BAD_INPUTS_LOG set, note each message (to write the catalogue from)."""
    target = os.environ.get("COUNTDESK_BAD_INPUTS_LOG")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": case.id, "message": message}, ensure_ascii=False) + "\n")


def _fingerprint(path: Path) -> str | None:
    """The store's logical contents; None for a file SQLite cannot read."""
    if not path.is_file():
        return "absent" if not path.exists() else None
    try:
        return db_fingerprint(path)
    except sqlite3.DatabaseError:
        return None


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")
                  if not p.name.endswith(("-wal", "-shm")) and "pytest" not in p.name)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   request: pytest.FixtureRequest) -> None:
    work = tmp_path / "work"
    work.mkdir()
    path = work / "store.db"
    if case.store != "none":
        src = request.getfixturevalue("demo_db" if case.store == "demo" else "sample_db")
        path.write_bytes(Path(src).read_bytes())
    ctx = Ctx(work, path, monkeypatch)
    try:
        action = case.make(ctx)
        raw = path.read_bytes() if path.is_file() else None
        before, listing = _fingerprint(path), _listing(work)
        if callable(action):
            if case.words is None:
                action()
            else:
                with pytest.raises(AppError) as info:
                    action()
                message = str(info.value)
                _log(case, message)
                assert case.words.lower() in message.lower(), message
                assert "\n" not in message
        else:
            r = run(*action)
            _log(case, r.err.strip() or r.out.strip())
            if case.words is None:
                assert r.code == 0, r.err
            else:
                assert r.code == 2, (r.code, r.out, r.err)
                assert case.words.lower() in r.err.lower(), r.err
                assert r.err.startswith("countdesk: ") and r.err.count("\n") == 1, r.err
                assert "Traceback" not in r.err
        if case.words is None:
            assert case.check is not None
            case.check(ctx)
            return
        # nothing changed: the same data, the same files
        if raw is not None and before is None:  # a damaged file: not one byte changed
            assert path.read_bytes() == raw
        assert _fingerprint(path) == before
        assert _listing(work) == listing
    finally:
        for folder in (work / "ro",):
            if folder.exists():
                folder.chmod(0o755)
        if path.exists():
            path.chmod(0o644)
        while _procs:
            proc = _procs.pop()
            proc.kill()
            proc.wait()


def test_the_catalogue_document_lists_every_case() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)
    assert len(rows) == len(set(rows)), "a row is listed twice"
    assert sorted(rows) == sorted(c.id for c in CASES)
    assert len(CASES) >= 40
