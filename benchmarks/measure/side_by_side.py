#!/usr/bin/env python3
"""Runs `isogap measure --format json` and the pandas baseline on the same complaint log, one after
the other, ROUNDS times, each under `/usr/bin/time -v`, and prints CPU time (user + system), wall
time and peak memory (max RSS) per run, the best of each, and the load average before each run.

Usage: side_by_side.py ISOGAP WORKSPACE [ROUNDS]    (default 5 rounds)

ISOGAP is the release binary; WORKSPACE a folder written by generate.py. The runs alternate
(isogap, pandas, isogap, pandas, ...) so that a change in the machine's load hits both alike.
"""
import os
import re
import subprocess
import sys

isogap, workspace = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
here = os.path.dirname(os.path.abspath(__file__))
commands = {
    "isogap": [isogap, "measure", workspace, "--format", "json"],
    "pandas": [sys.executable, os.path.join(here, "pandas_baseline.py"), os.path.join(workspace, "data", "complaints.csv")],
}


def timed(command):
    """(user, system, wall seconds, max RSS in MB) of one run; its output is read and dropped."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed:\n{result.stderr}")
    text = result.stderr

    def field(name):
        return re.search(re.escape(name) + r":\s*(.+)", text).group(1).strip()

    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    return float(field("User time (seconds)")), float(field("System time (seconds)")), wall, int(field("Maximum resident set size (kbytes)")) / 1024


runs = {name: [] for name in commands}
print(f"{'round':>5} {'tool':<7} {'load (1 min)':>12} {'user s':>7} {'sys s':>6} {'CPU s':>6} {'wall s':>7} {'max RSS MB':>10}")
for round_number in range(1, rounds + 1):
    for name, command in commands.items():
        load = os.getloadavg()[0]
        user, system, wall, rss = timed(command)
        runs[name].append((user + system, wall, rss))
        print(f"{round_number:>5} {name:<7} {load:>12.2f} {user:>7.2f} {system:>6.2f} {user + system:>6.2f} {wall:>7.2f} {rss:>10.1f}", flush=True)
print()
for name, values in runs.items():
    cpu = sorted(v[0] for v in values)
    wall = sorted(v[1] for v in values)
    rss = sorted(v[2] for v in values)
    print(f"{name}: best CPU {cpu[0]:.2f} s (median {cpu[len(cpu) // 2]:.2f}), best wall {wall[0]:.2f} s "
          f"(median {wall[len(wall) // 2]:.2f}), peak RSS {rss[-1]:.1f} MB (lowest {rss[0]:.1f})")
