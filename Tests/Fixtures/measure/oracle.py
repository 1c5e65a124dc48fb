#!/usr/bin/env python3
"""Independent oracle for `isogap measure` (SPEC §12).

Usage: oracle.py FOLDER SEED
Writes a workspace with random complaint, survey and volume files into FOLDER, then prints the
measures computed here with numpy (busday_count, percentile) and statsmodels (Wilson intervals,
two-proportion z-test) as JSON, rounded as the contract says, in the shape of `measure --format json`.
"""
import csv
import datetime as dt
import json
import math
import os
import random
import sys

import numpy as np
from scipy.stats import norm
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

folder, seed = sys.argv[1], sys.argv[2]
rng = random.Random(seed)
os.makedirs(os.path.join(folder, "data"), exist_ok=True)
holidays = ["2026-03-30", "2026-03-31", "2026-06-15", "2026-09-23"]
with open(os.path.join(folder, "isogap.yaml"), "w") as f:
    f.write(f"""isogap: 1
kind: workspace
organization: Oracle
scope: Oracle
assessment_date: 2026-12-01
target_level: 3
checklists: [iso-10002-2018]
plan: {{weekend: [fri, sat], holidays: [{', '.join(holidays)}]}}
measures:
  complaints: data/c.csv
  surveys: [{{file: data/s1.csv, wave: W1, invited: 900}}, {{file: data/s2.csv, wave: W2}}]
  volumes: data/v.csv
  period: quarter
""")

start = dt.date(2026, 1, 1)
rows = []
for n in range(700):
    r = start + dt.timedelta(days=rng.randrange(300))
    row = {"id": f"X{n}", "received": r.isoformat(), "acknowledged": "", "closed": "", "outcome": "", "stage": "",
           "reopened": "", "customer": "", "satisfaction": "", "category": ""}
    if rng.random() < 0.9:
        row["acknowledged"] = (r + dt.timedelta(days=rng.randrange(6))).isoformat()
    if rng.random() < 0.85:
        c = r + dt.timedelta(days=rng.randrange(45))
        row["closed"] = c.isoformat()
        if rng.random() < 0.9:
            row["outcome"] = rng.choice(["upheld", "partially-upheld", "not-upheld", "withdrawn"])
        if rng.random() < 0.9:
            row["stage"] = str(rng.choice([1, 1, 1, 2, 3]))
        if rng.random() < 0.07:
            row["reopened"] = (c + dt.timedelta(days=rng.randrange(20))).isoformat()
    if rng.random() < 0.8:
        row["customer"] = f"C{rng.randrange(250)}"
    if rng.random() < 0.4:
        row["satisfaction"] = str(rng.randint(1, 5))
    if rng.random() < 0.95:
        row["category"] = rng.choice(["a", "b", "b", "c", "c", "c", "d", "e", "e", "f"])
    rows.append(row)
with open(os.path.join(folder, "data", "c.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)

def wave(count, shift):
    out = []
    for n in range(count):
        out.append({"respondent": f"R{n}",
                    "overall": str(min(5, max(1, round(rng.gauss(3.7 + shift, 1))))) if rng.random() < 0.95 else "",
                    "nps": str(min(10, max(0, round(rng.gauss(7.5 + shift, 2))))) if rng.random() < 0.9 else "",
                    "ces": str(rng.randint(1, 7)) if rng.random() < 0.9 else "",
                    "perf:speed": str(rng.randint(1, 5)), "imp:speed": str(rng.randint(2, 5)),
                    "perf:price": str(rng.randint(1, 5)) if rng.random() < 0.9 else "",
                    "perf:staff": str(rng.randint(2, 5)), "imp:staff": str(rng.randint(1, 5)) if rng.random() < 0.9 else "",
                    "weight": rng.choice(["1", "0.5", "2", "1.25"])})
    return out
waves = [("W1", wave(300, 0), 900), ("W2", wave(260, 0.15), None)]
for name, data, _ in waves:
    with open(os.path.join(folder, "data", "s1.csv" if name == "W1" else "s2.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(data[0].keys()))
        w.writeheader()
        w.writerows(data)
volumes = {f"2026-Q{q}": rng.randint(50000, 90000) for q in range(1, 5)}
with open(os.path.join(folder, "data", "v.csv"), "w") as f:
    f.write("period,transactions\n" + "".join(f"{k},{v}\n" for k, v in volumes.items()))

# ---- measures -------------------------------------------------------------------------------
WEEK = "1111001"  # Monday..Sunday; Friday and Saturday off
def wd(a, b):
    # working days d with a < d <= b
    return int(np.busday_count(np.datetime64(a) + 1, np.datetime64(b) + 1, weekmask=WEEK, holidays=holidays))

def r1(x): return None if x is None else float(f"{math.floor(abs(x) * 10 + 0.5 + 1e-9) / 10 * (1 if x >= 0 else -1):.1f}")
def r2(x): return None if x is None else round(x + (1e-12 if x >= 0 else -1e-12), 2)
def r3(x): return None if x is None else round(x, 3)

def share(hits, n, neff=None):
    if n == 0:
        return {"value": None, "low": None, "high": None, "n": 0}
    neff = n if neff is None else neff
    p = hits / (n if neff == n else 1)
    low, high = proportion_confint(p * neff, neff, alpha=0.05, method="wilson")
    return {"value": r1(100 * p), "low": r1(100 * low), "high": r1(100 * high), "n": n}

def quarter(d): return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
def quarter_end(q):
    y, n = int(q[:4]), int(q[-1])
    return (dt.date(y + (n == 4), 1 if n == 4 else 3 * n + 1, 1) - dt.timedelta(days=1))

D = lambda s: dt.date.fromisoformat(s) if s else None
# repeats
flags = [None] * len(rows)
by_customer = {}
for i, row in enumerate(rows):
    if row["customer"]:
        by_customer.setdefault(row["customer"], []).append(i)
for cust, idx in by_customer.items():
    idx.sort(key=lambda i: (D(rows[i]["received"]), i))
    for k, i in enumerate(idx):
        flags[i] = k > 0 and (D(rows[i]["received"]) - D(rows[idx[k - 1]]["received"])).days <= 90

def measures(selected, cutoff, transactions):
    ack = sorted(wd(rows[i]["received"], rows[i]["acknowledged"]) for i in selected if rows[i]["acknowledged"])
    closed = [i for i in selected if rows[i]["closed"]]
    res = sorted(wd(rows[i]["received"], rows[i]["closed"]) for i in closed)
    pct = lambda v, q: r1(float(np.percentile(v, q))) if v else None
    with_outcome = [i for i in closed if rows[i]["outcome"]]
    with_stage = [i for i in closed if rows[i]["stage"]]
    with_customer = [i for i in selected if flags[i] is not None]
    with_sat = [i for i in selected if rows[i]["satisfaction"]]
    cats = {}
    for i in selected:
        if rows[i]["category"]:
            cats[rows[i]["category"]] = cats.get(rows[i]["category"], 0) + 1
    ordered = sorted(cats.items(), key=lambda kv: (-kv[1], kv[0]))
    total = sum(cats.values())
    running, categories, vital = 0, [], []
    for name, count in ordered:
        if running < 0.8 * total:
            vital.append(name)
        running += count
        categories.append({"name": name, "count": count, "cumulative_share": r1(100 * running / total)})
    open_at_end = sum(1 for r in rows if D(r["received"]) <= cutoff) - sum(1 for r in rows if r["closed"] and D(r["closed"]) <= cutoff)
    return {
        "received": len(selected),
        "per_1000": r2(1000 * len(selected) / transactions) if transactions else None,
        "ack_days_median": pct(ack, 50), "ack_days_p90": pct(ack, 90),
        "ack_within_target": share(sum(1 for d in ack if d <= 2), len(ack)),
        "resolution_days_median": pct(res, 50), "resolution_days_p90": pct(res, 90),
        "closed_within_target": share(sum(1 for d in res if d <= 20), len(res)),
        "open_at_end": open_at_end,
        "reopen_rate": share(sum(1 for i in closed if rows[i]["reopened"]), len(closed)),
        "upheld_rate": share(sum(1 for i in with_outcome if rows[i]["outcome"] in ("upheld", "partially-upheld")), len(with_outcome)),
        "first_stage_rate": share(sum(1 for i in with_stage if rows[i]["stage"] == "1"), len(with_stage)),
        "repeat_rate": share(sum(1 for i in with_customer if flags[i]), len(with_customer)),
        "handling_satisfaction": share(sum(1 for i in with_sat if int(rows[i]["satisfaction"]) >= 4), len(with_sat)),
        "categories": categories, "vital_few": vital,
    }

periods = sorted({quarter(D(r["received"])) for r in rows})
result_periods = []
for q in periods:
    sel = [i for i, r in enumerate(rows) if quarter(D(r["received"])) == q]
    result_periods.append({"period": q, **measures(sel, quarter_end(q), volumes.get(q))})
complaints = {"all": measures(list(range(len(rows))), quarter_end(periods[-1]), sum(volumes.values())),
              "periods": result_periods}

def survey(data, invited):
    def tally(key, hit=None, det=None):
        w = np.array([float(r["weight"]) for r in data if r[key] != ""])
        v = np.array([int(r[key]) for r in data if r[key] != ""])
        return w, v
    out = {"responses": len(data), "response_rate": r1(100 * len(data) / invited) if invited else None}
    w, v = tally("overall")
    p = w[v >= 4].sum() / w.sum(); neff = w.sum() ** 2 / (w ** 2).sum()
    low, high = proportion_confint(p * neff, neff, method="wilson")
    out["csat"] = {"value": r1(100 * p), "low": r1(100 * low), "high": r1(100 * high), "n": len(v)}
    out["_csat"] = (p, neff)
    out["overall_mean"] = r2(float(np.average(v, weights=w)))
    w, v = tally("ces")
    out["ces_mean"] = r2(float(np.average(v, weights=w)))
    pe = w[v >= 5].sum() / w.sum(); ne = w.sum() ** 2 / (w ** 2).sum()
    low, high = proportion_confint(pe * ne, ne, method="wilson")
    out["ces_easy"] = {"value": r1(100 * pe), "low": r1(100 * low), "high": r1(100 * high), "n": len(v)}
    w, v = tally("nps")
    pp = w[v >= 9].sum() / w.sum(); dd = w[v <= 6].sum() / w.sum(); nn = w.sum() ** 2 / (w ** 2).sum()
    score = 100 * (pp - dd); se = 100 * math.sqrt((pp + dd - (pp - dd) ** 2) / nn)
    out["nps"] = {"value": r1(score), "low": r1(max(-100, score - 1.959964 * se)), "high": r1(min(100, score + 1.959964 * se)), "n": len(v)}
    out["_nps"] = (score, se)
    attrs = []
    for name in ["speed", "price", "staff"]:
        w, v = tally("perf:" + name)
        P = float(np.average(v, weights=w))
        if "imp:" + name in data[0]:
            w, v = tally("imp:" + name)
            I = float(np.average(v, weights=w))
        else:
            I = 1.0
        attrs.append((name, P, I))
    out["index"] = r1(100 * sum(I * (P - 1) / 4 for _, P, I in attrs) / sum(I for _, _, I in attrs))
    mp = sum(a[1] for a in attrs) / len(attrs); mi = sum(a[2] for a in attrs) / len(attrs)
    quad = lambda P, I: ("concentrate-here" if P < mp else "keep-up") if I >= mi else ("low-priority" if P < mp else "possible-overkill")
    out["attributes"] = [{"name": n, "performance": r2(P), "importance": r2(I), "quadrant": quad(P, I)} for n, P, I in attrs]
    return out

surveys = []
previous = None
for name, data, invited in waves:
    s = {"wave": name, **survey(data, invited)}
    if previous:
        (p1, n1), (p2, n2) = previous["_csat"], s["_csat"]
        _, pval = proportions_ztest([p1 * n1, p2 * n2], [n1, n2])
        (a, se1), (b, se2) = previous["_nps"], s["_nps"]
        z = (b - a) / math.sqrt(se1 ** 2 + se2 ** 2)
        s["change"] = {"csat": {"difference": r1(100 * (p2 - p1)), "p_value": r3(float(pval))},
                       "nps": {"difference": r1(b - a), "p_value": r3(float(2 * norm.sf(abs(z))))}}
    else:
        s["change"] = None
    surveys.append(s)
    previous = s
for s in surveys:
    s.pop("_csat"); s.pop("_nps")
print(json.dumps({"complaints": complaints, "surveys": surveys}))
