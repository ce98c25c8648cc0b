"""The election file (``countdesk-election/1``): checking and reading it.

Works on already-parsed JSON (dicts and lists); the caller reads the file.
Anything malformed raises :class:`ElectionFileError` with a one-line reason
that says where in the file the problem is.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from countdesk.core.ballot import fold, lookalike, positions_problem
from countdesk.core.law import clean_jurisdiction, clean_languages
from countdesk.core.model import REJECTED_FIELDS, REJECTED_HEADS, Candidate
from countdesk.core.parties import PartyIdError, clean_party_id
from countdesk.core.validation import FigureError, parse_figure

FORMAT = "countdesk-election/1"
MAX_NAME = 200

TOP_KEYS = {"format", "authority", "title", "poll_date", "returning_officer", "double_entry",
            "previous_seats", "wards", "notes", "jurisdiction", "languages"}
WARD_KEYS = {"name", "name_cy", "seats", "electorate", "ballot_papers_verified", "ballot_papers_counted",
             "rejected", "candidates", "terms"}
CANDIDATE_KEYS = {"surname", "forenames", "description", "party", "votes", "lot_winner",
                  "party_id", "commonly_used_forenames", "commonly_used_surname",
                  "ballot_position", "address"}
MAX_ADDRESS = 300
TERM_KEYS = {"years", "seats"}


class ElectionFileError(ValueError):
    pass


@dataclass(frozen=True)
class CandidateSpec:
    surname: str
    forenames: str
    description: str
    party: str
    votes: int | None = None
    lot_winner: bool = False
    party_id: str | None = None
    commonly_used_forenames: str = ""
    commonly_used_surname: str = ""
    ballot_position: int | None = None
    address: str = ""

    def candidate(self, cid: int = 0) -> Candidate:
        return Candidate(cid, self.surname, self.forenames, self.description, self.party,
                         self.party_id, self.commonly_used_forenames,
                         self.commonly_used_surname, self.ballot_position, self.address)


@dataclass(frozen=True)
class WardSpec:
    name: str
    seats: int
    candidates: tuple[CandidateSpec, ...]
    electorate: int | None = None
    ballot_papers_verified: int | None = None
    ballot_papers_counted: int | None = None
    rejected: dict[str, int] | None = None
    #: rejections objected to (``rejected.objected`` in the file); None when not given
    objected: int | None = None
    #: terms of office, longest first: ((years, seats), ...); empty: one term for all
    terms: tuple[tuple[int, int], ...] = ()
    #: the ward's Welsh name beside ``name`` (None: one name)
    name_cy: str | None = None

    @property
    def counted(self) -> bool:
        return any(c.votes is not None for c in self.candidates)


@dataclass(frozen=True)
class ElectionSpec:
    authority: str
    title: str
    poll_date: str
    returning_officer: str | None
    double_entry: bool
    wards: tuple[WardSpec, ...]
    previous_seats: dict[str, int] = field(default_factory=dict)
    jurisdiction: str = "england"
    languages: tuple[str, ...] = ("en",)


def clean_text(value: object, where: str, *, required: bool = True, max_len: int = MAX_NAME) -> str:
    """A name or description: NFC, trimmed, one line, no control characters."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ElectionFileError(f"{where} must be text, not {_kind(value)}")
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise ElectionFileError(f"{where} is empty")
    if len(text) > max_len:
        raise ElectionFileError(f"{where} is {len(text)} characters long; the limit is {max_len}")
    if text.isprintable():  # no control, invisible, surrogate or unassigned character: the usual case
        return text
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\u200d":
            raise ElectionFileError(
                f"{where} contains a control or invisible character (U+{ord(ch):04X})")
        if unicodedata.category(ch) == "Cs" or _noncharacter(ch):
            raise ElectionFileError(
                f"{where} contains U+{ord(ch):04X}, which is not a character that can be printed or "
                "exchanged (a broken copy and paste?); type it again")
    return text


def _noncharacter(ch: str) -> bool:
    """Unicode's noncharacters (U+FDD0–U+FDEF and the last two of every plane): never text,
    and not allowed in XML (the EML exports)."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _count(value: object, where: str) -> int:
    try:
        if isinstance(value, str):
            raise FigureError("E108", f"{where} must be a number, not text ({value!r})")
        return parse_figure(value, where)
    except FigureError as exc:
        raise ElectionFileError(exc.message) from None


def _unknown(obj: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(obj) - allowed)
    if extra:
        raise ElectionFileError(f"{where}: unknown field {extra[0]!r} (allowed: "
                                + ", ".join(sorted(allowed)) + ")")


def parse_election(data: object) -> ElectionSpec:
    if not isinstance(data, dict):
        raise ElectionFileError(f"the file must hold a JSON object, not {_kind(data)}")
    if data.get("format") != FORMAT:
        raise ElectionFileError(f"\"format\" must be {FORMAT!r} (got {data.get('format')!r})")
    _unknown(data, TOP_KEYS, "the election")
    authority = clean_text(data.get("authority"), "\"authority\"")
    title = clean_text(data.get("title"), "\"title\"")
    poll_date = data.get("poll_date")
    if not isinstance(poll_date, str):
        raise ElectionFileError("\"poll_date\" must be a date like \"2018-05-03\"")
    try:
        datetime.date.fromisoformat(poll_date)
        if len(poll_date) != 10:
            raise ValueError
    except ValueError:
        raise ElectionFileError(f"\"poll_date\" {poll_date!r} is not a date like \"2018-05-03\"") from None
    ro = data.get("returning_officer")
    returning_officer = clean_text(ro, "\"returning_officer\"") if ro is not None else None
    double_entry = data.get("double_entry", True)
    if not isinstance(double_entry, bool):
        raise ElectionFileError("\"double_entry\" must be true or false")
    previous = data.get("previous_seats", {})
    if not isinstance(previous, dict):
        raise ElectionFileError("\"previous_seats\" must be an object of party: seats")
    previous_seats = {clean_text(k, "a party in \"previous_seats\""):
                      _count(v, f"previous seats for {k!r}") for k, v in previous.items()}
    try:
        jurisdiction = clean_jurisdiction(data.get("jurisdiction"))
        languages = clean_languages(data.get("languages"))
    except ValueError as exc:
        raise ElectionFileError(str(exc)) from None
    wards_raw = data.get("wards")
    if not isinstance(wards_raw, list) or not wards_raw:
        raise ElectionFileError("\"wards\" must be a non-empty list")
    wards: list[WardSpec] = []
    seen: dict[str, str] = {}
    for i, w in enumerate(wards_raw, 1):
        ward = _parse_ward(w, i)
        key = fold(ward.name)
        if key in seen:
            raise ElectionFileError(f"ward {i} {ward.name!r} repeats ward {seen[key]!r}")
        seen[key] = ward.name
        wards.append(ward)
    return ElectionSpec(authority=authority, title=title, poll_date=poll_date,
                        returning_officer=returning_officer, double_entry=double_entry,
                        wards=tuple(wards), previous_seats=previous_seats,
                        jurisdiction=jurisdiction, languages=languages)


def _parse_ward(w: object, i: int) -> WardSpec:
    where = f"ward {i}"
    if not isinstance(w, dict):
        raise ElectionFileError(f"{where} must be an object, not {_kind(w)}")
    name = clean_text(w.get("name"), f"{where}: \"name\"")
    where = f"ward {i} ({name})"
    _unknown(w, WARD_KEYS, where)
    name_cy = clean_text(w.get("name_cy"), f"{where}: \"name_cy\"", required=False) or None
    if "seats" not in w:
        raise ElectionFileError(f"{where}: \"seats\" is missing")
    seats = _count(w["seats"], f"{where}: seats")
    if seats < 1:
        raise ElectionFileError(f"{where}: seats must be at least 1 (got {seats})")
    electorate = _count(w["electorate"], f"{where}: electorate") if w.get("electorate") is not None else None
    verified = (_count(w["ballot_papers_verified"], f"{where}: ballot_papers_verified")
                if w.get("ballot_papers_verified") is not None else None)
    counted = (_count(w["ballot_papers_counted"], f"{where}: ballot_papers_counted")
               if w.get("ballot_papers_counted") is not None else None)
    if electorate is not None:
        for label, n in (("ballot papers verified", verified), ("ballot papers counted", counted)):
            if n is not None and n > electorate:
                raise ElectionFileError(f"{where}: {label} ({n:,}) exceed the electorate ({electorate:,})")
    rejected: dict[str, int] | None = None
    objected: int | None = None
    if w.get("rejected") is not None:
        rj = w["rejected"]
        if not isinstance(rj, dict):
            raise ElectionFileError(f"{where}: \"rejected\" must be an object of head: number")
        _unknown(rj, {*REJECTED_FIELDS, "objected"}, f"{where}: rejected")
        rejected = {h: _count(rj.get(h, 0), f"{where}: rejected {h}") for h in REJECTED_FIELDS}
        if rj.get("objected") is not None:
            objected = _count(rj["objected"], f"{where}: rejected objected")
            heads = sum(rejected[h] for h in REJECTED_HEADS)
            if objected > heads:
                raise ElectionFileError(f"{where}: E113 {objected:,} rejections objected to, but only "
                                        f"{heads:,} papers rejected under the heads (a)-(d)")
    cands_raw = w.get("candidates")
    if not isinstance(cands_raw, list) or not cands_raw:
        raise ElectionFileError(f"{where}: \"candidates\" must be a non-empty list")
    cands = tuple(_parse_candidate(c, where, j) for j, c in enumerate(cands_raw, 1))
    problem = positions_problem([c.candidate(j) for j, c in enumerate(cands)])
    if problem:
        raise ElectionFileError(f"{where}: {problem}")
    terms = parse_terms(w.get("terms"), seats, where)
    # Fewer candidates than seats: all are returned unopposed and the other seats stay
    # unfilled until a further election (the result says how many).
    seen: dict[tuple[str, str, str], Candidate] = {}  # one pass: a ward of 10,000 stays quick
    for c in cands:
        person = Candidate(0, c.surname, c.forenames, c.description, c.party)
        key = (lookalike(c.surname), lookalike(c.forenames), lookalike(c.description))
        first = seen.setdefault(key, person)
        if first is not person:
            also = "" if first.ballot_name == person.ballot_name else (
                f" (also as {person.ballot_name}, which looks the same)")
            raise ElectionFileError(f"{where}: candidate {first.ballot_name} ({c.description}) "
                                    f"is listed twice{also}")
    with_votes = [c for c in cands if c.votes is not None]
    if with_votes and len(with_votes) != len(cands):
        missing = next(c for c in cands if c.votes is None)
        raise ElectionFileError(f"{where}: some candidates have votes but {missing.surname.upper()}, "
                                f"{missing.forenames} has none; give all or none")
    if with_votes and len(cands) <= seats:
        raise ElectionFileError(f"{where}: uncontested ({len(cands)} candidates for {seats} seats) "
                                "but votes are given")
    if with_votes and counted is None and seats > 1:
        raise ElectionFileError(f"{where}: E114 votes are given but not ballot_papers_counted; a ward "
                                f"electing {seats} councillors needs the ballot papers counted "
                                "(the verified total is not a count)")
    if with_votes and counted is None and verified is None:
        raise ElectionFileError(f"{where}: votes are given but neither ballot_papers_counted "
                                "nor ballot_papers_verified")
    lot_winners = [c for c in cands if c.lot_winner]
    if lot_winners and not with_votes:
        raise ElectionFileError(f"{where}: a lot winner is marked but no votes are given")
    return WardSpec(name=name, seats=seats, candidates=cands, electorate=electorate,
                    ballot_papers_verified=verified, ballot_papers_counted=counted,
                    rejected=rejected, objected=objected, terms=terms, name_cy=name_cy)


def parse_terms(raw: object, seats: int, where: str) -> tuple[tuple[int, int], ...]:
    """``terms``: a list of ``{"years": Y, "seats": N}`` whose seats add up to the ward's
    and whose years differ; returned longest term first. None or absent: no terms."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise ElectionFileError(f"{where}: \"terms\" must be a list of {{\"years\": Y, "
                                "\"seats\": N}")
    terms: list[tuple[int, int]] = []
    for k, t in enumerate(raw, 1):
        if not isinstance(t, dict):
            raise ElectionFileError(f"{where}: term {k} must be an object, not {_kind(t)}")
        _unknown(t, TERM_KEYS, f"{where}: term {k}")
        if "years" not in t or "seats" not in t:
            raise ElectionFileError(f"{where}: term {k} needs \"years\" and \"seats\"")
        years = _count(t["years"], f"{where}: term {k} years")
        n = _count(t["seats"], f"{where}: term {k} seats")
        if years < 1 or n < 1:
            raise ElectionFileError(f"{where}: term {k} must have at least 1 year and 1 seat")
        terms.append((years, n))
    if len({y for y, _ in terms}) != len(terms):
        raise ElectionFileError(f"{where}: two terms have the same length; give each length "
                                "once with its seats")
    total = sum(n for _, n in terms)
    if total != seats:
        raise ElectionFileError(f"{where}: the terms' seats add up to {total}, but the ward "
                                f"elects {seats}")
    return tuple(sorted(terms, reverse=True))


def _parse_candidate(c: object, ward_where: str, j: int) -> CandidateSpec:
    where = f"{ward_where}, candidate {j}"
    if not isinstance(c, dict):
        raise ElectionFileError(f"{where} must be an object, not {_kind(c)}")
    _unknown(c, CANDIDATE_KEYS, where)
    surname = clean_text(c.get("surname"), f"{where}: \"surname\"")
    forenames = clean_text(c.get("forenames"), f"{where}: \"forenames\"", required=False)
    description = clean_text(c.get("description"), f"{where}: \"description\"", required=False)
    party = clean_text(c.get("party"), f"{where}: \"party\"", required=False) or description
    if not party:
        party = "Independent"
    votes = _count(c["votes"], f"{where} ({surname}): votes") if c.get("votes") is not None else None
    lot_winner = c.get("lot_winner", False)
    if not isinstance(lot_winner, bool):
        raise ElectionFileError(f"{where}: \"lot_winner\" must be true or false")
    try:
        party_id = clean_party_id(clean_text(c.get("party_id"), f"{where}: \"party_id\"",
                                             required=False))
    except PartyIdError as exc:
        raise ElectionFileError(f"{where}: party_id {exc}") from None
    cu_fore = clean_text(c.get("commonly_used_forenames"), f"{where}: \"commonly_used_forenames\"",
                         required=False)
    cu_sur = clean_text(c.get("commonly_used_surname"), f"{where}: \"commonly_used_surname\"",
                        required=False)
    position = (_count(c["ballot_position"], f"{where} ({surname}): ballot_position")
                if c.get("ballot_position") is not None else None)
    address = clean_text(c.get("address"), f"{where}: \"address\"", required=False,
                         max_len=MAX_ADDRESS)
    return CandidateSpec(surname=surname, forenames=forenames, description=description,
                         party=party, votes=votes, lot_winner=lot_winner, party_id=party_id,
                         commonly_used_forenames=cu_fore, commonly_used_surname=cu_sur,
                         ballot_position=position, address=address)
