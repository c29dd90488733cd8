"""TensorBoard scalar downloads: the dashboard's CSV and JSON, one run and one tag per file.

TensorBoard names a download ``run-<run>-tag-<tag>.csv`` (``/`` in either
replaced by ``_``); the run and the tag are taken from that name, and the
series is named by the tag. Wall time, when the file has it, is kept as a
``wall_time`` column.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import read_text
from curvedoc.readers._table import load_table, numeric_columns, table_warnings
from curvedoc.run import Run, check_step_range, series_to_run

DOWNLOAD_NAME = re.compile(r"^run-(?P<run>.*?)-tag-(?P<tag>.+)\.(csv|json)(\.gz)?$", re.IGNORECASE)
# The dashboard's data ingester keeps a reservoir sample of 1000 points per
# scalar tag (DEFAULT_SIZE_GUIDANCE in tensorboard's data_ingester.py): a
# download with exactly that many rows is most likely a sample of a longer run.
DASHBOARD_SAMPLE_SIZE = 1000


def read_tb_csv(path: Path) -> list[Run]:
    """A CSV download: header ``Wall time,Step,Value`` (or a hand-edited ``Step,Value``)."""
    path = Path(path)
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
    return [_to_run(path, step, value, wall, "tb_csv", warnings)]


def read_tb_json(path: Path) -> list[Run]:
    """A JSON download: ``[[wall_time, step, value], ...]``, bare NaN/Infinity allowed."""
    path = Path(path)
    try:
        rows = json.loads(read_text(path))
    except ValueError as err:
        raise CurvedocError(f"not valid JSON: {err}", path) from None
    if not isinstance(rows, list) or not rows:
        raise CurvedocError("expected a JSON array of [wall_time, step, value] triples", path)
    try:
        table = np.array(rows, dtype=np.float64)
    except (TypeError, ValueError):
        table = None
    if table is None or table.ndim != 2 or table.shape[1] != 3:
        raise CurvedocError("expected a JSON array of [wall_time, step, value] triples", path)
    return [_to_run(path, table[:, 1], table[:, 2], table[:, 0], "tb_json")]


def _to_run(path: Path, step: np.ndarray, value: np.ndarray, wall: np.ndarray | None, format: str,
            warnings: list[str] | None = None) -> Run:
    run_name, tag = run_and_tag(path)
    if len(step) == 0:
        raise CurvedocError("no data rows", path)
    if not np.all(np.isfinite(step)) or not np.allclose(step, np.round(step), rtol=0, atol=1e-6):
        raise CurvedocError("the Step column has empty, non-numeric or fractional cells", path)
    check_step_range(step, path)
    step = np.round(step).astype(np.int64)
    warnings = list(warnings or [])
    if wall is None:
        warnings.append("no wall time column (hand-edited download?)")
    if len(step) == DASHBOARD_SAMPLE_SIZE and len(np.unique(np.diff(step))) > 1:
        warnings.append(f"exactly {DASHBOARD_SAMPLE_SIZE} points with irregular step gaps: TensorBoard's dashboard "
                        "downloads a sample of at most that many, so spikes may be missing; "
                        "read the event files for every point")
    return series_to_run(run_name, str(path), format, {tag: (step, value, wall)}, warnings)


def run_and_tag(path: Path) -> tuple[str, str]:
    """Run and tag from TensorBoard's download name ``run-<run>-tag-<tag>.csv``; else the file's stem twice."""
    m = DOWNLOAD_NAME.match(path.name)
    if m:
        return m.group("run"), m.group("tag")
    stem = path.name.split(".")[0] or path.name
    return stem, stem

