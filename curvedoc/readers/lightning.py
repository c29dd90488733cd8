"""PyTorch Lightning ``CSVLogger``: ``lightning_logs/version_N/metrics.csv`` (sparse rows)."""

from __future__ import annotations

import re
from pathlib import Path

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import is_file_or_special
from curvedoc.readers._table import load_table
from curvedoc.readers.csv_generic import table_to_run
from curvedoc.run import Run, not_read

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
    runs[0].warnings += [not_read(run_name(p), err.reason) for p, err in failed]
    if Path(path).is_dir() and len(files) > 1:
        runs[0].warnings += [f"{p.name}: no {METRICS_FILE} (a run stopped before its first rows were written)"
                             for p in sorted(Path(path).iterdir(), key=lambda p: p.name)
                             if _VERSION_DIR.match(p.name) and p.is_dir() and not (p / METRICS_FILE).exists()]
    for prev, run in zip(runs, runs[1:]):
        _say_if_resumed(prev, run)
    return runs


def _say_if_resumed(prev: Run, run: Run) -> None:
    """Say so when a version starts part way into the previous one's steps: a run resumed from one
    of its checkpoints (Lightning opens a new version_N), read apart as the logger wrote it."""
    if not len(prev.frame.index) or not len(run.frame.index) or run.step_axis != "step":
        return
    first, (p0, p1) = int(run.frame.index[0]), (int(prev.frame.index[0]), int(prev.frame.index[-1]))
    if p0 < first <= p1:
        run.warnings.append(f"starts at step {first}, inside {prev.name}'s steps {p0}-{p1}: resumed from one of its "
                            "checkpoints? read as a run of its own")


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
    if (_VERSION_DIR.match(parent.name) or parent.parent.name == "lightning_logs") and parent.parent.name:
        return f"{parent.parent.name}/{parent.name}"
    return parent.name or path.stem


def _metrics_files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    if is_file_or_special(path / METRICS_FILE):  # a pipe there is named by the read, not passed over
        return [path / METRICS_FILE]
    versions = version_files(path)
    if not versions:
        raise CurvedocError(f"no {METRICS_FILE} here or in a version's folder below", path)
    return versions


def version_files(path: Path) -> list[Path]:
    """The versions' metrics.csv below a logger folder: ``version_N/`` in order of N, then the folders
    ``CSVLogger(version="seed42")`` names itself, by name. A named one is told by the hparams.yaml
    the logger writes beside it, or by its place: in ``lightning_logs/`` or beside numbered ones."""
    numbered, named = [], []
    for p in path.glob(f"*/{METRICS_FILE}"):
        (numbered if _VERSION_DIR.match(p.parent.name) else named).append(p)
    if not (numbered or path.name == "lightning_logs"):
        named = [p for p in named if (p.parent / "hparams.yaml").is_file()]
    return (sorted(numbered, key=lambda p: int(_VERSION_DIR.match(p.parent.name).group(1)))
            + sorted(named, key=lambda p: p.parent.name))
