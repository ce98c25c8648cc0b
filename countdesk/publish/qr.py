"""A declared result as a QR code, for one-way transfer off the count laptop (no network).

The compact form (``docs/publishing.md``) is UTF-8 text, one field a line::

    CDR/1
    A:London Borough of Sutton
    D:2018-05-03
    W:Nonsuch
    S:3
    C:ALDRIDGE, Fiona;Labour;455;
    C:MCDERMOTT-HILL, James;Conservative;1406;EL
    R:9
    P:3700
    E:8245
    T:2026-12-04T15:46:00Z
    H:<the result digest, 64 hex digits>

``A`` authority, ``D`` poll date, ``W`` ward, ``S`` seats, then one ``C`` line per candidate
in ballot order: name (SURNAME, other names), party (or description), the votes declared
(with the lot's extra vote, as the declaration prints them; empty when unopposed) and flags
(``E`` elected, ``L`` won a drawing of lots). ``R`` rejected papers, ``P`` ballot papers
counted, ``E`` electorate (each empty when not known), ``T`` when declared (UTC), ``H`` the
result digest, which ``countdesk verify`` and the declaration's footer carry. The code is
error correction level M, byte mode, UTF-8 declared by an ECI. Within a field
``%``, ``;`` and line breaks are written ``%25``, ``%3B``, ``%0A`` (and ``%0D``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from countdesk.core import WardResult
from countdesk.core.records import ElectionInfo, WardInfo

FORMAT = "CDR/1"
_ESCAPES = (("%", "%25"), (";", "%3B"), ("\n", "%0A"), ("\r", "%0D"))


def _esc(text: str) -> str:
    for raw, code in _ESCAPES:
        text = text.replace(raw, code)
    return text


def _unesc(text: str) -> str:
    for raw, code in reversed(_ESCAPES):
        text = text.replace(code, raw)
    return text


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def compact_result(election: ElectionInfo, ward: WardInfo, result: WardResult, digest: str) -> str:
    """The compact form of a declared ward's result."""
    lines = [FORMAT, f"A:{_esc(election.authority)}", f"D:{_esc(election.poll_date)}",
             f"W:{_esc(ward.name)}", f"S:{ward.seats}"]
    lot_winners = {lot.winner_id for lot in result.lots}
    for row in result.candidates:
        c = row.candidate
        flags = ("E" if row.elected else "") + ("L" if c.id in lot_winners else "")
        lines.append(f"C:{_esc(c.ballot_name)};{_esc(c.party or c.description)};"
                     f"{_n(row.declared_votes)};{flags}")
    contested = any(r.votes is not None for r in result.candidates)
    lines += [f"R:{_n(result.rejected.get('total')) if contested else ''}",
              f"P:{_n(result.ballot_papers_counted) if contested else ''}",
              f"E:{_n(result.electorate)}", f"T:{_esc(ward.declared_at or '')}", f"H:{digest}"]
    return "\n".join(lines)


@dataclass(frozen=True)
class CompactCandidate:
    name: str
    party: str
    votes: int | None
    elected: bool
    lot_winner: bool


@dataclass(frozen=True)
class CompactResult:
    authority: str
    poll_date: str
    ward: str
    seats: int
    candidates: tuple[CompactCandidate, ...]
    rejected: int | None
    papers: int | None
    electorate: int | None
    declared_at: str
    digest: str


def _int(text: str) -> int | None:
    return int(text) if text else None


def parse_compact(text: str) -> CompactResult:
    """Read the compact form back (what a receiving machine does); ValueError if it is not one."""
    lines = text.strip("\n").split("\n")
    if not lines or lines[0] != FORMAT:
        raise ValueError(f"not a countdesk result ({FORMAT})")
    fields: dict[str, str] = {}
    cands: list[CompactCandidate] = []
    for line in lines[1:]:
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"a line without a field: {line!r}")
        if key == "C":
            name, party, votes, flags = value.split(";")
            cands.append(CompactCandidate(_unesc(name), _unesc(party), _int(votes), "E" in flags,
                                          "L" in flags))
        else:
            fields[key] = value
    return CompactResult(_unesc(fields["A"]), _unesc(fields["D"]), _unesc(fields["W"]),
                         int(fields["S"]), tuple(cands), _int(fields["R"]), _int(fields["P"]),
                         _int(fields["E"]), _unesc(fields["T"]), fields["H"])


def _make(text: str) -> object:
    """The code: error correction M, UTF-8 in byte mode declared by an ECI (so that a reader
    never guesses another character set for accented names)."""
    import segno  # noqa: PLC0415

    return segno.make(text, error="m", micro=False, eci=True, encoding="utf-8")


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's modules (True: dark), with its quiet zone, for a screen to paint."""
    code: Any = _make(text)
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=4))


def qr_svg(text: str, scale: int = 3) -> str:
    """The QR code as inline SVG (no namespace, no XML declaration: for an HTML page)."""
    code: Any = _make(text)
    return str(code.svg_inline(scale=scale, border=4, title=None, svgclass="qr", lineclass=None,
                               omitsize=True))


def qr_png(text: str, scale: int = 6) -> bytes:
    import io  # noqa: PLC0415

    buf = io.BytesIO()
    code: Any = _make(text)
    code.save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()
