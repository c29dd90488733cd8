"""The run summary's overfitting line, on a real fine-tune and on noisy per-step held-out losses."""

import numpy as np
import pytest
from realdata import REAL_LOGS

from curvedoc.analysis import analyze
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
    assert any(line.startswith("overfitting: eval_loss bottomed at 0.321 at step 1000") for line in summarize(ra))


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


# A small CNN on digits, Adam 1e-3 constant, 30 epochs, as its Keras CSVLogger wrote them (to 4
# decimals): the held-out loss is still settling, with one bad epoch (26) among its last few.
CNN_LOSS = [2.1895, 1.4832, 0.5414, 0.2568, 0.1872, 0.1483, 0.1228, 0.1083, 0.0929, 0.0812, 0.0644, 0.0625,
            0.0590, 0.0424, 0.0388, 0.0363, 0.0340, 0.0296, 0.0311, 0.0272, 0.0248, 0.0181, 0.0152, 0.0149,
            0.0136, 0.0133, 0.0120, 0.0142, 0.0102, 0.0077]
CNN_VAL = [1.9846, 0.9537, 0.5056, 0.3397, 0.3076, 0.2366, 0.2137, 0.2035, 0.2701, 0.1750, 0.2185, 0.1742,
           0.1608, 0.1778, 0.1414, 0.1497, 0.1517, 0.1503, 0.1330, 0.1392, 0.1256, 0.1246, 0.1141, 0.1297,
           0.1169, 0.1137, 0.1548, 0.1138, 0.1154, 0.1196]


def test_one_lucky_epoch_of_thirty_is_no_bottom(tmp_path):
    # Single points read "bottomed at 0.1137 at epoch 25 and rose 5% to 0.1196": the lowest of
    # thirty noisy values against the last one. Read on medians of three it has not risen.
    (ra,) = analyze(write(tmp_path / "cnn.csv", range(30), loss=CNN_LOSS, val_loss=CNN_VAL))
    assert overfitting(ra) is None
    # The same epochs with the held-out loss climbing from epoch 20 on are overfitting.
    climbing = CNN_VAL[:20] + [CNN_VAL[19] * (1 + 0.04 * k) for k in range(1, 11)]
    (ra,) = analyze(write(tmp_path / "climb.csv", range(30), loss=CNN_LOSS, val_loss=climbing))
    of = overfitting(ra)
    assert of.metric == "val_loss" and of.window == 3 and 17 <= of.best_step <= 21 and of.rise > 0.3
