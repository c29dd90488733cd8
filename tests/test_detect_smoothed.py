"""A smoothed loss (an EMA such as fastai's, a running_loss print) wanders from point to point:
that wander is noise, not a staircase of transitions. Real runs of the labelled sets, smoothed
the way those loggers smooth them."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

import curvedoc
from benchmarks.smoothed import ema
from curvedoc.analysis import analyze_run
from curvedoc.detect import DEFAULT_CONFIG, _segmented, analyze_series

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def series(root: str, name: str) -> tuple[np.ndarray, np.ndarray, dict]:
    folder = BENCH / root / name
    truth = json.loads((folder / "truth.json").read_text())
    (run,) = curvedoc.read(folder / truth["log"])
    s = run.series(truth["metric"]).dropna()
    return s.index.to_numpy(), s.to_numpy(), truth


# Constant-LR and cosine runs (no event in their truth) logged at every few updates.
QUIET = [("holdout", "ho_const_sgd_digits_wandb"), ("holdout", "ho_cosine_adam_teacher_mlflow"),
         ("third", "th_const_adamw_teacher_tb_nolr"), ("fourth", "fo_const_nesterov_teacher_b12_wandb")]


@pytest.mark.parametrize(("root", "name"), QUIET)
def test_the_smoothed_loss_of_a_run_without_events_has_none(root, name):
    steps, values, truth = series(root, name)
    assert truth["no_event"]
    assert not analyze_series(steps, values, truth["metric"]).events
    assert not analyze_series(steps, ema(values, 0.9), truth["metric"]).events


def test_blocks_are_widened_for_wandering_noise_and_only_for_it():
    steps, values, _ = series("holdout", "ho_const_sgd_digits_wandb")
    raw, _, _ = _segmented(steps, np.log(values), DEFAULT_CONFIG)
    assert raw.b == math.ceil(len(values) / DEFAULT_CONFIG.max_blocks)
    smooth, pieces, _ = _segmented(steps, np.log(ema(values, 0.9)), DEFAULT_CONFIG)
    assert smooth.b >= 2 * raw.b
    assert smooth.m >= DEFAULT_CONFIG.decorrelate_min_blocks
    assert pieces[-1].end == smooth.m


def test_the_lr_decays_of_a_smoothed_log_are_still_found():
    folder = BENCH / "corpus" / "sd_teacher_wandb"
    truth = json.loads((folder / "truth.json").read_text())
    (run,) = curvedoc.read(folder / truth["log"])
    s = run.series(truth["metric"]).dropna()
    beta = 0.9
    run.frame.loc[s.index, truth["metric"]] = ema(s.to_numpy(), beta)
    # An EMA delays a step by ln 2 / (1 - beta) points.
    lag = math.log(2) / (1 - beta) * float(np.median(np.diff(s.index.to_numpy())))
    (sa,) = analyze_run(run, metrics=[truth["metric"]]).metrics
    events = sa.events
    for t in truth["events"]:
        assert [e for e in events if e.kind == "drop" and abs(e.step - t["step"]) <= t["tolerance"] + lag], t
    assert len(events) == len(truth["events"])
