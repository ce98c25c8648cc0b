"""Importing the statement of persons nominated (a CSV of wards and candidates)."""

from __future__ import annotations

import hashlib

from countdesk.app.setup import (
    NominationsRefused,
    _candidate_rows,
    _ensure_sheet,
    _keying_started,
    _locked_message,
    _new_ward,
    _require_election,
    _ward,
)
from countdesk.core import Candidate, fold
from countdesk.core.ballot import same_person
from countdesk.core.nominations import NominationsError, parse_nominations
from countdesk.core.records import NominationsImport
from countdesk.store.candidate_rows import candidate_extras
from countdesk.store.db import Store


# ============================================================= nominations
def import_nominations(store: Store, csv_bytes: bytes, actor: str | None = None) -> NominationsImport:
    """Import a statement of persons nominated (CSV; see docs/nominations-csv.md).

    All or nothing, in one transaction: wards not yet in the store are added
    (their seats must be given), candidates are added to existing wards whose
    list is open. Any bad line (a malformed row, a candidate already in the ward,
    a locked, keyed or declared ward, a new ward without seats, seats that
    differ from an existing ward's) refuses the whole file with
    :class:`NominationsRefused`, which lists every bad line by number."""
    _require_election(store)
    try:
        rows = parse_nominations(csv_bytes)
    except NominationsError as exc:
        raise NominationsRefused(exc.problems) from None
    digest = hashlib.sha256(bytes(csv_bytes)).hexdigest()
    known = {fold(w.name) for w in store.wards()}
    planned = list(dict.fromkeys(r.ward for r in rows if fold(r.ward) not in known))
    details = {"sha256": digest, "candidates": len(rows), "wards_added": planned}
    with store.transaction("import nominations", actor, details=details) as ch:
        problems: list[tuple[int, str]] = []
        existing = {fold(w.name): w for w in store.wards()}
        keyed: dict[int, bool] = {}
        first_line: dict[str, int] = {}
        for r in rows:
            key = fold(r.ward)
            first_line.setdefault(key, r.line)
            w = existing.get(key)
            if w is None:
                if r.seats is None and first_line[key] == r.line:
                    problems.append((r.line, f"there is no ward called {r.ward!r} yet; give its seats "
                                             "(a seats column) to add it"))
                continue
            if w.declared_at:
                problems.append((r.line, f"{w.name} has been declared; its candidates cannot change"))
                continue
            if w.candidates_locked:
                problems.append((r.line, _locked_message(w)))
                continue
            if w.id not in keyed:
                keyed[w.id] = _keying_started(store, w.id)
            if keyed[w.id]:
                problems.append((r.line, f"figures have already been keyed for {w.name}; "
                                         "candidates cannot be added"))
                continue
            if r.seats is not None and r.seats != w.seats and first_line[key] == r.line:
                problems.append((r.line, f"{w.name} has {w.seats} seats but the file gives {r.seats}; "
                                         "leave seats empty for an existing ward or change the ward"))
            if (r.electorate is not None and w.electorate is not None and r.electorate != w.electorate
                    and first_line[key] == r.line):
                problems.append((r.line, f"{w.name} has an electorate of {w.electorate:,} but the file "
                                         f"gives {r.electorate:,}"))
            person = Candidate(0, r.surname, r.forenames, r.description, r.party)
            for other in _candidate_rows(store, w.id):
                if same_person(person, other.candidate):
                    what = f" ({other.description})" if other.description else ""
                    problems.append((r.line, f"{other.ballot_name}{what} is already a candidate "
                                             f"in {w.name}"))
                    break
        if problems:
            raise NominationsRefused(sorted(problems, key=lambda p: p[0]))
        added: dict[str, int] = {}
        new_wards: list[str] = []
        per_ward: dict[str, int] = {}
        names: dict[str, str] = {}
        for r in rows:
            key = fold(r.ward)
            if key not in existing and key not in added:
                assert r.seats is not None
                added[key] = _new_ward(store, ch, r.ward, r.seats, r.electorate)
                new_wards.append(r.ward)
            ward_id = added[key] if key in added else existing[key].id
            names.setdefault(key, r.ward if key in added else existing[key].name)
            store.insert(ch, "candidates", {
                "ward_id": ward_id, "surname": r.surname, "forenames": r.forenames,
                "description": r.description, "party": r.party, "colour": r.colour,
                **candidate_extras(r)})
            per_ward[key] = per_ward.get(key, 0) + 1
        notes: list[str] = []
        for key, w in existing.items():
            if key in per_ward and w.electorate is None:
                given = next((r.electorate for r in rows if fold(r.ward) == key and r.electorate), None)
                if given is not None:
                    store.update(ch, "wards", w.id, {"electorate": given})
                    notes.append(f"{w.name}: electorate set to {given:,}")
        for key in per_ward:
            ward_id = added[key] if key in added else existing[key].id
            w = _ward(store, ward_id)
            n = len(_candidate_rows(store, ward_id))
            if n > w.seats:
                _ensure_sheet(store, ch, ward_id)
            else:
                notes.append(f"{w.name}: {n} candidate{'s' if n != 1 else ''} for {w.seats} "
                             f"seat{'s' if w.seats != 1 else ''}, so it is uncontested unless more "
                             "are added")
    return NominationsImport(
        wards_added=tuple(new_wards), candidates_added=len(rows),
        per_ward=tuple((names[k], n) for k, n in per_ward.items()), notes=tuple(notes))
