"""Generate the countdesk demo election data files.

Run ``python3 seeds/make_seeds.py``.  Output paths are relative to this file,
so it can be run from any working directory.  It writes:

* ``seeds/demo-sutton-2018.json`` - London Borough of Sutton, 3 May 2018
  (real authority, wards, seat outcome and Nonsuch tie; invented figures).
* ``seeds/sample-ties.json`` - an invented borough exercising edge cases
  (three-way tie for two seats, uncontested ward, single-seat ward with
  non-ASCII names, ward not yet counted).

Generation is deterministic (``random.Random(2018)``) and every constraint the
files are meant to satisfy is re-checked by ``main()`` against the files as
written to disk.  Standard library only.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

SEED_DIR = Path(__file__).resolve().parent
SUTTON_PATH = SEED_DIR / "demo-sutton-2018.json"
SAMPLE_PATH = SEED_DIR / "sample-ties.json"

FORMAT = "countdesk-election/1"
RNG_SEED = 2018

LD = "Liberal Democrats"
CON = "Conservative"
LAB = "Labour"
GRN = "Green Party"
UKIP = "UKIP"
IND = "Independent"

DESCRIPTIONS: dict[str, str] = {
    LD: "Liberal Democrats",
    CON: "The Conservative Party Candidate",
    LAB: "Labour Party",
    GRN: "Green Party",
    UKIP: "UK Independence Party (UKIP)",
    IND: "Independent",
}

REJECTION_HEADS: tuple[str, ...] = (
    "no_official_mark",
    "too_many_votes",
    "identifying_mark",
    "unmarked_or_void",
)
REJECTED_KEYS: tuple[str, ...] = (*REJECTION_HEADS, "rejected_in_part")
CANDIDATE_KEYS: tuple[str, ...] = (
    "surname",
    "forenames",
    "description",
    "party",
    "votes",
)

# Ward name -> party that wins all three seats.  Nonsuch and Beddington North
# follow the real 2018 result; the rest is an illustrative allocation that
# reproduces the real borough-wide totals (LD 33, Con 18, Ind 3).
SUTTON_WARDS: tuple[tuple[str, str], ...] = (
    ("Beddington North", IND),
    ("Beddington South", LD),
    ("Belmont", CON),
    ("Carshalton Central", LD),
    ("Carshalton South and Clockhouse", CON),
    ("Cheam", CON),
    ("Nonsuch", CON),
    ("St Helier", LD),
    ("Stonecot", LD),
    ("Sutton Central", LD),
    ("Sutton North", LD),
    ("Sutton South", CON),
    ("Sutton West", LD),
    ("The Wrythe", LD),
    ("Wallington North", LD),
    ("Wallington South", LD),
    ("Wandle Valley", LD),
    ("Worcester Park", CON),
)
EXPECTED_SEATS: dict[str, int] = {LD: 33, CON: 18, IND: 3}
PREVIOUS_SEATS: dict[str, int] = {LD: 45, CON: 9}

NONSUCH = "Nonsuch"
NONSUCH_TIE_VOTES = 1405
NONSUCH_LOT_WINNER = ("McDermott-Hill", "James")
NONSUCH_LOT_LOSER = ("Bourne", "Samantha")
NONSUCH_ELECTORATE = 8245
NONSUCH_VERIFIED = 3700
NONSUCH_REJECTED: dict[str, int] = {
    "no_official_mark": 0,
    "too_many_votes": 3,
    "identifying_mark": 0,
    "unmarked_or_void": 6,
    "rejected_in_part": 2,
}
# (surname, forenames, party, votes).  Bourne and McDermott-Hill are the real
# tied candidates and 1405 each is the reported tie; everything else is
# invented.
NONSUCH_CANDIDATES: tuple[tuple[str, str, str, int], ...] = (
    ("Fairbrother", "Helen Margaret", CON, 1612),
    ("Lindqvist", "Peter", CON, 1568),
    ("McDermott-Hill", "James", CON, NONSUCH_TIE_VOTES),
    ("Bourne", "Samantha", LD, NONSUCH_TIE_VOTES),
    ("Raman", "Priya", LD, 1372),
    ("Gould", "Thomas Edward", LD, 1341),
    ("Aldridge", "Fiona", LAB, 455),
    ("Mensah", "Kwame", LAB, 428),
    ("Pearce", "Owen", LAB, 397),
    ("Hartley", "Zoë", GRN, 341),
    ("Crabtree", "Graham", UKIP, 118),
)

# fmt: off
FEMALE_FORENAMES: tuple[str, ...] = (
    "Aoife", "Amelia", "Anjali", "Bríd", "Caroline", "Catherine", "Charlotte",
    "Chloë", "Deborah", "Eilidh", "Elizabeth", "Ffion", "Frances", "Gillian",
    "Grace", "Hannah", "Harriet", "Imogen", "Jacqueline", "Joanna", "Judith",
    "Karen", "Katarzyna", "Lucy", "Margaret", "Marie-Claire", "Nadia",
    "Natasha", "Niamh", "Olivia", "Patricia", "Rachel", "Renée", "Rhiannon",
    "Ruth", "Sarah", "Shabnam", "Siân", "Siobhán", "Sophie", "Susan", "Tamsin",
    "Valerie", "Victoria", "Yasmin", "Zoë",
)
MALE_FORENAMES: tuple[str, ...] = (
    "Adam", "Alistair", "Andrew", "Anthony", "Benjamin", "Callum", "Christopher",
    "Ciarán", "Dafydd", "Daniel", "David", "Dominic", "Edward", "Emeka",
    "Gareth", "Geoffrey", "George", "Hamish", "Harjit", "Ian", "Imran", "Jack",
    "Jean-Paul", "John", "Jonathan", "Keith", "Kieran", "Malcolm", "Marcus",
    "Matthew", "Michael", "Mohammed", "Neil", "Nicholas", "Oliver", "Patrick",
    "Paul", "Raj", "Richard", "Robert", "Rory", "Samuel", "Seán", "Simon",
    "Stephen", "Stuart", "Tomasz", "William",
)
SURNAMES: tuple[str, ...] = (
    "Abbott", "Adeyemi", "Ahmed", "Ainsworth", "Akhtar", "Allsop", "Archer",
    "Ashworth", "Bailey", "Banerjee", "Barclay", "Barnes", "Bassett", "Beaumont",
    "Bellamy", "Bennett", "Birch", "Blackwood", "Bowen", "Bradshaw", "Brennan",
    "Brooks", "Buckley", "Burton", "Carmichael", "Chandler", "Chaudhry", "Chen",
    "Clarke", "Cole", "Collins", "Coulson", "Cunningham", "D'Souza", "Dawson",
    "Desai", "Donnelly", "Doyle", "Drummond", "Dunn", "Ellis", "Evans",
    "Farrell", "Fenwick", "Fernandes", "Fitzgerald", "Fletcher", "Forbes",
    "Foster", "Gallagher", "Garside", "Gibson", "Gill", "Goodwin", "Graham",
    "Greenwood", "Griffiths", "Hall", "Hammond", "Harding", "Hargreaves",
    "Hawkins", "Hayward", "Henderson", "Hughes", "Hussain", "Jackson",
    "Jenkins", "Johnson", "Jones-Parry", "Kaur", "Kavanagh", "Kennedy", "Khan",
    "Kowalczyk", "Lambert", "Lawson", "Lees", "Lloyd", "Lowe", "Macdonald",
    "Maddox", "Marsh", "Matthews", "McAllister", "McKenzie", "Mehta", "Miller",
    "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Nash", "Ní Bhriain",
    "Ní Mhurchú", "Newman", "Nguyen", "Norris", "Nowak", "O'Brien",
    "O'Connor", "O'Neill", "O'Sullivan", "Okafor", "Okonkwo", "Osei", "Owen",
    "Parker", "Parry", "Patel", "Payne", "Pemberton", "Phillips",
    "Price-Williams", "Quinn", "Rahman", "Reid", "Reynolds", "Richardson",
    "Roberts", "Robinson", "Rowe", "Russell", "Saunders", "Scott", "Shah",
    "Sharma", "Sheridan", "Singh", "Smith-Hughes", "Spencer", "Stewart",
    "Sullivan", "Tan", "Taylor", "Thompson", "Turner", "Vaughan", "Wade",
    "Walsh", "Ward", "Watkins", "Webb", "Whitaker", "Wilkinson", "Williams",
    "Winterbourne", "Wood", "Wright", "Yeung", "Young",
)
# fmt: on
# Irish patronymic surnames that only go with a female forename.
FEMALE_ONLY_SURNAMES: frozenset[str] = frozenset({"Ní Bhriain", "Ní Mhurchú"})
# Real people in the Nonsuch tie: never reuse their surnames elsewhere.
RESERVED_SURNAMES: frozenset[str] = frozenset({"Bourne", "McDermott-Hill"})

SUTTON_NOTES = (
    "Demo data for countdesk. REAL: the authority (London Borough of Sutton), "
    "the 18 ward names, three seats per ward (54 seats), the poll date "
    "(3 May 2018), the borough-wide outcome (Liberal Democrats 33, "
    "Conservative 18, Independent 3, all three Independents in Beddington "
    "North), the previous holdings (Liberal Democrats 45, Conservative 9), and "
    "the Nonsuch equality of votes for the third seat between James "
    "McDermott-Hill (Conservative) and Samantha Bourne (Liberal Democrats), "
    "which McDermott-Hill won by lot. The press report gave 205 votes each; "
    "the real ward totals were far higher, so the tie is kept here at an "
    "invented but plausible 1,405 each. INVENTED: the returning officer "
    "(A. N. Officer), every other candidate name, and every figure "
    "(electorates, ballot papers verified, rejected papers and votes). Which "
    "party won each ward other than Nonsuch and Beddington North is "
    "illustrative only (chosen to reproduce the real borough-wide totals), "
    "not the real ward-by-ward result. Generated by seeds/make_seeds.py with "
    "random seed 2018; regenerate rather than edit by hand."
)
SAMPLE_NOTES = (
    "Entirely invented test data for countdesk: the borough, returning "
    "officer, wards, candidates and figures are fictitious. Riverside (2 "
    "seats) has three candidates tied on 812 votes for the two seats. "
    "Millbrook (2 seats, 2 candidates) is uncontested, so there is no poll. "
    "Hillcrest (1 seat) has a clear winner and names with non-ASCII "
    "characters. Old Town (3 seats) has verified ballot papers but has not "
    "been counted yet. Generated by seeds/make_seeds.py; regenerate rather "
    "than edit by hand."
)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


class SeedCheckError(AssertionError):
    """A generated file breaks one of the constraints it must satisfy."""


def require(condition: bool, message: str) -> None:
    """Raise SeedCheckError with ``message`` unless ``condition`` holds."""
    if not condition:
        raise SeedCheckError(message)


def ballot_sort_key(candidate: dict[str, Any]) -> tuple[str, str]:
    """Alphabetical ballot-paper order: surname, then forenames, accent-blind."""

    def fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(ch for ch in decomposed if ch.isalpha() or ch == " ").casefold()

    return fold(candidate["surname"]), fold(candidate["forenames"])


def rejected_heads_total(rejected: dict[str, int]) -> int:
    """Papers rejected outright (excludes ``rejected_in_part``)."""
    return sum(rejected[key] for key in REJECTION_HEADS)


def valid_papers(ward: dict[str, Any]) -> int:
    """Valid ballot papers: verified minus the four wholly-rejected heads."""
    return int(ward["ballot_papers_verified"]) - rejected_heads_total(ward["rejected"])


def party_shares(candidates: list[dict[str, Any]]) -> dict[str, float]:
    """Each party's fraction of all votes cast in the ward."""
    totals: Counter[str] = Counter()
    for candidate in candidates:
        totals[candidate["party"]] += candidate["votes"]
    grand_total = sum(totals.values())
    return {party: votes / grand_total for party, votes in totals.items()}


def by_votes(candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Candidates in descending order of votes (stable for ties)."""
    return sorted(candidates, key=lambda c: c["votes"], reverse=True)


def make_candidate(
    surname: str, forenames: str, party: str, votes: int | None
) -> dict[str, Any]:
    """A candidate record; ``votes=None`` omits the key (not counted / no poll)."""
    candidate: dict[str, Any] = {
        "surname": surname,
        "forenames": forenames,
        "description": DESCRIPTIONS[party],
        "party": party,
    }
    if votes is not None:
        candidate["votes"] = votes
    return candidate


def dump_json(data: dict[str, Any]) -> str:
    """JSON text: 2-space indent, no ASCII escaping, trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------
# Sutton 2018 demo
# --------------------------------------------------------------------------


class NamePicker:
    """Draws invented names: unique surname per ward, unique full name overall."""

    def __init__(self, rng: random.Random, reserved: set[tuple[str, str]]) -> None:
        self.rng = rng
        self.used_full_names: set[tuple[str, str]] = set(reserved)

    def pick(self, ward_surnames: set[str]) -> tuple[str, str]:
        for _ in range(10_000):
            surname = self.rng.choice(SURNAMES)
            if surname in ward_surnames or surname in RESERVED_SURNAMES:
                continue
            female = surname in FEMALE_ONLY_SURNAMES or self.rng.random() < 0.5
            pool = FEMALE_FORENAMES if female else MALE_FORENAMES
            if self.rng.random() < 0.2:
                forenames = " ".join(self.rng.sample(pool, 2))
            else:
                forenames = self.rng.choice(pool)
            if (surname, forenames) in self.used_full_names:
                continue
            self.used_full_names.add((surname, forenames))
            ward_surnames.add(surname)
            return surname, forenames
        raise RuntimeError("name pool exhausted")


def draw_ward_figures(
    rng: random.Random, winner: str, parties: list[str]
) -> tuple[int, int, dict[str, int], list[tuple[str, int]]]:
    """One random draw of (electorate, verified, rejected, [(party, votes)])."""
    electorate = rng.randint(7600, 9400)
    verified = round(electorate * rng.uniform(0.35, 0.48))
    rejected = {
        "no_official_mark": rng.choice((0, 0, 0, 1, 2)),
        "too_many_votes": rng.randint(1, 7),
        "identifying_mark": rng.choice((0, 0, 0, 1)),
        "unmarked_or_void": rng.randint(2, 13),
        "rejected_in_part": rng.randint(0, 8),
    }
    valid = verified - rejected_heads_total(rejected)
    total_votes = valid * rng.uniform(2.64, 2.86)

    weights: dict[str, float] = {
        LAB: rng.uniform(0.12, 0.18),
        GRN: rng.uniform(0.04, 0.07),
    }
    if UKIP in parties:
        weights[UKIP] = rng.uniform(0.015, 0.035)
    if winner == IND:
        weights[IND] = rng.uniform(0.37, 0.43)
        weights[LD] = rng.uniform(0.19, 0.25)
        weights[CON] = rng.uniform(0.14, 0.19)
    else:
        runner_up = CON if winner == LD else LD
        weights[winner] = rng.uniform(0.37, 0.44)
        weights[runner_up] = rng.uniform(0.24, 0.32)
    scale = sum(weights.values())

    figures: list[tuple[str, int]] = []
    for party in parties:
        per_candidate = total_votes * weights[party] / scale / parties.count(party)
        figures.append((party, round(per_candidate * rng.uniform(0.94, 1.06))))
    return electorate, verified, rejected, figures


def make_sutton_ward(
    rng: random.Random,
    names: NamePicker,
    ward_name: str,
    winner: str,
    has_ukip: bool,
    labour_count: int,
) -> dict[str, Any]:
    """A generated (non-Nonsuch) ward satisfying every Sutton constraint."""
    parties = [LD] * 3 + [CON] * 3 + [LAB] * labour_count + [GRN]
    if has_ukip:
        parties.append(UKIP)
    if winner == IND:
        parties += [IND] * 3
    for _ in range(10_000):
        electorate, verified, rejected, figures = draw_ward_figures(
            rng, winner, parties
        )
        ward: dict[str, Any] = {
            "name": ward_name,
            "seats": 3,
            "electorate": electorate,
            "ballot_papers_verified": verified,
            "rejected": rejected,
            "candidates": [make_candidate("?", "?", p, v) for p, v in figures],
        }
        if not sutton_ward_problems(ward, winner):
            break
    else:
        raise RuntimeError(f"could not generate figures for {ward_name}")
    ward_surnames: set[str] = set()
    for candidate in ward["candidates"]:
        candidate["surname"], candidate["forenames"] = names.pick(ward_surnames)
    ward["candidates"].sort(key=ballot_sort_key)
    return ward


def make_nonsuch_ward() -> dict[str, Any]:
    """Nonsuch: fixed figures preserving the real McDermott-Hill/Bourne tie."""
    candidates = [make_candidate(s, f, p, v) for s, f, p, v in NONSUCH_CANDIDATES]
    candidates.sort(key=ballot_sort_key)
    return {
        "name": NONSUCH,
        "seats": 3,
        "electorate": NONSUCH_ELECTORATE,
        "ballot_papers_verified": NONSUCH_VERIFIED,
        "rejected": dict(NONSUCH_REJECTED),
        "candidates": candidates,
    }


def build_sutton(rng: random.Random) -> dict[str, Any]:
    """The whole Sutton 2018 demo election."""
    reserved = {(s, f) for s, f, _, _ in NONSUCH_CANDIDATES}
    names = NamePicker(rng, reserved)
    others = [name for name, _ in SUTTON_WARDS if name != NONSUCH]
    # UKIP stands in Nonsuch (fixed) plus 8 of the other 17 wards.
    ukip_wards = set(rng.sample(others, 8))
    wards: list[dict[str, Any]] = []
    for ward_name, winner in SUTTON_WARDS:
        if ward_name == NONSUCH:
            wards.append(make_nonsuch_ward())
            continue
        labour_count = rng.choice((2, 3))
        if winner == IND and ward_name in ukip_wards:
            labour_count = 2  # keep the Independents' ward to at most 13 candidates
        wards.append(
            make_sutton_ward(
                rng, names, ward_name, winner, ward_name in ukip_wards, labour_count
            )
        )
    return {
        "format": FORMAT,
        "notes": SUTTON_NOTES,
        "authority": "London Borough of Sutton",
        "title": "Election of Borough Councillors",
        "poll_date": "2018-05-03",
        "returning_officer": "A. N. Officer",
        "double_entry": True,
        "previous_seats": dict(PREVIOUS_SEATS),
        "wards": wards,
    }


# --------------------------------------------------------------------------
# Sample with ties and edge cases (hand-written, invented)
# --------------------------------------------------------------------------


def build_sample() -> dict[str, Any]:
    """The invented Exampleton sample (fixed figures, no randomness needed)."""
    riverside_candidates = [
        make_candidate("Ashcroft", "Megan", LAB, 812),
        make_candidate("Bramley", "Owen", CON, 812),
        make_candidate("Castell", "Rhian", GRN, 812),
        make_candidate("Dunmore", "Paul", LAB, 640),
        make_candidate("Eastwood", "Harriet", CON, 455),
        make_candidate("Fairley", "Graham", LD, 301),
        make_candidate("Gorringe", "Tessa", IND, 188),
    ]
    riverside = {
        "name": "Riverside",
        "seats": 2,
        "electorate": 5436,
        "ballot_papers_verified": 2110,
        "rejected": {
            "no_official_mark": 1,
            "too_many_votes": 4,
            "identifying_mark": 0,
            "unmarked_or_void": 5,
            "rejected_in_part": 3,
        },
        "candidates": sorted(riverside_candidates, key=ballot_sort_key),
    }
    millbrook = {
        "name": "Millbrook",
        "seats": 2,
        "electorate": 4870,
        "candidates": [
            make_candidate("Holloway", "Janet", CON, None),
            make_candidate("Iqbal", "Tariq", LAB, None),
        ],
    }
    hillcrest_candidates = [
        make_candidate("Ŵyn", "Siân", LAB, 612),
        make_candidate("Wróbel", "Łukasz", CON, 398),
        make_candidate("Ní Bhriain", "Zoë", GRN, 261),
        make_candidate("O'Connor-Smith", "Thomas", LD, 142),
    ]
    hillcrest = {
        "name": "Hillcrest",
        "seats": 1,
        "electorate": 3952,
        "ballot_papers_verified": 1420,
        "rejected": {
            "no_official_mark": 0,
            "too_many_votes": 2,
            "identifying_mark": 1,
            "unmarked_or_void": 4,
            "rejected_in_part": 0,
        },
        "candidates": sorted(hillcrest_candidates, key=ballot_sort_key),
    }
    old_town_candidates = [
        make_candidate("Jessop", "Alan", CON, None),
        make_candidate("Kettering", "Louise", CON, None),
        make_candidate("Lyle", "Deborah", LAB, None),
        make_candidate("Marchetti", "Enzo", LAB, None),
        make_candidate("Nairn", "Fiona", LD, None),
        make_candidate("Oduya", "Grace", GRN, None),
        make_candidate("Pickering", "Roy", IND, None),
    ]
    old_town = {
        "name": "Old Town",
        "seats": 3,
        "electorate": 8120,
        "ballot_papers_verified": 3175,
        "candidates": sorted(old_town_candidates, key=ballot_sort_key),
    }
    return {
        "format": FORMAT,
        "notes": SAMPLE_NOTES,
        "authority": "Borough of Exampleton",
        "title": "Election of Borough Councillors",
        "poll_date": "2026-05-07",
        "returning_officer": "Pat Example",
        "double_entry": True,
        "wards": [riverside, millbrook, hillcrest, old_town],
    }


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------


def check_polled_ward_basics(ward: dict[str, Any]) -> int:
    """Checks shared by every counted ward; returns valid papers V."""
    name = ward["name"]
    rejected = ward["rejected"]
    require(set(rejected) == set(REJECTED_KEYS), f"{name}: rejected keys")
    require(
        all(isinstance(rejected[k], int) and rejected[k] >= 0 for k in REJECTED_KEYS),
        f"{name}: rejected counts must be non-negative ints",
    )
    heads = rejected_heads_total(rejected)
    require(3 <= heads <= 25, f"{name}: rejected heads total {heads} not in 3..25")
    require(0 <= rejected["rejected_in_part"] <= 10, f"{name}: rejected_in_part")
    valid = valid_papers(ward)
    seats = ward["seats"]
    total = 0
    surnames: set[str] = set()
    for candidate in ward["candidates"]:
        require(set(candidate) == set(CANDIDATE_KEYS), f"{name}: candidate keys")
        require(candidate["surname"] not in surnames, f"{name}: duplicate surname")
        surnames.add(candidate["surname"])
        require(
            candidate["description"] == DESCRIPTIONS[candidate["party"]],
            f"{name}: description of {candidate['surname']}",
        )
        votes = candidate["votes"]
        require(isinstance(votes, int) and 0 <= votes <= valid, f"{name}: votes range")
        total += votes
    require(valid <= total <= seats * valid, f"{name}: vote total {total} vs V={valid}")
    if seats == 1:
        require(total == valid, f"{name}: single-seat vote total must equal V")
    require(
        ward["candidates"] == sorted(ward["candidates"], key=ballot_sort_key),
        f"{name}: candidates not in ballot-paper order",
    )
    return valid


def sutton_ward_problems(ward: dict[str, Any], winner: str) -> list[str]:
    """Constraint violations for a Sutton ward (empty list means OK)."""
    problems: list[str] = []
    name = ward["name"]
    verified = ward["ballot_papers_verified"]
    turnout = verified / ward["electorate"]
    if not 7500 <= ward["electorate"] <= 9500:
        problems.append("electorate out of range")
    if not 0.33 <= turnout <= 0.50:
        problems.append(f"turnout {turnout:.3f}")
    heads = rejected_heads_total(ward["rejected"])
    if not 3 <= heads <= 25:
        problems.append("rejected heads")
    if not 0 <= ward["rejected"]["rejected_in_part"] <= 10:
        problems.append("rejected_in_part")
    valid = valid_papers(ward)
    candidates = ward["candidates"]
    if not 9 <= len(candidates) <= 13:
        problems.append("candidate count")
    votes = [c["votes"] for c in candidates]
    total = sum(votes)
    if any(v > valid or v <= 0 for v in votes):
        problems.append("candidate votes out of range")
    if not 2.6 * valid <= total <= 2.9 * valid:
        problems.append(f"total votes {total} = {total / valid:.3f} V")
    ranked = by_votes(candidates)
    if name == NONSUCH:
        tied = Counter(votes)
        if tied[NONSUCH_TIE_VOTES] != 2 or any(
            n > 1 for v, n in tied.items() if v != NONSUCH_TIE_VOTES
        ):
            problems.append("Nonsuch: only the tie may share a vote count")
        if ranked[2]["votes"] != ranked[3]["votes"]:
            problems.append("Nonsuch: 3rd and 4th must tie")
        winners = ranked[:2] + [
            c
            for c in ranked[2:4]
            if (c["surname"], c["forenames"]) == NONSUCH_LOT_WINNER
        ]
    else:
        if len(set(votes)) != len(votes):
            problems.append("identical votes within ward")
        margin = ranked[2]["votes"] - ranked[3]["votes"]
        if not (margin > 10 and margin > 0.005 * verified):
            problems.append(f"3rd/4th margin {margin}")
        winners = ranked[:3]
    if len(winners) != 3 or any(c["party"] != winner for c in winners):
        problems.append("wrong winners")
    shares = party_shares(candidates)
    counts = Counter(c["party"] for c in candidates)
    if counts[LD] != 3 or counts[CON] != 3 or counts[GRN] != 1:
        problems.append("party line-up")
    if counts[LAB] not in (2, 3) or counts[UKIP] not in (0, 1):
        problems.append("party line-up (Labour/UKIP)")
    if counts[IND] != (3 if winner == IND else 0):
        problems.append("Independents")
    if winner == IND:
        if not 0.35 <= shares[IND] <= 0.45:
            problems.append(f"Independent share {shares[IND]:.3f}")
        if max(shares[LD], shares[CON]) >= shares[IND]:
            problems.append("Independents should lead")
    else:
        lead = max(shares[LD], shares[CON])
        if not 0.30 <= lead <= 0.45 or shares[winner] != lead:
            problems.append(f"leading share {lead:.3f}")
    if not 0.10 <= shares[LAB] <= 0.20:
        problems.append(f"Labour share {shares[LAB]:.3f}")
    if not 0.03 <= shares[GRN] <= 0.08:
        problems.append(f"Green share {shares[GRN]:.3f}")
    if UKIP in shares and not 0.01 <= shares[UKIP] <= 0.04:
        problems.append(f"UKIP share {shares[UKIP]:.3f}")
    return problems


def sutton_winners(ward: dict[str, Any]) -> list[dict[str, Any]]:
    """Elected candidates; the Nonsuch tie is resolved by the real lot."""
    ranked = by_votes(ward["candidates"])
    if ward["name"] != NONSUCH:
        return ranked[:3]
    lot = [c for c in ranked if (c["surname"], c["forenames"]) == NONSUCH_LOT_WINNER]
    return ranked[:2] + lot


def check_sutton(data: dict[str, Any]) -> Counter[str]:
    """Assert every Sutton constraint; return seats won per party."""
    require(data["format"] == FORMAT, "format")
    require(isinstance(data["notes"], str) and data["notes"], "notes")
    require(data["authority"] == "London Borough of Sutton", "authority")
    require(data["title"] == "Election of Borough Councillors", "title")
    require(data["poll_date"] == "2018-05-03", "poll_date")
    require(data["returning_officer"] == "A. N. Officer", "returning_officer")
    require(data["double_entry"] is True, "double_entry")
    require(data["previous_seats"] == PREVIOUS_SEATS, "previous_seats")
    wards = data["wards"]
    require([w["name"] for w in wards] == [n for n, _ in SUTTON_WARDS], "ward order")

    seats: Counter[str] = Counter()
    full_names: Counter[tuple[str, str]] = Counter()
    ukip_wards = 0
    for ward, (_, winner) in zip(wards, SUTTON_WARDS, strict=True):
        require(ward["seats"] == 3, f"{ward['name']}: seats")
        check_polled_ward_basics(ward)
        problems = sutton_ward_problems(ward, winner)
        require(not problems, f"{ward['name']}: {problems}")
        for candidate in sutton_winners(ward):
            seats[candidate["party"]] += 1
        for candidate in ward["candidates"]:
            full_names[(candidate["surname"], candidate["forenames"])] += 1
        ukip_wards += any(c["party"] == UKIP for c in ward["candidates"])
    require(dict(seats) == EXPECTED_SEATS, f"seat outcome {dict(seats)}")
    require(7 <= ukip_wards <= 11, f"UKIP stands in {ukip_wards} wards")
    require(all(n == 1 for n in full_names.values()), "a full name repeats")
    surnames = [s for s, _ in full_names]
    all_names = [" ".join(name) for name in full_names]
    require(any("'" in s for s in surnames), "no apostrophe surname")
    require(any("-" in s for s in surnames if s not in RESERVED_SURNAMES), "no hyphen")
    require(any(not n.isascii() for n in all_names), "no accented name")

    nonsuch = next(w for w in wards if w["name"] == NONSUCH)
    require(nonsuch["electorate"] == NONSUCH_ELECTORATE, "Nonsuch electorate")
    require(nonsuch["ballot_papers_verified"] == NONSUCH_VERIFIED, "Nonsuch verified")
    require(nonsuch["rejected"] == NONSUCH_REJECTED, "Nonsuch rejected")
    people = {(c["surname"], c["forenames"]): c for c in nonsuch["candidates"]}
    mdh = people[NONSUCH_LOT_WINNER]
    bourne = people[NONSUCH_LOT_LOSER]
    require(mdh["party"] == CON and bourne["party"] == LD, "Nonsuch tied parties")
    require(mdh["votes"] == bourne["votes"] == NONSUCH_TIE_VOTES, "Nonsuch tie")
    others = [c for c in nonsuch["candidates"] if c not in (mdh, bourne)]
    other_cons = [c["votes"] for c in others if c["party"] == CON]
    other_lds = [c["votes"] for c in others if c["party"] == LD]
    require(len(other_cons) == 2 and all(1550 <= v <= 1650 for v in other_cons), "Con")
    require(len(other_lds) == 2 and all(1330 <= v <= 1390 for v in other_lds), "LD")
    require(
        all(c["votes"] < NONSUCH_TIE_VOTES for c in others if c["party"] != CON),
        "Nonsuch: non-Conservatives must be below the tie",
    )
    return seats


def check_sample(data: dict[str, Any]) -> None:
    """Assert the edge-case sample is shaped as intended."""
    require(data["format"] == FORMAT, "format")
    require(isinstance(data["notes"], str) and data["notes"], "notes")
    require(data["authority"] == "Borough of Exampleton", "authority")
    require(data["title"] == "Election of Borough Councillors", "title")
    require(data["poll_date"] == "2026-05-07", "poll_date")
    require(data["returning_officer"] == "Pat Example", "returning_officer")
    require(data["double_entry"] is True, "double_entry")
    require("previous_seats" not in data, "sample must have no previous_seats")
    wards = {w["name"]: w for w in data["wards"]}
    require(
        [w["name"] for w in data["wards"]]
        == ["Riverside", "Millbrook", "Hillcrest", "Old Town"],
        "sample ward order",
    )
    for ward in data["wards"]:
        require(
            isinstance(ward["electorate"], int) and ward["electorate"] > 0, "electorate"
        )
        if "ballot_papers_verified" in ward:
            turnout = ward["ballot_papers_verified"] / ward["electorate"]
            require(0.25 <= turnout <= 0.60, f"{ward['name']}: turnout {turnout:.3f}")

    riverside = wards["Riverside"]
    require(riverside["seats"] == 2, "Riverside seats")
    check_polled_ward_basics(riverside)
    ranked = [c["votes"] for c in by_votes(riverside["candidates"])]
    require(ranked[:3] == [812, 812, 812], "Riverside: three-way tie at the top")
    require(all(v < 812 for v in ranked[3:]), "Riverside: others below the tie")
    require(len(set(ranked[3:])) == len(ranked[3:]), "Riverside: other votes distinct")

    millbrook = wards["Millbrook"]
    require(millbrook["seats"] == 2 and len(millbrook["candidates"]) == 2, "Millbrook")
    require(
        "ballot_papers_verified" not in millbrook and "rejected" not in millbrook,
        "Millbrook: uncontested, no poll figures",
    )
    require(all("votes" not in c for c in millbrook["candidates"]), "Millbrook votes")

    hillcrest = wards["Hillcrest"]
    require(hillcrest["seats"] == 1 and len(hillcrest["candidates"]) == 4, "Hillcrest")
    check_polled_ward_basics(hillcrest)
    ranked = [c["votes"] for c in by_votes(hillcrest["candidates"])]
    margin = ranked[0] - ranked[1]
    require(
        margin > 10 and margin > 0.005 * hillcrest["ballot_papers_verified"],
        "Hillcrest: clear winner",
    )
    names = {(c["forenames"], c["surname"]) for c in hillcrest["candidates"]}
    for wanted in (("Siân", "Ŵyn"), ("Łukasz", "Wróbel"), ("Zoë", "Ní Bhriain")):
        require(wanted in names, f"Hillcrest: missing {wanted}")

    old_town = wards["Old Town"]
    require(old_town["seats"] == 3 and len(old_town["candidates"]) == 7, "Old Town")
    require("ballot_papers_verified" in old_town, "Old Town: verified present")
    require("rejected" not in old_town, "Old Town: no rejected key yet")
    require(all("votes" not in c for c in old_town["candidates"]), "Old Town votes")
    for ward in (millbrook, old_town):
        for candidate in ward["candidates"]:
            require(
                set(candidate) == set(CANDIDATE_KEYS) - {"votes"},
                f"{ward['name']}: candidate keys",
            )
            require(
                candidate["description"] == DESCRIPTIONS[candidate["party"]],
                f"{ward['name']}: description",
            )
        require(
            ward["candidates"] == sorted(ward["candidates"], key=ballot_sort_key),
            f"{ward['name']}: ballot-paper order",
        )


def check_file_text(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """Re-read a written file, check its encoding/layout, return parsed JSON."""
    text = path.read_bytes().decode("utf-8")
    require(text == dump_json(data), f"{path.name}: on-disk text differs")
    require(text.endswith("}\n") and not text.endswith("\n\n"), f"{path.name}: newline")
    require("\\u" not in text, f"{path.name}: ASCII escapes present")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def with_papers_counted(data: dict[str, Any]) -> dict[str, Any]:
    """Give every counted multi-member ward its ``ballot_papers_counted`` (valid papers +
    papers rejected under the four heads), placed after ``ballot_papers_verified``: a
    multi-member ward's papers cannot be computed from the votes, so the file carries them.
    The figures chosen reconcile with verification, so the demo's outcome is unchanged."""
    wards: list[dict[str, Any]] = []
    for ward in data["wards"]:
        counted = any(c.get("votes") is not None for c in ward["candidates"])
        if not counted or ward["seats"] < 2:
            wards.append(ward)
            continue
        papers = valid_papers(ward) + rejected_heads_total(ward["rejected"])
        out: dict[str, Any] = {}
        for key, value in ward.items():
            out[key] = value
            if key == "ballot_papers_verified":
                out["ballot_papers_counted"] = papers
        wards.append(out)
    return {**data, "wards": wards}


def build_all() -> tuple[dict[str, Any], dict[str, Any]]:
    """Build both documents from a freshly seeded generator."""
    rng = random.Random(RNG_SEED)
    return with_papers_counted(build_sutton(rng)), with_papers_counted(build_sample())


def main() -> None:
    sutton, sample = build_all()
    require((sutton, sample) == build_all(), "generation is not deterministic")
    for path, data in ((SUTTON_PATH, sutton), (SAMPLE_PATH, sample)):
        path.write_text(dump_json(data), encoding="utf-8", newline="\n")

    seats = check_sutton(check_file_text(SUTTON_PATH, sutton))
    check_sample(check_file_text(SAMPLE_PATH, sample))

    print(f"wrote {SUTTON_PATH}")
    print(f"wrote {SAMPLE_PATH}")
    print("Sutton 2018 seats: " + ", ".join(f"{p} {n}" for p, n in seats.most_common()))
    print("all seed checks passed")


if __name__ == "__main__":
    main()
