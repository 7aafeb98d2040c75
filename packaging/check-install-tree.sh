#!/usr/bin/env bash
# CTest's packaging_install_tree test: installs the build into a temporary prefix with
# `cmake --install` (the same rules CPack packs) and checks the tree: every file the packages
# must carry, compressed man pages, PNG icons of the right sizes, and the installed programs
# running from there (version, a run, a demo through the helper found beside them).
#   check-install-tree.sh BUILD_DIR VERSION
set -uo pipefail
build=$1 version=$2
id=io.github.runboard.Runboard
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/usr

if ! out=$(cmake --install "$build" --prefix "$prefix" 2>&1); then
    printf '%s\n' "$out"
    echo "FAILED: cmake --install $build"
    exit 1
fi

# In a sanitizer build the installed programs are instrumented too: this test is about the
# install tree, leaks are the unit tests' business (runboard --version exits from inside
# QCommandLineParser, with Qt's own allocations still held).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

failed=0
fail() { echo "FAILED: $*"; failed=$((failed + 1)); }
ok() { echo "ok: $*"; }

expected=(bin/runboard bin/runboard-cli bin/runboard-demo-helper
          share/applications/$id.desktop share/metainfo/$id.metainfo.xml
          share/mime/packages/$id.xml share/icons/hicolor/scalable/apps/$id.svg
          share/man/man1/runboard.1.gz share/man/man1/runboard-cli.1.gz share/man/man1/runboard-demo-helper.1.gz
          share/doc/runboard/copyright share/doc/runboard/changelog.gz share/doc/runboard/LICENSE)
for size in 16 32 48 64 128 256; do
    expected+=(share/icons/hicolor/${size}x${size}/apps/$id.png)
done
for f in "${expected[@]}"; do
    [ -f "$prefix/$f" ] && ok "installed $f" || fail "$f not installed"
done
unexpected=$(cd "$prefix" && find . -type f | sed 's|^\./||' | sort | comm -23 - <(printf '%s\n' "${expected[@]}" | sort))
[ -z "$unexpected" ] && ok "nothing else installed" || fail "unexpected files installed: $unexpected"

for f in bin/runboard bin/runboard-cli bin/runboard-demo-helper; do
    [ -x "$prefix/$f" ] || fail "$f is not executable"
done

for gz in share/man/man1/runboard.1.gz share/man/man1/runboard-cli.1.gz share/man/man1/runboard-demo-helper.1.gz share/doc/runboard/changelog.gz; do
    # gzip -9n: no file name and no time stamp in the header (bytes 4-7 are the time).
    if gzip -t "$prefix/$gz" 2>/dev/null && [ "$(od -An -tu4 -j4 -N4 "$prefix/$gz" | tr -d ' ')" = 0 ]; then
        ok "$gz is gzip without a time stamp"
    else
        fail "$gz is not gzip -n output"
    fi
done

for size in 16 32 48 64 128 256; do
    png=$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png
    # PNG: width and height, big-endian, at bytes 16 and 20.
    dims=$(od -An -tx1 -j16 -N8 "$png" 2>/dev/null | tr -d ' \n')
    [ "$dims" = "$(printf '%08x%08x' "$size" "$size")" ] && ok "$size px icon is ${size}x${size}" \
        || fail "$size px icon: width and height are 0x$dims"
done

line=$("$prefix/bin/runboard-cli" --version 2>&1)
[ "$line" = "runboard-cli $version" ] && ok "installed runboard-cli --version: $line" \
    || fail "installed runboard-cli --version printed \"$line\", expected \"runboard-cli $version\""
line=$(QT_QPA_PLATFORM=offscreen "$prefix/bin/runboard" --version 2>/dev/null)
[ "$line" = "Runboard $version" ] && ok "installed runboard --version: $line" \
    || fail "installed runboard --version printed \"$line\", expected \"Runboard $version\""
out=$("$prefix/bin/runboard-cli" run -- echo hi 2>/dev/null)
[ "$out" = hi ] && ok "installed runboard-cli run -- echo hi" || fail "runboard-cli run -- echo hi printed \"$out\""
# The demo helper is found beside the installed programs (models/demo/Demo.cpp).
if out=$(env -u RUNBOARD_DEMO_HELPER "$prefix/bin/runboard-cli" demo timeout --helper 2>&1); then
    ok "installed runboard-cli demo timeout --helper passes"
else
    printf '%s\n' "$out" | tail -5
    fail "installed runboard-cli demo timeout --helper failed"
fi

echo "$failed check(s) failed"
[ "$failed" -eq 0 ]
