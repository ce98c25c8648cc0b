"""Render the Nonsuch declaration (demo election) to docs/screenshots/declaration-nonsuch.png.

    python tools/declaration_screenshot.py      # needs pdftoppm (Debian/Ubuntu: poppler-utils)

Works on a throw-away copy of the demo election: the lot is drawn for McDermott-Hill (as in
2018), W002 is acknowledged, the ward is declared, and the sheet is signed with a throw-away
key and checked. The picture shows the declaration as printed at 03:47 BST on Friday 4 May
2018 (a plausible hour of that count night) rather than the moment this script runs.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from countdesk.reports import api  # noqa: E402
from countdesk.reports.documents import declaration_pdf  # noqa: E402
from countdesk.reports.signing import keygen, sign_pdf, verify_pdf  # noqa: E402
from countdesk.store import Store  # noqa: E402
from countdesk.store.importer import import_into  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "declaration-nonsuch"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="countdesk-shot-"))
    db = tmp / "demo.db"
    import_into(db, ROOT / "seeds" / "demo-sutton-2018.json", actor="screenshot")
    with Store.open(db) as store:
        ward = store.ward("nonsuch")
        result = store.result(ward.id)
        winner = next(r.candidate.id for r in result.candidates
                      if r.candidate.surname == "McDermott-Hill")
        store.record_lot(ward.id, winner, "coin toss", ["Agent for Bourne"])
        store.acknowledge(ward.id, "W002", by="RO", explanation="checked")
        api.declare(store, ward.id)
        shown = dataclasses.replace(store.ward(ward.id), declared_at="2018-05-04T02:47:00Z")
        pdf = declaration_pdf(store.election(), shown, store.result(ward.id))
    key = keygen("A. N. Officer", tmp / "ro.p12", "throw-away")
    signed = sign_pdf(pdf, key.p12_path, "throw-away")
    assert verify_pdf(signed, key.cert_path).ok
    (tmp / "nonsuch.pdf").write_bytes(signed)
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(tmp / "nonsuch.pdf"), str(OUT)],
                   check=True)
    print(f"{OUT}.png (PDF kept in {tmp})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
