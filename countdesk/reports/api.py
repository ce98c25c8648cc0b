"""What the desktop app (and the command line) call to print: documents straight from a store.

Every function returns PDF bytes, ready to preview (QtPdf), print, sign
(:func:`countdesk.reports.signing.sign_pdf` / :func:`~countdesk.reports.signing.sign_with`)
and save (:func:`countdesk.store.files.atomic_write`). Sign only the final bytes.

Refusals are :class:`ReportError` (a document that cannot honestly be printed)
or :class:`countdesk.store.StoreError` (an action the store refuses); both carry
a message for the user, and neither changes anything.
"""

from __future__ import annotations

from countdesk.core import Status, WardResult
from countdesk.reports.documents import (
    CorrectionNote,
    ReportError,
    SignatureImage,
    declaration_pdf,
    notice_pdf,
    provisional_pdf,
    verification_pdf,
)
from countdesk.reports.kinds import (
    KIND_DECLARATION,
    KIND_NOTICE,
    KIND_PROVISIONAL,
    KIND_SUMMARY,
    KIND_VERIFICATION,
)
from countdesk.store import Store, StoreError
from countdesk.store.setup import verification


def build(store: Store, kind: str, ward: str | int | None = None, *, draft: bool = False,
          signature_image: SignatureImage | None = None) -> bytes:
    """One document, from the store as it is now.

    ``kind`` is ``declaration`` (a declared ward; with ``draft=True`` a ward
    that is ready but not yet declared, watermarked as a draft, for reading
    back before declaring), ``provisional``, ``verification`` (each for one
    ``ward``, by id or name) or ``notice`` (every ward; no ``ward``).
    """
    election = store.election()
    if kind == KIND_SUMMARY:
        if ward is not None:
            raise ReportError("the summary covers every ward of the election: give no ward")
        from countdesk.exports.gather import party_colours, snapshot  # noqa: PLC0415
        from countdesk.reports.summary_sheet import summary_pdf  # noqa: PLC0415

        return summary_pdf(snapshot(store), party_colours(store))
    if kind == KIND_NOTICE:
        if ward is not None:
            raise ReportError("the notice covers every ward of the election: give no ward")
        entries = [(w, store.result(w.id)) for w in store.wards()]
        return notice_pdf(election, entries, signature_image=signature_image)
    if ward is None:
        raise ReportError(f"a {kind} document needs a ward")
    info = store.ward(ward)
    result = store.result(info.id)
    if kind == KIND_DECLARATION:
        if info.declared_at is None and not draft:
            raise ReportError(
                f"{info.name} has not been declared (status: {result.status.value.replace('_', ' ')}); "
                "declare it first, or print a draft")
        if info.declared_at is not None and draft:
            raise ReportError(f"{info.name} is declared: print the declaration itself, not a draft")
        return declaration_pdf(election, info, result, signature_image=signature_image,
                               correction=correction_note(store, info.id))
    if kind == KIND_PROVISIONAL:
        return provisional_pdf(election, info, result)
    if kind == KIND_VERIFICATION:
        return verification_pdf(election, info, result, summary=verification(store, info.id),
                                signature_image=signature_image)
    raise ReportError(f"there is no document called {kind!r}")


def draft_declaration(store: Store, ward: str | int, *, by: str | None = None,
                      signature_image: SignatureImage | None = None) -> bytes:
    """The declaration as it would print if ``by`` declared the ward now (watermarked DRAFT)."""
    info = store.ward(ward)
    if info.declared_at is not None:
        raise ReportError(f"{info.name} is already declared")
    return declaration_pdf(store.election(), info, store.result(info.id), signatory_name=by,
                           signature_image=signature_image)


def declare(store: Store, ward: str | int, *, by: str | None = None,
            signature_image: SignatureImage | None = None) -> tuple[WardResult, bytes]:
    """Declare the ward and return its result and its declaration (unsigned PDF bytes).

    The sheet is first printed as a draft, so that anything that would stop
    it (a bad signature image, say) stops the declaration too. Then
    :meth:`Store.declare` marks the ward declared and locks it (refused,
    changing nothing, unless the ward is ready or uncontested and every
    warning is acknowledged), and the declaration is printed with the stored
    time of declaration. If that last step fails the ward stays declared:
    reprint it with ``build(store, "declaration", ward)``.
    """
    info = store.ward(ward)
    result = store.result(info.id)
    if result.status in (Status.READY, Status.UNCONTESTED):
        declaration_pdf(store.election(), info, result, signatory_name=by,
                        signature_image=signature_image)
    store.declare(info.id, by=by)
    info = store.ward(info.id)
    result = store.result(info.id)
    if info.declared_at is None:  # pragma: no cover - Store.declare sets it or raises
        raise StoreError(f"{info.name} was not declared")
    return result, declaration_pdf(store.election(), info, result, signature_image=signature_image)


def correction_note(store: Store, ward: str | int) -> CorrectionNote | None:
    """What the corrected declaration of a ward says about its latest correction (None: none)."""
    info = store.ward(ward)
    fixes = store.corrections(info.id)
    if not fixes:
        return None
    fix = fixes[-1]
    names = {f"votes:{c.id}": c.ballot_name for c in store.candidates(info.id)}
    lines = []
    for key, value in fix.values.items():
        before = fix.previous.get(key)
        if before != value:
            label = names.get(key) or key.split(":", 1)[-1].replace("_", " ")
            lines.append(f"{label}: {_n(before)} → {_n(value)}")
    return CorrectionNote(fix.reason, fix.at, fix.by, tuple(lines))


def _n(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"
