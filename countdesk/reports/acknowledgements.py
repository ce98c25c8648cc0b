"""The warnings of a ward's round and who acknowledged each, why and when, as printed on the
provisional sheet (issue 16, item 14). The fixed words are in the documents' catalogues
(``resources/i18n/documents.<lang>.json``: ``ack_heading``, ``ack_line``, ``ack_pending``),
so a bilingual election prints them in both languages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Spacer  # type: ignore[import-untyped]

from countdesk.core import WardResult
from countdesk.core.people import Acknowledgement
from countdesk.core.records import ElectionInfo
from countdesk.reports.i18n import words
from countdesk.reports.layout import Paragraph, Styles, esc, uk_time


def _at(iso: str) -> str:
    local = uk_time(iso)
    return iso if local is None else f"{local:%H:%M} {local.tzname()} on {local.day} {local:%B %Y}"


def acknowledgements_section(st: Styles, election: ElectionInfo, result: WardResult,
                             acknowledgements: Sequence[Acknowledgement]) -> list[Any]:
    """One line per warning of the round: acknowledged (by whom, when, and the explanation
    given) or not yet; nothing when the round has no warning."""
    if not result.warnings:
        return []
    w = words(getattr(election, "languages", None))
    latest = {a.code: a for a in acknowledgements}
    out: list[Any] = [Spacer(1, 2 * mm), Paragraph(f"<b>{w('ack_heading', sep=' / ')}</b>", st.body)]
    for warning in result.warnings:
        ack = latest.get(warning.code)
        if warning.acknowledged and ack is not None:
            text = w("ack_line", code=esc(warning.code), message=esc(warning.message),
                     by=esc(ack.by or "—"), at=esc(_at(ack.at)),
                     explanation=esc(ack.explanation or "—"))
        else:
            text = w("ack_pending", code=esc(warning.code), message=esc(warning.message))
        out.append(Paragraph(text, st.body))
    return out
