"""TensorBoard dashboard downloads (CSV and JSON), real files and hand-made ones."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curvedoc.cli import app
from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff
from curvedoc.readers.tb_download import read_tb_csv, read_tb_json, run_and_tag

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
CIFAR10 = REAL_LOGS / "tb_csv_kolo7_cifar10"
VGG16 = REAL_LOGS / "tb_csv_kolo7_vgg16" / "run-.-tag-epoch_val_accuracy.csv"


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def keep_later(pairs):
    """TensorBoard's purge by hand: a step that goes back drops what was logged at or after it."""
    kept: dict[int, float] = {}
    for step, value in pairs:
        kept = {s: v for s, v in kept.items() if s < step}
        kept[step] = value
    return kept


@pytest.mark.parametrize("tag", ["epoch_loss", "epoch_val_loss", "epoch_accuracy", "epoch_val_accuracy"])
def test_real_cifar10_downloads_match_the_csv_module(tag):
    path = CIFAR10 / f"run-.-tag-{tag}.csv"
    rows = csv_rows(path)
    assert sniff(path) == "tb_csv"
    [run] = read(path)
    assert (run.name, run.format, run.source) == (".", "tb_csv", str(path))
    assert list(run.frame.columns) == [tag, "wall_time"]
    series = run.series(tag)
    assert len(series) == len(rows) == 30
    assert series.index.tolist() == [int(r["Step"]) for r in rows]
    assert series.tolist() == [float(r["Value"]) for r in rows]
    assert run.series("wall_time").tolist() == [float(r["Wall time"]) for r in rows]
    assert run.role("wall_time") == "wall_time"
    assert run.warnings == []


def test_real_vgg16_concatenated_resumes_are_numbered_on_into_one_run():
    # 28 exports of one training resumed again and again, each counting its epochs from 0 and
    # each carrying on from where the last left off (val accuracy 0.10 -> 0.35 in the first, on
    # from 0.35 in the second ...). Read as resumes, the last export replaced the rest: 30 epochs
    # of 742, and the collapse to 0.39 in the 22nd export was gone.
    rows = csv_rows(VGG16)
    pairs = [(int(r["Step"]), float(r["Value"])) for r in rows]
    go_backs = sum(b < a for (a, _), (b, _) in zip(pairs, pairs[1:]))
    assert len(rows) == 743 and go_backs == 26  # 28 exports; one starts at the step the last one-row export had
    assert all(b == 0 for (a, _), (b, _) in zip(pairs, pairs[1:]) if b < a)
    assert sniff(VGG16) == "tb_csv"
    [run] = read(VGG16)
    series = run.series("epoch_val_accuracy")
    numbered, offset, last = {}, 0, None
    for step, value in pairs:
        if last is not None and step + offset < last:
            offset = last + 1 - step
        last = step + offset
        numbered[last] = value  # the one-row export's step logged again: the later value
    assert series.to_dict() == numbered and len(series) == 742
    assert list(run.frame.columns) == ["epoch_val_accuracy"]  # the author deleted Wall time
    assert run.resumes == [] and len(run.restarts) == go_backs
    [said] = [w for w in run.warnings if "start again" in w]
    assert said.startswith(f"steps start again at the first step {go_backs} times (after 29, 59, 89, 119, 149, ...)")
    assert series.min() < 0.4 and series.iloc[-1] == pairs[-1][1]


def test_run_and_tag_from_tensorboards_file_name():
    assert run_and_tag(Path("run-.-tag-epoch_loss.csv")) == (".", "epoch_loss")
    assert run_and_tag(Path("run-20221111-163248_train-tag-epoch_accuracy.csv")) == (
        "20221111-163248_train", "epoch_accuracy")
    assert run_and_tag(Path("run-run-0_validation-tag-epoch_accuracy.json")) == ("run-0_validation",
                                                                              "epoch_accuracy")
    assert run_and_tag(Path("loss.csv")) == ("loss", "loss")


def test_hand_edited_step_value_csv_with_crlf_bom_and_nan(tmp_path):
    path = tmp_path / "run-train-tag-train_loss.csv"
    path.write_bytes("\ufeffStep,Value\r\n0,2.5\r\n10,nan\r\n20,inf\r\n30,0.5\r\n".encode())
    assert sniff(path) == "tb_csv"
    [run] = read_tb_csv(path)
    assert run.name == "train"
    series = run.series("train_loss")
    assert series.index.tolist() == [0, 10, 20, 30]
    assert series.iloc[0] == 2.5 and math.isnan(series.iloc[1]) and series.iloc[2] == math.inf
    assert run.nan_steps["train_loss"].tolist() == [10]
    assert run.warnings == ["no wall time column (hand-edited download?)"]


@pytest.mark.parametrize("text,warning", [
    ("Wall time,Step,Value\n1.0,0,2.5\n2.0,1,2.0\n3.0,2,1.", "the last line has no line end"),
    ("Wall time,Step,Value\n1.0,0,2.5\n2.0,1,2.0\n3.0,2", "the last line was cut mid-write"),
    ("Wall time,Step,Value\n1.0,0,2.5\n2.0,1,2.0,9,9\n3.0,2,1.5\n",
     "1 malformed rows skipped (more fields than the header)"),
    ("Wall time,Step,Value,Value\n1.0,0,2.5,2.4\n2.0,1,2.0,1.9\n",
     "column name 'Value' appears 2 times: read as Value, Value.1"),
    ("Wall time,Step,Value\n1.0,0,2.5\nWall time,Step,Value\n2.0,1,2.0\n", "1 repeated header row skipped"),
    ("Wall time;Step;Value\n1,0;0;2,5\n2,0;1;2,0\n", "column 'Value': decimal commas read as decimal points"),
])
def test_what_the_table_reader_skipped_or_renamed_is_said(tmp_path, text, warning):
    path = tmp_path / "run-train-tag-loss.csv"
    path.write_text(text)
    [run] = read(path)
    assert sniff(path) == "tb_csv" and len(run.series("loss")) >= 2
    assert any(w.startswith(warning) for w in run.warnings), run.warnings


def test_a_full_dashboard_sample_is_flagged(tmp_path):
    path = tmp_path / "run-.-tag-loss.csv"
    steps = sorted(set(range(0, 100_000, 37)))[:999] + [99_999]  # irregular, as a reservoir sample is
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Wall time", "Step", "Value"])
        writer.writerows((1e9 + s, s, 1.0 / (s + 1)) for s in steps)
    [run] = read(path)
    assert len(run.series("loss")) == 1000
    assert any("sample" in w and "1000" in w for w in run.warnings)


def test_json_download_with_bare_nan_and_infinity(tmp_path):
    rows = [[1589012062.531689, 0, 2.3], [1589012157.07793, 1, float("nan")], [1589012250.5, 2, float("inf")],
            [1589012350.25, 3, 1.5]]
    path = tmp_path / "run-validation-tag-epoch_loss.json"
    path.write_text(json.dumps(rows))  # Python writes NaN / Infinity as bare tokens, as TensorBoard does
    assert "NaN" in path.read_text() and "Infinity" in path.read_text()
    assert sniff(path) == "tb_json"
    [run] = read(path)
    assert (run.name, run.format) == ("validation", "tb_json")
    series = run.series("epoch_loss")
    assert series.index.tolist() == [0, 1, 2, 3]
    assert series.iloc[0] == 2.3 and math.isnan(series.iloc[1]) and series.iloc[2] == math.inf
    assert run.nan_steps["epoch_loss"].tolist() == [1]
    assert run.series("wall_time").tolist() == [r[0] for r in rows]
    assert run.warnings == []


def test_json_download_restart_uses_keep_later(tmp_path):
    rows = [[1.0 + i, s, float(v)] for i, (s, v) in enumerate([(0, 5), (1, 4), (2, 3), (1, 9), (2, 8)])]
    path = tmp_path / "run-.-tag-loss.json"
    path.write_text(json.dumps(rows))
    [run] = read_tb_json(path)
    assert run.series("loss").to_dict() == {0: 5.0, 1: 9.0, 2: 8.0}
    assert run.warnings == ["steps go back to 1: later values kept, 2 points replaced"]


@pytest.mark.parametrize("text", ["[]", '{"a": 1}', "[[1, 2]]", '[[1, 0, "x"]]', "[[1, 0.5, 2]]", "[[1, 0, 2"])
def test_json_download_of_the_wrong_shape_is_refused(tmp_path, text):
    path = tmp_path / "run-.-tag-loss.json"
    path.write_text(text)
    with pytest.raises(CurvedocError):
        read(path, "tb_json")


def test_csv_without_step_or_value_is_refused(tmp_path):
    path = tmp_path / "run-.-tag-loss.csv"
    path.write_text("Wall time,Iteration,Loss\n1.0,0,2.0\n")
    with pytest.raises(CurvedocError, match="Wall time,Step,Value"):
        read(path, "tb_csv")


def test_cli_info_json_and_bad_input(tmp_path):
    ok = CliRunner().invoke(app, ["info", str(VGG16), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    [run] = json.loads(ok.stdout)["runs"]
    assert run["format"] == "tb_csv"
    assert [(m["name"], m["n_points"]) for m in run["metrics"]] == [("epoch_val_accuracy", 742)]
    assert any("26 times" in w for w in run["warnings"])

    bad = tmp_path / "run-.-tag-loss.json"
    bad.write_text("[[1, 0.5, 2]]")
    result = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(bad)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "fractional" in result.stderr


def test_a_folder_of_downloads_is_a_run_per_run_name_with_a_series_per_tag(tmp_path):
    # The dashboard saves one file per run and tag; CSV and JSON may sit side by side.
    def write_csv(name, rows):
        (tmp_path / name).write_text("Wall time,Step,Value\n" + "".join(f"{1e9 + s},{s},{v}\n" for s, v in rows))
    write_csv("run-train-tag-epoch_loss.csv", [(s, 2.0 / (s + 1)) for s in range(10)])
    write_csv("run-validation-tag-epoch_loss.csv", [(s, 2.2 / (s + 1)) for s in range(0, 10, 2)])
    (tmp_path / "run-train-tag-epoch_accuracy.json").write_text(json.dumps([[1e9 + s, s, s / 10] for s in range(10)]))
    (tmp_path / "notes.md").write_text("what I changed\n")
    write_csv("run-baseline-tag-epoch_loss.csv", [(s, 2.5 / (s + 1)) for s in range(10)])
    assert sniff(tmp_path) == "tb_csv"
    baseline, keras = sorted(read(tmp_path), key=lambda r: r.name)
    assert baseline.name == "baseline" and set(baseline.frame.columns) == {"epoch_loss", "wall_time"}
    # Keras's train and validation runs, under the same tags, are one run named by their folder.
    assert keras.name == tmp_path.name
    assert set(keras.frame.columns) == {"train/epoch_loss", "train/epoch_accuracy", "validation/epoch_loss",
                                        "wall_time"}
    assert keras.series("validation/epoch_loss").index.tolist() == [0, 2, 4, 6, 8]


def test_keras_downloads_of_a_timestamped_run_are_one_run(tmp_path):
    # The dashboard joins the run's path with "_": logs/fit/20221111-163248/train gives
    # run-fit_20221111-163248_train-tag-epoch_loss.csv.
    for split, scale in (("train", 1.0), ("validation", 1.2)):
        (tmp_path / f"run-fit_20221111-163248_{split}-tag-epoch_loss.csv").write_text(
            "Wall time,Step,Value\n" + "".join(f"{1e9 + s},{s},{scale / (s + 1)}\n" for s in range(12)))
    [run] = read(tmp_path)
    assert run.name == "fit_20221111-163248"
    assert run.series("validation/epoch_loss").tolist()[:2] == [1.2, 0.6]


def test_the_real_downloads_of_one_run_are_analysed_together():
    res = CliRunner().invoke(app, ["analyze", str(CIFAR10), "--format", "json"])
    assert res.exit_code == 0, res.output
    [run] = json.loads(res.stdout)["runs"]
    events = {m["name"]: m["events"] for m in run["metrics"]}
    [loss_drop] = events["epoch_loss"]
    # The escape at epoch ~10 moves the validation curves at the same epoch: linked, as one run.
    assert 8 <= loss_drop["step"] <= 12 and {"epoch_val_loss", "epoch_val_accuracy"} <= set(loss_drop["linked"])


@pytest.mark.parametrize("text, needle", [
    ('[[1700000000.0, 1, 2.3], [1700000001.0, 2, 2.1], [17000', "truncated JSON"),
    ('[[1700000000.0, 1, 2.3]]\n[[1700000001.0, 2, 2.1]]\n', "more text after the end"),
])
def test_a_json_download_cut_short_or_appended_to_says_so(tmp_path, text, needle):
    path = tmp_path / "run-a-tag-loss.json"
    path.write_text(text)
    with pytest.raises(CurvedocError, match=needle):
        read(path)
