"""A fifth labelled set (benchmarks/fifth): real small training runs made after the corpus, the
holdout, the third and the fourth set, with recipes and logging conditions none of them has. It
was built without running curvedoc on it (and without importing it), so its first score is an
honest estimate.

Reuses the corpus machinery (benchmarks/make_corpus.py, tools/trainlab.py, tools/truthlib.py,
benchmarks/corpus_writers.py) and the fourth set's run helpers (benchmarks/make_fourth.py) by
importing them. Ground truth is taken from training internals exactly as make_corpus.py does:
the lr read back from the optimiser at every update (decay_events, warmup_event, cyclic turning
points), injected lr changes and the full-training-set loss (spike_kind), training-set
probes for the no-event checks. Visibility in the written series is the corpus's test
(truthlib.measure).

What is new relative to the corpus, the holdout, the third and the fourth set:

- sequence models: an LSTM and a one-layer causal self-attention model (pre-LN, 2 heads) trained
  as next-token predictors on a synthetic first-order Markov-chain "language" (vocabulary 24,
  sparse Dirichlet transition rows), with linear warmup + cosine, linear warmup + linear
  decay, constant lr and a per-epoch step decay; logged as means over logging windows (HF
  logging_steps, W&B / MLflow window means) or per epoch (Keras);
- classifiers on sklearn make_classification / make_moons with a small step decay (the logged
  minibatch loss falls by about 5-15% at it) under per-update minibatch noise;
- smoothed training-loss logs as real loops print them: a fastai-style debiased EMA (beta 0.98)
  logged at every update, and a ``running_loss`` mean over the last k updates printed every k
  updates; with a step decay and without any event;
- brief lr spikes (lr x20 for 5 updates, then restored: the loss spikes and returns) and a
  long one (lr x30 for 150 updates: it does not return);
- triangular CyclicLR (the lr climbs from its floor at every cycle start, turns down at every
  peak): slope changes at both turning points;
- ReduceLROnPlateau stepped on a validation loss measured every 100 updates (not per epoch),
  logged at every other update;
- validation accuracy logged in percent (0-100, two decimals) per epoch with a step decay;
- label smoothing (0.1) and strong weight decay (SGD wd 5e-3, AdamW wd 0.1) at constant lr as
  no-event runs, per epoch (40-50 points) and per update.

    /work/torchenv/bin/python benchmarks/make_fifth.py                 # all runs (~1.5 min)
    /work/torchenv/bin/python benchmarks/make_fifth.py --only fi_ema   # a subset (index redone)
    /work/torchenv/bin/python tools/verify_logs.py benchmarks/fifth
"""

from __future__ import annotations

import copy
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchmarks import make_corpus as mc  # noqa: E402  (inserts tools/ and benchmarks/ itself)
from benchmarks import make_fourth as m4  # noqa: E402  (teacher_run, digits_run, multistep, as_accuracy)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

tl, tt, cw = mc.tl, mc.tt, mc.cw
Event, Result = mc.Event, mc.Result

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fifth")
RUNS, run = mc.registry()
EXPERIMENT = "curvedoc-fifth"

# Cross-entropy with label smoothing 0.1, registered under a loss name train_classifier accepts
# (the full-training-set probes then measure the same smoothed loss).
tl.LOSSES.setdefault("ls01", lambda logits, y: F.cross_entropy(logits, y, label_smoothing=0.1))


# ------------------------------------------------------------------ data and models


def sk_task(kind: str, seed: int, n_train: int, n_val: int = 2000):
    """sklearn's make_moons / make_classification, standardised, as float32 / long tensors."""
    from sklearn.datasets import make_classification, make_moons

    n = n_train + n_val
    if kind == "moons":
        X, y = make_moons(n_samples=n, noise=0.3, random_state=seed)
    elif kind == "clf":
        X, y = make_classification(n_samples=n, n_features=20, n_informative=8, n_redundant=4, n_classes=4,
                                   n_clusters_per_class=2, flip_y=0.08, class_sep=1.0, random_state=seed)
    else:
        raise ValueError(kind)
    X = (X - X[:n_train].mean(0)) / X[:n_train].std(0)
    X, y = torch.tensor(X, dtype=torch.float32), torch.tensor(y)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def markov_corpus(seed: int, *, vocab=24, length=32, n_train=2048, n_val=512, alpha=0.15):
    """Sequences from a first-order Markov chain whose transition rows are Dirichlet(alpha) draws
    (sparse: a few likely successors per token). Returns (Xtr, Ytr, Xva, Yva, entropy_rate) with
    Y the inputs shifted by one token."""
    g = np.random.default_rng(5000 + seed)
    P = g.dirichlet(np.full(vocab, alpha), size=vocab)
    n = n_train + n_val
    seq = np.zeros((n, length + 1), dtype=np.int64)
    seq[:, 0] = g.integers(0, vocab, n)
    cum = P.cumsum(1)
    for t in range(length):
        u = g.random(n)
        seq[:, t + 1] = np.minimum((u[:, None] > cum[seq[:, t]]).sum(1), vocab - 1)
    # entropy rate under the chain's empirical state frequencies
    freq = np.bincount(seq[:, :-1].ravel(), minlength=vocab) / seq[:, :-1].size
    h = float(-(freq[:, None] * P * np.log(np.where(P > 0, P, 1))).sum())
    s = torch.tensor(seq)
    return s[:n_train, :-1], s[:n_train, 1:], s[n_train:, :-1], s[n_train:, 1:], h


class LSTMLM(torch.nn.Module):
    def __init__(self, vocab, emb=32, hidden=64):
        super().__init__()
        self.emb = torch.nn.Embedding(vocab, emb)
        self.rnn = torch.nn.LSTM(emb, hidden, batch_first=True)
        self.out = torch.nn.Linear(hidden, vocab)

    def forward(self, x):
        h, _ = self.rnn(self.emb(x))
        return self.out(h)


class AttnLM(torch.nn.Module):
    """One pre-LN transformer block (causal self-attention, 2 heads, MLP 4x) with learned positions."""

    def __init__(self, vocab, length, d=32, heads=2):
        super().__init__()
        self.tok = torch.nn.Embedding(vocab, d)
        self.pos = torch.nn.Embedding(length, d)
        self.ln1, self.ln2, self.lnf = torch.nn.LayerNorm(d), torch.nn.LayerNorm(d), torch.nn.LayerNorm(d)
        self.attn = torch.nn.MultiheadAttention(d, heads, batch_first=True)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(d, 4 * d), torch.nn.GELU(), torch.nn.Linear(4 * d, d))
        self.out = torch.nn.Linear(d, vocab)
        self.register_buffer("mask", torch.triu(torch.ones(length, length, dtype=torch.bool), 1))

    def forward(self, x):
        T = x.shape[1]
        h = self.tok(x) + self.pos(torch.arange(T))
        a = self.ln1(h)
        h = h + self.attn(a, a, a, attn_mask=self.mask[:T, :T], need_weights=False)[0]
        h = h + self.mlp(self.ln2(h))
        return self.out(self.lnf(h))


@torch.no_grad()
def eval_lm(model, X, Y, chunk=512):
    model.eval()
    tot, correct, n = 0.0, 0, 0
    for i in range(0, len(X), chunk):
        lo = model(X[i:i + chunk])
        tot += F.cross_entropy(lo.reshape(-1, lo.shape[-1]), Y[i:i + chunk].reshape(-1), reduction="sum").item()
        correct += (lo.argmax(-1) == Y[i:i + chunk]).sum().item()
        n += Y[i:i + chunk].numel()
    model.train()
    return tot / n, correct / n


def train_lm(name, model, data, *, epochs, batch_size, optimizer, scheduler=None, scheduler_unit="step",
             probe_every=16, clip=1.0):
    """Next-token training on fixed sequences; the same Trace layout as trainlab.train_classifier
    (one record per update, lr read from the optimiser before the update, full-training-set loss
    and token accuracy probed aside, a validation eval per epoch)."""
    Xtr, Ytr, Xva, Yva = data
    n = len(Xtr)
    tr = tl.Trace(name)
    params = [p for p in model.parameters() if p.requires_grad]
    step, t0 = 0, time.time()

    def probe():
        loss, acc = eval_lm(model, Xtr, Ytr)
        tr.probes.append({"step": step, "full_train_loss": loss, "full_train_acc": acc,
                          "lr": optimizer.param_groups[0]["lr"]})

    probe()
    for ep in range(epochs):
        perm = torch.randperm(n)
        nb = n // batch_size
        tr.steps_per_epoch.append(0)
        for i in range(nb):
            step += 1
            idx = perm[i * batch_size:(i + 1) * batch_size]
            lr = optimizer.param_groups[0]["lr"]
            lo = model(Xtr[idx])
            loss = F.cross_entropy(lo.reshape(-1, lo.shape[-1]), Ytr[idx].reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            gn = tl.grad_global_norm(params)
            if clip:
                torch.nn.utils.clip_grad_norm_(params, clip)
            optimizer.step()
            if scheduler is not None and scheduler_unit == "step":
                scheduler.step()
            tr.steps.append({"step": step, "epoch": ep, "epoch_float": ep + (i + 1) / nb, "lr": lr,
                             "batch_size": batch_size, "loss": loss.item(), "grad_norm": gn, "wall": time.time()})
            tr.steps_per_epoch[-1] += 1
            if step % probe_every == 0:
                probe()
        if scheduler is not None and scheduler_unit == "epoch":
            scheduler.step()
        vl, va = eval_lm(model, Xva, Yva)
        tr.evals.append({"step": step, "epoch": ep, "val_loss": vl, "val_acc": va, "wall": time.time()})
    tr.meta.update(train_seconds=time.time() - t0, n_train=n, n_val=len(Xva))
    return tr


def lm_run(name, seed, arch, *, epochs, lr, sched=None, unit="step", B=32, wd=0.01, opt="adamw"):
    tl.setup(seed)
    Xtr, Ytr, Xva, Yva, h = markov_corpus(seed)
    vocab, length = 24, Xtr.shape[1]
    model = LSTMLM(vocab) if arch == "lstm" else AttnLM(vocab, length)
    o = (torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd) if opt == "adamw"
         else torch.optim.Adam(model.parameters(), lr=lr))
    s = sched(o) if sched else None
    tr = train_lm(name, model, (Xtr, Ytr, Xva, Yva), epochs=epochs, batch_size=B, optimizer=o, scheduler=s,
                  scheduler_unit=unit)
    tr.meta.update(lr0=lr, optimizer=type(o).__name__, entropy_rate=h)
    return tr


LM_DESC = ("{arch} next-token model on a synthetic Markov-chain language (vocabulary 24, Dirichlet(0.15) "
           "transition rows, 2048 training sequences of 32 tokens, entropy rate {h:.3f} nats, about the loss "
           "reachable on new text; uniform guess ln 24 = 3.178), batch 32 ({spe} updates/epoch), gradient clipping 1.0")
ARCH = {"lstm": "LSTM (embedding 32, hidden 64)",
        "attn": "one-layer causal self-attention model (d 32, 2 heads, pre-LN, MLP 128, learned positions)"}


def lm_desc(tr, arch):
    return LM_DESC.format(arch=ARCH[arch], h=tr.meta["entropy_rate"], spe=tr.steps_per_epoch[0])


# ------------------------------------------------------------------ smoothed logs


def smoothed_trace(tr, *, beta=None, window=None):
    """The trace with every update's ``loss`` replaced by what a loop that smooths it logs:
    ``beta``: fastai's debiased EMA, ema_t = beta ema_{t-1} + (1 - beta) loss_t, reported as
    ema_t / (1 - beta^t); ``window``: a ``running_loss`` summed over the updates since the last
    print and divided by the window (the value printed every ``window`` updates is the mean of
    those ``window`` minibatch losses). Probes, evals and the lr stay as they were."""
    out = copy.copy(tr)
    out.steps = []
    acc = 0.0
    for i, s in enumerate(tr.steps):
        if beta is not None:
            acc = beta * acc + (1 - beta) * s["loss"]
            v = acc / (1 - beta ** (i + 1))
        else:
            v = cw.interval_mean(tr, s["step"], window)
        out.steps.append(dict(s, loss=v, raw_loss=s["loss"]))
    return out


def ema_lag(beta):
    return int(math.ceil(math.log(2) / (1 - beta)))


def with_lag(evs, lag, beta):
    for e in evs:
        e.tol_steps += lag
        e.how += (f"; the logged value is an EMA (beta {beta:g}), which delays a step by ln 2 / (1 - beta) = "
                  f"{lag} updates: added to the tolerance")
    return evs


# ------------------------------------------------------------------ schedule helpers


class EvalPlateau:
    """ReduceLROnPlateau on a validation loss measured every ``every`` updates (stepped per update
    by the loop; the inner scheduler sees one value per evaluation)."""

    def __init__(self, opt, model, Xva, yva, *, every, factor, patience):
        self.inner = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=factor, patience=patience)
        self.model, self.Xva, self.yva, self.every, self.n = model, Xva, yva, every, 0

    def step(self):
        self.n += 1
        if self.n % self.every == 0:
            vl, _ = tl.eval_classifier(self.model, self.Xva, self.yva)
            self.inner.step(vl)


def set_lr(value):
    def f(opt):
        for g in opt.param_groups:
            g["lr"] = value
    return f


def lr_turns(tr):
    """Updates where the lr read from the optimiser turns: (step, 'floor'|'peak'); step is the first
    update of the new direction (rising after a floor, falling after a peak)."""
    lrs = np.array([s["lr"] for s in tr.steps])
    d = np.sign(np.diff(lrs))
    out = []
    for i in range(1, len(d)):
        if d[i - 1] < 0 and d[i] > 0:
            out.append((i + 2, "floor"))     # lrs[i] is the floor (update i+1), rising from update i+2
        elif d[i - 1] > 0 and d[i] < 0:
            out.append((i + 2, "peak"))
    return out


def sk_run(name, seed, kind, *, widths, lr, epochs, B, N, sched=None, unit="epoch", probe_every=20, act="relu"):
    tl.setup(seed)
    data = sk_task(kind, seed, N)
    model = tl.mlp(data[0].shape[1], list(widths), int(data[1].max()) + 1, act)
    o = mc.sgd(model, lr)
    s = sched(o) if sched else None
    tr = tl.train_classifier(name, model, data, epochs=epochs, batch_size=B, optimizer=o, scheduler=s,
                             scheduler_unit=unit, probe_every=probe_every)
    tr.meta.update(lr0=lr, n_val=len(data[2]), optimizer="SGD")
    return tr


def emit_epoch_pct(trace, run_dir, *, fname="log.csv"):
    """Per-epoch CSV of a custom loop that prints accuracy in percent: epoch (1-based), lr,
    train_loss, val_loss, val_acc (0-100, two decimals as ``f"{100 * acc:.2f}"``)."""
    rows = cw.epoch_rows(trace)
    out = [{"epoch": r["epoch"] + 1, "lr": r["lr"], "train_loss": round(r["loss"], 4),
            "val_loss": round(r["val_loss"], 4), "val_acc": float(f"{100 * r['val_acc']:.2f}")} for r in rows]
    os.makedirs(run_dir, exist_ok=True)
    cw.write_generic_csv(os.path.join(run_dir, fname), ["epoch", "lr", "train_loss", "val_loss", "val_acc"], out)
    ep_of = cw._epoch_of_step(trace)
    return cw.LogInfo(fname, "generic_csv", "val_acc", "epoch", [o["epoch"] for o in out],
                      [o["val_acc"] for o in out], lambda s: ep_of(s) + 1, 1, True)


# ------------------------------------------------------------------ sequence models


@run("fi_warmcos_lstm_markov_hf", "warmup_end")
def _(d):
    name, warm, epochs, lr0 = "fi_warmcos_lstm_markov_hf", 150, 24, 4e-3
    total = 64 * epochs
    f = lambda s: (s + 1) / warm if s < warm else 0.5 * (1 + math.cos(math.pi * (s - warm) / (total - warm)))
    tr = lm_run(name, 500, "lstm", epochs=epochs, lr=lr0, sched=lambda o: torch.optim.lr_scheduler.LambdaLR(o, f))
    info = cw.emit_trainer_state(tr, d, logging_steps=8, train_batch_size=32)
    return Result(tr, info, [mc.warmup_event(tr, warm)], lm_desc(tr, "lstm") + f"; AdamW (wd 0.01) with linear "
                  f"warmup to lr {lr0:g} over {warm} updates then cosine to 0 (per update), {epochs} epochs; HF "
                  f"trainer_state logging_steps 8 (loss = mean over the 8 updates). The warmup end is a slope "
                  f"change (sharp: false)")


@run("fi_warmlin_attn_markov_wandb", "warmup_end")
def _(d):
    name, warm, epochs, lr0 = "fi_warmlin_attn_markov_wandb", 200, 24, 3e-3
    total = 64 * epochs
    f = lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / (total - warm))
    tr = lm_run(name, 501, "attn", epochs=epochs, lr=lr0, sched=lambda o: torch.optim.lr_scheduler.LambdaLR(o, f))
    info = cw.emit_wandb(tr, d, every=6, lr=True, avg=True)
    return Result(tr, info, [mc.warmup_event(tr, warm)], lm_desc(tr, "attn") + f"; AdamW (wd 0.01) with linear "
                  f"warmup to lr {lr0:g} over {warm} updates then linear decay to 0 (HF get_linear_schedule_with_"
                  f"warmup), {epochs} epochs; W&B history every 6 updates, train/loss = mean of the 6 minibatch "
                  f"losses, with train/lr. The warmup end is a slope change (sharp: false)")


@run("fi_const_lstm_markov_mlflow_avg", "no_event")
def _(d):
    name, lr0, epochs = "fi_const_lstm_markov_mlflow_avg", 1.5e-3, 24
    tr = lm_run(name, 502, "lstm", epochs=epochs, lr=lr0, opt="adam")
    info = cw.emit_mlflow(tr, d, every=10, lr=True, avg=True, experiment_name=EXPERIMENT)
    return Result(tr, info, [], lm_desc(tr, "lstm") + f"; Adam lr {lr0:g} constant, {epochs} epochs; MLflow "
                  f"train_loss = mean over each 10 updates, logged every 10, with learning_rate", no_event=True)


@run("fi_sd_attn_markov_keras", "lr_decay")
def _(d):
    name, ms, g, lr0, epochs = "fi_sd_attn_markov_keras", [16], 0.1, 3e-3, 30
    tr = lm_run(name, 503, "attn", epochs=epochs, lr=lr0, sched=m4.multistep(ms, g), unit="epoch")
    evs = mc.decay_events(tr, 2 * 64, 32, what="MultiStepLR (AdamW)")
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, evs, lm_desc(tr, "attn") + f"; AdamW (wd 0.01) lr {lr0:g}, MultiStepLR {ms} (epochs) "
                  f"x{g}, {epochs} epochs; Keras CSVLogger per epoch with lr (loss = mean token cross-entropy "
                  f"over the epoch)", schedule=mc.multistep_schedule(tr, info, g))


# ------------------------------------------------------------------ small step decays under minibatch noise


@run("fi_sd_small_makeclf_csv", "lr_decay")
def _(d):
    name, ms, g, lr0, N, B = "fi_sd_small_makeclf_csv", [14], 0.5, 0.05, 8000, 32
    tr = sk_run(name, 504, "clf", widths=(64,), lr=lr0, epochs=22, B=B, N=N, sched=m4.multistep(ms, g))
    spe = N // B
    evs = mc.decay_events(tr, 2 * spe, spe // 2)
    info = cw.emit_generic_csv(tr, d, every=1, lr=True)
    return Result(tr, info, evs, f"ReLU MLP 20-64-4 on sklearn make_classification (4 classes, 8 informative "
                  f"of 20 features, 8% of labels flipped, {N} training examples), SGD momentum 0.9, wd 5e-4, "
                  f"batch {B} ({spe} updates/epoch), MultiStepLR {ms} (epochs) x{g} from lr {lr0}: the flipped "
                  f"labels hold the loss on a high floor, so the decay lowers the minibatch loss only a little; "
                  f"per-update CSV with lr", schedule=mc.multistep_schedule(tr, info, g))


@run("fi_sd_small_moons_tb_nolr", "lr_decay")
def _(d):
    name, ms, g, lr0, N, B = "fi_sd_small_moons_tb_nolr", [14], 0.2, 0.1, 2000, 16
    tr = sk_run(name, 505, "moons", widths=(32, 32), lr=lr0, epochs=24, B=B, N=N, sched=m4.multistep(ms, g))
    spe = N // B
    evs = mc.decay_events(tr, 2 * spe, spe // 2)
    info = cw.emit_tensorboard(tr, d, every=1, lr=False)
    return Result(tr, info, evs, f"ReLU MLP 2-32-32-2 on sklearn make_moons (noise 0.3, {N} training examples), "
                  f"SGD momentum 0.9, wd 5e-4, batch {B} ({spe} updates/epoch), MultiStepLR {ms} (epochs) x{g} "
                  f"from lr {lr0}: overlapping classes keep the loss near its floor, a small drop at the decay "
                  f"under large minibatch noise; TensorBoard train/loss every update, NO lr tag",
                  schedule=mc.multistep_schedule(tr, info, g, "not in the log"))


# ------------------------------------------------------------------ smoothed training-loss logs


@run("fi_ema_sd_teacher_csv", "lr_decay")
def _(d):
    name, ms, g, lr0, beta = "fi_ema_sd_teacher_csv", [10, 18], 0.1, 0.05, 0.98
    tr = m4.teacher_run(name, 506, widths=(160, 160), lr=lr0, epochs=24, sched=m4.multistep(ms, g), unit="epoch")
    evs = with_lag(mc.decay_events(tr, 2 * 156, 78), ema_lag(beta), beta)
    sm = smoothed_trace(tr, beta=beta)
    info = cw.emit_generic_csv(sm, d, every=1, lr=True, metric="smooth_loss")
    return Result(sm, info, evs, f"ReLU MLP 20-160-160-10 on the teacher task (5000 examples, 156 updates/epoch), "
                  f"SGD momentum 0.9, wd 5e-4, batch 32, MultiStepLR {ms} (epochs) x{g} from lr {lr0}; per-update "
                  f"CSV whose smooth_loss is fastai's debiased EMA of the minibatch loss (beta {beta}), with lr",
                  schedule=mc.multistep_schedule(tr, info, g))


@run("fi_ema_steplr_digits_mlflow", "lr_decay")
def _(d):
    name, step_size, g, lr0, beta = "fi_ema_steplr_digits_mlflow", 20, 0.2, 0.05, 0.98
    tr = m4.digits_run(name, 507, lambda: tl.mlp(64, [128, 128], 10, "relu"),
                       lambda p: torch.optim.SGD(p, lr=lr0, momentum=0.9, weight_decay=5e-4), epochs=50,
                       sched=lambda o: torch.optim.lr_scheduler.StepLR(o, step_size, g), noise=0.1)
    spe = tr.steps_per_epoch[0]
    evs = with_lag(mc.decay_events(tr, 3 * spe, spe // 2, what=f"StepLR(step_size={step_size} epochs, gamma={g})"),
                   ema_lag(beta), beta)
    sm = smoothed_trace(tr, beta=beta)
    info = cw.emit_mlflow(sm, d, every=2, lr=True, metric="smooth_loss", experiment_name=EXPERIMENT)
    return Result(sm, info, evs, f"ReLU MLP 64-128-128-10 on digits (shift + 0.1 noise augmentation), SGD momentum "
                  f"0.9, wd 5e-4, batch 32 ({spe} updates/epoch), StepLR x{g} every {step_size} epochs from lr "
                  f"{lr0}, 50 epochs; MLflow smooth_loss = fastai's debiased EMA (beta {beta}) of the minibatch "
                  f"loss, logged every 2 updates, with learning_rate", schedule=mc.multistep_schedule(tr, info, g))


@run("fi_ema_const_adam_digits_wandb", "no_event")
def _(d):
    lr0, beta = 1e-3, 0.98
    tr = m4.digits_run("fi_ema_const_adam_digits_wandb", 508, lambda: tl.mlp(64, [128, 128], 10, "relu"),
                       lambda p: torch.optim.Adam(p, lr=lr0), epochs=40, noise=0.1, probe_every=10)
    sm = smoothed_trace(tr, beta=beta)
    info = cw.emit_wandb(sm, d, every=1, lr=True, metric="train/smooth_loss")
    return Result(sm, info, [], f"ReLU MLP 64-128-128-10 on digits (shift + 0.1 noise augmentation), Adam lr {lr0:g} "
                  f"constant, batch 32, 40 epochs; W&B history at every update, train/smooth_loss = fastai's "
                  f"debiased EMA (beta {beta}) of the minibatch loss, with train/lr", no_event=True)


@run("fi_running_sd_digits_text_nolr", "lr_decay")
def _(d):
    name, ms, g, lr0, k = "fi_running_sd_digits_text_nolr", [25, 40], 0.2, 0.05, 20
    tr = m4.digits_run(name, 509, lambda: tl.mlp(64, [160, 160], 10, "relu"),
                       lambda p: torch.optim.SGD(p, lr=lr0, momentum=0.9, weight_decay=5e-4), epochs=50,
                       sched=m4.multistep(ms, g), noise=0.15)
    spe = tr.steps_per_epoch[0]
    evs = mc.decay_events(tr, 3 * spe, spe // 2)
    sm = smoothed_trace(tr, window=k)
    info = cw.emit_text(sm, d, every=k, lr=False)
    return Result(sm, info, evs, f"ReLU MLP 64-160-160-10 on digits (shift + 0.15 noise augmentation), SGD momentum "
                  f"0.9, wd 5e-4, batch 32 ({spe} updates/epoch), MultiStepLR {ms} (epochs) x{g} from lr {lr0}; "
                  f"stdout every {k} iters printing running_loss / {k} (the mean of the last {k} minibatch losses, "
                  f"reset after each print), no lr", schedule=mc.multistep_schedule(tr, info, g, "not in the log"))


@run("fi_running_const_sgd_teacher_mlflow", "no_event")
def _(d):
    lr0, k = 0.01, 25
    tr = m4.teacher_run("fi_running_const_sgd_teacher_mlflow", 510, widths=(192, 192), lr=lr0, epochs=24)
    info = cw.emit_mlflow(tr, d, every=k, lr=True, avg=True, metric="running_loss", experiment_name=EXPERIMENT)
    return Result(tr, info, [], f"ReLU MLP 20-192-192-10 on the teacher task, SGD momentum 0.9 lr {lr0:g} constant, "
                  f"batch 32, 24 epochs; MLflow running_loss = mean of the last {k} minibatch losses, logged every "
                  f"{k} updates, with learning_rate", no_event=True)


# ------------------------------------------------------------------ lr spikes


def lr_spike_event(tr, start, n, lr0, mult, logged):
    kind, rec, pre, peak = mc.spike_kind(tr, start)
    how = (f"lr set {lr0:g} -> {lr0 * mult:g} (x{mult:g}) for updates {start}-{start + n - 1} and restored to "
           f"{lr0:g} from update {start + n} (lr read from the optimiser; {'in' if logged else 'not in'} the log); "
           f"full-training-set loss {pre:.3g} before, peak {peak:.3g}, "
           + (f"back within 10% after {rec} updates" if kind == "spike" else f"never back within 10% of {pre:.3g}"))
    return Event(start, "up", "instability", kind, 30, how, also_acceptable=["lr_restart"] if logged else [],
                 extra={"recovery_updates": rec})


@run("fi_lrspike_short_teacher_tb", "instability")
def _(d):
    start, n, lr0, mult = 1500, 5, 0.02, 20.0
    tr = m4.teacher_run("fi_lrspike_short_teacher_tb", 511, widths=(192, 192), lr=lr0, epochs=20, probe_every=10,
                        on_step={start: set_lr(lr0 * mult), start + n: set_lr(lr0)})
    ev = lr_spike_event(tr, start, n, lr0, mult, True)
    info = cw.emit_tensorboard(tr, d, every=1, lr=True)
    return Result(tr, info, [ev], f"ReLU MLP 20-192-192-10 on the teacher task, SGD momentum 0.9 wd 5e-4 at lr "
                  f"{lr0:g}, except {n} updates at x{mult:g} from update {start} (a brief lr spike); TensorBoard "
                  f"train/loss and train/lr every update (the spike shows in train/lr, so lr_restart is also "
                  f"accepted)")


@run("fi_lrspike_short_digits_text_nolr", "instability")
def _(d):
    start, n, lr0, mult = 1201, 4, 0.03, 25.0
    tr = mc.digits_relu_run("fi_lrspike_short_digits_text_nolr", 512, lr=lr0, epochs=50, dead=True,
                            on_step={start: set_lr(lr0 * mult), start + n: set_lr(lr0)})
    ev = lr_spike_event(tr, start, n, lr0, mult, False)
    xs, dead = tr.probe_series("dead_relu_frac")
    ev.how += f"; dead ReLU share {dead[xs < start][-1]:.2f} before, {dead[-1]:.2f} at the end"
    info = cw.emit_text(tr, d, every=4, lr=False)
    return Result(tr, info, [ev], f"ReLU MLP 64-128-128-10 on digits, SGD momentum 0.9 at lr {lr0:g}, except {n} "
                  f"updates at x{mult:g} from update {start} (not in the log); nanoGPT-style stdout every 4 iters, "
                  f"no lr")


@run("fi_lrspike_long_teacher_lightning_nolr", "instability")
def _(d):
    name, seed, start, n, lr0, mult = "fi_lrspike_long_teacher_lightning_nolr", 513, 1201, 150, 0.02, 30.0
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000)
    model = tl.mlp(20, [192, 192], 10, "relu")
    opt = mc.sgd(model, lr0)
    Xtr = data[0]
    tr = tl.train_classifier(name, model, data, epochs=20, batch_size=32, optimizer=opt, probe_every=10,
                             on_step={start: set_lr(lr0 * mult), start + n: set_lr(lr0)},
                             probe_extra=lambda m: {"dead_relu_frac": tl.dead_relu_fraction(m, Xtr[:1000])})
    tr.meta.update(lr0=lr0, n_val=2000, optimizer="SGD")
    ev = lr_spike_event(tr, start, n, lr0, mult, False)
    xs, dead = tr.probe_series("dead_relu_frac")
    ev.how += (f"; dead ReLU share {dead[xs < start][-1]:.2f} before, {dead[xs >= start + n][0]:.2f} when the lr "
               f"was restored, {dead[-1]:.2f} at the end")
    info = cw.emit_lightning(tr, d, every=3, lr=False)
    return Result(tr, info, [ev], f"ReLU MLP 20-192-192-10 on the teacher task, SGD momentum 0.9 wd 5e-4 at lr "
                  f"{lr0:g}, except {n} updates at x{mult:g} from update {start} (a long lr excursion, not in the "
                  f"log); Lightning CSV every 3 updates, no LearningRateMonitor")


# ------------------------------------------------------------------ cyclic lr, plateau on step evals


@run("fi_cyclic_tri_teacher_wandb", "lr_restart")
def _(d):
    base, top, half, noise = 0.002, 0.1, 500, 0.1
    tr = m4.teacher_run("fi_cyclic_tri_teacher_wandb", 514, widths=(192, 192), lr=base, epochs=20, label_noise=noise,
                        sched=lambda o: torch.optim.lr_scheduler.CyclicLR(o, base_lr=base, max_lr=top,
                                                                           step_size_up=half, mode="triangular"))
    lrs = {s["step"]: s["lr"] for s in tr.steps}
    evs = []
    for step, what in lr_turns(tr):
        if what == "floor":
            evs.append(Event(step, "up", "lr_restart", "rise", half // 2,
                             f"CyclicLR (triangular) cycle start: the lr read from the optimiser reached its floor "
                             f"{lrs[step - 1]:.3g} at update {step - 1} and rises linearly from update {step} to "
                             f"{top:g} over {half} updates; a slope change; tolerance half a phase "
                             f"(step_size_up/2)", sharp=False))
        else:
            evs.append(Event(step, "down", "warmup_end", "drop", half // 2,
                             f"CyclicLR (triangular) peak: the lr read from the optimiser reached {lrs[step - 1]:.3g} "
                             f"at update {step - 1} and falls linearly from update {step}; a slope change labelled "
                             f"as the corpus labels the end of a warmup (lr stops rising); tolerance half a phase "
                             f"(step_size_up/2)", sharp=False,
                             also_acceptable=["lr_decay"]))
    info = cw.emit_wandb(tr, d, every=4, lr=True)
    return Result(tr, info, evs, f"ReLU MLP 20-192-192-10 on the teacher task ({noise:.0%} label noise), SGD wd "
                  f"5e-4 with torch CyclicLR (triangular, base_lr {base:g}, max_lr {top:g}, step_size_up {half} "
                  f"updates, momentum cycled "
                  f"0.8-0.9), per update, 20 epochs; W&B history every 4 updates with train/lr. Every cycle start "
                  f"(lr floor) is labelled lr_restart and every peak warmup_end, both slope changes (sharp: false)",
                  schedule={"type": "cyclic_triangular", "base_lr": base, "max_lr": top, "step_size_up": half,
                            "unit": "step",
                            "floors": [int(info.axis_of(s)) for s, w in lr_turns(tr) if w == "floor"],
                            "peaks": [int(info.axis_of(s)) for s, w in lr_turns(tr) if w == "peak"]})


@run("fi_rop_evalsteps_sgd_teacher_lightning", "lr_decay")
def _(d):
    name, seed, lr0, every, factor, patience = "fi_rop_evalsteps_sgd_teacher_lightning", 515, 0.1, 100, 0.2, 4
    tl.setup(seed)
    data = tl.teacher_task(seed, n_train=5000, label_noise=0.1)
    model = tl.mlp(20, [192, 192], 10, "relu")
    opt = mc.sgd(model, lr0)
    sched = EvalPlateau(opt, model, data[2], data[3], every=every, factor=factor, patience=patience)
    tr = tl.train_classifier(name, model, data, epochs=22, batch_size=32, optimizer=opt, scheduler=sched,
                             scheduler_unit="step", probe_every=20)
    tr.meta.update(lr0=lr0, n_val=2000, optimizer="SGD")
    evs = mc.decay_events(tr, 2 * 156, 78, what=f"ReduceLROnPlateau(factor={factor}, patience={patience}) on the "
                          f"val loss measured every {every} updates")
    info = cw.emit_lightning(tr, d, every=2, lr=True, optimizer="SGD")
    ch = tt.lr_changes(tr)
    return Result(tr, info, evs, f"ReLU MLP 20-192-192-10 on the teacher task (10% label noise), SGD momentum 0.9 "
                  f"wd 5e-4 lr {lr0:g}, batch 32, ReduceLROnPlateau(factor {factor}, patience {patience}) stepped on "
                  f"the validation loss "
                  f"measured every {every} updates (not per epoch), 22 epochs; Lightning CSV every 2 updates with "
                  f"lr-SGD (step counts from 0)",
                  schedule={"milestones": [int(info.axis_of(c[0])) for c in ch], "gamma": factor, "unit": "step",
                            "lr0": lr0, "lr_values": [lr0] + [c[2] for c in ch],
                            "note": f"ReduceLROnPlateau on val loss every {every} updates: where the scheduler "
                                    f"cut the lr (not fixed in advance)"})


# ------------------------------------------------------------------ accuracy in percent


@run("fi_sd_valacc_pct_teacher_epochcsv", "lr_decay")
def _(d):
    name, ms, g, lr0, N = "fi_sd_valacc_pct_teacher_epochcsv", [20, 32], 0.1, 0.05, 4000
    tr = m4.teacher_run(name, 516, widths=(128, 128), lr=lr0, epochs=40, N=N, sched=m4.multistep(ms, g),
                        unit="epoch")
    spe = N // 32
    evs = m4.as_accuracy(mc.decay_events(tr, 2 * spe, spe // 2))
    info = emit_epoch_pct(tr, d)
    return Result(tr, info, evs, f"ReLU MLP 20-128-128-10 on the teacher task ({N} examples, {spe} updates/epoch), "
                  f"SGD momentum 0.9, wd 5e-4, batch 32, MultiStepLR {ms} (epochs) x{g} from lr {lr0}, 40 epochs; "
                  f"per-epoch CSV (epochs from 1) with lr, train_loss, val_loss and val_acc IN PERCENT (0-100, 2 "
                  f"decimals); main metric val_acc (higher is better: the lr decay is a rise, direction up)",
                  schedule=mc.multistep_schedule(tr, info, g))


# ------------------------------------------------------------------ no event: label smoothing, weight decay


@run("fi_const_ls_teacher_keras", "no_event")
def _(d):
    lr0, N = 0.02, 3000
    tr = m4.teacher_run("fi_const_ls_teacher_keras", 517, widths=(160, 160), lr=lr0, epochs=40, N=N, loss="ls01")
    info = cw.emit_keras(tr, d, lr=True)
    return Result(tr, info, [], f"ReLU MLP 20-160-160-10 on the teacher task ({N} examples), cross-entropy with "
                  f"label smoothing 0.1 (its floor is well above 0), SGD momentum 0.9 wd 5e-4 lr {lr0:g} constant, "
                  f"40 epochs; Keras CSVLogger per epoch with lr", no_event=True)


@run("fi_const_ls_digits_tb", "no_event")
def _(d):
    lr0 = 0.02
    tl.setup(518)
    data = tl.digits(518)
    model = tl.mlp(64, [128, 128], 10, "relu")
    opt = mc.sgd(model, lr0)
    tr = tl.train_classifier("fi_const_ls_digits_tb", model, data, epochs=40, batch_size=32, optimizer=opt,
                             probe_every=10, loss="ls01", augment=lambda xb: tl.shift_augment(xb, 0.1))
    tr.meta.update(lr0=lr0, n_val=297, optimizer="SGD")
    info = cw.emit_tensorboard(tr, d, every=1, lr=True)
    return Result(tr, info, [], f"ReLU MLP 64-128-128-10 on digits (shift + 0.1 noise augmentation), cross-entropy "
                  f"with label smoothing 0.1, SGD momentum 0.9 wd 5e-4 lr {lr0:g} constant, batch 32, 40 epochs; "
                  f"TensorBoard train/loss and train/lr every update", no_event=True)


@run("fi_const_wd_teacher_epochcsv_nolr", "no_event")
def _(d):
    lr0, N, wd = 0.02, 2000, 5e-3
    tr = m4.teacher_run("fi_const_wd_teacher_epochcsv_nolr", 519, widths=(128, 128), lr=lr0, epochs=50, N=N, wd=wd)
    info = cw.emit_epoch_csv(tr, d, lr=False)
    return Result(tr, info, [], f"ReLU MLP 20-128-128-10 on the teacher task ({N} examples, 62 updates/epoch), SGD "
                  f"momentum 0.9 with strong weight decay {wd:g}, lr {lr0:g} constant, 50 epochs; per-epoch CSV "
                  f"(epochs from 1: mean train loss, val loss/acc), no lr", no_event=True)


@run("fi_const_adamw_wd01_digits_lightning", "no_event")
def _(d):
    lr0 = 1e-3
    tr = m4.digits_run("fi_const_adamw_wd01_digits_lightning", 520, lambda: tl.mlp(64, [128, 128], 10, "relu"),
                       lambda p: torch.optim.AdamW(p, lr=lr0, weight_decay=0.1), epochs=40, noise=0.1, probe_every=10)
    info = cw.emit_lightning(tr, d, every=1, lr=True, optimizer="AdamW")
    return Result(tr, info, [], f"ReLU MLP 64-128-128-10 on digits (shift + 0.1 noise augmentation), AdamW lr "
                  f"{lr0:g} constant with weight decay 0.1, batch 32, 40 epochs; Lightning CSV at every update with "
                  f"lr-AdamW (step counts from 0)", no_event=True)


# ------------------------------------------------------------------ driver


NOTES = [
    "Built without running or importing curvedoc; truth from training internals only (lr read back from the "
    "optimiser at every update, injected lr changes, the full-training-set loss and accuracy, dead-ReLU share), "
    "as in the corpus.",
    "Smoothed logs: `fi_ema_*` log fastai's debiased EMA (beta 0.98) of the minibatch loss; the EMA delays a step "
    "by ln 2 / (1 - beta) = 35 updates, added to each tolerance (as benchmarks/smoothed.py does). "
    "`fi_running_*` print the mean of the last k minibatch losses every k updates (`running_loss / k`).",
    "Accuracy in percent (`fi_sd_valacc_pct_teacher_epochcsv`): `val_acc` is 0-100; the lr decay makes it rise, "
    "so its events have `direction: up`, `kind: rise`; the visibility test is run upward on the written values.",
    "Cyclic lr (`fi_cyclic_tri_teacher_wandb`): each lr floor (the lr starts climbing: `lr_restart`, up) and each "
    "peak (the lr starts falling: `warmup_end`, as the corpus labels the end of a warmup; `lr_decay` also "
    "accepted) is a slope change (`sharp: false`), found as a turning point of the lr read from the optimiser.",
    "lr spikes: the event is the first update with the raised lr; `kind` (spike or rise) comes from the "
    "full-training-set loss (make_corpus.spike_kind: back within 10% of its level before, or never). Where the "
    "lr is in the log, `lr_restart` is also accepted. The restoration of the lr is part of the same event.",
    "Small step decays (`fi_sd_small_*`): the decay is real, its effect on the noisy minibatch loss small; "
    "`visible` says whether the before/after test sees it.",
    "Label smoothing and weight decay runs are no-event runs: the loss levels off above 0; `probe rise` "
    "(`checks.max_probe_loss_rise`) is the largest ratio of the full-training-set loss to its running minimum "
    "after update 200, for runs without an upward event.",
    "Sequence-model runs: warmup ends are labelled as in the corpus (`warmup_end`, slope, `sharp: false`, "
    "tolerance max(30, warmup/4)); most of the loss fall happens during the warmup.",
]


INTRO = ("Generated by `benchmarks/make_fifth.py` with the corpus machinery (truth from training internals, "
         "same schema as benchmarks/corpus, benchmarks/holdout, benchmarks/third and benchmarks/fourth), "
         "without running curvedoc on it. Recipes and logging conditions the other sets do not have (see the "
         "generator's docstring).")


def write_index(out_root, truths, total_secs):
    mc.write_later_index(out_root, truths, total_secs, "fifth", INTRO,
                         ["", "## Notes and truth conventions", ""] + [f"- {n}" for n in NOTES])


def main(argv=None):
    return mc.set_main(argv, __doc__, RUNS, OUT, write_index)


if __name__ == "__main__":
    sys.exit(main())
