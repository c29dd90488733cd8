"""MLflow file store: the real metric file and hand-built ``mlruns/`` trees in MLflow's exact layout."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tensorboard.backend.event_processing import event_accumulator as ea
from typer.testing import CliRunner

from curvedoc.cli import app

from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
REAL_LOSS = REAL_LOGS / "mlflow_swahili_asr" / "loss"
REAL_EVENTS = REAL_LOGS / "tfevents_keras_swahili_asr"

RUN_A = "ed05f9cd599442fe9a0c9222184710b8"
RUN_B = "0b3c4d5e6f708192a3b4c5d6e7f80910"
RUN_C = "11111111111111111111111111111111"
RUN_DELETED = "22222222222222222222222222222222"


def run_meta(run_id: str, run_name: str | None = None, stage: str = "active") -> str:
    lines = [f"artifact_uri: file:///tmp/mlruns/1/{run_id}/artifacts", "end_time: 1628697830000",
             "entry_point_name: ''", "experiment_id: '1'", f"lifecycle_stage: {stage}", f"run_id: {run_id}"]
    if run_name is not None:
        lines.append(f"run_name: {run_name}")
    lines += [f"run_uuid: {run_id}", "source_name: ''", "source_type: 4", "source_version: ''",
              "start_time: 1628697775000", "status: 3", "tags: []", "user_id: trainer"]
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def metric_lines(rows) -> str:
    return "".join(" ".join(str(x) for x in row) + "\n" for row in rows)


@pytest.fixture
def mlruns(tmp_path) -> Path:
    """An ``mlruns/`` root: experiment 1 with three live runs, one deleted, and a trashed experiment."""
    root = tmp_path / "mlruns"
    write(root / "1" / "meta.yaml", "artifact_location: file:///tmp/mlruns/1\nexperiment_id: '1'\n"
                                    "lifecycle_stage: active\nname: swahili-asr\n")
    a = root / "1" / RUN_A
    write(a / "meta.yaml", run_meta(RUN_A, "bright-owl-42"))
    write(a / "metrics" / "loss", metric_lines([(1628697792090 + 1000 * s, 10.0 - s, s) for s in range(6)]))
    # A key with "/" is a sub-directory; a NaN, an inf and a step logged twice (last one wins).
    write(a / "metrics" / "train" / "loss", metric_lines(
        [(1628697792000, 3.5, 0), (1628697793000, "nan", 1), (1628697794000, "inf", 2),
         (1628697795000, 1.5, 3), (1628697796000, 1.25, 3), (1628697797000, "-inf", 4)]))
    write(a / "params" / "lr", "0.001")
    write(a / "tags" / "mlflow.runName", "ignored-because-meta-has-run_name")
    # autolog puts TensorBoard files under artifacts/: the run is still read as MLflow
    write(a / "artifacts" / "tensorboard_logs" / "train" / "events.out.tfevents.1628697775.host.1.v2", "x")

    b = root / "1" / RUN_B
    write(b / "meta.yaml", run_meta(RUN_B))  # no run_name: the mlflow.runName tag names it
    write(b / "tags" / "mlflow.runName", "calm-fox-7\n")
    write(b / "metrics" / "val_acc", metric_lines([(1628697800000 + s, 0.1 * s, s * 100) for s in range(4)]))

    c = root / "1" / RUN_C
    write(c / "meta.yaml", run_meta(RUN_C))  # no name at all: the run id
    write(c / "metrics" / "old_loss", metric_lines([(1500000000000 + s, 5.0 - s) for s in range(5)]))

    d = root / "1" / RUN_DELETED
    write(d / "meta.yaml", run_meta(RUN_DELETED, "gone", stage="deleted"))
    write(d / "metrics" / "loss", metric_lines([(1628697792090, 1.0, 0)]))

    t = root / ".trash" / "7" / "33333333333333333333333333333333"
    write(t / "meta.yaml", run_meta("33333333333333333333333333333333", "trashed"))
    write(t / "metrics" / "loss", metric_lines([(1628697792090, 1.0, 0)]))
    return root


def test_a_metric_folder_reached_through_a_link_is_read(mlruns, tmp_path):
    # A metric named train/loss kept on another disk and linked in: MLflow's store reads through
    # the link; the run had only its other metric.
    kept = tmp_path / "elsewhere" / "train"
    kept.parent.mkdir()
    (mlruns / "1" / RUN_A / "metrics" / "train").rename(kept)
    (mlruns / "1" / RUN_A / "metrics" / "train").symlink_to(kept, target_is_directory=True)
    run = next(r for r in read(mlruns / "1" / RUN_A))
    assert sorted(c for c in run.frame.columns if c != "wall_time") == ["loss", "train/loss"]
    assert run.series("train/loss").dropna().tolist()[0] == 3.5


def test_real_metric_file_matches_a_plain_reading_and_the_event_file():
    rows = [line.split() for line in REAL_LOSS.read_text().splitlines() if line.strip()]
    assert sniff(REAL_LOSS) == "mlflow"
    [run] = read(REAL_LOSS)
    assert (run.name, run.format, run.source) == ("mlflow_swahili_asr", "mlflow", str(REAL_LOSS))
    loss = run.series("loss")
    assert len(loss) == len(rows) == 10
    assert loss.index.tolist() == [int(s) for _, _, s in rows]
    assert loss.tolist() == [float(v) for _, v, _ in rows]
    assert run.series("wall_time").tolist() == [int(t) / 1000 for t, _, _ in rows]
    assert run.warnings == []
    # Cross-format: the same run's TensorBoard epoch_loss, read by TensorBoard itself.
    acc = ea.EventAccumulator(str(next(REAL_EVENTS.glob("*tfevents*"))), size_guidance={ea.SCALARS: 0})
    acc.Reload()
    assert loss.tolist() == [e.value for e in acc.Scalars("epoch_loss")]


def test_a_lone_metric_file_sniffs_as_mlflow_by_its_content(tmp_path):
    path = write(tmp_path / "somewhere" / "loss", "1628697792090 332.68 0\n1628697795789 297.6 1\n")
    assert sniff(path) == "mlflow"
    [run] = read(path)
    assert run.name == "somewhere"
    assert run.series("loss").to_dict() == {0: 332.68, 1: 297.6}


def test_the_mlruns_root_walks_every_live_run(mlruns):
    assert sniff(mlruns) == "mlflow"
    runs = {run.name: run for run in read(mlruns)}
    assert list(runs) == ["calm-fox-7", RUN_C, "bright-owl-42"]  # run directories in name order
    assert runs["bright-owl-42"].source == str(mlruns / "1" / RUN_A)
    assert "1 run marked deleted was skipped" in runs["calm-fox-7"].warnings


def test_an_experiment_of_deleted_runs_only_says_so(tmp_path):
    # "no MLflow run directory (meta.yaml + metrics/) here", where there was one, deleted.
    d = tmp_path / "mlruns" / "0" / RUN_DELETED
    write(d / "meta.yaml", run_meta(RUN_DELETED, "gone", stage="deleted"))
    write(d / "metrics" / "loss", metric_lines([(1628697792090 + s, 1.0 / (s + 1), s) for s in range(20)]))
    with pytest.raises(CurvedocError, match=r"every MLflow run here is marked deleted \(1\)"):
        read(tmp_path / "mlruns")
    # With params and tags beside its metrics, it was "a run that logged params or tags but no metric".
    write(d / "params" / "lr", "0.1")
    write(d / "tags" / "mlflow.runName", "gone")
    with pytest.raises(CurvedocError, match=r"every MLflow run here is marked deleted \(1\)"):
        read(tmp_path / "mlruns")
    [run] = read(d)  # passed itself, it is read, and said to be deleted
    assert "this run is marked deleted in MLflow" in run.warnings


def test_a_run_directory_with_a_nested_key_nan_inf_and_a_duplicate_step(mlruns):
    run_dir = mlruns / "1" / RUN_A
    assert sniff(run_dir) == "mlflow"
    [run] = read(run_dir)
    assert run.name == "bright-owl-42"
    assert set(run.frame.columns) == {"loss", "train/loss", "wall_time"}
    assert run.series("loss").tolist() == [10.0 - s for s in range(6)]
    train = run.series("train/loss")
    assert train.index.tolist() == [0, 1, 2, 3, 4]
    assert train[0] == 3.5 and math.isnan(train[1]) and train[2] == math.inf and train[3] == 1.25
    assert train[4] == -math.inf
    assert run.nan_steps["train/loss"].tolist() == [1]
    # seconds; at step 3 the latest of loss (…795090 ms) and the kept train/loss line (…796000 ms)
    assert run.series("wall_time")[3] == 1628697796.0
    assert run.warnings == ["1 points logged again at a step already logged with another value: last value kept "
                            "(train/loss)"]


def test_an_experiment_directory_and_the_metrics_directory(mlruns):
    experiment = mlruns / "1"
    assert sniff(experiment) == "mlflow"
    assert [r.name for r in read(experiment)] == ["calm-fox-7", RUN_C, "bright-owl-42"]
    metrics = mlruns / "1" / RUN_A / "metrics"
    assert sniff(metrics) == "mlflow"
    assert [r.name for r in read(metrics)] == ["bright-owl-42"]


def test_one_metric_file_inside_a_run(mlruns):
    nested = mlruns / "1" / RUN_A / "metrics" / "train" / "loss"
    assert sniff(nested) == "mlflow"
    [run] = read(nested)
    assert run.name == "bright-owl-42"
    assert list(run.frame.columns) == ["train/loss", "wall_time"]
    top = mlruns / "1" / RUN_B / "metrics" / "val_acc"
    assert sniff(top) == "mlflow"
    [run] = read(top)
    assert run.name == "calm-fox-7"
    assert run.series("val_acc").index.tolist() == [0, 100, 200, 300]


def test_legacy_two_column_lines_use_the_line_number(mlruns):
    [run] = read(mlruns / "1" / RUN_C)
    assert run.name == RUN_C
    assert run.series("old_loss").to_dict() == {i: 5.0 - i for i in range(5)}
    assert run.warnings == ["metric old_loss: old two-column lines (timestamp value) without a step; "
                            "the line number is used as the step"]


def test_a_resumed_run_keeps_the_later_values(tmp_path):
    run_dir = tmp_path / RUN_A
    write(run_dir / "meta.yaml", run_meta(RUN_A, "resumed"))
    write(run_dir / "metrics" / "loss", metric_lines(
        [(1000 + s, float(s), s) for s in range(5)] + [(2000 + s, 10.0 + s, s) for s in range(3, 6)]))
    [run] = read(run_dir)
    assert run.series("loss").to_dict() == {0: 0.0, 1: 1.0, 2: 2.0, 3: 13.0, 4: 14.0, 5: 15.0}
    assert run.warnings == ["steps go back to 3: later values kept, 2 points replaced"]


def test_values_relogged_at_a_step_keep_the_latest_logged_whatever_the_line_order(tmp_path):
    # Two values at each step, their lines not in time order (a store merged or copied by hand):
    # MLflow's own latest value is the later logged one, not the later line.
    run_dir = tmp_path / RUN_A
    write(run_dir / "meta.yaml", run_meta(RUN_A, "relogged"))
    write(run_dir / "metrics" / "loss", metric_lines(
        [(2000 + s, 1.0 + s, s) for s in range(4)] + [(1000 + s, 5.0 + s, s) for s in range(4)]))
    [run] = read(run_dir)
    assert run.series("loss").to_dict() == {0: 1.0, 1: 2.0, 2: 3.0, 3: 4.0}
    assert "metric loss: lines out of time order, read in step order (of values at one step, the later " \
        "logged)" in run.warnings


def test_a_clock_set_back_part_way_through_keeps_every_step(tmp_path):
    # Steps 0-999 in the order logged, the clock an hour earlier from step 500 on (a resume on
    # another machine): read in time order, steps 500-999 came first, the return to step 0 was
    # read as a resume, and half the run with its LR decay at 600 was dropped.
    run_dir = tmp_path / RUN_A
    write(run_dir / "meta.yaml", run_meta(RUN_A, "clock"))
    stamp = [1_700_000_000_000 + 1000 * s - (3_600_000 if s >= 500 else 0) for s in range(1000)]
    write(run_dir / "metrics" / "loss", metric_lines(
        [(stamp[s], 1.0 if s < 600 else 0.3, s) for s in range(1000)]))
    write(run_dir / "metrics" / "lr", metric_lines([(stamp[s], 0.1 if s < 600 else 0.01, s) for s in range(1000)]))
    [run] = read(run_dir)
    assert run.frame.index.tolist() == list(range(1000)) and run.resumes == []
    report = json.loads(CliRunner().invoke(app, ["analyze", str(run_dir), "--format", "json"]).stdout)
    [loss] = [m for m in report["runs"][0]["metrics"] if m["name"] == "loss"]
    assert [(e["step"], e["label"]) for e in loss["events"]] == [(600, "lr_decay")]


def test_a_malformed_line_is_skipped_with_a_warning(tmp_path):
    path = write(tmp_path / "run" / "metrics" / "loss", "1000 1.5 0\n1001 oops 1\n1002 0.5 2\n")
    write(tmp_path / "run" / "meta.yaml", run_meta("run", "r"))
    [run] = read(path)
    assert run.series("loss").to_dict() == {0: 1.5, 2: 0.5}
    assert run.warnings == ["metric loss: 1 malformed lines skipped"]


def test_one_line_with_a_step_past_2_53_is_skipped_not_the_metric(tmp_path):
    # One damaged line's step of 1e20 dropped the whole metric, its 399 good points with it; a step that far on
    # every line is the log's and still refused.
    lines = [(1_700_000_000_000 + s, 2.0 / (1 + s), s) for s in range(400)]
    lines[5] = (lines[5][0], lines[5][1], 99999999999999999999)
    path = write(tmp_path / "run" / "metrics" / "loss", metric_lines(lines))
    write(tmp_path / "run" / "meta.yaml", run_meta("run", "r"))
    [run] = read(path)
    assert len(run.series("loss")) == 399 and 5 not in run.series("loss").index
    assert run.warnings == ["metric loss: 1 line with a step past 2^53 = 9007199254740992 skipped"]
    write(tmp_path / "run" / "metrics" / "loss", metric_lines([(t, v, s + 2**60) for t, v, s in lines]))
    with pytest.raises(CurvedocError, match="steps from 2\\^53"):
        read(path)


def test_bad_mlflow_input_is_one_clear_error(tmp_path):
    empty_run = tmp_path / "run"
    write(empty_run / "meta.yaml", run_meta("run", "r"))
    (empty_run / "metrics").mkdir()
    with pytest.raises(CurvedocError, match="logged a metric"):
        read(empty_run)
    wrong = write(tmp_path / "loss", "a b c d\n")
    with pytest.raises(CurvedocError, match="timestamp_ms"):
        read(wrong, "mlflow")


def test_cli_info_json_and_a_bad_metric_file(mlruns, tmp_path):
    ok = CliRunner().invoke(app, ["info", str(mlruns), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    points = {r["run"]: {m["name"]: m["n_points"] for m in r["metrics"]} for r in json.loads(ok.stdout)["runs"]}
    assert points == {"calm-fox-7": {"val_acc": 4, "wall_time": 4},
                      "bright-owl-42": {"loss": 6, "train/loss": 5, "wall_time": 6},
                      RUN_C: {"old_loss": 5, "wall_time": 5}}

    bad = write(tmp_path / "loss", "1000 1.5 0 extra field\n")
    result = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(bad), "--log-format", "mlflow"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "timestamp_ms" in result.stderr


def test_a_run_whose_only_metric_file_is_garbage_names_the_file_and_why(tmp_path):
    run = tmp_path / "run"
    write(run / "meta.yaml", run_meta("run", "r"))
    write(run / "metrics" / "val_loss", "hello world\nthis is not\n")  # two words a line, like old lines
    with pytest.raises(CurvedocError) as err:
        read(run)
    assert str(err.value).endswith(
        "none of the 1 MLflow runs here logged a metric (metric val_loss: not an MLflow metric file: lines "
        "should read `<timestamp_ms> <value> <step>`; skipped)")
    (run / "metrics" / "val_loss").unlink()
    with pytest.raises(CurvedocError, match=r"metrics is empty\)$"):
        read(run)


def mlflow_db(path: Path, runs) -> Path:
    """An MLflow 3 SQLite store as ``mlflow.log_metric`` fills it (the tables and columns curvedoc
    reads, as MLflow's schema names them): ``runs`` maps a run name to (lifecycle stage, rows of
    (key, step, value)); a NaN is stored as value 0 with is_nan set, an infinity as the largest float
    of its sign (MLflow's SQL store cannot hold one)."""
    import hashlib
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name VARCHAR(256))")
    con.execute("CREATE TABLE runs (run_uuid VARCHAR(32) PRIMARY KEY, name VARCHAR(250), status VARCHAR(9), "
                "start_time BIGINT, lifecycle_stage VARCHAR(20), experiment_id INTEGER)")
    con.execute("CREATE TABLE metrics (key VARCHAR(250), value FLOAT, timestamp BIGINT, run_uuid VARCHAR(32), "
                "step BIGINT DEFAULT '0', is_nan BOOLEAN DEFAULT '0', PRIMARY KEY (key, timestamp, step, run_uuid, "
                "value, is_nan))")
    con.execute("INSERT INTO experiments VALUES (0, 'Default')")
    for k, (name, (stage, rows)) in enumerate(runs.items()):
        uuid = hashlib.md5(name.encode()).hexdigest()
        con.execute("INSERT INTO runs VALUES (?, ?, 'FINISHED', ?, ?, 0)", (uuid, name, 1_700_000_000_000 + k, stage))
        con.executemany("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)",
                        [(key, 0.0 if math.isnan(v) else math.copysign(sys.float_info.max, v) if math.isinf(v) else v,
                          1_700_000_000_000 + 10 * step, uuid, step,
                          int(math.isnan(v))) for key, step, v in rows])
    con.commit()
    con.close()
    return path


def test_mlflow_sqlite_store_reads_each_run_without_touching_the_database(tmp_path):
    # MLflow 3 writes mlflow.db by default (its file store needs MLFLOW_ALLOW_FILE_STORE); it was
    # refused as "binary content that is not a TensorBoard event file".
    import numpy as np

    rng = np.random.default_rng(0)

    def rows(decay: bool, nan_at: int | None = None):
        out = []
        for step in range(1, 1201):
            lr = 0.05 if not decay or step <= 600 else 0.005
            loss = (0.6 if not decay or step <= 600 else 0.3) + 1.7 * math.exp(-step / 100)
            loss *= math.exp(0.05 * rng.standard_normal())
            out += [("train/lr", step, lr), ("train/loss", step, math.nan if nan_at and step >= nan_at else loss)]
        return out

    db = mlflow_db(tmp_path / "mlflow.db", {"multistep": ("active", rows(True)), "diverged": ("active", rows(False, 900)),
                                            "discarded": ("deleted", rows(False))})
    before = db.read_bytes()
    runs = read(tmp_path)
    assert [r.name for r in runs] == ["multistep", "diverged"] and sniff(db) == "mlflow_db"
    assert runs[0].warnings == ["1 run marked deleted in MLflow left out"]
    res = CliRunner().invoke(app, ["analyze", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = {r["run"]: r for r in json.loads(res.stdout)["runs"]}
    loss = next(m for m in out["multistep"]["metrics"] if m["name"] == "train/loss")
    assert any(e["label"] == "lr_decay" and abs(e["step"] - 601) <= 10 for e in loss["events"]), loss["events"]
    loss = next(m for m in out["diverged"]["metrics"] if m["name"] == "train/loss")
    assert [e["kind"] for e in loss["events"]] == ["divergence"] and loss["events"][0]["step"] <= 900
    assert db.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["mlflow.db"]


def test_runs_that_logged_params_only_are_said_to_have_no_metric(tmp_path):
    # mlflow.log_params without a metric leaves meta.yaml, params/ and tags/: "no MLflow run
    # directory here" was not so.
    run = tmp_path / "mlruns" / "0" / "aaa111"
    (run / "params").mkdir(parents=True)
    (run / "tags").mkdir()
    (run / "params" / "lr").write_text("0.1")
    (run / "meta.yaml").write_text("run_id: aaa111\nexperiment_id: '0'\nlifecycle_stage: active\n")
    (tmp_path / "mlruns" / "0" / "meta.yaml").write_text("experiment_id: '0'\nname: Default\n")
    with pytest.raises(CurvedocError, match=r"1 MLflow run here logged params or tags but no metric"):
        read(tmp_path / "mlruns", "mlflow")


def test_an_infinity_in_the_sqlite_store_is_read_as_one(tmp_path):
    # MLflow writes a logged inf into its database as 1.797e308: read literally, a run that blew up
    # was "a rise (xinf)" on a scale the huge value crushed, and its LR decay's drop went unseen.
    rows = [("lr", s, 0.1 if s < 150 else 0.01) for s in range(1, 301)]
    rows += [("loss", s, (0.8 if s < 150 else 0.4) * math.exp(-s / 3000) if s < 285 else math.inf) for s in range(1, 301)]
    db = mlflow_db(tmp_path / "mlflow.db", {"blown": ("active", rows)})
    [run] = read(db)
    loss = run.series("loss")
    assert np.isinf(loss.loc[285:]).all() and loss.loc[:284].max() < 1
    res = CliRunner().invoke(app, ["analyze", str(db), "--format", "json"])
    events = json.loads(res.stdout)["runs"][0]["metrics"][0]["events"]
    assert [(e["kind"], e["label"]) for e in events] == [("drop", "lr_decay"), ("divergence", "instability")]


def test_an_sqlite_database_that_is_no_mlflow_store_is_one_clear_error(tmp_path):
    import sqlite3

    con = sqlite3.connect(tmp_path / "app.db")
    con.execute("CREATE TABLE users (id INTEGER, name TEXT)")
    con.commit()
    con.close()
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(tmp_path / "app.db")],
                         capture_output=True, text=True)
    assert res.returncode == 2 and res.stderr.count("\n") == 1
    assert "an SQLite database that is not an MLflow tracking store" in res.stderr


def test_a_metric_file_with_a_zeroed_block_reads_around_it(tmp_path):
    # A machine that went down mid-write can leave a block of NUL bytes in the file being
    # appended; the whole run was refused as "binary content, not a text log".
    run = tmp_path / "0123456789abcdef"
    write(run / "meta.yaml", run_meta("0123456789abcdef", "crashed"))
    lines = metric_lines([(1_700_000_000_000 + 1000 * s, 2.0 / (1 + s) ** 0.5, s) for s in range(200)]).splitlines()
    lines[120] = "\x00" * 40
    write(run / "metrics" / "loss", "\n".join(lines) + "\n")
    (r,) = read(run)
    assert r.series("loss").size == 199
    assert r.warnings == ["metrics/loss: 1 line with NUL bytes skipped (line 121; cut by a crash?)"]


def test_an_mlflow_store_with_odd_rows_and_a_clock_that_jumped_back_reads_in_step_order(tmp_path):
    # SQLite keeps whatever a writer put in a column: a text value, a NULL step. And a clock set
    # back mid-run stamps later steps with earlier times; read by time, the steps went back at
    # every row and the store was refused.
    import sqlite3

    rows = [("train/loss", s, 2.0 / (1 + s) ** 0.5) for s in range(400)]
    db = mlflow_db(tmp_path / "mlflow.db", {"run-a": ("active", rows)})
    con = sqlite3.connect(db)
    con.execute("UPDATE metrics SET timestamp = 1700000000000 - step * 10 WHERE step >= 200")
    con.execute("INSERT INTO metrics VALUES ('train/loss', 'oops', 1700000009999, ?, 401, 0)",
                (con.execute("SELECT run_uuid FROM runs").fetchone()[0],))
    con.execute("INSERT INTO metrics VALUES ('train/loss', 0.5, 1700000009998, ?, NULL, 0)",
                (con.execute("SELECT run_uuid FROM runs").fetchone()[0],))
    con.commit()
    con.close()
    (run,) = read(db)
    loss = run.series("train/loss")
    assert list(loss.index) == list(range(400)) and loss[399] == pytest.approx(2.0 / 400 ** 0.5)
    assert "2 metric rows without a number or a whole step skipped" in run.warnings


@pytest.mark.parametrize("step", [1e300, -1e300, float("inf"), float("nan"), 700.5])
def test_a_store_row_whose_step_is_no_whole_number_is_skipped_not_the_store_refused(tmp_path, step):
    # A REAL step: 1e300, inf or nan refused the 600 good rows with a Python exception's name; 700.5 was
    # cut to 700 without a word.
    import sqlite3

    db = mlflow_db(tmp_path / "mlflow.db", {"run-a": ("active", [("loss", s, 2.0 / (1 + s) ** 0.5) for s in range(600)])})
    con = sqlite3.connect(db)
    con.execute("INSERT INTO metrics VALUES ('loss', 0.5, 1700000009999, ?, ?, 0)",
                (con.execute("SELECT run_uuid FROM runs").fetchone()[0], step))
    con.commit()
    con.close()
    (run,) = read(db)
    assert list(run.series("loss").index) == list(range(600))
    assert "1 metric rows without a number or a whole step skipped" in run.warnings


def test_a_store_step_past_two_to_the_53_is_quoted_as_stored(tmp_path):
    import sqlite3

    db = mlflow_db(tmp_path / "mlflow.db", {"run-a": ("active", [("loss", s, 1.0) for s in range(600)])})
    con = sqlite3.connect(db)
    con.execute("INSERT INTO metrics VALUES ('loss', 0.5, 1700000009999, ?, ?, 0)",
                (con.execute("SELECT run_uuid FROM runs").fetchone()[0], 2**63 - 1))
    con.commit()
    con.close()
    with pytest.raises(CurvedocError, match="this log has step 9223372036854775807"):
        read(db)


def test_a_store_in_wal_mode_is_read_with_the_rows_only_its_write_ahead_log_holds(tmp_path):
    # A tracking server still running keeps its newest rows in mlflow.db-wal; opened immutable,
    # SQLite skipped that file and half the run was read without a word.
    import shutil
    import sqlite3

    rows = [("train/lr", s, 0.1 if s < 200 else 0.01) for s in range(400)]
    rows += [("train/loss", s, (1.0 if s < 200 else 0.4) + 2.0 / (1 + s) ** 0.5) for s in range(400)]
    db = mlflow_db(tmp_path / "mlflow.db", {"run-a": ("active", [r for r in rows if r[1] < 200])})
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=wal")
    con.execute("PRAGMA wal_autocheckpoint=0")
    uuid = con.execute("SELECT run_uuid FROM runs").fetchone()[0]
    con.executemany("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, 0)",
                    [(key, v, 1_700_000_000_000 + 10 * s, uuid, s) for key, s, v in rows if s >= 200])
    con.commit()
    # The files as a live server leaves them: closing the connection would fold the WAL back in.
    store = tmp_path / "store"
    store.mkdir()
    for ext in ("", "-wal", "-shm"):
        shutil.copyfile(f"{db}{ext}", store / f"mlflow.db{ext}")
    con.close()
    before = {p.name: p.read_bytes() for p in store.iterdir()}
    assert (store / "mlflow.db-wal").stat().st_size > 0
    (run,) = read(store)  # the folder: the WAL and shared-memory files are no logs of their own
    assert list(run.series("train/loss").index) == list(range(400))
    res = CliRunner().invoke(app, ["analyze", str(store / "mlflow.db"), "--format", "json"])
    assert res.exit_code == 0, res.output
    loss = next(m for m in json.loads(res.stdout)["runs"][0]["metrics"] if m["name"] == "train/loss")
    assert any(e["label"] == "lr_decay" and abs(e["step"] - 200) <= 10 for e in loss["events"]), loss["events"]
    assert {p.name: p.read_bytes() for p in store.iterdir()} == before


def test_metrics_logged_without_a_step_are_numbered_in_the_order_logged(tmp_path):
    # mlflow.log_metric("loss", v) with no step= stores step 0 for every point; read at one step,
    # 399 of 400 points went as "logged again".
    run_dir = tmp_path / RUN_A
    write(run_dir / "meta.yaml", run_meta(RUN_A, "no-steps"))
    loss = [2.0 / (1 + i) ** 0.3 for i in range(400)]
    write(run_dir / "metrics" / "loss", metric_lines((1_700_000_000_000 + 1000 * i, v, 0) for i, v in enumerate(loss)))
    [run] = read(run_dir)
    assert run.series("loss").to_list() == loss and list(run.series("loss").index) == list(range(400))
    assert run.warnings == ["metric loss: every point at step 0 (logged without step=): numbered 0-399 in the "
                            "order logged"]


def test_a_run_folder_without_its_meta_yaml_is_read_and_named_by_its_folder(mlruns):
    # Once left out without a word: its metrics were there.
    (mlruns / "1" / RUN_A / "meta.yaml").unlink()
    runs = read(mlruns / "1")
    [run] = [r for r in runs if r.source == str(mlruns / "1" / RUN_A)]
    assert run.series("loss").to_list() == [10.0 - s for s in range(6)]
    assert f"{RUN_A} has no meta.yaml: read all the same" in runs[0].warnings


def _stepless_run(tmp_path, loss_steps=None):
    """loss and lr logged every 10 training steps, val_loss every 100, all by mlflow.log_metric
    without step= (step 0); the LR decays x0.1 at the 100th loss point."""
    import numpy as np

    rng = np.random.default_rng(2)
    run_dir = tmp_path / RUN_A
    write(run_dir / "meta.yaml", run_meta(RUN_A, "no-steps"))
    t0 = 1_700_000_000_000
    loss = np.where(np.arange(200) < 100, 0.3, 0.15) * np.exp(rng.normal(0, 0.05, 200))
    lr = np.where(np.arange(200) < 100, 0.05, 0.005)
    steps = loss_steps if loss_steps is not None else [0] * 200
    write(run_dir / "metrics" / "loss", metric_lines((t0 + 700 * i, v, s) for i, (v, s) in enumerate(zip(loss, steps))))
    write(run_dir / "metrics" / "lr", metric_lines((t0 + 700 * i + 1, v, 0) for i, v in enumerate(lr)))
    # Evaluated after every tenth training point: the 10th evaluation follows the decay.
    val = np.where(np.arange(20) < 10, 0.36, 0.27) * np.exp(rng.normal(0, 0.01, 20))
    write(run_dir / "metrics" / "val_loss", metric_lines((t0 + 700 * (10 * k + 9) + 100, v, 0)
                                                         for k, v in enumerate(val)))
    return run_dir


def test_metrics_logged_without_a_step_are_placed_on_one_axis_by_the_time_they_were_logged(tmp_path):
    [run] = read(_stepless_run(tmp_path))
    assert list(run.series("loss").index) == list(range(200))
    assert list(run.series("lr").index) == list(range(200))
    assert list(run.series("val_loss").index) == [10 * k + 9 for k in range(20)]
    assert sorted(run.warnings) == [
        "metric loss: every point at step 0 (logged without step=): numbered 0-199 in the order logged",
        "metric lr: every point at step 0 (logged without step=): placed at the steps of loss logged nearest in time",
        "metric val_loss: every point at step 0 (logged without step=): placed at the steps of loss logged nearest "
        "in time"]
    # Numbered apart, the evaluation after the decay sat at step 10, 90 steps before it, and its drop
    # passed for a plateau escape with "LR constant around the drop".
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / RUN_A), "--format", "json"])
    val = next(m for m in json.loads(res.stdout)["runs"][0]["metrics"] if m["name"] == "val_loss")
    assert [(e["step"], e["label"]) for e in val["events"]] == [(109, "lr_decay")]


def test_a_metric_without_steps_takes_those_of_a_metric_logged_with_them(tmp_path):
    [run] = read(_stepless_run(tmp_path, loss_steps=[10 * i for i in range(200)]))
    assert list(run.series("loss").index) == [10 * i for i in range(200)]
    assert list(run.series("val_loss").index) == [10 * (10 * k + 9) for k in range(20)]
    assert list(run.series("lr").index) == [10 * i for i in range(200)]


def test_points_logged_at_one_time_keep_their_own_numbering(tmp_path):
    # Written in one go (a summary table logged at the end): time cannot place them apart.
    run_dir = _stepless_run(tmp_path)
    write(run_dir / "metrics" / "val_loss", metric_lines((1_700_000_200_000, 0.3 - 0.01 * k, 0) for k in range(20)))
    [run] = read(run_dir)
    assert list(run.series("val_loss").index) == list(range(20))
    assert "metric val_loss: every point at step 0 (logged without step=): numbered 0-19 in the order logged" \
        in run.warnings


def _info_cli(path: Path) -> subprocess.CompletedProcess:
    # In a process of its own: a reader that opened a pipe would wait on it for good.
    return subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(path)], capture_output=True,
                          text=True, timeout=60)


def test_a_pipe_in_place_of_a_run_file_is_named_not_opened(mlruns):
    """A FIFO opened to be read waits for a writer: one standing for meta.yaml or a metric file is
    refused by name, whichever of the root, the experiment or the run is passed."""
    import os

    meta = mlruns / "1" / RUN_B / "meta.yaml"
    meta.unlink()
    os.mkfifo(meta)
    for path in (mlruns, mlruns / "1", mlruns / "1" / RUN_B, mlruns / "1" / RUN_B / "metrics"):
        result = _info_cli(path)
        assert result.returncode == 2, result.stdout
        assert result.stderr.strip().splitlines() == [f"curvedoc: error: {meta}: not a regular file (a pipe, "
                                                      "device or socket cannot be read as a log)"]

    meta.unlink()
    write(meta, run_meta(RUN_B))
    loss = mlruns / "1" / RUN_A / "metrics" / "loss"
    loss.unlink()
    os.mkfifo(loss)  # as an unreadable or zeroed metric file: the run's other metrics read, this one said lost
    result = _info_cli(mlruns)
    assert result.returncode == 0, result.stderr
    assert ("warning: metric loss: not a regular file (a pipe, device or socket cannot be read as a log); skipped"
            in " ".join(result.stdout.split()))  # the report wraps long warnings


def test_a_dangling_link_in_place_of_a_metric_file_is_said_lost(mlruns):
    loss = mlruns / "1" / RUN_A / "metrics" / "loss"
    loss.unlink()
    loss.symlink_to(mlruns / "gone")  # once left out without a word
    [run] = [r for r in read(mlruns / "1" / RUN_A)]
    assert "loss" not in run.frame.columns
    assert "metric loss: cannot read: No such file or directory; skipped" in run.warnings


def test_a_project_folder_is_read_through_its_mlruns(mlruns):
    """``curvedoc analyze .`` where the training ran: mlruns/ below, beside the code. The experiment's
    meta.yaml two levels down had made the project itself an MLflow folder, with no run in it; the
    event files autologging keeps under a run's artifacts/ do not make it a TensorBoard one either."""
    project = mlruns.parent
    write(project / "train.py", "import mlflow\n")
    assert [(r.name, r.source) for r in read(project)] == [(r.name, r.source) for r in read(mlruns)]
    result = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", "."], cwd=project, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(f"mlruns/1/{RUN_B}  format=mlflow  run=calm-fox-7")


def test_a_run_that_gives_no_point_is_named_and_a_zeroed_file_stops_nothing(mlruns):
    # A run whose only metric file is malformed throughout was left out of the folder without a word;
    # one whose file a crash zeroed stopped the whole folder, the good runs unjudged.
    bad = mlruns / "1" / "44444444444444444444444444444444"
    write(bad / "meta.yaml", run_meta(bad.name, "garbled"))
    write(bad / "metrics" / "loss", "a b c\n" * 50)
    zeroed = mlruns / "1" / "55555555555555555555555555555555"
    write(zeroed / "meta.yaml", run_meta(zeroed.name, "zeroed"))
    write(zeroed / "metrics" / "acc", metric_lines([(1628697800000 + s, 0.1 * s, s) for s in range(5)]))
    (zeroed / "metrics" / "loss").write_bytes(b"\0" * 4096)
    runs = {run.name: run for run in read(mlruns)}
    assert sorted(runs) == sorted(["calm-fox-7", RUN_C, "bright-owl-42", "zeroed"])
    assert f"1/{bad.name} not read: metric loss: no well-formed `<timestamp_ms> <value> <step>` line" \
        in runs["calm-fox-7"].warnings
    assert "metric loss: the file holds only NUL bytes (zeroed by a crash?); skipped" in runs["zeroed"].warnings
    out = CliRunner().invoke(app, ["check", str(mlruns)])
    assert f"1/{bad.name} not read" in out.stdout


def _single_run(tmp_path, loss_text: str) -> Path:
    root = tmp_path / "mlruns"
    write(root / "0" / "meta.yaml", "artifact_location: file:///tmp/mlruns/0\nexperiment_id: '0'\n"
                                    "lifecycle_stage: active\nname: Default\n")
    run = root / "0" / RUN_A
    write(run / "meta.yaml", run_meta(RUN_A, "live"))
    write(run / "metrics" / "loss", loss_text)
    return run


def test_a_last_line_still_being_written_is_skipped_not_read_as_a_step(tmp_path):
    # MLflow ends every line it appends; caught mid-write, "... 600" reads "... 6", and the
    # resume rule sent the run back to step 6, dropping 593 points.
    rows = [(1628697792090 + 1000 * s, 1.0 / s, s) for s in range(1, 601)]
    text = metric_lines(rows)[:-3]  # "00\n" of step 600 not written yet
    [run] = read(_single_run(tmp_path, text))
    loss = run.series("loss")
    assert loss.index.tolist() == list(range(1, 600))
    assert "metric loss: the last line has no line end, so it may be cut short (file still being written?); " \
           "skipped" in run.warnings


@pytest.mark.parametrize("first", ["1628697", "1628697 0.5", "1628697792090 1.0 1 extra", "garbage"])
def test_one_damaged_first_line_does_not_decide_the_layout_of_the_file(tmp_path, first):
    # The layout is read from most of the first lines: a damaged first line (a crash, a torn write)
    # dropped the whole metric, and a diverged run passed `check`.
    rows = [(1628697792090 + 1000 * s, 1.0 if s < 400 else "nan", s) for s in range(1, 601)]
    [run] = read(_single_run(tmp_path, first + "\n" + metric_lines(rows)))
    loss = run.series("loss")
    assert len(loss) == 600 and loss.index[0] == 1 and math.isnan(loss.loc[400])
    assert "metric loss: 1 malformed lines skipped" in run.warnings


def test_a_project_folder_holding_mlruns_reads_with_the_format_forced_as_found(mlruns):
    # Found by itself, the folder holding mlruns/ is read through it; forced with --log-format
    # mlflow it was "no MLflow run directory (meta.yaml + metrics/) here".
    project = mlruns.parent
    found = {run.name: list(run.frame.columns) for run in read(project)}
    forced = {run.name: list(run.frame.columns) for run in read(project, format="mlflow")}
    assert forced == found and found


def test_a_run_name_of_megabytes_is_shown_cut(tmp_path):
    # A hostile meta.yaml naming the run with 5 MB of text: info spent 13 s in the terminal's line splitter.
    run = tmp_path / "mlruns" / "1" / RUN_A
    write(run / "meta.yaml", run_meta(RUN_A, "x" * 5_000_000))
    write(run / "metrics" / "loss", metric_lines([(1628697792090 + 1000 * s, 10.0 / (1 + s), s) for s in range(60)]))
    (r,) = read(run)
    assert r.name == "x" * 200 + "…"
    assert "the run's name is 5,000,000 characters long: shown cut to 200" in r.warnings


def p29_run(tmp_path: Path, name: str):
    """tools/probe_runs.py p29's per-batch losses, an MLflow run folder named ``name`` for them, and
    the first point's time (ms)."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import STEPLR_NOLR_LOSS

    run = tmp_path / "mlruns" / "0" / RUN_A
    write(run / "meta.yaml", run_meta(RUN_A, name))
    return [float(v) for v in STEPLR_NOLR_LOSS.split()], run, 1767225600000


def test_epoch_metrics_logged_at_step_epoch_beside_batch_ones_are_put_on_the_batch_axis(tmp_path):
    # MLflow's Keras autolog with batch logging (and loops mixing the two) logs epoch metrics at
    # step=epoch beside a batch counter: a x0.1 decay at epoch 15 (update 586) was read at step 15,
    # and the initial descent labelled lr_decay. The run: tools/probe_runs.py p29's losses, 39 batches an
    # epoch, a batch logged every 30 ms, each epoch's mean loss and LR at its end.
    from curvedoc.analysis import analyze

    batch, run, t0 = p29_run(tmp_path, "mixed-axis")
    write(run / "metrics" / "batch_loss", metric_lines([(t0 + 30 * s, v, s) for s, v in enumerate(batch, 1)]))
    ends = [(e, t0 + 30 * 39 * (e + 1) + 5) for e in range(30)]
    write(run / "metrics" / "loss", metric_lines([(t, sum(batch[39 * e:39 * e + 39]) / 39, e) for e, t in ends]))
    write(run / "metrics" / "lr", metric_lines([(t, 0.05 if e < 15 else 0.005, e) for e, t in ends]))
    [r] = read(run)
    assert list(r.series("loss").index[:2]) == [39, 78] and r.series("loss").index[-1] == 1170
    assert any("logged at steps 0-29 (epochs) beside batch_loss" in w for w in r.warnings), r.warnings
    [ra] = analyze(run)
    [decay] = [c for c in ra.schedule.changes if c.kind == "lr_decay"]
    assert decay.step == 586
    drops = {sa.name: [e.step for e in sa.events if e.label == "lr_decay"] for sa in ra.metrics}
    assert drops["batch_loss"] and all(586 <= s <= 640 for steps in drops.values() for s in steps), drops


def test_system_metrics_running_past_training_do_not_say_the_loss_stopped_early(tmp_path):
    # MLflow's system metrics (system/cpu_utilization_percentage ...) keep their own counter and run on
    # after training: the loss was "logged on every row up to step 29 and on none of the 31 after it
    # ... a NaN written as an empty cell", a table's reading of series MLflow logs apart.
    from curvedoc.analysis import analyze

    run = tmp_path / "mlruns" / "0" / RUN_A
    write(run / "meta.yaml", run_meta(RUN_A, "with-system-metrics"))
    t0 = 1767225600000
    write(run / "metrics" / "loss", metric_lines([(t0 + 1000 * e, 2.0 / (1 + e) ** 0.5, e) for e in range(30)]))
    write(run / "metrics" / "system" / "cpu_utilization_percentage",
          metric_lines([(t0 + 500 * k, 50.0 + k % 7, k) for k in range(61)]))
    [ra] = analyze(run)
    assert not any("judged up to there" in w for w in ra.run.warnings), ra.run.warnings


def test_system_metrics_on_their_own_sample_counter_are_left_out(tmp_path):
    # MLflow's system-metrics monitor logs system/* with its own sample count (one every 10 s) as the
    # step: beside a run logged per epoch (30 epochs of 20 s) it ran to step 60, and each training
    # metric was "logged on every row up to step 29 ... judged up to there". The losses: p29's
    # epoch means.
    batch, run, t0 = p29_run(tmp_path, "with-system")
    write(run / "metrics" / "loss", metric_lines([(t0 + 20_000 * e, sum(batch[39 * e:39 * e + 39]) / 39, e)
                                                  for e in range(30)]))
    for name in ("cpu_utilization_percentage", "system_memory_usage_megabytes"):
        write(run / "metrics" / "system" / name, metric_lines([(t0 + 10_000 * k, 50.0 + k % 7, k) for k in range(61)]))
    [r] = read(run)
    assert r.columns_with_role("metric") == ["loss"] and r.frame.index.tolist() == list(range(30))
    assert r.warnings == ["MLflow's system metrics (system/cpu_utilization_percentage, "
                          "system/system_memory_usage_megabytes) not read: their steps count the monitor's samples, "
                          "not the training's"]
