"""`curvedoc info` reads every real public log and every sample log, through the CLI."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curvedoc.cli import app
from realdata import REAL_LOGS

SAMPLE_LOGS = Path(__file__).resolve().parents[1] / "sample_logs"
# Holds only final values, no series: curvedoc says so instead of inventing a run.
NOT_A_SERIES = {"wandb-summary.json"}


def log_files(root: Path) -> list[Path]:
    # Lightning's hparams.yaml beside its metrics.csv is configuration, refused as a log (test_bad_input).
    files = [p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix not in (".md", ".yaml")
             and p.name not in NOT_A_SERIES and ".profile-empty" not in p.name]
    # A TensorBoard log directory is read as one log.
    tb_dirs = sorted({p.parent for p in files if "tfevents" in p.name})
    others = [p for p in files if "tfevents" not in p.name and not any(d in p.parents for d in tb_dirs)]
    return others + tb_dirs


def log_folders(root: Path) -> dict[Path, list[Path]]:
    """Every folder under root that holds logs (a TensorBoard log directory counts as one), with its logs."""
    folders: dict[Path, list[Path]] = {}
    for log in log_files(root):
        folders.setdefault(log.parent if log.is_file() else log, []).append(log)
    return folders


def info_json(path: Path) -> dict:
    result = CliRunner().invoke(app, ["info", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", log_files(REAL_LOGS), ids=lambda p: str(p.relative_to(REAL_LOGS)))
def test_every_real_log_is_read(path):
    report = info_json(path)
    assert report["runs"]
    for run in report["runs"]:
        assert any(m["role"] == "metric" and m["n_points"] > 0 for m in run["metrics"])
        for m in run["metrics"]:
            assert m["first_step"] <= m["last_step"]


@pytest.mark.parametrize("path", log_files(SAMPLE_LOGS), ids=lambda p: str(p.relative_to(SAMPLE_LOGS)))
def test_every_sample_log_is_read(path):
    report = info_json(path)
    assert report["runs"] and all(run["metrics"] for run in report["runs"])


def test_sample_logs_exist_in_at_least_three_formats():
    formats = {run["format"] for p in log_files(SAMPLE_LOGS) for run in info_json(p)["runs"]}
    assert len(formats) >= 3, formats


def test_wandb_summary_is_refused_with_a_pointer_to_the_history():
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info",
                          str(REAL_LOGS / "wandb_offline_history_spaceinvaders" / "wandb-summary.json")],
                         capture_output=True, text=True)
    assert res.returncode == 2 and "wandb-history.jsonl" in res.stderr


def folder_cases(root: Path, single: bool) -> list[tuple[Path, list[Path]]]:
    return [(d, logs) for d, logs in sorted(log_folders(root).items()) if (len(logs) == 1) == single]


@pytest.mark.parametrize("folder,logs", folder_cases(REAL_LOGS, single=True),
                         ids=lambda p: str(p.relative_to(REAL_LOGS)) if isinstance(p, Path) else "")
def test_every_real_folder_holding_one_log_is_read_as_that_log(folder, logs):
    report = info_json(folder)
    assert report["runs"] and {run["source"] for run in report["runs"]} == {str(logs[0])}


def test_real_folder_of_tensorboard_downloads_is_one_run_with_a_series_per_tag():
    [(folder, logs)] = folder_cases(REAL_LOGS, single=False)  # the four TensorBoard CSV downloads of one run
    [run] = info_json(folder)["runs"]
    tags = {log.name.removeprefix("run-.-tag-").removesuffix(".csv") for log in logs}
    assert run["run"] == folder.name and run["format"] == "tb_csv" and run["source"] == str(folder)
    assert {m["name"] for m in run["metrics"] if m["role"] == "metric"} == tags


def test_real_folder_with_several_kinds_of_log_names_them_and_asks_for_one(tmp_path):
    for name in ("run-.-tag-epoch_loss.csv", "run-.-tag-epoch_val_loss.csv"):
        (tmp_path / name).write_bytes((REAL_LOGS / "tb_csv_kolo7_cifar10" / name).read_bytes())
    (tmp_path / "training.log").write_bytes(
        (REAL_LOGS / "keras_csvlogger_brats2020" / "training.log").read_bytes())
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(tmp_path)], capture_output=True, text=True)
    assert res.returncode == 2
    [line] = res.stderr.strip().splitlines()
    assert "several training logs" in line and "pass one of them" in line
    assert all(name in line for name in ("run-.-tag-epoch_loss.csv", "training.log"))


@pytest.mark.parametrize("folder", sorted(log_folders(SAMPLE_LOGS)), ids=lambda p: p.name)
def test_every_sample_folder_is_analysed(folder):
    [log] = log_folders(SAMPLE_LOGS)[folder]
    res = CliRunner().invoke(app, ["analyze", str(folder), "--format", "json"])
    assert res.exit_code == 0, res.output
    [run] = json.loads(res.stdout)["runs"]
    assert run["source"] == str(log) and run["run"] == folder.name and run["metrics"]
