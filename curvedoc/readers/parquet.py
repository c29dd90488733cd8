"""Parquet tables: a W&B run's full history (its ``wandb-history`` artifact) and ``DataFrame.to_parquet`` dumps.

W&B's chart exports are sampled; the history artifact holds every logged row
as Parquet, with ``_step``, ``_runtime`` and ``_timestamp`` beside the
metrics (log-formats.md, 1a). Read through pyarrow (the ``fast`` extra).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import PARQUET_MAGIC, refuse_inflated
from curvedoc.readers.csv_generic import run_name, table_to_run
from curvedoc.run import Run

FORMAT = "parquet"


def read(path: Path) -> list[Run]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CurvedocError("reading Parquet needs pyarrow: pip install 'curvedoc[fast]'", path) from None
    starts, ends = _framed(path)
    if not starts:  # forced with --log-format on another file (a CSV)
        raise CurvedocError("not a Parquet file (it does not begin with PAR1)", path)
    if not ends:
        raise CurvedocError("a Parquet file cut short (its footer is missing): written while training?", path)
    try:
        # Its size read as numbers (8 bytes a cell, as every column is read), by its footer: a column
        # of zeros compresses to nothing (a 437 KB file of 50M rows took 5.8 GB).
        footer = pq.ParquetFile(path)
        meta, schema = footer.metadata, footer.schema_arrow
        # Numbers only: a text or list column is no series, and decoded it may take gigabytes (one
        # 2,000-character string on every row of a 1.5 MB file took 6 GB).
        numeric = [f.name for f in schema if _fixed_width(pa, f.type)
                   or (_text(pa, f.type) and _short_text(pq, path, f.name, meta.num_rows))]
        others = [f.name for f in schema if f.name not in numeric and not f.name.startswith("__index_level_")]
        refuse_inflated(8 * meta.num_rows * max(len(numeric), 1), path)
        # Arrow types kept: a null (not logged at that step) stays apart from a logged NaN.
        frame = pq.read_table(path, columns=numeric).to_pandas(types_mapper=pd.ArrowDtype)
    except (pa.ArrowException, OSError, ValueError) as err:
        why = str(err).splitlines()[0].split("': ", 1)[-1]  # pyarrow names the source: we name it once
        raise CurvedocError(f"not a readable Parquet file: {why}", path) from None
    if frame.shape[0] == 0:
        raise CurvedocError("a Parquet table with no rows", path)
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()  # a DataFrame saved with its step as the index
    frame.columns = [str(c) for c in frame.columns]
    run = table_to_run(path, frame, FORMAT, name=run_name(path), step_names=("_step",))
    run.warnings += [f"non-numeric column skipped: {name}" for name in others]
    return [run]


def _fixed_width(pa, kind) -> bool:
    """Numbers, flags, times (a dictionary of them too): a few bytes a cell, whatever the file's size."""
    kind = _values(pa, kind)
    return pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind) \
        or pa.types.is_decimal(kind) or pa.types.is_null(kind) or pa.types.is_temporal(kind)


def _text(pa, kind) -> bool:
    kind = _values(pa, kind)
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def _values(pa, kind):
    """The type a column's values have, a dictionary's included."""
    return kind.value_type if pa.types.is_dictionary(kind) else kind


def _short_text(pq, path: Path, name: str, rows: int) -> bool:
    """Whether a text column decodes to a few bytes a row, as numbers written as text do ("0.1"):
    measured on its dictionary, read undecoded."""
    import pyarrow.compute as pc

    column = pq.read_table(path, columns=[name], read_dictionary=[name]).column(0)
    size = 0
    for chunk in column.chunks:
        lengths = pc.binary_length(chunk.dictionary)
        size += (pc.sum(pc.take(lengths, chunk.indices)).as_py() or 0) if len(lengths) else 0
    return size <= TEXT_BYTES * max(rows, 1)


# A text column is read only while it averages this many bytes a row or fewer: numbers, not notes.
TEXT_BYTES = 32


def _framed(path: Path) -> tuple[bool, bool]:
    """Whether the file begins with ``PAR1``, and whether it also ends so, after its footer (at least 12
    bytes): a Parquet file is framed by its magic."""
    try:
        with open(path, "rb") as fh:
            starts = fh.read(len(PARQUET_MAGIC)) == PARQUET_MAGIC
            size = fh.seek(0, 2)
            fh.seek(max(size - len(PARQUET_MAGIC), 0))
            return starts, size >= 12 and fh.read() == PARQUET_MAGIC
    except OSError:
        return True, True  # pyarrow says what is wrong
