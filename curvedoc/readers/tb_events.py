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

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import LFS_POINTER, check_readable_file
from curvedoc.run import Run, series_to_run

FORMAT = "tb_events"

# TFRecord framing around each serialized Event: uint64 length + uint32 CRC
# before the data, uint32 CRC after it.
RECORD_OVERHEAD = 16
NAME_TIMESTAMP = re.compile(r"tfevents\.(\d+)")

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
    masked_crc32c = _use_fast_crc32c() or masked_crc32c
    return RawEventFileLoader, event_pb2.Event.FromString, masked_crc32c


def _use_fast_crc32c():
    """Give TensorBoard's record reader a C CRC-32C when google-crc32c is installed.

    Without TensorFlow, tensorboard checks every record's CRC in a pure-Python
    byte loop (about three quarters of the reading time). Its reader looks the
    function up in its module at each record, so swapping in the same checksum
    computed in C keeps every check and every record as TensorBoard reads them.
    """
    try:
        import google_crc32c
        from tensorboard.compat.tensorflow_stub import pywrap_tensorflow
    except ImportError:
        return None
    if getattr(pywrap_tensorflow.masked_crc32c, "_curvedoc_fast", False):
        return pywrap_tensorflow.masked_crc32c

    def masked_crc32c(data: bytes) -> int:
        x = google_crc32c.value(bytes(data))
        return (((x >> 15) | (x << 17)) + 0xA282EAD8) & 0xFFFFFFFF

    masked_crc32c._curvedoc_fast = True
    pywrap_tensorflow.masked_crc32c = masked_crc32c
    return masked_crc32c


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
    if list(runs) == ["."]:
        # One run at the root: TensorBoard calls it ".", a person calls it by its folder.
        runs = {logdir.resolve().name or ".": runs["."]}
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
