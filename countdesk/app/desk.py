"""The one API over a store: reads, the ward's workflow, and every operation.

Front ends (the command line, the desktop app, batch jobs) open a :class:`Desk`
and call it; none of them touches the store or decides a rule itself. In the
style of calibre's ``db/cache.py`` over ``db/backend.py``: the store only opens,
locks, migrates, writes one transaction with its audit record and reads; the
rules come from :mod:`countdesk.core` (results, validation, the workflow), asked
here (:class:`~countdesk.app.base.DeskBase`).

Operations are grouped by purpose in mixins (:mod:`~countdesk.app.counting`,
:mod:`~countdesk.app.decisions`, :mod:`~countdesk.app.setup_ops`,
:mod:`~countdesk.app.documents`, :mod:`~countdesk.app.safety`), each declared with
:func:`countdesk.app.ops.operation`.
"""

from __future__ import annotations

import os

from countdesk.app.count_records_ops import CountRecordOps
from countdesk.app.counting import CountingOps
from countdesk.app.decisions import DecisionOps
from countdesk.app.documents import DocumentOps
from countdesk.app.errors import from_store
from countdesk.app.publishing import PublishOps
from countdesk.app.safety import SafetyOps
from countdesk.app.setup_ops import SetupOps
from countdesk.store.db import Store
from countdesk.store.errors import StoreError


class Desk(CountingOps, DecisionOps, SetupOps, DocumentOps, SafetyOps, CountRecordOps,
           PublishOps):
    """Every operation of the count, over one store."""

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False,
             read_only: bool = False) -> Desk:
        try:
            return cls(Store.open(path, create=create, read_only=read_only))
        except StoreError as exc:
            raise from_store(exc) from None
