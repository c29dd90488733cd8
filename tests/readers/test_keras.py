"""Keras ``CSVLogger``: the real BraTS2020 log and hand-written files in the writer's exact layout."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from curvedoc.cli import app
from curvedoc.readers import read, sniff

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
BRATS = REAL_LOGS / "keras_csvlogger_brats2020" / "training.log"


def csv_logger(path: Path, epochs: list[dict], separator: str = ",", append: bool = False) -> Path:
    """What CSVLogger writes: ``epoch`` then the keys sorted, ``NA`` for a missing key, CRLF."""
    keys = sorted({k for e in epochs for k in e if k != "_epoch"})
    with open(path, "a" if append else "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["epoch", *keys], delimiter=separator)
        if not append:
            writer.writeheader()
        for n, logs in enumerate(epochs):
            row = {"epoch": logs.get("_epoch", n)}
            row.update({k: logs.get(k, "NA") for k in keys})
            writer.writerow(row)
    return path


def test_real_brats_log_matches_the_csv_module():
    raw = BRATS.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") == 25
    with open(BRATS, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sniff(BRATS) == "keras_csv"
    [run] = read(BRATS)
    assert (run.format, run.step_axis, run.name) == ("keras_csv", "epoch", "keras_csvlogger_brats2020")
    assert run.frame.index.tolist() == [int(r["epoch"]) for r in rows] == list(range(24))
    assert list(run.frame.columns) == [k for k in rows[0] if k != "epoch"]
    for name in run.frame.columns:
        np.testing.assert_array_equal(run.series(name).to_numpy(), [float(r[name]) for r in rows])
    lr = run.series("lr")
    assert run.role("lr") == "lr"
    assert lr[3] == 0.001 and lr[4] == pytest.approx(0.0002) and lr[23] == 1e-06
    assert run.warnings == [] and run.nan_steps == {}


def test_real_brats_log_through_the_cli_as_json():
    result = CliRunner().invoke(app, ["info", str(BRATS), "--format", "json"])
    assert result.exit_code == 0, result.output
    [run] = json.loads(result.stdout)["runs"]
    assert run["step_axis"] == "epoch"
    metrics = {m["name"]: m for m in run["metrics"]}
    assert metrics["val_loss"]["n_points"] == 24 and metrics["lr"]["role"] == "lr"
    assert metrics["loss"]["first_step"] == 0 and metrics["loss"]["last_step"] == 23


def test_na_is_missing_and_nan_is_logged(tmp_path):
    epochs = [{"loss": 1.0, "accuracy": 0.5}, {"loss": 0.8, "accuracy": 0.6, "lr": 0.01},
              {"loss": float("nan"), "accuracy": 0.1, "lr": 0.01}]
    path = csv_logger(tmp_path / "training.log", epochs)
    assert b"NA" in path.read_bytes() and b"\r\n" in path.read_bytes()
    assert sniff(path) == "keras_csv"
    [run] = read(path)
    assert run.series("lr").index.tolist() == [1, 2]
    assert run.nan_steps["loss"].tolist() == [2]
    assert run.name == tmp_path.name


def test_a_loops_own_csv_of_a_capitalised_epoch_through_the_csv_module_is_read(tmp_path):
    # A script writing its own log with the csv module (CRLF, as CSVLogger's) under "Epoch", its values
    # named "Training Loss" and "Validation Loss" beside a text column: taken for a Keras log by its line
    # ends and refused there ("no 'epoch' column"), exit 2, with no way to read it.
    path = tmp_path / "training_log.csv"
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Epoch", "Training Loss", "Validation Loss", "Learnable Weights"])
        for epoch in range(1, 21):
            writer.writerow([epoch, 4.0 * epoch ** -1.5, 1.9 * epoch ** -1.4, "[0.5, 0.5]"])
    [run] = read(path)
    assert run.step_axis == "epoch" and run.series("Training Loss").index.tolist() == list(range(1, 21))
    assert run.series("Validation Loss")[2] == pytest.approx(1.9 * 2 ** -1.4)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output


def test_append_after_a_restart_keeps_the_later_epochs(tmp_path):
    path = csv_logger(tmp_path / "history.csv", [{"loss": 3.0 - n * 0.5, "val_loss": 3.2 - n * 0.5}
                                                 for n in range(4)])
    csv_logger(path, [{"_epoch": 2, "loss": 1.9, "val_loss": 2.1}, {"_epoch": 3, "loss": 1.4, "val_loss": 1.6},
                      {"_epoch": 4, "loss": 1.0, "val_loss": 1.2}], append=True)
    [run] = read(path)
    assert run.frame.index.tolist() == [0, 1, 2, 3, 4]
    assert run.series("loss").tolist() == [3.0, 2.5, 1.9, 1.4, 1.0]
    assert [(r.step, r.replaced) for r in run.resumes] == [(2, 4)]
    assert any("steps go back to 2" in w for w in run.warnings)


@pytest.mark.parametrize("separator", [";", "|", "\t"])
def test_custom_separators(tmp_path, separator):
    epochs = [{"loss": 1.0 / (n + 1), "learning_rate": 0.001, "val_loss": 1.1 / (n + 1)} for n in range(6)]
    path = csv_logger(tmp_path / "run1.log", epochs, separator=separator)
    assert sniff(path) == "keras_csv"
    [run] = read(path)
    assert list(run.frame.columns) == ["learning_rate", "loss", "val_loss"]
    assert run.role("learning_rate") == "lr" and run.name == "run1"
    assert run.series("val_loss").tolist() == [1.1 / (n + 1) for n in range(6)]


@pytest.mark.parametrize("name", ["training.log", "history.csv"])
def test_a_pipe_separated_log_whose_line_ends_a_checkout_turned_to_lf_is_still_keras(tmp_path, name):
    # git with autocrlf, or an editor, writes CSVLogger's CRLF back as LF: "epoch|loss|..." was then
    # refused as a text log with no training record.
    epochs = [{"loss": 1.0 / (n + 1), "lr": 0.1, "val_loss": 1.1 / (n + 1)} for n in range(6)]
    path = csv_logger(tmp_path / name, epochs, separator="|")
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    assert sniff(path) == "keras_csv"
    [run] = read(path)
    assert run.series("val_loss").tolist() == [1.1 / (n + 1) for n in range(6)]


def test_older_keras_acc_names_and_no_lr(tmp_path):
    path = csv_logger(tmp_path / "log.csv", [{"acc": 0.5, "loss": 1.0, "val_acc": 0.4, "val_loss": 1.2},
                                             {"acc": 0.7, "loss": 0.6, "val_acc": 0.6, "val_loss": 0.9}])
    [run] = read(path, "keras_csv")
    assert list(run.frame.columns) == ["acc", "loss", "val_acc", "val_loss"]
    assert run.columns_with_role("lr") == []


def _brats_rows() -> tuple[str, list[str]]:
    header, *rows = BRATS.read_text().splitlines()
    return header, rows


def _renumbered(rows: list[str], first: int) -> list[str]:
    return [f"{first + n},{row.split(',', 1)[1]}" for n, row in enumerate(rows)]


def test_a_second_fit_without_initial_epoch_carries_on_the_same_model(tmp_path):
    # The real BraTS run cut in two, the second half written as a second fit() appending to the
    # same CSVLogger without initial_epoch: its epochs start at 0 again. Its loss carries on from
    # epoch 11, far below epoch 0's, so the halves are one run, not a resume that replaces the first.
    header, rows = _brats_rows()
    path = tmp_path / "training.log"
    path.write_text("\r\n".join([header, *rows[:12], *_renumbered(rows[12:], 0)]) + "\r\n")
    [run] = read(path)
    [whole] = read(BRATS)
    assert run.frame.index.tolist() == list(range(24))
    assert np.array_equal(run.series("loss").to_numpy(), whole.series("loss").to_numpy())
    assert run.resumes == [] and any("renumbered from 12" in w for w in run.warnings)
    # Where the second fit() starts is said as a restart is, for the explanation of a setback there.
    assert run.restarts == [12]


def test_the_same_script_run_again_into_the_same_log_is_still_a_restart(tmp_path):
    # Run from scratch a second time, appending: the new epoch 0 stands where the old one did,
    # not where training had got to. The later values replace the earlier, as for any resume.
    header, rows = _brats_rows()
    path = tmp_path / "training.log"
    path.write_text("\r\n".join([header, *rows, *rows[:10]]) + "\r\n")
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(10))
    assert [r.step for r in run.resumes] == [0]
    assert not any("renumbered" in w for w in run.warnings)


def test_a_second_fit_appended_with_one_more_key_is_named_as_such(tmp_path):
    # CSVLogger(append=True) writes no second header: when the next fit() logs one more key (a
    # metric added), its rows are one field wider than the header and are skipped. The warning
    # said "malformed rows", which hid that a whole second run was left out.
    first = "".join(f"{e},{1 / (e + 1):.4f},{1.2 / (e + 1):.4f}\n" for e in range(10))
    second = "".join(f"{e},{0.9:.1f},{0.1 / (e + 1):.4f},{0.12 / (e + 1):.4f}\n" for e in range(10, 40))
    log = tmp_path / "training.log"
    log.write_text("epoch,loss,val_loss\n" + first + second)
    [run] = read(log)
    assert "30 malformed rows skipped (more fields than the header; a run appended with more columns and no " \
           "header of its own?)" in run.warnings



def test_a_second_fit_appended_with_fewer_keys_is_set_aside_not_read_under_the_first_fits_names(tmp_path):
    # CSVLogger(append=True) writes no header for the next fit(), here one without validation that
    # gained ReduceLROnPlateau: its rows (epoch, loss, lr) are narrower than the header, and pandas put
    # them under its first names: the loss read as the accuracy (a false "collapse" in check) and the
    # LR as the loss, without a word.
    first = [{"accuracy": 0.2 + 0.6 * (1 - np.exp(-e / 6)), "loss": 2.3 * np.exp(-e / 7) + 0.3,
              "val_accuracy": 0.1 + 0.7 * (1 - np.exp(-e / 6)), "val_loss": 2.5 * np.exp(-e / 7) + 0.35}
             for e in range(20)]
    second = [{"_epoch": e, "loss": 0.46 * np.exp(-(e - 20) / 30), "lr": 0.001} for e in range(20, 40)]
    log = csv_logger(tmp_path / "training.log", first)
    csv_logger(log, second, append=True)
    [run] = read(log)
    assert list(run.frame.columns) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert run.frame.index.tolist() == list(range(20))
    assert run.series("accuracy").iloc[-1] == pytest.approx(first[-1]["accuracy"])
    assert run.series("loss").iloc[-1] == pytest.approx(first[-1]["loss"])
    row = log.read_text().splitlines()[21]
    assert row.startswith("20,0.46,")
    assert (f"20 malformed rows skipped (fewer fields than the header, the first on line 22: {row!r}; a run appended "
            "with other columns and no header of its own? Read, their values would fall under other columns' names)"
            ) in run.warnings
