#!/usr/bin/env python3
"""CTest's github_workflow test: .github/workflows/build.yml cannot run here, so the suite checks
that it is valid YAML and that it has what issue 9 asks of it: jobs named ubuntu, windows and
macos, each on its system's runner, each with a pinned Qt of 6.5 or newer (install-qt-action),
a build, cpack, and an upload of the installers. Exits 77 (CTest: skipped) when Python's yaml
module is missing (Debian: python3-yaml).

    check-workflow.py WORKFLOW.yml
"""
import re
import sys

try:
    import yaml
except ImportError:
    print("SKIP: the python3 yaml module is not installed (Debian: python3-yaml)")
    sys.exit(77)

path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
except (OSError, yaml.YAMLError) as e:
    print(f"FAILED: {path} is not valid YAML: {e}")
    sys.exit(1)

problems = []
# YAML 1.1 reads the key "on" as true.
if "on" not in workflow and True not in workflow:
    problems.append("no 'on:' trigger")
jobs = workflow.get("jobs") or {}
runners = {"ubuntu": "ubuntu-", "windows": "windows-", "macos": "macos-"}
if sorted(jobs) != sorted(runners):
    problems.append(f"jobs are {sorted(jobs)}, expected {sorted(runners)}")
for name, prefix in runners.items():
    job = jobs.get(name)
    if not isinstance(job, dict):
        continue
    if not str(job.get("runs-on", "")).startswith(prefix):
        problems.append(f"{name}: runs-on {job.get('runs-on')!r}, expected {prefix}…")
    steps = job.get("steps") or []
    qt = [s for s in steps if str(s.get("uses", "")).startswith("jurplel/install-qt-action@")]
    if len(qt) != 1:
        problems.append(f"{name}: expected one jurplel/install-qt-action step, found {len(qt)}")
    else:
        version = str((qt[0].get("with") or {}).get("version", ""))
        m = re.fullmatch(r"6\.(\d+)\.(\d+)", version)
        if not m or int(m.group(1)) < 5:
            problems.append(f"{name}: Qt version {version!r} is not a pinned 6.5.x or newer")
    commands = "\n".join(str(s.get("run", "")) for s in steps)
    for needed in ("cmake --build", "cpack"):
        if needed not in commands:
            problems.append(f"{name}: no step runs {needed!r}")
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    if not uploads or not (uploads[0].get("with") or {}).get("path"):
        problems.append(f"{name}: no upload-artifact step with a path")

for p in problems:
    print(f"FAILED: {p}")
if problems:
    sys.exit(1)
print(f"ok: {path}: jobs {', '.join(jobs)}; each pins Qt, builds, packages and uploads")
