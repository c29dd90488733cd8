"""A smoothed loss (an EMA such as fastai's, a running_loss print) wanders from point to point:
that wander is noise, not a staircase of transitions. Real runs of the labelled sets, smoothed
the way those loggers smooth them."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

import curvedoc
from benchmarks.smoothed import ema, epoch_means, running_mean
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
    visible = [t for t in truth["events"] if t.get("visible", True)]
    for t in visible:
        assert [e for e in events if e.kind == "drop" and abs(e.step - t["step"]) <= t["tolerance"] + lag], t
    assert len(events) == len(visible)


SMOOTHED_NOTE = "a smoothed log (an exponential moving average"
ANY_SMOOTHED = "a smoothed log ("


@pytest.mark.parametrize("beta", [0.9, 0.98])
def test_an_ema_of_a_real_loss_is_undone_and_its_decay_dated_without_the_lag(beta):
    folder = BENCH / "corpus" / "sd_teacher_wandb"
    truth = json.loads((folder / "truth.json").read_text())
    (run,) = curvedoc.read(folder / truth["log"])
    s = run.series(truth["metric"]).dropna()
    run.frame.loc[s.index, truth["metric"]] = ema(s.to_numpy(), beta)
    (sa,) = analyze_run(run, metrics=[truth["metric"]]).metrics
    [note] = [n for n in sa.notes if n.startswith(SMOOTHED_NOTE)]
    assert abs(float(note.split("beta about ")[1].split(")")[0]) - beta) < 0.05
    # The values it averaged are back: the decay is dated within its own tolerance, with no
    # allowance for the EMA's delay (0.98: 35 points, 175 updates), and nothing else is reported.
    [t] = [t for t in truth["events"] if t.get("visible", True)]
    [e] = sa.events
    assert e.kind == "drop" and abs(e.step - t["step"]) <= t["tolerance"]


def test_fastais_smoothed_loss_logged_in_training_is_read_as_an_ema():
    # The fifth set's run whose CSV holds fastai's debiased EMA (beta 0.98) of the minibatch loss.
    folder = BENCH / "fifth" / "fi_ema_sd_teacher_csv"
    truth = json.loads((folder / "truth.json").read_text())
    (sa,) = analyze_run(curvedoc.read(folder / truth["log"])[0], metrics=[truth["metric"]]).metrics
    assert any(n.startswith(SMOOTHED_NOTE) for n in sa.notes)
    first = truth["events"][0]
    assert [e for e in sa.events if e.kind == "drop" and abs(e.step - first["step"]) <= first["tolerance"]]


@pytest.mark.parametrize(("root", "name"), QUIET + [("corpus", "sd_teacher_csv"), ("corpus", "dln_staircase_csv"),
                                                    ("corpus", "spike_badbatch_csv_gn")])
def test_raw_losses_are_analysed_as_logged(root, name):
    steps, values, truth = series(root, name)
    assert not [n for n in analyze_series(steps, values, truth["metric"]).notes if n.startswith(ANY_SMOOTHED)]


@pytest.mark.parametrize("n", [10, 20, 50])
def test_a_running_mean_is_not_undone_as_an_ema(n):
    # Undone as an EMA, a running mean would echo every move n steps later, reversed.
    steps, values, truth = series("corpus", "sd_teacher_csv")
    sa = analyze_series(steps, running_mean(values, n), truth["metric"])
    assert not [note for note in sa.notes if note.startswith(ANY_SMOOTHED)]


def test_values_held_over_several_steps_are_not_an_ema():
    # A loss logged at every step but updated every fourth (gradient accumulation), or a
    # validation column forward-filled between evaluations.
    steps, values, truth = series("corpus", "sd_teacher_csv")
    held = np.repeat(values[::4], 4)[: len(values)]
    assert not [n for n in analyze_series(steps, held, truth["metric"]).notes if n.startswith(ANY_SMOOTHED)]


@pytest.mark.parametrize("curve", [
    lambda t: 0.1 + 2 * np.exp(-t / 300), lambda t: 0.05 + 3 * (1 + t / 50) ** -0.7, lambda t: np.linspace(2, 0.5, len(t)),
    lambda t: 0.1 + 2 / (1 + np.exp((t - 1000) / 80)),
    lambda t: 2 - t[:300] / 300])  # steps alike to float precision: "undone" as an EMA of beta 0.86
def test_a_noise_free_curve_is_not_an_ema(curve):
    t = np.arange(2000)
    values = curve(t.astype(float))
    assert not [n for n in analyze_series(t[:len(values)], values, "loss").notes if n.startswith(ANY_SMOOTHED)]


def keras_batch_means(values: np.ndarray, per_epoch: int, first: int = 0) -> np.ndarray:
    """What TensorFlow 2 Keras passes per-batch callbacks (W&B's, TensorBoard's): the mean of the
    loss since the epoch began, an epoch starting at every ``per_epoch``-th value from ``first``
    (the benchmark's ``epoch_means``, on steps that put a start there)."""
    return epoch_means(values, np.arange(len(values)) + 1 + (per_epoch - first) % per_epoch, per_epoch)


@pytest.mark.parametrize("first", [0, 37])  # a log that starts at an epoch, or part way into one
def test_keras_per_batch_means_are_undone_exactly(first):
    steps, values, truth = series("corpus", "sd_teacher_csv")
    per_epoch = truth["steps_per_epoch"]
    sa = analyze_series(steps, keras_batch_means(values, per_epoch, first), truth["metric"])
    [note] = [n for n in sa.notes if n.startswith(ANY_SMOOTHED)]
    assert f"a mean since each epoch's start, as Keras logs per batch; epochs of {per_epoch} points" in note
    # Undone exactly: the same events as the log of the raw losses.
    as_logged = analyze_series(steps, values, truth["metric"])
    assert [(e.step, e.kind) for e in sa.events] == [(e.step, e.kind) for e in as_logged.events]


@pytest.mark.parametrize("every", [10, 25])
def test_keras_per_batch_means_logged_every_few_steps_are_undone_to_interval_means(every):
    # Keras's TensorBoard callback with update_freq=N (a W&B logger every N batches) writes the mean since
    # the epoch began every N batches: its resets hid among the sampled steps, and the run's x0.1 decays
    # came with four "plateau escapes" at epoch starts, 0.55 each.
    steps, values, truth = series("corpus", "sd_teacher_csv")
    per_epoch = truth["steps_per_epoch"]
    logged = keras_batch_means(values, per_epoch)
    keep = steps % every == 0
    sa = analyze_series(steps[keep], logged[keep], truth["metric"])
    [note] = [n for n in sa.notes if n.startswith(ANY_SMOOTHED)]
    assert f"logged every {every} steps; epochs of {per_epoch} steps: the mean over each interval" in note, note
    # Read blind (no schedule given), the first decay's fall is found within its first 150 updates, and
    # nothing else is.
    assert [e.kind for e in sa.events] == ["drop"] and 2341 <= sa.events[0].step <= 2341 + 150, sa.events


def test_raw_and_ema_logs_every_few_steps_are_no_epoch_means():
    # The raw losses logged every 10th step, and an EMA of them (whose epochs start lower, examples seen
    # again), keep their readings.
    steps, values, truth = series("corpus", "sd_teacher_csv")
    keep = steps % 10 == 0
    raw = analyze_series(steps[keep], values[keep], truth["metric"])
    assert not any("epoch's start" in n for n in raw.notes)
    smooth = analyze_series(steps[keep], ema(values, 0.9)[keep], truth["metric"])
    assert not any("epoch's start" in n for n in smooth.notes)


@pytest.mark.parametrize("n, every", [(90, 5), (400, 10)])
def test_a_noisy_loss_logged_every_few_steps_is_no_epoch_mean(n, every):
    # A flat loss's steps, shrinking through some made-up epoch of a few points by luck, once read as a mean
    # since the epoch began (one log in a hundred), and its last point, a spike, was rewritten.
    found = 0
    for seed in range(300):
        rng = np.random.default_rng(seed)
        loss = 0.43 * np.exp(rng.normal(0, 0.02, n) - np.arange(n) / n)
        loss[-1] *= 8
        notes = analyze_series(np.arange(every, every * (n + 1), every), loss, "loss").notes
        found += any("epoch's start" in note for note in notes)
    assert found == 0


def test_keras_per_batch_means_of_a_run_without_events_have_none():
    # Every epoch's reset is a jump of the logged means; read as logged, each passed for an event.
    steps, values, truth = series("corpus", "const_sgd_digits_tb")
    assert truth["no_event"]
    logged = keras_batch_means(values, truth["steps_per_epoch"])
    sa = analyze_series(steps, logged, truth["metric"])
    assert any(n.startswith(ANY_SMOOTHED) for n in sa.notes) and not sa.events


def test_a_loss_of_exactly_zero_comes_back_as_zero():
    # A hinge or a masked loss is 0 on many batches. Undone, those zeros carry float error
    # (1e-17); against a spread that small every other batch would be a spike.
    steps, values, truth = series("corpus", "const_sgd_digits_tb")
    hinge = np.where(np.arange(len(values)) % 3 == 0, 0.0, values)
    sa = analyze_series(steps, keras_batch_means(hinge, truth["steps_per_epoch"]), truth["metric"])
    assert any(n.startswith(ANY_SMOOTHED) for n in sa.notes)
    assert [(e.step, e.kind) for e in sa.events] == [(e.step, e.kind) for e in
                                                      analyze_series(steps, hinge, truth["metric"]).events]


def test_an_ema_of_a_loss_blowing_up_is_recovered_at_the_scale_of_each_point():
    # A real LR range test (its loss reaches 1.9e34, then inf) logged as fastai's smooth_loss. The
    # recovered values were rounded to a grid set by the log's largest value: every point before
    # the blow-up came back as 0, and the divergence read "0 -> inf" at the last finite step.
    steps, values, truth = series("corpus", "diverge_lrrange_mlflow")
    (div,) = truth["events"]
    r = analyze_series(steps, ema(values, 0.98), "smooth_loss")
    (ev,) = r.events
    assert ev.kind == "divergence" and abs(ev.step - div["step"]) <= div["tolerance"]
    assert 0.05 < ev.before < 1.0


@pytest.mark.parametrize("beta", [0.9, 0.98])
def test_a_smoothed_loss_that_blows_up_dates_its_run_up_on_the_values_logged(beta):
    # A real run warmed up past the stability limit (holdout set), logged as an EMA. Undone with a
    # smoothing the blow-up itself misleads (read as beta 0.96 for 0.9), the recovered values put
    # the run-up's start at step 44 of a divergence that begins at 1155.
    steps, values, truth = series("holdout", "ho_diverge_warmup_mlp_wandb")
    (div,) = truth["events"]
    lag = math.log(2) / (1 - beta) * float(np.median(np.diff(steps)))
    (ev,) = analyze_series(steps, ema(values, beta), "loss").events
    assert ev.kind == "divergence" and abs(ev.step - div["step"]) <= div["tolerance"] + lag


def test_a_bump_in_a_steady_descent_lands_on_no_new_level():
    # An EMA (beta 0.9) of a per-step loss still falling from 0.04 to 0.002 over the next 500
    # steps: a bump at 440 comes back, and the descent that goes on after it is the curve's own
    # pace, not a sharp fall out of the bump (which a landing needs within the bump's own width).
    steps, values, truth = series("corpus", "spike_badbatch_csv_gn")
    events = analyze_series(steps, ema(values, 0.9), truth["metric"]).events
    assert [e.kind for e in events if 400 <= e.step <= 1000] == ["spike"]


def test_a_smooth_evaluation_curve_is_not_read_as_an_ema():
    # A policy's exact expected return on 2048 fresh contexts, every 10 updates: the policy drifts
    # slowly, so the curve is smooth and its wander correlated, but nothing averaged it. Read as an
    # EMA of beta 0.86 and undone, its rise after an LR raise became +10% in 10 steps.
    rng = np.random.default_rng(14)
    steps = np.arange(10, 3001, 10)
    drift = np.cumsum(rng.normal(0, 0.004, len(steps)))
    ret = 0.7 + 0.1 * (1 - np.exp(-steps / 800)) + drift - np.linspace(0, drift[-1], len(steps))
    assert not any("smoothed log" in n for n in analyze_series(steps, ret, "eval_return").notes)
