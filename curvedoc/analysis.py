"""Run-level analysis: detect in every metric, build the schedule, link, explain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from curvedoc.detect import (DEFAULT_CONFIG, HELD_OUT, DetectConfig, SeriesAnalysis, analyze_series,
                             guess_higher_is_better, known_direction, linkable)
from curvedoc.errors import CurvedocError
from curvedoc.run import Run, counts_up, few, is_accumulation, is_best_so_far, is_loss_scale
from curvedoc.schedule import (Schedule, add_batch_size, add_epoch_lengths, check_steps, schedule_from_milestones,
                               schedule_from_points, schedule_from_series)


@dataclass
class UserSchedule:
    """What the user told us about the schedule when the log does not say."""

    points: list[tuple[int, float]] | None = None
    milestones: list[int] | None = None
    gamma: float = 0.1
    unit: str = "step"  # or "epoch"
    steps_per_epoch: int | None = None  # where an epoch's updates start when the log has no epoch column


@dataclass
class RunAnalysis:
    run: Run
    schedule: Schedule
    metrics: list[SeriesAnalysis] = field(default_factory=list)
    epochs: tuple[np.ndarray, np.ndarray] | None = None  # (steps, epoch) pairs as logged
    not_analysed: list[str] = field(default_factory=list)  # metrics past MAX_METRICS, left out unasked
    _settings: list[SettingChange] | None = field(default=None, repr=False)

    @property
    def settings(self) -> list[SettingChange]:
        """Where a setting logged beside the curves changed (read once, when first asked)."""
        if self._settings is None:
            # A column analysed as a metric is none: one the name leaves open is analysed only when
            # named (`--metric modes_covered`), and a count of modes covered moves in steps too.
            analysed = {sa.name for sa in self.metrics}
            self._settings = [c for c in setting_changes(self.run) if c.column not in analysed]
        return self._settings

    def epoch_at(self, step: int) -> float | None:
        """The epoch the log gives at ``step``: a whole-epoch counter steps from one epoch to the
        next, so between two logged values it is the earlier one (3 until step 625, not 3.8 at 624)."""
        if self.epochs is None or len(self.epochs[0]) == 0:
            return None
        s, e = self.epochs
        if self.run.step_axis != "epoch" and np.all(e == np.floor(e)):
            return float(e[max(0, int(np.searchsorted(s, step, side="right")) - 1)])
        return self.epoch_position(step)

    def epoch_position(self, step: int) -> float | None:
        """How far into training ``step`` is, in epochs, read between the logged values: near a
        whole number only close to an epoch's start, whatever the counter logs."""
        if self.epochs is None or len(self.epochs[0]) == 0:
            return None
        if self.run.step_axis == "epoch":
            return float(step)
        s, e = self.epochs
        return float(np.interp(step, s, e))


def analyze(source, metrics: list[str] | None = None, higher_is_better: bool | None = None,
            user_schedule: UserSchedule | None = None, format: str | None = None,
            config: DetectConfig = DEFAULT_CONFIG, also: list[str] | None = None) -> list[RunAnalysis]:
    """Analyse a log path (or runs already read, or a DataFrame) and explain every event found.
    ``metrics`` narrows the analysis to those named; ``also`` adds those named to the default choice
    (``check``'s configured metrics: past the cap, or whose names say no direction)."""
    import pandas as pd

    from curvedoc.explain import explain_run
    from curvedoc.readers import read
    from curvedoc.readers.csv_generic import frame_to_run

    if isinstance(source, pd.Series):  # one curve, its index the step
        source = source.to_frame("value" if source.name is None else str(source.name))
    if isinstance(source, pd.DataFrame):
        runs = [frame_to_run(source)]
    else:
        runs = source if isinstance(source, list) else read(Path(source), format)
    _check_readable_metrics(runs)
    out = []
    for run in runs:
        # Every metric is analysed, so that rules can see the run's other curves
        # (train and validation together); --metric only narrows the report.
        ra = analyze_run(run, None, higher_is_better, user_schedule, config)
        if metrics or also:
            extra = [c for c in _metric_columns(run, metrics or also) if c not in {m.name for m in ra.metrics}]
            if extra:
                ra.metrics += analyze_run(run, extra, higher_is_better, user_schedule, config).metrics
                ra.not_analysed = [c for c in ra.not_analysed if c not in extra]
        explain_run(ra)
        if metrics:
            ra.metrics = [m for m in ra.metrics if m.name in metrics]
            if ra.metrics:  # none at all is refused below, with every run's metrics named
                _say_not_analysed(run, [c for c in metrics if c not in {m.name for m in ra.metrics}])
        else:
            _say_left_out(run, [m.name for m in ra.metrics])
        out.append(ra)
    if metrics and not any(ra.metrics for ra in out):
        names = sorted({c for ra in out for c in ra.run.columns_with_role("metric")})
        # A column the log has, in another role (the LR, the epoch, a batch size): say which.
        roles = {c: ra.run.role(c) for ra in out for c in metrics if c in ra.run.frame.columns}
        other = "".join(f"; {c} is read as {ROLE_WORDS.get(role, role)}, not a metric" for c, role in roles.items())
        asked = ", ".join(m if m and m == m.strip() and "," not in m else repr(m) for m in metrics)
        # Named by its path when it is one: given several logs, the one that lacks the metric.
        raise CurvedocError(f"no metric named {asked}{other}; the log's metrics: {', '.join(names)}",
                            source if isinstance(source, (str, Path)) else None)
    return out


ROLE_WORDS = {"lr": "the learning rate", "epoch": "the epoch", "batch_size": "the batch size",
              "grad_norm": "a gradient norm", "wall_time": "a time", "other": "a counter or setting"}


def _say_not_analysed(run: Run, names: list[str]) -> None:
    """A --metric the run has in another role (the LR) or not at all, beside ones it analyses."""
    for name in names:
        role = run.role(name) if name in run.frame.columns else None
        _warn(run, f"--metric {name}: read as {ROLE_WORDS.get(role, role)}, not a metric" if role
              else f"--metric {name}: no such column in this run")


def _check_readable_metrics(runs: list[Run]) -> None:
    """Refuse runs with nothing a diagnosis (or a gate) could rest on: no metric column at all
    (only steps, times, the LR), or every metric NaN or inf from the first point. One metric
    NaN throughout beside others (a validation loss never computed) is only a note."""
    where = ", ".join(sorted({str(run.source) for run in runs})) or None
    if not any(run.columns_with_role("metric") for run in runs):
        kept = sorted({f"{c} ({run.role(c)})" for run in runs for c in run.frame.columns})
        # What the reader set aside may be the metric itself (a scalar it could not read as one number).
        skipped = list(dict.fromkeys(w for run in runs for w in run.warnings if "skipped" in w))[:2]
        raise CurvedocError(f"no metric in the log, only {', '.join(kept) or 'steps'}"
                            + (f" ({'; '.join(skipped)})" if skipped else ""), where)
    if not any(np.isfinite(run.frame[c].to_numpy()).any() for run in runs for c in run.columns_with_role("metric")):
        raise CurvedocError("no metric has a finite value: every logged value is NaN or inf", where)


def analyze_run(run: Run, metrics: list[str] | None = None, higher_is_better: bool | None = None,
                user_schedule: UserSchedule | None = None,
                config: DetectConfig = DEFAULT_CONFIG) -> RunAnalysis:
    epochs = _epochs(run)
    ra = RunAnalysis(run=run, schedule=build_schedule(run, user_schedule, epochs), epochs=epochs)
    steps = run.frame.index
    span = float(steps[-1] - steps[0]) if len(steps) else 0.0
    expected = _expected_effects(ra.schedule, span)
    anneal_ends = {s.start: s.end for s in ra.schedule.short_anneals(span)}
    columns = _metric_columns(run, metrics)
    if not metrics and len(columns) > MAX_METRICS:
        warning = (f"{len(columns)} metrics: the first {MAX_METRICS} are analysed ({columns[0]} to "
                   f"{columns[MAX_METRICS - 1]}); name others with --metric")
        _warn(run, warning)
        columns, ra.not_analysed = columns[:MAX_METRICS], columns[MAX_METRICS:]
    unknown = [c for c in columns if not known_direction(c)]
    if higher_is_better is None and unknown:
        warning = (f"{', '.join(unknown)}: the name does not say which way is better; read as lower is better "
                   "(a loss), --higher-is-better reads it as a score")
        _warn(run, warning)
    for column in columns:
        s = run.series(column)
        if _stopped_after_blowing_up(run, column, s, higher_is_better):
            s = run.series(column)
        else:
            _stopped_early(run, column, s)
        result = analyze_series(s.index.to_numpy(), s.to_numpy(), column, higher_is_better, config,
                                epoch_starts=_epoch_starts(run, epochs), schedule_steps=expected,
                                anneal_ends=anneal_ends)
        for ev in result.events:
            ev.epoch = ra.epoch_at(ev.step)
        ra.metrics.append(result)
    link_events(ra.metrics, run)
    return ra


# Without --metric, at most this many metrics of a run are analysed: a log of 10^4 columns (per-class
# or per-layer series) would take minutes, and a report of them all is no diagnosis.
MAX_METRICS = 50
# A loss whose last logged value is this many times its median, and which is then no longer
# logged while the run goes on, went non-finite: exports write NaN as an empty cell (pandas'
# to_csv of a W&B history), and the run's other columns carry on past it.
BLOWN_UP = 1e3


def _stopped_after_blowing_up(run: Run, column: str, s, higher_is_better: bool | None) -> bool:
    """Read such a loss (``s``: its logged points) as non-finite from the run's next step on, and
    say so. Whether it was."""
    if higher_is_better if higher_is_better is not None else guess_higher_is_better(column):
        return False
    v = s.to_numpy()
    if len(v) < 8 or not (np.isfinite(v[-1]) and v[-1] > 0):
        return False
    steps = s.index.to_numpy()
    later = run.frame.index[run.frame.index > steps[-1]]
    if len(later) == 0 or later[-1] - steps[-1] < 3 * float(np.median(np.diff(steps))):
        return False  # the log ends with it (a run still being written, or stopped)
    level = float(np.median(np.abs(v[np.isfinite(v)])))
    if not v[-1] >= BLOWN_UP * level:
        return False
    gone = int(later[0])
    run.nan_steps[column] = np.append(run.nan_steps.get(column, np.array([], dtype=np.int64)), gone)
    run.warnings.append(f"{column} stops at step {steps[-1]} after growing to {v[-1]:.4g} ({v[-1] / level:.3g}x its "
                        f"median) while the run goes on to step {later[-1]}: read as non-finite from step {gone} "
                        "(a NaN written as an empty cell?)")
    return True


def _stopped_early(run: Run, column: str, s) -> None:
    """Say so when a metric logged on every row of the run stops, and the run's rows go on for a tenth
    of them or more: a NaN written as an empty cell (pandas' ``to_csv``) or as ``null`` (``to_json``)
    reads as not logged, and the run is judged up to the metric's last value."""
    if len(s) < MIN_ROWS_BEFORE_STOP or run.format not in ROW_FORMATS:
        return  # series logged apart (MLflow, TensorBoard) end where each ends: system metrics run on
    rows = run.frame.index
    upto = int(rows.searchsorted(s.index[-1], side="right"))
    after = len(rows) - upto
    if len(s) < EVERY_ROW_SHARE * upto or after < max(3, STOPPED_SHARE * upto):
        return
    run.warnings.append(f"{column} is logged on every row up to step {s.index[-1]} and on none of the {after} "
                        f"after it, to step {rows[-1]}: {STOPPED_EARLY} (a NaN written as an empty cell or a "
                        "JSON null reads so)")


STOPPED_EARLY = "judged up to there"
# Logs of rows, a cell per metric, where a NaN may be written as an empty cell or a null.
ROW_FORMATS = frozenset({"csv", "lightning_csv", "wandb_history", "wandb_panel", "json", "keras_csv", "parquet"})
MIN_ROWS_BEFORE_STOP = 20
EVERY_ROW_SHARE = 0.95
STOPPED_SHARE = 0.1


# What each schedule change does to a metric if it shows: a lower LR or a
# larger batch lets the loss settle lower, a restart knocks it up. A warmup end
# bends the slope rather than moving the level: it only bounds the windows.
_EFFECT = {"lr_decay": True, "batch_size_increase": True, "lr_increase": False}


def _expected_effects(schedule: Schedule, span: float) -> list[tuple[int, bool | None]]:
    # A short anneal is tested where it starts, as a step decay is. The decay that ends a blip only
    # bounds the windows: the metric coming back from the blip there was read as a decay's drop.
    undo = {id(c) for c in schedule.blip_ends(span)}
    return sorted([(ch.step, None if id(ch) in undo else _EFFECT.get(ch.kind)) for ch in schedule.changes]
                  + [(s.start, True) for s in schedule.short_anneals(span)], key=lambda c: c[0])


def _warn(run: Run, warning: str) -> None:
    """A warning said once: a run analysed again (watch, compare) would repeat it."""
    if warning not in run.warnings:
        run.warnings.append(warning)


def _metric_columns(run: Run, wanted: list[str] | None) -> list[str]:
    columns = run.columns_with_role("metric")
    if wanted:
        # A gradient norm is no measure of progress, but named it is analysed: its spikes are the
        # first sign of an unstable run.
        return [c for c in columns + run.columns_with_role("grad_norm") if c in wanted]
    # By default only curves whose better direction the name tells (losses,
    # accuracies): a parameter norm's drop is neither good nor bad news.
    known = [c for c in columns if known_direction(c)]
    return known or [c for c in columns if not _counter(run.series(c))] or columns


def _counter(s) -> bool:
    """Whether a series counts (a second iteration counter beside the step, ``Eit 12400`` on a line
    stepped by ``[5][1069/2266]``): whole numbers rising at every point. A loss or a score never does,
    and a counter read as a loss led the summary of a run whose loss was stuck."""
    v = s.to_numpy(dtype=float)
    return len(v) >= COUNTER_POINTS and bool(np.all(np.isfinite(v))) and counts_up(v)


# Points a series needs to be read as a counter.
COUNTER_POINTS = 5


def _say_left_out(run: Run, analysed: list[str]) -> None:
    """Name the metrics the default choice left out, which would otherwise vanish without a word."""
    left = [c for c in run.columns_with_role("metric") if c not in analysed and not known_direction(c)]
    counters = [c for c in left if _counter(run.series(c))]
    left = [c for c in left if c not in counters]
    if analysed and counters:
        _warn(run, f"not analysed, whole numbers rising at every point (a counter): {few(counters)} (name one with "
                   "--metric)")
    if analysed and left:
        _warn(run, f"not analysed, the name does not say which way is better: {few(left)} (name one with --metric, "
                   "and --higher-is-better for a score)")


def _epochs(run: Run):
    if run.step_axis == "epoch":
        idx = run.frame.index.to_numpy()
        return idx, idx.astype(float)
    cols = run.columns_with_role("epoch")
    if not cols:
        return None
    s = run.frame[cols[0]]
    s = s[np.isfinite(s.to_numpy(dtype=float))]  # an epoch of inf or NaN places no step
    if len(s) < 2 or s.nunique() < 2:
        return None  # one epoch throughout (online SGD's single pass): "epoch 0" beside every event says nothing
    if _closes_epochs(run, s):
        # Each value closes its epoch: the steps after it are the next epoch's, from the log's first step
        # on. Read as a counter written at an epoch's start, a decay at epoch 20 was printed at 19.
        steps = np.concatenate(([run.frame.index[0]], s.index.to_numpy()[:-1] + 1))
        return steps, np.concatenate(([s.iloc[0]], s.to_numpy()[:-1] + 1))
    return s.index.to_numpy(), s.to_numpy()


def _closes_epochs(run: Run, epoch) -> bool:
    """Whether a whole-number epoch counter is written once an epoch, on the rows that close it: the
    rows of the held-out metrics (W&B's Keras callback, a loop logging ``{"epoch": e, "val_loss": ...}``
    at an epoch's end), between rows of a training metric logged per batch that never carry it."""
    values = epoch.to_numpy()
    if not np.all(values == np.floor(values)) or np.any(np.diff(values) != 1):
        return False
    metrics = run.columns_with_role("metric")
    held = [c for c in metrics if HELD_OUT.search(c)]
    train = [c for c in metrics if c not in held]
    if not held or not train:
        return False
    rows = run.frame.index.isin(epoch.index)
    logged = run.frame[train].notna()
    dense = logged[logged.sum().idxmax()].to_numpy()  # the per-batch training curve
    val_rows = run.frame[held].notna().any(axis=1).to_numpy()
    return dense.sum() > 2 * rows.sum() and not (dense & rows).any() and bool(np.all(val_rows[rows]))


def _epoch_starts(run: Run, epochs):
    """First logged step of each epoch, for runs logged per step (None on an epoch axis)."""
    if epochs is None or run.step_axis == "epoch":
        return None
    steps, ep = epochs
    first = np.flatnonzero(np.diff(_epoch_index(ep)) > 0) + 1
    return steps[first] if len(first) else None


def _epoch_crossings(epochs) -> np.ndarray | None:
    """The first steps of the epochs a fractional epoch column (steps done / steps per epoch) starts,
    read between the logged points: the step after the one where it reaches each whole number,
    which is the last of the epoch before (``_epoch_index``). None for a whole-number column
    (Lightning's), which gives no more than the first logged steps."""
    steps, ep = epochs
    if not _fractional(ep) or np.any(np.diff(ep) < 0):
        return None
    whole = np.arange(np.ceil(ep[0] + 1e-9), np.floor(ep[-1] - 1e-9) + 1)
    return np.interp(whole, ep, steps.astype(float)) + 1 if len(whole) else None


def _epoch_index(ep: np.ndarray) -> np.ndarray:
    """The epoch each point is in. A fractional epoch (Hugging Face's: steps done / steps per
    epoch) reaches k exactly at the last step of epoch k - 1: that point still averages the old
    epoch's batches. A whole-number column (Lightning's) is the index itself."""
    return np.ceil(ep - 1e-6) - 1 if _fractional(ep) else np.floor(ep + 1e-6)


def _fractional(ep: np.ndarray) -> bool:
    """Whether an epoch column counts fractions of epochs (Hugging Face's) rather than whole ones."""
    return bool(np.any(np.abs(ep - np.round(ep)) > 1e-6))


def _first_step_of_epoch(epochs, epoch: float) -> int:
    """The step a schedule given in epochs changes at: the first of that epoch (a decay for epoch
    10 does not act in epoch 9.99); between logged points for a fractional one."""
    steps, ep = epochs
    if float(epoch).is_integer():
        at = int(np.searchsorted(_epoch_index(ep), epoch, side="left"))
        if at < len(steps):
            return int(steps[at])
    return int(np.ceil(np.interp(epoch, ep, steps) - 1e-9))


def _counts_from_one(epochs) -> bool:
    """Whether the log numbers its epochs from 1 (Keras's printed ``Epoch 1/40``, a hand-written
    loop's ``epoch + 1``): its first epoch, a whole number, is 1."""
    _, ep = epochs
    return len(ep) > 0 and float(ep[0]) == 1.0 and bool(np.all(ep == np.round(ep)))


def build_schedule(run: Run, user: UserSchedule | None, epochs) -> Schedule:
    lr_cols = run.columns_with_role("lr")
    if user is not None and (user.points or user.milestones):
        points = user.points or []
        if user.milestones:
            sched = schedule_from_milestones(user.milestones, user.gamma)
            points = list(zip(sched.lr_steps.tolist(), sched.lr_values.tolist()))
        if user.unit == "epoch" and epochs is not None and _counts_from_one(epochs):
            # PyTorch's and Keras's schedulers count epochs from 0: milestone 30 acts from the 31st
            # epoch, which a log counting from 1 writes as epoch 31.
            points = [(e + 1 if e > 0 else e, lr) for e, lr in points]
            _warn(run, "the log counts epochs from 1: the schedule's epochs (counted from 0, as PyTorch's and "
                       "Keras's schedulers count them) are placed one later")
        if user.unit == "epoch" and run.step_axis != "epoch" and epochs is None:
            if user.steps_per_epoch is None:
                raise CurvedocError("--milestone-unit epoch needs an epoch column in the log, or --steps-per-epoch N",
                                    run.source)
            # Epoch e's first update is the e * N + 1st: a global step counted from 0 (Lightning's, a
            # TensorBoard writer's) logs it as e * N, one counted from 1 (HF's) as e * N + 1.
            points = [(e * user.steps_per_epoch, lr) for e, lr in points]
            # Each factor within range, the product not: an overflow deep in the schedule's arrays.
            check_steps([s for s, _ in points], "--steps-per-epoch", repeats=True, what="epochs x steps per epoch")
        elif user.steps_per_epoch is not None:
            _warn(run, "--steps-per-epoch not used: the log's own epochs place the schedule")
        if user.unit == "epoch" and run.step_axis != "epoch" and epochs is not None:
            # An epoch the log never reaches has no first step: it was put at the log's last one,
            # and "decays at 6240" said of a milestone at epoch 1,000,000.
            last_epoch = float(np.nanmax(epochs[1]))
            beyond = [e for e, _ in points if e > last_epoch]
            if beyond:
                given = "--milestones" if user.milestones else "--lr-schedule"
                _warn(run, f"{given}: epoch{'s' * (len(beyond) > 1)} {', '.join(f'{e:.10g}' for e in beyond)} past the "
                           f"log's last epoch ({last_epoch:g}), so nothing there to test")
            points = [(_first_step_of_epoch(epochs, e), lr) for e, lr in points if e <= last_epoch]
        sched = schedule_from_points(points)
        if user.milestones:
            for ch in sched.changes:  # the LR itself is not given: only the factors are
                ch.source = "milestones"
        if lr_cols:
            warning = f"the log's own LR ({lr_cols[0]}) set aside for the schedule given on the command line"
            _warn(run, warning)
        last = int(run.frame.index.max()) if len(run.frame.index) else 0
        beyond = [c.step for c in sched.changes if c.step > last]
        if beyond:
            given = "--milestones" if user.milestones else "--lr-schedule"
            _warn(run, f"{given}: {', '.join(map(str, beyond))} past the log's last {run.step_axis} ({last}), "
                       "so nothing there to test")
    elif lr_cols:
        sched = _lr_schedule(run, lr_cols)
    else:
        sched = Schedule()
    # A batch size logged, or else the gradient accumulation, which multiplies it: the first of them that
    # changes (a constant batch size beside a changing accumulation says nothing of the change).
    accumulated = [c for c in run.columns_with_role("other") if is_accumulation(c)]
    sizes = run.columns_with_role("batch_size") + accumulated
    for col in sorted(sizes, key=lambda c: run.frame[c].dropna().nunique() < 2):
        s = run.frame[col].dropna()
        add_batch_size(sched, s.index.to_numpy(), s.to_numpy(), col)
        break
    else:
        starts = _epoch_starts(run, epochs)
        if starts is not None and len(starts) > 3:
            idx = run.frame.index.to_numpy()
            spacing = float(np.median(np.diff(idx))) if len(idx) > 1 else 1.0
            steps, ep = epochs
            exact = _epoch_crossings(epochs)
            if exact is not None and len(exact) > 4:
                # A fractional epoch (steps done / steps per epoch) gives each epoch's end between logged
                # points: lengths read from logged starts are rounded to the logging interval (epochs of
                # 23.4 updates logged every 10 measured 20 or 30, and an 8x larger batch read 9.5x).
                starts = exact
            elif steps[0] <= 1.5 * spacing and _epoch_index(ep)[0] == (1 if _counts_from_one(epochs) else 0):
                # Logged from the run's first updates: the first epoch is whole too, and a change
                # after two epochs (gradient accumulation raised from the third) has two a side.
                starts = np.r_[0, starts]
            if len(starts) > 4:
                add_epoch_lengths(sched, starts, spacing, run.columns_with_role("epoch")[0])
    return sched


def _lr_schedule(run: Run, lr_cols: list[str]) -> Schedule:
    """The schedule of the log's LR column; of several (one per parameter group, as Lightning's
    LearningRateMonitor logs ``lr-SGD/pg1``, ``lr-SGD/pg2``), the one whose LR changes most often (of
    those alike, the one logged most), the others named: a decay of the head's LR alone is the run's
    schedule all the same."""
    scheds = []
    for col in lr_cols:
        s = run.frame[col].dropna()
        sched = schedule_from_series(s.index.to_numpy(), s.to_numpy(), col)
        if not len(sched.lr_values):  # a learning rate is positive: nothing in it says what the LR was
            values = s.to_numpy(dtype=float)
            # An LR of 0 throughout is the run's trouble (a warmup or a schedule misconfigured): said as such.
            zero = f"{col} is 0 at every logged point: nothing trains at an LR of 0; " if len(values) and \
                np.all(values == 0) else f"{col} holds no positive value: "
            _warn(run, zero + "read as no LR in the log")
            continue
        scheds.append(sched)
    if not scheds:
        return Schedule()
    frozen = _frozen_groups(run)
    # A schedule other groups follow in step (their LRs in one ratio throughout) is the run's: YOLOv5
    # warms its bias group's LR down from 0.1 while the weights' two groups warm up from 0, and the
    # bias group, listed first, read the warmup as a decay. The first of equals, a group that never
    # stood at 0 before one frozen for a while.
    moving = [sc for sc in scheds if sc.changes]
    best = max(scheds, key=lambda sc: (sum(_in_step(run, sc.lr_column, other.lr_column) for other in moving
                                           if other is not sc) if sc.changes else 0,
                                       len(sc.changes), not any(c.column == sc.lr_column for c in frozen),
                                       # Of columns alike, the one logged most (fairseq's LR at each log
                                       # interval, over its epoch summaries' LR)
                                       int(run.frame[sc.lr_column].count())))
    others = [sc for sc in scheds if sc is not best]
    steps = {c.step for c in best.changes}
    # Changes only at steps the chosen column changes at too are no others (a head's group cut with
    # the backbone's, whose warmup the chosen one alone has).
    elsewhere = [sc.lr_column for sc in others if {c.step for c in sc.changes} - steps]
    if others:
        # A group switched from or to an LR of 0 is a freeze, said as such (and read as a setting).
        switched = [f"{c.column} {c.before:g} -> {c.after:g} at {run.step_axis} {c.step}" for c in frozen]
        _warn(run, f"{len(scheds)} LR columns: the schedule is read from {best.lr_column}; "
              + (f"{', '.join(elsewhere)} also change{'s' * (len(elsewhere) == 1)}, at other steps" if elsewhere
                 else f"{', '.join(sc.lr_column for sc in others)} set aside")
              + (f"; a parameter group frozen or unfrozen: {', '.join(switched)}" if switched else ""))
    return best


def _in_step(run: Run, a: str, b: str) -> bool:
    """Whether two LR columns stand in one ratio wherever both are logged and positive (to float32's
    precision and the digits a log keeps: five significant ones, a part in 10^4)."""
    both = run.frame[[a, b]].dropna()
    x, y = both[a].to_numpy(dtype=float), both[b].to_numpy(dtype=float)
    keep = (x > 0) & (y > 0)
    if keep.sum() < 3:
        return False
    ratio = x[keep] / y[keep]
    return bool(np.ptp(ratio) <= 1e-4 * np.median(ratio))


@dataclass
class SettingChange:
    """A setting logged beside the curves (a weight decay, a distillation weight, a mixup switch)
    changing value at ``step``."""

    column: str
    step: int
    before: float
    after: float


# A column moving at most this many times is a setting stepped by hand or by a schedule, not a curve.
SETTING_MAX_CHANGES = 10
# Roles whose changes are read elsewhere (the LR and the batch: the schedule), or are no setting.
_NOT_SETTINGS = ("lr", "batch_size", "epoch", "wall_time", "grad_norm")
# A flag a monitor raises when it sees the run go wrong (train_collapse_detected, nan_found) is an
# outcome of the move, not a setting that made it.
# A count's name says what it counts (num_nans, num_skipped); num_classes or num_tasks is a curriculum's setting.
# Memory in use (torchvision's "max mem: 2883", in MB) is the run's measure, held over stretches as a setting is.
_OUTCOME = re.compile(r"detect|flag|collaps|(?<![a-z])(nans?|infs?)(?![a-z])|nonfinite|overflow|skipped|found|"
                      r"alarm|alert|diverg|anomal|spike|unstable|clipped|clipping|count|(?<![a-z])mem(ory)?(?![a-z])",
                      re.I)


def setting_changes(run: Run) -> list[SettingChange]:
    """Changes of the columns that hold a setting rather than a measurement: no name of a loss or
    a score, one value held over long stretches, changed a few times. The run's objective or its
    regularisation moved there: a move of a curve at that step is no sign of an unstable run."""
    out = _frozen_groups(run)
    for col in run.frame.columns:
        if run.role(col) in _NOT_SETTINGS or (run.role(col) == "metric" and known_direction(col)) \
                or is_loss_scale(col) or is_accumulation(col) or _OUTCOME.search(col) or is_best_so_far(col) \
                or HELD_OUT.search(col):
            # An fp16 loss scale has rules of its own; an accumulation is the batch's. What is read on
            # held-out data is measured, never set (a VAE's active latent units, 8 -> 4 as it collapses).
            continue
        v = run.frame[col].dropna()
        values = v.to_numpy(dtype=float)
        if len(values) < 2 * SETTING_MAX_CHANGES or not np.isfinite(values).all():
            continue
        steps = v.index.to_numpy()
        moved = np.flatnonzero(values[1:] != values[:-1])
        if not 0 < len(moved) <= SETTING_MAX_CHANGES or not all(_typed(x) for x in np.unique(values)):
            moved = _schedule_jumps(steps, values)
        out += [SettingChange(col, int(steps[i + 1]), float(values[i]), float(values[i + 1])) for i in moved]
    return sorted(out, key=lambda c: c.step)


def _schedule_jumps(steps: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Where a setting ramped by a schedule jumps: a column of straight ramps (RAMP_INTERVALS logged
    intervals at one slope at least, as no measurement moves) and holds, broken by at most
    SETTING_MAX_CHANGES jumps of a quarter of its range or more in one logged interval. A cyclical KL
    weight, ramped 0 -> 1 and reset to 0 every 500 steps, changes at every step and was no setting; the
    losses that fell at each reset were plateau escapes. Whole numbers are left out: a batch counter that
    restarts at each epoch is a sawtooth too."""
    none = np.array([], dtype=int)
    span = float(np.ptp(values))
    if span == 0 or np.all(values == np.round(values)):
        return none
    slope = np.diff(values) / np.diff(steps)
    # One slope to the precision the values were written in (float32's, relative to the column's size).
    same = np.abs(np.diff(slope)) <= np.maximum(SLOPE_PRECISION * np.abs(slope[1:]),
                                                4 * FLOAT32_EPS * float(np.max(np.abs(values))))
    bends = np.count_nonzero(~same)
    jumps = np.flatnonzero(np.abs(np.diff(values)) >= 0.25 * span)
    # Each jump bends the slope twice, into it and out; each ramp's ends once more.
    if not 0 < len(jumps) <= SETTING_MAX_CHANGES or bends > SCHEDULE_BENDS_PER_JUMP * len(jumps) + 2:
        return none
    ramped = same & (slope[1:] != 0)
    runs = np.diff(np.flatnonzero(np.diff(np.concatenate(([0], ramped.astype(np.int8), [0])))))[::2]
    return jumps if len(runs) and runs.max() + 1 >= RAMP_INTERVALS else none


# Slopes within this share of each other are one slope.
SLOPE_PRECISION = 1e-3
FLOAT32_EPS = 1.2e-7
# Bends of the slope a ramped schedule makes per jump: into and out of the jump, the ramp's end, and a hold's.
SCHEDULE_BENDS_PER_JUMP = 4
# Logged intervals at one slope that make a ramp.
RAMP_INTERVALS = 5


# A setting is a number someone wrote: this many significant digits at most. A measurement that
# stalls (a dead unit's mean activation, 4.0e-4, 9.2e-5, 1.05e-5, 9.87e-6, then 1.0e-5 to the end)
# holds a value over long stretches too, to all the digits logged.
SETTING_DIGITS = 4


def _typed(x: float) -> bool:
    # Within float32's precision: TensorBoard keeps 0.01 as 0.009999999776.
    return abs(x - float(f"{x:.{SETTING_DIGITS}g}")) <= 1e-6 * abs(x)


def _frozen_groups(run: Run) -> list[SettingChange]:
    """An LR column switched in one step between 0 and the LR its group trains at (a tenth of its
    median positive value at least), held at 0 for two logged points at least: a parameter group
    frozen or unfrozen (a backbone fine-tuned from step 1000 after its head), which no schedule of LR
    values says. A warmup from 0 or a decay to 0 passes through small LRs: a schedule."""
    out = []
    for col in run.frame.columns:
        if run.role(col) != "lr":
            continue
        v = run.frame[col].dropna()
        values = v.to_numpy(dtype=float)
        off = values <= 0
        switched = np.flatnonzero(off[1:] != off[:-1])
        if not 0 < len(switched) <= SETTING_MAX_CHANGES:
            continue  # never at 0, or switched too often to be a group frozen: no median of the column
        # The stretch at 0 on the switch's side: two points at least, the one before it or the two after.
        held = all(off[i - 1] if off[i] else i + 2 < len(off) and off[i + 2] for i in switched if i >= 1 or not off[i])
        working = 0.1 * float(np.median(values[~off])) if (~off).any() else 0.0
        sharp = all(max(values[i], values[i + 1]) >= working for i in switched)
        if held and sharp and not (off[0] and switched[0] == 0):
            steps = v.index.to_numpy()
            out += [SettingChange(col, int(steps[i + 1]), float(values[i]), float(values[i + 1])) for i in switched]
    return out


def link_events(results: list[SeriesAnalysis], run: Run) -> None:
    """Mark moves seen in several metrics at the same step (train and validation together): drops
    and rises the same way, and spikes (one upset: a bad batch throws the held-out loss and
    accuracy off at one evaluation, and the training loss with them)."""
    gaps: dict[str, float | None] = {}  # one pass over each column, not one per pair of events
    for a in results:
        for ev in a.events:
            if ev.kind not in ("drop", "rise", "spike"):
                continue
            for b in results:
                if b is a:
                    continue
                tol = _tolerance(run, gaps, b.name, a.name)
                for other in b.events:
                    if linkable(ev, a.improves(ev), other, b.improves(other)) and abs(other.step - ev.step) <= tol \
                            and b.name not in ev.linked:
                        ev.linked.append(b.name)


def _tolerance(run: Run, gaps: dict[str, float | None], *columns: str) -> int:
    """Two logged intervals of the sparser series: validation runs less often than training.

    ``gaps`` caches each column's median logged interval (None: fewer than two points).
    """
    for c in columns:
        if c not in gaps:
            col = run.frame[c]
            logged = col.notna().to_numpy()
            idx = col.index.to_numpy()
            idx = idx if logged.all() else idx[logged]  # a column logged at every row needs no copy
            d = np.diff(idx)
            # A log at a steady interval (the common case) needs no median over a million gaps.
            gaps[c] = None if len(d) == 0 else float(d[0]) if d.min() == d.max() else float(np.median(d))
    known = [gaps[c] for c in columns if gaps[c] is not None]
    return int(2 * max(known)) if known else 0
