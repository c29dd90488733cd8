"""PyTorch Lightning ``CSVLogger``: ``lightning_logs/version_N/metrics.csv`` (sparse rows)."""

from __future__ import annotations

import re
from pathlib import Path

from curvedoc.errors import CurvedocError
from curvedoc.readers._table import load_table
from curvedoc.readers.csv_generic import table_to_run
from curvedoc.run import Run

FORMAT = "lightning_csv"
METRICS_FILE = "metrics.csv"
_VERSION_DIR = re.compile(r"^version_(\d+)$")


def read(path: Path) -> list[Run]:
    """One run per ``metrics.csv``; a ``lightning_logs`` directory gives one run per version. A version
    that does not read (a run stopped before its first rows were written) is named in a warning on
    the first that does, as long as one does."""
    files = _metrics_files(Path(path))
    runs, failed = [], []
    for p in files:
        try:
            runs.append(_read_file(p))
        except CurvedocError as err:
            if len(files) == 1:
                raise
            failed.append((p, err))
    if not runs:
        raise failed[0][1]
    runs[0].warnings += [f"{run_name(p)} not read: {str(err).removeprefix(f'{err.path}: ')}" for p, err in failed]
    return runs


def _read_file(path: Path) -> Run:
    # Each log_metrics call is one row; rows sharing a step (lr monitor, train, val) are merged
    # column by column by build_run, and a literal nan stays a logged NaN.
    run = table_to_run(path, load_table(path), FORMAT, name=run_name(path), step_names=("step",))
    if run.step_axis != "step":
        run.warnings.append("no 'step' column: not the layout Lightning's CSVLogger writes")
    return run


def run_name(path: Path) -> str:
    """``lightning_logs/version_3`` for a logger's file, else the directory holding it."""
    parent = path.parent
    if _VERSION_DIR.match(parent.name) and parent.parent.name:
        return f"{parent.parent.name}/{parent.name}"
    return parent.name or path.stem


def _metrics_files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    if (path / METRICS_FILE).is_file():
        return [path / METRICS_FILE]
    versions = [p for p in path.glob(f"version_*/{METRICS_FILE}") if _VERSION_DIR.match(p.parent.name)]
    if not versions:
        raise CurvedocError(f"no {METRICS_FILE} here or in version_*/", path)
    return sorted(versions, key=lambda p: int(_VERSION_DIR.match(p.parent.name).group(1)))
