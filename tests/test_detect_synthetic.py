"""Invariants of the engine on generated curves: no invented events, units do not matter."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import curvedoc.detect as D
from curvedoc.detect import analyze_series


def power_law(n, noise, seed, start=5.0, floor=0.2):
    rng = np.random.default_rng(seed)
    steps = np.arange(n)
    loss = floor + (start - floor) * (1 + steps / (n / 50)) ** -0.7
    return steps, loss * np.exp(rng.normal(0, noise, n))


@pytest.mark.parametrize("n,noise", [(200, 0.01), (2000, 0.1), (20000, 0.3), (200000, 0.3)])
def test_smooth_power_law_decay_is_not_a_staircase(n, noise):
    steps, loss = power_law(n, noise, seed=n)
    assert analyze_series(steps, loss, "train_loss").events == []


@pytest.mark.parametrize("n", [30, 50])
def test_a_short_steep_calm_exponential_is_not_a_staircase(n):
    # A per-epoch loss falling 6% an epoch under 0.3% noise: each epoch's move is many
    # standard errors, and so is the gap two fitted lines leave between adjacent epochs,
    # but it is the curve's own pace, not a jump.
    for seed in range(10):
        rng = np.random.default_rng(seed)
        epochs = np.arange(1, n + 1)
        loss = np.exp(-epochs / (n / 2)) + 0.1 + rng.normal(0, 0.003, n)
        assert analyze_series(epochs, loss, "loss").events == [], seed


def test_a_step_down_inside_a_steep_exponential_is_found():
    rng = np.random.default_rng(3)
    epochs = np.arange(1, 41)
    loss = (np.exp(-epochs / 20) + 0.1) * np.where(epochs >= 25, 0.7, 1.0) + rng.normal(0, 0.003, 40)
    (e,) = analyze_series(epochs, loss, "loss").events
    assert e.kind == "drop" and e.step == 25


@pytest.mark.parametrize("flat, n", [(200, 20_000), (2_000, 200_000), (10_000, 1_000_000)])
def test_a_short_flat_start_of_a_long_log_still_carries_the_drop_after_it(flat, n):
    # A loss stuck at its initial level for 1% of a long per-step log, then down 75% at once: the
    # flat start fills only a few blocks of a long log, but its hundreds of points are a level.
    rng = np.random.default_rng(n)
    loss = np.where(np.arange(n) < flat, 2.0, 0.5) * np.exp(rng.normal(0, 0.02, n))
    r = analyze_series(np.arange(n), loss, "train_loss")
    (e,) = r.events
    assert e.kind == "drop" and abs(e.step - flat) <= n // 1000 and e.after / e.before == pytest.approx(0.25, rel=0.05)


def test_an_error_rate_counted_on_a_small_eval_set_is_not_read_on_the_log_scale_for_its_zeros():
    # Errors on 200 held-out examples fall to 0.003 on average: the tail reads 0, 0.005, 0.01 (whole
    # examples). Zeros that a printout's rounding made are read on the log scale at half a quantum;
    # these are counts, coarse against the curve (0.5 is 100 quanta), and at half a quantum their
    # tail swung by halvings, read as drops.
    for seed in range(8):
        rng = np.random.default_rng(seed)
        t = np.arange(300)
        err = rng.binomial(200, 0.5 * np.exp(-t / 30) + 0.003) / 200
        r = analyze_series(t, err, "val_error")
        assert (err == 0).sum() > 50 and r.transform == "linear", seed
        assert not [e for e in r.events if e.step > 100], (seed, r.events)


@pytest.mark.parametrize("n", [50, 1000, 50000])
def test_pure_noise_gives_no_transition(n):
    rng = np.random.default_rng(n)
    r = analyze_series(np.arange(n), 1.0 + 0.05 * rng.standard_normal(n), "val_loss")
    assert r.events == []


def test_constant_series_is_a_single_flat_stage():
    r = analyze_series(np.arange(100), np.full(100, 0.5), "loss")
    assert r.events == [] and len(r.stages) == 1 and r.stages[0].plateau


def test_too_short_is_said_not_guessed():
    r = analyze_series(np.arange(3), np.array([3.0, 2.0, 0.1]), "loss")
    assert r.events == [] and "too few points" in r.notes[0]


def step_decay(n, seed, noise=0.1):
    steps, loss = power_law(n, noise, seed)
    for frac in (0.5, 0.75):
        loss[int(frac * n):] *= 0.55
    return steps, loss


@pytest.mark.parametrize("n", [300, 10_000, 1_000_000])
def test_step_decays_found_at_any_length(n):
    steps, loss = step_decay(n, seed=1)
    r = analyze_series(steps, loss, "train_loss")
    drops = [e for e in r.events if e.kind == "drop"]
    assert len(r.events) == 2 and len(drops) == 2
    for e, frac in zip(drops, (0.5, 0.75)):
        assert abs(e.step - frac * n) <= max(2, n // 1000)
        assert -0.55 < e.relative_change < -0.35


@settings(max_examples=15, deadline=None)
@given(scale=st.floats(1e-4, 1e4), shift=st.integers(0, 10**6))
def test_scaling_a_loss_or_shifting_steps_moves_nothing_but_the_numbers(scale, shift):
    steps, loss = step_decay(3000, seed=7)
    base = analyze_series(steps, loss, "loss")
    moved = analyze_series(steps + shift, loss * scale, "loss")
    assert [(e.kind, e.step + shift) for e in base.events] == [(e.kind, e.step) for e in moved.events]
    for a, b in zip(base.events, moved.events):
        assert b.before == pytest.approx(a.before * scale, rel=1e-6)
        assert b.relative_change == pytest.approx(a.relative_change, rel=1e-6)


def test_nan_becomes_a_divergence_event_and_the_rest_is_analysed():
    steps, loss = step_decay(2000, seed=3)
    loss[1500:] = np.nan
    r = analyze_series(steps, loss, "loss")
    assert r.events[-1].kind == "divergence" and r.events[-1].step == 1500
    assert [e.step for e in r.events[:-1]] == [1000]


def test_spike_that_returns_is_a_spike_and_a_jump_that_stays_is_a_rise():
    steps, loss = power_law(5000, 0.05, seed=5)
    spiked = loss.copy()
    spiked[2000:2010] *= 4
    r = analyze_series(steps, spiked, "loss")
    assert [(e.kind, e.step // 10) for e in r.events] == [("spike", 200)]
    risen = loss.copy()
    risen[3000:] *= 2.5
    r = analyze_series(steps, risen, "loss")
    assert [e.kind for e in r.events] == ["rise"] and abs(r.events[0].step - 3000) <= 5


@pytest.mark.parametrize("seed", range(5))
def test_a_per_batch_accuracy_at_one_hundred_percent_throws_no_spikes(seed):
    # Batches of 32 at 99.8% accuracy: 1.0 in 94% of steps, one miss (0.969) in 6%, two now and
    # then. The MAD of such a series is 0, and against it every miss was 8 "standard deviations".
    rng = np.random.default_rng(seed)
    acc = np.concatenate([rng.binomial(32, np.linspace(0.3, 0.998, 300)), rng.binomial(32, 0.998, 2700)]) / 32
    r = analyze_series(np.arange(3000), acc, "train_acc")
    assert not [e for e in r.events if e.kind == "spike"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_rare_outcomes_of_a_discrete_return_are_no_spikes_and_its_collapse_is_found(seed):
    # Per-episode returns of a chain task: 1.0 at the far end, 0.1 at the near end (the policy
    # still explores now and then), 0 on a timeout. After 3,000 episodes the task changes and the
    # return collapses to 0. Every 0.1 episode stood many spreads under a median pinned at 1.0:
    # a hundred "spikes" of one height, an outcome the series takes again and again.
    rng = np.random.default_rng(seed)
    ret = np.concatenate([rng.choice([1.0, 0.1, 0.0], 3000, p=[0.96, 0.03, 0.01]),
                          rng.choice([1.0, 0.1, 0.0], 1000, p=[0.005, 0.015, 0.98])])
    r = analyze_series(np.arange(4000) * 10, ret, "charts/episodic_return")
    assert [(e.kind, e.direction) for e in r.events] == [("drop", "down")], [(e.kind, e.step) for e in r.events]
    assert abs(r.events[0].step - 30000) <= 100


def test_a_dip_of_an_accuracy_pinned_at_one_is_a_spike():
    acc = np.ones(100)
    acc[:10] = np.linspace(0.2, 1.0, 10)
    acc[60] = 0.7
    r = analyze_series(np.arange(100), acc, "train_acc")
    assert [(e.kind, e.step) for e in r.events] == [("spike", 60)]


def test_accuracy_is_linear_and_higher_is_better():
    rng = np.random.default_rng(0)
    acc = np.clip(0.5 + 0.001 * rng.standard_normal(400), 0, 1)
    acc[200:] += 0.2
    r = analyze_series(np.arange(400), acc, "val_accuracy")
    assert r.transform == "linear" and r.higher_is_better
    assert [(e.kind, e.direction) for e in r.events] == [("rise", "up")]


@pytest.mark.parametrize("name, higher", [
    ("val/mIoU", True), ("val_iou", True), ("jaccard_index", True), ("eval/dice_score", True), ("test_f1", True),
    ("val/loss", False), ("train_perplexity", False), ("bpc", False), ("ratio", False), ("mious", False),
    # torchmetrics' and retrieval's scores: a rise of val_auroc after a decay was an "instability".
    ("val_auroc", True), ("val_auprc", True), ("val_mcc", True), ("val/MatthewsCorrCoef", True),
    ("val_cohen_kappa", True), ("ndcg@10", True), ("val_mrr", True), ("spearman_corr", True),
    ("bbox/AP50", True), ("hits@10", True), ("capacity", False), ("gap", False),
    # Keras' snake-cased metric names: MeanIoU, BinaryIoU, CosineSimilarity, LogCoshError, Hinge.
    ("val_mean_io_u_5", True), ("binary_io_u", True), ("cosine_similarity", True), ("logcosh", False),
    ("squared_hinge", False), ("val_poisson", False),
    # A multitask run's cross-entropy term, `ce` beside `mse`: left out, it hid a x129 blow-up.
    ("ce", False), ("val_ce", False), ("train/bce", False), ("xent", False), ("price", False),
    # Generative models' objectives: a VAE logging only its ELBO had every improvement called instability.
    ("log_likelihood", True), ("val_elbo", True), ("avg_log_prob", True), ("logp", True), ("val_ll", True),
    ("neg_log_likelihood", False), ("neg_elbo", False), ("val_neg_ll", False), ("bits_per_dim", False),
    ("bpd", False), ("fid", False), ("lpips", False), ("brier", False), ("ece", False), ("win_rate", True),
    ("pass@1", True), ("all", None), ("cell", None), ("train/recon", False), ("val_recon", False),
    # The rank of the right answer among the candidates: 1 at best (mean reciprocal rank is a score).
    ("train_acc_mean_pos", False), ("val/mean_rank", False), ("median_rank", False), ("MedR", False),
    ("mean_reciprocal_rank", True),
    # An array's name after its dtype (np_f16be.npy) was an F1 score: its loss falling, a drop in a score.
    ("np_f16be", None), ("loss_f16", False), ("f1_macro", True),
    # HER's progress.csv: a success rate read as a loss "ran away: ends at 0.0083, 10x its best" as it rose.
    ("train/success_rate", True), ("test/success_rate", True), ("successes", True),
    # pycocotools' statistics by object size and detections kept: bbox/APs, segm/ARl, AR100.
    ("bbox/APs", True), ("test_bbox/APm", True), ("segm/ARl", True), ("bbox/AR100", True), ("ar1", True),
    ("arm_length", None), ("apple", None),
    # spaCy's training table: ENTS_F/P/R, SENTS_F, DEP_UAS, DEP_LAS, CATS_MACRO_F beside its LOSS_NER.
    ("ENTS_F", True), ("ents_p", True), ("SENTS_R", True), ("DEP_UAS", True), ("DEP_LAS", True),
    ("CATS_MACRO_F", True), ("LOSS_NER", False), ("classes", None)])
def test_the_better_direction_read_from_the_name(name, higher):
    # A segmentation run's mean IoU was left out of the analysis, and read as a loss when named.
    assert D.guess_higher_is_better(name) is bool(higher)
    unknown = ("ratio", "mious", "capacity", "gap", "price")
    assert D.known_direction(name) is (higher is not None and name not in unknown)


def test_sustained_oscillation_is_one_event_not_a_string_of_spikes():
    steps, loss = power_law(10_000, 0.02, seed=11)
    wobble = loss.copy()
    wobble[6000:] *= np.exp(0.4 * np.sin(np.arange(4000) * 2.1))
    r = analyze_series(steps, wobble, "loss")
    osc = [e for e in r.events if e.kind == "oscillation"]
    assert len(osc) == 1 and abs(osc[0].step - 6000) <= 100
    assert not [e for e in r.events if e.kind == "spike"]


def test_noise_shrinking_after_a_decay_is_not_an_oscillation_before_it():
    steps, loss = power_law(10_000, 0.3, seed=12)
    loss[5000:] = loss[5000:] ** 1.0 * 0.5 * np.exp(-0.25 * np.log(loss[5000:] / loss[5000:].mean()) * 0)
    assert not [e for e in analyze_series(steps, loss, "loss").events if e.kind == "oscillation"]


def test_a_noise_free_step_between_two_values_is_a_drop_not_rounding():
    # Two distinct values, switched between once: their difference is the step itself,
    # not the quantum of a rounded log (which flickers between neighbouring values).
    steps = np.arange(120)
    r = analyze_series(steps, np.where(steps < 60, 2.0, 0.5), "loss")
    assert [(e.step, e.kind) for e in r.events] == [(60, "drop")]
    r = analyze_series(steps, np.where((steps >= 50) & (steps < 52), 5.0, 0.5), "loss")
    assert [(e.step, e.kind) for e in r.events] == [(50, "spike")]
    # Flicker between two rounded values is still rounding.
    flicker = np.where(np.random.default_rng(0).random(120) < 0.5, 0.0012, 0.0013)
    assert analyze_series(steps, flicker, "loss").events == []


def per_batch_accuracy(p, batch, seed):
    """The share of a minibatch of ``batch`` examples classified right: k/batch, as logged per step."""
    return np.random.default_rng(seed).binomial(batch, p) / batch


@pytest.mark.parametrize("seed", range(3))
def test_a_per_batch_accuracy_in_steps_of_a_32nd_shows_its_decay(seed):
    # An LR cut x0.1 at step 1500 lifts the accuracy of each 32-example minibatch from 0.80 to 0.87:
    # 2.2 quanta of 1/32, under per-step noise of 2.3 quanta. Taken for a rounding of at most three
    # quanta, it went unreported; the noise dithers the grid, and levels read on hundreds of steps
    # resolve the move.
    steps = np.arange(3000)
    p = np.where(steps < 1500, 0.80 - 0.3 * np.exp(-steps / 200), 0.87 - 0.07 * np.exp(-(steps - 1500) / 20))
    r = analyze_series(steps, per_batch_accuracy(p, 32, seed), "train_acc", schedule_steps=[(1500, True)])
    assert [(e.kind, e.direction) for e in r.events] == [("rise", "up")]
    assert 1500 <= r.events[0].step <= 1560


@pytest.mark.parametrize("batch", [8, 32])
def test_a_per_batch_accuracy_with_no_event_stays_quiet(batch):
    steps = np.arange(3000)
    for seed in range(5):
        flat = analyze_series(steps, per_batch_accuracy(np.full(3000, 0.75), batch, seed), "train_acc")
        rising = analyze_series(steps, per_batch_accuracy(0.5 + 0.4 * (1 - np.exp(-steps / 750)), batch, seed),
                                "train_acc")
        assert flat.events == [] and rising.events == []


# The first 20 per-step losses of a real run (SGD with momentum on an MSE loss, teacher-student):
# down, back up over steps 3-5 as momentum overshoots, then down again.
MOMENTUM_START = [0.0661, 0.0187, 0.0167, 0.0320, 0.0518, 0.0542, 0.0198, 0.0371, 0.0287, 0.0224, 0.0198, 0.0163,
                  0.0240, 0.0169, 0.0251, 0.0118, 0.0184, 0.0160, 0.0115, 0.0147]


def test_the_first_swings_of_a_run_are_no_spike():
    # The level a spike leaves from must be there before it: at step 5 there was none yet, and the
    # overshoot read as a +300% spike off a "level" of 0.014 that the run had not reached, which
    # made `check` fail.
    steps = np.arange(3000)
    for seed in range(10):
        loss = 0.016 * (1 + steps / 100) ** -0.3 * np.exp(0.25 * np.random.default_rng(seed).standard_normal(3000))
        loss[:20] = MOMENTUM_START
        assert analyze_series(steps, loss, "loss").events == [], seed


def test_a_wobble_before_a_decay_that_calms_the_noise_is_no_spike():
    # A held-out loss logged every 50 steps swings by 0.12 until an LR decay at 1500, then sits
    # still. Read on a window half over the calm stretch, an ordinary swing just before the decay
    # stood "14x the noise" and `check` failed the run (13 of 30 such logs).
    at = np.arange(49, 3000, 50)
    for seed in range(10):
        rng = np.random.default_rng(seed)
        val = np.where(at < 1500, -1.80 + 0.12 * rng.standard_normal(len(at)), -2.13 + 0.01 * rng.standard_normal(len(at)))
        r = analyze_series(at, val, "val_loss", higher_is_better=False, schedule_steps=[(1500, True)])
        assert all(e.kind != "spike" and e.direction == "down" for e in r.events), seed


def _clean_curves(n):
    i = np.arange(n, dtype=float)
    return {"power law with a floor": 2.0 / (i + 1) + 0.1,
            "exponential": 2.0 * np.exp(-i / (n / 5)) + 0.05,
            "fast exponential": 2.0 * np.exp(-i / (n / 30)) + 0.05,
            "steep power law": 2.0 / (i + 1) ** 2 + 0.05}


@pytest.mark.parametrize("n", [30, 80, 300, 3000])
def test_a_noise_free_decelerating_curve_has_no_transition(n):
    # Full-batch training or a smoothed validation curve: no noise at all. Lines fitted
    # either side of its bend part by many times their tiny residuals; that is no jump.
    for name, loss in _clean_curves(n).items():
        assert analyze_series(np.arange(n), loss, "loss").events == [], name
        acc = 1 - 0.9 * loss / loss[0]
        assert analyze_series(np.arange(n), acc, "accuracy").events == [], name


@pytest.mark.parametrize("n", [30, 80, 300, 3000])
def test_a_noise_free_cut_on_a_decelerating_curve_is_found(n):
    c = n // 2
    for name, loss in _clean_curves(n).items():
        cut = np.where(np.arange(n) >= c, 0.6 * loss, loss)
        events = analyze_series(np.arange(n), cut, "loss").events
        assert [(e.kind, e.step) for e in events] == [("drop", c)], name


@pytest.mark.parametrize("n", [10, 20, 30, 50, 1000])
def test_a_straight_line_has_no_transition(n):
    # Straight in step is curved in log(step), the segmentation's axis: lines fitted there
    # part at their boundaries, but the data keep one pace throughout.
    i = np.arange(n, dtype=float)
    for name, values, metric in (("negative log-likelihood", -1 - i, "loss"), ("loss", 3 - 2 * i / n, "loss"),
                                 ("accuracy", 0.1 + 0.8 * i / n, "accuracy"), ("reward", i, "reward")):
        assert analyze_series(np.arange(n), values, metric).events == [], name


@pytest.mark.parametrize("n", [50, 100, 400])
def test_noise_free_spike_and_jump_are_what_they_are(n):
    i = np.arange(n, dtype=float)
    curve = 2.0 / np.sqrt(i + 1) + 0.2
    spiked = curve.copy()
    spiked[int(0.6 * n)] *= 4
    assert [(e.kind, e.step) for e in analyze_series(np.arange(n), spiked, "loss").events] == \
        [("spike", int(0.6 * n))]
    jumped = curve * np.where(i >= 0.7 * n, 3.0, 1.0)
    assert [(e.kind, e.step) for e in analyze_series(np.arange(n), jumped, "loss").events] == \
        [("rise", int(0.7 * n))]


def test_a_long_rolling_median_stays_within_a_tenth_of_the_noise_of_the_exact_one():
    """Past SAMPLE_LIMIT points the spike baseline is a rolling median of group medians: off from
    pandas' exact one by a small share of the point noise away from level shifts, and equal to it
    on shorter series."""
    import pandas as pd

    rng = np.random.default_rng(3)
    n = 4 * D.SAMPLE_LIMIT
    x = rng.standard_normal(n) + np.repeat([0.0, -3.0, -4.0, -4.5], n // 4)
    exact = pd.Series(x).rolling(2001, center=True, min_periods=1).median().to_numpy()
    off = np.abs(D._rolling_median(x, 2001) - exact)
    far = np.ones(n, dtype=bool)
    for k in (1, 2, 3):
        far[k * n // 4 - 1001: k * n // 4 + 1001] = False
    assert off[far].max() < 0.15 and off[far].mean() < 0.03
    short = x[: D.SAMPLE_LIMIT]
    head = pd.Series(short).rolling(2001, center=True, min_periods=1).median().to_numpy()
    assert np.array_equal(D._rolling_median(short, 2001), head)


@pytest.mark.parametrize("width", [1, 2, 3, 50, 51, 1000])
def test_row_medians_are_numpys_medians_to_the_bit(width):
    """The medians of a long log's groups and windows, read with one partition, are np.median's
    own, on even rows (the mean of the two middle values), on ties, on strided views, and in place."""
    rng = np.random.default_rng(width)
    for rows in (rng.standard_normal((200, width)) * 1e-7, np.round(rng.standard_t(2, (200, width)), 1),
                 np.lib.stride_tricks.sliding_window_view(rng.exponential(size=3000), width)[::11]):
        want = np.median(rows, axis=1)
        assert np.array_equal(D._row_medians(rows), want)
        strided = np.repeat(rows, 2, axis=1)[:, ::2].copy(order="F")
        assert np.array_equal(D._row_medians(strided, overwrite=True), want)


def test_schedule_windows_on_whole_steps_are_those_of_the_exact_bounds():
    """The windows around a schedule change are searched on whole steps (no copy of the step column
    as floats), and hold the points a search for the fractional bounds finds."""
    config = D.DEFAULT_CONFIG
    steps = np.arange(0, 30_004, dtype=np.int64)  # a span of 30,003 steps: fractional windows
    for step, bounds in ((10_500, [10_500]), (10_503, [3_001, 10_503, 12_000]), (28_003, [28_003])):
        lo, hi = D._change_window(bounds, step, float(steps[-1] - steps[0]), config)
        assert lo != int(lo) and hi != int(hi) or len(bounds) > 1
        f0, f1, f2 = (int(i) for i in np.searchsorted(steps.astype(np.float64), [lo, step, hi]))
        floor = int(np.searchsorted(steps, max([b for b in bounds if b < step], default=steps[0])))
        ceil = int(np.searchsorted(steps, min([b for b in bounds if b > step], default=steps[-1] + 1)))
        want = (max(min(f0, f1 - config.scheduled_min_points), floor), f1,
                min(max(f2, f1 + config.scheduled_min_points), ceil))
        assert D._schedule_windows(steps, bounds, step, config) == want


def test_the_window_of_a_schedule_change_reaches_its_neighbours_found_by_bisection():
    """Each change's window stops at the changes either side, read by bisection of the sorted
    changes: a scan of all of them for each (an LR column set to 0 and back 71,000 times in a
    10^6-row log) took 13 minutes."""
    rng = np.random.default_rng(5)
    config = D.DEFAULT_CONFIG
    for _ in range(200):
        bounds = sorted(set(rng.integers(-50, 5_000, rng.integers(1, 40)).tolist()))
        step = int(rng.choice(bounds)) if rng.random() < 0.8 else int(rng.integers(-60, 5_100))
        span = float(rng.uniform(10, 20_000))
        lo = max([b for b in bounds if b < step] + [step - config.scheduled_window * span])
        hi = min([b for b in bounds if b > step] + [step + config.scheduled_window * span])
        assert D._change_window(bounds, step, span, config) == (lo, hi)


def test_one_bad_evaluation_near_a_decay_is_a_spike_and_leaves_the_decay_where_it_is(tmp_path):
    # A held-out loss evaluated every 1,000 steps of a 100,000-step run (probe36): level about 0.39,
    # one evaluation x5 at 55,000 (a corrupted batch just before it), the LR cut x0.1 at 60,001 and
    # the loss 15% lower from the next evaluation. The x5 point was no spike, and the decay's drop
    # was dated at its return, 56,000 "over 10,001 steps".
    import pandas as pd

    from curvedoc.analysis import analyze

    rng = np.random.default_rng(36)
    steps = np.arange(1_000, 100_001, 1_000)
    val = np.where(steps <= 60_000, 0.39, 0.33) * np.exp(rng.normal(0, 0.05, len(steps)))
    val[steps == 55_000] = 2.02
    path = tmp_path / "run.csv"
    pd.DataFrame({"step": steps, "lr": np.where(steps <= 60_000, 0.1, 0.01), "val_loss": val}).to_csv(path, index=False)
    (ra,) = analyze(path)
    found = [(e.step, e.kind, e.label) for e in ra.metrics[0].events]
    assert (55_000, "spike", "instability") in found and (61_000, "drop", "lr_decay") in found, found


def test_no_escape_within_the_noise_of_the_levels_it_is_read_between():
    # A real held-out loss under OneCycle (probe36, W&B, every 50 of 3,000 steps): noisy at 0.1-0.17
    # through the LR's peak, then down to 0.03. The stretch 450-650 was an escape "0.1167 -> 0.0834
    # over 201 steps, 1 standard errors", dated where the loss went up.
    val = [1.2568, 0.2452, 0.1709, 0.1568, 0.1342, 0.1146, 0.1302, 0.1198, 0.1058, 0.1639,
           0.1648, 0.1654, 0.0834, 0.05, 0.0951, 0.1016, 0.0811, 0.0994, 0.099, 0.1427,
           0.1311, 0.1733, 0.056, 0.0585, 0.0454, 0.044, 0.0425, 0.0435, 0.0427, 0.0425,
           0.0404, 0.0389, 0.0389, 0.0368, 0.0361, 0.0361, 0.0348, 0.0354, 0.0339, 0.0347,
           0.033, 0.0321, 0.0331, 0.032, 0.0313, 0.032, 0.0312, 0.0314, 0.0313, 0.0314,
           0.0318, 0.0315, 0.0317, 0.0317, 0.0315, 0.0315, 0.0315, 0.0315, 0.0315, 0.0315]
    events = analyze_series(np.arange(50, 3001, 50), np.array(val), "val_loss").events
    assert [(e.step, e.kind) for e in events] == [(1150, "drop")]
    assert all(e.size_noise >= 3 for e in events)


def test_a_loss_blown_up_from_its_first_points_and_brought_back_by_an_lr_cut_is_a_rise(tmp_path):
    # An LR too large with no clipping (probe37): the loss falls for eight steps, then climbs x250
    # by step 225 and wanders there until the LR is cut x0.02 at 1501, down to chance. The climb
    # had no still stage before it to be parted from, and only the cut's drop was reported.
    import pandas as pd

    from curvedoc.analysis import analyze

    rng = np.random.default_rng(7)
    steps = np.arange(1, 3001)
    z = np.where(steps <= 8, np.log(1.3) - (steps - 1) / 7 * np.log(1.3 / 0.4),
                 np.log(0.4) + np.clip((steps - 8) / 217, 0, 1) * np.log(100 / 0.4))
    z = np.where(steps > 1500, np.log(2.4), z) + np.where(steps > 225, 0.3, 0.1) * rng.standard_normal(len(steps))
    path = tmp_path / "run.csv"
    pd.DataFrame({"step": steps, "lr": np.where(steps <= 1500, 0.5, 0.01), "train_loss": np.exp(z)}).to_csv(
        path, index=False)
    (ra,) = analyze(path)
    (climb, cut) = ra.metrics[0].events
    assert (climb.kind, climb.label, cut.step, cut.label) == ("rise", "instability", 1501, "lr_decay")
    assert climb.step < 100 and 50 < climb.after < 200  # the level it held, not its highest point
    stages = ra.metrics[0].stages
    assert all(a.end < b.start for a, b in zip(stages, stages[1:])) and stages[0].start == 1
    # A term of an objective (a VAE's KL) grows from near zero as the encoder learns: the same climb
    # under its name is no blow-up.
    assert all(e.direction == "down" for e in analyze_series(steps, np.exp(z), "train/kl").events)


@pytest.mark.parametrize("count", [5, 300, 20_000])
def test_the_spread_before_a_point_is_the_median_of_the_half_window_ending_there(count):
    """A few hot points are read on views of their windows, many in one rolling pass: both are the
    plain median of the half window ending at each point; nearer the start, of the points before it,
    SPREAD_BEFORE_MIN at least, and 0 with fewer."""
    rng = np.random.default_rng(count)
    absdev = np.abs(rng.standard_t(3, size=50_000))
    at = np.sort(rng.choice(len(absdev), count, replace=False))
    at[0], at[1] = D.SPREAD_BEFORE_MIN - 1, 7  # too few points before it; inside the first half window
    at = np.unique(at)
    want = [1.4826 * float(np.median(absdev[i - 1000: i + 1])) if i >= 1000
            else 1.4826 * float(np.median(absdev[:i])) if i >= D.SPREAD_BEFORE_MIN else 0.0 for i in at]
    assert np.array_equal(D._spread_before(absdev, at, 2001), want)


def test_a_spike_that_relaxes_slowly_is_one_event_with_its_tail():
    # A pretraining-like loss (fast early fall, then a power law; 3% per-step noise) knocked up x3
    # at step 50,000 and relaxing back over ~150-step time constant. The noise on the slow tail
    # crossed the spike bar five more times, each reported as a spike of its own.
    rng = np.random.default_rng(5)
    steps = np.arange(1, 100_001)
    noise = np.exp(0.03 * rng.standard_normal(len(steps)))
    loss = (2.2 + 8.6 * np.exp(-steps / 400) + 3.0 * (steps / 1000 + 1) ** -0.5) * noise
    knocked = loss * np.where(steps >= 50_000, 1 + 2.0 * np.exp(-(steps - 50_000) / 150), 1.0)
    [spike] = analyze_series(steps, knocked, "train/loss").events
    assert spike.kind == "spike" and abs(spike.step - 50_000) <= 5
    assert spike.end_step - spike.start_step > 150 and spike.after / spike.before > 2.5
    # Two bad batches 40 steps apart, the second the taller: the second is no tail of the first.
    twice = loss * np.where((steps == 60_000), 3.0, 1.0) * np.where((steps == 60_040), 5.0, 1.0)
    events = analyze_series(steps, twice, "train/loss").events
    assert sorted(e.step for e in events if e.kind == "spike") == [60_000, 60_040]


def test_heavy_tailed_minibatch_noise_is_not_a_string_of_spikes():
    # Student-t noise with 3 degrees of freedom on the log of a per-step loss passes 8 local
    # spreads every few hundred steps: 30,000 steps threw dozens of "spikes". A point is a
    # spike only if the noise's own tail (its excursions past 3 and 4 spreads) does not
    # expect one as high in a run this long.
    rng = np.random.default_rng(0)
    steps = np.arange(1, 30_001)
    heavy = 2 * steps**-0.3 * np.exp(0.15 * rng.standard_t(3, len(steps)))
    assert len([e for e in analyze_series(steps, heavy, "loss").events if e.kind == "spike"]) <= 1
    # Lighter tails (5 degrees) leave room above the noise: two bad batches of x30 are found,
    # and nothing else.
    light = 2 * steps**-0.3 * np.exp(0.15 * rng.standard_t(5, len(steps)))
    light[[9000, 21000]] *= 30
    events = analyze_series(steps, light, "loss").events
    assert [(e.kind, e.step) for e in events] == [("spike", 9001), ("spike", 21001)]
    # Gaussian noise: a x4 bad batch (9 spreads) is still a spike at 10^5 steps.
    steps = np.arange(1, 100_001)
    loss = 2 * steps**-0.3 * np.exp(0.15 * rng.standard_normal(len(steps)))
    loss[[30_000, 70_000]] *= 4
    events = analyze_series(steps, loss, "loss").events
    assert [(e.kind, e.step) for e in events] == [("spike", 30_001), ("spike", 70_001)]


def test_a_loss_near_zero_scattering_over_decades_does_not_blow_up():
    # A memorised training set (a dropout-free MLP, logged every 10 steps): after the fall the
    # per-step loss scatters between 1e-5 and 1e-2 about 1e-3. Its luckiest three points and its
    # last three are 10x apart by chance; against the calm descent's noise that read as
    # "a jump onto a worse level that does not come back", and `check` failed. 7 seeds of 40 did.
    for seed in range(40):
        rng = np.random.default_rng(seed)
        steps = np.arange(9, 2000, 10)
        k = np.arange(len(steps))
        v = np.where(k < 80, 0.27 * np.exp(0.05 * rng.standard_normal(len(k))),
                     1e-3 * np.exp(1.1 * rng.standard_normal(len(k))))
        sa = analyze_series(steps, v, "train_loss")
        assert not [e for e in sa.events if e.kind in ("rise", "divergence")], seed
        # The same loss blowing up over its last 20 points (an LR raised too far) is found, and
        # dated inside the climb, not among the noise before it.
        v[-20:] *= np.exp(np.linspace(0.5, 9, 20))
        sa = analyze_series(steps, v, "train_loss")
        assert [e for e in sa.events if e.direction == "up" and steps[-20] <= e.step <= steps[-8]], seed


@pytest.mark.parametrize("seed", range(3))
def test_a_few_bad_batches_in_a_row_under_heavy_minibatch_noise_are_one_spike(seed):
    # A small net's per-step loss near convergence swings x4 from batch to batch (0.7 in log);
    # five batches of random labels knock it up x20 each, 4-5 spreads: no point reaches the
    # single-point bar of 8, and the run was missed. Such noise hardly ever puts five points
    # in a row past half their height; heavier-tailed noise puts two or three there now and
    # then, and they stay noise.
    rng = np.random.default_rng(seed)
    steps = np.arange(1, 8001)
    loss = (0.15 + 2 * np.exp(-steps / 300)) * np.exp(0.7 * rng.standard_normal(len(steps)))
    bad = loss.copy()
    for at in (3000, 6000):
        bad[at:at + 5] = 4.0 * np.exp(0.2 * rng.standard_normal(5))
    spikes = [e for e in analyze_series(steps, bad, "loss").events if e.kind == "spike"]
    assert [(e.start_step, e.end_step) for e in spikes] == [(3001, 3005), (6001, 6005)]
    assert [e for e in analyze_series(steps, loss, "loss").events if e.kind == "spike"] == []
    steps = np.arange(1, 30_001)
    heavy = 2 * steps**-0.3 * np.exp(0.15 * rng.standard_t(3, len(steps)))
    runs = [e for e in analyze_series(steps, heavy, "loss").events if e.kind == "spike" and e.end_step > e.start_step]
    assert runs == []  # (a single point tall enough alone is the tail test's business, tested above)


@pytest.mark.parametrize("noise,width", [(0.05, 400), (0.2, 200), (0.2, 400)])
def test_a_bump_then_a_fall_well_below_is_a_spike_and_a_drop(noise, width):
    # A per-step loss at 0.2 knocked up to 0.4 for a few hundred steps, then falling to 0.05 and
    # staying there (a larger batch: a brief upset, then far less gradient noise). The bump comes
    # back, so it is a wide spike; the fall past where it left from is a drop of its own, not
    # the spike's recovery.
    rng = np.random.default_rng(0)
    steps = np.arange(1, 10_001)
    level = np.where(steps < 5000, 0.2, np.where(steps < 5000 + width, 0.4, 0.05))
    loss = level * np.exp(noise * rng.standard_normal(len(steps)))
    events = analyze_series(steps, loss, "loss").events
    assert [e.kind for e in events] == ["spike", "drop"]
    spike, drop = events
    assert abs(spike.step - 5000) <= 10 and spike.after / spike.before > 1.8
    assert abs(drop.step - (5000 + width)) <= 20 and drop.after == pytest.approx(0.05, rel=0.1)


def test_hugging_face_epoch_k_point_belongs_to_the_epoch_before(tmp_path):
    # Hugging Face logs epoch = steps done / steps per epoch: the entry at exactly 1.0 is the last
    # of epoch 0 and averages its batches. A memorised epoch's drop (5% here, too small for the
    # search over every step) shows at the next entry (1.1); an epoch start read at 1.0 measured
    # each tooth one entry early, where nothing moved, and found no sawtooth at all.
    import json

    from curvedoc.analysis import analyze

    rng = np.random.default_rng(0)
    history = []
    for step in range(10, 1001, 10):
        epoch = step / 100
        seen = int(np.ceil(epoch - 1e-9)) - 1  # epochs whose data this entry's batches repeat
        loss = (0.3 + 1.5 * np.exp(-step / 80)) * 0.95 ** seen * np.exp(0.02 * rng.standard_normal())
        history.append({"epoch": round(epoch, 2), "learning_rate": 1e-5, "loss": round(float(loss), 4),
                        "step": step})
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"log_history": history, "global_step": 1000}))
    (ra,) = analyze(path)
    teeth = sorted(e.step for e in ra.metrics[0].events if e.label == "epoch_boundary")
    assert len(teeth) >= 7 and all(step % 100 == 10 for step in teeth)


def test_the_last_point_of_a_plateau_before_a_rise_is_not_a_dip(tmp_path):
    # An HF run's eval accuracy on 400 examples (values repeat exactly, so the MAD is 0): at chance
    # for three evaluations, a hair above it at step 100, then the escape. Against the centred
    # median, which the rise pulls up, step 100 read as a spike down (0.7863 -> 0.6825) and failed
    # `check`. A real one-evaluation collapse later in the same log is still a spike.
    import json

    from curvedoc.analysis import analyze

    acc = [268, 268, 268, 273, 356, 396, 397, 397, 400, 399, 400, 400, 320, 400, 400, 400, 400, 400, 400, 400,
           400, 400, 400, 400]
    history = [{"step": 25 * (i + 1), "epoch": 0.2 * (i + 1), "eval_accuracy": a / 400, "eval_loss": 1.0 - a / 500}
               for i, a in enumerate(acc)]
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"global_step": 600, "log_history": history}))
    (ra,) = analyze(path)
    (m,) = [m for m in ra.metrics if m.name == "eval_accuracy"]
    spikes = [e.step for e in m.events if e.kind == "spike"]
    assert spikes == [325], [(e.kind, e.step) for e in m.events]


def test_a_tenfold_change_or_more_reads_as_a_factor():
    # A loss thrown from 0.88 to 2.7e24 read "+304153237370858523762622464%".
    grow = D.Transition(step=503, kind="rise", direction="up", before=0.8802, after=2.677e24,
                        relative_change=2.677e24 / 0.8802 - 1, size_noise=196, width_steps=5)
    assert grow.change_text == "x3.04e+24"
    fall = D.Transition(step=10, kind="drop", direction="down", before=0.9013, after=0.6669,
                        relative_change=0.6669 / 0.9013 - 1, size_noise=12, width_steps=1)
    assert fall.change_text == "-26%"
    # A VAE's held-out ELBO at an LR decay, -24.11 -> -24.0: its "+0%" said nothing of the move listed.
    small = D.Transition(step=2000, kind="rise", direction="up", before=-24.11, after=-24.0,
                         relative_change=0.11 / 24.11, size_noise=8, width_steps=1)
    assert small.change_text == "+0.46%"


def test_a_change_across_zero_reads_as_a_difference(tmp_path):
    # A Gaussian negative log-likelihood falling from 0.134 to -1.71 read "(-1378%)".
    rng = np.random.default_rng(4)
    nll = np.where(np.arange(600) < 300, 0.134, -1.71) + rng.normal(0, 0.02, 600)
    (e,) = analyze_series(np.arange(600), nll, "val_nll").events
    assert e.kind == "drop" and e.step == 300 and e.before > 0 > e.after
    assert e.change_text == f"{e.after - e.before:+.3g}" and "%" not in e.change_text
    from_zero = D.Transition(step=5, kind="rise", direction="up", before=0.0, after=0.2, relative_change=math.inf,
                             size_noise=9, width_steps=1)
    assert from_zero.change_text == "+0.2"
    to_zero = D.Transition(step=5, kind="drop", direction="down", before=0.2, after=0.0, relative_change=-1.0,
                           size_noise=9, width_steps=1)
    assert to_zero.change_text == "-100%"


def test_a_jump_after_a_steady_fall_of_many_points_is_no_dip_edge():
    # A held-out loss evaluated 20 times falls for 12 evaluations, then jumps x9 and stays (an LR
    # raised to 40x). The falling stretch, 8 of the 20 points, was taken for a "short lucky stretch"
    # the jump climbed out of, and the blow-up went unreported.
    # (The running median of a per-step loss over the 50 steps before each evaluation.)
    steps = np.arange(50, 1001, 50)
    loss = np.array([2.081, 1.457, 1.087, 0.825, 0.618, 0.526, 0.418, 0.378, 0.345, 0.321, 0.308, 0.298,
                     2.642, 2.627, 2.624, 2.595, 2.649, 2.655, 2.679, 2.666])
    events = analyze_series(steps, loss, "val_loss").events
    assert [(e.kind, e.step) for e in events] == [("rise", 650)]
    rng = np.random.default_rng(8)
    # A few lucky points between two equal levels are still no two transitions.
    noisy = np.full(200, 1.0) * np.exp(0.02 * rng.standard_normal(200))
    noisy[100:103] *= 0.7
    assert analyze_series(np.arange(200), noisy, "val_loss").events == []


@pytest.mark.parametrize("n", [10, 50_001, 50_002, 100_001, 1_000_000])
def test_the_noise_of_differences_is_read_without_taking_them_all(n):
    # diff_sd samples the differences robust_sd would sample from np.diff, from the points themselves.
    rng = np.random.default_rng(n)
    z = np.cumsum(0.01 * rng.standard_normal(n)) + rng.standard_normal(n)
    assert D.diff_sd(z) == D.robust_sd(np.diff(z))


def test_a_spike_in_a_million_point_log_is_measured_from_the_level_not_from_block_extremes():
    # A million per-step losses with 40% minibatch noise about 0.43, thrown up x6 at step 650000
    # and relaxing over ~100 steps. Past 10^5 points spikes are searched on block extremes; the
    # level it left from was their median, the typical worst of a block, 0.70 instead of 0.43.
    rng = np.random.default_rng(650)
    n = 1_000_000
    y = np.log(0.43) + rng.normal(0, 0.4, n)
    k = np.arange(400)
    y[650_000:650_400] += np.log(1 + 5 * np.exp(-k / 40))
    r = analyze_series(np.arange(n), np.exp(y), "train_loss")
    (spike,) = [e for e in r.events if e.kind == "spike"]
    assert 650_000 <= spike.start_step <= spike.step <= 650_010
    assert 0.40 < spike.before < 0.47 and spike.after / spike.before > 6


def _recurring_spikes(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, list[int], list[range]]:
    """A deterministic full-batch loss (no minibatch noise) that Adam with a tiny eps throws up
    again and again, with the shape of a real such run (10x or more over its 50-step median 116
    times in 20,000 steps): every 100-300 steps the loss grows geometrically for about a dozen
    steps to x2-x300, then rings back down over tens of steps (every fourth step high again,
    lower each time). Returns the steps, the loss, where the jumps of x10 or more peaked and the
    steps every jump spans."""
    rng = np.random.default_rng(seed)
    steps = np.arange(1, n + 1)
    loss = 0.5 * steps**-1.2 * np.exp(0.001 * rng.standard_normal(n))
    tall, spans, at = [], [], 1000 + int(rng.integers(0, 100))
    while at < n - 100:
        factor, grow = 10 ** rng.uniform(0.3, 2.5), int(rng.integers(8, 16))
        loss[at:at + grow] *= factor ** (np.arange(1, grow + 1) / grow)
        k = np.arange(1, 61)
        ring = np.exp(-k / rng.uniform(6, 15)) * (0.55 + 0.45 * np.cos(np.pi * k / 2))
        loss[at + grow:at + grow + 60] *= 1 + (factor - 1) * ring
        if factor >= 10:
            tall.append(at + grow)
        spans.append(range(at + 1, at + grow + 61))
        at += grow + int(rng.integers(100, 300))
    return steps, loss, tall, spans


def test_a_run_spiking_again_and_again_is_not_read_as_its_own_noise():
    # Spikes of every size, recurring to the end, once made their own "noise tail": the smaller
    # ones (under the bar) did not thin out as noise does between 3 and 4 spreads, the tail fitted
    # on them expected spikes as tall as the real ones, and the whole log gave no event (its first
    # 3,000 steps gave several). No noise tail thins out that little, and the tall ones are spikes.
    steps, loss, tall, spans = _recurring_spikes(20_000, seed=0)
    spikes = [e for e in analyze_series(steps, loss, "loss").events if e.kind == "spike"]
    found = {s for s in tall if any(e.start_step - 5 <= s <= e.end_step + 5 for e in spikes)}
    assert len(found) >= len(tall) // 2
    assert all(any(e.step in span for span in spans) for e in spikes)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_smooth_fall_on_a_calm_log_is_measured_whole(seed):
    # A copy task's phase change: the loss sits at the unpredictable half's floor (ln 32), then the
    # copy half is learned over a couple of hundred steps, a sigmoid from 3.4 to 1.8 under 0.3%
    # noise. The calm log is cut into many short pieces; the jump between the long ones before and
    # inside the fall kept its first part (-16% of -46%) and was dated at its start.
    rng = np.random.default_rng(seed)
    steps = np.arange(1, 3001)
    plateau = 3.47 + 0.3 * np.exp(-steps / 60)
    fall = 1.65 / (1 + np.exp(-(steps - 570) / 30))
    loss = (plateau - fall) * (1 - 0.03 * (1 - np.exp(-steps / 1500))) * np.exp(0.003 * rng.standard_normal(3000))
    [event] = analyze_series(steps, loss, "train/loss").events
    assert event.kind == "drop" and abs(event.step - 570) <= 25
    assert event.before == pytest.approx(3.4, rel=0.03) and event.after == pytest.approx(1.85, rel=0.03)


def test_a_decay_that_moved_nothing_in_skewed_minibatch_losses_is_no_drop():
    # One-batch losses sit near a floor with hard batches far above it: on the log scale their
    # median lies well under their mean. The points after a decay were read on their median and set
    # against the mean's trend before, so a decay that changed nothing read as a drop of 14%
    # (a 2% one over 10^4 noisy steps as 10%).
    rng = np.random.default_rng(7)
    steps = np.arange(1, 20_001)
    loss = np.exp(-2 + 0.5 * rng.exponential(1.0, len(steps)))
    assert not analyze_series(steps, loss, "loss", schedule_steps=[(12_001, True)]).events
    moved = loss * np.where(steps > 12_000, 0.8, 1.0)
    [ev] = analyze_series(steps, moved, "loss", schedule_steps=[(12_001, True)]).events
    assert ev.kind == "drop" and abs(ev.step - 12_001) <= 50 and -0.25 < ev.after / ev.before - 1 < -0.15


@pytest.mark.parametrize("scale, name", [(1.0, "val_acc"), (100.0, "val_acc_pct"), (-300.0, "neg_reward")])
def test_a_score_collapsing_over_a_tenth_of_the_run_between_two_still_stages_is_a_fall(scale, name):
    # An accuracy rising to 0.95 by step 500, then falling linearly to 0.05 over 100 of 1000 steps and
    # staying there: two steep pieces, each too long for a ramp, none a discontinuity, and no
    # escape (that is for improvements). "no sharp transitions found", and check passed.
    rng = np.random.default_rng(2)
    steps = np.arange(1, 1001)
    acc = np.select([steps <= 500, steps <= 600], [0.5 + 0.45 * (1 - np.exp(-steps / 80)),
                                                    0.95 - 0.9 * (steps - 500) / 100], 0.05)
    values = scale * (acc + rng.normal(0, 0.005, len(steps))) if scale > 0 else -scale * (acc - 0.5)
    hib = None if scale > 0 else True
    events = analyze_series(steps, values, name, higher_is_better=hib).events
    [ev] = [e for e in events if e.kind in ("drop", "rise")]
    assert ev.direction == "down" and 500 <= ev.step <= 600 and ev.after < ev.before - 0.8 * abs(scale) * 0.9


@pytest.mark.parametrize("n, at", [(60_000, 30_000), (60_000, 1_000), (60_000, 59_700), (20_000, 10_000), (60_000, 300)])
def test_a_one_step_halving_in_a_long_clean_log_is_one_step_between_levels_the_log_holds(n, at):
    # Blocks of 150 points: a one-step halving was "over 151 steps" (13, 51, 151 as the log grew),
    # "-18%" at step 1000 with an after level the log never held, 0.19 near the end under every value.
    rng = np.random.default_rng(4)
    steps = np.arange(1, n + 1)
    loss = np.where(steps < at, 1.0, 0.5) * (1 - 1e-6 * steps) * np.exp(rng.normal(0, 0.01, n))
    [ev] = [e for e in analyze_series(steps, loss, "loss", schedule_steps=[(at, True)]).events if e.kind == "drop"]
    assert ev.step == at and ev.width_steps == 1
    near = loss[(steps >= at - 200) & (steps < at + 200)]
    assert near.min() <= ev.after <= ev.before <= near.max() and ev.after / ev.before == pytest.approx(0.5, abs=0.02)


def test_a_held_out_loss_creeping_up_a_quarter_is_no_plateau():
    # Under too high an LR a held-out loss rose 1.60 -> 2.00 over 19 evaluations with a few percent
    # of scatter: "plateau yes", and check's no-long-plateau called it flat for 1800 steps.
    # The evaluations of a real run (an MLP at a constant LR of 0.1, before its SWA anneal).
    val = [1.4577, 1.6004, 1.6263, 1.6922, 1.7953, 1.6738, 1.7858, 2.0793, 1.8583, 1.8631,
           1.8059, 1.9514, 1.8816, 1.7809, 2.0684, 1.8646, 2.0279, 1.9801, 2.0267, 1.9257]
    steps = np.arange(100, 2001, 100)
    (stage,) = analyze_series(steps, np.array(val), "val_loss").stages
    assert not stage.plateau
    rng = np.random.default_rng(6)
    # The same scatter about a level, or about a slow improvement, is flat.
    for drift in (0.0, -0.004):
        level = 1.6 * np.exp(drift * np.arange(len(steps))) * np.exp(rng.normal(0, 0.05, len(steps)))
        assert analyze_series(steps, level, "val_loss").stages[0].plateau


def test_the_levels_of_an_event_are_levels_the_series_holds():
    # A free-running seq2seq's accuracy, 0.53 and climbing, then exactly 0 once teacher forcing was
    # switched off: "drops to -0.002623", read off a line fitted to the zeros and the last points.
    rng = np.random.default_rng(12)
    steps = np.arange(100, 2001, 100)
    acc = np.where(steps < 1300, 0.45 + 0.08 * steps / 1200 + rng.normal(0, 0.005, len(steps)), 0.0)
    acc[-1] = 0.0137
    [ev] = [e for e in analyze_series(steps, acc, "val_seq_acc").events if e.kind == "drop"]
    assert acc.min() <= ev.after <= ev.before <= acc.max()


@pytest.mark.parametrize("name, values", [
    ("val_loss", [1.2, 1.05, 0.97, 0.92, 0.88, 0.86, 0.84, 0.83, 6.9, 0.82, 0.81, 0.80]),
    ("val_acc", [0.55, 0.70, 0.78, 0.82, 0.84, 0.85, 0.86, 0.10, 0.86, 0.87, 0.87, 0.87])])
def test_one_bad_evaluation_of_a_dozen_is_a_spike(name, values):
    # Evaluations every 50 steps; one of them 8x the others (or an accuracy at 0.10): too few points
    # for the spike search, so it was missed, or a stage at its level and an "improvement" back.
    steps = 50 * np.arange(1, len(values) + 1)
    sa = analyze_series(steps, np.array(values), name)
    [ev] = sa.events
    bad = int(np.argmax(values) if name == "val_loss" else np.argmin(values))
    assert (ev.kind, ev.step) == ("spike", steps[bad])
    assert len(sa.stages) == 1
    # A dozen ordinary evaluations give none.
    rng = np.random.default_rng(16)
    calm = np.array(values)
    calm[bad] = calm[bad - 1]
    assert not analyze_series(steps, calm * np.exp(rng.normal(0, 0.01, len(calm))), name).events


def minibatch_losses(n, seed):
    """Batch-of-4 losses: a power-law mean times exponential noise, a factor of ten either
    way from step to step (log-spread about 1.3), as a tiny batch gives."""
    rng = np.random.default_rng(seed)
    steps = np.arange(1, n + 1)
    return steps, 2.0 * steps ** -0.15 * rng.exponential(1.0, n)


@pytest.mark.parametrize("n", [20_000, 200_000])
def test_a_burst_of_bad_batches_too_low_point_by_point_is_a_spike(n):
    steps, loss = minibatch_losses(n, seed=7)
    assert analyze_series(steps, loss, "loss").events == []
    # A corrupted shard: 20 batches at 10-40x the level, each under the noise's own tail.
    at = n // 3
    burst = loss.copy()
    burst[at: at + 20] = loss[at: at + 20] * 3 + 2.0 * steps[at] ** -0.15 * np.geomspace(40, 10, 20)
    (ev,) = analyze_series(steps, burst, "loss").events
    assert ev.kind == "spike" and abs(ev.start_step - steps[at]) <= 8 and ev.width_steps <= 40


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_burst_set_off_by_one_bad_batch_starts_and_peaks_at_it(seed):
    # A per-step loss near 2e-4 (log-spread 0.8), one batch with random labels at step 5000 (loss
    # 24.1, x10^5), then 50 damaged steps near 0.13 and a slow way back, the 50-step medians of a
    # real run's. The burst's groups of eight leave out their worst point and start at 5001: the
    # burst was dated 5001-5041 at 0.17, the batch itself left out.
    rng = np.random.default_rng(seed)
    steps = np.arange(1, 7001)
    level = np.full(len(steps), 0.00022)
    level[:300] *= np.exp(np.linspace(9, 0, 300))
    knots = np.array([0, 50, 100, 200, 300, 500, 700, 1000, 2000]) + 5000
    medians = [0.13, 0.013, 0.02, 0.009, 0.0025, 0.001, 0.00075, 0.00065, 0.0004]
    level[5000:] = np.exp(np.interp(steps[5000:], knots, np.log(medians)))
    level[5000:5050] = 0.13
    z = np.log(level) + rng.normal(0, 0.8, len(steps))
    z[4999] = math.log(24.1)
    (ev,) = D._spikes(steps, z, False, "log", 0.1, D.DEFAULT_CONFIG)
    assert (ev.start_step, ev.step) == (5000, 5000) and ev.after == pytest.approx(math.log(24.1))
    assert 5030 <= ev.end_step <= 5060


@pytest.mark.parametrize("seed", [20_000, 20_004, 20_008, 200_004])
def test_single_heavy_tailed_points_make_no_burst(seed):
    # Student-t (3 degrees of freedom) noise on the log scale: now and then one point far out,
    # which weighs in a plain mean of eight points as a burst would.
    rng = np.random.default_rng(seed)
    steps = np.arange(1, 20_001 if seed < 200_000 else 200_001)
    z = -1.0 - 0.3 * np.log(steps) + 0.5 * rng.standard_t(3, len(steps))
    with_bursts = D._spikes(steps, z, False, "log", 1.0, D.DEFAULT_CONFIG)
    points_alone = D._spike_search(steps, z, False, "log", 1.0, D.DEFAULT_CONFIG)
    assert [e.step for e in with_bursts] == [e.step for e in points_alone]


@pytest.mark.parametrize("scale", [1.0, 1e-300, 1e300])
def test_a_noiseless_step_is_measured_where_it_is(scale):
    # Exactly 1.0 then exactly 0.5 (times a scale): read as 0.9952 -> 0.5 "over 13 steps", levels
    # and a width the log does not hold, beside a stage table saying 1.
    steps = np.arange(1, 601)
    values = np.where(steps < 300, 1.0, 0.5) * scale
    (ev,) = analyze_series(steps, values, "loss").events
    assert (ev.step, ev.width_steps) == (300, 1)
    assert ev.before == pytest.approx(scale, rel=1e-9) and ev.after == pytest.approx(0.5 * scale, rel=1e-9)


def test_a_jump_at_the_logs_last_point_is_measured_on_that_point():
    # A loss logged every 5 steps whose last point (a spike just logged, as `watch` sees it) is 8x
    # the level: read as "0.4248 -> 2.395 over 11 steps", a level and a span the log does not hold.
    rng = np.random.default_rng(4)
    steps = np.arange(5, 451, 5)
    loss = 0.43 * np.exp(rng.normal(0, 0.02, len(steps)))
    loss[-1] = 3.397
    (ev,) = analyze_series(steps, loss, "loss").events
    assert ev.kind == "rise" and ev.after == pytest.approx(3.397) and (ev.step, ev.width_steps) == (450, 1)


@pytest.mark.parametrize("n,at", [(60_000, 300), (20_000, 150), (3_000, 25)])
def test_a_one_step_drop_off_a_short_flat_start_of_a_long_log_is_found(n, at):
    # 300 flat steps are two of the whole run's 400 blocks: too short to be a stage, until the
    # run's first tenth is searched on blocks of its own.
    rng = np.random.default_rng(at)
    steps = np.arange(1, n + 1)
    loss = np.where(steps < at, 1.0, 0.5) * (1 + 0.01 * rng.standard_normal(n))
    sa = analyze_series(steps, loss, "loss")
    [ev] = sa.events
    assert ev.kind == "drop" and ev.step == at and ev.width_steps == 1
    assert ev.before == pytest.approx(1.0, rel=0.02) and ev.after == pytest.approx(0.5, rel=0.02)


@pytest.mark.parametrize("n", [3_000, 20_000, 100_000])
@pytest.mark.parametrize("noise", [0.01, 0.1, 0.3])
def test_a_smooth_first_fall_with_no_flat_start_is_no_early_event(n, noise):
    # The second search over the run's start must not read the first fall's uneven pace as jumps.
    rng = np.random.default_rng(n + int(100 * noise))
    steps = np.arange(1, n + 1)
    for tau in (n / 1000, n / 200, n / 50):
        loss = (0.05 + 2.25 * (1 + steps / tau) ** -0.7) * np.exp(noise * rng.standard_normal(n))
        sa = analyze_series(steps, loss, "loss")
        assert not [e for e in sa.events if e.step < 0.1 * n], tau


def test_one_fall_that_steepens_on_the_log_scale_is_one_event():
    # Sparse parity's training loss (a real run's 200-step medians): flat at ln 2, a slow slide,
    # then the plunge towards zero, with no pause between them. It was a saturation recovery at
    # 2700 and a plateau escape at 3790; the slide keeps the first move's pace, so it is one fall.
    med = [0.689, 0.704, 0.702, 0.696, 0.692, 0.701, 0.690, 0.698, 0.694, 0.660, 0.629, 0.577, 0.542, 0.504,
           0.387, 0.258, 0.185, 0.111, 0.076, 0.051, 0.039, 0.030, 0.025, 0.020, 0.017, 0.014, 0.013, 0.011,
           0.010, 0.0088, 0.0088]
    rng = np.random.default_rng(4)
    steps = np.arange(10, 6001, 10)
    level = np.exp(np.interp(steps, np.arange(len(med)) * 200 + 100, np.log(med)))
    sa = analyze_series(steps, level * np.exp(0.05 * rng.standard_normal(len(steps))), "train/loss")
    [ev] = sa.events
    assert ev.kind == "drop" and 1500 <= ev.start_step <= 2800 and 3000 <= ev.step <= 4000


def test_a_few_exact_zeros_in_an_unrounded_loss_are_an_underflow_read_on_the_log_scale():
    # A small-batch loss near zero at a high LR: each minibatch's loss spans decades (a batch
    # classified with certainty gives 0.0 in float32). Read on a linear scale for its three
    # zeros, every batch with one miss stood 8 spreads over the median: 88 "spikes".
    rng = np.random.default_rng(25)
    n = 1300
    steps = np.arange(1, n + 1)
    loss = np.exp(np.log(0.005) + 3.0 * rng.standard_normal(n)).astype(np.float32).astype(np.float64)
    loss[:40] = 2.3 * np.exp(-steps[:40] / 10) + 0.005
    loss[[500, 900, 1200]] = 0.0
    sa = analyze_series(steps, loss, "loss")
    assert sa.transform == "log" and not [e for e in sa.events if e.kind == "spike"]
    assert any(note.startswith("3 zeros read as") and note.endswith(
        "a float's underflow, the true ones under the smallest value logged") for note in sa.notes)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_cyclic_lrs_rise_is_not_read_against_a_trend_through_the_fall_before_it(tmp_path, seed):
    # A triangular cyclic LR (0.002-0.12, period 600): the loss falls x40 at step 467, on the first
    # down-slope, then keeps creeping down under 30% minibatch noise; the LR's re-rise at 601 moves
    # nothing. The trend tested at 601 ran through the x40 fall, and the flat curve read as a
    # "rise 0.00033 -> 0.00087, lr_restart (0.90)", from a level the loss never had.
    from curvedoc.analysis import analyze

    rng = np.random.default_rng(seed)
    steps = np.arange(1, 1801)
    phase = (steps - 1) % 600
    lr = np.where(phase < 300, 0.002 + 0.118 * phase / 300, 0.12 - 0.118 * (phase - 300) / 300)
    level = np.where(steps < 460, 0.05 * np.exp(-(steps - 1) / 1500), 0.0009 * np.exp(-(steps - 475) / 3000))
    fall = (steps >= 460) & (steps < 475)
    level[fall] = np.exp(np.interp(steps[fall], [460, 475], [np.log(0.05 * np.exp(-459 / 1500)), np.log(0.0009)]))
    loss = level * np.exp(rng.normal(0, 0.3, len(steps)))
    path = tmp_path / "cyclic.csv"
    path.write_text("step,train_loss,lr\n" + "".join(f"{s},{v:.6g},{r:.5g}\n" for s, v, r in zip(steps, loss, lr)))
    (ra,) = analyze(path)
    [sa] = ra.metrics
    assert [(e.kind, abs(e.step - 467) <= 5) for e in sa.events] == [("drop", True)], \
        [(e.step, e.kind, e.label) for e in sa.events]


def test_a_saturated_accuracy_does_not_drop_onto_its_own_level():
    # A held-out top-5 accuracy on 540 examples, evaluated every 50 steps of a real run: 269, 533, 537
    # right, then 533-539 for the rest. The line through its first three points ended above every
    # value logged, and the next stage "dropped 0.9981 -> 0.9981 (+0%)", instability 0.85, failing `check`.
    right = [int(k) for k in """269 533 537 534 538 539 536 539 539 535 538 538 537 537 538 537 537 536 537 538 537 536
                                535 539 537 534 533 537 536 533 536 537 536 535 535 536 536 536 536 536 535 536 536
                                535 535 536 535 535 535 535 535 535 535 536 535 535 536 535 535 536 536""".split()]
    steps = np.array([1] + [50 * i for i in range(1, len(right))])
    events = analyze_series(steps, np.array(right) / 540, "top5").events
    assert not [e for e in events if e.kind in ("drop", "rise") and abs(e.after - e.before) < 0.002], events


def outlier_target_regression(seed: int, momentum: float, clip_from: int = 1, n_steps: int = 6000) -> np.ndarray:
    """The per-step loss of a real training run, in numpy: a linear model fitted by SGD (lr 0.05,
    batches of 32, the gradient clipped to norm 1 from ``clip_from``) to targets of which 1% carry
    N(0, 30^2) noise, so that about a quarter of the batches hold one and read x1,000 or more."""
    rng = np.random.default_rng(seed)
    w_true = rng.normal(0, 1, 16) / 4
    X = rng.normal(0, 1, (8000, 16))
    Y = X @ w_true + 0.05 * rng.normal(0, 1, 8000)
    bad = rng.random(8000) < 0.01
    Y[bad] += 30 * rng.normal(0, 1, bad.sum())
    w, v, losses = np.zeros(16), np.zeros(16), np.empty(n_steps)
    for i in range(n_steps):
        b = rng.integers(0, 8000, 32)
        r = X[b] @ w - Y[b]
        losses[i] = np.mean(r ** 2)
        g = 2 * X[b].T @ r / 32
        norm = np.linalg.norm(g)
        if i + 1 >= clip_from and norm > 1.0:
            g /= norm
        v = momentum * v + g
        w -= 0.05 * v
    return losses


@pytest.mark.parametrize("seed,momentum", [(1, 0.0), (3, 0.9), (5, 0.0)])
def test_outlier_batches_all_along_are_the_noise_not_instability(seed, momentum):
    # A quarter of the batches hold a bad target from the first step to the last: each reads
    # thousands of times the loss, and the model is not thrown off (the gradient is clipped).
    # Read as events, they were 150 spikes.
    loss = outlier_target_regression(seed, momentum)
    events = analyze_series(np.arange(1, len(loss) + 1), loss, "train_loss").events
    assert [(e.step, e.kind) for e in events] == []


def test_spikes_that_start_coming_at_some_step_are_still_events():
    # The same rate of excursions, but only from step 3000 on: the run turned unstable there.
    rng = np.random.default_rng(1)
    steps = np.arange(1, 6001)
    loss = (0.3 + 2 * (steps / 100 + 1) ** -0.8) * np.exp(rng.normal(0, 0.15, len(steps)))
    t = 3000
    while t < len(steps):
        height = np.exp(rng.uniform(np.log(5), np.log(50)))
        loss[t:t + 6] *= 1 + (height - 1) * 0.5 ** np.arange(len(loss[t:t + 6]))
        t += int(rng.exponential(60)) + 5
    spikes = [e for e in analyze_series(steps, loss, "train_loss").events if e.kind == "spike"]
    assert len(spikes) >= 20 and min(e.step for e in spikes) >= 3000


@pytest.mark.parametrize("seed,momentum", [(1, 0.9), (6, 0.0), (7, 0.9)])
def test_outlier_batches_after_clipping_calms_the_loss_are_no_runs_of_spikes(seed, momentum):
    # The gradient is clipped from step 3000 only: the loss between the bad batches falls tenfold
    # (the one event) and the same bad batches now stand many more spreads high. Runs of them close
    # together were judged against the rate of points past half their height left once every other
    # run's points were taken out, which left almost none, and read as up to 25 spikes.
    loss = outlier_target_regression(seed, momentum, clip_from=3000)
    events = analyze_series(np.arange(1, len(loss) + 1), loss, "train_loss").events
    assert [e.kind for e in events] == ["drop"] and abs(events[0].step - 3000) <= 70
    assert events[0].after < 0.2 * events[0].before



def test_a_slide_after_a_climb_is_dated_on_the_slide_not_at_the_climb():
    # A real run's held-out accuracy (tests/small_runs.py): up from 0.14 to 0.914 by epoch 65, then a
    # slide to 0.80 by epoch 205 as the net learns its flipped labels, flat after that to epoch 2995.
    # The slide was dated at epoch 5, where the accuracy was still climbing: the best split near it
    # at full resolution was the climb's, the other way.
    from small_runs import OVERFIT_SLIDE_VAL_ACC

    acc = np.array(OVERFIT_SLIDE_VAL_ACC.split(), dtype=float)
    (e,) = [e for e in analyze_series(np.arange(0, 5 * len(acc), 5), acc, "val_acc").events if e.kind == "drop"]
    assert 65 <= e.start_step and e.step <= 205 and e.after < e.before - 0.07


def test_groups_holding_two_routine_outliers_are_no_burst_and_a_bad_shard_is_one():
    # A 10^6-step loss (a power law under 30% noise, halved at step 400,000) with 2% of its points
    # x50. A group of 8 holding two of them (1% of the groups) has a trimmed mean x3 the loss: 31
    # such "bursts" were reported, where most of their points stand at the loss; one is left, 16
    # points whose median stands 1.5x the loss by chance. 40 points each x2.5 (a corrupted shard)
    # still stand as a burst.
    rng = np.random.default_rng(0)
    n = 1_000_000
    steps = np.arange(1, n + 1)
    loss = (0.3 + 2 * (steps / 1000 + 1) ** -0.5) * np.exp(rng.normal(0, 0.3, n))
    loss[400_000:] *= 0.5
    outliers = loss * np.where(rng.random(n) < 0.02, 50, 1)
    kinds = [e.kind for e in analyze_series(steps, outliers, "train_loss").events]
    assert kinds.count("drop") == 1 and kinds.count("spike") <= 1 and len(kinds) <= 2
    loss[700_000:700_040] *= 2.5
    events = analyze_series(steps, loss, "train_loss").events
    assert [(e.kind, e.step) for e in events] == [("drop", 400_001), ("spike", 700_001)]


@pytest.mark.parametrize("seed", [10, 16, 36])
def test_a_steady_noisy_decline_whose_first_points_sit_flat_by_chance_is_no_escape(seed):
    # 50 epochs of a loss falling 1% an epoch under 3% noise: the first 5-8 points happen to sit
    # flat, and the fall after them, at the curve's own pace, read as an escape or a recovery from
    # saturation. One straight line through those points and the fall fits as well as a bent one.
    rng = np.random.default_rng(seed)
    epochs = np.arange(50)
    loss = np.exp(-epochs / 100) * np.exp(rng.normal(0, 0.03, len(epochs)))
    assert analyze_series(epochs, loss, "loss").events == []


@pytest.mark.parametrize("noise", [0.01, 0.03])
def test_a_step_decay_made_at_an_epoch_start_is_no_tooth_of_a_sawtooth(noise):
    # A power-law loss logged 5-11 times an epoch, cut x0.6 by an LR decay at an epoch start, as
    # MultiStepLR counts epochs: the decay's drop is the schedule's. Counted as a tooth, it lifted the
    # rank test of the rest, and a plain falling trend read as drops at every epoch start (seeds 44
    # and 73 of these).
    for seed in range(40, 80):
        rng = np.random.default_rng(seed)
        per_epoch, epochs = int(rng.integers(5, 12)), int(rng.integers(6, 14))
        at = int(rng.integers(2, epochs - 1)) * per_epoch
        n = per_epoch * epochs
        steps = np.arange(1, n + 1) * 10
        loss = 2.0 * (1 + np.arange(n) / per_epoch) ** -0.5
        loss[at:] *= 0.6
        loss *= np.exp(rng.normal(0, noise, n))
        sa = analyze_series(steps, loss, "loss", epoch_starts=steps[::per_epoch],
                            schedule_steps=[(int(steps[at]), True)])
        assert not [e for e in sa.events if e.onset == "epoch"], seed
        assert [e for e in sa.events if e.step == steps[at] and e.direction == "down"], seed


def test_the_teeth_of_an_epoch_sawtooth_are_measured_on_levels_not_single_points():
    # A loss that rises 30% through each epoch of 10 prints and falls back at the next epoch's start,
    # under 12% noise a print: a tooth of 1 / 1.3 - 1 = -23%. Read from one print to the next, one noisy
    # print either side made the largest teeth (the ones the report lists) -42%: they are read on the
    # medians of up to three prints each side within the two epochs.
    sizes = []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        t = np.arange(200)
        loss = (1 + t / 10) ** -0.5 * 1.3 ** ((t % 10) / 9) * np.exp(rng.normal(0, 0.12, len(t)))
        steps = (t + 1) * 10
        sa = analyze_series(steps, loss, "loss", epoch_starts=steps[::10])
        sizes += [e.after / e.before - 1 for e in sa.events if e.onset == "epoch"]
    assert len(sizes) > 200
    true = 1 / 1.3 - 1
    assert abs(np.percentile(sizes, 10)) < 1.5 * abs(true) and abs(np.median(sizes)) > 0.7 * abs(true), \
        np.percentile(sizes, [10, 50, 90])
