"""The export formats, each built from a :class:`~countdesk.exports.gather.Snapshot` as bytes.

Which wards are in an export: declared wards only; with ``provisional``, also
every ward with a result not yet declared (status ``ready`` or
``lot_required``, and uncontested wards). Wards still being counted are never
exported with figures. Every figure comes from the core's result.

A ward whose poll was countermanded (status ``countermanded``: no count, no
declaration, a fresh poll later) is treated as not declared, in every export
and with or without ``provisional``: it has no rows in ``csv`` and ``dc-csv``
(the ballot has no result to report; that it was countermanded belongs to the
ballot's own record, not to a results file), no contest in ``nist`` and none
in the EML 510 or 520; the ``json`` election file lists it with its candidates
only, like any ward not exported.

- ``json``: the election file (``countdesk-election/1``) that ``countdesk
  import`` reads back to the same results. Every ward is in it (so that it is a
  whole election file); only the wards exported carry figures (votes, papers
  counted, rejected papers and lot winners), the others have their candidates
  only. A ward with seats left unfilled (fewer candidates stood than there are
  seats) also carries ``unfilled_seats``, the number of seats to be filled at a
  further election; the key is left out when every seat is filled.
- ``csv``: one row per candidate per ward (UTF-8 with a byte-order mark, so
  that spreadsheet programs show accented names rightly).
- ``dc-csv``: Democracy Club-shaped results, one row per candidate, UTF-8.
- ``nist``: NIST SP 1500-100 (version 2) election results report, JSON.
- ``eml``: OASIS EML 510 (count) and 520 (result), in :mod:`countdesk.exports.eml`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from countdesk import __version__
from countdesk.core import REJECTED_FIELDS, Candidate, Status
from countdesk.core.electionfile import FORMAT
from countdesk.core.parties import party_group, party_names
from countdesk.exports.gather import Snapshot, Ward
from countdesk.exports.ids import ballot_id, election_id, slugify

#: Statuses whose figures a provisional export carries (besides declared ones).
PROVISIONAL_STATUSES = (Status.READY, Status.LOT_REQUIRED, Status.UNCONTESTED)


def included(w: Ward, provisional: bool) -> bool:
    """Is this ward's result in an export? (Never a countermanded poll's.)"""
    if w.result.status is Status.COUNTERMANDED:
        return False
    if w.result.status is Status.DECLARED:
        return True
    return provisional and w.result.status in PROVISIONAL_STATUSES


def exported(snap: Snapshot, provisional: bool) -> list[Ward]:
    return [w for w in snap.wards if included(w, provisional)]


def contested(w: Ward) -> bool:
    return any(r.votes is not None for r in w.result.candidates)


def status_word(w: Ward) -> str:
    """``declared`` or ``provisional``."""
    return "declared" if w.result.status is Status.DECLARED else "provisional"


# -------------------------------------------------------------------- json
def election_file(snap: Snapshot, provisional: bool) -> dict[str, Any]:
    """The election file, with figures for the wards exported."""
    el = snap.election
    out: dict[str, Any] = {"format": FORMAT, "authority": el.authority, "title": el.title,
                           "poll_date": el.poll_date}
    if el.returning_officer:
        out["returning_officer"] = el.returning_officer
    out["double_entry"] = el.double_entry
    if el.previous_seats:
        out["previous_seats"] = dict(el.previous_seats)
    if el.jurisdiction != "england":
        out["jurisdiction"] = el.jurisdiction
    if tuple(el.languages) != ("en",):
        out["languages"] = list(el.languages)
    with_figures = [w.info.name for w in snap.wards if included(w, provisional) and contested(w)]
    out["notes"] = (f"Exported by countdesk {__version__}: figures for "
                    f"{len(with_figures)} ward(s), "
                    + ("declared and provisional" if provisional else "declared only") + ".")
    wards = []
    for w in snap.wards:
        r = w.result
        ward: dict[str, Any] = {"name": w.info.name, "seats": w.info.seats}
        if w.info.name_cy:
            ward["name_cy"] = w.info.name_cy
        if w.info.electorate is not None:
            ward["electorate"] = w.info.electorate
        if w.info.ballot_papers_verified is not None:
            ward["ballot_papers_verified"] = w.info.ballot_papers_verified
        if r.unfilled_seats > 0:
            ward["unfilled_seats"] = r.unfilled_seats
        figures = w.info.name in with_figures
        if figures:
            if r.papers_source == "counted" and r.ballot_papers_counted is not None:
                ward["ballot_papers_counted"] = r.ballot_papers_counted
            ward["rejected"] = {h: r.rejected.get(h, 0) for h in REJECTED_FIELDS}
            if r.objected:
                ward["rejected"]["objected"] = r.objected
        cands = []
        for row in r.candidates:
            c = row.candidate
            cand: dict[str, Any] = {"surname": c.surname, "forenames": c.forenames,
                                    "description": c.description, "party": c.party}
            cand.update(ballot_paper_keys(c))
            if c.address:  # the election file is the one export that carries an address
                cand["address"] = c.address
            if figures:
                cand["votes"] = row.votes
                if row.lot_winner:
                    cand["lot_winner"] = True
            cands.append(cand)
        ward["candidates"] = cands
        if w.info.terms:
            ward["terms"] = [{"years": y, "seats": n} for y, n in w.info.terms]
        wards.append(ward)
    out["wards"] = wards
    return out


def json_bytes(snap: Snapshot, provisional: bool) -> bytes:
    return (json.dumps(election_file(snap, provisional), ensure_ascii=False, indent=2) + "\n").encode()


def ballot_paper_keys(c: Candidate) -> dict[str, Any]:
    """The election file's optional candidate keys, only where given."""
    out: dict[str, Any] = {}
    if c.party_id:
        out["party_id"] = c.party_id
    if c.commonly_used_forenames:
        out["commonly_used_forenames"] = c.commonly_used_forenames
    if c.commonly_used_surname:
        out["commonly_used_surname"] = c.commonly_used_surname
    if c.ballot_position is not None:
        out["ballot_position"] = c.ballot_position
    return out


# --------------------------------------------------------------------- csv
CSV_COLUMNS = ("ward", "seats", "status", "surname", "other_names", "description", "party", "votes",
               "declared_votes", "position", "elected", "lot_winner", "party_id", "term")


def _yes(value: bool | None) -> str:
    return {True: "yes", False: "no", None: ""}[value]


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def csv_rows(snap: Snapshot, provisional: bool) -> Iterator[dict[str, str]]:
    for w in exported(snap, provisional):
        for row in w.result.candidates:
            c = row.candidate
            yield {"ward": w.info.name, "seats": str(w.info.seats), "status": status_word(w),
                   "surname": c.surname, "other_names": c.forenames, "description": c.description,
                   "party": c.party, "votes": _n(row.votes), "declared_votes": _n(row.declared_votes),
                   "position": _n(row.position), "elected": _yes(row.elected),
                   "lot_winner": _yes(row.lot_winner), "party_id": c.party_id or "",
                   "term": _n(w.result.terms.get(c.id))}


#: What a spreadsheet takes as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A text cell a spreadsheet will show as text: one that would start a formula
    (``=HYPERLINK(...)`` as a candidate's name, say) gets a leading apostrophe, as Excel and
    LibreOffice expect; figures are never changed (they are digits)."""
    if value and value.startswith(FORMULA_STARTS) and not _number(value):
        return "'" + value
    return value


def _number(value: str) -> bool:
    return value.lstrip("-+").replace(",", "").replace(".", "", 1).isdigit()


def _csv(columns: tuple[str, ...], rows: Iterator[dict[str, str]], bom: bool) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) if isinstance(v, str) else v for k, v in row.items()})
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")


def csv_bytes(snap: Snapshot, provisional: bool) -> bytes:
    return _csv(CSV_COLUMNS, csv_rows(snap, provisional), bom=True)


# ------------------------------------------------------------------ dc-csv
DC_COLUMNS = ("election_id", "ballot_paper_id", "post_label", "winner_count", "person_name",
              "party_name", "num_ballots", "elected", "rank", "tied_vote_winner",
              "num_turnout_reported", "turnout_percentage", "num_spoilt_ballots", "total_electorate",
              "uncontested", "status", "source", "party_id")


def _tf(value: bool | None) -> str:
    return {True: "true", False: "false", None: ""}[value]


def dc_rows(snap: Snapshot, provisional: bool, org: str) -> Iterator[dict[str, str]]:
    el = snap.election
    for w in exported(snap, provisional):
        r = w.result
        poll = contested(w)
        source = (f"Declaration of result of poll, {el.authority}" if status_word(w) == "declared"
                  else f"Provisional result (not yet declared), {el.authority}")
        turnout = "" if r.turnout_pct is None or not poll else str(r.turnout_pct)
        for row in r.candidates:
            c = row.candidate
            yield {
                "election_id": election_id(org, el.poll_date),
                "ballot_paper_id": ballot_id(org, w.info.name, el.poll_date),
                "post_label": w.info.name, "winner_count": str(w.info.seats),
                "person_name": c.display_name, "party_name": c.party,
                "num_ballots": _n(row.votes), "elected": _tf(row.elected),
                "rank": _n(row.position), "tied_vote_winner": _tf(row.lot_winner),
                "num_turnout_reported": _n(r.ballot_papers_counted) if poll else "",
                "turnout_percentage": turnout,
                "num_spoilt_ballots": _n(r.rejected.get("total")) if poll else "",
                "total_electorate": _n(r.electorate), "uncontested": _tf(not poll),
                "status": status_word(w), "source": source, "party_id": c.party_id or "",
            }


def dc_csv_bytes(snap: Snapshot, provisional: bool, org: str) -> bytes:
    return _csv(DC_COLUMNS, dc_rows(snap, provisional, org), bom=False)


# -------------------------------------------------------------------- nist
NIST_STATUS_CERTIFIED = "certified"


def _text(content: str) -> dict[str, Any]:
    return {"@type": "ElectionResults.InternationalizedText",
            "Text": [{"@type": "ElectionResults.LanguageString", "Content": content, "Language": "en"}]}


def nist_status(snap: Snapshot, wards: list[Ward]) -> str:
    """certified: every ward exported is declared; else unofficial-complete when every ward of
    the election is in, unofficial-partial when some are still being counted."""
    if all(w.result.status is Status.DECLARED for w in wards):
        return NIST_STATUS_CERTIFIED
    return "unofficial-complete" if len(wards) == len(snap.wards) else "unofficial-partial"


def nist_report(snap: Snapshot, provisional: bool, org: str, generated: str,
                colours: dict[str, str] | None = None) -> dict[str, Any]:
    el = snap.election
    wards = exported(snap, provisional)
    authority_id = f"ru-{slugify(org) or 'council'}"
    parties: dict[str, str] = {}
    party_list: list[dict[str, Any]] = []
    gp_units: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    ids = party_names(row.candidate for w in wards for row in w.result.candidates)
    contests: list[dict[str, Any]] = []
    for w in wards:
        r = w.result
        unit = f"ru-ward-{w.info.id}"
        poll = contested(w)
        gp: dict[str, Any] = {"@type": "ElectionResults.ReportingUnit", "@id": unit,
                              "Name": w.info.name, "Type": "ward"}
        if r.electorate is not None:
            gp["VotersRegistered"] = r.electorate
        if poll and r.ballot_papers_counted is not None:
            gp["VotersParticipated"] = r.ballot_papers_counted
        gp_units.append(gp)
        selections = []
        for row in r.candidates:
            c = row.candidate
            key = party_group(c, ids)
            if key not in parties:
                parties[key] = f"party-{len(parties) + 1}"
                party: dict[str, Any] = {"@type": "ElectionResults.Party", "@id": parties[key],
                                         "Name": _text(key)}
                if c.party_id:
                    party["ExternalIdentifier"] = [{
                        "@type": "ElectionResults.ExternalIdentifier", "Type": "other",
                        "OtherType": "electoral-commission-party-id", "Value": c.party_id}]
                colour = (colours or {}).get(key)
                if colour:
                    party["Color"] = colour.lstrip("#").lower()
                party_list.append(party)
            cand: dict[str, Any] = {"@type": "ElectionResults.Candidate", "@id": f"cand-{c.id}",
                                    "BallotName": _text(c.display_name), "PartyId": parties[key]}
            if row.elected:
                cand["PostElectionStatus"] = ("winner" if r.status is Status.DECLARED
                                              else "projected-winner")
            candidates.append(cand)
            sel: dict[str, Any] = {"@type": "ElectionResults.CandidateSelection",
                                   "@id": f"sel-{c.id}", "CandidateIds": [f"cand-{c.id}"]}
            if row.votes is not None:
                sel["VoteCounts"] = [{"@type": "ElectionResults.VoteCounts", "GpUnitId": unit,
                                      "Type": "total", "Count": row.votes}]
            selections.append(sel)
        contest: dict[str, Any] = {
            "@type": "ElectionResults.CandidateContest", "@id": f"contest-{w.info.id}",
            "Name": w.info.name, "ElectoralDistrictId": unit, "VotesAllowed": w.info.seats,
            "NumberElected": w.info.seats,
            "VoteVariation": "plurality" if w.info.seats == 1 else "n-of-m",
            "CountStatus": [{"@type": "ElectionResults.CountStatus", "Type": "total",
                             "Status": "in-process" if r.status is Status.LOT_REQUIRED
                             else "completed"}],
            "BallotSelection": selections,
        }
        if poll:
            contest["SummaryCounts"] = [{
                "@type": "ElectionResults.SummaryCounts", "GpUnitId": unit, "Type": "total",
                "BallotsCast": r.ballot_papers_counted or 0,
                "BallotsRejected": r.rejected.get("total", 0)}]
        contests.append(contest)
    gp_units.insert(0, {"@type": "ElectionResults.ReportingUnit", "@id": authority_id,
                        "Name": el.authority, "Type": "other", "OtherType": "local-authority",
                        "ComposingGpUnitIds": [g["@id"] for g in gp_units]})
    return {
        "@type": "ElectionResults.ElectionReport",
        "Format": "summary-contest",
        "GeneratedDate": generated,
        "Issuer": el.authority,
        "IssuerAbbreviation": org,
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": nist_status(snap, wards),
        "VendorApplicationId": f"countdesk {__version__}",
        "Notes": ("Declared results only." if not provisional else
                  "Includes provisional results not yet declared (candidates marked projected-winner)."),
        "Election": [{
            "@type": "ElectionResults.Election",
            "ElectionScopeId": authority_id,
            "Name": _text(el.title),
            "StartDate": el.poll_date,
            "EndDate": el.poll_date,
            "Type": "general",
            "Candidate": candidates,
            "Contest": contests,
        }],
        "GpUnit": gp_units,
        "Party": party_list,
    }


def nist_bytes(snap: Snapshot, provisional: bool, org: str, generated: str,
               colours: dict[str, str] | None = None) -> bytes:
    report = nist_report(snap, provisional, org, generated, colours)
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode()

