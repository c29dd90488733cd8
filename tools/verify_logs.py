"""Read generated logs back with plain tools and check them.

Independent of curvedoc: pandas for CSVs, json for HF/W&B, TensorBoard's own
EventAccumulator for event files, a regex for stdout logs. Used by
make_corpus.py and make_sample_logs.py after writing, and on its own::

    /work/torchenv/bin/python tools/verify_logs.py benchmarks/corpus

checks every ``truth.json`` under the directory: the main metric is there
with ``n_points`` points, the first and last values match what was written,
NaN/inf appear where they were written, and every event step lies inside the
logged step range.
"""

from __future__ import annotations

import glob
import json
import math
import os
import re
import sys

import numpy as np


def _csv_series(path: str, xcol: str, metric: str):
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    col = df[metric]
    keep = col != ""                      # empty cell = not logged; 'nan' = logged NaN
    x = df.loc[keep, xcol].astype(float).to_numpy()
    y = col[keep].replace({"NA": "nan"}).astype(float).to_numpy()
    return x, y


def read_series(run_dir: str, fmt: str, log: str, metric: str, axis: str):
    """(x, y) of one metric from a log, read the way a user would."""
    path = os.path.join(run_dir, log)
    if fmt in ("generic_csv", "lightning_csv"):
        return _csv_series(path, axis, metric)
    if fmt == "keras_csv":
        with open(path, "rb") as f:
            raw = f.read()
        assert b"\r\n" in raw, "Keras CSVLogger writes CRLF"
        return _csv_series(path, "epoch", metric)
    if fmt == "tensorboard":
        from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

        acc = EventAccumulator(path, size_guidance={"scalars": 0})
        acc.Reload()
        ev = acc.Scalars(metric)
        return np.array([e.step for e in ev], float), np.array([e.value for e in ev], float)
    if fmt == "hf_trainer_state":
        with open(path) as f:
            state = json.load(f)
        pts = [(e["step"], e[metric]) for e in state["log_history"] if metric in e and "step" in e]
        return np.array([p[0] for p in pts], float), np.array([p[1] for p in pts], float)
    if fmt == "mlflow":
        xs, ys = [], []
        with open(os.path.join(path, "metrics", metric)) as f:
            for line in f:
                ts, v, s = line.split()
                xs.append(float(s))
                ys.append(float(v))
        return np.array(xs), np.array(ys)
    if fmt == "wandb_jsonl":
        xs, ys = [], []
        with open(path) as f:
            for line in f:
                r = json.loads(line)
                if metric in r:
                    xs.append(r["_step"])
                    ys.append(float(r[metric]))
        return np.array(xs, float), np.array(ys, float)
    if fmt == "text":
        pat = re.compile(r"^iter (\d+): loss ([^,]+),")
        if metric != "loss":
            raise ValueError("text logs carry 'loss' per iter")
        xs, ys = [], []
        with open(path) as f:
            for line in f:
                m = pat.match(line)
                if m:
                    xs.append(float(m.group(1)))
                    ys.append(float(m.group(2)))
        return np.array(xs), np.array(ys)
    raise ValueError(f"unknown format {fmt}")


def same(a, b, rel: float = 1e-4) -> bool:
    a, b = float(a), float(b)          # truth.json spells non-finite values 'nan', 'inf'
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)


def check(run_dir: str, truth: dict) -> tuple[bool, str]:
    """Compare a log with the fingerprint stored in its truth.json."""
    x, y = read_series(run_dir, truth["format"], truth["log"], truth["metric"], truth["step_axis"])
    fp = truth["fingerprint"]
    problems = []
    if len(y) != truth["n_points"]:
        problems.append(f"{len(y)} points, truth says {truth['n_points']}")
    for i, v in zip(fp["first_index"], fp["first_values"]):
        if i < len(y) and not same(float(y[i]), v):
            problems.append(f"value #{i} {y[i]!r} != {v!r}")
    if len(y) and not same(float(y[-1]), fp["last_value"]):
        problems.append(f"last value {y[-1]!r} != {fp['last_value']!r}")
    n_nonfinite = int((~np.isfinite(y)).sum())
    if n_nonfinite != fp["n_nonfinite"]:
        problems.append(f"{n_nonfinite} non-finite values, truth says {fp['n_nonfinite']}")
    if len(x):
        for ev in truth["events"]:
            if not (x.min() - ev["tolerance"] <= ev["step"] <= x.max()):
                problems.append(f"event at {ev['step']} outside logged range {x.min()}..{x.max()}")
    if len(x) > 1 and (np.diff(x) <= 0).any():
        problems.append("x not strictly increasing")
    return (not problems), "; ".join(problems) or f"{len(y)} pts, x {x.min():g}..{x.max():g}"


def main(root: str) -> int:
    bad = 0
    paths = sorted(glob.glob(os.path.join(root, "*", "truth.json")))
    for p in paths:
        with open(p) as f:
            truth = json.load(f)
        ok, msg = check(os.path.dirname(p), truth)
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {os.path.basename(os.path.dirname(p)):32s} {truth['format']:16s} "
              f"{truth['metric']:12s} {msg}")
    print(f"{len(paths) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/corpus"))
