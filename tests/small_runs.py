"""A few columns of small real runs, held as literal tables (values as their logs wrote them, to 4
decimals): recipes the labelled sets leave out. Each is one run of ``tools/probe_runs.py``, which
regenerates it exactly (needs torch); the run's name is given with each table. A few runs small
enough to train in numpy are trained here instead (``write_inputs_scaled_run``)."""

import json
import math
from pathlib import Path

import numpy as np


def write_fp16_overflow_run(path: Path) -> Path:
    """A per-step loss whose fp16 training overflows at steps 301, 302 (inf) and 801 (nan), its
    loss scale halving each time, as dynamic loss scaling steps over them."""
    import numpy as np

    rng = np.random.default_rng(0)
    steps = np.arange(1, 1201)
    loss = (0.1 + 2 * (steps / 50 + 1) ** -0.7) * np.exp(rng.normal(0, 0.05, len(steps)))
    scale = np.full(len(steps), 65536.0)
    for bad in (300, 301, 800):
        loss[bad] = np.inf if bad != 800 else np.nan
        scale[bad:] /= 2
    path.write_text("step,loss,loss_scale\n" + "".join(f"{s},{v},{c:g}\n" for s, v, c in zip(steps, loss, scale)))
    return path


def write_inputs_scaled_run(path: Path, scale: float = 3.0, steps: int = 20000, seed: int = 12) -> Path:
    """A real run, small enough to train here: softmax regression (32 features, 4 classes of a noisy
    linear teacher, 20,000 examples) by SGD at 0.05 on batches of 16, the per-step loss logged. From
    the middle on, the inputs are multiplied by ``scale``, as a preprocessing change that stopped
    standardising them does: the model grows surer on most batches and far worse on a few."""
    rng = np.random.default_rng(seed)
    teacher = rng.standard_normal((32, 4))
    x_all = rng.standard_normal((20000, 32))
    y_all = (x_all @ teacher + 0.5 * rng.standard_normal((20000, 4))).argmax(1)
    w, b, rows = np.zeros((32, 4)), np.zeros(4), []
    for step in range(steps):
        idx = rng.integers(0, 20000, 16)
        x, y = x_all[idx] * (scale if step >= steps // 2 else 1.0), y_all[idx]
        z = x @ w + b
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        rows.append(f"{step},{-np.log(p[np.arange(16), y]).mean():.5g}\n")
        p[np.arange(16), y] -= 1
        w -= 0.05 * x.T @ p / 16
        b -= 0.05 * p.sum(0) / 16
    path.write_text("step,loss\n" + "".join(rows))
    return path


def write_two_fits_run(path: Path, fresh: bool = False, seed: int = 3) -> Path:
    """A real run, small enough to train here: softmax regression (32 features, 4 classes of a noisy
    linear teacher, 2,000 examples to train and 500 held out) by SGD on batches of 16, 15 epochs at
    0.5 and then a second call of its loop at 0.05 that counts its 10 epochs from 0 again, appending
    each epoch's mean loss, the LR and the held-out loss to one CSV (``\\n`` line ends). ``fresh``: the
    second call starts a new model rather than carrying on."""
    rng = np.random.default_rng(seed)
    teacher = rng.standard_normal((32, 4))
    x_all = rng.standard_normal((2500, 32))
    y_all = (x_all @ teacher + 2.0 * rng.standard_normal((2500, 4))).argmax(1)
    xtr, ytr, xva, yva = x_all[:2000], y_all[:2000], x_all[2000:], y_all[2000:]
    lines = ["epoch,loss,lr,val_loss"]

    def probabilities(x, w, b):
        p = np.exp(x @ w + b - (x @ w + b).max(1, keepdims=True))
        return p / p.sum(1, keepdims=True)

    w, b = np.zeros((32, 4)), np.zeros(4)
    for epochs, lr in ((15, 0.5), (10, 0.05)):
        if fresh:
            w, b = np.zeros((32, 4)), np.zeros(4)
        for epoch in range(epochs):
            total = []
            for idx in rng.permutation(2000).reshape(-1, 16):
                p = probabilities(xtr[idx], w, b)
                total.append(-np.log(p[np.arange(16), ytr[idx]]).mean())
                p[np.arange(16), ytr[idx]] -= 1
                w -= lr * xtr[idx].T @ p / 16
                b -= lr * p.sum(0) / 16
            held_out = -np.log(probabilities(xva, w, b)[np.arange(500), yva]).mean()
            lines.append(f"{epoch},{np.mean(total):.6g},{lr:g},{held_out:.6g}")
    path.write_text("\n".join(lines) + "\n")
    return path


def write_second_stage_run(path: Path, seed: int = 4) -> Path:
    """A real run, small enough to train here, printed as Keras's console prints two ``fit()`` calls:
    softmax regression heads (as ``write_two_fits_run``) by SGD at 0.2, 10 epochs on two tasks'
    cross-entropies, then 10 more that also train a third head on a third task, its loss a term of its
    own: the total loss steps up by the new term while the first two carry on, as a detector's second
    stage adds its head's losses to its proposal network's."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2000, 32))
    heads = []
    for _ in range(3):
        y = (x @ rng.standard_normal((32, 4)) + 2.0 * rng.standard_normal((2000, 4))).argmax(1)
        heads.append([y, np.zeros((32, 4)), np.zeros(4)])
    lines = []
    for stage in (2, 3):
        for epoch in range(1, 11):
            sums = np.zeros(stage)
            for idx in rng.permutation(2000).reshape(-1, 16):
                for k, (y, w, b) in enumerate(heads[:stage]):
                    z = x[idx] @ w + b
                    p = np.exp(z - z.max(1, keepdims=True))
                    p /= p.sum(1, keepdims=True)
                    sums[k] += -np.log(p[np.arange(16), y[idx]]).mean() / 125
                    p[np.arange(16), y[idx]] -= 1
                    w -= 0.2 * x[idx].T @ p / 16
                    b -= 0.2 * p.sum(0) / 16
            terms = "".join(f" - {name}: {v:.4f}" for name, v in zip(("a_loss", "b_loss", "c_loss"), sums))
            lines += [f"Epoch {epoch}/10",
                      f"125/125 [==============================] - 0s 2ms/step - loss: {sums.sum():.4f}{terms}"]
    path.write_text("\n".join(lines) + "\n")
    return path


def write_keras_scheduler_fits(path: Path, seed: int = 6) -> Path:
    """A real run, small enough to train here, printed as Keras 2 prints two ``fit()`` calls with
    ``LearningRateScheduler(lambda e: 1.0 * 0.7 ** e, verbose=1)``: softmax regression (as
    ``write_two_fits_run``) by SGD on batches of 16, 12 epochs, then 12 more of the same model whose
    schedule starts again at 0.2 (x10 the LR it ended at), each epoch's line under the callback's."""
    rng = np.random.default_rng(seed)
    teacher = rng.standard_normal((32, 4))
    x_all = rng.standard_normal((2500, 32))
    y_all = (x_all @ teacher + 2.0 * rng.standard_normal((2500, 4))).argmax(1)
    xtr, ytr, xva, yva = x_all[:2000], y_all[:2000], x_all[2000:], y_all[2000:]
    w, b, lines = np.zeros((32, 4)), np.zeros(4), []

    def probabilities(x):
        p = np.exp(x @ w + b - (x @ w + b).max(1, keepdims=True))
        return p / p.sum(1, keepdims=True)

    for first_lr in (1.0, 0.2):
        lines.append("Train on 2000 samples, validate on 500 samples")
        for epoch in range(12):
            lr = first_lr * 0.7 ** epoch
            losses, hits = [], []
            for idx in rng.permutation(2000).reshape(-1, 16):
                p = probabilities(xtr[idx])
                losses.append(-np.log(p[np.arange(16), ytr[idx]]).mean())
                hits.append((p.argmax(1) == ytr[idx]).mean())
                p[np.arange(16), ytr[idx]] -= 1
                w -= lr * xtr[idx].T @ p / 16
                b -= lr * p.sum(0) / 16
            p = probabilities(xva)
            lines += [f"Epoch {epoch + 1}/12", "", f"Epoch {epoch + 1:05d}: LearningRateScheduler setting learning rate "
                      f"to {lr!r}.", f"2000/2000 [==============================] - 0s 41us/step - loss: "
                      f"{np.mean(losses):.4f} - acc: {np.mean(hits):.4f} - val_loss: "
                      f"{-np.log(p[np.arange(500), yva]).mean():.4f} - val_acc: {(p.argmax(1) == yva).mean():.4f}"]
    path.write_text("\n".join(lines) + "\n")
    return path


def write_train_test_lines(path: Path, demucs: bool = False, seed: int = 8) -> Path:
    """A real run, small enough to train here: softmax regression (as ``write_two_fits_run``, labels
    flipped at random for 30% of a training set of 208, so the held-out loss turns up as it memorises) by
    SGD at 0.5 on batches of 16 for 30 epochs, each epoch printing a training line and a held-out line of
    the same keys: ``train Loss: x Top-1 Acc: y Top-2 Acc: z`` then ``test ...``, or, ``demucs``, as its
    solver logs them (``[..][INFO] - Train Summary | Epoch 3 | Loss=x | Acc=y``, then ``Valid Summary``)."""
    rng = np.random.default_rng(seed)
    teacher = rng.standard_normal((32, 4))
    x_all = rng.standard_normal((708, 32))
    y_all = (x_all @ teacher + rng.standard_normal((708, 4))).argmax(1)
    xtr, ytr, xva, yva = x_all[:208], y_all[:208].copy(), x_all[208:], y_all[208:]
    flip = rng.random(208) < 0.3
    ytr[flip] = rng.integers(0, 4, flip.sum())
    w, b, lines = np.zeros((32, 4)), np.zeros(4), []

    def scores(x, y):
        z = x @ w + b
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        rank = (p > p[np.arange(len(y)), y][:, None]).sum(1)
        return p, -np.log(p[np.arange(len(y)), y]).mean(), (rank < 1).mean() * 100, (rank < 2).mean() * 100

    for epoch in range(30):
        for idx in rng.permutation(208).reshape(-1, 16):
            p = scores(xtr[idx], ytr[idx])[0]
            p[np.arange(16), ytr[idx]] -= 1
            w -= 0.5 * xtr[idx].T @ p / 16
            b -= 0.5 * p.sum(0) / 16
        for name, x, y in (("train", xtr, ytr), ("test", xva, yva)):
            _, loss, top1, top2 = scores(x, y)
            if demucs:
                lines.append(f"[12-07 10:{epoch:02d}:00][solver][INFO] - {'Train' if name == 'train' else 'Valid'} "
                             f"Summary | Epoch {epoch + 1} | Loss={loss:.4f} | Acc={top1:.2f}")
            else:
                lines.append(f"{name} Loss: {loss:.4f} Top-1 Acc: {top1:.4f} Top-2 Acc: {top2:.4f}")
        if not demucs:
            lines.insert(len(lines) - 2, f"Epoch {epoch}/29")
    path.write_text("\n".join(lines) + "\n")
    return path


def write_boosting_early_stop(path: Path, indent: str = "") -> Path:
    """A real run, small enough to train here, printed as LightGBM prints its rounds: logistic regression
    on 100 examples of 200 features (a sparse linear teacher, labels flipped for 15%) by full-batch gradient
    descent at 0.02, a round per step, its training and held-out log loss after each as ``[12]\\ttraining's
    binary_logloss: ..\\tvalid_1's binary_logloss: ..``; it overfits, and stops 50 rounds after its best
    held-out round, which it prints again at the end ("Early stopping, best iteration is:"). ``indent``:
    each line indented, as a notebook's output pasted in a README."""
    train, valid, best = _boosting_rounds()
    lines = [f"[{i + 1}]\ttraining's binary_logloss: {a:g}\tvalid_1's binary_logloss: {b:g}"
             for i, (a, b) in enumerate(zip(train, valid))]
    lines += ["Early stopping, best iteration is:", lines[best]]
    path.write_text("".join(f"{indent}{line}\n" for line in lines))
    return path


def write_boosting_xgboost(path: Path, every: int = 10) -> Path:
    """``_boosting_rounds`` printed as XGBoost's ``train(..., early_stopping_rounds=50, verbose_eval=every)``
    prints them, counted from 0: a round every ``every`` and the last, then "Stopping. Best iteration:" over
    the best round's line, a round not printed before (61 of 0-111)."""
    train, valid, best = _boosting_rounds()

    def line(i):
        return f"[{i}]\ttrain-logloss:{train[i]:.5f}\teval-logloss:{valid[i]:.5f}"

    lines = [line(i) for i in range(len(train)) if i % every == 0 or i == len(train) - 1]
    lines[1:1] = ["Multiple eval metrics have been passed: 'eval-logloss' will be used for early stopping.", "",
                  "Will train until eval-logloss hasn't improved in 50 rounds."]
    path.write_text("\n".join(lines + ["Stopping. Best iteration:", line(best), ""]) + "\n")
    return path


def write_boosting_catboost(path: Path) -> Path:
    """``_boosting_rounds`` printed as CatBoost prints its iterations, counted from 0: ``34:\tlearn: ..\ttest: ..
    \tbest: .. (k)\ttotal: 17.5s\tremaining: 1m 39s``."""
    train, valid, _ = _boosting_rounds()
    lines, best = [], 0
    for i, (a, b) in enumerate(zip(train, valid)):
        best = i if b < valid[best] else best
        left = (len(train) - i - 1) * 0.5
        lines.append(f"{i}:\tlearn: {a:.7f}\ttest: {b:.7f}\tbest: {valid[best]:.7f} ({best})\ttotal: {0.5 * (i + 1):g}s"
                     f"\tremaining: {int(left // 60)}m {int(left % 60)}s")
    path.write_text("\n".join(lines) + "\n")
    return path


def _boosting_rounds() -> tuple[list[float], list[float], int]:
    """Logistic regression on 100 examples of 200 features (a sparse linear teacher, labels flipped for
    15%) by full-batch gradient descent at 0.02, a round per step: the training and held-out log loss
    after each round up to 50 rounds past the best held-out one, and that round's index."""
    rng = np.random.default_rng(3)
    teacher = np.where(rng.random(200) < 0.05, rng.standard_normal(200) * 3, 0.0)
    x = rng.standard_normal((600, 200))
    y = (x @ teacher + rng.standard_normal(600) > 0).astype(float)
    y[:100] = np.where(rng.random(100) < 0.15, 1 - y[:100], y[:100])
    w = np.zeros(200)

    def log_loss(a, b):
        p = np.clip(1 / (1 + np.exp(-(x[a:b] @ w))), 1e-12, 1 - 1e-12)
        return float(-np.mean(y[a:b] * np.log(p) + (1 - y[a:b]) * np.log(1 - p)))

    train, valid, best = [], [], 0
    for i in range(1000):
        p = 1 / (1 + np.exp(-(x[:100] @ w)))
        w -= 0.02 * x[:100].T @ (p - y[:100]) / 100
        train.append(log_loss(0, 100))
        valid.append(log_loss(100, 600))
        best = i if valid[-1] < valid[best] else best
        if i - best == 50:
            break
    return train, valid, best


def write_darknet_console(path: Path) -> Path:
    """WARMUP_HELD_TOO_HIGH_LOSS as darknet prints its iterations: the loss, its running average (0.9 of
    the last and 0.1 of the new), the LR, the seconds and images so far; the loader's time between them."""
    lines, avg = ["Learning Rate: 1, Momentum: 0.9, Decay: 0.0005", ""], None
    for i, loss in enumerate(WARMUP_HELD_TOO_HIGH_LOSS):
        avg = loss if avg is None else 0.9 * avg + 0.1 * loss
        lines += [f"Loaded: 0.0000{24 + i % 7} seconds", "",
                  f" {i + 1}: {loss:f}, {avg:f} avg loss, {min((i + 1) / 40, 1.0):f} rate, 3.2{i % 10} seconds, "
                  f"{64 * (i + 1)} images, {(150 - i) * 3.2 / 3600:f} hours left"]
    path.write_text("\n".join(lines) + "\n")
    return path


def write_episode_returns(path: Path, seed: int = 1) -> Path:
    """A DQN snake agent's return per episode as its training log writes it (``episode,reward``), drawn as
    the game scores an episode: about -10 when the snake dies hungry, -3 for a partial, 7 + 10 per extra
    food when it eats; the rate of eating 3% until episode 90, then rising 1 point every 3 episodes to 70%
    (the policy starting to succeed), partial episodes appearing with it."""
    rng = np.random.default_rng(seed)
    rows = ["episode,reward"]
    for episode in range(1, 323):
        eats = 0.03 if episode < 90 else min(0.7, 0.03 + (episode - 90) / 300)
        if rng.random() < eats:
            reward = 7.0 + 10 * rng.integers(0, 3) + rng.normal(0, 0.3)
        elif rng.random() < 0.3 * (episode >= 90):
            reward = -3.0 + rng.normal(0, 0.5)
        else:
            reward = -10.3 + abs(rng.normal(0, 0.4))
        rows.append(f"{episode},{reward:.4f}")
    path.write_text("\n".join(rows) + "\n")
    return path


def write_reinforce_returns(path: Path, seed: int = 6) -> Path:
    """A real policy-gradient run, small enough to train here: REINFORCE (step 0.01, a running-mean
    baseline) on a chain of four binary choices, each a logistic policy from -2, the episode ending at
    the first wrong choice with return -10 + 8.5 per right one; its return per episode logged as
    ``episode,reward``. Failures grow rarer as it learns but stay a large share for hundreds of episodes."""
    rng = np.random.default_rng(seed)
    theta, baseline, rows = np.full(4, -2.0), -10.0, ["episode,reward"]
    for episode in range(1, 321):
        p = 1 / (1 + np.exp(-theta))
        right = rng.random(4) < p
        k = 4 if right.all() else int(np.argmin(right))
        ret = -10.0 + 8.5 * k + rng.normal(0, 0.2)
        grad = np.zeros(4)
        grad[:k + 1] = (right - p)[:k + 1]
        theta += 0.01 * (ret - baseline) * grad
        baseline += 0.05 * (ret - baseline)
        rows.append(f"{episode},{ret:.2f}")
    path.write_text("\n".join(rows) + "\n")
    return path


def write_csv(path: Path, table: dict, columns: list[str] | None = None) -> Path:
    """The table as a CSV, with the columns named (all by default; the step or epoch first)."""
    columns = columns or list(table)
    path.write_text(",".join(columns) + "\n" + "".join(
        ",".join(str(table[c][i]) for c in columns) + "\n" for i in range(len(table[columns[0]]))))
    return path


# p17_adam_steplr_epochcsv_lr: MLP 20-128-128-10 on the teacher task, Adam 3e-3, StepLR(10, 0.1),
# 30 epochs; the LR falls at CSV epochs 11 and 21. The training loss falls 14-20% an epoch into the
# first decay, and 40% at it.
ADAM_STEPLR = {
    "epoch": [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    ],
    "lr": [
        3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-03,
        3e-04, 3e-04, 3e-04, 3e-04, 3e-04, 3e-04, 3e-04, 3e-04, 3e-04, 3e-04,
        3e-05, 3e-05, 3e-05, 3e-05, 3e-05, 3e-05, 3e-05, 3e-05, 3e-05, 3e-05,
    ],
    "train_loss": [
        1.1050, 0.4596, 0.3465, 0.2851, 0.2419, 0.2406, 0.1868, 0.1536, 0.1236, 0.1067,
        0.0663, 0.0459, 0.0392, 0.0368, 0.0349, 0.0329, 0.0319, 0.0304, 0.0296, 0.0285,
        0.0263, 0.0261, 0.0258, 0.0258, 0.0257, 0.0257, 0.0255, 0.0253, 0.0251, 0.0251,
    ],
    "val_loss": [
        0.5638, 0.4473, 0.4173, 0.3878, 0.4395, 0.3709, 0.3762, 0.3994, 0.4620, 0.4961,
        0.4030, 0.3889, 0.3818, 0.3777, 0.3778, 0.3775, 0.3772, 0.3789, 0.3801, 0.3822,
        0.3821, 0.3821, 0.3822, 0.3825, 0.3827, 0.3828, 0.3830, 0.3831, 0.3833, 0.3837,
    ],
    "val_acc": [
        0.8250, 0.8310, 0.8380, 0.8480, 0.8360, 0.8630, 0.8670, 0.8570, 0.8340, 0.8350,
        0.8630, 0.8740, 0.8750, 0.8790, 0.8770, 0.8780, 0.8810, 0.8790, 0.8810, 0.8780,
        0.8800, 0.8820, 0.8830, 0.8830, 0.8830, 0.8830, 0.8820, 0.8820, 0.8820, 0.8820,
    ],
}


# p16_plateau_adam_epochcsv: the same MLP, Adam 3e-3 with ReduceLROnPlateau(factor 0.1, patience 2),
# 35 epochs: the LR falls every third epoch from epoch 9 on.
ADAM_REDUCE_ON_PLATEAU = {
    "epoch": [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32, 33, 34, 35,
    ],
    "lr": [
        3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-03, 3e-04, 3e-04,
        3e-04, 3e-05, 3e-05, 3e-05, 3e-06, 3e-06, 3e-06, 3e-07, 3e-07, 3e-07,
        3e-08, 3e-08, 3e-08, 3e-09, 3e-09, 3e-09, 3e-09, 3e-09, 3e-09, 3e-09,
        3e-09, 3e-09, 3e-09, 3e-09, 3e-09,
    ],
    "train_loss": [
        1.2130, 0.5248, 0.4232, 0.3374, 0.2872, 0.2555, 0.1920, 0.1994, 0.1235, 0.0891,
        0.0792, 0.0723, 0.0712, 0.0706, 0.0699, 0.0698, 0.0703, 0.0699, 0.0700, 0.0695,
        0.0692, 0.0694, 0.0700, 0.0702, 0.0696, 0.0698, 0.0693, 0.0700, 0.0703, 0.0700,
        0.0702, 0.0697, 0.0698, 0.0700, 0.0700,
    ],
    "val_loss": [
        0.6678, 0.5585, 0.4616, 0.4863, 0.4531, 0.4798, 0.5527, 0.5381, 0.4729, 0.4672,
        0.4658, 0.4654, 0.4656, 0.4658, 0.4658, 0.4658, 0.4658, 0.4658, 0.4658, 0.4658,
        0.4658, 0.4658, 0.4658, 0.4658, 0.4658, 0.4658, 0.4658, 0.4658, 0.4658, 0.4658,
        0.4658, 0.4658, 0.4658, 0.4658, 0.4658,
    ],
}


# p01_adam_const_cnn_keras: a small CNN on digits, Adam 1e-3 constant, 30 epochs (Keras counts
# epochs from 0); the held-out loss is still settling, with one bad epoch (26) among its last few.
CNN_ADAM_CONSTANT = {
    "epoch": [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
        15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
    ],
    "loss": [
        2.1895, 1.4832, 0.5414, 0.2568, 0.1872, 0.1483, 0.1228, 0.1083, 0.0929, 0.0812,
        0.0644, 0.0625, 0.0590, 0.0424, 0.0388, 0.0363, 0.0340, 0.0296, 0.0311, 0.0272,
        0.0248, 0.0181, 0.0152, 0.0149, 0.0136, 0.0133, 0.0120, 0.0142, 0.0102, 0.0077,
    ],
    "val_loss": [
        1.9846, 0.9537, 0.5056, 0.3397, 0.3076, 0.2366, 0.2137, 0.2035, 0.2701, 0.1750,
        0.2185, 0.1742, 0.1608, 0.1778, 0.1414, 0.1497, 0.1517, 0.1503, 0.1330, 0.1392,
        0.1256, 0.1246, 0.1141, 0.1297, 0.1169, 0.1137, 0.1548, 0.1138, 0.1154, 0.1196,
    ],
}

# p06_plateau_adam_keras: the MLP on the teacher task with 20% of its labels flipped, Adam 3e-3 with
# ReduceLROnPlateau(factor 0.2, patience 3) on val_loss, 50 epochs, Keras CSVLogger (epochs from
# 0). The held-out loss bottoms at epoch 7 and the held-out accuracy settles 3 points lower from
# epoch 8, while the training loss keeps falling.
ADAM_KERAS_NOISY_LABELS = {
    "epoch": [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
        15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
        30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44,
        45, 46, 47, 48, 49,
    ],
    "learning_rate": [
        0.003, 0.003, 0.003, 0.003, 0.003, 0.003, 0.003, 0.003, 0.003, 0.003,
        0.003, 0.0006, 0.0006, 0.0006, 0.0006, 0.00012, 0.00012, 0.00012, 0.00012, 2.4e-05,
        2.4e-05, 2.4e-05, 2.4e-05, 4.8e-06, 4.8e-06, 4.8e-06, 4.8e-06, 9.6e-07, 9.6e-07, 9.6e-07,
        9.6e-07, 1.9e-07, 1.9e-07, 1.9e-07, 1.9e-07, 3.8e-08, 3.8e-08, 3.8e-08, 3.8e-08, 7.7e-09,
        7.7e-09, 7.7e-09, 7.7e-09, 7.7e-09, 7.7e-09, 7.7e-09, 7.7e-09, 7.7e-09, 7.7e-09, 7.7e-09,
    ],
    "loss": [
        1.6147, 1.2828, 1.2074, 1.1388, 1.1050, 1.0503, 1.0151, 0.9634, 0.9217, 0.8752,
        0.8152, 0.6787, 0.6433, 0.6269, 0.6049, 0.5707, 0.5676, 0.5635, 0.5621, 0.5520,
        0.5506, 0.5530, 0.5491, 0.5456, 0.5467, 0.5488, 0.5478, 0.5480, 0.5463, 0.5472,
        0.5480, 0.5446, 0.5460, 0.5475, 0.5479, 0.5436, 0.5484, 0.5492, 0.5500, 0.5481,
        0.5448, 0.5481, 0.5488, 0.5489, 0.5490, 0.5486, 0.5477, 0.5469, 0.5504, 0.5498,
    ],
    "val_accuracy": [
        0.7550, 0.7840, 0.7790, 0.7900, 0.7940, 0.7960, 0.7850, 0.7900, 0.7530, 0.7730,
        0.7740, 0.7760, 0.7630, 0.7620, 0.7620, 0.7610, 0.7600, 0.7610, 0.7600, 0.7610,
        0.7600, 0.7610, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620,
        0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620,
        0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620, 0.7620,
    ],
    "val_loss": [
        0.9062, 0.7265, 0.7412, 0.6971, 0.7151, 0.6836, 0.6528, 0.6667, 0.7414, 0.7110,
        0.7171, 0.6944, 0.6991, 0.7185, 0.7063, 0.7076, 0.7126, 0.7109, 0.7151, 0.7144,
        0.7142, 0.7141, 0.7153, 0.7152, 0.7152, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153,
        0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153,
        0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153, 0.7153,
    ],
}


# p18_bandit_reward_csv: REINFORCE with Adam 0.02 on a 20-armed bandit whose good arm (mean reward
# 1.0 against 0.3) starts at probability ~1e-3; the arm passes p = 0.5 at update 426. Every tenth
# update's episodic return, by update: 0.3 until the arm is found, then ~1.0 (values pass 1 with the noise).
BANDIT_RETURN = {
    "step": [
        10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150,
        160, 170, 180, 190, 200, 210, 220, 230, 240, 250, 260, 270, 280, 290, 300,
        310, 320, 330, 340, 350, 360, 370, 380, 390, 400, 410, 420, 430, 440, 450,
        460, 470, 480, 490, 500, 510, 520, 530, 540, 550, 560, 570, 580, 590, 600,
        610, 620, 630, 640, 650, 660, 670, 680, 690, 700, 710, 720, 730, 740, 750,
        760, 770, 780, 790, 800, 810, 820, 830, 840, 850, 860, 870, 880, 890, 900,
        910, 920, 930, 940, 950, 960, 970, 980, 990, 1000, 1010, 1020, 1030, 1040, 1050,
        1060, 1070, 1080, 1090, 1100, 1110, 1120, 1130, 1140, 1150, 1160, 1170, 1180, 1190, 1200,
        1210, 1220, 1230, 1240, 1250, 1260, 1270, 1280, 1290, 1300, 1310, 1320, 1330, 1340, 1350,
        1360, 1370, 1380, 1390, 1400, 1410, 1420, 1430, 1440, 1450, 1460, 1470, 1480, 1490, 1500,
    ],
    "episodic_return": [
        0.297, 0.302, 0.317, 0.312, 0.257, 0.307, 0.297, 0.280, 0.299, 0.284, 0.344, 0.360,
        0.266, 0.346, 0.351, 0.262, 0.318, 0.330, 0.388, 0.248, 0.299, 0.334, 0.329, 0.349,
        0.278, 0.280, 0.262, 0.274, 0.261, 0.214, 0.227, 0.350, 0.328, 0.361, 0.306, 0.323,
        0.389, 0.314, 0.354, 0.363, 0.491, 0.502, 0.723, 0.805, 0.854, 0.957, 1.000, 0.969,
        0.942, 0.968, 0.931, 1.008, 0.991, 0.965, 0.959, 0.940, 1.025, 1.038, 0.953, 0.923,
        0.980, 1.073, 0.984, 1.039, 1.027, 1.015, 1.053, 0.993, 0.965, 1.045, 0.950, 1.017,
        1.005, 1.013, 1.017, 0.961, 0.911, 1.004, 1.065, 1.012, 1.024, 0.961, 1.031, 0.982,
        0.941, 0.995, 0.978, 1.006, 1.013, 1.062, 1.014, 1.017, 0.981, 1.001, 1.035, 1.003,
        1.038, 1.083, 1.066, 0.957, 1.027, 1.027, 0.951, 0.958, 0.936, 0.969, 0.923, 1.023,
        1.027, 0.952, 0.982, 0.987, 0.969, 0.994, 0.990, 1.021, 0.998, 0.971, 1.027, 1.004,
        1.026, 1.015, 1.001, 0.980, 0.987, 1.092, 0.965, 1.063, 0.996, 0.967, 1.040, 1.053,
        1.044, 1.006, 1.005, 0.995, 0.999, 1.057, 1.013, 1.000, 0.984, 0.960, 1.024, 0.981,
        0.997, 0.963, 1.005, 0.975, 0.978, 1.017,
    ],
}


# p19_lr_range_test_csv: an LR range test (torch-lr-finder's way): SGD momentum 0.9 on digits, the
# LR going from 1e-5 towards 10 exponentially over 400 iterations (lr = 1e-5 * 1e6 ** (i / 399)),
# stopped at iteration 326 (LR 0.8) when the smoothed loss passed 5x its best. The minibatch loss,
# to 4 significant digits: flat, falling, then exploding over the last dozen iterations.
LR_RANGE_TEST_LOSS = [
        2.287, 2.285, 2.307, 2.3, 2.302, 2.282, 2.305, 2.31, 2.274, 2.313, 2.328, 2.31,
        2.333, 2.287, 2.313, 2.318, 2.304, 2.314, 2.317, 2.287, 2.311, 2.319, 2.313, 2.316,
        2.274, 2.327, 2.338, 2.318, 2.303, 2.316, 2.286, 2.301, 2.289, 2.296, 2.307, 2.284,
        2.294, 2.304, 2.314, 2.297, 2.32, 2.306, 2.309, 2.303, 2.278, 2.3, 2.263, 2.328,
        2.315, 2.27, 2.291, 2.3, 2.315, 2.282, 2.305, 2.31, 2.305, 2.321, 2.319, 2.301,
        2.31, 2.281, 2.334, 2.309, 2.302, 2.303, 2.304, 2.283, 2.318, 2.318, 2.322, 2.323,
        2.298, 2.312, 2.313, 2.304, 2.317, 2.32, 2.29, 2.309, 2.294, 2.318, 2.29, 2.312,
        2.287, 2.308, 2.273, 2.285, 2.283, 2.295, 2.29, 2.313, 2.265, 2.324, 2.292, 2.309,
        2.297, 2.295, 2.281, 2.277, 2.302, 2.303, 2.291, 2.304, 2.308, 2.262, 2.32, 2.304,
        2.29, 2.311, 2.306, 2.302, 2.298, 2.303, 2.297, 2.275, 2.304, 2.296, 2.3, 2.283,
        2.323, 2.305, 2.32, 2.29, 2.274, 2.289, 2.289, 2.323, 2.28, 2.294, 2.315, 2.29,
        2.283, 2.29, 2.268, 2.29, 2.289, 2.282, 2.299, 2.307, 2.295, 2.301, 2.276, 2.307,
        2.324, 2.294, 2.3, 2.3, 2.295, 2.298, 2.288, 2.288, 2.298, 2.291, 2.303, 2.289,
        2.284, 2.288, 2.282, 2.292, 2.323, 2.287, 2.285, 2.283, 2.278, 2.285, 2.286, 2.285,
        2.283, 2.282, 2.257, 2.297, 2.278, 2.287, 2.255, 2.276, 2.275, 2.276, 2.278, 2.264,
        2.277, 2.273, 2.266, 2.27, 2.297, 2.258, 2.266, 2.274, 2.263, 2.256, 2.285, 2.258,
        2.254, 2.28, 2.274, 2.258, 2.26, 2.248, 2.248, 2.225, 2.236, 2.223, 2.25, 2.205,
        2.235, 2.222, 2.222, 2.223, 2.207, 2.221, 2.236, 2.217, 2.215, 2.185, 2.222, 2.13,
        2.207, 2.171, 2.171, 2.163, 2.186, 2.181, 2.167, 2.074, 2.13, 2.101, 2.094, 2.081,
        2.094, 2.071, 2.008, 2.04, 1.997, 2.026, 1.875, 1.946, 1.945, 1.802, 1.699, 1.709,
        1.811, 1.721, 1.502, 1.577, 1.506, 1.372, 1.241, 1.179, 1.151, 1.16, 1.014, 0.9447,
        1.039, 1.009, 1.052, 1.304, 0.6512, 0.761, 0.7473, 0.7699, 0.6167, 0.8276, 0.6518, 0.5305,
        1.208, 0.2455, 0.5794, 0.5006, 0.5699, 0.8708, 0.7917, 0.9136, 0.5383, 0.2904, 0.5591, 0.2643,
        0.5062, 0.4802, 0.3276, 0.4011, 0.1244, 0.5516, 0.5063, 0.4719, 0.6752, 0.5076, 0.5314, 0.4013,
        0.8241, 0.3652, 0.6516, 1.78, 0.3408, 1.024, 0.7187, 0.7753, 0.7986, 0.8762, 0.8854, 0.6029,
        0.5753, 0.5411, 0.4169, 0.3273, 0.5605, 0.3288, 0.7249, 0.8379, 1.087, 1.547, 0.5842, 0.6948,
        1.123, 0.769, 0.7915, 0.6676, 0.7258, 2.221, 3.843, 1.922, 3.392, 1.869, 2.714, 4.563,
        3.853, 15.63, 116.5,
]


# p20_xf_copy_adam_highlr_tb: a two-layer causal transformer on a copy task (16 random tokens, then
# the same 16), Adam at a constant 1e-2 with no warmup, 1,500 updates. The minibatch loss, to 4
# significant digits: down to the unpredictable half's floor (about 1.35) within 50 steps, flat,
# then thrown up to x1.9 (2.575 at step 1241) from step 1231, and back near 1.4 by about 1290.
XF_COPY_HIGHLR_LOSS = [
        3.098, 3.572, 3.118, 2.892, 2.99, 2.856, 2.835, 2.85, 2.816, 2.857, 2.795, 2.821, 2.824, 2.762,
        2.802, 2.808, 2.769, 2.782, 2.826, 2.731, 2.725, 2.737, 2.678, 2.586, 2.569, 2.474, 2.407, 2.31,
        2.228, 2.11, 2.015, 1.91, 1.803, 1.717, 1.717, 1.673, 1.641, 1.59, 1.601, 1.546, 1.551, 1.528,
        1.509, 1.505, 1.517, 1.459, 1.51, 1.479, 1.472, 1.442, 1.46, 1.447, 1.446, 1.448, 1.434, 1.443,
        1.428, 1.412, 1.454, 1.43, 1.432, 1.42, 1.433, 1.438, 1.421, 1.425, 1.408, 1.408, 1.403, 1.406,
        1.41, 1.419, 1.419, 1.402, 1.411, 1.401, 1.398, 1.397, 1.395, 1.384, 1.389, 1.396, 1.378, 1.377,
        1.395, 1.377, 1.389, 1.379, 1.389, 1.399, 1.391, 1.39, 1.368, 1.374, 1.383, 1.403, 1.371, 1.389,
        1.37, 1.383, 1.373, 1.374, 1.387, 1.375, 1.373, 1.368, 1.368, 1.351, 1.366, 1.366, 1.39, 1.364,
        1.379, 1.375, 1.366, 1.372, 1.375, 1.367, 1.361, 1.369, 1.38, 1.38, 1.366, 1.369, 1.373, 1.367,
        1.363, 1.357, 1.361, 1.36, 1.365, 1.36, 1.359, 1.371, 1.36, 1.361, 1.377, 1.36, 1.378, 1.366,
        1.364, 1.359, 1.358, 1.366, 1.363, 1.362, 1.367, 1.355, 1.361, 1.379, 1.371, 1.362, 1.357, 1.36,
        1.38, 1.355, 1.368, 1.362, 1.371, 1.36, 1.355, 1.356, 1.369, 1.369, 1.361, 1.349, 1.373, 1.354,
        1.353, 1.361, 1.362, 1.36, 1.355, 1.364, 1.362, 1.37, 1.372, 1.358, 1.361, 1.347, 1.358, 1.358,
        1.358, 1.35, 1.357, 1.362, 1.351, 1.349, 1.355, 1.348, 1.354, 1.351, 1.359, 1.362, 1.362, 1.352,
        1.357, 1.353, 1.362, 1.352, 1.363, 1.358, 1.357, 1.35, 1.35, 1.358, 1.351, 1.351, 1.35, 1.367,
        1.359, 1.361, 1.359, 1.355, 1.348, 1.34, 1.354, 1.353, 1.364, 1.353, 1.356, 1.352, 1.347, 1.36,
        1.354, 1.35, 1.35, 1.359, 1.359, 1.352, 1.348, 1.35, 1.346, 1.351, 1.347, 1.349, 1.347, 1.35,
        1.351, 1.356, 1.361, 1.354, 1.354, 1.353, 1.351, 1.351, 1.363, 1.361, 1.357, 1.363, 1.356, 1.364,
        1.345, 1.347, 1.359, 1.358, 1.346, 1.353, 1.35, 1.342, 1.349, 1.356, 1.351, 1.362, 1.357, 1.348,
        1.351, 1.346, 1.35, 1.364, 1.345, 1.343, 1.353, 1.362, 1.359, 1.351, 1.345, 1.348, 1.351, 1.351,
        1.352, 1.35, 1.351, 1.35, 1.356, 1.354, 1.346, 1.35, 1.352, 1.349, 1.347, 1.349, 1.353, 1.351,
        1.349, 1.346, 1.349, 1.355, 1.35, 1.354, 1.349, 1.34, 1.351, 1.349, 1.357, 1.351, 1.356, 1.349,
        1.351, 1.35, 1.356, 1.358, 1.352, 1.349, 1.35, 1.356, 1.346, 1.354, 1.355, 1.353, 1.35, 1.351,
        1.345, 1.351, 1.357, 1.35, 1.344, 1.35, 1.349, 1.345, 1.342, 1.354, 1.352, 1.354, 1.349, 1.353,
        1.356, 1.35, 1.351, 1.35, 1.356, 1.352, 1.352, 1.354, 1.354, 1.353, 1.349, 1.35, 1.351, 1.346,
        1.347, 1.345, 1.35, 1.349, 1.355, 1.353, 1.355, 1.348, 1.345, 1.348, 1.347, 1.351, 1.353, 1.35,
        1.352, 1.352, 1.353, 1.345, 1.355, 1.346, 1.36, 1.35, 1.343, 1.344, 1.346, 1.354, 1.348, 1.346,
        1.349, 1.343, 1.348, 1.348, 1.349, 1.35, 1.352, 1.354, 1.358, 1.349, 1.355, 1.342, 1.351, 1.35,
        1.347, 1.349, 1.345, 1.354, 1.349, 1.345, 1.346, 1.351, 1.351, 1.351, 1.346, 1.346, 1.345, 1.35,
        1.349, 1.346, 1.352, 1.349, 1.346, 1.348, 1.349, 1.346, 1.348, 1.345, 1.344, 1.343, 1.344, 1.347,
        1.349, 1.349, 1.346, 1.352, 1.353, 1.35, 1.353, 1.353, 1.348, 1.357, 1.351, 1.346, 1.34, 1.351,
        1.351, 1.347, 1.349, 1.349, 1.354, 1.348, 1.348, 1.349, 1.344, 1.347, 1.35, 1.351, 1.344, 1.346,
        1.351, 1.35, 1.345, 1.344, 1.357, 1.357, 1.349, 1.348, 1.35, 1.348, 1.35, 1.346, 1.345, 1.347,
        1.348, 1.345, 1.355, 1.346, 1.35, 1.346, 1.352, 1.343, 1.348, 1.347, 1.351, 1.352, 1.353, 1.348,
        1.348, 1.34, 1.339, 1.344, 1.349, 1.349, 1.355, 1.354, 1.342, 1.347, 1.352, 1.351, 1.342, 1.346,
        1.349, 1.346, 1.342, 1.343, 1.349, 1.348, 1.344, 1.349, 1.345, 1.351, 1.349, 1.352, 1.35, 1.349,
        1.349, 1.348, 1.342, 1.348, 1.348, 1.358, 1.351, 1.343, 1.351, 1.35, 1.345, 1.349, 1.353, 1.349,
        1.355, 1.344, 1.347, 1.346, 1.347, 1.348, 1.352, 1.348, 1.349, 1.347, 1.355, 1.351, 1.346, 1.349,
        1.345, 1.35, 1.351, 1.348, 1.344, 1.349, 1.346, 1.35, 1.349, 1.351, 1.35, 1.351, 1.344, 1.353,
        1.347, 1.349, 1.343, 1.352, 1.347, 1.358, 1.346, 1.352, 1.345, 1.352, 1.352, 1.354, 1.35, 1.355,
        1.348, 1.351, 1.354, 1.346, 1.355, 1.35, 1.343, 1.344, 1.348, 1.348, 1.348, 1.347, 1.346, 1.346,
        1.353, 1.344, 1.345, 1.344, 1.346, 1.344, 1.346, 1.348, 1.348, 1.346, 1.344, 1.349, 1.349, 1.351,
        1.341, 1.347, 1.348, 1.348, 1.349, 1.351, 1.345, 1.341, 1.343, 1.341, 1.354, 1.348, 1.352, 1.347,
        1.348, 1.348, 1.347, 1.349, 1.349, 1.347, 1.35, 1.351, 1.349, 1.349, 1.344, 1.346, 1.338, 1.35,
        1.346, 1.347, 1.355, 1.348, 1.352, 1.348, 1.345, 1.346, 1.349, 1.345, 1.351, 1.351, 1.346, 1.346,
        1.344, 1.356, 1.348, 1.341, 1.344, 1.349, 1.347, 1.351, 1.35, 1.344, 1.346, 1.354, 1.35, 1.345,
        1.347, 1.347, 1.34, 1.348, 1.346, 1.342, 1.345, 1.351, 1.346, 1.342, 1.351, 1.351, 1.347, 1.344,
        1.353, 1.339, 1.349, 1.347, 1.346, 1.347, 1.344, 1.349, 1.348, 1.345, 1.345, 1.349, 1.344, 1.351,
        1.349, 1.348, 1.342, 1.346, 1.354, 1.347, 1.347, 1.348, 1.351, 1.349, 1.346, 1.346, 1.348, 1.344,
        1.349, 1.343, 1.348, 1.341, 1.348, 1.348, 1.347, 1.359, 1.347, 1.349, 1.348, 1.35, 1.346, 1.351,
        1.345, 1.352, 1.347, 1.346, 1.35, 1.346, 1.346, 1.348, 1.348, 1.348, 1.347, 1.35, 1.346, 1.345,
        1.347, 1.354, 1.347, 1.346, 1.345, 1.347, 1.345, 1.346, 1.34, 1.347, 1.35, 1.343, 1.343, 1.347,
        1.35, 1.349, 1.345, 1.343, 1.348, 1.346, 1.341, 1.345, 1.35, 1.348, 1.347, 1.344, 1.341, 1.346,
        1.351, 1.355, 1.346, 1.346, 1.348, 1.352, 1.353, 1.343, 1.346, 1.35, 1.346, 1.349, 1.342, 1.337,
        1.34, 1.351, 1.353, 1.351, 1.346, 1.353, 1.349, 1.343, 1.345, 1.351, 1.348, 1.352, 1.351, 1.347,
        1.351, 1.35, 1.344, 1.346, 1.346, 1.351, 1.344, 1.347, 1.342, 1.348, 1.35, 1.347, 1.345, 1.348,
        1.348, 1.342, 1.343, 1.345, 1.345, 1.352, 1.344, 1.343, 1.344, 1.345, 1.348, 1.346, 1.346, 1.346,
        1.348, 1.345, 1.347, 1.351, 1.351, 1.345, 1.347, 1.346, 1.345, 1.345, 1.351, 1.35, 1.347, 1.345,
        1.35, 1.345, 1.347, 1.354, 1.343, 1.344, 1.347, 1.344, 1.353, 1.343, 1.352, 1.352, 1.349, 1.349,
        1.345, 1.354, 1.346, 1.349, 1.35, 1.347, 1.344, 1.345, 1.342, 1.353, 1.348, 1.353, 1.346, 1.348,
        1.348, 1.349, 1.345, 1.347, 1.345, 1.348, 1.346, 1.34, 1.345, 1.351, 1.346, 1.347, 1.35, 1.345,
        1.35, 1.343, 1.346, 1.345, 1.338, 1.347, 1.341, 1.347, 1.341, 1.352, 1.345, 1.348, 1.344, 1.347,
        1.348, 1.348, 1.35, 1.352, 1.346, 1.347, 1.348, 1.343, 1.346, 1.344, 1.349, 1.343, 1.344, 1.345,
        1.351, 1.344, 1.345, 1.352, 1.344, 1.35, 1.355, 1.348, 1.348, 1.35, 1.35, 1.348, 1.345, 1.346,
        1.345, 1.35, 1.35, 1.343, 1.345, 1.345, 1.344, 1.345, 1.346, 1.342, 1.346, 1.349, 1.354, 1.349,
        1.345, 1.35, 1.344, 1.345, 1.344, 1.345, 1.339, 1.343, 1.346, 1.355, 1.341, 1.351, 1.347, 1.345,
        1.344, 1.35, 1.35, 1.348, 1.345, 1.35, 1.349, 1.347, 1.341, 1.347, 1.344, 1.346, 1.349, 1.348,
        1.35, 1.35, 1.34, 1.348, 1.348, 1.351, 1.353, 1.343, 1.345, 1.351, 1.345, 1.347, 1.35, 1.343,
        1.349, 1.345, 1.344, 1.349, 1.343, 1.348, 1.347, 1.349, 1.345, 1.348, 1.347, 1.346, 1.346, 1.347,
        1.344, 1.345, 1.347, 1.349, 1.347, 1.351, 1.35, 1.343, 1.346, 1.345, 1.348, 1.348, 1.345, 1.349,
        1.351, 1.346, 1.348, 1.348, 1.344, 1.344, 1.347, 1.345, 1.347, 1.342, 1.352, 1.344, 1.344, 1.347,
        1.349, 1.347, 1.349, 1.347, 1.343, 1.344, 1.346, 1.343, 1.344, 1.343, 1.344, 1.347, 1.351, 1.346,
        1.349, 1.347, 1.343, 1.346, 1.349, 1.344, 1.341, 1.343, 1.341, 1.347, 1.345, 1.346, 1.339, 1.35,
        1.345, 1.343, 1.344, 1.349, 1.338, 1.35, 1.353, 1.349, 1.351, 1.35, 1.345, 1.343, 1.347, 1.346,
        1.35, 1.348, 1.345, 1.347, 1.347, 1.35, 1.349, 1.341, 1.349, 1.341, 1.345, 1.346, 1.349, 1.351,
        1.346, 1.348, 1.349, 1.353, 1.345, 1.345, 1.344, 1.344, 1.347, 1.345, 1.345, 1.344, 1.345, 1.345,
        1.343, 1.346, 1.352, 1.346, 1.35, 1.344, 1.346, 1.346, 1.34, 1.35, 1.356, 1.347, 1.339, 1.345,
        1.348, 1.344, 1.348, 1.341, 1.345, 1.346, 1.349, 1.351, 1.347, 1.345, 1.344, 1.343, 1.344, 1.351,
        1.346, 1.343, 1.349, 1.348, 1.343, 1.348, 1.345, 1.347, 1.344, 1.347, 1.34, 1.346, 1.346, 1.349,
        1.344, 1.352, 1.342, 1.345, 1.349, 1.35, 1.35, 1.35, 1.346, 1.343, 1.34, 1.345, 1.351, 1.339,
        1.342, 1.344, 1.35, 1.349, 1.348, 1.348, 1.348, 1.344, 1.348, 1.344, 1.343, 1.343, 1.345, 1.341,
        1.342, 1.347, 1.342, 1.35, 1.341, 1.346, 1.345, 1.345, 1.346, 1.348, 1.34, 1.346, 1.347, 1.343,
        1.353, 1.348, 1.35, 1.346, 1.35, 1.349, 1.346, 1.348, 1.347, 1.342, 1.343, 1.35, 1.344, 1.344,
        1.344, 1.344, 1.345, 1.345, 1.351, 1.344, 1.346, 1.343, 1.344, 1.35, 1.348, 1.342, 1.346, 1.347,
        1.351, 1.345, 1.347, 1.348, 1.347, 1.343, 1.351, 1.346, 1.343, 1.348, 1.349, 1.349, 1.34, 1.349,
        1.348, 1.349, 1.347, 1.343, 1.351, 1.342, 1.345, 1.348, 1.347, 1.351, 1.349, 1.347, 1.347, 1.347,
        1.345, 1.349, 1.348, 1.347, 1.346, 1.346, 1.345, 1.346, 1.345, 1.349, 1.346, 1.349, 1.344, 1.348,
        1.343, 1.345, 1.342, 1.352, 1.347, 1.349, 1.344, 1.355, 1.347, 1.349, 1.348, 1.359, 2.102, 1.59,
        1.795, 2.34, 2.39, 2.305, 2.271, 2.12, 1.941, 2.317, 2.575, 2.156, 2.193, 2.314, 1.986, 2.049,
        1.89, 1.839, 1.866, 1.634, 1.812, 1.825, 1.71, 1.649, 1.92, 2.144, 1.869, 1.737, 1.673, 1.641,
        1.599, 1.571, 1.565, 1.547, 1.522, 1.488, 1.523, 1.498, 1.453, 1.502, 1.447, 1.44, 1.417, 1.42,
        1.412, 1.433, 1.417, 1.439, 1.401, 1.418, 1.399, 1.393, 1.403, 1.415, 1.39, 1.394, 1.406, 1.384,
        1.417, 1.389, 1.382, 1.371, 1.376, 1.378, 1.397, 1.383, 1.378, 1.379, 1.374, 1.392, 1.369, 1.372,
        1.372, 1.373, 1.373, 1.377, 1.385, 1.365, 1.375, 1.365, 1.367, 1.365, 1.384, 1.366, 1.365, 1.37,
        1.364, 1.35, 1.376, 1.377, 1.371, 1.369, 1.372, 1.361, 1.376, 1.363, 1.373, 1.36, 1.364, 1.364,
        1.362, 1.365, 1.382, 1.37, 1.361, 1.359, 1.364, 1.355, 1.366, 1.365, 1.376, 1.363, 1.352, 1.359,
        1.36, 1.363, 1.357, 1.361, 1.354, 1.358, 1.359, 1.375, 1.359, 1.364, 1.366, 1.356, 1.364, 1.366,
        1.353, 1.348, 1.354, 1.36, 1.358, 1.362, 1.351, 1.361, 1.366, 1.358, 1.362, 1.362, 1.35, 1.36,
        1.353, 1.354, 1.36, 1.361, 1.356, 1.362, 1.352, 1.365, 1.347, 1.366, 1.356, 1.357, 1.37, 1.354,
        1.347, 1.355, 1.365, 1.361, 1.358, 1.374, 1.359, 1.355, 1.355, 1.362, 1.363, 1.352, 1.353, 1.35,
        1.354, 1.351, 1.355, 1.353, 1.357, 1.354, 1.356, 1.359, 1.354, 1.354, 1.353, 1.343, 1.356, 1.35,
        1.358, 1.362, 1.365, 1.364, 1.351, 1.343, 1.361, 1.35, 1.357, 1.354, 1.35, 1.362, 1.355, 1.354,
        1.359, 1.346, 1.362, 1.364, 1.361, 1.364, 1.356, 1.359, 1.361, 1.355, 1.364, 1.356, 1.364, 1.372,
        1.36, 1.353, 1.349, 1.36, 1.355, 1.357, 1.349, 1.354, 1.348, 1.36, 1.357, 1.345, 1.348, 1.35,
        1.353, 1.346, 1.366, 1.354, 1.352, 1.354, 1.361, 1.357, 1.348, 1.351, 1.359, 1.35, 1.357, 1.355,
        1.352, 1.361, 1.346, 1.352, 1.348, 1.362, 1.374, 1.358, 1.349, 1.362, 1.359, 1.352, 1.353, 1.358,
        1.356, 1.345, 1.354, 1.341, 1.356, 1.357, 1.359, 1.359, 1.351, 1.357, 1.352, 1.359, 1.36, 1.35,
        1.353, 1.346,
]


# p21_sparse_parity_csv: sparse parity (20 bits, 3 relevant), MLP 20-256-1, SGD 0.1 constant, fresh
# batches, no epochs. The mean loss of every 20 updates sits at ln 2 until about update 900, then
# falls off a cliff and slides on to 0.001 on the log scale; held-out loss and accuracy every 200.
SPARSE_PARITY = {
    "train_loss": [
        0.7066, 0.7081, 0.7089, 0.7050, 0.7004, 0.6948, 0.7017, 0.7001, 0.7032, 0.7022,
        0.7062, 0.7034, 0.7039, 0.7022, 0.7049, 0.6991, 0.7070, 0.6982, 0.7050, 0.7045,
        0.6998, 0.7040, 0.6935, 0.7085, 0.6958, 0.7011, 0.6987, 0.7052, 0.7050, 0.7048,
        0.7033, 0.7029, 0.7059, 0.6969, 0.6958, 0.6972, 0.6980, 0.6998, 0.6975, 0.6941,
        0.6944, 0.6928, 0.6952, 0.6947, 0.6882, 0.6932, 0.6915, 0.6886, 0.6757, 0.6791,
        0.6602, 0.6666, 0.6431, 0.6286, 0.6205, 0.6130, 0.6013, 0.5729, 0.5813, 0.5483,
        0.5469, 0.5313, 0.5144, 0.5120, 0.4878, 0.4602, 0.4440, 0.4363, 0.3878, 0.3664,
        0.3410, 0.3088, 0.2885, 0.2528, 0.2293, 0.2091, 0.1891, 0.1696, 0.1545, 0.1340,
        0.1256, 0.1181, 0.1077, 0.1005, 0.0898, 0.0845, 0.0784, 0.0746, 0.0647, 0.0632,
        0.0583, 0.0548, 0.0531, 0.0500, 0.0459, 0.0441, 0.0421, 0.0390, 0.0374, 0.0349,
        0.0328, 0.0334, 0.0310, 0.0295, 0.0278, 0.0273, 0.0260, 0.0245, 0.0241, 0.0233,
        0.0230, 0.0224, 0.0213, 0.0204, 0.0194, 0.0193, 0.0183, 0.0181, 0.0176, 0.0170,
        0.0165, 0.0163, 0.0156, 0.0149, 0.0148, 0.0149, 0.0144, 0.0136, 0.0136, 0.0128,
        0.0125, 0.0123, 0.0126, 0.0117, 0.0114, 0.0114, 0.0111, 0.0109, 0.0108, 0.0105,
        0.0101, 0.0101, 0.0099, 0.0095, 0.0093, 0.0094, 0.0091, 0.0090, 0.0086, 0.0088,
        0.0085, 0.0082, 0.0082, 0.0080, 0.0081, 0.0077, 0.0075, 0.0074, 0.0074, 0.0076,
        0.0072, 0.0074, 0.0068, 0.0070, 0.0066, 0.0068, 0.0068, 0.0066, 0.0064, 0.0063,
        0.0063, 0.0059, 0.0060, 0.0058, 0.0059, 0.0058, 0.0057, 0.0057, 0.0056, 0.0055,
        0.0055, 0.0056, 0.0054, 0.0053, 0.0053, 0.0052, 0.0053, 0.0051, 0.0050, 0.0050,
        0.0049, 0.0049, 0.0047, 0.0047, 0.0047, 0.0047, 0.0045, 0.0046, 0.0045, 0.0042,
        0.0043, 0.0044, 0.0042, 0.0043, 0.0041, 0.0041, 0.0041, 0.0041, 0.0040, 0.0040,
        0.0041, 0.0038, 0.0038, 0.0039, 0.0037, 0.0038, 0.0037, 0.0037, 0.0036, 0.0037,
        0.0037, 0.0036, 0.0035, 0.0037, 0.0036, 0.0034, 0.0033, 0.0035, 0.0034, 0.0034,
        0.0033, 0.0032, 0.0032, 0.0032, 0.0034, 0.0032, 0.0032, 0.0031, 0.0033, 0.0031,
        0.0031, 0.0030, 0.0030, 0.0030, 0.0030, 0.0029, 0.0030, 0.0028, 0.0029, 0.0028,
        0.0028, 0.0029, 0.0029, 0.0027, 0.0027, 0.0028, 0.0027, 0.0028, 0.0026, 0.0026,
        0.0026, 0.0026, 0.0026, 0.0026, 0.0025, 0.0026, 0.0025, 0.0025, 0.0025, 0.0025,
        0.0025, 0.0023, 0.0024, 0.0024, 0.0024, 0.0024, 0.0024, 0.0023, 0.0023, 0.0023,
        0.0024, 0.0023, 0.0024, 0.0023, 0.0022, 0.0022, 0.0021, 0.0022, 0.0023, 0.0022,
        0.0022, 0.0023, 0.0022, 0.0021, 0.0021, 0.0022, 0.0020, 0.0021, 0.0021, 0.0021,
        0.0020, 0.0020, 0.0020, 0.0020, 0.0020, 0.0020, 0.0020, 0.0020, 0.0019, 0.0019,
        0.0019, 0.0019, 0.0019, 0.0019, 0.0019, 0.0019, 0.0019, 0.0019, 0.0019, 0.0018,
        0.0019, 0.0018, 0.0019, 0.0018, 0.0018, 0.0018, 0.0018, 0.0017, 0.0018, 0.0018,
        0.0018, 0.0017, 0.0018, 0.0018, 0.0017, 0.0017, 0.0017, 0.0017, 0.0017, 0.0017,
        0.0017, 0.0016, 0.0017, 0.0016, 0.0017, 0.0016, 0.0016, 0.0016, 0.0016, 0.0017,
        0.0016, 0.0016, 0.0015, 0.0016, 0.0015, 0.0016, 0.0015, 0.0016, 0.0015, 0.0015,
        0.0015, 0.0015, 0.0016, 0.0015, 0.0015, 0.0015, 0.0014, 0.0015, 0.0015, 0.0015,
        0.0015, 0.0015, 0.0015, 0.0015, 0.0015, 0.0014, 0.0014, 0.0015, 0.0014, 0.0014,
        0.0014, 0.0014, 0.0014, 0.0014, 0.0014, 0.0013, 0.0014, 0.0014, 0.0014, 0.0014,
        0.0013, 0.0013, 0.0013, 0.0013, 0.0013, 0.0014, 0.0013, 0.0013, 0.0013, 0.0013,
    ],
    "val_loss": [
        0.7015, 0.6991, 0.6957, 0.6973, 0.6682, 0.5563, 0.3511, 0.1334, 0.0607, 0.0348,
        0.0233, 0.0169, 0.0130, 0.0105, 0.0087, 0.0074, 0.0064, 0.0056, 0.0050, 0.0044,
        0.0040, 0.0037, 0.0034, 0.0031, 0.0029, 0.0027, 0.0025, 0.0024, 0.0022, 0.0021,
        0.0020, 0.0019, 0.0018, 0.0017, 0.0016, 0.0015, 0.0015, 0.0014, 0.0014, 0.0013,
    ],
    "val_acc": [
        0.4975, 0.4955, 0.5155, 0.5235, 0.5840, 0.7075, 0.9685, 1.0000, 1.0000, 1.0000,
        1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000,
        1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000,
        1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000,
    ],
}


def write_sparse_parity(path: Path, every: int = 20) -> Path:
    """SPARSE_PARITY as its CSV (step,train_loss,val_loss,val_acc; held-out cells empty between
    evaluations), the loss printed every ``every`` updates (a multiple of 20: the mean of the
    20-update means since the last print)."""
    per = every // 20
    loss = SPARSE_PARITY["train_loss"]
    held = {200 * (i + 1): i for i in range(len(SPARSE_PARITY["val_loss"]))}
    rows = []
    for k in range(len(loss) // per):
        step = every * (k + 1)
        mean = sum(loss[k * per:(k + 1) * per]) / per
        i = held.get(step)
        val = "," if i is None else f"{SPARSE_PARITY['val_loss'][i]},{SPARSE_PARITY['val_acc'][i]}"
        rows.append(f"{step},{mean:.4f},{val}\n")
    path.write_text("step,train_loss,val_loss,val_acc\n" + "".join(rows))
    return path


# p22_xf_modsum_linear_to_zero_wandb: a two-layer transformer learns the sum of 4 digits mod 7,
# AdamW 2e-3 decaying linearly to 0 over 2,000 updates, no warmup; the update's own loss every 10
# updates. It sits at ln 7 until about update 170, then cascades while the LR eases by a third.
XF_MODSUM_LINEAR_TO_ZERO = [
        2.0248, 1.9536, 1.9637, 1.9623, 1.9621, 1.9595, 1.9348, 1.9485, 1.9498, 1.9502,
        1.9422, 1.9521, 1.9594, 1.9543, 1.9213, 1.9363, 1.9761, 1.9097, 1.8074, 1.8005,
        1.6689, 1.6491, 1.5236, 1.2662, 1.2486, 1.2598, 1.3429, 1.0507, 0.9641, 0.8211,
        0.8103, 0.8535, 0.7276, 0.6668, 0.6229, 0.8545, 0.7234, 0.4532, 0.8030, 0.5161,
        0.3889, 0.2380, 0.1964, 0.3850, 0.3518, 0.2897, 0.1283, 0.2414, 0.3664, 0.1704,
        0.1550, 0.1007, 0.0665, 0.8413, 0.1329, 0.1190, 0.3068, 0.0765, 0.1339, 0.0617,
        0.0529, 0.0667, 0.0326, 0.1604, 0.0925, 0.0223, 0.0599, 0.1223, 0.1258, 0.0248,
        0.0862, 0.0433, 0.0313, 0.0755, 0.0985, 0.0526, 0.1493, 0.1235, 0.0591, 0.1271,
        0.0340, 0.0175, 0.0088, 0.0259, 0.0495, 0.0119, 0.0065, 0.0090, 0.0093, 0.0046,
        0.0039, 0.0045, 0.0035, 0.0036, 0.0037, 0.0034, 0.0027, 0.0057, 0.0045, 0.0025,
        0.0039, 0.0026, 0.0023, 0.0028, 0.0028, 0.0026, 0.0042, 0.0020, 0.0032, 0.0023,
        0.0028, 0.0031, 0.0022, 0.0024, 0.0019, 0.0022, 0.0041, 0.0029, 0.0019, 0.0021,
        0.0041, 0.0036, 0.0029, 0.0017, 0.0026, 0.0015, 0.0026, 0.0018, 0.0033, 0.0020,
        0.0020, 0.0021, 0.0019, 0.0022, 0.0028, 0.0016, 0.0017, 0.0016, 0.0016, 0.0029,
        0.0024, 0.0036, 0.0020, 0.0022, 0.0023, 0.0023, 0.0017, 0.0018, 0.0018, 0.0022,
        0.0018, 0.0017, 0.0009, 0.0018, 0.0015, 0.0017, 0.0017, 0.0020, 0.0014, 0.0016,
        0.0021, 0.0011, 0.0020, 0.0012, 0.0013, 0.0015, 0.0020, 0.0023, 0.0024, 0.0015,
        0.0011, 0.0012, 0.0015, 0.0011, 0.0019, 0.0011, 0.0014, 0.0022, 0.0014, 0.0012,
        0.0023, 0.0021, 0.0009, 0.0010, 0.0016, 0.0014, 0.0015, 0.0016, 0.0016, 0.0019,
        0.0011, 0.0016, 0.0014, 0.0016, 0.0015, 0.0018, 0.0014, 0.0012, 0.0011, 0.0020,
]


def write_xf_modsum_linear_to_zero(path: Path) -> Path:
    """XF_MODSUM_LINEAR_TO_ZERO as W&B history (train/loss, train/lr, _step), the LR as the run's
    LambdaLR set it before each logged update: 2e-3 x (1 - (step - 1) / 2000)."""
    import json

    path.write_text("".join(json.dumps({"train/loss": v, "train/lr": round(2e-3 * (1 - (10 * i + 9) / 2000), 9),
                                         "_step": 10 * (i + 1)}) + "\n"
                            for i, v in enumerate(XF_MODSUM_LINEAR_TO_ZERO)))
    return path


# p23_class_shift_hf: an MLP on digits, AdamW 1e-3 constant, trained on the digits 0-4 only for 600
# updates, then on all ten. The Trainer's loss (mean of 10 updates) and grad_norm every 10 updates;
# eval_loss and eval_accuracy (all ten digits) every 50.
CLASS_SHIFT = {
    "loss": [
        2.1995, 2.0203, 1.8196, 1.5929, 1.4280, 1.2629, 1.1584, 0.9997, 0.8761, 0.7518,
        0.6846, 0.5964, 0.5009, 0.4849, 0.4339, 0.3530, 0.3184, 0.3204, 0.2919, 0.2571,
        0.2594, 0.2170, 0.1999, 0.1854, 0.2318, 0.1714, 0.1404, 0.1383, 0.1487, 0.1766,
        0.1216, 0.1146, 0.1042, 0.1201, 0.1160, 0.0799, 0.1007, 0.1307, 0.1527, 0.0964,
        0.1365, 0.0840, 0.0752, 0.0629, 0.0739, 0.0635, 0.0747, 0.0770, 0.0642, 0.0577,
        0.0759, 0.0785, 0.0449, 0.0855, 0.0540, 0.0755, 0.0674, 0.1105, 0.0645, 0.0722,
        4.1627, 2.8510, 1.3866, 1.1443, 1.0976, 0.9158, 0.8803, 0.7806, 0.7281, 0.7322,
        0.6146, 0.5679, 0.5582, 0.5021, 0.4547, 0.4073, 0.4299, 0.4267, 0.3445, 0.3824,
        0.3787, 0.3201, 0.2865, 0.3218, 0.3415, 0.2891, 0.3363, 0.2685, 0.2451, 0.2326,
        0.2447, 0.2792, 0.2718, 0.3245, 0.2761, 0.2782, 0.2060, 0.2150, 0.2194, 0.2342,
        0.1904, 0.2184, 0.2588, 0.1842, 0.2196, 0.2212, 0.2564, 0.2260, 0.1583, 0.2030,
        0.2024, 0.1358, 0.1789, 0.1612, 0.1626, 0.1661, 0.2205, 0.1552, 0.1726, 0.1078,
        0.1859, 0.1187, 0.1234, 0.1632, 0.1252, 0.1786, 0.1251, 0.1835, 0.1662, 0.1295,
        0.1622, 0.1285, 0.1379, 0.1016, 0.1069, 0.1542, 0.1348, 0.1116, 0.1046, 0.1167,
        0.1295, 0.1387, 0.1115, 0.1341, 0.1703, 0.1361, 0.1076, 0.1605, 0.0866, 0.1166,
    ],
    "grad_norm": [
        0.8887, 0.9423, 1.1286, 0.9077, 1.3149, 1.3158, 1.1672, 1.0247, 1.0632, 0.7322,
        0.8653, 0.8012, 1.0066, 0.5902, 0.9133, 0.4872, 0.4093, 0.3461, 0.5037, 0.7218,
        0.5041, 0.6275, 0.6093, 0.6244, 0.4177, 0.5615, 0.2023, 0.5865, 0.7182, 0.6695,
        0.3792, 0.4873, 0.1948, 0.6113, 0.3979, 0.3085, 0.3801, 0.5376, 0.6655, 0.8512,
        0.4958, 0.5636, 0.3406, 0.2106, 0.3416, 0.8821, 0.4994, 0.1304, 0.2411, 0.3228,
        0.5599, 0.1861, 0.3867, 0.1561, 0.2138, 1.0204, 0.1976, 0.1505, 0.3418, 0.2011,
        1.8620, 1.7429, 1.1408, 1.3723, 1.3105, 0.8668, 1.3413, 1.0388, 1.3703, 1.1171,
        0.9657, 1.0922, 0.6927, 0.7565, 1.1882, 1.3066, 0.8541, 1.6237, 0.7656, 0.6283,
        1.6403, 0.7249, 0.6725, 1.1948, 0.6009, 0.9344, 0.6770, 0.6388, 0.9231, 1.2524,
        1.0781, 0.6469, 0.6499, 0.6448, 0.7858, 0.6730, 0.7465, 0.2705, 0.8543, 0.7856,
        1.1905, 0.6120, 0.6785, 0.3353, 0.6698, 0.6393, 0.7204, 1.0091, 0.5104, 0.5387,
        2.0717, 0.2849, 0.5179, 0.4108, 0.5522, 0.6036, 0.6091, 0.5415, 0.8336, 0.2830,
        0.5299, 0.5812, 0.3602, 0.9678, 0.2517, 0.3316, 0.8799, 1.0595, 1.1592, 1.2700,
        0.8085, 0.1921, 0.3987, 0.3694, 0.5077, 0.2393, 0.8840, 0.2610, 0.3754, 0.2490,
        0.8037, 0.3107, 1.0120, 0.9622, 0.8311, 0.3142, 0.1170, 0.8602, 0.3925, 0.6242,
    ],
    "eval_loss": [
        2.5600, 2.9607, 3.2003, 3.4053, 3.5685, 3.6693, 3.7958, 3.8790, 3.9630, 3.9933,
        4.0950, 4.1699, 0.9394, 0.6149, 0.4796, 0.3853, 0.3220, 0.2966, 0.2615, 0.2509,
        0.2293, 0.2239, 0.2033, 0.2000, 0.1962, 0.1802, 0.1788, 0.1662, 0.1633, 0.1550,
    ],
    "eval_accuracy": [
        0.4680, 0.4949, 0.5084, 0.5118, 0.5185, 0.5219, 0.5253, 0.5286, 0.5286, 0.5286,
        0.5286, 0.5286, 0.7845, 0.8889, 0.8822, 0.9327, 0.9461, 0.9394, 0.9394, 0.9461,
        0.9428, 0.9360, 0.9495, 0.9495, 0.9461, 0.9562, 0.9596, 0.9630, 0.9630, 0.9697,
    ],
}


def write_class_shift(path: Path) -> Path:
    """CLASS_SHIFT as the Trainer's trainer_state.json (batches of 16 of 1,500 training digits)."""
    return _write_trainer_state(path, CLASS_SHIFT, 50, lambda step: round(step * 16 / 1500, 4))


def _write_trainer_state(path: Path, table: dict, eval_every: int, epoch_of) -> Path:
    """A table of a Trainer run (loss and, if logged, grad_norm every 10 updates; eval_accuracy and
    eval_loss every ``eval_every``) as its trainer_state.json, constant LR 1e-3."""
    import json

    history = []
    for i, loss in enumerate(table["loss"]):
        step = 10 * (i + 1)
        entry = {"epoch": epoch_of(step)}
        if "grad_norm" in table:
            entry["grad_norm"] = table["grad_norm"][i]
        history.append({**entry, "learning_rate": 0.001, "loss": loss, "step": step})
        if step % eval_every == 0:
            k = step // eval_every - 1
            history.append({"epoch": epoch_of(step), "eval_accuracy": table["eval_accuracy"][k],
                            "eval_loss": table["eval_loss"][k], "step": step})
    last = 10 * len(table["loss"])
    path.write_text(json.dumps({"global_step": last, "max_steps": last, "log_history": history}))
    return path


# p24_gru_lr_raised_text (tools/probe_runs.py): a character GRU on text from a random word grammar,
# Adam 2e-3, raised x10 to 2e-2 before update 1201; the minibatch loss printed every 10 updates
# (iter 9, 19, ...), as nanoGPT prints it.
GRU_LR_RAISED_LOSS = [
    3.0020, 2.7070, 2.4170, 2.1375, 1.8227, 1.7192, 1.3989, 1.2723, 1.1139, 0.9948,
    0.8653, 0.8442, 0.8326, 0.8620, 0.8087, 0.7852, 0.7504, 0.7450, 0.7519, 0.7003,
    0.6942, 0.7287, 0.6765, 0.6796, 0.6346, 0.7073, 0.6655, 0.7036, 0.6683, 0.6964,
    0.6483, 0.6691, 0.6607, 0.6311, 0.6661, 0.6069, 0.6717, 0.6255, 0.6531, 0.5733,
    0.6206, 0.6034, 0.5944, 0.6212, 0.6581, 0.6512, 0.5986, 0.6319, 0.6036, 0.6022,
    0.5768, 0.6083, 0.5810, 0.6512, 0.5918, 0.6073, 0.6099, 0.5590, 0.5953, 0.6218,
    0.6302, 0.5996, 0.5630, 0.6180, 0.6146, 0.6102, 0.5971, 0.5890, 0.6197, 0.5925,
    0.5776, 0.5894, 0.5738, 0.5805, 0.5905, 0.6029, 0.6046, 0.5720, 0.5499, 0.6209,
    0.5819, 0.5744, 0.5713, 0.5333, 0.5981, 0.5887, 0.5899, 0.5918, 0.6006, 0.5828,
    0.5706, 0.5923, 0.5623, 0.5711, 0.5916, 0.6027, 0.5916, 0.5883, 0.5580, 0.5794,
    0.5305, 0.5771, 0.5736, 0.5647, 0.5492, 0.6003, 0.5810, 0.5700, 0.5791, 0.5949,
    0.5289, 0.5591, 0.5676, 0.5675, 0.5619, 0.5828, 0.5813, 0.5713, 0.5547, 0.5590,
    0.7415, 0.7029, 0.6674, 0.6705, 0.6668, 0.7126, 0.6070, 0.7053, 0.6607, 0.6861,
    0.6618, 0.6941, 0.6752, 0.6356, 0.6393, 0.6632, 0.6251, 0.6709, 0.6777, 0.6347,
    0.6423, 0.6821, 0.6378, 0.6291, 0.6103, 0.6353, 0.6553, 0.6087, 0.6521, 0.6547,
    0.6130, 0.6856, 0.6381, 0.6155, 0.6711, 0.6146, 0.6336, 0.5996, 0.6576, 0.6468,
    0.6068, 0.6342, 0.6015, 0.6579, 0.6805, 0.6519, 0.6432, 0.6424, 0.6001, 0.6585,
    0.6077, 0.6313, 0.6346, 0.6802, 0.6099, 0.6440, 0.6155, 0.5973, 0.6402, 0.6178,
    0.6209, 0.6026, 0.6176, 0.6776, 0.6239, 0.6596, 0.6245, 0.6702, 0.6263, 0.6300,
    0.6192, 0.6396, 0.5975, 0.6089, 0.6435, 0.6665, 0.6103, 0.6419, 0.6465, 0.6407,
    0.6064, 0.6442, 0.6608, 0.6484, 0.6346, 0.6503, 0.6288, 0.6615, 0.6032, 0.6748,
    0.6712, 0.6747, 0.6235, 0.6353, 0.6317, 0.6364, 0.5875, 0.5952, 0.6444, 0.6382,
    0.6228, 0.6269, 0.6652, 0.6782, 0.6546, 0.5961, 0.6440, 0.6194, 0.6428, 0.6357,
    0.6088, 0.6429, 0.6781, 0.6296, 0.6136, 0.6790, 0.6209, 0.6516, 0.6604, 0.6695,
]


def write_gru_lr_raised(path: Path) -> Path:
    """GRU_LR_RAISED_LOSS as the nanoGPT-style log it was printed as, with its LR."""
    lines = [f"iter {10 * k + 9}: loss {loss:.4f}, lr {2e-3 if k < 120 else 2e-2:.4e}, time 35.00ms"
             for k, loss in enumerate(GRU_LR_RAISED_LOSS)]
    path.write_text("\n".join(lines) + "\n")
    return path


# p25_gan_d_lr_raised_csv (tools/probe_runs.py): a small GAN on a ring of Gaussians; every 5 updates
# the number of 128 real samples the discriminator calls real (d_real_acc is this / 128), which
# sits at 128 for a stretch and then dips by a sample or a few.
GAN_REAL_CALLED_REAL = [
    0, 83, 112, 110, 126, 128, 95, 93, 80, 91, 96, 93, 99, 98, 95, 81, 80, 83, 84, 82, 68, 84, 81, 64, 82,
    84, 82, 84, 85, 80, 62, 91, 89, 79, 73, 83, 80, 74, 79, 79, 81, 80, 93, 74, 77, 83, 82, 73, 75, 76,
    72, 80, 63, 76, 61, 83, 68, 61, 58, 79, 65, 61, 86, 70, 73, 89, 80, 83, 73, 79, 84, 90, 78, 80, 80,
    69, 79, 72, 72, 85, 80, 79, 99, 78, 72, 82, 78, 87, 64, 79, 82, 86, 73, 72, 74, 80, 79, 72, 83, 62,
    64, 76, 72, 89, 86, 74, 78, 73, 86, 92, 87, 81, 78, 80, 82, 105, 69, 84, 69, 71, 79, 98, 79, 89, 78,
    81, 99, 89, 82, 70, 84, 83, 73, 86, 85, 72, 73, 71, 70, 81, 86, 78, 64, 54, 71, 76, 74, 81, 82, 74,
    87, 89, 85, 81, 78, 85, 86, 89, 73, 95, 85, 78, 87, 78, 93, 96, 88, 78, 83, 82, 75, 97, 91, 82, 81,
    78, 86, 99, 102, 81, 78, 80, 80, 73, 71, 50, 78, 86, 81, 73, 62, 65, 82, 84, 84, 67, 93, 73, 68, 80,
    82, 94, 103, 78, 90, 82, 76, 80, 97, 92, 85, 82, 84, 86, 73, 82, 95, 86, 83, 79, 74, 81, 96, 89, 81,
    70, 79, 81, 84, 83, 85, 85, 87, 73, 79, 57, 62, 83, 80, 81, 84, 67, 67, 65, 78, 73, 84, 80, 84, 81,
    95, 101, 97, 97, 96, 90, 104, 101, 114, 111, 120, 112, 111, 108, 107, 99, 96, 97, 102, 109, 112, 113, 96, 90, 89,
    77, 87, 81, 93, 90, 69, 84, 86, 65, 77, 74, 83, 85, 78, 77, 80, 82, 111, 71, 94, 116, 68, 111, 102, 92,
    97, 102, 95, 118, 128, 98, 128, 113, 117, 94, 93, 128, 94, 123, 110, 98, 120, 100, 128, 128, 128, 128, 79, 127, 125,
    119, 128, 128, 128, 106, 128, 128, 92, 128, 125, 128, 128, 128, 127, 128, 92, 127, 127, 128, 128, 109, 123, 93, 115, 128,
    122, 128, 128, 128, 128, 120, 128, 125, 106, 125, 123, 128, 128, 128, 128, 100, 128, 128, 128, 100, 128, 126, 128, 128, 126,
    128, 128, 127, 79, 104, 128, 90, 120, 128, 80, 97, 126, 106, 128, 128, 128, 127, 78, 112, 120, 128, 128, 124, 126, 96,
    104, 127, 119, 128, 71, 127, 116, 128, 122, 79, 121, 99, 126, 127, 128, 113, 114, 109, 126, 126, 125, 115, 83, 115, 105,
    79, 112, 116, 128, 125, 126, 119, 122, 95, 78, 121, 122, 125, 66, 125, 122, 123, 83, 105, 126, 128, 126, 109, 109, 86,
    80, 90, 128, 105, 128, 100, 118, 122, 113, 103, 92, 96, 106, 123, 128, 128, 115, 113, 125, 120, 84, 87, 102, 127, 117,
    95, 95, 75, 93, 128, 127, 89, 106, 90, 123, 127, 125, 128, 123, 127, 127, 125, 128, 120, 108, 110, 90, 101, 70, 96,
]


# p26_resumed_decay_lightning (tools/probe_runs.py), version_1: a teacher MLP, SGD 0.05 with
# momentum 0.9, resumed after update 1000; the LR x0.1 before update 2001. Lightning's train_loss
# (one batch's) at steps 1009, 1019, ..., 2999, the LR from LearningRateMonitor.
RESUMED_DECAY_LOSS = [
    0.1853, 0.09093, 0.3193, 0.393, 0.3855, 0.5939, 0.1162, 0.2653, 0.1964, 0.4428,
    0.3561, 0.4634, 0.06583, 0.3505, 0.1949, 0.541, 0.2449, 0.2434, 0.195, 0.1115,
    0.3469, 0.2721, 0.3361, 0.329, 0.3465, 0.05406, 0.05189, 0.4047, 0.2244, 0.1735,
    0.4906, 0.05653, 0.1447, 0.1757, 0.6013, 0.4271, 0.05012, 0.5482, 0.1764, 0.1315,
    0.2975, 0.1791, 0.1006, 0.2137, 0.2052, 0.3485, 0.1786, 0.1727, 0.3426, 0.1982,
    0.2018, 0.1204, 0.4383, 0.09479, 0.1664, 0.14, 0.2797, 0.1535, 0.2111, 0.04545,
    0.2169, 0.4102, 0.2752, 0.1424, 0.2134, 0.1946, 0.2633, 0.06644, 0.2569, 0.1735,
    0.09788, 0.1396, 0.1324, 0.1628, 0.05419, 0.3875, 0.2372, 0.03594, 0.7003, 0.1119,
    0.2811, 0.139, 0.1206, 0.4531, 0.3321, 0.1306, 0.4206, 0.4185, 0.1691, 0.207,
    0.06648, 0.1591, 0.08371, 0.05085, 0.1534, 0.3205, 0.2403, 0.07584, 0.1547, 0.1469,
    0.1213, 0.1626, 0.3572, 0.1321, 0.1409, 0.06296, 0.06315, 0.1917, 0.04146, 0.04539,
    0.09234, 0.09513, 0.02322, 0.07531, 0.0377, 0.2523, 0.1128, 0.009351, 0.03372, 0.01054,
    0.09555, 0.03011, 0.08445, 0.284, 0.01545, 0.03947, 0.05282, 0.1547, 0.2243, 0.08932,
    0.02764, 0.02102, 0.03519, 0.1149, 0.04832, 0.03056, 0.01283, 0.06597, 0.03755, 0.03963,
    0.02162, 0.01248, 0.07358, 0.095, 0.02753, 0.05968, 0.03592, 0.04407, 0.01155, 0.03018,
    0.09476, 0.02812, 0.03569, 0.02986, 0.06516, 0.03483, 0.03377, 0.07823, 0.1286, 0.07432,
    0.01329, 0.07644, 0.03388, 0.05879, 0.02984, 0.1212, 0.02807, 0.09905, 0.05051, 0.02672,
    0.02652, 0.01026, 0.01448, 0.0178, 0.04029, 0.02591, 0.01042, 0.0814, 0.01487, 0.03382,
    0.01628, 0.01133, 0.02433, 0.03414, 0.01013, 0.04212, 0.02046, 0.004152, 0.01931, 0.0163,
    0.008857, 0.02389, 0.02347, 0.01907, 0.009903, 0.01223, 0.03359, 0.02899, 0.0524, 0.01388,
]


# A distilled student (probe round: HF trainer_state.json, loss every 10 steps from 10 to 2800):
# warmup to 0.05 over 100 updates, x0.1 at 1200 and at 2000 (HF logs the LR the next step uses).
DISTILL_WARMUP_LOSS = [
    14.99, 15.02, 14.57, 13.52, 11.52, 7.213, 2.93, 1.885, 1.342, 0.8882, 0.7171, 0.5303,
    0.4309, 0.3209, 0.238, 0.2393, 0.1846, 0.1855, 0.1856, 0.1665, 0.1557, 0.187, 0.1441, 0.1346,
    0.1114, 0.0974, 0.1337, 0.1153, 0.091, 0.1049, 0.0726, 0.0768, 0.0675, 0.0767, 0.1021, 0.0929,
    0.0888, 0.0678, 0.0616, 0.0637, 0.0653, 0.0629, 0.0539, 0.0565, 0.0562, 0.0625, 0.075, 0.0655,
    0.0565, 0.0502, 0.0708, 0.0595, 0.0491, 0.0508, 0.062, 0.0425, 0.0515, 0.0619, 0.0542, 0.0504,
    0.0525, 0.0486, 0.0446, 0.0398, 0.059, 0.0465, 0.0372, 0.0464, 0.0569, 0.0541, 0.0474, 0.0495,
    0.0481, 0.0416, 0.0338, 0.0481, 0.0432, 0.0441, 0.0374, 0.037, 0.0363, 0.0415, 0.0398, 0.0365,
    0.0428, 0.0377, 0.036, 0.0383, 0.0408, 0.0382, 0.0435, 0.0407, 0.0384, 0.0421, 0.041, 0.0437,
    0.0473, 0.0468, 0.046, 0.0417, 0.0347, 0.0357, 0.0347, 0.0347, 0.0385, 0.0363, 0.0339, 0.0381,
    0.0354, 0.033, 0.0355, 0.0328, 0.0386, 0.0345, 0.0289, 0.0277, 0.043, 0.0332, 0.0315, 0.0316,
    0.0322, 0.028, 0.028, 0.0308, 0.0296, 0.0276, 0.031, 0.0243, 0.0309, 0.026, 0.0253, 0.0268,
    0.0254, 0.0321, 0.028, 0.0225, 0.0272, 0.0281, 0.0245, 0.023, 0.0287, 0.0283, 0.0225, 0.027,
    0.0305, 0.027, 0.0311, 0.0322, 0.0255, 0.0256, 0.0278, 0.0253, 0.0267, 0.028, 0.0307, 0.0314,
    0.0263, 0.0246, 0.0283, 0.0272, 0.0271, 0.0274, 0.0289, 0.0269, 0.0308, 0.0246, 0.0241, 0.0265,
    0.0282, 0.0232, 0.0251, 0.0292, 0.0235, 0.0294, 0.026, 0.0269, 0.0281, 0.0258, 0.0247, 0.0266,
    0.0254, 0.0272, 0.0299, 0.0282, 0.0258, 0.0315, 0.0264, 0.025, 0.0265, 0.028, 0.0237, 0.0297,
    0.0308, 0.0259, 0.0226, 0.0269, 0.0265, 0.0286, 0.0277, 0.0271, 0.0265, 0.0241, 0.0259, 0.026,
    0.0201, 0.0277, 0.0243, 0.0272, 0.0261, 0.0267, 0.0295, 0.0261, 0.0243, 0.0257, 0.024, 0.0263,
    0.0258, 0.0294, 0.0283, 0.0301, 0.0251, 0.0253, 0.0256, 0.0232, 0.0243, 0.0248, 0.0273, 0.028,
    0.0262, 0.029, 0.0291, 0.0255, 0.0267, 0.0287, 0.0225, 0.0238, 0.0254, 0.0255, 0.0287, 0.0242,
    0.0241, 0.0253, 0.0269, 0.0284, 0.0237, 0.0242, 0.0237, 0.0223, 0.0275, 0.0282, 0.0248, 0.0259,
    0.0234, 0.0221, 0.0286, 0.0243, 0.0276, 0.0239, 0.0246, 0.0293, 0.0266, 0.0303, 0.0272, 0.0214,
    0.0304, 0.0295, 0.0219, 0.022, 0.0264, 0.0286, 0.027, 0.0257, 0.0231, 0.0264, 0.0267, 0.0241,
    0.0264, 0.025, 0.0281, 0.0289,
]


def distill_warmup_frame():
    """DISTILL_WARMUP_LOSS with its step and learning_rate columns, as the Trainer logged them."""
    import numpy as np
    import pandas as pd

    steps = np.arange(10, 2801, 10)
    lr = np.select([steps < 100, steps < 1200, steps < 2000], [0.0005 + 0.0005 * steps, 0.05, 0.005], 0.0005)
    return pd.DataFrame({"step": steps, "loss": DISTILL_WARMUP_LOSS, "learning_rate": lr})


# p27_warmup_too_high_csv (tools/probe_runs.py): the teacher MLP 20-128-128-5, SGD with momentum 0.9,
# the LR warmed up from 0 to 1.0 over 400 updates, then a cosine to 0 at update 2000. The net learns
# in its first hundred updates, is wrecked as the LR climbs, and stays at chance while the LR comes
# back down. The minibatch loss every 10 updates, the held-out accuracy every 50.
WARMUP_TOO_HIGH_LOSS = [
    1.4701, 1.1408, 0.8405, 0.4842, 0.4446, 0.4353, 0.5889, 0.5523, 0.5006, 0.4021,
    0.3127, 0.3952, 0.2272, 0.3763, 0.3352, 0.5470, 0.5869, 0.3997, 0.5506, 0.7333,
    0.5964, 0.9580, 0.4410, 0.4956, 0.7887, 0.6416, 0.7255, 1.1063, 1.6395, 1.5010,
    1.5891, 8.1289, 1.2638, 1.3185, 1.4182, 1.4152, 1.3823, 1.3916, 1.4885, 1.2264,
    1.4001, 1.3993, 1.1878, 1.2010, 1.3658, 1.3904, 1.2656, 1.2000, 1.2434, 1.3124,
    1.3293, 1.3592, 1.2853, 1.3966, 1.3791, 1.2972, 1.4018, 1.3544, 1.5127, 1.1193,
    1.5074, 1.2932, 1.3859, 1.2725, 1.2598, 1.3108, 1.1825, 1.2217, 1.3227, 1.4210,
    1.3245, 1.1664, 1.2685, 1.4143, 1.2803, 1.2632, 1.3850, 1.2201, 1.4543, 1.3897,
    1.3186, 1.3842, 1.3465, 1.3941, 1.3093, 1.4734, 1.2811, 1.4725, 1.3127, 1.3567,
    1.3133, 1.3660, 1.3697, 1.2980, 1.3275, 1.2663, 1.3497, 1.2894, 1.3083, 1.2318,
    1.3317, 1.3732, 1.4434, 1.3451, 1.2191, 1.2419, 1.4836, 1.2610, 1.2303, 1.3695,
    1.5258, 1.3793, 1.3109, 1.3106, 1.2766, 1.3546, 1.1838, 1.4435, 1.2331, 1.1648,
    1.4539, 1.2631, 1.2636, 1.2552, 1.4478, 1.2766, 1.2572, 1.3923, 1.3830, 1.3437,
    1.2788, 1.4481, 1.3712, 1.2947, 1.3233, 1.5183, 1.3423, 1.2972, 1.3379, 1.1902,
    1.3609, 1.3365, 1.2857, 1.4260, 1.2389, 1.4420, 1.2611, 1.3560, 1.3864, 1.1820,
    1.2357, 1.1987, 1.3688, 1.2447, 1.3038, 1.3774, 1.3875, 1.2648, 1.2121, 1.3350,
    1.3934, 1.2989, 1.5112, 1.1211, 1.4303, 1.3132, 1.3629, 1.2999, 1.2450, 1.4033,
    1.4218, 1.2445, 1.5314, 1.2588, 1.2337, 1.4247, 1.2451, 1.1409, 1.2404, 1.2852,
    1.3450, 1.3515, 1.4003, 1.3342, 1.3369, 1.2737, 1.3923, 1.2999, 1.3796, 1.2535,
    1.2600, 1.4645, 1.3054, 1.4226, 1.4350, 1.2412, 1.3674, 1.3640, 1.2893, 1.2793,
]
WARMUP_TOO_HIGH_VAL_ACCURACY = [
    0.8040, 0.8030, 0.8685, 0.8255, 0.7395, 0.4400, 0.4440, 0.4440, 0.4440, 0.4440,
    0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440,
    0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440,
    0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440,
]


def write_warmup_too_high(path: Path) -> Path:
    """WARMUP_TOO_HIGH as the run's CSV: step, lr, loss, and val_accuracy every fifth row."""
    import math

    return _write_warmup_run(path, WARMUP_TOO_HIGH_LOSS, WARMUP_TOO_HIGH_VAL_ACCURACY,
                             lambda step: step / 400 if step <= 400 else
                             0.5 * (1 + math.cos(math.pi * (step - 400) / 1600)))


# p78_warmup_held_too_high_csv (tools/probe_runs.py): p27's run with the LR held at 1.0 after its warmup
# to update 1500 rather than annealed: wrecked as the LR climbs, at chance to the end.
WARMUP_HELD_TOO_HIGH_LOSS = [
    1.4701, 1.1408, 0.8405, 0.4842, 0.4446, 0.4353, 0.5889, 0.5523, 0.5006, 0.4021,
    0.3127, 0.3952, 0.2272, 0.3763, 0.3352, 0.5470, 0.5869, 0.3997, 0.5506, 0.7346,
    0.6105, 0.7236, 0.6467, 0.9089, 0.9096, 1.2507, 1.4310, 0.7413, 1.5131, 1.5509,
    1.2190, 1.3164, 1.6798, 1.5382, 1.5780, 2.0188, 1.3282, 1.3788, 1.4831, 1.2272,
    1.3989, 1.4211, 1.2010, 1.2109, 1.3660, 1.4074, 1.2675, 1.2024, 1.2431, 1.3175,
    1.3286, 1.3549, 1.2783, 1.3939, 1.3840, 1.3055, 1.4009, 1.3568, 1.5136, 1.1256,
    1.4971, 1.2902, 1.3912, 1.2718, 1.2610, 1.3163, 1.1865, 1.2248, 1.3305, 1.4295,
    1.3574, 1.1738, 1.2782, 1.4113, 1.2767, 1.2829, 1.3878, 1.2116, 1.4285, 1.3954,
    1.3032, 1.3911, 1.3771, 1.3606, 1.2912, 1.4629, 1.2831, 1.4701, 1.3274, 1.3853,
    1.3176, 1.3575, 1.4128, 1.3295, 1.3206, 1.2794, 1.3973, 1.2414, 1.3069, 1.2319,
    1.3800, 1.3740, 1.4450, 1.3262, 1.2307, 1.3348, 1.5272, 1.2488, 1.2700, 1.3701,
    1.5316, 1.3654, 1.3127, 1.3297, 1.3033, 1.5409, 1.2195, 1.4418, 1.2604, 1.1343,
    1.5425, 1.3041, 1.2773, 1.2749, 1.3985, 1.2968, 1.1300, 1.3971, 1.3542, 1.3567,
    1.2948, 1.4651, 1.3511, 1.2963, 1.4165, 1.5403, 1.3490, 1.2952, 1.3461, 1.1907,
    1.4246, 1.3459, 1.2697, 1.4380, 1.2443, 1.5224, 1.2992, 1.3641, 1.5530, 1.1914,
]
WARMUP_HELD_TOO_HIGH_VAL_ACCURACY = [
    0.8040, 0.8030, 0.8685, 0.8260, 0.7705, 0.5380, 0.4445, 0.4430, 0.4440, 0.4440,
    0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.2395, 0.4440,
    0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440, 0.4440,
]


def write_warmup_held_too_high(path: Path) -> Path:
    """WARMUP_HELD_TOO_HIGH as the run's CSV: step, lr, loss, and val_accuracy every fifth row."""
    return _write_warmup_run(path, WARMUP_HELD_TOO_HIGH_LOSS, WARMUP_HELD_TOO_HIGH_VAL_ACCURACY,
                             lambda step: min(step / 400, 1.0))


def _write_warmup_run(path: Path, losses: list[float], accuracies: list[float], lr_of) -> Path:
    lines = ["step,lr,loss,val_accuracy"]
    for i, loss in enumerate(losses):
        step = 10 * (i + 1)
        acc = accuracies[step // 50 - 1] if step % 50 == 0 else ""
        lines.append(f"{step},{lr_of(step):.6g},{loss},{acc}")
    path.write_text("\n".join(lines) + "\n")
    return path


# p28_dropout_off_lightning (tools/probe_runs.py): an MLP 20-256-256-5 with Dropout(0.5) on
# make_classification, Adam 1e-3 constant, batches of 32 (70 an epoch); dropout off from update 1501.
# The train-mode minibatch loss at every update, as Lightning's CSVLogger writes it.
DROPOUT_OFF_LOSS = """
    1.6710 1.6571 1.7313 1.6285 1.5559 1.5838 1.5972 1.4975 1.5870 1.4990 1.5886 1.4733 1.4750 1.2094 1.4920
    1.3874 1.5317 1.4763 1.4002 1.5174 1.5959 1.3248 1.4070 1.3908 1.4124 1.4040 1.2941 1.3310 1.4586 1.4436
    1.4492 1.2708 1.4171 1.4800 1.4566 1.3763 1.2962 1.2466 1.5579 1.3070 1.2212 1.3598 1.2176 1.2474 1.3095
    1.3588 1.3731 1.3699 1.3275 1.2066 1.1895 1.3650 1.1663 1.2058 1.3163 1.2705 1.3166 1.2517 1.1955 1.2563
    1.2000 1.2077 1.4876 1.3246 1.3389 1.2809 1.0908 1.4114 1.2389 0.9502 1.0262 1.3326 1.3698 1.0976 1.0317
    1.4334 1.4124 1.2104 1.0656 1.2545 1.1439 1.2381 1.1296 1.2773 0.9301 1.2307 1.1875 1.0608 1.1311 0.9698
    1.2682 1.0835 1.1303 1.1531 0.9698 1.2631 1.0716 1.0263 1.3936 1.1948 1.2897 1.2271 1.0306 1.2944 1.3123
    0.9262 1.1787 1.2671 1.1756 1.5003 0.9730 1.1297 1.3418 1.0661 1.2994 1.0993 1.2090 0.7929 1.0850 1.0560
    1.0815 0.9602 0.9042 1.4594 1.0400 1.1974 1.2144 1.0441 1.0202 1.3123 1.1763 0.8643 1.0846 1.1171 1.3414
    1.1831 1.0881 1.1648 1.1971 1.1404 0.9184 1.2027 1.0317 1.0198 1.0160 1.1816 1.2387 0.8794 1.1199 0.9751
    1.1930 1.0920 1.0134 0.9891 0.8838 1.0889 1.1530 0.8903 1.2527 1.0430 0.9638 0.9823 1.1391 0.9798 0.7427
    1.1161 1.0373 1.4538 1.5433 1.0191 1.0734 1.2313 1.1265 1.2595 1.3151 1.0474 1.0901 1.1915 1.2200 1.5231
    1.1985 1.1140 1.1100 1.0287 0.9519 1.1901 1.0944 0.7207 1.5816 0.9515 0.8956 0.8575 1.2567 1.0443 1.1939
    1.3548 1.0528 1.1392 0.9733 1.0760 1.2352 1.0789 1.0927 1.1806 1.2581 1.0444 1.0153 0.7438 1.0517 1.3567
    1.2261 1.1158 0.8985 0.9396 1.1590 0.9059 0.9809 1.0435 0.9288 1.0469 1.1003 1.1491 0.8909 1.4303 1.2412
    1.0354 1.0996 1.2053 1.0715 0.9184 0.8690 0.9901 1.0269 0.8227 0.9557 1.0371 0.8621 1.1083 0.9094 0.9310
    1.3517 1.1021 1.1445 1.2402 1.2792 1.0592 1.2467 1.2582 1.1742 1.2591 0.7603 1.0823 1.0780 1.1417 1.1468
    0.9858 0.9247 1.1185 1.0334 0.9616 1.2765 1.1935 1.0826 1.0444 0.8445 0.8981 1.0093 0.9190 0.9510 1.0050
    1.0507 1.0008 1.1803 0.9249 1.2533 0.9513 0.8320 0.6959 0.7346 0.6866 1.0614 1.1956 1.1264 0.9354 1.0071
    0.7640 0.8790 0.7684 0.8245 1.2630 0.9514 1.1501 1.1168 0.8186 1.5461 1.2962 0.9836 0.9730 1.2592 1.2940
    0.8662 0.9293 0.9474 0.8896 1.4338 1.1963 0.8797 0.6887 0.8872 0.8622 0.9675 0.7624 0.9422 0.7823 1.2793
    0.8353 0.9178 1.0590 0.8142 0.8118 0.6090 0.8998 1.1835 1.1850 0.8431 0.8576 0.7598 1.4064 1.1266 1.4522
    0.9639 1.1567 0.8637 1.1193 0.9875 1.1713 0.7172 0.9064 1.0651 1.1266 0.9167 1.0773 1.1325 1.0394 1.0081
    1.5716 0.8661 0.7086 1.0520 0.9669 0.8158 1.1836 0.8989 0.8057 0.6407 1.0179 1.0611 0.9349 1.1311 0.7990
    0.8675 0.8929 1.1124 1.1532 0.8977 0.7886 1.0375 1.0254 0.7991 0.8800 0.9730 0.9098 1.1104 0.8961 1.0394
    1.0892 0.7844 1.0693 1.1229 0.9176 1.0599 1.0659 0.8368 1.1491 1.1225 1.0237 1.2315 1.0079 1.0656 0.9927
    0.8009 1.1400 0.9367 1.2185 0.9557 1.0946 1.1831 0.8919 0.9957 0.8908 0.6092 0.9618 0.7879 1.0041 1.1043
    1.0673 1.0869 1.1067 0.7060 0.7786 0.8185 0.7975 0.7607 0.7479 0.7904 1.1038 0.8470 0.9396 1.2008 1.0490
    1.0001 0.7141 1.3310 0.8264 0.8889 0.9185 1.1630 0.7314 1.0701 0.9309 1.0348 0.6255 1.1963 1.0099 1.4062
    0.8097 0.6892 0.8046 1.3193 0.7015 1.0741 0.8059 1.0725 0.7282 1.0262 0.8706 0.8824 1.5326 0.8250 0.8528
    0.7396 1.3232 1.1436 0.8155 0.9021 0.8950 0.8432 1.0981 1.1945 0.9336 1.0608 0.8880 0.6384 0.9079 1.1514
    0.9592 1.0877 0.8512 1.2580 1.3243 0.7206 0.6651 0.6599 1.0059 0.8597 1.3092 1.1431 0.8529 0.8035 0.7882
    0.7723 0.9746 1.0301 1.2090 0.6572 0.9604 0.9462 1.1167 0.5812 0.9777 0.7598 0.8303 0.9335 1.0393 0.7440
    0.8661 0.8633 1.0593 1.2075 0.7754 0.6366 0.7129 0.9899 0.8461 1.5082 1.4008 0.8277 0.9252 0.8785 0.5332
    0.8112 0.8110 0.7611 1.2142 0.9935 0.9309 0.5815 0.7570 1.0515 0.8654 0.9436 0.9401 0.8467 1.0205 0.9168
    0.8815 1.1219 1.0807 0.9328 0.9510 0.6597 0.8021 1.3480 1.0911 0.8763 0.9945 1.3692 0.9185 0.9009 1.1633
    0.9124 1.2949 0.8374 0.8069 0.7492 0.7164 0.9964 0.8380 1.1580 0.9135 0.8833 0.9590 0.8574 0.9221 1.0577
    1.0162 0.9967 0.9647 0.8541 0.6964 0.8721 1.0268 0.8129 1.1205 0.8557 1.0367 0.8554 0.6346 0.9406 1.1378
    0.8435 1.0292 0.7494 0.6644 1.0470 1.0662 0.7061 1.1222 1.1044 1.1746 1.0763 0.7771 1.0098 1.2537 0.6134
    0.7578 0.7648 0.7155 0.7621 0.6730 0.6075 0.9229 0.8781 1.1403 1.2098 1.0049 1.1574 0.9924 1.0694 0.9134
    0.9675 0.6717 1.1963 0.9102 0.7354 0.9649 0.6391 1.1566 0.9831 0.9704 0.8153 0.8490 0.6870 0.4152 0.7521
    0.6785 0.8652 1.0416 0.9295 0.9228 0.9100 0.8732 1.0289 0.7200 1.1114 1.0049 0.7692 0.6375 1.3526 0.7890
    0.9771 0.6654 0.8791 0.9029 0.6415 0.7449 0.9600 0.8899 0.8109 1.0571 0.7772 0.9868 0.8607 0.8256 1.0435
    0.5994 1.0019 0.7127 0.8077 0.7996 0.8286 0.9566 0.7156 0.8071 1.0576 0.7288 0.5306 0.7849 0.7341 0.9581
    0.7454 0.8560 1.1053 0.9134 0.9053 0.9700 1.0740 1.1521 0.7808 1.1572 0.9364 0.6863 0.6150 0.9327 1.0771
    1.1153 0.6793 1.0325 1.2724 0.8805 0.7798 0.9635 0.9475 1.0017 0.7788 0.9713 1.0600 0.9183 0.6892 0.4916
    0.6862 1.0932 0.9584 0.8812 0.8839 0.7397 0.8430 1.2416 0.6420 0.9803 0.8515 0.5370 0.7317 1.1735 0.9858
    0.8200 0.6778 0.6163 0.9084 0.7262 0.9824 0.7322 0.7963 0.9053 0.9069 0.8660 0.8891 0.6821 0.8424 1.3694
    0.8049 0.5819 0.9679 0.7766 1.0470 0.7875 0.7073 0.8878 0.8882 0.7640 0.9634 0.8692 0.7856 0.7300 0.8569
    0.7585 0.7178 0.7963 0.7107 0.6453 0.7854 0.9719 0.7883 0.8313 0.8289 1.3739 0.6694 1.0290 0.9691 0.6753
    0.9784 0.6767 0.6772 0.5493 0.8612 0.7093 1.0855 1.1014 0.8365 0.8169 1.6096 1.0730 0.7184 1.0323 1.0096
    0.9927 0.8834 1.2414 0.6201 0.8556 0.4861 1.1308 0.6757 0.8304 0.6359 0.9564 0.8528 1.0719 0.8783 0.9554
    0.6709 0.7186 0.9141 0.7024 1.0574 1.2466 0.8484 0.7674 0.8442 0.6853 0.7742 0.5629 0.8309 0.9964 0.5925
    0.8938 0.8360 0.9180 1.0395 1.1357 0.7247 0.5728 1.1184 1.0006 0.7516 0.8520 0.8895 0.5934 0.8142 0.6382
    0.9504 1.1349 0.7187 1.0051 0.7612 1.0891 0.6912 1.0527 0.8709 0.7311 0.7138 1.4685 1.0592 0.8568 0.7621
    0.8376 0.9196 0.5162 0.9757 0.9805 0.9531 0.9132 0.7323 0.8031 0.7117 0.7493 0.7073 0.6224 1.5958 0.9032
    0.7255 0.7997 0.9445 1.1433 1.1171 0.9695 0.9785 0.9701 0.7804 0.7901 0.6925 0.9732 0.7776 0.5899 0.7788
    0.7805 0.6221 0.7859 0.7056 0.9087 0.8721 0.8656 0.6143 0.9824 0.9228 0.9698 1.0336 0.6489 1.5256 0.9974
    0.8680 0.9723 0.8144 0.9243 1.0031 1.1308 0.7713 1.0684 0.8693 0.8278 0.8450 0.9091 0.7265 0.9116 0.9210
    0.6175 0.6161 0.8042 0.6361 0.9412 0.8034 1.1630 1.0675 0.6849 0.6671 0.9610 0.7702 0.9352 1.0941 0.9397
    0.9641 0.8362 0.5345 0.5133 0.8554 0.8255 0.7817 0.7665 0.6148 0.7095 1.1312 1.0427 0.8124 0.6544 0.6789
    1.1503 1.2283 0.9690 0.9422 0.7984 0.7846 0.8064 0.6961 0.7293 0.8110 0.7336 1.1420 0.9312 0.9826 0.7468
    0.9069 0.7372 0.7787 0.7770 0.6704 0.8246 0.7157 0.9595 0.7665 0.9434 0.7460 0.8988 0.5854 0.6447 0.9607
    0.7482 0.7441 0.9938 1.1342 0.6687 0.8621 0.8314 0.9077 0.7888 1.4529 0.8764 0.8207 0.7124 0.8982 0.7126
    0.7181 0.7418 0.8878 0.8003 0.7909 0.6757 0.6097 0.6599 0.9235 0.7983 0.9221 0.8032 0.9964 0.6342 0.6050
    0.8128 0.7345 1.0649 0.8255 0.9087 0.5053 0.9946 0.7875 1.0108 0.6358 0.5736 0.7625 0.7295 0.5073 0.7365
    0.8199 0.5911 0.9551 0.8692 0.7792 0.8770 0.9711 1.0285 0.7427 0.7493 0.8727 1.0693 1.1395 0.6940 0.8309
    0.8965 1.3638 0.7584 0.9312 0.6796 1.0456 0.7346 0.5237 0.7686 0.6731 0.8962 0.8215 0.6005 0.7026 0.5637
    0.6885 0.8753 0.5602 0.8295 1.1727 0.7293 0.8718 0.7953 1.0497 0.9824 0.8698 0.6363 1.2115 0.8015 0.9548
    0.6936 0.8073 0.8647 0.8546 1.0377 0.9391 0.8337 0.6122 1.0220 0.9020 1.3361 0.7566 1.5609 0.9194 0.8404
    0.8391 1.0784 0.7809 0.7702 1.0484 0.8053 0.7141 0.7256 0.6981 0.6979 0.5273 1.1776 0.8768 0.5527 1.4806
    0.6501 0.7699 0.7621 0.4013 0.7048 0.7331 0.5616 1.3323 0.7271 0.7933 0.9635 0.7067 0.8940 0.7570 1.1003
    0.7347 0.7540 0.7607 1.1170 0.7114 0.6888 0.8878 0.8021 0.6572 1.2062 0.6894 1.0155 0.8310 0.6244 0.7644
    0.8801 0.6397 0.5716 0.8873 0.6436 0.8711 0.7828 0.8170 0.8652 0.5226 0.9076 0.8504 1.0959 0.9333 0.9850
    1.2483 0.6367 0.9892 0.7166 0.9072 0.5488 0.7122 0.7671 0.9724 0.5554 0.7384 0.8587 0.9010 0.9204 0.9136
    0.9386 0.7673 0.6075 0.9844 0.8227 0.5991 0.8428 0.7291 0.4714 0.3964 0.6125 0.5829 0.6762 0.9024 1.0260
    0.7567 0.5281 1.0000 0.5162 0.7775 0.5565 0.6432 0.8376 0.6870 0.8354 0.6869 1.0143 0.9002 0.6310 0.7680
    0.7659 0.4899 1.0172 0.5167 0.9621 0.8670 0.7020 0.9951 0.9833 0.7795 0.8775 0.5906 1.0537 0.7270 0.8327
    0.5118 0.8121 1.1214 0.6696 0.5840 0.9523 0.7241 1.0173 1.1012 0.7628 0.9966 0.6910 0.8955 0.6661 0.8495
    0.8058 0.8008 0.5492 0.7032 0.8315 0.7872 0.9363 0.9310 0.9580 0.6927 0.8512 0.5358 0.7307 1.3511 0.7133
    0.7149 0.9362 0.7979 0.6774 0.8080 0.7037 0.6360 0.6826 0.7397 0.6710 0.6298 0.6971 0.6936 0.8237 0.5505
    0.9396 1.0885 0.9507 0.8283 0.6354 0.4656 0.6626 0.5941 1.1866 0.7026 0.4980 0.8012 0.5445 0.6284 0.6028
    0.7529 0.9308 0.4567 0.7119 0.6794 0.7228 0.9206 0.8786 0.7754 0.7609 0.8091 1.0532 0.9276 0.9057 0.4947
    0.9051 0.9783 0.9444 0.8388 0.5986 1.0992 0.9423 0.6167 0.4502 0.6888 0.8948 0.9534 0.8261 0.4861 0.6365
    0.9323 0.7632 0.5021 0.6443 0.6781 0.5963 0.6847 0.6013 1.2311 0.7215 0.5691 0.7048 0.6608 0.8793 0.7538
    0.7040 0.7378 0.9322 0.7213 0.4803 0.8514 0.8680 0.8877 0.3991 0.7119 0.7684 0.6548 0.5506 0.7560 0.9632
    0.9473 0.8433 0.8845 0.7442 0.8327 0.5683 0.8362 0.8924 0.6746 0.7768 0.8016 0.8488 0.9273 0.7961 0.9496
    0.6518 0.8348 0.5026 0.9333 0.8924 0.8141 0.5943 0.8212 0.9219 0.8033 0.7289 0.4775 0.5883 0.7193 0.6716
    1.2370 1.0074 0.7986 0.4950 0.6291 0.7166 0.9185 0.9101 0.8772 0.8235 0.8249 0.9515 0.5496 0.6090 0.6381
    0.5811 0.6652 0.6424 0.5727 0.6542 0.7408 1.2485 0.7571 0.7813 0.7201 0.8998 0.6306 0.8249 0.5155 0.8218
    0.8704 1.0837 0.8416 0.6654 0.8524 1.0334 0.8190 0.8757 0.7801 0.6911 0.7356 0.9782 0.9495 0.5986 0.7321
    0.6372 0.9579 0.9381 0.8010 0.6142 0.6914 0.9342 0.6664 0.5585 1.0725 0.7467 0.6528 0.6918 0.8676 0.6042
    0.7478 1.0310 0.8139 0.8495 0.6058 0.9517 1.2039 0.6145 0.8954 0.8699 1.0136 0.4009 0.5482 0.6823 0.7314
    0.8904 0.6775 0.6854 0.8236 0.7603 0.8000 0.6889 0.6511 0.7540 0.5666 0.3970 0.9611 0.7081 1.0883 0.7188
    0.7773 0.7291 0.6435 0.7465 0.7058 0.5661 1.2038 0.9004 0.7376 0.7281 1.1007 1.0789 0.6304 0.6826 0.7748
    0.7320 0.9324 0.7227 1.1550 1.0138 0.7373 0.5754 0.8194 0.6736 0.7487 0.6256 0.9265 0.6607 0.6719 0.7558
    0.6544 0.5492 0.6930 0.6357 0.8939 0.6235 0.4989 1.1696 0.7641 0.5693 0.7718 0.7138 0.7288 0.6345 0.7497
    1.0343 0.8234 0.6340 0.6739 0.7401 1.0173 0.7625 0.5708 0.7371 0.4902 1.1263 0.6771 0.6083 0.5679 0.7346
    0.6297 0.7300 0.7247 0.5571 0.6205 0.8484 0.6181 0.7183 0.5558 0.9363 0.8394 1.0900 0.6266 0.7352 0.9727
    0.7675 0.6599 0.6032 0.8546 1.0116 0.6431 0.5006 0.8322 0.7558 0.6704 0.7249 0.8556 0.8601 0.7275 0.5593
    0.4692 0.5275 0.5175 0.3445 0.4659 0.4968 0.6345 0.6968 0.8224 0.6926 0.7283 0.3433 0.6476 0.8937 0.4449
    0.5073 0.5156 0.8293 0.4426 0.6239 0.5577 0.6888 0.5945 0.6092 0.5948 1.0921 0.7247 0.5560 0.5976 0.5545
    0.9191 0.6070 0.6302 0.4059 0.4867 0.4692 0.5849 0.4141 0.5067 0.5786 0.5787 0.3965 0.4286 0.7124 0.4667
    0.5569 0.4086 0.2558 0.4521 0.6792 0.3516 0.6292 0.5652 0.4845 0.6776 0.5961 0.5457 0.7900 0.6259 0.8221
    0.5043 0.4701 0.4123 0.5511 0.5384 0.4017 0.6968 0.6982 0.7880 0.4115 0.8459 0.6630 0.5302 0.7011 0.6006
    0.6021 0.3113 0.7939 0.4143 0.4189 0.8106 0.4255 0.6347 0.5987 0.5007 0.4153 0.6412 0.5417 0.4499 0.6852
    0.6071 0.2975 0.6999 0.4883 0.4811 0.5461 0.4805 0.3656 0.4459 0.5198 0.5885 0.6672 0.5279 0.4986 0.3622
    0.5085 0.6571 0.4867 0.3457 0.5317 0.4310 0.3492 0.6943 0.5589 0.5500 0.5261 0.4979 0.8216 0.3992 0.3768
    0.5888 0.5033 0.3506 0.4941 0.4978 0.6010 0.5510 0.5521 0.5480 0.6858 0.3724 0.3243 0.6854 0.2881 0.2970
    0.7934 0.3081 0.5202 0.7267 0.5362 0.4904 0.3758 0.3622 0.5231 0.6386 0.7139 0.6450 0.3927 0.7158 0.3279
    0.4084 0.3384 0.4470 0.4316 0.6845 0.6928 0.5814 0.4067 0.7525 0.4677 0.7929 0.4421 0.3026 0.4850 0.7539
    0.4590 0.7314 0.5273 0.4377 0.4414 0.5400 0.5307 0.3502 0.4364 0.6737 0.6138 0.2942 0.5312 0.4772 0.3433
    0.4320 0.2804 0.3001 0.3947 0.8052 0.4939 0.5227 0.5709 0.5880 0.6108 0.3397 0.6145 0.5352 0.6500 0.6281
    0.5371 0.2935 0.4616 0.5323 0.4409 0.3819 0.5020 0.4835 0.4224 0.7539 0.4410 0.3609 0.8079 0.6900 0.2867
    0.3330 0.5355 0.3461 0.3615 0.5264 0.7583 0.5258 0.2264 0.3814 0.4585 0.3909 0.3146 0.2977 0.4449 0.3743
    0.5123 0.3675 0.7697 0.4823 0.4408 0.2988 0.3508 0.6651 0.5719 0.5748 0.5608 0.5377 0.4672 0.3195 0.9771
    0.6148 0.3120 0.4599 0.6849 0.2909 0.4965 0.2678 0.4223 0.4940 0.5204 0.4492 0.4750 0.5783 0.1835 0.4419
    0.6156 0.4384 0.4910 0.7511 0.4909 0.5348 0.5290 0.5628 0.1958 0.3697 0.3592 0.4382 0.6901 0.5258 0.3703
    0.5064 0.3761 0.4545 0.3848 0.4650 0.6161 0.2951 0.3065 0.5053 0.4038 0.3942 0.1783 0.6529 0.2396 0.5097
    0.5708 0.2354 0.4659 0.5209 0.3986 0.3747 0.3534 0.2967 0.4736 0.3850 0.3623 0.4687 0.4225 0.5084 0.6810
    0.2944 0.5940 0.6376 0.4112 0.4124 0.5406 0.5850 0.4066 0.6948 0.8197 0.3830 0.4664 0.5546 0.4013 0.3420
    0.3922 0.2740 0.6108 0.6314 0.3740 0.4014 0.3786 0.2465 0.4004 0.2340 0.5346 0.3524 0.6853 0.5814 0.4516
    0.3447 0.4750 0.6067 0.5302 0.4969 0.2815 0.6458 0.3471 0.3325 0.4227 0.7009 0.3195 0.4950 0.4213 0.2688
    0.5286 0.3783 0.3264 0.4277 0.4329 0.3541 0.4211 0.3449 0.3281 0.4832 0.4944 0.4098 0.5042 0.3497 0.3445
    0.3167 0.4957 0.3132 0.3649 0.3115 0.4065 0.5038 0.3229 0.3485 0.4597 0.4277 0.5482 0.5668 0.2013 0.4510
    0.2514 0.3859 0.3475 0.4083 0.4664 0.2918 0.6800 0.5678 0.2686 0.3102 0.6169 0.3667 0.8391 0.2816 0.5566
    0.3559 0.3803 0.2022 0.2762 0.5579 0.2996 0.4616 0.5721 0.3198 0.4332 0.4246 0.2823 0.3295 0.8001 0.4088
    0.2133 0.4878 0.3571 0.1965 0.5994 0.3151 0.4021 0.3658 0.6108 0.4596 0.5660 0.5267 0.4062 0.4348 0.2932
    0.4865 0.3480 0.3799 0.4091 0.3531 0.4581 0.4177 0.3697 0.4697 0.4976 0.2324 0.5290 0.3602 0.3864 0.3510
    0.4220 0.2808 0.2171 0.4740 0.1928 0.3779 0.5487 0.4477 0.3560 0.2748 0.3633 0.4360 0.3561 0.2798 0.5990
    0.6174 0.4058 0.3996 0.3037 0.4522 0.4618 0.7012 0.3336 0.3562 0.3124 0.1097 0.2860 0.4140 0.2242 0.3758
    0.2005 0.1970 0.2743 0.3338 0.5676 0.3755 0.5105 0.3278 0.3370 0.5980 0.3950 0.4005 0.1541 0.4655 0.2214
    0.3682 0.2404 0.2961 0.6669 0.4176 0.2581 0.3917 0.3090 0.3989 0.3763 0.2803 0.6139 0.2688 0.3195 0.4759
    0.3215 0.6570 0.3422 0.2401 0.3272 0.2739 0.3504 0.4996 0.4324 0.6512 0.3788 0.2517 0.3084 0.2489 0.2455
    0.4266 0.5625 0.2966 0.3920 0.4380 0.4348 0.3608 0.5702 0.6184 0.1708 0.4613 0.3739 0.2837 0.2111 0.4179
    0.6279 0.4097 0.4226 0.3002 0.8184 0.4203 0.2628 0.3851 0.5005 0.1709 0.4810 0.4043 0.1851 0.2337 0.2687
    0.1948 0.2216 0.2801 0.2267 0.4420 0.3154 0.1937 0.2228 0.2955 0.3507 0.4902 0.2677 0.2630 0.3665 0.3723
    0.5844 0.3154 0.1622 0.3723 0.4490 0.4509 0.4783 0.4414 0.2890 0.3919 0.3460 0.2031 0.5654 0.1570 0.3017
    0.2524 0.5601 0.5681 0.3128 0.3244 0.3195 0.3215 0.5303 0.3157 0.2810 0.6093 0.4315 0.5625 0.5501 0.3214
    0.3860 0.4114 0.2513 0.2653 0.5592 0.2931 0.3753 0.2339 0.4809 0.5856 0.1350 0.5555 0.2297 0.1466 0.5452
    0.2274 0.2481 0.3787 0.5298 0.3889 0.3770 0.2755 0.4272 0.2576 0.2093 0.1989 0.1765 0.2768 0.1788 0.3312
    0.3476 0.5495 0.3088 0.2475 0.3741 0.3004 0.3124 0.1839 0.2537 0.2937 0.2639 0.2446 0.5831 0.3559 0.1924
    0.1988 0.2984 0.3762 0.3469 0.3530 0.3657 0.2257 0.4609 0.3456 0.2490 0.3800 0.3646 0.2207 0.2579 0.5347
    0.4296 0.2450 0.4216 0.3192 0.1572 0.2891 0.4984 0.3318 0.4911 0.4791 0.2923 0.2537 0.2877 0.4929 0.4232
    0.2854 0.5710 0.3493 0.3900 0.2463 0.3859 0.4654 0.2965 0.4485 0.1446 0.2798 0.3567 0.3928 0.3544 0.3595
    0.1375 0.2210 0.2311 0.4145 0.3123 0.2645 0.1550 0.1793 0.4431 0.3808 0.2850 0.2060 0.3020 0.1996 0.3226
    0.2557 0.2053 0.1551 0.2664 0.4681 0.3503 0.4789 0.3670 0.2382 0.1640 0.2766 0.3431 0.1736 0.2614 0.2921
    0.4202 0.3689 0.2577 0.3232 0.2099 0.3655 0.2081 0.4086 0.3386 0.2632 0.0989 0.4869 0.3708 0.5299 0.3079
    0.4166 0.4046 0.3420 0.3071 0.2287 0.3330 0.2494 0.3244 0.3440 0.4263 0.2850 0.3115 0.3212 0.1587 0.2550
    0.2577 0.3566 0.3146 0.2860 0.3126 0.2641 0.3976 0.3840 0.2485 0.2006 0.3459 0.2043 0.3929 0.2082 0.1783
    0.3525 0.1430 0.2759 0.2109 0.2618 0.2319 0.3521 0.3057 0.3118 0.3936 0.1664 0.2154 0.2878 0.1931 0.1730
    0.3087 0.3506 0.4051 0.3006 0.2475 0.2371 0.2213 0.1472 0.4401 0.2900 0.1936 0.4586 0.1364 0.2222 0.3325
    0.2176 0.4820 0.4389 0.2944 0.1944 0.2214 0.2891 0.2919 0.3221 0.3961 0.3774 0.1738 0.1090 0.1404 0.1611
    0.1998 0.4104 0.2842 0.1350 0.4282 0.2960 0.2415 0.2339 0.4125 0.3725 0.3329 0.2866 0.2691 0.1810 0.1498
    0.3710 0.1222 0.2322 0.2353 0.1071 0.1402 0.2336 0.3280 0.4023 0.2377 0.2319 0.2724 0.1511 0.1466 0.1421
    0.1442 0.1540 0.1733 0.2754 0.1674 0.2741 0.2396 0.1711 0.3476 0.1653 0.3341 0.2523 0.1089 0.2239 0.2156
    0.2124 0.2638 0.2004 0.3227 0.1456 0.2688 0.2666 0.2140 0.1544 0.4071 0.1612 0.1739 0.2644 0.1112 0.2844
    0.2173 0.3469 0.2412 0.1646 0.1579 0.2342 0.4264 0.2056 0.2514 0.2628 0.1867 0.3629 0.3022 0.3910 0.4833
    0.3168 0.3593 0.4960 0.2725 0.2880 0.1640 0.2863 0.4696 0.4411 0.2802 0.2069 0.3639 0.3911 0.1816 0.2145
    0.3166 0.1654 0.2315 0.1947 0.2315 0.3591 0.3658 0.2855 0.2692 0.2084 0.2325 0.2575 0.2390 0.3688 0.2947
    0.1094 0.2670 0.2353 0.1076 0.2534 0.2409 0.2673 0.3873 0.2996 0.0841 0.2723 0.2056 0.2165 0.2009 0.1504
    0.1317 0.2739 0.2255 0.2164 0.1696 0.2664 0.1102 0.2027 0.2548 0.1107 0.1567 0.2859 0.2078 0.2064 0.1490
    0.3143 0.2467 0.0917 0.1975 0.2995 0.2518 0.1590 0.2847 0.1420 0.4614 0.1651 0.2819 0.2584 0.1271 0.3926
    0.1529 0.1949 0.2371 0.1913 0.2664 0.3013 0.2847 0.2839 0.2312 0.1334 0.1813 0.2370 0.1606 0.1154 0.1553
    0.1740 0.2643 0.1116 0.3028 0.1421 0.2746 0.0858 0.2185 0.0676 0.2026 0.2644 0.1804 0.2093 0.2786 0.1553
    0.2258 0.2311 0.1022 0.1631 0.1209 0.2885 0.2103 0.2571 0.0745 0.2461 0.1678 0.1294 0.2729 0.2948 0.0980
    0.0797 0.1109 0.2263 0.2695 0.1880 0.2245 0.1948 0.1820 0.2954 0.1316 0.2154 0.2264 0.3131 0.1449 0.3930
    0.2689 0.1758 0.1047 0.3283 0.1061 0.3122 0.2436 0.2054 0.2757 0.1640 0.1908 0.3300 0.2072 0.2881 0.2169
    0.2308 0.1320 0.1298 0.2492 0.1439 0.3538 0.1379 0.2328 0.2359 0.1782 0.2171 0.1677 0.1435 0.0971 0.1294
    0.1168 0.1322 0.1714 0.1084 0.2269 0.1256 0.2907 0.1579 0.1712 0.0854 0.1295 0.0870 0.1567 0.1425 0.1995
    0.0985 0.1412 0.1324 0.1406 0.1356 0.0739 0.2761 0.1686 0.1706 0.2634 0.1821 0.2037 0.1439 0.0636 0.1006
    0.2081 0.0918 0.1135 0.1294 0.1291 0.2482 0.1353 0.2669 0.2289 0.1943 0.4123 0.2891 0.0845 0.2147 0.1225
    0.2457 0.1720 0.2833 0.2019 0.3022 0.2689 0.3246 0.2046 0.2316 0.2125 0.2573 0.1130 0.1218 0.1110 0.1321
    0.1259 0.1784 0.1634 0.1297 0.1144 0.1252 0.1483 0.1269 0.0990 0.2141 0.1909 0.1315 0.2138 0.1129 0.1835
    0.2821 0.1144 0.1320 0.1221 0.1618 0.2008 0.1057 0.1969 0.1340 0.0899 0.2453 0.1709 0.1590 0.2083 0.0551
    0.1820 0.1751 0.1391 0.1316 0.2009 0.1901 0.2219 0.0873 0.2545 0.1917 0.0721 0.2020 0.1443 0.1234 0.1594
    0.1313 0.1232 0.1725 0.1984 0.2303 0.1850 0.1393 0.1906 0.1606 0.1285 0.1355 0.1614 0.1571 0.1939 0.1506
    0.1407 0.2102 0.1050 0.2349 0.2693 0.1079 0.0868 0.1482 0.1857 0.1494 0.1151 0.1402 0.1591 0.0629 0.1268
    0.1552 0.1966 0.1497 0.1200 0.1609 0.0738 0.2113 0.0389 0.1075 0.1888 0.0878 0.1397 0.1763 0.1852 0.0867
    0.1015 0.1141 0.1224 0.1584 0.1249 0.1624 0.1062 0.2637 0.0858 0.1164 0.1045 0.0860 0.1580 0.1485 0.1433
    0.1098 0.0722 0.1216 0.2182 0.0629 0.0677 0.1792 0.1566 0.2467 0.0398 0.1961 0.1970 0.0995 0.1067 0.1245
    0.0623 0.2846 0.1468 0.0904 0.1447 0.1542 0.1934 0.1315 0.1424 0.1334 0.3759 0.3562 0.1693 0.2254 0.0976
    0.1428 0.2078 0.0794 0.1302 0.0719 0.1031 0.0498 0.0561 0.0737 0.1030 0.1345 0.1239 0.1441 0.0877 0.0830
    0.0998 0.2079 0.1440 0.0744 0.0482 0.1641 0.1006 0.0782 0.1296 0.1732 0.1473 0.0964 0.1083 0.1515 0.0663
    0.2002 0.1292 0.0832 0.1118 0.0617 0.1545 0.1648 0.1075 0.0689 0.1681 0.0477 0.1501 0.3317 0.1043 0.1439
    0.1262 0.2044 0.0682 0.0821 0.1285 0.2963 0.1402 0.1170 0.1564 0.2593 0.2937 0.0958 0.1593 0.1558 0.0979
    0.1204 0.1799 0.0659 0.1546 0.1198 0.1065 0.1384 0.1951 0.0696 0.0986 0.1265 0.1037 0.1654 0.0654 0.0514
    0.0899 0.0554 0.0774 0.0735 0.1407 0.1137 0.0881 0.1572 0.0986 0.0898 0.1073 0.0648 0.0922 0.1593 0.0550
    0.0886 0.0691 0.0956 0.0713 0.1506 0.1423 0.0758 0.1062 0.0857 0.1137 0.1068 0.1118 0.1827 0.0533 0.0862
    0.1100 0.1152 0.1210 0.1167 0.0840 0.0729 0.1303 0.1360 0.1593 0.0764 0.0712 0.0649 0.1567 0.1001 0.1623
    0.0828 0.0996 0.1068 0.1855 0.1535 0.1091 0.0457 0.1129 0.0958 0.0779 0.1771 0.1760 0.3169 0.1074 0.2359
    0.1329 0.1109 0.0860 0.1427 0.0627 0.1049 0.0883 0.0607 0.1086 0.0800 0.0832 0.0554 0.0579 0.0565 0.0510
    0.0685 0.1895 0.1073 0.1074 0.0544 0.0836 0.0607 0.1707 0.0706 0.0863 0.0833 0.1465 0.0663 0.1318 0.0800
    0.1365 0.0823 0.0829 0.1176 0.1122 0.0883 0.0585 0.0449 0.1262 0.0854 0.0652 0.1182 0.1564 0.1027 0.0520
    0.0373 0.1010 0.1158 0.0769 0.0604 0.1600 0.1043 0.0423 0.1095 0.0998 0.0789 0.0948 0.0977 0.0521 0.1423
    0.2800 0.1334 0.0544 0.0463 0.0814 0.0790 0.0992 0.1103 0.1383 0.0563 0.1502 0.1262 0.0876 0.1042 0.1344
    0.0786 0.0996 0.0684 0.0866 0.0439 0.1612 0.0645 0.0666 0.1089 0.0640 0.0886 0.1388 0.0826 0.0607 0.1094
    0.1091 0.0686 0.0625 0.1143 0.1121 0.0922 0.0655 0.0773 0.1827 0.0692 0.0841 0.0541 0.0603 0.0929 0.1171
    0.0533 0.1432 0.0630 0.0496 0.0507 0.0518 0.0403 0.0523 0.0538 0.0569 0.0946 0.0734 0.1321 0.0755 0.1340
    0.1222 0.0998 0.0269 0.1390 0.0720 0.0776 0.0795 0.0891 0.0693 0.0586 0.1393 0.0764 0.1132 0.0612 0.0959
"""


def write_dropout_off(path: Path) -> Path:
    """DROPOUT_OFF_LOSS as the run's Lightning metrics.csv (train_loss, lr-Adam, epoch, step)."""
    values = DROPOUT_OFF_LOSS.split()
    path.write_text("train_loss,lr-Adam,epoch,step\n" + "".join(
        f"{v},0.001,{i // 70},{i + 1}\n" for i, v in enumerate(values)))
    return path


# p29_steplr_nolr_epochiter_csv (tools/probe_runs.py): an MLP 20-128-128-5 on make_classification,
# SGD 0.05 momentum 0.9, batches of 32 (39 an epoch), the LR cut x0.1 from epoch 15 (update 586,
# the log's step 585); the minibatch loss at every update as the loop's own CSV wrote it (epoch,
# iter within the epoch, loss; no LR).
STEPLR_NOLR_LOSS = """
    1.6763  1.60575 1.6046  1.54709 1.51509 1.64121 1.47639 1.54629 1.36557 1.37385 1.35833 1.44774 1.35769
    1.4037  1.12601 1.56293 1.13648 1.41814 1.25111 1.35988 1.23565 1.16276 1.08275 1.26479 1.07764 1.03915
    0.95741 1.24402 0.94046 1.28701 1.27877 1.33234 1.27974 1.16204 1.21132 1.26174 1.14532 1.02417 0.95929
    0.71168 0.80727 0.90062 0.80182 0.97411 0.84774 0.85002 0.78387 1.04013 0.71875 0.77978 1.12466 1.12798
    1.03979 0.7864  0.84877 1.00517 0.93964 0.59432 0.59054 1.37575 1.11476 1.08175 0.99995 0.93886 0.92488
    0.96083 1.01888 1.19258 0.97669 1.02514 1.17458 0.67597 1.09708 0.80056 0.68062 0.78852 0.61398 0.8149
    0.56834 0.83701 0.83818 0.92054 0.63495 0.99775 0.6493  0.76696 0.61116 0.50013 0.78455 0.48005 0.90718
    0.69362 0.82731 0.63671 0.83323 0.80071 0.77042 0.61916 0.45584 0.62441 0.75415 0.80553 0.67243 1.15617
    0.69643 0.63846 0.67649 0.50445 0.63765 1.01585 0.94318 0.95093 0.66605 0.8244  0.59021 0.6163  1.10323
    0.7603  0.54648 0.8213  0.4732  0.79661 0.65517 0.64965 0.48795 0.4884  0.63039 0.52997 0.48899 0.63958
    0.40806 0.48409 1.06192 0.73441 0.49283 0.70286 0.59078 0.81768 0.51367 0.66444 0.86942 0.67755 0.80704
    0.8451  0.5902  0.6063  0.61194 0.48763 0.66554 0.62385 0.70885 0.59576 0.85978 0.58228 0.89377 0.39473
    0.49916 0.54351 0.44164 0.25676 0.88589 0.49548 0.57099 0.53169 0.63154 0.54568 0.38399 0.55181 0.30352
    0.572   0.67009 0.65893 0.44553 0.69007 0.36082 0.40689 0.95603 0.35881 0.61956 0.83009 0.44819 0.57494
    0.71276 0.387   0.57404 0.4301  0.87789 0.95085 0.56379 1.26467 0.5021  0.8211  0.39296 0.39204 0.48595
    0.59086 0.5961  0.5486  0.5796  0.42303 0.4812  0.57588 0.2806  0.3992  0.43171 0.42453 0.76462 0.67624
    0.41821 0.41054 0.70989 0.36429 0.5518  0.36729 0.47425 0.43608 0.34516 0.76744 0.43951 0.36074 0.69093
    0.38762 0.47806 0.66962 0.61226 0.68484 0.69264 0.72287 0.48481 0.77961 0.45598 0.48275 0.4401  0.56765
    0.42555 0.52368 0.42072 0.34207 0.42843 0.41969 0.29525 0.19558 0.83168 0.5889  0.59336 0.54561 0.49992
    0.67807 0.37366 0.50557 0.35017 0.36518 0.59239 0.55534 0.47732 0.52635 0.65976 0.45487 0.47734 0.42976
    0.59654 0.25126 0.28876 0.36573 0.214   0.65643 0.20939 0.60516 0.40196 0.76566 0.4996  0.38152 0.36625
    0.47134 0.48164 0.22223 0.36602 0.22574 0.1713  0.44703 0.37083 0.45009 0.39461 0.20271 0.17712 0.33909
    0.31786 0.26251 0.17789 0.65187 0.48777 0.26106 0.11695 0.59578 0.20403 0.45736 0.25868 0.45964 0.40542
    0.37466 0.24795 0.58027 0.79925 0.33729 0.53533 0.13523 0.87068 0.32064 0.61678 0.38405 0.37225 0.88751
    0.47065 0.41801 0.21707 0.19424 0.10906 0.38414 0.59653 0.41927 0.44845 0.65798 0.57164 0.29601 0.42185
    0.38589 0.36257 0.41825 0.45016 0.42737 0.19269 0.45988 0.61868 0.46843 0.5247  0.46054 0.4406  0.43539
    0.18218 0.40945 0.42749 0.55711 0.76518 0.34208 0.40347 0.53554 0.39017 0.2501  0.44518 0.48634 0.37126
    0.14036 0.51568 0.27651 0.27201 0.26754 0.3476  0.18331 0.18883 0.3381  0.39101 0.50647 0.29818 0.36778
    0.13409 0.24094 0.20125 0.21425 0.37939 0.25947 0.16902 0.40412 0.52287 0.43823 0.34176 0.24617 0.168
    0.51254 0.26414 0.40514 0.26964 0.28339 0.48017 0.62575 0.20389 0.39565 0.24792 0.24311 0.16222 0.24469
    0.14829 0.27448 0.18941 0.06353 0.2763  0.37761 0.29704 0.28411 0.30764 0.12152 0.4574  0.22053 0.24223
    0.37739 0.07717 0.17711 0.11075 0.27769 0.85403 0.28883 0.18399 0.14314 0.3082  0.14209 0.59018 0.17803
    0.48326 0.3534  0.1109  0.26274 0.51661 0.27428 0.63433 0.14202 0.78596 0.35428 0.33591 0.15342 0.26255
    0.13737 0.17496 0.1111  0.38417 0.25403 0.39309 0.32575 0.22184 0.28523 0.24355 0.26136 0.14287 0.31865
    0.24617 0.33202 0.09462 0.0734  0.46558 0.48536 0.30483 0.30086 0.10886 0.17537 0.42723 0.35249 0.57038
    0.49928 0.2167  0.35047 0.66834 0.16657 0.97045 0.27039 0.2918  0.49003 0.58997 0.38715 0.45947 0.11135
    0.18775 0.28894 0.31058 0.21001 0.31119 0.27902 0.62384 0.34121 0.46364 0.12944 0.45078 0.19817 0.55438
    0.15489 0.36387 0.16596 0.20294 0.26157 0.61828 0.16418 0.09716 0.18031 0.12472 0.43087 0.57948 0.4668
    0.26365 0.33419 0.32726 0.18386 0.65364 0.4206  0.22212 0.32814 0.13224 0.28617 0.27277 0.28756 0.4192
    0.22498 0.53042 0.25586 0.19851 0.43168 0.14849 0.22511 0.16077 0.17476 0.45314 0.40056 0.24875 0.2382
    0.26331 0.18452 0.26035 0.14949 0.35729 0.14381 0.29156 0.24567 0.1546  0.20322 0.38832 0.2785  0.27773
    0.21283 0.13604 0.12282 0.33639 0.25173 0.15603 0.34235 0.23696 0.24311 0.54353 0.14426 0.10076 0.41609
    0.24497 0.20418 0.18065 0.17896 0.10919 0.26816 0.11084 0.09702 0.08394 0.39545 0.13083 0.14936 0.19222
    0.07205 0.14313 0.31056 0.28524 0.10656 0.1202  0.20091 0.38789 0.29457 0.27564 0.14989 0.15066 0.24422
    0.16806 0.69687 0.42147 0.23588 0.57349 0.33603 0.53262 0.46251 0.25253 0.44175 0.48923 0.29261 0.46547
    0.18507 0.19986 0.49673 0.68057 0.13408 0.45733 0.36519 0.23901 0.24334 0.19002 0.68364 0.20628 0.17557
    0.16936 0.24079 0.12045 0.06869 0.17672 0.11446 0.2151  0.23032 0.13392 0.07678 0.19504 0.17444 0.11358
    0.31061 0.22592 0.05485 0.15557 0.07853 0.16967 0.1075  0.25215 0.13944 0.10547 0.08132 0.1907  0.11508
    0.11162 0.08942 0.05581 0.02917 0.15255 0.07991 0.05058 0.18483 0.11884 0.05687 0.06575 0.08004 0.07188
    0.05692 0.05924 0.0564  0.04998 0.09566 0.10797 0.07424 0.017   0.097   0.08478 0.1466  0.15054 0.0859
    0.09765 0.02989 0.02017 0.03883 0.06721 0.07995 0.12792 0.02948 0.08533 0.05103 0.10459 0.16066 0.14833
    0.13458 0.09386 0.08717 0.10557 0.04533 0.08762 0.05238 0.11163 0.05653 0.06645 0.02937 0.06233 0.03276
    0.08298 0.01512 0.0557  0.03848 0.05403 0.04859 0.03413 0.09367 0.03632 0.07154 0.04908 0.04433 0.05117
    0.08494 0.02846 0.0946  0.03598 0.04939 0.10968 0.06536 0.03552 0.03495 0.03369 0.10822 0.05848 0.06412
    0.05528 0.0333  0.04748 0.1299  0.04353 0.04045 0.04232 0.08107 0.03811 0.05224 0.02914 0.02618 0.04698
    0.0144  0.01015 0.02579 0.01134 0.02688 0.06805 0.02143 0.1163  0.03989 0.02476 0.12332 0.02352 0.05522
    0.03089 0.05785 0.04683 0.03544 0.02711 0.08204 0.12858 0.04218 0.07783 0.0364  0.06412 0.06328 0.05246
    0.06381 0.02531 0.02583 0.0176  0.03166 0.04118 0.02554 0.0303  0.03007 0.03201 0.01788 0.03341 0.04912
    0.01401 0.03894 0.07217 0.02582 0.0826  0.02004 0.0357  0.05542 0.07142 0.02846 0.11616 0.04463 0.01091
    0.03725 0.02673 0.05645 0.03101 0.04183 0.04631 0.10282 0.04168 0.05754 0.04313 0.06816 0.04923 0.07764
    0.08208 0.01658 0.0399  0.04072 0.02081 0.0458  0.04263 0.03265 0.02602 0.04455 0.12076 0.02271 0.034
    0.02227 0.03487 0.0269  0.02312 0.04236 0.03259 0.01296 0.04214 0.03966 0.02647 0.03318 0.0355  0.0445
    0.12076 0.05197 0.01653 0.02704 0.02656 0.02605 0.04194 0.04058 0.02431 0.01366 0.05318 0.05931 0.0384
    0.0173  0.05007 0.02456 0.02177 0.01137 0.09647 0.01016 0.03597 0.01961 0.01461 0.03616 0.01736 0.01068
    0.10502 0.01859 0.04461 0.04955 0.02788 0.02563 0.03092 0.044   0.08781 0.01506 0.0347  0.02058 0.05997
    0.03279 0.03277 0.01894 0.05408 0.03806 0.02334 0.01496 0.03835 0.01443 0.06424 0.03357 0.04062 0.0329
    0.02184 0.02938 0.01651 0.01568 0.01764 0.03428 0.02911 0.01994 0.02123 0.02337 0.06803 0.02143 0.01413
    0.02527 0.03531 0.01363 0.06967 0.01566 0.02251 0.05944 0.02751 0.10097 0.04196 0.02694 0.01335 0.01887
    0.01465 0.03209 0.04361 0.00866 0.05808 0.04664 0.0183  0.03222 0.02616 0.05317 0.04755 0.03603 0.01437
    0.01715 0.01684 0.03265 0.00953 0.03213 0.03239 0.02107 0.01613 0.03111 0.02436 0.09208 0.04299 0.00606
    0.02446 0.03608 0.02211 0.02427 0.0135  0.01827 0.01513 0.03263 0.01161 0.04711 0.02129 0.01647 0.04498
    0.02185 0.04272 0.05365 0.03095 0.0468  0.01539 0.03052 0.07076 0.00856 0.01943 0.03829 0.02163 0.03566
    0.01347 0.0196  0.01805 0.03931 0.02219 0.0211  0.02809 0.0237  0.0143  0.03419 0.02859 0.01906 0.01548
    0.02965 0.0163  0.02893 0.02949 0.0157  0.03399 0.00915 0.03368 0.00696 0.00955 0.05391 0.01538 0.02601
    0.04802 0.03746 0.06953 0.04269 0.02156 0.03477 0.02587 0.01078 0.03838 0.06992 0.02641 0.01497 0.0211
    0.0485  0.01252 0.01985 0.03317 0.02694 0.03663 0.0217  0.01223 0.03549 0.07015 0.01593 0.05015 0.0129
    0.02934 0.01583 0.01014 0.01466 0.01818 0.01477 0.02003 0.01438 0.04973 0.00875 0.02243 0.01915 0.07127
    0.03767 0.02908 0.01248 0.01165 0.00996 0.02116 0.0125  0.03336 0.03632 0.01453 0.02522 0.01501 0.02685
    0.01954 0.02354 0.01436 0.01432 0.02978 0.0244  0.01362 0.06948 0.02979 0.05247 0.0126  0.03308 0.04864
    0.03914 0.01214 0.00768 0.01648 0.01392 0.03114 0.02249 0.01796 0.03062 0.02067 0.02017 0.01192 0.01364
    0.01781 0.02192 0.02634 0.0377  0.01155 0.01359 0.03015 0.0398  0.02276 0.01709 0.0153  0.00935 0.0138
    0.00764 0.02775 0.01248 0.02404 0.03454 0.02897 0.01045 0.00678 0.0207  0.03012 0.02372 0.03152 0.02016
    0.01263 0.03093 0.02258 0.02951 0.02529 0.0222  0.01289 0.0242  0.03626 0.02417 0.02094 0.00893 0.01647
    0.00594 0.05623 0.02166 0.0157  0.03185 0.06551 0.01615 0.02069 0.01488 0.01885 0.0199  0.01268 0.00783
    0.01805 0.01048 0.03502 0.00928 0.01794 0.01915 0.04826 0.01167 0.01902 0.02034 0.03233 0.01585 0.01877
    0.01657 0.02843 0.03557 0.01783 0.02665 0.01748 0.01057 0.01938 0.02067 0.01197 0.01898 0.00739 0.0079
    0.01656 0.02233 0.00798 0.01825 0.03636 0.01862 0.0308  0.01727 0.00806 0.02948 0.01271 0.02103 0.02467
    0.08756 0.01654 0.01326 0.00609 0.04701 0.0103  0.02235 0.01119 0.0127  0.01765 0.01277 0.0059  0.01783
    0.02014 0.01483 0.01553 0.0451  0.01269 0.01437 0.01387 0.01226 0.00772 0.032   0.00896 0.0107  0.0084
    0.01936 0.02081 0.02504 0.01623 0.02065 0.03545 0.02155 0.02272 0.01175 0.01931 0.01708 0.02951 0.01922
"""


def write_steplr_nolr(path: Path) -> Path:
    """STEPLR_NOLR_LOSS as the loop's CSV, written by the csv module (lines ending in \\r\\n)."""
    values = STEPLR_NOLR_LOSS.split()
    path.write_bytes(("epoch,iter,loss\r\n" + "".join(f"{i // 39},{i % 39},{v}\r\n" for i, v in enumerate(values)))
                     .encode())
    return path


# p30_batch_cut_hf (tools/probe_runs.py): an MLP on make_classification, SGD 0.05 momentum 0.9
# constant, batches of 128 for 8 epochs (23 updates each), then of 16 (186 each) from update 185;
# Hugging Face's log every 10 updates: step, epoch, mean loss, grad norm.
BATCH_CUT_HF = """
    10 0.43 1.5503 0.6865   20 0.87 1.2842 0.8063   30 1.3 1.0333 1.459   40 1.74 0.9184 1.731   50 2.17 0.761 1.106
    60 2.61 0.7425 1.05   70 3.04 0.6625 0.9747   80 3.48 0.6183 1.114   90 3.91 0.6726 1.312   100 4.35 0.5597 0.8169
    110 4.78 0.5337 0.7633   120 5.22 0.5653 0.7125   130 5.65 0.5436 0.9377   140 6.09 0.5229 1.281   150 6.52 0.4518 0.8996
    160 6.96 0.5267 1.455   170 7.39 0.4648 0.9046   180 7.83 0.4251 0.8444   190 8.03 0.3917 3.337   200 8.09 0.8045 6.516
    210 8.14 1.4863 6.513   220 8.19 1.3844 2.351   230 8.25 1.2639 2.802   240 8.3 0.9637 2.233   250 8.35 1.091 3.257
    260 8.41 1.2692 2.802   270 8.46 1.0245 2.181   280 8.51 0.8705 2.843   290 8.57 1.2028 3.945   300 8.62 1.0568 2.083
    310 8.67 0.9773 2.709   320 8.73 0.9464 1.877   330 8.78 1.0248 2.144   340 8.83 1.1646 3.33   350 8.89 1.3048 1.553
    360 8.94 1.2537 1.693   370 8.99 1.2323 1.202   380 9.05 1.1132 2.232   390 9.1 1.1113 2.098   400 9.16 1.0288 2.815
    410 9.21 1.0012 1.469   420 9.26 1.0435 2.437   430 9.32 1.1454 2.156   440 9.37 0.9925 1.379   450 9.42 0.8952 2.579
    460 9.48 0.935 1.869   470 9.53 0.8198 2.257   480 9.58 1.0294 3.798   490 9.64 0.8984 1.836   500 9.69 1.1895 2.19
    510 9.74 1.2379 2.325   520 9.8 1.0125 2.507   530 9.85 0.9932 2.486   540 9.9 0.994 2.759   550 9.96 1.0369 2.226
    560 10.01 0.9448 1.862   570 10.06 0.8465 2.203   580 10.12 0.8641 1.726   590 10.17 1.0316 4.327   600 10.22 0.8951 1.796
    610 10.28 1.1499 4.742   620 10.33 0.9434 1.28   630 10.39 1.0067 2.811   640 10.44 0.9411 4.204   650 10.49 1.1276 3.314
    660 10.55 0.9884 2.807   670 10.6 1.1506 2.381   680 10.65 1.0958 1.793   690 10.71 0.8379 1.564   700 10.76 0.7557 3.028
    710 10.81 1.0867 2.311   720 10.87 1.1385 1.937   730 10.92 1.0314 2.132   740 10.97 1.051 1.52   750 11.03 0.8485 1.665
    760 11.08 0.9288 2.629   770 11.13 0.9393 2.796   780 11.19 1.2118 1.555   790 11.24 0.8355 1.267   800 11.29 1.07 2.043
    810 11.35 0.9917 3.367   820 11.4 1.0142 2.243   830 11.45 0.9879 3.299   840 11.51 1.0449 1.342   850 11.56 1.1657 2.949
    860 11.61 1.2216 2.287   870 11.67 1.2876 3.118   880 11.72 0.9142 2.213   890 11.78 1.094 1.579   900 11.83 0.9404 2.574
    910 11.88 0.7721 1.446   920 11.94 1.2533 1.179   930 11.99 1.0806 1.732
"""


def write_batch_cut_hf(path: Path) -> Path:
    """BATCH_CUT_HF as the run's trainer_state.json (no batch size logged: the epochs show it)."""
    v = BATCH_CUT_HF.split()
    history = [{"epoch": float(v[i + 1]), "grad_norm": float(v[i + 3]), "learning_rate": 0.05, "loss": float(v[i + 2]),
                "step": int(v[i])} for i in range(0, len(v), 4)]
    path.write_text(json.dumps({"global_step": history[-1]["step"], "log_history": history, "logging_steps": 10}))
    return path


# p31_finetune_stage_lightning (tools/probe_runs.py): an MLP trained on one make_classification task
# for 1500 updates of 32 under SGD 0.05 momentum 0.9, then fine-tuned on another with the LR cut x0.1
# from update 1501. The update's own loss every 10 updates (Lightning step 10k-1) and the held-out
# accuracy on the current task every 100.
FINETUNE_STAGE_LOSS = """
    1.4246 1.2616 1.0489 0.9587 0.8130 0.9293 0.9152 1.1876 1.0734 0.8535 1.5202 0.9887 0.6022 0.6548 0.5790 1.0087
    0.7784 1.0147 0.9175 0.8124 0.8388 0.8375 0.6961 0.4071 1.3482 0.9409 0.6948 0.9887 0.4581 0.4463 0.6989 0.6853
    0.3737 0.7642 0.4592 0.8243 0.5757 0.7011 0.6446 1.2940 0.7258 0.6084 0.6485 0.5589 0.7402 0.4111 0.4205 0.4900
    0.4448 0.2360 0.5954 0.5598 0.9361 0.6188 0.4855 0.4055 0.4293 0.6481 0.4291 0.4805 0.4524 0.4875 0.7028 0.7387
    0.6756 0.5419 0.6732 0.2519 0.4831 0.4154 0.9381 1.4447 0.5962 0.2811 0.5015 0.3038 0.6626 0.4291 0.4337 0.9294
    0.5766 0.5111 0.1461 0.3540 0.6369 0.6608 0.5433 0.5723 0.6666 1.2044 0.5820 0.3243 0.5807 0.9194 0.1921 0.8574
    0.4450 0.2721 0.4930 0.9115 0.3858 0.4955 0.1913 0.3205 0.6182 0.5591 0.3864 0.7101 0.2684 0.2712 0.4537 0.2352
    0.2149 0.5061 0.2654 0.2492 0.5241 1.1714 0.4247 0.3822 0.3263 0.4843 0.3581 0.5209 0.3626 0.1594 0.5976 0.7402
    0.5181 0.4036 0.2940 0.6157 0.2757 0.9273 0.3999 0.5022 0.4529 0.6784 0.8155 0.2749 0.3019 0.2442 0.2493 0.2811
    0.2259 1.0592 0.4578 0.4168 0.5892 0.7143 3.3217 2.0150 1.8394 1.6752 1.4078 1.5400 1.1285 0.9747 1.2479 1.1085
    1.2387 1.0559 1.1769 1.1779 1.6842 1.1714 1.1728 0.8714 0.8861 1.0158 1.1289 1.1567 1.2755 0.9911 0.9158 1.0439
    1.1918 0.9084 0.9810 1.0179 0.6116 0.9351 0.7869 1.1403 0.8481 0.9950 0.9357 0.7320 0.9170 0.6725 0.7645 0.9970
    0.8679 0.7569 0.8972 0.5915 0.6598 0.5410 0.6922 0.7172 0.6424 0.6019 0.9021 0.7126 0.4895 0.5814 0.9075 0.4882
    0.3863 0.8447 0.8253 0.5552 0.5022 1.0357 0.7331 1.0296 0.9466 0.4127 0.5243 0.8028 0.5070 0.5505 0.7118 0.8211
    0.4579 0.6287 0.4699 0.7203 0.4955 0.6753 0.6290 0.7011 0.7411 0.6881 1.0410 0.8898 0.5070 0.5960 0.7370 0.4471
    0.6720 0.5672 0.6604 0.6345 0.4943 0.6856 0.4732 0.6414 0.3766 0.4459 0.7981 0.5209 0.5480 0.3694 0.6237 0.7272
    0.3583 0.6026 0.6688 0.8252 0.3969 0.4430 0.4784 0.6587 0.3421 0.5214 0.8199 0.7014 0.3827 0.3951 0.6036 0.6888
    0.4536 0.6005 0.6810 0.6598 0.5692 0.4679 0.4859 0.3201 0.4633 0.2267 0.5588 0.7476 0.5510 0.6691 0.3828 0.5341
    0.9278 0.3594 0.4190 0.2545 0.7625 0.5250 0.5187 0.6038 0.3209 0.4389 0.5090 0.5844
"""
FINETUNE_STAGE_VAL_ACC = """
    0.6710 0.7210 0.7170 0.7650 0.7820 0.7450 0.7690 0.7650 0.7410 0.7390 0.7650 0.7570 0.7700 0.7780 0.7540 0.4650
    0.5500 0.6160 0.6160 0.6670 0.6900 0.6970 0.7020 0.6930 0.7140 0.7150 0.7390 0.7260 0.7350 0.7330
"""


def write_finetune_stage(path: Path) -> Path:
    """The run as Lightning's CSVLogger wrote it: train_loss and lr-SGD every 10 updates, val_acc every 100."""
    loss, acc = FINETUNE_STAGE_LOSS.split(), FINETUNE_STAGE_VAL_ACC.split()
    lines = ["train_loss,lr-SGD,val_acc,step"]
    for k, value in enumerate(loss, start=1):
        lines.append(f"{value},{0.05 if k <= 150 else 0.005},,{10 * k - 1}")
        if k % 10 == 0:
            lines.append(f",,{acc[k // 10 - 1]},{10 * k - 1}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


# p32_vae_kl_warmup_wandb (tools/probe_runs.py): a VAE on sklearn's digits, Adam 1e-3 constant, the KL
# term's weight 0 to update 1000, ramped to 1 over 1001-1200. Every 10 updates: reconstruction loss,
# KL and the objective (recon + beta * kl); the held-out terms every 50.
VAE_KL_WARMUP_TRAIN = """
    9.0213 0.3593 9.0213 6.3024 1.6483 6.3024 5.4548 2.8608 5.4548 4.9713 5.6706 4.9713 4.6539 8.0076 4.6539 4.3609
    10.8592 4.3609 4.2916 13.1711 4.2916 4.0039 14.8105 4.0039 3.4693 17.498 3.4693 2.8975 18.6765 2.8975 2.6771
    21.0434 2.6771 2.5364 22.4249 2.5364 2.3275 25.1011 2.3275 2.4187 26.3059 2.4187 2.2528 27.5873 2.2528 2.321
    27.8128 2.321 2.1969 28.5998 2.1969 2.0704 29.0233 2.0704 2.1398 30.3832 2.1398 1.7411 31.59 1.7411 1.7976
    32.6308 1.7976 1.7436 33.1972 1.7436 1.7451 33.4707 1.7451 1.7494 35.1158 1.7494 1.584 34.364 1.584 1.5688
    34.9323 1.5688 1.5354 35.5002 1.5354 1.6382 36.4508 1.6382 1.5081 35.9845 1.5081 1.5431 37.6625 1.5431 1.577
    37.0684 1.577 1.5407 36.961 1.5407 1.4567 39.1166 1.4567 1.3997 38.7282 1.3997 1.4708 38.5265 1.4708 1.3199
    38.8372 1.3199 1.4958 39.8029 1.4958 1.328 40.1637 1.328 1.4864 38.9498 1.4864 1.4199 39.912 1.4199 1.3652
    41.7264 1.3652 1.395 41.1282 1.395 1.2856 41.4055 1.2856 1.3732 41.427 1.3732 1.3442 40.891 1.3442 1.2593
    42.3245 1.2593 1.1964 43.247 1.1964 1.3117 43.2892 1.3117 1.3597 42.747 1.3597 1.1852 43.0749 1.1852 1.2547
    42.3194 1.2547 1.4299 42.934 1.4299 1.2824 42.9489 1.2824 1.2244 41.4442 1.2244 1.231 43.0938 1.231 1.2241
    42.4264 1.2241 1.3081 42.6579 1.3081 1.1036 43.767 1.1036 1.3422 44.4416 1.3422 1.2079 43.9347 1.2079 1.1993
    44.0112 1.1993 1.2808 42.6589 1.2808 1.0476 45.1282 1.0476 1.2839 43.4868 1.2839 1.2001 45.3155 1.2001 1.2299
    44.112 1.2299 1.1188 43.8662 1.1188 1.1982 44.4643 1.1982 1.1756 44.2537 1.1756 1.0805 44.2126 1.0805 1.2918
    44.1433 1.2918 1.1637 45.3904 1.1637 1.1782 46.5467 1.1782 1.0613 44.8219 1.0613 1.0955 45.552 1.0955 1.1076
    45.7027 1.1076 1.0296 43.5778 1.0296 1.1495 44.9012 1.1495 1.1194 46.1637 1.1194 1.1406 45.4951 1.1406 1.1319
    46.5181 1.1319 1.0752 45.606 1.0752 1.0279 45.2825 1.0279 1.1231 46.1191 1.1231 1.1012 45.6597 1.1012 1.1329
    45.7534 1.1329 1.1018 47.1796 1.1018 0.9878 46.5093 0.9878 0.9338 47.019 0.9338 1.0426 45.0344 1.0426 1.0228
    46.0044 1.0228 0.9116 47.6255 0.9116 1.0112 47.0274 1.0112 1.0061 46.6266 1.0061 0.984 46.7036 0.984 0.8856
    46.1974 0.8856 0.9794 46.4235 0.9794 1.1131 46.3239 1.1131 1.0851 47.0868 1.0851 1.009 47.075 1.009 1.007
    38.7454 2.9442 1.2255 18.0462 3.0301 2.2959 7.379 3.4027 1.6424 9.5718 3.5568 2.2397 6.5537 3.8781 2.4759 5.5731
    4.1478 2.6302 5.5517 4.5733 2.7104 4.3406 4.4466 3.1731 3.6254 4.8046 2.8838 3.4732 4.6205 3.3622 2.5502 4.7648
    3.3693 2.6235 4.9434 3.4176 2.0583 4.7555 3.4792 1.9588 4.8504 3.7472 1.5491 4.909 3.8084 1.4472 4.9661 4.3049
    1.2301 5.3505 4.0845 1.1701 5.1376 4.115 0.8746 4.9459 4.1146 0.8382 4.9527 3.9315 0.6279 4.5594 4.3274 0.6469
    4.9743 4.1563 0.6069 4.7632 3.983 0.5965 4.5795 4.4261 0.5053 4.9314 4.3612 0.5675 4.9287 4.1161 0.4825 4.5986
    3.9463 0.5807 4.527 4.261 0.4858 4.7468 3.9609 0.5362 4.4971 4.6007 0.5122 5.1129 4.1959 0.4841 4.68 4.4933
    0.5122 5.0055 4.2239 0.5048 4.7287 4.1844 0.5041 4.6885 4.3428 0.4657 4.8085 4.1629 0.4638 4.6267 4.5573 0.4488
    5.0061 4.0905 0.4938 4.5843 4.3501 0.4675 4.8176 4.3859 0.4674 4.8533 4.3421 0.4034 4.7455 4.5006 0.4508 4.9513
    4.3251 0.4503 4.7754 4.2297 0.4465 4.6762 4.2465 0.4347 4.6812 4.5421 0.4291 4.9712 4.5707 0.4363 5.007 4.3619
    0.4281 4.79 4.5675 0.4253 4.9928 4.1523 0.4198 4.5722 4.3706 0.4227 4.7933 4.656 0.4082 5.0642 4.0982 0.421
    4.5193 4.2638 0.3752 4.6389 4.3068 0.4418 4.7486 4.201 0.4064 4.6074 4.366 0.4424 4.8084 4.2892 0.4264 4.7156
    4.3144 0.4378 4.7522 4.4406 0.4458 4.8864 4.2756 0.4513 4.7269 4.2979 0.4401 4.738 4.2376 0.4257 4.6633 4.1582
    0.4399 4.5981 3.9326 0.4437 4.3764 4.411 0.3802 4.7913 4.4046 0.3744 4.7789 4.4454 0.3552 4.8006 4.4897 0.3844
    4.8741 4.4137 0.4408 4.8545 4.3585 0.3632 4.7217 4.4522 0.4383 4.8905 4.2498 0.3903 4.6401 4.1308 0.4106 4.5414
    4.2708 0.4188 4.6896 4.0153 0.4702 4.4856 4.1296 0.4395 4.5691 3.9912 0.4867 4.4778 4.2318 0.4201 4.6518 4.1864
    0.3799 4.5663 4.3753 0.4529 4.8282 4.3997 0.4025 4.8022 4.2935 0.4269 4.7204 3.8296 0.4851 4.3147 4.1068 0.4425
    4.5494 3.9892 0.4566 4.4458 4.1833 0.4775 4.6607 4.3125 0.4287 4.7412 4.2236 0.4387 4.6623 4.0798 0.4114 4.4912
    4.4606 0.4658 4.9264 4.4972 0.4612 4.9584 4.2838 0.463 4.7467 4.2408 0.4602 4.701 4.4235 0.4701 4.8936 4.4081
    0.4728 4.8809 4.1703 0.4587 4.629 4.2343 0.4424 4.6767 4.3757 0.4983 4.874 4.1849 0.5182 4.7031 4.4176 0.4764
    4.894 4.3358 0.4231 4.7589 3.9484 0.4965 4.4449 4.157 0.4581 4.6151 4.2126 0.4621 4.6746 4.2447 0.4436 4.6884
    4.5465 0.5225 5.069 4.1378 0.4264 4.5642 4.2964 0.5073 4.8038 4.0164 0.5183 4.5347 4.3574 0.5176 4.875 4.2649
    0.4472 4.7121 4.1495 0.4769 4.6264 4.3144 0.4237 4.7381 4.3118 0.4939 4.8057 4.2321 0.5004 4.7325 4.109 0.4809
    4.5899 3.9944 0.5303 4.5247 4.3525 0.5175 4.87 4.2499 0.4645 4.7143 4.422 0.5297 4.9517 4.1452 0.4716 4.6168
    4.3671 0.5083 4.8754 4.0408 0.4275 4.4683 4.3708 0.4602 4.831 4.2037 0.5105 4.7142 4.1672 0.4649 4.6321 4.0902
    0.4546 4.5449 4.4122 0.4197 4.832 4.142 0.5298 4.6717 4.361 0.4961 4.8571 4.1764 0.5203 4.6966 4.123 0.4412
    4.5642 4.233 0.5152 4.7482 3.8791 0.489 4.3681 4.2168 0.4127 4.6295 4.0301 0.4898 4.5199 4.3353 0.4808 4.8161
    3.9993 0.5106 4.5099 4.1988 0.4812 4.68 4.0808 0.448 4.5289 4.2074 0.4598 4.6673 4.2976 0.4694 4.767 3.7541
    0.4728 4.2269 4.2655 0.5078 4.7733 4.1245 0.461 4.5855 4.1816 0.489 4.6706 4.1658 0.4848 4.6506 4.2294 0.5013
    4.7307 4.1653 0.5001 4.6654 4.0278 0.526 4.5539 4.5078 0.5172 5.025 4.1945 0.4751 4.6696 3.9962 0.4943 4.4905
    4.0519 0.5129 4.5647 3.8615 0.5237 4.3851 4.3952 0.514 4.9092 3.8798 0.5168 4.3966 4.0332 0.4569 4.4901 4.0674
    0.481 4.5484 3.8857 0.5249 4.4106 4.2835 0.5244 4.8078 4.4261 0.4044 4.8304 4.0591 0.5261 4.5852 4.0018 0.5207
    4.5226 3.9241 0.5097 4.4339 4.1634 0.4937 4.6571 4.0359 0.5364 4.5724 3.8904 0.5606 4.451 4.2923 0.4575 4.7498
    3.9089 0.5358 4.4447 4.0492 0.5348 4.5841 4.0596 0.5529 4.6125 4.1546 0.4769 4.6315 4.0585 0.5265 4.585 4.3639
    0.5603 4.9242 4.1104 0.5681 4.6785 4.0336 0.5406 4.5742 4.1948 0.5087 4.7035 4.1581 0.4777 4.6357 4.3828 0.5131
    4.8959 3.9103 0.5406 4.4509 4.0993 0.5056 4.6049 3.9736 0.5201 4.4937 4.0028 0.5125 4.5153 3.9776 0.5077 4.4853
    4.1174 0.5462 4.6637 4.1721 0.5035 4.6755 4.1004 0.5256 4.626 4.2817 0.5078 4.7895 4.0711 0.5471 4.6182 3.7852
    0.5559 4.3412 4.2584 0.5561 4.8145 4.2262 0.5216 4.7478 4.3638 0.5173 4.8811 4.0065 0.5481 4.5546 3.9239 0.5477
    4.4715 4.1688 0.5274 4.6962 4.0704 0.5668 4.6372
"""
VAE_KL_WARMUP_EVAL = """
    4.6671 7.9439 3.0923 18.7917 2.3812 26.8978 1.9972 31.3619 1.7763 34.4208 1.6316 36.93 1.5517 38.99 1.506
    40.2667 1.4424 41.0654 1.3971 41.9367 1.3612 42.7294 1.3308 43.1751 1.3049 43.8685 1.2706 44.3748 1.2501 44.7415
    1.2223 45.0916 1.2044 45.3906 1.1875 45.6759 1.1692 45.9641 1.1488 46.5796 2.4445 6.0457 3.0589 3.3826 3.8166
    1.4971 4.1603 0.7918 4.2962 0.5309 4.3066 0.4798 4.3063 0.459 4.3301 0.4243 4.319 0.4162 4.3271 0.405 4.357
    0.3816 4.3336 0.3866 4.3203 0.4026 4.3041 0.3977 4.3122 0.4057 4.3315 0.379 4.271 0.4141 4.2766 0.4119 4.2723
    0.406 4.2783 0.4305 4.253 0.4204 4.2333 0.4326 4.2271 0.447 4.1698 0.4858 4.2054 0.452 4.177 0.4516 4.1521
    0.4802 4.1716 0.4704 4.1586 0.4746 4.1627 0.4699 4.1765 0.4735 4.1892 0.4577 4.162 0.4933 4.1349 0.5089 4.1704
    0.4734 4.144 0.4895 4.1142 0.5177 4.1305 0.5079 4.1362 0.5112 4.1308 0.5034
"""


def write_vae_kl_warmup(path: Path) -> Path:
    """The run as W&B's history file: train/* and train/beta every 10 updates, eval/* every 50."""
    train, held = VAE_KL_WARMUP_TRAIN.split(), VAE_KL_WARMUP_EVAL.split()
    rows = []
    for k in range(len(train) // 3):
        step = 10 * (k + 1)
        recon, kl, loss = (float(v) for v in train[3 * k:3 * k + 3])
        rows.append({"train/recon": recon, "train/kl": kl, "train/loss": loss,
                     "train/beta": 0.0 if step <= 1000 else min(1.0, (step - 1000) / 200),
                     "train/learning_rate": 1e-3, "_step": step})
        if step % 50 == 0:
            j = step // 50 - 1
            rows.append({"eval/recon": float(held[2 * j]), "eval/kl": float(held[2 * j + 1]), "_step": step})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


# p33_tiny_transformer_reverse_csv (tools/probe_runs.py): a 2-layer transformer learning to reverse
# sequences, AdamW 5e-4 with 100 updates of warmup and a cosine to 0 at 3000; the loss of every
# update (4 significant digits). It slides for 450 updates, falls x60 over 200 as the task is found
# (the cosine moving the LR a few percent), and goes on falling slowly.
TINY_TRANSFORMER_LOSS = """
    2.97 2.956 2.95 2.924 2.958 2.891 2.932 2.934 2.908 2.943 2.902 2.948 2.926 2.914 2.95 2.976 2.937 2.93 2.871
    2.873 2.927 2.921 2.958 2.978 2.889 2.87 2.901 2.883 2.918 2.865 2.896 2.928 2.897 2.922 2.914 2.891 2.864 2.898
    2.847 2.884 2.881 2.895 2.884 2.841 2.896 2.813 2.848 2.84 2.868 2.873 2.84 2.847 2.871 2.823 2.848 2.863 2.834
    2.85 2.79 2.804 2.815 2.857 2.774 2.824 2.8 2.817 2.832 2.822 2.804 2.806 2.824 2.793 2.78 2.809 2.808 2.787
    2.763 2.769 2.809 2.79 2.773 2.757 2.764 2.739 2.756 2.767 2.751 2.75 2.753 2.758 2.724 2.753 2.702 2.753 2.715
    2.729 2.753 2.717 2.714 2.73 2.715 2.751 2.701 2.686 2.711 2.713 2.719 2.714 2.699 2.691 2.675 2.674 2.674 2.683
    2.668 2.686 2.658 2.685 2.665 2.683 2.677 2.665 2.672 2.647 2.662 2.63 2.652 2.632 2.65 2.642 2.624 2.657 2.651
    2.647 2.639 2.652 2.609 2.648 2.633 2.617 2.604 2.636 2.618 2.597 2.61 2.633 2.617 2.6 2.584 2.628 2.571 2.593
    2.624 2.581 2.549 2.6 2.564 2.589 2.563 2.551 2.553 2.556 2.587 2.586 2.542 2.586 2.552 2.59 2.524 2.537 2.518
    2.537 2.553 2.54 2.578 2.504 2.53 2.561 2.497 2.558 2.509 2.498 2.536 2.492 2.511 2.55 2.526 2.518 2.528 2.5
    2.505 2.531 2.491 2.492 2.513 2.5 2.497 2.504 2.513 2.47 2.493 2.495 2.533 2.44 2.452 2.474 2.487 2.465 2.414
    2.48 2.469 2.519 2.486 2.465 2.445 2.469 2.482 2.418 2.396 2.432 2.386 2.408 2.464 2.403 2.443 2.438 2.464 2.409
    2.382 2.376 2.387 2.384 2.373 2.361 2.449 2.378 2.333 2.369 2.344 2.375 2.329 2.35 2.32 2.304 2.366 2.279 2.299
    2.346 2.303 2.339 2.274 2.331 2.255 2.242 2.282 2.313 2.237 2.227 2.223 2.167 2.245 2.186 2.16 2.215 2.182 2.154
    2.184 2.137 2.151 2.185 2.159 2.126 2.132 2.145 2.125 2.13 2.063 2.061 2.066 2.083 2.092 2.062 2.07 2.066 2.048
    2.033 2.045 2.034 2.007 2.016 2.036 2.044 2.016 2.009 1.973 2.013 1.994 2.052 2.03 1.986 1.989 2.002 1.983 2.028
    1.992 1.975 1.955 1.899 1.994 1.99 1.899 1.927 1.979 1.9 1.957 1.92 1.909 1.922 1.903 1.951 1.885 1.933 1.93
    1.949 1.947 1.897 1.926 1.888 1.857 1.915 1.851 1.899 1.892 1.903 1.871 1.938 1.894 1.902 1.883 1.843 1.901 1.91
    1.895 1.827 1.931 1.878 1.81 1.904 1.884 1.841 1.865 1.828 1.806 1.785 1.854 1.837 1.831 1.809 1.837 1.867 1.84
    1.784 1.829 1.781 1.837 1.845 1.802 1.828 1.792 1.854 1.847 1.826 1.805 1.822 1.773 1.78 1.789 1.795 1.819 1.782
    1.777 1.771 1.815 1.768 1.759 1.759 1.777 1.746 1.756 1.768 1.758 1.747 1.734 1.769 1.746 1.781 1.767 1.757
    1.701 1.732 1.751 1.717 1.763 1.754 1.746 1.733 1.715 1.682 1.725 1.71 1.724 1.708 1.731 1.77 1.762 1.72 1.716
    1.699 1.739 1.69 1.712 1.682 1.691 1.71 1.665 1.676 1.674 1.705 1.698 1.686 1.654 1.676 1.683 1.704 1.655 1.701
    1.672 1.656 1.663 1.686 1.681 1.604 1.695 1.657 1.629 1.647 1.622 1.638 1.602 1.645 1.61 1.619 1.604 1.577 1.644
    1.574 1.59 1.617 1.536 1.595 1.613 1.576 1.544 1.58 1.613 1.578 1.545 1.518 1.54 1.481 1.525 1.537 1.575 1.514
    1.492 1.543 1.534 1.507 1.478 1.495 1.529 1.53 1.44 1.495 1.452 1.46 1.435 1.437 1.417 1.389 1.448 1.456 1.417
    1.389 1.521 1.393 1.37 1.43 1.366 1.355 1.377 1.379 1.388 1.341 1.371 1.342 1.422 1.325 1.337 1.284 1.281 1.304
    1.287 1.272 1.265 1.319 1.282 1.278 1.222 1.174 1.241 1.228 1.216 1.219 1.188 1.165 1.16 1.179 1.156 1.132 1.186
    1.12 1.061 1.098 1.102 1.079 1.043 0.983 1.061 1.044 0.9893 1.043 0.9633 0.9386 0.9714 0.9875 0.925 0.9438
    0.8653 0.8916 0.8521 0.8616 0.8264 0.8345 0.7828 0.7988 0.7442 0.7206 0.721 0.7187 0.6718 0.656 0.6595 0.665
    0.6225 0.6631 0.6094 0.529 0.5711 0.5835 0.5303 0.5533 0.5227 0.5651 0.4962 0.473 0.4751 0.4793 0.4145 0.4391
    0.3951 0.3694 0.3921 0.3951 0.4148 0.3794 0.3558 0.315 0.2997 0.2771 0.2772 0.2894 0.2733 0.2743 0.2779 0.2892
    0.2509 0.2446 0.227 0.2223 0.196 0.1896 0.2289 0.2001 0.2178 0.1787 0.2318 0.1695 0.1731 0.1595 0.2351 0.1865
    0.1488 0.1397 0.1212 0.161 0.1744 0.1136 0.1304 0.125 0.1152 0.1074 0.1082 0.09113 0.08217 0.09915 0.1007 0.1152
    0.08304 0.09362 0.06899 0.09404 0.07797 0.08824 0.08831 0.08886 0.08503 0.07006 0.07367 0.07193 0.05589 0.05682
    0.06812 0.0551 0.05578 0.04653 0.0496 0.05398 0.04806 0.06179 0.04036 0.04358 0.0354 0.04875 0.02979 0.04269
    0.03392 0.03452 0.03523 0.04097 0.04373 0.03724 0.04454 0.03586 0.03053 0.0299 0.03598 0.02734 0.02778 0.02841
    0.0299 0.03404 0.02243 0.02931 0.01912 0.02627 0.02761 0.02283 0.02555 0.03142 0.02703 0.02611 0.02187 0.01533
    0.03029 0.02291 0.01949 0.02913 0.02213 0.02114 0.02092 0.0245 0.01667 0.01383 0.01601 0.01256 0.0154 0.0143
    0.01474 0.01811 0.01567 0.01246 0.02206 0.01383 0.01486 0.0216 0.01392 0.02749 0.01581 0.02451 0.01569 0.01246
    0.0204 0.01416 0.01261 0.01571 0.02017 0.01303 0.01287 0.01594 0.01236 0.01509 0.01707 0.01239 0.0164 0.01351
    0.01237 0.01971 0.01148 0.009892 0.01008 0.01025 0.01158 0.01522 0.01499 0.01376 0.01302 0.009801 0.01428
    0.00917 0.01487 0.00939 0.01083 0.01532 0.0136 0.0146 0.01002 0.009173 0.00963 0.008789 0.008856 0.008867
    0.008002 0.01251 0.01028 0.007698 0.009497 0.009215 0.01005 0.01208 0.007956 0.005198 0.02069 0.009327 0.01239
    0.005642 0.00797 0.009691 0.006564 0.01661 0.01377 0.009465 0.008998 0.01059 0.01275 0.007466 0.008717 0.005523
    0.01169 0.01944 0.006033 0.008125 0.009624 0.005776 0.009632 0.006338 0.007434 0.006446 0.00694 0.008062
    0.008053 0.00787 0.005606 0.00698 0.005115 0.01495 0.005499 0.007059 0.004759 0.006505 0.005669 0.007811
    0.008255 0.006027 0.007878 0.005774 0.005594 0.007242 0.006513 0.004935 0.006768 0.004885 0.007664 0.005631
    0.007883 0.005907 0.00544 0.004731 0.005264 0.004572 0.004463 0.00616 0.008827 0.004966 0.004743 0.00375
    0.004182 0.005213 0.005727 0.004871 0.004055 0.005283 0.00517 0.004355 0.00818 0.003627 0.00655 0.00614 0.006009
    0.009425 0.006232 0.009082 0.005899 0.00574 0.003247 0.009415 0.00352 0.006553 0.006501 0.00437 0.008222 0.00418
    0.01057 0.004534 0.004575 0.004866 0.006445 0.004561 0.006633 0.005309 0.004906 0.00498 0.004121 0.003744
    0.002868 0.00469 0.00391 0.004077 0.00508 0.003048 0.00562 0.004491 0.003459 0.006395 0.003058 0.004129 0.003896
    0.003044 0.005903 0.004592 0.00422 0.003614 0.002666 0.00376 0.007393 0.003024 0.00317 0.003689 0.003842
    0.005214 0.002996 0.002828 0.003396 0.003348 0.003034 0.003247 0.003775 0.003861 0.006933 0.005054 0.003186
    0.002938 0.004173 0.003074 0.003839 0.00371 0.00308 0.006089 0.004072 0.003401 0.004129 0.002754 0.003734
    0.006086 0.002497 0.002774 0.002809 0.005643 0.002881 0.00337 0.003103 0.003232 0.002572 0.002298 0.004501
    0.00387 0.002362 0.00363 0.004091 0.002396 0.002364 0.002591 0.007552 0.002237 0.002261 0.00294 0.003796
    0.003132 0.003043 0.003635 0.002916 0.001912 0.002529 0.00274 0.004691 0.002813 0.00229 0.002237 0.002778
    0.00203 0.002141 0.003398 0.00267 0.002372 0.001839 0.003225 0.001994 0.002358 0.00249 0.002549 0.002247
    0.002903 0.001956 0.002369 0.002465 0.002538 0.004326 0.002744 0.00278 0.002462 0.002593 0.003046 0.004649
    0.002634 0.006019 0.001906 0.003479 0.002333 0.003337 0.002351 0.003392 0.003117 0.00371 0.002483 0.001999
    0.004398 0.001573 0.002848 0.003396 0.002168 0.002167 0.001679 0.002627 0.00362 0.005533 0.003496 0.002019
    0.004419 0.002815 0.006227 0.001615 0.001702 0.001871 0.003 0.002963 0.002035 0.001909 0.002292 0.002467
    0.002091 0.001946 0.003977 0.002048 0.001782 0.001832 0.002674 0.002639 0.001778 0.002339 0.005717 0.001494
    0.001821 0.001609 0.007114 0.002729 0.002908 0.004028 0.002111 0.002895 0.001732 0.003359 0.002267 0.002047
    0.002242 0.001535 0.002008 0.002684 0.004035 0.005757 0.002826 0.001481 0.002926 0.001756 0.002492 0.001938
    0.001812 0.002664 0.003712 0.00291 0.00232 0.00181 0.001695 0.002053 0.002366 0.002193 0.002001 0.001494
    0.001794 0.00228 0.003449 0.002862 0.001835 0.001852 0.01445 0.001526 0.002251 0.001717 0.001514 0.004152
    0.001727 0.00195 0.00281 0.001738 0.004458 0.001705 0.001695 0.002213 0.001486 0.001675 0.002206 0.002422
    0.001723 0.002212 0.001763 0.001637 0.001588 0.002119 0.004088 0.001497 0.001396 0.001582 0.008338 0.002364
    0.001676 0.001386 0.001756 0.001657 0.003641 0.002603 0.002741 0.004908 0.003318 0.001433 0.00286 0.002194
    0.00419 0.002279 0.002725 0.002525 0.002712 0.001799 0.001852 0.002289 0.002382 0.00162 0.002582 0.0013 0.002534
    0.001252 0.001592 0.001449 0.001409 0.001255 0.006228 0.001972 0.003504 0.001894 0.00145 0.001323 0.001512
    0.001846 0.00261 0.001758 0.00251 0.001567 0.003197 0.00234 0.002749 0.001035 0.001542 0.001165 0.001346
    0.001604 0.001805 0.001631 0.001203 0.001628 0.001988 0.001329 0.001638 0.0009667 0.001466 0.001097 0.001135
    0.0009658 0.001125 0.0009216 0.001252 0.00121 0.001059 0.00137 0.001283 0.001163 0.001098 0.001544 0.001184
    0.001362 0.001269 0.001332 0.001163 0.001554 0.001024 0.001459 0.001015 0.00121 0.001305 0.001011 0.002221
    0.001412 0.002121 0.005149 0.001649 0.001384 0.001845 0.004244 0.004017 0.004119 0.001886 0.003154 0.004415
    0.0009544 0.002057 0.001126 0.001221 0.00206 0.001369 0.002389 0.002377 0.001802 0.002225 0.001591 0.001125
    0.001321 0.002065 0.001105 0.0009975 0.00154 0.001019 0.00128 0.003006 0.002044 0.001275 0.001637 0.001407
    0.0009416 0.001536 0.001246 0.002368 0.00133 0.00138 0.002329 0.001507 0.0009189 0.001295 0.001042 0.001403
    0.001054 0.003493 0.00318 0.001742 0.001272 0.001848 0.001191 0.001225 0.003125 0.001718 0.002241 0.001988
    0.002993 0.001673 0.002655 0.00116 0.001068 0.001256 0.001633 0.001273 0.0009282 0.002494 0.001477 0.0007828
    0.001129 0.001561 0.002066 0.001098 0.001896 0.001675 0.001817 0.0008192 0.0008509 0.001077 0.0009613 0.0009949
    0.0007806 0.001165 0.001545 0.001182 0.0008548 0.001307 0.001825 0.001054 0.0009609 0.001038 0.0009511 0.002445
    0.000904 0.0007514 0.001034 0.001407 0.001411 0.0009002 0.001162 0.0009207 0.001461 0.0007824 0.0009353
    0.0009403 0.001328 0.0009593 0.0008633 0.0008432 0.001016 0.001231 0.0008528 0.0009146 0.0009079 0.001312
    0.0008165 0.0008957 0.0009741 0.001081 0.0008192 0.0008953 0.001177 0.0009674 0.001079 0.0009096 0.0009099
    0.0007758 0.0008115 0.0007374 0.001766 0.001418 0.0007674 0.0008236 0.001086 0.0007082 0.001129 0.001192
    0.001535 0.0006919 0.001093 0.0009315 0.0009616 0.0009546 0.0008741 0.0007761 0.0009075 0.001189 0.001013
    0.0008207 0.0007897 0.0008985 0.000691 0.0008652 0.0008517 0.001142 0.0007894 0.0008588 0.00103 0.001783
    0.001171 0.0008522 0.00111 0.0008702 0.0007653 0.0009884 0.0009687 0.0009875 0.0009214 0.0007746 0.0007079
    0.0006986 0.0007185 0.00135 0.0007495 0.001348 0.00106 0.000745 0.0007373 0.0008016 0.0007832 0.0007689
    0.0007766 0.00075 0.000758 0.0006309 0.0008502 0.0006521 0.001235 0.0007498 0.001054 0.0006364 0.0005999
    0.0008598 0.0007241 0.0006355 0.0008352 0.0008578 0.000811 0.0007005 0.001427 0.0009134 0.0008086 0.0006845
    0.001215 0.0008273 0.0006602 0.0009576 0.0006069 0.0008357 0.0006685 0.000768 0.000637 0.0006205 0.0007389
    0.0005782 0.0007259 0.002855 0.0006682 0.0007481 0.0006471 0.0007016 0.0007584 0.0009416 0.0006308 0.0008326
    0.001701 0.001314 0.001155 0.000843 0.001231 0.0009851 0.002749 0.0009245 0.000642 0.001095 0.0006254 0.001032
    0.0006149 0.0007749 0.0009719 0.000623 0.0006834 0.0009652 0.001413 0.0007828 0.001388 0.0007909 0.001263
    0.000779 0.0009409 0.0009475 0.0008722 0.0007186 0.0006079 0.00193 0.002391 0.0006314 0.001242 0.000776
    0.0008026 0.001154 0.000823 0.0006891 0.001235 0.0008777 0.000815 0.0008902 0.001498 0.003024 0.0008216
    0.0005629 0.0005463 0.0007951 0.0008973 0.00335 0.0009369 0.0007558 0.0006867 0.0008123 0.002049 0.0009442
    0.001436 0.0005004 0.0006533 0.001905 0.0005973 0.0005376 0.0007279 0.002104 0.001214 0.0008184 0.0005792
    0.0006417 0.001164 0.001414 0.0007255 0.0007308 0.0008972 0.0007385 0.001271 0.0008799 0.001046 0.002392
    0.001009 0.0006622 0.0008505 0.0007847 0.0007172 0.001126 0.0007394 0.000665 0.00159 0.001025 0.001337 0.0005029
    0.0006504 0.0008355 0.0006437 0.0005975 0.0009576 0.0007562 0.0009137 0.0006369 0.0007273 0.0007876 0.0007091
    0.0005472 0.0008463 0.000665 0.0007698 0.001293 0.0007177 0.0009228 0.0008772 0.0009723 0.0005112 0.0005732
    0.0007567 0.0006531 0.0008068 0.0005648 0.0006376 0.0008124 0.0007781 0.001107 0.000626 0.0005533 0.0005672
    0.0004968 0.000624 0.0004669 0.0005794 0.0004925 0.0006394 0.000661 0.0005519 0.0005705 0.0008266 0.0008053
    0.0007264 0.001562 0.000871 0.000611 0.0006012 0.0005793 0.0005204 0.0007716 0.0008119 0.0006999 0.000516
    0.0007134 0.0008974 0.001922 0.0006276 0.0005393 0.0005662 0.00156 0.0006641 0.001615 0.0006071 0.0009005
    0.0005584 0.0005795 0.0006443 0.0005789 0.0006549 0.000748 0.0005991 0.0008689 0.0005172 0.0005155 0.0005948
    0.0006616 0.0009017 0.0005451 0.001024 0.0005626 0.001871 0.0004698 0.000556 0.000621 0.0006038 0.0006441
    0.0007448 0.001009 0.0006059 0.0007333 0.0007311 0.0006084 0.0006039 0.0005548 0.0006027 0.0006636 0.0005059
    0.0007428 0.000736 0.0005633 0.000532 0.0006069 0.0005447 0.0006082 0.000682 0.0005463 0.0004877 0.0006932
    0.0004458 0.0007546 0.0006074 0.0005874 0.0005635 0.0004898 0.0009739 0.0004327 0.0007244 0.0004189 0.0007051
    0.0004721 0.0004902 0.0005827 0.0006537 0.0004932 0.000511 0.0004473 0.0005503 0.0006034 0.0005999 0.0006333
    0.0005397 0.0008018 0.0005516 0.0004977 0.000676 0.0005503 0.0006645 0.0005144 0.0005503 0.000472 0.0005146
    0.0005306 0.0006033 0.000485 0.0004097 0.0004619 0.0005035 0.0006195 0.0005142 0.001013 0.0004157 0.0005022
    0.0004251 0.0007472 0.0005001 0.0005405 0.0007335 0.0005637 0.0005116 0.0009967 0.0004226 0.0006447 0.0005208
    0.0004702 0.0005862 0.0004423 0.0004633 0.0004144 0.0004705 0.0007837 0.0005196 0.0005481 0.0004076 0.0005424
    0.0005493 0.0004563 0.000972 0.0004903 0.0004875 0.0008532 0.0005288 0.0005841 0.000635 0.000425 0.0004766
    0.0005668 0.0005856 0.0009506 0.0005631 0.0006148 0.0005421 0.0005576 0.0006097 0.000585 0.0004092 0.000422
    0.0006512 0.002397 0.0005537 0.0006859 0.0006367 0.0007554 0.0004972 0.0006934 0.0004622 0.0005018 0.000666
    0.0005322 0.0006528 0.0005617 0.0004966 0.0007115 0.0007282 0.0005107 0.0006629 0.0004449 0.0007457 0.0006035
    0.000785 0.0005429 0.0004835 0.0005208 0.0006655 0.0005472 0.0004203 0.0005778 0.000513 0.0006133 0.0004602
    0.0005987 0.0006771 0.0004798 0.0004601 0.0007374 0.0005413 0.0004792 0.001127 0.0004699 0.0004753 0.0006286
    0.0004374 0.000618 0.0004029 0.0006424 0.0005485 0.0006597 0.0005566 0.000587 0.0007389 0.0003589 0.0005034
    0.000922 0.0005157 0.00404 0.000607 0.0006204 0.0005554 0.0006387 0.0005888 0.0004233 0.0004784 0.0006219
    0.000491 0.0004379 0.000608 0.0004932 0.0006559 0.0005262 0.001219 0.0006777 0.0009072 0.0008694 0.000767
    0.0008891 0.0005753 0.0006911 0.0004565 0.000567 0.0005025 0.0005419 0.0004327 0.0004706 0.0006149 0.0004639
    0.0005744 0.0006094 0.0004575 0.000574 0.0004374 0.0004169 0.0005283 0.0005057 0.0004243 0.0005243 0.0004766
    0.0004772 0.000497 0.0005018 0.000387 0.0004484 0.0003523 0.0004257 0.0005238 0.001553 0.0003696 0.0005176
    0.0004662 0.00045 0.0004302 0.0004379 0.0008633 0.0005039 0.0004224 0.0005474 0.0004939 0.00052 0.0003649
    0.0004826 0.0004391 0.0004338 0.000425 0.001037 0.0003986 0.000552 0.0004354 0.001034 0.0005747 0.0004355
    0.001044 0.0004632 0.000475 0.000333 0.0006121 0.000391 0.0006179 0.0004543 0.0004346 0.0003952 0.0004085
    0.0003976 0.0005082 0.0005759 0.0005093 0.0004075 0.0004816 0.0004564 0.0005014 0.0003994 0.0004846 0.0007038
    0.0004735 0.0005636 0.0004991 0.0004277 0.0004485 0.0004041 0.0003876 0.0005767 0.000646 0.0004977 0.0005772
    0.0004861 0.0008723 0.0005091 0.0005775 0.0004253 0.0003934 0.0005121 0.0005135 0.0004213 0.0004996 0.0003438
    0.0003689 0.0004214 0.0007501 0.0005615 0.0003736 0.0005036 0.0004073 0.0004834 0.0003743 0.001821 0.0007561
    0.000525 0.0004602 0.0004932 0.0004454 0.000446 0.0006442 0.0008673 0.002666 0.0004166 0.0005898 0.0004243
    0.0005796 0.0005954 0.0006935 0.0005918 0.0006349 0.0007911 0.000896 0.000416 0.0005657 0.0006117 0.001249
    0.0004283 0.0006067 0.0004936 0.0004712 0.0009956 0.0004813 0.0006679 0.0007294 0.0005149 0.0005127 0.0005484
    0.0004494 0.0006544 0.0009063 0.0004324 0.0004676 0.0003673 0.0005297 0.0006336 0.0004086 0.0004986 0.0004946
    0.0003342 0.000521 0.0004568 0.000377 0.01023 0.000487 0.0004279 0.0004758 0.0006936 0.0005174 0.0007322
    0.0008387 0.0009655 0.001216 0.001025 0.000854 0.0008181 0.0005242 0.00175 0.000625 0.0004986 0.0006686
    0.0005656 0.0005241 0.0006844 0.0004355 0.0005753 0.0005388 0.0004078 0.0005959 0.0004117 0.0004754 0.0004518
    0.0005218 0.0004257 0.0004575 0.0004671 0.0005508 0.0003625 0.0004295 0.0003566 0.0006147 0.0006001 0.0005007
    0.0004667 0.0004932 0.0004636 0.0006188 0.0004774 0.0004459 0.0005706 0.0004308 0.001089 0.0003973 0.0003801
    0.0004084 0.0004536 0.0007253 0.0004891 0.0003216 0.0005587 0.0004921 0.0007828 0.0005071 0.0003634 0.0003499
    0.0005455 0.0005714 0.0003561 0.0004438 0.0003938 0.0003404 0.0004704 0.0004332 0.0008263 0.0003616 0.0004397
    0.0004136 0.001035 0.0004323 0.000386 0.000528 0.0005328 0.0004183 0.0003905 0.0004509 0.0003704 0.0005589
    0.0003926 0.0003752 0.000499 0.0003517 0.0003752 0.0004425 0.0004382 0.0003869 0.0003769 0.0004406 0.0003486
    0.0004758 0.0004742 0.0003563 0.0003946 0.0004023 0.0005078 0.0003375 0.0003405 0.0004039 0.0005743 0.001032
    0.0005639 0.0003718 0.0003703 0.0003246 0.0004423 0.0007705 0.000468 0.0004678 0.0003524 0.0004375 0.0003262
    0.0006127 0.0004827 0.000335 0.0005644 0.0007199 0.000535 0.000675 0.0003267 0.0004165 0.0003904 0.0003855
    0.0005051 0.0004103 0.0004409 0.0003983 0.00046 0.0003402 0.0004851 0.0005818 0.0003151 0.0004744 0.000407
    0.001522 0.0004097 0.0004377 0.0003941 0.0004124 0.0006479 0.0005088 0.0003714 0.0003763 0.0004502 0.0005268
    0.0004105 0.0005015 0.0006488 0.0004589 0.0006244 0.0005367 0.0004148 0.0005447 0.0004096 0.0005581 0.0004406
    0.0004487 0.0005328 0.0003785 0.0007476 0.0004274 0.0006672 0.0003207 0.0004932 0.0004151 0.000359 0.0003774
    0.0004164 0.000387 0.0003297 0.0008266 0.0004276 0.0003602 0.0004742 0.0003872 0.0005394 0.0004203 0.0004651
    0.0003579 0.0003316 0.0005415 0.0004702 0.0004653 0.0005274 0.0004751 0.000356 0.0004586 0.0003955 0.0005377
    0.0002902 0.0003646 0.0004429 0.0005632 0.0005127 0.0003453 0.0004075 0.0003798 0.000816 0.0003825 0.0002958
    0.0003518 0.0004707 0.001288 0.0003674 0.0005388 0.0003529 0.0004622 0.0003244 0.0004537 0.0003769 0.00407
    0.0003748 0.0005201 0.0004901 0.0003419 0.0004405 0.000449 0.0004454 0.0004182 0.0003711 0.00042 0.0004078
    0.000379 0.0004308 0.0005355 0.002359 0.000428 0.0005804 0.0003498 0.0004122 0.0003256 0.0004697 0.000394
    0.0003675 0.0004078 0.0005066 0.000361 0.0004281 0.0003451 0.0003068 0.0004316 0.0005936 0.0004141 0.0006969
    0.0007249 0.0003978 0.0003518 0.0003161 0.0005467 0.0005365 0.0004884 0.0005905 0.0003562 0.0004688 0.0003042
    0.000327 0.000473 0.0003766 0.0002849 0.0003155 0.0003912 0.0005103 0.0003807 0.00046 0.001416 0.000408
    0.0004575 0.0004138 0.0003566 0.0004758 0.000373 0.0006247 0.0003361 0.000377 0.0003182 0.0003169 0.0004613
    0.0005588 0.0003341 0.0005727 0.0003573 0.0003157 0.0003496 0.000451 0.0004861 0.0004559 0.00052 0.0005144
    0.000362 0.0003314 0.000331 0.0004554 0.001008 0.0003219 0.0004536 0.00063 0.000581 0.0003793 0.0004008
    0.0003294 0.0003247 0.0004165 0.000396 0.0003079 0.0003452 0.0003726 0.0007058 0.0003349 0.0003961 0.0003997
    0.00037 0.0003886 0.0004118 0.0003206 0.0004252 0.0003131 0.0003366 0.0004489 0.0005035 0.0003415 0.0003022
    0.0003652 0.0004368 0.000372 0.0004252 0.0004422 0.0003387 0.0004322 0.0003318 0.0003877 0.0003848 0.001253
    0.0004409 0.0003277 0.0003843 0.0003572 0.0007359 0.0003672 0.0009551 0.0004606 0.0003234 0.0004758 0.0003366
    0.002798 0.0004905 0.0002739 0.0007096 0.0002977 0.0004907 0.0004702 0.0005096 0.0004589 0.0004018 0.0004696
    0.0003636 0.0003844 0.0003436 0.0004119 0.0005368 0.0005489 0.000571 0.000323 0.0003175 0.0005091 0.0003706
    0.0007213 0.0005177 0.0003585 0.0005587 0.0003357 0.0003745 0.0003423 0.0004135 0.0003303 0.0003416 0.0003792
    0.0003996 0.0004398 0.0004246 0.0005206 0.0003097 0.0004627 0.0005925 0.0003623 0.0005441 0.0003464 0.0007452
    0.0004349 0.0003465 0.0003526 0.0003557 0.0003307 0.0003675 0.0004014 0.000497 0.0002965 0.0003865 0.0003122
    0.0004211 0.0003736 0.0004236 0.0002867 0.0002995 0.0003522 0.0009351 0.0004107 0.0004247 0.0003437 0.000396
    0.0003628 0.0003808 0.000333 0.0003936 0.0003036 0.0003299 0.0003012 0.0003586 0.0004276 0.000517 0.0003296
    0.0003574 0.0002897 0.0003782 0.0003425 0.0002947 0.0003595 0.0003657 0.0003322 0.000401 0.001159 0.0008489
    0.0006447 0.00041 0.0003801 0.0004779 0.0003805 0.0004077 0.000426 0.0003773 0.0003216 0.0003113 0.0004098
    0.0003365 0.000243 0.0003072 0.0003594 0.0003829 0.0002331 0.0003921 0.0002993 0.0004541 0.0003351 0.0004729
    0.0003149 0.000367 0.000326 0.0003393 0.0003725 0.0003888 0.0003291 0.0003105 0.0002971 0.0003612 0.0003278
    0.000327 0.0003156 0.0004508 0.0004399 0.0003554 0.00033 0.0004206 0.0003751 0.0003679 0.0004311 0.0003221
    0.0003695 0.00039 0.0003512 0.0003763 0.0005367 0.0003711 0.000309 0.0003529 0.0003426 0.000295 0.0002957
    0.0002785 0.000355 0.0003258 0.000333 0.0003516 0.0003701 0.0003382 0.0003519 0.0002881 0.0003435 0.0005326
    0.0005559 0.0003568 0.0007656 0.0003887 0.0002498 0.0003179 0.0002738 0.0004525 0.000376 0.0004263 0.0002888
    0.0004078 0.0004431 0.0003026 0.0004873 0.0003416 0.0003362 0.0003084 0.0003077 0.0002908 0.0003564 0.000402
    0.000351 0.0003675 0.0003709 0.0004058 0.0003371 0.0004599 0.0003316 0.0003743 0.0003402 0.0004735 0.0002534
    0.0002873 0.0002963 0.0004265 0.0004202 0.0003245 0.0003047 0.00066 0.0003446 0.0004494 0.0003495 0.0004207
    0.0005053 0.0004 0.0003445 0.0004251 0.0002922 0.0003472 0.0002713 0.0003722 0.000343 0.0003701 0.0003181
    0.0003169 0.0003382 0.0005512 0.0004035 0.0003106 0.0005042 0.0002816 0.0003719 0.0002534 0.0003144 0.0002966
    0.0003858 0.0002796 0.0003242 0.0004121 0.0003374 0.0003394 0.0003195 0.0003738 0.0003362 0.000339 0.0007617
    0.0002972 0.0002993 0.0002986 0.0003192 0.0003884 0.0003074 0.0008642 0.002531 0.0002798 0.0003 0.0003944
    0.0004938 0.0002952 0.0004758 0.0003461 0.0002781 0.0003852 0.0003643 0.0005711 0.0003741 0.0003503 0.0003656
    0.0003495 0.0003273 0.0002924 0.0003749 0.0004002 0.0002685 0.0003422 0.0003838 0.0003463 0.0003091 0.0003652
    0.0002904 0.0003129 0.0003218 0.0005435 0.0003179 0.0003959 0.0003317 0.0002951 0.0006728 0.0003128 0.000412
    0.000394 0.0003244 0.0003595 0.0003684 0.0003326 0.00122 0.0002829 0.002259 0.0003286 0.0004748 0.0005695
    0.0007374 0.0003303 0.0003768 0.000279 0.00038 0.0003116 0.0009726 0.0003414 0.0003545 0.0003455 0.0003997
    0.0006152 0.0002945 0.0003357 0.0006305 0.0003422 0.0004088 0.0003234 0.0002844 0.0004754 0.0003339 0.0003225
    0.000271 0.0003598 0.0002849 0.0003882 0.0003742 0.00049 0.0003558 0.0003042 0.0003921 0.0005332 0.0004183
    0.0002987 0.0003466 0.0003124 0.0002422 0.0004693 0.0003322 0.0003161 0.0003623 0.0003481 0.0003381 0.0003617
    0.0003874 0.0003301 0.000303 0.0003398 0.0003315 0.0004118 0.0004464 0.0003783 0.0003925 0.0003795 0.0002995
    0.0005285 0.0003248 0.0003001 0.0003262 0.0002453 0.000497 0.0002999 0.0003899 0.0003659 0.0002868 0.0003228
    0.0002858 0.0004028 0.0003962 0.0003586 0.0003411 0.0004181 0.0002883 0.0002965 0.0003129 0.0003627 0.0003062
    0.0002888 0.0005754 0.0003229 0.0004109 0.0005413 0.001039 0.000365 0.0003749 0.0004203 0.0003321 0.0002823
    0.0003331 0.0003284 0.0003333 0.0002743 0.0003388 0.0003721 0.0003375 0.0002938 0.0003461 0.0006258 0.0004848
    0.0003686 0.0002584 0.0003314 0.000291 0.0003338 0.0003333 0.0002588 0.0002897 0.0003537 0.0003182 0.0003544
    0.0003721 0.0005485 0.0003973 0.0004611 0.000338 0.0003158 0.0002412 0.0003648 0.0002985 0.0002816 0.0003041
    0.0002862 0.0005234 0.0004379 0.0003971 0.0004122 0.0003441 0.0003338 0.0003149 0.000312 0.0002581 0.0002869
    0.0002889 0.0005208 0.0003153 0.0003197 0.0004686 0.0005508 0.0003322 0.0002694 0.0003596 0.0002699 0.0003245
    0.0002924 0.0003253 0.0005849 0.0003286 0.0003509 0.0003137 0.0002815 0.0003137 0.0003447 0.000709 0.0003555
    0.0003376 0.000273 0.000322 0.0003971 0.0003405 0.0003038 0.0002684 0.0004295 0.0004377 0.0002807 0.0003314
    0.0002869 0.0003092 0.0003408 0.0005172 0.0004143 0.0003007 0.0003897 0.0002976 0.0004008 0.0003727 0.0003397
    0.0002894 0.0002662 0.0002911 0.0006729 0.0004822 0.0003321 0.0004151 0.0004209 0.0004111 0.0003339 0.0004558
    0.000769 0.0002847 0.0003476 0.0003831 0.000344 0.0003168 0.0004408 0.0002838 0.0003648 0.0003451 0.0003462
    0.0003973 0.000315 0.0003661 0.0003052 0.0003336 0.0003043 0.0003237 0.0003303 0.0002849 0.0003204 0.0003505
    0.0003391 0.0003373 0.0003358 0.0003223 0.0004036 0.000339 0.0003028 0.0002763 0.0003838 0.000305 0.0003483
    0.0003503 0.0003775 0.0003194 0.0005133 0.0003457 0.0005474 0.0003358 0.0003314 0.0003099 0.0004737 0.0002958
    0.0004448 0.0003356 0.0004424 0.0009437 0.0003286 0.0003914 0.0006879 0.0003265 0.0002688 0.0003229 0.0003539
    0.0003386 0.0003133 0.0002898 0.0002943 0.0003301 0.0003297 0.0004303 0.0002658 0.0002843 0.0003722 0.0003587
    0.000392 0.002625 0.0003344 0.0003999 0.0003255 0.0003272 0.0002697 0.0004346 0.0003932 0.0003709 0.00037
    0.000259 0.0003126 0.0003113 0.0003843 0.0003766 0.0003175 0.0002669 0.0003059 0.0003029 0.0003175 0.0002684
    0.0004002 0.0003442 0.0003792 0.0003172 0.0003278 0.0003005 0.0004927 0.0003316 0.000497 0.0003931 0.0003081
    0.0003365 0.0003324 0.0003206 0.0002819 0.0003223 0.0004133 0.0003207 0.0003233 0.0003964 0.0003153 0.0003137
    0.0004149 0.0003566 0.0003957 0.0003234 0.0003206 0.000371 0.00036 0.0003719 0.0002997 0.0003146 0.000419
    0.0003227 0.0008613 0.0003826 0.0005172 0.000269 0.0002899 0.0002347 0.0002913 0.0003116 0.0003655 0.0002771
    0.0003017 0.000331 0.0003555 0.0003101 0.0002923 0.00031 0.0002679 0.0003963 0.0003898 0.0005886 0.000284
    0.0003764 0.0004183 0.0003172 0.0004969 0.0003031 0.0003559 0.0003135 0.000534 0.00047 0.002282 0.0003466
    0.0003315 0.0003999 0.0003426 0.0004719 0.0002997 0.0002646 0.0004303 0.0003485 0.0003149 0.0002812 0.000372
    0.0003556 0.0003249 0.0003049 0.0002902 0.000304 0.0003124 0.0003964 0.0003598 0.0004596 0.001208 0.000377
    0.0003471 0.0003975 0.0003264 0.0003268 0.0003224 0.0003945 0.0002654 0.0003122 0.0006462 0.0003619 0.0003123
    0.0004195 0.0002942 0.0004156 0.0003528 0.0004538 0.0004118 0.0002698 0.0002794 0.0004799 0.0002871 0.0004382
    0.0008321 0.0007248 0.0003806 0.0003876 0.0003742 0.0003947 0.0006009 0.0003206 0.0002509 0.0004329 0.0003411
    0.0003198 0.0004215 0.0002946 0.0003343 0.0003849 0.0005401 0.000333 0.0004093 0.0003575 0.0003191 0.0003839
    0.0005643 0.0002398 0.0002942 0.0003789 0.0003465 0.0002723 0.0003138 0.0002713 0.0003715 0.0003143 0.0003468
    0.0003022 0.0003278 0.0004141 0.0003031 0.0003287 0.0004344 0.0003341 0.0003201 0.0002778 0.0003048 0.0002969
    0.0004109 0.0003062 0.0004185 0.0003328 0.0003236 0.0003706 0.0003699 0.0003322
"""


def write_tiny_transformer(path: Path, every: int = 1) -> Path:
    """TINY_TRANSFORMER_LOSS as the loop's CSV with its LR (warmup, then cosine), or with ``every`` > 1
    the loss alone at every ``every``-th update, as a loop that logs its batch's loss that often writes."""
    lines = ["step,loss,lr" if every == 1 else "step,loss"]
    for step, value in enumerate(TINY_TRANSFORMER_LOSS.split(), start=1):
        lr = 5e-4 * step / 100 if step <= 100 else 5e-4 * 0.5 * (1 + math.cos(math.pi * (step - 100) / 2900))
        if every == 1:
            lines.append(f"{step},{value},{lr:.4g}")
        elif step % every == 0:
            lines.append(f"{step},{value}")
    path.write_text("\n".join(lines) + "\n")
    return path


# A fork of one real training at update 1500 (tools/probe_runs.py p34_fork_at_decay_hf, as its probe
# run gave it: a rerun matches it to update 1500 and differs by up to half a point after): the held-out
# accuracy every 100 updates, equal in both branches up to 1500, where one branch cuts the LR x0.1.
FORK_HELD_OUT_ACCURACY = {
    "shared": "0.6405 0.6825 0.6925 0.738 0.7275 0.718 0.74 0.7295 0.7245 0.759 0.742 0.768 0.742 0.757 0.7295",
    "const": "0.7615 0.758 0.762 0.7515 0.7865 0.798 0.775 0.7615 0.7675 0.7625 0.727 0.756 0.758 0.759 0.77",
    "decay": "0.8035 0.812 0.8135 0.8135 0.8215 0.821 0.823 0.8185 0.817 0.819 0.8155 0.8155 0.817 0.8205 0.815",
}


def write_fork_branch(path: Path, branch: str) -> Path:
    """One branch of FORK_HELD_OUT_ACCURACY as a CSV with the LR at every 10th update (as Hugging Face
    logs it) and the held-out accuracy at every 100th."""
    acc = (FORK_HELD_OUT_ACCURACY["shared"] + " " + FORK_HELD_OUT_ACCURACY[branch]).split()
    lines = ["step,learning_rate,eval_accuracy"]
    for step in range(10, 3001, 10):
        lr = 0.005 if branch == "decay" and step > 1500 else 0.05
        lines.append(f"{step},{lr},{acc[step // 100 - 1] if step % 100 == 0 else ''}")
    path.write_text("\n".join(lines) + "\n")
    return path


# p34_restore_best_keras (tools/probe_runs.py): Keras' fit() with EarlyStopping(restore_best_weights) on
# digits with 40% of the training labels random, stopped at epoch 51 and restored to epoch 31, then a
# second fit() at a tenth of the LR appended to the same CSVLogger (values to 4 digits).
RESTORE_BEST_KERAS = """
    epoch,accuracy,learning_rate,loss,val_accuracy,val_loss
    0,0.3073,0.001,2.139,0.7778,1.532
    1,0.529,0.001,1.772,0.8511,0.9891
    2,0.567,0.001,1.65,0.8889,0.8153
    3,0.5811,0.001,1.599,0.9289,0.7986
    4,0.5967,0.001,1.564,0.92,0.809
    5,0.5967,0.001,1.545,0.9111,0.7715
    6,0.5997,0.001,1.519,0.9089,0.7793
    7,0.6086,0.001,1.49,0.9333,0.6875
    8,0.6138,0.001,1.474,0.9289,0.6623
    9,0.6131,0.001,1.444,0.9289,0.7217
    10,0.6161,0.001,1.434,0.9311,0.6864
    11,0.6183,0.001,1.416,0.9222,0.6798
    12,0.622,0.001,1.405,0.8911,0.7874
    13,0.619,0.001,1.386,0.9156,0.6886
    14,0.6257,0.001,1.369,0.9222,0.7006
    15,0.6295,0.001,1.35,0.9133,0.7057
    16,0.625,0.001,1.336,0.9089,0.6654
    17,0.6324,0.001,1.311,0.9244,0.6842
    18,0.6347,0.001,1.301,0.9044,0.7139
    19,0.6302,0.001,1.277,0.9156,0.7247
    20,0.6399,0.001,1.259,0.9089,0.6289
    21,0.6347,0.001,1.256,0.9111,0.6459
    22,0.6443,0.001,1.221,0.9067,0.6717
    23,0.6443,0.001,1.213,0.9022,0.6814
    24,0.651,0.001,1.192,0.9,0.6918
    25,0.6555,0.001,1.178,0.8933,0.6511
    26,0.651,0.001,1.156,0.8756,0.7363
    27,0.66,0.001,1.129,0.9022,0.6801
    28,0.6548,0.001,1.125,0.86,0.6875
    29,0.6696,0.001,1.08,0.88,0.6625
    30,0.6771,0.001,1.073,0.8467,0.7361
    31,0.6801,0.001,1.069,0.8778,0.6164
    32,0.6734,0.001,1.04,0.8467,0.7252
    33,0.686,0.001,1.034,0.8689,0.6801
    34,0.6875,0.001,0.994,0.86,0.6824
    35,0.6845,0.001,0.9856,0.8511,0.6989
    36,0.6972,0.001,0.9687,0.8356,0.6919
    37,0.7016,0.001,0.9282,0.8556,0.6742
    38,0.7068,0.001,0.9155,0.8467,0.6911
    39,0.7158,0.001,0.8852,0.82,0.7279
    40,0.7232,0.001,0.8769,0.8244,0.7329
    41,0.7165,0.001,0.8565,0.8244,0.7272
    42,0.7314,0.001,0.8283,0.8067,0.738
    43,0.744,0.001,0.8026,0.8356,0.6818
    44,0.7463,0.001,0.7829,0.8133,0.7532
    45,0.756,0.001,0.755,0.7822,0.7685
    46,0.7515,0.001,0.7339,0.7422,0.8369
    47,0.7738,0.001,0.708,0.8067,0.7591
    48,0.7664,0.001,0.6997,0.7356,0.8068
    49,0.7805,0.001,0.6763,0.7689,0.8266
    50,0.7917,0.001,0.6523,0.7822,0.7768
    51,0.7887,0.001,0.6436,0.7556,0.8474
    52,0.683,0.0001,0.9849,0.8933,0.6263
    53,0.6882,0.0001,0.9617,0.88,0.6415
    54,0.6882,0.0001,0.9562,0.8756,0.6464
    55,0.6964,0.0001,0.9485,0.88,0.6506
    56,0.6957,0.0001,0.9436,0.8756,0.6528
    57,0.7001,0.0001,0.9409,0.8733,0.6577
    58,0.6949,0.0001,0.9418,0.8711,0.6604
    59,0.7009,0.0001,0.9384,0.8689,0.6611
    60,0.7016,0.0001,0.9335,0.8667,0.6597
    61,0.7031,0.0001,0.9321,0.8667,0.6583
    62,0.7039,0.0001,0.9291,0.8711,0.6623
    63,0.7024,0.0001,0.9263,0.8622,0.6613
    64,0.7039,0.0001,0.9234,0.8667,0.6596
    65,0.7091,0.0001,0.9218,0.8622,0.6679
    66,0.7054,0.0001,0.919,0.8644,0.6703
    67,0.7083,0.0001,0.9163,0.86,0.6627
    68,0.7046,0.0001,0.9133,0.8667,0.6615
    69,0.7076,0.0001,0.9098,0.8644,0.669
    70,0.7121,0.0001,0.9062,0.8667,0.6662
    71,0.7098,0.0001,0.9023,0.8622,0.6663
"""


def write_restore_best(path: Path) -> Path:
    """RESTORE_BEST_KERAS as the CSVLogger's training.log."""
    path.write_text("\n".join(line.strip() for line in RESTORE_BEST_KERAS.strip().splitlines()) + "\n")
    return path


# p36_curriculum_spike_hf (tools/probe_runs.py): an MLP 64-128-10 on digits, Adam 1e-3 constant, batches of
# 32 from the digits 0-4 only for 1,500 updates, then from all ten. The Trainer's loss (mean of 10 updates)
# every 10 updates; eval_loss and eval_accuracy (all ten digits) every 100.
CURRICULUM_SPIKE = {
    "loss": [
        1.8559, 1.2587, 0.8267, 0.4903, 0.3681, 0.2254, 0.1973, 0.1524, 0.1107, 0.1243,
        0.1423, 0.0910, 0.0797, 0.0871, 0.0544, 0.0519, 0.0561, 0.0741, 0.0539, 0.0526,
        0.0321, 0.0471, 0.0249, 0.0296, 0.0221, 0.0251, 0.0290, 0.0195, 0.0281, 0.0178,
        0.0197, 0.0208, 0.0163, 0.0239, 0.0180, 0.0128, 0.0128, 0.0202, 0.0137, 0.0253,
        0.0125, 0.0159, 0.0124, 0.0124, 0.0117, 0.0108, 0.0104, 0.0123, 0.0084, 0.0067,
        0.0086, 0.0073, 0.0076, 0.0063, 0.0079, 0.0082, 0.0084, 0.0068, 0.0047, 0.0060,
        0.0052, 0.0057, 0.0043, 0.0041, 0.0055, 0.0061, 0.0055, 0.0047, 0.0038, 0.0041,
        0.0040, 0.0046, 0.0039, 0.0032, 0.0036, 0.0042, 0.0038, 0.0030, 0.0031, 0.0032,
        0.0039, 0.0030, 0.0028, 0.0030, 0.0026, 0.0027, 0.0021, 0.0025, 0.0025, 0.0019,
        0.0022, 0.0024, 0.0032, 0.0027, 0.0019, 0.0024, 0.0022, 0.0022, 0.0018, 0.0021,
        0.0018, 0.0022, 0.0017, 0.0013, 0.0019, 0.0015, 0.0019, 0.0016, 0.0018, 0.0023,
        0.0023, 0.0016, 0.0022, 0.0017, 0.0013, 0.0017, 0.0013, 0.0015, 0.0013, 0.0008,
        0.0013, 0.0014, 0.0013, 0.0015, 0.0014, 0.0012, 0.0012, 0.0012, 0.0010, 0.0014,
        0.0013, 0.0011, 0.0009, 0.0010, 0.0012, 0.0016, 0.0013, 0.0010, 0.0010, 0.0007,
        0.0012, 0.0012, 0.0009, 0.0010, 0.0008, 0.0006, 0.0010, 0.0007, 0.0006, 0.0011,
        2.7150, 0.8418, 0.4360, 0.3384, 0.2106, 0.1507, 0.1146, 0.1416, 0.1041, 0.1293,
        0.0872, 0.1134, 0.0821, 0.0778, 0.0759, 0.0779, 0.0669, 0.0766, 0.0738, 0.0575,
        0.0580, 0.0702, 0.0554, 0.0578, 0.0526, 0.0624, 0.0450, 0.0326, 0.0443, 0.0536,
        0.0402, 0.0380, 0.0372, 0.0372, 0.0487, 0.0599, 0.0342, 0.0297, 0.0508, 0.0278,
        0.0302, 0.0368, 0.0267, 0.0523, 0.0281, 0.0369, 0.0223, 0.0304, 0.0381, 0.0229,
        0.0290, 0.0284, 0.0283, 0.0252, 0.0181, 0.0283, 0.0236, 0.0208, 0.0182, 0.0237,
        0.0196, 0.0209, 0.0359, 0.0193, 0.0212, 0.0160, 0.0156, 0.0168, 0.0343, 0.0147,
        0.0196, 0.0159, 0.0195, 0.0161, 0.0129, 0.0193, 0.0252, 0.0145, 0.0126, 0.0120,
        0.0125, 0.0108, 0.0117, 0.0113, 0.0116, 0.0123, 0.0140, 0.0088, 0.0098, 0.0101,
        0.0270, 0.0116, 0.0185, 0.0187, 0.0106, 0.0091, 0.0090, 0.0248, 0.0143, 0.0157,
        0.0083, 0.0075, 0.0151, 0.0122, 0.0066, 0.0084, 0.0068, 0.0065, 0.0066, 0.0070,
        0.0076, 0.0092, 0.0098, 0.0059, 0.0060, 0.0074, 0.0054, 0.0067, 0.0043, 0.0069,
        0.0081, 0.0063, 0.0066, 0.0210, 0.0106, 0.0083, 0.0087, 0.0129, 0.0074, 0.0063,
        0.0044, 0.0062, 0.0058, 0.0077, 0.0063, 0.0070, 0.0054, 0.0085, 0.0082, 0.0120,
        0.0085, 0.0053, 0.0051, 0.0056, 0.0078, 0.0054, 0.0049, 0.0037, 0.0047, 0.0038,
    ],
    "eval_loss": [
        3.6672, 3.9691, 4.1996, 4.3641, 4.5579, 4.6290, 4.7822, 4.8433, 4.9318, 5.0208,
        5.1245, 5.1617, 5.2310, 5.2939, 5.3300, 0.1304, 0.0928, 0.0766, 0.0688, 0.0689,
        0.0567, 0.0508, 0.0517, 0.0504, 0.0494, 0.0490, 0.0450, 0.0484, 0.0465, 0.0430,
    ],
    "eval_accuracy": [
        0.5019, 0.5111, 0.5111, 0.5111, 0.5167, 0.5167, 0.5148, 0.5148, 0.5130, 0.5148,
        0.5148, 0.5148, 0.5148, 0.5148, 0.5130, 0.9593, 0.9722, 0.9759, 0.9796, 0.9741,
        0.9815, 0.9852, 0.9852, 0.9833, 0.9815, 0.9852, 0.9870, 0.9815, 0.9852, 0.9852,
    ],
}


def write_curriculum_spike(path: Path) -> Path:
    """CURRICULUM_SPIKE as the Trainer's trainer_state.json."""
    return _write_trainer_state(path, CURRICULUM_SPIKE, 100, lambda step: round(step / 3000, 2))


# p35_plateau_noisy_eval_lightning: an MLP on digits with 20% of the training labels flipped, SGD 0.1
# with momentum 0.9, ReduceLROnPlateau(patience 4) over 50 epochs; per epoch, the LR it ran at and the
# held-out loss and accuracy. At the high LR the accuracy swings a few points (0.887 at the seventh
# evaluation, the lowest), then the first cut lands at step 352.
PLATEAU_NOISY_EVAL = {
    "step": [
        43, 87, 131, 175, 219, 263, 307, 351, 395, 439,
        483, 527, 571, 615, 659, 703, 747, 791, 835, 879,
        923, 967, 1011, 1055, 1099, 1143, 1187, 1231, 1275, 1319,
        1363, 1407, 1451, 1495, 1539, 1583, 1627, 1671, 1715, 1759,
        1803, 1847, 1891, 1935, 1979, 2023, 2067, 2111, 2155, 2199,
    ],
    "lr": [
        0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01,
        0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01,
        0.001, 0.001, 0.001, 0.001, 0.001, 0.0001, 0.0001, 0.0001, 0.0001, 0.0001,
        1e-05, 1e-05, 1e-05, 1e-05, 1e-05, 1e-06, 1e-06, 1e-06, 1e-06, 1e-06,
        1e-07, 1e-07, 1e-07, 1e-07, 1e-07, 1e-08, 1e-08, 1e-08, 1e-08, 1e-08,
    ],
    "val_loss": [
        1.1443, 0.4895, 0.3667, 0.4772, 0.4796, 0.4011, 0.4363, 0.5656,
        0.2948, 0.3157, 0.3182, 0.3038, 0.2841, 0.2898, 0.2762, 0.2941,
        0.2932, 0.3054, 0.2943, 0.3023, 0.2962, 0.2937, 0.2918, 0.2921,
        0.2913, 0.2913, 0.2911, 0.2911, 0.2910, 0.2908, 0.2909, 0.2908,
        0.2908, 0.2908, 0.2908, 0.2908, 0.2908, 0.2908, 0.2908, 0.2908,
        0.2908, 0.2908, 0.2908, 0.2908, 0.2908, 0.2908, 0.2908, 0.2908,
        0.2908, 0.2908,
    ],
    "val_acc": [
        0.7607, 0.9068, 0.9370, 0.9421, 0.9194, 0.9647, 0.9320, 0.8867,
        0.9723, 0.9723, 0.9698, 0.9723, 0.9773, 0.9723, 0.9723, 0.9698,
        0.9723, 0.9798, 0.9798, 0.9698, 0.9723, 0.9748, 0.9723, 0.9748,
        0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748,
        0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748,
        0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748, 0.9748,
        0.9748, 0.9748,
    ],
}


# p37_overfit_slide_epochcsv: an MLP on 400 digits with 20% of their labels flipped, Adam 1e-3 on the full
# batch; the held-out accuracy (397 clean digits) every 5 epochs from epoch 0 to 2995. It climbs to
# 0.914 by epoch 65, slides to 0.80 by epoch 205 as the flipped labels are learned, and stays there.
OVERFIT_SLIDE_VAL_ACC = """
    0.1436 0.6725 0.7531 0.8338 0.8741 0.9043 0.9093 0.9169 0.9093 0.9093 0.9043 0.9093 0.9118 0.9144
    0.9093 0.9018 0.8967 0.8967 0.8816 0.8841 0.8841 0.8791 0.8715 0.8589 0.8589 0.8615 0.8539 0.8463
    0.8489 0.8463 0.8413 0.8413 0.8388 0.8312 0.8287 0.8262 0.8212 0.8212 0.8161 0.8136 0.8035 0.8010
    0.8010 0.8035 0.8010 0.8010 0.8035 0.8010 0.8035 0.8035 0.8010 0.7985 0.7985 0.7985 0.8010 0.7985
    0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.8010 0.8010 0.8010 0.8010 0.7985
    0.7985 0.7985 0.7985 0.7985 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7935
    0.7960 0.7960 0.7935 0.7935 0.7935 0.7935 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985
    0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.8010 0.8010 0.8010 0.8010 0.8010 0.8010 0.8035
    0.8035 0.8035 0.8035 0.8035 0.8035 0.8035 0.8035 0.8035 0.8035 0.8035 0.8035 0.8035 0.8035 0.8035
    0.8010 0.8010 0.8010 0.8010 0.8010 0.8010 0.8010 0.8010 0.8010 0.8010 0.7985 0.7985 0.7985 0.7985
    0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985 0.7985
    0.7985 0.7985 0.7985 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
    0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935
    0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935
    0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935
    0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935 0.7935
    0.7935 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960 0.7960
"""


# p38_lr_raise_nan_csv: an MLP on make_classification under SGD 0.05, one row per update; from update
# 2500 the LR is 50 (x1000). Its minibatch loss at updates 2101-2520, 4 digits as logged (nan from 2504).
LR_RAISE_NAN_LOSS = """
    0.2825 0.9577 0.2937 0.6255 0.2075 0.3024 0.627 0.3769 0.494 0.1462 0.4025 0.4213
    0.2435 0.4688 0.19 0.6148 0.2617 0.3402 0.5054 0.4974 0.282 0.3063 0.1965 0.4856
    0.2835 0.777 0.4316 0.2081 0.7097 0.7142 0.3276 0.2289 0.4692 0.4914 0.6413 0.7655
    0.6109 0.4525 1.127 0.08789 0.1138 0.329 0.9538 0.1589 0.6633 0.2208 0.1308 0.171
    0.2247 0.1245 0.319 0.3996 0.405 0.2177 0.3413 0.4511 0.4807 0.08781 0.1076 0.4963
    0.1062 0.2555 0.1042 0.4013 0.4601 0.4259 0.2135 0.5916 0.1407 0.09732 0.3223 0.3015
    0.09468 0.1249 0.241 0.1916 0.445 0.2964 0.2583 0.7843 0.332 0.5497 0.08065 0.2317
    0.3178 0.459 0.09503 0.1356 0.1398 0.2288 0.3389 0.2952 0.1754 0.4559 0.3137 0.3886
    0.3774 0.2035 0.2336 0.2575 0.3575 0.3381 0.4116 0.2605 0.1763 0.2051 0.4645 0.5763
    0.537 0.2075 0.2728 0.6484 0.5835 0.197 0.266 0.2869 0.1217 0.3355 0.1706 0.1755
    0.4199 0.552 0.2563 0.3915 0.7918 0.2215 0.135 0.7122 0.5374 1.338 0.2933 1.163
    0.07565 0.4843 0.2103 0.3092 0.4068 0.5419 0.1214 0.3003 0.2448 0.1067 0.3599 0.4616
    0.4215 0.2739 0.2554 0.41 0.2812 0.5304 0.1471 0.176 0.2726 0.06794 0.2099 0.3189
    0.2982 0.684 0.3055 0.2127 0.2597 0.3216 0.4248 0.2463 0.4103 0.3954 0.2716 0.2397
    0.1391 0.5624 0.5564 0.3564 0.1103 0.529 0.5066 0.2068 0.3696 0.1175 0.5791 0.3953
    0.3129 0.4845 0.4452 0.694 0.5363 0.1723 0.08947 0.1061 0.2023 0.3645 0.5992 0.4034
    0.1544 0.5063 0.116 0.4581 0.1876 0.2393 0.2662 0.3361 0.8444 0.08923 0.3769 0.5784
    0.6096 0.3618 0.4433 0.1922 0.3803 0.28 0.2731 0.1709 0.5767 0.43 0.051 0.269
    0.3682 0.2939 0.197 0.9251 0.4211 0.3062 0.1995 0.8022 0.8132 0.1071 0.7852 0.2149
    0.2624 0.2848 0.3065 0.2482 0.3929 0.5452 0.1608 0.1967 0.4913 0.1123 0.3196 0.2439
    0.2364 0.4044 0.3299 0.2677 0.4904 0.2018 0.2996 0.3669 0.1189 0.09829 0.1929 0.09993
    0.1171 0.2668 0.3315 0.5861 0.4943 0.08303 0.1374 1.029 0.3035 0.1868 0.2589 0.342
    0.05419 0.2233 0.5325 0.189 0.5514 0.126 0.7366 0.1663 0.3539 0.2371 0.1092 0.4958
    0.4823 0.3222 0.173 0.9275 0.131 0.2176 0.5958 0.173 0.3554 0.5942 0.5233 0.4544
    0.2546 0.5282 0.09701 0.09844 0.6288 0.2826 0.2895 0.2033 0.3312 0.6493 0.3213 0.2589
    0.3208 0.06061 0.06448 0.1145 0.2546 0.4956 0.5672 0.6355 0.4693 0.6787 0.3212 0.4109
    0.9643 0.4606 0.1497 0.09392 0.4742 0.247 0.2014 0.2648 0.1843 0.3814 0.1625 0.3172
    0.2476 0.5999 0.5785 0.7474 0.3684 0.259 0.2307 0.8037 0.05263 0.6935 0.2387 0.4019
    0.3329 0.4514 1.075 0.2295 0.5162 0.392 0.3617 0.3418 0.2342 0.5809 0.478 0.1225
    0.2131 0.281 0.403 0.3255 0.5287 0.2299 0.3889 0.3637 0.4411 0.6502 0.3965 0.2395
    0.2674 0.3335 0.1511 0.2193 0.4057 0.2732 0.5588 0.3122 0.2369 0.4562 0.1987 0.1306
    0.05849 0.4205 0.6265 0.3069 0.2213 0.09046 0.4282 0.2946 0.1853 0.3993 0.2124 0.07918
    0.4428 0.3627 0.2575 0.5637 0.7219 0.2857 0.6971 0.3073 0.1887 0.6445 0.372 0.5817
    0.3232 0.204 0.577 0.4485 3.819e+04 5.484e+13 1.631e+29 nan nan nan nan nan
    nan nan nan nan nan nan nan nan nan nan nan nan
"""


def write_lr_raise_nan(path: Path) -> Path:
    loss = LR_RAISE_NAN_LOSS.split()
    steps = list(range(2101, 2101 + len(loss)))
    return write_csv(path, {"step": steps, "loss": loss, "lr": [0.05 if s < 2500 else 50 for s in steps]})


def deep_linear_staircase(seed: int, strengths=(4.0, 2.0, 1.0, 0.5), d: int = 8, n: int = 512, lr: float = 0.05,
                          steps: int = 4000, every: int = 5, init: float = 1e-2):
    """A real full-batch gradient descent of a deep linear net (three 8x8 layers from a small init)
    on y = A x, A's singular values ``strengths``: saddle to saddle, the loss falls one stair per
    mode (Saxe et al.). Returns the loss every ``every`` steps as (step, loss) rows, and the step at
    which each mode was learned: where the end-to-end map's strength along it first reached half
    its target, read from the weights (the truth, not the loss)."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((d, d)))
    V, _ = np.linalg.qr(rng.standard_normal((d, d)))
    A = U @ np.diag(np.concatenate([strengths, np.zeros(d - len(strengths))])) @ V.T
    X = rng.standard_normal((n, d))
    Y = X @ A.T
    W1, W2, W3 = (init * rng.standard_normal((d, d)) for _ in range(3))
    rows, learned = [], {}
    for step in range(1, steps + 1):
        W = W3 @ W2 @ W1
        R = X @ W.T - Y
        E = R.T @ X / n  # the loss's gradient with respect to the end-to-end map
        W1, W2, W3 = W1 - lr * (W3 @ W2).T @ E, W2 - lr * W3.T @ E @ W1.T, W3 - lr * E @ (W2 @ W1).T
        if step % every == 0:
            rows.append((step, float((R ** 2).sum(1).mean() / 2)))
            along = np.diag(U.T @ W @ V)
            for i, s in enumerate(strengths):
                if i not in learned and along[i] >= s / 2:
                    learned[i] = step
    return rows, sorted(learned.values())


# p39_vae_kl_rise_csv: a VAE on digits (Gaussian decoder, learned variance), Adam 3e-3 constant; every 10
# updates from 10 to 3000 as its loop's CSV wrote them. Its KL term starts near zero and climbs x300 as
# the latent comes to carry information, while the ELBO improves throughout.
VAE_KL_RISE = {
    "train_elbo": """
    -62.9401 -60.2678 -59.1859 -57.8698 -56.8047 -55.8685 -55.0198 -54.1372 -53.4006 -52.3613
    -51.6012 -50.5227 -49.7756 -48.9958 -48.0614 -47.3043 -46.3953 -45.5260 -44.7446 -43.9501
    -42.9760 -42.2824 -41.6307 -40.8712 -39.9207 -39.1955 -38.3065 -37.3055 -37.1694 -35.7969
    -35.5915 -34.2201 -34.0690 -32.8449 -32.1644 -31.5891 -30.7782 -29.9564 -29.1158 -28.6403
    -28.1055 -26.9359 -26.2757 -25.7508 -24.7305 -24.4111 -24.1671 -22.9430 -22.0481 -20.7324
    -21.0080 -19.6895 -19.2987 -18.5959 -18.1973 -16.9077 -17.5173 -16.1246 -15.8824 -14.0912
    -14.1381 -13.8339 -12.4769 -12.2824 -11.5610 -11.2691 -10.1512 -9.3560 -9.0282 -8.5226
    -7.9911 -7.4068 -7.0472 -6.2549 -6.1471 -5.1480 -4.4641 -3.3500 -2.5554 -2.5115
    -2.0145 -1.4085 -0.9980 0.0429 0.6871 -0.0389 1.7988 2.4689 3.1187 3.3882
    3.0463 4.0617 4.3283 4.0192 5.6113 6.1051 5.7937 7.2088 7.1382 8.3757
    8.9800 8.5510 9.6666 9.8332 11.6098 11.2675 10.9248 12.1025 11.5177 12.6102
    13.6759 14.4963 14.3029 13.0452 15.2132 16.1558 15.3989 15.7530 16.0741 17.0364
    16.4258 18.1650 18.6871 19.0470 19.4583 18.2089 20.6204 21.0435 21.1026 21.5693
    20.6220 22.8410 22.7708 21.3384 23.5448 24.7417 24.0372 22.4733 24.4100 23.6742
    25.1491 25.3496 26.2204 25.2317 24.3343 25.6854 26.6023 28.5762 29.1359 28.6931
    29.0360 28.7582 30.2149 30.9810 30.3040 31.3036 29.1001 30.5193 30.3624 29.9701
    31.0744 31.4434 31.7558 33.7434 32.2096 31.1842 31.6353 33.7239 34.2507 33.4223
    34.4784 33.9735 33.0927 34.9599 35.8593 36.0400 35.8377 34.8479 36.8144 36.5371
    38.0113 36.0198 36.3848 38.9376 36.5924 37.6679 38.0408 38.8407 37.6978 38.3020
    38.2083 37.9347 39.9830 39.7440 38.7404 40.0783 40.1188 39.6948 41.4128 40.2568
    39.4585 41.0982 41.8272 39.5177 39.4298 41.0402 41.6265 40.9829 41.1858 41.1214
    42.5100 42.0843 43.4843 44.1714 44.5883 41.6653 41.0609 43.4990 44.2754 43.5161
    43.3670 42.6805 40.7218 43.6357 46.1737 44.4963 41.2724 45.2515 45.1452 45.1437
    43.7578 42.9743 46.7138 45.7425 44.4799 44.7285 45.7960 45.2819 44.6361 44.0804
    46.7338 45.5756 47.8161 46.4737 45.9239 46.8934 46.6019 46.6157 46.9568 45.8290
    46.7800 46.3713 46.8157 46.3944 48.4328 45.1060 47.0137 46.7902 46.1212 49.2961
    46.7479 45.7270 44.3326 48.0334 46.5388 45.4544 46.4315 47.0616 47.7904 46.8669
    46.2724 49.7033 47.7413 48.6143 46.8900 47.8671 46.8491 44.2786 48.6482 48.0219
    46.7664 48.2582 44.6067 48.0700 46.9079 47.7866 50.8304 47.2249 50.6282 45.4310
    46.9092 46.0387 46.5245 46.0002 49.6725 48.4897 49.1929 48.6225 50.3894 49.2604
""",
    "train_kl": """
    0.6839 0.2079 0.0944 0.0431 0.0294 0.0268 0.0256 0.0186 0.0226 0.0194
    0.0230 0.0245 0.0304 0.0291 0.0333 0.0348 0.0598 0.0840 0.0768 0.0978
    0.1171 0.1299 0.1589 0.1510 0.2059 0.2460 0.2291 0.2121 0.3018 0.3409
    0.4277 0.4089 0.4696 0.5509 0.6624 0.6364 0.7666 0.7613 0.7571 0.8347
    1.0461 0.9242 0.9352 0.9682 1.0525 1.2284 1.1845 1.4148 1.5518 1.6007
    1.6710 1.6537 1.7239 1.7030 1.9456 2.0313 1.9714 1.9942 2.0585 2.1975
    2.2334 2.1945 2.3126 2.4626 2.6714 2.3787 2.4580 2.5300 2.7014 2.8579
    2.7383 2.7806 2.9035 2.8135 3.1791 3.0705 3.1636 3.5788 3.3004 3.2229
    3.7102 3.5945 3.4204 3.6393 3.9031 4.0499 3.8871 4.1793 4.1396 4.1432
    4.1866 4.2188 4.4453 4.3869 4.3044 4.6390 4.4807 4.6781 4.8075 4.7354
    4.6348 5.1584 4.7870 4.9320 5.2410 4.9231 5.1723 5.6025 5.1712 5.4420
    5.3645 5.3016 5.7248 5.9816 5.7313 5.8554 6.0012 6.4169 5.9028 6.2176
    6.3331 6.1407 6.2961 6.6549 6.3726 6.4312 6.5208 6.6912 6.5617 6.8323
    7.0570 7.1098 6.8186 6.9115 6.6069 6.8471 7.1513 7.0033 7.5929 7.1737
    7.5459 7.4188 7.7677 7.6543 7.7872 8.0234 8.0183 7.8163 7.8794 8.2969
    8.5142 8.4198 8.5287 8.1906 8.4088 8.6570 8.7909 8.7970 8.6373 8.6489
    8.8964 8.8107 8.8286 8.7115 9.0842 9.4386 9.1773 9.0714 9.0223 9.1952
    9.1065 9.1784 9.1357 9.1278 9.1112 9.3592 9.5037 9.0855 9.5776 9.0811
    9.4209 9.3753 9.6431 9.3921 9.5191 9.6354 9.5587 9.9190 9.6938 9.7500
    9.9225 9.8444 9.8245 9.7121 10.1376 9.5087 10.2952 9.9933 9.9245 9.8289
    10.1618 10.1662 9.9901 9.8956 10.4863 9.9677 10.0062 10.2540 10.1921 10.6983
    10.2022 9.9889 10.3102 10.0441 10.2978 10.3478 10.3564 10.5173 10.6003 10.0882
    10.3297 10.6984 10.6127 10.1996 10.2723 10.2134 10.3194 11.0857 10.2137 10.6358
    10.3371 10.5816 10.3538 10.4310 10.7448 10.3570 10.5304 10.7255 10.5652 10.6592
    10.4117 10.6923 10.6497 10.9232 10.6524 10.5307 10.8170 10.7178 10.4176 10.7199
    11.0704 10.6654 11.1745 10.7522 10.7764 10.7271 10.9175 10.7533 10.7651 10.3736
    10.7953 10.8811 11.0443 11.4127 10.5774 11.0591 11.0376 11.0031 11.0664 10.9179
    11.6317 10.6480 11.3452 10.9338 10.9889 11.3773 11.1720 11.1023 10.9178 11.0336
    11.5648 11.0975 11.6208 11.0670 11.1437 10.8542 11.2105 10.7661 11.1486 11.4818
    11.4501 11.3472 10.9567 11.7410 10.9348 11.1779 11.1874 11.1770 11.4159 11.5909
""",
}


def write_vae_kl_rise(path: Path) -> Path:
    table = {name: column.split() for name, column in VAE_KL_RISE.items()}
    return write_csv(path, {"step": [10 * (i + 1) for i in range(len(table["train_kl"]))], **table})



# p34_fork_at_decay_hf's training loss (the mean of every 10 updates, as the Trainer logged it): the same
# numbers in both branches to update 1500, then each branch's own, on the same batches.
FORK_LOSS = {
    "shared": """
    1.5746 1.4273 1.2311 1.1559 1.0809 1.1333 1.0128 1.1058 0.9397 0.9836 0.9883 1.1297 0.927 0.8734 0.8651
    0.9172 1.0633 0.9827 0.7918 0.775 0.9831 0.8757 0.8139 0.8023 0.9742 0.8964 0.8755 0.8556 0.8059 0.7602
    0.8128 0.9413 0.7853 0.7639 0.8199 0.7301 0.9106 0.7731 0.7226 0.6847 0.7319 0.671 0.6858 0.7844 0.8128
    0.7772 0.7143 0.8697 0.7109 0.6619 0.806 0.8358 0.8137 0.884 0.7537 0.6847 0.8024 0.6026 0.6633 0.6664
    0.7568 0.8084 0.7886 0.8622 0.7104 0.7395 0.7588 0.6534 0.724 0.7873 0.6914 0.8356 0.829 0.7263 0.6821
    0.5936 0.6689 0.6745 0.5971 0.6776 0.6918 0.7211 0.7818 0.6234 0.6543 0.6902 0.6985 0.803 0.7691 0.7564
    0.8955 0.7988 0.8791 0.677 0.6911 0.76 0.7069 0.5933 0.5779 0.5796 0.7232 0.5301 0.723 0.6795 0.6967
    0.7006 0.6504 0.8431 0.6931 0.8044 0.729 0.7474 0.608 0.581 0.5902 0.6581 0.7062 0.7582 0.6429 0.5894
    0.5437 0.6198 0.6442 0.7799 0.5941 0.7091 0.6465 0.6713 0.631 0.6962 0.771 0.721 0.5568 0.663 0.6231
    0.5852 0.5814 0.6743 0.605 0.5647 0.7022 0.6998 0.8512 0.6401 0.778 0.6815 0.6677 0.7066 0.5395 0.613
""",
    "const": """
    0.5693 0.5595 0.6089 0.6345 0.6406 0.7092 0.6204 0.7294 0.645 0.5762 0.5557 0.6722 0.626 0.7337 0.5968
    0.6906 0.7428 0.6947 0.6362 0.6562 0.607 0.7432 0.5987 0.6321 0.5292 0.4953 0.671 0.7566 0.6095 0.5954
    0.5089 0.5731 0.7115 0.6754 0.5869 0.6298 0.7049 0.5375 0.6792 0.6608 0.6595 0.6523 0.4979 0.554 0.5016
    0.583 0.5699 0.553 0.6604 0.5825 0.9015 0.6371 0.6719 0.5541 0.6358 0.6994 0.5552 0.587 0.6612 0.4117
    0.6606 0.701 0.5402 0.5474 0.6159 0.5166 0.6275 0.6533 0.5816 0.6018 0.6679 0.7263 0.6905 0.7065 0.5234
    0.6296 0.4383 0.5767 0.5258 0.457 0.447 0.6227 0.7014 0.6721 0.6091 0.5985 0.655 0.5713 0.5343 0.5927
    0.7393 0.7111 0.5709 0.5725 0.6192 0.4931 0.5424 0.4682 0.6703 0.5574 0.4869 0.6692 0.7185 0.6809 0.6179
    0.4833 0.6958 0.6855 0.5565 0.6965 0.6092 0.5453 0.5156 0.5436 0.4741 0.4878 0.5213 0.4716 0.6086 0.5149
    0.6709 0.6325 0.4999 0.6025 0.4738 0.6639 0.565 0.6669 0.5407 0.728 0.6085 0.4829 0.5037 0.6191 0.6109
    0.5378 0.6133 0.691 0.5882 0.5566 0.576 0.5922 0.6346 0.5665 0.5996 0.6332 0.594 0.5581 0.6331 0.6237
""",
    "decay": """
    0.5632 0.5182 0.5351 0.5852 0.5279 0.4503 0.5151 0.5387 0.4689 0.4531 0.4321 0.4774 0.4714 0.5385 0.4658
    0.4191 0.4864 0.4949 0.5252 0.4532 0.404 0.5554 0.4397 0.4221 0.3782 0.3331 0.4563 0.4587 0.4629 0.4375
    0.4246 0.3151 0.5 0.4224 0.413 0.3704 0.4173 0.4134 0.4536 0.4234 0.4054 0.4314 0.3472 0.3781 0.3427
    0.3926 0.3687 0.3712 0.3802 0.3433 0.6513 0.3756 0.4094 0.3598 0.4318 0.3831 0.3655 0.4402 0.4221 0.2741
    0.4505 0.4188 0.3233 0.3419 0.3905 0.3668 0.3546 0.3927 0.3619 0.3816 0.346 0.4646 0.3948 0.468 0.3678
    0.4748 0.3111 0.3639 0.3518 0.2774 0.2955 0.4282 0.4518 0.3686 0.3849 0.3883 0.3942 0.355 0.3129 0.4276
    0.4209 0.3997 0.371 0.3938 0.4171 0.3397 0.3137 0.3186 0.4369 0.3284 0.2362 0.4051 0.3925 0.4382 0.3484
    0.3011 0.4179 0.3783 0.3409 0.3944 0.3524 0.3535 0.4116 0.3258 0.3085 0.3344 0.3098 0.2125 0.4313 0.3521
    0.4198 0.3898 0.2981 0.3689 0.3203 0.3168 0.2801 0.4263 0.3221 0.4937 0.3739 0.2848 0.2919 0.3527 0.392
    0.3364 0.3246 0.396 0.4042 0.2892 0.3047 0.3541 0.35 0.3271 0.3391 0.3732 0.3957 0.3241 0.3697 0.3622
""",
}


def write_fork_loss(path: Path, branch: str) -> Path:
    """One branch of FORK_LOSS as a CSV of step, loss and the LR the branch trained at."""
    loss = (FORK_LOSS["shared"] + FORK_LOSS[branch]).split()
    steps = list(range(10, 10 + 10 * len(loss), 10))
    lr = [0.005 if branch == "decay" and s > 1500 else 0.05 for s in steps]
    return write_csv(path, {"step": steps, "loss": loss, "lr": lr})


# p40_cyclic_triangular_csv: an MLP under CyclicLR triangular (0.002 to 0.2 and back every 800 updates,
# peaks at 400, 1200, ...); one batch's loss every 10 updates, 10 to 6400, as its loop's CSV wrote it.
# The loss climbs x3-x4 at every peak; the run stops at a trough.
CYCLIC_TRIANGULAR_LOSS = """
    2.323 2.284 2.247 2.19 2.116 2.053 1.949 1.478 1.422 1.164 1.328 1.035 0.8611 1.013 0.9213 1.096
    1.02 1.026 0.9846 0.8159 1.091 0.89 0.98 0.6094 1.013 0.6574 0.4731 1.147 0.7544 0.7556 0.7806 1.117
    0.6522 0.9978 0.8864 0.7355 1.148 1.163 1.065 0.8702 0.7243 0.7803 0.8587 0.9211 0.5156 0.3322 1.985 0.5936
    1.049 1.026 0.7253 0.8574 0.2887 0.5068 0.5892 0.5188 0.8623 0.6185 1.101 0.5647 0.7029 0.5675 0.5355 0.3288
    0.7913 0.3869 0.3995 0.5375 0.1574 0.09597 0.325 0.2237 0.1793 0.1083 0.319 0.1124 0.165 0.1924 0.1874 0.2429
    0.2534 0.3118 0.3071 0.2703 0.7994 0.5323 0.3554 0.13 0.1129 0.1365 0.2378 0.1622 0.7191 0.3516 0.2043 0.1194
    0.8962 0.4889 0.2978 0.2398 0.649 0.7349 0.8642 0.4089 0.396 0.4747 0.8233 0.2672 1.001 0.2833 0.6069 0.6774
    0.3287 0.494 0.6726 0.7487 1.184 0.5525 0.4836 0.8131 1.44 0.8022 0.5823 1.269 0.5204 1.299 0.8056 0.4223
    0.8515 0.3445 0.3596 0.3628 0.4605 0.3007 0.5909 0.5288 0.4888 0.6762 0.8187 0.4614 0.7219 0.64 0.2215 0.3567
    0.4404 0.1887 0.3553 0.6537 0.3086 0.1643 0.3704 0.4226 0.2352 0.2985 0.3007 0.2519 0.1388 0.2391 0.3327 0.2871
    0.2905 0.07758 0.06598 0.1396 0.03494 0.2258 0.1474 0.03653 0.2381 0.5577 0.1387 0.0435 0.05473 0.1488 0.1993 0.1846
    0.3496 0.1286 0.5229 0.05571 0.1749 0.1169 0.5125 0.3009 0.4729 0.0399 0.1355 1.041 0.465 1.284 0.3826 0.3186
    0.9895 0.4626 0.5131 0.4623 0.3066 0.5215 0.3775 0.6082 0.6514 0.3002 1.045 0.6855 0.5207 1.154 1.034 0.5
    0.6838 0.7678 0.4646 0.7857 0.4867 0.3433 0.4287 1.22 0.5873 0.6583 0.3331 0.4754 0.2421 0.6598 1.074 0.2191
    0.3897 0.332 0.7857 0.269 0.1514 0.09817 0.1022 0.1931 0.4161 0.3629 0.1725 0.1643 0.05578 0.1933 0.1967 0.1797
    0.2905 0.07473 0.06412 0.2004 0.07878 0.1181 0.08759 0.03692 0.1611 0.03584 0.2165 0.3495 0.1348 0.2001 0.1418 0.1918
    0.1298 0.3251 0.1291 0.3518 0.06768 0.1053 0.236 0.2996 0.4972 0.5549 0.3913 0.4228 0.6221 0.3666 0.7593 0.6763
    0.9417 0.8531 0.8916 0.7032 0.5823 0.1729 1.537 0.685 0.8018 0.4122 0.5041 2.382 0.9851 0.6445 0.2243 0.2916
    1.412 0.4045 0.4138 0.7948 0.5997 0.1404 0.8651 0.5239 0.2392 0.2738 0.7329 0.8108 0.4611 0.2428 0.3991 0.2365
    0.1527 0.5461 0.3476 0.3648 0.2891 0.1755 0.2586 0.152 0.2075 0.3886 0.1485 0.08396 0.4882 0.07868 0.1234 0.1924
    0.1376 0.2934 0.04845 0.05056 0.1763 0.09398 0.2624 0.007804 0.08131 0.1467 0.1663 0.0121 0.1281 0.1232 0.295 0.1016
    0.2593 0.7933 0.1398 0.16 0.2088 0.1948 0.3003 0.175 0.4519 0.4532 0.5005 0.4812 0.5201 0.4619 0.6162 0.1119
    0.7785 0.882 1.033 0.232 0.7496 0.2998 0.2998 0.5444 0.5978 0.4127 0.5814 0.8771 0.7391 0.5128 1.217 0.701
    0.5499 0.9943 1.061 0.343 0.2939 0.5582 0.3436 0.6948 0.2309 0.4893 0.3483 0.396 0.3739 0.2903 0.1298 0.7249
    0.1802 0.4726 0.02309 0.9022 0.328 0.2839 0.3401 0.3123 0.4548 0.1464 0.4242 0.5111 0.1118 0.05898 0.1846 0.2364
    0.3351 0.5178 0.1508 0.06441 0.09492 0.04043 0.1046 0.1201 0.2004 0.08409 0.121 0.1426 0.1358 0.05983 0.2327 0.05912
    0.2012 0.2739 0.3184 0.2859 1.024 0.142 0.2141 0.5343 0.2295 0.03073 0.2218 0.1532 0.3186 0.2581 0.9387 0.3874
    0.5631 0.3795 0.9836 0.3295 0.555 0.9198 0.7333 0.4416 1.312 0.5736 1.058 2.243 0.9076 0.9934 0.6379 0.2441
    0.3198 0.7371 1.052 0.6944 1.606 0.7578 0.6442 0.456 0.3324 0.5052 0.3251 0.2807 0.8101 0.3103 0.5916 0.07726
    0.1539 0.1327 0.09454 0.405 0.3536 0.3372 0.2425 0.7065 0.1625 0.2839 0.6192 0.07713 0.101 0.3006 0.05968 0.08941
    0.4166 0.1468 0.292 0.1263 0.1132 0.09066 0.3131 0.3265 0.05307 0.2372 0.1586 0.4367 0.03226 0.2243 0.1625 0.2115
    0.06665 0.08424 0.1873 0.07479 0.04738 0.1485 0.09594 0.3416 0.08546 0.5278 0.07525 0.524 0.1993 0.1748 0.4063 0.4874
    0.4986 0.7978 0.7515 0.281 1.017 0.9156 0.821 0.8347 0.765 0.6266 1.472 0.5464 0.4876 0.6243 0.1881 0.5935
    0.7353 0.409 0.3354 1.098 0.627 0.0897 0.5895 0.3752 0.4049 0.458 0.5312 0.5008 0.3051 0.7981 0.7665 0.6142
    0.6124 0.6908 1.052 0.09014 0.8133 0.2857 0.784 0.5504 0.4394 0.4962 0.2006 0.1211 0.2454 0.2832 0.251 0.117
    0.1245 0.1392 0.1124 0.1485 0.136 0.239 0.03651 0.3165 0.2802 0.02565 0.3004 0.2068 0.1818 0.1264 0.2816 0.2411
    0.5058 0.1192 0.4534 0.1471 0.1415 0.06043 0.03739 0.2347 0.2332 0.3269 0.3155 0.3189 1.107 0.312 0.1553 0.3587
    1.845 2.173 0.6303 1.262 0.9 0.9057 0.5442 0.9387 0.553 0.5182 0.5063 0.5953 0.501 0.6821 0.4084 0.5635
    0.5914 0.546 0.8973 0.6026 0.5645 0.5222 1.164 0.09468 0.4284 0.4346 0.1331 0.1809 0.335 0.397 0.327 0.2476
    0.48 0.2419 0.5861 0.8421 0.4384 0.07101 0.3885 0.3503 0.2027 0.1695 0.2078 0.3539 0.1713 0.2907 0.02781 0.3161
"""


def write_cyclic_triangular(path: Path) -> Path:
    """CYCLIC_TRIANGULAR_LOSS with the LR the triangular schedule set at each logged update."""
    loss = CYCLIC_TRIANGULAR_LOSS.split()
    steps = [10 * (i + 1) for i in range(len(loss))]
    phase = [(s - 1) / 800 % 1 for s in steps]
    lr = [f"{0.002 + 0.198 * (2 * x if x <= 0.5 else 2 * (1 - x)):.6g}" for x in phase]
    return write_csv(path, {"step": steps, "train_loss": loss, "lr": lr})


# p41_step_decay_single_batch_csv: an MLP on make_classification, SGD momentum 0.9 at 0.05, cut to 0.005
# at update 1500 of 3000; its loop's CSV kept one batch's loss every 10 updates (no mean over them), 10 to 3000.
STEP_DECAY_SINGLE_BATCH_LOSS = """
    2.287 2.224 2.13 1.97 1.645 1.204 1.502 1.88 1.44 1.174 1.117 0.8624 1.117 1.135 1.042 1.331 1.056 0.4841 0.8247
    1.414 0.9408 0.6514 0.7021 0.7295 0.4555 0.6157 0.454 0.9623 0.6903 0.8555 0.9368 0.3331 0.2731 0.6368 0.8228
    0.6166 0.4929 0.6517 0.3743 0.503 0.5855 0.8276 0.3162 0.7226 1.403 0.3924 0.5012 0.4036 0.4609 0.6756 0.4569
    0.5219 0.5331 0.2772 0.5178 1.076 0.5124 0.301 0.6759 0.5366 0.5275 0.5725 0.6449 0.4371 0.6769 0.4758 0.7542
    0.3027 0.6289 0.2576 0.5074 0.4852 0.4654 0.8937 0.6812 0.3488 0.6141 0.4682 0.6811 0.2112 0.2789 0.7099 0.9104
    0.3072 0.2805 0.5211 0.9471 0.5849 0.1897 0.8762 0.4205 0.4938 0.1463 0.5079 0.3288 0.3835 0.4386 1.423 0.252
    0.3783 0.2688 0.3942 0.6655 0.6941 0.3095 0.2564 0.365 0.2392 0.3772 0.5528 0.5621 0.1614 0.2969 0.2734 0.2632
    0.6458 0.1982 0.1413 0.2965 0.372 0.4115 0.3695 0.2522 1.063 0.2075 0.204 0.3202 0.2241 0.4861 0.8673 0.3313
    0.326 0.3104 0.6124 0.2999 0.5383 0.09736 0.3205 0.4727 0.2557 0.07248 0.2734 0.2967 0.3004 0.3258 0.4107 0.277
    0.1016 0.4304 0.1478 0.3037 0.1185 0.04464 0.5553 0.1034 0.1216 0.05539 0.05216 0.08579 0.3495 0.1074 0.1179
    0.1907 0.05367 0.2324 0.2134 0.3499 0.1336 0.4712 0.3013 0.1068 0.04959 0.1719 0.06411 0.06598 0.1293 0.8037
    0.2693 0.06957 0.06654 0.1534 0.06175 0.101 0.03758 0.1348 0.1651 0.08608 0.254 0.2929 0.09842 0.3791 0.08062
    0.1063 0.1476 0.1932 0.06715 0.1766 0.061 0.02877 0.1598 0.1473 0.1316 0.1159 0.03555 0.545 0.179 0.3645 0.1893
    0.04472 0.1082 0.04992 0.138 0.1717 0.1 0.1052 0.1122 0.1246 0.141 0.05701 0.05391 0.09042 0.1265 0.08182
    0.08429 0.1003 0.06 0.05197 0.08488 0.1566 0.1194 0.1466 0.3485 0.07746 0.08791 0.1518 0.03255 0.1216 0.1196
    0.05534 0.04795 0.05109 0.2079 0.0464 0.1161 0.02421 0.07393 0.05187 0.0916 0.01928 0.3359 0.04519 0.1744 0.0933
    0.03739 0.11 0.05634 0.06421 0.02632 0.08116 0.2048 0.06934 0.07497 0.2636 0.5707 0.03463 0.1461 0.09643 0.06299
    0.03748 0.07882 0.0979 0.03113 0.7351 0.05483 0.05297 0.1388 0.0628 0.05486 0.06407 0.07472 0.0883 0.1014 0.3843
    0.04985 0.05768 0.05273 0.03526 0.1245 0.1517 0.06571 0.03089 0.01224 0.01342 0.06891 0.03376 0.5084 0.04578
    0.04127 0.1251 0.05301
"""


def write_step_decay_single_batch(path: Path) -> Path:
    """STEP_DECAY_SINGLE_BATCH_LOSS with the LR the loop set: 0.05, then 0.005 from update 1500."""
    loss = STEP_DECAY_SINGLE_BATCH_LOSS.split()
    steps = [10 * (i + 1) for i in range(len(loss))]
    return write_csv(path, {"step": steps, "train_loss": loss, "lr": ["0.05" if s < 1500 else "0.005" for s in steps]})


# p42_gan_ring_csv: a GAN on a ring of 8 Gaussians (tools/probe_runs.py), its loop's CSV: the batch's
# generator and discriminator losses every 10 updates from 10 to 4000, and every 100 (from 100) the
# modes covered and the share of samples near a mode. The losses stay level while the generator
# learns every mode (2 covered at update 100, all 8 from 500).
GAN_RING = {
    "loss_G": """
    0.6707 0.7818 0.7913 1.031 1.036 0.6579 1.407 1.201 0.6988 1.101
    1.34 0.9944 0.7617 0.6878 0.6675 0.9439 0.8785 0.7922 0.9261 0.8796
    0.7131 0.7848 0.8166 0.8347 0.7459 0.7272 0.7229 0.7254 0.7165 0.725
    0.7158 0.7433 0.7537 0.7664 0.7332 0.7716 0.768 0.7588 0.7767 0.766
    0.7779 0.8094 0.7819 0.783 0.819 0.7858 0.7942 0.8301 0.7727 0.8605
    0.7929 0.8224 0.737 0.8164 0.7606 0.8146 0.8134 0.7748 0.7325 0.7998
    0.7994 0.7723 0.8148 0.8129 0.8035 0.8249 0.7611 0.7991 0.8768 0.8045
    0.7694 0.7767 0.8164 0.8546 0.817 0.8068 0.7786 0.777 0.808 0.8214
    0.8407 0.8641 0.7834 0.928 0.7346 0.78 0.7826 0.862 0.8938 0.8508
    0.846 0.8149 0.8057 0.9108 0.8154 0.7479 0.85 0.8192 0.7488 0.8626
    0.9064 0.8011 0.7865 0.9406 0.8943 0.9655 0.8781 0.8015 0.8563 0.8927
    0.8177 0.872 0.7934 0.8143 0.9724 0.8212 0.8944 0.8335 0.8321 0.8127
    0.8492 0.802 0.9483 0.817 0.8661 0.829 0.9078 0.8556 0.8746 0.7884
    0.8452 0.8188 0.8109 0.9989 0.8905 0.8263 0.8966 0.8236 0.8746 0.8026
    0.8071 0.844 0.8364 0.8914 0.8787 0.9022 0.8018 0.8212 0.9329 0.8729
    1.011 0.8195 0.8796 0.789 0.85 0.8489 0.8635 0.8074 0.9313 0.8157
    0.8176 0.7773 0.8243 0.8237 0.8336 0.8642 0.8035 0.817 0.8312 0.7852
    0.7046 0.8303 0.7793 0.8365 0.8159 0.9051 0.802 0.8409 0.8169 0.7939
    0.7528 0.8614 0.8534 0.8836 0.8155 0.8449 0.7936 0.7992 0.758 0.8613
    0.7444 0.8473 0.8064 0.7465 0.8525 0.7367 0.9037 0.7688 0.763 0.7937
    0.8168 0.7807 0.8201 0.8366 0.7777 0.8065 0.8164 0.795 0.7693 0.7514
    0.7968 0.7968 0.7294 0.7582 0.756 0.8245 0.7894 0.7844 0.808 0.9646
    0.7401 0.8094 0.8361 0.7546 0.7729 0.7994 0.7896 0.8363 0.8184 0.8122
    0.7584 0.8275 0.8031 0.7191 0.8071 0.751 0.7902 0.7601 0.7614 0.7677
    0.7374 0.715 0.8829 0.7746 0.8044 0.7771 0.7499 0.7911 0.7274 0.7821
    0.7914 0.7579 0.8365 0.7448 0.7831 0.7191 0.7562 0.852 0.7165 0.7876
    0.7086 0.8058 0.8458 0.7838 0.8519 0.7826 0.7081 0.7359 0.7992 0.7873
    0.7815 0.7841 0.7851 0.8258 0.772 0.7627 0.7585 0.8291 0.787 0.7854
    0.7508 0.7525 0.7191 0.7675 0.7264 0.7447 0.8024 0.7876 0.7721 0.7397
    0.7502 0.6876 0.7992 0.7896 0.7859 0.823 0.7865 0.7511 0.7823 0.7736
    0.7726 0.7478 0.7572 0.7149 0.7966 0.7857 0.791 0.7772 0.8263 0.7782
    0.7393 0.7608 0.746 0.808 0.8585 0.6925 0.7809 0.7091 0.6923 0.7705
    0.7063 0.7112 0.7912 0.7498 0.7959 0.7657 0.7996 0.7246 0.7501 0.7295
    0.7497 0.7363 0.7514 0.8695 0.8067 0.771 0.7295 0.8048 0.7288 0.7531
    0.741 0.7612 0.7984 0.7038 0.7397 0.7802 0.8019 0.7763 0.7593 0.7857
    0.7913 0.7993 0.7851 0.7329 0.7972 0.8117 0.708 0.7394 0.7791 0.7106
    0.7496 0.7409 0.7253 0.7159 0.7457 0.7259 0.7535 0.6967 0.746 0.7119
    0.7677 0.8165 0.7772 0.8729 0.7799 0.6981 0.7484 0.7356 0.7779 0.7088
    0.76 0.7774 0.8169 0.8384 0.8134 0.7334 0.734 0.7873 0.8465 0.6936
    0.7162 0.7857 0.7949 0.7952 0.7014 0.7946 0.6926 0.7977 0.8102 0.7292
    """,
    "loss_D": """
    1.246 1.072 1.081 1.134 1.256 1.647 1.073 1.027 1.402 1.428
    1.093 1.086 1.214 1.273 1.349 1.09 1.132 1.409 1.423 1.376
    1.472 1.336 1.321 1.299 1.316 1.336 1.313 1.331 1.326 1.311
    1.324 1.309 1.296 1.289 1.299 1.283 1.29 1.281 1.263 1.25
    1.263 1.229 1.23 1.246 1.218 1.237 1.234 1.214 1.25 1.24
    1.242 1.255 1.276 1.292 1.252 1.269 1.27 1.276 1.271 1.258
    1.275 1.269 1.291 1.261 1.252 1.247 1.263 1.258 1.26 1.279
    1.254 1.251 1.251 1.269 1.281 1.266 1.242 1.242 1.217 1.238
    1.224 1.233 1.246 1.264 1.241 1.244 1.247 1.246 1.199 1.231
    1.28 1.231 1.21 1.222 1.26 1.23 1.242 1.246 1.271 1.275
    1.293 1.183 1.228 1.248 1.271 1.206 1.199 1.221 1.222 1.242
    1.249 1.244 1.243 1.296 1.228 1.241 1.258 1.219 1.23 1.228
    1.243 1.278 1.264 1.227 1.243 1.244 1.192 1.224 1.245 1.271
    1.219 1.244 1.278 1.217 1.269 1.272 1.256 1.305 1.205 1.262
    1.285 1.274 1.272 1.284 1.286 1.274 1.251 1.281 1.279 1.241
    1.261 1.287 1.282 1.271 1.297 1.284 1.271 1.311 1.281 1.34
    1.327 1.286 1.281 1.251 1.287 1.306 1.342 1.263 1.309 1.326
    1.337 1.291 1.321 1.287 1.316 1.245 1.298 1.289 1.321 1.338
    1.327 1.31 1.282 1.303 1.296 1.294 1.322 1.292 1.369 1.28
    1.339 1.351 1.308 1.291 1.319 1.34 1.312 1.328 1.367 1.318
    1.32 1.325 1.301 1.317 1.375 1.285 1.375 1.353 1.341 1.342
    1.339 1.318 1.366 1.33 1.35 1.317 1.356 1.333 1.338 1.331
    1.312 1.381 1.33 1.317 1.317 1.35 1.319 1.29 1.323 1.3
    1.323 1.311 1.346 1.365 1.303 1.377 1.338 1.339 1.348 1.354
    1.358 1.373 1.356 1.336 1.322 1.363 1.366 1.336 1.347 1.352
    1.344 1.365 1.337 1.352 1.339 1.362 1.319 1.32 1.366 1.354
    1.356 1.419 1.31 1.333 1.353 1.336 1.363 1.364 1.348 1.323
    1.36 1.371 1.357 1.339 1.369 1.309 1.352 1.308 1.366 1.329
    1.343 1.362 1.374 1.314 1.354 1.344 1.37 1.36 1.351 1.342
    1.33 1.365 1.371 1.341 1.369 1.392 1.354 1.314 1.363 1.346
    1.372 1.353 1.322 1.352 1.407 1.356 1.358 1.353 1.384 1.341
    1.367 1.354 1.363 1.398 1.364 1.397 1.355 1.356 1.371 1.35
    1.358 1.375 1.361 1.354 1.365 1.376 1.373 1.371 1.396 1.36
    1.369 1.351 1.359 1.361 1.37 1.377 1.358 1.349 1.371 1.357
    1.356 1.376 1.368 1.367 1.351 1.333 1.359 1.38 1.348 1.361
    1.356 1.34 1.352 1.396 1.353 1.42 1.364 1.365 1.377 1.356
    1.364 1.377 1.354 1.356 1.363 1.376 1.357 1.387 1.354 1.378
    1.355 1.361 1.354 1.355 1.359 1.353 1.348 1.368 1.325 1.369
    1.361 1.362 1.341 1.339 1.317 1.354 1.355 1.396 1.342 1.364
    1.343 1.339 1.331 1.324 1.343 1.404 1.368 1.378 1.379 1.342
    """,
    "modes_covered": """
    2 2 6 6 8 8 8 8 8 8
    8 8 8 8 8 8 8 8 8 8
    8 8 8 8 8 8 8 8 8 8
    8 8 8 8 8 8 8 8 8 8
    """,
    "sample_quality": """
    0.0515 0.0605 0.0875 0.108 0.2355 0.384 0.46 0.555 0.601 0.658
    0.6965 0.714 0.7535 0.777 0.8115 0.821 0.848 0.8385 0.8585 0.8915
    0.8795 0.9 0.908 0.8965 0.917 0.912 0.917 0.9155 0.929 0.9185
    0.934 0.928 0.9315 0.9435 0.934 0.945 0.934 0.9355 0.934 0.944
    """,
}


def write_gan_ring(path: Path) -> Path:
    """GAN_RING as its loop wrote it: a row every 10 updates, the evaluations' cells empty between."""
    g, d = (np.array(GAN_RING[c].split(), dtype=float) for c in ("loss_G", "loss_D"))
    modes, quality = (GAN_RING[c].split() for c in ("modes_covered", "sample_quality"))
    rows = [f"{10 * (i + 1)},{g[i]},{d[i]}," + (f"{modes[i // 10]},{quality[i // 10]}" if i % 10 == 9 else ",")
            for i in range(len(g))]
    path.write_text("step,loss_G,loss_D,modes_covered,sample_quality\n" + "\n".join(rows) + "\n")
    return path


# p43_charlm_warmup_csv: a character language model (tools/probe_runs.py), AdamW 3e-3 warmed up
# linearly over 100 steps, then a cosine to 0 at 1500; the mean loss since the line before, every 10
# steps from 10 to 1500. It falls steeply over steps 130-200 as the model picks up its sentences'
# structure, a fall that a 300-step warmup (same seed) brings at 190-270, the LR still rising.
CHARLM_WARMUP_LOSS = """
    3.2642 2.9536 2.6097 2.3639 2.1083 1.8923 1.7409 1.6245 1.5613 1.4842
    1.3831 1.3185 1.1973 1.0994 0.9933 0.8567 0.7008 0.6017 0.5355 0.4642
    0.4127 0.3760 0.3551 0.3272 0.3160 0.2992 0.2965 0.2889 0.2794 0.2788
    0.2811 0.2768 0.2798 0.2763 0.2657 0.2627 0.2584 0.2665 0.2584 0.2596
    0.2606 0.2597 0.2588 0.2591 0.2595 0.2473 0.2550 0.2540 0.2560 0.2537
    0.2552 0.2496 0.2543 0.2564 0.2520 0.2501 0.2546 0.2544 0.2566 0.2505
    0.2522 0.2454 0.2487 0.2496 0.2519 0.2458 0.2504 0.2495 0.2485 0.2480
    0.2503 0.2409 0.2455 0.2464 0.2451 0.2461 0.2442 0.2421 0.2437 0.2426
    0.2427 0.2390 0.2414 0.2368 0.2424 0.2426 0.2399 0.2495 0.2427 0.2435
    0.2427 0.2403 0.2375 0.2436 0.2431 0.2420 0.2414 0.2394 0.2409 0.2419
    0.2378 0.2388 0.2394 0.2370 0.2345 0.2394 0.2371 0.2373 0.2394 0.2395
    0.2382 0.2325 0.2377 0.2370 0.2356 0.2337 0.2408 0.2345 0.2341 0.2372
    0.2361 0.2380 0.2402 0.2374 0.2381 0.2366 0.2329 0.2375 0.2373 0.2363
    0.2356 0.2352 0.2366 0.2335 0.2347 0.2360 0.2361 0.2359 0.2374 0.2334
    0.2363 0.2355 0.2343 0.2334 0.2333 0.2318 0.2352 0.2368 0.2327 0.2345
"""


# The same run warmed up over 300 steps (p43_charlm_warmup300_csv).
CHARLM_WARMUP300_LOSS = """
    3.2961 3.1733 2.9433 2.7346 2.5758 2.4012 2.2248 2.0693 1.9494 1.8377
    1.7278 1.6605 1.5938 1.5579 1.5005 1.4253 1.3675 1.3290 1.2516 1.1650
    1.0570 0.9316 0.8321 0.7078 0.6040 0.5330 0.4827 0.4333 0.3906 0.3770
    0.3502 0.3232 0.3170 0.3005 0.2900 0.2811 0.2730 0.2806 0.2720 0.2726
    0.2794 0.2815 0.2708 0.2729 0.2708 0.2568 0.2624 0.2611 0.2609 0.2587
    0.2620 0.2541 0.2591 0.2594 0.2576 0.2532 0.2583 0.2600 0.2630 0.2545
    0.2567 0.2469 0.2503 0.2533 0.2544 0.2472 0.2522 0.2513 0.2514 0.2485
    0.2543 0.2433 0.2491 0.2476 0.2457 0.2494 0.2461 0.2434 0.2445 0.2436
    0.2448 0.2415 0.2429 0.2381 0.2438 0.2456 0.2420 0.2519 0.2454 0.2460
    0.2450 0.2432 0.2389 0.2443 0.2449 0.2435 0.2436 0.2414 0.2423 0.2436
    0.2399 0.2399 0.2412 0.2376 0.2358 0.2405 0.2382 0.2377 0.2410 0.2401
    0.2397 0.2327 0.2379 0.2379 0.2374 0.2348 0.2424 0.2352 0.2341 0.2380
    0.2369 0.2387 0.2407 0.2385 0.2385 0.2368 0.2334 0.2380 0.2374 0.2367
    0.2370 0.2349 0.2372 0.2336 0.2351 0.2355 0.2362 0.2362 0.2376 0.2334
    0.2369 0.2356 0.2341 0.2335 0.2338 0.2321 0.2350 0.2368 0.2327 0.2350
"""


def write_charlm_warmup(path: Path, warmup: int = 100) -> Path:
    """CHARLM_WARMUP_LOSS (or, with a warmup of 300, CHARLM_WARMUP300_LOSS) with the LR the run's
    scheduler gave after each logged step."""
    loss = (CHARLM_WARMUP_LOSS if warmup == 100 else CHARLM_WARMUP300_LOSS).split()
    steps = [10 * (i + 1) for i in range(len(loss))]
    lr = [3e-3 * (s / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / (1500 - warmup))))
          for s in steps]
    return write_csv(path, {"step": steps, "loss": loss, "learning_rate": lr})


# p44_segmentation_idle_decay_csv: a conv net segmenting noisy disks (tools/probe_runs.py), Adam 3e-3
# cut to 3e-4 at update 901; one batch's loss every 10 updates from 10 to 1500, the held-out Dice score
# every 50. The net had levelled off long before the cut, which changes nothing.
SEGMENTATION_IDLE_DECAY = {
    "train_loss": """
    0.5602 0.4197 0.2908 0.1918 0.1479 0.1474 0.129 0.1104 0.1221 0.124
    0.124 0.1116 0.114 0.1126 0.09185 0.0987 0.1072 0.1129 0.1098 0.09712
    0.1258 0.1185 0.09702 0.09383 0.1019 0.09341 0.09066 0.1069 0.1032 0.1218
    0.08829 0.08516 0.1013 0.07979 0.121 0.09339 0.1236 0.08851 0.0994 0.09025
    0.101 0.0919 0.1138 0.09526 0.08136 0.09515 0.09539 0.1039 0.08683 0.08658
    0.08589 0.1097 0.09998 0.08829 0.09533 0.09047 0.1147 0.095 0.09313 0.07879
    0.09314 0.08867 0.09642 0.09035 0.08926 0.09171 0.08469 0.08782 0.09265 0.1107
    0.09338 0.08622 0.07481 0.09465 0.07708 0.08468 0.07961 0.0992 0.1013 0.1043
    0.1046 0.08089 0.09927 0.1111 0.1091 0.0895 0.08805 0.08202 0.08848 0.08269
    0.09862 0.09842 0.09182 0.07708 0.08822 0.09676 0.1039 0.07093 0.07313 0.0989
    0.1022 0.0792 0.08384 0.08863 0.08091 0.08452 0.1014 0.07827 0.08967 0.09811
    0.08924 0.09369 0.09018 0.07497 0.1006 0.1028 0.09831 0.08781 0.06976 0.0971
    0.08883 0.07886 0.09811 0.0879 0.08976 0.08522 0.09482 0.09522 0.09578 0.1003
    0.09895 0.06485 0.09072 0.1031 0.08713 0.08733 0.08269 0.07648 0.08785 0.07791
    0.09568 0.08789 0.08309 0.08534 0.08928 0.09426 0.08607 0.08647 0.1002 0.1014
""",
    "val_dice": """
    0.8012 0.8295 0.8454 0.8539 0.858 0.8423 0.8628 0.8603 0.8596 0.8659
    0.8625 0.8679 0.8645 0.8627 0.8666 0.864 0.8659 0.8676 0.8654 0.8659
    0.8658 0.8661 0.8662 0.8655 0.8642 0.8676 0.8683 0.8665 0.8661 0.8688
""",
}


def write_segmentation_idle_decay(path: Path) -> Path:
    """SEGMENTATION_IDLE_DECAY as its loop wrote it, with the LR it set: a row every 10 updates, the
    Dice cell empty between evaluations."""
    loss, dice = (SEGMENTATION_IDLE_DECAY[c].split() for c in ("train_loss", "val_dice"))
    steps = [10 * (i + 1) for i in range(len(loss))]
    return write_csv(path, {"step": steps, "train_loss": loss,
                            "val_dice": [dice[s // 50 - 1] if s % 50 == 0 else "" for s in steps],
                            "lr": ["0.003" if s < 901 else "0.0003" for s in steps]})


# p45_adam_spike_warmup_linear_csv: an MLP on digits under Adam, warmed up over 500 updates then
# decayed linearly to 0 at 5000 (tools/probe_runs.py); the mean of the last 10 batches' losses every
# 10 updates from 10 to 5000, to 4 decimals. Thrown up x6 at update 1480, back within 60 updates.
ADAM_SPIKE_WARMUP_LINEAR_LOSS = """
    2.3008 2.2938 2.2883 2.2803 2.2599 2.2311 2.2077 2.1503 2.085 1.989 1.8236 1.6683
    1.4378 1.2001 0.9863 0.865 0.7171 0.6688 0.4868 0.4758 0.4475 0.4073 0.3262 0.2911
    0.2534 0.2925 0.2541 0.2026 0.2572 0.2247 0.2023 0.1621 0.1564 0.1564 0.1488 0.1474
    0.1143 0.1263 0.1397 0.1025 0.1176 0.1046 0.1292 0.0642 0.084 0.1259 0.1162 0.092
    0.095 0.0489 0.0943 0.0378 0.049 0.0541 0.0671 0.076 0.0501 0.0547 0.0593 0.0571
    0.0702 0.0532 0.037 0.067 0.0485 0.0356 0.0392 0.0334 0.044 0.0336 0.0305 0.0278
    0.0255 0.0194 0.0357 0.0254 0.0301 0.0277 0.02 0.0261 0.0197 0.0136 0.0123 0.0118
    0.0224 0.0111 0.0111 0.0064 0.0147 0.0145 0.0112 0.0084 0.0107 0.0119 0.0119 0.0123
    0.0082 0.0088 0.0045 0.0064 0.0079 0.0109 0.0132 0.0118 0.0101 0.008 0.0063 0.0076
    0.0067 0.0086 0.0081 0.0038 0.008 0.0107 0.0083 0.0092 0.0062 0.004 0.0051 0.006
    0.0058 0.0047 0.004 0.005 0.0043 0.0033 0.0033 0.0049 0.0047 0.0032 0.0035 0.004
    0.0034 0.0039 0.0039 0.0031 0.0031 0.004 0.0024 0.0023 0.0033 0.0034 0.0039 0.0034
    0.0062 0.0043 0.0035 0.0199 0.0133 0.0108 0.011 0.0128 0.0098 0.0049 0.0033 0.0023
    0.0034 0.0024 0.0025 0.0026 0.0017 0.0027 0.0021 0.0026 0.0023 0.0019 0.002 0.0013
    0.0019 0.0018 0.0017 0.0019 0.0012 0.0014 0.0013 0.0025 0.0019 0.0014 0.0015 0.0015
    0.0015 0.0021 0.001 0.0015 0.0015 0.0014 0.0012 0.0014 0.0014 0.0015 0.0013 0.0017
    0.0014 0.0009 0.0013 0.0011 0.0015 0.0014 0.0013 0.0012 0.0013 0.0012 0.0011 0.0011
    0.0014 0.0013 0.0013 0.001 0.001 0.0012 0.0011 0.0012 0.0009 0.0011 0.0012 0.0009
    0.001 0.001 0.0013 0.0008 0.0012 0.0011 0.0009 0.0011 0.0009 0.0009 0.001 0.001
    0.0008 0.0009 0.0011 0.0012 0.0007 0.0011 0.0007 0.0008 0.0013 0.0012 0.0009 0.0007
    0.0008 0.0007 0.0008 0.0008 0.001 0.001 0.0008 0.0007 0.0007 0.0007 0.0007 0.001
    0.0007 0.001 0.0009 0.0006 0.0007 0.0009 0.0006 0.0007 0.0008 0.0008 0.0006 0.0009
    0.0006 0.0006 0.0008 0.0005 0.0009 0.0006 0.0007 0.0008 0.0006 0.0007 0.0007 0.0005
    0.0008 0.0006 0.0006 0.0006 0.0006 0.0005 0.0006 0.0007 0.0004 0.0007 0.0007 0.0007
    0.0006 0.0006 0.0006 0.0006 0.0007 0.0005 0.0006 0.0006 0.0006 0.0005 0.0005 0.0005
    0.0006 0.0006 0.0006 0.0005 0.0005 0.0006 0.0006 0.0004 0.0005 0.0005 0.0006 0.0006
    0.0005 0.0005 0.0005 0.0004 0.0006 0.0006 0.0003 0.0005 0.0004 0.0006 0.0006 0.0006
    0.0004 0.0004 0.0005 0.0005 0.0004 0.0005 0.0004 0.0005 0.0005 0.0004 0.0003 0.0005
    0.0004 0.0006 0.0005 0.0004 0.0004 0.0006 0.0004 0.0005 0.0004 0.0005 0.0006 0.0003
    0.0005 0.0003 0.0005 0.0005 0.0004 0.0005 0.0004 0.0004 0.0004 0.0004 0.0004 0.0005
    0.0004 0.0004 0.0004 0.0005 0.0004 0.0004 0.0004 0.0004 0.0004 0.0004 0.0004 0.0004
    0.0004 0.0003 0.0004 0.0003 0.0004 0.0004 0.0004 0.0004 0.0004 0.0003 0.0003 0.0004
    0.0003 0.0004 0.0004 0.0003 0.0003 0.0005 0.0003 0.0004 0.0003 0.0004 0.0003 0.0004
    0.0005 0.0004 0.0003 0.0003 0.0005 0.0004 0.0003 0.0003 0.0003 0.0003 0.0004 0.0003
    0.0003 0.0002 0.0003 0.0005 0.0003 0.0004 0.0003 0.0003 0.0003 0.0003 0.0003 0.0003
    0.0004 0.0003 0.0003 0.0004 0.0003 0.0003 0.0004 0.0004 0.0002 0.0003 0.0002 0.0002
    0.0003 0.0004 0.0003 0.0002 0.0003 0.0004 0.0003 0.0003 0.0003 0.0004 0.0004 0.0002
    0.0004 0.0002 0.0003 0.0002 0.0003 0.0004 0.0003 0.0003 0.0003 0.0003 0.0003 0.0003
    0.0003 0.0004 0.0003 0.0003 0.0002 0.0003 0.0003 0.0003 0.0003 0.0004 0.0002 0.0002
    0.0003 0.0003 0.0003 0.0003 0.0003 0.0003 0.0004 0.0002 0.0003 0.0003 0.0002 0.0003
    0.0003 0.0003 0.0003 0.0004 0.0002 0.0003 0.0003 0.0002 0.0002 0.0004 0.0003 0.0003
    0.0003 0.0003 0.0003 0.0002 0.0003 0.0003 0.0003 0.0002
"""


def write_adam_spike_warmup_linear(path: Path) -> Path:
    """ADAM_SPIKE_WARMUP_LINEAR_LOSS with the LR the loop set after each logged update."""
    loss = ADAM_SPIKE_WARMUP_LINEAR_LOSS.split()
    steps = [10 * (i + 1) for i in range(len(loss))]
    lr = [f"{2e-3 * (s / 500 if s <= 500 else max(0.0, (5000 - s) / 4500)):.6g}" for s in steps]
    return write_csv(path, {"step": steps, "train_loss": loss, "learning_rate": lr})


# p46_label_noise_memorise_csv: an MLP 64-512-512-10 on sklearn's digits with 40% of the training
# labels redrawn at random, Adam 1e-3 constant, 120 epochs. The held-out loss bottoms out near epoch
# 18 and climbs as the net memorises the random labels; its epoch-59 evaluation stands a point above
# its neighbours. The CSV as written (epoch, mean training loss, val_loss, val_acc).
LABEL_NOISE_MEMORISE = {
    "train_loss": """
        2.11679 1.74532 1.63565 1.57565 1.52992 1.51182 1.47951 1.45303 1.42598 1.40993
        1.37401 1.35083 1.33058 1.31853 1.29364 1.25257 1.22591 1.21800 1.18498 1.17445
        1.13921 1.11589 1.08395 1.06309 1.02230 0.98742 0.96658 0.95550 0.91729 0.88229
        0.86433 0.83911 0.80777 0.78346 0.75171 0.73327 0.68728 0.66625 0.63105 0.61455
        0.59127 0.56779 0.54563 0.50532 0.47994 0.46123 0.45589 0.42892 0.43799 0.38516
        0.37090 0.34027 0.31499 0.32078 0.28833 0.27554 0.27715 0.29628 0.27981 0.26037
        0.22266 0.20382 0.19436 0.17823 0.17005 0.15343 0.14727 0.13962 0.13798 0.12664
        0.12447 0.11016 0.11160 0.10826 0.09809 0.08915 0.08104 0.08235 0.08200 0.07321
        0.06625 0.06209 0.05657 0.05542 0.06209 0.05343 0.04428 0.04251 0.04545 0.05174
        0.04440 0.03862 0.03671 0.03351 0.03263 0.03654 0.03277 0.02754 0.02615 0.02271
        0.02280 0.02168 0.02112 0.02010 0.02123 0.02036 0.01791 0.01668 0.01633 0.01677
        0.01587 0.01538 0.01471 0.01456 0.01472 0.01341 0.01441 0.01343 0.01350 0.01226
    """,
    "val_loss": """
        1.38227 0.88469 0.81505 0.72847 0.73490 0.68843 0.63866 0.67994 0.61586 0.67259
        0.64124 0.61157 0.61796 0.63397 0.59023 0.61799 0.58684 0.56456 0.66780 0.61847
        0.63305 0.58667 0.59724 0.64493 0.61150 0.60507 0.60438 0.61181 0.65338 0.63324
        0.65126 0.65182 0.64420 0.57722 0.62136 0.60260 0.64756 0.70200 0.64096 0.70319
        0.62052 0.67633 0.70934 0.65471 0.72085 0.62356 0.68645 0.74074 0.70216 0.71783
        0.72982 0.65297 0.70545 0.72735 0.77621 0.73414 0.84839 0.78358 0.94846 0.85625
        0.80231 0.81620 0.83988 0.80457 0.90383 0.85715 0.85836 0.83911 0.78219 0.86384
        0.94789 0.88587 0.88537 0.91366 0.86727 0.91716 0.97105 0.93964 0.89769 0.89465
        0.89539 0.91288 0.92674 0.94313 0.99685 0.94217 0.93157 0.95430 1.00609 0.99883
        0.99625 0.96967 0.99706 0.92634 0.94495 0.95491 1.01029 0.95711 1.04649 0.96227
        0.98130 1.03598 0.98774 1.01552 1.03928 0.99428 1.02649 1.01248 1.01921 1.01700
        1.06629 1.06148 1.07153 1.05962 1.05890 1.07474 1.08454 1.07353 1.09199 1.07092
    """,
    "val_acc": """
        0.8425 0.8700 0.9175 0.9450 0.9250 0.9475 0.9375 0.9500 0.9375 0.9550
        0.9450 0.9400 0.9300 0.9275 0.9500 0.9250 0.9325 0.9300 0.9100 0.8975
        0.9075 0.9050 0.8825 0.8875 0.8700 0.8775 0.8750 0.8575 0.8650 0.8625
        0.8575 0.8325 0.8275 0.8425 0.8350 0.8575 0.8475 0.8000 0.8225 0.7850
        0.8300 0.7975 0.7850 0.7975 0.7925 0.8275 0.8100 0.7625 0.7725 0.7725
        0.7975 0.8150 0.7925 0.7675 0.7775 0.7775 0.7225 0.7725 0.7150 0.7600
        0.7675 0.7325 0.7375 0.7700 0.7400 0.7475 0.7475 0.7625 0.7575 0.7500
        0.7175 0.7450 0.7375 0.7250 0.7400 0.7375 0.7325 0.7200 0.7475 0.7575
        0.7425 0.7575 0.7425 0.7450 0.7100 0.7450 0.7375 0.7450 0.7300 0.7300
        0.7150 0.7450 0.7375 0.7425 0.7325 0.7500 0.7425 0.7450 0.7225 0.7450
        0.7500 0.7350 0.7500 0.7425 0.7400 0.7500 0.7350 0.7300 0.7325 0.7425
        0.7325 0.7425 0.7375 0.7350 0.7325 0.7350 0.7325 0.7400 0.7425 0.7400
    """,
}


def write_label_noise_memorise(path: Path) -> Path:
    """LABEL_NOISE_MEMORISE as its CSV, epochs from 1."""
    table = {c: v.split() for c, v in LABEL_NOISE_MEMORISE.items()}
    return write_csv(path, {"epoch": list(range(1, len(table["val_loss"]) + 1)), **table})


# p47_two_close_decays_csv: an MLP on make_classification, SGD 0.2 cut x0.1 at update 1,501 and again
# at 1,601; the held-out loss after every 100th update (to 4 decimals). It is lower at 1,600 than at
# 1,500: evaluated before the second cut was made, the first cut's.
TWO_CLOSE_DECAYS_VAL_LOSS = """
    0.8518 0.7059 0.707 0.6827 0.7078 0.6486 0.6455 0.6203 0.6182 0.726 0.6484 0.6309 0.6516
    0.6022 0.6564 0.5833 0.5824 0.583 0.5808 0.5809 0.5805 0.5798 0.5801 0.5785 0.5787
"""


def write_two_close_decays(path: Path) -> Path:
    """The run's CSV: the LR at every update, val_loss after every 100th (empty cells between)."""
    val = dict(zip(range(100, 2501, 100), TWO_CLOSE_DECAYS_VAL_LOSS.split()))
    lr = ["0.2" if s <= 1500 else "0.02" if s <= 1600 else "0.002" for s in range(1, 2501)]
    return write_csv(path, {"step": list(range(1, 2501)), "lr": lr,
                            "val_loss": [val.get(s, "") for s in range(1, 2501)]})


# p48_lr_creep_text: an MLP on digits, SGD with momentum, its LR set to 0.01 x 1.0015^step at every
# step (a scheduler bug); the minibatch loss printed every 10 iterations. It bottoms out near step
# 1,200, climbs 80x by 2,400 as the LR grows, and jumps again near 4,500.
LR_CREEP_LOSS = """
    2.2772 2.2767 2.2471 2.2279 2.1852 2.1708 2.0793 2.0243 1.8367 1.6909 1.4147 1.3693
    1.0965 0.8982 0.9524 0.5452 0.4982 0.4218 0.6120 0.6533 0.4616 0.3279 0.2087 0.2763
    0.1840 0.4764 0.3533 0.2178 0.1120 0.2672 0.3983 0.1356 0.3205 0.0870 0.1754 0.1593
    0.0724 0.1531 0.1021 0.1751 0.2334 0.0894 0.1810 0.2011 0.1282 0.1532 0.0535 0.0669
    0.0734 0.0427 0.1217 0.1620 0.0878 0.1741 0.0295 0.0847 0.1332 0.1138 0.2057 0.0651
    0.1080 0.3217 0.0441 0.0676 0.0950 0.0464 0.0126 0.1311 0.0819 0.1777 0.1364 0.0985
    0.1526 0.1725 0.0188 0.0118 0.0420 0.2046 0.0229 0.0611 0.0637 0.0070 0.0496 0.1089
    0.0209 0.0634 0.0134 0.0272 0.0159 0.0228 0.0117 0.0101 0.0052 0.0264 0.0608 0.0087
    0.0737 0.0252 0.0884 0.0118 0.0246 0.0682 0.0147 0.0340 0.1197 0.0365 0.0472 0.0741
    0.0628 0.0233 0.0310 0.0958 0.0881 0.0475 0.0261 0.0215 0.0273 0.0305 0.0121 0.0491
    0.0014 0.0326 0.0011 0.1549 0.1040 0.0450 0.0250 0.1413 0.0251 0.0326 0.0522 0.0585
    0.1656 0.1338 0.1768 0.0287 0.0064 0.0539 0.1279 0.0425 0.0305 0.1687 0.1619 0.0639
    0.0096 0.0258 0.0057 0.0114 0.0927 0.5198 0.0694 0.2447 0.3010 0.0082 0.0499 0.0198
    0.0609 0.0696 0.1802 1.3895 0.1841 0.2943 0.1363 0.1154 0.0623 0.0885 0.0907 0.0381
    0.2715 0.0090 0.0007 0.2528 0.0317 0.0364 0.0650 0.0915 0.0372 0.3711 0.1098 0.2016
    0.7261 0.2961 0.1233 0.0457 0.1259 0.1213 0.1108 0.1965 0.4002 0.0270 0.1245 0.0759
    0.1119 0.1793 0.4153 1.1564 0.0685 0.2162 0.1957 0.1749 0.1075 0.4759 0.5054 0.0084
    0.7603 0.0359 0.1782 0.3122 0.7446 0.0771 1.2680 0.8386 1.0076 0.2965 0.3999 0.3426
    1.5523 1.1515 0.7679 0.7592 1.1393 1.5133 1.0730 1.4650 0.8972 1.0328 1.0156 0.8392
    1.3278 1.3384 3.3905 2.0204 1.5976 1.8999 1.5732 1.3549 2.1230 1.9850 2.1249 2.3727
    2.0944 2.1930 2.0188 2.1857 2.2333 2.2755 2.3167 2.2838 2.3190 2.3208 2.4366 2.3967
    2.3838 2.2822 2.3133 2.3024 2.3310 2.2953 2.3249 2.3133 2.3419 2.2921 2.3758 2.5064
    2.3656 2.3759 2.3247 2.3521 2.2890 2.2579 2.2994 2.3129 2.3268 2.4221 2.4680 2.3708
    2.3500 2.3196 2.4187 2.4260 2.3824 2.3845 2.3746 2.3194 2.3292 2.2119 2.2848 2.3787
    2.3027 2.4268 2.3434 2.2398 2.3828 2.3804 2.2799 2.3363 2.4297 2.3223 2.3348 2.3810
    2.3931 2.4955 2.3468 2.2209 2.3789 2.3781 2.3972 2.4393 2.2826 2.4186 2.3478 2.4133
    2.3816 2.3876 2.3950 2.4239 2.3967 2.3396 2.3881 2.3703 2.4670 2.3667 2.4721 2.4392
    2.5434 2.3817 2.2006 2.3517 2.4326 2.4092 2.4009 2.4574 2.4858 2.5442 2.2750 2.3605
    2.5390 2.3779 2.3255 2.3630 2.6278 2.5894 2.4810 2.3363 2.4464 2.3107 2.4706 2.4084
    2.2501 2.4068 2.4065 2.5656 2.7863 2.3582 2.3935 2.5527 2.3570 2.3218 2.5880 2.3940
    2.7419 2.3943 2.2835 2.7244 2.5716 2.7554 2.6008 2.5073 2.5049 2.6076 2.5950 2.7726
    2.4597 2.1744 2.9195 2.5047 2.6423 2.5741 2.5877 2.3689 2.2921 2.6262 3.1206 2.4241
    2.5304 2.8930 2.8197 2.5838 2.6185 2.2875 2.5672 2.4048 2.5380 2.6013 2.6296 2.7934
    2.2541 3.0241 2.5854 2.9997 2.4722 2.5808 2.6038 2.7956 2.3969 2.4534 2.7207 2.5604
    2.7290 2.3869 2.6201 2.8261 2.5264 2.7981 3.0547 3.0167 2.8632 2.4876 2.3809 2.5483
    2.3894 2.5104 2.4870 2.8842 3.0056 2.7575 2.5852 2.9743 3.1661 2.7333 2.6838 3.4014
    3.1575 3.4155 3.1648 3.4592 3.4515 2.6304 2.3975 2.8650 3.6784 2.7386 3.4195 2.9650
    3.7843 3.4456 3.3995 4.0363 4.4531 3.6384 2.9811 3.0375 3.4885 3.2442 4.1260 5.4148
    7.1792 9.4063 6.5488 7.1064 6.9094 7.4421 4.1013 5.2839 8.2200 4.6727 7.1699 4.7794
    6.4990 6.5979 4.8705 12.5819 14.5279 7.6948 11.4069 11.5862 12.6705 14.8860 10.6085 16.5784
    11.4776 15.5077 11.0024 21.1984 25.7736 9.1854 20.8767 20.5830 22.3647 26.6595 24.3875 21.9458
    16.6144 13.6040 22.2523 32.1466 23.6962 26.4490 24.8121 10.6981 17.5921 20.2064 16.8745 28.4243
    40.7856 29.3039 27.9515 29.6968 15.5021 26.8472 26.3839 22.6095 22.7263 25.4455 41.7337 40.1327
    44.5191 38.5823 38.5669 21.5171 37.1996 42.1026 37.0447 36.3430 47.8628 33.1781 27.6970 16.6165
    46.7538 51.7162 36.4919 39.5643 27.9099 44.9612 77.0964 72.4746 46.2675 50.7688 76.2284 56.3716
    55.0658 28.6044 72.8605 46.1086 53.8521 39.5874 34.7401 41.2188 103.8716 56.1238 53.5670 26.3875
    68.2077 51.6804 59.7899 89.8318 94.5105 90.6486 63.0067 55.6333 68.9491 69.4544 79.6644 113.0439
    76.6190 35.7257 87.4580 64.1717 58.1683 126.8926 101.3355 104.4703 70.3748 66.8106 80.2089 107.4236
    70.0948 129.0063 136.1147 106.5793 76.4544 103.1674 92.3848 78.2393 41.0168 158.1968 182.2538 110.1674
    153.7525 154.2438 109.1240 54.7651 172.6672 154.7962 167.3548 168.5906 196.7163 131.8081 100.9906 142.3825
"""


def write_lr_creep(path: Path) -> Path:
    """LR_CREEP_LOSS as the run printed it: "iter N: loss X, lr Y, time Zms" every 10 iterations."""
    lines = ["Initializing a new model from scratch", "number of parameters: 0.01M"]
    for i, v in enumerate(LR_CREEP_LOSS.split()):
        step = 10 * (i + 1)
        lines.append(f"iter {step}: loss {v}, lr {0.01 * 1.0015 ** step:.4e}, time {31.2 + (step % 7) * 0.3:.2f}ms")
    path.write_text("\n".join(lines) + "\n")
    return path


# p49_adam_smooth_friedman_csv: an MLP regressing make_friedman1, Adam 1e-3 constant, batches of 128;
# the per-batch MSE at every update (5 significant digits). A smooth fall to its floor: no event.
ADAM_SMOOTH_MSE = """
    1.0205 1.0388 1.0589 1.1311 1.0618 0.91448 1.1273 1.0261 0.99112 0.78145 0.97803 1.0535
    0.60272 0.8157 1.0356 0.85058 1.1365 0.91547 0.863 0.88194 0.87423 0.87895 0.96561 0.92892
    0.65039 0.63387 0.86862 0.94405 0.7092 0.80289 0.93698 0.64697 0.77828 0.90657 0.9581 0.7505
    0.69833 0.96458 0.81535 0.78671 0.67397 0.58985 0.72003 0.7181 0.7853 0.71321 0.70361 0.68909
    0.48603 0.58867 0.60589 0.53785 0.52825 0.52512 0.5376 0.46738 0.49437 0.56817 0.48473 0.48593
    0.45313 0.37082 0.43136 0.44958 0.38418 0.4143 0.43066 0.36471 0.35766 0.3487 0.39567 0.47476
    0.37236 0.33199 0.38782 0.37425 0.40754 0.30497 0.26571 0.27862 0.34453 0.32312 0.35527 0.27328
    0.38291 0.31275 0.31939 0.32094 0.25048 0.37714 0.25222 0.2721 0.28145 0.37375 0.31793 0.31647
    0.26895 0.27466 0.28285 0.3109 0.31211 0.38866 0.30752 0.28192 0.23012 0.26911 0.20564 0.22836
    0.41331 0.20586 0.38111 0.27357 0.26387 0.24522 0.24498 0.29328 0.25719 0.26416 0.25375 0.25075
    0.26057 0.31031 0.31729 0.29531 0.2106 0.22717 0.24628 0.36688 0.24982 0.30893 0.26409 0.32255
    0.24183 0.25326 0.24497 0.26976 0.28691 0.25261 0.24696 0.28852 0.27673 0.21914 0.35482 0.28251
    0.28305 0.23041 0.24218 0.21416 0.27168 0.24335 0.28836 0.23287 0.24188 0.30133 0.22212 0.23529
    0.22751 0.25827 0.23165 0.28358 0.23101 0.31624 0.27213 0.23579 0.20395 0.24233 0.29171 0.22294
    0.25473 0.24513 0.25347 0.22604 0.25996 0.31812 0.29942 0.24722 0.22907 0.29642 0.25537 0.29784
    0.26409 0.21701 0.23236 0.29877 0.24429 0.21051 0.23125 0.19239 0.21118 0.20521 0.28967 0.18906
    0.24932 0.28877 0.24065 0.21717 0.24609 0.30686 0.21018 0.29414 0.20523 0.22583 0.23844 0.25003
    0.2568 0.17614 0.24353 0.21084 0.19973 0.21475 0.24268 0.22909 0.21722 0.22062 0.25509 0.22578
    0.19225 0.18424 0.22246 0.30808 0.18397 0.24016 0.29069 0.22464 0.18647 0.24329 0.24724 0.24283
    0.23662 0.26508 0.20898 0.19644 0.20176 0.20723 0.23875 0.17948 0.2385 0.26363 0.1728 0.16231
    0.21988 0.24772 0.24311 0.18257 0.20061 0.23578 0.17984 0.20373 0.28252 0.1741 0.18805 0.22738
    0.24141 0.26602 0.23025 0.18486 0.16115 0.14015 0.19323 0.24429 0.18171 0.18259 0.19216 0.17947
    0.27183 0.21224 0.19989 0.24575 0.1911 0.14476 0.17454 0.2245 0.17823 0.21927 0.24876 0.20283
    0.1469 0.21845 0.17257 0.25066 0.2095 0.14967 0.21315 0.1906 0.15822 0.17506 0.1741 0.22763
    0.22471 0.18187 0.15857 0.16201 0.20103 0.17968 0.18559 0.18345 0.1709 0.18628 0.2875 0.15382
    0.16459 0.16997 0.19242 0.2132 0.22109 0.18858 0.17348 0.15612 0.1774 0.13033 0.15973 0.17058
    0.19735 0.16223 0.16609 0.22084 0.21122 0.21303 0.14639 0.16221 0.1645 0.15269 0.22097 0.18482
    0.15787 0.15357 0.21001 0.17364 0.13213 0.20032 0.13959 0.18107 0.20565 0.1821 0.15549 0.19466
    0.17663 0.12539 0.13382 0.16609 0.14359 0.17152 0.13217 0.18613 0.139 0.20664 0.20701 0.14335
    0.17588 0.12718 0.11737 0.1767 0.11726 0.18768 0.18151 0.13467 0.15063 0.15674 0.1213 0.17265
    0.16313 0.13937 0.17652 0.13218 0.15179 0.10731 0.15214 0.11322 0.16025 0.1784 0.11433 0.18472
    0.15736 0.14212 0.13509 0.15551 0.14846 0.12567 0.12467 0.21245 0.1392 0.1881 0.1569 0.16592
    0.14069 0.1355 0.12728 0.14054 0.16071 0.1304 0.12304 0.12734 0.16304 0.15241 0.123 0.11335
    0.13048 0.1383 0.10595 0.1108 0.16091 0.14616 0.13137 0.10672 0.16559 0.11447 0.12109 0.10951
    0.16906 0.17007 0.13723 0.13631 0.16274 0.11606 0.14042 0.12563 0.10864 0.10595 0.10176 0.15289
    0.11395 0.12452 0.1099 0.086909 0.14256 0.13747 0.13802 0.1468 0.11118 0.11888 0.10753 0.10327
    0.16908 0.17901 0.089367 0.15215 0.13263 0.15371 0.10064 0.11323 0.12069 0.14917 0.14038 0.12549
    0.12668 0.083836 0.10165 0.12842 0.12885 0.12244 0.10172 0.12128 0.13571 0.11262 0.13209 0.11532
    0.1133 0.16609 0.086225 0.1021 0.10257 0.14618 0.11755 0.086496 0.14945 0.090638 0.10971 0.10347
    0.135 0.11942 0.099709 0.10337 0.14713 0.15552 0.12008 0.1033 0.14365 0.10221 0.095043 0.078867
    0.099908 0.13123 0.094706 0.12743 0.18667 0.13802 0.13013 0.11232 0.10567 0.10226 0.08108 0.098735
    0.084733 0.12825 0.068136 0.078463 0.085424 0.10088 0.10447 0.10668 0.12564 0.10889 0.15569 0.12744
    0.089839 0.16725 0.10671 0.10147 0.066029 0.14077 0.093129 0.12724 0.099517 0.093968 0.085241 0.11209
    0.11648 0.11168 0.094964 0.1114 0.10967 0.099174 0.094711 0.1347 0.10631 0.10152 0.11238 0.083747
    0.11903 0.11219 0.10153 0.095566 0.11921 0.11163 0.14785 0.092188 0.099694 0.080806 0.086208 0.1226
    0.079765 0.082122 0.091024 0.10493 0.093403 0.11358 0.12287 0.097117 0.13422 0.086861 0.10781 0.12941
    0.091642 0.14284 0.088804 0.1223 0.06693 0.092287 0.09091 0.12572 0.12161 0.10582 0.11184 0.084788
    0.083982 0.087882 0.09995 0.085328 0.09537 0.091741 0.10143 0.090689 0.070389 0.11211 0.086105 0.10696
    0.093103 0.097446 0.07937 0.13326 0.069834 0.07996 0.1267 0.079219 0.082338 0.1247 0.10633 0.11609
    0.095329 0.082638 0.10461 0.1189 0.079331 0.078677 0.095554 0.11187 0.13973 0.082349 0.13008 0.087703
    0.08612 0.12571 0.093032 0.082751 0.08547 0.094737 0.097867 0.091652 0.098986 0.09537 0.1116 0.10263
    0.076717 0.086712 0.12365 0.074224 0.094185 0.078516 0.064203 0.085195 0.13045 0.086762 0.1079 0.10316
    0.073111 0.10514 0.10012 0.11361 0.074732 0.07483 0.11007 0.07661 0.079032 0.080313 0.12144 0.078908
    0.10349 0.1066 0.083383 0.09688 0.080398 0.095006 0.1014 0.099616 0.091054 0.086655 0.086569 0.080789
    0.07542 0.095699 0.10175 0.071232 0.11884 0.079214 0.098406 0.095634 0.077526 0.064472 0.10268 0.095802
    0.10205 0.083911 0.078937 0.10347 0.059259 0.077837 0.087324 0.085745 0.085011 0.089047 0.10041 0.10858
    0.089794 0.076945 0.071269 0.12789 0.079949 0.074072 0.074612 0.081221 0.080838 0.097153 0.090329 0.083664
    0.085098 0.078281 0.10463 0.061261 0.12164 0.082797 0.073337 0.091683 0.09532 0.074506 0.10147 0.090884
    0.094241 0.091426 0.10597 0.067746 0.085875 0.088518 0.095993 0.061402 0.12116 0.12786 0.10795 0.1035
    0.087894 0.10037 0.082052 0.087468 0.075819 0.096311 0.065079 0.0749 0.070707 0.10067 0.08552 0.094733
    0.095239 0.068191 0.11907 0.079189 0.10444 0.078551 0.072215 0.091779 0.087458 0.10433 0.066396 0.072842
    0.067015 0.097782 0.06425 0.078191 0.067818 0.089045 0.058056 0.07707 0.13457 0.077601 0.078725 0.068047
    0.092239 0.099593 0.078861 0.12319 0.084996 0.074898 0.062729 0.10578 0.095034 0.087734 0.068911 0.074217
    0.060996 0.078081 0.065286 0.10473 0.092392 0.076816 0.079322 0.10705 0.085355 0.086803 0.07258 0.084554
    0.078888 0.07504 0.068441 0.080409 0.066794 0.076826 0.090896 0.072941 0.060213 0.10068 0.1083 0.065426
    0.1074 0.06351 0.09147 0.064604 0.10409 0.080127 0.078383 0.086696 0.063302 0.063512 0.061511 0.11157
    0.099977 0.068786 0.074009 0.084039 0.075317 0.064594 0.060238 0.06187 0.075834 0.087659 0.082206 0.063315
    0.073765 0.076698 0.091001 0.084783 0.071277 0.098722 0.086396 0.076089 0.081742 0.08568 0.073503 0.084258
    0.071165 0.073165 0.066 0.064243 0.088385 0.082825 0.052059 0.09504 0.08107 0.074202 0.082692 0.079386
    0.067709 0.12115 0.091058 0.095365 0.086234 0.07816 0.075212 0.071659 0.068933 0.10578 0.07984 0.06915
    0.092908 0.07406 0.076521 0.057624 0.061883 0.098793 0.074344 0.080851 0.058223 0.053208 0.075847 0.076809
    0.055255 0.11492 0.11088 0.066731 0.098237 0.06931 0.076887 0.0741 0.063351 0.07378 0.10166 0.071209
    0.053276 0.065222 0.080275 0.065069 0.073407 0.06043 0.082473 0.094449 0.064459 0.087952 0.056737 0.070093
    0.061143 0.10802 0.072169 0.080625 0.072837 0.11364 0.061123 0.064737 0.078289 0.074882 0.058044 0.068238
    0.083901 0.058363 0.084255 0.06998 0.094671 0.063683 0.054876 0.05921 0.080847 0.067721 0.081977 0.08487
    0.068754 0.053572 0.059066 0.054699 0.075544 0.071601 0.095281 0.081964 0.082759 0.073827 0.10225 0.073112
    0.063326 0.11115 0.076129 0.063381 0.068878 0.062666 0.056948 0.072773 0.1044 0.05802 0.075164 0.065458
    0.061879 0.053954 0.094527 0.10771 0.066642 0.073117 0.067306 0.068435 0.070765 0.056786 0.061267 0.070048
    0.078454 0.07915 0.059954 0.10995 0.077245 0.061206 0.069188 0.062386 0.067531 0.062638 0.062304 0.075621
    0.073157 0.081859 0.072902 0.059782 0.084979 0.068217 0.063313 0.061819 0.057193 0.094782 0.061916 0.072773
    0.069291 0.076059 0.072007 0.06061 0.076189 0.069263 0.064759 0.066261 0.072033 0.065767 0.07106 0.078209
    0.074512 0.072268 0.054517 0.096131 0.063619 0.063592 0.069177 0.062653 0.053451 0.076885 0.078332 0.062515
    0.054676 0.069794 0.063944 0.076505 0.069254 0.09409 0.061049 0.070176 0.070858 0.088659 0.071401 0.054663
    0.072896 0.049717 0.06786 0.073747 0.091408 0.064008 0.084304 0.052924 0.056872 0.051855 0.063904 0.056835
    0.055143 0.055514 0.069131 0.093642 0.067458 0.066827 0.070912 0.063963 0.066009 0.057022 0.05503 0.064797
    0.070997 0.061663 0.068786 0.085509 0.074296 0.077266 0.055754 0.071558 0.10782 0.073322 0.066467 0.065307
    0.077954 0.067305 0.071025 0.07333 0.066919 0.070774 0.060204 0.052359 0.07781 0.056345 0.062558 0.077187
    0.067075 0.074592 0.082992 0.072601 0.094089 0.073703 0.064584 0.075842 0.053795 0.059481 0.056923 0.057952
    0.064094 0.066033 0.07672 0.060058 0.068664 0.06287 0.087139 0.045948 0.063081 0.055455 0.079658 0.045314
    0.072867 0.071919 0.052607 0.064492 0.080262 0.080459 0.061352 0.075257 0.067625 0.07012 0.067544 0.053471
    0.065059 0.090836 0.077382 0.07468 0.073125 0.070201 0.064706 0.050177 0.057692 0.065062 0.060123 0.066709
    0.057484 0.062722 0.06057 0.060239 0.069477 0.057529 0.086263 0.060116
"""


def write_adam_smooth(path: Path) -> Path:
    """ADAM_SMOOTH_MSE as its CSV, updates from 1."""
    mse = ADAM_SMOOTH_MSE.split()
    return write_csv(path, {"step": list(range(1, len(mse) + 1)), "train_mse": mse})


# p50_label_permute_csv: an MLP on digits, SGD 0.02 with momentum, batches of 32; from update 1,501 the
# labels are permuted. The minibatch loss at every update (4 significant digits): thrown from ~0.01 to
# 11.5 at 1,501, near 10 for a few updates, then relaxing to chance over ~100 and learning again.
LABEL_PERMUTE_LOSS = """
    2.348 2.274 2.317 2.305 2.322 2.318 2.303 2.261 2.268 2.252 2.266 2.261 2.241 2.211 2.206 2.166 2.193
    2.155 2.146 2.111 2.153 2.101 2.073 2.105 2.004 2.08 2.069 1.979 1.968 2.017 1.938 2.019 1.926 1.913 1.842
    1.871 1.801 1.797 1.732 1.828 1.643 1.661 1.621 1.655 1.699 1.478 1.587 1.489 1.555 1.557 1.38 1.41 1.348
    1.438 1.243 1.183 1.32 1.331 1.197 1.218 1.093 1.154 1.098 1.095 1.24 1.05 0.9355 0.9607 1.047 0.9766
    1.086 1.064 0.9832 0.9411 0.94 0.8757 0.8163 0.7644 0.8069 0.826 0.7164 0.7016 0.733 0.7351 0.7402 0.6392
    0.6329 0.589 0.6079 0.8532 0.562 0.684 0.396 0.6255 0.567 0.4496 0.5825 0.3503 0.6351 0.4497 0.6745 0.4926
    0.3109 0.6007 0.5037 0.3895 0.595 0.4727 0.346 0.257 0.5382 0.3639 0.3046 0.4009 0.5159 0.439 0.3532 0.408
    0.4475 0.2825 0.4035 0.4981 0.3952 0.2913 0.3975 0.4702 0.4046 0.3605 0.4933 0.3609 0.3653 0.3905 0.5411
    0.2003 0.3663 0.2303 0.4786 0.2733 0.3249 0.3004 0.4372 0.5869 0.3569 0.3157 0.28 0.3692 0.3659 0.2547
    0.3317 0.3695 0.2751 0.4348 0.2436 0.2514 0.2399 0.1828 0.2789 0.1548 0.2638 0.3338 0.3738 0.2063 0.3429
    0.5395 0.2998 0.1832 0.3349 0.2146 0.19 0.1944 0.2475 0.2939 0.2641 0.2105 0.2504 0.2397 0.2627 0.3207
    0.198 0.2825 0.165 0.3175 0.2038 0.2339 0.2574 0.3463 0.2544 0.1739 0.1965 0.2102 0.2476 0.2387 0.2106
    0.2569 0.2131 0.1578 0.2065 0.1714 0.2464 0.1583 0.1416 0.3086 0.296 0.1363 0.1335 0.2493 0.09056 0.3366
    0.4584 0.1544 0.09341 0.339 0.1012 0.1282 0.2014 0.1986 0.2389 0.1845 0.229 0.2925 0.1385 0.1972 0.2899
    0.1988 0.2986 0.1077 0.09215 0.1431 0.1338 0.2826 0.1202 0.1597 0.2551 0.2158 0.5722 0.2563 0.1127 0.1833
    0.1778 0.2113 0.2962 0.2573 0.1847 0.1707 0.2186 0.2747 0.1911 0.2539 0.07942 0.3473 0.05057 0.1456 0.1104
    0.0709 0.1831 0.1214 0.2866 0.3202 0.1448 0.3626 0.1688 0.219 0.2568 0.2254 0.1956 0.1368 0.1371 0.1704
    0.2981 0.166 0.1339 0.2181 0.256 0.2038 0.09706 0.1728 0.1153 0.1204 0.1702 0.1213 0.1367 0.1927 0.217
    0.08136 0.1609 0.1303 0.1164 0.2114 0.2504 0.1355 0.2855 0.1484 0.301 0.1509 0.08375 0.06891 0.1731
    0.06854 0.2176 0.1536 0.2218 0.4243 0.1002 0.1021 0.08067 0.1675 0.2922 0.05954 0.1737 0.09827 0.1042 0.12
    0.06713 0.2864 0.08628 0.3114 0.1559 0.1629 0.1032 0.2547 0.1823 0.0578 0.1796 0.0723 0.08032 0.2649
    0.1406 0.2584 0.1925 0.1229 0.126 0.07653 0.08392 0.1132 0.1202 0.2922 0.1309 0.1131 0.08265 0.1541
    0.04217 0.1439 0.07489 0.1573 0.05679 0.1418 0.249 0.09541 0.1722 0.05721 0.08462 0.1665 0.08989 0.1009
    0.1217 0.1408 0.141 0.104 0.2093 0.1068 0.2189 0.1258 0.2099 0.0343 0.09098 0.1073 0.1436 0.1184 0.203
    0.1345 0.1773 0.1634 0.1142 0.08947 0.1259 0.08466 0.1348 0.1918 0.1004 0.1256 0.1102 0.1061 0.1937
    0.06858 0.05927 0.1758 0.1204 0.1902 0.1766 0.07043 0.04522 0.218 0.05059 0.1384 0.1314 0.09183 0.2542
    0.05306 0.2209 0.1679 0.05932 0.02701 0.08667 0.03448 0.1209 0.174 0.1972 0.1248 0.0797 0.05925 0.08798
    0.08081 0.1389 0.1855 0.1707 0.1992 0.08028 0.04418 0.09859 0.2112 0.07415 0.1031 0.1596 0.0573 0.1701
    0.02781 0.1317 0.2292 0.082 0.05489 0.2926 0.02824 0.1727 0.1101 0.05708 0.108 0.1011 0.09889 0.2236
    0.09433 0.02463 0.03602 0.1172 0.07265 0.05544 0.1929 0.1256 0.1219 0.212 0.06562 0.04909 0.03028 0.07177
    0.05388 0.2725 0.03302 0.1505 0.1871 0.08243 0.2935 0.3164 0.1057 0.1493 0.1342 0.116 0.1045 0.1513
    0.05003 0.09278 0.05301 0.1297 0.1566 0.11 0.07408 0.09148 0.05234 0.02023 0.07722 0.03146 0.07315 0.02965
    0.1394 0.06394 0.142 0.1572 0.04409 0.08605 0.035 0.07527 0.1391 0.1165 0.107 0.127 0.04093 0.1111 0.06755
    0.0949 0.05636 0.0988 0.05587 0.08185 0.03565 0.0608 0.04891 0.04279 0.1537 0.1518 0.06267 0.02031 0.1621
    0.1722 0.1362 0.3386 0.1118 0.1468 0.2195 0.04665 0.09957 0.1263 0.1165 0.07436 0.109 0.1615 0.05177
    0.09377 0.05512 0.08 0.04587 0.06488 0.02898 0.05303 0.1358 0.08219 0.108 0.05056 0.03864 0.2285 0.04171
    0.02457 0.07592 0.04491 0.1983 0.03085 0.06342 0.07932 0.1143 0.2951 0.05318 0.04777 0.1973 0.08779 0.1748
    0.06185 0.09674 0.08361 0.05058 0.09662 0.03235 0.2701 0.07255 0.07279 0.03885 0.1428 0.07014 0.09583
    0.1168 0.1614 0.07427 0.05138 0.06283 0.08305 0.0772 0.06611 0.1141 0.06071 0.08219 0.06937 0.07459
    0.08615 0.1264 0.06333 0.04709 0.05265 0.1153 0.09019 0.0611 0.2671 0.1877 0.04806 0.08719 0.04592 0.06046
    0.04825 0.05769 0.1205 0.05214 0.0266 0.02805 0.06107 0.04706 0.08945 0.05545 0.1315 0.05434 0.06949
    0.06432 0.03123 0.08837 0.2492 0.08682 0.04604 0.05852 0.05915 0.09205 0.04456 0.2033 0.06337 0.07607
    0.1751 0.0639 0.03817 0.07241 0.07515 0.1794 0.1216 0.02227 0.05472 0.02457 0.1632 0.08502 0.0623 0.09515
    0.09023 0.0624 0.05607 0.2184 0.05015 0.05372 0.1159 0.03181 0.05289 0.04016 0.09636 0.1835 0.03364
    0.04143 0.1276 0.05211 0.09907 0.1059 0.03004 0.09235 0.09366 0.02345 0.124 0.0314 0.03331 0.07516 0.07928
    0.1971 0.06089 0.04071 0.02837 0.04382 0.07997 0.05564 0.05036 0.02979 0.02586 0.0729 0.0324 0.03496
    0.04672 0.07835 0.2018 0.1016 0.08156 0.1218 0.07063 0.03111 0.14 0.2254 0.03007 0.06143 0.1185 0.04807
    0.2094 0.04533 0.04217 0.05516 0.06068 0.04934 0.03206 0.04869 0.1498 0.062 0.02492 0.1118 0.09667 0.1289
    0.06851 0.05979 0.07754 0.03492 0.02036 0.0317 0.05339 0.04484 0.1308 0.05655 0.0306 0.03867 0.01166
    0.06158 0.04517 0.05488 0.08031 0.04592 0.1867 0.2294 0.1444 0.01589 0.02347 0.0364 0.07169 0.102 0.1797
    0.04891 0.1514 0.0368 0.0919 0.04142 0.1956 0.09173 0.2222 0.1278 0.07834 0.0271 0.05165 0.07307 0.05862
    0.1403 0.1627 0.0515 0.05616 0.1896 0.09414 0.209 0.1174 0.1107 0.06354 0.1145 0.1576 0.07835 0.1104
    0.0224 0.01778 0.06002 0.05733 0.09922 0.1184 0.06828 0.04793 0.02875 0.0812 0.1056 0.0414 0.0467 0.1161
    0.1014 0.03266 0.02081 0.04143 0.06464 0.0853 0.08121 0.1358 0.03156 0.0699 0.08836 0.02813 0.1435 0.07544
    0.02664 0.07817 0.1817 0.07006 0.02702 0.03025 0.02696 0.08362 0.04528 0.06266 0.05573 0.07558 0.04062
    0.09652 0.05948 0.05123 0.1058 0.07405 0.02637 0.0418 0.1324 0.04485 0.04201 0.01903 0.05726 0.1082
    0.06417 0.05319 0.05131 0.07996 0.05946 0.1189 0.06831 0.07352 0.05027 0.01287 0.0507 0.03741 0.0849
    0.06222 0.05328 0.1078 0.03382 0.05979 0.02501 0.02583 0.0441 0.0307 0.04651 0.03181 0.02635 0.0347
    0.09281 0.02999 0.04956 0.04704 0.07357 0.05461 0.05527 0.1011 0.04743 0.07329 0.04191 0.06015 0.02278
    0.03227 0.07654 0.02937 0.04796 0.2576 0.02974 0.09367 0.02053 0.02198 0.04567 0.1156 0.02602 0.1343
    0.06629 0.06362 0.02441 0.01815 0.05771 0.0303 0.08275 0.02952 0.04588 0.1559 0.0703 0.03955 0.04765
    0.02124 0.06556 0.03306 0.05786 0.02727 0.05005 0.03458 0.1021 0.1675 0.03629 0.109 0.06905 0.07207 0.1197
    0.1694 0.03691 0.01453 0.1007 0.0252 0.04706 0.1801 0.07837 0.03458 0.05386 0.1486 0.1362 0.05785 0.021
    0.05183 0.04404 0.06097 0.03761 0.06178 0.03712 0.02835 0.02725 0.04696 0.04753 0.02528 0.1135 0.04721
    0.08785 0.05683 0.09765 0.03594 0.06868 0.0376 0.03355 0.02681 0.05753 0.03624 0.038 0.07087 0.05091
    0.04742 0.08209 0.1237 0.02771 0.01952 0.02488 0.03557 0.07684 0.02693 0.02268 0.03866 0.01868 0.009037
    0.01077 0.05042 0.05676 0.04466 0.02449 0.05421 0.01862 0.02613 0.08181 0.09973 0.04191 0.1022 0.1334
    0.1178 0.03263 0.0275 0.03477 0.01804 0.134 0.04469 0.03823 0.06475 0.05149 0.102 0.05002 0.07137 0.02596
    0.09687 0.06918 0.07218 0.04044 0.1155 0.03406 0.045 0.0793 0.07162 0.048 0.0453 0.04707 0.02524 0.09144
    0.09974 0.07506 0.04478 0.01787 0.05521 0.05087 0.0356 0.0835 0.03425 0.07612 0.04856 0.04893 0.036
    0.03215 0.03928 0.02393 0.02416 0.02109 0.02374 0.152 0.03872 0.03755 0.0284 0.04835 0.03199 0.09162
    0.03839 0.0213 0.03434 0.03271 0.06616 0.02886 0.04571 0.05415 0.02531 0.01809 0.0217 0.03969 0.1163
    0.04574 0.04673 0.09756 0.04178 0.1474 0.04508 0.08193 0.115 0.03576 0.03046 0.03853 0.03397 0.1656 0.1013
    0.04473 0.1975 0.04554 0.05898 0.03994 0.04651 0.01579 0.04278 0.0215 0.03355 0.01761 0.0146 0.02774
    0.03357 0.05968 0.02057 0.03237 0.02585 0.08112 0.09314 0.1245 0.09142 0.1129 0.03881 0.03982 0.02482
    0.0366 0.07978 0.05562 0.05054 0.07279 0.03429 0.05474 0.1352 0.02454 0.0603 0.0383 0.01765 0.05444
    0.04437 0.03663 0.0666 0.09469 0.136 0.01775 0.02549 0.04118 0.02029 0.04008 0.03365 0.02156 0.07462
    0.01836 0.01995 0.02215 0.07676 0.02754 0.05512 0.02599 0.02702 0.1128 0.04084 0.02565 0.025 0.04363
    0.03455 0.156 0.02613 0.09682 0.09699 0.01462 0.04866 0.09317 0.01796 0.06463 0.02612 0.05893 0.08473
    0.03789 0.02169 0.0139 0.02021 0.03753 0.05136 0.04153 0.04493 0.0267 0.05614 0.02113 0.05757 0.01571
    0.02004 0.07399 0.03841 0.1596 0.1137 0.04547 0.03298 0.03637 0.145 0.02647 0.01076 0.04242 0.02974
    0.01821 0.1775 0.02646 0.0216 0.01149 0.03315 0.04473 0.1004 0.03256 0.04677 0.04085 0.1139 0.09808
    0.02229 0.01886 0.05228 0.09886 0.07479 0.03952 0.01728 0.03299 0.03022 0.03424 0.01289 0.02781 0.04887
    0.01464 0.02968 0.02459 0.04505 0.09799 0.0242 0.1145 0.03951 0.02428 0.0282 0.06397 0.1248 0.09097
    0.07676 0.02652 0.03612 0.01198 0.02437 0.08805 0.02578 0.04084 0.03519 0.01715 0.05552 0.03881 0.01947
    0.1461 0.01707 0.05349 0.02953 0.09391 0.08009 0.0405 0.01872 0.01663 0.105 0.07658 0.02207 0.02755
    0.02007 0.07664 0.01866 0.01953 0.02871 0.04625 0.1143 0.05989 0.0203 0.06164 0.1448 0.05836 0.03139
    0.1063 0.01743 0.07614 0.02374 0.03217 0.04414 0.1462 0.02675 0.06098 0.0392 0.07036 0.04235 0.05976
    0.03289 0.05426 0.09795 0.0142 0.06692 0.04654 0.08604 0.02519 0.03178 0.02249 0.0175 0.04891 0.04294
    0.03022 0.09278 0.03551 0.05469 0.05593 0.0126 0.02039 0.01132 0.01343 0.04948 0.0409 0.02325 0.03909
    0.06068 0.03703 0.0458 0.04679 0.02906 0.0205 0.02195 0.02637 0.06216 0.01407 0.05393 0.07072 0.04251
    0.1208 0.01298 0.0839 0.09496 0.01879 0.03052 0.03166 0.07107 0.04812 0.03445 0.05543 0.08243 0.01565
    0.02687 0.09321 0.07062 0.03448 0.04535 0.04633 0.05503 0.05486 0.1345 0.0631 0.009323 0.1649 0.02097
    0.04198 0.0332 0.02065 0.03593 0.022 0.007109 0.03952 0.03572 0.02702 0.06265 0.0552 0.06586 0.01549
    0.02976 0.03785 0.06042 0.04224 0.02991 0.01622 0.02085 0.1242 0.02753 0.04887 0.05433 0.07655 0.1162
    0.03883 0.03569 0.0923 0.0099 0.01946 0.1366 0.0311 0.02479 0.07962 0.03385 0.08186 0.02161 0.0851 0.0276
    0.1081 0.0142 0.03406 0.03998 0.02569 0.1123 0.04146 0.07762 0.02643 0.03992 0.0218 0.1081 0.03521 0.02716
    0.082 0.02447 0.03131 0.02535 0.02941 0.02503 0.01345 0.08393 0.02245 0.02297 0.01946 0.02184 0.05604
    0.05071 0.04652 0.03259 0.03126 0.01049 0.03797 0.05694 0.02688 0.01847 0.02867 0.02643 0.165 0.09553
    0.01602 0.03949 0.04651 0.02776 0.03651 0.01401 0.1427 0.01097 0.0469 0.0545 0.07548 0.02586 0.03334
    0.0378 0.06352 0.07252 0.01308 0.02095 0.02248 0.007513 0.006392 0.02863 0.01786 0.03536 0.0327 0.05725
    0.0423 0.06294 0.037 0.04089 0.03596 0.0167 0.02978 0.06547 0.02248 0.03565 0.004061 0.03509 0.007405
    0.0338 0.06951 0.008518 0.07332 0.06718 0.0161 0.0193 0.02343 0.02283 0.0481 0.07508 0.02913 0.04835
    0.03127 0.01378 0.01382 0.03951 0.02358 0.05308 0.02492 0.01761 0.03819 0.0597 0.02453 0.02443 0.03898
    0.008802 0.02492 0.01834 0.02255 0.04054 0.07504 0.03313 0.03611 0.08596 0.0545 0.06944 0.02362 0.03424
    0.02247 0.02378 0.03685 0.02872 0.03328 0.008795 0.01869 0.01001 0.05002 0.05428 0.03249 0.02102 0.02574
    0.02758 0.03244 0.1027 0.01546 0.04745 0.03343 0.05867 0.0257 0.04011 0.05206 0.04274 0.009523 0.02509
    0.01882 0.03332 0.03573 0.02381 0.08508 0.03072 0.01047 0.02237 0.01169 0.02487 0.03914 0.029 0.006315
    0.05623 0.04654 0.06533 0.01793 0.0855 0.01031 0.005887 0.008526 11.5 9.584 9.664 10.47 10.02 9.012 9.499
    7.163 6.248 5.118 2.571 4.848 3.928 3.728 2.685 2.494 2.027 1.446 1.177 1.153 1.182 1.086 1.245 1.312
    1.116 1.068 0.977 0.8783 0.877 0.8215 0.92 0.844 0.8657 0.7708 0.6674 0.7166 0.643 0.5492 0.6266 0.7483
    0.5597 0.5252 0.4503 0.4746 0.4948 0.5011 0.4768 0.5266 0.5431 0.5016 0.5187 0.4615 0.2433 0.3941 0.5552
    0.4475 0.288 0.3255 0.3841 0.361 0.4835 0.4707 0.3811 0.3319 0.3079 0.3395 0.3099 0.3792 0.3174 0.2632
    0.3782 0.303 0.2724 0.4158 0.289 0.2521 0.4202 0.2841 0.3032 0.4456 0.2131 0.2712 0.2165 0.3379 0.3072
    0.2547 0.3059 0.24 0.2264 0.2934 0.3915 0.2376 0.2783 0.4084 0.1852 0.2813 0.192 0.1614 0.1642 0.2589
    0.2327 0.219 0.1919 0.3064 0.1435 0.2053 0.1776 0.1971 0.2193 0.2518 0.2381 0.2084 0.2207 0.1826 0.2201
    0.2108 0.3118 0.1352 0.2071 0.1518 0.1452 0.2025 0.1552 0.2595 0.2496 0.235 0.1882 0.2515 0.2378 0.1302
    0.1878 0.1668 0.1348 0.2403 0.1658 0.2291 0.2111 0.1946 0.13 0.207 0.2313 0.1984 0.09101 0.1125 0.1801
    0.2454 0.2528 0.1449 0.147 0.2604 0.1823 0.1208 0.1943 0.2319 0.1994 0.1752 0.08786 0.06354 0.133 0.1344
    0.1165 0.1897 0.2021 0.2184 0.06262 0.311 0.1825 0.11 0.1464 0.1211 0.13 0.1701 0.2978 0.1762 0.05827
    0.2331 0.07547 0.1145 0.1041 0.154 0.308 0.125 0.1323 0.1357 0.1415 0.2256 0.1997 0.08584 0.203 0.1052
    0.2312 0.06183 0.2486 0.2665 0.1597 0.3318 0.1456 0.1319 0.2132 0.127 0.2394 0.1943 0.1883 0.08645 0.1485
    0.1294 0.173 0.4158 0.07857 0.1207 0.1242 0.1371 0.1718 0.4059 0.5375 0.1552 0.159 0.4227 0.293 0.0597
    0.114 0.1382 0.1941 0.1518 0.1127 0.1225 0.06737 0.1972 0.04387 0.1223 0.1826 0.1569 0.171 0.1468 0.2539
    0.09837 0.1463 0.1288 0.1414 0.07936 0.07796 0.1081 0.1206 0.1933 0.08956 0.128 0.07642 0.241 0.0583
    0.0782 0.1424 0.08343 0.08156 0.09415 0.13 0.2713 0.09451 0.1666 0.1635 0.1497 0.1744 0.07375 0.09638
    0.07302 0.132 0.04912 0.1858 0.1718 0.1046 0.1117 0.09261 0.2298 0.03633 0.1344 0.2032 0.1375 0.07599
    0.07662 0.07135 0.1166 0.1186 0.07683 0.3023 0.2126 0.2656 0.2048 0.1578 0.05778 0.1481 0.131 0.07068
    0.06787 0.1379 0.2154 0.1138 0.1059 0.06559 0.09817 0.08672 0.04204 0.07468 0.1015 0.2394 0.148 0.1215
    0.1339 0.05175 0.2708 0.03071 0.2266 0.08557 0.1398 0.06232 0.1077 0.09162 0.1185 0.2991 0.09344 0.133
    0.05744 0.1455 0.2249 0.1543 0.1783 0.1032 0.04546 0.09168 0.05232 0.1261 0.116 0.1506 0.1221 0.0505
    0.1446 0.07828 0.222 0.08186 0.101 0.1378 0.07366 0.07318 0.1699 0.03982 0.05763 0.02969 0.1046 0.1875
    0.1769 0.0829 0.1345 0.06451 0.03252 0.151 0.1012 0.07108 0.1067 0.1032 0.1643 0.06671 0.04214 0.07181
    0.0772 0.09424 0.04557 0.06953 0.0874 0.07298 0.01805 0.1596 0.0593 0.1591 0.1103 0.134 0.04884 0.04484
    0.2819 0.2328 0.03715 0.2002 0.1603 0.04263 0.02865 0.09743 0.1359 0.1327 0.1217 0.1584 0.08165 0.1951
    0.1104 0.1055 0.1785 0.1023 0.07353 0.07607 0.06085 0.1306 0.09876 0.1946 0.1519 0.05061 0.05361 0.06215
    0.06447 0.05575 0.09146 0.1402 0.0444 0.07351 0.1114 0.1305 0.04662 0.05083 0.08747 0.06149 0.1275 0.1624
    0.1815 0.118 0.09517 0.07545 0.07283 0.1621 0.08283 0.07026 0.05262 0.032 0.04202 0.05751 0.03377 0.1076
    0.1373 0.04484 0.07877 0.1282 0.03798 0.1221 0.03838 0.08281 0.1901 0.141 0.1155 0.09466 0.03726 0.07931
    0.06917 0.08707 0.2092 0.06017 0.03964 0.06274 0.1893 0.06735 0.0324 0.05643 0.09176 0.02133 0.05552
    0.1964 0.05721 0.05076 0.0777 0.04637 0.06474 0.125 0.0542 0.05673 0.06295 0.07018 0.3369 0.05965 0.06882
    0.0523 0.03261 0.0502 0.1732 0.06458 0.06116 0.1209 0.04266 0.05074 0.08028 0.05795 0.05241 0.1199 0.1281
    0.05681 0.03006 0.03491 0.0332 0.01801 0.02229 0.09697 0.09855 0.06638 0.04118 0.1118 0.02806 0.07398
    0.04824 0.03276 0.2168 0.06837 0.04358 0.0399 0.05001 0.05424 0.05809 0.09708 0.1025 0.1565 0.09357
    0.04785 0.05854 0.02051 0.06272 0.04113 0.1008 0.08804 0.07094 0.06234 0.09873 0.04728 0.05287 0.06356
    0.04834 0.05973 0.1031 0.04519 0.06411 0.1032 0.03798 0.03443 0.05202 0.06493 0.03488 0.06537 0.09887
    0.06585 0.03022 0.0262 0.0874 0.02606 0.02116 0.05483 0.06365 0.0633 0.03441 0.04116 0.154 0.09806 0.09271
    0.07815 0.0283 0.1176 0.1204 0.07622 0.04503 0.04443 0.06378 0.1204 0.1498 0.1328 0.07303 0.06943 0.01845
    0.07889 0.06768 0.03844 0.1247 0.11 0.1116 0.05196 0.06071 0.05458 0.03225 0.08847 0.09385 0.06176 0.1093
    0.06732 0.05778 0.0459 0.03984 0.1385 0.02459 0.05557 0.04527 0.09456 0.05573 0.04396 0.02191 0.07606
    0.03023 0.02485 0.1645 0.05154 0.1061 0.1103 0.01196 0.137 0.1496 0.04046 0.03745 0.06574 0.06885 0.1184
    0.08981 0.0751 0.1692 0.04138 0.07865 0.0388 0.06069 0.0697 0.09232 0.05906 0.09571 0.04641 0.06697
    0.05454 0.08439 0.05058 0.04555 0.1012 0.04639 0.01756 0.03756 0.0432 0.08174 0.04976 0.04325 0.05496
    0.05914 0.0455 0.07432 0.01887 0.0946 0.1199 0.05456 0.05183 0.19 0.03231 0.07383 0.1903 0.06681 0.04873
    0.08896 0.06004 0.03537 0.01696 0.08245 0.05785 0.09215 0.0257 0.06477 0.03884 0.02964 0.111 0.05635
    0.01701 0.1299 0.04216 0.02642 0.0154 0.02372 0.06754 0.01283 0.0673 0.04205 0.06337 0.05898 0.06885
    0.1606 0.01543 0.07982 0.02251 0.0252 0.04513 0.05302 0.03634 0.0234 0.02675 0.05778 0.1914 0.08237
    0.07951 0.0217 0.02953 0.1388 0.07759 0.0607 0.03801 0.05406 0.01539 0.1155 0.06606 0.02915 0.08538
    0.09769 0.06939 0.05867 0.07636 0.0336 0.05866 0.06388 0.05004 0.02284 0.1493 0.08181 0.1029 0.0894
    0.05305 0.02108 0.1072 0.03528 0.1162 0.0821 0.06833 0.0321 0.02515 0.07857 0.05309 0.05894 0.0233 0.06468
    0.00793 0.01655 0.02131 0.02656 0.0353 0.03231 0.03185 0.1152 0.04859 0.03343 0.06363 0.02453 0.1247
    0.07906 0.109 0.0259 0.02753 0.01728 0.1819 0.02511 0.0242 0.0297 0.01569 0.09193 0.05691 0.09208 0.04663
    0.0962 0.06991 0.1145 0.05598 0.03485 0.08189 0.02322 0.02568 0.0221 0.1303 0.03693 0.02867 0.09526 0.0166
    0.08542 0.04023 0.03278 0.106 0.05129 0.03501 0.06152 0.04928 0.07807 0.0225 0.03748 0.07189 0.036 0.01939
    0.04529 0.05672 0.1112 0.1402 0.03336 0.06809 0.02167 0.03453 0.04913 0.02231 0.01708 0.05262 0.07268
    0.05145 0.08848 0.1303 0.02301 0.04721 0.08234 0.08225 0.01266 0.0403 0.0321 0.04682 0.0169 0.01256
    0.01511 0.06554 0.08854 0.04103 0.05856 0.03784 0.02927 0.05129 0.0338 0.06112 0.01117 0.02822 0.01721
    0.05665 0.0665 0.03822 0.04814 0.01981 0.03455 0.03145 0.02191 0.06985 0.0104 0.02566 0.03548 0.07997
    0.02645 0.08262 0.04672 0.08923 0.02637 0.01616 0.05699 0.1383 0.08814 0.02876 0.07577 0.02475 0.02141
    0.0474 0.03471 0.04081 0.06144 0.04221 0.03098 0.07746 0.02733 0.07691 0.04581 0.01842 0.02371 0.0395
    0.09214 0.02665 0.07257 0.03084 0.03501 0.02573 0.01235 0.07129 0.02594 0.04629 0.03599 0.08368 0.0201
    0.01717 0.04195 0.01505 0.1233 0.0682 0.01917 0.04038 0.03421 0.02115 0.08876 0.0346 0.03585 0.03562
    0.02754 0.06855 0.03326 0.02509 0.04264 0.06388 0.05541 0.009986 0.04139 0.03179 0.02656 0.03155 0.01602
    0.03523 0.04215 0.0382 0.03576 0.06587 0.02872 0.03226 0.03064 0.05617 0.04504 0.04588 0.0281 0.07544
    0.01171 0.1376 0.05103 0.03502 0.08291 0.04501 0.01809 0.03404 0.03885 0.06435 0.09888 0.03314 0.02774
    0.01648 0.04845 0.04312 0.02144 0.05197 0.04293 0.03223 0.03729 0.03147 0.03469 0.05091 0.02556 0.03727
    0.04121 0.08794 0.03086 0.01962 0.01244 0.01818 0.02715 0.01471 0.02133 0.02476 0.09125 0.02858 0.0962
    0.02802 0.01987 0.04654 0.01506 0.05781 0.02679 0.0192 0.02707 0.04671 0.0673 0.06198 0.03384 0.03393
    0.02968 0.0459 0.03587 0.04055 0.03655 0.01778 0.01755 0.02924 0.032 0.03934 0.0182 0.01768 0.03591
    0.06277 0.06035 0.01738 0.02064 0.1252 0.05792 0.05963 0.04437 0.02977 0.03161 0.02973 0.04282 0.02432
    0.009357 0.01859 0.04266 0.03317 0.0106 0.02732 0.02173 0.08054 0.1155 0.02115 0.03999 0.01995 0.07156
    0.04093 0.1051 0.01667 0.02468 0.0499 0.01948 0.02325 0.02165 0.01956 0.05046 0.04371 0.04063 0.0306
    0.01416 0.04043 0.0615 0.006551 0.0273 0.01482 0.03661 0.05612 0.04027 0.02334 0.02484 0.01844 0.06065
    0.02188 0.01523 0.02778 0.03972 0.1136 0.03772 0.03213 0.04396 0.06651 0.03986 0.03294 0.02889 0.03693
    0.04903 0.03025 0.04135 0.0364 0.02239 0.01288 0.01971 0.03213 0.03015 0.03396 0.04322 0.03959 0.0145
    0.01176 0.01936 0.04081 0.02694 0.1423 0.02241 0.01567 0.1235 0.02282 0.02559 0.04105 0.01321 0.02499
    0.08974 0.0882 0.02189 0.104 0.08272 0.006663 0.03982 0.1383 0.03919 0.02929 0.01541 0.04469 0.03622
    0.0274 0.08663 0.04277 0.06132 0.01197 0.0345 0.01586 0.03538 0.01172 0.008654 0.06247 0.02756 0.03893
    0.01988 0.02114 0.02901 0.06259 0.04141 0.02111 0.03124 0.03642 0.01073 0.03939 0.01227 0.008776 0.03825
    0.02335 0.05318 0.02021 0.02139 0.08258 0.02122 0.02711 0.03065 0.03931 0.04835 0.02605 0.1012 0.06058
    0.05036 0.01645 0.0199 0.02926 0.02727 0.01505 0.03656 0.05392 0.0722 0.01232 0.04252 0.01386 0.09267
    0.01627 0.06976 0.01549 0.09328 0.08572 0.02184 0.06065 0.01825 0.01388 0.02332 0.01805 0.01192 0.05459
    0.03903 0.06284 0.1131 0.01622 0.03372 0.01128 0.04039 0.06256 0.03224 0.02672 0.04149 0.01632 0.0173
    0.07253 0.03644 0.01692 0.02239 0.02119 0.01441 0.0229 0.03018 0.02247 0.01726 0.028 0.01364 0.1348
    0.07963 0.1115 0.01592 0.01162 0.02163 0.02789 0.02376 0.06567 0.01428 0.0822 0.05664 0.02685 0.01477
    0.01641 0.06196 0.0423 0.02477 0.05161 0.01739 0.03212 0.02845 0.01933 0.02222 0.02484 0.03443 0.0413
    0.08797 0.02169 0.04402 0.04359 0.05073 0.0429 0.009468 0.03445 0.02723 0.01955 0.02832 0.02957 0.04415
    0.008972 0.01539 0.02337 0.01107 0.05934 0.01881 0.06428 0.01891 0.06424 0.03384 0.02746 0.0107 0.06562
    0.03009 0.02282 0.007147 0.06449 0.05928 0.02921 0.02278 0.02949 0.04266 0.01513 0.01337 0.02948 0.01489
    0.03245 0.01687 0.05419 0.07079 0.09126 0.09032 0.08208 0.04994 0.04905 0.02535 0.07581 0.04799 0.02761
    0.08487 0.01035 0.02595 0.02333 0.03508 0.02104 0.1051 0.02318 0.01591 0.02781 0.02233 0.01044 0.02906
    0.03359 0.008225 0.0157 0.01583 0.02227 0.02098 0.03254 0.0471 0.04166 0.01794 0.05295 0.005144 0.03509
    0.03029 0.02597 0.007497 0.03837 0.02355 0.01533 0.03724 0.02773 0.04038 0.02262 0.0162 0.03237 0.01303
    0.0095 0.03678 0.01842 0.04535 0.04406 0.007409 0.04008 0.03817 0.01711 0.04253 0.02318 0.02472 0.0178
    0.01397 0.0203 0.006643 0.01648 0.0372 0.03592 0.01551 0.04592 0.01324 0.06275 0.0226 0.01503 0.01803
    0.02762 0.03936 0.0176 0.05598 0.008242 0.005697 0.04054 0.04334 0.0177 0.03209 0.02027 0.02585 0.02214
    0.01314 0.06691 0.01472 0.07127 0.09429 0.02508 0.01368 0.05246 0.04738 0.0123 0.01219 0.03147 0.03166
    0.04888 0.02189 0.03378 0.04632 0.02151 0.05615 0.03041 0.009813 0.0147 0.02847 0.03099 0.02218 0.008888
    0.02963 0.01371 0.04309 0.01261 0.01653 0.00872 0.03311 0.04437 0.03278 0.01328 0.04075 0.1146 0.02868
    0.0083 0.0255 0.03818 0.02076 0.0547 0.03795 0.04192 0.03041 0.0946 0.03129 0.02386 0.01108 0.01607 0.0467
    0.04721 0.005391 0.0128 0.05167 0.01375 0.02483 0.01339 0.04911 0.05244 0.02391 0.03576 0.06987 0.02609
    0.03221 0.01275 0.03835 0.004968 0.01521 0.0852 0.01553 0.01449 0.03029 0.04304 0.03749 0.01674 0.02206
    0.008103 0.1045 0.03761 0.03626 0.008667 0.006527 0.0142 0.0225 0.02768 0.00719 0.07326 0.1045 0.01422
    0.01687 0.04655 0.021 0.03071 0.01486 0.03903 0.01981 0.0244 0.01059 0.01512 0.01814 0.02049 0.03182
    0.02865 0.04718 0.03045 0.007779 0.02549 0.05055 0.01323 0.02355 0.01345 0.02266 0.01916 0.02769 0.007013
    0.02038 0.02087 0.004494 0.01884 0.02632 0.01825 0.03761 0.01918 0.006188 0.009532 0.01286 0.04288 0.06214
    0.008046 0.0228 0.0137 0.01171 0.0611 0.0183 0.03545 0.007058 0.01539 0.06615 0.01772 0.0255 0.01015
    0.008075 0.08751 0.007307 0.005256 0.04576 0.1226 0.01801 0.04229 0.01358 0.02729 0.01499 0.03031 0.01974
    0.08099 0.01413 0.03365 0.005404 0.03894 0.01165 0.03062 0.09991 0.0247 0.03975 0.0686 0.01764 0.03354
    0.02967 0.0326 0.06003
"""


def write_label_permute(path: Path) -> Path:
    """LABEL_PERMUTE_LOSS as its CSV, updates from 1."""
    loss = LABEL_PERMUTE_LOSS.split()
    return write_csv(path, {"step": list(range(1, len(loss) + 1)), "loss": loss})


# p51_stuck_at_chance_keras: an MLP on a teacher's labels, SGD 0.2 with momentum, the LR cut x0.1 for the
# last four of 12 epochs; too high an LR from the start, the net never leaves chance. Keras CSVLogger rows.
STUCK_AT_CHANCE_KERAS = """\
epoch,accuracy,loss,lr,val_accuracy,val_loss
0,0.2823,2.1917,0.2,0.2890,2.2295
1,0.1950,2.2631,0.2,0.1640,2.2806
2,0.1617,2.2756,0.2,0.2100,2.2111
3,0.1603,2.2829,0.2,0.1450,2.2698
4,0.1690,2.2855,0.2,0.1090,2.3008
5,0.1757,2.2649,0.2,0.1660,2.3425
6,0.1360,2.2856,0.2,0.1500,2.2652
7,0.1383,2.2796,0.2,0.1400,2.2984
8,0.1473,2.2648,0.02,0.1490,2.2558
9,0.1417,2.2546,0.02,0.1500,2.2574
10,0.1490,2.2556,0.02,0.1490,2.2567
11,0.1540,2.2538,0.02,0.1540,2.2494
"""


def write_stuck_at_chance(path: Path) -> Path:
    """STUCK_AT_CHANCE_KERAS as the CSVLogger wrote it."""
    path.write_text(STUCK_AT_CHANCE_KERAS)
    return path


# p52_recall_transformer_text: a 2-layer transformer on associative recall, Adam 1e-3 constant, batches of
# 64; the minibatch loss of updates 0-1,999 as printed (4 decimals). It slides from 2.8 to ~1.7 over 900
# updates, falls x20 in the next ~200 as the model finds the lookup, then goes on down to ~0.001.
RECALL_TRANSFORMER_LOSS = """
    2.8614 3.0904 3.0284 2.8739 3.0934 3.0567 2.9562 2.8409 2.9168 2.9254 2.8488 2.8940 2.9452 3.0349 2.9607
    2.9477 2.9157 2.8705 2.8058 2.8670 2.7518 2.8051 2.7877 2.8324 2.8706 2.7695 2.7864 2.7903 2.6881 2.7533
    2.7842 2.7931 2.7962 2.8067 2.7637 2.7761 2.7387 2.9138 2.8899 2.7849 2.7626 2.7907 2.7549 2.7497 2.7709
    2.7617 2.7807 2.8451 2.8288 2.7714 2.8040 2.8187 2.7949 2.7757 2.7114 2.7394 2.8387 2.7477 2.7932 2.7546
    2.7756 2.8169 2.7799 2.7645 2.6989 2.7221 2.7846 2.7610 2.7666 2.7790 2.7539 2.7516 2.6757 2.7096 2.7451
    2.7485 2.7140 2.8087 2.7125 2.7312 2.6888 2.7513 2.7673 2.7447 2.7241 2.7023 2.6723 2.7070 2.6648 2.6963
    2.6243 2.7135 2.6269 2.6876 2.6625 2.6960 2.7837 2.7014 2.7815 2.6854 2.6807 2.6221 2.6970 2.7413 2.6936
    2.6215 2.7296 2.5910 2.7189 2.6956 2.7069 2.7469 2.7885 2.6137 2.6934 2.6797 2.7068 2.5952 2.7228 2.6077
    2.6491 2.7020 2.6253 2.6137 2.6635 2.6063 2.6922 2.6167 2.6100 2.5885 2.7859 2.5078 2.6750 2.6930 2.6338
    2.6357 2.6369 2.6473 2.6643 2.7158 2.7101 2.5303 2.6457 2.6342 2.6702 2.5644 2.6115 2.6612 2.5658 2.6050
    2.5680 2.6552 2.6414 2.6156 2.6541 2.6203 2.5885 2.5996 2.5923 2.5263 2.4690 2.4893 2.5859 2.5782 2.5942
    2.6090 2.6131 2.5987 2.7138 2.6010 2.5282 2.4971 2.4898 2.6068 2.4488 2.5864 2.5189 2.4944 2.5840 2.5541
    2.6259 2.4862 2.5601 2.6118 2.5314 2.5245 2.5072 2.5513 2.4263 2.5166 2.5019 2.6517 2.4469 2.4659 2.5341
    2.3833 2.4370 2.5313 2.6855 2.4675 2.4329 2.5591 2.6337 2.5460 2.4960 2.4619 2.6609 2.5200 2.5043 2.3542
    2.5201 2.4502 2.5801 2.5238 2.4646 2.4135 2.6305 2.4568 2.4757 2.5068 2.5717 2.5907 2.4893 2.5222 2.6021
    2.4598 2.5002 2.4636 2.5663 2.4534 2.4524 2.5353 2.4998 2.4561 2.4207 2.4344 2.5284 2.6739 2.5012 2.4596
    2.2842 2.3361 2.3246 2.4939 2.4515 2.4640 2.2585 2.4191 2.5808 2.3674 2.5009 2.4969 2.5160 2.4358 2.5053
    2.4286 2.5201 2.5632 2.4642 2.5413 2.3769 2.2564 2.3628 2.5570 2.3593 2.3984 2.4478 2.3678 2.3777 2.4464
    2.3774 2.5544 2.4640 2.3114 2.3580 2.4690 2.4264 2.4568 2.4323 2.3916 2.4076 2.5408 2.3808 2.2309 2.4629
    2.4904 2.4156 2.4537 2.5048 2.4134 2.5258 2.2563 2.3851 2.4598 2.4273 2.3962 2.1922 2.3719 2.4368 2.2935
    2.1577 2.4930 2.1905 2.5656 2.4636 2.3002 2.3252 2.4621 2.4623 2.4682 2.5394 2.4512 2.4343 2.4958 2.4483
    2.2713 2.5218 2.4297 2.3789 2.2982 2.3635 2.3790 2.1767 2.3127 2.3151 2.4335 2.4493 2.4584 2.3646 2.1862
    2.2889 2.3022 2.3326 2.2479 2.1789 2.2621 2.3955 2.5067 2.4177 2.3607 2.3595 2.4146 2.4496 2.3625 2.3273
    2.4399 2.3266 2.2522 2.2793 2.5372 2.2177 2.3397 2.3429 2.3709 2.3242 2.3061 2.3163 2.3935 2.2909 2.2770
    2.3872 2.2775 2.3692 2.4118 2.2177 2.2080 2.3792 2.3401 2.2339 2.1607 2.3170 2.3754 2.1966 2.2386 2.2632
    2.4168 2.4815 2.3461 2.2977 2.1759 2.3504 2.2959 2.2940 2.2044 2.3799 2.2983 2.2015 2.3521 2.1429 2.1855
    2.2126 2.1466 2.3914 2.1719 2.3336 2.2639 2.1981 2.3194 2.2028 2.1990 2.2271 2.2710 2.2798 2.3468 2.2117
    2.2516 2.1960 2.2272 2.4457 2.1590 2.2336 2.2577 2.1863 2.2192 2.2842 2.4034 2.3076 2.3091 2.1498 2.2121
    2.2412 2.3295 2.1874 2.3204 2.3555 2.2569 2.2298 2.1565 2.1396 2.2126 2.2919 2.2409 2.4210 2.2898 2.2765
    2.2455 2.1499 2.2624 2.1808 2.1751 2.2804 2.2574 2.1957 2.1279 2.2586 2.1766 2.0424 2.2317 2.2127 2.2957
    2.1969 2.1315 2.2994 2.2101 2.2337 2.1883 2.0890 2.2917 2.1457 2.1893 2.1529 2.1077 2.1431 2.2516 2.3928
    2.2341 2.2511 2.1942 2.2550 2.2821 2.0305 2.3232 2.1240 2.3187 2.2435 2.1540 2.1214 2.2399 2.1448 1.9859
    2.1920 2.1348 2.3310 2.1511 2.0765 2.0880 2.4169 2.1306 2.0709 2.1167 2.1211 1.8655 2.2858 2.2931 2.3537
    2.1289 2.2970 2.2474 2.1205 2.1475 2.1754 2.2077 2.2259 2.3112 2.2907 2.2669 2.0803 2.1892 2.1285 2.1705
    2.0898 2.0352 2.2549 2.2022 2.1821 2.1920 2.2585 2.2519 2.1547 2.2077 2.1979 1.9752 2.1755 2.1651 2.2037
    2.1985 2.0798 2.2911 2.1533 2.2457 2.2567 2.1950 2.0494 2.3553 2.1274 2.3268 2.0896 2.1502 2.1879 2.1355
    2.1569 2.1879 2.0394 2.0383 2.1633 2.2142 2.1290 2.2410 2.3626 2.1615 2.0324 2.0960 2.2381 2.1800 2.2413
    2.0195 2.1517 2.2442 2.1159 1.9743 2.1542 1.9956 2.1709 2.1181 2.2347 2.1739 2.1107 2.2137 2.1479 2.1220
    2.0603 2.0048 2.2864 2.1190 2.1009 2.0470 2.0864 2.0204 2.1447 2.2470 2.4337 2.1621 2.2195 1.9919 2.1737
    1.9579 2.3301 2.2396 2.0535 2.0525 2.1249 2.0393 2.0882 2.0758 2.1634 2.0763 2.1111 2.0786 1.9983 2.3465
    1.8984 2.1834 2.2207 1.9286 2.0062 2.1300 2.0264 1.9949 1.9637 2.0748 2.0958 2.0800 2.0650 2.2873 2.1066
    1.9906 1.9946 2.2251 2.2072 2.1642 2.1298 2.1305 2.0273 2.1105 1.9469 2.2793 2.1789 2.0866 2.0994 2.0723
    2.1548 2.1273 2.1800 2.0911 2.1749 1.9526 2.1783 1.9761 2.0097 2.2253 2.0904 2.0475 2.2218 2.0159 2.1253
    2.0063 2.0288 1.9864 2.0497 2.0454 2.1789 2.1686 2.0673 2.1273 2.0015 2.0567 2.0611 2.0304 2.1263 2.0712
    2.0122 2.0761 2.1103 2.1068 2.1888 2.1589 1.9168 1.9007 2.0655 2.0368 2.0847 1.9495 1.9546 2.0566 2.0786
    2.0913 1.8949 2.0346 2.1408 1.9791 2.0405 2.1027 2.0823 1.9619 2.0595 2.1919 1.8875 1.9565 2.3058 2.0566
    2.1477 2.0554 2.0936 2.1191 1.9165 2.0327 2.1335 2.1466 2.2559 2.1119 2.0363 1.9854 1.9360 2.0957 1.9874
    2.0118 2.0335 2.0792 1.9029 2.0146 1.9714 2.1466 1.9842 2.0206 1.8052 2.1294 1.8723 1.9853 1.9678 1.9737
    2.0025 1.9523 2.0013 2.1103 2.0081 2.0860 1.8814 2.1717 2.0051 2.0345 1.8857 2.0928 1.8879 1.8905 1.8323
    2.2296 1.9678 1.9691 1.8704 1.9446 1.8661 1.9388 2.1113 2.0874 2.1130 1.8039 2.1671 1.9142 1.9697 2.0660
    2.0636 2.0810 1.8929 1.8445 2.1275 2.0262 2.0314 2.0505 1.9248 1.9621 2.1295 2.0741 1.8581 1.9960 1.8793
    2.0827 2.0045 2.0042 2.0924 2.0644 1.9635 2.0069 1.9888 2.0088 2.0080 1.7600 1.9278 2.0664 2.0164 1.9433
    1.8099 1.9829 2.0010 2.0210 1.8347 2.0379 2.0290 2.0065 2.0108 1.9833 1.9559 1.8750 2.1328 1.9154 1.8969
    2.0014 1.8826 2.1377 1.9242 1.8426 1.7817 1.8991 1.8118 1.7620 1.9164 2.2125 1.8121 1.8919 1.9585 1.9319
    1.9787 1.7733 1.8565 1.7747 1.8344 1.8404 1.8601 1.7816 1.6888 2.0471 1.8227 1.8318 1.7640 1.9346 1.8284
    1.6180 1.9487 2.0627 1.8877 1.8642 1.6996 1.7317 1.8620 1.9663 1.9506 1.8200 1.8333 1.9006 1.8837 1.9768
    1.9260 1.7740 1.8176 1.8237 1.8572 1.7653 2.0543 1.8351 1.7706 1.8532 1.9290 1.7645 1.6331 1.9277 1.7448
    1.7289 1.7048 1.7322 1.9121 1.8531 1.7001 1.7702 1.7989 2.0609 1.8356 1.9177 1.8783 1.8441 1.9182 1.7972
    1.8273 2.0212 1.8041 1.8098 1.8443 1.9039 1.8051 1.6824 1.7176 1.7499 1.8160 1.9007 1.9277 1.9862 1.8309
    1.7311 1.7939 1.7328 1.9767 1.8385 1.6459 1.7322 1.8841 1.6485 1.8099 1.7504 1.8043 1.6913 1.8932 1.6775
    1.8901 1.8292 1.6509 1.4271 1.6480 1.7788 1.7133 1.6611 1.8381 1.5370 1.6358 1.7808 1.7791 1.7386 2.0074
    1.9898 1.8007 1.8169 1.3617 1.8599 1.5710 1.8420 1.6183 1.8143 1.9586 1.7940 1.6235 1.7283 1.7469 1.8035
    1.7537 1.8350 1.7138 1.5382 1.4946 1.7099 1.4378 1.6054 1.7686 1.8183 1.5658 1.7063 1.6192 1.5170 1.8853
    1.8592 1.6726 1.6542 1.7247 1.7636 1.5062 1.7217 1.4695 1.6013 1.4906 1.5721 1.7475 1.5309 1.7994 1.6058
    1.3860 1.4996 1.4079 1.5214 1.6327 1.5005 1.6041 1.3579 1.7015 1.6301 1.8327 1.6517 1.6185 1.7319 1.6261
    1.6174 1.6274 1.6143 1.6433 1.6486 1.5743 1.6777 1.5551 1.4397 1.4727 1.7450 1.5634 1.4879 1.4936 1.5506
    1.6512 1.6235 1.5153 1.4378 1.3660 1.5543 1.7238 1.4570 1.4945 1.4667 1.4038 1.5475 1.3060 1.4854 1.2818
    1.4751 1.5895 1.4921 1.3131 1.2731 1.2175 1.6435 1.5150 1.4141 1.2501 1.4009 1.5306 1.4896 1.4230 1.6266
    1.2652 1.2804 1.1875 1.4472 1.2586 1.4988 1.3884 1.4746 1.2757 1.4057 1.4240 1.1350 1.2616 1.5008 1.3405
    1.2136 1.3026 1.3836 1.3824 1.4862 1.5312 1.1476 1.2463 1.0160 1.1045 1.2213 1.2745 1.1253 1.2448 1.1446
    1.2171 1.0761 1.0638 1.1550 1.0723 1.1221 1.2439 1.0728 1.0397 0.9502 0.9413 1.3000 0.8767 1.0645 0.8476
    1.0754 0.9377 1.1035 0.9453 0.9411 1.0893 0.7091 0.7448 0.6904 1.0245 0.8320 0.6609 1.0754 0.6604 0.7227
    1.0023 0.8177 0.6795 0.6650 0.9021 0.6358 0.6583 0.5814 0.6188 0.6159 0.6720 0.5432 0.4738 0.5662 0.6289
    0.4960 0.6063 0.4806 0.6482 0.5110 0.4464 0.4166 0.3759 0.3457 0.6118 0.4511 0.4791 0.3082 0.2189 0.3628
    0.4196 0.3879 0.3883 0.3282 0.2427 0.3921 0.3595 0.4337 0.3323 0.2667 0.2853 0.2976 0.2631 0.2875 0.2177
    0.3078 0.3023 0.1497 0.2639 0.2993 0.1379 0.1513 0.2875 0.2805 0.2430 0.1870 0.2344 0.1337 0.2352 0.1521
    0.2148 0.1966 0.1853 0.1257 0.2269 0.1164 0.1668 0.1262 0.1920 0.1061 0.1034 0.1184 0.1433 0.0909 0.1135
    0.1688 0.1669 0.0582 0.0847 0.1115 0.1137 0.1546 0.0726 0.0734 0.1010 0.0831 0.0821 0.1156 0.1461 0.0472
    0.1259 0.0635 0.0694 0.0647 0.1263 0.0663 0.0726 0.0495 0.0923 0.0947 0.0654 0.0843 0.1138 0.0436 0.0467
    0.0664 0.1025 0.1235 0.0866 0.0489 0.1032 0.0559 0.0500 0.0655 0.0564 0.0605 0.0418 0.0417 0.1411 0.1006
    0.0328 0.0360 0.0512 0.0551 0.0346 0.0652 0.0430 0.0328 0.0474 0.0262 0.0431 0.0737 0.0888 0.0495 0.0771
    0.0254 0.0413 0.0448 0.1018 0.0401 0.0491 0.0684 0.0219 0.0640 0.0578 0.0277 0.0455 0.0506 0.0447 0.1155
    0.0234 0.0160 0.0568 0.0245 0.0360 0.0350 0.0178 0.0200 0.0393 0.0319 0.0194 0.0315 0.0476 0.0236 0.0351
    0.0443 0.0310 0.0410 0.0214 0.0475 0.0251 0.0807 0.0190 0.0295 0.0327 0.0243 0.0252 0.0380 0.0583 0.0290
    0.0221 0.0200 0.0109 0.0180 0.0270 0.0206 0.0138 0.0302 0.0142 0.0222 0.0135 0.0251 0.0645 0.0148 0.0262
    0.0195 0.0135 0.0148 0.0070 0.0343 0.0245 0.0135 0.0228 0.0157 0.0114 0.0588 0.0216 0.0686 0.0092 0.0272
    0.0193 0.0208 0.0239 0.0177 0.0174 0.0122 0.0162 0.0176 0.0101 0.0230 0.0210 0.0078 0.0239 0.0407 0.1101
    0.0355 0.1368 0.0151 0.0146 0.0161 0.0196 0.0175 0.0115 0.1302 0.0072 0.0106 0.0123 0.0639 0.1010 0.0193
    0.0185 0.0144 0.0155 0.0138 0.0349 0.0091 0.0087 0.0100 0.0273 0.0195 0.0165 0.0127 0.0151 0.0107 0.0174
    0.0145 0.0304 0.0104 0.0152 0.0138 0.0131 0.0281 0.0099 0.0088 0.0276 0.0302 0.0108 0.0107 0.0122 0.0108
    0.0090 0.0142 0.0113 0.0128 0.0087 0.0108 0.0087 0.0150 0.0088 0.0347 0.0140 0.0238 0.0228 0.0095 0.0068
    0.0099 0.0070 0.0127 0.0080 0.0118 0.0069 0.0325 0.0118 0.0127 0.0116 0.0122 0.0105 0.0172 0.0081 0.0094
    0.0089 0.0108 0.0128 0.0062 0.0064 0.0171 0.0063 0.0122 0.0246 0.0046 0.0112 0.0055 0.0075 0.0079 0.0095
    0.0077 0.0068 0.0049 0.0076 0.0200 0.0100 0.0103 0.0044 0.0051 0.0070 0.0064 0.0041 0.0076 0.0102 0.0052
    0.0067 0.0113 0.0055 0.0090 0.0115 0.0151 0.0062 0.0052 0.0057 0.0075 0.0062 0.0087 0.0107 0.0043 0.0043
    0.0048 0.0103 0.0060 0.0061 0.0056 0.0049 0.0044 0.0071 0.0041 0.0086 0.0050 0.0111 0.0090 0.0080 0.0038
    0.0050 0.0320 0.0071 0.0062 0.0053 0.0038 0.0045 0.0057 0.0183 0.0051 0.0083 0.0072 0.0046 0.0055 0.0047
    0.0070 0.0046 0.0056 0.0055 0.0040 0.0058 0.0047 0.0030 0.0053 0.0029 0.0041 0.0058 0.0032 0.0061 0.0038
    0.0052 0.0169 0.0086 0.0094 0.0029 0.0061 0.0045 0.0047 0.0096 0.0043 0.0068 0.0025 0.0051 0.0033 0.0043
    0.0032 0.0054 0.0058 0.0037 0.0033 0.0029 0.0034 0.0032 0.0028 0.0085 0.0056 0.0045 0.0031 0.0036 0.0036
    0.0160 0.0217 0.0264 0.0023 0.0036 0.0048 0.0051 0.0282 0.0042 0.0039 0.0059 0.0045 0.0027 0.0033 0.0052
    0.0027 0.0042 0.0034 0.0029 0.0027 0.0041 0.0265 0.0028 0.0062 0.0025 0.0047 0.0038 0.0033 0.0036 0.0033
    0.0027 0.0037 0.0058 0.0059 0.0060 0.0038 0.0045 0.0054 0.0028 0.0051 0.0023 0.0028 0.0036 0.0045 0.0072
    0.0051 0.0037 0.0042 0.0035 0.0037 0.0030 0.0047 0.0058 0.0036 0.0026 0.0038 0.0031 0.0030 0.0035 0.0051
    0.0024 0.0029 0.0051 0.0077 0.0065 0.0035 0.0031 0.0024 0.0033 0.0022 0.0022 0.0033 0.0032 0.0025 0.0020
    0.0023 0.0020 0.0029 0.0067 0.0022 0.0029 0.0046 0.0028 0.0042 0.0023 0.0047 0.0029 0.0022 0.0022 0.0023
    0.0036 0.0038 0.0025 0.0030 0.0020 0.0034 0.0038 0.0024 0.0032 0.0085 0.0032 0.0034 0.0020 0.0023 0.0017
    0.0022 0.0039 0.0016 0.0034 0.0018 0.0062 0.0027 0.0044 0.0015 0.0028 0.0060 0.0028 0.0051 0.0042 0.0014
    0.0028 0.0047 0.0020 0.0016 0.0033 0.0031 0.0023 0.0029 0.0021 0.0030 0.0027 0.0024 0.0016 0.0024 0.0052
    0.0020 0.0024 0.0032 0.0020 0.0081 0.0018 0.0022 0.0024 0.0025 0.0034 0.0022 0.0028 0.0022 0.0053 0.0050
    0.0016 0.0283 0.0015 0.0018 0.0026 0.0014 0.0056 0.0018 0.0022 0.0028 0.0017 0.0022 0.0017 0.0018 0.0021
    0.0501 0.0032 0.0017 0.0039 0.0044 0.0050 0.0027 0.0031 0.0021 0.0060 0.0313 0.0362 0.0111 0.0026 0.0018
    0.0023 0.0024 0.1324 0.0875 0.0031 0.0025 0.0034 0.0025 0.0089 0.0094 0.0047 0.0033 0.0019 0.0029 0.0041
    0.1248 0.0025 0.0289 0.0022 0.0170 0.0661 0.0028 0.0033 0.0040 0.0566 0.0053 0.0024 0.0166 0.0030 0.0058
    0.0042 0.0054 0.0057 0.0040 0.0032 0.0063 0.0121 0.0118 0.0465 0.0069 0.0044 0.0020 0.0028 0.0019 0.0030
    0.0029 0.0044 0.0039 0.0106 0.0021 0.0031 0.0027 0.0053 0.0019 0.0028 0.0895 0.0026 0.0021 0.0101 0.0038
    0.0038 0.0374 0.0025 0.0014 0.0043 0.0036 0.0023 0.0123 0.0039 0.0028 0.0048 0.0035 0.0026 0.0156 0.0031
    0.0027 0.0044 0.0082 0.0030 0.0024 0.0043 0.0046 0.0021 0.0031 0.0070 0.0020 0.0015 0.0037 0.0027 0.0025
    0.0028 0.0024 0.0065 0.0035 0.0050 0.0033 0.0045 0.0015 0.0026 0.0021 0.0022 0.0029 0.0028 0.0033 0.0014
    0.0019 0.0034 0.0029 0.0025 0.0050 0.0017 0.0969 0.0016 0.0022 0.0027 0.0018 0.0019 0.0096 0.0047 0.0096
    0.0019 0.0026 0.0034 0.0016 0.0054 0.0023 0.0020 0.0012 0.0027 0.0595 0.0040 0.0016 0.0038 0.0015 0.0022
    0.0017 0.0027 0.0014 0.0020 0.0033 0.0038 0.0020 0.0015 0.0018 0.0421 0.0045 0.0016 0.0020 0.0018 0.0042
    0.0021 0.0043 0.0016 0.0032 0.0017 0.0018 0.0020 0.0016 0.0015 0.0023 0.0024 0.0041 0.0038 0.0107 0.0017
    0.0022 0.0019 0.0024 0.0020 0.0016 0.0016 0.0020 0.0041 0.0013 0.0015 0.0019 0.0134 0.0014 0.0015 0.0030
    0.0029 0.0022 0.0015 0.0015 0.0027 0.0022 0.0021 0.0018 0.0021 0.0022 0.0012 0.0020 0.0019 0.0021 0.0016
    0.0021 0.0082 0.0018 0.0018 0.0022 0.0020 0.0021 0.0026 0.0011 0.0020 0.0021 0.0019 0.0014 0.0015 0.0015
    0.0018 0.0015 0.0015 0.0121 0.0012 0.0028 0.0016 0.0011 0.0012 0.0013 0.0011 0.0107 0.0014 0.0018 0.0017
    0.0017 0.0043 0.0013 0.0011 0.0012 0.0016 0.0015 0.0021 0.0017 0.0025 0.0013 0.0012 0.0028 0.0014 0.0025
    0.0014 0.0017 0.0024 0.0010 0.0017 0.0021 0.0013 0.0020 0.0016 0.0012 0.0014 0.0014 0.0013 0.0015 0.0012
    0.0025 0.0019 0.0010 0.0012 0.0014 0.0013 0.0020 0.0029 0.0014 0.0015 0.0011 0.0012 0.0016 0.0013 0.0010
    0.0014 0.0017 0.0027 0.0013 0.0022 0.0012 0.0008 0.0010 0.0020 0.0012 0.0013 0.0013 0.0011 0.0015 0.0015
    0.0017 0.0053 0.0009 0.0009 0.0009 0.0012 0.0014 0.0015 0.0225 0.0017 0.0028 0.0009 0.0013 0.0009 0.0012
    0.0008 0.0015 0.0010 0.0012 0.0026 0.0016 0.0015 0.0038 0.0014 0.0014 0.0019 0.0083 0.0426 0.0011 0.0016
    0.0010 0.0015 0.0021 0.0012 0.0010
"""


def write_recall_transformer(path: Path) -> Path:
    """RECALL_TRANSFORMER_LOSS as nanoGPT prints it: "iter N: loss X, time Yms, mfu Z%"."""
    lines = [f"iter {i}: loss {v}, time {31.0 + (i % 7) * 0.37:.2f}ms, mfu 0.01%"
             for i, v in enumerate(RECALL_TRANSFORMER_LOSS.split())]
    path.write_text("\n".join(lines) + "\n")
    return path


# p53_catapult_gd_csv: full-batch GD on squared error, an MLP on 512 digits, at 3 / the initial sharpness:
# the loss of steps 0-299 (6 significant digits), thrown up x3.9 at step 10 and back under where it left
# from by step 12 (a catapult), once more x2.9 at steps 19-22, then converging.
CATAPULT_LOSS = """
    0.500917 0.531813 0.639616 0.436012 0.336621 0.281876 0.240522 0.212081 0.216294 0.393264 0.825758
    0.719359 0.316138 0.232559 0.189658 0.16294 0.143765 0.129607 0.122216 0.131656 0.196119 0.305548 0.342031
    0.20101 0.113235 0.0898541 0.0802028 0.0800636 0.0837717 0.0981287 0.108376 0.126044 0.119063 0.115255
    0.0993889 0.0915173 0.0831148 0.0776003 0.0727937 0.0684397 0.0654774 0.0615011 0.0590584 0.0556021
    0.0537001 0.0508613 0.0494115 0.047143 0.0461031 0.044364 0.0435713 0.0423266 0.0416838 0.0407562
    0.0402133 0.0396107 0.0390222 0.0385242 0.0378459 0.0374144 0.0366211 0.036152 0.0353576 0.0348355
    0.0342111 0.0337103 0.0333958 0.0329856 0.0331201 0.0329326 0.0335307 0.0334573 0.0343097 0.03412
    0.0349337 0.0344301 0.0350237 0.0340041 0.0343178 0.0330252 0.033276 0.0318298 0.0320636 0.0305767
    0.0307683 0.0293626 0.0296322 0.0283049 0.0285803 0.0272984 0.0274977 0.0262775 0.0263831 0.0252146
    0.0252613 0.0241777 0.024122 0.0231017 0.0229773 0.0220504 0.0218834 0.021041 0.0208526 0.0200985
    0.0198912 0.0192253 0.0190373 0.0184323 0.0182394 0.0177073 0.0175483 0.0170738 0.0169136 0.0164826
    0.016335 0.0159517 0.0158173 0.0154605 0.0153287 0.0150054 0.0148931 0.0146035 0.0145003 0.0142304
    0.0141406 0.0138914 0.0138101 0.0135774 0.0134994 0.0132834 0.0132178 0.0130189 0.0129622 0.0127595
    0.0127137 0.0125281 0.0124759 0.0122977 0.0122595 0.0120887 0.012052 0.0118819 0.011849 0.011686 0.0116568
    0.0114998 0.0114671 0.0113152 0.0112981 0.0111505 0.0111203 0.010976 0.0109543 0.0108171 0.0108044
    0.0106619 0.0106407 0.0104976 0.0104766 0.0103409 0.0103231 0.0101795 0.0101589 0.010014 0.0099956
    0.00985586 0.00984019 0.00969729 0.0096815 0.00953457 0.00950736 0.00936472 0.00933845 0.00920252
    0.00918066 0.00903702 0.00900967 0.00888578 0.00886692 0.00874088 0.00871606 0.00859406 0.00857648
    0.00846032 0.008445 0.00832988 0.00831865 0.00820267 0.00819715 0.00808417 0.00807362 0.00796048
    0.00795361 0.00784601 0.00783766 0.00773016 0.00772854 0.00762229 0.00762447 0.00752324 0.0075209
    0.00741256 0.00741533 0.00731431 0.00732234 0.00721616 0.00723077 0.00713434 0.00714536 0.0070411
    0.00705785 0.00696215 0.0069716 0.00686896 0.00688932 0.00679351 0.00680903 0.00670951 0.00672306
    0.00663248 0.00664635 0.00655625 0.00658045 0.006493 0.00650843 0.00641795 0.00644002 0.0063487 0.00636937
    0.00628264 0.00630504 0.00621832 0.00623917 0.00614852 0.0061731 0.00608323 0.00610352 0.00601801
    0.0060473 0.00595911 0.00598043 0.00589285 0.00591168 0.00582911 0.00585455 0.00576786 0.00579057
    0.00570515 0.00572494 0.00564136 0.00565693 0.00557821 0.00559333 0.00551555 0.00554067 0.00546138
    0.00547375 0.00540437 0.00541581 0.00534161 0.00535251 0.00528408 0.00529383 0.00522337 0.00523578
    0.00516738 0.00517114 0.00510685 0.00510967 0.00504559 0.00505252 0.00499198 0.00499877 0.00494147
    0.00494601 0.00489005 0.00489448 0.00484084 0.00484666 0.00479564 0.00480131 0.00475615 0.004762
    0.00471742 0.00472053 0.00467809 0.00468955 0.0046439 0.00465353 0.00461315 0.00461622 0.00457726
    0.00458645 0.00454321 0.00454397 0.00449928 0.00450038 0.00445584 0.00444986 0.00440048
"""


def write_catapult(path: Path) -> Path:
    """CATAPULT_LOSS as its CSV, with the constant LR the run used."""
    loss = CATAPULT_LOSS.split()
    return write_csv(path, {"step": list(range(len(loss))), "lr": ["1.20166"] * len(loss), "train_loss": loss})


# p54_label_smoothing_on_csv: an MLP on digits, Adam 1e-3 constant, label smoothing 0.2 from update 701; the
# loss a Trainer logs (the mean of every 10 updates, to 4 decimals) at steps 10-1350: still falling 0.15 ->
# 0.05 over steps 300-700, thrown x40 between the prints at 700 and 710, then settling near 0.95.
LABEL_SMOOTHING_ON_LOSS = """
    2.2645 2.1806 2.0392 1.8361 1.5463 1.2218 0.9771 0.7091 0.4992 0.4736 0.3771 0.3779 0.2919 0.3132 0.3046
    0.2228 0.2893 0.252 0.2196 0.1873 0.2232 0.1863 0.1703 0.1213 0.163 0.1254 0.1376 0.1348 0.121 0.1479
    0.1161 0.1642 0.1482 0.1013 0.0966 0.1525 0.1533 0.1022 0.1129 0.1076 0.1412 0.112 0.0872 0.0831 0.0881
    0.1003 0.1026 0.0527 0.0716 0.08 0.06 0.0715 0.0795 0.0695 0.0461 0.0574 0.0487 0.0683 0.0566 0.0529 0.058
    0.0484 0.0783 0.0543 0.062 0.0648 0.055 0.0365 0.0788 0.0515 2.2538 1.708 1.245 1.0874 1.0806 1.059 1.0383
    1.0313 1.0248 1.004 1.0207 1.0014 0.9836 0.9848 0.9834 0.9715 0.9851 0.9677 0.9974 0.9703 0.9611 0.9754
    0.9735 0.9546 0.9447 0.9619 0.9664 0.9633 0.9583 0.9382 0.9619 0.9483 0.9471 0.9626 0.9579 0.9532 0.9507
    0.9456 0.9423 0.9381 0.9374 0.935 0.9337 0.9271 0.9273 0.936 0.9216 0.9261 0.9294 0.9345 0.9305 0.9331
    0.9266 0.9384 0.9309 0.9362 0.9237 0.9305 0.9281 0.9144 0.9157 0.9338 0.9158 0.9261 0.9231
"""


def write_label_smoothing_on(path: Path) -> Path:
    """LABEL_SMOOTHING_ON_LOSS as its CSV, with the constant LR the run used."""
    loss = LABEL_SMOOTHING_ON_LOSS.split()
    return write_csv(path, {"step": [10 * (i + 1) for i in range(len(loss))], "learning_rate": ["0.001"] * len(loss),
                            "loss": loss})


# p55_weight_decay_on_keras: an MLP on make_classification, SGD 0.05 with momentum at a constant LR, weight
# decay 0.01 switched on from epoch 40: the epoch's mean training loss and the held-out loss, epochs 0-79 (6
# significant digits). The training loss climbs from 0.004 to a flat 0.5 as the held-out loss halves.
WEIGHT_DECAY_ON = {
    "loss": """
    1.15883 0.840895 0.672106 0.589344 0.540036 0.514647 0.478117 0.429366 0.396065 0.367585 0.372001 0.333966
    0.326247 0.299795 0.270597 0.266679 0.237689 0.199878 0.209394 0.177891 0.156087 0.125755 0.132575
    0.164686 0.149585 0.128405 0.124586 0.0978749 0.0778665 0.0732744 0.0553328 0.0404043 0.0213853 0.019427
    0.0332836 0.0257222 0.0178275 0.00954225 0.00587171 0.00416343 0.0136928 0.0949582 0.229671 0.318633
    0.385704 0.444693 0.458439 0.487282 0.485709 0.501529 0.521838 0.515054 0.505317 0.521037 0.510655
    0.509724 0.512833 0.517793 0.517573 0.496391 0.51501 0.528703 0.525647 0.50775 0.503499 0.512755 0.52318
    0.505493 0.511688 0.514133 0.512732 0.518674 0.525326 0.509975 0.509591 0.511521 0.50724 0.528211 0.516509
    0.512934
""",
    "val_loss": """
    0.98523 0.834055 0.748265 0.676994 0.66104 0.678294 0.670432 0.653542 0.642298 0.660872 0.691041 0.682601
    0.763929 0.686048 0.683814 0.7194 0.726936 0.786146 0.774407 0.851974 0.834066 0.902402 1.00192 0.958822
    1.04883 1.03155 1.02604 1.01379 1.04624 1.04096 1.1658 1.06587 1.21046 1.13351 1.14341 1.16288 1.20689
    1.23753 1.23012 1.25091 0.787796 0.622282 0.622463 0.591 0.60306 0.60381 0.599198 0.596069 0.617964
    0.634374 0.6694 0.60013 0.609934 0.623305 0.606567 0.617425 0.61148 0.582836 0.605024 0.596587 0.608784
    0.618761 0.638916 0.582218 0.602466 0.60803 0.628938 0.656572 0.597012 0.60473 0.606916 0.601397 0.592222
    0.644523 0.599307 0.588672 0.58794 0.611033 0.626469 0.597283
""",
}


def write_weight_decay_on(path: Path) -> Path:
    """WEIGHT_DECAY_ON as Keras's CSVLogger writes it, with the constant LR the run used."""
    loss, val = WEIGHT_DECAY_ON["loss"].split(), WEIGHT_DECAY_ON["val_loss"].split()
    return write_csv(path, {"epoch": list(range(len(loss))), "learning_rate": ["0.05"] * len(loss), "loss": loss,
                            "val_loss": val})


# p56_dead_unit_csv: an MLP on digits, Adam 1e-3 constant, logged each epoch (every 23 updates): the held-out
# recall of class 8, learned at epochs 2-4, and the held-out mean activation of a first-layer unit that dies,
# stalling at 9.80311e-06 from epoch 7 (as logged, with repr's digits).
DEAD_UNIT = {
    "val_recall_8": """
    0.0 0.0 0.2571428571428571 0.2857142857142857 0.7428571428571429 0.6857142857142857 0.7142857142857143 0.8
    0.8571428571428571 0.8571428571428571 0.8285714285714286 0.8571428571428571 0.8285714285714286
    0.8857142857142857 0.8571428571428571 0.8571428571428571 0.9142857142857143 0.9142857142857143
    0.9142857142857143 0.9142857142857143 0.9142857142857143 0.8857142857142857 0.8857142857142857
    0.8857142857142857 0.9142857142857143 0.8857142857142857 0.8857142857142857 0.9142857142857143
    0.9142857142857143 0.9142857142857143 0.8857142857142857 0.8857142857142857 0.8857142857142857
    0.8857142857142857 0.9142857142857143 0.8857142857142857 0.8857142857142857 0.8857142857142857
    0.9142857142857143 0.8857142857142857
""",
    "act_mean/unit20": """
    0.00040375598473474383 9.182022768072784e-05 1.6350702935596928e-05 1.0465550985827576e-05
    9.8677246569423e-06 9.808833965507802e-06 9.80322602117667e-06 9.803111424844246e-06 9.803111424844246e-06
    9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06
    9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06
    9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06
    9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06
    9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06
    9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06
    9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06
    9.803111424844246e-06 9.803111424844246e-06 9.803111424844246e-06
""",
}


def write_dead_unit(path: Path) -> Path:
    """DEAD_UNIT as its CSV, with the steps, epochs and constant LR the run logged."""
    recall, unit = DEAD_UNIT["val_recall_8"].split(), DEAD_UNIT["act_mean/unit20"].split()
    return write_csv(path, {"step": [23 * (i + 1) for i in range(len(recall))], "epoch": list(range(len(recall))),
                            "lr": ["0.001"] * len(recall), "val_recall_8": recall, "act_mean/unit20": unit})


# p57_second_task_text: a two-headed net, Adam 2e-3 constant, a second task's squared error added to the loss
# from update 500; logged every 5 updates: the total, the first task's loss, and the second's from update 500
# (4 decimals). The total is thrown 0.27 -> 6.3 at update 500 and falls back to ~0.9 by 700.
SECOND_TASK = {
    "loss": """
    1.3948 1.3320 1.3168 1.2214 1.1982 1.1064 1.0959 1.0726 1.1708 1.0473 1.0312 0.9014 0.9652 1.0522 0.9558
    0.8765 0.8300 0.9983 0.7998 0.7938 0.8012 0.8197 0.8556 0.8425 0.7216 0.6599 0.9859 0.7492 0.7665 0.7027
    0.5872 0.6721 0.5295 0.8151 0.7047 0.6112 0.7601 0.5842 0.5779 0.5053 0.4958 0.5236 0.5564 0.6016 0.7944
    0.4742 0.4914 0.5155 0.5216 0.5283 0.5147 0.6162 0.4332 0.4168 0.6652 0.4514 0.6131 0.5270 0.5879 0.5755
    0.3644 0.4793 0.4389 0.4882 0.4454 0.5362 0.5017 0.3233 0.4799 0.5406 0.4915 0.3885 0.4486 0.6354 0.4670
    0.5018 0.5601 0.4304 0.3747 0.4120 0.4555 0.5669 0.4496 0.3694 0.3407 0.3750 0.4409 0.3523 0.4423 0.3112
    0.4592 0.4014 0.5154 0.2561 0.2395 0.3172 0.4018 0.5368 0.3966 0.2661 6.2992 3.9636 3.5489 2.2191 2.0861
    1.7229 2.2173 2.2741 1.9875 1.8199 1.7529 2.3882 1.3239 1.5522 1.5692 1.2720 1.4894 1.5053 1.2205 1.2682
    1.1591 1.3559 1.3080 0.9867 0.9861 0.7263 0.7588 0.9269 1.5286 1.0958 1.1575 0.6522 1.0711 0.7451 0.8122
    1.8960 0.9187 0.7367 0.6218 0.9044 0.6021 0.8421 0.8972 0.6721 0.5664 0.5674 0.4893 0.6115 0.5869 0.6855
    0.5455 0.6519 0.5995 0.4168 0.6100 0.4717 0.6421 0.4816 0.4682 0.7459 0.9093 0.4047 0.2742 0.5954 0.4682
    0.5632 0.4640 0.4934 0.8192 0.4575 0.4038 0.5244 0.5398 0.4653 0.7529 0.4215 0.3503 0.4859 0.7668 0.4118
    0.3915 0.5167 0.5048 0.3469 0.5699 0.4307 0.6492 0.5385 0.7633 0.3331 0.4114 0.4015 0.4119 0.3821 0.4451
    0.4227 0.4096 0.8265 0.5789 0.3380 0.6005 0.4852 0.4093 0.4161 0.5562 0.5080 1.0363 0.4189 0.6041 0.3485
    0.4472 0.7204 0.3249 0.5114 0.4389 0.7510 0.4079 0.5358 0.6138 0.3597 0.3209 0.3996 0.4034 0.3605 0.4954
    0.3516 0.8628 0.5083 0.3807 0.4305 0.4176 0.7557 0.5543 0.3846 0.3961 0.2560 0.6934 0.5627 0.6228 0.5976
""",
    "loss_a": """
    1.3948 1.3320 1.3168 1.2214 1.1982 1.1064 1.0959 1.0726 1.1708 1.0473 1.0312 0.9014 0.9652 1.0522 0.9558
    0.8765 0.8300 0.9983 0.7998 0.7938 0.8012 0.8197 0.8556 0.8425 0.7216 0.6599 0.9859 0.7492 0.7665 0.7027
    0.5872 0.6721 0.5295 0.8151 0.7047 0.6112 0.7601 0.5842 0.5779 0.5053 0.4958 0.5236 0.5564 0.6016 0.7944
    0.4742 0.4914 0.5155 0.5216 0.5283 0.5147 0.6162 0.4332 0.4168 0.6652 0.4514 0.6131 0.5270 0.5879 0.5755
    0.3644 0.4793 0.4389 0.4882 0.4454 0.5362 0.5017 0.3233 0.4799 0.5406 0.4915 0.3885 0.4486 0.6354 0.4670
    0.5018 0.5601 0.4304 0.3747 0.4120 0.4555 0.5669 0.4496 0.3694 0.3407 0.3750 0.4409 0.3523 0.4423 0.3112
    0.4592 0.4014 0.5154 0.2561 0.2395 0.3172 0.4018 0.5368 0.3966 0.2661 0.4464 0.3350 0.6576 0.6076 0.6521
    0.3551 0.5339 0.6778 0.4405 0.3435 0.5018 0.5383 0.3480 0.3297 0.4773 0.5141 0.2980 0.3944 0.4480 0.3342
    0.2931 0.4031 0.3980 0.3391 0.3669 0.3618 0.4007 0.3788 0.5886 0.3231 0.4859 0.3158 0.4783 0.3576 0.5397
    0.3738 0.4544 0.3390 0.3776 0.3296 0.3306 0.3259 0.3155 0.4330 0.3267 0.4282 0.3911 0.4200 0.3126 0.3756
    0.3923 0.3131 0.3415 0.2622 0.4046 0.2674 0.3918 0.2715 0.2599 0.4198 0.3316 0.2484 0.1940 0.3382 0.3355
    0.2753 0.3571 0.3911 0.3427 0.2748 0.2152 0.3292 0.4376 0.2994 0.5443 0.1794 0.2130 0.3318 0.3464 0.2650
    0.2565 0.2424 0.2463 0.1799 0.3650 0.2857 0.2064 0.3259 0.5464 0.1723 0.3135 0.2884 0.2586 0.2699 0.2966
    0.2698 0.2773 0.1943 0.4265 0.1664 0.2597 0.2576 0.2748 0.2407 0.4310 0.2873 0.3322 0.2823 0.3565 0.1775
    0.2944 0.3854 0.1919 0.4233 0.3326 0.3249 0.3079 0.2296 0.2873 0.2023 0.1838 0.3036 0.2223 0.2694 0.3953
    0.2356 0.3268 0.1777 0.2654 0.2010 0.3327 0.2576 0.3030 0.1552 0.3156 0.1302 0.2250 0.2142 0.3859 0.1728
""",
    "loss_b": """
    5.8528 3.6285 2.8912 1.6115 1.4341 1.3679 1.6834 1.5962 1.5470 1.4764 1.2511 1.8499 0.9759 1.2224 1.0919
    0.7579 1.1913 1.1109 0.7725 0.9341 0.8660 0.9528 0.9100 0.6476 0.6192 0.3645 0.3581 0.5481 0.9399 0.7727
    0.6716 0.3365 0.5928 0.3875 0.2725 1.5222 0.4642 0.3977 0.2443 0.5749 0.2715 0.5162 0.5817 0.2392 0.2396
    0.1392 0.0982 0.1915 0.2743 0.3099 0.1532 0.3389 0.2580 0.1546 0.2054 0.2043 0.2502 0.2101 0.2083 0.3261
    0.5777 0.1563 0.0802 0.2572 0.1328 0.2879 0.1069 0.1023 0.4765 0.1827 0.1885 0.1952 0.1023 0.1659 0.2086
    0.2422 0.1373 0.1541 0.4204 0.1468 0.1350 0.2743 0.2585 0.1670 0.2050 0.1450 0.4429 0.2126 0.2169 0.1608
    0.0979 0.1131 0.1533 0.1121 0.1485 0.1529 0.1323 0.6322 0.1524 0.1716 0.3408 0.2276 0.1345 0.1754 0.1252
    0.2207 0.7040 0.1367 0.2476 0.1710 0.1529 0.3350 0.1330 0.0881 0.1064 0.4260 0.1000 0.3061 0.3265 0.1574
    0.1371 0.0960 0.1811 0.0911 0.1001 0.1161 0.5360 0.3306 0.1152 0.2295 0.0849 0.4980 0.2513 0.2293 0.0805
    0.1258 0.4685 0.3485 0.2369 0.4248
""",
}


def write_second_task(path: Path) -> Path:
    """SECOND_TASK as the run's text log, one line every 5 updates."""
    loss, first, second = (SECOND_TASK[k].split() for k in ("loss", "loss_a", "loss_b"))
    late = len(loss) - len(second)
    path.write_text("".join(f"step {5 * i} | loss {loss[i]} | loss_a {first[i]}"
                            + (f" | loss_b {second[i - late]}" if i >= late else "") + " | lr 0.0020\n"
                            for i in range(len(loss))))
    return path


# p58_pruned_csv: an MLP on digits, Adam 1e-3 constant, 70% of its weights pruned at update 800 (not logged);
# every 10 updates that update's minibatch loss and the held-out loss (6 significant digits), steps 10-1600.
# Both are thrown up at step 800 (0.05 -> 0.41, 0.10 -> 0.32) and recover over ~150 steps.
PRUNED = {
    "train_loss": """
    2.28214 2.2329 2.17822 2.0943 1.94238 1.65248 1.49195 1.19711 1.07144 0.855081 0.702077 0.819562 0.647547
    0.356322 0.35086 0.525794 0.445626 0.32958 0.651449 0.2305 0.289815 0.236606 0.484518 0.415502 0.464469
    0.207317 0.16882 0.186377 0.163439 0.294734 0.24057 0.188629 0.121022 0.231002 0.253623 0.157746 0.230238
    0.145335 0.118878 0.404453 0.201781 0.0850507 0.287129 0.234984 0.101546 0.117797 0.10625 0.160645 0.060698
    0.19965 0.0462208 0.108677 0.189579 0.302238 0.0855886 0.148755 0.0608312 0.0993328 0.0569527 0.099574
    0.0660162 0.0793194 0.111444 0.0833658 0.174994 0.0613161 0.160513 0.0874779 0.142757 0.159482 0.0470846
    0.0875608 0.0805942 0.0511946 0.0421262 0.0548378 0.0503249 0.0818588 0.0534935 0.412766 0.231686 0.199597
    0.154251 0.148771 0.179807 0.177301 0.136357 0.158244 0.128873 0.0968575 0.0460452 0.112043 0.17826
    0.0981628 0.124016 0.0624298 0.0719135 0.0800232 0.0763715 0.100789 0.103539 0.263756 0.0620585 0.125807
    0.0501144 0.0483448 0.0567609 0.0987892 0.134076 0.0433464 0.0468306 0.0328466 0.0293954 0.0390564 0.0640065
    0.103896 0.132719 0.0611389 0.0891314 0.153124 0.194715 0.0518435 0.0743133 0.041712 0.0601711 0.12127
    0.0335532 0.0848412 0.0537285 0.0344735 0.0322546 0.019084 0.123519 0.0448371 0.0475251 0.0443691 0.0393826
    0.0133622 0.0434915 0.126316 0.023307 0.0104943 0.0491296 0.0603916 0.0250984 0.0230427 0.0488082 0.0186611
    0.0649577 0.0365023 0.0375049 0.0366615 0.039826 0.0215855 0.0182266 0.12945 0.0304588 0.0268246 0.0423531
    0.0115442
""",
    "val_loss": """
    2.27272 2.22545 2.14984 2.03171 1.88012 1.68484 1.46275 1.24222 1.04103 0.870641 0.725657 0.64099 0.565877
    0.492229 0.450237 0.418238 0.382997 0.363952 0.331936 0.31681 0.304608 0.297667 0.276417 0.281277 0.270809
    0.244588 0.252083 0.224394 0.218881 0.217905 0.203017 0.201969 0.215106 0.189632 0.188121 0.184398 0.173211
    0.180783 0.176104 0.177327 0.164402 0.165809 0.165646 0.158148 0.153642 0.150328 0.157731 0.141831 0.138906
    0.137758 0.136205 0.141793 0.141261 0.141927 0.132837 0.136422 0.126961 0.127164 0.124732 0.125637 0.127164
    0.122576 0.126037 0.118845 0.119178 0.114395 0.120365 0.108328 0.11368 0.119654 0.114978 0.121634 0.118566
    0.111482 0.100215 0.102759 0.105551 0.117127 0.102481 0.320771 0.232873 0.207576 0.196697 0.184702 0.174345
    0.164271 0.155163 0.155447 0.149481 0.140893 0.137764 0.134347 0.131309 0.127626 0.126529 0.125165 0.123031
    0.118607 0.117314 0.11604 0.120216 0.118025 0.11332 0.109263 0.112234 0.109346 0.110648 0.107315 0.115519
    0.106753 0.10406 0.103449 0.102094 0.100902 0.099837 0.0982467 0.0983264 0.096738 0.0993072 0.100221
    0.100598 0.096792 0.0958299 0.0967869 0.0973314 0.0989494 0.0961492 0.0959784 0.0950459 0.0952813 0.0929038
    0.0919812 0.0926635 0.0930003 0.0900676 0.0922406 0.0928389 0.099386 0.0915384 0.0889577 0.0895862 0.0926759
    0.0922306 0.090292 0.0890966 0.0888089 0.0883705 0.086406 0.0871233 0.0878468 0.0903249 0.0912038 0.0909788
    0.0867961 0.0844234 0.087374 0.0860224 0.0846452 0.0846617 0.0844065
""",
}


def write_pruned(path: Path) -> Path:
    """PRUNED as its CSV, a row every 10 steps."""
    train, val = PRUNED["train_loss"].split(), PRUNED["val_loss"].split()
    return write_csv(path, {"step": [10 * (i + 1) for i in range(len(train))], "train_loss": train, "val_loss": val})


# p59_goyal_samples_csv: an MLP on make_classification, SGD with momentum, LR warmed up to 0.4 over 5 epochs of 50
# updates, cut x0.1 at epochs 30 and 50; on the samples seen (64 an update): the minibatch loss every 10 updates
# and the held-out loss at each epoch's end (6 significant digits). The held-out loss rises from epoch 2 on.
GOYAL_SAMPLES = {
    "train_loss": """
    1.38236 1.39476 1.3389 1.30966 1.17716 1.20836 1.03167 1.05577 0.967205 0.891371 0.769739 0.700775 0.921733
    0.874942 1.15378 0.87161 1.13735 1.07112 1.00183 0.918015 0.835767 1.11279 0.816265 1.20055 1.35523 1.25822
    1.22852 0.954498 0.960513 1.21249 1.03926 0.964271 0.786811 1.24611 0.79626 0.983406 1.19098 1.00457 1.20752
    0.995577 0.930402 1.10012 1.23428 1.23047 0.955539 1.5225 1.34637 1.46709 1.42083 1.31189 1.16852 0.991996
    1.07178 1.29677 1.27333 1.1752 1.40271 1.13845 1.14086 1.2052 1.08209 1.28171 1.11068 1.45825 1.35881
    1.05996 1.15288 1.14361 1.43498 1.18787 1.01587 1.30593 0.951702 1.30975 1.08753 1.14577 1.0915 1.07624
    1.27702 1.1349 1.17962 1.10062 1.22173 1.21204 1.23452 1.12879 1.13313 1.3096 1.31329 1.37598 1.08078
    1.16953 1.14115 1.02165 1.32086 1.31575 1.05158 1.20154 1.12741 1.14979 1.58842 1.16323 1.2887 1.15074
    1.29326 1.24712 1.23671 1.12977 1.22357 1.53973 1.18132 1.14388 0.983548 1.05151 1.17474 0.967442 1.30537
    1.49662 1.18652 1.28829 0.967868 1.28333 1.10721 1.04629 1.10851 1.21226 0.936511 1.19128 1.29754 1.21206
    1.01468 1.13035 1.04653 1.40568 0.98623 1.12468 1.06797 0.953505 1.15535 1.17807 1.05975 1.21275 1.21762
    1.11724 1.21289 1.24106 1.31029 1.16999 1.10946 1.11291 0.96898 0.936724 1.00031 1.05669 0.950561 0.913292
    0.917809 0.898275 0.956294 1.12418 1.07075 0.796023 0.960611 0.872622 1.20158 0.862958 1.02504 0.838115
    0.783715 0.838704 0.812111 1.01217 0.758165 0.936968 0.717912 0.72322 0.782624 0.944545 0.705245 0.737335
    0.974652 0.803649 0.942248 0.821139 1.04034 0.731379 0.651294 0.846847 0.83098 0.670633 0.852478 0.716966
    0.921925 0.818877 0.85194 0.659966 0.633034 0.770875 0.65772 0.668403 0.626439 0.728994 0.629041 0.801489
    0.513545 0.665626 0.559965 0.659571 0.629484 0.796483 0.569685 0.556221 0.654833 0.625223 0.739761 0.570373
    0.607998 0.82179 0.492571 0.598545 0.48564 0.607157 0.634013 0.780517 0.704063 0.457039 0.4406 0.522292
    0.833763 0.597906 0.623178 0.709109 0.657115 0.591896 0.761345 0.522739 0.457395 0.777459 0.623835 0.506926
    0.486979 0.569245 0.683886 0.531379 0.586722 0.545954 0.661835 0.485305 0.589125 0.525521 0.591313 0.624311
    0.515997 0.599851 0.456383 0.58643 0.575867 0.549161 0.469067 0.567961 0.450149 0.452201 0.683512 0.440174
    0.462539 0.318882 0.442678 0.521216 0.520389 0.36135 0.521273 0.431383 0.400124 0.514378 0.558198 0.603979
    0.466377 0.492223 0.428709 0.588744 0.465101 0.494987 0.486195 0.393942 0.488447 0.538896 0.554464 0.42019
    0.520105 0.39977 0.653476 0.59922 0.422916 0.491595 0.361116 0.467131 0.39221 0.423985 0.441066 0.398126
""",
    "val_loss": """
    1.16915 1.08439 1.05898 1.13898 1.18642 1.20578 1.33695 1.36884 1.2934 1.33782 1.32164 1.34621 1.26017
    1.2969 1.46669 1.27537 1.36623 1.38255 1.36645 1.93294 1.35435 1.43173 1.38768 1.36838 1.30994 1.46449
    1.42571 1.60848 1.40525 1.3248 1.30821 1.30313 1.29929 1.29692 1.31498 1.31415 1.34121 1.33523 1.36458
    1.36525 1.37819 1.369 1.37452 1.39289 1.41882 1.43935 1.44922 1.49492 1.4904 1.57716 1.54685 1.54529 1.55589
    1.55739 1.57019 1.56577 1.57329 1.58127 1.58505 1.59043
""",
}


def write_goyal_samples(path: Path) -> Path:
    """GOYAL_SAMPLES as its CSV: a row every 10 updates with the LR and loss, and one at each epoch's end
    with the held-out loss, on the samples seen."""
    train, val = (iter(GOYAL_SAMPLES[k].split()) for k in ("train_loss", "val_loss"))
    lines = ["step,lr,train_loss,val_loss"]
    for update in range(3000):
        lr = 0.4 * min(1.0, (update + 1) / 250) * 0.1 ** ((update >= 1500) + (update >= 2500))
        cells = f"{lr:.6g},{next(train)}" if update % 10 == 0 else ","
        if (update + 1) % 50 == 0:
            lines.append(f"{(update + 1) * 64},{cells},{next(val)}")
        elif update % 10 == 0:
            lines.append(f"{(update + 1) * 64},{cells},")
    path.write_text("\n".join(lines) + "\n")
    return path


# p60_task_switch_csv: an MLP on digits 0-4 for 600 updates, then on 5-9 (SGD 0.05 with momentum): the mean loss of
# every 10 updates (4 decimals) and, every 50, the held-out loss and accuracy on digits 0-4 (6 significant digits).
# The first task's held-out loss creeps up 0.042 -> 0.050 before the switch, then jumps x190; its accuracy to 0.
TASK_SWITCH = {
    "loss": """
    2.2126 1.6291 0.9696 0.4508 0.288 0.1698 0.1362 0.0896 0.07 0.1199 0.0457 0.0961 0.0581 0.029 0.0176 0.015
    0.0267 0.0244 0.0274 0.0119 0.0198 0.0092 0.0095 0.0053 0.0061 0.0048 0.002 0.0026 0.0027 0.0021 0.0026
    0.0021 0.0016 0.0024 0.0019 0.0017 0.0013 0.0011 0.0014 0.0012 0.0008 0.0019 0.0012 0.0022 0.003 0.0008
    0.0015 0.0012 0.001 0.0013 0.001 0.0009 0.001 0.0007 0.0011 0.0008 0.0007 0.0006 0.0009 0.0007 4.903 1.7171
    1.5827 1.0646 0.6539 0.3345 0.2192 0.1679 0.1165 0.1002 0.158 0.1157 0.1124 0.1006 0.1004 0.0395 0.0613
    0.0551 0.0533 0.0331 0.0225 0.0389 0.0214 0.0461 0.0548 0.0299 0.0352 0.0399 0.0218 0.0181 0.0147 0.0073
    0.0048 0.0081 0.0059 0.0049 0.0055 0.0096 0.0111 0.0079 0.0113 0.0026 0.0065 0.0203 0.0156 0.0113 0.0039
    0.0077 0.0061 0.0047 0.0141 0.0161 0.0025 0.0056 0.0057 0.0035 0.0057 0.0061 0.002 0.0012
""",
    "eval_task_a_loss": """
    0.252708 0.118945 0.0822071 0.073496 0.0423076 0.044962 0.0466563 0.0463259 0.0462396 0.0491648 0.0502268
    0.0502122 9.65411 16.752 15.2355 16.443 17.0789 16.7499 18.6673 20.0225 19.7373 20.1021 19.2214 20.6448
""",
    "eval_task_a_accuracy": """
    0.917127 0.961326 0.977901 0.977901 0.98895 0.994475 0.994475 0.98895 0.994475 0.994475 0.98895 0.994475 0 0
    0 0 0 0 0 0 0 0 0 0
""",
}


def write_task_switch(path: Path) -> Path:
    """TASK_SWITCH as its CSV: a row every 10 steps, the evaluations on every fifth."""
    loss, val, acc = (TASK_SWITCH[k].split() for k in ("loss", "eval_task_a_loss", "eval_task_a_accuracy"))
    return write_csv(path, {"step": [10 * (i + 1) for i in range(len(loss))], "loss": loss,
                            "eval_task_a_loss": [val[i // 5] if i % 5 == 4 else "" for i in range(len(loss))],
                            "eval_task_a_accuracy": [acc[i // 5] if i % 5 == 4 else "" for i in range(len(loss))]})


# p61_regression_blowup_csv: an MLP on make_friedman1's unscaled target, SGD 0.02 with momentum, StepLR(40, 0.1);
# the epoch's mean training loss, epochs 0-59 (6 significant digits): ~14 for 35 epochs, 7.3e5 at epoch 36, then a
# flat 24.5 (the target's variance: a constant prediction).
REGRESSION_BLOWUP = """
    84.5423 12.6139 14.6877 11.931 12.5042 13.836 17.7314 15.937 14.6163 14.499 19.067 14.7745 13.743 16.6268
    14.5963 13.295 12.9383 12.931 12.6514 12.6367 12.2347 13.9061 12.6848 13.2871 12.5037 12.9716 13.9219
    13.9911 12.6049 12.5785 15.6597 17.3609 14.2992 14.0642 13.3616 15.1765 732398 80.1814 25.1845 24.6289
    24.5352 24.5189 24.5347 24.5197 24.5385 24.5174 24.535 24.5276 24.536 24.542 24.5199 24.5205 24.5523 24.5327
    24.5261 24.5135 24.5516 24.5456 24.5238 24.5152
"""


def write_regression_blowup(path: Path) -> Path:
    """REGRESSION_BLOWUP as its CSV, with the StepLR the run used."""
    loss = REGRESSION_BLOWUP.split()
    return write_csv(path, {"epoch": list(range(len(loss))), "lr": ["0.02" if e < 40 else "0.002" for e in
                                                                    range(len(loss))], "train_loss": loss})


# p62_chain_return_text: REINFORCE on a 10-state chain whose return is minus the episode's length (-50 until
# the goal is first reached), Adam 0.02 constant, 16 episodes an update; the mean return printed every 5
# updates, as "Update N | episodes E | avg_return R | best_return B | lr 2.0e-02".
CHAIN_RETURN = """
    -50.00 -50.00 -50.00 -50.00 -49.98 -50.00 -50.00 -50.00 -49.66 -50.00 -49.41 -49.85 -49.35 -48.16 -46.06
    -40.09 -33.01 -26.20 -20.73 -16.14 -15.05 -13.94 -12.25 -13.21 -12.12 -12.75 -11.80 -12.46 -12.03 -11.54
    -11.39 -11.30 -11.59 -11.26 -11.01 -11.40 -10.47 -10.80 -10.95 -11.06 -10.69 -10.84 -10.54 -10.50 -10.46
    -10.41 -10.18 -10.24 -10.51 -10.21 -10.28 -10.34 -9.85 -10.14 -10.16 -10.50 -10.12 -9.95 -9.88 -9.79 -10.25
    -10.10 -9.99 -9.84 -9.99 -9.81 -9.86 -9.78 -10.15 -9.81 -9.99 -9.85 -10.06 -10.14 -9.85 -9.85 -9.72 -9.56
    -9.62 -9.41
"""


def write_chain_return(path: Path) -> Path:
    """CHAIN_RETURN as the script printed it (the best return left out)."""
    lines = ["Chain-10 REINFORCE, 16 episodes per update", ""]
    for i, r in enumerate(CHAIN_RETURN.split()):
        lines.append(f"Update {5 * (i + 1):4d} | episodes {80 * (i + 1):5d} | avg_return {r} | lr 2.0e-02")
    path.write_text("\n".join(lines) + "\n")
    return path


# probe65's r08: a character-level GPT (0.11M parameters, vocabulary 104, chance ln 104 = 4.64) under AdamW
# warmed up over 50 updates towards an LR of 5.0, no clipping: thrown from 4.7 to 18 by its tenth update
# and never back. nanoGPT's prints, its evaluations every 100 updates (STEP lines), and the same run's loss
# printed at every update (every 4 significant digits), iters 1-400.
LM_DIVERGED_EVALS = """
step 0: train loss 4.6840, val loss 4.6840
step 100: train loss 44.5316, val loss 50.4344
step 200: train loss 41.7791, val loss 99.1590
step 300: train loss 48.2673, val loss 58.2204
step 400: train loss 82.6548, val loss 99.0705
"""
LM_DIVERGED_LOSS = """
    4.714 3.841 9.106 5.925 21.08 13.63 11.34 12.57 22.86 18.48 14.85 12.45 25.46 26.88 39.49 25.57 55.15 32.15
    20.39 64.86 44.1 65.5 80.21 73.01 36.5 105.3 51.39 68.93 78.54 100.5 77.85 50.39 76.66 73.72 78.03 77.96 69.43
    102.9 149.3 55.11 133.9 125.9 90.35 56.08 122.8 97.21 116.9 103.5 149.5 72.25 155.2 123.4 75.44 80.89 30.2
    105.7 89.24 62.69 98.45 42.6 72.28 134.7 141.5 46.04 129.7 151.1 39.26 129.9 85.79 37.65 130.6 185.9 88.03
    89.09 47.13 108.6 74.93 66.94 75.48 56.25 58.51 115.3 95.41 100.5 66.94 134.4 63.32 82.33 102.2 114.8 109.9
    53.67 52.98 47.1 24.01 24.51 108.7 115.1 64.95 44.53 49.89 41.73 183.5 149.6 47.79 86.66 202.7 135 49.78 176.6
    199.7 67.88 87.36 92.21 33.45 56.16 16.32 56 23.84 90.75 60.69 53.8 32.91 61.08 24.44 24.86 70.94 33.55 79.5
    27.17 137.8 69.33 66.89 55.09 168.3 85.32 80.7 209.8 98.25 78.3 75.03 74.45 65.37 27.35 156.7 116.7 124 57.19
    86.01 73.1 77.79 66.95 35.11 39.99 204.5 89.81 90.95 93.75 75.16 65.43 77.58 43.64 105.1 108.3 64.94 73.25
    81.99 84.59 136.5 130.7 90.94 159 51.54 53.22 80.4 102.4 129.8 37.59 193.3 115.9 61.99 74.5 125 69.74 112.2 110
    132.3 53.88 116.4 110.1 81.73 42.29 79.84 79.92 68.56 36.09 116.2 84.15 99.23 41.78 97.77 40.66 34.61 46.29
    61.79 76.76 89.19 91.39 68.57 98.83 65.6 57.31 122.1 102.3 96.25 46.42 36.83 23.93 144.6 76.32 55.88 57.53 89.3
    63.91 74.95 75.78 73.88 36.64 87.17 45.33 84.43 68.25 88.29 93.47 103.6 64.53 48.89 55.29 27.35 68.39 27.22
    40.85 60.4 48.37 91.58 49.18 35.07 152.4 28.5 113.5 77.9 29.23 55.89 61.12 35.7 91.05 79.21 35.29 94.75 111.1
    126.8 109.2 75.39 78.72 141.4 113.2 39.56 69.58 140.5 72 75.1 101 116.6 132.2 51.09 60.23 109.3 110.5 86.17
    39.36 113.7 78.28 79.43 69.13 69.35 36.06 54.42 98.53 46.18 54.5 108.1 47.17 53.64 29.49 66.19 67.06 122 75.83
    33.7 48.27 57.87 75.65 54.26 78.9 61.31 95.45 115.3 41.43 95.68 131.2 54.18 39.59 45.07 157.5 53.75 73.8 102.4
    68.6 77.63 104 116.7 97.6 65.26 30.3 177.2 105.8 41.22 42.52 79.55 94.36 77.07 70.93 14.21 301.6 92.85 100.8
    76.5 128.4 40.09 65.13 112.5 97 101.1 51 93.25 85.79 53.19 70.56 65.57 52.41 61.53 73.05 75.99 77.58 39.92 93.4
    106.5 82.91 97.29 42.38 56.56 89.17 44.46 43.56 58.28 49.07 102.5 57.47 62.95 27.19 72.53 52.86 42.61 38.8
    30.87 31.59 49.6 88.2 53.4 45.63 82.91 65.05 61.41 78.46 48.32 82.46 75.23 55.6 117.3 72.35 49.18 60.14 38.28
    35.02 107.4 124.3 93.4 54.72 78.69 82.65
"""


def write_lm_diverged(path: Path, every_update: bool = False) -> Path:
    """LM_DIVERGED as nanoGPT prints it: its evaluations, and its loss every 10 updates or every one."""
    losses = LM_DIVERGED_LOSS.split()
    lines = ["Initializing a new model from scratch", "number of parameters: 0.11M"]
    evals = {int(line.split()[1].rstrip(":")): line for line in LM_DIVERGED_EVALS.strip().splitlines()}
    lines.append(evals[0])
    for it, loss in enumerate(losses, start=1):
        if every_update or it % 10 == 0:
            lines.append(f"iter {it}: loss {loss}, time 100.00ms, mfu 0.01%")
        if it in evals:
            lines.append(evals[it])
    path.write_text("\n".join(lines) + "\n")
    return path


# p63_wsd_cooldown_hf: warmup-stable-decay, SGD on the teacher task; the LR rises to 0.2 over 50 updates, holds,
# and cools down linearly to 0 over updates 1601-2000. HF's interval-mean loss every 10 updates.
WSD_COOLDOWN = """
    2.2305 2.0067 1.5855 1.5305 1.5082 1.4977 1.4167 1.4762 1.4365 1.7403
    1.5710 1.3868 1.4830 1.3295 1.4321 1.5558 1.5244 1.3912 1.3228 1.3206
    1.2788 1.4019 1.3582 1.2585 1.2356 1.4759 1.3062 1.5845 1.4157 1.3987
    1.4117 1.4893 1.4733 1.2789 1.6620 1.5560 1.5009 1.5530 1.4369 1.4885
    1.5809 1.4719 1.4469 1.5494 1.7226 1.4287 1.5805 1.4967 1.4235 1.6117
    1.7770 1.5475 1.5899 1.5354 1.3748 1.5066 1.5924 1.5595 1.3631 1.5109
    1.6441 1.5073 1.6570 1.3646 1.5939 1.4682 1.3561 1.5597 1.3877 1.3662
    1.4820 1.3069 1.5690 1.3994 1.5984 1.4959 1.5049 1.4741 1.4189 1.4325
    1.4178 1.4797 1.5933 1.4410 1.3951 1.3519 1.3993 1.7035 1.4225 1.4971
    1.4830 1.5361 1.5162 1.5497 1.5964 1.5116 1.2164 1.2987 1.7496 1.5626
    1.4600 1.5620 1.7114 1.6920 1.5763 1.5390 1.3708 1.6784 1.6588 1.5104
    1.5145 1.5764 1.5616 1.2831 1.4961 1.3633 1.4209 1.7859 1.4748 1.5143
    1.3670 1.5269 1.4727 1.4861 1.6662 1.4454 1.8833 1.5181 1.5118 1.5858
    1.6119 1.3828 1.6769 1.5288 1.4439 1.5948 1.4698 1.6998 1.3407 1.4302
    1.5686 1.6998 1.4660 1.5316 1.4149 1.3535 1.4112 1.6868 1.4331 1.7405
    1.6722 1.7207 1.5391 1.5135 1.3745 1.5528 1.4830 1.6333 1.8766 1.6582
    1.5448 1.5430 1.5027 1.5286 1.7403 1.6386 1.6206 1.5402 1.3989 1.4970
    1.4922 1.4675 1.4008 1.3603 1.5353 1.3937 1.4521 1.2896 1.4936 1.3946
    1.2037 1.3354 1.4416 1.3929 1.2250 1.2782 1.1733 1.1558 1.3448 1.1496
    1.1798 1.0492 1.2660 1.4033 1.2295 1.0488 1.1522 1.0929 1.0830 1.1737
"""


def write_wsd_cooldown(path: Path) -> Path:
    """WSD_COOLDOWN as its trainer_state.json, with the LR each entry logged (the next update's)."""
    def lr_at(s):
        return 0.2 * s / 50 if s <= 50 else 0.2 if s <= 1600 else 0.2 * (1 - (s - 1600) / 400)

    history = [{"epoch": round(10 * (i + 1) / 125, 2), "learning_rate": lr_at(10 * (i + 1) + 1), "loss": float(v),
                "step": 10 * (i + 1)} for i, v in enumerate(WSD_COOLDOWN.split())]
    path.write_text(json.dumps({"global_step": 2000, "log_history": history}))
    return path


# p64_lr_ramp_blowup_csv: SGD at 0.02 for 1,500 updates, then the LR ramped linearly to 2.0 over the last 500
# (a range test started on a trained net); the mean loss of each 10 updates climbs ~5x as the LR passes ~0.14.
LR_RAMP = """
    0.476564 0.424724 0.378763 0.364495 0.350408 0.332663 0.329994 0.308229 0.306372 0.295315 0.301688 0.273862
    0.27443 0.268911 0.257781 0.259186 0.238655 0.244149 0.256266 0.227831 0.242848 0.236639 0.246631 0.227732
    0.203519 0.22501 0.215894 0.230054 0.211756 0.203588 0.208257 0.214079 0.186583 0.200386 0.205429 0.196783
    0.203729 0.203671 0.181919 0.206827 0.186533 0.198237 0.192394 0.184928 0.182609 0.184931 0.181402 0.186603
    0.193502 0.191692 0.176325 0.180252 0.187734 0.165567 0.171826 0.17707 0.173533 0.167301 0.162483 0.174199
    0.161101 0.158984 0.154981 0.153813 0.155669 0.15781 0.15934 0.166528 0.186603 0.170343 0.151351 0.176109
    0.167423 0.164219 0.157282 0.16548 0.156623 0.150066 0.156875 0.154416 0.150891 0.155551 0.153998 0.145586
    0.150837 0.151649 0.163488 0.140222 0.146764 0.161997 0.159321 0.156165 0.138361 0.150226 0.133557 0.139764
    0.153347 0.144099 0.155695 0.151906 0.138314 0.146174 0.147193 0.155878 0.141307 0.132715 0.129455 0.141162
    0.148065 0.128644 0.13391 0.12885 0.151171 0.143481 0.135167 0.137807 0.136349 0.131087 0.1479 0.140242
    0.141134 0.1379 0.128014 0.141451 0.138209 0.124354 0.131712 0.134743 0.135193 0.129214 0.145915 0.138014
    0.14397 0.129751 0.129708 0.134788 0.132744 0.124356 0.134646 0.138907 0.121566 0.132681 0.129071 0.124046
    0.117041 0.13313 0.124483 0.12302 0.136394 0.131654 0.129768 0.138531 0.157822 0.20312 0.205641 0.241288
    0.204487 0.224748 0.242609 0.278154 0.328421 0.315034 0.324358 0.414433 0.409779 0.401861 0.435802 0.460383
    0.486456 0.458947 0.500053 0.535728 0.485854 0.5304 0.552837 0.550125 0.581784 0.576471 0.562924 0.507121
    0.584105 0.558428 0.557582 0.551371 0.564695 0.557612 0.635995 0.640196 0.584717 0.596535 0.517642 0.514913
    0.608258 0.721862 0.766603 0.710936 0.5925 0.541776 0.569307 0.611859
"""


def write_lr_ramp(path: Path) -> Path:
    """LR_RAMP as its CSV: the step, the LR the script set (0.02, then the ramp) and the loss."""
    loss = LR_RAMP.split()
    steps = [10 * (i + 1) for i in range(len(loss))]
    lr = [f"{0.02 if s <= 1500 else 0.02 + (2.0 - 0.02) * (s - 1500) / 500:.6g}" for s in steps]
    return write_csv(path, {"step": steps, "lr": lr, "loss": loss})


# p65_lr_blip_evals_csv: SGD at 0.05 on the teacher task, 0.5 for updates 2501-2520 (a mistyped LR undone), the
# mean training loss of each 10 updates and the held-out loss every 100, thrown up x2 at the blip.
LR_BLIP = {"loss": """
    2.24985 2.09916 1.85617 1.5164 1.24742 0.896867 0.827991 0.773967 0.847992 0.703159 0.732259 0.68217
    0.58186 0.6346 0.677425 0.699301 0.629242 0.588761 0.65409 0.636164 0.589643 0.64381 0.651278 0.596694
    0.499675 0.630029 0.636834 0.648305 0.704495 0.670771 0.783094 0.577466 0.594413 0.501947 0.487274 0.496849
    0.578423 0.604072 0.551916 0.541492 0.56033 0.521799 0.400948 0.448078 0.464068 0.488639 0.540204 0.563715
    0.462656 0.454495 0.4407 0.408713 0.460101 0.448121 0.459261 0.460573 0.484928 0.454119 0.540271 0.426097
    0.371183 0.46672 0.425329 0.30698 0.4042 0.367939 0.415602 0.339793 0.440109 0.35624 0.444802 0.496149
    0.544964 0.418839 0.542785 0.450292 0.533781 0.396793 0.35042 0.435255 0.346195 0.460298 0.336897 0.355825
    0.2536 0.374513 0.37135 0.527367 0.373965 0.414711 0.488036 0.424779 0.460503 0.385265 0.366884 0.257269
    0.251857 0.274385 0.397855 0.418921 0.311446 0.385229 0.428743 0.367904 0.417443 0.471633 0.557596 0.421536
    0.472737 0.38554 0.319465 0.315033 0.310985 0.310642 0.328526 0.426649 0.316944 0.328933 0.33962 0.279957
    0.318721 0.300657 0.335501 0.39396 0.403453 0.448075 0.354409 0.325221 0.277366 0.262793 0.392202 0.351561
    0.353805 0.324209 0.365265 0.409287 0.41356 0.352921 0.282506 0.368763 0.229598 0.214999 0.23507 0.287955
    0.283847 0.280105 0.259273 0.302382 0.364714 0.382324 0.327517 0.231154 0.339009 0.365768 0.316858 0.249357
    0.161527 0.215722 0.184099 0.294386 0.326196 0.27899 0.274422 0.259116 0.354532 0.300664 0.28736 0.398937
    0.335018 0.290852 0.334611 0.277672 0.264298 0.155789 0.247087 0.217042 0.261651 0.269489 0.32368 0.329741
    0.348688 0.353657 0.303586 0.220781 0.260478 0.323925 0.196012 0.156974 0.239138 0.195273 0.150192 0.255529
    0.324511 0.233846 0.235621 0.284332 0.256739 0.240038 0.219046 0.194405 0.202804 0.234943 0.213255 0.180468
    0.222056 0.175824 0.142081 0.114924 0.158502 0.195027 0.174382 0.347303 0.276391 0.364509 0.184514 0.228565
    0.314778 0.323673 0.330179 0.284932 0.246891 0.204211 0.256015 0.229205 0.251346 0.199885 0.235162 0.251005
    0.214065 0.139647 0.248331 0.29806 0.361267 0.368993 0.242384 0.303707 0.279571 0.223934 0.282769 0.215328
    0.255798 0.162355 0.190344 0.193477 0.265555 0.175665 0.237171 0.281382 0.336493 0.267815 2.77795 2.99457
    2.28745 2.06355 1.96895 1.90632 1.82344 1.86455 1.70762 1.68754 1.34726 1.35774 1.44746 1.37593
    1.33229 1.37055 1.17748 1.02929 0.949492 1.06523 1.05473 1.09055 1.0836 0.858831 1.0589 0.981141
    1.22319 0.963743 0.997896 1.01642 1.08528 0.997036 0.783113 0.906395 0.751998 0.888294 0.955842 0.731235
    0.830166 0.845573 0.980479 0.857522 0.809845 0.670643 0.801093 0.833292 0.828778 0.593967 0.692773 0.653115
""", "val_loss": """
    0.690711 0.731362 0.64523 0.602908 0.603052 0.517696 0.575071 0.612821 0.519302 0.610295 0.567853 0.562218
    0.587494 0.600243 0.590422 0.611282 0.753755 0.755874 0.626494 0.576314 0.714987 0.718482 0.71316 0.708923
    0.822151 1.52979 1.05806 1.1265 0.896649 0.938965
"""}


def write_lr_blip(path: Path) -> Path:
    """LR_BLIP as its CSV: a row every 10 updates with the LR the script set, val_loss on every tenth."""
    loss, val = LR_BLIP["loss"].split(), LR_BLIP["val_loss"].split()
    steps = [10 * (i + 1) for i in range(len(loss))]
    return write_csv(path, {"step": steps, "lr": ["0.5" if 2501 <= s <= 2520 else "0.05" for s in steps],
                            "loss": loss, "val_loss": [val[s // 100 - 1] if s % 100 == 0 else "" for s in steps]})


# p67_lr_blip_sparse_evals_csv: plain SGD at 0.05, corrupted batches at updates 30,000 and 55,000, the LR mistyped
# as 3.0 for updates 75,000-75,004; its held-out loss, evaluated every 2,000 updates (steps 2000-80000).
VAL_AFTER_LR_BLIP = """
    0.5122494697570801 0.4849206805229187 0.4720118045806885 0.4907991886138916 0.5059438943862915 0.5120255947113037
    0.5192441344261169 0.5172868967056274 0.5109254717826843 0.5144264101982117 0.5330323576927185 0.5285283923149109
    0.5284929871559143 0.5363836884498596 3.9030239582061768 0.5316669940948486 0.5384603142738342 0.558382511138916
    0.5447553396224976 0.552146315574646 0.5770497918128967 0.5705066323280334 0.5643545389175415 0.5502530932426453
    0.5447118282318115 0.5578218102455139 0.5479685664176941 0.5510991215705872 0.5483437180519104 0.5509318709373474
    0.5650876760482788 0.5673539638519287 0.5383354425430298 0.5421643853187561 0.5541988611221313 0.5670187473297119
    0.5694640874862671 1.0035643577575684 0.7262906432151794 0.63576340675354
"""


# p68_bad_batch_csv: plain SGD at 0.05 on the teacher task, 8,000 updates, one corrupted batch at update 5,000;
# every update's loss to four significant digits (steps 1-8000).
BAD_BATCH = """
    2.472 2.293 2.326 2.326 2.249 2.33 2.192 2.291 2.177 2.201 2.208 2.166 2.237 2.18 2.079 2.032
    2.029 2.091 2.038 2.057 2.033 1.976 2.168 2.04 2.081 1.888 2.139 1.9 1.954 1.808 2.116 1.939
    1.761 1.927 1.957 1.849 1.794 1.747 1.849 1.774 1.783 1.896 2.016 1.813 1.839 1.906 1.979 1.765
    1.756 1.697 1.921 1.685 1.806 1.85 1.756 1.777 1.654 2.101 1.927 1.907 1.968 1.914 1.773 1.527
    1.464 1.267 1.797 1.452 2.084 1.74 1.576 1.716 1.864 1.736 1.881 1.652 1.864 1.395 1.484 1.582
    1.593 1.345 1.598 1.852 1.46 1.544 1.658 1.418 1.842 1.352 1.398 1.736 1.657 1.411 1.413 1.562
    1.67 1.746 1.961 1.458 1.833 1.777 1.282 1.863 1.4 1.39 1.684 1.518 1.537 1.418 1.217 1.858
    1.449 1.598 1.382 1.649 1.51 1.656 0.9346 1.539 1.275 1.281 1.356 1.387 1.698 1.459 1.867 1.592
    0.9719 1.827 1.237 1.858 1.191 1.836 1.672 1.998 1.544 1.555 1.1 1.519 1.394 1.837 1.412 1.375
    1.27 1.57 1.478 1.621 1.484 2.225 1.52 1.347 1.946 1.566 0.9883 1.859 1.633 2.467 1.298 1.399
    1.34 1.386 1.421 1.398 1.172 1.458 1.461 1.295 1.84 1.312 1.784 1.779 1.405 1.082 1.067 1.124
    1.434 1.353 1.297 1.613 1.269 1.327 1.541 1.159 1.412 1.67 1.08 1.854 1.159 1.615 1.039 1.307
    1.576 1.756 1.536 1.66 1.157 1.367 1.334 1.306 1.411 1.245 1.129 1.204 1.604 1.746 1.104 1.409
    1.286 1.682 1.502 1.404 1.431 1.157 1.096 2.023 1.078 1.525 1.037 1.576 0.8951 1.312 1.648 1.38
    1.34 1.195 1.049 1.426 1.257 0.9988 1.648 1.367 1.534 1.457 1.072 1.16 1.841 1.434 1.714 1.235
    1.516 1.246 1.605 1.463 1.242 1.803 1.03 1.064 0.7441 1.437 0.9542 1.702 0.9715 1.405 1.147 0.9677
    0.7122 1.076 1.39 0.9593 1.067 1.222 1.421 1.513 1.037 0.957 1.403 0.9467 1.382 1.621 1.079 1.587
    1.363 1.203 1.365 1.1 1.442 0.9497 1.542 1.18 0.7274 0.7758 1.011 1.306 1.211 1.64 1.539 1.036
    1.042 1.609 1.081 0.8941 1.436 1.407 1.586 1.255 1.097 1.149 1.062 1.071 1.068 0.8286 1.16 1.22
    1.504 1.285 1.239 2.143 0.9922 1.379 1.227 0.9225 1.261 1.212 1.112 0.8761 0.7228 1.032 1.239 1.428
    1.484 1.45 1.396 1.238 1.012 0.8212 1.15 1.683 1.4 0.8868 1.115 1.446 1.065 0.9739 1.416 0.784
    0.9258 0.9113 0.7389 0.9169 1.478 1.323 0.6655 1.038 0.9767 0.8963 0.9401 1.79 1.232 1.15 0.8225 0.9405
    0.9179 0.799 0.9411 1.446 0.9418 1.227 1.191 0.9154 1.188 0.7916 1.23 1.471 0.7711 1.155 1.214 0.6061
    1.416 1.403 0.9197 1.269 1.368 1.408 1.412 1.115 0.7538 1.332 0.9738 1.272 0.4901 1.492 1.254 0.8814
    1.16 1.334 1.777 1.097 0.727 0.8111 1.722 0.5178 1.554 1.856 1.487 0.7341 1.102 0.4506 1.324 0.9074
    0.6407 0.4798 0.8852 1.066 0.8482 1.363 2.01 1.056 1.417 0.9888 0.662 1.192 1.068 1.063 1.12 0.6197
    1.356 1.197 1.126 0.9614 1.003 0.5836 0.7592 1.059 1.039 0.8728 0.7324 1.403 0.7975 1.548 1.476 0.751
    1.005 1.325 1.003 0.8799 1.293 0.9741 2.181 1.413 1.108 0.8569 0.8812 1.434 1.355 0.405 0.7724 0.8132
    1.156 0.6479 0.7762 1.186 1.32 1.063 1.061 0.8745 1.394 1.139 1.052 0.8186 1.648 1.298 1.028 1.246
    0.7809 0.9796 1.811 1.279 0.9929 1.462 0.9845 0.7899 1.06 1.283 1.117 0.9052 1.216 0.7666 1.865 0.905
    1.107 0.5568 0.8491 1.259 1.193 0.3881 0.7649 0.8684 0.9026 0.8862 1.016 0.7758 0.9278 1.35 1.457 1.396
    1.918 0.7439 1.18 0.8402 0.5692 0.8315 1.259 1.37 1.146 1.679 0.6531 0.7926 1.025 0.9797 1.051 1.38
    0.9056 1.183 1.202 0.6948 1.05 0.9166 1.39 0.6913 0.6744 1.707 0.788 0.7049 0.7475 0.8987 1.429 1.073
    1.179 1.157 0.8018 0.5448 0.5326 0.6095 1.318 0.861 1.013 1.291 1.444 0.6899 1.35 1.151 0.6771 0.7718
    1.274 0.8114 0.8142 0.8527 0.9043 1.283 0.4251 0.51 0.9791 0.9374 0.8199 0.3751 0.8538 0.4963 1.195 1.021
    1.335 1.05 0.5237 0.7211 1.042 0.8677 0.4905 1.004 1.435 0.7902 1.594 1.54 1.264 0.9574 1.056 1.213
    0.5933 1.3 0.7563 1.219 0.6692 1.642 0.6416 1.535 1.374 1.165 0.9706 1.584 0.9994 0.91 0.6958 2.086
    0.8668 1.309 0.7138 0.8829 0.7572 1.086 0.8987 0.576 0.9481 1.092 1.049 0.4288 1.274 0.781 0.8974 0.698
    1.027 1.632 1.666 1.107 1.505 0.9357 1.13 0.9797 1.094 0.9227 0.9236 0.5413 1.654 1.417 0.4858 0.9257
    1.454 0.8178 0.5715 0.8192 0.9013 1.593 0.753 1.036 1.414 0.6312 1.295 0.7234 1.164 0.9158 0.6384 1.015
    0.97 1.259 1.082 0.57 0.9397 0.9038 0.6441 1.027 0.6699 0.399 1.127 1.502 0.542 0.8734 0.8688 0.791
    0.9492 0.6528 0.3297 1.559 1.149 0.9615 1.43 1.643 2.245 1.127 0.3782 1.366 1.492 0.7648 1.063 1.008
    1.089 0.7347 1.013 0.7112 0.67 1.324 0.6732 0.7163 1.116 1.578 0.9221 1.045 0.837 1.352 1.255 1.119
    1.15 1.343 0.9673 1.381 0.7508 0.6148 0.7621 1.651 1.394 0.8988 0.7021 0.8302 1.685 1.072 1.301 0.6693
    1.227 0.9648 0.878 1.096 0.8772 0.8672 1.065 0.9532 0.8299 1.134 0.9895 0.8145 1.326 1.108 1.197 1.044
    1.352 0.7209 0.9753 1.178 1.028 0.5177 0.5119 0.8537 1.311 0.8498 1.075 0.8884 0.9546 1.655 0.6714 0.8728
    1.103 0.996 0.6331 1.063 0.6362 0.7367 0.9447 1.136 0.4485 1.057 0.9192 1.124 0.8355 0.6131 1.13 0.9573
    1.38 0.6396 0.5371 0.4363 1.305 1.149 1.405 0.625 0.6655 0.9064 1.096 0.959 0.2866 0.5852 1.104 1.098
    1.136 0.8193 1.348 1.539 0.5063 0.8002 0.2809 0.8608 1.714 0.5905 1.071 1.526 1.444 0.6598 0.803 1.241
    0.462 1.403 0.449 0.8831 1.287 0.7955 0.5024 0.378 0.8524 1.209 0.4572 1.396 0.7418 0.8797 1.324 1.223
    0.3807 1.207 1.244 1.247 1.12 1.301 0.7569 0.4813 1.329 0.9721 1.239 0.7345 0.65 1.26 0.9806 0.5904
    0.9121 0.5711 0.4843 1.121 1.853 0.8751 0.7513 0.5368 0.7531 1.062 0.866 1.175 0.8437 1.269 1.123 0.7421
    0.4873 1.094 0.7403 0.5024 0.9166 0.4864 1.272 1.47 1.769 0.6808 0.7503 0.6032 0.4168 0.8635 0.7817 0.7756
    1.317 0.9141 0.415 0.7363 0.43 1.281 1.259 0.8359 0.8568 0.3657 1.143 1.573 1.352 0.9771 0.6643 1.169
    0.4792 1.062 0.5244 0.9057 1.101 1.2 0.9534 0.8763 0.9298 0.769 0.5317 0.574 0.8446 1.122 0.959 0.8963
    0.7759 0.88 1.244 0.7384 1.038 1.566 0.7963 1.458 0.7602 1.159 1.054 0.8917 0.6312 1.506 0.9535 1.161
    1.282 1.529 0.7625 0.5769 1.401 1.492 0.9633 0.3908 0.6815 0.8506 0.6364 0.6385 1.721 0.6632 0.6685 0.8224
    0.5831 1.53 0.9915 1.772 1.966 1.644 0.911 0.6459 0.4868 0.765 1.552 0.735 0.6441 1.061 1.79 0.853
    0.6939 1.548 0.8796 0.5942 0.9502 0.5451 0.8834 0.3963 0.5391 0.6071 0.7776 1.023 0.4319 0.7704 1.245 0.7066
    0.7268 0.7007 0.6419 0.8188 0.9624 1.025 0.9912 0.7106 0.5291 0.7672 1.14 1.054 0.5105 0.4405 0.6533 0.8909
    0.3212 0.6322 0.8671 1.372 0.6692 0.7033 1.272 1.256 0.5107 0.7751 0.474 1.211 0.7398 0.7938 1.511 0.8544
    0.6197 0.7947 1.287 1.578 0.7235 0.7681 1.306 0.8844 0.9786 0.8433 1.9 1.479 1.133 0.8275 1.544 1.418
    0.6547 0.5769 1.621 0.9852 1.369 0.9486 0.6634 1.204 0.8295 0.6342 0.9179 1.238 1.632 0.6012 0.9589 0.8123
    0.4716 0.8439 0.9119 0.8317 0.7576 1.025 0.5234 0.7801 0.7851 0.4405 0.4926 0.6808 0.9868 0.8151 0.5999 1.27
    0.8347 0.8775 1.731 0.7023 0.9506 1.314 1.069 0.8209 1.287 0.8359 0.8125 0.7206 1.143 0.91 0.4533 0.6963
    0.9014 0.6273 1.102 0.8275 1.302 0.5907 0.5502 0.7167 0.9594 0.4374 1.093 0.4661 1.374 0.8194 0.7527 0.3558
    0.8576 0.472 0.7566 0.7996 1.415 0.5669 0.6127 0.7635 0.725 1.002 0.8092 1.266 0.8211 0.9061 0.912 0.3901
    0.91 0.7537 0.908 0.7437 1.052 1.134 1.076 1.06 0.7581 0.4151 0.4437 1.352 0.5905 0.4239 0.9265 0.9162
    0.737 0.8633 0.5784 0.9021 0.996 1.059 0.7789 0.6318 0.8087 0.4533 0.8629 0.9394 0.8371 1.154 1.043 0.621
    0.6671 1.45 0.4308 0.8149 0.4327 1.089 0.5454 0.9673 0.8491 1.683 1.2 2.24 0.4985 0.7343 1.045 1.254
    1.015 0.9584 0.7181 0.5569 0.585 1.074 1.149 0.4505 1.188 1.252 1.158 0.7123 1.14 0.8561 1.819 0.7279
    0.7747 0.5744 0.6526 1.008 1.289 0.6331 0.7766 1.09 0.6952 0.7936 0.4965 0.8187 1.953 1.387 1.496 0.8983
    1.069 1.138 0.6492 0.9376 1.316 0.7526 1.025 0.547 0.5668 1.64 1.544 0.5401 1.175 1.306 1.565 0.8996
    1.161 1.11 0.984 0.8874 0.7377 0.8705 0.7866 1.77 0.663 0.9077 0.9639 1.286 0.9408 0.7619 0.9526 1.118
    0.4006 0.9322 1.366 1.521 0.5179 0.6057 0.5899 0.7484 0.8902 0.9671 0.9992 0.7314 0.3744 1.674 1.39 1.098
    0.7767 0.9895 0.7087 0.998 0.8994 0.5227 0.6828 1.28 0.445 1.345 0.8947 1.522 1.153 0.5494 0.9158 0.4133
    0.6378 0.8374 1.918 0.6985 0.959 0.8195 1.164 1.045 0.836 0.644 0.7044 1.391 0.8347 0.4233 1.262 1.529
    0.3774 0.4407 1.045 1.709 0.5028 1.017 0.7303 0.8306 1.003 0.5074 0.9469 0.6333 0.9856 1.314 0.8632 0.7265
    0.9466 0.7421 1.276 0.578 1.014 0.5902 1.671 0.7054 0.9835 0.5821 1.044 0.5074 0.672 0.5592 0.5785 0.7265
    0.9863 0.4047 0.6799 1.016 1.204 0.8126 0.4085 0.5712 0.5233 0.8258 0.3025 1.479 1.423 0.5304 0.8375 0.6939
    1.507 1.028 0.6114 0.6739 0.6346 0.791 1.186 1.056 0.6072 0.7154 0.7571 1.719 1.171 1.245 0.6382 0.624
    0.6434 1.306 0.5599 0.7651 1.05 0.6362 0.9348 0.8363 1.214 0.6304 0.4617 1.019 0.9058 0.5014 1.665 1.516
    1.126 0.5964 1.186 0.8608 1.039 1.391 0.6643 0.6292 0.8373 1.417 0.7282 1.333 1.073 0.8812 1.237 0.6729
    0.7176 0.3742 1.281 0.7458 0.3285 0.7406 0.6317 0.9596 0.4621 0.8147 1.177 1.002 1.372 0.7964 1.33 0.4799
    1.203 1.002 1.13 1.508 0.7203 1.056 0.6198 0.6311 0.9603 0.6628 2.368 1.473 1.35 1.215 1.227 0.9404
    0.8712 1.053 0.9599 0.7746 1.078 1.289 0.4531 0.7118 0.7678 0.8774 1.616 1.143 1.114 0.5781 0.4841 1.055
    0.6607 0.4146 0.9816 1.327 1.623 1.043 0.5103 0.8749 0.6533 1.285 0.39 0.6821 1.039 0.6494 0.4209 0.6506
    0.9585 1.006 0.8414 0.6375 0.4467 1.044 0.5471 0.5113 1.113 1.039 0.6861 0.6291 1 1.116 1.066 0.8012
    0.7169 1.091 1.218 0.7625 0.5903 0.7007 0.7186 1.518 0.6769 1.213 0.5664 0.593 0.8376 0.5506 0.6691 0.5598
    0.4763 0.604 0.9165 0.8897 1.058 0.9522 1.597 1.024 0.4411 0.8857 0.7729 0.5123 0.5166 1.082 0.6046 0.8741
    0.6862 0.7918 1.327 0.5769 0.8216 0.7409 0.9605 1.98 1.2 1.364 0.9622 0.7534 0.9833 1.25 0.4254 1.024
    0.6151 0.5911 1.036 0.5639 1.848 1.249 0.8398 0.5947 0.3748 0.9595 0.8234 0.6428 1.385 0.5836 0.6202 0.4691
    0.8427 1.866 1.301 0.8912 0.652 0.8569 1.103 0.7332 0.6023 0.9333 0.9079 0.8442 1.057 0.7275 0.5877 1.244
    0.6012 0.6565 1.001 0.4913 0.5381 0.7473 1.057 1.12 0.4853 0.6635 1.231 0.4207 0.9562 0.7316 0.5402 1.16
    0.8034 0.6812 1.269 1.58 0.6134 0.8853 0.4298 0.5062 0.9351 1.508 1.06 0.6145 0.71 0.7639 0.8118 0.9152
    0.8383 0.9989 0.6565 0.5289 2.112 0.8007 1.487 1.603 0.512 0.8183 1.661 0.791 0.6102 0.8593 0.9531 0.3709
    0.6293 0.7157 0.646 0.9237 1.08 1.002 0.842 0.4733 0.2816 0.9607 0.6762 1.039 0.9829 0.6095 0.8138 0.9487
    0.8822 0.8573 0.8032 0.9203 0.6052 1.254 1.206 0.3893 0.803 0.3474 1.024 0.5432 0.8555 0.802 1.168 0.3978
    1.359 1.199 0.6698 1.054 1.031 0.7684 1.196 0.8279 0.3735 0.9579 0.4147 0.8198 0.4475 1.948 0.9539 1.342
    1.09 0.99 1.017 0.5968 0.6376 0.4794 0.7182 0.8256 0.6845 0.807 0.8462 0.4827 0.515 0.7205 0.5623 0.8268
    1.083 0.6977 0.781 0.6702 0.5786 0.3849 0.8677 0.539 0.5137 0.8994 0.7553 1.096 0.937 1.291 0.3793 0.7202
    0.455 1.907 0.5759 1.236 1.262 0.6763 0.6411 1.232 0.396 0.8362 0.7414 0.3912 1.362 0.45 1.496 1.583
    0.4373 1.468 0.4839 0.9334 0.6999 0.8798 0.9045 1.212 0.8632 1.046 1.044 0.8311 1.117 0.8287 0.4915 0.9362
    0.7085 0.6196 1.523 0.5984 0.8447 0.4472 1.066 0.5321 1.391 0.4348 0.8824 1.238 1.361 0.335 0.2614 1.781
    1.06 1.043 1.081 1.53 0.7579 0.7065 0.6715 1.539 0.6005 0.846 1.274 0.6174 0.6438 0.8974 0.6999 0.9733
    1.263 1.055 2.167 0.9098 0.7241 0.6442 1.474 0.979 0.3094 0.8987 0.5602 0.4304 0.9786 0.5897 1.457 1.448
    0.2076 0.6164 0.7519 0.3378 0.3568 0.511 0.4781 0.6759 0.8346 0.7344 0.3161 0.667 0.4041 0.7627 1.225 1.332
    0.4984 0.6401 1.149 0.7848 0.9601 1.2 0.8174 0.7199 1.027 1.206 0.7418 1.598 0.988 0.7432 0.9986 0.6556
    0.8947 1.633 1.868 1.491 0.5706 1.223 0.6972 0.3516 1.077 0.2458 1.175 0.9067 1.37 0.3998 0.513 1.567
    1.118 0.6356 0.7938 0.8038 0.8491 1.02 1.067 1.179 0.9575 0.8161 0.6581 0.2587 0.9182 0.5989 0.8909 0.8133
    0.476 1.316 1.296 0.8977 0.8556 0.8348 0.8039 1.096 0.2312 1.002 0.5317 0.9804 1.431 0.3278 1.255 0.4746
    1.826 0.5427 0.5166 0.6635 0.8457 1.663 1.272 0.5479 0.3869 0.9724 0.3471 0.9971 1.055 1.239 0.4986 0.8843
    0.4466 0.7395 0.2385 0.5617 1.011 0.8967 0.544 0.357 0.336 0.8727 0.7504 0.6805 0.4927 0.7211 1.23 1.161
    0.4075 1.019 1.327 0.516 1.569 1.204 1.406 0.434 0.6708 0.6481 0.2413 0.5556 0.6357 0.9172 1.136 0.4493
    1.006 0.4479 1.191 0.4927 1.394 1.539 1.338 1.044 0.7765 0.9054 0.463 0.9869 1.212 0.4126 0.7915 0.8151
    1.145 1.314 0.8774 1.37 0.4341 0.7924 1.507 0.5817 0.5804 1.432 0.9488 1.079 0.8066 1.059 1.052 0.5248
    1.31 0.5088 1.744 0.5547 0.8536 0.6775 1.265 0.4983 0.6628 1.072 1.241 0.7735 1.218 0.6173 1.772 1.048
    0.7221 0.8509 1.313 1.375 0.9574 0.8862 0.7277 1.042 1.214 0.5646 0.5278 0.4413 0.8255 1.05 0.5204 1.896
    0.9156 0.8238 0.4039 1.5 1.153 0.9492 0.9805 1.136 1.362 0.694 0.6832 0.8365 0.5476 0.556 0.3613 0.4505
    0.821 0.7243 1.079 0.85 1.465 0.905 0.5247 1.15 0.6321 0.377 0.4462 0.6624 0.9011 0.8146 0.5135 0.7558
    1.596 0.5974 0.5714 0.8102 0.532 0.6826 0.9936 1.371 0.8454 0.6558 0.8552 0.449 0.4683 1.262 0.73 0.8225
    1.546 2.064 0.5328 1.012 0.6098 0.677 0.8977 1.31 0.7751 0.7709 0.5014 0.8418 1.685 0.7078 0.9709 0.3703
    0.2891 0.9093 0.3684 1.049 0.8923 0.8741 0.4405 0.7595 0.8613 0.4665 0.8192 1.058 0.5622 1.147 1.053 0.8117
    0.3408 0.5005 1.128 0.9671 1.28 1.003 0.7192 0.6319 1.01 0.4396 0.5327 0.7679 1.242 0.8946 0.6002 0.3179
    0.6401 1.237 1.752 0.7687 0.7403 1.164 0.6732 0.9443 0.6868 1.587 1.11 0.4398 0.9336 0.9302 0.7506 0.6923
    1.121 1.378 0.8046 1.306 0.5709 0.5775 0.6792 1.517 0.6049 1.212 1.094 1.311 0.5496 1.271 0.6992 1.464
    1.615 0.7833 0.8183 0.4212 0.6757 0.7887 0.5702 1.185 0.8733 0.4547 0.5409 0.7485 0.8265 0.8263 0.5044 1.144
    0.4817 0.3513 2.033 0.7206 1.13 1.07 0.9612 0.4991 0.5092 0.3744 0.764 0.4809 0.3854 1.261 1.287 0.5584
    1.016 0.5211 0.8642 1.352 1.291 0.7461 0.728 1.297 1.215 0.9588 1.55 1.153 0.4482 1.146 1.467 1.238
    0.9937 0.8988 0.6181 0.642 0.8957 0.5066 0.784 0.4359 1.259 0.4038 1.408 0.9821 0.6207 0.3497 0.9735 1.762
    1.144 0.3619 1.027 0.6439 0.5533 1.003 0.3584 0.5211 0.7848 1.077 0.2625 0.9573 0.65 0.9669 0.9224 0.6923
    0.8198 1.047 0.4958 0.6753 0.9819 0.9142 1.463 0.4134 0.5663 0.5469 0.9612 1.145 0.9513 1.688 0.5088 0.8035
    1.1 1.046 0.7535 0.3612 0.4438 0.4072 1.161 0.8921 0.531 1.026 0.3662 0.5203 0.7649 1.136 0.7131 1.063
    0.5426 0.7098 0.6611 1.132 0.8694 0.2987 0.5855 0.6391 1.249 1.042 0.7118 0.5994 0.9686 0.3275 0.3278 0.9377
    1.282 0.8145 0.7238 0.6047 1.066 0.7186 0.6594 0.361 0.9528 0.3294 0.8532 1.065 1.223 1.611 0.4325 0.8412
    1.015 0.4387 1.904 0.7448 0.5121 1.575 1.024 0.4823 1.648 0.5372 0.9089 0.4733 0.7815 1.002 1.602 1.016
    0.831 1.192 1.564 0.6278 0.58 0.9038 0.8698 0.713 0.9294 0.4913 0.478 0.8829 0.4176 0.5599 0.3714 0.3313
    0.5773 0.4296 0.7981 1.506 0.7405 1.956 1.223 0.5115 0.6113 1.09 0.8959 1.044 0.5702 0.8797 0.4841 0.6475
    0.5292 0.7571 0.7694 0.4483 0.9641 0.5034 0.9816 0.8697 0.6969 0.9081 0.6506 1.828 0.7023 0.5102 0.6082 0.6641
    1.28 0.7577 0.9522 1.732 1.294 0.6359 0.8146 1.016 0.473 1.461 1.251 0.6987 1.006 0.4393 0.4727 0.7326
    1.354 0.8328 0.5853 1.421 0.6768 0.999 0.8903 0.7596 1.341 0.5114 0.4995 0.9602 1.425 0.7782 0.4439 0.5996
    0.5873 0.9833 0.489 1.099 0.8858 0.9121 0.6046 1.371 0.5103 1.906 0.6662 1.221 1.51 1.266 0.7446 1.034
    1.571 0.5444 0.3881 0.5744 1.634 2.274 0.721 0.7954 0.9669 0.3764 0.7177 1.08 0.5529 0.8596 0.4296 0.7385
    1.456 0.544 0.678 0.5659 0.5528 0.6083 0.834 0.4418 0.6047 0.5469 1.426 1.104 1.937 0.4129 0.5149 1.919
    1.023 0.7474 0.6643 0.9319 0.3649 1.485 1.026 0.9875 0.6437 0.6713 0.7653 0.587 0.9506 0.9778 0.4528 0.6719
    0.9828 0.5645 0.2899 1.024 0.6109 0.4159 0.3876 0.5837 1.013 1.179 0.5298 0.6071 0.7393 1.228 0.9129 1.202
    0.7006 0.3932 0.6756 1.016 1.137 0.5337 0.9471 0.8751 0.5232 0.6084 0.728 0.6732 0.7595 1.293 1.193 1.069
    0.5726 0.6505 1.211 0.975 0.8353 0.8514 1.16 0.4088 0.7203 1.145 1.499 0.9138 0.6926 0.4642 1.256 0.933
    0.7285 1.16 0.8381 0.4224 0.814 0.4707 0.9136 0.9514 1.107 0.6031 0.4492 0.7637 0.5561 0.7676 0.3841 0.5038
    1.033 1.799 0.9952 0.7687 0.9343 0.8223 0.8045 0.4597 0.3397 0.9181 0.2453 0.5901 0.3929 0.5283 0.4853 0.7469
    0.5383 0.6179 0.7503 0.8569 1.586 1.127 1.082 0.4436 0.9616 0.6797 0.4248 0.4271 0.5596 0.6321 1.05 0.7358
    1.616 0.9578 1.238 1.109 1.017 1.276 0.6711 0.9224 0.2964 0.6186 0.4056 0.8345 0.9026 1.276 0.8003 0.4825
    1.005 0.5172 0.4978 0.7891 0.9461 1.05 0.8304 1.504 1.479 0.822 0.7239 1.732 0.3869 0.647 0.5331 1.086
    2.011 1.066 0.8928 0.599 0.8296 1.098 0.7366 0.8876 0.5201 0.8446 0.9679 0.6598 0.6554 0.3118 0.4245 1.2
    0.3527 1.484 0.552 0.4096 0.7806 0.5479 0.3633 0.6686 1.288 0.845 0.8312 0.9223 0.6229 0.5542 0.6762 0.4982
    1.306 1.095 1.027 0.5822 1.105 0.7838 0.5242 1.148 0.6248 0.648 1.256 1.305 1.008 1.329 0.7295 1.503
    1.561 1.096 0.5785 1.241 0.8591 0.812 0.302 0.5183 0.8829 1.326 0.4419 0.673 0.7754 1.974 0.7699 0.7848
    0.307 0.6772 1.352 0.7627 0.7777 0.7501 0.9973 0.6593 0.3448 1.681 0.8563 1.092 0.3428 0.6779 0.7306 1.212
    0.2947 0.4335 1.131 0.6621 1.33 0.4235 0.3306 1.292 1.017 0.243 1.887 0.6223 0.8625 0.7032 0.5658 1.447
    0.9238 0.7177 1.737 0.9879 1.202 1.022 0.4558 0.302 0.5129 0.6114 0.5875 0.7913 0.2922 1.177 0.6585 1.073
    0.6284 0.4166 0.7055 0.7513 0.4398 0.5497 1.188 0.7733 0.4422 0.5345 0.7846 1.529 0.5478 0.5017 0.5501 1.19
    0.7686 0.7907 0.6248 1.216 0.5979 0.9907 0.5473 0.6588 0.3865 0.5149 1.444 0.662 1.59 0.5741 0.8987 1.074
    1.349 1.375 1.158 0.8311 0.2103 0.7417 0.4684 1.276 0.4569 1.256 1.037 1.061 0.7992 0.7633 0.4976 1.886
    0.5722 0.6672 0.3373 0.2659 1.265 0.2839 1.015 0.6143 0.3554 0.8682 0.6185 0.3519 0.4941 1.074 0.7003 0.6012
    0.8654 1.321 0.8556 1.177 0.1742 0.3897 0.7867 0.9114 1.364 0.2638 1.276 0.6458 0.2899 1.27 0.4469 0.9151
    0.8032 0.4 1.822 0.7088 0.6186 1.188 1.615 0.5999 1.057 0.581 0.6268 1.152 0.7089 0.9842 0.8971 0.4049
    0.7227 0.8334 0.848 1.308 0.9937 0.8836 1.309 0.5695 0.7595 1.778 1.185 1.193 0.9116 0.5982 0.4815 0.4965
    0.9349 0.595 0.8868 0.2808 0.9571 0.9271 1.472 0.3602 0.7026 0.4899 0.9747 1.21 0.3623 1.01 0.614 0.5103
    0.6513 0.5703 0.5637 0.9962 0.9152 0.3955 0.8121 0.4912 1.241 0.5028 0.6025 2.012 1.567 0.6864 0.8577 0.9924
    0.8122 0.937 0.8498 1.575 0.9444 0.9953 0.4758 0.9917 0.626 1.57 0.8282 1.777 0.9431 0.5862 0.3652 0.62
    0.6708 0.9505 1.184 0.7992 0.3868 0.9273 0.6856 0.6856 1.342 1.162 1.145 0.8528 0.7248 0.8956 0.7673 1.458
    0.6878 1.456 0.81 0.9566 1.006 0.7743 0.4083 1.207 0.468 0.8176 0.7728 1.458 1.347 0.626 1.036 0.6469
    1.173 0.2176 0.7954 0.7927 0.6188 0.4534 0.4565 1.279 0.3524 1.526 0.8262 1.07 1.226 0.8126 0.965 0.7191
    1.136 0.4857 0.3873 1.574 1.142 0.5607 0.554 0.3208 0.4845 0.2465 0.9739 0.9553 0.9754 0.4761 0.5515 1.257
    1.561 0.2987 0.5594 0.5502 0.9477 1.385 1.027 0.9239 0.6581 1.464 0.9569 0.7455 0.7864 0.5392 0.9333 0.8174
    1.201 0.8016 0.9043 0.861 0.964 0.7104 0.8731 1.415 1.457 1.365 0.6632 1.475 0.5166 0.6634 0.871 1.043
    0.3827 0.6292 0.5987 0.3135 1.22 0.749 1.359 0.911 0.5628 0.7097 0.8525 1.057 0.743 1.27 1.118 0.5808
    0.4289 0.9629 0.8506 0.757 0.5413 0.3796 0.6004 0.4074 1.098 1.316 0.5497 1.811 0.9638 0.3858 0.6612 0.5645
    0.9105 0.9171 1.778 0.6169 0.6745 0.4563 0.5451 1.11 0.8737 1.085 0.9592 0.689 1.215 1.166 0.7741 0.5931
    0.625 0.4854 0.8179 0.934 0.3987 0.8357 1.344 1.802 0.841 0.7037 1.332 0.4805 0.84 0.6445 0.9505 0.5868
    0.4581 0.7964 0.6458 0.9988 0.8502 1.263 1.291 0.6381 0.6289 0.5699 0.5798 0.4362 0.6316 1.369 0.6804 1.242
    2.006 1.167 0.7356 1.129 0.3403 0.8452 0.8518 1.051 0.4748 0.3905 1.415 1.372 1.326 0.4548 0.9178 1.044
    0.5447 0.4466 0.4586 0.8146 0.2435 0.9014 1.402 1.006 0.6679 0.4213 0.7065 1.327 0.9174 1.106 0.2754 0.9147
    0.6802 1.128 1.078 1.425 0.8975 0.7429 0.7616 0.8394 0.4424 0.7669 0.9239 0.3351 0.9893 1.01 0.753 0.4254
    0.4444 0.743 0.4002 0.4969 0.8302 0.4324 1.171 0.376 0.8397 0.6159 1.525 1.366 0.8472 0.5983 1.52 1.133
    1.341 0.7112 0.385 0.5578 0.2634 0.7968 0.4859 1.886 0.8886 0.4359 0.5754 1.097 0.4897 0.4237 0.7678 0.4248
    0.7955 0.9262 1.038 0.5345 1.374 0.8997 1.02 0.9035 0.3744 1.211 1.019 1.112 0.5634 1.261 0.9365 0.4073
    0.5442 0.8124 0.3584 0.9284 0.5483 0.6837 0.638 0.7955 0.5807 0.5552 0.2341 0.3524 0.9434 0.4909 0.4316 0.6234
    1.221 1.906 0.8601 0.3564 0.4487 0.3528 1.185 0.5867 1.007 1.583 1.187 0.8331 0.5247 1.11 1.171 0.7319
    0.3399 0.5328 0.2225 0.494 0.9736 1.077 0.9606 0.343 0.6282 0.6903 0.7852 0.6931 0.3588 0.7455 0.8617 0.7463
    0.7396 0.3917 0.9716 0.7515 0.7027 0.7246 0.9104 0.8782 1.11 0.9465 0.5825 0.8468 0.6451 0.7218 1.286 0.5655
    0.4776 1.489 0.5027 1.169 0.8561 0.6766 0.4461 0.7116 0.6712 0.3231 1.457 0.7003 0.6105 0.9442 1.245 1.191
    0.9593 0.6921 0.4158 0.7378 0.9494 1.035 0.6365 1.427 0.7767 0.5624 0.9115 1.203 0.753 0.3404 0.3571 1.033
    0.5844 0.5923 1.041 1.057 0.9921 1.295 0.8166 1.047 0.8717 0.6405 0.6028 0.9943 0.9158 0.6212 1.378 1.418
    0.6385 0.5635 1.305 1.305 1.067 0.6187 0.7639 0.4683 1.017 0.3857 1.337 0.9029 0.2393 0.9409 0.9385 0.903
    0.4064 1.447 0.7883 0.6191 1.013 0.5321 0.8444 0.4495 0.8551 2.116 0.8293 0.39 0.8782 0.6045 0.3691 0.8565
    1.093 1.453 0.9068 0.9667 1.126 0.9032 0.3684 0.5913 0.8303 0.7352 0.7682 0.8163 0.8604 0.4771 0.5747 1.619
    0.4157 0.8464 0.5489 0.567 1.026 0.3675 0.4623 1.074 0.7319 0.4742 0.6044 1.497 1.012 1.086 0.4171 0.5577
    0.3004 1.614 1.191 0.6972 1.861 0.9459 1.089 0.5307 0.7737 1.162 0.9051 1.319 0.6569 0.8869 1.641 0.632
    1.214 1.065 0.7111 1.167 1.105 0.7872 1.095 0.5168 0.7367 1.223 0.8909 0.8674 1.007 0.6456 0.9408 1.511
    1.201 0.4248 0.3028 0.8171 0.7385 0.5866 0.57 1.037 1.445 0.3528 0.9056 0.434 0.8962 0.9704 0.7428 0.7039
    1.289 0.2291 0.8381 0.4605 0.523 0.5639 0.7968 1.63 1.046 0.2773 0.6654 1.305 1.056 1.443 0.4529 0.6821
    1.405 0.4443 1.065 0.8005 0.5799 1.207 0.5345 0.9747 0.3986 0.741 0.7568 0.4393 0.4034 0.2289 1.97 0.874
    0.6093 0.97 0.5676 0.9061 0.7365 0.6259 1.344 0.5089 0.7201 1.344 0.6754 0.4782 1.344 0.789 1.571 0.5143
    0.9392 0.9896 0.4516 0.9345 1.468 0.416 0.8923 0.5344 0.7801 1.564 1.249 1.109 0.7255 0.4464 0.8205 0.6798
    0.3472 0.6449 0.9469 0.7896 0.6302 0.7716 0.7965 0.7258 0.8101 1.374 0.7763 1.169 0.8111 0.5641 0.8163 0.4916
    0.5075 0.9667 0.8445 0.6108 0.2514 1.688 0.8678 0.9864 0.3047 0.7487 0.6919 1.077 0.8832 1.109 0.6077 1.299
    0.8096 0.667 0.561 0.7594 0.1685 0.47 0.6513 0.6883 0.9941 1.073 0.4891 0.2831 1.052 1.095 0.4469 1.015
    0.6539 1.47 1.086 0.6637 1.036 1.417 0.8685 0.6436 1.125 1.134 1.244 0.3964 1.782 1.836 0.8283 1.788
    0.6398 1.823 0.3848 1.019 0.767 0.992 1.257 1.593 1.276 0.9399 0.7497 0.5136 1.447 0.4791 0.6621 0.4857
    0.4855 0.4758 0.6336 0.8102 0.3254 0.3007 0.385 0.759 0.5627 0.6035 0.301 0.7461 0.3554 0.7068 0.7191 0.4422
    0.9875 0.7789 0.84 1.355 0.7437 1.045 0.531 0.5197 0.5958 2.094 0.4823 0.6833 0.7059 0.5274 0.542 1.013
    0.4643 0.2054 0.5739 1.616 0.6669 0.7068 0.5514 0.7078 0.5415 0.7923 0.9837 1.017 1.705 0.5797 0.8714 1.202
    1.229 0.6214 0.7961 0.6313 0.797 0.4411 1.312 0.7873 0.6171 0.6466 0.5357 0.9433 0.719 0.6537 0.7298 1.194
    0.4923 1.592 0.5338 0.8845 0.5965 1.041 1.342 0.9276 0.9281 0.7443 0.9144 1.378 0.3258 0.4679 1.077 1.239
    0.7448 0.7598 1.058 0.6158 1.062 0.9607 0.3293 1.624 0.9322 0.404 0.8327 0.6502 0.6423 0.5754 0.4631 0.3681
    0.5276 1.273 0.6848 1.125 0.3705 0.5726 0.7976 1.155 0.8124 0.8224 1.206 0.5681 0.6635 0.8328 0.7021 0.8883
    0.4762 1.123 0.89 1.236 0.8674 0.7192 1.065 0.7881 0.7944 0.3261 0.7141 0.8544 0.4979 0.7809 1.027 0.7694
    0.8812 0.6365 0.4756 0.2698 1.745 1.441 0.7663 0.5916 0.5899 0.3502 0.789 0.791 0.6353 0.688 0.8403 1.71
    0.8048 0.6992 1.792 0.3319 1.216 0.229 0.6747 0.642 1.005 0.5465 0.7717 0.992 1.042 1.262 0.8974 0.3018
    0.9303 0.7199 1.18 1.078 0.6578 1.002 1.276 0.9173 0.7096 0.4346 0.5819 1.029 0.9405 0.8591 0.8636 0.8667
    0.4141 0.3363 1.261 0.7869 1.474 0.63 1.44 0.319 0.6928 0.4889 1.114 0.6591 0.5533 0.5942 1.032 0.9238
    0.5728 0.6134 1.149 1.093 0.481 0.7026 0.9091 1.034 0.8269 1.153 1.536 1.291 0.4655 0.4777 0.6225 1.705
    0.1967 0.809 0.556 0.7295 0.9656 1.553 0.7973 0.5599 0.8188 0.3346 0.775 0.7092 0.8834 0.831 1.032 0.7687
    0.9637 0.7281 0.7364 1.635 0.769 1.091 0.8319 0.5736 0.5525 1.073 0.7104 0.9351 0.345 0.898 0.8507 0.8883
    1.08 1.284 0.3841 0.9286 0.3568 1.155 0.5483 1.445 0.9365 0.5185 0.3689 1.455 0.5194 0.4955 0.6735 0.3671
    0.5407 0.2777 0.5359 1.139 0.3188 0.9774 0.3199 1.163 0.618 0.5005 0.8841 0.9724 1.179 0.8891 0.5789 0.4726
    0.4915 0.4251 0.6115 0.5553 1.162 0.8722 0.4317 1.425 0.7887 1.085 0.5504 0.4168 0.6139 0.9855 0.5097 0.4539
    1.14 1.106 0.8012 0.6462 0.31 0.7942 0.7704 1.303 1.433 1.185 0.5542 0.8019 0.571 0.8796 0.5395 1.239
    1.046 0.7753 0.5862 1.225 0.4853 0.3587 1.095 0.4338 1.873 0.8162 0.9159 0.8842 1.6 1.532 1.54 1.053
    0.8384 1.152 0.7334 0.8172 0.4334 1.506 0.6573 1.254 1.073 0.6597 0.4783 0.8441 1.374 0.3868 0.8291 0.8036
    0.6661 0.3141 1.425 1.198 0.7594 1.048 0.8619 1.081 0.6497 0.833 0.4902 0.6197 0.7937 0.6489 1.021 0.4285
    0.7513 1.127 0.7132 0.7861 0.3243 0.6137 0.2886 0.8006 1.125 0.7078 0.7086 0.9881 0.4118 0.7969 0.5041 0.3536
    0.8833 0.9897 0.8224 0.6076 0.8384 0.3773 0.7913 0.5991 0.4409 0.4246 0.888 0.5435 1.605 0.9318 0.4214 1.004
    0.6203 0.572 0.7802 1.021 1.641 0.5855 0.6982 0.8203 0.7378 0.9346 1.197 0.7448 0.5508 0.8821 0.989 0.8561
    1.073 0.7181 1.451 0.7854 0.5361 1.515 0.5562 1.48 0.2648 0.8407 0.9488 1.06 0.7176 0.6106 0.7529 1.37
    0.2796 0.6656 0.2875 1.283 1.128 0.7059 1.027 1.497 0.6627 0.6581 0.8313 1.42 0.7125 0.5013 0.5783 1.178
    0.4141 1.017 1.491 0.547 0.5723 0.501 0.9881 1.453 0.984 1.123 0.5744 0.9182 0.4778 0.5392 0.7089 0.491
    0.2092 0.9552 0.6943 0.6479 1.252 0.7178 0.4576 0.7941 0.4608 0.943 0.2969 0.3827 0.9196 0.8331 0.7375 0.5731
    1.299 1.388 0.8234 0.3692 0.8158 0.6703 0.763 0.8322 0.8598 1.274 0.8734 0.734 1.38 0.5236 0.8731 0.4726
    0.4322 1.012 1.103 0.491 1.46 1.362 0.5204 1.128 0.7944 0.3883 0.4792 0.7631 0.8368 1.125 0.4328 0.4528
    0.3014 0.6983 0.8511 0.3527 0.5142 1.297 0.8482 0.951 0.7887 0.8659 0.2275 0.9216 0.9196 0.4894 0.7515 0.8998
    0.589 0.8402 1.19 0.9841 1.972 1.025 0.5487 0.3776 0.8561 0.7576 0.7776 0.6967 1.657 0.9275 1.098 0.8735
    0.5019 0.6978 1.047 0.3103 0.9285 1.351 0.477 0.6355 1.035 0.5117 0.7184 1.463 1.004 0.8163 0.7035 1.256
    0.7679 1.001 0.5026 0.8726 0.6039 1.623 0.8215 1.031 0.4268 0.2489 1.323 1.353 0.4189 1.153 0.484 0.62
    0.9617 0.4957 0.336 0.4631 1.035 0.4221 0.5799 0.719 0.6164 0.9213 1.458 0.7239 0.4507 1.173 1.245 0.5965
    0.8767 0.8447 0.3898 0.7014 0.6735 1.026 2.24 0.4152 0.9122 1.624 0.4437 1.136 0.7435 0.3418 0.3813 1.222
    0.8833 0.7042 0.5451 0.3939 0.4135 0.5304 1.072 1.471 1.063 1.035 1.904 0.3913 1.679 0.5254 1.278 0.3382
    0.7533 0.5994 0.9093 0.7102 0.562 0.3249 1.281 0.9216 1.152 0.4843 0.607 1.129 0.3691 0.9267 0.8518 0.4455
    0.4297 0.7828 0.3763 0.7226 0.8782 0.5684 0.966 0.728 0.5169 0.5549 0.6029 0.5099 0.9113 0.344 0.8308 1.049
    0.2957 1.098 0.9501 0.586 0.8673 0.7837 1.408 0.7945 1.043 1.397 0.6817 0.8618 0.1502 0.4616 0.3596 0.9957
    1.084 0.3329 0.2234 0.3015 0.8448 0.931 0.4849 0.8348 0.9865 0.2946 1.472 2.144 0.7632 1.09 0.7958 1.024
    2.279 0.7728 1.05 1.258 0.5588 0.9185 0.7472 1.018 0.4945 0.3106 0.7355 0.5966 0.8117 1.047 0.3886 0.6768
    0.6571 0.5796 0.6782 0.3554 0.5853 1.017 0.3919 0.764 1.279 0.9666 0.9046 0.9246 0.4314 0.5179 0.7003 0.2589
    0.7304 0.4889 0.8756 0.7526 0.7616 0.7443 0.4434 1.264 0.7096 0.6372 0.8698 0.9591 1.035 1.166 0.7337 0.6093
    0.603 0.7344 0.7626 0.6942 1.19 0.4869 0.6576 0.5562 0.6105 0.603 0.4307 0.924 0.549 0.7548 1.288 0.5426
    0.286 0.9149 0.359 1.304 0.405 0.301 0.7355 0.6232 1.047 0.3881 0.8178 0.4202 1.073 0.8439 0.3373 0.3522
    0.912 0.5424 0.401 1.416 1.217 0.6268 1.412 1.129 0.6621 1.156 0.9421 0.7725 1.017 1.11 0.5866 1.219
    0.4709 0.2793 1.212 0.8294 0.8034 1.128 0.9761 0.2885 0.7412 0.5563 0.3728 1.592 0.5307 0.8333 0.3661 0.8971
    0.7176 0.3895 1.341 0.6539 1.189 0.4915 0.9789 0.3997 0.3036 0.8755 1.405 0.7903 1.013 1.246 1.555 0.5411
    0.7887 0.8881 0.7531 0.5931 0.9255 0.8066 1.198 0.6605 0.8981 0.491 0.4296 0.3171 0.6501 0.2612 0.966 0.2175
    0.3971 1.149 0.5125 0.3432 0.2403 1.195 0.7272 1.339 0.8396 0.7459 0.5251 0.9764 1.524 0.7401 1.084 1.173
    0.521 0.755 0.6502 0.8785 0.3912 0.8318 1.125 0.7129 1.012 0.4716 0.9144 0.777 0.563 0.5163 2.057 0.7413
    0.9873 1.359 0.5533 1.065 0.3878 0.5455 0.4449 0.6109 0.9597 1.6 0.3615 0.844 1.846 1.174 1.009 1.21
    0.763 1.114 1.379 0.7333 0.5477 1.175 1.308 0.6101 1.27 1.291 0.6445 1.27 1.015 0.4698 1.234 0.3686
    1.158 0.6013 0.695 0.5887 1.199 0.8166 1.179 0.3099 1.316 1.235 0.6114 1.572 0.7258 0.9197 1.022 1.228
    0.4396 0.6317 0.8092 0.4097 0.9018 1.022 1.512 1.523 0.4769 1.707 1.27 0.9054 1.502 0.6977 0.755 0.8331
    0.3889 0.8812 0.5409 0.4678 0.5707 0.9679 0.7937 0.4016 1.129 0.7536 0.5238 1.531 0.3687 0.9013 0.42 0.4458
    0.3647 0.842 0.3176 0.4723 0.735 0.3901 0.1822 0.7014 0.3815 0.9581 0.772 0.3134 0.6738 0.4948 1.132 0.6385
    0.8113 0.9756 0.6317 0.8904 0.5134 0.5109 0.7891 0.7917 1.052 0.1845 0.8551 0.4305 0.2361 0.6558 1.23 0.5757
    1.313 0.856 1.035 0.5575 1.63 1.287 0.665 0.8871 0.6162 0.3834 0.7773 0.9582 0.6341 0.9313 1.135 0.6886
    0.5855 0.6752 1.093 0.3977 1.207 0.4856 1.101 0.4538 1.425 0.9029 0.7029 0.4219 0.8058 0.5581 0.7788 0.6096
    1.112 0.3188 0.697 0.9577 1.227 1.627 0.5094 1.04 1.067 0.9189 0.6425 0.8557 1.218 0.8712 0.8064 0.7842
    0.9272 1.436 0.8966 0.9275 0.9234 0.4312 1.139 0.2578 0.6058 0.9182 0.7635 0.8274 0.6025 1.056 0.4326 0.8194
    0.6944 1.282 0.8661 0.7201 0.594 0.8606 1.26 0.9724 0.7104 1.312 0.2628 0.6607 1.138 0.8868 0.1606 0.667
    0.3361 1.205 0.6466 0.8587 0.7873 0.4112 0.5975 0.543 1.067 0.9233 1.342 0.6684 0.7581 0.4779 1.304 0.4129
    0.3757 1.689 0.2838 0.849 0.6798 1.099 1.426 0.5173 0.9868 0.4095 1.242 0.818 1.006 1.616 0.5854 0.9248
    0.3325 0.688 1.073 0.8126 1.318 1.162 0.2449 0.7475 1.243 1.559 0.4045 0.7355 0.8791 0.6898 0.8939 2.008
    0.4686 0.6092 0.627 1.107 1.007 1.555 0.7036 0.9908 0.9676 0.6587 0.9429 0.6806 0.4299 1.026 0.5368 0.7031
    0.6371 0.8239 0.5967 0.3046 0.7259 1.029 0.2084 1.287 0.9915 1.705 0.2802 0.3977 0.8277 0.8796 0.7409 0.7821
    0.8121 0.9514 0.6736 0.9932 0.6779 0.3621 0.8873 0.4234 0.422 0.763 0.861 0.733 0.5021 0.6864 0.9768 0.2837
    0.7569 1.117 0.9889 0.6522 0.4889 0.6308 1.11 0.7834 0.9791 0.3013 0.583 0.7141 0.6267 0.9745 0.4572 0.9747
    0.9036 0.483 0.7065 1.011 0.6683 0.4591 0.7385 0.8085 0.6762 0.5398 0.3058 0.4711 0.4538 0.5771 0.8105 0.5524
    0.8694 0.7721 0.505 0.6998 0.7722 0.6013 0.6013 0.51 0.7929 0.7107 0.8217 1.027 0.828 0.9031 0.9397 0.9951
    0.8452 0.7867 0.353 0.429 0.74 1.289 0.5993 0.8934 1.047 1.47 0.5621 0.753 0.6724 0.9245 0.5972 1.01
    1.166 1.996 0.5523 1.021 0.5855 0.4912 0.8895 0.8116 0.4005 1.239 0.9531 0.7755 1.362 0.7847 0.5258 1.072
    1.347 0.3214 1.002 0.6537 0.8378 0.5566 0.8759 1.241 0.7469 1.236 1.139 0.3322 0.4605 1.089 0.7066 0.8592
    1.102 0.3482 0.5882 0.8983 0.5491 0.3978 0.8603 0.4284 0.4448 0.5916 0.8218 0.6062 1.233 0.669 0.8522 1.189
    0.22 0.5097 0.6241 1.422 0.9271 0.9742 1.081 0.856 1.179 0.5861 0.8334 0.7939 0.7526 0.4992 1.478 0.7197
    0.9976 1.114 1.457 0.9516 0.5355 0.4046 1.049 0.8778 0.374 0.5246 0.6563 0.5043 1.089 0.6483 1.029 0.5981
    0.2176 1.591 0.518 1.261 0.4209 0.6152 0.2679 0.9294 0.6879 1.027 0.7366 1.074 0.8413 0.5081 1.175 1.26
    1.713 0.7272 0.6889 0.4069 1.661 0.5595 1.77 0.553 0.3013 0.6851 0.659 0.5874 1.047 0.4949 0.8265 1.072
    0.8801 1.169 0.7755 0.883 0.7312 0.5814 0.9899 0.7814 0.5061 0.3587 0.9779 0.5927 0.851 0.8149 1.135 0.8714
    0.2067 0.9826 1.214 0.7654 1.495 1.099 0.7445 0.5753 0.9787 1.691 0.759 0.8984 0.6027 0.6247 1.49 1.073
    0.5096 0.9095 1.041 0.6946 0.4337 0.9028 0.8005 1.428 0.9628 1.698 0.3634 1.161 0.7006 0.7226 0.599 0.6729
    0.6976 0.5102 1.447 1.307 0.9057 0.6866 0.5639 0.4437 1.55 0.83 0.4699 0.8083 0.4107 0.5851 1.138 0.5669
    0.4921 0.7682 0.3117 1.419 0.592 0.8463 0.4782 0.3896 0.5235 1.014 0.5518 0.4525 0.7483 0.7277 1.283 1.519
    1.098 0.7446 0.4322 1.202 0.9526 0.3176 0.3759 1.088 0.3761 1.071 0.6037 0.3191 0.7463 1.13 0.8433 1.305
    0.6062 0.5603 0.7491 0.9358 0.3256 0.4406 0.8752 0.7159 0.8331 0.9312 0.6208 1.151 0.4151 0.8073 0.7674 1.425
    1.448 0.3202 0.7046 0.9922 0.2311 0.6052 0.3515 0.6897 1.453 1.062 0.3307 0.8582 0.6651 0.5396 1.099 0.83
    0.6666 0.6071 0.8221 0.4773 1.466 0.7267 0.502 0.7337 0.4252 0.735 0.6696 1.139 0.3741 0.6084 0.6282 0.9627
    0.3935 0.6253 0.7184 0.5566 0.7476 0.8404 0.528 0.4716 0.2219 0.508 1.067 0.4484 0.322 0.5802 0.78 0.6201
    0.7505 0.6708 0.6501 1.191 0.4208 1.308 1.602 0.8435 0.3296 0.4102 1.016 1.519 0.9169 0.6042 0.9429 0.796
    1.251 0.4304 0.3554 1.131 1.13 1.265 1.251 0.6502 0.6438 0.8113 0.7435 0.8173 1.197 1.677 0.9622 1.636
    0.3409 0.3903 0.8703 1.733 0.559 0.9743 1.403 0.8341 1.088 1.324 0.2193 0.3067 0.6063 1.329 1.217 0.698
    0.9492 1.374 0.5602 0.3407 0.5449 0.4932 0.7424 0.7789 0.6812 1.449 0.6372 0.7005 2.036 0.8986 1.157 0.6841
    0.4691 0.7701 0.5698 1.107 0.4122 1.022 0.7038 0.9178 0.5059 1.213 0.8917 0.4261 0.4506 0.9695 0.8577 0.9311
    0.9647 0.7938 0.6861 0.5189 1.128 0.2675 0.9723 0.8948 0.6004 1.158 0.243 1.145 0.9867 1.064 0.8565 0.5821
    0.6551 0.4328 1.001 0.6609 0.5034 0.4082 0.636 0.759 0.5475 1.43 0.8501 0.5437 1.033 2.614 1.253 0.4376
    0.5892 1.516 0.3768 0.6046 0.6289 0.7449 0.6701 0.4078 0.6632 0.4919 0.8064 0.754 0.794 0.4189 0.2279 0.6101
    0.5755 0.6493 0.7435 0.529 0.9943 1.299 0.9765 1.981 0.5997 1.064 0.7697 0.7608 0.6796 0.7719 0.2395 1.077
    0.6471 0.7228 1.398 0.7313 1.099 0.5067 0.4738 1.372 0.7345 0.5923 0.7136 1.447 0.6267 0.2982 0.8769 1.219
    0.5968 0.3624 0.6804 0.6461 0.4801 0.8875 1.106 84.03 3.031 2.264 1.782 2.132 1.84 2.698 2.31 2.209
    1.882 1.724 1.644 1.874 2.397 0.8974 1.344 1.868 1.092 1.739 1.269 1.841 0.9359 2.141 1.187 1.458
    1.676 0.6287 0.8665 1.201 0.9394 1.001 1.313 1.286 1.332 0.958 1.301 0.6058 0.9548 1.687 1.809 1.675
    1.507 0.9085 1.233 0.9394 1.348 1.672 1.011 1.258 1.416 1.059 1.163 1.185 1.135 0.9526 1.157 1.311
    0.5201 0.8678 1.687 1.25 1.308 1.703 1.118 1.248 0.7208 1.675 1.268 0.9785 0.9261 1.214 1.375 0.9612
    1.094 1.213 0.9219 0.8843 1.448 0.6862 0.358 1.06 1.601 0.7177 1.228 1.197 0.6961 1.319 1.049 1.078
    1.035 0.6505 1.124 0.9997 0.4663 0.6585 0.683 1.259 0.8251 0.7438 0.7328 1.638 1.616 0.8315 1.182 1.345
    1.65 0.6373 1.05 1.578 1.547 0.9152 1.649 0.6978 0.3781 0.7157 1.329 1.796 0.8428 1.386 1.917 0.9663
    0.5633 0.4824 0.9914 1.19 1.182 0.4802 1.137 1.203 0.8199 0.5027 1.202 0.9454 1.353 0.8788 1.491 0.8233
    0.7699 1.025 1.18 1.357 0.4374 0.3389 0.6132 0.9148 0.8147 1.399 1.176 1.386 1.67 0.693 1.13 1.01
    0.8175 0.9799 1.251 0.4782 0.8544 0.6482 0.6217 1.501 1.059 0.9611 0.2832 0.7772 0.3002 1.682 0.5736 1.186
    0.3533 0.6131 1.051 0.7297 0.9231 0.8067 1.464 0.8244 0.785 0.6676 0.7624 1.424 1.342 0.6046 0.7352 0.4933
    0.7471 0.7776 0.3154 0.6352 0.7449 0.4631 0.3202 0.6441 1.387 0.7057 0.5875 1.67 0.5372 1.051 1.136 1.194
    0.7456 1.622 0.687 0.8723 1.082 0.5123 0.8797 2.064 0.9875 0.4791 1.306 0.9943 0.759 1.252 0.7195 0.7952
    1.824 0.8045 1.014 0.651 0.785 1.248 0.7759 1.456 0.1845 1.613 1.06 1.808 0.5809 1.216 1.133 0.6911
    0.6077 0.6692 0.6241 0.7424 0.359 1.305 1.157 1.006 1.147 1.053 0.4516 0.8818 0.8976 0.7355 1.07 1.096
    1.664 0.6075 0.5718 0.4263 0.5468 0.65 0.82 0.6113 0.6703 0.6126 0.9285 1.139 1.188 1.288 1.119 1.171
    0.9076 1.091 0.3775 0.3658 0.4957 0.5125 0.4127 0.9888 0.6668 0.6234 0.4589 0.7825 0.5023 0.6422 0.7124 0.6574
    0.5723 0.3903 1.546 0.6172 0.7238 1.523 1.16 0.6593 0.6039 0.6395 0.9639 0.9405 0.8155 0.8761 1.461 1.999
    0.4244 0.944 0.9633 0.9527 0.5189 1.563 0.5515 0.7147 0.8902 0.6549 1.107 0.9188 0.7685 0.4814 0.8305 0.7453
    1.036 0.7917 0.9565 0.9994 1.002 1.521 0.6958 1.059 0.7547 1.017 0.4591 0.7205 0.6556 0.9756 1.151 0.9982
    1.247 0.5989 1.473 0.5497 1.329 0.8389 0.5836 0.8406 0.9181 1.419 1.091 0.4485 0.4474 0.797 0.8592 0.5119
    0.4599 0.8268 1.127 0.7308 0.5193 0.9729 0.6531 0.593 1.074 0.5162 1.269 0.3645 0.7935 0.5706 0.6281 1.038
    0.6222 0.289 0.5224 1.06 0.6359 0.7715 1.002 0.8787 1.631 0.8154 0.736 0.9528 0.7135 0.8979 0.944 2.179
    0.3609 0.3559 1.409 1.112 0.7692 0.8005 0.4471 0.7291 0.6751 0.8571 0.8993 0.585 0.7489 1.543 0.5692 0.9663
    0.5958 1.596 1.074 0.4501 1.079 1.037 0.5654 0.4402 1.502 0.7886 1.32 0.5099 0.8389 0.9316 1.034 1.005
    1.36 0.8272 0.4999 0.8532 0.9338 1.761 1.216 0.9386 1.417 1.346 1.142 0.4715 0.5962 1.356 0.826 1.034
    0.8749 0.3208 0.7972 0.5023 0.9309 1.319 0.6807 0.7064 1.116 0.9301 1.447 0.6985 0.6921 0.8734 0.5911 1.151
    1.212 0.5254 0.5014 1.277 1.435 0.329 0.2577 0.8871 1.526 1.474 0.5234 1.179 1.252 1.019 0.6901 0.9095
    0.6969 0.8387 0.3752 0.7996 0.5352 0.8369 0.6403 0.3398 0.637 0.9566 0.4343 1.263 1.042 0.3255 0.7376 0.6902
    0.8939 0.2763 0.4711 0.8688 1.116 0.5514 0.5729 1.365 0.7353 1.576 0.5798 1.392 0.794 0.9605 0.7061 1.694
    0.7623 0.6171 0.4332 0.5982 0.6613 0.5214 0.7948 0.9676 0.5149 0.935 0.5988 0.4763 0.5356 0.5911 0.3965 1.019
    0.5848 1.043 0.6465 0.9838 1.515 1.228 1.227 1.004 0.8508 0.5726 0.4677 0.524 1.2 1.079 1.015 0.7719
    1.353 0.4081 0.9681 1.337 0.7719 1.031 0.438 0.8899 0.7142 0.4081 0.4442 0.2204 1.031 0.7976 0.3865 0.5377
    0.8635 1.828 0.8207 0.601 0.4268 0.336 0.5187 1.121 1.141 1.015 0.8354 0.8701 0.3918 0.7196 0.5344 1.162
    0.7649 1.27 1.031 0.3046 0.6654 0.5836 0.5366 0.641 1.236 1.014 1.618 0.5453 0.5342 0.6919 0.9192 0.4486
    0.5655 0.3796 0.6095 0.4429 0.6735 0.7688 1.352 1.882 1.162 0.6972 0.7481 0.622 0.7246 0.8903 1.292 0.8902
    0.7154 0.783 0.9731 0.8555 0.5599 1.197 0.4236 1.171 1.011 0.9308 0.3232 0.3646 0.6728 0.7899 0.8675 0.3339
    0.8448 0.4272 0.5734 0.8879 0.4848 0.8748 0.982 0.7546 1.162 0.6 1.13 0.4299 0.629 0.6918 0.6607 0.8116
    0.7194 0.5721 0.824 1.684 1.091 0.8466 0.6168 0.6172 0.9204 0.6291 0.4915 1.616 0.3351 0.7421 0.5377 1.013
    1.36 0.5198 0.5701 0.3599 0.8726 0.6459 0.4233 0.5593 0.6706 1.108 0.7983 1.086 1.672 1.667 1.252 0.2748
    0.9145 0.8437 0.5866 1.359 0.4072 1.201 1.394 1.16 1.017 0.3221 0.3381 0.9648 0.2782 0.9755 0.7821 0.6897
    1.109 1.073 0.5954 1.045 1.315 1.042 0.4867 1.034 0.9214 0.8721 0.5946 0.3347 0.69 1.173 1.111 1.173
    0.7917 0.6221 0.4762 1.141 0.8799 0.7128 0.7159 0.2005 0.8767 1.113 0.8965 0.8905 1.361 0.4885 0.8094 0.6088
    0.513 1.867 0.7881 0.9031 0.961 1.078 0.4515 0.6801 0.6339 0.7034 0.496 0.6388 1.343 1.182 1.128 0.909
    0.993 0.6019 0.851 0.4005 0.4487 1.06 1.005 0.9978 0.59 2.034 1.295 0.4814 0.4316 0.367 1.281 1.058
    1.366 0.9109 0.6347 0.4308 1.505 0.5056 0.4621 0.5102 0.5755 0.8646 1.054 0.6902 1.013 0.7755 0.3185 0.3129
    0.8489 0.8959 1.151 0.7502 0.5236 0.2971 1.061 0.4665 0.6748 0.8943 0.7541 1.177 0.6762 0.6161 0.4765 1.159
    1.177 0.461 0.9059 0.7365 0.6456 0.7573 0.6648 1.064 0.7157 0.8522 0.913 0.3377 1.138 1.092 0.7418 0.2688
    0.3175 0.9835 0.6574 0.506 0.6043 1.613 0.4689 1.02 0.4377 1.25 0.4046 0.557 0.4969 0.4607 0.7928 1.168
    1.224 0.8129 0.8666 1.022 0.2894 0.9076 0.7879 0.4577 0.7878 0.2533 0.477 1.138 0.6265 1.126 0.5727 1.318
    1.43 0.3751 0.6827 0.7351 0.7417 1.443 1.63 0.8995 0.4322 1.831 0.2417 0.9698 0.6229 0.3862 0.5744 0.9612
    0.7072 0.5646 0.3209 0.9384 0.3344 0.5239 1.084 1.352 0.7308 0.6121 0.9455 1.302 0.7743 0.9232 0.6836 0.6356
    0.32 0.4806 1.091 0.5157 0.3783 0.8703 1.883 0.4314 1.218 1.084 0.8246 0.8068 1.379 1.23 0.7812 1.266
    0.5643 0.8595 1.77 0.7767 0.4066 0.8138 1.281 0.8787 1.006 0.9888 0.5935 0.7653 0.8946 0.8081 0.674 1.31
    0.4884 0.8681 0.5752 0.647 0.7706 0.4368 0.7448 0.7998 1.139 0.172 0.91 0.5317 0.845 0.8389 1.088 0.3345
    0.8912 0.8514 0.4712 1.083 1.232 0.7452 0.5502 1.047 0.9311 0.6309 0.1793 0.6284 1.122 0.4331 0.7595 0.3347
    0.8814 0.2824 0.9603 1.393 0.5071 0.4162 1.417 0.6892 0.4549 0.8158 0.5635 0.5208 0.9509 1.65 1.038 0.3804
    1.142 0.7137 0.8549 1.122 0.8717 0.8982 0.9028 0.9378 1.543 0.7967 0.3508 0.6834 0.2895 0.8733 0.7731 0.9959
    0.7521 0.8813 0.789 0.8712 0.7435 0.284 0.6931 0.9413 0.6451 0.8158 0.8022 0.568 0.5507 0.9634 1.333 0.6929
    0.4591 1.364 0.8262 0.9967 0.9602 0.5195 0.8616 1.122 0.6892 0.8681 0.2847 0.4027 0.9053 0.7715 1.017 0.6321
    0.7637 0.7294 0.5718 0.6513 0.8789 1.095 0.5638 0.6084 1.686 0.7854 0.6815 1.122 0.664 0.6979 0.9394 0.9545
    0.9193 0.5936 0.6721 0.5445 0.58 1.148 1.197 0.8861 0.5048 0.9902 0.6424 1.182 0.9715 0.6616 0.5716 0.8146
    1.037 0.3445 0.5493 0.3463 0.7168 0.6143 1.047 0.4728 0.3528 0.9886 0.8453 0.7282 0.4575 1.682 0.5523 0.5576
    0.1917 1.178 0.3594 0.9281 0.7481 0.5523 1.09 1.08 0.7738 0.313 1.538 1.167 0.6023 0.2977 0.7477 1.367
    1.202 0.7921 0.4349 0.63 0.644 0.3191 0.4346 1.351 0.9021 0.8492 0.7277 1.371 0.9894 0.9065 0.4588 0.8185
    0.6987 0.4654 0.7954 1.385 1.121 1.18 0.3394 0.7368 0.9835 0.6766 0.3442 0.393 0.9772 0.6885 1.12 1.063
    0.919 1.001 0.5162 1.054 0.6436 1.198 0.5128 0.4695 0.5845 0.7144 0.5352 0.6673 0.5864 0.9181 0.8729 0.5727
    0.4963 0.5992 0.5663 1.246 0.6212 0.7878 1.075 1.064 0.6953 0.9318 0.8892 1.134 0.318 0.4677 0.6673 1.053
    0.5124 0.4296 0.4523 0.8928 0.7556 0.5415 1.339 0.7053 1.019 0.8452 0.7569 1.657 1.252 0.4391 0.2993 1.013
    0.7773 0.4586 0.4113 0.9951 0.6913 1.088 0.4866 0.7997 0.6491 0.5332 0.4902 0.8266 0.7932 0.8017 0.6524 0.453
    1.042 0.2593 1.294 1.354 1.269 1.245 1.833 0.7899 1.154 1.022 0.7006 0.2554 0.5624 0.8853 1.187 1.228
    0.9063 0.6055 1.195 0.4723 1.427 1.851 1.321 0.902 0.8325 0.9833 0.4664 1.361 0.5587 0.3744 1.004 0.6714
    0.932 0.9031 0.3138 0.5711 0.9828 0.4525 1.473 0.3319 0.8749 1.187 1.391 0.4362 0.5399 0.4996 1.308 0.6186
    0.6494 0.6995 0.3042 0.9311 0.4061 0.7276 0.6942 0.6845 0.9657 0.4158 1.717 0.6461 0.698 1.168 1.36 0.9165
    1.131 0.7135 0.773 0.7333 0.7129 1.249 1.046 1.325 0.6989 0.4725 0.7679 0.5217 0.3836 0.8114 0.5404 0.7564
    0.6852 1.093 0.7232 0.5687 1.058 0.7425 0.7591 1.124 0.6733 0.4229 1.07 0.6629 0.8234 0.3329 1.177 0.58
    0.7257 0.3924 0.642 0.5597 0.3576 1.957 0.6086 0.5918 1.609 0.7305 0.7205 1.238 0.2623 0.6343 0.5714 0.8231
    0.7711 0.6924 0.7212 0.4331 0.6939 0.6282 1.084 0.8409 0.3252 0.8034 0.7846 0.8202 1.01 0.5856 0.7299 0.4365
    0.8251 1.107 0.9866 0.4958 0.7331 0.8155 0.4399 1.075 0.6863 1.515 1.016 0.5712 0.6689 0.7454 1.376 0.6123
    1.707 0.6321 0.4275 1.104 0.5366 0.9786 0.8334 0.9877 1.006 0.9053 0.3023 0.7347 0.9808 1.529 0.7592 1.329
    0.7475 0.641 0.4035 0.7684 0.9242 0.5055 1.009 0.385 0.2993 0.5107 1.329 0.6967 0.3606 0.6094 0.9185 0.7776
    1.069 1.15 0.7642 0.5021 0.3905 1.394 0.731 0.3699 0.4627 0.611 0.4502 0.3477 0.6156 1.38 0.9094 0.7879
    1.04 0.8742 0.91 0.9033 0.6884 0.7807 0.7483 0.8257 0.6605 0.472 0.9237 0.848 0.6649 1.197 0.3828 0.8411
    0.662 0.7521 1.055 0.8338 0.5864 0.5811 0.5184 1.766 0.9609 0.6698 0.8603 1.218 0.2835 0.9306 0.4308 0.9302
    1.348 0.616 1.119 1.153 0.467 0.6317 0.7975 1.167 0.5623 1.582 0.7653 1.188 1.709 0.7309 0.7587 0.5625
    0.5369 0.452 0.3263 0.8813 0.3007 0.7077 0.4391 0.8778 0.639 0.547 0.5338 0.3619 1.815 0.7014 0.3565 1.159
    0.625 0.3659 0.4982 0.7151 1.452 0.6772 0.8954 0.7811 1.041 0.8953 0.4504 0.7809 0.2775 1.124 0.6433 0.5245
    0.9124 0.4459 0.3827 0.8294 0.9705 1.291 0.6965 0.6586 0.755 1.404 0.2768 0.7066 0.2507 1.911 0.3279 0.5299
    0.3865 0.7021 1.198 0.5725 0.3524 1.029 0.4774 0.3891 1.02 0.36 1.215 0.5039 0.5785 0.8748 2.292 1.064
    0.6819 1.298 1.387 0.6862 1.654 0.9289 0.3773 0.5909 0.6905 1.135 0.5459 0.4423 0.7683 0.7907 0.708 0.669
    0.3142 0.7135 0.8603 0.6673 1.755 0.4763 0.5481 0.8754 0.6668 1.135 0.6735 0.845 0.5066 0.4684 0.8721 0.3554
    0.6559 0.8935 1.364 0.7195 0.6308 0.3954 0.3511 0.2438 0.3497 0.9805 0.575 0.897 0.7491 0.8702 1.263 0.6526
    0.4759 1.662 1.083 0.7769 1.643 0.6133 0.6997 0.5122 0.791 0.7753 0.6487 0.7067 0.89 0.7666 0.3393 1.101
    0.7384 1.339 0.31 0.5717 0.5568 0.6861 0.3087 0.8307 0.6636 0.8473 1.053 0.371 0.6916 0.8574 0.8259 0.5298
    1.795 0.5699 0.7836 0.7917 0.5949 0.9917 0.5846 0.9759 0.3372 0.6528 0.8916 1.085 0.6023 1.047 1.234 0.4741
    1.013 1.325 0.9589 1.235 0.5147 0.2949 0.9836 1.281 0.5394 0.8235 0.6983 1.172 0.6535 0.4072 1.22 0.3713
    0.3507 1.236 1.346 0.6191 0.6683 1.109 0.942 1.19 0.7119 1.187 0.6216 0.8685 0.8214 0.71 1.173 1.121
    0.9187 0.8009 0.6416 1.14 0.5998 0.4284 0.7943 0.3357 1.842 0.9229 0.7892 0.8441 0.3408 0.7258 1.097 0.3252
    0.9225 0.9446 1.018 0.9732 0.3936 1.059 0.4989 0.4557 1.132 0.55 1.139 0.4145 0.8429 0.6262 0.3968 1.732
    1.249 0.611 0.6806 0.4106 0.4407 0.3342 0.4769 0.8485 0.5346 0.8164 0.2731 0.5435 0.5047 1.673 0.4542 0.4994
    1.018 1.272 1.054 0.8393 0.6919 0.7073 0.9003 0.8102 0.4971 0.7058 0.3285 0.9618 1.152 1.223 0.9831 0.8194
    1.125 0.4978 0.6967 0.4837 0.3682 0.7529 0.9357 0.3885 1.097 1.121 1.189 0.7086 0.8478 0.3372 0.3799 0.6968
    0.4963 0.6171 0.9131 1.301 0.5518 0.3215 0.3279 1.06 0.4408 0.5109 0.8863 0.9665 1.061 0.4133 0.5399 1.034
    0.4298 0.4776 1.358 0.5911 1.296 0.3739 0.9248 1.661 0.8368 0.4982 0.84 0.8196 0.6334 0.4225 0.5211 0.4029
    0.5995 1.333 0.5324 0.8602 0.9137 1.048 0.7419 0.9433 1.109 0.61 1.303 0.4314 0.8719 0.4909 0.6937 0.7197
    0.9231 0.77 0.9983 0.2535 0.5761 0.6149 0.5182 0.7753 0.4447 0.4535 0.4091 0.2776 1.429 0.3768 1.152 0.7678
    0.8521 0.9575 0.9688 0.5264 0.3987 0.2038 1.23 0.4501 0.4334 0.7808 0.8009 1.032 0.8663 0.939 0.6457 0.3765
    0.5125 0.7169 0.8457 0.5225 0.3377 0.6829 1.602 0.8418 1.882 1.343 0.8924 0.6412 0.6272 1.189 1.684 1.388
    0.294 0.3495 1.013 0.9025 0.1529 0.7816 1.159 0.878 1.024 0.5797 1.226 0.7746 0.5136 0.9509 0.6968 0.85
    1.077 0.8605 0.4782 0.4018 0.7225 0.7236 0.4931 0.1579 0.3656 0.4407 0.7432 1.363 0.5937 0.8537 0.9023 0.6656
    0.3391 0.7614 0.3257 1.418 0.6319 1.727 1.417 0.5799 0.5544 0.6313 1.037 0.5768 0.5283 1.015 0.7683 0.9819
    1.61 0.6855 0.9112 1.024 0.8688 0.5568 0.3404 0.55 0.9798 1.047 0.3897 0.6316 0.4182 0.4751 0.7186 0.8112
    1.311 0.9394 0.28 0.404 0.5637 0.3192 0.6727 0.6535 0.2607 1.412 0.3602 0.3877 0.1935 0.78 0.4589 0.4116
    1.248 1.299 0.8746 0.3648 0.802 1.41 0.4467 1.141 0.4064 1.319 1.229 0.4341 0.3122 0.9864 0.9766 0.5424
    0.4819 0.8655 0.8717 0.6585 0.5761 0.4692 0.5508 0.6681 0.5278 1.64 1.361 0.7443 0.8429 0.2825 0.2124 0.7006
    0.7594 0.5915 0.336 0.6963 0.8667 1.645 0.807 1.004 0.5567 0.9422 0.2424 0.5153 0.6684 1.009 0.8804 2.01
    0.3533 0.8564 1.977 0.6524 0.2731 0.7776 0.9329 0.4725 0.8443 1.142 0.3185 1.524 0.6073 0.6174 0.7964 1.04
    0.7501 0.8763 0.3512 0.4663 0.2585 1.055 0.508 0.524 0.8275 0.5095 0.8854 1.178 0.4862 0.479 1.196 1.037
    1.313 0.7857 0.5737 1.121 0.2688 0.2583 1.688 0.6478 0.6996 0.7059 1.142 1.011 1.071 0.5667 0.7963 0.6964
    1.32 0.7917 1.124 0.3346 0.4154 1.373 1.555 0.8964 1.277 0.644 0.6876 0.3946 0.6207 1.074 0.6392 0.5427
    1.149 0.6137 0.6512 1.282 0.843 0.4933 0.5635 0.4255 0.5727 0.2762 1.267 0.4692 0.7916 0.8426 0.7894 0.2885
    0.8797 0.7472 1.709 0.7815 0.3852 0.9816 0.5865 0.81 0.911 0.4592 1.021 0.9533 1.548 0.9606 1.306 1.099
    0.7327 0.5686 0.8141 0.3935 0.4315 1.008 0.2797 0.8537 1.538 0.6668 0.2548 0.5861 1.105 0.2236 1.083 1.006
    1.371 0.7161 0.9134 1.198 0.5516 0.6613 0.6685 0.6063 1.094 0.6156 0.4761 0.3752 1.316 0.4195 0.6781 0.7828
    0.2066 1.018 0.8864 1.194 1.902 0.4549 0.8236 0.7658 0.521 0.6798 1.185 0.3119 0.9592 1.317 1.136 0.5778
    1.464 0.8401 0.3497 0.8289 0.8908 0.4425 0.7684 0.6407 0.4758 0.5314 0.6345 1.457 0.3329 0.9215 0.5948 0.4324
    0.2881 0.4084 1.078 0.6801 1.19 0.5579 0.577 0.5689 1.125 1.057 0.6277 0.4021 0.8586 0.4531 0.4895 0.8689
    0.7951 1.391 1.181 0.6653 0.8442 0.4446 0.5148 0.5036 0.9585 0.901 0.4328 0.4961 0.9035 0.9575 0.8568 0.774
    0.3504 0.5494 0.3576 0.7313 0.347 1.527 1.202 0.5712 0.9622 0.8309 1.002 1.142 0.699 0.945 0.9462 0.3361
    1.093 0.5548 1.076 0.9726 1.031 1.097 0.3903 1.202 0.58 0.6904 0.3737 0.9339 0.5915 1.405 0.55 1.028
    0.6832 0.6649 0.5614 0.6124 1.282 0.4758 0.5127 0.5111 1.196 0.4473 0.4388 0.2779 0.8822 0.4046 0.4803 1.175
    0.5978 0.552 0.4337 0.5588 0.9544 0.6312 0.755 0.8786 0.9275 0.8347 1.329 1.096 1.316 0.5178 0.3234 0.6335
    0.6394 0.7886 0.7677 0.5652 0.7294 0.3208 0.9054 0.5869 0.841 0.6989 1.324 0.2351 0.2717 0.6291 0.8182 0.3745
    0.3245 0.7051 0.2643 0.5823 1.198 0.4572 1.117 0.8206 0.7029 0.9075 1.216 1.123 0.6967 0.7468 0.3989 0.5411
    0.8414 1.236 1.022 0.518 0.3004 0.6256 1.105 1.038 0.8148 0.7318 1.089 0.8042 0.6153 1.373 0.7647 1.17
    1.578 1.369 1.077 0.8162 0.4371 0.2443 1.639 0.7612 0.9181 0.6772 0.3515 0.871 0.6634 1.053 0.7846 1.541
    0.3348 0.866 0.8901 0.8712 0.5939 0.3441 0.4917 0.3924 1.097 0.8525 0.4702 0.7147 0.5221 0.4931 0.4065 0.4522
    0.9127 0.5863 1.354 0.2489 0.3186 0.8353 0.5751 1.008 1.013 1.423 0.9625 1.275 1.082 0.8634 1.741 0.2287
    1.035 0.4958 0.418 1.059 0.7034 1.124 1.404 0.8355 1.066 1.07 0.2466 0.5712 1.164 0.3814 0.7921 0.658
    1.28 0.5229 0.4948 0.4911 0.943 0.8426 0.6857 0.8675 0.4508 1.185 0.6895 0.6952 1.173 0.9282 0.5004 0.8037
    1.35 0.7248 0.6362 0.7766 0.5614 0.6535 0.7685 0.9202 0.772 0.53 0.6076 1.265 0.3442 0.3035 0.3495 0.6259
    0.1821 0.7966 1.206 0.7663 1.331 0.5628 0.6535 0.5474 1.289 0.5719 0.9388 1.112 0.4386 0.9278 0.6032 0.5098
    0.4105 0.9397 0.6578 0.4045 1.069 1.338 1.016 0.3885 1.085 0.7442 1.089 1.134 0.5611 1.14 0.3568 0.3317
    0.9426 0.2869 1.311 0.4708 1.345 0.6044 0.2632 0.8494 0.2252 0.6515 1.019 0.5208 1.773 0.4745 0.7068 0.7024
    1.474 0.7698 0.1993 0.658 0.2737 0.9633 1.563 1.135 0.6774 0.688 0.2954 0.8792 0.718 1.463 0.6463 0.3507
    0.2757 0.5481 0.7318 1.732 1.095 1.41 0.8305 0.4412 0.8149 0.6955 0.7011 1.159 0.5339 0.9024 0.5618 0.9918
    0.582 0.7473 0.7497 0.6367 0.5681 0.9944 0.4386 0.5934 1.24 0.6487 1.257 0.7622 0.6974 0.4288 1.101 0.3195
    1.056 0.4162 1.057 0.798 1.084 0.4622 0.4757 0.7006 1.468 1.409 0.4853 1.024 0.6348 0.4494 1.755 0.5669
    0.6896 0.8858 0.4242 1.599 0.6077 0.8319 0.9964 0.6115 0.6149 0.6196 1.241 0.3045 1.391 1.019 1.071 0.6734
    0.7674 0.4792 0.634 0.4822 0.892 0.499 0.4994 0.5784 0.2182 0.5638 0.3537 1.751 0.5604 0.9388 1.19 0.6171
    0.9023 0.9917 0.4043 1.021 0.9625 0.8253 0.7235 0.6727 0.4798 1.157 0.7595 1.51 0.3485 0.9609 1.083 1.338
    0.9478 1 0.4186 1.514 0.3612 1.543 0.6184 0.7088 0.7729 0.4217 0.5572 0.7268 0.438 1.125 0.8959 1.338
    1.179 0.5133 0.2736 0.9364 0.8062 0.481 0.6498 0.7674 0.6303 0.4107 0.4117 1.228 0.7974 0.359 0.8757 1.725
    0.3513 0.7853 0.4035 0.9221 0.6884 1.428 0.9948 0.4345 0.5308 0.6535 0.7697 0.4834 1.067 0.5492 0.7277 1.162
    1.392 0.2966 0.5664 1.054 0.6338 0.3173 0.3175 0.8427 0.9196 0.7939 0.2304 0.6497 0.5117 0.7384 0.8126 1.131
    0.6379 0.3392 0.8422 0.5035 0.3906 0.7301 1.023 0.4998 0.3199 0.323 0.8243 1.439 0.92 0.6766 1.014 0.6978
    0.6858 0.7005 1.298 0.5255 0.7153 0.2158 0.8834 0.456 0.6412 0.5547 0.3016 0.8776 0.729 0.5133 0.8313 0.251
    0.8245 0.5703 0.4812 0.6795 0.7075 0.9271 0.6302 1.291 1.634 1.429 1.114 0.3785 0.9316 0.9208 0.7683 0.9473
    0.3658 0.8915 1.674 1.31 0.8129 0.8457 0.544 0.3011 0.8213 0.51 0.2362 0.8723 1.246 0.5739 0.3027 0.5395
    0.3908 0.563 0.4123 0.6181 0.9822 0.7595 1.193 1.19 0.817 1.052 0.9559 1.631 0.5587 0.4111 0.303 1.153
    1.27 0.7567 1.141 1.257 0.4724 0.8589 1.092 1.43 0.8876 0.6096 0.4779 0.4939 0.3811 1.526 0.7943 0.5401
    0.361 0.5192 0.4633 1.402 0.5198 0.3427 0.3885 0.7097 0.7105 0.3999 1.072 1.439 0.5667 0.2745 0.8136 0.8212
    1.307 0.5073 1.023 0.3678 0.4924 0.6323 1.02 0.6252 0.1538 1.009 0.6967 1.112 1.311 0.5389 1.026 0.6417
    0.6481 0.3743 0.413 0.7259 0.8489 1.071 0.8424 1.39 0.3459 0.6947 0.6137 0.9653 1.111 0.411 0.756 0.7756
    0.5783 0.3245 0.7908 0.4311 1.164 0.3456 0.3098 0.3822 0.584 0.9338 1.041 0.782 1.307 0.5721 0.8261 0.3692
    0.805 0.527 0.4071 0.3888 0.6334 0.4784 0.626 1.064 0.6197 0.6411 0.6328 0.9999 0.3662 1.229 0.7937 0.4829
    1.364 0.5637 0.5177 1.387 1.433 0.5467 1.562 1.75 1.064 0.2348 1.051 0.6734 0.1975 0.8903 0.6992 0.9325
    0.689 1.173 0.5922 0.5476 1.49 0.2951 0.4102 0.2511 0.6216 0.4503 0.4034 0.76 1.009 1.03 0.5086 0.5801
    0.3381 0.7084 0.448 0.5856 1.556 1.113 1.027 0.946 1.375 0.7845 1.219 1.02 0.5294 0.8147 0.9939 0.5998
    0.6677 0.5634 0.8069 0.3864 1.073 0.7251 0.77 0.7116 0.4657 1.529 1.15 0.8706 0.3262 0.6997 0.8755 0.3932
    0.6262 1.366 0.3835 1.219 1.019 0.7818 0.9411 0.4216 0.8384 0.9746 0.6591 0.5224 0.5721 0.5195 1.173 1.146
    1.059 0.6517 0.5111 1.214 0.4734 0.6197 0.7378 0.516 0.369 1.27 0.2929 1.45 0.8992 0.6879 0.8837 0.5162
    1.26 0.5958 0.4332 1.465 1.261 1.644 0.4528 0.7175 0.5247 1.174 0.4971 1.379 0.3025 0.8719 0.6206 1.467
    1.031 1.003 1.015 0.5908 0.4516 0.6173 0.6092 0.7936 0.5891 0.4007 0.9115 0.8186 0.9408 0.3341 0.6675 0.6042
    0.7679 0.3636 0.5959 0.4038 1.367 0.9339 1.089 1.022 0.9097 0.6698 0.5895 0.5558 1.127 0.2935 0.7021 0.3543
    1.305 0.4656 0.6101 0.7545 0.709 0.3446 0.8434 0.835 0.4423 0.5549 1.009 0.5758 0.9469 0.4681 0.5151 1.157
    0.7525 0.4935 0.3086 0.8253 0.3182 1.027 1.212 0.8898 1.112 0.8164 0.5361 0.3909 1.564 0.4818 0.7877 1.052
    0.7264 0.4064 0.4929 1.919 1.031 0.9163 0.5851 0.6297 0.6975 1.038 0.523 0.6792 0.5468 0.2357 0.8115 0.4803
    0.583 0.7024 0.4987 1.409 0.9284 0.8664 0.9993 1.413 1.176 0.5247 1.064 0.5301 0.517 0.7769 0.6224 1.118
    1.034 0.4421 0.6058 0.491 0.6503 0.9916 1.051 1.288 0.7314 0.7824 0.6109 0.5752 0.9705 0.6691 0.4592 1.013
    0.6337 0.3811 0.5577 1.043 0.3517 0.6174 0.2791 1.143 0.7389 0.3888 0.6327 0.8144 0.5104 0.5738 0.97 0.9614
    1.247 1.177 0.6231 1.102 0.3563 0.5294 0.5713 1.277 0.3757 0.8774 0.9865 0.4937 0.5595 0.6713 0.7996 1.453
    0.3131 0.98 0.7964 0.844 0.7257 0.5772 0.792 0.8613 0.9524 0.7091 0.4807 0.818 0.9128 1.062 0.7602 0.4309
    0.3332 1.281 1.019 1.397 0.8873 0.8688 0.5124 0.4192 0.3496 0.759 1.399 0.5293 1.039 0.4019 0.4166 0.623
    0.3653 0.4745 1.336 0.5866 0.5325 0.2943 1.106 0.3595 1.136 1.019 0.3227 0.2784 0.4232 0.8516 0.9724 1.083
    0.8141 0.8767 1.283 0.2948 0.1945 0.7891 0.5185 0.9856 0.3789 0.74 0.3479 0.8551 0.6708 0.4526 1.189 1.045
    2.134 0.42 0.4921 0.6475 1.142 1.134 0.2284 1.316 0.7656 0.9981 0.986 0.688 0.3312 0.7752 1.279 0.78
"""


# p69_lr_raise_undone_csv: a tanh MLP regressing a teacher, SGD with the gradient norm clipped at 4, LR 0.01, 0.2 for
# updates 601-900 (raised x20 by mistake), 0.01 again to 1,500; the mean loss of each 10 updates.
LR_RAISE_UNDONE = """
    8.77002 2.52962 2.28988 1.70067 1.25372 1.05164 1.12141 1.16731 1.33448 1.12608 1.10136 0.884864 0.975977
    1.10002 1.15662 1.08216 0.867211 0.812436 0.894792 0.714969 0.88951 0.733015 0.83355 0.878042 0.881576
    0.699101 0.735739 0.61322 0.600087 0.821574 0.720056 0.621489 0.532881 0.537471 0.540783 0.675513 0.617702
    0.48517 0.367935 0.416883 0.480646 0.384762 0.454216 0.434811 0.461734 0.482309 0.414763 0.484628 0.363965
    0.428246 0.330098 0.398004 0.310232 0.319808 0.32448 0.30974 0.355052 0.315378 0.335687 0.361057 5.88766
    7.86034 4.63976 10.5913 8.8969 8.70793 12.5199 16.2634 11.7602 13.2535 10.1953 10.9514 13.3846 16.5582
    30.5507 13.8435 16.7285 17.4198 15.6921 13.3454 17.4244 24.3096 18.1053 13.2452 16.4611 17.5827 26.1983
    28.1557 16.5058 24.1409 16.2278 7.07855 4.32521 3.77511 3.59624 2.92381 2.39354 2.33654 2.27765 1.91439
    1.84323 2.13092 1.81991 1.73098 1.91703 1.81151 1.80739 1.68585 2.4553 2.1323 1.72 1.55403 1.5433 1.5929
    1.58406 1.42688 1.44442 1.59212 1.61457 1.56306 1.57509 1.73048 1.75464 1.66078 1.6158 1.50362 1.43145 1.45
    1.61178 1.40464 1.5481 1.43295 1.37297 1.43191 1.59118 1.38467 1.50926 1.36748 1.17894 1.29084 1.20271
    1.36785 1.3227 1.52117 1.61736 1.48912 1.31597 1.41684 1.31807 1.06825
"""


def write_lr_raise_undone(path: Path) -> Path:
    """LR_RAISE_UNDONE as its CSV: the step, the LR the script set and the loss."""
    loss = LR_RAISE_UNDONE.split()
    steps = [10 * (i + 1) for i in range(len(loss))]
    return write_csv(path, {"step": steps, "lr": [0.2 if 601 <= s <= 900 else 0.01 for s in steps], "loss": loss})


# p70_adam_spike_noisy_digits_csv: an MLP on digits with 20% of its training labels moved, Adam at 1e-3 for 300
# epochs; at epoch 216 Adam throws the training loss up x400 and the test loss x1.6, which settles ~10% lower.
ADAM_SPIKE = {"train_loss": """
    1.9525 1.3208 1.18831 1.12961 1.07899 1.06134 1.03814 1.00519 0.977997 0.962335 0.938088 0.936585 0.898691
    0.878679 0.887029 0.85327 0.8324 0.826634 0.804126 0.784588 0.773656 0.749904 0.724578 0.715537 0.69397
    0.689058 0.656632 0.631701 0.611002 0.587789 0.56648 0.545288 0.549557 0.523747 0.506649 0.505271 0.467548
    0.463125 0.4332 0.426138 0.400336 0.362927 0.359353 0.337967 0.330578 0.305539 0.289207 0.280862 0.262891
    0.249078 0.23388 0.23009 0.223042 0.206769 0.194165 0.189203 0.204106 0.179676 0.151196 0.154999 0.141859
    0.117463 0.116798 0.112589 0.109818 0.0938251 0.104618 0.098053 0.0975852 0.0971976 0.0959938 0.0834561
    0.0833167 0.0776371 0.0668208 0.056813 0.0581823 0.0511414 0.052839 0.0534919 0.0504835 0.0450025 0.04372
    0.0425984 0.0413724 0.0479841 0.0421835 0.03741 0.0309139 0.0310229 0.0276996 0.0292723 0.0258175 0.0257294
    0.0255737 0.0212983 0.0198656 0.0195281 0.0193835 0.0187283 0.0185933 0.018315 0.0186737 0.0206796 0.0178344
    0.0143089 0.0145989 0.0141141 0.01457 0.0122672 0.0127195 0.0115168 0.0114077 0.0104414 0.0120067 0.0116587
    0.0131864 0.010973 0.00908804 0.00895833 0.00778407 0.00765152 0.00745905 0.00747383 0.00706301 0.00672634
    0.00642152 0.00656101 0.00616445 0.00690501 0.00645722 0.00598449 0.00570517 0.00537982 0.00543574
    0.00593236 0.00546732 0.00509069 0.00497805 0.00514564 0.00463375 0.00465811 0.00458732 0.0045096 0.00433657
    0.00445247 0.00420962 0.00428226 0.00380217 0.0039038 0.00367917 0.00362217 0.00377753 0.00388837 0.00356318
    0.00353273 0.00357702 0.00339587 0.00301375 0.00302462 0.00301035 0.00302494 0.00309893 0.00289782
    0.00287695 0.00268839 0.00266761 0.00265834 0.00259608 0.00248491 0.00244578 0.00240293 0.00254708
    0.00263101 0.00256845 0.00246261 0.00230516 0.00225407 0.00231612 0.00247529 0.00220773 0.00214089
    0.00214136 0.0020169 0.0019869 0.00203763 0.00201346 0.00197467 0.00192937 0.0019012 0.00187442 0.00177021
    0.00174871 0.0016672 0.00166888 0.00159011 0.00165295 0.00173917 0.00170604 0.00163686 0.00160297 0.00153483
    0.00144355 0.00139929 0.00140802 0.00134246 0.00131175 0.00131519 0.00134347 0.00132129 0.00127472 0.001212
    0.00123138 0.00128082 0.00190714 0.0329762 0.48668 0.450508 0.174288 0.108117 0.0725045 0.0623293 0.0364639
    0.0318795 0.02421 0.0125425 0.00874528 0.00691503 0.00502701 0.00445393 0.00410061 0.00375866 0.00362493
    0.00337739 0.00323073 0.0031049 0.00287558 0.00287482 0.0027399 0.00255364 0.0025501 0.00243172 0.00234859
    0.00226976 0.00222361 0.00218439 0.00208492 0.00199228 0.00193517 0.00188492 0.00181264 0.00183176
    0.00180191 0.0016944 0.00166621 0.00164244 0.00157587 0.00155078 0.00154105 0.00148733 0.00146605 0.00145954
    0.00138579 0.00135721 0.00134682 0.00132848 0.00128693 0.00126355 0.00127076 0.00122106 0.00119681
    0.00120277 0.00116305 0.00116001 0.00108424 0.00109419 0.00107784 0.00104957 0.00102744 0.00101742
    0.00101906 0.000967687 0.000960231 0.000952067 0.000930945 0.000910016 0.000904938 0.000882066 0.000874882
    0.000851202 0.00086007 0.000832871 0.000821595 0.000810468 0.000809033 0.000776799 0.000775317 0.000759462
    0.000757668 0.000730555
""", "test_loss": """
    1.14396 0.614706 0.531372 0.479015 0.479169 0.444649 0.467584 0.423763 0.427744 0.403359 0.418926 0.398399
    0.377692 0.392025 0.387013 0.379077 0.404743 0.367349 0.368585 0.399411 0.379246 0.365063 0.394711 0.359461
    0.327261 0.366692 0.387956 0.346583 0.344511 0.366892 0.440401 0.364039 0.392458 0.395672 0.386244 0.384923
    0.39191 0.408287 0.437601 0.385301 0.366082 0.411523 0.403818 0.403278 0.354156 0.475012 0.415981 0.433297
    0.417736 0.429904 0.416904 0.4547 0.427674 0.480215 0.490731 0.429284 0.394854 0.493736 0.43988 0.460702
    0.447856 0.402879 0.472896 0.469692 0.422821 0.450357 0.461084 0.487888 0.46822 0.46944 0.455426 0.498372
    0.485774 0.485846 0.46444 0.489336 0.452286 0.47977 0.52106 0.516342 0.498697 0.48569 0.470689 0.518297
    0.511874 0.5128 0.509087 0.49448 0.505413 0.504667 0.528141 0.517672 0.547624 0.506656 0.525701 0.500457
    0.525672 0.515481 0.526636 0.561012 0.522595 0.544959 0.493604 0.560495 0.508002 0.56643 0.531838 0.569564
    0.534597 0.556049 0.529852 0.57204 0.568409 0.542221 0.576377 0.580664 0.568407 0.571821 0.596848 0.572322
    0.559937 0.589822 0.557569 0.598729 0.5764 0.574469 0.576282 0.579009 0.581541 0.610757 0.581131 0.588519
    0.589073 0.597324 0.596053 0.59837 0.605003 0.587792 0.609328 0.597114 0.607247 0.604185 0.604594 0.613359
    0.597055 0.622745 0.622214 0.609976 0.62105 0.615515 0.617819 0.629305 0.627035 0.614137 0.630844 0.636504
    0.634852 0.625733 0.636159 0.629618 0.635225 0.633267 0.637511 0.642958 0.645566 0.639868 0.644481 0.645646
    0.647401 0.639417 0.647915 0.654206 0.654587 0.646541 0.670641 0.651404 0.660528 0.648032 0.674499 0.668206
    0.665821 0.66152 0.665247 0.675963 0.660746 0.683701 0.667446 0.687793 0.679151 0.6783 0.686558 0.679283
    0.684741 0.686205 0.680194 0.680985 0.687644 0.69682 0.684633 0.707188 0.685326 0.696487 0.697868 0.687179
    0.697163 0.697023 0.704912 0.696393 0.714794 0.696219 0.70967 0.701916 0.717429 0.696431 0.707222 1.13515
    0.92546 0.752763 0.634023 0.565875 0.608646 0.593983 0.620763 0.570198 0.631858 0.554073 0.586265 0.577867
    0.580693 0.59006 0.58929 0.592395 0.598478 0.598954 0.598375 0.601015 0.611967 0.612797 0.606386 0.614404
    0.617535 0.620873 0.623874 0.627996 0.628779 0.625575 0.635221 0.630517 0.632293 0.637227 0.640263 0.638213
    0.641344 0.641932 0.647444 0.649329 0.647612 0.651179 0.656476 0.652492 0.655594 0.658363 0.662274 0.657174
    0.661614 0.66076 0.66374 0.663799 0.663161 0.670945 0.670111 0.670007 0.668301 0.673182 0.674251 0.675237
    0.676693 0.678234 0.680753 0.681174 0.681864 0.68549 0.68807 0.686125 0.689228 0.693473 0.690551 0.695493
    0.696634 0.698067 0.697986 0.703468 0.70259 0.70223 0.703311 0.705277 0.704507 0.707025 0.706434 0.708606
""", "test_acc": """
    0.881481 0.87037 0.935185 0.946296 0.925926 0.962963 0.953704 0.959259 0.961111 0.966667 0.955556 0.955556
    0.97037 0.95 0.962963 0.97037 0.962963 0.968518 0.964815 0.95 0.942593 0.95 0.95 0.955556 0.953704 0.948148
    0.92963 0.951852 0.937037 0.944444 0.907407 0.92963 0.911111 0.907407 0.901852 0.9 0.907407 0.901852
    0.881481 0.896296 0.901852 0.885185 0.896296 0.883333 0.896296 0.853704 0.892593 0.875926 0.874074 0.881481
    0.861111 0.853704 0.874074 0.838889 0.85 0.857407 0.87963 0.85 0.853704 0.861111 0.853704 0.87037 0.851852
    0.853704 0.864815 0.851852 0.851852 0.835185 0.846296 0.848148 0.85 0.838889 0.844444 0.842593 0.85 0.842593
    0.853704 0.851852 0.835185 0.837037 0.825926 0.835185 0.851852 0.833333 0.838889 0.833333 0.82037 0.838889
    0.833333 0.848148 0.838889 0.835185 0.827778 0.840741 0.835185 0.837037 0.825926 0.840741 0.822222 0.822222
    0.842593 0.825926 0.848148 0.82963 0.844444 0.837037 0.831481 0.825926 0.844444 0.831481 0.825926 0.831481
    0.833333 0.833333 0.831481 0.827778 0.831481 0.831481 0.827778 0.835185 0.833333 0.825926 0.837037 0.825926
    0.827778 0.825926 0.835185 0.833333 0.835185 0.831481 0.835185 0.82963 0.824074 0.82963 0.82963 0.822222
    0.82963 0.831481 0.827778 0.833333 0.82963 0.825926 0.831481 0.827778 0.833333 0.818519 0.831481 0.827778
    0.825926 0.82037 0.825926 0.822222 0.827778 0.827778 0.831481 0.827778 0.827778 0.82963 0.825926 0.824074
    0.824074 0.827778 0.827778 0.824074 0.822222 0.831481 0.825926 0.818519 0.825926 0.824074 0.822222 0.822222
    0.825926 0.82037 0.824074 0.825926 0.824074 0.827778 0.82037 0.825926 0.824074 0.827778 0.825926 0.82037
    0.824074 0.825926 0.82037 0.824074 0.825926 0.824074 0.824074 0.827778 0.822222 0.822222 0.825926 0.824074
    0.825926 0.824074 0.822222 0.818519 0.82037 0.824074 0.82037 0.831481 0.822222 0.825926 0.818519 0.822222
    0.822222 0.822222 0.818519 0.824074 0.824074 0.824074 0.814815 0.772222 0.755556 0.777778 0.809259 0.82963
    0.818519 0.816667 0.816667 0.838889 0.822222 0.833333 0.827778 0.838889 0.827778 0.825926 0.82963 0.831481
    0.831481 0.833333 0.833333 0.831481 0.833333 0.835185 0.82963 0.831481 0.831481 0.82963 0.835185 0.833333
    0.827778 0.827778 0.831481 0.831481 0.82963 0.833333 0.82963 0.831481 0.827778 0.833333 0.827778 0.833333
    0.833333 0.831481 0.833333 0.835185 0.82963 0.833333 0.831481 0.835185 0.831481 0.835185 0.833333 0.831481
    0.831481 0.831481 0.835185 0.833333 0.835185 0.835185 0.835185 0.833333 0.833333 0.837037 0.835185 0.835185
    0.835185 0.835185 0.833333 0.837037 0.837037 0.833333 0.835185 0.831481 0.833333 0.82963 0.833333 0.82963
    0.835185 0.833333 0.833333 0.835185 0.831481 0.835185 0.831481 0.833333
"""}


def write_adam_spike(path: Path) -> Path:
    """ADAM_SPIKE as its CSV, a row per epoch from 1."""
    columns = {name: text.split() for name, text in ADAM_SPIKE.items()}
    return write_csv(path, {"epoch": list(range(1, len(columns["train_loss"]) + 1)), **columns})


# p71_copy_escape_hf: a tiny transformer on the copy task under Hugging Face's default schedule (linear warmup over
# 100 updates, linear decay to 0 at 2,400, peak 6e-4): the loss sits at ~4.07 from ~120 to ~550, then falls to ~2.0
# by 800 (an induction-head escape) while the LR only eases. The Trainer's mean loss of each 10 updates, and the
# held-out loss and copy accuracy every 200.
COPY_ESCAPE_LOSS = """
    4.5139 4.5179 4.4847 4.4393 4.4227 4.393 4.3316 4.3005 4.2782 4.2432 4.2185 4.2001 4.1728 4.1811 4.1534
    4.1507 4.1366 4.1364 4.1265 4.1237 4.1202 4.1167 4.1088 4.1067 4.1035 4.1022 4.0972 4.0945 4.0975 4.092
    4.0935 4.0912 4.0876 4.0944 4.0868 4.0858 4.0868 4.0858 4.0851 4.0854 4.0825 4.0797 4.082 4.0783 4.0764
    4.0796 4.076 4.0723 4.0703 4.0685 4.0662 4.0552 4.0545 4.0469 4.0365 4.028 4.0134 3.9982 3.9705 3.9531
    3.9113 3.8614 3.8048 3.7238 3.6339 3.4986 3.3462 3.1789 3.0343 2.8884 2.7521 2.6441 2.5432 2.4617 2.3938
    2.3524 2.303 2.2826 2.2519 2.2241 2.2008 2.1723 2.1586 2.1474 2.1339 2.1291 2.1147 2.1055 2.0994 2.0928
    2.0869 2.0839 2.0826 2.0779 2.0685 2.0709 2.0641 2.0592 2.0573 2.0532 2.0546 2.0459 2.0494 2.0422 2.0473
    2.0444 2.0419 2.0363 2.0391 2.0365 2.0343 2.0372 2.0319 2.0292 2.0312 2.0284 2.0271 2.0269 2.0281 2.0271
    2.0258 2.0218 2.0241 2.0239 2.0221 2.0194 2.0193 2.0189 2.0203 2.0195 2.0166 2.0151 2.02 2.0144 2.0169 2.015
    2.0158 2.0133 2.014 2.0135 2.0106 2.0143 2.0134 2.0136 2.0132 2.0144 2.0132 2.0118 2.0106 2.0089 2.0096
    2.0095 2.0092 2.0098 2.012 2.0095 2.0079 2.0102 2.007 2.0092 2.0085 2.0089 2.0072 2.009 2.0056 2.0072 2.0062
    2.0057 2.0067 2.0071 2.007 2.008 2.0047 2.0058 2.0042 2.0065 2.0059 2.0058 2.0048 2.0046 2.0047 2.0054 2.006
    2.0047 2.0043 2.0051 2.0052 2.005 2.0049 2.0059 2.0054 2.0045 2.0016 2.0061 2.0037 2.0057 2.0035 2.0044
    2.0038 2.0044 2.0024 2.003 2.0036 2.0031 2.0028 2.0045 2.0022 2.0029 2.004 2.0031 2.0033 2.0027 2.0022
    2.0031 2.0027 2.0028 2.0004 2.0012 2.0021 2.0035 2.0029 2.0032 2.0026 2.0021 2.0009 2.0017 2.0018 2.0023
    2.001 2.0013 2.0013 2.0015 2.0006 2.0017 2.0022 2.0033 2.0 2.0015 2.0006 2.0011
"""
COPY_ESCAPE_EVALS = """
    4.12164831161499 0.014322916977107525
    4.082211017608643 0.02164713479578495
    3.9302990436553955 0.1691080778837204
    2.213480234146118 0.99853515625
    2.0539517402648926 1.0
    2.0267412662506104 1.0
    2.014141321182251 1.0
    2.008836269378662 1.0
    2.0057406425476074 1.0
    2.0040624141693115 1.0
    2.003084421157837 1.0
    2.0023984909057617 1.0
"""


def write_copy_escape(path: Path) -> Path:
    """The run's trainer_state.json as the Trainer writes it: the next update's LR beside each logged loss."""
    def lr_after(s):
        return 6e-4 * (s / 100 if s < 100 else max(0.0, (2400 - s) / 2300))

    evals = iter(line.split() for line in COPY_ESCAPE_EVALS.strip().splitlines())
    history = []
    for i, loss in enumerate(COPY_ESCAPE_LOSS.split()):
        s = 10 * (i + 1)
        history.append({"epoch": s / 200, "learning_rate": lr_after(s), "loss": float(loss), "step": s})
        if s % 200 == 0:
            ev_loss, ev_acc = next(evals)
            history.append({"epoch": s / 200, "eval_accuracy": float(ev_acc), "eval_loss": float(ev_loss), "step": s})
    path.write_text(json.dumps({"global_step": 2400, "log_history": history, "logging_steps": 10, "max_steps": 2400}))
    return path


# p72_eval_bump_at_decay_csv: an MLP on digits with 20% of its training labels redrawn, SGD 0.1, x0.1 from update
# 1501 of 2500; the held-out loss and accuracy every 50 updates, with the LR, as the recipe's CSV holds them. The
# held-out loss stands near 0.41 from update 1000, bumps to 0.434 over the three evaluations before the decay and is
# back at 0.42 after it: the decay drops nothing (the full training-set loss 0.526 -> 0.511).
EVAL_BUMP_AT_DECAY = """
step,eval_loss,eval_acc,lr
50,1.0270,0.8791,0.1
100,0.5956,0.9270,0.1
150,0.5022,0.9446,0.1
200,0.4447,0.9521,0.1
250,0.4225,0.9572,0.1
300,0.4205,0.9547,0.1
350,0.4246,0.9547,0.1
400,0.3904,0.9673,0.1
450,0.4086,0.9572,0.1
500,0.4053,0.9572,0.1
550,0.3831,0.9547,0.1
600,0.3965,0.9597,0.1
650,0.4105,0.9521,0.1
700,0.3701,0.9597,0.1
750,0.3934,0.9597,0.1
800,0.3880,0.9521,0.1
850,0.4104,0.9471,0.1
900,0.4010,0.9521,0.1
950,0.4000,0.9471,0.1
1000,0.4179,0.9421,0.1
1050,0.3929,0.9421,0.1
1100,0.4081,0.9547,0.1
1150,0.4104,0.9395,0.1
1200,0.3807,0.9471,0.1
1250,0.3996,0.9496,0.1
1300,0.4111,0.9370,0.1
1350,0.4071,0.9421,0.1
1400,0.4267,0.9219,0.1
1450,0.4333,0.9270,0.1
1500,0.4345,0.9093,0.1
1550,0.4216,0.9169,0.01
1600,0.4172,0.9194,0.01
1650,0.4148,0.9244,0.01
1700,0.4187,0.9244,0.01
1750,0.4189,0.9219,0.01
1800,0.4163,0.9169,0.01
1850,0.4178,0.9244,0.01
1900,0.4194,0.9270,0.01
1950,0.4246,0.9244,0.01
2000,0.4176,0.9244,0.01
2050,0.4220,0.9244,0.01
2100,0.4186,0.9295,0.01
2150,0.4193,0.9244,0.01
2200,0.4213,0.9270,0.01
2250,0.4168,0.9219,0.01
2300,0.4242,0.9244,0.01
2350,0.4163,0.9295,0.01
2400,0.4223,0.9244,0.01
2450,0.4198,0.9270,0.01
2500,0.4218,0.9270,0.01
"""


# p73_clip_off_csv: an MLP regressing a tanh teacher (1% of inputs x15), SGD 0.02 momentum 0.9, gradients clipped to
# norm 1 until update 1999 and not from 2000; loss, gradient norm and LR every 10 updates, as the recipe's CSV holds
# them. The loss, 0.03-0.05 before, is thrown to 1738 at update 2050 and stands near 3.3 from 2090 to the end.
CLIP_OFF = """
step,loss,grad_norm,lr
10,1.79524,1.9465,0.02
20,1.21847,2.6559,0.02
30,0.535271,2.1806,0.02
40,0.267672,1.907,0.02
50,0.564898,2.5296,0.02
60,2.6443,73.664,0.02
70,0.486756,3.7785,0.02
80,0.390689,2.0515,0.02
90,0.338577,1.6854,0.02
100,0.588638,2.7645,0.02
110,48.0759,265.37,0.02
120,4.30776,72.518,0.02
130,0.345774,2.2163,0.02
140,0.461349,2.1663,0.02
150,11.3036,101.97,0.02
160,0.654291,20.093,0.02
170,3.41596,54.063,0.02
180,0.211971,1.6829,0.02
190,0.257881,1.1562,0.02
200,0.404498,2.7243,0.02
210,5.54283,82.893,0.02
220,0.354469,2.3439,0.02
230,0.247757,1.3481,0.02
240,4.71075,75.65,0.02
250,0.224987,8.6138,0.02
260,0.146256,1.0937,0.02
270,0.245364,1.3143,0.02
280,1.24843,27.899,0.02
290,0.239124,2.1065,0.02
300,0.602089,11.816,0.02
310,0.195764,1.2077,0.02
320,0.21362,1.4184,0.02
330,0.355198,1.9313,0.02
340,0.348006,2.6968,0.02
350,0.241441,1.3341,0.02
360,0.813847,17.524,0.02
370,0.181411,1.023,0.02
380,0.257348,1.5108,0.02
390,0.877126,15.773,0.02
400,0.194498,1.4498,0.02
410,0.175778,1.0755,0.02
420,0.247649,1.7603,0.02
430,0.220102,1.325,0.02
440,0.32655,2.1768,0.02
450,0.227206,1.3769,0.02
460,0.185467,1.9188,0.02
470,9.9587,134.39,0.02
480,0.197133,1.2337,0.02
490,0.216658,1.7093,0.02
500,0.115956,1.206,0.02
510,0.154741,1.4555,0.02
520,0.242136,1.6542,0.02
530,4.08171,71.647,0.02
540,1.02262,38.351,0.02
550,0.246469,1.4498,0.02
560,0.134032,1.1217,0.02
570,0.462382,9.2792,0.02
580,0.138762,2.6481,0.02
590,3.01276,58.192,0.02
600,0.317141,2.2939,0.02
610,0.201599,1.8011,0.02
620,0.140158,1.0877,0.02
630,0.0784725,0.625,0.02
640,0.272776,2.5345,0.02
650,0.200514,1.7881,0.02
660,0.127751,1.163,0.02
670,0.261828,2.9487,0.02
680,0.727398,17.571,0.02
690,0.171934,1.6012,0.02
700,0.160012,1.3273,0.02
710,0.110387,0.94834,0.02
720,0.168429,5.5261,0.02
730,0.545623,16.454,0.02
740,0.12616,1.3219,0.02
750,0.175335,1.3264,0.02
760,0.104407,1.41,0.02
770,0.173291,1.5464,0.02
780,0.129217,1.0552,0.02
790,0.278424,4.6576,0.02
800,0.14531,0.95715,0.02
810,0.161222,0.99954,0.02
820,0.149102,1.4979,0.02
830,0.161017,1.2298,0.02
840,0.180225,2.5322,0.02
850,0.122576,1.0824,0.02
860,0.122227,1.0125,0.02
870,0.106647,1.2463,0.02
880,0.1258,1.2071,0.02
890,0.124304,1.2854,0.02
900,0.0724641,0.85246,0.02
910,0.0839881,1.2739,0.02
920,0.510811,10.517,0.02
930,1.39057,17.116,0.02
940,0.385982,11.44,0.02
950,0.133921,0.94229,0.02
960,2.35594,47.314,0.02
970,0.146578,1.0306,0.02
980,0.181601,1.2169,0.02
990,0.155193,3.2744,0.02
1000,0.163309,5.7344,0.02
1010,0.912898,25.747,0.02
1020,0.166478,1.9143,0.02
1030,0.193152,9.6345,0.02
1040,0.117917,1.175,0.02
1050,0.144241,1.7533,0.02
1060,0.100085,1.1205,0.02
1070,0.0947274,1.8536,0.02
1080,0.114348,1.2219,0.02
1090,0.101515,1.0485,0.02
1100,0.108,2.0392,0.02
1110,0.0871236,1.0725,0.02
1120,0.0873424,1.4675,0.02
1130,0.170399,8.5404,0.02
1140,0.0895288,1.211,0.02
1150,0.101479,1.2439,0.02
1160,0.0976374,0.94226,0.02
1170,0.289625,6.5777,0.02
1180,0.157475,1.8597,0.02
1190,0.110744,1.0819,0.02
1200,0.0619205,0.77672,0.02
1210,0.108882,1.4085,0.02
1220,0.111104,1.4668,0.02
1230,0.243847,6.7258,0.02
1240,0.495987,22.247,0.02
1250,0.0664884,1.7176,0.02
1260,0.119267,1.1761,0.02
1270,0.0658901,0.86336,0.02
1280,0.126607,1.1623,0.02
1290,0.105882,1.1317,0.02
1300,0.0569371,0.79827,0.02
1310,0.132206,7.5277,0.02
1320,0.138062,1.6857,0.02
1330,0.0447735,0.63861,0.02
1340,0.0493078,1.0841,0.02
1350,0.0757678,0.79612,0.02
1360,0.0878405,1.1355,0.02
1370,0.0848354,1.7074,0.02
1380,0.182344,10.067,0.02
1390,0.0338885,0.49924,0.02
1400,0.098497,1.1123,0.02
1410,0.103051,1.4081,0.02
1420,0.0555821,0.87826,0.02
1430,0.0487273,0.84804,0.02
1440,0.078445,1.1606,0.02
1450,0.341498,6.5527,0.02
1460,0.091426,1.2235,0.02
1470,0.0623521,0.88793,0.02
1480,0.0659817,0.93103,0.02
1490,0.0400822,0.56426,0.02
1500,2.10471,61.15,0.02
1510,0.394825,18.88,0.02
1520,0.146993,4.0389,0.02
1530,0.0760575,0.85868,0.02
1540,0.0848396,5.2689,0.02
1550,0.0715899,1.1618,0.02
1560,0.12328,6.265,0.02
1570,0.0348101,0.51082,0.02
1580,0.123558,10.855,0.02
1590,0.0611536,0.96857,0.02
1600,0.0553975,0.92746,0.02
1610,0.232362,9.9124,0.02
1620,0.0636247,0.76436,0.02
1630,0.0569511,1.2356,0.02
1640,0.0847462,3.2078,0.02
1650,0.622356,11.22,0.02
1660,0.366729,11.887,0.02
1670,0.0445876,0.73204,0.02
1680,0.0550085,0.90291,0.02
1690,0.0675938,1.0553,0.02
1700,0.0498282,0.85942,0.02
1710,0.528115,18.624,0.02
1720,0.0495638,0.76735,0.02
1730,0.117134,1.6787,0.02
1740,0.0915037,3.5532,0.02
1750,0.212167,6.4001,0.02
1760,1.22453,22.189,0.02
1770,0.0640084,0.89501,0.02
1780,0.0818087,1.1153,0.02
1790,0.0634872,1.1243,0.02
1800,0.0455785,0.714,0.02
1810,0.0556225,1.6108,0.02
1820,0.0603181,2.1514,0.02
1830,0.136908,8.5146,0.02
1840,0.0487653,1.062,0.02
1850,0.765412,14.496,0.02
1860,0.398952,14.711,0.02
1870,0.0609165,1.3199,0.02
1880,0.0566834,1.1491,0.02
1890,0.0373448,0.65266,0.02
1900,0.0509663,0.75251,0.02
1910,0.041754,0.86624,0.02
1920,0.334593,6.1921,0.02
1930,0.0460764,0.7651,0.02
1940,0.326637,7.9942,0.02
1950,0.0371619,0.82926,0.02
1960,0.0423698,1.0471,0.02
1970,0.0405986,1.0322,0.02
1980,0.390714,7.855,0.02
1990,0.0298526,0.69623,0.02
2000,0.033164,0.6364,0.02
2010,0.341093,2.2206,0.02
2020,0.83099,4.4206,0.02
2030,2.31458,34.259,0.02
2040,101.183,602.53,0.02
2050,1738.32,20184,0.02
2060,576.104,8638.7,0.02
2070,75.5391,754.89,0.02
2080,4.13196,0.589,0.02
2090,2.75224,0.4607,0.02
2100,2.77004,0.5271,0.02
2110,3.21845,0.049659,0.02
2120,3.79434,0.78486,0.02
2130,4.78216,1.8691,0.02
2140,2.68855,0.20776,0.02
2150,3.38071,0.64299,0.02
2160,3.53572,1.3249,0.02
2170,3.53694,0.60354,0.02
2180,2.08665,0.57324,0.02
2190,2.25451,0.096009,0.02
2200,3.06238,0.38613,0.02
2210,4.25556,0.58135,0.02
2220,4.22263,0.10628,0.02
2230,3.66139,0.38389,0.02
2240,5.25857,0.049363,0.02
2250,3.50433,0.048115,0.02
2260,2.4589,0.25929,0.02
2270,2.80295,0.33133,0.02
2280,2.08335,0.84035,0.02
2290,4.07435,1.0794,0.02
2300,2.92331,0.72982,0.02
2310,3.04164,0.67048,0.02
2320,3.3799,0.29833,0.02
2330,2.64827,0.52003,0.02
2340,2.5659,0.07076,0.02
2350,3.74362,0.37259,0.02
2360,2.86404,0.87341,0.02
2370,2.88182,0.82315,0.02
2380,2.5716,0.68576,0.02
2390,2.41325,0.11802,0.02
2400,2.52378,0.21977,0.02
2410,3.14878,1.3692,0.02
2420,2.18475,0.014344,0.02
2430,2.98187,0.39333,0.02
2440,4.12432,1.1746,0.02
2450,2.78272,1.1152,0.02
2460,2.80638,0.49878,0.02
2470,2.36845,0.19391,0.02
2480,3.1797,0.14775,0.02
2490,3.79358,1.0831,0.02
2500,4.54226,0.94133,0.02
2510,4.20763,0.07342,0.02
2520,2.77484,0.061049,0.02
2530,2.26472,0.25716,0.02
2540,2.326,0.23994,0.02
2550,5.17923,0.42529,0.02
2560,2.77421,0.53314,0.02
2570,2.44984,0.042437,0.02
2580,3.8488,0.8589,0.02
2590,2.56455,0.70755,0.02
2600,4.38784,0.043391,0.02
2610,3.00849,0.088072,0.02
2620,3.66871,0.46654,0.02
2630,4.43186,0.56781,0.02
2640,3.6689,0.089489,0.02
2650,2.78609,0.5607,0.02
2660,1.72408,0.30865,0.02
2670,3.31798,1.1003,0.02
2680,4.88366,1.1659,0.02
2690,2.60701,0.1637,0.02
2700,2.98326,0.80467,0.02
2710,2.88997,0.20949,0.02
2720,4.28664,0.16201,0.02
2730,2.52163,0.22675,0.02
2740,3.94218,1.6376,0.02
2750,3.80471,0.44302,0.02
2760,2.62389,0.66172,0.02
2770,3.93605,0.35883,0.02
2780,3.37123,0.64325,0.02
2790,3.8658,0.37242,0.02
2800,2.08873,0.01638,0.02
2810,4.2171,0.34336,0.02
2820,4.65897,0.24388,0.02
2830,3.65967,0.42485,0.02
2840,2.51593,0.21324,0.02
2850,4.64502,0.24453,0.02
2860,3.31516,0.26347,0.02
2870,6.02807,1.8093,0.02
2880,2.04475,0.53988,0.02
2890,1.41743,0.14608,0.02
2900,3.96032,0.39049,0.02
2910,2.04991,1.5184,0.02
2920,2.95863,0.004891,0.02
2930,2.83125,0.55273,0.02
2940,3.55036,0.38514,0.02
2950,3.47564,1.4294,0.02
2960,3.70923,0.63716,0.02
2970,4.99498,0.58914,0.02
2980,2.18317,0.56729,0.02
2990,3.84892,0.8318,0.02
3000,1.56193,0.59459,0.02
3010,4.23878,0.61233,0.02
3020,3.33644,0.4174,0.02
3030,3.22419,0.55415,0.02
3040,4.25013,0.52464,0.02
3050,3.93636,0.28965,0.02
3060,3.12168,0.59017,0.02
3070,2.51862,0.93912,0.02
3080,2.51638,0.015522,0.02
3090,3.08029,0.2309,0.02
3100,5.28071,0.77741,0.02
3110,2.41424,0.24095,0.02
3120,2.95464,0.42722,0.02
3130,1.91839,0.91797,0.02
3140,3.51556,1.2953,0.02
3150,1.90168,0.044587,0.02
3160,2.11776,0.084322,0.02
3170,3.31418,0.33459,0.02
3180,3.81231,0.81454,0.02
3190,2.00956,0.53826,0.02
3200,3.56858,1.0487,0.02
3210,2.84424,0.34333,0.02
3220,2.72372,0.15901,0.02
3230,3.90655,1.0188,0.02
3240,2.58983,0.37629,0.02
3250,4.37058,0.45481,0.02
3260,3.01394,0.48268,0.02
3270,2.57818,0.49466,0.02
3280,4.13444,0.58566,0.02
3290,2.62949,0.079041,0.02
3300,3.8164,0.11403,0.02
3310,1.76985,0.85102,0.02
3320,3.34084,0.0049044,0.02
3330,2.75726,0.52326,0.02
3340,3.06324,0.48379,0.02
3350,3.2801,0.52318,0.02
3360,1.8389,0.030852,0.02
3370,3.70864,1.2885,0.02
3380,2.33239,0.16913,0.02
3390,3.24997,0.086057,0.02
3400,3.58608,0.56767,0.02
3410,3.71608,0.39735,0.02
3420,2.71176,0.682,0.02
3430,2.58894,0.53712,0.02
3440,3.54117,1.2267,0.02
3450,3.46139,0.49523,0.02
3460,3.25463,0.20409,0.02
3470,3.60254,0.46103,0.02
3480,3.45403,0.52587,0.02
3490,4.33528,0.85995,0.02
3500,3.2984,0.61712,0.02
3510,2.87668,0.57374,0.02
3520,1.93655,0.66066,0.02
3530,3.67578,0.42443,0.02
3540,3.54148,0.63073,0.02
3550,4.32099,0.11525,0.02
3560,3.83021,0.76959,0.02
3570,3.26436,0.1438,0.02
3580,4.422,0.60745,0.02
3590,3.72282,0.59603,0.02
3600,2.49772,0.0094064,0.02
3610,3.9916,0.20441,0.02
3620,2.74648,0.4457,0.02
3630,2.98006,0.95389,0.02
3640,3.56076,0.18399,0.02
3650,2.67835,0.90192,0.02
3660,3.47056,1.083,0.02
3670,3.1905,1.7729,0.02
3680,4.58567,0.32937,0.02
3690,3.27381,0.098409,0.02
3700,3.03469,0.92734,0.02
3710,2.81715,0.41622,0.02
3720,3.13624,0.70179,0.02
3730,3.33253,0.9009,0.02
3740,3.60876,0.30145,0.02
3750,3.60791,0.6161,0.02
3760,3.21436,0.24066,0.02
3770,3.10873,0.57795,0.02
3780,3.85454,0.69395,0.02
3790,2.27162,0.30526,0.02
3800,2.81977,0.2322,0.02
3810,3.26743,1.098,0.02
3820,2.20636,0.0038612,0.02
3830,3.47542,0.68536,0.02
3840,3.19202,0.27117,0.02
3850,3.80904,0.94416,0.02
3860,3.46862,0.10342,0.02
3870,3.85805,0.23997,0.02
3880,5.58355,0.24139,0.02
3890,3.77477,0.99398,0.02
3900,2.34264,0.67007,0.02
3910,3.60343,0.65438,0.02
3920,2.86593,0.37007,0.02
3930,3.97563,0.12942,0.02
3940,1.97638,0.22887,0.02
3950,3.97346,0.059646,0.02
3960,3.68916,0.87155,0.02
3970,5.20957,0.089618,0.02
3980,4.50395,0.21993,0.02
3990,2.22047,0.2599,0.02
4000,2.89004,0.27462,0.02
"""


# p74_mixup_off_keras: an MLP on sklearn's digits, Adam 1e-3 throughout (no LR in the log), mixup until epoch 19
# and none from 20; Keras CSVLogger's columns. The training loss falls x8 at epoch 20 and the held-out loss -39%.
MIXUP_OFF = """
epoch,loss,val_loss
0,1.9290,1.0955
1,1.0806,0.3937
2,0.7502,0.2779
3,0.7336,0.2867
4,0.6599,0.2237
5,0.7036,0.2097
6,0.7126,0.2253
7,0.7150,0.2188
8,0.6898,0.1980
9,0.6140,0.1916
10,0.6823,0.1890
11,0.5753,0.1717
12,0.6749,0.1892
13,0.6385,0.1711
14,0.5857,0.1781
15,0.5433,0.1636
16,0.6202,0.1527
17,0.6272,0.1593
18,0.6074,0.1528
19,0.5555,0.1712
20,0.0758,0.1022
21,0.0415,0.0981
22,0.0319,0.0852
23,0.0256,0.0844
24,0.0209,0.0683
25,0.0188,0.0906
26,0.0157,0.0778
27,0.0128,0.0681
28,0.0117,0.0599
29,0.0097,0.0617
30,0.0084,0.0623
31,0.0072,0.0613
32,0.0067,0.0589
33,0.0062,0.0607
34,0.0060,0.0602
35,0.0048,0.0587
36,0.0043,0.0660
"""

# p75_vae_kl_on_csv: a VAE on sklearn's digits, Adam 1e-3, its KL term weighted 0 until update 1004 and 1 from 1005;
# the KL as the mean of each 10 updates'. It stands near 48 to the print at 999 and is 42.9 at 1009, 8.4 at 1019.
VAE_KL_ON = """
step,train_kl
9,0.187375
19,1.03191
29,2.30069
39,4.1319
49,7.21254
59,9.81072
69,12.0556
79,14.1534
89,15.9282
99,17.9735
109,20.1728
119,21.8941
129,23.7887
139,25.4773
149,26.5718
159,27.7849
169,28.3218
179,29.8033
189,30.539
199,30.9992
209,31.6495
219,32.5621
229,32.8277
239,33.7795
249,33.8361
259,34.7791
269,35.0866
279,35.6247
289,35.9521
299,36.6906
309,36.7106
319,37.9375
329,37.8743
339,38.4636
349,38.3772
359,38.6852
369,39.2621
379,39.4724
389,40.0964
399,39.6928
409,40.6331
419,40.5431
429,40.6972
439,40.9187
449,41.4213
459,41.4637
469,41.8285
479,41.8987
489,42.3063
499,42.3982
509,42.576
519,42.9636
529,42.8469
539,43.2358
549,43.545
559,43.2938
569,43.8493
579,43.9156
589,44.1685
599,44.1454
609,44.3404
619,44.5079
629,44.6706
639,44.8484
649,44.6432
659,45.3324
669,44.9935
679,45.0578
689,45.4345
699,45.3034
709,45.4838
719,45.7286
729,45.581
739,45.8305
749,45.9914
759,46.0923
769,46.2791
779,45.7678
789,46.2
799,46.0504
809,46.4585
819,46.2147
829,46.9147
839,46.4172
849,46.8807
859,46.8495
869,47.0884
879,46.8484
889,47.33
899,46.7174
909,47.2154
919,47.2256
929,47.4811
939,47.5638
949,47.2263
959,47.7448
969,47.755
979,47.6049
989,48.1682
999,47.6052
1009,42.9195
1019,8.38316
1029,0.301441
1039,0.27067
1049,0.27467
1059,0.262484
1069,0.243068
1079,0.205665
1089,0.193809
1099,0.183484
1109,0.187135
1119,0.174367
1129,0.169439
1139,0.177707
1149,0.17435
1159,0.174835
1169,0.188947
1179,0.184035
1189,0.196146
1199,0.200956
1209,0.203418
1219,0.196184
1229,0.205409
1239,0.219096
1249,0.219042
1259,0.224186
1269,0.219892
1279,0.227225
1289,0.226048
1299,0.233983
1309,0.247928
1319,0.248009
1329,0.239889
1339,0.233836
1349,0.242379
1359,0.248516
1369,0.253483
1379,0.255735
1389,0.254162
1399,0.269501
1409,0.264089
1419,0.269319
1429,0.273387
1439,0.268024
1449,0.273861
1459,0.27359
1469,0.273988
1479,0.275286
1489,0.271117
1499,0.287433
1509,0.2846
1519,0.283837
1529,0.270142
1539,0.283665
1549,0.275631
1559,0.272285
1569,0.27337
1579,0.269349
1589,0.261482
1599,0.260709
1609,0.26111
1619,0.268483
1629,0.281047
1639,0.291929
1649,0.276853
1659,0.28861
1669,0.272314
1679,0.285335
1689,0.274947
1699,0.277305
1709,0.268293
1719,0.275465
1729,0.292625
1739,0.289234
1749,0.283306
1759,0.296127
1769,0.297425
1779,0.288906
1789,0.287619
1799,0.289908
1809,0.289687
1819,0.300612
1829,0.297277
1839,0.30491
1849,0.303361
1859,0.29507
1869,0.307367
1879,0.299383
1889,0.295071
1899,0.302369
1909,0.291137
1919,0.298091
1929,0.321877
1939,0.308747
1949,0.307742
1959,0.306911
1969,0.306623
1979,0.316594
1989,0.304494
1999,0.300123
"""

# p76_charlm_warmup_text: an MLP language model on an order-2 Markov source, AdamW 3e-3 after a linear warmup over
# updates 1-250, one batch's loss printed every 10 updates: a fall that speeds up once the warmup ends, no break in it.
CHARLM_WARMUP = """
iter 10: loss 2.5308, lr 1.20e-04
iter 20: loss 2.4799, lr 2.40e-04
iter 30: loss 2.4645, lr 3.60e-04
iter 40: loss 2.4460, lr 4.80e-04
iter 50: loss 2.4586, lr 6.00e-04
iter 60: loss 2.4328, lr 7.20e-04
iter 70: loss 2.3451, lr 8.40e-04
iter 80: loss 2.4338, lr 9.60e-04
iter 90: loss 2.3802, lr 1.08e-03
iter 100: loss 2.2249, lr 1.20e-03
iter 110: loss 2.3058, lr 1.32e-03
iter 120: loss 2.3727, lr 1.44e-03
iter 130: loss 2.2595, lr 1.56e-03
iter 140: loss 2.2233, lr 1.68e-03
iter 150: loss 2.3888, lr 1.80e-03
iter 160: loss 2.2367, lr 1.92e-03
iter 170: loss 2.2790, lr 2.04e-03
iter 180: loss 2.1365, lr 2.16e-03
iter 190: loss 2.2065, lr 2.28e-03
iter 200: loss 2.3062, lr 2.40e-03
iter 210: loss 2.1173, lr 2.52e-03
iter 220: loss 2.2334, lr 2.64e-03
iter 230: loss 2.1300, lr 2.76e-03
iter 240: loss 2.3008, lr 2.88e-03
iter 250: loss 2.1495, lr 3.00e-03
iter 260: loss 2.1001, lr 3.00e-03
iter 270: loss 2.0840, lr 3.00e-03
iter 280: loss 2.0963, lr 3.00e-03
iter 290: loss 2.0966, lr 3.00e-03
iter 300: loss 1.9728, lr 3.00e-03
iter 310: loss 2.0718, lr 3.00e-03
iter 320: loss 2.1340, lr 3.00e-03
iter 330: loss 1.8448, lr 3.00e-03
iter 340: loss 1.9392, lr 3.00e-03
iter 350: loss 1.8453, lr 3.00e-03
iter 360: loss 1.7924, lr 3.00e-03
iter 370: loss 2.0626, lr 3.00e-03
iter 380: loss 1.8644, lr 3.00e-03
iter 390: loss 1.6637, lr 3.00e-03
iter 400: loss 1.7386, lr 3.00e-03
iter 410: loss 1.9624, lr 3.00e-03
iter 420: loss 2.0034, lr 3.00e-03
iter 430: loss 1.8965, lr 3.00e-03
iter 440: loss 1.8717, lr 3.00e-03
iter 450: loss 1.6999, lr 3.00e-03
iter 460: loss 1.6222, lr 3.00e-03
iter 470: loss 1.9065, lr 3.00e-03
iter 480: loss 1.5974, lr 3.00e-03
iter 490: loss 1.7028, lr 3.00e-03
iter 500: loss 1.6217, lr 3.00e-03
iter 510: loss 1.7129, lr 3.00e-03
iter 520: loss 1.6462, lr 3.00e-03
iter 530: loss 1.8133, lr 3.00e-03
iter 540: loss 1.5865, lr 3.00e-03
iter 550: loss 1.6464, lr 3.00e-03
iter 560: loss 1.7806, lr 3.00e-03
iter 570: loss 1.6954, lr 3.00e-03
iter 580: loss 1.7082, lr 3.00e-03
iter 590: loss 1.8015, lr 3.00e-03
iter 600: loss 1.5744, lr 3.00e-03
iter 610: loss 1.5672, lr 3.00e-03
iter 620: loss 1.7705, lr 3.00e-03
iter 630: loss 1.7602, lr 3.00e-03
iter 640: loss 1.9805, lr 3.00e-03
iter 650: loss 1.4271, lr 3.00e-03
iter 660: loss 1.5312, lr 3.00e-03
iter 670: loss 1.6468, lr 3.00e-03
iter 680: loss 1.7199, lr 3.00e-03
iter 690: loss 1.5635, lr 3.00e-03
iter 700: loss 1.8439, lr 3.00e-03
iter 710: loss 1.6325, lr 3.00e-03
iter 720: loss 1.4509, lr 3.00e-03
iter 730: loss 1.6804, lr 3.00e-03
iter 740: loss 1.6042, lr 3.00e-03
iter 750: loss 1.4486, lr 3.00e-03
iter 760: loss 1.7334, lr 3.00e-03
iter 770: loss 1.7372, lr 3.00e-03
iter 780: loss 1.5230, lr 3.00e-03
iter 790: loss 1.6302, lr 3.00e-03
iter 800: loss 1.7232, lr 3.00e-03
iter 810: loss 1.7094, lr 3.00e-03
iter 820: loss 1.6584, lr 3.00e-03
iter 830: loss 1.4517, lr 3.00e-03
iter 840: loss 1.4515, lr 3.00e-03
iter 850: loss 1.5855, lr 3.00e-03
iter 860: loss 1.6455, lr 3.00e-03
iter 870: loss 1.4849, lr 3.00e-03
iter 880: loss 1.7423, lr 3.00e-03
iter 890: loss 1.6249, lr 3.00e-03
iter 900: loss 1.5674, lr 3.00e-03
iter 910: loss 1.4522, lr 3.00e-03
iter 920: loss 1.7196, lr 3.00e-03
iter 930: loss 1.5059, lr 3.00e-03
iter 940: loss 1.5710, lr 3.00e-03
iter 950: loss 1.5978, lr 3.00e-03
iter 960: loss 1.6711, lr 3.00e-03
iter 970: loss 1.5927, lr 3.00e-03
iter 980: loss 1.6010, lr 3.00e-03
iter 990: loss 1.6390, lr 3.00e-03
iter 1000: loss 1.5770, lr 3.00e-03
iter 1010: loss 1.7066, lr 3.00e-03
iter 1020: loss 1.4376, lr 3.00e-03
iter 1030: loss 1.6030, lr 3.00e-03
iter 1040: loss 1.4849, lr 3.00e-03
iter 1050: loss 1.5541, lr 3.00e-03
iter 1060: loss 1.4243, lr 3.00e-03
iter 1070: loss 1.6552, lr 3.00e-03
iter 1080: loss 1.3931, lr 3.00e-03
iter 1090: loss 1.6284, lr 3.00e-03
iter 1100: loss 1.5540, lr 3.00e-03
iter 1110: loss 1.5259, lr 3.00e-03
iter 1120: loss 1.6080, lr 3.00e-03
iter 1130: loss 1.5246, lr 3.00e-03
iter 1140: loss 1.6037, lr 3.00e-03
iter 1150: loss 1.3196, lr 3.00e-03
iter 1160: loss 1.4812, lr 3.00e-03
iter 1170: loss 1.6272, lr 3.00e-03
iter 1180: loss 1.4081, lr 3.00e-03
iter 1190: loss 1.6324, lr 3.00e-03
iter 1200: loss 1.4112, lr 3.00e-03
iter 1210: loss 1.2550, lr 3.00e-03
iter 1220: loss 1.6047, lr 3.00e-03
iter 1230: loss 1.5464, lr 3.00e-03
iter 1240: loss 1.9048, lr 3.00e-03
iter 1250: loss 1.4985, lr 3.00e-03
iter 1260: loss 1.5961, lr 3.00e-03
iter 1270: loss 1.1490, lr 3.00e-03
iter 1280: loss 1.3235, lr 3.00e-03
iter 1290: loss 1.7525, lr 3.00e-03
iter 1300: loss 1.5505, lr 3.00e-03
iter 1310: loss 1.4562, lr 3.00e-03
iter 1320: loss 1.6078, lr 3.00e-03
iter 1330: loss 1.3682, lr 3.00e-03
iter 1340: loss 1.3932, lr 3.00e-03
iter 1350: loss 1.5568, lr 3.00e-03
iter 1360: loss 1.7521, lr 3.00e-03
iter 1370: loss 1.6240, lr 3.00e-03
iter 1380: loss 1.6174, lr 3.00e-03
iter 1390: loss 1.4193, lr 3.00e-03
iter 1400: loss 1.4025, lr 3.00e-03
iter 1410: loss 1.3928, lr 3.00e-03
iter 1420: loss 1.3116, lr 3.00e-03
iter 1430: loss 1.4046, lr 3.00e-03
iter 1440: loss 1.6403, lr 3.00e-03
iter 1450: loss 1.2770, lr 3.00e-03
iter 1460: loss 1.6405, lr 3.00e-03
iter 1470: loss 1.4130, lr 3.00e-03
iter 1480: loss 1.4135, lr 3.00e-03
iter 1490: loss 1.5207, lr 3.00e-03
iter 1500: loss 1.6272, lr 3.00e-03
iter 1510: loss 1.4941, lr 3.00e-03
iter 1520: loss 1.6029, lr 3.00e-03
iter 1530: loss 1.2377, lr 3.00e-03
iter 1540: loss 1.5613, lr 3.00e-03
iter 1550: loss 1.5673, lr 3.00e-03
iter 1560: loss 1.5552, lr 3.00e-03
iter 1570: loss 1.4439, lr 3.00e-03
iter 1580: loss 1.5455, lr 3.00e-03
iter 1590: loss 1.2486, lr 3.00e-03
iter 1600: loss 1.2518, lr 3.00e-03
iter 1610: loss 1.4925, lr 3.00e-03
iter 1620: loss 1.5540, lr 3.00e-03
iter 1630: loss 1.1891, lr 3.00e-03
iter 1640: loss 1.3992, lr 3.00e-03
iter 1650: loss 1.3033, lr 3.00e-03
iter 1660: loss 1.4024, lr 3.00e-03
iter 1670: loss 1.5093, lr 3.00e-03
iter 1680: loss 1.5195, lr 3.00e-03
iter 1690: loss 1.4590, lr 3.00e-03
iter 1700: loss 1.3735, lr 3.00e-03
iter 1710: loss 1.3972, lr 3.00e-03
iter 1720: loss 1.4842, lr 3.00e-03
iter 1730: loss 1.4875, lr 3.00e-03
iter 1740: loss 1.7276, lr 3.00e-03
iter 1750: loss 1.1383, lr 3.00e-03
iter 1760: loss 1.2501, lr 3.00e-03
iter 1770: loss 1.6291, lr 3.00e-03
iter 1780: loss 1.6423, lr 3.00e-03
iter 1790: loss 1.7580, lr 3.00e-03
iter 1800: loss 1.2240, lr 3.00e-03
iter 1810: loss 1.6255, lr 3.00e-03
iter 1820: loss 1.6084, lr 3.00e-03
iter 1830: loss 1.5697, lr 3.00e-03
iter 1840: loss 1.5110, lr 3.00e-03
iter 1850: loss 1.4673, lr 3.00e-03
iter 1860: loss 1.3626, lr 3.00e-03
iter 1870: loss 1.2662, lr 3.00e-03
iter 1880: loss 1.5697, lr 3.00e-03
iter 1890: loss 1.5886, lr 3.00e-03
iter 1900: loss 1.6309, lr 3.00e-03
iter 1910: loss 1.5456, lr 3.00e-03
iter 1920: loss 1.7307, lr 3.00e-03
iter 1930: loss 1.4441, lr 3.00e-03
iter 1940: loss 1.4544, lr 3.00e-03
iter 1950: loss 1.6742, lr 3.00e-03
iter 1960: loss 1.3978, lr 3.00e-03
iter 1970: loss 1.5337, lr 3.00e-03
iter 1980: loss 1.3066, lr 3.00e-03
iter 1990: loss 1.3203, lr 3.00e-03
iter 2000: loss 1.4307, lr 3.00e-03
iter 2010: loss 1.5230, lr 3.00e-03
iter 2020: loss 1.7427, lr 3.00e-03
iter 2030: loss 1.6273, lr 3.00e-03
iter 2040: loss 1.4169, lr 3.00e-03
iter 2050: loss 1.5630, lr 3.00e-03
iter 2060: loss 1.4901, lr 3.00e-03
iter 2070: loss 1.6083, lr 3.00e-03
iter 2080: loss 1.6148, lr 3.00e-03
iter 2090: loss 1.3861, lr 3.00e-03
iter 2100: loss 1.3852, lr 3.00e-03
iter 2110: loss 1.4296, lr 3.00e-03
iter 2120: loss 1.5799, lr 3.00e-03
iter 2130: loss 1.4104, lr 3.00e-03
iter 2140: loss 1.2397, lr 3.00e-03
iter 2150: loss 1.6547, lr 3.00e-03
iter 2160: loss 1.1203, lr 3.00e-03
iter 2170: loss 1.4702, lr 3.00e-03
iter 2180: loss 1.4025, lr 3.00e-03
iter 2190: loss 1.4653, lr 3.00e-03
iter 2200: loss 1.5897, lr 3.00e-03
iter 2210: loss 1.4581, lr 3.00e-03
iter 2220: loss 1.3105, lr 3.00e-03
iter 2230: loss 1.4523, lr 3.00e-03
iter 2240: loss 1.4208, lr 3.00e-03
iter 2250: loss 1.5908, lr 3.00e-03
iter 2260: loss 1.4512, lr 3.00e-03
iter 2270: loss 1.3042, lr 3.00e-03
iter 2280: loss 1.2592, lr 3.00e-03
iter 2290: loss 1.2781, lr 3.00e-03
iter 2300: loss 1.1681, lr 3.00e-03
iter 2310: loss 1.5292, lr 3.00e-03
iter 2320: loss 1.4011, lr 3.00e-03
iter 2330: loss 1.4297, lr 3.00e-03
iter 2340: loss 1.5213, lr 3.00e-03
iter 2350: loss 1.4528, lr 3.00e-03
iter 2360: loss 1.2746, lr 3.00e-03
iter 2370: loss 1.6254, lr 3.00e-03
iter 2380: loss 1.5945, lr 3.00e-03
iter 2390: loss 1.3246, lr 3.00e-03
iter 2400: loss 1.3605, lr 3.00e-03
iter 2410: loss 1.4395, lr 3.00e-03
iter 2420: loss 1.3450, lr 3.00e-03
iter 2430: loss 1.2723, lr 3.00e-03
iter 2440: loss 1.4107, lr 3.00e-03
iter 2450: loss 1.5048, lr 3.00e-03
iter 2460: loss 1.5025, lr 3.00e-03
iter 2470: loss 1.3392, lr 3.00e-03
iter 2480: loss 1.5130, lr 3.00e-03
iter 2490: loss 1.4052, lr 3.00e-03
iter 2500: loss 1.4051, lr 3.00e-03
"""

# p77_dropout_on_lightning: an MLP on sklearn's digits, Adam 1e-3, dropout 0 until epoch 11 and 0.6 from epoch 12 (update
# 516); Lightning's CSVLogger rows. The training loss jumps x8; the held-out loss is at a new best two epochs later.
DROPOUT_ON = """
epoch,step,train_loss,val_loss
0,9,2.11138,
0,19,1.8774,
0,29,1.35099,
0,39,1.06545,
0,42,,0.800624
1,49,0.528006,
1,59,0.391198,
1,69,0.60025,
1,79,0.355412,
1,85,,0.384042
2,89,0.18836,
2,99,0.392715,
2,109,0.241841,
2,119,0.244515,
2,128,,0.223956
3,129,0.197243,
3,139,0.109266,
3,149,0.0823885,
3,159,0.259353,
3,169,0.164883,
3,171,,0.18395
4,179,0.0641028,
4,189,0.158691,
4,199,0.108282,
4,209,0.0920919,
4,214,,0.172062
5,219,0.0615986,
5,229,0.0354767,
5,239,0.0822338,
5,249,0.0356727,
5,257,,0.177355
6,259,0.048376,
6,269,0.0403694,
6,279,0.0304176,
6,289,0.184178,
6,299,0.088598,
6,300,,0.166436
7,309,0.152827,
7,319,0.0244592,
7,329,0.00917583,
7,339,0.0283789,
7,343,,0.144603
8,349,0.0427959,
8,359,0.0556184,
8,369,0.0444227,
8,379,0.0195147,
8,386,,0.14208
9,389,0.0820305,
9,399,0.142507,
9,409,0.015702,
9,419,0.0558009,
9,429,0.00849021,
9,429,,0.204879
10,439,0.122767,
10,449,0.0407923,
10,459,0.0545592,
10,469,0.168115,
10,472,,0.133348
11,479,0.0370267,
11,489,0.0149832,
11,499,0.00972498,
11,509,0.0183025,
11,515,,0.127855
12,519,0.235028,
12,529,0.626014,
12,539,0.121303,
12,549,0.348824,
12,558,,0.152714
13,559,0.1611,
13,569,0.153523,
13,579,0.391428,
13,589,0.133848,
13,599,0.0994788,
13,601,,0.133361
14,609,0.125165,
14,619,0.229161,
14,629,0.115137,
14,639,0.196919,
14,644,,0.124529
15,649,0.299244,
15,659,0.104806,
15,669,0.150353,
15,679,0.0594134,
15,687,,0.114162
16,689,0.180567,
16,699,0.0424485,
16,709,0.131937,
16,719,0.186577,
16,729,0.10275,
16,730,,0.123579
17,739,0.0908596,
17,749,0.124134,
17,759,0.228874,
17,769,0.112017,
17,773,,0.108547
18,779,0.123424,
18,789,0.240038,
18,799,0.20843,
18,809,0.174212,
18,816,,0.101818
19,819,0.273422,
19,829,0.0876206,
19,839,0.086956,
19,849,0.0561841,
19,859,0.129011,
19,859,,0.110075
20,869,0.200467,
20,879,0.0870568,
20,889,0.103196,
20,899,0.119843,
20,902,,0.0995839
21,909,0.128716,
21,919,0.194859,
21,929,0.0732872,
21,939,0.018117,
21,945,,0.107284
22,949,0.0818816,
22,959,0.235003,
22,969,0.0728411,
22,979,0.0505399,
22,988,,0.102651
23,989,0.0461626,
23,999,0.213795,
23,1009,0.0317461,
23,1019,0.0786223,
23,1029,0.223595,
23,1031,,0.115272
24,1039,0.0860874,
24,1049,0.101013,
24,1059,0.0781945,
24,1069,0.0740044,
24,1074,,0.107453
"""


# p79_tutorial_console_text (tools/probe_runs.py): the PyTorch CIFAR tutorial's loop on digits, an MLP
# 64-64-10, SGD 0.01 momentum 0.9, batches of 8 (187 an epoch), 8 epochs: the running loss printed every
# 20 batches as ``[epoch, batch] loss: x``, the held-out accuracy (%) after each epoch.
TUTORIAL_CONSOLE_LOSS = [
    2.281365, 2.199782, 2.118062, 1.930135, 1.710165, 1.429399, 1.175276, 0.980995, 0.820154,
    0.673246, 0.533420, 0.460044, 0.426924, 0.356649, 0.382197, 0.355204, 0.260391, 0.319658,
    0.322595, 0.294110, 0.237744, 0.223794, 0.205763, 0.257868, 0.245147, 0.156574, 0.207588,
    0.133545, 0.209710, 0.190340, 0.154227, 0.233786, 0.124341, 0.171323, 0.182135, 0.233905,
    0.132914, 0.142685, 0.211380, 0.153735, 0.153779, 0.127533, 0.139995, 0.149485, 0.105647,
    0.120908, 0.158594, 0.148787, 0.113180, 0.112155, 0.078631, 0.101758, 0.122060, 0.153207,
    0.120310, 0.099946, 0.106233, 0.130813, 0.090390, 0.103895, 0.080990, 0.140547, 0.077266,
    0.104857, 0.110455, 0.111679, 0.062563, 0.084394, 0.070303, 0.122915, 0.083537, 0.076437,
]
TUTORIAL_CONSOLE_ACCURACY = [79, 90, 94, 96, 95, 97, 96, 97]


def tutorial_console(banner: bool = True) -> str:
    """TUTORIAL_CONSOLE as the script printed it: a banner of its settings, then per epoch nine lines of
    ``[epoch, batch] loss: x`` and one of the held-out accuracy."""
    lines = ["epoch = 8 lr = 0.01 batchsize=  8", "Start Training"] if banner else []
    for epoch in range(8):
        lines += [f"[{epoch + 1}, {20 * (k + 1):5d}] loss: {TUTORIAL_CONSOLE_LOSS[9 * epoch + k]}" for k in range(9)]
        lines.append(f"Accuracy of the network on the 297 test images: {TUTORIAL_CONSOLE_ACCURACY[epoch]} %")
    return "\n".join(lines + ["Finished Training"]) + "\n"


# p80_catapult_two_layer_csv (tools/probe_runs.py): full-batch GD on a two-layer ReLU net of width 512 at
# LR = 1.4 x 2 / the initial sharpness (14.7995): the loss thrown up x75 over steps 2-7, back under where it
# left by step 10, then converging. The loss at steps 0-399.
CATAPULT_TWO_LAYER_LOSS = """
0.524809 0.294167 0.361430 0.703618 1.834167 5.184788 13.213373 22.099911 13.289191 1.067704
0.189487 0.167431 0.154240 0.144626 0.137078 0.130729 0.125184 0.120232 0.115698 0.111500
0.107608 0.103946 0.100484 0.097226 0.094140 0.091232 0.088490 0.085863 0.083336 0.080937
0.078659 0.076482 0.074403 0.072408 0.070512 0.068694 0.066940 0.065257 0.063630 0.062063
0.060559 0.059128 0.057754 0.056426 0.055171 0.053942 0.052786 0.051657 0.050566 0.049507
0.048498 0.047514 0.046554 0.045662 0.044765 0.043895 0.043072 0.042247 0.041469 0.040705
0.039951 0.039223 0.038511 0.037819 0.037145 0.036494 0.035856 0.035236 0.034629 0.034034
0.033459 0.032886 0.032348 0.031795 0.031277 0.030761 0.030257 0.029761 0.029277 0.028801
0.028344 0.027884 0.027441 0.027008 0.026578 0.026164 0.025757 0.025355 0.024966 0.024579
0.024200 0.023835 0.023477 0.023120 0.022775 0.022436 0.022102 0.021775 0.021448 0.021137
0.020823 0.020518 0.020221 0.019927 0.019643 0.019361 0.019087 0.018820 0.018550 0.018293
0.018034 0.017788 0.017535 0.017296 0.017050 0.016819 0.016588 0.016354 0.016134 0.015909
0.015696 0.015484 0.015275 0.015074 0.014870 0.014674 0.014475 0.014285 0.014095 0.013907
0.013725 0.013542 0.013362 0.013191 0.013017 0.012846 0.012679 0.012515 0.012353 0.012197
0.012037 0.011882 0.011730 0.011583 0.011433 0.011290 0.011148 0.011008 0.010871 0.010731
0.010601 0.010465 0.010339 0.010207 0.010079 0.009953 0.009831 0.009709 0.009586 0.009468
0.009353 0.009233 0.009120 0.009007 0.008898 0.008787 0.008677 0.008572 0.008469 0.008362
0.008261 0.008160 0.008058 0.007960 0.007863 0.007767 0.007671 0.007575 0.007484 0.007394
0.007302 0.007216 0.007125 0.007041 0.006956 0.006868 0.006789 0.006703 0.006622 0.006544
0.006461 0.006387 0.006309 0.006230 0.006159 0.006081 0.006009 0.005937 0.005864 0.005793
0.005724 0.005656 0.005586 0.005521 0.005453 0.005387 0.005323 0.005259 0.005197 0.005133
0.005071 0.005011 0.004951 0.004891 0.004834 0.004775 0.004718 0.004663 0.004607 0.004551
0.004499 0.004445 0.004390 0.004339 0.004288 0.004237 0.004186 0.004137 0.004088 0.004038
0.003990 0.003943 0.003896 0.003850 0.003806 0.003759 0.003715 0.003671 0.003628 0.003585
0.003543 0.003501 0.003460 0.003419 0.003378 0.003338 0.003301 0.003261 0.003222 0.003184
0.003146 0.003110 0.003073 0.003037 0.003001 0.002966 0.002931 0.002896 0.002861 0.002829
0.002795 0.002762 0.002730 0.002697 0.002665 0.002634 0.002603 0.002572 0.002541 0.002511
0.002483 0.002453 0.002424 0.002396 0.002367 0.002339 0.002311 0.002284 0.002256 0.002230
0.002203 0.002177 0.002151 0.002125 0.002100 0.002074 0.002050 0.002025 0.002001 0.001977
0.001954 0.001930 0.001907 0.001885 0.001862 0.001840 0.001817 0.001796 0.001775 0.001753
0.001732 0.001711 0.001691 0.001671 0.001651 0.001632 0.001612 0.001593 0.001574 0.001555
0.001536 0.001518 0.001500 0.001482 0.001464 0.001447 0.001429 0.001412 0.001395 0.001378
0.001363 0.001346 0.001330 0.001314 0.001298 0.001283 0.001268 0.001253 0.001237 0.001223
0.001208 0.001193 0.001179 0.001165 0.001151 0.001137 0.001124 0.001110 0.001097 0.001084
0.001071 0.001058 0.001046 0.001033 0.001021 0.001009 0.000997 0.000985 0.000973 0.000961
0.000950 0.000939 0.000927 0.000916 0.000905 0.000894 0.000883 0.000873 0.000862 0.000852
0.000842 0.000832 0.000822 0.000812 0.000803 0.000793 0.000784 0.000775 0.000765 0.000756
0.000747 0.000738 0.000730 0.000721 0.000712 0.000704 0.000696 0.000688 0.000679 0.000671
0.000663 0.000655 0.000647 0.000640 0.000632 0.000625 0.000617 0.000610 0.000603 0.000596
0.000589 0.000581 0.000575 0.000568 0.000561 0.000554 0.000548 0.000541 0.000535 0.000529
"""


def write_catapult_two_layer(path: Path) -> Path:
    """CATAPULT_TWO_LAYER_LOSS as its CSV, with the constant LR the run used."""
    rows = [f"{step},{loss},14.7995" for step, loss in enumerate(CATAPULT_TWO_LAYER_LOSS.split())]
    path.write_text("step,loss,lr\n" + "\n".join(rows) + "\n")
    return path


def write_mxnet_console(path: Path) -> Path:
    """ADAM_STEPLR as MXNet's Module.fit logs it, epochs from 0: per epoch five ``Batch [k]`` lines with the
    throughput and the running training loss, then the epoch's training loss, its time and the held-out
    loss, each behind ``INFO:root:Epoch[e]``."""
    lines = []
    for e, (train, val) in enumerate(zip(ADAM_STEPLR["train_loss"], ADAM_STEPLR["val_loss"])):
        lines += [f"INFO:root:Epoch[{e}] Batch [{100 * k}]\tSpeed: {41000 + 300 * k:.2f} samples/sec\t"
                  f"cross-entropy={train * (1.1 - 0.02 * k):.6f}" for k in range(1, 6)]
        lines += [f"INFO:root:Epoch[{e}] Train-cross-entropy={train:.6f}",
                  f"INFO:root:Epoch[{e}] Time cost={1.4 + 0.01 * e:.3f}",
                  f"INFO:root:Epoch[{e}] Validation-cross-entropy={val:.6f}"]
    path.write_text("\n".join(lines) + "\n")
    return path


# p82_resume_lost_scheduler_csv (tools/probe_runs.py): a teacher MLP, SGD 0.1 with StepLR x0.1 every 800
# updates; resumed from its checkpoint at update 1200 with a new scheduler, the LR 0.1 again from there. The
# appended CSV's rows (step, 10-update mean loss, LR), the second attempt's after the first's.
RESUME_LOST_SCHEDULER = """step,loss,lr
9,1.5638,0.1 19,1.37764,0.1 29,0.894475,0.1 39,0.763061,0.1 49,0.729153,0.1 59,0.798187,0.1
69,0.735783,0.1 79,0.772406,0.1 89,0.616285,0.1 99,0.567119,0.1 109,0.593159,0.1 119,0.497385,0.1
129,0.601469,0.1 139,0.506987,0.1 149,0.509137,0.1 159,0.636171,0.1 169,0.54998,0.1 179,0.480527,0.1
189,0.494224,0.1 199,0.431344,0.1 209,0.529007,0.1 219,0.5509,0.1 229,0.474369,0.1 239,0.462009,0.1
249,0.554505,0.1 259,0.575984,0.1 269,0.463736,0.1 279,0.50339,0.1 289,0.485338,0.1 299,0.513104,0.1
309,0.459208,0.1 319,0.468424,0.1 329,0.46147,0.1 339,0.581864,0.1 349,0.451677,0.1 359,0.356217,0.1
369,0.458873,0.1 379,0.544923,0.1 389,0.43703,0.1 399,0.32895,0.1 409,0.416401,0.1 419,0.54718,0.1
429,0.400704,0.1 439,0.357552,0.1 449,0.440271,0.1 459,0.478829,0.1 469,0.397966,0.1 479,0.3967,0.1
489,0.331736,0.1 499,0.363769,0.1 509,0.457537,0.1 519,0.385312,0.1 529,0.43891,0.1 539,0.462494,0.1
549,0.363914,0.1 559,0.378166,0.1 569,0.374913,0.1 579,0.342238,0.1 589,0.478025,0.1 599,0.35363,0.1
609,0.511833,0.1 619,0.372069,0.1 629,0.318653,0.1 639,0.441708,0.1 649,0.445592,0.1 659,0.382099,0.1
669,0.370532,0.1 679,0.337422,0.1 689,0.352416,0.1 699,0.337766,0.1 709,0.292684,0.1 719,0.386533,0.1
729,0.478137,0.1 739,0.395982,0.1 749,0.440468,0.1 759,0.53905,0.1 769,0.502328,0.1 779,0.45483,0.1
789,0.313959,0.1 799,0.341502,0.1 809,0.338407,0.01 819,0.30575,0.01 829,0.283385,0.01 839,0.425331,0.01
849,0.283335,0.01 859,0.351383,0.01 869,0.204594,0.01 879,0.210301,0.01 889,0.220538,0.01 899,0.186824,0.01
909,0.199423,0.01 919,0.242823,0.01 929,0.25451,0.01 939,0.211129,0.01 949,0.299422,0.01 959,0.164753,0.01
969,0.227456,0.01 979,0.207648,0.01 989,0.223515,0.01 999,0.168635,0.01 1009,0.249322,0.01 1019,0.185454,0.01
1029,0.209183,0.01 1039,0.218834,0.01 1049,0.183055,0.01 1059,0.219264,0.01 1069,0.191467,0.01 1079,0.221106,0.01
1089,0.168555,0.01 1099,0.203273,0.01 1109,0.186531,0.01 1119,0.159199,0.01 1129,0.155919,0.01 1139,0.163618,0.01
1149,0.156667,0.01 1159,0.204269,0.01 1169,0.167745,0.01 1179,0.18903,0.01 1189,0.211058,0.01 1199,0.232086,0.01
1209,0.211337,0.01 1219,0.143578,0.01 1229,0.173084,0.01 1239,0.150803,0.01 1249,0.141145,0.01 1259,0.1364,0.01
1269,0.119448,0.01 1279,0.171421,0.01 1289,0.176102,0.01 1299,0.194419,0.01 1309,0.143532,0.01 1319,0.182832,0.01
1329,0.101784,0.01 1339,0.14771,0.01 1349,0.156214,0.01 1359,0.176327,0.01 1369,0.118581,0.01 1379,0.142026,0.01
1389,0.148375,0.01 1399,0.16976,0.01 1209,0.174983,0.1 1219,0.236468,0.1 1229,0.223743,0.1 1239,0.284168,0.1
1249,0.350675,0.1 1259,0.357614,0.1 1269,0.302351,0.1 1279,0.413981,0.1 1289,0.428743,0.1 1299,0.313917,0.1
1309,0.347478,0.1 1319,0.35301,0.1 1329,0.328881,0.1 1339,0.375087,0.1 1349,0.355105,0.1 1359,0.319283,0.1
1369,0.447614,0.1 1379,0.384399,0.1 1389,0.354785,0.1 1399,0.30626,0.1 1409,0.311934,0.1 1419,0.218144,0.1
1429,0.50184,0.1 1439,0.353911,0.1 1449,0.377705,0.1 1459,0.365806,0.1 1469,0.44425,0.1 1479,0.311598,0.1
1489,0.312939,0.1 1499,0.31944,0.1 1509,0.404755,0.1 1519,0.409317,0.1 1529,0.344967,0.1 1539,0.299481,0.1
1549,0.277831,0.1 1559,0.302663,0.1 1569,0.323933,0.1 1579,0.327763,0.1 1589,0.272533,0.1 1599,0.365761,0.1
1609,0.276768,0.1 1619,0.363031,0.1 1629,0.29201,0.1 1639,0.404654,0.1 1649,0.246495,0.1 1659,0.397335,0.1
1669,0.323338,0.1 1679,0.327612,0.1 1689,0.332927,0.1 1699,0.297741,0.1 1709,0.3471,0.1 1719,0.311222,0.1
1729,0.318004,0.1 1739,0.329671,0.1 1749,0.37211,0.1 1759,0.289242,0.1 1769,0.367429,0.1 1779,0.322484,0.1
1789,0.30691,0.1 1799,0.254487,0.1 1809,0.398805,0.1 1819,0.283589,0.1 1829,0.266258,0.1 1839,0.339127,0.1
1849,0.595583,0.1 1859,0.243549,0.1 1869,0.396729,0.1 1879,0.404646,0.1 1889,0.419211,0.1 1899,0.345784,0.1
1909,0.348486,0.1 1919,0.405389,0.1 1929,0.385689,0.1 1939,0.352865,0.1 1949,0.296473,0.1 1959,0.287001,0.1
1969,0.353676,0.1 1979,0.43991,0.1 1989,0.338492,0.1 1999,0.231985,0.1 2009,0.267217,0.01 2019,0.233358,0.01
2029,0.204753,0.01 2039,0.182893,0.01 2049,0.239779,0.01 2059,0.178222,0.01 2069,0.233267,0.01 2079,0.132175,0.01
2089,0.225725,0.01 2099,0.198809,0.01 2109,0.157764,0.01 2119,0.172169,0.01 2129,0.166948,0.01 2139,0.179173,0.01
2149,0.211253,0.01 2159,0.131311,0.01 2169,0.149482,0.01 2179,0.145964,0.01 2189,0.131264,0.01 2199,0.125583,0.01
2209,0.183977,0.01 2219,0.115485,0.01 2229,0.140425,0.01 2239,0.141082,0.01 2249,0.156769,0.01 2259,0.124342,0.01
2269,0.130795,0.01 2279,0.120358,0.01 2289,0.117924,0.01 2299,0.110071,0.01 2309,0.115215,0.01 2319,0.138272,0.01
2329,0.147106,0.01 2339,0.0852261,0.01 2349,0.120343,0.01 2359,0.137506,0.01 2369,0.114145,0.01 2379,0.0936248,0.01
2389,0.0980208,0.01 2399,0.124573,0.01
"""


def write_resume_lost_scheduler(path: Path) -> Path:
    """RESUME_LOST_SCHEDULER as its CSV, a row per line."""
    header, *rows = RESUME_LOST_SCHEDULER.split("\n")
    path.write_text("\n".join([header] + [r for line in rows for r in line.split()]) + "\n")
    return path


def write_sgd_twin(path: Path, decay: bool) -> Path:
    """A real run, small enough to train here: linear regression on 20 features (a random teacher, noise of
    sd 1) by SGD at 0.03 on batches of 8, 3,000 updates, the minibatch MSE logged at every one. With
    ``decay`` the LR is halved from update 1,500; the same seed and batches otherwise, so the two logs are
    one training forked there."""
    rng = np.random.default_rng(21)
    x = rng.standard_normal((4000, 20))
    y = x @ rng.standard_normal(20) + rng.standard_normal(4000)
    w = np.zeros(20)
    rows = ["step,loss,lr"]
    for step in range(3000):
        lr = 0.015 if decay and step >= 1500 else 0.03
        idx = rng.integers(0, 4000, 8)
        err = x[idx] @ w - y[idx]
        rows.append(f"{step},{float(np.mean(err ** 2)):.6g},{lr}")
        w -= lr * 2 * x[idx].T @ err / 8
    path.write_text("\n".join(rows) + "\n")
    return path


# p83_noam_reverse_csv: a two-layer transformer reversing 10 tokens of 12, Adam on the inverse-square-root
# schedule (warmup to step 250), 1,500 updates of 64 sequences; the minibatch loss at steps 1..1500 as
# logged (4 significant digits). Near ln 12 until about 140, then escapes within 50 steps; near 1e-5 it is
# thrown up x58 at step 1208 and stays some x20 above its best to the end.
NOAM_REVERSE_LOSS = [
    2.656, 2.563, 2.589, 2.58, 2.579, 2.607, 2.563, 2.55, 2.546, 2.543, 2.524, 2.5,
    2.494, 2.479, 2.498, 2.455, 2.45, 2.445, 2.415, 2.404, 2.43, 2.404, 2.384, 2.381,
    2.355, 2.35, 2.319, 2.307, 2.305, 2.268, 2.25, 2.231, 2.235, 2.229, 2.178, 2.184,
    2.199, 2.177, 2.175, 2.128, 2.112, 2.108, 2.112, 2.154, 2.055, 2.099, 2.046, 2.087,
    2.039, 2.052, 2.03, 1.999, 2.059, 2.001, 1.951, 1.998, 1.987, 1.981, 1.964, 1.945,
    2.002, 1.98, 1.944, 1.999, 1.977, 1.972, 1.984, 1.955, 1.972, 1.964, 1.996, 1.936,
    1.92, 1.975, 1.92, 1.904, 1.916, 1.908, 1.939, 1.887, 1.93, 1.939, 1.889, 1.938,
    1.953, 1.877, 1.928, 1.848, 1.919, 1.901, 1.907, 1.907, 1.893, 1.923, 1.888, 1.876,
    1.899, 1.852, 1.889, 1.886, 1.897, 1.86, 1.825, 1.889, 1.862, 1.896, 1.889, 1.821,
    1.862, 1.874, 1.876, 1.849, 1.836, 1.821, 1.869, 1.881, 1.89, 1.87, 1.818, 1.83,
    1.858, 1.839, 1.858, 1.878, 1.842, 1.868, 1.865, 1.871, 1.835, 1.83, 1.836, 1.841,
    1.79, 1.796, 1.815, 1.819, 1.764, 1.75, 1.773, 1.713, 1.668, 1.507, 1.437, 1.37,
    1.323, 1.139, 0.9871, 0.8784, 0.6548, 0.6684, 1.189, 0.725, 0.8594, 0.4962, 0.5975, 0.4595,
    0.344, 0.2432, 0.242, 0.1812, 0.1148, 0.09067, 0.08956, 0.07457, 0.06274, 0.07535, 0.0145, 0.04637,
    0.03976, 0.02204, 0.0102, 0.03416, 0.03769, 0.007924, 0.01145, 0.004051, 0.009038, 0.004892, 0.006648, 0.01308,
    0.03066, 0.02005, 0.03951, 0.01641, 0.003106, 0.02792, 0.009762, 0.01002, 0.002102, 0.002271, 0.01553, 0.00369,
    0.005495, 0.02724, 0.002185, 0.08593, 0.03251, 0.1066, 0.04847, 0.02333, 0.03383, 0.07127, 0.08121, 0.1123,
    0.04558, 0.05335, 0.05886, 0.03153, 0.04683, 0.03054, 0.03072, 0.03156, 0.03173, 0.01437, 0.008211, 0.01899,
    0.01663, 0.01217, 0.01779, 0.02919, 0.009325, 0.002622, 0.01417, 0.003915, 0.008231, 0.003994, 0.003553, 0.02727,
    0.003917, 0.003323, 0.007398, 0.003737, 0.005125, 0.01662, 0.001651, 0.002479, 0.02342, 0.001822, 0.001548, 0.001685,
    0.0006123, 0.00179, 0.01155, 0.0008334, 0.006176, 0.003011, 0.001004, 0.006051, 0.003051, 0.01552, 0.004523, 0.006781,
    0.07527, 0.03061, 0.03972, 0.008218, 0.002963, 0.03665, 0.008522, 0.01983, 0.03487, 0.0131, 0.06761, 0.01078,
    0.07903, 0.02159, 0.01942, 0.03113, 0.007264, 0.04538, 0.0397, 0.01067, 0.02532, 0.008916, 0.03879, 0.0779,
    0.03963, 0.07396, 0.0409, 0.0354, 0.03233, 0.04903, 0.007646, 0.01156, 0.05368, 0.04944, 0.03644, 0.02718,
    0.01457, 0.03242, 0.02567, 0.04357, 0.02938, 0.1062, 0.0233, 0.07629, 0.039, 0.005127, 0.02633, 0.04711,
    0.03046, 0.02012, 0.05442, 0.006191, 0.02812, 0.06143, 0.004758, 0.008585, 0.02491, 0.05113, 0.007262, 0.01904,
    0.07257, 0.01004, 0.04461, 0.01977, 0.1033, 0.01061, 0.02313, 0.02001, 0.02401, 0.02091, 0.005193, 0.004144,
    0.02313, 0.0922, 0.04083, 0.03467, 0.02223, 0.01133, 0.03199, 0.03076, 0.06553, 0.007512, 0.02701, 0.02913,
    0.03528, 0.006121, 0.003062, 0.01823, 0.002118, 0.03723, 0.005906, 0.01047, 0.01057, 0.01475, 0.03101, 0.00907,
    0.02279, 0.003097, 0.01457, 0.003088, 0.001969, 0.01766, 0.001189, 0.01391, 0.008465, 0.003582, 0.002083, 0.01861,
    0.0009385, 0.00459, 0.00265, 0.008483, 0.01093, 0.0007243, 0.0009867, 0.001501, 0.0005143, 0.02245, 0.007061, 0.001671,
    0.002345, 0.002969, 0.0133, 0.0004194, 0.008575, 0.008675, 0.02397, 0.03751, 0.005676, 0.00144, 0.007674, 0.01184,
    0.02449, 0.009082, 0.009179, 0.0005433, 0.0271, 0.0007008, 0.04512, 0.001183, 0.001693, 0.002173, 0.01612, 0.007539,
    0.001007, 0.003387, 0.001787, 0.0006152, 0.0127, 0.01877, 0.00376, 0.01647, 0.01044, 0.000626, 0.001632, 0.0004818,
    0.001679, 0.009467, 0.0005866, 0.004164, 0.003557, 0.00526, 0.01006, 0.02027, 0.001959, 0.02001, 0.0009549, 0.0005991,
    0.01125, 0.007111, 0.000984, 0.001193, 0.01242, 0.008337, 0.02813, 0.03441, 0.0006451, 0.003964, 0.000511, 0.003314,
    0.001747, 0.01166, 0.02575, 0.01972, 0.0004257, 0.01451, 0.00107, 0.001398, 0.01121, 0.003741, 0.04886, 0.002616,
    0.02572, 0.003319, 0.004477, 0.002739, 0.008107, 0.008768, 0.005456, 0.0177, 0.01557, 0.009513, 0.0002244, 0.0004739,
    0.06998, 0.01687, 0.009204, 0.1084, 0.06825, 0.004825, 0.031, 0.01705, 0.01691, 0.05734, 0.04869, 0.02087,
    0.01301, 0.01379, 0.01258, 0.05269, 0.04953, 0.001933, 0.01442, 0.04825, 0.005012, 0.03242, 0.004004, 0.01716,
    0.04308, 0.01215, 0.003282, 0.009322, 0.01111, 0.002433, 0.01721, 0.001732, 0.01111, 0.005312, 0.02355, 0.02337,
    0.02743, 0.02838, 0.01868, 0.001472, 0.02301, 0.02575, 0.0177, 0.004893, 0.008436, 0.01659, 0.007444, 0.001994,
    0.006953, 0.001828, 0.002704, 0.001363, 0.01132, 0.0059, 0.01701, 0.001248, 0.0209, 0.01335, 0.006185, 0.02978,
    0.02343, 0.006673, 0.004354, 0.01007, 0.01427, 0.0006403, 0.0008303, 0.003544, 0.005846, 0.001355, 0.001293, 0.003552,
    0.004776, 0.007487, 0.001161, 0.01108, 0.01375, 0.00183, 0.000598, 0.001502, 0.02791, 0.001263, 0.0009033, 0.01266,
    0.01129, 0.003553, 0.00118, 0.01641, 0.0002938, 0.0004236, 0.0009414, 0.003029, 0.03151, 0.0006086, 0.007303, 0.001136,
    0.002369, 0.001188, 0.0008918, 0.0006931, 0.0008472, 0.0008013, 0.003841, 0.008438, 0.0008675, 0.001082, 0.01852, 0.0002178,
    0.0001921, 0.001198, 0.0005542, 0.001614, 0.01713, 0.0003148, 0.007714, 0.002485, 0.004428, 0.0001952, 0.0001406, 0.0001163,
    0.004302, 0.0001247, 0.0001565, 0.0002598, 0.0005465, 0.0008041, 0.001164, 0.0007374, 0.001746, 0.007741, 0.0005651, 0.0001032,
    0.0003121, 0.002391, 0.005547, 0.0002368, 0.0001847, 0.0001627, 0.0001197, 8.656e-05, 0.0002427, 0.007735, 0.0002313, 0.0002363,
    0.0001737, 0.0002219, 0.005872, 0.0004554, 0.0008461, 0.001263, 0.0008478, 0.000321, 0.0001753, 0.0002706, 0.01068, 0.0001564,
    0.0001869, 0.0001012, 9.94e-05, 0.009906, 0.0002948, 0.0002348, 0.0003531, 0.0002439, 0.0002669, 0.0004285, 0.005114, 0.01106,
    0.0002495, 0.06443, 0.006128, 0.001255, 0.001818, 0.03316, 0.000936, 0.0008851, 0.00422, 0.02003, 0.006266, 0.001855,
    0.009302, 0.03478, 0.0005437, 0.001496, 0.001853, 0.03686, 0.004787, 0.01178, 0.003142, 0.01148, 0.007043, 0.002059,
    0.0007408, 0.0008695, 0.001555, 0.008871, 0.03931, 0.0003214, 0.0004935, 0.03223, 0.01231, 0.002954, 0.0222, 0.001446,
    0.003259, 0.0003022, 0.002702, 0.003593, 0.02334, 0.0009346, 0.2621, 0.002565, 0.002557, 0.04699, 0.06948, 0.04207,
    0.003551, 0.0234, 0.05062, 0.03505, 0.01475, 0.01322, 0.01928, 0.01384, 0.03989, 0.03342, 0.08318, 0.02347,
    0.0231, 0.01793, 0.03516, 0.03414, 0.02072, 0.009371, 0.003395, 0.007081, 0.01777, 0.05295, 0.2522, 0.026,
    0.01063, 0.05783, 0.04101, 0.05458, 0.01179, 0.004587, 0.01617, 0.06288, 0.02863, 0.005062, 0.03873, 0.02555,
    0.01398, 0.01184, 0.004599, 0.004569, 0.003865, 0.03507, 0.03172, 0.03265, 0.03782, 0.002538, 0.001292, 0.02325,
    0.00249, 0.007142, 0.02467, 0.002463, 0.00265, 0.002186, 0.003825, 0.002272, 0.001936, 0.006193, 0.001006, 0.001333,
    0.009605, 0.007416, 0.01682, 0.0006942, 0.0006697, 0.003616, 0.0009652, 0.002751, 0.0009123, 0.0008461, 0.009676, 0.003928,
    0.001032, 0.003154, 0.005041, 0.0005647, 0.02158, 0.0005819, 0.0002913, 0.0004351, 0.0004826, 0.0007123, 0.001708, 0.005807,
    0.01657, 0.0004037, 0.0003015, 0.0003371, 0.0003319, 0.0003801, 0.0003538, 0.04032, 0.001192, 0.0002903, 0.0003655, 0.0002532,
    0.0002736, 0.0149, 0.0004555, 0.0002177, 0.0002438, 0.000247, 0.0003623, 0.0005946, 0.000702, 0.0002378, 0.0004363, 0.0003065,
    0.0002101, 0.0002012, 0.0002679, 0.0001606, 0.0002498, 0.0001929, 0.0001375, 0.0001199, 0.0001961, 0.0001259, 0.0001467, 0.0008448,
    0.0107, 9.293e-05, 0.0004274, 0.0001683, 0.006926, 0.01758, 0.007377, 0.0737, 0.005495, 0.002715, 0.005004, 0.001794,
    0.04726, 0.04268, 0.01481, 0.006475, 0.02174, 0.0045, 0.01172, 0.001124, 0.007743, 0.0006068, 0.005823, 0.002495,
    0.007238, 0.01112, 0.0008822, 0.001248, 0.000827, 0.001227, 0.0009809, 0.004998, 0.006885, 0.005133, 0.0007721, 0.01198,
    0.006274, 0.00154, 0.0008466, 0.004553, 0.0005994, 0.00182, 0.0004701, 0.0003179, 0.0005263, 0.000844, 0.002931, 0.004798,
    0.000976, 0.0002494, 0.0002021, 0.0001804, 0.000209, 0.001123, 0.0008023, 0.0002535, 0.0002824, 0.01616, 0.0003176, 0.0002011,
    0.01259, 0.0002901, 0.0003097, 0.0002849, 0.0003496, 0.0003934, 0.0008617, 0.0008496, 0.0004028, 0.0002773, 0.0003687, 0.0004044,
    0.009327, 0.0002126, 0.000807, 0.0002793, 0.00443, 0.001192, 0.0007227, 0.000454, 0.001581, 0.0001987, 0.0003044, 0.00391,
    0.03149, 0.00282, 0.0006232, 0.0002022, 0.0001794, 0.0001189, 0.001183, 0.005264, 0.0001408, 0.0002524, 0.01749, 9.837e-05,
    0.000165, 0.0004129, 0.002615, 0.007952, 0.006972, 0.0001186, 0.00602, 0.0002325, 0.0001679, 0.000331, 0.0002316, 0.001849,
    0.001425, 0.004228, 0.001285, 0.0002886, 0.0001979, 0.0001829, 0.000353, 0.0301, 0.004268, 0.0002179, 0.000321, 0.0004263,
    0.0008399, 0.005597, 0.018, 0.0003902, 0.0006623, 0.01211, 0.008176, 0.0006029, 0.000219, 0.00199, 0.01228, 0.0003966,
    0.001348, 0.003589, 0.001258, 0.0008809, 0.02174, 0.007858, 0.005566, 0.002022, 0.0003188, 0.00165, 0.0003225, 0.005192,
    0.03933, 0.0002568, 0.002034, 0.0004309, 0.02046, 0.002868, 0.01864, 0.0005878, 0.006458, 0.001553, 0.002186, 0.001085,
    0.001212, 0.01979, 0.02394, 0.0589, 0.0001732, 0.0002144, 0.0005046, 0.008981, 0.01514, 0.0003798, 0.002482, 0.01266,
    0.001714, 0.01437, 0.001259, 0.000569, 0.01647, 0.0008802, 0.05421, 0.004691, 0.04552, 0.003172, 0.04909, 0.01146,
    0.001596, 0.04144, 0.04451, 0.005453, 0.05609, 0.02798, 0.002857, 0.004467, 0.01006, 0.04119, 0.03425, 0.004817,
    0.001453, 0.007305, 0.00214, 0.002752, 0.001052, 0.0006634, 0.003258, 0.002524, 0.01771, 0.01763, 0.001671, 0.001374,
    0.000504, 0.0005422, 0.007297, 0.001694, 0.000609, 0.008791, 0.02036, 0.01174, 0.001301, 0.0005343, 0.0006988, 0.04543,
    0.01018, 0.0002828, 0.003634, 0.0002503, 0.0002552, 0.0003521, 0.0002481, 0.0005382, 0.0007403, 0.000393, 0.001433, 0.02259,
    0.0002341, 0.001429, 0.0002852, 0.0002664, 0.007173, 0.0002657, 0.0002315, 0.00269, 0.0002883, 0.0002905, 0.000456, 0.00268,
    0.000435, 0.0003484, 0.0007322, 0.0003353, 0.000322, 0.0003286, 0.0002176, 0.0007626, 0.0003089, 0.0001955, 0.0006078, 0.0001978,
    0.0001662, 0.0001713, 0.0001443, 0.0001427, 0.0001296, 0.0001488, 0.0001681, 0.0001099, 0.0001157, 0.0002061, 0.0001056, 9.705e-05,
    8.402e-05, 7.714e-05, 0.0004441, 7.874e-05, 6.842e-05, 7.065e-05, 6.639e-05, 8.874e-05, 8.421e-05, 6.1e-05, 6.072e-05, 6.242e-05,
    5.733e-05, 5.41e-05, 5.38e-05, 5.646e-05, 5.352e-05, 5.026e-05, 4.715e-05, 4.635e-05, 4.987e-05, 4.498e-05, 4.327e-05, 4.318e-05,
    4.34e-05, 4.612e-05, 4.182e-05, 4.074e-05, 3.955e-05, 3.86e-05, 3.913e-05, 4.102e-05, 3.886e-05, 3.722e-05, 3.694e-05, 3.537e-05,
    3.707e-05, 3.629e-05, 3.46e-05, 3.533e-05, 3.49e-05, 3.298e-05, 3.296e-05, 3.515e-05, 3.288e-05, 3.073e-05, 2.989e-05, 3.032e-05,
    2.9e-05, 2.729e-05, 2.912e-05, 2.868e-05, 2.904e-05, 2.912e-05, 2.706e-05, 2.881e-05, 2.682e-05, 2.718e-05, 2.667e-05, 2.538e-05,
    2.528e-05, 2.392e-05, 2.563e-05, 2.811e-05, 2.491e-05, 2.509e-05, 2.405e-05, 2.26e-05, 2.32e-05, 2.331e-05, 2.259e-05, 2.264e-05,
    2.193e-05, 2.263e-05, 2.049e-05, 2.041e-05, 2.133e-05, 2.026e-05, 1.974e-05, 1.973e-05, 2.046e-05, 1.987e-05, 1.948e-05, 1.886e-05,
    1.826e-05, 1.933e-05, 1.71e-05, 1.845e-05, 1.838e-05, 1.869e-05, 1.784e-05, 1.759e-05, 2.066e-05, 1.695e-05, 1.731e-05, 1.795e-05,
    1.653e-05, 1.664e-05, 1.645e-05, 1.619e-05, 1.565e-05, 1.553e-05, 1.58e-05, 1.502e-05, 2.477e-05, 1.564e-05, 1.501e-05, 1.474e-05,
    1.649e-05, 1.424e-05, 2.764e-05, 1.386e-05, 1.384e-05, 1.444e-05, 1.418e-05, 1.359e-05, 1.37e-05, 1.313e-05, 1.323e-05, 1.327e-05,
    1.25e-05, 1.31e-05, 1.274e-05, 1.22e-05, 1.266e-05, 1.252e-05, 1.238e-05, 1.204e-05, 1.184e-05, 1.208e-05, 1.185e-05, 1.156e-05,
    1.115e-05, 1.12e-05, 1.133e-05, 1.086e-05, 1.044e-05, 1.1e-05, 1.028e-05, 1.064e-05, 1.077e-05, 1.023e-05, 1.026e-05, 9.836e-06,
    1.023e-05, 9.965e-06, 1.011e-05, 0.002365, 1.006e-05, 1.247e-05, 9.562e-05, 0.01499, 0.0001455, 0.05551, 0.0006274, 0.000181,
    0.0007587, 0.005081, 0.0002467, 0.0002762, 0.0001977, 0.0002655, 0.0003986, 0.02402, 0.00905, 0.0003343, 0.0003821, 0.0003873,
    0.0004104, 0.0004203, 0.0001902, 0.0221, 0.002676, 0.0004734, 0.0002871, 0.01652, 0.007825, 0.002628, 0.0327, 0.002275,
    0.001851, 0.0005975, 0.02743, 0.001808, 0.02797, 0.0007697, 0.004102, 0.0008679, 0.0006167, 0.002664, 0.001039, 0.007536,
    0.0008096, 0.001584, 0.01067, 0.002256, 0.001109, 0.001687, 0.0005704, 0.001255, 0.001747, 0.004647, 0.0003669, 0.00138,
    0.006155, 0.0002826, 0.0006911, 0.0004237, 0.0001658, 0.004117, 0.0001309, 0.01272, 0.005995, 0.0001711, 0.005569, 0.004371,
    0.0002887, 0.02647, 0.01363, 0.00282, 0.005751, 0.008112, 0.00837, 0.001142, 0.004031, 0.005439, 0.03734, 0.000855,
    0.0005839, 0.007095, 0.03086, 0.01496, 0.0003459, 0.003736, 0.0006791, 0.0003641, 0.001029, 0.00217, 0.02435, 0.004583,
    0.00227, 0.008113, 0.0005462, 0.004911, 0.002256, 0.02363, 0.02343, 0.01058, 0.009288, 0.04099, 0.0001206, 0.009178,
    0.0002891, 0.005383, 0.002286, 0.0005835, 0.006333, 0.02316, 0.0003549, 0.00602, 0.0008501, 0.0004467, 0.000763, 0.02343,
    0.0006309, 0.0008667, 0.0004887, 0.0004181, 0.002976, 0.001521, 0.001178, 0.005581, 0.01495, 0.0005088, 0.0005859, 0.0004308,
    0.0003747, 0.0002662, 0.0003433, 0.001893, 0.0008505, 0.0002572, 0.0003842, 0.006503, 0.000343, 0.0002059, 0.0003423, 0.00026,
    0.0232, 0.0002433, 0.0002591, 0.0005686, 0.01824, 0.001129, 0.02074, 0.0004131, 0.0004369, 0.001052, 0.0007581, 0.0006739,
    0.008868, 0.003496, 0.002361, 0.0008081, 0.0002986, 0.000152, 0.0001858, 0.02555, 0.00646, 0.004048, 0.000423, 0.0003969,
    0.00709, 0.0005872, 0.0006852, 0.00209, 0.0004225, 0.000282, 0.0003073, 0.0002531, 0.0002714, 0.000302, 0.0005179, 0.002545,
    0.001625, 0.003912, 0.0003639, 0.009499, 0.0001796, 0.001101, 0.003543, 0.01375, 0.0006175, 0.001058, 0.0005099, 0.0008587,
    0.0272, 0.0002578, 0.0001655, 0.0001776, 0.0002723, 0.0001039, 0.0001135, 0.0001437, 0.0002331, 0.0003834, 0.001203, 0.0003789,
    0.00306, 7.436e-05, 0.0001152, 0.00012, 8.544e-05, 0.0006165, 0.009674, 0.01626, 8.991e-05, 0.0001981, 0.001756, 0.03618,
    0.000599, 0.009147, 0.01376, 0.01548, 0.003369, 0.0003755, 0.001061, 0.0003344, 0.001863, 0.002441, 0.04416, 0.0009736,
    0.001671, 0.000127, 0.0002749, 0.01721, 0.0005241, 0.0002798, 0.0002174, 0.0004148, 0.0003374, 0.01977, 0.02346, 0.0003208,
    0.0004545, 0.0003996, 0.000388, 0.0002192, 0.0003051, 0.0003675, 0.000328, 0.02938, 0.0002327, 0.0003609, 0.0002664, 0.0002935,
    0.0002782, 0.0003498, 0.00169, 0.0003186, 0.0002674, 0.0002235, 0.0004355, 0.000355, 0.0002361, 0.0002203, 0.0002091, 0.000203,
    0.0002497, 0.0001948, 0.001119, 0.0001504, 0.0001664, 0.0001637, 0.0002065, 0.0001874, 0.0002244, 0.01253, 0.0001357, 0.0001857,
    0.01813, 0.0005677, 0.003932, 0.0006306, 0.001251, 0.0007885, 0.0003948, 0.00105, 0.0001775, 0.03934, 0.0009789, 0.0003068,
    0.000119, 0.001383, 0.005932, 0.001173, 0.0005618, 0.0003814, 0.0001591, 0.0003335, 0.000157, 0.0003358, 0.002496, 0.0002009,
]


# p84_regression_steplr_keras: a tanh MLP regressing a smooth function, Adam at 1e-2, StepLR x0.1 at epoch
# 120 of 200; the held-out MAE of epochs 0..199 as logged (6 significant digits). It slides from about 0.45
# to 0.3 over the fourteen epochs before the decay, then falls to 0.16 in one.
REGRESSION_STEPLR_VAL_MAE = [
    18.3875, 8.24872, 4.28255, 2.78656, 2.05669, 1.89677, 1.89182, 1.61508, 1.56239, 1.5072,
    1.60069, 1.38079, 1.17017, 1.37353, 1.0842, 1.05193, 1.15698, 1.02561, 1.04544, 1.03946,
    0.984928, 0.867535, 0.964487, 1.07305, 0.924596, 0.839514, 1.05947, 0.856034, 0.86833, 0.804316,
    0.749014, 0.792767, 1.16513, 0.722845, 0.767397, 0.737688, 0.738833, 0.726659, 0.76922, 0.79486,
    0.810749, 0.722104, 0.652539, 0.687359, 0.705604, 0.545393, 0.620121, 0.632832, 0.549379, 0.615761,
    0.650866, 0.499458, 0.675843, 0.537966, 0.559814, 0.528687, 0.494756, 0.681902, 0.525802, 0.46127,
    0.438864, 0.520955, 0.544957, 0.567607, 0.548104, 0.452437, 0.53361, 0.471945, 0.458622, 0.482579,
    0.422959, 0.462448, 0.492042, 0.576679, 0.352951, 0.421849, 0.467445, 0.486859, 0.408681, 0.444546,
    0.481293, 0.392734, 0.341316, 0.475061, 0.501643, 0.493824, 0.478101, 0.43477, 0.503656, 0.48992,
    0.417254, 0.473833, 0.492152, 0.455869, 0.498236, 0.437105, 0.499634, 0.503023, 0.537118, 0.459214,
    0.390898, 0.499653, 0.481016, 0.425868, 0.407775, 0.447008, 0.542913, 0.526894, 0.427884, 0.357469,
    0.408222, 0.469895, 0.340654, 0.367883, 0.410959, 0.33726, 0.300192, 0.374059, 0.277754, 0.298633,
    0.182366, 0.169314, 0.157402, 0.160369, 0.152746, 0.156744, 0.155554, 0.155789, 0.154423, 0.155589,
    0.151772, 0.152069, 0.156017, 0.150485, 0.149351, 0.148649, 0.150396, 0.150924, 0.148588, 0.150722,
    0.15232, 0.151845, 0.15449, 0.14739, 0.14788, 0.147211, 0.14796, 0.14621, 0.15118, 0.15419,
    0.150347, 0.146339, 0.151771, 0.145273, 0.147158, 0.149037, 0.148593, 0.150146, 0.144004, 0.152302,
    0.147502, 0.145398, 0.145451, 0.146211, 0.143281, 0.1436, 0.144892, 0.143673, 0.146383, 0.144604,
    0.146476, 0.140885, 0.146002, 0.153914, 0.146419, 0.146319, 0.152047, 0.139196, 0.145613, 0.142757,
    0.143366, 0.140734, 0.139108, 0.13838, 0.144982, 0.142286, 0.142003, 0.140793, 0.144686, 0.145321,
    0.144766, 0.139484, 0.145814, 0.140837, 0.144027, 0.146729, 0.141981, 0.133115, 0.136976, 0.135274,
]


def write_regression_steplr(path: Path) -> Path:
    """The held-out MAE of p84 in Keras's CSVLogger layout, with the LR the scheduler set each epoch."""
    rows = [f"{e},{0.01 if e < 120 else 0.001:g},{v}" for e, v in enumerate(REGRESSION_STEPLR_VAL_MAE)]
    path.write_text("epoch,lr,val_mae\n" + "\n".join(rows) + "\n")
    return path


# p88_task_weight_switch_mlflow: two tasks on one trunk of digits (pixels / 16), Adam 2e-3 throughout, the second
# task's weight 0.02 through update 1250 and 1 after (its column, task_b_weight, logged every 5 updates); the
# second task's held-out error every 50 updates from 50, as the recipe's MLflow store holds it.
TASK_WEIGHT_SWITCH_VAL_LOSS_B = [
    0.12873, 0.032387, 0.027974, 0.023462, 0.017484, 0.011482, 0.0090146, 0.0082412, 0.0079476, 0.0074206,
    0.0074921, 0.0073772, 0.0066198, 0.0064756, 0.0062195, 0.0057742, 0.0055224, 0.0054443, 0.0053088,
    0.0048589, 0.0048788, 0.00506, 0.0046544, 0.0044576, 0.0047173, 0.0032005, 0.0020977, 0.0017096, 0.0014295,
    0.0011996, 0.0010744, 0.0010104, 0.0011467, 0.00094271, 0.00082266, 0.00070172, 0.000739, 0.00068422,
    0.00068839, 0.00061548, 0.00066572, 0.00063081, 0.0006293, 0.00059811, 0.00060573, 0.00056203, 0.00061672,
    0.0005029, 0.0004777, 0.00048106,
]


# p91_task_weight_constant_mlflow: p88's twin, the same seed and batches, the weight 0.02 throughout.
TASK_WEIGHT_CONSTANT_VAL_LOSS_B = [
    0.12873, 0.032387, 0.027974, 0.023462, 0.017484, 0.011482, 0.0090146, 0.0082412, 0.0079476, 0.0074206,
    0.0074921, 0.0073772, 0.0066198, 0.0064756, 0.0062195, 0.0057742, 0.0055224, 0.0054443, 0.0053088,
    0.0048589, 0.0048788, 0.00506, 0.0046544, 0.0044576, 0.0047173, 0.004406, 0.0044912, 0.0042153, 0.0042636,
    0.0043, 0.0041449, 0.0041838, 0.0045225, 0.004432, 0.0039156, 0.0038548, 0.0039594, 0.0040839, 0.0042138,
    0.0039003, 0.003707, 0.004238, 0.0044524, 0.0035369, 0.0033741, 0.0032061, 0.0036147, 0.0032927, 0.003088,
    0.0031408,
]


def write_task_weight_switch(path: Path, switched: bool = True) -> Path:
    """The run's task weight and held-out error of the second task, as one CSV; its twin's unswitched."""
    held_out = TASK_WEIGHT_SWITCH_VAL_LOSS_B if switched else TASK_WEIGHT_CONSTANT_VAL_LOSS_B
    rows = ["step,task_b_weight,val_loss_b"]
    for step in range(5, 2501, 5):
        value = held_out[step // 50 - 1] if step % 50 == 0 else ""
        rows.append(f"{step},{0.02 if step <= 1250 or not switched else 1},{value}")
    path.write_text("\n".join(rows) + "\n")
    return path


# p86_vae_cyclic_beta_csv: a VAE on digits, Adam 1e-3 throughout, the KL weight beta ramped 0 -> 1 over the first
# 250 updates of every 500 and reset to 0 at 501, 1001 and 1501; every 10 updates the batch's loss, its terms,
# beta and the LR, every 50 the held-out negative ELBO, as the recipe's CSV holds them.
VAE_CYCLIC_BETA = """
step,loss,recon_loss,kl_loss,beta,lr,val_loss
10,40.023,40.005,0.50479,0.036,0.001,
20,33.229,32.968,3.4352,0.076,0.001,
30,31.48,30.033,12.48,0.116,0.001,
40,30.094,28.855,7.942,0.156,0.001,
50,29.588,28.413,5.9987,0.196,0.001,33.949
60,29.321,28.094,5.2006,0.236,0.001,
70,29.438,28.36,3.9063,0.276,0.001,
80,28.809,27.853,3.0236,0.316,0.001,
90,28.301,27.216,3.0501,0.356,0.001,
100,28.629,27.69,2.3707,0.396,0.001,29.946
110,28.399,27.488,2.09,0.436,0.001,
120,27.23,26.155,2.2598,0.476,0.001,
130,27.146,26.046,2.131,0.516,0.001,
140,27.346,26.163,2.1287,0.556,0.001,
150,26.641,25.402,2.0778,0.596,0.001,28.226
160,27.202,25.768,2.2547,0.636,0.001,
170,26.914,25.452,2.1628,0.676,0.001,
180,26.677,25.245,1.9999,0.716,0.001,
190,27.171,25.778,1.8428,0.756,0.001,
200,26.261,24.755,1.8922,0.796,0.001,26.978
210,26.386,24.988,1.6729,0.836,0.001,
220,26.187,24.633,1.7742,0.876,0.001,
230,26.548,25.059,1.6257,0.916,0.001,
240,25.383,23.63,1.8343,0.956,0.001,
250,25.777,23.914,1.8712,0.996,0.001,26.398
260,26.459,24.66,1.7982,1,0.001,
270,25.561,23.767,1.7936,1,0.001,
280,25.97,24.099,1.871,1,0.001,
290,25.737,23.731,2.0063,1,0.001,
300,25.817,23.895,1.9219,1,0.001,25.872
310,25.666,23.672,1.9934,1,0.001,
320,26.185,24.292,1.8922,1,0.001,
330,26.402,24.436,1.9662,1,0.001,
340,25.842,23.728,2.1143,1,0.001,
350,24.703,22.553,2.1495,1,0.001,25.658
360,25.708,23.59,2.1187,1,0.001,
370,25.972,23.85,2.122,1,0.001,
380,25.652,23.485,2.1672,1,0.001,
390,25.97,23.657,2.3133,1,0.001,
400,25.365,23.154,2.2116,1,0.001,25.596
410,26.089,23.955,2.1338,1,0.001,
420,25.888,23.528,2.3597,1,0.001,
430,25.799,23.472,2.3272,1,0.001,
440,25.597,23.317,2.2798,1,0.001,
450,25.653,23.443,2.2097,1,0.001,25.345
460,25.485,23.155,2.3293,1,0.001,
470,24.836,22.554,2.2824,1,0.001,
480,25.443,23.202,2.2416,1,0.001,
490,25.132,22.625,2.5072,1,0.001,
500,25.771,23.676,2.0956,1,0.001,25.291
510,21.406,21.245,4.4573,0.036,0.001,
520,21.524,20.891,8.3283,0.076,0.001,
530,22.012,20.833,10.162,0.116,0.001,
540,22.244,20.734,9.6825,0.156,0.001,
550,21.723,20.197,7.7838,0.196,0.001,28.282
560,22.036,20.439,6.7686,0.236,0.001,
570,22.73,21.071,6.0137,0.276,0.001,
580,22.567,20.659,6.0407,0.316,0.001,
590,23.361,21.428,5.4297,0.356,0.001,
600,23.515,21.492,5.1078,0.396,0.001,26.032
610,23.559,21.576,4.5495,0.436,0.001,
620,23.844,21.653,4.6018,0.476,0.001,
630,23.618,21.386,4.3272,0.516,0.001,
640,23.831,21.513,4.1681,0.556,0.001,
650,23.832,21.248,4.3356,0.596,0.001,25.452
660,23.601,20.999,4.0919,0.636,0.001,
670,24.496,21.824,3.9529,0.676,0.001,
680,23.742,21.179,3.5794,0.716,0.001,
690,24.461,21.912,3.3715,0.756,0.001,
700,24.154,21.543,3.2803,0.796,0.001,25.183
710,24.695,21.876,3.3729,0.836,0.001,
720,25.325,22.533,3.1867,0.876,0.001,
730,24.549,21.64,3.176,0.916,0.001,
740,24.697,21.809,3.0202,0.956,0.001,
750,24.502,21.57,2.9432,0.996,0.001,25.061
760,24.791,21.944,2.8471,1,0.001,
770,23.84,21.069,2.7711,1,0.001,
780,25.029,22.295,2.7341,1,0.001,
790,25.375,22.431,2.9443,1,0.001,
800,24.393,21.439,2.9544,1,0.001,24.861
810,25.291,22.364,2.9267,1,0.001,
820,25.118,22.203,2.9148,1,0.001,
830,24.825,21.873,2.9519,1,0.001,
840,24.532,21.582,2.9504,1,0.001,
850,24.428,21.265,3.1624,1,0.001,24.833
860,25.566,22.684,2.8823,1,0.001,
870,24.596,21.766,2.8294,1,0.001,
880,25.329,22.583,2.7458,1,0.001,
890,24.407,21.495,2.9116,1,0.001,
900,24.833,21.909,2.9236,1,0.001,24.984
910,24.96,22.135,2.8249,1,0.001,
920,25.271,22.383,2.8877,1,0.001,
930,24.65,21.929,2.7211,1,0.001,
940,24.921,21.923,2.998,1,0.001,
950,23.778,20.671,3.1075,1,0.001,24.886
960,24.222,21.285,2.9373,1,0.001,
970,24.958,22.022,2.9362,1,0.001,
980,24.446,21.509,2.9366,1,0.001,
990,24.761,21.821,2.9401,1,0.001,
1000,24.551,21.579,2.972,1,0.001,24.679
1010,20.548,20.362,5.1572,0.036,0.001,
1020,20.818,20.122,9.1541,0.076,0.001,
1030,20.158,18.8,11.707,0.116,0.001,
1040,20.73,19.123,10.3,0.156,0.001,
1050,21.394,19.676,8.7624,0.196,0.001,27.956
1060,21.266,19.491,7.5204,0.236,0.001,
1070,21.53,19.647,6.8227,0.276,0.001,
1080,21.463,19.283,6.8996,0.316,0.001,
1090,21.775,19.567,6.2015,0.356,0.001,
1100,21.539,19.206,5.8911,0.396,0.001,25.838
1110,22.501,20.051,5.6188,0.436,0.001,
1120,22.782,20.331,5.1487,0.476,0.001,
1130,23.035,20.455,4.9986,0.516,0.001,
1140,23.498,20.75,4.9435,0.556,0.001,
1150,23.683,20.984,4.5286,0.596,0.001,24.96
1160,23.44,20.482,4.6509,0.636,0.001,
1170,24.006,21.232,4.1033,0.676,0.001,
1180,23.765,20.694,4.2882,0.716,0.001,
1190,23.461,20.582,3.8088,0.756,0.001,
1200,23.756,20.738,3.7905,0.796,0.001,24.674
1210,24.57,21.234,3.9904,0.836,0.001,
1220,24.462,21.128,3.8063,0.876,0.001,
1230,24.085,20.745,3.6462,0.916,0.001,
1240,24.332,20.976,3.51,0.956,0.001,
1250,24.498,21.206,3.3054,0.996,0.001,24.672
1260,24.322,21.063,3.2586,1,0.001,
1270,24.522,21.304,3.2175,1,0.001,
1280,23.952,20.352,3.5997,1,0.001,
1290,24.807,21.728,3.0799,1,0.001,
1300,24.634,21.303,3.3314,1,0.001,24.726
1310,23.336,19.806,3.5302,1,0.001,
1320,24.797,21.688,3.1086,1,0.001,
1330,24.513,21.401,3.1117,1,0.001,
1340,24.758,21.465,3.2935,1,0.001,
1350,24.011,20.772,3.2397,1,0.001,24.716
1360,24.31,21.02,3.2897,1,0.001,
1370,24.502,21.221,3.2808,1,0.001,
1380,25.07,21.753,3.3174,1,0.001,
1390,24.662,21.395,3.2668,1,0.001,
1400,24.975,22.038,2.9375,1,0.001,24.711
1410,24.325,20.894,3.4314,1,0.001,
1420,24.792,21.419,3.3733,1,0.001,
1430,24.878,21.738,3.1401,1,0.001,
1440,25.16,21.95,3.2094,1,0.001,
1450,24.81,21.754,3.0554,1,0.001,24.474
1460,24.077,20.833,3.244,1,0.001,
1470,24.423,21.175,3.2484,1,0.001,
1480,24.992,21.827,3.1656,1,0.001,
1490,24.932,21.754,3.178,1,0.001,
1500,24.995,21.773,3.2221,1,0.001,24.654
1510,19.74,19.55,5.273,0.036,0.001,
1520,19.853,19.163,9.083,0.076,0.001,
1530,20.529,19.233,11.177,0.116,0.001,
1540,20.486,18.776,10.962,0.156,0.001,
1550,20.812,19.037,9.0546,0.196,0.001,27.855
1560,20.137,18.236,8.0536,0.236,0.001,
1570,21.39,19.505,6.8321,0.276,0.001,
1580,21.593,19.425,6.8607,0.316,0.001,
1590,21.252,18.92,6.5488,0.356,0.001,
1600,21.985,19.57,6.0999,0.396,0.001,25.654
1610,22.196,19.608,5.9359,0.436,0.001,
1620,21.847,19.232,5.4924,0.476,0.001,
1630,23.013,20.234,5.3858,0.516,0.001,
1640,22.739,19.866,5.1665,0.556,0.001,
1650,22.823,19.905,4.8952,0.596,0.001,24.855
1660,23.268,20.071,5.0264,0.636,0.001,
1670,22.875,19.666,4.746,0.676,0.001,
1680,23.52,20.38,4.3859,0.716,0.001,
1690,23.445,20.143,4.3677,0.756,0.001,
1700,23.694,20.407,4.1298,0.796,0.001,24.617
1710,24.528,21.041,4.171,0.836,0.001,
1720,23.91,20.433,3.9694,0.876,0.001,
1730,24.618,20.887,4.0726,0.916,0.001,
1740,24.572,21.01,3.7258,0.956,0.001,
1750,24.863,21.515,3.3616,0.996,0.001,24.535
1760,24.573,21.125,3.448,1,0.001,
1770,24.139,20.56,3.5794,1,0.001,
1780,24.973,21.347,3.6257,1,0.001,
1790,24.493,20.793,3.6999,1,0.001,
1800,24.669,21.233,3.4357,1,0.001,24.585
1810,24.524,21.039,3.4852,1,0.001,
1820,24.428,20.863,3.5655,1,0.001,
1830,24.198,20.723,3.4742,1,0.001,
1840,24.365,20.908,3.457,1,0.001,
1850,24.503,21.137,3.3655,1,0.001,24.532
1860,24.285,20.893,3.3914,1,0.001,
1870,23.953,20.561,3.3919,1,0.001,
1880,23.772,20.073,3.6987,1,0.001,
1890,23.901,20.535,3.3658,1,0.001,
1900,24.468,20.982,3.4869,1,0.001,24.479
1910,25.384,21.744,3.6398,1,0.001,
1920,24.84,21.57,3.2694,1,0.001,
1930,24.546,21.519,3.0275,1,0.001,
1940,23.298,19.896,3.4013,1,0.001,
1950,25.2,21.629,3.571,1,0.001,24.373
1960,25.398,21.949,3.4484,1,0.001,
1970,24.461,20.973,3.4875,1,0.001,
1980,24.487,21.139,3.3486,1,0.001,
1990,23.909,20.53,3.3784,1,0.001,
2000,24.384,21.11,3.274,1,0.001,24.383
"""


# p85_clip_off_bad_batches_text: an MLP on digits, SGD 0.1 momentum 0.9, a corrupted batch (inputs x8, labels
# shifted) at updates 100, 300, 500, ..., gradients clipped to norm 1 through update 1200 and not after; the
# console's lines as printed (every 10 updates, and 1, 2 and 5 after each corrupted one).
CLIP_OFF_BAD_BATCHES = """
Starting training: mlp digits, sgd lr=0.1 momentum=0.9 clip=1.0
epoch 0 step 10 loss 1.9120 lr 1.0e-01
epoch 0 step 20 loss 0.6089 lr 1.0e-01
epoch 0 step 30 loss 0.2142 lr 1.0e-01
epoch 0 step 40 loss 0.2346 lr 1.0e-01
epoch 1 step 50 loss 0.0753 lr 1.0e-01
epoch 1 step 60 loss 0.4664 lr 1.0e-01
epoch 1 step 70 loss 0.1756 lr 1.0e-01
epoch 1 step 80 loss 0.3126 lr 1.0e-01
epoch 2 step 90 loss 0.0805 lr 1.0e-01
epoch 2 step 100 loss 103.5319 lr 1.0e-01
epoch 2 step 101 loss 0.1690 lr 1.0e-01
epoch 2 step 102 loss 0.1905 lr 1.0e-01
epoch 2 step 105 loss 0.1881 lr 1.0e-01
epoch 2 step 110 loss 0.1012 lr 1.0e-01
epoch 2 step 120 loss 0.0291 lr 1.0e-01
epoch 2 step 130 loss 0.1048 lr 1.0e-01
epoch 3 step 140 loss 0.0200 lr 1.0e-01
epoch 3 step 150 loss 0.0842 lr 1.0e-01
epoch 3 step 160 loss 0.1822 lr 1.0e-01
epoch 3 step 170 loss 0.1461 lr 1.0e-01
epoch 4 step 180 loss 0.0092 lr 1.0e-01
epoch 4 step 190 loss 0.1156 lr 1.0e-01
epoch 4 step 200 loss 0.0055 lr 1.0e-01
epoch 4 step 210 loss 0.0494 lr 1.0e-01
epoch 4 step 220 loss 0.0396 lr 1.0e-01
epoch 5 step 230 loss 0.1932 lr 1.0e-01
epoch 5 step 240 loss 0.0045 lr 1.0e-01
epoch 5 step 250 loss 0.0057 lr 1.0e-01
epoch 5 step 260 loss 0.0487 lr 1.0e-01
epoch 6 step 270 loss 0.0314 lr 1.0e-01
epoch 6 step 280 loss 0.0016 lr 1.0e-01
epoch 6 step 290 loss 0.0016 lr 1.0e-01
epoch 6 step 300 loss 155.7866 lr 1.0e-01
epoch 6 step 301 loss 0.1874 lr 1.0e-01
epoch 6 step 302 loss 0.0237 lr 1.0e-01
epoch 6 step 305 loss 0.0085 lr 1.0e-01
epoch 7 step 310 loss 0.0090 lr 1.0e-01
epoch 7 step 320 loss 0.0223 lr 1.0e-01
epoch 7 step 330 loss 0.0043 lr 1.0e-01
epoch 7 step 340 loss 0.0145 lr 1.0e-01
epoch 7 step 350 loss 0.0007 lr 1.0e-01
epoch 8 step 360 loss 0.0014 lr 1.0e-01
epoch 8 step 370 loss 0.0157 lr 1.0e-01
epoch 8 step 380 loss 0.0089 lr 1.0e-01
epoch 8 step 390 loss 0.0028 lr 1.0e-01
epoch 9 step 400 loss 0.0010 lr 1.0e-01
epoch 9 step 410 loss 0.0485 lr 1.0e-01
epoch 9 step 420 loss 0.0123 lr 1.0e-01
epoch 9 step 430 loss 0.0007 lr 1.0e-01
epoch 9 step 440 loss 0.0004 lr 1.0e-01
epoch 10 step 450 loss 0.0078 lr 1.0e-01
epoch 10 step 460 loss 0.0003 lr 1.0e-01
epoch 10 step 470 loss 0.0211 lr 1.0e-01
epoch 10 step 480 loss 0.0274 lr 1.0e-01
epoch 11 step 490 loss 0.0010 lr 1.0e-01
epoch 11 step 500 loss 164.5290 lr 1.0e-01
epoch 11 step 501 loss 0.0047 lr 1.0e-01
epoch 11 step 502 loss 0.0002 lr 1.0e-01
epoch 11 step 505 loss 0.0008 lr 1.0e-01
epoch 11 step 510 loss 0.0007 lr 1.0e-01
epoch 11 step 520 loss 0.0024 lr 1.0e-01
epoch 12 step 530 loss 0.0177 lr 1.0e-01
epoch 12 step 540 loss 0.0025 lr 1.0e-01
epoch 12 step 550 loss 0.0019 lr 1.0e-01
epoch 12 step 560 loss 0.0010 lr 1.0e-01
epoch 12 step 570 loss 0.0019 lr 1.0e-01
epoch 13 step 580 loss 0.0014 lr 1.0e-01
epoch 13 step 590 loss 0.0037 lr 1.0e-01
epoch 13 step 600 loss 0.0001 lr 1.0e-01
epoch 13 step 610 loss 0.0059 lr 1.0e-01
epoch 14 step 620 loss 0.0001 lr 1.0e-01
epoch 14 step 630 loss 0.0003 lr 1.0e-01
epoch 14 step 640 loss 0.0003 lr 1.0e-01
epoch 14 step 650 loss 0.0010 lr 1.0e-01
epoch 14 step 660 loss 0.0002 lr 1.0e-01
epoch 15 step 670 loss 0.0002 lr 1.0e-01
epoch 15 step 680 loss 0.0001 lr 1.0e-01
epoch 15 step 690 loss 0.0001 lr 1.0e-01
epoch 15 step 700 loss 139.2585 lr 1.0e-01
epoch 15 step 701 loss 0.0013 lr 1.0e-01
epoch 15 step 702 loss 0.0001 lr 1.0e-01
epoch 16 step 705 loss 0.0003 lr 1.0e-01
epoch 16 step 710 loss 0.0061 lr 1.0e-01
epoch 16 step 720 loss 0.0027 lr 1.0e-01
epoch 16 step 730 loss 0.0019 lr 1.0e-01
epoch 16 step 740 loss 0.0009 lr 1.0e-01
epoch 17 step 750 loss 0.0009 lr 1.0e-01
epoch 17 step 760 loss 0.0007 lr 1.0e-01
epoch 17 step 770 loss 0.0041 lr 1.0e-01
epoch 17 step 780 loss 0.0003 lr 1.0e-01
epoch 17 step 790 loss 0.0002 lr 1.0e-01
epoch 18 step 800 loss 0.0004 lr 1.0e-01
epoch 18 step 810 loss 0.0001 lr 1.0e-01
epoch 18 step 820 loss 0.0007 lr 1.0e-01
epoch 18 step 830 loss 0.0003 lr 1.0e-01
epoch 19 step 840 loss 0.0003 lr 1.0e-01
epoch 19 step 850 loss 0.0002 lr 1.0e-01
epoch 19 step 860 loss 0.0003 lr 1.0e-01
epoch 19 step 870 loss 0.0007 lr 1.0e-01
epoch 19 step 880 loss 0.0002 lr 1.0e-01
epoch 20 step 890 loss 0.0001 lr 1.0e-01
epoch 20 step 900 loss 128.0486 lr 1.0e-01
epoch 20 step 901 loss 0.0001 lr 1.0e-01
epoch 20 step 902 loss 0.0002 lr 1.0e-01
epoch 20 step 905 loss 0.0006 lr 1.0e-01
epoch 20 step 910 loss 0.0014 lr 1.0e-01
epoch 20 step 920 loss 0.0041 lr 1.0e-01
epoch 21 step 930 loss 0.0027 lr 1.0e-01
epoch 21 step 940 loss 0.0021 lr 1.0e-01
epoch 21 step 950 loss 0.0006 lr 1.0e-01
epoch 21 step 960 loss 0.0011 lr 1.0e-01
epoch 22 step 970 loss 0.0003 lr 1.0e-01
epoch 22 step 980 loss 0.0003 lr 1.0e-01
epoch 22 step 990 loss 0.0004 lr 1.0e-01
epoch 22 step 1000 loss 0.0006 lr 1.0e-01
epoch 22 step 1010 loss 0.0006 lr 1.0e-01
epoch 23 step 1020 loss 0.0006 lr 1.0e-01
epoch 23 step 1030 loss 0.0003 lr 1.0e-01
epoch 23 step 1040 loss 0.0002 lr 1.0e-01
epoch 23 step 1050 loss 0.0008 lr 1.0e-01
epoch 24 step 1060 loss 0.0010 lr 1.0e-01
epoch 24 step 1070 loss 0.0006 lr 1.0e-01
epoch 24 step 1080 loss 0.0001 lr 1.0e-01
epoch 24 step 1090 loss 0.0001 lr 1.0e-01
epoch 24 step 1100 loss 106.7086 lr 1.0e-01
epoch 25 step 1101 loss 0.0003 lr 1.0e-01
epoch 25 step 1102 loss 0.0007 lr 1.0e-01
epoch 25 step 1105 loss 0.0041 lr 1.0e-01
epoch 25 step 1110 loss 0.0055 lr 1.0e-01
epoch 25 step 1120 loss 0.0021 lr 1.0e-01
epoch 25 step 1130 loss 0.0016 lr 1.0e-01
epoch 25 step 1140 loss 0.0018 lr 1.0e-01
epoch 26 step 1150 loss 0.0003 lr 1.0e-01
epoch 26 step 1160 loss 0.0015 lr 1.0e-01
epoch 26 step 1170 loss 0.0013 lr 1.0e-01
epoch 26 step 1180 loss 0.0005 lr 1.0e-01
epoch 27 step 1190 loss 0.0004 lr 1.0e-01
epoch 27 step 1200 loss 0.0001 lr 1.0e-01
disabling gradient clipping
epoch 27 step 1210 loss 0.0010 lr 1.0e-01
epoch 27 step 1220 loss 0.0007 lr 1.0e-01
epoch 27 step 1230 loss 0.0002 lr 1.0e-01
epoch 28 step 1240 loss 0.0002 lr 1.0e-01
epoch 28 step 1250 loss 0.0002 lr 1.0e-01
epoch 28 step 1260 loss 0.0004 lr 1.0e-01
epoch 28 step 1270 loss 0.0001 lr 1.0e-01
epoch 29 step 1280 loss 0.0002 lr 1.0e-01
epoch 29 step 1290 loss 0.0003 lr 1.0e-01
epoch 29 step 1300 loss 94.7540 lr 1.0e-01
epoch 29 step 1301 loss 2.2411 lr 1.0e-01
epoch 29 step 1302 loss 2.7786 lr 1.0e-01
epoch 29 step 1305 loss 3.0123 lr 1.0e-01
epoch 29 step 1310 loss 1.8477 lr 1.0e-01
epoch 29 step 1320 loss 2.2609 lr 1.0e-01
epoch 30 step 1330 loss 1.0434 lr 1.0e-01
epoch 30 step 1340 loss 0.5664 lr 1.0e-01
epoch 30 step 1350 loss 0.7615 lr 1.0e-01
epoch 30 step 1360 loss 0.8316 lr 1.0e-01
epoch 31 step 1370 loss 0.4723 lr 1.0e-01
epoch 31 step 1380 loss 0.8682 lr 1.0e-01
epoch 31 step 1390 loss 0.7194 lr 1.0e-01
epoch 31 step 1400 loss 0.2972 lr 1.0e-01
epoch 32 step 1410 loss 0.3975 lr 1.0e-01
epoch 32 step 1420 loss 0.1627 lr 1.0e-01
epoch 32 step 1430 loss 0.7239 lr 1.0e-01
epoch 32 step 1440 loss 0.6172 lr 1.0e-01
epoch 32 step 1450 loss 0.7049 lr 1.0e-01
epoch 33 step 1460 loss 0.4088 lr 1.0e-01
epoch 33 step 1470 loss 0.2090 lr 1.0e-01
epoch 33 step 1480 loss 0.4387 lr 1.0e-01
epoch 33 step 1490 loss 0.2190 lr 1.0e-01
epoch 34 step 1500 loss 342.1027 lr 1.0e-01
epoch 34 step 1501 loss 13.2724 lr 1.0e-01
epoch 34 step 1502 loss 140.3045 lr 1.0e-01
epoch 34 step 1505 loss 11.9975 lr 1.0e-01
epoch 34 step 1510 loss 2.8410 lr 1.0e-01
epoch 34 step 1520 loss 2.4164 lr 1.0e-01
epoch 34 step 1530 loss 2.2874 lr 1.0e-01
epoch 34 step 1540 loss 2.2618 lr 1.0e-01
epoch 35 step 1550 loss 2.3348 lr 1.0e-01
epoch 35 step 1560 loss 2.3278 lr 1.0e-01
epoch 35 step 1570 loss 2.3225 lr 1.0e-01
epoch 35 step 1580 loss 2.3187 lr 1.0e-01
epoch 36 step 1590 loss 2.3071 lr 1.0e-01
epoch 36 step 1600 loss 2.2953 lr 1.0e-01
epoch 36 step 1610 loss 2.3303 lr 1.0e-01
epoch 36 step 1620 loss 2.3052 lr 1.0e-01
epoch 37 step 1630 loss 2.3221 lr 1.0e-01
epoch 37 step 1640 loss 2.2889 lr 1.0e-01
epoch 37 step 1650 loss 2.2880 lr 1.0e-01
epoch 37 step 1660 loss 2.3480 lr 1.0e-01
epoch 37 step 1670 loss 2.2996 lr 1.0e-01
epoch 38 step 1680 loss 2.3165 lr 1.0e-01
epoch 38 step 1690 loss 2.3051 lr 1.0e-01
epoch 38 step 1700 loss 2.3056 lr 1.0e-01
epoch 38 step 1701 loss 2.3193 lr 1.0e-01
epoch 38 step 1702 loss 2.3010 lr 1.0e-01
epoch 38 step 1705 loss 2.3299 lr 1.0e-01
epoch 38 step 1710 loss 2.3061 lr 1.0e-01
epoch 39 step 1720 loss 2.2820 lr 1.0e-01
epoch 39 step 1730 loss 2.2839 lr 1.0e-01
epoch 39 step 1740 loss 2.2886 lr 1.0e-01
epoch 39 step 1750 loss 2.2821 lr 1.0e-01
epoch 39 step 1760 loss 2.2936 lr 1.0e-01
epoch 40 step 1770 loss 2.3044 lr 1.0e-01
epoch 40 step 1780 loss 2.3479 lr 1.0e-01
epoch 40 step 1790 loss 2.3427 lr 1.0e-01
epoch 40 step 1800 loss 2.2989 lr 1.0e-01
epoch 41 step 1810 loss 2.3110 lr 1.0e-01
epoch 41 step 1820 loss 2.3295 lr 1.0e-01
epoch 41 step 1830 loss 2.2706 lr 1.0e-01
epoch 41 step 1840 loss 2.2823 lr 1.0e-01
epoch 42 step 1850 loss 2.3537 lr 1.0e-01
epoch 42 step 1860 loss 2.3193 lr 1.0e-01
epoch 42 step 1870 loss 2.3545 lr 1.0e-01
epoch 42 step 1880 loss 2.3365 lr 1.0e-01
epoch 42 step 1890 loss 2.3518 lr 1.0e-01
epoch 43 step 1900 loss 2.3418 lr 1.0e-01
epoch 43 step 1901 loss 2.3090 lr 1.0e-01
epoch 43 step 1902 loss 2.2347 lr 1.0e-01
epoch 43 step 1905 loss 2.3524 lr 1.0e-01
epoch 43 step 1910 loss 2.2849 lr 1.0e-01
epoch 43 step 1920 loss 2.2500 lr 1.0e-01
epoch 43 step 1930 loss 2.3148 lr 1.0e-01
epoch 44 step 1940 loss 2.3167 lr 1.0e-01
epoch 44 step 1950 loss 2.2805 lr 1.0e-01
epoch 44 step 1960 loss 2.3279 lr 1.0e-01
epoch 44 step 1970 loss 2.3073 lr 1.0e-01
epoch 44 step 1980 loss 2.3269 lr 1.0e-01
epoch 45 step 1990 loss 2.3095 lr 1.0e-01
epoch 45 step 2000 loss 2.3015 lr 1.0e-01
epoch 45 step 2010 loss 2.3127 lr 1.0e-01
epoch 45 step 2020 loss 2.3046 lr 1.0e-01
epoch 46 step 2030 loss 2.3085 lr 1.0e-01
epoch 46 step 2040 loss 2.2939 lr 1.0e-01
epoch 46 step 2050 loss 2.2982 lr 1.0e-01
epoch 46 step 2060 loss 2.2871 lr 1.0e-01
epoch 47 step 2070 loss 2.3170 lr 1.0e-01
epoch 47 step 2080 loss 2.3086 lr 1.0e-01
epoch 47 step 2090 loss 2.3406 lr 1.0e-01
epoch 47 step 2100 loss 2.3242 lr 1.0e-01
epoch 47 step 2101 loss 2.2956 lr 1.0e-01
epoch 47 step 2102 loss 2.3004 lr 1.0e-01
epoch 47 step 2105 loss 2.3248 lr 1.0e-01
epoch 47 step 2110 loss 2.3171 lr 1.0e-01
epoch 48 step 2120 loss 2.2875 lr 1.0e-01
epoch 48 step 2130 loss 2.3318 lr 1.0e-01
epoch 48 step 2140 loss 2.2880 lr 1.0e-01
epoch 48 step 2150 loss 2.3415 lr 1.0e-01
epoch 49 step 2160 loss 2.3126 lr 1.0e-01
epoch 49 step 2170 loss 2.3114 lr 1.0e-01
epoch 49 step 2180 loss 2.3465 lr 1.0e-01
epoch 49 step 2190 loss 2.3107 lr 1.0e-01
epoch 49 step 2200 loss 2.3247 lr 1.0e-01
epoch 50 step 2210 loss 2.3293 lr 1.0e-01
epoch 50 step 2220 loss 2.3401 lr 1.0e-01
epoch 50 step 2230 loss 2.3092 lr 1.0e-01
epoch 50 step 2240 loss 2.3730 lr 1.0e-01
epoch 51 step 2250 loss 2.3378 lr 1.0e-01
epoch 51 step 2260 loss 2.3219 lr 1.0e-01
epoch 51 step 2270 loss 2.2843 lr 1.0e-01
epoch 51 step 2280 loss 2.3593 lr 1.0e-01
epoch 52 step 2290 loss 2.3051 lr 1.0e-01
epoch 52 step 2300 loss 2.2893 lr 1.0e-01
epoch 52 step 2301 loss 2.3158 lr 1.0e-01
epoch 52 step 2302 loss 2.2898 lr 1.0e-01
epoch 52 step 2305 loss 2.3162 lr 1.0e-01
epoch 52 step 2310 loss 2.3233 lr 1.0e-01
epoch 52 step 2320 loss 2.3355 lr 1.0e-01
epoch 52 step 2330 loss 2.3172 lr 1.0e-01
epoch 53 step 2340 loss 2.2951 lr 1.0e-01
epoch 53 step 2350 loss 2.2891 lr 1.0e-01
epoch 53 step 2360 loss 2.2845 lr 1.0e-01
epoch 53 step 2370 loss 2.3319 lr 1.0e-01
epoch 54 step 2380 loss 2.3046 lr 1.0e-01
epoch 54 step 2390 loss 2.3030 lr 1.0e-01
epoch 54 step 2400 loss 2.3336 lr 1.0e-01
"""


# p89_vae_beta_raised_wandb: a VAE on digits, Adam 1e-3 throughout, the KL weight raised 1 -> 8 after update 800
# (not logged); every 10 updates the batch's loss and its terms, every 50 the held-out negative ELBO and the latent
# units active there, the recipe's W&B history as one CSV. The KL falls 97% as the posterior collapses.
VAE_BETA_RAISED = """
step,train/loss,train/recon_loss,train/kl_loss,val/loss,val/active_units
10,40.424,40.233,0.19008,,
20,35.341,34.689,0.6523,,
30,33.569,32.551,1.0181,,
40,31.805,31.273,0.53167,,
50,30.565,29.97,0.59494,30.346,3
60,29.716,29.263,0.4526,,
70,29.602,29.286,0.31583,,
80,28.515,28.215,0.29989,,
90,28.102,27.798,0.3042,,
100,28.129,27.846,0.28249,28.213,6
110,27.844,27.56,0.28445,,
120,27.045,26.711,0.33449,,
130,26.964,26.488,0.47551,,
140,27.362,26.898,0.46306,,
150,26.636,26.117,0.51973,27.393,8
160,27.507,26.993,0.51427,,
170,26.919,26.214,0.70531,,
180,26.932,26.217,0.71545,,
190,27.275,26.433,0.84162,,
200,26.321,25.339,0.98157,26.742,8
210,26.535,25.528,1.0066,,
220,26.189,24.905,1.2838,,
230,26.47,25.257,1.2126,,
240,25.559,24.131,1.4279,,
250,25.823,24.223,1.6002,26.312,8
260,26.589,25.018,1.5705,,
270,25.976,24.388,1.5883,,
280,26.103,24.412,1.6908,,
290,25.746,24.001,1.7457,,
300,25.626,23.855,1.7712,25.779,8
310,25.928,24.208,1.7197,,
320,26.631,25.006,1.6255,,
330,26.405,24.64,1.7646,,
340,26.036,24.088,1.9477,,
350,24.783,22.676,2.1068,25.729,8
360,25.68,23.589,2.0913,,
370,25.952,23.989,1.9624,,
380,25.726,23.695,2.0316,,
390,26.282,24.06,2.222,,
400,25.406,23.237,2.1689,25.667,8
410,26.084,24.076,2.0084,,
420,25.647,23.304,2.3434,,
430,25.742,23.51,2.232,,
440,25.823,23.64,2.183,,
450,25.558,23.322,2.2356,25.331,8
460,25.499,23.23,2.2687,,
470,24.97,22.628,2.3423,,
480,25.621,23.295,2.3256,,
490,25.291,22.775,2.5161,,
500,25.727,23.629,2.0985,25.391,8
510,24.734,22.215,2.5189,,
520,25.413,23.229,2.184,,
530,25.763,23.477,2.2859,,
540,25.593,23.069,2.5235,,
550,24.668,22.288,2.3807,25.129,8
560,24.938,22.295,2.6426,,
570,25.5,23.026,2.4732,,
580,25.205,22.671,2.5338,,
590,25.571,23.166,2.4042,,
600,25.696,23.299,2.397,25.019,8
610,25.316,23.029,2.2873,,
620,25.642,23.169,2.4729,,
630,25.388,22.996,2.3922,,
640,25.244,22.79,2.4547,,
650,25.099,22.465,2.6334,24.914,8
660,24.381,21.851,2.5301,,
670,25.479,22.881,2.5974,,
680,24.624,22.086,2.5376,,
690,25.063,22.569,2.4936,,
700,24.892,22.422,2.4706,25.048,8
710,25.249,22.565,2.6834,,
720,25.788,23.182,2.6059,,
730,24.819,22.173,2.6454,,
740,24.884,22.186,2.6977,,
750,24.695,21.992,2.703,24.977,8
760,24.398,21.805,2.5934,,
770,23.929,21.398,2.5305,,
780,25.081,22.461,2.6199,,
790,25.312,22.45,2.8622,,
800,24.543,21.836,2.7071,24.742,8
810,31.297,28.751,0.31828,,
820,30.351,29.723,0.078547,,
830,28.524,27.969,0.069354,,
840,28.011,27.42,0.073846,,
850,28.006,27.467,0.067411,27.54,4
860,27.853,27.456,0.049662,,
870,27.252,26.955,0.037114,,
880,27.922,27.68,0.030365,,
890,27.162,26.954,0.025997,,
900,27.999,27.83,0.02116,27.406,1
910,27.343,27.216,0.015866,,
920,27.352,27.25,0.012667,,
930,27.175,27.094,0.010051,,
940,27.899,27.825,0.009366,,
950,26.961,26.886,0.0092974,27.357,0
960,26.895,26.849,0.0057317,,
970,27.324,27.27,0.0068097,,
980,26.814,26.778,0.0045287,,
990,27.303,27.269,0.0042374,,
1000,27.548,27.511,0.0046723,27.315,0
1010,27.78,27.74,0.0049932,,
1020,27.288,27.265,0.002911,,
1030,27.4,27.363,0.0045642,,
1040,26.593,26.577,0.0019442,,
1050,27.698,27.678,0.0024859,27.275,0
1060,27.751,27.728,0.0028176,,
1070,27.062,27.047,0.0018623,,
1080,27.415,27.392,0.0029236,,
1090,27.213,27.19,0.0029086,,
1100,26.435,26.426,0.00117,27.249,0
1110,28.034,28.02,0.0017511,,
1120,27.642,27.626,0.0020753,,
1130,26.987,26.977,0.0013305,,
1140,28.149,28.136,0.0016535,,
1150,27.612,27.605,0.00083228,27.251,0
1160,27.69,27.678,0.0015815,,
1170,26.929,26.924,0.00072698,,
1180,27.463,27.453,0.0011814,,
1190,26.779,26.774,0.0006075,,
1200,26.59,26.586,0.00049322,27.253,0
1210,27.841,27.832,0.0010611,,
1220,27.355,27.35,0.0005204,,
1230,27.201,27.197,0.00055648,,
1240,27.158,27.154,0.00055502,,
1250,26.905,26.898,0.00080013,27.23,0
1260,27.482,27.473,0.0010855,,
1270,26.557,26.552,0.00061324,,
1280,27.063,27.059,0.00045079,,
1290,27.261,27.257,0.00048173,,
1300,27.31,27.304,0.00066945,27.25,0
1310,26.841,26.835,0.0007199,,
1320,27.135,27.13,0.00061207,,
1330,27.401,27.394,0.00091,,
1340,27.356,27.35,0.00080715,,
1350,26.849,26.844,0.00062153,27.206,0
1360,27.206,27.202,0.0005093,,
1370,27.315,27.311,0.00054067,,
1380,27.79,27.784,0.00068855,,
1390,27.273,27.27,0.00030417,,
1400,27.068,27.066,0.00029309,27.171,0
1410,27.188,27.185,0.00042636,,
1420,27.853,27.846,0.00083827,,
1430,27.158,27.155,0.0003978,,
1440,27.018,27.015,0.00033308,,
1450,26.761,26.757,0.00038775,27.166,0
1460,26.599,26.597,0.0002618,,
1470,27.472,27.469,0.00029706,,
1480,27.568,27.564,0.00048259,,
1490,26.984,26.982,0.00029845,,
1500,27.239,27.235,0.00045159,27.208,0
1510,26.749,26.744,0.00066195,,
1520,27.734,27.731,0.00038357,,
1530,27.614,27.608,0.00070297,,
1540,26.961,26.957,0.00052262,,
1550,27.641,27.638,0.00039033,27.191,0
1560,27.248,27.246,0.00028541,,
1570,27.42,27.418,0.00027328,,
1580,27.408,27.405,0.00035691,,
1590,26.714,26.712,0.0002443,,
1600,27.016,27.013,0.000412,27.187,0
"""

# p90_vae_kl_warmup_csv: a VAE on digits, Adam 1e-3 throughout, the KL weight warmed up 0 -> 1 over the first
# 600 updates; every update's KL term, as the recipe's CSV holds it (from update 1). It climbs 0.08 -> 14 in the
# first 35 updates and settles near 3.
VAE_KL_WARMUP_KL = [
    0.083164, 0.08947, 0.10115, 0.13045, 0.17137, 0.20638, 0.25437, 0.30861, 0.37867, 0.47129, 0.58879, 0.72045,
    0.83837, 1.0165, 1.2116, 1.4502, 1.7955, 2.1214, 2.5437, 3.0333, 3.4045, 4.192, 4.8749, 5.7266, 6.8704, 8.1465,
    8.2686, 9.9524, 11.148, 11.724, 12.474, 13.189, 14.166, 14.107, 14.377, 13.752, 14.305, 13.564, 13.211, 12.73,
    12.745, 11.532, 11.469, 11.957, 11.027, 10.087, 10.268, 9.8105, 9.5538, 9.5535, 9.2992, 9.2627, 9.4244, 9.372,
    9.6642, 9.3034, 8.9647, 9.2976, 9.1609, 8.7422, 8.8839, 8.8011, 9.352, 9.4239, 9.2543, 8.6267, 8.9453, 8.5326,
    8.0488, 8.4294, 7.6518, 7.727, 7.5362, 7.0197, 6.9737, 6.8348, 6.4165, 6.4362, 6.264, 6.187, 5.8515, 6.1328,
    6.0024, 6.1219, 6.2694, 5.9698, 6.1839, 5.8265, 5.7321, 6.0138, 5.7773, 5.8542, 5.2436, 5.1806, 5.2947, 5.2706,
    5.2105, 5.1131, 5.1442, 4.7554, 4.8417, 5.1534, 4.72, 4.847, 5.0242, 5.2384, 5.2446, 5.0258, 5.1154, 5.2561,
    5.2708, 5.2719, 4.9268, 5.1684, 4.9568, 4.792, 5.1562, 4.7784, 5.1108, 5.1564, 5.9465, 5.1673, 5.5254, 5.8994,
    5.7608, 6.0361, 5.9743, 6.0717, 5.9994, 5.5575, 5.9128, 6.0021, 6.0025, 5.8196, 6.2353, 5.6805, 5.8367, 6.1088,
    6.2989, 5.8263, 6.4632, 5.3991, 6.9121, 5.9104, 6.5468, 5.9192, 5.7911, 6.5514, 6.2181, 6.163, 6.3283, 5.9799,
    6.4697, 5.9356, 5.6783, 5.5999, 5.5151, 5.7688, 5.4829, 6.0687, 5.6204, 6.2207, 5.7639, 5.6354, 5.9358, 6.1425,
    5.7159, 6.3981, 5.9374, 6.4812, 6.1916, 6.5147, 6.3891, 6.2229, 6.0874, 6.0582, 5.9341, 6.0276, 6.0965, 5.7989,
    5.8046, 6.1964, 5.5853, 5.9837, 5.4372, 5.7569, 5.712, 5.3913, 5.5544, 5.6475, 5.5262, 5.7176, 5.6461, 5.3115,
    5.7301, 5.5981, 5.4805, 5.533, 5.513, 5.3194, 5.5358, 5.6307, 5.7475, 5.4931, 5.2135, 5.4488, 5.7591, 5.3297,
    5.2435, 5.1508, 5.0419, 4.8476, 5.2038, 4.8956, 5.2508, 5.1056, 5.2251, 5.1233, 5.116, 4.9484, 4.9533, 4.5211,
    4.8854, 5.0656, 5.0162, 5.0967, 4.943, 4.9197, 5.1009, 4.9089, 4.831, 4.8702, 4.6654, 4.8618, 4.6632, 4.7225,
    4.9903, 5.0919, 5.095, 4.9133, 4.9465, 5.0313, 4.8441, 4.6205, 4.7172, 4.676, 4.779, 4.7013, 4.8422, 4.7854,
    4.6725, 4.9047, 4.8008, 4.5506, 4.6934, 4.904, 4.4293, 4.5846, 4.6472, 4.6124, 4.5862, 4.5314, 4.5509, 4.4937,
    4.6557, 4.6524, 4.5625, 4.8784, 4.6753, 4.5923, 4.7917, 4.7836, 4.7256, 4.6898, 4.6247, 4.7192, 4.7813, 4.702,
    4.5038, 4.5818, 4.7684, 4.5218, 4.7786, 4.7723, 4.6556, 4.5044, 4.5878, 4.659, 4.8408, 4.4813, 4.3788, 4.3763,
    4.569, 4.5575, 4.5437, 4.8252, 4.439, 4.734, 4.7987, 4.9416, 4.9392, 4.8633, 4.4179, 4.7883, 4.8335, 4.5318,
    4.4619, 4.49, 4.4602, 4.4456, 4.4351, 4.5889, 4.5358, 4.6888, 4.8053, 4.8067, 4.5999, 4.4323, 4.4611, 4.6832,
    4.5542, 4.8831, 4.5452, 4.6393, 4.7487, 4.6148, 4.7015, 4.6633, 4.6773, 4.7138, 4.7697, 4.9975, 4.6509, 4.7201,
    4.6716, 4.8049, 4.3818, 4.5202, 4.2092, 4.2242, 4.3152, 4.2958, 4.526, 4.2789, 4.3311, 4.2579, 4.2537, 4.363,
    4.4582, 4.4197, 4.5805, 4.5251, 4.5235, 4.6016, 4.449, 4.5606, 4.2206, 4.0581, 4.2512, 4.5176, 4.2534, 4.4229,
    3.9807, 4.1537, 4.3171, 4.0931, 4.2511, 4.1881, 4.3831, 4.3364, 4.4302, 4.2793, 4.0724, 4.2915, 4.3361, 4.0378,
    4.2412, 4.2207, 4.1113, 3.7379, 4.1141, 4.0683, 4.175, 3.9272, 4.0017, 3.9877, 3.8309, 4.1639, 3.984, 4.147,
    4.3391, 4.2469, 4.0572, 3.9807, 4.1018, 4.2208, 4.0289, 3.9558, 3.7688, 4.1979, 3.9819, 3.6807, 3.7928, 3.8272,
    3.8467, 4.017, 4.0027, 4.1473, 3.9641, 3.9526, 4.233, 4.0918, 3.9048, 4.1086, 4.1726, 3.925, 4.0392, 3.9721,
    3.8884, 3.9642, 4.0078, 3.9636, 3.9336, 4.0423, 4.0163, 3.8678, 3.8738, 3.9583, 4.0891, 3.9098, 3.8127, 4.0218,
    3.9275, 3.7963, 3.8493, 3.816, 3.4449, 3.507, 3.5809, 3.7392, 3.5921, 3.6335, 3.861, 3.5397, 3.5679, 3.7101,
    3.7688, 3.7876, 3.7784, 3.6587, 3.6197, 3.9775, 3.9724, 3.99, 3.8997, 3.7337, 3.8483, 3.8853, 3.7964, 3.7502,
    3.6949, 3.6029, 3.9278, 3.6754, 3.796, 3.6429, 3.8642, 3.6228, 3.7153, 3.5777, 3.5725, 3.436, 3.6537, 3.4231,
    3.5421, 3.596, 3.5634, 3.6661, 3.5853, 3.4915, 3.8152, 3.6154, 3.8155, 3.5162, 3.5367, 3.5708, 3.5678, 3.4313,
    3.6117, 3.563, 3.469, 3.6207, 3.485, 3.3253, 3.3426, 3.4014, 3.2269, 3.3996, 3.311, 3.3913, 3.3116, 3.4685,
    3.3424, 3.4008, 3.6281, 3.3923, 3.4188, 3.4531, 3.3946, 3.3763, 3.5053, 3.5631, 3.4081, 3.4998, 3.572, 3.405,
    3.4142, 3.2235, 3.4937, 3.6009, 3.4539, 3.3746, 3.3794, 3.2995, 3.3473, 3.4106, 3.3798, 3.3311, 3.2331, 3.297,
    3.3556, 3.3845, 3.4779, 3.2375, 3.2766, 3.3458, 3.3821, 3.2791, 3.3015, 3.4521, 3.2692, 3.1239, 3.2284, 3.155,
    3.173, 3.245, 3.2497, 3.1529, 3.0477, 3.193, 3.3538, 3.2268, 3.0854, 3.2339, 3.1332, 3.1589, 3.1451, 3.3163,
    3.3314, 3.1959, 3.1897, 3.1167, 3.2034, 3.1261, 3.3779, 3.1124, 3.2414, 3.3255, 3.2107, 3.1797, 3.2057, 3.2551,
    3.1769, 3.1571, 3.1212, 3.2722, 3.1462, 3.1791, 3.1748, 3.0763, 3.187, 3.1459, 3.1214, 3.1986, 3.1164, 3.1445,
    3.2207, 3.1995, 3.0716, 3.4117, 3.1347, 2.8976, 2.9761, 3.0608, 2.9594, 2.9845, 2.9943, 2.88, 3.0044, 3.1037,
    2.8517, 2.9372, 3.0102, 3.1083, 2.7902, 2.8203, 2.8171, 2.914, 3.0814, 3.1895, 3.1001, 3.0896, 3.1258, 3.1874,
    2.8572, 3.0572, 3.0419, 2.9169, 2.9917, 3.1152, 3.0301, 3.1438, 3.1386, 3.025, 3.0312, 3.1941, 3.035, 3.1901,
    2.9477, 3.054, 3.0169, 3.1302, 2.873, 2.9876, 2.8367, 2.9294, 2.9046, 2.9931, 2.8447, 2.7681, 3.0076, 2.7836,
    2.8428, 2.9222, 2.8237, 2.8922, 2.956, 2.991, 2.902, 2.9565, 2.889, 2.9333, 2.9292, 2.9793, 2.9851, 3.0796,
    2.8971, 2.9551, 2.9905, 2.9684, 3.0755, 2.9039, 2.8833, 2.9926, 2.7823, 3.0891, 2.899, 3.0814, 2.9444, 3.0171,
    3.0204, 2.8566, 2.7683, 3.033, 3.0933, 2.8751, 2.8096, 2.7258, 2.8795, 2.8885, 2.941, 2.961, 3.0559, 2.8219,
    3.0599, 3.0387, 3.0657, 3.0965, 3.0887, 3.033, 3.1294, 3.0792, 3.178, 2.9051, 3.0659, 2.9746, 3.014, 3.092,
    3.1758, 3.1599, 2.9753, 2.8642, 3.1063, 2.9817, 3.1075, 3.006, 2.9938, 3.1062, 2.9852, 3.1477, 3.2293, 3.039,
    3.0774, 2.9601, 2.9262, 3.0131, 2.969, 2.9893, 2.7982, 2.9261, 2.9719, 2.8273, 2.9664, 2.8658, 2.8942, 2.8794,
    3.0108, 2.904, 3.0423, 3.1078, 3.2384, 3.1557, 3.1209, 2.9347, 3.2853, 3.149, 3.2746, 3.0358, 3.133, 3.1443,
    2.9913, 3.1688, 3.0304, 3.1061, 2.816, 3.0829, 2.8931, 2.9318, 2.9037, 2.9242, 3.012, 3.0329, 2.986, 3.0169,
    2.9336, 2.8561, 2.9897, 2.9913, 2.8269, 3.1355, 3.1671, 3.0994, 3.1933, 2.9995, 2.9546, 3.0856, 3.0624, 3.0022,
    3.0559, 2.9044, 2.9799, 3.1273, 3.1717, 3.0456, 3.1058, 3.1658, 3.0343, 2.96, 3.0127, 3.0545, 2.8639, 2.9658,
    3.1054, 2.9361, 3.0458, 2.9778, 2.8734, 2.8482, 3.0648, 2.9097, 2.8315, 2.9107, 2.9981, 2.855, 3.1508, 3.2054,
    2.8051, 3.0678, 2.8866, 3.1593, 3.093, 2.914, 3.0236, 2.9672, 2.9296, 2.9308, 2.8826, 3.0253, 3.0057, 2.9525,
    3.1013, 3.0492, 3.0181, 3.1443, 3.0364, 3.1898, 3.0589, 3.1481, 3.0489, 3.3312, 3.0931, 3.0535, 2.9758, 3.1374,
    2.8701, 3.0293, 3.0777, 2.9415, 2.9988, 3.0189, 2.9442, 2.9759, 2.948, 3.1149, 3.1376, 2.864, 2.9866, 2.8543,
    3.0142, 3.1552, 3.1995, 3.0243, 2.8664, 2.9906, 3.0754, 2.843, 2.9381, 3.017, 3.1355, 3.0309, 3.1314, 3.125,
    3.1223, 3.2848, 3.009, 3.1029, 3.2132, 3.1678, 3.0839, 2.9808, 3.1214, 3.0295, 3.0452, 3.054, 2.943, 2.9171,
    2.9937, 2.9714, 2.8413, 2.9492, 3.001, 3.127, 2.9765, 3.1321, 3.186, 2.9593, 2.8711, 3.0307, 2.941, 3.0637,
    3.0669, 2.9418, 2.9836, 3.0707, 3.0852, 2.8345, 2.9437, 3.0091, 3.0058, 2.8832, 2.9743, 2.918, 3.0084, 3.0448,
    2.8774, 3.1101, 2.9732, 2.942, 3.0637, 2.9776, 3.1928, 3.0328, 2.9721, 2.8607, 3.1011, 3.1893, 2.9846, 3.0674,
    3.0443, 2.883, 2.9117, 2.9508, 2.9195, 2.8481, 3.029, 2.9766, 2.8707, 2.8801, 2.9127, 3.0161, 2.8811, 2.7605,
    2.8299, 2.9419, 2.9125, 3.0072, 3.0996, 2.9836, 3.1593, 3.0603, 3.1333, 3.1409, 3.199, 3.0985, 3.2872, 3.0719,
    3.1639, 3.1355, 3.0113, 3.1486, 3.038, 2.8954, 3.1514, 2.9042, 2.8615, 2.9386, 2.8567, 2.9533, 2.9348, 2.8012,
    3.1089, 2.9089, 3.1494, 2.8919, 3.0285, 2.8579, 2.9682, 3.0369, 3.0484, 3.2319, 3.0345, 3.0373, 2.908, 2.9299,
    3.1562, 3.0798, 3.1353, 3.099, 3.0661, 3.492, 3.2361, 3.2408, 2.9973, 3.0924, 2.8176, 3.1371, 3.1216, 2.9261,
    3.1619, 2.9429, 3.0253, 2.9531, 2.9827, 3.1421, 3.1477, 3.1326, 2.9771, 3.0384, 3.0018, 3.1412, 3.0582, 3.1526,
    3.0991, 2.9906, 2.8608, 3.1101, 3.0684, 2.8437, 2.9647, 3.0424, 2.8983, 3.0849, 3.1516, 3.1788, 2.8495, 3.187,
    3.0574, 3.1843, 2.8989, 2.9268, 3.0042, 2.908, 2.883, 2.8869, 2.9664, 3.1342, 3.0005, 3.0923, 3.0916, 3.1658,
    3.2014, 3.015, 3.0208, 3.024, 2.8631, 3.0007, 3.0018, 3.083, 2.9451, 3.0131, 2.9849, 2.9614, 3.0008, 2.906,
    3.039, 3.0452, 3.0609, 2.8511, 3.2329, 2.9196, 2.8582, 3.1871, 3.0099, 3.2464, 3.0534, 3.2626, 3.2667, 3.1942,
    3.1214, 3.2878, 3.1495, 3.0572, 3.1241, 2.9777, 3.0866, 3.0682, 3.0628, 3.1964, 2.9157, 3.2464, 3.1715, 3.2176,
    3.2723, 3.0909, 3.1687, 3.328, 3.0681, 3.1299, 3.1701, 3.1315, 3.2752, 3.1824, 3.1851, 3.1246, 3.0241, 2.9954,
    3.0611, 3.1398, 3.1673, 3.146, 2.9205, 3.0628, 3.066, 3.1896, 2.9257, 3.3358, 2.9023, 3.0857, 3.1282, 3.2973,
    3.2821, 3.2292, 3.135, 3.1862, 3.0779, 3.4036, 3.2298, 3.2986, 3.1559, 3.3492, 3.1395, 3.1568, 3.2459, 3.2733,
    3.1245, 3.1449, 3.1365, 2.9691, 3.1738, 2.9638, 3.0355, 3.1016, 3.0628, 2.9756, 3.2543, 3.1301, 3.1123, 2.9629,
    3.1328, 2.985, 3.0696, 2.8695, 2.8481, 3.0737, 3.1002, 3.1545, 3.0862, 3.0917, 3.2022, 3.272, 3.1852, 3.2264,
    3.2971, 3.399, 3.3842, 3.2062, 3.2098, 3.1526, 3.1857, 3.1104, 3.2778, 3.172, 3.0882, 3.078, 3.0219, 3.1446,
    3.1429, 3.2203, 3.1986, 3.2991, 3.0328, 3.0546, 3.211, 3.0485, 3.2184, 2.9566, 3.0051, 2.9496, 3.0498, 3.0504,
    2.9213, 3.0293, 2.9274, 3.0129, 3.2328, 3.1049, 3.0015, 3.0456, 3.0407, 3.1337, 3.0465, 3.0612, 3.1784, 3.2873,
    3.0266, 3.1221, 3.2473, 3.1562, 3.1792, 3.0643, 3.073, 3.1734, 3.0803, 3.199, 2.9079, 3.2398, 3.2934, 3.1598,
    3.076, 3.4205, 2.8554, 2.9312, 3.0928, 3.1134, 3.0193, 3.125, 3.1103, 3.0664, 3.2194, 2.9297, 3.185, 3.1143,
    3.2299, 3.1729, 3.2174, 3.2934, 3.2156, 3.1424, 3.0667, 3.2509, 3.1629, 3.0835, 3.1311, 3.3247, 3.1864, 3.1296,
    3.2047, 3.0272, 3.0901, 3.2911, 3.1942, 2.9157, 2.9915, 3.242, 3.0343, 2.9061, 2.9505, 3.0987, 3.2102, 3.1204,
    3.1693, 3.1538, 2.9715, 3.1093, 3.1139, 3.0087, 3.0947, 3.0413, 2.9824, 2.9419, 2.9767, 3.0952, 3.0009, 3.098,
    3.0394, 3.0886, 3.069, 3.0453, 2.9783, 3.1244, 3.1017, 3.0627, 3.2851, 3.1845, 3.1994, 3.2932, 3.1806, 3.1941,
    3.3181, 3.2909, 3.3565, 3.2729, 3.1026, 3.2063, 3.3004, 3.2614, 3.0651, 3.0999, 3.2055, 3.1633, 3.0321, 3.0993,
    2.9343, 3.1999, 3.0489, 3.0375, 3.0995, 3.0431, 3.1497, 3.0778, 3.1015, 3.1758, 3.1177, 2.9614, 3.1348, 3.1497,
    3.1208, 3.276, 3.0021, 2.9392, 3.1447, 3.2525, 3.0141, 3.0136, 3.1993, 3.0785, 3.1642, 3.0501, 3.1405, 3.1754,
    3.0045, 3.0857, 3.1241, 3.0962, 3.1266, 3.1658, 3.2536, 3.201, 3.1498, 3.127, 3.0053, 3.2116, 3.1663, 3.2344,
    3.059, 2.9942, 3.2154, 2.9756, 3.1897, 2.9256, 3.0973, 3.2126, 3.0001, 2.9519, 3.0565, 2.939, 3.259, 3.2414,
    3.2818, 3.2015, 3.2843, 3.234, 3.178, 3.1359, 3.2611, 3.3071, 3.0515, 3.2192, 3.2121, 3.2435, 3.2137, 3.3843,
    3.2955, 3.3642, 3.3347, 3.1413, 3.2096, 3.0134, 3.0636, 2.9888, 3.1204, 3.0261, 3.0381, 3.1054, 3.0655, 3.11,
    3.0829, 3.3433, 3.2226, 3.0742, 3.2762, 3.2168, 3.2567, 3.2184, 3.1687, 3.3579, 3.348, 3.15, 3.3508, 3.1738,
    3.0166, 3.2146, 3.2808, 3.2291, 3.3578, 3.0982, 3.1516, 3.1122, 3.1469, 3.1779, 3.2023, 3.184, 3.001, 3.1222,
    3.0971, 3.111, 3.024, 3.0002, 3.0408, 3.0757, 3.0854, 3.078, 3.201, 3.0579, 3.2091, 3.1579, 3.2119, 3.2988,
    3.209, 3.2798, 3.3141, 3.3265, 3.2772, 3.2826, 3.0747, 3.1765, 3.1814, 3.1515, 3.2564, 3.2491, 3.2999, 3.1911,
    3.1836, 3.3286, 3.3583, 3.4279, 3.0223, 3.2254, 3.0835, 3.1803, 3.118, 3.0499, 3.1968, 3.3061, 2.995, 2.9228,
    3.0326, 3.1547, 3.1547, 3.152, 3.1775, 3.0982, 3.3076, 3.0153, 3.0988, 3.1037, 3.3082, 3.0908, 3.0288, 3.2152,
    3.199, 3.3092, 2.9904, 3.272, 3.2067, 3.1896, 3.2215, 3.1891, 3.0918, 3.0639, 3.2486, 3.3236, 3.2619, 3.346,
    3.2498, 3.2772, 3.4064, 3.1918, 3.2537, 3.1435, 3.0424, 3.2689, 3.2831, 3.0217, 3.2195, 3.1503, 3.1171, 3.1523,
    3.1148, 3.102, 2.9707, 3.1597, 3.0442, 3.1551, 3.1523, 3.1346, 3.0071, 3.094, 3.1985, 3.0776, 3.0279, 3.2569,
    3.2692, 3.0951, 3.3057, 3.2217, 3.2917, 3.3899, 3.44, 3.3334, 3.2727, 3.298, 3.3093, 3.1928, 3.2897, 3.1851,
    3.228, 3.1871, 3.1607, 3.3267,
]


# p92_teacher_decay_hf: an MLP regressing a tanh teacher, SGD 0.1 cut to 0.01 from update 1001 of 1800; the
# Trainer's logged loss every 10 updates (the mean of the last 10, to 4 decimals), as its log_history holds it.
TEACHER_DECAY_HF_LOSS = [
    6.208, 1.0485, 1.2354, 1.2644, 0.9857, 1.125, 1.3811, 0.9392, 1.1698, 0.9308, 0.8622, 1.0947, 1.1528, 0.9841,
    0.957, 0.9306, 0.9546, 0.9501, 0.8737, 0.7594, 0.8619, 0.7433, 1.0705, 0.9395, 0.8507, 0.6604, 0.9786, 0.7788,
    0.9336, 1.5538, 0.6741, 0.9653, 0.6556, 0.8754, 0.8064, 0.7464, 1.3037, 3.1498, 0.7765, 0.6469, 0.9206, 0.6508,
    0.9917, 1.0461, 0.9269, 1.0555, 1.2475, 0.8772, 0.8323, 0.6867, 0.8977, 0.8989, 0.7077, 0.7312, 0.846, 0.6094,
    1.0024, 1.3974, 0.5808, 1.068, 0.8175, 1.1185, 0.7296, 1.238, 1.065, 0.6817, 0.6603, 0.8376, 1.4661, 0.9149,
    0.6972, 0.701, 0.7055, 1.3174, 1.3418, 0.98, 0.7763, 0.6053, 0.9156, 0.671, 0.9033, 1.4047, 0.9101, 0.6907,
    0.8595, 0.9524, 0.8702, 2.2807, 1.1562, 1.0817, 0.8319, 0.763, 0.954, 1.0648, 0.7737, 0.6706, 0.7177, 0.7163,
    0.6879, 1.6204, 0.8454, 0.642, 0.5657, 0.5205, 0.6912, 0.4809, 0.4783, 0.5529, 0.5272, 0.4118, 0.4921, 0.556,
    0.5097, 0.4732, 0.429, 0.454, 0.5765, 0.4629, 0.5029, 0.4629, 0.5762, 0.3887, 0.4587, 0.4228, 0.4195, 0.3601,
    0.5169, 0.485, 0.4463, 0.4201, 0.4954, 0.4913, 0.4283, 0.4523, 0.5466, 0.4372, 0.4216, 0.4198, 0.4258, 0.4315,
    0.4534, 0.4184, 0.409, 0.4662, 0.409, 0.4727, 0.4782, 0.5346, 0.4598, 0.431, 0.4855, 0.4182, 0.5362, 0.3979,
    0.4423, 0.3366, 0.4246, 0.4138, 0.4558, 0.4306, 0.5672, 0.4477, 0.3575, 0.4014, 0.3791, 0.4442, 0.4023, 0.5154,
    0.4475, 0.4605, 0.3789, 0.461, 0.5297, 0.4496, 0.3954, 0.5108, 0.3972, 0.5086, 0.4077, 0.4946,
]


def teacher_decay_state(entries: int) -> str:
    """p92's trainer_state.json as the Trainer writes it with its first ``entries`` log entries."""
    history = [{"epoch": round(10 * k / 125, 4), "learning_rate": 0.1 if 10 * k <= 1000 else 0.01, "loss": loss,
                "step": 10 * k} for k, loss in enumerate(TEACHER_DECAY_HF_LOSS[:entries], start=1)]
    return json.dumps({"global_step": 10 * entries, "log_history": history, "logging_steps": 10, "max_steps": 1800})
