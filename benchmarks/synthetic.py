"""Realistic per-step training curves with known change points, and writers for the formats curvedoc reads.

A curve is a power-law decay towards a floor (the reducible part shrinks as
``(1 + t/t0)^-alpha``), step decays of the LR that each cut the reducible part
with a short exponential relaxation, short spikes that return, multiplicative
(lognormal) minibatch noise, an ``lr`` column that follows the schedule, and a
sparse validation column. The truth lists every change a person would point
at, with the tolerance a detection may miss it by, in the shape
``benchmarks/scoring.py`` matches against.

``make_curve(n, seed)`` is one curve; seed 0 is the fixed layout of
change-point-notes.md (decays at 50 % and 75 %, a x3 spike at 30 %), other
seeds draw the layout at random. ``noise`` and ``n`` are free, for scale and
noise sweeps with the same truth.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# Defaults of the notes' test signal (change-point-notes.md, section 1).
START_LOSS = 10.0
FLOOR_LOSS = 0.5
DECAY_CUT = 0.6  # each LR decay multiplies the reducible loss by this
RELAX_FRACTION = 0.002  # relaxation time of a decay, share of the run
SPIKE_FACTOR = 3.0
SPIKE_FRACTION = 0.002  # spike width, share of the run
# A detection within this share of the run from the truth counts (TCPDBench-style margin).
TOLERANCE_FRACTION = 0.005


@dataclass
class Curve:
    """One synthetic run: per-step loss and lr, sparse validation loss, and the truth."""

    steps: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    val_steps: np.ndarray
    val_loss: np.ndarray
    truth: list[dict] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.steps)

    def columns(self) -> dict[str, np.ndarray]:
        """Dense float64 columns over every step (validation NaN where not logged)."""
        val = np.full(self.n, np.nan)
        val[np.searchsorted(self.steps, self.val_steps)] = self.val_loss
        return {"loss": self.loss, "lr": self.lr, "val_loss": val}


def make_curve(n: int, seed: int = 0, noise: float = 0.1, decays: tuple[float, ...] | None = None,
               spikes: tuple[float, ...] | None = None, val_points: int = 200) -> Curve:
    """A curve of ``n`` steps; ``decays``/``spikes`` are positions as shares of the run (None: from the seed)."""
    rng = np.random.default_rng(seed)
    if decays is None or spikes is None:
        d, s = _layout(rng, seed)
        decays = d if decays is None else decays
        spikes = s if spikes is None else spikes
    steps = np.arange(n, dtype=np.int64)
    t = steps.astype(np.float64)
    t0 = max(1.0, n / 200)
    reducible = (START_LOSS - FLOOR_LOSS) * (1 + t / t0) ** -0.5
    lr = np.full(n, 0.1)
    tau = max(1.0, RELAX_FRACTION * n)
    tol = max(10, int(TOLERANCE_FRACTION * n))
    truth = []
    for pos in sorted(decays):
        at = int(pos * n)
        after = t >= at
        relax = 1 - (1 - DECAY_CUT) * (1 - np.exp(-(t[after] - at) / tau))
        reducible[after] *= relax
        lr[after] *= 0.1
        truth.append({"step": at, "tolerance": tol, "cause": "lr_decay"})
    clean = FLOOR_LOSS + reducible
    loss = clean * np.exp(noise * rng.standard_normal(n))
    width = max(1, int(SPIKE_FRACTION * n))
    for pos in spikes:
        at = int(pos * n)
        loss[at: at + width] *= SPIKE_FACTOR
        truth.append({"step": at, "tolerance": tol + width, "cause": "instability"})
        # The return from a spike is neither rewarded nor punished.
        truth.append({"step": at + width, "tolerance": tol, "cause": "instability", "visible": False})
    truth.sort(key=lambda e: e["step"])
    every = max(1, n // val_points)
    val_steps = steps[every - 1:: every]
    val_loss = 1.05 * clean[val_steps] * np.exp(0.02 * rng.standard_normal(len(val_steps)))
    return Curve(steps, loss, lr, val_steps, val_loss, truth)


def _layout(rng: np.random.Generator, seed: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Seed 0: the notes' layout. Others: 1-3 decays in the second half-ish, 0-2 spikes away from them."""
    if seed == 0:
        return (0.5, 0.75), (0.3,)
    k = int(rng.integers(1, 4))
    decays: list[float] = []
    while len(decays) < k:
        p = float(rng.uniform(0.25, 0.9))
        if all(abs(p - q) > 0.1 for q in decays):
            decays.append(p)
    spikes: list[float] = []
    for _ in range(int(rng.integers(0, 3))):
        p = float(rng.uniform(0.15, 0.95))
        if all(abs(p - q) > 0.05 for q in decays + spikes):
            spikes.append(p)
    return tuple(sorted(decays)), tuple(sorted(spikes))


def write_csv(curve: Curve, path: Path) -> Path:
    """A generic per-step CSV: step, loss, lr, val_loss (empty where not logged)."""
    cols = curve.columns()
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:
        import pandas as pd

        pd.DataFrame({"step": curve.steps, **cols}).to_csv(path, index=False)
        return path
    table = pa.table({"step": curve.steps, **{k: pa.array(v, from_pandas=True) for k, v in cols.items()}})
    with open(path, "wb") as fh:
        fh.write((",".join(table.column_names) + "\n").encode())
        pacsv.write_csv(table, fh, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    return path


def write_tb_events(curve: Curve, logdir: Path) -> Path:
    """An event file written by TensorBoard's own ``EventFileWriter``, one scalar per event as ``add_scalar``.

    Tags: ``train/loss`` every step, ``train/lr`` every 100 steps, ``val/loss`` at the validation steps.
    """
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    logdir.mkdir(parents=True, exist_ok=True)
    writer = EventFileWriter(str(logdir), max_queue_size=1000, flush_secs=120)
    lr_every = 100
    val_at = {int(s): float(v) for s, v in zip(curve.val_steps, curve.val_loss)}
    Event, Summary = event_pb2.Event, summary_pb2.Summary
    wall = 1.7e9
    for i, (step, value) in enumerate(zip(curve.steps.tolist(), curve.loss.tolist())):
        w = wall + 0.1 * i
        writer.add_event(Event(wall_time=w, step=step,
                               summary=Summary(value=[Summary.Value(tag="train/loss", simple_value=value)])))
        if step % lr_every == 0:
            writer.add_event(Event(wall_time=w, step=step, summary=Summary(
                value=[Summary.Value(tag="train/lr", simple_value=float(curve.lr[i]))])))
        if step in val_at:
            writer.add_event(Event(wall_time=w, step=step, summary=Summary(
                value=[Summary.Value(tag="val/loss", simple_value=val_at[step])])))
    writer.close()
    return next(logdir.glob("*tfevents*"))


def tb_scalar_count(n: int, val_points: int = 200) -> int:
    """How many scalars ``write_tb_events`` writes for a curve of ``n`` steps."""
    every = max(1, n // val_points)
    return n + math.ceil(n / 100) + len(range(every - 1, n, every))


def write_trainer_state(curve: Curve, path: Path, entries: int) -> Path:
    """A Hugging Face ``trainer_state.json`` whose ``log_history`` has ``entries`` training logs
    (one every ``n // entries`` steps, rounded to 4 decimals as Trainer does), plus eval entries."""
    every = max(1, curve.n // entries)
    history = []
    val_at = dict(zip(curve.val_steps.tolist(), curve.val_loss.tolist()))
    for i in range(every - 1, curve.n, every)[:entries]:
        step = int(curve.steps[i]) + 1
        history.append({"epoch": round(step / 1000, 4), "grad_norm": 1.0, "learning_rate": float(curve.lr[i]),
                        "loss": round(float(curve.loss[i]), 4), "step": step})
        if curve.steps[i] in val_at:
            history.append({"epoch": round(step / 1000, 4), "eval_loss": val_at[curve.steps[i]],
                            "eval_runtime": 1.0, "step": step})
    state = {"best_metric": None, "epoch": history[-1]["epoch"], "global_step": history[-1]["step"],
             "log_history": history, "max_steps": curve.n, "num_train_epochs": 3}
    path.write_text(json.dumps(state, indent=2))
    return path
