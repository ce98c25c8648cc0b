"""The council summary: who controls the council, seats and votes by party.

Pure Python, like the rest of the core: it is handed each ward's
:class:`~countdesk.core.result.WardResult` (and the order in which wards were
declared) and the seats each party held before the election, and answers the
questions the press asks on the night.

The rules
---------
- **Seats** count only from *declared* wards (a ward whose status is
  ``declared``; an uncontested ward counts once its declaration of persons
  elected unopposed is made). Each elected candidate gives one seat to their
  party.
- **Parties** are registered parties first: candidates with the same
  ``party_id`` are one party, shown under its registered name, and a candidate
  without an id whose description says "Independent" or "Annibynnol" is
  Independent (:mod:`countdesk.core.parties`). Then parties are grouped by their
  adjective (below), so "Labour" and "Labour Party", or "Liberal Democrats" in
  the election file's ``previous_seats`` and "Liberal Democrat" on a nomination,
  are one party. Independents are grouped as one ("Independent"), as the press
  does.
- **Majority**: more than half of all the council's seats (``seats_total // 2 +
  1``): 28 of 54.
- **Change** is the party's seats now less the seats it held before (from
  ``previous_seats``); ``None`` when no previous holdings are known. It is final
  only once every ward is declared.
- **Control is decided** as soon as a party has a majority from declared wards
  alone, or when no party can still reach one: for each party, its seats plus
  the most it could still win (in each ward not yet declared, the smaller of
  the ward's seats and the party's candidates there) is below the majority.
  Both only ever become true as more wards are declared, so a decided outcome
  never changes. ``control_decided_after`` names the ward, in declaration
  order, whose declaration decided it.
- **Control outcome**, in the words the press uses, comparing the council's
  control now with the control before the election (a party holding more than
  half of the previous seats, else no overall control):

  ============================  ==========================================
  before → after                 words
  ============================  ==========================================
  party A → party A              "Liberal Democrat hold"
  no overall control → party A   "Conservative gain from No overall control"
  party B → party A              "Labour gain from Conservative"
  party B → no overall control   "Conservative lose to No overall control"
  no overall control → none      "No overall control"
  unknown → party A              "Green win" (no previous holdings given)
  ============================  ==========================================

- **Votes** per party are the votes counted for its candidates in declared
  wards (the extra vote given to the winner of a drawing of lots is not a vote
  cast, so it is not added).
- **Turnout** = ballot papers counted / electorate, over the declared wards
  that had a poll and know both figures, to two decimals.

Party names and their adjectives
--------------------------------
:data:`PARTY_ADJECTIVES` maps common party names (compared ignoring case,
accents, "The", punctuation and a trailing "Party") to the adjective used in
"… hold" / "… gain": "Liberal Democrats" → "Liberal Democrat", "Conservative
and Unionist Party" → "Conservative", "Labour and Co-operative Party" →
"Labour", "Green Party" → "Green", "UK Independence Party" → "UKIP", "Scottish
National Party" → "SNP", "Independent"/"Independents" → "Independent". Any
other name is used as it is, less a leading "The" and a trailing "Party"
("Sutton Residents' Association" stays as it is).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from countdesk.core.model import Candidate, Status
from countdesk.core.parties import party_group, party_names
from countdesk.core.result import WardResult, turnout

NO_OVERALL_CONTROL = "No overall control"
INDEPENDENT = "Independent"

#: Normalised party name -> adjective for the control outcome (see :func:`party_key`).
PARTY_ADJECTIVES: Mapping[str, str] = {
    "liberal democrats": "Liberal Democrat",
    "liberal democrat": "Liberal Democrat",
    "lib dem": "Liberal Democrat",
    "lib dems": "Liberal Democrat",
    "liberal democrats focus team": "Liberal Democrat",
    "conservative": "Conservative",
    "conservatives": "Conservative",
    "conservative and unionist": "Conservative",
    "conservative candidate": "Conservative",
    "local conservatives": "Conservative",
    "labour": "Labour",
    "labour and co operative": "Labour",
    "labour co operative": "Labour",
    "labour and cooperative": "Labour",
    "green": "Green",
    "greens": "Green",
    "green of england and wales": "Green",
    "uk independence": "UKIP",
    "uk independence ukip": "UKIP",
    "ukip": "UKIP",
    "reform uk": "Reform UK",
    "plaid cymru": "Plaid Cymru",
    "plaid cymru the of wales": "Plaid Cymru",
    "scottish national": "SNP",
    "scottish national snp": "SNP",
    "snp": "SNP",
    "independent": INDEPENDENT,
    "independents": INDEPENDENT,
    "": INDEPENDENT,
}


@lru_cache(maxsize=4096)
def _normal(name: str) -> str:
    # cached: a summary asks for every candidate's party, and an election has few parties
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    words = [w for w in words if w != "party"]
    return " ".join(words)


@lru_cache(maxsize=4096)
def party_adjective(party: str) -> str:
    """The adjective for a party name: "Liberal Democrats" -> "Liberal Democrat"."""
    known = PARTY_ADJECTIVES.get(_normal(party))
    if known is not None:
        return known
    text = " ".join(party.split())
    if text.lower().startswith("the "):
        text = text[4:]
    if text.lower().endswith(" party"):
        text = text[:-6]
    return text.strip() or INDEPENDENT


@lru_cache(maxsize=4096)
def party_key(party: str) -> str:
    """Parties with the same key are one party in the summary."""
    return _normal(party_adjective(party))


@dataclass(frozen=True)
class WardEntry:
    """One ward as the summary sees it.

    ``declared_seq`` orders declared wards (smaller is earlier); ``declared_at``
    is the stored time of declaration, used when no sequence is known.
    """

    result: WardResult
    declared_seq: int | None = None
    declared_at: str | None = None

    @property
    def declared(self) -> bool:
        return self.result.status is Status.DECLARED


@dataclass(frozen=True)
class PartySeats:
    party: str  # as spelt on the nominations (or in previous_seats)
    adjective: str
    seats: int  # from declared wards
    previous: int | None  # None: no previous holdings known for the council
    change: int | None
    votes: int  # counted, in declared wards
    vote_share_pct: Decimal | None
    candidates: int  # standing, in every ward
    can_still_win: int  # at most, in wards not yet declared

    @property
    def most_possible(self) -> int:
        return self.seats + self.can_still_win


@dataclass(frozen=True)
class Councillor:
    ward: str
    surname: str
    forenames: str
    party: str
    unopposed: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.forenames} {self.surname}".strip()


@dataclass(frozen=True)
class CouncilSummary:
    seats_total: int
    seats_declared: int
    wards_total: int
    wards_declared: int
    majority: int
    parties: tuple[PartySeats, ...]  # most seats first
    controlling_party: str | None  # a party with a majority from declared wards
    previous_control: str | None  # a party, NO_OVERALL_CONTROL, or None (not known)
    control_decided: bool
    control: str | None  # the outcome in press words, once decided
    control_decided_after: str | None  # the ward whose declaration decided it
    control_decided_wards: int | None  # how many wards were declared by then
    turnout_pct: Decimal | None
    ballot_papers_counted: int  # over declared wards with a poll
    electorate: int  # of those same wards
    votes_total: int
    declared_order: tuple[str, ...]  # ward names, first declared first
    councillors: tuple[Councillor, ...]  # declared wards in ward order, by position

    @property
    def latest(self) -> str | None:
        return self.declared_order[-1] if self.declared_order else None

    @property
    def complete(self) -> bool:
        return self.wards_declared == self.wards_total

    def party(self, name: str) -> PartySeats:
        key = party_key(name)
        for p in self.parties:
            if party_key(p.party) == key:
                return p
        raise KeyError(name)

    def councillors_for(self, ward: str) -> tuple[Councillor, ...]:
        return tuple(c for c in self.councillors if c.ward == ward)


def majority_of(seats_total: int) -> int:
    """More than half of all seats."""
    return seats_total // 2 + 1


def previous_control(previous_seats: Mapping[str, int]) -> str | None:
    """Who controlled the council before: a party, NO_OVERALL_CONTROL, or None if not known."""
    total = sum(previous_seats.values())
    if total <= 0:
        return None
    held: dict[str, int] = {}
    names: dict[str, str] = {}
    for party, n in previous_seats.items():
        key = party_key(party)
        held[key] = held.get(key, 0) + n
        names.setdefault(key, party)
    need = majority_of(total)
    for key, n in held.items():
        if n >= need:
            return names[key]
    return NO_OVERALL_CONTROL


def control_words(now: str | None, before: str | None) -> str:
    """The outcome in press words. ``now``/``before``: a party, NO_OVERALL_CONTROL or None."""
    if now is None or now == NO_OVERALL_CONTROL:
        if before is None or before == NO_OVERALL_CONTROL:
            return NO_OVERALL_CONTROL
        return f"{party_adjective(before)} lose to {NO_OVERALL_CONTROL}"
    adj = party_adjective(now)
    if before is None:
        return f"{adj} win"
    if before == NO_OVERALL_CONTROL:
        return f"{adj} gain from {NO_OVERALL_CONTROL}"
    if party_key(before) == party_key(now):
        return f"{adj} hold"
    return f"{adj} gain from {party_adjective(before)}"


def _pct(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _declaration_order(entries: Sequence[WardEntry]) -> list[int]:
    """Indexes of the declared wards, first declared first."""
    declared = [i for i, e in enumerate(entries) if e.declared]
    return sorted(declared, key=lambda i: (
        entries[i].declared_seq is None,
        entries[i].declared_seq if entries[i].declared_seq is not None else 0,
        entries[i].declared_at or "", i))


def candidate_party_key(candidate: Candidate, names: Mapping[str, str]) -> str:
    """The summary's key of a candidate's party (``names``: :func:`party_names`)."""
    return party_key(party_group(candidate, names))


def _ward_counts(e: WardEntry, names: Mapping[str, str]
                 ) -> tuple[dict[str, int], dict[str, int]]:
    """(seats won by party key if declared, the most each party can win here if not)."""
    r = e.result
    won: dict[str, int] = {}
    for cid in r.elected:
        key = candidate_party_key(r.row(cid).candidate, names)
        won[key] = won.get(key, 0) + 1
    standing: dict[str, int] = {}
    for row in r.candidates:
        key = candidate_party_key(row.candidate, names)
        standing[key] = standing.get(key, 0) + 1
    return won, {key: min(n, r.seats) for key, n in standing.items()}


def _decided(seats: Mapping[str, int], still: Mapping[str, int], majority: int
             ) -> tuple[bool, str | None]:
    """(decided, key of the party with a majority or None)."""
    for key, n in seats.items():
        if n >= majority:
            return True, key
    keys = set(seats) | set(still)
    if all(seats.get(k, 0) + still.get(k, 0) < majority for k in keys):
        return True, None
    return False, None


def council_summary(entries: Sequence[WardEntry],
                    previous_seats: Mapping[str, int] | None = None) -> CouncilSummary:
    """The council summary from every ward of the election (in ward order)."""
    previous = dict(previous_seats or {})
    seats_total = sum(e.result.seats for e in entries)
    majority = majority_of(seats_total)
    order = _declaration_order(entries)
    declared = set(order)

    # Registered parties (party ids) are shown under their registered name.
    ids = party_names(row.candidate for e in entries for row in e.result.candidates)
    # Display names: the spelling most candidates use, else the previous-seats spelling.
    spellings: dict[str, dict[str, int]] = {}
    standing: dict[str, int] = {}
    for e in entries:
        for row in e.result.candidates:
            name = party_group(row.candidate, ids)
            key = party_key(name)
            spellings.setdefault(key, {})
            spellings[key][name] = spellings[key].get(name, 0) + 1
            standing[key] = standing.get(key, 0) + 1
    prev_by_key: dict[str, int] = {}
    for party, n in previous.items():
        key = party_key(party)
        prev_by_key[key] = prev_by_key.get(key, 0) + n
        spellings.setdefault(key, {}).setdefault(party, 0)
    names = {key: sorted(s.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
             for key, s in spellings.items()}

    counts = [_ward_counts(e, ids) for e in entries]
    seats: dict[str, int] = {}
    still: dict[str, int] = {}
    for i, (won, possible) in enumerate(counts):
        for key, n in (won if i in declared else possible).items():
            target = seats if i in declared else still
            target[key] = target.get(key, 0) + n
    votes: dict[str, int] = {}
    papers = electorate = 0
    councillors: list[Councillor] = []
    for i, e in enumerate(entries):
        if i not in declared:
            continue
        r = e.result
        for row in r.candidates:
            if row.votes is not None:
                key = candidate_party_key(row.candidate, ids)
                votes[key] = votes.get(key, 0) + row.votes
        contested = any(row.votes is not None for row in r.candidates)
        if contested and r.ballot_papers_counted is not None and r.electorate:
            papers += r.ballot_papers_counted
            electorate += r.electorate
        for cid in r.elected:
            c = r.row(cid).candidate
            councillors.append(Councillor(r.ward, c.surname, c.forenames, party_group(c, ids),
                                          unopposed=not contested))
    votes_total = sum(votes.values())
    known_previous = bool(previous) and sum(previous.values()) > 0
    parties = []
    for key, name in names.items():
        n = seats.get(key, 0)
        before = prev_by_key.get(key, 0) if known_previous else None
        parties.append(PartySeats(
            party=name, adjective=party_adjective(name), seats=n, previous=before,
            change=None if before is None else n - before, votes=votes.get(key, 0),
            vote_share_pct=_pct(votes.get(key, 0), votes_total), candidates=standing.get(key, 0),
            can_still_win=still.get(key, 0)))
    parties.sort(key=lambda p: (-p.seats, -p.votes, -(p.previous or 0), -p.most_possible,
                                p.party.casefold()))

    decided, winner_key = _decided(seats, still, majority)
    prev_control = previous_control(previous) if known_previous else None
    control = None
    decided_after = None
    decided_wards = None
    if decided:
        control = control_words(names[winner_key] if winner_key else NO_OVERALL_CONTROL, prev_control)
        # replay the declarations in order: the first point at which it was decided
        now_seats: dict[str, int] = {}
        now_still: dict[str, int] = {}
        for _won, possible in counts:
            for key, n in possible.items():
                now_still[key] = now_still.get(key, 0) + n
        if _decided(now_seats, now_still, majority)[0]:
            decided_wards = 0  # decided before any declaration (no party can reach a majority)
        else:
            for n_declared, i in enumerate(order, 1):
                won, possible = counts[i]
                for key, n in possible.items():
                    now_still[key] -= n
                for key, n in won.items():
                    now_seats[key] = now_seats.get(key, 0) + n
                if _decided(now_seats, now_still, majority)[0]:
                    decided_after = entries[i].result.ward
                    decided_wards = n_declared
                    break

    return CouncilSummary(
        seats_total=seats_total, seats_declared=sum(entries[i].result.seats for i in declared),
        wards_total=len(entries), wards_declared=len(declared), majority=majority,
        parties=tuple(parties), controlling_party=names[winner_key] if winner_key else None,
        previous_control=prev_control, control_decided=decided, control=control,
        control_decided_after=decided_after, control_decided_wards=decided_wards,
        turnout_pct=turnout(papers, electorate) if electorate else None,
        ballot_papers_counted=papers, electorate=electorate, votes_total=votes_total,
        declared_order=tuple(entries[i].result.ward for i in order),
        councillors=tuple(councillors))


def summary_dict(summary: CouncilSummary) -> dict[str, Any]:
    """Plain data for ``countdesk summary --json`` (and the summary sheet's digest)."""
    def num(d: Decimal | None) -> float | None:
        return None if d is None else float(d)

    return {
        "seats_total": summary.seats_total,
        "seats_declared": summary.seats_declared,
        "wards_declared": summary.wards_declared,
        "wards_total": summary.wards_total,
        "majority": summary.majority,
        "control": summary.control,
        "control_decided": summary.control_decided,
        "control_decided_after": summary.control_decided_after,
        "control_decided_wards": summary.control_decided_wards,
        "controlling_party": summary.controlling_party,
        "previous_control": summary.previous_control,
        "turnout_pct": num(summary.turnout_pct),
        "ballot_papers_counted": summary.ballot_papers_counted,
        "electorate": summary.electorate,
        "votes_total": summary.votes_total,
        "latest_declaration": summary.latest,
        "declared_order": list(summary.declared_order),
        "parties": [
            {"party": p.party, "adjective": p.adjective, "seats": p.seats, "change": p.change,
             "previous_seats": p.previous, "votes": p.votes, "vote_share_pct": num(p.vote_share_pct),
             "candidates": p.candidates, "can_still_win": p.can_still_win}
            for p in summary.parties
        ],
        "councillors": [
            {"ward": c.ward, "surname": c.surname, "forenames": c.forenames, "party": c.party,
             "unopposed": c.unopposed}
            for c in summary.councillors
        ],
    }

