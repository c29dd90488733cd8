"""A training history saved as one JSON document by the training script itself.

Two shapes are common: ``json.dump(history.history, f)`` after Keras'
``fit`` (a dict of per-epoch lists) and a list of per-step records
(``[{"step": 100, "loss": 2.31}, …]``, compact or indented). TensorBoard's
JSON download and a Trainer state have readers of their own.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import load_json
from curvedoc.readers.csv_generic import run_name, table_to_run
from curvedoc.readers.hf_trainer import history_run
from curvedoc.run import Run

FORMAT = "json"


def read(path: Path) -> list[Run]:
    doc = load_json(path)
    if isinstance(doc, dict) and isinstance(doc.get("log_history"), list):
        return [history_run(path, doc["log_history"])]  # a Trainer state under another name
    if isinstance(doc, list) and doc and all(isinstance(r, dict) for r in doc):
        columns, notes = _records(doc), []
    elif isinstance(doc, dict) and any(isinstance(v, list) for v in doc.values()):
        columns, notes = _lists(doc)
    else:
        raise CurvedocError("a JSON document that is neither a list of records ([{\"step\": …, \"loss\": …}, …]), "
                            "a dict of lists ({\"loss\": […], …}, as Keras' history) nor TensorBoard's "
                            "download ([[wall_time, step, value], …])", path)
    run = table_to_run(path, pd.DataFrame(columns, dtype=object), FORMAT, name=run_name(path))
    if notes:  # the row is the entry's index, said once in the notes
        run.warnings = [w for w in run.warnings if not w.startswith("no step or epoch column")] + notes
    return [run]


def _lists(doc: dict) -> tuple[dict[str, list], list[str]]:
    """Columns of a dict's lists, entry i of each in row i; a shorter list (a validation metric
    logged every few epochs) leaves its remaining rows not logged."""
    columns = {str(k): [_cell(x) for x in v] for k, v in doc.items() if isinstance(v, list)}
    longest = max(map(len, columns.values()))
    columns = {k: v + [None] * (longest - len(v)) for k, v in columns.items()}
    notes = ["a dict of lists: entry i of each list is row i (the epoch, in Keras' history)"]
    if len(columns) < len(doc):
        notes.append("keys that hold no list skipped: " + ", ".join(str(k) for k, v in doc.items()
                                                                   if not isinstance(v, list)))
    return columns, notes


def _records(records: list[dict]) -> dict[str, list]:
    """Columns of the records' keys, in first-seen order; None where a record lacks the key."""
    keys = list(dict.fromkeys(str(k) for r in records for k in r))
    return {k: [_cell(r.get(k)) for r in records] for k in keys}


def _cell(value):
    """A JSON value as the table reader reads cells: a logged NaN or infinity as its word, a
    missing value as None (not logged), anything else (text, a nested object) as text."""
    if isinstance(value, bool) or value is None:
        return None if value is None else str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (int, float)):
        return value
    return str(value)
