"""Generic CSV/TSV: step column by name, NaN vs missing, encodings, delimiters, resume, real CSVs."""

from __future__ import annotations

import csv
import gzip
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from curvedoc.cli import app
from curvedoc.analysis import UserSchedule, analyze
from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
GROKKING = [REAL_LOGS / "grokking_modadd_adamw" / "addition_depth_1_adamw_seed_0.csv",
            REAL_LOGS / "grokking_modadd_muon" / "addition_depth_1_muon_seed_0.csv"]


def write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("name", ["step", "global_step", "iteration", "iter", "it", "_step", "Step"])
def test_step_column_found_by_each_name(tmp_path, name):
    path = write(tmp_path, f"loss,{name},acc\n1.0,10,0.1\n0.5,20,0.2\n0.25,30,0.3\n")
    [run] = read(path)
    assert run.format == "csv" and run.step_axis == "step"
    assert run.frame.index.tolist() == [10, 20, 30]
    assert list(run.frame.columns) == ["loss", "acc"]
    assert run.series("loss").tolist() == [1.0, 0.5, 0.25]
    assert run.warnings == []


@pytest.mark.parametrize("scale,unit", [(1, "seconds"), (1000, "milliseconds")])
def test_a_step_column_of_unix_times_is_read_and_said(tmp_path, scale, unit):
    # A logger that wrote its clock into the step column (one point a second from 2023-11-14):
    # the steps are kept as given, and the warning says what they look like.
    t0 = 1_700_000_000 * scale
    rows = "".join(f"{t0 + i * scale},{1 / (i + 1)}\n" for i in range(5))
    [run] = read(write(tmp_path, "step,loss\n" + rows))
    assert run.frame.index[0] == t0
    assert [w for w in run.warnings if "Unix times" in w] == [
        f"the steps look like Unix times in {unit} (2023-11-14 22:13 to 2023-11-14 22:13 UTC): read as step "
        "numbers; a step or epoch column, if the log has one, gives the training's own axis"]
    # A long run's own steps, however many, are not times.
    [run] = read(write(tmp_path, "step,loss\n" + "".join(f"{10_000_000 + i},{1 / (i + 1)}\n" for i in range(5))))
    assert run.warnings == []


@pytest.mark.parametrize("name", ["Schritt", "шаг", "步数", "timesteps", "updates", "global_steps", "iters"])
def test_a_step_column_under_another_name_is_still_the_step(tmp_path, name):
    # Under a name curvedoc did not know the counter was a metric of its own, on a row-number
    # axis: `check` failed on the counter's "runaway growth".
    rows = "".join(f"{10 * i},{1 / i},0.1\n" for i in range(1, 300))
    [run] = read(write(tmp_path, f"{name},loss,lr\n" + rows))
    assert run.step_axis == "step" and run.frame.index[:3].tolist() == [10, 20, 30]
    assert list(run.frame.columns) == ["loss", "lr"]
    # A first column that does not count up is no step: the row number is, as before.
    [run] = read(write(tmp_path, "score_x,loss\n" + "".join(f"{(i * 7) % 5},{1 / i}\n" for i in range(1, 30))))
    assert run.step_axis == "row"


def test_an_epochs_column_is_the_epoch_axis(tmp_path):
    [run] = read(write(tmp_path, "epochs,loss\n0,2.0\n1,1.0\n2,0.5\n"))
    assert run.step_axis == "epoch" and run.warnings == []


def test_epoch_is_the_axis_when_there_is_no_step(tmp_path):
    [run] = read(write(tmp_path, "epoch,loss,val_loss\n0,2.0,2.1\n1,1.0,1.2\n2,0.5,0.9\n"))
    assert run.step_axis == "epoch" and run.frame.index.name == "epoch"
    assert run.frame.index.tolist() == [0, 1, 2]
    assert "epoch" not in run.frame.columns


def test_row_number_when_neither_step_nor_epoch_and_it_says_so(tmp_path):
    [run] = read(write(tmp_path, "loss,acc\n2.0,0.1\n1.0,0.5\n"))
    assert run.step_axis == "row" and run.frame.index.tolist() == [0, 1]
    assert any("row number" in w for w in run.warnings)


def test_fractional_step_column_falls_back_to_row_number_with_a_warning(tmp_path):
    [run] = read(write(tmp_path, "step,loss\n0.5,2.0\n1.5,1.0\n"))
    assert run.step_axis == "row"
    assert any("'step' is not a usable step" in w for w in run.warnings)
    # Steps 1e-9 apart are within the tolerance of whole numbers (a float's 99.99999999 is 100),
    # but no counter of updates: all 300 rounded to 0 and read as one point logged again.
    [run] = read(write(tmp_path, "step,loss\n" + "".join(f"{i * 1e-9},{2 / (1 + i / 50)}\n" for i in range(300))))
    assert run.step_axis == "row" and len(run.series("loss")) == 300
    assert any("'step' is not a usable step" in w for w in run.warnings)
    # ... while whole steps written with float noise stay steps.
    [run] = read(write(tmp_path, "step,loss\n" + "".join(f"{i + 1e-9 * (i % 3)},{2 / (1 + i / 50)}\n"
                                                     for i in range(300))))
    assert run.step_axis == "step" and run.series("loss").index.tolist() == list(range(300))


def test_nan_is_logged_inf_is_a_value_empty_is_missing(tmp_path):
    path = write(tmp_path, "step,loss,acc\n0,1.0,\n1,nan,0.5\n2,inf,0.6\n3,-inf,\n4,NaN,0.7\n")
    [run] = read(path)
    assert run.nan_steps["loss"].tolist() == [1, 4]
    assert "acc" not in run.nan_steps
    loss = run.series("loss")
    assert loss.index.tolist() == [0, 1, 2, 3, 4]
    assert loss[2] == math.inf and loss[3] == -math.inf and math.isnan(loss[1])
    assert run.series("acc").index.tolist() == [1, 2, 4]


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfstep,loss\r\n0,1.0\r\n5,0.5\r\n")
    [run] = read(path)
    assert run.frame.index.tolist() == [0, 5] and list(run.frame.columns) == ["loss"]


@pytest.mark.parametrize("sep,name", [(";", "log.csv"), ("\t", "log.tsv"), ("|", "log.psv")])
def test_semicolon_tab_and_pipe_delimiters(tmp_path, sep, name):
    path = write(tmp_path, sep.join(["step", "loss", "lr"]) + "\n" + "\n".join(
        sep.join([str(i), str(1.0 / (i + 1)), "0.1"]) for i in range(5)) + "\n", name)
    assert sniff(path) == "csv"
    [run] = read(path)
    assert list(run.frame.columns) == ["loss", "lr"]
    assert run.series("loss").tolist() == [1.0 / (i + 1) for i in range(5)]
    assert run.role("lr") == "lr"


def test_gzip_compressed_reads_like_the_plain_file(tmp_path):
    text = "step,loss\n" + "".join(f"{i * 10},{2.0 - i * 0.01}\n" for i in range(100))
    plain = write(tmp_path, text, "run.csv")
    packed = tmp_path / "run.csv.gz"
    packed.write_bytes(gzip.compress(text.encode()))
    assert sniff(packed) == "csv"
    [a], [b] = read(plain), read(packed)
    assert a.frame.equals(b.frame)
    # Compressed twice (gzip run.csv.gz by mistake): said, not "binary content".
    twice = tmp_path / "run.csv.gz.gz"
    twice.write_bytes(gzip.compress(packed.read_bytes()))
    with pytest.raises(CurvedocError, match="a gzip file inside a gzip file"):
        read(twice)


def test_junk_after_a_gzip_stream_is_ignored_as_gunzip_does_and_damage_is_one_line(tmp_path):
    text = "step,loss\n" + "".join(f"{i * 10},{2.0 - i * 0.01}\n" for i in range(100))
    packed = tmp_path / "run.csv.gz"
    packed.write_bytes(gzip.compress(text.encode()) + b"garbage\n\x00")
    [run] = read(packed)
    assert len(run.frame) == 100 and run.warnings == ["bytes after the end of the gzip stream ignored"]
    good = gzip.compress(text.encode())
    packed.write_bytes(good[:-8] + bytes(8))  # its checksum and length zeroed
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(packed)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 2
    assert res.stderr == f"curvedoc: error: {packed}: a damaged gzip stream (`gzip -t` on the file says more)\n"


def test_a_quote_never_closed_is_named_by_its_line(tmp_path):
    lines = ["step,loss"] + [f"{i},{1 / (1 + i)}" for i in range(300)]
    lines[203] = '"' + lines[203]
    with pytest.raises(CurvedocError, match="a quote opened on line 204 is never closed$"):
        read(write(tmp_path, "\n".join(lines) + "\n"))


def test_a_restart_appended_after_a_longer_run_counts_what_it_dropped_apart(tmp_path):
    # Steps 0-299, then a restart logging 0-149: the first attempt's 150-299 have no later value. Two series
    # a row: 300 points of 150 steps (said as "300 points replaced", read as 300 steps).
    rows = [f"{s},{1 / (1 + s)},0.1" for s in range(300)] + [f"{s},{2 / (1 + s)},0.1" for s in range(150)]
    [run] = read(write(tmp_path, "step,loss,lr\n" + "\n".join(rows) + "\n"))
    assert run.frame.index.tolist() == list(range(150))
    assert [(r.step, r.replaced, r.discarded, r.steps) for r in run.resumes] == [(0, 300, 300, 150)]
    assert run.warnings == ["steps go back to 0: later values kept, 300 points of 150 steps replaced and 300 dropped "
                            "that no later row logs again"]


def test_three_runs_appended_into_one_log_are_two_distinct_warnings(tmp_path):
    # Each later run goes back to step 0: the same line twice, word for word, read as a message repeated.
    rows = [f"{s},{(k + 1) / (1 + s)}" for k in range(3) for s in range(100)]
    [run] = read(write(tmp_path, "step,loss\n" + "\n".join(rows) + "\n"))
    assert run.warnings == ["steps go back to 0: later values kept, 100 points replaced",
                            "steps go back to 0 again: later values kept, 100 points replaced"]


def test_resumed_run_keeps_later_values_and_counts_them(tmp_path):
    path = write(tmp_path, "step,loss\n0,3.0\n1,2.0\n2,1.5\n3,1.4\n2,1.45\n3,1.30\n4,1.2\n")
    [run] = read(path)
    assert run.frame.index.tolist() == [0, 1, 2, 3, 4]
    assert run.series("loss").tolist() == [3.0, 2.0, 1.45, 1.30, 1.2]
    assert [(r.step, r.replaced) for r in run.resumes] == [(2, 2)]
    assert any("steps go back to 2" in w and "2 points replaced" in w for w in run.warnings)
    assert not any("logged again" in w for w in run.warnings)  # the step gone back to is the resume's


def test_duplicate_steps_merge_column_by_column(tmp_path):
    [run] = read(write(tmp_path, "step,loss,val_loss\n10,0.5,\n10,,0.9\n20,0.4,\n20,,0.8\n"))
    assert run.frame.index.tolist() == [10, 20]
    assert run.frame.loc[10].tolist() == [0.5, 0.9]
    assert run.frame.loc[20].tolist() == [0.4, 0.8]
    assert run.warnings == []  # each row logs its own series: nothing replaced


def test_several_values_at_one_step_keep_the_last_and_say_how_many_were_dropped(tmp_path):
    # A loss logged per micro-batch under the optimiser's step (gradient accumulation),
    # with the epoch written on every row: three losses at each step, one epoch value.
    rows = "".join(f"{s},{e},{loss}\n" for s, e in ((1, 0), (2, 0), (3, 1))
                   for loss in (0.9 - 0.1 * s, 0.85 - 0.1 * s, 0.8 - 0.1 * s))
    [run] = read(write(tmp_path, "step,epoch,loss\n" + rows))
    assert run.frame.index.tolist() == [1, 2, 3]
    assert np.allclose(run.series("loss"), [0.7, 0.6, 0.5])
    assert run.warnings == ["6 points logged again at a step already logged with another value: "
                            "last value kept (loss)"]


def test_text_column_is_skipped_and_named(tmp_path):
    [run] = read(write(tmp_path, "step,regime,loss\n0,adamw,1.0\n1,adamw,0.5\n"))
    assert list(run.frame.columns) == ["loss"]
    assert "non-numeric column skipped: regime" in run.warnings


def test_pandas_index_column_is_dropped(tmp_path):
    [run] = read(write(tmp_path, ",step,loss\n0,100,1.0\n1,200,0.5\n"))
    assert list(run.frame.columns) == ["loss"] and run.frame.index.tolist() == [100, 200]


def test_a_pandas_index_holding_the_steps_is_the_step(tmp_path):
    # pd.DataFrame(history, index=steps).to_csv(path): the index dropped, every row was numbered from 0
    # and the LR decay at step 750 was dated 150.
    import pandas as pd

    steps = np.arange(5, 1505, 5)
    history = {"loss": 2 * np.exp(-steps / 400) + 0.4, "lr": np.where(steps <= 750, 0.1, 0.01)}
    pd.DataFrame(history, index=steps).to_csv(tmp_path / "log.csv")
    [run] = read(tmp_path / "log.csv")
    assert run.step_axis == "step" and run.frame.index.tolist() == steps.tolist()
    assert list(run.frame.columns) == ["loss", "lr"]
    assert run.warnings == ["the unnamed first column (a pandas index) read as the step"]
    # Numbered from 1 (epochs 1..N): the log's own numbering, kept.
    pd.DataFrame(history, index=range(1, 301)).to_csv(tmp_path / "log.csv")
    [run] = read(tmp_path / "log.csv")
    assert run.frame.index.tolist() == list(range(1, 301))
    # The same frame handed over in a notebook, not saved: read as its CSV is.
    import curvedoc

    run = curvedoc.analyze(pd.DataFrame(history, index=steps))[0].run
    assert run.frame.index.tolist() == steps.tolist() and list(run.frame.columns) == ["loss", "lr"]
    run = curvedoc.analyze(pd.DataFrame(history))[0].run
    assert run.step_axis == "row" and run.frame.index.tolist() == list(range(300))


def test_a_pandas_index_numbering_the_rows_or_beside_a_step_is_dropped(tmp_path):
    import pandas as pd

    frame = pd.DataFrame({"loss": 2 / np.arange(1, 201), "lr": [0.1] * 100 + [0.01] * 100})
    frame.to_csv(tmp_path / "log.csv")  # pandas' default index, 0..N-1: the row number, nothing more
    [run] = read(tmp_path / "log.csv")
    assert run.step_axis == "row" and list(run.frame.columns) == ["loss", "lr"]
    # Rows filtered out leave gaps in the index; the step column beside it is the step.
    stepped = frame.assign(step=np.arange(0, 2000, 10))[["step", "loss", "lr"]]
    stepped[stepped.index % 7 != 3].to_csv(tmp_path / "log.csv")
    [run] = read(tmp_path / "log.csv")
    assert run.frame.index.tolist() == [s for s in range(0, 2000, 10) if s // 10 % 7 != 3]
    assert not any("pandas index" in w for w in run.warnings)
    # Likewise a step column under another language's name, counting up in whole numbers.
    stepped.rename(columns={"step": "Schritt"})[stepped.index % 7 != 3].to_csv(tmp_path / "log.csv")
    [run] = read(tmp_path / "log.csv")
    assert run.frame.index.tolist() == [s for s in range(0, 2000, 10) if s // 10 % 7 != 3]
    # Runs concatenated with ignore_index: the rows of the whole table numbered, each run from 0.
    sweep = pd.concat([frame.assign(run="a"), frame.assign(run="b")], ignore_index=True)
    sweep.to_csv(tmp_path / "log.csv")
    runs = read(tmp_path / "log.csv")
    assert [r.name for r in runs] == ["a", "b"]
    assert all(r.frame.index.tolist() == list(range(200)) for r in runs)


def test_rows_with_too_many_fields_are_counted(tmp_path):
    [run] = read(write(tmp_path, "step,loss\n0,1.0\n1,0.9,7,7\n2,0.8\n"))
    assert run.frame.index.tolist() == [0, 2]
    assert "1 malformed rows skipped (more fields than the header)" in run.warnings


def test_only_a_step_column_is_refused(tmp_path):
    with pytest.raises(CurvedocError, match="no numeric column besides the step"):
        read(write(tmp_path, "step,name\n0,a\n1,b\n"))


def csv_module_columns(path: Path) -> tuple[list[int], dict[str, list[str]]]:
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    steps = [int(r["step"]) for r in rows]
    return steps, {name: [r[name] for r in rows] for name in rows[0] if name != "step"}


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("path", GROKKING, ids=lambda p: p.parent.name)
def test_real_grokking_csv_matches_the_csv_module(path):
    steps, columns = csv_module_columns(path)
    assert sniff(path) == "csv"
    [run] = read(path)
    assert run.step_axis == "step" and run.frame.index.tolist() == steps and len(steps) == 1001
    text_columns = {name for name, cells in columns.items()
                    if any(c != "" and not _is_number(c) for c in cells)}
    assert text_columns == {"regime", "initialization_scheme"}
    assert sorted(w.split(": ")[1] for w in run.warnings if w.startswith("non-numeric")) == sorted(text_columns)
    for name, cells in columns.items():
        if name in text_columns:
            continue
        logged = [(s, c) for s, c in zip(steps, cells) if c != ""]
        if not logged:
            assert name not in run.frame.columns
            continue
        series = run.series(name)
        assert series.index.tolist() == [s for s, _ in logged], name
        expected = np.array([float(c) for _, c in logged])
        np.testing.assert_array_equal(series.to_numpy(), expected)
        nan_at = [s for s, c in logged if c.lower() == "nan"]
        assert run.nan_steps.get(name, np.array([], int)).tolist() == nan_at, name


def test_real_grokking_values_and_the_grokking_window():
    [run] = read(GROKKING[0])
    test_acc = run.series("test_accuracy")
    assert test_acc[6800] < 0.1 and test_acc[8400] == 1.0
    assert run.nan_steps["hidden_gradient_norm"].tolist() == [0]


def test_cli_info_json_on_a_real_grokking_csv():
    result = CliRunner().invoke(app, ["info", str(GROKKING[1]), "--format", "json"])
    assert result.exit_code == 0, result.output
    [run] = json.loads(result.stdout)["runs"]
    metrics = {m["name"]: m for m in run["metrics"]}
    assert run["format"] == "csv" and metrics["test_accuracy"]["n_points"] == 1001
    assert metrics["test_accuracy"]["first_step"] == 0 and metrics["test_accuracy"]["last_step"] == 100000


def test_one_column_under_its_name_is_a_series_numbered_by_row(tmp_path):
    path = write(tmp_path, "val_acc\n0.10\n0.35\n0.62\n0.80\n", name="history.csv")
    assert sniff(path) == "csv"
    [run] = read(path)
    assert list(run.frame.columns) == ["val_acc"] and run.frame.index.tolist() == [0, 1, 2, 3]
    assert run.series("val_acc").tolist() == [0.10, 0.35, 0.62, 0.80]


def test_a_headerless_list_of_values_is_named_after_its_file(tmp_path):
    # What np.savetxt(f, losses) writes: one value per line, no header; a logged NaN stays a NaN.
    losses = 2.0 * np.exp(-np.arange(200) / 40.0) + 0.05
    losses[150] = np.nan
    path = tmp_path / "train_loss.txt"
    np.savetxt(path, losses)
    assert sniff(path) == "csv"
    [run] = read(path)
    assert list(run.frame.columns) == ["train_loss"] and run.frame.index.tolist() == list(range(200))
    np.testing.assert_allclose(run.series("train_loss").to_numpy()[:150], losses[:150])
    assert list(run.nan_steps["train_loss"]) == [150]
    assert run.warnings == ["no header: one value per line, read as 'train_loss' and numbered by line"]
    [generic] = read(write(tmp_path, "2.3\n2.1\n1.9\n", name="output.log"))
    assert list(generic.frame.columns) == ["value"]


def test_a_headerless_list_through_analyze_finds_its_divergence(tmp_path):
    values = [f"{2.0 / (i + 1) + 0.1:.5f}" for i in range(80)] + ["nan"] * 3
    path = write(tmp_path, "\n".join(values) + "\n", name="loss.txt")
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    [metric] = json.loads(result.stdout)["runs"][0]["metrics"]
    assert metric["name"] == "loss" and [(e["kind"], e["step"]) for e in metric["events"]] == [("divergence", 80)]


@pytest.mark.parametrize("sep", [",", "\t", ";"])
def test_a_headerless_table_is_refused_not_read_with_its_first_row_as_names(tmp_path, sep):
    path = write(tmp_path, "".join(f"{s}{sep}{2.0 / (s + 1):.4f}\n" for s in range(20)), name="run.csv")
    with pytest.raises(CurvedocError, match="first line holds numbers, not column names"):
        read(path)
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(path)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 2 and res.stdout == ""
    assert len(res.stderr.splitlines()) == 1 and "add a header row" in res.stderr


def test_a_wandb_runs_table_is_refused_as_no_history(tmp_path):
    # Runs tab -> Export as CSV: a row per run with its config and final values (log-formats.md 1b).
    path = write(tmp_path, "Name,State,Notes,User,Tags,Created,Runtime,Sweep,lr,loss,val_loss\n" + "".join(
        f"run-{i},finished,-,me,,2024-05-01T1{i}:00:00,3600,,{0.1 / (i + 1)},{0.3 + i / 10},{0.4 + i / 10}\n"
        for i in range(10)), name="wandb_export.csv")
    with pytest.raises(CurvedocError, match="W&B runs table .* not a training history"):
        read(path)


@pytest.mark.parametrize("corner", ["", "epoch"])
def test_a_table_on_its_side_is_read_transposed(tmp_path, corner):
    # ``pd.DataFrame(history.history).T.to_csv``: a row per metric, a column per epoch.
    epochs = np.arange(30)
    loss = np.where(epochs < 20, 2.0 * np.exp(-epochs / 10) + 0.5, 0.3 * np.exp(-epochs / 10) + 0.2)
    path = tmp_path / "history.csv"
    path.write_text(",".join([corner] + [str(e) for e in epochs]) + "\n"
                    + "loss," + ",".join(f"{x:.5f}" for x in loss) + "\n"
                    + "val_loss," + ",".join(f"{1.1 * x:.5f}" for x in loss) + "\n")
    [run] = read(path)
    assert list(run.frame.columns) == ["loss", "val_loss"] and run.frame.index.tolist() == list(range(30))
    # Under a blank corner, columns 0, 1, 2, … are pandas' index: numbered by entry, as a JSON
    # history keyed by row number is.
    assert run.step_axis == ("epoch" if corner else "row")
    assert any("read on its side" in w for w in run.warnings)
    [ra] = analyze(path, metrics=["loss"])
    assert [(e.kind, e.step) for e in ra.metrics[0].events] == [("drop", 20)]


def test_a_table_on_its_side_with_steps_across_reads_them_as_steps(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(",100,200,300,400\nloss,2.0,1.5,1.2,1.1\n")
    [run] = read(path)
    assert run.step_axis == "step" and run.frame.index.tolist() == [100, 200, 300, 400]


def test_per_class_columns_named_by_number_are_not_a_table_on_its_side(tmp_path):
    # epoch,0,1,2,3: a value per class per epoch, the classes as column names; its rows are numbers.
    path = tmp_path / "per_class.csv"
    path.write_text("epoch,0,1,2,3\n" + "".join(f"{e},{0.5 + e / 100:.3f},{0.6 + e / 100:.3f},"
                                                f"{0.4 + e / 100:.3f},{0.7 + e / 100:.3f}\n" for e in range(30)))
    [run] = read(path)
    assert run.step_axis == "epoch" and list(run.frame.columns) == ["0", "1", "2", "3"]
    assert run.frame.index.tolist() == list(range(30))
    assert not any("on its side" in w for w in run.warnings)


def _decay_columns():
    steps = np.arange(0, 3000, 10)
    return steps, 2.0 / (1 + steps / 300) * np.where(steps >= 1500, 0.5, 1.0)


@pytest.mark.parametrize("save, note", [
    (lambda p, s, v: np.savetxt(p, np.c_[s, v], header="step loss"), "the header is the comment line"),
    (lambda p, s, v: np.savetxt(p, np.c_[s, v], header="step,loss", delimiter=",", comments="# "),
     "the header is the comment line"),
    (lambda p, s, v: p.write_text("   step      loss\n" + "".join(f"{a:7d} {b:9.5f}\n" for a, b in zip(s, v))),
     "columns split by spaces"),
    # Tabs and runs of spaces mixed between the columns: read with the tab alone, the step numbers
    # were a loss named "step   loss" (or that column was skipped) and the loss was lost.
    (lambda p, s, v: p.write_text("step   loss\tlr\n" + "".join(f"{a} \t {b:.5f}    0.1\n" for a, b in zip(s, v))),
     "columns split by spaces"),
    (lambda p, s, v: p.write_text("step   loss\tlr\n" + "".join(f"{a}   {b:.5f}\t0.1\n" for a, b in zip(s, v))),
     "columns split by spaces"),
    # fastai's fit table pasted from a notebook: spaces after its first name, tabs after the rest, a clock
    # time last. Read by tabs, each name stood over the next column's values (the loss named "lr").
    (lambda p, s, v: p.write_text("step   loss\tlr\ttime\n" + "".join(f"{a}\t{b:.5f}\t0.1\t00:{a % 60:02d}\n"
                                                                  for a, b in zip(s, v))),
     "columns split by spaces"),
    (lambda p, s, v: p.write_text("# run 3, seed 7\n# lr 0.1 then 0.05\nstep,loss\n"
                                  + "".join(f"{a},{b:.6f}\n" for a, b in zip(s, v))),
     "comment lines before the header skipped"),
])
def test_tables_written_by_savetxt_or_aligned_by_spaces_are_read(tmp_path, save, note):
    path = tmp_path / "losses.txt"
    steps, loss = _decay_columns()
    save(path, steps, loss)
    assert sniff(path) == "csv"
    [run] = read(path)
    assert run.frame.index.tolist() == steps.tolist()
    assert run.series("loss").to_numpy() == pytest.approx(loss, abs=1e-5)  # as written: five decimals at the least
    assert any(note in w for w in run.warnings)
    [ra] = analyze(path, metrics=["loss"])
    assert [(e.kind, e.step) for e in ra.metrics[0].events] == [("drop", 1500)]


def test_a_name_quoted_over_two_lines_is_one_name_of_the_header(tmp_path):
    # RFC 4180 lets a quoted field hold a newline. The header's first line was skipped as a banner
    # above the table: a metric 'loss"' held the steps, and 'lr, main' the loss.
    path = tmp_path / "losses.csv"
    steps, loss = _decay_columns()
    path.write_text('step,"train\nloss","lr, main"\n' + "".join(f"{a},{b:.5f},0.1\n" for a, b in zip(steps, loss)))
    [run] = read(path)
    assert list(run.frame.columns) == ["train loss", "lr, main"] and run.frame.index.tolist() == steps.tolist()
    assert run.series("train loss").to_numpy() == pytest.approx(loss, abs=1e-5)
    assert not any("skipped" in w for w in run.warnings), run.warnings


def test_a_tsv_whose_names_hold_spaces_keeps_its_names(tmp_path):
    path = tmp_path / "losses.tsv"
    steps, loss = _decay_columns()
    path.write_text("global step\ttrain loss\n" + "".join(f"{a}\t{b:.5f}\n" for a, b in zip(steps, loss)))
    [run] = read(path)
    assert list(run.frame.columns) == ["train loss"] and run.frame.index.tolist() == steps.tolist()
    assert not any("split by spaces" in w for w in run.warnings)


def test_columns_of_numbers_split_by_spaces_without_a_header_ask_for_one(tmp_path):
    path = tmp_path / "losses.txt"
    steps, loss = _decay_columns()
    np.savetxt(path, np.c_[steps, loss])
    with pytest.raises(CurvedocError, match="not column names: add a header row such as `step loss`"):
        read(path)


def test_a_text_log_under_comment_lines_stays_a_text_log(tmp_path):
    path = tmp_path / "train.log"
    path.write_text("# config: lr 0.1\n" + "".join(f"step {s}: loss {2.0 / (s + 1):.4f}\n" for s in range(1, 40)))
    assert sniff(path) == "text"
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(1, 40))


def test_stable_baselines3_progress_csv_reads_its_reward_on_its_timesteps(tmp_path):
    # SB3's CSV logger: groups of keys, rows in iteration order, the step count in
    # time/total_timesteps. The episode reward is the curve; the time/ group is bookkeeping, and
    # the entropy and policy-gradient terms say nothing of progress either way.
    rng = np.random.default_rng(3)
    header = ("rollout/ep_len_mean,rollout/ep_rew_mean,time/fps,time/iterations,time/time_elapsed,"
              "time/total_timesteps,train/entropy_loss,train/learning_rate,train/policy_gradient_loss,"
              "train/value_loss")
    rows = [f"200,{20 + 150 / (1 + np.exp(-(k - 60) / 8)) + rng.normal(0, 4):.2f},{900 + k},{k},{k // 3},{2048 * k},"
            f"{-0.69 + 0.004 * k:.4f},0.0003,{rng.normal(0, 0.01):.5f},{50 * np.exp(-k / 40) + 1:.3f}"
            for k in range(1, 121)]
    [run] = read(write(tmp_path, header + "\n" + "\n".join(rows) + "\n", "progress.csv"))
    assert run.frame.index[0] == 2048 and run.frame.index[-1] == 2048 * 120
    assert {c: run.role(c) for c in run.frame.columns if c.startswith("time/")} == {
        "time/fps": "other", "time/iterations": "other", "time/time_elapsed": "other"}
    (ra,) = analyze(run_path := tmp_path / "progress.csv")
    names = {m.name: m.higher_is_better for m in ra.metrics}
    assert names == {"rollout/ep_rew_mean": True, "train/value_loss": False}, names
    assert run_path.exists()


def test_an_fp16_loss_scale_is_bookkeeping_not_a_metric(tmp_path):
    text = "step,loss,loss_scale\n" + "".join(
        f"{s},{2.0 / (1 + s) ** 0.5:.5f},{65536 if s < 100 else 32768}\n" for s in range(1, 201))
    [run] = read(write(tmp_path, text))
    assert run.role("loss_scale") == "other" and run.columns_with_role("metric") == ["loss"]


def test_one_stray_row_out_of_step_order_is_skipped_not_read_as_a_resume(tmp_path):
    # Step 10 written once between 149 and 150 (a row from another process, a clock glitch): read
    # as a resume, it threw away steps 11-149 of the run. A real resume carries on from where it
    # went back to, and is still read as one.
    rows = [f"{s},{2.0 / (1 + s) ** 0.5:.5f}" for s in range(400)]
    glitch = rows[:150] + ["10,0.9"] + rows[150:]
    [run] = read(write(tmp_path, "step,loss\n" + "\n".join(glitch) + "\n"))
    assert run.series("loss").size == 400 and run.series("loss")[10] == pytest.approx(2.0 / 11 ** 0.5, abs=1e-5)
    assert "1 stray row out of step order skipped (step 10 between 149 and 150)" in run.warnings
    resumed = rows[:150] + [f"{s},{1.0 / (1 + s) ** 0.5:.5f}" for s in range(100, 400)]
    [run] = read(write(tmp_path, "step,loss\n" + "\n".join(resumed) + "\n", "resumed.csv"))
    assert run.series("loss").size == 400 and any(w.startswith("steps go back to 100") for w in run.warnings)


def test_lines_a_crash_zeroed_are_skipped_and_named_wherever_they_fall(tmp_path):
    # A short file ending in a block of NUL bytes (ext4 after a power loss) was refused as binary,
    # while the same damage past the first 64 KB of a long file was read.
    rows = "".join(f"{s},{2.0 / (1 + s) ** 0.5!r},0.1\n" for s in range(400))
    path = tmp_path / "metrics.csv"
    path.write_bytes(b"step,loss,lr\n" + rows.encode() + b"\x00" * 4096)
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(400))
    assert run.warnings == ["1 line with NUL bytes skipped (line 402; cut by a crash?)"]
    lines = (b"step,loss,lr\n" + rows.encode()).split(b"\n")
    lines[100] = lines[100][:5] + b"\x00" + lines[100][5:]
    lines[300] = b"\x00" * 30
    path.write_bytes(b"\n".join(lines))
    [run] = read(path)
    assert 99 not in run.frame.index and 299 not in run.frame.index and len(run.frame) == 398
    assert run.warnings == ["2 lines with NUL bytes skipped (first at line 101; cut by a crash?)"]


@pytest.mark.parametrize("content, reason", [(b"\x00" * 5000, "the file holds only NUL bytes (zeroed by a crash?)"),
                                             (b"step,\x00loss\n1,2\n2,3\n", "binary content, not a text log"),
                                             (bytes(range(256)) * 40, "binary content, not a text log")])
def test_zeroed_and_binary_files_are_one_line_each(tmp_path, content, reason):
    path = tmp_path / "metrics.csv"
    path.write_bytes(content)
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(path)], capture_output=True,
                         text=True)
    assert res.returncode == 2 and res.stderr.count("\n") == 1 and reason in res.stderr, res.stderr


def test_excel_s_delimiter_line_and_comment_lines_between_rows(tmp_path):
    rows = [f"{i},{2.0 / (1 + i) ** 0.3:.4f},{0.1 if i < 200 else 0.01}" for i in range(400)]
    # Excel's "sep=," first line: once the header, so the steps and the LR were lost.
    excel = tmp_path / "excel.csv"
    excel.write_text("sep=;\nstep;loss;lr\n" + "".join(r.replace(",", ";") + "\n" for r in rows))
    [run] = read(excel)
    assert sorted(run.frame.columns) == ["loss", "lr"] and run.frame.index[-1] == 399
    assert "Excel's first line 'sep=;' read as the delimiter" in run.warnings
    # A note written between the rows on a resume: once made the step column unusable.
    noted = tmp_path / "noted.csv"
    noted.write_text("step,loss,lr\n" + "\n".join(rows[:200] + ["# resumed from checkpoint step 200"] + rows[200:])
                     + "\n")
    [run] = read(noted)
    assert list(run.frame.index) == list(range(400)) and run.series("loss").iloc[-1] == float(rows[-1].split(",")[1])
    assert "1 comment lines (#) between the rows skipped" in run.warnings


@pytest.mark.parametrize("counter", ["step", "batch_idx"])
@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_step_counter_that_starts_over_each_epoch_is_counted_across_epochs(tmp_path, counter, end):
    # A loop logging (epoch, its batch index): read as written, each epoch replaced the last as a
    # restart and 40 of 400 points were left (or, with batch_idx, the epoch was the step). Written
    # by the csv module (lines ending in \r\n), `epoch,step,...` had been taken for Keras's CSVLogger,
    # which kept each epoch's last row.
    loss = [2.0 / (1 + i) ** 0.3 for i in range(400)]
    path = tmp_path / "metrics.csv"
    path.write_bytes((f"epoch,{counter},loss,lr{end}" + "".join(
        f"{i // 40},{i % 40},{v},{0.1 if i < 200 else 0.01}{end}" for i, v in enumerate(loss))).encode())
    [run] = read(path)
    assert list(run.frame.index) == list(range(400)) and run.series("loss").to_list() == loss
    assert sorted(run.frame.columns) == ["epoch", "loss", "lr"]
    assert run.warnings == [f"{counter!r} starts over at each epoch: counted across epochs as 40 to an epoch "
                            "(the counter's span; the log does not give the epoch's length)"]
    # A log appended after a restart, epochs going back too, is still a restart.
    path.write_text(f"epoch,{counter},loss\n" + "".join(f"{i // 40},{i % 40},{v}\n" for i, v in enumerate(loss[:80]))
                    + "".join(f"{i // 40},{i % 40},{v}\n" for i, v in enumerate(loss[:80])))
    [run] = read(path)
    assert not any("starts over" in w for w in run.warnings)


def test_a_batch_index_logged_every_few_batches_spans_the_epoch_with_its_last_interval(tmp_path):
    # Every 4th batch of 28 logged (4, 8, .., 28): 25 to an epoch put an epoch's first row 1 step
    # after the last one's and every step of epoch k short by 3k (a decay at 379 for 424).
    path = tmp_path / "log.csv"
    path.write_text("epoch,step,loss\n" + "".join(f"{e},{b},{2.0 / (1 + 28 * e + b) ** 0.3}\n"
                                                  for e in range(30) for b in range(4, 29, 4)))
    [run] = read(path)
    assert list(run.frame.index) == [28 * e + b for e in range(30) for b in range(4, 29, 4)]
    assert run.warnings == ["'step' starts over at each epoch: counted across epochs as 28 to an epoch "
                            "(the counter's span; the log does not give the epoch's length)"]


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_log_appended_to_under_a_header_with_another_column_is_one_table(tmp_path, end):
    # CSVLogger(append=True) after a metric was added: the second run writes its own header with
    # val_accuracy. Its rows, wider than the first header, were skipped as malformed: 30 of 60 epochs.
    first = [f"{e},{2 / (1 + e) ** 0.4},0.1,{2.2 / (1 + e) ** 0.4}" for e in range(30)]
    second = [f"{e},{0.2 / (1 + e - 30) ** 0.1},0.01,{0.22 / (1 + e - 30) ** 0.1},0.93" for e in range(30, 60)]
    path = tmp_path / "training.log"
    path.write_bytes(end.join(["epoch,loss,lr,val_loss"] + first + ["epoch,loss,lr,val_loss,val_accuracy"] + second)
                     .encode() + end.encode())
    [run] = read(path)
    assert list(run.frame.index) == list(range(60)) and run.series("val_accuracy").index[0] == 30
    assert run.series("lr").iloc[-1] == 0.01 and len(run.series("loss")) == 60
    assert run.warnings == ["the header is written again with other columns 1 time (a log appended to by a run "
                            "logging other columns): read as one table, columns matched by name"]


@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize("parts", [1, 2])
def test_a_header_written_again_with_no_row_under_it_yet_is_read_up_to(tmp_path, end, parts):
    # The same log caught as the next fit() has written its header and not yet its first row (what watch
    # sees, and a CI step reading a log still being written): refused whole as "header only, no data rows".
    first = [f"{e},{2 / (1 + e) ** 0.4},0.1,{2.2 / (1 + e) ** 0.4}" for e in range(30)]
    lines = ["epoch,loss,lr,val_loss"] + first
    if parts == 2:
        lines += ["epoch,loss,lr,val_loss,val_accuracy"] + [f"{e},0.2,0.01,0.22,0.93" for e in range(30, 40)]
    path = tmp_path / "training.log"
    path.write_bytes(end.join(lines + ["epoch,loss,lr,val_loss,val_accuracy,val_f1"]).encode() + end.encode())
    before = path.read_bytes()
    [run] = read(path)
    assert list(run.frame.index) == list(range(30 if parts == 1 else 40)) and path.read_bytes() == before
    assert "the header is written again at the end with no row under it yet (a run appending to the log): read up " \
           "to it" in run.warnings


@pytest.mark.parametrize("second_header", ["lr,step,train_loss", "train_loss,lr,step", "step,lr,train_loss"])
def test_a_header_written_again_in_another_order_reads_the_rows_under_it_in_that_order(tmp_path, second_header):
    # A resumed run whose logger orders its keys anew: the rows after the new header were read in
    # the first header's order (lr 0.01 as the step, the step as the loss): a x400 "instability".
    rows = [(s, 2.0 / (1 + s) ** 0.5 + (0.5 if s <= 150 else 0.2), 0.1 if s <= 150 else 0.01) for s in range(1, 301)]
    order = second_header.split(",")
    cell = lambda r, name: {"step": str(r[0]), "train_loss": f"{r[1]:.5f}", "lr": str(r[2])}[name]
    path = tmp_path / "metrics.csv"
    path.write_text("step,train_loss,lr\n" + "".join(f"{r[0]},{r[1]:.5f},{r[2]}\n" for r in rows[:200])
                    + second_header + "\n" + "".join(",".join(cell(r, n) for n in order) + "\n" for r in rows[200:]))
    [run] = read(path)
    assert list(run.frame.index) == list(range(1, 301))
    assert np.allclose(run.series("train_loss").to_numpy(), [round(r[1], 5) for r in rows])
    assert run.series("lr").iloc[-1] == 0.01
    assert run.warnings == ["the header is written again in another order 1 time (a resumed run ordering its keys "
                            "anew): each row read under its own header, columns matched by name"]


def test_a_global_step_column_named_with_a_space_is_the_step(tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text("global step,loss\n" + "".join(f"{10 * i},{1 / (1 + i)}\n" for i in range(50)))
    [run] = read(path)
    assert list(run.frame.columns) == ["loss"] and run.frame.index[-1] == 490 and run.warnings == []


def test_a_stray_line_or_one_fractional_step_is_set_aside_not_the_step_column(tmp_path):
    # One "Killed" line in the middle of a step,loss,lr log threw the step column away: every later
    # step moved by one, and the decay at 200 was reported at 201.
    rows = [(i, (0.8 if i < 200 else 0.25) * (1 + 0.01 * (i % 3)), 0.1 if i < 200 else 0.01) for i in range(400)]
    lines = [f"{i},{v},{lr}" for i, v, lr in rows]
    path = write(tmp_path, "step,loss,lr\n" + "\n".join(lines[:200] + ["Killed"] + lines[200:]) + "\n")
    [run] = read(path)
    assert run.step_axis == "step" and run.frame.index.tolist() == list(range(400))
    assert "1 row whose 'step' is no whole step set aside (the first holds 'Killed')" in run.warnings
    path = write(tmp_path, "step,loss,lr\n" + "\n".join(lines + ["399.5,0.2,0.01"]) + "\n")
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(400)) and run.series("loss").loc[399] == rows[399][1]
    assert "1 row whose 'step' is no whole step set aside (the first holds '399.5')" in run.warnings


def test_a_few_percent_of_empty_step_cells_are_set_aside(tmp_path):
    # Six empty step cells in 300 rows (2%) threw the step column away: every row numbered from 0,
    # the decay at step 1500 read at 149.
    rows = [("" if s % 50 == 0 else s * 10, 2 * math.exp(-s / 80) + 0.4, 0.1 if s <= 150 else 0.01)
            for s in range(1, 301)]
    [run] = read(write(tmp_path, "step,loss,lr\n" + "".join(f"{s},{v},{lr}\n" for s, v, lr in rows)))
    assert run.step_axis == "step" and run.frame.index.tolist() == [s for s, _, _ in rows if s != ""]
    assert "6 rows whose 'step' is no whole step set aside (the first holds an empty cell)" in run.warnings
    # A step column mostly empty is no step column.
    rows = [("" if s % 10 else s, 2 * math.exp(-s / 80) + 0.4) for s in range(1, 301)]
    [run] = read(write(tmp_path, "step,loss\n" + "".join(f"{s},{v}\n" for s, v in rows)))
    assert run.step_axis == "row" and any("'step' is not a usable step" in w for w in run.warnings)


def test_rows_with_no_step_holding_a_metric_of_their_own_are_kept(tmp_path):
    # An eval row without the step every 25 steps: set aside, val_loss would be lost with them.
    lines = []
    for s in range(1, 401):
        lines.append(f"{s},{2 / s ** 0.5},")
        lines += [f",,{2.2 / s ** 0.5}"] if s % 25 == 0 else []
    [run] = read(write(tmp_path, "step,loss,val_loss\n" + "\n".join(lines) + "\n"))
    assert run.step_axis == "row" and run.series("val_loss").notna().sum() == 16
    assert "16 rows with no whole 'step' hold every value of 'val_loss': not set aside" in run.warnings


def test_fastai_fit_table_with_its_time_column_is_read(tmp_path):
    # The mm:ss time column got the whole table refused ("no line holds a training record").
    lines = ["epoch     train_loss  valid_loss  accuracy  time    "]
    lines += [f"{e:<10d}{2 / (1 + 0.1 * e):.6f}    {2.2 / (1 + 0.1 * e):.6f}    {0.3 + 0.01 * e:.6f}  00:{e:02d}   "
              for e in range(30)]
    path = tmp_path / "fit.log"
    path.write_text("\n".join(lines) + "\n")
    [run] = read(path)
    assert run.step_axis == "epoch" and list(run.frame.columns) == ["train_loss", "valid_loss", "accuracy"]
    assert run.series("valid_loss").loc[10] == pytest.approx(1.1)
    assert "non-numeric column skipped: time" in run.warnings


@pytest.mark.parametrize("above", [["Total time: 02:40"],
                                   ["epoch     train_loss  valid_loss  accuracy  time", "0  4.875985  3.940408  00:40",
                                    "Total time: 02:40"]])
def test_a_fastai_fit_table_under_the_lines_a_notebook_printed_before_it_is_read(tmp_path, above):
    # The next fit's table under the last one's "Total time: 02:40" (and a cut-off row of it): sniffed as a
    # text log of key-value lines, it was refused as holding no training record.
    lines = above + ["epoch     train_loss  valid_loss  accuracy  time    "]
    lines += [f"{e:<10d}{2 / (1 + 0.1 * e):.6f}    {2.2 / (1 + 0.1 * e):.6f}    {0.3 + 0.01 * e:.6f}  03:{e:02d}   "
              for e in range(20)] + ["Total time: 1:14:01"]
    path = tmp_path / "notes.txt"
    path.write_text("\n".join(lines) + "\n")
    [run] = read(path)
    assert run.format == "csv" and list(run.frame.columns) == ["train_loss", "valid_loss", "accuracy"]
    assert run.series("valid_loss").index.tolist() == list(range(20)) and run.series("accuracy").iloc[-1] == 0.49
    assert any(w.startswith(f"{len(above)} line") and "before the table's header skipped" in w for w in run.warnings)


def test_a_trainers_notebook_table_under_unsloths_banner_is_read(tmp_path):
    # Unsloth prints a five-line banner before training, then the Trainer's notebook progress line and its table
    # ("Step<TAB>Training Loss"); copied from a notebook, the six lines above the header had the file refused as
    # a text log with no record (the same table under fewer lines read).
    lines = ["==((====))==  Unsloth - 2x faster free finetuning | Num GPUs = 1",
             "    \\   /|    Num examples = 1,760 | Num Epochs = 1",
             "O^O/ \\_/ \\    Batch size per device = 5 | Gradient Accumulation steps = 8",
             "\\        /    Total batch size = 40 | Total steps = 220",
             ' "-____-"     Number of trainable parameters = 469,762,048', "", " [220/220 1:23:41, Epoch 1/1]",
             "Step\tTraining Loss"] + [f"{s}\t{2.1 / (1 + s / 40):.6f}" for s in range(1, 221)]
    path = tmp_path / "unsloth.txt"
    path.write_text("\n".join(lines) + "\n")
    [run] = read(path)
    assert run.series("Training Loss").index.tolist() == list(range(1, 221))
    assert any(w.startswith("6 lines") and "before the table's header skipped" in w for w in run.warnings), run.warnings


CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"


def test_a_fractional_epoch_with_no_step_still_dates_events_and_milestones(tmp_path):
    # A real per-step run (MultiStepLR at epochs 12 and 24, no LR logged) written the way HF and
    # W&B users export it: the fractional epoch as the only x. The epoch is no step, so rows are
    # numbered; but it was dropped, events came out with no epoch, and --milestone-unit epoch
    # said the log had no epoch column.
    lines = (CORPUS / "sd_teacher_csv_nolr" / "metrics.csv").read_text().splitlines()
    rows = [line.split(",") for line in lines[1:]]
    per_epoch = 156  # updates per epoch of that run (its truth.json)
    path = write(tmp_path, "epoch,train_loss\n" + "".join(
        f"{int(r[0]) / per_epoch:.4f},{r[2]}\n" for r in rows if r[2]))
    [run] = read(path)
    assert run.step_axis == "row" and run.role("epoch") == "epoch"
    assert any("fractional epochs" in w for w in run.warnings)
    (ra,) = analyze(path, user_schedule=UserSchedule(milestones=[12, 24], unit="epoch"))
    assert [c.step for c in ra.schedule.changes] == [1872, 3744]  # the rows of steps 1873 and 3745
    drops = [e for e in ra.metrics[0].events if e.label == "lr_decay"]
    assert [round(e.epoch) for e in drops] == [12, 24]
    out = CliRunner().invoke(app, ["analyze", str(path)]).output
    assert "\n  row " in out and "\n  step " not in out
    # The same run as a W&B panel export with the x-axis set to the epoch: its epoch was given the
    # role of a wall time.
    panel = tmp_path / "wandb_export.csv"
    panel.write_text('"epoch","run-1 - train_loss","run-1 - train_loss__MIN","run-1 - train_loss__MAX"\n' + "".join(
        f'"{int(r[0]) / per_epoch:.6f}","{r[2]}","{r[2]}","{r[2]}"\n' for r in rows if r[2]))
    [run] = read(panel)
    assert run.format == "wandb_panel" and run.role("epoch") == "epoch"
    (ra,) = analyze(panel, user_schedule=UserSchedule(milestones=[12, 24], unit="epoch"))
    assert [round(e.epoch) for e in ra.metrics[0].events if e.label == "lr_decay"] == [12, 24]


def test_yolov5_results_read_their_lr_columns(tmp_path):
    # YOLOv5's results.csv: a space-padded header and the LR of each param group as x/lr0..x/lr2.
    # They were read as metrics of unknown direction, and the decay at epoch 60 went unnamed.
    names = ["epoch", "train/box_loss", "metrics/mAP_0.5", "val/box_loss", "x/lr0", "x/lr1", "x/lr2"]
    rows = []
    for e in range(100):
        lr = 0.01 if e < 60 else 0.001
        box = 0.11 * (1 + e) ** -0.3 * (0.7 if e >= 60 else 1.0)
        rows.append([e, box, 0.3 + 0.004 * e + (0.05 if e >= 60 else 0), 1.1 * box, lr, lr, lr])
    path = write(tmp_path, ",".join(f"{n:>20}" for n in names) + "\n" + "".join(
        ",".join(f"{v:>20.5g}" for v in row) + "\n" for row in rows), "results.csv")
    [run] = read(path)
    assert [c for c in run.frame.columns if run.role(c) == "lr"] == ["x/lr0", "x/lr1", "x/lr2"]
    (ra,) = analyze(path)
    assert [c.step for c in ra.schedule.changes] == [60]
    box = next(m for m in ra.metrics if m.name == "train/box_loss")
    assert [(e.step, e.label) for e in box.events] == [(60, "lr_decay")]


@pytest.mark.parametrize("name", ["lr[0]", "lr (x1e-3)", "Learning Rate (per step)", "x/lr0", "lr/pg0", "lr_0"])
def test_lr_columns_under_other_spellings(tmp_path, name):
    path = write(tmp_path, f'step,loss,"{name}"\n' + "".join(f"{s},{1 / (s + 1):.5g},0.1\n" for s in range(20)))
    [run] = read(path)
    assert run.role(name) == "lr"


def test_a_dos_end_of_file_mark_is_no_line_cut_short(tmp_path):
    # Old Windows tools end a text file with ^Z after its last line: every row is whole, and the
    # report said the last line was cut mid-write.
    path = tmp_path / "log.csv"
    path.write_bytes(b"step,loss\r\n" + b"".join(f"{s},{1 / s:.5f}\r\n".encode() for s in range(1, 101)) + b"\x1a")
    [run] = read(path)
    assert len(run.frame) == 100 and run.series("loss").iloc[-1] == 0.01
    assert not any("cut" in w for w in run.warnings), run.warnings


def german(x, spec: str = "") -> str:
    """A number as German or French Excel writes it: a decimal comma, dots between thousands (1.234,5)."""
    return format(x, spec).translate(str.maketrans(",.", ".,"))


@pytest.mark.parametrize("sep, quote", [(";", ""), ("\t", ""), (",", '"')])
def test_a_decimal_comma_shown_by_one_column_is_read_in_every_column(tmp_path, sep, quote):
    # "3,064" is a thousands group too: read column by column, a loss whose every value is >= 1 with
    # three decimals came out x1000 beside an lr column whose "0,100" shows the comma is the decimal mark.
    loss = [round(3.064 - i / 100, 3) for i in range(150)]
    rows = [sep.join([str(i + 1), quote + german(v, ".3f") + quote, quote + german(0.1, ".3f") + quote])
            for i, v in enumerate(loss)]
    [run] = read(write(tmp_path, sep.join(["step", "loss", "lr"]) + "\n" + "\n".join(rows) + "\n"))
    assert run.series("loss").tolist() == pytest.approx(loss) and run.series("lr").iloc[0] == 0.1
    assert run.warnings == ["column 'loss': decimal commas read as decimal points",
                            "column 'lr': decimal commas read as decimal points"]


def test_commas_that_fit_both_readings_stay_thousands_and_say_so_unless_a_number_decides(tmp_path):
    # Quoted in a comma-separated table, nothing tells (a ";" separator would: its commas are decimal).
    [run] = read(write(tmp_path, 'step,loss\n1,"3,064"\n2,"2,998"\n3,"1,259"\n'))
    assert run.series("loss").tolist() == [3064, 2998, 1259]
    assert run.warnings == ["column 'loss': thousands separators removed ('3,064' read as 3064, not 3.064: "
                            "no number in the file tells a thousands separator from a decimal comma)"]
    # A decimal point in another column shows the comma is the thousands separator: nothing to doubt.
    [run] = read(write(tmp_path, 'step,tokens,loss\n1,"3,064",0.53\n2,"6,128",0.5\n'))
    assert run.series("tokens").tolist() == [3064, 6128]
    assert run.warnings == ["column 'tokens': thousands separators removed"]


@pytest.mark.parametrize("scale", [1, 100])
def test_dots_between_digit_groups_in_a_decimal_comma_file_are_thousands_separators(tmp_path, scale):
    # Steps written 1.000, 2.000, ... beside decimal commas were read as 1, 2, ... with no word; steps
    # 100 ... 900, 1.000, 1.100 fell back to the row number, blamed on "fractional cells".
    steps, loss = _decay_columns()
    steps = steps * scale
    rows = [f"{german(s, ',')};{german(v, '.5f')};12.05.2024" for s, v in zip(steps, loss)]
    path = write(tmp_path, "step;loss;date\n" + "\n".join(rows) + "\n")
    [run] = read(path)
    assert run.frame.index.tolist() == steps.tolist()
    assert run.series("loss").to_numpy() == pytest.approx(loss, abs=1e-5)
    assert run.warnings == ["column 'step': dots read as thousands separators (the file writes decimal commas)",
                            "column 'loss': decimal commas read as decimal points",
                            "non-numeric column skipped: date"]  # a dot in a date is no thousands separator
    [ra] = analyze(path, metrics=["loss"])
    assert [(e.kind, e.step) for e in ra.metrics[0].events] == [("drop", 1500 * scale)]


def test_a_row_too_wide_in_a_decimal_comma_file_shifts_no_column(tmp_path):
    [run] = read(write(tmp_path, "step;loss\n1.000;1,5\n2.000;1,25;9;9\n3.000;1,0\n"))
    assert run.series("loss").to_dict() == {1000: 1.5, 3000: 1.0}
    assert "1 malformed rows skipped (more fields than the header)" in run.warnings


def test_per_epoch_rows_without_a_step_sit_at_the_end_of_their_epoch(tmp_path):
    # A real run's CSV (validation on the row of each epoch's last step) rewritten as a loop that
    # writes its per-epoch metrics on rows of their own, the step left empty. Those rows were set
    # aside as stray, and val_loss and val_acc with them.
    source = CORPUS / "sd_teacher_csv_nolr" / "metrics.csv"
    header, *rows = source.read_text().splitlines()
    out = [header]
    for row in rows:
        step, epoch, train, val_loss, val_acc = row.split(",")
        if val_loss:
            out += [f"{step},{epoch},{train},,", f",{epoch},,{val_loss},{val_acc}"]
        else:
            out.append(row)
    path = write(tmp_path, "\n".join(out) + "\n")
    [run], [whole] = read(path), read(source)
    for name in ("train_loss", "val_loss", "val_acc"):
        assert run.series(name).equals(whole.series(name)), name
    assert any("placed at the last step logged in their epoch" in w for w in run.warnings)


def test_a_step_counter_that_starts_over_beside_a_global_step_gives_way_to_it(tmp_path):
    # The batch index logged every 10 batches of a 95-batch epoch, and the global step beside it:
    # the counter's span (91) would have put every epoch 4 steps short and the decay at epoch 15
    # (global step 1425) at 1365.
    rows = [(e, b, e * 95 + b) for e in range(30) for b in range(0, 95, 10)]
    path = tmp_path / "m.csv"
    path.write_text("epoch,step,global_step,lr,loss\n" + "".join(
        f"{e},{b},{g},{0.1 if e < 15 else 0.01},{1.0 if e < 15 else 0.5}\n" for e, b, g in rows))
    [run] = read(path)
    assert list(run.frame.index) == [g for _, _, g in rows]
    assert sorted(run.frame.columns) == ["epoch", "loss", "lr"]
    assert run.warnings == ["'step' starts over at each epoch: steps read from 'global_step'"]


def test_a_second_step_column_is_bookkeeping_not_a_metric(tmp_path):
    # "Step" (10 per row) beside "step": the one not read as the step was a metric of unknown
    # direction, named in a warning as left out and offered to --metric.
    path = tmp_path / "m.csv"
    path.write_text("Step,step,loss\n" + "".join(f"{10 * i},{i},{2.0 / (i + 1)}\n" for i in range(50)))
    [run] = read(path)
    assert run.columns_with_role("metric") == ["loss"]
    assert [run.role(c) for c in run.frame.columns if c != "loss"] == ["other"]


def test_a_dataframe_in_a_notebook_is_analysed_as_its_csv_would_be():
    # The real grokking CSV, loaded by pandas as a notebook would, given with its step as a column
    # and as the index: the same events as the file itself.
    import pandas as pd

    import curvedoc

    path = GROKKING[0]
    def events(ras):
        return [(sa.name, e.kind, e.step, e.label) for ra in ras for sa in ra.metrics for e in sa.events]

    from_file = events(curvedoc.analyze(path))
    assert from_file
    frame = pd.read_csv(path)
    assert events(curvedoc.analyze(frame)) == from_file
    assert events(curvedoc.analyze(frame.set_index("step"))) == from_file
    # One column as a Series, its step as the index; a name given twice numbered as pandas does.
    loss = frame.set_index("step")["train_loss"]
    assert events(curvedoc.analyze(loss)) == [e for e in from_file if e[0] == "train_loss"]
    twice = pd.concat([frame[["step", "train_loss"]], frame[["train_loss"]]], axis=1)
    assert [sa.name for sa in curvedoc.analyze(twice)[0].metrics] == ["train_loss", "train_loss.1"]


def test_a_long_table_of_several_runs_is_read_as_one_run_each(tmp_path):
    # The two real grokking runs in one table, as a sweep's notebook writes it (pd.concat with a
    # `run` column), rows interleaved by step: each the run it was, named by its label. Read as
    # one, the second run's values overwrote the first's at every step.
    import pandas as pd

    parts = []
    for label, path in zip(("adamw", "muon"), GROKKING):
        frame = pd.read_csv(path)[["step", "train_loss", "test_accuracy"]]
        parts.append(frame.assign(run=label))
    long = pd.concat(parts).sort_values(["step", "run"], kind="stable")[["run", "step", "train_loss", "test_accuracy"]]
    long.to_csv(tmp_path / "sweep.csv", index=False)
    runs = read(tmp_path / "sweep.csv")
    assert [r.name for r in runs] == ["adamw", "muon"]
    for run, path in zip(runs, GROKKING):
        (alone,) = read(path)
        for col in ("train_loss", "test_accuracy"):
            np.testing.assert_array_equal(run.series(col).dropna().to_numpy(), alone.series(col).dropna().to_numpy())
        assert any("one of 2 runs" in w for w in run.warnings)
    # A `name` column in a long table most often names the metric (step,name,value): not split.
    metrics = pd.concat([parts[0][["step", "train_loss"]].rename(columns={"train_loss": "value"}).assign(name=n)
                         for n in ("train_loss", "val_loss")])[["step", "name", "value"]]
    metrics.to_csv(tmp_path / "long.csv", index=False)
    assert len(read(tmp_path / "long.csv")) == 1


def test_a_stable_baselines3_monitor_log_is_read_on_environment_steps_with_its_reward_named(tmp_path):
    # SB3's Monitor: a JSON comment line, then r (episode reward), l (length), t (seconds). The
    # agent of a chain task takes the near reward (0.1, short episodes) until it finds the far
    # one (1.0, longer episodes) after some 5,000 episodes. Read as a generic CSV, r had no known
    # direction and the wall clock t was analysed as a metric ("instability" as it grew).
    rng = np.random.default_rng(0)
    far = np.concatenate([rng.random(5000) < 0.02, rng.random(3000) < 0.95])
    r = np.where(far, 1.0, np.where(rng.random(8000) < 0.9, 0.1, 0.0))
    lengths = np.where(far, rng.integers(10, 14, 8000), rng.integers(2, 9, 8000))
    t = np.cumsum(lengths) * 4e-4
    log = write(tmp_path, '#{"t_start": 1796400000.0, "env_id": "Chain-v0"}\nr,l,t\n' + "".join(
        f"{a},{b},{c:.4f}\n" for a, b, c in zip(r, lengths, t)), "monitor.csv")
    (run,) = read(log)
    assert list(run.frame.columns) == ["episode_reward", "episode_length"]
    assert run.frame.index[-1] == lengths.sum() and run.frame.index[0] == lengths[0]
    (ra,) = analyze(log)
    (reward,) = ra.metrics
    (e,) = reward.events
    assert e.direction == "up" and reward.higher_is_better
    assert abs(e.step - lengths[:5000].sum()) <= 0.05 * lengths.sum(), (e.step, lengths[:5000].sum())


def test_a_column_alone_in_fortran_exponents_is_named_with_the_reason(tmp_path):
    # Only the LR written 1.000D-01: it was skipped as "non-numeric", and the evidence then said the
    # log has no LR, with nothing to say why.
    path = tmp_path / "run.csv"
    path.write_text("step,loss,lr\n" + "".join(f"{s},{1 / (1 + s):.5f},1.000D-01\n" for s in range(1, 40)))
    (run,) = read(path)
    assert "non-numeric column skipped: lr (a Fortran exponent such as '1.000D-01': write it with E)" in run.warnings


def test_sweep_runs_keep_the_dots_of_their_names(tmp_path):
    # lr0.1.csv and lr0.01.csv were cut at the first dot: "lr0" and "lr0#2" in compare.
    for name in ("lr0.1.csv", "lr0.01.csv.gz", "run.v2.log"):
        body = "step,loss\n" + "".join(f"{s},{1 / s:.4f}\n" for s in range(1, 30))
        path = tmp_path / name
        if name.endswith(".gz"):
            import gzip

            path.write_bytes(gzip.compress(body.encode()))
        else:
            path.write_text(body)
    assert [read(tmp_path / n)[0].name for n in ("lr0.1.csv", "lr0.01.csv.gz", "run.v2.log")] == \
        ["lr0.1", "lr0.01", "run.v2"]


@pytest.mark.parametrize("sep, mark", [("\u202f", ","), ("\u00a0", ","), ("'", "."), ("_", ".")])
def test_thousands_groups_marked_by_a_space_an_apostrophe_or_an_underscore(tmp_path, sep, mark):
    # French Excel writes 30 000 (a narrow no-break space) with decimal commas, Swiss 30'000, Python 30_000:
    # the step column fell back to row numbers, and every event was dated by row.
    delim = ";" if mark == "," else ","
    rows = [f"{s:,}".replace(",", sep) + delim + f"{1 / (1 + s / 1000):.4f}".replace(".", mark)
            for s in range(100, 60001, 100)]
    path = tmp_path / "run.csv"
    path.write_text(f"step{delim}loss\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (run,) = read(path)
    assert run.frame.index[0] == 100 and run.frame.index[-1] == 60000
    assert run.series("loss").iloc[-1] == pytest.approx(1 / 61, abs=1e-4)


def test_a_step_column_of_dates_is_named_when_rows_number_the_steps(tmp_path):
    # "no step or epoch column" beside a column named step: it holds dates, which is what to fix.
    path = tmp_path / "metrics.csv"
    path.write_text("step,loss\n" + "".join(f"2026-01-{d:02d},{1 / d:.4f}\n" for d in range(1, 29)))
    [run] = read(path)
    assert "no step or epoch column holding numbers (column 'step' holds text or dates); using the row number " \
           "as the step" in run.warnings


@pytest.mark.parametrize("names,inner", [(("step", "global_step"), lambda g: g % 100),
                                         (("step", "iter"), lambda g: g // 10)])
def test_a_step_that_goes_back_or_repeats_beside_one_that_only_rises_gives_way(tmp_path, names, inner):
    # A batch index named "step" beside the global step, or optimizer steps beside micro-batch
    # iterations: read on the first, the resume rule kept the last epoch only (a NaN at global
    # step 250 went with the rest, and check passed), or one point in ten.
    rows = [f"{inner(g)},{g},{1.0 if g < 300 else 0.5}" for g in range(600)]
    path = write(tmp_path, f"{names[0]},{names[1]},loss\n" + "\n".join(rows) + "\n", "log.csv")
    [run] = read(path)
    loss = run.series("loss")
    assert loss.index.tolist() == list(range(600)) and loss.loc[299] == 1.0 and loss.loc[300] == 0.5
    assert any(w.endswith(f"where {names[1]!r} only rises: {names[1]!r} read as the step") for w in run.warnings)


@pytest.mark.parametrize("first", ["iter", "optimizer_step"])
def test_optimizer_steps_beside_micro_batch_iterations_are_a_counter_not_a_metric(tmp_path, first):
    # Gradient accumulation over 4 micro-batches, a row per micro-batch: the optimizer step was a
    # metric whose direction the name did not say, and analyze asked for --higher-is-better.
    rows = [(g, g // 4, 1.0 if g < 300 else 0.5) for g in range(600)]
    if first == "optimizer_step":
        rows = [(o, i, loss) for i, o, loss in rows]
    header = "iter,optimizer_step" if first == "iter" else "optimizer_step,iter"
    path = write(tmp_path, header + ",loss\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows), "log.csv")
    [run] = read(path)
    assert run.series("loss").index.tolist() == list(range(600))
    assert run.role("optimizer_step") == "other" and run.columns_with_role("metric") == ["loss"]


def test_a_loop_s_bookkeeping_columns_are_no_metrics(tmp_path):
    # The loader's wait (torchvision's "data"), the memory held, nanoGPT's mfu, an RL log's episode time, the
    # word LM example's ms/batch and a throughput were metrics whose direction the name did not say.
    rows = "".join(f"{s},{2.0 / (1 + s / 50):.4f},0.0002,{1500 + s},{10.7 - s / 1000:.2f},{3.1 + s % 3},"
                   f"{45.2 + s % 7},{9100 + s % 13}\n" for s in range(200))
    [run] = read(write(tmp_path, "step,loss,data,max_mem,mfu,episode time,ms/batch,tok/s\n" + rows, "log.csv"))
    assert run.columns_with_role("metric") == ["loss"], run.roles
    # TensorFlow's Estimator writes global_step/sec beside its loss; fairseq its words and updates a second,
    # words and sentences a batch, out-of-memory count and wall seconds, bare and under its sections; CLU its timings.
    # ESPnet's and Sockeye's counts, LLaMA-Factory's percentage done, nnU-Net's "This epoch took 137.1 s".
    names = ["global_step/sec", "wps", "ups", "wpb", "bsz", "oom", "wall", "train_wall", "valid_wps", "total_count",
             "Samples", "Checkpoint", "Time-cost", "Updates/sec", "percentage", "took", "timing/seconds"]
    rows = "".join(f"{s},{2.0 / (1 + s / 50):.4f},"
                   + ",".join(f"{1000 + 7 * k + s % (k + 3)}" for k in range(len(names)))
                   + "\n" for s in range(200))
    [run] = read(write(tmp_path, "step,loss," + ",".join(names) + "\n" + rows, "fairseq.csv"))
    assert run.columns_with_role("metric") == ["loss"], run.roles


def test_a_semicolon_table_whose_commas_fit_both_readings_reads_them_as_decimal_marks(tmp_path):
    # Excel in a German or French locale separates with ";" because the comma is its decimal mark:
    # "10,013" there is 10.013, though three decimals would also fit a thousands separator.
    rows = "".join(f"{s};{10.013 - s / 100:.3f}\n".replace(".", ",") for s in range(1, 301))
    [run] = read(write(tmp_path, "step;loss\n" + rows, "log.csv"))
    assert run.series("loss").iloc[0] == pytest.approx(10.003) and run.series("loss").max() < 11
    assert "column 'loss': decimal commas read as decimal points" in run.warnings


def test_a_csv_appended_to_by_a_resume_counting_from_0_again_is_one_run(tmp_path):
    # A loop appending to its CSV after a restart from the last checkpoint, its step counter back at
    # 0, the loss carrying on: one run numbered on, not the second attempt alone. A sweep's runs
    # appended one after another (each from the initial loss) still keep the later values.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import STEPLR_NOLR_LOSS

    loss = STEPLR_NOLR_LOSS.split()
    rows = [f"{s},{v}" for s, v in enumerate(loss[:700])] + [f"{s},{v}" for s, v in enumerate(loss[700:])]
    [run] = read(write(tmp_path, "step,loss\n" + "\n".join(rows) + "\n"))
    assert run.series("loss").index.tolist() == list(range(len(loss))) and run.restarts == [700]
    assert run.warnings == ["steps start again at 0 after 699, the values carrying on from there: read as one run "
                            "resumed without its step count, its steps renumbered from 700"]
    rows = [f"{s},{v}" for s, v in enumerate(loss[:700])] + [f"{s},{v}" for s, v in enumerate(loss[:300])]
    [run] = read(write(tmp_path, "step,loss\n" + "\n".join(rows) + "\n", "sweep.csv"))
    assert run.restarts == [] and len(run.series("loss")) == 300
    assert run.warnings[0].startswith("steps go back to 0: later values kept")


def test_a_second_fit_counting_its_epochs_from_0_again_is_numbered_on_by_its_rows(tmp_path):
    # A training loop called twice, its second call at a tenth of the LR counting epochs from 0 again
    # and appending to the same CSV. The model converged within its first epoch, so a median of the
    # first ten rows is the last ten's level and could not say which the second call carries on from:
    # the first fit was dropped as a resume's and the decay's drop with it. An epoch's row is a level.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import write_two_fits_run

    [ra] = analyze(write_two_fits_run(tmp_path / "log.csv"))
    assert ra.run.step_axis == "epoch" and ra.run.series("loss").index.tolist() == list(range(25))
    assert ra.run.restarts == [15] and ra.run.warnings[-1].startswith("steps start again at 0 after 14")
    [drop] = next(m for m in ra.metrics if m.name == "loss").events
    assert (drop.kind, drop.step, drop.label) == ("drop", 15, "lr_decay"), drop
    assert any("lr changed there, as logged" in x for x in drop.evidence), drop.evidence
    # The same loop starting a new model at its second call: the later rows stand alone, as before.
    [run] = read(write_two_fits_run(tmp_path / "fresh.csv", fresh=True))
    assert run.restarts == [] and len(run.series("loss")) == 10
    assert run.warnings[0].startswith("steps go back to 0: later values kept")


def test_configuration_written_on_every_row_is_no_curve():
    # The real grokking CSVs repeat the run's configuration on every row (num_layers, modulus,
    # d_model, ...): listed as metrics with no direction, analyze named them as left out and
    # suggested --metric num_layers. A constant metric named as one (a loss) would stay a metric.
    from curvedoc.analysis import analyze

    [run] = read(REAL_LOGS / "grokking_modadd_adamw")
    config = [w for w in run.warnings if w.startswith("constant on every row")]
    assert len(config) == 1 and "num_layers, modulus" in config[0]
    assert run.role("num_layers") == "other" and run.role("d_model") == "other"
    assert {"train_loss", "test_accuracy"} <= set(run.columns_with_role("metric"))
    [ra] = analyze(REAL_LOGS / "grokking_modadd_adamw")
    assert not any("num_layers" in w for w in ra.run.warnings if w.startswith("not analysed"))


def test_restarts_read_alike_short_attempts_and_steps_past_two_to_the_53(tmp_path):
    # Attempts of 5 rows each carrying on: the first two, too short to compare their own start and
    # end, were replaced while the rest were numbered on (590 of 600 points, two contradicting
    # warnings). Attempts of 3 rows are too short to tell a counter from a chunk pasted again: read
    # as before, every return alike. Numbered on past 2^53, a log is read as before too.
    loss = [2.0 / (1 + i / 50) for i in range(600)]
    rows = [f"{i % 5 + 1},{v:.6f}" for i, v in enumerate(loss)]
    [run] = read(write(tmp_path, "step,loss\n" + "\n".join(rows) + "\n"))
    assert len(run.series("loss")) == 600 and len(run.restarts) == 119
    assert not any(w.startswith("steps go back") for w in run.warnings), run.warnings
    rows = [f"{i % 3 + 1},{v:.6f}" for i, v in enumerate(loss)]
    [run] = read(write(tmp_path, "step,loss\n" + "\n".join(rows) + "\n", "short.csv"))
    assert run.restarts == [] and len(run.series("loss")) == 3
    rows = [f"{(i % 9) * 10 ** 15},{v:.6f}" for i, v in enumerate(loss[:27])]
    [run] = read(write(tmp_path, "step,loss\n" + "\n".join(rows) + "\n", "huge.csv"))
    assert run.restarts == [] and run.frame.index.max() < 2 ** 53


@pytest.mark.parametrize("preamble", ["comments", "blank lines", "spaces"])
def test_a_table_under_more_than_64_kb_of_preamble_is_read_as_the_table(tmp_path, preamble):
    # The format was told from the first 64 KB alone: under 81 KB of comment lines the table was
    # read as a text log of the numbers in the comments (and check passed it), under 70,000 blank
    # lines "the file holds only whitespace".
    head = {"comments": "".join(f"# config line {k}: lr=0.1 wd=5e-4 seed={k}\n" for k in range(2000)),
            "blank lines": "\n" * 70_000, "spaces": " " * 70_000 + "\n"}[preamble]
    path = tmp_path / "log.csv"
    path.write_text(head + "step,loss\n" + "".join(f"{s},{2.3 * 0.99 ** s:.5f}\n" for s in range(200)))
    [run] = read(path)
    assert run.format == "csv" and list(run.frame.columns) == ["loss"] and len(run.series("loss")) == 200


def test_a_json_lines_history_whose_first_record_is_over_64_kb_is_read(tmp_path):
    # A config record of 130 KB first: its line cut at 64 KB was no JSON, and the file "no training
    # series found (read as csv)".
    path = tmp_path / "history.jsonl"
    first = json.dumps({"_step": 0, "config": {f"key_{k}": "x" * 20 for k in range(5000)}, "loss": 2.3})
    path.write_text(first + "\n" + "".join(json.dumps({"_step": s, "loss": 2.3 * 0.99 ** s}) + "\n"
                                           for s in range(1, 200)))
    [run] = read(path)
    assert len(run.series("loss")) == 200


def test_a_csv_excel_saved_in_windows_1252_is_read_and_said(tmp_path):
    # Excel on a French Windows saves "Enregistrer sous CSV" in Windows-1252: an accented column
    # name and a text column in every row, every line not UTF-8. It was refused ("not UTF-8 text").
    rows = ["step;perte d'entraînement;remarque"] + [f"{s};{2.0 / (1 + s / 50):.5f};déjà" for s in range(300)]
    path = tmp_path / "entraînement.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    [run] = read(path)
    assert len(run.series("perte d'entraînement")) == 300
    assert any(w.startswith("not UTF-8: read as Windows-1252") for w in run.warnings)


def test_a_windows_1252_header_over_ascii_rows_is_read_as_windows_1252(tmp_path):
    # Excel on a German Windows: the only non-ASCII byte is the header's ä. One bad line in 201 was
    # read with it replaced, and --metric Präzision found no such metric.
    rows = ["Schritt;Verlust;Präzision"] + [f"{s};{2 * math.exp(-s / 50):.4f};{0.5 + s / 1000:.3f}".replace(".", ",")
                                           for s in range(1, 201)]
    path = tmp_path / "excel.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    [run] = read(path)
    assert list(run.frame.columns) == ["Verlust", "Präzision"] and len(run.series("Präzision")) == 200
    assert any(w.startswith("not UTF-8: read as Windows-1252") for w in run.warnings)
    # A byte that is no letter of a word (a damaged row) is still replaced, and said by line.
    rows = ["step,loss"] + [f"{s},{1 / s:.4f}" + "\xff" * (s == 20) for s in range(1, 41)]
    path.write_bytes("\n".join(rows).encode("latin-1") + b"\n")
    [run] = read(path)
    assert any(w.startswith("1 line holding bytes that are not UTF-8 read with them replaced") for w in run.warnings)


def test_quoted_numbers_with_thousands_separators_are_a_table(tmp_path):
    # A spreadsheet's CSV of numbers formatted with grouped thousands ("1,217.034", quoted): its rows
    # were no table to the sniffer, and the text reader said "no line holds a training record".
    path = tmp_path / "export.csv"
    path.write_text("step,loss\n" + "".join(f'"{s:,}","{1000 + 2400.0 / (1 + s / 1000):,.3f}"\n'
                                             for s in range(0, 300000, 1000)))
    assert sniff(path) == "csv"
    [run] = read(path)
    loss = run.series("loss")
    assert loss.index[:3].tolist() == [0, 1000, 2000] and loss.iloc[0] == 3400.0 and loss.iloc[1] == 2200.0


def test_an_episode_column_is_a_policy_log_s_step(tmp_path):
    # A policy's returns by episode, the count in a column after them: it is the axis, not a metric.
    path = tmp_path / "returns.csv"
    path.write_text("episodic_return,episodic_length,episode\n" + "".join(
        f"{-1.8 if e < 218 else 8.6},{18 if e < 218 else 13},{e}\n" for e in range(1, 401)))
    [run] = read(path)
    assert run.frame.index[0] == 1 and run.frame.index[-1] == 400 and "episode" not in run.frame.columns


def test_a_long_table_of_step_tag_value_rows_is_read_a_column_per_tag(tmp_path):
    # A real TensorBoard run (batch size doubled at steps 1001, 2001, 3001, ...) as tbparse's
    # `SummaryReader(logdir).scalars.to_csv()` writes it, and as MLflow's metric history is exported
    # (key, value, step, timestamp): read as it stands, the one value column held every series and each
    # step kept its last row's, the batch size read as the loss. Spread out, a column per tag, it gives
    # what the event file gives.
    tb = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "bs_teacher_tb" / "tb"
    [run] = read(tb)
    frame = run.frame.drop(columns=["wall_time"])
    long = frame.rename_axis("step").reset_index().melt(id_vars="step", var_name="tag").dropna()
    long.to_csv(tmp_path / "scalars.csv")  # pandas' index as the first column, as a plain to_csv leaves it
    history = long.rename(columns={"tag": "key"})[["key", "value", "step"]]
    history["timestamp"] = 1_700_000_000_000 + history["step"] * 37 + np.arange(len(history)) % 5
    history.to_csv(tmp_path / "history.csv", index=False)

    def events(path):
        return [(m.name, e.step, e.kind, e.label) for ra in analyze(path) for m in ra.metrics for e in m.events]

    expected = events(tb)
    assert [e for e in expected if e[3] == "batch_size_increase"], expected
    for path, key in ((tmp_path / "scalars.csv", "tag"), (tmp_path / "history.csv", "key")):
        [wide] = read(path)
        assert wide.series("train/loss").dropna().equals(run.series("train/loss").dropna())
        assert wide.role("train/batch_size") == "batch_size" and wide.role("train/lr") == "lr"
        assert any(f"read a column per {key!r}" in w for w in wide.warnings), wide.warnings
        assert events(path) == expected


def test_a_second_table_under_the_first_is_refused_not_read_by_position(tmp_path):
    # Two logs concatenated, the second with other columns: its cells fell under the first's columns by
    # position (an accuracy read as the epoch, a counter as the LR: "lr rising 1-299"), and the first run's
    # 400 points were replaced as a resume's.
    sample = Path(__file__).resolve().parents[2] / "sample_logs" / "mlp_step_decay" / "metrics.csv"
    first = "".join(sample.read_text().splitlines(keepends=True)[:401])
    path = tmp_path / "metrics.csv"
    path.write_text(first + "iter,acc,foo\n" + "".join(f"{i},{i / 500:.3f},{i}\n" for i in range(1, 300)))
    with pytest.raises(CurvedocError, match=r"metrics.csv: a second table, with other columns \(iter, acc, foo\)"):
        read(path)
    # Text columns beside the numbers (an optimiser's name, "nan" written out) are no second table.
    path.write_text("step,optimizer,schedule,loss\n" + "".join(f"{i},adamw,cosine_warmup,{1 / (i + 1)}\n"
                                                           for i in range(50)) + "50,nan,nan,0.02\n51,sgd,step,0.019\n")
    [run] = read(path)
    assert run.series("loss").notna().sum() == 52


def test_a_step_column_holding_one_value_is_no_step(tmp_path):
    # Every row at step 5 (a configuration's step written into each row): the 400 rows merged into one point,
    # "713 points logged again ... last value kept".
    sample = Path(__file__).resolve().parents[2] / "sample_logs" / "mlp_step_decay" / "metrics.csv"
    lines = sample.read_text().splitlines()[:401]
    header = lines[0].split(",")
    at = header.index("step")
    path = tmp_path / "metrics.csv"
    path.write_text("\n".join([lines[0]] + [",".join("5" if i == at else c for i, c in enumerate(line.split(",")))
                                             for line in lines[1:]]) + "\n")
    [run] = read(path)
    assert len(run.frame) == 400 and run.step_axis == "row"
    assert "column 'step' holds 5 on every row: no step; using the row number" in run.warnings


def test_a_step_written_as_dates_beside_a_repeated_epoch_numbers_the_rows(tmp_path):
    # ISO times in the step column: it was skipped as text, the epoch became the axis, and 400 rows of three
    # epochs were three points, the rest "logged again".
    sample = Path(__file__).resolve().parents[2] / "sample_logs" / "mlp_step_decay" / "metrics.csv"
    lines = sample.read_text().splitlines()[:401]
    path = tmp_path / "metrics.csv"
    path.write_text("\n".join([lines[0]] + [f"2024-03-05T10:{i // 60:02d}:{i % 60:02d}," + line.split(",", 1)[1]
                                             for i, line in enumerate(lines[1:])]) + "\n")
    [run] = read(path)
    assert len(run.frame) == 400 and run.series("train_loss").notna().sum() == 400
    assert any(w.startswith("column 'step' holds text or dates and 'epoch' repeats over the rows (3 epochs in 400")
               for w in run.warnings), run.warnings


def test_cells_written_as_torch_tensors_are_read_as_their_numbers(tmp_path):
    # csv.writer(f).writerow([step, loss, acc]) with loss a torch scalar writes its repr: the loss
    # column was "non-numeric, skipped" and check passed on the accuracy alone; on the GPU the
    # device's comma split every such row into one too many fields, all skipped. tensor(nan) is the
    # loss going NaN, a logged value, not a gap.
    rng = np.random.default_rng(0)
    losses = [2.0 / (1 + s / 50) * math.exp(rng.normal(0, 0.02)) for s in range(300)]
    for cell in ("tensor({:.4f})", "tensor({:.4f}, device='cuda:0')"):
        rows = [f"{s},{cell.format(v) if s < 200 else cell.format(math.nan)},{s / 400:.4f}"
                for s, v in enumerate(losses)]
        path = write(tmp_path, "step,loss,acc\n" + "\n".join(rows) + "\n")
        [run] = read(path)
        assert list(run.frame.columns) == ["loss", "acc"]
        assert run.series("loss").loc[:199].tolist() == [float(f"{v:.4f}") for v in losses[:200]]
        assert run.nan_steps["loss"].tolist() == list(range(200, 300))
        shown = cell.format(losses[0])
        assert run.warnings == [f"300 cells written as torch tensors ({shown!r}) read as their numbers"]


def test_rows_leaving_out_their_last_cells_among_full_rows_are_read_from_the_left(tmp_path):
    # A hand-written logger: f"{step},{loss}" every update, f"{step},{loss},{val_loss}" at each evaluation,
    # under the header step,train_loss,val_loss (the corpus's step-decay run, as such a loop writes it). The
    # rule setting aside rows narrower than the header (an appended run in another layout) dropped every
    # training row but the evaluations'.
    from curvedoc.readers import read

    corpus = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "sd_teacher_csv" / "metrics.csv"
    (src,) = read(corpus)
    loss, val = src.series("train_loss"), src.series("val_loss")
    rows = [f"{s},{v:.6g}" + (f",{val[s]:.6g}" if s in val.index else "") for s, v in loss.items()]
    path = tmp_path / "train_log.csv"
    path.write_text("step,train_loss,val_loss\n" + "\n".join(rows) + "\n")
    (run,) = read(path)
    assert run.series("train_loss").size == loss.size and run.series("val_loss").size == val.size
    assert not any("malformed" in w for w in run.warnings), run.warnings


def test_a_step_column_written_rounded_is_said_so_not_only_as_points_logged_twice(tmp_path):
    # The corpus's step-decay run with its step written as f"{step:.1e}" (1.2e+03 for 1150-1249): whole
    # runs of updates merge into one step, which was said only as "points logged again at a step already
    # logged", a resumed run's wording.
    from curvedoc.readers import read

    corpus = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "sd_teacher_csv" / "metrics.csv"
    (src,) = read(corpus)
    loss = src.series("train_loss")
    path = tmp_path / "metrics.csv"
    path.write_text("step,train_loss\n" + "".join(f"{s:.1e},{v:.6g}\n" for s, v in loss.items()))
    (run,) = read(path)
    [said] = [w for w in run.warnings if "logged again" in w]
    assert "every step holds 2 significant digits at most, up to 6,200: the step column was written rounded" in said
    # A resumed run logging steps again is not said to be rounded.
    again = [f"{s},{v:.6g}\n" for s, v in loss.items()]
    path.write_text("step,train_loss\n" + "".join(again[:3000] + again[2500:]))
    (run,) = read(path)
    assert not any("written rounded" in w for w in run.warnings), run.warnings


@pytest.mark.parametrize("name", ["total timesteps", "total_timesteps"])
def test_stable_baselines_total_timesteps_is_the_step(tmp_path, name):
    # Stable-Baselines3's progress.csv counts environment steps in "total timesteps" (or total_timesteps): read as
    # a metric of unknown direction, the log was analysed on its row numbers.
    rng = np.random.default_rng(2)
    path = tmp_path / "progress.csv"
    path.write_text(f"num_episodes,policy_gradient_loss,value_loss,ep_rew_mean,{name},entropy_loss\n" + "".join(
        f"{68 * i},{rng.normal(0, 0.05):.6f},{0.25 / i:.6f},{-550 + 5 * i + rng.normal(0, 3):.4f},{5120 * i},-1.4189\n"
        for i in range(1, 61)))
    [run] = read(path)
    assert list(run.series("ep_rew_mean").index) == [5120 * i for i in range(1, 61)] and run.step_axis == "step"


def test_a_markdown_tables_bold_best_value_is_read(tmp_path):
    # A results table pasted from a README marks its best epoch in bold, "**0.1843**" or "**72.80%**": that cell, the
    # one its author points at, was "non-numeric" and not logged.
    path = tmp_path / "results.tsv"
    path.write_text("epoch\ttrain_loss\tval_loss\tval_acc\n" + "".join(
        f"{e}\t{2.3 / e:.4f}\t" + (f"**{0.1843:.4f}**\t**{72.80:.2f}%**" if e == 7 else
                                   f"{0.2 + abs(e - 7) / 50:.4f}\t{70 - abs(e - 7):.2f}%") + "\n"
        for e in range(1, 13)))
    [run] = read(path)
    assert run.series("val_loss").loc[7] == pytest.approx(0.1843) and run.series("val_acc").loc[7] == 72.8
    assert len(run.series("val_loss")) == 12 and not any("non-numeric" in w for w in run.warnings), run.warnings
