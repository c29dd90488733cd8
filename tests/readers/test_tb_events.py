"""TensorBoard event files, written with TensorBoard's own writers and read back."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.summary import Writer
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from tensorboard.summary.writer.record_writer import RecordWriter
from typer.testing import CliRunner

from curvedoc.cli import app

from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff
from curvedoc.readers.tb_events import read as read_events

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
REAL_EVENTS = REAL_LOGS / "tfevents_keras_swahili_asr"
REAL_MLFLOW_LOSS = REAL_LOGS / "mlflow_swahili_asr" / "loss"
LFS_TEXT = ("version https://git-lfs.github.com/spec/v1\n"
            "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 40\n")


# --- writing event files with TensorBoard's own record writer -------------------------------

def scalar(step, tag, value, wall=None):
    return event_pb2.Event(wall_time=1_600_000_000.0 + step if wall is None else wall, step=step,
                           summary=summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=value)]))


def tensor_value(tag, tensor, plugin="scalars"):
    value = summary_pb2.Summary.Value(tag=tag, tensor=tensor)
    if plugin:
        value.metadata.plugin_data.plugin_name = plugin
    return value


def event_of(step, *values, wall=None):
    return event_pb2.Event(wall_time=1_600_000_000.0 + step if wall is None else wall, step=step,
                           summary=summary_pb2.Summary(value=list(values)))


def write_events(path: Path, events, first_wall=1_600_000_000.0) -> Path:
    """A TFRecord event file: the file_version record, then ``events``, framed by RecordWriter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        writer = RecordWriter(fh)
        writer.write(event_pb2.Event(wall_time=first_wall, file_version="brain.Event:2").SerializeToString())
        for ev in events:
            writer.write(ev.SerializeToString())
    return path


def event_file(directory: Path, ts: int = 1_600_000_000, suffix: str = "host.1.0") -> Path:
    return directory / f"events.out.tfevents.{ts}.{suffix}"


def accumulate(path: Path) -> ea.EventAccumulator:
    acc = ea.EventAccumulator(str(path), size_guidance={ea.SCALARS: 0, ea.TENSORS: 0})
    acc.Reload()
    return acc


def curvedoc_info(path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(path), *extra],
                          capture_output=True, text=True, timeout=60)


# --- the real file -------------------------------------------------------------------------------

def test_real_keras_file_matches_event_accumulator():
    path = next(REAL_EVENTS.glob("*tfevents*"))
    expected = accumulate(path).Scalars("epoch_loss")
    [run] = read(path)
    assert run.format == "tb_events"
    assert list(run.frame.columns) == ["epoch_loss", "wall_time"]
    loss = run.series("epoch_loss")
    assert len(loss) == len(expected) == 10
    assert loss.index.tolist() == [e.step for e in expected]
    assert loss.tolist() == [e.value for e in expected]
    assert run.series("wall_time").tolist() == [e.wall_time for e in expected]
    assert run.role("wall_time") == "wall_time"
    assert run.warnings == []


def test_real_keras_file_equals_the_mlflow_metric_of_the_same_run():
    [events] = read(REAL_EVENTS)
    mlflow_lines = [line.split() for line in REAL_MLFLOW_LOSS.read_text().splitlines() if line.strip()]
    mlflow_values = [float(v) for _, v, _ in mlflow_lines]
    mlflow_steps = [int(s) for *_, s in mlflow_lines]
    tb = events.series("epoch_loss")
    assert tb.index.tolist() == mlflow_steps
    assert tb.tolist() == mlflow_values
    [mlflow_run] = read(REAL_MLFLOW_LOSS)
    assert mlflow_run.series("loss").tolist() == tb.tolist()


def test_real_logdir_with_one_root_run_is_named_by_its_folder():
    assert sniff(REAL_EVENTS) == "tb_events"
    [run] = read(REAL_EVENTS)
    assert run.name == REAL_EVENTS.resolve().name
    assert run.source == str(REAL_EVENTS)


# --- scalars as simple_value and as tensors --------------------------------------------------------

def test_simple_values_from_tensorboards_event_file_writer(tmp_path):
    writer = EventFileWriter(str(tmp_path))
    losses = [2.5, 1.25, float("nan"), 0.5]
    for step, loss in enumerate(losses):
        writer.add_event(scalar(step * 10, "train/loss", loss))
        writer.add_event(scalar(step * 10, "train/lr", 0.1))
    writer.close()
    [run] = read(tmp_path)
    assert run.frame.index.tolist() == [0, 10, 20, 30]
    loss = run.series("train/loss")
    assert loss.iloc[[0, 1, 3]].tolist() == [2.5, 1.25, 0.5]
    assert math.isnan(loss.iloc[2])
    assert run.nan_steps["train/loss"].tolist() == [20]
    assert run.role("train/lr") == "lr"
    assert run.series("train/lr").tolist() == [pytest.approx(0.1)] * 4


def test_a_tag_written_without_global_step_is_numbered_in_the_order_written(tmp_path):
    # add_scalar(tag, value) with no step writes step 0 on every event: read at one step, 300
    # points were one, and a run that went NaN was "every logged value is NaN or inf".
    writer = EventFileWriter(str(tmp_path))
    for i in range(300):
        loss = float("nan") if i >= 249 else (0.8 if i < 150 else 0.4) * math.exp(-i / 2000)
        writer.add_event(scalar(0, "train/loss", loss, wall=1_600_000_000.0 + i))
    writer.close()
    [run] = read(tmp_path)
    assert run.frame.index.tolist() == list(range(300))
    assert run.warnings == ["tag train/loss: every point at step 0 (written without global_step): numbered 0-299 "
                            "in the order written"]
    assert run.series("train/loss").iloc[149] == pytest.approx(0.8 * math.exp(-149 / 2000))
    assert run.nan_steps["train/loss"].tolist() == list(range(249, 300))


def test_a_value_written_again_as_it_was_at_one_step_is_no_warning(tmp_path):
    # Lightning's TensorBoard logger writes `epoch` at each of its calls within a step: every real
    # Lightning log warned that points were "logged again", though nothing was lost. Another
    # value at a step already written is still said.
    writer = EventFileWriter(str(tmp_path))
    for step in range(0, 50, 10):
        writer.add_event(scalar(step, "epoch", step // 10))
        writer.add_event(scalar(step, "epoch", step // 10))
        writer.add_event(scalar(step, "train_loss", 1 / (step + 1)))
    writer.add_event(scalar(40, "train_loss", 9.0))
    writer.close()
    [run] = read(tmp_path)
    assert run.warnings == ["1 points logged again at a step already logged with another value: last value kept "
                            "(train_loss)"]
    assert run.series("train_loss")[40] == 9.0 and run.series("epoch").tolist() == [0, 1, 2, 3, 4]


def test_tensor_scalars_written_by_tensorboards_summary_writer(tmp_path):
    writer = Writer(str(tmp_path))
    for step in range(5):
        writer.add_scalar("accuracy", 0.5 + step / 10, step=step, wall_time=1e9 + step)
    writer.close()
    [run] = read(tmp_path)
    expected = [float(np.float32(0.5 + s / 10)) for s in range(5)]
    assert run.series("accuracy").tolist() == expected
    acc = accumulate(tmp_path)
    assert [t.tensor_proto.float_val[0] for t in acc.Tensors("accuracy")] == expected


def test_tensor_encodings_and_metadata_on_the_first_value_only(tmp_path):
    def proto(dtype, **fields):
        return tensor_pb2.TensorProto(dtype=dtype, tensor_shape=tensor_shape_pb2.TensorShapeProto(), **fields)

    values_f32 = [0.25, 0.5, 0.75]
    events = []
    for step, v in enumerate(values_f32):
        plugin = "scalars" if step == 0 else None  # TF2 writers attach metadata to the first value only
        events.append(event_of(step,
                               tensor_value("f32_content", proto(types_pb2.DT_FLOAT,
                                                                 tensor_content=np.float32(v).tobytes()), plugin),
                               tensor_value("f32_val", proto(types_pb2.DT_FLOAT, float_val=[v]), plugin),
                               tensor_value("f64_val", proto(types_pb2.DT_DOUBLE, double_val=[v + 1e-12]), plugin),
                               tensor_value("f64_content", proto(types_pb2.DT_DOUBLE,
                                                                 tensor_content=np.float64(v).tobytes()), plugin),
                               tensor_value("f16_val", proto(types_pb2.DT_HALF,
                                                             half_val=[int(np.float16(v).view(np.uint16))]), plugin),
                               # Integer scalars, which TensorBoard draws and were dropped unsaid.
                               tensor_value("i64_val", proto(types_pb2.DT_INT64, int64_val=[step * 10]), plugin),
                               tensor_value("i32_content", proto(types_pb2.DT_INT32,
                                                                 tensor_content=np.int32(step).tobytes()), plugin)))
    # Not scalars: another plugin's tensor, a vector tensor under "scalars", a histogram, an image.
    vector = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, float_val=[1.0, 2.0],
                                    tensor_shape=tensor_shape_pb2.TensorShapeProto(
                                        dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=2)]))
    events.append(event_of(0, tensor_value("keras", proto(types_pb2.DT_STRING, string_val=[b"{}"]),
                                           "graph_keras_model"),
                           tensor_value("vector", vector),
                           summary_pb2.Summary.Value(tag="weights", histo=summary_pb2.HistogramProto(num=3)),
                           summary_pb2.Summary.Value(tag="image", image=summary_pb2.Summary.Image(height=1))))
    write_events(event_file(tmp_path), events)
    [run] = read(tmp_path)
    assert set(run.frame.columns) == {"f32_content", "f32_val", "f64_val", "f64_content", "f16_val", "i64_val",
                                      "i32_content", "wall_time"}
    for column in ("f32_content", "f32_val", "f64_content", "f16_val"):
        assert run.series(column).tolist() == values_f32, column
    assert run.series("f64_val").tolist() == [v + 1e-12 for v in values_f32]
    assert run.series("i64_val").tolist() == [0.0, 10.0, 20.0] and run.series("i32_content").tolist() == [0, 1, 2]
    # The vector under "scalars" is named; the other plugins' data are not scalars and go unsaid.
    assert "scalar summaries that are not one number skipped: vector" in run.warnings


def test_a_log_whose_only_metric_was_set_aside_says_why_in_its_error(tmp_path):
    # The loss written as a two-number tensor under "scalars" beside a readable LR: `info` named the
    # skipped tag, `analyze` said only "no metric in the log, only lr (lr)".
    vector = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, float_val=[1.0, 2.0],
                                    tensor_shape=tensor_shape_pb2.TensorShapeProto(
                                        dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=2)]))
    write_events(event_file(tmp_path), [event_of(step, tensor_value("loss", vector),
                                                 summary_pb2.Summary.Value(tag="lr", simple_value=0.1))
                                        for step in range(20)])
    res = CliRunner().invoke(app, ["analyze", str(tmp_path)])
    assert isinstance(res.exception, CurvedocError)
    assert str(res.exception).endswith("no metric in the log, only lr (lr), wall_time (wall_time) "
                                       "(scalar summaries that are not one number skipped: loss)")


def test_every_point_is_kept_beyond_the_accumulators_default_reservoir(tmp_path):
    n = 12_000  # EventAccumulator keeps a 10,000-point reservoir per tag by default
    write_events(event_file(tmp_path), (scalar(i, "loss", float(i % 997)) for i in range(n)))
    [run] = read(tmp_path)
    loss = run.series("loss")
    assert len(loss) == n
    assert loss.to_numpy().tolist() == [float(i % 997) for i in range(n)]
    assert len(ea.EventAccumulator(str(tmp_path)).Reload().Scalars("loss")) == 10_000


# --- runs and files ----------------------------------------------------------------------------------

def test_several_event_files_of_one_run_are_merged_in_order(tmp_path):
    # Named out of order on purpose: the timestamp in the name decides, then the first wall time.
    write_events(event_file(tmp_path, 1_600_000_200, "b.1.0"), [scalar(s, "loss", 20.0 + s) for s in (20, 21)])
    write_events(event_file(tmp_path, 1_600_000_100, "z.1.0"), [scalar(s, "loss", 10.0 + s) for s in (10, 11)],
                 first_wall=1_600_000_150.0)
    write_events(event_file(tmp_path, 1_600_000_100, "a.1.0"), [scalar(s, "loss", float(s)) for s in (0, 1)],
                 first_wall=1_600_000_101.0)
    [run] = read(tmp_path)
    assert run.series("loss").index.tolist() == [0, 1, 10, 11, 20, 21]
    assert run.series("loss").tolist() == [0.0, 1.0, 20.0, 21.0, 40.0, 41.0]
    assert run.warnings == []


def test_an_unreadable_event_file_beside_others_is_skipped_and_said(tmp_path, monkeypatch):
    import builtins

    write_events(event_file(tmp_path, 1_600_000_100, "a.1.0"), [scalar(s, "loss", 1.0 / (s + 1)) for s in range(9)])
    locked = write_events(event_file(tmp_path, 1_600_000_200, "b.1.0"), [scalar(20, "loss", 0.1)])
    real_open = builtins.open

    def open_(file, *args, **kwargs):  # chmod 000 as root stops nothing: the OS's answer made here
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    [run] = read(tmp_path)
    assert run.series("loss").index.tolist() == list(range(9))
    assert run.warnings == [f"{locked.name}: cannot read: Permission denied; skipped"]
    with pytest.raises(CurvedocError, match="cannot read: Permission denied"):  # alone, it is the error
        read(locked)


def test_a_logdir_with_train_and_validation_runs(tmp_path):
    write_events(event_file(tmp_path / "train"), [scalar(s, "epoch_loss", 1.0 / (s + 1)) for s in range(4)])
    write_events(event_file(tmp_path / "validation"), [scalar(s, "epoch_loss", 2.0 / (s + 1)) for s in range(3)])
    write_events(event_file(tmp_path / "nested" / "deeper"), [scalar(0, "x", 1.0)])
    write_events(event_file(tmp_path), [scalar(7, "hparam_metric", 0.9)])
    (tmp_path / "train" / "events.out.tfevents.1600000000.host.profile-empty").write_bytes(b"\x00" * 40)
    (tmp_path / "train" / "plugins" / "profile").mkdir(parents=True)
    (tmp_path / "train" / "plugins" / "profile" / "host.xplane.pb").write_bytes(b"\x01\x02")
    runs = {run.name: run for run in read(tmp_path)}
    # Keras's train/ and validation/ pair is one run, named by the folder holding it.
    assert list(runs) == [".", "nested/deeper", tmp_path.name]
    keras = runs[tmp_path.name]
    assert keras.series("train/epoch_loss").tolist() == [1.0, 0.5, pytest.approx(1 / 3), 0.25]
    assert len(keras.series("validation/epoch_loss")) == 3
    assert keras.source == str(tmp_path)
    assert all(run.warnings == [] for run in runs.values())
    acc = accumulate(tmp_path / "train")
    assert keras.series("train/epoch_loss").tolist() == [e.value for e in acc.Scalars("epoch_loss")]


def test_keras_train_and_validation_folders_are_one_run_with_the_lr(tmp_path):
    # As tf.keras's TensorBoard callback writes them under logs/fit/<time>/: the LR (epoch_learning_rate)
    # only in train/. A step decay at epoch 20 shows in both curves; read as one run, the validation
    # drop is set against the LR too, and the two drops are linked.
    logdir = tmp_path / "logs" / "fit" / "20240101-120000"
    rng = np.random.default_rng(3)
    train, val = [], []
    for epoch in range(40):
        lr = 0.1 if epoch < 20 else 0.01
        level = 0.9 * (epoch + 1) ** -0.3 * (0.45 if epoch >= 20 else 1.0)
        train += [scalar(epoch, "epoch_loss", level * math.exp(0.02 * rng.standard_normal())),
                  scalar(epoch, "epoch_learning_rate", lr)]
        val.append(scalar(epoch, "epoch_loss", 1.15 * level * math.exp(0.02 * rng.standard_normal())))
    write_events(event_file(logdir / "train"), train)
    write_events(event_file(logdir / "validation"), val)
    [run] = read(tmp_path / "logs")
    assert run.name == "fit/20240101-120000" and run.source == str(logdir)
    assert sorted(run.frame.columns) == ["train/epoch_learning_rate", "train/epoch_loss", "validation/epoch_loss",
                                         "wall_time"]
    report = json.loads(CliRunner().invoke(app, ["analyze", str(tmp_path / "logs"), "--format", "json"]).stdout)
    [doc] = report["runs"]
    assert [(c["kind"], c["step"]) for c in doc["schedule"]] == [("lr_decay", 20)]
    events = {m["name"]: m["events"] for m in doc["metrics"]}
    for name in ("train/epoch_loss", "validation/epoch_loss"):
        [drop] = events[name]
        assert (drop["step"], drop["label"]) == (20, "lr_decay"), name


def test_add_scalars_folders_are_series_of_the_writers_run_with_its_lr(tmp_path):
    # PyTorch's SummaryWriter.add_scalars("loss", {"train": ..., "val": ...}) writes each key to a
    # folder of its own, loss_train/ and loss_val/, under the writer's folder, with the tag "loss";
    # add_scalar("lr", ...) stays in the writer's folder. Read as three runs, the training loss had
    # no LR and its drop at the decay passed for a plateau escape.
    logdir = tmp_path / "runs" / "exp1"
    rng = np.random.default_rng(5)
    root, train, val = [], [], []
    for step in range(10, 2510, 10):
        lr = 0.1 if step <= 1000 else 0.01
        level = 0.6 * (step / 10) ** -0.1 * (0.4 if step > 1000 else 1.0)
        root.append(scalar(step, "lr", lr))
        train.append(scalar(step, "loss", level * math.exp(0.05 * rng.standard_normal())))
        if step % 50 == 0:
            val.append(scalar(step, "loss", 1.3 * level * math.exp(0.02 * rng.standard_normal())))
    write_events(event_file(logdir, suffix="host.7.0"), root)
    write_events(event_file(logdir / "loss_train", suffix="host.7.1"), train)
    write_events(event_file(logdir / "loss_val", suffix="host.7.2"), val)
    [run] = read(logdir)
    assert run.name == "exp1" and sorted(run.frame.columns) == ["loss_train", "loss_val", "lr", "wall_time"]
    assert run.series("loss_val").index[0] == 50
    report = json.loads(CliRunner().invoke(app, ["analyze", str(logdir), "--format", "json"]).stdout)
    [doc] = report["runs"]
    events = {m["name"]: m["events"] for m in doc["metrics"]}
    [drop] = events["loss_train"]
    assert drop["label"] == "lr_decay" and 1001 <= drop["step"] <= 1050
    # Folders of one tag each, but no writer's folder above them: separate runs, as TensorBoard shows them.
    for name in ("loss_a", "loss_b"):
        write_events(event_file(tmp_path / "sweep" / name), train)
    assert sorted(r.name for r in read(tmp_path / "sweep")) == ["loss_a", "loss_b"]


def hparams_summaries(step, hparams: dict, metrics: dict) -> list:
    """What PyTorch's ``SummaryWriter.add_hparams`` writes in its own folder: the hparams plugin's
    experiment and session records, then each metric's one value."""
    from tensorboard.plugins.hparams import api_pb2, metadata, plugin_data_pb2

    def plugin_value(tag, **content):
        value = summary_pb2.Summary.Value(tag=tag)
        value.metadata.plugin_data.plugin_name = metadata.PLUGIN_NAME
        value.metadata.plugin_data.content = plugin_data_pb2.HParamsPluginData(version=0, **content).SerializeToString()
        return value

    start = plugin_data_pb2.SessionStartInfo()
    for k, v in hparams.items():
        start.hparams[k].number_value = v
    experiment = api_pb2.Experiment(metric_infos=[api_pb2.MetricInfo(name=api_pb2.MetricName(tag=k)) for k in metrics])
    return [event_of(0, plugin_value(metadata.EXPERIMENT_TAG, experiment=experiment)),
            event_of(0, plugin_value(metadata.SESSION_START_INFO_TAG, session_start_info=start)),
            event_of(0, plugin_value(metadata.SESSION_END_INFO_TAG,
                                     session_end_info=plugin_data_pb2.SessionEndInfo(status=1)))] + \
        [scalar(step, k, v) for k, v in metrics.items()]


def test_an_add_hparams_folder_is_a_note_of_the_writers_run_not_a_run(tmp_path):
    # SummaryWriter.add_hparams writes the hyperparameters and one value per metric into a folder
    # named by the time inside the writer's folder; read as a second run it was a run of one point
    # whose every metric had "too few points".
    logdir = tmp_path / "runs" / "exp1"
    write_events(event_file(logdir, suffix="host.7.0"),
                 [scalar(s, "train/loss", 2.0 * s ** -0.3) for s in range(1, 101)])
    write_events(event_file(logdir / "1796410477.9281478", suffix="host.7.1"),
                 hparams_summaries(0, {"lr": 0.1, "bs": 32}, {"hparam/final_loss": 0.3, "hparam/acc": 0.9}))
    for given, note in ((logdir, "1796410477.9281478"), (logdir.parent, "exp1/1796410477.9281478")):
        [run] = read(given)
        assert run.name == "exp1" and list(run.frame.columns) == ["train/loss", "wall_time"]
        assert run.warnings == [f"{note}: add_hparams summary, one value per metric, not read as a run "
                                "(hparam/acc 0.9, hparam/final_loss 0.3)"]
    # Given alone, the folder is what it is: a run of one point per metric.
    [alone] = read(logdir / "1796410477.9281478")
    assert sorted(alone.frame.columns) == ["hparam/acc", "hparam/final_loss", "wall_time"]
    # A sweep's runs, each with its add_hparams folder, are one run each.
    write_events(event_file(tmp_path / "runs" / "exp2", suffix="host.8.0"),
                 [scalar(s, "train/loss", 1.0 * s ** -0.2) for s in range(1, 101)])
    write_events(event_file(tmp_path / "runs" / "exp2" / "1796410999.5", suffix="host.8.1"),
                 hparams_summaries(0, {"lr": 0.01}, {"hparam/final_loss": 0.5}))
    assert [r.name for r in read(tmp_path / "runs")] == ["exp1", "exp2"]


def test_runs_linked_into_a_folder_are_read_as_tensorboard_reads_them(tmp_path):
    # Runs linked into one folder to compare them: TensorBoard follows the links; the folder was
    # called one holding no logs. A link back up, or a second link to one run, reads nothing twice.
    for name, factor in (("exp1", 1.0), ("exp2", 0.5)):
        write_events(event_file(tmp_path / "runs" / name), [scalar(s, "loss", factor * s ** -0.3) for s in range(1, 51)])
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "base").symlink_to(tmp_path / "runs" / "exp1", target_is_directory=True)
    (chosen / "tuned").symlink_to(tmp_path / "runs" / "exp2", target_is_directory=True)
    (chosen / "again").symlink_to(tmp_path / "runs" / "exp2", target_is_directory=True)
    (tmp_path / "runs" / "exp1" / "up").symlink_to(tmp_path, target_is_directory=True)
    assert sniff(chosen) == "tb_events"
    runs = read(chosen)
    assert [(r.name, round(float(r.series("loss").iloc[-1]), 5)) for r in runs] == [
        ("again", round(0.5 * 50 ** -0.3, 5)), ("base", round(50 ** -0.3, 5))]


def test_a_run_without_scalars_is_skipped_and_said(tmp_path):
    write_events(event_file(tmp_path / "train"), [scalar(0, "loss", 1.0)])
    write_events(event_file(tmp_path / "text_only"), [event_of(0, tensor_value(
        "notes", tensor_pb2.TensorProto(dtype=types_pb2.DT_STRING, string_val=[b"hi"]), "text"))])
    [run] = read(tmp_path)
    assert run.name == "train"
    assert run.warnings == ["skipped, no scalars: run 'text_only': other data: notes"]


def test_a_restart_keeps_the_later_values(tmp_path):
    first = [scalar(s, "loss", 100.0 + s) for s in range(10)]
    again = [scalar(s, "loss", 200.0 + s) for s in range(5, 13)]
    write_events(event_file(tmp_path), first + again)
    [run] = read(tmp_path)
    loss = run.series("loss")
    assert loss.index.tolist() == list(range(13))
    assert loss.tolist() == [100.0 + s for s in range(5)] + [200.0 + s for s in range(5, 13)]
    assert [(r.step, r.replaced) for r in run.resumes] == [(5, 5)]
    assert run.warnings == ["steps go back to 5: later values kept, 5 points replaced"]
    # EventAccumulator keeps both attempts of a v2 file (it purges only on SessionLog.START);
    # dropping what the restart went back over gives the same series.
    kept: dict[int, float] = {}
    for e in accumulate(tmp_path).Scalars("loss"):
        kept = {s: v for s, v in kept.items() if s < e.step}
        kept[e.step] = e.value
    assert loss.to_dict() == kept


def test_tags_on_different_step_axes_do_not_purge_each_other(tmp_path):
    events = []
    for epoch in range(3):
        events += [scalar(epoch * 100 + i, "train/loss", 1.0) for i in range(100)]
        events.append(scalar(epoch, "val/acc", 0.5 + epoch / 10))  # logged per epoch, in the same run
    write_events(event_file(tmp_path), events)
    [run] = read(tmp_path)
    assert len(run.series("train/loss")) == 300
    assert run.series("val/acc").index.tolist() == [0, 1, 2]
    assert run.resumes == [] and run.warnings == []


# --- damaged and odd files ---------------------------------------------------------------------------

def test_a_torn_last_record_is_dropped_with_a_warning(tmp_path):
    path = write_events(event_file(tmp_path), [scalar(s, "loss", float(s)) for s in range(20)])
    path.write_bytes(path.read_bytes()[:-3])
    [run] = read(path)
    assert run.series("loss").index.tolist() == list(range(19))
    [warning] = run.warnings
    assert "cut short" in warning and "20 whole records" in warning  # file_version + 19 scalars


def record_offsets(data: bytes) -> list[int]:
    """Where each TFRecord starts, from the length fields of an undamaged file."""
    offsets, at = [], 0
    while at < len(data):
        offsets.append(at)
        at += 16 + int.from_bytes(data[at:at + 8], "little")
    return offsets


def damage(path: Path, *positions: int) -> None:
    data = bytearray(path.read_bytes())
    for at in positions:
        data[at] ^= 0xFF
    path.write_bytes(bytes(data))


def skipped_record(name: str, at: int, size: int) -> str:
    return (f"{name}: record at byte {at} fails its CRC check (corrupt file): skipped that 1 event ({size} bytes), "
            f"its points are lost; reading resumed at byte {at + size}")


def skipped_bytes(name: str, at: int, size: int) -> str:
    return (f"{name}: record at byte {at} fails its CRC check (corrupt header, its length unknown): skipped "
            f"{size} bytes to the next record, the points in them are lost; reading resumed at byte {at + size}")


def loss_file(tmp_path: Path, n: int = 20) -> tuple[Path, list[int]]:
    """``n`` scalars, step s holding 100 + s; record 0 is the file_version, record s + 1 holds step s."""
    path = write_events(event_file(tmp_path), [scalar(s, "loss", 100.0 + s) for s in range(n)])
    return path, record_offsets(path.read_bytes())


@pytest.mark.parametrize("where", ["data", "data crc", "length", "header crc"])
def test_a_corrupt_record_mid_file_is_skipped_and_reading_goes_on(tmp_path, where):
    path, offsets = loss_file(tmp_path)
    at, size = offsets[11], offsets[12] - offsets[11]  # step 10
    damage(path, at + {"data": 20, "data crc": size - 2, "length": 0, "header crc": 9}[where])
    [run] = read(path)
    kept = [s for s in range(20) if s != 10]
    assert run.series("loss").index.tolist() == kept
    assert run.series("loss").tolist() == [100.0 + s for s in kept]
    message = skipped_record if where.startswith("data") else skipped_bytes
    assert run.warnings == [message(path.name, at, size)]


def test_several_corrupt_records_each_warned_about(tmp_path):
    path, offsets = loss_file(tmp_path, 40)
    damage(path, offsets[6] + 20, offsets[21] + 3, offsets[22] + 20, offsets[31] + 20)  # steps 5, 20, 21, 30
    [run] = read(path)
    kept = [s for s in range(40) if s not in (5, 20, 21, 30)]
    assert run.series("loss").tolist() == [100.0 + s for s in kept]
    assert run.series("loss").index.tolist() == kept
    size = offsets[3] - offsets[2]  # each scalar record past step 0 (which omits its step) is this long
    name = path.name
    assert run.warnings == [skipped_record(name, offsets[6], size),
                            # a bad header, then a bad record right behind it: both are stepped over
                            skipped_bytes(name, offsets[21], 2 * size),
                            skipped_record(name, offsets[31], size)]


def test_many_corrupt_records_are_counted_in_one_warning_and_check_notes_the_loss(tmp_path):
    # Every other record corrupt: 3,000 records said in 1,500 warning lines, and `check` passed the
    # log with no note that half its points were lost.
    path, offsets = loss_file(tmp_path, 200)
    bad = list(range(2, 201, 2))  # records holding steps 1, 3, 5, ...
    damage(path, *(offsets[r] + 20 for r in bad))
    [run] = read(path)
    assert run.series("loss").index.tolist() == list(range(0, 200, 2))
    ends = offsets[1:] + [path.stat().st_size]
    size = [ends[r] - offsets[r] for r in bad]
    assert run.warnings == [skipped_record(path.name, offsets[r], n) for r, n in zip(bad[:3], size)] + [
        f"{path.name}: 97 more stretches skipped after those, each at a record that fails its CRC check: "
        f"{sum(size[3:])} bytes in all, the last at byte {offsets[bad[-1]]}; their points are lost"]
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", str(path)], capture_output=True, text=True)
    notes = [line for line in res.stdout.splitlines() if line.startswith("note:")]
    assert res.returncode == 0 and len(notes) == 4 and "97 more stretches skipped" in notes[-1]


def test_a_zeroed_stretch_mid_file_is_stepped_over(tmp_path):
    path, offsets = loss_file(tmp_path, 30)
    data = bytearray(path.read_bytes())
    data[offsets[6]:offsets[16]] = bytes(offsets[16] - offsets[6])  # steps 5..14, as a crash on a preallocated file
    path.write_bytes(bytes(data))
    [run] = read(path)
    kept = [s for s in range(30) if not 5 <= s <= 14]
    assert run.series("loss").tolist() == [100.0 + s for s in kept]
    assert run.warnings == [skipped_bytes(path.name, offsets[6], offsets[16] - offsets[6])]


def test_a_corrupt_header_with_no_record_after_it_stops_there(tmp_path):
    path, offsets = loss_file(tmp_path)
    damage(path, offsets[-1])  # the last record's length: nothing whole follows
    [run] = read(path)
    assert run.series("loss").index.tolist() == list(range(19))
    rest = path.stat().st_size - offsets[-1]
    assert run.warnings == [f"{path.name}: record at byte {offsets[-1]} fails its CRC check (corrupt file); "
                            f"read the 20 records before it, {rest} bytes after it not read"]


def test_a_corrupt_record_then_a_torn_last_one(tmp_path):
    path, offsets = loss_file(tmp_path)
    damage(path, offsets[4] + 20)  # step 3
    path.write_bytes(path.read_bytes()[:-3])  # and the last (step 19) cut short
    [run] = read(path)
    kept = [s for s in range(19) if s != 3]
    assert run.series("loss").tolist() == [100.0 + s for s in kept]
    size = offsets[3] - offsets[2]  # each scalar record past step 0 (which omits its step) is this long
    assert run.warnings == [skipped_record(path.name, offsets[4], size),
                            f"{path.name}: the last record is cut short (file still being written, or the "
                            "writer was killed); read the 19 whole records before it"]


def test_reading_on_past_a_corrupt_record_in_windows(tmp_path, monkeypatch):
    """After a skip the rest is read from copies of at most RESUME_WINDOW bytes: every record still comes once."""
    from curvedoc.readers import tb_events

    monkeypatch.setattr(tb_events, "RESUME_WINDOW", 1000)  # ~24 records a window, windows cut records
    path, offsets = loss_file(tmp_path, 2000)
    damage(path, offsets[3] + 20)  # step 2
    [run] = read(path)
    kept = [s for s in range(2000) if s != 2]
    assert run.series("loss").index.tolist() == kept
    assert run.series("loss").tolist() == [100.0 + s for s in kept]
    assert run.warnings == [skipped_record(path.name, offsets[3], offsets[4] - offsets[3])]


def test_tensor_scalars_after_a_skipped_record_keep_their_plugin(tmp_path):
    """TensorBoard's summary writer tags the plugin on a tag's first value only: a skip must not lose it."""
    writer = Writer(str(tmp_path))
    for step in range(12):
        writer.add_scalar("accuracy", step / 16, step=step, wall_time=1e9 + step)
    writer.close()
    [path] = tmp_path.glob("*tfevents*")
    offsets = record_offsets(path.read_bytes())
    assert len(offsets) == 13  # the file_version, then one event per step
    damage(path, offsets[7] + 14)  # step 6
    [run] = read(tmp_path)
    kept = [s for s in range(12) if s != 6]
    assert run.series("accuracy").index.tolist() == kept
    assert run.series("accuracy").tolist() == [s / 16 for s in kept]
    [warning] = run.warnings
    assert warning.startswith(f"{path.name}: record at byte {offsets[7]} fails its CRC check")


@pytest.mark.parametrize("output", ["text", "json"])
def test_cli_info_reads_past_a_corrupt_record_and_changes_nothing(tmp_path, output):
    path, offsets = loss_file(tmp_path / "runs" / "exp1")
    damage(path, offsets[11] + 20, offsets[16] + 1)  # steps 10 (data) and 15 (header)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = curvedoc_info(tmp_path / "runs", "--format", output)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    size = offsets[3] - offsets[2]  # each scalar record past step 0 (which omits its step) is this long
    expected = [skipped_record("exp1/" + path.name, offsets[11], size),
                skipped_bytes("exp1/" + path.name, offsets[16], size)]
    if output == "json":
        [run] = json.loads(result.stdout)["runs"]
        assert run["warnings"] == expected
        assert {m["name"]: m["n_points"] for m in run["metrics"]} == {"loss": 18, "wall_time": 18}
    else:
        flat = " ".join(result.stdout.split())  # the terminal report may wrap long lines
        for w in expected:
            assert f"warning: {w}" in flat
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_git_lfs_pointer_is_refused(tmp_path):
    pointer = tmp_path / "runs" / "events.out.tfevents.1674974582.gpu07.94170.0"
    pointer.parent.mkdir()
    pointer.write_text(LFS_TEXT)
    for path in (pointer, tmp_path / "runs"):
        with pytest.raises(CurvedocError, match="git lfs pull"):
            read(path)
    with pytest.raises(CurvedocError, match="git lfs pull"):
        read_events(pointer)


def test_an_event_dir_with_no_scalars(tmp_path):
    write_events(event_file(tmp_path), [event_of(0, summary_pb2.Summary.Value(
        tag="weights", histo=summary_pb2.HistogramProto(num=1)))])
    with pytest.raises(CurvedocError, match="no scalar series.*weights"):
        read(tmp_path)


def test_an_empty_event_file_next_to_a_good_one(tmp_path):
    write_events(event_file(tmp_path, 1_600_000_001), [scalar(0, "loss", 1.0)])
    event_file(tmp_path, 1_600_000_002).write_bytes(b"")
    [run] = read(tmp_path)
    assert len(run.series("loss")) == 1
    assert run.warnings == ["events.out.tfevents.1600000002.host.1.0: empty event file skipped"]


def test_missing_tensorboard_is_one_clear_error(monkeypatch, tmp_path):
    write_events(event_file(tmp_path), [scalar(0, "loss", 1.0)])
    monkeypatch.setitem(sys.modules, "tensorboard.backend.event_processing.event_file_loader", None)
    with pytest.raises(CurvedocError, match=r"pip install 'curvedoc\[tensorboard\]'"):
        read(tmp_path)


# --- through the command line ------------------------------------------------------------------------

def test_cli_info_json_on_a_logdir(tmp_path):
    write_events(event_file(tmp_path / "a"), [scalar(s, "epoch_loss", 1.0 / (s + 1)) for s in range(6)])
    write_events(event_file(tmp_path / "b"), [scalar(s, "epoch_loss", 2.0) for s in range(3)])
    result = CliRunner().invoke(app, ["info", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    runs = {r["run"]: r for r in json.loads(result.stdout)["runs"]}
    assert {name: {m["name"]: m["n_points"] for m in r["metrics"]} for name, r in runs.items()} == {
        "a": {"epoch_loss": 6, "wall_time": 6}, "b": {"epoch_loss": 3, "wall_time": 3}}
    assert all(r["format"] == "tb_events" for r in runs.values())


@pytest.mark.parametrize("damage", ["lfs", "empty", "torn"])
def test_cli_bad_event_file_exits_2_with_one_line(tmp_path, damage):
    path = event_file(tmp_path)
    if damage == "lfs":
        path.write_text(LFS_TEXT)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        write_events(path, [scalar(0, "loss", 1.0)])
        path.write_bytes(path.read_bytes()[:30])  # only the file_version record survives, cut short too
    result = curvedoc_info(path, "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("curvedoc: error:"), result.stderr
    assert "Traceback" not in result.stderr
    assert {"lfs": "git lfs pull", "empty": "empty", "torn": "cut short"}[damage] in lines[0]


@pytest.mark.parametrize("length", [1 << 40, 1 << 31])
def test_a_header_claiming_an_impossible_length_ends_the_read_there(tmp_path, length):
    # The header's CRC checks, but no event is 2 GiB or more: TensorBoard's reader would
    # try to allocate it (MemoryError on 1 TiB). The records before it are kept.
    from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c

    import curvedoc

    path, _ = loss_file(tmp_path)
    header = length.to_bytes(8, "little")
    with open(path, "ab") as fh:
        fh.write(header + masked_crc32c(header).to_bytes(4, "little") + b"abc")
    [run] = read(path)
    assert run.series("loss").index.tolist() == list(range(20))
    assert len(run.warnings) == 1 and "15 bytes after it not read" in run.warnings[0]
    updates = list(curvedoc.watch(path, interval=0, max_updates=1))
    assert not [u for u in updates if u.kind == "unread"]


def _keras_tb(logdir, update_freq: str):
    """What Keras 3's TensorBoard callback writes for 10 epochs of 20 iterations with the LR cut
    x0.1 for epoch 5 on: train/ holds batch_loss at each iteration (update_freq="batch") and the
    epoch_* summaries at the epoch's index, validation/ the held-out epoch_loss and its copy at
    the iteration the epoch ended, evaluation_loss_vs_iterations. Wall times in writing order."""
    rng = np.random.default_rng(0)
    train, val = EventFileWriter(str(logdir / "train")), EventFileWriter(str(logdir / "validation"))
    wall, it = 1.7e9, 0
    for epoch in range(10):
        lr = 0.05 if epoch < 5 else 0.005
        losses = []
        for _ in range(20):
            it += 1
            wall += 0.01
            loss = (0.4 if epoch < 5 else 0.25) * float(np.exp(0.05 * rng.standard_normal()))
            losses.append(loss)
            if update_freq == "batch":
                train.add_event(scalar(it, "batch_loss", loss, wall))
        wall += 0.01
        for tag, value in (("epoch_loss", float(np.mean(losses))), ("epoch_learning_rate", lr)):
            train.add_event(scalar(epoch, tag, value, wall))
        v = (0.45 if epoch < 5 else 0.3) * float(np.exp(0.02 * rng.standard_normal()))
        val.add_event(scalar(epoch, "epoch_loss", v, wall))
        val.add_event(scalar(it, "evaluation_loss_vs_iterations", v, wall))
    train.close()
    val.close()


def test_keras_epoch_summaries_and_batch_summaries_share_the_iteration_axis(tmp_path):
    # Read as logged, the LR cut stamped "epoch 5" sat at iteration 5 of the batch loss, 95
    # iterations before the drop it caused, and the held-out copies counted iterations.
    _keras_tb(tmp_path / "batch", "batch")
    (run,) = read(tmp_path / "batch")
    assert sorted(run.frame.columns) == ["train/batch_loss", "train/epoch_learning_rate", "train/epoch_loss",
                                         "validation/epoch_loss", "wall_time"]
    lr = run.series("train/epoch_learning_rate")
    assert lr.index[0] == 1 and lr[lr < 0.01].index[0] == 101  # epoch 5 was trained at 0.005 from iteration 101
    assert list(run.series("validation/epoch_loss").index[:3]) == [20, 40, 60]  # each epoch at its last iteration
    assert any("Keras logged 3 series per epoch" in w for w in run.warnings)
    from curvedoc.analysis import analyze

    (ra,) = analyze(tmp_path / "batch")
    (drop,) = [e for m in ra.metrics if m.name == "train/batch_loss" for e in m.events if e.kind == "drop"]
    assert abs(drop.step - 101) <= 3 and drop.label == "lr_decay", (drop.step, drop.label)
    # Summaries per epoch alone: the log's axis is the epoch, the held-out copy on iterations is left out.
    _keras_tb(tmp_path / "epoch", "epoch")
    (run,) = read(tmp_path / "epoch")
    assert run.step_axis == "epoch" and "validation/evaluation_loss_vs_iterations" not in run.frame.columns
    assert run.frame.index.max() == 9


def test_lightning_and_trainer_bookkeeping_tags_are_not_curves(tmp_path):
    # Lightning's TensorBoardLogger logs hp_metric = -1 at step 0; the HF Trainer's TensorBoard
    # callback logs eval/runtime and train/train_runtime. None is a curve to diagnose.
    writer = EventFileWriter(str(tmp_path))
    writer.add_event(scalar(0, "hp_metric", -1.0))
    for s in range(1, 101):
        writer.add_event(scalar(s, "train/loss", 2.0 / (1 + s) ** 0.5))
        if s % 25 == 0:
            writer.add_event(scalar(s, "eval/loss", 2.2 / (1 + s) ** 0.5))
            writer.add_event(scalar(s, "eval/runtime", 3.1 + 0.01 * s))
    writer.add_event(scalar(100, "train/train_runtime", 61.5))
    writer.close()
    (run,) = read(tmp_path)
    assert {c: run.role(c) for c in ("hp_metric", "eval/runtime", "train/train_runtime")} == {
        "hp_metric": "other", "eval/runtime": "wall_time", "train/train_runtime": "wall_time"}
    assert run.columns_with_role("metric") == ["train/loss", "eval/loss"]


def test_a_resume_seen_in_a_per_step_and_a_per_epoch_series_is_one_resume(tmp_path):
    # Lightning resumed from the epoch-10 checkpoint (step 470) after running to step 704: the
    # per-step loss goes back to 471, the per-epoch held-out loss to the next epoch's end (517).
    # One resume, one warning (there were two).
    for suffix, steps, scale, wall in ((".a", range(1, 705), 2.0, 1.7e9), (".b", range(471, 940), 1.9, 1.8e9)):
        writer = EventFileWriter(str(tmp_path), filename_suffix=suffix)
        for s in steps:
            writer.add_event(scalar(s, "train_loss", scale / (1 + s) ** 0.3, wall + s))
            if s % 47 == 0:
                writer.add_event(scalar(s, "val_loss", 1.05 * scale / (1 + s) ** 0.3, wall + s))
        writer.close()
    (run,) = read(tmp_path)
    resumes = [w for w in run.warnings if w.startswith("steps go back")]
    # 234 per-step points and the held-out loss at 517, 564, 611, 658.
    assert resumes == [f"steps go back to 471: later values kept, {234 + 4} points replaced"], run.warnings


def test_a_gzipped_event_file_is_read_as_the_event_file(tmp_path):
    # Once "record at byte 0 fails its CRC check (corrupt file)".
    import gzip

    events = [scalar(step, "loss", 1.0 / (1 + step)) for step in range(50)]
    plain = write_events(event_file(tmp_path / "run"), events)
    packed = tmp_path / "keep" / (plain.name + ".gz")
    packed.parent.mkdir()
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    [run] = read(packed)
    [expected] = read(plain)
    assert run.source == str(packed) and run.name == "keep"
    assert run.series("loss").equals(expected.series("loss"))
    # Found in its folder, it was parsed raw: "fails its CRC check (corrupt file)".
    [run] = read(packed.parent)
    assert run.name == "keep" and run.series("loss").equals(expected.series("loss"))


def test_a_second_writer_counting_from_1_again_is_numbered_on_when_the_values_carry_on(tmp_path):
    # A job resumed from its last checkpoint without restoring the global step: the second writer
    # logs steps 1, 2, ... again while the loss carries on from where the first left it. Read as a
    # resume, its points replaced the first attempt's and the run's first half (the initial fall)
    # was gone, a decay at update 586 read at 16. The losses: tools/probe_runs.py p29's, every update.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import STEPLR_NOLR_LOSS

    from curvedoc.analysis import analyze

    loss = [float(v) for v in STEPLR_NOLR_LOSS.split()]
    logdir = tmp_path / "tb"
    write_events(event_file(logdir, 1_600_000_000), [scalar(s, "train/loss", v) for s, v in enumerate(loss[:570], 1)])
    write_events(event_file(logdir, 1_600_001_000), [scalar(s, "train/loss", v, wall=1_600_001_000.0 + s)
                                                     for s, v in enumerate(loss[570:], 1)])
    [run] = read(logdir)
    series = run.series("train/loss")
    assert series.index.tolist() == list(range(1, len(loss) + 1)) and series.tolist() == pytest.approx(loss)
    assert run.restarts == [571] and run.resumes == []
    assert "steps start again at 1 after 570, the values carrying on from there: read as one run resumed without " \
           "its step count, its steps renumbered from 571" in run.warnings
    [ra] = analyze(logdir)
    [drop] = [e for e in ra.metrics[0].events if e.kind == "drop" and e.step > 500]
    assert 586 <= drop.step <= 640  # the decay, on the update axis
    # The same run started again from scratch in the second writer: its points replace the first's.
    fresh = tmp_path / "fresh"
    write_events(event_file(fresh, 1_600_000_000), [scalar(s, "train/loss", v) for s, v in enumerate(loss[:570], 1)])
    write_events(event_file(fresh, 1_600_001_000), [scalar(s, "train/loss", v, wall=1_600_001_000.0 + s)
                                                    for s, v in enumerate(loss[:400], 1)])
    [run] = read(fresh)
    assert run.restarts == [] and len(run.series("train/loss")) == 400
    assert run.warnings == ["steps go back to 1: later values kept, 400 points replaced and 170 dropped that no "
                            "later row logs again"]


def test_an_evaluation_logged_a_few_times_an_attempt_moves_with_the_training_series(tmp_path):
    # Three attempts of 300 steps, each writer counting from 1, the loss carrying on; the held-out
    # loss logged three times an attempt. Its returns to step 100 were too short to count as restarts
    # of its own, the counts differed, and nothing was renumbered: 300 of 900 training points kept.
    # It moves by the wall times it was logged at.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import STEPLR_NOLR_LOSS

    loss = [float(v) for v in STEPLR_NOLR_LOSS.split()][:900]
    logdir = tmp_path / "tb"
    for attempt in range(3):
        t0 = 1_600_000_000.0 + 10_000 * attempt
        events = []
        for s in range(1, 301):
            events.append(scalar(s, "train/loss", loss[300 * attempt + s - 1], wall=t0 + s))
            if s % 100 == 0:
                events.append(scalar(s, "val/loss", 1.1 * loss[300 * attempt + s - 1], wall=t0 + s + 0.5))
        write_events(event_file(logdir, 1_600_000_000 + 10_000 * attempt), events, first_wall=t0)
    [run] = read(logdir)
    assert run.series("train/loss").index.tolist() == list(range(1, 901))
    assert run.series("val/loss").index.tolist() == [100, 200, 300, 400, 500, 600, 700, 800, 900]
    assert run.restarts == [301, 601]


def test_a_header_claiming_a_length_past_the_index_range_ends_the_read_there(tmp_path):
    # A length field of 2^64-1 with a CRC that checks: TensorBoard's reader raised OverflowError, not
    # MemoryError, and the whole file was lost ("cannot read as tb_events: OverflowError"). The 300
    # records before it are read, the rest said unread as for any impossible length.
    from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c

    import curvedoc

    path, _ = loss_file(tmp_path, 300)
    header = ((1 << 64) - 1).to_bytes(8, "little")
    with open(path, "ab") as fh:
        fh.write(header + masked_crc32c(header).to_bytes(4, "little") + bytes(64))
    [run] = read(path)
    assert run.series("loss").tolist() == [100.0 + s for s in range(300)]
    assert run.warnings == [f"{path.name}: record at byte {path.stat().st_size - 76} fails its CRC check (corrupt "
                            "file); read the 301 records before it, 76 bytes after it not read"]
    updates = list(curvedoc.watch(path, interval=0, max_updates=1))
    assert not [u for u in updates if u.kind == "unread"]


def test_an_hparams_folder_told_by_any_of_the_plugins_tags_is_no_run(tmp_path):
    # A folder named by the time holding the hparams plugin's experiment summary and one value per
    # metric, without the session_start_info record the folder was told by: each run given read as
    # two, the summary a run of one point, and `compare run1 run2` failed with "no metric with
    # enough points in every run to compare".
    for name, factor in (("run1", 1.0), ("run2", 0.8)):
        logdir = tmp_path / name
        write_events(event_file(logdir), [scalar(s, "train/loss", factor * 2.3 * (s + 1) ** -0.3) for s in range(300)])
        experiment, *_ = hparams_summaries(0, {"lr": 0.1}, {"hparam/accuracy": 0.93})
        write_events(event_file(logdir / "1700000999.1", ts=1_700_000_999),
                     [experiment, scalar(0, "hparam/accuracy", 0.93)])
        [run] = read(logdir)
        assert run.name == name and list(run.frame.columns) == ["train/loss", "wall_time"]
        assert run.warnings == ["1700000999.1: add_hparams summary, one value per metric, not read as a run "
                                "(hparam/accuracy 0.93)"]
    result = CliRunner().invoke(app, ["compare", str(tmp_path / "run1"), str(tmp_path / "run2"), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [r["name"] for r in doc["runs"]] == ["run1", "run2"]
    assert [m["name"] for m in doc["metrics"]] == ["train/loss"]


def test_random_bytes_named_as_an_event_file_are_not_called_text(tmp_path):
    # 10 KB of random bytes whose first 12 hold no NUL were "named as a TensorBoard event file, but it holds
    # text"; text is said only of what reads as text.
    data = np.random.default_rng(7).integers(1, 256, 10_000, dtype=np.uint8).tobytes()
    path = tmp_path / "events.out.tfevents.1700000000.host"
    path.write_bytes(data)
    with pytest.raises(CurvedocError, match=r"its first bytes open no record \(corrupt, or other binary data\): "
                                            "not an event file"):
        sniff(path)
    path.write_text("step,loss\n" + "".join(f"{s},{1 / s}\n" for s in range(1, 200)))
    with pytest.raises(CurvedocError, match="but it holds text: not an event file"):
        sniff(path)
