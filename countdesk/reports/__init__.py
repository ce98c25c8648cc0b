"""Printed documents of the count: declarations, provisional sheets, notices, statements.

- :mod:`countdesk.reports.api`: documents straight from a store (``build``,
  ``draft_declaration``, ``declare``), as PDF bytes. What the desktop app calls.
- :mod:`countdesk.reports.documents`: the documents themselves (declaration,
  provisional result; notice and verification statement from
  :mod:`~countdesk.reports.notices`, the statement of an error reported after the
  declaration from :mod:`~countdesk.reports.error_report`), built only from the
  core's ``WardResult`` and the records of :mod:`countdesk.core.records`.
- :mod:`countdesk.reports.layout`: the page-layout toolkit (styles, paragraphs,
  grids, signature block, footer, rendering); :mod:`countdesk.reports.tables`:
  the tables of a result.
- :mod:`countdesk.reports.signing`: ``keygen``, ``sign_pdf`` (PAdES, offline),
  ``verify_pdf``.
- :mod:`countdesk.reports.digest`: the result digest printed on every sheet.
- :mod:`countdesk.reports.commands`: ``declare``, ``report``, ``keygen`` and
  ``verify`` on the command line.

This package's ``__init__`` stays empty of imports: the command line loads
:mod:`~countdesk.reports.commands` at start-up, and reportlab and pyHanko only
when a document is made.
"""
