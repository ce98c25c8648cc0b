"""The count's records read back: the recount record of a ward and the timings of every
ward (from the audit log), as core records the documents render."""

from __future__ import annotations

import json

from countdesk.app.base import DeskBase
from countdesk.core.count_records import (
    VERIFY_ACTIONS,
    RecountRecord,
    RecountRequest,
    WardTimings,
    timings,
)


class CountRecordOps(DeskBase):
    def recount_requests(self, ward: str | int) -> list[RecountRequest]:
        """Every recount request of the ward, oldest first."""
        w = self.ward(ward)
        cur = self.store.conn.execute(
            "SELECT q.id, r.number, q.requested_by, q.granted, q.reason, q.decided_by, q.at, "
            "q.kind, q.bundles FROM recount_requests q JOIN rounds r ON r.id = q.round_id "
            "WHERE q.ward_id = ? ORDER BY q.id", (w.id,))
        return [RecountRequest(id=row[0], round_number=row[1], requested_by=row[2],
                               granted=bool(row[3]), reason=row[4] or "", decided_by=row[5],
                               at=row[6], kind=row[7] or "full",
                               bundles=tuple(json.loads(row[8])) if row[8] else ())
                for row in cur]

    def recount_record(self, ward: str | int) -> RecountRecord:
        """Every round of the ward (its result) and every recount request."""
        w = self.ward(ward)
        rounds = tuple(self.result(w.id, n) for n in self.rounds(w.id))
        return RecountRecord(w.id, w.name, rounds, tuple(self.recount_requests(w.id)))

    def timings(self) -> list[WardTimings]:
        """When each ward reached each stage of its count, from the audit log: the first
        ballot box verified (the first change of the verification with papers counted), the
        first keying, the provisional result shown (the latest
        showing) and the declaration."""
        wards = [(w.id, w.name) for w in self.wards()]
        audit = self.store.conn.execute(
            "SELECT action, ward_id, at, details FROM audit WHERE ward_id IS NOT NULL ORDER BY seq")
        return timings(wards, ((str(a), wid, str(at)) for a, wid, at, details in audit
                               if not _no_papers_counted(str(a), details)))


def _no_papers_counted(action: str, details: object) -> bool:
    """A change of the verification that counted no papers yet (a box added, its figures to
    come): not yet a box verified."""
    if action not in VERIFY_ACTIONS:
        return False
    try:
        data = json.loads(str(details))
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("total_counted") == 0
