"""A third labelled set (benchmarks/third): real small training runs made after the corpus and
the holdout, to measure how curvedoc generalises to runs that neither its design nor its
tuning has seen. It was built without running curvedoc on it (and without importing it).

Reuses the corpus machinery (benchmarks/make_corpus.py, tools/trainlab.py, tools/truthlib.py,
benchmarks/corpus_writers.py) and the holdout's step-decay recipe (benchmarks/make_holdout.py)
by importing them. Ground truth is taken from training internals exactly as make_corpus.py
does: the lr read back from the optimiser at every update (decay_events, restart_events,
constant_warmup_event), the batch size actually used (bs_events), the singular modes of deep
linear nets (dln_events, warmup_modes), training-set accuracy and saturated-unit share
(saturated), injected bad batches and the full-training-set loss (bad_batch_events /
spike_kind, divergence_event), the loop's epoch starts (memo_events).

What differs from the corpus and the holdout: seeds (300+), widths/depths, learning rates,
step-decay milestones and factors (x0.25, x0.4, x0.15, ReduceLROnPlateau x0.4 patience 5),
batch-size stages, singular values / depth / init of the deep linear nets, bias and width of
the saturation runs, scale and position of the bad batches, the lr range test's growth rate
and the warmup length / peak of the divergence runs, SGDR periods (T_0 600 updates, 7 epochs),
constant-warmup factor / length, the memorisation run's n / batch / lr, logging intervals and
the format each recipe is written in.

    /work/torchenv/bin/python benchmarks/make_third.py                 # all runs (~1.5 min)
    /work/torchenv/bin/python benchmarks/make_third.py --only th_sat   # a subset (index redone)
    /work/torchenv/bin/python tools/verify_logs.py benchmarks/third
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchmarks import make_corpus as mc  # noqa: E402  (inserts tools/ and benchmarks/ itself)
from benchmarks import make_holdout as ho  # noqa: E402  (step_decay / sd_desc: MultiStepLR with widths exposed)

import torch  # noqa: E402

tl, tt, cw = mc.tl, mc.tt, mc.cw
Event, Result = mc.Event, mc.Result

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "third")
RUNS, run = mc.registry()


def bs_schedule(tr, info):
    return [[int(info.axis_of(c[0])), c[1], c[2]] for c in tt.bs_changes(tr)]


def sgdr_schedule(tr, info, T_0, T_mult, unit, note=""):
    d = {"type": "sgdr", "T_0": T_0, "T_mult": T_mult, "unit": unit,
         "restarts": [int(info.axis_of(c[0])) for c in tt.lr_changes(tr) if c[2] > 1.5 * c[1]]}
    if note:
        d["note"] = note
    return d


# ------------------------------------------------------------------ step decay (MultiStepLR via ho.step_decay)


@run("th_sd_teacher_w224_g025_lightning", "lr_decay")
def _(d):
    name, w, ms = "th_sd_teacher_w224_g025_lightning", (224, 224), [9, 19]
    tr, evs, spe = ho.step_decay(name, 300, widths=w, milestones=ms, epochs=27, lr0=0.07, gamma=0.25)
    info = cw.emit_lightning(tr, d, every=6, lr=True)
    return Result(tr, info, evs, ho.sd_desc("teacher", w, 5e-4, 32, ms, "epoch", 0.25, 0.07,
                                            "; Lightning CSV every 6 updates with lr-SGD (step counts from 0)"),
                  schedule=mc.multistep_schedule(tr, info, 0.25, "Lightning step axis counts from 0"))


@run("th_sd_teacher_deep4_g04_epochcsv_nolr", "lr_decay")
def _(d):
    name, w, ms = "th_sd_teacher_deep4_g04_epochcsv_nolr", (128, 128, 128, 128), [11, 22]
    tr, evs, spe = ho.step_decay(name, 301, widths=w, milestones=ms, epochs=30, lr0=0.09, gamma=0.4,
                                 wd=2e-4)
    info = cw.emit_epoch_csv(tr, d, lr=False)
    return Result(tr, info, evs, ho.sd_desc("teacher", w, 2e-4, 32, ms, "epoch", 0.4, 0.09,
                                            "; per-epoch CSV (epoch 1-based, mean train loss), NO lr column"),
                  schedule=mc.multistep_schedule(tr, info, 0.4, "not in the log; epochs counted from 1"))


@run("th_sd_digits_w144_g015_tb", "lr_decay")
def _(d):
    name, w, ms = "th_sd_digits_w144_g015_tb", (144, 144), [22, 40]
    tr, evs, spe = ho.step_decay(name, 302, task="digits", widths=w, milestones=ms, epochs=52, lr0=0.07,
                                 gamma=0.15, noise=0.12, probe_every=10)
    info = cw.emit_tensorboard(tr, d, every=2, lr=True)
    return Result(tr, info, evs, ho.sd_desc("digits", w, 5e-4, 32, ms, "epoch", 0.15, 0.07,
                                            ", shift + 0.12 noise augmentation; TensorBoard train/loss and "
                                            "train/lr every 2 updates"),
                  schedule=mc.multistep_schedule(tr, info, 0.15))


@run("th_sd_teacher_steps_b40_mlflow_nolr", "lr_decay")
def _(d):
    name, w, ms = "th_sd_teacher_steps_b40_mlflow_nolr", (320, 160), [1700, 2900]
    tr, evs, spe = ho.step_decay(name, 303, widths=w, milestones=ms, epochs=30, lr0=0.11, gamma=0.25,
                                 B=40, unit="step")
    info = cw.emit_mlflow(tr, d, every=4, lr=False, experiment_name="curvedoc-third")
    return Result(tr, info, evs, ho.sd_desc("teacher", w, 5e-4, 40, ms, "step", 0.25, 0.11,
                                            "; MLflow train_loss every 4 updates, NO learning_rate metric"),
                  schedule=mc.multistep_schedule(tr, info, 0.25, "not in the log"))


@run("th_rop_teacher_wandb", "lr_decay")
def _(d):
    name, seed, lr0, factor, patience = "th_rop_teacher_wandb", 304, 0.07, 0.4, 5
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000, label_noise=0.03)
    model = tl.mlp(20, [176, 176], 10, "relu")
    opt = mc.sgd(model, lr0)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=factor, patience=patience)
    tr = tl.train_classifier(name, model, data, epochs=36, batch_size=32, optimizer=opt, scheduler=sched,
                             probe_every=20)
    tr.meta.update(lr0=lr0, n_val=2000, optimizer="SGD")
    evs = mc.decay_events(tr, 2 * 156, 78, what=f"ReduceLROnPlateau(factor={factor}, patience={patience}) on val loss")
    info = cw.emit_wandb(tr, d, every=5, lr=True)
    ch = tt.lr_changes(tr)
    sched_d = {"milestones": [int(info.axis_of(c[0])) for c in ch], "gamma": factor, "unit": "step",
               "lr0": lr0, "lr_values": [lr0] + [c[2] for c in ch],
               "note": "ReduceLROnPlateau: updates where the scheduler cut the lr (not fixed in advance)"}
    return Result(tr, info, evs, f"ReLU MLP 20-176-176-10 on the teacher task (3% label noise), SGD momentum 0.9 "
                  f"lr {lr0}, ReduceLROnPlateau(factor {factor}, patience {patience}) on val loss, stepped per "
                  f"epoch; W&B history every 5 updates with train/lr", schedule=sched_d)


# ------------------------------------------------------------------ batch size increase


@run("th_bs_teacher_tb_nolr", "batch_size_increase")
def _(d):
    tr, evs = mc.bs_teacher("th_bs_teacher_tb_nolr", 305, stages=[24, 120], boundaries=[9], epochs=17,
                            N=7000, lr=0.07)
    info = cw.emit_tensorboard(tr, d, every=3, lr=False, batch_size=True)
    return Result(tr, info, evs, "ReLU MLP 20-256-256-10 on the teacher task (7k examples), SGD momentum 0.9 at "
                  "constant lr 0.07; batch size 24 -> 120 at epoch 9; TensorBoard train/loss and "
                  "train/batch_size every 3 updates, no lr tag", bs_schedule=bs_schedule(tr, info))


@run("th_bs_teacher_keras", "batch_size_increase")
def _(d):
    tr, evs = mc.bs_teacher("th_bs_teacher_keras", 306, stages=[20, 80, 320], boundaries=[6, 13], epochs=19,
                            N=9000, lr=0.045)
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, evs, "ReLU MLP 20-256-256-10 on the teacher task (9k examples), SGD momentum 0.9 at "
                  "constant lr 0.045; batch size 20 -> 80 -> 320 at epochs 6 and 13; Keras CSVLogger per epoch "
                  "with lr (batch size not logged)", bs_schedule=bs_schedule(tr, info))


# ------------------------------------------------------------------ plateau escape (deep linear)


@run("th_dln_staircase_mlflow", "plateau_escape")
def _(d):
    tr = mc.dln("th_dln_staircase_mlflow", 307, singular_values=(4.5, 2.2, 1.1), depth=3, init=0.04,
                lr=0.0035, steps=4000)
    info = cw.emit_mlflow(tr, d, every=6, lr=True, experiment_name="curvedoc-third")
    return Result(tr, info, mc.dln_events(tr), mc.DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"])
                  + "; MLflow train_loss and learning_rate every 6 updates")


@run("th_dln_staircase_d2_hf", "plateau_escape")
def _(d):
    tr = mc.dln("th_dln_staircase_d2_hf", 308, singular_values=(5.5, 2.6, 1.3, 0.6), depth=2, init=0.004,
                lr=0.007, steps=3000)
    info = cw.emit_trainer_state(tr, d, logging_steps=6, train_batch_size=32)
    return Result(tr, info, mc.dln_events(tr), mc.DLN_DESC.format(**tr.meta, sv=tr.meta["singular_values"])
                  + "; HF trainer_state logging_steps 6 (loss averaged over 6 updates)")


# ------------------------------------------------------------------ saturation recovery


@run("th_sat_sigmoid_w80_lightning", "saturation_recovery")
def _(d):
    tr, evs = mc.saturated("th_sat_sigmoid_w80_lightning", 309, act="sigmoid", bias=6.8, lr=0.35, epochs=90,
                           width=80)
    info = cw.emit_lightning(tr, d, every=8, lr=True)
    return Result(tr, info, evs, mc.SAT_DESC.format(act="sigmoid (width 80)", b="-6.8", mom=0.9, lr=0.35)
                  + "; Lightning CSV every 8 updates with lr-SGD")


@run("th_sat_tanh_deep_keras", "saturation_recovery")
def _(d):
    tr, evs = mc.saturated("th_sat_tanh_deep_keras", 310, act="tanh", bias=3.2, lr=0.025, epochs=130,
                           width=56, depth=2)
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, evs, mc.SAT_DESC.format(act="tanh (2 hidden layers of 56)", b="+-3.2 on the top layer",
                                                    mom=0.9, lr=0.025)
                  + "; Keras CSVLogger per epoch (46 updates each) with lr")


# ------------------------------------------------------------------ instability


@run("th_spike_badbatch_text", "instability")
def _(d):
    spikes = [(1100, 14.0), (2900, 22.0)]
    tr = mc.digits_relu_run("th_spike_badbatch_text", 311, lr=0.035, epochs=85, width=112,
                            inject={s: mc.inject_bad_batch(k, s) for s, k in spikes})
    info = cw.emit_text(tr, d, every=3, lr=True)
    return Result(tr, info, mc.bad_batch_events(tr, spikes), "ReLU MLP 64-112-112-10 on digits, SGD momentum 0.9 "
                  "lr 0.035 constant; corrupted minibatches (inputs x14, x22, labels shuffled) injected at updates "
                  "1100 and 2900; nanoGPT-style stdout every 3 iters with lr")


@run("th_spike_badbatch_lightning", "instability")
def _(d):
    spikes = [(1700, 35.0)]
    tr = mc.digits_relu_run("th_spike_badbatch_lightning", 312, lr=0.025, epochs=70, width=144,
                            inject={s: mc.inject_bad_batch(k, s) for s, k in spikes})
    info = cw.emit_lightning(tr, d, every=4, lr=True)
    return Result(tr, info, mc.bad_batch_events(tr, spikes), "ReLU MLP 64-144-144-10 on digits, SGD momentum 0.9 "
                  "lr 0.025 constant; one corrupted minibatch (inputs x35, labels shuffled) at update 1700; "
                  "Lightning CSV every 4 updates with lr-SGD")


@run("th_diverge_lrrange_tb", "instability")
def _(d):
    name, seed, lr0, growth = "th_diverge_lrrange_tb", 313, 0.003, 1.45
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000)
    model = tl.mlp(20, [160, 160], 10, "relu")
    opt = mc.sgd(model, lr0, wd=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: growth ** (s / 156))
    tr = tl.train_classifier(name, model, data, epochs=30, batch_size=32, optimizer=opt, scheduler=sched,
                             scheduler_unit="step", probe_every=10, nan_tail_steps=200, loss="mse")
    tr.meta.update(lr0=lr0, n_val=2000, optimizer="SGD")
    if tr.diverged_at is None:
        raise RuntimeError(f"{name} did not diverge")
    ev = mc.divergence_event(tr, f"lr grown exponentially (x{growth} per 156 updates, applied every update) from "
                             f"{lr0}: an lr range test; non-finite at lr {tr.steps[tr.diverged_at - 1]['lr']:.3g}")
    info = cw.emit_tensorboard(tr, d, every=3, lr=True)
    return Result(tr, info, [ev], f"ReLU MLP 20-160-160-10 on the teacher task (squared error on logits), SGD "
                  f"momentum 0.9, lr range test: lr x{growth} per epoch, applied every update, from {lr0}; the loss "
                  f"falls, turns and explodes to NaN; TensorBoard train/loss and train/lr every 3 updates")


@run("th_diverge_warmup_dln_hf", "instability")
def _(d):
    warm, peak = 2500, 0.25
    tr, ev = mc.dln_warmup_divergence("th_diverge_warmup_dln_hf", 314, warm, peak, 4500)
    info = cw.emit_trainer_state(tr, d, logging_steps=5, train_batch_size=32)
    modes = mc.warmup_modes(tr, ev)
    return Result(tr, info, modes + [ev], f"depth-3 deep linear net (A's singular values 4, 2, 1, init 0.05), SGD "
                  f"with linear warmup over {warm} updates towards lr {peak} (past the stability limit): the loss "
                  f"blows up to inf/NaN during warmup; HF trainer_state logging_steps 5 with NaN losses. The "
                  f"singular modes learned early in warmup are labelled plateau_escape (dln_events), as in the "
                  f"corpus's warmup-divergence runs")


# ------------------------------------------------------------------ lr restart (SGDR)


@run("th_sgdr_teacher_wandb", "lr_restart")
def _(d):
    T_0, T_mult, lr0 = 600, 2, 0.08
    tr = mc.teacher_sched("th_sgdr_teacher_wandb", 315,
                          lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=T_mult),
                          epochs=30, lr0=lr0)
    info = cw.emit_wandb(tr, d, every=3, lr=True)
    return Result(tr, info, mc.restart_events(tr, T_0), f"ReLU MLP 20-256-256-10 on the teacher task, SGD momentum "
                  f"0.9, SGDR (CosineAnnealingWarmRestarts T_0={T_0} updates, T_mult={T_mult}, lr {lr0}, stepped "
                  f"per update): the loss jumps up at each restart; W&B history every 3 updates with train/lr",
                  schedule=sgdr_schedule(tr, info, T_0, T_mult, "step"))


@run("th_sgdr_epoch_mlflow_nolr", "lr_restart")
def _(d):
    T_0, lr0 = 7, 0.09
    tr = mc.teacher_sched("th_sgdr_epoch_mlflow_nolr", 316,
                          lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=1),
                          epochs=28, unit="epoch", lr0=lr0)
    info = cw.emit_mlflow(tr, d, every=5, lr=False, experiment_name="curvedoc-third")
    return Result(tr, info, mc.restart_events(tr, T_0 * 156), f"ReLU MLP 20-256-256-10 on the teacher task, SGD "
                  f"momentum 0.9, SGDR with T_0={T_0} epochs, T_mult=1, lr {lr0} (stepped per epoch, so the lr is "
                  f"constant within an epoch), restarts at epochs 7, 14, 21; MLflow train_loss every 5 updates, "
                  f"no learning_rate metric",
                  schedule=sgdr_schedule(tr, info, T_0, 1, "epoch", "restarts given as log steps; not in the log"))


# ------------------------------------------------------------------ warmup end (constant warmup)


@run("th_warmup_const_text", "warmup_end")
def _(d):
    warm, factor = 450, 0.02
    tr = mc.constant_warmup("th_warmup_const_text", 317, warm=warm, factor=factor)
    info = cw.emit_text(tr, d, every=3, lr=True)
    return Result(tr, info, [mc.constant_warmup_event(tr, 156)], f"ReLU MLP 20-256-256-10 on the teacher task, SGD "
                  f"momentum 0.9, constant warmup at lr {0.1 * factor:g} for {warm} updates, then lr 0.1 in one "
                  f"step (LambdaLR), 15 epochs; nanoGPT-style stdout every 3 iters with lr")


@run("th_warmup_const_wandb", "warmup_end")
def _(d):
    warm, factor = 1000, 0.2
    tr = mc.constant_warmup("th_warmup_const_wandb", 318, warm=warm, factor=factor, epochs=14)
    info = cw.emit_wandb(tr, d, every=4, lr=True)
    return Result(tr, info, [mc.constant_warmup_event(tr, 156)], f"ReLU MLP 20-256-256-10 on the teacher task, SGD "
                  f"momentum 0.9, constant warmup at lr {0.1 * factor:g} for {warm} updates, then lr 0.1 in one "
                  f"step (LambdaLR), 14 epochs; W&B history every 4 updates with train/lr")


# ------------------------------------------------------------------ epoch boundary


@run("th_epochs_memo_csv", "epoch_boundary")
def _(d):
    n, B, lr, epochs = 1536, 12, 7.0, 5
    tl.setup(319)
    tr = tl.train_memorisation("th_epochs_memo_csv", seed=319, epochs=epochs, n=n, batch_size=B, lr=lr)
    tr.meta.update(lr0=lr, optimizer="SGD", n_val=n)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    return Result(tr, info, mc.memo_events(tr), f"softmax regression on {n} unique nearly orthogonal 4096-d examples "
                  f"(half the labels random), SGD lr {lr:g} constant, batch {B}, {epochs} epochs: each exposure "
                  f"memorises the example, so the per-step loss is flat within an epoch and drops at every epoch "
                  f"start; per-step CSV with lr")


# ------------------------------------------------------------------ no event


@run("th_const_sgd_teacher_csv", "no_event")
def _(d):
    tr = mc.teacher_sched("th_const_sgd_teacher_csv", 320, None, epochs=28, lr0=0.008)
    info = cw.emit_generic_csv(tr, d, every=2, lr=True)
    return Result(tr, info, [], "ReLU MLP 20-256-256-10 on the teacher task, SGD momentum 0.9 lr 0.008 constant, "
                  "28 epochs; per-step CSV every 2 updates with lr", no_event=True)


@run("th_const_adam_digits_hf", "no_event")
def _(d):
    name, seed, lr = "th_const_adam_digits_hf", 321, 4e-4
    tl.setup(seed)
    data = tl.digits(seed)
    model = tl.mlp(64, [96, 96], 10, "relu")
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    tr = tl.train_classifier(name, model, data, epochs=55, batch_size=32, optimizer=opt, probe_every=20)
    tr.meta.update(lr0=lr, n_val=297, optimizer="Adam")
    info = cw.emit_trainer_state(tr, d, logging_steps=6, train_batch_size=32)
    return Result(tr, info, [], "ReLU MLP 64-96-96-10 on digits, Adam lr 4e-4 constant, 55 epochs; HF "
                  "trainer_state logging_steps 6", no_event=True)


@run("th_const_adamw_teacher_tb_nolr", "no_event")
def _(d):
    tr = mc.teacher_sched("th_const_adamw_teacher_tb_nolr", 322, None, epochs=22, opt="adamw", lr0=7e-4)
    info = cw.emit_tensorboard(tr, d, every=2, lr=False)
    return Result(tr, info, [], "ReLU MLP 20-256-256-10 on the teacher task, AdamW lr 7e-4 (weight decay 0.01) "
                  "constant, 22 epochs; TensorBoard train/loss every 2 updates, no lr tag", no_event=True)


@run("th_cosine_sgd_teacher_text_nolr", "no_event")
def _(d):
    total = 156 * 32
    tr = mc.teacher_sched("th_cosine_sgd_teacher_text_nolr", 323,
                          lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, total), epochs=32, lr0=0.06)
    info = cw.emit_text(tr, d, every=8, lr=False)
    return Result(tr, info, [], "ReLU MLP 20-256-256-10 on the teacher task, SGD momentum 0.9, CosineAnnealingLR "
                  "(per update, no restarts) from 0.06 to 0 over 32 epochs; stdout every 8 iters, no lr",
                  no_event=True)


@run("th_cosine_adamw_teacher_keras", "no_event")
def _(d):
    total = 156 * 28
    tr = mc.teacher_sched("th_cosine_adamw_teacher_keras", 324,
                          lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, total), epochs=28,
                          opt="adamw", lr0=1.5e-3)
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, [], "ReLU MLP 20-256-256-10 on the teacher task, AdamW cosine decay (per update, no "
                  "restarts) from 1.5e-3 to 0 over 28 epochs; Keras CSVLogger per epoch with lr", no_event=True)


# ------------------------------------------------------------------ driver


INTRO = ("Generated by `benchmarks/make_third.py` with the corpus machinery (truth from training internals, "
         "same schema as benchmarks/corpus and benchmarks/holdout), without running curvedoc on it.")


def write_index(out_root, truths, total_secs):
    mc.write_later_index(out_root, truths, total_secs, "third", INTRO, [
        "`probe rise` (`checks.max_probe_loss_rise`) is the largest ratio of the full-training-set loss to "
        "its running minimum after update 200, for runs without an upward event."])


def main(argv=None):
    return mc.set_main(argv, __doc__, RUNS, OUT, write_index)


if __name__ == "__main__":
    sys.exit(main())
