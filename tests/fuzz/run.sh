#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and fuzzes them.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]   fuzz each target SECONDS (default 600), two at once
#   tests/fuzz/run.sh merge [TARGET...]       minimise the working corpus into build/fuzz/merged/
#
# The working corpus lives in build/fuzz/corpus/<target>/, seeded from tests/fuzz/corpus/;
# crashes land in build/fuzz/artifacts/<target>/, logs in build/fuzz/logs/. Missing packages
# (clang and its fuzzer runtime) are installed with apt-get, as dev.sh does.
# RB_FUZZ_JOBS sets how many targets run at once (default 2: the machine has 2 cores);
# RB_FUZZ_FLAGS adds libFuzzer flags (e.g. -len_control=0 for long inputs at once).
set -euo pipefail
cd "$(dirname "$0")/../.."

all_targets=(fuzz_sessionfile fuzz_urllist fuzz_commandline fuzz_ansitext fuzz_outputlog fuzz_httpexchange)
packages=(cmake ninja-build clang libclang-rt-14-dev qt6-base-dev qt6-base-dev-tools)
. tools/install-missing.sh


build() {
    cmake --preset fuzz >/dev/null
    nice -n 10 cmake --build --preset fuzz -j "${RB_BUILD_JOBS:-1}"
}

bin=build/fuzz/tests/fuzz

fuzz_one() {
    local target=$1 seconds=$2
    mkdir -p "build/fuzz/corpus/$target" "build/fuzz/artifacts/$target" build/fuzz/logs
    local log="build/fuzz/logs/$target.log"
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: memory stays bounded.
    nice -n 10 "$bin/$target" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="build/fuzz/artifacts/$target/" ${RB_FUZZ_FLAGS:-} \
        "build/fuzz/corpus/$target" "tests/fuzz/corpus/$target" >"$log" 2>&1 && rc=0 || rc=$?
    local execs
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    local found
    found=$(find "build/fuzz/artifacts/$target" -type f | wc -l)
    echo "$target: exit $rc, ${execs:-?} executions in ${seconds}s, $found artifact(s); log $log"
    [ "$rc" -eq 0 ] || echo "$target" >>build/fuzz/logs/failed
}

merge() {
    local targets=("$@")
    [ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
    for t in "${targets[@]}"; do
        rm -rf "build/fuzz/merged/$t"
        mkdir -p "build/fuzz/merged/$t"
        "$bin/$t" -merge=1 "build/fuzz/merged/$t" "tests/fuzz/corpus/$t" "build/fuzz/corpus/$t" \
            >"build/fuzz/logs/$t.merge.log" 2>&1
        echo "$t: $(find "build/fuzz/merged/$t" -type f | wc -l) inputs in build/fuzz/merged/$t"
    done
}

install_missing run.sh "${packages[@]}"
build
if [ "${1:-}" = merge ]; then
    shift
    merge "$@"
    exit 0
fi
seconds=600
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
jobs=${RB_FUZZ_JOBS:-2}
mkdir -p build/fuzz/logs
rm -f build/fuzz/logs/failed
for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        sleep 1
    done
    fuzz_one "$t" "$seconds" &
done
wait
if [ -s build/fuzz/logs/failed ]; then
    echo "run.sh: failed: $(tr '\n' ' ' <build/fuzz/logs/failed)" >&2
    exit 1
fi
