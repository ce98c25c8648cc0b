"""The region-wide night: several councils' exported results (each council's ``json``
export, from its own count laptop) read together into one view.

Each file is checked before it is read: a digest file beside it (``NAME.json.sha256``, as
``countdesk publish`` writes and ``sha256sum`` reads) must match, a signature beside it
(``NAME.json.sig``, written by ``publish`` with the returning officer's key) must check out
(:mod:`countdesk.app.file_signature`), and a file exported with results not yet declared is
refused. Each file is then imported, exactly as ``countdesk
import`` does, into a temporary store of its own, and the council's summary is the core's
(:func:`countdesk.app.gather.snapshot`): nothing of a result is worked out here. The wards a
declared-only export carries figures for were declared (and an uncontested ward's councillors
were returned unopposed), so the view counts them as declared.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from countdesk.app.errors import AppError
from countdesk.app.site_folder import FolderRefused, write_folder
from countdesk.core import Status
from countdesk.exports.gather import Snapshot

#: What a declared-only export says of itself (its ``notes``); a provisional one says
#: "declared and provisional".
DECLARED_ONLY = "declared only"


@dataclasses.dataclass(frozen=True)
class CouncilFile:
    path: Path
    snapshot: Snapshot
    #: "signed" (a signature beside it checked), "sha256" (a digest file matched) or "none"
    checked: str
    #: who signed it and the certificate's fingerprint (signed files)
    signer: str | None = None
    fingerprint: str | None = None


def _refuse(path: Path, why: str) -> AppError:
    return AppError("A082", f"{path.name}: {why}")


def check_digest(path: Path, raw: bytes) -> str:
    """Check ``NAME.sha256`` beside the file, if there is one."""
    side = path.with_name(path.name + ".sha256")
    if not side.is_file():
        return "none"
    try:
        want = side.read_text(encoding="utf-8").split()[0].lower()
    except (OSError, UnicodeDecodeError, IndexError):
        raise _refuse(path, f"its digest file {side.name} cannot be read") from None
    if hashlib.sha256(raw).hexdigest() != want:
        raise _refuse(path, f"the file does not match its digest ({side.name}): it was changed "
                      "after it was exported, or the copy is damaged; copy it again")
    return "sha256"


def check_signature(path: Path, raw: bytes, certs: Sequence[bytes]) -> tuple[str, str] | None:
    """Check ``NAME.sig`` beside the file, if there is one: (signer, fingerprint). With
    ``certs`` (DER certificates), every file must be signed by one of them."""
    from countdesk.app.file_signature import SignatureProblem, verify_file  # noqa: PLC0415

    side = path.with_name(path.name + ".sig")
    if not side.is_file():
        if certs:
            raise _refuse(path, f"is not signed (no {side.name} beside it), and --cert asks for "
                          "signed files")
        return None
    try:
        signed = verify_file(raw, side.read_bytes())
    except SignatureProblem as exc:
        raise _refuse(path, f"{side.name}: {exc}") from None
    except OSError as exc:
        raise _refuse(path, f"{side.name} cannot be read ({exc.strerror or exc})") from None
    if certs and signed.certificate not in certs:
        raise _refuse(path, f"is signed by {signed.signer} (certificate {signed.fingerprint[:23]}…), "
                      "whose certificate is not among those given with --cert")
    return signed.signer, signed.fingerprint


def read_council(path: str | os.PathLike[str], certs: Sequence[bytes] = ()) -> CouncilFile:
    from countdesk.app.desk import Desk  # noqa: PLC0415
    from countdesk.app.files import import_election_file  # noqa: PLC0415
    from countdesk.app.gather import snapshot  # noqa: PLC0415

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise _refuse(p, f"cannot be read ({exc.strerror or exc})") from None
    checked = check_digest(p, raw)
    signed = check_signature(p, raw, certs)
    if signed is not None:
        checked = "signed"
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise _refuse(p, "is not a countdesk json export (not JSON)") from None
    notes = data.get("notes", "") if isinstance(data, dict) else ""
    if not isinstance(notes, str) or DECLARED_ONLY not in notes:
        raise _refuse(p, "is not a declared-only json export of countdesk (export it with "
                      "`countdesk export --format json`, without --provisional)")
    with tempfile.TemporaryDirectory(prefix="countdesk-region-") as tmp:
        db = Path(tmp) / "council.db"
        try:
            import_election_file(db, p, actor="region")
        except AppError as exc:
            raise _refuse(p, str(exc)) from None
        with Desk.open(db, read_only=True) as desk:
            snap = snapshot(desk.store)
    return CouncilFile(p, declared_view(snap), checked, *(signed or (None, None)))


def declared_view(snap: Snapshot) -> Snapshot:
    """The exported wards as declared: a ward with a result (figures, lots applied; or
    uncontested) was declared in its council's store."""
    wards = []
    order = 0
    for w in snap.wards:
        if w.result.status in (Status.READY, Status.UNCONTESTED):
            order += 1
            result = dataclasses.replace(w.result, status=Status.DECLARED)
            info = dataclasses.replace(w.info, declared_at=w.info.declared_at or "exported")
            wards.append(dataclasses.replace(w, info=info, result=result, declared_seq=order))
        else:
            wards.append(w)
    return Snapshot(snap.election, tuple(wards))


def region_site(paths: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str],
                generated_at: str, certs: Sequence[bytes] = ()) -> tuple[Path, list[CouncilFile]]:
    """Read every council's file, then write the region's site and JSON into ``out``."""
    from countdesk.publish.region import MARKER, region_files  # noqa: PLC0415

    if not paths:
        raise AppError("A082", "give at least one council's json export")
    councils = [read_council(p, certs) for p in paths]
    names = [c.snapshot.election.authority for c in councils]
    if len(set(names)) != len(names):
        raise AppError("A082", "the same council is given twice: "
                       + ", ".join(sorted({n for n in names if names.count(n) > 1})))
    files = region_files([(c.path.name, c.snapshot, c.checked, c.signer, c.fingerprint)
                          for c in councils], generated_at)
    try:
        target = write_folder(out, files, MARKER)
    except FolderRefused as exc:
        raise AppError("A081", str(exc)) from None
    except OSError as exc:
        raise AppError("A081", f"the region could not be written to {out}: {exc.strerror or exc}") from None
    return target, councils
