import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from curvedoc.cli import app
from curvedoc.errors import CurvedocError
from curvedoc.readers import read
from curvedoc.schedule import (parse_lr_schedule, parse_milestones, schedule_from_milestones,
                               schedule_from_series)
from realdata import REAL_LOGS, column_pairs, wrn


def test_wide_resnet_step_decays_read_from_the_lr_column():
    d = wrn("wrn_cifar10_wrn40-4")
    s = schedule_from_series(d["epoch"].astype(int), d["lr"], "lr")
    decays = [(c.step, round(c.factor, 3)) for c in s.changes]
    assert decays == [(60, 0.2), (120, 0.2), (160, 0.2)]
    assert s.smooth == []


def test_reduce_lr_on_plateau_float32_artefacts_are_not_changes():
    x, lr = column_pairs(REAL_LOGS / "keras_csvlogger_brats2020" / "training.log", "epoch", "lr")
    s = schedule_from_series(x.astype(int), lr, "lr")
    assert [c.step for c in s.changes] == [4, 8, 13, 16, 18]
    assert all(c.kind == "lr_decay" for c in s.changes)


def test_hf_warmup_then_linear_decay_is_one_warmup_end_and_a_smooth_span():
    log = json.loads((REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json").read_text())["log_history"]
    train = [e for e in log if "learning_rate" in e]
    s = schedule_from_series(np.array([e["step"] for e in train]), np.array([e["learning_rate"] for e in train]),
                             "learning_rate")
    assert [(c.kind, c.step) for c in s.changes] == [("warmup_end", 500)]
    assert len(s.smooth) == 1 and s.smooth[0].shape == "linear"


def test_onecycle_is_warmup_then_smooth_not_a_string_of_decays():
    x, lr = column_pairs(REAL_LOGS / "lightning_yolov3_onecycle_v4" / "metrics.csv", "step", "lr-Adam")
    s = schedule_from_series(x.astype(int), lr, "lr-Adam")
    assert [c.kind for c in s.changes] == ["warmup_end"]
    assert abs(s.changes[0].step - 4649) <= 100
    assert not [c for c in s.changes if c.kind == "lr_decay"]


def test_an_lr_raised_for_a_few_updates_and_put_back_is_no_warmup():
    # The fifth set's brief LR spike: 0.02, then 0.4 for updates 1500-1504, then 0.02 again.
    # Constant until it peaks, it looked like a "constant warmup" ending at 1500.
    steps = np.arange(1, 3121)
    lr = np.where((steps >= 1500) & (steps < 1505), 0.4, 0.02)
    s = schedule_from_series(steps, lr, "train/lr")
    assert [(c.kind, c.step) for c in s.changes] == [("lr_increase", 1500), ("lr_decay", 1505)]
    # A constant warmup the run keeps (0.01 for 400 updates, then 0.1 until a decay at 3000),
    # and a linear one into a decay soon after, are warmups still.
    kept = np.select([steps < 400, steps < 3000], [0.01, 0.1], 0.01)
    assert [c.kind for c in schedule_from_series(steps, kept, "lr").changes] == ["warmup_end", "lr_decay"]
    # Held, raised and put back to the held LR sooner than it was held is a raise undone, not a warmup.
    undone = np.where((steps > 1000) & (steps <= 1600), 0.2, 0.01)
    assert [(c.kind, c.step) for c in schedule_from_series(steps, undone, "lr").changes] == \
        [("lr_increase", 1001), ("lr_decay", 1601)]
    short = np.select([steps <= 500, steps < 600], [0.1 * steps / 500, 0.1], 0.01)
    assert [(c.kind, c.step) for c in schedule_from_series(steps, short, "lr").changes] == \
        [("warmup_end", 500), ("lr_decay", 600)]



def test_a_warmup_is_found_under_a_later_lr_spike_that_stands_higher():
    # A character LM: linear warmup to 3e-3 over 100 updates, one cosine to 2500, and the LR x20
    # for updates 1500-1519. The spike was taken for the warmup's peak: no warmup end, and an
    # "lr_peak" at 331, where the cosine's first moves pass the tolerance.
    steps = np.arange(1, 2501)
    lr = np.where(steps <= 100, 3e-3 * steps / 100, 3e-3 * 0.5 * (1 + np.cos(np.pi * (steps - 100) / 2400)))
    lr = np.where((steps >= 1500) & (steps < 1520), 20 * lr, lr)
    s = schedule_from_series(steps, lr, "train/lr")
    assert [(c.kind, c.step) for c in s.changes] == [("warmup_end", 100), ("lr_increase", 1500), ("lr_decay", 1520)]

def test_user_schedule_and_milestones():
    assert parse_lr_schedule("0.1@0, 0.01@30,0.001@60") == [(0, 0.1), (30, 0.01), (60, 0.001)]
    s = schedule_from_milestones(parse_milestones("30,60"), 0.1)
    assert [(c.step, c.kind, round(c.factor, 6)) for c in s.changes] == [(30, "lr_decay", 0.1), (60, "lr_decay", 0.1)]
    with pytest.raises(CurvedocError):
        parse_lr_schedule("0.1 at 0")
    with pytest.raises(CurvedocError):
        parse_milestones("30,sixty")
    # A step of 5,000 digits blamed the LR ("'0.01' is not a number"): Python's int() refuses it.
    for step in ("9" * 5000, str(2 ** 53 + 1)):
        with pytest.raises(CurvedocError, match=r"^--lr-schedule: steps must be from 0 to 2\^53$"):
            parse_lr_schedule(f"0.1@0,0.01@{step}")
    # Milestones may be epochs (--milestone-unit epoch): "steps must be..." named the wrong unit.
    with pytest.raises(CurvedocError, match=r"^--milestones: milestones must be from 0 to 2\^53$"):
        parse_milestones("-1,30")
    # 1e400 reads as inf: "must be positive numbers" did not say what was wrong with it.
    with pytest.raises(CurvedocError, match=r"^--lr-schedule: learning rates must be positive, finite numbers$"):
        parse_lr_schedule("1e400@0,0.1@30")


ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"


def test_triangular_cyclic_lr_turns_at_each_floor_and_peak():
    # The fifth set's CyclicLR (triangular, 500 updates up, 500 down, 0.0026 to 0.0998), logged
    # every 4 updates. It was read as a warmup and one "exponential" decay over 500-3120.
    [run] = read(BENCH / "fifth" / "fi_cyclic_tri_teacher_wandb" / "wandb")
    lr = run.series("train/lr")
    s = schedule_from_series(lr.index.to_numpy(), lr.to_numpy(), "train/lr")
    assert [(c.kind, c.step) for c in s.changes] == [
        ("warmup_end", 500), ("lr_increase", 1000), ("lr_peak", 1500), ("lr_increase", 2000),
        ("lr_peak", 2500), ("lr_increase", 3000)]
    floor = s.changes[1]
    assert floor.before < 0.003 and floor.after > 0.099  # from the floor to the next peak
    assert [(sp.shape, sp.start, sp.end) for sp in s.smooth] == [
        ("linear", 500, 1000), ("rising", 1000, 1500), ("linear", 1500, 2000), ("rising", 2000, 2500),
        ("linear", 2500, 3000), ("rising", 3000, 3120)]


def test_a_cosine_logged_at_every_update_is_one_cosine_span():
    # Per update over 6240 updates the LR moves by less than 1e-3 from one point to the next over
    # most of the run, so only the steep tail was seen, as a "linear" span from 4389.
    x, lr = column_pairs(BENCH / "corpus" / "cosine_teacher_csv" / "metrics.csv", "step", "lr")
    s = schedule_from_series(x.astype(int), lr, "lr")
    assert s.changes == []
    [span] = s.smooth
    assert span.shape == "cosine" and span.start < 0.25 * x[-1] and span.end == x[-1]


def test_cosine_annealing_run_past_its_t_max_climbs_back_and_says_so():
    # CosineAnnealingLR(T_max=150000, eta_min=1e-4) stepped for 200000 updates: past T_max the
    # LR follows the cosine back up, a common slip when T_max is set in epochs and stepped per update.
    steps = np.arange(1, 200_001)
    lr = 1e-4 + 0.5 * (0.1 - 1e-4) * (1 + np.cos(np.pi * steps / 150_000))
    s = schedule_from_series(steps, lr, "lr")
    [turn] = s.changes
    assert (turn.kind, turn.step) == ("lr_increase", 150_000) and turn.after > 100 * turn.before
    assert [sp.shape for sp in s.smooth] == ["cosine", "rising"]


def test_sgdr_logged_per_epoch_is_one_cosine_per_cycle():
    # Keras per epoch, restarts every 10 epochs: the restarts cut the smooth span, which was read
    # as one "exponential" span over the whole run.
    folder = BENCH / "fourth" / "fo_sgdr_adamw_epoch_keras"
    x, lr = column_pairs(folder / json.loads((folder / "truth.json").read_text())["log"], "epoch", "lr")
    s = schedule_from_series(x.astype(int), lr, "lr")
    assert [(c.kind, c.step) for c in s.changes] == [("lr_increase", 10), ("lr_increase", 20)]
    assert [(sp.shape, sp.start, sp.end) for sp in s.smooth] == [("cosine", 0, 9), ("cosine", 10, 19),
                                                                 ("cosine", 20, 29)]


def test_a_jittering_lr_has_no_turns():
    # An LR written with noise in its last digits (or an adaptive LR logged as it wanders) turns at
    # every point: no cycles, no smooth spans.
    rng = np.random.default_rng(0)
    steps = np.arange(1, 5001)
    s = schedule_from_series(steps, 0.01 * (1 + 2e-4 * rng.standard_normal(5000)), "lr")
    assert s.changes == [] and s.smooth == []


def test_the_header_of_a_many_cycle_schedule_stays_short(tmp_path):
    # 50 triangular cycles: the text header names a few turns and counts the rest; JSON lists all.
    steps = np.arange(1, 20_001)
    lr = 0.001 + 0.1 * np.abs(((steps / 400 + 0.5) % 1) - 0.5)
    rng = np.random.default_rng(1)
    loss = 2.0 * steps**-0.2 * np.exp(0.2 * rng.standard_normal(len(steps)))
    path = tmp_path / "clr.csv"
    pd.DataFrame({"step": steps, "lr": lr, "loss": loss}).to_csv(path, index=False)
    # Wide enough that the header is one line: its length is then the header's, not the wrap's
    # (wrapped at 400 columns, a long temporary path could put the break exactly at 400).
    text = CliRunner().invoke(app, ["analyze", str(path)], env={"COLUMNS": "5000"})
    header = text.stdout.splitlines()[0]
    assert "lr up at 400, 800, 1200, 1600, 2000, ... (49 in all, the last 19600)" in header
    assert "lr peaks at 600, 1000" in header and len(header) - len(str(path)) < 400
    assert "rising 400-600  linear 600-800" in header  # spans meet at the turns, though read on a sample
    doc = json.loads(CliRunner().invoke(app, ["analyze", str(path), "--format", "json"]).stdout)
    kinds = [c["kind"] for c in doc["runs"][0]["schedule"]]
    assert kinds.count("lr_increase") == 49 and kinds.count("lr_peak") == 49


def test_a_warmup_cut_short_by_a_divergence_has_no_end():
    # The sample run warms up towards lr 8.0 over 6000 steps and diverges at 3005; its last logged
    # LR is its highest. That is no warmup end (it was reported at the last step), but a climb.
    run = read(Path(__file__).resolve().parents[1] / "sample_logs" / "unstable_lightning")[0]
    lr = run.series("lr-SGD")
    s = schedule_from_series(lr.index.to_numpy(), lr.to_numpy(), "lr-SGD")
    assert s.changes == []
    [span] = s.smooth
    assert span.shape == "rising" and span.start <= 10 and span.end >= 3200


@pytest.mark.parametrize("power", [1.0, 2.0, 3.0])
def test_polynomial_decay_is_named_with_its_power(power):
    # Hugging Face's get_polynomial_decay_schedule: (lr0 - lr_end) * (1 - progress)^power + lr_end.
    steps = np.arange(1, 3001)
    lr = (1e-3 - 1e-7) * (1 - steps / 3000) ** power + 1e-7
    s = schedule_from_series(steps, lr, "learning_rate")
    assert s.changes == [] and len(s.smooth) == 1
    if power == 1.0:
        assert s.smooth[0].shape == "linear"
    else:  # the span ends where the LR's last moves fall under the tolerance, so near the power
        name, read = s.smooth[0].shape.split(" (power ")
        assert name == "polynomial" and float(read.rstrip(")")) == pytest.approx(power, rel=0.1)


def test_exponential_and_cosine_decays_keep_their_names_beside_the_polynomial():
    steps = np.arange(3000)
    expo = schedule_from_series(steps, 0.1 * 0.999 ** steps, "lr")
    cosine = schedule_from_series(steps, 1e-5 + 0.05 * (1 + np.cos(np.pi * steps / 2999)), "lr")
    assert [sp.shape for sp in expo.smooth] == ["exponential"]
    assert [sp.shape for sp in cosine.smooth] == ["cosine"]


def test_a_smooth_span_starts_where_the_lr_first_moves_not_where_its_moves_pass_the_tolerance():
    # A cosine's first moves, near its top, are smaller than the tolerance for a move: the header
    # said "cosine 301-3000" for one that began at step 1.
    steps = np.arange(1, 3001)
    cosine = 1e-5 + 0.05 * (1 + np.cos(np.pi * (steps - 1) / 2999))
    assert [(sp.shape, sp.start, sp.end) for sp in schedule_from_series(steps, cosine, "lr").smooth] == [
        ("cosine", 1, 3000)]
    # Held constant for 1000 steps first: the span starts where the LR leaves that value.
    held = np.where(steps <= 1000, 0.1, 1e-5 + 0.05 * (1 + np.cos(np.pi * (steps - 1000) / 2000)))
    (span,) = schedule_from_series(steps, held, "lr").smooth
    assert span.shape == "cosine" and 995 <= span.start <= 1010 and span.end == 3000


def test_milestones_in_json_give_factors_not_invented_learning_rates(tmp_path):
    # --milestones says when and by how much, not the LR: the JSON wrote 1.0 -> 0.1, which a
    # consumer cannot tell from logged values. A logged or --lr-schedule LR keeps its values.
    steps = np.arange(3000)
    loss = np.where(steps < 1500, 1.0, 0.5) * (1 + 2 * np.exp(-steps / 300))
    path = tmp_path / "nolr.csv"
    pd.DataFrame({"step": steps, "loss": loss}).to_csv(path, index=False)
    doc = json.loads(CliRunner().invoke(app, ["analyze", str(path), "--milestones", "1500", "--gamma", "0.2",
                                              "--format", "json"]).stdout)
    assert doc["runs"][0]["schedule"] == [{"step": 1500, "kind": "lr_decay", "from": None, "to": None,
                                          "factor": pytest.approx(0.2), "source": "milestones"}]
    doc = json.loads(CliRunner().invoke(app, ["analyze", str(path), "--lr-schedule", "0.1@0,0.02@1500",
                                              "--format", "json"]).stdout)
    [change] = [c for c in doc["runs"][0]["schedule"] if c["kind"] == "lr_decay"]
    assert (change["from"], change["to"], change["source"]) == (pytest.approx(0.1), pytest.approx(0.02), "user")
    assert change["factor"] == pytest.approx(0.2)


def test_epoch_milestones_are_the_schedulers_on_a_log_counting_epochs_from_1(tmp_path):
    # MultiStepLR([20, 35]) stepped per epoch lowers the LR for the 21st epoch (index 20), which a
    # log counting epochs from 1 writes as epoch 21: the decays were placed one epoch early.
    # Where the changes are placed is the test; the loss only has to be a loss.
    loss = 0.1 * np.arange(1, 37) ** -0.5
    path = tmp_path / "history.csv"
    for first in (1, 0):
        pd.DataFrame({"epoch": np.arange(first, first + len(loss)), "train_loss": loss}).to_csv(path, index=False)
        doc = json.loads(CliRunner().invoke(app, ["analyze", str(path), "--milestones", "20,35", "--milestone-unit",
                                                  "epoch", "--format", "json"]).stdout)
        [run] = doc["runs"]
        assert [c["step"] for c in run["schedule"]] == ([21, 36] if first == 1 else [20, 35])
        assert any("counts epochs from 1" in w for w in run["warnings"]) == (first == 1)


def test_epoch_milestones_on_a_log_with_no_epoch_column_take_the_steps_per_epoch():
    # An epoch-stepped MultiStepLR logged to TensorBoard (no epoch column): "--milestone-unit epoch needs an
    # epoch column", exit 2, and no way on. The sample CNN's decays, at epochs 30 and 50 of 46 updates each,
    # are the updates 1381 and 2301, logged at those global steps counted from 1.
    tb = Path(__file__).resolve().parents[1] / "sample_logs" / "cnn_step_decay_tb"
    given = ["analyze", str(tb), "--milestones", "30,50", "--milestone-unit", "epoch"]
    res = CliRunner().invoke(app, given)
    assert isinstance(res.exception, CurvedocError) and str(res.exception).endswith("or --steps-per-epoch N")
    doc = json.loads(CliRunner().invoke(app, given + ["--steps-per-epoch", "46", "--format", "json"]).stdout)
    [run] = doc["runs"]
    assert [(c["step"], c["kind"]) for c in run["schedule"]] == [(1380, "lr_decay"), (2300, "lr_decay")]
    [loss] = [m for m in run["metrics"] if m["name"] == "train/loss"]
    [ev] = [e for e in loss["events"] if e["kind"] == "drop"]
    assert ev["label"] == "lr_decay" and ev["confidence"] >= 0.9 and 1380 <= ev["step"] <= 1420, ev
    # Where the log has its own epochs, those place the schedule, and the option is said as unused.
    samples = tb.parent / "mlp_step_decay" / "metrics.csv"
    doc = json.loads(CliRunner().invoke(app, ["analyze", str(samples), "--milestones", "15,30", "--milestone-unit",
                                              "epoch", "--steps-per-epoch", "100", "--format", "json"]).stdout)
    [run] = doc["runs"]
    assert [c["step"] for c in run["schedule"]] == [2341, 4681]
    assert "--steps-per-epoch not used: the log's own epochs place the schedule" in run["warnings"]
    # Steps per epoch with milestones in steps is a unit confused: refused, not ignored.
    res = CliRunner().invoke(app, ["analyze", str(tb), "--milestones", "1380", "--steps-per-epoch", "46"])
    assert isinstance(res.exception, CurvedocError) and "--milestone-unit epoch" in str(res.exception)
    # Each within range, their product past any step: refused as the steps are, not an internal OverflowError.
    res = CliRunner().invoke(app, given + ["--steps-per-epoch", str(2**62)])
    assert isinstance(res.exception, CurvedocError), res.exception
    assert str(res.exception) == "--steps-per-epoch: epochs x steps per epoch must be from 0 to 2^53"


def test_milestones_given_twice_beyond_the_log_or_beside_a_schedule(tmp_path):
    # MultiStepLR applies a milestone given twice twice: one change of x0.01, not two of x0.1 at one step.
    s = schedule_from_milestones([1500, 1500], 0.1)
    assert [(c.step, round(c.factor, 9)) for c in s.changes] == [(1500, 0.01)]
    steps = np.arange(3000)
    path = tmp_path / "log.csv"
    pd.DataFrame({"step": steps, "lr": np.where(steps < 1500, 0.1, 0.01),
                  "loss": np.where(steps < 1500, 1.0, 0.5) * (1 + 2 * np.exp(-steps / 300))}).to_csv(path, index=False)
    # A milestone past the log's end sets the log's own LR aside for nothing: said.
    doc = json.loads(CliRunner().invoke(app, ["analyze", str(path), "--milestones", "100000", "--format", "json"]).stdout)
    assert "--milestones: 100000 past the log's last step (2999), so nothing there to test" in doc["runs"][0]["warnings"]
    # In epochs, on a log counted in steps: it had been put at the log's last step, "decays at 6240".
    samples = Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv"
    doc = json.loads(CliRunner().invoke(app, ["analyze", str(samples), "--milestones", "15,30,1000000",
                                              "--milestone-unit", "epoch", "--format", "json"]).stdout)
    [run] = doc["runs"]
    assert [c["step"] for c in run["schedule"]] == [2341, 4681]
    assert "--milestones: epoch 1000000 past the log's last epoch (39), so nothing there to test" in run["warnings"]
    # Both ways of giving a schedule at once: one would have been dropped without a word.
    res = CliRunner().invoke(app, ["analyze", str(path), "--milestones", "1500", "--lr-schedule", "0.1@0,0.01@1500"])
    assert isinstance(res.exception, CurvedocError)
    assert str(res.exception) == "give the schedule as --lr-schedule or as --milestones, not both"
    # An empty one (a shell variable left unset) gave no schedule without a word.
    for option in ("--milestones", "--lr-schedule"):
        res = CliRunner().invoke(app, ["analyze", str(path), option, " "])
        assert isinstance(res.exception, CurvedocError) and str(res.exception).startswith(f"{option} is empty")


def test_an_lr_column_with_no_positive_value_is_said_and_read_as_no_lr(tmp_path):
    # The header said "lr from column lr" while every event said "no LR in the log".
    steps = np.arange(300)
    loss = np.where(steps < 150, 1.0, 0.4) * (1 + np.exp(-steps / 30))
    path = tmp_path / "neg.csv"
    pd.DataFrame({"step": steps, "lr": np.where(steps < 150, -0.1, -0.01), "loss": loss}).to_csv(path, index=False)
    out = CliRunner().invoke(app, ["analyze", str(path)], env={"COLUMNS": "200"}).stdout
    assert "no lr in the log" in out.splitlines()[0] and "lr from column" not in out
    assert "lr holds no positive value: read as no LR in the log" in out


def test_a_staircase_of_gamma_08_keeps_every_step_as_logged_to_six_digits():
    # Keras's LearningRateScheduler x0.8 every second epoch, the lr printed with 6 significant
    # digits: 0.00858993 / 0.0107374 = 0.800001, a hair short of the 1.25 step factor, and 4 of
    # the 19 decays were no change at all.
    epochs = np.arange(40)
    lr = np.array([float(f"{0.1 * 0.8 ** (e // 2):.6g}") for e in epochs])
    s = schedule_from_series(pd.Series(epochs), pd.Series(lr), "lr")
    assert [c.step for c in s.changes] == list(range(2, 40, 2))
    assert all(c.kind == "lr_decay" and c.factor == pytest.approx(0.8, rel=1e-4) for c in s.changes)
    assert s.smooth == []


@pytest.mark.parametrize("at,kind", [(300, "warmup_end"), (1380, "warmup_end"), (1500, "lr_increase"),
                                     (2160, "lr_increase")])
def test_a_one_step_raise_after_half_the_run_is_a_raise_not_a_warmups_end(at, kind):
    # 0.01, then 0.3 from step `at` of 3000: a constant warmup ends early (the corpus's end at up
    # to 46% of their runs); an LR held for half the run or more and then raised x30 (a bug, a
    # manual bump) was "warmup ends at 1501", in the header and the JSON alike.
    steps = np.arange(1, 3001)
    lr = np.where(steps <= at, 0.01, 0.3)
    s = schedule_from_series(pd.Series(steps), pd.Series(lr), "lr")
    assert [(c.step, c.kind) for c in s.changes] == [(at + 1, kind)]


def test_the_transformers_inverse_square_root_schedule_is_named_as_such():
    # Linear warmup to 3e-3 over 400 steps, then lr = 3e-3 * sqrt(400 / step) (fairseq's
    # inverse_sqrt): it was called "exponential". A true exponential decay keeps its name.
    steps = np.arange(1, 3001)
    lr = np.where(steps <= 400, 3e-3 * steps / 400, 3e-3 * np.sqrt(400 / steps))
    s = schedule_from_series(pd.Series(steps), pd.Series(lr), "lr")
    assert [c.kind for c in s.changes] == ["warmup_end"]
    assert [sp.shape for sp in s.smooth] == ["inverse square root"]
    lr = np.where(steps <= 400, 3e-3 * steps / 400, 3e-3 * 0.999 ** (steps - 400))
    assert [sp.shape for sp in schedule_from_series(pd.Series(steps), pd.Series(lr), "lr").smooth] == ["exponential"]




def test_a_batch_size_change_is_read_from_the_epoch_lengths_when_no_batch_size_is_logged(tmp_path):
    # Real runs (second set) at constant LR whose batch size grew with no batch-size column: HF
    # logs a fractional epoch, 375 updates each at batch 16, 94 at 64, 24 at 256; Lightning an
    # epoch per row, 200 updates each at batch 40, 40 at 200.
    from curvedoc.analysis import analyze

    for name, metric in (("ho_bs_teacher_hf", "loss"), ("ho_bs_teacher_lightning", "train_loss")):
        truth = json.loads((BENCH / "holdout" / name / "truth.json").read_text())
        (ra,) = analyze(BENCH / "holdout" / name / truth["log"], metrics=[metric])
        grown = [c for c in ra.schedule.changes if c.kind == "batch_size_increase"]
        assert [c.source for c in grown] == ["epochs"] * len(truth["batch_size_changes"])
        for c, (step, before, after) in zip(grown, truth["batch_size_changes"]):
            assert abs(c.step - step) <= 10 and c.factor == pytest.approx(after / before, rel=0.05)
        first = truth["events"][0]
        (e,) = [e for e in ra.metrics[0].events if abs(e.step - first["step"]) <= first["tolerance"]]
        assert e.label == "batch_size_increase"
        assert any("updates per epoch" in ev and "batch size not logged" in ev for ev in e.evidence), e.evidence
    # Only the factor is known: the JSON gives no batch sizes.
    truth = json.loads((BENCH / "holdout" / "ho_bs_teacher_hf" / "truth.json").read_text())
    out = CliRunner().invoke(app, ["analyze", str(BENCH / "holdout" / "ho_bs_teacher_hf" / truth["log"]),
                                   "--format", "json"])
    (change, _) = [c for c in json.loads(out.stdout)["runs"][0]["schedule"] if c["kind"] == "batch_size_increase"]
    assert change["source"] == "epochs" and change["from"] is None and change["to"] is None
    assert change["factor"] == pytest.approx(4, rel=0.05)


def test_runs_of_constant_batch_size_have_no_batch_size_change_read_from_their_epochs():
    # Every labelled run logged per update with an epoch column, and whose batch size never
    # changed: epochs of equal length, up to where the log marks them, and a last epoch cut short.
    from curvedoc.analysis import _epochs, build_schedule

    checked = 0
    for truth_file in sorted(BENCH.glob("*/*/truth.json")):
        truth = json.loads(truth_file.read_text())
        if truth.get("batch_size_changes"):
            continue
        for run in read(truth_file.parent / truth["log"]):
            epochs = _epochs(run)
            if epochs is None or run.step_axis == "epoch":
                continue
            checked += 1
            sched = build_schedule(run, None, epochs)
            assert not [c for c in sched.changes if c.source == "epochs"], truth_file.parent.name
    assert checked >= 30


def test_one_odd_epoch_is_no_batch_size_change():
    # A resumed run whose interrupted epoch was cut short: equal epochs either side of it.
    from curvedoc.schedule import Schedule, add_epoch_lengths

    starts = np.cumsum([100] * 6 + [37] + [100] * 6)
    sched = Schedule()
    add_epoch_lengths(sched, starts, 1.0, "epoch")
    assert sched.changes == []
    # ... while gradient accumulation doubled half way is a change, by the factor only.
    starts = np.cumsum([100] * 6 + [50] * 6)
    add_epoch_lengths(sched, starts, 1.0, "epoch")
    assert [(c.kind, c.step, c.factor) for c in sched.changes] == [("batch_size_increase", int(starts[5]), 2.0)]


def test_an_accumulation_raised_mid_epoch_is_dated_inside_the_epoch_it_straddles():
    # Gradient accumulation 1 -> 8 at update 1001, a third into an epoch of 190 updates: that epoch
    # took 80 (64 at the old pace, 16 at the new), and the change was read nowhere, its drop labelled
    # plateau_escape at 0.8 (probe 28's HF run).
    from curvedoc.analysis import analyze
    from curvedoc.schedule import Schedule, add_epoch_lengths

    lengths = [190] * 5 + [80] + [24] * 8
    starts = np.cumsum([0] + lengths)
    sched = Schedule()
    add_epoch_lengths(sched, starts[1:], 1.0, "epoch")
    [(kind, step, factor)] = [(c.kind, c.step, c.factor) for c in sched.changes]
    assert kind == "batch_size_increase" and factor == pytest.approx(190 / 24) and abs(step - 1014) <= 2
    # Through an HF-like log: loss every 10 updates with the fractional epoch, stuck until the change.
    steps = np.arange(10, starts[-1], 10)
    epoch = np.interp(steps, starts, np.arange(len(starts)))
    rng = np.random.default_rng(4)
    level = np.where(steps < 1014, 1.17, 0.75 + 0.42 * np.exp(-(steps - 1014) / 60))
    frame = pd.DataFrame({"step": steps, "epoch": epoch.round(4), "loss": level * np.exp(rng.normal(0, 0.03, len(steps)))})
    (ra,) = analyze(frame)
    (e,) = ra.metrics[0].events
    assert e.label == "batch_size_increase" and abs(e.step - 1014) <= 40, (e.step, e.label)
    # Read from the fractional epoch between its logged points: the factor and the date as the run had them,
    # not rounded to the logging interval (epochs of 24 updates logged every 10 measure 20 or 30).
    [(step, factor)] = [(c.step, c.factor) for c in ra.schedule.changes if c.kind == "batch_size_increase"]
    assert abs(step - 1014) <= 2 and factor == pytest.approx(190 / 24, rel=0.03)


def test_a_plateau_escape_beside_a_larger_batch_and_a_later_decay_says_both():
    # The second set's Lightning run, its batch grown 5x at step 2404 (read from the epoch
    # lengths), with a decay claimed 96 steps after the drop: the plateau-escape reading names
    # the later decay in place of "LR constant", and the larger batch beside it.
    from curvedoc.analysis import UserSchedule, analyze

    root = BENCH / "holdout" / "ho_bs_teacher_lightning"
    truth = json.loads((root / "truth.json").read_text())
    (ra,) = analyze(root / truth["log"], metrics=["train_loss"], user_schedule=UserSchedule(milestones=[2500]))
    (e,) = [e for e in ra.metrics[0].events if abs(e.step - 2404) <= 10]
    (escape,) = [v for v in e.rule_scores if v.label == "plateau_escape"]
    assert any("but it decays 96 steps later" in x for x in escape.evidence), escape.evidence
    assert "but the batch grew at step 2404" in escape.evidence


def test_an_lr_set_to_zero_is_a_decay_and_a_linear_decay_reaching_zero_is_none():
    # Zeros are left out of the LR's values (read on the log scale); a step to 0 from a constant
    # 0.1 vanished with them, and the drop it made was explained with "LR constant".
    steps = np.arange(400)
    sched = schedule_from_series(steps, np.where(steps < 250, 0.1, 0.0), "lr")
    assert [(c.kind, c.step, c.before, c.after) for c in sched.changes] == [("lr_decay", 250, 0.1, 0.0)]
    # Linear to zero over the run (the Trainer's default schedule): no step anywhere.
    linear = schedule_from_series(steps, 2e-3 * (1 - steps / 399), "learning_rate")
    assert not [c for c in linear.changes if c.kind == "lr_decay"]


def test_an_accumulation_raised_after_two_epochs_counts_the_first_epoch_too():
    # A Lightning run (loss every 10 steps from step 9, epoch 0 first): gradient accumulation
    # 1 -> 8 from the third epoch, 1063 updates an epoch, then 133. Only the epochs after the
    # first were measured, one of them before the change: no batch-size change, and the stuck
    # run's fall once the batch grew had no event.
    from curvedoc.analysis import analyze

    lengths = [1063, 1063] + [133] * 6
    starts = np.cumsum([0] + lengths)
    steps = np.arange(9, starts[-1], 10)
    epoch = np.searchsorted(starts, steps, side="right") - 1
    rng = np.random.default_rng(3)
    level = np.where(steps < starts[2], 2.17, 2.17 * np.exp(-(steps - starts[2]) / 500))
    frame = pd.DataFrame({"step": steps, "epoch": epoch, "train_loss": level * np.exp(rng.normal(0, 0.1, len(steps)))})
    (ra,) = analyze(frame)
    grown = [c for c in ra.schedule.changes if c.kind == "batch_size_increase"]
    assert [(c.source, c.factor == pytest.approx(8, rel=0.05)) for c in grown] == [("epochs", True)]
    assert abs(grown[0].step - starts[2]) <= 10
    (e,) = ra.metrics[0].events
    assert e.label == "batch_size_increase" and abs(e.step - starts[2]) <= 100


def test_a_short_anneal_is_tested_and_labelled_as_a_decay():
    # SWA: the LR held at 0.1, then SWALR anneals it to 0.02 over 100 of 4000 updates (a cosine);
    # the training loss, rising slowly under the high LR, falls 24% within a few hundred updates.
    # The anneal was read as a smooth span only: no test at it, no event, and "LR constant".
    from curvedoc.analysis import analyze

    rng = np.random.default_rng(5)
    steps = np.arange(10, 4001, 10)
    lr = np.where(steps <= 2000, 0.1, np.where(steps >= 2100, 0.02,
                  0.02 + 0.04 * (1 + np.cos(np.pi * (steps - 2000) / 100))))
    after = 1.87 * np.exp(-0.28 * (1 - np.exp(-np.maximum(steps - 2000, 0) / 150)))
    level = np.where(steps <= 2000, 1.85 + 0.02 * steps / 2000, after)
    frame = pd.DataFrame({"step": steps, "train_loss": level * np.exp(rng.normal(0, 0.06, len(steps))), "lr": lr})
    (ra,) = analyze(frame)
    assert [(s.start, s.end, s.shape) for s in ra.schedule.smooth] == [(2000, 2100, "cosine")]
    [ev] = ra.metrics[0].events
    assert ev.kind == "drop" and abs(ev.step - 2000) <= 50 and ev.label == "lr_decay"
    assert any("annealed 0.1 -> 0.02" in line for line in ev.evidence)


def test_a_cooldown_after_the_lr_held_is_tested_as_a_decay_and_a_cosine_after_warmup_is_not():
    # Warmup-stable-decay: the LR held for most of the run, then a linear cooldown over its last fifth.
    # The loss falls as at a step decay, over the cooldown; longer than a tenth of the run, the anneal
    # was read as a smooth span only. The same anneal straight after the warmup is a cosine schedule's
    # whole descent, no decay to test.
    steps = np.arange(1, 2001)
    wsd = np.where(steps <= 50, 0.2 * steps / 50, np.where(steps <= 1600, 0.2, 0.2 * (1 - (steps - 1600) / 400)))
    s = schedule_from_series(steps, wsd, "lr")
    assert [(a.start, a.shape) for a in s.short_anneals(1999)] == [(1600, "linear")]
    cosine = np.where(steps <= 50, 0.2 * steps / 50, 0.1 * (1 + np.cos(np.pi * (steps - 50) / 1950)))
    s = schedule_from_series(steps, cosine, "lr")
    assert [sp.shape for sp in s.smooth] == ["cosine"] and s.short_anneals(1999) == []


def test_a_one_minus_sqrt_cooldown_is_named_so_not_exponential():
    # A warmup-stable-decay run's cooldown as Hägele et al. write it, lr = peak * (1 - sqrt(p)) over its last
    # 15%, logged every 10 steps to its last positive value: read "exponential 1270-1490".
    steps = np.arange(10, 1501, 10)
    p = np.clip((steps - 1275) / 225, 0, 1)
    lr = np.where(steps <= 100, 6e-3 * steps / 100, 6e-3 * (1 - np.sqrt(p)))
    s = schedule_from_series(steps, lr, "learning_rate")
    assert [(sp.start, sp.end, sp.shape) for sp in s.smooth] == [(1270, 1490, "1-sqrt")], s.smooth


def test_an_lr_of_zero_for_one_row_then_back_is_no_decay():
    # 0.1, 0.01 from step 300, one row of 0 at 400, then 0.01 again: "decays at 300, 400" with no
    # raise after it. Zero to the end (a freeze) is still a decay there.
    steps = np.arange(1, 601)
    lr = np.where(steps < 300, 0.1, 0.01)
    once = np.where(steps == 400, 0.0, lr)
    s = schedule_from_series(pd.Series(steps), pd.Series(once), "lr")
    assert [(c.step, c.kind) for c in s.changes] == [(300, "lr_decay")]
    frozen = np.where(steps >= 400, 0.0, lr)
    s = schedule_from_series(pd.Series(steps), pd.Series(frozen), "lr")
    assert [(c.step, c.kind) for c in s.changes] == [(300, "lr_decay"), (400, "lr_decay")]
    # A linear decay stepped once an epoch down to 0 takes its last step at its own pace: no decay at
    # its end, though its rows held still for an epoch before it.
    steps = np.arange(1, 6001)
    s = schedule_from_series(steps, np.maximum(0.1 * (1 - ((steps - 1) // 150) / 39), 0.0), "lr")
    assert s.changes == [] and [sp.shape for sp in s.smooth] == ["linear"]


@pytest.mark.parametrize("part", [0.3, 0.5, 0.7])
def test_a_cosine_cut_short_is_still_a_cosine_and_an_exponential_stays_one(part):
    # A log still being written under a cosine schedule, or a last warm-restart cycle the run
    # stopped in, covers only the start of the arc: it was named "exponential".
    from curvedoc.schedule import _shape

    x = np.linspace(0, 1, 400)
    assert _shape(0.1 * 0.5 * (1 + np.cos(np.pi * part * x)) + 1e-5) == "cosine"
    assert _shape(0.1 * 0.97 ** (400 * part * x)) == "exponential"


def test_a_schedule_stepped_once_an_epoch_is_smooth_not_a_string_of_decays():
    # CosineAnnealingLR stepped each epoch (the sample log's twin of mlp_step_decay): its last eight
    # epochs cut the LR by x0.80 down to x0.25 and were eight "decays" of a run with no cut, and the
    # cosine itself was not seen (the column moves once every 156 rows).
    [run] = read(ROOT / "sample_logs" / "mlp_cosine")
    lr = run.series("lr")
    s = schedule_from_series(lr.index.to_numpy(), lr.to_numpy(), "lr")
    assert s.changes == [] and [sp.shape for sp in s.smooth] == ["cosine"]
    assert s.smooth[0].start <= 157 and s.smooth[0].end >= 6085
    # ExponentialLR(0.75) stepped each of 40 epochs: every step a x0.75 cut, as a decay is.
    steps = np.arange(1, 6001)
    s = schedule_from_series(steps, 0.1 * 0.75 ** ((steps - 1) // 150), "lr")
    assert s.changes == [] and [sp.shape for sp in s.smooth] == ["exponential"]
    # MultiStepLR's cuts, and StepLR's every tenth of the run, stay decays.
    for every in (2000, 600):
        s = schedule_from_series(steps, 0.1 * 0.5 ** ((steps - 1) // every), "lr")
        assert [c.kind for c in s.changes] == ["lr_decay"] * ((6000 - 1) // every), every
    # A x0.1 cut at an epoch's start amid x0.97 steps stands out of them: a decay (it was taken for one
    # more step, and the drop it made read as "no step in the LR").
    steps = np.arange(1, 20001)
    epoch = (steps - 1) // 200
    s = schedule_from_series(steps, 0.1 * 0.97 ** epoch * np.where(epoch >= 60, 0.1, 1.0), "lr")
    assert [(c.kind, c.step) for c in s.changes] == [("lr_decay", 12001)]
    assert [sp.shape for sp in s.smooth] == ["exponential", "exponential"]
    # ReduceLROnPlateau's x0.9 cuts at uneven steps are no stepped schedule: no smooth span across the
    # thousands of steps the LR held between them.
    lr = 0.1 * 0.9 ** np.searchsorted([3000, 7000, 8000, 14000], steps, side="right")
    assert schedule_from_series(steps, lr, "lr").smooth == []


def test_a_group_cut_only_where_the_chosen_one_is_is_not_said_to_change_elsewhere(tmp_path):
    # Lightning's LearningRateMonitor after a backbone is unfrozen at step 190: lr-Adam to 189, then
    # lr-Adam/pg1 (the head, cut x0.1 at 570) and lr-Adam/pg2 (the backbone, warmed up to 304, cut at 570).
    # The warning said pg1 "also changes, at other steps": it changes only where pg2 does.
    from curvedoc.analysis import analyze

    rng = np.random.default_rng(0)
    rows = ["epoch,lr-Adam,lr-Adam/pg1,lr-Adam/pg2,step,train_loss"]
    for step in range(855):
        cut = 0.1 if step >= 570 else 1.0
        head = ("1e-3,,") if step < 190 else f",{1e-3 * cut:g},{min(1e-3, 1e-4 * 1.5 ** ((step - 190) // 19)) * cut:g}"
        rows.append(f"{step // 19},{head},{step},{1.6 * math.exp(-step / 300) * math.exp(0.05 * rng.normal()):.4f}")
    path = tmp_path / "metrics.csv"
    path.write_text("\n".join(rows) + "\n")
    [ra] = analyze(path)
    [warning] = [w for w in ra.run.warnings if "LR columns" in w]
    assert warning == "3 LR columns: the schedule is read from lr-Adam/pg2; lr-Adam, lr-Adam/pg1 set aside"


def test_warm_restarts_stepped_each_epoch_and_logged_every_few_steps_are_cosines():
    # CosineAnnealingWarmRestarts(T_0=10) stepped each epoch of 19 updates, the LR logged every 5th
    # update (Lightning's log_every_n_steps): nine moves a cycle, seen 15 or 20 steps apart. They were
    # "decays at 96, 115, ... (20 in all)", and a loss still falling smoothly an "lr_decay (0.95)".
    steps = np.arange(4, 760, 5)
    epoch = steps // 19
    lr = 0.05 * (1 + np.cos(np.pi * (epoch % 10) / 10))
    s = schedule_from_series(steps, lr, "lr-SGD")
    assert [(c.kind, c.step) for c in s.changes] == [("lr_increase", 194), ("lr_increase", 384), ("lr_increase", 574)]
    assert [sp.shape for sp in s.smooth] == ["cosine"] * 4


def test_gradient_accumulation_is_bookkeeping_and_multiplies_the_batch(tmp_path):
    # A real run whose batch grew 32 -> 128 at constant LR, logged as the accumulation that
    # makes it (HF's gradient_accumulation_steps) instead of the batch size. `grad_accum_steps`
    # had been read as an accuracy ("acc"), with events and a stage table of its own.
    from curvedoc.analysis import analyze
    from curvedoc.detect import guess_higher_is_better
    from curvedoc.run import column_role

    frame = pd.read_csv(BENCH / "corpus" / "bs_teacher_csv" / "metrics.csv")
    frame["gradient_accumulation_steps"] = frame.pop("batch_size") / 32
    log = tmp_path / "metrics.csv"
    frame.to_csv(log, index=False)
    (ra,) = analyze(log)
    assert "gradient_accumulation_steps" not in [m.name for m in ra.metrics]
    grown = [(c.step, c.before, c.after) for c in ra.schedule.changes if c.kind == "batch_size_increase"]
    assert grown == [(3121, 1, 4), (3901, 4, 16)]
    (e,) = [e for m in ra.metrics if m.name == "train_loss" for e in m.events if abs(e.step - 3121) <= 100]
    assert e.label == "batch_size_increase"
    assert any(ev.startswith("gradient accumulation 1 -> 4 (gradient_accumulation_steps) at step 3121: 4x")
               for ev in e.evidence), e.evidence
    # Beside a batch size held constant (the micro-batch), the accumulation still says the change.
    frame["batch_size"] = 32
    frame.to_csv(log, index=False)
    (ra,) = analyze(log)
    assert [(c.step, c.column) for c in ra.schedule.changes if c.kind == "batch_size_increase"] == \
        [(3121, "gradient_accumulation_steps"), (3901, "gradient_accumulation_steps")]
    for name in ("grad_accum_steps", "accumulate_grad_batches", "train/accum_steps", "num_accumulated", "acc_steps"):
        assert column_role(name) == "other", name
    assert not guess_higher_is_better("accumulated_tokens") and guess_higher_is_better("val_acc")


def test_an_lr_toggled_thousands_of_times_has_each_blip_end_found_by_bisection():
    # An LR switched between 0.1 and 0.01 every two steps: 30,000 raises, each put back two steps on. The
    # decays that undo them are each raise's own blip_end, found now without scanning every change per raise
    # (20 s of every analysis of such a log), and asked of one decay alone the same.
    steps = np.arange(1, 120001)
    s = schedule_from_series(steps, np.where((steps // 2) % 2 == 0, 0.1, 0.01), "lr")
    span = float(steps[-1] - steps[0])
    ends = s.blip_ends(span)
    raises = [c for c in s.changes if c.kind == "lr_increase"]
    # Every raise, the first at step 4 too (one move against those either side of it, as each is here).
    assert len(raises) == 30000 and len(ends) == 29999  # the last raises are not put back before the end
    slow = [end for end in (s.blip_end(c, span) for c in raises[:300]) if end is not None]
    assert len(slow) == 300 and all(a is b for a, b in zip(slow, ends))
    decays = [c for c in s.changes if c.kind == "lr_decay"]
    assert not s.ends_blip(decays[0], span) and s.ends_blip(ends[100], span)


def test_an_lr_of_0_throughout_is_said_as_the_run_s_trouble(tmp_path):
    # PaddleSpeech printed "lr: 0.00000000" on every line of a run whose loss never moved (a warmup
    # misconfigured): "holds no positive value: read as no LR" hid that the LR was 0.
    rng = np.random.default_rng(5)
    lines = [f"[2021-07-02 10:{k // 60:02d}:{k % 60:02d}] Train: epoch: 1, step: {k * 100}, lr: 0.00000000, "
             f"loss: {15.2 + 0.3 * rng.standard_normal():.6f}" for k in range(1, 60)]
    path = tmp_path / "train.log"
    path.write_text("\n".join(lines) + "\n")
    out = CliRunner().invoke(app, ["analyze", str(path)], env={"COLUMNS": "200"}).stdout
    assert "lr is 0 at every logged point: nothing trains at an LR of 0; read as no LR in the log" in out, out


def ultralytics_lr(epochs: int = 46, batches: int = 29, lr0: float = 0.001667, total: int = 500) -> np.ndarray:
    """``lr/pg0`` as Ultralytics' trainer logs it once an epoch: a linear warmup over max(3 epochs, 100)
    iterations, toward the LR its linear schedule (to lrf 0.01 at the last epoch) gives each epoch, then
    that schedule; the value at each epoch's last iteration."""
    out = []
    for epoch in range(epochs):
        target = lr0 * ((1 - epoch / total) * 0.99 + 0.01)
        last = batches * (epoch + 1) - 1
        out.append(float(np.interp(last, [0, max(3 * batches, 100)], [0, target])))
    return np.array(out)


def test_a_warmup_whose_top_is_logged_past_its_turn_is_followed_by_the_decay_not_a_rise(tmp_path):
    # YOLOv8's per-epoch LR: 0.00047, 0.00095, 0.00143 on the warmup, 0.00166 at its top (a point past the
    # ramp's turn, whose increment is half the others), then a linear decay. The smooth span started at
    # the warmup's end, the point before the top, and read "rising 3-46"; and the warmup's last logged
    # step (x1.5) was "the end of a constant warmup", in one step.
    lr = ultralytics_lr()
    s = schedule_from_series(np.arange(1, 47), lr, "lr/pg0")
    assert [(c.step, c.kind) for c in s.changes] == [(3, "warmup_end")]
    [span] = s.smooth
    assert (span.start, span.end, span.shape) == (4, 46, "linear") and span.after < span.before
    mAP = np.where(np.arange(1, 47) < 5, 0.33, 0.58) + 0.004 * np.sin(np.arange(46))
    log = tmp_path / "results.csv"
    log.write_text("epoch,lr/pg0,metrics/mAP50-95(B)\n" + "".join(f"{e},{a:.8g},{m:.5f}\n" for e, a, m in
                                                                   zip(range(1, 47), lr, mAP)))
    from curvedoc.analysis import analyze

    [ra] = analyze(log)
    [rise] = ra.metrics[0].events
    assert (rise.step, rise.label, rise.confidence) == (5, "warmup_end", 0.6), (rise, rise.evidence)
    assert not any("constant warmup" in x for x in rise.evidence), rise.evidence


def test_a_decay_that_leaves_a_held_lr_starts_where_the_column_leaves_it():
    # Warmup-stable-decay as transformers' get_wsd_schedule writes it, logged every update: warmup over 2,000,
    # held to 90,000, linear to 0 at 100,000. The span was read on a 500-point sample of the column and started
    # at the sample before the decay: "linear 89949-99999", 51 updates of a held LR counted in.
    steps = np.arange(1, 100_001)
    peak = 3e-4
    lr = np.where(steps < 2000, peak * steps / 2000,
                  np.where(steps <= 90_000, peak, peak * (100_000 - steps) / 10_000))
    s = schedule_from_series(steps, lr, "lr")
    assert [(c.kind, c.step) for c in s.changes] == [("warmup_end", 2000)]
    [span] = s.smooth
    assert (span.start, span.before, span.shape) == (90_000, peak, "linear")
    # Cut to its last 20,000 updates the log reads the same start.
    [span] = schedule_from_series(steps[-20_000:], lr[-20_000:], "lr").smooth
    assert span.start == 90_000
