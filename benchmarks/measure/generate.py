#!/usr/bin/env python3
"""Writes a benchmark workspace with a large complaint log for `isogap measure`.

Usage: generate.py FOLDER [ROWS]   (default 1,000,000 rows; fixed seed)
"""
import os
import random
import sys
import datetime as dt

folder = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = random.Random(7)
os.makedirs(os.path.join(folder, "data"), exist_ok=True)
os.makedirs(os.path.join(folder, "assessments"), exist_ok=True)
with open(os.path.join(folder, "isogap.yaml"), "w") as f:
    f.write("""isogap: 1
kind: workspace
organization: Benchmark Retail
scope: Benchmark
assessment_date: 2026-11-20
target_level: 3
checklists: [iso-10002-2018]
plan: {weekend: [fri, sat], holidays: [2025-09-23, 2026-02-22, 2026-09-23]}
measures: {complaints: data/complaints.csv, period: quarter}
""")
start = dt.date(2024, 1, 1).toordinal()
categories = ["delivery-delay", "refund-delay", "damaged-item", "staff-behaviour", "pricing-error", "product-quality",
              "app-payment-failure", "stock-availability", "loyalty-points", "warranty"]
channels = ["store", "contact-centre", "web", "app", "whatsapp", "email"]
outcomes = ["upheld", "partially-upheld", "not-upheld", "withdrawn"]
with open(os.path.join(folder, "data", "complaints.csv"), "w") as f:
    f.write("id,received,acknowledged,responded,closed,channel,category,site,outcome,stage,reopened,customer,satisfaction,action\n")
    out = []
    for n in range(rows):
        r = start + rng.randrange(1000)
        a = r + rng.randrange(4)
        c = r + rng.randrange(40)
        closed = rng.random() < 0.95
        reopened = dt.date.fromordinal(c + 5).isoformat() if closed and rng.random() < 0.04 else ""
        out.append(",".join([
            f"C{n:08d}", dt.date.fromordinal(r).isoformat(), dt.date.fromordinal(a).isoformat(), "",
            dt.date.fromordinal(c).isoformat() if closed else "", rng.choice(channels), rng.choice(categories),
            f"site-{rng.randrange(40)}", rng.choice(outcomes) if closed else "", str(rng.randint(1, 3)) if closed else "",
            reopened, f"CU{rng.randrange(400000):07d}", str(rng.randint(1, 5)) if rng.random() < 0.3 else "", ""]))
        if len(out) >= 10000:
            f.write("\n".join(out) + "\n")
            out = []
    if out:
        f.write("\n".join(out) + "\n")
