"""Small real training runs on CPU for curvedoc's sample logs and evaluation corpus.

Development tool only: needs torch, which is never a curvedoc dependency.
Create the environment once (outside the repo; torch==2.13.0 exactly is a
local CPU build, any other spec pulls gigabytes of CUDA wheels)::

    python3 -m venv /work/torchenv
    /work/torchenv/bin/pip install torch==2.13.0 scikit-learn tensorboard pandas numpy

Every run here records three things in a ``Trace``:

- ``steps``  one dict per optimiser update: ``step`` (1-based count of updates,
  this one included), ``epoch`` (0-based index of the epoch the update is in),
  ``epoch_float`` (fraction of epochs done after the update, as HF logs it),
  ``lr`` and ``batch_size`` actually used for the update, ``loss`` (the
  minibatch loss of its forward pass), ``grad_norm`` (global L2 norm before
  the update), ``wall`` (unix seconds);
- ``evals``  one dict per evaluation: ``step``, ``epoch``, ``val_loss``,
  ``val_acc`` (or what the run measures);
- ``probes`` internal quantities measured aside at fixed steps (full-train-set
  loss and accuracy, fraction of saturated or dead units, singular values of
  the end-to-end map, ...). Ground truth comes from these and from the
  schedule the run set, never from the logged curve's look.

Writers in ``benchmarks/corpus_writers.py`` turn a Trace into log files.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

from truthlib import transition  # noqa: F401  (the corpus scripts call it as tl.transition)


def setup(seed: int) -> None:
    """One thread (the machine is shared) and deterministic seeds."""
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    np.random.seed(seed)


@dataclass
class Trace:
    name: str
    steps: list = field(default_factory=list)
    evals: list = field(default_factory=list)
    probes: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    steps_per_epoch: list = field(default_factory=list)  # per epoch, updates in it
    diverged_at: int | None = None  # first step whose loss was not finite

    def epoch_start_steps(self) -> list[int]:
        """1-based step of the first update of every epoch."""
        out, s = [], 1
        for n in self.steps_per_epoch:
            out.append(s)
            s += n
        return out

    def probe_series(self, key: str):
        xs = np.array([p["step"] for p in self.probes if key in p])
        ys = np.array([p[key] for p in self.probes if key in p], dtype=float)
        return xs, ys


# ---------------------------------------------------------------- data sets


def digits(seed: int = 0, n_val: int = 297):
    """sklearn's bundled 8x8 digits, pixels scaled to [0, 1], shuffled split."""
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    g = torch.Generator().manual_seed(seed)
    perm = torch.randperm(len(X), generator=g)
    X = torch.tensor(X / 16.0, dtype=torch.float32)[perm]
    y = torch.tensor(y)[perm]
    return X[n_val:], y[n_val:], X[:n_val], y[:n_val]


def teacher_task(seed: int = 0, n_train: int = 5000, n_val: int = 2000, d: int = 20,
                 classes: int = 10, label_noise: float = 0.0, teacher_width: int = 64):
    """Labels from a random one-hidden-layer tanh teacher on Gaussian inputs."""
    with torch.random.fork_rng():
        torch.manual_seed(1000 + seed)
        teacher = torch.nn.Sequential(torch.nn.Linear(d, teacher_width), torch.nn.Tanh(),
                                      torch.nn.Linear(teacher_width, classes))
        X = torch.randn(n_train + n_val, d)
        with torch.no_grad():
            y = teacher(X).argmax(1)
        ytr = y[:n_train].clone()
        if label_noise > 0:
            flip = torch.rand(n_train) < label_noise
            ytr[flip] = torch.randint(0, classes, (int(flip.sum()),))
    return X[:n_train], ytr, X[n_train:], y[n_train:]


def memorisation_task(seed: int = 0, n: int = 1024, d: int = 4096, classes: int = 10,
                      label_noise: float = 0.5):
    """Unique, nearly orthogonal high-dimensional examples (a stand-in for
    fine-tuning a high-capacity model on text it has never seen): every
    exposure memorises the example, so the loss falls at each epoch start."""
    g = torch.Generator().manual_seed(2000 + seed)
    X = torch.randn(n, d, generator=g) / math.sqrt(d)
    teacher = torch.randn(d, classes, generator=g)
    y = (X @ teacher).argmax(1)
    flip = torch.rand(n, generator=g) < label_noise
    y[flip] = torch.randint(0, classes, (int(flip.sum()),), generator=g)
    return X, y


# ---------------------------------------------------------------- models


def mlp(d_in: int, widths: list[int], d_out: int, act: str = "relu") -> torch.nn.Sequential:
    acts = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid}
    layers, prev = [], d_in
    for w in widths:
        layers += [torch.nn.Linear(prev, w), acts[act]()]
        prev = w
    layers.append(torch.nn.Linear(prev, d_out))
    return torch.nn.Sequential(*layers)


class SmallCNN(torch.nn.Module):
    """Two 3x3 conv layers and a linear head for 8x8 digits."""

    def __init__(self, classes: int = 10):
        super().__init__()
        self.c1 = torch.nn.Conv2d(1, 16, 3, padding=1)
        self.c2 = torch.nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = torch.nn.Linear(32 * 16, 64)
        self.fc2 = torch.nn.Linear(64, classes)

    def forward(self, x):
        x = x.view(-1, 1, 8, 8)
        x = F.relu(self.c1(x))
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def shift_augment(xb: torch.Tensor, noise: float = 0.0) -> torch.Tensor:
    """Random +-1 pixel translation of 8x8 digits, plus optional pixel noise."""
    n = len(xb)
    img = F.pad(xb.view(n, 1, 8, 8), (1, 1, 1, 1))
    sx = torch.randint(0, 3, (n,))
    sy = torch.randint(0, 3, (n,))
    out = torch.stack([img[k, 0, sy[k]:sy[k] + 8, sx[k]:sx[k] + 8] for k in range(n)])
    out = out.reshape(n, 64)
    if noise:
        out = out + noise * torch.randn_like(out)
    return out


# ---------------------------------------------------------------- probes


def mse_logits(logits, y):
    """Squared error between raw logits and one-hot targets (no softmax): the
    gradient grows with the weights, so a too-large step diverges to inf/nan."""
    return ((logits - F.one_hot(y, logits.shape[1]).float()) ** 2).sum(1).mean() / 2


LOSSES = {"ce": F.cross_entropy, "mse": mse_logits}


@torch.no_grad()
def eval_classifier(model, X, y, max_n: int = 2000, loss_fn=F.cross_entropy):
    model.eval()
    logits = model(X[:max_n])
    loss = loss_fn(logits, y[:max_n]).item()
    acc = (logits.argmax(1) == y[:max_n]).float().mean().item()
    model.train()
    return loss, acc


@torch.no_grad()
def hidden_preacts(model: torch.nn.Sequential, X):
    """Pre-activations of every hidden Linear layer of an ``mlp``."""
    out, h = [], X
    mods = list(model)
    for i, m in enumerate(mods):
        h = m(h)
        if isinstance(m, torch.nn.Linear) and i + 1 < len(mods):
            out.append(h.clone())
    return out


def saturation_fraction(model, X, act: str) -> float:
    """Share of (unit, example) pairs whose activation derivative is < 2% of
    its maximum (|z| > 4.6 for sigmoid... > 2.65 for tanh)."""
    zs = hidden_preacts(model, X)
    z = torch.cat([t.flatten() for t in zs])
    if act == "sigmoid":
        d = torch.sigmoid(z) * (1 - torch.sigmoid(z)) / 0.25
    else:
        d = 1 - torch.tanh(z) ** 2
    return (d < 0.02).float().mean().item()


def dead_relu_fraction(model, X) -> float:
    """Share of hidden ReLU units that are zero on every example."""
    zs = hidden_preacts(model, X)
    dead = [(t.max(0).values <= 0).float() for t in zs]
    return torch.cat(dead).mean().item()


def grad_global_norm(params) -> float:
    sq = 0.0
    for p in params:
        if p.grad is not None:
            sq += float((p.grad.detach() ** 2).sum())
    return math.sqrt(sq)


# ---------------------------------------------------------------- training loops


def train_classifier(
    name: str,
    model: torch.nn.Module,
    data,
    *,
    epochs: int,
    batch_size,                # int, or callable epoch -> int
    optimizer,
    scheduler=None,
    scheduler_unit: str = "epoch",   # "epoch" or "step"
    augment=None,
    probe_every: int = 50,
    probe_extra=None,          # callable(model) -> dict
    inject: dict | None = None,      # step -> callable(xb, yb) -> (xb, yb)
    on_step: dict | None = None,     # step -> callable(optimizer), before the update
    nan_tail_steps: int = 200,
    eval_every_steps: int | None = None,
    max_steps: int | None = None,
    loss: str = "ce",                # "ce" or "mse" (squared error on logits)
) -> Trace:
    """Minibatch training of a classifier; everything logged into a Trace."""
    loss_fn = LOSSES[loss]
    Xtr, ytr, Xva, yva = data
    n = len(Xtr)
    tr = Trace(name)
    params = [p for p in model.parameters() if p.requires_grad]
    step, nan_seen, t0 = 0, None, time.time()
    inject = inject or {}
    on_step = on_step or {}

    def probe():
        loss, acc = eval_classifier(model, Xtr, ytr, loss_fn=loss_fn)
        row = {"step": step, "full_train_loss": loss, "full_train_acc": acc,
               "lr": optimizer.param_groups[0]["lr"]}
        if probe_extra:
            row.update(probe_extra(model))
        tr.probes.append(row)

    def evaluate(ep):
        vl, va = eval_classifier(model, Xva, yva, loss_fn=loss_fn)
        tr.evals.append({"step": step, "epoch": ep, "val_loss": vl, "val_acc": va,
                         "wall": time.time()})

    probe()
    stop = False
    for ep in range(epochs):
        bs = batch_size(ep) if callable(batch_size) else batch_size
        perm = torch.randperm(n)
        n_batches = n // bs
        tr.steps_per_epoch.append(0)
        for i in range(n_batches):
            step += 1
            if step in on_step:
                on_step[step](optimizer)
            idx = perm[i * bs:(i + 1) * bs]
            xb, yb = Xtr[idx], ytr[idx]
            if augment is not None:
                xb = augment(xb)
            if step in inject:
                xb, yb = inject[step](xb, yb)
            lr = optimizer.param_groups[0]["lr"]
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            gn = grad_global_norm(params)
            optimizer.step()
            if scheduler is not None and scheduler_unit == "step":
                scheduler.step()
            lv = loss.item()
            tr.steps.append({"step": step, "epoch": ep, "epoch_float": ep + (i + 1) / n_batches,
                             "lr": lr, "batch_size": bs, "loss": lv, "grad_norm": gn,
                             "wall": time.time()})
            tr.steps_per_epoch[-1] += 1
            if not math.isfinite(lv) and nan_seen is None:
                nan_seen = step
                tr.diverged_at = step
            if step % probe_every == 0:
                probe()
            if eval_every_steps and step % eval_every_steps == 0:
                evaluate(ep)
            if nan_seen is not None and step - nan_seen >= nan_tail_steps:
                stop = True
                break
            if max_steps and step >= max_steps:
                stop = True
                break
        if scheduler is not None and scheduler_unit == "epoch":
            if hasattr(scheduler, "mode"):      # ReduceLROnPlateau needs the metric
                vl, _ = eval_classifier(model, Xva, yva, loss_fn=loss_fn)
                scheduler.step(vl)
            else:
                scheduler.step()
        if not eval_every_steps:
            evaluate(ep)
        if stop:
            break
    tr.meta["train_seconds"] = time.time() - t0
    tr.meta["n_train"] = n
    return tr


def train_deep_linear(
    name: str,
    *,
    seed: int,
    d: int = 16,
    depth: int = 3,
    singular_values=(4.0, 2.0, 1.0, 0.5),
    init: float = 0.02,
    lr: float = 0.005,
    batch_size: int = 32,
    steps: int = 8000,
    noise: float = 0.05,
    probe_every: int = 10,
    eval_every: int = 200,
    nan_tail_steps: int = 100,
    lr_fn=None,                 # optional: update (1-based) -> lr
) -> Trace:
    """Online SGD on y = A x + noise with a deep linear net from small init.

    The end-to-end map learns A's singular modes one after another: a staircase
    of plateaus. Probes record each mode's strength u_i^T W v_i.
    """
    g = torch.Generator().manual_seed(3000 + seed)
    s = torch.tensor(singular_values)
    k = len(singular_values)
    U, _ = torch.linalg.qr(torch.randn(d, d, generator=g))
    V, _ = torch.linalg.qr(torch.randn(d, d, generator=g))
    A = U[:, :k] @ torch.diag(s) @ V[:, :k].T
    Ws = [torch.nn.Parameter(init * torch.randn(d, d, generator=g)) for _ in range(depth)]
    opt = torch.optim.SGD(Ws, lr=lr)
    Xva = torch.randn(1000, d, generator=g)
    Yva = Xva @ A.T + noise * torch.randn(1000, d, generator=g)
    tr = Trace(name)
    tr.meta.update({"singular_values": list(singular_values), "depth": depth, "d": d,
                    "init": init, "lr": lr, "batch_size": batch_size, "noise": noise})
    t0 = time.time()
    nan_seen = None

    def product():
        P = torch.eye(d)
        for W in Ws:
            P = W @ P
        return P

    def probe(step):
        with torch.no_grad():
            P = product()
            row = {"step": step, "lr": opt.param_groups[0]["lr"]}
            for i in range(k):
                row[f"mode{i + 1}"] = float(U[:, i] @ P @ V[:, i])
            finite = bool(torch.isfinite(P).all())
            row["top_singular_value"] = float(torch.linalg.matrix_norm(P, ord=2)) if finite else float("nan")
            row["full_loss"] = float(((Xva @ P.T - Yva) ** 2).sum(1).mean() / 2)
        tr.probes.append(row)

    probe(0)
    tr.steps_per_epoch.append(0)
    for step in range(1, steps + 1):
        if lr_fn is not None:
            lr = lr_fn(step)
            for grp in opt.param_groups:
                grp["lr"] = lr
        x = torch.randn(batch_size, d)
        y = x @ A.T + noise * torch.randn(batch_size, d)
        h = x
        for W in Ws:
            h = h @ W.T
        loss = ((h - y) ** 2).sum(1).mean() / 2
        opt.zero_grad()
        loss.backward()
        gn = grad_global_norm(Ws)
        opt.step()
        lv = loss.item()
        tr.steps.append({"step": step, "epoch": 0, "epoch_float": step / steps, "lr": lr,
                         "batch_size": batch_size, "loss": lv, "grad_norm": gn,
                         "wall": time.time()})
        tr.steps_per_epoch[0] += 1
        if step % probe_every == 0:
            probe(step)
        if step % eval_every == 0:
            with torch.no_grad():
                vl = float(((Xva @ product().T - Yva) ** 2).sum(1).mean() / 2)
            tr.evals.append({"step": step, "epoch": 0, "val_loss": vl, "wall": time.time()})
        if not math.isfinite(lv) and nan_seen is None:
            nan_seen = step
            tr.diverged_at = step
        if nan_seen is not None and step - nan_seen >= nan_tail_steps:
            break
    tr.meta["train_seconds"] = time.time() - t0
    return tr


def train_grokking(
    name: str,
    *,
    seed: int,
    p: int = 47,
    train_frac: float = 0.5,
    weight_decay: float = 1.0,
    lr: float = 1e-3,
    batch_size: int = 128,
    steps: int = 8000,
    eval_every: int = 50,
) -> Trace:
    """Modular addition (a + b mod p) with an embedding MLP and AdamW.

    Train accuracy reaches 100% early; test accuracy stays near chance, then
    rises (grokking). Probes record test accuracy at every evaluation.
    """
    g = torch.Generator().manual_seed(4000 + seed)
    pairs = torch.tensor([(a, b) for a in range(p) for b in range(p)])
    lab = (pairs[:, 0] + pairs[:, 1]) % p
    perm = torch.randperm(len(pairs), generator=g)
    ntr = int(train_frac * len(pairs))
    tr_idx, te_idx = perm[:ntr], perm[ntr:]

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = torch.nn.Embedding(p, 64)
            self.l1 = torch.nn.Linear(128, 256)
            self.l2 = torch.nn.Linear(256, p)

        def forward(self, x):
            h = torch.cat([self.emb(x[:, 0]), self.emb(x[:, 1])], 1)
            return self.l2(torch.relu(self.l1(h)))

    model = Net()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay, betas=(0.9, 0.98))
    tr = Trace(name)
    tr.meta.update({"p": p, "train_frac": train_frac, "weight_decay": weight_decay, "lr": lr,
                    "batch_size": batch_size, "n_train": ntr})
    spe = max(1, ntr // batch_size)
    t0 = time.time()
    tr.steps_per_epoch.append(0)
    params = list(model.parameters())
    for step in range(1, steps + 1):
        idx = tr_idx[torch.randint(0, ntr, (batch_size,))]
        loss = F.cross_entropy(model(pairs[idx]), lab[idx])
        opt.zero_grad()
        loss.backward()
        gn = grad_global_norm(params)
        opt.step()
        tr.steps.append({"step": step, "epoch": (step - 1) // spe, "epoch_float": step / spe,
                         "lr": lr, "batch_size": batch_size, "loss": loss.item(),
                         "grad_norm": gn, "wall": time.time()})
        tr.steps_per_epoch[0] += 1
        if step % eval_every == 0 or step == 1:
            with torch.no_grad():
                lo = model(pairs[te_idx])
                vl = F.cross_entropy(lo, lab[te_idx]).item()
                va = (lo.argmax(1) == lab[te_idx]).float().mean().item()
                lt = model(pairs[tr_idx])
                tl = F.cross_entropy(lt, lab[tr_idx]).item()
                ta = (lt.argmax(1) == lab[tr_idx]).float().mean().item()
                wn = math.sqrt(sum(float((q ** 2).sum()) for q in params))
            tr.evals.append({"step": step, "epoch": (step - 1) // spe, "val_loss": vl,
                             "val_acc": va, "wall": time.time()})
            tr.probes.append({"step": step, "test_acc": va, "test_loss": vl,
                              "full_train_loss": tl, "full_train_acc": ta, "weight_norm": wn})
    tr.meta["train_seconds"] = time.time() - t0
    tr.meta["steps_per_epoch"] = spe
    return tr


def train_memorisation(name: str, *, seed: int, epochs: int = 6, lr: float = 8.0,
                       batch_size: int = 16, n: int = 1024, d: int = 4096) -> Trace:
    """Softmax regression on unique nearly orthogonal examples, several epochs:
    each exposure lowers that example's loss, so the per-step training loss is
    flat within an epoch and drops at every epoch boundary."""
    X, y = memorisation_task(seed, n=n, d=d)
    model = torch.nn.Linear(d, 10)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    tr = Trace(name)
    tr.meta.update({"n": n, "d": d, "lr": lr, "batch_size": batch_size})
    step, t0 = 0, time.time()
    params = list(model.parameters())
    for ep in range(epochs):
        perm = torch.randperm(n)
        nb = n // batch_size
        tr.steps_per_epoch.append(nb)
        for i in range(nb):
            step += 1
            idx = perm[i * batch_size:(i + 1) * batch_size]
            loss = F.cross_entropy(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            gn = grad_global_norm(params)
            opt.step()
            tr.steps.append({"step": step, "epoch": ep, "epoch_float": ep + (i + 1) / nb,
                             "lr": lr, "batch_size": batch_size, "loss": loss.item(),
                             "grad_norm": gn, "wall": time.time()})
        with torch.no_grad():
            lo = model(X)
            fl = F.cross_entropy(lo, y).item()
            fa = (lo.argmax(1) == y).float().mean().item()
        tr.probes.append({"step": step, "full_train_loss": fl, "full_train_acc": fa})
        tr.evals.append({"step": step, "epoch": ep, "val_loss": fl, "val_acc": fa, "wall": time.time()})
    tr.meta["train_seconds"] = time.time() - t0
    return tr


# ---------------------------------------------------------------- truth helpers


def crossing_step(xs, ys, level, rising=True):
    """First x where ys crosses level (linear search, no interpolation)."""
    for x, y in zip(xs, ys):
        if (y >= level) if rising else (y <= level):
            return int(x)
    return None
