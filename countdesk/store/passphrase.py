"""The returning officer's passphrase as the store keeps it: the scrypt hash, and every wrong
try (audited), so the back-off survives closing the program."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from countdesk.store import access
from countdesk.store.errors import AccessDenied

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Mapping
    from contextlib import AbstractContextManager
    from typing import Any

    from countdesk.store.db import Change


def _parse_time(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _clock() -> datetime.datetime:
    from countdesk.store import db  # noqa: PLC0415 - the store's clock (tests move it)

    return db._clock()


def now() -> str:
    from countdesk.store import db  # noqa: PLC0415

    return db.now()


class PassphraseRecords:
    """A part of :class:`countdesk.store.db.Store` (which provides what is declared here)."""

    conn: sqlite3.Connection

    if TYPE_CHECKING:  # the Store's own, declared for the type checker only
        def transaction(self, action: str, actor: str | None, ward_id: int | None = None,
                        details: Mapping[str, Any] | None = None, *,
                        authorised: bool = False,
                        mac_key: bytes | None = None) -> AbstractContextManager[Change]: ...

        def insert(self, change: Change, table: str, row: dict[str, Any]) -> int: ...

        def _require_writable(self) -> None: ...

    # --------------------------------------------------------------- access
    def passphrase_set(self) -> bool:
        """The returning officer has set a passphrase (without one, every action is allowed)."""
        return self._passphrase() is not None

    def _passphrase(self) -> access.PassphraseHash | None:
        row = self.conn.execute(
            "SELECT hash, salt, n, r, p FROM passphrases WHERE role = ? ORDER BY id DESC LIMIT 1",
            (access.ROLE_RO,)).fetchone()
        return None if row is None else access.PassphraseHash(*row)

    def failed_tries(self) -> tuple[int, str | None]:
        """Wrong passphrases in a row (since the last right one), and when the last was."""
        last_ok = self.conn.execute(
            "SELECT COALESCE(MAX(id), 0) FROM passphrase_attempts WHERE ok = 1").fetchone()[0]
        row = self.conn.execute(
            "SELECT COUNT(*), MAX(at) FROM passphrase_attempts WHERE ok = 0 AND id > ?",
            (last_ok,)).fetchone()
        return int(row[0]), row[1]

    def wait_before_next_try(self) -> int:
        """Seconds to wait before the passphrase may be tried again (0: now)."""
        failures, last = self.failed_tries()
        delay = access.backoff_seconds(failures)
        if not delay or last is None:
            return 0
        elapsed = (_clock() - _parse_time(last)).total_seconds()
        return max(0, int(delay - elapsed + 0.999))

    def check_passphrase(self, passphrase: str, *, action: str, actor: str | None = None) -> None:
        """Check the returning officer's passphrase for ``action``; a wrong one is recorded
        (and audited) and counts towards the back-off. Raises :class:`AccessDenied`."""
        stored = self._passphrase()
        if stored is None:
            return
        self._require_writable()
        wait = self.wait_before_next_try()
        if wait:
            failures, _ = self.failed_tries()
            raise AccessDenied(f"{failures} wrong passphrases in a row: wait {access.duration(wait)} before "
                               "trying again; nothing was changed")
        if access.matches(passphrase, stored):
            failures, _ = self.failed_tries()
            if failures:
                with self.transaction("passphrase accepted", actor, details={"for": action,
                                                                        "after_wrong_tries": failures}) as ch:
                    self.insert(ch, "passphrase_attempts", {"ok": 1, "action": action, "actor": actor,
                                                            "at": now()})
            return
        with self.transaction("wrong passphrase", actor, details={"for": action}) as ch:
            self.insert(ch, "passphrase_attempts", {"ok": 0, "action": action, "actor": actor,
                                                    "at": now()})
        failures, _ = self.failed_tries()
        left = access.FREE_TRIES - failures
        if left > 0:
            more = f"{left} more tr{'y' if left == 1 else 'ies'} before a wait"
        else:
            more = f"wait {access.duration(access.backoff_seconds(failures))} before trying again"
        raise AccessDenied(f"wrong passphrase for {action} ({more}); nothing was changed")

