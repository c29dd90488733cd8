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
    metrics = []
    for column in run.frame.columns:
        s = run.series(column)
        values = s.to_numpy()
        finite = values[np.isfinite(values)]
        role = run.role(column)
        metrics.append({
            "name": column,
            "role": role,
            # Which way analyze reads it: from the name, "?" where the name does not say (read as a loss).
            "better": None if role != "metric" else (
                ("higher" if guess_higher_is_better(column) else "lower") if known_direction(column) else "?"),
            "n_points": int(len(s)),
            "first_step": int(s.index[0]) if len(s) else None,
            "last_step": int(s.index[-1]) if len(s) else None,
            "first": _num(values[0]) if len(values) else None,
            "last": _num(values[-1]) if len(values) else None,
            "min": _num(finite.min()) if len(finite) else None,
            "max": _num(finite.max()) if len(finite) else None,
            "n_nonfinite": int(len(values) - len(finite)),
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

