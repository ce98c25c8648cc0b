"""What the built program (installer/) relies on: portable mode, files found when
frozen, the smoke test's quit-after-shown switch, and no import of an excluded Qt module.

The built program itself is tested by ``installer/smoke.sh``.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from countdesk import resources
from countdesk.store import paths
from helpers import ROOT


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be the built program at ``tmp_path/app/countdesk``; no COUNTDESK_HOME."""
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "countdesk").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "countdesk"))
    monkeypatch.delenv("COUNTDESK_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "xdg"))
    return folder


def test_portable_marker_keeps_the_data_beside_the_program(frozen: Path) -> None:
    (frozen / "portable.txt").write_text("")
    assert paths.data_home() == frozen.resolve() / "countdesk-data"
    assert paths.default_store_path() == frozen.resolve() / "countdesk-data" / "countdesk.db"


def test_without_the_marker_the_built_program_uses_the_user_data_folder(frozen: Path) -> None:
    home = paths.data_home()
    assert home.name == "countdesk"
    assert frozen.resolve() not in home.parents


def test_countdesk_home_wins_over_portable_mode(frozen: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (frozen / "portable.txt").write_text("")
    monkeypatch.setenv("COUNTDESK_HOME", str(tmp_path / "elsewhere"))
    assert paths.data_home() == tmp_path / "elsewhere"


def test_a_python_interpreter_is_never_taken_for_a_usb_stick(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "python3").write_bytes(b"")
    (tmp_path / "portable.txt").write_text("")
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python3"))
    monkeypatch.delenv("COUNTDESK_HOME", raising=False)
    assert paths.portable_home() is None
    assert tmp_path not in paths.data_home().parents


def test_a_folder_named_portable_txt_is_not_the_marker(frozen: Path) -> None:
    (frozen / "portable.txt").mkdir()
    assert paths.portable_home() is None


def test_the_built_program_finds_fonts_and_seeds_inside_itself(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_dir() == tmp_path / "countdesk" / "_resources"
    assert resources.seeds_dir() == tmp_path / "countdesk" / "_seeds"


def test_a_checkout_finds_fonts_and_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert (resources.resource_dir() / "fonts" / "DejaVuSans.ttf").is_file()
    assert (resources.seeds_dir() / "demo-sutton-2018.json").is_file()


def test_quit_after_shown_opens_the_demo_window_and_quits(qapp: Any, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from countdesk.gui.app import QUIT_AFTER_SHOWN, run_app

    monkeypatch.setenv(QUIT_AFTER_SHOWN, "1")
    assert run_app(argparse.Namespace(db=None, demo=True)) == 0
    err = capsys.readouterr().err
    assert "countdesk: main window shown: London Borough of Sutton" in err


def _spec_list(name: str) -> list[str]:
    tree = ast.parse((ROOT / "installer" / "countdesk.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return value
    raise AssertionError(f"{name} is not in installer/countdesk.spec")


def test_countdesk_imports_no_qt_module_the_installer_excludes() -> None:
    """Every countdesk module imported in a fresh Python: none may need an excluded Qt module
    (the built program would fail where the tests pass)."""
    code = textwrap.dedent("""
        import importlib, pkgutil, sys
        import countdesk
        for m in pkgutil.walk_packages(countdesk.__path__, "countdesk."):
            if not m.name.startswith("countdesk._"):
                importlib.import_module(m.name)
        print(" ".join(sorted(n for n in sys.modules if n.startswith("PySide6.Qt"))))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                         timeout=120).stdout
    used = {name.removeprefix("PySide6.") for name in out.split()}
    assert {"QtWidgets", "QtPdf", "QtPrintSupport"} <= used
    assert not used & set(_spec_list("QT_UNUSED"))
