"""TensorBoard scalar downloads: the dashboard's CSV and JSON, one run and one tag per file.

TensorBoard names a download ``run-<run>-tag-<tag>.csv`` (``/`` in either
replaced by ``_``); the run and the tag are taken from that name, and the
series is named by the tag. Wall time, when the file has it, is kept as a
``wall_time`` column.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import load_json, log_stem
from curvedoc.readers._splits import keras_groups
from curvedoc.readers._table import load_table, numeric_columns, table_warnings
from curvedoc.run import Run, check_step_range, series_to_run

DOWNLOAD_NAME = re.compile(r"^run-(?P<run>.*?)-tag-(?P<tag>.+)\.(csv|json)(\.gz)?$", re.IGNORECASE)
# The dashboard's data ingester keeps a reservoir sample of 1000 points per
# scalar tag (DEFAULT_SIZE_GUIDANCE in tensorboard's data_ingester.py): a
# download with exactly that many rows is most likely a sample of a longer run.
DASHBOARD_SAMPLE_SIZE = 1000


def read_tb_csv(path: Path) -> list[Run]:
    """A CSV download: header ``Wall time,Step,Value`` (or a hand-edited ``Step,Value``); or a folder of downloads."""
    path = Path(path)
    return read_folder(path) if path.is_dir() else [_to_run(path, *_csv_series(path), "tb_csv")]


def read_tb_json(path: Path) -> list[Run]:
    """A JSON download: ``[[wall_time, step, value], ...]``, bare NaN/Infinity allowed; or a folder of downloads."""
    path = Path(path)
    return read_folder(path) if path.is_dir() else [_to_run(path, *_json_series(path), "tb_json")]


def download_files(folder: Path) -> list[Path]:
    """The files of a folder named as TensorBoard names its downloads."""
    try:
        return sorted(p for p in folder.iterdir() if DOWNLOAD_NAME.match(p.name) and p.is_file())
    except OSError as err:
        raise CurvedocError(f"cannot list directory: {err.strerror or err}", folder) from None


def read_folder(folder: Path) -> list[Run]:
    """A folder of downloads, as the dashboard saves one file per run and tag: a run per run name,
    a series per tag (so that a run's training and validation curves are read together)."""
    runs: dict[str, tuple[dict, list[str]]] = {}
    files = download_files(folder)
    json_files = {p for p in files if p.name.lower().removesuffix(".gz").endswith(".json")}
    for path in files:
        step, value, wall, warnings = (_json_series if path in json_files else _csv_series)(path)
        run_name, tag = run_and_tag(path)
        series, notes = runs.setdefault(run_name, ({}, []))
        series[tag] = _checked(path, step, value, wall)
        notes += [f"{path.name}: {w}" for w in warnings + _sample_notes(step, wall)]
    if not runs:
        raise CurvedocError("no TensorBoard download (run-<run>-tag-<tag>.csv) here", folder)
    # Downloads from a logdir with one run are named ``run-.-tag-…``: the folder names that run.
    format = "tb_json" if len(json_files) == len(files) else "tb_csv"
    out = []
    # The dashboard joins a run's path with "_": Keras's pair is <run>_train and <run>_validation.
    for group, members in keras_groups(runs, "_").items():
        series = {prefix + tag: points for prefix, member in members for tag, points in runs[member][0].items()}
        notes = [note for _, member in members for note in runs[member][1]]
        name = folder.resolve().name if group in ("", ".") else group
        out.append(series_to_run(name, str(folder), format, series, notes))
    return out


def _csv_series(path: Path):
    raw = load_table(path)
    lowered = {c.lower(): c for c in raw.columns}
    if "step" not in lowered or "value" not in lowered:
        raise CurvedocError(f"expected TensorBoard's header 'Wall time,Step,Value', found {','.join(raw.columns)}",
                            path)
    warnings = table_warnings(raw)  # a cut last line, malformed rows, a repeated name
    values, nans, dropped = numeric_columns(raw, warnings)
    for column in ("step", "value"):
        if lowered[column] in dropped:
            raise CurvedocError(f"the {lowered[column]!r} column is not numeric", path)
    step_col, value_col = lowered["step"], lowered["value"]
    wall_col = lowered.get("wall time")
    # An empty Value cell was not logged; a literal nan was (divergence).
    logged = values[value_col].notna().to_numpy() | nans[value_col].to_numpy()
    values = values[logged]
    step = values[step_col].to_numpy()
    value = values[value_col].to_numpy()
    wall = values[wall_col].to_numpy() if wall_col in values.columns else None
    if not logged.all():
        warnings.append(f"{int((~logged).sum())} rows without a value skipped")
    return step, value, wall, warnings


def _json_series(path: Path):
    rows = load_json(path)
    if not isinstance(rows, list) or not rows:
        raise CurvedocError("expected a JSON array of [wall_time, step, value] triples", path)
    try:
        table = np.array(rows, dtype=np.float64)
    except (TypeError, ValueError):
        table = None
    if table is None or table.ndim != 2 or table.shape[1] != 3:
        raise CurvedocError("expected a JSON array of [wall_time, step, value] triples", path)
    return table[:, 1], table[:, 2], table[:, 0], []


def _to_run(path: Path, step: np.ndarray, value: np.ndarray, wall: np.ndarray | None, warnings: list[str],
            format: str) -> Run:
    run_name, tag = run_and_tag(path)
    series = {tag: _checked(path, step, value, wall)}
    return series_to_run(run_name, str(path), format, series, warnings + _sample_notes(step, wall))


def _checked(path: Path, step: np.ndarray, value: np.ndarray, wall: np.ndarray | None):
    """(step as int64, value, wall) of one download, or one clear error."""
    if len(step) == 0:
        raise CurvedocError("no data rows", path)
    if not np.all(np.isfinite(step)) or not np.allclose(step, np.round(step), rtol=0, atol=1e-6):
        raise CurvedocError("the Step column has empty, non-numeric or fractional cells", path)
    check_step_range(step, path)
    return np.round(step).astype(np.int64), value, wall


def _sample_notes(step: np.ndarray, wall: np.ndarray | None) -> list[str]:
    notes = [] if wall is not None else ["no wall time column (hand-edited download?)"]
    if len(step) == DASHBOARD_SAMPLE_SIZE and len(np.unique(np.diff(step))) > 1:
        notes.append(f"exactly {DASHBOARD_SAMPLE_SIZE} points with irregular step gaps: TensorBoard's dashboard "
                     "downloads a sample of at most that many, so spikes may be missing; "
                     "read the event files for every point")
    return notes


def run_and_tag(path: Path) -> tuple[str, str]:
    """Run and tag from TensorBoard's download name ``run-<run>-tag-<tag>.csv``; else the file's stem twice."""
    m = DOWNLOAD_NAME.match(path.name)
    if m:
        return m.group("run"), m.group("tag")
    stem = log_stem(path.name) or path.name
    return stem, stem

