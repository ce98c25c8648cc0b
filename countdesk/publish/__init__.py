"""The results site and the press pack: static HTML, JSON and CSV from core records.

A renderer like :mod:`countdesk.reports` and :mod:`countdesk.exports`: it is handed the
election (a :class:`~countdesk.exports.gather.Snapshot`, the result digests, the declaration
sheets) by the application layer and returns the site's files as bytes; it never reads a
store and writes nothing itself (:mod:`countdesk.app.publishing` writes the folder whole).
"""
