#!/usr/bin/env python3
"""Prints sanitizer report files (ASan/LSan/UBSan log_path files) short enough to read in a CI
log: each report's error line, and for every leak or error its first frames, with the program
that wrote it. Used by .ci/run; exits 0 (the caller decides what a report means)."""
import re
import sys

FRAMES = 12  # per leak or error: enough to pass the allocator and reach the owner


def summarize(path):
    try:
        with open(path, errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        print(f"== {path}: cannot read: {e}")
        return
    print(f"== {path}")
    frames = 0
    for line in lines:
        if re.match(r"^\s*#\d+ ", line):
            if frames < FRAMES:
                print(line)
            frames += 1
            continue
        if frames >= FRAMES:
            print(f"    ... {frames - FRAMES} more frames")
        frames = 0
        if line.strip() and not line.startswith("  ") or "leak of" in line or "ERROR" in line:
            print(line)


for p in sys.argv[1:]:
    summarize(p)
