"""Reading an election file into a store, all or nothing.

A new store file appears only when the whole import succeeds: the election
is built in a temporary file beside the target and renamed into place. With
``replace``, the old store is first copied aside (nothing is overwritten).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from countdesk.core import build_keying_values
from countdesk.core.electionfile import ElectionFileError, ElectionSpec, parse_election
from countdesk.files import fsync_dir
from countdesk.store import lock
from countdesk.store.audit import canonical
from countdesk.store.candidate_rows import candidate_extras, election_extras, terms_text
from countdesk.store.connection import writable
from countdesk.store.db import WRITER_WAIT, Store, now
from countdesk.store.errors import StoreError

MAX_FILE_BYTES = 50 * 1024 * 1024


def read_election_file(path: str | os.PathLike[str]) -> tuple[ElectionSpec, str]:
    """Parse and check an election file; returns the spec and its SHA-256."""
    p = Path(path)
    if not p.exists():
        raise StoreError(f"{p}: no such file")
    if p.is_dir():
        raise StoreError(f"{p} is a folder, not an election file")
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StoreError(f"{p} is {size // (1024 * 1024)} MB; an election file is far smaller")
        raw = p.read_bytes()
    except OSError as exc:
        raise StoreError(f"{p} cannot be read: {exc.strerror}") from None
    if not raw.strip():
        raise StoreError(f"{p} is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError(f"{p} is not UTF-8 text (bad byte at position {exc.start}); "
                         "save it as UTF-8") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{p} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:
        raise StoreError(f"{p} is not valid JSON: {exc}") from None
    try:
        spec = parse_election(data)
    except ElectionFileError as exc:
        raise StoreError(f"{p.name}: {exc}") from None
    return spec, hashlib.sha256(raw).hexdigest()


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed in an election file")


def import_into(db_path: str | os.PathLike[str], file: str | os.PathLike[str], *,
                replace: bool = False, actor: str | None = None) -> Path | None:
    """Import ``file`` as the store at ``db_path``.

    Returns the path of the copy kept of a replaced store, if any.
    Raises StoreError, leaving everything as it was, on any problem.
    """
    target = Path(db_path)
    spec, digest = read_election_file(file)
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give the path of a store file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise StoreError(f"the folder {folder} does not exist")
    if not writable(folder):
        raise StoreError(f"the folder {folder} is read-only; choose a writable place for the store")
    old: Store | None = None
    if target.exists():
        old = Store.open(target)
        try:
            # hold the writer lock until the new store is in place: no other countdesk
            # may be writing to the store this one replaces
            old.claim_writer(wait=WRITER_WAIT)
            if old.has_election():
                el = old.election()
                if not replace:
                    raise StoreError(f"{target} already holds {el.title} ({el.authority}); "
                                     "use --replace to replace it")
                if old.any_declared():
                    raise StoreError(f"{target} has declared wards; a declared election cannot be "
                                     "replaced")
        except BaseException:
            old.close()
            raise
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.import-", suffix=".db", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    kept: Path | None = None
    held = False
    try:
        try:
            new = Store.open(tmp, create=True)
            try:
                new.import_election(spec, actor=actor, source={
                    "file": Path(file).name, "sha256": digest, "replaced": old is not None})
            except ElectionFileError as exc:
                raise StoreError(f"{Path(file).name}: {exc}") from None
            finally:
                new.close()
        except StoreError as exc:  # said of the store being made: name the store asked for
            raise type(exc)(str(exc).replace(str(tmp), str(target))) from None
        if old is not None:
            if old.has_election():
                kept = target.with_name(f"{target.stem}.replaced-{now().replace(':', '')}{target.suffix}")
                old.backup_to(kept)
            lock.acquire(target)  # a second hold, kept while the file is replaced
            held = True
            old.close()
            old = None
            for suffix in ("-wal", "-shm"):
                side = Path(str(target) + suffix)
                if side.exists() and side.stat().st_size > 0 and suffix == "-wal":
                    raise StoreError(f"{target} is open in another countdesk; close it first")
                side.unlink(missing_ok=True)
        os.replace(tmp, target)
        fsync_dir(folder)
    except BaseException:
        if old is not None:
            old.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        if kept is not None and target.exists():
            kept.unlink(missing_ok=True)
        raise
    finally:
        if held:
            lock.release(target)
    return kept


def load_election(self: Store, spec: ElectionSpec, *, actor: str | None = None,
                  source: Mapping[str, Any] | None = None) -> None:
    """Load an election into this (new, empty) store in one transaction.

    Every ward's figures are checked by the core before anything is
    committed; a ward with a blocking error refuses the whole file.
    """
    if self.has_election():
        raise StoreError("this store already holds an election")
    stamp = now()
    with self.transaction("import election", actor, details=dict(source or {})) as ch:
        self.insert(ch, "election", {
            "id": 1, "authority": spec.authority, "title": spec.title,
            "poll_date": spec.poll_date, "returning_officer": spec.returning_officer,
            "double_entry": int(spec.double_entry),
            "previous_seats": canonical(spec.previous_seats), "created_at": stamp,
            **election_extras(spec)})
        for pos, ws in enumerate(spec.wards, 1):
            ward_id = self.insert(ch, "wards", {
                "position": pos, "name": ws.name, "seats": ws.seats, "electorate": ws.electorate,
                "ballot_papers_verified": ws.ballot_papers_verified,
                "candidates_locked": int(ws.counted), "declared_at": None, "declared_by": None,
                **({"terms": terms_text(ws.terms)} if ws.terms else {}),
                **({"name_cy": ws.name_cy} if ws.name_cy else {})})
            ids: list[int] = []
            for cs in ws.candidates:
                ids.append(self.insert(ch, "candidates", {
                    "ward_id": ward_id, "surname": cs.surname, "forenames": cs.forenames,
                    "description": cs.description, "party": cs.party, "colour": None,
                    **candidate_extras(cs)}))
            round_id = self.insert(ch, "rounds", {
                "ward_id": ward_id, "number": 1, "opened_at": stamp, "reason": "first count",
                "requested_by": None})
            if len(ws.candidates) <= ws.seats:
                continue  # uncontested: no poll, no count sheets
            sheet_id = self.insert(ch, "sheets", {
                "round_id": round_id, "position": 1,
                "name": "Imported" if ws.counted else "Main count"})
            if not ws.counted:
                continue
            cands = self.candidates(ward_id)
            values = build_keying_values(
                cands, {cid: cs.votes for cid, cs in zip(ids, ws.candidates, strict=True)},
                ws.rejected or {}, ws.ballot_papers_counted, ws.objected)
            self.insert(ch, "keyings", {
                "sheet_id": sheet_id, "slot": "import", "vals": canonical(values),
                "operator": actor, "entered_at": stamp})
            result = self.result(ward_id)
            for cid, cs in zip(ids, ws.candidates, strict=True):
                if cs.lot_winner:
                    tie = result.tie
                    if tie is None or cid not in tie.candidate_ids:
                        raise ElectionFileError(
                            f"ward {ws.name}: {cs.surname} is marked as winning a lot, "
                            "but there is no equality of votes for the last seat that "
                            "includes them")
                    self.insert(ch, "lots", {
                        "round_id": round_id, "winner_id": cid,
                        "tied_ids": canonical(list(tie.candidate_ids)),
                        "method": "as recorded in the imported file", "witnesses": "[]",
                        "drawn_at": stamp, "recorded_by": actor})
                    result = self.result(ward_id)
            if result.errors:
                e = result.errors[0]
                raise ElectionFileError(f"ward {ws.name}: {e.code} {e.message}")
