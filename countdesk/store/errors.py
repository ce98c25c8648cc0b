"""What the store refuses, in the user's words. Nothing was changed when one is raised."""

from __future__ import annotations


class StoreError(Exception):
    """Something the user must be told, in their words. Nothing was changed."""


class StoreInUse(StoreError):
    """Another countdesk is writing to this store; it can be opened read-only to view."""


class StoreReadOnly(StoreError):
    """This store was opened for viewing, or its file or folder is read-only."""


class AccessDenied(StoreError):
    """An action that needs the returning officer's passphrase, without it."""
