#!/usr/bin/env bash
# The portfolio benchmark (run by hand, never by CI): generates N workspaces and times, in one run,
#   (a) isogap portfolio (release build, default --jobs),
#   (b) load_pyyaml.py: PyYAML's CSafeLoader loading the same files,
#   (c) libyaml_events: libyaml's parser over every event of the same files (one thread),
# then prints (a)/(b), (a)/(c) and the peak memory of (a). The commands run in turn, REPEAT rounds
# (default 5) on a warm page cache; the best wall time and the best CPU time (user + system) of
# each command, and the highest peak memory of (a), are reported.
#
#   benchmarks/portfolio/run.sh [N...]        (default: 800 2000)
#   BENCH_DIR=/path REPEAT=3 benchmarks/portfolio/run.sh 500
#   SKIP_PYYAML=1 benchmarks/portfolio/run.sh 800      (leave out (b), the slow one)
#   ISOGAP=/path/to/isogap benchmarks/portfolio/run.sh (time that binary instead of building)
#
# Needs: python3 with PyYAML built against libyaml (pip install pyyaml), cc, libyaml-dev,
# /usr/bin/time (Debian package time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${BENCH_DIR:-/tmp/isogap-portfolio-bench}"
repeat="${REPEAT:-5}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(800 2000)
mkdir -p "$work"

python3 -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' \
    || { echo "PyYAML without libyaml: pip install pyyaml (with libyaml-dev present)" >&2; exit 1; }
if [ -n "${ISOGAP:-}" ]; then
    isogap="$ISOGAP"    # a binary built before, e.g. of another commit
else
    (cd "$root" && swift build -c release --product isogap >/dev/null)
    isogap="$root/.build/release/isogap"
fi
cc -O2 -o "$work/libyaml_events" "$here/libyaml_events.c" $(pkg-config --cflags --libs yaml-0.1)

# Runs a command once; prints "wall_seconds max_rss_kib cpu_seconds" (CPU = user + system).
measure_once() {
    local log="$work/time.log"
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$work/stderr.log" || {
        status=$?
        # isogap exits 65 when a workspace is broken; the generated ones never are.
        echo "command failed ($status): $*" >&2; cat "$work/stderr.log" >&2; exit 1
    }
    local wall kib used
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    used=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
    echo "$wall $kib $used"
}

# Keeps the best (lowest) wall and CPU seconds and the highest peak memory of each command over
# the rounds: best[name] and the like.
declare -A best_wall best_cpu peak
record() {
    local name=$1 wall=$2 kib=$3 cpu=$4
    if [ -z "${best_wall[$name]:-}" ] || awk "BEGIN{exit !($wall < ${best_wall[$name]})}"; then best_wall[$name]=$wall; fi
    if [ -z "${best_cpu[$name]:-}" ] || awk "BEGIN{exit !($cpu < ${best_cpu[$name]})}"; then best_cpu[$name]=$cpu; fi
    if [ -z "${peak[$name]:-}" ] || [ "$kib" -gt "${peak[$name]}" ]; then peak[$name]=$kib; fi
}

echo "machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)); $(free -h | awk '/^Mem:/ {print $2 " memory"}'); $(uname -srm)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "isogap:  $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown); PyYAML $(python3 -c 'import yaml; print(yaml.__version__)'); libyaml $(pkg-config --modversion yaml-0.1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"
echo "rounds:  $repeat, each running (a), (b) and (c) in turn; best wall and best CPU time of each"
[ -n "${SKIP_PYYAML:-}" ] && echo "(b) skipped (SKIP_PYYAML)"
printf '\n%6s %8s %7s %7s %7s %8s %8s %8s %8s %8s %8s %8s\n' N "YAML MB" "(a) s" "(b) s" "(c) s" "(a)/(b)" "(a)/(c)" \
    "a CPU s" "b CPU s" "c CPU s" "CPU a/c" "(a) MB"
for n in "${sizes[@]}"; do
    dir="$work/workspaces-$n"
    if [ ! -f "$dir/.complete" ]; then
        python3 "$here/generate.py" "$dir" "$n" >/dev/null
        touch "$dir/.complete"
    fi
    find "$dir" -name '*.yaml' | sort > "$work/files-$n.txt"
    megabytes=$(xargs -a "$work/files-$n.txt" cat | wc -c | awk '{printf "%.1f", $1/1e6}')
    best_wall=() best_cpu=() peak=()
    for _ in $(seq "$repeat"); do
        read -r w k u < <(measure_once "$isogap" portfolio "$dir" --format json --as-of 2026-11-26)
        record a "$w" "$k" "$u"
        if [ -z "${SKIP_PYYAML:-}" ]; then
            read -r w k u < <(measure_once python3 "$here/load_pyyaml.py" "$work/files-$n.txt")
            record b "$w" "$k" "$u"
        fi
        read -r w k u < <(measure_once "$work/libyaml_events" "$work/files-$n.txt")
        record c "$w" "$k" "$u"
    done
    awk -v n="$n" -v mb="$megabytes" -v a="${best_wall[a]}" -v b="${best_wall[b]:-0}" -v c="${best_wall[c]}" \
        -v ac="${best_cpu[a]}" -v bc="${best_cpu[b]:-0}" -v cc="${best_cpu[c]}" -v rss="${peak[a]}" \
        'BEGIN {printf "%6d %8s %7.2f %7.2f %7.2f %8.3f %8.3f %8.2f %8.2f %8.2f %8.3f %8.1f\n", n, mb, a, b, c, (b > 0 ? a/b : 0), a/c, ac, bc, cc, ac/cc, rss/1024}'
done
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
echo
echo "targets: (a)/(c) <= 1.0 (wall), (a)/(b) <= 0.5, (a) peak < 100 MB and flat in N"
