"""Find sharp transitions, spikes, divergence and stages in one metric's series.

Pipeline per series (change-point-notes.md, strategy k, extended):
clean (non-finite -> divergence) -> transform (log for positive loss-like
metrics) -> block means (bounded count) -> piecewise-linear PELT over
log(step) -> keep boundaries that are real discontinuities, or a plateau
giving way to a steep fall -> refine at full resolution.  Spikes are searched
separately against a rolling median, and the pieces between transitions
become stages.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from curvedoc.segment import Piece, dot, fit_line, segment


@dataclass(frozen=True)
class DetectConfig:
    """Every constant that shapes a verdict, with why it has its value."""

    # Coarse pass size: PELT cost grows ~m^2 while the blocks keep every
    # feature wider than n/m points; 400 blocks is 0.06 s and 0.25% of a run.
    max_blocks: int = 400
    # BIC-type penalty c * sigma^2 * ln(m); c in [2, 8] is a flat optimum.
    penalty_c: float = 4.0
    # A transition must move the metric by this share of the range the curve
    # spans (2nd-98th percentile, in log units for loss-like metrics) and, for
    # ratios, by at least 4%: smaller moves are what a person shrugs off on a plot.
    min_range_fraction: float = 0.03
    min_log_change: float = 0.04
    # Bounded scores (accuracy in [0, 1] or percent) must move by at least half
    # a point of their full scale: 0.9947 -> 0.9944 is no event on any plot.
    min_score_change: float = 0.005
    # ... and stand out from the noise: jump over its standard error.
    min_jump_z: float = 6.0
    # ... and be the data speeding up across it by this share of the jump over the
    # same span just before: lines fitted either side of a clean curve's bend part
    # by many times their tiny residuals where the data keep one smooth pace.
    jump_speedup_share: float = 0.25
    # A plateau giving way to a fall (no discontinuity, a kink) must lose at
    # least this multiple of min_relative_change to count as an escape.
    escape_factor: float = 2.5
    # A ramp: a piece of at most this share of the run (or 3 blocks) falling at
    # least this many times faster than the piece before it.
    ramp_max_fraction: float = 0.05
    ramp_steepness: float = 4.0
    # A plateau before an escape covers at least this share of the run's steps.
    min_plateau_fraction: float = 0.05
    # Same-direction transitions closer than this many blocks are one event
    # (relaxation tails, a ramp split in two).
    merge_blocks: int = 3
    # Spikes: robust z against a rolling median, and a minimum height so that
    # heavy-tailed minibatch noise is not reported.
    spike_z: float = 8.0
    spike_min_log_height: float = math.log(1.5)
    spike_min_linear_height: float = 0.1
    # ... and for bounded scores at least 5 points of full scale: a two-point dip
    # of a per-epoch validation accuracy is noise, a twelve-point one is not.
    spike_min_score_points: float = 0.05
    # A spike returns to baseline within this share of the run (else it is a rise).
    spike_max_fraction: float = 0.02
    # ... and is taller than the noise's own tail reaches: the excursions past
    # 3 and past 4 local spreads (3/8 and 1/2 of the bar) away from any spike
    # give that tail's power law, which must expect fewer than this many noise
    # excursions as high as the spike over the run. Gaussian noise expects ~0
    # there; Student-t noise with 3 degrees of freedom passes the bar every few
    # hundred points and expects them.
    spike_tail_expected: float = 0.5
    # A sawtooth needs drops at this many epoch starts at least.
    epoch_sawtooth_min: int = 3
    # ... and the steps into epochs must beat the other steps at this p-value.
    epoch_sawtooth_p: float = 0.01
    # ... and the median tooth must be this many times the median step-to-step move.
    epoch_sawtooth_teeth: float = 2.0
    # Oscillation: roughness this many times what came before, over at least
    # this share of the run. SGD noise shrinks after an LR decay and grows a
    # little in warmup; a 4x jump is neither.
    oscillation_ratio: float = 4.0
    oscillation_min_fraction: float = 0.03
    # Above this many points, spikes are searched on per-block extremes.
    spike_full_resolution: int = 100_000
    # A jump up undone within this share of the run is one wide spike.
    spike_return_fraction: float = 0.15
    # Fewer points than this cannot support a diagnosis.
    min_points: int = 8
    # At a step the schedule names (an LR decay, a restart, a larger batch) one
    # test is made, not a search over every step, so a move that the blind
    # search's penalty hides is still evidence there. Windows reach this share
    # of the run either side (never past the neighbouring changes) and need
    # this many points each; in a short log they reach that many points.
    scheduled_window: float = 0.1
    scheduled_min_points: int = 5
    # The window after a change stops at the next change, which may come sooner: Keras'
    # ReduceLROnPlateau with patience 2 decays every third epoch. Three points still give
    # the later half of the window two, whose standard error the test counts; the trend
    # before keeps its five.
    scheduled_min_after: int = 3
    # ... and pass at this many standard errors: one test at a step named in
    # advance, not a search (one-sided p ~ 3e-5 for Gaussian noise). Claiming
    # a decay at 144 places of constant-LR real runs, where nothing changed,
    # one minibatch-noise claim in 144 passed; the 99th percentile was 2.8.
    # Claimed at 532 places of the corpus's and second set's loss curves away
    # from any labelled event, with windows of at least ``scheduled_min_points``
    # points: 18 passed. 9 where the curve really bends (the plunge under a
    # cosine or linear decay, a saturated net's first drop), 7 on one 30-epoch
    # cosine run's accelerating fall, 2 at z 4.0-4.2 on noise. Logs of fewer
    # than 200 points: 10 of 73 (3 of 73 when their windows stopped at a tenth
    # of the run, which left no test at all for a decay in a 30-epoch log).
    scheduled_z: float = 4.0
    # Dating a move the search found at the schedule change before it needs less:
    # no event is claimed, one of two dates is chosen for it, and the change is
    # its likely cause. The points since the change must sit off the trend by the
    # smallest reportable move and by one standard error.
    anchor_z: float = 1.0
    # The first fall from the initial loss: improvements before this share of
    # the run need a flat stretch before them to count as transitions.
    initial_fraction: float = 0.1
    # A stage is flat from where its blocks stay within the widths of noise that the
    # largest of m Gaussian deviations passes once in this many stages (sqrt(2 ln(k m))).
    flat_stage_false_rate: int = 20
    # A log is read as an EMA of the values it logs (``_unsmoothed``) when the lag-one
    # correlation of its values about a line passes this in three windows of four:
    # white minibatch noise gives 0 +- 0.1 in a 100-point window, an EMA of beta 0.8
    # or more gives 0.65 or more; and when no more than this share of its values
    # repeat the one before.
    smoothed_min_correlation: float = 0.6
    smoothed_max_repeats: float = 0.1
    # A mean since each epoch's start (``_uncumulated``) is looked for past a lower
    # correlation: with epochs of a few dozen batches every window holds resets.
    # Over the five sets' 117 long logs as written the 25th percentile is at most 0.49,
    # and under 0.2 for all but the low-noise deep-linear-net staircases.
    cumulative_min_correlation: float = 0.3
    # ... and when what it recovers shows no echo (``_unsmoothed``) below this correlation.
    smoothed_echo: float = 0.2
    # Blocks are widened against correlated noise down to this many at the least.
    decorrelate_min_blocks: int = 50
    decorrelate_min_widen: float = 1.25
    decorrelate_rounds: int = 8


DEFAULT_CONFIG = DetectConfig()

# Short tokens must stand alone ("ppl" is not in "applied"); long ones may be parts.
_HIGHER = re.compile(r"acc(?!um)|bleu|rouge|precision|recall|dice|jaccard|score|reward|return|ssim|psnr|exact_match|"
                     r"correct|kappa|matthews|ndcg|spearman|pearson|specificity|sensitivity|meteor|chrf|cider|"
                     r"cosine_similarity|log[_-]?likelihood|loglik|elbo|log[_-]?prob|win[_-]?rate|pass@\d+|"
                     r"reciprocal[_-]?rank|success|"
                     # spaCy's scores: entities' and sentences' F, precision and recall; a parser's UAS, LAS
                     r"(?<![a-z])(ents|sents|cats_(micro|macro))_[fpr](?![a-z])|(?<![a-z])(uas|las)(?![a-z])|"
                     r"(?<![a-z])(f1(?!\d)|auc|auroc|auprc|ap([sml](?!\w))?|ar(\d+|[sml](?!\w))|map|mrr|mcc|corr|"
                     r"hits?|m?iou|io_u|em|r2|rew|top[-_]?\d+|ll|logp)(?![a-z])",
                     # rew: SB3's ep_rew_mean; ap, ar: COCO's AP, AP50, APs, AR100; io_u: Keras' snake case of MeanIoU
                     re.I)
# A likelihood or ELBO rises as the model improves; negated (neg_elbo, negative_log_likelihood) it is a loss.
_LOWER = re.compile(r"loss|err|perplex|distance|cross[_-]?entropy|log_?cosh|hinge|poisson|brier|bits[_-]?per|"
                    r"(?<![a-z])neg(ative)?[_-]?(log[_-]?)?(likelihood|lik|elbo|ll)|"
                    r"(?<![a-z])(ppl|wer|cer|mse|mae|rmse|nll|bpc|bpb|bpd|kl|cost|ce|bce|xent|fid|lpips|ece|"
                    r"recon|medr)(?![a-z])|"
                    # Retrieval's and contrastive learning's rank of the right answer (the SimCLR tutorial's
                    # acc_mean_pos, 1 at best): read as an accuracy, its fall from 80 to 2.7 failed `check`.
                    r"(?<![a-z])(mean|median|avg)[_-]?(rank|pos|position)(?![a-z])",
                    re.I)


# A term of an objective that trades against the others as a model trains (a VAE's KL, an auxiliary
# or regularisation loss): its rise is no sign of a run going wrong.
OBJECTIVE_TERM = re.compile(r"(?<![a-z])(kl|kld|reg|penalty|aux|commitment)(?![a-z])", re.I)
# A held-out curve (validation, test, eval, dev) as opposed to a training one.
HELD_OUT = re.compile(r"val|test|eval|dev", re.I)
# A GAN's generator or discriminator loss (loss_G, d_loss, errD, critic_loss): each net's loss against the
# other, level while the two stay in balance however well the generator learns.
ADVERSARIAL = re.compile(r"(?<![a-z])(gen|disc|generator|discriminator|adversarial|adv|critic)(?![a-z])|"
                         r"(?<![a-z])(err|loss)[_/-]?[dg](?![a-z])|(?<![a-z])[dg][_/-]?(loss|err)(?![a-z])", re.I)


# Terms of a reinforcement-learning objective that are no measure of progress whichever way they
# move: the policy's entropy (falling as it sharpens, as it should) and the surrogate policy loss.
_NO_DIRECTION = re.compile(r"(?<!cross)(?<!cross_)(?<!cross-)entropy|(?<![a-z])(policy(_gradient)?|pg)_loss", re.I)


def objective_curves(metrics: list["SeriesAnalysis"]) -> list["SeriesAnalysis"]:
    """The metrics with points that are a training objective whole (a loss, an ELBO): no held-out
    curve, and no term of an objective (a KL), which is judged by the objective it belongs to."""
    return [m for m in metrics if m.n_points and not HELD_OUT.search(m.name) and not OBJECTIVE_TERM.search(m.name)]


def known_direction(name: str) -> bool:
    """Whether the name says which way is better (loss-like or accuracy-like)."""
    return not _NO_DIRECTION.search(name) and bool(_LOWER.search(name) or _HIGHER.search(name))


def guess_higher_is_better(name: str) -> bool:
    """From the metric's name: accuracy-like up, loss-like down (loss wins ties: `acc_loss`)."""
    if _LOWER.search(name):
        return False
    return bool(_HIGHER.search(name))


@dataclass
class Transition:
    """One event in a metric: a drop, rise, spike, divergence or oscillation."""

    step: int
    kind: str
    direction: str
    before: float
    after: float
    relative_change: float
    size_noise: float
    width_steps: int
    slope_before: float = 0.0
    slope_after: float = 0.0
    start_step: int | None = None
    end_step: int | None = None
    epoch: float | None = None
    # "jump" (a discontinuity), "kink" (a plateau giving way to a fall) or
    # "epoch" (one tooth of a sawtooth at epoch starts)
    onset: str = "jump"
    end_block: int = 0
    nonfinite_step: int | None = None  # divergence, or a spike to nan/inf: where the first NaN/inf was logged
    label: str = "unexplained"
    confidence: float = 0.0
    evidence: list[str] = field(default_factory=list)
    alternatives: list[dict] = field(default_factory=list)
    rule_scores: list = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    # A jump measured at full resolution (``_at_full_resolution``): its span and levels, put in place
    # once every decision read on the coarse ones is made.
    exact: tuple[int, int, float, float] | None = field(default=None, repr=False)
    # A move at a schedule change that parts from the level before it but not from that level's own
    # pace carried on (``_scheduled_shifts``): the trend may explain it.
    paced_away: bool = field(default=False, repr=False)
    # Then, the share of the move that line carried on makes: most of it, or a line too unsure to rule out.
    pace_share: float = field(default=0.0, repr=False)

    @property
    def change_text(self) -> str:
        """"-26%", or a factor once the level grew tenfold or more: "+304153237370858523762622464%"
        says less than "x3.04e+24". Across zero (a negative log-likelihood) a share of the level
        before means nothing: the difference."""
        if self.before * self.after < 0 or (self.before == 0 and self.after != 0):
            return f"{self.after - self.before:+.3g}"
        if self.relative_change >= 9 and self.before > 0:
            return factor_text(self.after, self.before)
        if abs(self.relative_change) < 0.005:  # "+0%" for a move the report lists says nothing
            return f"{self.relative_change * 100:+.2g}%"
        return f"{self.relative_change * 100:+.0f}%"


def linkable(a: Transition, a_improves: bool, b: Transition, b_improves: bool) -> bool:
    """Whether two metrics' events can be one move seen in both: drops and rises the same way, and
    setbacks of any shape (a bad batch throws the held-out loss off at one evaluation as a spike and
    the training loss onto a worse level; an LR restart spikes one curve and lifts another)."""
    moves = ("drop", "rise")
    if a_improves != b_improves or a.kind not in moves + ("spike",) or b.kind not in moves + ("spike",):
        return False
    return not a_improves or (a.kind in moves and b.kind in moves)


@dataclass
class Stage:
    start: int
    end: int
    level: float
    slope: float
    noise: float
    plateau: bool
    plateau_from: int | None = None
    # Flat, or improving slowly from ``plateau_from`` on: what a cliff escapes from. A slow slide
    # is no plateau (``plateau``), and ``slide`` holds its fitted values at the stretch's ends.
    levelled: bool = False
    slide: tuple[float, float] | None = None


@dataclass
class SeriesAnalysis:
    name: str
    n_points: int
    first_step: int | None
    last_step: int | None
    transform: str
    higher_is_better: bool
    noise: float
    events: list[Transition]
    stages: list[Stage]
    notes: list[str] = field(default_factory=list)
    log_floor: float = 0.0  # on the log scale, values are read no lower than this (``log_floor``)

    def scaled(self, values: np.ndarray) -> np.ndarray:
        """Values on the scale the series was analysed on."""
        return np.log(np.maximum(values, self.log_floor)) if self.transform == "log" else values

    def height(self, ev: Transition) -> tuple[float, float]:
        """How tall an event stands on this scale (a log-scaled loss's ratio, an accuracy's points),
        then its plain difference: off a loss logged as exactly 0 every relative change is infinite."""
        with np.errstate(divide="ignore", invalid="ignore"):
            ends = self.scaled(np.array([ev.before, ev.after], dtype=float))
        height = abs(float(ends[1] - ends[0]))
        return (height if np.isfinite(height) else np.inf), abs(ev.after - ev.before)

    def improves(self, ev: Transition) -> bool:
        """Whether a move of this metric goes its better way."""
        return (ev.direction == "up") == self.higher_is_better


def analyze_series(steps: np.ndarray, values: np.ndarray, name: str = "metric",
                   higher_is_better: bool | None = None,
                   config: DetectConfig = DEFAULT_CONFIG,
                   epoch_starts: np.ndarray | None = None,
                   schedule_steps: list[tuple[int, bool | None]] | None = None,
                   anneal_ends: dict[int, int] | None = None) -> SeriesAnalysis:
    """Detect the events and stages of one series (steps ascending, values as logged).

    ``schedule_steps``: the schedule's changes as (step, whether they should
    improve the metric: True for an LR decay or a larger batch, False for a
    restart, None for a change only bounding the others' windows). ``anneal_ends``:
    where a smooth decay among them, tested at its start, ends (its move is read up to there).
    """
    steps = np.asarray(steps, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    hib = guess_higher_is_better(name) if higher_is_better is None else higher_is_better
    events: list[Transition] = []
    notes: list[str] = []

    finite = np.isfinite(values)
    lead = int(np.argmax(finite)) if finite.any() else len(values)
    if lead == len(values) and lead:
        # No finite value at all (a validation loss nan at every evaluation): said as such, not as points
        # skipped before a first finite value there is none of.
        notes.append(f"never finite: non-finite at all {lead} logged points")
        return SeriesAnalysis(name, 0, None, None, "linear", hib, 0.0, events, [], notes)
    if lead:
        # Non-finite before any real value (a grad norm not yet computed) is not a divergence.
        notes.append(f"{lead} non-finite points before the first finite value skipped")
        steps, values = steps[lead:], values[lead:]
    bad = np.flatnonzero(~np.isfinite(values))
    if len(bad) > len(values) / 2 and not np.isfinite(values[-1]):
        # A sparse metric written with nan for "not logged" (an evaluation every so many rows)
        # need not end on an evaluation row: what follows its last value, before the next is
        # due, is not logged either. An evaluation due and not finite is a divergence there.
        fin = np.flatnonzero(np.isfinite(values))
        if len(fin) > config.min_points:
            due = steps[fin[-1]] + float(np.median(np.diff(steps[fin])))
            keep = np.isfinite(values)
            if steps[-1] >= due:
                keep[int(np.searchsorted(steps, due))] = True
            dropped = ~keep
            where = "between and after finite ones" if dropped[:fin[-1]].any() else "after the last finite one"
            notes.append(f"{np.count_nonzero(dropped)} non-finite points {where} read as not logged (most of the "
                         f"series is non-finite, a value every {due - steps[fin[-1]]:g} steps)")
            steps, values = steps[keep], values[keep]
            bad = np.flatnonzero(~np.isfinite(values))
    # Finite again after them, to the end, for more points than were lost (or enough to analyse):
    # no divergence. A sparse evaluation curve has few points to come back on, and so has a short log
    # (a PPO run's four printed dicts, the second's loss nan, the two after finite and falling).
    back = min(config.min_points, len(bad) + 1)
    # The divergence is the first non-finite point the series never comes back from; those before
    # it are blips. One nan early in a run that blows up later dated the blow-up there, and the
    # run between went unread.
    tail = _nonfinite_tail(values, bad, back)
    cut = len(values) if tail is None else int(bad[tail])
    came_back = bad if tail is None else bad[:tail]
    if len(came_back):
        # A few are blips (an fp16 overflow, a skipped step, one evaluation that failed); most of
        # the series non-finite is a sparse metric written with nan for "not logged". Either way
        # the finite values are analysed, all of them.
        if len(came_back) <= cut / 2:
            events += _nonfinite_blips(steps, values, came_back, hib)
        else:
            notes.append(f"{len(came_back)} non-finite points between finite ones read as not logged (most of "
                         "the series is non-finite, and it ends finite)")
    if tail is not None:
        events.append(_divergence(steps, values, cut))
    if len(bad):
        keep = np.isfinite(values[:cut])
        steps, values = steps[:cut][keep], values[:cut][keep]

    n = len(values)
    first = int(steps[0]) if n else None
    last = int(steps[-1]) if n else None
    if n < config.min_points:
        notes.append(f"too few points to look for transitions in: {n} point{'s' * (n != 1)}, "
                     f"need at least {config.min_points}")
        return SeriesAnalysis(name, n, first, last, "linear", hib, 0.0, events, [], notes)

    logged = values
    # Loggers smooth the training loss (fastai, a running_loss print, Keras's epoch-to-date mean);
    # an evaluation is computed afresh on its set, and a smooth one (a large set, a slowly drifting
    # model: an exact expected reward) is no EMA to undo.
    averaged = None if HELD_OUT.search(name) else _averaged(values, config, steps)
    if averaged is not None:
        what, values = averaged
        notes.append(f"a smoothed log ({what}): analysed the values it averages, recovered from it")
    quantum = resolution(values)
    lowest = log_floor(values, quantum) if not hib else 0.0
    transform = choose_transform(values, hib, lowest)
    if transform == "linear" and float(np.max(np.abs(values))) > LINEAR_LIMIT:
        notes.append(f"values beyond ±{LINEAR_LIMIT:g} cannot be analysed on a linear scale")
        return SeriesAnalysis(name, n, first, last, transform, hib, 0.0, events, [], notes)
    if transform == "log":
        if lowest > 0:
            why = (f"values rounded when logged (to {quantum:.3g}), the true ones under half that"
                   if lowest == quantum / 2 else "a float's underflow, the true ones under the smallest value logged")
            notes.append(f"{np.count_nonzero(values == 0)} zeros read as {lowest:.3g} on the log scale: {why}")
        z = np.log(np.maximum(values, lowest))
    else:
        lowest = 0.0
        z = values.copy()
    if np.ptp(z) == 0:
        notes.append("constant series")
        stage = Stage(first, last, float(values[0]), 0.0, 0.0, True, first, True)
        return SeriesAnalysis(name, n, first, last, transform, hib, 0.0, events, [stage], notes)

    blocks, pieces, sigma_b = _segmented(steps, z, config)
    # The span of the plot a person reads: block means, so that minibatch
    # noise in per-step logs does not widen it.
    scale = _change_scale(blocks.z, transform)
    min_change = _min_change(blocks.z, transform, config)
    # The series' last point is the log's own unless a divergence cut the series there.
    logs_end = not any(e.kind == "divergence" for e in events)
    shifts, blind = _blind_shifts(steps, z, blocks, pieces, sigma_b, transform, min_change, hib, config, logs_end)
    shifts += _early_shifts(steps, z, blocks, shifts, transform, min_change, hib, config)
    noise = float(diff_sd(z) / math.sqrt(2))
    if schedule_steps:
        t = _LogTime(steps, blocks.origin)
        _date_at_schedule(steps, t, z, blocks, schedule_steps, shifts, min_change, noise, hib, config)
        short: list[int] = []
        shifts += _scheduled_shifts(steps, t, z, blocks, schedule_steps, shifts, min_change, noise, hib, config,
                                    short, anneal_ends=anneal_ends)
        named = _named_jumps(steps, z, blocks, pieces, sigma_b, min_change, hib, config, schedule_steps,
                             blind, shifts)
        _date_at_schedule(steps, t, z, blocks, schedule_steps, named, min_change, noise, hib, config)
        shifts += named
        if short:  # last: a jump the named search dates sharper is not read over the whole window
            shifts += _scheduled_shifts(steps, t, z, blocks, schedule_steps, shifts, min_change, noise, hib, config,
                                        whole=short, anneal_ends=anneal_ends)
        shifts.sort(key=lambda e: e.step)
    # A wide spike of a bounded score must be as tall as a narrow one (``spike_min_score_points``).
    shifts = _returning_rises(shifts, blocks, hib, config.spike_return_fraction * (last - first),
                              config.spike_min_log_height if transform == "log" else
                              max(2 * min_change, config.spike_min_score_points * score_bound(z)),
                              [c for c, improves in schedule_steps or [] if improves is False])
    for ev in shifts:
        if ev.kind == "spike":
            _date_at_onset(steps, z, blocks, ev)
            _not_before_its_restart(steps, blocks, ev, schedule_steps)
    shifts = sorted(shifts + _landings(shifts, blocks, pieces, sigma_b, min_change, hib, config),
                    key=lambda e: e.step)
    spikes = _spikes(steps, z, hib, transform, max(scale, min_change / config.min_range_fraction), config)
    if len(steps) < 3 * config.min_points:
        # On a short series a move coming back from a lone point is that point's return, not a
        # stage of its own level and an improvement from it.
        lone = {s.step for s in spikes}
        shifts = [t for t in shifts if not _back_from(steps, t, lone) and not (t.step in lone and t.kind != "spike")]
    _peaks_of_wide_spikes(shifts, spikes, blocks.b, hib)
    # A move that starts in a spike, or as it ends, is its way back, unless the curve after it parts
    # from the trend it followed before the spike: a loss thrown up by a bad batch and back below where
    # it was, as its slow fall would have brought it, made one "sharp improvement". Tested before the
    # spikes inside moves are set aside: a regression loss thrown x48,000 for one epoch and landing x1.7
    # above where it was read "drop 14.5 -> 11.9" there, and the spike, inside the drop, was left out.
    shifts = [t for t in shifts if not any(
        _back_from_spike(t, s, steps, z, blocks, min_change, noise, config) for s in spikes)]
    height = _spike_min_height(z, transform, max(scale, min_change / config.min_range_fraction), config)
    spikes = [s for s in spikes if not any(
        t.start_step - blocks.b <= s.step <= t.end_step + blocks.b and not _apart_from(s, t, height) for t in shifts)
        and not _at_the_new_level(s, shifts, steps, BASELINE_BLOCKS * blocks.b, height)]
    shifts, wide_spikes = [t for t in shifts if t.kind != "spike"], [t for t in shifts if t.kind == "spike"]
    # A move inside a wide spike is its recovery, not an event of its own, unless it carries the
    # curve past where the spike left from by a reportable move: a bump, then a fall well below.
    better = -1.0 if hib else 1.0
    shifts = [t for t in shifts if not any(
        w.start_step < t.step <= w.end_step and better * (w.before - t.after) < min_change for w in wide_spikes)]
    spikes += wide_spikes
    if transform == "log" and not hib and not (HELD_OUT.search(name) or OBJECTIVE_TERM.search(name)
                                                or ADVERSARIAL.search(name)):
        hump = _start_up_hump(steps, z, config)
        if hump is not None and not any(_overlap(e, hump) for e in shifts):
            # The same excursion found by the spike search is read as the start-up transient it is: a
            # catapult thrown x75 in its first 10 of 400 steps, back under where it left from, had been
            # a spike like any other (instability 0.85, failing check).
            spikes = [e for e in spikes if not _overlap(e, hump)] + [hump]
    wobbles = _oscillations(steps, z, blocks, min_change, shifts + spikes, hib, config)
    spikes = [s for s in spikes if not any(o.start_step <= s.step <= o.end_step for o in wobbles)] + wobbles

    if epoch_starts is not None:
        floor = -np.inf if quantum == 0 else (np.log(20 * quantum) if transform == "log" else -np.inf)
        spikes += _epoch_boundary_drops(steps, z, np.asarray(epoch_starts), hib, min_change, shifts,
                                        floor, config, [c for c, why in schedule_steps or [] if why is not None])
    if transform == "log" and not hib and not any(e.kind == "divergence" for e in events):
        # A term of an objective (a VAE's KL) grows from near zero as the model learns: no blow-up, whether
        # it ends at ten times its first level (a KL from 0.08 to 3 as the encoder starts to carry
        # information) or falls back from a climb.
        blow_up = None if OBJECTIVE_TERM.search(name) else (
            _blow_up(steps, z, blocks, noise) or _blown_before_a_fall(steps, z, shifts, noise, config))
        # Its onset is read to a block: a rise found ending within a block before it is the same climb (a
        # loss at 1e-5 thrown x58 was a rise at 1208 and, again, a blow-up at 1209).
        reach = int(steps[max(int(np.searchsorted(steps, blow_up.start_step)) - blocks.b, 0)]) \
            if blow_up is not None else 0
        if blow_up is not None and not any(e.direction == "up" and e.end_step >= reach for e in shifts + spikes):
            shifts = sorted(shifts + [blow_up], key=lambda e: e.step)  # the stages are read in order
    for ev in shifts:
        if ev.exact is not None and ev.kind in ("drop", "rise"):
            ev.start_step, ev.end_step, ev.before, ev.after = ev.exact
    shifts = _cut_at_next(shifts, steps, z, blocks.b, min_change, config.scheduled_z)
    # An improvement read on the log's last point alone is no level yet: a last batch smaller than
    # the rest (a summed loss over 6 samples, not 64), or a lucky final evaluation.
    shifts = [e for e in shifts if not (e.kind in ("drop", "rise") and (e.direction == "up") == hib
                                        and e.end_step == last and _last_point_alone(z, e))]
    for ev in shifts + spikes:
        _to_metric_units(ev, transform, (float(np.min(values)), float(np.max(values))))
    # Values rounded when logged (HF rounds loss to 4 decimals) move in whole quanta;
    # a change of one or two quanta is rounding, not an event. Unless the noise spans
    # quanta itself (a minibatch's accuracy in steps of 1/32): then it dithers the rounding,
    # and a level read on many points resolves far less than one quantum. The noise is read
    # around the change: a loss falling from 2.5 to 0.0002, then 0.0001, is noisy only early.
    found = [e for e in shifts + spikes if abs(e.after - e.before) >= 3 * quantum
             or _dithered(steps, values, e, quantum)]
    # A move whose levels, held to the values the series logs, part by less than half the smallest
    # reportable move was a fitted line's overshoot (a saturated accuracy "dropped 0.9981 -> 0.9981").
    found = [e for e in found if e.kind not in ("drop", "rise") or _moved(e, transform) >= min_change / 2]
    if transform == "log" and not hib:
        # A move whose levels both lie under a millionth of where the loss began is float's last digits
        # (a transformer's loss, fallen from 2 to 1e-8, "dropped 93%" there and "rose x16").
        zero = practical_zero(values)
        found = [e for e in found if max(e.before, e.after) >= zero]
        # A blow-up's run-up is dated on the values as logged: undone, an average that the blow-up
        # dominates (its smoothing misread, the recovery's error swamped) puts it nowhere near.
        _run_up(events, steps, np.log(logged) if averaged is not None and np.all(logged > 0) else z)
    found = _absorb_runaway(events, found, hib, steps, values, config.spike_return_fraction * (last - first))
    events += found
    for ev in events:  # each stage above may have moved an end
        ev.width_steps = ev.end_step - ev.start_step + 1
    shifts = [e for e in shifts if e in found]
    events.sort(key=lambda e: e.step)
    stages = _stages(blocks, steps, values, z, [e for e in shifts], transform, scale, config, hib)
    return SeriesAnalysis(name, n, first, last, transform, hib, noise, events, stages, notes, lowest)


def _back_from_spike(ev: Transition, spike: Transition, steps: np.ndarray, z: np.ndarray, blocks: "_Blocks",
                     min_change: float, noise: float, config: DetectConfig) -> bool:
    """Whether a move is a spike's way back: it starts in the spike, within as long again after it or
    at the next point logged, the other way, and the curve after it keeps to the trend before the
    spike (read as a schedule change's test reads it, a tenth of the run each side); a move that
    ends the log, with no points after it, when it lands no further than where the spike left from."""
    following = steps[min(int(np.searchsorted(steps, spike.end_step, side="right")), len(steps) - 1)]
    if ev.kind not in ("drop", "rise") or ev.direction == spike.direction or not (
            spike.start_step <= ev.start_step <= max(2 * spike.end_step - spike.start_step + 1, following)):
        return False
    reach = config.scheduled_window * float(steps[-1] - steps[0])
    i0, i1 = (int(i) for i in np.searchsorted(steps, [spike.start_step - reach, spike.start_step]))
    i0 = max(0, min(i0, i1 - config.scheduled_min_points))  # a sparse log's tenth holds too few points
    j0, j1 = (int(i) for i in np.searchsorted(steps, [ev.end_step, ev.end_step + reach], side="right"))
    if i1 - i0 < config.scheduled_min_points:
        return False
    if j1 - j0 < config.scheduled_min_after:
        # A held-out loss evaluated every 2,000 steps, thrown up by an LR blip and still coming down when
        # the log ends: its way back "dropped 28%" as an event of its own.
        return j0 == len(steps) and (spike.before - ev.after) * (1.0 if ev.direction == "down" else -1.0) < min_change
    return _parts_from_trend(_LogTime(steps, blocks.origin), z, i0, i1, slice(j0, j1), ev.direction == "up",
                             min_change, noise, config.scheduled_z) is None


def _last_point_alone(z: np.ndarray, ev: Transition) -> bool:
    """Whether a move ending at the log's last point holds its new level there alone: the point
    before the last still nearer the level it left (on the analysed scale)."""
    return len(z) >= 2 and abs(z[-2] - ev.before) < abs(z[-2] - ev.after)


def _cut_at_next(shifts: list[Transition], steps: np.ndarray, z: np.ndarray, b: int,
                 min_change: float, min_z: float) -> list[Transition]:
    """A move measured past the start of the next one ends before it, at the level the curve held
    there: a batch-size increase's fall "0.58 -> 0.053 over 825 steps" ran through the next increase
    (0.095 -> 0.039) 800 steps on, and took its fall as its own. One that then moves less than the
    smallest reportable move was the next one's, read early (a held-out accuracy's "rise" at a lucky
    point 625 steps before its decay), and is no event; so is one that no longer stands out of the
    noise (a held-out accuracy's +2% "escape" 500 steps before an LR decay, whose jump it had counted:
    the same log with no decay gave nothing). What is left is tested once, where the move was found,
    not searched for: ``min_z`` is the bar of a test at a step named in advance."""
    moves = sorted((e for e in shifts if e.kind in ("drop", "rise")), key=lambda e: e.step)
    gone = set()
    for ev, nxt in zip(moves, moves[1:]):
        # The next move dated inside this one's span; cut where it starts (after this one's date).
        if not ev.step < nxt.step <= ev.end_step:
            continue
        stop = int(np.searchsorted(steps, max(nxt.start_step, ev.step + 1)))
        first = int(np.searchsorted(steps, ev.step))
        if stop - first < 2:
            continue
        ev.end_step = int(steps[stop - 1])
        whole = abs(ev.after - ev.before)
        ev.after = float(np.median(z[max(first, stop - max(3, b)):stop]))
        # What is left stands out as far, on the same noise, as the share of the move it keeps.
        ev.size_noise *= abs(ev.after - ev.before) / whole if whole > 0 else 1.0
        if abs(ev.after - ev.before) < min_change or ev.size_noise < min_z:
            gone.add(id(ev))
    return [e for e in shifts if id(e) not in gone]


def _blind_shifts(steps: np.ndarray, z: np.ndarray, blocks: "_Blocks", pieces: list[Piece], sigma_b: float,
                  transform: str, min_change: float, hib: bool, config: DetectConfig,
                  logs_end: bool) -> tuple[list[Transition], set[tuple[int, int]]]:
    """The moves the search finds without the schedule, merged and refined, and their spans as first
    found (before merging and refining move them)."""
    shifts = _level_changes(blocks, pieces, sigma_b, min_change, hib, config)
    blind = {(e.start_step, e.end_step) for e in shifts}
    gap = config.merge_blocks * (float(steps[-1]) - float(steps[0])) / blocks.m
    # Two falls merged across a short pause are split again where the curve stood still.
    long_len = _long_len(blocks)
    shifts = [part for ev in _merge(shifts, gap)
              for part in _split_at_stages(ev, blocks, pieces, sigma_b, long_len, min_change, config)]
    # On the log scale a fall off a plateau towards zero goes on falling for a long way after its
    # cliff, which draws the best split of the whole move late: there the first prints off the
    # plateau date it (``_refine``); a linear S-curve's split is its middle.
    shifts = _join_cascades([_refine(blocks, steps, z, s, _stage_noise(s, blocks, pieces, sigma_b, min_change)
                                     if transform == "log" else None, logs_end) for s in shifts], blocks)
    return shifts, blind


# The run's start read again at its own resolution: these shares of its points, the next only
# when the one before found a stair (a staircase's stairs spread out as it goes: a deep linear
# net's third mode of six came at 8% of the log, past the first tenth's searched part). A second
# search over the start, where the first fall's uneven pace gives it many chances, must find
# plain jumps: this many times the bar of the first.
EARLY_SHARES = (0.1, 0.3)
EARLY_Z_FACTOR = 2.0


def _early_shifts(steps: np.ndarray, z: np.ndarray, blocks: "_Blocks", found: list[Transition], transform: str,
                  min_change: float, hib: bool, config: DetectConfig) -> list[Transition]:
    """Improvements in the run's first tenth (or further, ``EARLY_SHARES``) that its blocks are too
    coarse to resolve.

    A deep linear net learns its modes one by one within the first few percent of a long
    log, and a plateau of 300 steps at the start of 60,000 is two of 400 blocks: too short
    to be a stage. The first tenth is searched again on blocks of its own, where every
    improvement must leave from a stretch standing still, as in the run's first tenth
    always (``_past_initial_descent``); its last fifth is left to the whole run's search,
    whose levels reach past it."""
    if blocks.b <= 1:
        return []  # the whole run's blocks are its points already
    zoom = replace(config, initial_fraction=1.0, min_plateau_fraction=0.0)
    better = "up" if hib else "down"
    out: list[Transition] = []
    for share in EARLY_SHARES:
        k = int(share * len(z))
        if k < 3 * config.min_points:
            break
        eb, ep, es = _segmented(steps[:k], z[:k], zoom)
        early, _ = _blind_shifts(steps[:k], z[:k], eb, ep, es, transform, min_change, hib, zoom, logs_end=False)
        edge = steps[int(0.8 * k)]
        stairs = [e for e in early if e.direction == better and e.kind in ("drop", "rise") and e.onset == "jump"
                  and e.size_noise >= EARLY_Z_FACTOR * config.min_jump_z and e.end_step < edge
                  and _off_a_plateau(eb, ep, es, e, min_change, zoom)]
        out += [e for e in stairs if not any(_overlap(f, e) for f in found + out)]
        if not stairs:
            break  # no staircase under way at the start: none to follow further
    return sorted(out, key=lambda e: e.step)


def _off_a_plateau(blocks: "_Blocks", pieces: list[Piece], sigma_b: float, ev: Transition, min_change: float,
                   config: DetectConfig) -> bool:
    """Whether the piece a move leaves from is a plateau (``_plateau``), not a stretch of a descent;
    with the pieces before it that stand still with it: a noise-free curve is cut at every slight
    bend, and a deep linear net's plateau of 60 points comes in three pieces of a few blocks."""
    i = int(np.searchsorted(blocks.first_step, ev.start_step)) - 1
    k = next((k for k, P in enumerate(pieces) if P.start <= i < P.end), None)
    if k is None:
        return False
    for j in range(k, -1, -1):
        P = _joined(blocks, pieces[j].start, pieces[k].end)
        if _plateau(blocks, P, max(P.resid_sd, 0.5 * sigma_b), min_change, config):
            return True
        if abs(_move(blocks, P)) > 0.5 * min_change:
            return False  # no longer standing still: further back is the descent before it
    return False


def _segmented(steps: np.ndarray, z: np.ndarray, config: DetectConfig) -> tuple["_Blocks", list[Piece], float]:
    """Blocks whose means carry independent noise, their noise, and the pieces fitted to them.

    Every threshold downstream treats block means as independent, with a noise
    read from one block to the next. A log of a smoothed loss (an EMA such as
    fastai's, or a ``running_loss`` print) has noise that wanders over many
    points: read from one point to the next it looks small, the segmentation
    follows the wander and each bend passes for a transition. The block means
    then stay correlated about the pieces. The blocks are widened by that
    correlation's length until their means are independent; the length is
    read again on a fit penalised for the variance it implies, since a fit
    that follows the wander hides it."""
    blocks = _Blocks(steps, z, config.max_blocks)
    while True:
        sigma_b = blocks.noise()
        base = config.penalty_c * sigma_b**2 * math.log(blocks.m)
        min_size = 2 if blocks.m < 60 else 3
        pieces = segment(blocks.t, blocks.z, base, min_size=min_size)
        if blocks.m <= config.decorrelate_min_blocks:
            return blocks, pieces, sigma_b
        widen = 1.0
        for _ in range(config.decorrelate_rounds):
            found = _correlation_length(blocks, pieces if widen == 1.0 else
                                        segment(blocks.t, blocks.z, base * widen, min_size=min_size))
            if found <= widen * config.decorrelate_min_widen:
                break
            widen = found
        if widen < config.decorrelate_min_widen:
            return blocks, pieces, sigma_b
        wider = _Blocks(steps, z, max(int(blocks.m / widen), config.decorrelate_min_blocks))
        if wider.m < config.decorrelate_min_blocks:
            return blocks, pieces, sigma_b
        blocks = wider


def _averaged(values: np.ndarray, config: DetectConfig,
              steps: np.ndarray | None = None) -> tuple[str, np.ndarray] | None:
    """What a smoothed log averages, and the values recovered from it; None for a log as measured.

    Both smoothings tried here are undone exactly once found, and both make a
    log's values correlated from one point to the next: a cheap first test
    that a raw minibatch loss fails (its values are about uncorrelated about
    their trend), so that it costs a raw log of 10^6 points about 3 ms."""
    n = len(values)
    if n < SAMPLED_MIN_POINTS:
        return None
    pairs = np.arange(0, n - 1, math.ceil((n - 1) / SAMPLE_LIMIT))  # every pair, or an even sample past SAMPLE_LIMIT
    if np.mean(values[pairs + 1] == values[pairs]) > config.smoothed_max_repeats:
        return None  # a value held over several steps, or a forward-filled column
    # Too short for the windows the EMA and every-update tests read (forty epochs logged six times each).
    correlations = _window_correlation(values, SMOOTH_WINDOW) if n >= 3 * SMOOTH_WINDOW else np.zeros(1)
    rho = np.quantile(correlations, 0.25)
    if rho >= config.cumulative_min_correlation and (found := _uncumulated(values)) is not None:
        period, raw = found
        return (f"a mean since each epoch's start, as Keras logs per batch; epochs of {period} points",
                _snapped(raw, values, period))
    if rho >= config.smoothed_min_correlation and (found := _unsmoothed(values, correlations, config)) is not None:
        beta, raw = found
        return f"an exponential moving average, beta about {beta:.2f}", _snapped(raw, values, 1 / (1 - beta))
    # Last: an EMA of a loss whose epochs start lower (examples seen again) has steps that shrink through
    # each epoch too, and a mean since the epoch began logged every few steps need not correlate much.
    if steps is not None and n <= SAMPLED_MAX_POINTS and (found := _uncumulated_sampled(steps, values)):
        period, every, raw = found
        return (f"a mean since each epoch's start, as Keras logs per batch, logged every {every} steps; epochs of "
                f"{period} steps: the mean over each interval", _snapped(raw, values, period / every))
    return None


def _plausibly_recovered(raw: np.ndarray, values: np.ndarray) -> bool:
    """Whether values recovered from a log can be what it averaged: finite, positive where the log
    is, and at least twice as rough from one point to the next. Undoing an average of noise
    brings the noise back (an EMA's by sqrt((1 + beta) / (1 - beta)), 2 at beta 0.6); a
    noise-free curve comes back about as smooth as it was. A log whose steps are all alike to
    float precision (a straight line) averages no noise: twice its roughness is float error."""
    rough = robust_sd(np.diff(values))
    return (bool(np.all(np.isfinite(raw))) and not np.min(raw) <= 0 < np.min(values)
            and rough > FLOAT_ROUGHNESS * float(np.median(np.abs(values)))
            and robust_sd(np.diff(raw)) >= 2 * rough)


# Point-to-point roughness, relative to a log's values, below which it is float error.
FLOAT_ROUGHNESS = 1e-9


def _snapped(raw: np.ndarray, values: np.ndarray, gain: float) -> np.ndarray:
    """Recovered values rounded to the float error of their recovery (the log's rounding times the
    gain of the undoing): a loss of exactly 0 comes back as 0, not as 1e-17, whose spread would
    make every other value an outlier."""
    # Each point's error scales with the values it was recovered from, not with the log's largest:
    # a loss blowing up to 1e20 at the end would round every earlier value to 0.
    local = np.abs(values)
    local[1:] = np.maximum(local[1:], local[:-1])
    grid = 64 * np.finfo(float).eps * gain * local
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(grid > 0, np.round(raw / np.where(grid > 0, grid, 1.0)) * grid, raw)


def _uncumulated(values: np.ndarray) -> tuple[int, np.ndarray] | None:
    """The values a mean since each epoch's start was taken of, when the log is one: (epoch length,
    values).

    Keras (TensorFlow 2.2 on) passes per-batch callbacks, and so W&B's and
    TensorBoard's per-batch logs, the mean of the loss since the epoch began:
    z_t = z_{t-1} + (x_t - z_{t-1}) / k at the k-th batch of an epoch, reset at
    the next. Its steps shrink as 1/k through an epoch and jump at each reset,
    where a raw loss's steps are one size throughout. The resets are the steps
    twenty times the mean of the ten before (at the k-th batch that ratio is
    about k); the epoch length is their commonest spacing and must hold for
    half of them; x_t = k z_t - (k - 1) z_{t-1} undoes the mean exactly. Undone
    at the wrong places the recovered noise grows through each epoch, so the
    last quarter of the epochs must be no noisier than the first."""
    n = len(values)
    d = np.abs(np.diff(values))
    c = np.concatenate([[0.0], np.cumsum(d)])
    prior = np.full(len(d), np.nan)
    prior[10:] = (c[10:-1] - c[:-11]) / 10
    with np.errstate(divide="ignore", invalid="ignore"):
        resets = np.flatnonzero(d > 20 * prior) + 1  # the first value of an epoch
    if len(resets) < 3:
        return None
    resets = resets[np.r_[True, np.diff(resets) > 10]]  # the steps just after a reset stand out too
    if len(resets) < 3:
        return None
    gaps, counts = np.unique(np.diff(resets), return_counts=True)
    period = int(gaps[np.argmax(counts)])
    if period < 10:
        return None
    phase = int(np.bincount(resets % period).argmax())
    if np.mean(np.isin(np.arange(phase or period, n, period), resets)) < 0.5:
        return None
    k = (np.arange(n) - phase) % period + 1
    k[:phase] = np.arange(1, phase + 1)  # the points before the first reset count from the log's start
    raw = values.copy()
    raw[1:] = k[1:] * values[1:] - (k[1:] - 1) * values[:-1]
    if not _plausibly_recovered(raw, values):
        return None
    steps, at = np.abs(np.diff(raw)), k[1:]
    early, late = steps[(at > 1) & (at <= period // 4)], steps[at > 3 * period // 4]
    if np.median(late) > 2 * np.median(early):
        return None
    return period, raw


def _uncumulated_sampled(steps: np.ndarray, values: np.ndarray) -> tuple[int, int, np.ndarray] | None:
    """A mean since each epoch's start logged every few steps (Keras's TensorBoard callback with
    ``update_freq=N``, a W&B logger every N batches): (epoch length in steps, logging interval, the
    mean over each interval). Each logged value z_k, the mean of the epoch's first k batches,
    moves from the last by about the interval's share of k, so the steps of the log shrink
    through each epoch and jump at its start; a raw or EMA log's steps are one size
    throughout. Of the epoch lengths and starts that line up the log's jumps, the one under
    which its steps shrink most from an epoch's first quarter to its last (SHRINK_MIN times at
    least, and steadily by rank) is taken; the interval's mean is (k z_k - k' z_k') / (k - k'),
    and at an epoch's first point z_k itself. Read every update, ``_uncumulated`` finds the
    same log by its resets alone."""
    gaps = np.diff(steps)
    every = int(np.median(gaps)) if len(gaps) else 0
    if not 2 <= every <= SAMPLED_MAX_EVERY or np.mean(gaps == every) < 0.9:
        return None
    # The epochs are looked for on the log's first points (tens of epochs), then undone over all of it:
    # among the lengths that line up its resets, the steps several times the step before them.
    head = steps[:SAMPLED_SEARCH_POINTS]
    moved = np.abs(np.diff(values[:SAMPLED_SEARCH_POINTS]))
    with np.errstate(divide="ignore", invalid="ignore"):
        resets = head[2:][moved[1:] > SHRINK_MIN * moved[:-1]]
    if len(resets) < 5:
        return None
    # The epoch lengths and starts (batches counted from 0 or from 1) that put most of them within the
    # first logging interval of an epoch, beyond the share chance puts there.
    periods = np.arange(2 * every + 1, SAMPLED_MAX_INTERVALS * every + 1)
    tries = []
    for start in (0, 1):
        beyond = np.mean((resets[None, :] - start) % periods[:, None] < every, axis=1) - every / periods
        tries += [(float(b), int(period), start) for b, period in zip(beyond, periods)]
    best = (0.0, 0, 0)
    for _, period, start in sorted(tries, reverse=True)[:SAMPLED_CANDIDATES]:
        k = (head - start) % period + 1
        after, same = k[1:], k[1:] > k[:-1]
        early = moved[same & (after <= max(2 * every, period // 4))]
        late = moved[same & (after > 3 * period // 4)]
        if len(early) >= 5 and len(late) >= 5 and np.median(late) > 0:
            shrink = float(np.median(early) / np.median(late))
            if shrink > best[0]:
                best = (shrink, period, start)
    shrink, period, start = best
    if shrink < SHRINK_MIN or (steps[-1] - steps[0]) < SAMPLED_MIN_EPOCHS * period:
        return None
    # And steadily, point by point: the later in its epoch, the smaller a step, by a rank correlation
    # SHRINK_Z standard errors from none (a flat noisy loss of 90 points, its last one a spike, passed
    # the medians' test by luck).
    k = (head - start) % period + 1
    same = k[1:] > k[:-1]
    if _rank_correlation(k[1:][same], moved[same]) * math.sqrt(max(int(same.sum()) - 1, 1)) > -SHRINK_Z:
        return None
    k = ((steps - start) % period + 1).astype(float)
    same = k[1:] > k[:-1]
    raw = values.astype(float).copy()
    raw[1:] = np.where(same, (k[1:] * values[1:] - k[:-1] * values[:-1]) / np.where(same, k[1:] - k[:-1], 1.0),
                       values[1:])
    if not _plausibly_recovered(raw, values):
        return None
    # Undone with the wrong epochs, the recovered noise grows through each one.
    d, at = np.abs(np.diff(raw)), k[1:]
    early, late = d[same & (at <= period // 4)], d[same & (at > 3 * period // 4)]
    if len(early) and len(late) and np.median(late) > 2 * np.median(early):
        return None
    return period, every, raw


def _rank_correlation(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation, ties given their mean rank (scipy.stats takes 0.7 s to load)."""
    if len(x) < 3:
        return 0.0

    def ranks(v: np.ndarray) -> np.ndarray:
        _, inverse, counts = np.unique(v, return_inverse=True, return_counts=True)
        ends = np.cumsum(counts)
        return ((ends - (counts - 1) / 2.0))[inverse]

    rx, ry = ranks(x), ranks(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    den = math.sqrt(float(dot(rx, rx)) * float(dot(ry, ry)))
    return float(dot(rx, ry)) / den if den > 0 else 0.0


# ``_uncumulated_sampled``: the logged points an epoch holds at most; the least its steps shrink through
# an epoch (about the ratio of the positions read, 4 for a mean; a raw log's best of many tries reaches
# 2) and the rank correlation's standard errors; the epochs and points a log needs at least (fewer, and
# a flat loss's luck passed the tests one time in a hundred); the longest log it reads.
SAMPLED_MAX_INTERVALS = 40
SHRINK_MIN = 3.0
SHRINK_Z = 3.0
SAMPLED_MIN_EPOCHS = 20
SAMPLED_MIN_POINTS = 100
SAMPLED_MAX_POINTS = 20_000
# Steps between logged points at most (Keras's update_freq), and the points the epochs are looked for on.
SAMPLED_MAX_EVERY = 100
SAMPLED_SEARCH_POINTS = 600
# Epoch lengths the resets suggest that are tested on the shrinking of the log's steps.
SAMPLED_CANDIDATES = 8


def _unsmoothed(values: np.ndarray, correlations: np.ndarray, config: DetectConfig) -> tuple[float, np.ndarray] | None:
    """The values an exponential moving average was taken of, when the log is one: (beta, values).

    fastai logs an EMA of the loss, and training loops print ``running_loss =
    beta * running_loss + (1 - beta) * loss``. Such a log's noise wanders
    instead of changing from one point to the next, and every test of the
    engine, which reads noise from one point to the next, passes its wander
    for transitions (and its lag dates them late). An EMA is undone exactly by
    x_t = (z_t - beta z_{t-1}) / (1 - beta), so beta is read from the log: the
    lag-one correlation of its values about a line, in windows of
    ``SMOOTH_WINDOW`` points (``correlations``) and then of ten of the EMA's time constants. A
    log counts as smoothed when that correlation is high in three windows of
    four (``_averaged`` checks; raw minibatch losses: about 0; a slowly
    bending low-noise curve: in a few windows only) and when what it recovers
    is white: a running mean over the last N steps, undone as an EMA, leaves an
    echo of every move N steps later."""
    n = len(values)
    beta = float(np.median(correlations))
    for _ in range(2):  # windows of ten time constants, or the estimate is biased low
        w = int(min(max(SMOOTH_WINDOW, 10 / (1 - min(beta, MAX_BETA))), n // 3))
        beta = float(np.median(_window_correlation(values, w)))
    beta = min(beta, MAX_BETA)
    if np.min(values) > 0:
        # An EMA of positive values keeps z_t / z_{t-1} = beta + (1 - beta) x_t / z_{t-1} above
        # beta: the smallest ratio bounds beta from above, far tighter than the windows' estimate,
        # which a curving trend biases up (and an overestimate turns small values negative).
        # Just under the bound, so that the value recovered where the ratio is smallest stays positive.
        ratio = float(np.min(values[1:] / values[:-1]))
        beta = min(beta, ratio - 0.05 * (1 - ratio))
        if beta <= 0:
            return None
    raw = values.copy()
    raw[1:] = (values[1:] - beta * values[:-1]) / (1 - beta)
    if not _plausibly_recovered(raw, values):
        return None
    # A running mean of N steps undone as an EMA echoes each step at lag N, with a correlation of
    # about -0.5; raw minibatch losses reach -0.15 (the same batches come back every epoch), and
    # the smallest of ``lags`` correlations of white steps falls sqrt(2 ln lags) standard errors.
    lags = int(10 / (1 - beta))
    steps = min(n, 2 * ECHO_SAMPLE) - 1
    if _echo(raw, lags) < -max(config.smoothed_echo, (math.sqrt(2 * math.log(lags)) + 2) / math.sqrt(steps)):
        return None
    return beta, raw


# One window in a hundred points; beta is capped where undoing it would amplify
# rounding in the logged values a hundredfold.
SMOOTH_WINDOW = 100
MAX_BETA = 0.99
# Quartiles of the windows' correlations need no more windows than this.
MAX_WINDOWS = 1000
# The recovered values are checked for an echo on this many points either side of the middle.
ECHO_SAMPLE = 10_000


def _window_correlation(values: np.ndarray, w: int) -> np.ndarray:
    """The lag-one correlation of the values about their line, in each window of ``w`` points
    (in an even sample of ``MAX_WINDOWS`` of them in a long series)."""
    k = len(values) // w
    z = values[: k * w].reshape(k, w)[:: math.ceil(k / MAX_WINDOWS)]
    k = len(z)
    t = np.arange(w) - (w - 1) / 2
    z = z - z.mean(axis=1, keepdims=True) - ((z * t).sum(axis=1, keepdims=True) / float(t @ t)) * t
    den = np.sqrt((z[:, :-1] ** 2).sum(axis=1) * (z[:, 1:] ** 2).sum(axis=1))
    num = (z[:, :-1] * z[:, 1:]).sum(axis=1)
    return np.divide(num, den, out=np.zeros(k), where=den > 0)


def _echo(x: np.ndarray, lags: int) -> float:
    """The most negative autocorrelation of x's steps at lags 2..``lags``, on the middle of the
    series. Steps of white values are uncorrelated past lag one; a move of a running mean's
    values undone as an EMA comes back, reversed, N steps later. Steps, not values about a
    trend: a trend (a sawtooth of warm restarts) barely moves them."""
    mid = len(x) // 2
    d = np.diff(x[max(0, mid - ECHO_SAMPLE): mid + ECHO_SAMPLE])
    lags = min(lags, len(d) // 4)
    if lags < 2:
        return 0.0
    d = d - d.mean()
    f = np.fft.rfft(d, 2 * len(d))
    ac = np.fft.irfft(f * np.conj(f))[: lags + 1]
    return float((ac[2:] / ac[0]).min()) if ac[0] > 0 else 0.0


def _correlation_length(blocks: "_Blocks", pieces: list[Piece]) -> float:
    """(1 + rho) / (1 - rho), in blocks, for the lag-one correlation rho of the block means about
    the pieces (those of five blocks or more, which a line does not fit exactly), pooled, less
    two standard errors of white noise's; 1 when it is not above them."""
    num = den = 0.0
    pairs = 0
    for P in pieces:
        if P.length < STAGE_BLOCKS:
            continue
        r = blocks.z[P.start:P.end] - P.at(blocks.t[P.start:P.end])
        num += float(r[1:] @ r[:-1])
        den += float(r @ r)
        pairs += len(r) - 1
    if pairs < 2 * STAGE_BLOCKS or den <= 0:
        return 1.0
    rho = num / den - 2 / math.sqrt(pairs)
    return 1.0 if rho <= 0 else math.inf if rho >= 1 else (1 + rho) / (1 - rho)


# Squares of the values (noise variances, least squares) must stay inside float range.
LINEAR_LIMIT = 1e150


def choose_transform(values: np.ndarray, higher_is_better: bool, floor: float = 0.0) -> str:
    """Log for positive loss-like series (multiplicative noise), linear otherwise. Zeros do not
    rule out the log when ``floor`` (``log_floor``) reads them as a rounding's."""
    if higher_is_better or np.min(values) < 0 or (np.min(values) == 0 and floor <= 0):
        return "linear"
    return "log"


def log_floor(values: np.ndarray, quantum: float) -> float:
    """The value a loss-like series' zeros are read at on the log scale: half its rounding quantum,
    where the zeros are a rounding's (the true value was under that). They are when the series
    reaches down to three quanta with positive values too, and spans ``FINE_ROUNDING`` of them: a
    loss printed to 3 or 4 decimals once it is learned (0.001, 0.002, then 0.0 from then on).
    Zeros straight after 0.3 are a logged artefact (or a hinge loss at exactly zero): 0.0, and
    the series is not read on the log scale. Not rounded (or far finer than its values), a few
    zeros are a float's underflow, read at half the smallest value logged. With no zero, 0.0:
    nothing to read."""
    if not np.any(values == 0):
        return 0.0
    positive = values[values > 0]
    if not len(positive):
        return 0.0
    if quantum > 0 and float(np.min(positive)) <= 3 * quantum:
        return quantum / 2 if np.max(positive) >= FINE_ROUNDING * quantum else 0.0
    # Not rounded that coarsely: a few exact zeros in a loss whose logged values reach decades below
    # their median are the float's underflow (a minibatch classified with certainty gives 0.0 in
    # float32), the true value under the smallest logged one. Many zeros are the loss's own (a
    # hinge loss at exactly zero).
    if np.count_nonzero(values == 0) <= UNDERFLOW_ZERO_SHARE * len(values) \
            and float(np.min(positive)) <= UNDERFLOW_DECADES * float(np.median(positive)):
        return float(np.min(positive)) / 2
    return 0.0


# A loss under this share of its first points' level is at zero for any practical reading.
PRACTICAL_ZERO = 1e-6
# Where a curve started is the median of its first points, not a window's: a fast first fall (or
# climb) is most of the first window, and a score that fell from 0.92 to 0.50, up from 0.155, had
# "lost all of its gain and more".
FIRST_POINTS = 3


def practical_zero(values: np.ndarray) -> float:
    """The level under which a loss is at zero for any practical reading: ``PRACTICAL_ZERO`` of
    where it began (the median of its ``FIRST_POINTS``). Below it a loss moves in a float's last
    digits (a transformer's, fallen from 2 to 1e-8)."""
    return PRACTICAL_ZERO * float(np.median(values[:FIRST_POINTS]))


# Zeros read as a float's underflow: at most this share of the points, in a series whose smallest
# positive value is this far below its median.
UNDERFLOW_ZERO_SHARE = 0.01
UNDERFLOW_DECADES = 1e-3


# Rounding that keeps this many quanta in the curve's largest value is a printout's (a loss to 4
# decimals); coarser, the values are counts (an error rate over 200 held-out examples moves in
# steps of 0.005), whose tail of 0, 0.005 and 0.01 the log scale would read as halvings.
FINE_ROUNDING = 1000


class _Blocks:
    """Block means of the transformed series, on a log(step) time axis."""

    def __init__(self, steps: np.ndarray, z: np.ndarray, max_blocks: int):
        n = len(z)
        self.b = b = max(1, math.ceil(n / max_blocks))
        self.m = m = math.ceil(n / b)
        edges = np.arange(0, m * b, b)
        counts = np.diff(np.append(edges, n))
        self.start_idx = edges
        self.end_idx = np.append(edges[1:], n)
        self.z = np.add.reduceat(z, edges) / counts
        self.first_step = steps[edges]
        self.last_step = steps[self.end_idx - 1]
        centre = np.add.reduceat(steps, edges, dtype=np.float64) / counts  # cast as it sums: no copy of the steps
        # Offset so that a log starting at step 0 (or at a resumed step) has a finite axis.
        self.origin = float(steps[0]) - max(1.0, float(steps[-1] - steps[0]) / max(n, 1))
        self.t = np.log(centre - self.origin)

    def noise(self) -> float:
        sd = robust_sd(np.diff(self.z)) / math.sqrt(2)
        if sd <= 0:
            sd = float(np.std(np.diff(self.z))) / math.sqrt(2)
        return max(sd, 1e-12 * (1.0 + float(np.abs(self.z).max())))


# Past this many values a robust spread or a rounding quantum is read on an
# evenly strided sample, and a long rolling median on group medians
# (``_rolling_median``): a MAD from 5x10^4 Gaussian values has a relative
# standard error of ~0.5%, far inside any threshold it scales, and two medians
# of 10^6 values are a sixth of the analysis of a 10^6-point series.
SAMPLE_LIMIT = 50_000


def _strided(x: np.ndarray) -> np.ndarray:
    return x[:: math.ceil(len(x) / SAMPLE_LIMIT)] if len(x) > SAMPLE_LIMIT else x


def robust_sd(x: np.ndarray) -> float:
    """1.4826 x MAD: the standard deviation of Gaussian noise, unmoved by outliers."""
    if len(x) == 0:
        return 0.0
    x = _strided(x)
    return float(1.4826 * np.median(np.abs(x - np.median(x))))


def diff_sd(z: np.ndarray) -> float:
    """``robust_sd(np.diff(z))`` without the whole difference: the differences it samples, taken
    from the points themselves (the same values; a 10^6-point difference is 2-3 ms a call)."""
    n = len(z) - 1
    if n <= SAMPLE_LIMIT:
        return robust_sd(np.diff(z))
    k = math.ceil(n / SAMPLE_LIMIT)
    return robust_sd(z[1::k] - z[:-1:k])


def _min_change(z: np.ndarray, transform: str, config: DetectConfig) -> float:
    """The smallest move worth reporting: a share of what the plot spans, with a floor
    of a few percent for ratios. A 14% step is plain on a loss that spans 2x and
    invisible on one that spans five decades."""
    lo, hi = np.percentile(z, [2, 98])
    span = float(hi - lo) if hi > lo else float(np.ptp(z))
    floor = config.min_log_change if transform == "log" else config.min_score_change * score_bound(z)
    return max(floor, config.min_range_fraction * span)


def score_bound(z: np.ndarray) -> float:
    """The full scale of a bounded score: 1 for fractions, 100 for percentages, else 0 (unknown).

    Percentages reach past 10: a return or a reward between 0 and a little over 1 (a bandit's
    mean reward, 0.3 -> 1.1) is on no known scale, and read as a percentage its smallest
    reportable move would be half its range."""
    lo, hi = float(np.min(z)), float(np.max(z))
    if lo >= 0 and hi <= 1:
        return 1.0
    if lo >= 0 and 10 < hi <= 100:
        return 100.0
    return 0.0


def _change_scale(z: np.ndarray, transform: str) -> float:
    """What one 'unit' of change is: 1 in log space (ratios), the robust range otherwise."""
    if transform == "log":
        return 1.0
    lo, hi = np.percentile(z, [2, 98])
    return float(hi - lo) if hi > lo else float(np.ptp(z)) or 1.0


def _named_jumps(steps: np.ndarray, z: np.ndarray, blocks: _Blocks, pieces: list[Piece], sigma_b: float,
                 min_change: float, hib: bool, config: DetectConfig, changes: list[tuple[int, bool | None]],
                 blind: set[tuple[int, int]], found: list[Transition]) -> list[Transition]:
    """Jumps between long pieces at a schedule change, the way it predicts, that neither the
    blind search (``blind``: its events' extents as it found them) nor the test against the
    trend at the change found: at a step named in advance one test is made, and
    ``scheduled_z`` standard errors suffice where a search over every step needs
    ``min_jump_z``. (On a short stretch of a noisy per-step log the window's own trend can be
    steep enough to swallow the move; the long piece before it is not.)"""
    named = _named_blocks(blocks, changes, hib)
    if not named:
        return []
    span = float(steps[-1] - steps[0])
    bounds = sorted({c for c, _ in changes})
    out = []
    for ev in _level_changes(blocks, pieces, sigma_b, min_change, hib, config, named):
        if (ev.start_step, ev.end_step) in blind:
            continue
        step = min(bounds, key=lambda c: abs(c - ev.step))  # the change it sits at
        lo, hi = _change_window(bounds, step, span, config)
        if not any(e.direction == ev.direction and lo <= e.step < hi for e in found + out):
            out.append(_refine(blocks, steps, z, ev))
    return out


def _named_blocks(blocks: _Blocks, changes: list[tuple[int, bool | None]], hib: bool) -> dict[int, bool]:
    """The blocks holding a schedule change, each with the direction the metric should move there
    (True: up), for the changes that predict one."""
    out = {}
    for step, improves in changes:
        if improves is not None and blocks.first_step[0] < step <= blocks.last_step[-1]:
            out[int(np.searchsorted(blocks.last_step, step))] = improves == hib
    return out


def _level_changes(blocks: _Blocks, pieces: list[Piece], sigma_b: float, min_change: float,
                   hib: bool, config: DetectConfig, named: dict[int, bool] | None = None) -> list[Transition]:
    """Discontinuities between long pieces, and plateaus giving way to a steep fall.

    ``named``: blocks where the schedule changes, with the direction it predicts. A jump
    there, its way, is one test at a place named in advance rather than the best of a
    search, and needs ``scheduled_z`` standard errors, not ``min_jump_z``."""
    named = named or {}
    long_len = _long_len(blocks)
    longs = [i for i, p in enumerate(pieces) if p.length >= long_len
             or (p.length >= 2 and p.length * blocks.b >= LEVEL_POINTS)]
    # Noise read on third differences, which a smooth trend and its bends barely reach.
    bend_noise = robust_sd(np.diff(blocks.z, 3)) / math.sqrt(20) if blocks.m > 3 else 0.0
    lag = max(1, round(config.scheduled_window * blocks.m))
    pairs = []
    for a_i, b_i in zip(longs, longs[1:]):
        A, B = pieces[a_i], pieces[b_i]
        left, right = A.at(blocks.t[A.end - 1]), B.at(blocks.t[B.start])
        # Short pieces fit their few points (almost) exactly: their noise is taken
        # around the boundary instead, since logs are heteroscedastic (a noisy
        # first stage, a calm last one) and the run's median noise would be too low.
        sd = max(math.sqrt((A.resid_sd**2 + B.resid_sd**2) / 2), 0.5 * sigma_b)
        if min(A.length, B.length) < 5:
            sd = max(sd, _local_sigma(blocks.z, A.end, max(8, blocks.m // 10)))
        se = sd * math.sqrt(4.0 / A.length + 4.0 / B.length)
        # Where both lines run the jump's way, the curve's own pace carries it from A's
        # last point to B's first: only the jump beyond that is a discontinuity. On a
        # short, steep, calm log (an exponential fall over 30 epochs) one epoch's motion
        # is many standard errors. The slower line's pace, so that a steep piece that is
        # the fall itself does not explain the fall away.
        pace = min(A.b, B.b, key=abs) if A.b * (right - left) > 0 and B.b * (right - left) > 0 else 0.0
        jump = right - left - pace * (blocks.t[B.start] - blocks.t[A.end - 1])
        jump = jump if jump * (right - left) > 0 else 0.0
        z_jump = abs(jump) / se if se > 0 else math.inf
        # The search dates a move in noise to within a few blocks, and a decay under momentum
        # takes a while to show: a break up to the schedule's window after a change, and
        # before any other, is at it.
        since = [k for k in named if max(A.start, B.start - lag) <= k <= B.start]
        at_change = bool(since) and named[max(since)] == (right > left)
        is_jump = abs(jump) >= min_change \
            and z_jump >= (config.scheduled_z if at_change else config.min_jump_z) \
            and _seen_in_the_data(blocks.z, A, B, left, right, min_change, (right > left) == hib, blocks.t) \
            and _speeds_up(blocks, A, B, right - left, bend_noise, config.jump_speedup_share)
        if a_i == 0 and A.length < 3 and (right > left) == hib:
            is_jump = False  # the first two points falling fast is the initial descent, not an event
        if is_jump and _dip_edge(blocks, pieces, a_i, b_i, left, right, (right > left) == hib, min_change):
            is_jump = False
        pairs.append((a_i, b_i, left, right, sd, z_jump, is_jump))
    if longs and longs[-1] < len(pieces) - 1:
        # The last long piece may be a plateau that falls into a noisy tail the
        # segmentation cut into short pieces only: its escape is looked for too.
        A = pieces[longs[-1]]
        sd = max(A.resid_sd, 0.5 * sigma_b, _local_sigma(blocks.z, A.end, max(8, blocks.m // 10)))
        pairs.append((longs[-1], None, None, None, sd, 0.0, False))
    ramps = _ramps(blocks, pieces, sigma_b, min_change, hib, config)
    out: list[Transition] = []
    for k, (a_i, b_i, left, right, sd, z_jump, is_jump) in enumerate(pairs):
        if out and pieces[a_i].start < out[-1].end_block:
            # Inside the previous event's fall. An escape stops at the next discontinuity; when
            # that is the same move's steepest part, the escape runs on through it.
            if is_jump and _carries_on(out[-1], right):
                _extend(out[-1], _transition(blocks, pieces[a_i].end, pieces[b_i].start, left, right, z_jump,
                                             pieces[a_i], pieces[b_i], "jump"))
            continue
        if is_jump:
            out.append(_run_through(_transition(blocks, pieces[a_i].end, pieces[b_i].start, left, right, z_jump,
                                                pieces[a_i], pieces[b_i], "jump"), blocks, pieces, a_i, b_i))
            continue
        # An escape may run over several pieces, up to the next discontinuity.
        stop = next((p[0] + 1 for p in pairs[k + 1:] if p[6]), len(pieces))
        stop = min([stop] + [i for i, _ in ramps if i > a_i + 1])  # nor past a ramp of its own
        # Its steepest stretch is looked for up to the next plateau: a later, larger fall
        # escapes from that one, and measured from here it would dwarf this one's (a deep
        # linear net's staircase).
        landing = next((pieces[i].end for i in range(a_i + 2, stop)
                        if _plateau(blocks, pieces[i], max(pieces[i].resid_sd, 0.5 * sigma_b), min_change,
                                    config)), None)
        escape = _escape(blocks, pieces[:stop], a_i, sd, min_change, hib, config, landing)
        if escape is not None:
            out.append(escape)
    for _, r in ramps:
        at = next((e for e in out if e.start_step <= r.start_step <= e.end_step + blocks.b), None)
        if at is None:
            out.append(r)
        elif _carries_on(at, r.after):  # the steep part of the same move
            _extend(at, r)
    out = [part for ev in out for part in _split_at_stages(ev, blocks, pieces, sigma_b, long_len, min_change, config)]
    return sorted(_past_initial_descent(out, blocks, pieces, sigma_b, min_change, hib, config),
                  key=lambda e: e.step)


def _run_through(ev: Transition, blocks: _Blocks, pieces: list[Piece], a_i: int, b_i: int) -> Transition:
    """A jump whose landing piece goes on moving its way at the jump's own pace or faster: the
    move runs on through it and the next pieces moving at a third of that pace or faster.

    On a calm log a smooth fall (a phase change, a sigmoid over a few hundred steps) is cut into
    several pieces; the jump between the long ones before and inside it kept its first part only
    (-16% of a -48% fall). An LR decay's jump, made in a block or two, is far steeper than the
    relaxation after it, which stays the next stage's."""
    sign = 1.0 if ev.direction == "up" else -1.0
    gap = max(pieces[b_i].start - pieces[a_i].end, 1)
    pace = sign * (ev.after - ev.before) / gap
    i = b_i
    while i < len(pieces):
        Q = pieces[i]
        moved = sign * _move(blocks, Q)
        # The landing piece itself at the jump's pace or faster: the jump stopped mid-fall.
        if moved <= 0 or moved / max(Q.length - 1, 1) < (pace if i == b_i else pace / 3):
            break
        i += 1
    if i == b_i:
        return ev
    Q = pieces[i - 1]
    ev.after = Q.at(blocks.t[Q.end - 1])
    ev.end_step = int(blocks.last_step[Q.end - 1])
    ev.width_steps = ev.end_step - ev.start_step + 1
    ev.end_block = Q.end
    if i < len(pieces):
        ev.slope_after = _per_step(pieces[i].b, blocks, pieces[i].start)
    return ev


def _carries_on(ev: Transition, level: float) -> bool:
    """Whether a move reaching ``level`` takes escape ``ev`` further its own way: the escape stopped
    at the next discontinuity or steep stretch, and that is its own steepest part."""
    return ev.onset == "kink" and (level - ev.after) * (1.0 if ev.direction == "up" else -1.0) > 0


# Five blocks make a stage's level: three points fit a line almost exactly.
STAGE_BLOCKS = 5


# A piece of this many logged points carries a level too, however few blocks they fill
# (``_long_len``): in a log of 20,000 steps, blocks of 50 points, the 200 steps a saturated net
# sits at its initial loss.
LEVEL_POINTS = 100


def _long_len(blocks: _Blocks) -> int:
    """Pieces this long carry a level; the first few points of a short per-epoch
    log (the initial descent) cannot anchor a transition on their own."""
    return int(np.clip(blocks.m // 20, 2, 6))


def _split_at_stages(ev: Transition, blocks: _Blocks, pieces: list[Piece], sigma_b: float, long_len: int,
                     min_change: float, config: DetectConfig) -> list[Transition]:
    """A fall that pauses on a stage of its own is two transitions.

    An escape is read on levels smoothed over 5% of the run, so a deep linear
    net's staircase, whose intermediate plateau is shorter than that, reads as
    one fall, and two falls closer than ``merge_blocks`` are merged into one.
    A piece inside the fall of ``STAGE_BLOCKS`` (or of a long piece's length in
    a short log), still (``_still``), and apart from both ends of the fall by the smallest
    reportable move, ``min_jump_z`` standard errors and a quarter of the fall
    (a shoulder on the way down is no stage) splits it there."""
    if ev.kind not in ("drop", "rise"):
        return [ev]
    g0 = int(np.searchsorted(blocks.first_step, ev.start_step))
    size = abs(ev.after - ev.before)
    sign = 1.0 if ev.direction == "up" else -1.0
    best = None
    for i, P in enumerate(pieces):
        if P.start <= g0 or P.end >= ev.end_block or P.length < min(long_len, STAGE_BLOCKS):
            continue
        if not _pauses(blocks, pieces, i, _still(blocks, P, sigma_b, min_change, size)):
            continue
        level = float(np.median(blocks.z[P.start:P.end]))
        se = max(P.resid_sd, sigma_b) * math.sqrt(4.0 / P.length + 4.0 / long_len)
        first, second = sign * (level - ev.before), sign * (ev.after - level)
        apart = min(first, second) >= max(min_change, config.min_jump_z * se, size / 4)
        if apart and (best is None or P.length > best[0].length):
            best = (P, level, first / se, second / se)
    if best is None:
        return [ev]
    P, level, z1, z2 = best
    A = _piece_holding(pieces, g0 - 1) or P
    B = _piece_holding(pieces, ev.end_block - 1) or P
    one = _transition(blocks, g0, P.start, ev.before, level, z1, A, P, ev.onset)
    two = _transition(blocks, P.end, ev.end_block, level, ev.after, z2, P, B, ev.onset)
    return (_split_at_stages(one, blocks, pieces, sigma_b, long_len, min_change, config)
            + _split_at_stages(two, blocks, pieces, sigma_b, long_len, min_change, config))


def _piece_holding(pieces: list[Piece], block: int) -> Piece | None:
    """The piece that holds block index ``block``, if any."""
    return next((P for P in pieces if P.start <= block < P.end), None)


def _pauses(blocks: _Blocks, pieces: list[Piece], i: int, still: bool) -> bool:
    """Whether piece ``i`` (P) is a pause between two falls: the piece after it moves faster, and
    P is still or the piece before it moves faster too. A fall slowing down (a cascade's tail on
    the log scale, each piece slower than the one before) has no pause, however little its
    pieces move against the whole fall."""
    P = pieces[i]
    if i + 1 >= len(pieces):
        return False

    def pace(Q):
        return abs(_move(blocks, Q)) / max(Q.length - 1, 1)

    slower = pace(P) < pace(pieces[i + 1])
    return slower and (still or (i > 0 and pace(P) < pace(pieces[i - 1])))


def _past_initial_descent(events: list[Transition], blocks: _Blocks, pieces: list[Piece], sigma_b: float,
                          min_change: float, hib: bool, config: DetectConfig) -> list[Transition]:
    """Drop the improvements made while the curve is still in its first fall from the initial loss.

    Early in a run the loss falls fast and unevenly (a shoulder, a brief
    pause); on the plot that is the run's start, not a transition. An
    improvement in the first ``initial_fraction`` of the run counts only when
    the curve stood still before it (a plateau at the initial loss, as in
    saturated or deep linear nets, or a held-out accuracy creeping along
    before it groks)."""
    first, last = float(blocks.first_step[0]), float(blocks.last_step[-1])
    better = "up" if hib else "down"
    out = []
    for ev in events:
        early = ev.start_step - first < config.initial_fraction * (last - first)
        if early and ev.direction == better and (_slow_start(blocks, ev, first) or not any(
                _still(blocks, P, sigma_b, min_change, abs(ev.after - ev.before)) for P in pieces
                if blocks.first_step[P.start] < ev.start_step and P.end <= ev.end_block)):
            continue
        out.append(ev)
    return out


# A flat start shorter than this share of the fall after it may be that fall's own slow start.
SLOW_START_SHARE = 1 / 3


def _slow_start(blocks: _Blocks, ev: Transition, first: float) -> bool:
    """Whether the stretch before an escape from the run's initial level is the bend at the top
    of the initial descent rather than a plateau: short against the fall, and already sloping
    its way by three standard errors. Momentum SGD from a fresh init leaves the loss near its
    initial value for a few dozen updates, then falls over hundreds; a saturated net or a
    saddle sits still (within its noise) for a long while first."""
    if ev.onset != "kink" or ev.start_step - first >= SLOW_START_SHARE * ev.width_steps:
        return False
    n = int(np.searchsorted(blocks.first_step, ev.start_step))
    if n < 5:
        return False
    move, se = line_move(blocks.t[:n], blocks.z[:n])
    return (move < 0) == (ev.direction == "down") and abs(move) >= 3 * se


def _still(blocks: _Blocks, P: Piece, sigma_b: float, min_change: float, event_change: float) -> bool:
    """A piece long enough to be a stage (3 blocks or more) whose line moves within the noise,
    or by less than a quarter of the event that follows it."""
    if P.length < 3:
        return False
    change = abs(_move(blocks, P))
    noise = 2 * max(P.resid_sd, sigma_b) / math.sqrt(P.length)
    return change <= max(noise, 0.5 * min_change, event_change / 4)


def _dip_edge(blocks: _Blocks, pieces: list[Piece], a_i: int, b_i: int, left: float, right: float,
              improves: bool, min_change: float) -> bool:
    """A jump into or out of a short stretch whose other side is back at about the same level.

    Improvements are reported, worsenings only when they last (else spikes):
    a better stretch of a few points is an outlier, not two transitions; and
    the way back out of a worse one (a bad evaluation or two) is no improvement."""
    # A few points: ten at most on a short curve, where ten would be half of it.
    short = max(3, min(10, 0.2 * blocks.m), 0.05 * blocks.m)
    if improves:  # into a lucky dip: the piece after the short one returns near where we left
        B = pieces[b_i]
        if B.length <= short and b_i + 1 < len(pieces):
            C = pieces[b_i + 1]
            if abs(C.at(blocks.t[C.start]) - left) <= abs(right - left) / 2:
                return True
    A = pieces[a_i]  # out of a short stretch: the piece before it was near where we arrive
    if a_i == 0 or A.length > short:
        return False
    P = pieces[a_i - 1]
    back = right - P.at(blocks.t[P.end - 1])
    # Out of a worse stretch, an improvement is only the way back when the stretch is a bad
    # evaluation or two (three points at most, and no longer than the level before it: not a
    # level after a lucky dip, nor a held-out loss climbing for epochs before a decay) and the
    # curve lands no further than where it was.
    if improves and (A.length > min(3, P.length) or back * (right - left) >= min_change):
        return False
    return abs(back) <= abs(right - left) / 2


def _seen_in_the_data(z: np.ndarray, A: Piece, B: Piece, left: float, right: float, min_change: float,
                      improves: bool, t: np.ndarray | None = None) -> bool:
    """Whether the block levels either side of a fitted jump move its way by a fair part of it,
    and, for an improvement, still hold half of it where the next piece ends.

    Two lines fitted over long, curved stretches of noisy per-step loss can
    leave a gap at their boundary that the data beside it do not show; and a
    lucky dip that the next piece climbs back out of is no new level. (A rise
    that comes back is a spike: that is decided later.)"""
    sign = 1.0 if right > left else -1.0
    k = int(max(3, min(A.length, B.length, 10)))
    before = float(np.median(z[max(A.start, A.end - k):A.end]))
    moved = (float(np.median(z[B.start:B.start + k])) - before) * sign
    if t is not None and A.b * sign > 0 and B.b * sign > 0:
        # Beyond the pace both lines run at: a smooth fall's own motion over the windows is no jump.
        a, b = max(A.start, A.end - k), min(B.start + k, len(z))
        moved -= min(abs(A.b), abs(B.b)) * (float(np.median(t[B.start:b])) - float(np.median(t[a:A.end])))
    if moved < max(min_change, 0.3 * abs(right - left)):
        return False
    held = (float(np.median(z[max(B.start, B.end - k):B.end])) - before) * sign
    return not improves or held >= moved / 2


def _speeds_up(blocks: _Blocks, A: Piece, B: Piece, gap: float, bend_noise: float, share: float) -> bool:
    """Whether the data speed up across the boundary of A and B, by ``share`` of the jump fitted
    there less twice their noise: moving its way further from A's end to B's start than over
    the same span just before.

    Lines fitted over log(step) either side of a smooth stretch of a clean
    curve (an exponential or a power law with a floor, slowing down; a
    straight line in step, which is curved in log(step)) part at their boundary
    by many times their tiny residuals, where the data keep their pace; a
    transition is the curve speeding up there. Each level is the median of
    three points, which one outlier (a spike, a block holding half the jump)
    does not move; near the start of a short log, single points. When the same span before A's
    end reaches past A's start, into the move before A (a staircase's previous step, two
    plateaus back), and A stands still beside the jump, A's own pace, read off its line, stands
    in for it."""
    z = blocks.z
    for w in (3, 1):
        span = B.start - A.end + w  # from the middle of A's last w points to the middle of B's first w
        if A.end - w - span >= 0 and B.start + w <= len(z):
            break
    else:
        return True  # no room to compare
    sign = 1.0 if gap > 0 else -1.0
    before = float(np.median(z[A.end - w:A.end]))
    across = (float(np.median(z[B.start:B.start + w])) - before) * sign
    if A.end - w - span < A.start and abs(_move(blocks, A)) <= share * abs(gap) / 2:
        carried = A.b * (blocks.t[B.start] - blocks.t[A.end - 1]) * sign
    else:
        carried = (before - float(np.median(z[A.end - w - span:A.end - span]))) * sign
    # The speed-up is a second difference of three levels: its noise is sqrt(6) point noises.
    return across - carried >= share * abs(gap) - 2 * math.sqrt(6) * bend_noise


def _ramps(blocks: _Blocks, pieces: list[Piece], sigma_b: float, min_change: float, hib: bool,
           config: DetectConfig) -> list[tuple[int, Transition]]:
    """A short piece far steeper than the pieces around it: a transition spread over a few points.

    An LR decay's relaxation in a per-epoch log takes two or three epochs, so
    the segmentation gives it a piece of its own rather than a discontinuity.
    On a calm log a steep climb the wrong way may come as two or three short
    pieces each as steep as the next (a loss blown up and coming back over 70
    steps): when none passes alone and the next piece falls back, they are
    tested as one.
    """
    out = []
    span = _level_span(blocks.z)
    for i in range(1, len(pieces)):
        L = pieces[i - 1]
        for j in range(i, min(i + RAMP_PIECES, len(pieces))):
            if j > i and not _same_way(blocks, pieces[i:j + 1]):
                break
            R = pieces[j + 1] if j + 1 < len(pieces) else None
            P = pieces[i] if j == i else _joined(blocks, pieces[i].start, pieces[j].end)
            # Short against the run, or against the stages either side of it: a
            # larger batch's relaxation can take several percent of a run.
            neighbours = min(L.length, R.length) if R is not None else L.length
            limit = max(3, config.ramp_max_fraction * blocks.m, neighbours / 2)
            if span > 0 and abs(_move(blocks, P)) >= span / 2:
                # Most of the curve's whole move in one piece: its cliff, however long against its
                # neighbours (a tiny transformer's x130 fall in 7% of a run logged every 20 steps).
                limit = max(limit, CLIFF_MAX_FRACTION * blocks.m)
            if P.length > limit or L.length < 3:
                break
            ramp = _ramp(blocks, L, P, R, sigma_b, min_change, hib, config, hump_only=j > i)
            if ramp is not None:
                out.append((i, ramp))
                break
        if not out or out[-1][0] != i:
            cliff = _ramp_joined(blocks, pieces, i, sigma_b, min_change, hib, config) \
                or _ramp_joined(blocks, pieces, i, sigma_b, min_change, hib, config, head=True) \
                or _cliff(blocks, pieces, i, sigma_b, min_change, hib, config)
            if cliff is not None:
                out.append((i, cliff))
    return out


def _level_span(z: np.ndarray) -> float:
    """How far the curve's level moves over the whole run: the range of its median over
    STAGE_BLOCKS blocks, which a lone point, or a short piece's line run on past its points,
    does not stretch."""
    import pandas as pd

    level = pd.Series(z).rolling(STAGE_BLOCKS, center=True, min_periods=1).median().to_numpy()
    return float(level.max() - level.min())


def _ramp_joined(blocks: _Blocks, pieces: list[Piece], i: int, sigma_b: float, min_change: float, hib: bool,
                 config: DetectConfig, head: bool = False) -> Transition | None:
    """A steep piece and the short piece going the same way that the segmentation cut off it, taken
    as one move between the stages either side: its last points (a tail: a decay's relaxation on a
    short, noisy per-step log, 8% of 1,170 steps, judged short against its neighbour), or with
    ``head`` its first (a lead-in: a tiny transformer's loss falling x60 over 200 of 3,000 steps as
    it found its task, after 300 steps of a slow slide, its first 60 steps only three times the
    slide's pace), the move then no longer than either stage nor than a cliff."""
    if i + 2 >= len(pieces):
        return None
    L, A, B, R = pieces[i - 1], pieces[i], pieces[i + 1], pieces[i + 2]
    if (A if head else B).length > 2 * STAGE_BLOCKS or _move(blocks, A) * _move(blocks, B) <= 0 \
            or min(L.length, R.length) < STAGE_BLOCKS:
        return None
    J = _joined(blocks, A.start, B.end)
    limit = min(L.length, R.length, CLIFF_MAX_FRACTION * blocks.m) if head else \
        max(3, config.ramp_max_fraction * blocks.m, min(L.length, R.length) / 2)
    if J.length > limit:
        return None
    return _ramp(blocks, L, J, R, sigma_b, min_change, hib, config, tail=not head)


# A cliff between two still stages takes at most this share of the run.
CLIFF_MAX_FRACTION = 0.15
# A slide, not flat, an escape may leave from: this many times slower than the fall at its steepest
# (a plateau's line need only be 4 times slower, its flatness read against its noise besides).
SLIDE_PACE = 20


def _cliff(blocks: _Blocks, pieces: list[Piece], i: int, sigma_b: float, min_change: float, hib: bool,
           config: DetectConfig) -> Transition | None:
    """Pieces from ``i`` on all moving one way, from a still stage to a still stage, taken as one
    move no longer than either stage: an accuracy collapsing from 0.95 to 0.05 over a tenth of the
    run comes as two or three steep pieces, each too long for a ramp, none a discontinuity."""
    L = pieces[i - 1]
    if L.length < STAGE_BLOCKS:
        return None
    sign = math.copysign(1.0, _move(blocks, pieces[i]))
    for j in range(i + 1, min(i + RAMP_PIECES + 1, len(pieces))):
        R = pieces[j]
        if _move(blocks, pieces[j - 1]) * sign <= 0:
            return None
        if R.length < STAGE_BLOCKS:
            continue
        change = abs(R.at(blocks.t[R.start]) - L.at(blocks.t[L.end - 1]))
        if not (_still(blocks, L, sigma_b, min_change, change) and _still(blocks, R, sigma_b, min_change, change)):
            continue
        P = _joined(blocks, pieces[i].start, R.start)
        if P.length > min(L.length, R.length, CLIFF_MAX_FRACTION * blocks.m):
            return None
        return _ramp(blocks, L, P, R, sigma_b, min_change, hib, config)
    return None


# A steep move is looked for in up to this many consecutive short pieces taken as one.
RAMP_PIECES = 3


def _same_way(blocks: _Blocks, run: list[Piece]) -> bool:
    """Whether consecutive pieces all move one way, and are short (a stage is no part of a ramp)."""
    moves = [_move(blocks, Q) for Q in run]
    return all(Q.length <= 2 * STAGE_BLOCKS for Q in run) and (all(m > 0 for m in moves) or all(m < 0 for m in moves))


def _joined(blocks: _Blocks, start: int, end: int) -> Piece:
    """One line over blocks [start, end)."""
    a, b, sd = fit_line(blocks.t[start:end], blocks.z[start:end])
    return Piece(start, end, a, b, sd)


def _ramp(blocks: _Blocks, L: Piece, P: Piece, R: Piece | None, sigma_b: float, min_change: float, hib: bool,
          config: DetectConfig, hump_only: bool = False, tail: bool = False) -> Transition | None:
    """Piece ``P`` as a transition between ``L`` and ``R``, if it is steep, far and sharp enough
    (and, with ``hump_only``, a climb the wrong way that ``R`` falls back from). With ``tail`` (a
    steep piece and the short one going on with it, ``_ramp_joined``) the stages' own levels
    measure the move even where ``R`` starts a little short of the ramp's fitted end."""
    left = L.at(blocks.t[L.end - 1])
    right = P.at(blocks.t[P.end - 1])
    change = right - left
    rate = abs(change) / (P.end - L.end + 1)

    def slope(Q):
        return abs(_move(blocks, Q)) / max(Q.length - 1, 1)

    # A climb the wrong way that the next piece falls straight back from is a hump: as steep
    # as its way back, and still a transition, which ``_returning_rises`` makes a wide spike.
    # Back, not past: a larger move the other way (an LR decay after a dip) is no way back.
    worse = (change > 0) != hib
    r_end = R.at(blocks.t[R.end - 1]) if R is not None else None
    hump = R is not None and worse and (r_end - R.at(blocks.t[R.start])) * change < 0 and \
        (r_end - left) / change > -1.0
    if hump_only and not hump:
        return None
    turn = worse and _move(blocks, L) * change < 0
    # Far steeper than the curve before it and clearly steeper than after; or, landing on a
    # still stage, clearly steeper than before (a deep linear net's fall that ends a slide).
    steep_l = turn or rate >= config.ramp_steepness * slope(L)
    steep_r = R is None or hump or rate >= 2 * slope(R)
    lands = R is not None and R.length >= STAGE_BLOCKS and _still(blocks, R, sigma_b, min_change, 0.0)
    steeper = (steep_l and steep_r) or (lands and rate >= 2 * slope(L))
    noise = max(sigma_b, _local_sigma(blocks.z, P.start, max(8, blocks.m // 10)))
    z_change = abs(change) / (noise * math.sqrt(2 + 4.0 / L.length))
    if R is not None and min(L.length, R.length) >= STAGE_BLOCKS:
        # Where the next stage starts beyond the ramp's own end, the two stages'
        # fitted levels measure the move better than the ramp's last points
        # (stages of five blocks or more: three points do not make a level).
        beyond = R.at(blocks.t[R.start]) - left
        if beyond * change > 0 and (abs(beyond) >= abs(change) or tail):
            stages_se = noise * math.sqrt(4.0 / L.length + 4.0 / R.length)
            z_change = max(z_change, min(abs(change), abs(beyond)) / stages_se)
    # A steep stretch the next piece climbs straight back out of is an excursion (a
    # lucky dip, or a spike, which the spike search reports), not a transition.
    back = R is not None and abs(R.at(blocks.t[R.start]) - left) <= abs(change) / 2
    if abs(change) >= 2 * min_change and steeper and z_change >= config.min_jump_z and not back:
        return _transition(blocks, P.start, P.end, left, right, z_change, L, R or P, "jump")
    return None


def _local_sigma(z: np.ndarray, at: int, half: int) -> float:
    """Robust point-to-point noise of the block series within ``half`` blocks of ``at``.

    The steps right at the boundary are left out: they hold the jump being tested."""
    lo = max(0, at - half)
    d = np.diff(z[lo: at + half])
    keep = np.ones(len(d), bool)
    keep[max(0, at - lo - 2): at - lo + 1] = False
    d = d[keep]
    if len(d) < 3:
        return 0.0
    return robust_sd(d) / math.sqrt(2)


def _escape(blocks: _Blocks, pieces: list[Piece], a_i: int, sd: float,
            min_change: float, hib: bool, config: DetectConfig, landing: int | None = None) -> Transition | None:
    """A long flat piece, then a fall that is fast, far, and short against its surroundings; or a
    long slide the fall outpaces SLIDE_PACE times over (a transformer's loss sliding for 900 updates,
    then falling x20 in 200 as it finds its task, with no flat stretch before or after).

    The fall is read on block levels median-smoothed over 5% of the run, not
    on the pieces after the plateau: once a loss nears zero its log swings by
    whole units from point to point and the segmentation cuts that tail into
    short pieces whose own slopes mean nothing."""
    A = pieces[a_i]
    flat = _plateau(blocks, A, max(sd, A.resid_sd), min_change, config)
    if not flat and A.length < max(5, config.min_plateau_fraction * blocks.m):
        return None
    sign = 1.0 if hib else -1.0
    change_a = _move(blocks, A)
    end = pieces[-1].end  # the caller stops the scan at the next discontinuity
    if end - A.end < 2:
        return None
    import pandas as pd

    w = max(3, int(round(0.05 * blocks.m)))
    left = A.at(blocks.t[A.end - 1])
    # Smoothed over the rest of the run, so that a slide cut short by the next
    # discontinuity is still measured over a full window; the escape itself
    # ends at that discontinuity at the latest.
    rest = pd.Series(blocks.z[A.end:]).rolling(w, center=True, min_periods=1).median().to_numpy()
    # Only progress past the plateau's level counts: coming back from a spike
    # above it is no fall.
    full = np.maximum(sign * (rest - left), 0.0)
    n = end - A.end
    gain = full[:n]
    ahead = full[np.minimum(np.arange(n) + w, len(full) - 1)] - gain  # improvement within the next 5% of the run
    if landing is not None:  # the steep stretch is looked for before the next plateau ends
        ahead = ahead[:max(1, landing - A.end)]
    steepest = float(ahead.max())
    # Sharp: at its steepest the fall covers, within 5% of the run, the smallest
    # reportable move and several widths of the plateau's own noise; the
    # plateau is flat beside it; the fall starts soon after the plateau and is
    # a small share of the stretch (a steady decline is not an escape).
    plateau_noise = max(A.resid_sd, _local_sigma(blocks.z, A.end, max(8, blocks.m // 10)))
    slower = 4 if flat else SLIDE_PACE
    if steepest < max(min_change, 3 * plateau_noise) or abs(change_a) / A.length > steepest / w / slower:
        return None
    steep = np.flatnonzero(ahead >= steepest / 3)
    first = int(steep[0])
    if first > 0.5 * A.length:
        return None  # the steep fall comes long after, past a slow stretch: not an escape from this plateau
    breaks = np.flatnonzero(np.diff(steep) > w)
    last = int(steep[breaks[0]] if len(breaks) else steep[-1])
    # The fall ends where it has made nine tenths of what the steep windows make.
    reach = gain[min(last + w, n - 1)]
    fall_end = first + int(np.argmax(gain[first:] >= 0.9 * reach)) if reach > 0 else n - 1
    best = int(np.argmax(gain))  # where the fall, steep part and slow tail, has gone furthest
    if fall_end - first > 0.4 * (max(best, fall_end) + A.length):
        return None
    total = float(gain[best])
    if total < config.escape_factor * min_change:
        return None
    right = left + sign * float(gain[fall_end])
    se = sd * math.sqrt(4.0 / A.length + 4.0 / max(fall_end, 1))
    z_jump = abs(right - left) / se if se > 0 else math.inf
    if z_jump < ESCAPE_MIN_Z:
        return None  # no further than the noise of the levels it is read between carries them
    gap_end = A.end + fall_end + 1
    if _bend(blocks, A.start, A.end, gap_end) < ESCAPE_MIN_Z ** 2:
        return None  # one line through the plateau and the fall fits as well: a steady decline's luck
    B = _piece_holding(pieces, gap_end - 1) or pieces[-1]
    if not flat:  # from a slide the fall is dated where it is steepest, at the slide's level there
        at = min(int(np.argmax(ahead)), max(first, fall_end - 1))
        return _transition(blocks, A.end + at, gap_end, left + sign * float(gain[at]), right, z_jump, A, B, "kink")
    onset, level = _kink_onset(blocks, A, sign)
    if onset < A.end:
        left = level
    return _transition(blocks, onset, gap_end, left, right, z_jump, A, B, "kink")


def _bend(blocks: _Blocks, start: int, knot: int, end: int) -> float:
    """How much better a line bent at block ``knot`` fits blocks start..end-1 than one straight line,
    as an F statistic (1 and N - 3 degrees of freedom), the lesser of the two with time read on the
    step axis and on its log: a steady fall is straight on one or the other (an exponential on the
    steps, a power law on their log), and a plateau's few flat points are its luck, not a bend."""
    y = blocks.z[start:end]
    n = len(y)
    if n < 5 or knot - start < 2 or end - knot < 2:
        return math.inf  # too few to tell: the other tests decide
    worst = math.inf
    for t in (blocks.t[start:end], np.exp(blocks.t[start:end])):
        t = (t - t[0]) / max(float(t[-1] - t[0]), 1e-300)
        hinge = np.maximum(t - t[knot - start], 0.0)
        one = np.column_stack((np.ones(n), t))
        rss1 = float(np.sum((y - one @ np.linalg.lstsq(one, y, rcond=None)[0]) ** 2))
        two = np.column_stack((one, hinge))
        rss2 = float(np.sum((y - two @ np.linalg.lstsq(two, y, rcond=None)[0]) ** 2))
        worst = min(worst, (rss1 - rss2) / max(rss2 / (n - 3), 1e-300))
    return worst


# An escape stands this many standard errors of the levels either side clear at the least: its fall
# is judged on smoothed levels, whose steepest 5% may be a noisy stretch's luck (a held-out loss
# "escaping" at 1 standard error, dated where it rose).
ESCAPE_MIN_Z = 3.0


# The fall off a plateau starts where the plateau's last points, this many of them at least,
# all stand below its level by KINK_OFF_NOISE of its own noise.
KINK_OFF_POINTS = 3
KINK_OFF_NOISE = 4.0


def _kink_onset(blocks: _Blocks, A: Piece, sign: float) -> tuple[int, float]:
    """Where the fall off plateau ``A`` begins, and the plateau's level. The segmentation's
    penalty follows the run's noise: on a calm plateau at the initial loss before a noisy tail
    near zero (a transformer's flat start at ln 7, then its cascade), the plateau's piece takes
    in the fall's first steps, and the fall would be dated where they end. Those steps sit below
    the level of the plateau's first half by several widths of its own noise."""
    z = blocks.z[A.start: A.end]
    n = len(z)
    head = z[: n // 2]
    if n < 4 * KINK_OFF_POINTS or len(head) < 3:
        return A.end, 0.0
    level = float(np.median(head))
    noise = max(robust_sd(np.diff(head)) / math.sqrt(2), 1e-12)
    off = sign * (z - level) > KINK_OFF_NOISE * noise
    k = n
    while k > 0 and off[k - 1]:
        k -= 1
    if n - k < KINK_OFF_POINTS or k < n // 2:
        return A.end, 0.0
    return A.start + k, level


def _plateau(blocks: _Blocks, P: Piece, sd: float, min_change: float, config: DetectConfig) -> bool:
    """A piece an escape can start from: a share of the run long, its line moving within twice
    the noise ``sd`` or half the smallest reportable move."""
    change = _move(blocks, P)
    return P.length >= max(5, config.min_plateau_fraction * blocks.m) and abs(change) <= max(2 * sd, 0.5 * min_change)


def _transition(blocks: _Blocks, gap_start: int, gap_end: int, left: float, right: float,
                z_jump: float, A: Piece, B: Piece, onset: str) -> Transition:
    """Build a transition over blocks [gap_start, gap_end) (the ramp), in transformed units."""
    step = int(blocks.first_step[min(gap_start, blocks.m - 1)])
    end_block = max(gap_end - 1, gap_start)
    width = int(blocks.last_step[min(end_block, blocks.m - 1)] - blocks.first_step[min(gap_start, blocks.m - 1)]) + 1
    direction = "down" if right < left else "up"
    return Transition(
        step=step, kind="drop" if direction == "down" else "rise", direction=direction,
        before=left, after=right, relative_change=0.0, size_noise=float(min(z_jump, 1e6)),
        width_steps=width,
        slope_before=_per_step(A.b, blocks, A.end - 1), slope_after=_per_step(B.b, blocks, B.start),
        start_step=step, end_step=step + width - 1, onset=onset, end_block=gap_end)


def _move(blocks: _Blocks, P: Piece) -> float:
    """How far piece ``P``'s line moves from its first block to its last (transformed units)."""
    return P.at(blocks.t[P.end - 1]) - P.at(blocks.t[P.start])


def _per_step(b_logt: float, blocks: _Blocks, block: int) -> float:
    """Slope per log-time to slope per step at that block (transformed units)."""
    return float(b_logt / (math.exp(blocks.t[block])))


def _merge(events: list[Transition], gap_steps: float) -> list[Transition]:
    """Merge same-direction jumps closer than ``gap_steps``: one event seen in two pieces."""
    out: list[Transition] = []
    for ev in sorted(events, key=lambda e: e.step):
        prev = out[-1] if out else None
        if (prev is not None and prev.direction == ev.direction and prev.onset == ev.onset == "jump"
                and ev.start_step - prev.end_step <= gap_steps):
            _extend(prev, ev)
            continue
        out.append(ev)
    return out


def _extend(prev: Transition, ev: Transition) -> None:
    """Make ``prev`` run on to the end of ``ev``: one transition seen as two."""
    prev.after = ev.after
    prev.end_step = ev.end_step
    prev.width_steps = prev.end_step - prev.start_step + 1
    prev.size_noise = max(prev.size_noise, ev.size_noise)
    prev.slope_after = ev.slope_after
    prev.end_block = ev.end_block


def _join_cascades(events: list[Transition], blocks: _Blocks) -> list[Transition]:
    """A first small step that the curve keeps sliding past, soon after a long stage, is one transition
    with the plunge that follows.

    A saturated net leaving its plateau first slides, then plunges: the slide
    and the plunge are one escape. Two LR decays are not joined: between them
    the curve moves less than the first drop, or for longer than half the
    stage before it."""
    out: list[Transition] = []
    stage_start = int(blocks.first_step[0])
    for ev in events:
        prev = out[-1] if out else None
        if prev is not None and prev.direction == ev.direction and _keeps_going(prev, ev, blocks, stage_start):
            if abs(ev.after - ev.before) > abs(prev.after - prev.before):
                prev.step = ev.step  # dated in the plunge, which makes the move; the slide is its start
            _extend(prev, ev)
            continue
        if prev is not None:
            stage_start = prev.end_step
        out.append(ev)
    return out


def _keeps_going(prev: Transition, ev: Transition, blocks: _Blocks, stage_start: int) -> bool:
    """Whether the stretch between two events is a slide their way, not a stage of its own."""
    if {prev.onset, ev.onset} - {"jump", "kink"}:
        return False
    between = np.flatnonzero((blocks.first_step > prev.end_step) & (blocks.last_step < ev.start_step))
    if len(between) < 2:
        return True  # back to back: the fall never paused
    if ev.start_step - prev.end_step > 0.5 * (prev.start_step - stage_start):
        return False
    k = max(1, len(between) // 5)
    moved = float(blocks.z[between[-k:]].mean() - blocks.z[between[:k]].mean())
    sign = 1.0 if ev.direction == "up" else -1.0
    # Or it slid at the first move's own pace at least: the fall never slowed between them.
    span = float(blocks.last_step[between[-k:]].mean() - blocks.first_step[between[:k]].mean())
    pace = abs(prev.after - prev.before) / max(prev.end_step - prev.start_step + 1, 1)
    return sign * moved >= min(abs(prev.after - prev.before), pace * span)


def _refine(blocks: _Blocks, steps: np.ndarray, z: np.ndarray, ev: Transition,
            stage_noise: tuple[float, float] | None = None, logs_end: bool = False) -> Transition:
    """Move a transition onto the best single mean split at full resolution near its blocks.

    For a jump that is the discontinuity. A plateau's fall (a kink) logged
    point by point keeps its block-level place, the first point off the
    plateau; so does a jump out of a still stage (of noise ``stage_noise``)
    whose split lands where the curve had already gone a quarter of the way,
    and three noise widths: half way down a cliff that takes a dozen prints
    (``stage_noise``: at least the search's, and the stage's own).
    In a per-step log the onset of a noisy fall is ill-defined (a hinge fit
    drifts early when the fall decelerates), so the kink too goes where the
    fall is about half done, with its onset kept as ``start_step``."""
    if blocks.b == 1 and ev.onset == "kink":
        return ev
    i0 = int(np.searchsorted(steps, ev.start_step))
    lo = max(0, i0 - 2 * blocks.b)
    hi = min(len(z), int(np.searchsorted(steps, ev.end_step, side="right")) + 2 * blocks.b)
    seg = z[lo:hi]
    if len(seg) < 4:
        return ev
    # Point by point (a sparse log), one bad point is a large share of the stretch searched.
    at = lo + _mean_split(_lone_points_levelled(seg, abs(ev.after - ev.before)) if blocks.b == 1 else seg,
                          float(np.sign(ev.after - ev.before)))
    sign = np.sign(ev.after - ev.before)
    if blocks.b == 1 and stage_noise is not None and \
            (z[at - 1] - ev.before) * sign > max(abs(ev.after - ev.before) / 4, 3 * stage_noise[0]):
        # Dated at the first print off the stage (two of its own noise widths its way), its onset where
        # the prints leading to it leave the stage's noise: the search's blocks may end a print or two
        # early (a KL that stood at 55 through step 999 and fell 29 -> 3 over the next two prints was
        # dated 989), or hundreds of steps early on a long plateau a deep linear net left.
        ev.step, ev.start_step = (int(steps[_first_off(z, ev.before * sign, sign, i0, at, k * stage_noise[1])])
                                  for k in (2, 1))
        return ev
    ev.step = int(steps[at])
    # The split may fall just outside the blocks (a jump at a block's last point):
    # the transition's span then reaches it, so that nothing else is found inside.
    ev.start_step, ev.end_step = min(ev.start_step, ev.step), max(ev.end_step, ev.step)
    # The log's last point alone off the curve (a spike just logged, as `watch` sees it): its
    # level is that point, not a line fitted through it and the points before.
    at_end = at == len(z) - 1 and logs_end
    # Point by point, a split well past the stage's end (short pieces between the stage and the
    # landing: a loss still falling 0.12 -> 0.05, then thrown x40 in one print) is measured there too.
    if ev.onset == "jump" and (blocks.b > 1 or at_end or at > i0 + 1):
        _at_full_resolution(ev, steps[lo:hi], seg, at - lo, blocks.b if blocks.b > 1 else 3, at_end)
    return ev


def _first_off(z: np.ndarray, level: float, sign: float, lo: int, at: int, bar: float) -> int:
    """The first of the points before ``at`` (from ``lo`` on) that all stand past ``level`` (signed
    by ``sign``) by more than ``bar``."""
    j = at - 1
    while j > lo and z[j - 1] * sign - level > bar:
        j -= 1
    return j


# A cliff stands this many widths of the point-to-point noise clear at full resolution, and its
# points belong to it while they stand off the levels beside it by a third of that.
CLIFF_CLEAR = 9.0


def _at_full_resolution(ev: Transition, steps: np.ndarray, z: np.ndarray, k: int, b: int,
                        at_end: bool = False) -> None:
    """A jump that stands clear of the noise point by point is measured at full resolution: its
    levels are the medians of the block of points either side of the split, its span the points
    off both (one step for a step change, not the block of 150 the coarse pass saw, and never a
    level the log does not hold near it)."""
    if k < 3 or (len(z) - k < 3 and not at_end):
        return
    before, after = float(np.median(z[max(0, k - b):k])), float(np.median(z[k:k + b]))
    # No noise at all (a constant, then another): as clear as a jump can stand.
    noise = robust_sd(np.diff(z)) / math.sqrt(2)
    if abs(after - before) < CLIFF_CLEAR * noise or (after - before) * (ev.after - ev.before) <= 0:
        return
    if abs(after - before) < 0.8 * abs(ev.after - ev.before):
        return  # a steep stretch of a wider move (a grokking cliff over thousands of steps): its span stands
    off = 3 * noise
    s, e = k, k
    while s > 1 and abs(z[s - 1] - before) > off:
        s -= 1
    while e < len(z) - 1 and abs(z[e] - after) > off:
        e += 1
    ev.exact = (int(steps[s]), int(steps[e]), before, after)


def _stage_noise(ev: Transition, blocks: _Blocks, pieces: list[Piece], sigma_b: float,
                 min_change: float) -> tuple[float, float] | None:
    """The noise of the piece the transition starts from, if that is a still stage of
    ``STAGE_BLOCKS`` or more: at least the search's (``sigma_b``), and its own."""
    A = _piece_holding(pieces, int(np.searchsorted(blocks.first_step, ev.start_step)) - 1)
    if A is None or A.length < STAGE_BLOCKS or not _still(blocks, A, sigma_b, min_change, abs(ev.after - ev.before)):
        return None
    return max(A.resid_sd, sigma_b), A.resid_sd


def _lone_points_levelled(x: np.ndarray, move: float) -> np.ndarray:
    """x with each point that stands alone past both neighbours, further than the ``move`` being
    placed and far out of the noise (a spike of one point: a bad evaluation, a corrupted batch),
    set to their median. A mean split is pulled to such a point: a held-out loss's x5 evaluation
    inside a -12% level change dated the change at its return, 5,000 steps early."""
    if len(x) < 5:
        return x
    level = _median3(x)
    off = np.abs(x - level)
    lone = (off > move) & (off > LONE_POINT_SPREADS * max(robust_sd(x - level), 1e-12))
    return np.where(lone, level, x) if lone.any() else x


# A point this many robust spreads (of the points about their 3-point median) off both neighbours
# stands alone.
LONE_POINT_SPREADS = 8.0


def _mean_split(x: np.ndarray, sign: float = 0.0) -> int:
    """Index k (1..n-1) that best splits x into two constant pieces (least squares); with a sign,
    the best split whose second piece lies that way of the first: a slide down after a climb was
    placed at the climb's start, its largest split but the other way."""
    n = len(x)
    c = np.cumsum(x)
    k = np.arange(1, n)
    if sign:
        shift = (c[-1] - c[:-1]) / (n - k) - c[:-1] / k
        return int(k[np.argmax(sign * shift * np.sqrt(k * (n - k)))])
    left = c[:-1] ** 2 / k
    right = (c[-1] - c[:-1]) ** 2 / (n - k)
    return int(k[np.argmax(left + right)])


# A run of points each half a spike's height is measured against the spread over this many points.
RUN_SPREAD_POINTS = 101
# Points over a bar at most this many indices apart are one excursion (one spike, or one run of
# noise in the tail count).
SPIKE_GAP = 2


def _spikes(steps: np.ndarray, z: np.ndarray, hib: bool, transform: str, scale: float,
            config: DetectConfig) -> list[Transition]:
    """Spikes of single points or a few, and bursts: a stretch of bad batches (a corrupted shard)
    whose every point stands only a few times the noise of a noisy per-step loss high, too low
    to pass alone, and which means over BURST_POINTS points show plainly. Each mean leaves out
    its group's worst point: one heavy-tailed point is no burst, and its weight in a plain mean
    would make it one."""
    found = _spike_search(steps, z, hib, transform, scale, config)
    n = len(z) // BURST_POINTS * BURST_POINTS
    if n < BURST_MIN_POINTS:
        return found
    starts = steps[:n:BURST_POINTS]
    # Summed down the positions in the group, one strided view at a time: numpy reduces a row
    # of 8 a call at a time (a fifth of the speed), and a table of the views is a copy of the log.
    total, worst = z[:n:BURST_POINTS].copy(), z[:n:BURST_POINTS].copy()
    pick = np.minimum if hib else np.maximum
    for j in range(1, BURST_POINTS):
        total += z[j:n:BURST_POINTS]
        pick(worst, z[j:n:BURST_POINTS], out=worst)
    trimmed = (total - worst) / (BURST_POINTS - 1)
    bursts = _spike_search(starts, trimmed, hib, transform, scale, config,
                           end_steps=steps[BURST_POINTS - 1:n:BURST_POINTS])
    # Two groups at least: one is a handful of points, which the search above judges better. And
    # most of its points stand high, their median half the burst's height at least: groups that each
    # hold two of a log's routine outliers (2% of its points x50) are no stretch of bad batches.
    bad = -1.0 if hib else 1.0
    bursts = [b for b in bursts
              if np.searchsorted(starts, b.end_step, "right") - np.searchsorted(starts, b.start_step) >= 2
              and bad * (float(np.median(z[np.searchsorted(steps, b.start_step):
                                           np.searchsorted(steps, b.end_step, "right")])) - b.before)
              >= 0.5 * bad * (b.after - b.before)]
    bursts = [_with_lead_in(b, steps, z, bad) for b in bursts]
    return sorted(found + [b for b in bursts if not any(_overlap(f, b) for f in found)], key=lambda e: e.step)


def _overlap(a: Transition, b: Transition) -> bool:
    """Whether two moves share a step."""
    return a.start_step <= b.end_step and b.start_step <= a.end_step


def _start_up_hump(steps: np.ndarray, z: np.ndarray, config: DetectConfig) -> Transition | None:
    """A loss thrown up within a run's first steps and back under where it left from: a catapult out
    of a sharp start, a gradient explosion an unclipped net survived (a GRU's loss x6.5 by step 12, back
    by 23). The spike search reads each point against its neighbours' spread, which the initial
    descent beside it inflates; this reads the excursion against the calm after it."""
    if len(z) < 3 * config.min_points:
        return None
    # Read on medians of groups of points past STARTUP_POINTS: the extremes of a long noisy log's first
    # tenth (a batch at x0.1 of the level, one at x4) are no excursion.
    g = max(1, len(z) // STARTUP_POINTS)
    n = len(z) // g

    def groups(k: int) -> np.ndarray:  # the medians of the first k groups
        return _row_medians(z[:k * g].reshape(k, g)) if g > 1 else z[:k]

    reach = max(10, int(config.initial_fraction * n))
    head = groups(min(reach, n))
    peak = int(np.argmax(head))
    left = int(np.argmin(head[:peak + 1]))
    if peak == 0 or left >= max(3, int(STARTUP_FRACTION * n)):
        return None  # most runs: highest at their first points
    # Only the groups the excursion, its way back and the stretch after it can take are read.
    read = min(n, 2 * reach + int(config.spike_return_fraction * n) + 1)
    z, steps = groups(read), steps[:read * g:g]
    under = np.flatnonzero(z[peak:] <= z[left])
    if not len(under) or peak + int(under[0]) - left > config.spike_return_fraction * n:
        return None
    back = peak + int(under[0])
    calm = z[back: back + reach]
    noise = robust_sd(np.diff(calm)) / math.sqrt(2) if len(calm) > 3 else 0.0
    height = float(z[peak] - z[left])
    # Twice a spike's smallest height on the log scale: a lone first value read as the level left from
    # is a noisy reading of it (an EMA seeded with one low batch climbs x1.6 to the run's level).
    if height < max(2 * config.spike_min_log_height, config.spike_z * noise):
        return None
    if z[peak] < calm.max() + config.spike_min_log_height or np.median(calm) > z[left]:
        # No higher than what the stretch after it reaches (a heavy-tailed loss's routine batch), or
        # the run's level after it stands above where it left from (one low first point, then the run).
        return None
    return Transition(step=int(steps[peak]), kind="spike", direction="up", before=float(z[left]),
                      after=float(z[peak]), relative_change=0.0, size_noise=height / noise if noise > 0 else 1e6,
                      width_steps=int(steps[back] - steps[left]), start_step=int(steps[left]),
                      end_step=int(steps[back]), onset="start-up")  # "back by" its first point back under


# A start-up transient leaves from the run's first points: at most this share of them in.
STARTUP_FRACTION = 0.05
# Points a start-up transient is looked for on, at most (group medians past that).
STARTUP_POINTS = 2000


def _peaks_of_wide_spikes(shifts: list[Transition], spikes: list[Transition], b: int, hib: bool) -> None:
    """A wide spike read on block levels peaks where a spike found on the points inside it does, when
    that stands higher: a loss thrown from 1e-8 to 7 for ten steps, then relaxing over a thousand,
    read x10^4 on its blocks' means (one of ten steps at 7 in a block of 1e-5s)."""
    bad = -1.0 if hib else 1.0
    for wide in (t for t in shifts if t.kind == "spike"):
        inside = [s.after for s in spikes if wide.start_step - b <= s.step <= wide.end_step + b]
        top = max(inside, key=lambda v: bad * v, default=wide.after)
        if bad * (top - wide.after) > 0:
            wide.after = top


def _with_lead_in(burst: Transition, steps: np.ndarray, z: np.ndarray, bad: float) -> Transition:
    """A burst starts with the points just before its first group that stand half its height or more,
    the highest of them its peak when above the burst's: the groups start where they fall and leave
    out their worst point, and a corrupted batch (the loss thrown x10^5 at step 5000, then the
    damaged net's steps) is the burst's start, not the group after it."""
    i0 = int(np.searchsorted(steps, burst.start_step))
    j = i0
    while j > max(0, i0 - BURST_POINTS) and bad * (z[j - 1] - burst.before) >= 0.5 * bad * (burst.after - burst.before):
        j -= 1
    if j == i0:
        return burst
    burst.start_step = int(steps[j])
    burst.width_steps = burst.end_step - burst.start_step + 1
    top = j + int(np.argmax(bad * z[j:i0]))
    if bad * (z[top] - burst.after) > 0:
        burst.step, burst.after = int(steps[top]), float(z[top])
    return burst


# Points each of a burst's means is taken over, and the length of log (in points) where bursts are looked for.
BURST_POINTS = 8
BURST_MIN_POINTS = 2000


def _spike_search(steps: np.ndarray, z: np.ndarray, hib: bool, transform: str, scale: float,
                  config: DetectConfig, end_steps: np.ndarray | None = None) -> list[Transition]:
    """Spikes at full resolution, or on per-block extremes for very long series.

    A rolling median costs O(n log w); past ``spike_full_resolution`` points
    each block of c points is reduced to its extreme in the bad direction (a
    spike narrower than a block survives in its block's extreme, where a
    block mean would dilute it) and the search runs on those."""
    end_steps = steps if end_steps is None else end_steps
    n = len(z)
    if n <= config.spike_full_resolution:
        return _spikes_at(steps, end_steps, z, hib, transform, scale, config)
    c = math.ceil(n / config.spike_full_resolution)
    k = n // c
    body = z[: k * c].reshape(k, c)
    pick = np.argmin(body, axis=1) if hib else np.argmax(body, axis=1)
    rows = np.arange(k)
    at = rows * c + pick
    found = _spikes_at(steps[at], end_steps[rows * c + c - 1], z[at], hib, transform, scale, config)
    for ev in found:
        # The level left from, read on the points themselves: the median of block extremes is
        # the typical extreme of c points, far above (or below) the curve on a noisy log.
        i = int(np.searchsorted(steps, ev.start_step))
        if i > 0:
            ev.before = float(np.median(z[max(0, i - BASELINE_BLOCKS * c): i]))
    return found


# Blocks of points whose median is the level a spike found on block extremes left from.
BASELINE_BLOCKS = 50


def _spikes_at(steps: np.ndarray, end_steps: np.ndarray, z: np.ndarray, hib: bool, transform: str,
               scale: float, config: DetectConfig) -> list[Transition]:
    """Short excursions in the bad direction that leave from and come back to the rolling median.

    The noise is local (rolling MAD): an epoch-to-epoch wobble in a noisy stage
    is not a spike because a calm stage elsewhere makes it look large.
    """
    n = len(z)
    if n < 3 * config.min_points:
        return _lone_points(steps, end_steps, z, hib, transform, scale, config)
    max_width = max(1, int(config.spike_max_fraction * n))
    window = int(min(max(4 * max_width + 1, 9), 2001)) | 1
    base = _rolling_median(z, window)
    dev = z - base
    floor = max(0.3 * _spread(dev), 1e-12)  # a flat stretch must not make any wiggle a spike
    absdev = np.abs(dev)
    bad = -1.0 if hib else 1.0
    r = bad * dev
    min_height = _spike_min_height(z, transform, scale, config)
    # Only points above the floor and the smallest height can be hot: the local spread is
    # needed there alone (and wherever a spike's peak or start is, which are such points).
    # Half the bar: a run of bad points in a row (a few corrupt batches) may each stand lower.
    run_z = config.spike_z / 2
    cand = np.flatnonzero((r > run_z * floor) & (r > min_height))
    if not len(cand):
        return []
    # The local spread from at least 21 points: a MAD of 9 Gaussian points is a
    # third of the true one often enough that pure noise would throw "spikes".
    sd = np.full(n, np.nan)
    spread_window = max(window, 21) | 1
    mad = 1.4826 * _rolling_median(absdev, spread_window)
    sd[cand] = np.maximum(_where_mad_is_zero(absdev, cand, mad[cand], spread_window), floor)
    hot = np.zeros(n, dtype=bool)
    hot[cand] = r[cand] > config.spike_z * sd[cand]
    if hot.any():
        # Against the noise of the stretch it leaves from, too: a window half over a calmer stretch
        # after it (the noise an LR decay takes away) made an ordinary wobble stand many spreads high.
        at = np.flatnonzero(hot)
        sd[at] = np.maximum(sd[at], _spread_before(absdev, at, max(window, 21) | 1))
        hot[at] = r[at] > config.spike_z * sd[at]
    warm = np.zeros(n, dtype=bool)
    warm[cand] = r[cand] > run_z * sd[cand]
    if not warm.any():
        return []
    runs = [g for g in _excursions(np.flatnonzero(warm)) if not hot[g].any() and len(g) >= 2]
    # Half the bar leaves no room for a spread read on a handful of points that happen to sit
    # close (a per-epoch accuracy's two ordinary low epochs stood 4-6 such spreads down): a run
    # stands out against the spread over RUN_SPREAD_POINTS as well.
    runs = [g for g in runs if np.all(r[g] > run_z * np.maximum(
        _local_spread(absdev, g, max(window, RUN_SPREAD_POINTS) | 1), sd[g]))]
    if not hot.any() and not runs:
        return []
    unit = r / np.maximum(mad, floor)  # each point's deviation the bad way, in local robust spreads
    # A spike tall enough alone is judged on its tall points by the noise's tail; a run of points
    # half as tall by how often the noise makes such a run.
    groups = [(g, True) for g in _excursions(np.flatnonzero(hot))]
    groups += [(g, False) for g in runs if _noise_runs(unit, warm, hot, r[g] / sd[g], len(g)) < config.spike_tail_expected]
    groups.sort(key=lambda pair: pair[0][0])
    out = []
    settle = max(3, max_width)
    tail = _noise_tail(unit, hot, config.spike_z)
    routine = _routine_heights(unit, min((float(unit[g].max()) for g, _ in groups), default=0.0))
    for g, tall in groups:
        a, e = int(g[0]), int(g[-1])
        if e - a + 1 > max_width or a < settle:
            continue  # too wide, or before there is a level to leave from: the curve is still falling in
        if routine(float(unit[g].max())):
            continue  # one of the log's routine outliers
        before, after = r[max(0, a - settle): a], r[e + 1: e + 1 + settle]
        calm = 3 * sd[a]
        # Back within as long again: an SGD spike's loss often relaxes over a few dozen steps.
        later = r[e + 1 + settle: e + 1 + 2 * settle]
        if len(after) == 0 or np.median(before) > calm or (
                np.median(after) > calm and (len(later) < settle or np.median(later) > calm)):
            continue  # no return: a level change, the segmentation's business
        peak = a + int(np.argmax(r[a: e + 1]))
        # It is worse than the points on both sides, and plainly so on one (a smoothed log's spike
        # relaxes over the points after it), not only worse than the centred median, which a level
        # change beside it pulls: the last point of a plateau before a rise reads as a dip.
        zb, za = z[max(0, a - settle): a], z[e + 1: e + 1 + settle]
        sides = (bad * (z[peak] - np.median(zb)), bad * (z[peak] - np.median(za)))
        if min(sides) <= 0 or max(sides) < min_height:
            continue
        if tall and tail(r[peak] / sd[peak]) >= config.spike_tail_expected:
            continue  # as high as the noise's own tail goes, somewhere in a run this long
        if r[peak] <= (config.spike_z if tall else run_z) * _curvature_spread(z, peak, spread_window):
            continue  # the spread read without the trend says noise (see _curvature_spread)
        if np.count_nonzero(z == z[peak]) >= RECURRING_LEVEL:
            continue  # a value the series takes again and again: an outcome of a discrete metric
                      # (an episode's return of 0.1 or 1), not an excursion from it
        # The level it left from is read before it: a centred median at the peak takes in a long
        # tail of the spike itself (a loss thrown up x6 and relaxing over a hundred steps).
        out.append(Transition(
            step=int(steps[peak]), kind="spike", direction="down" if hib else "up",
            before=float(min(base[peak], np.median(z[max(0, a - window // 2): a]), key=lambda v: bad * v)),
            after=float(z[peak]), relative_change=0.0,
            size_noise=float(r[peak] / sd[peak]), width_steps=int(end_steps[e] - steps[a]) + 1,
            start_step=int(steps[a]), end_step=int(end_steps[e])))
    return _with_tails(out, bad)


# A spike's peak is no excursion when the series takes that very value this many times or more.
RECURRING_LEVEL = 10
# Nor is a spike whose height (to within a quarter) that many excursions reach in every quarter of the
# log, one for every hundred points at least: outliers that common all along are the noise of the log
# (a quarter of its batches holding a bad target), not events in it; spikes that start coming at some
# step are. Real spikes, even in runs that spike again and again, had at most 9 such excursions in all,
# 0.9% of a 1,001-point log.
ROUTINE_SHARE = 1 / 100
ROUTINE_PARTS = 4


def _routine_heights(unit: np.ndarray, lowest: float) -> Callable[[float], bool]:
    """Whether excursions (grouped as spikes are) that reach three quarters of a height h come in every
    ROUTINE_PARTS-th of the log, RECURRING_LEVEL of them in all and ROUTINE_SHARE of its points in each
    part, as a function of h, for heights from ``lowest`` up. Read on the excursions past three
    quarters of ``lowest``: two peaks one excursion joins there count once, which only makes fewer
    look alike."""
    n = len(unit)
    idx = np.flatnonzero(unit > 0.75 * lowest)
    if not len(idx):
        return lambda h: False
    starts = _excursion_starts(idx)
    peaks = np.maximum.reduceat(unit[idx], starts)
    part = idx[starts] * ROUTINE_PARTS // n
    ranked = np.sort(peaks)
    per_part = max(RECURRING_LEVEL / ROUTINE_PARTS, ROUTINE_SHARE * n / ROUTINE_PARTS)

    def routine(h: float) -> bool:
        if len(ranked) - int(np.searchsorted(ranked, 0.75 * h)) < ROUTINE_PARTS * per_part:
            return False
        return bool(np.bincount(part[peaks >= 0.75 * h], minlength=ROUTINE_PARTS).min() >= per_part)

    return routine


def _apart_from(spike: Transition, move: Transition, height: float) -> bool:
    """A spike the bad way that a move the good way takes in from its start (its way back, landing lower),
    standing a spike's height past both the move's levels, is an excursion of its own: a held-out loss thrown
    x1.6 for three epochs (an Adam spike) and settling 11% below where it was is the spike and that drop, not
    the drop alone. (A bad batch just before a fall is set aside still: the fall starts after it.)"""
    bad = 1.0 if spike.direction == "up" else -1.0
    return move.direction != spike.direction and move.start_step <= spike.end_step + 1 and \
        bad * (spike.after - max(move.before, move.after, key=lambda v: bad * v)) >= height


def _at_the_new_level(spike: Transition, shifts: list[Transition], steps: np.ndarray, window: int,
                      height: float) -> bool:
    """A spike read against a baseline that still holds the level before a move found just before
    it, the move's way and no further past the move's new level than a spike's height: the new
    level, not a spike (a held-out accuracy recovering after an LR restart's drop, at 0.76 against
    0.73 after it, was a "spike 0.86 -> 0.76")."""
    at = int(np.searchsorted(steps, spike.step))
    for t in shifts:
        if t.kind not in ("drop", "rise") or not t.end_step < spike.step \
                or at - int(np.searchsorted(steps, t.end_step)) > window:
            continue
        if (spike.after - spike.before) * (t.after - t.before) > 0 and abs(spike.after - t.after) < height:
            return True
    return False


def _spike_min_height(z: np.ndarray, transform: str, scale: float, config: DetectConfig) -> float:
    """The smallest spike worth reporting: x1.5 on the log scale, else a share of the curve's span,
    and five points of a bounded score's full scale."""
    if transform == "log":
        return config.spike_min_log_height
    return max(config.spike_min_linear_height * scale, config.spike_min_score_points * score_bound(z))


def _back_from(steps: np.ndarray, ev: Transition, points: set[int]) -> bool:
    """Whether a move starts at the point after one of ``points``: its way back from it."""
    i = int(np.searchsorted(steps, ev.start_step))
    return 0 < i and int(steps[i - 1]) in points and ev.start_step == int(steps[i])


def _lone_points(steps: np.ndarray, end_steps: np.ndarray, z: np.ndarray, hib: bool, transform: str,
                 scale: float, config: DetectConfig) -> list[Transition]:
    """On a short series (a dozen evaluations) too few points make a rolling spread: single points
    the bad way, ``spike_z`` point-to-point spreads (read without them) from both neighbours, whose
    neighbours agree with each other. One evaluation 8x the others was a stage of its own level."""
    n = len(z)
    bad = -1.0 if hib else 1.0
    min_height = _spike_min_height(z, transform, scale, config)
    out = []
    for i in range(2, n - 1):  # after the first fall's first points, with a point to come back to
        side = bad * (z[i] - np.array([z[i - 1], z[i + 1]]))
        rest = np.delete(z, i)
        spread = max(robust_sd(np.diff(rest)) / math.sqrt(2), 1e-12)
        if side.min() < max(min_height, config.spike_z * spread) \
                or abs(z[i + 1] - z[i - 1]) > max(side.min() / 4, 3 * spread):
            continue
        out.append(Transition(step=int(steps[i]), kind="spike", direction="down" if hib else "up",
                              before=float(z[i - 1]), after=float(z[i]), relative_change=0.0,
                              size_noise=float(side.min() / spread), width_steps=int(end_steps[i] - steps[i]) + 1,
                              start_step=int(steps[i]), end_step=int(end_steps[i])))
    return out


def _excursion_starts(idx: np.ndarray) -> np.ndarray:
    """Where in the sorted indices ``idx`` (not empty) each excursion starts: past every gap of more
    than SPIKE_GAP."""
    return np.concatenate(([0], np.flatnonzero(np.diff(idx) > SPIKE_GAP) + 1))


def _excursions(idx: np.ndarray) -> list[np.ndarray]:
    """Indices split where they lie more than SPIKE_GAP apart."""
    return np.split(idx, _excursion_starts(idx)[1:]) if len(idx) else []


def _noise_runs(unit: np.ndarray, warm: np.ndarray, hot: np.ndarray, heights: np.ndarray, k: int) -> float:
    """How many runs of k points past half the lowest of ``heights`` (in local spreads) the noise
    makes: the excursions holding no candidate that have k such points, and at least what
    independent points would make at the log's own rate past that half. Minibatch noise, nearly
    independent from step to step, hardly ever makes such a run; correlated noise (a slow
    wander) makes them all the time; and on a short log, where none may be seen, the rate
    says how rare they are. The rate counts the other runs' points, all but the tall spikes':
    where a quarter of the batches hold an outlier, runs of them are the noise itself (two of
    some 300 such runs were "spikes" once clipping had calmed the loss between them). The first
    points, where the curve is still falling in, are left out as spikes are."""
    past = unit > heights.min() / 2
    count = _clear_excursions(past, np.concatenate(([0], np.cumsum(warm))), k, first=3)
    rate = float(np.count_nonzero(past) - _points_beside(past, hot)) / len(unit)
    # A run's points may lie up to SPIKE_GAP apart: each of its k - 1 gaps closes at the next point
    # or, past one that is not over the half, at the one after.
    return max(count, len(unit) * rate ** k * (2 - rate) ** (k - 1))


def _points_beside(above: np.ndarray, hot: np.ndarray) -> int:
    """How many points over a level lie in excursions (as ``_clear_excursions`` groups them) that
    hold a hot point: a tall spike's shoulders and relaxation, its own and not the noise's."""
    idx = np.flatnonzero(above)
    if not len(idx) or not hot.any():
        return 0
    starts = _excursion_starts(idx)
    sizes = np.diff(np.append(starts, len(idx)))
    return int(sizes[np.maximum.reduceat(hot[idx], starts)].sum())


def _clear_excursions(above: np.ndarray, marked_before: np.ndarray, k: int = 1, first: int = 0) -> int:
    """How many excursions (points over a level at most SPIKE_GAP apart) hold k such points at
    least, start at index ``first`` or later, and hold no marked point (``marked_before``: the
    running count of marked points, 0 first)."""
    idx = np.flatnonzero(above)
    if not len(idx):
        return 0
    lo = _excursion_starts(idx)
    hi = np.append(lo[1:] - 1, len(idx) - 1)
    starts, ends = idx[lo], idx[hi]
    clear = (hi - lo + 1 >= k) & (starts >= first) & (marked_before[ends + 1] == marked_before[starts])
    return int(np.count_nonzero(clear))


def _noise_tail(u: np.ndarray, hot: np.ndarray, bar: float) -> Callable[[float], float]:
    """How many noise excursions the run would expect at least h local spreads high, as a function of h.

    Excursions (runs of points, as spikes are grouped) past a half and past three eighths of
    the bar that hold no spike candidate give the index of a power law for the tail (Student-t
    noise of k degrees of freedom has index k; the lighter a tail, the larger the index,
    and a Gaussian one gives over 9), which is carried from half the bar up to h. Runs,
    not points: the slow relaxation after a real spike is one excursion, not hundreds."""
    hot_before = np.concatenate(([0], np.cumsum(hot)))

    def excursions(level: float) -> int:
        return _clear_excursions(u > level, hot_before)

    half = bar / 2
    upper = excursions(half)
    if upper == 0:
        return lambda h: 0.0
    lower = excursions(0.75 * half)
    if upper > KEPT_BY_CAUCHY * lower + 2.33 * math.sqrt(lower * KEPT_BY_CAUCHY * (1 - KEPT_BY_CAUCHY)):
        # Fewer fall away between the two levels than even a Cauchy tail would drop (index 1,
        # heavier than any loss noise): the excursions under the bar are events of every size,
        # a run spiking again and again, and no noise tail to hide the tall ones in.
        return lambda h: 0.0
    index = max(1.0, math.log(max(lower, 1) / upper) / math.log(1 / 0.75))
    return lambda h: upper * (h / half) ** -index


# The share of a Cauchy tail's excursions past three eighths of the bar that also pass half of it.
KEPT_BY_CAUCHY = 0.75


def _with_tails(spikes: list[Transition], bad: float) -> list[Transition]:
    """Spikes with the lower ones that start while an earlier one is still coming back (within
    its own width of its end) joined to it as its tail.

    A loss knocked up by one bad step often relaxes over hundreds of steps; the noise on that
    slow tail crosses the spike bar again and again, each time a "spike" of its own."""
    out: list[Transition] = []
    for s in spikes:
        prev = out[-1] if out else None
        if prev is not None and s.start_step - prev.end_step <= prev.width_steps \
                and bad * (s.after - s.before) <= bad * (prev.after - prev.before):
            prev.end_step = s.end_step
            prev.width_steps = prev.end_step - prev.start_step + 1
            continue
        out.append(s)
    return out


def _spread(x: np.ndarray) -> float:
    """``robust_sd``, or when more than half of the values are equal (a per-batch accuracy at 1.0
    most of the time, a loss logged with a few distinct values), where the MAD is 0 and says
    nothing, 1.2533 x the mean absolute deviation from the median (as in the modified z-score)."""
    sd = robust_sd(x)
    if sd > 0:
        return sd
    x = _strided(x)
    return 1.2533 * float(np.mean(np.abs(x - np.median(x))))


def _local_spread(absdev: np.ndarray, at: np.ndarray, window: int) -> np.ndarray:
    """``_spread`` of the deviations from the rolling median over the centred window of ``window``
    points (fewer at the ends), at each index of ``at``; ``absdev`` are their absolute values.
    Where the MAD is 0 the mean is taken over the deviations no larger than the point's own: a
    climb from the initial loss in the window would otherwise hide a lone dip of an accuracy
    pinned at 1.0, while a miss as common as one batch in twelve still counts as noise."""
    return _where_mad_is_zero(absdev, at, 1.4826 * _rolling_median_at(absdev, at, window), window)


def _where_mad_is_zero(absdev: np.ndarray, at: np.ndarray, sd: np.ndarray, window: int) -> np.ndarray:
    h = window // 2
    for k in np.flatnonzero(sd == 0):
        i = int(at[k])
        w = absdev[max(0, i - h): i + h + 1]
        sd[k] = 1.2533 * float(np.sum(w[w <= absdev[i]])) / len(w)
    return sd


# How far apart the spread of deviations from the rolling median and that of second differences
# can read on noise alone: x1.6 for Cauchy noise, less for any lighter tail.
CURVATURE_AGREEMENT = 2.0


def _curvature_spread(z: np.ndarray, i: int, window: int) -> float:
    """The point noise around index i read on second differences, which are 0 on a line whatever
    its slope: sqrt(6) of the noise's spread on noise. Over CURVATURE_AGREEMENT, a floor only a
    reading that broke down falls under. Beside a steep fall the rolling median follows the points
    exactly and their deviations read 0: a sparse log's ordinary wobble at the foot of the fall
    stood 17 of those spreads high."""
    h = window // 2
    w = z[max(0, i - h - 1): i + h + 2]
    d2 = np.abs(w[2:] - 2 * w[1:-1] + w[:-2])
    return 1.4826 / math.sqrt(6) * float(np.median(d2)) / CURVATURE_AGREEMENT if len(d2) else 0.0


def _spread_before(absdev: np.ndarray, at: np.ndarray, window: int) -> np.ndarray:
    """The spread read on the half window that ends at each index of ``at``: the noise of the stretch
    a spike leaves from. Closer to the start, on the points before it, SPREAD_BEFORE_MIN at least
    (0 with fewer; its own point would be a large share of so few): a per-epoch held-out accuracy's
    eighth evaluation, within 1.5 spreads of the seven before it at a high LR, stood 10 spreads
    down against the calm stage after its LR decay."""
    h = window // 2
    out = np.zeros(len(at))
    for k in np.flatnonzero((at < h) & (at >= SPREAD_BEFORE_MIN)):
        out[k] = 1.4826 * float(np.median(absdev[: at[k]]))
    whole = at >= h
    if len(at) * (h + 1) > 20 * len(absdev):  # so many that the windows' copy would outgrow the series
        import pandas as pd

        out[whole] = 1.4826 * pd.Series(absdev).rolling(h + 1).median().to_numpy()[at[whole]]
    elif whole.any():  # one call over the windows' views: hot points come by the hundred on a long log
        out[whole] = 1.4826 * _row_medians(np.lib.stride_tricks.sliding_window_view(absdev, h + 1)[at[whole] - h])
    return out


# Points before a spike the spread before it is read on at the least.
SPREAD_BEFORE_MIN = 5


def _row_medians(rows: np.ndarray, overwrite: bool = False) -> np.ndarray:
    """``np.median(rows, axis=1)`` of finite values (to the bit, but for the sign of a zero): one
    partition at the middle. np.median's own checks and generic indexing cost five times the
    partition on rows of a few dozen points, the groups of a long series' rolling median.
    ``overwrite`` partitions ``rows`` in place (no copy of a 10^7-point array)."""
    m = rows.shape[1]
    h = m // 2
    if overwrite:
        rows.partition(h, axis=1)
        part = rows
    else:
        part = np.partition(rows, h, axis=1)
    if m % 2:
        return part[:, h].copy()
    # One kth and the largest below it: a partition at two kth is five times slower.
    return (part[:, :h].max(axis=1) + part[:, h]) / 2


def _rolling_median(x: np.ndarray, window: int) -> np.ndarray:
    """The centred rolling median of x over ``window`` points (fewer at the ends).

    Past ``SAMPLE_LIMIT`` points, with a window of hundreds, it is the rolling
    median of the medians of groups of a fortieth of the window, interpolated
    between the groups' centres: a tenth of the time of pandas' exact pass, and
    off from it by about a tenth of the point noise (the median of 40 group
    medians against the median of their points), far inside any threshold the
    deviations from it meet."""
    import pandas as pd

    g = window // 40
    if len(x) <= SAMPLE_LIMIT or g < 5:
        return pd.Series(x).rolling(window, center=True, min_periods=1).median().to_numpy()
    k = len(x) // g
    medians = _row_medians(x[:k * g].reshape(k, g))
    centres = np.arange(k) * g + (g - 1) / 2
    if k * g < len(x):
        medians = np.append(medians, np.median(x[k * g:]))
        centres = np.append(centres, (k * g + len(x) - 1) / 2)
    smooth = pd.Series(medians).rolling((window // g) | 1, center=True, min_periods=1).median().to_numpy()
    return np.interp(np.arange(len(x)), centres, smooth)


def _rolling_median_at(x: np.ndarray, at: np.ndarray, window: int) -> np.ndarray:
    """The centred rolling median of x over ``window`` points (fewer at the ends), at indices ``at``:
    what ``pd.Series(x).rolling(window, center=True, min_periods=1).median()`` gives there.
    A few points are read window by window; many, in one rolling pass."""
    if len(at) * window > 20 * len(x):
        import pandas as pd

        return pd.Series(x).rolling(window, center=True, min_periods=1).median().to_numpy()[at]
    h = window // 2
    out = np.empty(len(at))
    inside = (at >= h) & (at + h < len(x))
    if inside.any():  # whole windows: one call over their views
        out[inside] = _row_medians(np.lib.stride_tricks.sliding_window_view(x, 2 * h + 1)[at[inside] - h])
    for k in np.flatnonzero(~inside):
        i = int(at[k])
        out[k] = np.median(x[max(0, i - h):i + h + 1])
    return out


def _scheduled_shifts(steps: np.ndarray, t: "_LogTime", z: np.ndarray, blocks: _Blocks,
                      changes: list[tuple[int, bool | None]], found: list[Transition], min_change: float,
                      noise: float, hib: bool, config: DetectConfig, short: list[int] | None = None,
                      whole: list[int] | None = None, anneal_ends: dict[int, int] | None = None) -> list[Transition]:
    """Moves at the schedule's own changes that the blind search left out.

    The trend before the change (a line over log(step), as in the segmentation)
    is extrapolated over the window after it; the metric must part from it the
    way the change predicts, by the smallest reportable move and by
    ``scheduled_z`` standard errors (the extrapolation's and the noise's). An LR
    decay acts as a relaxation towards a lower level, so its move is read on
    the later half of the window; a restart knocks the loss up at once and the
    new cycle anneals it again, so its move is read on the earlier half.

    ``short`` collects the decays whose later half moved the way they predict by the smallest
    reportable move but too few points told it from noise (a single batch's loss logged every 10
    steps, halved at the decay, read on 15 points). ``whole``: the decays tested, and no other change,
    each read on the whole window after it, twice the points at the same distance from the change
    (all the changes bound the windows). A decay that is a smooth anneal (``anneal_ends``) is read
    up to its end at least: a warmup-stable-decay cooldown over a fifth of the run has made only half
    its fall a tenth of the run in.
    """
    span = float(steps[-1] - steps[0])
    bounds = sorted({c for c, _ in changes})
    out = []
    for step, improves in changes:
        if improves is None or not steps[0] < step <= steps[-1] or whole is not None and step not in whole:
            continue
        up = improves == hib
        lo, hi = _change_window(bounds, step, span, config)
        i0, i1, i2 = _schedule_windows(steps, bounds, step, config)
        if improves and anneal_ends and step in anneal_ends:
            _, after = _neighbours(bounds, step)
            i2 = max(i2, int(np.searchsorted(steps, min(anneal_ends[step], math.inf if after is None else after - 1),
                                             side="right")))
            hi = max(hi, float(steps[i2 - 1]))
        # The points the test below reads belong to the change, even past the window (a held-out
        # loss logged every 250 steps, an epoch mean straddling the change): a move found there
        # already is this one.
        if any(e.direction == ("up" if up else "down") and lo <= e.step <= max(hi - 1, steps[min(i2, len(steps)) - 1])
               for e in found):
            continue
        half = i1 + (i2 - i1) // 2
        part = slice(half, i2) if improves else slice(i1, min(max(half, i1 + config.scheduled_min_points), i2))
        if i1 - i0 < config.scheduled_min_points or i2 - i1 < config.scheduled_min_after:
            continue
        i0 = _past_first_fall(z, i0, i1, hib)
        if whole is not None:
            part = slice(i1, i2)
        tw, zw, j0, j1, part_w = _trend_window(steps, t, z, i0, i1, part, found, min_change)
        # A move found before the change, its way, running into the trend's last points (too late for
        # the trend to leave it out): the window's pace is that move's, no trend's. A 10-epoch fall at a
        # constant LR, then a decay: the fall's pace carried on would leave the decay's own drop unseen.
        late = [e.step for e in found if e.direction == ("up" if up else "down") and e.start_step < step
                and int(np.searchsorted(steps, e.end_step, side="right")) > i1 - TREND_MIN_POINTS]
        axis = tw if late else _trend_axis(tw, zw, j0, j1)
        parted = _parts_from_trend(axis, zw, j0, j1, part_w, up, min_change, noise, config.scheduled_z,
                                   paced=not late)
        paced_away, pace_share = False, 0.0
        if parted is None and not late:
            pace_share = _pace_share(axis, zw, j0, j1, part_w)
            # Off the level before the change, not off its pace: said, as a weak reading. A loss
            # halved at a decay under single-batch noise, and a loss that only kept falling at a
            # milestone never set, look alike on a window of a tenth of the run.
            axis = tw
            parted = _parts_from_trend(axis, zw, j0, j1, part_w, up, min_change, noise, config.scheduled_z,
                                       paced=False)
            paced_away = parted is not None
        if parted is None:
            # The later half's median the way the decay predicts by the smallest reportable move.
            if short is not None and improves and \
                    (float(np.median(z[part])) - float(np.median(z[i0:i1]))) * (1.0 if up else -1.0) >= min_change:
                short.append(step)
            continue
        shift, se, intercept, slope = parted
        after = float(np.median(z[part]))
        before = intercept + slope * float(axis[j1])  # the level at the change
        if improves and (after > float(np.median(zw[j0:j1]))) != up:
            # No better than the points before the change, only better than their trend (a decay
            # slowing an overfitting held-out loss's rise): a bend, no drop.
            continue
        if improves and slope * (after - before) < 0:
            # A trend the other way need not go on (a held-out loss's bump): the move must part from
            # where the curve stood at the change, its last points, too, and starts there. Five
            # evaluations rising 7% into a decay and settling 3% under their last ones, within their
            # noise, "dropped 6%" from the trend's projection, a level never logged.
            last = zw[max(j0, j1 - TREND_MIN_POINTS):j1]
            level = float(np.median(last))
            if _departure(zw[part_w], level, 0.0, axis[part_w], 1 / len(last),
                          robust_sd(np.diff(zw[j0:j1])) / math.sqrt(2), noise, up, min_change,
                          config.scheduled_z) is None:
                continue
            before = level
        elif (after > before) != up or abs(after - before) < min_change:
            # A move that shows only against the trend (a restart stopping a falling loss, a kink)
            # starts where the trend would have put the curve: 0.39 -> 0.43, not 0.43 -> 0.43.
            before = after - shift
        # After such a move, this one starts from where that one had brought the curve. A 10-epoch
        # fall at a constant LR, then a decay, read "2.198 -> 0.3108" at the decay.
        j = int(np.searchsorted(steps, max(late))) if late else i1
        if j < i1:
            # The last fifth of the stretch since that move (three points at least), not its whole fall.
            before = float(np.median(z[max(j, i1 - max(TREND_MIN_POINTS, (i1 - j) // 5)):i1]))
            if (after > before) != up or abs(after - before) < min_change:
                continue
        ev = Transition(
            step=int(steps[i1]), kind="rise" if up else "drop", direction="up" if up else "down",
            before=before, after=after, relative_change=0.0,
            size_noise=abs(shift) / se if se > 0 else math.inf,
            width_steps=int(steps[part][-1] - steps[i1]) + 1,
            slope_before=slope / float(steps[i1] - blocks.origin), start_step=int(steps[i1]),
            end_step=int(steps[part][-1]), onset="schedule", paced_away=paced_away, pace_share=pace_share)
        # A step change at the decay itself is measured where it happened, not over the test's window
        # ("over 6000 steps" for a one-step halving).
        lo, hi = max(0, i1 - 2 * blocks.b), min(len(z), i1 + 2 * blocks.b)
        _at_full_resolution(ev, steps[lo:hi], z[lo:hi], i1 - lo, max(blocks.b, config.scheduled_min_points))
        out.append(ev)
    return out


class _LogTime:
    """The segmentation's time axis, log(step - origin), at the points read: the schedule's tests
    read windows about its changes, and the whole axis of a 10^6-point log was 8% of its analysis."""

    def __init__(self, steps: np.ndarray, origin: float):
        self.steps, self.origin = steps, origin

    def __getitem__(self, key):
        return np.log(self.steps[key] - self.origin)


class _StepTime:
    """A log time axis read back on steps (from the origin): a trend linear in the step."""

    def __init__(self, t: "_LogTime | np.ndarray"):
        self.t = t

    def __getitem__(self, key):
        return np.exp(self.t[key])


def _trend_axis(t: "_LogTime | np.ndarray", z: np.ndarray, i0: int,
                i1: int) -> "_LogTime | np.ndarray | _StepTime":
    """The time axis on which the points before a change lie straighter: log(step), a power law's
    slowing fall, or the step itself, a fall by the same share each epoch. A line on the wrong one
    carried over the window after the change parts from a curve that only kept its pace (a loss
    losing 3% an epoch "dropped 29%" at a decay never made)."""
    zb = z[i0:i1]
    if len(zb) <= 3:
        return t
    return min((t, _StepTime(t)), key=lambda axis: fit_line(axis[i0:i1], zb)[2])


# A trend needs three points at the least.
TREND_MIN_POINTS = 3


def _trend_window(steps: np.ndarray, t: "_LogTime", z: np.ndarray, i0: int, i1: int, part: slice,
                  found: list[Transition], min_change: float
                  ) -> tuple["_LogTime | np.ndarray", np.ndarray, int, int, slice]:
    """The points the trend before a change is fitted on, and the window after it, re-indexed.

    A move found inside the window, onto another level, is no part of the trend: its points are
    left out and those before it are moved onto the level after it, so that the line carries the
    curve's own pace on both sides. A line through a cyclic LR's first steep fall, carried past
    its re-rise, made a curve still creeping down a x3.8 "rise". A bump that came back is noise the
    trend reads through."""
    for e in sorted(found, key=lambda e: -e.step):  # the latest such move, nearest the change
        a = int(np.searchsorted(steps, e.start_step))
        b = int(np.searchsorted(steps, e.end_step, side="right"))
        if not (i0 + TREND_MIN_POINTS <= a and b <= i1 - TREND_MIN_POINTS):
            continue
        moved = float(np.median(z[b:i1]) - np.median(z[i0:a]))
        if abs(moved) < min_change or (moved > 0) != (e.direction == "up"):
            continue
        gap = b - a
        # Only the window is read: from its start to the end of the points after the change.
        tw = np.concatenate([t[i0:a], t[b:part.stop]])
        zw = np.concatenate([z[i0:a] + moved, z[b:part.stop]])
        return tw, zw, 0, i1 - gap - i0, slice(part.start - gap - i0, part.stop - gap - i0)
    return t, z, i0, i1, part


def _past_first_fall(z: np.ndarray, i0: int, i1: int, hib: bool) -> int:
    """The start of a trend window that reaches the run's first points, moved past those still in the
    fall from the initial loss: each worse than every later point of the window. In a log of a few
    epochs the window before a change must reach back that far, and a line through the first
    fall would put the trend far below where the curve levelled off."""
    if i0 != 0:
        return i0
    sign = 1.0 if hib else -1.0
    while i1 - i0 > TREND_MIN_POINTS and sign * z[i0] < np.min(sign * z[i0 + 1:i1]):
        i0 += 1
    return i0


def _change_window(bounds: list[int], step: int, span: float, config: DetectConfig) -> tuple[float, float]:
    """The steps around a schedule change that belong to it: ``scheduled_window`` of the run's
    span each way, not past the neighbouring changes (``bounds``, sorted)."""
    before, after = _neighbours(bounds, step)
    reach = config.scheduled_window * span
    lo = step - reach if before is None else max(before, step - reach)
    hi = step + reach if after is None else min(after, step + reach)
    return lo, hi


def _neighbours(bounds: list[int], step: int) -> tuple[int | None, int | None]:
    """The last of the sorted ``bounds`` below ``step`` and the first above it (None: there is none).
    Found by bisection: an LR column set to 0 and back 28,000 times makes as many changes, and a
    scan of them all for each took minutes."""
    i, j = bisect.bisect_left(bounds, step), bisect.bisect_right(bounds, step)
    return (bounds[i - 1] if i > 0 else None), (bounds[j] if j < len(bounds) else None)


def _schedule_windows(steps: np.ndarray, bounds: list[int], step: int, config: DetectConfig) -> tuple[int, int, int]:
    """Indices (before, at, after) of the windows around a schedule change: a tenth of the run
    each way, not past a neighbouring change. A short log (a few dozen epochs) has too few
    points in a tenth of the run: the windows then reach the minimum number of points."""
    lo, hi = _change_window(bounds, step, float(steps[-1] - steps[0]), config)
    # On whole steps (a step is below lo when it is below its ceiling): searching an integer column
    # for floats would copy it as floats.
    bounds_at = np.array([math.ceil(lo), step, math.ceil(hi)], dtype=steps.dtype)
    i0, i1, i2 = (int(i) for i in np.searchsorted(steps, bounds_at))
    before, after = _neighbours(bounds, step)
    floor = int(np.searchsorted(steps, steps[0] if before is None else before))
    ceil = int(np.searchsorted(steps, steps[-1] + 1 if after is None else after))
    i0 = max(min(i0, i1 - config.scheduled_min_points), floor)
    return i0, i1, min(max(i2, i1 + config.scheduled_min_points), ceil)


def change_windows(steps: np.ndarray, bounds: list[int], step: int) -> tuple[int, int, int]:
    """The indices (before, at, after) of the windows the schedule's test reads about a change at ``step``
    among the changes ``bounds`` (sorted): for an explanation to say what it read."""
    return _schedule_windows(steps, bounds, step, DEFAULT_CONFIG)


def _date_at_schedule(steps: np.ndarray, t: "_LogTime", z: np.ndarray, blocks: _Blocks,
                      changes: list[tuple[int, bool | None]], shifts: list[Transition], min_change: float,
                      noise: float, hib: bool, config: DetectConfig) -> None:
    """Date a move at the schedule change before it when the data had already parted from the
    trend there.

    The blind search places a relaxation after an LR decay (or the climb after
    a restart) where its block fit breaks, often well into the fall. If the
    points from the change up to the event's step already sit off the trend
    before the change, the way the event moves (the test of
    ``_scheduled_shifts`` at ``anchor_z``, on the median of those points, so
    more than half of them must have moved), the move began at the change. A move that starts
    later than that (a plateau escape some time after a decay) is left where
    it is."""
    bounds = sorted({c for c, _ in changes})
    reach = config.scheduled_window * float(steps[-1] - steps[0])
    prev_end = int(steps[0])
    for ev in shifts:
        if ev.onset == "schedule" or ev.kind not in ("drop", "rise"):
            prev_end = ev.end_step
            continue
        up = ev.direction == "up"
        before = [(c, imp) for c, imp in changes if prev_end < c <= ev.step and ev.step - c <= reach]
        prev_end = ev.end_step
        if not before or before[-1][1] is None or (before[-1][1] == hib) != up:
            _date_at_change_inside(steps, t, z, bounds, changes, ev, up, min_change, noise, hib, config)
            continue
        i0, i1, _ = _schedule_windows(steps, bounds, before[-1][0], config)
        i_ev = int(np.searchsorted(steps, ev.step))
        # Either the search itself starts the move at the change (to within a block),
        # or the points since the change have moved already.
        if (int(np.searchsorted(steps, ev.start_step)) - i1 <= blocks.b
                or (i1 - i0 >= config.scheduled_min_points and i_ev - i1 >= config.scheduled_min_after
                    and _parts_from_trend(t, z, i0, i1, slice(i1, i_ev), up, min_change, noise, config.anchor_z))):
            ev.step = ev.start_step = int(steps[i1])
            if i1 > i0:
                # Measured from the trend's level at the change: the search's own level, read
                # where its fit broke part way down, leaves out what came first.
                a, b, _ = fit_line(t[i0:i1], z[i0:i1])
                level = a + b * float(t[i1 - 1])
                if (level > ev.after) == (ev.before > ev.after) and abs(level - ev.after) > abs(ev.before - ev.after):
                    ev.before = float(level)


def _date_at_change_inside(steps: np.ndarray, t: "_LogTime", z: np.ndarray, bounds: list[int],
                           changes: list[tuple[int, bool | None]], ev: Transition, up: bool, min_change: float,
                           noise: float, hib: bool, config: DetectConfig) -> None:
    """Date a move at a schedule change inside its own span when the points from its start up to
    the change had not moved yet: on a sparse held-out curve the fit may break at a noisy point
    a few evaluations before the decay that made the move."""
    inside = [c for c, imp in changes if ev.step < c <= ev.end_step and imp is not None and (imp == hib) == up]
    if not inside:
        return
    i_ev, i_c = (int(i) for i in np.searchsorted(steps, [ev.step, inside[0]]))
    # The trend is read over the window before the move's start (the change's own window ends at it):
    # a tenth of the run, or the fewest points a trend needs, not past the change before.
    floor = int(np.searchsorted(steps, max([c for c in bounds if c <= ev.step], default=steps[0])))
    reach = int(np.searchsorted(steps, ev.step - config.scheduled_window * float(steps[-1] - steps[0])))
    i0 = max(min(reach, i_ev - config.scheduled_min_points), floor)
    if i_ev - i0 < config.scheduled_min_points or i_c >= len(steps):
        return
    if _parts_from_trend(t, z, i0, i_ev, slice(i_ev, i_c), up, min_change, noise, config.anchor_z) is None:
        ev.step = ev.start_step = int(steps[i_c])


def _pace_share(t: np.ndarray, z: np.ndarray, i0: int, i1: int, part: slice) -> float:
    """The share of the move from z[i0:i1] to z[part] (medians) that the line over z[i0:i1] makes there."""
    _, slope, _ = fit_line(t[i0:i1], z[i0:i1])
    move = float(np.median(z[part]) - np.median(z[i0:i1]))
    return slope * float(np.mean(t[part]) - np.mean(t[i0:i1])) / move if move else 0.0


def _parts_from_trend(t: "_LogTime | np.ndarray", z: np.ndarray, i0: int, i1: int, part: slice, up: bool,
                      min_change: float, run_noise: float, z_needed: float,
                      paced: bool = True) -> tuple[float, float, float, float] | None:
    """The trend over z[i0:i1] extrapolated over ``part``: the median departure, its standard
    error and the trend's line, when z parts from it ``up`` (or down) by ``min_change`` and by
    ``z_needed`` standard errors; None otherwise.

    A slope the window cannot tell from none (t < 2: a few noisy epochs) may still be real (a
    test accuracy slowly sliding as the net overfits), or noise whose error, carried over the
    gap, swamps any move. Both readings are tried: the line, and the window's level with no
    extrapolation error (carried on at the line's pace where that runs the way of the move, unless
    not ``paced``); a move that parts from either by the full margin counts."""
    tb, zb = t[i0:i1], z[i0:i1]
    intercept, slope, resid_sd = fit_line(tb, zb)
    # The points after are read on their median: so are those before, about the line. Minibatch
    # losses on the log scale are skewed, and a median set against a mean parts from it by the
    # skew alone (a 2% drop over 10^4 noisy steps read as 10%).
    intercept += float(np.median(zb - (intercept + slope * tb)))
    sxx = float(((tb - tb.mean()) ** 2).sum())
    noise_b = robust_sd(np.diff(zb)) / math.sqrt(2)
    if len(zb) > 2 and sxx > 0 and abs(slope) * math.sqrt(sxx) < 2 * resid_sd:
        # The window's level without the extrapolation's error, at the line's own pace where that
        # runs the way of the move tested: a loss falling too slowly for its window to show it
        # (minibatch noise) still falls, and a level set flat parted from the points after the
        # change by that pace alone (a decay "confirmed" at a milestone never set). The level it
        # left is the window's own either way (a pace no test can tell from none).
        pace = slope if paced and (slope > 0) == up and slope != 0 else 0.0
        level = _departure(z[part], intercept if pace else float(np.median(zb)), pace, t[part], 1 / len(zb),
                           noise_b, run_noise, up, min_change, z_needed)
        if level is not None:
            return level[0], level[1], float(np.median(zb)), 0.0
    lever = (float(t[part].mean()) - float(tb.mean())) ** 2 / sxx if sxx > 0 else 0.0
    return _departure(z[part], intercept, slope, t[part], 1 / len(zb) + lever, noise_b, run_noise,
                      up, min_change, z_needed)


def _departure(za: np.ndarray, intercept: float, slope: float, ta: np.ndarray, spread_b: float,
               noise_b: float, run_noise: float, up: bool, min_change: float,
               z_needed: float) -> tuple[float, float, float, float] | None:
    """``_parts_from_trend``'s test against one reading of the window before: the line
    ``intercept + slope * t``, whose value there has variance ``spread_b`` times the noise's."""
    shift = float(np.median(za - (intercept + slope * ta)))
    # The window after the change holds the move itself (a restart's climb and new descent
    # over a few epochs): its point-to-point steps are no wider noise than the run's or the
    # window before's.
    # On a few points the differences alone can be told a noise well below the true one (eight
    # minibatch losses that happen to come in close pairs): the spread about their own line
    # counts too.
    a, b, _ = fit_line(ta, za)
    noise_a = min(max(robust_sd(np.diff(za)) / math.sqrt(2), robust_sd(za - (a + b * ta))),
                  max(noise_b, run_noise))
    # The median of the after points costs ~1.25x the mean's standard error.
    se = math.sqrt(noise_b**2 * spread_b + (1.25 * noise_a) ** 2 / len(za))
    if (shift > 0) != up or abs(shift) < min_change or abs(shift) < z_needed * se:
        return None
    return shift, se, intercept, slope


def _median3(z: np.ndarray) -> np.ndarray:
    """At each index the median of it and its two neighbours (the value itself at the ends)."""
    if len(z) < 3:
        return z.copy()
    return np.concatenate([z[:1], _row_medians(np.lib.stride_tricks.sliding_window_view(z, 3)), z[-1:]])


def _returning_rises(shifts: list[Transition], blocks: _Blocks, hib: bool, max_span: float,
                     min_height: float, restarts: list[int]) -> list[Transition]:
    """A jump the wrong way that comes back within ``max_span`` steps is one wide spike.

    Lower than a spike must be, it was a bump: dropped, not reported; unless it starts at one of
    ``restarts`` (the schedule's changes that make the metric worse, an LR raised): there it is
    the change's effect, however low, and a minibatch dipping back under half of it (the new LR
    training the loss down from its new level) does not make it noise."""
    worse = "down" if hib else "up"
    out = []
    smoothed = None  # each block with its neighbours, read once a rise needs it
    for ev in shifts:
        out.append(ev)
        if ev.direction != worse:
            continue
        sign = 1.0 if ev.direction == "up" else -1.0
        jump = sign * (ev.after - ev.before)
        later = (blocks.first_step > ev.end_step) & (blocks.first_step <= ev.end_step + max_span)
        dips = np.flatnonzero(later & (sign * (blocks.z - ev.before) < jump / 2))
        # A move read on a window's median (a restart tested at the schedule change) understates
        # a spike: its height is the highest block before the way back.
        if len(dips) and max(jump, _highest(blocks, ev, sign, blocks.last_step[dips[0]])) < min_height \
                and not any(ev.start_step - blocks.b <= c <= ev.step for c in restarts):
            out.pop()  # a bump the curve dips back under: too low to report either way
            continue
        # Back where the level is: a block and its neighbours, not one noisy block or the way down
        # from an overshoot, under half the jump; or under half the peak inside the move when the
        # move ends less than half way up it (measured to the end of a spike's slow tail, 0.08 ->
        # 1.87 -> 0.12 read as 0.08 -> 0.12: most of the way back already).
        top = _highest(blocks, ev, sign, ev.end_step)
        top = jump if top == -math.inf else top
        bar = top / 2 if jump < top / 2 else jump / 2
        if smoothed is None:
            smoothed = _median3(blocks.z)
        back = np.flatnonzero(later & (sign * (smoothed - ev.before) < bar))
        if len(back):
            ev.after = ev.before + sign * max(jump, _highest(blocks, ev, sign, blocks.last_step[back[0]]))
            ev.kind = "spike"
            ev.end_step = int(blocks.last_step[back[0]])
            ev.width_steps = ev.end_step - ev.start_step + 1
    return out


def _highest(blocks: _Blocks, ev: Transition, sign: float, until: float) -> float:
    """The highest block the worse way (``sign``) above the move's level before, from the move's
    start to the block that starts by ``until``; -inf when there is none."""
    inside = (blocks.last_step >= ev.start_step) & (blocks.first_step <= until)
    return float(np.max(sign * (blocks.z[inside] - ev.before))) if inside.any() else -math.inf


def _landings(shifts: list[Transition], blocks: _Blocks, pieces: list[Piece], sigma_b: float,
              min_change: float, hib: bool, config: DetectConfig) -> list[Transition]:
    """The fall out of a wide spike that lands well past where the spike left from: a transition.

    The segmentation may give a bump and the fall after it one steep piece
    (a larger batch taking effect just after an unstable stretch): the search
    then finds the bump's climb only, and the spike it becomes ends at its way
    back. When the next stage starts better than the spike's own baseline by a
    reportable move, beyond the pace of the curve around it, and by
    ``min_jump_z`` standard errors, the way back went on to a new level."""
    out = []
    sign = 1.0 if hib else -1.0
    for ev in shifts:
        if ev.kind != "spike":
            continue
        back = int(np.searchsorted(blocks.last_step, ev.end_step))
        start = int(np.searchsorted(blocks.first_step, ev.start_step, side="right")) - 1
        A = _piece_holding(pieces, start - 1)
        # The stage the way back lands on, as soon after the spike's end as the spike was wide: a
        # landing later than that is the curve's own descent going on, no sharp fall.
        B = next((P for P in pieces if back <= P.start <= back + max(back - start, STAGE_BLOCKS)
                  and P.length >= STAGE_BLOCKS), None)
        if A is None or B is None or A.length < STAGE_BLOCKS:
            continue
        if any(e is not ev and e.kind in ("drop", "rise") and ev.start_step < e.step <= blocks.first_step[B.start]
               for e in shifts):
            continue  # the search found the fall itself
        right = B.at(blocks.t[B.start])
        pace = min(A.b, B.b, key=abs) if sign * A.b > 0 and sign * B.b > 0 else 0.0
        gain = sign * (right - ev.before - pace * (blocks.t[B.start] - blocks.t[A.end - 1]))
        sd = max(math.sqrt((A.resid_sd ** 2 + B.resid_sd ** 2) / 2), 0.5 * sigma_b)
        se = sd * math.sqrt(4.0 / A.length + 4.0 / B.length)
        if gain < min_change or gain < config.min_jump_z * se:
            continue
        if not _seen_in_the_data(blocks.z, A, B, ev.before, right, min_change, True):
            continue
        out.append(_transition(blocks, back, B.start, ev.before, right, gain / se, A, B, "jump"))
    return out


def _not_before_its_restart(steps: np.ndarray, blocks: "_Blocks", ev: Transition,
                            schedule_steps: list[tuple[int, bool | None]] | None) -> None:
    """A setback dated a few points before an LR raise that falls inside it (the onset's fit reads
    noise as the climb's start) is dated at the raise: a move does not come before its cause."""
    if not schedule_steps:
        return
    for change, improves in schedule_steps:
        if improves is False and ev.step < change <= ev.end_step:
            at = int(np.searchsorted(steps, change))
            if at < len(steps) and at - int(np.searchsorted(steps, ev.step)) <= max(3, blocks.b):
                ev.step = int(steps[at])
            return


def _date_at_onset(steps: np.ndarray, z: np.ndarray, blocks: _Blocks, ev: Transition) -> None:
    """Date a wide spike where it leaves the baseline, not half way up its climb.

    An excursion that comes back (a bad batch, an LR restart) has its cause at
    its onset; a restart's climb takes a hundred steps or more. The onset is
    the knot of a hinge (level, then a straight climb) fitted at full
    resolution from the block before the move to its refined step; the spike
    is dated at the first point past the knot."""
    a, e = (int(i) for i in np.searchsorted(steps, [ev.start_step, ev.end_step + 1]))
    lo = max(0, a - blocks.b)
    hi = int(np.searchsorted(steps, ev.step, side="right"))
    sign = 1.0 if ev.direction == "up" else -1.0
    if e > a and hi > lo:
        # Up to its peak when none of the climb is in the window yet: a bad batch's one-point jump past
        # the step the move was found at (step 30000, the move dated 29992 from its block) left the fit
        # on the baseline alone, and its knot, on noise, dated the spike 192 steps early.
        peak = a + int(np.argmax(sign * z[a:e]))
        base = float(np.median(z[lo:max(a, lo + 1)]))
        # Within a block of it: an EMA-smoothed restart's peak, hundreds of steps on, bends the fit late.
        if hi <= peak < hi + blocks.b and \
                sign * (float(np.max(sign * z[lo:hi]) * sign) - base) < 0.5 * sign * (z[peak] - base):
            hi = peak + 1
    y = z[lo:hi]
    n = len(y)
    if n < 6:
        return
    i = np.arange(n, dtype=np.float64)
    # Suffix sums: the climb's part of each fit starts at the knot k.
    def suffix(x):
        return np.concatenate([np.cumsum(x[::-1])[::-1], [0.0]])
    cnt, s1, s2, ys, iy = suffix(np.ones(n)), suffix(i), suffix(i * i), suffix(y), suffix(i * y)
    k = np.arange(1, n - 1, dtype=np.float64)  # at least one point each side
    ki = k.astype(int)
    sx = s1[ki] - k * cnt[ki]
    sxx = s2[ki] - 2 * k * s1[ki] + k * k * cnt[ki]
    sxy = iy[ki] - k * ys[ki]
    sy, syy = float(y.sum()), float((y * y).sum())
    vxx = sxx - sx * sx / n
    vxy = sxy - sx * sy / n
    rss = syy - sy * sy / n - np.where(vxx > 0, vxy * vxy / np.where(vxx > 0, vxx, 1.0), 0.0)
    climbs = vxy * (1.0 if ev.direction == "up" else -1.0) > 0
    if not climbs.any():
        return
    knot = int(ki[np.flatnonzero(climbs)[np.argmin(rss[climbs])]])
    ev.step = ev.start_step = int(steps[lo + knot + 1])  # the knot is the last point on the baseline


def _epoch_boundary_drops(steps: np.ndarray, z: np.ndarray, starts: np.ndarray, hib: bool,
                          min_change: float, found: list[Transition], quantum_floor: float,
                          config: DetectConfig, changes: list[int] = ()) -> list[Transition]:
    """Improvements that recur at epoch starts (a sawtooth): repeated data being memorised.

    The step into each epoch is compared with every other step of the same
    stretch (one-sided rank test), so a falling trend alone does not pass.
    Stretches where rounding dominates the values are left out."""
    usable = np.flatnonzero(z >= quantum_floor) if quantum_floor > -np.inf else np.arange(len(z))
    if len(usable) < 8:
        return []
    last = int(usable[-1])
    starts = starts[(starts > steps[0]) & (starts <= steps[last])]
    if len(starts) < config.epoch_sawtooth_min:
        return []
    at = np.searchsorted(steps, starts)
    if np.median(np.diff(at)) < 4:
        return []  # too few points per epoch to see a sawtooth
    sign = 1.0 if hib else -1.0
    gain = sign * np.diff(z[: last + 1])  # gain[i]: from point i to i + 1
    edge = np.zeros(len(gain), bool)
    edge[at - 1] = True
    # The steps of a schedule's changes are the schedule's, not teeth: a step decay made at an epoch
    # start (as MultiStepLR counts epochs) is one tall "tooth" that lifts the median and the ranks of
    # the rest, and a plain falling trend then read as drops at every epoch start.
    own = np.ones(len(gain), bool)
    for c in changes:
        i = int(np.searchsorted(steps[: last + 1], c))
        own[max(0, i - 1): i + 1] = False
    teeth, rest = gain[edge & own], gain[~edge & own]
    if len(teeth) < config.epoch_sawtooth_min:
        return []
    if np.median(teeth) < min_change / 2:
        return []
    # Teeth stand out from the ordinary step-to-step moves, not merely lean one way:
    # a plot shows teeth twice the usual move. Shuffled minibatch losses lean a
    # little at epoch starts (the rank test passes on long logs) with teeth no
    # bigger than the noise; memorised data give teeth of 2.5-4x.
    if np.median(teeth) < config.epoch_sawtooth_teeth * np.median(np.abs(rest)):
        return []
    # Imported only here: scipy.stats takes 0.7 s to load, and most logs stop above.
    from scipy.stats import mannwhitneyu

    if mannwhitneyu(teeth, rest, alternative="greater").pvalue > config.epoch_sawtooth_p:
        return []
    out = []
    bounds = np.r_[0, at, last + 1]
    for k, i in enumerate(at, 1):
        g, j = gain[i - 1], i
        # Logged every few steps, the first point of an epoch may be the mean of an interval the
        # epoch start falls inside (a Trainer's loss every N steps): the tooth is read down to the
        # next point too, which holds the new epoch only (a -46% tooth was measured -15%).
        if steps[i] - steps[i - 1] > 1 and i + 1 <= last and sign * (z[i + 1] - z[i - 1]) > g:
            g, j = sign * (z[i + 1] - z[i - 1]), i + 1
        # Its size is read on levels, the medians of up to TOOTH_POINTS points each side within the two
        # epochs: one noisy print either side made a 15% sawtooth's teeth -33% to -40%.
        before = float(np.median(z[max(bounds[k - 1], i - TOOTH_POINTS):i]))
        after = float(np.median(z[j:max(j + 1, min(bounds[k + 1], j + TOOTH_POINTS))]))
        g = sign * (after - before)
        if g < min_change / 2 or any(t.start_step - 1 <= steps[j] and steps[i] <= t.end_step + 1 for t in found):
            continue
        out.append(Transition(
            step=int(steps[i]), kind="rise" if hib else "drop", direction="up" if hib else "down",
            before=before, after=after, relative_change=0.0,
            size_noise=float(g / (robust_sd(rest) + 1e-12)),
            width_steps=int(steps[j] - steps[i - 1]), start_step=int(steps[i - 1]), end_step=int(steps[j]),
            onset="epoch"))
    return out


# A tooth's levels: the medians of this many points each side of an epoch start, at most.
TOOTH_POINTS = 3


def _oscillations(steps: np.ndarray, z: np.ndarray, blocks: _Blocks, min_change: float,
                  found: list[Transition], hib: bool, config: DetectConfig) -> list[Transition]:
    """Stretches where the point-to-point roughness jumps well above what came before and stays.

    The wobble must be visible at the plot's scale (steps of at least the
    smallest reportable change) and away from the transitions already found,
    whose own steep points would otherwise read as roughness."""
    import pandas as pd

    n = len(z)
    if n < 60:
        return []
    d = np.diff(z)
    np.abs(d, out=d)  # in place: on 10^7 points a second copy sets the command's peak memory
    # Roughness per window of ~n/200 points (at least 5): the median absolute step.
    w = max(5, n // 200)
    edges = np.arange(0, len(d), w)
    whole = len(d) // w  # windows of w points, and a shorter last one
    # Past SAMPLE_LIMIT points a window's median is read on an even sample of a thousand of its
    # steps or more (a 2.5% error at most, against a 4x ratio). Partitioned in place, as d is
    # not read again: no second copy of a 10^7-point array.
    every = max(1, w // 1000) if n > SAMPLE_LIMIT else 1
    rough = _row_medians(d[:whole * w].reshape(whole, w)[:, ::every], overwrite=True)
    if whole < len(edges):
        rough = np.append(rough, np.median(d[whole * w:][::every], overwrite_input=True))
    k = len(rough)
    if k < 20:
        return []
    smooth = pd.Series(rough).rolling(5, center=True, min_periods=1).median().to_numpy()
    # Compared with the recent past of the same stage: minibatch noise changes
    # at a transition (calmer after an LR decay, livelier once a saturated net
    # escapes its plateau) and creeps up as a loss shrinks (relative noise),
    # neither of which is an instability; an oscillation is a jump in roughness.
    cuts = sorted(int(np.searchsorted(steps, e.end_step, side="right")) // w + 1
                  for e in found if e.kind in ("drop", "rise"))
    stage = np.searchsorted(np.asarray(cuts, dtype=np.int64), np.arange(k), side="right")
    recent = max(5, k // 10)
    # Stages are contiguous: one rolling pass each (a groupby's transform costs ms in overhead).
    before = np.concatenate([pd.Series(part).rolling(recent, min_periods=5).median().shift(3).to_numpy()
                             for part in np.split(rough, np.flatnonzero(np.diff(stage)) + 1)])
    hot = np.nan_to_num(smooth / np.where(before > 0, before, np.nan)) > config.oscillation_ratio
    hot &= smooth >= min_change
    for ev in found:
        a = int(np.searchsorted(steps, ev.start_step)) // w - 2
        b = int(np.searchsorted(steps, ev.end_step, side="right")) // w + 2
        hot[max(a, 0):max(b, 0)] = False
    out = []
    idx = np.flatnonzero(hot)
    if not len(idx):
        return out
    for run in np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1):
        if len(run) < max(5, int(config.oscillation_min_fraction * k)):
            continue
        a, b = int(edges[run[0]]), min(int(edges[run[-1]]) + w, n - 1)
        if _pinned(z[max(0, a - w * recent):a]):
            continue  # calm only while it sat on one value (an accuracy at 1.0): no noise to compare with
        ratio = float(np.median(rough[run]) / before[run[0]])
        # Levels just before and just after the onset (equal windows, so the trend cancels).
        level_before, level_during = float(np.median(z[max(0, a - w * 5):a])), float(np.median(z[a:a + w * 5]))
        if (level_during - level_before) * (1 if hib else -1) > min_change:
            continue  # noisier while improving fast: a curve coming alive, not an instability
        out.append(Transition(
            step=int(steps[a]), kind="oscillation", direction="up",
            before=level_before, after=level_during,
            relative_change=0.0, size_noise=ratio, width_steps=int(steps[b] - steps[a]) + 1,
            start_step=int(steps[a]), end_step=int(steps[b])))
    return out


def _pinned(z: np.ndarray) -> bool:
    """Whether most of a stretch sits on one value: a score at its ceiling (an accuracy of 1.0 on a
    small set), whose point-to-point roughness is nil there because it cannot go higher."""
    if len(z) < 2:
        return False
    _, counts = np.unique(z, return_counts=True)
    return int(counts.max()) >= len(z) / 2


def _absorb_runaway(events: list[Transition], found: list[Transition], hib: bool, steps: np.ndarray,
                    values: np.ndarray, max_span: float) -> list[Transition]:
    """Rises that never come back before the values turn non-finite are the divergence's run-up.

    The divergence then starts where the run-up did; its ``nonfinite_step``
    still says where the first NaN/inf was logged. Spikes the worse way just
    before it are its first signs; so is an earlier one, up to ``max_span``
    steps before, when the curve went as far again before the climb began:
    spikes growing into the blow-up (an LR warming up past the edge of
    stability), not a bad batch the curve got over."""
    div = next((e for e in events if e.kind == "divergence"), None)
    if div is None:
        return found
    worse = "down" if hib else "up"
    blown = div.nonfinite_step or div.step
    reach = blown - div.step
    # Moves the worse way after the run-up began are the explosion itself.
    found = [e for e in found if not (e.direction == worse and e.kind in ("rise", "drop", "oscillation", "spike")
                                      and div.step <= e.step <= blown)]
    run_up = []
    for ev in sorted(found, key=lambda e: e.step, reverse=True):
        if ev.step >= div.step:
            continue
        if ev.direction == worse and ev.kind in ("rise", "drop", "oscillation"):
            run_up.append(ev)
            continue
        break  # an improvement or a spike that came back: the run-up started after it
    start = min([div.step] + [e.step for e in run_up])
    # Spikes the worse way shortly before the climb (closer than the climb
    # is long) are the instability's first signs, not events of their own.
    run_up += [e for e in found if e.kind == "spike" and e.direction == worse and start - reach <= e.step < start]
    sign = -1.0 if hib else 1.0
    for ev in sorted(found, key=lambda e: e.step, reverse=True):
        if ev in run_up or ev.kind != "spike" or ev.direction != worse or ev.step >= start:
            continue
        between = values[(steps > ev.end_step) & (steps < start)]
        if start - ev.step > max_span or not len(between) or float(np.max(sign * between)) < sign * ev.after:
            break
        run_up.append(ev)
        start = ev.step
    if not run_up:
        return found
    onset = min(run_up, key=lambda e: e.step)
    div.step, div.start_step, div.before = onset.step, onset.start_step, onset.before
    return [e for e in found if e not in run_up]


def _run_up(events: list[Transition], steps: np.ndarray, z: np.ndarray) -> None:
    """Start a divergence where the loss last stood within 2x of its best, if it climbed from there.

    A loss usually explodes over many steps before the first NaN (a learning-
    rate range test, an LR warming up past the stability limit); the trouble
    starts where the final excursion does. Read on a running median over 1% of
    the points, so that one noisy minibatch neither starts nor ends it."""
    div = next((e for e in events if e.kind == "divergence"), None)
    if div is None or len(z) < 10:
        return
    import pandas as pd

    w = max(3, len(z) // 100)
    level = pd.Series(z).rolling(w, center=True, min_periods=1).median().to_numpy()
    best = np.minimum.accumulate(level)
    calm = np.flatnonzero(level <= best + math.log(2))
    if not len(calm):
        return
    onset = int(calm[-1]) + 1
    stood = level[onset - 1]
    sudden = _sudden_onset(z, w, onset)
    if sudden is not None:
        onset, stood = sudden, float(np.median(z[max(0, sudden - w):sudden]))
    if onset < len(z):
        div.step = div.start_step = int(steps[onset])
        div.before = float(np.exp(stood))


def _sudden_onset(z: np.ndarray, w: int, onset: int) -> int | None:
    """The first of the last points that stand above every point of the tenth of the log before
    them, when it should date a blow-up instead of the running median's ``onset``: a climb of
    about the median's ``w`` points or fewer moves the median a point or two late; and a one-step
    blow-up after a stretch that stood over 2x the luckiest median, but no higher than the points
    before it, is not a run-up of that stretch's length (a per-step loss scattering over a decade,
    blown up by an LR raised x1000: not 44 steps before the raise)."""
    short = 2 * w
    before = z[max(0, len(z) - short - 10 * w):len(z) - short]
    if len(before) < 10:
        return None
    low = np.flatnonzero(z <= np.max(before))
    sudden = int(low[-1]) + 1 if len(low) else 0
    if not len(z) - short <= sudden < len(z) or sudden == onset:
        return None
    if sudden < onset:
        return sudden
    ordinary = z[max(0, onset - max(10 * w, sudden - onset)):onset]
    return sudden if np.median(z[onset:sudden]) <= np.quantile(ordinary, 0.75) else None


# The standard deviation of the median of three normal draws, in units of theirs.
MEDIAN3_SPREAD = 0.67


def _blow_up(steps: np.ndarray, z: np.ndarray, blocks: "_Blocks", noise: float) -> Transition | None:
    """A loss (``z`` its log) ending ten times or more above its best level, climbing from where it
    last stood within 2x of it: the explosion of a log cut before its first NaN (an LR range
    test, a run stopped by hand), too short and too late for a stage of its own. The best level
    is the lowest median of three neighbouring blocks, the end the median of the last three points."""
    n = len(z)
    end = float(np.median(z[-3:])) if n >= 20 else -math.inf
    if end < float(np.min(z)) + math.log(10):  # cheap: the best level is no lower than the lowest point
        return None
    level = _rolling_median(blocks.z, 3)
    best = float(np.min(level))
    # Beyond the noise too: the lowest of m levels (medians of three, spread about 0.67 sigma) lies
    # below the curve by up to sqrt(2 ln m) of their spread, and the end's median of three points may
    # sit three of its spreads above. A per-step loss near zero scattering over two decades passes
    # 10x between its luckiest level and its end without climbing. The noise is read from the best
    # level on: the calm descent before it may be a hundred times quieter.
    since = int(np.argmin(level)) * blocks.b
    local = diff_sd(z[since:]) / math.sqrt(2) if n - since >= 10 else noise
    shortfall = MEDIAN3_SPREAD * local * math.sqrt(2 * math.log(max(blocks.m, 2)) / blocks.b)
    if end < best + max(math.log(10), shortfall + 3 * MEDIAN3_SPREAD * local):
        return None
    # It climbs from where it last stood within 2x of its best, or, when noisy, among its ordinary levels.
    calm = int(np.flatnonzero(level <= best + max(math.log(2), shortfall + 2 * MEDIAN3_SPREAD * local))[-1])
    onset = int(np.searchsorted(steps, blocks.last_step[calm], side="right"))
    if onset >= n - 2:
        return None
    # And from where the curve stood since its best, not only from its luckiest point: a loss
    # thrown up onto a harder task (a curriculum) that kept falling ends far above its best
    # (before the task changed) without climbing at all.
    if end < float(np.median(z[since:onset])) + math.log(10):
        return None
    before, peak = float(level[calm]), onset + int(np.argmax(z[onset:]))
    after, settled = float(z[peak]), n - 1
    if z[peak] - end >= math.log(10) and peak < n - 3:
        # Thrown far above where it then stays (gradient clipping turned off: 0.03 -> 1738 in four logged
        # steps, then 3.3 for two thousand): a jump onto that level, ended where the curve first reaches
        # it, not a climb to the peak over the rest of the run. The peak is said in the evidence.
        after = float(np.median(z[peak + 1:]))
        settled = peak + 1 + int(np.flatnonzero(z[peak + 1:] <= after + math.log(2))[0])
    return Transition(step=int(steps[onset]), kind="rise", direction="up", before=before, after=after,
                      relative_change=0.0, size_noise=(after - before) / noise if noise > 0 else math.inf,
                      width_steps=int(steps[settled] - steps[onset]) + 1, start_step=int(steps[onset]),
                      end_step=int(steps[settled]), onset="jump")


def _blown_before_a_fall(steps: np.ndarray, z: np.ndarray, shifts: list[Transition], noise: float,
                         config: DetectConfig) -> Transition | None:
    """A blow-up that a later fall brought back (an LR cut after the loss climbed x50 and wandered
    there for a thousand steps): ``_blow_up`` read on the log up to the first fall that starts ten
    times or more above the best level before it. Climbing from its first points, the blow-up has
    no still stage before it for the segmentation to part it from."""
    for fall in sorted((e for e in shifts if e.direction == "down" and e.kind in ("drop", "rise")),
                       key=lambda e: e.start_step):
        k = int(np.searchsorted(steps, fall.start_step))
        if k < 20:
            continue
        # Held there: the tenth of the log before the fall stands ten times above where it climbed
        # from, not a few noisy points (a small batch's swings). That is the level it rose to, not
        # its single highest point. (Checked first against the lowest point: most falls end there.)
        held = float(np.median(z[k - max(3, k // 10):k]))
        if held < float(np.min(z[:k])) + math.log(10):
            continue
        found = _blow_up(steps[:k], z[:k], _Blocks(steps[:k], z[:k], config.max_blocks), noise)
        if found is not None and held >= found.before + math.log(10):
            found.after = held
            return found
    return None


def _nonfinite_blips(steps: np.ndarray, values: np.ndarray, bad: np.ndarray, hib: bool) -> list[Transition]:
    """Each run of non-finite values the series comes back from: a spike to nan or inf."""
    out = []
    for run in np.split(bad, np.flatnonzero(np.diff(bad) > 1) + 1):
        a, e = int(run[0]), int(run[-1])
        out.append(Transition(step=int(steps[a]), kind="spike", direction="down" if hib else "up",
                              before=_finite_level_before(values, a),
                              after=float(values[a]), relative_change=math.inf, size_noise=math.inf,
                              width_steps=int(steps[e] - steps[a]) + 1, start_step=int(steps[a]),
                              end_step=int(steps[e]), onset="jump", nonfinite_step=int(steps[a])))
    return out


def _nonfinite_tail(values: np.ndarray, bad: np.ndarray, back: int) -> int | None:
    """The index in ``bad`` of the first non-finite point followed by fewer than ``back`` finite
    ones: where the series stops coming back (None: it always does). A series ending finite comes
    back from all of them or from none: an evaluation logged as nan at every other row, its last
    few evaluations after the last nan, is no run that diverged there."""
    if not len(bad):
        return None
    finite_after = (len(values) - 1 - bad) - (len(bad) - 1 - np.arange(len(bad)))
    if np.isfinite(values[-1]):
        return None if finite_after[0] >= back else 0
    short = np.flatnonzero(finite_after < back)
    return int(short[0]) if len(short) else None


def _finite_level_before(values: np.ndarray, i: int) -> float:
    """The level a series stood at before index ``i``: the median of its last five finite values."""
    finite = values[:i][np.isfinite(values[:i])]
    return float(np.median(finite[-5:])) if len(finite) else math.nan


def _divergence(steps: np.ndarray, values: np.ndarray, i: int) -> Transition:
    return Transition(step=int(steps[i]), kind="divergence", direction="up", before=_finite_level_before(values, i),
                      after=float(values[i]), relative_change=math.inf, size_noise=math.inf,
                      width_steps=int(steps[-1] - steps[i]) + 1, start_step=int(steps[i]),
                      end_step=int(steps[-1]), onset="jump", nonfinite_step=int(steps[i]))


def resolution(values: np.ndarray) -> float:
    """The smallest step between distinct logged values (their rounding quantum).

    On a strided sample for long series: rounded values repeat, so the sample
    holds neighbouring quanta; unrounded ones give a quantum far below any event
    either way."""
    sample = _strided(values)
    sample = sample[np.isfinite(sample)]
    u = np.unique(sample)
    if len(u) < 2:
        return 0.0
    if len(u) == 2 and np.count_nonzero(np.diff(sample)) <= 2:
        return 0.0  # two levels, switched between once (or there and back): a step, no rounding grid
    return float(np.min(np.diff(u)))


# The noise that dithers a rounding is read over this many points each side of a change.
DITHER_POINTS = 20


def _dithered(steps: np.ndarray, values: np.ndarray, ev: Transition, quantum: float) -> bool:
    """Whether the point-to-point noise around ``ev`` spans a rounding quantum."""
    if quantum <= 0:
        return True
    a, b = (int(i) for i in np.searchsorted(steps, [ev.start_step, ev.end_step]))
    near = values[max(0, a - DITHER_POINTS): b + DITHER_POINTS + 1]
    return len(near) > 2 and diff_sd(near) / math.sqrt(2) >= quantum


def factor_text(a: float, b: float) -> str:
    """"x3.72" for a / b, positive both; past the largest float (a spike to 1.8e308 from 0.48) read
    on their logs, not "xinf"."""
    ratio = a / b
    if math.isfinite(ratio) or not (math.isfinite(a) and math.isfinite(b)):
        return f"x{ratio:.3g}"  # "xinf" for a value that is infinite itself: no power of ten to give
    tens = log_ratio(a, b) / math.log(10)
    power, mantissa = math.floor(tens), 10 ** (tens - math.floor(tens))
    if float(f"{mantissa:.3g}") >= 10:  # 9.9999 rounds up to the next power: "x1e+600", not "x10e+599"
        power, mantissa = power + 1, mantissa / 10
    return f"x{mantissa:.3g}e+{power}"


def log_ratio(a: float, b: float) -> float:
    """log(a / b) for positive a and b, as a difference of logs: a loss falling from 2.3 to 5e-324
    is a ratio that underflows to 0, and its log an internal error."""
    return math.log(a) - math.log(b)


def _moved(ev: Transition, transform: str) -> float:
    """How far a move in metric units goes on the scale it was found on."""
    if transform == "log":
        return abs(log_ratio(ev.after, ev.before)) if ev.before > 0 and ev.after > 0 else math.inf
    return abs(ev.after - ev.before)


def _to_metric_units(ev: Transition, transform: str, bounds: tuple[float, float] | None = None) -> None:
    """Levels back in the metric's own units, within ``bounds`` (what the series holds: a level read
    off a fitted line put an accuracy logged at exactly 0 at -0.0026), and the relative change."""
    if transform == "log":
        ev.before, ev.after = math.exp(ev.before), math.exp(ev.after)
        ev.slope_before *= ev.before
        ev.slope_after *= ev.after
    if bounds is not None:
        ev.before, ev.after = (min(max(v, bounds[0]), bounds[1]) if math.isfinite(v) else v
                               for v in (ev.before, ev.after))
    ev.relative_change = (ev.after - ev.before) / abs(ev.before) if ev.before else math.inf
    ev.size_noise = min(ev.size_noise, 1e3)  # beyond this, "how many sigmas" carries no meaning


# A stage's level is the median of its last fifth, of this many points at least: on a short per-epoch
# stage a fifth is its last point, which was one noisy evaluation 2 spreads below the rest.
LEVEL_MIN_POINTS = 3


def _stages(blocks: _Blocks, steps: np.ndarray, values: np.ndarray, z: np.ndarray,
            shifts: list[Transition], transform: str, scale: float,
            config: DetectConfig, hib: bool) -> list[Stage]:
    """The stretches between transitions: level, slope, noise, and whether they plateaued."""
    cuts = [0] + [int(np.searchsorted(steps, e.step)) for e in shifts] + [len(z)]
    # A stage is judged (level, flatness) up to where the next move starts: a fall dated at its
    # middle would otherwise lend its first half to the stage it leaves.
    ends = [max(c, min(b, int(np.searchsorted(steps, e.start_step))))
            for c, b, e in zip(cuts, cuts[1:], shifts)] + [len(z)]
    stages = []
    # Flat: the fitted change over the stage is within noise or twice the
    # smallest reportable move. For ratios that move is the fixed floor, not a
    # share of the whole curve's span: a stage losing 30% is not flat just
    # because the run spans five decades.
    tol = 2 * (config.min_log_change if transform == "log" else _min_change(z, transform, config))
    for a, b, own in zip(cuts, cuts[1:], ends):
        if b - a < 2:
            continue
        b_all = b
        if own - a >= max(2, (b - a) // 2):
            b = own
        zs, ss = z[a:b], steps[a:b].astype(np.float64)
        bz, bs = _coarse(zs, ss, 100)
        _, slope, _ = fit_line(bs, bz)
        noise = diff_sd(zs) / math.sqrt(2)
        # Flat from where every later block stays near the stage's end level,
        # within the noise the largest of its blocks reaches by chance or half the tolerance.
        noise_b = robust_sd(np.diff(bz)) / math.sqrt(2) if len(bz) > 2 else noise
        end_level = float(np.median(bz[-max(1, len(bz) // 10):]))
        widths = max(2.0, math.sqrt(2 * math.log(config.flat_stage_false_rate * len(bz))))
        away = np.flatnonzero(np.abs(bz - end_level) > max(widths * noise_b, tol / 2))
        if len(bz) >= 10:
            # The cut is placed to within a block: the next transition's first
            # points may sit in the stage's last block.
            away = away[away < len(bz) - 1]
        first_flat = away[-1] + 1 if len(away) else 0
        plateau_from = int(ss[0]) if first_flat == 0 else int(steps[a + min(b - a - 1, _block_start(
            len(zs), len(bz), first_flat))])
        # A plateau: flat over at least half of the stage, and no slide the noise cannot hide over
        # that stretch (a held-out loss creeping up 25% under too high an LR is getting worse; a
        # loss still falling 40% is improving). An improving slide still leaves the stage levelled
        # enough for a cliff to escape from, and its size is kept to be said.
        levelled = plateau = (ss[-1] - plateau_from) >= 0.5 * (ss[-1] - ss[0])
        on = ss >= plateau_from
        slide = None
        if plateau and on.sum() >= 5:
            move, se = line_move(ss[on], zs[on])
            plateau = abs(move) <= max(tol, 2 * se)
            levelled = plateau or (move > 0) == hib
            if levelled and not plateau:
                icept, pace, _ = fit_line(ss[on], zs[on])
                end_z = icept + pace * float(ss[on][-1])
                ends = np.array([end_z - move, end_z])
                slide = tuple(float(v) for v in (np.exp(ends) if transform == "log" else ends))
        tail = values[a:b][-max(LEVEL_MIN_POINTS, (b - a) // 5):]
        level = float(np.median(tail))
        if not math.isfinite(level):  # the mean of the two middle values of 1e308-sized ones overflows
            level = 2 * float(np.median(tail / 2))
        slope_metric = slope * (level if transform == "log" else 1.0)
        # It ends where it was read: a move dated at its middle leaves its first half to no stage (the
        # table's "0-3700 flat at 0.0054" held a climb to 0.51 that started at 2000).
        stages.append(Stage(int(steps[a]), int(steps[b - 1]), level, float(slope_metric), float(noise),
                            bool(plateau), plateau_from, bool(levelled), slide))
    return stages


def line_move(t: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The move of the line fitted to (t, y) over its span, signed, and its standard error."""
    _, b, sd = fit_line(t, y)
    tc = t - t.mean()
    vt = dot(tc, tc)
    span = float(t[-1] - t[0])
    return b * span, (sd * math.sqrt(1.0 / vt) * span if vt > 0 else 0.0)


def _block_start(n: int, m: int, block: int) -> int:
    """Index of the first point of ``block`` in ``_coarse``'s blocking of n points into m."""
    return block * max(1, math.ceil(n / m))


def _coarse(z: np.ndarray, s: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    b = max(1, math.ceil(len(z) / m))
    edges = np.arange(0, len(z), b)
    counts = np.diff(np.append(edges, len(z)))
    return np.add.reduceat(z, edges) / counts, np.add.reduceat(s, edges) / counts
