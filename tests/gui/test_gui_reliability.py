"""The desktop app: one writer, the returning officer's passphrase, automatic backups."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from gui_helpers import drive_dialog, show_provisional, wait_for
from PySide6.QtCore import Qt

from countdesk.app import Desk, StoreReadOnly
from countdesk.app.safety import backups_of
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog

PASS = "correct horse battery"


@pytest.fixture
def passwords() -> list[str]:
    """The prompts the app showed for a passphrase."""
    return []


def test_the_lot_and_the_declaration_ask_for_the_passphrase(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, passwords: list[str], messages: list[tuple[str, str]]) -> None:
    with Desk.open(demo_db) as desk:
        desk.set_passphrase(PASS, by="RO")
    window = open_window(demo_db)
    assert window.desk is not None and not window.desk.read_only
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")  # needs no passphrase
    panel = window.result_panel

    def fill_lot(d: LotDialog) -> None:
        d.method.setCurrentText("Tossing a coin")
        for b in d.group.buttons():
            if "MCDERMOTT-HILL" in b.text():
                b.setChecked(True)

    # cancelled: refused politely (no error box), nothing recorded
    monkeypatch.setattr(Dialogs, "get_password", classmethod(
        lambda cls, p, t, label: passwords.append(label) or None))
    drive_dialog(monkeypatch, fill_lot)
    qtbot.mouseClick(panel.lot, Qt.MouseButton.LeftButton)
    assert len(passwords) == 1 and "Recording the drawing of lots in Nonsuch needs the returning " \
        "officer's passphrase" in passwords[0]
    assert messages == []
    assert "nothing was changed" in window.statusBar().currentMessage()
    assert panel.result is not None and panel.result.status.value == "lot_required"
    # a wrong passphrase: asked once, refused, said in words, nothing recorded
    monkeypatch.setattr(Dialogs, "get_password", classmethod(
        lambda cls, p, t, label: passwords.append(label) or "not it at all"))
    qtbot.mouseClick(panel.lot, Qt.MouseButton.LeftButton)
    assert len(passwords) == 2
    assert messages and "wrong passphrase" in messages[-1][1].lower() and "(code P002)" in messages[-1][1]
    assert panel.result is not None and panel.result.status.value == "lot_required"
    # the right one
    monkeypatch.setattr(Dialogs, "get_password", classmethod(
        lambda cls, p, t, label: passwords.append(label) or PASS))
    qtbot.mouseClick(panel.lot, Qt.MouseButton.LeftButton)
    assert len(passwords) == 3
    assert panel.result.status.value == "ready"
    drive_dialog(monkeypatch, lambda d: (d.name.setText("A. Deputy"),  # named, with a reason
                                         d.explanation.setPlainText("tie decided by lot")))
    qtbot.mouseClick(panel.acknowledge, Qt.MouseButton.LeftButton)  # needs no passphrase
    assert len(passwords) == 3

    def fill_declare(d: DeclareDialog) -> None:
        d.confirm.setChecked(True)

    drive_dialog(monkeypatch, fill_declare)
    asked = len(passwords)
    qtbot.mouseClick(panel.declare, Qt.MouseButton.LeftButton)
    assert len(passwords) == asked + 1 and "Declaring the result of Nonsuch" in passwords[-1]
    assert window.desk.ward("nonsuch").declared_at is not None
    assert window.desk.verify_audit() == []


def test_a_second_instance_offers_read_only_viewing(
        monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, holder: subprocess.Popen[str], messages: list[tuple[str, str]]) -> None:
    asked: list[str] = []
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, text: asked.append(text) or True))
    window = open_window(demo_db)
    assert asked and "in use" in asked[0] and f"process {holder.pid}" in asked[0]
    assert window.desk is not None and window.desk.read_only
    assert "(read-only)" in window.windowTitle()
    assert window.desk.result("nonsuch").tie is not None  # can look
    with pytest.raises(StoreReadOnly, match="viewing only"):
        window.desk.show_provisional("nonsuch")
    # declining closes nothing of the other instance and opens nothing here
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, text: False))
    assert window.open_store(demo_db) is False


def test_backups_after_a_declaration_and_on_the_timer(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, tmp_path: Path, messages: list[tuple[str, str]]) -> None:
    window = open_window(demo_db)
    rel = window.reliability
    usb = tmp_path / "usb"
    usb.mkdir()
    assert rel.backup() is False  # no folder chosen: nothing happens
    monkeypatch.setattr(Dialogs, "choose_folder", classmethod(lambda cls, p, t: str(usb)))
    rel.choose_folder()  # backs up at once
    wait_for(lambda: rel.last_backup is not None, 20)
    assert rel.last_error is None and len(backups_of(demo_db, usb)) == 1
    # the timer: nothing changed, no backup
    assert rel.backup() is False
    # a change, then the timer fires
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")
    first = rel.last_backup
    rel.timer.timeout.emit()
    wait_for(lambda: rel.last_backup != first, 20)
    # a declaration backs up straight away
    monkeypatch.setattr(Dialogs, "run", classmethod(lambda cls, d: True))
    second = rel.last_backup
    window.result_panel.declared.emit(window.desk.ward("belmont").id)  # type: ignore[union-attr]
    wait_for(lambda: rel.last_backup != second, 20)
    made = backups_of(demo_db, usb)
    assert len(made) >= 2
    with Desk.open(made[-1], read_only=True) as copy:
        assert copy.verify_audit() == []
    assert rel.timer.isActive() and rel.timer.interval() == 5 * 60 * 1000


def test_choosing_the_signing_key_is_audited_and_needs_the_passphrase(
        monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, tmp_path: Path, messages: list[tuple[str, str]]) -> None:
    from countdesk.reports.signing import keygen

    info = keygen("Niall Bolger", tmp_path / "ro.p12", "the key's own passphrase")
    key = info.p12_path
    with Desk.open(demo_db) as desk:
        desk.set_passphrase(PASS)
    window = open_window(demo_db)
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, p, t, f: str(key)))

    def answers(key_pass: str | None, ro_pass: str | None) -> None:
        monkeypatch.setattr(Dialogs, "get_password", classmethod(
            lambda cls, p, title, label: key_pass if title == "Signing key" else ro_pass))

    answers(None, PASS)
    window.choose_signing_key()  # the key's passphrase prompt cancelled: refused politely
    assert window.settings.signing_key != str(key)
    assert messages == [] and "Signing key not chosen" in window.statusBar().currentMessage()
    answers("not the key's passphrase", PASS)
    window.choose_signing_key()  # a key that does not open is said so, and not chosen
    assert window.settings.signing_key != str(key) and messages and messages[-1][0] == "Signing key"
    answers("the key's own passphrase", None)
    window.choose_signing_key()  # the returning officer's passphrase cancelled: refused politely
    assert window.settings.signing_key != str(key)
    answers("the key's own passphrase", PASS)
    window.choose_signing_key()
    assert window.settings.signing_key == str(key)
    assert window.desk is not None
    rec = window.desk.audit_records()[-1]
    assert rec["action"] == "signing key chosen" and "key_sha256" in rec["details"]
    assert info.fingerprint in rec["details"]  # registered: verify --db checks the signer against it
