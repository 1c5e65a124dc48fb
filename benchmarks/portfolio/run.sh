#!/usr/bin/env bash
# The portfolio benchmark (run by hand, never by CI): generates N workspaces and times, in one run,
#   (a) isogap portfolio (release build, default --jobs),
#   (b) load_pyyaml.py: PyYAML's CSafeLoader loading the same files,
#   (c) libyaml_events: libyaml's parser over every event of the same files,
# then prints (a)/(b), (a)/(c) and the peak memory of (a). Each command runs REPEAT times (default
# 3) on a warm page cache; the best wall time and the highest peak memory are reported.
#
#   benchmarks/portfolio/run.sh [N...]        (default: 500 2000)
#   BENCH_DIR=/path REPEAT=5 benchmarks/portfolio/run.sh 500
#
# Needs: python3 with PyYAML built against libyaml (pip install pyyaml), cc, libyaml-dev,
# /usr/bin/time (Debian package time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${BENCH_DIR:-/tmp/isogap-portfolio-bench}"
repeat="${REPEAT:-3}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(500 2000)
mkdir -p "$work"

python3 -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' \
    || { echo "PyYAML without libyaml: pip install pyyaml (with libyaml-dev present)" >&2; exit 1; }
(cd "$root" && swift build -c release --product isogap >/dev/null)
isogap="$root/.build/release/isogap"
cc -O2 -o "$work/libyaml_events" "$here/libyaml_events.c" $(pkg-config --cflags --libs yaml-0.1)

# Runs a command REPEAT times; prints "best_wall_seconds max_rss_kib cpu_seconds_of_that_run".
measure() {
    local best="" rss=0 cpu="" log="$work/time.log"
    for _ in $(seq "$repeat"); do
        /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$work/stderr.log" || {
            status=$?
            # isogap exits 65 when a workspace is broken; the generated ones never are.
            echo "command failed ($status): $*" >&2; cat "$work/stderr.log" >&2; exit 1
        }
        local wall kib used
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
        kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
        used=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; cpu=$used; fi
        [ "$kib" -gt "$rss" ] && rss=$kib
    done
    echo "$best $rss $cpu"
}

echo "machine: $(nproc) cores; $(free -h | awk '/^Mem:/ {print $2 " memory"}'); $(uname -srm)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "isogap:  $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown); PyYAML $(python3 -c 'import yaml; print(yaml.__version__)'); libyaml $(pkg-config --modversion yaml-0.1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"
printf '\n%6s %9s %10s %10s %10s %9s %9s %12s %16s\n' N "YAML MB" "(a) s" "(b) s" "(c) s" "(a)/(b)" "(a)/(c)" "(a) peak MB" "CPU s a/b/c"
for n in "${sizes[@]}"; do
    dir="$work/workspaces-$n"
    if [ ! -f "$dir/.complete" ]; then
        python3 "$here/generate.py" "$dir" "$n" >/dev/null
        touch "$dir/.complete"
    fi
    find "$dir" -name '*.yaml' | sort > "$work/files-$n.txt"
    megabytes=$(xargs -a "$work/files-$n.txt" cat | wc -c | awk '{printf "%.1f", $1/1e6}')
    read -r a a_rss a_cpu < <(measure "$isogap" portfolio "$dir" --format json --as-of 2026-11-26)
    read -r b _ b_cpu < <(measure python3 "$here/load_pyyaml.py" "$work/files-$n.txt")
    read -r c _ c_cpu < <(measure "$work/libyaml_events" "$work/files-$n.txt")
    awk -v n="$n" -v mb="$megabytes" -v a="$a" -v b="$b" -v c="$c" -v rss="$a_rss" \
        -v ac="$a_cpu" -v bc="$b_cpu" -v cc="$c_cpu" \
        'BEGIN {printf "%6d %9s %10.2f %10.2f %10.2f %9.3f %9.3f %12.1f %16s\n", n, mb, a, b, c, a/b, a/c, rss/1024, sprintf("%.2f/%.2f/%.2f", ac, bc, cc)}'
done
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
echo
echo "targets: (a)/(b) <= 0.5, (a)/(c) <= 2.0, (a) peak < 100 MB and within 20% between the sizes"
