"""Rules on the labelled corpus of real CPU runs, including the confusable pairs.

Truth comes from each run's truth.json (written from the training internals).
"""

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from curvedoc.analysis import UserSchedule, analyze
from curvedoc.check import check
from curvedoc.explain import DATA_CHANGED
from curvedoc.summary import summarize
from realdata import REAL_LOGS
from small_runs import (ADAM_REDUCE_ON_PLATEAU, CLIP_OFF, EVAL_BUMP_AT_DECAY, write_chain_return, write_class_shift,
                        write_csv, write_curriculum_spike, write_dropout_off, write_inputs_scaled_run,
                        write_lr_raise_nan, write_sparse_parity, write_two_close_decays, write_weight_decay_on,
                        write_copy_escape, write_lr_blip, write_lr_raise_undone, write_lr_ramp, write_wsd_cooldown,
                        write_xf_modsum_linear_to_zero)

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
HOLDOUT_DIR = CORPUS.parent / "holdout"


def run(name, root=CORPUS, **kw):
    truth = json.loads((root / name / "truth.json").read_text())
    (ra,) = analyze(root / name / truth["log"], metrics=[truth["metric"]], **kw)
    return truth, ra.metrics[0].events


def near(events, step, tol):
    return [e for e in events if abs(e.step - step) <= tol]


def test_the_initial_level_of_a_saturation_recovery_is_the_first_value_logged_not_a_nan(tmp_path):
    # A real saturated sigmoid net's per-step CSV whose first train_loss was logged as nan (a
    # first fp16 step, a logger's placeholder): the note says the point was skipped, and the
    # evidence gave "the initial level nan" while judging the plateau against the first number.
    src = CORPUS / "sat_sigmoid_csv_gn" / "metrics.csv"
    lines = src.read_text().splitlines()
    head = lines[0].split(",")
    first = lines[1].split(",")
    first[head.index("train_loss")] = "nan"
    log = tmp_path / "metrics.csv"
    log.write_text("\n".join([lines[0], ",".join(first)] + lines[2:]) + "\n")
    (ra,) = analyze(log, metrics=["train_loss"])
    [ev] = [e for e in ra.metrics[0].events if e.label == "saturation_recovery"]
    m = re.search(r"the initial level ([\d.]+)", " ".join(ev.evidence))
    assert m and float(m[1]) == pytest.approx(float(lines[2].split(",")[head.index("train_loss")]), rel=1e-3), ev.evidence

def test_saturation_recovery_vs_first_step_of_a_staircase():
    truth, events = run("sat_sigmoid_hf")
    t = truth["events"][0]
    first = near(events, t["step"], t["tolerance"])[0]
    assert first.label == "saturation_recovery"
    assert any("initial level" in ev for ev in first.evidence)
    # Deep linear net from small init: the first plateau is also at the initial loss,
    # but more plateaus follow, so every drop is a plateau escape.
    truth, events = run("dln_staircase_csv")
    assert [e.label for e in events] == ["plateau_escape"] * len(truth["events"])
    for t in truth["events"]:
        assert near(events, t["step"], t["tolerance"]), t


def test_a_sparse_reward_return_flat_from_the_start_escapes_a_plateau_no_saturation(tmp_path):
    # p62: a tabular REINFORCE policy on a chain scores -50 until it first reaches the goal (update ~70),
    # then climbs to -10. Nothing could saturate; the flat start read saturation_recovery at 0.7.
    (ra,) = analyze(write_chain_return(tmp_path / "train.log"))
    (ev,) = ra.metrics[0].events
    assert ev.direction == "up" and 60 <= ev.step <= 100, ev
    assert (ev.label, ev.confidence >= 0.7) == ("plateau_escape", True), (ev.label, ev.confidence, ev.alternatives)


def test_a_warmup_stable_decay_cooldown_is_an_lr_decay(tmp_path):
    # p63: the LR held at 0.2 for 1,550 updates, then cooled down linearly to 0 over the last 400 (a fifth
    # of the run); the interval-mean loss falls from ~1.52 to ~1.18 in the cooldown (a same-seed run held
    # at 0.2 stayed at 1.49). Read up to a tenth of the run in, the fall was 3.5 standard errors: no event.
    (ra,) = analyze(write_wsd_cooldown(tmp_path / "trainer_state.json"))
    (ev,) = ra.metrics[0].events
    assert (ev.kind, ev.label, ev.confidence >= 0.9) == ("drop", "lr_decay", True), ev
    assert 1590 <= ev.step <= 1610 and ev.relative_change < -0.15, ev
    assert any("annealed 0.2 -> " in line and "linear" in line for line in ev.evidence), ev.evidence


def test_lr_decay_vs_plateau_escape_when_the_lr_is_not_logged():
    truth, events = run("sd_teacher_csv_nolr")
    assert not truth["lr_logged"]
    # Without the schedule curvedoc does not claim an LR decay with confidence.
    assert all(not (e.label == "lr_decay" and e.confidence > 0.5) for e in events)
    sched = truth["schedule"]
    _, events = run("sd_teacher_csv_nolr", user_schedule=UserSchedule(milestones=sched["milestones"],
                                                                         gamma=sched["gamma"]))
    for t in truth["events"]:
        (e,) = near(events, t["step"], t["tolerance"])
        assert e.label == "lr_decay" and e.confidence >= 0.9
        # Milestones give the factor, not the LR: no made-up "lr 1 -> 0.1".
        assert any(re.match(rf"lr x{sched['gamma']:.3g} at step \d+ \(given milestones\)", ev)
                   for ev in e.evidence), e.evidence


def test_an_escape_an_unlogged_lr_cut_would_make_is_no_confident_reading():
    # A staircase stair and a step decay look alike when the log has no LR: a stair after a stretch
    # that trained was plateau_escape at 0.80 with "no LR in the log"; the decay runs' drops were
    # read the same way, at 0.75-0.80 (the fifth set's drops at 2651-2882). Now 0.6, and said.
    fifth = CORPUS.parent / "fifth"
    for name, root in (("dln_staircase_mlflow", CORPUS), ("fi_lrspike_long_teacher_lightning_nolr", fifth)):
        truth = json.loads((root / name / "truth.json").read_text())
        (ra,) = analyze(root / name / truth["log"])
        later = [e for m in ra.metrics for e in m.events if e.label == "plateau_escape" and e.step > 1000]
        assert later and all(e.confidence == pytest.approx(0.6) for e in later)
        assert all(any("a step cut of the LR here would look the same" in x for x in e.evidence) for e in later)
    # A held-out curve's late jump with no training curve moving is no cut: grokking keeps its reading.
    (ra,) = analyze(CORPUS / "grok_modadd_csv" / "metrics.csv", metrics=["val_acc"])
    [ev] = ra.metrics[0].events
    assert ev.label == "plateau_escape" and ev.confidence >= 0.75 and not ev.linked


def test_an_lr_decay_is_inferred_when_train_and_val_drop_together_on_a_round_epoch(tmp_path):
    # A Keras CSVLogger log of a real run with its lr column dropped, as a log written
    # without it reads: MultiStepLR at epoch 20 unrecorded, no schedule given. Training
    # and held-out curves drop together at epoch 20 (the epoch-averaged training loss
    # shows it over the next rows): an inferred LR decay, said so, at a confidence below
    # a logged one.
    truth = json.loads((CORPUS / "sd_teacher_keras" / "truth.json").read_text())
    rows = (CORPUS / "sd_teacher_keras" / truth["log"]).read_text().splitlines()
    lr = rows[0].split(",").index("lr")
    log = tmp_path / "training.log"
    log.write_text("".join(",".join(c for i, c in enumerate(r.split(",")) if i != lr) + "\n" for r in rows))
    (t, _) = truth["events"]
    (ra,) = analyze(log)
    assert ra.schedule.lr_steps is None
    (loss,) = [m for m in ra.metrics if m.name == "loss"]
    (e,) = near(loss.events, t["step"], 1)
    assert e.label == "lr_decay" and 0.5 < e.confidence < 0.9, (e.label, e.confidence)
    # The held-out accuracy rose as the losses fell: each improved. The log counts epochs, and says so.
    assert any("inferred from val_accuracy, val_loss improving at the same epoch on a round boundary (epoch 20)"
               in ev for ev in e.evidence), e.evidence
    assert [a["label"] for a in e.alternatives] == ["plateau_escape"]


def test_a_drop_found_in_one_curve_only_is_not_read_as_an_lr_decay():
    # The same kind of log, MultiStepLR at epoch 30 unrecorded: the held-out loss falls
    # 0.22 -> 0.16 there, under 6 standard errors once the epoch's own pace (3% an
    # epoch) is taken out, so only the training loss reports a drop, with nothing to
    # infer a decay from.
    truth, _ = run("sd_digits_mlp_keras_nolr")
    assert not truth["lr_logged"]
    (t,) = [t for t in truth["events"] if t["visible"]]
    (ra,) = analyze(CORPUS / "sd_digits_mlp_keras_nolr" / truth["log"])
    (loss,) = [m for m in ra.metrics if m.name == "loss"]
    (e,) = near(loss.events, t["step"], 1)
    assert e.label == "plateau_escape" and e.confidence <= 0.5 and not e.linked
    # The validation accuracy's earlier rise has no training-curve partner: not inferred.
    (acc,) = [m for m in ra.metrics if m.name == "val_accuracy"]
    assert all(e.label != "lr_decay" for e in acc.events)


def test_lr_restart_vs_instability():
    truth, events = run("sgdr_teacher_tb")
    restarts = [e for e in events if e.label == "lr_restart"]
    assert len(restarts) >= 2
    assert all(any("-> 0.1 at step" in ev for ev in e.evidence) for e in restarts)
    # A corrupted batch at constant LR is instability, with the LR quoted.
    truth, events = run("spike_badbatch_csv_gn")
    for t in truth["events"]:
        found = near(events, t["step"], t["tolerance"])
        if t["cause"] == "plateau_escape":
            # the net left at chance by the second batch climbs off it 700 updates later
            assert [e.label for e in found] == ["plateau_escape"]
            continue
        assert found and all(e.label == "instability" and e.confidence >= 0.85 for e in found)
        assert any("lr unchanged" in ev for e in found for ev in e.evidence)
    # An LR raised without logging it (tanh net): one jump, which can only read as
    # instability, and the label says it cannot rule a restart out.
    truth, events = run("jump_tanh_tb_nolr")
    (t,) = truth["events"]
    (e,) = near(events, t["step"], t["tolerance"])
    assert e.label == "instability" and e.confidence < 0.7
    assert any("lr not logged" in ev and "a restart would look the same" in ev for ev in e.evidence)
    # The SGDR recipe logged without its LR and with no schedule given: three
    # setbacks at a steady period, each annealing back slowly, are inferred to be
    # restarts, below a logged LR's confidence; instability stays the alternative.
    truth, events = run("sgdr_teacher_csv_nolr")
    spikes = [e for t in truth["events"] for e in near(events, t["step"], t["tolerance"])]
    assert len(spikes) >= 2
    for e in spikes:
        assert e.label == "lr_restart" and e.confidence < 0.7
        assert any("inferred from 3 setbacks starting every" in ev for ev in e.evidence), e.evidence
        assert [a["label"] for a in e.alternatives] == ["instability"]
    # Three corrupted batches at irregular places, back within a few steps: not a schedule.
    _, events = run("spike_badbatch_tb")
    assert all(e.label == "instability" for e in events if e.direction == "up")


def test_epoch_boundary_drops_and_batch_size_increases():
    truth, events = run("epochs_memo_hf")
    for t in truth["events"]:
        found = near(events, t["step"], t["tolerance"])
        assert found and found[0].label == "epoch_boundary", t
    truth, events = run("bs_teacher_tb")
    for t in truth["events"]:
        (e,) = near(events, t["step"], t["tolerance"])
        assert e.label == "batch_size_increase"
        assert any("batch size" in ev and "noise scale lr/B" in ev for ev in e.evidence)


def test_lr_decay_in_noisy_per_step_loss_is_found_and_dated_at_the_logged_change():
    # HF logs the minibatch loss every 10 steps; after the decay the loss relaxes
    # over hundreds of steps under ~30% noise. Whether the blind search finds the
    # relaxation (as a ramp between two stages) or the test at the change does,
    # the drop is dated at the change and read as the decay.
    truth, events = run("sd_teacher_hf")
    t = truth["events"][0]
    assert t["visible"] and t["cause"] == "lr_decay"
    (e,) = near(events, t["step"], t["tolerance"])
    assert e.label == "lr_decay" and e.kind == "drop"
    assert abs(e.step - t["step"]) <= 10 and e.after < e.before


def test_a_small_drop_at_a_logged_decay_needs_less_evidence_than_one_found_blind(tmp_path):
    # make_classification with 8% flipped labels: halving the lr lowers the per-update loss by
    # ~14% under ~35% noise. The segmentation cuts at the decay, but the cut's jump is 5.8
    # standard errors, under the 6 a search over every step needs; at a step the schedule
    # names in advance one test is made, and 4 suffice (as for the test at the change).
    import pandas as pd

    fifth = CORPUS.parent / "fifth"
    truth, events = run("fi_sd_small_makeclf_csv", root=fifth)
    t = truth["events"][0]
    (e,) = near(events, t["step"], t["tolerance"])
    assert (e.kind, e.label) == ("drop", "lr_decay")
    # The same log without its lr column: the blind search alone does not claim it.
    frame = pd.read_csv(fifth / "fi_sd_small_makeclf_csv" / truth["log"]).drop(columns=["lr"])
    frame.to_csv(tmp_path / "metrics.csv", index=False)
    (ra,) = analyze(tmp_path / "metrics.csv", metrics=["train_loss"])
    assert not near(ra.metrics[0].events, t["step"], t["tolerance"])


def test_at_a_decay_a_trend_from_a_few_noisy_epochs_is_not_extrapolated():
    # Validation accuracy in percent, per epoch: 78-81 (noise +-1.5) before the decay at epoch 21,
    # 83-84 and calm after. The five epochs before the change give a slope that a t-test cannot
    # tell from none; extrapolated, it swallowed the 4-point step. Their level is tested instead.
    fifth = CORPUS.parent / "fifth"
    truth, events = run("fi_sd_valacc_pct_teacher_epochcsv", root=fifth)
    first, second = truth["events"]
    (e,) = near(events, first["step"], first["tolerance"])
    assert (e.kind, e.label, e.onset) == ("rise", "lr_decay", "schedule") and e.after - e.before > 3
    # The second decay barely moves it (0.36%, not visible): still nothing there.
    assert not near(events, second["step"], 3)


def test_a_fall_a_few_prints_after_a_given_decay_is_dated_at_the_decay():
    # A running_loss print every 20 updates (the mean of the last 20): the decay at update 1150
    # lowers it over the next four prints, 0.30 -> 0.25 -> 0.21 -> 0.19, then a noisy 0.24 and
    # 0.16. The search's sharpest step is the last one; the four prints since the decay already
    # sit off the trend before it, which dates the drop at the decay, not 90 updates later.
    fifth = CORPUS.parent / "fifth"
    truth = json.loads((fifth / "fi_running_sd_digits_text_nolr" / "truth.json").read_text())
    sched = truth["schedule"]
    _, events = run("fi_running_sd_digits_text_nolr", root=fifth,
                    user_schedule=UserSchedule(milestones=sched["milestones"], gamma=sched["gamma"]))
    t = truth["events"][0]
    (e,) = events
    assert (e.kind, e.label) == ("drop", "lr_decay") and abs(e.step - t["step"]) <= t["tolerance"]
    assert e.confidence >= 0.9


def test_a_schedule_change_the_curve_does_not_show_is_not_an_event():
    # A constant-LR run with a decay the user claims: the curve does not move
    # there, so the test at that step must not invent a drop.
    truth, _ = run("const_sgd_teacher_hf")
    assert truth["no_event"]
    for at in (1000, 2000, 3000):
        _, events = run("const_sgd_teacher_hf", user_schedule=UserSchedule(milestones=[at], gamma=0.1))
        assert not near(events, at, 500), at


def test_a_saturation_escape_that_slides_then_plunges_is_one_event_and_not_an_oscillation():
    # Sigmoid nets leaving saturation: the loss first slides off the ln 10 plateau,
    # then plunges; the livelier minibatch noise afterwards is no instability.
    for name in ("sat_sigmoid_csv_gn", "sat_sigmoid_hf"):
        truth, events = run(name)
        (t,) = truth["events"]
        assert [e.kind for e in events] == ["drop"], (name, [(e.step, e.kind) for e in events])
        (e,) = events
        assert abs(e.step - t["step"]) <= t["tolerance"] and e.label == "saturation_recovery"
        assert e.before > 2.0 and e.after < 0.5 * e.before  # from the ln 10 plateau to well below it


def test_a_plateau_falling_into_a_noisy_tail_is_found():
    # Keras, per epoch: ln 10 for 59 epochs, a first drop to ~1.7, a second
    # plateau of 16 epochs, then a -64% fall into a tail whose noise is ten times
    # the first plateau's (the segmentation cuts it into short pieces only).
    truth, events = run("sat_sigmoid_keras")
    assert [e.kind for e in events] == ["drop", "drop"], [(e.step, e.kind) for e in events]
    assert events[0].before > 2.2 and events[0].after < 1.8 and events[1].after < 0.5 * events[1].before
    # Two plateaus each ended by a drop (the probed loss shows both stages): read as a
    # staircase, which the truth accepts.
    for t, e in zip(truth["events"], events):
        assert abs(e.step - t["step"]) <= t["tolerance"] and e.label in [t["cause"]] + t["also_acceptable"]


def test_no_event_runs_give_no_event():
    # Constant-LR and cosine runs in every format: the initial descent, its
    # shoulders and the minibatch noise are not transitions.
    names = sorted(p.parent.name for p in CORPUS.glob("*/truth.json")
                   if json.loads(p.read_text()).get("no_event"))
    assert len(names) >= 8
    for name in names:
        _, events = run(name)
        assert events == [], (name, [(e.step, e.kind) for e in events])


def test_a_shoulder_in_the_initial_descent_is_not_a_drop():
    # The loss pauses briefly at 0.25 on its way down from ln 10 (step ~100 of
    # 4600); only the corrupted-batch spike and the later rises are events.
    truth, events = run("spike_badbatch_tb")
    assert not [e for e in events if e.kind == "drop" and e.step < 0.1 * 4600]
    for t in truth["events"]:
        if t["cause"] != "plateau_escape":  # the climb off chance after the second batch is missed
            assert near(events, t["step"], t["tolerance"]), t


def test_drops_under_a_smooth_schedule_name_the_lr_story():
    # SGDR: inside a cosine cycle the loss falls as the LR anneals; that drop
    # follows no step in the LR but the LR had halved, and the label says so.
    _, events = run("sgdr_teacher_tb")
    mid_cycle = [e for e in events if e.kind == "drop" and 2402 < e.step < 5602]
    assert mid_cycle
    for e in mid_cycle:
        assert e.label == "lr_decay" and e.confidence < 0.9
        assert any("annealed smoothly" in ev for ev in e.evidence)
    # During warmup (a deep linear net learning its modes while the LR climbs): a drop out of
    # a plateau the log shows is a plateau escape, weaker than at a constant LR, and quotes the
    # LR climbing; only a climb by the annealing factor across the stage before tells the
    # "large enough at last" story. The second is the truth's visible escape at 375.
    truth, events = run("diverge_warmup_lightning")
    early = [e for e in events if e.kind == "drop"]
    assert [e.label for e in early] == ["plateau_escape", "plateau_escape"]
    assert near(early, 375, 54) and [t["cause"] for t in truth["events"] if t["step"] == 375] == ["plateau_escape"]
    for e in early:
        assert e.confidence < 0.8 and any(ev.startswith(("flat from step", "slow from step")) for ev in e.evidence)
        assert any(ev.startswith("the LR was still rising (warmup)") for ev in e.evidence)
    assert any("large enough" in ev for ev in early[0].evidence)
    assert not any("large enough" in ev for ev in early[1].evidence)


def test_a_plateau_ending_in_a_fall_with_a_noisy_tail_is_found():
    # Small-init tanh net (saddle at the origin) and a saturated tanh net, logged
    # per step: flat near ln 10, then a fall into a tail whose log swings by
    # whole units from step to step. The fall is one event, at the truth's step.
    for name in ("tanh_smallinit_lightning", "sat_tanh_tb_gn"):
        truth, events = run(name)
        (t,) = truth["events"]
        (e,) = [e for e in events if e.kind == "drop"]
        assert abs(e.step - t["step"]) <= t["tolerance"], (name, e.step)
        assert e.label in ("plateau_escape", "saturation_recovery") and e.before > 2.0 and e.after < 0.5


def test_warmup_end_is_in_the_schedule_and_no_slope_change_is_claimed_as_a_drop():
    # Linear (HF) and cosine (Lightning) schedules after a linear warmup: the
    # warmup's end is read from the LR column at the step the optimiser set, and
    # since its effect is a bend, not a level change (truth: not visible), no
    # event is reported there.
    for name in ("warmup_linear_hf", "warmup_cosine_lightning"):
        truth, events = run(name)
        (t,) = truth["events"]
        assert t["cause"] == "warmup_end" and not t["visible"]
        (ra,) = analyze(CORPUS / name / truth["log"], metrics=[truth["metric"]])
        ends = [c for c in ra.schedule.changes if c.kind == "warmup_end"]
        assert len(ends) == 1 and abs(ends[0].step - t["step"]) <= t["tolerance"], (name, ends)
        assert ends[0].after > ends[0].before  # the LR rose to its peak
        assert not near(events, t["step"], t["tolerance"])
        assert [s.shape for s in ra.schedule.smooth] == [("linear" if name.endswith("hf") else "cosine")]


def test_the_end_of_a_constant_warmup_is_the_cause_of_the_move_it_makes():
    # He et al.'s constant warmup: a small LR, then one step up to the real LR.
    # Too small a warmup LR: the loss slides, and falls when the warmup ends.
    # A warmup LR that already trained the net: the 10x step throws the loss up,
    # which is the schedule's doing, not instability at a constant LR.
    for name, kind in (("warmup_const_drop_csv", "drop"), ("warmup_const_rise_tb", "spike")):
        truth, events = run(name)
        (t,) = truth["events"]
        assert t["cause"] == "warmup_end" and t["visible"]
        (e,) = near(events, t["step"], t["tolerance"])
        assert (e.kind, e.label) == (kind, "warmup_end"), (name, e)
        assert e.confidence >= 0.9
        (said,) = [ev for ev in e.evidence if "the end of a constant warmup" in ev]
        # The first logged step with the new LR (the TensorBoard run logs every 2 updates).
        assert 0 <= int(re.search(r"at step (\d+)", said)[1]) - t["step"] <= 1, said
        assert [a["label"] for a in e.alternatives if a["label"] == "instability"] == (["instability"] if kind == "spike"
                                                                                 else [])


def test_divergence_starts_where_the_explosion_does_not_at_the_first_nan():
    # An LR range test and a resumed run with a 10x LR: the loss climbs for tens
    # to hundreds of steps before the first non-finite value. The divergence is
    # dated from where the loss last stood within 2x of its best (truth: the full
    # training-set loss first exceeding 2x its running minimum), and the climb
    # is not reported again as a rise.
    for name in ("diverge_lrrange_mlflow", "diverge_hf"):
        truth, events = run(name)
        (t,) = truth["events"]
        (div,) = [e for e in events if e.kind == "divergence"]
        assert abs(div.step - t["step"]) <= t["tolerance"], (name, div.step)
        assert div.step < div.nonfinite_step
        assert not [e for e in events if e.kind == "rise" and e.step >= div.step], name



def test_a_loss_blown_up_in_one_step_by_an_lr_raise_diverges_at_the_raise_not_before(tmp_path):
    # A real per-step loss scattering over a decade (0.05 to 0.6), then the LR raised x1000 at update
    # 2500: 0.45, then 3.8e4, 5.5e13, 1.6e29 and nan. Its 30-update running median stood over 2x its
    # luckiest one for a while before the raise by chance, and the divergence was dated 26 updates
    # before the raise that caused it, "grew from" a level the loss was still at.
    (ra,) = analyze(write_lr_raise_nan(tmp_path / "train_log.csv"))
    [div] = [e for e in ra.metrics[0].events if e.kind == "divergence"]
    assert (div.step, div.nonfinite_step) == (2500, 2504)
    assert "(past x10 of it at step 2501)" in div.evidence[0], div.evidence
    assert "lr raised 0.05 -> 50 (x1e+03) at step 2500" in div.evidence[0], div.evidence
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(tmp_path / "train_log.csv")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 1 and "loss: step 2500: divergence" in res.stdout, res.stdout


def test_a_held_out_accuracy_stuck_after_a_bad_batch_escapes_when_training_recovers():
    # A corrupted minibatch at update 2500 throws the held-out accuracy from 0.97 to 0.17; it sits
    # there for ten evaluations (0.16-0.25), then climbs to 0.82 by 3358 as the training loss
    # leaves its own plateau (internals: 50% of the way at update 3160). The flat stretch's line
    # moves 0.05 under its own scatter of 0.027; judged against the calmer noise of the level after
    # it, it was no plateau and the climb went unreported.
    truth = json.loads((CORPUS / "spike_badbatch_tb" / "truth.json").read_text())
    [t] = [e for e in truth["events"] if e["cause"] == "plateau_escape"]
    (ra,) = analyze(CORPUS / "spike_badbatch_tb" / truth["log"], metrics=["val/acc"])
    [ev] = [e for e in ra.metrics[0].events if e.direction == "up" and e.kind == "rise"]
    # Evaluated every 46 updates: dated at the last evaluation before the climb, after the flat ones.
    assert 2944 < ev.step <= t["step"] and t["step"] - t["tolerance"] - 46 <= ev.step and ev.label == "plateau_escape"
    assert ev.before < 0.25 and ev.after > 0.8, (ev.before, ev.after)
    assert [(s.start, s.plateau) for s in ra.metrics[0].stages if 2500 <= s.start < 3700] == [
        (2530, True), (2990, False)]

def test_a_drop_well_after_an_lr_decay_with_nothing_in_between_is_still_the_decay(tmp_path):
    # The decay at 2341 of a real per-step log, with the LR column rewritten to
    # cut 200 steps earlier: past the lag a drop usually shows, but no other
    # change or event came between, so the decay still explains it (less sure).
    import csv

    truth = json.loads((CORPUS / "sd_teacher_csv" / "truth.json").read_text())
    at = truth["events"][0]["step"]
    rows = list(csv.DictReader((CORPUS / "sd_teacher_csv" / truth["log"]).open()))
    lrs = sorted({float(r["lr"]) for r in rows if r["lr"]}, reverse=True)
    for r in rows:
        if r["lr"] and at - 200 <= int(r["step"]) < at:
            r["lr"] = repr(lrs[1])  # the second LR, now set 200 steps early
    log = tmp_path / "metrics.csv"
    with log.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    (ra,) = analyze(log, metrics=[truth["metric"]])
    (e,) = near(ra.metrics[0].events, at, truth["events"][0]["tolerance"])
    assert e.label == "lr_decay" and e.confidence < 0.9
    assert any("slow relaxation" in ev and "before the drop" in ev for ev in e.evidence)


def test_a_decay_in_a_short_per_epoch_log_is_tested_at_the_given_milestone():
    # 30 epochs logged once each, LR not logged, MultiStepLR x0.4 at epochs 12
    # and 23 given by the user: a tenth of the run is 3 points, too few to test
    # against the trend; the windows reach 5 points and both cliffs are found.
    third = CORPUS.parent / "third" / "th_sd_teacher_deep4_g04_epochcsv_nolr"
    truth = json.loads((third / "truth.json").read_text())
    sched = truth["schedule"]
    (ra,) = analyze(third / truth["log"], metrics=[truth["metric"]],
                    user_schedule=UserSchedule(milestones=sched["milestones"], gamma=sched["gamma"], unit="epoch"))
    events = ra.metrics[0].events
    assert len(events) == 2
    for t, e in zip(truth["events"], events):
        assert abs(e.step - t["step"]) <= t["tolerance"] and e.kind == "drop"
        assert e.label == "lr_decay" and e.after < 0.5 * e.before
        assert any("tested at the schedule change" in ev for ev in e.evidence)


def test_a_move_under_way_at_the_schedule_change_is_dated_there():
    # SGDR with the LR logged: the restart's climb in noisy per-step loss is
    # placed by the blind search where its block fit breaks, about a hundred
    # updates in; the points since the restart are already up, so it is the restart's.
    truth, events = run("sgdr_teacher_tb")
    for t in truth["events"]:
        (e,) = near(events, t["step"], t["tolerance"])
        assert e.label == "lr_restart" and e.direction == "up"
        assert e.start_step <= t["step"] + 2 <= e.end_step


def test_a_real_log_s_decays_are_dated_at_the_epoch_the_lr_changed():
    # The WRN log records lr 0.004 and the loss already at 0.030 (from 0.076) at
    # epoch 120: the drop is that epoch's, not the next one where the fall is half done.
    (ra,) = analyze(REAL_LOGS / "wrn_cifar10_wrn40-4" / "log.txt", metrics=["loss"])
    events = ra.metrics[0].events
    assert [(e.step, e.label) for e in events] == [(60, "lr_decay"), (120, "lr_decay"), (160, "lr_decay")]


def test_a_fall_that_pauses_on_a_stage_of_its_own_is_two_escapes():
    # Deep linear net: the loss falls from its plateau at ~220 updates, rests on a
    # second stage for ~150 updates (shorter than the 5% of the run an escape is
    # read over), then falls again at ~400 as the next mode is learned.
    truth, events = run("dln_staircase_wandb")
    assert len(events) == len(truth["events"])
    for t, e in zip(truth["events"], events):
        assert abs(e.step - t["step"]) <= t["tolerance"] and e.label == "plateau_escape", (t, e.step)
    first, second = events[:2]
    assert first.end_step < second.start_step and first.after > second.after


def test_two_falls_merged_across_a_short_pause_are_split_at_it():
    # Depth-2 deep linear net (third set): the first mode is learned at ~150
    # updates, the curve rests ~60 updates (five blocks, 12% of the stretch), and
    # the second mode is learned at ~310. Found as a jump and a ramp three blocks
    # apart, the two were merged into one fall from 114 to 372.
    truth, events = run("th_dln_staircase_d2_hf", root=CORPUS.parent / "third")
    first, second = truth["events"][:2]
    a, b = events[:2]
    assert abs(a.step - first["step"]) <= first["tolerance"] and abs(b.step - second["step"]) <= second["tolerance"]
    assert a.end_step < b.start_step and a.after > b.after


def test_a_wide_spike_is_dated_where_it_leaves_the_baseline():
    # SGDR logged without its LR: each restart makes the loss climb for ~100-150
    # steps before the new cycle anneals it back. The climb's middle (where a
    # jump would be dated) was up to 96 steps after the restart; its onset is
    # within 20 of it. A bad batch's spike still reads the step it was injected.
    truth, events = run("sgdr_teacher_csv_nolr")
    spikes = [e for e in events if e.kind == "spike"]
    assert len(spikes) == len(truth["events"])
    for t, e in zip(truth["events"], spikes):
        assert abs(e.step - t["step"]) <= 20 and e.start_step == e.step < e.end_step, (t["step"], e.step)
    truth, events = run("spike_badbatch_tb")
    assert [e.step for e in events] == [t["step"] for t in truth["events"] if t["kind"] != "drop"]


def test_every_event_spans_its_own_step_and_no_two_share_one():
    # On every run of the four labelled sets and every metric: an event's step lies
    # within its span, its width is that span, and one move is one event (a bad batch
    # that knocks the loss to a new level is a rise, not a rise and a spike at one step).
    sets = CORPUS.parent
    for truth_file in sorted(sets.glob("*/*/truth.json")):
        truth = json.loads(truth_file.read_text())
        for ra in analyze(truth_file.parent / truth["log"]):
            for m in ra.metrics:
                for e in m.events:
                    assert e.start_step <= e.step <= e.end_step, (truth_file.parent.name, m.name, e.step)
                    assert e.width_steps == e.end_step - e.start_step + 1
                steps = [e.step for e in m.events]
                assert len(steps) == len(set(steps)), (truth_file.parent.name, m.name, steps)


def test_epoch_starts_that_lean_no_more_than_the_noise_are_no_sawtooth():
    # OneCycle AdamW on shuffled data, logged every 4 updates over 22 epochs: the
    # step into an epoch is a little better than other steps (rank test p 0.004),
    # but by no more than an ordinary step-to-step move; memorised data (above)
    # drop several times that. The run has no event at epoch starts.
    _, events = run("fo_onecycle_adamw_teacher_wandb", root=CORPUS.parent / "fourth")
    assert not [e for e in events if e.label == "epoch_boundary"], [e.step for e in events]
    _, events = run("epochs_memo_wandb")
    assert len([e for e in events if e.label == "epoch_boundary"]) >= 2


def test_a_restart_the_segmentation_gives_a_piece_of_its_own_is_found():
    # SGDR every 7 epochs, logged every few updates without its LR, under noise of
    # a third of a log unit: the second restart's climb (10x) is a 6-block piece
    # between two stages. Measured from the stage before to the stage after, not
    # to the ramp's own last points, it stands far above the noise; with all three
    # restarts seen, their steady period makes them a schedule's.
    truth, events = run("th_sgdr_epoch_mlflow_nolr", root=CORPUS.parent / "third")
    for t in truth["events"]:
        (e,) = near(events, t["step"], t["tolerance"])
        assert e.direction == "up" and e.label == "lr_restart", (t["step"], e.step, e.label)
    assert len(events) == len(truth["events"])


def test_a_step_every_logged_point_could_land_on_is_no_round_boundary():
    # A saturated tanh net logged every 5 updates with no LR: its recovery falls at
    # update 2330. Half the logged steps are multiples of 10, so that says nothing
    # of a schedule: the drop is not read as an inferred LR decay. (Its stage creeps,
    # so it is not flat enough for saturation_recovery; the truth accepts an escape.)
    truth, events = run("fo_sat_tanh_teacher_mlflow_nolr", root=CORPUS.parent / "fourth")
    (t,) = truth["events"]
    (e,) = near(events, t["step"], t["tolerance"])
    assert e.label in [t["cause"]] + t["also_acceptable"], (e.step, e.label, e.evidence)
    assert "lr_decay" not in [e.label] + [alt["label"] for alt in e.alternatives]


def test_a_round_step_does_not_outweigh_the_initial_plateau_a_linked_training_curve_leaves(tmp_path):
    # Sparse parity, constant LR, no epochs: the training loss leaves its plateau at ln 2 at
    # update 1000 and the held-out curves follow at their next evaluations. Step 1000 is round
    # only as a number; the training curve leaves the plateau it started on, at its initial
    # loss, which no decay ends: an escape in every curve.
    (ra,) = analyze(write_sparse_parity(tmp_path / "metrics.csv"))
    labels = {m.name: [(e.step, e.label) for e in m.events] for m in ra.metrics}
    assert labels["train_loss"] == [(1000, "saturation_recovery")], labels
    # Short of sure: the curve cannot tell saturated units from a saddle at the initial loss.
    (e,) = [m for m in ra.metrics if m.name == "train_loss"][0].events
    assert e.confidence <= 0.7 and any("a saddle left from the initial loss" in x for x in e.evidence), e.evidence
    for name in ("val_loss", "val_acc"):
        ((step, label),) = labels[name]
        assert 1000 <= step <= 1400 and label == "plateau_escape", labels


def test_a_cliff_off_a_plateau_logged_every_100_updates_is_one_event_dated_where_it_starts(tmp_path):
    # The same run printed every 100 updates: the fall takes a dozen prints, then slides on.
    # It is dated at its first prints off the plateau (a split of the whole fall put it half
    # way down, at 1600), and the slide that follows, each stretch slower than the last, is
    # no second fall after a pause.
    (ra,) = analyze(write_sparse_parity(tmp_path / "metrics.csv", every=100))
    (loss,) = [m for m in ra.metrics if m.name == "train_loss"]
    (e,) = loss.events
    assert 1000 <= e.step <= 1200 and e.kind == "drop" and e.after < 0.01, (e.step, e.after)


def test_an_initial_plateau_left_while_a_linear_schedule_barely_eased_is_still_a_recovery(tmp_path):
    # A transformer sits at ln 7 from the start and cascades while AdamW's LR, decaying linearly
    # to zero, has eased by less than a third: far from the halving a smooth schedule needs to
    # make a cliff. Not "an escape and the schedule's doing cannot be told apart" (unexplained).
    (ra,) = analyze(write_xf_modsum_linear_to_zero(tmp_path / "wandb-history.jsonl"))
    (loss,) = ra.metrics
    (e,) = loss.events
    assert 150 <= e.step <= 300 and e.label == "saturation_recovery" and e.confidence < 0.8, (e.step, e.label)
    assert any("the LR eased 0.00199 -> 0.00139 (x0.7) over the plateau" in line for line in e.evidence), e.evidence


def test_a_steep_fall_landing_on_a_flat_stage_after_a_slide_is_found():
    # Deep linear net under a warmup: the second mode's loss slides from 0.6 to 0.35 over some
    # 80 updates, then the third mode's falls 12x in about 65 updates onto the flat stage the
    # run keeps until it diverges. That fall is 3.7x steeper than the slide (a short steep piece
    # needs 4x where the curve goes on moving after it), and it lands on a still stage.
    truth, events = run("diverge_warmup_text")
    t = next(t for t in truth["events"] if t["step"] == 501)
    (e,) = near(events, t["step"], t["tolerance"])
    assert e.kind == "drop" and e.after < 0.2 * e.before, (e.step, e.before, e.after)


def test_a_setback_that_one_noisy_block_dips_under_is_a_rise_not_a_spike():
    # One corrupted minibatch at update 2000 sends the loss from 5e-4 back to its start (~1), and
    # the net relearns over the rest of the run. One block of the noisy per-step loss some 150
    # updates later dipped under half the jump (on the log scale), and the jump was called a
    # spike "back by" then; the level there was still 50x the one before.
    truth, events = run("spike_badbatch_wandb")
    (t,) = truth["events"]
    (e,) = near(events, t["step"], t["tolerance"])
    assert (e.kind, e.label) == ("rise", "instability"), (e.kind, e.evidence)


def test_a_held_out_climb_when_the_training_data_changes_is_no_saturation_recovery(tmp_path):
    # Trained on the digits 0-4 only, then on all ten from update 601: the training loss jumps up
    # and the held-out accuracy on all ten, near one half since the first evaluation (the net had
    # learned five digits by then), climbs. Its first evaluation is no untrained start, and a
    # training loss made worse at the same time is said: not saturation_recovery at 0.9.
    (ra,) = analyze(write_class_shift(tmp_path / "trainer_state.json"))
    metrics = {m.name: m for m in ra.metrics}
    (jolt,) = [e for e in metrics["loss"].events if e.kind == "rise"]
    assert jolt.step == 610 and jolt.label == "instability"
    # The mirror: the training loss's jump, as the held-out accuracy climbs, is no sure instability, and
    # the level it had on five digits is no best the run fell back from (check passed it by, and the
    # summary said "loss got worse ... 2.09x its best").
    assert jolt.confidence < 0.6 and "but eval_accuracy improved at step 650, at the same time: the training data " \
        "or objective may have changed" in jolt.evidence
    assert not any("got worse" in line for line in summarize(ra))
    assert any(line.startswith("loss worse at step 610, but eval_accuracy improved") for line in summarize(ra))
    # Nor is the 10-update mean of 0.137 at update 410 (between 0.096 and 0.084, under the 0.153 at
    # 390) a spike: it was one of the runs of high points the noise makes, and failed the gate.
    result = check([tmp_path / "trainer_state.json"])
    assert [(f.rule, f.step) for f in result.findings] == []
    for name in ("eval_accuracy", "eval_loss"):
        (e,) = metrics[name].events
        assert e.step == 650 and e.label == "plateau_escape" and e.confidence <= 0.55, (name, e.label, e.confidence)
        assert "but loss got worse at step 610, at the same time: the training data or objective may have " \
               "changed" in e.evidence


def test_a_training_spike_as_the_held_out_loss_falls_to_a_new_best_is_no_sure_instability(tmp_path):
    # The class shift again, later: trained on the digits 0-4 for 1,500 updates, the training loss
    # (0.001) is thrown up x3,000 by the other five and falls back over 300 updates, a spike, while
    # the held-out loss on all ten falls 5.3 -> 0.13 at the next evaluation. A spike had skipped the
    # held-out reading a jump gets, and failed check at 0.85.
    (ra,) = analyze(write_curriculum_spike(tmp_path / "trainer_state.json"))
    (jolt,) = [e for m in ra.metrics if m.name == "loss" for e in m.events]
    assert (jolt.step, jolt.kind, jolt.label) == (1510, "spike", "instability") and jolt.confidence < 0.6
    assert "but eval_accuracy improved at step 1600, at the same time: the training data or objective may " \
        "have changed" in jolt.evidence
    assert check([tmp_path / "trainer_state.json"]).findings == []


def test_a_held_out_curve_climbing_back_from_its_own_setback_is_no_sign_the_data_changed(tmp_path):
    # As in a OneCycle run dying while its LR rises: a training-loss spike while the held-out loss,
    # thrown up 55% two evaluations before, comes back 14% -- to no better than its level before.
    # That return is no gain a change of data would make: the spike stays a sure instability.
    rng = np.random.default_rng(26)
    steps = np.arange(1, 1201)
    train = 1.2 * np.exp(rng.normal(0, 0.03, len(steps)))
    train[(steps >= 438) & (steps < 450)] *= 2.5
    evals = np.arange(100, 1201, 100)
    held = np.where(evals < 300, 1.37, np.where(evals < 500, 2.14, 1.85)) * np.exp(rng.normal(0, 0.005, len(evals)))
    frame = pd.DataFrame({"step": steps, "lr": 0.1, "train_loss": train})
    frame = frame.merge(pd.DataFrame({"step": evals, "val_loss": held}), on="step", how="left")
    path = tmp_path / "run.csv"
    frame.to_csv(path, index=False)
    (ra,) = analyze(path)
    metrics = {m.name: m for m in ra.metrics}
    assert any(e.kind == "drop" and e.step == 500 for e in metrics["val_loss"].events)
    (spike,) = [e for e in metrics["train_loss"].events if e.kind == "spike"]
    assert spike.label == "instability" and spike.confidence >= 0.85, (spike.confidence, spike.evidence)


def _weight_decay_switched_on(path: Path, flag: str = "weight_decay") -> Path:
    # As a run with weight decay switched on at update 2001 (probe37, MLflow): the training loss,
    # near 0.001 at 100% training accuracy, climbs x40 over 200 updates as the weights shrink and
    # holds there; the held-out loss doubles; the log carries the setting in a column of its own.
    rng = np.random.default_rng(37)
    steps = np.arange(1, 4001)
    level = np.where(steps <= 2000, 0.002 * (steps / 2000) ** -0.8,
                     0.04 - 0.039 * np.exp(-np.maximum(steps - 2000, 0) / 60))
    train = level * np.exp(0.3 * rng.standard_normal(len(steps)))
    frame = pd.DataFrame({"step": steps, "lr": 0.05, "train_loss": train,
                          flag: np.where(steps <= 2000, 0.0, 0.005 if flag == "weight_decay" else 1.0)})
    evals = pd.DataFrame({"step": steps[49::50]})
    evals["val_loss"] = np.where(evals.step <= 2000, 0.04, 0.08) * np.exp(0.03 * rng.standard_normal(len(evals)))
    frame.merge(evals, on="step", how="left").to_csv(path, index=False)
    return path


def test_a_setting_changed_in_the_log_at_a_setback_is_no_sure_instability(tmp_path):
    # A regulariser switched on is a change of objective, said from the log's own column: not
    # instability 0.85 and a "runaway growth" failing check, as it was with "lr unchanged" alone.
    log = _weight_decay_switched_on(tmp_path / "run.csv")
    (ra,) = analyze(log)
    found = {m.name: m.events for m in ra.metrics}
    (rise,) = [e for e in found["train_loss"] if e.kind == "rise"]
    assert rise.label == "instability" and rise.confidence == 0.3
    assert "but weight_decay 0 -> 0.005 at step 2001, a setting logged beside the curves: the training data or " \
        "objective may have changed" in rise.evidence
    assert check([log]).findings == []
    # A flag a monitor raises as the run goes wrong is the move's outcome, not its cause.
    for flag in ("train_collapse_detected", "grad_clipped", "num_nans"):
        log = _weight_decay_switched_on(tmp_path / f"{flag}.csv", flag=flag)
        (ra,) = analyze(log)
        (rise,) = [e for m in ra.metrics if m.name == "train_loss" for e in m.events if e.kind == "rise"]
        assert rise.confidence == 0.85 and not any("setting" in x for x in rise.evidence), flag
    # A curriculum's class count is a setting though its name says "num_" (probe 45: num_classes 5 -> 10
    # read as instability 0.85, failing check), as n_classes was.
    log = _weight_decay_switched_on(tmp_path / "num_classes.csv", flag="num_classes")
    frame = pd.read_csv(log)
    frame["num_classes"] = np.where(frame.step <= 2000, 5, 10)
    frame.to_csv(log, index=False)
    (ra,) = analyze(log)
    (rise,) = [e for m in ra.metrics if m.name == "train_loss" for e in m.events if e.kind == "rise"]
    assert rise.confidence == 0.3 and any(x.startswith("but num_classes 5 -> 10 at step 2001") for x in rise.evidence)
    # The weight of a term of the loss is a setting, though its name says "kl": not a curve of its own.
    (ra,) = analyze(_weight_decay_switched_on(tmp_path / "kl_weight.csv", flag="kl_weight"))
    assert [m.name for m in ra.metrics] == ["train_loss", "val_loss"]
    (rise,) = [e for m in ra.metrics if m.name == "train_loss" for e in m.events if e.kind == "rise"]
    assert rise.confidence == 0.3 and any(x.startswith("but kl_weight 0 -> 1 at step 2001") for x in rise.evidence)


def test_a_setting_changed_a_step_after_a_move_dated_in_noise_is_said(tmp_path):
    # Dropout 0.6 -> 0 at step 1320, logged in a column of its own (probe38, CSV): the training loss
    # falls x5 there, and the fall was dated at a lucky batch at 1319, one step before the switch;
    # the setting was looked for only up to the move's date, and the fall read as an escape at
    # 0.55 with "LR constant" alone.
    rng = np.random.default_rng(38)
    steps = np.arange(1, 2641)
    level = np.where(steps < 1320, 0.07 * (steps / 1320) ** -0.3, 0.015 * (steps / 1320) ** -0.3)
    train = level * np.exp(0.25 * rng.standard_normal(len(steps)))
    train[1318] = 0.01  # step 1319: a lucky batch at the new level
    log = tmp_path / "metrics.csv"
    pd.DataFrame({"step": steps, "lr": 0.05, "train_loss": train,
                  "dropout": np.where(steps < 1320, 0.6, 0.0)}).to_csv(log, index=False)
    (ra,) = analyze(log)
    (drop,) = [e for m in ra.metrics for e in m.events if e.kind == "drop"]
    assert drop.step <= 1320 and drop.confidence <= 0.3
    assert any(x.startswith("but dropout 0.6 -> 0 at step 1320, a setting logged beside the curves")
               for x in drop.evidence), drop.evidence


def test_a_training_fall_the_held_out_loss_does_not_follow_says_so(tmp_path):
    # A distilled student whose temperature is lowered from 4 to 1 at step 410 (a probe's Lightning
    # run, modelled here on its numbers): the T^2-scaled training loss, falling ~20% an epoch of 41
    # steps, is divided by 18 at once while the held-out loss goes on easing (0.61 -> 0.57). It read
    # "plateau_escape (0.55)" with "LR constant" alone. A held-out curve of the same kind that stays
    # put is said (memorising looks the same, so the label stands); one that falls with it is not.
    rng = np.random.default_rng(41)
    steps = np.arange(1, 821)
    train = 22.0 * 0.8 ** (steps / 41) * np.where(steps < 410, 1.0, 0.055) * np.exp(0.08 * rng.standard_normal(820))
    ends = steps[40::41]
    for val, said in ((0.62 - 0.003 * ends / 41, True), (np.where(ends < 410, 0.62, 0.31), False)):
        frame = pd.DataFrame({"step": steps, "lr": 0.01, "train_loss": train})
        evals = pd.DataFrame({"step": ends, "val_loss": val * np.exp(0.005 * rng.standard_normal(len(ends)))})
        log = tmp_path / f"{said}.csv"
        frame.merge(evals, on="step", how="left").to_csv(log, index=False)
        (ra,) = analyze(log)
        (drop,) = [e for m in ra.metrics if m.name == "train_loss" for e in m.events if e.kind == "drop"]
        assert 400 <= drop.step <= 420 and drop.label == "plateau_escape"
        followed = [x for x in drop.evidence if x.startswith("but val_loss did not follow")]
        assert bool(followed) == said and drop.confidence == 0.55, drop.evidence
    # The temperature logged in a column of its own: the setting says it, not the held-out curve.
    frame["temperature"] = np.where(steps < 410, 4.0, 1.0)
    evals = pd.DataFrame({"step": ends, "val_loss": 0.62 - 0.003 * ends / 41})
    log = tmp_path / "logged.csv"
    frame.merge(evals, on="step", how="left").to_csv(log, index=False)
    (ra,) = analyze(log)
    (drop,) = [e for m in ra.metrics if m.name == "train_loss" for e in m.events if e.kind == "drop"]
    assert drop.label == "plateau_escape" and not any("did not follow" in x for x in drop.evidence)
    assert any(x.startswith("but temperature 4 -> 1 at step 410") for x in drop.evidence), drop.evidence


def test_a_count_named_as_a_metric_is_no_setting(tmp_path):
    # A GAN's modes covered (0-8, evaluated every 100 updates) and share of good samples, named with
    # --metric as scores (tests/small_runs.py). The count steps 2 -> 6 -> 8 like a setting would;
    # named, it is a curve the user reads, and the rise of the sample quality beside it was "but
    # modes_covered 2 -> 6 at step 300, a setting logged beside the curves".
    from small_runs import write_gan_ring

    (ra,) = analyze(write_gan_ring(tmp_path / "train_log.csv"), metrics=["modes_covered", "sample_quality"],
                    higher_is_better=True)
    assert ra.settings == []
    (rise,) = [e for m in ra.metrics if m.name == "sample_quality" for e in m.events]
    assert rise.direction == "up" and not any("setting" in x for x in rise.evidence), rise.evidence


def test_a_measurement_that_stalls_is_no_setting(tmp_path):
    # p56: a dead unit's mean activation falls 4.0e-4 -> 9.87e-6 over five epochs and holds 9.80311e-06
    # from the seventh: five changes, then one value to the end, as a setting stepped by hand. The
    # held-out recall of a class learned at epoch 4 was "but act_mean/unit20 1.04656e-05 -> 9.86772e-06
    # at step 115, a setting logged beside the curves". A setting is a number someone wrote.
    from small_runs import write_dead_unit

    (ra,) = analyze(write_dead_unit(tmp_path / "metrics.csv"))
    assert ra.settings == []
    (rise,) = [e for m in ra.metrics if m.name == "val_recall_8" for e in m.events]
    assert rise.step == 115 and not any("setting" in x for x in rise.evidence), rise.evidence


def test_a_ramped_setting_reset_at_a_move_is_said_and_makes_no_sure_label(tmp_path):
    # p86: a VAE's KL weight ramped 0 -> 1 over 250 updates and reset to 0 every 500. The column changes at
    # every step, so it was no setting: each reset's fall of the loss was a plateau escape (0.8) and each
    # climb of the KL term an instability (0.85) that check failed, with beta, logged beside them, unsaid.
    from small_runs import VAE_CYCLIC_BETA

    log = tmp_path / "metrics.csv"
    log.write_text(VAE_CYCLIC_BETA.lstrip())
    (ra,) = analyze(log)
    assert [(c.column, c.step, c.before) for c in ra.settings] == [("beta", s, 1.0) for s in (510, 1010, 1510)]
    events = {(m.name, e.step): e for m in ra.metrics for e in m.events}
    for reset in (510, 1010, 1510):
        kl = events[("kl_loss", reset)]
        assert kl.direction == "up" and kl.confidence < 0.6, (kl.label, kl.confidence)
        assert any(f"beta 1 -> 0.036 at step {reset}" in why for why in kl.evidence), kl.evidence
    falls = [e for (name, step), e in events.items() if name in ("loss", "recon_loss") and e.direction == "down"]
    assert len(falls) >= 3 and all(e.step in (510, 1010, 1510) and e.confidence < 0.6 for e in falls)


def test_a_setting_changed_where_no_rule_explains_a_move_is_said_with_the_verdict(tmp_path):
    # p88: a second task's weight raised 0.02 -> 1 after update 1250; its held-out error falls -72%. No rule
    # explains the fall, and the report said only "no rule explains it": the weight, logged beside the
    # curves, was named under --explain alone, in a reading that lost.
    from small_runs import write_task_weight_switch

    (ra,) = analyze(write_task_weight_switch(tmp_path / "metrics.csv"))
    (ev,) = [e for m in ra.metrics if m.name == "val_loss_b" for e in m.events]
    assert ev.direction == "down" and 1250 <= ev.step <= 1400 and ev.label == "unexplained"
    assert any("task_b_weight 0.02 -> 1 at step 1255, a setting logged beside the curves" in why
               for why in ev.evidence), ev.evidence


def test_a_held_out_measurement_is_no_setting_and_terms_traded_under_a_held_out_setback_are_said(tmp_path):
    # p89: a VAE's KL weight raised x8 after update 800, unlogged: the KL falls 97%, the reconstruction
    # rises, the held-out ELBO gets 11% worse and the latent units active on held-out data go 8 -> 4 -> 1.
    # The held-out loss's setback was put down to "val/active_units 8 -> 4, a setting logged beside the curves".
    from small_runs import VAE_BETA_RAISED

    log = tmp_path / "metrics.csv"
    log.write_text(VAE_BETA_RAISED.lstrip())
    (ra,) = analyze(log)
    assert ra.settings == []
    (ev,) = [e for m in ra.metrics if m.name == "val/loss" for e in m.events]
    assert ev.direction == "up" and ev.label == "instability" and ev.confidence < 0.6, (ev.confidence, ev.evidence)
    assert not any("setting" in why for why in ev.evidence), ev.evidence
    assert any(why.startswith("train/kl_loss improved at the same step") for why in ev.evidence), ev.evidence


def test_a_term_that_falls_as_another_rises_is_no_plateau_escape(tmp_path):
    # p89 again: the KL weight raised x8 unlogged, the KL falls 97% at 810 as the reconstruction rises 24%. The
    # KL's fall was a plateau escape (0.5) whose evidence said only that the held-out loss did not follow.
    from small_runs import VAE_BETA_RAISED

    log = tmp_path / "metrics.csv"
    log.write_text(VAE_BETA_RAISED.lstrip())
    (ra,) = analyze(log)
    (kl,) = [e for m in ra.metrics if m.name == "train/kl_loss" for e in m.events]
    assert kl.direction == "down" and kl.label != "plateau_escape", (kl.label, kl.evidence)
    assert any("train/recon_loss got worse at the same step: one term of the objective traded" in why
               for why in kl.evidence), kl.evidence


def test_a_loss_thrown_up_where_a_second_task_is_first_logged_is_no_sure_instability(tmp_path):
    # p57: a second task's loss added to the objective from update 500, and logged from there beside
    # the total: the total is thrown 0.27 -> 6.3 as the first task's loss barely moves. It was
    # instability 0.85, and check failed it.
    from small_runs import write_second_task

    log = write_second_task(tmp_path / "train.log")
    (ra,) = analyze(log)
    (ev,) = [e for m in ra.metrics if m.name == "loss" for e in m.events]
    assert ev.step == 500 and ev.direction == "up" and ev.label == "instability" and ev.confidence < 0.6
    assert any("loss_b first logged at step 500, a series begun" in why and DATA_CHANGED in why
               for why in ev.evidence), ev.evidence
    assert not check([log]).findings


def test_a_held_out_spike_logged_on_the_training_curves_rows_reads_the_training_curves_spike(tmp_path):
    # p58: 70% of the weights pruned at update 800, both losses logged every 10 steps. The held-out
    # loss's spike was "train_loss kept improving across it, without a setback of its own: the
    # held-out curve parting from the training one", while the summary said train_loss climbed back
    # 3.37x at that step: between the held-out curve's last point and the spike the training curve
    # has one point, its own spike, too few to read, and the reading fell through.
    from small_runs import write_pruned

    (ra,) = analyze(write_pruned(tmp_path / "metrics.csv"))
    (ev,) = [e for m in ra.metrics if m.name == "val_loss" for e in m.events]
    assert ev.step == 800 and ev.label == "instability" and ev.confidence >= 0.6, (ev.step, ev.confidence)
    assert any(why.startswith("train_loss got worse over the same steps") for why in ev.evidence), ev.evidence
    assert not any("parting" in why for why in ev.evidence), ev.evidence


def test_one_unlucky_episode_of_a_learned_policy_is_no_sure_instability(tmp_path):
    # REINFORCE on a combination lock (probe37, CleanRL layout): once learned, most episodes return
    # 0.91 and now and then one slips (0.75: a late mistake, a reset). One such episode was
    # instability 0.85 and failed check; a policy is sampled, and one rollout is no model thrown off.
    rng = np.random.default_rng(3)
    ends = np.cumsum(rng.integers(10, 30, 1500))
    returns = np.where(ends < 10_000, -0.4 + 0.05 * rng.standard_normal(len(ends)), 0.91)
    returns[(ends >= 10_000) & (rng.random(len(ends)) < 0.05)] = 0.89
    late = np.flatnonzero(ends > 20_000)[10]
    returns[late] = 0.75
    path = tmp_path / "returns.csv"
    pd.DataFrame({"global_step": ends, "charts/episodic_return": returns, "charts/learning_rate": 0.003}).to_csv(
        path, index=False)
    (ra,) = analyze(path)
    (slip,) = [e for m in ra.metrics for e in m.events if e.kind == "spike"]
    assert slip.step == ends[late] and slip.label == "instability" and slip.confidence == 0.5
    assert any(x.startswith("one episode's return, back at the next") for x in slip.evidence)
    assert check([path]).findings == []
    # A reward model's loss is no episode's return.
    frame = pd.read_csv(path).rename(columns={"charts/episodic_return": "reward_model_loss"})
    calm = np.exp(0.01 * rng.standard_normal(len(frame)))
    frame["reward_model_loss"] = np.where(np.arange(len(frame)) == late, 3.0, calm)
    frame.to_csv(path, index=False)
    (ra,) = analyze(path)
    (slip,) = [e for m in ra.metrics for e in m.events if e.kind == "spike"]
    assert slip.step == ends[late] and not any(x.startswith("one episode's return") for x in slip.evidence)


def test_each_step_of_a_staircase_is_found_when_a_larger_one_follows():
    # Deep linear net: the second mode falls 4x, the third 17x. Measured from the first
    # plateau, the third fall dwarfed the second; each fall is looked for up to the next
    # plateau, so all three are found, each dated within its truth tolerance.
    root = CORPUS.parent / "third"
    truth, events = run("th_dln_staircase_mlflow", root=root)
    assert len(events) == len(truth["events"]) == 3
    for t in truth["events"]:
        (e,) = near(events, t["step"], t["tolerance"])
        assert e.kind == "drop" and e.label == "plateau_escape"


def test_each_warm_restart_of_a_short_per_epoch_log_is_found_at_its_epoch():
    # 30 epochs of AdamW with restarts at 10 and 20: the loss climbs over two epochs and
    # anneals again, all inside the window after the restart; that move is no noise.
    truth, events = run("fo_sgdr_adamw_epoch_keras", root=CORPUS.parent / "fourth")
    restarts = [e for e in events if e.label == "lr_restart"]
    assert [e.step for e in restarts] == [t["step"] for t in truth["events"]] == [10, 20]
    assert all(e.direction == "up" for e in restarts)


def test_a_long_saturation_plateau_is_a_flat_stage_despite_one_noisy_block():
    # 3,500 steps at ln 10 (a saturated tanh net): among its 89 blocks one sits 3 noise widths
    # off, as pure noise does once in that many; the stage is still a plateau from its start.
    truth, events = run("sat_tanh_lightning")
    (ra,) = analyze(CORPUS / "sat_tanh_lightning" / truth["log"], metrics=["train_loss"])
    first = ra.metrics[0].stages[0]
    assert first.plateau and first.plateau_from == first.start and first.end > 3000
    assert abs(first.level - 2.39) < 0.02


def test_a_move_dated_at_the_lr_decay_is_measured_from_the_level_there():
    # ReduceLROnPlateau cuts the LR for epoch 9: the loss falls 0.69 -> 0.44 at once and goes on
    # falling. The search breaks its fit one epoch later (0.44 -> 0.32); dated back at the decay,
    # the move must start from the level before it, not from the point after it.
    truth, events = run("rop_teacher_keras")
    log = (CORPUS / "rop_teacher_keras" / truth["log"]).read_text().splitlines()
    loss = {int(r.split(",")[0]): float(r.split(",")[1]) for r in log[1:]}
    [decay] = near(events, 9, 0)
    assert decay.label == "lr_decay" and decay.start_step == 9
    assert abs(decay.before / loss[8] - 1) < 0.05 and decay.after < loss[9]


def test_a_drop_after_the_warmup_peak_does_not_say_the_lr_was_still_rising(tmp_path):
    # Warmup to 0.1 over 100 steps, then a linear decay: at step 1500 the LR (0.05) is above its
    # first value but has been falling for 1,400 steps. A sharp drop there is unexplained, and
    # its evidence must not claim the LR was still climbing.
    import numpy as np

    rng = np.random.default_rng(0)
    steps = np.arange(1, 3001)
    lr = np.where(steps < 100, 0.1 * steps / 100, 0.1 * (3000 - steps) / 2900)
    loss = (0.5 + 1.5 * np.exp(-steps / 200)) * np.where(steps >= 1500, 0.7, 1.0)
    loss = loss * np.exp(0.03 * rng.standard_normal(len(steps)))
    path = tmp_path / "run.csv"
    path.write_text("step,lr,loss\n" + "".join(f"{s},{a:.6g},{b:.6g}\n" for s, a, b in zip(steps, lr, loss)))
    (ra,) = analyze(path)
    [drop] = [e for e in ra.metrics[0].events if abs(e.step - 1500) <= 5]
    assert drop.kind == "drop"
    assert not any("still rising" in ev for ev in drop.evidence), drop.evidence



def test_a_decay_three_epochs_before_the_next_is_still_tested(tmp_path):
    # The window after the first reduction stops at the second, three epochs on: the
    # training loss's fall there (0.20 -> 0.09 against a trend of -15% an epoch) is tested
    # on those three points and is the decay's; the later reductions move nothing.
    # ReduceLROnPlateau with patience 2 (tests/small_runs.py).
    (ra,) = analyze(write_csv(tmp_path / "history.csv", ADAM_REDUCE_ON_PLATEAU), metrics=["train_loss"])
    (e,) = ra.metrics[0].events
    assert e.step == 9 and e.kind == "drop" and e.label == "lr_decay" and e.after < 0.6 * e.before
    assert any("tested at the schedule change" in ev for ev in e.evidence)


def test_a_held_out_curve_settling_lower_while_training_improves_is_not_sure_instability(tmp_path):
    # Label noise (tests/small_runs.py): the held-out accuracy drops 3 points at epoch 8 and stays
    # there while the training loss keeps falling. A worse level that does not come back is
    # instability's shape, but the training curve has no setback of its own: said, and at half
    # confidence. The ReduceLROnPlateau decay at epoch 11, four epochs before the next, is found.
    from small_runs import ADAM_KERAS_NOISY_LABELS

    (ra,) = analyze(write_csv(tmp_path / "training.log", ADAM_KERAS_NOISY_LABELS))
    acc = next(m for m in ra.metrics if m.name == "val_accuracy")
    (e,) = [e for e in acc.events if e.step == 8]
    assert e.kind == "drop" and e.label == "instability" and e.confidence == 0.5
    assert any(ev.startswith("loss kept improving across it") for ev in e.evidence), e.evidence
    loss = next(m for m in ra.metrics if m.name == "loss")
    assert [(e.step, e.label) for e in loss.events] == [(11, "lr_decay")]


def test_a_held_out_drop_the_training_loss_shares_is_not_put_down_to_overfitting(tmp_path):
    # SGD at 0.25 on a four-class task: at about step 520 the net collapses to chance (loss ln 4,
    # its minibatch spread gone) and stays there. The training loss moves 1.17 -> 1.38 through a
    # ramp and a jump too small alone to be its own event; the held-out accuracy, evaluated every
    # 100 steps, halves. "Training kept improving" was false, and at half confidence a dead run
    # passed `check`.
    rng = np.random.default_rng(6)
    steps = np.arange(1, 3001)
    alive = 1.17 * np.exp(rng.normal(0, 0.2, len(steps)))
    dead = np.log(4) * np.exp(rng.normal(0, 0.01, len(steps)))
    ramp = np.clip((steps - 500) / 60, 0, 1)
    loss = np.where(steps < 1900, (1 - ramp) * alive + ramp * dead, 0.95 * np.exp(rng.normal(0, 0.2, len(steps))))
    val_acc = np.full(len(steps), np.nan)
    every = steps % 100 == 0
    val_acc[every] = np.where(steps[every] <= 500, 0.56, np.where(steps[every] < 1900, 0.27, 0.62)) \
        + rng.normal(0, 0.005, every.sum())
    path = tmp_path / "log.csv"
    pd.DataFrame({"step": steps, "loss": loss, "lr": 0.25, "val_acc": val_acc}).to_csv(path, index=False)
    (ra,) = analyze(path)
    acc = next(m for m in ra.metrics if m.name == "val_acc")
    (e,) = [e for e in acc.events if e.step == 600]
    assert e.kind == "drop" and e.label == "instability" and e.confidence >= 0.6
    assert not any("kept improving" in ev for ev in e.evidence), e.evidence
    assert any(re.match(r"loss got worse over the same steps: median 1\.1\d+ over steps 401-500, 1\.3\d+ over "
                        r"501-600", ev) for ev in e.evidence), e.evidence


def test_a_wide_spike_reports_its_peak_not_the_level_its_rise_was_measured_at():
    # A corrupted minibatch at update 1500 (corpus): the held-out loss, logged every 46 updates,
    # reads 0.08, then 1.87, 0.76, 0.27, 0.17 and back. The spike is 0.08 -> 1.87, the value
    # logged, not the level its first stretch averages.
    truth = json.loads((CORPUS / "spike_badbatch_csv_gn" / "truth.json").read_text())
    (ra,) = analyze(CORPUS / "spike_badbatch_csv_gn" / truth["log"], metrics=["val_loss"])
    val = ra.run.series("val_loss").dropna()
    (e,) = [e for e in ra.metrics[0].events if e.kind == "spike" and 1400 < e.step < 1600]
    inside = val[(val.index >= e.start_step) & (val.index <= e.end_step)]
    assert e.after == pytest.approx(inside.max()) and e.after > 1.8 and e.before < 0.1


def test_a_restart_seen_in_a_sparse_held_out_curve_is_a_spike_at_its_height(tmp_path):
    # SGDR over 460-update cycles in a small run (tools/probe_runs.py, p09_sgdr_sparse_csv), its
    # rows of held-out loss every 46 updates with the LR of that update: 0.07 before the first
    # restart, then 0.12, 0.17, 0.09, 0.10, 0.05. Tested at the restart, the median over its window
    # is 0.099, under the height a spike needs; its peak, 0.17, is well over it.
    steps = list(range(46, 1381, 46))
    cycle = [0.09766, 0.09066, 0.07969, 0.06581, 0.05039, 0.03494, 0.02097, 0.009841, 0.002651, 0.0001012]
    val = [0.5604, 0.1942, 0.1182, 0.1158, 0.1656, 0.0686, 0.0750, 0.0668, 0.0711, 0.0704, 0.1197, 0.1729,
           0.0905, 0.0986, 0.0528, 0.0585, 0.0414, 0.0422, 0.0421, 0.0421, 0.0369, 0.0557, 0.0439, 0.0465,
           0.0502, 0.0506, 0.0508, 0.0510, 0.0512, 0.0512]
    log = tmp_path / "metrics.csv"
    log.write_text("step,lr,val_loss\n" + "".join(f"{s},{lr},{v}\n" for s, lr, v in zip(steps, cycle * 3, val)))
    (ra,) = analyze(log)
    (e,) = [e for e in ra.metrics[0].events if e.kind == "spike"]
    assert e.step == 506 and e.label == "lr_restart" and e.after == pytest.approx(0.1729)


def test_a_held_out_move_past_the_decays_window_is_not_reported_twice(tmp_path):
    # A small run's text log (tools/probe_runs.py's second round): LR 0.1 -> 0.01 at update 1505,
    # the held-out loss logged every 250 updates. Its first point after the decay, 1750, lies past
    # the decay's window (a tenth of the run); the search found the fall there, and the test at the
    # decay must not add a second one at the same step.
    val = [0.7081, 0.7933, 0.7202, 0.8961, 0.8790, 0.8488, 0.4951, 0.5047, 0.5121, 0.5208]
    log = tmp_path / "metrics.csv"
    log.write_text("step,lr,val_loss\n" + "".join(
        f"{s},{0.1 if s < 1505 else 0.01},{val[s // 250 - 1] if s % 250 == 0 else ''}\n" for s in range(5, 2501, 5)))
    (ra,) = analyze(log)
    assert [(e.step, e.kind, e.label) for e in ra.metrics[0].events] == [(1750, "drop", "lr_decay")]


def test_a_reward_that_passes_1_is_no_percentage_and_its_whole_rise_is_one_escape(tmp_path):
    # A bandit's episodic return (tests/small_runs.py) climbs from 0.3 to 1.0 at update ~420 once the
    # good arm is found, at a constant LR. Values just past 1 are on no known scale: read as
    # percentages, the smallest reportable move was half the range and nothing was found. The
    # escape runs on through its steepest part, to the level the reward reaches.
    from small_runs import BANDIT_RETURN

    (ra,) = analyze(write_csv(tmp_path / "progress.csv", BANDIT_RETURN))
    (e,) = ra.metrics[0].events
    assert e.kind == "rise" and e.label == "plateau_escape" and 380 <= e.step <= 460
    assert e.before == pytest.approx(0.3, abs=0.05) and e.after > 0.9


def test_a_deep_linear_net_s_escape_is_measured_to_where_it_lands():
    # The held-out loss of the corpus's depth-3 linear net falls 0.49 -> 0.42 -> 0.16 -> 0.023 over
    # 3000-3600 as its last mode is learned: one escape, to 0.02, not to where its first stretch ends.
    truth = json.loads((CORPUS / "dln_staircase_csv" / "truth.json").read_text())
    (ra,) = analyze(CORPUS / "dln_staircase_csv" / truth["log"], metrics=["val_loss"])
    (e,) = [e for e in ra.metrics[0].events if 3000 <= e.step <= 3600]
    assert e.label == "plateau_escape" and e.before == pytest.approx(0.5, abs=0.03) and e.after < 0.03


def test_a_spike_of_a_negative_score_is_sized_by_its_difference(tmp_path):
    # A Pendulum-like return, -1200 rising to -200 with noise, one episode collapsing to -1500: a
    # ratio against a negative median ("x7.5") would mean nothing.
    rng = np.random.default_rng(5)
    steps = np.arange(1, 401) * 1000
    ret = -200 - 1000 * np.exp(-np.arange(400) / 60) + rng.normal(0, 15, 400)
    ret[300] = -1500
    log = tmp_path / "progress.csv"
    log.write_text("step,eval/mean_reward\n" + "".join(f"{s},{r:.2f}\n" for s, r in zip(steps, ret)))
    (ra,) = analyze(log)
    (e,) = [e for e in ra.metrics[0].events if e.kind == "spike"]
    assert e.step == 301000 and e.label == "instability"
    assert re.search(r"spike -1\.\d+e\+03 against the running median", e.evidence[-1]), e.evidence


def test_a_drop_long_after_the_warmup_does_not_say_the_lr_was_still_rising(tmp_path):
    # Warmup to 0.1 over 200 steps, then constant; an unexplained 40% drop at 650, in a stage that
    # began during the warmup. The LR had stopped rising 450 steps before.
    rng = np.random.default_rng(2)
    s = np.arange(1, 1501)
    lr = np.minimum(0.1, 0.1 * s / 200)
    loss = (0.3 + 2 * (s / 30 + 1) ** -0.8) * np.where(s >= 650, 0.6, 1.0) * np.exp(rng.normal(0, 0.05, len(s)))
    log = tmp_path / "metrics.csv"
    log.write_text("step,lr,loss\n" + "".join(f"{a},{b:.5g},{c:.5f}\n" for a, b, c in zip(s, lr, loss)))
    (ra,) = analyze(log)
    (e,) = ra.metrics[0].events
    assert e.step == 650 and e.label == "unexplained"
    assert not any("still rising" in ev for ev in e.evidence), e.evidence


def test_a_loss_exploding_in_the_last_points_of_a_log_is_reported(tmp_path):
    # An LR range test (tests/small_runs.py) stops when the loss explodes: 0.7 -> 116 over its last
    # dozen iterations, too few for a stage, and no NaN. The blow-up is a rise, told with the LR
    # climbing, and check's no-instability rule sees it.
    from small_runs import LR_RANGE_TEST_LOSS

    log = tmp_path / "lr_find.csv"
    log.write_text("iteration,lr,loss\n" + "".join(
        f"{i},{1e-5 * 1e6 ** (i / 399)},{v}\n" for i, v in enumerate(LR_RANGE_TEST_LOSS)))
    (ra,) = analyze(log)
    (e,) = [e for e in ra.metrics[0].events if e.direction == "up"]
    assert e.kind == "rise" and e.label == "instability" and 300 <= e.step <= 320
    assert e.after > 100 and e.before < 1 and any("lr rising" in ev for ev in e.evidence)


def test_a_held_out_collapse_after_an_lr_raise_that_diverges_training_is_instability():
    # The LR is raised 10x at update 2501 and the training loss goes to NaN: the held-out accuracy's
    # fall to chance is that failure, not the end of a warmup (the LR column alone reads the raise
    # as a constant warmup's end).
    truth = json.loads((CORPUS / "diverge_hf" / "truth.json").read_text())
    (ra,) = analyze(CORPUS / "diverge_hf" / truth["log"])
    (acc,) = [m for m in ra.metrics if m.name == "eval_accuracy"]
    (drop,) = [e for e in acc.events if e.kind == "drop" and abs(e.step - 2530) <= 10]
    assert drop.label == "instability" and drop.confidence >= 0.85, (drop.label, drop.evidence)
    assert any("loss went non-finite at step" in ev and "set off by lr" in ev for ev in drop.evidence), drop.evidence


def _raised_lr_run(tmp_path, recovers: bool):
    """A per-step loss trained at lr 0.05 for 600 steps, then at 2.0 (x40). It either comes back
    down, as after a restart, or stays above where it started."""
    import numpy as np

    rng = np.random.default_rng(3)
    steps = np.arange(1, 1001)
    lr = np.where(steps <= 600, 0.05, 2.0)
    level = 0.25 + 2.05 * np.exp(-steps / 120)
    after = steps > 600
    if recovers:
        level[after] = 0.2 + 1.0 * np.exp(-(steps[after] - 600) / 60)
    else:
        level[after] = 2.4
    loss = level * np.exp(0.08 * rng.standard_normal(len(steps)))
    path = tmp_path / ("recovers.csv" if recovers else "wrecked.csv")
    path.write_text("step,lr,train_loss\n" + "".join(f"{s},{a:g},{b:.5g}\n" for s, a, b in zip(steps, lr, loss)))
    return path


def test_an_lr_raise_that_leaves_training_worse_than_its_start_is_instability(tmp_path):
    # Held for 60% of the run, then raised x40: the loss climbs above its first level and stays
    # there. Whatever the LR column calls the raise, the run was wrecked: instability, and
    # `check` fails it. The same raise followed by a new descent stays the schedule's doing.
    from typer.testing import CliRunner

    from curvedoc.cli import app

    wrecked, recovers = _raised_lr_run(tmp_path, False), _raised_lr_run(tmp_path, True)
    (ra,) = analyze(wrecked)
    (rise,) = [e for e in ra.metrics[0].events if abs(e.step - 601) <= 10]
    assert rise.label == "instability" and rise.confidence >= 0.85, (rise.label, rise.evidence)
    assert any("gave back all of what it had learned" in ev and "x40" not in ev and "lr 0.05 -> 2 at step 601" in ev
               for ev in rise.evidence), rise.evidence
    assert CliRunner().invoke(app, ["check", str(wrecked), "--select", "no-instability"]).exit_code == 1
    # A held-out curve set back with it quotes the same start, best and end of the training loss
    # (each event read them over windows of its own: three "best" values for one curve).
    import pandas as pd

    frame = pd.read_csv(wrecked)
    frame["val_loss"] = np.where(frame.step % 50 == 0, 1.1 * frame.train_loss.rolling(50, min_periods=1).median(),
                                 np.nan)
    frame.loc[frame.step <= 300, "lr"] = 0.1  # a decay first: the raise is a raise, not a warmup's end
    both = tmp_path / "both.csv"
    frame.to_csv(both, index=False)
    (ra,) = analyze(both)
    quoted = {ev for m in ra.metrics for e in m.events for ev in e.evidence if "gave back" in ev}
    assert len([e for m in ra.metrics for e in m.events if e.label == "instability"]) >= 2 and len(quoted) == 1, quoted
    (ra,) = analyze(recovers)
    (rise,) = [e for e in ra.metrics[0].events if abs(e.step - 601) <= 10]
    assert rise.label in ("warmup_end", "lr_restart") and rise.confidence >= 0.85, (rise.label, rise.evidence)
    assert CliRunner().invoke(app, ["check", str(recovers), "--select", "no-instability"]).exit_code == 0


def test_a_plateau_left_by_a_cliff_under_a_smooth_decay_is_an_escape_not_the_annealing(tmp_path):
    # A backbone unfrozen at step 3500 of a Trainer run with linear decay: the loss, flat at 1.06
    # for 2,000 steps, falls to 0.36 within 80 steps while the LR moves 2%. It read as lr_decay
    # ("annealed smoothly", x0.3 since the warmup), and the summary advised an earlier decay.
    rng = np.random.default_rng(7)
    history = []
    for step in range(10, 5001, 10):
        lr = 2e-3 * min(step / 200, (5000 - step) / 4800)
        level = 1.06 + 0.6 * np.exp(-step / 300) if step < 3500 else 0.3 + 0.76 * np.exp(-(step - 3500) / 30)
        history.append({"epoch": step / 400, "grad_norm": 1.0, "learning_rate": lr,
                        "loss": round(float(level * np.exp(0.02 * rng.standard_normal())), 4), "step": step})
    state = tmp_path / "trainer_state.json"
    state.write_text(json.dumps({"global_step": 5000, "log_history": history}))
    [ra] = analyze(state)
    [drop] = [e for e in ra.metrics[0].events if e.kind == "drop"]
    assert abs(drop.step - 3500) <= 50 and drop.label == "plateau_escape", (drop.label, drop.evidence)
    assert any(ev.startswith("a smooth schedule: the LR only eased across the drop") for ev in drop.evidence)
    # Cut by x0.1 at the same step, the LR is the cause.
    for entry in history:
        entry["learning_rate"] *= 0.1 if entry["step"] >= 3500 else 1
    state.write_text(json.dumps({"global_step": 5000, "log_history": history}))
    [ra] = analyze(state)
    [drop] = [e for e in ra.metrics[0].events if e.kind == "drop"]
    assert drop.label == "lr_decay" and drop.confidence >= 0.9


def test_an_unexplained_drop_after_a_plateau_says_why_the_plateau_did_not_explain_it(tmp_path):
    # A small transformer at ln 12 (uniform guessing) through a warmup to step 300, falling over
    # 1,000 steps of cosine decay: unexplained, and the evidence said "checked: plateau before"
    # beside a stage table that shows the plateau.
    rng = np.random.default_rng(5)
    history = []
    for step in range(10, 4001, 10):
        lr = 2e-3 * (step / 300 if step <= 300 else 0.5 * (1 + np.cos(np.pi * (step - 300) / 3700)))
        level = 2.48 if step < 480 else 0.3 + 2.18 * np.exp(-(step - 480) / 400)
        history.append({"epoch": step / 300, "learning_rate": lr, "step": step,
                        "loss": round(float(level * np.exp(0.01 * rng.standard_normal())), 4)})
    state = tmp_path / "trainer_state.json"
    state.write_text(json.dumps({"global_step": 4000, "log_history": history}))
    [ra] = analyze(state)
    drops = [e for e in ra.metrics[0].events if e.kind == "drop"]
    assert drops and drops[0].label == "unexplained", [(e.step, e.label) for e in drops]
    assert any(ev.startswith("the steps before it are a plateau, but the LR was not constant over it") for ev in
               drops[0].evidence)


def test_a_slide_before_a_drop_under_a_moving_lr_is_not_called_a_plateau(tmp_path):
    # p76: a character model's loss printed every 10 updates of a 250-update warmup, falling faster once
    # it ends. The stage before the drop the search places at 330 falls 2.47 -> 2.10, a slide the stage
    # table marks as no plateau; the evidence called it "a plateau". (The drop itself stands 6.0 standard
    # errors of the fitted lines clear, at the search's bar: a person sees a fall speeding up, not a cliff.)
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from small_runs import CHARLM_WARMUP

    log = tmp_path / "train.log"
    log.write_text(CHARLM_WARMUP.lstrip())
    [ra] = analyze(log)
    stage = ra.metrics[0].stages[0]
    assert stage.levelled and not stage.plateau
    drops = [e for e in ra.metrics[0].events if e.kind == "drop"]
    assert drops and all(not any("are a plateau" in x for x in e.evidence) for e in drops), \
        [e.evidence for e in drops]
    assert any(x.startswith("the steps before it are a slow slide, but the LR was not constant over it")
               for e in drops for x in e.evidence), [e.evidence for e in drops]


def test_an_epoch_tooth_after_a_decay_claims_no_plateau_before_the_decay(tmp_path):
    # Hugging Face's W&B logging of a multi-epoch run: the per-step loss drops at each epoch start
    # (data seen again) and an x0.1 StepLR at the middle. The tooth one epoch after the decay lies
    # inside the stage the decay began; it was read against the stage before the decay ("flat from
    # step 8 to 53") and "a smooth schedule: the LR only eased across the drop, 0.01 -> 0.01",
    # a plateau escape at 0.7, in 9 of these 12 runs.
    for seed in range(12):
        rng = np.random.default_rng(seed)
        rows, k = [], 0
        for s in range(20, 2001, 20):
            epoch, within = divmod(s - 1, 200)
            base = 0.95 * (1 + epoch) ** -0.15 * (0.6 if s > 1000 else 1.0)
            rows.append({"train/loss": base * (0.85 + 0.2 * within / 200) * np.exp(0.06 * rng.standard_normal()),
                         "train/learning_rate": 0.1 if s <= 1000 else 0.01, "train/epoch": s / 200, "_step": k})
            k += 1
            if s % 200 == 0:
                rows.append({"eval/loss": base * 1.1 * np.exp(0.02 * rng.standard_normal()), "train/epoch": s / 200,
                             "_step": k})
                k += 1
        path = tmp_path / f"run{seed}" / "wandb-history.jsonl"
        path.parent.mkdir()
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        (ra,) = analyze(path)
        loss = next(m for m in ra.metrics if m.name == "train/loss")
        decay = next(c.step for c in ra.schedule.changes if c.kind == "lr_decay")
        for e in loss.events:
            said = " ".join(e.evidence)
            assert "eased" not in said or "0.01 -> 0.01" not in said, (seed, said)
            flat = re.search(r"(?:flat|slow) from step \d+ to (\d+)", said)
            if e.step > decay and flat:  # the stretch a drop leaves ends where the drop starts
                assert int(flat[1]) >= decay, (seed, said)


def test_the_evidence_names_a_rise_a_rise():
    # The held-out accuracy of a sigmoid net leaving saturation climbs at a constant LR.
    (ra,) = analyze(CORPUS / "sat_sigmoid_csv_gn" / "metrics.csv", metrics=["val_acc"])
    [rise] = [e for e in ra.metrics[0].events if e.label == "plateau_escape"]
    assert rise.kind == "rise" and "LR constant around the rise" in rise.evidence


def test_a_setback_after_the_batch_size_falls_names_the_batch_size(tmp_path):
    # A loader rebuilt with 16 examples per batch instead of 256 at a constant LR: the loss leaves
    # its level for one 20x worse. The LR story alone ("lr unchanged") left out the change the
    # header itself reports.
    rng = np.random.default_rng(21)
    steps = np.arange(1, 3001)
    loss = np.where(steps < 1508, 0.06, 1.2) * np.exp(0.1 * rng.standard_normal(len(steps)))
    lines = ["step,loss,lr,batch_size"] + [f"{s},{v:.5f},0.05,{256 if s < 1501 else 16}" for s, v in zip(steps, loss)]
    (tmp_path / "log.csv").write_text("\n".join(lines) + "\n")
    (ra,) = analyze(tmp_path / "log.csv")
    [rise] = [e for e in ra.metrics[0].events if e.direction == "up"]
    assert rise.label == "instability" and abs(rise.step - 1508) <= 5
    assert "batch size 256 -> 16 at step 1501, 7 steps before: each update noisier" in rise.evidence


def test_a_spike_that_leaves_the_loss_on_a_worse_level_is_not_called_back(tmp_path):
    # A corrupted batch without clipping: the loss shoots up x18, falls from its peak within a few
    # dozen steps, then sits near 4x its old level and heals over hundreds. "Back by step N" was
    # said at the end of the peak.
    rng = np.random.default_rng(13)
    steps = np.arange(1, 2501)
    level = np.where(steps < 1200, 0.25, 0.25 + 0.75 * np.exp(-(steps - 1246) / 400.0))
    level[(steps >= 1200) & (steps < 1246)] = 4.0
    loss = level * np.exp(0.3 * rng.standard_normal(len(steps)))
    (tmp_path / "log.csv").write_text("step,loss,lr\n" + "".join(f"{s},{v:.5f},0.05\n" for s, v in zip(steps, loss)))
    (ra,) = analyze(tmp_path / "log.csv")
    [spike] = [e for e in ra.metrics[0].events if e.direction == "up"]
    said = " ".join(spike.evidence)
    assert "back by" not in said and "down from its peak by step" in said, said


def test_a_loss_that_falls_to_exactly_zero_and_stays_is_a_logged_value_not_an_escape(tmp_path):
    # transformers' gradient-accumulation bug logs a loss of 0.0 from some step on; it read as a
    # plateau escape at 0.8 ("LR constant around the drop").
    rng = np.random.default_rng(4)
    steps = np.arange(10, 410, 10)
    loss = np.where(steps < 200, 0.8, 0.22) * np.exp(0.02 * rng.standard_normal(len(steps)))
    loss[steps >= 260] = 0.0
    history = [{"loss": round(float(v), 4), "learning_rate": 0.1 if s < 200 else 0.01, "epoch": s / 100, "step": int(s)}
               for s, v in zip(steps, loss)]
    (tmp_path / "trainer_state.json").write_text(json.dumps({"log_history": history, "global_step": 400}))
    (ra,) = analyze(tmp_path / "trainer_state.json")
    [zero] = [e for e in ra.metrics[0].events if e.after == 0]
    assert zero.step == 260 and zero.label == "unexplained" and zero.confidence == 0.5
    assert zero.evidence[-1].startswith("loss is exactly 0 from step 260 to the end of the log")


def test_a_setback_is_not_dated_before_the_lr_raise_that_caused_it():
    # SGDR restarts and an LR raised x20 for a few updates: the onset's fit, reading noise as the
    # climb's start, dated the spikes 2 and 5 steps before the raise they were credited to.
    for root, name in ((CORPUS, "sgdr_teacher_tb"), (CORPUS.parent / "fifth", "fi_lrspike_short_teacher_tb")):
        truth = json.loads((root / name / "truth.json").read_text())
        (ra,) = analyze(root / name / truth["log"], metrics=[truth["metric"]])
        raises = [c.step for c in ra.schedule.changes if c.kind == "lr_increase"]
        for e in ra.metrics[0].events:
            if e.label == "lr_restart" or any("LR blip" in x for x in e.evidence):
                raise_step = max(s for s in raises if s <= e.end_step)
                assert e.step >= raise_step, (name, e.step, raise_step)


def test_an_epoch_mean_straddling_a_decay_is_one_drop(tmp_path):
    # A Lightning run (r26 of a probing round): train_loss_epoch every 200 steps, the LR logged every
    # 10 and cut x0.1 at 1509, inside an epoch. That epoch's mean holds part of the fall, the next
    # epoch's the rest; the second was found blind and the first tested at the change: "2 sharp
    # improvements; both follow LR decays" for one decay.
    means = [1.3064, 0.7277, 0.5897, 0.5113, 0.4527, 0.4123, 0.3570, 0.3044, 0.2235, 0.2097, 0.2013, 0.1945,
             0.1884, 0.1830, 0.1768]
    rows = []
    for step in range(9, 3000, 10):
        lr = 0.003 * min(1.0, (step + 1) / 100) if step < 1509 else 0.0003
        epoch_end = (step + 1) % 200 == 0
        rows.append(f"{step},{lr:.6g},{means[(step + 1) // 200 - 1] if epoch_end else ''}")
    path = tmp_path / "lightning_logs" / "version_0" / "metrics.csv"
    path.parent.mkdir(parents=True)
    path.write_text("step,lr-AdamW,train_loss_epoch\n" + "\n".join(rows) + "\n")
    (ra,) = analyze(path)
    drops = [e for e in ra.metrics[0].events if e.direction == "down"]
    assert len(drops) == 1 and drops[0].label == "lr_decay" and 1509 <= drops[0].step <= 1799


def test_a_spike_after_a_step_decay_names_the_cut_not_a_fall_over_the_window(tmp_path):
    # The LR cut x10 in one step read "lr falling: 0.1 -> 0.01 over the last 12 steps".
    rng = np.random.default_rng(1)
    steps = np.arange(1, 1001)
    loss = np.where(steps < 600, 0.5, 0.3) * np.exp(0.03 * rng.standard_normal(len(steps)))
    loss[619:623] *= 6  # four bad batches 20 steps after the decay
    path = tmp_path / "run.csv"
    pd.DataFrame({"step": steps, "lr": np.where(steps < 600, 0.1, 0.01), "loss": loss}).to_csv(path, index=False)
    (ra,) = analyze(path)
    (spike,) = [e for e in ra.metrics[0].events if e.kind == "spike"]
    assert spike.label == "instability"
    assert spike.evidence[1].endswith("lr cut 0.1 -> 0.01 (x0.1) at step 600"), spike.evidence


def test_a_held_out_accuracy_already_trained_at_its_first_evaluation_is_no_saturated_start(tmp_path):
    # Keras, one row per epoch, no LR logged: the first evaluation already reads 0.657 (four
    # classes, chance 0.25), the next ones hover at 0.71-0.73 until an unlogged decay at epoch 25
    # lifts it to 0.76. 0.713 lies within 15% of 0.657, and the rise read as a recovery from
    # saturation; but the flat start is as far from the first value as the rise goes.
    rng = np.random.default_rng(5)
    epochs = np.arange(40)
    val = np.where(epochs < 25, 0.716, 0.762 - 0.008 * np.exp(-(epochs - 25) / 2)) + 0.007 * rng.standard_normal(40)
    val[0] = 0.657
    loss = np.where(epochs < 25, 0.6 + 0.45 * np.exp(-epochs / 6), 0.3 + 0.15 * np.exp(-(epochs - 25) / 2))
    path = tmp_path / "training.log"
    path.write_text("epoch,loss,val_accuracy\n" + "".join(f"{e},{l:.6f},{v:.6f}\n" for e, l, v in zip(epochs, loss, val)))
    (ra,) = analyze(path)
    rises = [e for m in ra.metrics if m.name == "val_accuracy" for e in m.events]
    assert rises and all(e.label != "saturation_recovery" for e in rises)


def test_an_lr_raised_for_five_updates_and_put_back_sets_off_instability_not_a_restart():
    # A real run (fifth set): lr 0.02 -> 0.4 for updates 1500-1504, then 0.02 again; the loss
    # jumped x12 and took 490 updates to come back. Called a restart at 0.9, it passed `check`.
    name = "fi_lrspike_short_teacher_tb"
    truth = json.loads((CORPUS.parent / "fifth" / name / "truth.json").read_text())
    (ra,) = analyze(CORPUS.parent / "fifth" / name / truth["log"], metrics=[truth["metric"]])
    [e] = [e for e in ra.metrics[0].events if abs(e.step - 1500) <= 10]
    assert e.label == "instability" and e.confidence >= 0.8
    assert "back to 0.02 at 1505" in e.evidence[-1] and "a blip, not a restart" in e.evidence[-1]
    # SGDR's restarts stay raised and anneal: still restarts.
    truth = json.loads((CORPUS / "sgdr_teacher_tb" / "truth.json").read_text())
    (ra,) = analyze(CORPUS / "sgdr_teacher_tb" / truth["log"], metrics=[truth["metric"]])
    assert [e.label for e in ra.metrics[0].events if e.direction == "up"].count("lr_restart") >= 2


def test_a_bad_batch_shows_in_every_curve_of_the_run():
    # The corrupted minibatch at update 2000 sends the validation accuracy from 0.99 to 0.23
    # for 180 steps: a steep fall as steep as its way back, which the ramp search had refused
    # for not being steeper than the climb after it. The training loss, thrown back to its start,
    # takes the rest of the run to relearn: a rise, as the truth has it.
    truth, _ = run("spike_badbatch_wandb")
    (ra,) = analyze(CORPUS / "spike_badbatch_wandb" / truth["log"])
    ((at, kind),) = [(t["step"], t["kind"]) for t in truth["events"]]
    for sa in ra.metrics:
        hits = near(sa.events, at, truth["events"][0]["tolerance"])
        expected = kind if sa.name == truth["metric"] else "spike"
        assert [(e.kind, e.label) for e in hits] == [(expected, "instability")], sa.name
        assert hits[0].after < hits[0].before if sa.higher_is_better else hits[0].after > hits[0].before


def test_a_collapse_right_after_a_climb_is_an_event():
    # An LR range test: val accuracy climbs to 0.82 by epoch 9, then the rising LR throws it
    # to 0.19 by epoch 13. The fall follows a climb, so it is not steeper than its neighbour
    # the same way; it is a turn for the worse all the same.
    truth = json.loads((CORPUS / "diverge_keras" / "truth.json").read_text())
    (ra,) = analyze(CORPUS / "diverge_keras" / truth["log"], metrics=["val_accuracy"])
    (ev,) = ra.metrics[0].events
    assert ev.direction == "down" and 10 <= ev.step <= 13 and ev.label == "instability"
    assert ev.before > 0.8 and ev.after < 0.5


def test_a_divergence_at_the_end_of_a_long_lr_ramp_names_the_ramp(tmp_path):
    # The LR climbs linearly from 0 to 1 over 2000 steps; the loss, flat and noisy, blows up in
    # its last 80 steps, at lr ~0.7. Over those steps the LR moved only 6%, which read "lr
    # unchanged at 0.703", though the ramp is the cause.
    rng = np.random.default_rng(5)
    steps = np.arange(1, 1408)
    lr = steps / 2000
    loss = 0.006 * np.exp(0.3 * rng.standard_normal(len(steps)))
    loss[-82:] *= np.exp(np.linspace(0, 40, 82))
    loss[-1] = np.inf
    path = tmp_path / "log.csv"
    pd.DataFrame({"step": steps, "loss": loss, "lr": lr}).to_csv(path, index=False)
    (ra,) = analyze(path)
    (div,) = [e for e in ra.metrics[0].events if e.kind == "divergence"]
    assert div.label == "instability"
    story = next(ev for ev in div.evidence if ev.startswith("grew") or "lr " in ev)
    assert "lr rising" in story and "since step 1" in story and "unchanged" not in story


# A real 100k-step run (MLP 20-32-4 on a noisy 4-class make_classification task, batch 16, SGD
# momentum 0.9 at lr 0.05, x0.1 at step 60000): its held-out accuracy, evaluated every 1000 steps
# from step 999, sliding from 0.75 to 0.60 as the net overfits, then lifted by the decay.
LONG_RUN_VAL_ACC = [
    0.7467, 0.7693, 0.7587, 0.7087, 0.7507, 0.7053, 0.7113, 0.7247, 0.7207, 0.7133, 0.7387, 0.7280, 0.7093,
    0.7153, 0.7127, 0.7333, 0.7240, 0.7180, 0.6773, 0.7280, 0.6973, 0.7100, 0.7013, 0.6900, 0.6480, 0.6987,
    0.7007, 0.6760, 0.6953, 0.6900, 0.6320, 0.6100, 0.6173, 0.6607, 0.6800, 0.6513, 0.6373, 0.6147, 0.6507,
    0.6227, 0.6360, 0.6360, 0.6500, 0.5640, 0.6293, 0.6307, 0.6353, 0.6067, 0.5927, 0.6487, 0.6053, 0.5980,
    0.6147, 0.5880, 0.5840, 0.6027, 0.6080, 0.5467, 0.5893, 0.6160, 0.6513, 0.6553, 0.6693, 0.6680, 0.6667,
    0.6680, 0.6660, 0.6653, 0.6613, 0.6613, 0.6613, 0.6667, 0.6613, 0.6647, 0.6593, 0.6660, 0.6660, 0.6613,
    0.6660, 0.6633, 0.6660, 0.6653, 0.6660, 0.6667, 0.6680, 0.6660, 0.6667, 0.6693, 0.6680, 0.6713, 0.6693,
    0.6713, 0.6720, 0.6707, 0.6707, 0.6747, 0.6720, 0.6720, 0.6700, 0.6700,
]


def test_a_move_whose_span_holds_the_decay_that_made_it_is_dated_at_the_decay(tmp_path):
    # The fit broke at the low evaluation two points before the decay (0.547 at 57999): the rise
    # was dated 2000 steps before the decay, its span across it, and called a plateau escape with
    # "LR constant around the rise". The points up to the decay had not moved: it is the decay's.
    steps = np.arange(999, 100_000, 1000)
    path = tmp_path / "log.csv"
    pd.DataFrame({"step": steps, "val_acc": LONG_RUN_VAL_ACC,
                  "lr": np.where(steps < 60_000, 0.05, 0.005)}).to_csv(path, index=False)
    (ra,) = analyze(path)
    (ev,) = [e for e in ra.metrics[0].events if e.direction == "up"]
    assert ev.step == 60_999 and ev.label == "lr_decay"


def test_a_drop_under_a_mild_smooth_anneal_is_put_to_it_weakly(tmp_path):
    # Polynomial decay (power 0.5) from 0.1 over 3000 steps; the per-step loss, sliding as a power
    # law, bends down 40% further over the 300 steps from 1800, where the LR has come down x0.63. "Unexplained ... (checked: LR schedule)" gainsaid
    # the schedule the header names; a halved LR explains a drop (0.6), a milder anneal only weakly.
    rng = np.random.default_rng(9)
    steps = np.arange(3000)
    lr = 0.1 * (1 - steps / 3000) ** 0.5
    level = (1 + steps / 100) ** -0.25 * np.where(steps < 1800, 1.0, np.exp(-0.5 * np.minimum(steps - 1800, 300) / 300))
    loss = level * np.exp(rng.normal(0, 0.2, len(steps)))
    path = tmp_path / "log.csv"
    pd.DataFrame({"step": steps, "loss": loss, "lr": lr}).to_csv(path, index=False)
    (ra,) = analyze(path)
    (ev,) = ra.metrics[0].events
    assert abs(ev.step - 1800) <= 300 and ev.direction == "down"
    assert ev.label == "lr_decay" and ev.confidence < 0.5
    assert "annealed smoothly" in ev.evidence[-1] and "too little to make a cliff" in ev.evidence[-1]


def test_a_cyclic_schedules_climb_is_told_as_a_ramp_not_a_jump(tmp_path):
    # Triangular CyclicLR, 0.005 -> 0.3 over 250 steps and back; the loss rises with the LR. The
    # evidence read "lr 0.005 -> 0.3 at step 2000", a restart's one jump, for a 250-step climb.
    rng = np.random.default_rng(0)
    steps = np.arange(3000)
    pos = steps % 500
    lr = 0.005 + 0.295 * np.where(pos < 250, pos / 250, (500 - pos) / 250)
    loss = 0.5 * np.exp(0.6 * lr / 0.3 - 0.0002 * steps) * np.exp(rng.normal(0, 0.25, len(steps)))
    path = tmp_path / "log.csv"
    pd.DataFrame({"step": steps, "loss": loss, "lr": lr}).to_csv(path, index=False)
    (ra,) = analyze(path)
    restarts = [e for e in ra.metrics[0].events if e.label == "lr_restart"]
    assert len(restarts) >= 3
    for e in restarts:
        assert e.step % 500 == 0
        assert "lr climbing 0.005 -> " in e.evidence[-1] and f"over steps {e.step}-{e.step + 250}" in e.evidence[-1]


def test_the_note_on_a_moving_lr_beside_a_plateau_names_the_events_own_direction(tmp_path):
    # A real HF run's eval_f1 (AdamW, linear warmup over 300 steps, cosine to 0 at 3000), which
    # steps up at step 1000: the note why no plateau escape can be told said "the drop" of a rise.
    # (Read from where the stage levelled off, after the warmup, the LR only eased over the plateau:
    # the line that says so names the rise too.)
    f1 = [0.9384, 0.9691, 0.9712, 0.9660, 0.9801, 0.9746, 0.9763, 0.9765, 0.9766, 0.9765, 0.9765, 0.9766,
          0.9766, 0.9766, 0.9766]
    history = []
    for step in range(10, 3001, 10):
        lr = 1e-3 * step / 300 if step <= 300 else 0.5e-3 * (1 + math.cos(math.pi * (step - 300) / 2700))
        history.append({"step": step, "epoch": step / 39, "loss": 0.1, "learning_rate": lr})
        if step % 200 == 0:
            history.append({"step": step, "epoch": step / 39, "eval_f1": f1[step // 200 - 1]})
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"global_step": 3000, "log_history": history}))
    (ra,) = analyze(path, metrics=["eval_f1"])
    notes = [ev for e in ra.metrics[0].events for ev in e.evidence if "over the plateau and the" in ev]
    assert notes and all("over the plateau and the rise" in n for n in notes), notes


def test_a_cliff_under_a_mild_anneal_is_not_put_to_the_schedule(tmp_path):
    # A validation accuracy jumps +40% in 30 steps at step 1000 of a 3000-step cosine schedule,
    # which has eased the LR x0.74 by then but only 1% across the jump: too sharp for the
    # schedule's bend, whatever the anneal before it.
    rng = np.random.default_rng(3)
    steps = np.arange(1, 3001)
    lr = 0.05 * (1 + np.cos(np.pi * steps / 3000))
    acc = np.where(steps < 1000, 0.5, 0.5 + 0.2 * np.minimum(steps - 1000, 30) / 30) + rng.normal(0, 0.01, 3000)
    path = tmp_path / "log.csv"
    pd.DataFrame({"step": steps, "val_acc": acc, "lr": lr}).to_csv(path, index=False)
    (ra,) = analyze(path)
    (ev,) = ra.metrics[0].events
    assert ev.direction == "up" and abs(ev.step - 1000) <= 30 and ev.label != "lr_decay", ev.evidence


def test_a_bump_then_a_fall_far_below_it_keeps_the_fall():
    # A larger batch at update 2400 right after an unstable stretch: the loss
    # climbs x3.6 for 80 steps, then falls to a third of where it was before the
    # climb. The segmentation gives the climb and the fall one steep piece; the
    # climb becomes a wide spike, and the fall past its baseline is a drop of its own.
    truth, events = run("ho_bs_teacher_lightning", root=CORPUS.parent / "holdout")
    (t,) = truth["events"]
    (drop,) = [e for e in events if e.kind == "drop"]
    assert abs(drop.step - t["step"]) <= t["tolerance"]
    assert drop.after < 0.5 * drop.before
    assert [e.kind for e in events if e.step < drop.step] == ["spike"]


def test_spikes_growing_into_a_blow_up_start_the_divergence():
    # A deep linear net whose LR warms up past the edge of stability: from update
    # ~700 the minibatch loss spikes, falls back, and spikes higher (x6, x60, x120)
    # until it turns inf at 902. The first reported spike is the divergence's start,
    # not an instability of its own; a bad batch the curve gets over stays a spike
    # (spike_badbatch_tb, test_a_wide_spike_is_dated_where_it_leaves_the_baseline).
    truth, events = run("ho_diverge_warmup_dln_csv", root=CORPUS.parent / "holdout")
    t = truth["events"][-1]
    bad = [e for e in events if e.direction == "up"]
    assert [e.kind for e in bad] == ["divergence"]
    assert abs(bad[0].step - t["step"]) <= t["tolerance"] and bad[0].nonfinite_step == 902


def test_a_drop_located_on_a_lucky_stretch_just_before_a_decay_is_put_to_the_decay(tmp_path):
    # A per-step loss logged every 10 steps, flat at 0.52 at LR 0.1; its last eight points before
    # the x0.1 decay at 2010 happen to sit low, and the blind search starts the drop there. The LR
    # decays 80 steps later: not "LR constant around the drop", and no advice about when the stage
    # went flat before "the decay at 1930", a step the decay did not set.
    rng = np.random.default_rng(5)
    steps = np.arange(10, 4001, 10)
    level = np.where(steps < 2010, 0.52 + 1.8 * np.exp(-steps / 40), 0.06 + 0.16 * np.exp(-(steps - 2010) / 300))
    level[(steps >= 1930) & (steps < 2010)] = 0.23
    pd.DataFrame({"step": steps, "lr": np.where(steps < 2010, 0.1, 0.01),
                  "train_loss": level * np.exp(0.15 * rng.standard_normal(len(steps)))}).to_csv(
        tmp_path / "lucky.csv", index=False)
    (ra,) = analyze(tmp_path / "lucky.csv")
    (e,) = ra.metrics[0].events
    assert e.step < 2010 and (e.label, e.confidence) == ("lr_decay", 0.6)
    assert "lr 0.1 -> 0.01 (x0.1) at step 2010 (column lr), 80 steps after where the drop is located" in e.evidence[1]
    assert not any("LR constant" in ev for ev in e.evidence)
    from curvedoc.summary import summarize
    assert not any("decay at" in s for s in summarize(ra))
    # The pre-commit rule that every decay shows in some metric is met by that drop.
    from curvedoc.check import lr_decay_effective
    assert lr_decay_effective(ra, None) == []


def test_a_move_spanning_a_change_is_tested_against_the_trend_before_its_own_start():
    # A batch-size increase at update 2620, not logged: the held-out accuracy, evaluated every
    # few hundred updates, had a blind rise starting 600 updates before it and spanning it. Read
    # against the trend before the move's own start (not the change's window, which ends there),
    # its points up to the change had not moved: one rise, dated at the change's effect.
    third = CORPUS.parent / "third" / "th_bs_teacher_tb_nolr"
    truth = json.loads((third / "truth.json").read_text())
    (ra,) = analyze(third / truth["log"], metrics=["val/acc"])
    (t,) = truth["events"]
    assert [e.kind for e in ra.metrics[0].events] == ["rise"]
    assert abs(ra.metrics[0].events[0].step - t["step"]) <= t["tolerance"]


# An 8-epoch Keras run (MLP on digits, SGD, LR 0.2 -> 0.02 at epoch 5), its CSVLogger file as written.
SHORT_KERAS = """epoch,accuracy,loss,lr,val_accuracy,val_loss
0,0.39657738095238093,1.8371596790495373,0.2,0.7822222113609314,0.769927978515625
1,0.6458333333333334,1.322794225953874,0.2,0.851111114025116,0.6972001194953918
2,0.7232142857142857,1.172137636513937,0.2,0.8422222137451172,0.6716305017471313
3,0.7157738095238095,1.1664674778779347,0.2,0.8755555748939514,0.6315133571624756
4,0.6986607142857143,1.1971578229041326,0.2,0.8622221946716309,0.6335462331771851
5,0.7678571428571429,0.9631330165125075,0.02,0.9333333373069763,0.39960795640945435
6,0.7953869047619048,0.8921401514893487,0.02,0.9377777576446533,0.3734248876571655
7,0.7961309523809523,0.8726447912908736,0.02,0.9511111378669739,0.35164526104927063
"""


def test_in_a_log_of_a_few_epochs_the_trend_before_a_decay_starts_past_the_first_fall(tmp_path):
    # Five epochs before the decay, the first two still falling from the initial loss (1.84,
    # 1.32, then 1.17-1.20): a line through them put the trend far below where the loss had
    # levelled off, and the -25% at the decay on the training loss and accuracy went unseen.
    (tmp_path / "training.log").write_text(SHORT_KERAS)
    (ra,) = analyze(tmp_path / "training.log")
    found = {sa.name: [(e.step, e.label) for e in sa.events] for sa in ra.metrics}
    assert found == {name: [(5, "lr_decay")] for name in ("accuracy", "loss", "val_accuracy", "val_loss")}


def test_the_way_back_out_of_a_bad_evaluation_is_no_improvement():
    # A Keras MLP's held-out accuracy at 0.90-0.92 dips for two epochs (0.882, 0.835) and is back
    # at 0.912: the jump out of the dip returns to where the curve was before it, as the jump into
    # a lucky dip would. Reported, it read as a +9% plateau escape.
    truth, _ = run("sd_digits_mlp_keras_nolr")
    (ra,) = analyze(CORPUS / "sd_digits_mlp_keras_nolr" / truth["log"], metrics=["val_accuracy"])
    assert not [e for e in ra.metrics[0].events if 17 <= e.step <= 20]



# Held-out accuracy per epoch of an MLP trained with Adam at a constant LR on digits with 30% of the
# training labels shuffled: it peaks near epoch 12 and declines, noisily, as the net memorises the noise.
LABEL_NOISE_VAL_ACC = [
    0.8133, 0.8333, 0.9267, 0.9333, 0.9267, 0.9289, 0.9444, 0.9489, 0.9467, 0.9467, 0.9378, 0.9556, 0.9444, 0.9489,
    0.9556, 0.9556, 0.9533, 0.9511, 0.9444, 0.9467, 0.9422, 0.9422, 0.9444, 0.9356, 0.9311, 0.9489, 0.9267, 0.9356,
    0.9333, 0.9289, 0.9289, 0.8911, 0.9178, 0.9, 0.9067, 0.9133, 0.8978, 0.9156, 0.9022, 0.8978, 0.9067, 0.8956,
    0.9067, 0.8822, 0.88, 0.88, 0.8889, 0.8778, 0.8756, 0.8733, 0.8733, 0.8733, 0.8822, 0.8778, 0.8667, 0.8644,
    0.8467, 0.8489, 0.8422, 0.8556, 0.8578, 0.8422, 0.8444, 0.8556, 0.8444, 0.8489, 0.8378, 0.8467, 0.8267, 0.8422,
    0.8267, 0.8333, 0.8267, 0.8311, 0.82, 0.8422, 0.8444, 0.8333, 0.8244, 0.8222, 0.8044, 0.8044, 0.8133, 0.8156,
    0.8133, 0.82, 0.8, 0.8133, 0.8044, 0.7867, 0.82, 0.8067, 0.8022, 0.8067, 0.7889, 0.8, 0.8089, 0.7933, 0.78,
    0.8022, 0.7978, 0.7889, 0.8, 0.7889, 0.7867, 0.7889, 0.7889, 0.7933, 0.7956, 0.8, 0.7933, 0.8, 0.7733, 0.7956,
    0.8, 0.7822, 0.7978, 0.8067, 0.8067, 0.7778, 0.8044, 0.7911, 0.7933, 0.7911, 0.7889, 0.8, 0.78, 0.7956, 0.7778,
    0.8044, 0.7867, 0.8, 0.7778, 0.7978, 0.7867, 0.78, 0.7956, 0.7911, 0.78, 0.7911, 0.7956, 0.7956, 0.7911,
    0.7933, 0.7978, 0.7911, 0.7822, 0.7911, 0.7889, 0.78]


def test_a_noisy_overfitting_decline_of_a_held_out_score_is_no_instability(tmp_path):
    # Two epochs 2 points down in a decline of 5 points over 25 epochs, then one epoch half way
    # back: a wide spike of a bounded score must be as tall as a narrow one (5 points), and this
    # one, read as instability at 0.60, failed the pre-commit gate on an ordinary overfitting run.
    path = tmp_path / "history.csv"
    pd.DataFrame({"epoch": range(len(LABEL_NOISE_VAL_ACC)), "val_acc": LABEL_NOISE_VAL_ACC}).to_csv(path, index=False)
    (ra,) = analyze(path)
    assert not [e for e in ra.metrics[0].events if e.label == "instability"]


def test_of_several_lr_columns_the_one_that_changes_is_the_schedule(tmp_path):
    # Lightning's LearningRateMonitor logs one LR per parameter group. A fine-tuning run whose
    # backbone (pg1) trains at a constant 0.02 while the head's LR (pg2) decays 1.0 -> 0.01 at
    # epoch 10: the first column said "no change", and the drop at the decay was left unexplained.
    losses = [1.8216, 1.4025, 1.1449, 1.0749, 1.0241, 0.9771, 1.0432, 0.9705, 0.9154, 0.9336, 0.8366, 0.8664,
              0.8038, 0.7631, 0.8003, 0.7442, 0.7622, 0.8444, 0.7314, 0.7261]
    epochs = np.arange(20)
    pd.DataFrame({"epoch": epochs, "step": 43 * epochs + 42, "lr-SGD/pg1": 0.02,
                  "lr-SGD/pg2": np.where(epochs < 10, 1.0, 0.01), "train_loss_epoch": losses}).to_csv(
        tmp_path / "metrics.csv", index=False)
    (ra,) = analyze(tmp_path / "metrics.csv")
    assert ra.schedule.lr_column == "lr-SGD/pg2"
    assert [(c.kind, c.step) for c in ra.schedule.changes] == [("lr_decay", 472)]
    assert "2 LR columns: the schedule is read from lr-SGD/pg2; lr-SGD/pg1 set aside" in ra.run.warnings
    assert [(e.step, e.label) for e in ra.metrics[0].events] == [(472, "lr_decay")]


def test_of_several_lr_columns_the_one_other_groups_follow_is_the_schedule(tmp_path):
    # YOLOv5's results.csv: x/lr0 is the bias group, warmed *down* from warmup_bias_lr 0.1 over the first
    # three epochs while the weights' two groups (x/lr1, x/lr2) warm up from 0, all then decaying linearly
    # (train.py's np.interp over the warmup iterations, one value an epoch). Read from x/lr0, listed first,
    # the warmup was "decays at 1" and the onset of learning after it an lr_decay at 0.95.
    epochs = np.arange(30)
    lf = (1 - epochs / 30) * (1 - 0.01) + 0.01
    warm = np.clip((epochs + 1) / 3, 0, 1)
    bias = np.where(epochs < 3, 0.1 + (0.01 * lf - 0.1) * warm, 0.01 * lf)
    weights = np.where(epochs < 3, 0.01 * lf * warm, 0.01 * lf)
    box = 0.037 - 0.01 / (1 + np.exp(-(epochs - 6) / 1.2)) + 0.0003 * np.sin(epochs)
    pd.DataFrame({"               epoch": epochs, "      train/box_loss": box, "     metrics/mAP_0.5": 0.5 - 10 * box,
                  "               x/lr0": bias.round(7), "               x/lr1": weights.round(7),
                  "               x/lr2": weights.round(7)}).to_csv(tmp_path / "results.csv", index=False)
    (ra,) = analyze(tmp_path / "results.csv")
    assert ra.schedule.lr_column in ("x/lr1", "x/lr2"), ra.schedule.lr_column
    assert not [c for c in ra.schedule.changes if c.kind == "lr_decay"], ra.schedule.changes
    assert not [e for m in ra.metrics for e in m.events if e.label == "lr_decay"]


def test_a_decay_out_of_a_worse_stretch_that_follows_a_lucky_dip_is_still_a_drop():
    # The CNN sample's validation loss: two lucky evaluations (0.018, 0.013), six ordinary ones at
    # 0.025-0.064, then the x0.1 decay takes it to 0.022 and on down to 0.004. The six are no short
    # worse stretch to come back out of: they are longer than the dip before them, and the decay
    # lands the curve past where it was.
    (ra,) = analyze(Path(__file__).resolve().parents[1] / "sample_logs" / "cnn_step_decay_tb", metrics=["val/loss"])
    first = ra.metrics[0].events[0]
    assert (first.step, first.kind, first.label) == (1426, "drop", "lr_decay")
    assert "between steps 1380 and 1426" in first.evidence[0]


@pytest.mark.parametrize("peaks", [True, False])
def test_a_setback_while_a_cyclic_lr_climbs_is_the_cycle_not_an_instability(tmp_path, peaks):
    # A triangular cyclic LR climbing 0.002 -> 0.16 over steps 500-750 and back: the loss climbs
    # with it and comes back as the LR falls. The climb is a smooth rise, no one-step raise near
    # the setback's start, and the setback was `instability` 0.85, its own evidence quoting the
    # x60 rise, and `check` failed. An LR that keeps rising to the log's end (a warmup towards too
    # high an LR) has no peak to come down from: a setback there stays an instability.
    rng = np.random.default_rng(0)
    steps = np.arange(1, 4001)
    phase = (steps - 1) % 500
    cycle = np.where(phase < 250, phase / 250, (500 - phase) / 250)
    lr = 0.002 + 0.18 * cycle * 0.9 ** ((steps - 1) // 500) if peaks else 0.002 + 0.0002 * steps
    loss = (0.3 + 2 * np.exp(-steps / 400)) * np.exp(0.08 * rng.standard_normal(4000))
    bump = (steps > 660) & (steps < 900)
    loss[bump] *= 1 + 0.8 * np.sin(np.pi * (steps[bump] - 660) / 240)
    log = tmp_path / "log.csv"
    log.write_text("step,train_loss,lr\n" + "".join(f"{s},{v:.5f},{r:.6g}\n" for s, v, r in zip(steps, loss, lr)))
    [ra] = analyze(log)
    [setback] = [e for e in ra.metrics[0].events if 600 <= e.step <= 700]
    if peaks:
        assert setback.label == "lr_restart" and setback.confidence == 0.9
        assert "lr climbing 0.002 -> 0.164 over steps 501-751" in setback.evidence
    else:
        assert setback.label == "instability"


def test_a_slow_runaway_is_a_climb_not_a_jump(tmp_path):
    # Full-batch descent just past the edge of stability: the loss bottoms at step 64 and its
    # unstable mode grows ~0.1% a step, x60 over 4,000 steps. Its evidence read "jump onto a worse
    # level", which a 4,000-step climb is not.
    steps = np.arange(1, 5001)
    loss = np.where(steps < 64, 0.0757 + 2 * np.exp(-steps / 10), 0.0757 * np.exp(0.001 * (steps - 64)) + 2 * np.exp(-steps / 10))
    log = tmp_path / "log.csv"
    log.write_text("step,loss,lr\n" + "".join(f"{s},{v:.6g},0.582\n" for s, v in zip(steps, loss)))
    [ra] = analyze(log)
    [rise] = [e for e in ra.metrics[0].events if e.kind == "rise"]
    assert rise.label == "instability" and rise.width_steps > 1000
    assert any(ev.startswith(f"climb over {rise.width_steps} steps onto a worse level") for ev in rise.evidence)


def test_a_fall_off_a_calm_plateau_starts_where_its_points_leave_the_plateau():
    # Saturated nets sit at the initial loss, calm, then fall into a noisy tail. The segmentation's
    # penalty follows the run's noise, so the plateau's piece took in the fall's first steps: the
    # fall was dated where they ended, the stage before it read as sloping, and the saturation
    # passed for a plateau escape at 0.6 (a recovery is said at 0.7: a saddle would look the same). The fall starts where the plateau's points leave its level.
    for root, name in ((CORPUS.parent / "holdout", "ho_sat_tanh_text"),
                       (CORPUS.parent / "third", "th_sat_sigmoid_w80_lightning")):
        truth = json.loads((root / name / "truth.json").read_text())
        (ra,) = analyze(root / name / truth["log"], metrics=[truth["metric"]])
        sa = ra.metrics[0]
        t = truth["events"][0]
        (e,) = near(sa.events, t["step"], t["tolerance"])
        assert t["cause"] == "saturation_recovery" and (e.label, e.confidence) == ("saturation_recovery", 0.7), name
        before = [s for s in sa.stages if s.start < e.start_step][-1]
        assert before.plateau, name


def test_the_bend_at_the_top_of_the_initial_descent_is_no_plateau_escape():
    # Constant-LR momentum SGD with label smoothing (fifth set): the loss stays near ln 10 for
    # some 100 updates and then falls over 450; nothing happened to the training.
    truth, events = run("fi_const_ls_digits_tb", root=CORPUS.parent / "fifth")
    assert truth["no_event"] and events == []
    # A saturated net sits still at its initial loss for a long while: that is still an escape.
    truth, events = run("sat_tanh_tb_gn")
    t = truth["events"][0]
    assert [e.label for e in near(events, t["step"], t["tolerance"])] == ["plateau_escape"]


def test_a_held_out_drop_is_not_called_parting_when_the_training_loss_is_too_noisy_to_tell():
    # The corpus's step-decay run at LR 0.1: val/acc 0.7955 -> 0.7371 between two evaluations 156
    # steps apart, while the minibatch training loss, logged every 5 steps, is too noisy over them
    # to rule out a setback of its own the smallest reportable move large. It said "kept improving
    # across it, without a setback of its own", a guess; nor is it a sure instability.
    (ra,) = analyze(CORPUS / "sd_teacher_wandb" / "wandb", metrics=["val/acc"])
    (ev,) = [e for e in ra.metrics[0].events if e.step == 624]
    assert (ev.label, ev.confidence) == ("instability", 0.5)
    assert not any("without a setback" in x for x in ev.evidence)
    assert "train/loss too noisy across it to tell whether it had a setback of its own" in ev.evidence


def test_a_setback_in_a_training_loss_logged_between_two_evaluations_is_read_there(tmp_path):
    # Training loss every 5 steps, accuracy evaluated every 28: five training points lay between
    # the two evaluations across the drop, too few to read, and the climb the training loss made
    # there (an LR restart's, x1.8 from step 1121) went unsaid beside the held-out drop.
    rng = np.random.default_rng(1)
    steps = np.arange(5, 1401, 5)
    train = 0.8 * (steps / 5.0) ** -0.25 * np.exp(rng.normal(0, 0.1, len(steps)))
    train[steps > 1120] *= 1.8
    evals = np.arange(28, 1401, 28)
    acc = np.where(evals < 1148, 0.85, 0.80) + rng.normal(0, 0.003, len(evals))
    table = pd.DataFrame({"step": steps, "train/loss": train}).merge(
        pd.DataFrame({"step": evals, "val/acc": acc}), on="step", how="outer").sort_values("step")
    table.to_csv(tmp_path / "metrics.csv", index=False)
    (ra,) = analyze(tmp_path / "metrics.csv", metrics=["val/acc"])
    (ev,) = ra.metrics[0].events
    assert ev.step == 1148 and ev.label == "instability"
    (said,) = [x for x in ev.evidence if x.startswith("train/loss got worse over the same steps")]
    assert said.endswith("over steps 1085-1120, 0.3501 over 1125-1160")


def test_an_lr_ramp_after_a_hold_is_told_from_where_it_left_the_held_value(tmp_path):
    # p64: SGD held at 0.02 for 1,500 updates, then ramped towards 2.0; the loss climbs once the LR passes
    # ~0.14. "lr rising: 0.02 -> 0.178 over the last 156 steps" put the ramp's start 116 steps too early.
    (ra,) = analyze(write_lr_ramp(tmp_path / "metrics.csv"))
    (ev,) = [e for e in ra.metrics[0].events if e.direction == "up"]
    assert ev.label == "instability" and 1520 <= ev.step <= 1560, ev
    said = [line for line in ev.evidence if "lr rising: 0.02 -> " in line]
    assert len(said) == 1 and " since step 1500 (peak 2)" in said[0], ev.evidence


def test_an_lr_raised_mid_run_and_put_back_is_a_raise_the_loss_jumps_at_not_a_warmups_end(tmp_path):
    # p69: LR 0.01 for 600 updates, 0.2 for 300 (a mistake), 0.01 again; the loss thrown up x18 at the
    # raise. Held, then raised in one step, it was read as a constant warmup's end: "warmup ends at 610"
    # and the jump labelled warmup_end at 0.9.
    (ra,) = analyze(write_lr_raise_undone(tmp_path / "metrics.csv"))
    assert [(c.kind, c.step) for c in ra.schedule.changes] == [("lr_increase", 610), ("lr_decay", 910)]
    up, down = ra.metrics[0].events
    assert (up.direction, up.step, up.label) == ("up", 610, "lr_restart"), up
    assert (down.direction, down.step, down.label) == ("down", 910, "lr_decay"), down


def test_a_weak_reading_at_a_decay_says_whether_the_pace_before_it_makes_the_move_or_is_only_unsure():
    # A move at an LR decay that parts from the level before it, not from that level's pace, is a weak
    # reading, said as "at that pace carried on would have come most of this way" even where the line
    # carried on makes 41% of it (a held-out accuracy's pace read on a few noisy evaluations): what is
    # wide there is the line's error, not its reach.
    (ra,) = analyze(CORPUS.parent / "fourth" / "fo_sd_adam_teacher_lightning" / "lightning_logs/version_0/metrics.csv", metrics=["val_acc"])
    (unsure,) = [e for e in ra.metrics[0].events if e.step == 1715]
    assert (unsure.label, unsure.confidence) == ("lr_decay", 0.5), unsure
    assert unsure.evidence[-1] == ("but val_acc's pace before it is too unsure to rule out (its line carried on "
                                   "makes 41% of it, within its error): a weak reading"), unsure.evidence
    (ra,) = analyze(CORPUS.parent / "fifth" / "fi_sd_small_makeclf_csv" / "metrics.csv", metrics=["train_loss"])
    (paced,) = [e for e in ra.metrics[0].events if e.step == 3501]
    assert (paced.label, paced.confidence) == ("lr_decay", 0.5), paced
    assert paced.evidence[-1].endswith("at that pace carried on would have come most of this way: a weak reading")


def test_an_escape_under_warmup_then_linear_decay_is_no_lr_decay(tmp_path):
    # p71: a transformer's copy-task loss flat at ~4.07 from update ~120, then falling to ~2.0 by 800 (an
    # induction head), under Hugging Face's default schedule. The LR eased x0.69 over the plateau and the fall,
    # but the warmup's end at 100, inside the stage though before its plateau, kept that from being said:
    # the escape was "lr_decay 0.45" and the summary said it follows an LR decay.
    (ra,) = analyze(write_copy_escape(tmp_path / "trainer_state.json"))
    (ev,) = ra.metrics[[m.name for m in ra.metrics].index("loss")].events
    assert ev.kind == "drop" and 550 <= ev.step <= 600 and ev.label != "lr_decay", ev
    assert ev.label in ("plateau_escape", "saturation_recovery") and ev.confidence >= 0.6, ev
    assert any(line.startswith("a smooth schedule: the LR eased 0.000595 -> ") for line in ev.evidence), ev.evidence


def test_a_drop_after_the_lr_column_stops_is_not_said_to_be_at_a_constant_lr(tmp_path):
    # The sample MLP's log with its LR column left blank from step 2000 on (a logger that stopped writing
    # it; the same when it turns nan): the decay at 2341 is gone from the log, and its drop was read as an
    # escape with "LR constant around the drop", the last LR logged carried on past where it was known.
    src = Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv"
    frame = pd.read_csv(src)
    frame.loc[frame["step"] >= 2000, "lr"] = np.nan
    frame.to_csv(tmp_path / "metrics.csv", index=False)
    (ra,) = analyze(tmp_path / "metrics.csv", metrics=["train_loss"])
    (ev,) = [e for e in ra.metrics[0].events if 2300 <= e.step <= 2400]
    assert not any("LR constant" in line for line in ev.evidence), ev.evidence
    assert "the LR is not known past step 1999 (column lr stops, or holds no finite number, after it)" in ev.evidence
    assert ev.label != "lr_decay" and ev.confidence <= 0.6, ev


def test_a_held_out_loss_thrown_up_by_an_lr_blip_is_its_spike_not_a_decay_s_drop(tmp_path):
    # p65: the LR mistyped as 0.5 for 20 updates of a run at 0.05; the held-out loss, every 100 updates, goes
    # 0.74 -> 1.53 at the blip and is still coming back at the end. Putting the LR back was tested as a
    # decay owed a drop, and the throw went unsaid.
    (ra,) = analyze(write_lr_blip(tmp_path / "metrics.csv"))
    val = next(m for m in ra.metrics if m.name == "val_loss")
    (ev,) = val.events
    assert (ev.kind, ev.step, ev.label) == ("spike", 2600, "instability"), ev
    assert any("set off by an LR blip" in line for line in ev.evidence), ev.evidence
    assert not any(e.label == "lr_decay" for m in ra.metrics for e in m.events)


def test_the_lr_past_its_warmup_peak_is_said_to_come_down_not_to_rise(tmp_path):
    # Linear warmup to 0.1 over 200 steps, then a cosine over 3000: at a spike at step 600 the LR
    # (0.095) was falling, and "lr rising: 0.0005 -> 0.095 over the last 599 steps" said the opposite.
    rng = np.random.default_rng(2)
    steps = np.arange(1, 3001)
    lr = np.where(steps <= 200, 0.1 * steps / 200, 0.05 * (1 + np.cos(np.pi * (steps - 200) / 2800)))
    loss = 2.0 * steps ** -0.3 * np.exp(rng.normal(0, 0.05, len(steps)))
    val = np.where(steps % 100 == 0, 1.2 * loss, np.nan)  # evaluated every 100 steps
    val[599] *= 2
    pd.DataFrame({"step": steps, "loss": loss, "lr": lr, "val_loss": val}).to_csv(tmp_path / "metrics.csv",
                                                                                 index=False)
    (ra,) = analyze(tmp_path / "metrics.csv", metrics=["val_loss"])
    (ev,) = [e for e in ra.metrics[0].events if e.kind == "spike"]
    assert ev.step == 600 and ev.label == "instability"
    assert ev.evidence[1].endswith("lr up from 0.0005 to 0.1 at step 200, then down to 0.095")


def test_a_decay_given_as_milestones_is_said_as_a_factor_wherever_it_is_cited(tmp_path):
    # A real Keras run (MLP, MultiStepLR x0.1 at epochs 30 and 60, no LR column), its val_loss
    # located 2 epochs before the first milestone: the evidence read "lr 1 -> 0.1", an LR the
    # log never gave (milestones have a factor only), where the drop at the milestone said x0.1.
    val = [1.0822, 0.4267, 0.3432, 0.3423, 0.33, 0.346, 0.3122, 0.2915, 0.2826, 0.2719, 0.3006, 0.296, 0.2913,
           0.274, 0.3219, 0.2582, 0.2692, 0.2608, 0.2823, 0.3375, 0.3114, 0.281, 0.2548, 0.2748, 0.2903, 0.2726,
           0.2821, 0.2807, 0.2524, 0.2329, 0.222, 0.2241, 0.231, 0.2305, 0.2308, 0.2324, 0.2325, 0.236, 0.2308,
           0.2339, 0.2382, 0.2299, 0.2339, 0.233, 0.2331, 0.2315, 0.2359, 0.231, 0.2324, 0.2325, 0.2312, 0.2358,
           0.2318, 0.2359, 0.2295, 0.2301, 0.2362, 0.2308, 0.2338, 0.2309, 0.231, 0.2312, 0.2312, 0.2312, 0.2317,
           0.2317, 0.2314, 0.2314, 0.2314, 0.2312, 0.2314, 0.2317, 0.2324, 0.2318, 0.2316, 0.2317, 0.2321, 0.2317,
           0.2319, 0.2322, 0.2322, 0.2317, 0.2319, 0.2318, 0.2314, 0.2319, 0.2319, 0.2319, 0.2319, 0.2322]
    loss = [1.912, 0.9339, 0.7713, 0.688, 0.674, 0.6546, 0.6384, 0.6256, 0.6226, 0.6275, 0.575, 0.5844, 0.5694,
            0.5799, 0.5531, 0.5525, 0.5326, 0.5278, 0.5219, 0.5226, 0.5111, 0.5135, 0.5113, 0.4808, 0.4868, 0.478,
            0.453, 0.4461, 0.4552, 0.4405, 0.3951, 0.3881, 0.3862, 0.383, 0.3824, 0.3812, 0.3803, 0.3803, 0.3794,
            0.3781, 0.3788, 0.378, 0.3756, 0.3754, 0.374, 0.3721, 0.3723, 0.3701, 0.3704, 0.3696, 0.3692, 0.3683,
            0.3672, 0.3654, 0.3654, 0.3656, 0.3645, 0.3621, 0.3635, 0.3602, 0.3562, 0.356, 0.356, 0.3558, 0.3557,
            0.3555, 0.3555, 0.3554, 0.3553, 0.3552, 0.3551, 0.355, 0.3551, 0.355, 0.3549, 0.3547, 0.3545, 0.3545,
            0.3545, 0.3544, 0.3543, 0.3542, 0.3541, 0.354, 0.354, 0.3538, 0.3539, 0.3537, 0.3539, 0.3536]
    log = tmp_path / "training.log"
    pd.DataFrame({"epoch": range(90), "loss": loss, "val_loss": val}).to_csv(log, index=False)
    (ra,) = analyze(log, user_schedule=UserSchedule(milestones=[30, 60], gamma=0.1, unit="epoch"))
    cited = [x for sa in ra.metrics for e in sa.events for x in e.evidence if x.startswith("lr ")]
    assert len(cited) == 2 and all(x.startswith("lr x0.1 at epoch 30 (given milestones), ") for x in cited)


def test_a_flat_stretch_is_said_to_end_where_the_move_starts():
    # The grokking run's held-out accuracy leaves 0 at step 2250 and climbs to 0.9 by 8000: one
    # move, dated in its steepest part (4500). The stage before ran to that date, but the curve
    # was not flat there (0.19 at 4450): the flat stretch, and its stage, end where the move starts
    # (at the evaluation before it).
    (ra,) = analyze(CORPUS / "grok_modadd_hf" / "trainer_state.json", metrics=["eval_accuracy"])
    [ev] = ra.metrics[0].events
    s = ra.run.series("eval_accuracy")
    [flat] = [x for x in ev.evidence if x.startswith("flat from")]
    end = int(re.search(r" to (\d+) at ", flat).group(1))
    assert end == s.index[s.index < ev.start_step].max() and s[(s.index >= 1000) & (s.index <= end)].max() <= 0.005
    assert ra.metrics[0].stages[0].end == end


def test_a_training_curve_still_on_its_initial_plateau_has_not_settled_the_grokking_way():
    # A saturated tanh net: the held-out loss leaves its plateau before the training loss does.
    # The training loss sat where it started, its learning ahead: "train loss had settled by
    # step 3" (grokking-like) was said of that plateau.
    (ra,) = analyze(CORPUS.parent / "holdout" / "ho_sat_tanh_text" / "train.log")
    (val,) = [m for m in ra.metrics if m.name == "val loss"]
    assert val.events
    for e in val.events:
        assert not any("grokking-like" in x for v in e.rule_scores for x in v.evidence), e.rule_scores


def test_drops_between_epoch_starts_of_short_epochs_are_no_epoch_boundary(tmp_path):
    # A deep linear net logged every 10 steps with 100-step epochs (HF's fractional epoch): its
    # modes drop at epochs 2.8, 11.4 and 21.8. With ten points an epoch, an epoch start lay
    # within every drop's tolerance, and all three were "drops at epoch starts" at 0.8.
    rng = np.random.default_rng(11)
    steps = np.arange(10, 3010, 10)
    level = np.select([steps < 280, steps < 1140, steps < 2180], [8.0, 3.2, 2.7], 0.4)
    loss = level * np.exp(0.02 * rng.standard_normal(len(steps)))
    path = tmp_path / "log.csv"
    path.write_text("step,epoch,loss\n" + "".join(f"{s},{s / 100:.2f},{v:.5f}\n" for s, v in zip(steps, loss)))
    (ra,) = analyze(path)
    events = ra.metrics[0].events
    assert len(events) == 3 and all(abs(e.step - t) <= 20 for e, t in zip(events, (280, 1140, 2180)))
    assert not any(e.label == "epoch_boundary" or "epoch_boundary" in [a["label"] for a in e.alternatives]
                   for e in events), [(e.step, e.label, e.alternatives) for e in events]


def test_training_settled_is_counted_to_the_held_out_point_before_the_move(tmp_path):
    # Evaluated every 435 steps, the held-out loss drops between 1740 and 2175; the training loss
    # had levelled off by about 1550. It may have moved right after 1740: training had been
    # settled some 200 steps then, not the 630 to 2175 that made it "grokking-like".
    rng = np.random.default_rng(30)
    steps = np.arange(5, 5225, 5)
    train = (0.13 + 0.55 * np.exp(-steps / 500)) * np.exp(0.25 * rng.standard_normal(len(steps)))
    evals = np.arange(435, 5225, 435)
    val = np.where(evals <= 1740, 0.173, 0.143) * np.exp(0.003 * rng.standard_normal(len(evals)))
    rows = [f"{s},{t:.5f}," + (f"{val[list(evals).index(s)]:.5f}" if s in evals else "") for s, t in zip(steps, train)]
    path = tmp_path / "log.csv"
    path.write_text("step,loss,val_loss\n" + "\n".join(rows) + "\n")
    (ra,) = analyze(path)
    [ev] = [e for m in ra.metrics if m.name == "val_loss" for e in m.events]
    assert ev.step == 2175 and ev.label == "plateau_escape"
    assert not any("grokking-like" in x for v in ev.rule_scores for x in v.evidence), ev.evidence


def test_a_held_out_accuracy_dip_that_stays_low_is_not_said_to_be_back(tmp_path):
    # A CNN's held-out accuracy knocked from 0.94 to 0.62 by an unstable stretch, then 0.75, 0.76,
    # 0.83 over the next evaluations: "back by step 1200" (or, a point wide, "a single logged point")
    # said it was back, read as a ratio that a score's few points never make.
    rng = np.random.default_rng(9)
    steps = np.arange(100, 3100, 100)
    acc = 0.94 + 0.004 * rng.standard_normal(len(steps))
    acc[steps == 900] = 0.622
    after = [0.748, 0.756, 0.828, 0.85, 0.86, 0.87, 0.88, 0.885, 0.89, 0.9]
    acc[(steps > 900) & (steps <= 1900)] = after
    path = tmp_path / "log.csv"
    path.write_text("step,val_acc\n" + "".join(f"{s},{a:.4f}\n" for s, a in zip(steps, acc)))
    (ra,) = analyze(path)
    [ev] = [e for e in ra.metrics[0].events if e.kind == "spike"]
    assert ev.step == 900 and ev.label == "instability"
    assert not any("a single logged point" in x for x in ev.evidence), ev.evidence
    assert any(re.search(r"but the next 10 points still stand at 0\.8\d+, -0\.0\d+ from the level before it", x)
               for x in ev.evidence), ev.evidence


def test_a_stage_still_falling_is_no_plateau_and_the_escape_says_how_far_it_slid():
    # Per-step loss of a step-decay run logged without its LR: stage 1 falls from 0.87 to 0.50
    # over steps 167-1463 (a fitted x0.53, 8 standard errors). It was "plateau: yes, from 167" and
    # the drop's evidence said "flat from step 167 to 1463 at 0.5082".
    (ra,) = analyze(HOLDOUT_DIR / "ho_sd_teacher_noise_text_nolr" / "train.log", metrics=["loss"])
    [sa] = ra.metrics
    assert [s.plateau for s in sa.stages] == [False, False]
    [drop] = [e for e in sa.events if e.kind == "drop"]
    [slid] = [ev for ev in drop.evidence if ev.startswith(("flat from", "slow from"))]
    a, b, pct = re.fullmatch(r"slow from step 167 to 1463: ([\d.]+) -> ([\d.]+) \((-\d+)%\)", slid).groups()
    s = ra.run.series("loss")
    assert float(a) > 1.5 * float(b) and int(pct) <= -40
    assert s[(s.index >= 167) & (s.index < 450)].median() > 1.5 * s[(s.index > 1150) & (s.index <= 1463)].median()


# A net killed by OneCycle's rising LR (the held-out loss of a real run, every 109 steps): it learns
# to 1.11, jumps to 2.14 as the LR climbs, and settles at chance, ln 6 = 1.79.
ONECYCLE_DEAD_VAL = [1.1094, 1.3693, 1.9824, 2.1415, 1.85, 1.8219, 1.8117, 1.7967, 1.8026, 1.8019, 1.8027, 1.7934,
                     1.8037, 1.8041, 1.8002, 1.8244, 1.8012, 1.8141, 1.7972, 1.7978, 1.7963, 1.804, 1.7948, 1.7965,
                     1.7947, 1.7924, 1.792]


def test_a_fall_back_to_chance_under_a_rising_lr_is_not_said_to_be_learning_starting(tmp_path):
    # The settling from 2.14 to 1.85 was "unexplained ... learning may have started once the LR was
    # large enough"; the net was dead, no better than the curve's first value. The jump before it
    # settles at x1.32 where it left: said with that level, not as coming "back".
    val = {109 * (i + 1): v for i, v in enumerate(ONECYCLE_DEAD_VAL)}

    def lr(t):
        return 0.016 + 0.192 * (1 - math.cos(math.pi * t / 900)) if t <= 900 else \
            0.2 * (1 + math.cos(math.pi * (t - 900) / 2100))

    path = tmp_path / "metrics.csv"
    path.write_text("step,lr,val_loss\n" + "".join(f"{t},{lr(t):.5g},{val.get(t, '')}\n" for t in range(1, 3001)
                                                  if t % 2 == 0 or t in val))
    (ra,) = analyze(path)
    [sa] = ra.metrics
    [drop] = [e for e in sa.events if e.kind == "drop"]
    said = " ".join(drop.evidence)
    assert drop.label == "unexplained" and "learning may have started" not in said
    assert "it ends no better than the curve's first value, 1.109 at step 109" in said
    [rise] = [e for e in sa.events if e.kind == "rise"]
    assert any("jump onto a worse level, down to 1.8" in ev and "(x1.32 the level before it)" in ev
               for ev in rise.evidence), rise.evidence


def test_a_held_out_step_beside_the_same_training_step_is_not_grokking_like():
    # A deep linear net's last mode (TensorBoard): the held-out loss falls -87% dated at 3600, the
    # training loss -92% over 3600-4400, dated 714 steps later in its steepest part. Compared by
    # date alone, training "had settled by step 1696, 1904 steps before this held-out curve moved".
    (ra,) = analyze(CORPUS / "dln_staircase_tb" / "tb")
    val = next(m for m in ra.metrics if m.name == "val/loss")
    [ev] = [e for e in val.events if abs(e.step - 3600) <= 50]
    assert ev.label == "plateau_escape" and not any("grokking-like" in x for x in ev.evidence), ev.evidence
    train = next(m for m in ra.metrics if m.name == "train/loss")
    assert any(e.start_step <= ev.end_step and ev.start_step <= e.end_step for e in train.events)
    # A real grokking run keeps its note: training accuracy sits at 1.0 long before the test move.
    (ra,) = analyze(REAL_LOGS / "grokking_modadd_adamw")
    acc = next(m for m in ra.metrics if m.name == "test_accuracy")
    assert any("grokking-like: train_accuracy had settled" in x for e in acc.events for x in e.evidence)


def test_a_move_ends_where_the_next_one_starts():
    # Batch size 25 -> 125 at 4801 and -> 625 at 5601 (TensorBoard): the first fall was measured
    # "0.5828 -> 0.05337 (-91%) over 825 steps", through the second increase and its own fall.
    (ra,) = analyze(CORPUS / "bs_teacher_tb" / "tb", metrics=["train/loss"])
    first, second = [e for e in ra.metrics[0].events if e.kind == "drop"]
    assert first.end_step < second.start_step <= 5601 and second.step == 5601
    s = ra.run.series("train/loss")
    assert first.after == pytest.approx(s[(s.index > 5500) & (s.index < 5601)].median(), rel=0.25)
    assert first.after > 2 * second.after
    # A held-out accuracy's lucky point 625 steps before its decay was a "rise 0.79 -> 0.88" measured
    # through the decay's own jump; up to the decay it moves 0.5%, and is no event.
    sample = CORPUS.parents[1] / "sample_logs" / "mlp_step_decay"
    (ra,) = analyze(sample, metrics=["val_acc"])
    assert [e.step for e in ra.metrics[0].events] == [2496, 4836]


def test_an_event_carries_the_epoch_the_log_gives_at_its_step():
    # W&B with a whole-epoch counter that steps 3 -> 4 at step 625: the held-out accuracy's event at
    # 624 read "epoch 3.8", a point between two logged values of a step function.
    truth, _ = run("sd_teacher_wandb")
    (ra,) = analyze(CORPUS / "sd_teacher_wandb" / truth["log"])
    acc = next(m for m in ra.metrics if m.name == "val/acc")
    [e] = [e for e in acc.events if e.step == 624]
    epochs = ra.run.series("epoch")
    assert e.epoch == epochs[epochs.index <= 624].iloc[-1] == 3


def test_a_held_out_curve_on_its_new_level_after_a_restart_has_no_spike_there():
    # SGDR's last restart (5602): the held-out accuracy drops 0.86 -> 0.72 and climbs back (0.76,
    # 0.79). Read against a running median still holding 0.86, its 0.76 was a second event, a
    # "spike 0.8618 -> 0.762", 300 steps into the recovery.
    (ra,) = analyze(CORPUS / "sgdr_teacher_tb" / "tb", metrics=["val/acc"])
    events = ra.metrics[0].events
    assert [e.step for e in events if e.step > 5000] == [5616]
    assert [e.label for e in events] == ["lr_restart"] * 3


def test_a_drop_after_a_slide_as_far_is_a_weak_escape(tmp_path):
    # Dropout switched off at update 1501 under a constant LR (tools/probe_runs.py): the train-mode
    # loss had slid 19% over the thousand updates before (0.89 -> 0.72), then fell 21%, the objective
    # changed. The slide is no flat stretch the drop escaped: plateau_escape stays the reading, at
    # 0.65 rather than 0.8, its evidence saying the slide.
    (ra,) = analyze(write_dropout_off(tmp_path / "metrics.csv"))
    (e,) = [e for e in ra.metrics[0].events if abs(e.step - 1500) <= 30]
    assert e.label == "plateau_escape" and e.confidence == pytest.approx(0.65), (e.label, e.confidence)
    assert "slow from step 541 to 1496: 0.8918 -> 0.7244 (-19%)" in e.evidence


def test_a_decay_found_at_its_own_epoch_is_not_also_the_cause_of_the_fall_before_it(tmp_path):
    # A 10-epoch CNN at its initial loss falls over epochs 3-5 at a constant LR 0.02; the LR goes x0.1 at
    # epoch 6 and the drop found there is the decay's. The fall before, its move ending at the decay,
    # was the decay's too ("1 epoch after where the drop is located"): two moves, one decay.
    loss = [2.3064, 2.2933, 2.2712, 2.1981, 1.7303, 0.6957, 0.3833, 0.3414, 0.3209, 0.301]
    val = [2.2986, 2.2851, 2.2505, 2.1, 1.0999, 0.6487, 0.5419, 0.5105, 0.4864, 0.4534]
    path = tmp_path / "training.log"
    pd.DataFrame({"epoch": range(10), "loss": loss, "lr": [0.02] * 6 + [0.002] * 4, "val_loss": val}).to_csv(
        path, index=False)
    (ra,) = analyze(path)
    moves = {e.step: e for e in ra.metrics[0].events}
    assert moves[6].label == "lr_decay" and moves[5].label != "lr_decay", {s: e.label for s, e in moves.items()}
    # The decay's drop is measured from where the fall had brought the loss (epoch 5's 0.6957), not from
    # before the fall ("2.198 -> 0.3108 (-86%)", the fall counted twice).
    assert moves[6].before == pytest.approx(0.6957) and moves[6].after < 0.35
    # Not "LR constant around the drop": the decay came an epoch later, and is said.
    assert "LR constant up to the drop; its decay 1 epoch later (0.02 -> 0.002 at epoch 6) is read as the move found " \
           "there" in moves[5].evidence


def test_a_spike_back_at_the_next_update_is_one_batch_not_the_model_thrown_off():
    # Corrupted minibatches whose clipped updates barely moved the net (the fourth set): the loss is
    # back at the next update. Read at 0.85 they failed `check`, as did every epoch's pass over a
    # mislabeled example in a healthy run. A spike the model takes hundreds of updates to come back
    # from (the corpus's bad batch at 1200, unclipped) stays a plain instability.
    from curvedoc.analysis import analyze
    from curvedoc.explain import ONE_BATCH

    root = Path(__file__).resolve().parents[1] / "benchmarks"
    [ra] = analyze(root / "fourth" / "fo_spike_clip_teacher_tb" / "tb", metrics=["train/loss"])
    spikes = [e for e in ra.metrics[0].events if e.kind == "spike"]
    assert [e.step for e in spikes] == [1300, 2700]
    assert all(e.label == "instability" and e.confidence == 0.5 and ONE_BATCH in e.evidence for e in spikes)
    [ra] = analyze(root / "corpus" / "spike_badbatch_tb" / "tb", metrics=["train/loss"])
    [first] = [e for e in ra.metrics[0].events if e.kind == "spike"]
    assert first.step == 1200 and first.confidence == 0.85 and ONE_BATCH not in first.evidence


def test_one_low_evaluation_among_few_at_a_high_lr_is_no_spike_and_no_stage_level(tmp_path):
    # ReduceLROnPlateau (tests/small_runs.py): the held-out accuracy swings 0.907-0.965 over the
    # first epochs at LR 0.1, and its seventh evaluation reads 0.887, within two spreads of those
    # six; then the cut calms it. Its noise read against the calm stage after the cut made that
    # evaluation "10 standard errors" down, a spike and instability; and the stage's level was
    # the median of its last fifth, that one point.
    from small_runs import PLATEAU_NOISY_EVAL

    path = write_csv(tmp_path / "metrics.csv", PLATEAU_NOISY_EVAL)
    (ra,) = analyze(path)
    acc = next(m for m in ra.metrics if m.name == "val_acc")
    loss = next(m for m in ra.metrics if m.name == "val_loss")
    assert not [e for e in acc.events + loss.events if e.kind == "spike" or e.label == "instability"]
    assert [e.label for e in acc.events] == ["lr_decay"] and [e.label for e in loss.events] == ["lr_decay"]
    assert 0.92 < acc.stages[0].level < 0.95 and 0.42 < loss.stages[0].level < 0.49
    assert check([path]).findings == []


def test_a_held_out_accuracy_at_chance_from_a_noisy_first_evaluation_is_at_its_initial_level():
    # A saturated sigmoid net (the corpus): the held-out accuracy sits at chance for 58 epochs,
    # 0.054-0.128 with 0.125 at the first evaluation and 0.098 as the plateau's level; 0.027 further
    # than 15% of the first value, but no further than the plateau's own evaluations go. Its rise
    # with the training loss's cascade is the recovery from saturation, not an escape.
    truth = json.loads((CORPUS / "sat_sigmoid_keras" / "truth.json").read_text())
    (ra,) = analyze(CORPUS / "sat_sigmoid_keras" / truth["log"], metrics=["val_accuracy"])
    (e,) = [e for e in ra.metrics[0].events if abs(e.step - 59) <= 1]
    assert e.kind == "rise" and e.label == "saturation_recovery", (e.label, e.evidence)


def test_a_nan_in_an_evaluation_whose_accuracy_is_in_line_is_the_evaluation_s_not_instability(tmp_path):
    # A real constant-LR Trainer run with nothing in it; its eval_loss rewritten to NaN at two of its
    # 30 evaluations (as a NaN in an evaluation's own reduction writes it), eval_accuracy left as
    # logged. Read as a spike to nan at 0.9, it failed `check` on a run whose model never changed.
    # A NaN that training shares is the run's: with the training loss NaN at the same step too, the
    # verdict stays sure.
    state = json.loads((CORPUS / "const_sgd_teacher_hf" / "trainer_state.json").read_text())
    evals = [h for h in state["log_history"] if "eval_loss" in h]
    for h in (evals[9], evals[20]):
        h["eval_loss"] = float("nan")
    log = tmp_path / "trainer_state.json"
    log.write_text(json.dumps(state))
    (ra,) = analyze(log)
    [sa] = [m for m in ra.metrics if m.name == "eval_loss"]
    assert [e.step for e in sa.events] == [evals[9]["step"], evals[20]["step"]]
    for e in sa.events:
        assert e.label == "instability" and e.confidence < 0.6, (e.label, e.confidence)
        assert any("eval_accuracy is finite at the same step" in x for x in e.evidence), e.evidence
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(log)], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout
    # The training loss NaN at the first of those steps as well: the run's own NaN.
    [train] = [h for h in state["log_history"] if h.get("step") == evals[9]["step"] and "loss" in h]
    train["loss"] = float("nan")
    log.write_text(json.dumps(state))
    (ra,) = analyze(log)
    [first] = [e for m in ra.metrics if m.name == "eval_loss" for e in m.events if e.step == evals[9]["step"]]
    assert first.confidence >= 0.9, first.evidence


def test_a_parameter_group_unfrozen_beside_a_drop_is_cited_not_set_aside(tmp_path):
    # A real Lightning run (saturated tanh net, its loss off the initial plateau at 3559), its LR
    # monitor's column split in two groups as LearningRateMonitor logs them: the head's (the old
    # lr-SGD) and a backbone's whose LR goes 0 -> 0.02 a little before the drop, as a fine-tune
    # unfreezing it writes. The backbone's column was set aside (it has no change between positive
    # LRs) and the drop read as a saturation recovery at 0.7 with "LR constant".
    src = CORPUS / "sat_tanh_lightning" / "lightning_logs" / "version_0" / "metrics.csv"
    frame = pd.read_csv(src)
    frame = frame.rename(columns={"lr-SGD": "lr-SGD/pg2"})
    logged = frame["lr-SGD/pg2"].notna()
    frame.insert(0, "lr-SGD/pg1", np.where(logged, np.where(frame["step"] < 3500, 0.0, 0.02), np.nan))
    log = tmp_path / "metrics.csv"
    frame.to_csv(log, index=False)
    (ra,) = analyze(log, metrics=["train_loss"])
    [ev] = [e for e in ra.metrics[0].events if 3500 <= e.step <= 3600]
    assert any("lr-SGD/pg1 0 -> 0.02" in x and "a parameter group unfrozen" in x for x in ev.evidence), ev.evidence
    assert ev.confidence < 0.5, (ev.label, ev.confidence)
    assert any("a parameter group frozen or unfrozen: lr-SGD/pg1 0 -> 0.02" in w for w in ra.run.warnings), \
        ra.run.warnings
    # A group warmed up from 0, and one annealed to 0 for its last points, are schedules, not freezes.
    step = frame["step"].to_numpy()
    annealed = np.where(step < step.max() - 100, 0.02 * (1 - step / step.max()), 0)
    for lr in (np.minimum(step / 3500, 1.0) * 0.02, annealed):
        frame["lr-SGD/pg1"] = np.where(logged, lr, np.nan)
        frame.to_csv(log, index=False)
        (ra,) = analyze(log, metrics=["train_loss"])
        assert not ra.settings and not any("frozen" in w for w in ra.run.warnings), (ra.settings, ra.run.warnings)


def test_a_milestone_never_set_reads_no_sure_decay_on_a_loss_that_only_kept_falling():
    # An AdamW run at a constant LR, its loss logged every other update under minibatch noise (third
    # set), given a milestone as a user asks whether a scheduler ever stepped. The trend before each
    # milestone, a tenth of the run, could not tell its slow fall from none; set level, it parted from
    # the later points by that fall alone: "lr_decay (0.95)" at each of these three. Read at the
    # window's own pace, no decay is claimed; one the level alone shows is said as a weak reading.
    folder = CORPUS.parent / "third" / "th_const_adamw_teacher_tb_nolr" / "tb"
    for at in (1031, 1374, 2060):
        (ra,) = analyze(folder, user_schedule=UserSchedule(milestones=[at]))
        claimed = [(e.step, e.confidence) for m in ra.metrics for e in m.events if e.label == "lr_decay"]
        assert all(confidence <= 0.5 for _, confidence in claimed), (at, claimed)


def test_a_decay_the_curves_own_pace_may_explain_is_a_weak_reading_and_check_says_so(tmp_path):
    # One batch's loss every 10 updates, halved at a x0.1 cut; the 29 points before it fall at a pace
    # no test tells from none, and carried on that pace comes most of the way: the drop is the
    # decay's, said as weak, and check's lr-decay-effective does not take it for proof.
    from small_runs import write_step_decay_single_batch

    path = write_step_decay_single_batch(tmp_path / "train_log.csv")
    (ra,) = analyze(path)
    (ev,) = ra.metrics[0].events
    assert (ev.step, ev.label, ev.confidence) == (1500, "lr_decay", 0.5)
    assert ev.evidence[-1].startswith("but train_loss was falling before it, and at that pace carried on")
    (finding,) = check([path], select=["lr-decay-effective"]).findings
    assert "followed by no drop beyond the curve's own pace (a weak reading at step 1500)" in finding.message


def test_a_loss_thrown_onto_a_harder_task_that_keeps_falling_is_no_blow_up():
    # A curriculum doubles the classes at step 2001 (probe 45, num_classes 5 -> 10): the per-step loss,
    # at 7e-4 before, is thrown up and falls back towards 5e-3 under noise of x2 a point. Its end
    # stood 10x above its best (before the task changed), and a lucky low point near the end made a
    # "climb" from there: instability 0.6, "jump onto a worse level", in 5 of 20 such logs.
    steps = np.arange(10, 4001, 10)
    level = np.where(steps <= 2000, 2.0 * (steps / 10) ** -1.5,
                     0.9 * np.exp(-(steps - 2000) / 150) + 0.015 * (steps / 2000) ** -1.5)
    for seed in (0, 1, 12, 13, 17):
        loss = level * np.exp(0.7 * np.random.default_rng(seed).standard_normal(len(steps)))
        (ra,) = analyze(pd.DataFrame({"step": steps, "train_loss": loss, "num_classes": np.where(steps <= 2000, 5, 10)}))
        assert [e.step for e in ra.metrics[0].events if e.direction == "up" and e.step > 2500] == [], seed


def test_a_held_out_loss_worsening_once_training_is_memorised_is_overfitting_not_instability(tmp_path):
    # A Trainer's log (probe 45): the training loss, rounded to 4 decimals as the Trainer logs it, is
    # at 0.0001-0 from step ~1500 (a small set memorised); eval_loss steps from 0.216 to a flat 0.25
    # at 1600. Training was at its best, not improving, so the held-out step read "jump onto a worse
    # level", instability 0.85, and check failed the run.
    import json

    rng = np.random.default_rng(45)
    steps = np.arange(10, 3001, 10)
    train = np.round(0.6 * np.exp(-steps / 160) * np.exp(0.5 * rng.standard_normal(len(steps))), 4)
    evals = [0.2298, 0.2197, 0.1971, 0.3294, 0.1716, 0.2218, 0.2162, 0.256, 0.2517, 0.2497, 0.2493, 0.25, 0.25,
             0.2501, 0.2501]
    history = [{"step": int(s), "epoch": s / 43.6, "loss": float(v), "learning_rate": 0.03 * (1 - s / 3000)}
               for s, v in zip(steps, train)]
    history += [{"step": 200 * (i + 1), "epoch": 200 * (i + 1) / 43.6, "eval_loss": v} for i, v in enumerate(evals)]
    history.sort(key=lambda h: h["step"])
    (tmp_path / "trainer_state.json").write_text(json.dumps({"global_step": 3000, "log_history": history}))
    (ra,) = analyze(tmp_path / "trainer_state.json")
    (rise,) = [e for m in ra.metrics if m.name == "eval_loss" for e in m.events]
    assert rise.step == 1600 and rise.label == "instability" and rise.confidence == 0.5
    assert "loss held its best level across it, without a setback of its own" in rise.evidence[-1]
    assert [f.rule for f in check([tmp_path / "trainer_state.json"]).findings] == []


def test_a_held_out_drop_between_two_logged_points_is_not_put_down_to_a_decay_after_them(tmp_path):
    # p47: the LR cut at 1501 and again at 1601, the held-out loss logged every 100 updates: lower
    # at 1600 than at 1500, it was evaluated before the second cut. It was "lr 0.02 -> 0.002 at step
    # 1601, 1 step after where the drop is located": the log dates the move to that gap for sure.
    (ra,) = analyze(write_two_close_decays(tmp_path / "log.csv"))
    [val_loss] = [m for m in ra.metrics if m.name == "val_loss"]
    [drop] = [e for e in val_loss.events if e.kind == "drop"]
    assert drop.step == 1600 and drop.label == "lr_decay"
    assert any("lr 0.2 -> 0.02 (x0.1) at step 1501" in x for x in drop.evidence), drop.evidence
    assert not any("1601" in x for x in drop.evidence)


def test_a_training_loss_climbing_as_the_held_out_loss_halves_is_no_instability(tmp_path):
    # p55: weight decay switched on at epoch 40 of a run that had memorised its training set. Keras's
    # epoch mean climbs 0.004 -> 0.24 over three epochs and on to a flat 0.5 while val_loss halves in the
    # epoch it starts. The climb was read on its first three epochs, under a quarter of what the loss
    # had learned, and said "instability (0.85)"; `check` failed it as runaway growth.
    log = write_weight_decay_on(tmp_path / "training.log")
    (ra,) = analyze(log)
    loss = next(m for m in ra.metrics if m.name == "loss")
    (ev,) = [e for e in loss.events if e.direction == "up"]
    assert ev.step in (40, 41) and ev.label == "instability" and ev.confidence < 0.6, (ev.step, ev.confidence)
    assert any("val_loss improved at epoch 40" in why and DATA_CHANGED in why for why in ev.evidence), ev.evidence
    assert not check([log]).findings


def test_a_held_out_bump_before_a_decay_is_no_drop_at_it(tmp_path):
    # p72: a held-out loss standing near 0.41 bumps to 0.434 over the three evaluations before a x0.1 decay
    # and is back at 0.42 after it. Read against the bump's projected rise it "dropped 0.4475 -> 0.4187"
    # (a level never logged), labelled lr_decay 0.95; the held-out accuracy's setback at the bump's start
    # then read as "traded" against it, and the decay passed `lr-decay-effective`.
    log = tmp_path / "metrics.csv"
    log.write_text(EVAL_BUMP_AT_DECAY.lstrip())
    (ra,) = analyze(log)
    loss = next(m for m in ra.metrics if m.name == "eval_loss")
    assert not loss.events
    assert not any("traded" in line for m in ra.metrics for e in m.events for line in e.evidence)
    report = check([log], select=["lr-decay-effective"])
    assert [f.rule for f in report.findings] == ["lr-decay-effective"], report


@pytest.mark.parametrize("blown", [False, True])
def test_a_total_loss_thrown_up_while_its_logged_terms_hold_is_a_changed_objective(tmp_path, blown):
    # loss = ce_loss + w * recon_loss, printed every 20 steps; w goes 0.1 -> 2.0 after step 1500. The total
    # is thrown x10 while both terms go on falling: read as instability at 0.85, failing `check`. When
    # instead the reconstruction term itself blows up x10 at a constant weight, it stays instability.
    rng = np.random.default_rng(3)
    lines = []
    for step in range(20, 3001, 20):
        ce = (0.02 + 2.2 * (1 + step / 60) ** -1.5) * math.exp(rng.normal(0, 0.08))
        recon = (0.2 + 0.8 * (1 + step / 300) ** -1.0) * math.exp(rng.normal(0, 0.03))
        if blown and step > 1500:
            recon *= 10
        w = 2.0 if step > 1500 and not blown else 0.1
        lines.append(f"step {step}: loss {ce + w * recon:.4f}, ce_loss {ce:.4f}, recon_loss {recon:.4f}, lr 1.0e-03")
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (ra,) = analyze(log)
    total = next(m for m in ra.metrics if m.name == "loss")
    (jump,) = [e for e in total.events if e.direction == "up"]
    assert 1500 <= jump.step <= 1540 and jump.label == "instability"
    if blown:
        assert jump.confidence >= 0.6 and not any("terms did not jump" in x for x in jump.evidence)
    else:
        assert jump.confidence < 0.6 and any(x.startswith("but its logged terms did not jump with it (ce_loss x")
                                             for x in jump.evidence), jump.evidence
        assert check([log]).findings == []


def test_a_spike_read_on_its_levels_names_its_most_extreme_logged_point():
    # A corrupted minibatch throws the loss to its peak at one step, then the damaged net runs x1000
    # above its old level for hundreds of steps: the spike is read on those levels (x1.6e3), and the
    # evidence named no point a user finds in the log; it now names the highest one and its step.
    truth, events = run("spike_badbatch_tb")
    (ra,) = analyze(CORPUS / "spike_badbatch_tb" / truth["log"], metrics=[truth["metric"]])
    (ev,) = near([e for e in events if e.kind == "spike"], truth["events"][0]["step"], truth["events"][0]["tolerance"])
    s = ra.run.series(truth["metric"]).dropna()
    span = s[(s.index >= ev.start_step) & (s.index <= ev.end_step)]
    m = re.search(r"its most extreme logged point ([\d.e+-]+) at step (\d+) \(x", " ".join(ev.evidence))
    assert m, ev.evidence
    assert float(m[1]) == pytest.approx(span.max(), rel=1e-3) and int(m[2]) == span.idxmax()
    assert span.max() > 2 * ev.after
    # A spike whose level is its peak says nothing more: the validation loss's, on a single logged point.
    (vl,) = analyze(CORPUS / "spike_badbatch_tb" / truth["log"], metrics=["val/loss"])
    assert not any("most extreme logged point" in " ".join(e.evidence) for e in vl.metrics[0].events)


def test_a_loss_thrown_far_above_the_level_it_then_keeps_is_a_jump_onto_that_level(tmp_path):
    # Gradient clipping turned off at update 2000 (p73_clip_off_csv): the loss, 0.03-0.05, is thrown to 1738
    # at 2050 and stands near 3.3 from 2090 to the end of 4000. It was "rise 0.033 -> 1738 over 1991 steps,
    # a climb onto a worse level": the peak as the level, a climb the length of the rest of the run.
    log = tmp_path / "metrics.csv"
    log.write_text(CLIP_OFF.lstrip())
    (ra,) = analyze(log)
    [ev] = ra.metrics[0].events
    tail = ra.run.series("loss").loc[2100:].to_numpy()
    assert ev.kind == "rise" and ev.label == "instability" and 2000 <= ev.start_step <= 2020
    assert ev.after == pytest.approx(np.median(tail), rel=0.2) and ev.end_step <= 2200, (ev.after, ev.end_step)
    text = " ".join(ev.evidence)
    assert "jump onto a worse level that does not come back" in text and "climb over" not in text
    assert "its most extreme logged point 1738 at step 2050" in text, text


def test_a_mean_carried_by_one_bad_batch_is_no_mean_that_did_not_follow(tmp_path):
    # p85: corrupted batches every 200 updates stand x10^5-10^6 above a loss of 0.0003 while clipping holds;
    # clipping off, the run is thrown to ~1 at 1300 for good. One bad batch (107) in the 31 points before
    # the jump carried their mean, and the jump read "unexplained: its mean did not follow (3.443 -> 17.47,
    # within its error), the worst points shrank" though the mean rose x5 and the worst point grew.
    from small_runs import CLIP_OFF_BAD_BATCHES

    log = tmp_path / "train.log"
    log.write_text(CLIP_OFF_BAD_BATCHES.lstrip())
    (ra,) = analyze(log)
    (ev,) = [e for e in ra.metrics[0].events if 1290 <= e.step <= 1310]
    assert ev.kind == "rise" and ev.label == "instability" and ev.confidence >= 0.6, (ev.label, ev.evidence)
    assert not any("what training optimises" in why for why in ev.evidence), ev.evidence


def test_a_drop_of_the_typical_loss_that_the_mean_does_not_follow_is_no_plateau_escape(tmp_path):
    # Inputs scaled x3 halfway through a per-step softmax regression: the median batch loss falls a third
    # and the mean does not (the worst batches grow). It read "plateau_escape, LR constant around the drop".
    (ra,) = analyze(write_inputs_scaled_run(tmp_path / "scaled.csv"))
    [ev] = [e for e in ra.metrics[0].events if 9900 <= e.step <= 10100]
    loss = ra.run.series("loss")
    before, after = loss.loc[7500:9999], loss.loc[10100:12600]
    assert np.median(after) < 0.8 * np.median(before) and after.mean() > 0.9 * before.mean()
    assert ev.kind == "drop" and ev.label == "unexplained", (ev.label, ev.evidence)
    assert any("its mean, what training optimises, did not follow" in x for x in ev.evidence), ev.evidence
    # The same run unscaled: no move at the middle, and none said so.
    (ra,) = analyze(write_inputs_scaled_run(tmp_path / "plain.csv", scale=1.0))
    assert not [e for e in ra.metrics[0].events if 9000 <= e.step <= 11000]


def test_a_training_loss_jump_whose_held_out_loss_got_no_worse_is_no_sure_instability(tmp_path):
    # Ultralytics closes its mosaic augmentation for the last epochs (close_mosaic): the training losses jump
    # +20% onto a level they keep while the held-out losses fall. It read "instability (0.85)" and failed check.
    rng = np.random.default_rng(4)
    cols = ["epoch", "train/box_loss", "train/cls_loss", "train/dfl_loss", "metrics/mAP50(B)", "val/box_loss",
            "val/cls_loss", "val/dfl_loss", "lr/pg0", "lr/pg1", "lr/pg2"]
    rows = []
    for e in range(25):
        closed = 1.25 if e >= 15 else 1.0
        decay = 0.7 + 0.3 * math.exp(-e / 5)
        train = [v * decay * closed * rng.lognormal(0, 0.015) for v in (1.3, 1.4, 1.6)]
        val = [v * math.exp(-e / 25) * rng.lognormal(0, 0.06) for v in (2.0, 2.1, 3.0)]
        lr = 0.01 * (1 - e / 25) if e >= 3 else 0.01 * e / 3
        rows.append([e] + train + [0.8 * (1 - math.exp(-e / 8))] + val + [lr, lr, lr])
    log = tmp_path / "results.csv"
    log.write_text(",".join(f"{c:>23}" for c in cols) + "\n" + "".join(
        ",".join(f"{v:>23.5g}" for v in row) + "\n" for row in rows))
    (ra,) = analyze(log, metrics=["train/box_loss", "train/cls_loss", "train/dfl_loss"])
    for sa in ra.metrics:
        [ev] = sa.events
        assert (ev.kind, ev.step, ev.label) == ("rise", 15, "instability") and ev.confidence < 0.6, (ev, ev.evidence)
        assert any("got no worse across it" in x and DATA_CHANGED in x for x in ev.evidence), ev.evidence
    assert not check([log]).findings


def test_a_training_loss_jump_after_which_the_held_out_loss_reaches_a_new_best_is_no_sure_instability(tmp_path):
    # p77: dropout switched on at epoch 12 throws a training loss x8 while the held-out loss, worse at its
    # first evaluation after (0.153 against 0.128), is at a new best two epochs later and ends 16% under
    # it. Read across its next two evaluations only, it was "instability (0.60)" and failed check.
    from curvedoc.check import check
    from small_runs import DROPOUT_ON

    log = tmp_path / "metrics.csv"
    log.write_text(DROPOUT_ON.lstrip())
    (ra,) = analyze(log)
    [ev] = next(sa for sa in ra.metrics if sa.name == "train_loss").events
    assert (ev.kind, ev.step, ev.label, ev.confidence) == ("rise", 519, "instability", 0.5), ev
    assert any(x.startswith("but val_loss reached a better level after it") and "no setback" in x
               for x in ev.evidence), ev.evidence
    assert not check([log]).findings


def test_a_return_per_episode_turning_rough_as_its_mean_rises_is_no_sure_instability(tmp_path):
    # A DQN snake agent's returns (-10 dying hungry, 7 to 27 eating) spread once it starts to eat (a real log
    # pasted in a repository shows it: mean -9.5 before, +1.4 after). The roughness was an "oscillation" at
    # 0.85 and failed check, while the mean return rose.
    from curvedoc.check import check
    from small_runs import write_episode_returns

    log = write_episode_returns(tmp_path / "training_log.csv")
    (ra,) = analyze(log)
    [ev] = ra.metrics[0].events
    assert (ev.kind, ev.label, ev.confidence) == ("oscillation", "instability", 0.3), (ev, ev.evidence)
    assert 85 <= ev.step <= 100 and any(x.startswith("but its mean rose") for x in ev.evidence), ev.evidence
    assert not check([log]).findings
    # Its best so far beside it (fairseq's valid_best_loss, a loop's best_return) is the running best of the
    # returns, no curve of its own: each new best read as a plateau escaped.
    rows = log.read_text().splitlines()
    best = np.maximum.accumulate([float(r.split(",")[1]) for r in rows[1:]])
    log.write_text("\n".join([rows[0] + ",best_return"] + [f"{r},{b}" for r, b in zip(rows[1:], best)]) + "\n")
    (ra,) = analyze(log)
    assert ra.run.role("best_return") == "other" and [sa.name for sa in ra.metrics] == ["reward"]
    assert not ra.settings and ra.metrics[0].events[0].confidence == 0.3  # nor a setting beside the curve


def test_a_stretch_of_failed_episodes_as_common_as_those_around_it_is_no_sure_instability(tmp_path):
    # REINFORCE on a chain of choices (trained here): its returns per episode fail (-10) on a large share
    # of episodes for hundreds of them, and a few failures in a row read as spikes "back by" their end at
    # 0.6, which failed check.
    from curvedoc.check import check
    from small_runs import write_reinforce_returns

    log = write_reinforce_returns(tmp_path / "progress.csv")
    (ra,) = analyze(log)
    spikes = [e for e in ra.metrics[0].events if e.kind == "spike"]
    assert spikes and all(e.label == "instability" and e.confidence <= 0.5 for e in spikes), \
        [(e.step, e.confidence, e.evidence) for e in spikes]
    assert any("comes about by chance" in x for e in spikes for x in e.evidence)
    assert not check([log]).findings
    # Ten failures in a row late on, where about one episode in eight fails, are no chance run.
    rows = log.read_text().splitlines()
    rows[271:281] = [f"{episode},-10.{episode % 7}" for episode in range(271, 281)]
    log.write_text("\n".join(rows) + "\n")
    (ra,) = analyze(log)
    [collapse] = [e for e in ra.metrics[0].events if e.kind == "spike" and 270 <= e.step <= 281]
    assert collapse.confidence >= 0.6 and not any("by chance" in x for x in collapse.evidence), collapse.evidence


def test_memory_in_use_is_no_setting(tmp_path):
    # torchvision's detection logs print "max mem: 2883" (MB), held over stretches and stepping now and then: read as
    # a setting, its step beside a loss spike lowered the instability to 0.3, "the training data may have changed".
    rng = np.random.default_rng(8)
    steps = np.arange(0, 400)
    loss = 1.2 * np.exp(-steps / 300) * rng.lognormal(0, 0.05, len(steps))
    loss[200:204] *= 4
    mem = np.where(steps < 200, 2852, 2883)
    log = write_csv(tmp_path / "metrics.csv", {"step": steps.tolist(), "loss": loss.round(5).tolist(),
                                               "max_mem": mem.tolist()})
    (ra,) = analyze(log, metrics=["loss"])
    assert not ra.settings
    [ev] = [e for e in ra.metrics[0].events if 195 <= e.step <= 205]
    assert not any("max_mem" in x for x in ev.evidence), ev.evidence
