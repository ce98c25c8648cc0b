"""The site as a person opens it: headless Chromium (Debian's package) from the folder
(file://) at a phone width and a desktop width; the result's QR code on the page, as the
browser draws it, decodes to the ward's result."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from publish_steps import declared_demo

from countdesk.app import Desk

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ZBAR = shutil.which("zbarimg")


def screenshot(page: Path, out: Path, width: int, height: int) -> None:
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={out}", f"--window-size={width},{height}", page.as_uri()],
                   capture_output=True, check=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None or ZBAR is None, reason="needs Debian's chromium and zbar-tools "
                    "(apt-get install chromium zbar-tools): the site is not opened in a browser here")
@pytest.mark.parametrize("width", [390, 1366])
def test_the_ward_page_in_a_browser_shows_a_code_that_decodes(demo_db: Path, tmp_path: Path,
                                                              width: int) -> None:
    declared_demo(demo_db, ["Nonsuch"])
    with Desk.open(demo_db, read_only=True) as desk:
        desk.publish_site(tmp_path / "site")
        text = desk.result_code("Nonsuch")[1]
    shot = tmp_path / "page.png"
    screenshot(tmp_path / "site" / "wards" / "nonsuch.html", shot, width, 3200)
    decoded = subprocess.run([str(ZBAR), "--raw", "-q", str(shot)], capture_output=True,
                             check=True).stdout.decode("utf-8").rstrip("\n")
    assert decoded == text
