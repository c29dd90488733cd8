"""TensorBoard event files: one file, or a log directory walked as TensorBoard walks it.

Every directory holding ``*tfevents*`` files is a run, named by its path
relative to the given log directory ("." for the directory itself). The files
of a run are read in order (the timestamp in their name, then their first
wall time) through TensorBoard's own record loader, and every scalar point is
kept: ``simple_value`` scalars and TF2 tensor scalars (plugin ``scalars``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import LFS_POINTER, check_readable_file
from curvedoc.run import Resume, Run, build_run

FORMAT = "tb_events"

# TFRecord framing around each serialized Event: uint64 length + uint32 CRC
# before the data, uint32 CRC after it.
RECORD_OVERHEAD = 16
NAME_TIMESTAMP = re.compile(r"tfevents\.(\d+)")
# Above this many resumes the warnings are summed up in one line.
MAX_RESUMES_LISTED = 3

# TensorFlow DataType enum values (types.proto) of the float tensors a scalar may use.
_FLOAT_DTYPES = {1: "<f4", 2: "<f8", 19: "<f2"}


def read(path: Path) -> list[Run]:
    """Read an event file or a log directory: one Run per run directory, a column per tag."""
    loader, parse, masked_crc32c = _tensorboard()
    path = Path(path)
    if path.is_dir():
        runs = _run_directories(path)
        if not runs:
            raise CurvedocError("no TensorBoard event files (*tfevents*) under this directory", path)
    else:
        check_readable_file(path)
        runs = {path.parent.name or ".": (path, [path])}
    out: list[Run] = []
    notes: list[str] = []
    for name, (source, files) in runs.items():
        run, run_notes = _read_run(name, source, files, path, loader, parse, masked_crc32c)
        notes.extend(run_notes)
        if run is not None:
            out.append(run)
    if not out:
        raise CurvedocError("no scalar series in the event files" + (f" ({'; '.join(notes)})" if notes else ""),
                            path)
    out[0].warnings.extend(f"skipped, no scalars: {note}" for note in notes)
    return out


def _tensorboard():
    try:
        from tensorboard.backend.event_processing.event_file_loader import RawEventFileLoader
        from tensorboard.compat.proto import event_pb2
        from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
    except ImportError:
        raise CurvedocError("reading TensorBoard event files needs the tensorboard package: "
                            "pip install 'curvedoc[tensorboard]'") from None
    return RawEventFileLoader, event_pb2.Event.FromString, masked_crc32c


def _is_event_file(name: str) -> bool:
    return "tfevents" in name and not name.endswith(".profile-empty")


def _run_directories(logdir: Path) -> dict[str, tuple[Path, list[Path]]]:
    """Run name -> (run directory, its event files), walking like TensorBoard's logdir loader."""
    runs: dict[str, tuple[Path, list[Path]]] = {}
    for dirpath, dirnames, filenames in os.walk(logdir, onerror=_raise_walk_error):
        dirnames.sort()
        files = [Path(dirpath) / f for f in sorted(filenames) if _is_event_file(f)]
        files = [f for f in files if f.is_file()]
        if files:
            rel = os.path.relpath(dirpath, logdir)
            runs[Path(rel).as_posix()] = (Path(dirpath), files)
    return runs


def _raise_walk_error(err: OSError) -> None:
    raise CurvedocError(f"cannot walk directory: {err.strerror or err}", err.filename)


def _read_run(name, source, files, logdir, loader, parse, masked_crc32c):
    """One run directory into a Run (None when it holds no scalars) and notes for an error message."""
    plugins: dict[str, str] = {}  # tag -> plugin; TF2 writers put metadata on a tag's first value only
    scanned = []
    warnings: list[str] = []
    other_tags: set[str] = set()
    for f in files:
        label = _label(f, logdir)
        try:
            with open(f, "rb") as fh:
                head = fh.read(len(LFS_POINTER))
        except OSError as err:
            raise CurvedocError(f"cannot read: {err.strerror or err}", f) from None
        if head.startswith(LFS_POINTER):
            raise CurvedocError("this is a Git-LFS pointer, not the event file; run `git lfs pull` first", f)
        if not head:
            warnings.append(f"{label}: empty event file skipped")
            continue
        scan = _scan_file(f, loader, parse, plugins)
        warnings.extend(f"{label}: {w}" for w in _check_end(f, scan.consumed, scan.records, masked_crc32c))
        warnings.extend(f"{label}: {w}" for w in scan.warnings)
        other_tags |= scan.other_tags
        scanned.append((_name_timestamp(f), scan.first_wall, f.name, scan.series))
    scanned.sort(key=lambda item: item[:3])

    series: dict[str, tuple[list, list, list]] = {}
    for *_, file_series in scanned:
        for tag, (steps, values, walls) in file_series.items():
            acc = series.setdefault(tag, ([], [], []))
            acc[0].append(np.asarray(steps, dtype=np.int64))
            acc[1].append(np.asarray(values, dtype=np.float64))
            acc[2].append(np.asarray(walls, dtype=np.float64))
    other_tags -= set(series)
    if not series:
        seen = f"other data: {', '.join(sorted(other_tags)[:5])}" if other_tags else "no summary values"
        return None, [f"run {name!r}: {seen}"] + warnings
    arrays = {tag: (np.concatenate(s), np.concatenate(v), np.concatenate(w)) for tag, (s, v, w) in series.items()}
    return series_to_run(name, str(source), FORMAT, arrays, warnings), []


def _label(f: Path, logdir: Path) -> str:
    if f == logdir:
        return f.name
    try:
        return f.relative_to(logdir).as_posix()
    except ValueError:
        return f.name


def _name_timestamp(f: Path) -> int:
    m = NAME_TIMESTAMP.search(f.name)
    return int(m.group(1)) if m else 0


@dataclass
class _FileScan:
    """What one event file held: scalar points per tag as ``(steps, values, wall_times)`` lists."""

    series: dict[str, tuple[list, list, list]] = field(default_factory=dict)
    other_tags: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    consumed: int = 0  # bytes of whole records the loader returned
    records: int = 0
    first_wall: float = float("inf")


def _scan_file(f: Path, loader, parse, plugins: dict[str, str]) -> _FileScan:
    """Every scalar point of one event file, per tag, in file order.

    The hot loop: one ``Event.FromString`` per record (C protobuf), then only
    list appends for scalar values; anything else is a set insertion.
    """
    from google.protobuf.message import DecodeError

    series: dict[str, tuple[list, list, list]] = {}
    other_tags: set[str] = set()
    consumed = 0
    records = 0
    first_wall = float("inf")
    undecodable = 0
    try:
        for record in loader(str(f)).Load():
            consumed += len(record) + RECORD_OVERHEAD
            records += 1
            try:
                event = parse(record)
            except DecodeError:
                undecodable += 1
                continue
            if records == 1:
                first_wall = event.wall_time
            if not event.HasField("summary"):
                continue
            step = event.step
            wall = event.wall_time
            for value in event.summary.value:
                kind = value.WhichOneof("value")
                tag = value.tag
                if kind == "simple_value":
                    number = value.simple_value
                elif kind == "tensor":
                    if value.HasField("metadata") and value.metadata.plugin_data.plugin_name:
                        plugins[tag] = value.metadata.plugin_data.plugin_name
                    number = _tensor_scalar(value.tensor) if plugins.get(tag) == "scalars" else None
                    if number is None:
                        other_tags.add(tag)
                        continue
                else:
                    other_tags.add(tag)
                    continue
                acc = series.get(tag)
                if acc is None:
                    acc = series[tag] = ([], [], [])
                acc[0].append(step)
                acc[1].append(number)
                acc[2].append(wall)
    except OSError as err:
        raise CurvedocError(f"cannot read: {err.strerror or err}", f) from None
    warnings = [f"{undecodable} records are not TensorBoard events and were skipped"] if undecodable else []
    return _FileScan(series, other_tags, warnings, consumed, records, first_wall)


def _tensor_scalar(tensor) -> float | None:
    """The value of a 0-d (or one-element) float TensorProto, None for anything else."""
    dtype = _FLOAT_DTYPES.get(tensor.dtype)
    if dtype is None:
        return None
    dims = tensor.tensor_shape.dim
    if dims and int(np.prod([d.size for d in dims])) != 1:
        return None
    if tensor.tensor_content:
        content = tensor.tensor_content
        if len(content) != np.dtype(dtype).itemsize:
            return None
        return float(np.frombuffer(content, dtype=dtype)[0])
    if tensor.dtype == 1 and tensor.float_val:
        return tensor.float_val[0]
    if tensor.dtype == 2 and tensor.double_val:
        return tensor.double_val[0]
    if tensor.dtype == 19 and tensor.half_val:
        # half_val holds the IEEE half bit pattern in an int32.
        return float(np.array([tensor.half_val[0]], dtype=np.uint16).view(np.float16)[0])
    return None


def _check_end(f: Path, consumed: int, records: int, masked_crc32c) -> list[str]:
    """Why the loader stopped before the end of the file, if it did.

    TensorBoard's loader stops silently at a cut-short record and at a CRC
    mismatch alike (it cannot step over a bad record); the record where it
    stopped tells which it was.
    """
    rest = f.stat().st_size - consumed
    if rest <= 0:
        return []
    with open(f, "rb") as fh:
        fh.seek(consumed)
        head = fh.read(12)
    header_ok = len(head) == 12 and int.from_bytes(head[8:], "little") == masked_crc32c(head[:8])
    if len(head) < 12 or (header_ok and rest < int.from_bytes(head[:8], "little") + RECORD_OVERHEAD):
        return ["the last record is cut short (file still being written, or the writer was killed); "
                f"read the {records} whole records before it"]
    return [f"record at byte {consumed} fails its CRC check (corrupt file); "
            f"read the {records} records before it, {rest} bytes after it not read"]


# --- several series, each on its own step axis, into one Run -------------------------------

def series_to_run(name: str, source: str, format: str,
                  series: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray | None]],
                  warnings: list[str] | None = None) -> Run:
    """Series logged one by one (TensorBoard tags, MLflow metric files) into one Run.

    ``series`` maps a name to ``(step, value, wall_time or None)`` in log order;
    a NaN value is a logged NaN. Each series gets ``build_run``'s keep-later rule
    on its own, as TensorBoard purges by tag: an eval series logged per epoch
    must not purge a training series logged per step. The series are then
    joined on the union of their steps, with a ``wall_time`` column (seconds)
    holding the latest wall time logged at each step.
    """
    warnings = list(warnings or [])
    resolved: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray | None]] = {}
    resumes: list[list[Resume]] = []
    duplicates: dict[str, int] = {}
    for key, (step, value, wall) in series.items():
        step = np.asarray(step, dtype=np.int64)
        keep, series_resumes, n_dup = _keep_later(step)
        if keep is not None:
            step, value = step[keep], value[keep]
            wall = None if wall is None else wall[keep]
        resolved[key] = (step, value, wall)
        resumes.append(series_resumes)
        if n_dup:
            duplicates[key] = n_dup
    merged = _merge_resumes(resumes)
    warnings.extend(resume_warnings(merged))
    if duplicates:
        total = sum(duplicates.values())
        names = ", ".join(list(duplicates)[:3]) + (", ..." if len(duplicates) > 3 else "")
        warnings.append(f"{total} points logged again at a step already logged: last value kept ({names})")

    union = np.unique(np.concatenate([s for s, _, _ in resolved.values()]))
    columns: dict[str, np.ndarray] = {}
    nan_flags: dict[str, np.ndarray] = {}
    wall_time = np.full(len(union), np.nan)
    has_wall = False
    for key, (step, value, wall) in resolved.items():
        pos = np.searchsorted(union, step)
        col = np.full(len(union), np.nan)
        col[pos] = value
        flags = np.zeros(len(union), dtype=bool)
        flags[pos] = np.isnan(value)
        columns[key], nan_flags[key] = col, flags
        if wall is not None:
            has_wall = True
            wall_time[pos] = np.fmax(wall_time[pos], wall)
    if has_wall and "wall_time" not in columns:
        columns["wall_time"] = wall_time
        nan_flags["wall_time"] = np.zeros(len(union), dtype=bool)
    run = build_run(name, source, format, pd.DataFrame(columns), union,
                    logged_nan=pd.DataFrame(nan_flags), warnings=warnings)
    run.resumes = merged
    return run


def _keep_later(step: np.ndarray) -> tuple[np.ndarray | None, list[Resume], int]:
    """Rows to keep under the keep-later rule, the resumes, and how many repeated steps were merged.

    Same rule as ``build_run``: a row is superseded when a later row has a
    smaller step; of rows at one step the last wins. ``Resume.replaced``
    counts each point a resume replaced once, at the first resume that
    reached back over it; the points left over were logged twice in a row.
    """
    if len(step) < 2:
        return None, [], 0
    diff = np.diff(step)
    if np.all(diff > 0):
        return None, [], 0
    later_min = np.minimum.accumulate(step[::-1])[::-1]
    later_min = np.append(later_min[1:], np.iinfo(np.int64).max)
    keep = np.flatnonzero(step <= later_min)
    kept_steps = step[keep]
    keep = keep[np.r_[kept_steps[1:] != kept_steps[:-1], True]]
    dropped = np.ones(len(step), dtype=bool)
    dropped[keep] = False
    resumes = []
    counted = np.zeros(len(step), dtype=bool)
    for j in np.flatnonzero(diff < 0) + 1:
        hit = dropped[:j] & ~counted[:j] & (step[:j] >= step[j])
        counted[:j] |= hit
        resumes.append(Resume(step=int(step[j]), replaced=int(hit.sum())))
    return keep, resumes, int((dropped & ~counted).sum())


def _merge_resumes(per_series: list[list[Resume]]) -> list[Resume]:
    """One list of resumes for the run: the k-th return to a step is one resume across series."""
    totals: dict[tuple[int, int], int] = {}
    for resumes in per_series:
        seen: dict[int, int] = {}
        for r in resumes:
            k = seen.get(r.step, 0)
            seen[r.step] = k + 1
            totals[(r.step, k)] = totals.get((r.step, k), 0) + r.replaced
    return [Resume(step=s, replaced=n) for (s, _), n in totals.items()]


def resume_warnings(resumes: list[Resume]) -> list[str]:
    """The warnings for resumes: one per resume, or one line when there are many."""
    if len(resumes) <= MAX_RESUMES_LISTED:
        return [f"steps go back to {r.step}: later values kept, {r.replaced} points replaced" for r in resumes]
    steps = sorted({r.step for r in resumes})
    where = ", ".join(str(s) for s in steps[:5]) + (", ..." if len(steps) > 5 else "")
    replaced = sum(r.replaced for r in resumes)
    return [f"steps go back {len(resumes)} times (to {where}): later values kept, {replaced} points replaced "
            "(several runs or exports appended into one log?)"]
