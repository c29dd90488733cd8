import json

import numpy as np
import pytest

from curvedoc.errors import CurvedocError
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
    short = np.select([steps <= 500, steps < 600], [0.1 * steps / 500, 0.1], 0.01)
    assert [(c.kind, c.step) for c in schedule_from_series(steps, short, "lr").changes] == \
        [("warmup_end", 500), ("lr_decay", 600)]


def test_user_schedule_and_milestones():
    assert parse_lr_schedule("0.1@0, 0.01@30,0.001@60") == [(0, 0.1), (30, 0.01), (60, 0.001)]
    s = schedule_from_milestones(parse_milestones("30,60"), 0.1)
    assert [(c.step, c.kind, round(c.factor, 6)) for c in s.changes] == [(30, "lr_decay", 0.1), (60, "lr_decay", 0.1)]
    with pytest.raises(CurvedocError):
        parse_lr_schedule("0.1 at 0")
    with pytest.raises(CurvedocError):
        parse_milestones("30,sixty")
