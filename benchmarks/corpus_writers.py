"""Write training traces in the log formats curvedoc reads.

Two layers:

- ``write_*``: one small function per format that lays out given values
  exactly as the real writer does (layouts from shared/research/log-formats.md:
  column order, quoting, line ends, NaN spellings, file and directory names).
  They know nothing about training.
- ``emit_*``: turn a ``Trace`` (see tools/trainlab.py) into that format's
  records: which steps are logged, which names are used, averaging over the
  logging interval where the real logger averages. Each returns a
  ``LogInfo``: the path written, the main metric's name and the exact
  ``(x, y)`` series it wrote, and the mapping from optimiser updates to the
  log's own step axis (Lightning counts from 0, Keras logs epochs, ...).

Only the TensorBoard writer needs torch (``torch.utils.tensorboard``), and it
imports it when called.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass
class LogInfo:
    log: str                      # path of the log (file or directory), relative to the run dir
    format: str
    metric: str                   # main metric, spelled as in the log
    axis: str                     # name of the x axis in the log
    x: list                       # main metric's x values as written
    y: list                       # main metric's values as written (NaN kept)
    axis_of: Callable[[int], float]   # optimiser update (1-based) -> log axis value
    interval: float               # spacing of logged points on the log axis
    lr_logged: bool
    extra: dict = field(default_factory=dict)


# ------------------------------------------------------------ value spelling


def pyfloat(v) -> str:
    """Python's repr of a float, as csv/str() writes it: nan, inf, -inf."""
    if v is None:
        return ""
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return str(int(v))
    return repr(float(v))


def f32(v) -> float:
    """A float32 value widened to a Python float (what .item() returns)."""
    return float(np.float32(v))


def _run_id(name: str, n: int = 32) -> str:
    return hashlib.md5(name.encode()).hexdigest()[:n]


# ------------------------------------------------------------ format writers


def write_generic_csv(path: str, columns: list[str], rows: list[dict]) -> None:
    """Plain CSV a custom training loop writes: header, LF, empty cell = not logged."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([pyfloat(r.get(c)) for c in columns])


def write_tensorboard(logdir: str, scalars: list[tuple]) -> None:
    """Event file through torch.utils.tensorboard.SummaryWriter (simple_value
    float32 scalars). ``scalars``: (tag, value, step, wall_time) in write order."""
    from torch.utils.tensorboard import SummaryWriter

    os.makedirs(logdir, exist_ok=True)
    w = SummaryWriter(log_dir=logdir)
    for tag, value, step, wall in scalars:
        w.add_scalar(tag, value, global_step=int(step), walltime=wall)
    w.close()


def write_trainer_state(path: str, state: dict) -> None:
    """Hugging Face Trainer: json.dumps(asdict(state), indent=2, sort_keys=True) + newline;
    non-finite floats become bare NaN/Infinity as Python's json writes them."""
    with open(path, "w") as f:
        f.write(json.dumps(state, indent=2, sort_keys=True) + "\n")


def write_lightning_csv(path: str, records: list[dict]) -> None:
    """Lightning CSVLogger metrics.csv: one row per log_metrics call, header =
    keys in order of first appearance, empty string where a key is missing."""
    keys: list[str] = []
    for r in records:
        for k in r:
            if k not in keys:
                keys.append(k)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(keys)
        for r in records:
            w.writerow([pyfloat(r[k]) if k in r else "" for k in keys])


def write_keras_csv(path: str, rows: list[dict]) -> None:
    """Keras CSVLogger: ``epoch`` then the log keys sorted, CRLF line ends,
    ``NA`` for a key missing in a row. Values must already be spelled as
    Keras spells them (str of Python floats, str of numpy float32 for lr)."""
    keys = sorted({k for r in rows for k in r})
    with open(path, "w", newline="") as f:
        w = csv.writer(f)  # default lineterminator is \r\n, as in the real files
        w.writerow(["epoch"] + keys)
        for i, r in enumerate(rows):
            w.writerow([i] + [r.get(k, "NA") for k in keys])


def write_mlflow_run(root: str, *, experiment_id: str, experiment_name: str, run_id: str,
                     run_name: str, start_ms: int, end_ms: int, metrics: dict,
                     params: dict, tags: dict, status: str = "FINISHED") -> str:
    """MLflow file store: mlruns/<exp>/meta.yaml and mlruns/<exp>/<run>/{meta.yaml,
    metrics/<key>, params/<key>, tags/<key>}. A metric file has one line
    ``<timestamp_ms> <value> <step>`` per log_metric call; keys with ``/``
    become sub-directories. Returns the run directory."""
    exp_dir = os.path.join(root, experiment_id)
    run_dir = os.path.join(exp_dir, run_id)
    os.makedirs(run_dir, exist_ok=True)
    if not os.path.exists(os.path.join(exp_dir, "meta.yaml")):
        with open(os.path.join(exp_dir, "meta.yaml"), "w") as f:
            f.write(f"artifact_location: mlflow-artifacts:/{experiment_id}\n"
                    f"creation_time: {start_ms}\nexperiment_id: '{experiment_id}'\n"
                    f"last_update_time: {start_ms}\nlifecycle_stage: active\n"
                    f"name: {experiment_name}\n")
    status_code = {"RUNNING": 1, "SCHEDULED": 2, "FINISHED": 3, "FAILED": 4, "KILLED": 5}[status]
    with open(os.path.join(run_dir, "meta.yaml"), "w") as f:
        f.write(f"artifact_uri: mlflow-artifacts:/{experiment_id}/{run_id}/artifacts\n"
                f"end_time: {end_ms}\nentry_point_name: ''\nexperiment_id: '{experiment_id}'\n"
                f"lifecycle_stage: active\nrun_id: {run_id}\nrun_name: {run_name}\n"
                f"run_uuid: {run_id}\nsource_name: ''\nsource_type: 4\nsource_version: ''\n"
                f"start_time: {start_ms}\nstatus: {status_code}\ntags: []\nuser_id: curvedoc\n")
    for sub, items in (("params", params), ("tags", tags)):
        for k, v in items.items():
            p = os.path.join(run_dir, sub, k)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write(str(v))
    for key, lines in metrics.items():
        p = os.path.join(run_dir, "metrics", key)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            for ts, value, step in lines:
                f.write(f"{int(ts)} {float(value)} {int(step)}\n")
    return run_dir


def write_wandb_history(run_dir: str, rows: list[dict], summary: dict, config: dict) -> None:
    """Legacy (<=0.9) W&B run directory: wandb-history.jsonl (one JSON object per
    committed wandb.log, sparse keys, _step/_runtime/_timestamp last),
    wandb-summary.json and config.yaml."""
    os.makedirs(run_dir, exist_ok=True)
    with open(os.path.join(run_dir, "wandb-history.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    with open(os.path.join(run_dir, "wandb-summary.json"), "w") as f:
        f.write(json.dumps(summary))
    with open(os.path.join(run_dir, "config.yaml"), "w") as f:
        f.write("wandb_version: 1\n\n")
        for k, v in config.items():
            f.write(f"{k}:\n  desc: null\n  value: {v}\n")


def write_text_log(path: str, lines: list[str]) -> None:
    """Captured stdout of a training script."""
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


# ------------------------------------------------------------ trace helpers


def _by_step(trace) -> dict:
    return {s["step"]: s for s in trace.steps}


def logged_steps(trace, every: int) -> list[int]:
    last = trace.steps[-1]["step"]
    out = [s for s in range(every, last + 1, every)]
    if trace.diverged_at and (not out or out[-1] != last) and last % every:
        out.append(last)  # a crashed run still flushes its last line
    return out


def interval_mean(trace, step: int, every: int, key: str = "loss") -> float:
    vals = [s[key] for s in trace.steps[max(0, step - every):step]]
    return float(np.mean(vals)) if vals else float("nan")


def evals_by_step(trace) -> dict:
    return {e["step"]: e for e in trace.evals}


def epoch_rows(trace) -> list[dict]:
    """Per-epoch aggregates: mean train loss/acc over the epoch's updates, the
    lr of its first update, and the eval made at its end."""
    rows, i = [], 0
    evs = {e["epoch"]: e for e in trace.evals}
    for ep, n in enumerate(trace.steps_per_epoch):
        chunk = trace.steps[i:i + n]
        i += n
        if not chunk:
            break
        r = {"epoch": ep, "loss": float(np.mean([c["loss"] for c in chunk])),
             "lr": chunk[0]["lr"], "batch_size": chunk[0]["batch_size"],
             "last_step": chunk[-1]["step"], "wall": chunk[-1]["wall"]}
        if "acc" in chunk[0]:
            r["acc"] = float(np.mean([c["acc"] for c in chunk]))
        if ep in evs:
            r.update({k: v for k, v in evs[ep].items() if k.startswith("val_")})
        rows.append(r)
    return rows


def _epoch_of_step(trace) -> Callable[[int], int]:
    starts = trace.epoch_start_steps()
    def f(step: int) -> int:
        ep = 0
        for k, s in enumerate(starts):
            if step >= s:
                ep = k
        return ep
    return f


# ------------------------------------------------------------ emitters


def emit_generic_csv(trace, run_dir: str, *, every: int = 1, lr: bool = True,
                     batch_size: bool = False, grad_norm: bool = False, avg: bool = False,
                     metric: str = "train_loss", fname: str = "metrics.csv",
                     val: bool = True) -> LogInfo:
    """Per-step CSV: step,epoch,lr,[batch_size],train_loss,[grad_norm] every
    ``every`` steps, val_loss,val_acc on the rows where an eval happened."""
    evs = evals_by_step(trace)
    by = _by_step(trace)
    cols = ["step", "epoch"] + (["lr"] if lr else []) + (["batch_size"] if batch_size else []) \
        + [metric] + (["grad_norm"] if grad_norm else [])
    has_acc = any("val_acc" in e for e in trace.evals)
    if val and trace.evals:
        cols += ["val_loss"] + (["val_acc"] if has_acc else [])
    rows, xs, ys = [], [], []
    steps = set(logged_steps(trace, every))
    eval_steps = set(evs) if val else set()
    for s in sorted(set(steps) | {e for e in eval_steps if e <= trace.steps[-1]["step"]}):
        st = by[s]
        r = {"step": s, "epoch": st["epoch"]}
        if s in steps:
            v = interval_mean(trace, s, every) if avg else st["loss"]
            r[metric] = v
            xs.append(s)
            ys.append(v)
            if lr:
                r["lr"] = st["lr"]
            if batch_size:
                r["batch_size"] = st["batch_size"]
            if grad_norm:
                r["grad_norm"] = st["grad_norm"]
        if s in eval_steps:
            r["val_loss"] = evs[s]["val_loss"]
            if has_acc:
                r["val_acc"] = evs[s]["val_acc"]
        rows.append(r)
    os.makedirs(run_dir, exist_ok=True)
    write_generic_csv(os.path.join(run_dir, fname), cols, rows)
    return LogInfo(fname, "generic_csv", metric, "step", xs, ys, lambda s: s, every, lr)


def emit_epoch_csv(trace, run_dir: str, *, lr: bool = True, fname: str = "history.csv",
                   one_based: bool = True, metric: str = "train_loss") -> LogInfo:
    """Per-epoch CSV of a custom loop: epoch (1-based),lr,train_loss,val_loss,val_acc."""
    rows = epoch_rows(trace)
    base = 1 if one_based else 0
    cols = ["epoch"] + (["lr"] if lr else []) + [metric, "val_loss", "val_acc"]
    out = [{"epoch": r["epoch"] + base, "lr": r["lr"], metric: r["loss"],
            "val_loss": r.get("val_loss"), "val_acc": r.get("val_acc")} for r in rows]
    os.makedirs(run_dir, exist_ok=True)
    write_generic_csv(os.path.join(run_dir, fname), cols, out)
    ep_of = _epoch_of_step(trace)
    return LogInfo(fname, "generic_csv", metric, "epoch", [o["epoch"] for o in out],
                   [o[metric] for o in out], lambda s: ep_of(s) + base, 1, lr)


def emit_tensorboard(trace, run_dir: str, *, every: int = 1, lr: bool = True,
                     batch_size: bool = False, grad_norm: bool = False,
                     prefix: str = "train/", val_prefix: str = "val/",
                     logdir: str = "tb", avg: bool = False) -> LogInfo:
    """TensorBoard event dir: ``train/loss`` (and ``train/lr`` ...) every
    ``every`` steps, ``val/loss``, ``val/acc`` at each eval."""
    by = _by_step(trace)
    evs = evals_by_step(trace)
    scalars, xs, ys = [], [], []
    steps = set(logged_steps(trace, every))
    for s in range(1, trace.steps[-1]["step"] + 1):
        st = by[s]
        if s in steps:
            v = interval_mean(trace, s, every) if avg else st["loss"]
            scalars.append((prefix + "loss", v, s, st["wall"]))
            xs.append(s)
            ys.append(f32(v))
            if lr:
                scalars.append((prefix + "lr", st["lr"], s, st["wall"]))
            if batch_size:
                scalars.append((prefix + "batch_size", st["batch_size"], s, st["wall"]))
            if grad_norm:
                scalars.append((prefix + "grad_norm", st["grad_norm"], s, st["wall"]))
        if s in evs:
            e = evs[s]
            scalars.append((val_prefix + "loss", e["val_loss"], s, e["wall"]))
            if "val_acc" in e:
                scalars.append((val_prefix + "acc", e["val_acc"], s, e["wall"]))
    path = os.path.join(run_dir, logdir)
    write_tensorboard(path, scalars)
    return LogInfo(logdir, "tensorboard", prefix + "loss", "step", xs, ys, lambda s: s, every, lr)


def emit_trainer_state(trace, run_dir: str, *, logging_steps: int = 10, eval_steps: int | None = None,
                       grad_norm: bool = True, train_batch_size: int = 32,
                       metric: str = "loss", fname: str = "trainer_state.json") -> LogInfo:
    """HF Trainer trainer_state.json. Training entries every logging_steps:
    loss averaged over the interval and rounded to 4 decimals, learning_rate
    after the scheduler step (= lr of the next update), epoch rounded to 2.
    Eval entries at the trace's evals (or every eval_steps)."""
    by = _by_step(trace)
    evs = evals_by_step(trace)
    last = trace.steps[-1]["step"]
    hist, xs, ys = [], [], []
    eval_at = sorted(evs) if eval_steps is None else [s for s in sorted(evs) if s % eval_steps == 0]
    eval_at = set(eval_at)
    for s in range(1, last + 1):
        st = by[s]
        if s % logging_steps == 0:
            loss = interval_mean(trace, s, logging_steps)
            loss = round(loss, 4) if math.isfinite(loss) else loss
            nxt = by.get(s + 1, st)
            e = {"epoch": round(st["epoch_float"], 2), "learning_rate": nxt["lr"],
                 "loss": loss, "step": s}
            if grad_norm:
                e["grad_norm"] = st["grad_norm"]
            hist.append(e)
            xs.append(s)
            ys.append(loss)
        if s in eval_at:
            ev = evs[s]
            runtime = 0.05 + 1e-5 * trace.meta.get("n_val", 300)
            e = {"epoch": round(st["epoch_float"], 2), "eval_loss": ev["val_loss"],
                 "eval_runtime": round(runtime, 4),
                 "eval_samples_per_second": round(trace.meta.get("n_val", 300) / runtime, 3),
                 "eval_steps_per_second": round(max(1, trace.meta.get("n_val", 300) // 64) / runtime, 3),
                 "step": s}
            if "val_acc" in ev:
                e["eval_accuracy"] = ev["val_acc"]
            hist.append(e)
    finite = [st["loss"] for st in trace.steps if math.isfinite(st["loss"])]
    runtime = trace.steps[-1]["wall"] - trace.steps[0]["wall"] + 1e-3
    n_epochs = trace.steps[-1]["epoch_float"]
    hist.append({"epoch": round(n_epochs, 2), "step": last, "total_flos": float(last * train_batch_size * 1.3e5),
                 "train_loss": float(np.mean([st["loss"] for st in trace.steps])) if len(finite) == len(trace.steps) else float("nan"),
                 "train_runtime": round(runtime, 4),
                 "train_samples_per_second": round(last * train_batch_size / runtime, 3),
                 "train_steps_per_second": round(last / runtime, 3)})
    best = None
    if evs:
        b = min(evs.values(), key=lambda e: e["val_loss"] if math.isfinite(e["val_loss"]) else float("inf"))
        best = b
    save_steps = eval_steps or logging_steps * 50
    state = {
        "best_global_step": best["step"] if best else None,
        "best_metric": best["val_loss"] if best else None,
        "best_model_checkpoint": f"out/{trace.name}/checkpoint-{best['step']}" if best else None,
        "epoch": n_epochs,
        "eval_steps": eval_steps or (min(evs) if evs else 500),
        "global_step": last,
        "is_hyper_param_search": False,
        "is_local_process_zero": True,
        "is_world_process_zero": True,
        "log_history": hist,
        "logging_steps": logging_steps,
        "max_steps": last,
        "num_input_tokens_seen": 0,
        "num_train_epochs": max(1, math.ceil(n_epochs)),
        "save_steps": save_steps,
        "stateful_callbacks": {"TrainerControl": {"args": {
            "should_epoch_stop": False, "should_evaluate": False, "should_log": False,
            "should_save": True, "should_training_stop": True}, "attributes": {}}},
        "total_flos": float(last * train_batch_size * 1.3e5),
        "train_batch_size": train_batch_size,
        "trial_name": None,
        "trial_params": None,
    }
    os.makedirs(run_dir, exist_ok=True)
    write_trainer_state(os.path.join(run_dir, fname), state)
    return LogInfo(fname, "hf_trainer_state", metric, "step", xs, ys, lambda s: s,
                   logging_steps, True)


def emit_lightning(trace, run_dir: str, *, every: int = 50, lr: bool = True,
                   optimizer: str = "SGD", metric: str = "train_loss",
                   version: int = 0, rel: str | None = None) -> LogInfo:
    """lightning_logs/version_N/metrics.csv. Lightning's step counts from 0:
    update s is logged at step s-1; LearningRateMonitor rows (``lr-SGD`` and
    step only, no epoch) precede the train row of the same step; validation
    rows carry the epoch; the loss is the single batch's (no averaging)."""
    by = _by_step(trace)
    evs = evals_by_step(trace)
    recs, xs, ys = [], [], []
    for s in range(1, trace.steps[-1]["step"] + 1):
        st = by[s]
        if s % every == 0 or (trace.diverged_at and s == trace.steps[-1]["step"]):
            if lr:
                recs.append({f"lr-{optimizer}": st["lr"], "step": s - 1})
            v = f32(st["loss"])
            recs.append({metric: v, "epoch": st["epoch"], "step": s - 1})
            xs.append(s - 1)
            ys.append(v)
        if s in evs:
            e = evs[s]
            r = {"epoch": e["epoch"], "step": s - 1, "val_loss": f32(e["val_loss"])}
            if "val_acc" in e:
                r["val_acc"] = f32(e["val_acc"])
            recs.append(r)
    # Lightning's key order is first appearance; the train dict is {metric, epoch}.
    rel = rel or os.path.join("lightning_logs", f"version_{version}", "metrics.csv")
    path = os.path.join(run_dir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_lightning_csv(path, recs)
    with open(os.path.join(os.path.dirname(path), "hparams.yaml"), "w") as f:
        f.write(f"lr: {trace.meta.get('lr0', trace.steps[0]['lr'])}\n"
                f"batch_size: {trace.steps[0]['batch_size']}\n")
    return LogInfo(rel, "lightning_csv", metric, "step", xs, ys, lambda s: s - 1, every, lr)


def emit_keras(trace, run_dir: str, *, lr: bool = True, lr_key: str = "lr",
               fname: str = "training.log", metric: str = "loss") -> LogInfo:
    """Keras CSVLogger: one row per epoch (0-based), keys sorted, CRLF; losses
    and accuracies are float32 values written as Python floats, lr as numpy
    float32 (str gives e.g. 0.00020000001)."""
    rows = epoch_rows(trace)
    out, xs, ys = [], [], []
    lr32, prev = None, None
    for r in rows:
        # Keras keeps the lr as a float32 variable and callbacks multiply it in
        # float32 (ReduceLROnPlateau: old * factor), hence 0.00020000001-style values.
        if lr32 is None:
            lr32 = np.float32(r["lr"])
        elif r["lr"] != prev:
            lr32 = np.float32(lr32 * np.float32(round(r["lr"] / prev, 9)))
        prev = r["lr"]
        row = {"loss": pyfloat(f32(r["loss"]))}
        if "val_loss" in r:
            row["val_loss"] = pyfloat(f32(r["val_loss"]))
        if "val_acc" in r:
            row["val_accuracy"] = pyfloat(f32(r["val_acc"]))
        if lr:
            row[lr_key] = str(lr32)
        out.append(row)
        xs.append(r["epoch"])
        ys.append(f32(r["loss"]) if metric == "loss" else f32(r[metric.replace("val_accuracy", "val_acc")]))
    os.makedirs(run_dir, exist_ok=True)
    write_keras_csv(os.path.join(run_dir, fname), out)
    ep_of = _epoch_of_step(trace)
    return LogInfo(fname, "keras_csv", metric, "epoch", xs, ys, ep_of, 1, lr)


def emit_mlflow(trace, run_dir: str, *, every: int = 10, lr: bool = True, lr_key: str = "learning_rate",
                metric: str = "train_loss", experiment_id: str = "1",
                experiment_name: str = "curvedoc-corpus", avg: bool = False,
                extra_metrics: tuple = ()) -> LogInfo:
    """mlruns/<exp>/<run_id>/ with metrics/<metric>, metrics/<lr_key>,
    metrics/val_loss, metrics/val_acc; timestamps in ms; step = update count."""
    by = _by_step(trace)
    run_id = _run_id(trace.name)
    m: dict[str, list] = {metric: []}
    if lr:
        m[lr_key] = []
    for key in extra_metrics:
        m[key] = []
    xs, ys = [], []
    for s in logged_steps(trace, every):
        st = by[s]
        ts = int(st["wall"] * 1000)
        v = interval_mean(trace, s, every) if avg else st["loss"]
        m[metric].append((ts, v, s))
        xs.append(s)
        ys.append(v)
        if lr:
            m[lr_key].append((ts, st["lr"], s))
        for key in extra_metrics:
            m[key].append((ts, st[key], s))
    if trace.evals:
        m["val_loss"] = [(int(e["wall"] * 1000), e["val_loss"], e["step"]) for e in trace.evals]
        if "val_acc" in trace.evals[0]:
            m["val_acc"] = [(int(e["wall"] * 1000), e["val_acc"], e["step"]) for e in trace.evals]
    params = {"lr": trace.meta.get("lr0", trace.steps[0]["lr"]),
              "batch_size": trace.steps[0]["batch_size"],
              "optimizer": trace.meta.get("optimizer", "SGD")}
    tags = {"mlflow.runName": trace.name, "mlflow.source.type": "LOCAL",
            "mlflow.source.name": "train.py", "mlflow.user": "curvedoc"}
    status = "FAILED" if trace.diverged_at else "FINISHED"
    write_mlflow_run(os.path.join(run_dir, "mlruns"), experiment_id=experiment_id,
                     experiment_name=experiment_name, run_id=run_id, run_name=trace.name,
                     start_ms=int(trace.steps[0]["wall"] * 1000), end_ms=int(trace.steps[-1]["wall"] * 1000),
                     metrics=m, params=params, tags=tags, status=status)
    rel = os.path.join("mlruns", experiment_id, run_id)
    return LogInfo(rel, "mlflow", metric, "step", xs, ys, lambda s: s, every, lr)


def emit_wandb(trace, run_dir: str, *, every: int = 10, lr: bool = True,
               metric: str = "train/loss", avg: bool = False, histogram_every: int = 0) -> LogInfo:
    """Legacy W&B run dir wandb/run-<date>-<id>/ with wandb-history.jsonl; the
    script calls wandb.log({...}, step=global_step) so _step is the update
    count; eval values are logged at the same step and land in the same row."""
    by = _by_step(trace)
    evs = evals_by_step(trace)
    t0 = trace.steps[0]["wall"] - 3.0
    rows, xs, ys = [], [], []
    steps = set(logged_steps(trace, every))
    for s in sorted(steps | set(evs)):
        if s > trace.steps[-1]["step"]:
            continue
        st = by[s]
        r: dict = {}
        if s in steps:
            v = interval_mean(trace, s, every) if avg else st["loss"]
            r[metric] = v
            xs.append(s)
            ys.append(v)
            if lr:
                r["train/lr"] = st["lr"]
            r["epoch"] = st["epoch"]
        if histogram_every and s % histogram_every == 0:
            r["gradients/hist"] = {"_type": "histogram", "values": [1, 3, 7, 3, 1],
                                   "bins": [-1.0, -0.6, -0.2, 0.2, 0.6, 1.0]}
        if s in evs:
            r["val/loss"] = evs[s]["val_loss"]
            if "val_acc" in evs[s]:
                r["val/acc"] = evs[s]["val_acc"]
        r["_runtime"] = st["wall"] - t0
        r["_timestamp"] = st["wall"]
        r["_step"] = s
        rows.append(r)
    stamp = _run_id(trace.name, 8)
    rel = os.path.join("wandb", f"run-20240305_101500-{stamp}")
    last = rows[-1]
    summary = {k: v for k, v in last.items() if not isinstance(v, dict)}
    config = {"lr": trace.meta.get("lr0", trace.steps[0]["lr"]), "batch_size": trace.steps[0]["batch_size"]}
    write_wandb_history(os.path.join(run_dir, rel), rows, summary, config)
    return LogInfo(os.path.join(rel, "wandb-history.jsonl"), "wandb_jsonl", metric, "_step",
                   xs, ys, lambda s: s, every, lr)


def emit_text(trace, run_dir: str, *, every: int = 10, lr: bool = True, eval_lines: bool = True,
              fname: str = "train.log", preamble: list[str] | None = None) -> LogInfo:
    """nanoGPT-style stdout: ``iter N: loss X, lr Y, time Zms`` (iter counts
    from 0, so update s prints as iter s-1) and ``step N: train loss A, val loss B``."""
    by = _by_step(trace)
    evs = evals_by_step(trace)
    lines = list(preamble or [])
    xs, ys = [], []
    steps = set(logged_steps(trace, every))
    prev_wall = trace.steps[0]["wall"]
    for s in range(1, trace.steps[-1]["step"] + 1):
        st = by[s]
        if eval_lines and s in evs:
            e = evs[s]
            lines.append(f"step {s - 1}: train loss {st['loss']:.4f}, val loss {e['val_loss']:.4f}")
        if s in steps:
            ms = (st["wall"] - prev_wall) * 1000 / every
            prev_wall = st["wall"]
            loss = st["loss"]
            ls = f"{loss:.4f}" if math.isfinite(loss) else str(loss)
            if lr:
                lines.append(f"iter {s - 1}: loss {ls}, lr {st['lr']:.4e}, time {ms:.2f}ms")
            else:
                lines.append(f"iter {s - 1}: loss {ls}, time {ms:.2f}ms")
            xs.append(s - 1)
            ys.append(float(ls))
    os.makedirs(run_dir, exist_ok=True)
    write_text_log(os.path.join(run_dir, fname), lines)
    return LogInfo(fname, "text", "loss", "iter", xs, ys, lambda s: s - 1, every, lr)
