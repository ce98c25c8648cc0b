"""The London-scale benchmark: a generated election the size of London's 2018 borough
elections, imported, every ward declared, and every declaration printed as its own file.

``generate(path)`` writes the election file (624 wards, about 6,500 candidates, 32
boroughs' worth of wards in one file). Every ward's figures are checked against the core
before they are written: no blocking error (each candidate at most the valid papers, the
votes between the valid papers and seats × valid papers), no warning (last-seat margins
are wide, papers counted equal papers verified) and no equality of votes, so that every
ward is ready to declare.

Run as a script (``python london.py FOLDER ELECTION.json``), it is the child process that
``run.py`` times and whose memory it samples: it imports the file, declares every ward
(one writer, as in the store), and prints every declaration with a pool of worker
processes, each with its own store connection, writing each PDF atomically. It prints one
JSON object with the phase timings.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

BOROUGHS = (
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing",
    "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
    "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston upon Thames",
    "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark",
    "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
)
PLACES = (
    "Abbey", "Alexandra", "Bridge", "Brunswick", "Castle", "Cathedral", "Central", "Chase",
    "Church", "Clock Tower", "Common", "Coldharbour", "Court", "Cross", "Dock", "Eastfield",
    "Fairfield", "Fields", "Forest", "Gate", "Green", "Grove", "Hall", "Heath", "Hill", "Holly",
    "Lane", "Manor", "Market", "Meadow", "Mill", "Oak", "Palace", "Park", "Priory", "Queens",
    "Riverside", "St Mary's", "St Peter's", "Station", "Town", "Vale", "Village", "Wharf",
    "Wood", "Ŵyn Gardens", "Żurawia",
)
FORENAMES = (
    "Aisha", "Alan", "Amara", "Ananya", "Ben", "Catherine", "Chidi", "Claire", "Daniel", "Dawid",
    "Deborah", "Eleanor", "Fatima", "Gareth", "Grace", "Hannah", "Ifan", "James", "Joanna",
    "Kwame", "Laura", "Llŷr", "Łukasz", "Margaret", "Mohammed", "Niamh", "Olusegun", "Patrick",
    "Priya", "Rhiannon", "Rosa", "Samantha", "Siân", "Stephen", "Tomás", "Zofia",
)
SURNAMES = (
    "Adeyemi", "Ahmed", "Bourne", "Brown", "Campbell", "Chowdhury", "Clarke", "Davies",
    "Evans", "Fairbrother", "Green", "Hughes", "Iqbal", "Jones", "Kaur", "Kowalczyk", "Lewis",
    "McDermott-Hill", "Mensah", "Murphy", "Nowak", "Ó Súilleabháin", "O'Neill", "Okafor",
    "Patel", "Raman", "Roberts", "Shah", "Smith", "Taylor", "Thomas", "Walker", "White",
    "Williams", "Wójcik", "Wright",
)
PARTIES = (
    ("Labour", "Labour Party", 0.38),
    ("Conservative", "The Conservative Party Candidate", 0.29),
    ("Liberal Democrats", "Liberal Democrats", 0.14),
    ("Green Party", "Green Party", 0.10),
)
MINOR = (
    ("UK Independence Party", "UKIP", 0.02),
    ("Women's Equality Party", "Women's Equality Party", 0.02),
    ("Independent", "", 0.03),
)
N_WARDS = 624


def _ward_spec(rng: random.Random, name: str, seats: int) -> dict[str, Any]:
    """One ward: candidates and figures that the core accepts with no error or warning."""
    from countdesk.core import Candidate, Status, compute_result, fold, ward_from_figures  # noqa: PLC0415

    while True:
        slate: list[tuple[str, str, float]] = []
        for party, desc, share in PARTIES:
            n = {"Liberal Democrats": rng.randint(max(1, seats - 1), seats),
                 "Green Party": rng.randint(1, max(1, seats - 1))}.get(party, seats)
            slate += [(party, desc, share * rng.uniform(0.6, 1.4) / n)] * n
        for party, desc, share in MINOR:
            if rng.random() < 0.33:
                slate.append((party, desc, share * rng.uniform(0.5, 1.5)))
        people: list[tuple[str, str]] = []
        seen: set[str] = set()
        while len(people) < len(slate):
            person = (rng.choice(SURNAMES), rng.choice(FORENAMES))
            key = fold(" ".join(person))
            if key not in seen:
                seen.add(key)
                people.append(person)
        electorate = rng.randint(2_600, 4_400) * seats
        papers = int(electorate * rng.uniform(0.28, 0.50))
        rejected = {"no_official_mark": rng.randint(0, 3), "too_many_votes": rng.randint(0, 12),
                    "identifying_mark": rng.randint(0, 2), "unmarked_or_void": rng.randint(0, 15),
                    "rejected_in_part": rng.randint(0, 6)}
        valid = papers - sum(v for k, v in rejected.items() if k != "rejected_in_part")
        used = 1.0 if seats == 1 else seats * rng.uniform(0.78, 0.95)
        weight = sum(s for _, _, s in slate)
        votes = [min(int(valid * used * s / weight), valid * 9 // 10) for _, _, s in slate]
        if seats == 1:  # each paper carries exactly one vote
            votes[0] += valid - sum(votes)
        order = sorted(range(len(votes)), key=lambda i: -votes[i])
        need = max(11, int(0.005 * papers) + 1) + 5
        gap = votes[order[seats - 1]] - votes[order[seats]]
        if gap < need:  # widen the last-seat margin, keeping the total
            move = min(need - gap, votes[order[seats]])
            votes[order[seats]] -= move
            votes[order[seats - 1]] += move
        cands = [Candidate(i + 1, s, f, d, p) for i, ((s, f), (p, d, _)) in
                 enumerate(zip(people, slate, strict=True))]
        result = compute_result(ward_from_figures(
            name, seats, cands, {c.id: v for c, v in zip(cands, votes, strict=True)},
            rejected=rejected, papers=papers, electorate=electorate))
        if result.status is Status.READY and not result.errors and not result.warnings:
            break
    return {
        "name": name, "seats": seats, "electorate": electorate, "ballot_papers_verified": papers,
        "ballot_papers_counted": papers,  # a multi-member ward's count keys it (E114)
        "rejected": rejected,
        "candidates": [{"surname": s, "forenames": f, "description": d, "party": p, "votes": v}
                       for (s, f), (p, d, _), v in zip(people, slate, votes, strict=True)],
    }


def generate(path: Path, seed: int = 2018) -> dict[str, int]:
    """Write the London-scale election file; returns its size (wards, candidates, seats)."""
    rng = random.Random(seed)
    wards: list[dict[str, Any]] = []
    names: set[str] = set()
    for i in range(N_WARDS):
        borough = BOROUGHS[i % len(BOROUGHS)]
        while True:
            name = f"{borough}: {rng.choice(PLACES)} {rng.choice(('', 'North', 'South', 'East', 'West'))}"
            name = name.strip()
            if name.casefold() not in names:
                break
            name += f" {rng.randint(2, 9)}"
            if name.casefold() not in names:
                break
        names.add(name.casefold())
        roll = rng.random()
        seats = 3 if roll < 0.85 else 2 if roll < 0.98 else 1
        wards.append(_ward_spec(rng, name, seats))
    data = {
        "format": "countdesk-election/1",
        "notes": "Generated for countdesk's London-scale benchmark: every name and figure is invented.",
        "authority": "Greater London (32 boroughs, generated)",
        "title": "Election of Borough Councillors",
        "poll_date": "2018-05-03",
        "returning_officer": "A. N. Officer",
        "double_entry": True,
        "wards": wards,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return {"wards": len(wards), "candidates": sum(len(w["candidates"]) for w in wards),
            "seats": sum(w["seats"] for w in wards)}


# ------------------------------------------------------------------ the child process
_store: Any = None
_out: Path | None = None


def _worker_init(db: str, out: str) -> None:
    """Load reportlab and the fonts while the parent imports; open the store on first use."""
    global _out  # noqa: PLW0603
    from countdesk.app import documents  # noqa: F401, PLC0415
    from countdesk.reports import documents as _docs  # noqa: F401, PLC0415
    from countdesk.reports.fonts import register_fonts  # noqa: PLC0415

    register_fonts()
    _out = Path(out)
    _worker_init.db = db  # type: ignore[attr-defined]


def _print_one(task: tuple[int, int, str]) -> tuple[int, int, float]:
    global _store  # noqa: PLW0603
    from countdesk.app import Desk  # noqa: PLC0415
    from countdesk.files import atomic_write  # noqa: PLC0415

    if _store is None:
        _store = Desk.open(_worker_init.db, read_only=True)  # type: ignore[attr-defined]
    ward_id, position, name = task
    assert _out is not None
    pdf = _store.document("declaration", ward_id)
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    atomic_write(_out / f"{position:03d}-{slug}.pdf", pdf)
    return len(pdf), os.getpid(), _max_rss_mib()


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(folder: Path, election: Path, workers: int) -> dict[str, Any]:
    from countdesk.app import Desk  # noqa: PLC0415
    from countdesk.app.files import import_election_file as import_into  # noqa: PLC0415
    from countdesk.core.workflow import Action  # noqa: PLC0415

    db = folder / "london.db"
    out = folder / "declarations"
    out.mkdir()
    t0 = time.perf_counter()
    # spawn, not fork: the workers start clean and load reportlab while this process imports
    pool = mp.get_context("spawn").Pool(workers, initializer=_worker_init, initargs=(str(db), str(out)))
    try:
        import_into(db, election, actor="benchmark")
        t_import = time.perf_counter()
        with Desk.open(db) as store:
            wards = store.wards()
            for w in wards:  # the provisional result, any lot, the warnings, the declaration
                if store.check(w.id, Action.SHOW_PROVISIONAL):
                    store.show_provisional(w.id, by="A. N. Officer")
                while store.check(w.id, Action.RECORD_LOT):
                    tie = store.result(w.id).tie
                    assert tie is not None
                    store.record_lot(w.id, tie.candidate_ids[0], "drawing lots")
                for warning in store.result(w.id).unacknowledged:
                    store.acknowledge(w.id, warning.code, by="RO", explanation="checked")
                store.declare(w.id, by="A. N. Officer")
        t_declare = time.perf_counter()
        tasks = [(w.id, w.position, w.name) for w in wards]
        done = list(pool.imap_unordered(_print_one, tasks, chunksize=4))
        t_print = time.perf_counter()
    finally:
        pool.close()
        pool.join()
    files = sorted(out.glob("*.pdf"))
    peaks: dict[int, float] = {}
    for _, pid, rss in done:
        peaks[pid] = max(rss, peaks.get(pid, 0.0))
    return {
        "wards": len(wards), "files": len(files), "bytes": sum(n for n, _, _ in done),
        "import_s": t_import - t0, "declare_s": t_declare - t_import, "print_s": t_print - t_declare,
        "parent_max_rss_mib": _max_rss_mib(), "worker_max_rss_mib": sorted(peaks.values()),
    }


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))), flush=True)
