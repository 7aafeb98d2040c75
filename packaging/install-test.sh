#!/usr/bin/env bash
# The Linux install test (issue 9), run by .ci/run as root on a throw-away machine — never by
# ./dev.sh test: it installs into /usr with apt-get. It builds the .deb from the release build
# (build/release, built beforehand), installs it, runs both programs, removes it with --purge and
# checks that nothing of it is left; then upgrades over a package of an older version; and shows
# that apt refuses the package where a dependency cannot be met.
#   packaging/install-test.sh [BUILD_DIR]     (default: build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
start=$(date +%s)
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-test: needs root or sudo (it installs into /usr)" >&2; exit 1; }
    sudo=(sudo)
fi
apt_get() { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y "$@"; }

if dpkg-query -W -f='${Status}' runboard 2>/dev/null | grep -q "install ok installed"; then
    echo "install-test: runboard is installed on this machine already; refusing to replace it" >&2
    exit 1
fi
[ -f "$build/CPackConfig.cmake" ] || { echo "install-test: $build is not a configured build (no CPackConfig.cmake)" >&2; exit 1; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[ -n "$version" ] || { echo "install-test: no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work" # apt's _apt user reads the .deb from here
trap 'rm -rf "$work"' EXIT
step() { echo "== install-test: $*"; }
fail() { echo "install-test: FAILED: $*" >&2; exit 1; }

step "building the .deb (cpack -G DEB in $build)"
cmake --build "$build"
(cd "$build" && cpack -G DEB -B "$work/pkg" >/dev/null)
deb=$(ls "$work"/pkg/runboard_"$version"_*.deb)
echo "$deb: $(stat -c %s "$deb") bytes"
dpkg-deb -f "$deb" Package Version Depends

step "apt-get install ./$(basename "$deb")"
apt_get install "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
files=$(dpkg -L runboard)
out=$(runboard-cli --version)
[ "$out" = "runboard-cli $version" ] || fail "runboard-cli --version printed \"$out\", expected \"runboard-cli $version\""
echo "runboard-cli --version: $out"
[ "$(command -v runboard-cli)" = /usr/bin/runboard-cli ] || fail "runboard-cli is not /usr/bin/runboard-cli"
out=$(runboard-cli run -- echo hi 2>"$work/run.err")
[ "$out" = hi ] || fail "runboard-cli run -- echo hi printed \"$out\""
echo "runboard-cli run -- echo hi: $out; $(tail -1 "$work/run.err")"
out=$(runboard-cli demo timeout --helper 2>&1) || { echo "$out"; fail "runboard-cli demo timeout --helper (the helper beside the programs)"; }
echo "runboard-cli demo timeout --helper: passed"
out=$(QT_QPA_PLATFORM=offscreen timeout 20 runboard --version 2>/dev/null)
[ "$out" = "Runboard $version" ] || fail "runboard --version printed \"$out\""
echo "runboard --version: $out"
# The window opens, paints and quits by itself (RUNBOARD_STARTUP_PROBE, see runboard(1)); a
# throw-away HOME so no settings are written anywhere that stays.
home=$(mktemp -d -p "$work")
out=$(HOME=$home XDG_CONFIG_HOME=$home/.config QT_QPA_PLATFORM=offscreen RUNBOARD_STARTUP_PROBE=1 \
      timeout 20 runboard 2>"$work/gui.err") || { st=$?; cat "$work/gui.err"; fail "runboard (offscreen) exited with status $st"; }
grep -q '^first-paint-monotonic-ns [0-9]' <<<"$out" || fail "runboard did not paint its window: $out"
echo "runboard offscreen: window painted, $(grep idle-rss-kb <<<"$out"), quit with status 0"
man -w runboard >/dev/null && man -w runboard-cli >/dev/null || fail "man pages not found by man -w"
if command -v update-mime-database >/dev/null; then
    # shared-mime-info's dpkg trigger registered the session type.
    [ -f /usr/share/mime/application/x-runboard-session.xml ] || fail "MIME type application/x-runboard-session not registered"
    echo "MIME type application/x-runboard-session registered"
fi

step "apt-get remove --purge runboard"
apt_get remove --purge runboard >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get remove --purge"; }
dpkg-query -W -f='${Status}' runboard 2>/dev/null | grep -q installed && fail "runboard still known to dpkg"
left=()
while IFS= read -r f; do
    [ -e "$f" ] && [ ! -d "$f" ] && left+=("$f")
done <<<"$files"
[ ${#left[@]} -eq 0 ] || fail "left behind after purge: ${left[*]}"
[ ! -e /usr/share/mime/application/x-runboard-session.xml ] || fail "MIME type still registered after purge"
echo "purged: none of its $(grep -c . <<<"$files") paths' files is left"

# The upgrade. The older package is this one repacked with a lower Version (dpkg-deb -R, edit
# DEBIAN/control, dpkg-deb -b) rather than a second build of the whole program with the version
# lowered: that would double the build time here, and an upgrade is dpkg's business of versions
# and file lists. So that the upgrade has something to replace, the older package also carries a
# file the new one does not (the kind of file a later version drops); dpkg --verify afterwards
# proves every file on disk is the new package's.
old_version=0.0.1
[ "$(printf '%s\n%s\n' "$old_version" "$version" | sort -V | head -1)" = "$old_version" ] \
    && [ "$old_version" != "$version" ] || fail "$old_version is not older than $version"
step "upgrade from $old_version (repacked) to $version"
dpkg-deb -R "$deb" "$work/old"
sed -i "s/^Version: .*/Version: $old_version/" "$work/old/DEBIAN/control"
echo "dropped in a later version" >"$work/old/usr/share/doc/runboard/OLD-VERSION-ONLY"
(cd "$work/old" && find usr -type f -exec md5sum {} + >DEBIAN/md5sums)
dpkg-deb --root-owner-group -b "$work/old" "$work/runboard_${old_version}_old.deb" >/dev/null
apt_get install "$work/runboard_${old_version}_old.deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "installing $old_version"; }
[ "$(dpkg-query -W -f='${Version}' runboard)" = "$old_version" ] || fail "$old_version not installed"
apt_get install "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "upgrading to $version"; }
grep -q "Unpacking runboard ($version) over ($old_version)" "$work/apt.log" || { cat "$work/apt.log"; fail "apt did not upgrade $old_version to $version"; }
[ "$(dpkg-query -W -f='${Version}' runboard)" = "$version" ] || fail "dpkg does not list $version after the upgrade"
out=$(runboard-cli --version)
[ "$out" = "runboard-cli $version" ] || fail "after the upgrade runboard-cli --version printed \"$out\""
[ ! -e /usr/share/doc/runboard/OLD-VERSION-ONLY ] || fail "the older version's own file is left after the upgrade"
verify=$(dpkg --verify runboard) || true
[ -z "$verify" ] || fail "dpkg --verify after the upgrade: $verify"
echo "upgraded $old_version -> $version; runboard-cli --version: $out; dpkg --verify clean"
apt_get remove --purge runboard >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "purge after the upgrade"; }

# A dependency that cannot be met: apt refuses, with its usual message, and installs nothing.
step "a dependency that cannot be met"
dpkg-deb -R "$deb" "$work/broken"
sed -i "s/^Depends: \(.*\)$/Depends: \1, runboard-test-missing-dependency (>= 1)/" "$work/broken/DEBIAN/control"
dpkg-deb --root-owner-group -b "$work/broken" "$work/runboard_broken.deb" >/dev/null
if apt_get install "$work/runboard_broken.deb" >"$work/apt.log" 2>&1; then
    fail "apt-get installed a package whose dependency does not exist"
fi
grep -q "Depends: runboard-test-missing-dependency (>= 1) but it is not installable" "$work/apt.log" \
    || { cat "$work/apt.log"; fail "apt did not name the missing dependency"; }
dpkg-query -W -f='${Status}' runboard 2>/dev/null | grep -q "ok installed" && fail "runboard got installed"
grep "runboard-test-missing-dependency" "$work/apt.log" | sed 's/^/apt: /'

echo "install-test: passed in $(( $(date +%s) - start )) s"
