"""The engine finds on real public logs what a person finds there (PROVENANCE.md), and nothing else."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from curvedoc.detect import analyze_series
from realdata import REAL_LOGS, column_pairs, tb_csv, wrn
from small_runs import (BAD_BATCH, VAL_AFTER_LR_BLIP, deep_linear_staircase, write_adam_smooth, write_adam_spike,
                        write_catapult, write_catapult_two_layer,
                        write_label_permute, write_label_smoothing_on, write_recall_transformer, write_regression_blowup)


def shifts(result):
    return [e for e in result.events if e.kind in ("drop", "rise")]


def near(events, step, tol):
    return [e for e in events if abs(e.step - step) <= tol]


def test_wide_resnet_loss_drops_at_the_lr_decays_and_nowhere_else():
    d = wrn("wrn_cifar10_wrn40-4")
    r = analyze_series(d["epoch"], d["loss"], "loss")
    assert [e.kind for e in r.events] == ["drop", "drop"]
    assert [e.step for e in r.events] == [60, 121] or all(
        abs(e.step - s) <= 2 for e, s in zip(r.events, (60, 120)))
    assert r.transform == "log"
    assert r.events[0].relative_change < -0.5


def test_a_nan_blip_before_a_late_blow_up_is_a_blip_and_the_run_between_is_read():
    # The wide ResNet's loss with one nan at epoch 20 (an fp16 overflow the run went on from) and inf from
    # epoch 170 on (a blow-up it never came back from). The blow-up was dated at epoch 20 and the rest of
    # the run, with its two decays, went unread.
    d = wrn("wrn_cifar10_wrn40-4")
    loss = np.asarray(d["loss"], dtype=float).copy()
    epoch = np.asarray(d["epoch"])
    loss[epoch == 20] = np.nan
    loss[epoch >= 170] = np.inf
    r = analyze_series(epoch, loss, "loss")
    assert [(e.kind, e.step) for e in r.events if e.nonfinite_step is not None] == [("spike", 20), ("divergence", 170)]
    assert [e.kind for e in shifts(r)] == ["drop", "drop"]
    assert all(abs(e.step - s) <= 2 for e, s in zip(shifts(r), (60, 120)))


def test_a_held_out_loss_still_coming_back_from_a_spike_at_the_log_s_end_makes_no_drop():
    # p67: evaluated every 2,000 updates, the held-out loss is thrown 0.57 -> 1.00 by an LR blip at 75,000 and
    # reads 0.73, 0.64 at the run's last two evaluations. Its way back, not yet below where it left, was a
    # "drop 1.004 -> 0.7263 (-28%)" of its own: the sparse log's next point lies past "as long again" as the
    # one-point spike, and no points after the move were left to read the trend on.
    values = np.array(VAL_AFTER_LR_BLIP.split(), dtype=float)
    r = analyze_series(2000 * np.arange(1, len(values) + 1), values, "val_loss")
    assert [(e.kind, e.step) for e in r.events] == [("spike", 30000), ("spike", 76000)], r.events


def test_a_corrupted_batch_s_spike_is_dated_at_the_batch():
    # p68: one corrupted batch at update 5,000 throws the per-update loss x116, with a tail of a few hundred
    # updates. The move is found at the start of its block (4,992 or so) and the onset was read on the
    # window up to there, all baseline: its knot, on noise, dated the spike before the batch (4998; 29808
    # for the same batch at 30,000 of an 80,000-update run).
    values = np.array(BAD_BATCH.split(), dtype=float)
    r = analyze_series(np.arange(1, len(values) + 1), values, "train_loss")
    (spike,) = [e for e in r.events if e.kind == "spike"]
    assert spike.step == 5000, r.events


def test_wide_resnet_test_accuracy_rises_at_60_and_120_but_not_at_the_negligible_third_decay():
    d = wrn("wrn_cifar10_wrn40-4")
    r = analyze_series(d["epoch"], d["test_acc"], "test_acc")
    assert r.higher_is_better and r.transform == "linear"
    steps = [e.step for e in r.events]
    assert len(steps) == 2 and abs(steps[0] - 60) <= 1 and abs(steps[1] - 120) <= 1
    assert all(e.direction == "up" for e in r.events)
    assert not near(r.events, 160, 5)
    # Epoch-to-epoch dips of the noisy first stage are not spikes.
    assert not [e for e in r.events if e.kind == "spike"]


def test_preact_resnet_loss_shows_all_three_decays():
    d = wrn("wrn_cifar10_preact-resnet")
    r = analyze_series(d["epoch"], d["loss"], "loss")
    assert len(r.events) == 3
    for e, s in zip(r.events, (60, 120, 160)):
        assert abs(e.step - s) <= 2 and e.kind == "drop"
    assert len(r.stages) == 4


@pytest.mark.parametrize("tag", ["epoch_loss", "epoch_val_loss", "epoch_val_accuracy"])
def test_keras_cnn_plateau_at_chance_then_escape(tag):
    x, y = tb_csv(tag)
    r = analyze_series(x, y, tag)
    assert len(r.events) == 1
    e = r.events[0]
    assert 8 <= e.step <= 12 and e.onset == "kink"
    assert (e.direction == "up") == r.higher_is_better
    if not r.higher_is_better:  # the accuracy creeps 0.100 -> 0.117 at chance: not flat to the point
        assert r.stages[0].plateau


def test_yolo_run_spikes_during_warmup_then_diverges_to_nan():
    x, y = column_pairs(REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv", "step", "train_loss")
    r = analyze_series(x, y, "train_loss")
    kinds = [(e.kind, e.step) for e in r.events]
    assert ("divergence", 4249) in kinds
    assert ("spike", 599) in kinds and ("spike", 2349) in kinds
    assert len(kinds) == 3


def test_healthy_onecycle_run_has_no_event():
    x, y = column_pairs(REAL_LOGS / "lightning_yolov3_onecycle_v4" / "metrics.csv", "step", "train_loss")
    assert analyze_series(x, y, "train_loss").events == []
    x, y = column_pairs(REAL_LOGS / "lightning_yolov3_onecycle_v4" / "metrics.csv", "step", "val_Class_Accuracy")
    assert analyze_series(x, y, "val_Class_Accuracy").events == []


def test_noisy_diffusion_loss_has_no_event():
    path = REAL_LOGS / "wandb_panel_mia_sd" / "dtu-400-target-loss.csv"
    x, y = column_pairs(path, "Step", "swept-galaxy-5 - train_loss")
    assert len(x) == 10000
    assert analyze_series(x, y, "train_loss").events == []


def test_grokking_test_accuracy_jumps_once_near_step_7000():
    path = REAL_LOGS / "grokking_modadd_adamw" / "addition_depth_1_adamw_seed_0.csv"
    x, y = column_pairs(path, "step", "test_accuracy")
    r = analyze_series(x, y, "test_accuracy")
    assert len(r.events) == 1
    assert 6500 <= r.events[0].step <= 8400 and r.events[0].direction == "up"
    x, y = column_pairs(path, "step", "train_accuracy")
    assert analyze_series(x, y, "train_accuracy").events == []


def test_muon_post_grokking_degradation_is_reported_as_worsening():
    path = REAL_LOGS / "grokking_modadd_muon" / "addition_depth_1_muon_seed_0.csv"
    x, y = column_pairs(path, "step", "test_accuracy")
    r = analyze_series(x, y, "test_accuracy")
    first = r.events[0]
    assert first.direction == "up" and 2500 <= first.step <= 4500  # the grokking jump
    late_bad = [e for e in r.events if e.step > 40000 and e.direction == "down"]
    assert late_bad, "post-grokking degradation episodes must be reported"


def test_muon_train_accuracy_pinned_at_one_dips_three_times():
    # 99% of its points are exactly 1.0 (a MAD of 0); the three lone dips (to 0.84 at 2000,
    # 0.79 at 18,500, 0.37 at 72,100) are spikes, the first despite the climb from chance
    # a few points before it.
    path = REAL_LOGS / "grokking_modadd_muon" / "addition_depth_1_muon_seed_0.csv"
    x, y = column_pairs(path, "step", "train_accuracy")
    r = analyze_series(x, y, "train_accuracy")
    assert [(e.kind, e.step) for e in r.events] == [("spike", 2000), ("spike", 18500), ("spike", 72100)]


def test_muon_test_accuracy_collapse_at_72100_relaxing_over_700_steps_is_a_spike():
    # test_accuracy 0.999 -> 0.295 at 72,100 (the hidden gradient norm 46, 10^8 its median), back
    # to 0.99 by 72,800 through 0.82, 0.90, 0.95, 0.94, 0.89: the points after the dip stood low
    # for longer than the spike search's window, which read it as a level change and passed on.
    path = REAL_LOGS / "grokking_modadd_muon" / "addition_depth_1_muon_seed_0.csv"
    x, y = column_pairs(path, "step", "test_accuracy")
    r = analyze_series(x, y, "test_accuracy")
    (ev,) = [e for e in r.events if 71000 <= e.step <= 73000]
    assert (ev.kind, ev.step) == ("spike", 72100) and ev.after == pytest.approx(0.295, abs=1e-3)


def test_reduce_lr_on_plateau_first_reduction_drops_val_loss_and_nothing_else_is_invented():
    found = {}
    for col in ("loss", "val_loss"):
        x, y = column_pairs(REAL_LOGS / "keras_csvlogger_brats2020" / "training.log", "epoch", col)
        found[col] = [(e.kind, e.step) for e in analyze_series(x, y, col).events]
    assert found["val_loss"] == [("drop", 4)]
    # The training loss is still falling fast at epoch 4 of 24: its drop there is within
    # what the local noise allows (a known miss), but nothing else may be reported.
    assert found["loss"] in ([], [("drop", 4)])


def test_with_its_lr_column_the_brats_loss_drop_at_the_first_reduction_is_found():
    # PROVENANCE: loss 0.0398 -> 0.0328 at the first ReduceLROnPlateau cut (epoch 3 -> 4). Blind,
    # it is within the noise a search over every epoch allows (above); at the step the lr column
    # names, one test is made, and it passes.
    from curvedoc.analysis import analyze

    (ra,) = analyze(REAL_LOGS / "keras_csvlogger_brats2020" / "training.log")
    found = {m.name: [(e.kind, e.step, e.label) for e in m.events] for m in ra.metrics}
    assert found["loss"] == [("drop", 4, "lr_decay")] and found["val_loss"] == [("drop", 4, "lr_decay")]
    (drop,) = [e for m in ra.metrics if m.name == "loss" for e in m.events]
    assert drop.before == pytest.approx(0.0398, abs=5e-4) and drop.after == pytest.approx(0.0328, abs=5e-4)


def test_rounded_hf_loss_is_not_split_into_quantisation_events():
    log = json.loads((REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json").read_text())["log_history"]
    train = [e for e in log if "loss" in e]
    r = analyze_series(np.array([e["step"] for e in train]), np.array([e["loss"] for e in train]), "loss")
    assert not [e for e in r.events if e.kind == "spike" and e.after - e.before <= 3e-4]


def test_a_move_shown_only_against_the_trend_starts_from_the_trend():
    # A cyclic LR's full-training loss, measured aside every 20 updates in a real run (fifth
    # set): at the cycle start (update 2000) the LR jumps 0.002 -> 0.1 and the falling loss stops
    # falling. The level at the change equals the level after it; the move is against the trend,
    # and the levels shown must carry it (they read 0.4252 -> 0.4252, "-0%", for a rise).
    import pandas as pd

    from curvedoc.analysis import analyze

    log = Path(__file__).resolve().parents[1] / "benchmarks" / "fifth" / "fi_cyclic_tri_teacher_wandb" / "internals.csv"
    (ra,) = analyze(log)
    loss = next(m for m in ra.metrics if m.name == "full_train_loss")
    (rise,) = [e for e in loss.events if e.step == 2000]
    assert rise.kind == "rise" and rise.onset == "schedule"
    assert rise.after > rise.before * 1.05 and rise.relative_change > 0.05, (rise.before, rise.after)
    # The level after is the curve's own: the median of the points it was read on.
    v = pd.read_csv(log).set_index("step")["full_train_loss"]
    assert v.loc[rise.start_step:rise.end_step].min() <= rise.after <= v.loc[rise.start_step:rise.end_step].max()


def test_a_transformer_loss_thrown_up_for_some_25_steps_on_a_flat_stretch_is_a_spike():
    # A real run (tools/probe_runs.py p20): flat at 1.35 under 0.3% noise, then x1.9 from step
    # 1231 and back by about 1290. Too wide for the spike search (2% of the log) and cut into
    # short pieces that each climb as steeply as the next, it was no ramp and nothing was found.
    from small_runs import XF_COPY_HIGHLR_LOSS

    steps = np.arange(1, len(XF_COPY_HIGHLR_LOSS) + 1)
    events = analyze_series(steps, np.array(XF_COPY_HIGHLR_LOSS), "train/loss").events
    assert [e.kind for e in events] == ["drop", "spike"]
    spike = events[1]
    assert 1229 <= spike.start_step <= 1233 and spike.after / spike.before > 1.7 and spike.end_step < 1300
    assert events[0].step < 50  # the initial fall to the floor


def test_a_loss_near_zero_thrown_up_for_good_is_one_rise_not_a_rise_and_a_blow_up_a_step_later():
    # A real run (tools/probe_runs.py p83): a transformer's loss near 1e-5, thrown x58 at step 1208 and
    # some x20 above its best to the end. The level search found the rise ending at 1208, the blow-up
    # search the same climb from 1209 (its onset read to a block): two events, counted twice by check.
    from small_runs import NOAM_REVERSE_LOSS

    steps = np.arange(1, len(NOAM_REVERSE_LOSS) + 1)
    events = analyze_series(steps, np.array(NOAM_REVERSE_LOSS), "train/loss").events
    rises = [e for e in events if e.kind == "rise"]
    assert len(rises) == 1 and 1200 <= rises[0].step <= 1210 and rises[0].after / rises[0].before > 20
    assert events[0].kind == "drop" and 140 <= events[0].step <= 190  # the escape from ln 12


def test_a_decays_fall_over_a_tenth_of_a_short_noisy_log_with_no_lr_is_found(tmp_path):
    # A real run (tools/probe_runs.py p29): x0.1 at step 585 of 1,170, the per-epoch median loss
    # 0.244 -> 0.080 over two epochs. The loop's own CSV (epoch, iter, loss; \r\n line ends) had been
    # read as Keras's CSVLogger, each epoch's last row kept; read right, the fall came as a steep
    # piece of 8% of the log and a short one going on with it, neither a ramp alone: nothing found.
    from small_runs import write_steplr_nolr

    from curvedoc.analysis import analyze

    [ra] = analyze(write_steplr_nolr(tmp_path / "train_log.csv"))
    assert ra.run.format == "csv" and len(ra.run.frame) == 1170
    [drop] = [e for e in ra.metrics[0].events if e.kind == "drop"]
    assert 565 <= drop.start_step <= 590 and 585 <= drop.step <= 630 and drop.after / drop.before < 0.35
    assert len(ra.metrics[0].events) == 1


def test_a_held_out_loss_the_decay_only_keeps_from_rising_has_no_drop():
    # ReduceLROnPlateau on a teacher task (the third labelled set): the second cut (x0.4 at step
    # 3280) comes while the validation loss creeps up, 0.510 and 0.526 before it, 0.515-0.524
    # after. Against its trend extrapolated it "dropped 0.55 -> 0.524 (-5%)" at 0.95, from a
    # level no evaluation logged. The first cut's real drop (0.62 -> 0.49) stays.
    from curvedoc.analysis import analyze

    root = Path(__file__).resolve().parents[1] / "benchmarks" / "third" / "th_rop_teacher_wandb"
    [val] = [sa for ra in analyze(root) for sa in ra.metrics if sa.name == "val/loss"]
    drops = [e for e in val.events if e.kind == "drop"]
    assert [e.step for e in drops] == [2340] and drops[0].after < 0.5


BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _corpus_series(name, column):
    from curvedoc import read

    truth = json.loads((BENCH / "corpus" / name / "truth.json").read_text())
    (run,) = read(BENCH / "corpus" / name / truth["log"])
    return truth, run.series(column).dropna()


def test_a_loss_printed_to_three_decimals_is_read_as_the_unrounded_one():
    # Two bad batches in a real run whose per-step loss sits at 1e-4 to 3e-3 between them: printed
    # as f"{loss:.3f}", 259 points read 0.000. Those zeros are the rounding's (the loss reaches
    # 0.001 too), so the log scale still applies, the zeros read at half a quantum: the spike and
    # the jump are found where they are on the unrounded loss, from levels above zero.
    import pandas as pd

    from curvedoc.analysis import analyze

    truth, s = _corpus_series("spike_badbatch_csv_gn", "train_loss")
    found = {}
    for rounded in (False, True):
        v = np.round(s.to_numpy(), 3) if rounded else s.to_numpy()
        (ra,) = analyze(pd.DataFrame({"step": s.index, "train_loss": v}))
        sa = ra.metrics[0]
        assert sa.transform == "log"
        found[rounded] = [(e.kind, e.step) for e in sa.events]
        for t in truth["events"]:
            (e,) = [e for e in sa.events if abs(e.step - t["step"]) <= t["tolerance"]]
            assert e.kind == t["kind"] and e.before > 0
    assert found[True] == found[False]
    assert any("zeros read as 0.0005" in n for n in sa.notes), sa.notes


def test_a_settled_loss_rounded_to_four_decimals_has_no_one_quantum_drops():
    # The grokking run's train loss falls smoothly to 3e-6; with a floor of 1.4e-4 (a regulariser's
    # part of the loss) and HF's 4 decimals, its tail reads 0.0003, 0.0002, then 0.0001 for good.
    # Each step down is one rounding quantum: a 50% "drop" on the log scale, no event. Early in
    # the run the noise is far above the quantum, which must not make the calm tail look dithered.
    import pandas as pd

    from curvedoc.analysis import analyze

    _, s = _corpus_series("grok_modadd_csv", "train_loss")
    v = np.round(s.to_numpy() + 1.4e-4, 4)
    assert v[-1] == 0.0001 and v.max() > 3
    (ra,) = analyze(pd.DataFrame({"step": s.index, "train_loss": v}))
    assert ra.metrics[0].events == []


def test_a_lasting_rise_at_a_raised_lr_is_not_a_bump_one_minibatch_dips_back_under(tmp_path):
    # A GRU's loss, levelled at 0.565, steps up to about 0.67 when the LR is raised x10 and trains
    # down slowly under the new LR, never back (0.60-0.68 at the end). One minibatch 60 updates
    # later printed 0.607, under half the jump: the rise was dropped as a bump that came back, and
    # the run had no event at all.
    from small_runs import write_gru_lr_raised

    from curvedoc.analysis import analyze

    (ra,) = analyze(write_gru_lr_raised(tmp_path / "train.log"))
    (loss,) = ra.metrics
    [ev] = loss.events
    assert (ev.step, ev.kind, ev.label) == (1209, "rise", "lr_restart")
    assert 0.55 < ev.before < 0.58 and 0.64 < ev.after < 0.68


def test_a_fall_a_few_points_after_a_decay_in_single_batch_losses_is_the_decays():
    # A resumed Lightning run: 100 one-batch losses before the decay at 2009, 100 after; the loss
    # falls 3-5x. The search breaks the curve five points after the decay, where a jump of four
    # standard errors is one test at a named step, not the best of a search; the test against
    # the trend reads ten points after the decay against a tenth of the run before: neither found
    # it (1 stage).
    from small_runs import RESUMED_DECAY_LOSS

    steps = np.arange(1009, 3000, 10)
    lr = np.where(steps < 2009, 0.05, 0.005)
    sa = analyze_series(steps, np.array(RESUMED_DECAY_LOSS), "train_loss",
                        schedule_steps=[(int(steps[lr < 0.05][0]), True)])
    [ev] = sa.events
    assert ev.kind == "drop" and 2009 <= ev.step <= 2109
    assert ev.after < ev.before / 2


def test_a_score_leaving_its_ceiling_is_no_oscillation():
    # A discriminator's accuracy on 128 real samples sits at exactly 1.0, then dips by a sample or
    # a few: its roughness "x22 what it was before" was measured against a stretch that could not
    # move up, and read as an oscillation, instability at 0.85, which failed `check`.
    from small_runs import GAN_REAL_CALLED_REAL

    steps = 5 * np.arange(1, len(GAN_REAL_CALLED_REAL) + 1)
    sa = analyze_series(steps, np.array(GAN_REAL_CALLED_REAL) / 128, "d_real_acc")
    assert not [e for e in sa.events if e.kind == "oscillation"]


def test_each_stage_s_level_is_read_on_the_span_the_table_gives_it():
    # A stage ends where the next move starts: Muon's held-out accuracy was "0-3700, level 0.0054, flat
    # from 0" when its climb to 0.51 by 3700 had started at 2000, the move dated in its steepest part.
    from curvedoc.analysis import analyze

    checked = 0
    for log in ("grokking_modadd_muon", "grokking_modadd_adamw", "wrn_cifar10_wrn40-4/log.txt"):
        for ra in analyze(REAL_LOGS / log):
            for sa in ra.metrics:
                s = ra.run.series(sa.name)
                s = s[np.isfinite(s.to_numpy())]
                moves = [e for e in sa.events if e.kind in ("drop", "rise")]
                for st in sa.stages:
                    assert not any(st.start < e.start_step <= st.end for e in moves), (log, sa.name, st)
                    span = s[(s.index >= st.start) & (s.index <= st.end)].to_numpy()
                    assert st.level == pytest.approx(np.median(span[-max(1, len(span) // 5):]), rel=1e-9)
                    checked += 1
    assert checked > 20


def test_a_capability_found_after_a_slow_slide_is_one_drop(tmp_path):
    # A real tiny transformer (tools/probe_runs.py p33): its loss slides for 450 updates, falls x60
    # over 200 (1.54 -> 0.029) while the cosine moves the LR a few percent, then falls on slowly.
    # The segmentation cut the fall's first 60 updates off as a lead-in only three times the slide's
    # pace, the rest was too long for a ramp, and the report said "1 stage, 0 sharp improvements".
    from small_runs import write_tiny_transformer

    from curvedoc.analysis import analyze

    [ra] = analyze(write_tiny_transformer(tmp_path / "metrics.csv"))
    [ev] = ra.metrics[0].events
    assert ev.kind == "drop" and 480 <= ev.start_step <= 560 and 560 <= ev.step <= 700, (ev.start_step, ev.step)
    assert ev.relative_change < -0.9 and ev.label != "lr_decay"


@pytest.mark.parametrize("every", [20, 50])
def test_a_capability_jump_logged_sparsely_is_one_drop_and_no_spike(tmp_path, every):
    # The same transformer's batch loss every 20th or 50th update (no LR), 150 or 60 points.
    # Every 20th: the fall (1.5 -> 0.018 over 540-700, most of the curve's whole move) is a piece
    # of 11 points, over 5% of the run and twice its neighbours' half, and was no ramp: "0 sharp
    # improvements". Every 50th: at the fall's foot the rolling median follows the points exactly,
    # the deviations there read 0, and an ordinary wobble at 1000 (0.0062 between 0.0020 and 0.0023,
    # as its neighbours swing) stood 17 such spreads high: "instability (0.85)", failing check.
    from small_runs import write_tiny_transformer

    from curvedoc.analysis import analyze

    [ra] = analyze(write_tiny_transformer(tmp_path / "metrics.csv", every=every))
    [ev] = ra.metrics[0].events
    assert ev.kind == "drop" and 480 <= ev.start_step <= 600 and ev.step <= 700, (ev.start_step, ev.step)
    assert ev.relative_change < -0.9


def test_a_decay_changes_no_event_in_the_stretch_before_it(tmp_path):
    # Two branches of one real training, the same numbers up to update 1500, one with an LR cut at
    # 1501. The decay branch had an extra "rise" at 1000 (an escape off the wandering plateau that
    # ran on through the decay's jump; cut at the decay, +2% was left, 1.3 of its standard errors,
    # still reported: "lr_decay (0.60)") and compare called it a difference between the runs.
    from small_runs import write_fork_branch

    from curvedoc.analysis import analyze

    events = {}
    for branch in ("const", "decay"):
        [ra] = analyze(write_fork_branch(tmp_path / f"{branch}.csv", branch))
        events[branch] = [(e.step, e.kind) for m in ra.metrics for e in m.events]
    assert [e for e in events["decay"] if e[0] <= 1500] == [e for e in events["const"] if e[0] <= 1500] == []
    assert events["decay"] == [(1600, "rise")]



def test_a_decay_in_a_sparse_single_batch_log_is_read_on_its_whole_window(tmp_path):
    # One batch's loss every 10 updates (300 points), halved at a logged x0.1 cut at 1500. The test
    # against the trend read the later half of a tenth of the run after the cut: 15 points under
    # single-batch noise of about x1.8, too few to tell the halving from noise, and no event was
    # found. A decay that moved its way there is read again on the whole window after it, 30 points
    # as near the cut; nothing else in the run moves.
    from small_runs import write_step_decay_single_batch

    from curvedoc.analysis import analyze

    [ra] = analyze(write_step_decay_single_batch(tmp_path / "train_log.csv"))
    [sa] = ra.metrics
    [ev] = sa.events
    assert (ev.step, ev.kind, ev.label) == (1500, "drop", "lr_decay")
    assert ev.after < 0.5 * ev.before


def test_a_decay_after_the_curve_levelled_off_is_no_drop_on_eight_points_that_came_in_pairs(tmp_path):
    # One batch's loss every 10 updates of a segmentation net that had levelled off at ~0.09 long
    # before its x0.1 cut at 901; nothing moves after it (held-out Dice 0.866 on both sides). The
    # eight points the test read after the cut came in close pairs (0.071 0.073, 0.099 0.102, ...):
    # their differences alone made the noise a third of the run's, and a chance -13% was an
    # lr_decay at 0.95. With the spread of those points about their own line counted, no move.
    from small_runs import write_segmentation_idle_decay

    from curvedoc.analysis import analyze

    [ra] = analyze(write_segmentation_idle_decay(tmp_path / "train_log.csv"))
    assert [(m.name, e.step, e.kind) for m in ra.metrics for e in m.events] == []
    [decay] = ra.schedule.changes
    assert decay.step == 910 and decay.kind == "lr_decay"


def test_a_six_mode_staircase_is_read_past_the_first_tenth_of_the_log():
    # Full-batch gradient descent of a deep linear net with six modes over 12,000 steps: its stairs
    # spread out (a mode at ~200, ~500, ~1000, ~2000, ~5000). The whole log's blocks are 120 steps
    # wide, too coarse for a plateau of 500 steps between the second and third stairs, and the
    # run's start is searched again only over its first tenth (1,200 steps, the last fifth of it
    # left): the stair at ~545 (seed 4) and the one at ~1020 (seed 7) were missed. Every mode
    # learned after the first plateau now has its drop, and every drop is a mode.
    for seed in (4, 7):
        rows, learned = deep_linear_staircase(seed, strengths=(4.0, 2.0, 1.0, 0.5, 0.25, 0.125), steps=12_000)
        steps, loss = (np.array(c) for c in zip(*rows))
        events = analyze_series(steps, loss, "loss").events
        near = [[e for e in events if abs(e.step - at) <= max(60, 0.1 * at)] for at in learned]
        assert all(near[i] for i, at in enumerate(learned) if at > 500), (seed, learned, [e.step for e in events])
        assert all(e.kind == "drop" for e in events) and len(events) == sum(bool(n) for n in near), (seed, events)


def test_a_clean_deep_linear_staircase_has_a_drop_at_every_stair():
    # Full-batch gradient descent of a deep linear net, six seeds: four flat plateaus, four falls of
    # about x4 each, a mode learned at each (read off the weights). The plateaus between stairs are
    # noise-free, so the segmentation cuts each at its slight bends into pieces of a few blocks, and a
    # stair leaving one was tested against the stair before it (two plateaus back) or read as leaving
    # no plateau: 14 of the 24 stairs were found. Each stair found is one learned mode, nothing else.
    found = 0
    for seed in range(6):
        rows, learned = deep_linear_staircase(seed)
        steps, loss = (np.array(c) for c in zip(*rows))
        events = analyze_series(steps, loss, "loss").events
        near = [[e for e in events if abs(e.step - at) <= max(60, 0.1 * at)] for at in learned]
        assert all(e.kind == "drop" for e in events) and len(events) == sum(bool(n) for n in near), (seed, events)
        assert sum(bool(n) for n in near) >= 3, (seed, learned, [e.step for e in events])
        found += sum(bool(n) for n in near)
    assert found >= 20, found


def test_a_last_batch_smaller_than_the_rest_at_the_end_of_the_log_is_no_improvement():
    # A loss summed over its batch (reduction="sum"), 1350 samples in batches of 64: every 22nd batch
    # holds 6, and its sum is a tenth of the others' or less (per-sample losses heavy-tailed, most
    # near 0). The 39 such dips inside the log are no events; the log's last row, one of them, was
    # "drop -99%, plateau_escape 0.6" (probe 45), in 14 of 30 such logs.
    from curvedoc.analysis import analyze

    steps = np.arange(1, 881)
    size = np.where(steps % 22 == 0, 6, 64)
    mean = 2.3 * (1 + steps / 20.0) ** -0.8
    for seed in (2, 6, 12):
        rng = np.random.default_rng(seed)
        loss = np.array([rng.gamma(0.3, m / 0.3, n).sum() for m, n in zip(mean, size)])
        (ra,) = analyze(pd.DataFrame({"global_step": steps, "epoch": (steps - 1) // 22, "loss": loss}))
        assert [(e.step, e.kind) for e in ra.metrics[0].events if e.end_step == 880] == [], seed


def test_a_spikes_way_back_below_where_it_left_is_no_sharp_improvement(tmp_path):
    # Adam under a linear decay (recipe p45): the loss, falling slowly, is thrown up x6 at update 1480
    # and is back within 60 updates, below where it left, as its slow fall would have brought it. The
    # spike was found; its way back, read from the spike's own level, was a second event, "drop -81%,
    # unexplained", and check's no-unexplained failed the run (probe 45, finding 7).
    from small_runs import write_adam_spike_warmup_linear

    from curvedoc.analysis import analyze

    (ra,) = analyze(write_adam_spike_warmup_linear(tmp_path / "train_log.csv"))
    assert [(e.step, e.kind) for e in ra.metrics[0].events] == [(1480, "spike")]


def test_a_smooth_adam_descent_has_no_jump_where_two_fitted_lines_part(tmp_path):
    # p49: a per-batch MSE falling smoothly at a constant LR. Two lines fitted over log(step) on either
    # side of step 385 part by 16% ("7 standard errors"), and the 30-point medians either side moved
    # that far too, by the fall's own pace: read as a plateau escape with no plateau before it.
    from curvedoc.analysis import analyze

    (ra,) = analyze(write_adam_smooth(tmp_path / "metrics.csv"))
    assert [e for m in ra.metrics for e in m.events] == []


def test_a_wide_spike_peaks_at_its_highest_point_not_at_its_blocks_level(tmp_path):
    # p50: labels permuted at update 1,501 throw the loss from ~0.01 to 11.5, then it relaxes to chance
    # over ~100 updates. The spike is read on block levels (3,000 points); it read "0.03 -> 6.29 (x205)",
    # the level of the block holding the peak, not the 11.5 logged.
    from curvedoc.analysis import analyze

    (ra,) = analyze(write_label_permute(tmp_path / "metrics.csv"))
    [ev] = ra.metrics[0].events
    assert ev.kind == "spike" and ev.step == 1501
    assert ev.after == pytest.approx(11.5) and ev.before < 0.05


def test_a_fall_off_a_slow_slide_far_steeper_than_it_is_an_escape(tmp_path):
    # p52: a transformer's minibatch loss slides from 2.8 to 1.7 over 900 updates (never flat), then
    # falls x20 in ~200 as it finds the lookup, and goes on down to 0.001 in a noisy tail. No plateau
    # came before the fall and none after it, and the main loss read "1 stage, 0 sharp improvements".
    from curvedoc.analysis import analyze

    (ra,) = analyze(write_recall_transformer(tmp_path / "train.log"))
    [ev] = ra.metrics[0].events
    assert ev.kind == "drop" and 1000 <= ev.step <= 1200 and ev.label == "plateau_escape"
    assert ev.before > 0.5 and ev.after < 0.05


def test_a_start_up_transient_is_an_instability_the_run_came_through(tmp_path):
    # p53: full-batch GD past 2 / sharpness. The loss falls 0.50 -> 0.21 by step 7, is thrown up to 0.83
    # at step 10 and is back under 0.21 by step 12 (a catapult). The spike search read the point against
    # a spread the initial descent beside it inflates, and found nothing there.
    from curvedoc.analysis import analyze
    from curvedoc.check import check

    (ra,) = analyze(write_catapult(tmp_path / "metrics.csv"))
    first = ra.metrics[0].events[0]
    assert (first.kind, first.step, first.label, first.confidence) == ("spike", 10, "instability", 0.5)
    assert first.before == pytest.approx(0.212081) and first.after == pytest.approx(0.825758)
    assert "start-up transient" in first.evidence[-1]
    # Below check's default bar for instability (0.6): the later spike at 20 is what fails it.
    assert [f.step for f in check([tmp_path / "metrics.csv"]).findings] == [20]


def test_a_start_up_transient_the_spike_search_also_finds_is_read_as_one(tmp_path):
    # p80: a catapult thrown x75 over steps 2-7 of 400 and back under where it left (0.29) by step 10, at
    # 0.19. Steep enough for the spike search as well, it had been a spike like any other: instability
    # 0.85, "back by step 9" (1.07 there), and check failed the run the README says it passes.
    from curvedoc.analysis import analyze
    from curvedoc.check import check

    path = write_catapult_two_layer(tmp_path / "train_log.csv")
    (ra,) = analyze(path)
    [ev] = ra.metrics[0].events
    assert (ev.kind, ev.step, ev.start_step, ev.end_step, ev.label, ev.confidence) == \
        ("spike", 7, 1, 10, "instability", 0.5)
    assert ev.before == pytest.approx(0.294167, rel=1e-4) and ev.after == pytest.approx(22.099911)
    assert "back by step 10" in ev.evidence[1] and "start-up transient" in ev.evidence[-1]
    assert check([path]).findings == []


def test_a_jump_after_a_stage_that_kept_falling_is_dated_and_measured_where_it_happens(tmp_path):
    # p54: label smoothing switched on at update 701 throws a Trainer's logged loss from 0.05 to 2.25 in
    # one print. The stage before falls 0.15 -> 0.05 under 30% noise, cut into short pieces; measured
    # from the last long one, the move read "0.1232 -> 1.027 over 411 steps" from step 320, where the
    # loss was still improving: the split found at 710 was turned down as "a quarter of the way there
    # already", though the curve had gone the other way.
    from curvedoc.analysis import analyze

    (ra,) = analyze(write_label_smoothing_on(tmp_path / "metrics.csv"))
    (ev,) = [e for e in ra.metrics[0].events if e.direction == "up"]
    assert (ev.kind, ev.step) == ("rise", 710) and ev.start_step >= 700, (ev.kind, ev.step, ev.start_step)
    assert ev.before == pytest.approx(0.0515, rel=0.1) and ev.after > 0.9


def test_a_jump_out_of_a_still_stage_is_dated_at_the_first_print_off_it(tmp_path):
    # p75: a VAE's KL term switched on at update 1005; its KL, each print the mean of 10 updates', stands
    # near 48 to the print at 999, is 42.9 at 1009 and 8.4 at 1019. The drop was dated 999, a print still
    # on the stage, where the search's blocks ended.
    from curvedoc.analysis import analyze
    from small_runs import VAE_KL_ON

    log = tmp_path / "metrics.csv"
    log.write_text(VAE_KL_ON.lstrip())
    (ra,) = analyze(log)
    (ev,) = ra.metrics[0].events
    assert (ev.kind, ev.step) == ("drop", 1009), (ev.kind, ev.step)
    assert ev.before == pytest.approx(47.6, rel=0.03) and ev.after < 0.35
    assert [s.start for s in ra.metrics[0].stages] == [9, 1009]


def test_a_blow_up_landing_on_a_worse_level_is_a_spike_not_a_fall_from_its_peak(tmp_path):
    # p61: a regression net's epoch mean loss, ~14 for 35 epochs, thrown to 7.3e5 at epoch 36, then flat at
    # 24.5. The way down from the peak was read as "drop 14.47 -> 11.93" at epoch 38 and put down to the
    # decay at 40, and the spike, inside that drop, was left out for it.
    from curvedoc.analysis import analyze

    (ra,) = analyze(write_regression_blowup(tmp_path / "metrics.csv"))
    events = ra.metrics[0].events
    assert [(e.kind, e.step, e.direction) for e in events] == [("spike", 36, "up")], events
    assert events[0].label == "instability" and events[0].confidence >= 0.6
    assert any("still stand at 24.5" in why for why in events[0].evidence), events[0].evidence


def test_a_held_out_spike_inside_the_fall_after_it_is_its_own_event(tmp_path):
    # p70: Adam throws a noisy-label digits MLP's training loss up x400 at epoch 216; the test loss jumps
    # 0.70 -> 1.14 with it and settles ~10% below where it was. The fall from the spike's peak to the new
    # level was kept as a drop and the spike inside it set aside: the held-out curves showed no excursion.
    d = pd.read_csv(write_adam_spike(tmp_path / "metrics.csv"))
    test_loss = analyze_series(d["epoch"], d["test_loss"], "test_loss")
    assert [(e.kind, e.step) for e in test_loss.events] == [("spike", 216), ("drop", 219)], test_loss.events
    assert test_loss.events[0].after == pytest.approx(1.13515)
    acc = analyze_series(d["epoch"], d["test_acc"], "test_acc")
    assert [(e.kind, e.direction, e.step) for e in acc.events][:1] == [("spike", "down", 217)], acc.events


def test_a_kl_term_climbing_at_the_start_of_its_warmup_is_no_blow_up(tmp_path):
    # p90: a VAE's KL weight warmed up 0 -> 1 over 600 updates; with it near 0 the KL climbs 0.08 -> 14 in
    # 35 updates and settles near 3, ending 38x its first level. It read "rise 0.2793 -> 14.38 over 1493
    # steps, a climb onto a worse level that does not come back", and check failed the run.
    from curvedoc.analysis import analyze
    from small_runs import VAE_KL_WARMUP_KL

    log = tmp_path / "metrics.csv"
    log.write_text("step,kl\n" + "".join(f"{i},{v}\n" for i, v in enumerate(VAE_KL_WARMUP_KL, start=1)))
    (ra,) = analyze(log)
    kl = ra.metrics[0]
    assert kl.stages and not [e for e in kl.events if e.direction == "up"], [(e.step, e.kind) for e in kl.events]
