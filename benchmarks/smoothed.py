"""The labelled runs again, with their metric smoothed the way many loggers print it.

fastai logs an EMA of the loss (beta 0.98), training loops print a
``running_loss``, progress bars average the last steps: the noise of such a
log wanders over many points instead of changing from one point to the next.
Each run of at least ``MIN_POINTS`` points is scored as logged and with an
EMA of the metric; an EMA delays a step by ln 2 / (1 - beta) points, which is
added to every tolerance. The runs logged at every update are also scored as
TensorFlow 2 Keras passes them to per-batch callbacks (the mean since each
epoch's start) and as a mean of the last ``RUNNING`` updates; half an epoch,
or half the window, is added to every tolerance.
"""

from __future__ import annotations

import math

import numpy as np

from benchmarks.scoring import Tally, score_run

BETAS = (0.9, 0.98)
RUNNING = 20
# Shorter logs hold too few independent points once smoothed to say anything.
MIN_POINTS = 300


def ema(values: np.ndarray, beta: float) -> np.ndarray:
    """The EMA a logger keeps over the finite points (NaN and inf are left where they are)."""
    out = values.copy()
    acc = None
    for i in np.flatnonzero(np.isfinite(values)):
        acc = values[i] if acc is None else beta * acc + (1 - beta) * values[i]
        out[i] = acc
    return out


def epoch_means(values: np.ndarray, steps: np.ndarray, per_epoch: int) -> np.ndarray:
    """The mean since each epoch's start, as TensorFlow 2 Keras passes it to per-batch callbacks
    (steps count updates from 1)."""
    epoch = (steps - 1) // per_epoch
    starts = np.r_[0, np.flatnonzero(np.diff(epoch)) + 1]
    out = np.empty_like(values)
    for a, b in zip(starts, np.r_[starts[1:], len(values)]):
        out[a:b] = np.cumsum(values[a:b]) / np.arange(1, b - a + 1)
    return out


def running_mean(values: np.ndarray, n: int) -> np.ndarray:
    """The mean of the last ``n`` values at every step (fewer at the start)."""
    c = np.cumsum(np.insert(values, 0, 0.0))
    lo = np.maximum(np.arange(len(values)) - n + 1, 0)
    return (c[1:] - c[lo]) / (np.arange(len(values)) + 1 - lo)


def smoothed_logs(sets: list[list[tuple]]) -> str:
    """Markdown: detection on every set's long runs, as logged and EMA-smoothed, and on those logged
    at every update as Keras per-batch means and as running means. Each run is read once."""
    from curvedoc import read

    tallies = {beta: Tally() for beta in (0.0,) + BETAS}
    per_update = {"raw": Tally(), "mean since each epoch's start (Keras per batch)": Tally(),
                  f"mean of the last {RUNNING} updates": Tally()}
    n_runs = n_per_update = 0
    for runs in sets:
        for folder, truth in runs:
            metric, per_epoch = truth["metric"], truth.get("steps_per_epoch")
            (run,) = read(folder / truth["log"])
            s = run.series(metric)
            if len(s) < MIN_POINTS:
                continue
            n_runs += 1
            raw = s.to_numpy().copy()
            steps = s.index.to_numpy()
            spacing = float(np.median(np.diff(steps)))
            found_raw = _detections(run, s, truth, raw)
            for beta, tally in tallies.items():
                found = _detections(run, s, truth, ema(raw, beta)) if beta else found_raw
                _score(tally, truth, found, math.log(2) / (1 - beta) * spacing if beta else 0.0)
            if not per_epoch or s.isna().any() or np.any(np.diff(steps) != 1):
                continue
            n_per_update += 1
            for tally, found, lag in zip(per_update.values(), [
                    found_raw, _detections(run, s, truth, epoch_means(raw, steps, per_epoch)),
                    _detections(run, s, truth, running_mean(raw, RUNNING))], [0.0, per_epoch / 2, RUNNING / 2]):
                _score(tally, truth, found, lag)
    header = ["| metric as logged | precision | recall | F1 | TP/FP/FN | events on no-event runs |",
              "|---|---|---|---|---|---|"]
    lines = ["", "", f"Smoothed logs: the {n_runs} runs of all {len(sets)} sets with {MIN_POINTS} points or more, as "
             "logged and with an EMA of the metric, as fastai (beta 0.98) or a `running_loss` print logs it "
             "(tolerances widened by the EMA's delay).", ""] + header
    lines += [_row(f"EMA, beta {beta}" if beta else "raw", t) for beta, t in tallies.items()]
    lines += ["", f"The {n_per_update} of them logged at every update, as logged, as TensorFlow 2 Keras passes them to "
              "per-batch callbacks (and so W&B and TensorBoard log them per batch: the mean since each epoch's "
              f"start), and as the mean of the last {RUNNING} updates (tolerances widened by half an epoch, or "
              "half the window).", ""] + header
    lines += [_row(name, t) for name, t in per_update.items()]
    return "\n".join(lines)


def _detections(run, s, truth: dict, logged: np.ndarray) -> list[dict]:
    """curvedoc's events on the run with its metric replaced by ``logged``."""
    from benchmarks.accuracy import user_schedule
    from curvedoc.analysis import analyze

    run.frame.loc[s.index, truth["metric"]] = logged
    ((sa,),) = [ra.metrics for ra in analyze([run], metrics=[truth["metric"]], user_schedule=user_schedule(truth))]
    return [{"step": e.step} for e in sa.events]


def _score(tally: Tally, truth: dict, found: list[dict], lag: float) -> None:
    """Score detections against the truth with every tolerance widened by ``lag`` steps."""
    events = [dict(e, tolerance=e["tolerance"] + lag) for e in truth.get("events", [])]
    score_run(tally, events, found, truth.get("no_event", False))


def _row(name: str, t: Tally) -> str:
    return f"| {name} | {t.precision:.2f} | {t.recall:.2f} | **{t.f1:.2f}** | {t.tp}/{t.fp}/{t.fn} | {t.null_fp} |"
