"""Publishing: the results site and press pack written into a folder, and the expected
times of declaration the returning officer gives for the press.

The site is rendered by :mod:`countdesk.publish` from what the desk already knows: the
snapshot every export reads (:func:`countdesk.app.gather.snapshot`), each declared ward's
result digest (the one printed on its declaration) and its declaration sheet, built (and
signed, when a signer is given) by :meth:`DocumentOps.declaration_bytes`, the one place
sheets are made. Nothing is computed a second time here. The folder is written whole
(:func:`countdesk.app.site_folder.write_folder`).
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from countdesk.app.base import DeskBase
from countdesk.app.errors import AppError
from countdesk.app.ops import operation
from countdesk.app.site_folder import FolderRefused, write_folder

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

    from countdesk.app.desk import Desk
    from countdesk.publish.model import SiteInput

#: "HH:MM", 24-hour clock, UK local time.
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Published:
    """What a publish wrote."""

    folder: Path
    files: int
    wards_declared: int
    wards_total: int
    signed: bool


def utc_now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_expected(text: str) -> str:
    """``"2:30"`` -> ``"02:30"``; a clear refusal for anything that is not a time of day."""
    m = _TIME.match(text.strip())
    if not m:
        raise AppError("A080", f"{text.strip()!r} is not a time of day: write it as HH:MM on the "
                       "24-hour clock, such as 02:30")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


class PublishOps(DeskBase):
    def expected_declarations(self) -> dict[int, str]:
        """Ward id -> the expected time of declaration the returning officer gave (HH:MM)."""
        try:
            rows = self.store.conn.execute(
                "SELECT id, expected_declaration FROM wards WHERE expected_declaration IS NOT NULL")
        except Exception:  # a store from before migration 0010 (opened read-only)
            return {}
        return {int(i): str(t) for i, t in rows}

    @operation("set-up", "record a ward's expected time of declaration")
    def set_expected_declaration(self, ward: str | int, at: str | None, *, by: str | None = None
                                 ) -> str | None:
        """Record (or, with ``at`` None or empty, clear) when the ward's declaration is expected,
        for the press pack. Not part of any result: allowed until the ward is declared."""
        info = self.ward(ward)
        value = parse_expected(at) if at and at.strip() else None
        if info.declared_at is not None:
            raise AppError("F001", f"{info.name} is already declared: its expected time no longer "
                           "applies")
        with self.transaction("set_expected_declaration", by, info.id,
                              {"expected_declaration": value}) as change:
            self.store.update(change, "wards", info.id, {"expected_declaration": value})
        return value

    def result_code(self, ward: str | int | None = None) -> tuple[str, str]:
        """(ward name, the compact form of its declared result for a QR code): the given ward,
        else the latest declared (:mod:`countdesk.publish.qr`)."""
        from countdesk.app.gather import declaration_sequence  # noqa: PLC0415
        from countdesk.publish.qr import compact_result  # noqa: PLC0415
        from countdesk.reports.digest import result_digest  # noqa: PLC0415

        if ward is None:
            seq = declaration_sequence(self.store)
            declared = [w for w in self.wards() if w.declared_at]
            if not declared:
                raise AppError("A042", "no ward has been declared yet: there is no result to show")
            info = max(declared, key=lambda w: (seq.get(w.id, 0), w.declared_at or ""))
        else:
            info = self.ward(ward)
            if info.declared_at is None:
                raise AppError("A042", f"{info.name} has not been declared: only a declared result "
                               "is shown as a code")
        result = self.result(info.id)
        election = self.election()
        return info.name, compact_result(election, info, result, result_digest(election, info, result))

    def site_input(self, *, signer: SimpleSigner | None = None, signature_image: str | None = None,
                   generated_at: str | None = None) -> SiteInput:
        """Everything the site shows, read once from the store."""
        from countdesk.app.gather import party_colours, snapshot  # noqa: PLC0415
        from countdesk.publish.model import SiteInput  # noqa: PLC0415
        from countdesk.reports.digest import result_digest  # noqa: PLC0415

        desk = cast("Desk", self)
        snap = snapshot(self.store)
        digests = {w.info.id: result_digest(snap.election, w.info, w.result)
                   for w in snap.wards if w.declared}
        sheets = {wid: desk.declaration_bytes(wid, signer=signer, signature_image=signature_image)
                  for wid in digests}
        languages = tuple(getattr(snap.election, "languages", ("en",)) or ("en",))
        welsh = None
        if "cy" in languages:
            from countdesk.reports.i18n import catalogue  # noqa: PLC0415

            welsh = dict(catalogue("cy"))
        return SiteInput(
            snapshot=snap, generated_at=generated_at or utc_now(), digests=digests,
            declarations=sheets, signed=signer is not None, colours=party_colours(self.store),
            timings=desk.timings(), expected=self.expected_declarations(),
            languages=languages, catalogue=welsh)

    def publish_site(self, folder: str | os.PathLike[str], *, signer: SimpleSigner | None = None,
                     signature_image: str | None = None) -> Published:
        """Write the results site and press pack into ``folder``, replacing a site published
        there before in one step."""
        from countdesk.publish.site import MARKER, build_site  # noqa: PLC0415

        inp = self.site_input(signer=signer, signature_image=signature_image)
        files = build_site(inp)
        if signer is not None:  # the results file signed, for the region and the press
            from countdesk.app.file_signature import sign_file  # noqa: PLC0415

            files["results.json.sig"] = sign_file(files["results.json"], "results.json", signer)
        try:
            target = write_folder(folder, files, MARKER)
        except FolderRefused as exc:
            raise AppError("A081", str(exc)) from None
        except OSError as exc:
            raise AppError("A081", f"the site could not be written to {folder}: "
                           f"{exc.strerror or exc}") from None
        s = inp.snapshot.summary
        return Published(target, len(files), s.wards_declared, s.wards_total, inp.signed)
