"""W&B chart-panel CSV and run history (JSONL, CSV, run dir): real files and hand-made layouts."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import curvedoc
from curvedoc.cli import app
from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff
from curvedoc.readers.wandb import read_wandb_history, read_wandb_panel

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
PANEL = REAL_LOGS / "wandb_panel_mia_sd" / "dtu-400-target-loss.csv"
HISTORY_DIR = REAL_LOGS / "wandb_offline_history_spaceinvaders"
HISTORY = HISTORY_DIR / "wandb-history.jsonl"
SUMMARY = HISTORY_DIR / "wandb-summary.json"


def quoted(rows: list[list[str]]) -> str:
    """A panel export as W&B writes it: every field quoted, no final newline."""
    return "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows)


def triple(run: str, metric: str) -> list[str]:
    name = f"{run} - {metric}"
    return [name, f"{name}__MIN", f"{name}__MAX"]


# ---------------------------------------------------------------- panel, real file

def test_real_panel_matches_the_csv_module():
    with open(PANEL, newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    assert header[0] == "Step" and len(body) == 10_000
    assert not PANEL.read_bytes().endswith(b"\n")
    assert sniff(PANEL) == "wandb_panel"
    [run] = read(PANEL)
    assert (run.name, run.format, run.step_axis) == ("swept-galaxy-5", "wandb_panel", "step")
    assert list(run.frame.columns) == ["train_loss"]
    series = run.series("train_loss")
    assert series.index.tolist() == [int(r[0]) for r in body]
    np.testing.assert_array_equal(series.to_numpy(), [float(r[1]) for r in body])
    assert series.index[0] == 12 and series.index[-1] == 89_600
    [sampled] = [w for w in run.warnings if "sampled" in w]
    assert "10000 points" in sampled and "median 6" in sampled and "max 99" in sampled


def test_real_panel_through_the_cli_as_json():
    result = CliRunner().invoke(app, ["info", str(PANEL), "--format", "json"])
    assert result.exit_code == 0, result.output
    [run] = json.loads(result.stdout)["runs"]
    [metric] = run["metrics"]
    assert (run["run"], metric["name"], metric["n_points"]) == ("swept-galaxy-5", "train_loss", 10_000)
    assert any("sampled" in w for w in run["warnings"])


# ---------------------------------------------------------------- panel, hand-made

def test_multi_run_panel_with_empty_cells_gives_one_run_each(tmp_path):
    header = ["Step", *triple("royal-dawn-7", "train/loss"), *triple("swept-galaxy-5", "train/loss")]
    rows = [header,
            ["0", "2.5", "2.5", "2.5", "", "", ""],
            ["10", "2.0", "2.0", "2.0", "3.0", "3.0", "3.0"],
            ["15", "", "", "", "2.8", "2.8", "2.8"],
            ["20", "1.5", "1.5", "1.5", "", "", ""],
            ["30", "NaN", "NaN", "NaN", "2.1", "2.1", "2.1"]]
    path = tmp_path / "panel.csv"
    path.write_text(quoted(rows))
    assert sniff(path) == "wandb_panel"
    runs = {run.name: run for run in read(path)}
    assert sorted(runs) == ["royal-dawn-7", "swept-galaxy-5"]
    dawn, galaxy = runs["royal-dawn-7"], runs["swept-galaxy-5"]
    assert list(dawn.frame.columns) == ["train/loss"]
    assert dawn.frame.index.tolist() == [0, 10, 20, 30]
    assert dawn.nan_steps["train/loss"].tolist() == [30]
    assert galaxy.frame.index.tolist() == [10, 15, 30]
    assert galaxy.series("train/loss").tolist() == [3.0, 2.8, 2.1]
    assert "train/loss__MIN" not in dawn.frame.columns


def test_a_run_whose_panel_columns_are_all_empty_is_said_to_be_left_out(tmp_path):
    # A panel of two runs whose second logged nothing under the panel's metric: it was dropped in silence,
    # and a user comparing the two lost one without a word.
    header = ["Step", *triple("royal-dawn-7", "train/loss"), *triple("swept-galaxy-5", "train/loss")]
    rows = [header] + [[str(10 * k), *[f"{2.5 / (k + 1):.4f}"] * 3, "", "", ""] for k in range(20)]
    path = tmp_path / "panel.csv"
    path.write_text(quoted(rows))
    (run,) = read(path)
    assert run.name == "royal-dawn-7"
    assert "run 'swept-galaxy-5' in the panel: no value in any column, left out" in run.warnings


def test_two_runs_of_one_name_in_a_panel_are_two_runs(tmp_path):
    # W&B's run names are for display: two runs named alike give the same headers, which pandas
    # renamed "run - loss.1"; read as one run, its .1 columns (and their __MIN, __MAX) were metrics.
    header = ["Step", *triple("run", "loss"), *triple("run", "loss")]
    rows = [header] + [[str(s), *[str(2.0 / (s + 1))] * 3, *[str(6.0 / (s + 1))] * 3] for s in range(20)]
    path = tmp_path / "panel.csv"
    path.write_text(quoted(rows))
    runs = {run.name: run for run in read(path)}
    assert sorted(runs) == ["run", "run (2)"]
    assert list(runs["run"].frame.columns) == ["loss"] and list(runs["run (2)"].frame.columns) == ["loss"]
    assert runs["run (2)"].series("loss").iloc[0] == 6.0
    assert "several runs named 'run' in the export: read as 'run', 'run (2)', ..." in runs["run"].warnings


def test_a_grouped_panel_says_its_spread_is_across_the_group_s_runs(tmp_path):
    # Its __MIN/__MAX were called buckets of points the panel averaged.
    rows = [["Step", *triple("Group: baseline", "loss"), *triple("solo-run-3", "loss")],
            *[[str(s), str(1 / (s + 1)), str(0.9 / (s + 1)), str(1.1 / (s + 1)),
               str(1 / (s + 2)), str(0.95 / (s + 2)), str(1.05 / (s + 2))] for s in range(20)]]
    path = tmp_path / "panel.csv"
    path.write_text(quoted(rows))
    runs = {run.name: run for run in read(path)}
    assert "loss: the mean of the group's runs (__MIN/__MAX are their spread)" in runs["Group: baseline"].warnings
    assert any("bucket means" in w for w in runs["solo-run-3"].warnings)


def test_panel_with_an_epoch_axis_and_several_metrics(tmp_path):
    rows = [["epoch", *triple("run-a", "loss"), *triple("run-a", "val_acc"), *triple("run-a", "lr")],
            *[[str(e), str(1 / (e + 1)), "", "", str(e / 10), "", "", "0.1", "", ""] for e in range(5)]]
    path = tmp_path / "epochs.csv"
    path.write_text(quoted(rows))
    [run] = read(path)
    assert run.step_axis == "epoch" and run.frame.index.tolist() == [0, 1, 2, 3, 4]
    assert list(run.frame.columns) == ["loss", "val_acc", "lr"] and run.role("lr") == "lr"
    assert not any("sampled" in w for w in run.warnings)  # regular gaps


def test_panel_with_a_wall_time_axis_numbers_points_and_keeps_the_time(tmp_path):
    rows = [["Relative Time (Process)", *triple("run-a", "loss")],
            ["0.52", "2.0", "2.0", "2.0"], ["61.3", "1.5", "1.5", "1.5"], ["122.9", "Infinity", "", ""]]
    path = tmp_path / "walltime.csv"
    path.write_text(quoted(rows))
    assert sniff(path) == "wandb_panel"
    [run] = read(path)
    assert run.step_axis == "row" and run.frame.index.tolist() == [0, 1, 2]
    assert run.role("Relative Time (Process)") == "wall_time"
    assert run.series("Relative Time (Process)").tolist() == [0.52, 61.3, 122.9]
    assert run.series("loss")[2] == math.inf
    assert any("not a step" in w for w in run.warnings)


def test_a_run_name_holding_a_comma_keeps_a_wall_time_panel_a_panel(tmp_path):
    # A run named "lr=0.1, bs=32": the header split at every comma, quotes or not, gave names
    # without " - ", and the panel was read as a plain CSV of six metrics in one run.
    rows = [["Relative Time (Process)", *triple("base", "eval/loss"), *triple("lr=0.1, bs=32", "eval/loss")],
            ["0", "2.6", "2.6", "2.6", "2.5", "2.5", "2.5"], ["50", "2.4", "2.4", "2.4", "2.2", "2.2", "2.2"],
            ["100", "2.3", "2.3", "2.3", "1.9", "1.9", "1.9"]]
    path = tmp_path / "panel.csv"
    path.write_text(quoted(rows))
    assert sniff(path) == "wandb_panel"
    assert [(r.name, r.series("eval/loss").tolist()) for r in read(path)] == [
        ("base", [2.6, 2.4, 2.3]), ("lr=0.1, bs=32", [2.5, 2.2, 1.9])]


def test_panel_bucket_means_are_flagged(tmp_path):
    rows = [["Step", *triple("run-a", "loss")],
            ["0", "2.0", "1.5", "2.5"], ["100", "1.0", "1.0", "1.0"], ["200", "0.5", "0.5", "0.5"]]
    path = tmp_path / "bucketed.csv"
    path.write_text(quoted(rows))
    [run] = read(path)
    assert any("bucket" in w for w in run.warnings)


def test_panel_metric_with_its_own_separator_is_split_on_a_known_run_name(tmp_path):
    rows = [["Step", *triple("run-a", "loss"), *triple("run-a", "eval - loss")],
            ["0", "2.0", "", "", "2.2", "", ""], ["10", "1.0", "", "", "1.1", "", ""]]
    path = tmp_path / "ambiguous.csv"
    path.write_text(quoted(rows))
    [run] = read(path)
    assert list(run.frame.columns) == ["loss", "eval - loss"]
    assert any("several" in w for w in run.warnings)


def test_a_run_name_holding_the_separator_is_split_before_the_metric_other_runs_log(tmp_path):
    # Runs "bert-base - lr 1e-4" and "swept-galaxy-5", both logging train/loss: split at the first
    # " - ", the first run's metric was "lr 1e-4 - train/loss", which no --metric or compare matched.
    rows = [["Step", *triple("bert-base - lr 1e-4", "train/loss"), *triple("swept-galaxy-5", "train/loss")],
            ["0", "2.0", "2.0", "2.0", "2.1", "2.1", "2.1"], ["10", "1.0", "1.0", "1.0", "1.2", "1.2", "1.2"]]
    path = tmp_path / "two.csv"
    path.write_text(quoted(rows))
    assert [(r.name, list(r.frame.columns)) for r in read(path)] == [
        ("bert-base - lr 1e-4", ["train/loss"]), ("swept-galaxy-5", ["train/loss"])]


def test_panel_without_run_metric_columns_is_refused(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text('"Step","loss__MIN"\n"0","1"\n')
    with pytest.raises(CurvedocError, match="not a W&B panel"):
        read_wandb_panel(path)


# ---------------------------------------------------------------- history, real files

def history_by_key(path: Path) -> dict[str, dict[int, float]]:
    series: dict[str, dict[int, float]] = {}
    for line in path.read_text().splitlines():
        record = json.loads(line)
        for key, value in record.items():
            if key != "_step" and isinstance(value, (int, float)) and not isinstance(value, bool):
                series.setdefault(key, {})[record["_step"]] = float(value)
    return series


def test_real_offline_history_matches_the_json_module():
    expected = history_by_key(HISTORY)
    assert sniff(HISTORY) == "wandb_history"
    [run] = read(HISTORY)
    assert (run.format, run.step_axis, run.name) == ("wandb_history", "step",
                                                      "wandb_offline_history_spaceinvaders")
    assert sorted(run.frame.columns) == sorted(expected)
    assert len(run.frame) == 198 and run.frame.index.tolist() == list(range(198))
    for key, points in expected.items():
        series = run.series(key)
        assert series.index.tolist() == list(points), key
        assert series.tolist() == list(points.values()), key
    assert len(expected["episodic_reward"]) == len(run.series("episodic_reward")) > 50
    assert run.role("_runtime") == run.role("_timestamp") == "wall_time"
    assert any("gameplays" in w for w in run.warnings)


def test_real_run_dir_reads_its_history():
    assert sniff(HISTORY_DIR) == "wandb_history"
    [run] = read(HISTORY_DIR)
    assert run.source == str(HISTORY) and len(run.frame) == 198


def test_real_summary_is_refused_clearly():
    with pytest.raises(CurvedocError, match="a W&B summary holds no series; pass wandb-history.jsonl"):
        read(SUMMARY)


def test_cli_summary_is_one_line_and_exit_2():
    result = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(SUMMARY)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "summary holds no series" in lines[0] and "Traceback" not in result.stderr


def test_real_history_through_the_cli_as_json():
    result = CliRunner().invoke(app, ["info", str(HISTORY), "--format", "json"])
    assert result.exit_code == 0, result.output
    [run] = json.loads(result.stdout)["runs"]
    metrics = {m["name"]: m for m in run["metrics"]}
    assert metrics["episodic_reward"]["n_points"] == len(history_by_key(HISTORY)["episodic_reward"])


# ---------------------------------------------------------------- history, hand-made

def test_jsonl_with_sparse_keys_nonfinite_tokens_media_and_a_cut_last_line(tmp_path):
    lines = ['{"loss": 2.0, "_runtime": 1.0, "_timestamp": 1600000000.0, "_step": 0}',
             '{"lr": 0.1, "_step": 1}',
             '{"loss": NaN, "_step": 2}',
             '{"loss": Infinity, "grad_norm": -Infinity, "_step": 3}',
             '{"samples": {"_type": "histogram", "values": [1, 2]}, "done": true, "_step": 4}',
             '{"loss": 1.0, "train/global_step": 50, "_step": 5}',
             '{"loss": 0.9, "_st']
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("\n".join(lines))
    [run] = read(path)
    assert run.frame.index.tolist() == [0, 1, 2, 3, 5]  # step 4 held nothing numeric
    assert run.nan_steps["loss"].tolist() == [2]
    assert run.series("loss").tolist()[-2:] == [math.inf, 1.0]
    assert run.series("grad_norm").tolist() == [-math.inf]
    assert run.role("train/global_step") == "other" and run.role("grad_norm") == "grad_norm"
    assert "done" not in run.frame.columns and "samples" not in run.frame.columns
    assert any("cut short" in w for w in run.warnings)
    assert any("samples" in w for w in run.warnings)
    assert any("'train/global_step'" in w for w in run.warnings)


def test_nested_dicts_read_as_the_dotted_keys_w_and_b_charts(tmp_path):
    # run.log({"train": {"loss": ...}}), which W&B's docstring encourages, was refused as holding no series.
    records = [{"train": {"loss": 2.0 / (1 + s) ** 0.5, "lr": 0.1 if s < 100 else 0.01},
                "val": {"acc": {"top1": s / 200}, "confusion": {"_type": "table-file", "path": "t.json"}},
                "_step": s} for s in range(200)]
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    [run] = read(path)
    assert sorted(run.frame.columns) == ["train.loss", "train.lr", "val.acc.top1"]
    assert run.role("train.lr") == "lr" and run.series("val.acc.top1")[199] == pytest.approx(199 / 200)
    assert "dict-valued keys skipped (media, histograms, tables): val.confusion" in run.warnings


def test_jsonl_resumed_run_keeps_the_later_attempt(tmp_path):
    records = [{"loss": 3 - i * 0.1, "_step": i} for i in range(5)] + \
              [{"loss": 9.0 + i, "_step": i} for i in range(3, 6)]
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    [run] = read(path)
    assert run.frame.index.tolist() == [0, 1, 2, 3, 4, 5]
    assert run.series("loss").tolist()[3:] == [12.0, 13.0, 14.0]
    assert [(r.step, r.replaced) for r in run.resumes] == [(3, 2)]


def test_history_csv_with_the_pandas_index_column_and_a_media_column(tmp_path):
    text = (',_step,_runtime,_timestamp,loss,media,epoch\n'
            '0,0,1.5,1600000000.5,2.5,,0\n'
            '1,1,2.5,1600000001.5,,"{\'_type\': \'histogram\', \'values\': [1, 2]}",\n'
            '2,2,3.5,1600000002.5,2.0,,1\n'
            '3,7,4.5,1600000003.5,nan,,\n')
    path = tmp_path / "history.csv"
    path.write_text(text)
    assert sniff(path) == "wandb_history"
    [run] = read(path)
    assert run.format == "wandb_history" and run.step_axis == "step"
    assert run.frame.index.tolist() == [0, 1, 2, 7]
    assert "Unnamed: 0" not in run.frame.columns and "media" not in run.frame.columns
    assert run.series("loss").index.tolist() == [0, 2, 7] and run.nan_steps["loss"].tolist() == [7]
    assert "non-numeric column skipped: media" in run.warnings
    assert run.role("epoch") == "epoch"


def test_offline_run_dir_with_files_subdir(tmp_path):
    run_dir = tmp_path / "wandb" / "run-20200219_000000-abc123"
    (run_dir / "files").mkdir(parents=True)
    (run_dir / "files" / "wandb-history.jsonl").write_text('{"loss": 1.0, "_step": 0}\n{"loss": 0.5, "_step": 1}\n')
    (run_dir / "files" / "wandb-summary.json").write_text('{"loss": 0.5, "_step": 1}')
    [run] = read(run_dir)
    assert run.name == "run-20200219_000000-abc123"  # the run's folder, not files/
    assert run.source.endswith("wandb-history.jsonl")
    assert run.series("loss").tolist() == [1.0, 0.5]


def test_a_wandb_folder_reads_each_run_with_a_history_and_names_the_others(tmp_path):
    # wandb/ as the SDK leaves it: run folders named by start time, a latest-run link to the
    # last one, and a run of a newer SDK whose history is only in its binary run-*.wandb file.
    wandb = tmp_path / "wandb"
    for name, losses in (("run-20200219_000000-abc123", [1.0, 0.5]), ("offline-run-20200220_120000-def456", [2.0, 1.5, 1.0])):
        (wandb / name / "files").mkdir(parents=True)
        (wandb / name / "files" / "wandb-history.jsonl").write_text(
            "".join(json.dumps({"loss": v, "_step": i}) + "\n" for i, v in enumerate(losses)))
    newer = wandb / "run-20210101_000000-ghi789"
    (newer / "files").mkdir(parents=True)
    (newer / "files" / "wandb-summary.json").write_text('{"loss": 0.5, "_step": 1}')
    (newer / "run-ghi789.wandb").write_bytes(b"\x00\x01binary")
    (wandb / "latest-run").symlink_to(newer, target_is_directory=True)
    (wandb / "debug.log").write_text("2021-01-01 00:00:00 INFO setup\n")
    assert sniff(wandb) == "wandb_history"
    runs = read(wandb)
    assert [r.name for r in runs] == ["run-20200219_000000-abc123", "offline-run-20200220_120000-def456"]
    assert runs[1].series("loss").tolist() == [2.0, 1.5, 1.0]
    assert any("1 run directories without wandb-history.jsonl skipped" in w and "ghi789" in w
               for w in runs[0].warnings)


def test_a_wandb_folder_of_newer_runs_only_says_what_to_do(tmp_path):
    run_dir = tmp_path / "wandb" / "run-20240305_101500-43123322"
    (run_dir / "files").mkdir(parents=True)
    (run_dir / "files" / "wandb-summary.json").write_text('{"loss": 0.5, "_step": 1}')
    result = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(tmp_path / "wandb")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "none of its 1 W&B run directories has a wandb-history.jsonl" in line and "run.history()" in line


def test_newer_run_dir_without_history_says_what_to_do(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "wandb-summary.json").write_text('{"loss": 0.5, "_step": 1}')
    with pytest.raises(CurvedocError, match="run.history"):
        read_wandb_history(tmp_path)
    # Given to the command, the folder was no log at all, and its files/ was named as one to pass,
    # where the summary in it was refused in turn.
    result = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "pass it" not in result.stderr
    assert "wandb-summary.json (final values only) and no wandb-history.jsonl" in result.stderr


def test_pretty_printed_summary_under_another_name_is_refused(tmp_path):
    path = tmp_path / "summary.json"
    path.write_text('{\n  "loss": 0.5,\n  "_step": 11749,\n  "_runtime": 383\n}\n')
    with pytest.raises(CurvedocError, match="summary holds no series"):
        read(path, "wandb_history")


def test_a_history_dump_with_step_gaps_is_flagged_as_sampled(tmp_path):
    steps = [0, 3, 4, 9, 15, 16, 30]
    path = tmp_path / "history.csv"
    path.write_text("_step,_runtime,loss\n" + "".join(f"{s},{s * 0.5},{3 - s * 0.05}\n" for s in steps))
    [run] = read(path)
    assert run.frame.index.tolist() == steps
    assert any(w.startswith("24 _step values missing between 0 and 30") for w in run.warnings)


def test_a_line_cut_mid_history_is_no_sample(tmp_path):
    # A history dump whose line at _step 1200 was cut (a copy interrupted, a disk filled): the one
    # _step gap is that line's, already said; it was also put down to run.history()'s sampling.
    rows = [json.dumps({"train/loss": 2 / (s + 1) ** 0.3, "_step": s}) for s in range(2000)]
    rows[1200] = rows[1200][:25]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(rows) + "\n")
    [run] = read(path)
    assert len(run.frame) == 1999
    assert run.warnings == ["1 lines are not JSON objects; skipped (first at line 1201)"]


def test_steps_logged_every_k_updates_are_no_sample(tmp_path):
    # wandb.log(..., step=global_step) every 10 updates: the SDK's own file, and any dump of it
    # with even gaps, hold every commit.
    rows = "".join(json.dumps({"_step": s, "_runtime": s * 0.1, "train/loss": 3 - s * 1e-3}) + "\n"
                   for s in range(10, 2001, 10))
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "wandb-history.jsonl").write_text(rows)
    (tmp_path / "export.jsonl").write_text(rows)
    for path in (tmp_path, tmp_path / "export.jsonl"):
        [run] = read(path)
        assert len(run.series("train/loss")) == 200
        assert not any("sampled" in w for w in run.warnings), run.warnings


def test_the_sdk_history_file_with_uneven_gaps_is_no_sample(tmp_path):
    # Logged at the optimiser step, every epoch's end and every 50 updates: uneven gaps, every row.
    steps = sorted(set(range(50, 1001, 50)) | {117, 234, 351, 468, 585, 702, 819, 936})
    (tmp_path / "wandb-history.jsonl").write_text("".join(
        json.dumps({"_step": s, "loss": 2 - s * 1e-3}) + "\n" for s in steps))
    [run] = read(tmp_path / "wandb-history.jsonl")
    assert run.frame.index.tolist() == steps and not any("sampled" in w for w in run.warnings)


def test_a_binary_wandb_run_file_says_what_it_is_and_how_to_get_a_history(tmp_path):
    # Current SDKs keep an offline run's history only in run-<id>.wandb (a record log that opens
    # with ":W&B"); it read as "binary content that is not a TensorBoard event file".
    run_dir = tmp_path / "wandb" / "offline-run-20261203_085755-ywk284fy"
    (run_dir / "files").mkdir(parents=True)
    (run_dir / "files" / "config.yaml").write_text("lr:\n  value: 0.05\n")
    (run_dir / "run-ywk284fy.wandb").write_bytes(b":W&B\xe1\xbe\x00\xb9/\x0e\xd0M\x00\x01\x08\x01" + bytes(range(256)) * 8)
    for path in (run_dir / "run-ywk284fy.wandb", run_dir):
        res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(path)], capture_output=True, text=True)
        assert res.returncode == 2 and res.stderr.count("\n") == 1, res.stderr
        assert "a W&B binary run file (.wandb)" in res.stderr and "wandb sync" in res.stderr
    (run_dir / "run-ywk284fy.wandb").write_bytes(b":W&")  # cut before its magic is whole
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(run_dir / "run-ywk284fy.wandb")],
                         capture_output=True, text=True)
    assert res.returncode == 2 and "a W&B binary run file (.wandb)" in res.stderr


def test_a_history_dump_with_a_histogram_column_is_read_as_a_table(tmp_path):
    # run.history(keys=[...]).to_csv(index=False) with a histogram logged every step: the dicts'
    # quoted commas made the rows look like no table, and the file was refused as a text log.
    path = tmp_path / "history.csv"
    path.write_text("_step,loss,weights\n" + "".join(
        f"{i},{2.0 / (1 + i) ** 0.5:.6f},\"{{'_type': 'histogram', 'bins': [1, 2, 3], 'values': [4, 5]}}\"\n"
        for i in range(300)))
    [run] = read(path)
    assert list(run.frame.columns) == ["loss"] and len(run.series("loss")) == 300
    assert list(run.series("loss").index[:3]) == [0, 1, 2]
    assert any("weights" in w for w in run.warnings)


def _two_calls_per_step(n=3000, decay=2000, seed=0):
    """HF's W&B callback: a training-loss call and a learning-rate call per trainer step, each a
    ``_step`` of its own, both carrying ``train/global_step``."""
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n):
        lr = 0.1 if s < decay else 0.03
        loss = (0.5 + np.exp(-s / 300)) * (1 if s < decay else 0.7) * np.exp(0.05 * rng.standard_normal())
        rows.append({"train/loss": loss, "train/global_step": s})
        rows.append({"train/learning_rate": lr, "train/global_step": s})
    return rows


def test_a_history_on_the_trainers_step_is_read_on_that_step(tmp_path):
    # _step counts wandb.log calls: two per trainer step here, so the decay at trainer step 2000
    # was reported at _step 4001.
    rows = _two_calls_per_step()
    csv_path = tmp_path / "history.csv"
    pd.DataFrame([{"_step": i, **r} for i, r in enumerate(rows)]).to_csv(csv_path, index=False)
    jsonl = tmp_path / "run" / "wandb-history.jsonl"
    jsonl.parent.mkdir()
    jsonl.write_text("".join(json.dumps({**r, "_step": i}) + "\n" for i, r in enumerate(rows)))
    for path in (csv_path, jsonl):
        [run] = read(path)
        assert run.frame.index.tolist() == list(range(3000)), path
        assert "train/global_step" not in run.frame.columns
        assert run.series("train/loss").notna().all() and run.series("train/learning_rate").notna().all()
        assert any("trainer's own, column 'train/global_step'" in w for w in run.warnings)
        (ra,) = curvedoc.analyze(path)
        [decay] = [c for c in ra.schedule.changes if c.kind == "lr_decay"]
        assert decay.step == 2000
        [drop] = [e for m in ra.metrics for e in m.events]
        assert drop.label == "lr_decay" and 2000 <= drop.step <= 2040


def test_a_trainers_step_that_goes_back_is_a_resume_on_the_trainers_axis(tmp_path):
    # A run resumed from its checkpoint into the same W&B run: _step counts on, the trainer's step goes back.
    # Read on _step, a warmup ending at trainer step 50 read "ends at 4"; it is read as a resumed TensorBoard
    # log is, on the trainer's step, the later rows kept and the resume said.
    rows = _two_calls_per_step(400, 200)
    for r in rows[400:]:  # a resume from a checkpoint at trainer step 100: the counter goes back
        r["train/global_step"] -= 100
    path = tmp_path / "history.csv"
    pd.DataFrame([{"_step": i, **r} for i, r in enumerate(rows)]).to_csv(path, index=False)
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(300))
    assert any(w.startswith("steps go back to 100: later values kept") for w in run.warnings), run.warnings
    assert run.frame["train/loss"][150] == rows[2 * 250]["train/loss"]  # the resumed attempt's, at trainer step 150
    # Missing from many rows (not logged before a callback was added), the trainer's step is no axis.
    for r in rows[:200]:
        del r["train/global_step"]
    pd.DataFrame([{"_step": i, **r} for i, r in enumerate(rows)]).to_csv(path, index=False)
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(800))
    assert any("is missing from many rows" in w for w in run.warnings)


def test_a_bom_inside_a_history_where_two_files_were_joined_is_read_past(tmp_path):
    # `cat a.jsonl b.jsonl` of two histories, the second saved with a BOM: its first record was
    # skipped as "not JSON objects".
    first = "".join(json.dumps({"_step": s, "loss": 1.0 / (s + 1)}) + "\n" for s in range(10))
    second = "".join(json.dumps({"_step": s, "loss": 1.0 / (s + 1)}) + "\n" for s in range(10, 20))
    path = tmp_path / "wandb-history.jsonl"
    path.write_text(first + "\ufeff" + second)
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(20)) and not run.warnings


def test_history_files_of_ones_own_are_named_by_their_file(tmp_path):
    # Two run.history() dumps in one folder were both named after it ("wb", "wb#2" in compare).
    for name, scale in (("lr_0.1", 1.0), ("lr_0.01", 2.0)):
        rows = [json.dumps({"_step": s, "_runtime": s / 10, "loss": scale / (1 + s)}) for s in range(40)]
        (tmp_path / f"{name}.jsonl").write_text("\n".join(rows) + "\n")
    names = [read(tmp_path / f"{name}.jsonl")[0].name for name in ("lr_0.1", "lr_0.01")]
    assert names == ["lr_0.1", "lr_0.01"]
    # W&B's own file is still named for its run folder.
    run_dir = tmp_path / "run-20240101_000000-abc123" / "files"
    run_dir.mkdir(parents=True)
    (run_dir / "wandb-history.jsonl").write_text((tmp_path / "lr_0.1.jsonl").read_text())
    assert read(run_dir / "wandb-history.jsonl")[0].name == "run-20240101_000000-abc123"


def test_a_lone_run_whose_name_holds_the_separator_keeps_its_metric_whole(tmp_path):
    # One run, named by a sweep's values: split at the first " - ", it was run "lr=0.1" logging
    # "bs=32 - train/loss".
    rows = [["Step", *triple("lr=0.1 - bs=32", "train/loss")], ["0", "2.0", "2.0", "2.0"], ["10", "1.0", "1.0", "1.0"]]
    path = tmp_path / "one.csv"
    path.write_text(quoted(rows))
    assert [(r.name, list(r.frame.columns)) for r in read(path)] == [("lr=0.1 - bs=32", ["train/loss"])]


def test_a_key_of_its_own_in_every_record_is_left_out_not_tabulated(tmp_path):
    # 20,000 records each with a key of its own ({"_step": i, "loss": ..., "weird_key_i": 1.0}) made a
    # table of 4x10^8 cells: 7.5 GB and two minutes to read 1.3 MB. Keys too rarely logged to be a
    # series are left out past a budget, and said; under it a key logged once is kept.
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("".join(json.dumps({"_step": i, "loss": 2.3 * 0.9999 ** i, f"weird_key_{i}": 1.0}) + "\n"
                            for i in range(20_000)))
    [run] = read(path)
    assert list(run.frame.columns) == ["loss"] and len(run.series("loss")) == 20_000
    assert any(w.startswith("20000 keys logged fewer than 8 times each left out") for w in run.warnings)
    small = tmp_path / "small" / "wandb-history.jsonl"
    small.parent.mkdir()
    small.write_text("".join(json.dumps({"_step": i, "loss": 1.0 / (i + 1), **({"test_acc": 0.9} if i == 99 else {})})
                             + "\n" for i in range(100)))
    [run] = read(small)
    assert run.series("test_acc").to_list() == [0.9] and not any("left out" in w for w in run.warnings)


def test_a_plain_csv_forced_as_a_panel_is_refused(tmp_path):
    # `--log-format wandb_panel` on a training script's CSV: no column names a run, and it was read and
    # labelled a panel export.
    path = tmp_path / "metrics.csv"
    path.write_text("step,lr,train_loss\n" + "".join(f"{s},0.1,{2.0 / (1 + s)}\n" for s in range(50)))
    with pytest.raises(CurvedocError, match="not a W&B panel export"):
        read(path, format="wandb_panel")


def _wandb_run(wandb: Path, name: str, history: str) -> Path:
    (wandb / name / "files").mkdir(parents=True)
    (wandb / name / "files" / "wandb-history.jsonl").write_text(history)
    return wandb / name


def test_a_wandb_folder_reads_its_runs_past_one_just_started_or_killed(tmp_path):
    # One run whose history was still empty (just started) or cut in its first line (killed) made
    # the whole wandb/ folder fail with that file's error.
    wandb = tmp_path / "wandb"
    full = "".join(json.dumps({"train/loss": 2.0 * 0.99 ** i + (0.5 if i < 120 else 0.0), "_step": i,
                               "_runtime": 0.5 * i}) + "\n" for i in range(240))
    _wandb_run(wandb, "run-20240305_101500-a1b2c3d4", full)
    _wandb_run(wandb, "run-20240305_113000-emptyrun", "")
    _wandb_run(wandb, "run-20240305_120000-killed00", '{"train/loss": 2.31, "_st')
    _wandb_run(wandb, "offline-run-20240306_090000-e5f6a7b8", full)
    runs = read(wandb)
    assert [r.name for r in runs] == ["run-20240305_101500-a1b2c3d4", "offline-run-20240306_090000-e5f6a7b8"]
    assert len(runs[1].series("train/loss")) == 240
    notes = [w for w in runs[0].warnings if " not read: " in w]
    assert len(notes) == 2 and "emptyrun" in notes[0] and "killed00" in notes[1], runs[0].warnings
    result = CliRunner().invoke(app, ["info", str(wandb), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["runs"]) == 2


def test_a_wandb_folder_whose_every_run_fails_fails_with_the_first(tmp_path):
    wandb = tmp_path / "wandb"
    _wandb_run(wandb, "run-20240305_113000-emptyrun", "")
    _wandb_run(wandb, "run-20240305_120000-killed00", '{"train/loss": 2.31, "_st')
    with pytest.raises(CurvedocError) as err:
        read(wandb)
    with pytest.raises(CurvedocError) as alone:
        read(wandb / "run-20240305_113000-emptyrun")
    assert str(err.value) == str(alone.value) and "emptyrun" in str(err.value)
