"""NumPy arrays saved by the training script: ``np.save("losses.npy", losses)`` or
``np.savez("history.npz", loss=…, val_loss=…)``, one value per entry, numbered from 0.

Read with ``allow_pickle=False``: an array of Python objects is refused, never unpickled.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import NPY_MAGIC, ZIP_MAGIC, head_bytes, not_unpickled, refuse_inflated
from curvedoc.readers.csv_generic import EPOCH_NAMES, axis_column, few_stray, no_step, run_name, series_name
from curvedoc.run import Run, build_run, check_step_range, whole_steps

FORMAT = "npy"


def read(path: Path) -> list[Run]:
    head = head_bytes(path, len(NPY_MAGIC))
    if not head.startswith((NPY_MAGIC, ZIP_MAGIC)):
        raise CurvedocError("not a NumPy file (an .npy array or an .npz archive)", path)
    what = "an .npy array" if head.startswith(NPY_MAGIC) else "an .npz archive"
    try:
        if head.startswith(ZIP_MAGIC):  # compressed: its arrays' sizes, as the archive lists them
            with zipfile.ZipFile(path) as archive:
                refuse_inflated(sum(info.file_size for info in archive.infolist()), path)
        data = np.load(path, allow_pickle=False)
        if isinstance(data, np.ndarray):  # .npy: one array, named after the file
            arrays = {series_name(path): data}
        else:  # .npz: arrays by the names they were saved under
            with data:
                arrays = {k: data[k] for k in data.files}
    except ValueError as err:
        if "allow_pickle" in str(err):
            raise CurvedocError(not_unpickled(f"{what} of Python objects"), path) from None
        raise CurvedocError(f"{what} that cannot be read whole (cut short?)", path) from None
    except (OSError, EOFError, zipfile.BadZipFile):
        raise CurvedocError(f"{what} that cannot be read whole (cut short?)", path) from None
    # A member that is no array (a README.txt added to the archive) reads as bytes: no series.
    series = {k: a.astype(np.float64) for k, a in arrays.items()
              if isinstance(a, np.ndarray) and a.ndim == 1 and a.dtype.kind in "iuf" and len(a)}
    if not series:
        shapes = ", ".join(f"{k} {a.dtype}{list(a.shape)}" if isinstance(a, np.ndarray) else f"{k} (no array)"
                           for k, a in arrays.items()) or "nothing"
        raise CurvedocError(f"no one-dimensional numeric array (a series) in it: {shapes}", path)
    longest = max(len(a) for a in series.values())
    # An array saved under a step's name (np.savez(f, step=steps, loss=losses)) as long as the
    # longest, in whole numbers, is the step, as a column so named is in a table.
    axis = axis_column(list(series)) if len(series) > 1 else None
    if axis is not None and len(series[axis]) != longest:
        axis = None  # a step array of another length is no step: a series
    keep, warnings, step = None, [], None
    if axis is not None:
        # A few entries with no step (a NaN written for a step not known) are set aside, as a
        # table's rows are; the rest keep their steps.
        stray = no_step(series[axis])
        if few_stray(int(stray.sum()), longest):
            keep = ~stray
            count = int(stray.sum())
            warnings.append(f"{count} entr{'ies' if count > 1 else 'y'} whose {axis!r} is no whole step set aside")
        step = whole_steps(series[axis] if keep is None else series[axis][keep])
    if step is not None:
        del series[axis]
    else:
        keep, warnings = None, ["entries numbered from 0 (a NumPy array holds no step)"]
    values, logged_nan = _rows(series, longest, warnings)
    if keep is not None:
        values = {k: a[keep] for k, a in values.items()}
        logged_nan = {k: a[keep] for k, a in logged_nan.items()}
    skipped = [k for k in arrays if k not in series and k != axis]
    if skipped:
        warnings.append("arrays that are no one-dimensional numeric series skipped: " + ", ".join(skipped))
    if step is not None:
        check_step_range(step, path)
    return [build_run(run_name(path), str(path), FORMAT, pd.DataFrame(values), step,
                      step_axis="epoch" if step is not None and axis.lower() in EPOCH_NAMES else "step",
                      logged_nan=pd.DataFrame(logged_nan), warnings=warnings)]


def _rows(series: dict[str, np.ndarray], longest: int, warnings: list[str]) -> tuple[dict, dict]:
    """Each array's values and literal-NaN flags by row, entry i of a full-length array in row i.

    A shorter array whose length divides the longest's is a metric logged every k-th entry (a
    validation every k epochs, Keras' ``validation_freq=k``): its entries go to rows k-1, 2k-1, ....
    Any other shorter array is not read: put at the first rows (as it was), a validation loss logged
    every 10 epochs showed the training loss's drop 135 rows early. Both are said in ``warnings``.
    """
    values, logged_nan = {}, {}
    for name, a in series.items():
        if len(a) == longest:
            values[name], logged_nan[name] = a, np.isnan(a)
            continue
        if longest % len(a):
            warnings.append(f"{name!r} has {len(a)} entries against {longest}, which is no whole multiple of them: "
                            "not read (the file does not say which entries they belong to)")
            continue
        every = longest // len(a)
        values[name] = np.full(longest, np.nan)
        values[name][every - 1::every] = a
        logged_nan[name] = np.zeros(longest, dtype=bool)
        logged_nan[name][every - 1::every] = np.isnan(a)
        warnings.append(f"{name!r} has {len(a)} entries against {longest}: read as logged every {every} entries, "
                        f"at the last of each {every} (as Keras' validation_freq={every} logs)")
    return values, logged_nan
