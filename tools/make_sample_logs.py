"""Regenerate sample_logs/: small real training runs in real log formats.

These are the logs curvedoc's demo, README and tests use. Every one is a
real, deterministic (seeded, one thread) training run on this CPU, about a
minute in all. torch is a development tool here, never a curvedoc
dependency; create its environment once, outside the repo::

    python3 -m venv /work/torchenv
    /work/torchenv/bin/pip install torch==2.13.0 scikit-learn tensorboard pandas numpy
    # torch==2.13.0 exactly: it resolves to the local CPU build; other specs pull GBs of CUDA wheels

then::

    /work/torchenv/bin/python tools/make_sample_logs.py

It rewrites sample_logs/<run>/ and sample_logs/README.md (what each run is,
what it shows, with the steps taken from the run itself), then reads every
log back with pandas / json / TensorBoard's EventAccumulator and checks it.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))

import numpy as np  # noqa: E402
import torch  # noqa: E402

import corpus_writers as cw  # noqa: E402
import trainlab as tl  # noqa: E402
import truthlib as tt  # noqa: E402
import verify_logs as vl  # noqa: E402

OUT = os.path.join(ROOT, "sample_logs")
CMD = "/work/torchenv/bin/python tools/make_sample_logs.py"


def fresh(name: str) -> str:
    d = os.path.join(OUT, name)
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(d)
    return d


def decay_facts(trace, info, horizon: int) -> str:
    parts = []
    for step, old, new in tt.lr_changes(trace):
        if new >= old:
            continue
        at = info.axis_of(step)
        w = tt.drop_width(trace, step, horizon)
        ev = tt.Event(step, "down", "lr_decay", "drop", max(w or 0, 10), "")
        m = tt.events_to_json([ev], info)[0]
        unit = "epochs" if info.axis == "epoch" else "steps"
        if m["visible"]:
            rel = math.exp(m["measured"]["change"])
            txt = f"{info.metric} median ×{rel:.2f} over the next {int(m['measured']['window'])} {unit}"
        else:
            txt = "no visible drop"
        parts.append(f"lr {old:.3g} → {new:.3g} at {info.axis} {at}: {txt}")
    return "; ".join(parts)


# ---------------------------------------------------------------- runs


def mlp_step_decay():
    """The Makefile's demo log: two clear drops right after the two decays."""
    d = fresh("mlp_step_decay")
    tl.setup(0)
    data = tl.teacher_task(0, n_train=5000)
    model = tl.mlp(20, [256, 256], 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-3)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, [15, 30], 0.1)
    tr = tl.train_classifier("mlp_step_decay", model, data, epochs=40, batch_size=32, optimizer=opt,
                             scheduler=sched, probe_every=20)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    what = ("MLP 20-256-256-10 on a synthetic 10-class teacher-student task (5,000 examples), SGD momentum 0.9, "
            "weight decay 5e-3, batch 32, 40 epochs × 156 steps, MultiStepLR at epochs 15 and 30 (×0.1). "
            "Columns `step,epoch,lr,train_loss` every step, `val_loss,val_acc` once per epoch (empty elsewhere).")
    shows = decay_facts(tr, info, 2 * 156)
    ev = tr.evals
    shows += (f". val_acc {ev[14]['val_acc']:.3f} → {ev[16]['val_acc']:.3f} across the first decay, "
              f"{ev[29]['val_acc']:.3f} → {ev[31]['val_acc']:.3f} across the second.")
    return tr, info, d, what, shows


def mlp_cosine():
    """mlp_step_decay's twin under a cosine schedule, for `curvedoc compare`: the same task, model,
    seed and data order, the LR annealed from 0.1 to 0 over the 40 epochs instead of cut twice."""
    d = fresh("mlp_cosine")
    tl.setup(0)
    data = tl.teacher_task(0, n_train=5000)
    model = tl.mlp(20, [256, 256], 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, 40)
    tr = tl.train_classifier("mlp_cosine", model, data, epochs=40, batch_size=32, optimizer=opt,
                             scheduler=sched, probe_every=20)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    what = ("mlp_step_decay's run with CosineAnnealingLR (0.1 to 0 over 40 epochs, stepped each epoch) in "
            "place of the two cuts: same task, model, seed and layout.")
    ev = tr.evals
    shows = (f"No cliff: the LR eases down epoch by epoch. val_acc {ev[14]['val_acc']:.3f} at epoch 15, "
             f"{ev[29]['val_acc']:.3f} at 30, {ev[-1]['val_acc']:.3f} at the end.")
    return tr, info, d, what, shows


def cnn_step_decay_tb():
    d = fresh("cnn_step_decay_tb")
    tl.setup(0)
    data = tl.digits(0)
    model = tl.SmallCNN()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, [30, 50], 0.1)
    tr = tl.train_classifier("cnn_step_decay_tb", model, data, epochs=65, batch_size=32, optimizer=opt,
                             scheduler=sched, augment=lambda x: tl.shift_augment(x, 0.1), probe_every=20)
    info = cw.emit_tensorboard(tr, d, every=1, lr=True, logdir=".")
    what = ("Small CNN (two 3×3 conv layers) on sklearn's 8×8 digits with ±1-pixel shift and pixel-noise "
            "augmentation, SGD momentum 0.9, lr 0.05, MultiStepLR at epochs 30 and 50 (×0.1), 46 steps per epoch. "
            "TensorBoard event file (SummaryWriter): `train/loss`, `train/lr` every step, `val/loss`, `val/acc` "
            "per epoch.")
    shows = decay_facts(tr, info, 3 * 46)
    ev = tr.evals
    shows += f". val_loss {ev[29]['val_loss']:.3f} → {ev[31]['val_loss']:.3f} across the first decay."
    return tr, info, d, what, shows


def saturated_sigmoid_hf():
    d = fresh("saturated_sigmoid_hf")
    tl.setup(0)
    data = tl.digits(0)
    model = tl.mlp(64, [64], 10, "sigmoid")
    with torch.no_grad():
        model[0].bias.fill_(-7.0)
    opt = torch.optim.SGD(model.parameters(), lr=0.3, momentum=0.9)
    Xtr = data[0]
    tr = tl.train_classifier("saturated_sigmoid_hf", model, data, epochs=60, batch_size=32, optimizer=opt,
                             probe_every=10, eval_every_steps=100,
                             probe_extra=lambda m: {"saturated_frac": tl.saturation_fraction(m, Xtr[:1000], "sigmoid")})
    info = cw.emit_trainer_state(tr, d, logging_steps=10, train_batch_size=32, grad_norm=True)
    xs, acc = tr.probe_series("full_train_acc")
    if np.median(acc[-5:]) < 0.5:
        raise RuntimeError("the saturated net did not recover; change bias/lr")
    mid, lo, hi = tl.transition(xs, acc, start=0.1, end=float(np.median(acc[-5:])))
    first = tr.probes[0]["full_train_loss"]
    what = ("Sigmoid MLP 64-64-10 on digits whose hidden biases start at −7 (every unit saturated off), SGD "
            "momentum 0.9 at a constant lr 0.3. Hugging Face `trainer_state.json`: training entries every 10 steps "
            "(`loss` averaged over them, `grad_norm`, `learning_rate`), eval entries every 100 steps "
            "(`eval_loss`, `eval_accuracy`, runtimes), final summary entry.")
    shows = (f"Loss flat at {first:.3f} (chance, ln 10 = 2.303) from step 0, then a drop at constant lr: "
             f"training-set accuracy (measured aside) crosses halfway between chance and its final "
             f"{np.median(acc[-5:]):.2f} at step {mid} (rise from step {lo} to {hi}).")
    return tr, info, d, what, shows


def deep_linear_staircase():
    d = fresh("deep_linear_staircase")
    tl.setup(0)
    tr = tl.train_deep_linear("deep_linear_staircase", seed=0, singular_values=(4.0, 2.5, 1.5, 1.0), steps=4500)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True, grad_norm=True)
    ends = []
    for i, s in enumerate(tr.meta["singular_values"]):
        xs, ys = tr.probe_series(f"mode{i + 1}")
        ends.append(str(tl.transition(xs, ys / s, start=0.0, end=1.0)[0]))
    what = ("Depth-3 deep linear network (width 16) from small init, online SGD at constant lr 0.005 on "
            "y = A x + noise, where A has singular values 4, 2.5, 1.5, 1. Generic CSV every step with "
            "`grad_norm` and `val_loss` every 200 steps.")
    shows = ("A staircase at constant lr: one plateau per singular mode; the modes are learned (end-to-end map "
             f"reaches half the target singular value) at steps {', '.join(ends)}.")
    return tr, info, d, what, shows


def unstable_lightning():
    d = fresh("unstable_lightning")
    tl.setup(0)
    data = tl.teacher_task(0, n_train=5000)
    model = tl.mlp(20, [256, 256], 10)
    opt = torch.optim.SGD(model.parameters(), lr=8.0, momentum=0.9)
    warm = 6000
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm))
    tr = tl.train_classifier("unstable_lightning", model, data, epochs=40, batch_size=32, optimizer=opt,
                             scheduler=sched, scheduler_unit="step", loss="mse", probe_every=10,
                             nan_tail_steps=200)
    info = cw.emit_lightning(tr, d, every=1, lr=True, rel="metrics.csv")
    L = np.array([s["loss"] for s in tr.steps])
    spikes = []
    for s in range(50, (tr.diverged_at or len(L)) - 300):
        base = np.median(L[max(0, s - 100):s])
        if L[s] > 4 * base and (not spikes or s + 1 - spikes[-1][0] > 50):
            spikes.append((s + 1, L[s] / base, tr.steps[s]["lr"]))
    first_nonfinite = tr.diverged_at
    what = ("MLP on the teacher task trained with squared error on the logits, SGD momentum 0.9, linear warmup "
            "towards a far too high lr (8.0 over 6,000 steps). PyTorch Lightning CSVLogger layout: `lr-SGD` rows "
            "(LearningRateMonitor, no epoch), `train_loss` rows every step (log_every_n_steps=1), `val_loss,val_acc` rows once per "
            "epoch; Lightning's step counts from 0.")
    shows = ("Spikes (minibatch loss > 4× the median of the previous 100 steps; "
             ") at steps "
             + ", ".join(f"{s - 1} (×{r:.0f}, lr {lr:.2f})" for s, r, lr in spikes[:6])
             + f"; the loss level creeps up as the lr grows, then explodes: first non-finite loss at step "
             f"{first_nonfinite - 1} (lr {tr.steps[first_nonfinite - 1]['lr']:.2f}), literal `inf`/`nan` after.")
    return tr, info, d, what, shows


def keras_reduce_lr():
    d = fresh("keras_reduce_lr")
    tl.setup(3)
    data = tl.teacher_task(3, n_train=5000, label_noise=0.05)
    model = tl.mlp(20, [256, 256], 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-3)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.2, patience=3)
    tr = tl.train_classifier("keras_reduce_lr", model, data, epochs=40, batch_size=32, optimizer=opt,
                             scheduler=sched, probe_every=20)
    info = cw.emit_keras(tr, d, lr=True)
    ch = [(info.axis_of(s), o, n) for s, o, n in tt.lr_changes(tr)]
    what = ("MLP on the teacher task (5% label noise), SGD momentum 0.9, ReduceLROnPlateau(factor 0.2, "
            "patience 3) on val loss, 40 epochs. Keras CSVLogger layout: `epoch` (0-based) then keys sorted, "
            "CRLF, lr as the float32 value Keras holds after repeated ×0.2 (e.g. `0.020000001`).")
    shows = "lr cut at epochs " + ", ".join(f"{e} ({o:.3g} → {n:.3g})" for e, o, n in ch) + "; " + \
        decay_facts(tr, info, 2 * 156).split(";")[0] + " (later cuts give smaller or no drops)."
    return tr, info, d, what, shows


RUNS = [mlp_step_decay, mlp_cosine, cnn_step_decay_tb, saturated_sigmoid_hf, deep_linear_staircase, unstable_lightning,
        keras_reduce_lr]


def main() -> int:
    os.makedirs(OUT, exist_ok=True)
    rows, t_all, ok = [], time.time(), True
    for fn in RUNS:
        t0 = time.time()
        tr, info, d, what, shows = fn()
        secs = time.time() - t0
        rel = os.path.normpath(os.path.relpath(os.path.join(d, info.log), ROOT))
        x, y = vl.read_series(d, info.format, info.log, info.metric, info.axis)
        good = len(y) == len(info.y) and all(vl.same(float(a), float(b)) for a, b in zip(y, info.y))
        ok &= good
        print(f"{'ok ' if good else 'BAD'} {rel:55s} {info.format:16s} {info.metric:12s} {len(y):6d} pts "
              f"{secs:5.1f}s", flush=True)
        rows.append((rel, info.format, what, shows, secs, len(y), info.metric))
    total = time.time() - t_all
    lines = ["# sample_logs", "",
             "Real training runs made on a 2-core CPU by `tools/make_sample_logs.py` (seeded, one thread, "
             f"about {total:.0f} s in all). Each is written in the exact layout of a real logger "
             "(see `shared/research/log-formats.md`). Regenerate with:", "", "```", CMD, "```", "",
             "The step numbers below are computed by the script from the run itself (the LR it set, and "
             "quantities measured aside during training), not read off a plot.", "",
             "| log | format | metric | points | what it is | what it shows |", "|---|---|---|---|---|---|"]
    for rel, fmt, what, shows, secs, n, metric in rows:
        lines.append(f"| `{rel}` | {fmt} | `{metric}` | {n} | {what} | {shows} |")
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    size = sum(os.path.getsize(os.path.join(a, b)) for a, _, fs in os.walk(OUT) for b in fs)
    print(f"sample_logs: {size / 1e6:.2f} MB, {total:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
