"""NumPy arrays a training script saved: np.save of one series, np.savez of several."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from curvedoc.analysis import analyze
from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff


def schedule_run(n: int = 300):
    i = np.arange(n)
    loss = 2.0 / np.sqrt(i + 1) * np.where(i >= 200, 0.3, 1.0)
    lr = np.where(i >= 200, 0.01, 0.1)
    return loss, lr


def test_np_save_of_one_loss_array_is_a_series_named_after_the_file(tmp_path):
    loss, _ = schedule_run()
    loss[280] = np.nan  # a logged NaN: the run diverged there
    path = tmp_path / "train_loss.npy"
    np.save(path, loss)
    assert sniff(path) == "npy"
    [run] = read(path)
    assert list(run.frame.columns) == ["train_loss"] and run.step_axis == "row"
    assert run.frame.index.tolist() == list(range(300)) and list(run.nan_steps["train_loss"]) == [280]


def test_np_savez_of_a_history_reads_each_array_and_lines_up_the_lr(tmp_path):
    loss, lr = schedule_run()
    path = tmp_path / "run7.npz"
    np.savez(path, loss=loss, val_loss=1.1 * loss[::1][:150], lr=lr, confusion=np.eye(10))
    assert sniff(path) == "npy"
    [run] = read(path)
    assert set(run.frame.columns) == {"loss", "val_loss", "lr"} and run.role("lr") == "lr"
    assert run.series("val_loss").index.tolist() == list(range(1, 300, 2))  # half as long: every 2nd entry
    assert any("confusion" in w for w in run.warnings)
    [ra] = analyze(path, metrics=["loss"])
    assert [(e.kind, e.step, e.label) for e in ra.metrics[0].events] == [("drop", 200, "lr_decay")]


def test_an_array_saved_under_a_steps_name_is_the_step(tmp_path):
    # np.savez(f, step=steps, loss=losses) from a loop logging every 10 updates: the step array was
    # another series and the points numbered 0, 1, 2, ... (a decay at update 2000 read at 200).
    loss, lr = schedule_run()
    path = tmp_path / "history.npz"
    np.savez(path, step=10 * np.arange(1, 301), loss=loss, lr=lr)
    [run] = read(path)
    assert set(run.frame.columns) == {"loss", "lr"} and run.step_axis == "step"
    assert run.frame.index.tolist() == list(range(10, 3010, 10)) and run.warnings == []
    [ra] = analyze(path, metrics=["loss"])
    assert [(e.kind, e.step, e.label) for e in ra.metrics[0].events] == [("drop", 2010, "lr_decay")]
    # Epochs name an epoch axis; a step array of another length is no step.
    np.savez(path, epoch=np.arange(300), loss=loss)
    [run] = read(path)
    assert run.step_axis == "epoch" and list(run.frame.columns) == ["loss"]
    np.savez(path, step=np.arange(100), loss=loss)
    [run] = read(path)
    assert run.step_axis == "row" and set(run.frame.columns) == {"step", "loss"}
    # One step written as NaN (a step not known when the loop saved) had dropped the whole step
    # axis: the points renumbered 0, 1, 2, ... and the decay read at 200. It is set aside alone.
    steps = 10.0 * np.arange(1, 301)
    steps[57] = np.nan
    np.savez(path, step=steps, loss=loss, lr=lr)
    [run] = read(path)
    assert run.step_axis == "step" and len(run.frame) == 299 and 580 not in run.frame.index
    assert run.warnings == ["1 entry whose 'step' is no whole step set aside"]
    [ra] = analyze(path, metrics=["loss"])
    assert [(e.kind, e.step, e.label) for e in ra.metrics[0].events] == [("drop", 2010, "lr_decay")]


@pytest.mark.parametrize("make, needle", [
    (lambda p: np.save(p, np.array([{"loss": 1.0}], dtype=object), allow_pickle=True),
     "an .npy array of Python objects: curvedoc never unpickles a file"),
    (lambda p: np.save(p, np.ones((4, 4))), "no one-dimensional numeric array"),
    (lambda p: p.write_bytes(b"\x93NUMPY" + b"\x00" * 20), "an .npy array that cannot be read whole (cut short?)"),
])
def test_arrays_that_are_no_series_are_one_clear_line_and_never_unpickled(tmp_path, make, needle):
    path = tmp_path / "arr.npy"
    make(path)
    with pytest.raises(CurvedocError, match=re.escape(needle)):
        read(path)
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(path)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1 and needle in res.stderr


def test_a_csv_forced_as_numpy_is_named_as_no_numpy_file(tmp_path):
    # np.load took the CSV for a pickle and its advice to unpickle reached the user.
    path = tmp_path / "metrics.csv"
    path.write_text("step,loss\n" + "".join(f"{s},{1 / (1 + s)}\n" for s in range(50)))
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(path), "--log-format", "npy"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2
    assert res.stderr == f"curvedoc: error: {path}: not a NumPy file (an .npy array or an .npz archive)\n"


def test_an_archive_member_that_is_no_array_is_skipped_and_named(tmp_path):
    # np.savez, then a README.txt added to the archive: the member reads as bytes, and its .ndim was
    # an internal error.
    import zipfile

    loss, _ = schedule_run()
    path = tmp_path / "history.npz"
    np.savez(path, loss=loss)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("README.txt", "trained with lr 0.1\n")
    [run] = read(path)
    assert list(run.frame.columns) == ["loss"]
    assert "arrays that are no one-dimensional numeric series skipped: README.txt" in run.warnings
    only = tmp_path / "notes.npz"
    with zipfile.ZipFile(only, "w") as archive:
        archive.writestr("README.txt", "nothing logged\n")
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(only), "--log-format", "npy"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and res.stderr.strip().endswith(
        "no one-dimensional numeric array (a series) in it: README.txt (no array)"), res.stderr


def test_a_shorter_array_is_spread_every_kth_entry_or_not_read(tmp_path):
    # np.savez(f, loss=<300 per epoch>, val_loss=<30, validated every 10 epochs>): val_loss was put on
    # rows 0-29, and the drop at entry 150 was reported twice, 135 rows apart, without a word. An
    # array whose length divides the longest's is read every k-th entry, as Keras' validation_freq
    # logs; one that does not is not read, both said.
    rng = np.random.default_rng(0)
    loss = np.where(np.arange(300) < 150, 1.0, 0.3) * np.exp(rng.normal(0, 0.01, 300))
    path = tmp_path / "history.npz"
    np.savez(path, loss=loss, val_loss=1.1 * loss[9::10], test_acc=np.linspace(0.1, 0.9, 7))
    [run] = read(path)
    assert list(run.frame.columns) == ["loss", "val_loss"]
    val = run.series("val_loss")
    assert val.index.tolist() == list(range(9, 300, 10)) and val.tolist() == pytest.approx(1.1 * loss[9::10])
    assert run.warnings == [
        "entries numbered from 0 (a NumPy array holds no step)",
        "'val_loss' has 30 entries against 300: read as logged every 10 entries, at the last of each 10 (as "
        "Keras' validation_freq=10 logs)",
        "'test_acc' has 7 entries against 300, which is no whole multiple of them: not read (the file does not "
        "say which entries they belong to)"]
    [ra] = analyze(path)
    drops = {m.name: [e.step for e in m.events if e.kind == "drop"] for m in ra.metrics}
    assert drops["loss"] == [150] and drops["val_loss"] == [159]
