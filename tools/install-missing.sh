# Sourced by the scripts that need Debian or Ubuntu packages (dev.sh, packaging/check-linux.sh,
# tests/fuzz/run.sh, .ci/run):
#   install_missing WHO PACKAGE...
# installs the packages that are not installed yet with apt-get — through sudo when not root —
# and says which, prefixed by WHO. Does nothing (and needs no network) when all are there.
install_missing() {
    local who=$1
    shift
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "$who: installing ${missing[*]}" >&2
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "$who: need root or sudo to install ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
