"""Build countdesk for this platform: the PyInstaller folder, a check of it, an archive.

    python installer/build.py              # build dist/countdesk, check it, write the archive
    python installer/build.py --no-build   # check and archive the dist/countdesk already built

Run it from any folder, with the Python that has countdesk's dependencies and
PyInstaller (``pip install -e ".[installer]"``). It writes, in the checkout's ``dist/``:

- ``countdesk/``: the program folder (``countdesk-app`` and ``countdesk`` inside);
- ``countdesk-VERSION-PLATFORM-ARCH.tar.gz`` on Linux, ``.zip`` on Windows and macOS
  (macOS: the ``.app``; the ``.dmg`` is made by ``installer/macos.sh``);
- on Windows, with Inno Setup's ``ISCC`` on the PATH, ``countdesk-VERSION-setup.exe``.

It prints the unpacked size and what takes the space, and fails (exit 1) when a
piece the program needs is missing or a Qt module that should be excluded is there.

Code signing happens only when its environment variables are set (none are needed
to build): on Windows ``COUNTDESK_SIGN_PFX`` (a .pfx file), ``COUNTDESK_SIGN_PASSWORD``
and optionally ``COUNTDESK_SIGN_TIMESTAMP`` (an RFC 3161 URL) sign both programs and
the installer with ``signtool``; macOS signing is in ``installer/macos.sh``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
APP = "countdesk"  # the folder PyInstaller writes: dist/countdesk
LIMIT_MB = 200  # the bundle must stay under this, unpacked

IS_WIN = sys.platform == "win32"
IS_MAC = sys.platform == "darwin"
EXE = ".exe" if IS_WIN else ""


def version() -> str:
    text = (ROOT / "countdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    assert match, "no __version__ in countdesk/__init__.py"
    return match.group(1)


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("arm64", "aarch64")
    return f"{system}-{machine}"


# --------------------------------------------------------------------- build
def build() -> float:
    """Run PyInstaller on the spec; return the seconds it took."""
    start = time.monotonic()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(BUILD), str(INSTALLER / "countdesk.spec")]
    print("building:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)
    return time.monotonic() - start


# --------------------------------------------------------------------- check
def qt_dir(bundle: Path) -> Path:
    return bundle / "_internal" / "PySide6" / ("" if IS_WIN else "Qt")


def required(bundle: Path) -> list[str]:
    """Files (globs, relative to the bundle) that the program needs."""
    inside = "_internal/countdesk"
    need = [f"countdesk-app{EXE}", f"countdesk{EXE}",
            f"{inside}/_resources/fonts/DejaVuSans.ttf", f"{inside}/_resources/fonts/DejaVuSans-Bold.ttf",
            f"{inside}/_resources/fonts/DejaVuSans-Oblique.ttf",
            f"{inside}/_resources/fonts/DejaVuSans-BoldOblique.ttf",
            f"{inside}/_resources/fonts/LICENSE-DejaVu.txt",
            f"{inside}/_resources/translations/countdesk_cy.qm",  # the desk in Welsh
            f"{inside}/publish/templates/index.html.j2",  # the results site (countdesk publish)
            f"{inside}/_resources/i18n/documents.en.json",  # the documents' wording
            f"{inside}/_resources/i18n/documents.cy.json",
            f"{inside}/_seeds/demo-sutton-2018.json", f"{inside}/_seeds/sample-ties.json",
            f"{inside}/_seeds/demo-eryri-2022.json",
            "_internal/cryptography/hazmat/bindings/_rust*", "_internal/reportlab/pdfbase/_fontdata*",
            "_internal/pyhanko/sign/signers/pdf_signer*", "_internal/pyhanko_certvalidator/*",
            "_internal/lxml/etree*"]
    qt = qt_dir(bundle).relative_to(bundle).as_posix()
    for module in ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets"):
        need.append(f"_internal/PySide6/{module}.*")
    lib = {"win32": "{qt}/Qt6{name}.dll", "darwin": "{qt}/lib/Qt{name}.framework"}.get(
        sys.platform, "{qt}/lib/libQt6{name}.so.6")
    for name in ("Core", "Gui", "Widgets", "PrintSupport", "Pdf", "PdfWidgets", "Svg", "Network"):
        need.append(lib.format(qt=qt, name=name))
    plugins = f"{qt}/plugins"
    need += [f"{plugins}/platforms/*offscreen*", f"{plugins}/imageformats/*qsvg*",
             f"{plugins}/imageformats/*qjpeg*", f"{plugins}/iconengines/*qsvgicon*"]
    if IS_WIN:
        need.append(f"{plugins}/platforms/qwindows.dll")
    elif IS_MAC:
        need.append(f"{plugins}/platforms/libqcocoa.dylib")
    else:
        need += [f"{plugins}/platforms/libqxcb.so", f"{plugins}/platforms/libqwayland.so",
                 f"{plugins}/printsupport/libcupsprintersupport.so", f"{plugins}/xcbglintegrations/*"]
    return need


#: Qt pieces the spec excludes; finding one means an exclusion stopped working.
UNWANTED = ["_internal/PySide6/QtNetwork.*", "_internal/PySide6/QtQml.*", "_internal/PySide6/QtQuick*",
            "**/*Qt6Quick*", "**/*Qt6Qml*", "**/*Qt6WebEngine*", "**/*Qt63D*", "**/*Qt6Multimedia*",
            "**/*Qt6Bluetooth*", "**/*Qt6Sql*", "**/*Qt6VirtualKeyboard*",
            "_internal/PySide6/**/translations/*.qm",  # Qt's own (countdesk's are in _resources)
            "_internal/setuptools", "_internal/pytest", "_internal/hypothesis", "_internal/tkinter"]


def check(bundle: Path) -> list[str]:
    """What is wrong with the built folder (nothing: an empty list)."""
    problems = [f"missing: {pattern}" for pattern in required(bundle) if not any(bundle.glob(pattern))]
    for pattern in UNWANTED:
        found = sorted(bundle.glob(pattern))
        if found:
            problems.append(f"should be excluded: {found[0].relative_to(bundle)}"
                            + (f" (and {len(found) - 1} more)" if len(found) > 1 else ""))
    return problems


# ---------------------------------------------------------------------- size
def files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def group(rel: Path) -> str:
    """What a file counts towards in the size report."""
    parts = rel.parts
    if parts[0] != "_internal":
        return rel.as_posix()
    inner = parts[1:]
    if len(inner) == 1:
        if re.match(r"(lib)?python3", inner[0]):
            return "Python interpreter (libpython)"
        if re.search(r"\.(so|dll|dylib)\b", inner[0]):
            return "other shared libraries (OpenSSL, C++ runtime, X11/xcb, GLib, fontconfig, ...)"
        return rel.as_posix()
    if inner[0] == "PySide6":
        if "lib" in inner and inner[-1].startswith(("libicu", "icu")):
            return "PySide6: ICU (Unicode data for Qt Core)"
        if "plugins" in inner:
            return "PySide6: Qt plugins"
        if inner[-1].startswith(("libQt6", "Qt6")) or ".framework" in "/".join(inner):
            return "PySide6: Qt libraries"
        return "PySide6: Python bindings (+ shiboken)"
    if inner[0].endswith(".dist-info"):
        return "licences and metadata (*.dist-info)"
    if inner[0] in ("python3.11", "lib-dynload", "base_library.zip"):
        return "Python standard library"
    if inner[0] == "countdesk":
        return "countdesk (code, fonts, demo)"
    return inner[0]


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def report(bundle: Path, top: int = 18) -> int:
    all_files = files(bundle)
    total = sum(p.stat().st_size for p in all_files)
    sizes: Counter[str] = Counter()
    for p in all_files:
        sizes[group(p.relative_to(bundle))] += p.stat().st_size
    print(f"\nunpacked: {mb(total)} in {len(all_files)} files ({bundle})")
    print("biggest contributors:")
    for name, size in sizes.most_common(top):
        print(f"  {mb(size):>9}  {100 * size / total:4.1f}%  {name}")
    rest = total - sum(size for _, size in sizes.most_common(top))
    print(f"  {mb(rest):>9}  {100 * rest / total:4.1f}%  everything else")
    return total


# ------------------------------------------------------------------- signing
def sign_windows(paths: list[Path]) -> None:
    pfx = os.environ.get("COUNTDESK_SIGN_PFX")
    if not pfx:
        print("not signed: COUNTDESK_SIGN_PFX is not set")
        return
    cmd = ["signtool", "sign", "/f", pfx, "/fd", "sha256"]
    if os.environ.get("COUNTDESK_SIGN_PASSWORD"):
        cmd += ["/p", os.environ["COUNTDESK_SIGN_PASSWORD"]]
    if os.environ.get("COUNTDESK_SIGN_TIMESTAMP"):
        cmd += ["/tr", os.environ["COUNTDESK_SIGN_TIMESTAMP"], "/td", "sha256"]
    subprocess.run([*cmd, *map(str, paths)], check=True)
    print("signed:", ", ".join(p.name for p in paths))


def inno_setup(bundle: Path, ver: str) -> Path | None:
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if iscc is None:
        print("no installer: Inno Setup's ISCC is not on the PATH")
        return None
    cmd = [iscc, f"/DAppVersion={ver}", f"/DSourceDir={bundle}", f"/O{DIST}"]
    if os.environ.get("COUNTDESK_SIGN_PFX"):
        sign = f'signtool sign /f "{os.environ["COUNTDESK_SIGN_PFX"]}" /fd sha256'
        if os.environ.get("COUNTDESK_SIGN_PASSWORD"):
            sign += f' /p "{os.environ["COUNTDESK_SIGN_PASSWORD"]}"'
        if os.environ.get("COUNTDESK_SIGN_TIMESTAMP"):
            sign += f' /tr {os.environ["COUNTDESK_SIGN_TIMESTAMP"]} /td sha256'
        cmd += ["/DSign", f"/Scountdesk={sign} $f"]
    subprocess.run([*cmd, str(INSTALLER / "countdesk.iss")], check=True)
    return DIST / f"countdesk-{ver}-setup.exe"


# ------------------------------------------------------------------- archive
def archive(bundle: Path, ver: str) -> Path:
    name = f"countdesk-{ver}-{platform_tag()}"
    top = f"countdesk-{ver}"
    if IS_MAC and (DIST / "countdesk.app").is_dir():
        out = DIST / f"{name}.zip"
        out.unlink(missing_ok=True)  # ditto keeps the .app's symlinks and signature
        subprocess.run(["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent",
                        str(DIST / "countdesk.app"), str(out)], check=True)
    elif IS_WIN or IS_MAC:
        out = DIST / f"{name}.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for p in sorted(bundle.rglob("*")):
                zf.write(p, Path(top) / p.relative_to(bundle))
    else:
        out = DIST / f"{name}.tar.gz"
        with tarfile.open(out, "w:gz", compresslevel=6) as tf:
            tf.add(bundle, arcname=top, filter=_reset_owner)
    return out


def _reset_owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true", help="use the dist/countdesk already built")
    parser.add_argument("--no-archive", action="store_true", help="build and check only")
    args = parser.parse_args(argv)
    ver = version()
    bundle = DIST / APP
    if not args.no_build:
        print(f"PyInstaller built {bundle} in {build():.0f} s")
    if not bundle.is_dir():
        print(f"build.py: {bundle} does not exist; run without --no-build", file=sys.stderr)
        return 1
    shutil.copyfile(INSTALLER / "README-bundle.txt", bundle / "README.txt")
    problems = check(bundle)
    for problem in problems:
        print(f"build.py: {problem}", file=sys.stderr)
    total = report(bundle)
    if total > LIMIT_MB * 1e6:
        problems.append(f"the bundle is {mb(total)} unpacked, over {LIMIT_MB} MB")
        print(f"build.py: {problems[-1]}", file=sys.stderr)
    if problems:
        return 1
    if IS_WIN:
        sign_windows([bundle / "countdesk.exe", bundle / "countdesk-app.exe"])
    if args.no_archive:
        return 0
    start = time.monotonic()
    out = archive(bundle, ver)
    print(f"\narchive: {out} ({mb(out.stat().st_size)}, {time.monotonic() - start:.0f} s)")
    if IS_WIN:
        setup = inno_setup(bundle, ver)
        if setup is not None:
            print(f"installer: {setup} ({mb(setup.stat().st_size)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
