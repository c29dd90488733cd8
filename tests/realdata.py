"""Independent readings of the real public logs (plain json/csv), for the engine's tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

REAL_LOGS = Path(__file__).resolve().parents[1].parent / "shared" / "real_logs"


def wrn(name: str) -> dict[str, np.ndarray]:
    rows = [json.loads(line.split("json_stats: ", 1)[1])
            for line in (REAL_LOGS / name / "log.txt").read_text().splitlines() if "json_stats:" in line]
    return {k: np.array([r[k] for r in rows], dtype=float) for k in ("epoch", "loss", "test_acc", "lr")}


def column_pairs(path: Path, x: str, y: str) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) of the rows where y is non-empty, read with the csv module."""
    xs, ys = [], []
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get(y, "") != "":
                xs.append(float(row[x]))
                ys.append(float(row[y]))
    return np.array(xs), np.array(ys)


def tb_csv(tag: str) -> tuple[np.ndarray, np.ndarray]:
    return column_pairs(REAL_LOGS / "tb_csv_kolo7_cifar10" / f"run-.-tag-{tag}.csv", "Step", "Value")
