"""Documents: every printed sheet built from the store as it is now, and the one
place where a declaration is built, signed and written.

The command line (``declare``, ``report``), the desktop app's preview and its
*Save all declarations* all call :meth:`DocumentOps.declaration_bytes` and
:meth:`DocumentOps.save_document`; nobody else builds or signs a declaration.
reportlab and pyHanko are imported only when a document is made.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from countdesk.app.base import DeskBase
from countdesk.app.errors import AppError
from countdesk.core import Status
from countdesk.files import atomic_write
from countdesk.reports.kinds import (
    KIND_DECLARATION,
    KIND_NOTICE,
    KIND_PROVISIONAL,
    KIND_RECOUNTS,
    KIND_REJECTED,
    KIND_SUMMARY,
    KIND_TIMINGS,
    KIND_VERIFICATION,
)

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

    from countdesk.app.desk import Desk
    from countdesk.reports.documents import CorrectionNote, SignatureImage
    from countdesk.reports.signing import DocumentInfo


@dataclass(frozen=True)
class StoreMatch:
    ok: bool
    line: str


@dataclass
class BatchOutcome:
    """What saving every declaration did."""

    total: int
    saved: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False


def declaration_filename(ward: str, ward_id: int, taken: set[str]) -> str:
    """``declaration-<ward>.pdf`` (letters, digits and hyphens), unique among ``taken``."""
    base = "".join(ch if ch.isalnum() else "-" for ch in ward.lower())
    base = "-".join(part for part in base.split("-") if part) or f"ward-{ward_id}"
    name = f"declaration-{base}.pdf"
    if name in taken:
        name = f"declaration-{base}-{ward_id}.pdf"
    taken.add(name)
    return name


def _report_error(exc: Exception) -> AppError:
    return AppError("A040", str(exc))


class DocumentOps(DeskBase):
    def document(self, kind: str, ward: str | int | None = None, *, draft: bool = False,
                 signature_image: SignatureImage | None = None) -> bytes:
        """One document (unsigned PDF bytes), from the store as it is now.

        ``kind`` is ``declaration`` (a declared ward; with ``draft=True`` a ward that may be
        declared now, watermarked as a draft, for reading back before declaring),
        ``provisional``, ``verification`` (each for one ``ward``), ``notice`` or
        ``summary`` (every ward; no ``ward``)."""
        from countdesk.reports import documents as docs  # noqa: PLC0415

        try:
            return self._document(docs, kind, ward, draft, signature_image)
        except docs.ReportError as exc:
            raise _report_error(exc) from None

    def _document(self, docs: Any, kind: str, ward: str | int | None, draft: bool,
                  signature_image: SignatureImage | None) -> bytes:
        election = self.election()
        if kind == KIND_SUMMARY:
            if ward is not None:
                raise AppError("A041", "the summary covers every ward of the election: give no ward")
            from countdesk.app.gather import party_colours, snapshot  # noqa: PLC0415
            from countdesk.reports.summary_sheet import summary_pdf  # noqa: PLC0415

            return bytes(summary_pdf(snapshot(self.store), party_colours(self.store),
                                     anchor=self.latest_declaration_anchor()))
        if kind == KIND_NOTICE:
            if ward is not None:
                raise AppError("A041", "the notice covers every ward of the election: give no ward")
            entries = [(w, self.result(w.id)) for w in self.wards()]
            return bytes(docs.notice_pdf(election, entries, signature_image=signature_image))
        if kind in (KIND_RECOUNTS, KIND_TIMINGS):
            return self._count_record(kind, ward)
        if ward is None:
            raise AppError("A041", f"a {kind} document needs a ward")
        info = self.ward(ward)
        result = self.result(info.id)
        if kind == KIND_DECLARATION:
            if info.declared_at is None and not draft:
                raise AppError("A042", f"{info.name} has not been declared (status: "
                               f"{result.status.value.replace('_', ' ')}); declare it first, or print "
                               "a draft")
            if info.declared_at is not None and draft:
                raise AppError("A042", f"{info.name} is declared: print the declaration itself, "
                               "not a draft")
            return bytes(docs.declaration_pdf(election, info, result, signature_image=signature_image,
                                              correction=self.correction_note(info.id),
                                              anchor=self.declaration_anchor(info.id)))
        if kind == KIND_PROVISIONAL:
            acks = cast("Desk", self).acknowledgements(info.id)  # who, why: printed on the sheet
            return bytes(docs.provisional_pdf(election, info, result, acks))
        if kind == KIND_REJECTED:
            from countdesk.reports.rejected import rejected_pdf  # noqa: PLC0415

            return bytes(rejected_pdf(election, info, result, signature_image=signature_image))
        if kind == KIND_VERIFICATION:
            return bytes(docs.verification_pdf(election, info, result,
                                               summary=cast("Desk", self).verification(info.id),
                                               signature_image=signature_image))
        raise AppError("A041", f"there is no document called {kind!r}")

    def _count_record(self, kind: str, ward: str | int | None) -> bytes:
        from countdesk.reports import count_records  # noqa: PLC0415

        desk = cast("Desk", self)
        if kind == KIND_TIMINGS:
            if ward is not None:
                raise AppError("A041", "the timing report covers every ward of the election: "
                               "give no ward")
            return bytes(count_records.timings_pdf(self.election(), desk.timings()))
        if ward is None:
            raise AppError("A041", "the record of recounts needs a ward")
        info = self.ward(ward)
        return bytes(count_records.recounts_pdf(self.election(), info, desk.recount_record(info.id)))

    def latest_declaration_anchor(self) -> tuple[int, str] | None:
        """The audit record of the latest declaration: what a summary of the declared results
        stands on (the same until the next declaration, so a reprint is the same sheet)."""
        row = self.store.conn.execute(
            "SELECT seq, hash FROM audit WHERE action = 'declare' ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def declaration_anchor(self, ward_id: int) -> tuple[int, str] | None:
        """The audit record of the ward's declaration (number, hash): printed on the sheet as an
        anchor of the log outside the file."""
        row = self.store.conn.execute(
            "SELECT seq, hash FROM audit WHERE action = 'declare' AND ward_id = ? ORDER BY seq DESC "
            "LIMIT 1", (ward_id,)).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def draft_declaration(self, ward: str | int, *, by: str | None = None,
                          signature_image: SignatureImage | None = None) -> bytes:
        """The declaration as it would print if ``by`` declared the ward now (watermarked DRAFT)."""
        from countdesk.reports import documents as docs  # noqa: PLC0415

        info = self.ward(ward)
        if info.declared_at is not None:
            raise AppError("F001", f"{info.name} is already declared")
        try:
            return bytes(docs.declaration_pdf(self.election(), info, self.result(info.id),
                                              signatory_name=by, signature_image=signature_image))
        except docs.ReportError as exc:
            raise _report_error(exc) from None

    def declaration_bytes(self, ward: str | int, *, signer: SimpleSigner | None = None,
                          signature_image: SignatureImage | None = None) -> bytes:
        """The declaration of a declared ward, signed when a signer is given: the one place a
        declaration is built and signed (command line, preview, batch save)."""
        data = self.document(KIND_DECLARATION, ward, signature_image=signature_image)
        return sign(data, signer, self.election().authority)

    def save_document(self, target: str | os.PathLike[str], data: bytes) -> Path:
        """Write a document atomically (a reader sees the old file or the whole new one)."""
        return atomic_write(target, data)

    def declare_and_print(self, ward: str | int, *, by: str | None = None,
                          signature_image: SignatureImage | None = None,
                          passphrase: str | None = None) -> bytes:
        """Declare the ward and return its declaration (unsigned bytes).

        The sheet is first printed as a draft, so that anything that would stop it (a bad
        signature image, say) stops the declaration too. If printing the final sheet
        fails, the ward stays declared: reprint it with :meth:`declaration_bytes`."""
        info = self.ward(ward)
        if self.check(info.id, _declare_action()).allowed:
            self.draft_declaration(info.id, by=by, signature_image=signature_image)
        cast("Desk", self).declare(info.id, by=by, passphrase=passphrase)
        return self.document(KIND_DECLARATION, info.id, signature_image=signature_image)

    def provisional_sheet(self, ward: str | int) -> bytes:
        return self.document(KIND_PROVISIONAL, ward)

    def error_report_sheet(self, ward: str | int, report_id: int | None = None, *,
                           signature_image: SignatureImage | None = None) -> bytes:
        """The statement of an error reported after the declaration (the latest by default)."""
        from countdesk.reports import documents as docs  # noqa: PLC0415

        info = self.ward(ward)
        reports = self.error_reports(info.id)
        if report_id is not None:
            reports = [r for r in reports if r.id == report_id]
        if not reports:
            raise AppError("A043", f"no error has been reported for {info.name}")
        try:
            return bytes(docs.error_report_pdf(self.election(), info, self.result(info.id), reports[-1],
                                               signature_image=signature_image))
        except docs.ReportError as exc:
            raise _report_error(exc) from None

    def correction_note(self, ward: str | int) -> CorrectionNote | None:
        """What a declaration says about corrections recorded by an older countdesk (None: none).
        They were never applied: the declaration prints the declared result."""
        from countdesk.reports.documents import CorrectionNote  # noqa: PLC0415

        info = self.ward(ward)
        fixes = self.corrections(info.id)
        if not fixes:
            return None
        fix = fixes[-1]
        names = {f"votes:{c.id}": c.ballot_name for c in self.store.candidates(info.id)}
        lines = []
        for key, value in fix.values.items():
            before = fix.previous.get(key)
            if before != value:
                label = names.get(key) or key.split(":", 1)[-1].replace("_", " ")
                lines.append(f"{label}: {_n(before)} → {_n(value)}")
        return CorrectionNote(fix.reason, fix.at, fix.by, tuple(lines))

    def save_all_declarations(self, folder: Path, *, signer: SimpleSigner | None = None,
                              signature_image: SignatureImage | None = None,
                              cancelled: Callable[[], bool] = lambda: False,
                              progress: Callable[[int, str], None] = lambda n, name: None
                              ) -> BatchOutcome:
        """Build, sign and save the declaration of every declared ward into ``folder``."""
        wards = [w for w in self.wards() if w.declared_at]
        outcome = BatchOutcome(total=len(wards))
        taken: set[str] = set()
        for done, ward in enumerate(wards):
            if cancelled():
                outcome.cancelled = True
                break
            progress(done, ward.name)
            try:
                data = self.declaration_bytes(ward.id, signer=signer, signature_image=signature_image)
                target = folder / declaration_filename(ward.name, ward.id, taken)
                outcome.saved.append(self.save_document(target, data))
            except Exception as exc:
                outcome.problems.append(f"{ward.name}: {exc or type(exc).__name__}")
                if isinstance(exc, OSError):
                    break  # the folder itself is the trouble: stop here
        progress(len(outcome.saved), "")
        return outcome

    def ready_to_declare(self) -> Iterator[int]:
        for w in self.wards():
            if self.check(w.id, _declare_action()).allowed:
                yield w.id

    def match_document(self, document: DocumentInfo | None, pdf: bytes | None = None,
                       signer: str | None = None) -> StoreMatch:
        """Does a printed document still match the store? (``countdesk verify --db``): its
        digest, then what its page shows (``pdf``), then who signed it (``signer``: the signing
        certificate's fingerprint) against the key registered in the store."""
        from countdesk.app.matching import match_store  # noqa: PLC0415
        from countdesk.app.readback import check_page, check_signer  # noqa: PLC0415

        match = match_store(cast("Desk", self), document)
        if not match.ok or document is None:
            return match
        if pdf is not None and (problem := check_page(self, document, pdf)) is not None:
            return problem
        if (problem := check_signer(self, signer)) is not None:
            return problem
        return match


def sign(data: bytes, signer: SimpleSigner | None, location: str | None) -> bytes:
    if signer is None:
        return data
    from countdesk.reports.signing import sign_with  # noqa: PLC0415

    return bytes(sign_with(data, signer, location=location))


def _declare_action() -> Any:
    from countdesk.core.workflow import Action  # noqa: PLC0415

    return Action.DECLARE


def _n(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


__all__ = ["BatchOutcome", "DocumentOps", "Status", "StoreMatch", "declaration_filename", "sign"]
