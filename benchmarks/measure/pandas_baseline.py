#!/usr/bin/env python3
"""The pandas side of the benchmark: read the complaint log and compute the same medians and shares
(working days with numpy.busday_count, grouped by quarter). Prints the seconds taken."""
import sys
import time

import numpy as np
import pandas as pd

path = sys.argv[1]
t0 = time.perf_counter()
frame = pd.read_csv(path, dtype=str, keep_default_na=False)
t_read = time.perf_counter() - t0
received = pd.to_datetime(frame["received"].str[:10]).values.astype("datetime64[D]")
ack = pd.to_datetime(frame["acknowledged"].str[:10].replace("", None)).values.astype("datetime64[D]")
closed = pd.to_datetime(frame["closed"].str[:10].replace("", None)).values.astype("datetime64[D]")
week = "1111001"  # Friday and Saturday off
holidays = ["2025-09-23", "2026-02-22", "2026-09-23"]
has_ack = ~np.isnat(ack)
has_closed = ~np.isnat(closed)
ack_days = np.full(len(frame), np.nan)
ack_days[has_ack] = np.busday_count(received[has_ack] + 1, ack[has_ack] + 1, weekmask=week, holidays=holidays)
res_days = np.full(len(frame), np.nan)
res_days[has_closed] = np.busday_count(received[has_closed] + 1, closed[has_closed] + 1, weekmask=week, holidays=holidays)
frame["quarter"] = pd.PeriodIndex(received, freq="Q").astype(str)
frame["ack_days"] = ack_days
frame["res_days"] = res_days
frame["ack_ok"] = np.where(has_ack, ack_days <= 2, np.nan)
frame["closed_ok"] = np.where(has_closed, res_days <= 20, np.nan)
frame["reopened_flag"] = np.where(has_closed, frame["reopened"] != "", np.nan)
grouped = frame.groupby("quarter").agg(
    received=("id", "size"), ack_median=("ack_days", "median"), ack_p90=("ack_days", lambda s: s.quantile(0.9)),
    ack_ok=("ack_ok", "mean"), res_median=("res_days", "median"), res_p90=("res_days", lambda s: s.quantile(0.9)),
    closed_ok=("closed_ok", "mean"), reopen=("reopened_flag", "mean"))
t_total = time.perf_counter() - t0
print(f"pandas read_csv {t_read:.2f} s, read + measures {t_total:.2f} s, {len(frame)} rows, {len(grouped)} quarters")
