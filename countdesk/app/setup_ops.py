"""Set-up: the election, its wards and candidates, nominations, and verification.

The rules of set-up live in :mod:`countdesk.app.setup`, :mod:`~countdesk.app.nominations`
and :mod:`~countdesk.app.verification`; this mixin declares each as an operation
of the :class:`~countdesk.app.desk.Desk` (what it is, whether it needs the returning
officer's passphrase), so that every front end calls them alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from countdesk.app import nominations, setup, setup_wales, verification
from countdesk.app.base import DeskBase
from countdesk.app.ops import operation
from countdesk.core.ballot import setup_notices
from countdesk.core.records import (
    CandidateInfo,
    ElectionInfo,
    NominationsImport,
    VerificationBox,
    VerificationSummary,
    WardInfo,
    WardSetupState,
)

if TYPE_CHECKING:
    from countdesk.app.verification import BoxRow


class SetupOps(DeskBase):
    @operation("set-up", "entering the election's details")
    def create_election(self, authority: str, title: str, poll_date: str | datetime.date, *,
                        returning_officer: str | None = None, double_entry: bool = True,
                        actor: str | None = None) -> ElectionInfo:
        return setup.create_election(self.store, authority, title, poll_date,
                                     returning_officer=returning_officer, double_entry=double_entry,
                                     actor=actor)

    @operation("set-up", "changing the election's details", passphrase="when turning double entry off")
    def update_election(self, *, authority: str | None = None, title: str | None = None,
                        poll_date: str | datetime.date | None = None,
                        returning_officer: str | None = None, double_entry: bool | None = None,
                        actor: str | None = None, passphrase: str | None = None) -> ElectionInfo:
        return setup.update_election(self, authority=authority, title=title, poll_date=poll_date,
                                     returning_officer=returning_officer, double_entry=double_entry,
                                     actor=actor)

    @operation("set-up", "choosing the election's rules and the documents' languages")
    def set_rules(self, *, jurisdiction: str | None = None,
                  languages: Sequence[str] | str | None = None,
                  actor: str | None = None) -> ElectionInfo:
        """England's or Wales's rules, and the documents' languages (["en"], ["cy", "en"] or
        ["en", "cy"]); None leaves one as it is. Refused once a ward is declared."""
        return setup_wales.set_rules(self.store, jurisdiction=jurisdiction, languages=languages,
                                     actor=actor)

    @operation("set-up", "giving a ward its Welsh name")
    def set_ward_name_cy(self, ward_id: int, name_cy: str, actor: str | None = None) -> WardInfo:
        return setup_wales.set_ward_name_cy(self.store, ward_id, name_cy, actor)

    @operation("set-up", "recording a candidate's address")
    def set_candidate_address(self, candidate_id: int, address: str,
                              actor: str | None = None) -> str:
        """The candidate's address: printed on a Welsh notice of an unopposed return only."""
        return setup_wales.set_candidate_address(self.store, candidate_id, address, actor)

    @operation("set-up", "adding a ward")
    def add_ward(self, name: str, seats: int | str, electorate: int | str | None = None,
                 actor: str | None = None) -> int:
        return setup.add_ward(self.store, name, seats, electorate, actor)

    @operation("set-up", "changing a ward")
    def update_ward(self, ward_id: int, *, name: str | None = None, seats: int | str | None = None,
                    electorate: int | str | None = None, actor: str | None = None) -> WardInfo:
        return setup.update_ward(self.store, ward_id, name=name, seats=seats, electorate=electorate,
                                 actor=actor)

    @operation("set-up", "removing a ward")
    def remove_ward(self, ward_id: int, actor: str | None = None) -> None:
        setup.remove_ward(self.store, ward_id, actor)

    def candidate_rows(self, ward_id: int) -> list[CandidateInfo]:
        """The ward's candidates as set up (with their colours), in entry order."""
        return setup.candidates(self.store, ward_id)

    def setup_notices(self, ward_id: int) -> tuple[str, ...]:
        """Notices about the ward's ballot positions (see :func:`core.ballot.setup_notices`)."""
        return setup_notices(c.candidate for c in setup.candidates(self.store, ward_id))

    def setup_state(self, ward_id: int) -> WardSetupState:
        return setup.setup_state(self.store, ward_id)

    @operation("set-up", "adding a candidate")
    def add_candidate(self, ward_id: int, surname: str, forenames: str, description: str, *,
                      party: str | None = None, colour: str | None = None,
                      actor: str | None = None) -> int:
        return setup.add_candidate(self.store, ward_id, surname, forenames, description, party=party,
                                   colour=colour, actor=actor)

    @operation("set-up", "changing a candidate")
    def update_candidate(self, candidate_id: int, *, surname: str | None = None,
                         forenames: str | None = None, description: str | None = None,
                         party: str | None = None, colour: str | None = None,
                         actor: str | None = None, party_id: str | None = None,
                         commonly_used_forenames: str | None = None,
                         commonly_used_surname: str | None = None,
                         ballot_position: str | int | None = None) -> CandidateInfo:
        """The ballot-paper details: None leaves one as it is, "" clears it."""
        ballot = {"party_id": party_id, "commonly_used_forenames": commonly_used_forenames,
                  "commonly_used_surname": commonly_used_surname, "ballot_position": ballot_position}
        return setup.update_candidate(self.store, candidate_id, surname=surname, forenames=forenames,
                                      description=description, party=party, colour=colour, actor=actor,
                                      **ballot)

    @operation("set-up", "removing a candidate")
    def remove_candidate(self, candidate_id: int, actor: str | None = None) -> None:
        setup.remove_candidate(self.store, candidate_id, actor)

    @operation("set-up", "unlocking a ward's candidate list", passphrase="always")
    def unlock_candidates(self, ward_id: int, reason: str, actor: str,
                    passphrase: str | None = None) -> WardInfo:
        return setup.unlock_candidates(self, ward_id, reason, actor)

    @operation("set-up", "locking a ward's candidate list")
    def lock_candidates(self, ward_id: int, actor: str | None = None,
                        reason: str | None = None) -> WardInfo:
        return setup.lock_candidates(self.store, ward_id, actor, reason)

    @operation("set-up", "importing the statement of persons nominated")
    def import_nominations(self, csv_bytes: bytes, actor: str | None = None) -> NominationsImport:
        return nominations.import_nominations(self.store, csv_bytes, actor)

    @operation("set-up", "recording the verification")
    def set_verification(self, ward_id: int, boxes: Sequence[BoxRow | VerificationBox],
                         actor: str | None = None) -> VerificationSummary:
        return verification.set_verification(self.store, ward_id, boxes, actor)

    @operation("set-up", "recording a ballot box's account")
    def record_box(self, ward: str | int, label: str, *, postal: bool = False,
                   issued: int | str | None = None, counted: int | str | None = None,
                   unused: int | str | None = None, spoilt: int | str | None = None,
                   tendered: int | str | None = None, actor: str | None = None
                   ) -> VerificationSummary:
        """Record (or replace) one ballot box's or postal batch's ballot paper account and
        the papers counted at verification."""
        return verification.record_box(self.store, self.ward(ward).id, label, postal=postal,
                                       issued=issued, counted=counted, unused=unused,
                                       spoilt=spoilt, tendered=tendered, actor=actor)

    def verification(self, ward_id: int) -> VerificationSummary:
        return verification.verification(self.store, ward_id)

    @operation("set-up", "explaining the verification variance")
    def explain_variance(self, ward_id: int, explanation: str,
                         by: str | None = None) -> VerificationSummary:
        return verification.explain_variance(self.store, ward_id, explanation, by)
