"""PyTorch Lightning ``CSVLogger`` metrics.csv: real YOLOv3 runs and hand-made logger directories."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from curvedoc.cli import app
from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
DIVERGED = REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv"
ONECYCLE = REAL_LOGS / "lightning_yolov3_onecycle_v4" / "metrics.csv"


def cells_by_column(path: Path) -> dict[str, list[tuple[int, str]]]:
    """(step, cell) of every non-empty cell, per column, read with the csv module."""
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {name: [(int(r["step"]), r[name]) for r in rows if r[name] != ""]
            for name in rows[0] if name != "step"}


@pytest.mark.parametrize("path", [DIVERGED, ONECYCLE], ids=["diverged_v0", "onecycle_v4"])
def test_real_metrics_csv_matches_the_csv_module(path):
    expected = cells_by_column(path)
    assert sniff(path) == "lightning_csv"
    [run] = read(path)
    assert (run.format, run.step_axis, run.name) == ("lightning_csv", "step", path.parent.name)
    assert list(run.frame.columns) == list(expected)
    for name, cells in expected.items():
        series = run.series(name)
        assert series.index.tolist() == [s for s, _ in cells], name  # one point per step and column
        np.testing.assert_array_equal(series.to_numpy(), [float(c) for _, c in cells])
    assert run.role("lr-Adam") == "lr" and run.role("epoch") == "epoch"
    assert run.resumes == [] and run.warnings == []


def test_real_diverged_run_keeps_its_literal_nans():
    nan_cells = [s for s, c in cells_by_column(DIVERGED)["train_loss"] if c == "nan"]
    [run] = read(DIVERGED)
    assert nan_cells[0] == 4249 and len(nan_cells) > 200
    assert run.nan_steps["train_loss"].tolist() == nan_cells
    assert 4249 in run.nan_steps["train_loss"]
    assert run.series("train_loss").loc[599] > 190  # the spike while the lr warms up
    assert run.series("val_Class_Accuracy").index[0] == 930
    assert set(run.nan_steps) == {"train_loss"}


def test_real_onecycle_run_has_test_columns_and_no_nan():
    [run] = read(ONECYCLE)
    assert run.nan_steps == {}
    assert run.series("test_Class_Accuracy").index.tolist() == [37240]
    lr = run.series("lr-Adam")
    assert lr.idxmax() == 4649 and lr.max() == pytest.approx(8.0e-4, rel=0.01)


def test_real_diverged_run_through_the_cli_as_json():
    result = CliRunner().invoke(app, ["info", str(DIVERGED), "--format", "json"])
    assert result.exit_code == 0, result.output
    [run] = json.loads(result.stdout)["runs"]
    metrics = {m["name"]: m for m in run["metrics"]}
    expected = cells_by_column(DIVERGED)["train_loss"]
    assert metrics["train_loss"]["n_points"] == len(expected)
    assert metrics["train_loss"]["n_nonfinite"] == sum(c == "nan" for _, c in expected)
    assert metrics["lr-Adam"]["role"] == "lr"


HAND_MADE = """\
lr-SGD,lr-SGD-momentum,step,train_loss_step,epoch,val_loss,val_acc,train_loss_epoch
0.1,0.9,0,,,,,
,,0,2.30,0,,,
,,49,1.90,0,,,
,,99,1.70,0,,,
,,99,,0,1.80,0.35,
,,99,,0,,,1.95
0.01,0.9,100,,,,,
,,149,nan,1,,,
,,199,1.20,1,,,
,,199,,1,1.30,0.55,
,,199,,1,,,1.25
"""


def write_version(root: Path, n: int, text: str = HAND_MADE) -> Path:
    path = root / "lightning_logs" / f"version_{n}" / "metrics.csv"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    (path.parent / "hparams.yaml").write_text("lr: 0.1\n")
    return path


def test_sparse_rows_merge_per_step_and_names_come_from_the_version_dir(tmp_path):
    path = write_version(tmp_path, 3)
    assert sniff(path) == "lightning_csv"
    [run] = read(path)
    assert run.name == "lightning_logs/version_3"
    assert run.frame.index.tolist() == [0, 49, 99, 100, 149, 199]
    assert run.frame.loc[99, ["train_loss_step", "val_loss", "val_acc", "train_loss_epoch"]].tolist() == \
        [1.70, 1.80, 0.35, 1.95]
    assert run.series("lr-SGD").tolist() == [0.1, 0.01]
    assert run.role("lr-SGD") == "lr" and run.role("lr-SGD-momentum") == "other"
    assert run.role("train_loss_step") == run.role("train_loss_epoch") == "metric"
    assert run.nan_steps["train_loss_step"].tolist() == [149]


def test_a_version_dir_and_a_lightning_logs_dir(tmp_path):
    write_version(tmp_path, 0)
    write_version(tmp_path, 1, HAND_MADE.replace("2.30", "2.40"))
    assert sniff(tmp_path / "lightning_logs" / "version_1") == "lightning_csv"
    [one] = read(tmp_path / "lightning_logs" / "version_1")
    assert one.series("train_loss_step")[0] == 2.40
    runs = read(tmp_path / "lightning_logs")
    assert [r.name for r in runs] == ["lightning_logs/version_0", "lightning_logs/version_1"]


def test_a_version_that_does_not_read_is_named_and_the_others_are_read(tmp_path):
    # A run stopped before its first rows (an empty or header-only metrics.csv beside good
    # versions) made the whole lightning_logs folder "header only, no data rows".
    write_version(tmp_path, 0, "")
    write_version(tmp_path, 1)
    write_version(tmp_path, 10, "step,train_loss_step,epoch\n")
    runs = read(tmp_path / "lightning_logs")
    assert [r.name for r in runs] == ["lightning_logs/version_1"]
    assert runs[0].warnings == ["lightning_logs/version_0 not read: the file is empty",
                                "lightning_logs/version_10 not read: header only, no data rows"]
    with pytest.raises(CurvedocError, match="header only"):
        read(tmp_path / "lightning_logs" / "version_10")  # named alone, it is still refused


def test_rows_wider_than_the_header_are_counted_not_silently_dropped(tmp_path):
    text = "step,train_loss,epoch\n0,2.0,0\n10,1.9,0\n20,1.8,0,0.5\n30,1.7,0\n"
    [run] = read(write_version(tmp_path, 0, text))
    assert run.frame.index.tolist() == [0, 10, 30]
    assert "1 malformed rows skipped (more fields than the header)" in run.warnings


def test_directory_without_metrics_is_refused(tmp_path):
    from curvedoc.readers.lightning import read as read_lightning

    with pytest.raises(CurvedocError, match="no metrics.csv"):
        read_lightning(tmp_path)


def test_a_test_row_written_at_step_0_after_training_is_no_resume(tmp_path):
    # trainer.test() on a fresh Trainer sharing the logger writes its row at step 0 after the
    # training rows. Read as a resume it kept one step of 120: the training loss that went NaN at
    # step 800 was gone, and `check` passed the diverged run.
    rows = ["epoch,step,test_acc,test_loss,train_loss,val_loss"]
    for k in range(120):
        step = 10 * k
        loss = "nan" if step >= 800 else f"{2.6 * 0.97 ** k:.4f}"
        rows.append(f"{step // 100},{step},,,{loss},")
        if step % 100 == 90:
            rows.append(f"{step // 100},{step},,,,{2.7 * 0.97 ** k:.4f}")
    rows.append("0,0,0.11,nan,,")
    log = tmp_path / "lightning_logs" / "version_0" / "metrics.csv"
    log.parent.mkdir(parents=True)
    log.write_text("\n".join(rows) + "\n")
    [run] = read(log.parent)
    assert run.frame.index[-1] == 1190 and run.series("train_loss").notna().sum() == 80
    assert run.series("test_acc").dropna().to_dict() == {0: 0.11}
    assert run.resumes == []
    assert run.warnings == ["rows whose steps go back log other series than the rows they go back over "
                            "(evaluations appended after training): read in step order, no resume"]
    result = CliRunner().invoke(app, ["check", str(log.parent)])
    assert result.exit_code == 1 and "train_loss: step 800: divergence" in result.stdout
    # A resume logs the same series again: still a resume.
    log.write_text("\n".join(rows[:-1] + ["0,600,,,1.0,"]) + "\n")
    [run] = read(log.parent)
    assert run.frame.index[-1] == 600 and [r.step for r in run.resumes] == [600]


def test_a_version_resuming_the_one_before_and_a_version_with_no_rows_are_said(tmp_path):
    # Resuming from a checkpoint opens version_1, which logs on from the checkpoint's step, inside
    # version_0's steps: read as two unrelated runs without a word, version_0 getting its own
    # verdict. A version holding only hparams.yaml (stopped before its first flush) was passed over.
    def rows(steps, level):
        return "step,epoch,train_loss\n" + "".join(f"{s},{s // 100},{level / (1 + s / 500):.4f}\n" for s in steps)

    write_version(tmp_path, 0, rows(range(9, 1250, 10), 2.0))
    write_version(tmp_path, 1, rows(range(1009, 3000, 10), 2.0))
    write_version(tmp_path, 2, rows(range(9, 500, 10), 3.0))  # a fresh run from step 0
    (tmp_path / "lightning_logs" / "version_3").mkdir()
    (tmp_path / "lightning_logs" / "version_3" / "hparams.yaml").write_text("lr: 0.1\n")
    runs = read(tmp_path / "lightning_logs")
    assert [r.name for r in runs] == [f"lightning_logs/version_{n}" for n in range(3)]
    assert runs[0].warnings == ["version_3: no metrics.csv (a run stopped before its first rows were written)"]
    assert runs[1].warnings == ["starts at step 1009, inside lightning_logs/version_0's steps 9-1249: resumed from "
                                "one of its checkpoints? read as a run of its own"]
    assert runs[2].warnings == []


def test_versions_the_logger_was_given_names_for_are_read_beside_numbered_ones(tmp_path):
    # CSVLogger(version="seed42") writes lightning_logs/seed42/: it was passed over beside version_0, and
    # `check` on the project passed a diverged run; alone, the folder was "no training logs".
    logs = tmp_path / "lightning_logs"
    for name, source in (("version_0", ONECYCLE), ("seed42", DIVERGED)):
        (logs / name).mkdir(parents=True)
        (logs / name / "metrics.csv").write_bytes(source.read_bytes())
    runs = read(tmp_path)
    assert [r.name for r in runs] == ["lightning_logs/version_0", "lightning_logs/seed42"]
    res = CliRunner().invoke(app, ["check", str(tmp_path), "--select", "no-divergence"])
    assert res.exit_code == 1 and "seed42/metrics.csv: " in res.output, res.output
    # Named versions only: told by the folder's name, or elsewhere by the hparams.yaml beside each.
    (logs / "version_0" / "metrics.csv").unlink()
    (logs / "version_0").rmdir()
    assert [r.name for r in read(tmp_path)] == ["lightning_logs/seed42"]
    other = tmp_path / "logs"
    logs.rename(other)
    with pytest.raises(CurvedocError):
        read(other)  # a folder of CSVs, each in its own folder, is no logger's
    (other / "seed42" / "hparams.yaml").write_text("lr: 0.01\n")
    assert sniff(other) == "lightning_csv" and [r.name for r in read(other)] == ["seed42"]
