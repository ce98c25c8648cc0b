"""Every fixed word of the results site and the press pack, in one place.

The pages take their labels from :func:`labels` only: a label is a key here, never text
written in a template. A Welsh election's site is bilingual: each label is shown in English
and in Welsh (``lang="cy"``) when a Welsh text is known for it. Welsh texts come from the
documents catalogue when one is installed (:func:`catalogue_texts`); until then the few
here are used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from countdesk.core.model import REJECTED_LABELS

#: The English text of every label.
EN: Mapping[str, str] = {
    "site_title": "Election results",
    "skip": "Skip to the results",
    "poll": "Poll held on",
    "control": "Control of the council",
    "not_decided": "Not yet decided",
    "leader_needs": "{party} has {seats} seats and needs {need} more for a majority",
    "decided_by": "decided by the declaration of {ward}",
    "wards_declared": "{n} of {total} wards declared",
    "seats_declared": "{n} of {total} seats declared",
    "majority": "Majority",
    "majority_is": "A majority is {n} of the {total} seats",
    "seats_by_party": "Seats by party",
    "chart_desc": "Seats won by each party, from the declared wards, against the {n} seats "
                  "needed for a majority.",
    "party": "Party",
    "seats": "Seats",
    "n_seats": "{n} seat(s)",
    "change": "Change",
    "previous": "Before",
    "votes": "Votes",
    "share": "Share of the vote",
    "change_later": "The change in seats is shown once every ward is declared.",
    "latest": "Latest declarations",
    "none_declared": "No ward has been declared yet.",
    "wards": "Wards",
    "ward": "Ward",
    "status": "Status",
    "declared": "Declared",
    "not_declared": "Not yet declared",
    "countermanded": "Poll countermanded",
    "expected": "Expected declaration",
    "councillors": "Councillors elected",
    "candidates": "Candidates",
    "candidate": "Candidate",
    "description": "Description",
    "elected": "Elected",
    "lot_winner": "won the drawing of lots",
    "lot_sentence": "Following an equality of votes, lots were drawn and, as a consequence, "
                    "an additional vote was allotted to {name}.",
    "rejected": "Rejected ballot papers",
    "rejected_total": "Total rejected",
    "papers_counted": "Ballot papers counted",
    "electorate": "Electorate",
    "turnout": "Turnout",
    "declared_at": "Declared at",
    "declared_by": "Declared by",
    "declaration_pdf": "The declaration of result (PDF)",
    "declaration_signed": "signed by the returning officer",
    "declaration_unsigned": "unsigned copy",
    "digest": "Result digest",
    "digest_help": "The SHA-256 digest of the declared result; the same digest is printed on "
                   "the declaration and countdesk verify checks it.",
    "unopposed": "elected unopposed",
    "unfilled": "{n} seat(s) left unfilled: a further election will be held.",
    "downloads": "Results to download",
    "results_json": "Results (JSON election file)",
    "results_csv": "Results (CSV, one row per candidate)",
    "summary_json": "Council summary (JSON)",
    "press": "Press pack",
    "state_json": "State of the parties (JSON)",
    "state_csv": "State of the parties (CSV)",
    "timings_json": "Timings of the count (JSON)",
    "timings_csv": "Timings of the count (CSV)",
    "published": "Published at {at}",
    "back": "All wards",
    "all_results": "Results for every ward",
    "first_box": "First box verified",
    "first_keying": "Counting began",
    "provisional": "Provisional result shown",
    "timings": "Timings of the count",
    "times_note": "Times are UK local time.",
    "region_title": "Results across the region",
    "region_councils": "{n} council(s)",
    "region_control": "Control of the councils",
    "region_held": "Held: {n}",
    "region_gained": "Gained: {n}",
    "region_noc": "No overall control: {n}",
    "region_won": "Won (no earlier control known): {n}",
    "region_undecided": "Not yet decided: {n}",
    "region_by_control": "Councils by control, against before the election",
    "region_councils_col": "Councils",
    "region_seats": "Seats won across the region ({n} of {total} seats declared)",
    "region_each": "Each council",
    "region_lot": "{ward}: a tie decided by lot, won by {name} ({party}, {votes} votes).",
    "region_file": "From {file}.",
    "region_checked": "Its digest file matched.",
    "region_signed": "Signed by {name} (certificate SHA-256 {fingerprint}); the signature checked.",
    "region_unchecked": "It had no digest file beside it.",
    "region_json": "The region's figures (JSON)",
    "qr_alt": "QR code of this declared result in countdesk's compact form, with its digest",
    "qr_caption": "This result as a QR code (countdesk compact form CDR/1, with the digest).",
    "qr_text": "The text in the QR code",
    **{f"head_{head}": text for head, text in REJECTED_LABELS.items()},
}

#: Welsh texts known here (the documents catalogue, when installed, gives the rest).
CY: Mapping[str, str] = {
    "site_title": "Canlyniadau'r etholiad",
    "control": "Rheolaeth y cyngor",
    "not_decided": "Heb benderfynu eto",
    "majority": "Mwyafrif",
    "seats_by_party": "Seddi yn ôl plaid",
    "party": "Plaid",
    "seats": "Seddi",
    "change": "Newid",
    "votes": "Pleidleisiau",
    "latest": "Datganiadau diweddaraf",
    "wards": "Wardiau",
    "ward": "Ward",
    "declared": "Wedi'i ddatgan",
    "not_declared": "Heb ei ddatgan eto",
    "candidates": "Ymgeiswyr",
    "candidate": "Ymgeisydd",
    "elected": "Etholwyd",
    "rejected": "Papurau pleidleisio a wrthodwyd",
    "electorate": "Etholwyr",
    "turnout": "Nifer a bleidleisiodd",
    "digest": "Crynodeb o'r canlyniad",
    "back": "Pob ward",
    "press": "Pecyn y wasg",
}


#: Site label -> the key of the same words in the documents' catalogue
#: (``resources/i18n/documents.<lang>.json``), whose Welsh is preferred to the texts above.
CATALOGUE_KEYS: Mapping[str, str] = {
    "votes": "votes", "elected": "elected", "electorate": "electorate",
    "papers_counted": "papers_counted", "turnout": "turnout", "lot_sentence": "lot_sentence",
    "party": "party", "not_declared": "not_yet_declared", "seats_by_party": "seats_by_party",
    "rejected_total": "total", "declared_at": "declared_at", "unopposed": "elected_unopposed",
    "description": "description_if_any", "candidate": "name_of_candidate", "n_seats": "seats_n",
    **{f"head_{h}": f"head_{h}" for h in ("no_official_mark", "too_many_votes", "identifying_mark",
                                           "unmarked_or_void", "rejected_in_part")},
}


@dataclass(frozen=True)
class Labels:
    """The labels of one site: English, and Welsh beside it for a Welsh election."""

    english: Mapping[str, str]
    welsh: Mapping[str, str] | None = None
    #: the election prints Welsh first (its languages are ("cy", "en"))
    welsh_first: bool = False

    @property
    def bilingual(self) -> bool:
        return self.welsh is not None

    def en(self, key: str, **values: object) -> str:
        return self.english[key].format(**values)

    def cy(self, key: str, **values: object) -> str | None:
        """The Welsh text of a label (None: English only, or none known)."""
        if self.welsh is None or key not in self.welsh:
            return None
        return self.welsh[key].format(**values)


def labels(languages: tuple[str, ...] = ("en",), catalogue: Mapping[str, str] | None = None) -> Labels:
    """The labels for an election's languages (``("en", "cy")``: bilingual). ``catalogue``: the
    Welsh documents catalogue, by its own keys (:data:`CATALOGUE_KEYS`)."""
    if "cy" not in languages:
        return Labels(EN)
    found = {site: (catalogue or {})[key] for site, key in CATALOGUE_KEYS.items()
             if key in (catalogue or {})}
    return Labels(EN, {**CY, **found}, welsh_first=languages[0] == "cy")
