#!/usr/bin/env python3
"""Writes the example measurement data of the Al Noor Retail workspace (invented figures).

complaints.csv: about 2,000 complaints received from May 2025 to September 2026, exported the way
a CRM exports them on the cut-off date: timestamps with and without a time zone, padded cells, blank cells, a free
text summary column that isogap does not read (quoted, with commas and line breaks).
survey-2026-q1.csv and survey-2026-q3.csv: two waves of a customer satisfaction survey.
volumes.csv: transactions per quarter.

Run from this folder: python3 generate.py (the seed is fixed, so the files come out the same).
"""
import csv
import datetime as dt
import random

rng = random.Random(20261120)
START, END = dt.date(2025, 5, 1), dt.date(2026, 10, 31)
# The client's export runs to the end of the last whole quarter before the assessment date
# (2026-11-20): a KPI is read for the latest period in the data and dated its last day (SPEC §12),
# so data from a quarter still running would give evidence dated after the assessment. The log is
# generated to END and then cut, so the random sequence, and the surveys, stay as they were.
CUT = dt.date(2026, 9, 30)
WEEKEND = {4, 5}  # Friday, Saturday

CHANNELS = [("store", 30), ("contact-centre", 25), ("web", 15), ("app", 12), ("whatsapp", 10), ("email", 5), ("social-media", 3)]
CATEGORIES = [("delivery-delay", 26), ("refund-delay", 17), ("damaged-item", 13), ("staff-behaviour", 9),
              ("pricing-error", 8), ("product-quality", 8), ("app-payment-failure", 7), ("stock-availability", 5),
              ("loyalty-points", 4), ("warranty", 3)]
SITES = [("riyadh-olaya", 22), ("riyadh-malaz", 14), ("jeddah-tahlia", 18), ("dammam-corniche", 10), ("khobar", 8), ("online", 28)]
SUMMARIES = ["Order arrived late, customer asked for delivery fee refund", "Refund not received after 10 days",
             "Item damaged in box; photo sent by WhatsApp", "Cashier was rude, \"ignored\" the customer",
             "Shelf price differs from till price", "Payment taken twice in the app,\nsecond charge reversed later",
             "Loyalty points missing after purchase", "", "Customer wants manager call-back"]


def pick(options):
    total = sum(w for _, w in options)
    x = rng.uniform(0, total)
    for value, weight in options:
        x -= weight
        if x <= 0:
            return value
    return options[-1][0]


def add_working_days(day, count):
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() not in WEEKEND:
            count -= 1
    return day


def stamp(day):
    form = rng.random()
    if form < 0.55:
        return day.isoformat()
    if form < 0.85:
        return f"{day.isoformat()}T{rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}+03:00"
    return f" {day.isoformat()}T{rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}Z"


def complaints():
    rows = []
    days = (END - START).days + 1
    customers = [f"CU-{n:05d}" for n in range(1, 1900)]
    number = 0
    for offset in range(days):
        day = START + dt.timedelta(days=offset)
        # More complaints in Ramadan/Eid sales and White Friday (November); fewer on Fridays.
        rate = 4.4 + (2.5 if day.month in (3, 11) else 0) - (2.0 if day.weekday() == 4 else 0)
        rate *= 0.85 if day.year == 2026 and day.month >= 7 else 1.0  # the improvement programme bites
        for _ in range(max(0, int(rng.gauss(rate, 1.6)))):
            number += 1
            late = day.year == 2026 and day.month >= 7
            ack = add_working_days(day, rng.choices([0, 1, 2, 3, 5], [35, 35, 18 if not late else 24, 8, 4 if not late else 1])[0])
            resolution = max(1, int(rng.lognormvariate(2.0 if late else 2.3, 0.7)))
            closed = add_working_days(day, resolution)
            is_closed = closed <= END and rng.random() > 0.01
            outcome = pick([("upheld", 38), ("partially-upheld", 22), ("not-upheld", 34), ("withdrawn", 6)]) if is_closed else ""
            stage = pick([("1", 82 if late else 74), ("2", 20), ("3", 4)]) if is_closed else ""
            reopened = ""
            if is_closed and rng.random() < 0.04:
                reopened_day = closed + dt.timedelta(days=rng.randint(1, 30))
                if reopened_day <= END:
                    reopened = reopened_day.isoformat()
            satisfaction = str(rng.choices([1, 2, 3, 4, 5], [10, 10, 16, 34, 30])[0]) if is_closed and rng.random() < 0.35 else ""
            action = rng.choice(["CA-001", "CA-002", "CA-004"]) if rng.random() < 0.01 else ""
            rows.append({
                "id": f"NR-{day.year}-{number:05d}",
                "received": stamp(day),
                "acknowledged": ack.isoformat() if ack <= END else "",
                "responded": (ack + dt.timedelta(days=rng.randint(0, 3))).isoformat() if is_closed else "",
                "closed": closed.isoformat() if is_closed else "",
                "channel": pick(CHANNELS),
                "category": pick(CATEGORIES) if rng.random() > 0.02 else "",
                "site": pick(SITES),
                "outcome": outcome,
                "stage": stage,
                "reopened": reopened,
                "customer": rng.choice(customers) if rng.random() > 0.08 else "",
                "satisfaction": satisfaction,
                "action": action,
                "summary": rng.choice(SUMMARIES),
            })
    return rows


def cut(rows):
    """The log as exported on CUT: later complaints absent, later steps not yet taken."""
    kept = []
    for row in rows:
        if dt.date.fromisoformat(row["received"].strip()[:10]) > CUT:
            continue
        for column in ("acknowledged", "responded", "reopened"):
            if row[column] and dt.date.fromisoformat(row[column]) > CUT:
                row[column] = ""
        if row["closed"] and dt.date.fromisoformat(row["closed"]) > CUT:
            for column in ("responded", "closed", "outcome", "stage", "reopened", "satisfaction"):
                row[column] = ""
        kept.append(row)
    return kept


def survey(wave_start, wave_days, count, shift):
    attributes = ["staff_courtesy", "delivery_speed", "product_availability", "price_value", "app_usability", "returns_process"]
    base_perf = {"staff_courtesy": 4.1, "delivery_speed": 3.2, "product_availability": 3.7, "price_value": 3.4,
                 "app_usability": 3.9, "returns_process": 3.0}
    base_imp = {"staff_courtesy": 3.8, "delivery_speed": 4.5, "product_availability": 4.2, "price_value": 4.4,
                "app_usability": 3.3, "returns_process": 3.9}
    rows = []
    for n in range(1, count + 1):
        row = {"respondent": f"R{n:04d}",
               "date": (wave_start + dt.timedelta(days=rng.randrange(wave_days))).isoformat(),
               "site": pick(SITES), "segment": pick([("loyalty-member", 55), ("walk-in", 30), ("online-only", 15)])}
        mood = rng.gauss(shift, 0.9)
        clamp = lambda v, lo, hi: str(max(lo, min(hi, int(round(v)))))
        row["overall"] = clamp(3.9 + mood, 1, 5) if rng.random() > 0.03 else ""
        row["nps"] = clamp(7.6 + 1.8 * mood, 0, 10) if rng.random() > 0.05 else ""
        row["ces"] = clamp(5.1 + mood, 1, 7) if rng.random() > 0.1 else ""
        for name in attributes:
            row[f"perf:{name}"] = clamp(base_perf[name] + shift + rng.gauss(0, 0.9), 1, 5) if rng.random() > 0.04 else ""
            row[f"imp:{name}"] = clamp(base_imp[name] + rng.gauss(0, 0.7), 1, 5) if rng.random() > 0.04 else ""
        # Online-only customers are under-represented in the sample: weighted up.
        row["weight"] = {"loyalty-member": "0.85", "walk-in": "1", "online-only": "1.6"}[row["segment"]]
        rows.append(row)
    return rows


def write(name, rows, bom=False):
    with open(name, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    log = cut(complaints())
    write("complaints.csv", log, bom=True)
    write("survey-2026-q1.csv", survey(dt.date(2026, 2, 1), 50, 420, 0.0))
    write("survey-2026-q3.csv", survey(dt.date(2026, 8, 1), 50, 455, 0.18))
    quarters = {}
    for row in log:
        day = dt.date.fromisoformat(row["received"].strip()[:10])
        quarters.setdefault(f"{day.year}-Q{(day.month - 1) // 3 + 1}", 0)
    with open("volumes.csv", "w", newline="", encoding="utf-8") as file:
        file.write("period,transactions\n")
        for quarter in sorted(quarters):
            file.write(f"{quarter},{rng.randint(410_000, 520_000)}\n")
