"""TensorBoard event files: one file, or a log directory walked as TensorBoard walks it.

Every directory holding ``*tfevents*`` files is a run, named by its path
relative to the given log directory ("." for the directory itself). The files
of a run are read in order (the timestamp in their name, then their first
wall time) through TensorBoard's own record loader, and every scalar point is
kept: ``simple_value`` scalars and TF2 tensor scalars (plugin ``scalars``).
A record that fails its CRC check mid-file is stepped over with a warning
(TensorBoard's loader stops there) and reading goes on after it.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

import numpy as np

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import LFS_POINTER, check_readable_file, is_gzip, read_bytes, walk
from curvedoc.readers._splits import keras_groups
from curvedoc.run import CORRUPT, Run, epoch_points_at_steps, few, series_to_run

FORMAT = "tb_events"

# TFRecord framing around each serialized Event: uint64 length + uint32 CRC
# before the data, uint32 CRC after it.
RECORD_OVERHEAD = 16
NAME_TIMESTAMP = re.compile(r"tfevents\.(\d+)")

# Reading on from an offset other than 0 (past a corrupt record): TensorBoard's
# loader opens a file only at its start (its record reader refuses a start
# offset without TensorFlow), so the bytes from there are copied to a temporary
# file and read by a loader of their own, this many at a time (more when one
# record is longer): a file with many bad records is still copied about once.
RESUME_WINDOW = 8 << 20
# A corrupt header loses the record's length, so the next record is looked for
# byte by byte: this far ahead, beyond the largest records TensorBoard writers
# make in practice (images, graphs: a few MB), while a hopeless file is given
# up on in a fraction of a second.
RESYNC_SCAN_BYTES = 16 << 20
# ... in slices this long: the next record is usually a few dozen bytes away.
RESYNC_SLICE = 64 << 10
# A length field at or above 2**31 is not a record's (protobuf messages stop at
# 2 GiB): a cheap filter before the CRC check of each candidate header.
MAX_RECORD_LENGTH = 1 << 31

# TensorFlow DataType enum values (types.proto) of the float tensors a scalar may use.
_FLOAT_DTYPES = {1: "<f4", 2: "<f8", 19: "<f2"}
# ... and the integer ones TensorBoard draws as scalars too (a step counter, a count of tokens).
_INT_DTYPES = {3: "<i4", 9: "<i8", 4: "u1", 5: "<i2", 6: "i1", 17: "<u2", 22: "<u4", 23: "<u8"}


def read(path: Path) -> list[Run]:
    """Read an event file or a log directory: one Run per run directory, a column per tag."""
    import tempfile

    path = Path(path)
    tb = _tensorboard()
    cursors = {}
    runs = _event_files(path)
    inflated: dict[str, str] = {}  # the inflated copy of a .gz event file -> the file
    with tempfile.TemporaryDirectory(prefix="curvedoc-tb-") as tmp:
        for name, (source, files) in runs.items():
            plugins: dict[str, str] = {}  # tag -> plugin, per run: TF2 writers put metadata on a tag's first value only
            file_cursors = [EventFileCursor(_inflated(f, Path(tmp), inflated), tb, plugins) for f in files]
            for cursor in file_cursors:
                try:
                    cursor.read_new(final=True)
                except CurvedocError as err:
                    if sum(len(fs) for _, fs in runs.values()) == 1:
                        raise
                    # One unreadable file of several, as a corrupt one: its points are lost, the others stand.
                    cursor.warnings.append(f"{err.reason}; skipped")
            cursors[name] = (source, file_cursors)
        out = _collect_runs(path, cursors)
    for run in out:
        for copy, original in inflated.items():
            run.warnings = [w.replace(copy, original) for w in run.warnings]
    return out


def _inflated(file: Path, tmp: Path, inflated: dict[str, str]) -> Path:
    """An event file as it can be read: a gzipped one (compressed for keeping, given alone or beside
    the others) inflated into ``tmp``, recorded in ``inflated``."""
    try:
        if not is_gzip(file):
            return file
    except OSError:
        return file  # its read says why (and skips it when it has siblings)
    copy = tmp / str(len(inflated)) / file.name.removesuffix(".gz")
    copy.parent.mkdir()
    copy.write_bytes(read_bytes(file))
    inflated[str(copy)] = str(file)
    return copy


def _event_files(path: Path) -> dict[str, tuple[Path, list[Path]]]:
    """Run name -> (source, event files): the run directories under ``path``, or the one file given."""
    if path.is_dir():
        runs = _run_directories(path)
        if not runs:
            raise CurvedocError("no TensorBoard event files (*tfevents*) under this directory", path)
        return runs
    check_readable_file(path)
    return {path.parent.name or ".": (path, [path])}


def _collect_runs(path: Path, cursors: dict[str, tuple[Path, list[EventFileCursor]]]) -> list[Run]:
    """The Runs the cursors have read so far; an error when none holds a scalar."""
    out: list[Run] = []
    notes: list[str] = []
    scalars = _add_scalars_folders(cursors)
    hparams = _add_hparams_folders(cursors)
    for group, members in keras_groups([c for c in cursors if c not in scalars and c not in hparams], "/").items():
        if members == [("", group)]:
            source, parts = cursors[group][0], [("", cursors[group][1])]
            name = group
        else:  # Keras's train/ and validation/ folders: one run, named by the folder holding them
            source = Path(cursors[members[-1][1]][0]).parent
            parts = [(prefix, cursors[member][1]) for prefix, member in members]
            name = group or path.resolve().name or "."
        for _, member in members:
            parts += [(series, cursors[child][1]) for child, (parent, series) in scalars.items() if parent == member]
        summaries = [child for child, parent in hparams.items() if any(parent == member for _, member in members)]
        if name == "." and (len(parts) > 1 or summaries):
            # The writer's folder with its add_scalars or add_hparams folders: the run's own name.
            name = path.resolve().name or "."
        run, run_notes = _assemble_run(name, source, parts, path)
        notes.extend(run_notes)
        if run is not None:
            run.warnings.extend(_hparams_note(child, cursors[child][1]) for child in summaries)
            out.append(run)
    if not out:
        raise CurvedocError("no scalar series in the event files" + (f" ({'; '.join(notes)})" if notes else ""),
                            path)
    out[0].warnings.extend(f"skipped, no scalars: {note}" for note in notes)
    return out


def _add_scalars_folders(cursors: dict[str, tuple[Path, list[EventFileCursor]]]) -> dict[str, tuple[str, str]]:
    """Sub-run -> (its run, series name) for the folders PyTorch's ``SummaryWriter.add_scalars(tag,
    {key: value})`` writes: one per key, named ``<tag with / as _>_<key>`` inside the writer's own
    run folder (which holds an event file from the writer's start), each holding the one tag
    ``tag``. They are series of that run (the LR it logs beside them is their schedule), named as
    TensorBoard names the folders."""
    out = {}
    for name, (_, files) in cursors.items():
        parent, _, leaf = name.rpartition("/")
        parent = parent or "."
        tags = {tag for c in files for tag in c.scan.series}
        if parent == name or parent not in cursors or len(tags) != 1:
            continue
        stem = next(iter(tags)).replace("/", "_") + "_"
        if leaf.startswith(stem) and len(leaf) > len(stem):
            out[name] = (parent, leaf)
    return out


# What ``SummaryWriter.add_hparams`` writes beside the metrics' final values: the hparams plugin's tags
# (``_hparams_/experiment``, ``session_start_info``, ``session_end_info``), any of which tells the folder.
HPARAMS_PREFIX = "_hparams_/"


def _add_hparams_folders(cursors: dict[str, tuple[Path, list[EventFileCursor]]]) -> dict[str, str]:
    """Sub-run -> its run for the folders PyTorch's ``SummaryWriter.add_hparams(hparams, metrics)``
    writes inside the writer's own run folder (named by the time, or ``run_name``): the
    hyperparameters and one value of each metric given, a row of TensorBoard's HParams table
    rather than a run of its own."""
    out = {}
    for name, (_, files) in cursors.items():
        parent = name.rpartition("/")[0] or "."
        if parent == name or parent not in cursors:
            continue
        if any(tag.startswith(HPARAMS_PREFIX) for c in files for tag in c.scan.other_tags) and \
                all(len(steps) <= 1 for c in files for steps, *_ in c.scan.series.values()):
            out[name] = parent
    return out


def _hparams_note(name: str, files: list[EventFileCursor]) -> str:
    values = sorted((tag, v[-1]) for c in files for tag, (_, v, _) in c.scan.series.items() if len(v))
    shown = few([f"{tag} {value:.4g}" for tag, value in values])
    return f"{name}: add_hparams summary, one value per metric, not read as a run" + (f" ({shown})" if shown else "")


class EventLogFollower:
    """An event file or log directory followed as training writes it (``curvedoc watch``).

    Each file keeps an ``EventFileCursor`` between reads, so a read parses only
    the records appended since the last one. A new event file gets a cursor of
    its own; a file replaced (another inode) or cut shorter than what was read
    of it is read again from its start; a record still being written is waited
    for. ``notes`` collects the warnings about corrupt records as they come.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.cursors: dict[Path, EventFileCursor] = {}
        self.notes: list[str] = []
        self._plugins: dict[str, dict[str, str]] = {}  # per run, as in ``read``
        self._tb = None

    def read(self) -> list[Run]:
        """The runs as they stand now."""
        self._tb = self._tb or _tensorboard()
        cursors: dict[str, tuple[Path, list[EventFileCursor]]] = {}
        for name, (source, files) in _event_files(self.path).items():
            plugins = self._plugins.setdefault(name, {})
            cursors[name] = (source, [self._cursor(f, plugins) for f in files])
        self.cursors = {c.path: c for _, file_cursors in cursors.values() for c in file_cursors}
        for c in self.cursors.values():
            c.read_new(final=False)
            self.notes.extend(f"{_label(c.path, self.path)}: {w}" for w in c.new_warnings())
        return _collect_runs(self.path, cursors)

    def _cursor(self, f: Path, plugins: dict[str, str]) -> EventFileCursor:
        cursor = self.cursors.get(f)
        if cursor is None or cursor.replaced():
            return EventFileCursor(f, self._tb, plugins)
        return cursor


class _TensorBoard(NamedTuple):
    """The parts of the tensorboard package the reader uses."""

    loader: type  # RawEventFileLoader
    parse: Callable[[bytes], object]  # Event.FromString
    masked_crc32c: Callable[[bytes], int]
    op_error: type  # what TensorBoard's file layer raises (a file gone between listing and reading)


def _tensorboard() -> _TensorBoard:
    try:
        from tensorboard.backend.event_processing.event_file_loader import RawEventFileLoader
        from tensorboard.compat import tf
        from tensorboard.compat.proto import event_pb2
        from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
    except ImportError:
        raise CurvedocError("reading TensorBoard event files needs the tensorboard package: "
                            "pip install 'curvedoc[tensorboard]'") from None
    masked_crc32c = _use_fast_crc32c() or masked_crc32c
    return _TensorBoard(RawEventFileLoader, event_pb2.Event.FromString, masked_crc32c, tf.errors.OpError)


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
    for dirpath, _, filenames in walk(logdir, onerror=_raise_walk_error):
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


def _assemble_run(name, source, parts: list[tuple[str, list[EventFileCursor]]], logdir: Path):
    """One run directory (or Keras's train/ and validation/ pair, each part's tags under its
    prefix) into a Run (None when it holds no scalars) and notes for an error message."""
    scanned = []
    warnings: list[str] = []
    other_tags: set[str] = set()
    odd: set[str] = set()
    for prefix, cursors in parts:
        # A prefix ending in "/" names a Keras split's tags; any other names an add_scalars
        # folder's one series outright.
        for c in cursors:
            warnings.extend(f"{_label(c.path, logdir)}: {w}" for w in c.warnings)
            if c.scan.undecodable:
                warnings.append(f"{_label(c.path, logdir)}: {c.scan.undecodable} records are not TensorBoard "
                                "events and were skipped")
            other_tags |= {prefix + tag for tag in c.scan.other_tags | c.scan.odd_scalars}
            odd |= {prefix + tag for tag in c.scan.odd_scalars}
            scanned.append((prefix, _name_timestamp(c.path), c.scan.first_wall, c.path.name, c.scan.series))
    scanned.sort(key=lambda item: item[:4])

    series: dict[str, tuple[list, list, list]] = {}
    for prefix, *_, file_series in scanned:
        for tag, (steps, values, walls) in file_series.items():
            acc = series.setdefault(prefix + tag if not prefix or prefix.endswith("/") else prefix, ([], [], []))
            acc[0].append(np.asarray(steps, dtype=np.int64))
            acc[1].append(np.asarray(values, dtype=np.float64))
            acc[2].append(np.asarray(walls, dtype=np.float64))
    other_tags -= set(series)
    if odd:  # TensorBoard draws these as scalars only where they hold one number
        tags = sorted(odd)
        warnings.append(f"scalar summaries that are not one number skipped: {few(tags)}")
    if not series:
        seen = f"other data: {', '.join(sorted(other_tags)[:5])}" if other_tags else "no summary values"
        return None, [f"run {name!r}: {seen}"] + warnings
    arrays = {tag: (np.concatenate(s), np.concatenate(v), np.concatenate(w)) for tag, (s, v, w) in series.items()}
    arrays = {tag: _stepless(tag, *a, warnings) for tag, a in arrays.items()}
    arrays = _keras_epochs_on_iterations(arrays, warnings)
    run = series_to_run(name, str(source), FORMAT, arrays, warnings)
    index = run.frame.index
    if all(_base(tag).startswith("epoch_") for tag in arrays) and index[0] == 0 and index[-1] == len(index) - 1:
        run.step_axis = "epoch"  # Keras's callback at update_freq="epoch": the step is the epoch's index
    return run, []


def _stepless(tag: str, steps: np.ndarray, values: np.ndarray, walls: np.ndarray, warnings: list[str]):
    """A tag written without ``global_step`` (``add_scalar(tag, value)``): every event holds step 0,
    and read at one step all but the last point would be lost as written again. Its points are
    numbered in the order written (the files' order, which the wall times follow), said."""
    if len(steps) < 3 or np.any(steps != 0):
        return steps, values, walls
    warnings.append(f"tag {tag}: every point at step 0 (written without global_step): numbered 0-{len(steps) - 1} "
                    "in the order written")
    return np.arange(len(steps), dtype=np.int64), values, walls


def _base(tag: str) -> str:
    return tag.rsplit("/", 1)[-1]


def _keras_epochs_on_iterations(arrays: dict, warnings: list[str]) -> dict:
    """Keras's TensorBoard callback with ``update_freq`` in batches writes ``epoch_*`` summaries at
    the epoch's index and ``batch_*`` ones (and ``evaluation_*_vs_iterations``, the held-out values
    again) at the iteration: two axes in one file. Each epoch summary goes to the last iteration
    written before it (by wall time, as the callback writes them in turn), and the
    ``*_vs_iterations`` copies of an epoch tag are left out (also at ``update_freq="epoch"``, where
    they alone would count iterations)."""
    epoch_tags = [t for t in arrays if _base(t).startswith("epoch_")]
    batch_tags = [t for t in arrays if _base(t).startswith("batch_")]
    copies = {f"{t[: len(t) - len(_base(t))]}evaluation_{_base(t).removeprefix('epoch_')}_vs_iterations"
              for t in epoch_tags}
    if not batch_tags:
        return {t: a for t, a in arrays.items() if t not in copies}
    if not epoch_tags:
        return arrays
    steps = np.concatenate([arrays[t][0] for t in batch_tags])
    walls = np.concatenate([arrays[t][2] for t in batch_tags])
    order = np.argsort(walls, kind="stable")
    steps, walls = steps[order], walls[order]
    if np.any(np.diff(steps) < 0) or not np.isfinite(walls).all():
        return arrays  # iterations not in wall-time order (a resume): no safe mapping
    out = dict(arrays)
    for tag in epoch_tags:
        s, v, w = arrays[tag]
        out[tag] = (epoch_points_at_steps(steps, walls, w, _base(tag) in ("epoch_learning_rate", "epoch_lr"), 0), v, w)
    for tag in copies:
        out.pop(tag, None)
    warnings.append(f"Keras logged {len(epoch_tags)} series per epoch ({', '.join(sorted(epoch_tags)[:3])}"
                    f"{', ...' if len(epoch_tags) > 3 else ''}) beside per-batch ones: each epoch's value is put at "
                    "the last iteration logged before it")
    return out


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
    odd_scalars: set[str] = field(default_factory=set)  # "scalars" tensors that are not one number
    records: int = 0
    undecodable: int = 0
    first_wall: float = float("inf")


def _parse_records(records, parse, plugins: dict[str, str], scan: _FileScan) -> int:
    """Add every scalar point of ``records`` (serialized Events, in file order) to ``scan``.

    Returns the bytes those records took in the file, framing included. The
    hot loop: one ``Event.FromString`` per record (C protobuf), then only list
    appends for scalar values; anything else is a set insertion.
    """
    from google.protobuf.message import DecodeError

    series = scan.series
    other_tags = scan.other_tags
    consumed = 0
    count = scan.records
    for record in _until_unreadable(records):
        consumed += len(record) + RECORD_OVERHEAD
        count += 1
        try:
            event = parse(record)
        except DecodeError:
            scan.undecodable += 1
            continue
        if count == 1:
            scan.first_wall = event.wall_time
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
                scalar = plugins.get(tag) == "scalars"
                number = _tensor_scalar(value.tensor) if scalar else None
                if number is None:
                    (scan.odd_scalars if scalar else other_tags).add(tag)
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
    scan.records = count
    return consumed


def _until_unreadable(records):
    """The records TensorBoard's reader yields, up to one it cannot even allocate.

    Its reader allocates a record's declared length before reading it: a header
    whose length field was corrupted into terabytes (and whose CRC happens to
    check) raises MemoryError there, and one past the index range (2^64-1)
    OverflowError. The records before it are kept; the caller then deals with
    what stands at that offset (``_record_at``)."""
    it = iter(records)
    while True:
        try:
            record = next(it)
        except (StopIteration, MemoryError, OverflowError):
            return
        yield record


def _tensor_scalar(tensor) -> float | None:
    """The value of a 0-d (or one-element) float or integer TensorProto, None for anything else."""
    dtype = _FLOAT_DTYPES.get(tensor.dtype) or _INT_DTYPES.get(tensor.dtype)
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
    if tensor.dtype in (9, 23) and (tensor.int64_val or tensor.uint64_val):
        return float((tensor.int64_val or tensor.uint64_val)[0])
    if tensor.dtype in (3, 4, 5, 6, 17) and tensor.int_val:
        return float(tensor.int_val[0])
    if tensor.dtype == 22 and tensor.uint32_val:
        return float(tensor.uint32_val[0])
    if tensor.dtype == 19 and tensor.half_val:
        # half_val holds the IEEE half bit pattern in an int32.
        return float(np.array([tensor.half_val[0]], dtype=np.uint16).view(np.float16)[0])
    return None




class EventFileCursor:
    """One event file, read through TensorBoard's loader from where the last read stopped.

    ``offset`` is how far the file has been dealt with: whole records read, and
    corrupt stretches stepped over. A record failing its CRC check mid-file is
    skipped with a warning and reading goes on after it; a record cut short at
    the end is left for the writer to finish (and warned about by a final read).
    """

    def __init__(self, path: Path, tb: _TensorBoard, plugins: dict[str, str]):
        self.path = Path(path)
        self.tb = tb
        self.plugins = plugins  # tag -> plugin, shared by the files of a run
        self._start_over()

    def _start_over(self) -> None:
        self.scan = _FileScan()
        self.offset = 0
        self.warnings: list[str] = []
        self._reported = 0
        self._inode = None
        self._loader = None  # a loader on the file itself, live between reads (it waits out a torn record)
        self._stopped = False  # a corrupt stretch with no record after it: nothing more can be read
        self._skips = 0  # corrupt stretches stepped over
        self._skipped = 0  # their bytes
        self._skip_note = -1  # where in the warnings the count of the later ones stands

    def replaced(self) -> bool:
        """Whether the file on disk is now another one, or shorter than what was read of it."""
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        return (self._inode is not None and st.st_ino != self._inode) or st.st_size < self.offset

    def new_warnings(self) -> list[str]:
        """The warnings added since the last call."""
        new = self.warnings[self._reported:]
        self._reported = len(self.warnings)
        return new

    def read_new(self, final: bool) -> None:
        """Parse the records written since the last read into ``scan``.

        ``final``: the file is complete (a one-off read), so a record cut short
        at the end is warned about, and a corrupt stretch with no record in
        sight after it is given up on rather than waited past.
        """
        try:
            with open(self.path, "rb") as fh:
                self._read_new(fh, final)
        except (OSError, self.tb.op_error) as err:
            # Half-read state cannot be trusted: the next read starts the file over.
            self._start_over()
            raise CurvedocError(f"cannot read: {getattr(err, 'strerror', None) or err}", self.path) from None

    def _read_new(self, fh, final: bool) -> None:
        st = os.fstat(fh.fileno())
        self._inode = st.st_ino
        if self._stopped:
            return
        if self.offset == 0 and self.scan.records == 0:
            head = fh.read(len(LFS_POINTER))
            if head.startswith(LFS_POINTER):
                raise CurvedocError("this is a Git-LFS pointer, not the event file; run `git lfs pull` first",
                                    self.path)
            if not head:
                if final:
                    self.warnings.append("empty event file skipped")
                return
        size = st.st_size
        while True:
            before = self.offset
            self._load(fh, size)
            size = os.fstat(fh.fileno()).st_size
            if self.offset >= size or not self._past_stop(fh, size, final, self.offset > before):
                return

    def _load(self, fh, size: int) -> None:
        """Parse what a loader reads from ``offset`` on: the live one, or one over a copy of the next bytes."""
        tb = self.tb
        if self._loader is None and self.offset == 0:
            self._loader = tb.loader(str(self.path))
        if self._loader is not None:
            self.offset += _parse_records(self._loader.Load(), tb.parse, self.plugins, self.scan)
            return
        if self.offset >= size:
            return
        length = _record_at(fh, self.offset, size, tb.masked_crc32c)[1]
        end = min(size, self.offset + max(RESUME_WINDOW, length + RECORD_OVERHEAD))
        with _copy_of(fh, self.offset, end) as copy:
            self.offset += _parse_records(tb.loader(str(copy)).Load(), tb.parse, self.plugins, self.scan)

    def _past_stop(self, fh, size: int, final: bool, progressed: bool) -> bool:
        """Deal with what stopped the loader before the end of the file; whether to read on."""
        kind, length = _record_at(fh, self.offset, size, self.tb.masked_crc32c)
        if kind == "whole":
            # Written after the loader looked, or past the end of a copied window: read on. A live
            # loader that made no progress gives way to one over a copy, which covers the record.
            if progressed:
                return True
            if self._loader is not None:
                self._loader = None
                return True
            return False  # not even from a copy: TensorBoard's reader refuses what we take for a record
        if kind == "torn":
            if final:
                self.warnings.append("the last record is cut short (file still being written, or the writer "
                                     f"was killed); read the {self.scan.records} whole records before it")
            return False
        if kind == "bad_data":
            # The header passed its CRC check, so the length is right: step over exactly this record.
            nxt = self.offset + length + RECORD_OVERHEAD
            self._skip(nxt, f"record at byte {self.offset} {CORRUPT} (corrupt file): skipped that 1 event "
                            f"({nxt - self.offset} bytes), its points are lost; reading resumed at byte {nxt}")
        else:
            nxt, looked_all = _resync(fh, self.offset, size, self.tb.masked_crc32c)
            if nxt is None:
                if final or looked_all:
                    self._stopped = True
                    self.warnings.append(f"record at byte {self.offset} {CORRUPT} (corrupt file); "
                                         f"read the {self.scan.records} records before it, "
                                         f"{size - self.offset} bytes after it not read")
                return False  # else the next record may not be written yet
            self._skip(nxt, f"record at byte {self.offset} {CORRUPT} (corrupt header, its length unknown): "
                            f"skipped {nxt - self.offset} bytes to the next record, the points in them are lost; "
                            f"reading resumed at byte {nxt}")
        self.offset = nxt
        self._loader = None  # the live loader cannot step over the bad record: read on from a copy
        return True

    def _skip(self, nxt: int, warning: str) -> None:
        """Say a corrupt stretch stepped over: the first few each in full, the rest in one count
        (a file with every other record corrupt said so in 1,500 lines)."""
        self._skips += 1
        if self._skips <= SKIPS_SAID:
            self.warnings.append(warning)
            return
        self._skipped += nxt - self.offset
        later = self._skips - SKIPS_SAID
        note = (f"{later} more stretch{'es' * (later > 1)} skipped after those, each at a record that {CORRUPT}: "
                f"{self._skipped} bytes in all, the last at byte {self.offset}; their points are lost")
        if self._skip_note < 0:
            self._skip_note = len(self.warnings)
            self.warnings.append(note)
        else:
            self.warnings[self._skip_note] = note


# Corrupt stretches said one by one before the rest are counted in one warning.
SKIPS_SAID = 3


def _record_at(fh, offset: int, size: int, masked_crc32c) -> tuple[str, int]:
    """What stands at ``offset`` in a file of ``size`` bytes, and its length when its header tells it.

    "whole" (both CRC checks pass), "torn" (runs past the end of the file),
    "bad_data" (the header checks, the data does not) or "bad_header".
    """
    fh.seek(offset)
    head = fh.read(12)
    if len(head) < 12:
        return "torn", 0
    if int.from_bytes(head[8:], "little") != masked_crc32c(head[:8]):
        return "bad_header", 0
    length = int.from_bytes(head[:8], "little")
    if length >= MAX_RECORD_LENGTH:
        return "bad_header", 0  # no event is 2 GiB: the length field itself is corrupt
    if size - offset < length + RECORD_OVERHEAD:
        return "torn", length
    data = fh.read(length)
    crc = fh.read(4)
    return ("whole" if int.from_bytes(crc, "little") == masked_crc32c(data) else "bad_data"), length


def _resync(fh, bad: int, size: int, masked_crc32c) -> tuple[int | None, bool]:
    """The first offset after ``bad`` where a record starts, and whether the search looked its full range.

    A record starts where 12 bytes form a header that passes its CRC check and
    the data after it passes too, or runs past the end of the file (still
    being written). The search looks ``RESYNC_SCAN_BYTES`` ahead; when the
    file ends sooner and nothing is found, more data may yet bring a record.
    """
    last = min(size - 12, bad + RESYNC_SCAN_BYTES)  # the last offset a header may start at
    pos = bad + 1
    while pos <= last:
        fh.seek(pos)
        buf = fh.read(min(RESYNC_SLICE, last - pos + 1) + 11)
        for i in _header_candidates(buf):
            head = buf[i:i + 12]
            if int.from_bytes(head[8:], "little") != masked_crc32c(head[:8]):
                continue
            if _record_at(fh, pos + i, size, masked_crc32c)[0] in ("whole", "torn"):
                return pos + i, True
        pos += RESYNC_SLICE
    return None, bad + RESYNC_SCAN_BYTES <= size - 12


def _header_candidates(buf: bytes) -> list[int]:
    """Offsets in ``buf`` where a record header could start: a length under 2 GiB, not all zero bytes.

    Checking a header's CRC costs a call per offset; this keeps the calls to a
    few in protobuf bytes. An all-zero header (length 0, CRC 0) never checks,
    as the CRC of eight zero bytes is not 0; rejecting it keeps a zero-filled
    stretch (a crash on a preallocated file) cheap to scan.
    """
    a = np.frombuffer(buf, dtype=np.uint8)
    n = len(a) - 11
    if n <= 0:
        return []
    ok = a[3:3 + n] < (MAX_RECORD_LENGTH >> 24)  # little-endian: bytes 3..7 hold the length's high bits
    for k in range(4, 8):
        ok &= a[k:k + n] == 0
    nonzero = a[0:n] != 0
    for k in range(1, 12):
        nonzero |= a[k:k + n] != 0
    return np.flatnonzero(ok & nonzero).tolist()


@contextmanager
def _copy_of(fh, start: int, end: int) -> Iterator[Path]:
    """A temporary file holding bytes ``start`` to ``end`` of ``fh``, removed on leaving."""
    fd, name = tempfile.mkstemp(prefix="curvedoc-", suffix=".tfevents")
    try:
        with os.fdopen(fd, "wb") as out:
            fh.seek(start)
            left = end - start
            while left > 0:
                chunk = fh.read(min(left, 1 << 20))
                if not chunk:
                    break
                out.write(chunk)
                left -= len(chunk)
        yield Path(name)
    finally:
        os.unlink(name)
