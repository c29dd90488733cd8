"""The run summary's sentences on real and realistic runs: overfitting, a stage flat before its decay, a run that got worse."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from realdata import REAL_LOGS
from small_runs import (ADAM_STEPLR, CNN_ADAM_CONSTANT, LABEL_NOISE_MEMORISE, write_csv, write_label_noise_memorise,
                        write_warmup_too_high, write_warmup_held_too_high)

from curvedoc.analysis import analyze
from curvedoc.check import check
from curvedoc import summary as summary_mod
from curvedoc.summary import overfitting, summarize

WHISPER = REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json"


def write(path, steps, **columns):
    path.write_text("step," + ",".join(columns) + "\n" + "".join(
        f"{s}," + ",".join(f"{columns[c][i]:.6g}" for c in columns) + "\n" for i, s in enumerate(steps)))
    return path


def test_real_whisper_eval_loss_rises_while_training_loss_falls():
    # PROVENANCE: eval_loss 0.321 (step 1000) -> 0.358 -> 0.394 -> 0.412 -> 0.420 (step 5000).
    (ra,) = analyze(WHISPER)
    of = overfitting(ra)
    assert (of.metric, of.best_step, of.last_step, of.window) == ("eval_loss", 1000, 5000, 1)
    assert of.best == pytest.approx(0.321, abs=5e-4) and of.last == pytest.approx(0.420, abs=5e-4)
    [line] = [line for line in summarize(ra) if line.startswith("overfitting: eval_loss bottomed at 0.321 at step 1000")]
    # Five evaluations, too few to look for transitions in (the report's own note): the line says it rests on them.
    assert line.endswith("(from 5 points, too few for medians)")
    [eval_loss] = [sa for sa in ra.metrics if sa.name == "eval_loss"]
    assert any(note.startswith("too few points to look for transitions in: 5 points") for note in eval_loss.notes)


def test_a_held_out_loss_memorising_noisy_labels_is_overfitting_through_a_noisy_evaluation(tmp_path):
    # p46: the held-out loss bottoms near epoch 18 and climbs to ~1.07 while training falls; its
    # epoch-59 evaluation, a point above its neighbours, reads as a spike that comes down onto the
    # higher level only. That is the curve parting from training (0.5, under check's 0.6), not a
    # run thrown off (0.6 failed check), and the summary reads the loss's rise, not val_acc's fall.
    (ra,) = analyze(write_label_noise_memorise(tmp_path / "history.csv"))
    [val_loss] = [sa for sa in ra.metrics if sa.name == "val_loss"]
    [spike] = [e for e in val_loss.events if e.kind == "spike"]
    assert 55 <= spike.step <= 61 and (spike.label, spike.confidence) == ("instability", 0.5)
    assert any("train_loss kept improving across it" in x and "parting" in x for x in spike.evidence)
    of = overfitting(ra)
    assert (of.metric, of.train_metric) == ("val_loss", "train_loss") and 14 <= of.best_step <= 22
    assert of.last / of.best > 1.6
    assert any(line.startswith("overfitting: val_loss bottomed at") for line in summarize(ra))
    assert check([tmp_path / "history.csv"]).findings == []


def test_a_bad_evaluation_on_an_overfitting_held_out_loss_does_not_hide_its_rise(tmp_path):
    # The same run with its epoch-90 evaluation made on a broken batch (x3, back at the next one):
    # a spike that comes back is instability, and the rise from epoch 18 before it is overfitting still.
    table = {c: v.split() for c, v in LABEL_NOISE_MEMORISE.items()}
    table["val_loss"][89] = f"{3 * float(table['val_loss'][89]):.5f}"
    (ra,) = analyze(write_csv(tmp_path / "history.csv", {"epoch": list(range(1, 121)), **table}))
    [val_loss] = [sa for sa in ra.metrics if sa.name == "val_loss"]
    assert any(e.kind == "spike" and e.step == 90 and e.label == "instability" and e.confidence >= 0.6
               for e in val_loss.events)
    assert overfitting(ra).metric == "val_loss"


def test_a_held_out_loss_that_overfit_before_a_jump_is_overfitting_up_to_the_jump(tmp_path):
    # p59: Goyal et al.'s warmup and step decays on too high an LR; logged on the samples seen. The
    # held-out loss bottoms at 1.08 in epoch 2 and creeps up to 1.49 while the training loss falls,
    # then jumps 6% in one epoch and holds: the jump is instability, and the creep before it was
    # said nowhere ("a held-out loss blowing up" left no overfitting to read).
    from small_runs import write_goyal_samples

    (ra,) = analyze(write_goyal_samples(tmp_path / "metrics.csv"))
    [val_loss] = [sa for sa in ra.metrics if sa.name == "val_loss"]
    (jump,) = [e for e in val_loss.events if e.direction == "up"]
    assert jump.step == 160000 and jump.kind == "rise" and jump.label == "instability"
    found = overfitting(ra)
    assert (found.metric, found.best_step, found.train_metric) == ("val_loss", 6400, "train_loss"), found
    assert found.last_step < jump.start_step  # the rise it reads is the creep, not the jump


def test_a_held_out_error_at_zero_throughout_is_no_overfitting(tmp_path):
    # A word error rate on a task the model solves from its first evaluation: 0 at every one. It read
    # "overfitting: eval_wer bottomed at 0 at step 200 and rose 0% to 0": a level that never moved rose.
    steps = np.arange(10, 2401, 10)
    loss = 2.0 * np.exp(-steps / 300) + 0.01
    wer = np.where(steps % 200 == 0, 0.0, np.nan)
    (ra,) = analyze(write_csv(tmp_path / "metrics.csv", {"step": steps, "loss": loss.round(4), "eval_wer": wer}))
    assert overfitting(ra) is None


def test_levels_near_the_float_maximum_give_no_summary_line_of_infinities(tmp_path):
    # A hostile log: a loss held at 1.7e308, then 1e307. The medians of its first points overflow to inf
    # (two of them averaged), and the summary said "loss climbed back nanx: its level rose from inf at step 15
    # to inf at step 15".
    steps = np.arange(600)
    (ra,) = analyze(write_csv(tmp_path / "huge.csv", {"step": steps, "loss": np.where(steps < 300, 1.7e308, 1e307)}))
    lines = summarize(ra)
    assert lines and not any(re.search(r"\b(nan|inf)\b", line) for line in lines), lines


def per_step(path, val_level, seed=1):
    rng = np.random.default_rng(seed)
    steps = np.arange(1, 3001)
    train = (0.2 + 2 * (steps / 50 + 1) ** -0.7) * np.exp(0.2 * rng.standard_normal(len(steps)))
    val = val_level(steps) * np.exp(0.15 * rng.standard_normal(len(steps)))
    (ra,) = analyze(write(path, steps, train_loss=train, val_loss=val))
    return ra


def test_a_noisy_held_out_loss_still_falling_is_no_overfitting(tmp_path):
    # Its luckiest batch (0.45 near the end) lies 40% under where it ends: single points read
    # "bottomed at 0.446 and rose 70%" while the level never stopped falling.
    ra = per_step(tmp_path / "falling.csv", lambda s: 0.6 + 1.5 * (s / 50 + 1) ** -0.7)
    assert overfitting(ra) is None
    assert not any(line.startswith("overfitting") for line in summarize(ra))


def test_a_noisy_held_out_loss_that_turns_up_is_overfitting_read_on_levels(tmp_path):
    # The level bottoms at 0.5 at step 1500 and climbs back to 0.8 by step 3000.
    ra = per_step(tmp_path / "u.csv", lambda s: 0.5 + 0.3 * ((s - 1500) / 1500) ** 2)
    of = overfitting(ra)
    assert of.metric == "val_loss" and of.window == 150
    assert abs(of.best_step - 1500) < 400 and of.best == pytest.approx(0.5, rel=0.05)
    assert of.last == pytest.approx(0.8, rel=0.08)
    assert any(line.endswith("(medians of 150 points)") for line in summarize(ra))



def epoch_run(path, n, seed, rise, noise=0.05):
    """A per-epoch run: training loss falling as a power law, held-out loss settling at 0.5 under
    ``noise`` (relative) and climbing ``rise`` (relative, linearly) over the second half."""
    rng = np.random.default_rng(seed)
    ep = np.arange(n)
    train = 2.0 * (ep + 1) ** -0.7 * np.exp(rng.normal(0, 0.03, n))
    val = 0.5 * (1 + 1.5 / (ep + 1)) * np.exp(rise * np.clip(ep - n / 2, 0, None) / (n / 2) + rng.normal(0, noise, n))
    (ra,) = analyze(write(path, ep, train_loss=train, val_loss=val))
    return overfitting(ra)


@pytest.mark.parametrize("n", [27, 60, 200])
def test_a_flat_noisy_held_out_loss_is_rarely_read_as_overfitting(tmp_path, n):
    # Its lowest level lies below the curve by chance, and the medians the levels are have a
    # fourth more noise than means; read as means, on the few points after the lowest, such a
    # wander was "overfitting" on 3, 4 and 7 of these 40 runs. A rise of a fifth is still found.
    flat = sum(epoch_run(tmp_path / f"f{s}.csv", n, s, 0.0) is not None for s in range(40))
    assert flat <= 1
    risen = sum(epoch_run(tmp_path / f"r{s}.csv", n, s, 0.2) is not None for s in range(20))
    assert risen >= (12 if n < 40 else 19)


def test_a_held_out_loss_higher_at_a_higher_cyclic_lr_is_no_overfitting():
    # A triangular cyclic LR (fifth set, W&B): the held-out loss is lowest at the cycle's low LR and
    # ends higher at a higher one. The schedule's doing, not memorising.
    folder = Path(__file__).resolve().parents[1] / "benchmarks" / "fifth" / "fi_cyclic_tri_teacher_wandb"
    (ra,) = analyze(folder / json.loads((folder / "truth.json").read_text())["log"])
    assert ra.schedule.lr_at(3120) > 1.5 * ra.schedule.lr_at(936)
    assert overfitting(ra) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_held_out_accuracy_falling_from_its_peak_while_training_improves_is_overfitting(tmp_path, seed):
    # Memorising noisy labels, as an early-stopped Trainer run on 35% flipped labels did (probe36):
    # the held-out accuracy peaks at 0.95 by epoch 5 and ends at 0.83 while the training loss keeps
    # falling. Its held-out loss only wandered, and only a loss's rise was read: the summary said
    # nothing of it.
    rng = np.random.default_rng(seed)
    epochs = np.arange(1, 28)
    train = 2.0 * epochs ** -0.6 * np.exp(0.03 * rng.standard_normal(len(epochs)))
    val_acc = np.minimum(0.95, 0.8 + 0.03 * epochs) - 0.006 * np.maximum(epochs - 5, 0) \
        + 0.008 * rng.standard_normal(len(epochs))
    (ra,) = analyze(write(tmp_path / "run.csv", epochs, train_loss=train, val_accuracy=val_acc))
    of = overfitting(ra)
    assert of.metric == "val_accuracy" and of.best > of.last and abs(of.best_step - 5) <= 3
    [line] = [line for line in summarize(ra) if line.startswith("overfitting: val_accuracy peaked at ")]
    assert " and fell " in line and line.endswith("while train_loss kept improving (medians of 3 points)")
    # A held-out accuracy that only wanders about its level is none.
    flat = np.minimum(0.95, 0.8 + 0.03 * epochs) + 0.008 * rng.standard_normal(len(epochs))
    (ra,) = analyze(write(tmp_path / "flat.csv", epochs, train_loss=train, val_accuracy=flat))
    assert overfitting(ra) is None


def test_a_held_out_accuracy_lost_as_training_blew_up_is_no_overfitting(tmp_path):
    # No clipping at an LR too large (probe37): the training loss climbs from 1.8 to about 100 over
    # steps 30-230 and wanders there until an LR cut at 1501 brings it to 2.4, chance for ten
    # classes; the held-out accuracy falls from 0.72 to 0.09. The loss ends "better" than at the
    # top of its climb, but no better than before it: "overfitting: val/acc peaked ... while
    # train/loss kept improving" told a diverged run's story as a memorising one's.
    rng = np.random.default_rng(37)
    steps = np.arange(1, 3001)
    climb = np.clip((steps - 30) / 200, 0, 1)
    train = np.where(steps <= 1500, 1.8 * (100 / 1.8) ** climb, 2.4) * np.exp(0.2 * rng.standard_normal(len(steps)))
    evals = np.arange(50, 3001, 50)
    acc = np.where(evals <= 50, 0.72, np.where(evals <= 100, 0.28, 0.09)) + 0.01 * rng.standard_normal(len(evals))
    frame = pd.DataFrame({"step": steps, "train/loss": train}).merge(
        pd.DataFrame({"step": evals, "val/acc": acc}), on="step", how="left")
    frame.to_csv(tmp_path / "run.csv", index=False)
    (ra,) = analyze(tmp_path / "run.csv")
    assert overfitting(ra) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_held_out_loss_rising_beside_a_training_loss_gone_flat_is_not_said_to_part_from_it(tmp_path, seed):
    # The training loss levels at 0.3 from step 1000 (its end medians 0.3% apart, a tenth of a
    # standard error) while the held-out loss climbs 30%: "overfitting ... while train_loss kept
    # improving" was said on the sign of a difference within the noise.
    rng = np.random.default_rng(seed)
    steps = np.arange(1, 3001)
    train = np.maximum(0.3, 2.0 * np.exp(-steps / 200)) * np.exp(0.2 * rng.standard_normal(len(steps)))
    val = (0.5 + 0.15 * np.clip((steps - 1500) / 1500, 0, None)) * np.exp(0.05 * rng.standard_normal(len(steps)))
    (ra,) = analyze(write(tmp_path / "flat.csv", steps, train_loss=train, val_loss=val))
    assert overfitting(ra) is None
    # Still falling, 0.3 to 0.2 over the same stretch: the held-out curve parts from it.
    train = np.maximum(0.3 - 0.1 * np.clip((steps - 1500) / 1500, 0, None), 2.0 * np.exp(-steps / 200)) \
        * np.exp(0.2 * rng.standard_normal(len(steps)))
    (ra,) = analyze(write(tmp_path / "falling.csv", steps, train_loss=train, val_loss=val))
    assert overfitting(ra).train_metric == "train_loss"


def test_one_lucky_epoch_of_thirty_is_no_bottom(tmp_path):
    # Single points read "bottomed at 0.1137 at epoch 25 and rose 5% to 0.1196": the lowest of
    # thirty noisy values against the last one. Read on medians of three it has not risen.
    # A small CNN at a constant LR (tests/small_runs.py).
    (ra,) = analyze(write_csv(tmp_path / "cnn.csv", CNN_ADAM_CONSTANT))
    assert overfitting(ra) is None
    # The same epochs with the held-out loss climbing from epoch 20 on are overfitting.
    val = CNN_ADAM_CONSTANT["val_loss"]
    climbing = {**CNN_ADAM_CONSTANT, "val_loss": val[:20] + [val[19] * (1 + 0.04 * k) for k in range(1, 11)]}
    (ra,) = analyze(write_csv(tmp_path / "climb.csv", climbing))
    of = overfitting(ra)
    assert of.metric == "val_loss" and of.window == 3 and 17 <= of.best_step <= 21 and of.rise > 0.3


def test_a_stage_still_falling_into_its_decay_is_not_called_flat(tmp_path):
    # StepLR at epoch 11 (tests/small_runs.py): the training loss falls 14-20% an epoch into the
    # decay. Its last two epochs lie near its end level, as any stage's do; two points are no
    # flat stretch, so no earlier decay would have saved anything.
    (ra,) = analyze(write_csv(tmp_path / "history.csv", ADAM_STEPLR))
    train = next(m for m in ra.metrics if m.name == "train_loss")
    assert [e.step for e in train.events if e.label == "lr_decay"] == [11]
    assert not any("earlier decay" in line for line in summarize(ra))
    # Held four more epochs at its level before the decay, the stage did go flat, and says so; three
    # more (four points at the level after an epoch 14% above it: a line moving -11%) are too few to tell.
    held = {c: v[:10] + [v[9]] * 4 + v[10:] for c, v in ADAM_STEPLR.items() if c != "epoch"}
    held["epoch"] = list(range(1, 35))
    (ra,) = analyze(write_csv(tmp_path / "held.csv", held, ["epoch", "lr", "train_loss"]))
    assert any(line.startswith("stage 1 levelled off at epoch 10,") and "before the decay at 15" in line
               for line in summarize(ra)), summarize(ra)
    held = {c: v[:10] + [v[9]] * 3 + v[10:] for c, v in ADAM_STEPLR.items() if c != "epoch"}
    held["epoch"] = list(range(1, 34))
    (ra,) = analyze(write_csv(tmp_path / "held3.csv", held, ["epoch", "lr", "train_loss"]))
    assert not any("earlier decay" in line for line in summarize(ra)), summarize(ra)


def test_a_run_that_ends_far_worse_than_its_best_says_so():
    # Two real runs from one seed with the same two corrupted minibatches (fourth set): without
    # gradient clipping the training loss never gets back, ending 6x its best level at a constant
    # LR; with clipping it recovers, and nothing is said.
    fourth = Path(__file__).resolve().parents[1] / "benchmarks" / "fourth"
    lines = {}
    for name in ("fo_spike_noclip_teacher_mlflow", "fo_spike_clip_teacher_tb"):
        truth = json.loads((fourth / name / "truth.json").read_text())
        (ra,) = analyze(fourth / name / truth["log"])
        lines[name] = [line for line in summarize(ra) if " got worse" in line]
    (line, acc) = lines["fo_spike_noclip_teacher_mlflow"]
    assert acc.startswith("val_acc got worse: its level fell from its best, 0.816 at step 1092, to 0.435")
    ratio = float(re.search(r"ended ([\d.]+)x its best", line).group(1))
    assert line.startswith("train_loss got worse") and 4 < ratio < 10
    assert lines["fo_spike_clip_teacher_tb"] == []
    # A no-event run at a constant LR does not get worse.
    corpus = fourth.parent / "corpus" / "const_sgd_teacher_mlflow"
    (ra,) = analyze(corpus / json.loads((corpus / "truth.json").read_text())["log"])
    assert not any(" got worse" in line for line in summarize(ra))


def test_a_noisy_per_step_loss_still_sliding_is_not_flat_before_its_decay(tmp_path):
    # A per-step loss with 30% minibatch noise, falling 37% at a steady pace over the 1500 steps
    # before its x0.1 decay: each point lies within the noise band of the stage's end level, but
    # the stretch slides. A claim may only start where the line over the rest of the stage moves
    # less than the noise can hide, and names the LR's own step.
    rng = np.random.default_rng(4)
    steps = np.arange(5, 2501, 5)
    lr = np.where(steps < 1505, 0.1, 0.01)
    level = np.exp(-0.46 * np.minimum(steps, 1500) / 1500)
    loss = level * np.where(steps >= 1505, 0.6, 1.0) * np.exp(rng.normal(0, 0.3, len(steps)))
    (ra,) = analyze(write(tmp_path / "train.csv", steps, lr=lr, loss=loss))
    lines = [line for line in summarize(ra) if "earlier decay" in line]
    for line in lines:
        start = int(re.search(r"levelled off at step (\d+)", line).group(1))
        assert start > 500 and "before the decay at 1505" in line, line


def test_a_log_kept_per_epoch_is_summarised_and_checked_in_epochs(tmp_path):
    # A Keras CSVLogger log: a held-out loss thrown up for one epoch at epoch 12. The summary
    # and check's finding count epochs, as the log does ("first at step 12" on a log of epochs).
    import subprocess
    import sys

    from curvedoc.analysis import analyze
    from curvedoc.summary import summarize

    rng = np.random.default_rng(1)
    rows = []
    for epoch in range(40):
        loss = (0.3 + 1.9 * np.exp(-epoch / 6)) * np.exp(0.02 * rng.standard_normal())
        val = (0.35 + 1.9 * np.exp(-epoch / 6)) * np.exp(0.02 * rng.standard_normal()) * (4.0 if epoch == 12 else 1.0)
        rows.append(f"{epoch},{loss:.5f},{val:.5f}")
    log = tmp_path / "training.log"
    log.write_text("epoch,loss,val_loss\n" + "\n".join(rows) + "\n")
    (ra,) = analyze(log)
    assert ra.run.step_axis == "epoch"
    assert any(line.startswith("instability:") and line.endswith("first at epoch 12") for line in summarize(ra)), \
        summarize(ra)
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(log)], capture_output=True, text=True)
    assert res.returncode == 1 and ": val_loss: epoch 12: instability" in res.stdout, res.stdout


def test_one_last_point_above_the_best_is_no_overfitting(tmp_path):
    # A five-epoch Keras log whose val_loss rose at its last epoch only: the JSON reported
    # overfitting from that point while the text said the run had too few points.
    log = tmp_path / "training.log"
    log.write_text("epoch,loss,lr,val_loss\r\n" + "".join(
        f"{e},{l},0.001,{v}\r\n" for e, (l, v) in enumerate(zip([1.2, 0.7, 0.5, 0.4, 0.33],
                                                                [0.9, 0.7, 0.65, 0.628, 0.756]))))
    [ra] = analyze(log)
    assert overfitting(ra) is None
    # Two points above it are the rise the rule reads.
    log.write_text(log.read_text() + "5,0.28,0.001,0.79\r\n")
    [ra] = analyze(log)
    of = overfitting(ra)
    assert of is not None and of.metric == "val_loss" and of.best_step == 3


def test_a_training_loss_collapsed_to_chance_is_not_still_improving(tmp_path):
    # Too high an LR: the per-step training loss (noise 0.25) leaves 1.27 through a turbulent
    # stretch for ln 4 (chance, four classes) and stays; the held-out loss, logged every 50 steps,
    # bottoms at step 99 and ends at chance too. Read on the last five per-step values at the
    # held-out bottom, mid-turbulence, the training loss "kept improving" and the summary called
    # the collapse overfitting.
    rng = np.random.default_rng(3)
    steps = np.arange(0, 3000)
    level = np.select([steps < 80, steps < 160], [1.27, 1.6], np.log(4))
    train = level + np.where(steps < 160, 0.25, 0.05) * rng.standard_normal(len(steps))
    at = np.arange(49, 3000, 50)
    val = dict(zip(at, np.select([at < 100, at < 160], [1.23, 1.9], np.log(4)) + 0.01 * rng.standard_normal(len(at))))
    path = tmp_path / "chance.csv"
    path.write_text("step,loss,val_loss\n" + "".join(
        f"{s},{t:.5f}," + (f"{val[s]:.5f}" if s in val else "") + "\n" for s, t in zip(steps, train)))
    (ra,) = analyze(path)
    assert overfitting(ra) is None
    assert not any(line.startswith("overfitting") for line in summarize(ra))


def test_a_held_out_loss_parting_from_training_is_overfitting_though_its_event_says_instability(tmp_path):
    # A Keras run (one row per epoch): val_loss 0.83 for eight epochs, then up 3% an epoch to 1.46
    # while the training loss falls 0.95 -> 0.04. The rise at epoch 9 is an event whose evidence says
    # the held-out curve parts from the training one; that event had kept the overfitting line out.
    epochs = np.arange(40)
    train = 0.04 + 1.0 * np.exp(-epochs / 7)
    lr = 0.1 * 0.9 ** epochs
    val = np.r_[[0.922, 0.880, 0.851, 0.833, 0.840, 0.846, 0.830, 0.841, 0.832],
                1.48 - 0.59 * np.exp(-(epochs[9:] - 9) / 10.5)]
    path = tmp_path / "training.log"
    path.write_text("epoch,loss,lr,val_loss\n" + "".join(
        f"{e},{t:.5f},{r:.6g},{v:.5f}\n" for e, t, r, v in zip(epochs, train, lr, val)))
    (ra,) = analyze(path)
    rises = [e for sa in ra.metrics if sa.name == "val_loss" for e in sa.events if e.direction == "up"]
    assert rises and all(e.label == "instability" and "overfitting" in " ".join(e.evidence) for e in rises)
    of = overfitting(ra)
    assert of is not None and of.metric == "val_loss" and of.best_step <= 9
    assert any(line.startswith("overfitting: val_loss bottomed at") for line in summarize(ra))


def test_a_decay_the_curve_did_not_show_still_starts_the_stretch_judged_flat(tmp_path):
    # The held StepLR run above, with a halving of the LR logged at epoch 9, which the loss does
    # not show (it is flat from there). Stage 1 then holds two LR stretches: the advice
    # measured the time lost against the whole stage, across the halving. It is measured from the
    # halving, and says so.
    held = {c: v[:10] + [v[9]] * 4 + v[10:] for c, v in ADAM_STEPLR.items() if c != "epoch"}
    held["epoch"] = list(range(1, 35))
    held["lr"] = [lr / 2 if 9 <= e < 15 else lr for e, lr in zip(held["epoch"], held["lr"])]
    (ra,) = analyze(write_csv(tmp_path / "held.csv", held, ["epoch", "lr", "train_loss"]))
    assert [c.step for c in ra.schedule.changes if c.kind == "lr_decay"][:2] == [9, 15]
    (line,) = [line for line in summarize(ra) if "earlier decay" in line]
    flat_from = int(re.search(r"levelled off at epoch (\d+)", line).group(1))
    share = int(re.search(r"saved ~(\d+)%", line).group(1))
    assert line.startswith("stage 1 ") and 9 <= flat_from < 15
    assert line.endswith("of the stretch since the change at 9") and share == round(100 * (15 - flat_from) / 6)


def test_overfitting_and_fp16_overflows_are_not_counted_as_the_run_s_instability(tmp_path):
    # The two low-confidence instability verdicts `check` passes by: a small run with 20% label
    # noise (tests/small_runs.py) whose held-out accuracy settles lower while training improves,
    # and an fp16 loss overflowing at three steps, its loss scale halving each time. The summary
    # said "instability: 1 event"; it says what each is instead.
    from small_runs import ADAM_KERAS_NOISY_LABELS, write_fp16_overflow_run

    (ra,) = analyze(write_csv(tmp_path / "training.log", ADAM_KERAS_NOISY_LABELS))
    held = [e for sa in ra.metrics for e in sa.events if e.label == "instability"]
    assert held and all(e.confidence < 0.6 for e in held)
    lines = summarize(ra)
    assert not any(ln.startswith("instability:") for ln in lines), lines
    assert any(ln.startswith(("overfitting:", "held-out curve parting:")) for ln in lines), lines
    (ra,) = analyze(write_fp16_overflow_run(tmp_path / "metrics.csv"))
    lines = summarize(ra)
    assert not any(ln.startswith("instability:") for ln in lines), lines
    (said,) = [ln for ln in lines if ln.startswith("fp16 overflows:")]
    assert "first at step 301" in said  # loss[300] is step 301


def test_a_score_sliding_back_below_its_start_over_a_third_of_the_run_got_worse():
    # An accuracy rising to 0.95 by step 500, then sliding to 0.05 over 300 steps: too slow for a
    # transition, and the summary, which says a loss "got worse", said nothing of a score.
    import pandas as pd

    rng = np.random.default_rng(9)
    steps = np.arange(1, 1001)
    acc = np.select([steps <= 500, steps <= 800], [0.5 + 0.45 * (1 - np.exp(-steps / 80)),
                                                   0.95 - 0.9 * (steps - 500) / 300], 0.05)
    (ra,) = analyze(pd.DataFrame({"step": steps, "val_acc": acc + rng.normal(0, 0.005, 1000)}))
    [line] = [s for s in summarize(ra) if "got worse" in s]
    assert line.startswith("val_acc got worse: its level fell from its best, 0.9") and "below where it started" in line
    # Real scores that hold what they gained say nothing of the kind: an Atari agent's noisy reward,
    # BraTS's accuracies.
    for log in (REAL_LOGS / "wandb_offline_history_spaceinvaders", REAL_LOGS / "keras_csvlogger_brats2020"):
        for ra in analyze(log):
            assert not [s for s in summarize(ra) if "its level fell" in s], log


def test_a_vaes_kl_term_rising_as_its_reconstruction_falls_is_no_overfitting():
    # A VAE trades its terms: val/kl rose 7% from step 1200 while val/recon fell. It was reported
    # as overfitting "while train/loss kept improving".
    import pandas as pd

    rng = np.random.default_rng(10)
    steps = np.arange(10, 2501, 10)
    noise = lambda: np.exp(rng.normal(0, 0.004, len(steps)))  # noqa: E731
    frame = pd.DataFrame({"step": steps, "train/loss": (20 + 10 * np.exp(-steps / 1500)) * noise(),
                          "val/kl": (3.1 + 2 * np.exp(-steps / 200)
                                     + 0.25 * np.clip((steps - 1200) / 1300, 0, 1)) * noise(),
                          "val/recon": (22 - 0.5 * np.clip((steps - 1200) / 1300, 0, 1)) * noise()})
    (ra,) = analyze(frame)
    assert overfitting(ra) is None
    assert not [s for s in summarize(ra) if s.startswith("overfitting")]


def test_a_summary_of_drops_labelled_weakly_says_so():
    # Two drops at the epoch starts of a 3-epoch fine-tune under a linear decay, labelled lr_decay at
    # 0.45 and 0.60 ("too little to make a cliff by itself"): the summary said "both follow LR decays".
    import pandas as pd

    rng = np.random.default_rng(20)
    steps = np.arange(10, 1201, 10)
    lr = np.where(steps <= 100, 5e-5 * steps / 100, 5e-5 * (1200 - steps) / 1100)
    level = 1.4 * np.exp(-steps / 900) * np.where(steps >= 400, 0.8, 1.0) * np.where(steps >= 800, 0.8, 1.0)
    frame = pd.DataFrame({"step": steps, "loss": level * np.exp(rng.normal(0, 0.01, len(steps))),
                          "learning_rate": lr, "epoch": steps / 400})
    (ra,) = analyze(frame)
    assert [(e.step, e.label, e.confidence) for e in ra.metrics[0].events] == \
        [(400, "lr_decay", 0.45), (800, "lr_decay", 0.6)]
    assert summarize(ra)[0].endswith("both follow LR decays (a weak reading: labelled at 0.45-0.6)")


def test_a_held_out_loss_lowest_three_points_from_its_end_is_no_overfitting(tmp_path):
    # A real constant-LR run (MLP on digits, SGD 0.02): the training loss averaged per 100 steps,
    # and a held-out loss every 100 steps wandering 0.23-0.49 with no trend after step 500. Its
    # lowest level (a lucky 0.228 among three) is three points from the end.
    train = [2.1627, 1.3575, 1.1589, 1.0717, 0.9264, 0.9252, 0.9396, 0.8418, 0.9024, 0.8937, 0.8006, 0.8948,
             0.849, 0.8086, 0.8116, 0.8181, 0.7904, 0.8178, 0.7518, 0.7785, 0.7111, 0.83, 0.752, 0.732, 0.7255]
    val = [1.5472, 0.8491, 0.6328, 0.4478, 0.3298, 0.3615, 0.3268, 0.3425, 0.356, 0.49, 0.3897, 0.3589, 0.3589,
           0.3701, 0.4854, 0.361, 0.2908, 0.3778, 0.3409, 0.3848, 0.2277, 0.3523, 0.2663, 0.3292, 0.3726]
    log = write(tmp_path / "metrics.csv", range(100, 2600, 100), loss=train, val_loss=val)
    (ra,) = analyze(log)
    assert overfitting(ra) is None
    assert not any(line.startswith("overfitting") for line in summarize(ra))


ONE_CYCLE_LOSS = [  # a real OneCycleLR run (MLP on digits, SGD, peak LR 0.4), means of 28 steps
    2.2781, 1.9805, 0.833, 0.5469, 0.3161, 0.2989, 0.2111, 0.3498, 0.2126, 0.3068, 0.2758, 0.7052, 0.4607, 0.4719,
    0.7039, 0.6119, 0.9009, 0.6138, 0.8125, 0.871, 0.8828, 0.6319, 0.7333, 0.4634, 0.4883, 0.4419, 0.4188, 0.3143,
    0.3356, 0.4008, 0.2277, 0.1701, 0.274, 0.1724, 0.09, 0.2184, 0.2077, 0.2807, 0.1941, 0.1174, 0.063, 0.0738,
    0.0788, 0.0696, 0.0471, 0.048, 0.0432, 0.0541, 0.0305, 0.0246, 0.021, 0.0146, 0.0182, 0.0183, 0.0155, 0.0062,
    0.0165, 0.0129, 0.0083, 0.014]
ONE_CYCLE_LR = [
    0.0187, 0.0272, 0.0412, 0.0603, 0.0839, 0.111, 0.142, 0.174, 0.207, 0.241, 0.273, 0.304, 0.331, 0.355, 0.374,
    0.388, 0.397, 0.4, 0.399, 0.398, 0.395, 0.391, 0.386, 0.38, 0.373, 0.365, 0.356, 0.347, 0.336, 0.325, 0.313, 0.3,
    0.287, 0.273, 0.259, 0.245, 0.23, 0.215, 0.2, 0.185, 0.17, 0.155, 0.141, 0.127, 0.113, 0.1, 0.0873, 0.0753,
    0.064, 0.0534, 0.0436, 0.0348, 0.0268, 0.0198, 0.0138, 0.00889, 0.00502, 0.00224, 0.000561, 1.6e-06]


def test_a_loss_climbing_back_fourfold_at_a_one_cycle_peak_is_said(tmp_path):
    # The loss fell to ~0.21 by step 200, climbed back to ~0.85 while the LR rose to its peak
    # 0.4 over some 300 steps, and came down as the LR annealed: no transition tells that.
    log = write(tmp_path / "metrics.csv", range(28, 28 * 61, 28), loss=ONE_CYCLE_LOSS, lr=ONE_CYCLE_LR)
    (ra,) = analyze(log)
    assert not [e for e in ra.metrics[0].events if e.direction == "up"]
    (line,) = [x for x in summarize(ra) if "climbed back" in x]
    best, top, back = map(int, re.search(r"at step (\d+) to .* at step (\d+).* by step (\d+)", line).groups())
    assert 150 <= best <= 340 and 400 <= top <= 620 and top < back <= 900
    assert "while the LR rose from" in line


@pytest.mark.parametrize("seed", range(6))
def test_per_step_noise_or_a_loss_only_falling_climbs_back_nowhere(tmp_path, seed):
    # Batch-of-4 losses, a factor of ten either way from step to step, over 400 steps: medians
    # of 20 of them wander two- or threefold, the noise on the log scale says by how much.
    rng = np.random.default_rng(seed)
    steps = np.arange(1, 401)
    noisy = 2.0 * steps ** -0.3 * rng.exponential(1.0, len(steps))
    (ra,) = analyze(write(tmp_path / "noisy.csv", steps, loss=noisy))
    assert not [x for x in summarize(ra) if "climbed back" in x]
    falling = sorted(ONE_CYCLE_LOSS, reverse=True)
    (ra,) = analyze(write(tmp_path / "falling.csv", range(28, 28 * 61, 28), loss=falling))
    assert not [x for x in summarize(ra) if "climbed back" in x]



def test_a_loss_noisier_near_zero_than_over_the_run_climbs_back_nowhere():
    # A real Lightning run (a tanh net escaping its saddle, then a per-step loss of 0.001-0.19 near
    # zero at a constant LR): 18-point medians there wander 0.0039 -> 0.0129 and back. Read against
    # the run's log-scale noise (0.55, its calm early part included) that was a 3.3x climb; the
    # stretch's own is larger, and the wander is within it.
    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
    (ra,) = analyze(corpus / "tanh_smallinit_lightning" / "lightning_logs" / "version_0" / "metrics.csv")
    assert not [x for x in summarize(ra) if "climbed back" in x], summarize(ra)

def test_overfitting_in_a_log_of_held_out_metrics_only_claims_no_training_curve(tmp_path):
    # A Keras history kept with validation metrics only: the held-out loss bottoms at epoch 4 and
    # climbs, the held-out accuracy stays where it was. It is no training curve that "kept improving".
    rng = np.random.default_rng(4)
    epochs = np.arange(45)
    val_loss = 0.85 + 0.01 * (epochs - 4) ** 2 / 4 * (epochs > 4) + 0.3 * np.exp(-epochs) \
        + 0.01 * rng.standard_normal(45)
    val_acc = 0.74 + 0.01 * rng.standard_normal(45)
    path = tmp_path / "history.csv"
    path.write_text("epoch,val_accuracy,val_loss\n" + "".join(
        f"{e},{a:.4f},{v:.4f}\n" for e, a, v in zip(epochs, val_acc, val_loss)))
    [ra] = analyze(path)
    of = overfitting(ra)
    assert of is not None and of.metric == "val_loss" and of.train_metric is None
    [line] = [ln for ln in summarize(ra) if ln.startswith("overfitting:")]
    assert "kept improving" not in line and "(the log holds no training curve to compare with)" in line


def test_the_summary_leads_with_the_training_loss_logged_most_often(tmp_path):
    # nanoGPT prints the loss at every iteration and a "train loss" at each evaluation: the
    # summary's curve is the per-iteration one (400 points), not the evaluation's (5).
    rng = np.random.default_rng(5)
    lines = []
    for it in range(400):
        level = 1.5 + 2.0 * np.exp(-it / 60)
        if it % 100 == 0:
            lines.append(f"step {it}: train loss {level:.4f}, val loss {level + 0.05:.4f}")
        lines.append(f"iter {it}: loss {level * np.exp(0.05 * rng.standard_normal()):.4f}, time 38.00ms, mfu 1.00%")
    path = tmp_path / "train.log"
    path.write_text("\n".join(lines) + "\n")
    [ra] = analyze(path)
    assert summarize(ra)[0].startswith("loss: ")


def test_a_stretch_too_noisy_to_show_a_level_gets_no_advice_to_decay_sooner():
    # ReduceLROnPlateau on W&B, train/loss every 5 steps under heavy minibatch noise (third set):
    # "stage 2 levelled off at step 2665 ... an earlier decay would have saved ~56%", while the
    # probed full-batch loss fell steadily 0.093 -> 0.052 (-44%) over that stretch. A line on the
    # logged points cannot tell: its standard error (0.25 on the log scale) is thrice the 8% the
    # claim rests on.
    third = Path(__file__).resolve().parents[1] / "benchmarks" / "third" / "th_rop_teacher_wandb"
    (ra,) = analyze(third / json.loads((third / "truth.json").read_text())["log"])
    assert not any("stage 2 levelled off" in line for line in summarize(ra)), summarize(ra)
    probes = np.genfromtxt(third / "internals.csv", delimiter=",", names=True)
    on = (probes["step"] >= 2665) & (probes["step"] < 3280)
    assert probes["full_train_loss"][on][-1] < 0.65 * probes["full_train_loss"][on][0]


def test_a_net_wrecked_by_its_warmup_got_worse_though_the_lr_came_back_down(tmp_path):
    # A warmup to an LR of 1.0 wrecks the net it had trained to 0.40 by update 140; the LR anneals to 0
    # after it and the loss ends at 1.34, worse than its first points. The warmup's end came after
    # the best level, which had excused the ending as the schedule's doing: the LR at the end, below the
    # LR at the best level, no longer does. The held-out accuracy's fall from 0.83 to 0.44 is a collapse.
    path = write_warmup_too_high(tmp_path / "metrics.csv")
    (ra,) = analyze(path)
    [line, acc] = [line for line in summarize(ra) if "got worse" in line]
    assert line.startswith("loss got worse: its level ended 3.36x its best, from 0.3974 at step 140 to 1.335 by step "
                           "2000, worse than at its first points (1.141)")
    assert acc.startswith("val_accuracy got worse: its level fell from its best, 0.8")
    result = check([path])
    collapse = [f for f in result.findings if f.rule == "no-divergence"]
    assert [(f.metric, f.message.split(" — ")[0]) for f in collapse] == [("val_accuracy", "collapse")]


def test_a_net_wrecked_by_its_warmup_and_left_at_that_lr_got_worse_all_the_same(tmp_path):
    # p27's net with the LR held at 1.0 after its warmup: the loss falls to 0.38 by update 120 and is back
    # at chance (1.36) from update 400 to the end, at the LR that wrecked it. A higher LR accounts for a
    # higher loss, not for one back where it started: the LR standing above its level at the best had
    # excused the ending, and the held-out accuracy's fall from 0.83 to 0.44 with it.
    path = write_warmup_held_too_high(tmp_path / "metrics.csv")
    (ra,) = analyze(path)
    [line, acc] = [line for line in summarize(ra) if "got worse" in line]
    assert line.startswith("loss got worse: its level ended 3.63x its best, from 0.3763 at step 120 to 1.364 by step "
                           "1500, worse than at its first points (1.141), while the LR rose from 0.3 to 1 ")
    assert acc.startswith("val_accuracy got worse: its level fell from its best, 0.826 at step 150, to 0.444 by step "
                          "1500, below where it started, while the LR rose from 0.375 to 1 ")
    collapse = [f for f in check([path]).findings if f.rule == "no-divergence"]
    assert [(f.metric, f.message.split(" — ")[0]) for f in collapse] == [("val_accuracy", "collapse")]


def test_a_loss_higher_at_a_raised_lr_but_not_back_at_its_start_is_the_schedules(tmp_path):
    # A loss whose floor rises with the LR, warmed up to 0.3 and held there: it ends 2.3x its best, reached
    # early in the warmup, yet well below where it started. That is the schedule's doing.
    steps = np.arange(10, 1510, 10)
    lr = np.minimum(steps / 400, 1.0) * 0.3
    rng = np.random.default_rng(3)
    loss = (1.5 * np.exp(-steps / 40) + 0.01 + 2 * lr) * np.exp(rng.normal(0, 0.05, len(steps)))
    path = tmp_path / "metrics.csv"
    pd.DataFrame({"step": steps, "lr": lr, "loss": loss}).to_csv(path, index=False)
    (ra,) = analyze(path)
    assert not [line for line in summarize(ra) if "got worse" in line]


def test_a_training_loss_at_zero_as_logged_is_not_said_to_keep_improving(tmp_path):
    # A Trainer log rounds the loss to 4 decimals: 0.0001, then 0.0000 from step 860. One rounding unit
    # was "kept improving" beside a held-out loss rising 5% (probe 27's clipped CNN): it stayed at 0.
    history = []
    for step in range(10, 1501, 10):
        history.append({"step": step, "loss": round(2.3 * math.exp(-step / 70), 4), "learning_rate": 0.1})
        if step % 100 == 0:
            evals = [0.080, 0.074, 0.066, 0.069, 0.059, 0.065, 0.060, 0.0492, 0.0491, 0.0500, 0.0504, 0.0508,
                     0.0513, 0.0518, 0.0523]
            history.append({"step": step, "eval_loss": evals[step // 100 - 1]})
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"global_step": 1500, "log_history": history}))
    (ra,) = analyze(path)
    [line] = [x for x in summarize(ra) if x.startswith("overfitting:")]
    assert "while loss stayed at 0 as logged" in line and "kept improving" not in line, line


@pytest.mark.parametrize("seed", [1, 3])
def test_a_stage_levels_off_where_its_first_points_reach_the_level(tmp_path, seed):
    # A loss falling fast to 1.1 (within 8% of it from step 52 on) and flat to its decay at 600, under 10%
    # noise a point: a line from step 26 to 600 moves little, and "levelled off at step 26" had the
    # first points 20% above the level.
    rng = np.random.default_rng(seed)
    steps = np.arange(2, 1201, 2)
    level = np.where(steps <= 600, 1.1 + 0.5 * np.exp(-steps / 30), 0.75)
    path = tmp_path / "metrics.csv"
    pd.DataFrame({"step": steps, "lr": np.where(steps <= 600, 0.1, 0.01),
                  "loss": level * np.exp(rng.normal(0, 0.1, len(steps)))}).to_csv(path, index=False)
    (ra,) = analyze(path)
    [line] = [x for x in summarize(ra) if "levelled off" in x]
    step = int(re.match(r"stage 1 levelled off at step (\d+),", line).group(1))
    assert 40 <= step <= 80, line


def _stuck_at_chance(rng):
    """A net knocked to chance early: 4000 steps of a loss at ln 5, a small bump at step 60."""
    steps = np.arange(1, 4001)
    return steps, np.log(5) + 0.02 * rng.standard_normal(len(steps)) + 0.15 * np.exp(-((steps - 60) / 30.0) ** 2)


def test_a_run_that_never_left_its_first_level_says_so(tmp_path):
    # A net knocked to chance early (SGD 0.1 at batch 8, 5 classes): the loss sits at ln 5 for the
    # whole run and three decays do nothing. Its report was "no sharp transitions found", word for
    # word a healthy flat run's.
    import numpy as np

    from curvedoc.analysis import analyze
    from curvedoc.summary import summarize

    rng = np.random.default_rng(4)
    steps, loss = _stuck_at_chance(rng)
    path = tmp_path / "metrics.csv"
    path.write_text("step,train_loss\n" + "".join(f"{s},{v:.5f}\n" for s, v in zip(steps, loss)))
    [ra] = analyze(path)
    lines = [x for x in summarize(ra) if "never improved" in x]
    assert len(lines) == 1 and lines[0].startswith("train_loss never improved on its first points: 1.6") \
        and lines[0].endswith("the log shows nothing learned"), summarize(ra)
    # Its bad batches come as spikes that leave the level where it was (a real 25,000-step run at
    # chance had two, x5.8 and x2.7): they hid the line.
    loss[1436], loss[1601] = 9.384, 4.363
    path.write_text("step,train_loss\n" + "".join(f"{s},{v:.5f}\n" for s, v in zip(steps, loss)))
    [ra] = analyze(path)
    assert [e.kind for e in ra.metrics[0].events] == ["spike", "spike"]
    assert sum("never improved" in x for x in summarize(ra)) == 1, summarize(ra)
    # A run that learned says nothing of the kind.
    samples = Path(__file__).resolve().parents[1] / "sample_logs"
    for log in ("mlp_step_decay", "keras_reduce_lr", "unstable_lightning"):
        for ra in analyze(samples / log):
            assert not any("never improved" in x for x in summarize(ra)), log


def test_a_short_run_that_never_left_chance_says_so(tmp_path):
    # p51: 12 epochs at too high an LR, the loss at 2.19-2.29 (chance: 2.30) and an LR cut that changes
    # nothing. Levels needed 15 points, so the summary said only "1 stage, 0 sharp improvements", as of a
    # healthy flat run; three medians of three points read first, best and last.
    from small_runs import write_stuck_at_chance

    from curvedoc.analysis import analyze
    from curvedoc.summary import summarize

    [ra] = analyze(write_stuck_at_chance(tmp_path / "training.log"))
    assert [e for m in ra.metrics for e in m.events] == []
    lines = [x for x in summarize(ra) if "never improved" in x]
    assert lines == ["loss never improved on its first points: 2.263 then, 2.255 by epoch 11, its best level 2.255 "
                     "(medians of 3 points): no learning shows in it"], summarize(ra)


def test_a_run_too_short_for_transitions_is_still_read_for_overfitting(tmp_path):
    # An early-stopped Trainer run with six evaluations (probe: HF, 30% label noise, patience 3): the
    # held-out loss bottomed at the third and rose 16% by the sixth while the training loss fell. The
    # JSON had the overfitting reading; the report said only "too few points".
    from curvedoc.analysis import analyze

    history = []
    for k, (loss, eval_loss) in enumerate(zip((1.52, 1.21, 1.02, 0.88, 0.77, 0.66), (0.72, 0.655, 0.626, 0.649,
                                                                                       0.689, 0.727)), start=1):
        history += [{"epoch": float(k), "learning_rate": 5e-5 * (1 - k / 30), "loss": loss, "step": 250 * k},
                    {"epoch": float(k), "eval_loss": eval_loss, "step": 250 * k}]
    (tmp_path / "trainer_state.json").write_text(json.dumps({"global_step": 1500, "log_history": history}))
    [ra] = analyze(tmp_path / "trainer_state.json")
    lines = summarize(ra)
    assert lines[0].startswith("loss: too few points to look for transitions in")
    assert lines[1] == ("overfitting: eval_loss bottomed at 0.626 at step 750 and rose 16% to 0.727 by step 1500 "
                        "while loss kept improving (from 6 points, too few for medians)"), lines


def test_a_loss_read_over_the_last_cycle_of_a_cyclic_lr_did_not_get_worse(tmp_path):
    # A real run under a triangular CyclicLR (tools/probe_runs.py p40), stopped at a trough: its last
    # level, the median of the last 5% of its points, straddles the last peak, where the loss stood
    # x3 higher. The LR at the last step is back at the trough's, and "got worse 2.31x" was said; the
    # LR over the stretch that level is read on stood far above the best's.
    from small_runs import write_cyclic_triangular

    (ra,) = analyze(write_cyclic_triangular(tmp_path / "train_log.csv"))
    assert not [x for x in summarize(ra) if "got worse" in x], summarize(ra)


def test_a_gan_s_level_losses_are_no_run_that_learned_nothing(tmp_path):
    # A GAN on a ring of 8 Gaussians (tests/small_runs.py): its generator learns every mode while
    # both nets' losses stay level, as a balanced game keeps them. The summary said "loss_G never
    # improved on its first points ... the log shows nothing learned".
    from small_runs import write_gan_ring

    from curvedoc.analysis import analyze
    from curvedoc.summary import summarize

    [ra] = analyze(write_gan_ring(tmp_path / "train_log.csv"))
    assert [sa.name for sa in ra.metrics] == ["loss_G", "loss_D"]
    assert not any("never improved" in x or "nothing learned" in x for x in summarize(ra)), summarize(ra)


def test_a_flat_loss_beside_other_curves_is_said_of_itself(tmp_path):
    # The net knocked to chance of the test above, logged with a held-out accuracy column: the
    # summary speaks of the loss, not of a log whose other curves it did not read for this.
    import numpy as np

    from curvedoc.analysis import analyze
    from curvedoc.summary import summarize

    rng = np.random.default_rng(4)
    steps, loss = _stuck_at_chance(rng)
    acc = np.clip(0.2 + 0.01 * rng.standard_normal(len(steps)), 0, 1)
    path = tmp_path / "metrics.csv"
    path.write_text("step,train_loss,val_acc\n"
                    + "".join(f"{s},{v:.5f},{a:.4f}\n" for s, v, a in zip(steps, loss, acc)))
    [ra] = analyze(path)
    [line] = [x for x in summarize(ra) if "never improved" in x]
    assert line.startswith("train_loss never improved") and line.endswith("no learning shows in it"), line


def test_a_loss_worse_after_a_change_of_objective_says_from_when_its_best_is_read(tmp_path):
    # A weight decay of 3 switched on at update 1501 (a probe's MLP, CSV with the setting's column):
    # the loss near 0.005 jumps to 0.04, then keeps climbing to 0.16 as the weights shrink. Its best
    # is read after the change (the level before it is no best the run fell back from), and the
    # line said "ended 2.69x its best" with nothing of the 0.005 before.
    import numpy as np
    import pandas as pd

    from curvedoc.analysis import analyze
    from curvedoc.summary import summarize

    rng = np.random.default_rng(44)
    steps = np.arange(1, 3001)
    level = np.where(steps <= 1500, 0.005 * (steps / 1500) ** -0.8, 0.04 + 0.12 * (steps - 1500) / 1500)
    frame = pd.DataFrame({"step": steps, "lr": 0.001, "train_loss": level * np.exp(0.3 * rng.standard_normal(3000)),
                          "weight_decay": np.where(steps <= 1500, 0.0, 3.0)})
    evals = pd.DataFrame({"step": steps[49::50]})
    evals["val_loss"] = np.where(evals.step <= 1500, 0.05, 0.2) * np.exp(0.03 * rng.standard_normal(len(evals)))
    path = tmp_path / "metrics.csv"
    frame.merge(evals, on="step", how="left").to_csv(path, index=False)
    (ra,) = analyze(path)
    [line] = [x for x in summarize(ra) if "got worse" in x]
    assert re.search(r"its best after step \d+ \(the data or objective changed before it\)", line), line


@pytest.mark.parametrize("n, w", [(400, 20), (2000, 100)])
def test_a_flat_loss_rises_past_the_noise_allowance_rarely(n, w):
    # The allowance read the lowest of the overlapping window medians as the lowest of n/w independent
    # ones: a flat noisy loss passed it 5.5% of the time, and a flat bs-8 loss "got worse 4.37x".
    rng = np.random.default_rng(1)
    passed = 0
    for _ in range(400):
        v = 1 + 0.2 * rng.standard_normal(n)
        best_i, best = summary_mod.lowest_level(v, w)
        passed += best_i < 0.9 * n and float(np.median(v[-w:])) - best >= summary_mod._noise_rise(v, w, best_i)
    assert passed / 400 <= 0.035, passed / 400


def test_one_weak_reading_among_sure_ones_is_said_in_the_summary():
    # The corpus run's second decay moved nothing the truth calls visible; tested at the schedule change it
    # reads lr_decay at 0.5, with the first at 0.95, and the summary said "both follow LR decays" as sure.
    log = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "sd_teacher_csv" / "metrics.csv"
    (ra,) = analyze(log)
    [line] = [x for x in summarize(ra) if x.startswith("train_loss: ")]
    assert line.endswith("both follow LR decays (the one at step 4681 a weak reading, labelled at 0.5)"), line


def test_a_divergence_too_early_for_transitions_is_in_the_summary(tmp_path):
    # A Keras console whose loss and val_loss go nan at the second of seven epochs: the events said so, the
    # summary only "too few points to look for transitions in: 1 points".
    lines = []
    for e, (loss, acc, vl, va) in enumerate([(0.6242, 0.6544, 0.5265, 0.7417)] + [("nan", 0.5006, "nan", 0.4989)] * 6,
                                            1):
        lines += [f"Epoch {e}/7", f"8530/8530 [==============================] - 38s 4ms/step - loss: {loss} - "
                  f"acc: {acc} - val_loss: {vl} - val_acc: {va}"]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (ra,) = analyze(log)
    text = summarize(ra)
    assert text[0].startswith("loss: too few points") and "instability: 2 events (divergence), first at epoch 2" in text


def test_a_loss_that_fell_before_its_second_logged_point_is_not_said_to_have_learned_nothing(tmp_path):
    # A char-level transformer logged every 500 steps (a pasted console): 4.34 at step 0, 2.55 by 500, then
    # slowly to 2.43. The first points' median (2.55) hid the fall: "never improved on its first points ... no
    # learning shows in it".
    train = [4.335848, 2.5476382, 2.508413, 2.4970562, 2.4806, 2.4715, 2.4603, 2.4502, 2.4328675]
    log = tmp_path / "train.log"
    log.write_text("".join(f"step {500 * i}: train loss {v}, val loss {v * 1.003:.6f}, mem 838.6 MiB\n"
                           for i, v in enumerate(train)))
    (ra,) = analyze(log)
    assert not any("never improved" in line for line in summarize(ra)), summarize(ra)
    # Stuck from its first point on, it is said.
    log.write_text("".join(f"step {500 * i}: train loss {2.3026 + 0.002 * (-1) ** i:.6f}, val loss 2.3031\n"
                           for i in range(9)))
    (ra,) = analyze(log)
    assert any("never improved on its first points" in line for line in summarize(ra)), summarize(ra)


def test_a_loss_too_short_for_transitions_that_ran_away_says_so_as_check_does(tmp_path):
    # A fairseq console of seven log intervals, its loss thrown 6.87 -> 1e4 -> 5e9 -> 8e12 and its gradient norm
    # to inf: the report said "too few points" and nothing else, while check failed the run for runaway growth.
    losses = (9.57, 8.61, 7.50, 6.87, 10405.2, 4.8e9, 7.7e12)
    log = tmp_path / "train.log"
    log.write_text("".join(
        f"| epoch 001  {1000 * i:5d} / 331737 loss={v:.6g} ({sum(losses[:i]) / i:.6g}), wps=18515, wpb=31259, "
        f"bsz=861, lr=1.25, clip=100%, gnorm={'inf' if i == 7 else f'{2.0 * v:.4f}'}\n"
        for i, v in enumerate(losses, start=1)))
    [ra] = analyze(log)
    lines = summarize(ra)
    assert lines[0].startswith("loss: too few points to look for transitions in: 7 points")
    assert lines[1] == "loss ran away: it ends at 7.7e+12, 1.12e+12x its best, 6.87 at step 4000 (single points)", lines
    assert [f.rule for f in check([log]).findings] == ["no-divergence"]
    # Falling all the way, it says nothing more.
    log.write_text("".join(f"| epoch 001  {1000 * i:5d} / 331737 loss={10 - i:.4g}, lr=1.25\n" for i in range(1, 8)))
    [ra] = analyze(log)
    assert len(summarize(ra)) == 1 and not check([log]).findings


def test_another_score_that_collapsed_is_in_the_summary_as_check_fails_it(tmp_path):
    # A console logging the loss every epoch and the accuracy every ten: the accuracy at 47% falls to 35% by the
    # last evaluations while the loss keeps falling. check failed the run for the collapse; the report's summary
    # spoke of the loss only.
    acc = {1070: 47.43, 1080: 46.9, 1090: 46.82, 1100: 47.07, 1110: 47.42, 1120: 47.01, 1130: 47.46, 1140: 46.72,
           1150: 47.05, 1160: 47.18, 1170: 45.82, 1180: 44.87, 1190: 42.75, 1200: 35.04, 1210: 35.88, 1220: 34.13}
    log = tmp_path / "train.log"
    log.write_text("".join(
        f"Epoch {e} loss {0.667 - (e - 1061) * 0.001:.4f} | train 2.1s"
        + (f" | Acc {acc[e]:.2f}% | infer 4.4s" if e in acc else "") + "\n" for e in range(1061, 1221)))
    [ra] = analyze(log)
    said = [x for x in summarize(ra) if x.startswith("Acc")]
    assert said == ["Acc got worse: its level fell from its best, 47.42 at epoch 1120, to 35.04 by epoch 1220, below "
                    "where it started (medians of 3 points)"], summarize(ra)
    assert [(f.metric, f.message.split(" — ")[0]) for f in check([log]).findings] == [("Acc", "collapse")]


def test_of_losses_logged_as_often_the_summary_reads_the_whole_one(tmp_path):
    # PaddleDetection logs its loss terms before their sum at every interval: the summary spoke of loss_cls.
    rng = np.random.default_rng(3)
    log = tmp_path / "train.log"
    log.write_text("".join(
        f"2020-12-22 08:05:25,238-INFO: iter: {i}, lr: 0.019992, loss_cls: {c:.6f}, loss_bbox: {b:.6f}, "
        f"loss: {c + b:.6f}, batch_cost: 0.39655 sec\n"
        for i, c, b in zip(range(20, 4020, 20), 0.7 * np.exp(-np.arange(200) / 80) * rng.lognormal(0, 0.1, 200),
                           0.3 * np.exp(-np.arange(200) / 150) * rng.lognormal(0, 0.1, 200))))
    [ra] = analyze(log)
    assert summarize(ra)[0].startswith("loss: "), summarize(ra)


def test_no_advice_on_an_earlier_decay_when_the_decay_is_only_the_labels_guess(tmp_path):
    # Mixup switched off at epoch 20 under a constant LR the log does not hold: the drop reads as an LR decay
    # inferred from a round epoch, at 0.6, and the summary built advice on it ("an earlier decay might have
    # saved ~45% of that stage"). Given the schedule, the advice stands.
    from small_runs import MIXUP_OFF

    from curvedoc.analysis import UserSchedule

    log = tmp_path / "history.csv"
    log.write_text(MIXUP_OFF.lstrip())
    [ra] = analyze(log, metrics=["loss"])
    assert [(e.step, e.label) for e in ra.metrics[0].events] == [(20, "lr_decay")]
    assert not any("earlier decay" in x for x in summarize(ra)), summarize(ra)
    [ra] = analyze(log, metrics=["loss"], user_schedule=UserSchedule(milestones=[20], unit="epoch"))
    assert any("an earlier decay might have saved" in x for x in summarize(ra)), summarize(ra)
