#!/usr/bin/env bash
# macOS: build countdesk.app, then make, sign and notarize countdesk-VERSION.dmg.
# Written for macOS 12+ with Xcode's command-line tools; NOT RUN on our Linux CI
# (see installer/macos.md for what each step does and what to check by hand).
#
#   bash installer/macos.sh                 # unsigned .app and .dmg (for testing)
#
# Signing happens only when the environment has:
#   COUNTDESK_MACOS_IDENTITY  "Developer ID Application: Council Name (TEAMID)", in the keychain;
#                             PyInstaller then signs every binary and the .app (hardened runtime)
#   COUNTDESK_NOTARY_PROFILE  a notarytool keychain profile (xcrun notarytool store-credentials);
#                             the .dmg is then notarized by Apple and the ticket stapled
# PYTHON: the Python with countdesk and PyInstaller (default .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] || { echo "macos.sh runs on macOS only" >&2; exit 2; }
PY="${PYTHON:-.venv/bin/python}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' countdesk/__init__.py)"
APP="dist/countdesk.app"
DMG="dist/countdesk-$VERSION-macos-$(uname -m).dmg"

# 1. The .app (and dist/countdesk, and a .zip of the .app), checked by build.py.
"$PY" installer/build.py
[ -d "$APP" ] || { echo "no $APP: the spec's BUNDLE step did not run" >&2; exit 1; }

# 2. The signature, when there is one, must hold for the whole bundle.
if [ -n "${COUNTDESK_MACOS_IDENTITY:-}" ]; then
  codesign --verify --deep --strict --verbose=2 "$APP"
else
  echo "not signed: COUNTDESK_MACOS_IDENTITY is not set (Gatekeeper will warn on other Macs)"
fi

# 3. The .dmg: the app and a link to /Applications, to drag it onto.
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
ditto "$APP" "$STAGE/countdesk.app"
ln -s /Applications "$STAGE/Applications"
cp installer/README-bundle.txt "$STAGE/Read me.txt"
rm -f "$DMG"
hdiutil create -volname "countdesk $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
if [ -n "${COUNTDESK_MACOS_IDENTITY:-}" ]; then
  codesign --sign "$COUNTDESK_MACOS_IDENTITY" --timestamp "$DMG"
fi

# 4. Notarization (needs the network, at build time only) and stapling, so the app opens
#    without a warning on an offline laptop.
if [ -n "${COUNTDESK_MACOS_IDENTITY:-}" ] && [ -n "${COUNTDESK_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$DMG" --keychain-profile "$COUNTDESK_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
  spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
else
  echo "not notarized: needs COUNTDESK_MACOS_IDENTITY and COUNTDESK_NOTARY_PROFILE"
fi
echo "made $DMG"
