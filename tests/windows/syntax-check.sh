#!/usr/bin/env bash
# CTest's windows_syntax test: compiles, as a syntax and type check, what the Windows build
# compiles, with MinGW (Debian: g++-mingw-w64-x86-64) — Windows itself is not available here.
#   1. The Win32 parts that include no Qt header (models/process/Win32Tree_win.cpp): the real
#      thing, against MinGW's Windows headers, warnings as errors.
#   2. The sources with Windows code in them (the *_win.cpp files, files with platform
#      #if blocks, app/'s programs) with this machine's Qt headers: Qt's own platform choice
#      follows _WIN32, but its configuration is Linux's, so this catches POSIX calls and headers
#      outside their platform files and type errors in the Windows branches, not everything
#      MSVC would see. WINDOWS_SYNTAX_ALL=1 checks every source the Windows build compiles
#      (about 4 minutes here).
# Exits 77 (CTest: skipped) when MinGW is not installed.
#   syntax-check.sh SOURCE_DIR QT_INCLUDE_DIRS   (:-separated: the include dirs of Qt's targets)
set -uo pipefail
src=$1
IFS=':' read -r -a qt_dirs <<<"$2"
cxx=x86_64-w64-mingw32-g++
if ! command -v "$cxx" >/dev/null; then
    echo "SKIP: $cxx not installed (Debian: g++-mingw-w64-x86-64)"
    exit 77
fi
cd "$src"
flags=(-std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -DUNICODE -D_UNICODE)
failed=0 checked=0

no_qt=(models/process/Win32Tree_win.cpp)
for f in "${no_qt[@]}"; do
    if grep -q -E '#include <Q|#include <qt' "$f"; then
        echo "FAILED: $f includes a Qt header"; failed=$((failed + 1)); continue
    fi
    if out=$("$cxx" "${flags[@]}" -I models "$f" 2>&1); then
        echo "ok: $f (no Qt)"
    else
        echo "FAILED: $f"; printf '%s\n' "$out" | head -30; failed=$((failed + 1))
    fi
    checked=$((checked + 1))
done

# zlib's headers are plain C: the host's copies serve.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in zlib.h zconf.h; do
    found=$(ls /usr/include/$h /usr/include/*/$h 2>/dev/null | head -1)
    [ -n "$found" ] && ln -s "$found" "$tmp/$h"
done
qt_flags=(-isystem "$tmp")
for d in "${qt_dirs[@]}"; do
    qt_flags+=(-isystem "$d")
done
defines=(-DQT_NO_CAST_FROM_ASCII -DQT_USE_QSTRINGBUILDER -DQT_NO_URL_CAST_FROM_STRING
         -DQT_DISABLE_DEPRECATED_UP_TO=0x060400 -DRUNBOARD_VERSION=\"0\")
while IFS= read -r f; do
    case "$f" in *_unix.cpp|*_linux.cpp|"${no_qt[*]}") continue ;; esac
    if out=$("$cxx" "${flags[@]}" "${defines[@]}" "${qt_flags[@]}" -I models -I ui -I app "$f" 2>&1); then
        :
    else
        echo "FAILED: $f"; printf '%s\n' "$out" | grep -E 'error|warning' | head -10; failed=$((failed + 1))
    fi
    checked=$((checked + 1))
done < <(if [ "${WINDOWS_SYNTAX_ALL:-}" = 1 ]; then
             ls models/*/*.cpp ui/*.cpp app/*/*.cpp
         else
             { ls models/*/*_win.cpp app/*/*_win.cpp app/*/*.cpp
               grep -l -E 'Q_OS_|_WIN32|#ifdef SIG|CLOCK_MONOTONIC' models/*/*.cpp ui/*.cpp; } | sort -u
         fi)
echo "$checked file(s) compiled for Windows with MinGW, $failed failed"
[ "$failed" -eq 0 ]
