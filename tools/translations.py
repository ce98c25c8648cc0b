"""Update the desk's translation catalogues and compile them.

    python tools/translations.py            # lupdate: new GUI strings into resources/translations/*.ts,
                                            # then lrelease: the .ts into the .qm the app loads
    python tools/translations.py --check    # say what is missing or unfinished (exit 1 if anything)
    python tools/translations.py --release  # lrelease only (after translating in Qt Linguist)

Translate in Qt Linguist (``pyside6-linguist resources/translations/countdesk_cy.ts``) or in any
text editor; then run ``--release`` and commit both the ``.ts`` and the ``.qm``
(resources/README.md).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "countdesk" / "gui"
CATALOGUES = ROOT / "resources" / "translations"
LANGUAGES = {"cy": "cy_GB"}


def tool(name: str) -> str:
    """``pyside6-lupdate`` or ``pyside6-lrelease``: beside this Python, else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.glob("*.py"))


def ts_path(language: str) -> Path:
    return CATALOGUES / f"countdesk_{language}.ts"


def qm_path(language: str) -> Path:
    return CATALOGUES / f"countdesk_{language}.qm"


def lupdate(ts: Path, language: str) -> None:
    """Extract every string of the desktop app into ``ts`` (no line numbers, so that the
    catalogue changes only when a string does; strings no longer used are dropped)."""
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete",
                    "-target-language", LANGUAGES[language], "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True,
                   capture_output=True, text=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """{(context, source): translation, or None when missing or unfinished}."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            text = None
            if tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished"):
                forms = [f.text or "" for f in tr.iter("numerusform")]
                text = (forms[0] if forms else tr.text) or None
            if tr is not None and tr.get("type") in ("obsolete", "vanished"):
                continue
            out[(name, source)] = text
    return out


def check(language: str) -> list[str]:
    """What the committed catalogue lacks against the sources now: strings not in it, strings
    not translated, and a .qm older than its .ts."""
    problems = []
    committed = messages(ts_path(language))
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts_path(language).name
        shutil.copy(ts_path(language), fresh)
        lupdate(fresh, language)
        now = messages(fresh)
        for key in sorted(set(now) - set(committed)):
            problems.append(f"not in the catalogue: [{key[0]}] {key[1]!r}")
        for key, text in sorted(now.items()):
            if key in committed and text is None:
                problems.append(f"not translated: [{key[0]}] {key[1]!r}")
        qm = Path(tmp) / "fresh.qm"
        lrelease(ts_path(language), qm)
        if not qm_path(language).exists() or qm.read_bytes() != qm_path(language).read_bytes():
            problems.append(f"{qm_path(language).name} is not compiled from the committed "
                            f"{ts_path(language).name}: run tools/translations.py --release")
    return problems


def finished(language: str) -> tuple[int, int]:
    """(translated, total) messages of the committed catalogue."""
    m = messages(ts_path(language))
    return sum(1 for t in m.values() if t), len(m)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--release", action="store_true")
    args = parser.parse_args(argv)
    CATALOGUES.mkdir(parents=True, exist_ok=True)
    status = 0
    for language in LANGUAGES:
        if args.check:
            problems = check(language)
            for p in problems:
                print(f"{language}: {p}")
            status = status or (1 if problems else 0)
        else:
            if not args.release:
                lupdate(ts_path(language), language)
            lrelease(ts_path(language), qm_path(language))
        done, total = finished(language)
        print(f"{language}: {done} of {total} messages translated ({100 * done / max(total, 1):.1f}%)")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
