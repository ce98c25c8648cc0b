"""What a printed declaration shows, checked against the store; and who signed it.

The digest in a document's metadata ties it to a result, but a forger can copy a genuine
digest into a sheet that shows other figures, or relabel another ward's sheet. So
``verify --db`` also reads the page (:mod:`countdesk.reports.readback`) and compares the
ward, every candidate's name, declared votes and elected mark with the store's declared
result; and, once a signing key is registered in the store (made with ``keygen --db`` or
chosen in the app), checks the sheet was signed with it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from countdesk.app.documents import StoreMatch
from countdesk.reports.kinds import KIND_DECLARATION
from countdesk.reports.readback import page_text, rows, shows_figure

if TYPE_CHECKING:
    from countdesk.app.base import DeskBase
    from countdesk.reports.signing import DocumentInfo


def check_page(desk: DeskBase, document: DocumentInfo, pdf: bytes) -> StoreMatch | None:
    """A problem with what the declaration's page shows (None: it shows the declared result)."""
    if document.kind != KIND_DECLARATION or document.ward_id is None:
        return None
    ward = desk.ward(document.ward_id)
    result = desk.result(ward.id)
    try:
        text = page_text(pdf)
    except Exception:  # a PDF the reader cannot read is no evidence of anything
        return StoreMatch(False, "Result: DOES NOT MATCH: the page's text cannot be read back")
    if f"{ward.name} ward" not in text and ward.name not in text:
        return StoreMatch(False, f"Result: DOES NOT MATCH: the sheet does not show the ward "
                                 f"{ward.name} (its digest is {ward.name}'s; the page is another's)")
    if desk.election().authority not in text:
        return StoreMatch(False, "Result: DOES NOT MATCH: the sheet does not show the authority "
                                 f"{desk.election().authority}")
    spellings = [[r.candidate.ballot_name, getattr(r.candidate, "ballot_paper_name", r.candidate.ballot_name)]
                 for r in result.candidates]
    shown = rows(text, spellings, ends=("The word", "And I declare", "The number of ballot papers",
                                        "Rejected"))
    for r, row in zip(result.candidates, shown, strict=True):
        c = r.candidate
        if row is None:
            return StoreMatch(False, f"Result: DOES NOT MATCH: the sheet does not show {c.ballot_name} "
                                     f"({c.party}) where the declared result has them")
        if r.declared_votes is not None and not shows_figure(row, r.declared_votes):
            return StoreMatch(False, f"Result: DOES NOT MATCH: the sheet does not show "
                                     f"{r.declared_votes:,} votes for {c.ballot_name} ({c.party})")
        if ("Elected" in row) != bool(r.elected):
            said = "elected" if "Elected" in row else "not elected"
            return StoreMatch(False, f"Result: DOES NOT MATCH: the sheet shows {c.ballot_name} "
                                     f"({c.party}) as {said}, which the declared result does not")
    return None


def registered_signer(desk: DeskBase) -> str | None:
    """The certificate fingerprint of the signing key last registered in the store (None: none)."""
    for rec in reversed(desk.store.audit_records_of("signing key made", "signing key chosen")):
        if str(rec["action"]).startswith("signing key"):
            details = json.loads(str(rec["details"]))
            fp = details.get("certificate_fingerprint")
            return str(fp) if fp else None
    return None


def check_signer(desk: DeskBase, fingerprint: str | None) -> StoreMatch | None:
    """A problem with who signed (None: the registered key, or no key registered)."""
    registered = registered_signer(desk)
    if registered is None:
        return None
    if fingerprint is None:
        return StoreMatch(False, "Signer: the sheet is not signed, but this store registers the "
                                 f"returning officer's key ({registered})")
    if fingerprint.replace(":", "").upper() != registered.replace(":", "").upper():
        return StoreMatch(False, f"Signer: NOT the returning officer's key registered in this store "
                                 f"(signed with {fingerprint}; registered {registered})")
    return None
