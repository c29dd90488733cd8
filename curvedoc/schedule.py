"""The learning-rate (and batch-size) schedule as a list of changes.

Taken from the log's own columns, or from what the user says the schedule was
(``--lr-schedule 0.1@0,0.01@30`` or ``--milestones 30,60 --gamma 0.1``).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

import numpy as np

from curvedoc.errors import CurvedocError

# A change of the LR by at least this factor between two logged points is a
# discrete event (step decay, restart). Smooth schedules (cosine, linear,
# exponential) move by far less per logged point and are reported as smooth.
STEP_FACTOR = 1.25
# Float32 round-trips (0.00020000001) and printing noise are not changes.
REL_TOL = 1e-3
# Warmup: the LR rises by at least this factor from the first point to its peak.
WARMUP_FACTOR = 2.0


@dataclass
class ScheduleChange:
    step: int
    kind: str  # lr_decay, lr_increase, lr_peak, warmup_end, batch_size_increase, batch_size_decrease
    before: float
    after: float
    # "log", "user" (--lr-schedule), "milestones" (factors only, no LR) or "epochs" (a batch-size
    # change read from the epoch lengths: a factor only, no batch size)
    source: str = "log"
    column: str | None = None
    detail: str = ""  # how a change read from the epoch lengths shows there

    @property
    def factor(self) -> float:
        return self.after / self.before if self.before else math.inf


# A smooth decay at least halving the LR within this share of the run acts as a step decay; so does
# one of any length after the LR was held as long as the decay lasts, and this share of the run at
# least (a warmup-stable-decay cooldown, fastai's flat-then-cosine): from the held LR's level the
# loss falls as it falls at a step decay, only over the anneal rather than at once.
SHORT_ANNEAL_SHARE = 0.1


# A logged LR this many rows off its level and back is a typo, not a change the run trained under.
LR_TYPO_ROWS = 2


@dataclass
class SmoothSpan:
    """A stretch where the LR moves a little at every point (cosine, linear, exponential)."""

    start: int
    end: int
    before: float
    after: float
    shape: str


# An LR raised and put back within this share of the run is a blip (a wrong scheduler step, a resume
# with the wrong LR), not a restart the run goes on from: what it set off is the run's instability.
BLIP_SHARE = 0.02


@dataclass
class Schedule:
    changes: list[ScheduleChange] = field(default_factory=list)
    smooth: list[SmoothSpan] = field(default_factory=list)
    lr_column: str | None = None
    batch_column: str | None = None
    source: str = "none"  # "log", "user" or "none"
    lr_steps: np.ndarray | None = None
    lr_values: np.ndarray | None = None
    # Steps of the LR under STEP_FACTOR that it holds around (``_small_steps``): listed, not read as decays.
    small_steps: list[ScheduleChange] = field(default_factory=list)

    def short_anneals(self, run_span: float) -> list[SmoothSpan]:
        """Smooth decays that at least halve the LR within ``SHORT_ANNEAL_SHARE`` of the run, or after
        holding it (``_held_before``), and are not climbed back up soon after: SWA's anneal, a
        warmup-stable-decay cooldown. The loss answers them as it answers a step decay; a cyclic
        schedule's falls are its cycles."""
        reach = SHORT_ANNEAL_SHARE * run_span
        rises = [c.step for c in self.changes if c.kind == "lr_increase"]
        return [s for s in self.smooth if s.after <= s.before / 2
                and (s.end - s.start <= reach or self._held_before(s, reach))
                and not any(s.end <= r <= s.end + reach for r in rises)]

    def _held_before(self, span: SmoothSpan, reach: float) -> bool:
        hold = max(span.end - span.start, reach)
        return bool(self.lr_steps is not None and len(self.lr_steps) and self.lr_steps[0] <= span.start - hold
                    and self.is_constant_between(int(span.start - hold), span.start - 1))

    def blip_end(self, raised: ScheduleChange, run_span: float) -> ScheduleChange | None:
        """The decay that puts an LR raise back within ``BLIP_SHARE`` of the run (a wrong scheduler
        step, a resume with the wrong LR): a blip, not a restart the run goes on from; None if none."""
        return next((c for c in self.changes if c.kind == "lr_decay" and raised.step < c.step
                     <= raised.step + max(1, BLIP_SHARE * run_span) and c.after <= raised.before * STEP_FACTOR), None)

    def blip_ends(self, run_span: float) -> list[ScheduleChange]:
        """The decays that undo a blip (``blip_end``): the LR back where it was, no decay the run trained
        under. What the metric does after one is its recovery from the blip. Each raise's decays are
        found by bisection: an LR set to 0 and back 30,000 times took 20 s scanned raise by raise."""
        decays = sorted((c for c in self.changes if c.kind == "lr_decay"), key=lambda c: c.step)
        at = [c.step for c in decays]
        reach = max(1, BLIP_SHARE * run_span)
        ends = []
        for raised in self.changes:
            if raised.kind != "lr_increase":
                continue
            lo, hi = bisect.bisect_right(at, raised.step), bisect.bisect_right(at, raised.step + reach)
            end = next((c for c in decays[lo:hi] if c.after <= raised.before * STEP_FACTOR), None)
            if end is not None:
                ends.append(end)
        return ends

    def ends_blip(self, decay: ScheduleChange, run_span: float) -> bool:
        """Whether ``decay`` is the ``blip_end`` of a raise before it: read from the raises within reach
        of it alone, as an explanation asks it of one decay at a time."""
        reach = max(1, BLIP_SHARE * run_span)
        return any(c.kind == "lr_increase" and decay.step - reach <= c.step < decay.step
                   and self.blip_end(c, run_span) is decay for c in self.changes)

    def lr_at(self, step: int) -> float | None:
        """The LR in force at ``step`` (last logged value at or before it)."""
        if self.lr_steps is None or len(self.lr_steps) == 0:
            return None
        i = int(np.searchsorted(self.lr_steps, step, side="right")) - 1
        return float(self.lr_values[max(i, 0)])

    def is_constant_between(self, a: int, b: int) -> bool | None:
        """Whether the LR stayed put over [a, b]; None when the LR is unknown."""
        if self.lr_steps is None or len(self.lr_steps) == 0:
            return None
        lo = max(int(np.searchsorted(self.lr_steps, a, side="right")) - 1, 0)
        hi = int(np.searchsorted(self.lr_steps, b, side="right"))
        vals = self.lr_values[lo:max(hi, lo + 1)]
        off = np.abs(vals / vals[0] - 1) > 0.05
        # One or two rows off and back (a typo in the column, a value logged mid-update) move nothing.
        return bool(not off.any() or (off.sum() <= LR_TYPO_ROWS and not off[-1] and len(vals) > 10 * off.sum()))


def schedule_from_series(steps: np.ndarray, lr: np.ndarray, column: str) -> Schedule:
    """Changes of a logged LR column: discrete decays/increases, warmup end, smooth spans."""
    steps, lr = np.asarray(steps), np.asarray(lr, dtype=float)
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(lr) & (lr > 0)
    to_zero = _steps_to_zero(steps, lr, ok) if not ok.all() else []
    if not ok.all():  # else the schedule keeps views of the log's columns, not copies
        steps, lr = steps[ok], lr[ok]
    sched = Schedule(lr_column=column, source="log", lr_steps=steps, lr_values=lr)
    sched.changes += [ScheduleChange(int(at), "lr_decay", float(before), 0.0, column=column) for at, before in to_zero]
    if len(lr) < 2:
        return sched
    # Ratios only where the LR moved (a few places in a step schedule of 10^6 points); 1 elsewhere.
    moved = np.flatnonzero(lr[1:] != lr[:-1])
    ratio = lr[moved + 1] / lr[moved]
    big = np.zeros(len(lr) - 1, dtype=bool)
    # Within printing noise of the factor is the factor: gamma 0.8 logged to 6 digits is 0.800001.
    big[moved] = (ratio >= STEP_FACTOR * (1 - REL_TOL)) | (ratio <= (1 + REL_TOL) / STEP_FACTOR)
    # A discrete change also stands out from its neighbours' increments: the
    # tail of a linear or cosine decay has large ratios but ordinary steps.
    delta = np.zeros(len(lr) - 1)  # 0 where the LR held: set where it moved, no pass over 10^6 rows
    delta[moved] = np.abs(lr[moved + 1] - lr[moved])
    candidates = np.flatnonzero(big)
    big[candidates] &= delta[candidates] > STEP_OUTLIER * _neighbour_median(delta, 3, candidates)
    # A move against the moves either side of it is no tail of theirs: a second fit()'s schedule starting
    # again (x10 up amid x0.7 steps each epoch) stood under five times the larger steps after it.
    if len(moved) > 2:
        up = ratio > 1
        against = np.zeros(len(moved), dtype=bool)
        against[1:-1] = (up[1:-1] != up[:-2]) & (up[1:-1] != up[2:])
        big[moved[against & ((ratio >= STEP_FACTOR * (1 - REL_TOL)) | (ratio <= (1 + REL_TOL) / STEP_FACTOR))]] = True
    # So does the tail of one stepped once an epoch, read on its steps: a cosine's last cuts (x0.44,
    # x0.25) had been eight "decays" of a schedule with none.
    stepped = _stepped(steps, moved, lr)
    big[moved[stepped]] = False
    warm_end = _warmup_end(lr)
    sched.small_steps = _small_steps(steps, lr, moved, ratio, big, delta, stepped, warm_end, column)
    for i in np.flatnonzero(big):
        if warm_end is not None and i + 1 <= warm_end:
            continue  # stepwise warmup rises are the warmup, reported once at its end
        kind = "lr_decay" if lr[i + 1] < lr[i] else "lr_increase"
        sched.changes.append(ScheduleChange(int(steps[i + 1]), kind, float(lr[i]), float(lr[i + 1]),
                                            column=column))
    if warm_end is not None:
        sched.changes.append(ScheduleChange(int(steps[warm_end]), "warmup_end", float(lr[0]),
                                            float(lr[warm_end]), column=column))
    _add_smooth_moves(sched, steps, lr, big, warm_end, bool(stepped.any()))
    sched.changes.sort(key=lambda c: c.step)
    return sched


def _small_steps(steps, lr, moved, ratio, big, delta, stepped, warm_end, column) -> list[ScheduleChange]:
    """Moves of the LR by SMALL_STEP or more but under STEP_FACTOR that stand alone (the LR holds
    around them; no scheduler stepped each epoch, no warmup): StepLR's gamma 0.9 applied once. Too
    small to owe the curve a move, so no decay the engine tests or a check judges, but a change of the
    schedule all the same, which a header saying nothing of hid."""
    small = np.zeros(len(lr) - 1, dtype=bool)
    small[moved] = (np.abs(np.log(ratio)) >= math.log(1 + SMALL_STEP)) & ~big[moved] & ~stepped
    at = np.flatnonzero(small)
    if not len(at):
        return []
    at = at[delta[at] > STEP_OUTLIER * _neighbour_median(delta, 3, at)]
    if warm_end is not None:
        at = at[at + 1 > warm_end]
    return [ScheduleChange(int(steps[i + 1]), "lr_decay" if lr[i + 1] < lr[i] else "lr_increase", float(lr[i]),
                           float(lr[i + 1]), column=column) for i in at]


# An LR moved by this share or more, and by less than STEP_FACTOR, is a small step (``_small_steps``).
SMALL_STEP = 0.05


def _stepped(steps: np.ndarray, moved: np.ndarray, lr: np.ndarray) -> np.ndarray:
    """Which of the LR's moves (row indices ``moved``, the move into row i + 1) belong to a smooth
    schedule stepped at a fixed interval (a scheduler stepped once an epoch): STEPPED_MIN_MOVES moves
    or more down in a row, each interval within STEPPED_SPACING_TOL (and a logging interval) of the
    one before and under STEPPED_MAX_SHARE of the run, too close for the curve to answer each move
    apart. A move up (a warm restart's jump) ends a run; so does one far larger than the moves beside
    it (a x0.1 cut at an epoch's start amid x0.97 steps), which stays a decay."""
    out = np.zeros(len(moved), dtype=bool)
    if len(moved) < STEPPED_MIN_MOVES:
        return out
    at = steps[moved + 1].astype(np.float64)
    size = np.abs(np.log(lr[moved + 1] / lr[moved]))
    gaps = np.diff(at)
    down = lr[moved + 1] < lr[moved]
    # Link k joins move k to move k + 1.
    # Falls only: a warmup stepped each epoch is reported once, at its end, as any stepwise warmup is.
    link = down[1:] & down[:-1] & (gaps <= STEPPED_MAX_SHARE * float(steps[-1] - steps[0]))
    # A move is seen at the first logged row after it: intervals jitter by one logging interval.
    spacing = float(np.median(np.diff(steps)))
    link[1:] &= np.abs(gaps[1:] - gaps[:-1]) <= STEPPED_SPACING_TOL * gaps[:-1] + spacing
    apart = size > STEP_OUTLIER * _neighbour_median(size, 3, np.arange(len(size)))
    link &= ~apart[1:] & ~apart[:-1]
    # Runs of joined links: a run of L links holds L + 1 moves.
    edges = np.flatnonzero(np.diff(np.r_[0, link.astype(np.int8), 0]))
    for first, end in zip(edges[::2], edges[1::2]):
        if end - first + 1 >= STEPPED_MIN_MOVES:
            out[first:end + 1] = True
    return out


# A schedule stepped at a fixed interval is smooth when it moves this many times in a row at most this share
# of the run apart, each interval within this share of the one before; a move this many times the size of
# those beside it is a cut of its own (as a discrete change stands out from its neighbours' increments).
STEPPED_MIN_MOVES = 5
STEPPED_MAX_SHARE = 0.05
STEPPED_SPACING_TOL = 0.1
STEP_OUTLIER = 5.0


def _steps_to_zero(steps: np.ndarray, lr: np.ndarray, positive: np.ndarray) -> list[tuple[int, float]]:
    """(step, LR before) where the LR is set to exactly 0 from a value far above the schedule's
    pace before it (a freeze, a stop): the zeros are left out of the LR's values, which are read
    on the log scale, but such a step is a decay. A linear or cosine decay reaching 0 takes its
    last step at its own pace, and is none."""
    out = []
    # The positive values' moves, and which belong to a schedule stepped at a fixed interval, read once.
    rank = np.cumsum(positive) - 1  # each row's place among the positive ones
    values = lr[positive]
    moves = np.flatnonzero(values[1:] != values[:-1])
    stepped = _stepped(steps[positive], moves, values)
    for i in np.flatnonzero(positive[:-1] & (lr[1:] == 0)):
        ahead = lr[i + 1:i + 2 + LR_TYPO_ROWS]  # the zero rows, and the one after them
        back = np.flatnonzero(ahead != 0)
        if len(back) and positive[i + 1 + back[0]]:
            continue  # zero for a row or two, then the LR again: off and back, as any typo (a decay
                      # at the zero with no raise after it)
        before = lr[max(0, i - 3):i + 1]
        before = before[np.isfinite(before) & (before > 0)]
        pace = float(np.median(np.abs(np.diff(before)))) if len(before) > 1 else 0.0
        k = int(np.searchsorted(moves, rank[i])) - 1  # the LR's last move before this row
        if k >= 0 and stepped[k]:
            # Stepped once an epoch, a linear decay holds still for an epoch's rows before its last
            # step down to 0: its pace is that of its last moves, not of its last rows.
            last = moves[max(0, k - 2):k + 1]
            pace = float(np.median(np.abs(values[last + 1] - values[last])))
        if lr[i] > 5 * pace:
            out.append((int(steps[i + 1]), float(lr[i])))
    return out


def _neighbour_median(x: np.ndarray, k: int, at: np.ndarray) -> np.ndarray:
    """At each index in ``at``: the larger of the medians of the k values on each side, itself left out.

    Only the few candidate steps need it: rolling medians over the whole
    column cost 0.2 s on a 10^6-step log for a handful of values.
    """
    if len(at) > 10_000:  # a schedule that jumps at nearly every step: roll over all of it
        import pandas as pd

        s = pd.Series(x)
        left = s.shift(1).rolling(k, min_periods=1).median().to_numpy()
        right = s[::-1].shift(1).rolling(k, min_periods=1).median()[::-1].to_numpy()
        return np.nan_to_num(np.fmax(left, right), nan=0.0)[at]
    out = np.zeros(len(at))
    for j, i in enumerate(at):
        left, right = x[max(0, i - k):i], x[i + 1:i + 1 + k]
        sides = [float(np.median(side)) for side in (left, right) if len(side)]
        out[j] = max(sides) if sides else 0.0
    return out


def add_batch_size(sched: Schedule, steps: np.ndarray, bs: np.ndarray, column: str) -> None:
    ok = np.isfinite(bs) & (bs > 0)
    steps, bs = np.asarray(steps)[ok], np.asarray(bs, dtype=float)[ok]
    sched.batch_column = column
    for i in np.flatnonzero(np.abs(np.diff(bs)) > REL_TOL * bs[:-1]):
        kind = "batch_size_increase" if bs[i + 1] > bs[i] else "batch_size_decrease"
        sched.changes.append(ScheduleChange(int(steps[i + 1]), kind, float(bs[i]), float(bs[i + 1]),
                                            column=column))
    sched.changes.sort(key=lambda c: c.step)


# Epochs that get shorter (or longer) by this factor at least, and stay so, mean that a batch
# holds more (or fewer) examples: 16 -> 64 makes an epoch 4x shorter. Doubling is the smallest
# step batch-size schedules take.
EPOCH_LENGTH_FACTOR = 1.5
# Epoch lengths within this share of each other (or two logging intervals: an epoch's start is
# known to the nearest logged point) are one length.
EPOCH_LENGTH_TOLERANCE = 0.1


def add_epoch_lengths(sched: Schedule, starts: np.ndarray, spacing: float, column: str) -> None:
    """Batch-size changes read from the epoch column when no batch size is logged.

    ``starts`` are the first logged steps of the epochs after the first; the
    updates between two of them are a whole epoch's. When that count changes
    by ``EPOCH_LENGTH_FACTOR`` or more and holds for two epochs or more on each
    side, the batch per update changed (the batch size, or the gradient
    accumulation), unless the data per epoch did: a change of factor only."""
    lengths = np.diff(np.asarray(starts, dtype=float))
    groups: list[list[int]] = []
    for i, n in enumerate(lengths):
        if groups:
            level = float(np.median(lengths[groups[-1]]))
            if abs(n - level) <= max(EPOCH_LENGTH_TOLERANCE * level, 2 * spacing):
                groups[-1].append(i)
                continue
        groups.append([i])
    kept = [g for g in groups if len(g) >= 2]
    for a, b in zip(kept, kept[1:]):
        if b[0] > a[-1] + 2:
            continue  # several odd epochs between them: no clean change to date
        before, after = float(np.median(lengths[a])), float(np.median(lengths[b]))
        ratio = before / after
        if max(ratio, 1 / ratio) < EPOCH_LENGTH_FACTOR:
            continue
        at = int(starts[b[0]])
        if b[0] == a[-1] + 2:
            # One epoch between them, of a length between theirs: the change came inside it (an
            # accumulation raised mid-epoch, on a resume). A share f of its data went at the old
            # pace: f * before + (1 - f) * after updates in all.
            share = (lengths[a[-1] + 1] - after) / (before - after)
            if not 0 <= share <= 1:
                continue  # an epoch cut short or run long: no clean change to date
            at = int(round(starts[a[-1] + 1] + share * before))
        kind = "batch_size_increase" if ratio > 1 else "batch_size_decrease"
        sched.changes.append(ScheduleChange(
            at, kind, 1.0, ratio, source="epochs", column=column,
            detail=f"updates per epoch {before:.0f} -> {after:.0f} from step {at} ({column})"))
    sched.changes.sort(key=lambda c: c.step)


def _warmup_end(lr: np.ndarray) -> int | None:
    """Index where an initial rise of the LR peaks, if the run starts with one."""
    # The rise the run starts with, up to its first fall: an LR spike later on may stand higher
    # than the warmup's peak (x20 for a few updates under a cosine), and is no part of it.
    # Read among the rows where the LR moved: a handful in a step schedule of 10^6 rows.
    moved = np.flatnonzero(lr[1:] != lr[:-1])
    falls = moved[lr[moved + 1] < lr[moved] * (1 - REL_TOL)]
    peak = int(np.argmax(lr[: falls[0] + 1])) if len(falls) else int(np.argmax(lr))
    if peak == 0 or lr[peak] < WARMUP_FACTOR * lr[0]:
        return None
    if peak == len(lr) - 1:
        return None  # highest at the last point: the log stops (a divergence) before any warmup ends
    if np.all(np.abs(lr[:peak] / lr[0] - 1) <= REL_TOL):
        if peak >= len(lr) // 2:
            return None  # held for half the run or more, then raised in one step: a raise, not a warmup's end
        # Held, raised, and put back to the held LR sooner than it was held: a raise undone (an LR
        # mistyped for 300 updates of 1,500), not a warmup, whose low LR is a short start (400 updates
        # at 0.01 before 32,000 at 0.1 in the ResNet-110 recipe).
        back = np.flatnonzero(lr[peak:] <= lr[0] * (1 + REL_TOL))
        if len(back) and back[0] < peak:
            return None
    # A warmup leads to the LR the run then trains at: the LR stays above the geometric middle
    # of the rise for a tenth of the warmup's length at least. Raised for a few updates and
    # put back (an LR spike, a range test cut short) it is an increase and a decay instead.
    held = lr[peak:] >= math.sqrt(lr[0] * lr[peak])
    if not held[: max(2, peak // 10)].all():
        return None
    # Warmup ends where the steady rise stops: the first increment well below
    # the typical one (a logged point may straddle the turn, as HF's does).
    inc = np.diff(lr[: peak + 1])
    slow = np.flatnonzero(inc < 0.5 * np.median(inc))
    return int(slow[0]) if len(slow) and slow[0] > 0 else peak


# Smooth schedules are read on at most this many points of the LR column: a cosine
# over 10^5 logged steps moves the LR by less than REL_TOL from one to the next.
SMOOTH_POINTS = 500
# An LR column that turns more often than this is jitter, not a schedule with cycles.
MAX_TURNS = 10_000


def _add_smooth_moves(sched: Schedule, steps: np.ndarray, lr: np.ndarray, big: np.ndarray,
                      warm_end: int | None, stepped: bool = False) -> None:
    """The smooth spans of the schedule, and the turns of an LR that moves by small steps, read on
    an even sample of the column; a turn is then placed on the column itself."""
    n = len(lr)
    at = np.unique(np.r_[np.arange(0, n, max(1, n // SMOOTH_POINTS)), n - 1])
    lr_s = lr[at]
    big_s = np.add.reduceat(big.astype(int), at[:-1]) > 0  # a discrete change within the sampled move
    moved_s = np.abs(lr_s[1:] / lr_s[:-1] - 1) > REL_TOL
    warm_s = int(np.searchsorted(at, warm_end)) if warm_end is not None else None
    turns = _turns(lr_s, big_s, warm_s)
    exact_step = {}
    for turn, kind, reach in turns:
        lo, hi = at[max(turn - 1, 0)], at[min(turn + 1, len(at) - 1)] + 1
        exact = lo + int(np.argmin(lr[lo:hi]) if kind == "lr_increase" else np.argmax(lr[lo:hi]))
        exact_step[int(steps[at[turn]])] = (int(steps[exact]), float(lr[exact]))
        sched.changes.append(ScheduleChange(int(steps[exact]), kind, float(lr[exact]), float(lr_s[reach]),
                                            column=sched.lr_column))
    ends = np.concatenate([np.flatnonzero(big_s) + 1, [t for t, _, _ in turns]])
    sched.smooth = _smooth_spans(steps[at], lr_s, moved_s & ~big_s, warm_s, ends, stepped)
    sample = {int(steps[a]): k for k, a in enumerate(at)}
    for span in sched.smooth:  # spans meet at the turn itself, not at the sample next to it
        k = sample.get(span.start)
        if span.start in exact_step:
            span.start, span.before = exact_step[span.start]
        elif k is not None and 0 < k < len(at) - 1 and lr[at[k - 1]] == lr[at[k]]:
            # A span that leaves an LR held since the sample before starts where the column leaves it, not
            # at the sample: an LR held to update 79,500 of 80,000, then ramped, read "rising 79360-79999".
            i = at[k] + _held_for(lr[at[k]: at[k + 1] + 1])
            span.start, span.before = int(steps[i]), float(lr[i])
        k = sample.get(span.end)
        if span.end in exact_step:
            span.end, span.after = exact_step[span.end]
        elif k is not None and 0 < k < len(at) - 1 and lr[at[k + 1]] == lr[at[k]]:
            i = at[k] - _held_for(lr[at[k - 1]: at[k] + 1][::-1])
            span.end, span.after = int(steps[i]), float(lr[i])


def _held_for(lr: np.ndarray) -> int:
    """How many points after the first are its value written again."""
    moved = np.flatnonzero(lr[1:] != lr[0])
    return int(moved[0]) if len(moved) else len(lr) - 1


def _turns(lr: np.ndarray, big: np.ndarray, warm_end: int | None) -> list[tuple[int, str, int]]:
    """Where an LR moving by small steps turns round: (index of the turn, kind, index where the new
    direction ends).

    A trough where a fall gives way to a climb (a triangular cyclic schedule, a cosine run past its
    T_max) is an ``lr_increase``; a peak where a climb gives way to a fall, other than the
    warmup's end, an ``lr_peak``. The climb must be made of small moves and at least double the
    LR: a restart's one jump up is a discrete change already."""
    move = np.diff(np.log(lr))
    direction = np.where(move > REL_TOL, 1, np.where(move < -REL_TOL, -1, 0))
    moving = np.flatnonzero(direction)  # holds between two moves of one direction join them
    cuts = np.flatnonzero(np.diff(direction[moving])) + 1
    if len(moving) == 0 or len(cuts) > MAX_TURNS:
        return []
    runs = np.split(moving, cuts)
    total = [float(np.sum(move[r])) for r in runs]
    smooth = [float(np.sum(move[r[~big[r]]])) for r in runs]
    turns = []
    for k in range(1, len(runs)):
        before, after = runs[k - 1], runs[k]
        turn, reach = int(after[0]), int(after[-1]) + 1
        if abs(total[k - 1]) < math.log(WARMUP_FACTOR) or abs(total[k]) < math.log(WARMUP_FACTOR):
            continue
        if total[k] > 0 and smooth[k] >= math.log(WARMUP_FACTOR):
            turns.append((turn, "lr_increase", reach))
        elif total[k] < 0 and smooth[k - 1] >= math.log(WARMUP_FACTOR) and not (
                k == 1 and warm_end is not None and before[0] <= 1):
            turns.append((turn, "lr_peak", reach))
    return turns


# Sampled moves this many samples apart (this many intervals of a stepped schedule) are one span.
STEPS_APART = 2


def _smooth_spans(steps, lr, small_moves, warm_end, ends: np.ndarray, stepped: bool = False) -> list[SmoothSpan]:
    """Stretches of small moves, cut where the LR jumps or turns round (indices ``ends``)."""
    spans = []
    idx = np.flatnonzero(small_moves)
    if len(idx) == 0:
        return spans
    # Moves of an LR stepped at a fixed interval (``_stepped``), which the even sample sees every few
    # samples, are one run; irregular small cuts stay apart.
    hold = max(STEPS_APART, STEPS_APART * int(np.median(np.diff(idx)))) if stepped and len(idx) > 1 else STEPS_APART
    breaks = np.union1d(np.flatnonzero(np.diff(idx) > hold) + 1, np.searchsorted(idx, ends)).astype(int)
    for run in np.split(idx, breaks):
        if len(run) == 0:
            continue
        a, b = int(run[0]), int(run[-1]) + 1
        # Back to where the LR first moved this way: a cosine's first moves, near its top, fall
        # under the tolerance, and the span would start a tenth of the way in.
        lo = max([0, *(int(e) for e in ends if e <= a)])
        down = lr[b] < lr[a]
        while a > lo and (lr[a - 1] > lr[a] if down else lr[a - 1] < lr[a]):
            a -= 1
        if warm_end is not None and a <= warm_end:
            # The warmup is reported as its end, not as a smooth span; so is the rest of its rise (a
            # logged point past its turn: YOLOv8's per-epoch LR) and the LR held at its top.
            a = warm_end
            while a < b and lr[a + 1] >= lr[a]:
                a += 1
        if b - a < 3:
            continue
        spans.append(SmoothSpan(int(steps[a]), int(steps[b]), float(lr[a]), float(lr[b]),
                                _shape(lr[a: b + 1])))
    return spans


# Shares of a cosine's half period a span cut short may cover.
PARTIAL_COSINE = (0.25, 0.5, 0.75)


def _shape(lr: np.ndarray) -> str:
    if lr[-1] > lr[0]:
        return "rising"
    x = np.linspace(0, 1, len(lr))
    y = (lr - lr[-1]) / (lr[0] - lr[-1]) if lr[0] != lr[-1] else np.zeros_like(lr)
    # 1-sqrt: the cooldown of warmup-stable-decay schedules (Hägele et al. 2024), read "exponential".
    shapes = {"linear": 1 - x, "cosine": 0.5 * (1 + np.cos(np.pi * x)), "1-sqrt": 1 - np.sqrt(x)}
    errs = {k: float(np.mean((y - v) ** 2)) for k, v in shapes.items()}
    # A cosine cut short (a log still being written, a last warm-restart cycle the run stopped in)
    # covers only the start of its arc.
    for part in PARTIAL_COSINE:
        arc = (np.cos(np.pi * part * x) - np.cos(np.pi * part)) / (1 - np.cos(np.pi * part))
        errs["cosine"] = min(errs["cosine"], float(np.mean((y - arc) ** 2)))
    ly = np.log(lr)
    expo = np.polyfit(x, ly, 1)
    errs["exponential"] = float(np.mean(((np.exp(np.polyval(expo, x)) - lr[-1]) / (lr[0] - lr[-1]) - y) ** 2)) \
        if lr[0] != lr[-1] else math.inf
    # The transformer's inverse square root (lr ~ 1/sqrt(step)), through both ends: the steps span
    # a ratio of (first / last)^2.
    if lr[-1] > 0 and lr[0] > lr[-1]:
        inv = lr[0] / np.sqrt(1 + ((lr[0] / lr[-1]) ** 2 - 1) * x)
        errs["inverse square root"] = float(np.mean(((inv - lr[-1]) / (lr[0] - lr[-1]) - y) ** 2))
    # A polynomial decay (1 - x)^p to its end value, with p read by least squares in log space:
    # named only when p is plainly not 1, where it is the linear decay.
    inside = (y > 0) & (x < 1)
    if inside.sum() >= 3:
        lx = np.log1p(-x[inside])
        power = float(lx @ np.log(y[inside]) / (lx @ lx))
        if power > 0 and not POLY_LINEAR[0] <= power <= POLY_LINEAR[1]:
            errs[f"polynomial (power {power:.2g})"] = float(np.mean((y - (1 - x) ** power) ** 2))
    return min(errs, key=errs.get)


# A polynomial decay whose power falls in here is called linear.
POLY_LINEAR = (0.8, 1.25)


_ENTRY = re.compile(r"^\s*([0-9.eE+-]+)\s*@\s*(\d+)\s*$")


def parse_lr_schedule(text: str) -> list[tuple[int, float]]:
    """``"0.1@0,0.01@30,0.001@60"`` -> [(0, 0.1), (30, 0.01), (60, 0.001)]."""
    points = []
    for part in text.split(","):
        m = _ENTRY.match(part)
        if not m:
            raise CurvedocError(f"--lr-schedule: cannot read {part.strip()!r}; write LR@STEP, e.g. 0.1@0,0.01@30")
        if len(m.group(2)) > 16:  # past 2^53 (and Python's int() refuses past 4,300 digits)
            raise CurvedocError("--lr-schedule: steps must be from 0 to 2^53")
        try:
            points.append((int(m.group(2)), float(m.group(1))))
        except ValueError:
            raise CurvedocError(f"--lr-schedule: {m.group(1)!r} is not a number") from None
    if any(b[0] < a[0] for a, b in zip(points, points[1:])):
        # Sorted, 0.1@0,0.01@30,0.001@20 would read as a decay and then a raise: a typo, said.
        raise CurvedocError(f"--lr-schedule: steps must come in order, got {text.strip()!r}")
    if any(not (0 < lr < math.inf) for _, lr in points):
        # 1e400 is read as inf: "must be positive" said nothing of what was wrong with it.
        raise CurvedocError("--lr-schedule: learning rates must be positive, finite numbers")
    check_steps([s for s, _ in points], "--lr-schedule")
    return points


def schedule_from_points(points: list[tuple[int, float]]) -> Schedule:
    steps = np.array([s for s, _ in points], dtype=np.int64)
    lr = np.array([v for _, v in points], dtype=float)
    sched = Schedule(source="user", lr_steps=steps, lr_values=lr)
    for (s0, a), (s1, b) in zip(points, points[1:]):
        if abs(b / a - 1) > REL_TOL:
            sched.changes.append(ScheduleChange(s1, "lr_decay" if b < a else "lr_increase", a, b, source="user"))
    return sched


def schedule_from_milestones(milestones: list[int], gamma: float, base_lr: float = 1.0) -> Schedule:
    """PyTorch's MultiStepLR: the LR times ``gamma`` at each milestone."""
    check_gamma(gamma)
    at = {0: base_lr}
    try:
        for i, m in enumerate(sorted(milestones)):
            at[int(m)] = base_lr * gamma ** (i + 1)  # a milestone given twice applies gamma twice, at once
    except OverflowError:
        at[0] = math.inf
    if any(not 0 < lr < math.inf for lr in at.values()):
        raise CurvedocError(f"--gamma {gamma:g} over {len(milestones)} milestones takes the LR past what a float "
                            "holds")
    return schedule_from_points(sorted(at.items()))


def parse_milestones(text: str) -> list[int]:
    try:
        milestones = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise CurvedocError(f"--milestones: expected integers like 30,60, got {text!r}") from None
    if not milestones:
        raise CurvedocError(f"--milestones: no milestone in {text!r}; write steps like 30,60")
    # MultiStepLR applies a repeated one twice; "milestones": they may be epochs (--milestone-unit).
    check_steps(milestones, "--milestones", repeats=True, what="milestones")
    return milestones


def check_gamma(gamma: float) -> float:
    if not (0 < gamma < math.inf) or gamma == 1:
        raise CurvedocError(f"--gamma: the factor at each milestone must be a positive number other than 1, "
                            f"got {gamma:g}")
    return gamma


# Steps are int64 everywhere downstream; a step no log could reach is a typo.
MAX_STEP = 2**53


def check_steps(steps: list[int], option: str, repeats: bool = False, what: str = "steps") -> None:
    if any(not 0 <= s < MAX_STEP for s in steps):
        raise CurvedocError(f"{option}: {what} must be from 0 to 2^53")
    if not repeats and len(set(steps)) < len(steps):
        raise CurvedocError(f"{option}: two learning rates at one step")
