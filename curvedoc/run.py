"""The canonical ``Run``: every reader produces it, everything downstream consumes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from curvedoc.errors import CurvedocError

ROLES = ("metric", "lr", "epoch", "batch_size", "grad_norm", "wall_time", "other")

# Column names are matched case-insensitively after these patterns; the first
# role whose pattern matches wins. Kept here, once, so every reader agrees.
# An fp16 run's dynamic loss scale (fairseq, DeepSpeed, GradScaler's get_scale).
LOSS_SCALE = r"(^|[/_])(loss[_ ]scale|loss[_ ]scaler|grad[_ ]scale|scaler[_ ]scale)$"
# Gradient accumulation (HF's gradient_accumulation_steps, Lightning's accumulate_grad_batches): the
# batches summed per update, which multiply the batch size an update sees.
ACCUMULATION = (r"(^|[/_.-])(grad(ient)?_?accum(ulation)?(_steps|_batches|_iters)?|accumulate_grad_batches"
                r"|acc(um(ulation)?)?_(steps|batches|iters)|num_accumulat\w*)$")
# A weight or coefficient of a term of the loss (kl_weight, aux_loss_coef, lambda_gp): a setting, not a
# curve, though the name says "loss" or "kl".
LOSS_WEIGHT = (r"(^|[/_.-])\w+_(weight|lambda)$|(^|[/_.-])lambda_\w+$"
               r"|(loss|kl|kld|aux|reg|penalty|entropy|ent|vf|value|policy|commitment|kd|distill|recon)\w*_coeff?$")

# A best so far: the running best of another series, never a setting either.
BEST_SO_FAR = r"(^|[/_ ])best([_ ]|$)"

_ROLE_PATTERNS: list[tuple[str, re.Pattern]] = [
    # ``lr-<Opt>-momentum`` is Lightning's LearningRateMonitor(log_momentum=True): not an LR.
    # YOLOv5's x/lr0..x/lr2 (a param group's number), lr[0], a unit after the name: "lr (x1e-3)".
    ("lr", re.compile(r"^(lr|learning[_ ]?rate)$|^lr-(?!.*momentum)|(^|[/_.])(lr|learning_rate)\d*$"
                      r"|^(lr|learning_rate)[/_]|^lr\[\d+\]$|^(lr|learning[_ ]?rate)\s*[(\[][^)\]]*[)\]]$")),
    ("epoch", re.compile(r"^(epoch|epochs|[\w.]*/epoch|epoch_float)$")),
    ("batch_size", re.compile(r"(^|[/_.-])(batch_size|batchsize|bs|batch-size|batch size)$")),
    ("grad_norm", re.compile(r"(grad|gradient)[_ -]?norm|^gnorm$|(^|[/_])gnorm$")),
    ("wall_time", re.compile(
        r"^(wall[ _]?time|_runtime|_timestamp|timestamp|time|elapsed(_\w+)?|\w*_time(_s|_ms)?|\w*_runtime)$"
        r"|/(\w*_)?runtime$"  # HF's TensorBoard tags: eval/runtime, train/train_runtime
        # torchvision's and detectron2's loader wait ("data: 0.0001"), an RL log's "episode time"
        r"|(^|[_ ])data$|^\w+ time$"
        r"|(^|[_ ])(ms|s|sec)/(batch|it|iter|step)$")),  # PyTorch's word LM example's "ms/batch 45.23"
    # Bookkeeping, not a curve to diagnose: throughput (Megatron's `samples per second`, TFLOPs) and
    # PaddlePaddle's timings, counters (a second step column beside the one read as the step: `Step` and
    # `step`; MXNet's `Batch [200]` within its epoch), the optimiser's momentum, an fp16 loss scale
    # (Megatron's spaced `loss scale` too), Stable-Baselines3's time/ group, Lightning's hyperparameter
    # placeholder (-1 at step 0) and the logger version its progress bar prints (v_num); a best so far
    # (fairseq's valid_best_loss, a loop's best_return), the running best of a curve logged beside it,
    # whose every new best read as a plateau escaped.
    ("other", re.compile(
        r"(samples|steps|tokens)_per_second|(^|[_ ])per[_ ]second$|^t?flops$|^(batch|reader)_cost$"
        # Sockeye's samples, checkpoint and time cost, nnU-Net's "took", LLaMA-Factory's percentage of the run done
        r"|^(speed|ips|batch|samples|checkpoint|took|percentage)$|total_flos|^time[-_ ]cost$"
        r"|num_input_tokens_seen|momentum|^_step$|^_wandb|(^|/)global_step$"
        r"|^(step|iteration|iter|optimizer_steps?|opt_step)$"
        r"|(^|[_ ])(max[_ ]?)?mem(ory)?(_mb|_gb)?$|(^|[_/ ])mfu$"  # memory held, a model's FLOPs utilisation
        # throughput: OpenNMT's tok/s, Sockeye's updates/sec, TF's global_step/sec
        r"|(^|[_ ])(it|samples|tok|tokens|wps|ups|updates|global_step)/s(ec)?$"
        # fairseq's words and updates a second, words and sentences a batch, out-of-memory count and seconds;
        # ESPnet's count of iterations
        r"|(^|_)(wps|ups|wpb|bsz|oom|wall|total_count)$"
        "|" + LOSS_SCALE + "|" + ACCUMULATION + "|" + LOSS_WEIGHT +
        r"|^time/|^timing/|(^|/)hp_metric$|^v_num$|" + BEST_SO_FAR)),
]


def is_accumulation(name: str) -> bool:
    """Whether a column holds the gradient accumulation (``ACCUMULATION``)."""
    return re.search(ACCUMULATION, name.strip().lower()) is not None


def counts_up(values: np.ndarray) -> bool:
    """Whether finite values are whole numbers rising at every point: a counter (an iteration, a sample
    count), never a loss or a score."""
    return bool(np.all(values == np.round(values)) and np.all(np.diff(values) > 0))


def is_best_so_far(name: str) -> bool:
    """Whether a column holds the running best of another series (``BEST_SO_FAR``)."""
    return re.search(BEST_SO_FAR, name.strip().lower()) is not None


def is_loss_scale(name: str) -> bool:
    """Whether a column holds an fp16 run's dynamic loss scale (``LOSS_SCALE``)."""
    return re.search(LOSS_SCALE, name.strip().lower()) is not None


def column_role(name: str) -> str:
    """The role a column plays, judged from its name alone."""
    low = name.strip().lower()
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(low):
            return role
    return "metric"


@dataclass
class Resume:
    """Where a run went back in steps: how many logged points the later values replaced, and how
    many it dropped that no later row logs again (the earlier attempt ran further)."""

    step: int
    replaced: int
    discarded: int = 0
    steps: int = 0  # the steps whose points were replaced, when a row holds several series' points; else 0


# A run's name longer than this is shown cut.
MAX_RUN_NAME = 200


@dataclass
class Run:
    """One training run: a step-indexed frame of float64 columns, one per logged series.

    ``frame`` has an int64 index named ``step`` (or ``epoch`` / ``row`` when the
    log has no step, see ``step_axis``) and NaN where a series was not logged.
    A logged NaN is a divergence signal, not a gap, so its steps are kept apart
    in ``nan_steps``.
    """

    name: str
    source: str
    format: str
    frame: pd.DataFrame
    step_axis: str = "step"
    roles: dict[str, str] = field(default_factory=dict)
    nan_steps: dict[str, np.ndarray] = field(default_factory=dict)
    resumes: list[Resume] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # First steps of the parts logged after a step counter started again and numbered on.
    restarts: list[int] = field(default_factory=list)
    _spans: tuple | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A run name from a hostile meta.yaml (50 MB) took minutes in the terminal's line splitter.
        if len(self.name) > MAX_RUN_NAME:
            self.warnings.append(f"the run's name is {len(self.name):,} characters long: shown cut to {MAX_RUN_NAME}")
            self.name = self.name[:MAX_RUN_NAME] + "…"

    def role(self, column: str) -> str:
        return self.roles.get(column, "metric")

    def logged_span(self, column: str) -> tuple[int, int] | None:
        """(first, last) step where ``column`` holds a value; None where it holds none. Read for every
        column at once and kept while the frame stands: scanned per event and column, a log of 200
        metrics spent two thirds of its analysis here."""
        frame = self.frame
        if self._spans is None or self._spans[0] is not frame or self._spans[1] != frame.shape:
            held = frame.notna().to_numpy()
            steps = frame.index.to_numpy()
            any_held = held.any(axis=0) if len(frame) else np.zeros(frame.shape[1], bool)
            first = held.argmax(axis=0) if len(frame) else np.zeros(frame.shape[1], int)
            last = len(frame) - 1 - held[::-1].argmax(axis=0) if len(frame) else first
            spans = {col: (int(steps[a]), int(steps[b])) for col, a, b, ok in zip(frame.columns, first, last, any_held)
                     if ok}
            self._spans = (frame, frame.shape, spans)
        return self._spans[2].get(column)

    def columns_with_role(self, role: str) -> list[str]:
        return [c for c in self.frame.columns if self.role(c) == role]

    def series(self, column: str) -> pd.Series:
        """The logged points of one column (gaps dropped, logged NaNs put back)."""
        col = self.frame[column]
        nans = self.nan_steps.get(column)
        if nans is None or len(nans) == 0:
            return col.dropna()
        keep = col.notna() | col.index.isin(nans)
        return col[keep]


def build_run(
    name: str,
    source: str,
    format: str,
    table: pd.DataFrame,
    step: np.ndarray | None,
    *,
    step_axis: str = "step",
    logged_nan: pd.DataFrame | None = None,
    warnings: list[str] | None = None,
) -> Run:
    """Turn rows as the log wrote them (file order) into a canonical ``Run``.

    ``table`` holds one float column per series, NaN where a row did not log it;
    ``logged_nan`` (same shape, bool) marks cells that held a literal NaN.
    Steps that go backwards keep the later values, as TensorBoard does: every
    earlier row at or after the step the log went back to is replaced.
    """
    warnings = list(warnings or [])
    table = table.reset_index(drop=True)
    if step is None:
        step = np.arange(len(table), dtype=np.int64)
        step_axis = "row"
    step = _as_int_steps(np.asarray(step), source)
    if len(step) != len(table):
        raise CurvedocError("internal: step and table lengths differ", source)
    if logged_nan is not None:
        logged_nan = logged_nan.reset_index(drop=True)

    resumes: list[Resume] = []
    restarts: list[int] = []
    if len(step) > 1 and not np.all(np.diff(step) > 0):
        check_order(step, source)
        if _streams_apart(table, logged_nan, step):
            order = np.argsort(step, kind="stable")
            table, step = table.iloc[order].reset_index(drop=True), step[order]
            logged_nan = None if logged_nan is None else logged_nan.iloc[order].reset_index(drop=True)
            warnings.append("rows whose steps go back log other series than the rows they go back over "
                            "(evaluations appended after training): read in step order, no resume")
        stray = stray_rows(step)
        if stray.any():
            warnings.append(stray_warning(step, stray))
            table, step = table[~stray].reset_index(drop=True), step[~stray]
            logged_nan = None if logged_nan is None else logged_nan[~stray].reset_index(drop=True)
        echoed = _echoed_rows(table, step)
        if echoed.any():
            n = int(echoed.sum())
            at = ", ".join(str(s) for s in step[echoed][:3]) + (", ..." if n > 3 else "")
            warnings.append(f"{n} row{'s' * (n != 1)} going back to a step logged before and "
                            f"repeating its values skipped (step {at}: a best epoch or iteration printed again, as "
                            "early stopping does)")
            table, step = table[~echoed].reset_index(drop=True), step[~echoed]
            logged_nan = None if logged_nan is None else logged_nan[~echoed].reset_index(drop=True)
    if len(step) > 1 and step_axis in ("step", "epoch") and not np.all(np.diff(step) > 0):
        columns = [table[c].to_numpy(dtype="float64") for c in table.columns if column_role(str(c)) == "metric"]
        # An epoch's row is a mean over the epoch already: single rows are levels (a second fit()
        # of a model that converged in its first epoch starts nowhere near a median of its first ten).
        [step], restarts = _renumber_restarts([step], [columns], warnings,
                                              points=1 if step_axis == "epoch" else LEVEL_POINTS)
    if len(step) > 1 and not np.all(np.diff(step) > 0):
        written = step
        table, step, logged_nan, resumes, overwritten = _resolve_order(table, step, logged_nan)
        warnings.extend(resume_warnings(resumes))
        if overwritten:
            warnings.append(_relogged_warning(overwritten, " with another value") + _rounded_steps(written))

    clock = _clock_steps(step) if step_axis == "step" else None
    if clock:
        warnings.append(clock)
    table = table.astype("float64")
    logged = table.notna().any().to_numpy()
    if logged_nan is not None:
        logged = logged | logged_nan.any().to_numpy()
    if not logged.all():  # selecting columns copies the frame: only when one was never logged
        table = table.loc[:, logged]
    table.index = pd.Index(step, name=step_axis, dtype="int64")
    table.columns = [str(c) for c in table.columns]
    nan_steps: dict[str, np.ndarray] = {}
    if logged_nan is not None:
        flags = logged_nan.to_numpy(dtype=bool)
        names = {str(c) for c in table.columns}  # columns never logged are gone from the table
        for j in np.flatnonzero(flags.any(axis=0)):
            if str(logged_nan.columns[j]) in names:
                nan_steps[str(logged_nan.columns[j])] = step[flags[:, j]]
    roles = {c: column_role(c) for c in table.columns}
    return Run(name=name, source=source, format=format, frame=table, step_axis=step_axis,
               roles=roles, nan_steps=nan_steps, resumes=resumes, warnings=warnings, restarts=restarts)


# A step read back from a float (``99.9999999`` for 100) is still a whole step.
STEP_ATOL = 1e-6
_INT64_BOUND = 2.0**63
# Steps pass through float64 (CSV cells, JSON numbers, the detectors' time axis), which holds
# integers exactly only up to 2^53: past it 2^53 + 1 reads as 2^53 and neighbouring steps merge.
# Such steps are refused, whatever the format, rather than read wrong.
MAX_STEP = 2**53


def _clock_steps(step: np.ndarray) -> str | None:
    """A step column that holds Unix times (seconds or milliseconds, 2001 to 2100): no run takes
    a billion steps, a logger writing its clock did. Read as given, and said."""
    if len(step) < 2:
        return None
    lo, hi = int(step[0]), int(step[-1])
    for unit, scale in (("seconds", 1), ("milliseconds", 1000)):
        if 978_307_200 * scale <= lo and hi < 4_102_444_800 * scale:
            import datetime

            first, last = (datetime.datetime.fromtimestamp(x // scale, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
                           for x in (lo, hi))
            return (f"the steps look like Unix times in {unit} ({first} to {last} UTC): read as step numbers; "
                    f"a step or epoch column, if the log has one, gives the training's own axis")
    return None


def check_step_range(step, source: object) -> None:
    """Refuse steps at or beyond +-2^53 (``MAX_STEP``); NaN and infinities are left to the caller."""
    step = np.asarray(step)
    if step.dtype.kind == "f":
        step = step[np.isfinite(step)]
    if step.dtype.kind not in "iufO" or step.size == 0:
        return
    outside = step[(step >= MAX_STEP) | (step <= -MAX_STEP)]
    if outside.size:
        first = outside[0]
        shown = f"{first:.17g}" if isinstance(first, (float, np.floating)) else str(int(first))
        raise CurvedocError(f"steps from 2^53 = {MAX_STEP} on cannot be told apart once read as numbers "
                            f"(neighbouring steps merge); this log has step {shown}", source)


def whole_steps(values: np.ndarray) -> np.ndarray | None:
    """``values`` as int64 steps when every one is finite and whole (within ``STEP_ATOL``); else None."""
    values = np.asarray(values)
    if values.dtype.kind in "iu":
        return values.astype(np.int64, copy=False)
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    values = values.astype("float64", copy=False)
    rounded = np.round(values)
    # Exact equality, the usual case, in one pass; NaN fails it and the tolerance check alike.
    if not np.array_equal(values, rounded):
        if not np.allclose(values, rounded, rtol=0, atol=STEP_ATOL):
            return None
        if 2 * len(np.unique(rounded)) < len(np.unique(values)):
            return None  # steps 1e-9 apart: within the tolerance of whole numbers, but no counter of them
    if not (-_INT64_BOUND <= rounded.min() and rounded.max() < _INT64_BOUND):  # an inf, or past int64
        return None
    return rounded.astype(np.int64)


def _as_int_steps(step: np.ndarray, source: str) -> np.ndarray:
    check_step_range(step, source)
    steps = whole_steps(step)
    if steps is not None:
        return steps
    if not np.all(np.isfinite(step)):
        raise CurvedocError("the step column has empty or non-numeric cells", source)
    raise CurvedocError("the step column holds fractional values", source)


def _relogged_warning(counts: dict[str, int], how: str = "") -> str:
    """The warning for points a later one at the same step replaced, ``counts`` by series."""
    names = ", ".join(list(counts)[:3]) + (", ..." if len(counts) > 3 else "")
    return f"{sum(counts.values())} points logged again at a step already logged{how}: last value kept ({names})"


# Steps that all hold this few significant digits, past ten times their reach, were written rounded.
ROUNDED_STEP_DIGITS = 3


def _rounded_steps(step: np.ndarray) -> str:
    """A clause for the relogged warning when every step holds ``ROUNDED_STEP_DIGITS`` significant digits
    or fewer though they run past 10^(digits + 1): a step column written rounded (``f"{step:.1e}"``) merges
    neighbouring steps, which is no logging twice ("" otherwise)."""
    nonzero = np.abs(step[step != 0]).astype(np.float64)
    if not len(nonzero):
        return ""
    scale = 10.0 ** np.floor(np.log10(nonzero))
    for digits in range(1, ROUNDED_STEP_DIGITS + 1):
        if nonzero.max() >= 10.0 ** (digits + 1) and np.allclose(
                np.round(nonzero / scale, digits - 1) * scale, nonzero, rtol=1e-12, atol=0):
            return (f"; every step holds {digits} significant digit{'s' * (digits > 1)} at most, up to "
                    f"{int(nonzero.max()):,}: the step column was written rounded (as with .{digits - 1}e), which "
                    "merges neighbouring steps")
    return ""


def _streams_apart(table: pd.DataFrame, logged_nan: pd.DataFrame | None, step: np.ndarray) -> bool:
    """Whether the rows that go back in steps log none of the series of the rows they go back
    over: a resume logs the same series again, while evaluations written after all the training
    rows (a test row at step 0 after training, a Trainer's evaluate() on each checkpoint
    afterwards) are another stream to interleave; taken for a resume, they wiped out the run."""
    back = np.flatnonzero(np.diff(step) < 0)
    if not len(back):
        return False
    logged = table.notna().to_numpy(copy=True)
    if logged_nan is not None:
        logged |= logged_nan.to_numpy(dtype=bool)
    logged[:, [column_role(str(c)) == "epoch" for c in table.columns]] = False  # every row logs the epoch
    gone = superseded_rows(step)
    # The rows behind a step logged before them, not every row from the first such on: TensorFlow's
    # Estimator logs each evaluation at its checkpoint's step, one behind the training line just
    # logged, and the training rows between evaluations log what the rows gone back over do.
    behind = np.zeros(len(step), dtype=bool)
    behind[1:] = step[1:] < np.maximum.accumulate(step)[:-1]
    return bool(gone.any()) and not (logged[gone & ~behind].any(axis=0) & logged[behind].any(axis=0)).any()


def few(names: list[str], keep: int = 5) -> str:
    """Names for a message: the first ``keep`` joined by commas, then how many more there are."""
    return ", ".join(names[:keep]) + (f" and {len(names) - keep} more" if len(names) > keep else "")


# How a reader's warning names a log it left out; ``check`` notes every such log as not judged.
NOT_READ = " not read: "
# How a reader's warning says it stepped over a corrupt record; ``check`` notes the points lost so.
CORRUPT = "fails its CRC check"


def not_read(what: object, reason: str) -> str:
    """The warning for a log a reader left out: ``what`` (as the reader names it) and why."""
    return f"{what}{NOT_READ}{reason}"


def stray_rows(step: np.ndarray) -> np.ndarray:
    """Single rows whose step goes back while the row after them carries on past the row before
    (149, 10, 150): a stray row, not a resume, which would go on from where it went back to.
    Read as a resume, it would throw away every point between (steps 11-149)."""
    out = np.zeros(len(step), dtype=bool)
    if len(step) < 3:
        return out
    out[1:-1] = (step[1:-1] < step[:-2]) & (step[2:] > step[:-2])
    return out


def _echoed_rows(table: pd.DataFrame, step: np.ndarray) -> np.ndarray:
    """Single rows whose step goes back to one logged before and whose values all repeat the last row
    logged there, the log not going on from them: LightGBM's and XGBoost's early stopping print the best
    iteration again at the end ("best iteration is: [61] ..."), a loop its best epoch's held-out loss
    ("restored best model from epoch 1 (val_loss=0.658)"). Read as a resume, every round after the best
    was thrown away. A script run again into the same log repeats its first rows and goes on."""
    out = np.zeros(len(step), dtype=bool)
    back = np.flatnonzero(step[1:] < step[:-1]) + 1
    lone = back[(back == len(step) - 1) | (step[np.minimum(back + 1, len(step) - 1)] <= step[back])]
    if len(lone) > MAX_RESTARTS:
        return out  # a log going back this often is read as before: each look is a pass over the steps
    for i in lone:
        same = np.flatnonzero(step[:i] == step[i])
        if not len(same):
            continue
        row, last = table.iloc[same[-1]].to_numpy(dtype="float64"), table.iloc[i].to_numpy(dtype="float64")
        logged = np.isfinite(last)
        out[i] = bool(logged.any()) and bool(np.array_equal(row[logged], last[logged]))
    return out


def stray_warning(step: np.ndarray, stray: np.ndarray) -> str:
    at = np.flatnonzero(stray)
    where = ", ".join(f"{step[i]} between {step[i - 1]} and {step[i + 1]}" for i in at[:3]) + \
        (", ..." if len(at) > 3 else "")
    return f"{len(at)} stray row{'s' * (len(at) != 1)} out of step order skipped (step {where})"


def superseded_rows(step: np.ndarray) -> np.ndarray:
    """Rows a later row goes back before (a strictly smaller step comes after them)."""
    later_min = np.minimum.accumulate(step[::-1])[::-1]
    later_min = np.append(later_min[1:], np.iinfo(np.int64).max)
    return step > later_min


def _resolve_order(table, step, logged_nan):
    """Keep-later semantics for resumed runs, then merge rows that share a step.

    Row i is superseded when a later row has a strictly smaller step (the log
    went back before it), as TensorBoard purges orphaned data. Rows at the same
    step are merged column by column, the last logged cell winning: sparse logs
    (Lightning, W&B) write one row per logging call, so equal steps usually
    carry different series.
    """
    columns = table.columns
    vals = table.to_numpy(dtype="float64")
    nanm = np.zeros(vals.shape, bool) if logged_nan is None else logged_nan.to_numpy(dtype=bool)
    logged = ~np.isnan(vals) | nanm

    superseded = superseded_rows(step)
    backs = np.flatnonzero(np.diff(step) < 0) + 1
    # Only a log that goes back has cells to count as replaced or dropped (repeated steps alone do not).
    relogged = _logged_again(step, superseded, logged) if len(backs) else None
    resumes = []
    counted = np.zeros(len(step), bool)
    for j in backs:
        # Points at later steps are dropped; at the step gone back to, the cells the new
        # attempt logs again are overwritten. Each earlier row counts for one resume only.
        back = step[j]
        hit = ~counted[:j] & (step[:j] >= back)
        relogged_now = logged[j:][step[j:] == back].any(axis=0)
        past = hit & (step[:j] > back)
        gone = logged[:j][past]
        replaced_past = gone & relogged[:j][past]  # logged later again; the rest of them is discarded
        replaced_at = logged[:j][hit & (step[:j] == back)] & relogged_now
        rows = np.count_nonzero(replaced_past.any(axis=1)) + np.count_nonzero(replaced_at.any(axis=1))
        counted[:j] |= hit
        resumes.append(Resume(step=int(back), replaced=int(replaced_past.sum() + replaced_at.sum()),
                              discarded=int(gone.sum() - replaced_past.sum()), steps=int(rows)))

    keep = ~superseded
    vals, nanm, logged, step, counted = vals[keep], nanm[keep], logged[keep], step[keep], counted[keep]
    order = np.argsort(step, kind="stable")
    vals, nanm, logged, step, counted = vals[order], nanm[order], logged[order], step[order], counted[order]
    overwritten: dict[str, int] = {}
    if len(step) > 1 and np.any(np.diff(step) == 0):
        starts = np.flatnonzero(np.r_[True, np.diff(step) != 0])
        pos = np.where(logged, np.arange(len(step))[:, None], -1)
        last = np.maximum.reduceat(pos, starts, axis=0)
        has = last >= 0
        rows = np.where(has, last, 0)
        cols = np.arange(vals.shape[1])[None, :]
        kept, kept_nan = np.where(has, vals[rows, cols], np.nan), has & nanm[rows, cols]
        # Cells a later one at the same step replaces with another value (several losses logged
        # at one global step: micro-batches of an accumulated step). Sparse loggers write one
        # series per row, and an equal value written twice (the epoch) replaces nothing.
        group = np.cumsum(np.r_[True, np.diff(step) != 0]) - 1
        same = (vals == kept[group]) | (np.isnan(vals) & np.isnan(kept[group]) & (nanm == kept_nan[group]))
        # A resume's own overwrite (the step it went back to, logged again) is counted as the resume's.
        lost = (logged & (pos != last[group]) & ~same & ~counted[:, None]).sum(axis=0)
        overwritten = {str(c): int(k) for c, k in zip(columns, lost) if k}
        vals, nanm, step = kept, kept_nan, step[starts]
    table = pd.DataFrame(vals, columns=columns)
    logged_nan = pd.DataFrame(nanm, columns=columns)
    return table, step, logged_nan, resumes, overwritten

def _logged_again(step: np.ndarray, superseded: np.ndarray, logged: np.ndarray) -> np.ndarray:
    """Cells whose series a kept row logs at the same step: their value lives on in a later one."""
    kept = np.flatnonzero(~superseded)
    steps = np.unique(step[kept])
    if not len(steps):
        return np.zeros_like(logged)
    order = np.argsort(step[kept], kind="stable")
    at_step = np.logical_or.reduceat(logged[kept][order], np.searchsorted(step[kept][order], steps), axis=0)
    pos = np.minimum(np.searchsorted(steps, step), len(steps) - 1)
    return at_step[pos] & (steps[pos] == step)[:, None]


# Above this many resumes the warnings are summed up in one line.
MAX_RESUMES_LISTED = 3
# Steps going back at more than this share of the rows are no resumed runs or appended exports
# (each adds one go-back), but rows written out of order: reversed, shuffled, or sorted by value.
MAX_GO_BACK_SHARE = 1 / 3


def check_order(step: np.ndarray, source: str, series: str | None = None) -> None:
    """Refuse a log whose steps go back at so many rows that keeping the later values (the rule
    for resumed runs) would keep next to nothing of it."""
    go_backs = int(np.count_nonzero(np.diff(step) < 0))
    if go_backs >= 3 and go_backs > MAX_GO_BACK_SHARE * len(step):
        what = f"{series}: steps" if series else "steps"
        raise CurvedocError(f"{what} go back at {go_backs} of {len(step)} rows: not the order a run logs in "
                            "(rows reversed or shuffled?); sort the log by step", source)


def epoch_points_at_steps(steps: np.ndarray, walls: np.ndarray, epoch_walls: np.ndarray, is_lr: bool,
                          before_first: int) -> np.ndarray:
    """Where points logged once an epoch go on a batch counter, by the times logged (``steps`` and
    ``walls`` rising together; ``epoch_walls`` the epoch points' times): a value at the last batch
    logged before it (``before_first`` when none was), an LR at the first batch after the previous
    epoch's point (the LR that epoch was trained at). Keras's TensorBoard callback and MLflow's
    autolog both log epochs beside batches."""
    if is_lr:
        at = np.searchsorted(walls, np.concatenate(([-np.inf], epoch_walls[:-1])), side="right")
        return steps[np.minimum(at, len(steps) - 1)].astype(np.int64)
    at = np.searchsorted(walls, epoch_walls, side="right") - 1
    return np.where(at >= 0, steps[np.maximum(at, 0)], before_first).astype(np.int64)


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
    for key, (step, _, _) in series.items():
        check_step_range(step, source)
        check_order(np.asarray(step, dtype=np.int64), source, key)
    keys = list(series)
    renumbered, restarts = _renumber_restarts([np.asarray(series[k][0], dtype=np.int64) for k in keys],
                                              [[np.asarray(series[k][1], dtype="float64")]
                                               if column_role(k) == "metric" else [] for k in keys], warnings,
                                              [None if series[k][2] is None else np.asarray(series[k][2], dtype=float)
                                               for k in keys])
    series = {k: (step, series[k][1], series[k][2]) for k, step in zip(keys, renumbered)}
    resolved: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray | None]] = {}
    resumes: list[list[Resume]] = []
    duplicates: dict[str, int] = {}
    for key, (step, value, wall) in series.items():
        step = np.asarray(step, dtype=np.int64)
        stray = stray_rows(step)
        if stray.any():
            warnings.append(f"{key}: {stray_warning(step, stray)}")
            step, value, wall = step[~stray], value[~stray], None if wall is None else wall[~stray]
        keep, series_resumes, dup = _keep_later(step)
        if dup is not None:
            # A value logged again as it was (Lightning writes the epoch at each of its loggers'
            # calls) loses nothing: only another value is said.
            kept = np.searchsorted(step[keep], step[dup])
            again = value[keep][kept]
            n_dup = int(np.count_nonzero((again != value[dup]) & ~(np.isnan(again) & np.isnan(value[dup]))))
            if n_dup:
                duplicates[key] = n_dup
        if keep is not None:
            step, value = step[keep], value[keep]
            wall = None if wall is None else wall[keep]
        resolved[key] = (step, value, wall)
        resumes.append(series_resumes)
    merged = _merge_resumes(resumes)
    warnings.extend(resume_warnings(merged))
    if duplicates:
        warnings.append(_relogged_warning(duplicates, " with another value"))

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
    run.resumes, run.restarts = merged, restarts
    return run


def counter_restarts(step: np.ndarray) -> np.ndarray:
    """Indices where the steps go back to the log's first step (within one logging interval): the
    counter started again, where a resume from a checkpoint goes back to the checkpoint's step."""
    back = np.flatnonzero(np.diff(step) < 0) + 1
    if not len(back) or len(back) > MAX_RESTARTS:
        return np.zeros(0, dtype=np.int64)
    interval = _logging_interval(step)
    low = np.minimum.accumulate(step)
    out = []
    for j in back:
        if step[j] > low[j - 1] + interval:
            continue  # back to a checkpoint's step: a resume
        # ... and count up from there as before. One row at the first step among later ones (a chunk of
        # the file pasted again), or attempts of a row or two, are no counter started again: the log is
        # then read as before, every return alike.
        head = np.diff(step[j: j + RESTART_ROWS])
        if not len(head) or (head < 0).any() or head.sum() > 2 * interval * len(head):
            return np.zeros(0, dtype=np.int64)
        out.append(int(j))
    return np.asarray(out, dtype=np.int64)


def _logging_interval(step: np.ndarray) -> float:
    """The median step from one logged point to the next (1 when the steps never move on)."""
    gaps = np.diff(step)
    gaps = gaps[gaps > 0]
    return float(np.median(gaps)) if len(gaps) else 1.0


# How the warning on steps numbered on past a reset counter starts.
RESTARTED = "steps start again"
# A counter started again counts up over its first this many rows, a logging interval or two apart.
RESTART_ROWS = 5
# Past this many returns to the first step a log is read as before (the keep-later rule): a log of
# thousands of attempts is no run resumed, and reading each would cost minutes.
MAX_RESTARTS = 1000


# Finite values per metric whose median is a level, when telling a run carried on from a fresh one.
LEVEL_POINTS = 10
# The two candidate levels must stand this many typical changes (of such a median) apart to be told apart.
CLEAR_GAP = 3.0
# Rows either side of a restart that its reading looks at: the work stays linear in the log.
VOTE_ROWS = 2000


def carry_votes(columns: list[np.ndarray], j: int, replaced: int, end: int,
                points: int = LEVEL_POINTS) -> tuple[float, float]:
    """Whether the rows from ``j`` carry on from where the rows before left off (the same model
    trained on) or start where the rows from ``replaced`` did (a fresh run, or a resume from an
    early checkpoint), as votes (carry, fresh): each metric column votes with the gap between the
    two candidate levels in units of its own typical change, read on medians of up to ``points``
    finite values. One whose candidates stand closer than CLEAR_GAP such units does not vote."""
    carry = fresh = 0.0
    # The attempt before's first and last points apart: a first attempt of 5 points read as its own
    # start and end would vote for neither.
    points = max(1, min(points, (j - replaced) // 2))
    for x in columns:
        old = x[max(0, j - VOTE_ROWS):j]
        old = old[np.isfinite(old)]
        head = x[j:min(end, j + VOTE_ROWS)]
        head = head[np.isfinite(head)][:points]
        start = x[replaced:min(j, replaced + VOTE_ROWS)]
        start = start[np.isfinite(start)][:points]
        if len(old) < 2 or not len(head) or not len(start):
            continue
        if (old > 0).all() and (head > 0).all() and (start > 0).all():
            old, head, start = np.log(old), np.log(head), np.log(start)
        unit = float(np.median(np.abs(np.diff(old)))) / np.sqrt(min(len(head), len(start)))
        now, last, then = float(np.median(head)), float(np.median(old[-points:])), float(np.median(start))
        weight = abs(last - then) / unit if unit > 0 else 0.0
        if weight < CLEAR_GAP:
            continue
        if abs(now - last) < abs(now - then):
            carry += weight
        else:
            fresh += weight
    return carry, fresh


def _renumber_restarts(steps: list[np.ndarray], columns: list[list[np.ndarray]], warnings: list[str],
                       walls: list[np.ndarray | None] | None = None,
                       points: int = LEVEL_POINTS) -> tuple[list[np.ndarray], list[int]]:
    """Steps numbered on where a counter started again at the log's first step while the values
    carried on from where they were: a job resumed from its last checkpoint without its step
    (one TensorBoard writer per attempt, a CSV appended to). Read as a resume, the later points
    replaced the whole first part, and the run's first half was gone.

    ``steps`` are the log's step arrays (one for a table, one per series) in log order, ``columns``
    each one's metric values, ``walls`` each one's wall times if logged. The array with the most
    points sets where the counter started again and by how much each part moves on. An array with
    as many restarts of its own moves at them and votes with it; another (an evaluation logged three
    times an attempt, a metric begun after a resume) moves by the wall times it was logged at, when
    both have them. ``points``: how many values make a level (``carry_votes``). Returns the steps
    and where each part numbered on now starts."""
    found = [counter_restarts(s) for s in steps]
    with_restarts = [i for i, f in enumerate(found) if len(f)]
    if not with_restarts:
        return steps, []
    ref = max(with_restarts, key=lambda i: len(steps[i]))
    walls = walls or [None] * len(steps)
    K = len(found[ref])
    own = [i for i in range(len(steps)) if len(found[i]) == K]
    by_time = [i for i in range(len(steps)) if i not in own and walls[i] is not None and walls[ref] is not None]
    if any(len(found[i]) and i not in own and i not in by_time for i in range(len(steps))):
        return steps, []  # restarts that cannot be lined up with the reference's: read as before
    out = [s.copy() for s in steps]
    pm = {i: np.maximum.accumulate(steps[i]) for i in own}
    shift = np.zeros(K + 1, dtype=np.int64)  # what each part of the reference moved by
    # The interval the reference logged at before each restart: read once when its steps move on by one
    # gap throughout (a median over each longer prefix cost seconds on 10^6 steps of 1,000 attempts).
    gaps = np.diff(steps[ref])
    gaps = gaps[gaps > 0]
    uniform = gaps[0] if len(gaps) and gaps.min() == gaps.max() else None
    said = []
    for k in range(K):
        carry = fresh = 0.0
        for i in own:
            j = int(found[i][k])
            end = int(found[i][k + 1]) if k + 1 < K else len(out[i])
            replaced = int(np.searchsorted(pm[i][:j], out[i][j]))
            c, fr = carry_votes(columns[i], j, replaced, end, points)
            carry, fresh = carry + c, fresh + fr
        j = int(found[ref][k])
        interval = int(uniform) if uniform is not None else int(_logging_interval(steps[ref][:j]))
        # Offsets from the reference's steps as numbered so far: its part before ends where it was moved to.
        last = int(steps[ref][j - 1]) + int(shift[k])
        offset = last + interval - int(steps[ref][j]) if carry > fresh else 0
        shift[k + 1] = offset
        if offset:
            said.append((int(steps[ref][j]), last, int(steps[ref][j]) + offset))
    if not said:
        return steps, []
    for i in own:
        bounds = list(found[i]) + [len(out[i])]
        for k in range(K):
            out[i][bounds[k]:bounds[k + 1]] += shift[k + 1]
    restart_walls = walls[ref][found[ref]] if walls[ref] is not None else None
    for i in by_time:
        part = np.searchsorted(restart_walls, walls[i], side="right")
        out[i] = out[i] + shift[part]
    if any(len(s) and (int(s.max()) >= MAX_STEP or int(s.min()) <= -MAX_STEP) for s in out):
        return steps, []  # numbered on past 2^53: read as before
    if len(said) <= MAX_RESUMES_LISTED:
        warnings += [f"{RESTARTED} at {first} after {last}, the values carrying on from there: read as one "
                     f"run resumed without its step count, its steps renumbered from {new}"
                     for first, last, new in said]
    else:
        where = ", ".join(str(last) for _, last, _ in said[:5]) + (", ..." if len(said) > 5 else "")
        warnings.append(f"{RESTARTED} at the first step {len(said)} times (after {where}), the values carrying "
                        "on each time: read as one run resumed without its step count, its steps numbered on")
    return out, [new for _, _, new in said]


def _keep_later(step: np.ndarray) -> tuple[np.ndarray | None, list[Resume], np.ndarray | None]:
    """Rows to keep under the keep-later rule, the resumes, and the rows merged into a later one at
    the same step (a point logged twice in a row), if any.

    Same rule as ``build_run``: a row is superseded when a later row has a
    smaller step; of rows at one step the last wins. ``Resume.replaced``
    counts each point a resume replaced once, at the first resume that
    reached back over it; the points left over were logged twice in a row.
    """
    if len(step) < 2:
        return None, [], None
    diff = np.diff(step)
    if np.all(diff > 0):
        return None, [], None
    keep = np.flatnonzero(~superseded_rows(step))
    kept_steps = step[keep]
    keep = keep[np.r_[kept_steps[1:] != kept_steps[:-1], True]]
    dropped = np.ones(len(step), dtype=bool)
    dropped[keep] = False
    relogged = np.isin(step, step[keep])
    resumes = []
    counted = np.zeros(len(step), dtype=bool)
    for j in np.flatnonzero(diff < 0) + 1:
        hit = dropped[:j] & ~counted[:j] & (step[:j] >= step[j])
        counted[:j] |= hit
        discarded = int((hit & ~relogged[:j]).sum())
        resumes.append(Resume(step=int(step[j]), replaced=int(hit.sum()) - discarded, discarded=discarded))
    dup = np.flatnonzero(dropped & ~counted)
    return keep, resumes, dup if len(dup) else None


def _merge_resumes(per_series: list[list[Resume]]) -> list[Resume]:
    """One list of resumes for the run: the k-th return to a step is one resume across series.

    When every series that went back did so as many times, the k-th return of each is one resume,
    dated at the earliest step it went back to: a series logged per epoch comes back at the first
    epoch's end after the point a per-step series came back to."""
    counts = {len(resumes) for resumes in per_series if resumes}
    if len(counts) == 1:
        went_back = [resumes for resumes in per_series if resumes]
        return [Resume(step=min(r[k].step for r in went_back), replaced=sum(r[k].replaced for r in went_back),
                       discarded=sum(r[k].discarded for r in went_back))
                for k in range(counts.pop())]
    totals: dict[tuple[int, int], Resume] = {}
    for resumes in per_series:
        seen: dict[int, int] = {}
        for r in resumes:
            k = seen.get(r.step, 0)
            seen[r.step] = k + 1
            total = totals.setdefault((r.step, k), Resume(step=r.step, replaced=0))
            total.replaced += r.replaced
            total.discarded += r.discarded
    return list(totals.values())


def resume_warnings(resumes: list[Resume]) -> list[str]:
    """The warnings for resumes: one per resume, or one line when there are many."""
    if len(resumes) <= MAX_RESUMES_LISTED:
        # Several runs appended into one log go back to the same step: the lines must not read as one twice.
        return [f"steps go back to {r.step}{' again' * (r.step in (q.step for q in resumes[:i]))}: later values "
                f"kept, {_replaced(r.replaced, r.discarded, r.steps)}" for i, r in enumerate(resumes)]
    steps = sorted({r.step for r in resumes})
    where = ", ".join(str(s) for s in steps[:5]) + (", ..." if len(steps) > 5 else "")
    replaced = _replaced(sum(r.replaced for r in resumes), sum(r.discarded for r in resumes))
    return [f"steps go back {len(resumes)} times (to {where}): later values kept, {replaced} "
            "(several runs or exports appended into one log?)"]


def _replaced(replaced: int, discarded: int, steps: int = 0) -> str:
    dropped = f" and {discarded} dropped that no later row logs again" if discarded else ""
    # Four series logged again over 180 steps are 720 points: said as the steps the user counts.
    if steps and steps != replaced:
        return f"{replaced} points of {steps} steps replaced{dropped}"
    return f"{replaced} points replaced{dropped}"
