"""Generate the Welsh demo election: ``seeds/demo-eryri-2022.json``.

Run ``python3 seeds/make_seed_wales.py``. An invented county council in the north-west of
Wales, modelled on Gwynedd (single- and two-member wards, Plaid Cymru strong, many
independents), poll on Thursday 5 May 2022 under the Local Elections (Principal Areas)
(Wales) Rules 2021, documents in Welsh and English (``"languages": ["cy", "en"]``).

It has a ward with a Welsh and an English name (Abermaw / Barmouth), wards with a Welsh
name only (Llanystumdwy, Llanuwchllyn), a ward returned unopposed whose candidate has an
address (printed on the notice, Sch 1 rule 20(3)), and a two-member ward. The candidates
and figures are invented. Standard library only; the output is the same at every run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PATH = Path(__file__).resolve().parent / "demo-eryri-2022.json"

PLAID = {"description": "Plaid Cymru - The Party of Wales", "party": "Plaid Cymru", "party_id": "PP77"}
LAB = {"description": "Llafur Cymru / Welsh Labour", "party": "Labour", "party_id": "PP53"}
CON = {"description": "Ceidwadwyr Cymreig / Welsh Conservatives", "party": "Conservative",
       "party_id": "PP52"}
LD = {"description": "Democratiaid Rhyddfrydol Cymru / Welsh Liberal Democrats",
      "party": "Liberal Democrats", "party_id": "PP90"}
IND = {"description": "Annibynnol / Independent", "party": "Independent"}
NONE = {"description": "", "party": "Independent"}


def cand(surname: str, forenames: str, kind: dict[str, str], votes: int | None = None,
         **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"surname": surname, "forenames": forenames, **kind, **extra}
    if votes is not None:
        out["votes"] = votes
    return out


def rejected(a: int, b: int, c: int, d: int, part: int = 0) -> dict[str, int]:
    return {"no_official_mark": a, "too_many_votes": b, "identifying_mark": c,
            "unmarked_or_void": d, "rejected_in_part": part}


def build() -> dict[str, Any]:
    wards = [
        {"name": "Barmouth", "name_cy": "Abermaw", "seats": 1, "electorate": 1843,
         "ballot_papers_verified": 861, "ballot_papers_counted": 861,
         "rejected": rejected(0, 1, 0, 3),
         "candidates": [cand("Ellis", "Gwenllïan", PLAID, 402),
                        cand("Pugh", "Robert Wyn", IND, 311),
                        cand("Smith", "Karen", CON, 144)]},
        {"name": "Llanystumdwy", "seats": 1, "electorate": 1520,
         "ballot_papers_verified": 702, "ballot_papers_counted": 702,
         "rejected": rejected(0, 0, 1, 2),
         "candidates": [cand("ap Dafydd", "Siôn", PLAID, 488),
                        cand("Roberts", "Ŵyn", LAB, 97),
                        cand("Williams", "Eirlys", IND, 114)]},
        {"name": "Dolgellau North", "name_cy": "Gogledd Dolgellau", "seats": 2, "electorate": 2698,
         "ballot_papers_verified": 1304, "ballot_papers_counted": 1304,
         "rejected": rejected(1, 2, 0, 4, 3),
         "candidates": [cand("Hughes", "Meinir", PLAID, 690),
                        cand("Jones", "Dylan", LAB, 330),
                        cand("Lloyd", "Gareth Ŷr", IND, 560),
                        cand("Parry", "Alwen", LD, 231),
                        cand("Thomas", "Huw", PLAID, 602)]},
        {"name": "Llanuwchllyn", "seats": 1, "electorate": 1162,
         "candidates": [cand("Puw", "Elin Mair", NONE,
                             address="Tŷ Gwyn, Ffordd yr Eglwys, Llanuwchllyn, Y Bala LL23 7UB")]},
        {"name": "Tywyn", "seats": 2, "electorate": 2911,
         "candidates": [cand("Evans", "Ieuan", PLAID), cand("Morgan", "Cerys", IND),
                        cand("Owen", "Mererid", LAB), cand("Rowlands", "Bryn", CON)]},
    ]
    return {"format": "countdesk-election/1", "authority": "Cyngor Sir Eryri",
            "title": "Etholiad Cynghorwyr Sir / County Councillors Election",
            "poll_date": "2022-05-05", "returning_officer": "Dafydd Gwyn Hughes",
            "jurisdiction": "wales", "languages": ["cy", "en"],
            "previous_seats": {"Plaid Cymru": 3, "Independent": 3, "Labour": 1},
            "notes": "Invented Welsh demo (Gwynedd-like county, 5 May 2022): made by "
                     "seeds/make_seed_wales.py.",
            "wards": wards}


def main() -> None:
    data = build()
    for ward in data["wards"]:
        votes = [c.get("votes") for c in ward["candidates"]]
        if votes[0] is None:
            continue
        heads = sum(v for k, v in ward["rejected"].items() if k != "rejected_in_part")
        valid = ward["ballot_papers_counted"] - heads
        assert sum(votes) <= valid * ward["seats"], ward["name"]
        assert max(votes) <= valid, ward["name"]
    PATH.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {PATH}")


if __name__ == "__main__":
    main()
