"""The real program in a real X display at 1366×768 with a window manager (issue 16):
``countdesk --demo`` starts, its window fits the screen, both themes are switched from
the keyboard (High contrast, Larger type, and back), and the program is still alive and
still fits. Skipped, saying why, when Xvfb, openbox or xdotool are not installed
(.ci/run installs them on Debian)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import ROOT

TOOLS = ("Xvfb", "openbox", "xdotool", "xwininfo")
WIDTH, HEIGHT = 1366, 768

pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS),
    reason="needs Xvfb, openbox, xdotool and xwininfo (Debian: xvfb openbox xdotool x11-utils)")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A fresh X display at 1366×768 (a free number chosen by Xvfb) with openbox."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{WIDTH}x{HEIGHT}x24",
                             "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    name = f":{number}"
    wm = subprocess.Popen(["openbox"], env=dict(os.environ, DISPLAY=name),
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield name
    finally:
        for p in (wm, xvfb):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:  # pragma: no cover
                p.kill()


def _x(display: str, *args: str) -> str:
    return subprocess.run(list(args), env=dict(os.environ, DISPLAY=display), capture_output=True,
                          text=True, timeout=30, check=False).stdout


def _frame(display: str, window: str) -> tuple[int, int, int, int]:
    """The window's frame on the screen: x, y, width, height (as the window manager placed it)."""
    info = _x(display, "xwininfo", "-id", window, "-frame")
    get = {k: int(v) for k, v in re.findall(r"(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)", info)}
    return get["Absolute upper-left X"], get["Absolute upper-left Y"], get["Width"], get["Height"]


def _fits(frame: tuple[int, int, int, int]) -> bool:
    x, y, w, h = frame
    return x >= 0 and y >= 0 and x + w <= WIDTH and y + h <= HEIGHT


def test_the_demo_fits_1366x768_and_survives_both_themes(display: str, tmp_path: Path) -> None:
    env = dict(os.environ, DISPLAY=display, COUNTDESK_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)  # the real xcb platform, not the tests' offscreen one
    app = subprocess.Popen([sys.executable, "-m", "countdesk.cli", "--demo"], env=env, cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        window = ""
        deadline = time.monotonic() + 40
        while not window and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.5)
            found = _x(display, "xdotool", "search", "--onlyvisible", "--name", "countdesk").split()
            window = found[0] if found else ""
        assert window, "no countdesk window appeared"
        time.sleep(1.5)  # mapped, placed by openbox, its first layout done
        assert _fits(_frame(display, window)), _frame(display, window)
        _x(display, "xdotool", "windowactivate", "--sync", window)
        for keys in ("ctrl+shift+h", "ctrl+equal", "ctrl+shift+h", "ctrl+equal", "ctrl+shift+h"):
            _x(display, "xdotool", "key", "--window", window, "--clearmodifiers", keys)
            time.sleep(0.7)
            assert app.poll() is None, f"countdesk died after {keys}"
        settings = (tmp_path / "home" / "settings.ini").read_text(encoding="utf-8")
        assert re.search(r"high_contrast=true", settings), settings  # the keys reached the app
        assert _fits(_frame(display, window)), _frame(display, window)
        assert app.poll() is None
    finally:
        app.terminate()
        try:
            out, _ = app.communicate(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            app.kill()
            out, _ = app.communicate()
    assert "Segmentation fault" not in (out or "") and "Fatal Python error" not in (out or "")
