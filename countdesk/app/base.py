"""What every operation stands on: the store, reads, the ward's workflow, the passphrase
check and the record of what changed. :class:`countdesk.app.desk.Desk` adds the operations.

(The one API over a store is :class:`~countdesk.app.desk.Desk`; this base is split out so that
each purpose's mixin can be typed against it.)

Front ends (the command line, the desktop app, batch jobs) open a :class:`Desk`
and call it; none of them touches the store or decides a rule itself. In the
style of calibre's ``db/cache.py`` over ``db/backend.py``: the store only opens,
locks, migrates, writes one transaction with its audit record and reads; the
rules come from :mod:`countdesk.core` (results, validation, the workflow), asked
here.

Operations are grouped by purpose in mixins (:mod:`~countdesk.app.counting`,
:mod:`~countdesk.app.decisions`, :mod:`~countdesk.app.setup_ops`,
:mod:`~countdesk.app.documents`, :mod:`~countdesk.app.safety`), each declared with
:func:`countdesk.app.ops.operation`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Self, TypeVar

from countdesk.app.errors import AppError, NeedsPassphrase, from_store
from countdesk.app.ops import OPERATIONS, Changes, OpSpec
from countdesk.core import Candidate, WardResult
from countdesk.core.law import cite, localise
from countdesk.core.records import (
    CorrectionInfo,
    ElectionInfo,
    ErrorReport,
    ProvisionalShown,
    WardInfo,
)
from countdesk.core.workflow import Action, Verdict, WardState, check, verdicts
from countdesk.store import ro_auth
from countdesk.store.db import Change, Store
from countdesk.store.errors import StoreError

T = TypeVar("T")


class DeskBase:
    """The store, reads and the workflow; the frame every operation runs in."""

    def __init__(self, store: Store) -> None:
        self.store = store
        #: the returning officer's passphrase was checked for the operation now running
        self.authorised = False
        self._offered: str | None = None
        self._audit_key: bytes | None = None
        self._collectors: list[Changes] = []
        self._running: list[OpSpec] = []
        store.on_commit.append(self._committed)

    # ------------------------------------------------------------------ open
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def read_only_reason(self) -> str | None:
        return self.store.read_only_reason

    def claim_writer(self, *, wait: float = 0.0) -> None:
        try:
            self.store.claim_writer(wait=wait)
        except StoreError as exc:
            raise from_store(exc) from None

    # ---------------------------------------------------------------- reads
    def has_election(self) -> bool:
        return self.store.has_election()

    def election(self) -> ElectionInfo:
        return self._read(self.store.election)

    def wards(self) -> list[WardInfo]:
        return self._read(self.store.wards)

    def ward(self, ref: str | int) -> WardInfo:
        """A ward by id or by name (any case, accents ignored)."""
        try:
            return self.store.ward(ref)
        except StoreError as exc:
            raise AppError("A001", str(exc)) from None

    def candidates(self, ward: str | int) -> list[Candidate]:
        return self.store.candidates(self.ward(ward).id)

    def result(self, ward: str | int, round_number: int | None = None) -> WardResult:
        w = self.ward(ward)
        try:
            return self.store.result(w.id, round_number)
        except StoreError as exc:
            raise AppError("A002", str(exc)) from None

    def rounds(self, ward: str | int) -> list[int]:
        return [n for _, n in self.store.rounds(self.ward(ward).id)]

    def provisional(self, ward: str | int) -> ProvisionalShown | None:
        """The provisional result shown in the ward's current round, if it still stands for
        the current figures (a later change of the figures voids it)."""
        w = self.ward(ward)
        shown = self.store.provisional(w.id)
        if shown is None or not self.state(w.id).provisional_current:
            return None
        return shown

    def error_reports(self, ward: str | int) -> list[ErrorReport]:
        return self.store.error_reports(self.ward(ward).id)

    def corrections(self, ward: str | int) -> list[CorrectionInfo]:
        """Corrections recorded by an older countdesk (shown as reported errors; never applied)."""
        return self.store.corrections(self.ward(ward).id)

    def any_declared(self) -> bool:
        return self.store.any_declared()

    def audit_records(self) -> list[dict[str, object]]:
        return list(self.store.audit_records())

    # ------------------------------------------------------------- workflow
    def state(self, ward: str | int) -> WardState:
        """The ward's state, as the workflow sees it."""
        w = self.ward(ward)
        shown = self.store.provisional(w.id)
        return WardState(result=self.result(w.id), declared=w.declared_at is not None,
                         countermanded=w.countermanded_at is not None,
                         provisional_key=None if shown is None else shown.figures_key,
                         double_entry=self.election().double_entry,
                         unexplained_boxes=self._unexplained_boxes(w.id))

    def _unexplained_boxes(self, ward_id: int) -> tuple[str, ...]:
        from countdesk.app.verification import verification  # noqa: PLC0415 (verification imports setup)

        return verification(self.store, ward_id).unexplained_boxes

    def check(self, ward: str | int, action: Action, sheet: str | None = None) -> Verdict:
        """Whether ``action`` is allowed on the ward now, and if not why (the core decides),
        with the rules cited as the election's jurisdiction numbers them."""
        return self._in_law(check(self.state(ward), action, sheet))

    def verdicts(self, ward: str | int) -> dict[Action, Verdict]:
        return {a: self._in_law(v) for a, v in verdicts(self.state(ward)).items()}

    def cite(self, key: str) -> str:
        """The citation of the rule about ``key`` ("lots", "provisional", ...) under the
        election's rules: "rule 49" in England (:mod:`countdesk.core.law`)."""
        return cite(self.election().jurisdiction, key)

    def in_law(self, text: str) -> str:
        """A sentence of the core's with its rule citations as the election's rules number them."""
        return localise(text, self.election().jurisdiction) if "rule " in text else text

    def _in_law(self, verdict: Verdict) -> Verdict:
        """The verdict's reason citing the election's rules (England's unchanged)."""
        if verdict.allowed or "rule " not in verdict.reason:
            return verdict
        return replace(verdict, reason=localise(verdict.reason, self.election().jurisdiction))

    def require(self, ward: str | int, action: Action, sheet: str | None = None) -> WardState:
        """The ward's state, once the workflow allows ``action``; else the refusal."""
        state = self.state(ward)
        verdict = self._in_law(check(state, action, sheet))
        if not verdict.allowed:
            assert verdict.code is not None
            raise AppError(verdict.code, verdict.reason)
        return state

    # --------------------------------------------------- operations' frame
    def passphrase_set(self) -> bool:
        return self.store.passphrase_set()

    def needs_passphrase(self, operation: str) -> bool:
        """The operation needs the returning officer's passphrase now (one is set, and the
        operation declares it needs it)."""
        spec = OPERATIONS[operation]
        return spec.passphrase == "always" and self.store.passphrase_set()

    def authorise(self, what: str, actor: str | None = None) -> None:
        """Check the passphrase offered to the running operation for ``what`` (the one place
        where it is checked). With no passphrase set, everything is allowed."""
        if not self.store.passphrase_set() or self.authorised:
            self.authorised = self.authorised or self.store.passphrase_set()
            return
        if self._offered is None:
            raise NeedsPassphrase(
                "P001", f"{what[0].upper()}{what[1:]} needs the returning officer's passphrase "
                "(on the command line: --ro-passphrase-file FILE); nothing was changed")
        try:
            self.store.check_passphrase(self._offered, action=what, actor=actor)
        except StoreError as exc:
            raise from_store(exc) from None
        self.authorised = True
        self._audit_key = self.audit_key(self._offered)

    def audit_key(self, passphrase: str) -> bytes | None:
        """The key that authenticates the returning officer's records, opened with the
        passphrase (None for a store whose passphrase was set by an older countdesk)."""
        wrapping = ro_auth.latest_wrapping(
            self.store.audit_records_of("set passphrase", "change passphrase"))
        return None if wrapping is None else ro_auth.unwrap(wrapping, passphrase)

    @contextmanager
    def running(self, spec: OpSpec, offered: str | None, actor: str | None) -> Iterator[None]:
        outer = bool(self._running)
        if not outer:
            self.authorised, self._offered, self._audit_key = False, offered, None
        elif offered is not None:
            self._offered = offered
        self._running.append(spec)
        try:
            if spec.passphrase == "always":
                self.authorise(spec.describe, actor)
            yield
        finally:
            self._running.pop()
            if not outer:
                self.authorised, self._offered, self._audit_key = False, None, None

    @contextmanager
    def as_returning_officer(self, passphrase: str | None, *, actor: str | None = None
                             ) -> Iterator[None]:
        """Operations inside the block run with the passphrase checked once, here (for a
        batch such as declaring every ready ward)."""
        self.authorised, self._offered, self._audit_key = False, passphrase, None
        self._running.append(OpSpec("batch", "decisions", "always", "returning officer's actions"))
        try:
            self.authorise("returning officer's actions", actor)
            yield
        finally:
            self._running.pop()
            self.authorised, self._offered, self._audit_key = False, None, None

    def transaction(self, action: str, actor: str | None, ward_id: int | None = None,
                    details: dict[str, Any] | None = None) -> AbstractContextManager[Change]:
        """One store transaction, marked authorised (and its record authenticated with the
        returning officer's key) when the passphrase was checked."""
        return self.store.transaction(action, actor, ward_id, details, authorised=self.authorised,
                                      mac_key=self._audit_key if self.authorised else None)

    @contextmanager
    def collect_changes(self) -> Iterator[Changes]:
        """Collect which wards the operations run inside the block changed."""
        changes = Changes()
        self._collectors.append(changes)
        try:
            yield changes
        finally:
            self._collectors.remove(changes)

    def _committed(self, ward_id: int | None) -> None:
        for c in self._collectors:
            c.add(ward_id)

    def _read(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except StoreError as exc:
            raise from_store(exc) from None
