"""Parquet tables: a W&B run's full history (its ``wandb-history`` artifact) and ``DataFrame.to_parquet`` dumps.

W&B's chart exports are sampled; the history artifact holds every logged row
as Parquet, with ``_step``, ``_runtime`` and ``_timestamp`` beside the
metrics (log-formats.md, 1a). Read through pyarrow (the ``fast`` extra).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers.csv_generic import run_name, table_to_run
from curvedoc.run import Run

FORMAT = "parquet"


def read(path: Path) -> list[Run]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CurvedocError("reading Parquet needs pyarrow: pip install 'curvedoc[fast]'", path) from None
    try:
        # Arrow types kept: a null (not logged at that step) stays apart from a logged NaN.
        frame = pq.read_table(path).to_pandas(types_mapper=pd.ArrowDtype)
    except (pa.ArrowException, OSError, ValueError) as err:
        raise CurvedocError(f"not a readable Parquet file: {str(err).splitlines()[0]}", path) from None
    if frame.shape[0] == 0:
        raise CurvedocError("a Parquet table with no rows", path)
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()  # a DataFrame saved with its step as the index
    frame.columns = [str(c) for c in frame.columns]
    return [table_to_run(path, frame, FORMAT, name=run_name(path), step_names=("_step",))]
