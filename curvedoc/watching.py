"""Follow a log while training writes it: each event once enough came after it, and a stage-end alert.

The log is read again whenever its size or modification time changes (a CSV
appended to, event files growing, ``trainer_state.json`` rewritten). Appended
logs are read incrementally: a line format only the bytes added since, an
event file only the records added since; a line or record still being written
is left out until it is complete. An event is reported once
enough points have come after it that more data should not move or merge it,
and a read of the grown log finds it again, read the same way (or the log stops
growing, or the watch ends); one that a later read no longer finds (a flat
start is a plateau in a short log and the initial descent in a long one) is
withdrawn in a note. The
stage-end alert is AutoDecay's question asked of the current stage (You et al.
2019): has the curve stopped improving for longer than its own noise needs to
tell? If so the stage has plateaued and an LR decay would start the next one.
"""

from __future__ import annotations

import codecs
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import resolved

# An event is certain once this many points came after its end ...
CERTAIN_MIN_POINTS = 5
# ... and this many of the detector's blocks (it merges moves closer than three blocks).
CERTAIN_BLOCKS = 3
# Two reports of one metric within this many logging intervals are one event
# (its refined step may move a little as data arrives).
SAME_EVENT_INTERVALS = 2
# Stage-end alert. A stage is flat since step N when, from N on, no stretch of
# it stands above the current level by more than FLAT_Z noise units or the
# smallest gain worth having, whichever is larger ...
FLAT_Z = 2.0
# ... a 2% gain for a loss on a log scale (half the smallest move detection reports) ...
FLAT_MIN_LOG_GAIN = 0.02
# ... or this share of the curve's range for a metric on a linear scale.
FLAT_MIN_RANGE_SHARE = 0.01
# The flat stretch must cover the window in which such a gain would stand out of
# the stage's own noise, and never fewer than this many points ...
FLAT_MIN_POINTS = 20
# ... nor less than this share of the stage so far: a quiet moment in a long
# descent is not a plateau.
FLAT_MIN_STAGE_SHARE = 0.2
# The stage is averaged in at most this many blocks (the walk back and the trend fit stay cheap).
FLAT_MAX_BLOCKS = 64
# Formats written line by line: a last line without its newline is still being written.
LINE_FORMATS = {"csv", "tb_csv", "wandb_panel", "wandb_history", "lightning_csv", "keras_csv", "text"}


@dataclass
class WatchUpdate:
    """What ``watch`` reports: a certain event, a stage-end alert, a note about the file, or, last,
    that the log was never read in the whole watch ("unread": it never appeared or never parsed)."""

    kind: str  # "event", "alert", "note" or "unread"
    message: str
    run: str | None = None
    metric: str | None = None
    step: int | None = None
    evidence: list[str] = field(default_factory=list)
    event: object = None  # the Transition, for kind "event"


@dataclass
class FlatStretch:
    """The current stage's flat tail: since which step, over how many steps and points, at what level."""

    since: int
    last: int
    points: int
    window: int
    level: float
    threshold: float
    log: bool

    @property
    def steps(self) -> int:
        return self.last - self.since


def watch(path, interval: float = 5.0, metrics: list[str] | None = None, *, timeout: float | None = None,
          max_updates: int | None = None, format: str | None = None,
          sleep: Callable[[float], None] = time.sleep,
          clock: Callable[[], float] = time.monotonic) -> Iterator[WatchUpdate]:
    """Yield updates about a log as it grows, until ``timeout`` seconds or ``max_updates`` checks.

    A check looks at the log once, whether or not it changed: a log that stops
    growing (or never appears) still ends the watch after ``max_updates``.

    ``metrics``: names to follow (default: every analysed metric for events, the
    main one for the stage-end alert). With neither limit it runs until the
    caller stops iterating (or Ctrl-C).
    """
    path = Path(path)
    seen = _Seen()
    state = _ReadState(path)
    last_sig = None
    missing = False
    failed = None
    pending = None
    read_once = False
    read_as = None
    checks = 0
    start = clock()
    while True:
        checks += 1
        sig = _signature(path)
        if sig is None and os.path.lexists(path):
            # There, but nothing to read in it (an empty folder, a symlink loop): say why.
            try:
                _analyse(path, metrics, format, state)
                reason = f"{path}: nothing to read in it yet"
            except CurvedocError as err:
                if err.lasting and not read_once:
                    raise  # a device, /dev/null: nothing written to it becomes a log
                reason = str(err)
            if reason != failed:
                pending = (f"cannot read it yet: {reason}", clock())
            failed = reason
        elif sig is None:
            if not missing:
                yield WatchUpdate("note", f"{path} is not there (yet); waiting for it")
            missing = True
        else:
            if missing and last_sig is not None:
                yield WatchUpdate("note", f"{path} is back")
            missing = False
            if sig == last_sig:
                yield from seen.confirmed()  # no longer growing: the last read's events stand
            else:
                if last_sig is not None and sig[0] < last_sig[0] and not _rewritten_whole(path, format or read_as):
                    yield WatchUpdate("note", f"{path} shrank (rotated or rewritten); reading it afresh")
                last_sig = sig
                try:
                    analyses = _analyse(path, metrics, format, state)
                except CurvedocError as err:
                    if err.lasting and not read_once:
                        # Binary, an archive, an image from the start: no line written later makes it a log.
                        # Read once already, it is being rewritten (said, and watched on).
                        raise
                    yield from state.new_notes()
                    # Often a file caught mid-write, or an event file with no scalar yet:
                    # said once, and only if it is still so a poll later.
                    if str(err) != failed:
                        pending = (f"cannot read it yet: {err}", clock())
                    failed = str(err)
                else:
                    failed = pending = None
                    read_once = True
                    # The format read last: a Trainer's state emptied to be rewritten has none to sniff.
                    read_as = analyses[0].run.format if analyses else read_as
                    yield from state.new_notes()
                    yield from seen.new_updates(analyses, metrics)
        # The last check is at the timeout: the sleep before it is what is left, not a whole interval
        # (a 4 s watch had checked once and ended at 0.6 s, "never appeared", the log there at 2 s).
        left = None if timeout is None else timeout - (clock() - start)
        stopping = (left is not None and left <= 0) or (max_updates is not None and checks >= max_updates)
        if pending is not None and (stopping or clock() - pending[1] >= interval):
            yield WatchUpdate("note", pending[0])
            pending = None
        if stopping:
            yield from seen.confirmed(ending=True)
            if not read_once:
                yield WatchUpdate("unread", f"{failed}; still so when the watch ended" if failed else
                                  f"{path}: never appeared during the watch")
            return
        sleep(interval if left is None else max(0.0, min(interval, left)))


def _rewritten_whole(path: Path, format: str | None) -> bool:
    """Whether the log is a document its writer rewrites whole at each save (a Trainer's
    trainer_state.json): caught part way, it is shorter, which is no rotation to tell of."""
    from curvedoc.readers import sniff

    try:
        return (format or sniff(path)) == "hf_trainer"
    except CurvedocError:
        return False


def _signature(path: Path):
    """(total size, latest mtime, file count) of the log, or None when it is missing."""
    try:
        if path.is_dir():
            size, mtime, count = 0, 0, 0
            for root, _, files in os.walk(path):
                for f in files:
                    try:
                        st = os.stat(os.path.join(root, f))
                    except OSError:
                        continue
                    size, mtime, count = size + st.st_size, max(mtime, st.st_mtime_ns), count + 1
            return (size, mtime, count) if count else None
        st = path.stat()
        return st.st_size, st.st_mtime_ns, st.st_ino
    except PermissionError:
        # A folder on the way the watch may not enter: no waiting makes the log appear ("is not there
        # (yet)", then "never appeared", where analyze said permission denied).
        raise CurvedocError("permission denied (on the path or a folder above it)", path) from None
    except OSError:
        return None


class _Tail:
    """The bytes of a growing file read so far: a change reads only what was appended."""

    def __init__(self):
        self.inode = None
        self.data = b""

    def read(self, path: Path) -> bytes:
        try:
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                if st.st_ino != self.inode or st.st_size < len(self.data) or not self._same_so_far(fh):
                    self.inode, self.data = st.st_ino, b""  # rotated or rewritten: start over
                fh.seek(len(self.data))
                self.data += self._up_to_nul_block(fh)
        except OSError as err:
            raise CurvedocError(f"cannot read: {err.strerror or err}", path) from None
        return self.data

    # Read in pieces this size; one of NUL bytes only ends the read.
    PIECE = 1 << 20

    def _up_to_nul_block(self, fh) -> bytes:
        """What was appended, up to a piece of NUL bytes alone: a log a crash left with a zeroed tail, or a
        file preallocated to gigabytes, was read whole into memory at every change (2 GB held for a
        7 KB table). Each later read starts at that piece again, so rows written over it are read."""
        pieces = []
        while piece := fh.read(self.PIECE):
            if not piece.strip(b"\0"):
                break
            pieces.append(piece)
        return b"".join(pieces)

    # Lightning's CSVLogger rewrites metrics.csv in place, same inode, when a new key widens its
    # header: the bytes read so far are checked where such a rewrite shows, at the start and
    # where the last read ended.
    CHECKED = 4096

    def _same_so_far(self, fh) -> bool:
        n = len(self.data)
        for at in {0, max(0, n - self.CHECKED)}:
            fh.seek(at)
            if fh.read(min(self.CHECKED, n - at)) != self.data[at:at + self.CHECKED]:
                return False
        return True


class _ReadState:
    """What is kept between reads of one log so that each read takes only what is new."""

    def __init__(self, path: Path):
        self.path = path
        self.tail = _Tail()  # a line format's bytes
        self.events = None  # an EventLogFollower, made at the first read of event files

    def event_runs(self):
        """The runs of the event files, parsing only the records written since the last call."""
        from curvedoc.readers.tb_events import EventLogFollower

        if self.events is None:
            self.events = EventLogFollower(self.path)
        try:
            return self.events.read()
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as err:
            # As ``readers.read`` does: a shape the reader did not expect is still one line, not a traceback.
            raise CurvedocError(f"cannot read as tb_events: {type(err).__name__}: {err}", self.path) from None

    def new_notes(self) -> list[WatchUpdate]:
        """Notes about the reading (a corrupt record skipped) not yet said."""
        if self.events is None or not self.events.notes:
            return []
        notes, self.events.notes = self.events.notes, []
        return [WatchUpdate("note", note) for note in notes]


def _analyse(path: Path, metrics, format, state: _ReadState | None = None):
    """Read the log as it stands, leaving out a last line or record still being written, and analyse it.

    Line formats are read through ``state.tail`` (only appended bytes come off
    the disk) and parsed from a snapshot of their whole lines; event files
    through ``state.events``, which parses only the records appended."""
    import tempfile

    from curvedoc.analysis import analyze
    from curvedoc.readers import read, sniff
    from curvedoc.readers._io import is_gzip

    state = state or _ReadState(path)
    try:
        fmt = format or sniff(path)
    except CurvedocError:
        if not path.is_dir():
            raise
        # A project folder (its wandb/, lightning_logs/ below): ``read`` resolves it, or says why not.
        return analyze(read(path), metrics)
    if fmt == "tb_events":
        return analyze(state.event_runs(), metrics)
    if path.is_file() and fmt in LINE_FORMATS and not path.name.lower().endswith(".gz") and not is_gzip(path):
        data = state.tail.read(path)
        cut = _whole_lines(data)
        if cut == 0:
            raise CurvedocError("no whole line written yet", path)
        with tempfile.TemporaryDirectory(prefix="curvedoc-watch-") as tmp:
            # Same file name and the same two folders above it as the log: readers name runs after
            # them (Lightning's lightning_logs/version_0, a W&B run folder above files/).
            real = resolved(path)
            snapshot = Path(tmp) / (real.parent.parent.name or "log") / (real.parent.name or "log") / path.name
            snapshot.parent.mkdir(parents=True)
            snapshot.write_bytes(data[:cut])
            try:
                runs = read(snapshot, fmt)
            except CurvedocError as err:  # about the user's file, not the snapshot
                raise CurvedocError(str(err).replace(str(snapshot), str(path)), lasting=err.lasting) from None
            for run in runs:
                run.source = str(path)
            return analyze(runs, metrics)
    # A folder is resolved as ``read`` resolves it (a folder of one MLflow metric file is that file).
    return analyze(read(path, format), metrics)


def _whole_lines(data: bytes) -> int:
    """How many leading bytes of ``data`` are whole lines: up to the last line end, which in
    UTF-16 text is a two-byte unit (cutting after its first byte would split a character)."""
    unit = {codecs.BOM_UTF16_LE: b"\n\x00", codecs.BOM_UTF16_BE: b"\x00\n"}.get(data[:2])
    if unit is None:
        # A lone CR ends a line too: classic Mac files, and a console's progress records printed with
        # end="\r" under a banner's lines (cut at the banner, 250 records a reader reads went unseen). A CR
        # whose LF is yet to come ends a whole record all the same.
        return max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
    at = data.rfind(unit)
    while at > 0 and at % 2:  # a unit straddling two characters is no line end
        at = data.rfind(unit, 0, at)
    return at + 2 if at > 0 else 0


class _Seen:
    """What has been reported already, so that each event and each alert is said once."""

    def __init__(self):
        # Per run, metric and direction: each event reported, as (start, end, step, what it was called).
        self.events: dict[tuple[str, str, str], list[tuple[int, int, int, str]]] = {}
        self.alerts: dict[tuple[str, str], list[int]] = {}
        self.asked: set[tuple[str, str]] = set()
        # Events certain in the last read and not yet said: said once a read of the grown log finds them
        # again (or the log stops growing, or the watch ends). One read alone of a short log calls a noisy
        # step of a steep start an escape, gone a hundred steps later.
        self.pending: list[tuple[tuple[str, str, str], tuple[int, int, int, str], float, WatchUpdate, int]] = []
        # Events the last read found with too few points after them yet: said as read when the watch ends
        # (a held-out curve's last drop, four evaluations from the log's end, was never said, though analyze
        # of the same file reports it).
        self.unsettled: list[tuple[tuple[str, str, str], tuple[int, int, int, str], float, WatchUpdate]] = []
        # Each event said, as it was read then (label, confidence), and another reading the last read gave it:
        # a reading two reads in a row agree on is said as a revision.
        self.readings: dict[tuple, tuple[str, float]] = {}
        self.rereading: dict[tuple, tuple[str, bool]] = {}

    def new_updates(self, analyses, metrics) -> list[WatchUpdate]:
        import numpy as np

        from curvedoc.detect import DEFAULT_CONFIG

        out = []
        pending, self.pending = self.pending, []
        self.unsettled = []
        many = len(analyses) > 1
        for ra in analyses:
            run = ra.run.name if many else None
            ident = _run_key(ra, many)
            # A --metric the run lacks, beside one it has, is said once (as analyze says it), not followed
            # in silence.
            for w in ra.run.warnings:
                if w.startswith("--metric ") and (ident, w) not in self.asked:
                    self.asked.add((ident, w))
                    out.append(WatchUpdate("note", f"{run}: {w}" if run else w, run))
                # A log that starts again (a run restarted into its file or folder, a resume from a
                # checkpoint) is said once where it goes back, as analyze warns: its later values replace the
                # earlier run's from there, events and all. A restart had gone by without a word.
                elif w.startswith("steps go back") and (ident, w.split(":")[0]) not in self.asked:
                    self.asked.add((ident, w.split(":")[0]))
                    out.append(WatchUpdate("note", f"{run}: {w}" if run else w, run))
            for sa in ra.metrics:
                steps = ra.run.series(sa.name).index.to_numpy()
                if len(steps) == 0:
                    continue
                block = math.ceil(len(steps) / DEFAULT_CONFIG.max_blocks)
                margin = max(CERTAIN_MIN_POINTS, CERTAIN_BLOCKS * block)
                interval = float(np.median(np.diff(steps))) if len(steps) > 1 else 1.0
                tol = SAME_EVENT_INTERVALS * max(interval, 1.0) * block
                out += self._withdrawn(ident, sa, run, tol, len(steps))
                for e in sorted(sa.events, key=lambda e: e.step):
                    key = (ident, sa.name, e.direction)
                    a, b = _span(e)
                    said = next((s for s in self.events.get(key, []) if _same(e, *s[:3], tol)), None)
                    if said is not None:
                        out += self._revised(key, said, ra, sa, e, run, len(steps))
                        continue
                    entry = (a, b, e.step, f"{e.kind} ({e.label})")
                    update = WatchUpdate("event", _event_line(ra, sa, e), run, sa.name, e.step, list(e.evidence), e)
                    if not _certain(e, steps, margin):
                        after = len(steps) - int(np.searchsorted(steps, b, side="right"))
                        update.evidence.append(f"read as the watch ended, {after} point{'s' * (after != 1)} after "
                                               "it: more of the log may read it otherwise")
                        self.unsettled.append((key, entry, tol, update))
                        continue
                    # Found again where it was, and read the same way: a drop first read as a tooth of a
                    # sawtooth and next as unexplained waits for a read that settles it.
                    again = [(seen, n) for k, seen, near, _, n in pending
                             if k == key and _same(e, *seen[:3], near) and seen[3] == entry[3]]
                    if again and all(n >= len(steps) for _, n in again):
                        # Read again with no more points (a record that held none): still to be confirmed.
                        self.pending.append((key, entry, tol, update, min(n for _, n in again)))
                    elif e.kind == "divergence" or again:
                        # Kept with the narrower of its spans: a tooth of a sawtooth read over the next
                        # tooth's start swallowed that tooth.
                        a, b = min([seen[:2] for seen, _ in again] + [(a, b)], key=lambda span: span[1] - span[0])
                        self._said(key, (a, b, e.step, entry[3]), e)
                        out.append(update)
                    else:
                        self.pending.append((key, entry, tol, update, len(steps)))
            out += self._alerts(ra, metrics, run, ident)
        out.sort(key=lambda u: (u.step if u.step is not None else -1))
        return out

    def confirmed(self, ending: bool = False) -> list[WatchUpdate]:
        """The events the last read found, said: the log stopped growing, or the watch ends (``ending``:
        then those with too few points after them yet too, each saying so)."""
        out = []
        for key, entry, _, update, _ in self.pending + [(*u, 0) for u in self.unsettled if ending]:
            self._said(key, entry, update.event)
            out.append(update)
        self.pending = []
        if ending:
            self.unsettled = []
        return sorted(out, key=lambda u: u.step)

    def _said(self, key, entry, event) -> None:
        self.events.setdefault(key, []).append(entry)
        self.readings[(key, entry[2])] = (event.label, event.confidence)

    def _revised(self, key, said, ra, sa, e, run, points: int) -> list[WatchUpdate]:
        """An event said before that this read, and the one before it, label otherwise or put on the other
        side of check's bar (SURE): said with its new reading. A decay's drop first read at 0.5 ("falling
        before it") and at 0.95 by every read after, as analyze reads the finished log, stood at 0.5."""
        at = (key, said[2])
        label, confidence = self.readings.get(at, (e.label, e.confidence))
        now = (e.label, e.confidence >= SURE)
        if now == (label, confidence >= SURE) or self.rereading.get(at) != now:
            self.rereading[at] = now
            return []
        del self.rereading[at]
        self.readings[at] = (e.label, e.confidence)
        events = self.events[key]
        events[events.index(said)] = (*said[:3], f"{e.kind} ({e.label})")
        return [WatchUpdate("note", f"{sa.name}: the {e.kind} reported at {ra.run.step_axis} {said[2]} as {label} "
                                    f"({confidence:.2f}) now reads {e.label} ({e.confidence:.2f}), on the {points} "
                                    "points logged now", run, sa.name, said[2], list(e.evidence))]

    def _withdrawn(self, ident: str, sa, run, tol: float, points: int) -> list[WatchUpdate]:
        """Events said earlier that this read of the log no longer finds: a move judged against the run so
        far (a flat start is a plateau in a short log, the initial descent in a long one) may not stand
        out once more of the run is in. Each is said to be withdrawn, and may be reported again."""
        out = []
        for direction in ("up", "down"):
            reported = self.events.get((ident, sa.name, direction), [])
            for entry in list(reported):
                x, y, at, what = entry
                if not any(_same(e, x, y, at, tol) for e in sa.events):
                    reported.remove(entry)
                    out.append(WatchUpdate("note", f"{sa.name}: the {what} reported at step {at} is withdrawn: "
                                           f"read on the {points} points logged now, it no longer stands out",
                                           run, sa.name, at))
        return out

    def _alerts(self, ra, metrics, run, ident: str) -> list[WatchUpdate]:
        from curvedoc.summary import main_metric

        if metrics:
            targets = [sa for sa in ra.metrics if sa.name in metrics]
        else:
            main = main_metric(ra)
            targets = [main] if main is not None else []
        out = []
        for sa in targets:
            if not sa.stages or any(e.kind == "divergence" for e in sa.events):
                continue
            stage = sa.stages[-1]
            said = self.alerts.setdefault((ident, sa.name), [])
            if any(since >= stage.start for since in said):
                continue  # this stage was called flat already (its start may have moved a little since)
            s = ra.run.series(sa.name)
            before = stage.start - sa.stages[-2].start if len(sa.stages) > 1 else 0
            flat = flat_stretch(s.index.to_numpy(), s.to_numpy(), stage.start, sa.transform == "log",
                                sa.higher_is_better, before)
            if flat is None:
                continue
            said.append(flat.since)
            out.append(WatchUpdate("alert", _alert_line(ra, sa, flat), run, sa.name, flat.since,
                                   _alert_evidence(ra, sa, flat)))
        return out


def _run_key(ra, many: bool) -> str:
    """What a run's reports are remembered by: nothing but the log when it holds one run, else the run's
    name without the checkpoint it was read from. A Trainer's output folder is named after its newest
    checkpoint (run/checkpoint-1800), a new name at each save, and each save said every event again."""
    from curvedoc.readers.hf_trainer import CHECKPOINT_DIR

    if not many:
        return ""
    head, _, last = ra.run.name.rpartition("/")
    return head if head and CHECKPOINT_DIR.match(last) else ra.run.name


# The confidence check's no-instability rule fails a run at, by default: a reading that crosses it is news.
SURE = 0.6


def _certain(e, steps, margin: int) -> bool:
    """A NaN is final; anything else once enough points came after it: ``margin``, and as many
    as the event itself spans (a relaxation still under way may yet grow). An oscillation
    counts from its start, as it lasts as long as the data does."""
    import numpy as np

    if e.kind == "divergence":
        return True
    a, b = _span(e)
    if e.kind == "oscillation":
        b = e.step
    after = len(steps) - int(np.searchsorted(steps, b, side="right"))
    width = int(np.searchsorted(steps, b, side="right") - np.searchsorted(steps, a))
    return after >= max(margin, width)


def _same(e, start: int, end: int, step: int, tol: float) -> bool:
    """Whether event ``e`` is one reported at ``step`` over [start, end], refined as more data came: one's
    step lies in the other's span. (Spans alone would merge the teeth of a sawtooth two intervals wide.)"""
    a, b = _span(e)
    return start - tol <= e.step <= end + tol or a - tol <= step <= b + tol


def _span(e) -> tuple[int, int]:
    a = e.start_step if e.start_step is not None else e.step
    b = e.end_step if e.end_step is not None else e.step
    return min(a, e.step), max(b, e.step)


def flat_stretch(steps, values, stage_start: int, log: bool, higher_is_better: bool,
                 stage_before: float = 0) -> FlatStretch | None:
    """The flat tail of the stage that began at ``stage_start``, when it is long enough to call.

    The stage's points (log scale for losses) are read in blocks, on their medians; the
    current level is the mean of the last three blocks. Walking back from the
    end, the stretch is flat as long as no block is worse than the current
    level by more than the threshold: the curve has not improved since. It must
    cover the window in which the smallest gain worth having would stand out of
    the stage's noise, a share of the stage so far, and that share of the stage before it
    (``stage_before`` steps): a quiet moment just after a decay is not yet a plateau on the
    scale the run's stages have. None when the stage is still improving or too short to tell.
    """
    import numpy as np

    steps = np.asarray(steps)
    values = np.asarray(values, dtype=np.float64)
    keep = (steps >= stage_start) & np.isfinite(values) & ((values > 0) if log else True)
    steps, values = steps[keep], values[keep]
    n = len(values)
    if n < FLAT_MIN_POINTS:
        return None
    z = np.log(values) if log else values
    sigma = _robust_sd(np.diff(z)) / math.sqrt(2)
    if log:
        min_gain = FLAT_MIN_LOG_GAIN
    else:
        lo, hi = np.percentile(z, [2, 98])
        min_gain = max(FLAT_MIN_RANGE_SHARE * float(hi - lo), 1e-12)
    # A gain of min_gain between the halves of a window of w points stands out at FLAT_Z
    # when FLAT_Z * 2 * sigma / sqrt(w) <= min_gain.
    window = max(FLAT_MIN_POINTS, math.ceil((2 * FLAT_Z * sigma / min_gain) ** 2))
    if n < window:
        return None
    b = max(1, window // 4, math.ceil(n / FLAT_MAX_BLOCKS))
    m = n // b
    if m < 4:
        return None
    start = n - m * b  # whole blocks, aligned to the end
    # Block medians: the point a live run has just logged may be a spike, and a mean would lift
    # the level it is judged at to one the stage never held.
    levels = np.median(z[start:].reshape(m, b), axis=1)
    centres = steps[start:].reshape(m, b).astype(np.float64).mean(axis=1)
    first_steps = steps[start::b][:m]
    k = min(3, max(1, m // 4))
    now = float(levels[-k:].mean())
    # Point-to-point scatter is blind to the trend, where block-to-block differences are not.
    sigma_b = sigma / math.sqrt(b)
    threshold = max(FLAT_Z * sigma_b * math.sqrt(1 + 1 / k), min_gain)
    sign = 1.0 if higher_is_better else -1.0
    worse = sign * (now - levels) > threshold  # that block was worse than now: the curve improved since
    j = int(np.flatnonzero(worse)[-1]) + 1 if worse.any() else 0
    # A slow steady gain leaves no single block far behind: the trend over the stretch must be flat too.
    need = max(window, math.ceil(FLAT_MIN_STAGE_SHARE * n))
    while j < m and n - (start + j * b) >= need and not _trend_flat(centres[j:], levels[j:], sign, threshold):
        j += 1
    points = n - (start + j * b)
    if j >= m or points < need:
        return None
    since = int(first_steps[j]) if j > 0 else int(steps[0])
    if steps[-1] - since < FLAT_MIN_STAGE_SHARE * stage_before:
        return None
    level = math.exp(now) if log else now
    return FlatStretch(since, int(steps[-1]), points, window, level, threshold, log)


def _trend_flat(x, y, sign: float, threshold: float) -> bool:
    """Whether the fitted line over the block levels gains less than the threshold (or than its own error)."""
    import numpy as np

    if len(x) < 3:
        return True
    x = x - x[0]  # steps near 2**53 leave the fit no precision to work with
    slope, icept = np.polyfit(x, y, 1)
    span = float(x[-1] - x[0])
    resid = y - (slope * x + icept)
    sxx = float(((x - x.mean()) ** 2).sum())
    se = float(np.sqrt((resid ** 2).sum() / (len(x) - 2) / sxx)) * span if sxx > 0 else 0.0
    return sign * slope * span <= max(threshold, FLAT_Z * se)


def _robust_sd(x) -> float:
    """The detector's robust noise; the plain SD where the values are quantised to one level."""
    import numpy as np

    from curvedoc.detect import robust_sd

    if len(x) == 0:
        return 0.0
    sd = robust_sd(np.asarray(x))
    return sd if sd > 0 else float(np.std(x))


def _event_line(ra, sa, e) -> str:
    unit = ra.run.step_axis
    if e.kind == "divergence":
        change = f"divergence: {e.before:.4g} -> {e.after}"
    else:
        change = f"{e.kind} {e.before:.4g} -> {e.after:.4g} ({e.change_text})"
    return f"{unit} {e.step}  {sa.name}  {change}  {e.label} ({e.confidence:.2f})"


def _alert_line(ra, sa, flat: FlatStretch) -> str:
    unit = ra.run.step_axis
    # Under a smooth decay already running (a cosine near its end), a decay is no advice to give.
    span = _decaying(ra, flat)
    advice = "consider decaying the LR" if span is None else \
        "the LR is already decaying" if flat.last <= span.end + 1 else "the LR has already decayed"
    return f"{sa.name}: stage has been flat since {unit} {flat.since} ({flat.steps} {unit}s): {advice}"


def _decaying(ra, flat: FlatStretch):
    """The schedule's smooth decay over the flat stretch (running at its end, or run to its end
    during it, as a cosine to zero), if any."""
    return next((span for span in reversed(ra.schedule.smooth)
                 if span.start <= flat.last and span.end >= flat.since and span.shape != "rising"), None)


def _alert_evidence(ra, sa, flat: FlatStretch) -> list[str]:
    unit = ra.run.step_axis
    gain = f"{math.expm1(flat.threshold) * 100:.1f}%" if flat.log else f"{flat.threshold:.4g}"
    out = [f"level {flat.level:.4g}; no improvement beyond {gain} over the last {flat.points} points "
           f"({flat.window} are enough to see such a gain through this stage's noise)"]
    lr = ra.schedule.lr_at(flat.last)
    span = _decaying(ra, flat)
    if span is not None:
        on = "on" if flat.last <= span.end + 1 else "at the end of"
        out.append(f"lr {lr:.4g} at {unit} {flat.last}, {on} a {span.shape} decay ({unit} {span.start}-{span.end})"
                   + ("; the stage may end on its own" if on == "on" else ""))
    elif lr is not None:
        out.append(f"lr {lr:.4g} since {unit} {_lr_since(ra.schedule, flat.last)}")
    return out


def _lr_since(schedule, step: int) -> int:
    changes = [c.step for c in schedule.changes if c.step <= step and c.kind in ("lr_decay", "lr_increase",
                                                                                  "lr_peak", "warmup_end")]
    if changes:
        return changes[-1]
    return int(schedule.lr_steps[0])


def print_updates(console, updates) -> None:
    """Print each update as it comes (names from the log shown literally), flushing every line."""
    from rich.text import Text

    from curvedoc.render.console import literal, print_hanging

    for u in updates:
        if u.kind == "unread":
            # Nothing was read in the whole watch: bad input, exit 2 with the reason.
            raise CurvedocError(u.message)
        prefix = {"event": "", "alert": "stage end: ", "note": "note: "}[u.kind]
        line = Text(prefix, style="bold" if u.kind == "alert" else "")
        if u.run:
            line.append("[").append(literal(u.run)).append("] ")
        line.append(literal(u.message))
        print_hanging(console, line, indent=4)
        for ev in u.evidence:
            print_hanging(console, Text("    - "), literal(ev))
        try:
            console.file.flush()
        except (AttributeError, OSError, ValueError):
            pass
