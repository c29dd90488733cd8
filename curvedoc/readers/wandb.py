"""Weights & Biases exports: chart-panel CSV, and run history as CSV or JSON lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import is_file_or_special, log_stem, read_text
from curvedoc.readers._table import (flat_items, json_number, load_table, non_numeric_notes, numeric_columns,
                                     records_to_table)
from curvedoc.readers.csv_generic import few_stray, no_step, table_to_run, usable_steps
from curvedoc.run import Run, build_run, check_step_range, few, not_read

PANEL_FORMAT = "wandb_panel"
HISTORY_FORMAT = "wandb_history"
_GENERIC_STEMS = frozenset({"wandb-history", "history", "metrics", "log", "logs", "train", "output"})
HISTORY_FILE = "wandb-history.jsonl"
SUMMARY_FILE = "wandb-summary.json"
RUN_SEP = " - "
EXTREME_SUFFIXES = ("__MIN", "__MAX")
# A panel export whose most common step gap covers fewer than this share of the
# gaps was downsampled by W&B (a full per-step or per-interval log is regular).
REGULAR_GAP_SHARE = 0.9
# Columns where a trainer keeps its own step; W&B's _step counts wandb.log calls.
TRAINER_STEP_COLUMNS = ("trainer/global_step", "train/global_step", "global_step", "train/step", "step")
# A local run's folder under wandb/: run-20240305_101500-<id>, or offline-run-... .
RUN_DIR = re.compile(r"^(offline-)?run-\d{8}_\d{6}-\w+$")


def read(path: Path) -> list[Run]:
    """Either W&B layout, told apart by the first bytes."""
    path = Path(path)
    if path.is_dir() or path.name.lower() in (HISTORY_FILE, SUMMARY_FILE):
        return read_wandb_history(path)
    head = read_text(path).lstrip()[:1]
    return read_wandb_history(path) if head == "{" else read_wandb_panel(path)


# ---------------------------------------------------------------- chart panel

def read_wandb_panel(path: Path) -> list[Run]:
    """A chart-panel "Export CSV": the x-axis column, then value/__MIN/__MAX per (run, metric)."""
    path = Path(path)
    raw = load_table(path)
    x_name = raw.columns[0]
    values, nans, _ = numeric_columns(raw)
    groups, notes = _group_panel_columns(list(raw.columns[1:]), path)
    # A panel names each column after its run; a table with none so named (a plain CSV given as
    # --log-format wandb_panel) was read and labelled a panel export.
    if not groups or not any(RUN_SEP in c for c in raw.columns[1:]):
        raise CurvedocError("no '<run> - <metric>' columns: not a W&B panel export", path)
    x = values[x_name].to_numpy() if x_name in values.columns else None
    runs, empty = [], []
    for run_name, members in groups.items():
        run = _panel_run(path, run_name, members, values, nans, x, x_name, notes)
        if run is not None:
            runs.append(run)
        else:
            empty.append(run_name)
    if runs and empty:
        # A run whose columns the panel left empty (its metric not logged, or filtered out) is said: left
        # out in silence, a comparison of two runs lost one.
        runs[0].warnings.append(f"run{'s' * (len(empty) > 1)} {few([repr(n) for n in empty])} in the panel: no value "
                                "in any column, left out")
    return runs


# pandas' mark on a header met again: "run - loss.1" for the second "run - loss".
_REPEATED = re.compile(r"(?P<base>.+)\.(?P<n>[1-9]\d*)")


def _group_panel_columns(columns: list[str], path: Path) -> tuple[dict[str, list[tuple[str, str]]], list[str]]:
    """Map run name -> [(metric, column)], splitting ``"<run> - <metric>"`` headers.

    W&B names runs for display only: two runs of one name give the same headers, which pandas
    tells apart with ``.1``; the second run is read as ``<name> (2)``, and so on."""
    given = set(columns)
    header = {}  # column -> (the header as W&B wrote it, how many times it came before)
    for col in columns:
        m = _REPEATED.fullmatch(col)
        header[col] = (m["base"], int(m["n"])) if m and m["base"] in given else (col, 0)
    plain = [c for c in columns if not header[c][0].endswith(EXTREME_SUFFIXES)]
    single = [header[c][0].split(RUN_SEP, 1) for c in plain if header[c][0].count(RUN_SEP) == 1]
    known, known_metrics = {run for run, _ in single}, {metric for _, metric in single}
    groups: dict[str, list[tuple[str, str]]] = {}
    notes = []
    for col in plain:
        name, again = header[col]
        if RUN_SEP not in name:
            run_name, metric = path.stem, name
        elif name.count(RUN_SEP) == 1:
            run_name, metric = name.split(RUN_SEP, 1)
        else:
            run_name, metric = _split_ambiguous(name, known, known_metrics)
            notes.append(f"column {col!r} has several {RUN_SEP.strip()!r} separators: "
                         f"read as run {run_name!r}, metric {metric!r}")
        if again:
            note = f"several runs named {run_name!r} in the export: read as {run_name!r}, {run_name + ' (2)'!r}, ..."
            notes += [] if note in notes else [note]
            run_name = f"{run_name} ({again + 1})"
        groups.setdefault(run_name, []).append((metric, col))
    return groups, notes


def _split_ambiguous(col: str, known: set[str], known_metrics: set[str]) -> tuple[str, str]:
    """Split at a run name other columns give, else before a metric other runs log (a run named
    "bert-base - lr 1e-4" beside runs logging train/loss), else at the last separator: W&B's
    display names hold " - " often (a sweep's "lr=0.1 - bs=32"), its metric keys hardly ever."""
    parts = col.split(RUN_SEP)
    for i in range(1, len(parts)):
        run_name = RUN_SEP.join(parts[:i])
        if run_name in known:
            return run_name, RUN_SEP.join(parts[i:])
    for i in range(len(parts) - 1, 0, -1):
        if RUN_SEP.join(parts[i:]) in known_metrics:
            return RUN_SEP.join(parts[:i]), RUN_SEP.join(parts[i:])
    return RUN_SEP.join(parts[:-1]), parts[-1]


def _panel_run(path, run_name, members, values, nans, x, x_name, notes) -> Run | None:
    cols = [col for _, col in members if col in values.columns]
    table = values[cols]
    flags = nans[cols]
    logged = (table.notna() | flags).any(axis=1).to_numpy()
    if not logged.any():
        return None
    table, flags = table[logged], flags[logged]
    rename = {col: metric for metric, col in members}
    warnings = [n for n in notes if any(f"{col!r}" in n for col in cols) or n.startswith("several runs named")]
    warnings += _bucket_notes(values, members, logged)
    step = None
    step_axis = "epoch" if x_name.strip().lower() == "epoch" else "step"
    if x is not None and usable_steps(x[logged]):
        step = x[logged]
        gaps = _irregular_gaps(step)
        if gaps:
            warnings.append(f"W&B panel exports are sampled: {len(step)} points with irregular step gaps "
                            f"(median {gaps[0]:g}, max {gaps[1]:g}); short spikes may be missing; "
                            "the run's full history (run.scan_history() or its history artifact) has every point")
    else:
        if x is not None:
            table = table.assign(**{x_name: x[logged]})
            flags = flags.assign(**{x_name: False})
        warnings.append(f"the panel's x-axis {x_name!r} is not a step: points numbered in file order")
    table = table.rename(columns=rename)
    flags = flags.rename(columns=rename)
    run = build_run(run_name, str(path), PANEL_FORMAT, table, step, step_axis=step_axis,
                    logged_nan=flags, warnings=warnings)
    if step is None and x_name in run.roles:  # a fractional epoch still dates events; a time only orders them
        run.roles[x_name] = "epoch" if step_axis == "epoch" else "wall_time"
    return run


def _bucket_notes(values: pd.DataFrame, members, logged: np.ndarray) -> list[str]:
    """Say so when __MIN/__MAX differ from the value: the panel averaged buckets of points."""
    notes = []
    for metric, col in members:
        lo, hi = values.get(col + "__MIN"), values.get(col + "__MAX")
        if lo is None or hi is None:
            continue
        spread = (hi - lo).to_numpy()[logged]
        if not np.any(spread[np.isfinite(spread)] > 0):
            continue
        if col.startswith("Group: "):  # a grouped panel: the spread is across the group's runs
            notes.append(f"{metric}: the mean of the group's runs (__MIN/__MAX are their spread)")
        else:
            notes.append(f"{metric}: the panel averaged buckets of points (__MIN/__MAX differ); "
                         "values are bucket means")
    return notes


def _irregular_gaps(step: np.ndarray) -> tuple[float, float] | None:
    """(median, max) step gap when the gaps are irregular, else None."""
    gaps = np.diff(np.unique(step))
    if len(gaps) < 3:
        return None
    _, counts = np.unique(gaps, return_counts=True)
    if counts.max() >= REGULAR_GAP_SHARE * len(gaps):
        return None
    return float(np.median(gaps)), float(gaps.max())


# ---------------------------------------------------------------- run history

def read_wandb_history(path: Path) -> list[Run]:
    """Run history: ``wandb-history.jsonl`` (or a run dir holding it, or a ``wandb/`` folder of
    run dirs), or a history CSV dump."""
    path = Path(path)
    if path.is_dir() and not _holds_history(path) and (runs := run_dirs(path)):
        return _read_run_dirs(path, runs)
    path = _history_path(path)
    if path.name.lower() == SUMMARY_FILE:
        raise _summary_error(path)
    text = read_text(path)
    if text.lstrip().startswith("{"):
        return [_history_from_jsonl(path, text)]
    if path.name.lower() == HISTORY_FILE:
        raise CurvedocError("its first line is no JSON object: not a W&B history, which holds one per line", path)
    raw = load_table(path, text)
    steps_read = []

    def on_trainer_step(values, nans, step, warnings):
        steps_read.append(step)
        return on_the_trainers_step(values, nans, step, warnings)

    run = table_to_run(path, raw, HISTORY_FORMAT, name=path.stem, step_names=("_step",), regroup=on_trainer_step)
    if run.step_axis == "step":
        run.warnings += _sampled_history_note(steps_read[0] if steps_read else run.frame.index.to_numpy(), path)
    return [run]


def _sampled_history_note(step: np.ndarray, path: Path, skipped: int = 0) -> list[str]:
    """Every wandb.log commit adds one to _step, so a full history has no gap; a dump with uneven
    gaps came from run.history(), which returns a sample (500 rows by default). The SDK's own
    run-directory file holds every commit, and even gaps are ``wandb.log(..., step=global_step)``
    every k updates. No more gaps than the ``skipped`` lines that could not be read are theirs."""
    if path.name.lower() == HISTORY_FILE:
        return []
    steps = step[np.isfinite(step)] if step.dtype.kind == "f" else step
    if not np.all(np.diff(steps) > 0):  # sorted and unique as read, mostly: no sort of 10^6 steps then
        steps = np.unique(steps)
    gaps = np.diff(steps)
    if len(steps) < 2 or bool(np.all(gaps == gaps[0])):
        return []
    missing = int(steps[-1] - steps[0] + 1 - len(steps))
    if missing <= skipped:
        return []
    return [f"{missing} _step values missing between {int(steps[0])} and {int(steps[-1])}: a sampled "
            "history (run.history() keeps 500 rows by default); short spikes may be missing, "
            "run.scan_history() gives every row"]


def run_dirs(path: Path) -> list[Path]:
    """The local run folders in a ``wandb/`` directory, oldest first (their names start with the
    time). The ``latest-run`` link repeats one of them and is left out."""
    try:
        return sorted((p for p in path.iterdir() if RUN_DIR.match(p.name) and p.is_dir() and not p.is_symlink()),
                      key=lambda p: p.name.removeprefix("offline-"))
    except OSError as err:
        raise CurvedocError(f"cannot list directory: {err.strerror or err}", path) from None


# What to do with a run whose history only the binary file holds (an offline run needs the sync first).
SYNC_AND_EXPORT = "sync it (`wandb sync`) and export it with run.history() to CSV"


def _read_run_dirs(path: Path, dirs: list[Path]) -> list[Run]:
    with_history = [d for d in dirs if _holds_history(d)]
    if not with_history:
        raise CurvedocError(f"none of its {len(dirs)} W&B run directories has a {HISTORY_FILE}; newer SDKs keep "
                            f"the history in the binary run-*.wandb file: {SYNC_AND_EXPORT}", path)
    runs, failed = [], []
    for d in with_history:
        try:
            runs += read_wandb_history(d)
        except CurvedocError as err:  # a run just started or killed (its history empty or cut) leaves the others
            failed.append((d, err))
    if not runs:
        raise failed[0][1]
    runs[0].warnings += [not_read(d.name, err.reason) for d, err in failed]
    skipped = [d.name for d in dirs if d not in with_history]
    if skipped:
        runs[0].warnings.append(f"{len(skipped)} run directories without {HISTORY_FILE} skipped "
                                f"(history only in the binary run-*.wandb file): {', '.join(skipped[:3])}"
                                + (", ..." if len(skipped) > 3 else ""))
    return runs


def _holds_history(path: Path) -> bool:
    return is_file_or_special(path / HISTORY_FILE) or is_file_or_special(path / "files" / HISTORY_FILE)


def _history_path(path: Path) -> Path:
    if not path.is_dir():
        return path
    for candidate in (path / HISTORY_FILE, path / "files" / HISTORY_FILE):
        if is_file_or_special(candidate):
            return candidate
    if (path / "files" / SUMMARY_FILE).is_file() or (path / SUMMARY_FILE).is_file():
        raise CurvedocError(f"this W&B run directory has a {SUMMARY_FILE} (final values only) and no "
                            f"{HISTORY_FILE}; newer SDKs keep the history in the binary run-*.wandb file: "
                            f"{SYNC_AND_EXPORT}", path)
    raise CurvedocError(f"no {HISTORY_FILE} in this directory", path)


def _summary_error(path: Path) -> CurvedocError:
    return CurvedocError(f"a W&B summary holds no series; pass {HISTORY_FILE}", path)


def _history_from_jsonl(path: Path, text: str) -> Run:
    rows: list[int] = []
    keys: list[str] = []
    vals: list[float] = []
    skipped_dicts: set[str] = set()
    not_numbers: dict[str, int] = {}  # key -> strings that write no number
    bad_lines: list[int] = []
    deep_lines: list[int] = []  # nested past what the parser takes: whole lines, not cut ones
    last_line = 0
    n_records = 0
    loads = json.loads
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.strip().lstrip("\ufeff")  # a BOM where two files were joined, as the CSV and text readers allow
        if not line:
            continue
        last_line = lineno
        try:
            obj = loads(line)
        except ValueError:
            bad_lines.append(lineno)
            continue
        except RecursionError:
            bad_lines.append(lineno)
            deep_lines.append(lineno)
            continue
        if type(obj) is not dict:
            bad_lines.append(lineno)
            continue
        for key, value in flat_items(obj):
            number = json_number(value)
            if number is None:
                if type(value) is dict:
                    skipped_dicts.add(key)
                elif type(value) is str:
                    not_numbers[key] = not_numbers.get(key, 0) + 1
                continue
            rows.append(n_records)
            keys.append(key)
            vals.append(number)
        n_records += 1
    if n_records == 0:
        _raise_not_jsonl(path, text)
    if n_records == 1 and path.suffix.lower() == ".json":
        raise _summary_error(path)
    warnings = _line_notes(bad_lines, last_line, deep_lines)
    table, flags = records_to_table(rows, keys, vals, n_records, warnings)
    if skipped_dicts:
        warnings.append("dict-valued keys skipped (media, histograms, tables): "
                        + ", ".join(sorted(skipped_dicts)))
    warnings += non_numeric_notes(not_numbers, table.columns)
    step = None
    if "_step" in table.columns:
        has_step = table["_step"].notna().to_numpy()
        if not has_step.all():
            warnings.append(f"{int((~has_step).sum())} records without _step skipped")
            table, flags = table[has_step], flags[has_step]
        step = table["_step"].to_numpy()
        # One record with a fractional or corrupt (past 2^53) _step among whole ones is set aside, as a
        # stray row of a CSV is: refused, it took the log.
        stray = no_step(step)
        if few_stray(int(stray.sum()), len(step)):
            warnings.append(f"{int(stray.sum())} record{'s' * int(stray.sum() > 1)} whose _step is no whole step "
                            f"under 2^53 skipped (the first: {step[stray][0]:.17g})")
            table, flags, step = table[~stray], flags[~stray], step[~stray]
        check_step_range(step, path)
        warnings += _sampled_history_note(step, path, len(bad_lines))
        table, flags = table.drop(columns=["_step"]), flags.drop(columns=["_step"])
        logged = (table.notna().to_numpy() | flags.to_numpy()).any(axis=1)  # a media-only row logs nothing here
        table, flags, step = table[logged], flags[logged], step[logged]
    elif "_step" in not_numbers:
        warnings.append("_step is not a number in any record: records numbered in file order")
    else:
        warnings.append("no _step key: records numbered in file order")
    if step is not None:
        table, flags, step = on_the_trainers_step(table, flags, step, warnings)
    folder = path.parent.parent if path.parent.name == "files" else path.parent
    # W&B's own file is named for what it is, its folder for the run; a file of one's own is its run.
    stem = log_stem(path.name)
    name = (folder.name or stem) if stem.lower() in _GENERIC_STEMS else stem
    return build_run(name, str(path), HISTORY_FORMAT, table, step, logged_nan=flags, warnings=warnings)


def _raise_not_jsonl(path: Path, text: str):
    try:
        whole = json.loads(text)
    except RecursionError:
        raise CurvedocError("JSON nested too deeply to be a W&B history", path) from None
    except ValueError:
        raise CurvedocError("no line holds a JSON object: not a W&B history", path) from None
    if isinstance(whole, dict):
        raise _summary_error(path)
    raise CurvedocError("a JSON document, not JSON lines: not a W&B history", path)


def _line_notes(bad_lines: list[int], last_line: int, deep_lines: list[int]) -> list[str]:
    if not bad_lines:
        return []
    if deep_lines == bad_lines:
        return [f"{len(bad_lines)} line{'s' * (len(bad_lines) != 1)} nested too deeply to read; skipped (first at "
                f"line {bad_lines[0]})"]
    if bad_lines == [last_line]:
        return ["the last line is cut short (file written while training?); skipped"]
    return [f"{len(bad_lines)} lines are not JSON objects; skipped (first at line {bad_lines[0]})"]


def on_the_trainers_step(table: pd.DataFrame, flags: pd.DataFrame, step: np.ndarray, warnings: list[str]):
    """The rows on the trainer's own step when the history logs one (HF's ``train/global_step``):
    ``_step`` counts ``wandb.log`` calls, two or more per trainer step, so a decay at step 2000 sat
    at 4001. Rows of one trainer step are merged (a training and an evaluation call); a trainer
    step that goes back, or is missing from many rows, leaves ``_step`` as the axis, said."""
    own = next((c for c in TRAINER_STEP_COLUMNS if c in table.columns), None)
    if own is None:
        return table, flags, step
    trainer = table[own].ffill().to_numpy()
    known = np.isfinite(trainer)
    usable = known.mean() >= 0.9 and known.any() and trainer[known].min() < trainer[known].max() \
        and bool(np.all(trainer[known] == np.round(trainer[known])))
    if not usable:
        warnings.append(f"the step axis is W&B's _step (one per wandb.log call); the trainer's own step, column "
                        f"{own!r}, is missing from many rows or not a whole number")
        return table, flags, step
    table, flags = table[known].drop(columns=[own]), flags[known].drop(columns=[own])
    key = trainer[known].astype(np.int64)
    if np.any(np.diff(key) < 0):
        # A resumed run logging into the same W&B run: _step counts on while the trainer's step goes back to
        # its checkpoint (560 -> 510). Read on the trainer's step, as a resumed TensorBoard log is: the later
        # rows kept, said where it goes back (on _step, a warmup's end at step 50 read "ends at 4").
        warnings.append(f"steps are the trainer's own, column {own!r} (W&B's _step counts wandb.log calls)")
        return table.reset_index(drop=True), flags.reset_index(drop=True), key
    if np.all(np.diff(key) > 0):  # a row per step already: nothing to merge (a groupby of 10^6 rows, a second)
        merged, logged, at = table.reset_index(drop=True), flags.reset_index(drop=True), key
    else:
        merged, logged = table.groupby(key, sort=False).last(), flags.groupby(key, sort=False).max()
        at = merged.index.to_numpy()
        merged, logged = merged.reset_index(drop=True), logged.reset_index(drop=True)
    warnings.append(f"steps are the trainer's own, column {own!r} (W&B's _step counts wandb.log calls: "
                    f"{len(key)} rows on {len(merged)} steps)")
    return merged, logged, at
