"""Stores on disk, for the front ends: where they live, importing an election file,
and the built-in demo. (The front ends never open the store's modules themselves.)"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from countdesk.app.errors import AppError, from_store
from countdesk.store.errors import StoreError
from countdesk.store.paths import data_home, default_store_path

__all__ = ["data_home", "default_store_path", "import_election_file", "make_demo_store"]

DEMO_FILE = "demo-sutton-2018.json"
#: the demo election imported once (then copied at each start): this, then a key, then .db
DEMO_TEMPLATE = "template-"
#: the built-in demos: which -> (seed file, the copy's file name, the template's prefix).
#: ``--demo`` is Sutton; the start screen also offers the Welsh one (issue 13).
DEMOS: dict[str, tuple[str, str, str]] = {
    "sutton": (DEMO_FILE, "countdesk-demo.db", DEMO_TEMPLATE),
    "wales": ("demo-eryri-2022.json", "countdesk-demo-cymru.db", "template-cymru-"),
}


def import_election_file(db_path: str | os.PathLike[str], file: str | os.PathLike[str], *,
                         replace: bool = False, actor: str | None = None,
                         passphrase: str | None = None) -> Path | None:
    """Import an election file into the store at ``db_path`` (made if need be), all or
    nothing. With ``replace`` an undeclared election is replaced and kept beside it (which
    needs the returning officer's passphrase once one is set); returns where the replaced one
    is kept (None: nothing replaced)."""
    from countdesk.store.db import Store  # noqa: PLC0415
    from countdesk.store.importer import import_into  # noqa: PLC0415

    try:
        target = Path(db_path)
        if replace and target.is_file():
            with Store.open(target) as store:
                if store.passphrase_set():
                    if passphrase is None:
                        raise AppError("P001", "Replacing the election in this store needs the "
                                       "returning officer's passphrase (--ro-passphrase-file FILE); "
                                       "nothing was changed")
                    store.check_passphrase(passphrase, action="replacing the election")
        return import_into(db_path, file, replace=replace, actor=actor)
    except StoreError as exc:
        raise from_store(exc) from None


def make_demo_store(which: str = "sutton") -> Path:
    """A fresh copy of a built-in demo election (Sutton 2018; ``"wales"``: the Welsh demo,
    Eryri 2022 in Welsh and English), never the user's own store.

    The demo file is imported once per countdesk version, store schema and demo file (a
    template kept beside the copy), and each start copies that template: importing it
    afresh at every start cost sqlite-utils' import and the whole election's checks. The
    copy is exactly what the import made then (its audit records carry that time)."""
    if which not in DEMOS:
        raise AppError("A041", f"there is no demo called {which!r} (sutton or wales)")
    seed_file, copy_name, prefix = DEMOS[which]
    folder = data_home() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / copy_name
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    template = _demo_template(folder, seed_file, prefix)
    fd, tmp = tempfile.mkstemp(prefix=".countdesk-demo.", suffix=".db", dir=folder)
    os.close(fd)
    try:
        shutil.copyfile(template, tmp)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _demo_template(folder: Path, seed_file: str = DEMO_FILE, prefix: str = DEMO_TEMPLATE) -> Path:
    """The demo election imported once into ``folder`` for this countdesk version, store
    schema and demo file; older templates are removed."""
    import hashlib  # noqa: PLC0415

    from countdesk import __version__  # noqa: PLC0415
    from countdesk.resources import seeds_dir  # noqa: PLC0415
    from countdesk.store.schema import MIGRATIONS, SCHEMA_VERSION  # noqa: PLC0415

    seed = seeds_dir() / seed_file
    key = hashlib.sha256(seed.read_bytes())
    key.update(repr((__version__, SCHEMA_VERSION, [name for name, _ in MIGRATIONS])).encode())
    template = folder / f"{prefix}{key.hexdigest()[:16]}.db"
    if template.is_file():
        return template
    fd, tmp = tempfile.mkstemp(prefix=".countdesk-demo-template.", suffix=".db", dir=folder)
    os.close(fd)
    Path(tmp).unlink()
    try:
        import_election_file(tmp, seed, actor="demo")
        os.replace(tmp, template)  # whole or not at all, even with two starts at once
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(tmp + suffix).unlink(missing_ok=True)
    for old in folder.glob(f"{prefix}*.db"):
        if old != template and (prefix != DEMO_TEMPLATE or not old.name.startswith("template-cymru-")):
            old.unlink(missing_ok=True)
    return template
