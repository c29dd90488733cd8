"""Small real CPU training runs of recipes the labelled sets leave out, in curvedoc's log formats.

Development tool (needs torch, see ``tools/trainlab.py``): runs made to probe curvedoc's
diagnoses on optimisers and schedules the sets do not hold (Adam, AdamW, OneCycle,
ExponentialLR, ReduceLROnPlateau with short patience, clipping). Some tests hold a few
columns of these runs as literal tables (``tests/small_runs.py``)::

    PYTHONPATH=. /work/torchenv/bin/python tools/probe_runs.py OUT_DIR [names...]

Each run goes to OUT_DIR/<name>/ with the log and truth.json (schedule changes read back from
the optimiser's lr at every update, plus what a reader is expected to see).
"""
from __future__ import annotations

import copy
import json
import math
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import trainlab as tl  # noqa: E402
from benchmarks import corpus_writers as cw  # noqa: E402

RUNS = {}


def run(fn):
    RUNS[fn.__name__] = fn
    return fn


def lr_changes(tr, rel=0.02):
    """Schedule changes from the lr actually used per update: step changes (ratio beyond
    1 +- 0.3 in one update), start/end of smooth rises and falls, turning points."""
    lrs = np.array([s["lr"] for s in tr.steps])
    steps = np.array([s["step"] for s in tr.steps])
    out = []
    for i in range(1, len(lrs)):
        a, b = lrs[i - 1], lrs[i]
        if a > 0 and (b / a < 0.7 or b / a > 1.3) or (a == 0 and b > 0):
            out.append({"step": int(steps[i]), "kind": "decay" if b < a else "jump_up",
                        "from": float(a), "to": float(b)})
    # turning points of a smooth schedule (direction of change flips)
    d = np.sign(np.round(np.diff(lrs) / np.maximum(lrs[:-1], 1e-12), 6))
    prev = 0
    for i, v in enumerate(d):
        if v != 0 and prev != 0 and v != prev:
            out.append({"step": int(steps[i + 1]), "kind": "turn_" + ("up" if v > 0 else "down"),
                        "lr": float(lrs[i + 1])})
        if v == 0 and prev > 0:
            out.append({"step": int(steps[i + 1]), "kind": "rise_ends(warmup_end)", "lr": float(lrs[i + 1])})
        if v != 0:
            prev = v
        elif prev > 0:
            prev = 0
    return sorted(out, key=lambda e: e["step"])


def save(tr, d, info, expected, sched_desc):
    os.makedirs(d, exist_ok=True)
    truth = {"name": tr.name, "log": info.log, "format": info.format, "metric": info.metric,
             "axis": info.axis, "schedule": sched_desc, "schedule_changes": lr_changes(tr),
             "steps_per_epoch": tr.steps_per_epoch[:3], "n_steps": tr.steps[-1]["step"],
             "train_seconds": round(tr.meta.get("train_seconds", 0), 1), "expected": expected,
             "log_axis_of_changes": None}
    # translate the change steps to the log's own axis
    truth["log_axis_of_changes"] = [info.axis_of(c["step"]) for c in truth["schedule_changes"]]
    with open(os.path.join(d, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    # per-update internals to look at later
    with open(os.path.join(d, "internals.csv"), "w") as f:
        f.write("step,epoch,lr,loss,grad_norm\n")
        for s in tr.steps:
            f.write(f"{s['step']},{s['epoch']},{s['lr']},{s['loss']},{s['grad_norm']}\n")
        f.write("# evals\n")
        for e in tr.evals:
            f.write(f"eval,{e['step']},{e['epoch']},{e['val_loss']},{e.get('val_acc')}\n")
    print(f"{tr.name}: {tr.steps[-1]['step']} steps, {tr.meta['train_seconds']:.1f}s -> {d}/{info.log}",
          flush=True)


def write_lines(d, name, lines, run_name):
    """A log written line by line, as the training script printed or wrote it."""
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{run_name}: -> {d}/{name}", flush=True)


def clipped(opt, params, max_norm):
    """Clip the global grad norm before every optimiser step (trainlab records the norm
    before the step, i.e. before clipping)."""
    orig = opt.step

    def step(*a, **k):
        torch.nn.utils.clip_grad_norm_(params, max_norm)
        return orig(*a, **k)

    opt.step = step
    return opt


class DropMLP(torch.nn.Module):
    def __init__(self, d_in, widths, d_out, p):
        super().__init__()
        layers, prev = [], d_in
        for w in widths:
            layers += [torch.nn.Linear(prev, w), torch.nn.ReLU(), torch.nn.Dropout(p)]
            prev = w
        layers.append(torch.nn.Linear(prev, d_out))
        self.net = torch.nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


tl.LOSSES.setdefault("ls02", lambda lo, y: F.cross_entropy(lo, y, label_smoothing=0.2))


def adam_steplr_mlp(name, seed, data_seed, n_train, step_size, epochs, **train_kw):
    """MLP 20-128-128-10 on the teacher task, Adam 3e-3 with StepLR(step_size, 0.1) per epoch."""
    tl.setup(seed)
    data = tl.teacher_task(data_seed, n_train=n_train, n_val=1000)
    m = tl.mlp(20, [128, 128], 10)
    opt = torch.optim.Adam(m.parameters(), lr=3e-3)
    sch = torch.optim.lr_scheduler.StepLR(opt, step_size=step_size, gamma=0.1)
    return tl.train_classifier(name, m, data, epochs=epochs, batch_size=32, optimizer=opt, scheduler=sch,
                               scheduler_unit="epoch", **train_kw)


def digits_split(seed: int):
    """sklearn's digits scaled to [0, 1], 80% to train and 20% held out, stratified by class: float
    inputs and integer labels as tensors (train x, held-out x, train y, held-out y)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    xn, yn = load_digits(return_X_y=True)
    xtr, xva, ytr, yva = (torch.tensor(a) for a in train_test_split(xn / 16.0, yn, test_size=0.2, random_state=seed,
                                                                      stratify=yn))
    return xtr.float(), xva.float(), ytr, yva


def four_classes(seed: int, flip_y: float):
    """sklearn's make_classification, 4,000 points of 20 features (10 informative, 4 redundant) in four
    classes of two clusters each, ``flip_y`` of the labels flipped: standardised float32 inputs and
    labels as tensors."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=4000, n_features=20, n_informative=10, n_redundant=4, n_classes=4,
                               n_clusters_per_class=2, class_sep=0.8, flip_y=flip_y, random_state=seed)
    return torch.tensor((x - x.mean(0)) / x.std(0), dtype=torch.float32), torch.tensor(y)


def shuffled_batches(n: int, size: int, seed: int):
    """Index batches of ``size`` from a fresh permutation of n examples each pass, the last short
    batch of a pass left out, drawn from a generator seeded with ``seed``."""
    g = torch.Generator().manual_seed(seed)
    while True:
        perm = torch.randperm(n, generator=g)
        for i in range(0, n - size + 1, size):
            yield perm[i:i + size]


# ----------------------------------------------------------------- runs


@run
def p01_adam_const_cnn_keras(d):
    tl.setup(1)
    data = tl.digits(1)
    m = tl.SmallCNN()
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    tr = tl.train_classifier("p01_adam_const_cnn_keras", m, data, epochs=30, batch_size=64,
                             optimizer=opt, probe_every=100)
    info = cw.emit_keras(tr, d, lr=True, lr_key="learning_rate")
    save(tr, d, info, "no event: per-epoch loss decays smoothly (fast then flattening); val_loss may "
         "bottom and rise (overfit) but no sharp transition", "Adam 1e-3 constant, 30 epochs, bs 64")


@run
def p02_adamw_warmup_linear_hf(d):
    tl.setup(2)
    data = tl.teacher_task(2, n_train=5000, n_val=1000, d=20)
    m = tl.mlp(20, [128, 128], 10)
    opt = torch.optim.AdamW(m.parameters(), lr=2e-3, weight_decay=0.01)
    total, warm = 1560, 100
    sch = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / (total - warm)))
    tr = tl.train_classifier("p02_adamw_warmup_linear_hf", m, data, epochs=10, batch_size=32,
                             optimizer=opt, scheduler=sch, scheduler_unit="step",
                             eval_every_steps=100, probe_every=100)
    tr.meta["n_val"] = 1000
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32)
    save(tr, d, info, "warmup end at ~100 (maybe a kink); after that smooth decreasing loss, "
         "no sharp event; linear decay to 0", "AdamW 2e-3, linear warmup 100 steps then linear to 0 at 1560")


@run
def p03_onecycle_lightning(d):
    tl.setup(3)
    data = tl.digits(3)
    m = tl.mlp(64, [128, 64], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9, nesterov=True)
    epochs = 40
    spe = len(data[0]) // 32
    sch = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.2, total_steps=epochs * spe)
    tr = tl.train_classifier("p03_onecycle_lightning", m, data, epochs=epochs, batch_size=32,
                             optimizer=opt, scheduler=sch, scheduler_unit="step", probe_every=100)
    info = cw.emit_lightning(tr, d, every=10, optimizer="SGD")
    save(tr, d, info, "OneCycle: lr rises (cos) to peak at 30% then anneals to ~0; smooth loss decrease, "
         "maybe a bump near peak lr; no sharp drop", "SGD nesterov OneCycleLR max 0.2, per step")


@run
def p04_explr_epochcsv(d):
    tl.setup(4)
    data = tl.teacher_task(4, n_train=4000, n_val=1000)
    m = tl.mlp(20, [64, 64], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
    sch = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.95)
    tr = tl.train_classifier("p04_explr_epochcsv", m, data, epochs=60, batch_size=64,
                             optimizer=opt, scheduler=sch, scheduler_unit="epoch", probe_every=200)
    info = cw.emit_epoch_csv(tr, d, lr=True)
    save(tr, d, info, "smooth: lr x0.95 every epoch (exponential); loss decays smoothly, no sharp event",
         "SGD m0.9 0.1, ExponentialLR 0.95/epoch, 60 epochs")


@run
def p05_adam_steplr_tb(d):
    tr = adam_steplr_mlp("p05_adam_steplr_tb", 5, 5, 4000, 15, 25, eval_every_steps=125, probe_every=125)
    info = cw.emit_tensorboard(tr, d, every=1, lr=True)
    save(tr, d, info, "lr_decay drop in train/loss (and val/loss) right after the x0.1 at epoch 15",
         "Adam 3e-3, StepLR(15, 0.1) per epoch, 25 epochs, per-step TB")


@run
def p06_plateau_adam_keras(d):
    tl.setup(6)
    data = tl.teacher_task(6, n_train=3000, n_val=1000, label_noise=0.2)
    m = tl.mlp(20, [128, 128], 10)
    opt = torch.optim.Adam(m.parameters(), lr=3e-3)
    sch = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.2, patience=3)
    tr = tl.train_classifier("p06_plateau_adam_keras", m, data, epochs=50, batch_size=32,
                             optimizer=opt, scheduler=sch, scheduler_unit="epoch", probe_every=200)
    info = cw.emit_keras(tr, d, lr=True, lr_key="learning_rate")
    save(tr, d, info, "drops of the per-epoch train loss at each lr reduction (x0.2), the first clearly; "
         "later ones small; val_loss may rise (label noise overfit)",
         "Adam 3e-3, ReduceLROnPlateau(factor 0.2, patience 3) on val loss, 50 epochs")


@run
def p07_sgd_highlr_clip_csv(d):
    tl.setup(7)
    data = tl.digits(7)
    m = tl.mlp(64, [128, 128], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.6, momentum=0.9)
    params = list(m.parameters())
    clipped(opt, params, 1.0)
    tr = tl.train_classifier("p07_sgd_highlr_clip_csv", m, data, epochs=25, batch_size=32,
                             optimizer=opt, eval_every_steps=47, probe_every=50)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True, grad_norm=True)
    save(tr, d, info, "constant too-high lr with clipping: loss spikes (instability), no schedule change",
         "SGD m0.9 lr 0.6 constant, clip_grad_norm 1.0")


@run
def p08_ls_dropout_mlflow(d):
    tl.setup(8)
    data = tl.digits(8)
    m = DropMLP(64, [256, 256], 10, p=0.5)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    tr = tl.train_classifier("p08_ls_dropout_mlflow", m, data, epochs=40, batch_size=32,
                             optimizer=opt, probe_every=200, loss="ls02")
    info = cw.emit_mlflow(tr, d, every=10, lr=True, experiment_name="probe")
    save(tr, d, info, "no event: dropout 0.5 + label smoothing 0.2; train loss stays above val loss; smooth",
         "Adam 1e-3 constant, dropout 0.5, label smoothing 0.2 (train and val), 40 epochs")


@run
def p09_sgdr_sparse_csv(d):
    tl.setup(9)
    data = tl.digits(9)
    m = tl.mlp(64, [128, 64], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
    spe = len(data[0]) // 32
    sch = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=10 * spe, eta_min=1e-4)
    tr = tl.train_classifier("p09_sgdr_sparse_csv", m, data, epochs=30, batch_size=32,
                             optimizer=opt, scheduler=sch, scheduler_unit="step", probe_every=100)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    save(tr, d, info, "SGDR: lr restarts (jump 1e-4 -> 0.1) at epochs 10 and 20 -> lr_restart setbacks in "
         "train_loss at those steps (val once per epoch); smooth cosine decay inside",
         "SGD m0.9 CosineAnnealingWarmRestarts T_0=10 epochs, per step; val every epoch in same CSV")


@run
def p10_short_fast_epochcsv(d):
    tl.setup(10)
    data = tl.digits(10)
    m = tl.mlp(64, [64], 10)
    opt = torch.optim.Adam(m.parameters(), lr=3e-3)
    tr = tl.train_classifier("p10_short_fast_epochcsv", m, data, epochs=25, batch_size=32,
                             optimizer=opt, probe_every=100)
    info = cw.emit_epoch_csv(tr, d, lr=False)
    save(tr, d, info, "no event: loss falls fast in first few epochs then flattens",
         "Adam 3e-3 constant, 25 epochs, per-epoch CSV no lr")


@run
def p11_adam_warmup_const_wandb(d):
    tl.setup(11)
    data = tl.teacher_task(11, n_train=4000, n_val=1000)
    m = tl.mlp(20, [128, 128], 10)
    opt = torch.optim.Adam(m.parameters(), lr=2e-3)
    warm = 300
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm))
    tr = tl.train_classifier("p11_adam_warmup_const_wandb", m, data, epochs=16, batch_size=32,
                             optimizer=opt, scheduler=sch, scheduler_unit="step",
                             eval_every_steps=125, probe_every=125)
    info = cw.emit_wandb(tr, d, every=10, lr=True)
    save(tr, d, info, "warmup ends at 300 (maybe nothing visible); constant lr after; smooth decay; no drop",
         "Adam 2e-3, linear warmup 300 steps then constant, 16 epochs, W&B every 10")


@run
def p12_adam_steplr_nolr_tb(d):
    """Same recipe as p05 but another seed and lr not logged (for compare and for the
    no-lr path)."""
    tr = adam_steplr_mlp("p12_adam_steplr_nolr_tb", 12, 5, 4000, 15, 25, eval_every_steps=125, probe_every=125)
    info = cw.emit_tensorboard(tr, d, every=1, lr=False)
    save(tr, d, info, "drop at the x0.1 at epoch 15 (step 1876); no lr logged so label less sure",
         "Adam 3e-3, StepLR(15, 0.1), lr NOT logged")


@run
def p13_adam_multistep_cnn_text(d):
    tl.setup(13)
    data = tl.digits(13)
    m = tl.SmallCNN()
    opt = torch.optim.Adam(m.parameters(), lr=3e-3)
    sch = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[8, 16], gamma=0.1)
    tr = tl.train_classifier("p13_adam_multistep_cnn_text", m, data, epochs=22, batch_size=32,
                             optimizer=opt, scheduler=sch, scheduler_unit="epoch",
                             eval_every_steps=100, probe_every=100)
    info = cw.emit_text(tr, d, every=5, lr=True)
    save(tr, d, info, "drops at both milestones (epochs 8 and 16; updates 377 and 753), the first clearer",
         "Adam 3e-3 CNN, MultiStepLR([8,16], 0.1) per epoch, nanoGPT-style text log every 5")


@run
def p14_sgd_expstep_mlflow(d):
    tl.setup(14)
    data = tl.teacher_task(14, n_train=4000, n_val=1000)
    m = tl.mlp(20, [128, 64], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.2, momentum=0.9)
    sch = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9985)
    tr = tl.train_classifier("p14_sgd_expstep_mlflow", m, data, epochs=24, batch_size=32,
                             optimizer=opt, scheduler=sch, scheduler_unit="step",
                             eval_every_steps=250, probe_every=250)
    info = cw.emit_mlflow(tr, d, every=5, lr=True, experiment_name="probe")
    save(tr, d, info, "smooth exponential decay per update (0.2 -> ~0.002); no sharp event",
         "SGD m0.9 0.2, ExponentialLR 0.9985 per step, 3000 steps, MLflow every 5")


@run
def p15_adam_steplr_epochcsv_nolr(d):
    tr = adam_steplr_mlp("p15_adam_steplr_epochcsv_nolr", 15, 15, 3000, 10, 30, probe_every=200)
    info = cw.emit_epoch_csv(tr, d, lr=False)
    save(tr, d, info, "drops at epoch rows 11 and 21 (1-based CSV; StepLR step_size=10 -> 0-based epochs "
         "10, 20); analyse with and without --milestones 10,20 --milestone-unit epoch",
         "Adam 3e-3, StepLR(10, 0.1), 30 epochs, per-epoch CSV 1-based, lr NOT logged")


@run
def p16_plateau_adam_epochcsv(d):
    tl.setup(16)
    data = tl.teacher_task(16, n_train=3000, n_val=1000)
    m = tl.mlp(20, [128, 128], 10)
    opt = torch.optim.Adam(m.parameters(), lr=3e-3)
    sch = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.1, patience=2)
    tr = tl.train_classifier("p16_plateau_adam_epochcsv", m, data, epochs=35, batch_size=32,
                             optimizer=opt, scheduler=sch, scheduler_unit="epoch", probe_every=200)
    info = cw.emit_epoch_csv(tr, d, lr=True)
    save(tr, d, info, "drop of train_loss (and val_loss) at the first reduction (x0.1); later ones small",
         "Adam 3e-3, ReduceLROnPlateau(factor 0.1, patience 2), 35 epochs, per-epoch CSV with lr")


@run
def p17_adam_steplr_epochcsv_lr(d):
    """p15's recipe and seed, lr column written."""
    tr = adam_steplr_mlp("p17_adam_steplr_epochcsv_lr", 15, 15, 3000, 10, 30, probe_every=200)
    info = cw.emit_epoch_csv(tr, d, lr=True)
    save(tr, d, info, "same as p15 with lr logged: lr_decay drops at epoch rows 11 (clear) and 21 (small)",
         "Adam 3e-3, StepLR(10, 0.1), 30 epochs, per-epoch CSV with lr")


@run
def p18_bandit_reward_csv(d):
    """Policy gradient (REINFORCE, Adam 0.02) on a 20-armed bandit whose good arm (mean reward 1.0
    against 0.3) starts at probability ~1e-3: the reward sits at 0.3 until the arm is found, then
    climbs to 1.0 within ~100 updates, at a constant LR. A higher-is-better score that passes 1."""
    tl.setup(113)
    n_arms, batch = 20, 64
    logits = torch.nn.Parameter(torch.zeros(n_arms))
    with torch.no_grad():
        logits[7] = -4.0
    opt = torch.optim.Adam([logits], lr=0.02)
    mean_r = torch.full((n_arms,), 0.3)
    mean_r[7] = 1.0
    rows, p_good, t0 = [], [], time.time()
    for it in range(1, 1501):
        dist = torch.distributions.Categorical(logits=logits)
        a = dist.sample((batch,))
        r = mean_r[a] + 0.3 * torch.randn(batch)
        loss = -(dist.log_prob(a) * (r - r.mean())).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        p_good.append(float(torch.softmax(logits, 0)[7]))
        rows.append((it, float(r.mean()), loss.item(), float(dist.entropy())))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "progress.csv"), "w") as f:
        f.write("update,episodic_return,policy_loss,entropy\n")
        f.writelines(f"{i},{ret},{pl},{ent}\n" for i, ret, pl, ent in rows)
    half = next(i + 1 for i, v in enumerate(p_good) if v > 0.5)
    with open(os.path.join(d, "truth.json"), "w") as f:
        json.dump({"name": "p18_bandit_reward_csv", "log": "progress.csv", "metric": "episodic_return",
                   "good_arm_past_half_at_update": half, "train_seconds": round(time.time() - t0, 1),
                   "expected": "a rise of episodic_return from ~0.3 to ~1.0 where the good arm is found"}, f, indent=1)
    print(f"p18_bandit_reward_csv: good arm past p=0.5 at update {half} -> {d}/progress.csv", flush=True)


@run
def p19_lr_range_test_csv(d):
    """An LR range test as torch-lr-finder runs it: SGD momentum 0.9 on digits, the LR from 1e-5
    towards 10 exponentially over 400 iterations, stopped once the smoothed loss passes 5x its
    best. The loss falls, then explodes in the last dozen iterations, with no NaN logged."""
    tl.setup(110)
    Xtr, ytr, _, _ = tl.digits(10)
    m = tl.mlp(64, [128, 64], 10)
    opt = torch.optim.SGD(m.parameters(), lr=1e-5, momentum=0.9)
    lo, hi, n = 1e-5, 10.0, 400
    rows, best, avg = [], None, None
    for i in range(n):
        lr = lo * (hi / lo) ** (i / (n - 1))
        for g in opt.param_groups:
            g["lr"] = lr
        idx = torch.randint(0, len(Xtr), (32,))
        loss = F.cross_entropy(m(Xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        avg = loss.item() if avg is None else 0.05 * loss.item() + 0.95 * avg  # smooth_f=0.05
        rows.append((i, lr, loss.item(), avg))
        best = avg if best is None else min(best, avg)
        if not math.isfinite(avg) or avg > 5 * best:  # diverge_th=5
            break
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "lr_find.csv"), "w") as f:
        f.write("iteration,lr,loss,smoothed_loss\n")
        f.writelines(f"{i},{lr},{lv},{sm}\n" for i, lr, lv, sm in rows)
    print(f"p19_lr_range_test_csv: stopped at iteration {rows[-1][0]}, lr {rows[-1][1]:.3g} -> {d}/lr_find.csv",
          flush=True)


@run
def p20_xf_copy_adam_highlr_tb(d):
    """A two-layer causal transformer on a copy task (16 random tokens, then the same 16 again),
    Adam at a constant 1e-2 with no warmup, 1,500 updates of 32 sequences. The loss falls to the
    unpredictable half's floor (about 1.35) within 50 steps and sits there; at step
    1231 it blows up to about x1.8 for some 25 steps and comes back by about 1290."""
    from torch import nn

    class TinyXf(nn.Module):
        def __init__(self, vocab=16, width=64, layers=2, heads=4, length=32):
            super().__init__()
            self.emb, self.pos = nn.Embedding(vocab, width), nn.Embedding(length, width)
            layer = nn.TransformerEncoderLayer(width, heads, 4 * width, dropout=0.0, batch_first=True,
                                               norm_first=True)
            self.enc, self.out = nn.TransformerEncoder(layer, layers), nn.Linear(width, vocab)

        def forward(self, x):
            mask = nn.Transformer.generate_square_subsequent_mask(x.shape[1])
            return self.out(self.enc(self.emb(x) + self.pos(torch.arange(x.shape[1])), mask=mask, is_causal=True))

    tl.setup(33)
    vocab, half, batch = 16, 16, 32
    m = TinyXf(vocab=vocab, length=2 * half)
    opt = torch.optim.Adam(m.parameters(), lr=1e-2, eps=1e-8)
    g = torch.Generator().manual_seed(0)
    losses = []
    for _ in range(1500):
        a = torch.randint(0, vocab, (batch, half), generator=g)
        x = torch.cat([a, a], 1)
        loss = F.cross_entropy(m(x[:, :-1]).reshape(-1, vocab), x[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "loss.csv"), "w") as f:
        f.write("step,train/loss\n")
        f.writelines(f"{i},{v}\n" for i, v in enumerate(losses, 1))
    print(f"p20_xf_copy_adam_highlr_tb: max {max(losses[100:]):.3f} at step {101 + int(np.argmax(losses[100:]))}"
          f" -> {d}/loss.csv", flush=True)


@run
def p21_sparse_parity_csv(d):
    """Sparse parity (20 bits, the label the parity of the first 3) with an MLP 20-256-1, SGD 0.1
    constant, fresh batches of 32, 8,000 updates, no epochs: the loss sits at ln 2 and then falls
    off a cliff (Barak et al. 2022). Logged every 20 updates (the mean since the last print), with
    the loss and accuracy on 2,000 held-out strings every 200; no LR column (it is constant)."""
    tl.setup(1633)
    n, k = 20, 3
    g = torch.Generator().manual_seed(33)
    xv = torch.randint(0, 2, (2000, n), generator=g).float() * 2 - 1
    yv = (xv[:, :k].prod(1) > 0).float()
    m = tl.mlp(n, [256], 1)
    opt = torch.optim.SGD(m.parameters(), lr=0.1)
    rows, window = [], []
    for step in range(1, 8001):
        x = torch.randint(0, 2, (32, n)).float() * 2 - 1
        loss = F.binary_cross_entropy_with_logits(m(x).squeeze(1), (x[:, :k].prod(1) > 0).float())
        opt.zero_grad()
        loss.backward()
        opt.step()
        window.append(loss.item())
        if step % 20 == 0:
            row = [step, sum(window) / len(window), "", ""]
            window = []
            if step % 200 == 0:
                with torch.no_grad():
                    out = m(xv).squeeze(1)
                row[2:] = [F.binary_cross_entropy_with_logits(out, yv).item(), ((out > 0).float() == yv).float().mean().item()]
            rows.append(row)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "metrics.csv"), "w") as f:
        f.write("step,train_loss,val_loss,val_acc\n")
        f.writelines(",".join(f"{v:.4f}" if isinstance(v, float) else str(v) for v in r) + "\n" for r in rows)
    cliff = next(r[0] for r in rows if r[3] != "" and r[3] > 0.9)
    print(f"p21_sparse_parity_csv: held-out accuracy past 0.9 at step {cliff} -> {d}/metrics.csv", flush=True)


@run
def p22_xf_modsum_linear_to_zero_wandb(d):
    """A two-layer transformer reads 4 digits (0-6) and predicts their sum mod 7 from a mean-pooled
    head: AdamW 2e-3 (wd 0.05) decaying linearly to 0 over 2,000 updates of 64, no warmup. The
    loss sits at ln 7 for some 200 updates, then cascades while the LR has eased by a third at
    most. W&B history: train/loss (the update's own loss) and train/lr every 10 updates."""
    from torch import nn

    class Pool(nn.Module):
        def __init__(self, width=32):
            super().__init__()
            self.emb, self.pos = nn.Embedding(7, width), nn.Parameter(torch.randn(4, width) * 0.1)
            layer = nn.TransformerEncoderLayer(width, 2, 4 * width, dropout=0.0, batch_first=True, norm_first=True)
            self.enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
            self.head, self.out = nn.Linear(width, 32), nn.Linear(32, 7)

        def forward(self, x):
            return self.out(self.head(self.enc(self.emb(x) + self.pos)).mean(1))

    tl.setup(1603)
    m, steps = Pool(), 2000
    opt = torch.optim.AdamW(m.parameters(), lr=2e-3, weight_decay=0.05)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / steps))
    rows = []
    for step in range(1, steps + 1):
        x = torch.randint(0, 7, (64, 4))
        loss = F.cross_entropy(m(x), x.sum(1) % 7)
        opt.zero_grad()
        loss.backward()
        lr = opt.param_groups[0]["lr"]
        opt.step()
        sched.step()
        if step % 10 == 0:
            rows.append({"train/loss": loss.item(), "train/lr": lr, "_step": step})
    run_dir = os.path.join(d, "wandb", "run-20240611_093000-mod7sum1")
    os.makedirs(run_dir, exist_ok=True)
    with open(os.path.join(run_dir, "wandb-history.jsonl"), "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    low = next(r["_step"] for r in rows if r["train/loss"] < 1.0)
    print(f"p22_xf_modsum_linear_to_zero_wandb: loss under 1.0 first at {low} -> {run_dir}", flush=True)


@run
def p23_class_shift_hf(d):
    """An MLP 64-64-10 on digits, AdamW 1e-3 constant, batches of 16 drawn from the digits 0-4 only
    for 600 updates, then from all ten: the training loss jumps up at 601 and the held-out
    accuracy, stuck near half since the first evaluation, climbs. Hugging Face trainer_state.json:
    loss (mean of 10 updates) and grad_norm every 10, eval_loss and eval_accuracy every 50."""
    tl.setup(0)
    xtr, ytr, xval, yval = tl.digits(0)
    first_half = torch.nonzero(ytr < 5).squeeze(1)
    m = tl.mlp(64, [64], 10)
    opt = torch.optim.AdamW(m.parameters(), lr=1e-3, weight_decay=0.0)
    g = torch.Generator().manual_seed(1)
    history, losses = [], []
    for step in range(1, 1501):
        pool = first_half if step <= 600 else torch.arange(len(xtr))
        idx = pool[torch.randint(0, len(pool), (16,), generator=g)]
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0).item()  # the Trainer's max_grad_norm
        opt.step()
        losses.append(loss.item())
        epoch = round(step * 16 / len(xtr), 4)
        if step % 10 == 0:
            history.append({"epoch": epoch, "grad_norm": norm, "learning_rate": 1e-3,
                            "loss": round(sum(losses) / len(losses), 4), "step": step})
            losses = []
        if step % 50 == 0:
            with torch.no_grad():
                out = m(xval)
            history.append({"epoch": epoch, "eval_accuracy": (out.argmax(1) == yval).float().mean().item(),
                            "eval_loss": F.cross_entropy(out, yval).item(), "step": step})
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "trainer_state.json"), "w") as f:
        json.dump({"global_step": 1500, "max_steps": 1500, "logging_steps": 10, "eval_steps": 50,
                   "log_history": history}, f, indent=1)
    print(f"p23_class_shift_hf: -> {d}/trainer_state.json", flush=True)


@run
def p36_curriculum_spike_hf(d):
    """p23's class shift at a later switch: an MLP 64-128-10 on digits (1,257 to train), Adam 1e-3
    constant, batches of 32 from the digits 0-4 only for 1,500 updates, then from all ten. The
    training loss, near 0.001 by then, is thrown up x3,000 and falls back within a few hundred
    updates (a spike, not a jump onto a level), while the held-out loss on all ten digits falls x40
    at the next evaluation. Hugging Face trainer_state.json: loss (mean of 10 updates) and
    grad_norm every 10, eval_loss and eval_accuracy every 100."""
    from sklearn.datasets import load_digits

    torch.set_num_threads(1)
    torch.manual_seed(0)
    x, y = load_digits(return_X_y=True)
    order = np.random.RandomState(0).permutation(len(x))
    x, y = torch.tensor((x[order] / 16.0 - 0.3) / 0.35, dtype=torch.float32), torch.tensor(y[order])
    xtr, ytr, xval, yval = x[:1257], y[:1257], x[1257:], y[1257:]
    m = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    first_half, rng = torch.nonzero(ytr <= 4).squeeze(1), np.random.RandomState(1)
    history, losses = [], []
    for step in range(1, 3001):
        pool = first_half if step <= 1500 else torch.arange(len(xtr))
        idx = pool[torch.tensor(rng.randint(0, len(pool), 32))]
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        norm = math.sqrt(sum(float((p.grad ** 2).sum()) for p in m.parameters()))
        opt.step()
        losses.append(loss.item())
        if step % 10 == 0:
            history.append({"epoch": round(step / 3000, 2), "grad_norm": round(norm, 4), "learning_rate": 1e-3,
                            "loss": round(float(np.mean(losses)), 4), "step": step})
            losses = []
        if step % 100 == 0:
            with torch.no_grad():
                out = m(xval)
            history.append({"epoch": round(step / 3000, 2),
                            "eval_accuracy": round((out.argmax(1) == yval).float().mean().item(), 4),
                            "eval_loss": round(F.cross_entropy(out, yval).item(), 4), "step": step})
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "trainer_state.json"), "w") as f:
        json.dump({"global_step": 3000, "max_steps": 3000, "logging_steps": 10, "eval_steps": 100,
                   "log_history": history}, f, indent=1)
    print(f"p36_curriculum_spike_hf: -> {d}/trainer_state.json", flush=True)


@run
def p24_gru_lr_raised_text(d):
    """A character GRU (embedding 32, hidden 128) on text from a small random word grammar, Adam
    2e-3, batches of 32 windows of 48 characters; before update 1201 the LR is raised x10 to 2e-2
    (a resume with the wrong configuration): the loss, levelled near 0.57, steps up about 17% and
    trains down slowly without getting back. nanoGPT-style stdout every 10 updates (iter counts
    from 0: update s prints as iter s-1)."""
    tl.setup(16)
    g = np.random.default_rng(16)
    letters = list("abcdefghijklmnopqrstuvwxyz")
    words = ["".join(g.choice(letters, size=g.integers(2, 7))) for _ in range(60)]
    follow = g.dirichlet(np.ones(60) * 0.1, size=60)  # each word's next-word distribution
    vocab, text, w = "abcdefghijklmnopqrstuvwxyz .,", [], 0
    while sum(len(x) + 1 for x in text) < 60000:
        w = g.choice(60, p=follow[w])
        text.append(words[w] + ("." if g.random() < 0.1 else ""))
    data = torch.tensor([vocab.index(c) for c in " ".join(text)[:60000]])

    class GRU(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.e = torch.nn.Embedding(len(vocab), 32)
            self.r = torch.nn.GRU(32, 128, batch_first=True)
            self.h = torch.nn.Linear(128, len(vocab))

        def forward(self, x):
            return self.h(self.r(self.e(x))[0])

    m = GRU()
    opt = torch.optim.Adam(m.parameters(), lr=2e-3)
    gen = torch.Generator().manual_seed(16)
    lines = []
    for step in range(1, 2401):
        lr = 2e-3 if step <= 1200 else 2e-2
        for group in opt.param_groups:
            group["lr"] = lr
        ix = torch.randint(0, len(data) - 49, (32,), generator=gen)
        x = torch.stack([data[i:i + 48] for i in ix])
        y = torch.stack([data[i + 1:i + 49] for i in ix])
        loss = F.cross_entropy(m(x).reshape(-1, len(vocab)), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            lines.append(f"iter {step - 1}: loss {loss.item():.4f}, lr {lr:.4e}, time 35.00ms")
    write_lines(d, "train.log", lines, "p24_gru_lr_raised_text")


class _GanRing:
    """A GAN for a ring of 8 Gaussians in 2-D (radius 2, sd 0.05): an MLP generator latent-width-width-2
    (ReLU) and discriminator 2-width-width-1 (LeakyReLU 0.2), both Adam at ``lr`` (betas 0.5, 0.999)."""

    def __init__(self, latent: int, width: int, lr: float):
        nn = torch.nn
        self.latent = latent
        self.gen = nn.Sequential(nn.Linear(latent, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(),
                                 nn.Linear(width, 2))
        self.disc = nn.Sequential(nn.Linear(2, width), nn.LeakyReLU(0.2), nn.Linear(width, width),
                                  nn.LeakyReLU(0.2), nn.Linear(width, 1))
        self.opt_g = torch.optim.Adam(self.gen.parameters(), lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.disc.parameters(), lr, betas=(0.5, 0.999))
        angle = torch.arange(8) * (2 * math.pi / 8)
        self.centres = torch.stack([torch.cos(angle), torch.sin(angle)], 1) * 2

    def step(self, batch: int = 128):
        """One update of each net, the discriminator first, the generator's loss non-saturating:
        the batch of real points and the two losses."""
        real = self.centres[torch.randint(0, 8, (batch,))] + 0.05 * torch.randn(batch, 2)
        fake = self.gen(torch.randn(batch, self.latent))
        d_loss = F.binary_cross_entropy_with_logits(self.disc(real), torch.ones(batch, 1)) + \
            F.binary_cross_entropy_with_logits(self.disc(fake.detach()), torch.zeros(batch, 1))
        self.opt_d.zero_grad()
        d_loss.backward()
        self.opt_d.step()
        g_loss = F.binary_cross_entropy_with_logits(self.disc(fake), torch.ones(batch, 1))
        self.opt_g.zero_grad()
        g_loss.backward()
        self.opt_g.step()
        return real, d_loss, g_loss


@run
def p25_gan_d_lr_raised_csv(d):
    """A small GAN (MLP generator and discriminator, Adam 2e-4 with betas (0.5, 0.999)) on a ring of
    eight Gaussians; the discriminator's LR is raised x10 before update 1251. Every 5 updates: the
    losses and d_real_acc, the share of 128 real samples the discriminator calls real, which sits
    at exactly 1.0 for a while and then dips by a sample or a few."""
    tl.setup(11)
    gan = _GanRing(latent=8, width=128, lr=2e-4)
    lines = ["step,lr,d_loss,g_loss,d_real_acc"]
    for step in range(1, 2501):
        if step == 1251:
            for group in gan.opt_d.param_groups:
                group["lr"] = 2e-3
        real, d_loss, g_loss = gan.step()
        if step % 5 == 0:
            with torch.no_grad():
                acc = float((gan.disc(real) > 0).float().mean())
            lines.append(f"{step},{gan.opt_d.param_groups[0]['lr']},{d_loss.item()},{g_loss.item()},{acc}")
    write_lines(d, "metrics.csv", lines, "p25_gan_d_lr_raised_csv")


@run
def p26_resumed_decay_lightning(d):
    """The teacher MLP 20-128-128-10, SGD 0.05 with momentum 0.9, batches of 32, the LR x0.1 before
    update 2001. The first attempt (version_0) logs updates 1-1250 and dies; the second (version_1)
    resumes from the checkpoint after update 1000 and runs to 3000. Lightning's CSVLogger every 10
    updates, so each train_loss is one batch's (noise of about x2 per point); validation every 150.
    In version_1 the loss falls 3-5x within a few hundred updates of the decay, with 100 points
    before it."""
    tl.setup(20)
    xtr, ytr, xva, yva = tl.teacher_task(20, n_train=4800, n_val=1000)
    m = tl.mlp(20, [128, 128], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
    params = list(m.parameters())

    def attempt(name, seed, start, total, checkpoint_after=None):
        tr, g, saved = tl.Trace(name), torch.Generator().manual_seed(seed), {}
        for step in range(start, total + 1):
            if step == checkpoint_after:
                saved.update(m=copy.deepcopy(m.state_dict()), o=copy.deepcopy(opt.state_dict()))
            for group in opt.param_groups:
                group["lr"] = 0.05 if step <= 2000 else 0.005
            idx = torch.randint(0, len(xtr), (32,), generator=g)
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            grad_norm = tl.grad_global_norm(params)
            opt.step()
            tr.steps.append({"step": step, "epoch": (step - 1) // 150, "epoch_float": step / 150,
                             "lr": opt.param_groups[0]["lr"], "batch_size": 32, "loss": loss.item(),
                             "grad_norm": grad_norm, "wall": 0.0})
            if step % 150 == 0:
                m.eval()
                with torch.no_grad():
                    out = m(xva)
                m.train()
                tr.evals.append({"step": step, "epoch": (step - 1) // 150, "wall": 0.0,
                                 "val_loss": F.cross_entropy(out, yva).item(),
                                 "val_acc": (out.argmax(1) == yva).float().mean().item()})
        tr.steps_per_epoch = [150] * 20
        tr.meta["train_seconds"] = 0.0
        return tr, saved

    first, saved = attempt("v0", 1, 1, 1250, checkpoint_after=1001)
    m.load_state_dict(saved["m"])
    opt.load_state_dict(saved["o"])
    second, _ = attempt("v1", 2, 1001, 3000)
    cw.emit_lightning(first, d, every=10, version=0)
    # Lightning logs only what the resumed attempt ran: the writer counts from update 1, so the
    # second attempt's rows are written over the first's first 1000 updates and those are cut.
    whole = tl.Trace("p26_resumed_decay_lightning")
    whole.steps, whole.evals, whole.diverged_at = first.steps[:1000] + second.steps, second.evals, None
    whole.steps_per_epoch, whole.meta["train_seconds"] = [150] * 20, 0.0
    info = cw.emit_lightning(whole, d, every=10, version=1)
    path = os.path.join(d, "lightning_logs", "version_1", "metrics.csv")
    with open(path) as f:
        lines = f.read().splitlines()
    at = lines[0].split(",").index("step")
    with open(path, "w") as f:
        f.write("\n".join(lines[:1] + [x for x in lines[1:] if int(x.split(",")[at]) >= 1000]) + "\n")
    save(whole, d, info, [{"step": info.axis_of(2001), "direction": "down", "cause": "lr_decay"}],
         "lr 0.05, x0.1 before update 2001; resumed after update 1000 into version_1")


@run
def p27_warmup_too_high_csv(d):
    """The teacher MLP 20-128-128-5, SGD with momentum 0.9, batches of 64; the LR warms up linearly
    from 0 to 1.0 over 400 updates, far past what the net stands, then anneals by a cosine to 0 at
    update 2000. The net learns in the first hundred updates, is wrecked as the LR climbs, and stays
    at chance while the LR comes back down. CSV every 10 updates: the minibatch loss and the LR;
    the held-out accuracy every 50."""
    _teacher_warmup(d, "p27_warmup_too_high_csv", 2000, lambda step: step / 400 if step <= 400 else
                    0.5 * (1 + math.cos(math.pi * (step - 400) / 1600)))


def _teacher_warmup(d, name, updates, lr_of):
    """The teacher MLP 20-128-128-5, SGD with momentum 0.9, batches of 64, at ``lr_of(update)``: a CSV
    every 10 updates of the minibatch loss and the LR, the held-out accuracy every 50."""
    tl.setup(0)
    xtr, ytr, xval, yval = tl.teacher_task(0, classes=5)
    m = tl.mlp(20, [128, 128], 5)
    opt = torch.optim.SGD(m.parameters(), lr=0.0, momentum=0.9)
    g = torch.Generator().manual_seed(2)
    lines = ["step,lr,loss,val_accuracy"]
    for step in range(1, updates + 1):
        lr = lr_of(step)
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.randint(0, len(xtr), (64,), generator=g)
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            acc = ""
            if step % 50 == 0:
                with torch.no_grad():
                    acc = float((m(xval).argmax(1) == yval).float().mean())
            lines.append(f"{step},{lr:.6g},{loss.item():.4f},{acc}")
    write_lines(d, "metrics.csv", lines, name)


@run
def p28_dropout_off_lightning(d):
    """An MLP 20-256-256-5 with Dropout(0.5) after each hidden layer on sklearn's make_classification
    (3000 points, 10% of the labels flipped, three quarters trained on), Adam 1e-3 constant, shuffled
    batches of 32; dropout switched off from update 1501. The training loss, read in train mode,
    falls at once: the objective changed, not the model. Lightning's CSVLogger, every update."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(3000, n_features=20, n_informative=10, n_redundant=2, n_classes=5,
                               n_clusters_per_class=2, flip_y=0.1, class_sep=1.0, random_state=5)
    train, _ = train_test_split(np.arange(3000), test_size=0.25, random_state=5)
    xtr, ytr = torch.tensor(X[train], dtype=torch.float32), torch.tensor(y[train])
    torch.manual_seed(0)
    drops = [torch.nn.Dropout(0.5), torch.nn.Dropout(0.5)]
    m = torch.nn.Sequential(torch.nn.Linear(20, 256), torch.nn.ReLU(), drops[0], torch.nn.Linear(256, 256),
                            torch.nn.ReLU(), drops[1], torch.nn.Linear(256, 5))
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(0)
    order, at = torch.randperm(len(xtr), generator=g), 0
    lines, epoch = ["train_loss,lr-Adam,epoch,step"], 0
    for step in range(1, 3001):
        if step == 1501:
            for drop in drops:
                drop.p = 0.0
        if at + 32 > len(xtr):
            order, at, epoch = torch.randperm(len(xtr), generator=g), 0, epoch + 1
        idx, at = order[at:at + 32], at + 32
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        lines.append(f"{loss.item():.4f},0.001,{epoch},{step}")
        if step % 10 == 0:
            with torch.no_grad():  # the train-mode loss on the whole training set, measured aside
                m(xtr)
    write_lines(os.path.join(d, "lightning_logs", "version_0"), "metrics.csv", lines, "p28_dropout_off_lightning")


def classification_mlp_sgd(n: int, flip: float, seed: int):
    """make_classification (n points, 5 classes, ``flip`` of the labels flipped), three quarters
    trained on; an MLP 20-128-128-5 from seed 0 under SGD 0.05 momentum 0.9; the batches' shuffling
    generator. Returns (x, y, model, optimiser, generator)."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(n, n_features=20, n_informative=10, n_redundant=2, n_classes=5,
                               n_clusters_per_class=2, flip_y=flip, class_sep=1.0, random_state=seed)
    train, _ = train_test_split(np.arange(n), test_size=0.25, random_state=seed)
    xtr, ytr = torch.tensor(X[train], dtype=torch.float32), torch.tensor(y[train])
    torch.manual_seed(0)
    m = torch.nn.Sequential(torch.nn.Linear(20, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128), torch.nn.ReLU(),
                            torch.nn.Linear(128, 5))
    opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
    return xtr, ytr, m, opt, torch.Generator().manual_seed(0)


@run
def p29_steplr_nolr_epochiter_csv(d):
    """An MLP 20-128-128-5 on sklearn's make_classification (1700 points, three quarters trained on),
    SGD 0.05 momentum 0.9, shuffled batches of 32 (39 an epoch, the last partial one dropped), 30 epochs;
    the LR cut x0.1 from epoch 15 (update 586). A loop's own CSV written with the csv module:
    epoch, its batch index (starting again each epoch) and the minibatch loss, no LR."""
    import csv

    xtr, ytr, m, opt, g = classification_mlp_sgd(1700, 0.0, 3)
    per_epoch = len(xtr) // 32
    rows = []
    for epoch in range(30):
        for group in opt.param_groups:
            group["lr"] = 0.05 if epoch < 15 else 0.005
        order = torch.randperm(len(xtr), generator=g)
        for i in range(per_epoch):
            idx = order[i * 32:(i + 1) * 32]
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            rows.append((epoch, i, round(loss.item(), 5)))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "train_log.csv"), "w", newline="") as f:
        w = csv.writer(f)  # its lines end in \r\n
        w.writerow(["epoch", "iter", "loss"])
        w.writerows(rows)
    print(f"p29_steplr_nolr_epochiter_csv: {len(rows)} updates -> {d}/train_log.csv", flush=True)


@run
def p30_batch_cut_hf(d):
    """An MLP 20-128-128-5 on make_classification (4000 points, 5% of the labels flipped, three quarters
    trained on), SGD 0.05 momentum 0.9 constant, batches of 128 for 8 epochs, then of 16 (a run
    resumed with a smaller batch); Hugging Face's trainer_state.json, the mean loss of every 10 updates
    with the grad norm of the 10th (no batch size logged: the epoch column shows it)."""
    xtr, ytr, m, opt, g = classification_mlp_sgd(4000, 0.05, 9)
    history, step, losses = [], 0, []
    for epoch in range(12):
        batch = 128 if epoch < 8 else 16
        per_epoch = len(xtr) // batch
        order = torch.randperm(len(xtr), generator=g)
        for i in range(per_epoch):
            idx = order[i * batch:(i + 1) * batch]
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            norm = float(torch.sqrt(sum((p.grad ** 2).sum() for p in m.parameters())))
            opt.step()
            step += 1
            losses.append(loss.item())
            if step % 10 == 0:
                history.append({"epoch": round(epoch + (i + 1) / per_epoch, 2), "grad_norm": norm,
                                "learning_rate": 0.05, "loss": round(float(np.mean(losses)), 4), "step": step})
                losses = []
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "trainer_state.json"), "w") as f:
        json.dump({"global_step": step, "epoch": 12.0, "log_history": history, "logging_steps": 10,
                   "train_batch_size": 128}, f, indent=2)
    print(f"p30_batch_cut_hf: {step} updates -> {d}/trainer_state.json", flush=True)


@run
def p31_finetune_stage_lightning(d):
    """Two tasks on the same inputs' space (make_classification, 4000 points each, 5% of the labels
    flipped, three quarters trained on): an MLP 20-128-128-5 trained on the first under SGD 0.05
    momentum 0.9 for 1500 updates of 32, then fine-tuned on the second with the LR cut x0.1 from
    update 1501, as a fine-tuning stage is set up. The loss rises at the cut: new data, not a step
    too large. Lightning's CSVLogger every 10 updates (the update's own loss) with lr-SGD, and the
    held-out accuracy on the current task every 100."""
    from sklearn.model_selection import train_test_split

    xa, ya, m, opt, g = classification_mlp_sgd(4000, 0.05, 14)
    xb, yb, _, _, _ = classification_mlp_sgd(4000, 0.05, 15)

    def held_out(seed):
        from sklearn.datasets import make_classification

        X, y = make_classification(4000, n_features=20, n_informative=10, n_redundant=2, n_classes=5,
                                   n_clusters_per_class=2, flip_y=0.05, class_sep=1.0, random_state=seed)
        _, test = train_test_split(np.arange(4000), test_size=0.25, random_state=seed)
        return torch.tensor(X[test], dtype=torch.float32), torch.tensor(y[test])

    tests = {14: held_out(14), 15: held_out(15)}
    lines, order, at, epoch = ["train_loss,lr-SGD,val_acc,epoch,step"], None, 0, 0
    for step in range(1, 3001):
        task, lr = (14, 0.05) if step <= 1500 else (15, 0.005)
        x, y = (xa, ya) if task == 14 else (xb, yb)
        for group in opt.param_groups:
            group["lr"] = lr
        if order is None or at + 32 > len(x) or step == 1501:
            order, at, epoch = torch.randperm(len(x), generator=g), 0, epoch + (order is not None)
        idx, at = order[at:at + 32], at + 32
        loss = F.cross_entropy(m(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            lines.append(f"{loss.item():.4f},{lr},,{epoch},{step - 1}")
        if step % 100 == 0:
            with torch.no_grad():
                xt, yt = tests[task]
                acc = float((m(xt).argmax(1) == yt).float().mean())
            lines.append(f",,{acc:.4f},{epoch},{step - 1}")
    write_lines(os.path.join(d, "lightning_logs", "version_0"), "metrics.csv", lines, "p31_finetune_stage_lightning")


@run
def p32_vae_kl_warmup_wandb(d):
    """A VAE on sklearn's digits (pixels / 16, three quarters trained on; latent 8, an MLP 64-128-16
    encoder and 8-128-64 decoder), Adam 1e-3 constant, batches of 64, 3000 updates. The KL term's
    weight (beta) is 0 to update 1000, ramped to 1 over 1001-1200, then 1, as a KL warm-up is: the
    reconstruction loss rises as the KL falls, an objective changed, not a step too large. W&B's
    history every 10 updates (train/recon, train/kl, train/loss = recon + beta * kl, train/beta,
    train/learning_rate), the held-out terms every 50."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    x = load_digits().data / 16.0
    train, test = train_test_split(np.arange(len(x)), test_size=0.25, random_state=0)
    xtr, xva = torch.tensor(x[train], dtype=torch.float32), torch.tensor(x[test], dtype=torch.float32)
    torch.manual_seed(0)
    enc = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 16))
    dec = torch.nn.Sequential(torch.nn.Linear(8, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64))
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), 1e-3)
    g = torch.Generator().manual_seed(0)

    def terms(batch, gen):
        h = enc(batch)
        mu, log_var = h[:, :8], h[:, 8:]
        z = mu + torch.randn(mu.shape, generator=gen) * (0.5 * log_var).exp()
        recon = ((dec(z) - batch) ** 2).sum(1).mean()
        return recon, (-0.5 * (1 + log_var - mu ** 2 - log_var.exp()).sum(1)).mean()

    rows, order, at = [], torch.randperm(len(xtr), generator=g), 0
    for step in range(1, 3001):
        if at + 64 > len(xtr):
            order, at = torch.randperm(len(xtr), generator=g), 0
        idx, at = order[at:at + 64], at + 64
        beta = 0.0 if step <= 1000 else min(1.0, (step - 1000) / 200)
        recon, kl = terms(xtr[idx], g)
        loss = recon + beta * kl
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            rows.append({"train/recon": round(recon.item(), 4), "train/kl": round(kl.item(), 4),
                         "train/loss": round(loss.item(), 4), "train/beta": beta, "train/learning_rate": 1e-3,
                         "_step": step})
        if step % 50 == 0:
            with torch.no_grad():
                recon, kl = terms(xva, torch.Generator().manual_seed(7))
            rows.append({"eval/recon": round(recon.item(), 4), "eval/kl": round(kl.item(), 4), "_step": step})
    write_lines(d, "wandb-history.jsonl", [json.dumps(r) for r in rows], "p32_vae_kl_warmup_wandb")


@run
def p33_tiny_transformer_reverse_csv(d):
    """A 2-layer pre-LN transformer (width 32, 2 heads) learning to reverse sequences of 8 tokens of
    16, AdamW 5e-4 (weight decay 0.01), batches of 64, warmup over 100 updates and a cosine to 0 at
    3000. Its loss slides for 450 updates, then falls x60 over 200 (the capability found) while the
    cosine moves the LR a few percent, and goes on falling slowly. A loop's CSV at every update: the
    update's loss and the LR."""
    torch.manual_seed(0)
    vocab, length, width = 16, 8, 32

    class Tiny(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = torch.nn.Embedding(vocab + 1, width)
            self.pos = torch.nn.Parameter(torch.randn(2 * length, width) * 0.02)
            self.layers = torch.nn.ModuleList([torch.nn.TransformerEncoderLayer(
                width, 2, 64, dropout=0.0, batch_first=True, norm_first=True) for _ in range(2)])
            self.out = torch.nn.Linear(width, vocab)
            self.mask = torch.triu(torch.full((2 * length, 2 * length), float("-inf")), 1)

        def forward(self, x):
            h = self.emb(x) + self.pos[:x.shape[1]]
            for layer in self.layers:
                h = layer(h, src_mask=self.mask[:x.shape[1], :x.shape[1]])
            return self.out(h)

    model, g = Tiny(), torch.Generator().manual_seed(1)
    opt = torch.optim.AdamW(model.parameters(), 5e-4, weight_decay=0.01)
    lines = ["step,loss,lr"]
    for step in range(1, 3001):
        lr = 5e-4 * step / 100 if step <= 100 else 5e-4 * 0.5 * (1 + math.cos(math.pi * (step - 100) / 2900))
        for group in opt.param_groups:
            group["lr"] = lr
        x = torch.randint(0, vocab, (64, length), generator=g)
        y = x.flip(1)
        out = model(torch.cat([x, torch.full((64, 1), vocab), y[:, :-1]], 1))[:, length:]
        loss = F.cross_entropy(out.reshape(-1, vocab), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        lines.append(f"{step},{loss.item():.4g},{lr:.4g}")
    write_lines(d, "metrics.csv", lines, "p33_tiny_transformer_reverse_csv")


@run
def p34_fork_at_decay_hf(d):
    """One training forked at update 1500 into two runs: an MLP 20-64-64-5 on make_classification (8000
    points, 5% of the labels flipped, a quarter held out), SGD 0.05 momentum 0.9, batches of 32; from
    update 1501 one branch keeps the LR, the other cuts it x0.1 (each restarted from the same model,
    optimiser and data-order state). Hugging Face's trainer_state.json in d/const and d/decay: the mean
    loss of every 10 updates, and the held-out loss and accuracy every 100, the same numbers in both up
    to update 1500. The held-out accuracy wanders within +-2 points on its plateau before the fork."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(8000, n_features=20, n_informative=10, n_redundant=2, n_classes=5,
                               n_clusters_per_class=2, flip_y=0.05, class_sep=1.0, random_state=1)
    X = X.astype(np.float32)
    tr, va = train_test_split(np.arange(8000), test_size=0.25, random_state=1)
    xtr, ytr, xva, yva = torch.tensor(X[tr]), torch.tensor(y[tr]), torch.tensor(X[va]), torch.tensor(y[va])
    torch.manual_seed(1)
    m = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(),
                            torch.nn.Linear(64, 5))
    opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
    per_epoch = len(xtr) // 32
    order = {"g": torch.Generator().manual_seed(1), "i": 0}
    order["perm"] = torch.randperm(len(xtr), generator=order["g"])

    def train(first, last, lr, history, losses):
        for step in range(first, last + 1):
            if order["i"] >= per_epoch:
                order["i"], order["perm"] = 0, torch.randperm(len(xtr), generator=order["g"])
            idx = order["perm"][order["i"] * 32:(order["i"] + 1) * 32]
            order["i"] += 1
            for group in opt.param_groups:
                group["lr"] = lr
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
            epoch = round(step / per_epoch, 2)
            if step % 10 == 0:
                history.append({"epoch": epoch, "learning_rate": lr, "loss": round(float(np.mean(losses)), 4),
                                "step": step})
                losses.clear()
            if step % 100 == 0:
                m.eval()
                with torch.no_grad():
                    out = m(xva)
                m.train()
                history.append({"epoch": epoch, "eval_accuracy": float((out.argmax(1) == yva).float().mean()),
                                "eval_loss": float(F.cross_entropy(out, yva)), "step": step})

    shared, losses = [], []
    train(1, 1500, 0.05, shared, losses)
    fork = (copy.deepcopy(m.state_dict()), copy.deepcopy(opt.state_dict()), dict(order), order["g"].get_state())
    for branch, lr in (("const", 0.05), ("decay", 0.005)):
        m.load_state_dict(fork[0])
        opt.load_state_dict(fork[1])
        order.update(fork[2])
        order["g"].set_state(fork[3])
        history = list(shared)
        train(1501, 3000, lr, history, [])
        os.makedirs(os.path.join(d, branch), exist_ok=True)
        with open(os.path.join(d, branch, "trainer_state.json"), "w") as f:
            json.dump({"global_step": 3000, "epoch": round(3000 / per_epoch, 2), "log_history": history,
                       "logging_steps": 10, "eval_steps": 100, "train_batch_size": 32}, f, indent=2)
    print(f"p34_fork_at_decay_hf: 2 x 3000 updates -> {d}/{{const,decay}}/trainer_state.json", flush=True)


@run
def p34_restore_best_keras(d):
    """An MLP 64-256-256-10 on sklearn's digits with 40% of the training labels drawn at random (the
    held-out ones clean), Adam 1e-3, batches of 32, as Keras' fit() with EarlyStopping(val_loss,
    patience 20, restore_best_weights=True); then a second fit() from the restored weights at Adam 1e-4
    for 20 epochs, appended to the same CSVLogger (epoch, accuracy, learning_rate, loss, val_accuracy,
    val_loss). At the seam every curve jumps back to the best epoch's values: the training curves worse,
    the held-out ones better."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    tr, va = train_test_split(np.arange(len(y)), test_size=0.25, random_state=0)
    xtr, xva = torch.tensor(X[tr] / 16.0, dtype=torch.float32), torch.tensor(X[va] / 16.0, dtype=torch.float32)
    ytr, yva = torch.tensor(y[tr]), torch.tensor(y[va])
    g = torch.Generator().manual_seed(0)
    noisy = torch.rand(len(ytr), generator=g) < 0.4
    ytr[noisy] = torch.randint(0, 10, (int(noisy.sum()),), generator=g)
    torch.manual_seed(0)
    m = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(),
                            torch.nn.Linear(256, 10))
    lines = ["epoch,accuracy,learning_rate,loss,val_accuracy,val_loss"]

    def epoch(e, opt, lr):
        order, losses, hits = torch.randperm(len(xtr), generator=g), [], []
        for i in range(len(xtr) // 32):
            idx = order[i * 32:(i + 1) * 32]
            out = m(xtr[idx])
            loss = F.cross_entropy(out, ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
            hits.append(float((out.argmax(1) == ytr[idx]).float().mean()))
        with torch.no_grad():
            out = m(xva)
        val_loss = float(F.cross_entropy(out, yva))
        lines.append(f"{e},{np.mean(hits):.6f},{lr:g},{np.mean(losses):.6f},"
                     f"{float((out.argmax(1) == yva).float().mean()):.6f},{val_loss:.6f}")
        return val_loss

    opt, best, e = torch.optim.Adam(m.parameters(), 1e-3), (math.inf, -1, None), 0
    while True:
        val_loss = epoch(e, opt, 1e-3)
        if val_loss < best[0]:
            best = (val_loss, e, copy.deepcopy(m.state_dict()))
        if e - best[1] >= 20 or e >= 99:
            break
        e += 1
    m.load_state_dict(best[2])
    opt = torch.optim.Adam(m.parameters(), 1e-4)
    for e in range(e + 1, e + 21):
        epoch(e, opt, 1e-4)
    write_lines(d, "training.log", lines, f"p34_restore_best_keras (best epoch {best[1]})")


def digits_flipped(n_train: int):
    """sklearn's digits shuffled (seed 0): the first 1,400 to train with 20% of their labels flipped, of
    which the first ``n_train`` are taken, and the other 397, clean, held out; as tensors."""
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    rng = np.random.RandomState(0)
    p = rng.permutation(len(y))
    X, y = X[p] / 16.0, y[p]
    ytr = y[:1400].copy()
    flip = rng.rand(1400) < 0.2
    ytr[flip] = (ytr[flip] + rng.randint(1, 10, flip.sum())) % 10
    return (torch.tensor(X[:n_train], dtype=torch.float32), torch.tensor(ytr[:n_train]),
            torch.tensor(X[1400:], dtype=torch.float32), torch.tensor(y[1400:]))


@run
def p35_plateau_noisy_eval_lightning(d):
    """An MLP 64-256-256-10 on sklearn's digits (1,400 to train, 20% of their labels flipped), SGD 0.1
    with momentum 0.9, batches of 32, ReduceLROnPlateau(val_loss, factor 0.1, patience 4) over 50
    epochs. At the high LR the per-epoch held-out accuracy swings a few points (its seventh
    evaluation, 0.887, is the lowest) until the first cut at epoch 8. Lightning's CSVLogger: the LR
    each epoch, train_loss every 10 updates, val_loss and val_acc each epoch."""
    xtr, ytr, xva, yva = digits_flipped(1400)
    torch.manual_seed(17)
    m = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(),
                            torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(m.parameters(), 0.1, momentum=0.9)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.1, patience=4)
    lines, step = ["lr-SGD,step,train_loss,epoch,val_loss,val_acc"], 0
    for epoch in range(50):
        lines.append(f"{opt.param_groups[0]['lr']:g},{step},,,,")
        order = torch.randperm(1400)
        for i in range(0, 1400, 32):
            idx = order[i:i + 32]
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            if step % 10 == 9:
                lines.append(f",{step},{loss.item():.6f},{epoch},,")
            step += 1
        with torch.no_grad():
            out = m(xva)
        val_loss = float(F.cross_entropy(out, yva))
        lines.append(f",{step - 1},,{epoch},{val_loss:.6f},{float((out.argmax(1) == yva).float().mean()):.6f}")
        sched.step(val_loss)
    write_lines(os.path.join(d, "lightning_logs", "version_0"), "metrics.csv", lines,
                "p35_plateau_noisy_eval_lightning")


@run
def p37_overfit_slide_epochcsv(d):
    """An MLP 64-256-256-10 on 400 of sklearn's digits with 20% of their labels flipped, Adam 1e-3 on
    the full batch for 3,000 epochs, evaluated every 5 on 397 clean held-out digits. The held-out
    accuracy climbs to 0.914 by epoch 65, then slides to 0.80 by epoch 205 as the net learns the
    flipped labels, and stays there. A CSV of epoch, train_loss, val_loss, val_acc."""
    xtr, ytr, xva, yva = digits_flipped(400)
    torch.manual_seed(24)
    m = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(),
                            torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(m.parameters(), 1e-3)
    lines = ["epoch,train_loss,val_loss,val_acc"]
    for epoch in range(3000):
        loss = F.cross_entropy(m(xtr), ytr)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if epoch % 5 == 0:
            with torch.no_grad():
                train_loss, out = float(F.cross_entropy(m(xtr), ytr)), m(xva)
            lines.append(f"{epoch},{train_loss:.6f},{float(F.cross_entropy(out, yva)):.6f},"
                         f"{float((out.argmax(1) == yva).float().mean()):.6f}")
    write_lines(d, "metrics.csv", lines, "p37_overfit_slide_epochcsv")


@run
def p38_lr_raise_nan_csv(d):
    """An MLP 20-128-128-5 on sklearn's make_classification (4000 points, 5% of the labels flipped,
    three quarters trained on), SGD 0.05 momentum 0.9, shuffled batches of 32; from update 2500 on the
    LR is 50 (a config slip of x1000). The per-step loss scatters over a decade before it, blows up
    from update 2501 and is nan a few updates later. A CSV of step, loss, lr, one row per update, up
    to 2600 (nan rows included)."""
    xtr, ytr, m, opt, g = classification_mlp_sgd(4000, 0.05, 0)
    lines = ["step,loss,lr"]
    order = torch.randperm(len(xtr), generator=g)
    for step in range(1, 2601):
        lr = 50.0 if step >= 2500 else 0.05
        for group in opt.param_groups:
            group["lr"] = lr
        i = (step - 1) % (len(xtr) // 32)
        if i == 0:
            order = torch.randperm(len(xtr), generator=g)
        idx = order[i * 32:(i + 1) * 32]
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        lines.append(f"{step},{loss.item():.4g},{lr:g}")
    write_lines(d, "train_log.csv", lines, "p38_lr_raise_nan_csv")

@run
def p39_vae_kl_rise_csv(d):
    """A VAE on sklearn's digits (pixels / 16 plus 0.02 noise; latent 8, an MLP 64-64-16 encoder and
    8-64-64 decoder, a Gaussian decoder with a learned per-pixel log-variance), Adam 3e-3 constant,
    batches of 64, 3000 updates. Its KL term starts near zero (posterior at the prior) and climbs
    x100 as the latent comes to carry information, while the ELBO improves throughout. A loop's CSV
    every 10 updates: step, train_elbo, train_kl."""
    from sklearn.datasets import load_digits

    torch.manual_seed(17)
    x = torch.tensor(load_digits().data / 16.0, dtype=torch.float32)[:1400]
    x = x + 0.02 * torch.randn_like(x)
    enc = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.Tanh(), torch.nn.Linear(64, 16))
    dec = torch.nn.Sequential(torch.nn.Linear(8, 64), torch.nn.Tanh(), torch.nn.Linear(64, 64))
    log_var_x = torch.nn.Parameter(torch.zeros(64))
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()) + [log_var_x], 3e-3)
    lines = ["step,train_elbo,train_kl"]
    for step in range(1, 3001):
        batch = x[torch.randint(0, len(x), (64,))]
        h = enc(batch)
        mu, log_var = h[:, :8], h[:, 8:]
        z = mu + torch.randn_like(mu) * (0.5 * log_var).exp()
        nll = 0.5 * (((batch - dec(z)) ** 2) / log_var_x.exp() + log_var_x + math.log(2 * math.pi)).sum(1).mean()
        kl = (-0.5 * (1 + log_var - mu ** 2 - log_var.exp()).sum(1)).mean()
        opt.zero_grad()
        (nll + kl).backward()
        opt.step()
        if step % 10 == 0:
            lines.append(f"{step},{-(nll + kl).item():.4f},{kl.item():.4f}")
    write_lines(d, "train_log.csv", lines, "p39_vae_kl_rise_csv")


def _classification_train(seed: int):
    """The 5000 training points of a 10-class make_classification task (6000 points, 20 features, 2% of
    the labels flipped), standardised, as tensors."""
    from sklearn.datasets import make_classification

    X, y = make_classification(6000, 20, n_informative=15, n_redundant=2, n_classes=10, n_clusters_per_class=1,
                               class_sep=1.0, flip_y=0.02, random_state=seed)
    X = (X - X.mean(0)) / X.std(0)
    return torch.tensor(X[:5000], dtype=torch.float32), torch.tensor(y[:5000])


@run
def p40_cyclic_triangular_csv(d):
    """An MLP 20-64-64-10 on make_classification (6000 points, 10 classes, 2% of the labels flipped,
    5000 trained on), SGD momentum 0.9 under CyclicLR triangular from 0.002 to 0.2 and back every 800
    updates (peaks at 400, 1200, ...), batches of 32, 6400 updates: the loss climbs x3-x4 at every peak.
    A loop's CSV every 10 updates: step, the batch's train_loss, lr."""
    xtr, ytr = _classification_train(23)
    torch.manual_seed(23)
    m = tl.mlp(20, [64, 64], 10)
    opt = torch.optim.SGD(m.parameters(), 0.002, momentum=0.9)
    sched = torch.optim.lr_scheduler.CyclicLR(opt, 0.002, 0.2, step_size_up=400, mode="triangular")
    g = torch.Generator().manual_seed(23)
    lines = ["step,train_loss,lr"]
    for step in range(1, 6401):
        lr = opt.param_groups[0]["lr"]
        idx = torch.randint(0, len(xtr), (32,), generator=g)
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 10 == 0:
            lines.append(f"{step},{loss.item():.4g},{lr:.6g}")
    write_lines(d, "train_log.csv", lines, "p40_cyclic_triangular_csv")


@run
def p41_step_decay_single_batch_csv(d):
    """An MLP 20-64-64-10 on make_classification (as p40, another seed), SGD momentum 0.9 at 0.05, cut to 0.005 at
    update 1500 of 3000, batches of 32. A loop's CSV every 10 updates with that one batch's loss (no
    mean over the 10): the loss halves at the cut under single-batch noise of about x1.8."""
    xtr, ytr = _classification_train(22)
    torch.manual_seed(22)
    m = tl.mlp(20, [64, 64], 10)
    opt = torch.optim.SGD(m.parameters(), 0.05, momentum=0.9)
    g = torch.Generator().manual_seed(22)
    lines = ["step,train_loss,lr"]
    for step in range(1, 3001):
        lr = 0.05 if step < 1500 else 0.005
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.randint(0, len(xtr), (32,), generator=g)
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            lines.append(f"{step},{loss.item():.4g},{lr:g}")
    write_lines(d, "train_log.csv", lines, "p41_step_decay_single_batch_csv")


@run
def p42_gan_ring_csv(d):
    """A GAN on a ring of 8 Gaussians in 2-D (radius 2, sd 0.05): generator 4-64-64-2 (ReLU),
    discriminator 2-64-64-1 (LeakyReLU 0.2), both Adam 1e-3 (betas 0.5, 0.999), batches of 128, 4000
    updates, the non-saturating generator loss. A loop's CSV every 10 updates with that batch's
    loss_G and loss_D, and every 100 the modes covered (of 2000 samples, how many of the 8 modes
    hold more than 20 within 0.3 of their centre: 2 at update 100, all 8 from 500 on) and the share of
    samples that near a centre. The losses stay level (the two nets in balance) while the generator
    learns every mode."""
    torch.manual_seed(5)
    gan = _GanRing(latent=4, width=64, lr=1e-3)
    lines = ["step,loss_G,loss_D,modes_covered,sample_quality"]
    for step in range(1, 4001):
        _, loss_d, loss_g = gan.step()
        evaluated = ","
        if step % 100 == 0:
            with torch.no_grad():
                dist = torch.cdist(gan.gen(torch.randn(2000, 4)), gan.centres)
                near = dist.min(1).values < 0.3
                modes = int((torch.bincount(dist.argmin(1)[near], minlength=8) > 20).sum())
                evaluated = f"{modes},{near.float().mean().item():.4g}"
        if step % 10 == 0:
            lines.append(f"{step},{loss_g.item():.4g},{loss_d.item():.4g},{evaluated}")
    write_lines(d, "train_log.csv", lines, "p42_gan_ring_csv")


@run
def p43_charlm_warmup_csv(d, warmup=100):
    """A character language model (2 pre-norm Transformer layers, width 64, 4 heads, context 48) on
    6000 generated sentences of a tiny grammar ("the cat sees a red box."), AdamW 3e-3 (weight decay
    0.01), batches of 16, gradients clipped at 1; the LR warms up linearly over 100 steps, then a
    cosine to 0 at 1500 (as the Trainer's LambdaLR steps it). A loop's CSV every 10 steps with the
    mean loss since the line before (as the Trainer logs it) and the LR. The loss falls steeply over
    steps 130-200 as the model picks up the sentences' structure; with a 300-step warmup (the same
    seed) the same fall comes at 190-270, while the LR is still rising."""
    rng = np.random.RandomState(1)
    subj = ["the cat", "a dog", "my friend", "the old man", "one bird", "her sister"]
    verb = ["sees", "likes", "finds", "carries", "follows", "hears"]
    obj = ["the ball", "a red box", "some bread", "the small tree", "a blue car", "the river"]
    text = " ".join(f"{subj[rng.randint(6)]} {verb[rng.randint(6)]} {obj[rng.randint(6)]}." for _ in range(6000))
    chars = sorted(set(text))
    data = torch.tensor([chars.index(c) for c in text])[: int(0.9 * len(text))]
    vocab, context, width = len(chars), 48, 64
    torch.manual_seed(1)
    emb, pos = torch.nn.Embedding(vocab, width), torch.nn.Embedding(context, width)
    layer = torch.nn.TransformerEncoderLayer(width, 4, 4 * width, dropout=0.0, batch_first=True, norm_first=True)
    enc, norm, out = torch.nn.TransformerEncoder(layer, 2), torch.nn.LayerNorm(width), torch.nn.Linear(width, vocab)
    params = [p for m in (emb, pos, enc, norm, out) for p in m.parameters()]
    mask = torch.nn.Transformer.generate_square_subsequent_mask(context)
    opt = torch.optim.AdamW(params, lr=3e-3, weight_decay=0.01)

    def factor(s):  # the Trainer's warmup then cosine, s steps done
        return s / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / (1500 - warmup)))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    g = torch.Generator().manual_seed(1)
    lines, total, count = ["step,loss,learning_rate"], 0.0, 0
    for step in range(1, 1501):
        ix = torch.randint(len(data) - context - 1, (16,), generator=g)
        x = torch.stack([data[i:i + context] for i in ix])
        y = torch.stack([data[i + 1:i + context + 1] for i in ix])
        h = enc(emb(x) + pos(torch.arange(context)), mask=mask, is_causal=True)
        loss = F.cross_entropy(out(norm(h)).reshape(-1, vocab), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        total, count = total + loss.item(), count + 1
        if step % 10 == 0:
            lines.append(f"{step},{total / count:.4f},{sched.get_last_lr()[0]:.6g}")
            total, count = 0.0, 0
    write_lines(d, "train_log.csv", lines, f"p43_charlm_warmup_csv (warmup {warmup})")


@run
def p43_charlm_warmup300_csv(d):
    """p43_charlm_warmup_csv with a 300-step warmup: the same seed, data and model."""
    p43_charlm_warmup_csv(d, warmup=300)


@run
def p44_segmentation_idle_decay_csv(d):
    """A conv net 1-8-8-1 (3x3, ReLU) segmenting noisy disks in 16x16 images (disk +0.6 under noise of
    sd 0.5; 800 training and 200 held-out images), pixel-wise BCE, Adam 3e-3 cut to 3e-4 at update 901
    of 1500, batches of 16. A loop's CSV every 10 updates with that one batch's loss, and every 50 the
    held-out Dice score. The net had levelled off by update ~300 and the cut changes nothing (the
    loss's medians over updates 600-900, 910-1200 and 1200-1500: 0.090, 0.090, 0.089; the Dice score
    0.866 before it and after)."""
    torch.manual_seed(37)
    g = torch.Generator().manual_seed(37)
    yy, xx = torch.meshgrid(torch.arange(16.0), torch.arange(16.0), indexing="ij")

    def disks(n):
        centre = torch.rand(n, 2, generator=g) * 10 + 3
        radius = torch.rand(n, generator=g) * 3 + 2
        masks = ((yy - centre[:, :1, None]) ** 2 + (xx - centre[:, 1:, None]) ** 2 < radius[:, None, None] ** 2)
        images = 0.6 * masks.float() + 0.5 * torch.randn(n, 16, 16, generator=g)
        return images[:, None], masks.float()[:, None]

    (images, masks), (held_images, held_masks) = disks(800), disks(200)
    conv = torch.nn.Conv2d
    m = torch.nn.Sequential(conv(1, 8, 3, padding=1), torch.nn.ReLU(), conv(8, 8, 3, padding=1), torch.nn.ReLU(),
                            conv(8, 1, 3, padding=1))
    opt = torch.optim.Adam(m.parameters(), 3e-3)
    lines = ["step,train_loss,val_dice,lr"]
    for step in range(1, 1501):
        lr = 3e-3 if step < 901 else 3e-4
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.randint(0, 800, (16,), generator=g)
        loss = F.binary_cross_entropy_with_logits(m(images[idx]), masks[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        dice = ""
        if step % 50 == 0:
            with torch.no_grad():
                found = (m(held_images) > 0).float()
            dice = f"{2 * (found * held_masks).sum().item() / (found.sum() + held_masks.sum()).item():.4g}"
        if step % 10 == 0:
            lines.append(f"{step},{loss.item():.4g},{dice},{lr:g}")
    write_lines(d, "train_log.csv", lines, "p44_segmentation_idle_decay_csv")

@run
def p45_adam_spike_warmup_linear_csv(d):
    """An MLP 64-128-128-10 (ReLU) on sklearn's digits (1397 trained on, shuffled by RandomState(4)),
    Adam, the LR warmed up linearly to 2e-3 over 500 updates then decayed linearly to 0 at 5000,
    batches of 32. A loop's CSV every 10 updates with the mean of the last 10 batches' losses to 4
    decimals (as the Trainer logs it). At update ~1480 the loss is thrown up x6 (the gradient norm
    x10) and is back within 60 updates, below where it was, as its slow fall would have brought it."""
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    order = np.random.RandomState(4).permutation(len(x))
    x, y = torch.tensor(x[order][400:] / 16.0, dtype=torch.float32), torch.tensor(y[order][400:])
    torch.manual_seed(4)
    m = tl.mlp(64, [128, 128], 10)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    perm, pos, losses = torch.randperm(len(x)), 0, []
    lines = ["step,train_loss,learning_rate"]
    for step in range(1, 5001):
        if pos + 32 > len(x):
            perm, pos = torch.randperm(len(x)), 0
        idx = perm[pos:pos + 32]
        pos += 32
        for group in opt.param_groups:
            group["lr"] = 2e-3 * (step / 500 if step <= 500 else max(0.0, (5000 - step) / 4500))
        opt.zero_grad()
        loss = F.cross_entropy(m(x[idx]), y[idx])
        loss.backward()
        opt.step()
        losses.append(loss.item())
        if step % 10 == 0:
            lines.append(f"{step},{round(float(np.mean(losses[-10:])), 4)},{opt.param_groups[0]['lr']:.6g}")
    write_lines(d, "train_log.csv", lines, "p45_adam_spike_warmup_linear_csv")


@run
def p46_label_noise_memorise_csv(d):
    """An MLP 64-512-512-10 (ReLU) on sklearn's digits shuffled by RandomState(8): 400 held out, the
    other 1,397 trained on with 40% of their labels redrawn at random. Adam 1e-3 constant, batches of
    64, 120 epochs. The held-out loss bottoms out near epoch 18 and climbs to ~1.07 as the net
    memorises the random labels (its epoch-59 evaluation a point above its neighbours); the
    training loss keeps falling. A CSV of epoch, the epoch's mean training loss, val_loss, val_acc."""
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    tl.setup(8)
    rng = np.random.RandomState(8)
    order = rng.permutation(len(x))
    x, y = x[order] / 16.0, y[order]
    ytr = y[400:].copy()
    noisy = rng.rand(len(ytr)) < 0.4
    ytr[noisy] = rng.randint(0, 10, noisy.sum())
    xtr, ytr = torch.tensor(x[400:], dtype=torch.float32), torch.tensor(ytr, dtype=torch.long)
    xva, yva = torch.tensor(x[:400], dtype=torch.float32), torch.tensor(y[:400], dtype=torch.long)
    m = tl.mlp(64, [512, 512], 10)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    lines = ["epoch,train_loss,val_loss,val_acc"]
    for epoch in range(1, 121):
        order, total = torch.randperm(len(xtr)), 0.0
        for i in range(0, len(order), 64):
            idx = order[i:i + 64]
            opt.zero_grad()
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        with torch.no_grad():
            out = m(xva)
        lines.append(f"{epoch},{total / len(xtr):.5f},{float(F.cross_entropy(out, yva)):.5f},"
                     f"{float((out.argmax(1) == yva).float().mean()):.4f}")
    write_lines(d, "history.csv", lines, "p46_label_noise_memorise_csv")


@run
def p47_two_close_decays_csv(d):
    """An MLP 20-64-64-4 (ReLU) on make_classification (4,000 to train, 500 held out, random_state 5),
    SGD 0.2, batches of 32, 2,500 updates: the LR cut x0.1 at update 1,501 and again at 1,601. A CSV
    of the loss and LR at every update, val_loss and val_acc after every 100th. The held-out loss
    is lower at 1,600 than at 1,500: the first decay's, evaluated before the second was made."""
    from sklearn.datasets import make_classification

    random.seed(5)
    tl.setup(5)
    x, y = make_classification(n_samples=4500, n_features=20, n_informative=10, n_redundant=2, n_classes=4,
                               class_sep=0.8, flip_y=0.05, random_state=5)
    x, y = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.long)
    xtr, ytr, xva, yva = x[:4000], y[:4000], x[4000:], y[4000:]
    m = tl.mlp(20, [64, 64], 4)
    opt = torch.optim.SGD(m.parameters(), lr=0.2)
    g = torch.Generator().manual_seed(5)
    lines, step = ["step,epoch,loss,lr,val_loss,val_acc"], 0
    for epoch in range(100):
        perm = torch.randperm(4000, generator=g)
        for i in range(0, 4000 - 32 + 1, 32):
            for group in opt.param_groups:
                group["lr"] = 0.2 if step < 1500 else 0.02 if step < 1600 else 0.002
            idx = perm[i:i + 32]
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            held = ","
            if step % 100 == 0:
                m.eval()
                with torch.no_grad():
                    out = m(xva)
                m.train()
                held = f"{F.cross_entropy(out, yva).item()!r},{(out.argmax(1) == yva).float().mean().item()!r}"
            lines.append(f"{step},{epoch},{loss.item()!r},{opt.param_groups[0]['lr']!r},{held}")
            if step >= 2500:
                break
        if step >= 2500:
            break
    write_lines(d, "log.csv", lines, "p47_two_close_decays_csv")


@run
def p48_lr_creep_text(d):
    """An MLP 64-64-64-10 (ReLU) on sklearn's digits shuffled by RandomState(12) (the first 400 held
    out), SGD with momentum 0.9 and batches of 32 drawn at random, its LR set to 0.01 x 1.0015^step
    at every step (a scheduler bug). The loss bottoms out near step 1,200 and climbs 80x by 2,400 as
    the LR grows, then jumps again near 4,500 and goes non-finite. Printed nanoGPT-style every 10
    iterations ("iter N: loss X, lr Y, time Zms")."""
    from sklearn.datasets import load_digits

    tl.setup(12)
    x, y = load_digits(return_X_y=True)
    order = np.random.RandomState(12).permutation(len(x))
    x = torch.tensor(x[order][400:] / 16.0, dtype=torch.float32)
    y = torch.tensor(y[order][400:], dtype=torch.long)
    m = tl.mlp(64, [64, 64], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9)
    lines = ["Initializing a new model from scratch", "number of parameters: 0.01M"]
    for step in range(1, 6001):
        lr = 0.01 * 1.0015 ** step
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.randint(0, len(x), (32,))
        opt.zero_grad()
        loss = F.cross_entropy(m(x[idx]), y[idx])
        loss.backward()
        opt.step()
        if step % 10 == 0:
            lines.append(f"iter {step}: loss {loss.item():.4f}, lr {lr:.4e}, time {31.2 + (step % 7) * 0.3:.2f}ms")
            if not math.isfinite(loss.item()):
                break
    write_lines(d, "train.log", lines, "p48_lr_creep_text")


@run
def p49_adam_smooth_friedman_csv(d):
    """An MLP 10-64-64-1 (ReLU) regressing make_friedman1 (3,000 samples, noise 1.0, random_state 36,
    the target standardised; 2,500 trained on), Adam 1e-3 constant, batches of 128 (each epoch's
    last partial batch dropped), 1,100 updates. The per-batch MSE falls smoothly to its floor: no
    transition. A CSV of the MSE at every update."""
    from sklearn.datasets import make_friedman1

    random.seed(36)
    tl.setup(36)
    xn, yn = make_friedman1(n_samples=3000, noise=1.0, random_state=36)
    x = torch.tensor(xn, dtype=torch.float32)[:2500]
    y = torch.tensor((yn - yn.mean()) / yn.std(), dtype=torch.float32)[:2500]
    m = tl.mlp(10, [64, 64], 1)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(36)
    lines, step = ["step,train_mse"], 0
    while step < 1100:
        perm = torch.randperm(2500, generator=g)
        for i in range(0, 2500 - 128 + 1, 128):
            idx = perm[i:i + 128]
            loss = F.mse_loss(m(x[idx]).squeeze(-1), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            lines.append(f"{step},{loss.item():.5g}")
            if step >= 1100:
                break
    write_lines(d, "metrics.csv", lines, "p49_adam_smooth_friedman_csv")


@run
def p50_label_permute_csv(d):
    """An MLP 64-128-10 (ReLU) on sklearn's digits shuffled by RandomState(50) (the first 400 held
    out), SGD 0.02 with momentum 0.9, batches of 32 drawn at random, 1,200 updates; from update 601
    on, the labels are permuted (a new task on the same inputs). The confident net's loss is thrown
    from ~0.01 to ~15 for a few updates, then relaxes to chance and learns the new task. A CSV of
    the minibatch loss at every update (4 significant digits)."""
    from sklearn.datasets import load_digits

    tl.setup(50)
    x, y = load_digits(return_X_y=True)
    order = np.random.RandomState(50).permutation(len(x))
    x = torch.tensor(x[order][400:] / 16.0, dtype=torch.float32)
    y = torch.tensor(y[order][400:], dtype=torch.long)
    permuted = torch.tensor([3, 7, 0, 9, 1, 5, 8, 2, 6, 4])[y]
    m = tl.mlp(64, [128], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.02, momentum=0.9)
    g = torch.Generator().manual_seed(50)
    lines = ["step,loss"]
    for step in range(1, 3001):
        idx = torch.randint(0, len(x), (32,), generator=g)
        loss = F.cross_entropy(m(x[idx]), (y if step <= 1500 else permuted)[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        lines.append(f"{step},{loss.item():.4g}")
    write_lines(d, "metrics.csv", lines, "p50_label_permute_csv")


@run
def p51_stuck_at_chance_keras(d):
    """An MLP 20-128-128-10 (ReLU) on a tanh teacher's labels (20 Gaussian inputs, 3,000 to train
    and 1,000 held out, 20% of labels redrawn, seed 6), SGD 0.2 with momentum 0.9, batches of 16,
    12 epochs, the LR cut x0.1 for the last four: too high an LR from the start, the net never
    leaves chance (ln 10 = 2.30) and the cut changes nothing. Keras CSVLogger columns."""
    tl.setup(6)
    g = torch.Generator().manual_seed(6)
    w1, w2 = torch.randn(20, 64, generator=g) / math.sqrt(20), torch.randn(64, 10, generator=g) / 8.0
    x = torch.randn(4000, 20, generator=g)
    y = (torch.tanh(x @ w1) @ w2 * 3).argmax(1)
    flip = torch.rand(4000, generator=g) < 0.2
    y[flip] = torch.randint(0, 10, (int(flip.sum()),), generator=g)
    xtr, ytr, xva, yva = x[:3000], y[:3000], x[3000:], y[3000:]
    m = tl.mlp(20, [128, 128], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.2, momentum=0.9)
    g = torch.Generator().manual_seed(0)
    lines = ["epoch,accuracy,loss,lr,val_accuracy,val_loss"]
    for epoch in range(12):
        lr = 0.2 if epoch < 8 else 0.02
        for group in opt.param_groups:
            group["lr"] = lr
        perm, total, right = torch.randperm(3000, generator=g), 0.0, 0
        for i in range(0, 3000, 16):
            idx = perm[i:i + 16]
            out = m(xtr[idx])
            loss = F.cross_entropy(out, ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
            right += int((out.argmax(1) == ytr[idx]).sum())
        with torch.no_grad():
            out = m(xva)
        lines.append(f"{epoch},{right / 3000:.4f},{total / 3000:.4f},{lr},"
                     f"{(out.argmax(1) == yva).float().mean().item():.4f},{F.cross_entropy(out, yva).item():.4f}")
    write_lines(d, "training.log", lines, "p51_stuck_at_chance_keras")


@run
def p52_recall_transformer_text(d):
    """A 2-layer causal transformer (width 32, 4 heads, pre-norm) on associative recall: 8 key/value
    pairs from 24 keys and 16 values, then a key; the answer is its value. Adam 1e-3 constant,
    batches of 64, 2,000 updates. The loss slides from ln 16 = 2.77 to ~1.7 over 900 updates, falls
    x20 in the next ~200 as the model finds the lookup, then goes on down to ~0.001. Printed
    nanoGPT-style ("iter N: loss X, time Yms, mfu Z%"), with "step N: train loss, val loss, val acc"
    on 1,024 held-out queries every 50 updates."""
    import torch.nn as nn

    tl.setup(0)
    nk, nv, n_pairs = 24, 16, 8

    class Recall(nn.Module):
        def __init__(self, width=32, layers=2):
            super().__init__()
            self.emb = nn.Embedding(nk + nv, width)
            self.pos = nn.Parameter(torch.randn(2 * n_pairs + 1, width) * 0.02)
            layer = nn.TransformerEncoderLayer(width, 4, 4 * width, dropout=0.0, batch_first=True, norm_first=True)
            self.enc = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
            self.out = nn.Linear(width, nv)

        def forward(self, x):
            mask = nn.Transformer.generate_square_subsequent_mask(x.shape[1])
            return self.out(self.enc(self.emb(x) + self.pos[:x.shape[1]], mask=mask, is_causal=True)[:, -1])

    def batch(g, size):
        keys = torch.stack([torch.randperm(nk, generator=g)[:n_pairs] for _ in range(size)])
        vals = torch.randint(0, nv, (size, n_pairs), generator=g) + nk
        q = torch.randint(0, n_pairs, (size,), generator=g)
        pairs = torch.stack([keys, vals], 2).reshape(size, 2 * n_pairs)
        x = torch.cat([pairs, keys[torch.arange(size), q][:, None]], 1)
        return x, vals[torch.arange(size), q] - nk

    m = Recall()
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(1)
    xe, ye = batch(torch.Generator().manual_seed(99), 1024)
    lines = ["Overriding config with config/train_recall.py:", "number of parameters: 0.03M"]
    last = None
    for step in range(0, 2001):
        if step % 50 == 0:
            with torch.no_grad():
                out = m(xe)
            val = F.cross_entropy(out, ye).item()
            lines.append(f"step {step}: train loss {last if step else val:.4f}, val loss {val:.4f}, "
                         f"val acc {(out.argmax(1) == ye).float().mean().item():.4f}")
        if step == 2000:
            break
        x, y = batch(g, 64)
        loss = F.cross_entropy(m(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        last = loss.item()
        lines.append(f"iter {step}: loss {last:.4f}, time {31.0 + (step % 7) * 0.37:.2f}ms, mfu 0.01%")
    write_lines(d, "train.log", lines, "p52_recall_transformer_text")


@run
def p53_catapult_gd_csv(d):
    """Full-batch gradient descent on squared error, a ReLU MLP 64-512-512-10 on sklearn's first 512
    digits (pixels /16, centred, one-hot targets), 300 steps at LR = 3 / the initial sharpness (the
    top Hessian eigenvalue by 20 power iterations): past 2 / sharpness, so the loss is thrown up
    x3.9 at step 10 (a catapult) and comes down under where it left by step 12 as the net moves to
    a flatter region, and once more, x2.9, at steps 19-22. A CSV of the step, LR and loss."""
    from sklearn.datasets import load_digits

    xn, yn = load_digits(return_X_y=True)
    tl.setup(0)
    x = torch.tensor(xn[:512] / 16.0, dtype=torch.float32)
    x = x - x.mean(0)
    y = F.one_hot(torch.tensor(yn[:512]), 10).float()
    m = tl.mlp(64, [512, 512], 10)
    params = list(m.parameters())

    def loss_fn():
        return ((m(x) - y) ** 2).sum(1).mean() / 2

    g = torch.Generator().manual_seed(0)
    v = [torch.randn(p.shape, generator=g) for p in params]
    for _ in range(20):  # power iteration on Hessian-vector products
        norm = torch.sqrt(sum((q * q).sum() for q in v))
        v = [q / norm for q in v]
        grads = torch.autograd.grad(loss_fn(), params, create_graph=True)
        hv = torch.autograd.grad(sum((q * b).sum() for q, b in zip(grads, v)), params)
        sharpness = sum((q * b).sum() for q, b in zip(hv, v)).item()
        v = [h.detach() for h in hv]
    lr = 3.0 / sharpness
    lines = ["step,lr,train_loss"]
    for step in range(300):
        loss = loss_fn()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, q in zip(params, grads):
                p -= lr * q
        lines.append(f"{step},{lr:.6g},{loss.item():.6g}")
    write_lines(d, "metrics.csv", lines, "p53_catapult_gd_csv")


@run
def p54_label_smoothing_on_csv(d):
    """An MLP 64-128-128-10 on 80% of sklearn's digits, Adam 1e-3 constant, batches of 32 drawn at random,
    1,350 updates; label smoothing 0.2 switched on from update 701 (the loss logged is the smoothed
    one). Logged as a Trainer logs it: the mean of every 10 updates, to 4 decimals, with the LR. The
    loss falls 0.15 -> 0.05 over updates 300-700, then is thrown x40 in one print and settles near
    0.95, the smoothed objective's floor."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    tl.setup(23)
    xn, yn = load_digits(return_X_y=True)
    xn, _, yn, _ = train_test_split(xn / 16.0, yn, test_size=0.2, random_state=23, stratify=yn)
    xtr, ytr = torch.tensor(xn, dtype=torch.float32), torch.tensor(yn)
    m = tl.mlp(64, [128, 128], 10)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(23)
    lines, window = ["step,learning_rate,loss"], []
    for step in range(1, 1351):
        idx = torch.randint(0, len(xtr), (32,), generator=g)
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx], label_smoothing=0.0 if step <= 700 else 0.2)
        opt.zero_grad()
        loss.backward()
        opt.step()
        window.append(loss.item())
        if step % 10 == 0:
            lines.append(f"{step},0.001,{round(sum(window) / len(window), 4)}")
            window = []
    write_lines(d, "metrics.csv", lines, "p54_label_smoothing_on_csv")


@run
def p55_weight_decay_on_keras(d):
    """An MLP 20-128-128-4 on sklearn's make_classification (4,000 points, 20 features, 4 classes,
    class_sep 0.8, 5% of labels flipped, seed 11; 80% to train), SGD 0.05 with momentum 0.9, batches
    of 64, 80 epochs at a constant LR; weight decay 0.01 switched on from epoch 40. The training loss,
    memorised down to 0.004, climbs to a flat 0.5 while the held-out loss halves (1.25 -> 0.6) and the
    held-out accuracy holds at 0.80. Keras CSVLogger columns, 6 significant digits."""
    tl.setup(11)
    x, y = four_classes(11, flip_y=0.05)
    xtr, ytr, xva, yva = x[:3200], y[:3200], x[3200:], y[3200:]
    m = tl.mlp(20, [128, 128], 4)
    opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
    g = torch.Generator().manual_seed(11)
    lines = ["epoch,accuracy,learning_rate,loss,val_accuracy,val_loss"]
    for epoch in range(80):
        for group in opt.param_groups:
            group["weight_decay"] = 0.0 if epoch < 40 else 0.01
        perm, losses, right = torch.randperm(3200, generator=g), [], []
        for i in range(0, 3200, 64):
            idx = perm[i:i + 64]
            out = m(xtr[idx])
            loss = F.cross_entropy(out, ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
            right.append((out.argmax(1) == ytr[idx]).float().mean().item())
        with torch.no_grad():
            out = m(xva)
        lines.append(f"{epoch},{np.mean(right):.6g},0.05,{np.mean(losses):.6g},"
                     f"{(out.argmax(1) == yva).float().mean().item():.6g},{F.cross_entropy(out, yva).item():.6g}")
    write_lines(d, "training.log", lines, "p55_weight_decay_on_keras")


@run
def p56_dead_unit_csv(d):
    """An MLP 64-64-64-10 on 80% of sklearn's digits, Adam 1e-3 constant, batches of 64, 40 epochs,
    logged once an epoch: the held-out recall of class 8 (0 for two epochs, then 0.26, 0.29, 0.74 as
    the class is learned) beside the held-out mean activation of the first layer's unit 20, which dies:
    4.0e-4, 9.2e-5, 1.6e-5, 1.05e-5, 9.87e-6, then 9.80311e-06 to the end. A measurement that stalls,
    not a setting. A CSV of step, epoch, LR and the two."""
    tl.setup(21)
    xtr, xva, ytr, yva = digits_split(21)
    m = tl.mlp(64, [64, 64], 10)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(21)
    lines, step = ["step,epoch,lr,val_recall_8,act_mean/unit20"], 0
    for epoch in range(40):
        perm = torch.randperm(len(xtr), generator=g)
        for i in range(0, len(xtr), 64):
            idx = perm[i:i + 64]
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        with torch.no_grad():
            pred = m(xva).argmax(1)
            unit = m[1](m[0](xva))[:, 20].mean().item()
        recall = float(((pred == 8) & (yva == 8)).sum()) / max(float((yva == 8).sum()), 1)
        lines.append(f"{step},{epoch},0.001,{recall!r},{unit!r}")
    write_lines(d, "metrics.csv", lines, "p56_dead_unit_csv")


@run
def p57_second_task_text(d):
    """A trunk 20-128-64 (ReLU) with two heads on sklearn's make_classification (4,000 points, 20
    features, 4 classes, class_sep 0.8, 2% of labels flipped, seed 15; 80% to train): a classifier,
    and from update 500 a regression head on a target of the inputs, its squared error added to the
    loss. Adam 2e-3 constant, batches of 64 drawn at random, 1,200 updates. A text log every 5 updates
    of the total, the first task's loss and, from update 500, the second's: the total is thrown x15
    there while the first task's loss barely moves."""
    tl.setup(15)
    x, y = four_classes(15, flip_y=0.02)
    x, y = x[:3200], y[:3200]
    target = (x @ torch.randn(20, 1)).squeeze(1) * 0.5 + torch.sin(x[:, 0] * 2) * 2
    trunk = torch.nn.Sequential(torch.nn.Linear(20, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64), torch.nn.ReLU())
    head_a, head_b = torch.nn.Linear(64, 4), torch.nn.Linear(64, 1)
    opt = torch.optim.Adam([*trunk.parameters(), *head_a.parameters(), *head_b.parameters()], lr=2e-3)
    g = torch.Generator().manual_seed(15)
    lines = []
    for step in range(1200):
        idx = torch.randint(0, 3200, (64,), generator=g)
        h = trunk(x[idx])
        loss_a = F.cross_entropy(head_a(h), y[idx])
        loss_b = F.mse_loss(head_b(h).squeeze(1), target[idx])
        loss = loss_a + (loss_b if step >= 500 else 0.0)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 5 == 0:
            second = f" | loss_b {loss_b.item():.4f}" if step >= 500 else ""
            lines.append(f"step {step} | loss {loss.item():.4f} | loss_a {loss_a.item():.4f}{second} | lr 0.0020")
    write_lines(d, "train.log", lines, "p57_second_task_text")


@run
def p58_pruned_csv(d):
    """An MLP 64-64-64-10 on 80% of sklearn's digits, Adam 1e-3 constant, batches of 32 from a fresh
    permutation each pass, 1,600 updates; 70% of the weights (global magnitude) pruned at update 800
    and kept at 0. Every 10 updates the step, that update's minibatch loss and the held-out loss; the
    pruning itself is not logged. Both losses are thrown up x3-x8 at step 800 and recover over ~150
    steps."""
    tl.setup(1)
    xtr, xva, ytr, yva = digits_split(1)
    m = tl.mlp(64, [64, 64], 10)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    lines, masks, order = ["step,train_loss,val_loss"], [], shuffled_batches(len(xtr), 32, 1)
    for step in range(1, 1601):
        if step == 800:
            with torch.no_grad():
                weights = [layer.weight for layer in m if isinstance(layer, torch.nn.Linear)]
                flat = torch.cat([w.abs().flatten() for w in weights])
                cut = flat.kthvalue(int(0.7 * len(flat))).values
                for w in weights:
                    mask = (w.abs() > cut).float()
                    w.mul_(mask)
                    masks.append((w, mask))
        idx = next(order)
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            for w, mask in masks:
                w.mul_(mask)
            if step % 10 == 0:
                lines.append(f"{step},{loss.item()!r},{F.cross_entropy(m(xva), yva).item()!r}")
    write_lines(d, "metrics.csv", lines, "p58_pruned_csv")


@run
def p59_goyal_samples_csv(d):
    """An MLP 20-128-128-4 on sklearn's make_classification (4,000 points, 20 features, 4 classes,
    class_sep 0.8, 15% of labels flipped, seed 5; 80% to train), SGD with momentum 0.9 and weight decay
    1e-4, batches of 64 from a fresh permutation each pass, 60 epochs of 50 updates: LR warmed up
    linearly to 0.4 over 5 epochs, cut x0.1 at epochs 30 and 50 (Goyal et al.'s recipe). Logged on the
    samples seen, every 10 updates the minibatch loss and LR, each epoch's end the held-out loss: too
    high an LR, the held-out loss rises from epoch 2 on while the training loss falls, +15% over the
    twenty epochs before the second cut and 6% more at it."""
    tl.setup(5)
    x, y = four_classes(5, flip_y=0.15)
    xtr, ytr, xva, yva = x[:3200], y[:3200], x[3200:], y[3200:]
    m = tl.mlp(20, [128, 128], 4)
    opt = torch.optim.SGD(m.parameters(), lr=0.4, momentum=0.9, weight_decay=1e-4)
    lines, order = ["step,lr,train_loss,val_loss"], shuffled_batches(3200, 64, 5)
    for update in range(3000):
        epoch = update / 50
        lr = 0.4 * min(1.0, (update + 1) / 250) * 0.1 ** ((epoch >= 30) + (epoch >= 50))
        for group in opt.param_groups:
            group["lr"] = lr
        idx = next(order)
        loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        samples = (update + 1) * 64
        train = f"{lr!r},{loss.item()!r}" if update % 10 == 0 else ","
        if (update + 1) % 50 == 0:
            with torch.no_grad():
                val = F.cross_entropy(m(xva), yva).item()
            lines.append(f"{samples},{train},{val!r}")
        elif update % 10 == 0:
            lines.append(f"{samples},{train},")
    write_lines(d, "metrics.csv", lines, "p59_goyal_samples_csv")


@run
def p60_task_switch_csv(d):
    """An MLP 64-64-64-10 on 80% of sklearn's digits, SGD 0.05 with momentum 0.9 constant, batches of 32
    drawn at random: digits 0-4 for 600 updates, then digits 5-9 for 600 more (a continual-learning
    task switch). Every 10 updates the mean loss since the last print (4 decimals, as a Trainer logs it),
    every 50 the held-out loss and accuracy on the first task's digits: the first task forgotten at the
    switch, its accuracy to 0."""
    tl.setup(8)
    xtr, xva, ytr, yva = digits_split(8)
    first, held = ytr < 5, yva < 5
    tasks = ((xtr[first], ytr[first]), (xtr[~first], ytr[~first]))
    m = tl.mlp(64, [64, 64], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
    g = torch.Generator().manual_seed(8)
    lines, window = ["step,loss,eval_task_a_loss,eval_task_a_accuracy"], []
    for step in range(1, 1201):
        x, y = tasks[step > 600]
        idx = torch.randint(0, len(x), (32,), generator=g)
        loss = F.cross_entropy(m(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        window.append(loss.item())
        if step % 10:
            continue
        mean, window, evals = round(sum(window) / len(window), 4), [], ","
        if step % 50 == 0:
            with torch.no_grad():
                out = m(xva[held])
            evals = f"{F.cross_entropy(out, yva[held]).item()!r},{(out.argmax(1) == yva[held]).float().mean().item()!r}"
        lines.append(f"{step},{mean},{evals}")
    write_lines(d, "metrics.csv", lines, "p60_task_switch_csv")


@run
def p61_regression_blowup_csv(d):
    """An MLP 10-64-64-1 (ReLU) on sklearn's make_friedman1 (3,000 points, noise 0.5, seed 9, the target
    left unscaled; 2,400 to train), squared error, SGD 0.02 with momentum 0.9, StepLR(40, 0.1), batches
    of 32 from torch's global permutation each epoch, 60 epochs. Too high an LR for the unscaled target:
    the epoch's mean loss, ~14 for 35 epochs, is thrown to 7.3e5 at epoch 36 and lands on a flat 24.5 (the
    target's variance: the net now predicts a constant). A CSV of epoch, LR and mean training loss."""
    from sklearn.datasets import make_friedman1

    tl.setup(9)
    x, y = make_friedman1(3000, 10, noise=0.5, random_state=9)
    x, y = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    xtr, ytr = x[:2400], y[:2400]
    m = torch.nn.Sequential(torch.nn.Linear(10, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(),
                            torch.nn.Linear(64, 1))
    opt = torch.optim.SGD(m.parameters(), lr=0.02, momentum=0.9)
    sch = torch.optim.lr_scheduler.StepLR(opt, 40, 0.1)
    lines = ["epoch,lr,train_loss"]
    for epoch in range(60):
        perm, total = torch.randperm(2400), 0.0
        for b in range(75):
            idx = perm[b * 32:(b + 1) * 32]
            loss = F.mse_loss(m(xtr[idx]).squeeze(1), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        lines.append(f"{epoch},{opt.param_groups[0]['lr']:g},{total / 75:.6g}")
        sch.step()
    write_lines(d, "metrics.csv", lines, "p61_regression_blowup_csv")


@run
def p62_chain_return_text(d):
    """REINFORCE on a 10-state chain with a sparse reward: each episode starts at state 0, steps right
    with the policy's p(right) (tabular logits, right's set to -1: p 0.27) or left, and ends at state 9
    or after 50 steps; its return is minus its length, -50 until the goal is first reached. 16 episodes
    an update, advantage = return minus the batch mean, Adam 0.02 constant, 400 updates, numpy's
    default_rng(24) for the rollouts. Nothing can saturate (no hidden unit): the gradient is nought
    while every rollout scores -50. A plain script's print every 5 updates: the mean return of its
    episodes and the best so far."""
    tl.setup(24)
    rng = np.random.default_rng(24)
    states, cap, eps = 10, 50, 16
    logits = torch.nn.Parameter(torch.zeros(states, 2))
    with torch.no_grad():
        logits[:, 1] = -1.0
    opt = torch.optim.Adam([logits], 0.02)
    lines, recent, best = ["Chain-10 REINFORCE, 16 episodes per update", ""], [], -999
    for it in range(1, 401):
        p = torch.softmax(logits.detach(), 1)[:, 1].numpy()
        counts, rets = np.zeros((eps, states, 2)), np.zeros(eps)
        for e in range(eps):
            s = 0
            for t in range(cap):
                a = int(rng.random() < p[s])
                counts[e, s, a] += 1
                s = min(states - 1, s + 1) if a else max(0, s - 1)
                if s == states - 1:
                    break
            rets[e] = -(t + 1)
        recent += list(rets)
        best = max(best, rets.max())
        adv = torch.tensor(rets - rets.mean(), dtype=torch.float32)
        loss = -(adv[:, None, None] * torch.tensor(counts, dtype=torch.float32)
                 * torch.log_softmax(logits, 1)[None]).sum((1, 2)).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if it % 5 == 0:
            lines.append(f"Update {it:4d} | episodes {it * eps:5d} | avg_return {np.mean(recent):.2f} | "
                         f"best_return {best:.2f} | lr 2.0e-02")
            recent = []
    write_lines(d, "train.log", lines, "p62_chain_return_text")


@run
def p63_wsd_cooldown_hf(d):
    """Warmup-stable-decay: an MLP 20-128-128-10 on the teacher task (100,000 examples, 15% of the
    labels flipped), SGD with momentum 0.9, batches of 32 drawn at random (torch generator seeded 8),
    2,000 updates; the LR rises linearly to 0.2 over 50 updates, holds there, and cools down linearly
    to 0 over the last 400 (1601-2000). The full training loss sits at ~1.5 while the LR holds and
    falls to ~1.1 in the cooldown (1.49 at the same point of the run held at 0.2). HF's
    trainer_state.json, logging every 10 updates (the interval's mean loss, rounded to 4 decimals)."""
    tl.setup(1)
    g = torch.Generator().manual_seed(8)
    xtr, ytr, _, _ = tl.teacher_task(seed=0, n_train=100000, n_val=2000, label_noise=0.15)
    model = tl.mlp(20, [128, 128], 10)

    def lr_at(s):
        return 0.2 * s / 50 if s <= 50 else 0.2 if s <= 1600 else 0.2 * (1 - (s - 1600) / 400)

    params = list(model.parameters())
    opt = torch.optim.SGD(params, lr=lr_at(1), momentum=0.9)
    tr = tl.Trace("p63_wsd_cooldown_hf")
    for s in range(1, 2001):
        for pg in opt.param_groups:
            pg["lr"] = lr_at(s)
        i = torch.randint(0, len(xtr), (32,), generator=g)
        loss = F.cross_entropy(model(xtr[i]), ytr[i])
        opt.zero_grad()
        loss.backward()
        gn = tl.grad_global_norm(params)
        opt.step()
        tr.steps.append({"step": s, "epoch": (s - 1) // 125, "epoch_float": s / 125, "lr": opt.param_groups[0]["lr"],
                         "batch_size": 32, "loss": loss.item(), "grad_norm": gn, "wall": 1.7e9 + 0.05 * s})
    tr.steps_per_epoch = [125] * 16
    cw.emit_trainer_state(tr, d, logging_steps=10)
    print(f"p63_wsd_cooldown_hf: -> {d}", flush=True)


@run
def p64_lr_ramp_blowup_csv(d):
    """An MLP 20-64-64-10 (ReLU) on the teacher task (5,000 examples), squared error on the logits, SGD
    with momentum 0.9 at 0.02 for 1,500 updates, then the LR ramped linearly to 2.0 over the next 500
    (a range test started on a trained net), batches of 32 from torch's global permutation each epoch.
    The loss climbs from ~0.13 once the LR passes ~0.14, to ~5x by the end. A CSV of the step, the LR
    and the mean loss of each 10 updates, as a plain script writes it."""
    tl.setup(3)
    xtr, ytr, _, _ = tl.teacher_task(seed=3)
    model = tl.mlp(20, [64, 64], 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
    _mean_loss_csv(d, "p64_lr_ramp_blowup_csv", opt, len(xtr), 2000,
                   lambda s: 0.02 if s <= 1500 else 0.02 + (2.0 - 0.02) * (s - 1500) / 500,
                   lambda idx: tl.mse_logits(model(xtr[idx]), ytr[idx]))


def _mean_loss_csv(d, name, opt, n, updates, lr_at, loss_of, clip=None, held_out=None):
    """``updates`` updates of ``opt`` at ``lr_at(update)`` on batches of 32 of ``n`` examples from
    ``_shuffled_batches``, the loss ``loss_of(indices)``, the gradient norm clipped at ``clip`` when given;
    a CSV of the step, the LR and the mean loss of each 10 updates, and ``held_out()`` every 100 when given
    (a column val_loss, empty between)."""
    params = [p for group in opt.param_groups for p in group["params"]]
    lines, total = ["step,lr,loss" + (",val_loss" if held_out else "")], 0.0
    for s, idx in _shuffled_batches(n, 32, updates):
        lr = lr_at(s)
        for pg in opt.param_groups:
            pg["lr"] = lr
        loss = loss_of(idx)
        opt.zero_grad()
        loss.backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_(params, clip)
        opt.step()
        total += loss.item()
        if s % 10 == 0:
            val = ""
            if held_out and s % 100 == 0:
                with torch.no_grad():
                    val = f"{held_out():.6g}"
            lines.append(f"{s},{lr:.6g},{total / 10:.6g}" + (f",{val}" if held_out else ""))
            total = 0.0
    write_lines(d, "metrics.csv", lines, name)


def _shuffled_batches(n, size, updates):
    """(update, indices) for ``updates`` updates of ``size`` examples of ``n``, a fresh permutation from
    torch's global generator each epoch (its last partial batch dropped)."""
    s = 0
    while True:
        perm = torch.randperm(n)
        for b in range(n // size):
            s += 1
            yield s, perm[b * size:(b + 1) * size]
            if s == updates:
                return


@run
def p65_lr_blip_evals_csv(d):
    """``_lr_blip_run`` with the blip at updates 2,501-2,520."""
    _lr_blip_run(d, 2501, "p65_lr_blip_evals_csv")


@run
def p66_lr_blip_late_csv(d):
    """``_lr_blip_run`` with the blip at updates 2,801-2,820: two evaluations after the throw before the end."""
    _lr_blip_run(d, 2801, "p66_lr_blip_late_csv")


def _lr_blip_run(d, start, name):
    """An MLP 20-128-128-10 (ReLU) on the teacher task (5,000 examples, 2,000 held out), cross-entropy,
    SGD with momentum 0.9 at 0.05 for 3,000 updates, except 0.5 for 20 updates from ``start`` (a mistyped
    LR undone), batches of 32 from torch's global permutation each epoch. The held-out
    loss, evaluated every 100 updates, is thrown up x2 at the blip and still coming back when the run ends.
    A CSV of the step, the LR, the mean training loss of each 10 updates and, every 100, val_loss."""
    tl.setup(5)
    xtr, ytr, xva, yva = tl.teacher_task(seed=5)
    model = tl.mlp(20, [128, 128], 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    _mean_loss_csv(d, name, opt, len(xtr), 3000, lambda s: 0.5 if start <= s < start + 20 else 0.05,
                   lambda idx: F.cross_entropy(model(xtr[idx]), ytr[idx]),
                   held_out=lambda: F.cross_entropy(model(xva), yva).item())


@run
def p67_lr_blip_sparse_evals_csv(d):
    """An MLP 20-32-10 (ReLU) on the teacher task (4,000 examples, 10% of the labels flipped, 2,000 held
    out), cross-entropy, plain SGD at 0.05 with batches of 16 (a torch generator seeded 100), 80,000
    updates: two corrupted batches (inputs x30, labels shuffled) at updates 30,000 and 55,000, and the LR
    mistyped as 3.0 for updates 75,000-75,004. The held-out loss, every 2,000 updates, goes 0.57 -> 1.00
    at the blip and is at 0.64 when the run ends. A CSV of every update's step, LR and loss, with
    val_loss every 2,000."""
    tl.setup(0)
    xtr, ytr, xva, yva = tl.teacher_task(seed=0, n_train=4000, n_val=2000, d=20, classes=10, label_noise=0.1)
    model = tl.mlp(20, [32], 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    g = torch.Generator().manual_seed(100)
    perm, pos = torch.randperm(len(xtr), generator=g), 0
    lines = ["step,lr,train_loss,val_loss"]
    for step in range(1, 80001):
        lr = 3.0 if 75000 <= step <= 75004 else 0.05
        for group in opt.param_groups:
            group["lr"] = lr
        if pos + 16 > len(xtr):
            perm, pos = torch.randperm(len(xtr), generator=g), 0
        idx = perm[pos:pos + 16]
        pos += 16
        xb, yb = xtr[idx], ytr[idx]
        if step in (30000, 55000):
            xb, yb = xb * 30.0, torch.randint(0, 10, (16,), generator=g)
        loss = F.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        val = ""
        if step % 2000 == 0:
            with torch.no_grad():
                val = repr(F.cross_entropy(model(xva), yva).item())
        lines.append(f"{step},{lr!r},{loss.item()!r},{val}")
    write_lines(d, "metrics.csv", lines, "p67_lr_blip_sparse_evals_csv")


@run
def p68_bad_batch_csv(d):
    """``p67_lr_blip_sparse_evals_csv``'s net, data and SGD for 8,000 updates at 0.05, one corrupted batch
    (inputs x30, labels shuffled) at update 5,000, which throws the loss x116 and leaves a tail of a few
    hundred updates. A CSV of every update's loss to four significant digits."""
    tl.setup(0)
    xtr, ytr, _, _ = tl.teacher_task(seed=0, n_train=4000, n_val=2000, d=20, classes=10, label_noise=0.1)
    model = tl.mlp(20, [32], 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    g = torch.Generator().manual_seed(100)
    perm, pos = torch.randperm(len(xtr), generator=g), 0
    lines = ["step,train_loss"]
    for step in range(1, 8001):
        if pos + 16 > len(xtr):
            perm, pos = torch.randperm(len(xtr), generator=g), 0
        idx = perm[pos:pos + 16]
        pos += 16
        xb, yb = xtr[idx], ytr[idx]
        if step == 5000:
            xb, yb = xb * 30.0, torch.randint(0, 10, (16,), generator=g)
        loss = F.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        lines.append(f"{step},{loss.item():.4g}")
    write_lines(d, "metrics.csv", lines, "p68_bad_batch_csv")


@run
def p69_lr_raise_undone_csv(d):
    """An MLP 20-128-128-1 (tanh) regressing a tanh teacher (4,000 examples, noise 0.3), squared error, SGD
    with momentum 0.9 and the gradient norm clipped at 4, batches of 32 from torch's global permutation each
    epoch: LR 0.01 for updates 1-600, 0.2 for 601-900 (raised x20 by mistake), 0.01 again from 901 to 1,500.
    The loss is thrown up x17 at the raise, comes down at 901 and ends ~4x its best. A CSV of the step, the
    LR and the mean loss of each 10 updates."""
    tl.setup(0)
    g = torch.Generator().manual_seed(5)
    x = torch.randn(4000, 20, generator=g)
    y = torch.tanh(x @ (torch.randn(20, 32, generator=g) / 20 ** 0.5)) @ torch.randn(32, 1, generator=g)
    y = y + 0.3 * torch.randn(4000, 1, generator=g)
    model = tl.mlp(20, [128, 128], 1, act="tanh")
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    _mean_loss_csv(d, "p69_lr_raise_undone_csv", opt, len(x), 1500, lambda s: 0.2 if 601 <= s <= 900 else 0.01,
                   lambda idx: F.mse_loss(model(x[idx]), y[idx]), clip=4.0)


@run
def p70_adam_spike_noisy_digits_csv(d):
    """An MLP 64-512-512-10 (ReLU) on sklearn's digits (70/30 stratified split, 20% of the training labels
    moved to another class), Adam at 1e-3, batches of 64, 300 epochs. Long past fitting the noisy labels
    Adam throws the training loss up ~x400 at one epoch (its second-moment estimate decayed on near-zero
    gradients); the test loss jumps x1.6 with it and settles ~10% below where it was. A CSV per epoch:
    the mean training loss of the epoch, the test loss and accuracy after it."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    tl.setup(0)
    np.random.seed(0)
    x, y = load_digits(return_X_y=True)
    xtr, xte, ytr, yte = train_test_split(x / 16.0, y, test_size=0.3, random_state=0, stratify=y)
    rng = np.random.RandomState(100)
    flip = rng.rand(len(ytr)) < 0.2
    ytr = ytr.copy()
    ytr[flip] = (ytr[flip] + rng.randint(1, 10, flip.sum())) % 10
    xtr, xte = torch.tensor(xtr, dtype=torch.float32), torch.tensor(xte, dtype=torch.float32)
    ytr, yte = torch.tensor(ytr), torch.tensor(yte)
    model = tl.mlp(64, [512, 512], 10)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(0)
    lines = ["epoch,train_loss,test_loss,test_acc"]
    for epoch in range(1, 301):
        perm, losses = torch.randperm(len(xtr), generator=g), []
        for i in range(0, len(xtr) - 63, 64):
            idx = perm[i:i + 64]
            loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        test_loss, test_acc = tl.eval_classifier(model, xte, yte)
        lines.append(f"{epoch},{np.mean(losses):.6g},{test_loss:.6g},{test_acc:.6g}")
    write_lines(d, "metrics.csv", lines, "p70_adam_spike_noisy_digits_csv")


class _CopyTransformer(torch.nn.Module):
    """A 2-layer pre-norm causal transformer (width 48, 4 heads) over a vocabulary of V symbols and a separator."""

    def __init__(self, V, T, d=48):
        super().__init__()
        self.emb, self.pos = torch.nn.Embedding(V + 1, d), torch.nn.Embedding(T, d)
        layer = torch.nn.TransformerEncoderLayer(d, 4, 4 * d, 0.0, batch_first=True, norm_first=True)
        self.enc = torch.nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
        self.out = torch.nn.Linear(d, V + 1)
        self.register_buffer("mask", torch.nn.Transformer.generate_square_subsequent_mask(T))

    def forward(self, x):
        h = self.emb(x) + self.pos(torch.arange(x.shape[1]))
        return self.out(self.enc(h, mask=self.mask[:x.shape[1], :x.shape[1]], is_causal=True))


@run
def p71_copy_escape_hf(d):
    """The copy task (24 random symbols of 64, a separator, the 24 again; the loss over the whole sequence, its
    first half irreducible) on ``_CopyTransformer``, AdamW at a peak of 6e-4, Hugging Face's default schedule:
    linear warmup over 100 updates, linear decay to 0 at 2,400, the gradient norm clipped at 1, batches of 32.
    The loss sits at ~4.07 from update ~120 to ~550, then falls to ~2.0 by 800 as copy accuracy goes 0.17 ->
    0.998 (an induction-head escape); the LR only eases (x0.7 over the plateau and the fall). trainer_state.json
    as the Trainer writes it: every 10 updates the mean loss since the last log (4 decimals) and the next
    update's LR; every 200 the held-out loss and copy accuracy on 256 fixed sequences."""
    torch.manual_seed(0)
    V, L, B, total = 64, 24, 32, 2400
    model = _CopyTransformer(V, 2 * L + 1)
    opt = torch.optim.AdamW(model.parameters(), lr=6e-4, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / 100 if s < 100 else max(0.0, (total - s) / (total - 100)))
    g, ge = torch.Generator().manual_seed(1), torch.Generator().manual_seed(999)

    def batch(gen, n):
        a = torch.randint(0, V, (n, L), generator=gen)
        x = torch.cat([a, torch.full((n, 1), V), a], 1)
        return x[:, :-1], x[:, 1:]

    ex, ey = batch(ge, 256)
    history, total_loss = [], 0.0
    for s in range(1, total + 1):
        x, y = batch(g, B)
        loss = F.cross_entropy(model(x).reshape(-1, V + 1), y.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        total_loss += loss.item()
        if s % 10 == 0:
            history.append({"epoch": s / 200, "learning_rate": sched.get_last_lr()[0],
                            "loss": round(total_loss / 10, 4), "step": s})
            total_loss = 0.0
        if s % 200 == 0:
            with torch.no_grad():
                out = model(ex)
            accuracy = (out[:, L:].argmax(-1) == ey[:, L:]).float().mean().item()
            history.append({"epoch": s / 200, "eval_accuracy": accuracy,
                            "eval_loss": F.cross_entropy(out.reshape(-1, V + 1), ey.reshape(-1)).item(), "step": s})
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "trainer_state.json"), "w") as f:
        json.dump({"global_step": total, "log_history": history, "logging_steps": 10, "max_steps": total}, f, indent=2)
    print(f"p71_copy_escape_hf: -> {d}/trainer_state.json", flush=True)

@run
def p72_eval_bump_at_decay_csv(d, seed=7):
    """MLP 64-64-10 on digits (1,400 train with 20% of labels redrawn, 397 held out), SGD 0.1, x0.1 from
    update 1501 of 2500, batch 32; the held-out loss and accuracy of the raw weights every 50 updates.
    The held-out loss stands near 0.41 from update 1000 on, bumps to 0.434 over the three evaluations
    before the decay and is back at 0.42 after it: no drop (the full training-set loss 0.526 -> 0.511)."""
    from sklearn.datasets import load_digits

    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    data = load_digits()
    x, y = data.data.astype(np.float32) / 16.0, data.target
    rng = np.random.RandomState(seed)
    p = rng.permutation(len(y))
    x, y = x[p], y[p]
    x = (x - x[:1400].mean(0)) / (x[:1400].std(0) + 1e-3)
    xtr, ytr = torch.tensor(x[:1400]), torch.tensor(y[:1400], dtype=torch.long)
    xv, yv = torch.tensor(x[1400:]), torch.tensor(y[1400:], dtype=torch.long)
    rng = np.random.RandomState(seed)
    flip = rng.rand(len(ytr)) < 0.2
    ytr[torch.tensor(flip)] = torch.tensor(rng.randint(0, 10, flip.sum()))
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)

    def batches():
        while True:
            order = torch.randperm(len(ytr), generator=g)
            for i in range(0, len(ytr) - 31, 32):
                yield order[i:i + 32]

    it, rows = batches(), ["step,eval_loss,eval_acc,lr"]
    for s in range(1, 2501):
        if s == 1501:
            opt.param_groups[0]["lr"] = 0.01
        idx = next(it)
        loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if s % 50 == 0:
            with torch.no_grad():
                out = model(xv)
            rows.append(f"{s},{F.cross_entropy(out, yv).item():.4f},{(out.argmax(1) == yv).float().mean().item():.4f},"
                        f"{opt.param_groups[0]['lr']:g}")
    write_lines(d, "metrics.csv", rows, "p72_eval_bump_at_decay_csv")


@run
def p73_clip_off_csv(d):
    """An MLP 20-128-128-1 regressing a tanh teacher (2,000 examples, 1% of inputs scaled x15), SGD 0.02
    momentum 0.9, batch 32, gradients clipped to norm 1 until update 1999 and not from 2000: the loss
    is thrown to 1738 at update 2050 and stays near 3.3 to the end (4,000). Loss, gradient norm and LR
    every 10 updates."""
    tl.setup(8)
    g = torch.Generator().manual_seed(8)
    x = torch.randn(2500, 20, generator=g)
    w1, w2 = torch.randn(20, 32, generator=g) / math.sqrt(20), torch.randn(32, 1, generator=g) / math.sqrt(32)
    y = (torch.tanh(x @ w1) @ w2 * 3 + 0.1 * torch.randn(2500, 1, generator=g))[:2000]
    x = x[:2000].clone()
    x[torch.rand(2000, generator=torch.Generator().manual_seed(80)) < 0.01] *= 15
    model = torch.nn.Sequential(torch.nn.Linear(20, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 1))
    opt = torch.optim.SGD(model.parameters(), 0.02, momentum=0.9)
    rng = np.random.RandomState(8)

    def batches():
        while True:
            order = rng.permutation(2000)
            for i in range(0, 2000 - 31, 32):
                yield order[i:i + 32]

    it, rows = batches(), ["step,loss,grad_norm,lr"]
    for s in range(1, 4001):
        idx = next(it)
        loss = F.mse_loss(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0 if s < 2000 else float("inf")).item()
        opt.step()
        if s % 10 == 0:
            rows.append(f"{s},{loss.item():.6g},{norm:.5g},0.02")
    write_lines(d, "metrics.csv", rows, "p73_clip_off_csv")


@run
def p74_mixup_off_keras(d):
    """An MLP 64-128-128-10 on sklearn's digits (1,400 to train, the rest held out), Adam 1e-3 throughout,
    batch 32, mixup (alpha 0.4) until epoch 19 and none from epoch 20: the training loss, mixed targets'
    until then, falls x8 at epoch 20 and the held-out loss -30%, at a constant LR that the log does not
    hold. Keras CSVLogger's columns, epochs from 0."""
    from sklearn.datasets import load_digits

    tl.setup(14)
    x, y = load_digits(return_X_y=True)
    order = np.random.RandomState(7).permutation(len(x))
    x = torch.tensor((x[order] / 16.0 - 0.5) / 0.5, dtype=torch.float32)
    y = torch.tensor(y[order])
    xtr, ytr, xva, yva = x[:1400], y[:1400], x[1400:], y[1400:]
    model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    gen, mix = torch.Generator().manual_seed(0), np.random.RandomState(14)
    rows = ["epoch,loss,val_loss"]
    for epoch in range(37):
        perm, total = torch.randperm(1400, generator=gen), 0.0
        for i in range(0, 1400, 32):
            idx = perm[i:i + 32]
            if epoch < 20:
                lam, other = float(mix.beta(0.4, 0.4)), torch.randperm(len(idx), generator=gen)
                out = model(lam * xtr[idx] + (1 - lam) * xtr[idx][other])
                loss = lam * F.cross_entropy(out, ytr[idx]) + (1 - lam) * F.cross_entropy(out, ytr[idx][other])
            else:
                loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        with torch.no_grad():
            rows.append(f"{epoch},{total / 1400:.4f},{F.cross_entropy(model(xva), yva).item():.4f}")
    write_lines(d, "history.csv", rows, "p74_mixup_off_keras")


@run
def p75_vae_kl_on_csv(d):
    """A VAE on sklearn's digits (encoder 64-128-16, decoder 8-128-64), Adam 1e-3, batch 64, its KL term
    weighted 0 until update 1004 and 1 from 1005: the KL, logged as the mean of the last 10 updates' values,
    stands near 48 to the print at 999, half of the next print's updates are weighted (42.9 at 1009), and it
    is under 0.3 two prints later. Lightning's CSVLogger rows (step from 0)."""
    tl.setup(0)
    xtr = tl.digits()[0]
    enc, dec = tl.mlp(64, [128], 16), tl.mlp(8, [128], 64)
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), 1e-3)
    gen = torch.Generator().manual_seed(0)
    rows, kls, order = ["step,train_kl"], [], torch.randperm(len(xtr), generator=gen)
    at = 0
    for step in range(2000):
        if at + 64 > len(xtr):
            order, at = torch.randperm(len(xtr), generator=gen), 0
        x = xtr[order[at:at + 64]]
        at += 64
        mu, log_var = enc(x).chunk(2, dim=1)
        z = mu + torch.randn_like(mu) * (0.5 * log_var).exp()
        kl = (-0.5 * (1 + log_var - mu ** 2 - log_var.exp()).sum(1)).mean()
        loss = ((dec(z) - x) ** 2).sum(1).mean() + (0.0 if step < 1005 else 1.0) * kl
        opt.zero_grad()
        loss.backward()
        opt.step()
        kls.append(kl.item())
        if (step + 1) % 10 == 0:
            rows.append(f"{step},{np.mean(kls):.6g}")
            kls = []
    write_lines(d, "metrics.csv", rows, "p75_vae_kl_on_csv")


@run
def p76_charlm_warmup_text(d):
    """An MLP language model (embedding 16, context 6, hidden 128) on an order-2 Markov source over 12
    symbols, AdamW 3e-3 (weight decay 0.01) after a linear warmup over updates 1-250, batch 64, one
    batch's loss printed every 10 updates as `iter N: loss X, lr Y`: a fall that speeds up once the
    warmup ends and slows again, no break in it."""
    tl.setup(7)
    g, r = torch.Generator().manual_seed(7), np.random.RandomState(7)
    source = r.dirichlet(np.ones(12) * 0.2, size=(12, 12))
    s = [0, 1]
    for _ in range(60000):
        s.append(r.choice(12, p=source[s[-2], s[-1]]))
    s = np.array(s)
    xs = torch.tensor(np.stack([s[i:i + 6] for i in range(len(s) - 6)])[:50000])
    ys = torch.tensor(s[6:][:50000])
    model = torch.nn.Sequential(torch.nn.Embedding(12, 16), torch.nn.Flatten(), torch.nn.Linear(96, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 12))
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)

    def batches():
        while True:
            p = torch.randperm(45000, generator=g)
            for k in range(0, 45000 - 63, 64):
                yield p[k:k + 64]

    it, lines = batches(), ["Starting training...", "vocab 12 ctx 6"]
    for step in range(1, 2501):
        lr = 3e-3 * min(1.0, step / 250)
        for group in opt.param_groups:
            group["lr"] = lr
        idx = next(it)
        loss = F.cross_entropy(model(xs[idx]), ys[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            lines.append(f"iter {step}: loss {loss.item():.4f}, lr {lr:.2e}")
    write_lines(d, "train.log", lines, "p76_charlm_warmup_text")


@run
def p77_dropout_on_lightning(d):
    """An MLP 64-256-256-10 on sklearn's digits (1,400 to train, pixels /16), Adam 1e-3, batch 32, dropout
    0 until epoch 11 and 0.6 from epoch 12 (update 516): the training loss, logged every 10 updates, jumps
    x8 as the held-out loss, worse at its first evaluation after, is at a new best two epochs later and
    ends 16% under its best before. Lightning's CSVLogger rows (step from 0)."""
    from sklearn.datasets import load_digits

    tl.setup(4)
    g = torch.Generator().manual_seed(4)
    x, y = load_digits(return_X_y=True)
    order = np.random.RandomState(4).permutation(len(x))
    x, y = torch.tensor(x[order] / 16.0, dtype=torch.float32), torch.tensor(y[order])
    xtr, ytr, xva, yva = x[:1400], y[:1400], x[1400:], y[1400:]
    drop = torch.nn.Dropout(0.0)
    model = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), drop, torch.nn.Linear(256, 256),
                                torch.nn.ReLU(), drop, torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    rows, step = ["epoch,step,train_loss,val_loss"], 0
    for epoch in range(25):
        if epoch == 12:
            drop.p = 0.6
        perm = torch.randperm(1400, generator=g)
        for k in range(1400 // 32):
            idx = perm[k * 32:(k + 1) * 32]
            loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            if (step + 1) % 10 == 0:
                rows.append(f"{epoch},{step},{loss.item():.6g},")
            step += 1
        model.eval()
        with torch.no_grad():
            rows.append(f"{epoch},{step - 1},,{F.cross_entropy(model(xva), yva).item():.6g}")
        model.train()
    write_lines(d, "metrics.csv", rows, "p77_dropout_on_lightning")


@run
def p78_warmup_held_too_high_csv(d):
    """p27's teacher MLP and warmup, the LR then held at 1.0 to update 1500 rather than annealed: the net
    learns in its first hundred updates, is wrecked as the LR climbs, and sits at chance to the end
    at the LR that wrecked it. CSV every 10 updates: the minibatch loss and the LR; the held-out
    accuracy every 50."""
    _teacher_warmup(d, "p78_warmup_held_too_high_csv", 1500, lambda step: min(step / 400, 1.0))


@run
def p79_tutorial_console_text(d):
    """The PyTorch CIFAR tutorial's loop on sklearn's digits: an MLP 64-64-10, SGD 0.01 momentum 0.9,
    batches of 8, 8 epochs, its print every 20 batches of the running loss ``[epoch, batch] loss: x``, a
    banner of the settings above them and the held-out accuracy after each epoch, as the script prints."""
    tl.setup(5)
    xtr, ytr, xval, yval = tl.digits(5)
    m = tl.mlp(64, [64], 10)
    opt = torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9)
    g = torch.Generator().manual_seed(5)
    lines = ["epoch = 8 lr = 0.01 batchsize=  8", "Start Training"]
    for epoch in range(8):
        running = 0.0
        perm = torch.randperm(len(xtr), generator=g)
        for i in range(len(xtr) // 8):
            idx = perm[i * 8:(i + 1) * 8]
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
            if i % 20 == 19:
                lines.append(f"[{epoch + 1}, {i + 1:5d}] loss: {running / 20:.6f}")
                running = 0.0
        with torch.no_grad():
            acc = (m(xval).argmax(1) == yval).float().mean().item()
        lines.append(f"Accuracy of the network on the {len(yval)} test images: {100 * acc:.0f} %")
    lines.append("Finished Training")
    write_lines(d, "train.log", lines, "p79_tutorial_console_text")


@run
def p80_catapult_two_layer_csv(d):
    """Full-batch gradient descent on squared error, a two-layer ReLU net of width 512 in the NTK
    scaling on 64 random points of a smooth target, 400 steps at LR = 1.4 x 2 / the initial sharpness
    (30 power iterations): the loss is thrown up x75 over steps 2-7 (a catapult), is back under where
    it left by step 10 and converges below the small-LR run's level. A CSV of the step, loss and LR."""
    torch.manual_seed(7)
    n, dim, width = 64, 10, 512
    x = torch.randn(n, dim)
    y = torch.sin(x[:, 0] * 2) + 0.5 * x[:, 1]
    w = torch.randn(width, dim, requires_grad=True)
    v = torch.randn(width, requires_grad=True)
    params = [w, v]

    def loss_fn():
        f = (torch.relu(x @ w.t() / math.sqrt(dim)) @ v) / math.sqrt(width)
        return 0.5 * ((f - y) ** 2).mean()

    vec = [torch.randn_like(p) for p in params]
    sharpness = 0.0
    for _ in range(30):  # power iteration on Hessian-vector products
        norm = math.sqrt(sum((u ** 2).sum().item() for u in vec))
        vec = [u / norm for u in vec]
        grads = torch.autograd.grad(loss_fn(), params, create_graph=True)
        hv = torch.autograd.grad(sum((a * b).sum() for a, b in zip(grads, vec)), params)
        sharpness = sum((a * b).sum().item() for a, b in zip(hv, vec))
        vec = [h.detach() for h in hv]
    lr = 1.4 * 2.0 / sharpness
    lines = ["step,loss,lr"]
    for step in range(400):
        loss = loss_fn()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p -= lr * g
        lines.append(f"{step},{loss.item():.6f},{lr:.6g}")
    write_lines(d, "train_log.csv", lines, "p80_catapult_two_layer_csv")


@run
def p82_resume_lost_scheduler_csv(d):
    """An MLP 20-64-64-5 on a teacher task, SGD 0.1 momentum 0.9, StepLR x0.1 every 800 updates, batches
    of 32. It stops after update 1399; resumed from its checkpoint at 1200 with the model and optimiser
    restored but a new scheduler, the LR is 0.1 again from 1200 (x0.1 at 2000 on the new scheduler's
    count). The CSV a logger appends to: step, the loss's mean over the last 10 updates and the LR, every
    10 updates, the second attempt's rows after the first's."""
    g = torch.Generator().manual_seed(61)
    x = torch.randn(4000, 20, generator=g)
    w1, w2 = torch.randn(20, 32, generator=g), torch.randn(32, 5, generator=g)
    y = (torch.tanh(x @ w1 / math.sqrt(20)) @ w2).argmax(1)[:3000]
    x = x[:3000]
    torch.manual_seed(62)
    model = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(),
                                torch.nn.Linear(64, 5))
    g = torch.Generator().manual_seed(63)
    lines = ["step,loss,lr"]

    def train(opt, sched, steps, keep_at=None):
        kept, window = None, []
        for step in steps:
            if step == keep_at:
                kept = ({k: v.clone() for k, v in model.state_dict().items()}, copy.deepcopy(opt.state_dict()))
            idx = torch.randint(0, 3000, (32,), generator=g)
            loss = F.cross_entropy(model(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            lr = opt.param_groups[0]["lr"]
            opt.step()
            sched.step()
            window.append(loss.item())
            if step % 10 == 9:
                lines.append(f"{step},{sum(window) / len(window):.6g},{lr:.6g}")
                window = []
        return kept

    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    weights, state = train(opt, torch.optim.lr_scheduler.StepLR(opt, step_size=800, gamma=0.1), range(1400), 1200)
    model.load_state_dict(weights)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    opt.load_state_dict(state)
    for group in opt.param_groups:
        group["lr"] = group["initial_lr"] = 0.1
    train(opt, torch.optim.lr_scheduler.StepLR(opt, step_size=800, gamma=0.1), range(1200, 2400))
    write_lines(d, "metrics.csv", lines, "p82_resume_lost_scheduler_csv")


@run
def p83_noam_reverse_csv(d):
    """A two-layer transformer reversing 10 tokens of 12, Adam (betas 0.9, 0.98) on the inverse-square-root
    schedule of "Attention is all you need" (warmup to step 250), 1,500 updates of 64 sequences. It sits near
    ln 12 until about 140, escapes within 50 steps, and at a loss near 1e-5 is thrown up x58 at step 1208 (an
    Adam slingshot), staying some x20 above its best to the end."""
    from torch import nn

    vocab, length, width, warm = 12, 10, 48, 250

    class TinyXf(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb, self.pos = nn.Embedding(vocab, width), nn.Parameter(torch.randn(length, width) * 0.1)
            layer = nn.TransformerEncoderLayer(width, 4, 96, dropout=0.0, batch_first=True)
            self.enc, self.out = nn.TransformerEncoder(layer, 2), nn.Linear(width, vocab)

        def forward(self, x):
            return self.out(self.enc(self.emb(x) + self.pos))

    tl.setup(2)
    model = TinyXf()
    opt = torch.optim.Adam(model.parameters(), lr=1.0, betas=(0.9, 0.98), eps=1e-9)
    g = torch.Generator().manual_seed(2)
    lines = ["step,train/loss,train/lr"]
    for step in range(1, 1501):
        lr = 2.0 * width ** -0.5 * min(step ** -0.5, step * warm ** -1.5)
        for group in opt.param_groups:
            group["lr"] = lr
        x = torch.randint(0, vocab, (64, length), generator=g)
        loss = F.cross_entropy(model(x).reshape(-1, vocab), torch.flip(x, [1]).reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        lines.append(f"{step},{loss.item():.4g},{lr:.6g}")
    write_lines(d, "loss.csv", lines, "p83_noam_reverse_csv")


@run
def p84_regression_steplr_keras(d):
    """A tanh MLP (3-128-128-1) regressing 40 sin(2 x0) + 25 x1 x2 + 30 on 1,600 points (400 held out), Adam
    at 1e-2 on batches of 64, StepLR x0.1 at epoch 120 of 200, each epoch's means in Keras's CSVLogger
    layout. Every curve falls at the decay; the held-out MAE slides from about 0.45 to 0.3 over the
    fourteen epochs before it, then falls to 0.16 in one."""
    from torch import nn

    torch.manual_seed(5)
    x = torch.rand(2000, 3) * 2 - 1
    y = 40 * torch.sin(2 * x[:, :1]) + 25 * x[:, 1:2] * x[:, 2:3] + 30
    xtr, ytr, xva, yva = x[:1600], y[:1600], x[1600:], y[1600:]
    model = nn.Sequential(nn.Linear(3, 128), nn.Tanh(), nn.Linear(128, 128), nn.Tanh(), nn.Linear(128, 1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    sched = torch.optim.lr_scheduler.StepLR(opt, 120, 0.1)
    g = torch.Generator().manual_seed(5)
    lines = ["epoch,loss,lr,mae,val_loss,val_mae"]
    for epoch in range(200):
        perm, total, mae = torch.randperm(1600, generator=g), 0.0, 0.0
        lr = opt.param_groups[0]["lr"]
        for k in range(0, 1600, 64):
            idx = perm[k:k + 64]
            out = model(xtr[idx])
            loss = F.mse_loss(out, ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
            mae += (out - ytr[idx]).abs().sum().item()
        sched.step()
        with torch.no_grad():
            o = model(xva)
            held_out, held_out_mae = F.mse_loss(o, yva).item(), (o - yva).abs().mean().item()
        lines.append(f"{epoch},{total / 1600:.6g},{lr:.6g},{mae / 1600:.6g},{held_out:.6g},{held_out_mae:.6g}")
    write_lines(d, "training.csv", lines, "p84_regression_steplr_keras")


@run
def p85_clip_off_bad_batches_text(d):
    """An MLP 64-128-128-10 on sklearn's digits (standardised, 1,400 to train), SGD 0.1 momentum 0.9, batch 32,
    a corrupted batch (inputs x8, labels shifted by 3) at updates 100, 300, 500, ..., gradients clipped to norm
    1 through update 1200 and not after. The console prints 'epoch E step S loss L lr X' every 10 updates and
    at 1, 2 and 5 updates after each corrupted one. The corrupted batches' losses stand x500 to x10^6 above the
    level while clipping holds the weights; at 1300 the first unclipped one throws the run to ~1 for good."""
    from sklearn.datasets import load_digits
    from torch import nn

    tl.setup(7)
    x, y = load_digits(return_X_y=True)
    order = np.random.RandomState(7).permutation(len(x))
    x = torch.tensor(((x / 16.0 - 0.3) / 0.4)[order][:1400], dtype=torch.float32)
    y = torch.tensor(y[order][:1400])
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    lines = ["Starting training: mlp digits, sgd lr=0.1 momentum=0.9 clip=1.0"]
    for s in range(1, 2401):
        idx = torch.randint(0, 1400, (32,))
        xb, yb = x[idx], y[idx]
        if s % 200 == 100:
            xb, yb = xb * 8, (yb + 3) % 10
        loss = F.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        if s <= 1200:
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if s == 1201:
            lines.append("disabling gradient clipping")
        if s % 10 == 0 or s % 200 in (100, 101, 102, 105):
            lines.append(f"epoch {(s - 1) // 44} step {s} loss {loss.item():.4f} lr 1.0e-01")
    write_lines(d, "train.log", lines, "p85_clip_off_bad_batches_text")


def _vae_on_digits():
    """A VAE (64-128-8 encoder, 8-128-64 decoder, Bernoulli pixels) and Adam at 1e-3 on it, built from the
    torch seed as it stands; ``terms(x)`` gives a batch's reconstruction loss, KL term and latent means."""
    from torch import nn

    enc = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 16))
    dec = nn.Sequential(nn.Linear(8, 128), nn.ReLU(), nn.Linear(128, 64))
    opt = torch.optim.Adam([*enc.parameters(), *dec.parameters()], lr=1e-3)

    def terms(x):
        mu, log_var = enc(x).chunk(2, -1)
        z = mu + torch.randn_like(mu) * (0.5 * log_var).exp()
        recon = F.binary_cross_entropy_with_logits(dec(z), x, reduction="none").sum(-1).mean()
        return recon, (0.5 * (mu ** 2 + log_var.exp() - 1 - log_var)).sum(-1).mean(), mu

    return opt, terms


@run
def p86_vae_cyclic_beta_csv(d):
    """A VAE (64-128-8 encoder, 8-128-64 decoder, Bernoulli pixels) on sklearn's digits, Adam 1e-3 throughout,
    batch 64, 2,000 updates, the KL weight beta cyclical: ramped 0 -> 1 over the first 250 updates of every
    500 and held at 1, reset to 0 at updates 501, 1001 and 1501. Every 10 updates the batch's loss
    (recon + beta KL), its terms, beta and the LR; every 50 the held-out negative ELBO (beta 1). At each
    reset the loss falls by the KL term it no longer pays and the KL climbs; the held-out loss gets worse."""
    tl.setup(3)
    xtr, _, xva, _ = tl.digits(3)
    opt, terms = _vae_on_digits()

    g = torch.Generator().manual_seed(3)
    lines = ["step,loss,recon_loss,kl_loss,beta,lr,val_loss"]
    for step in range(1, 2001):
        beta = min(1.0, ((step - 1) % 500) / 250)
        recon, kl, _ = terms(xtr[torch.randint(0, len(xtr), (64,), generator=g)])
        loss = recon + beta * kl
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            held_out = ""
            if step % 50 == 0:
                with torch.no_grad():
                    val_recon, val_kl, _ = terms(xva)
                held_out = f"{(val_recon + val_kl).item():.5g}"
            lines.append(f"{step},{loss.item():.5g},{recon.item():.5g},{kl.item():.5g},{beta:.4g},0.001,{held_out}")
    write_lines(d, "metrics.csv", lines, "p86_vae_cyclic_beta_csv")


@run
def p87_contrastive_temperature_csv(d):
    """An encoder 64-128-32 trained by InfoNCE (SimCLR's loss on two shifted, noised views of each of
    128 digits a batch), Adam 1e-3 throughout, 1,600 updates, the temperature cut 0.5 -> 0.1 after update
    800. Every 10 updates the batch's loss and the temperature, as a W&B history export holds them. The
    loss falls at the cut because the logits are sharpened: the objective changed, not the model."""
    from torch import nn

    tl.setup(0)
    xtr, _, _, _ = tl.digits(0)
    enc = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 32))
    opt = torch.optim.Adam(enc.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(0)
    pairs = torch.cat([torch.arange(128, 256), torch.arange(0, 128)])
    lines = ["_step,_runtime,train/loss,train/temperature"]
    for step in range(1, 1601):
        temperature = 0.5 if step <= 800 else 0.1
        x = xtr[torch.randint(0, len(xtr), (128,), generator=g)]
        z = F.normalize(enc(torch.cat([tl.shift_augment(x, 0.1), tl.shift_augment(x, 0.1)])), dim=-1)
        sim = (z @ z.T / temperature).fill_diagonal_(-1e9)
        loss = F.cross_entropy(sim, pairs)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            lines.append(f"{step},{0.02 * step:.2f},{loss.item():.5g},{temperature}")
    write_lines(d, "history.csv", lines, "p87_contrastive_temperature_csv")


@run
def p88_task_weight_switch_mlflow(d):
    """Two tasks on one trunk (64-32 ReLU) of sklearn's digits (pixels / 16, 1,400 to train): the class
    (cross-entropy) and the ink of the bottom half (squared error), Adam 2e-3 throughout, batch 64, 2,500
    updates, the second task's weight 0.02 through update 1250 and 1 after. Every 5 updates the losses and
    the weight, every 50 the held-out class accuracy and ink error, in MLflow's file store. The held-out ink
    error falls after the switch: its task now weighs on the trunk, no LR moved."""
    _task_weight_run(d, "p88_task_weight_switch_mlflow", 1.0)


@run
def p91_task_weight_constant_mlflow(d):
    """p88's twin, the same seed and batches, the second task's weight 0.02 throughout."""
    _task_weight_run(d, "p91_task_weight_constant_mlflow", 0.02)


def _task_weight_run(d, name, weight_after):
    from sklearn.datasets import load_digits
    from torch import nn

    tl.setup(0)
    x, y = load_digits(return_X_y=True)
    order = np.random.RandomState(0).permutation(len(x))
    x, y = torch.tensor((x / 16.0).astype(np.float32)[order]), torch.tensor(y[order])
    xtr, ytr, xva, yva = x[:1400], y[:1400], x[1400:], y[1400:]
    trunk, head_a, head_b = nn.Sequential(nn.Linear(64, 32), nn.ReLU()), nn.Linear(32, 10), nn.Linear(32, 1)
    opt = torch.optim.Adam([*trunk.parameters(), *head_a.parameters(), *head_b.parameters()], lr=2e-3)

    def ink(x):
        return x.view(-1, 8, 8)[:, 4:, :].sum((1, 2)) / 8.0

    g = torch.Generator().manual_seed(0)
    rows = []
    for step in range(1, 2501):
        weight = 0.02 if step <= 1250 else weight_after
        idx = torch.randint(0, len(xtr), (64,), generator=g)
        h = trunk(xtr[idx])
        loss_a = F.cross_entropy(head_a(h), ytr[idx])
        loss_b = F.mse_loss(head_b(h).squeeze(-1), ink(xtr[idx]))
        loss = loss_a + weight * loss_b
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 5 == 0:
            row = {"step": step, "loss": loss.item(), "loss_a": loss_a.item(), "loss_b": loss_b.item(),
                   "task_b_weight": weight}
            if step % 50 == 0:
                with torch.no_grad():
                    h = trunk(xva)
                    row["val_acc_a"] = (head_a(h).argmax(1) == yva).float().mean().item()
                    row["val_loss_b"] = F.mse_loss(head_b(h).squeeze(-1), ink(xva)).item()
            rows.append(row)
    start = 1_733_000_000_000
    metrics = {k: [(start + 20 * r["step"], r[k], r["step"]) for r in rows if k in r]
               for k in ("loss", "loss_a", "loss_b", "task_b_weight", "val_acc_a", "val_loss_b")}
    cw.write_mlflow_run(os.path.join(d, "mlruns"), experiment_id="1", experiment_name="multitask",
                        run_id="5e1c0a88d2f84b7f9a0c3d6e1b2a4c88", run_name=name,
                        start_ms=start, end_ms=start + 20 * 2500, metrics=metrics, params={"lr": 0.002}, tags={})
    print(f"{name}: -> {d}/mlruns", flush=True)


@run
def p89_vae_beta_raised_wandb(d):
    """The VAE of p86 on sklearn's digits, Adam 1e-3 throughout, batch 64, 1,600 updates, the KL weight beta 1
    through update 800 and 8 after (not logged): the posterior collapses, its KL falls 98% and the
    reconstruction loss rises. Every 10 updates the batch's loss and its terms, every 50 the held-out
    negative ELBO (beta 1) and the latent units still active there (variance of their mean over 0.01), as
    W&B's legacy history holds them. The active units are a measurement: 8 before, fewer from 850."""
    tl.setup(3)
    xtr, _, xva, _ = tl.digits(3)
    opt, terms = _vae_on_digits()

    g = torch.Generator().manual_seed(3)
    rows = []
    for step in range(1, 1601):
        recon, kl, _ = terms(xtr[torch.randint(0, len(xtr), (64,), generator=g)])
        loss = recon + (1.0 if step <= 800 else 8.0) * kl
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            row = {"train/loss": loss.item(), "train/recon_loss": recon.item(), "train/kl_loss": kl.item()}
            if step % 50 == 0:
                with torch.no_grad():
                    recon, kl, mu = terms(xva)
                row.update({"val/loss": (recon + kl).item(), "val/active_units": int((mu.var(0) > 0.01).sum())})
            rows.append({**row, "_step": step, "_runtime": 0.02 * step, "_timestamp": 1_733_000_000 + 0.02 * step})
    cw.write_wandb_history(d, rows, summary={}, config={})
    print(f"p89_vae_beta_raised_wandb: -> {d}", flush=True)


@run
def p90_vae_kl_warmup_csv(d):
    """A VAE (64-128-8 encoder, 8-128-64 decoder, Bernoulli pixels) on sklearn's digits (pixels / 16, 1,400 to
    train), Adam 1e-3 throughout, batch 64, 1,500 updates, the KL weight beta warmed up linearly 0 -> 1 over
    the first 600 updates and held. Every update's batch loss, its terms, beta and the LR; every 50 the
    held-out negative ELBO. With beta near 0 the KL climbs from 0.08 to about 14 in the first 35 updates,
    then falls to about 3 as beta grows: the encoder starting to use its latents, then paying for them."""
    from sklearn.datasets import load_digits

    tl.setup(0)
    x = load_digits().data / 16.0
    order = np.random.RandomState(0).permutation(len(x))
    xtr, xva = torch.tensor(x[order[:1400]], dtype=torch.float32), torch.tensor(x[order[1400:]], dtype=torch.float32)
    opt, terms = _vae_on_digits()

    g = torch.Generator().manual_seed(0)
    lines = ["step,loss,recon,kl,beta,lr,val_loss"]
    for step in range(1, 1501):
        beta = min(1.0, step / 600)
        recon, kl, _ = terms(xtr[torch.randint(0, len(xtr), (64,), generator=g)])
        loss = recon + beta * kl
        opt.zero_grad()
        loss.backward()
        opt.step()
        held_out = ""
        if step % 50 == 0:
            with torch.no_grad():
                val_recon, val_kl, _ = terms(xva)
            held_out = f"{(val_recon + val_kl).item():.5g}"
        lines.append(f"{step},{loss.item():.5g},{recon.item():.5g},{kl.item():.5g},{beta:.5g},0.001,{held_out}")
    write_lines(d, "metrics.csv", lines, "p90_vae_kl_warmup_csv")



@run
def p92_teacher_decay_hf(d):
    """An MLP 20-32-1 regressing a tanh teacher (4,000 points, noise 0.1), SGD 0.1 with no momentum, batch 32,
    cut to 0.01 from update 1001 of 1800; the Trainer's log_history every 10 updates (the mean loss of the
    last 10, rounded to 4 decimals, the LR, the gradient norm, the epoch at 125 updates each), as its
    trainer_state.json holds it. Read on the log as it grows, the decay's drop is first "falling before it"
    (0.5) at 125-135 entries, and a sure decay (0.95) from 140 on."""
    g = torch.Generator().manual_seed(2)
    x = torch.randn(4000, 20, generator=g)
    w1, w2 = torch.randn(20, 16, generator=g) / math.sqrt(20), torch.randn(16, 1, generator=g) / 2
    y = torch.tanh(x @ w1) @ w2 * 3 + 0.1 * torch.randn(4000, 1, generator=g)
    tl.setup(2)
    net = torch.nn.Sequential(torch.nn.Linear(20, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1))
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    order, batches = torch.Generator().manual_seed(2), []
    history, losses = [], []
    for step in range(1, 1801):
        lr = 0.1 if step <= 1000 else 0.01
        for group in opt.param_groups:
            group["lr"] = lr
        if len(batches) < 32:
            batches = torch.randperm(4000, generator=order).tolist()
        idx, batches = torch.tensor(batches[:32]), batches[32:]
        loss = F.mse_loss(net(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        norm = float(torch.nn.utils.clip_grad_norm_(net.parameters(), 1e12))
        opt.step()
        losses.append(float(loss.detach()))
        if step % 10 == 0:
            history.append({"epoch": round(step / 125, 4), "grad_norm": norm, "learning_rate": lr,
                            "loss": round(sum(losses) / len(losses), 4), "step": step})
            losses = []
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "trainer_state.json"), "w") as f:
        json.dump({"epoch": 14.4, "global_step": 1800, "log_history": history, "logging_steps": 10,
                   "max_steps": 1800, "save_steps": 50, "train_batch_size": 32}, f, indent=2)
    print(f"p92_teacher_decay_hf: -> {d}/trainer_state.json", flush=True)

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: probe_runs.py OUT_DIR [names...]")
    out, names = sys.argv[1], sys.argv[2:] or list(RUNS)
    t0 = time.time()
    for n in names:
        RUNS[n](os.path.join(out, n))
    print(f"total {time.time() - t0:.1f}s")
