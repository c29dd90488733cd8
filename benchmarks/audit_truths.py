"""Audit the labelled sets' truths against the probes in each run's internals.csv.

A run's events come from the plan its script followed: the lr it set, the
minibatch it corrupted, the crossing of a probed accuracy. A run can do more
than was planned — a corrupted batch leaves the net at chance and it climbs
off that plateau later, a saturated net leaves its plateau in two stages — and
such a fall is as real a transition as the planned one. This lists, per run,
the falls off a plateau in the probed full-training-set loss at a constant lr
(tools/truthlib.py ``plateau_escapes``, the rule fixed before it was run) that
no listed event covers. ``--write`` adds them to truth.json, as make_*.py does
when it builds a run.

    .venv/bin/python benchmarks/audit_truths.py [--write]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))
sys.path.insert(0, str(HERE.parent))

import truthlib as tt  # noqa: E402
from benchmarks.accuracy import CORPUS, FIFTH, FOURTH, HOLDOUT, THIRD  # noqa: E402

ZERO_BASED_STEPS = {"lightning_csv", "text"}   # update u is written at step u - 1


def axis_maps(truth: dict, x: np.ndarray):
    """(update -> log axis, log axis -> update, slack in updates) for a run's truth."""
    if truth["step_axis"] == "epoch":
        spe, first = truth["steps_per_epoch"], float(x[0])
        return (lambda u: (u - 1) // spe + first), (lambda v: (v - first) * spe + 1), spe
    shift = 1 if truth["format"] in ZERO_BASED_STEPS else 0
    return (lambda u: u - shift), (lambda v: v + shift), 0


def written_series(folder: Path, truth: dict) -> tuple[np.ndarray, np.ndarray]:
    """The main metric as written, parsed by curvedoc's readers (a parser only: the events
    come from the probes)."""
    from curvedoc.readers import read

    for run in read(folder / truth["log"]):
        if truth["metric"] in run.frame.columns:
            s = run.series(truth["metric"])
            return s.index.to_numpy(dtype=float), s.to_numpy(dtype=float)
    raise SystemExit(f"{folder}: metric {truth['metric']!r} not in {truth['log']}")


def audit(folder: Path, truth: dict) -> tuple[list[tt.Event], SimpleNamespace | None]:
    """The escapes no listed event covers, and the log's axis as ``place`` needs it."""
    probes = folder / "internals.csv"
    if truth.get("no_event") or not probes.exists():
        return [], None
    d = pd.read_csv(probes)
    key = next((k for k in ("full_train_loss", "full_loss") if k in d), None)
    if key is None:
        return [], None
    d = d.dropna(subset=[key])
    x, y = written_series(folder, truth)
    axis_of, update_of, slack = axis_maps(truth, x)
    covered = [(update_of(e["step"]), update_of(e["step"] + e["tolerance"]) - update_of(e["step"]) + slack)
               for e in truth["events"]]
    lr = d["lr"].to_numpy() if "lr" in d and d["lr"].notna().all() else None
    found = tt.escape_events(d["step"].to_numpy(), d[key].to_numpy(), covered, truth["category"], lr, key)
    interval = 1.0 if truth["step_axis"] == "epoch" else float(np.median(np.diff(x)))
    info = SimpleNamespace(x=list(x), y=list(y), axis=truth["step_axis"], axis_of=axis_of, interval=interval)
    return found, info


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="add what is found to truth.json")
    a = ap.parse_args(argv)
    total = 0
    for root in (CORPUS, HOLDOUT, THIRD, FOURTH, FIFTH):
        for path in sorted(root.glob("*/truth.json")):
            truth = json.loads(path.read_text())
            found, info = audit(path.parent, truth)
            total += len(found)
            for e in found:
                print(f"{root.name}/{path.parent.name}: {e.cause} at update {e.step} ± {e.tol_steps}: {e.how}")
            if found and a.write:
                new = tt.events_to_json(found, info)
                events = tt.measure_all(truth["events"] + new, info)
                moved = [(old["step"], old["visible"]) for old in truth["events"]
                         if next(e for e in events if e["how_verified"] == old["how_verified"])["visible"]
                         != old["visible"]]
                if moved:
                    print(f"  visibility of listed events changed: {moved}")
                truth["events"] = events
                path.write_text(json.dumps(truth, indent=2) + "\n")
    print(f"{total} fall(s) off a plateau not in the truths" + (" (written)" if a.write and total else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
