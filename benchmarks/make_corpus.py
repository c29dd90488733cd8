"""Generate curvedoc's labelled evaluation corpus: real small training runs.

Every run in benchmarks/corpus/<run>/ is a real training run on this CPU
(sklearn's digits, a synthetic teacher-student task, deep linear nets,
modular addition), written in one real log format, with ``truth.json`` next
to it and ``internals.csv`` holding the quantities measured aside (full
training-set loss/accuracy, saturated or dead units, singular modes, test
accuracy) that the ground truth was taken from.

Needs the torch dev environment (never a curvedoc dependency)::

    python3 -m venv /work/torchenv
    /work/torchenv/bin/pip install torch==2.13.0 scikit-learn tensorboard pandas numpy
    /work/torchenv/bin/python benchmarks/make_corpus.py            # all runs, ~5-10 min
    /work/torchenv/bin/python benchmarks/make_corpus.py --only sd_  # runs whose name contains sd_
    /work/torchenv/bin/python tools/verify_logs.py benchmarks/corpus

truth.json (paths relative to the run directory)::

    {"log": "metrics.csv", "format": "generic_csv", "metric": "train_loss",
     "step_axis": "step", "n_points": 6240, "no_event": false, "lr_logged": true,
     "schedule": {"milestones": [2341, 4681], "gamma": 0.1, "unit": "step", ...} | null,
     "events": [{"step": 2341, "direction": "down", "cause": "lr_decay", "kind": "drop",
                 "tolerance": 60, "how_verified": "...", "visible": true,
                 "measured": {...}}], ...}

``step`` and ``tolerance`` are on the log's own axis (``step_axis``:
Lightning counts from 0, Keras and per-epoch CSVs log epochs, text logs
print ``iter``). ``visible`` says whether the change can be seen in the
written series at all (a plain before/after statistic on the written values,
see tools/truthlib.py); an evaluator should not penalise missing an event
with ``visible: false``. ``also_acceptable`` lists labels that are a fair
reading of the log alone (e.g. a first plateau that starts at step 0 and is
flat at the initial loss looks exactly like saturation recovery).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import shutil
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402

import corpus_writers as cw  # noqa: E402
import trainlab as tl  # noqa: E402
import truthlib as tt  # noqa: E402
from truthlib import Event  # noqa: E402

def registry() -> tuple[list, object]:
    """A labelled set's list of runs and the decorator that adds a builder to it."""
    runs: list = []

    def run(name: str, category: str):
        def deco(fn):
            runs.append((name, category, fn))
            return fn
        return deco
    return runs, run


RUNS, run = registry()


class Result:
    def __init__(self, trace, info, events, description, *, schedule=None, no_event=False,
                 notes="", bs_schedule=None):
        self.trace, self.info, self.events = trace, info, events
        self.description, self.schedule, self.no_event = description, schedule, no_event
        self.notes, self.bs_schedule = notes, bs_schedule


# ------------------------------------------------------------------ building blocks


def teacher_model(d=20, width=256, act="relu"):
    return tl.mlp(d, [width, width], 10, act)


def digits_mlp(act="relu", width=128):
    return tl.mlp(64, [width, width], 10, act)


def sgd(model, lr, momentum=0.9, wd=5e-4):
    return torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=wd)


def decay_events(trace, horizon_steps: int, fallback_tol: int, what: str = "MultiStepLR") -> list[Event]:
    """One lr_decay event per LR decrease the optimiser actually used."""
    evs = []
    ep_of = {s["step"]: s["epoch"] for s in trace.steps}
    for step, old, new in tt.lr_changes(trace):
        if new >= old:
            continue
        w = tt.drop_width(trace, step, horizon_steps)
        tol = max(w, 10) if w is not None else fallback_tol
        evs.append(Event(step, "down", "lr_decay", "drop", tol,
                         f"{what} set lr {old:g} -> {new:g} for update {step} (epoch {ep_of[step]}); "
                         f"lr read from optimizer.param_groups at every update. Tolerance = updates until "
                         f"the full-training-set loss (internals.csv) covered 80% of its fall"
                         + ("" if w is not None else " (it did not fall: fallback tolerance)")))
    return evs


def bs_events(trace, horizon_steps: int, fallback_tol: int) -> list[Event]:
    evs = []
    for step, old, new in tt.bs_changes(trace):
        w = tt.drop_width(trace, step, horizon_steps)
        tol = max(w, 10) if w is not None else fallback_tol
        evs.append(Event(step, "down", "batch_size_increase", "drop", tol,
                         f"batch size set {old} -> {new} from update {step} at constant lr; "
                         f"tolerance from the full-training-set loss in internals.csv"))
    return evs


def multistep_schedule(trace, info, gamma: float, unit_note: str = "") -> dict:
    ch = [c for c in tt.lr_changes(trace) if c[2] < c[1]]
    ms = [int(info.axis_of(c[0])) for c in ch]
    d = {"milestones": ms, "gamma": gamma, "unit": "epoch" if info.axis == "epoch" else "step",
         "lr0": trace.steps[0]["lr"],
         "lr_values": [trace.steps[0]["lr"]] + [c[2] for c in ch]}
    if unit_note:
        d["note"] = unit_note
    return d


def transition_event(trace, key, *, start, end, cause, how_prefix, also=(), rising=True,
                     direction="down", pad=0, extra=None) -> Event:
    xs, ys = trace.probe_series(key)
    if not rising:
        ys = -ys
        start, end = -start, -end
    mid, lo, hi = tl.transition(xs, ys, start=start, end=end)
    if mid is None:
        raise RuntimeError(f"{trace.name}: no transition in {key}")
    lo = lo if lo is not None else mid
    hi = hi if hi is not None else mid
    tol = max(hi - mid, mid - lo) + pad
    how = (f"{how_prefix}: {key} crossed 50% of the way from {abs(start):.3g} to {abs(end):.3g} "
           f"at update {mid} (10% at {lo}, 90% at {hi}); tolerance = the wider half of that transition")
    return Event(mid, direction, cause, "drop", tol, how, also_acceptable=list(also),
                 extra=extra or {})


def inject_bad_batch(scale: float, seed: int):
    """A corrupted minibatch: unnormalised inputs (x scale) with shuffled labels."""
    g = torch.Generator().manual_seed(seed)

    def f(xb, yb):
        perm = torch.randperm(len(yb), generator=g)
        return xb * scale, yb[perm]
    return f


def spike_kind(trace, step, pre_probes=3, factor=1.1, horizon=None):
    """'spike' if the full-train loss returns to within factor x its level
    before ``step``, else 'rise'; with the recovery time in updates."""
    xs, ys = trace.probe_series("full_train_loss")
    pre = float(np.median(ys[xs < step][-pre_probes:]))
    horizon = horizon or (xs.max() - step)
    post = [(x, y) for x, y in zip(xs, ys) if step < x <= step + horizon]
    peak = max(y for _, y in post) if post else float("nan")
    for x, y in post:
        if y <= factor * pre:
            return "spike", int(x - step), pre, peak
    return "rise", None, pre, peak


# ------------------------------------------------------------------ step decay


def step_decay_teacher(name, seed, *, milestones, epochs, lr0=0.1, gamma=0.1, label_noise=0.0,
                       wd=5e-4, B=32, N=5000, unit="epoch", probe_every=20, eval_every_steps=None):
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=N, label_noise=label_noise)
    model = teacher_model()
    opt = sgd(model, lr0, wd=wd)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones, gamma)
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=B, optimizer=opt,
                             scheduler=sched, scheduler_unit=unit, probe_every=probe_every,
                             eval_every_steps=eval_every_steps)
    tr.meta.update(lr0=lr0, n_val=len(data[2]), optimizer="SGD")
    spe = N // B
    return tr, decay_events(tr, 2 * spe, spe // 2), spe


TEACHER_DESC = ("MLP 20-256-256-10 (ReLU) on a synthetic 10-class teacher-student task "
                "(labels from a random tanh teacher, {N} training examples), SGD momentum 0.9, "
                "weight decay {wd}, batch {B}, MultiStepLR {ms} ({unit}s), gamma {gamma}, lr0 {lr0}")


@run("sd_teacher_csv", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_csv", 0, milestones=[15, 30], epochs=40)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-4, B=32, ms=[15, 30], unit="epoch",
                                                     gamma=0.1, lr0=0.1) + "; per-step minibatch loss, val per epoch",
                  schedule=multistep_schedule(tr, info, 0.1, "milestones at epochs 15, 30 (156 updates/epoch)"))


@run("sd_teacher_csv_nolr", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_csv_nolr", 1, milestones=[12, 24], epochs=32, wd=5e-3)
    info = cw.emit_generic_csv(tr, d, every=1, lr=False)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-3, B=32, ms=[12, 24], unit="epoch",
                                                     gamma=0.1, lr0=0.1) + "; NO lr column",
                  schedule=multistep_schedule(tr, info, 0.1, "not in the log; pass --milestones"))


@run("sd_teacher_keras", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_keras", 2, milestones=[20, 35], epochs=45)
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-4, B=32, ms=[20, 35], unit="epoch",
                                                     gamma=0.1, lr0=0.1) + "; per-epoch Keras CSVLogger with lr",
                  schedule=multistep_schedule(tr, info, 0.1))


@run("sd_teacher_lightning", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_lightning", 3, milestones=[3000, 4500], epochs=36,
                                      unit="step", wd=5e-3)
    info = cw.emit_lightning(tr, d, every=10, lr=True)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-3, B=32, ms=[3000, 4500], unit="step",
                                                     gamma=0.1, lr0=0.1) + "; Lightning CSVLogger every 10 steps + LearningRateMonitor",
                  schedule=multistep_schedule(tr, info, 0.1, "Lightning step axis counts from 0"))


@run("sd_teacher_hf", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_hf", 4, milestones=[15, 30], epochs=40, label_noise=0.1)
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-4, B=32, ms=[15, 30], unit="epoch",
                                                     gamma=0.1, lr0=0.1) + ", 10% label noise; HF trainer_state logging_steps=10",
                  schedule=multistep_schedule(tr, info, 0.1, "HF logs learning_rate after the scheduler step"))


@run("sd_teacher_mlflow_g02", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_mlflow_g02", 5, milestones=[10, 20, 30], epochs=36,
                                      gamma=0.2)
    info = cw.emit_mlflow(tr, d, every=5, lr=True)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-4, B=32, ms=[10, 20, 30], unit="epoch",
                                                     gamma=0.2, lr0=0.1) + " (WRN-style x0.2); MLflow every 5 steps",
                  schedule=multistep_schedule(tr, info, 0.2))


@run("sd_teacher_wandb", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_wandb", 6, milestones=[15, 30], epochs=40, wd=5e-3)
    info = cw.emit_wandb(tr, d, every=5, lr=True, histogram_every=500)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-3, B=32, ms=[15, 30], unit="epoch",
                                                     gamma=0.1, lr0=0.1) + "; legacy W&B history every 5 steps (with histogram rows)",
                  schedule=multistep_schedule(tr, info, 0.1))


NANOGPT_PREAMBLE = [
    "Overriding config with config/train_teacher.py:",
    "# synthetic teacher-student classification",
    "batch_size = 32",
    "max_iters = {iters}",
    "tokens per iteration will be: 32",
    "number of parameters: 0.07M",
    "compiling the model... (takes a ~minute)",
]


@run("sd_teacher_text", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_text", 7, milestones=[15, 30], epochs=40)
    pre = [l.format(iters=len(tr.steps)) for l in NANOGPT_PREAMBLE]
    info = cw.emit_text(tr, d, every=10, lr=True, preamble=pre)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-4, B=32, ms=[15, 30], unit="epoch",
                                                     gamma=0.1, lr0=0.1) + "; nanoGPT-style stdout every 10 iters with lr",
                  schedule=multistep_schedule(tr, info, 0.1, "axis is iter = update - 1"))


@run("sd_teacher_text_nolr", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_text_nolr", 8, milestones=[10, 25], epochs=32)
    pre = [l.format(iters=len(tr.steps)) for l in NANOGPT_PREAMBLE]
    info = cw.emit_text(tr, d, every=10, lr=False, preamble=pre)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-4, B=32, ms=[10, 25], unit="epoch",
                                                     gamma=0.1, lr0=0.1) + "; stdout every 10 iters, NO lr",
                  schedule=multistep_schedule(tr, info, 0.1, "not in the log; axis is iter = update - 1"))


@run("sd_teacher_epoch_csv_nolr", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_teacher("sd_teacher_epoch_csv_nolr", 9, milestones=[20, 30], epochs=40)
    info = cw.emit_epoch_csv(tr, d, lr=False)
    return Result(tr, info, evs, TEACHER_DESC.format(N=5000, wd=5e-4, B=32, ms=[20, 30], unit="epoch",
                                                     gamma=0.1, lr0=0.1) + "; per-epoch CSV (epoch 1-based), NO lr",
                  schedule=multistep_schedule(tr, info, 0.1, "not in the log; epochs counted from 1"))


def step_decay_digits(name, seed, *, arch, milestones, epochs, lr0, noise=0.1, wd=5e-4):
    tl.setup(seed)
    data = tl.digits(seed)
    model = tl.SmallCNN() if arch == "cnn" else digits_mlp(width=256)
    opt = sgd(model, lr0, wd=wd)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones, 0.1)
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=32, optimizer=opt,
                             scheduler=sched, augment=lambda xb: tl.shift_augment(xb, noise),
                             probe_every=10)
    tr.meta.update(lr0=lr0, n_val=len(data[2]), optimizer="SGD")
    spe = len(data[0]) // 32
    return tr, decay_events(tr, 3 * spe, spe // 2), spe


@run("sd_digits_mlp_tb_nolr", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_digits("sd_digits_mlp_tb_nolr", 0, arch="mlp", milestones=[30, 50], epochs=65,
                                     lr0=0.1)
    info = cw.emit_tensorboard(tr, d, every=1, lr=False)
    return Result(tr, info, evs, "MLP 64-256-256-10 on sklearn digits with +-1px shift and 0.1 pixel-noise "
                  "augmentation, SGD momentum 0.9, wd 5e-4, batch 32, MultiStepLR [30, 50] epochs x0.1 from 0.1; "
                  "TensorBoard train/loss every step, val/loss, val/acc per epoch; NO lr tag",
                  schedule=multistep_schedule(tr, info, 0.1, "not in the log"))


@run("sd_digits_mlp_keras_nolr", "lr_decay")
def _(d):
    tr, evs, spe = step_decay_digits("sd_digits_mlp_keras_nolr", 1, arch="mlp", milestones=[30, 50], epochs=65,
                                     lr0=0.1, noise=0.2)
    info = cw.emit_keras(tr, d, lr=False)
    return Result(tr, info, evs, "MLP 64-256-256-10 on digits, shift + 0.2 noise augmentation, SGD momentum 0.9, "
                  "MultiStepLR [30, 50] epochs x0.1 from 0.1; Keras CSVLogger per epoch WITHOUT lr",
                  schedule=multistep_schedule(tr, info, 0.1, "not in the log"))


@run("rop_teacher_keras", "lr_decay")
def _(d):
    name, seed = "rop_teacher_keras", 10
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000, label_noise=0.05)
    model = teacher_model()
    opt = sgd(model, 0.1)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.2, patience=4)
    tr = tl.train_classifier(name, model, data, epochs=50, batch_size=32, optimizer=opt,
                             scheduler=sched, probe_every=20)
    tr.meta.update(lr0=0.1, n_val=2000, optimizer="SGD")
    evs = decay_events(tr, 2 * 156, 78, what="ReduceLROnPlateau(factor=0.2, patience=4) on val loss")
    info = cw.emit_keras(tr, d, lr=True)
    ch = tt.lr_changes(tr)
    sched_d = {"milestones": [int(info.axis_of(c[0])) for c in ch], "gamma": 0.2, "unit": "epoch",
               "lr0": 0.1, "lr_values": [0.1] + [c[2] for c in ch],
               "note": "ReduceLROnPlateau: epochs where the scheduler cut the lr (not fixed in advance)"}
    return Result(tr, info, evs, "MLP on the teacher task (5% label noise), SGD momentum 0.9, "
                  "ReduceLROnPlateau(factor 0.2, patience 4) on val loss; Keras CSVLogger with lr",
                  schedule=sched_d)


# ------------------------------------------------------------------ batch size increase


def bs_teacher(name, seed, *, stages, boundaries, epochs, N=10000, lr=0.1):
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=N)
    model = teacher_model()
    opt = sgd(model, lr)

    def bs(ep):
        k = sum(ep >= b for b in boundaries)
        return stages[k]
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=bs, optimizer=opt, probe_every=10)
    tr.meta.update(lr0=lr, n_val=2000, optimizer="SGD")
    return tr, bs_events(tr, 2 * N // stages[-1] * 3, 20)


@run("bs_teacher_csv", "batch_size_increase")
def _(d):
    tr, evs = bs_teacher("bs_teacher_csv", 0, stages=[32, 128, 512], boundaries=[10, 20], epochs=28)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True, batch_size=True)
    ch = tt.bs_changes(tr)
    return Result(tr, info, evs, "MLP on the teacher task (10k examples), SGD momentum 0.9 at constant lr 0.1; "
                  "batch size 32 -> 128 -> 512 at epochs 10 and 20 (Smith et al. 2018); per-step CSV with "
                  "lr and batch_size columns",
                  bs_schedule=[[int(info.axis_of(c[0])), c[1], c[2]] for c in ch])


@run("bs_teacher_tb", "batch_size_increase")
def _(d):
    tr, evs = bs_teacher("bs_teacher_tb", 1, stages=[25, 125, 625], boundaries=[12, 22], epochs=30)
    info = cw.emit_tensorboard(tr, d, every=1, lr=True, batch_size=True)
    ch = tt.bs_changes(tr)
    return Result(tr, info, evs, "MLP on the teacher task (10k examples), constant lr 0.1; batch size "
                  "25 -> 125 -> 625 at epochs 12 and 22; TensorBoard train/loss, train/lr, train/batch_size",
                  bs_schedule=[[int(info.axis_of(c[0])), c[1], c[2]] for c in ch])


@run("bs_teacher_mlflow", "batch_size_increase")
def _(d):
    tr, evs = bs_teacher("bs_teacher_mlflow", 2, stages=[32, 160], boundaries=[14], epochs=24)
    info = cw.emit_mlflow(tr, d, every=2, lr=False, extra_metrics=("batch_size",))
    ch = tt.bs_changes(tr)
    return Result(tr, info, evs, "MLP on the teacher task, constant lr 0.1; batch size 32 -> 160 at epoch 14; "
                  "MLflow train_loss and batch_size every 2 steps, no lr metric",
                  bs_schedule=[[int(info.axis_of(c[0])), c[1], c[2]] for c in ch])


# ------------------------------------------------------------------ plateau escape


def dln_events(tr, also_first=True, pad=0):
    evs = []
    for i, s in enumerate(tr.meta["singular_values"]):
        xs, ys = tr.probe_series(f"mode{i + 1}")
        mid, lo, hi = tl.transition(xs, ys / s, start=0.0, end=1.0)
        if mid is None:
            continue
        lo = lo if lo is not None else mid
        hi = hi if hi is not None else mid
        evs.append(Event(mid, "down", "plateau_escape", "drop", max(hi - mid, mid - lo) + pad,
                         f"singular mode {i + 1} of the target (s={s:g}) learned: u_{i + 1}^T W_end-to-end v_{i + 1} "
                         f"crossed s/2 at update {mid} (10% at {lo}, 90% at {hi}), lr constant {tr.meta['lr']:g}",
                         also_acceptable=["saturation_recovery"] if (i == 0 and also_first) else []))
    return evs


DLN_DESC = ("deep linear net (depth {depth}, width {d}) from small init ({init:g}), online SGD at constant "
            "lr {lr:g}, batch 32, regression y = A x + noise with A's singular values {sv}: a staircase, "
            "one plateau per singular mode (Saxe et al.)")


def dln(name, seed, **kw):
    tl.setup(seed)
    tr = tl.train_deep_linear(name, seed=seed, **kw)
    tr.meta.update(lr0=tr.meta["lr"], optimizer="SGD")
    return tr


@run("dln_staircase_csv", "plateau_escape")
def _(d):
    tr = dln("dln_staircase_csv", 0, singular_values=(4.0, 2.5, 1.5, 1.0), steps=4500)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True, grad_norm=True)
    return Result(tr, info, dln_events(tr), DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"]))


@run("dln_staircase_tb", "plateau_escape")
def _(d):
    tr = dln("dln_staircase_tb", 1, singular_values=(5.0, 2.0, 0.8), steps=5500)
    info = cw.emit_tensorboard(tr, d, every=2, lr=True)
    return Result(tr, info, dln_events(tr), DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"]))


@run("dln_staircase_mlflow", "plateau_escape")
def _(d):
    tr = dln("dln_staircase_mlflow", 2, singular_values=(4.0, 2.0, 1.0), depth=4, init=0.1, lr=0.003,
             steps=3000)
    info = cw.emit_mlflow(tr, d, every=5, lr=False, metric="loss")
    return Result(tr, info, dln_events(tr), DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"])
                  + "; MLflow 'loss' every 5 steps")


@run("dln_staircase_wandb", "plateau_escape")
def _(d):
    tr = dln("dln_staircase_wandb", 3, singular_values=(3.0, 1.5, 0.75), depth=2, init=0.001, lr=0.01,
             steps=1500)
    info = cw.emit_wandb(tr, d, every=2, lr=True)
    return Result(tr, info, dln_events(tr), DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"]))


@run("dln_staircase_hf", "plateau_escape")
def _(d):
    tr = dln("dln_staircase_hf", 4, singular_values=(6.0, 3.0, 1.5, 0.75), steps=5000, lr=0.003, init=0.03)
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32)
    return Result(tr, info, dln_events(tr), DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"])
                  + "; HF trainer_state logging_steps=10 (loss averaged over 10 steps)")


def grok(name, seed, **kw):
    tl.setup(seed)
    tr = tl.train_grokking(name, seed=seed, **kw)
    tr.meta.update(lr0=tr.meta["lr"], optimizer="AdamW", n_val=len(tr.evals))
    xs, acc = tr.probe_series("test_acc")
    start = float(np.median(acc[:5]))
    ev = transition_event(tr, "test_acc", start=start, end=1.0, cause="plateau_escape",
                          how_prefix=f"grokking, AdamW lr {tr.meta['lr']:g} wd {tr.meta['weight_decay']:g} constant; "
                          f"training accuracy reached 100% long before", pad=100)
    return tr, [ev]


def use_val(info, tr, name):
    """Point a LogInfo at the validation-loss series (grokking's event is on val)."""
    info.metric = name
    info.x = [info.axis_of(e["step"]) for e in tr.evals]
    info.y = [e["val_loss"] for e in tr.evals]
    if info.format == "lightning_csv" or info.format == "tensorboard":
        info.y = [cw.f32(v) for v in info.y]
    info.interval = tr.evals[2]["step"] - tr.evals[1]["step"]
    return info


@run("grok_modadd_csv", "plateau_escape")
def _(d):
    tr, evs = grok("grok_modadd_csv", 0, p=47, train_frac=0.5, steps=7000, eval_every=50)
    info = cw.emit_generic_csv(tr, d, every=50, lr=False, avg=True)
    info = use_val(info, tr, "val_loss")
    return Result(tr, info, evs, "grokking: a+b mod 47, embedding MLP (64-d embeddings, 256 ReLU), AdamW lr 1e-3 "
                  "weight decay 1.0, batch 128 from 50% of the pairs; train loss averaged every 50 steps, "
                  "val_loss/val_acc every 50 steps; main metric val_loss (rises while memorising, then falls)")


@run("grok_modadd_hf", "plateau_escape")
def _(d):
    tr, evs = grok("grok_modadd_hf", 1, p=41, train_frac=0.5, steps=10000, eval_every=50)
    info = cw.emit_trainer_state(tr, d, logging_steps=25, train_batch_size=128)
    info = use_val(info, tr, "eval_loss")
    return Result(tr, info, evs, "grokking: a+b mod 41, embedding MLP, AdamW lr 1e-3 wd 1.0, batch 128 from 50% "
                  "of the pairs; HF trainer_state (logging_steps 25, eval every 50); main metric eval_loss")


@run("tanh_smallinit_lightning", "plateau_escape")
def _(d):
    name, seed = "tanh_smallinit_lightning", 0
    tl.setup(seed)
    data = tl.digits(seed)
    model = digits_mlp("tanh", 64)
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(0.02)
    opt = sgd(model, 0.1, wd=0.0)
    tr = tl.train_classifier(name, model, data, epochs=40, batch_size=32, optimizer=opt, probe_every=10)
    tr.meta.update(lr0=0.1, n_val=297, optimizer="SGD")
    ev = transition_event(tr, "full_train_acc", start=0.1, end=float(tr.probes[-1]["full_train_acc"]),
                          cause="plateau_escape", pad=20,
                          how_prefix="saddle at the origin (all weights x0.02), SGD lr 0.1 constant",
                          also=["saturation_recovery"])
    info = cw.emit_lightning(tr, d, every=5, lr=True)
    return Result(tr, info, [ev], "tanh MLP 64-64-64-10 on digits with every weight scaled x0.02 at init "
                  "(near the saddle at the origin), SGD momentum 0.9 lr 0.1 constant; flat at ln 10, then escapes; "
                  "Lightning CSV every 5 steps with lr-SGD")


# ------------------------------------------------------------------ saturation recovery


def saturated(name, seed, *, act, bias, lr, epochs, width=64, depth=1, momentum=0.9, probe_every=10):
    tl.setup(seed)
    data = tl.digits(seed)
    model = tl.mlp(64, [width] * depth, 10, act)
    with torch.no_grad():
        lin = [m for m in model if isinstance(m, torch.nn.Linear)][:-1]
        for m in lin[-1:]:   # the top hidden layer is driven into saturation
            if act == "sigmoid":
                m.bias.fill_(-bias)
            else:
                m.bias.copy_(bias * torch.sign(torch.randn(m.bias.shape)))
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    Xtr = data[0]
    extra = lambda m: {"saturated_frac": tl.saturation_fraction(m, Xtr[:1000], act)}
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=32, optimizer=opt,
                             probe_every=probe_every, probe_extra=extra)
    tr.meta.update(lr0=lr, n_val=297, optimizer="SGD")
    xs, sat = tr.probe_series("saturated_frac")
    ev = transition_event(tr, "full_train_acc", start=0.1, end=float(np.median([p["full_train_acc"] for p in tr.probes[-5:]])),
                          cause="saturation_recovery", pad=2 * probe_every,
                          how_prefix=(f"{act} units saturated at init (top hidden biases at "
                                      f"{'-' if act == 'sigmoid' else '+-'}{bias:g}); SGD lr {lr:g} constant"),
                          also=["plateau_escape"])
    on_plateau = sat[xs < ev.step - ev.tol_steps]
    after = sat[xs > ev.step + ev.tol_steps]
    ev.how += (f". Saturated (unit, example) share: {sat[0]:.3f} at init, min {on_plateau.min() if len(on_plateau) else float('nan'):.3f} "
               f"on the plateau, {after[-1] if len(after) else float('nan'):.3f} at the end")
    return tr, [ev]


SAT_DESC = ("{act} MLP on digits whose top hidden layer starts saturated (biases {b}), SGD momentum "
            "{mom} at constant lr {lr:g}: flat near ln 10 = 2.303 (chance), then units leave saturation "
            "and the loss falls")


@run("sat_sigmoid_csv_gn", "saturation_recovery")
def _(d):
    tr, evs = saturated("sat_sigmoid_csv_gn", 0, act="sigmoid", bias=8, lr=0.5, epochs=80)
    info = cw.emit_generic_csv(tr, d, every=2, lr=True, grad_norm=True)
    return Result(tr, info, evs, SAT_DESC.format(act="sigmoid", b="-8", mom=0.9, lr=0.5)
                  + "; per-step CSV every 2 steps with grad_norm")


@run("sat_sigmoid_hf", "saturation_recovery")
def _(d):
    tr, evs = saturated("sat_sigmoid_hf", 1, act="sigmoid", bias=7, lr=0.3, epochs=80)
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32, grad_norm=True)
    return Result(tr, info, evs, SAT_DESC.format(act="sigmoid", b="-7", mom=0.9, lr=0.3)
                  + "; HF trainer_state with grad_norm, logging_steps 10")


@run("sat_tanh_lightning", "saturation_recovery")
def _(d):
    tr, evs = saturated("sat_tanh_lightning", 0, act="tanh", bias=4, lr=0.02, epochs=150)
    info = cw.emit_lightning(tr, d, every=10, lr=True)
    return Result(tr, info, evs, SAT_DESC.format(act="tanh", b="+-4", mom=0.9, lr=0.02)
                  + "; Lightning CSV every 10 steps with lr-SGD")


@run("sat_tanh_tb_gn", "saturation_recovery")
def _(d):
    tr, evs = saturated("sat_tanh_tb_gn", 2, act="tanh", bias=3.5, lr=0.02, epochs=150)
    info = cw.emit_tensorboard(tr, d, every=5, lr=True, grad_norm=True)
    return Result(tr, info, evs, SAT_DESC.format(act="tanh", b="+-3.5", mom=0.9, lr=0.02)
                  + "; TensorBoard every 5 steps with train/grad_norm")


@run("sat_sigmoid_keras", "saturation_recovery")
def _(d):
    tr, evs = saturated("sat_sigmoid_keras", 3, act="sigmoid", bias=8, lr=0.3, epochs=120)
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, evs, SAT_DESC.format(act="sigmoid", b="-8", mom=0.9, lr=0.3)
                  + "; Keras CSVLogger per epoch (46 updates each)")


@run("sat_sigmoid_deep_mlflow", "saturation_recovery")
def _(d):
    tr, evs = saturated("sat_sigmoid_deep_mlflow", 4, act="sigmoid", bias=6, lr=0.2, epochs=120, depth=2)
    info = cw.emit_mlflow(tr, d, every=5, lr=True)
    return Result(tr, info, evs, SAT_DESC.format(act="sigmoid (2 hidden layers)", b="-6 on the top layer",
                                                 mom=0.9, lr=0.2) + "; MLflow every 5 steps")


# ------------------------------------------------------------------ instability


def digits_relu_run(name, seed, *, lr=0.05, epochs=80, inject=None, on_step=None, act="relu",
                    probe_every=10, dead=False, momentum=0.9, nan_tail=200, width=128, sched=None,
                    sched_unit="step", loss="ce"):
    tl.setup(seed)
    data = tl.digits(seed)
    model = digits_mlp(act, width)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    Xtr = data[0]
    extra = (lambda m: {"dead_relu_frac": tl.dead_relu_fraction(m, Xtr)}) if dead else None
    scheduler = sched(opt) if sched else None
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=32, optimizer=opt,
                             inject=inject, on_step=on_step, probe_every=probe_every, probe_extra=extra,
                             nan_tail_steps=nan_tail, scheduler=scheduler, scheduler_unit=sched_unit,
                             loss=loss)
    tr.meta.update(lr0=lr, n_val=297, optimizer="SGD")
    return tr


def bad_batch_events(tr, spikes):
    evs = []
    for step, scale in spikes:
        kind, rec, pre, peak = spike_kind(tr, step)
        if kind == "spike":
            how = (f"corrupted minibatch (inputs x{scale:g}, labels shuffled) injected at update {step}; "
                   f"full-training-set loss {pre:.3g} -> peak {peak:.3g}, back within 10% after {rec} updates")
            tol = 30
        else:
            how = (f"corrupted minibatch (inputs x{scale:g}) injected at update {step}; full-training-set loss "
                   f"{pre:.3g} -> {peak:.3g} and never returned within 10% of {pre:.3g}")
            tol = 30
        evs.append(Event(step, "up", "instability", kind, tol, how,
                         extra={"recovery_updates": rec}))
    return evs


@run("spike_badbatch_csv_gn", "instability")
def _(d):
    spikes = [(1500, 12.0), (3300, 25.0)]
    tr = digits_relu_run("spike_badbatch_csv_gn", 0, epochs=100,
                         inject={s: inject_bad_batch(k, s) for s, k in spikes})
    info = cw.emit_generic_csv(tr, d, every=1, lr=True, grad_norm=True)
    return Result(tr, info, bad_batch_events(tr, spikes), "ReLU MLP on digits, SGD momentum 0.9 lr 0.05 "
                  "constant; two corrupted minibatches injected (updates 1500, 3300): loss and grad_norm spike, "
                  "then recover; per-step CSV with lr and grad_norm")


@run("spike_badbatch_tb", "instability")
def _(d):
    spikes = [(1200, 8.0), (2500, 15.0), (3700, 30.0)]
    tr = digits_relu_run("spike_badbatch_tb", 1, epochs=100,
                         inject={s: inject_bad_batch(k, s) for s, k in spikes})
    info = cw.emit_tensorboard(tr, d, every=2, lr=True)
    return Result(tr, info, bad_batch_events(tr, spikes), "ReLU MLP on digits, SGD momentum 0.9 lr 0.05; "
                  "three corrupted minibatches of growing scale; TensorBoard every 2 steps")


@run("spike_badbatch_wandb", "instability")
def _(d):
    spikes = [(2000, 20.0)]
    tr = digits_relu_run("spike_badbatch_wandb", 2, epochs=80,
                         inject={s: inject_bad_batch(k, s) for s, k in spikes})
    info = cw.emit_wandb(tr, d, every=4, lr=True)
    return Result(tr, info, bad_batch_events(tr, spikes), "ReLU MLP on digits, SGD momentum 0.9 lr 0.05; one "
                  "corrupted minibatch at update 2000; legacy W&B history every 4 steps")


@run("worse_level_hf", "instability")
def _(d):
    step = 1800
    tr = digits_relu_run("worse_level_hf", 3, epochs=90, dead=True,
                         inject={step: inject_bad_batch(150.0, 7)})
    kind, rec, pre, peak = spike_kind(tr, step)
    xs, dead = tr.probe_series("dead_relu_frac")
    before = dead[xs < step][-1]
    after = dead[xs > step + 50][0]
    ev = Event(step, "up", "instability", kind, 30,
               f"corrupted minibatch (inputs x150) at update {step} killed ReLU units: dead share {before:.2f} -> "
               f"{after:.2f} (internals.csv); full-training-set loss {pre:.3g} -> {peak:.3g}"
               + (f", recovered after {rec} updates" if rec else ", stays on a worse level"))
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32)
    return Result(tr, info, [ev], "ReLU MLP on digits, SGD momentum 0.9 lr 0.05; a badly scaled minibatch kills "
                  "most ReLUs and the loss jumps to a worse level; HF trainer_state logging_steps 10")


@run("collapse_relu_text_nolr", "instability")
def _(d):
    step = 2001
    def raise_lr(opt):
        for g in opt.param_groups:
            g["lr"] = 1.0
    tr = digits_relu_run("collapse_relu_text_nolr", 4, epochs=120, dead=True, on_step={step: raise_lr})
    xs, dead = tr.probe_series("dead_relu_frac")
    kind, rec, pre, peak = spike_kind(tr, step)
    ev = Event(step, "up", "instability", kind, 50,
               f"lr raised 0.05 -> 1.0 at update {step} (not in the log); dead ReLU share "
               f"{dead[xs < step][-1]:.2f} -> {dead[xs > step + 100][0]:.2f}; full-training-set loss {pre:.3g} -> {peak:.3g}")
    info = cw.emit_text(tr, d, every=10, lr=False, eval_lines=True,
                        preamble=["step 0: starting", "model: MLP 64-128-128-10 relu"])
    return Result(tr, info, [ev], "ReLU MLP on digits; the lr was raised 20x at update 2001 (not logged) and the "
                  "net collapses onto the chance-level plateau (dead ReLUs); nanoGPT-style stdout, no lr")


@run("osc_tanh_csv_nolr", "instability")
def _(d):
    step = 2001
    def raise_lr(opt):
        for g in opt.param_groups:
            g["lr"] = 0.2
    tr = digits_relu_run("osc_tanh_csv_nolr", 5, epochs=120, act="tanh", on_step={step: raise_lr})
    xs, fl = tr.probe_series("full_train_loss")
    pre, post = fl[(xs < step) & (xs > step - 300)], fl[xs > step + 100]
    swing = lambda a: float(np.median(np.abs(np.diff(np.log(a)))))
    ev = Event(step, "up", "instability", "oscillation", 60,
               f"lr raised 0.05 -> 0.2 at update {step} (not in the log); full-training-set loss probed every 10 "
               f"updates (internals.csv): before median {np.median(pre):.3g}, median |dlog| between probes "
               f"{swing(pre):.2f}; after median {np.median(post):.3g}, 10-90% range {np.quantile(post, .1):.3g}.."
               f"{np.quantile(post, .9):.3g}, median |dlog| {swing(post):.2f}: it swings up and down for the rest "
               f"of the run without settling")
    info = cw.emit_generic_csv(tr, d, every=2, lr=False)
    return Result(tr, info, [ev], "tanh MLP on digits, SGD momentum 0.9; the lr was raised 4x at update 2001 "
                  "(not logged): sustained oscillation at a worse level; per-step CSV every 2 steps, no lr")


@run("jump_tanh_tb_nolr", "instability")
def _(d):
    step = 2001
    def raise_lr(opt):
        for g in opt.param_groups:
            g["lr"] = 0.6
    tr = digits_relu_run("jump_tanh_tb_nolr", 5, epochs=100, act="tanh", on_step={step: raise_lr})
    kind, rec, pre, peak = spike_kind(tr, step)
    xs, fl = tr.probe_series("full_train_loss")
    ev = Event(step, "up", "instability", kind, 30,
               f"lr raised 0.05 -> 0.6 at update {step} (not in the log); full-training-set loss {pre:.3g} before, "
               f"median {np.median(fl[xs > step + 100]):.3g} after (internals.csv), never back")
    info = cw.emit_tensorboard(tr, d, every=2, lr=False)
    return Result(tr, info, [ev], "tanh MLP on digits, SGD momentum 0.9; the lr was raised 12x at update 2001 "
                  "(not logged): the loss jumps by four orders of magnitude onto a bad level and stays; "
                  "TensorBoard every 2 steps, no lr tag")


def divergence_event(tr, how, probe_key="full_train_loss"):
    xs, ys = tr.probe_series(probe_key)
    nan_step = tr.diverged_at
    onset = None
    best = math.inf
    for x, y in zip(xs, ys):
        if x > 0 and (not math.isfinite(y) or y > 2 * best):
            onset = int(x)
            break
        best = min(best, y)
    onset = onset or nan_step
    tol = max(10, (nan_step - onset) if nan_step else 10)
    return Event(onset, "up", "instability", "divergence", tol,
                 how + f"; full-training-set loss first exceeded 2x its running minimum at update {onset}, "
                 f"first non-finite minibatch loss at update {nan_step}",
                 extra={"nonfinite_from_update": nan_step})


def dln_warmup_divergence(name, seed, warm, peak, steps):
    tr = dln(name, seed, singular_values=(4.0, 2.0, 1.0), steps=steps, lr=peak, init=0.05,
             nan_tail_steps=300, probe_every=2, lr_fn=lambda s: peak * min(1.0, s / warm))
    for p in tr.probes:
        p["full_train_loss"] = p["full_loss"]
    if tr.diverged_at is None:
        raise RuntimeError(f"{name} did not diverge")
    ev = divergence_event(tr, f"deep linear net, linear warmup towards lr {peak} over {warm} updates; the loss "
                          f"blew up at lr {tr.steps[tr.diverged_at - 1]['lr']:.3g}, past the stability limit of "
                          f"the learned solution")
    return tr, ev


def warmup_modes(tr, ev):
    """The singular modes a warmup-divergence net learned before it blew up: real plateau escapes, measured
    as for the staircase runs (dln_events), with the LR still rising."""
    return [e for e in dln_events(tr) if e.step < ev.step]


@run("diverge_warmup_lightning", "instability")
def _(d):
    tr, ev = dln_warmup_divergence("diverge_warmup_lightning", 7, 3000, 0.2, 5000)
    info = cw.emit_lightning(tr, d, every=10, lr=True)
    return Result(tr, info, warmup_modes(tr, ev) + [ev], "depth-3 deep linear net (regression y = A x + noise, A's singular values 4, 2, "
                  "1), SGD with linear warmup towards a far too high lr (0.2): once the lr passes the stability "
                  "limit the loss explodes to inf and NaN during warmup; Lightning CSV with lr-SGD, literal "
                  "inf/nan rows. The singular modes learned early in the warmup are plateau escapes (dln_events)")


@run("diverge_warmup_text", "instability")
def _(d):
    tr, ev = dln_warmup_divergence("diverge_warmup_text", 7, 4000, 0.15, 5000)
    info = cw.emit_text(tr, d, every=5, lr=True, eval_lines=False)
    return Result(tr, info, warmup_modes(tr, ev) + [ev], "depth-3 deep linear net, linear warmup over 4000 updates towards lr 0.15, "
                  "which is past the stability limit: loss -> inf -> nan near the end of warmup; stdout every "
                  "5 iters with lr. The singular modes learned early in the warmup are plateau escapes (dln_events)")


@run("diverge_lrrange_mlflow", "instability")
def _(d):
    name, seed = "diverge_lrrange_mlflow", 11
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000)
    model = teacher_model()
    opt = sgd(model, 0.002, wd=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 1.6 ** (s / 156))
    tr = tl.train_classifier(name, model, data, epochs=30, batch_size=32, optimizer=opt, scheduler=sched,
                             scheduler_unit="step", probe_every=10, nan_tail_steps=200, loss="mse")
    tr.meta.update(lr0=0.002, n_val=2000, optimizer="SGD")
    if tr.diverged_at is None:
        raise RuntimeError("did not diverge")
    ev = divergence_event(tr, "lr grown exponentially (x1.6 per 156 updates) from 0.002: an lr range test")
    info = cw.emit_mlflow(tr, d, every=5, lr=True)
    return Result(tr, info, [ev], "MLP on the teacher task (squared error on logits), lr range test: lr x1.6 "
                  "per epoch, applied every update, from 0.002; the loss falls, turns, explodes to nan; MLflow "
                  "every 5 steps with learning_rate, run status FAILED")


@run("diverge_keras", "instability")
def _(d):
    name, seed = "diverge_keras", 7
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000)
    model = teacher_model()
    opt = sgd(model, 0.002, wd=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.6 ** e)
    tr = tl.train_classifier(name, model, data, epochs=30, batch_size=32, optimizer=opt, scheduler=sched,
                             scheduler_unit="epoch", probe_every=20, nan_tail_steps=3 * 156, loss="mse")
    tr.meta.update(lr0=0.002, n_val=2000, optimizer="SGD")
    if tr.diverged_at is None:
        raise RuntimeError("did not diverge")
    ev = divergence_event(tr, "lr multiplied by 1.6 every epoch (an lr range test left running)")
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, [ev], "MLP on the teacher task (squared error on logits) with the lr multiplied by "
                  "1.6 each epoch from 0.002 (an lr range test left running): fine, then the loss explodes to nan; Keras CSVLogger per epoch with lr")


@run("diverge_hf", "instability")
def _(d):
    sched = lambda opt: torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 1.0 if s < 2500 else 10.0)
    tr = digits_relu_run("diverge_hf", 8, lr=0.02, epochs=80, act="tanh", sched=sched, nan_tail=300,
                         probe_every=5, loss="mse")
    if tr.diverged_at is None:
        raise RuntimeError("did not diverge")
    ev = divergence_event(tr, "lr raised 0.02 -> 0.2 at update 2501 (a resumed run with the wrong lr; HF logs it)")
    ev.also_acceptable = ["lr_restart"]
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32)
    return Result(tr, info, [ev], "tanh MLP on digits, squared error on logits; lr raised 10x at update 2501 (visible in learning_rate): "
                  "the loss blows up to NaN; HF trainer_state with NaN tokens")


# ------------------------------------------------------------------ schedules


def teacher_sched(name, seed, sched_fn, *, epochs, unit="step", lr0=0.1, N=5000, probe_every=20, opt="sgd"):
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=N)
    model = teacher_model()
    o = sgd(model, lr0) if opt == "sgd" else torch.optim.AdamW(model.parameters(), lr=lr0, weight_decay=0.01)
    sched = sched_fn(o) if sched_fn else None
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=32, optimizer=o, scheduler=sched,
                             scheduler_unit=unit, probe_every=probe_every)
    tr.meta.update(lr0=lr0, n_val=2000, optimizer=type(o).__name__)
    return tr


@run("cosine_teacher_csv", "no_event")
def _(d):
    total = 156 * 40
    tr = teacher_sched("cosine_teacher_csv", 20, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, total),
                       epochs=40)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    return Result(tr, info, [], "MLP on the teacher task, SGD momentum 0.9, CosineAnnealingLR from 0.1 to 0 over "
                  "the run (per update): smooth, no sharp event (held-out no-event class)", no_event=True)


@run("cosine_teacher_tb_nolr", "no_event")
def _(d):
    total = 156 * 30
    tr = teacher_sched("cosine_teacher_tb_nolr", 21, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, total),
                       epochs=30, opt="adamw", lr0=2e-3)
    info = cw.emit_tensorboard(tr, d, every=2, lr=False)
    return Result(tr, info, [], "MLP on the teacher task, AdamW, cosine decay from 2e-3 to 0: no sharp event; "
                  "TensorBoard without lr", no_event=True)


def restart_events(tr, cycle_len):
    evs = []
    for step, old, new in tt.lr_changes(tr):
        if new > 1.5 * old:
            evs.append(Event(step, "up", "lr_restart", "rise", max(20, cycle_len // 20),
                             f"CosineAnnealingWarmRestarts restarted the lr {old:.3g} -> {new:.3g} at update {step}"))
    return evs


@run("sgdr_teacher_tb", "lr_restart")
def _(d):
    tr = teacher_sched("sgdr_teacher_tb", 22,
                       lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=800, T_mult=2),
                       epochs=39)
    info = cw.emit_tensorboard(tr, d, every=2, lr=True)
    return Result(tr, info, restart_events(tr, 800), "MLP on the teacher task, SGD momentum 0.9, SGDR "
                  "(CosineAnnealingWarmRestarts T_0=800 updates, T_mult=2, lr 0.1): the loss jumps up at each "
                  "restart; TensorBoard with train/lr",
                  schedule={"type": "sgdr", "T_0": 800, "T_mult": 2, "unit": "step",
                            "restarts": [int(info.axis_of(c[0])) for c in tt.lr_changes(tr) if c[2] > 1.5 * c[1]]})


@run("sgdr_teacher_csv_nolr", "lr_restart")
def _(d):
    tr = teacher_sched("sgdr_teacher_csv_nolr", 23,
                       lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=1),
                       epochs=40, unit="epoch")
    info = cw.emit_generic_csv(tr, d, every=1, lr=False)
    return Result(tr, info, restart_events(tr, 1560), "MLP on the teacher task, SGDR with T_0=10 epochs "
                  "(stepped per epoch, so lr is constant within an epoch), restarts at epochs 10, 20, 30; per-step "
                  "CSV without lr",
                  schedule={"type": "sgdr", "T_0": 10, "T_mult": 1, "unit": "epoch",
                            "restarts": [int(info.axis_of(c[0])) for c in tt.lr_changes(tr) if c[2] > 1.5 * c[1]],
                            "note": "restarts given as log steps; not in the log"})


def warmup_event(tr, warm):
    return Event(warm + 1, "down", "warmup_end", "drop", max(30, warm // 4),
                 f"linear warmup ends: lr stops rising at update {warm + 1} (LambdaLR set by the script)",
                 sharp=False)


@run("warmup_linear_hf", "warmup_end")
def _(d):
    warm, total = 500, 156 * 30
    f = lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / (total - warm))
    tr = teacher_sched("warmup_linear_hf", 24, lambda o: torch.optim.lr_scheduler.LambdaLR(o, f), epochs=30,
                       opt="adamw", lr0=3e-3)
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32)
    return Result(tr, info, [warmup_event(tr, warm)], "MLP on the teacher task, AdamW lr 3e-3, HF-style linear "
                  "warmup (500 updates) then linear decay to 0; HF trainer_state. The warmup end is a slope change, "
                  "not a sharp drop (sharp: false)")


@run("warmup_cosine_lightning", "warmup_end")
def _(d):
    warm, total = 300, 156 * 30
    f = lambda s: (s + 1) / warm if s < warm else 0.5 * (1 + math.cos(math.pi * (s - warm) / (total - warm)))
    tr = teacher_sched("warmup_cosine_lightning", 25, lambda o: torch.optim.lr_scheduler.LambdaLR(o, f),
                       epochs=30, lr0=0.2)
    info = cw.emit_lightning(tr, d, every=10, lr=True)
    return Result(tr, info, [warmup_event(tr, warm)], "MLP on the teacher task, SGD momentum 0.9, linear warmup "
                  "to lr 0.2 over 300 updates then cosine; Lightning CSV with lr-SGD")


def constant_warmup(name, seed, *, warm, factor, epochs=15):
    """He et al.'s constant warmup: lr0 x factor for ``warm`` updates, then lr0 (0.1) in one step."""
    f = lambda s: factor if s < warm else 1.0
    return teacher_sched(name, seed, lambda o: torch.optim.lr_scheduler.LambdaLR(o, f), epochs=epochs)


def constant_warmup_event(tr, spe):
    (step, old, new), = tt.lr_changes(tr)
    xs, ys = tr.probe_series("full_train_loss")
    pre = float(ys[xs < step][-1])
    after = ys[(xs > step) & (xs <= step + 40)]
    how = (f"constant warmup ends: LambdaLR set lr {old:g} -> {new:g} for update {step}; full-training-set loss "
           f"{pre:.3g} at the last probe before, {after.min():.3g}-{after.max():.3g} over the 40 updates after")
    if after.max() > 1.5 * pre:
        kind, rec, pre, peak = spike_kind(tr, step)
        return Event(step, "up", "warmup_end", kind, 30, how + (f"; back within 10% after {rec} updates"
                                                                 if rec is not None else "; never back within 10%"))
    w = tt.drop_width(tr, step, 2 * spe)
    return Event(step, "down", "warmup_end", "drop", max(w, 10) if w is not None else spe // 2,
                 how + "; tolerance = updates until it covered 80% of its fall")


@run("warmup_const_drop_csv", "warmup_end")
def _(d):
    tr = constant_warmup("warmup_const_drop_csv", 27, warm=600, factor=0.01)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    return Result(tr, info, [constant_warmup_event(tr, 156)], "MLP on the teacher task, SGD momentum 0.9, "
                  "constant warmup at lr 0.001 for 600 updates, then lr 0.1: the loss slides slowly during the "
                  "warmup and falls sharply when it ends; per-step CSV with lr")


@run("warmup_const_rise_tb", "warmup_end")
def _(d):
    tr = constant_warmup("warmup_const_rise_tb", 26, warm=800, factor=0.1)
    info = cw.emit_tensorboard(tr, d, every=2, lr=True)
    return Result(tr, info, [constant_warmup_event(tr, 156)], "MLP on the teacher task, SGD momentum 0.9, "
                  "constant warmup at lr 0.01 for 800 updates, then lr 0.1: the warmup already trained the net, "
                  "and the 10x step throws the loss up; TensorBoard every 2 updates with train/lr")


# ------------------------------------------------------------------ epoch boundary


def memo_events(tr):
    evs = []
    starts = tr.epoch_start_steps()[1:]
    for k, s in enumerate(starts, start=1):
        evs.append(Event(s, "down", "epoch_boundary", "drop", 3,
                         f"epoch {k} (counted from 0) starts at update {s}: from here every example is seen for "
                         f"time number {k + 1} (n={tr.meta['n']} unique examples, batch "
                         f"{tr.meta['batch_size']}, reshuffled each epoch); steps per epoch fixed by the loop"))
    return evs


@run("epochs_memo_hf", "epoch_boundary")
def _(d):
    tl.setup(0)
    tr = tl.train_memorisation("epochs_memo_hf", seed=0, epochs=6, n=2048, batch_size=16, lr=8.0)
    tr.meta.update(lr0=8.0, optimizer="SGD", n_val=2048)
    info = cw.emit_trainer_state(tr, d, logging_steps=4, train_batch_size=16, grad_norm=True)
    return Result(tr, info, memo_events(tr), "softmax regression on 2048 unique nearly orthogonal 4096-d examples "
                  "(half the labels random), SGD lr 8 constant, 6 epochs: each exposure memorises the example, so "
                  "the per-step loss is flat within an epoch and drops at every epoch start (like multi-epoch "
                  "fine-tuning); HF trainer_state logging_steps 4")


@run("epochs_memo_wandb", "epoch_boundary")
def _(d):
    tl.setup(1)
    tr = tl.train_memorisation("epochs_memo_wandb", seed=1, epochs=5, n=1024, batch_size=16, lr=8.0)
    tr.meta.update(lr0=8.0, optimizer="SGD")
    info = cw.emit_wandb(tr, d, every=2, lr=False, avg=True)
    return Result(tr, info, memo_events(tr), "softmax regression on 1024 unique nearly orthogonal examples, SGD "
                  "lr 8 constant, 5 epochs: loss drops at each epoch start; W&B history every 2 steps (mean of the 2)")


# ------------------------------------------------------------------ no event


@run("const_adam_teacher_csv", "no_event")
def _(d):
    tr = teacher_sched("const_adam_teacher_csv", 30, None, epochs=30, opt="adamw", lr0=5e-4)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    return Result(tr, info, [], "MLP on the teacher task, AdamW lr 5e-4 constant, 30 epochs: smooth power-law-like "
                  "decrease of a noisy per-step loss", no_event=True)


@run("const_sgd_digits_tb", "no_event")
def _(d):
    tr = digits_relu_run("const_sgd_digits_tb", 31, lr=0.01, epochs=60)
    info = cw.emit_tensorboard(tr, d, every=1, lr=True)
    return Result(tr, info, [], "ReLU MLP on digits, SGD momentum 0.9 lr 0.01 constant: smooth decrease; "
                  "TensorBoard every step", no_event=True)


@run("const_sgd_teacher_mlflow", "no_event")
def _(d):
    tr = teacher_sched("const_sgd_teacher_mlflow", 32, None, epochs=30, lr0=0.01)
    info = cw.emit_mlflow(tr, d, every=5, lr=True)
    return Result(tr, info, [], "MLP on the teacher task, SGD momentum 0.9 lr 0.01 constant; MLflow every 5 steps",
                  no_event=True)


@run("const_adam_teacher_wandb", "no_event")
def _(d):
    tr = teacher_sched("const_adam_teacher_wandb", 33, None, epochs=20, opt="adamw", lr0=5e-4)
    info = cw.emit_wandb(tr, d, every=5, lr=True)
    return Result(tr, info, [], "MLP on the teacher task, AdamW lr 5e-4 constant; W&B history every 5 steps",
                  no_event=True)


@run("const_sgd_digits_text", "no_event")
def _(d):
    tr = digits_relu_run("const_sgd_digits_text", 34, lr=0.01, epochs=60)
    info = cw.emit_text(tr, d, every=5, lr=True)
    return Result(tr, info, [], "ReLU MLP on digits, SGD momentum 0.9 lr 0.01 constant; stdout every 5 iters",
                  no_event=True)


@run("const_sgd_teacher_keras", "no_event")
def _(d):
    tr = teacher_sched("const_sgd_teacher_keras", 35, None, epochs=30, lr0=0.01)
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, [], "MLP on the teacher task, SGD momentum 0.9 lr 0.01 constant, 30 epochs; Keras CSVLogger per "
                  "epoch with lr", no_event=True)


@run("const_adam_digits_lightning", "no_event")
def _(d):
    tl.setup(36)
    data = tl.digits(36)
    model = digits_mlp()
    opt = torch.optim.Adam(model.parameters(), lr=3e-4)
    tr = tl.train_classifier("const_adam_digits_lightning", model, data, epochs=60, batch_size=32, optimizer=opt,
                             probe_every=20)
    tr.meta.update(lr0=3e-4, n_val=297, optimizer="Adam")
    info = cw.emit_lightning(tr, d, every=5, lr=True, optimizer="Adam")
    return Result(tr, info, [], "ReLU MLP on digits, Adam lr 3e-4 constant; Lightning CSV every 5 steps with lr-Adam",
                  no_event=True)


@run("const_sgd_teacher_hf", "no_event")
def _(d):
    tr = teacher_sched("const_sgd_teacher_hf", 37, None, epochs=30, lr0=0.01)
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32)
    return Result(tr, info, [], "MLP on the teacher task, SGD momentum 0.9 lr 0.01 constant; HF trainer_state",
                  no_event=True)


# ------------------------------------------------------------------ driver


def spell(v: float):
    """JSON-safe value: finite floats as numbers, NaN/inf as 'nan'/'inf'/'-inf'."""
    v = float(v)
    return v if math.isfinite(v) else repr(v)


def fingerprint(y) -> dict:
    idx = [0, 1, 2, len(y) // 2]
    idx = [i for i in idx if i < len(y)]
    return {"first_index": idx, "first_values": [spell(y[i]) for i in idx],
            "last_value": spell(y[-1]) if len(y) else None,
            "n_nonfinite": int(sum(1 for v in y if not math.isfinite(v)))}


def write_internals(path, trace):
    keys: list[str] = []
    for p in trace.probes:
        for k in p:
            if k not in keys:
                keys.append(k)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(keys)
        for p in trace.probes:
            w.writerow([cw.pyfloat(p.get(k)) if p.get(k) is not None else "" for k in keys])


def json_safe(o):
    if isinstance(o, float) and not math.isfinite(o):
        return None
    if isinstance(o, dict):
        return {k: json_safe(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [json_safe(v) for v in o]
    if isinstance(o, (np.floating,)):
        return json_safe(float(o))
    if isinstance(o, (np.integer,)):
        return int(o)
    return o


AXIS_NOTE = {
    "generic_csv": "step = optimiser updates counted from 1 (per-epoch CSVs: epoch)",
    "tensorboard": "step = optimiser updates counted from 1",
    "hf_trainer_state": "step = global_step (updates counted from 1)",
    "lightning_csv": "step = Lightning's step, updates counted from 0 (update u is logged at u-1)",
    "keras_csv": "epoch, counted from 0",
    "mlflow": "step = optimiser updates counted from 1",
    "wandb_jsonl": "_step = optimiser updates counted from 1 (wandb.log(..., step=global_step))",
    "text": "iter = optimiser updates counted from 0 (update u prints as iter u-1)",
}


def audit_escapes(tr, events, category, key) -> list[Event]:
    """Falls off a plateau the probes show that the run's planned events do not cover."""
    if not tr.probes or key not in tr.probes[-1]:
        return []
    xs, ys = tr.probe_series(key)
    probed = [p for p in tr.probes if key in p]
    lr = [p["lr"] for p in probed] if all("lr" in p for p in probed) else None
    return tt.escape_events(xs, ys, [(e.step, e.tol_steps) for e in events], category, lr, key)


def build(name, category, fn, out_root):
    d = os.path.join(out_root, name)
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(d)
    t0 = time.time()
    res = fn(d)
    secs = time.time() - t0
    info, tr = res.info, res.trace
    key = "full_train_loss" if tr.probes and "full_train_loss" in tr.probes[-1] else "full_loss"
    escapes = audit_escapes(tr, res.events, category, key)
    if escapes and res.no_event:
        print(f"WARNING {name}: no-event run whose probes show a fall off a plateau at update {escapes[0].step}")
    events = tt.events_to_json(res.events + ([] if res.no_event else escapes), info)
    has_up = any(e.direction == "up" for e in res.events)
    checks = {}
    if not has_up and tr.probes and key in tr.probes[-1]:
        checks["max_probe_loss_rise"] = round(tt.probe_excursion(tr, key=key, after=200), 4)
    truth = {
        "run": name,
        "category": category,
        "description": res.description,
        "log": info.log,
        "format": info.format,
        "metric": info.metric,
        "step_axis": info.axis,
        "step_axis_note": AXIS_NOTE[info.format],
        "n_points": len(info.y),
        "no_event": res.no_event,
        "lr_logged": info.lr_logged,
        "schedule": res.schedule,
        "batch_size_changes": res.bs_schedule,
        "events": events,
        "internals": "internals.csv",
        "internals_note": "probes measured aside during training; 'step' there counts optimiser updates from 1",
        "updates": len(tr.steps),
        "steps_per_epoch": tr.steps_per_epoch[0] if tr.steps_per_epoch else None,
        "fingerprint": fingerprint(info.y),
        "checks": checks,
        "generation_seconds": round(secs, 1),
    }
    with open(os.path.join(d, "truth.json"), "w") as f:
        json.dump(json_safe(truth), f, indent=2)
        f.write("\n")
    write_internals(os.path.join(d, "internals.csv"), tr)
    return truth


NOTES = [
    "Ground truth comes from the schedule the script set (lr read back from the optimiser at every update, "
    "batch size, epoch starts, injected bad batches, unlogged lr changes) or from quantities measured aside "
    "in `internals.csv` (singular modes of deep linear nets, test accuracy for grokking, training-set accuracy "
    "and saturated-unit share for saturation runs, dead-ReLU share, full-training-set loss for spike recovery "
    "and divergence onset). Never from curvedoc and never from looking at the plot.",
    "Beyond the events a run's plan sets, every run's probed full-training-set loss is audited for falls off "
    "a plateau at a constant lr that no listed event covers (tools/truthlib.py `plateau_escapes`, a rule fixed "
    "before it was run; `benchmarks/audit_truths.py` lists them): a net left at chance by a corrupted batch "
    "that climbs off it later, a saturated net that leaves its plateau in two stages. Such falls are listed "
    "with the cause the run's setting gives them.",
    "Late LR decays are often invisible in the minibatch loss (the loss already sits near what the smaller lr "
    "allows): they stay in the truth with `visible: false`. The same holds for most later ReduceLROnPlateau "
    "cuts and for warmup ends.",
    "Several instability runs are triggered by a controlled cause the log does not show (a corrupted minibatch, "
    "or an lr raised without logging it); the log itself shows a constant lr or none, so `instability` is "
    "the right reading. `diverge_hf` logs its lr raise, so `lr_restart` is also accepted there.",
    "Divergence runs use squared error on the logits or deep linear nets: with cross-entropy, ReLU nets at a "
    "too-high lr die (dead units, loss stuck at ln 10) instead of reaching NaN. Between the divergence onset "
    "and the first NaN the loss may oscillate; the tolerance spans that stretch.",
    "Not included: a clean divergence at a constant lr with a calm prior phase (deep linear nets at a constant "
    "too-high lr oscillate chaotically from the start); Edge-of-Stability oscillation under full-batch GD "
    "(bounded and decreasing, which curvedoc's design says is not an instability).",
    "A constant-lr SGD run on the teacher task at lr 0.03 for 50 epochs showed an unplanned sharp drop "
    "(epoch ~21) and a rise (epoch ~40) in the full-training-set loss; it was not used as a no-event run "
    "(those now use lr 0.01 or Adam/AdamW, and every no-event run's full-training-set loss was checked: "
    "`checks.max_probe_loss_rise` is its largest ratio to the running minimum after update 200).",
    "The grokking runs are MLPs on modular addition (p = 47 and 41), AdamW with weight decay 1.0: about 20-35 s "
    "each on one thread.",
]


def write_index(out_root, truths, total_secs):
    lines = ["# curvedoc evaluation corpus", "",
             "Real small training runs on a 2-core CPU (torch 2.13 CPU build, one thread), each written in a "
             "real log format. Generated by `benchmarks/make_corpus.py`; ground truth in each run's "
             "`truth.json` (paths relative to the run directory, `step`/`tolerance` on the log's own axis), "
             "internal measurements it was taken from in `internals.csv`. Regenerate:", "",
             "```", "/work/torchenv/bin/python benchmarks/make_corpus.py", 
             "/work/torchenv/bin/python tools/verify_logs.py benchmarks/corpus", "```", "",
             "`visible: false` marks an event whose cause is real (e.g. the LR really was decayed) but whose "
             "effect cannot be seen in the written series (a plain before/after test, see tools/truthlib.py); "
             "do not penalise missing it. `sharp: false` marks slope changes (warmup end). "
             "`also_acceptable` lists labels that a log-only reading may fairly give.", "",
             f"{len(truths)} runs, generated in {total_secs:.0f} s.", "",
             "| run | format | metric | points | category | events (step: cause/kind, visible) | lr logged | gen s |",
             "|---|---|---|---|---|---|---|---|"]
    for t in truths:
        evs = "; ".join(f"{e['step']}: {e['cause']}/{e['kind']}{'' if e['visible'] else ' (not visible)'}"
                        f"{' (slope)' if e.get('sharp') is False else ''}" for e in t["events"]) or "none"
        lines.append(f"| `{t['run']}` | {t['format']} | `{t['metric']}` | {t['n_points']} | {t['category']} | "
                     f"{evs} | {'yes' if t['lr_logged'] else 'no'} | {t['generation_seconds']} |")
    lines += ["", "## Notes on what is (not) here", ""] + [f"- {n}" for n in NOTES]
    lines += [""] + index_counts(truths) + ["", "## Descriptions", ""]
    for t in truths:
        lines.append(f"- `{t['run']}`: {t['description']}")
    with open(os.path.join(out_root, "INDEX.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def write_later_index(out_root: str, truths: list[dict], total_secs: float, name: str, intro: str,
                      notes: list[str]) -> None:
    """A later set's INDEX.md: how it was made (``intro``) and is regenerated, the run table, the
    counts, ``notes``, and every run's description."""
    lines = [f"# curvedoc {name} labelled set", "", f"{intro} Regenerate:", "",
             "```", f"/work/torchenv/bin/python benchmarks/make_{name}.py",
             f"/work/torchenv/bin/python tools/verify_logs.py benchmarks/{name}", "```", "",
             f"{len(truths)} runs, generated in {total_secs:.0f} s (sum of per-run times).", ""]
    lines += index_rows_with_tolerance(truths)
    lines += [""] + index_counts(truths) + notes + ["", "## Descriptions", ""]
    lines += [f"- `{t['run']}`: {t['description']}" for t in truths]
    with open(os.path.join(out_root, "INDEX.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def index_counts(truths: list[dict]) -> list[str]:
    """A set index's two summary lines: events per cause, runs per format."""
    counts = Counter(e["cause"] for t in truths for e in t["events"])
    fmts = Counter(t["format"] for t in truths)
    return ["Events per cause: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) +
            f"; no-event runs: {sum(t['no_event'] for t in truths)}.",
            "Runs per format: " + ", ".join(f"{k} {v}" for k, v in sorted(fmts.items())) + "."]


def index_rows_with_tolerance(truths: list[dict]) -> list[str]:
    """The later sets' run table: events with their tolerances, and the probe-loss check."""
    lines = ["| run | format | metric | points | category | events (step±tol: cause/kind, visible) | lr logged | "
             "probe rise | gen s |", "|---|---|---|---|---|---|---|---|---|"]
    for t in truths:
        evs = "; ".join(f"{e['step']}±{e['tolerance']}: {e['cause']}/{e['kind']}"
                        f"{'' if e['visible'] else ' (not visible)'}"
                        f"{' (slope)' if e.get('sharp') is False else ''}" for e in t["events"]) or "none"
        lines.append(f"| `{t['run']}` | {t['format']} | `{t['metric']}` | {t['n_points']} | {t['category']} | "
                     f"{evs} | {'yes' if t['lr_logged'] else 'no'} | "
                     f"{t['checks'].get('max_probe_loss_rise', '')} | {t['generation_seconds']} |")
    return lines


def build_runs(runs: list, out: str, only: list[str] | None) -> list[dict]:
    """Build the runs whose names contain one of ``only`` (all when empty), saying each as it is
    done; return the truth of every run present in ``out``, for the index."""
    os.makedirs(out, exist_ok=True)
    width = max(len(name) for name, _, _ in runs)
    for name, cat, fn in runs:
        if only and not any(s in name for s in only):
            continue
        t = build(name, cat, fn, out)
        evs = ", ".join(f"{e['step']}±{e['tolerance']}:{e['cause']}/{e['kind']}{'' if e['visible'] else '(inv)'}"
                        for e in t["events"])
        rise = t["checks"].get("max_probe_loss_rise", 1.0)
        if t["no_event"] and rise > 2.0:
            print(f"WARNING {name}: no-event run whose full-train loss rose x{rise} above its running minimum")
        print(f"{name:{width}s} {t['format']:16s} n={t['n_points']:6d} {t['generation_seconds']:6.1f}s  "
              f"{evs or 'no event'} {t['checks'] or ''}", flush=True)
    truths = []
    for name, _, _ in runs:
        p = os.path.join(out, name, "truth.json")
        if os.path.exists(p):
            with open(p) as f:
                truths.append(json.load(f))
    return truths


def set_main(argv, doc: str, runs: list, out: str, index) -> int:
    """The command line of a labelled set's generator: build all or ``--only`` some runs, then its index."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--out", default=out)
    ap.add_argument("--only", nargs="*", help="substrings of run names to (re)build")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args(argv)
    if a.list:
        for n, c, _ in runs:
            print(n, c)
        return 0
    t_all = time.time()
    truths = build_runs(runs, a.out, a.only)
    total = sum(t["generation_seconds"] for t in truths)
    index(a.out, truths, total)
    print(f"built in {time.time() - t_all:.0f}s; set total generation {total:.0f}s")
    return 0


def main(argv=None):
    return set_main(argv, __doc__, RUNS, os.path.join(HERE, "corpus"), write_index)


if __name__ == "__main__":
    sys.exit(main())
