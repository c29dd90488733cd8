"""Generic CSV/TSV (also gzip): a header row, one column per series."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._table import find_step_column, load_table, numeric_columns
from curvedoc.run import Run, build_run

FORMAT = "csv"


# File names that say nothing about the run: the folder names it instead.
GENERIC_STEMS = {"metrics", "metric", "log", "logs", "train", "training", "history", "progress", "results",
                 "scalars", "stats"}


def read(path: Path) -> list[Run]:
    return [table_to_run(path, load_table(path), FORMAT, name=run_name(path))]


def run_name(path: Path) -> str:
    stem = path.name.split(".")[0]
    if stem.lower() in GENERIC_STEMS and path.resolve().parent.name:
        return path.resolve().parent.name
    return stem


def table_to_run(path: Path, raw: pd.DataFrame, format: str, name: str | None = None,
                 step_names: tuple[str, ...] = ()) -> Run:
    """A parsed table to a Run: the step column by name, else epoch, else the row number.

    ``step_names`` are tried first (exact names); the run's step axis is ``epoch``
    when the chosen column is an epoch counter.
    """
    warnings = []
    if raw.attrs.get("skipped_rows"):
        warnings.append(f"{raw.attrs['skipped_rows']} malformed rows skipped (more fields than the header)")
    if raw.attrs.get("cut_last_line"):
        warnings.append(raw.attrs["cut_last_line"])
    if raw.attrs.get("wide_rows"):
        warnings.append("rows have more fields than the header (a separator at the end of each line?): "
                        "the fields past the header's last column were skipped")
    for column, renamed in raw.attrs.get("repeated_names", {}).items():
        warnings.append(f"column name {column!r} appears {len(renamed)} times: read as {', '.join(renamed)}")
    raw = drop_pandas_index(raw)
    values, nans, dropped = numeric_columns(raw, warnings)
    warnings += [f"non-numeric column skipped: {c}" for c in dropped]
    columns = list(values.columns)
    step_col = next((c for c in step_names if c in columns), None) or find_step_column(columns)
    if step_col is None:
        step_col = next((c for c in columns if c.lower() == "epoch"), None)
    step_axis = "epoch" if step_col is not None and step_col.lower() == "epoch" else "step"
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


def drop_pandas_index(raw: pd.DataFrame) -> pd.DataFrame:
    """Drop a leading unnamed column of increasing integers: the index ``DataFrame.to_csv`` writes."""
    first = raw.columns[0] if len(raw.columns) else None
    if first is None or not (first == "" or first.startswith("Unnamed: 0")):
        return raw
    col = pd.to_numeric(raw[first], errors="coerce").to_numpy(dtype="float64")
    if _usable_steps(col) and (len(col) < 2 or np.all(np.diff(col) > 0)):
        return raw.drop(columns=[first])
    return raw


def _usable_steps(step) -> bool:
    return bool(np.all(np.isfinite(step)) and np.allclose(step, np.round(step), rtol=0, atol=1e-6))
