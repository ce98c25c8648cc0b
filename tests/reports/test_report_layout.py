"""The declaration's column split is chosen as by trying every width in full.

``documents._split_widths`` wraps each paragraph only around the widths where
its height changes (heights never grow as a column widens); these tests check
that it picks exactly what wrapping every paragraph at every tried width picks.
"""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from countdesk.core import Candidate, CandidateResult, WardResult, compute_result, ward_from_figures
from countdesk.reports import documents as d
from countdesk.reports.fonts import register_fonts

WORDS = ["Labour", "Party", "Conservative", "Liberal", "Democrats", "Green", "Residents'",
         "Association", "Independent", "The", "Candidate", "for", "Co-operative", "Llanfair",
         "Ŵyn", "Żółć", "Ó", "Súilleabháin", "McDermott-Hill", "Wolstenholme-Fotheringay"]


def exhaustive(result: WardResult, st: d._Styles, share: float) -> tuple[float, float]:
    """The split as it was first written: every paragraph wrapped at every tried width."""
    total = d.BODY_W * share
    names = [d._candidate_name(r, st) for r in result.candidates]
    descs = [d._description(r, st) for r in result.candidates]
    longest = max((d._surname_width(r, st.size) for r in result.candidates), default=0.0)
    min_name = min(longest + d.CELL_PAD + 1, total * 0.7)

    def height(parts: list[object], width: float) -> float:
        return float(sum(p.wrap(width - d.CELL_PAD, 10_000)[1] for p in parts))  # type: ignore[attr-defined]

    tries = {total * (0.3 + 0.025 * step) for step in range(17)}
    for r in result.candidates:
        c = r.candidate
        one_line_name = (stringWidth(c.surname.upper() + ", ", d.BOLD, st.size)
                         + stringWidth(c.forenames, d.FAMILY, st.size) + d.CELL_PAD + 1)
        one_line_desc = stringWidth(c.description, d.FAMILY, st.size) + d.CELL_PAD + 1
        tries |= {one_line_name, total - one_line_desc}
    best: tuple[float, float, float] | None = None
    for width in sorted(tries):
        name_w = min(max(width, min_name, total * 0.25), total * 0.75)
        h = sum(max(height([n], name_w), height(dd, total - name_w))
                for n, dd in zip(names, descs, strict=True))
        key = (round(h, 1), abs(name_w / total - 0.5), name_w)
        if best is None or key < best:
            best = key
    assert best is not None
    return best[2], total - best[2]


def random_result(rng: random.Random) -> WardResult:
    def words(lo: int, hi: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))

    n = rng.randint(2, 20)
    cands = [Candidate(i + 1, words(1, 3), words(0, 4), words(0, 9), words(0, 3)) for i in range(n)]
    votes = {c.id: 100 + 7 * c.id for c in cands}
    ward = ward_from_figures("Ward", 1, cands, votes, papers=sum(votes.values()))
    result = compute_result(ward)
    # the split depends only on the candidates' names, descriptions and parties
    rows = tuple(CandidateResult(c, votes[c.id], votes[c.id], None, False) for c in cands)
    return WardResult(**{**result.__dict__, "candidates": rows})


@pytest.mark.parametrize("seed", range(60))
def test_split_widths_match_trying_every_width(seed: int) -> None:
    register_fonts()
    rng = random.Random(seed)
    result = random_result(rng)
    st = d._styles_for(len(result.candidates))
    share = rng.choice([0.76, 0.76, 0.5, 0.9])
    assert d._split_widths(result, st, share) == exhaustive(result, st, share)
