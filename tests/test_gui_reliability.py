"""The desktop app: one writer, the returning officer's passphrase, automatic backups."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from test_gui import drive_dialog, messages, open_window  # noqa: F401 (fixtures)

from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog
from countdesk.store import Store, db
from countdesk.store.db import StoreReadOnly

PASS = "correct horse battery"


@pytest.fixture
def passwords() -> list[str]:
    """The prompts the app showed for a passphrase."""
    return []


def test_the_lot_and_the_declaration_ask_for_the_passphrase(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],  # noqa: F811
        demo_db: Path, passwords: list[str], messages: list[tuple[str, str]]) -> None:  # noqa: F811
    with Store.open(demo_db) as store:
        store.set_passphrase(PASS, by="RO")
    window = open_window(demo_db)
    assert window.store is not None and window.store.is_writer
    window.select_ward_by_name("Nonsuch")
    panel = window.result_panel

    def fill_lot(d: LotDialog) -> None:
        d.method.setCurrentText("Tossing a coin")
        for b in d.group.buttons():
            if "MCDERMOTT-HILL" in b.text():
                b.setChecked(True)

    # a wrong passphrase: refused, said in words, nothing recorded
    monkeypatch.setattr(Dialogs, "get_password", classmethod(
        lambda cls, p, t, label: passwords.append(label) or "not it at all"))
    drive_dialog(monkeypatch, fill_lot)
    qtbot.mouseClick(panel.lot, Qt.MouseButton.LeftButton)
    assert "needs the returning officer's passphrase" in passwords[-1]
    assert messages and "wrong passphrase" in messages[-1][1]
    assert panel.result is not None and panel.result.status.value == "lot_required"
    # the right one
    monkeypatch.setattr(Dialogs, "get_password", classmethod(
        lambda cls, p, t, label: passwords.append(label) or PASS))
    qtbot.mouseClick(panel.lot, Qt.MouseButton.LeftButton)
    assert panel.result.status.value == "ready"
    window.store.acknowledge(window.store.ward("nonsuch").id, "W002")
    window.select_ward_by_name("Nonsuch")

    def fill_declare(d: DeclareDialog) -> None:
        d.confirm.setChecked(True)

    drive_dialog(monkeypatch, fill_declare)
    asked = len(passwords)
    qtbot.mouseClick(panel.declare, Qt.MouseButton.LeftButton)
    assert len(passwords) == asked + 1 and "Declaring the result of Nonsuch" in passwords[-1]
    assert window.store.ward("nonsuch").declared_at is not None
    assert window.store.verify_audit() == []


def test_a_second_instance_offers_read_only_viewing(
        monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],  # noqa: F811
        demo_db: Path, holder: subprocess.Popen[str], messages: list[tuple[str, str]]) -> None:  # noqa: F811
    asked: list[str] = []
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, text: asked.append(text) or True))
    window = open_window(demo_db)
    assert asked and "in use" in asked[0] and f"process {holder.pid}" in asked[0]
    assert window.store is not None and window.store.read_only
    assert "(read-only)" in window.windowTitle()
    assert window.store.result(window.store.ward("nonsuch").id).tie is not None  # can look
    monkeypatch.setattr(db, "WRITER_WAIT", 0.1)
    with pytest.raises(StoreReadOnly, match="viewing only"):
        window.store.acknowledge(window.store.ward("nonsuch").id, "W002")
    # declining closes nothing of the other instance and opens nothing here
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, text: False))
    assert window.open_store(demo_db) is False


def test_backups_after_a_declaration_and_on_the_timer(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],  # noqa: F811
        demo_db: Path, tmp_path: Path, messages: list[tuple[str, str]]) -> None:  # noqa: F811
    from countdesk.reliability.backups import backups_of

    window = open_window(demo_db)
    rel = window.reliability
    usb = tmp_path / "usb"
    usb.mkdir()
    assert rel.backup() is False  # no folder chosen: nothing happens
    monkeypatch.setattr(Dialogs, "choose_folder", classmethod(lambda cls, p, t: str(usb)))
    rel.choose_folder()  # backs up at once
    qtbot.waitUntil(lambda: rel.last_backup is not None, timeout=20000)
    assert rel.last_error is None and len(backups_of(demo_db, usb)) == 1
    # the timer: nothing changed, no backup
    assert rel.backup() is False
    # a change, then the timer fires
    assert window.store is not None
    window.store.acknowledge(window.store.ward("nonsuch").id, "W002")
    first = rel.last_backup
    rel.timer.timeout.emit()
    qtbot.waitUntil(lambda: rel.last_backup != first, timeout=20000)
    # a declaration backs up straight away
    monkeypatch.setattr(Dialogs, "run", classmethod(lambda cls, d: True))
    second = rel.last_backup
    window.result_panel.declared.emit(window.store.ward("belmont").id)
    qtbot.waitUntil(lambda: rel.last_backup != second, timeout=20000)
    made = backups_of(demo_db, usb)
    assert len(made) >= 2
    with Store.open(made[-1], read_only=True) as copy:
        assert copy.verify_audit() == []
    assert rel.timer.isActive() and rel.timer.interval() == 5 * 60 * 1000


def test_choosing_the_signing_key_is_audited_and_needs_the_passphrase(
        monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],  # noqa: F811
        demo_db: Path, tmp_path: Path, messages: list[tuple[str, str]]) -> None:  # noqa: F811
    key = tmp_path / "ro.p12"
    key.write_bytes(b"not really a key, but a file")
    with Store.open(demo_db) as store:
        store.set_passphrase(PASS)
    window = open_window(demo_db)
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, p, t, f: str(key)))
    monkeypatch.setattr(Dialogs, "get_password", classmethod(lambda cls, p, t, label: None))
    window.choose_signing_key()
    assert window.settings.signing_key != str(key)
    assert "Signing key not chosen" in messages[-1][0]
    monkeypatch.setattr(Dialogs, "get_password", classmethod(lambda cls, p, t, label: PASS))
    window.choose_signing_key()
    assert window.settings.signing_key == str(key)
    assert window.store is not None
    rec = window.store.audit_records()[-1]
    assert rec["action"] == "signing key chosen" and "key_sha256" in rec["details"]
