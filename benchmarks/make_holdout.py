"""A second labelled set (benchmarks/holdout): real training runs made after the corpus,
with other seeds, widths, factors and formats, to check that detection tuned while
reading the corpus holds on runs it was not read against.

Reuses the corpus machinery (benchmarks/make_corpus.py, tools/trainlab.py,
tools/truthlib.py, benchmarks/corpus_writers.py) by importing it. Ground truth is taken from training internals
exactly as make_corpus.py does (decay_events, bs_events, dln_events, saturated(),
bad_batch_events/spike_kind, divergence_event, build()).

What differs from the corpus: seeds (100+), widths/depths, learning rates, step-decay
milestones and factors (x0.5, x0.2, x0.3), batch sizes, logging intervals, formats per
recipe, bias init of the saturation runs, singular values of the deep linear nets,
update of the bad batches, warmup length / peak of the divergence runs.

    /work/torchenv/bin/python benchmarks/make_holdout.py                # all runs
    /work/torchenv/bin/python benchmarks/make_holdout.py --only ho_sat  # a subset
    /work/torchenv/bin/python tools/verify_logs.py benchmarks/holdout
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchmarks import make_corpus as mc  # noqa: E402  (inserts tools/ and benchmarks/ itself)

import torch  # noqa: E402

tl, tt, cw = mc.tl, mc.tt, mc.cw
Event, Result = mc.Event, mc.Result

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "holdout")
RUNS, run = mc.registry()


# ------------------------------------------------------------------ step decay
# make_corpus.step_decay_teacher / step_decay_digits fix the width (256) and, for
# digits, gamma; this is the same recipe with width, depth, gamma, batch exposed.


def step_decay(name, seed, *, task="teacher", widths=(256, 256), milestones, epochs, lr0=0.1,
               gamma=0.1, wd=5e-4, B=32, N=5000, unit="epoch", probe_every=20, label_noise=0.0,
               noise=None):
    tl.setup(seed)
    if task == "teacher":
        data = tl.teacher_task(seed, n_train=N, label_noise=label_noise)
        model = tl.mlp(20, list(widths), 10, "relu")
    else:
        data = tl.digits(seed)
        model = tl.mlp(64, list(widths), 10, "relu")
    opt = mc.sgd(model, lr0, wd=wd)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones, gamma)
    aug = (lambda xb: tl.shift_augment(xb, noise)) if noise is not None else None
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=B, optimizer=opt,
                             scheduler=sched, scheduler_unit=unit, probe_every=probe_every,
                             augment=aug)
    tr.meta.update(lr0=lr0, n_val=len(data[2]), optimizer="SGD")
    spe = len(data[0]) // B
    horizon = 2 * spe if task == "teacher" else 3 * spe
    return tr, mc.decay_events(tr, horizon, spe // 2), spe


def sd_desc(task, widths, wd, B, ms, unit, gamma, lr0, extra=""):
    arch = ("20-" if task == "teacher" else "64-") + "-".join(map(str, widths)) + "-10"
    what = ("synthetic 10-class teacher-student task (5000 examples)" if task == "teacher"
            else "sklearn digits")
    return (f"ReLU MLP {arch} on {what}, SGD momentum 0.9, wd {wd}, batch {B}, MultiStepLR {ms} "
            f"({unit}s) x{gamma} from lr {lr0}" + extra)


@run("ho_sd_teacher_w128_g05_csv", "lr_decay")
def _(d):
    w, ms = (128, 128), [8, 16, 24]
    tr, evs, spe = step_decay("ho_sd_teacher_w128_g05_csv", 101, widths=w, milestones=ms, epochs=30,
                              lr0=0.05, gamma=0.5)
    info = cw.emit_generic_csv(tr, d, every=3, lr=True)
    return Result(tr, info, evs, sd_desc("teacher", w, 5e-4, 32, ms, "epoch", 0.5, 0.05,
                                         "; per-step CSV every 3 updates with lr"),
                  schedule=mc.multistep_schedule(tr, info, 0.5))


@run("ho_sd_teacher_deep_g02_tb_nolr", "lr_decay")
def _(d):
    w, ms = (160, 160, 160), [10, 20]
    tr, evs, spe = step_decay("ho_sd_teacher_deep_g02_tb_nolr", 102, widths=w, milestones=ms, epochs=28,
                              lr0=0.08, gamma=0.2, wd=1e-3)
    info = cw.emit_tensorboard(tr, d, every=4, lr=False)
    return Result(tr, info, evs, sd_desc("teacher", w, 1e-3, 32, ms, "epoch", 0.2, 0.08,
                                         "; TensorBoard train/loss every 4 updates, NO lr tag"),
                  schedule=mc.multistep_schedule(tr, info, 0.2, "not in the log"))


@run("ho_sd_teacher_b64_steps_wandb", "lr_decay")
def _(d):
    w, ms = (384, 384), [1500, 2700]
    tr, evs, spe = step_decay("ho_sd_teacher_b64_steps_wandb", 103, widths=w, milestones=ms, epochs=42,
                              lr0=0.15, gamma=0.1, B=64, unit="step")
    info = cw.emit_wandb(tr, d, every=3, lr=True)
    return Result(tr, info, evs, sd_desc("teacher", w, 5e-4, 64, ms, "step", 0.1, 0.15,
                                         "; W&B history every 3 updates with train/lr"),
                  schedule=mc.multistep_schedule(tr, info, 0.1))


@run("ho_sd_digits_w96_g03_keras", "lr_decay")
def _(d):
    w, ms = (96, 96), [25, 45]
    tr, evs, spe = step_decay("ho_sd_digits_w96_g03_keras", 104, task="digits", widths=w, milestones=ms,
                              epochs=60, lr0=0.06, gamma=0.3, noise=0.15, probe_every=10)
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, evs, sd_desc("digits", w, 5e-4, 32, ms, "epoch", 0.3, 0.06,
                                         ", shift + 0.15 noise augmentation; Keras CSVLogger per epoch with lr"),
                  schedule=mc.multistep_schedule(tr, info, 0.3))


@run("ho_sd_digits_deep_hf", "lr_decay")
def _(d):
    w, ms = (200, 200, 100), [18, 36]
    tr, evs, spe = step_decay("ho_sd_digits_deep_hf", 105, task="digits", widths=w, milestones=ms,
                              epochs=50, lr0=0.04, gamma=0.1, noise=0.1, probe_every=10)
    info = cw.emit_trainer_state(tr, d, logging_steps=5, train_batch_size=32)
    return Result(tr, info, evs, sd_desc("digits", w, 5e-4, 32, ms, "epoch", 0.1, 0.04,
                                         ", shift + 0.1 noise; HF trainer_state logging_steps=5"),
                  schedule=mc.multistep_schedule(tr, info, 0.1, "HF logs learning_rate after the scheduler step"))


@run("ho_sd_teacher_noise_text_nolr", "lr_decay")
def _(d):
    w, ms = (256, 128), [14, 26]
    tr, evs, spe = step_decay("ho_sd_teacher_noise_text_nolr", 106, widths=w, milestones=ms, epochs=32,
                              lr0=0.12, gamma=0.1, label_noise=0.05, B=48)
    info = cw.emit_text(tr, d, every=6, lr=False)
    return Result(tr, info, evs, sd_desc("teacher", w, 5e-4, 48, ms, "epoch", 0.1, 0.12,
                                         ", 5% label noise; stdout every 6 iters, NO lr"),
                  schedule=mc.multistep_schedule(tr, info, 0.1, "not in the log; axis is iter = update - 1"))


@run("ho_rop_teacher_mlflow", "lr_decay")
def _(d):
    name, seed = "ho_rop_teacher_mlflow", 107
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000, label_noise=0.02)
    model = tl.mlp(20, [192, 192], 10, "relu")
    opt = mc.sgd(model, 0.08)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=3)
    tr = tl.train_classifier(name, model, data, epochs=40, batch_size=32, optimizer=opt,
                             scheduler=sched, probe_every=20)
    tr.meta.update(lr0=0.08, n_val=2000, optimizer="SGD")
    evs = mc.decay_events(tr, 2 * 156, 78, what="ReduceLROnPlateau(factor=0.5, patience=3) on val loss")
    info = cw.emit_mlflow(tr, d, every=8, lr=True)
    ch = tt.lr_changes(tr)
    sched_d = {"milestones": [int(info.axis_of(c[0])) for c in ch], "gamma": 0.5, "unit": "step",
               "lr0": 0.08, "lr_values": [0.08] + [c[2] for c in ch],
               "note": "ReduceLROnPlateau: updates where the scheduler cut the lr (not fixed in advance)"}
    return Result(tr, info, evs, "ReLU MLP 20-192-192-10 on the teacher task (2% label noise), SGD momentum "
                  "0.9 lr 0.08, ReduceLROnPlateau(factor 0.5, patience 3) on val loss; MLflow every 8 updates "
                  "with learning_rate", schedule=sched_d)


# ------------------------------------------------------------------ batch size increase


@run("ho_bs_teacher_lightning", "batch_size_increase")
def _(d):
    tr, evs = mc.bs_teacher("ho_bs_teacher_lightning", 108, stages=[40, 200], boundaries=[12], epochs=22,
                            N=8000, lr=0.06)
    info = cw.emit_lightning(tr, d, every=5, lr=True)
    ch = tt.bs_changes(tr)
    return Result(tr, info, evs, "MLP on the teacher task (8k examples), SGD momentum 0.9 at constant lr 0.06; "
                  "batch size 40 -> 200 at epoch 12; Lightning CSV every 5 updates with lr-SGD (batch size "
                  "not logged)", bs_schedule=[[int(info.axis_of(c[0])), c[1], c[2]] for c in ch])


@run("ho_bs_teacher_hf", "batch_size_increase")
def _(d):
    tr, evs = mc.bs_teacher("ho_bs_teacher_hf", 109, stages=[16, 64, 256], boundaries=[5, 11], epochs=16,
                            N=6000, lr=0.05)
    info = cw.emit_trainer_state(tr, d, logging_steps=8, train_batch_size=16)
    ch = tt.bs_changes(tr)
    return Result(tr, info, evs, "MLP on the teacher task (6k examples), constant lr 0.05; batch size "
                  "16 -> 64 -> 256 at epochs 5 and 11; HF trainer_state logging_steps 8",
                  bs_schedule=[[int(info.axis_of(c[0])), c[1], c[2]] for c in ch])


# ------------------------------------------------------------------ plateau escape (deep linear)


@run("ho_dln_staircase_text", "plateau_escape")
def _(d):
    tr = mc.dln("ho_dln_staircase_text", 110, singular_values=(5.0, 3.0, 1.2), steps=4000, lr=0.004,
                init=0.02)
    info = cw.emit_text(tr, d, every=8, lr=True, eval_lines=False)
    return Result(tr, info, mc.dln_events(tr), mc.DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"])
                  + "; stdout every 8 iters with lr")


@run("ho_dln_staircase_lightning", "plateau_escape")
def _(d):
    tr = mc.dln("ho_dln_staircase_lightning", 111, singular_values=(3.5, 1.8, 0.9), depth=4, init=0.06,
                lr=0.003, steps=6000)
    info = cw.emit_lightning(tr, d, every=10, lr=True)
    return Result(tr, info, mc.dln_events(tr), mc.DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"])
                  + "; Lightning CSV every 10 steps with lr-SGD")


# ------------------------------------------------------------------ saturation recovery


@run("ho_sat_sigmoid_wandb", "saturation_recovery")
def _(d):
    tr, evs = mc.saturated("ho_sat_sigmoid_wandb", 112, act="sigmoid", bias=6.5, lr=0.4, epochs=80, width=96)
    info = cw.emit_wandb(tr, d, every=3, lr=True)
    return Result(tr, info, evs, mc.SAT_DESC.format(act="sigmoid (width 96)", b="-6.5", mom=0.9, lr=0.4)
                  + "; W&B history every 3 updates")


@run("ho_sat_tanh_text", "saturation_recovery")
def _(d):
    tr, evs = mc.saturated("ho_sat_tanh_text", 113, act="tanh", bias=3.0, lr=0.03, epochs=120, width=48)
    info = cw.emit_text(tr, d, every=4, lr=True)
    return Result(tr, info, evs, mc.SAT_DESC.format(act="tanh (width 48)", b="+-3.0", mom=0.9, lr=0.03)
                  + "; stdout every 4 iters with lr")


# ------------------------------------------------------------------ instability


@run("ho_spike_badbatch_mlflow", "instability")
def _(d):
    spikes = [(900, 18.0), (2600, 10.0)]
    tr = mc.digits_relu_run("ho_spike_badbatch_mlflow", 114, lr=0.03, epochs=75, width=96,
                            inject={s: mc.inject_bad_batch(k, s) for s, k in spikes})
    info = cw.emit_mlflow(tr, d, every=3, lr=True)
    return Result(tr, info, mc.bad_batch_events(tr, spikes), "ReLU MLP 64-96-96-10 on digits, SGD momentum 0.9 "
                  "lr 0.03 constant; corrupted minibatches (inputs x18, x10, labels shuffled) at updates 900 and "
                  "2600; MLflow every 3 updates")


@run("ho_spike_badbatch_hf", "instability")
def _(d):
    spikes = [(2200, 40.0)]
    tr = mc.digits_relu_run("ho_spike_badbatch_hf", 115, lr=0.04, epochs=70, width=192,
                            inject={s: mc.inject_bad_batch(k, s) for s, k in spikes})
    info = cw.emit_trainer_state(tr, d, logging_steps=5, train_batch_size=32)
    return Result(tr, info, mc.bad_batch_events(tr, spikes), "ReLU MLP 64-192-192-10 on digits, SGD momentum 0.9 "
                  "lr 0.04 constant; one corrupted minibatch (inputs x40) at update 2200; HF trainer_state "
                  "logging_steps 5 (loss averaged over 5 updates)")


@run("ho_diverge_warmup_dln_csv", "instability")
def _(d):
    tr, ev = mc.dln_warmup_divergence("ho_diverge_warmup_dln_csv", 116, 2000, 0.3, 4000)
    info = cw.emit_generic_csv(tr, d, every=2, lr=True)
    modes = mc.warmup_modes(tr, ev)
    return Result(tr, info, modes + [ev], "depth-3 deep linear net (A's singular values 4, 2, 1), SGD with linear warmup "
                  "over 2000 updates towards lr 0.3 (past the stability limit): the loss blows up to inf/NaN during "
                  "warmup; per-step CSV every 2 updates with lr. The singular modes learned early in warmup are "
                  "labelled as plateau_escape (dln_events), as in the corpus's warmup-divergence runs")


@run("ho_diverge_warmup_mlp_wandb", "instability")
def _(d):
    name, seed, warm, peak = "ho_diverge_warmup_mlp_wandb", 117, 3000, 1.0
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000)
    model = tl.mlp(20, [128, 128], 10, "tanh")
    opt = mc.sgd(model, peak, wd=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm))
    tr = tl.train_classifier(name, model, data, epochs=20, batch_size=32, optimizer=opt, scheduler=sched,
                             scheduler_unit="step", probe_every=5, nan_tail_steps=200, loss="mse")
    tr.meta.update(lr0=peak, n_val=2000, optimizer="SGD")
    if tr.diverged_at is None:
        raise RuntimeError(f"{name} did not diverge")
    ev = mc.divergence_event(tr, f"linear warmup over {warm} updates towards lr {peak} (squared error on logits); "
                             f"non-finite at lr {tr.steps[tr.diverged_at - 1]['lr']:.3g}")
    info = cw.emit_wandb(tr, d, every=4, lr=True)
    return Result(tr, info, [ev], f"tanh MLP 20-128-128-10 on the teacher task (squared error on logits), SGD "
                  f"momentum 0.9, linear warmup over {warm} updates towards lr {peak}: fine at first, then the "
                  f"loss explodes to NaN during warmup; W&B history every 4 updates with train/lr")


# ------------------------------------------------------------------ no event


@run("ho_const_adam_teacher_text", "no_event")
def _(d):
    tr = mc.teacher_sched("ho_const_adam_teacher_text", 118, None, epochs=25, opt="adamw", lr0=3e-4)
    info = cw.emit_text(tr, d, every=10, lr=True)
    return Result(tr, info, [], "MLP on the teacher task, AdamW lr 3e-4 constant, 25 epochs; stdout every 10 "
                  "iters with lr", no_event=True)


@run("ho_const_sgd_digits_wandb", "no_event")
def _(d):
    tr = mc.digits_relu_run("ho_const_sgd_digits_wandb", 119, lr=0.015, epochs=50, width=160)
    info = cw.emit_wandb(tr, d, every=3, lr=True)
    return Result(tr, info, [], "ReLU MLP 64-160-160-10 on digits, SGD momentum 0.9 lr 0.015 constant; W&B "
                  "history every 3 updates", no_event=True)


@run("ho_const_sgd_teacher_lightning_nolr", "no_event")
def _(d):
    tr = mc.teacher_sched("ho_const_sgd_teacher_lightning_nolr", 120, None, epochs=25, lr0=0.012)
    info = cw.emit_lightning(tr, d, every=10, lr=False)
    return Result(tr, info, [], "MLP on the teacher task, SGD momentum 0.9 lr 0.012 constant; Lightning CSV "
                  "every 10 steps, no LearningRateMonitor", no_event=True)


@run("ho_cosine_teacher_keras", "no_event")
def _(d):
    total = 156 * 35
    tr = mc.teacher_sched("ho_cosine_teacher_keras", 121,
                          lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, total), epochs=35, lr0=0.05)
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, [], "MLP on the teacher task, SGD momentum 0.9, CosineAnnealingLR (per update) from "
                  "0.05 to 0 over 35 epochs; Keras CSVLogger per epoch with lr", no_event=True)


@run("ho_cosine_adam_teacher_mlflow", "no_event")
def _(d):
    total = 156 * 25
    tr = mc.teacher_sched("ho_cosine_adam_teacher_mlflow", 122,
                          lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, total), epochs=25,
                          opt="adamw", lr0=1e-3)
    info = cw.emit_mlflow(tr, d, every=6, lr=True)
    return Result(tr, info, [], "MLP on the teacher task, AdamW cosine decay from 1e-3 to 0 over 25 epochs; "
                  "MLflow every 6 updates with learning_rate", no_event=True)


# ------------------------------------------------------------------ driver


def write_index(out_root, truths, total_secs=None):
    lines = ["# curvedoc held-out runs", "",
             "Generated by benchmarks/make_holdout.py with the corpus machinery "
             "(truth from training internals, same schema as benchmarks/corpus).", "",
             "| run | format | metric | points | category | events (step: cause/kind, visible) | lr logged | "
             "probe rise | gen s |", "|---|---|---|---|---|---|---|---|---|"]
    for t in truths:
        evs = "; ".join(f"{e['step']}±{e['tolerance']}: {e['cause']}/{e['kind']}"
                        f"{'' if e['visible'] else ' (not visible)'}" for e in t["events"]) or "none"
        lines.append(f"| `{t['run']}` | {t['format']} | `{t['metric']}` | {t['n_points']} | {t['category']} | "
                     f"{evs} | {'yes' if t['lr_logged'] else 'no'} | "
                     f"{t['checks'].get('max_probe_loss_rise', '')} | {t['generation_seconds']} |")
    lines += ["", "## Descriptions", ""] + [f"- `{t['run']}`: {t['description']}" for t in truths]
    with open(os.path.join(out_root, "INDEX.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main(argv=None):
    return mc.set_main(argv, __doc__, RUNS, OUT, write_index)


if __name__ == "__main__":
    sys.exit(main())
