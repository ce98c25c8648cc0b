"""Set-up for an election under the Welsh rules (issue 13): whose rules govern the count,
the documents' languages, a ward's Welsh name and a candidate's address.

Each is one audited change. The rules and the languages cannot change once a ward has been
declared (a declared sheet was printed under them); a ward's Welsh name and a candidate's
address, like every other set-up detail, not once that ward is declared.
"""

from __future__ import annotations

import json
from typing import Any

from countdesk.app.setup import (
    SetupRefused,
    _candidate,
    _clean,
    _require_election,
    _require_undeclared,
    _ward,
)
from countdesk.core.electionfile import MAX_ADDRESS
from countdesk.core.law import clean_jurisdiction, clean_languages
from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.store.db import Store


def set_rules(store: Store, *, jurisdiction: str | None = None,
              languages: Any = None, actor: str | None = None) -> ElectionInfo:
    """Whose rules (``england`` or ``wales``) and which languages the documents print
    (``["en"]``, ``["cy", "en"]`` or ``["en", "cy"]``); None leaves one as it is."""
    el = _require_election(store)
    values: dict[str, Any] = {}
    try:
        if jurisdiction is not None:
            values["jurisdiction"] = clean_jurisdiction(jurisdiction)
        if languages is not None:
            values["languages"] = list(clean_languages(languages))
    except ValueError as exc:
        raise SetupRefused(str(exc)) from None
    current = {"jurisdiction": el.jurisdiction, "languages": list(el.languages)}
    changed = {k: [current[k], v] for k, v in values.items() if current[k] != v}
    if not changed:
        return el
    with store.transaction("update election", actor, details={"changed": changed}) as ch:
        if store.any_declared():
            raise SetupRefused("the rules and the languages cannot change once a ward has been "
                               "declared: its declaration was printed under them")
        row = {k: (json.dumps(v) if k == "languages" else v) for k, v in values.items()
               if k in changed}
        store.update(ch, "election", 1, row)
    return store.election()


def set_ward_name_cy(store: Store, ward_id: int, name_cy: str, actor: str | None = None) -> WardInfo:
    """The ward's Welsh name beside its name ("" clears it)."""
    w = _ward(store, ward_id)
    value = _clean(name_cy, "the ward's Welsh name", required=False) or None
    if value == w.name_cy:
        return w
    with store.transaction("update ward", actor, w.id,
                           {"ward": w.name, "changed": {"name_cy": [w.name_cy, value]}}) as ch:
        _require_undeclared(w, "its Welsh name cannot change")
        store.update(ch, "wards", w.id, {"name_cy": value})
    return _ward(store, w.id)


def set_candidate_address(store: Store, candidate_id: int, address: str,
                          actor: str | None = None) -> str:
    """The candidate's address, one line ("" clears it); returns the address stored."""
    c = _candidate(store, candidate_id)
    w = _ward(store, c.ward_id)
    value = _clean(address, "the address", required=False, max_len=MAX_ADDRESS)
    current = store.conn.execute("SELECT address FROM candidates WHERE id = ?",
                                 (c.id,)).fetchone()[0] or ""
    if value == current:
        return value
    with store.transaction("update candidate", actor, w.id,
                           {"ward": w.name, "candidate": c.ballot_name,
                            "changed": {"address": [current or None, value or None]}}) as ch:
        _require_undeclared(w, "the candidate's address cannot change")
        store.update(ch, "candidates", c.id, {"address": value or None})
    return value
