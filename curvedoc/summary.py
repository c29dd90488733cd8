"""A run's diagnosis in plain sentences: stages, what caused the drops, wasted plateau time, overfitting."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from curvedoc.detect import (ADVERSARIAL, DEFAULT_CONFIG, FIRST_POINTS, HELD_OUT, OBJECTIVE_TERM, diff_sd,
                             factor_text, guess_higher_is_better, line_move, log_ratio, objective_curves,
                             practical_zero, resolution, robust_sd, score_bound)
from curvedoc.explain import DATA_CHANGED, OVERFLOW_SKIPPED, PARTING, TERM_GROWN, TOTAL_LOSS, TRADED

# A held-out loss that rose this much above its best while training kept
# improving is reported as overfitting (smaller rises are noise on most runs).
OVERFIT_MIN_RISE = 0.05
# A training loss whose level ends this many times above its best got worse, plainly: smaller rises
# of a noisy per-step loss are hard to tell from its wander.
WORSE_FACTOR = 2.0
# A stretch of fewer points than this is no evidence that a stage went flat.
FLAT_MIN_POINTS = 5
# Fewer held-out points than this are read one by one (a fine-tune evaluated five times).
MIN_POINTS_FOR_LEVELS = 15
# A noise read on fewer differences than this is itself too noisy to test against (it read a
# flat held-out loss's wander as a rise on one run in twenty).
NOISE_POINTS = 30


@dataclass
class Overfitting:
    metric: str
    best_step: int
    best: float
    last_step: int
    last: float
    train_metric: str | None
    window: int = 1  # best and last are medians of this many points (1: single values)
    points: int = 0  # the held-out curve's points
    train_at_zero: bool = False  # the training curve had reached 0 as logged, rather than kept improving

    @property
    def rise(self) -> float:
        return (self.last - self.best) / abs(self.best) if self.best else 0.0


# What an instability's evidence says when the data or the objective moved rather than the run.
CHANGED_READINGS = (DATA_CHANGED, TERM_GROWN)


def _cites(e, *readings: str) -> bool:
    """Whether an event's evidence says any of ``readings``."""
    return any(r in x for x in e.evidence for r in readings)


def main_metric(ra):
    """The training loss if there is one, else the first analysed metric; of several, the one logged
    most often (a nanoGPT log's per-iteration loss, not its 'train loss' at each evaluation). A term
    of the objective (a VAE's KL) is no training loss while the objective itself (its ELBO) is logged."""
    metrics = [m for m in ra.metrics if m.n_points]
    whole = objective_curves(metrics)
    train = [m for m in whole or metrics if not m.higher_is_better and not HELD_OUT.search(m.name)] or whole
    # Of curves logged as often, the one named the whole loss: PaddleDetection logs loss_cls and loss_bbox
    # before their sum, loss, and the summary spoke of loss_cls.
    return max(train, key=lambda m: (m.n_points, bool(TOTAL_LOSS.match(m.name)))) if train else (metrics or [None])[0]


def overfitting(ra) -> Overfitting | None:
    """Where a held-out loss bottomed out and how far it rose while training kept improving; or,
    with no such loss, where a held-out score (an accuracy) peaked and how far it fell."""
    train = main_metric(ra)
    if train is not None and HELD_OUT.search(train.name):
        train = None  # a log of held-out metrics only: another of them is no training curve to compare with
    # Terms of an objective trade against the others as a model trains (a VAE's KL rising while its
    # reconstruction falls): their rise is no overfitting.
    held = [sa for sa in ra.metrics
            if HELD_OUT.search(sa.name) and sa.n_points >= 4 and not OBJECTIVE_TERM.search(sa.name)]
    # A held-out loss first: its rise is the textbook reading, and an accuracy often follows it.
    for sa in sorted(held, key=lambda m: m.higher_is_better):
        found = _overfit_on(ra, sa, train)
        if found is not None:
            return found
    return None


def _overfit_on(ra, sa, train, before: int | None = None) -> Overfitting | None:
    """Overfitting read on ``sa``'s points (before step ``before`` only, when given)."""
    s = _finite(ra, sa.name)
    if before is not None:
        s = s[s.index < before]
    if len(s) < 4:
        return None
    # Levels, medians of a twentieth of the points: a held-out loss logged per step is noisy,
    # and its luckiest point is no bottom it rose from. Three points at least, once there are
    # enough for several such levels: one lucky epoch of thirty is no bottom either. A score is
    # read upside down: its peak is the bottom, its fall the rise.
    if sa.higher_is_better and not (s.to_numpy() > 0).all():
        return None  # a score at or across zero (a return, a log-likelihood) has no share of itself to lose
    sign = -1.0 if sa.higher_is_better else 1.0
    v = sign * s.to_numpy()
    w = max(1 if len(v) < MIN_POINTS_FOR_LEVELS else 3, len(v) // 20)
    level = levels(v, w)
    best_i = int(np.nanargmin(level))
    best, last = float(level[best_i]), float(np.median(v[-w:]))
    # The last level is read on points clear of the lowest one's window: sharing some, its
    # rise is one or two noisy points. That the curve rose beyond its noise is tested on a median
    # of up to three windows of its last points, whose noise, not the lowest level's bias, then
    # limits how small a rise shows; the level it ends at is its last window's.
    last_w = w if w == 1 else max(w, min(3 * w, (len(v) - (best_i + w // 2 + 1)) // 2))
    if best_i + w // 2 >= len(v) - w or (last - best) <= OVERFIT_MIN_RISE * abs(best) \
            or float(np.median(v[-last_w:])) - best < _noise_rise(v, w, best_i, last_w):
        return None
    # The last points, not one noisy point, must stay above the best.
    tail = v[best_i + 1:]
    if len(tail) < 2 or np.median(tail) < best + OVERFIT_MIN_RISE / 2 * abs(best):
        return None
    if raised_since(ra, int(s.index[best_i]), int(s.index[-1])):
        return None  # a held-out loss standing higher at a higher LR (a cycle, a restart) is the schedule's
    since = int(s.index[max(0, best_i - w // 2)])
    at_zero = False
    if train is not None and train is not sa and not still_improving(ra, train.name, int(s.index[best_i]), since):
        # A training loss at 0 as logged (rounded to 0.0000) can improve no further: the held-out
        # loss rising meanwhile is the textbook overfitting all the same.
        at_zero = _at_logged_zero(ra, train.name, int(s.index[best_i]))
        if not at_zero:
            return None
    unstable = [e for e in sa.events if e.label == "instability" and s.index[best_i] < e.step
                and e.start_step <= s.index[-1] and not _cites(e, PARTING)]
    # A held-out loss blowing up is instability, reported as such; parting is overfitting. When the
    # curve had risen from its best before it, it overfit all the same: to the end when it was a
    # spike, which comes back; up to the jump when it was one (a held-out loss creeping up 15% over
    # twenty epochs, then up 6% more in one).
    if unstable:
        earlier = _overfit_on(ra, sa, train, before=min(e.start_step for e in unstable))
        if earlier is None or any(e.kind != "spike" for e in unstable):
            return earlier
    if train is not None and train is not sa and not at_zero \
            and not _ends_past_its_best(ra, train.name, int(s.index[best_i])):
        return None  # a held-out curve lost as training blew up and came back only part way: no memorising
    return Overfitting(sa.name, int(s.index[best_i]), sign * best, int(s.index[-1]), sign * last,
                       train.name if train is not None and train is not sa else None, w, len(v), at_zero)


def got_worse(ra, sa) -> tuple[int, float, int, float, int, float | None] | None:
    """(best step, best level, last step, last level, window, first level or None) when a training
    loss ends at ``WORSE_FACTOR`` times its best level or more, or back where it started (having
    given back ``GIVEN_BACK_ALL`` of its fall from its first points, on the log scale: the first
    level is then given), beyond what its noise allows, with no LR increase (a restart, a cycle,
    a warmup still going) after the best to account for it. A run can degrade gradually, which no
    sharp transition shows. A higher LR accounts for a higher loss, not for one back where it started:
    a warmup to an LR too high for the net, held there, took a loss from 2.29 to 1.24 and back to
    chance, and the run read "no sharp transitions found" and nothing else."""
    if sa.higher_is_better or HELD_OUT.search(sa.name):
        return None
    read = _best_and_last(ra, sa, 1.0, data_changed_at(sa))
    if read is None:
        return None
    s, v, w, best_i, best, last = read
    first = float(np.median(v[:FIRST_POINTS]))
    best_i, best = started_lower(v, best_i, best)
    if best_i >= 0.9 * len(v) or best <= 0 or last - best < _noise_rise(v, w, best_i):
        return None
    if last < practical_zero(v):
        # Ending under a millionth of where it began, a loss is at zero for any practical reading: a
        # transformer's, fallen from 2 to 5e-9, "got worse 7.6x" in float32's last digits.
        return None
    # Back where it started needs a fall to give back: a run flat from its first points is no such run
    # ("ended 1x its best ... no better than at its first points"); ``never_improved`` says what it is.
    back = _fell(first, best) and last > best and log_ratio(last, best) >= GIVEN_BACK_ALL * log_ratio(first, best)
    if last < WORSE_FACTOR * best and not back:
        return None
    best_step, last_step = int(s.index[best_i]), int(s.index[-1])
    return None if not back and raised_since(ra, best_step, last_step, int(s.index[max(0, len(v) - w)])) else \
        (best_step, best, last_step, last, w, first if back else None)


def wrecked(ra) -> bool:
    """Whether the run's training loss ended back where it started (``got_worse``'s reading): no LR
    raised since excuses its scores' fall either."""
    train = main_metric(ra)
    if train is None or train.higher_is_better or HELD_OUT.search(train.name):
        return False
    worse = got_worse(ra, train)
    return worse is not None and worse[5] is not None


def lr_rose(ra, then: int, now: int, factor: float = 1.1) -> str:
    """", while the LR rose from 0.0269 to 0.08" when the LR at ``now`` is ``factor`` times or more
    its value at ``then``; else ""."""
    lr_then, lr_now = ra.schedule.lr_at(then), ra.schedule.lr_at(now)
    return f", while the LR rose from {lr_then:.3g} to {lr_now:.3g}" if lr_then and lr_now and \
        lr_now >= factor * lr_then else ""


def _ran_away_short(ra, sa) -> str | None:
    """For a loss too short to analyse, the runaway growth ``check`` fails it for at its default
    factor, read on its points as check reads them: a fairseq loss thrown 9.57 -> 7.7e12 in seven
    points read "too few points" and nothing else."""
    from curvedoc.check import ran_away
    from curvedoc.config import RULES

    if sa.higher_is_better or any(e.kind == "divergence" for e in sa.events):
        return None
    s = _finite(ra, sa.name)
    read = ran_away(ra, s.index.to_numpy(), s.to_numpy(), RULES["no-divergence"]["runaway-factor"][1])
    if read is None:
        return None
    last, best, w, best_i = read
    best_step = int(s.index[best_i])
    levels = "single points" if w == 1 else f"medians of {w} points"
    return (f"{sa.name} ran away: it ends at {last:.4g}, {last / best:.3g}x its best, {best:.4g} at "
            f"{ra.run.step_axis} {best_step} ({levels})")


def never_improved(ra, sa) -> tuple[float, float, float, int, int] | None:
    """(first level, best level, last level, last step, window) when a training loss with no event
    never got below its first points by twice the smallest reportable move, its best level included,
    and ends where it began: a run knocked to chance early (or never off it) gets "no sharp
    transitions found", as a healthy flat run would, and says nothing of it."""
    # Spikes leave the level where it was: a run at chance still has its bad batches. A GAN's losses
    # stay level as its generator learns: no reading of progress.
    if sa.higher_is_better or HELD_OUT.search(sa.name) or ADVERSARIAL.search(sa.name) or sa.transform != "log" \
            or any(e.kind != "spike" for e in sa.events):
        return None
    # Three levels of three points each are enough to say nothing moved (a 12-epoch run at chance).
    read = _best_and_last(ra, sa, 1.0, min_points=3 * FIRST_POINTS)
    if read is None:
        return None
    s, v, w, best_i, best, last = read
    first = float(np.median(v[:FIRST_POINTS]))
    # Ending far above its first points is no run standing still (got_worse's, when beyond its noise).
    if not (first > 0 and best > 0 and last > 0) or _fell(first, best) or abs(log_ratio(last, first)) >= NO_FALL:
        return None
    # Its first point far above every later one: it learned before the second was logged (a loss logged every 500
    # steps, 4.34 at step 0 and 2.55 by 500, then little), which the first points' median hides.
    if v[0] >= OPENING_FALL * first and v[0] >= float(np.max(v[1:])):
        return None
    return first, best, last, int(s.index[-1]), w


def _fell(first: float, best: float) -> bool:
    """Whether a loss's best level lies ``NO_FALL`` or more below its first points (log scale; logs
    apart, not of the ratio: 1e-308 over 1e308 is 0 to a float)."""
    return first > 0 and best > 0 and log_ratio(first, best) >= NO_FALL


# A first logged point this many times the first points' level, and above every later point: the loss fell
# before the second was logged.
OPENING_FALL = 1.5
# A loss whose best level is not this far (log scale) below its first points never fell: twice the
# smallest reportable move.
NO_FALL = 2 * DEFAULT_CONFIG.min_log_change
# A loss that gave back this share of its fall from its first points (log scale) is back where it started;
# ending this many times its first points' level, worse than where it started.
GIVEN_BACK_ALL = 0.9
WORSE_THAN_START = 1.1


# Events that already tell a climb of the loss: its own rise, spike, blow-up or swings.
CLIMB_KINDS = ("rise", "spike", "divergence", "oscillation")


def setback(ra, sa) -> tuple[int, float, int, float, int, int] | None:
    """(best step, best level, top step, top level, step it was back by, window) when a training
    loss climbed ``WORSE_FACTOR`` times or more above its best so far, beyond its noise, and came
    back under half its top: a climb over hundreds of steps (a one-cycle LR at its peak) that no
    transition shows, and not the ending worse ``got_worse`` reads. Levels are medians of windows
    of a twentieth of the points; a climb an event already tells is left to it."""
    if sa.higher_is_better or HELD_OUT.search(sa.name):
        return None
    read = _windowed(ra, sa, 1.0)
    if read is None or read[1].min() <= 0:
        return None
    s, v, w = read
    starts, med = window_levels(v, w)
    if not np.isfinite(med).all():
        # Medians of values near the float's maximum overflow (1.7e308 and 1.7e308 average to inf): "climbed
        # back nanx ... from inf to inf" said nothing.
        return None
    climb = med / np.minimum.accumulate(med)
    top = int(np.argmax(climb))
    if climb[top] < WORSE_FACTOR:
        return None
    best = int(np.argmin(med[:top + 1]))
    back = np.flatnonzero(med[top:] <= med[top] / 2)
    if not len(back):
        return None
    # Beyond the noise on the log scale, where a per-step loss's noise is even: the lowest and
    # the highest of n/w levels each stand off the curve by the expected extreme of that many
    # draws (Blom) in a median's standard error, and two more on top.
    # The noise is the run's or, if larger, the stretch's own: a single batch's loss logged every 10
    # steps scatters more on the log scale once it nears zero after an LR cut (0.79 there, 0.55 over
    # the run), and its 15-point medians wander x3 there without a climb.
    stretch = np.log(v[starts[best]:starts[top + int(back[0])] + w])
    noise = max(robust_sd(np.diff(np.log(v))), robust_sd(np.diff(stretch)) if len(stretch) > 2 * w else 0.0)
    level_se = noise / math.sqrt(2) * median_se(w)
    extreme = max(-NormalDist().inv_cdf((1 - 0.375) / (len(v) / w + 0.25)), 0.0)
    if log_ratio(med[top], med[best]) < level_se * (2 * extreme + 2):
        return None
    centre = starts + w // 2
    at = [int(s.index[centre[i]]) for i in (best, top, top + int(back[0]))]
    if any(e.kind in CLIMB_KINDS and e.step <= at[2] and (e.end_step or e.step) >= at[0] for e in sa.events):
        return None
    return at[0], float(med[best]), at[1], float(med[top]), at[2], w


# A score that gave back this share of what it had gained since the start got worse, plainly.
SCORE_GIVEN_BACK = 0.5


def score_fell(ra, sa) -> tuple[int, float, int, float, float, int, bool] | None:
    """(best step, best level, last step, last level, share of the gain given back, window, whether the
    gain is read from the bottom of the score's scale) when a score (an accuracy, a reward) ends
    having given back ``SCORE_GIVEN_BACK`` or more of what it had gained since its start, beyond its
    noise and with no LR increase since: a collapse too slow for any transition to show."""
    if not sa.higher_is_better:
        return None
    read = _best_and_last(ra, sa, -1.0)
    if read is None:
        return None
    s, v, w, best_i, best, last = read
    best, last, first = -best, -last, -float(np.median(v[:FIRST_POINTS]))
    gain = best - first
    from_zero = gain <= 0 and score_bound(-v) > 0
    if from_zero:
        # Best at its first points (evaluated only once it had learned, then wrecked): a bounded score's
        # gain is read from the bottom of its scale. A held-out accuracy 0.65 -> 0.19 had no gain to lose.
        gain = best
    if best_i >= 0.9 * len(v) or gain <= 0 or best - last < SCORE_GIVEN_BACK * gain \
            or best - last < _noise_rise(v, w, best_i):
        return None
    best_step, last_step = int(s.index[best_i]), int(s.index[-1])
    if raised_since(ra, best_step, last_step) and not wrecked(ra):
        return None
    return best_step, best, last_step, last, (best - last) / gain, w, from_zero


# A bounded score's collapse loses at least this share of its full scale (10 points of an accuracy).
COLLAPSE_MIN_SCORE_SHARE = 0.1


def collapsed(ra, sa) -> tuple[int, float, int, float, float, int, bool] | None:
    """``score_fell``'s reading when it is a collapse ``check`` fails a run for: not a held-out score
    falling while training kept improving (the overfitting the summary says: 40% flipped labels
    memorised, val accuracy 0.95 -> 0.63), and a tenth of the score's scale at least (a noisy-label
    run's held-out accuracy, 68% -> 62%, is not)."""
    fell = score_fell(ra, sa)
    if fell is None:
        return None
    of = overfitting(ra) if HELD_OUT.search(sa.name) else None
    if of is not None and of.train_metric is not None and of.last_step >= fell[2]:
        # Overfitting read only up to a jump (a task switched) says nothing of the fall after it.
        return None
    v = ra.run.series(sa.name).to_numpy()
    if fell[1] - fell[3] < COLLAPSE_MIN_SCORE_SHARE * score_bound(v[np.isfinite(v)]):
        return None
    return fell


def _overfitting_line(ra) -> str | None:
    of = overfitting(ra)
    if of is None:
        return None
    unit = ra.run.step_axis
    tail = f" while {of.train_metric} stayed at 0 as logged" if of.train_metric and of.train_at_zero else \
        f" while {of.train_metric} kept improving" if of.train_metric else _no_training_curve(ra)
    # Read on single points, a curve this short is named as such: the same report says it has too few
    # points to look for transitions in.
    medians = f" (medians of {of.window} points)" if of.window > 1 else \
        f" (from {of.points} points, too few for medians)" if of.points < MIN_POINTS_FOR_LEVELS else ""
    turned, moved = ("peaked", "fell") if of.last < of.best else ("bottomed", "rose")
    return (f"overfitting: {of.metric} {turned} at {of.best:.4g} at {unit} {of.best_step} and {moved} "
            f"{abs(of.rise) * 100:.0f}% to {of.last:.4g} by {unit} {of.last_step}{tail}{medians}")


def _no_training_curve(ra) -> str:
    """Why no training curve was compared with: the log holds none, or none was analysed (-m)."""
    from curvedoc.run import column_role, few

    analysed = {sa.name for sa in ra.metrics}
    left = [c for c in ra.run.frame.columns if c not in analysed and column_role(c) == "metric"
            and not HELD_OUT.search(c) and not guess_higher_is_better(c) and re.search(r"loss", c, re.I)]
    if left:
        return f" (no training curve among the metrics analysed: the log holds {few(left)})"
    return " (the log holds no training curve to compare with)"


def data_changed_at(sa) -> int | None:
    """Where the last setback of this training curve that a held-out curve's gain beside it reads as
    a change of its data or objective ends: a level reached before it (on a curriculum's easy part)
    is no best the run fell back from."""
    ends = [e.end_step for e in sa.events if e.label == "instability" and _cites(e, DATA_CHANGED)]
    return max(ends) if ends else None


def _windowed(ra, sa, sign: float, since: int | None = None, min_points: int = MIN_POINTS_FOR_LEVELS):
    """(series, sign * values, window): levels are read as medians of windows of w points, a
    twentieth of the series and three at least; None when shorter than ``min_points``. ``since``:
    the points after that step only."""
    s = _finite(ra, sa.name)
    if since is not None:
        s = s[s.index > since]
    v = sign * s.to_numpy()
    if len(v) < min_points:
        return None
    return s, v, max(3, len(v) // 20)


def _best_and_last(ra, sa, sign: float, since: int | None = None, min_points: int = MIN_POINTS_FOR_LEVELS):
    """(series, sign * values, window, index of the best level, best level, last level), levels
    read on sign * values (lowest is best); None when too short."""
    read = _windowed(ra, sa, sign, since, min_points)
    if read is None:
        return None
    s, v, w = read
    best_i, best = lowest_level(v, w)
    return s, v, w, best_i, best, float(np.median(v[-w:]))


def raised_since(ra, best_step: int, last_step: int, read_from: int | None = None) -> bool:
    """Whether the LR went up after the best level (a restart, a cycle, a warmup still going) and still
    stands above it at the end: the schedule's doing, not the run getting worse. Where the LR is
    known at both, the end's LR decides: a net wrecked by a warmup to too high an LR, the LR
    annealed to zero since, ends worse by its own doing (the warmup's end after its best had
    excused it). The end is the stretch the last level is read on, from ``read_from``: a cyclic
    LR back at its trough at the last step stood at its peak inside that stretch."""
    lr_then, lr_end = ra.schedule.lr_at(best_step), ra.schedule.lr_at(last_step)
    if lr_then is not None and lr_end is not None:
        if read_from is not None:
            sched = ra.schedule
            inside = sched.lr_values[(sched.lr_steps >= read_from) & (sched.lr_steps <= last_step)]
            lr_end = max(lr_end, sched.lr_at(read_from), float(np.max(inside)) if len(inside) else 0.0)
        return lr_end > 1.1 * lr_then
    return any(c.kind in ("lr_increase", "lr_peak", "warmup_end") and c.step > best_step for c in ra.schedule.changes)


def started_lower(v: np.ndarray, best_i: int, best: float) -> tuple[int, float]:
    """(index, level) of a loss's best: where it started, the median of its first points, when no
    window ever came below it (a loss thrown up in its first updates, inside the lowest window), else
    the lowest window's as given."""
    first = float(np.median(v[:FIRST_POINTS]))
    return (min(FIRST_POINTS, len(v)) // 2, first) if 0 < first < best else (best_i, best)


def window_levels(v: np.ndarray, w: int) -> tuple[np.ndarray, np.ndarray]:
    """(starts, medians) of windows of w points taken every w/4 points, each read on at most a
    thousand of its points. A running median over 5% of a 10^6-point log costs most of a
    second, these a millisecond or two."""
    w = max(1, min(w, len(v)))
    starts = np.arange(0, len(v) - w + 1, max(1, w // 4))
    stride = max(1, w // 1000)
    return starts, np.array([np.median(v[a:a + w:stride]) for a in starts])


def lowest_level(v: np.ndarray, w: int) -> tuple[int, float]:
    """(centre, level) of the lowest of ``window_levels``."""
    w = max(1, min(w, len(v)))  # a window longer than the points read is all of them
    starts, medians = window_levels(v, w)
    k = int(np.argmin(medians))
    return int(starts[k] + w // 2), float(medians[k])


def median_se(w: int) -> float:
    """The standard error of the median of w independent normal points, in units of their SD:
    sqrt(pi/2) / sqrt(w) for large w, a fourth above the mean's; one point is itself."""
    return 1.0 if w <= 1 else math.sqrt(math.pi / 2 / w)


# ``window_levels`` reads a window every quarter window: the lowest of those overlapping medians lies as
# deep as the lowest of about 2.5 n/w independent ones (2.2-2.7 for w of 20 to 500 points, by simulation
# on Gaussian noise), not n/w's. Read as n/w, a flat bs-8 loss "got worse 4.37x" by its luckiest window.
OVERLAP_DRAWS = 2.5


def _noise_rise(v: np.ndarray, w: int, best_i: int, last_w: int = 0) -> float:
    """How far the last level may sit above the lowest by noise alone: the lowest of the levels
    lies below the curve by the expected minimum of as many normal draws (Blom's
    approximation) in a median of w points' standard error, and the last level, a median of
    ``last_w`` points (w if not given), is a draw of its own (two more). The noise is read from
    one point to the next from the lowest level on, where the initial descent does not inflate it."""
    start = best_i
    if len(v) - best_i < NOISE_POINTS:
        # Few points follow the lowest level: earlier ones too, back to where the curve first came
        # down into the range it holds after it (the descent before would inflate the noise).
        top = float(np.max(v[best_i:]))
        start = max(int(np.argmax(v <= top)), min(best_i, len(v) - NOISE_POINTS))
    after = v[start:start + 200_000]  # enough to read the noise on
    if len(after) < 3:
        return 0.0
    sd = robust_sd(np.diff(after)) / math.sqrt(2)
    draws = OVERLAP_DRAWS * len(v) / w if w >= 4 else len(v) / w
    lowest = -NormalDist().inv_cdf((1 - 0.375) / (draws + 0.25))
    return sd * (median_se(w) * max(lowest, 0.0) + 2 * median_se(last_w or w))


def _finite(ra, name: str):
    """A series of the run without its non-finite points (a copy only when it has some)."""
    s = ra.run.series(name)
    finite = np.isfinite(s.to_numpy())
    return s if finite.all() else s[finite]


def levels(v: np.ndarray, w: int) -> np.ndarray:
    """The median of the w points centred on each point (NaN where the window would leave the
    series): a curve's level, which one lucky or unlucky point does not move. ``v`` for w = 1."""
    if w <= 1:
        return v
    import pandas as pd

    return pd.Series(v).rolling(w, center=True).median().to_numpy()


def _at_logged_zero(ra, name: str, after_step: int) -> bool:
    """Whether a loss logged with rounding stands at 0 as logged from ``after_step`` on (the median of
    its points there within one rounding unit of 0)."""
    s = _finite(ra, name)
    v = s.to_numpy()
    later = v[s.index.to_numpy() > after_step]
    quantum = resolution(v)
    return bool(len(later) and quantum > 0 and v.min() >= 0 and np.median(later) <= 1.5 * quantum)


def still_improving(ra, name: str, after_step: int, since_step: int | None = None) -> bool:
    """The training curve ends better than it was when the held-out curve bottomed out: its level
    then is the median over the held-out level's own window (``since_step`` on), and over a
    twentieth of its points at least. Five per-step minibatch losses are no level."""
    s = _finite(ra, name)
    before, later = s[s.index <= after_step], s[s.index > after_step]
    if len(before) == 0 or len(later) == 0:
        return False
    k = max(5, len(s) // 20, int((before.index >= since_step).sum()) if since_step is not None else 0)
    v = s.to_numpy()
    z = np.log(v) if (v > 0).all() else v
    then, end = z[: len(before)][-k:], z[len(before):][-max(1, len(later) // 10):]
    sa = next((m for m in ra.metrics if m.name == name), None)
    gain = (np.median(end) - np.median(then)) * (1 if sa is not None and sa.higher_is_better else -1)
    # Better beyond what the noise of two medians allows: a training loss flat within its noise
    # (+0.3%, a tenth of a standard error) had "kept improving".
    se = 1.25 * diff_sd(z) / math.sqrt(2) * math.sqrt(1 / len(then) + 1 / len(end))
    # And by more than one unit of the rounding it was logged with: 0.0001 to 0.0000 is no gain shown.
    quantum = resolution(v)
    moved = abs(float(np.median(v[len(before):][-len(end):])) - float(np.median(v[: len(before)][-k:])))
    return bool(gain > 2 * se) and moved > 1.5 * quantum


def _ends_past_its_best(ra, name: str, until: int) -> bool:
    """Whether a training loss ends below the lowest level it had reached by ``until`` (medians of a
    twentieth of its points): a run blown up early and brought back by an LR cut ends "better than"
    at the top of its climb, yet no better than before it."""
    levels_then = _best_and_end(ra, name, until)
    return True if levels_then is None else levels_then[1] < levels_then[0]


def held_its_best(ra, name: str, until: int) -> bool:
    """Whether a training curve ends at the best level it had reached by ``until``, to within 1.5
    units of its rounding (medians as in ``_ends_past_its_best``): a loss memorised down to zero is
    done improving, not set back."""
    levels_then = _best_and_end(ra, name, until)
    if levels_then is None or levels_then[2] < 1:
        return False
    best, end, _ = levels_then
    return end <= best + 1.5 * resolution(_finite(ra, name).to_numpy())


def _best_and_end(ra, name: str, until: int) -> tuple[float, float, int] | None:
    """A curve's best level by ``until`` and its level at the end, both signed so that lower is
    better, and the number of windows past ``until``; None with fewer than 3 points by then."""
    s = _finite(ra, name)
    v = s.to_numpy()
    upto = v[: int(np.searchsorted(s.index.to_numpy(), until, side="right"))]
    # Windows a third of the stretch at most: a blow-up in the first hundred of 3,000 steps.
    w = max(1, min(len(v) // 20, len(upto) // 3))
    if len(upto) < 3:
        return None
    sa = next((m for m in ra.metrics if m.name == name), None)
    sign = -1.0 if sa is not None and sa.higher_is_better else 1.0
    best = float(np.nanmin(levels(sign * upto, w)))
    return best, float(np.median(sign * v[-max(w, 3):])), (len(v) - len(upto)) // w


def summarize(ra) -> list[str]:
    out: list[str] = []
    sa = main_metric(ra)
    if sa is None:
        return ["nothing to analyse: no metric with enough points"]
    unstable = [(sa2.name, e) for sa2 in ra.metrics for e in sa2.events if e.label == "instability"]
    # Said apart from the run's instability (as `check` passes them by): a held-out curve parting
    # from a still-improving training one is overfitting, one worse as another held-out curve
    # improves is a trade between them, and an fp16 overflow stepped over by dynamic loss scaling
    # is that mechanism at work.
    parting = [(n, e) for n, e in unstable if _cites(e, PARTING)]
    traded = [(n, e) for n, e in unstable if _cites(e, TRADED)]
    skipped = [e for _, e in unstable if _cites(e, OVERFLOW_SKIPPED)]
    changed = [(n, e) for n, e in unstable if _cites(e, *CHANGED_READINGS)]
    bad = [e for _, e in unstable if not _cites(e, PARTING, TRADED, OVERFLOW_SKIPPED, *CHANGED_READINGS)]
    unit = ra.run.step_axis
    bad_line = (f"instability: {len(bad)} event{'s' * (len(bad) != 1)} ({', '.join(sorted({e.kind for e in bad}))}), "
                f"first at {unit} {min(e.step for e in bad)}") if bad else None
    if not sa.stages:
        # Too short to look for transitions in, it may still be read for overfitting (an early-stopped
        # run's six evaluations), which the JSON gave and the report left out; and a loss gone nan at its
        # second epoch has one finite point before it, but its divergence is the news.
        said = _overfitting_line(ra)
        return [f"{sa.name}: {'; '.join(sa.notes) or 'nothing to analyse'}"] + \
            [x for x in (bad_line, _ran_away_short(ra, sa), said) if x]
    drops = [e for e in sa.events if e.kind in ("drop", "rise") and sa.improves(e)]
    # An epoch's tooth is a pattern read over many epochs, each tooth to a lower bar than a transition
    # (a -6% tooth at 0.5 standard errors): counted apart, not as a sharp improvement.
    teeth = [e for e in drops if e.label == "epoch_boundary"]
    sharp = [e for e in drops if e.label != "epoch_boundary"]
    line = f"{sa.name}: {len(sa.stages)} stage{'s' * (len(sa.stages) != 1)}, "
    if sharp or not teeth:
        line += f"{len(sharp)} sharp improvement{'s' * (len(sharp) != 1)}" + _causes(sharp, ra.run.step_axis) + \
            ("; " if teeth else "")
    if teeth:
        line += (f"{len(teeth)} drop{'s' * (len(teeth) != 1)} at epoch starts (the loss falls as each pass over the "
                 "data begins: examples seen before)")
    out.append(line)
    out += _wasted_plateaus(sa, ra)
    if bad_line:
        out.append(bad_line)
    if skipped:
        first = min(e.start_step for e in skipped)
        out.append(f"fp16 overflows: a non-finite loss {len(skipped)} time{'s' * (len(skipped) != 1)}, its steps "
                   f"skipped by dynamic loss scaling and trained on from, first at {unit} {first}")
    for name, e in changed:
        why = next(x for x in e.evidence if any(r in x for r in CHANGED_READINGS)).removeprefix("but ")
        out.append(f"{name} worse at {unit} {e.step}, but {why} (labelled instability, at low confidence)")
    worse = got_worse(ra, sa)
    if worse is not None:
        best_step, best, last_step, last, w, first = worse
        start = ""
        if first is not None:
            how = "worse than at" if last > WORSE_THAN_START * first else "no better than at" if last >= first \
                else "back near"
            start = f", {how} its first points ({first:.4g})"
        # Read after a change of the data or objective: the best before it is no level to fall back from.
        reset = data_changed_at(sa)
        since = f" after {unit} {reset} (the data or objective changed before it)" if reset is not None else ""
        out.append(f"{sa.name} got worse: its level ended {last / best:.3g}x its best{since}, from {best:.4g} at "
                   f"{unit} {best_step} to {last:.4g} by {unit} {last_step}{start}{lr_rose(ra, best_step, last_step)} "
                   f"(medians of {w} points)")
    stuck = never_improved(ra, sa) if worse is None else None
    if stuck is not None:
        first, best, last, last_step, w = stuck
        # The whole log only when it holds no other curve (a held-out score, a count the name does not
        # read) that may show what this one does not.
        alone = ra.run.columns_with_role("metric") == [sa.name]
        out.append(f"{sa.name} never improved on its first points: {first:.4g} then, {last:.4g} by {unit} {last_step}, "
                   f"its best level {best:.4g} (medians of {w} points): "
                   + ("the log shows nothing learned" if alone else "no learning shows in it"))
    climbed = setback(ra, sa)
    if climbed is not None:
        best_step, best, top_step, top, back_step, w = climbed
        lr = lr_rose(ra, best_step, top_step, 1.5)
        factor = factor_text(top, best)[1:]  # "3.2x" as the sentence says it, not "x3.2"
        out.append(f"{sa.name} climbed back {factor}x: its level rose from {best:.4g} at {unit} {best_step} "
                   f"to {top:.4g} at {unit} {top_step}{lr}, and was back under half that by {unit} {back_step} "
                   f"(medians of {w} points)")
    fell = score_fell(ra, sa)
    if fell is not None:
        out.append(_fell_line(ra, sa.name, fell))
    # Another score's collapse, as check fails the run for it: an accuracy at 47% that fell to 35% under a
    # loss still falling was in check's findings and nowhere in the report.
    out += [_fell_line(ra, sa2.name, fell) for sa2 in ra.metrics
            if sa2 is not sa and sa2.higher_is_better and (fell := collapsed(ra, sa2)) is not None]
    said = _overfitting_line(ra)
    if said is not None:
        out.append(said)
    elif parting:
        first = min(e.step for _, e in parting)
        names = ", ".join(sorted({n for n, _ in parting}))
        out.append(f"held-out curve parting: {names} worse from {unit} {first} while training kept improving, "
                   "as overfitting does (labelled instability, at low confidence)")
    for name, e in traded:
        out.append(f"held-out metrics traded: {name} worse at {unit} {e.step} while other held-out metrics "
                   "improved there (labelled instability, at low confidence)")
    unexplained = [e for sa2 in ra.metrics for e in sa2.events if e.label == "unexplained"]
    if unexplained:
        out.append(f"{len(unexplained)} event{'s' * (len(unexplained) != 1)} no rule explains")
    return out


def _fell_line(ra, name: str, fell) -> str:
    best_step, best, last_step, last, share, w, from_zero = fell
    unit = ra.run.step_axis
    back = f"losing {share:.0%} of its level" if from_zero else "below where it started" if share > 1 \
        else f"giving back {share:.0%} of what it had gained"
    return (f"{name} got worse: its level fell from its best, {best:.4g} at {unit} {best_step}, to "
            f"{last + 0.0:.4g} by {unit} {last_step}, {back}{lr_rose(ra, best_step, last_step)} "  # + 0.0: no "-0"
            f"(medians of {w} points)")


# Labels given below this confidence are said as a weak reading in the summary: the evidence itself
# hedges them ("too little to make a cliff by itself").
SURE_CONFIDENCE = 0.7


def _causes(drops, unit: str = "step") -> str:
    if not drops:
        return ""
    labels = [e.label for e in drops]
    named = [e.confidence for e in drops if e.label != "unexplained"]
    weak = bool(named) and max(named) < SURE_CONFIDENCE  # every cause named only weakly
    hedge = "" if not weak else (f" (a weak reading: labelled at {min(named):.2g}" +
                                 (f"-{max(named):.2g}" if max(named) > min(named) else "") + ")")
    some = [e for e in drops if e.label != "unexplained" and e.confidence < SURE_CONFIDENCE]
    if some and not weak:
        # One sure and one weak: "both follow LR decays" said both as sure (a decay that moved nothing,
        # "tested at the schedule change", read 0.5).
        def said(items: list[str]) -> str:
            return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

        at, scores = said([str(e.step) for e in some]), said([f"{e.confidence:.2g}" for e in some])
        hedge = (f" (the one at {unit} {at} a weak reading, labelled at {scores})" if len(some) == 1 else
                 f" (those at {unit}s {at} weak readings, labelled at {scores})")
    if len(set(labels)) == 1:
        word = "both" if len(labels) == 2 else ("all" if len(labels) > 2 else "it")
        return f"; {word} {_label_phrase(labels[0], len(labels))}{hedge}"
    counts = {lab: labels.count(lab) for lab in dict.fromkeys(labels)}
    return "; " + ", ".join(f"{n} {lab}" for lab, n in counts.items()) + hedge


def _label_phrase(label: str, n: int) -> str:
    verb = "follows" if n == 1 else "follow"
    return {"lr_decay": f"{verb} LR decays" if n > 1 else f"{verb} an LR decay",
            "plateau_escape": "escape a plateau" if n > 1 else "escapes a plateau",  # the evidence says what the LR did
            "saturation_recovery": "is a recovery from saturation",
            "epoch_boundary": "come at epoch starts" if n > 1 else "comes at an epoch start",
            "batch_size_increase": f"{verb} batch-size increases" if n > 1 else f"{verb} a batch-size increase",
            "unexplained": "is unexplained" if n == 1 else "are unexplained",
            }.get(label, f"{'is' if n == 1 else 'are'} labelled {label}")


def _wasted_plateaus(sa, ra) -> list[str]:
    """AutoDecay's point on the user's own run: a stage that went flat before its decay."""
    out = []
    decays = {e.step: e for e in sa.events if e.label == "lr_decay"}
    if not decays:
        return out
    s = _finite(ra, sa.name)
    steps, v = s.index.to_numpy(), s.to_numpy()
    transform = sa.scaled if sa.transform == "log" else None
    # Twice the smallest reportable move, as a stage's flatness is judged (a span read on at most
    # 10^5 points).
    if transform is not None:
        tol = 2 * DEFAULT_CONFIG.min_log_change
    else:
        tol = 2 * DEFAULT_CONFIG.min_range_fraction * float(np.ptp(np.percentile(v[::max(1, len(v) // 100_000)],
                                                                                [2, 98])))
    for i, stage in enumerate(sa.stages[:-1], 1):
        nxt = sa.stages[i]
        if nxt.start not in decays or stage.plateau_from is None:
            continue
        # The LR's own change, not the step the drop is dated at; none before it (a drop located a
        # little before its decay): no advice built on a date the decay did not set. With no schedule
        # known, the decay is the label's guess (mixup switched off at epoch 20 read as one): no advice.
        decay = max((c.step for c in ra.schedule.changes if c.kind == "lr_decay" and stage.start < c.step <= nxt.start),
                    default=None)
        if decay is None:
            continue
        # A schedule change inside the stage that the curve did not show as an event of its own
        # (a weak decay) still began a new stretch: the stage is judged from there.
        since = max((c.step for c in ra.schedule.changes if stage.start < c.step < decay), default=None)
        begin = stage.start if since is None else since
        level = _level_from(steps, v, transform, max(stage.plateau_from, begin), decay, tol)
        if level is None:
            continue
        flat_from, move = level
        flat, length = decay - flat_from, decay - begin
        if length <= 0 or flat < 0.2 * length:
            continue
        unit = ra.run.step_axis
        # Said with its own measure, the move of the line through the stretch: the stage table's plateau
        # starts where the curve comes within its noise of the end level, which a noisy stage still
        # sliding reaches sooner.
        moved = f"{100 * math.expm1(move):+.1f}%" if transform is not None else f"{move:+.3g}"
        out.append(f"stage {i} levelled off at {unit} {flat_from}, {flat} {unit}s before the decay at {decay} (its "
                   f"line moved {moved} over them): an earlier decay might have saved ~{100 * flat / length:.0f}% of "
                   + ("that stage" if since is None else f"the stretch since the change at {since}"))
    return out


def _level_from(steps: np.ndarray, v: np.ndarray, transform, start: int, end: int,
                tol: float) -> tuple[int, float] | None:
    """The first logged step from ``start`` on from which the curve ``transform(v)`` (``v`` for
    None) holds a level up to ``end``, and how far the line through that stretch moves.

    Near the stage's end level is not flat when the stretch still slides there (a per-step loss
    falling 37% over its stage keeps each point within its wide noise band of the end), nor are
    the last point or two of a stage still falling 15% an epoch: the stretch needs
    ``FLAT_MIN_POINTS`` points whose line moves less than the tolerance or twice its own
    standard error, an error itself within the tolerance (a stretch too noisy to show a level
    is not called one)."""
    lo, hi = (int(i) for i in np.searchsorted(steps, [start, end]))
    if hi - lo < FLAT_MIN_POINTS:
        return None
    # Read on the means of at most 2,000 blocks: a line fitted to 10^7 points twenty times costs
    # seconds, and block means keep the standard error the test needs.
    edges = np.arange(lo, hi, max(1, (hi - lo) // 2000))
    counts = np.diff(np.append(edges, hi))
    tb = np.add.reduceat(steps[lo:hi].astype(float), edges - lo) / counts
    # Transformed on the stage alone: the log of a whole 10^7-point series costs a tenth of a second.
    z = v[lo:hi] if transform is None else transform(v[lo:hi])
    zb = np.add.reduceat(z, edges - lo) / counts
    for j in range(0, len(edges), max(1, len(edges) // 20)):
        if hi - edges[j] < FLAT_MIN_POINTS or len(zb) - j < 3:
            break
        # Within the tolerance or twice its standard error, where that error is itself within the
        # tolerance: on a noisy per-step loss a line falling 20-40% passed on "within twice its
        # error" (0.25 on 88 points), and was advice to decay sooner. Such a stretch cannot show flat.
        move, se = line_move(tb[j:], zb[j:])
        # Its first points at the level too: a line over a fast fall, then a long flat stretch moves
        # little, and "levelled off at step 32" had the loss 11% above its level until step 100.
        m = max(3, (len(zb) - j) // 10)
        head = abs(float(np.median(zb[j:j + m])) - float(np.median(zb[-m:])))
        # And no trend its error cannot hide, unless a quarter of the tolerance: a loss still falling
        # 7% over 27,000 noisy steps "levelled off", and a run decayed there (the advice taken) ended
        # 4% worse than the one decayed where it was (dlib's rule: no decrease the slope's error allows).
        if se <= tol and abs(move) <= min(tol, max(2 * se, tol / 4)) and head <= max(tol, 2 * se):
            return int(steps[edges[j]]), move
    return None
