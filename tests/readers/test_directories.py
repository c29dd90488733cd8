"""A folder that holds one training log is read as that log; with several, the user is asked to pick one."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import curvedoc
from curvedoc.errors import CurvedocError


def cli(*args):
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", *map(str, args)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in res.stderr
    return res


def curve_csv(n=200):
    return "step,loss\n" + "".join(f"{i},{2.0 / (1 + i) ** 0.5 * (0.5 if i >= n // 2 else 1.0)}\n" for i in range(n))


def with_files_beside(folder):
    """What sits beside a log in a real run folder and is not one."""
    (folder / "README.md").write_text("# run 3\nloss 0.5 at step 100\n")
    (folder / "hparams.yaml").write_text("lr: 0.1\nbatch_size: 32\nepochs: 10\n")
    (folder / "config.json").write_text(json.dumps({"lr": 0.1, "epochs": 10}, indent=2))
    (folder / "curve.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / ".hidden.csv").write_text(curve_csv(10))
    (folder / "checkpoints").mkdir()
    (folder / "checkpoints" / "last.csv").write_text(curve_csv(10))


@pytest.mark.parametrize("name", ["log.csv", "run.csv.gz", "train.log"])
def test_a_folder_with_one_log_is_read_as_that_log(tmp_path, name):
    folder = tmp_path / "exp7"
    folder.mkdir()
    log = folder / name
    text = curve_csv()
    if name == "train.log":
        text = "".join(f"step {i}: loss {2.0 / (1 + i):.5f}\n" for i in range(200))
    log.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    with_files_beside(folder)
    [run] = curvedoc.read(folder)
    assert run.source == str(log) and len(run.series("loss")) == 200
    assert [(r.source, r.frame.shape) for r in curvedoc.read(log)] == [(run.source, run.frame.shape)]
    res = cli("analyze", folder, "--format", "json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["runs"][0]["source"] == str(log)


def test_a_given_format_also_reads_the_folders_one_log(tmp_path):
    (tmp_path / "metrics.csv").write_text(curve_csv())
    [run] = curvedoc.read(tmp_path, "csv")
    assert run.source == str(tmp_path / "metrics.csv") and run.name == tmp_path.name


def test_several_logs_are_named_on_one_line(tmp_path):
    (tmp_path / "a.csv").write_text(curve_csv())
    (tmp_path / "b.tsv").write_text(curve_csv().replace(",", "\t"))
    (tmp_path / "train.log").write_text("".join(f"iter {i} loss {1 / (1 + i):.4f}\n" for i in range(50)))
    with_files_beside(tmp_path)
    for command in ("info", "analyze", "check"):
        res = cli(command, tmp_path)
        assert res.returncode == 2
        [line] = res.stderr.strip().splitlines()
        assert "several training logs (a.csv, b.tsv, train.log); pass one of them" in line
    with pytest.raises(CurvedocError, match="several training logs"):
        curvedoc.read(tmp_path, "csv")


def test_many_logs_are_named_up_to_a_few(tmp_path):
    for k in range(7):
        (tmp_path / f"seed{k}.csv").write_text(curve_csv(20))
    [line] = cli("info", tmp_path).stderr.strip().splitlines()
    assert "(seed0.csv, seed1.csv, seed2.csv, seed3.csv and 3 more); pass one of them" in line


def test_a_folder_of_more_logs_than_are_looked_into_says_how_many_files_it_holds(tmp_path):
    # Only the first files are sniffed; the count said "and 196 more" of a thousand logs.
    for k in range(1000):
        (tmp_path / f"run_{k:04d}.csv").write_text("step,loss\n1,0.5\n2,0.4\n")
    [line] = cli("info", tmp_path).stderr.strip().splitlines()
    assert "run_0003.csv and 196 more in the first 200 of 1000 files); pass one of them" in line


def test_a_folder_of_files_that_are_no_logs_is_still_refused(tmp_path):
    with_files_beside(tmp_path)
    (tmp_path / "notes.txt").write_text("step 100: tried a larger batch\n")  # a log's suffix, not a log's name
    res = cli("info", tmp_path)
    [line] = res.stderr.strip().splitlines()
    assert res.returncode == 2 and "a directory with no training log of its own; its sub-folder checkpoints holds " \
        "one: pass it" in line


def test_a_folder_whose_one_log_is_damaged_says_what_is_wrong_with_it(tmp_path):
    with_files_beside(tmp_path)
    # A Keras CSVLogger file with bytes overwritten in the middle (a bad disk, a bad copy): the
    # damaged row is set aside and said, the other 39 read (the whole log was refused).
    good = "epoch,loss,lr\n" + "".join(f"{i},{1.0 / (i + 1):.4f},0.01\n" for i in range(40))
    (tmp_path / "training.log").write_bytes(good[:200].encode() + b"\xff\xfe\x9c" + good[200:].encode())
    res = cli("info", tmp_path)
    assert res.returncode == 0 and "training.log" in res.stdout and "39 points" in res.stdout
    assert "1 line holding bytes that are not UTF-8 read with them replaced (line 15;" in res.stdout
    assert "1 row whose 'epoch' is no whole step set aside" in res.stdout


def test_a_folder_that_cannot_be_listed_is_one_clear_error(tmp_path, monkeypatch):
    # As a folder without read permission behaves for a user other than root.
    def refuse(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "iterdir", refuse)
    with pytest.raises(CurvedocError, match="cannot list directory: Permission denied"):
        curvedoc.read(tmp_path)


def tb_run(folder, n=200):
    """A TensorBoard run as SummaryWriter leaves it: one event file of a falling loss."""
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    writer = EventFileWriter(str(folder))
    for i in range(n):
        writer.add_event(event_pb2.Event(step=i, wall_time=1.6e9 + i, summary=summary_pb2.Summary(
            value=[summary_pb2.Summary.Value(tag="train/loss", simple_value=2.0 / (1 + i) ** 0.5)])))
    writer.close()


def test_logs_beside_a_tensorboard_folder_are_read_too(tmp_path):
    # A run folder with the event files under tb/ and a Keras history beside them: both are
    # read, where the TensorBoard reader alone would drop the CSV without a word.
    tb_run(tmp_path / "run" / "tb")
    (tmp_path / "run" / "history.csv").write_text(curve_csv(60))
    runs = curvedoc.read(tmp_path / "run")
    assert sorted(Path(r.source).name for r in runs) == ["history.csv", "tb"]
    assert {r.series(r.frame.columns[0]).size for r in runs} == {60, 200}


def test_a_folder_of_runs_in_several_formats_reads_each_and_names_what_it_cannot(tmp_path):
    tb_run(tmp_path / "runs" / "a_tb")
    (tmp_path / "runs" / "b_csv").mkdir()
    (tmp_path / "runs" / "b_csv" / "metrics.csv").write_text(curve_csv())
    (tmp_path / "runs" / "c_two").mkdir()
    (tmp_path / "runs" / "c_two" / "train.csv").write_text(curve_csv())
    (tmp_path / "runs" / "c_two" / "eval.csv").write_text(curve_csv())
    (tmp_path / "runs" / "d_plots").mkdir()
    (tmp_path / "runs" / "d_plots" / "curve.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    runs = curvedoc.read(tmp_path / "runs")
    assert sorted(Path(r.source).parent.name if r.source.endswith(".csv") else Path(r.source).name
                  for r in runs) == ["a_tb", "b_csv"]
    assert runs[0].warnings == ["c_two not read: a directory with several training logs (eval.csv, train.csv); "
                                "pass one of them"]
    res = cli("analyze", tmp_path / "runs")
    assert res.returncode == 0 and "c_two not read" in res.stdout + res.stderr


BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def test_a_project_folder_is_read_through_its_logger_folders(tmp_path):
    # `curvedoc analyze .` in a project: W&B keeps wandb/run-*/, Lightning's CSVLogger
    # logs/NAME/version_N/. Both were refused as "no training logs".
    import shutil

    wandb_project, lightning_project = tmp_path / "wandb_project", tmp_path / "lightning_project"
    shutil.copytree(BENCH / "fifth" / "fi_cyclic_tri_teacher_wandb" / "wandb", wandb_project / "wandb")
    for name in ("mlp", "cnn"):
        shutil.copytree(BENCH / "corpus" / "const_adam_digits_lightning" / "lightning_logs" / "version_0",
                        lightning_project / "logs" / name / "version_0")
    (run,) = curvedoc.read(wandb_project)
    assert run.source.endswith("wandb-history.jsonl") and "train/loss" in run.frame.columns
    runs = curvedoc.read(lightning_project)
    assert sorted(r.name for r in runs) == ["cnn/version_0", "mlp/version_0"]
    res = cli("analyze", lightning_project)
    assert res.returncode == 0 and "mlp/version_0" in res.stdout and "cnn/version_0" in res.stdout


def test_a_runs_own_log_and_its_logger_folder_beside_it_are_both_read(tmp_path):
    import shutil

    shutil.copytree(BENCH / "fifth" / "fi_cyclic_tri_teacher_wandb" / "wandb", tmp_path / "wandb")
    (tmp_path / "results.csv").write_text(curve_csv())
    runs = curvedoc.read(tmp_path)
    assert sorted(Path(r.source).name for r in runs) == ["results.csv", "wandb-history.jsonl"]


def test_a_file_beside_logger_folders_that_is_no_log_does_not_refuse_the_folder(tmp_path):
    # A run folder of wandb/ and internals.json (measurements kept aside, one record of lists): the JSON was
    # taken for the folder's log, and its refusal refused the folder, exit 2.
    import shutil

    shutil.copytree(BENCH / "fifth" / "fi_cyclic_tri_teacher_wandb" / "wandb", tmp_path / "wandb")
    (tmp_path / "internals.json").write_text(json.dumps({"probes": [{"step": 50, "full_train_loss": 0.41}],
                                                          "rows": [{"step": 1, "lr": 0.1}]}))
    (run,) = curvedoc.read(tmp_path)
    assert run.source.endswith("wandb-history.jsonl") and "train/loss" in run.frame.columns
    assert any(w.startswith("internals.json not read") for w in run.warnings), run.warnings
    res = cli("analyze", tmp_path)
    assert res.returncode == 0 and "internals.json not read" in res.stdout + res.stderr, res.stderr


def test_a_file_named_as_a_log_but_refused_beside_the_one_read_is_said(tmp_path):
    # A plot saved as junk.csv beside metrics.csv: the folder was read as metrics.csv and junk.csv left out
    # without a word.
    (tmp_path / "metrics.csv").write_text(curve_csv())
    (tmp_path / "junk.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (run,) = curvedoc.read(tmp_path)
    assert Path(run.source).name == "metrics.csv"
    assert "junk.csv not read: a PNG image, not a training log" in run.warnings, run.warnings


# What a researcher writes beside a run: a line or two of prose with numbers in it.
RUN_NOTES = ("MLP on digits, SGD lr 0.1 cut to 0.01 at step 150 of 300; batch 32.\n"
             "Loss halves at the cut, val acc 0.91 -> 0.95.\n")


def test_notes_of_any_name_beside_a_log_are_no_second_log(tmp_path):
    # A run folder of metrics.csv and run_notes.txt was "a directory with several training logs"; with
    # logger folders, the notes were read as a run of their own (metrics named "of", "at", "T").
    import shutil

    (tmp_path / "run_notes.txt").write_text(RUN_NOTES)
    (tmp_path / "metrics.csv").write_text(curve_csv())
    (run,) = curvedoc.read(tmp_path)
    assert Path(run.source).name == "metrics.csv"
    project = tmp_path / "project"
    shutil.copytree(BENCH / "fifth" / "fi_cyclic_tri_teacher_wandb" / "wandb", project / "wandb")
    (project / "what_i_ran.txt").write_text(RUN_NOTES)
    (run,) = curvedoc.read(project)
    assert run.source.endswith("wandb-history.jsonl")
    # A printed log of a few epochs beside the CSV is a log: the folder holds two.
    (tmp_path / "train.log").write_text("".join(f"epoch {e} loss {1 / e:.3f}\n" for e in range(1, 11)))
    with pytest.raises(CurvedocError, match="several training logs"):
        curvedoc.read(tmp_path)


def test_a_folders_only_text_file_is_read_however_short(tmp_path):
    # Notes or not, it is all the user gave: read, with the analysis saying it is too short.
    (tmp_path / "train.log").write_text("epoch 1 loss 0.9\nepoch 2 loss 0.7\nepoch 3 loss 0.6\n")
    res = cli("analyze", tmp_path)
    assert res.returncode == 0 and "too few points to look for transitions in: 3 points" in res.stdout


def test_a_folder_of_run_folders_is_refused_with_the_way_to_pass_them(tmp_path):
    for seed in ("seed0", "seed1"):
        (tmp_path / "runs" / seed).mkdir(parents=True)
        (tmp_path / "runs" / seed / "metrics.csv").write_text(curve_csv())
    res = cli("info", tmp_path / "runs")
    [line] = res.stderr.strip().splitlines()
    assert res.returncode == 2
    # The pattern is the path as given ("main/*" had been offered for runs/main).
    assert line.endswith(f"no training log of its own; its sub-folders seed0, seed1 hold logs: pass them "
                         f"({tmp_path / 'runs'}/*)")
    assert cli("info", tmp_path / "runs" / "seed0", tmp_path / "runs" / "seed1").returncode == 0
    # Hydra's outputs/DATE/TIME/: "no training logs curvedoc can read", and no way on.
    for day, time in (("2024-05-01", "12-00-00"), ("2024-05-02", "09-30-00")):
        (tmp_path / "outputs" / day / time).mkdir(parents=True)
        (tmp_path / "outputs" / day / time / "metrics.csv").write_text(curve_csv())
    res = cli("info", tmp_path / "outputs")
    [line] = res.stderr.strip().splitlines()
    assert res.returncode == 2 and line.endswith(
        "no training log of its own; folders 2 levels down 2024-05-01/12-00-00, 2024-05-02/09-30-00 hold logs: "
        f"pass them ({tmp_path / 'outputs'}/*/*)")


def test_a_lightning_version_folder_with_both_loggers_is_one_run(tmp_path):
    # Lightning's TensorBoardLogger and CSVLogger both write into version_0/: one training, read
    # once (it was reported twice, and check counted two runs).
    version = tmp_path / "lightning_logs" / "version_0"
    tb_run(version)
    (version / "metrics.csv").write_text(curve_csv())
    (version / "hparams.yaml").write_text("lr: 0.1\n")
    for path in (version, tmp_path / "lightning_logs", tmp_path):
        runs = curvedoc.read(path)
        assert len(runs) == 1 and Path(runs[0].source).name == "version_0", (path, [r.source for r in runs])
    # And the CSV read through the event files is said (a whole metrics.csv there went unsaid), from the
    # project or lightning_logs/ folder too (it went unsaid there, where a CSV holding val_loss the event
    # files lack was lost without a word).
    for path, name in ((version, "metrics.csv"), (tmp_path / "lightning_logs", "version_0/metrics.csv"),
                       (tmp_path, "lightning_logs/version_0/metrics.csv")):
        [run] = curvedoc.read(path)
        assert any(w.startswith(f"{name} not read: logs beside the event files") for w in run.warnings), run.warnings


def test_a_damaged_log_beside_tensorboard_files_is_named(tmp_path):
    # history.csv of binary garbage next to tb/: the event files are read, and the CSV is named
    # as not read (it was left out without a word).
    tb_run(tmp_path / "run" / "tb")
    (tmp_path / "run" / "history.csv").write_bytes(b"\x00\x01garbage")
    (run,) = curvedoc.read(tmp_path / "run")
    assert Path(run.source).name == "tb"
    assert any(w.startswith("history.csv not read: ") for w in run.warnings), run.warnings


def test_detectron2s_output_folder_is_read_through_its_metrics_json(tmp_path):
    # detectron2's OUTPUT_DIR: metrics.json (a JSON record per line, written by its JSONWriter), the
    # config, checkpoints. A .json read as text was no log by its name: "a directory with no training
    # logs curvedoc can read", though the file itself reads.
    out = tmp_path / "output"
    out.mkdir()
    (out / "metrics.json").write_text("".join(
        json.dumps({"data_time": 0.002, "eta_seconds": 120.0, "iteration": it, "lr": 0.02 if it < 2000 else 0.002,
                    "loss_cls": 0.9 / (1 + it / 300), "total_loss": 1.5 / (1 + it / 300) * (0.7 if it >= 2000 else 1),
                    "time": 0.05}) + "\n" for it in range(19, 3000, 20)))
    (out / "config.yaml").write_text("SOLVER:\n  BASE_LR: 0.02\n  STEPS: (2000,)\n")
    (out / "model_final.pth").write_bytes(b"PK\x03\x04" + bytes(64))
    (out / "last_checkpoint").write_text("model_final.pth")
    [run] = curvedoc.read(out)
    assert run.source.endswith("metrics.json")
    assert run.series("total_loss").dropna().index.tolist() == list(range(19, 3000, 20))
