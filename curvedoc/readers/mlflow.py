"""MLflow file store: a run directory, an experiment directory, an ``mlruns/`` root, or one metric
file; and MLflow's SQLite store (``mlflow.db``).

A run is ``<run_id>/`` holding ``meta.yaml`` and ``metrics/<key>``, one file
per metric key (a key with ``/`` is a sub-directory), one line per logged
value: ``<timestamp_ms> <value> <step>``. Very old MLflow wrote
``<timestamp> <value>`` without a step; the line number stands in for it.
"""

from __future__ import annotations

import io
import math
import os
import re
import sys
import urllib.parse
import warnings as warnings_module
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import NOT_REGULAR, is_file_or_special, is_special, read_text, walk
from curvedoc.run import (MAX_STEP, Run, check_step_range, column_role, epoch_points_at_steps, few, not_read,
                          series_to_run)

FORMAT = "mlflow"
# Spellings of a logged NaN (Python's repr, and what other writers use).
NAN_TOKENS = ["nan", "NaN", "-nan", "NAN"]
_YAML_LINE = re.compile(r"^(\w+):[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_NONBLANK_LINE = re.compile(r"^[ \t]*\S", re.MULTILINE)


def read(path: Path) -> list[Run]:
    """Every run under ``path`` (or the one run a metric file belongs to), a column per metric key."""
    path = Path(path)
    if path.is_file():
        return [_read_metric_file(path)]
    if not path.is_dir():
        raise CurvedocError("no such file or directory", path)
    run_dirs, notes = _find_runs(path)
    if not run_dirs and (path / "mlruns").is_dir():
        # A project folder holding its mlruns/ (read so when the format is found, not forced): its store.
        return read(path / "mlruns")
    if not run_dirs:
        # Runs that logged params or tags only have no metrics/ folder: say so, not that none is here.
        bare = [d for d in (path, *path.glob("*"), *path.glob("*/*"))
                if d.is_dir() and (d / "meta.yaml").is_file() and not (d / "metrics").is_dir()
                and ((d / "params").is_dir() or (d / "tags").is_dir())]
        if bare:
            raise CurvedocError(f"{len(bare)} MLflow run{'s' * (len(bare) > 1)} here logged params or tags but no "
                                "metric (no metrics/ folder)", path)
        deleted = next((n for n in notes if DELETED_SKIPPED in n), None)
        if deleted:  # there are runs: deleted ones, which a run directory passed itself still reads
            raise CurvedocError(f"every MLflow run here is marked deleted ({deleted.split()[0]}); pass a run's "
                                "folder to read it all the same", path)
        raise CurvedocError("no MLflow run directory (meta.yaml + metrics/) here", path)
    skipped: list[str] = []  # why a run's metric files gave nothing
    read_runs, why_not = [], {}
    for d in run_dirs:
        before = len(skipped)
        read_runs.append((d, _read_run(d, skipped)))
        why_not[d] = skipped[before].removesuffix("; skipped") if len(skipped) > before else "no metric"
    runs = [run for _, run in read_runs if run is not None]
    if not runs:
        why = f" ({skipped[0]}{f'; and {len(skipped) - 1} more' if len(skipped) > 1 else ''})" if skipped else ""
        raise CurvedocError(f"none of the {len(run_dirs)} MLflow runs here logged a metric{why}", path)
    runs[0].warnings.extend(notes)
    # A run beside others that gave no point is named, not dropped without a word (check notes it).
    runs[0].warnings += [not_read(d.relative_to(path) if d != path else d.name, why_not[d])
                         for d, run in read_runs if run is None]
    return runs


DELETED_SKIPPED = "marked deleted"


def is_run_dir(path: Path) -> bool:
    return is_file_or_special(path / "meta.yaml") and (path / "metrics").is_dir()


def _find_runs(path: Path) -> tuple[list[Path], list[str]]:
    """The run directories of a run, an experiment, or an ``mlruns/`` root (``.trash`` and deleted runs skipped)."""
    if path.name == "metrics" and is_file_or_special(path.parent / "meta.yaml"):
        return [path.parent], []
    if is_run_dir(path):
        meta = _read_yaml(path / "meta.yaml")
        notes = ["this run is marked deleted in MLflow"] if meta.get("lifecycle_stage") == "deleted" else []
        return [path], notes
    found, deleted, unnamed = [], 0, []
    for experiment in [path, *_subdirs(path)]:
        for run_dir in _subdirs(experiment):
            if not is_run_dir(run_dir):
                if (run_dir / "metrics").is_dir() and (experiment / "meta.yaml").is_file():
                    # A run of an experiment whose meta.yaml is lost (a copy, a crash): its metrics still read.
                    unnamed.append(run_dir)
                continue
            if _read_yaml(run_dir / "meta.yaml").get("lifecycle_stage") == "deleted":
                deleted += 1
                continue
            found.append(run_dir)
    notes = [f"{deleted} run{'s' * (deleted != 1)} {DELETED_SKIPPED} {'were' if deleted != 1 else 'was'} skipped"] \
        if deleted else []
    notes += [f"{d.relative_to(path)} has no meta.yaml: read all the same" for d in unnamed]
    return found + unnamed, notes


def _subdirs(path: Path) -> list[Path]:
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as err:
        raise CurvedocError(f"cannot list directory: {err.strerror or err}", path) from None
    return [Path(e.path) for e in entries if e.is_dir() and not e.name.startswith(".")]


def _read_run(run_dir: Path, skipped: list[str]) -> Run | None:
    """The run, or None (with why in ``skipped``) when no metric file holds a point."""
    metrics_dir = run_dir / "metrics"
    # Metric names with "/" are folders; MLflow reads them through links too (a dangling one is
    # listed, so that its metric is said to be lost rather than left out unsaid).
    files = sorted(p for d, _, names in walk(metrics_dir) for p in (Path(d) / n for n in names)
                   if (is_file_or_special(p) or p.is_symlink()) and not p.name.startswith("."))
    warnings: list[str] = []
    series = {}
    for f in files:
        key = f.relative_to(metrics_dir).as_posix()
        try:
            parsed = _parse_metric(f, key, warnings)
        except CurvedocError as err:  # one file zeroed by a crash (or a pipe, never opened) need not stop the run
            warnings.append(f"metric {key}: {err.reason}; skipped")
            continue
        if parsed is not None:
            series[key] = parsed
    if not series:
        skipped.extend(warnings if files else [f"{metrics_dir} is empty"])
        return None
    _system_metrics_aside(series, warnings)
    _on_one_axis(series, warnings)
    _epochs_beside_steps(series, warnings)
    return series_to_run(run_name(run_dir), str(run_dir), FORMAT, series, warnings)


def _system_metrics_aside(series: dict, warnings: list[str]) -> None:
    """MLflow's system metrics (``system/cpu_utilization_percentage`` ...) count their own samples,
    one every 10 s, as their step: beside a run logged per epoch they ran past its end, and the
    training metrics read as stopped early. Left out when the run logged anything else."""
    system = [k for k in series if k.startswith(SYSTEM_PREFIX)]
    if system and len(system) < len(series):
        for key in system:
            del series[key]
        warnings.append(f"MLflow's system metrics ({few(system)}) not read: their steps count the monitor's "
                        "samples, not the training's")


# Where MLflow's system-metrics monitor logs its series.
SYSTEM_PREFIX = "system/"


def _read_metric_file(path: Path) -> Run:
    """One metric file; its key and run name come from the run directory around it, if there is one."""
    run_dir, key = None, path.name
    for parent in path.parents:
        if parent.name == "metrics" and is_file_or_special(parent.parent / "meta.yaml"):
            run_dir, key = parent.parent, path.relative_to(parent).as_posix()
            break
    warnings: list[str] = []
    parsed = _parse_metric(path, key, warnings, strict=True)
    name = run_name(run_dir) if run_dir is not None else (path.parent.name or key)
    return series_to_run(name, str(path), FORMAT, {key: parsed}, warnings)


def run_name(run_dir: Path) -> str:
    """``run_name`` from meta.yaml, else the ``mlflow.runName`` tag, else the run id."""
    meta = _read_yaml(run_dir / "meta.yaml")
    if meta.get("run_name"):
        return meta["run_name"]
    tag = run_dir / "tags" / "mlflow.runName"
    if tag.is_file():
        try:
            name = tag.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            name = ""
        if name:
            return name
    return meta.get("run_id") or meta.get("run_uuid") or run_dir.name


def _read_yaml(path: Path) -> dict[str, str]:
    """The top-level ``key: value`` scalars of MLflow's small meta.yaml (no YAML library needed)."""
    if is_special(path):
        raise CurvedocError(NOT_REGULAR, path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    out = {}
    for key, value in _YAML_LINE.findall(text):
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key] = "" if value in ("null", "~") else value
    return out


# Lines of a metric file whose layout (with or without the step) decides the file's.
LAYOUT_LINES = 50


def _parse_metric(path: Path, key: str, warnings: list[str], strict: bool = False):
    """``(step, value, wall_time_s)`` arrays of one metric file, parsed in one pass; None if empty."""
    text = read_text(path)
    added = len(warnings)
    if not text.endswith(("\n", "\r")) and "\n" in text.strip():
        # MLflow ends every line it writes: a last line without one is still being written, and
        # its step or value may be cut short (600 read as 6 sent the run back to step 6).
        text = text[:text.rfind("\n") + 1]
        warnings.append(f"metric {key}: the last line has no line end, so it may be cut short (file still being "
                        "written?); skipped")
    head = [line.split() for line in text.split("\n", LAYOUT_LINES)[:LAYOUT_LINES] if line.strip()]
    if not head:
        if strict:
            raise CurvedocError("the metric file is empty", path)
        warnings.append(f"metric {key}: empty file skipped")
        return None
    # The layout is the one most of the first lines have: one damaged line (the first, cut by a
    # crash) must not decide it for the rest.
    widths = [len(fields) for fields in head]
    width = max((2, 3), key=lambda w: (widths.count(w), w))
    if 2 * widths.count(width) <= len(widths):
        message = "not an MLflow metric file: lines should read `<timestamp_ms> <value> <step>`"
        if strict:
            raise CurvedocError(message, path)
        warnings.append(f"metric {key}: {message}; skipped")
        return None
    legacy = width == 2
    # A column past the layout's catches the extra fields of a damaged line, which is then malformed.
    names = (["timestamp", "value"] if legacy else ["timestamp", "value", "step"]) + ["extra"]
    try:
        with warnings_module.catch_warnings():
            warnings_module.simplefilter("ignore", pd.errors.ParserWarning)  # more fields still: skipped below
            frame = pd.read_csv(io.StringIO(text), sep=r"\s+", header=None, names=names, index_col=False,
                                engine="c", na_values=NAN_TOKENS, keep_default_na=False, on_bad_lines="skip")
    except (pd.errors.ParserError, ValueError) as err:
        raise CurvedocError(f"metric {key}: unreadable: {str(err).splitlines()[0]}", path) from None
    n_lines = len(_NONBLANK_LINE.findall(text))

    value = _numbers(frame["value"])
    is_nan_token = frame["value"].isna().to_numpy()  # only NAN_TOKENS read as missing
    timestamp = _numbers(frame["timestamp"])
    ok = (~np.isnan(value) | is_nan_token) & np.isfinite(timestamp) & frame["extra"].fillna("").eq("").to_numpy()
    if legacy:
        step = np.arange(len(frame), dtype=np.float64)
        warnings.append(f"metric {key}: old two-column lines (timestamp value) without a step; "
                        "the line number is used as the step")
    else:
        step = _numbers(frame["step"])
        ok &= np.isfinite(step) & (step == np.round(step))
        # A step past 2^53 on a line of its own is that line's damage (the whole metric had been dropped
        # for one); every step past it is the log's, refused below.
        far = ok & (np.abs(step) >= MAX_STEP)
        n_far = int(far.sum())
        if n_far and not far[ok].all():
            ok &= ~far
            warnings.append(f"metric {key}: {n_far} line{'s' * (n_far != 1)} with a step past 2^53 = {MAX_STEP} "
                            "skipped")
            n_lines -= n_far
    skipped = n_lines - int(ok.sum())
    if skipped:
        warnings.append(f"metric {key}: {skipped} malformed lines skipped")
    if not ok.any():
        if strict:
            raise CurvedocError("no well-formed `<timestamp_ms> <value> <step>` line", path)
        del warnings[added:]  # one reason, not the notes on lines that all failed
        warnings.append(f"metric {key}: no well-formed `<timestamp_ms> <value> <step>` line")
        return None
    if not legacy and frame["step"].dtype.kind in "iu":
        step = frame["step"].to_numpy()  # exact, however large
    check_step_range(step[ok], path)  # before the cast: past int64 it would wrap
    step, value, timestamp = step[ok], value[ok], timestamp[ok]
    if np.any(np.diff(timestamp) < 0):
        # In step order, as MLflow plots them: of two values at one step the later logged wins, as
        # MLflow's own latest value does, wherever the file's lines put them. Read in time order,
        # a clock set back part way through (a resume on another machine) took the steps logged
        # after it for a resume that went back to 0, and dropped them.
        order = np.lexsort((timestamp, step))
        step, value, timestamp = step[order], value[order], timestamp[order]
        warnings.append(f"metric {key}: lines out of time order, read in step order (of values at one step, "
                        "the later logged)")
    return _stepless(key, step.astype(np.int64), value, timestamp / 1000.0, warnings)


# The database cannot hold infinities: MLflow's SQL store writes +-inf as the largest float.
DB_INF = sys.float_info.max


def _stepless(key: str, step: np.ndarray, value: np.ndarray, wall: np.ndarray, warnings: list[str]):
    """A metric logged without ``step=`` (``mlflow.log_metric(k, v)``): MLflow stores step 0 for
    every point, and the MLflow UI plots it against time. Its points are numbered in the order they
    were logged, said; read at one step, all but the last would be lost as relogged. The points
    come in that order: a metric file's are put in it by their timestamps, the database's rows are
    ordered by them."""
    if len(step) < 3 or np.any(step != 0):
        return step, value, wall
    warnings.append(_numbered(key, len(step)))
    return np.arange(len(step), dtype=np.int64), value, wall


def _numbered(key: str, n: int) -> str:
    return f"metric {key}: every point at step 0 (logged without step=): numbered 0-{n - 1} in the order logged"


def _on_one_axis(series: dict[str, tuple], warnings: list[str]) -> None:
    """Metrics numbered in the order logged, placed on the run's axis by the time each point was
    logged: at the step of the point of the densest metric logged nearest in time (the densest with
    steps of its own if the run has one, which then keeps them). Numbered apart, a validation loss
    logged every 100 steps has its 10th point at step 10, where the training loss's 10th is: 90
    steps before the LR decay that moved it. A metric whose points would not keep steps of their
    own stays numbered."""
    numbered = [k for k, (step, _, _) in series.items() if _numbered(k, len(step)) in warnings]
    stepped = [k for k in series if k not in numbered and _rising(series[k][0]) and _rising(series[k][2])]
    if not numbered or (not stepped and len(numbered) < 2):
        return  # nothing to place, or nothing to place it by
    ref = max(stepped or numbered, key=lambda k: len(series[k][0]))
    ref_step, ref_wall = series[ref][0], series[ref][2]
    for key in numbered:
        if key == ref:
            continue
        step, value, wall = series[key]
        right = np.clip(np.searchsorted(ref_wall, wall), 1, len(ref_wall) - 1)
        nearest = np.where(wall - ref_wall[right - 1] <= ref_wall[right] - wall, right - 1, right)
        placed = ref_step[nearest]
        if not (np.all(np.isfinite(wall)) and _rising(placed, strictly=True)):
            continue
        series[key] = (placed, value, wall)
        warnings[warnings.index(_numbered(key, len(step)))] = (
            f"metric {key}: every point at step 0 (logged without step=): placed at the steps of {ref} "
            "logged nearest in time")


def _epochs_beside_steps(series: dict[str, tuple], warnings: list[str]) -> None:
    """Metrics logged with ``step=epoch`` beside others logged with a batch counter (MLflow's Keras
    autolog with batch logging, or a loop mixing the two): the epoch metrics' steps 0, 1, 2 ... sit
    among the first batches, and a decay at epoch 15 would be read at step 15. Each epoch point is
    put at the last batch step logged before it in time; an LR's, at the first batch after the
    previous epoch's point (the LR that epoch was trained at). Left as they are when the times do
    not bear that out."""
    if len(series) < 2:
        return
    ref = max(series, key=lambda k: (series[k][0][-1] if len(series[k][0]) else -1, len(series[k][0])))
    ref_step, _, ref_wall = series[ref]
    top = int(ref_step[-1])
    epochs = [k for k, (step, _, wall) in series.items()
              if k != ref and len(step) >= 3 and step[0] in (0, 1) and np.all(np.diff(step) == 1)
              and step[-1] * EPOCH_AXIS_FACTOR <= top and np.isfinite(wall).all() and _rising(wall, strictly=True)
              and _numbered(k, len(step)) not in warnings]  # numbered in the order logged: no epochs
    if not epochs or not (np.isfinite(ref_wall).all() and _rising(ref_wall) and _rising(ref_step, strictly=True)):
        return
    for key in epochs:
        step, value, wall = series[key]
        if wall[-1] < ref_wall[len(ref_wall) // 2]:
            return  # logged in the first half of the batches' time: no epoch's end
    first, last = int(series[epochs[0]][0][0]), int(series[epochs[0]][0][-1])
    moved = {}
    for key in epochs:
        step, value, wall = series[key]
        placed = epoch_points_at_steps(ref_step, ref_wall, wall, column_role(key) == "lr", int(ref_step[0]))
        if not _rising(placed, strictly=True):
            return  # two epochs between the same two batches: the times do not part them
        moved[key] = (placed, value, wall)
    series.update(moved)
    warnings.append(f"{', '.join(sorted(epochs)[:3])}{', ...' if len(epochs) > 3 else ''} logged at steps "
                    f"{first}-{last} (epochs) beside {ref} at steps up to {top}: each value put at the step of "
                    f"{ref} logged last before it")


# A metric whose steps count epochs ends this many times below the batch counter beside it, or more.
EPOCH_AXIS_FACTOR = 5


def _rising(x: np.ndarray, strictly: bool = False) -> bool:
    d = np.diff(x)
    return bool(len(x) > 1 and np.all(d > 0 if strictly else d >= 0))


def _numbers(column: pd.Series) -> np.ndarray:
    if column.dtype.kind in "iuf":
        return column.to_numpy(dtype=np.float64)
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64)


# MLflow's default store since 3.x: a SQLite database (``mlflow.db``), one row per logged value.
DB_FORMAT = "mlflow_db"


def read_mlflow_db(path: Path) -> list[Run]:
    """Every run of an MLflow SQLite store that logged a metric, a column per metric key.

    Opened read-only and immutable: a reader must not leave a journal beside the user's database,
    nor wait on a lock held by a training process still writing to it. Immutable also means
    SQLite skips a write-ahead log, where a tracking server still running keeps its newest rows;
    so a store with a ``-wal`` file is read from a copy of both, left in a temporary folder."""
    path = Path(path)
    wal = path.with_name(path.name + "-wal")
    if not (wal.is_file() and wal.stat().st_size):
        return _db_runs(path, path, "?mode=ro&immutable=1")
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="curvedoc-") as tmp:
        copy = Path(tmp) / "mlflow.db"
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except OSError as err:
            raise CurvedocError(f"cannot copy the store and its write-ahead log to read them: "
                                f"{err.strerror or err}", path) from None
        return _db_runs(copy, path, "")


def _db_runs(db: Path, path: Path, mode: str) -> list[Run]:
    """The runs in ``db``, opened with URI ``mode``; ``path`` is the store as the user named it."""
    import sqlite3

    uri = "file:" + urllib.parse.quote(str(db.resolve())) + mode
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"metrics", "runs"} <= tables:
                raise CurvedocError("an SQLite database that is not an MLflow tracking store (no metrics and "
                                    "runs tables)", path)
            runs = con.execute("SELECT run_uuid, name, lifecycle_stage FROM runs ORDER BY start_time").fetchall()
            # By step, then time: a step logged again (a resumed run) keeps its latest value, and a
            # clock that jumped back does not reorder the steps.
            rows = con.execute("SELECT run_uuid, key, step, value, is_nan, timestamp FROM metrics "
                               "ORDER BY run_uuid, key, step, timestamp").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as err:
        raise CurvedocError(f"cannot read the SQLite database: {err}", path) from None
    by_run: dict[str, dict[str, list]] = {}
    skipped = 0
    for run_uuid, key, step, value, is_nan, stamp in rows:
        step, value, stamp = _db_step(step), _db_number(value), _db_number(stamp)
        if step is None or (value is None and not is_nan):
            skipped += 1  # a row another writer left without a whole step or a number
            continue
        if value is not None and abs(value) == DB_INF:
            value = math.copysign(math.inf, value)
        by_run.setdefault(run_uuid, {}).setdefault(key, []).append(
            (step, math.nan if is_nan else value, stamp / 1000 if stamp is not None else math.nan))
    out, deleted = [], 0
    for run_uuid, name, stage in runs:
        metrics = by_run.get(run_uuid)
        if not metrics:
            continue
        if stage == "deleted":
            deleted += 1
            continue
        series, notes = {}, []
        for key, points in metrics.items():
            step, value, wall = (np.array(col) for col in zip(*points))
            series[key] = _stepless(key, step.astype(np.int64), value.astype(np.float64), wall.astype(np.float64),
                                    notes)
        _system_metrics_aside(series, notes)
        _on_one_axis(series, notes)
        _epochs_beside_steps(series, notes)
        out.append(series_to_run(name or run_uuid, str(path), DB_FORMAT, series, notes))
    if not out:
        why = f" ({deleted} deleted runs left out)" if deleted else ""
        raise CurvedocError(f"none of the {len(runs)} MLflow runs in this store logged a metric{why}", path)
    if deleted:
        out[0].warnings.append(f"{deleted} run{'s' * (deleted != 1)} {DELETED_SKIPPED} in MLflow left out")
    if skipped:
        out[0].warnings.append(f"{skipped} metric rows without a number or a whole step skipped")
    return out


INT64_MAX = 2**63 - 1


def _db_step(x) -> int | None:
    """A step cell as a whole number: an integer as stored (2^63 - 1 read through a float came out
    negative), a REAL only when finite and whole, within what a step column holds (1e300, inf,
    nan and 700.5 had refused the whole store, or been cut to 700)."""
    if isinstance(x, int) and not isinstance(x, bool):
        return x if abs(x) <= INT64_MAX else None
    f = _db_number(x)
    if f is None or not math.isfinite(f) or f != math.floor(f) or abs(f) > INT64_MAX:
        return None
    return int(f)


def _db_number(x) -> float | None:
    """A cell of the store as a number: SQLite keeps whatever a writer put in a column."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return None
