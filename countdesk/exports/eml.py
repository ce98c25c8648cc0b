"""OASIS Election Markup Language (EML v5) documents: 510 (count) and 520 (result).

Written with the standard library's ElementTree in the EML namespace
``urn:oasis:names:tc:evs:schema:eml`` (names in xNL,
``urn:oasis:names:tc:ciq:xsdschema:xNL:2.0``), following the published
structure of the two messages:

- **510** (count): ``EML[@Id=510]/Count/Election/Contests/Contest`` per ward,
  with ``ContestIdentifier`` (the ballot id) and ``TotalVotes``: one
  ``Selection`` per candidate (``Candidate`` and its ``ValidVotes``, the votes
  counted), then ``Cast`` (ballot papers counted), ``TotalCounted`` (valid
  ballot papers) and one ``RejectedVotes`` per head of rejected papers
  (``ReasonCode`` = the head: ``no_official_mark``, ``too_many_votes``,
  ``identifying_mark``, ``unmarked_or_void``). Uncontested wards had no count
  and are not in the 510.
- **520** (result): ``EML[@Id=520]/Result/Election/Contest`` per ward, one
  ``Selection`` per candidate with ``Ranking`` (position after any drawing of
  lots) and ``Elected`` (``yes``/``no``). A ward whose drawing of lots is still
  pending (only in a provisional export) has no result yet and is left out.

A countermanded poll had no count and has no result: it is in neither message.

No registry package ships the EML schemas, so the files are not validated
against the XSD here; the tests parse them back and check this structure.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from countdesk.core import REJECTED_HEADS
from countdesk.exports.formats import contested, exported
from countdesk.exports.gather import Snapshot, Ward
from countdesk.exports.ids import ballot_id, election_id

EML_NS = "urn:oasis:names:tc:evs:schema:eml"
XNL_NS = "urn:oasis:names:tc:ciq:xsdschema:xNL:2.0"
SCHEMA_VERSION = "5.0"

ET.register_namespace("", EML_NS)
ET.register_namespace("xnl", XNL_NS)


def _e(tag: str) -> str:
    return f"{{{EML_NS}}}{tag}"


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: characters it cannot (control characters, lone surrogates,
    U+FFFE/U+FFFF) are dropped, so the file always parses. Import refuses such names in words;
    this guards stores written by older versions."""
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, ns: str = EML_NS,
         **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: xml_text(v) for k, v in attrib.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _root(message: str, snap: Snapshot, org: str, issued: str | None) -> ET.Element:
    root = ET.Element(_e("EML"), {"Id": message, "SchemaVersion": SCHEMA_VERSION})
    _sub(root, "TransactionId", "1")
    if issued:
        _sub(root, "IssueDate", issued)
    ma = _sub(root, "ManagingAuthority")
    _sub(ma, "AuthorityIdentifier", snap.election.authority, Id=org)
    return root


def _election_identifier(parent: ET.Element, snap: Snapshot, org: str) -> None:
    ident = _sub(parent, "ElectionIdentifier", Id=election_id(org, snap.election.poll_date))
    _sub(ident, "ElectionName", snap.election.title)
    _sub(ident, "ElectionCategory", "Local")


def _contest_identifier(parent: ET.Element, w: Ward, snap: Snapshot, org: str) -> None:
    ident = _sub(parent, "ContestIdentifier", Id=ballot_id(org, w.info.name, snap.election.poll_date))
    _sub(ident, "ContestName", w.info.name)


def _candidate(parent: ET.Element, w: Ward, index: int) -> None:
    row = w.result.candidates[index]
    c = row.candidate
    cand = _sub(parent, "Candidate")
    ident = _sub(cand, "CandidateIdentifier", Id=str(c.id))
    _sub(ident, "CandidateName", c.display_name)
    full = _sub(cand, "CandidateFullName")
    person = _sub(full, "PersonName", ns=XNL_NS)
    if c.forenames:
        _sub(person, "FirstName", c.forenames, ns=XNL_NS)
    _sub(person, "LastName", c.surname, ns=XNL_NS)
    if c.party:
        aff = _sub(cand, "Affiliation")
        # the Electoral Commission's register id, where given, as the affiliation's Id
        aid = _sub(aff, "AffiliationIdentifier", **({"Id": c.party_id} if c.party_id else {}))
        _sub(aid, "RegisteredName", c.party)


def _bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def eml_510(snap: Snapshot, provisional: bool, org: str, issued: str | None = None) -> bytes:
    root = _root("510", snap, org, issued)
    count = _sub(root, "Count")
    _sub(count, "EventIdentifier", Id=election_id(org, snap.election.poll_date))
    election = _sub(count, "Election")
    _election_identifier(election, snap, org)
    contests = _sub(election, "Contests")
    for w in exported(snap, provisional):
        if not contested(w):
            continue
        r = w.result
        contest = _sub(contests, "Contest")
        _contest_identifier(contest, w, snap, org)
        total = _sub(contest, "TotalVotes")
        for i, row in enumerate(r.candidates):
            sel = _sub(total, "Selection")
            _candidate(sel, w, i)
            _sub(sel, "ValidVotes", str(row.votes or 0))
        _sub(total, "Cast", str(r.ballot_papers_counted or 0))
        _sub(total, "TotalCounted", str(r.valid_papers or 0))
        for head in REJECTED_HEADS:
            _sub(total, "RejectedVotes", str(r.rejected.get(head, 0)), ReasonCode=head)
    return _bytes(root)


def eml_520(snap: Snapshot, provisional: bool, org: str, issued: str | None = None) -> bytes:
    root = _root("520", snap, org, issued)
    result = _sub(root, "Result")
    election = _sub(result, "Election")
    _election_identifier(election, snap, org)
    for w in exported(snap, provisional):
        r = w.result
        if r.tie is not None:
            continue  # a drawing of lots is pending: no result yet
        contest = _sub(election, "Contest")
        _contest_identifier(contest, w, snap, org)
        for row in r.by_position() if contested(w) else r.candidates:
            sel = _sub(contest, "Selection")
            _candidate(sel, w, r.candidates.index(row))
            if row.position is not None:
                _sub(sel, "Ranking", str(row.position))
            _sub(sel, "Elected", "yes" if row.elected else "no")
    return _bytes(root)
