"""``curvedoc info``: what was read — runs, series, roles, step ranges, warnings."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from curvedoc.detect import guess_higher_is_better, known_direction
from curvedoc.readers import read
from curvedoc.run import Run


def describe(path: str | Path, format: str | None = None) -> dict:
    path = Path(path)
    runs = read(path, format)
    return {"source": str(path), "format": runs[0].format, "runs": [describe_run(r) for r in runs]}


def describe_run(run: Run) -> dict:
    # Column by column through pandas costs a millisecond each: a W&B line of 10^4 keys took seconds.
    columns = list(run.frame.columns)
    index = run.frame.index.to_numpy()
    values = run.frame.to_numpy(dtype=np.float64)
    logged = ~np.isnan(values)
    for j, column in enumerate(columns):
        if len(nans := run.nan_steps.get(column, ())):
            logged[:, j] |= np.isin(index, nans)
    finite = np.isfinite(values)
    n_points = logged.sum(axis=0)
    n_nonfinite = n_points - finite.sum(axis=0)
    first_row = logged.argmax(axis=0)
    last_row = len(index) - 1 - logged[::-1].argmax(axis=0)
    lows = np.where(finite, values, np.inf).min(axis=0, initial=np.inf)
    highs = np.where(finite, values, -np.inf).max(axis=0, initial=-np.inf)
    metrics = []
    for j, column in enumerate(columns):
        role = run.role(column)
        some = bool(n_points[j])
        metrics.append({
            "name": column,
            "role": role,
            # Which way analyze reads it: from the name, "?" where the name does not say (read as a loss).
            "better": None if role != "metric" else (
                ("higher" if guess_higher_is_better(column) else "lower") if known_direction(column) else "?"),
            "n_points": int(n_points[j]),
            "first_step": int(index[first_row[j]]) if some else None,
            "last_step": int(index[last_row[j]]) if some else None,
            "first": _num(values[first_row[j], j]) if some else None,
            "last": _num(values[last_row[j], j]) if some else None,
            # What a null first or last stands for: JSON has no infinity, and an inf is no NaN.
            "first_nonfinite": _nonfinite(values[first_row[j], j]) if some else None,
            "last_nonfinite": _nonfinite(values[last_row[j], j]) if some else None,
            "min": _num(lows[j]),
            "max": _num(highs[j]),
            "n_nonfinite": int(n_nonfinite[j]),
        })
    return {"source": run.source, "run": run.name, "format": run.format, "step_axis": run.step_axis,
            "n_steps": int(len(run.frame)),
            "first_step": int(run.frame.index[0]) if len(run.frame) else None,
            "last_step": int(run.frame.index[-1]) if len(run.frame) else None,
            "metrics": metrics, "warnings": list(run.warnings)}


def _num(x) -> float | None:
    """JSON has no NaN or infinity: such values are null, and counted in ``n_nonfinite``."""
    x = float(x)
    return x if math.isfinite(x) else None


def _nonfinite(x) -> str | None:
    """A non-finite value as Python writes it ("inf", "-inf", "nan"); None for a finite one."""
    x = float(x)
    return None if math.isfinite(x) else str(x)
