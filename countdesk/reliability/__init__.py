"""Keeping a store safe: backups and restores, and their commands.

The store itself (:mod:`countdesk.store`) holds the writer lock, the
returning officer's passphrase and corrections; this package adds what works
on whole store files (backups, restores) and the command-line commands.
"""
