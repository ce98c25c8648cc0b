"""Does a printed document still match the store? (``countdesk verify --db``)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from countdesk.app.documents import StoreMatch
from countdesk.app.errors import AppError
from countdesk.reports.digest import notice_digest, result_digest, short_digest, verification_digest
from countdesk.reports.kinds import (
    KIND_DECLARATION,
    KIND_NOTICE,
    KIND_RECOUNTS,
    KIND_SUMMARY,
    KIND_TIMINGS,
    KIND_VERIFICATION,
)
from countdesk.reports.signing import DocumentInfo

if TYPE_CHECKING:
    from countdesk.app.desk import Desk


def match_store(store: Desk, document: DocumentInfo | None) -> StoreMatch:
    """Recompute the document's digest from the store and compare.

    A declaration matches only a declared ward whose result, election details
    and declaration time are exactly those printed. A notice matches when every
    ward is as it was. Provisional sheets and verification statements match the
    ward's current result.
    """
    where = store.path.name
    if document is None:
        return StoreMatch(False, "Result: cannot be checked: this is not a countdesk document "
                                 "(it carries no result digest)")
    election = store.election()
    if document.kind == KIND_SUMMARY:
        from countdesk.app.gather import snapshot  # noqa: PLC0415
        from countdesk.reports.summary_sheet import summary_digest  # noqa: PLC0415

        now = summary_digest(snapshot(store.store))
        if now == document.digest:
            return StoreMatch(True, f"Result: matches every ward's declared result in {where}")
        return StoreMatch(False, f"Result: DOES NOT MATCH {where}: a ward has been declared or "
                                 f"changed since this summary was printed (digest now {short_digest(now)})")
    if document.kind == KIND_NOTICE:
        entries = [(w, store.result(w.id)) for w in store.wards()]
        now = notice_digest(election, entries)
        if now == document.digest:
            return StoreMatch(True, f"Result: matches every ward's result in {where}")
        return StoreMatch(False, f"Result: DOES NOT MATCH {where}: a ward has been declared or "
                                 f"changed since this notice was printed (digest now {short_digest(now)})")
    if document.kind in (KIND_RECOUNTS, KIND_TIMINGS):
        from countdesk.reports.count_records import recounts_digest, timings_digest  # noqa: PLC0415

        if document.kind == KIND_TIMINGS:
            now = timings_digest(election, store.timings())
        elif document.ward_id is None:
            return StoreMatch(False, "Result: cannot be checked: the document names no ward")
        else:
            try:
                now = recounts_digest(election, store.recount_record(document.ward_id))
            except AppError:
                return StoreMatch(False, f"Result: DOES NOT MATCH: {where} has no ward "
                                         f"{document.ward_id}")
        if now == document.digest:
            return StoreMatch(True, f"Result: matches the records in {where}")
        return StoreMatch(False, f"Result: DOES NOT MATCH {where}: the count has moved on since "
                                 f"this document was printed (digest now {short_digest(now)})")
    if document.ward_id is None:
        return StoreMatch(False, "Result: cannot be checked: the document names no ward")
    try:
        ward = store.ward(document.ward_id)
    except AppError:
        return StoreMatch(False, f"Result: DOES NOT MATCH: {where} has no ward {document.ward_id}")
    if ward.id != document.ward_id:
        return StoreMatch(False, f"Result: DOES NOT MATCH: {where} has no ward {document.ward_id}")
    if document.kind == KIND_DECLARATION and not ward.declared_at:
        return StoreMatch(False, f"Result: NOT DECLARED: {ward.name} has not been declared in {where}")
    result = store.result(ward.id)
    if document.kind == KIND_VERIFICATION:
        now = verification_digest(election, ward, result, store.verification(ward.id))
    else:
        now = result_digest(election, ward, result)
    if now == document.digest:
        what = "the declared result" if document.kind == KIND_DECLARATION else "the current result"
        return StoreMatch(True, f"Result: matches {what} of {ward.name} in {where}")
    return StoreMatch(False, f"Result: DOES NOT MATCH: the result of {ward.name} in {where} differs "
                             f"from this document (digest now {short_digest(now)}, document "
                             f"{short_digest(document.digest)}); run `countdesk --db {store.path} "
                             "audit-verify` to find what changed")
