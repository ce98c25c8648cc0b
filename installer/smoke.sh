#!/usr/bin/env bash
# Smoke test of the BUILT Linux program, as a user would get it.
#
#   bash installer/smoke.sh            # build dist/countdesk (or reuse an up-to-date one), then test
#   SMOKE_REBUILD=1 bash installer/smoke.sh   # always build
#
# Builds with installer/build.py (PyInstaller; installed from the project's
# "installer" extra when missing), unpacks the archive into a temporary folder, and
# runs the unpacked programs with an empty environment (no venv, PATH=/usr/bin:/bin)
# and, when this shell may (root with unshare), with every Python on the machine and
# the checkout itself hidden. Offscreen: version, import the demo, a ward's result,
# drawing of lots, acknowledging W002, a signing key, the signed declaration, verify
# (and a tampered copy refused), audit-verify, --demo, portable mode, and the main
# window opened and closed, in English and in Welsh from the bundled catalogue (also on a real X
# server when Xvfb is installed).
#
# PYTHON: the Python with countdesk's dependencies (default .ci-venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PY="${PYTHON:-$ROOT/.ci-venv/bin/python}"
START=$SECONDS
say() { printf '\n== %s\n' "$*"; }
fail() { printf 'SMOKE FAILED: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ build
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' countdesk/__init__.py)"
ARCHIVE="dist/countdesk-$VERSION-linux-$(uname -m).tar.gz"
stale() {
  [ -n "${SMOKE_REBUILD:-}" ] || [ ! -x dist/countdesk/countdesk ] || [ ! -f "$ARCHIVE" ] ||
    [ -n "$(find countdesk installer seeds resources pyproject.toml -newer "$ARCHIVE" \
             -not -path '*/__pycache__*' -print -quit)" ]
}
if stale; then
  if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    say "installing PyInstaller (the project's installer extra)"
    "$PY" -m pip install -q -e ".[installer]"
  fi
  say "building"
  nice -n 10 "$PY" installer/build.py
else
  say "reusing $ARCHIVE (no source is newer; SMOKE_REBUILD=1 rebuilds)"
fi
BUILT=$SECONDS

# ------------------------------------------------- unpack, as a user would
T="$(mktemp -d /tmp/countdesk-smoke.XXXXXX)"
trap 'rm -rf "$T"' EXIT
tar -xzf "$ARCHIVE" -C "$T"
B="$T/countdesk-$VERSION"
[ -x "$B/countdesk" ] && [ -x "$B/countdesk-app" ] || fail "the archive lacks the two programs"
mkdir -p "$T/home" "$T/work"
printf 'correct horse battery staple\n' > "$T/work/pass.txt"

# Hide every Python and the checkout from the programs (a machine with no Python).
HIDE=()
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare --mount true 2>/dev/null; then
  base="$("$PY" -c 'import sys; print(sys.base_prefix)')"
  venv="$("$PY" -c 'import sys; print(sys.prefix)')"
  found=()
  for p in "$ROOT" "$venv" "$base"/lib/python3* "$base"/lib/libpython3* /usr/lib/python3* \
           /usr/local/lib/python3* /usr/lib/*-linux-gnu/libpython3*; do
    [ -e "$p" ] && found+=("$(realpath "$p")")
  done
  while IFS= read -r p; do  # the outermost only: a folder hides what is inside it
    for h in "${HIDE[@]}"; do [[ "$p" == "$h" || "$p" == "$h"/* ]] && continue 2; done
    HIDE+=("$p")
  done < <(printf '%s\n' "${found[@]}" | sort -u)
fi
hidden() {  # run "$@" with the HIDE paths covered (folders by an empty tmpfs, files by /dev/null)
  if [ ${#HIDE[@]} -eq 0 ]; then "$@"; return; fi
  unshare --mount --propagation private bash -c '
    set -e
    n=$1; shift
    for ((i = 0; i < n; i++)); do
      if [ -d "$1" ]; then mount -t tmpfs -o size=1m none "$1"; else mount --bind /dev/null "$1"; fi
      shift
    done
    exec "$@"' hide "${#HIDE[@]}" "${HIDE[@]}" "$@"
}
BASE_ENV=(env -i "HOME=$T/home" "PATH=/usr/bin:/bin" "LANG=C.UTF-8" "TMPDIR=$T" "QT_QPA_PLATFORM=offscreen")
ENV=("${BASE_ENV[@]}" "COUNTDESK_HOME=$T/home/data")
OUT="$T/out.txt"
# cd: run "$@" in the work folder, the environment empty and Python hidden; keep its output
run() {
  (cd "$T/work" && hidden "${ENV[@]}" timeout 120 "$@") >"$OUT" 2>&1
  local code=$?
  sed 's/^/   | /' "$OUT"
  return $code
}
expect() { grep -q -- "$1" "$OUT" || fail "expected '$1' in the output above"; }

if [ ${#HIDE[@]} -gt 0 ]; then
  say "hidden from the programs: ${HIDE[*]}"
  if run python3 -c "print('python runs')"; then fail "python3 still runs with Python hidden"; fi
else
  say "cannot hide Python here (needs root and unshare): running with an empty environment only"
fi

# ---------------------------------------------------------- the command line
say "countdesk --version"
run "$B/countdesk" --version || fail "--version"
expect "countdesk $VERSION"

say "import the demo election (from inside the bundle)"
run "$B/countdesk" --db s.db import "$B/_internal/countdesk/_seeds/demo-sutton-2018.json" || fail import
expect "(18 wards)"

say "result Nonsuch"
run "$B/countdesk" --db s.db result Nonsuch || fail result
expect "LOT REQUIRED"
WINNER="$(awk '/TIED/ {id = $1} END {print id}' "$OUT")"
[ -n "$WINNER" ] || fail "no tied candidate in Nonsuch"

say "show the provisional result (before lots and the declaration)"
run "$B/countdesk" --db s.db provisional Nonsuch --by "Deputy RO" || fail provisional
expect "shown to candidates and agents"

say "record the drawing of lots (winner $WINNER)"
run "$B/countdesk" --db s.db lot Nonsuch --winner "$WINNER" --method "coin toss" \
  --witness "Agent for Bourne" || fail lot
expect "ward is ready"

say "acknowledge W002"
run "$B/countdesk" --db s.db acknowledge Nonsuch W002 --by "Deputy RO" \
  --explanation "offered a recount; none asked for" || fail acknowledge

say "keygen"
run "$B/countdesk" keygen --name "A. N. Officer" --out ro.p12 --passphrase-file pass.txt || fail keygen

say "declare Nonsuch to a signed PDF"
run "$B/countdesk" --db s.db declare Nonsuch --out nonsuch.pdf --key ro.p12 \
  --passphrase-file pass.txt || fail declare
expect "signed by A. N. Officer"
grep -aq "DejaVuSans" "$T/work/nonsuch.pdf" || fail "the declaration does not embed DejaVu Sans"

say "verify it"
run "$B/countdesk" verify nonsuch.pdf --db s.db --cert ro.crt || fail "verify (exit $?)"
expect "Signature: valid"
expect "Result: matches"

say "a tampered copy is refused"
cp "$T/work/nonsuch.pdf" "$T/work/tampered.pdf"
printf 'X' | dd of="$T/work/tampered.pdf" bs=1 seek=$(($(stat -c %s "$T/work/tampered.pdf") / 3)) \
  conv=notrunc status=none
if run "$B/countdesk" verify tampered.pdf --cert ro.crt; then fail "a tampered declaration verified"; fi

say "audit-verify"
run "$B/countdesk" --db s.db audit-verify || fail audit-verify
expect "audit OK"

say "countdesk --demo wards (the demo found inside the bundle)"
run "$B/countdesk" --demo wards || fail "--demo wards"
expect "0 of 18 wards declared"

say "portable mode: portable.txt beside the programs, no COUNTDESK_HOME"
touch "$B/portable.txt"
ENV=("${BASE_ENV[@]}")
run "$B/countdesk" --demo wards || fail "portable --demo wards"
[ -f "$B/countdesk-data/demo/countdesk-demo.db" ] || fail "portable mode did not use $B/countdesk-data"
[ ! -e "$T/home/.local/share/countdesk" ] || fail "portable mode wrote to the user data folder"
ENV=("${BASE_ENV[@]}" "COUNTDESK_HOME=$T/home/data")
rm -rf "$B/portable.txt" "$B/countdesk-data"

# ----------------------------------------------------------- the desktop app
say "countdesk-app --demo: open the main window offscreen, then quit"
ENV+=("COUNTDESK_QUIT_AFTER_SHOWN=1")
run "$B/countdesk-app" --demo || fail "countdesk-app --demo (exit $?)"
expect "main window shown: London Borough of Sutton"
expect "menus: File, Documents"

say "countdesk-app --demo in Welsh (View → Language: Cymraeg): the bundled catalogue is loaded"
mkdir -p "$T/home/data" && printf '[General]\nlanguage=cy\n' > "$T/home/data/settings.ini"
run "$B/countdesk-app" --demo || fail "countdesk-app --demo in Welsh (exit $?)"
expect "menus: Ffeil, Dogfennau"
rm -f "$T/home/data/settings.ini"

if command -v Xvfb >/dev/null; then
  say "countdesk-app --demo on an X server (Xvfb, Qt's xcb platform)"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$T/display" >"$T/xvfb.log" 2>&1 &
  xvfb=$!
  for _ in $(seq 50); do [ -s "$T/display" ] && break; sleep 0.2; done
  [ -s "$T/display" ] || fail "Xvfb did not start: $(cat "$T/xvfb.log")"
  display=":$(head -n1 "$T/display")"
  ENV=("${ENV[@]/QT_QPA_PLATFORM=offscreen/DISPLAY=$display}")
  if run "$B/countdesk-app" --demo; then xcb=ok; else xcb=failed; fi
  kill "$xvfb" 2>/dev/null || true
  [ "$xcb" = ok ] || fail "countdesk-app on Xvfb"
  expect "main window shown"
else
  say "skipped the X server check: Xvfb is not installed"
fi

say "smoke test passed: build $((BUILT - START)) s, tests $((SECONDS - BUILT)) s, total $((SECONDS - START)) s"
