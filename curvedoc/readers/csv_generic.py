"""Generic CSV/TSV (also gzip): a header row, one column per series."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from curvedoc.errors import CurvedocError
from curvedoc.readers._table import find_step_column, load_table, numeric_columns
from curvedoc.run import Run, build_run

FORMAT = "csv"


def read(path: Path) -> list[Run]:
    return [table_to_run(path, load_table(path), FORMAT)]


def table_to_run(path: Path, raw, format: str, name: str | None = None,
                 step_names: tuple[str, ...] = ()) -> Run:
    """A parsed table to a Run: the step column by name, else epoch, else the row number."""
    values, nans, dropped = numeric_columns(raw)
    warnings = [f"non-numeric column skipped: {c}" for c in dropped]
    columns = list(values.columns)
    step_col = next((c for c in step_names if c in columns), None) or find_step_column(columns)
    step_axis = "step"
    if step_col is None and any(c.lower() == "epoch" for c in columns):
        step_col = next(c for c in columns if c.lower() == "epoch")
        step_axis = "epoch"
    step = None
    if step_col is not None:
        step = values[step_col].to_numpy()
        values = values.drop(columns=[step_col])
        nans = nans.drop(columns=[step_col])
        if not _usable_steps(step):
            warnings.append(f"column {step_col!r} is not a usable step (empty or fractional cells); "
                            "using the row number")
            step = None
    else:
        warnings.append("no step or epoch column; using the row number as the step")
    if values.shape[1] == 0:
        raise CurvedocError("no numeric column besides the step", path)
    return build_run(name or path.stem, str(path), format, values, step,
                     step_axis=step_axis, logged_nan=nans, warnings=warnings)


def _usable_steps(step) -> bool:
    return bool(np.all(np.isfinite(step)) and np.allclose(step, np.round(step), rtol=0, atol=1e-6))
