#!/usr/bin/env bash
# Builds the Linux packages (.deb, .rpm, .tar.gz) from the release build and runs the
# distributions' validators on them: desktop-file-validate, appstreamcli, lintian on the .deb,
# rpm's own view of the .rpm. Installs the tools it needs with apt-get (through sudo when not
# root), as dev.sh does. Installs no package of Runboard itself (that is install-test.sh).
#   packaging/check-linux.sh [BUILD_DIR]      (default: build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
id=io.github.runboard.Runboard

tools=(desktop-file-utils appstream lintian dpkg-dev rpm file libxml2-utils)
. tools/install-missing.sh
install_missing check-linux "${tools[@]}"

cmake --build "$build"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -B "$out" >/dev/null) # DEB, RPM and TGZ (packaging/CMakeLists.txt)
echo "== packages"
for f in "$out"/*.deb "$out"/*.rpm "$out"/*.tar.gz; do
    echo "$(basename "$f"): $(stat -c %s "$f") bytes"
done
failed=0

echo "== desktop-file-validate"
desktop-file-validate packaging/linux/$id.desktop && echo ok || failed=$((failed + 1))

echo "== appstreamcli validate --no-net --pedantic"
appstreamcli validate --no-net --pedantic "$build/packaging/linux/$id.metainfo.xml" || failed=$((failed + 1))

echo "== lintian (errors fail; warnings listed)"
deb=$(ls "$out"/*.deb)
lintian --tag-display-limit 0 "$deb" >"$out/lintian.txt" 2>&1 || true
cat "$out/lintian.txt"
errors=$(grep -c '^E: ' "$out/lintian.txt" || true)
warnings=$(grep -c '^W: ' "$out/lintian.txt" || true)
echo "lintian: $errors error(s), $warnings warning(s)"
[ "$errors" -eq 0 ] || failed=$((failed + 1))

echo "== .deb control"
dpkg-deb -f "$deb"

echo "== .rpm"
rpm=$(ls "$out"/*.rpm)
rpm -qpi "$rpm" 2>/dev/null | grep -E '^(Name|Version|Release|Architecture|License|URL|Summary)'
echo "requires:"; rpm -qpR "$rpm" 2>/dev/null | sed 's/^/  /'
# Every file of the .tar.gz (the install tree) is in the .rpm and the .deb, below /usr.
tgz_files=$(tar tzf "$out"/*.tar.gz | grep -v '/$' | sed 's|^[^/]*/|/usr/|' | sort)
# (rpm adds /usr/lib/.build-id links to the binaries, as on Fedora: not files of ours.)
rpm_files=$(rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" 2>/dev/null \
            | awk '$1 !~ /^d/ {print $2}' | grep -v '^/usr/lib/\.build-id' | sort)
deb_files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./|/|' | sort)
if [ "$tgz_files" = "$rpm_files" ] && [ "$tgz_files" = "$deb_files" ]; then
    echo "the .deb, .rpm and .tar.gz hold the same $(wc -l <<<"$tgz_files") files"
else
    echo "the packages differ:"; diff <(echo "$tgz_files") <(echo "$rpm_files") || true
    diff <(echo "$tgz_files") <(echo "$deb_files") || true
    failed=$((failed + 1))
fi
# No directory the system owns is claimed by the .rpm (its own doc folder and rpm's build-id
# folders are its to own).
owned=$(rpm -qplv "$rpm" 2>/dev/null | awk '$1 ~ /^d/ {print $9}' \
        | grep -v -e '^/usr/share/doc/runboard$' -e '^/usr/lib/\.build-id' || true)
[ -z "$owned" ] && echo "the .rpm claims no directory" || { echo "the .rpm claims directories: $owned"; failed=$((failed + 1)); }

echo "check-linux: $failed check(s) failed"
[ "$failed" -eq 0 ]
