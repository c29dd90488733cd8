"""Parquet: a W&B run's full history artifact, and DataFrame.to_parquet dumps."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from curvedoc.analysis import analyze
from curvedoc.readers import read, sniff


def wandb_history(path, n=3000):
    """What W&B keeps as a run's history: a row per wandb.log commit, null where a key was not logged."""
    step = np.arange(n)
    loss = (2.0 / np.sqrt(step + 1) * np.where(step >= 1500, 0.3, 1.0)).tolist()
    loss[n - 100:] = [float("nan")] * 100  # logged NaN: the run diverged there and never came back
    val = [1.0 / (s + 1) if s % 100 == 0 else None for s in step]
    media = [{"_type": "image-file", "path": f"media/{s}.png"} if s % 500 == 0 else None for s in step]
    table = pa.table({"_step": step, "_runtime": step * 0.1, "_timestamp": 1.7e9 + step * 0.1,
                      "train/loss": loss, "train/lr": np.where(step >= 1500, 0.01, 0.1),
                      "val/loss": pa.array(val, pa.float64()), "examples": pa.array(media)})
    pq.write_table(table, path)
    return path


def test_a_wandb_history_artifact_keeps_nulls_apart_from_a_logged_nan(tmp_path):
    path = wandb_history(tmp_path / "0000.parquet")
    assert sniff(path) == "parquet"
    [run] = read(path)
    assert run.step_axis == "step" and run.frame.index.tolist() == list(range(3000))
    assert run.role("_runtime") == "wall_time" and run.role("train/lr") == "lr"
    assert run.series("val/loss").index.tolist() == list(range(0, 3000, 100))  # nulls are not logged
    assert list(run.nan_steps["train/loss"]) == list(range(2900, 3000))
    assert "examples" not in run.frame.columns
    [ra] = analyze(path, metrics=["train/loss"])
    assert [(e.kind, e.step, e.label) for e in ra.metrics[0].events] == [
        ("drop", 1500, "lr_decay"), ("divergence", 2900, "instability")]


def test_a_dataframe_saved_with_its_step_as_the_index(tmp_path):
    path = tmp_path / "history.parquet"
    frame = pd.DataFrame({"loss": 2.0 / np.arange(1, 101), "accuracy": np.linspace(0.1, 0.9, 100)},
                         index=pd.Index(np.arange(0, 1000, 10), name="step"))
    frame.to_parquet(path)
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(0, 1000, 10)) and run.warnings == []
    assert list(run.frame.columns) == ["loss", "accuracy"]


def test_a_damaged_parquet_file_is_one_clear_line(tmp_path):
    path = wandb_history(tmp_path / "history.parquet", n=200)
    path.write_bytes(path.read_bytes()[:-40])  # cut: its footer is gone
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(path)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1
    assert res.stderr.endswith("history.parquet: a Parquet file cut short (its footer is missing): written while "
                               "training?\n")


def test_a_csv_forced_as_parquet_is_named_not_parquet(tmp_path):
    # It was "a Parquet file cut short (its footer is missing)", which a CSV never was.
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n" + "".join(f"{s},{1 / s:.4f}\n" for s in range(1, 50)))
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", "--log-format", "parquet", str(path)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2 and res.stderr.endswith("log.csv: not a Parquet file (it does not begin with PAR1)\n")
