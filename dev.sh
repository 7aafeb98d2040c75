#!/usr/bin/env bash
# Runboard's two set-up commands (see README.md):
#   ./dev.sh run [ARGS...]   install what is missing, build, launch the window
#   ./dev.sh test            install what is missing, build, run the whole test suite
# Works on a fresh Debian 12 or Ubuntu 24.04 (or newer) machine with nothing but git and a
# compiler: missing packages are installed with apt-get (through sudo when not root).
set -euo pipefail
cd "$(dirname "$0")"

packages=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools
          qt6-translations-l10n zlib1g-dev qt6-svg-dev
          # the suite validates the packaging files as the distributions do
          desktop-file-utils appstream libxml2-utils)
. tools/install-missing.sh


build() {
    # CI turns warnings into errors; elsewhere the setting already in the build stays, so that
    # switching between run and test never rebuilds everything.
    local flags=()
    [ "${CI:-}" = "true" ] && flags=(-DRUNBOARD_WERROR=ON)
    cmake --preset release "${flags[@]}" >/dev/null
    cmake --build --preset release
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
    run)
        install_missing dev.sh "${packages[@]}"
        build
        exec build/release/app/runboard "$@"
        ;;
    test)
        install_missing dev.sh "${packages[@]}"
        build
        cd build/release
        exec ctest --output-on-failure -j2 "$@"
        ;;
    *)
        echo "usage: ./dev.sh run [SESSION.json] | ./dev.sh test" >&2
        exit 2
        ;;
esac
