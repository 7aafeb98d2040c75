#!/usr/bin/env bash
# CTest's packaging_sources test: validates the Linux packaging files as built (the .desktop
# file, the AppStream metainfo, the shared-mime-info XML, the man pages) with the validators the
# distributions use. Exits 77 (CTest: skipped) naming the missing tools when a validator is not
# installed; ./dev.sh installs them all.
#   check-sources.sh SOURCE_DIR GENERATED_DIR VERSION
set -uo pipefail
src=$1 gen=$2 version=$3
id=io.github.runboard.Runboard

missing=()
for tool in desktop-file-validate appstreamcli xmllint; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "SKIP: ${missing[*]} not installed (Debian: desktop-file-utils, appstream, libxml2-utils)"
    exit 77
fi

failed=0
check() { # check NAME COMMAND...: runs the command, prints its output, counts a failure
    local name=$1; shift
    local out
    if out=$("$@" 2>&1); then
        echo "ok: $name"
    else
        echo "FAILED: $name"
        failed=$((failed + 1))
    fi
    [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/    /'
}

check "desktop-file-validate $id.desktop" desktop-file-validate "$src/packaging/linux/$id.desktop"
check "appstreamcli validate --pedantic $id.metainfo.xml" \
    appstreamcli validate --no-net --pedantic "$gen/$id.metainfo.xml"
check "xmllint $id.xml" xmllint --noout "$src/packaging/linux/$id.xml"

# The versions that must agree with project(): the metainfo's newest release, the man pages,
# the changelog.
release=$(xmllint --xpath 'string(/component/releases/release[1]/@version)' "$gen/$id.metainfo.xml")
check "metainfo release $release is the project version $version" test "$release" = "$version"
for page in runboard runboard-cli runboard-demo-helper; do
    check "$page.1 names version $version" grep -q "\"Runboard $version\"" "$gen/man/$page.1"
done
check "changelog names version $version" grep -q "^runboard ($version) " "$gen/changelog"

# The desktop file offers Runboard for its own session type, not for every JSON file.
check "desktop file: MimeType is application/x-runboard-session only" \
    grep -qx 'MimeType=application/x-runboard-session;' "$src/packaging/linux/$id.desktop"
check "desktop file: Icon=$id" grep -qx "Icon=$id" "$src/packaging/linux/$id.desktop"

# Man pages: groff's warnings, as lintian's manpage-has-errors-from-man check sees them.
if command -v man >/dev/null; then
    for page in runboard runboard-cli runboard-demo-helper; do
        check "man --warnings $page.1 (no output)" bash -c \
            "out=\$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z '$gen/man/$page.1' 2>&1 >/dev/null); [ -z \"\$out\" ] || { printf '%s\n' \"\$out\"; exit 1; }"
    done
else
    echo "note: man not installed, man pages not checked for groff warnings"
fi

# The MIME type's XML as shared-mime-info reads it: update-mime-database refuses a bad file.
if command -v update-mime-database >/dev/null; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/mime/packages"
    cp "$src/packaging/linux/$id.xml" "$tmp/mime/packages/"
    check "update-mime-database accepts $id.xml" bash -c \
        "out=\$(update-mime-database -V '$tmp/mime' 2>&1) || { printf '%s\n' \"\$out\"; exit 1; }; ! printf '%s\n' \"\$out\" | grep -i -E 'error|warning'; test -f '$tmp/mime/application/x-runboard-session.xml'"
fi

echo "$failed check(s) failed"
[ "$failed" -eq 0 ]
