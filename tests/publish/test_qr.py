"""The declared result as a QR code: the compact form read back, and the code itself decoded
by a real reader (zbar's ``zbarimg``) and checked against the store."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from publish_steps import declared_demo

from countdesk.app import AppError, Desk
from countdesk.core import WardResult
from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.publish.qr import compact_result, parse_compact, qr_png
from countdesk.reports.digest import result_digest

ZBAR = shutil.which("zbarimg")
needs_zbar = pytest.mark.skipif(ZBAR is None, reason="zbarimg (Debian zbar-tools) is not installed: "
                                "the QR code cannot be decoded here (.ci/run installs it as root)")


def decode(png: bytes, tmp_path: Path) -> str:
    path = tmp_path / "code.png"
    path.write_bytes(png)
    out = subprocess.run([str(ZBAR), "--raw", "-q", str(path)], capture_output=True, check=True)
    return out.stdout.decode("utf-8").rstrip("\n")


def check_against_store(text: str, election: ElectionInfo, info: WardInfo, result: WardResult) -> None:
    code = parse_compact(text)
    assert (code.authority, code.poll_date, code.ward, code.seats) == (
        election.authority, election.poll_date, info.name, info.seats)
    assert code.digest == result_digest(election, info, result)
    assert code.declared_at == info.declared_at
    lot = {lot.winner_id for lot in result.lots}
    assert [(c.name, c.party, c.votes, c.elected, c.lot_winner) for c in code.candidates] == [
        (r.candidate.ballot_name, r.candidate.party, r.declared_votes, bool(r.elected),
         r.candidate.id in lot) for r in result.candidates]
    assert (code.rejected, code.papers, code.electorate) == (
        result.rejected["total"], result.ballot_papers_counted, result.electorate)


@needs_zbar
def test_the_code_of_every_declared_ward_decodes_to_the_store(demo_db: Path, tmp_path: Path) -> None:
    declared_demo(demo_db, ["Nonsuch", "Beddington North", "Cheam"])
    with Desk.open(demo_db, read_only=True) as desk:
        election = desk.election()
        for name in ("Nonsuch", "Beddington North", "Cheam"):
            ward, text = desk.result_code(name)
            info = desk.ward(name)
            decoded = decode(qr_png(text), tmp_path)
            assert decoded == text
            check_against_store(decoded, election, info, desk.result(info.id))
        # with no ward named: the latest declared
        assert desk.result_code()[0] == "Cheam"
    nonsuch = parse_compact(text if ward == "Nonsuch" else desk_code(demo_db, "Nonsuch"))
    lot = [c for c in nonsuch.candidates if c.lot_winner]
    assert [(c.name, c.votes, c.elected) for c in lot] == [("MCDERMOTT-HILL, James", 1406, True)]


def desk_code(db: Path, ward: str) -> str:
    with Desk.open(db, read_only=True) as desk:
        return desk.result_code(ward)[1]


def test_only_a_declared_result_has_a_code(demo_db: Path) -> None:
    with Desk.open(demo_db, read_only=True) as desk:
        with pytest.raises(AppError, match="no ward has been declared yet"):
            desk.result_code()
        with pytest.raises(AppError, match="Cheam has not been declared"):
            desk.result_code("Cheam")


def test_the_site_carries_each_declared_wards_code(demo_db: Path, tmp_path: Path) -> None:
    declared_demo(demo_db, ["Nonsuch"])
    with Desk.open(demo_db, read_only=True) as desk:
        desk.publish_site(tmp_path / "site")
        text = desk.result_code("Nonsuch")[1]
    page = (tmp_path / "site" / "wards" / "nonsuch.html").read_text(encoding="utf-8")
    assert '<svg viewBox=' in page and 'class="qr"' in page
    assert text.replace("&", "&amp;").replace("'", "&#39;") in page  # the text beside it
    assert 'class="qr"' not in (tmp_path / "site" / "wards" / "cheam.html").read_text(encoding="utf-8")


FIELD = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(FIELD, FIELD, st.lists(st.tuples(FIELD, FIELD, st.integers(0, 10**6) | st.none()), max_size=5))
def test_the_compact_form_reads_back_whatever_the_names(authority: str, ward: str,
                                                        cands: list[tuple[str, str, int | None]]) -> None:
    from countdesk.core import Candidate, Status
    from countdesk.core.result import CandidateResult

    election = ElectionInfo(authority, "t", "2026-05-07", None, True, {})
    info = WardInfo(1, 1, ward, 1, 100, None, True, "2026-05-08T01:00:00Z", "RO")
    rows = tuple(CandidateResult(Candidate(i, name, "", "", party), votes, votes, None, i == 0)
                 for i, (name, party, votes) in enumerate(cands))
    result = WardResult(ward, 1, Status.DECLARED, rows, (), None, None, None, None, {"total": 3},
                        100, None, None, (), (), (), ())
    back = parse_compact(compact_result(election, info, result, "ab" * 32))
    assert (back.authority, back.ward) == (authority, ward)
    assert [(c.name, c.party, c.votes, c.elected) for c in back.candidates] == [
        (Candidate(0, n, "", "", p).ballot_name, p, v, i == 0) for i, (n, p, v) in enumerate(cands)]
