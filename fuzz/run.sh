#!/usr/bin/env bash
# Builds the libFuzzer target and runs it for DURATION seconds (default 600) over a seed corpus
# made from Tests/Fixtures, the built-in checklists and templates, and the example workspace.
#
#   fuzz/run.sh [DURATION] [extra libFuzzer flags...]
#
# Findings (crash-*, timeout-*, oom-*, leak-*) are written to fuzz/findings/; the growing corpus is
# kept in fuzz/corpus/ (both ignored by git). Reproduce one with:
#   fuzz/.build/release/isogap-fuzz fuzz/findings/crash-...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
duration="${1:-600}"
shift || true

cd "$here"
# -enable-testing: the escaper target checks internal escapers (`@testable import`).
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -enable-testing
binary="$here/.build/release/isogap-fuzz"

python3 "$here/make-seeds.py" "$root" "$here/seeds"
mkdir -p "$here/corpus" "$here/findings"

# -timeout: an input that takes over 5 s is a hang; -rss_limit_mb / -malloc_limit_mb: a memory
# blow-up; -max_len: large enough for a whole checklist (the YAML layer caps files at 4 MiB).
# The Swift runtime's backtracer reads memory that AddressSanitizer reports; libFuzzer's own report
# of a trap is enough.
SWIFT_BACKTRACE=enable=no exec "$binary" "$here/corpus" "$here/seeds" \
    -max_total_time="$duration" -timeout=5 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
    -max_len=262144 -artifact_prefix="$here/findings/" -print_final_stats=1 "$@"
