"""Plain-text training output: a record per line, found by pattern.

Two kinds of record, tried in this order on every line:

1. a JSON object or Python dict repr anywhere in the line (``json_stats: {...}``,
   HF Trainer's console ``{'loss': 0.3, 'epoch': 0.19}``);
2. ``key value`` pairs joined by ``:``, ``=`` or spaces (``iter 100: loss 3.2134``,
   ``step:125/1385 val_loss:4.3930``, ``epoch 001 | loss 9.856``, Keras' ``- loss: 0.8123``).

When any line holds a dict, only dict lines are read (the rest is console noise).
The step is the record's step key (``step``, ``iter``, ``num_updates`` …), else its
``epoch``; a record without one (Keras' progress line under ``Epoch 3/50``) takes the
step of the record before it. With no step key at all, records are numbered in file
order, and the run says so.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.readers._io import read_text
from curvedoc.readers.hf_trainer import SUMMARY_KEYS
from curvedoc.readers._table import conflicting_points, json_number, records_to_table
from curvedoc.run import Run, build_run

FORMAT = "text"

# Keys that count training steps, most specific first; all name the same axis.
STEP_KEYS = ("global_step", "trainer/global_step", "train/global_step", "step", "steps", "_step",
             "iteration", "iterations", "iter", "it", "num_updates", "updates", "update")
EPOCH_KEYS = ("epoch", "epochs")
_AXIS_KEYS = frozenset(STEP_KEYS + EPOCH_KEYS)
# A dict repr longer than this is not a log record; parsing it would only cost time.
MAX_DICT_CHARS = 65536
# A line without a step key is attached to the step before it only when it holds at least this
# many pairs (a metrics line such as Keras' progress line); a lone ``size 12.5`` stays unmatched.
MIN_PAIRS_WITHOUT_STEP = 2
# Records needed before a value repeated in every one of them is taken for echoed configuration.
MIN_RECORDS_FOR_CONSTANT = 3
# File names that say nothing about the run; the directory holding them does.
_GENERIC_STEMS = {"log", "logs", "stdout", "output", "out", "train", "training", "console", "nohup"}

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?i:nan|inf(?:inity)?)"
_UNIT = r"%|ms|us|µs|ns|s|sec|secs|min|h|hr|x|it/s|s/it|ms/it|ms/step|s/step|/s"
_PAIR = re.compile(
    r"(?<![\w./\-])"
    r"(?P<key>(?:(?i:train|training|val|valid|validation|test|eval|dev)[ ])?[A-Za-z_][\w./\-]*)"
    r"(?:\s*[:=]\s*|\s+)\[?"
    rf"(?P<value>{_NUMBER})"
    r"(?:/\d+)?"
    rf"(?P<unit>{_UNIT})?"
    r"(?=$|[\s,|;:)\]}])"
)
_TIME_UNITS = {"ms", "us", "µs", "ns", "s", "sec", "secs", "min", "h", "hr", "ms/it", "s/it", "ms/step", "s/step"}
# fairseq names the subset between pipes: "| train |", "| valid |"; its keys get that prefix.
_SECTION = re.compile(r"\|\s*(train_inner|train|valid|validation|val|test|eval|dev)\s*\|")
_KERAS_PARTIAL = " - ETA: "


def read(path: Path) -> list[Run]:
    path = Path(path)
    parsed = _parse(read_text(path))
    return [_to_run(path, parsed)]


class _Records:
    """Long triples of one record kind: (record number, key, value)."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.keys: list[str] = []
        self.vals: list[float] = []
        self.n = 0
        self.lines = 0
        self.time_keys: set[str] = set()

    def add(self, pairs) -> None:
        row = self.n
        rows, keys, vals = self.rows, self.keys, self.vals
        for key, value in pairs:
            rows.append(row)
            keys.append(key)
            vals.append(value)
        self.n += 1
        self.lines += 1


def _parse(text: str) -> tuple[_Records, _Records, int]:
    """Every line to a dict record or a pairs record; also the count of non-blank lines."""
    dicts, pairs = _Records(), _Records()
    findall = _PAIR.findall
    non_blank = 0
    for line in text.split("\n"):
        if "\r" in line or "\b" in line:
            line = _last_segment(line)
        if not line or line.isspace():
            continue
        non_blank += 1
        if "{" in line:
            record = _dict_in(line)
            if record is not None:
                dicts.add(record)
                continue
        if _KERAS_PARTIAL in line:
            continue
        found = findall(line)
        if found:
            section = _SECTION.search(line) if "|" in line else None
            pairs.add(_pair_items(found, section.group(1) if section else None, pairs.time_keys))
    return dicts, pairs, non_blank


def _pair_items(found, section: str | None, time_keys: set[str]) -> list[tuple[str, float]]:
    """Numbers of the matched pairs, units stripped; a ``nan`` with a unit (``step_avg:nanms``,
    a timer not started yet) is not logged, since a logged NaN means divergence."""
    items = []
    for key, value, unit in found:
        number = float(value)
        if unit and number != number:
            continue
        if section and key.lower() not in _AXIS_KEYS and not key.startswith(section):
            key = f"{section}_{key}"
        if unit in _TIME_UNITS:
            time_keys.add(key)
        items.append((key, number))
    return items


def _last_segment(line: str) -> str:
    """What a terminal showed at the end: the last ``\\r`` segment, backspaces dropped."""
    segments = [s for s in line.replace("\b", "").split("\r") if s.strip()]
    return segments[-1] if segments else ""


def _dict_in(line: str) -> list[tuple[str, float]] | None:
    """The numeric items of the JSON object or Python dict in a line, or None if there is none."""
    start, end = line.find("{"), line.rfind("}")
    if end <= start:
        return None
    source = line[start:end + 1]
    try:
        obj = json.loads(source)
    except ValueError:
        obj = _python_dict(source) if len(source) <= MAX_DICT_CHARS else None
    if type(obj) is not dict:
        return None
    if "train_runtime" in obj or "total_flos" in obj:  # HF Trainer's end-of-run summary, not a point
        obj = {k: v for k, v in obj.items() if k not in SUMMARY_KEYS}
    items = []
    for key, value in obj.items():
        number = json_number(value)
        if number is not None:
            items.append((str(key), number))
    return items


def _python_dict(source: str) -> dict | None:
    """A Python dict repr's number items (``nan``/``inf`` included), without evaluating code."""
    try:
        node = ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(node, ast.Dict):
        return None
    out = {}
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            number = _number_node(value)
            if number is not None:
                out[key.value] = number
    return out


def _number_node(node: ast.AST) -> float | None:
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    if isinstance(node, ast.Constant):
        number = json_number(node.value) if not isinstance(node.value, str) else None
        return None if number is None else sign * number
    if isinstance(node, ast.Name) and node.id in ("nan", "inf"):
        return sign * float(node.id)
    return None


def _to_run(path: Path, parsed: tuple[_Records, _Records, int]) -> Run:
    dicts, pairs, non_blank = parsed
    records = dicts if dicts.n else pairs
    table, flags = records_to_table(records.rows, records.keys, records.vals, records.n)
    step, step_axis, table, flags, used, notes = _step_axis(table, flags, is_dicts=records is dicts)
    unmatched = non_blank - used
    warnings = [f"{unmatched} lines matched no pattern"] if unmatched else []
    warnings += notes
    conflicts = conflicting_points(table, step) if step is not None else 0
    if conflicts:
        warnings.append(f"{conflicts} values replaced by a later line at the same {step_axis}")
    name = path.parent.name if path.stem.lower() in _GENERIC_STEMS and path.parent.name else path.stem
    run = build_run(name, str(path), FORMAT, table, step, step_axis=step_axis, logged_nan=flags,
                    warnings=warnings)
    if records is dicts:
        _demote_echoed_config(run, table.shape[0])
    for column in records.time_keys:
        if run.roles.get(column) == "metric":  # measured in ms/s: a timer, not a curve to diagnose
            run.roles[column] = "wall_time"
    return run


def _step_axis(table: pd.DataFrame, flags: pd.DataFrame, is_dicts: bool):
    """The step of every record: its own step key, else the one before it (see the module doc).

    Returns (step or None, axis name, values, literal-NaN flags, lines used, notes).
    """
    lowered = {c.lower(): c for c in table.columns}
    step_cols = [lowered[k] for k in STEP_KEYS if k in lowered]
    axis = "step"
    if not step_cols:
        step_cols = [lowered[k] for k in EPOCH_KEYS if k in lowered]
        axis = "epoch"
    if not step_cols:
        return None, "row", table, flags, len(table), [
            f"no step key ({', '.join(STEP_KEYS[3:9])}, epoch …) in any record: "
            "points numbered by record in file order"]
    own = table[step_cols].bfill(axis=1).iloc[:, 0].to_numpy()
    values = table.drop(columns=step_cols)
    vflags = flags[values.columns]
    n_values = values.notna().to_numpy().sum(axis=1) + vflags.to_numpy().sum(axis=1)
    has_own = ~np.isnan(own)
    step = pd.Series(own).ffill().to_numpy()
    lone = (n_values < MIN_PAIRS_WITHOUT_STEP) & (not is_dicts)
    attach = ~has_own & ~lone & ~np.isnan(step)
    orphans = ~has_own & ~lone & np.isnan(step) & (n_values > 0)
    keep = (has_own | attach) & (n_values > 0)
    notes = [f"{int(orphans.sum())} records before the first {axis} key skipped"] if orphans.any() else []
    used = int((has_own | attach | orphans).sum())
    if not np.allclose(step[keep], np.round(step[keep]), rtol=0, atol=1e-6):
        notes = [f"the {axis} key holds fractional values: points numbered by record in file order"]
        return None, "row", table, flags, len(table), notes
    return step[keep], axis, values[keep], vflags[keep], used, notes


def _demote_echoed_config(run: Run, n_records: int) -> None:
    """Values repeated unchanged in every dict record (``json_stats`` echoes the whole config) are
    configuration, not curves: role ``other``. A constant LR stays an LR unless another one varies."""
    if n_records < MIN_RECORDS_FOR_CONSTANT:
        return
    frame = run.frame
    complete = frame.notna().all().to_numpy()
    constant = (frame.nunique(dropna=True) <= 1).to_numpy() & complete
    varying_lr = any(run.role(c) == "lr" and not k for c, k in zip(frame.columns, constant))
    demoted = [c for c, k in zip(frame.columns, constant)
               if k and run.role(c) != "other" and (run.role(c) != "lr" or varying_lr)]
    for column in demoted:
        run.roles[column] = "other"
    if demoted:
        run.warnings.append("constant in every record, taken for echoed configuration (role other): "
                            + ", ".join(demoted))
