"""Keras ``CSVLogger``: ``epoch`` (0-based) then the log keys sorted, ``NA`` where a key is missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import read_text
from curvedoc.readers._table import load_table
from curvedoc.readers.csv_generic import table_to_run
from curvedoc.run import Run, carry_votes, column_role

FORMAT = "keras_csv"
# CSVLogger's filename is free; these stems say nothing about the run, the directory does.
_GENERIC_STEMS = {"training", "train", "log", "logs", "history", "metrics", "csvlogger"}


def read(path: Path) -> list[Run]:
    path = Path(path)
    text = read_text(path)
    raw = load_table(path, text, sep=separator(text))
    # The epoch column as a script that writes its own CSVLogger-like file may spell it ("Epoch").
    epoch = next((c for c in raw.columns if str(c).strip().lower() == "epoch"), None)
    if epoch is None:
        raise CurvedocError("no 'epoch' column: not a Keras CSVLogger file", path)
    raw = raw.rename(columns={epoch: "epoch"})
    # append=True after a restart writes epochs again from initial_epoch (or 0): build_run keeps
    # the later values and records the resume, unless the values say the model trained on.
    restarts: list[int] = []
    run = table_to_run(path, raw, FORMAT, name=_run_name(path), step_names=("epoch",),
                       regroup=lambda *args: _continued_fits(*args, restarts=restarts))
    run.restarts = restarts  # a setback where a second fit() starts is read as the resume's
    return [run]


def separator(text: str) -> str | None:
    """CSVLogger(separator=...) may be any character: it is the one right after ``epoch``."""
    header = text.split("\n", 1)[0].strip()
    if header.lower().startswith("epoch") and len(header) > 5 and not (header[5].isalnum() or header[5] == "_"):
        return header[5]
    return None


def _run_name(path: Path) -> str:
    stem = path.name.split(".", 1)[0]
    if stem.lower() in _GENERIC_STEMS and path.parent.name:
        return path.parent.name
    return stem or path.name


def _continued_fits(values: pd.DataFrame, nans: pd.DataFrame, step: np.ndarray, warnings: list[str],
                    restarts: list[int] | None = None):
    """Epochs renumbered where a second ``fit()`` carried on the same model.

    ``fit()`` called again without ``initial_epoch`` (a fine-tuning phase after unfreezing, say)
    appends epochs from 0 again. Read as a resume, the later rows would replace the first phase.
    The values tell the two apart: a model that trained on starts where the last epoch left it;
    a fresh run, or a resume from an early checkpoint, starts near the epoch it replaces. When most
    metrics side with the last epoch, the later epochs follow on."""
    step = step.copy()
    for j in np.flatnonzero(np.diff(step) < 0) + 1:
        if step[j] != step[:j].min():
            continue  # back to a later epoch: a resume at initial_epoch
        replaced = int(np.flatnonzero(step[:j] == step[j])[-1])
        if _carries_on(values, j, replaced):
            warnings.append(f"epochs start again at {step[j]} after epoch {step[j - 1]}, the values carrying on "
                            f"from there: read as the same model trained on (a second fit() without "
                            f"initial_epoch), its epochs renumbered from {step[j - 1] + 1}")
            step[j:] += step[j - 1] + 1 - step[j]
            if restarts is not None:
                restarts.append(int(step[j]))
    return values, nans, step


def _carries_on(values: pd.DataFrame, j: int, replaced: int) -> bool:
    """Whether the row at ``j`` sides with the epoch before it rather than the one it would replace:
    ``carry_votes`` on single rows. A flat, noisy validation loss says little, a falling training
    loss a lot; without a metric whose gap is a few epoch-to-epoch changes wide, the log is read as
    before."""
    columns = [values[name].to_numpy(dtype=float) for name in values.columns if column_role(name) == "metric"]
    carry, fresh = carry_votes(columns, j, replaced, len(values), points=1)
    return carry > fresh
