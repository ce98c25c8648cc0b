"""One writer per store *file*, whatever its name: hard links, a name left after the original
was removed, and a planted symbolic link in place of the lock file (issue 14, findings 2 and 8)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from countdesk.store import Store
from countdesk.store.errors import StoreError, StoreInUse, StoreReadOnly
from helpers import CliResult, db_fingerprint


def test_a_store_with_two_names_is_refused(demo_db: Path, run: object) -> None:
    link = demo_db.with_name("link.db")
    os.link(demo_db, link)
    before = db_fingerprint(demo_db)
    for path in (demo_db, link):
        with pytest.raises(StoreError, match="hard links"):
            Store.open(path)
        with pytest.raises(StoreError, match="hard links"):
            Store.open(path, read_only=True)
    r: CliResult = run("--db", link, "enter", "Belmont", "--keying", "first", "--votes", "1=1")  # type: ignore[operator]
    assert r.code == 2 and "hard links" in r.err
    assert db_fingerprint(demo_db) == before


def test_a_writer_through_another_name_of_a_held_file_is_refused(
        demo_db: Path, holder: subprocess.Popen[str], run: object) -> None:
    """The app holds s.db; a link is made and the original name removed, so the link is the
    file's only name: a command line writing through it must still be refused."""
    link = demo_db.with_name("other-name.db")
    os.link(demo_db, link)
    demo_db.unlink()
    for side in ("-wal", "-shm"):
        if Path(f"{demo_db}{side}").exists():
            os.link(f"{demo_db}{side}", f"{link}{side}")
    with pytest.raises(StoreInUse, match="another name"):
        store = Store.open(link)
        try:
            store.claim_writer()
        finally:
            store.close()
    r: CliResult = run("--db", link, "provisional", "Belmont")  # type: ignore[operator]
    assert r.code == 2 and "another name" in r.err, r.err


def test_two_writers_in_one_process_through_two_names(tmp_path: Path, demo_db: Path) -> None:
    a = Store.open(demo_db)
    a.claim_writer()
    try:
        link = tmp_path / "second-name.db"
        os.link(demo_db, link)
        demo_db_alias = link
        os.unlink(demo_db)  # the link is now the file's only name
        b = Store.open(demo_db_alias)
        try:
            with pytest.raises(StoreInUse):
                b.claim_writer()
        finally:
            b.close()
    finally:
        a.close()


def test_a_planted_symbolic_link_for_the_lock_file_is_never_written_through(
        demo_db: Path, tmp_path: Path, run: object) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the returning officer's notes\n", encoding="utf-8")
    lock = demo_db.with_name(demo_db.name + ".lock")
    lock.symlink_to(victim)
    store = Store.open(demo_db)
    try:
        with pytest.raises(StoreReadOnly, match="symbolic link"):
            store.claim_writer()
    finally:
        store.close()
    r: CliResult = run("--db", demo_db, "provisional", "Belmont")  # type: ignore[operator]
    assert r.code == 2 and "symbolic link" in r.err
    assert victim.read_text(encoding="utf-8") == "the returning officer's notes\n"
    assert lock.is_symlink()


def test_a_lock_file_that_is_a_hard_link_to_another_file_is_refused(demo_db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    os.link(victim, demo_db.with_name(demo_db.name + ".lock"))
    store = Store.open(demo_db)
    try:
        with pytest.raises(StoreReadOnly, match="not countdesk's lock file"):
            store.claim_writer()
    finally:
        store.close()
    assert victim.read_text(encoding="utf-8") == "keep me\n"
