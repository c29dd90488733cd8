"""The labelled runs again, with their metric smoothed the way many loggers print it.

fastai logs an EMA of the loss (beta 0.98), training loops print a
``running_loss``, progress bars average the last steps: the noise of such a
log wanders over many points instead of changing from one point to the next.
Each run of at least ``MIN_POINTS`` points is scored as logged and with an
EMA of the metric; an EMA delays a step by ln 2 / (1 - beta) points, which is
added to every tolerance.
"""

from __future__ import annotations

import math

import numpy as np

from benchmarks.scoring import Tally, score_run

BETAS = (0.9, 0.98)
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


def smoothed_logs(sets: list[list[tuple]]) -> str:
    """Markdown: detection on every set's long runs, as logged and EMA-smoothed."""
    from benchmarks.accuracy import user_schedule
    from curvedoc import read
    from curvedoc.analysis import analyze

    tallies = {beta: Tally() for beta in (0.0,) + BETAS}
    n_runs = 0
    for runs in sets:
        for folder, truth in runs:
            metric = truth["metric"]
            (run,) = read(folder / truth["log"])
            s = run.series(metric)
            if len(s) < MIN_POINTS:
                continue
            n_runs += 1
            raw = s.to_numpy().copy()
            spacing = float(np.median(np.diff(s.index.to_numpy())))
            for beta, tally in tallies.items():
                run.frame.loc[s.index, metric] = ema(raw, beta) if beta else raw
                ((sa,),) = [ra.metrics for ra in analyze([run], metrics=[metric], user_schedule=user_schedule(truth))]
                lag = math.log(2) / (1 - beta) * spacing if beta else 0.0
                events = [dict(e, tolerance=e["tolerance"] + lag) for e in truth.get("events", [])]
                score_run(tally, events, [{"step": e.step} for e in sa.events], truth.get("no_event", False))
    n_null = sum(1 for runs in sets for folder, t in runs if t.get("no_event"))
    lines = ["", "", f"Smoothed logs: the {n_runs} runs of all {len(sets)} sets with {MIN_POINTS} points or more, as "
             "logged and with an EMA of the metric, as fastai (beta 0.98) or a `running_loss` print logs it "
             "(tolerances widened by the EMA's delay).", "",
             "| metric as logged | precision | recall | F1 | TP/FP/FN | events on no-event runs |",
             "|---|---|---|---|---|---|"]
    for beta, t in tallies.items():
        name = f"EMA, beta {beta}" if beta else "raw"
        lines.append(f"| {name} | {t.precision:.2f} | {t.recall:.2f} | **{t.f1:.2f}** | {t.tp}/{t.fp}/{t.fn} "
                     f"| {t.null_fp} |")
    return "\n".join(lines)
