"""Delimited tables (CSV/TSV, plain or gzip) into numeric columns, vectorised."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import read_text

# Cells that mean "not logged here". A literal nan is *not* among them: it is
# a logged value and signals divergence.
MISSING_TOKENS = ["", "NA", "N/A", "None", "null", "NULL", "<NA>"]
NAN_TOKENS = {"nan", "-nan", "+nan"}

STEP_NAMES = ("step", "global_step", "iteration", "iter", "it", "_step", "trainer/global_step",
              "train/global_step", "steps", "iterations", "num_updates")


def sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def load_table(path: Path, text: str | None = None, sep: str | None = None) -> pd.DataFrame:
    """Parse a delimited table with a header row; every cell kept as written."""
    if text is None:
        text = read_text(path)
    first = text.split("\n", 1)[0]
    sep = sep or sniff_delimiter(first)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, keep_default_na=False, na_values=MISSING_TOKENS,
                            engine="c", skipinitialspace=True, on_bad_lines="skip", low_memory=False)
    except pd.errors.EmptyDataError:
        raise CurvedocError("the file is empty", path) from None
    except (pd.errors.ParserError, ValueError, csv.Error) as err:
        raise CurvedocError(f"not a readable table: {str(err).splitlines()[0]}", path) from None
    if frame.shape[0] == 0:
        raise CurvedocError("header only, no data rows", path)
    frame.columns = [str(c).strip() for c in frame.columns]
    skipped = _skipped_rows(text, frame.shape[0])
    if skipped:
        frame.attrs["skipped_rows"] = skipped
    return frame


_CONTENT_LINE = re.compile(r"^[ \t]*[^\s]", re.MULTILINE)


def _skipped_rows(text: str, n_rows: int) -> int:
    """Data lines the parser dropped (more fields than the header); cheap unless some were."""
    n_lines = text.count("\n") - text.endswith("\n")
    if n_lines <= n_rows:
        return 0
    return max(sum(1 for _ in _CONTENT_LINE.finditer(text)) - 1 - n_rows, 0)


def numeric_columns(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Split a raw table into float values, literal-NaN flags, and dropped text columns.

    A column whose cells mostly fail to parse as numbers is text (a run name,
    a regime label) and is dropped; its name is returned so the caller can say so.
    """
    values: dict[str, np.ndarray] = {}
    nans: dict[str, np.ndarray] = {}
    dropped: list[str] = []
    for name in frame.columns:
        col = frame[name]
        if col.dtype.kind in "biuf":
            values[name] = col.to_numpy(dtype="float64")
            continue
        text = col.astype("string").str.strip()
        parsed = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64")
        is_nan = text.str.lower().isin(NAN_TOKENS).fillna(False).to_numpy(dtype=bool)
        present = text.notna().to_numpy(dtype=bool)
        ok = ~np.isnan(parsed) | is_nan
        if present.sum() == 0 or ok[present].mean() < 0.5:
            dropped.append(name)
            continue
        values[name] = parsed
        if is_nan.any():
            nans[name] = is_nan
    index = frame.index
    value_frame = pd.DataFrame(values, index=index)
    nan_frame = pd.DataFrame({c: nans.get(c, np.zeros(len(index), bool)) for c in value_frame.columns},
                             index=index)
    return value_frame, nan_frame, dropped


def find_step_column(columns: list[str]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for name in STEP_NAMES:
        if name in lowered:
            return lowered[name]
    return None


def records_to_table(rows: list[int], keys: list[str], vals: list[float],
                     n_rows: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Long ``(row, key, value)`` triples (JSON records, text lines) to values and literal-NaN flags.

    Columns come in order of first appearance; a key logged twice in one row keeps the last value.
    """
    codes, names = pd.factorize(pd.Index(keys, dtype=object), sort=False)
    values = np.full((n_rows, len(names)), np.nan)
    present = np.zeros((n_rows, len(names)), bool)
    r = np.asarray(rows, dtype=np.int64)
    v = np.asarray(vals, dtype="float64")
    values[r, codes] = v
    present[r, codes] = True
    columns = [str(c) for c in names]
    logged_nan = present & np.isnan(values)
    return pd.DataFrame(values, columns=columns), pd.DataFrame(logged_nan, columns=columns)


def json_number(value) -> float | None:
    """A JSON/Python value as a float if it is a number (or a NaN/Infinity spelling), else None."""
    kind = type(value)
    if kind is float:
        return value
    if kind is int:
        return float(value) if -_INT_LIMIT < value < _INT_LIMIT else None
    if kind is str and value.strip().lower() in _NONFINITE_WORDS:
        return _NONFINITE_WORDS[value.strip().lower()]
    return None


_INT_LIMIT = 2**1023
_NONFINITE_WORDS = {"nan": float("nan"), "-nan": float("nan"), "+nan": float("nan"),
                    "inf": float("inf"), "+inf": float("inf"), "-inf": float("-inf"),
                    "infinity": float("inf"), "+infinity": float("inf"), "-infinity": float("-inf")}


def conflicting_points(table: pd.DataFrame, step: np.ndarray) -> int:
    """Points a later row at the same step overwrites with a different value (build_run keeps the later).

    Rows sharing a step usually log different series (train and eval entries, sparse loggers);
    an equal value logged twice (``epoch`` in both) is no conflict either.
    """
    if len(step) < 2 or np.all(np.diff(step) > 0):
        return 0
    distinct = table.groupby(np.asarray(step), sort=False).nunique(dropna=True)
    return int((distinct - 1).clip(lower=0).to_numpy().sum())
