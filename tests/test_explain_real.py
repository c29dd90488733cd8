"""Labels on real public logs: the rule a person would pick, with evidence quoting the log."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from curvedoc.analysis import UserSchedule, analyze
from curvedoc.summary import summarize
from realdata import REAL_LOGS


def events(path, **kw):
    return [(sa.name, e) for ra in analyze(path, **kw) for sa in ra.metrics for e in sa.events]


def test_a_tooth_logged_as_interval_means_is_read_over_the_two_points_that_straddle_it():
    # The Trainer logs the mean loss of every 25 steps; an epoch (about 131 steps) starts inside an
    # interval, whose point mixes both epochs. The epoch 2->3 and 3->4 teeth, -44% and -46% from the
    # last point before to the first wholly after, were measured over one interval (-17%, -15%) and
    # left out of the listed three. Their levels are the medians of up to three points each side, the
    # straddling one left out (-37% and -39%).
    [ra] = analyze(REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json", metrics=["loss"])
    s = ra.run.series("loss")
    teeth = {e.step: e for e in ra.metrics[0].events}
    for step in (275, 400):
        e = teeth[step]
        before, after = s[s.index < step].iloc[-3:].median(), s[s.index > step].iloc[:3].median()
        assert e.before == pytest.approx(before) and e.after == pytest.approx(after), (e.before, e.after)
        assert e.relative_change < -0.3


def test_whisper_sawtooth_is_epoch_boundary_and_sparse_validation_is_not_quoted():
    # Evaluated five times over the run (every 1000 steps, eight epochs apart), the validation
    # curves cannot show an epoch's tooth: the evidence does not claim they "do not follow".
    found = events(REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json", metrics=["loss"])
    assert len(found) >= 5
    for name, e in found:
        assert e.label == "epoch_boundary" and e.kind == "drop"
        assert abs(e.epoch - round(e.epoch)) <= 0.2
        assert not any("follow" in ev for ev in e.evidence)
        # The epoch said as the report's head says it (11.07 there, 11.1 here named another step).
        assert f"drops at epoch starts (epoch {e.epoch:.4g})" in e.evidence[1], e.evidence
    # The teeth are counted apart: ten "sharp improvements" of a stage that never moved, some at under
    # one standard error, said nothing true.
    # (11 since teeth are read on levels: one at epoch 4 stands out of three prints each side, not of one.)
    (ra,) = analyze(REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json")
    head = re.match(r"loss: 1 stage, (\d+) drops at epoch starts \(the loss falls as each pass over the data begins",
                    summarize(ra)[0])
    assert head and int(head.group(1)) >= 10, summarize(ra)[0]


def test_wide_resnet_drops_are_lr_decays_with_factor_and_lag():
    found = events(REAL_LOGS / "wrn_cifar10_wrn40-4" / "log.txt", metrics=["loss", "test_acc"])
    assert {e.label for _, e in found} == {"lr_decay"}
    assert all(e.confidence >= 0.9 for _, e in found)
    assert any("0.1 -> 0.02" in ev for _, e in found for ev in e.evidence)


def test_keras_cnn_escape_from_chance_is_not_an_lr_decay():
    found = events(REAL_LOGS / "tb_csv_kolo7_cifar10" / "run-.-tag-epoch_loss.csv")
    assert len(found) == 1
    assert found[0][1].label in ("plateau_escape", "saturation_recovery")


def test_yolo_divergence_and_warmup_spikes():
    found = events(REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv", metrics=["train_loss"])
    labels = {(e.kind, e.step): e.label for _, e in found}
    assert labels[("divergence", 4249)] == "instability"
    div = next(e for _, e in found if e.kind == "divergence")
    assert any("0.0814" in ev and "lr rising" in ev for ev in div.evidence)


def test_user_schedule_explains_drops_when_the_log_has_no_lr():
    path = REAL_LOGS / "tb_csv_kolo7_cifar10" / "run-.-tag-epoch_loss.csv"
    found = events(path, user_schedule=UserSchedule(points=[(0, 0.1), (10, 0.01)]))
    assert found[0][1].label == "lr_decay"
    assert any("given schedule" in ev for ev in found[0][1].evidence)


def test_a_plateau_escape_in_a_log_without_lr_does_not_claim_the_lr_was_constant():
    from curvedoc.summary import summarize

    [ra] = analyze(REAL_LOGS / "tb_csv_kolo7_cifar10" / "run-.-tag-epoch_val_accuracy.csv")
    [event] = ra.metrics[0].events
    assert event.label == "plateau_escape" and "no LR in the log" in event.evidence
    assert summarize(ra)[0] == ("epoch_val_accuracy: 2 stages, 1 sharp improvement; it escapes a plateau "
                                "(a weak reading: labelled at 0.55)")


def test_a_drop_between_sparse_validation_points_is_given_as_the_two_logged_steps():
    """The sample CNN logs validation every 46 steps: its val/loss drop at the decay lies between two
    logged points, while train/loss, logged at every step, dropped over steps the log holds."""
    root = Path(__file__).resolve().parents[1] / "sample_logs" / "cnn_step_decay_tb"
    ra = analyze(root)[0]
    found = {(s.name, e.step): e for s in ra.metrics for e in s.events}
    val = found["val/loss", 1426]
    assert val.label == "lr_decay" and "between steps 1380 and 1426 (logged 46 apart)" in val.evidence[0]
    train = found["train/loss", 1398]
    assert "over 19 steps" in train.evidence[0] and "between" not in train.evidence[0]


def test_a_staircase_of_plateaus_reads_each_stage_flat_up_to_its_fall():
    # The sample deep linear net learns its four modes at steps 690, 1400, 1900 and 3420, each out
    # of a plateau, at a constant LR. A fall is dated at its middle: its first half had been judged
    # part of the stage before, which then "moved" and was no plateau (levels 11.6, 4.0, 1.2, 0.31
    # where the curve sat at 12.3, 4.6, 1.4, 0.50), and each escape was given without one. The
    # last mode slides off its plateau from about 3200 and plunges from about 3380: one fall,
    # dated in the plunge that makes the move (at the slide, 3241, it was dated 180 steps early).
    sample = Path(__file__).resolve().parents[1] / "sample_logs" / "deep_linear_staircase"
    [ra] = analyze(sample, metrics=["train_loss"])
    [sa] = ra.metrics
    assert [round(s.level, 1) for s in sa.stages[:4]] == [12.3, 4.6, 1.4, 0.5]
    assert [e.step for e in sa.events] == [684, 1383, 1877, 3482]
    # The third and fourth stages creep down (the next mode already growing) before they fall: a
    # slow slide, said with its size, is no plateau in the table, and still a stretch to escape from.
    assert [s.plateau for s in sa.stages] == [True, True, False, False, True]
    for e, stage in zip(sa.events, sa.stages):
        assert e.label == "plateau_escape" and e.confidence >= 0.8
        said = [ev for ev in e.evidence if ev.startswith(("flat from step", "slow from step"))]
        assert len(said) == 1 and said[0].startswith("flat" if stage.plateau else "slow"), e.evidence
    slow = [ev for e in sa.events[2:] for ev in e.evidence if ev.startswith("slow")]
    assert slow == ["slow from step 1593 to 1812: 1.676 -> 1.352 (-19%)",
                    "slow from step 1921 to 2880: 0.5319 -> 0.4815 (-9%)"]


def test_linked_metrics_that_moved_an_epoch_apart_are_not_said_to_move_at_the_same_epoch(tmp_path):
    # A backbone unfrozen at epoch 8: the validation loss drops at once, the training loss
    # (the mean over an epoch) starts falling two epochs later. Linked within the tolerance,
    # each said the other moved at "the same epoch".
    import numpy as np

    rng = np.random.default_rng(0)
    ep = np.arange(30)
    train = np.where(ep < 10, 0.56 * np.exp(-0.005 * ep),
                     0.56 * np.exp(-0.05) * np.exp(-0.45 * np.minimum(ep - 9, 5))) * np.exp(0.01 * rng.standard_normal(30))
    val = np.where(ep < 8, 0.46, 0.2) * np.exp(0.01 * rng.standard_normal(30))
    log = tmp_path / "history.csv"
    log.write_text("epoch,train_loss,val_loss\n" + "".join(f"{e},{t:.4f},{v:.4f}\n" for e, t, v in zip(ep, train, val)))
    found = {name: e for name, e in events(log)}
    assert found["train_loss"].step == 10 and found["val_loss"].step == 8
    assert found["train_loss"].evidence[0].endswith("; also in val_loss at epoch 8")
    assert found["val_loss"].evidence[0].endswith("; also in train_loss at epoch 10")


def test_one_upset_seen_as_spikes_and_jumps_in_several_curves_is_linked():
    # A corrupted minibatch at update 1500 of a real run throws the training loss up x1,580 and the
    # held-out loss and accuracy at the next evaluation (1518); one at 3300, the training loss onto
    # a worse level. Spikes were never linked: three curves read as unrelated instabilities.
    import json

    from curvedoc.analysis import analyze

    run = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "spike_badbatch_csv_gn"
    (ra,) = analyze(run / json.loads((run / "truth.json").read_text())["log"])
    found = {(m.name, e.step): e for m in ra.metrics for e in m.events}
    assert found["train_loss", 1500].kind == "spike" and found["train_loss", 1500].linked == ["val_loss", "val_acc"]
    assert found["train_loss", 1500].evidence[0].endswith("; also in val_loss, val_acc at step 1518")
    assert found["val_acc", 1518].linked == ["train_loss", "val_loss"]
    assert found["val_acc", 1518].evidence[0].endswith("; same step in val_loss; also in train_loss at step 1500")
    assert found["train_loss", 3300].kind == "rise" and set(found["train_loss", 3300].linked) == {"val_loss", "val_acc"}


def test_a_spike_cites_the_gradient_norm_surging_with_it():
    # DESIGN names a grad-norm spike as instability's evidence where the log has one: the Muon
    # grokking run's train-loss spikes come with its hidden layers' gradient norm up hundreds of
    # times, which the evidence never said.
    (ra,) = analyze(REAL_LOGS / "grokking_modadd_muon" / "addition_depth_1_muon_seed_0.csv", metrics=["train_loss"])
    (loss,) = ra.metrics
    spikes = [e for e in loss.events if e.kind == "spike" and e.label == "instability"]
    assert spikes
    cited = [ev for e in spikes for ev in e.evidence if ev.startswith("hidden_gradient_norm ")]
    assert cited and all(float(ev.split(", x")[1].split(" ")[0]) >= 5 for ev in cited)
    # Evidence only: the labels and confidences are the curve's.
    assert {e.confidence for e in spikes} == {0.6}


def test_a_first_fall_made_while_the_warmup_still_rose_is_not_the_warmups_end():
    # A distilled student (HF, warmup to 0.05 over 100 updates): the loss sits at 15 and falls to
    # 0.89 by step 100, while the LR is still rising, then on to 0.24. Labelled warmup_end (0.70),
    # though 96% of the fall came before the warmup ended.
    from small_runs import distill_warmup_frame

    (ra,) = analyze(distill_warmup_frame())
    first = ra.metrics[0].events[0]
    assert first.kind == "drop" and first.step <= 100 and first.label != "warmup_end"
    assert any("still rising" in line for line in first.evidence)


def test_a_fall_after_a_warmup_ramp_ends_is_a_weak_reading_of_its_end(tmp_path):
    # A character language model (tests/small_runs.py), its LR warmed up linearly over 100 steps:
    # the loss falls 1.39 -> 0.30 over steps 130-200, as the model picks up its sentences' structure.
    # Under a 300-step warmup the same fall came at 190-270, the LR still rising: the ramp's end did
    # not make it. It was labelled warmup_end at 0.70, a confidence whose labels had all been right.
    from small_runs import write_charlm_warmup

    (ra,) = analyze(write_charlm_warmup(tmp_path / "train_log.csv"))
    (fall,) = ra.metrics[0].events
    assert fall.kind == "drop" and 110 <= fall.step <= 200 and fall.after < 0.5 * fall.before
    assert fall.label == "warmup_end" and fall.confidence <= 0.6
    assert any("bends a curve rather than moves it: the fall" in line for line in fall.evidence), fall.evidence


def test_a_slide_ending_in_a_decay_s_fall_is_not_said_to_have_the_lr_constant_around_it(tmp_path):
    # A real run (tools/probe_runs.py p84): a regression's held-out MAE slides 0.45 -> 0.3 over the fourteen
    # epochs before StepLR's x0.1 at epoch 120, then falls to 0.16 in one. Read as one move from epoch 106
    # to 120, it was a plateau_escape with "LR constant around the drop", the decay at its very end unsaid.
    from small_runs import write_regression_steplr

    (ra,) = analyze(write_regression_steplr(tmp_path / "training.csv"))
    (mae,) = ra.metrics
    [fall] = [e for e in mae.events if e.kind == "drop" and e.start_step <= 120 <= e.end_step + 1]
    assert not any("LR constant around" in line for line in fall.evidence), fall.evidence
    assert fall.label == "lr_decay" and any("x0.1) at epoch 120" in line for line in fall.evidence), fall.evidence


def test_a_setback_after_a_warmup_ramp_ends_is_no_learning_the_raised_lr_allows(tmp_path):
    # The same run's move read the other way, a setback where the fall was: the weak warmup_end reading
    # says "the rise may be learning the raised LR allows", which a worsening is not. A detector's
    # objectness loss thrown x2.2 two steps after its warmup, its terms traded (instability 0.5), and
    # YOLOv8's held-out loss x2.2 for one epoch had been labelled warmup_end by it.
    import dataclasses

    from curvedoc.explain import Context, warmup_end
    from small_runs import write_charlm_warmup

    (ra,) = analyze(write_charlm_warmup(tmp_path / "train_log.csv"))
    sa = ra.metrics[0]
    (fall,) = sa.events
    setback = dataclasses.replace(fall, direction="up", kind="rise", before=fall.after, after=fall.before)
    assert warmup_end(Context(fall, sa, ra, 40)).score == 0.6
    assert warmup_end(Context(setback, sa, ra, 40)) is None


def test_one_failed_evaluation_among_five_is_a_blip_not_a_divergence(tmp_path):
    # The Whisper fine-tune evaluated every 1000 steps, its eval_loss at step 2000 written as NaN
    # (one evaluation that failed): a divergence that dropped the three evaluations after it, and
    # "lr rising" over a window reaching back into the warmup, while the LR was in its linear decay.
    import json

    state = json.loads((REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json").read_text())
    for entry in state["log_history"]:
        if entry.get("step") == 2000 and "eval_loss" in entry:
            entry["eval_loss"] = float("nan")
    (tmp_path / "trainer_state.json").write_text(json.dumps(state))
    (ra,) = analyze(tmp_path / "trainer_state.json", metrics=["eval_loss"])
    (sa,) = ra.metrics
    [ev] = sa.events
    assert (ev.kind, ev.step, ev.label) == ("spike", 2000, "instability") and sa.n_points == 4
    assert "lr up from" in ev.evidence[0] and "then down to" in ev.evidence[0], ev.evidence


def test_a_gain_just_after_the_lr_was_raised_names_the_raise():
    # A bandit's expected return rose 4% the evaluation after its LR was raised x80: "unexplained",
    # "checked: LR schedule", with the raise the header itself listed left unsaid.
    import pandas as pd

    rng = np.random.default_rng(13)
    steps = np.arange(10, 3001, 10)
    ret = np.where(steps < 1520, 0.70 + 0.08 * steps / 1500, 0.90) + rng.normal(0, 0.004, len(steps))
    lr = np.where(steps < 1510, 0.1, 8.0)
    (ra,) = analyze(pd.DataFrame({"step": steps, "eval_return": ret, "lr": lr}))
    [ev] = [e for e in ra.metrics[0].events if e.kind == "rise"]
    assert abs(ev.step - 1520) <= 10 and ev.label == "unexplained"
    assert "but the LR was raised 0.1 -> 8 (x80) at step 1510" in ev.evidence[-1]


def test_a_one_row_typo_in_the_lr_column_is_no_decay_the_drop_follows():
    # The LR at 0.001 throughout but one row of 0.0001 at step 250; the loss halves at step 260, at
    # the old LR: credited to "lr 0.001 -> 0.0001 at step 250" (lr_decay 0.95), the put-back unsaid.
    import pandas as pd

    rng = np.random.default_rng(15)
    steps = np.arange(1, 601)
    loss = np.where(steps < 260, 1.0, 0.5) * np.exp(rng.normal(0, 0.01, 600))
    lr = np.where(steps == 250, 0.0001, 0.001)
    (ra,) = analyze(pd.DataFrame({"step": steps, "loss": loss, "lr": lr}))
    [ev] = ra.metrics[0].events
    assert ev.step == 260 and ev.label != "lr_decay"
    assert ra.schedule.is_constant_between(1, 600)


def test_a_spike_running_to_the_log_end_is_not_back_and_a_jump_that_recovers_late_says_when():
    # AdamW grokking, a loss at 1e-7: at 85500 both losses jump x1e5 and are still decaying when the
    # log ends (x120 at step 100000); they were "back by step 100000". At 55600 the training loss
    # jumps and decays back to x1.5 its level over 26,000 steps; it "does not come back".
    [ra] = analyze(REAL_LOGS / "grokking_modadd_adamw")
    found = {(sa.name, e.step): e for sa in ra.metrics for e in sa.events}
    for name in ("train_loss", "test_loss"):
        late = found[name, 85500]
        s = ra.run.series(name)
        assert s.iloc[-1] > 50 * late.before
        assert any("not back by the log's end" in ev for ev in late.evidence), late.evidence
        assert not any("back by step" in ev for ev in late.evidence)
    early = found["train_loss", 55600]
    [said] = [ev for ev in early.evidence if ev.startswith("jump onto a worse level")]
    step = int(re.search(r" only by step (\d+),", said).group(1))
    s = ra.run.series("train_loss")
    assert 60000 < step < 85500 and s[(s.index > step) & (s.index < 85500)].median() < 2 * early.before


def test_a_held_out_score_dipping_as_the_other_held_out_curves_improve_is_a_trade_not_overfitting():
    # BraTS (Keras): at the LR decay of epoch 4 the held-out IoU dips 0.824 -> 0.794 while the
    # held-out loss falls 23% and the Dice score rises. It was "the held-out curve parting from the
    # training one, as overfitting does".
    [ra] = analyze(REAL_LOGS / "keras_csvlogger_brats2020" / "training.log")
    iou = next(m for m in ra.metrics if m.name == "val_mean_io_u_5")
    [dip] = [e for e in iou.events if e.step == 4]
    said = " ".join(dip.evidence)
    assert dip.confidence == 0.5 and "overfitting" not in said
    assert "val_dice_coef, val_loss improved at the same epoch: one held-out metric traded against another" in said
    lines = summarize(ra)
    assert not any(line.startswith(("held-out curve parting", "instability")) for line in lines), lines
    assert any(line.startswith("held-out metrics traded: val_mean_io_u_5 worse at epoch 4") for line in lines)


def test_a_jump_that_goes_on_climbing_does_not_come_back(tmp_path):
    # A loss jumps 24% at step 1000 and climbs on from there (0.62 to 0.92): "up to 0.6312 (x1.26 the
    # level before it) only by step 1015" read a level further from the one before as its way back.
    rng = np.random.default_rng(8)
    steps = np.arange(1, 2001)
    level = np.where(steps < 1000, 0.5, 0.62 + 0.3 * (steps - 1000) / 1000)
    path = tmp_path / "metrics.csv"
    pd.DataFrame({"step": steps, "lr": 0.01, "loss": level * np.exp(rng.normal(0, 0.03, len(steps)))}).to_csv(
        path, index=False)
    (ra,) = analyze(path)
    (e,) = ra.metrics[0].events
    assert e.step == 1000 and e.label == "instability"
    assert e.evidence[1].startswith("jump onto a worse level that does not come back"), e.evidence


def test_the_json_stages_give_a_plateau_start_only_where_the_table_says_plateau():
    # WRN-40-4's first stage still slides (the table: "no") and its JSON gave "plateau_from": 48.
    import json

    from typer.testing import CliRunner

    from curvedoc.cli import app

    log = REAL_LOGS / "wrn_cifar10_wrn40-4"
    doc = json.loads(CliRunner().invoke(app, ["analyze", str(log), "--format", "json", "-m", "loss"]).output)
    stages = doc["runs"][0]["metrics"][0]["stages"]
    text = CliRunner().invoke(app, ["analyze", str(log), "-m", "loss"]).output
    rows = re.findall(r"^\d+\s+(\d+)-(\d+)\s+\S+\s+(no|yes, from \d+)\s*$", text, re.M)
    assert len(rows) == len(stages) >= 3 and any(not s["plateau"] for s in stages)
    for s, (start, end, flat) in zip(stages, rows):
        assert (s["start"], s["end"]) == (int(start), int(end))
        assert flat == (f"yes, from {s['plateau_from']}" if s["plateau"] else "no") and \
            (s["plateau_from"] is None) == (not s["plateau"])


def test_a_jump_at_a_batch_size_cut_is_read_as_the_cuts_doing(tmp_path):
    # A real run (tools/probe_runs.py p30): batches of 128, then of 16 from update 185 at a constant
    # LR; the loss jumps x2.5 and stays. It was instability at 0.85, failing `check`, beside
    # evidence naming the cut as "batch size 1 -> 0.123304" (the factor read from the epochs).
    from small_runs import write_batch_cut_hf

    log = write_batch_cut_hf(tmp_path / "trainer_state.json")
    [ra] = analyze(log)
    [ev] = ra.metrics[0].events
    assert ev.kind == "rise" and 185 <= ev.step <= 210 and ev.label == "instability" and ev.confidence < 0.5
    assert any("updates per epoch 23 -> 186 from step 189" in x and "a batch about 8.1x smaller" in x
               for x in ev.evidence), ev.evidence
    assert not any("batch size 1 ->" in x for x in ev.evidence)
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(log)], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout


def test_a_setback_starting_at_an_lr_cut_is_no_step_too_large(tmp_path):
    # A real run (tools/probe_runs.py p31): fine-tuned on a second task from update 1501 with the LR
    # cut x0.1 there. The loss jumps x3 and the held-out accuracy falls 0.77 -> 0.47: a new stage of
    # training. Both were instability at 0.85 beside evidence quoting the cut, and `check` failed.
    from small_runs import write_finetune_stage

    log = write_finetune_stage(tmp_path / "lightning_logs" / "version_0" / "metrics.csv")
    [ra] = analyze(log)
    events = {sa.name: sa.events for sa in ra.metrics}
    [loss] = events["train_loss"]
    [acc] = events["val_acc"]
    assert loss.kind == "rise" and 1499 <= loss.step <= 1519 and acc.direction == "down" and 1509 <= acc.step <= 1699
    for ev in (loss, acc):
        assert ev.label == "instability" and ev.confidence < 0.5, (ev.label, ev.confidence)
        assert any("it starts at the LR's cut (x0.1 at step 1509)" in x and "may have changed" in x
                   for x in ev.evidence), ev.evidence
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(log)], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout


def test_no_epoch_is_printed_for_a_run_inside_one_epoch_and_the_filtered_training_curve_is_named(tmp_path):
    # Online SGD's single pass logs epoch 0 on every row: "step 684 epoch 0" beside every event.
    from typer.testing import CliRunner

    from curvedoc.cli import app

    samples = Path(__file__).resolve().parents[1] / "sample_logs"
    [ra] = analyze(samples / "deep_linear_staircase")
    assert ra.epochs is None and all(e.epoch is None for sa in ra.metrics for e in sa.events)
    assert " epoch 0 " not in CliRunner().invoke(app, ["analyze", str(samples / "deep_linear_staircase")]).output
    # -m leaving the training loss out: the log does hold one.
    hf = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "sd_teacher_hf" / "trainer_state.json"
    [ra] = analyze(hf, metrics=["eval_loss"])
    [line] = [x for x in summarize(ra) if x.startswith("overfitting")]
    assert "(no training curve among the metrics analysed: the log holds loss)" in line, line


def test_a_note_on_non_finite_points_says_where_they_lie():
    # YOLOv3's loss NaN from its divergence on: every one of them after the last finite value, said to
    # lie "between and after finite ones".
    [ra] = analyze(REAL_LOGS / "lightning_yolov3_diverged_v0")
    loss = next(sa for sa in ra.metrics if sa.name == "train_loss")
    assert any(n.startswith("287 non-finite points after the last finite one read as not logged") for n in loss.notes)
    assert any(e.kind == "divergence" for e in loss.events)


def test_a_run_resumed_again_and_again_is_read_at_its_resumes():
    # The real VGG16 log: 28 exports of one training, each counting its epochs from 0, pasted end to
    # end. Read as one run (the steps numbered on): a dip of the held-out accuracy at a resume's
    # first epoch is the reload's (0.3), the collapse 0.87 -> 0.38 inside the 22nd export is the
    # run's own (and fails check), and a climb starting at a resume says so.
    [ra] = analyze(REAL_LOGS / "tb_csv_kolo7_vgg16")
    assert ra.run.restarts[:3] == [30, 60, 90] and len(ra.run.restarts) == 26
    events = {e.step: e for e in ra.metrics[0].events}
    dip, collapse, climb = events[237], events[603], events[456]
    assert dip.label == "instability" and dip.confidence < 0.5
    assert any("where the log starts again (step 237" in x and "reloaded from a checkpoint" in x for x in dip.evidence)
    assert collapse.kind == "spike" and collapse.after < 0.4 and collapse.label == "instability" \
        and collapse.confidence >= 0.6
    assert not any("starts again" in x for x in collapse.evidence)
    assert climb.direction == "up" and any("what the resume changed" in x for x in climb.evidence)


def test_a_total_loss_stepping_up_where_a_second_fit_adds_terms_says_the_objective_changed(tmp_path):
    # Two Keras fit() calls printed one after the other, the second adding a third head's loss to the
    # total (a detector's second stage): the two terms trained before carry on, so the log is one run
    # numbered on, and the total's step up is its new term, first logged there. It read "a run reloaded
    # from a checkpoint steps back there", and before epochs were numbered on the first fit was dropped.
    from small_runs import write_second_stage_run

    [ra] = analyze(write_second_stage_run(tmp_path / "train.log"))
    assert ra.run.step_axis == "epoch" and ra.run.restarts == [11]
    [rise] = next(sa for sa in ra.metrics if sa.name == "loss").events
    assert (rise.kind, rise.step, rise.label, rise.confidence) == ("rise", 11, "instability", 0.3)
    assert any("c_loss first logged there" in x and "objective may have changed" in x for x in rise.evidence), \
        rise.evidence


def test_an_epoch_counter_written_as_each_epoch_closes_dates_events_in_the_next_epoch(tmp_path):
    # W&B's Keras callback (and many loops) log `epoch/epoch = e` with the held-out metrics as epoch
    # e ends, between per-batch rows that never carry it: the batches after it are epoch e + 1's.
    # Read as a counter written at an epoch's start, the x0.1 decay at epoch 15 was printed at
    # epoch 14, one epoch before the held-out drop it caused. The batches: tools/probe_runs.py p29's.
    import json

    from small_runs import STEPLR_NOLR_LOSS

    loss = [float(v) for v in STEPLR_NOLR_LOSS.split()]
    rows, step = [], 0
    for epoch in range(30):
        lr = 0.05 if epoch < 15 else 0.005
        batch = loss[39 * epoch:39 * epoch + 39]
        for value in batch:
            rows.append({"_step": step, "batch/loss": value, "batch/learning_rate": lr})
            step += 1
        rows.append({"_step": step, "epoch/epoch": epoch, "epoch/val_loss": 1.1 * float(np.median(batch)),
                     "epoch/learning_rate": lr})
        step += 1
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    [ra] = analyze(path)
    decay = next(e for sa in ra.metrics if sa.name == "batch/loss" for e in sa.events if e.label == "lr_decay")
    first_batch_of_15 = 15 * 40
    assert abs(decay.step - first_batch_of_15) <= 40 and decay.epoch == 15, (decay.step, decay.epoch)
    assert ra.epoch_at(first_batch_of_15) == 15 and ra.epoch_at(first_batch_of_15 - 1) == 14
    assert ra.epoch_at(0) == 0 and ra.epoch_at(39) == 0 and ra.epoch_at(40) == 1


def test_an_epoch_tooth_whose_held_out_curve_is_linked_is_not_said_unfollowed(tmp_path):
    # Per-batch losses stepping down at each epoch start, a x0.1 decay at epoch 20, the held-out
    # loss logged as each epoch closes (100 steps on). The decay's drop was "also in
    # epoch/val_loss" while its epoch_boundary reading said "epoch/val_loss does not follow".
    import json

    rng = np.random.default_rng(3)
    rows, step = [], 0
    for epoch in range(25):
        lr = 0.1 if epoch < 20 else 0.01
        level = 1.2 * 0.92 ** epoch * (0.4 if epoch >= 20 else 1.0)
        for _ in range(100):
            rows.append({"_step": step, "batch/loss": level * float(np.exp(rng.normal(0, 0.03))),
                         "batch/learning_rate": lr})
            step += 1
        val = 0.8 * np.exp(-epoch / 6) + 0.5 - (0.2 if epoch >= 20 else 0.0)
        rows.append({"_step": step, "epoch/epoch": epoch, "epoch/val_loss": val, "epoch/learning_rate": lr})
        step += 1
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    [ra] = analyze(path)
    [sa] = [sa for sa in ra.metrics if sa.name == "batch/loss"]
    decay = next(e for e in sa.events if e.label == "lr_decay")
    assert "epoch/val_loss" in decay.linked and decay.epoch == 20
    said = [x for v in decay.rule_scores for x in v.evidence]
    assert not any("does not follow" in x for x in said), said


def test_a_setback_is_dated_back_where_the_data_got_back():
    # The real BraTS log: val_mean_io_u_5 drops at the epoch-4 decay and is back near 0.807 from
    # epoch 9-10 (0.8075, 0.8072, 0.8084). Its 10-epoch running median was dated at the window's
    # end: "only by epoch 14".
    [ra] = analyze(REAL_LOGS / "keras_csvlogger_brats2020", metrics=["val_mean_io_u_5"])
    said = [x for e in ra.metrics[0].events for x in e.evidence if "only by epoch" in x]
    assert said and all(int(re.search(r"only by epoch (\d+)", x).group(1)) <= 11 for x in said), said


def test_one_term_of_the_objective_traded_against_another_is_no_step_too_large(tmp_path):
    # A real VAE (tools/probe_runs.py p32) whose KL weight is warmed up 0 -> 1 over updates 1001-1200
    # at a constant LR: the reconstruction loss rises x2.7 as the KL falls 82%, and the objective
    # (recon + beta * kl) rises with them. All three worsening curves were instability at 0.85, and
    # check failed a textbook KL warm-up.
    from small_runs import write_vae_kl_warmup

    log = write_vae_kl_warmup(tmp_path / "wandb-history.jsonl")
    [ra] = analyze(log)
    events = {sa.name: sa.events for sa in ra.metrics}
    [kl] = events["train/kl"]
    assert kl.kind == "drop" and 1000 <= kl.step <= 1200
    for name in ("train/recon", "train/loss", "eval/recon"):
        [ev] = events[name]
        assert ev.kind == "rise" and 1000 <= ev.step <= 1200 and ev.label == "instability" and ev.confidence < 0.6, \
            (name, ev.label, ev.confidence)
        assert any(("train/kl" in x or "eval/kl" in x) and "improved at the same step" in x for x in ev.evidence), \
            ev.evidence
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(log)], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout



def test_a_kl_term_climbing_as_the_elbo_improves_is_no_runaway(tmp_path):
    # A real VAE (tools/probe_runs.py p39) at a constant LR: its KL term sits near 0.03 for 150
    # updates, then climbs to 11 as the latent comes to carry information, while the ELBO improves
    # from -63 to +48. The KL's climb was instability at 0.6 and a 384x "runaway growth": check
    # failed a healthy run, and the summary read the KL as the run's training loss.
    from small_runs import write_vae_kl_rise

    log = write_vae_kl_rise(tmp_path / "train_log.csv")
    [ra] = analyze(log)
    [kl] = [e for sa in ra.metrics if sa.name == "train_kl" for e in sa.events]
    assert kl.direction == "up" and kl.label == "instability" and kl.confidence < 0.6, (kl.label, kl.confidence)
    assert any("train_elbo improved over the same steps" in x for x in kl.evidence), kl.evidence
    summary = summarize(ra)
    assert summary[0].startswith("train_elbo:") and not any(x.startswith("instability") for x in summary), summary
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(log)], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout

def test_a_setback_of_an_accuracy_at_a_step_cut_reads_as_its_loss_does(tmp_path):
    # Keras' EarlyStopping restored the best weights and a second fit() went on at a tenth of the LR:
    # at the seam the training loss rose and the training accuracy fell, one move. The loss read
    # "a new stage of training" (0.3); the accuracy's drop, "instability (0.85)", failed check.
    from small_runs import write_restore_best

    log = write_restore_best(tmp_path / "training.log")
    [ra] = analyze(log)
    events = {sa.name: sa.events for sa in ra.metrics}
    [loss], [acc] = events["loss"], events["accuracy"]
    assert (loss.kind, loss.step, acc.kind, acc.step) == ("rise", 52, "drop", 52)
    for ev in (loss, acc):
        assert ev.label == "instability" and ev.confidence < 0.5, (ev.label, ev.confidence)
        assert any("it starts at the LR's cut (x0.1 at epoch 52)" in x for x in ev.evidence), ev.evidence
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(log)], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout



def test_a_divergence_dated_where_its_climb_began_says_where_it_left_its_range():
    # The sample run whose LR warms up far too high: its loss creeps up from step 682 and blows up
    # near 2700. The event said "grew from 0.4133 at step 682" and where the first inf came, not
    # when the loss left its range, which a reader asking when the run blew up looks for; a x12
    # spike at 833 on the way, which the loss came back from, is no such point.
    [ra] = analyze(Path(__file__).resolve().parents[1] / "sample_logs" / "unstable_lightning")
    [div] = [e for sa in ra.metrics if sa.name == "train_loss" for e in sa.events if e.kind == "divergence"]
    m = re.search(r"grew from ([\d.]+) at step (\d+) \(past x10 of it at step (\d+)\)", div.evidence[0])
    assert m and int(m[2]) == div.step and 2500 <= int(m[3]) < div.nonfinite_step, div.evidence
    s = ra.run.series("train_loss")
    assert s.loc[int(m[3]):int(m[3]) + 50].median() >= 10 * float(m[1])


def test_an_lr_jump_where_a_run_resumed_is_said_to_be_its_scheduler_started_over(tmp_path):
    # p82: resumed from its checkpoint at update 1200 with a new StepLR, the LR is 0.1 again where the log goes
    # back to 1200. The rise was "lr 0.01 -> 0.1 at step 1209" and nothing else, as if a planned restart, and
    # the warning that the steps go back there stood apart from it.
    from small_runs import write_resume_lost_scheduler

    (ra,) = analyze(write_resume_lost_scheduler(tmp_path / "metrics.csv"))
    [rise] = [e for e in ra.metrics[0].events if e.direction == "up"]
    assert (rise.step, rise.label) == (1209, "lr_restart")
    assert rise.evidence[-1] == ("where the run resumed (steps go back to 1209 there): a scheduler whose state the "
                                 "checkpoint did not restore starts its LR over")
