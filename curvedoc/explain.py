"""Label every event with small named rules: each returns a score in [0, 1] and evidence.

The best-scoring rule gives the label; the others are kept as alternatives.
Rules read only what the report shows: the event, its metric's stages, the
schedule, the other metrics of the run.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

import numpy as np

from curvedoc.detect import (DEFAULT_CONFIG, HELD_OUT, OBJECTIVE_TERM, SeriesAnalysis, Stage, Transition,
                             change_windows, factor_text, guess_higher_is_better, known_direction, linkable, log_ratio,
                             objective_curves, robust_sd)
from curvedoc.run import is_accumulation, is_loss_scale
from curvedoc.schedule import STEP_FACTOR, ScheduleChange

# An LR change counts as the cause of a transition when it comes at most this
# many logged points of the metric before it (the LR is often logged after
# the change, and a decay takes a few points to show), or this share of the run.
LAG_POINTS = 3
LAG_FRACTION = 0.02
# A plateau at "about the initial loss level" is within this ratio of the first value, or no further
# from it than the plateau's own points go: the first value is one noisy point (a held-out accuracy
# at chance, 0.108 then 0.088 to 0.108, is at its initial level).
INITIAL_LEVEL_RATIO = 0.15
# Below this score, no rule explains the event.
MIN_SCORE = 0.3
# A setback that gives back this share of what the run had learned, and has not recovered by the
# log's end, is damage, whatever raised the LR: a restart or a warmup's end jolts a run, which
# then learns again; it does not leave it near its start.
UNDONE_SHARE = 0.5


@dataclass
class Verdict:
    label: str
    score: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class Context:
    event: Transition
    series: SeriesAnalysis
    analysis: "object"  # RunAnalysis; kept loose to avoid an import cycle
    tolerance: int

    @property
    def schedule(self):
        return self.analysis.schedule

    def stage_before(self) -> Stage | None:
        before = [s for s in self.series.stages if s.end < self.event.step]
        return before[-1] if before else None

    def improves(self) -> bool:
        return self.series.improves(self.event)

    @property
    def unit(self) -> str:
        """What the log's axis counts: "step", or "epoch" in a log kept per epoch."""
        return self.analysis.run.step_axis

    def count(self, n) -> str:
        return counted(n, self.unit)

    def lr_text(self, step: int) -> str:
        lr = self.schedule.lr_at(step)
        return f"lr {lr:.3g}" if lr is not None else "lr not logged"

    @cached_property
    def in_one_gap(self) -> bool:
        """Whether the log shows the move in one gap between two logged points (``_logged_before``):
        read once an event, as every schedule change is tested against it."""
        logged = self.analysis.run.series(self.series.name).dropna().index.to_numpy()
        return _logged_before(self.event, logged) is not None


Rule = Callable[[Context], Verdict | None]


def step_span(first, last) -> str:
    """'10-1560'; '-995 to -400' where a minus sign would read as the dash."""
    return f"{first} to {last}" if min(first, last) < 0 else f"{first}-{last}"


def _nearby_change(ctx: Context, kinds: tuple[str, ...]):
    ev = ctx.event
    best = None
    for ch in ctx.schedule.changes:
        if ch.kind not in kinds:
            continue
        if _in_reach(ctx, ch.step) and not _claimed(ctx, ch):
            if best is None or abs(ch.step - ev.step) < abs(best.step - ev.step):
                best = ch
    return best


def _setting_changed(ctx: Context) -> str | None:
    """A setting logged beside the curves (``RunAnalysis.settings``) that changed where this move
    began, said: where a schedule change would be (``_in_reach``); a move dated in noise a step
    before the change (dropout switched off at 1320, the fall dated at a lucky batch at 1319) is
    the change's as much."""
    near = [ch for ch in ctx.analysis.settings if ch.column != ctx.series.name and _in_reach(ctx, ch.step)]
    if not near:
        return _series_begun(ctx)
    ch = min(near, key=lambda c: abs(c.step - ctx.event.start_step))
    if ctx.analysis.run.role(ch.column) == "lr":  # an LR to or from 0: weights set training or stopped
        return (f"{ch.column} {ch.before:g} -> {ch.after:g} at {ctx.unit} {ch.step}, a parameter group "
                f"{'unfrozen' if ch.before <= 0 else 'frozen'}")
    return f"{ch.column} {ch.before:g} -> {ch.after:g} at {ctx.unit} {ch.step}, a setting logged beside the curves"


# A training loss named as the whole objective, whose terms may be logged beside it (``ce_loss``).
TOTAL_LOSS = re.compile(r"^(?:train(?:ing)?[/_.\- ]?)?(?:total[/_.\- ]?)?loss(?:[/_.\- ]?total)?$", re.I)
# Points of each term read either side of the total's jump.
TERM_POINTS = 8


def _terms_held(ctx: Context) -> str | None:
    """The objective's terms logged beside a total loss that jumped, none of them jumping with it: each
    term rose by less than half the total's factor (on the log scale), which a sum of those terms
    weighted as before cannot do. A loss reweighted from 0.1 to 2.0 threw the total x11 while its terms
    held, read as instability at 0.85 and failing `check`."""
    ev, run = ctx.event, ctx.analysis.run
    if ctx.series.higher_is_better or not TOTAL_LOSS.match(ctx.series.name.strip()) or not ev.before > 0 \
            or not ev.after >= 2 * ev.before:
        return None
    jump = math.log(ev.after / ev.before)
    terms = []
    for col in run.columns_with_role("metric"):
        # A term is named as one (``ce_loss``, ``loss_bbox``): another total (a per-step ``loss`` beside an
        # epoch's ``train loss``) is the same objective read otherwise.
        if col == ctx.series.name or "loss" not in col.lower() or HELD_OUT.search(col) or TOTAL_LOSS.match(col.strip()):
            continue
        s = run.series(col)
        before, after = s[s.index < ev.start_step].iloc[-TERM_POINTS:], s[s.index > ev.end_step].iloc[:TERM_POINTS]
        if min(len(before), len(after)) < TERM_POINTS // 2 or not (before > 0).all() or not (after > 0).all():
            continue
        ratio = float(after.median() / before.median())
        if math.log(ratio) >= jump / 2:
            return None  # a term jumped too: the total's move is that term's
        terms.append(f"{col} x{ratio:.3g}")
    if not terms:
        return None
    return (f"its logged terms did not jump with it ({', '.join(terms)} against x{ev.after / ev.before:.3g}): a "
            "term not logged, or a weight of the objective, changed")


def _series_begun(ctx: Context) -> str | None:
    """A training series logged beside this one that starts, or stops, being logged where this move
    began (``_in_reach``), on this series' own rows, after (or before) ``BEGUN_POINTS`` of them
    without it: a term of the objective added or dropped there (a second task's loss logged from
    step 500 as the total is thrown x15). A held-out curve starts at its first evaluation, and an
    evaluation is no change of the objective."""
    run = ctx.analysis.run
    rows = None
    for col in run.frame.columns:
        if col == ctx.series.name or run.role(col) != "metric" or HELD_OUT.search(col):
            continue
        span = run.logged_span(col)
        if span is None:
            continue
        first, last = span
        ends = [(at, what) for at, what in ((first, "first logged at {} {}, a series begun"),
                                            (last, "last logged at {} {}, a series ended")) if _in_reach(ctx, at)]
        if not ends:  # the cheap test first: most columns run the whole log
            continue
        other = run.frame[col]
        if rows is None:
            own = run.series(ctx.series.name)
            rows = own.index.to_numpy()[np.isfinite(own.to_numpy())]
        logged = other.index.to_numpy()[np.isfinite(other.to_numpy())]
        if len(logged) < BEGUN_POINTS:
            continue
        shared = np.isin(rows[(rows >= logged[0]) & (rows <= logged[-1])], logged)
        if not len(shared) or shared.mean() < BEGUN_SHARE:
            continue
        for at, what in ends:
            if ((rows < at) if at == first else (rows > at)).sum() >= BEGUN_POINTS:
                return f"{col} {what.format(ctx.unit, at)} beside the curves"
    return None


# A series begun (or ended) beside a curve: absent from this many of the curve's rows at the least, and
# on this share of them where it is logged.
BEGUN_POINTS = 10
BEGUN_SHARE = 0.8


def _in_reach(ctx: Context, step: int) -> bool:
    """Whether a schedule change (a setting's, a series' first or last row) at ``step`` lies where it
    may have made the move: from a tolerance before the move's start to half a tolerance after its
    date (a move in noise may be dated a little early); to its date only when the log shows the
    move in one gap between two logged points, which dates it for sure (a held-out loss logged every
    100 steps, lower at 1600 than at 1500, was put down to a decay at 1601)."""
    ev = ctx.event
    late = 0 if ctx.in_one_gap else ctx.tolerance // 2
    return ev.start_step - ctx.tolerance <= step <= ev.step + late


def _logged_before(ev: Transition, logged: np.ndarray) -> int | None:
    """The logged step before a move that the series, logged more sparsely than the move, shows in one
    gap: the point before its start lies further back than the move is wide; None otherwise, and for a
    spike, whose width is its own."""
    if ev.kind == "spike":
        return None
    at = int(np.searchsorted(logged, ev.start_step))
    return int(logged[at - 1]) if 0 < at < len(logged) and ev.start_step - logged[at - 1] > ev.width_steps else None


def _claimed_decay(ctx: Context):
    """The LR decay near this move that another move of the series, found at the decay, answers for."""
    return next((ch for ch in ctx.schedule.changes
                 if ch.kind == "lr_decay" and _in_reach(ctx, ch.step) and _claimed(ctx, ch)), None)


def _claimed(ctx: Context, ch) -> bool:
    """Whether another move of this series, the same way, is dated at the change or after it, nearer to
    it than this one dated before it: that one is the change's. A fall over epochs 3-5 of a 10-epoch
    log, at a constant LR, had been the epoch-6 decay's as well as the drop found at the decay."""
    ev = ctx.event
    if ev.step >= ch.step:
        return False
    return any(other is not ev and other.kind in ("drop", "rise") and other.direction == ev.direction
               and ch.step <= other.step <= ch.step + ctx.tolerance // 2 and other.step - ch.step < ch.step - ev.step
               for other in ctx.series.events)


def _blip(ctx: Context, raised) -> str | None:
    """'lr 0.05 -> 0.8 at step 1500, back to 0.05 at 1510' when ``raised`` was undone that soon."""
    back = ctx.schedule.blip_end(raised, (ctx.series.last_step or 0) - (ctx.series.first_step or 0))
    if back is None or raised.source != "log":
        return None
    return (f"lr {raised.before:.3g} -> {raised.after:.3g} at {ctx.unit} {raised.step}, back to {back.after:.3g} at "
            f"{back.step} ({ctx.count(back.step - raised.step)} later): a blip, not a restart")


def lr_decay(ctx: Context) -> Verdict | None:
    if not ctx.improves() or ctx.event.kind not in ("drop", "rise"):
        return None
    ch = _nearby_change(ctx, ("lr_decay",))
    if ch is not None and (_put_back(ctx, ch) is not None or _ends_blip(ctx, ch)):
        # A one-row typo in the LR column, or a decay undone: the move came at the old LR. Or the LR put
        # back after a blip: what follows is the run coming back from it.
        ch = None
    if ch is not None:
        lag = ctx.event.step - ch.step
        return Verdict("lr_decay", 0.95, [
            f"{_decay_at(ctx, ch)}, "
            + (f"{ctx.count(lag)} before the {ctx.event.kind}" if lag >= 0 else
               f"{ctx.count(-lag)} after where the {ctx.event.kind} is located (within the tolerance of "
               f"{ctx.count(ctx.tolerance)})")])
    anneal = _short_anneal(ctx)
    if anneal is not None:
        lag = ctx.event.step - anneal.start
        return Verdict("lr_decay", 0.9, [
            f"lr annealed {anneal.before:.3g} -> {anneal.after:.3g} (x{anneal.after / anneal.before:.2g}, "
            f"{anneal.shape}) over {ctx.unit}s {step_span(anneal.start, anneal.end)}, "
            + (f"starting {ctx.count(lag)} before the {ctx.event.kind}" if lag >= 0 else
               f"starting {ctx.count(-lag)} after where the {ctx.event.kind} is located")])
    ch = _earlier_decay(ctx)
    if ch is not None:
        return Verdict("lr_decay", 0.75, [
            f"{_decay_at(ctx, ch)}, {ctx.count(ctx.event.step - ch.step)} before the {ctx.event.kind}, with no "
            f"other change or event of {ctx.series.name} in between (a slow relaxation after the decay)"])
    ch = _later_decay(ctx)
    if ch is not None:
        return Verdict("lr_decay", 0.6, [
            f"{_decay_at(ctx, ch)}, {ctx.count(ch.step - ctx.event.step)} after where the {ctx.event.kind} is "
            "located, with nothing in between: a lucky stretch just before a decay reads as the start of the move "
            "the decay makes"])
    annealed = _annealed_before(ctx, MILD_ANNEAL_FACTOR)
    if annealed is not None:
        start, lr_then, lr_now = annealed
        said = (f"no step in the LR, but it annealed smoothly from {lr_then:.3g} at {ctx.unit} {start} "
                f"to {lr_now:.3g} at the {ctx.event.kind} (x{lr_now / lr_then:.2g})")
        if lr_then >= ANNEAL_FACTOR * lr_now:
            return Verdict("lr_decay", 0.6, [said])
        # A milder anneal bends the curve only as fast as the LR moves: a move over which the LR
        # barely eased is too sharp to be its bend.
        if _lr_eased_across(ctx) is None:
            return Verdict("lr_decay", 0.45, [said + ": too little to make a cliff by itself; the "
                                              f"{ctx.event.kind} may be the curve bending faster under the schedule"])
    round_step = _round_boundary(ctx) if ctx.schedule.source == "none" and _train_and_val(ctx) else None
    if round_step is not None and not _linked_off_the_start(ctx):
        # Above a plateau escape with no plateau seen (0.5), below one out of a plateau.
        return Verdict("lr_decay", 0.6, [
            f"no LR in the log: inferred from {', '.join(ctx.event.linked)} improving at the same {ctx.unit} "
            f"on a round boundary ({ctx.unit} {round_step})"])
    return None


def _short_anneal(ctx: Context):
    """A short anneal (``Schedule.short_anneals``) starting where ``_nearby_change`` looks."""
    ev = ctx.event
    span = (ctx.series.last_step or 0) - (ctx.series.first_step or 0)
    near = [s for s in ctx.schedule.short_anneals(span)
            if ev.start_step - ctx.tolerance <= s.start <= ev.step + ctx.tolerance // 2]
    return min(near, key=lambda s: abs(s.start - ev.step)) if near else None


def _ends_blip(ctx: Context, decay) -> bool:
    return ctx.schedule.ends_blip(decay, (ctx.series.last_step or 0) - (ctx.series.first_step or 0))


def _put_back(ctx: Context, decay):
    """The raise that put the LR back where ``decay`` took it from, before the event moved."""
    return next((c for c in ctx.schedule.changes if c.kind == "lr_increase" and decay.step < c.step <= ctx.event.step
                 and c.after >= decay.before / STEP_FACTOR), None)


def _earlier_decay(ctx: Context):
    """The last LR decay before the drop, within a relaxation's reach, with nothing in between."""
    ev = ctx.event
    span = (ctx.series.last_step or 0) - (ctx.series.first_step or 0)
    earlier = [ch for ch in ctx.schedule.changes if ch.step < ev.start_step]
    if not earlier or earlier[-1].kind != "lr_decay" or _ends_blip(ctx, earlier[-1]):
        return None
    ch = earlier[-1]
    # As far after the decay as the schedule-step test looks for its effect.
    if ev.step - ch.step > DEFAULT_CONFIG.scheduled_window * span:
        return None
    if any(ch.step <= other.step < ev.step for other in ctx.series.events if other is not ev):
        return None
    return ch


def _decay_at(ctx: Context, ch) -> str:
    """A decay said with where it comes from; given as milestones, it has a factor and no LR."""
    src = {"user": "given schedule", "milestones": "given milestones"}.get(ch.source, f"column {ch.column}")
    change = f"x{ch.factor:.3g}" if ch.source == "milestones" else \
        f"{ch.before:.3g} -> {ch.after:.3g} (x{ch.factor:.3g})"
    return f"lr {change} at {ctx.unit} {ch.step} ({src})"


def _later_decay(ctx: Context):
    """An LR decay just past where ``_nearby_change`` looks (half a tolerance after the move), within two
    tolerances of it or inside the move's own span, with no other event of the series before it: the blind
    search may date a move at a lucky stretch of the old level, the last points before the decay; a slide
    ending in the decay's drop may be read as one move dated where the slide began (a held-out error
    "dropped" at epoch 106, LR constant around it, its fall ending at the decay at 120)."""
    ev = ctx.event
    reach = max(ev.step + 2 * ctx.tolerance, ev.end_step if ev.end_step is not None else ev.step)
    later = [ch for ch in ctx.schedule.changes if ev.step + ctx.tolerance // 2 < ch.step <= reach
             and ch.kind == "lr_decay" and not _ends_blip(ctx, ch)]
    if not later or any(ev.step < other.step <= later[0].step for other in ctx.series.events if other is not ev):
        return None
    return later[0]


# A smooth schedule (cosine, linear) explains a drop when it at least halved
# the LR over the stage that the drop ends; a milder anneal, only weakly.
ANNEAL_FACTOR = 2.0
MILD_ANNEAL_FACTOR = 1.25


def _annealed_before(ctx: Context, factor: float = ANNEAL_FACTOR) -> tuple[int, float, float] | None:
    """(step, LR then, LR at the drop) when a smooth LR decrease spans the stage before the drop."""
    stage = ctx.stage_before()
    start = stage.start if stage is not None else ctx.series.first_step
    for span in ctx.schedule.smooth:
        if span.shape == "rising" or not span.start <= ctx.event.step <= span.end:
            continue
        a = max(start, span.start)
        lr_then, lr_now = ctx.schedule.lr_at(a), ctx.schedule.lr_at(ctx.event.step)
        if lr_then and lr_now and lr_then >= factor * lr_now:
            return a, lr_then, lr_now
    return None


def _lr_rose_before(ctx: Context) -> str | None:
    """Evidence for an unexplained drop during warmup: the LR climbing across the stage before it."""
    stage = ctx.stage_before()
    if stage is None or ctx.schedule.lr_steps is None:
        return None
    sched = ctx.schedule
    lr_then, lr_now = sched.lr_at(stage.start), sched.lr_at(ctx.event.step)
    # Still climbing at the drop: a warmup that peaked in between and has been decaying since
    # also ends higher than it began, but the LR is no longer rising.
    seen = sched.lr_values[(sched.lr_steps >= stage.start) & (sched.lr_steps <= ctx.event.step)]
    if not (lr_then and lr_now and lr_now > 1.1 * lr_then and (not len(seen) or lr_now >= 0.99 * seen.max())):
        return None
    rising = (f"the LR was still rising (warmup): {lr_then:.3g} at {ctx.unit} {stage.start}, {lr_now:.3g} at the "
              f"{ctx.event.kind}")
    # A drop back down to no better than where the curve started (a net the rising LR killed,
    # settling at chance after overshooting it) is no learning.
    first = _first_value(ctx)
    if not (ctx.event.after > first if ctx.series.higher_is_better else ctx.event.after < first):
        return rising + (f"; it ends no better than the curve's first value, {first:.4g} at {ctx.unit} "
                         f"{ctx.series.first_step}")
    # Only a climb by the annealing factor makes "large enough at last" a story worth telling.
    return rising + ("; learning may have started once the LR was large enough"
                     if lr_now >= ANNEAL_FACTOR * lr_then else "")


# Across a fall this short, a smooth schedule moving the LR by less than this share is no cause.
EASING_SHARE = 0.1


def _lr_eased_across(ctx: Context) -> str | None:
    """Evidence that the LR only eased across the drop: a smooth decrease, no discrete change."""
    sched, ev = ctx.schedule, ctx.event
    if sched.lr_steps is None or any(ev.start_step - ctx.tolerance <= ch.step <= ev.end_step + ctx.tolerance
                                     for ch in sched.changes):
        return None
    lr_then, lr_now = sched.lr_at(ev.start_step), sched.lr_at(ev.end_step)
    if not (lr_then and lr_now and (1 - EASING_SHARE) * lr_then <= lr_now < lr_then * (1 - 1e-9)):
        return None  # eased by less than a tenth, and eased at all
    return f"a smooth schedule: the LR only eased across the {ctx.event.kind}, {lr_then:.3g} -> {lr_now:.3g}"


def _lr_eased_over_plateau(ctx: Context, stage: Stage | None) -> str | None:
    """Evidence that a smooth schedule only eased the LR over a plateau and the fall off it: by
    less than ``ANNEAL_FACTOR``, the least a smooth decrease needs to explain a drop (a linear
    decay to zero is at x0.7 a third of the way through), never rising, with no discrete change."""
    sched, ev = ctx.schedule, ctx.event
    if stage is None or not stage.levelled or sched.lr_steps is None:
        return None
    # From where the stage levelled off (HF's default, linear warmup then linear decay, ends the warmup in
    # the descent before a plateau): from the stage's start, a copy task's escape was read lr_decay.
    start = _plateau_start(stage)
    if any(start <= ch.step <= ev.end_step for ch in sched.changes):
        return None
    seen = sched.lr_values[(sched.lr_steps >= start) & (sched.lr_steps <= ev.end_step)]
    lr_then, lr_now = sched.lr_at(start), sched.lr_at(ev.end_step)
    if not (lr_then and lr_now and len(seen)) or seen.max() > 1.01 * lr_then or lr_then >= ANNEAL_FACTOR * lr_now:
        return None
    return (f"a smooth schedule: the LR eased {lr_then:.3g} -> {lr_now:.3g} (x{lr_now / lr_then:.2g}) over the "
            f"plateau and the {ev.kind}, less than the halving that would make a cliff by itself")


def _in_warmup(ctx: Context) -> bool:
    """Before the warmup's end, or in a climb of the LR from the log's start that never ends
    (a warmup cut short by a divergence, an LR range test)."""
    sched, step = ctx.schedule, ctx.event.step
    if any(ch.kind == "warmup_end" and ch.step >= step for ch in sched.changes):
        return True
    first = int(sched.lr_steps[0]) if sched.lr_steps is not None and len(sched.lr_steps) else None
    return first is not None and any(
        span.shape == "rising" and span.start <= first + 0.05 * (span.end - first) and span.start <= step <= span.end
        for span in sched.smooth)


def _train_and_val(ctx: Context) -> bool:
    """The drop shows in a training curve and a held-out curve together."""
    names = [ctx.series.name] + ctx.event.linked
    held_out = [n for n in names if HELD_OUT.search(n)]
    return 0 < len(held_out) < len(names)


def _round_boundary(ctx: Context) -> int | None:
    """The round step or epoch where the drop, or the same drop in a linked curve, falls."""
    near = [(e, m) for m in ctx.analysis.metrics if m.name in ctx.event.linked for e in m.events
            if abs(e.step - ctx.event.step) <= ctx.tolerance]
    # An epoch-averaged training loss shows a decay one row after the validation curve does.
    for ev, series in [(ctx.event, ctx.series)] + near:
        if _is_round(ev.step, ctx.analysis.epoch_position(ev.step), _interval(series)):
            return ev.step
    return None


def _linked_off_the_start(ctx: Context) -> bool:
    """The same move in a linked curve leaves the plateau that run starts on, at its initial
    level: nothing was learned before it, as in a saturated net or a parity task, and a decay
    ends a stage of learning. A round step does not outweigh that."""
    for m in ctx.analysis.metrics:
        if m.name in ctx.event.linked:
            for e in m.events:
                if abs(e.step - ctx.event.step) <= ctx.tolerance:
                    other = Context(e, m, ctx.analysis, ctx.tolerance)
                    if _flat_from_start_near_initial(other, other.stage_before()):
                        return True
    return False


def _interval(series: SeriesAnalysis) -> float:
    if series.n_points < 2 or series.first_step is None or series.last_step is None:
        return 1.0
    return max(1.0, (series.last_step - series.first_step) / (series.n_points - 1))


def _is_round(step: int, ep: float | None, interval: float = 1.0) -> bool:
    """A multiple of 5 epochs, or of a round number of steps that a point logged every
    ``interval`` steps lands on at most one time in ten (every step of a log written
    every 10 steps is a multiple of 10, and says nothing)."""
    if ep is not None and abs(ep - round(ep)) < 0.05 and round(ep) % 5 == 0 and round(ep) > 0:
        return True
    multiples = (1000, 500, 100, 10) if ep is None else (1000, 500)
    return step > 0 and any(step % m == 0 for m in multiples if m >= 10 * interval)


def batch_size_increase(ctx: Context) -> Verdict | None:
    if not ctx.improves() or ctx.event.kind not in ("drop", "rise"):
        return None
    ch = _nearby_change(ctx, ("batch_size_increase",))
    if ch is None:
        return None
    if ch.source == "epochs":
        # Read from the epoch lengths: more data per update, or less data per epoch.
        return Verdict("batch_size_increase", 0.75, [
            f"{ch.detail}: a batch about {ch.factor:.2g}x larger (or less data per epoch); batch size not logged"])
    lr = ctx.schedule.lr_at(ch.step)
    if _accumulation(ch):
        # The batch itself is not logged: the accumulation says by how much it grew, not its size.
        return Verdict("batch_size_increase", 0.9, [
            f"gradient accumulation {ch.before:g} -> {ch.after:g} ({ch.column}) at {ctx.unit} {ch.step}: "
            f"{ch.after / ch.before:.3g}x the examples per update" +
            (f"; noise scale lr/B x{ch.before / ch.after:.3g}" if lr is not None else "")])
    noise = ""
    if lr is not None:
        noise = f"; noise scale lr/B {lr / ch.before:.3g} -> {lr / ch.after:.3g}"
    return Verdict("batch_size_increase", 0.9, [
        f"batch size {ch.before:g} -> {ch.after:g} at {ctx.unit} {ch.step}{noise}"])


def _accumulation(ch: ScheduleChange) -> bool:
    """Whether a batch-size change was read from a gradient-accumulation column."""
    return ch.column is not None and is_accumulation(ch.column)


def plateau_escape(ctx: Context) -> Verdict | None:
    if not ctx.improves() or ctx.event.kind not in ("drop", "rise"):
        return None
    stage = ctx.stage_before()
    own = next((s for s in ctx.series.stages if s.start <= ctx.event.step <= s.end), None)
    start = stage.start if stage else ctx.series.first_step
    if own is not None and own.start < ctx.event.start_step - ctx.tolerance:
        # Inside a stage (an epoch's tooth), not at its start: the stage before ended at an earlier
        # move, and what this drop leaves is its own stage's stretch so far.
        stage, start = None, own.start
    stopped = _lr_stopped_before(ctx)
    const = ctx.schedule.is_constant_between(start, ctx.event.step) if not stopped else None
    # During a warmup, a plateau may have ended because the LR grew: a weaker
    # reading, said so, and only where the log shows the plateau.
    rising = _lr_rose_before(ctx) if const is False and _in_warmup(ctx) else None
    # Under a smooth decay, a plateau left by a fall the LR barely moves across: the annealing
    # may have helped, it did not turn the flat stretch into a cliff.
    easing = (_lr_eased_across(ctx) or _lr_eased_over_plateau(ctx, stage)) if const is False and rising is None \
        else None
    if const is False and (stage is None or not stage.levelled or (rising is None and easing is None)):
        return None
    ev = ctx.event
    score = 0.55
    evidence = []
    if stage is not None and stage.levelled:
        # A slide half as far as the drop or more is no flat stretch the drop escaped (dropout switched
        # off: "slow ... (-19%)", then -21%); a staircase's plateau creeps a fraction of its cliff.
        score += 0.1 if _slid_as_far(ctx, stage) else 0.25
        evidence.append(_levelled_line(ctx, stage))
    if ev.onset == "kink":
        score += 0.05
    evidence.append(rising or easing or (f"LR constant around the {ctx.event.kind}" if const else
                                         _lr_unknown_past(ctx) if stopped else "no LR in the log"))
    if const is None:
        score -= 0.05
    claimed = _claimed_decay(ctx) if const else None
    if claimed is not None:  # "LR constant around" it was not: the decay came right after, and is another move's
        evidence[-1] = (f"LR constant up to the {ctx.event.kind}; its decay {ctx.count(claimed.step - ev.step)} later "
                        f"({claimed.before:.3g} -> {claimed.after:.3g} at {ctx.unit} {claimed.step}) is read as the "
                        "move found there")
    later = _later_decay(ctx) if const else None
    if later is not None:  # said in place of the LR line just added
        evidence[-1] = (f"LR constant up to the {ctx.event.kind}, but it decays {ctx.count(later.step - ev.step)} "
                        f"later ({later.before:.3g} -> {later.after:.3g} at {ctx.unit} {later.step})")
        score -= 0.25
    grown = _nearby_change(ctx, ("batch_size_increase",))
    if grown is not None:
        evidence.append(f"but the batch grew at {ctx.unit} {grown.step}")
        score -= 0.25
    if rising:
        score -= 0.15
    if easing:
        score -= 0.1
    if _flat_from_start_near_initial(ctx, stage) and not _staircase_follows(ctx) \
            and not EPISODIC.search(ctx.series.name):
        score -= 0.25
        evidence.append("but the flat stretch starts the run at the initial level and no further plateau "
                        "follows: more like saturation")
    setback = _training_setback_beside(ctx)
    setting = _setting_changed(ctx)
    # A held-out curve that did not follow is said when no logged setting says it already; the label
    # stands (a training curve escaping as the model memorises is one too).
    still = _held_out_still(ctx) if setback is None and setting is None else None
    if still is not None:
        evidence.append(still)
    traded = _terms_traded(ctx) if setback is None and setting is None else None
    if setback is not None:
        name, step = setback
        score -= 0.25
        evidence.append(f"but {name} got worse at {ctx.unit} {step}, at the same time: {DATA_CHANGED}")
    elif setting is not None:
        score -= 0.25
        evidence.append(f"but {setting}: {DATA_CHANGED}")
    elif traded is not None:
        score -= 0.25
        evidence.append(f"but {traded}")
    settled = _train_settled_before(ctx)
    if settled is not None:
        name, step = settled
        score += 0.1
        evidence.append(f"grokking-like: {name} had settled by {ctx.unit} {step}, "
                        f"{ctx.count(ev.step - step)} before this held-out curve moved")
    elif const is None and _lr_cut_alike(ctx, stage):
        score = min(score, UNLOGGED_LR_CAP)
        evidence = [f"no LR in the log: {LR_CUT_ALIKE}" if e == "no LR in the log" else e for e in evidence]
    return Verdict("plateau_escape", min(score, 0.9), evidence)


def _calm_beside(ctx: Context) -> str | None:
    """For a metric non-finite at a few points only: another metric logged finite at each of those
    steps, and no curve moving there. A held-out loss gone nan at two evaluations whose accuracy is in
    line with its neighbours is the evaluation's own failure (a nan in its reduction, an fp16
    evaluation), not the run's: the model did not change."""
    ev = ctx.event
    run = ctx.analysis.run
    others = [sa for sa in ctx.analysis.metrics if sa.name != ctx.series.name and sa.name in run.frame.columns]
    # Named first: a metric logged as often (the same evaluation's accuracy), then the others.
    others.sort(key=lambda sa: abs(sa.n_points - ctx.series.n_points))
    at = [int(s) for s in run.series(ctx.series.name).loc[ev.start_step:ev.end_step].index]
    beside = []
    for step in at:
        logged = [sa.name for sa in others if step in run.frame.index and np.isfinite(run.frame.at[step, sa.name])]
        if not logged:
            return None
        beside.append(logged[0])
    near = _interval(ctx.series)  # within one of its own logging intervals
    if any(abs(e.step - step) <= near for sa in others for e in sa.events for step in at):
        return None
    return (f"{beside[0]} is finite at the same {ctx.unit} and no other curve moves there: the evaluation failed "
            f"(a nan in its own reduction, an fp16 evaluation), not the training")


def _blown_at(ctx: Context, nonfinite: int) -> str:
    """Where a divergence's run-up passed BLOWN_FACTOR times the level it grew from: a climb of
    thousands of steps (an LR warming up past the edge) is dated where it began, and a reader asking
    when the run blew up looks for where the loss left its range."""
    ev = ctx.event
    if not ev.before > 0 or ctx.series.higher_is_better:
        return ""
    s = ctx.analysis.run.series(ctx.series.name)
    run_up = s[(s.index >= ev.step) & (s.index < nonfinite)].dropna()
    # Its level, not a spike on the way (x12 at a point the loss came back from); and the point itself,
    # as a centred median of a one-step blow-up stands on the points after it.
    level = run_up.rolling(max(5, len(run_up) // 50) | 1, center=True, min_periods=1).median()
    bar = BLOWN_FACTOR * ev.before
    past = run_up.index[(level.to_numpy() >= bar) & (run_up.to_numpy() >= bar)]
    if not len(past):
        return ""
    if past[0] == ev.step:  # an LR raised x1000: 0.1 -> 2e4 in one step
        return f" (past x{BLOWN_FACTOR:g} of it at once)"
    return f" (past x{BLOWN_FACTOR:g} of it at {ctx.unit} {int(past[0])})"


# A run-up past this many times the level it grew from has left the loss's range.
BLOWN_FACTOR = 10.0


def _flat_from_start_near_initial(ctx: Context, stage: Stage | None) -> bool:
    if stage is None or stage is not ctx.series.stages[0] or not stage.levelled or _trained_meanwhile(ctx, stage):
        return False
    return _at_initial_level(ctx, ctx.series, stage)


def _terms_traded(ctx: Context) -> str | None:
    """For a training curve's improvement, the run's other training curves that got worse at the same step:
    terms of the objective traded against each other, no escape (a VAE's KL falling 97% as its
    reconstruction rose, the KL's weight raised x8 unlogged, read as a plateau escape)."""
    if HELD_OUT.search(ctx.series.name) or not ctx.improves():
        return None
    worse = _moved_beside(ctx, better=False, training=True)
    return f"{', '.join(worse)} got worse at the same {ctx.unit}: {TERMS_TRADED}" if worse else None


def _training_curves(ctx: Context) -> list[SeriesAnalysis]:
    """The run's other metrics that are no held-out curve, with points."""
    return [m for m in ctx.analysis.metrics if m is not ctx.series and not HELD_OUT.search(m.name) and m.n_points]


def _trained_meanwhile(ctx: Context, stage: Stage) -> str | None:
    """A training loss of the run that at least halved from its first value by the end of this
    held-out curve's flat stretch: the net learned while the held-out curve stood still (it had
    not generalised yet, or the data changed), so that stretch is no untrained start."""
    if not HELD_OUT.search(ctx.series.name):
        return None
    for other in _training_curves(ctx):
        if other.higher_is_better:
            continue
        s = ctx.analysis.run.series(other.name).dropna()
        first, then = s.iloc[:3], s[s.index <= stage.end].iloc[-3:]
        if len(then) and float(np.median(first)) > 0 and float(np.median(then)) <= 0.5 * float(np.median(first)):
            return other.name
    return None


# A flat start sits at the initial level when it is that close to the first value, and close
# against how far the curve goes from it afterwards as well: a held-out accuracy 0.657 at its first
# evaluation and flat at 0.713 was no saturated start before a rise to 0.78.
INITIAL_SHARE_OF_MOVE = 0.25


def _lr_cut_alike(ctx: Context, stage: Stage | None) -> bool:
    """Whether a step cut of an LR the log does not hold would make this improvement: after a stretch
    that trained (stuck at its initial level from the start, a run is seldom cut: a decay comes once
    it trains), and on a training curve or with one moving at the same step (a cut moves the training
    curve too, which a held-out curve's late jump, as in grokking, leaves settled)."""
    if stage is not None and stage is ctx.series.stages[0] and _at_initial_level(ctx, ctx.series, stage):
        return False
    training = {m.name for m in _training_curves(ctx)}
    return not HELD_OUT.search(ctx.series.name) or any(name in training for name in ctx.event.linked)


def _first_value(ctx: Context, series: SeriesAnalysis | None = None) -> float:
    """The series' first value as logged (a NaN logged before it is no value)."""
    return float(ctx.analysis.run.series((series or ctx.series).name).dropna().iloc[0])


def _at_initial_level(ctx: Context, series: SeriesAnalysis, stage: Stage) -> bool:
    values = ctx.analysis.run.series(series.name).dropna()
    first = _first_value(ctx, series)
    off = abs(stage.level - first)
    moved = abs(series.stages[-1].level - stage.level)
    flat = values[(values.index >= (stage.plateau_from or stage.start)) & (values.index <= stage.end)].iloc[1:]
    reach = float(np.max(np.abs(flat.to_numpy() - stage.level))) if len(flat) else 0.0
    return off <= max(INITIAL_LEVEL_RATIO * max(abs(first), 1e-12), reach) and off <= INITIAL_SHARE_OF_MOVE * moved


def _staircase_follows(ctx: Context) -> bool:
    """Further plateaus ended by drops after this one (deep linear nets learn mode by mode)."""
    return any(e.step > ctx.event.step and e.kind in ("drop", "rise")
               and ctx.series.improves(e) and _after_plateau(ctx.series, e)
               for e in ctx.series.events)


def _training_setback_beside(ctx: Context) -> tuple[str, int] | None:
    """A training curve of the run that jumps the wrong way within the tolerance of this held-out
    curve's improvement, giving back ``SETBACK_SHARE`` of what it had learned from its first value:
    no escape makes the training loss worse (a jolt from a level it had nearly reached zero
    from, 1e-8 to 1e-6, gives back nothing)."""
    if not HELD_OUT.search(ctx.series.name):
        return None
    for other in _training_curves(ctx):
        first = float(ctx.analysis.run.series(other.name).dropna().iloc[0])
        for e in other.events:
            if e.kind in ("rise", "drop", "spike") and not other.improves(e) \
                    and abs(e.step - ctx.event.step) <= ctx.tolerance \
                    and abs(e.after - e.before) >= SETBACK_SHARE * abs(first - e.before):
                return other.name, e.step
    return None


def _set_back_far(ctx: Context) -> bool:
    """Whether a setback gives back a share of what the curve had learned from its first value: a loss
    near zero jolted from 1e-8 to 1e-6 as a grokking net's held-out loss falls has changed nothing."""
    ev = ctx.event
    s = ctx.analysis.run.series(ctx.series.name)
    s = s[np.isfinite(s.to_numpy())]
    first = float(s.iloc[0])
    # Where the curve went on to, too: a climb read over its first three epochs (a weight decay
    # switched on) goes on for as many more.
    later = s[s.index > ev.end_step].to_numpy()[:BACK_POINTS]
    went = max(abs(ev.after - ev.before), (float(np.median(later)) - ev.before) * np.sign(ev.after - ev.before)
               if len(later) else 0.0)
    return went >= SETBACK_SHARE * abs(first - ev.before)


def _held_out_gain_beside(ctx: Context) -> str | None:
    """A held-out curve of the run that improved where this training curve got worse, said: its move
    dated between its evaluation before the setback and the next (a switch to harder or more data).
    A held-out curve coming back from a spike is no such gain: the spike and the training curve's
    setback may be one upset."""
    if HELD_OUT.search(ctx.series.name) or not _set_back_far(ctx):
        return None
    ev = ctx.event
    # A held-out term of the objective (a VAE's eval KL falling as its weight warms up) is traded, not
    # gained: ``_moved_beside`` says so.
    for other in [m for m in _held_out_curves(ctx) if not OBJECTIVE_TERM.search(m.name)]:
        held = ctx.analysis.run.series(other.name).dropna()
        logged = held.index.to_numpy()
        for e in other.events:
            if e.kind in ("drop", "rise") and other.improves(e):
                before = logged[logged < e.start_step]
                since = int(before[-1]) if len(before) else e.start_step
                if not since - ctx.tolerance <= ev.step <= e.step + ctx.tolerance:
                    continue
                # Past its best before: a held-out curve climbing back from a setback of its own
                # (the same upset, or a dying run's swings) gains nothing new.
                earlier = held[held.index < e.start_step].to_numpy()
                if len(earlier) >= 3:  # levels, medians of three: one glitched evaluation is no best
                    earlier = _levels_of_three(earlier)
                best = (earlier.max() if other.higher_is_better else earlier.min()) if len(earlier) else None
                if best is None or (e.after > best) == other.higher_is_better and e.after != best:
                    return f"{other.name} improved at {ctx.unit} {e.step}"
    return None


def _held_out_of_its_kind(ctx: Context) -> list[SeriesAnalysis]:
    """The run's held-out curves of the same kind as this training curve: a held-out loss for a training
    loss (an accuracy's points and a loss's ratios are no measure of each other)."""
    return [m for m in _held_out_curves(ctx)
            if m.transform == ctx.series.transform and m.higher_is_better == ctx.series.higher_is_better]


def _held_out_across(ctx: Context):
    """(curve, level before, level after) of each held-out curve of the same kind as this training curve
    (a held-out loss for a training loss: an accuracy's points and a loss's ratios are no measure of each
    other) logged on both sides of its move: the medians of its last two evaluations before and first two
    after."""
    ev = ctx.event
    for other in _held_out_of_its_kind(ctx):
        held = ctx.analysis.run.series(other.name).dropna()
        before = held[held.index < ev.start_step].to_numpy()[-2:]
        after = held[held.index > ev.end_step].to_numpy()[:2]
        if len(before) == 2 and len(after) == 2:
            yield other, float(np.median(before)), float(np.median(after))


def _held_out_still(ctx: Context) -> str | None:
    """A held-out curve logged on both sides of this training curve's improvement that did not
    follow it: across it (``_held_out_across``), on its own scale, it parts by under ``FOLLOW_SHARE``
    of the move (and no improvement of its own is found there), said with its levels. A distillation's
    temperature lowered divides its loss by 18 at once while the held-out curves hold (the objective
    changed, not the model); a net memorising its training set escapes a plateau the held-out curves
    never leave. The log cannot tell the two apart."""
    ev = ctx.event
    if HELD_OUT.search(ctx.series.name):
        return None
    moved = _scaled_move(ctx.series, ev.before, ev.after)
    for other, a, b in _held_out_across(ctx):
        if any(other.improves(e) and abs(e.step - ev.step) <= ctx.tolerance for e in other.events):
            continue
        if _scaled_move(other, a, b) < FOLLOW_SHARE * moved:
            return (f"but {other.name} did not follow ({a:.4g} -> {b:.4g}): the gain did not reach held-out "
                    "data (memorised, or the objective changed)")
    return None


def _held_out_not_worse(ctx: Context) -> str | None:
    """A held-out curve (no term of an objective) that is no worse across this training curve's jump onto
    a worse level (``_held_out_across``): the training curve is scored on other data from there. YOLOv8
    closes its mosaic augmentation for the last epochs: its training losses jump +23% as its held-out
    losses fall."""
    if HELD_OUT.search(ctx.series.name) or ctx.event.kind != "rise" or not _set_back_far(ctx):
        return None
    for other, a, b in _held_out_across(ctx):
        if not OBJECTIVE_TERM.search(other.name) and (b >= a) == other.higher_is_better:
            return f"but {other.name} got no worse across it ({a:.4g} -> {b:.4g})"
    return None


def _held_out_new_best(ctx: Context) -> str | None:
    """A held-out curve of the same kind that reaches a better level than any before it within
    ``BACK_POINTS`` evaluations after this training curve's jump onto a worse level, and before the
    training curve's next move (levels: medians of three evaluations, which one glitched evaluation
    does not make): the model was not set back, its training data or objective changed. Dropout switched
    on throws a training loss x8 while the held-out loss, worse at its first evaluation after, is at a new
    best two later."""
    ev = ctx.event
    if HELD_OUT.search(ctx.series.name) or ev.kind != "rise":
        return None
    until = min([e.start_step for e in ctx.series.events if e.start_step > ev.end_step], default=None)
    for other in _held_out_of_its_kind(ctx):
        if OBJECTIVE_TERM.search(other.name):
            continue
        held = ctx.analysis.run.series(other.name).dropna()
        before = held[held.index < ev.start_step].to_numpy()
        # Soon after, within ``BACK_POINTS`` evaluations: a run set back gains a new best in time too.
        after = held[(held.index > ev.end_step) & (held.index < (until if until is not None else np.inf))]
        after = after.iloc[:BACK_POINTS]
        if len(before) < 3 or len(after) < 3:
            continue
        sign = 1.0 if other.higher_is_better else -1.0
        best_before = sign * float(np.max(sign * _levels_of_three(before)))
        levels = _levels_of_three(after.to_numpy())
        at = int(np.argmax(sign * levels))
        if sign * (levels[at] - best_before) > 0:
            return (f"but {other.name} reached a better level after it ({levels[at]:.4g} about {ctx.unit} "
                    f"{int(after.index[at + 1])}, its best before {best_before:.4g})")
    return None


def _levels_of_three(x: np.ndarray) -> np.ndarray:
    """Medians of each three consecutive values."""
    return np.median(np.lib.stride_tricks.sliding_window_view(x, 3), axis=1)


# A held-out curve that moves by less than this share of a training curve's improvement did not follow it.
FOLLOW_SHARE = 0.1


def _scaled_move(sa: SeriesAnalysis, a: float, b: float) -> float:
    """How far a curve goes from level ``a`` to ``b`` on the scale it was analysed on."""
    za, zb = sa.scaled(np.array([a, b]))
    return abs(float(zb - za))


def _held_out_curves(ctx: Context) -> list[SeriesAnalysis]:
    """The run's other metrics that are held-out curves."""
    return [m for m in ctx.analysis.metrics if m is not ctx.series and HELD_OUT.search(m.name) and m.n_points]


# A training curve's setback that gives back this share of what it had learned.
SETBACK_SHARE = 0.25


def _train_settled_before(ctx: Context) -> tuple[str, int] | None:
    """A training curve of the run that was already flat long before this held-out curve moved."""
    if not HELD_OUT.search(ctx.series.name):
        return None
    ev = ctx.event
    # A held-out curve evaluated sparsely may have moved right after its point before the move: how
    # long training had been settled is counted to there (an LR decay between two evaluations 435
    # steps apart read as "settled 900 steps before").
    logged = ctx.analysis.run.series(ctx.series.name).index.to_numpy()
    before = logged[logged < ev.start_step]
    moved = int(before[-1]) if len(before) else ev.step
    span = moved - (ctx.series.first_step or 0)
    for other in _training_curves(ctx):
        if other.higher_is_better != ctx.series.higher_is_better:
            continue
        # It moved too, over the same stretch (a staircase step the held-out curve takes beside it,
        # dated 700 steps apart in its steepest part): not settled.
        if any(e.start_step - ctx.tolerance <= ev.end_step and ev.start_step <= e.end_step + ctx.tolerance
               for e in other.events if e.kind in ("drop", "rise")):
            continue
        stage = next((s for s in other.stages if s.start <= ev.step <= s.end), None)
        if stage is not None and stage.levelled and stage.plateau_from is not None \
                and moved - stage.plateau_from >= 0.3 * span and not _still_at_start(ctx, other, stage):
            return other.name, stage.plateau_from
    return None


def _still_at_start(ctx: Context, series: SeriesAnalysis, stage: Stage) -> bool:
    """Whether a curve's stage is where it started, with its learning still ahead (a saturated net's
    training loss on its initial plateau has not settled the way a grokking run's has)."""
    return _at_initial_level(ctx, series, stage)


def saturation_recovery(ctx: Context) -> Verdict | None:
    if not ctx.improves() or ctx.event.kind not in ("drop", "rise"):
        return None
    stages = ctx.series.stages
    stage = ctx.stage_before()
    if stage is None or stage is not stages[0] or not stage.levelled:
        return None
    eased = None
    if ctx.schedule.is_constant_between(stage.start, ctx.event.step) is False:
        eased = _lr_eased_over_plateau(ctx, stage)
        if eased is None:
            return None
    first = _first_value(ctx)
    near_initial = _at_initial_level(ctx, ctx.series, stage) and not _trained_meanwhile(ctx, stage)
    # A staircase has further plateaus, each ended by a drop; the rest of a cascade has not.
    later = [e for e in ctx.series.events if e.step > ctx.event.step and e.kind in ("drop", "rise")
             and ctx.series.improves(e) and _after_plateau(ctx.series, e)]
    if later:
        return Verdict("saturation_recovery", 0.35, [
            f"flat from the start, but {len(later)} further drop(s) follow: more like the first step of a staircase"])
    span = (ctx.series.last_step or 0) - (ctx.series.first_step or 0)
    if not near_initial or (stage.end - stage.start) < 0.05 * max(span, 1):
        return None
    if EPISODIC.search(ctx.series.name):
        return Verdict("saturation_recovery", 0.35, [EXPLORATION])
    # The curve alone cannot tell saturated units from a saddle left from the initial loss (sparse
    # parity, induction heads form after a plateau at chance too): a reading short of sure.
    score = 0.6 if eased else 0.7
    flat = step_span(stage.start, _flat_until(ctx, stage))
    evidence = [f"flat from the start ({ctx.unit}s {flat}) at {stage.level:.4g}, the initial level {first:.4g}, "
                "then a cascade",
                eased or ("LR constant" if ctx.schedule.lr_steps is not None else "no LR in the log"),
                "a saddle left from the initial loss (sparse parity, induction heads) would look the same"]
    grad = _grad_norm_wakes(ctx, stage)
    if grad:
        score += 0.1
        evidence.append(grad)
    setting = _setting_changed(ctx)
    if setting is not None:  # a backbone unfrozen, a loss reweighted: the plateau was no saturation
        score -= 0.4
        evidence.append(f"but {setting}: {DATA_CHANGED}")
    return Verdict("saturation_recovery", score, evidence)


# A sparse-reward learner's return sits at its floor until the policy first reaches the reward: the
# gradient is nought because every rollout scored the same, not because units saturated.
EXPLORATION = ("a return flat from the start is a policy yet to reach the reward (an exploration plateau) more "
               "than saturated units")


def _levelled_line(ctx: Context, stage: Stage) -> str:
    """The stretch an escape leaves: flat, or a slow slide said with its size."""
    until = _flat_until(ctx, stage)
    if stage.slide is None:
        return f"flat from {ctx.unit} {stage.plateau_from} to {until} at {stage.level:.4g}"
    a, b = stage.slide
    move = f"{100 * (b / a - 1):+.0f}%" if ctx.series.transform == "log" and a > 0 else f"{b - a:+.3g}"
    return f"slow from {ctx.unit} {stage.plateau_from} to {until}: {a:.4g} -> {b:.4g} ({move})"


def _slid_as_far(ctx: Context, stage: Stage) -> bool:
    """Whether the slow slide before an escape moved half as far as the escape or more (log scale
    for a loss read so)."""
    if stage.slide is None:
        return False
    (a, b), ev = stage.slide, ctx.event
    if ctx.series.transform == "log":
        if min(a, b, ev.before, ev.after) <= 0:
            return False
        slid, fell = abs(log_ratio(b, a)), abs(log_ratio(ev.after, ev.before))
    else:
        slid, fell = abs(b - a), abs(ev.after - ev.before)
    return slid >= SLIDE_SHARE * fell


# A slide this share of the drop after it, or more, is no plateau the drop escaped.
SLIDE_SHARE = 0.5


def _flat_until(ctx: Context, stage: Stage) -> int:
    """Where the flat stretch before an event ends: its stage's end, or the step before the event
    starts when a slide into the plunge that dates it lies inside that stage (a cascade)."""
    start = ctx.event.start_step
    flat_from = stage.plateau_from if stage.plateau_from is not None else stage.start
    return start - 1 if flat_from < start <= stage.end else stage.end


def _after_plateau(series: SeriesAnalysis, ev: Transition) -> bool:
    before = [s for s in series.stages if s.end < ev.step]
    return bool(before) and before[-1].levelled


def _grad_norm(ctx: Context):
    """The run's logged gradient norm, (column, its logged points), if it logs one."""
    cols = ctx.analysis.run.columns_with_role("grad_norm")
    return (cols[0], ctx.analysis.run.series(cols[0]).dropna()) if cols else None


def _grad_norm_wakes(ctx: Context, stage: Stage) -> str | None:
    """Grad norm tiny on the plateau and rising before the drop: units coming back to life."""
    logged = _grad_norm(ctx)
    if logged is None:
        return None
    name, g = logged
    flat = g[(g.index >= stage.start) & (g.index <= stage.plateau_from + (stage.end - stage.plateau_from) // 2)]
    late = g[(g.index > stage.end - (stage.end - stage.start) // 5) & (g.index <= ctx.event.step + ctx.tolerance)]
    if len(flat) < 2 or len(late) < 1:
        return None
    low, high = float(np.median(flat)), float(np.max(late))
    if high >= 3 * low:
        return f"{name} {low:.3g} on the plateau, up to {high:.3g} just before the {ctx.event.kind}"
    return None


def instability(ctx: Context) -> Verdict | None:
    ev = ctx.event
    if ev.kind == "divergence":
        at = ev.nonfinite_step if ev.nonfinite_step is not None else ev.step
        grew = f"grew from {ev.before:.4g} at {ctx.unit} {ev.step}{_blown_at(ctx, at)}, " if at != ev.step else ""
        return Verdict("instability", 0.95, [
            f"{grew}non-finite value ({ev.after}) first at {ctx.unit} {at}; {_lr_story(ctx, at, since=ev.step)}"])
    if ev.kind == "spike" and ev.nonfinite_step is not None:
        span = f"at {ctx.unit} {ev.start_step}" if ev.end_step == ev.start_step else \
            f"from {ctx.unit} {ev.start_step} to {ev.end_step}"
        evidence = [f"non-finite value ({ev.after}) {span}, then finite again (an overflow or a skipped step: "
                    f"the run went on); {_lr_story(ctx, ev.start_step)}"]
        scale = next((c for c in ctx.analysis.run.frame.columns if is_loss_scale(c)), None)
        if scale is not None:
            # Mixed precision: dynamic loss scaling skips an overflowing step and halves the scale, by design.
            return Verdict("instability", 0.5, evidence + [f"the run logs a loss scale ({scale}): {OVERFLOW_SKIPPED}"])
        calm = _calm_beside(ctx)
        if calm is not None:
            return Verdict("instability", 0.45, evidence + [calm])
        return Verdict("instability", 0.9, evidence)
    if ctx.improves() and ev.kind not in ("spike", "oscillation"):
        return None
    jump = _warmup_jump(ctx)
    raised = _nearby_change(ctx, ("lr_increase",)) or (jump[0] if jump else None)
    if raised is not None:
        undone = _undone(ctx)
        if undone is not None:
            return Verdict("instability", 0.85, [f"{undone}; set off by lr {raised.before:.3g} -> "
                                                 f"{raised.after:.3g} at {ctx.unit} {raised.step}"])
        blip = _blip(ctx, raised)
        if blip is not None:
            return Verdict("instability", 0.85, [f"set off by an LR blip: {blip}"])
        return Verdict("instability", 0.3, ["an LR increase is nearby"])
    back, settled_worse = None, False
    if ev.kind == "spike":
        back, came_back = _back_by(ctx, "a single logged point" if ev.end_step == ev.start_step else None)
        settled_worse = not came_back
        # A ratio means nothing against a median at or below zero (a reward, an entropy term).
        size = factor_text(ev.after, ev.before) if ev.before > 0 and ev.after > 0 else f"{ev.after - ev.before:+.3g}"
        what = f"spike {size} against the running median{_logged_peak(ctx)}, {back}"
    elif ev.kind == "oscillation":
        what = f"point-to-point roughness x{ev.size_noise:.3g} what it was before, for {ctx.count(ev.width_steps)}"
    else:
        slow = ev.width_steps > SLOW_SHARE * ((ctx.series.last_step or 0) - (ctx.series.first_step or 0))
        what = f"climb over {ctx.count(ev.width_steps)} onto a worse level" if slow else "jump onto a worse level"
        home = _back_later(ctx)
        if home is None:
            what += " that does not come back"
        else:
            step, level = home
            off = (f"{level - ev.before:+.3g} from" if ctx.series.transform == "linear" or not ev.before > 0
                   else f"x{level / ev.before:.3g}")
            what += (f", {'up' if level > ev.after else 'down'} to {level:.4g} ({off} the level before it) only "
                     f"by {ctx.unit} {step}, {ctx.count(step - ev.step)} after it")
        what += _logged_peak(ctx)
    # With no LR known (none logged, none given), an LR restart cannot be ruled out for a jump or a spike.
    unknown = ctx.schedule.lr_steps is None and ev.kind != "oscillation"
    evidence = [f"{what}; {_lr_story(ctx, ev.step)}" + ("; a restart would look the same" if unknown else "")]
    surge = _grad_norm_surge(ctx) if ev.kind in ("spike", "rise", "drop") else None
    if surge is not None:
        evidence.append(surge)
    if ev.onset == "start-up":
        # Thrown up before the run settled and back under where it left from: the run survived it.
        return Verdict("instability", 0.5, evidence + [START_UP])
    succeeding = _episodes_succeeding(ctx) if ev.kind == "oscillation" else None
    if succeeding is not None:
        return Verdict("instability", 0.3, evidence + [succeeding])
    smaller = _nearby_change(ctx, ("batch_size_decrease",))
    if smaller is not None:  # fewer examples per update: noisier steps, as a larger LR gives
        what = "gradient accumulation" if _accumulation(smaller) else "batch size"
        cut = f"{what} {smaller.before:g} -> {smaller.after:g} at {ctx.unit} {smaller.step}" \
            if smaller.source != "epochs" else \
            f"{smaller.detail}: a batch about {1 / smaller.factor:.2g}x smaller (or more data per epoch)"
        evidence.append(f"{cut}, {ctx.count(ev.step - smaller.step)} before: each update noisier")
        if ev.kind == "rise":
            # The schedule's own doing, as a jump at an LR increase is: read as such, and weakly.
            return Verdict("instability", 0.3, evidence[:1] + evidence[-1:] + evidence[1:-1])
    restart = _stepped_back_at_restart(ctx)
    if restart is not None:
        # A job resumed from a checkpoint steps back where it starts again: an older checkpoint, or
        # an optimiser whose state starts afresh. The run's doing, not its step size. Losses first
        # logged there say the objective changed (a detector's second stage adding its head's terms).
        new = _first_logged_at(ctx.analysis.run, restart, _interval(ctx.series))
        evidence.append(f"but it starts {AT_RESTART} ({ctx.unit} {restart}, a resume whose step count was reset): " + (
            f"{', '.join(new)} first logged there, a total of the loss's terms rises with new ones: {DATA_CHANGED}"
            if new else "a run reloaded from a checkpoint steps back there"))
        return Verdict("instability", 0.3, evidence)
    # Any setback: a rise of a loss, a drop of an accuracy (the same move, read the same way).
    cut = _nearby_change(ctx, ("lr_decay",)) if ev.kind in ("spike", "rise", "drop") else None
    if cut is not None and cut.before and cut.after <= cut.before / STEP_FACTOR \
            and ev.start_step >= cut.step and (ev.kind != "spike" or ev.end_step > ev.start_step):
        # A setback that starts at a step cut of the LR: a smaller step throws no run off. What
        # rises there is a new stage of training (a fine-tuning task, new data) set up with it. A
        # spike of one point there is a bad batch that happened to come then.
        evidence.append(f"but it starts at the LR's cut (x{cut.after / cut.before:.3g} at {ctx.unit} {cut.step}): "
                        f"a smaller step does not throw a run off; {DATA_CHANGED}, as a new stage of training's does")
        return Verdict("instability", 0.3, evidence)
    grown = _objective_gained(ctx) if ev.kind in ("drop", "rise") else None
    if grown is not None:
        # A VAE's KL climbing from near zero as the latent starts to carry information, while the
        # ELBO improves: the term is traded for the objective, which is how the run is judged.
        evidence.append(f"but {grown}: {TERM_GROWN}")
        return Verdict("instability", 0.3, evidence)
    setting = _setting_changed(ctx) or (_terms_held(ctx) if ev.kind == "rise" else None)
    if setting is not None:
        # A weight decay switched on, a loss reweighted, label smoothing or mixup begun: the curve is
        # scored on another objective from here, which no instability makes.
        evidence.append(f"but {setting}: {DATA_CHANGED}")
        return Verdict("instability", 0.3, evidence)
    gain = _held_out_gain_beside(ctx) if ev.kind in ("drop", "rise", "spike") else None
    if gain is not None:
        # No instability makes the held-out curve better: the training curve is scored on other
        # data (a curriculum's harder part) or another objective from here.
        evidence.append(f"but {gain}, at the same time: {DATA_CHANGED}")
        return Verdict("instability", 0.3, evidence)
    # A spike that comes down onto a worse level only is a setback onto that level, read as a jump is.
    settles = ev.kind in ("drop", "rise") or settled_worse
    training, setback, unsure = _training_across(ctx) if settles else (None, None, None)
    if setback is not None:
        evidence.append(setback)
    moved = ev.kind in ("drop", "rise")
    traded = _moved_beside(ctx, better=True) if moved else []
    # Training's terms traded at the same time: a setback of the training curve beside it is the run's own
    # without them.
    terms = _moved_beside(ctx, better=True, training=True) if moved and setback is not None else []
    if traded and (setback is None or terms):
        # A segmentation's IoU dipping as its held-out loss falls 23% at an LR decay: a trade between
        # held-out metrics more than an unstable run, or a held-out curve parting from training.
        evidence.append(f"{', '.join(traded)} improved at the same {ctx.unit}: "
                        + (TRADED if HELD_OUT.search(ctx.series.name) else TERMS_TRADED))
        return Verdict("instability", 0.5, evidence)
    if terms and HELD_OUT.search(ctx.series.name):
        # Set back with training, whose terms traded (a VAE's KL falling 97% as its reconstruction rose,
        # the KL's weight raised x8 unlogged): the objective changed under both.
        evidence.append(f"{', '.join(terms)} improved at the same {ctx.unit}: {TERMS_TRADED}")
        return Verdict("instability", 0.5, evidence)
    if training is not None:
        # A held-out curve settling on a worse level while training goes on improving parts from it:
        # overfitting as much as an unstable run.
        evidence.append(f"{training} across it, without a setback of its own: {PARTING}")
        return Verdict("instability", 0.5, evidence)
    if unsure is not None:  # neither reading said: the held-out curve alone is a weak sign
        evidence.append(f"{unsure} too noisy across it to tell whether it had a setback of its own")
        return Verdict("instability", 0.5, evidence)
    if back is not None and _one_batch(ctx, back):
        evidence.append(ONE_BATCH)
        return Verdict("instability", 0.5, evidence)
    if back == "a single logged point" and ctx.series.higher_is_better and EPISODIC.search(ctx.series.name) \
            and not AVERAGED.search(ctx.series.name):
        evidence.append(ONE_EPISODE)
        return Verdict("instability", 0.5, evidence)
    unlucky = _unlucky_rollouts(ctx) if ev.kind == "spike" and not settled_worse else None
    if unlucky is not None:
        evidence.append(unlucky)
        return Verdict("instability", 0.5, evidence)
    held = _held_out_not_worse(ctx)
    if held is not None:  # read last: a trade of terms, or a held-out curve's own setback, says more
        evidence.append(f"{held}: {DATA_CHANGED}")
        return Verdict("instability", 0.5, evidence)
    best = _held_out_new_best(ctx)
    if best is not None:
        evidence.append(f"{best}: held-out data show no setback of the model; {DATA_CHANGED}")
        return Verdict("instability", 0.5, evidence)
    return Verdict("instability", 0.6 if unknown else 0.85, evidence)


def _episodes_succeeding(ctx: Context) -> str | None:
    """A return logged per episode (one rollout each) that turns rough as its mean improves: a policy
    starting to succeed on some episodes, whose returns spread between the old failures and the new
    successes (a snake agent's -10 on most episodes, +7 to +27 on more and more). The means from the
    stretch's start to the curve's next event (or its end) and of as many points before it, up to
    ``MEAN_POINTS``, part by ``MEAN_ERRORS`` standard errors its way."""
    ev, name = ctx.event, ctx.series.name
    if not EPISODIC.search(name) or AVERAGED.search(name):
        return None
    s = ctx.analysis.run.series(name)
    values, steps = s.to_numpy(dtype=float), s.index.to_numpy()
    until = min([e.start_step for e in ctx.series.events if e.start_step > ev.end_step], default=np.inf)
    during = values[(steps >= ev.start_step) & (steps < until)]
    before = values[steps < ev.start_step][-min(max(len(during), MEAN_POINTS // 3), MEAN_POINTS):]
    during, before = during[np.isfinite(during)], before[np.isfinite(before)]
    if len(during) < 3 or len(before) < 3:
        return None
    a, b = float(before.mean()), float(during.mean())
    error = math.sqrt(before.var(ddof=1) / len(before) + during.var(ddof=1) / len(during))
    sign = 1.0 if ctx.series.higher_is_better else -1.0
    if sign * (b - a) < MEAN_ERRORS * error:
        return None
    return (f"but its mean {'rose' if b > a else 'fell'} {a:.4g} -> {b:.4g} from there: a return logged per episode "
            "spreads as the policy starts to succeed on some episodes")


def _stepped_back_at_restart(ctx: Context) -> int | None:
    """The step where the log starts again (a resume whose step count was reset, numbered on) at
    which this setback starts, when its first point there already takes half of it: a step back
    on reloading. A collapse that builds over the resumed part is the resumed training's own."""
    ev = ctx.event
    r = _restart_at(ev, ctx.analysis.run, _interval(ctx.series))
    if r is None:
        return None
    s = ctx.analysis.run.series(ctx.series.name)
    first = s[s.index >= r]
    return r if len(first) and abs(float(first.iloc[0]) - ev.before) >= abs(ev.after - ev.before) / 2 else None


def _first_logged_at(run, step: int, interval: float) -> list[str]:
    """The losses first logged within one logging interval of ``step``, never before it."""
    out = []
    for name in run.columns_with_role("metric"):
        if not known_direction(name) or guess_higher_is_better(name):
            continue
        logged = run.series(name).index
        if len(logged) and step - interval <= logged[0] <= step + interval:
            out.append(name)
    return out


# Where an event is said to start when it starts at a restart of the log's step count.
AT_RESTART = "where the log starts again"


def _restart_at(ev: Transition, run, interval: float) -> int | None:
    """The step where the log starts again (a resume whose step count was reset, numbered on) that
    an event starts at, within one logging interval."""
    return next((r for r in run.restarts if abs(ev.start_step - r) <= interval), None)


ONE_BATCH = ("logged every update and back at the next point: one batch's loss (a hard or mislabeled example "
             "in it) more than the model thrown off")
# A reinforcement learner's return, logged per episode: one point is one rollout of a stochastic policy.
# A mean over episodes (SB3's ep_rew_mean, an evaluation's mean_reward) is no single rollout.
EPISODIC = re.compile(r"return|reward|(?<![a-z])ep_?rew|episod", re.I)
AVERAGED = re.compile(r"mean|avg|average|median|smooth|ema(?![a-z])", re.I)
ONE_EPISODE = ("one episode's return, back at the next: a stochastic policy's unlucky rollout more than the "
               "policy thrown off")


def _unlucky_rollouts(ctx: Context) -> str | None:
    """A spike of a return logged per episode made of episodes no worse than those around it often are:
    with a share q of the episodes around it (``ROLLOUT_WINDOW`` either side) as bad, a run of k of them
    comes about once in 1/q^k episodes; a log that long holds one by chance. A policy that succeeds on 80%
    of its episodes fails three in a row now and then; one thrown off fails on and on."""
    ev, name = ctx.event, ctx.series.name
    if not ctx.series.higher_is_better or not EPISODIC.search(name) or AVERAGED.search(name):
        return None
    s = ctx.analysis.run.series(name).dropna()
    values, steps = s.to_numpy(dtype=float), s.index.to_numpy()
    inside = (steps >= ev.start_step) & (steps <= ev.end_step)
    k = int(inside.sum())
    if not k:
        return None
    first, last = np.flatnonzero(inside)[[0, -1]]
    around = np.r_[values[max(0, first - ROLLOUT_WINDOW):first], values[last + 1:last + 1 + ROLLOUT_WINDOW]]
    mid = (ev.before + float(np.median(values[inside]))) / 2
    q = float(np.mean(around < mid)) if len(around) else 0.0
    if not q or len(values) * q ** k < 1:
        return None
    return (f"episodes this bad are {q:.0%} of the {len(around)} around it: a stretch of {k} such in {len(values)} "
            "episodes comes about by chance (a stochastic policy's unlucky rollouts, not the policy thrown off)")


# Episodes either side of a spike of a return that say how often one is as bad.
ROLLOUT_WINDOW = 50


def _one_batch(ctx: Context, back: str) -> bool:
    """A spike of a loss logged at every update, fully back after it, that is one or two points
    wide or a few points some of which are back at the level between the others: the batches were
    bad (an outlier, mislabeled examples coming round once an epoch), the weights barely moved. A
    model thrown off (a real loss spike) takes steps to come back, and does not in between."""
    ev = ctx.event
    if ctx.series.higher_is_better or ctx.analysis.run.step_axis != "step" or _interval(ctx.series) > 1.0 \
            or not (back == "a single logged point" or back.startswith("back by")) or not ev.before > 0:
        return False
    s = ctx.analysis.run.series(ctx.series.name)
    span = s[(s.index >= ev.start_step) & (s.index <= ev.end_step)].to_numpy()
    if len(span) <= 2:
        return True
    return len(span) <= ONE_BATCH_POINTS and bool(np.any(span[1:-1] <= BACK_BETWEEN * ev.before))


# A few bad batches in a row come as a spike this many points wide at most, with some point between
# them back within this factor of the level before.
ONE_BATCH_POINTS = 5
BACK_BETWEEN = 2.0


# A logged gradient norm this many times its median before an event, at the event, is cited as evidence.
SURGE_FACTOR = 5.0
# ... that median read over this many of its points before the event.
SURGE_POINTS = 50


def _grad_norm_surge(ctx: Context) -> str | None:
    """The run's gradient norm surging at the setback (the instability evidence DESIGN.md names):
    its largest value from one logged interval before the event's start to its end, against its
    median before. Evidence only: the label and its confidence stand on the curve."""
    logged = _grad_norm(ctx)
    if logged is None:
        return None
    name, g = logged
    g = g[np.isfinite(g.to_numpy())]
    ev = ctx.event
    before = g[g.index < ev.start_step]
    if len(before) < 5:
        return None
    recent = before.iloc[-SURGE_POINTS:]
    gap = float(np.median(np.diff(recent.index.to_numpy())))
    at = g[(g.index >= ev.start_step - gap) & (g.index <= ev.end_step)]
    level = float(np.median(recent.to_numpy()))
    peak = float(at.max()) if len(at) else 0.0
    if not level > 0 or peak < SURGE_FACTOR * level:
        return None
    return f"{name} {peak:.3g} at {ctx.unit} {int(at.idxmax())}, x{peak / level:.3g} its median {level:.3g} before"


# The evidence that says a held-out curve's worsening is its parting from the training curve.
PARTING = "the held-out curve parting from the training one, as overfitting does"
TRADED = "one held-out metric traded against another"
TERMS_TRADED = "one term of the objective traded against another (a weight of the loss changed?)"
TERM_GROWN = "a term of the objective grown as the model uses what it prices (a VAE's latent carrying information)"
# ... that a training curve got worse as a held-out one improved: not the run, what it is scored on.
DATA_CHANGED = "the training data or objective may have changed"
LR_CUT_ALIKE = "a step cut of the LR here would look the same (give the schedule: --milestones or --lr-schedule)"
# The most a plateau escape after a stage that trained gets with no LR known: a decay looks the same.
UNLOGGED_LR_CAP = 0.6
# ... and that a non-finite loss was a mixed-precision overflow the run stepped over.
OVERFLOW_SKIPPED = "an fp16 overflow whose step was skipped, as dynamic loss scaling does"
# After a spike, the median of this many logged points is the level it came back to; still as far
# from where it left as the smallest spike reaches, it is not back.
BACK_POINTS = 10
SETBACK_FACTOR = math.exp(DEFAULT_CONFIG.spike_min_log_height)
START_UP = ("in the run's first steps, and back under where it left from: a start-up transient the run came "
            "through (a catapult out of a sharp start, a gradient explosion an unclipped net survived)")


def _logged_peak(ctx: Context) -> str:
    """The spike's most extreme logged point, said when it stands well beyond the level the spike is
    read at: a corrupted batch's loss of 35.7 at one step, then a damaged net's 1-1.5 for thirty, is
    read x2e3 on its levels, and the 35.7 a user looks for in the log was nowhere."""
    ev = ctx.event
    s = ctx.analysis.run.series(ctx.series.name).dropna()
    span = s[(s.index >= ev.start_step) & (s.index <= ev.end_step)]
    if len(span) < 2:
        return ""
    at = (span if ev.direction == "up" else -span).idxmax()
    top = float(span[at])
    if ctx.series.transform == "log" and ev.before > 0 and ev.after > 0:
        beyond = top / ev.after if ev.direction == "up" else ev.after / top if top > 0 else math.inf
        if not beyond >= PEAK_BEYOND:
            return ""
        return f", its most extreme logged point {top:.4g} at {ctx.unit} {int(at)} ({factor_text(top, ev.before)})"
    if not abs(top - ev.before) >= PEAK_BEYOND * abs(ev.after - ev.before):
        return ""
    return f", its most extreme logged point {top:.4g} at {ctx.unit} {int(at)} ({top - ev.before:+.3g})"


# A spike's logged extreme is said when it stands this many times beyond the level the spike is read at
# (a ratio on a log scale, a difference from the level before on a linear one).
PEAK_BEYOND = 2.0


def _back_by(ctx: Context, back: str | None = None) -> tuple[str, bool]:
    """Where a spike ends, said, and whether it came back: back to where it left from (``back``, else
    "back by" its end), or only down from its peak onto a worse level (a setback the run then recovers
    from slowly, or never). On a bounded score the setback is read in points of its scale: a held-out
    accuracy 0.94 -> 0.62 that stands at 0.75 four evaluations on was "a single logged point"."""
    ev = ctx.event
    s = ctx.analysis.run.series(ctx.series.name).dropna()
    after = s[s.index > ev.end_step].to_numpy()[:BACK_POINTS]
    back = back or f"back by {ctx.unit} {ev.end_step}"
    # A spike running to the log's end is judged on the log's last points: a run stopped while it
    # recovers is not back.
    ending = len(after) < 3
    if ending:
        after = s[s.index > ev.step].to_numpy()[-3:]
        if len(after) < 3:
            return back, True
    level = float(np.median(after))
    down = (f"down from its peak, but not back by the log's end: its last {len(after)} points stand"
            if ending else f"down from its peak by {ctx.unit} {ev.end_step}, but the next {len(after)} points "
            "still stand")
    if not bool(_still_off(ctx, s, level)):
        short = _short_of(ctx, after, level)
        if short is None:
            return back, True
        # Nearer than a spike's height, but beyond the noise: not back, and said with how far.
        return (f"down from its peak by the log's end, its last {len(after)} points at {level:.4g}, {short}"
                if ending else f"down from its peak by {ctx.unit} {ev.end_step} to {level:.4g} over the next "
                f"{len(after)} points, {short}"), False
    if ctx.series.transform == "linear":
        return f"{down} at {level:.4g}, {level - ev.before:+.3g} from the level before it", False
    return f"{down} at {level:.4g}, x{level / ev.before:.3g} the level before it", False


def _short_of(ctx: Context, after: np.ndarray, level: float) -> str | None:
    """How far a loss stands from where a spike left it, the worse way, when that is beyond what a
    stage may move and still be flat (twice the smallest reportable move) and twice the standard
    error of the points' median; None if not."""
    ev = ctx.event
    if ctx.series.transform != "log" or not (ev.before > 0 and level > 0 and (after > 0).all()):
        return None
    off = log_ratio(level, ev.before) * (1 if ev.direction == "up" else -1)
    se = 1.25 * robust_sd(np.diff(np.log(after))) / math.sqrt(2) / math.sqrt(len(after))
    if off <= max(2 * DEFAULT_CONFIG.min_log_change, 2 * se):
        return None
    return f"x{level / ev.before:.3g} the level before it"


def _still_off(ctx: Context, s, level):
    """Whether a level (or each of an array of levels) after a spike or jump is still as far from
    where it left as the smallest spike reaches (on a bounded score, that many points of its
    scale), the worse way."""
    from curvedoc.detect import score_bound

    ev = ctx.event
    level = np.asarray(level, dtype=float)
    if ctx.series.transform == "linear":
        bound = score_bound(s.to_numpy())
        return (abs(level - ev.before) >= DEFAULT_CONFIG.spike_min_score_points * bound) & bool(bound) \
            & ((level - ev.before) * (ev.after - ev.before) > 0)
    if not ev.before > 0:
        return np.zeros(level.shape, dtype=bool)
    with np.errstate(divide="ignore"):
        worse = level / ev.before if ev.direction == "up" else np.where(level > 0, ev.before / level, np.inf)
    return worse >= SETBACK_FACTOR


def _back_later(ctx: Context) -> tuple[int, float] | None:
    """Where, and at what level, a jump onto a worse level came back near where it left later in
    the log (the median of ``BACK_POINTS`` points no longer off by a spike's height); None if never."""
    ev = ctx.event
    s = ctx.analysis.run.series(ctx.series.name).dropna()
    rest = s[s.index > ev.end_step]
    if len(rest) < BACK_POINTS:
        return None
    levels = rest.rolling(BACK_POINTS, center=True).median().dropna()  # dated at its middle, not its end
    # Back toward the level before, nearer to it than the jump took the curve: a held-out loss still
    # climbing (1.0 after the jump, 1.09 later) had come "up to 1.09 ... only by step 2300".
    closer = np.abs(levels.to_numpy() - ev.before) < abs(ev.after - ev.before)
    home = np.flatnonzero(~_still_off(ctx, s, levels.to_numpy()) & closer)
    return (int(levels.index[home[0]]), float(levels.iloc[home[0]])) if len(home) else None


def _undone(ctx: Context) -> str | None:
    """The lasting damage a setback did, said, judged on the run's training curve (a held-out curve
    logged once an epoch starts already trained, and may drift worse by overfitting alone): it went
    non-finite from the setback on, or its last level gives back ``UNDONE_SHARE`` or more of what it
    had gained from its first level to its best before the setback."""
    from curvedoc.summary import lowest_level, main_metric

    ev = ctx.event
    train = main_metric(ctx.analysis)
    if train is None or HELD_OUT.search(train.name):
        train = ctx.series
    gone = [e for e in train.events if e.kind == "divergence" and e.step >= ev.start_step - ctx.tolerance]
    if gone:
        at = gone[0].nonfinite_step if gone[0].nonfinite_step is not None else gone[0].step
        return f"{train.name} went non-finite at {ctx.unit} {at}"
    s = ctx.analysis.run.series(train.name)
    values, finite = s.to_numpy(), np.isfinite(s.to_numpy())
    v = values[(s.index < ev.step) & finite]  # up to the event's step: a wide event may start before the best
    later = values[(s.index > ev.end_step) & finite]
    if len(v) < 3 or len(later) < 3:
        return None  # too little before to measure the gain on, or after to see whether it came back
    sign = -1.0 if train.higher_is_better else 1.0  # lower is better on sign * value
    # Windows sized by the whole curve, not by where the event falls: two events of one run quote
    # one start, one best and one end.
    window = max(1, int(finite.sum()) // 20)
    first = float(np.median(v[:max(1, min(5, window // 2))]))
    end = float(np.median(later[-max(3, 2 * window):]))
    _, best = lowest_level(sign * v, window)
    gained = sign * first - best
    if gained <= 0 or (sign * end - best) / gained < UNDONE_SHARE:
        return None
    share = (sign * end - best) / gained
    gave = "all of what it had learned" if share >= 1 else f"{share:.0%} of what it had learned"
    return (f"{train.name} gave back {gave} and had not come back by the log's end ({first:.4g} at the start, "
            f"best {sign * best:.4g}, {end:.4g} at the end)")


def _training_across(ctx: Context) -> tuple[str | None, str | None, str | None]:
    """What the run's training curve did across this held-out curve's worsening: first, when the
    worsening has no counterpart in it (no event, no setback in its values), that it ends better than
    it was at the event, or ends at the best level it had reached (a training set memorised, its loss
    at zero); the setback it had, said, if one; and its name last when its values are too noisy
    there to tell either way."""
    from curvedoc.summary import held_its_best, main_metric, still_improving

    train = main_metric(ctx.analysis)
    if not HELD_OUT.search(ctx.series.name) or train is None or train is ctx.series \
            or HELD_OUT.search(train.name):
        return None, None, None
    setback, unsure = _training_set_back(ctx, train)
    worse_there = any(abs(e.step - ctx.event.step) <= ctx.tolerance and (e.direction == "up") != train.higher_is_better
                      for e in train.events)
    if worse_there or setback is not None:
        return None, setback, None
    if unsure:
        return None, None, train.name
    if still_improving(ctx.analysis, train.name, ctx.event.step):
        return f"{train.name} kept improving", None, None
    return (f"{train.name} held its best level" if held_its_best(ctx.analysis, train.name, ctx.event.step)
            else None), None, None


def _objective_gained(ctx: Context) -> str | None:
    """For a term of the objective (a KL, a regulariser) worsening: a training curve of the run that is
    no such term (the loss, the ELBO) better after the move than before it, by the median over as long
    as the move each side (five of its points at least)."""
    ev = ctx.event
    if not OBJECTIVE_TERM.search(ctx.series.name):
        return None
    for other in objective_curves(ctx.analysis.metrics):
        span = max(ev.end_step - ev.start_step, 5 * _interval(other))
        s = ctx.analysis.run.series(other.name).dropna()
        before = s[(s.index >= ev.start_step - span) & (s.index < ev.start_step)]
        after = s[(s.index > ev.end_step) & (s.index <= ev.end_step + span)]
        if len(before) < 3 or len(after) < 3:
            continue
        a, b = float(before.median()), float(after.median())
        if (b > a) == other.higher_is_better and b != a:
            return f"{other.name} improved over the same {ctx.unit}s, {a:.4g} -> {b:.4g}"
    return None


def _moved_beside(ctx: Context, better: bool, training: bool | None = None) -> list[str]:
    """The run's other curves of the same kind (held-out, or training; ``training`` picks one) that
    moved their better way (``better``), or their worse, at this one's move: a segmentation's IoU
    dipping as its held-out loss falls; a VAE's reconstruction loss rising as its KL term falls 81%
    when the KL's weight is warmed up. (A spike only ever goes a curve's worse way.)"""
    if training is None:
        training = not HELD_OUT.search(ctx.series.name)
    others = _training_curves(ctx) if training else _held_out_curves(ctx)
    return [other.name for other in others
            if any(abs(e.step - ctx.event.step) <= ctx.tolerance and other.improves(e) == better
                   for e in other.events if e.kind in ("drop", "rise", "spike"))]


# The fewest training points on each side for a setback read from the training curve's values.
SETBACK_POINTS = 8


def _training_set_back(ctx: Context, train: SeriesAnalysis) -> tuple[str | None, bool]:
    """Where the training curve got worse, beyond its noise, between the held-out curve's last
    point before the event and the event: a collapse both curves share (a net stuck at chance), which
    the training curve's own analysis may have cut into a ramp and a jump too small alone to report.
    Its median over that interval against the one over as long an interval before it; and whether
    that reading is unsure: too noisy to rule out a setback the smallest reportable move large, where
    "without a setback of its own" would be a guess (a restart's climb in noisy minibatch losses)."""
    held = ctx.analysis.run.series(ctx.series.name).dropna()
    earlier = held.index[held.index < ctx.event.start_step]
    if not len(earlier):
        return None, False
    a, b = int(earlier[-1]), int(ctx.event.start_step)
    s = ctx.analysis.run.series(train.name).dropna()
    before = s[(s.index > 2 * a - b) & (s.index <= a)]
    across = s[(s.index > a) & (s.index <= b)]
    spans = [step_span(2 * a - b + 1, a), step_span(a + 1, b)]
    if 1 <= len(across) < SETBACK_POINTS:
        # Logged more often than the held-out curve, but not SETBACK_POINTS times between two of
        # its points (every 5 steps against every 28), or as often (both every 10 steps: the one point
        # between is the training curve's own spike): read on that many from there on, and before.
        across, before = s[s.index > a].iloc[:SETBACK_POINTS], s[s.index <= a].iloc[-SETBACK_POINTS:]
        spans = [step_span(int(x.index[0]), int(x.index[-1])) for x in (before, across)]
    if min(len(before), len(across)) < SETBACK_POINTS:
        return None, False
    before, across = before.to_numpy(), across.to_numpy()
    levels = float(np.median(before)), float(np.median(across))
    floor = 0.0
    if before.min() > 0 and across.min() > 0:
        before, across, floor = np.log(before), np.log(across), DEFAULT_CONFIG.min_log_change
    worse = float(np.median(across) - np.median(before)) * (-1 if train.higher_is_better else 1)
    # The standard error of a median is 1.2533 sigma / sqrt(n).
    se = 1.2533 * math.hypot(robust_sd(before) / math.sqrt(len(before)), robust_sd(across) / math.sqrt(len(across)))
    if worse <= max(floor, 3 * se):
        return None, floor > 0 and worse + 2 * se > floor
    return (f"{train.name} got worse over the same {ctx.unit}s: median {levels[0]:.4g} over {ctx.unit}s "
            f"{spans[0]}, {levels[1]:.4g} over {spans[1]}"), False


def _lr_story(ctx: Context, step: int, since: int | None = None) -> str:
    """What the LR was doing up to the event: the usual suspect for instability. Read over the
    last few tolerances, or from ``since`` (where a diverging loss began to grow) when that is
    earlier: a warmup climbing 0.9 -> 4 over the growth moves a few percent in its last steps.
    Never from before the LR's first logged step; a discrete raise in that stretch is named."""
    sched = ctx.schedule
    lr = sched.lr_at(step)
    if lr is None:
        return "lr not logged"
    window = max(ctx.tolerance * 4, 1)
    if since is not None and since < step - window:
        window = step - since
    if sched.lr_steps is not None and len(sched.lr_steps):
        window = max(1, min(window, step - int(sched.lr_steps[0])))
    # A raise in one step (a restart, a constant warmup's end): its own step, not a climb over the window.
    raised = [(c, sched.lr_at(c.step - 1)) for c in sched.changes
              if c.kind in ("lr_increase", "warmup_end") and step - window < c.step <= step]
    raised = [(c, before) for c, before in raised if before and c.after >= STEP_FACTOR * before]
    if len(raised) == 1:
        c, before = raised[0]
        return f"lr raised {before:.3g} -> {c.after:.3g} (x{c.after / before:.3g}) at {ctx.unit} {c.step}"
    earlier = sched.lr_at(step - window)
    if earlier and lr > 1.1 * earlier:
        inside = (sched.lr_steps > step - window) & (sched.lr_steps <= step)
        top = int(np.argmax(np.where(inside, sched.lr_values, -np.inf)))
        # Up and down again over the window (a sparse curve's, a warmup's peak and then a cosine):
        # "rising" would say the opposite of what the LR was doing at the event.
        if sched.lr_values[top] > 1.01 * lr:
            return (f"lr up from {earlier:.3g} to {sched.lr_values[top]:.3g} at {ctx.unit} {int(sched.lr_steps[top])}, "
                    f"then down to {lr:.3g}")
        peak = max(sched.lr_values)
        return f"lr rising: {earlier:.3g} -> {lr:.3g} {_moved_since(ctx, step, window, earlier)} (peak {peak:.3g})"
    if earlier and lr < earlier / 1.1:
        # A cut in one step (a step decay) at its step, as a raise is, not as a fall over the window.
        cut = [c for c in sched.changes if c.kind == "lr_decay" and step - window < c.step <= step]
        if len(cut) == 1 and cut[0].before and cut[0].after <= cut[0].before / STEP_FACTOR:
            c = cut[0]
            return f"lr cut {c.before:.3g} -> {c.after:.3g} (x{c.after / c.before:.3g}) at {ctx.unit} {c.step}"
        return f"lr falling: {earlier:.3g} -> {lr:.3g} {_moved_since(ctx, step, window, earlier)}"
    # A long ramp moves little over the last few tolerances, yet it is what brought the LR here.
    ramp = next((r for r in sched.smooth if r.start < step <= r.end and r.after > r.before), None)
    if ramp is not None and lr > 1.1 * (sched.lr_at(ramp.start) or 0.0):
        return (f"lr rising: {sched.lr_at(ramp.start):.3g} -> {lr:.3g} since {ctx.unit} {ramp.start} "
                f"(peak {max(sched.lr_values):.3g})")
    return f"lr unchanged at {lr:.3g}"


def _moved_since(ctx: Context, step: int, window: int, earlier: float) -> str:
    """Since when the LR has moved off ``earlier`` within the window up to ``step``: where it last
    stood there, when it held there for a quarter of the window at least ("over the last 24000
    steps" was said of a ramp 2000 steps long); a ramp climbing all along is told over the window."""
    sched = ctx.schedule
    inside = (sched.lr_steps > step - window) & (sched.lr_steps <= step)
    still = np.flatnonzero(inside & (np.abs(sched.lr_values / earlier - 1) <= 0.01))
    if len(still) and sched.lr_steps[still[-1]] < step and sched.lr_steps[still[-1]] - (step - window) >= window / 4:
        return f"since {ctx.unit} {int(sched.lr_steps[still[-1]])}"
    return f"over the last {ctx.count(window)}"


def lr_restart(ctx: Context) -> Verdict | None:
    if ctx.improves():
        return None
    ch = _nearby_change(ctx, ("lr_increase",))
    climb = _cycle_climb(ctx) if ch is None else None
    if ch is not None or climb is not None:
        # A cyclic schedule's climb is a ramp over many steps, not a restart's one jump.
        ramp = climb or next((r for r in ctx.schedule.smooth if r.start == ch.step and r.after > r.before), None)
        raised = (f"lr {ch.before:.3g} -> {ch.after:.3g} at {ctx.unit} {ch.step}" if ramp is None else
                  f"lr climbing {ramp.before:.3g} -> {ramp.after:.3g} over {ctx.unit}s "
                  f"{step_span(ramp.start, ramp.end)}")
        undone = _undone(ctx)
        if undone is not None:
            return Verdict("lr_restart", 0.4, [raised, f"but {undone}: more than a restart's jolt"])
        blip = _blip(ctx, ch) if ch is not None else None
        if blip is not None:
            return Verdict("lr_restart", 0.3, [blip])
        resumed = _resumed_at(ctx, ch.step) if ch is not None else None
        if resumed is not None:
            # Where a log goes back to an earlier step and the LR jumps there, the run was reloaded and
            # its schedule started over: the scheduler's state left out of the checkpoint, not a planned restart.
            return Verdict("lr_restart", 0.9, [raised, f"where the run resumed ({ctx.unit}s go back to {resumed} "
                                                       "there): a scheduler whose state the checkpoint did not "
                                                       "restore starts its LR over"])
        return Verdict("lr_restart", 0.9, [raised])
    cycle = _periodic_setbacks(ctx) if ctx.schedule.lr_steps is None else None
    if cycle is None:
        return None
    period, starts = cycle
    return Verdict("lr_restart", 0.65, [
        f"no LR in the log: inferred from {len(starts)} setbacks starting every {period:.0f} {ctx.unit}s "
        f"({', '.join(str(s) for s in starts)}), each taking a fifth of that or more to come back, "
        f"as the restarts of a cyclic schedule (SGDR) do"])


def _resumed_at(ctx: Context, step: int) -> int | None:
    """The step a resume went back to (``Run.resumes``) at an LR change at ``step``, within one logged
    interval; None when the run did not go back there."""
    near = max(1.0, _interval(ctx.series))
    return next((r.step for r in ctx.analysis.run.resumes if abs(r.step - step) <= near), None)


# A move the worse way spread over this share of the log is a climb, not a jump.
SLOW_SHARE = 0.1


def _cycle_climb(ctx: Context):
    """The smooth climb of a cyclic LR the event starts in, when the climb ends at a peak the LR
    comes down from (a warmup towards too high an LR, cut short by the blow-up, has none)."""
    start = ctx.event.start_step
    peaks = {c.step for c in ctx.schedule.changes if c.kind == "lr_peak"}
    return next((r for r in ctx.schedule.smooth if r.after > r.before and r.start <= start <= r.end and r.end in peaks),
                None)


# Setbacks this regular (spread of their intervals against the period) and this slow
# to come back (share of the period) are a schedule's doing, not bad luck.
PERIOD_SPREAD = 0.05
PERIOD_RECOVERY = 0.2


def _periodic_setbacks(ctx: Context) -> tuple[float, list[int]] | None:
    """(period, starts) when this event is one of three or more setbacks at a steady period,
    each slow to come back: what a cyclic schedule's restarts leave in a log without its LR."""
    worse = "down" if ctx.series.higher_is_better else "up"
    setbacks = sorted((e for e in ctx.series.events if e.direction == worse and e.kind in ("rise", "spike", "drop")),
                      key=lambda e: e.start_step)
    if len(setbacks) < 3 or ctx.event not in setbacks:
        return None
    starts = [e.start_step for e in setbacks]
    gaps = np.diff(starts)
    period = float(np.median(gaps))
    if period <= 0 or np.any(np.abs(gaps - period) > PERIOD_SPREAD * period):
        return None
    if any(e.end_step - e.start_step < PERIOD_RECOVERY * period for e in setbacks):
        return None
    return period, starts


def warmup_end(ctx: Context) -> Verdict | None:
    jump = _warmup_jump(ctx)
    if jump is not None:
        ch, before = jump
        # The log cannot tell a warmup held constant from a low LR the run was later raised from.
        evidence = [f"the LR's first rise, in one step: lr {before:.3g} -> {ch.after:.3g} (x{ch.after / before:.3g}) "
                    f"at {ctx.unit} {ch.step}, the end of a constant warmup (or a raise of the LR)"]
        undone = None if ctx.improves() else _undone(ctx)
        if undone is not None:
            return Verdict("warmup_end", 0.4, evidence + [f"but {undone}: more than a warmup's jolt"])
        return Verdict("warmup_end", 0.9, evidence)
    ch = _nearby_change(ctx, ("warmup_end", "lr_peak"))
    if ch is None or _made_before(ctx, ch.step) > 0.5:
        # Most of the move made while the LR was still rising (the run's first fall, early in a
        # warmup): the rise stopping cannot have caused it.
        return None
    if ch.kind == "lr_peak":  # a cyclic schedule's later peaks: the LR stops rising there too
        return Verdict("warmup_end", 0.6, [f"the lr peaks at {ctx.unit} {ch.step} ({ch.before:.3g}) and falls from "
                                           f"there, to {ch.after:.3g}"])
    # A ramp's end bends a loss rather than drops it: a fall soon after may be the learning the raised
    # LR allows, which comes as early under a longer warmup (a character model's fall at steps 130-200
    # after a 100-step warmup came at 190-270, the LR still rising, after a 300-step one). A setback is
    # no such learning: YOLOv8's held-out loss x2.2 for one epoch after its warmup was "the rise may be
    # learning the raised LR allows".
    if not ctx.improves():
        return None
    return Verdict("warmup_end", 0.6, [f"warmup ends at {ctx.unit} {ch.step} (lr {ch.after:.3g})",
                                       "but a warmup's ramp ending bends a curve rather than moves it: the "
                                       f"{'rise' if ctx.event.direction == 'up' else 'fall'} may be learning the "
                                       "raised LR allows"])


def _made_before(ctx: Context, step: int) -> float:
    """The share of the event's move made by ``step``, read on the last logged value there (0 when
    none is logged inside the move)."""
    ev, sa = ctx.event, ctx.series
    s = ctx.analysis.run.series(sa.name)
    inside = s[(s.index >= ev.start_step) & (s.index <= step)].dropna()
    if inside.empty or ev.before == ev.after:
        return 0.0
    z = sa.scaled(np.array([ev.before, float(inside.iloc[-1]), ev.after]))
    return float((z[1] - z[0]) / (z[2] - z[0]))


def _warmup_jump(ctx: Context):
    """A warmup that ends in one step up of the LR (constant warmup), with the LR before it.

    Such a step moves the loss either way, like a restart does; a ramp's end only bends it.
    """
    ch = _nearby_change(ctx, ("warmup_end",))
    if ch is None:
        return None
    before = ctx.schedule.lr_at(ch.step - 1)
    # Held before the step: a linear ramp logged once an epoch climbs x1.5 at its last point as well.
    steps = ctx.schedule.lr_steps
    held = steps is None or not len(steps) or ctx.schedule.is_constant_between(int(steps[0]), ch.step - 1) is not False
    return (ch, before) if before and ch.after >= STEP_FACTOR * before and held else None


def epoch_boundary(ctx: Context) -> Verdict | None:
    ev = ctx.event
    if not ctx.improves() or ev.kind not in ("drop", "rise") or HELD_OUT.search(ctx.series.name):
        return None
    teeth = [e for e in ctx.series.events if e.kind in ("drop", "rise") and _at_epoch_start(ctx, e)]
    if ev.onset != "epoch" and (ev not in teeth or len(teeth) < 3):
        return None
    # A held-out curve says whether it follows only if it was analysed and is logged at least once an
    # epoch: a fine-tune evaluated five times over forty epochs cannot show an epoch's tooth.
    epoch_len = float(np.median(np.diff([e.step for e in teeth]))) if len(teeth) > 1 else math.inf
    held = [m for m in ctx.analysis.metrics if HELD_OUT.search(m.name) and m is not ctx.series and m.stages
            and _interval(m) <= epoch_len]
    # Linked to it already (a held-out curve logged as each epoch closes, 100 steps on, is "also in" it):
    # it follows, as the report says.
    followed = [m.name for m in held if m.name in ev.linked
                or any(abs(e.step - ev.step) <= ctx.tolerance for e in m.events)]
    n = max(len(teeth), len([e for e in ctx.series.events if e.onset == "epoch"]))
    evidence = [f"one of {n} drops at epoch starts" + (f" (epoch {ev.epoch:.4g})" if ev.epoch is not None else "")]
    if followed:
        return Verdict("epoch_boundary", 0.5, evidence + [f"{', '.join(followed)} moves too"])
    if held:
        names = [m.name for m in held]
        verb = "does" if len(names) == 1 else "do"
        evidence.append(f"{', '.join(names)} {verb} not follow: repeated data being memorised")
    return Verdict("epoch_boundary", 0.85 if ev.onset == "epoch" else 0.8, evidence)


def _at_epoch_start(ctx: Context, ev: Transition) -> bool:
    """An epoch begins within the event's tolerance (the epoch counter changes its integer part)."""
    if ctx.analysis.epochs is None or ctx.analysis.run.step_axis == "epoch":
        return False
    # Short epochs (ten logged points each) put an epoch start within any tolerance: the start must
    # be near against the epoch's length too, the drop coming with the new epoch's first batches.
    length = _epoch_length(ctx)
    before, after = ctx.tolerance, max(1, ctx.tolerance // 2)
    if length is not None:
        before, after = min(before, max(1, EPOCH_START_BEFORE * length)), min(after, max(1, EPOCH_START_AFTER * length))
    lo = ctx.analysis.epoch_at(ev.step - before)
    hi = ctx.analysis.epoch_at(ev.step + after)
    return lo is not None and hi is not None and int(hi + 1e-6) > int(lo + 1e-6)


def _epoch_length(ctx: Context) -> float | None:
    """Steps to an epoch: the median gap between the steps where the epoch counter's integer part
    changes, if it changes twice at least."""
    s, e = ctx.analysis.epochs
    turns = s[1:][np.diff(np.floor(np.asarray(e, dtype=float) + 1e-6)) > 0]
    return float(np.median(np.diff(turns))) if len(turns) > 2 else None


# How near (in epochs) an epoch start must be to a drop dated at it: before it, and after.
EPOCH_START_BEFORE = 0.15
EPOCH_START_AFTER = 0.1


RULES: list[Rule] = [epoch_boundary, lr_decay, batch_size_increase, plateau_escape, saturation_recovery, instability,
                     lr_restart, warmup_end]


def explain_event(ctx: Context) -> tuple[Verdict, list[Verdict]]:
    verdicts = [v for rule in RULES if (v := rule(ctx)) is not None]
    verdicts.sort(key=lambda v: v.score, reverse=True)
    zero = _zero_from(ctx)
    if zero is not None:
        return Verdict("unexplained", 0.5, [zero]), verdicts
    against = _mean_against(ctx)
    if against is not None:
        return Verdict("unexplained", 0.5, [against]), verdicts
    if not verdicts or verdicts[0].score < MIN_SCORE:
        checked = "LR schedule, batch size, plateau before, direction"
        evidence = [f"no rule explains it (checked: {checked})"]
        rising = _lr_rose_before(ctx) if ctx.improves() and _in_warmup(ctx) else None
        moving = _moving_lr_beside_a_plateau(ctx) if rising is None else None
        raised = _raised_before_a_gain(ctx) if rising is None and moving is None else None
        # A setting logged beside the curves that changed there is what a person would look at first (a
        # contrastive loss's temperature cut 0.5 -> 0.1): said with the verdict, not only under --explain.
        setting = _setting_changed(ctx)
        changed = f"but {setting}: {DATA_CHANGED}" if setting else None
        traded = _terms_traded(ctx) if setting is None else None
        whys = (rising, moving, raised, changed, traded and f"but {traded}")
        return Verdict("unexplained", 0.5, evidence + [why for why in whys if why]), verdicts
    best = verdicts[0]
    if ctx.event.paced_away and best.label in ("lr_decay", "batch_size_increase"):
        # Off the level before the change, not off its pace: the change may have done it, or the curve
        # only kept its pace (at milestones never set, a quarter of the places read a decay so, at 0.95).
        name, share = ctx.series.name, ctx.event.pace_share
        if share >= 0.5:
            but = (f"but {name} was {'rising' if ctx.event.direction == 'up' else 'falling'} before it, and at "
                   "that pace carried on would have come most of this way: a weak reading")
        else:
            # The line makes little of the move; its error, carried over the window, is what is wide.
            made = f"makes {share:.0%} of it" if share > 0 else "runs the other way"
            but = (f"but {name}'s pace before it is too unsure to rule out (its line carried on {made}, "
                   "within its error): a weak reading")
        best = Verdict(best.label, min(best.score, PACED_AWAY_SCORE), best.evidence + [but])
    return best, verdicts[1:]


# A schedule's move that parts from the level before it, not from its pace: below check's 0.6.
PACED_AWAY_SCORE = 0.5


def _zero_from(ctx: Context) -> str | None:
    """A loss that falls to exactly 0 and stays there to the end of the log: a value logged, not
    learned (transformers' gradient-accumulation loss of 0.0, a loss zeroed before it is read, or
    rounded away), which no cause in the schedule explains."""
    ev = ctx.event
    if ctx.series.higher_is_better or not ctx.improves() or ev.after != 0:
        return None
    s = ctx.analysis.run.series(ctx.series.name)
    rest = s[s.index >= ev.end_step].dropna().to_numpy()
    if len(rest) < 2 or np.any(rest != 0):
        return None
    return (f"{ctx.series.name} is exactly 0 from {ctx.unit} {ev.end_step} to the end of the log: a value logged, "
            "not a loss learned (a loss not gathered under gradient accumulation, zeroed before it is read, or "
            "rounded away); check the training code")


# Points each side that make a mean of per-step losses worth weighing against the level, and the
# standard errors that make a difference of means a difference.
MEAN_POINTS = 30
MEAN_ERRORS = 3.0


def _mean_against(ctx: Context) -> str | None:
    """A move of the typical point that the logged mean did not follow: the median of the points each
    side moved, and the mean stayed, or went the other way, beyond its error from where a curve scaled
    as the median would have taken it. The worst points grew as the rest moved: inputs scaled x3 by a
    preprocessing change made a classifier surer on most batches and far worse on the rest (median
    -15%, mean +29%), read on the log scale as a drop of -54%. What training optimises is the mean, so
    this is no gain, nor a setback, that a label names. The points are those next to the move, a
    quarter of the shorter of the stages each side, as many each side: over whole stages the run's
    early fall made the mean before it high."""
    ev = ctx.event
    if ev.kind not in ("drop", "rise"):
        return None
    before = [st for st in ctx.series.stages if st.end < ev.step]
    after = [st for st in ctx.series.stages if st.start >= ev.step]
    s = ctx.analysis.run.series(ctx.series.name)
    s = s[np.isfinite(s.to_numpy(dtype=float))]
    if not before or not after or len(s) < 2 * MEAN_POINTS:
        return None
    steps, values = s.index.to_numpy(), s.to_numpy(dtype=float)
    a = values[(steps >= before[-1].start) & (steps < ev.start_step)]
    b = values[(steps > ev.end_step) & (steps <= after[0].end)]
    n = min(len(a), len(b)) // 4
    if n < MEAN_POINTS:
        return None
    a, b = a[-n:], b[:n]
    sign = 1 if ev.direction == "down" else -1
    meda, medb = float(np.median(a)), float(np.median(b))
    if meda <= 0 or sign * (meda - medb) <= 0:
        return None
    # A mean carried by one point is no mean of the batches: the reading must hold with each side's
    # farthest point left out. Bad batches x10^5 the level made the mean before a loss thrown up for good
    # 3.4 where the rest stood at 0.0003, and the jump "one the mean did not follow".
    held = [_mean_apart(x, y, sign, medb / meda) for x, y in ((a, b), (_but_farthest(a), _but_farthest(b)))]
    if not all(held):
        return None
    ma, mb, error = held[0]
    went = "rose" if mb > ma else "fell"
    moved = f"{went} {ma:.4g} -> {mb:.4g} ({(mb - ma) / abs(ma):+.0%})"
    mean = moved if abs(mb - ma) >= MEAN_ERRORS * error else f"did not follow ({ma:.4g} -> {mb:.4g}, within its error)"
    return (f"but its median over {n} points each side {'fell' if sign > 0 else 'rose'} {meda:.4g} -> {medb:.4g} "
            f"and its mean, what training optimises, {mean}: the worst points "
            f"{'grew' if sign > 0 else 'shrank'} as the rest moved, as a change in the data or its scale does")


def _mean_apart(a: np.ndarray, b: np.ndarray, sign: int, ratio: float) -> tuple[float, float, float] | None:
    """The means each side and their difference's error, when the mean did not move the median's way
    beyond its error and stands beyond it from where a curve scaled as the median (by ``ratio``) would
    have taken it; else None."""
    ma, mb = float(a.mean()), float(b.mean())
    error = math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    if not error or sign * (ma - mb) >= MEAN_ERRORS * error or sign * (mb - ma * ratio) < MEAN_ERRORS * error:
        return None
    return ma, mb, error


def _but_farthest(x: np.ndarray) -> np.ndarray:
    """The points but the one farthest from their median."""
    return np.delete(x, int(np.argmax(np.abs(x - np.median(x)))))


def _raised_before_a_gain(ctx: Context) -> str | None:
    """An improvement just after the LR was raised in one step: no cause the labels name (a raise
    sets a loss back), but the change in the log a person would look at first."""
    ch = _nearby_change(ctx, ("lr_increase",)) if ctx.improves() else None
    if ch is None or not ch.before:
        return None
    lag = ctx.event.step - ch.step
    when = f"{ctx.count(lag)} before the {ctx.event.kind}" if lag >= 0 else f"at the {ctx.event.kind}"
    return (f"but the LR was raised {ch.before:.3g} -> {ch.after:.3g} (x{ch.after / ch.before:.3g}) at {ctx.unit} "
            f"{ch.step}, {when}: larger steps may have moved it")


def _moving_lr_beside_a_plateau(ctx: Context) -> str | None:
    """Why a plateau the stage table shows did not make the drop an escape: the LR moved."""
    stage = ctx.stage_before()
    if not ctx.improves() or stage is None or not stage.levelled or ctx.schedule.lr_steps is None:
        return None
    start = _plateau_start(stage)
    lr_then, lr_now = ctx.schedule.lr_at(start), ctx.schedule.lr_at(ctx.event.end_step)
    if ctx.schedule.is_constant_between(start, ctx.event.end_step) is not False or not (lr_then and lr_now):
        return None
    # A levelled stage may be a slow slide (``Stage.levelled``): called a plateau, it contradicted the
    # stage table beside it.
    what = "a plateau" if stage.plateau else "a slow slide"
    return (f"the {ctx.unit}s before it are {what}, but the LR was not constant over it and the "
            f"{ctx.event.kind} ({lr_then:.3g} at {ctx.unit} {start}, {lr_now:.3g} at {ctx.event.end_step}): an "
            "escape and the schedule's doing cannot be told apart")


def _lr_stopped_before(ctx: Context) -> bool:
    """The logged LR column stops (or turns nan) before the event while the metric goes on: what the LR did
    there is unknown, not the last value carried on ("LR constant around the drop" of an LR gone nan at it)."""
    steps = ctx.schedule.lr_steps
    if ctx.schedule.source != "log" or steps is None or len(steps) < 2 or ctx.series.last_step is None:
        return False
    if ctx.event.step <= steps[-1]:
        return False
    # The interval it was logged at before it stopped, from its last entries: asked per event, over a
    # million-row column the whole one's median cost 15 ms a time.
    gap = 2 * float(np.median(np.diff(steps[-LR_TAIL_ENTRIES:])))
    return ctx.series.last_step > steps[-1] + gap


# Entries of a logged LR column its logging interval at the end is read from.
LR_TAIL_ENTRIES = 101


def _lr_unknown_past(ctx: Context) -> str:
    """What is said of the LR at an event past where its column stopped (``_lr_stopped_before``)."""
    return (f"the LR is not known past {ctx.unit} {int(ctx.schedule.lr_steps[-1])} (column {ctx.schedule.lr_column} "
            "stops, or holds no finite number, after it)")


def _plateau_start(stage: Stage) -> int:
    """Where a stage levelled off: a warmup's end in the descent before that is no change over the plateau."""
    return stage.start if stage.plateau_from is None else max(stage.start, stage.plateau_from)


def explain_run(ra) -> None:
    """Attach label, confidence, evidence and alternatives to every event of every metric."""
    for sa in ra.metrics:
        if not sa.n_points:
            continue
        idx = ra.run.series(sa.name).index.to_numpy()
        interval = float(np.median(np.diff(idx))) if len(idx) > 1 else 1.0
        # A logged LR column may be sampled more sparsely than the metric; a given
        # schedule's steps are its change points, not a sampling interval.
        lr_interval = 0.0
        if ra.schedule.source == "log" and ra.schedule.lr_steps is not None and len(ra.schedule.lr_steps) > 1:
            lr_interval = float(np.median(np.diff(ra.schedule.lr_steps)))
        span = (sa.last_step or 0) - (sa.first_step or 0)
        tol = int(max(LAG_POINTS * max(interval, lr_interval), LAG_FRACTION * span))
        for ev in sa.events:
            best, others = explain_event(Context(ev, sa, ra, tol))
            ev.label = best.label
            ev.confidence = round(best.score, 2)
            ev.evidence = _describe(ev, sa, ra.run.step_axis, idx, ra.metrics) + best.evidence
            restart = _restart_at(ev, ra.run, interval) if ev.kind in ("drop", "rise") else None
            if restart is not None and not any(AT_RESTART in x for x in ev.evidence):
                # Whatever the label, the move comes with a resume: what that changed is not logged,
                # bar a logged setting that changed there.
                logged = [c for c in ra.schedule.changes if c.source == "log" and abs(c.step - restart) <= interval]
                what = (f"{' and '.join(sorted({c.column or c.kind for c in logged}))} changed there, as logged; "
                        "anything else it changed (data, frozen layers) is not in the log" if logged else
                        "what the resume changed (LR, data, frozen layers) is not in the log")
                ev.evidence.append(f"it starts {AT_RESTART} ({ra.run.step_axis} {restart}, a resume whose step "
                                   f"count was reset): {what}")
            ev.alternatives = [{"label": v.label, "confidence": round(v.score, 2)} for v in others]
            ev.rule_scores = [best] + others


def counted(n, unit: str) -> str:
    """"1 step", "3 epochs": a number of the log's axis units."""
    return f"{n} {unit}{'s' * (n != 1)}"


def _describe(ev: Transition, sa: SeriesAnalysis, unit: str, logged: np.ndarray,
              metrics: list[SeriesAnalysis] | None = None) -> list[str]:
    if ev.nonfinite_step is not None:  # a divergence, or a spike to nan/inf: its own rule says it all
        return []
    pct = ev.change_text
    width = f"over {counted(ev.width_steps, unit)}"
    before = _logged_before(ev, logged)
    if before is not None:
        # Logged more sparsely than the move: how sharp it was is not in the log.
        width = f"between {unit}s {before} and {ev.end_step} (logged {ev.start_step - before} apart)"
    # The change against the standard error of the levels it is read between (many points each), not
    # against one point's noise: "31x the noise" was a change of 5 point-to-point spreads.
    out = f"{sa.name} {ev.before:.4g} -> {ev.after:.4g} ({pct}) {width}, {ev.size_noise:.0f} standard errors"
    if ev.onset == "schedule":
        out += " (tested at the schedule change against the trend before it)"
    if ev.linked:
        out += _linked_text(ev, sa, unit, metrics or [])
    return [out]


def _linked_text(ev: Transition, sa: SeriesAnalysis, unit: str, metrics: list[SeriesAnalysis]) -> str:
    """Where the linked metrics moved: "same step" only where they did (a per-epoch train loss and
    a validation curve linked within the tolerance can be an epoch or two apart)."""
    same, near = [], {}
    better = sa.improves(ev)
    for name in ev.linked:
        other = next((m for m in metrics if m.name == name), None)
        steps = [e.step for e in other.events if linkable(ev, better, e, other.improves(e))] \
            if other is not None else []
        at = min(steps, key=lambda s: abs(s - ev.step), default=ev.step)
        if at == ev.step:
            same.append(name)
        else:
            near.setdefault(at, []).append(name)
    parts = ([f"same {unit} in {', '.join(same)}"] if same else []) + (
        ["also in " + "; ".join(f"{', '.join(names)} at {unit} {at}" for at, names in sorted(near.items()))]
        if near else [])
    return "; " + "; ".join(parts)


def _too_few_around(before: int, after: int) -> str:
    """"has too few points around it to test (4 before, 3 after)" when a schedule change's test has
    fewer points either side than it reads; else ""."""
    if before < DEFAULT_CONFIG.scheduled_min_points or after < DEFAULT_CONFIG.scheduled_min_after:
        return f"has too few points around it to test ({before} before, {after} after)"
    return ""


def untestable_decay(ra, sa, ch) -> str:
    """``_too_few_around`` for metric ``sa`` at LR decay ``ch``, read on the windows its test reads."""
    s = ra.run.series(sa.name)
    s = s[np.isfinite(s.to_numpy(dtype=float))]
    bounds = sorted({c.step for c in ra.schedule.changes})
    i0, i1, i2 = change_windows(s.index.to_numpy(), bounds, ch.step)
    return _too_few_around(i1 - i0, i2 - i1)


def quiet_decays(ra) -> list[str]:
    """For ``--explain``: each LR decay (not a blip's end) that no event of a metric was put to, with how the
    metric's median moved from the stretch before it to the stretch after, each a tenth of the run at most and
    not past the schedule's other changes (the windows its test reads): a decay with nothing to show is said,
    not left out of the explanation."""
    span = float(ra.run.frame.index[-1] - ra.run.frame.index[0]) if len(ra.run.frame) else 0.0
    undone = {id(c) for c in ra.schedule.blip_ends(span)}
    reach = DEFAULT_CONFIG.scheduled_window * span
    bounds = sorted({c.step for c in ra.schedule.changes})
    out = []
    for ch in ra.schedule.changes:
        if ch.kind != "lr_decay" or id(ch) in undone:
            continue
        for sa in ra.metrics:
            if any(e.label == "lr_decay" and abs(e.step - ch.step) <= reach for e in sa.events):
                continue
            s = ra.run.series(sa.name)
            s = s[np.isfinite(s.to_numpy(dtype=float))]
            if s.empty:
                continue  # a metric never finite: its note says so
            i0, i1, i2 = change_windows(s.index.to_numpy(), bounds, ch.step)
            before, after = s.iloc[i0:i1], s.iloc[i1:i2]
            short = _too_few_around(len(before), len(after))
            if short:
                out.append(f"decay at {ch.step}: {sa.name} {short}")
                continue
            a, b = float(np.median(before)), float(np.median(after))
            moved = f"{100 * (b / a - 1):+.1f}%" if a > 0 and b > 0 else f"{b - a:+.4g}"
            out.append(f"decay at {ch.step}: no event in {sa.name}; its median moved {moved} across it ({len(before)} "
                       f"points before, {len(after)} after), not told from its pace and noise")
    return out
