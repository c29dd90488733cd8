"""Generic CSV/TSV (also gzip): a header row, one column per series."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import head_bytes, log_stem, read_text
from curvedoc.readers._table import (BATCH_INDEX, STEP_NAMES, find_step_column, load_table, maybe_plain_table,
                                     numeric_columns, plain_table, plain_table_under_lines, split_fields,
                                     table_under_lines, table_warnings, text_number)
from curvedoc.run import MAX_STEP, STEP_ATOL, Run, build_run, check_step_range, column_role, few, whole_steps

FORMAT = "csv"


# File names that say nothing about the run: the folder names it instead.
GENERIC_STEMS = {"metrics", "metric", "log", "logs", "train", "training", "history", "progress", "results",
                 "scalars", "stats"}


# A headerless list of values from one of these files is named "value", not after the file.
VALUE_STEMS = GENERIC_STEMS | {"values", "value", "data", "output", "out", "nohup"}


# Excel writes and honours a first line naming the delimiter.
EXCEL_SEP = re.compile(r'"?sep=(.)"?')


def read(path: Path) -> list[Run]:
    first = _first_line(path)
    if SB3_MONITOR.match(first):
        return [_sb3_monitor(path)]
    if (excel := EXCEL_SEP.fullmatch(first.strip())) is not None:
        rest = read_text(path).split("\n", 1)
        if len(rest) < 2 or not rest[1].strip():
            raise CurvedocError(f"only Excel's {first.strip()!r} line, no table", path)
        run = table_to_run(path, load_table(path, text=rest[1], sep=excel.group(1)), FORMAT, name=run_name(path))
        run.warnings.append(f"Excel's first line {first.strip()!r} read as the delimiter")
        return [run]
    if maybe_plain_table(first):
        plain = plain_table(read_text(path), path)
        if plain is not None:
            table, note = plain
            run = table_to_run(path, load_table(path, text=table), FORMAT, name=run_name(path))
            run.warnings += [note] if note else []
            return [run]
    if text_number(first) is not None:
        return [_values_per_line(path)]
    head = head_bytes(path, 16384).decode("utf-8-sig", errors="replace")
    plain = plain_table_under_lines(head, path)
    lead = plain if plain is not None else table_under_lines(head)
    if lead is not None:
        k, skipped = lead
        lines = read_text(path).splitlines(keepends=True)
        start = [i for i, ln in enumerate(lines) if ln.strip()][k]
        table, note = "".join(lines[start:]), None
        if plain is not None:  # split by spaces: as CSV text, as the head read it
            table, note = plain_table(table, path)
        run = table_to_run(path, load_table(path, text=table), FORMAT, name=run_name(path))
        shown = "; ".join(repr(ln[:60]) for ln in skipped)
        run.warnings.append(f"{k} line{'s' * (k > 1)} before the table's header skipped: {shown}")
        run.warnings += [note] if note else []
        return [run]
    sep, cells = split_fields(first)
    if len(cells) > 1 and all(text_number(c) is not None for c in cells):
        # Read as a header, its numbers would name the columns and its row would be lost.
        shown = {"\t": "<tab>", None: " "}.get(sep, sep)
        raise CurvedocError(f"the first line holds numbers, not column names: add a header row such as "
                            f"`step{shown}loss`", path)
    if sep is not None and _steps_across(cells):
        raw = load_table(path)
        # On its side only if its first column names the metrics: ``epoch,0,1,…,9`` over rows of
        # numbers is a table of per-class values with the classes as column names.
        if all(text_number(str(x)) is None for x in raw.iloc[:, 0]):
            return [_transposed(path, raw, cells[0].strip('"'))]
        return [table_to_run(path, raw, FORMAT, name=run_name(path))]
    if [c.strip('"') for c in cells[:2]] == ["Name", "State"]:
        # W&B's Runs tab export: a row per run, each metric's last value; no curve to read.
        raise CurvedocError("a W&B runs table (one row per run, final values only), not a training history: "
                            "export a run's history (a chart's Export CSV, or run.history())", path)
    raw = load_table(path)
    return _long_table(path, raw) or _split_by_run(path, raw) or [table_to_run(path, raw, FORMAT, name=run_name(path))]


# A text column under one of these names that tells the rows of several runs apart (a sweep's
# long table, W&B's or a notebook's concat of runs): one run per value.
RUN_COLUMNS = ("run", "run_name", "run_id", "experiment", "trial", "trial_id")


# Stable-Baselines3's Monitor writes a JSON comment line, then a row per episode: reward r, length l
# and t, seconds since the start.
SB3_MONITOR = re.compile(r'#\{.*"t_start"')


def _sb3_monitor(path: Path) -> Run:
    """An SB3 ``monitor.csv`` on the axis its plots use: environment steps so far (the sum of the
    episode lengths), with the reward and length named as such and the wall clock left out."""
    rest = read_text(path).split("\n", 1)
    if len(rest) < 2 or not rest[1].strip():
        raise CurvedocError("a Stable-Baselines3 Monitor header line and no episodes", path)
    raw = load_table(path, text=rest[1])
    if not {"r", "l"} <= set(raw.columns):
        raise CurvedocError("a Stable-Baselines3 Monitor header without its r and l columns", path)
    lengths = pd.to_numeric(raw["l"], errors="coerce")
    if lengths.isna().any() or (lengths <= 0).any():
        raise CurvedocError("a Stable-Baselines3 Monitor log whose episode lengths (l) are not all positive numbers",
                            path)
    table = pd.DataFrame({"timesteps": lengths.cumsum(), "episode_reward": raw["r"], "episode_length": lengths})
    run = table_to_run(path, table, FORMAT, name=run_name(path), step_names=("timesteps",))
    run.warnings.append("a Stable-Baselines3 Monitor log: r read as episode_reward, l as episode_length, the step as "
                        "the environment steps so far (the sum of l); t (seconds) left out")
    return run


# A long table, a row per step and series: the column naming the series and the one holding its value
# (tbparse's ``step,tag,value``; MLflow's metric history ``key,value,step,timestamp``; Comet's
# ``metricName,metricValue,step``).
LONG_NAMES = ("tag", "key", "metric", "metric_name", "metricname", "name", "series")
LONG_VALUES = ("value", "metric_value", "metricvalue", "scalar_value", "val")


def _long_table(path: Path, raw: pd.DataFrame) -> list[Run] | None:
    """A long table spread out, a column per series on the step axis, a run per value of a run column
    (tbparse's ``dir_name``, MLflow's ``run_id``) when there are several: read as it stands, its one
    value column held every series at once, and each step kept the last row's (a loss read as its
    LR). Columns beside the three (wall times, timestamps) are left out. None when the table is not
    one: no such pair of columns, names that are numbers, or fewer than two rows a series."""
    lowered = {str(c).strip().lower(): c for c in raw.columns}
    key = next((lowered[n] for n in LONG_NAMES if n in lowered), None)
    value = next((lowered[n] for n in LONG_VALUES if n in lowered), None)
    step = find_step_column([c for c in raw.columns if c not in (key, value)])
    if key is None or value is None or step is None:
        return None
    names = raw[key]
    if names.isna().all() or pd.to_numeric(names, errors="coerce").notna().any():
        return None
    names = names.astype(str).str.strip()
    if names.nunique() * 2 > len(names):
        return None
    by = next((lowered[n] for n in RUN_COLUMNS + ("dir_name",) if n in lowered and lowered[n] not in (key, step)),
              None)
    groups = [(run_name(path), raw)] if by is None or raw[by].nunique() < 2 else \
        [(str(label).strip() or run_name(path), part) for label, part in raw.groupby(by, sort=False, dropna=False)]
    runs = []
    for label, part in groups:
        # A step logged twice for a series (a resumed run) keeps its last row, as a wide table's does;
        # a NaN logged stays one (pivot_table's "last" would skip it, and the divergence with it).
        rows = pd.DataFrame({"step": part[step], "key": names[part.index], "value": part[value]})
        wide = rows.drop_duplicates(["step", "key"], keep="last").pivot(index="step", columns="key", values="value")
        wide = wide[list(dict.fromkeys(rows["key"]))].reset_index()
        wide.columns.name = None
        run = table_to_run(path, wide, FORMAT, name=label)
        run.warnings.append(f"a long table (a row per step and series): read a column per {key!r}, its values "
                            f"from {value!r}" + (f", one run per {by!r}" if len(groups) > 1 else ""))
        runs.append(run)
    return runs


def _split_by_run(path: Path, raw: pd.DataFrame) -> list[Run] | None:
    """The runs of a long table holding several, told apart by a column named as a run
    (``run,step,loss`` with rows of runs a and b; Optuna's whole-number ``trial``): a Run per
    value, in the order they first appear, named by it. None when there is no such column, or it
    holds one label, or so many that a label has fewer than two rows on average. However many
    runs a sweep has, each is read: past a hundred, the runs were merged into the last one's
    values, and `check` passed a sweep one of whose runs diverged. Rows with no label are set
    aside and counted: taken for a run's, one blank cell merged the runs the same way."""
    col = next((c for c in raw.columns if str(c).strip().lower() in RUN_COLUMNS and raw[c].notna().any()), None)
    if col is None:
        return None
    index = _unnamed_index(raw)
    if index is not None and _row_numbers(index):
        # The rows of the whole table numbered (pd.concat(runs, ignore_index=True)): no run's steps.
        raw = raw.iloc[:, 1:]
    cells = raw[col]
    numbers = pd.to_numeric(cells, errors="coerce")
    if numbers.notna().any():
        # A numbered run column: whole numbers only, each label told by its column's name.
        if (numbers.notna() != cells.notna()).any() or (numbers.dropna() % 1 != 0).any():
            return None
        labels = numbers.map(lambda x: None if pd.isna(x) else f"{col} {int(x)}")
    else:
        labels = cells.map(lambda x: None if pd.isna(x) or not str(x).strip() else str(x).strip())
    labelled = labels.notna().to_numpy()
    names = list(dict.fromkeys(labels[labelled]))
    if len(names) < 2 or len(names) * 2 > int(labelled.sum()):
        return None
    runs = []
    for name in names:
        part = raw[(labels == name).to_numpy()].drop(columns=[col]).reset_index(drop=True)
        run = table_to_run(path, part, FORMAT, name=name)
        run.warnings.append(f"one of {len(names)} runs in this table, told apart by its {col!r} column")
        if not labelled.all():
            blank = int((~labelled).sum())
            run.warnings.append(f"{blank} row{'s' if blank > 1 else ''} with no {col!r} label left out (no run to "
                                "put them in)")
        runs.append(run)
    return runs


def _steps_across(cells: list[str]) -> bool:
    """A header of increasing whole numbers after its first cell: a table on its side, a row per
    metric and a column per step (``pd.DataFrame(history.history).T.to_csv``)."""
    numbers = [text_number(c.strip('"')) for c in cells[1:]]
    if len(numbers) < 3 or any(x is None or x != int(x) for x in numbers):
        return False
    return text_number(cells[0].strip('"')) is None and all(b > a for a, b in zip(numbers, numbers[1:]))


def _transposed(path: Path, raw: pd.DataFrame, corner: str) -> Run:
    names = [str(x).strip() for x in raw.iloc[:, 0]]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise CurvedocError(f"a table on its side (a row per metric) names {', '.join(map(repr, repeated))} "
                            "on more than one row", path)
    body = raw.iloc[:, 1:].T.reset_index(drop=True)
    body.columns = names
    # The corner cell names the axis across when it is one ("epoch"); columns numbered 0, 1, 2, …
    # under a blank corner are pandas' index, the row number; others are steps.
    across = [int(float(c)) for c in raw.columns[1:]]
    named = corner.lower() in ("step", "epoch", "iteration", "global_step")
    axis = corner if named else None if across == list(range(len(across))) else "step"
    if axis in names:
        raise CurvedocError(f"a table on its side (a row per metric) with a row named {axis!r} as well as "
                            "a column per step", path)
    if axis is not None:
        body.insert(0, axis, across)
    run = table_to_run(path, body.astype(object), FORMAT, name=run_name(path))
    run.warnings = [w for w in run.warnings if not w.startswith("no step or epoch column")]
    run.warnings.append("a row per metric and a column per step: read on its side (transposed)" if axis else
                        "a row per metric and a column per entry, numbered from 0: read on its side (transposed), "
                        "numbered by entry")
    return run


def _first_line(path: Path) -> str:
    for line in head_bytes(path, 4096).decode("utf-8-sig", errors="replace").splitlines():
        if line.strip():
            return line.strip()
    return ""


def _values_per_line(path: Path) -> Run:
    """A file of one number per line and no header (``np.savetxt(f, losses)``, a print loop):
    one series, named after the file, numbered by line."""
    metric = series_name(path)
    run = table_to_run(path, load_table(path, text=f"{metric}\n{read_text(path)}"), FORMAT, name=run_name(path))
    run.warnings = [w for w in run.warnings if not w.startswith("no step or epoch column")]
    run.warnings.append(f"no header: one value per line, read as {metric!r} and numbered by line")
    return run


def series_name(path: Path) -> str:
    """The name of the one series a file holds without naming it: the file's, unless generic."""
    stem = log_stem(path.name)
    return "value" if stem.lower() in VALUE_STEMS or not stem else stem


def run_name(path: Path) -> str:
    stem = log_stem(path.name)
    if stem.lower() in GENERIC_STEMS and path.resolve().parent.name:
        return path.resolve().parent.name
    return stem


EPOCH_NAMES = ("epoch", "epochs")


def _counter(values: pd.DataFrame) -> bool:
    """Whether the first column counts up in whole numbers from row to row, in every row, with a name
    that says no metric (a step column under a name of another language: Schritt, шаг, 步数)."""
    from curvedoc.detect import known_direction

    if values.shape[1] < 2 or len(values) < 3 or known_direction(str(values.columns[0])):
        return False
    first = values.iloc[:, 0].to_numpy(dtype=np.float64)
    return bool(np.isfinite(first).all() and np.all(first == np.round(first)) and np.all(np.diff(first) > 0))


def frame_to_run(frame: pd.DataFrame, name: str = "frame") -> Run:
    """A DataFrame from a notebook, read as a CSV of it would be: a named index (``step``) is
    a column like any other, every column named by its string."""
    if frame.index.name is not None or isinstance(frame.index, pd.MultiIndex):
        raw = frame.reset_index()
    else:
        # Unnamed, it is what to_csv writes under an empty name, and read as that file's is: the step
        # when it holds them (pd.DataFrame(history, index=steps)), dropped when it numbers the rows.
        raw = frame.reset_index(names="")
    names = [str(c) for c in raw.columns]
    # A name given twice is numbered as pandas' CSV reader numbers it: loss, loss.1.
    raw.columns = [n if not names[:i].count(n) else f"{n}.{names[:i].count(n)}" for i, n in enumerate(names)]
    return table_to_run(Path(f"<{name}>"), raw, "dataframe", name=name)


def table_to_run(path: Path, raw: pd.DataFrame, format: str, name: str | None = None,
                 step_names: tuple[str, ...] = (), regroup=None) -> Run:
    """A parsed table to a Run: the step column by name, else epoch, else the row number.

    ``step_names`` are tried first (exact names); the run's step axis is ``epoch``
    when the chosen column is an epoch counter. ``regroup(values, nans, step, warnings)`` may put
    the rows on another axis before the run is built (W&B's trainer step).
    """
    warnings = table_warnings(raw)
    raw, read_index = drop_pandas_index(raw)
    warnings += read_index
    values, nans, dropped = numeric_columns(raw, warnings)
    warnings += [f"non-numeric column skipped: {c}{_fortran_hint(raw[c])}" for c in dropped]
    columns = list(values.columns)
    step_col = next((c for c in step_names if c in columns), None) or axis_column(columns)
    step_axis = "epoch" if step_col is not None and step_col.lower() in EPOCH_NAMES else "step"
    unusable = axis_column([str(c) for c in dropped])
    if step_axis == "epoch" and unusable is not None and unusable.lower() not in EPOCH_NAMES \
            and values[step_col].nunique() * 2 < int(values[step_col].notna().sum()):
        # The step written as text or dates (ISO times), the epoch repeated over its rows: on the epoch, 400 rows
        # were 3 points, the rest replaced. The rows are the log's order; the epoch column still dates events.
        warnings.append(f"column {unusable!r} holds text or dates and {step_col!r} repeats over the rows "
                        f"({values[step_col].nunique()} epochs in {int(values[step_col].notna().sum())} rows): "
                        "rows numbered as the step, events dated by the epoch")
        step_col, step_axis = None, "step"
    else:
        unusable = None  # the step column, if any, is read
    if step_col is None and _counter(values):
        step_col = columns[0]
        warnings.append(f"no column named as a step; the first, {step_col!r}, counts up in whole numbers and is "
                        "read as the step")
    step = None
    if step_col is not None:
        values = _place_epoch_rows(values, nans, step_col, warnings)
        values, nans, stray = _set_aside_stray_rows(raw, values, nans, step_col)
        warnings += stray
        check_step_range(values[step_col].to_numpy(), path)
        step = whole_steps(values[step_col].to_numpy())
        counted = _counted_across_epochs(values, step_col, step)
        if counted is not None:  # the counter goes; the epoch column stays, to date events by
            step, step_col, used, note = counted
            warnings.append(note)
            step_axis = "step"
            if used is not None:  # a global step column is the step now: no series of its own
                values, nans = values.drop(columns=[used]), nans.drop(columns=[used])
        elif step is not None and len(step) > 1 and np.any(np.diff(step) <= 0):
            # A step that goes back or repeats beside another step column that only rises (a batch
            # index beside the global step, optimizer steps beside micro-batch iterations): the
            # rising one is the log's own count; read as written, the resume rule kept one epoch.
            glob = _global_counter(values, step_col)
            if glob is not None:
                warnings.append(f"column {step_col!r} {'goes back' if np.any(np.diff(step) < 0) else 'repeats'} "
                                f"where {glob[0]!r} only rises: {glob[0]!r} read as the step")
                step_col, step = glob
        constant = step is not None and len(step) > 2 and bool(np.all(step == step[0]))
        if constant:
            # One value on every row (a config's step written into each row): every row would be merged into
            # one point, the last row's.
            warnings.append(f"column {step_col!r} holds {int(step[0])} on every row: no step; using the row number")
            step = None
        if step is None and step_axis == "epoch" and not constant:
            # A fractional epoch (HF's, W&B's) is no step, but it still dates every event.
            warnings.append(f"column {step_col!r} holds fractional epochs: rows numbered as the step, "
                            "events dated by the epoch")
        else:
            values = values.drop(columns=[step_col])
            nans = nans.drop(columns=[step_col])
            if step is None and not constant:
                warnings.append(f"column {step_col!r} is not a usable step (empty or fractional cells); "
                                "using the row number")
    elif unusable is None:  # else the rows are numbered over the epoch, said above
        named = axis_column([str(c) for c in dropped])
        warnings.append(f"no step or epoch column holding numbers (column {named!r} holds text or dates); using "
                        "the row number as the step" if named is not None else
                        "no step or epoch column; using the row number as the step")
    if values.shape[1] == 0:
        raise CurvedocError("no numeric column besides the step" + _text_cells(raw, dropped), path)
    if regroup is not None and step is not None:
        values, nans, step = regroup(values, nans, step, warnings)
    run = build_run(name or path.stem, str(path), format, values, step,
                    step_axis=step_axis, logged_nan=nans, warnings=warnings)
    _demote_echoed_config(run)
    return run


def _demote_echoed_config(run: Run) -> None:
    """Columns holding one value on every row whose names say no direction (``d_model``, ``modulus``,
    ``seed`` written beside each row's losses) are configuration, not curves: role ``other``, as the
    text reader reads echoed configuration. A constant loss or accuracy stays a metric."""
    from curvedoc.detect import known_direction

    frame = run.frame
    if len(frame) < CONFIG_ROWS:
        return
    demoted = [c for c in frame.columns if run.role(c) == "metric" and not known_direction(c)
               and frame[c].notna().all() and frame[c].nunique() == 1]
    if demoted and len(demoted) < len(run.columns_with_role("metric")):
        for column in demoted:
            run.roles[column] = "other"
        run.warnings.append("constant on every row, taken for echoed configuration (role other): " + few(demoted))


# Rows needed before a value repeated on every one is taken for echoed configuration: over a handful
# a metric may stand still by chance.
CONFIG_ROWS = 10


# Rows whose step is no whole number (a stray line such as ``Killed`` in the middle of the file, one
# fractional step, a few empty cells) are set aside when they are at most this share of the table (one
# row at least); more, and the column is no step column. At 1%, six empty cells in 300 rows threw the
# step axis away and dated every event by row.
STRAY_SHARE = 0.05


def _place_epoch_rows(values: pd.DataFrame, nans: pd.DataFrame, step_col: str, warnings: list[str]) -> pd.DataFrame:
    """Rows with an epoch and an empty step (a loop writing its per-epoch metrics into the per-step
    CSV) placed at the last step logged in their epoch: set aside as stray rows, they took every
    held-out metric with them."""
    epoch_col = next((c for c in values.columns if c != step_col and column_role(c) == "epoch"), None)
    if epoch_col is None or values[step_col].dtype.kind in "iu":
        return values
    step = values[step_col].to_numpy(dtype="float64")
    epoch = values[epoch_col].to_numpy(dtype="float64")
    empty = np.isnan(step) & ~nans[step_col].to_numpy(dtype=bool) & np.isfinite(epoch)
    have = np.isfinite(step)
    if not empty.any() or not have.any():
        return values
    last = pd.Series(step[have]).groupby(epoch[have]).max()
    placed = pd.Series(epoch[empty]).map(last).to_numpy(dtype="float64")
    rows = np.flatnonzero(empty)[np.isfinite(placed)]
    if not len(rows):
        return values
    values = values.copy()
    values.iloc[rows, values.columns.get_loc(step_col)] = placed[np.isfinite(placed)]
    warnings.append(f"{len(rows)} row{'s' * (len(rows) > 1)} with an {epoch_col!r} but no {step_col!r} (per-epoch "
                    "metrics) placed at the last step logged in their epoch")
    return values


def no_step(col: np.ndarray) -> np.ndarray:
    """Whether each value is no step: not finite, not whole, or past 2^53 (a corrupt row, as stray as
    a fractional one: refused, it took the log)."""
    with np.errstate(invalid="ignore"):
        return ~np.isfinite(col) | (np.abs(col - np.round(col)) > STEP_ATOL) | (np.abs(col) >= MAX_STEP)


def few_stray(count: int, total: int) -> bool:
    """Whether ``count`` rows of ``total`` with no step are few enough to set aside (STRAY_SHARE of
    them, one at least), and not all of them."""
    return 0 < count < total and count <= max(1, STRAY_SHARE * total)


def _set_aside_stray_rows(raw: pd.DataFrame, values: pd.DataFrame, nans: pd.DataFrame, step_col: str):
    whole = values[step_col].dtype.kind in "iu"
    if whole and -MAX_STEP < values[step_col].min() and values[step_col].max() < MAX_STEP:
        return values, nans, []  # whole numbers in every cell, all of them steps: nothing to set aside
    col = values[step_col].to_numpy(dtype="float64")
    stray = no_step(col)
    count = int(stray.sum())
    if not few_stray(count, len(col)):
        return values, nans, []
    only = [c for c in values.columns if c != step_col and values[c][stray].notna().any()
            and values[c][~stray].isna().all() and not nans[c][~stray].any()]
    if only:
        # Rows of their own for a held-out metric (a loop writing its eval rows without the step): set
        # aside, the metric was lost; numbered by row, it is kept.
        return values, nans, [f"{count} row{'s' * (count > 1)} with no whole {step_col!r} hold every value of "
                              f"{few([repr(c) for c in only], 3)}: not set aside"]
    at = int(np.argmax(stray))
    first = raw[step_col].iloc[at] if step_col in raw.columns else col[at]
    text = str(first)
    # Said the same whichever parser read the table: pyarrow's has no text left for a NaN cell.
    if step_col in nans.columns and bool(nans[step_col].iloc[at]):
        shown = "a NaN"
    else:
        shown = "an empty cell" if pd.isna(first) else repr(text if len(text) <= 40 else text[:40] + "...")
    what = "past 2^53" if abs(col[at]) >= MAX_STEP else "no whole step"
    note = f"{count} row{'s' * (count > 1)} whose {step_col!r} is {what} set aside (the first holds {shown})"
    return values[~stray], nans[~stray], [note]


def _global_counter(values: pd.DataFrame, counter_col: str) -> tuple[str, np.ndarray] | None:
    """Another step column (``global_step`` beside a ``step`` that is the batch index) whose whole
    values only go up: the log's own count across epochs."""
    for name in STEP_NAMES:
        col = next((c for c in values.columns if c.lower() == name and c != counter_col), None)
        if col is None:
            continue
        steps = whole_steps(values[col].to_numpy())
        if steps is not None and len(steps) > 1 and np.all(np.diff(steps) > 0):
            return col, steps
    return None


def _counted_across_epochs(values: pd.DataFrame, step_col: str, step: np.ndarray | None):
    """(steps, the counter's column, the global step column read instead or None, note) when the
    table's steps are a counter that starts over at each epoch (a loop logging ``epoch, step`` with
    ``step`` its batch index, or ``epoch, batch_idx``): read as written, every epoch after the first
    replaced the one before as a restart. The steps are a global step column's beside it, else
    counted across epochs, ``P`` to an epoch (the counter's span). None otherwise."""
    epoch_col = next((c for c in values.columns if c.lower() == "epoch"), None)
    if epoch_col is None:
        return None
    if step_col == epoch_col:
        inner = next((c for c in values.columns if c != epoch_col and BATCH_INDEX.fullmatch(c)), None)
        if inner is None:
            return None
        counter = whole_steps(values[inner].to_numpy())
    else:
        inner, counter = None, step
    if counter is None:
        return None
    epoch = values[epoch_col].to_numpy()
    if not np.all(np.isfinite(epoch)) or len(counter) < 4:
        return None
    back = np.flatnonzero(np.diff(counter) < 0)
    turns = np.flatnonzero(np.diff(epoch) != 0)
    if not len(back) or not np.array_equal(back, turns) or np.any(np.diff(epoch)[turns] < 0):
        return None
    counter_col = inner or step_col
    glob = _global_counter(values, counter_col)
    if glob is not None:
        return glob[1], counter_col, glob[0], f"{counter_col!r} starts over at each epoch: steps read from {glob[0]!r}"
    # The span plus one logged interval, so that an epoch's first row follows the last one's as the
    # rows within an epoch follow each other: a batch index logged every 4 batches (4, 8, .., 28)
    # spans 28 batches, not 25.
    within = np.diff(counter)[np.diff(epoch) == 0]
    within = within[within > 0]
    gap = int(np.median(within)) if len(within) else 1
    period = int(counter.max() - counter.min() + gap)
    k = np.concatenate([[0], np.cumsum(np.diff(epoch) != 0)])
    steps = k * period + counter
    # The counter's span is a guess at the epoch's length: logged every few batches, its last
    # value falls short of the epoch's end.
    return (steps.astype(np.int64), counter_col, None,
            f"{counter_col!r} starts over at each epoch: counted across epochs as {period} to an epoch "
            "(the counter's span; the log does not give the epoch's length)")


# One split of the digits only: with ``\d+\.?\d*`` a cell of 30,000 digits took 6 s to fail.
FORTRAN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)[dD][-+]?\d+")


def axis_column(columns: list[str]) -> str | None:
    """The column named as the step, else as the epoch."""
    return find_step_column(columns) or next((c for c in columns if c.lower() in EPOCH_NAMES), None)


def _fortran_hint(column: pd.Series) -> str:
    """Why a column of numbers written as Fortran prints them was skipped: its LR lost, the
    evidence would say the log has none."""
    cells = column.dropna().astype(str).str.strip()
    cells = cells[cells != ""]
    if cells.empty or not FORTRAN_NUMBER.fullmatch(cells.iloc[0]):
        return ""
    return f" (a Fortran exponent such as {cells.iloc[0]!r}: write it with E)"


def _text_cells(raw: pd.DataFrame, dropped: list[str]) -> str:
    """What the skipped columns hold, by an example cell: the reason a table has no series."""
    if not dropped:
        return ""
    cells = raw[dropped[0]].dropna().astype(str)
    cells = cells[cells.str.strip() != ""]
    if cells.empty:
        return ""
    cell = cells.iloc[0].strip()
    why = " (a Fortran exponent: write it with E)" if FORTRAN_NUMBER.fullmatch(cell) else ""
    names = few([repr(c) for c in dropped], 3)
    return f"; column{'s' * (len(dropped) > 1)} {names} hold{'s' * (len(dropped) == 1)} text such as {cell[:40]!r}{why}"


def drop_pandas_index(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """A leading unnamed column of increasing whole numbers, the index ``DataFrame.to_csv`` writes,
    and what was made of it. Dropped when it numbers the rows from 0 (pandas' default index) or
    another column holds the step; else it holds the steps (``pd.DataFrame(history, index=steps)``)
    and is read as the step: dropped, the row number dated every event 5x early for steps 5 apart."""
    index = _unnamed_index(raw)
    if index is None:
        return raw, []
    first, rest = raw.columns[0], raw.iloc[:, 1:]
    numbers = rest.iloc[:, :2].apply(pd.to_numeric, errors="coerce")
    if _row_numbers(index) or axis_column([str(c) for c in rest.columns]) is not None or _counter(numbers):
        return rest, []
    # Numbered from 1 it is still read: pandas never writes that unasked, so the numbering is the
    # log's own (epochs 1..N), and the row number would date every event one step early.
    return raw.rename(columns={first: "step"}), ["the unnamed first column (a pandas index) read as the step"]


def _unnamed_index(raw: pd.DataFrame) -> np.ndarray | None:
    """The leading unnamed column's values when they are whole and increasing, else None."""
    first = raw.columns[0] if len(raw.columns) else None
    if first is None or not (first == "" or str(first).startswith("Unnamed: 0")):
        return None
    col = whole_steps(pd.to_numeric(raw[first], errors="coerce").to_numpy(dtype="float64", na_value=np.nan))
    return col if col is not None and (len(col) < 2 or np.all(np.diff(col) > 0)) else None


def _row_numbers(index: np.ndarray) -> bool:
    return np.array_equal(index, np.arange(len(index)))


def usable_steps(step) -> bool:
    """Whole steps that float64 keeps apart (a larger x-axis is a clock in ns, not a step)."""
    steps = whole_steps(step)
    return steps is not None and (len(steps) == 0 or -MAX_STEP < steps.min() <= steps.max() < MAX_STEP)
