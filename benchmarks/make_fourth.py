"""A fourth labelled set (benchmarks/fourth): real small training runs made after the corpus, the
holdout and the third set, with recipes and conditions none of them has. It was built without
running curvedoc on it (and without importing it), so its first score is an honest estimate.

Reuses the corpus machinery (benchmarks/make_corpus.py, tools/trainlab.py, tools/truthlib.py,
benchmarks/corpus_writers.py) by importing it. Ground truth is taken from training internals
exactly as make_corpus.py does: the lr read back from the optimiser at every update
(decay_events, restart_events, warmup ends), the batch size actually used (bs_events), the
singular modes of a deep linear net (dln_events), training-set accuracy and saturated-unit
share (transition_event), injected bad batches and the full-training-set loss
(bad_batch_events / spike_kind, divergence_event), NaN in the minibatch loss. Visibility in the
written series is the corpus's test (truthlib.measure).

What is new relative to the corpus, the holdout and the third set (those vary seeds, widths
and factors of the same recipes):

- models / optimisers: a small CNN on the 8x8 digits (step decay; Adagrad at constant lr);
  Adam with MultiStepLR; AdamW with a linear decay to 0, with OneCycleLR and with SGDR per
  epoch; RMSprop, Nesterov SGD, Adagrad and plain SGD
  without momentum at constant lr; Adam with a batch-size increase;
- StepLR halving the lr every 10 epochs (three decays, logged as 10-update means);
- smooth schedules that are not cosine: ExponentialLR (per epoch), PolynomialLR (power 2,
  per update), linear decay; they carry no event;
- logging conditions: step decay with batch 8 logged at every update (very noisy), step
  decay under gradient accumulation (4 micro-batches of 8 per update, HF logging_steps 5), a
  10,000-point per-update log and a 30-point per-epoch log (epochs counted from 0) of
  constant-lr runs, logs without the lr column (``_nolr``);
- metrics other than the training loss: Keras ``val_accuracy`` (higher is better: the lr
  decay is a rise, ``direction: up``) and W&B ``val/loss`` of a net that overfits 30% label
  noise after its decay;
- instability: bad minibatches on the teacher task with gradient clipping (max-norm 1) and the
  same without; a late divergence to NaN after an lr increase at update 3001 (logged);
- a depth-6 deep linear net staircase; a tanh net on the teacher task whose hidden layer
  starts saturated and recovers.

    /work/torchenv/bin/python benchmarks/make_fourth.py                 # all runs (~2-3 min)
    /work/torchenv/bin/python benchmarks/make_fourth.py --only fo_sat   # a subset (index redone)
    /work/torchenv/bin/python tools/verify_logs.py benchmarks/fourth
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchmarks import make_corpus as mc  # noqa: E402  (inserts tools/ and benchmarks/ itself)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

tl, tt, cw = mc.tl, mc.tt, mc.cw
Event, Result = mc.Event, mc.Result

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fourth")
RUNS, run = mc.registry()


# ------------------------------------------------------------------ building blocks


class ClipSGD(torch.optim.SGD):
    """SGD that clips the global gradient norm before every update (torch.nn.utils.clip_grad_norm_).
    The trace's grad_norm is measured before the clip, as a logger of the raw norm would."""

    def __init__(self, params, max_norm: float, **kw):
        params = list(params)
        super().__init__(params, **kw)
        self._clip_params, self.max_norm = params, max_norm

    def step(self, closure=None):
        torch.nn.utils.clip_grad_norm_(self._clip_params, self.max_norm)
        return super().step(closure)


def as_accuracy(evs):
    """Events read on an accuracy (higher is better): an lr decay makes it rise."""
    for e in evs:
        e.direction, e.kind = "up", "rise"
    return evs


def use_val_loss(info, tr, name):
    """Point a LogInfo at the validation-loss series written at the evals (make_corpus.use_val)."""
    return mc.use_val(info, tr, name)


def train_accum(name, model, data, *, epochs, micro, accum, optimizer, scheduler=None, scheduler_unit="step",
                probe_every=20, augment=None):
    """Gradient accumulation: ``accum`` micro-batches of ``micro`` examples per optimiser update (loss
    divided by accum, one optimizer.step). The trace has one record per update; its ``loss`` is the mean
    of the micro-batch losses, as HF's Trainer reports it; ``batch_size`` is the effective batch."""
    Xtr, ytr, Xva, yva = data
    n = len(Xtr)
    tr = tl.Trace(name)
    params = [p for p in model.parameters() if p.requires_grad]
    step, t0 = 0, time.time()

    def probe():
        loss, acc = tl.eval_classifier(model, Xtr, ytr)
        tr.probes.append({"step": step, "full_train_loss": loss, "full_train_acc": acc,
                          "lr": optimizer.param_groups[0]["lr"]})

    probe()
    eff = micro * accum
    for ep in range(epochs):
        perm = torch.randperm(n)
        nb = n // eff
        tr.steps_per_epoch.append(0)
        for i in range(nb):
            step += 1
            lr = optimizer.param_groups[0]["lr"]
            optimizer.zero_grad()
            losses = []
            for k in range(accum):
                idx = perm[i * eff + k * micro:i * eff + (k + 1) * micro]
                xb, yb = Xtr[idx], ytr[idx]
                if augment is not None:
                    xb = augment(xb)
                loss = F.cross_entropy(model(xb), yb)
                (loss / accum).backward()
                losses.append(loss.item())
            gn = tl.grad_global_norm(params)
            optimizer.step()
            if scheduler is not None and scheduler_unit == "step":
                scheduler.step()
            tr.steps.append({"step": step, "epoch": ep, "epoch_float": ep + (i + 1) / nb, "lr": lr,
                             "batch_size": eff, "loss": float(np.mean(losses)), "grad_norm": gn,
                             "wall": time.time()})
            tr.steps_per_epoch[-1] += 1
            if step % probe_every == 0:
                probe()
        if scheduler is not None and scheduler_unit == "epoch":
            scheduler.step()
        vl, va = tl.eval_classifier(model, Xva, yva)
        tr.evals.append({"step": step, "epoch": ep, "val_loss": vl, "val_acc": va, "wall": time.time()})
    tr.meta.update(train_seconds=time.time() - t0, n_train=n, micro_batch=micro, accumulation=accum)
    return tr


def teacher_run(name, seed, *, widths=(192, 192), act="relu", opt="sgd", lr=0.05, epochs=20, B=32, N=5000,
                label_noise=0.0, sched=None, unit="step", probe_every=20, wd=5e-4, momentum=0.9, loss="ce",
                inject=None, on_step=None, nan_tail=200, eval_every_steps=None, clip=None, nesterov=False):
    """An MLP on the teacher task with the optimiser / schedule / hooks given."""
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=N, label_noise=label_noise)
    model = tl.mlp(20, list(widths), 10, act)
    p = model.parameters()
    if opt == "sgd" and clip:
        o = ClipSGD(p, clip, lr=lr, momentum=momentum, weight_decay=wd)
    elif opt == "sgd":
        o = torch.optim.SGD(p, lr=lr, momentum=momentum, weight_decay=wd, nesterov=nesterov)
    elif opt == "adam":
        o = torch.optim.Adam(p, lr=lr)
    elif opt == "adamw":
        o = torch.optim.AdamW(p, lr=lr, weight_decay=0.01)
    else:
        raise ValueError(opt)
    s = sched(o) if sched else None
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=B, optimizer=o, scheduler=s,
                             scheduler_unit=unit, probe_every=probe_every, inject=inject, on_step=on_step,
                             nan_tail_steps=nan_tail, eval_every_steps=eval_every_steps, loss=loss)
    tr.meta.update(lr0=lr, n_val=len(data[2]), optimizer=type(o).__name__ if not clip else "SGD")
    return tr


def digits_run(name, seed, model, opt_fn, *, epochs, B=32, sched=None, unit="epoch", probe_every=10,
               noise=None, probe_extra=None):
    tl.setup(seed)
    data = tl.digits(seed)
    m = model()
    o = opt_fn(m.parameters())
    s = sched(o) if sched else None
    aug = (lambda xb: tl.shift_augment(xb, noise)) if noise is not None else None
    tr = tl.train_classifier(name, m, data, epochs=epochs, batch_size=B, optimizer=o, scheduler=s,
                             scheduler_unit=unit, probe_every=probe_every, augment=aug,
                             probe_extra=probe_extra(m, data) if probe_extra else None)
    tr.meta.update(lr0=tr.steps[0]["lr"], n_val=len(data[2]), optimizer=type(o).__name__)
    return tr


def multistep(ms, gamma):
    return lambda o: torch.optim.lr_scheduler.MultiStepLR(o, ms, gamma)


# ------------------------------------------------------------------ step decay, new recipes


@run("fo_sd_cnn_digits_tb_nolr", "lr_decay")
def _(d):
    name, ms, g, lr0 = "fo_sd_cnn_digits_tb_nolr", [14, 24], 0.1, 0.04
    tr = digits_run(name, 400, tl.SmallCNN, lambda p: torch.optim.SGD(p, lr=lr0, momentum=0.9, weight_decay=5e-4),
                    epochs=30, sched=multistep(ms, g), noise=0.1, probe_every=10)
    spe = tr.steps_per_epoch[0]
    evs = mc.decay_events(tr, 3 * spe, spe // 2)
    info = cw.emit_tensorboard(tr, d, every=2, lr=False)
    return Result(tr, info, evs, f"small CNN (conv3x3 16, conv3x3 32, maxpool, fc 64, fc 10) on sklearn digits with "
                  f"+-1px shift and 0.1 pixel-noise augmentation, SGD momentum 0.9, wd 5e-4, batch 32 ({spe} "
                  f"updates/epoch), MultiStepLR {ms} (epochs) x{g} from lr {lr0}; TensorBoard train/loss every 2 "
                  f"updates, val/loss, val/acc per epoch, NO lr tag",
                  schedule=mc.multistep_schedule(tr, info, g, "not in the log"))


@run("fo_sd_adam_teacher_lightning", "lr_decay")
def _(d):
    name, ms, g, lr0 = "fo_sd_adam_teacher_lightning", [10, 18], 0.1, 2e-3
    tr = teacher_run(name, 401, widths=(192, 192), opt="adam", lr=lr0, epochs=24, sched=multistep(ms, g),
                     unit="epoch")
    evs = mc.decay_events(tr, 2 * 156, 78, what="MultiStepLR (Adam)")
    info = cw.emit_lightning(tr, d, every=5, lr=True, optimizer="Adam")
    return Result(tr, info, evs, f"ReLU MLP 20-192-192-10 on the teacher task (5000 examples), Adam lr {lr0}, "
                  f"batch 32, MultiStepLR {ms} (epochs) x{g}; Lightning CSV every 5 updates with lr-Adam (step "
                  f"counts from 0)", schedule=mc.multistep_schedule(tr, info, g, "Lightning step axis counts from 0"))


@run("fo_sd_teacher_b8_perstep_csv", "lr_decay")
def _(d):
    name, ms, g, lr0, N, B = "fo_sd_teacher_b8_perstep_csv", [7, 11], 0.2, 0.02, 3000, 8
    tr = teacher_run(name, 402, widths=(128, 128), lr=lr0, epochs=14, B=B, N=N, sched=multistep(ms, g),
                     unit="epoch", probe_every=25)
    spe = N // B
    evs = mc.decay_events(tr, 2 * spe, spe // 2)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    return Result(tr, info, evs, f"ReLU MLP 20-128-128-10 on the teacher task ({N} examples), SGD momentum 0.9, "
                  f"wd 5e-4, batch {B} ({spe} updates/epoch, a very noisy minibatch loss), MultiStepLR {ms} "
                  f"(epochs) x{g} from lr {lr0}; per-update CSV with lr",
                  schedule=mc.multistep_schedule(tr, info, g))


@run("fo_sd_accum_teacher_hf", "lr_decay")
def _(d):
    name, seed, ms, g, lr0, micro, accum = "fo_sd_accum_teacher_hf", 403, [900, 1500], 0.1, 0.08, 8, 4
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000)
    model = tl.mlp(20, [192, 192], 10, "relu")
    opt = mc.sgd(model, lr0)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, ms, g)
    tr = train_accum(name, model, data, epochs=18, micro=micro, accum=accum, optimizer=opt, scheduler=sched,
                     scheduler_unit="step")
    tr.meta.update(lr0=lr0, n_val=2000, optimizer="SGD")
    evs = mc.decay_events(tr, 2 * 156, 78)
    info = cw.emit_trainer_state(tr, d, logging_steps=5, train_batch_size=micro)
    return Result(tr, info, evs, f"ReLU MLP 20-192-192-10 on the teacher task, SGD momentum 0.9, wd 5e-4, gradient "
                  f"accumulation: {accum} micro-batches of {micro} per update (effective batch {micro * accum}, 156 "
                  f"updates/epoch), MultiStepLR {ms} (updates) x{g} from lr {lr0}; HF trainer_state logging_steps "
                  f"5 (loss = mean over the 5 updates' micro-batches, learning_rate after the scheduler step)",
                  schedule=mc.multistep_schedule(tr, info, g, "HF logs learning_rate after the scheduler step"))


@run("fo_sd_valacc_teacher_keras", "lr_decay")
def _(d):
    name, ms, g, lr0, N = "fo_sd_valacc_teacher_keras", [12, 20], 0.1, 0.1, 5000
    tr = teacher_run(name, 404, widths=(256, 256), lr=lr0, epochs=26, N=N, sched=multistep(ms, g), unit="epoch")
    spe = N // 32
    evs = as_accuracy(mc.decay_events(tr, 2 * spe, spe // 2))
    info = cw.emit_keras(tr, d, lr=True, metric="val_accuracy")
    return Result(tr, info, evs, f"ReLU MLP 20-256-256-10 on the teacher task ({N} examples, {spe} updates/epoch), "
                  f"SGD momentum 0.9, wd 5e-4, batch 32, MultiStepLR {ms} (epochs) x{g} from lr {lr0}; Keras "
                  f"CSVLogger per epoch with lr; main metric val_accuracy (higher is better: the lr decay is a "
                  f"rise, direction up)", schedule=mc.multistep_schedule(tr, info, g))


@run("fo_sd_noisylabels_valloss_wandb", "lr_decay")
def _(d):
    name, ms, g, lr0, N, noise = "fo_sd_noisylabels_valloss_wandb", [15], 0.1, 0.1, 3000, 0.3
    tr = teacher_run(name, 405, widths=(512, 512), lr=lr0, epochs=30, N=N, label_noise=noise,
                     sched=multistep(ms, g), unit="epoch", eval_every_steps=20, probe_every=20)
    spe = N // 32
    evs = mc.decay_events(tr, 2 * spe, spe // 2)
    info = use_val_loss(cw.emit_wandb(tr, d, every=4, lr=True), tr, "val/loss")
    vs = np.array([e["val_loss"] for e in tr.evals])
    vx = np.array([e["step"] for e in tr.evals])
    at = evs[0].step
    post = vx >= at
    i1 = int(np.argmin(np.where(post, vs, np.inf)))
    mid_level = float(np.median(vs[(vx >= at // 4) & (vx < at * 2 // 3)]))
    late_level = float(np.median(vs[vx < at][-8:]))
    _, fl = tr.probe_series("full_train_loss")
    return Result(tr, info, evs, f"ReLU MLP 20-512-512-10 on the teacher task ({N} examples, {noise:.0%} of the "
                  f"training labels random), SGD momentum 0.9, wd 5e-4, batch 32 ({spe} updates/epoch), "
                  f"MultiStepLR {ms} (epochs) x{g} from lr {lr0}; W&B history: train/loss and train/lr every 4 "
                  f"updates, val/loss and val/acc every 20 updates; main metric val/loss. The net overfits the "
                  f"noisy labels: val/loss already creeps up before the decay (median {mid_level:.3g} over updates "
                  f"{at // 4}-{at * 2 // 3}, {late_level:.3g} over the last 8 evals before it), drops at the decay "
                  f"(minimum {vs[i1]:.3g} at update {int(vx[i1])}) and rises again slowly to {vs[-1]:.3g} while "
                  f"the full-training-set loss falls to {fl[-1]:.3g} (internals.csv): gradual overfitting over "
                  f"hundreds of updates, which is not an event label, so only the decay is labelled")


@run("fo_steplr_halving_digits_wandb_avg", "lr_decay")
def _(d):
    name, step_size, g, lr0 = "fo_steplr_halving_digits_wandb_avg", 10, 0.5, 0.08
    tr = digits_run(name, 420, lambda: tl.mlp(64, [160, 160], 10, "relu"),
                    lambda p: torch.optim.SGD(p, lr=lr0, momentum=0.9, weight_decay=5e-4), epochs=40,
                    sched=lambda o: torch.optim.lr_scheduler.StepLR(o, step_size, g), noise=0.15)
    spe = tr.steps_per_epoch[0]
    evs = mc.decay_events(tr, 3 * spe, spe // 2, what=f"StepLR(step_size={step_size} epochs, gamma={g})")
    info = cw.emit_wandb(tr, d, every=10, lr=True, avg=True)
    return Result(tr, info, evs, f"ReLU MLP 64-160-160-10 on digits (shift + 0.15 noise augmentation), SGD momentum "
                  f"0.9, wd 5e-4, batch 32 ({spe} updates/epoch), StepLR halving the lr every {step_size} epochs "
                  f"from {lr0} (decays at epochs 10, 20, 30); W&B history every 10 updates, train/loss = mean of "
                  f"the 10 minibatch losses, with train/lr", schedule=mc.multistep_schedule(tr, info, g))


# ------------------------------------------------------------------ smooth schedules (no event)


@run("fo_lindecay_adamw_teacher_mlflow", "no_event")
def _(d):
    total, lr0 = 156 * 24, 1.5e-3
    tr = teacher_run("fo_lindecay_adamw_teacher_mlflow", 406, widths=(192, 192), opt="adamw", lr=lr0, epochs=24,
                     sched=lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda s: max(0.0, 1 - s / total)))
    info = cw.emit_mlflow(tr, d, every=3, lr=True, experiment_name="curvedoc-fourth")
    return Result(tr, info, [], f"ReLU MLP 20-192-192-10 on the teacher task, AdamW lr {lr0} (wd 0.01) decayed "
                  f"linearly to 0 over the run (per update, no warmup), 24 epochs; MLflow train_loss and "
                  f"learning_rate every 3 updates", no_event=True)


@run("fo_explr_sgd_digits_text_nolr", "no_event")
def _(d):
    lr0, gamma = 0.05, 0.94
    tr = digits_run("fo_explr_sgd_digits_text_nolr", 407, lambda: tl.mlp(64, [128, 128], 10, "relu"),
                    lambda p: torch.optim.SGD(p, lr=lr0, momentum=0.9, weight_decay=5e-4), epochs=60,
                    sched=lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma), noise=0.1)
    info = cw.emit_text(tr, d, every=5, lr=False)
    return Result(tr, info, [], f"ReLU MLP 64-128-128-10 on digits (shift + 0.1 noise augmentation), SGD momentum "
                  f"0.9 from lr {lr0}, ExponentialLR x{gamma} per epoch (46 updates each; lr {lr0} -> "
                  f"{tr.steps[-1]['lr']:.2g}), 60 epochs: a smooth decay, no step; stdout every 5 iters, no lr",
                  no_event=True)


@run("fo_poly_sgd_teacher_hf", "no_event")
def _(d):
    total, lr0 = 156 * 22, 0.05
    tr = teacher_run("fo_poly_sgd_teacher_hf", 408, widths=(224, 224), lr=lr0, epochs=22,
                     sched=lambda o: torch.optim.lr_scheduler.PolynomialLR(o, total_iters=total, power=2.0))
    info = cw.emit_trainer_state(tr, d, logging_steps=8, train_batch_size=32)
    return Result(tr, info, [], f"ReLU MLP 20-224-224-10 on the teacher task, SGD momentum 0.9 wd 5e-4, "
                  f"PolynomialLR (power 2, per update) from {lr0} to 0 over 22 epochs; HF trainer_state "
                  f"logging_steps 8", no_event=True)


@run("fo_onecycle_adamw_teacher_wandb", "warmup_end")
def _(d):
    epochs, lr0, pct = 22, 3e-3, 0.1
    total = 156 * epochs
    tr = teacher_run("fo_onecycle_adamw_teacher_wandb", 409, widths=(192, 192), opt="adamw", lr=lr0,
                     epochs=epochs, sched=lambda o: torch.optim.lr_scheduler.OneCycleLR(
                         o, max_lr=lr0, total_steps=total + 1, pct_start=pct))
    lrs = [s["lr"] for s in tr.steps]
    peak = int(np.argmax(lrs)) + 1
    warm = peak
    ev = Event(peak + 1, "down", "warmup_end", "drop", max(30, warm // 4),
               f"OneCycleLR's warmup ends: the lr read from the optimiser rises (cosine) from {lrs[0]:.3g} to "
               f"{lrs[peak - 1]:.3g} at update {peak} and falls from update {peak + 1}; a slope change, as the "
               f"corpus's warmup_event", sharp=False)
    info = cw.emit_wandb(tr, d, every=4, lr=True)
    return Result(tr, info, [ev], f"ReLU MLP 20-192-192-10 on the teacher task, AdamW with OneCycleLR (max lr "
                  f"{lr0}, pct_start {pct}, cosine up then cosine down to {lrs[-1]:.2g}, betas cycled), per "
                  f"update, {epochs} epochs; W&B history every 4 updates with train/lr. The warmup end is a slope "
                  f"change (sharp: false), as in the corpus")


# ------------------------------------------------------------------ lr restart / batch size, new optimisers


@run("fo_sgdr_adamw_epoch_keras", "lr_restart")
def _(d):
    T_0, lr0, epochs, N = 10, 2e-3, 30, 3000
    tr = teacher_run("fo_sgdr_adamw_epoch_keras", 410, widths=(192, 192), opt="adamw", lr=lr0, epochs=epochs, N=N,
                     sched=lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=1),
                     unit="epoch")
    spe = N // 32
    info = cw.emit_keras(tr, d, lr=True)
    sched = {"type": "sgdr", "T_0": T_0, "T_mult": 1, "unit": "epoch",
             "restarts": [int(info.axis_of(c[0])) for c in tt.lr_changes(tr) if c[2] > 1.5 * c[1]]}
    return Result(tr, info, mc.restart_events(tr, T_0 * spe), f"ReLU MLP 20-192-192-10 on the teacher task ({N} "
                  f"examples, {spe} updates/epoch), AdamW lr {lr0}, SGDR (CosineAnnealingWarmRestarts T_0={T_0} "
                  f"epochs, T_mult=1, stepped per epoch) restarting at epochs {T_0} and {2 * T_0}; Keras "
                  f"CSVLogger per epoch with lr", schedule=sched)


@run("fo_bs_adam_teacher_tb", "batch_size_increase")
def _(d):
    name, seed, lr0, N, stages, b = "fo_bs_adam_teacher_tb", 411, 1e-3, 6000, (16, 128), 8
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=N)
    model = tl.mlp(20, [192, 192], 10, "relu")
    opt = torch.optim.Adam(model.parameters(), lr=lr0)
    tr = tl.train_classifier(name, model, data, epochs=16, batch_size=lambda ep: stages[ep >= b], optimizer=opt,
                             probe_every=10)
    tr.meta.update(lr0=lr0, n_val=2000, optimizer="Adam")
    evs = mc.bs_events(tr, 2 * N // stages[-1] * 3, 20)
    info = cw.emit_tensorboard(tr, d, every=3, lr=True, batch_size=True)
    return Result(tr, info, evs, f"ReLU MLP 20-192-192-10 on the teacher task ({N} examples), Adam lr {lr0} "
                  f"constant; batch size {stages[0]} -> {stages[1]} at epoch {b}; TensorBoard train/loss, train/lr, "
                  f"train/batch_size every 3 updates",
                  bs_schedule=[[int(info.axis_of(c[0])), c[1], c[2]] for c in tt.bs_changes(tr)])


# ------------------------------------------------------------------ instability


def spike_events(tr, spikes, clip=None):
    evs = mc.bad_batch_events(tr, spikes)
    by = {s["step"]: s for s in tr.steps}
    for e, (s, k) in zip(evs, spikes):
        e.how += (f"; minibatch loss at the update {by[s]['loss']:.3g} (the corrupted batch's own), raw grad "
                  f"norm {by[s]['grad_norm']:.3g}" + (f", clipped to {clip:g} before the update" if clip else ""))
    return evs


@run("fo_spike_clip_teacher_tb", "instability")
def _(d):
    spikes, clip = [(1300, 30.0), (2700, 60.0)], 1.0
    tr = teacher_run("fo_spike_clip_teacher_tb", 412, lr=0.05, epochs=24, clip=clip,
                     inject={s: mc.inject_bad_batch(k, s) for s, k in spikes}, probe_every=10)
    info = cw.emit_tensorboard(tr, d, every=1, lr=True, grad_norm=True)
    return Result(tr, info, spike_events(tr, spikes, clip), f"ReLU MLP 20-192-192-10 on the teacher task, SGD "
                  f"momentum 0.9 lr 0.05 constant with gradient clipping (global norm {clip:g}); corrupted "
                  f"minibatches (inputs x30, x60, labels shuffled) at updates 1300 and 2700: the logged loss "
                  f"spikes at that update, the clipped update barely moves the net; TensorBoard every update with "
                  f"train/lr and train/grad_norm (raw, before clipping)")


@run("fo_spike_noclip_teacher_mlflow", "instability")
def _(d):
    spikes = [(1300, 30.0), (2700, 60.0)]
    tr = teacher_run("fo_spike_noclip_teacher_mlflow", 412, lr=0.05, epochs=24,
                     inject={s: mc.inject_bad_batch(k, s) for s, k in spikes}, probe_every=10)
    info = cw.emit_mlflow(tr, d, every=2, lr=True, experiment_name="curvedoc-fourth")
    return Result(tr, info, spike_events(tr, spikes), "ReLU MLP 20-192-192-10 on the teacher task, SGD momentum "
                  "0.9 lr 0.05 constant, no clipping (same seed and bad batches as fo_spike_clip_teacher_tb); "
                  "corrupted minibatches (inputs x30, x60, labels shuffled) at updates 1300 and 2700; MLflow "
                  "train_loss and learning_rate every 2 updates")


@run("fo_diverge_late_lrraise_text", "instability")
def _(d):
    step, lr0, lr1 = 3001, 0.02, 3.0

    def raise_lr(opt):
        for g in opt.param_groups:
            g["lr"] = lr1
    tr = teacher_run("fo_diverge_late_lrraise_text", 413, widths=(160, 160), lr=lr0, epochs=22, wd=0.0,
                     loss="mse", on_step={step: raise_lr}, probe_every=5, nan_tail=150)
    if tr.diverged_at is None:
        raise RuntimeError("did not diverge")
    ev = mc.divergence_event(tr, f"lr raised {lr0:g} -> {lr1:g} at update {step} (logged) after {step - 1} calm "
                             f"updates at constant lr; squared error on logits")
    ev.also_acceptable = ["lr_restart"]
    xs, ys = tr.probe_series("full_train_loss")
    calm = [y / min(ys[:i]) for i, (x, y) in enumerate(zip(xs, ys)) if 200 <= x < step]
    ev.how += (f"; before the raise the full-training-set loss never rose above {max(calm):.2f}x its running "
               f"minimum (after update 200)")
    info = cw.emit_text(tr, d, every=4, lr=True)
    return Result(tr, info, [ev], f"ReLU MLP 20-160-160-10 on the teacher task, squared error on the logits, SGD "
                  f"momentum 0.9 at lr {lr0:g} for {step - 1} updates, then lr {lr1:g} (a resumed run with a "
                  f"mistyped lr, visible in the log): the loss blows up to NaN; nanoGPT-style stdout every 4 iters "
                  f"with lr. lr_restart also accepted, as for the corpus's diverge_hf")


# ------------------------------------------------------------------ plateau escape / saturation


@run("fo_dln_depth6_lightning", "plateau_escape")
def _(d):
    tr = mc.dln("fo_dln_depth6_lightning", 414, singular_values=(4.0, 2.0, 1.0), depth=6, init=0.2, d=12,
                lr=0.002, steps=4000)
    info = cw.emit_lightning(tr, d, every=4, lr=True)
    return Result(tr, info, mc.dln_events(tr), mc.DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"])
                  + "; Lightning CSV every 4 updates with lr-SGD (step counts from 0)")


@run("fo_sat_tanh_teacher_mlflow_nolr", "saturation_recovery")
def _(d):
    name, seed, bias, lr0, width = "fo_sat_tanh_teacher_mlflow_nolr", 415, 4.0, 0.03, 96
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000)
    model = tl.mlp(20, [width], 10, "tanh")
    with torch.no_grad():
        model[0].bias.copy_(bias * torch.sign(torch.randn(width)))
    opt = torch.optim.SGD(model.parameters(), lr=lr0, momentum=0.9)
    Xtr = data[0]
    tr = tl.train_classifier(name, model, data, epochs=32, batch_size=32, optimizer=opt, probe_every=10,
                             probe_extra=lambda m: {"saturated_frac": tl.saturation_fraction(m, Xtr[:1000], "tanh")})
    tr.meta.update(lr0=lr0, n_val=2000, optimizer="SGD")
    xs, acc = tr.probe_series("full_train_acc")
    start, end = float(np.median(acc[:5])), float(np.median(acc[-5:]))
    ev = mc.transition_event(tr, "full_train_acc", start=start, end=end, cause="saturation_recovery", pad=20,
                             how_prefix=f"tanh hidden units saturated at init (biases +-{bias:g}); SGD lr {lr0:g} "
                             f"constant", also=["plateau_escape"])
    _, sat = tr.probe_series("saturated_frac")
    ev.how += (f". Saturated (unit, example) share {sat[0]:.3f} at init, {sat[xs <= ev.step][-1]:.3f} at the "
               f"transition, {sat[-1]:.3f} at the end")
    info = cw.emit_mlflow(tr, d, every=5, lr=False, experiment_name="curvedoc-fourth")
    return Result(tr, info, [ev], f"tanh MLP 20-{width}-10 on the teacher task whose hidden layer starts saturated "
                  f"(biases +-{bias:g}), SGD momentum 0.9 at constant lr {lr0:g}: flat near the initial loss, then "
                  f"the units leave saturation and the loss falls; MLflow train_loss every 5 updates, no lr")


# ------------------------------------------------------------------ no event, constant lr


@run("fo_const_adam_digits_long_csv", "no_event")
def _(d):
    lr0 = 4e-4
    tr = digits_run("fo_const_adam_digits_long_csv", 416, lambda: tl.mlp(64, [64, 64], 10, "relu"),
                    lambda p: torch.optim.Adam(p, lr=lr0), epochs=108, B=16, probe_every=50)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    return Result(tr, info, [], f"ReLU MLP 64-64-64-10 on digits, Adam lr {lr0:g} constant, batch 16 "
                  f"({tr.steps_per_epoch[0]} updates/epoch), 108 epochs: a long per-update log "
                  f"({len(tr.steps)} points) with no event; per-update CSV with lr", no_event=True)


@run("fo_const_rmsprop_digits_epoch0_nolr", "no_event")
def _(d):
    lr0 = 3e-4
    tr = digits_run("fo_const_rmsprop_digits_epoch0_nolr", 417, lambda: tl.mlp(64, [128], 10, "relu"),
                    lambda p: torch.optim.RMSprop(p, lr=lr0), epochs=30, probe_every=10)
    info = cw.emit_epoch_csv(tr, d, lr=False, one_based=False)
    return Result(tr, info, [], f"ReLU MLP 64-128-10 on digits, RMSprop lr {lr0:g} constant, batch 32, 30 epochs; "
                  f"per-epoch CSV with epochs counted from 0 (mean train loss, val loss/acc), no lr: a short "
                  f"log with no event", no_event=True)


@run("fo_const_nesterov_teacher_b12_wandb", "no_event")
def _(d):
    tr = teacher_run("fo_const_nesterov_teacher_b12_wandb", 418, widths=(128, 128), lr=0.004, epochs=10, B=12,
                     N=4000, nesterov=True, probe_every=25)
    info = cw.emit_wandb(tr, d, every=4, lr=True)
    return Result(tr, info, [], "ReLU MLP 20-128-128-10 on the teacher task (4000 examples), Nesterov SGD "
                  "(momentum 0.9) lr 0.004 constant, batch 12 (333 updates/epoch, a noisy minibatch loss), 10 "
                  "epochs; W&B history every 4 updates with train/lr", no_event=True)


@run("fo_const_adagrad_cnn_lightning_nolr", "no_event")
def _(d):
    lr0 = 0.01
    tr = digits_run("fo_const_adagrad_cnn_lightning_nolr", 419, tl.SmallCNN, lambda p: torch.optim.Adagrad(p, lr=lr0),
                    epochs=20, probe_every=20)
    info = cw.emit_lightning(tr, d, every=3, lr=False)
    return Result(tr, info, [], f"small CNN on digits, Adagrad lr {lr0:g} constant (its per-weight step sizes "
                  f"shrink smoothly), batch 32, 20 epochs; Lightning CSV every 3 updates, no LearningRateMonitor",
                  no_event=True)


@run("fo_const_plainsgd_teacher_keras_nolr", "no_event")
def _(d):
    lr0, N = 0.05, 3000
    tr = teacher_run("fo_const_plainsgd_teacher_keras_nolr", 421, widths=(128, 128), lr=lr0, epochs=25, N=N,
                     momentum=0.0, wd=0.0)
    info = cw.emit_keras(tr, d, lr=False)
    return Result(tr, info, [], f"ReLU MLP 20-128-128-10 on the teacher task ({N} examples), plain SGD (no momentum, "
                  f"no weight decay) lr {lr0:g} constant, batch 32, 25 epochs; Keras CSVLogger per epoch without lr",
                  no_event=True)


# ------------------------------------------------------------------ driver


NOTES = [
    "Built without running or importing curvedoc; truth from training internals only (lr read back from the "
    "optimiser, batch size used, singular modes, training-set accuracy and saturated-unit share, injected bad "
    "batches and the full-training-set loss, NaN), as in the corpus.",
    "Accuracy metric (`fo_sd_valacc_teacher_keras`): the lr decay makes `val_accuracy` rise, so its events have "
    "`direction: up`, `kind: rise`; the visibility test is run upward on the written accuracy.",
    "Validation-loss metric with noisy labels (`fo_sd_noisylabels_valloss_wandb`): only the decay is labelled; "
    "the slow rises of val/loss before and after it (memorising the 30% random labels, over hundreds of updates "
    "at constant lr) are overfitting, which curvedoc reports in its summary, not an event label.",
    "OneCycleLR's peak is labelled `warmup_end` with `sharp: false`, as the corpus labels the end of a linear "
    "warmup; the linear, polynomial and exponential decays without warmup carry no event.",
    "Bad batches under gradient clipping: the logged loss of the corrupted batch itself is high whatever the "
    "clipping; the full-training-set loss says whether the net was thrown off (`kind` from spike_kind).",
    "`probe rise` (`checks.max_probe_loss_rise`) is the largest ratio of the full-training-set loss to its running "
    "minimum after update 200, for runs without an upward event.",
]


INTRO = ("Generated by `benchmarks/make_fourth.py` with the corpus machinery (truth from training internals, "
         "same schema as benchmarks/corpus, benchmarks/holdout and benchmarks/third), without running "
         "curvedoc on it. Recipes and conditions the other sets do not have (see the generator's docstring).")


def write_index(out_root, truths, total_secs):
    mc.write_later_index(out_root, truths, total_secs, "fourth", INTRO,
                         ["", "## Notes and truth conventions", ""] + [f"- {n}" for n in NOTES])


def main(argv=None):
    return mc.set_main(argv, __doc__, RUNS, OUT, write_index)


if __name__ == "__main__":
    sys.exit(main())
