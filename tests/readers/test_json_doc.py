"""A history saved as one JSON document: Keras' history dict, lists of per-step records."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest

from curvedoc.analysis import UserSchedule, analyze
from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff


def keras_history(epochs: int = 40) -> dict:
    """What ``json.dump(model.fit(...).history, f)`` writes: one list per metric, an entry per epoch."""
    e = np.arange(epochs)
    loss = 2.3 * np.exp(-e / 8) + 0.2
    loss[25:] *= 0.5  # ReduceLROnPlateau's cut at epoch 25
    lr = np.where(e < 25, 1e-3, 1e-4)
    return {"loss": loss.tolist(), "accuracy": (1 - loss / 3).tolist(),
            "val_loss": (1.1 * loss).tolist(), "lr": lr.tolist()}


def test_keras_history_dict_is_read_by_epoch_and_its_lr_cut_found(tmp_path):
    path = tmp_path / "history.json"
    path.write_text(json.dumps(keras_history()))
    assert sniff(path) == "json"
    [run] = read(path)
    assert run.format == "json" and list(run.frame.columns) == ["loss", "accuracy", "val_loss", "lr"]
    assert run.role("lr") == "lr" and run.frame.index.tolist() == list(range(40))
    assert run.step_axis == "epoch"
    assert run.warnings == ["a Keras history (a dict of per-epoch lists): entry i of each list is epoch i, "
                            "counted from 0"]
    [ra] = analyze(path, metrics=["loss"])
    [drop] = ra.metrics[0].events
    assert (drop.kind, drop.step, drop.label) == ("drop", 25, "lr_decay")
    # Without its lr list the cut is given in epochs, as the history counts them (once refused:
    # "--milestone-unit epoch needs an epoch column").
    path.write_text(json.dumps({k: v for k, v in keras_history().items() if k != "lr"}))
    [ra] = analyze(path, metrics=["loss"], user_schedule=UserSchedule(milestones=[25], unit="epoch"))
    [drop] = ra.metrics[0].events
    assert (drop.step, drop.label) == (25, "lr_decay")


@pytest.mark.parametrize("printer", ["print", "pprint"])
def test_a_printed_keras_history_is_read_as_the_history(tmp_path, printer):
    # print(history.history) pasted into a file: a Python repr, not JSON. Read as a CSV split at its commas, its
    # first "column" was "{'loss': [0.409...", holding loss and accuracy values both, and a false instability.
    import pprint

    history = keras_history()
    history["val_loss"][30] = float("nan")
    path = tmp_path / "history.txt"
    path.write_text((pprint.pformat(history, width=40) if printer == "pprint" else str(history)) + "\n")
    assert sniff(path) == "json"
    [run] = read(path)
    assert sorted(run.frame.columns) == sorted(history) and run.step_axis == "epoch"  # pprint sorts the keys
    assert np.allclose(run.series("loss").to_numpy(), history["loss"])
    assert list(run.nan_steps["val_loss"]) == [30]
    [ra] = analyze(path, metrics=["loss"])
    assert [(e.kind, e.step, e.label) for e in ra.metrics[0].events] == [("drop", 25, "lr_decay")]


def test_lines_of_printed_dicts_are_still_a_console(tmp_path):
    path = tmp_path / "train.log"
    path.write_text("{'loss': [0.5, 0.4]}\n" + "".join(f"step {i} loss {1 / i:.4f}\n" for i in range(1, 40)))
    [run] = read(path)
    assert run.format == "text" and len(run.series("loss")) == 39


def test_indented_history_with_a_shorter_list_and_a_logged_nan(tmp_path):
    history = {"loss": [2.0, 1.5, 1.2, 1.1, float("nan")], "val_loss": [2.1, 1.6], "model": "cnn"}
    path = tmp_path / "hist.json"
    path.write_text(json.dumps(history, indent=2))  # json writes the NaN as a bare NaN
    assert sniff(path) == "json"
    [run] = read(path)
    assert run.series("val_loss").tolist() == [2.1, 1.6]  # the rows it lacks are not logged
    assert list(run.nan_steps["loss"]) == [4]  # a logged NaN, not a gap
    assert "keys that hold no list skipped: model" in run.warnings


@pytest.mark.parametrize("indent", [None, 2])
def test_a_list_of_records_compact_or_indented(tmp_path, indent):
    records = [{"step": s, "loss": 2.0 / (1 + s / 100), "lr": 0.1} for s in range(0, 1000, 50)]
    records[3]["val_loss"] = 1.9
    records.append({"step": 1000, "loss": math.inf, "note": "diverged"})
    path = tmp_path / "log.json"
    path.write_text(json.dumps(records, indent=indent))
    assert sniff(path) == "json"
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(0, 1001, 50))
    assert run.series("val_loss").to_dict() == {150: 1.9}  # only the record that has it
    assert math.isinf(run.frame.loc[1000, "loss"])
    assert "note" not in run.frame.columns  # text, said in a warning
    assert any("note" in w for w in run.warnings)


@pytest.mark.parametrize("text, needle", [
    ('[[1, 2], [3, 4]]', "neither a list of records"),
    ('[]', "neither a list of records"),
    ('{\n  "accuracy": 0.9,\n  "loss": 0.3\n}\n', "one JSON object of values"),  # a final summary
    ('{"eval_loss": 0.31, "epoch": 3.0}', "one JSON object of values"),  # the same on one line
    ('{"a": 1}', "one JSON object of values"),
    ('[\n  {"step": 1, "loss": 2.0},\n  {"step": 2, "loss": 1.5},\n', "truncated JSON"),
    ('[{"step": 1, "loss": ' + "9" * 5000 + '}]', "a number of thousands of digits: not a training log"),
])
def test_other_json_documents_are_one_clear_line(tmp_path, text, needle):
    path = tmp_path / "doc.json"
    path.write_text(text)
    with pytest.raises(CurvedocError, match=needle):
        read(path)
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(path)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1 and needle in res.stderr


def test_a_text_log_whose_lines_start_with_a_bracket_is_still_text(tmp_path):
    path = tmp_path / "train.log"
    path.write_text("".join(f"[2024-05-01 12:00:{s % 60:02d}] step {s} loss {2.0 / (s + 1):.4f}\n"
                            for s in range(1, 40)))
    assert sniff(path) == "text"
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(1, 40))


@pytest.mark.parametrize("history", [
    [{"step": s, "loss": 2.0 / (s + 1), "lr": 0.1} for s in range(5000)],  # one line of ~250 kB
    {"loss": [2.0 / (e + 1) for e in range(20000)], "val_loss": [2.1 / (e + 1) for e in range(20000)]},
])
def test_a_one_line_document_longer_than_the_sniffed_head(tmp_path, history):
    path = tmp_path / "history.json"
    path.write_text(json.dumps(history))
    assert path.stat().st_size > 65536 and sniff(path) == "json"
    [run] = read(path)
    assert len(run.frame) in (5000, 20000)


def pandas_history(steps=None):
    import pandas as pd

    frame = pd.DataFrame(keras_history())
    if steps is not None:
        frame.index = pd.Index(steps, name="step")
    return frame


@pytest.mark.parametrize("orient", ["columns", "index", "split", "table", "records"])
@pytest.mark.parametrize("indent", [None, 2])
def test_every_layout_of_pandas_to_json_is_read(tmp_path, orient, indent):
    # ``pd.DataFrame(history.history).to_json(path)`` writes the "columns" layout, a dict per column
    # keyed by the row as text; the others are one argument away.
    path = tmp_path / "history.json"
    pandas_history().to_json(path, orient=orient, indent=indent)
    assert sniff(path) == "json"
    [run] = read(path)
    assert list(run.frame.columns) == ["loss", "accuracy", "val_loss", "lr"]
    assert run.frame.index.tolist() == list(range(40))
    assert run.frame["loss"].tolist() == pytest.approx(keras_history()["loss"])
    [ra] = analyze(path, metrics=["loss"])
    assert [(e.step, e.label) for e in ra.metrics[0].events] == [(25, "lr_decay")]


@pytest.mark.parametrize("orient", ["columns", "index", "split", "table", "records"])
def test_one_column_of_pandas_to_json_keeps_its_name(tmp_path, orient):
    # The default layout of one column, {"val_loss": {"0": …}}, was taken for a wrapper around a
    # series and named after the file: --metric val_loss, compare and check found no val_loss.
    path = tmp_path / "history.json"
    pandas_history()[["val_loss"]].to_json(path, orient=orient)
    [run] = read(path)
    assert list(run.frame.columns) == ["val_loss"]
    assert run.frame["val_loss"].tolist() == pytest.approx(keras_history()["val_loss"])


@pytest.mark.parametrize("orient", ["columns", "index", "split"])
def test_a_pandas_index_of_steps_is_the_step(tmp_path, orient):
    path = tmp_path / "history.json"
    pandas_history(steps=range(100, 4100, 100)).to_json(path, orient=orient)
    [run] = read(path)
    assert run.frame.index.tolist() == list(range(100, 4100, 100))
    assert "step" not in run.frame.columns


@pytest.mark.parametrize("indent", [None, 2])
def test_a_history_under_a_key_beside_other_keys(tmp_path, indent):
    # {"history": history.history, "params": history.params}, and one line mixing lists with scalars.
    wrapped = tmp_path / "run.json"
    wrapped.write_text(json.dumps({"history": keras_history(), "params": {"epochs": 40, "steps": 12}},
                                  indent=indent))
    mixed = tmp_path / "mixed.json"
    mixed.write_text(json.dumps(dict(keras_history(), epochs=40, batch_size=32), indent=indent))
    for path in (wrapped, mixed):
        assert sniff(path) == "json"
        [run] = read(path)
        assert list(run.frame.columns) == ["loss", "accuracy", "val_loss", "lr"] and len(run.frame) == 40
    assert "the history under key 'history'" in read(wrapped)[0].warnings
    assert "keys that hold no list skipped: epochs, batch_size" in read(mixed)[0].warnings


def test_a_dict_from_step_to_value_is_one_series(tmp_path):
    path = tmp_path / "val_loss.json"
    path.write_text(json.dumps({str(s): 2.0 / (1 + s / 100) for s in range(0, 5000, 50)}))
    assert sniff(path) == "json"
    [run] = read(path)
    assert list(run.frame.columns) == ["val_loss"] and run.frame.index.tolist() == list(range(0, 5000, 50))


def test_a_nested_summary_beside_a_log_is_not_taken_for_a_second_log(tmp_path):
    # An eval summary ({"eval": {"accuracy": …}}) saved indented next to the run's metrics.
    (tmp_path / "metrics.csv").write_text("step,loss\n" + "".join(f"{i},{2 / (1 + i):.4f}\n" for i in range(50)))
    (tmp_path / "results.json").write_text(json.dumps({"eval": {"accuracy": 0.9, "loss": 0.3},
                                                      "train": {"loss": 0.1}}, indent=2))
    [run] = read(tmp_path)
    assert run.source.endswith("metrics.csv")
    assert sniff(tmp_path / "results.json") != "json"


def test_an_indented_pandas_document_longer_than_the_sniffed_head(tmp_path):
    path = tmp_path / "history.json"
    pandas_history().reindex(range(3000)).ffill().to_json(path, indent=2)
    assert path.stat().st_size > 65536 and sniff(path) == "json"
    [run] = read(path)
    assert len(run.frame) == 3000


def test_a_dict_from_fractional_epoch_to_value_is_one_series(tmp_path):
    # {"0.0": 0.50, "0.1": 0.51, ...} (an epoch logged ten times an epoch) was read as a text log
    # of a hundred one-point metrics named "0.0", "0.1", ..., and passed `check` unjudged.
    path = tmp_path / "val_acc.json"
    values = [0.5 + 0.4 * (1 - math.exp(-i / 30)) for i in range(100)]
    path.write_text(json.dumps({f"{i / 10:.1f}": v for i, v in enumerate(values)}))
    assert sniff(path) == "json"
    [run] = read(path)
    assert run.series("val_acc").tolist() == pytest.approx(values)
    assert run.series("epoch").tolist() == pytest.approx([i / 10 for i in range(100)])


def test_a_validation_list_shorter_by_a_whole_factor_is_spread_over_every_kth_epoch(tmp_path):
    # json.dump(history.history) with validation_freq=3: 60 losses, 20 held-out losses after
    # epochs 3, 6, ..., 60. Entry i at row i dated the held-out curve three times too early.
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"loss": [1.0 - e / 100 for e in range(60)],
                                "val_loss": [1.1 - e / 100 for e in range(20)],
                                "val_acc": [0.5 + e / 100 for e in range(7)]}))
    [run] = read(path)
    assert run.series("val_loss").index.tolist() == list(range(2, 60, 3))
    assert run.series("val_loss").iloc[0] == pytest.approx(1.1)
    assert "'val_loss' has 20 entries against 60: read as logged every 3 epochs (Keras' validation_freq=3), " \
           "after epochs 3, 6, ..." in run.warnings
    # A length that divides nothing is placed at the first rows, and said.
    assert run.series("val_acc").index.tolist() == list(range(7))
    assert "'val_acc' has 7 entries against 60: placed at the first 7 rows (the file does not say which epochs " \
           "they belong to)" in run.warnings


def test_one_record_under_a_log_name_is_still_a_log(tmp_path):
    # A .json (or a table's name) holding one object of values is a summary; a JSON-lines log that has
    # logged one record so far is a log: under its own name, or counting its steps, as detectron2's
    # metrics.json after its first 20 iterations.
    path = tmp_path / "train.jsonl"
    path.write_text('{"step": 10, "loss": 2.3}\n')
    [run] = read(path)
    assert run.series("loss").to_dict() == {10: 2.3}
    path = tmp_path / "metrics.json"
    path.write_text('{"iteration": 19, "total_loss": 1.2, "lr": 0.02}\n')
    [run] = read(path)
    assert run.series("total_loss").to_dict() == {19: 1.2}
    path = tmp_path / "results.csv"
    path.write_text('{"a": 1}\n')
    with pytest.raises(CurvedocError, match="one JSON object of values"):
        read(path)
