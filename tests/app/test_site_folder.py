"""The site's folder is written whole: a reader sees the old site or the new one, never half
of one, and a folder of other files is never replaced."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from countdesk.app import site_folder
from countdesk.app.site_folder import FolderRefused, write_folder

MARKER = ".countdesk-site"


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """A folder of its own (a USB stick, say)."""
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def site(version: int, pages: int = 40) -> dict[str, bytes]:
    files = {f"wards/w{i}.html": f"<p>version {version} page {i}</p>\n".encode() * 200
             for i in range(pages)}
    files["index.html"] = f"<html>version {version}</html>".encode()
    files[MARKER] = b"countdesk-site/1\n"
    return files


def test_a_reader_never_sees_half_a_site(usb: Path) -> None:
    target = usb / "site"
    write_folder(target, site(0), MARKER)
    seen: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                index = (target / "index.html").read_text()
                pages = len(list((target / "wards").iterdir()))
            except FileNotFoundError as exc:
                seen.append(f"missing {exc.filename}")
                continue
            if pages != 40 or not index.endswith("</html>"):
                seen.append(f"half: {pages} pages, {index!r}")

    t = threading.Thread(target=reader)
    t.start()
    try:
        for version in range(1, 30):
            write_folder(target, site(version), MARKER)
    finally:
        stop.set()
        t.join()
    assert seen == []
    assert (target / "index.html").read_text() == "<html>version 29</html>"
    # beside it only the site before, kept for its readers until the next publish
    assert sorted(p.name for p in usb.iterdir()) == [".site.previous.site-old", "site"]
    assert (usb / ".site.previous.site-old" / "index.html").read_text() == "<html>version 28</html>"


def test_a_failed_write_leaves_the_old_site(usb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = usb / "site"
    write_folder(target, site(1), MARKER)
    real = site_folder.os.fsync
    calls = {"n": 0}

    def failing(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 10:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(site_folder.os, "fsync", failing)
    with pytest.raises(OSError):
        write_folder(target, site(2), MARKER)
    assert (target / "index.html").read_text() == "<html>version 1</html>"
    assert len(list((target / "wards").iterdir())) == 40
    assert [p.name for p in usb.iterdir()] == ["site"]  # the half-made one removed


def test_the_swap_without_an_atomic_exchange(usb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_folder, "exchange", lambda a, b: False)
    target = usb / "site"
    write_folder(target, site(1), MARKER)
    write_folder(target, site(2), MARKER)
    assert (target / "index.html").read_text() == "<html>version 2</html>"
    assert sorted(p.name for p in usb.iterdir()) == [".site.previous.site-old", "site"]


def test_a_folder_of_other_files_is_refused_and_left_alone(usb: Path) -> None:
    target = usb / "documents"
    target.mkdir()
    (target / "minutes.docx").write_bytes(b"precious")
    with pytest.raises(FolderRefused, match="already holds other files"):
        write_folder(target, site(1), MARKER)
    assert [p.name for p in target.iterdir()] == ["minutes.docx"]
    (usb / "afile").write_text("x")
    with pytest.raises(FolderRefused, match="not a folder"):
        write_folder(usb / "afile", site(1), MARKER)
    empty = usb / "empty"
    empty.mkdir()
    write_folder(empty, site(1), MARKER)
    assert (empty / "index.html").is_file()


def test_a_path_outside_the_site_is_refused(usb: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        write_folder(usb / "site", {"../evil.html": b"x"}, MARKER)
    assert not (usb / "evil.html").exists() and not (usb / "site").exists()
