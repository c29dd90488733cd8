"""A training history saved as one JSON document by the training script itself.

Two shapes are common: ``json.dump(history.history, f)`` after Keras'
``fit`` (a dict of per-epoch lists, at the top or under a key such as
``history``) and a list of per-step records (``[{"step": 100, "loss": 2.31}, …]``,
compact or indented). ``DataFrame.to_json`` adds its own layouts: a dict per
column keyed by the index as text (its default), a record per index, and the
``split`` and ``table`` wrappers. TensorBoard's JSON download and a Trainer
state have readers of their own.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import load_json, read_text, valid_text
from curvedoc.readers.csv_generic import run_name, series_name, table_to_run
from curvedoc.readers.hf_trainer import history_run
from curvedoc.run import Run

FORMAT = "json"


def read(path: Path) -> list[Run]:
    try:
        doc = load_json(path)
    except CurvedocError:
        text = read_text(path)
        if not PRINTED_HISTORY.match(text.lstrip()):
            raise
        doc = _printed_history(text)  # print(history.history): a Python dict's repr, not JSON
        if doc is None:
            from curvedoc.readers import text as console

            return console.read(path)  # a console's dict lines, not one history: read as the console's
    if isinstance(doc, dict) and isinstance(doc.get("log_history"), list):
        return [history_run(path, doc["log_history"])]  # a Trainer state under another name
    doc, notes = _history_in(doc)
    layout = _layout(doc)
    if layout == "records":
        columns = _records(doc)
    elif layout == "records by step":
        columns, notes = _records_by_key(doc, notes)
    elif layout == "value by step":
        columns, notes = _columns_by_key({series_name(path): doc}, notes)  # {step: value} of one series
    elif layout == "value by fraction":  # {epoch: value}, the epoch fractional: the axis is the epoch
        pairs = sorted((float(k), _cell(v)) for k, v in doc.items())
        columns = {"epoch": [k for k, _ in pairs], series_name(path): [v for _, v in pairs]}
    elif layout == "lists":
        columns, more = _lists(doc)
        notes += more
        if _keras_history(columns):
            # Keras' history has an entry per epoch and no epoch of its own: counted from 0, as its
            # CSVLogger writes it, so that events are dated at epochs and milestones given in them.
            columns = {"epoch": list(range(len(next(iter(columns.values())))))} | columns
            notes = [n for n in notes if not n.startswith("a dict of lists")] + [
                "a Keras history (a dict of per-epoch lists): entry i of each list is epoch i, counted from 0"]
    elif layout == "columns by step":
        columns, notes = _columns_by_key(doc, notes)
    else:
        raise CurvedocError("a JSON document that is neither a list of records ([{\"step\": …, \"loss\": …}, …]), "
                            "a dict of lists ({\"loss\": […], …}, as Keras' history) nor TensorBoard's "
                            "download ([[wall_time, step, value], …])", path)
    columns = {valid_text(str(k)): v for k, v in columns.items()}
    run = table_to_run(path, pd.DataFrame(columns, dtype=object), FORMAT, name=run_name(path))
    if notes:  # the row is the entry's index, said once in the notes
        run.warnings = [w for w in run.warnings if not w.startswith("no step or epoch column")] + notes
    return [run]


# A printed history is read up to this size: parsing builds a node per number.
MAX_PRINTED_CHARS = 50_000_000
# How ``print(history.history)`` or its pprint opens: a dict, its first key in single quotes over a list.
PRINTED_HISTORY = re.compile(r"\{\s*'[^'\n]*'\s*:\s*\[")


def _printed_history(text: str) -> dict[str, list[float]] | None:
    """A Keras history printed (``{'loss': [0.41, 0.30, ...], 'acc': [...]}``, ``nan`` and ``inf`` as
    Python prints them), read without evaluating it: a dict of lists of numbers, or None."""
    import ast

    from curvedoc.readers.text import _number_node

    if len(text) > MAX_PRINTED_CHARS:
        return None
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(node, ast.Dict) or not node.keys:
        return None
    out = {}
    for key, value in zip(node.keys, node.values):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.List)):
            return None
        numbers = [_number_node(v) for v in value.elts]
        if any(x is None for x in numbers):
            return None
        out[key.value] = numbers
    return out


# ``DataFrame.to_json`` writes a history in one of these shapes besides records and a dict of lists.
PANDAS_SPLIT = {"columns", "data"}


def _history_in(doc) -> tuple[object, list[str]]:
    """The history inside a wrapper: pandas' ``split`` and ``table`` layouts, or one key of a
    dict holding it (``{"history": history.history, "params": …}``)."""
    if isinstance(doc, dict) and PANDAS_SPLIT <= doc.keys() and isinstance(doc["data"], list) \
            and isinstance(doc["columns"], list) and all(isinstance(r, list) for r in doc["data"]):
        records = [dict(zip(map(str, doc["columns"]), row)) for row in doc["data"]]
        index = doc.get("index")
        if isinstance(index, list) and len(index) == len(records) and index != list(range(len(records))) \
                and "step" not in doc["columns"]:
            records = [dict(step=i, **r) for i, r in zip(index, records)]
        return records, []
    if isinstance(doc, dict) and isinstance(doc.get("schema"), dict) and isinstance(doc.get("data"), list):
        records = [r for r in doc["data"] if isinstance(r, dict)]
        if all("index" in r for r in records) and [r["index"] for r in records] == list(range(len(records))):
            records = [{k: v for k, v in r.items() if k != "index"} for r in records]
        return records, []
    if isinstance(doc, dict) and not any(isinstance(v, list) for v in doc.values()):
        # A single series keyed by step under its name is pandas' column layout of one column
        # (``DataFrame({"val_acc": …}).to_json()``), named by its key: no wrapper.
        inner = [k for k, v in doc.items() if isinstance(v, dict) and _layout(v) not in (None, "value by step")]
        if len(inner) == 1 and not _keyed_by_step(doc):
            return doc[inner[0]], [f"the history under key {inner[0]!r}"]
    return doc, []


def holds_history(doc: dict) -> bool:
    """Whether a JSON object is (or wraps) a history this reader reads."""
    inner, _ = _history_in(doc)
    return isinstance(inner, list) or _layout(inner) is not None


def _layout(doc) -> str | None:
    """Which of the history shapes this reader reads a JSON value is, or None."""
    if isinstance(doc, list):
        return "records" if doc and all(isinstance(r, dict) for r in doc) else None
    if not isinstance(doc, dict):
        return None
    if _keyed_by_step(doc) and all(isinstance(v, dict) for v in doc.values()):
        return "records by step"  # pandas' ``index`` layout
    if _keyed_by_step(doc) and all(_number(v) for v in doc.values()):
        return "value by step"
    if len(doc) > 1 and all(_finite_key(k) for k in doc) and all(_number(v) for v in doc.values()):
        return "value by fraction"
    if any(isinstance(v, list) for v in doc.values()):
        return "lists"  # Keras' history
    if any(isinstance(v, dict) and _keyed_by_step(v) for v in doc.values()):
        return "columns by step"  # pandas' default ``columns`` layout
    return None


def _number(value) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _keyed_by_step(doc: dict) -> bool:
    """Keys that are all whole numbers (pandas' index written as text): ``{"0": …, "1": …}``."""
    return bool(doc) and all(_whole(k) is not None for k in doc)


def _finite_key(key) -> bool:
    try:
        return math.isfinite(float(key))
    except (TypeError, ValueError):
        return False


def _whole(key) -> int | None:
    try:
        value = float(key)
    except (TypeError, ValueError):
        return None
    return int(value) if math.isfinite(value) and value == int(value) else None


def _step_column(keys: list[int], notes: list[str]) -> tuple[dict[str, list], list[str]]:
    if keys == list(range(len(keys))):
        return {}, notes + ["keyed by row number: the row is the step (the epoch, in Keras' history)"]
    return {"step": keys}, notes


def _records_by_key(doc: dict, notes: list[str]) -> tuple[dict[str, list], list[str]]:
    """pandas' ``index`` layout: a record per step, under the step as text."""
    rows = sorted(((_whole(k), v) for k, v in doc.items() if isinstance(v, dict)), key=lambda kv: kv[0])
    step, notes = _step_column([k for k, _ in rows], notes)
    return step | _records([v for _, v in rows]), notes


def _columns_by_key(doc: dict, notes: list[str]) -> tuple[dict[str, list], list[str]]:
    """pandas' default ``columns`` layout: a dict per column, from the step (as text) to its value."""
    columns = {str(k): {_whole(i): x for i, x in v.items()} for k, v in doc.items()
               if isinstance(v, dict) and _keyed_by_step(v)}
    keys = sorted(set().union(*columns.values()))
    step, notes = _step_column(keys, notes)
    skipped = [str(k) for k in doc if str(k) not in columns]
    if skipped:
        notes.append("keys that hold no column skipped: " + ", ".join(skipped))
    return step | {k: [_cell(v.get(i)) for i in keys] for k, v in columns.items()}, notes


def _lists(doc: dict) -> tuple[dict[str, list], list[str]]:
    """Columns of a dict's lists, entry i of each in row i. A shorter list whose length divides the
    longest's is a metric logged every k-th epoch (Keras' ``validation_freq=k`` validates after
    epochs k, 2k, ...): its entries go to those rows, and that is said; any other shorter list
    fills the first rows, and that is said too."""
    columns = {str(k): [_cell(x) for x in v] for k, v in doc.items() if isinstance(v, list)}
    longest = max(map(len, columns.values()))
    notes = ["a dict of lists: entry i of each list is row i (the epoch, in Keras' history)"]
    for k, v in columns.items():
        if 0 < len(v) < longest and longest % len(v) == 0:
            every = longest // len(v)
            spread = [None] * longest
            spread[every - 1::every] = v
            columns[k] = spread
            notes.append(f"{k!r} has {len(v)} entries against {longest}: read as logged every {every} epochs "
                         f"(Keras' validation_freq={every}), after epochs {every}, {2 * every}, ...")
        elif 0 < len(v) < longest:
            notes.append(f"{k!r} has {len(v)} entries against {longest}: placed at the first {len(v)} rows (the file "
                         "does not say which epochs they belong to)")
    columns = {k: v + [None] * (longest - len(v)) for k, v in columns.items()}
    if len(columns) < len(doc):
        notes.append("keys that hold no list skipped: " + ", ".join(str(k) for k, v in doc.items()
                                                                   if not isinstance(v, list)))
    return columns, notes


def _keras_history(columns: dict[str, list]) -> bool:
    """Whether a dict of lists is Keras' ``history.history``: a loss and no step or epoch of its own."""
    names = {k.strip().lower() for k in columns}
    return "loss" in names and not names & {"epoch", "epochs", "step", "steps", "global_step", "iteration"}


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
