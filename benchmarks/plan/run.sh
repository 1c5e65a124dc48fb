#!/usr/bin/env bash
# Planner benchmark: a synthetic workspace of 5,000 gap tasks over 20 roles, planned by the release
# build. `isogap score` on the same workspace is timed too: it loads, validates and scores exactly
# what `plan` does, so the difference between the two is the cost of planning and writing the plan.
#
# Usage: benchmarks/plan/run.sh [REQUIREMENTS [TASKS_PER_REQUIREMENT [PHASE_GATES]]]
#        (defaults 1000 5 true: 5,000 tasks)
# Needs python3 and GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/../.."

requirements=${1:-1000}
tasks_per=${2:-5}
gates=${3:-true}
runs=${RUNS:-5}
[ -x /usr/bin/time ] || { echo "run.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benchmarks/plan/generate.py "$work/ws" "$requirements" "$tasks_per" "$gates"

swift build -c release --product isogap >/dev/null
bin=.build/release/isogap

echo "machine: $(nproc) cores, $(uname -m), $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "swift: $(swift --version 2>&1 | head -1)"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"

# Wall-clock seconds, CPU seconds (user + system: less sensitive to other load on the machine)
# and peak memory of one run, from GNU time's verbose report.
measure() {
    local report=$1
    local wall user system rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$report")
    user=$(sed -n 's/.*User time (seconds): //p' "$report")
    system=$(sed -n 's/.*System time (seconds): //p' "$report")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$report")
    python3 - "$wall" "$user" "$system" "$rss" <<'PY'
import sys
parts = [float(p) for p in sys.argv[1].split(":")]
seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
cpu = float(sys.argv[2]) + float(sys.argv[3])
print(f"{seconds:.2f} s wall, {cpu:.2f} s CPU, {int(sys.argv[4]) / 1024:.0f} MiB")
PY
}

for run in $(seq 1 "$runs"); do
    /usr/bin/time -v "$bin" score "$work/ws" --format json --as-of 2027-01-01 >/dev/null 2>"$work/score.time"
    /usr/bin/time -v "$bin" plan "$work/ws" --format json --as-of 2027-01-01 >"$work/plan.json" 2>"$work/plan.time"
    echo "run $run: score $(measure "$work/score.time"); plan $(measure "$work/plan.time")"
done

python3 - "$work/plan.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))["plan"]
roles = {task["role"] for task in plan["tasks"]}
print(f"plan: {len(plan['tasks'])} tasks, {len(roles)} roles, {plan['start']} to {plan['finish']}, "
      f"{plan['working_days']} working days, {plan['person_days']} person-days, "
      f"{sum(task['critical'] for task in plan['tasks'])} critical")
PY
