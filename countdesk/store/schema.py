"""The store's schema, made by migrations.

Each migration runs in one transaction (sqlite-utils ``Migrations``); the
file is copied before any migration of an existing store. ``SCHEMA_VERSION``
is also written to ``PRAGMA user_version`` so that an older countdesk can
refuse a store written by a newer one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite-utils is imported only when a store is created or migrated
    from sqlite_utils import Database, Migrations
    from sqlite_utils.db import Table

APP_ID = "countdesk"

MIGRATION_SET = "countdesk"

#: Domain tables whose every row must be explained by the audit log.
AUDITED_TABLES: tuple[str, ...] = (
    "election", "wards", "candidates", "rounds", "sheets", "keyings", "resolutions", "lots",
    "acknowledgements", "recount_requests", "draft_values", "verification_boxes",
    "verification_statements", "passphrases", "passphrase_attempts", "corrections",
    "provisional", "countermands", "error_reports",
)


def _t(db: Database, name: str) -> Table:
    return db.table(name)


def m0001_initial(db: Database) -> None:
    _t(db, "meta").create({"key": str, "value": str}, pk="key")
    _t(db, "election").create(
        {"id": int, "authority": str, "title": str, "poll_date": str, "returning_officer": str,
         "double_entry": int, "previous_seats": str, "created_at": str},
        pk="id", not_null={"authority", "title", "poll_date", "double_entry"})
    _t(db, "wards").create(
        {"id": int, "position": int, "name": str, "seats": int, "electorate": int,
         "ballot_papers_verified": int, "candidates_locked": int, "declared_at": str,
         "declared_by": str},
        pk="id", not_null={"name", "seats", "position", "candidates_locked"})
    db.execute("CREATE UNIQUE INDEX wards_name ON wards(name COLLATE NOCASE)")
    _t(db, "candidates").create(
        {"id": int, "ward_id": int, "surname": str, "forenames": str, "description": str,
         "party": str, "colour": str},
        pk="id", not_null={"ward_id", "surname", "forenames", "description", "party"},
        foreign_keys=[("ward_id", "wards", "id")])
    _t(db, "rounds").create(
        {"id": int, "ward_id": int, "number": int, "opened_at": str, "reason": str,
         "requested_by": str},
        pk="id", not_null={"ward_id", "number", "opened_at"},
        foreign_keys=[("ward_id", "wards", "id")])
    db.execute("CREATE UNIQUE INDEX rounds_number ON rounds(ward_id, number)")
    _t(db, "sheets").create(
        {"id": int, "round_id": int, "position": int, "name": str},
        pk="id", not_null={"round_id", "name", "position"},
        foreign_keys=[("round_id", "rounds", "id")])
    db.execute("CREATE UNIQUE INDEX sheets_name ON sheets(round_id, name COLLATE NOCASE)")
    _t(db, "keyings").create(
        {"id": int, "sheet_id": int, "slot": str, "vals": str, "operator": str, "entered_at": str},
        pk="id", not_null={"sheet_id", "slot", "vals", "entered_at"},
        foreign_keys=[("sheet_id", "sheets", "id")])
    _t(db, "resolutions").create(
        {"id": int, "sheet_id": int, "accepted_slot": str, "first_keying_id": int,
         "second_keying_id": int, "by": str, "at": str},
        pk="id", not_null={"sheet_id", "accepted_slot", "first_keying_id", "second_keying_id", "at"},
        foreign_keys=[("sheet_id", "sheets", "id"), ("first_keying_id", "keyings", "id"),
                      ("second_keying_id", "keyings", "id")])
    _t(db, "lots").create(
        {"id": int, "round_id": int, "winner_id": int, "tied_ids": str, "method": str,
         "witnesses": str, "drawn_at": str, "recorded_by": str},
        pk="id", not_null={"round_id", "winner_id", "tied_ids", "method", "witnesses", "drawn_at"},
        foreign_keys=[("round_id", "rounds", "id"), ("winner_id", "candidates", "id")])
    _t(db, "acknowledgements").create(
        {"id": int, "round_id": int, "code": str, "by": str, "at": str},
        pk="id", not_null={"round_id", "code", "at"}, foreign_keys=[("round_id", "rounds", "id")])
    _t(db, "recount_requests").create(
        {"id": int, "ward_id": int, "round_id": int, "requested_by": str, "granted": int,
         "reason": str, "decided_by": str, "at": str},
        pk="id", not_null={"ward_id", "round_id", "requested_by", "granted", "at"},
        foreign_keys=[("ward_id", "wards", "id"), ("round_id", "rounds", "id")])
    _t(db, "audit").create(
        {"seq": int, "at": str, "actor": str, "action": str, "ward_id": int, "details": str,
         "changes": str, "prev_hash": str, "hash": str},
        pk="seq", not_null={"at", "action", "details", "changes", "prev_hash", "hash"})
    # Append-only tables: the program never updates or deletes these rows.
    for table in ("audit", "keyings", "lots", "resolutions", "acknowledgements", "recount_requests"):
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def m0002_drafts_and_verification(db: Database) -> None:
    # Each keyed value is saved the moment it is entered, before the keying is finished.
    _t(db, "draft_values").create(
        {"id": int, "sheet_id": int, "slot": str, "field": str, "value": int, "operator": str,
         "entered_at": str},
        pk="id", not_null={"sheet_id", "slot", "field", "entered_at"},
        foreign_keys=[("sheet_id", "sheets", "id")])
    # The last draft value a finished keying took in (later drafts belong to a re-keying).
    db.execute("ALTER TABLE keyings ADD COLUMN draft_upto INTEGER")
    # Verification: ballot boxes (ballot paper account) and postal papers, per ward.
    _t(db, "verification_boxes").create(
        {"id": int, "ward_id": int, "position": int, "label": str, "kind": str, "issued": int,
         "counted": int},
        pk="id", not_null={"ward_id", "position", "label", "kind"},
        foreign_keys=[("ward_id", "wards", "id")])
    _t(db, "verification_statements").create(
        {"id": int, "ward_id": int, "explanation": str, "by": str, "at": str},
        pk="id", not_null={"ward_id", "explanation", "at"},
        foreign_keys=[("ward_id", "wards", "id")])
    for table in ("draft_values", "verification_statements"):
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def m0003_access_and_corrections(db: Database) -> None:
    # The unfinished keying of a sheet is read at every keyed figure.
    db.execute("CREATE INDEX IF NOT EXISTS draft_values_sheet ON draft_values(sheet_id, slot, id)")
    db.execute("CREATE INDEX IF NOT EXISTS keyings_sheet ON keyings(sheet_id, slot)")
    # The returning officer's passphrase, as a scrypt hash (never in clear); the latest row holds.
    _t(db, "passphrases").create(
        {"id": int, "role": str, "hash": str, "salt": str, "n": int, "r": int, "p": int,
         "set_at": str, "set_by": str},
        pk="id", not_null={"role", "hash", "salt", "n", "r", "p", "set_at"})
    # Wrong passphrases (ok = 0), and the right one after wrong ones (ok = 1, which ends a run).
    _t(db, "passphrase_attempts").create(
        {"id": int, "ok": int, "action": str, "actor": str, "at": str},
        pk="id", not_null={"ok", "action", "at"})
    # Corrections of a declared ward's figures: the corrected figures (as a keying), why, by whom.
    _t(db, "corrections").create(
        {"id": int, "ward_id": int, "round_id": int, "vals": str, "previous": str, "reason": str,
         "by": str, "at": str},
        pk="id", not_null={"ward_id", "round_id", "vals", "previous", "reason", "at"},
        foreign_keys=[("ward_id", "wards", "id"), ("round_id", "rounds", "id")])
    for table in ("passphrases", "passphrase_attempts", "corrections"):
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def m0004_workflow(db: Database) -> None:
    # The provisional result of a round shown to candidates and agents (rule 46(2)): the
    # figures it showed (and their key: a later change of the figures voids the showing).
    _t(db, "provisional").create(
        {"id": int, "ward_id": int, "round_id": int, "figures_key": str, "figures": str, "by": str,
         "at": str},
        pk="id", not_null={"ward_id", "round_id", "figures_key", "figures", "at"},
        foreign_keys=[("ward_id", "wards", "id"), ("round_id", "rounds", "id")])
    # A countermanded poll (RPA 1983 s 39): at most one per ward.
    _t(db, "countermands").create(
        {"id": int, "ward_id": int, "reason": str, "by": str, "at": str},
        pk="id", not_null={"ward_id", "reason", "at"}, foreign_keys=[("ward_id", "wards", "id")])
    db.execute("CREATE UNIQUE INDEX countermands_ward ON countermands(ward_id)")
    # Errors found after a declaration: recorded and reported, never applied.
    _t(db, "error_reports").create(
        {"id": int, "ward_id": int, "reason": str, "believed": str, "declared": str, "by": str,
         "at": str},
        pk="id", not_null={"ward_id", "reason", "believed", "declared", "at"},
        foreign_keys=[("ward_id", "wards", "id")])
    for table in ("provisional", "countermands", "error_reports"):
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def m0005_count_records(db: Database) -> None:
    # The ballot paper account per box: unused, spoilt and tendered papers (optional).
    for column in ("unused", "spoilt", "tendered"):
        db.execute(f"ALTER TABLE verification_boxes ADD COLUMN {column} INTEGER")
    # The recount record: its type (a full recount, or a re-check of named bundles) and
    # the bundles named (a JSON list; NULL for a full recount or a request of an older store).
    db.execute("ALTER TABLE recount_requests ADD COLUMN kind TEXT")
    db.execute("ALTER TABLE recount_requests ADD COLUMN bundles TEXT")


def m0006_parties_names(db: Database) -> None:
    # Candidates: the party's register id (PP53), the commonly used names they stand
    # under, and the position printed on the statement of persons nominated.
    for column, kind in (("party_id", "TEXT"), ("commonly_used_forenames", "TEXT"),
                         ("commonly_used_surname", "TEXT"), ("ballot_position", "INTEGER")):
        db.execute(f"ALTER TABLE candidates ADD COLUMN {column} {kind}")
    # Wards: terms of office where an ordinary election and a casual vacancy are combined
    # (a JSON list of [years, seats], longest first; NULL: one term for every seat).
    db.execute("ALTER TABLE wards ADD COLUMN terms TEXT")


def m0007_indexes(db: Database) -> None:
    # Every read of a ward's candidates, lots, acknowledgements, provisional steps, boxes,
    # error reports and corrections looked through the whole table: on a London-scale
    # election (6,434 candidates) an import or a refresh grew with the square of its size.
    for table, columns in (("candidates", "ward_id"), ("lots", "round_id"),
                           ("acknowledgements", "round_id"), ("provisional", "round_id"),
                           ("verification_boxes", "ward_id"), ("verification_statements", "ward_id"),
                           ("error_reports", "ward_id"), ("corrections", "round_id"),
                           ("recount_requests", "ward_id"), ("resolutions", "sheet_id"),
                           ("sheets", "round_id"), ("audit", "ward_id")):
        db.execute(f"CREATE INDEX IF NOT EXISTS {table}_{columns} ON {table}({columns})")


def m0008_wales(db: Database) -> None:
    # Whose rules govern the count ("england" or "wales") and the documents' languages (a
    # JSON list in the order printed); NULL: England, English only, as before.
    db.execute("ALTER TABLE election ADD COLUMN jurisdiction TEXT")
    db.execute("ALTER TABLE election ADD COLUMN languages TEXT")
    # A ward's Welsh name beside its name (NULL: one name), and a candidate's address
    # (printed on a Welsh notice of an unopposed return; NULL: none given).
    db.execute("ALTER TABLE wards ADD COLUMN name_cy TEXT")
    db.execute("ALTER TABLE candidates ADD COLUMN address TEXT")


def m0009_people(db: Database) -> None:
    # A warning is acknowledged with a short explanation (issue 16, item 14; NULL: an
    # acknowledgement made by an older countdesk, without one). Third keyings of a sheet's
    # differing fields are keyings with slot "third": no new table.
    db.execute("ALTER TABLE acknowledgements ADD COLUMN explanation TEXT")


def m0010_expected_declarations(db: Database) -> None:
    # When the returning officer expects each ward to declare ("HH:MM", UK local time; NULL:
    # not given), for the press pack (issue 17). Not part of any result.
    db.execute("ALTER TABLE wards ADD COLUMN expected_declaration TEXT")


#: Every migration, in order: (name, function).
MIGRATIONS: tuple[tuple[str, Any], ...] = (
    ("0001_initial", m0001_initial),
    ("0002_drafts_and_verification", m0002_drafts_and_verification),
    ("0003_access_and_corrections", m0003_access_and_corrections),
    ("0004_workflow", m0004_workflow),
    ("0005_count_records", m0005_count_records),
    ("0006_parties_names", m0006_parties_names),
    ("0007_indexes", m0007_indexes),
    ("0008_wales", m0008_wales),
    ("0009_people", m0009_people),
    ("0010_expected_declarations", m0010_expected_declarations),
)

#: The schema's version: one per migration (each helper's migration adds one).
SCHEMA_VERSION = len(MIGRATIONS)


def migrations_set() -> Migrations:
    """The sqlite-utils migration set (imports sqlite-utils)."""
    from sqlite_utils import Migrations  # noqa: PLC0415

    ms = Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        ms(name=name)(fn)
    return ms


def pending_migrations(conn: Any) -> list[str]:
    """The migrations not yet applied to this connection's store, read with plain SQL."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    done: set[str] = set()
    if exists:
        done = {r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,))}
    return [name for name, _ in MIGRATIONS if name not in done]
