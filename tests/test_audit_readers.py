"""Reader problems found by the audit of broken logs: each input is built here, each behaviour asserted exactly."""

import codecs
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.summary.writer.record_writer import RecordWriter

import curvedoc
from curvedoc.readers import sniff


def cli(*args):
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", *map(str, args)], capture_output=True, text=True,
                         timeout=300, env={**os.environ, "COLUMNS": "200"})
    assert "Traceback" not in res.stderr and "Warning" not in res.stderr, res.stderr
    return res


def one_error_line(res, *needles):
    assert res.returncode == 2, res.stdout
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def curve(n=40):
    """A loss that halves at n // 2: something to read and to analyse."""
    return [round(2.0 / (1 + i) ** 0.5 * (0.5 if i >= n // 2 else 1.0), 4) for i in range(n)]


# --- 1. decimal commas in text logs -------------------------------------------------------------------

def test_text_decimal_commas_are_read_as_decimal_points(tmp_path):
    losses = curve()
    path = tmp_path / "train.log"
    path.write_text("".join(f"step {i} loss {v:.4f} lr 0,1\n".replace(".", ",") for i, v in enumerate(losses)))
    (run,) = curvedoc.read(path)
    assert run.series("loss").tolist() == losses  # never 0 or 2, the digits before the comma
    assert run.series("lr").tolist() == [0.1] * len(losses)
    assert run.warnings == [f"decimal commas read as decimal points on {len(losses)} lines (such as '2,0000')"]


def test_text_decimal_commas_with_one_value_a_line_are_no_csv(tmp_path):
    # Cut at its commas, "step 1 loss 0,53" looks like two cells: it is still a text log.
    path = tmp_path / "train.log"
    path.write_text("".join(f"step {i} loss {v:.4f}\n".replace(".", ",") for i, v in enumerate(curve())))
    assert sniff(path) == "text"
    (run,) = curvedoc.read(path)
    assert run.series("loss").tolist() == curve()


def test_text_thousands_separators_beside_decimal_points_are_removed(tmp_path):
    path = tmp_path / "train.log"
    path.write_text("".join(f"step {i * 1000:,} loss {1 / (i + 1):.4f} tokens {i * 1_234_567:,}\n"
                            for i in range(1, 6)))
    (run,) = curvedoc.read(path)
    assert run.frame.index.tolist() == [1000, 2000, 3000, 4000, 5000]
    assert run.series("tokens").tolist() == [i * 1_234_567 for i in range(1, 6)]
    assert run.warnings == ["thousands separators removed on 5 lines (such as '1,000')"]


def test_text_comma_that_may_be_either_is_not_read(tmp_path):
    # "1,250" with no decimal point on the line: 1.25 or 1250? Neither is read, and the report says so.
    path = tmp_path / "train.log"
    path.write_text("step 1 loss 0,5 acc 1,250\nstep 2 loss 0,4 acc 1,500\nstep 3 loss 2 acc 1,750\n")
    (run,) = curvedoc.read(path)
    assert run.series("loss").to_dict() == {1: 0.5, 2: 0.4, 3: 2.0}
    assert run.series("acc").to_dict() == {1: 1.25, 2: 1.5}  # decimal on lines that say so (0,5)
    assert run.warnings == ["decimal commas read as decimal points on 2 lines (such as '0,5')",
                            "1 value written with a comma that may be a decimal mark or a thousands separator "
                            "skipped (such as '1,750')"]


# --- 2. C runtimes' NaN spellings in text logs -----------------------------------------------------------

@pytest.mark.parametrize("spelling", ["nan(ind)", "-nan(ind)", "nan(snan)", "1.#QNAN", "-1.#IND"])
def test_text_c_runtime_nan_is_a_logged_nan(tmp_path, spelling):
    path = tmp_path / "train.log"
    path.write_text("".join(f"step {i} loss {v}\n" for i, v in enumerate(curve(20))) + f"step 20 loss {spelling}\n")
    (run,) = curvedoc.read(path)
    assert len(run.series("loss")) == 21 and np.isnan(run.series("loss")[20])
    assert run.nan_steps["loss"].tolist() == [20] and run.warnings == []


def test_text_c_runtime_infinity_is_read(tmp_path):
    path = tmp_path / "train.log"
    path.write_text("step 0 loss 1.5\nstep 1 loss 1.#INF\nstep 2 loss -1.#INF\n")
    (run,) = curvedoc.read(path)
    assert run.series("loss").tolist() == [1.5, np.inf, -np.inf]


def test_text_nan_ind_is_reported_as_divergence(tmp_path):
    path = tmp_path / "train.log"
    path.write_text("".join(f"step {i} loss {v}\n" for i, v in enumerate(curve()))
                    + "".join(f"step {i} loss -nan(ind)\n" for i in range(40, 50)))
    res = cli("analyze", path)
    assert res.returncode == 0 and "divergence" in res.stdout and "first at step 40" in res.stdout


# --- 3. numbers written as JSON strings ------------------------------------------------------------------

def test_wandb_history_numbers_as_strings(tmp_path):
    losses = curve(10)
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("".join(json.dumps({"_step": str(i), "loss": str(v), "_runtime": i}) + "\n"
                            for i, v in enumerate(losses))
                    + json.dumps({"_step": "10", "loss": "NaN", "_runtime": 10}) + "\n"
                    + json.dumps({"_step": 11, "loss": "n/a", "_runtime": 11}) + "\n")
    (run,) = curvedoc.read(path)
    assert run.step_axis == "step" and run.frame.index.tolist() == list(range(12))
    assert run.series("loss").iloc[:10].tolist() == losses and run.nan_steps["loss"].tolist() == [10]
    assert run.warnings == ["1 non-numeric value of loss skipped"]


def test_wandb_history_step_that_is_no_number_is_said(tmp_path):
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("".join(json.dumps({"_step": f"s{i}", "loss": 1 / (i + 1)}) + "\n" for i in range(5)))
    (run,) = curvedoc.read(path)
    assert run.step_axis == "row"
    assert run.warnings == ["_step is not a number in any record: records numbered in file order"]


def test_trainer_state_numbers_as_strings(tmp_path):
    history = [{"step": str(i), "loss": str(1 / i), "learning_rate": 0.1, "epoch": i / 10} for i in range(1, 11)]
    history[-1]["loss"] = "Infinity"
    history[-2]["loss"] = "oops"
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"log_history": history}))
    (run,) = curvedoc.read(path)
    loss = run.series("loss")
    assert loss.index.tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 10]
    assert loss[1] == 1.0 and loss[10] == np.inf
    assert run.warnings == ["1 non-numeric value of loss skipped"]


def test_text_jsonl_numbers_as_strings(tmp_path):
    path = tmp_path / "metrics.jsonl"
    path.write_text("".join(json.dumps({"step": i, "loss": str(v)}) + "\n" for i, v in enumerate(curve(10)))
                    + json.dumps({"step": 10, "loss": "-nan(ind)"}) + "\n")
    (run,) = curvedoc.read(path)
    assert run.series("loss").iloc[:10].tolist() == curve(10) and run.nan_steps["loss"].tolist() == [10]


# --- 4. steps past 2^53 --------------------------------------------------------------------------------

BIG = 2**53


def _events(path, steps):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        writer = RecordWriter(fh)
        writer.write(event_pb2.Event(wall_time=1.6e9, file_version="brain.Event:2").SerializeToString())
        for i, step in enumerate(steps):
            value = summary_pb2.Summary.Value(tag="loss", simple_value=1.0 / (i + 1))
            writer.write(event_pb2.Event(wall_time=1.6e9 + i, step=step,
                                         summary=summary_pb2.Summary(value=[value])).SerializeToString())
    return path.parent


def _mlflow(root, steps):
    run = root / "mlruns" / "0" / "abc"
    (run / "metrics").mkdir(parents=True)
    (run / "meta.yaml").write_text("run_id: abc\nrun_name: r\nlifecycle_stage: active\n")
    (run / "metrics" / "loss").write_text("".join(f"{1_700_000_000_000 + i} {1 / (i + 1)} {s}\n"
                                                 for i, s in enumerate(steps)))
    return root / "mlruns"


def _write(path, text):
    path.write_text(text)
    return path


STEPS_PAST_2_53 = {
    "csv, merging": lambda d: _write(d / "log.csv", "step,loss\n" + "".join(f"{BIG + i},{1 / (i + 1)}\n"
                                                                            for i in range(20))),
    "csv, past int64": lambda d: _write(d / "log.csv", "step,loss\n" + "".join(f"{10**19 + i},{1 / (i + 1)}\n"
                                                                               for i in range(20))),
    "text": lambda d: _write(d / "train.log", "".join(f"step {BIG + i} loss {1 / (i + 1)}\n" for i in range(20))),
    "wandb": lambda d: _write(d / "wandb-history.jsonl", "".join(
        json.dumps({"_step": BIG + i, "loss": 1 / (i + 1), "_runtime": i}) + "\n" for i in range(20))),
    "trainer, past int64": lambda d: _write(d / "trainer_state.json", json.dumps(
        {"log_history": [{"step": 2**63 + i, "loss": 1 / (i + 1)} for i in range(20)]})),
    "mlflow, past int64": lambda d: _mlflow(d, [2**63 + i for i in range(20)]),
    "mlflow, 1e20": lambda d: _mlflow(d, [10**20 + i for i in range(20)]),
    "tensorboard, 2^62": lambda d: _events(d / "tb" / "events.out.tfevents.1.host", [2**62 + i for i in range(20)]),
}


@pytest.mark.parametrize("make", STEPS_PAST_2_53.values(), ids=STEPS_PAST_2_53.keys())
def test_steps_past_2_53_are_refused_in_one_line(tmp_path, make):
    one_error_line(cli("analyze", make(tmp_path)), "steps from 2^53 = 9007199254740992 on cannot be told apart")


def test_trainer_steps_are_exact_below_2_53_and_refused_from_it(tmp_path):
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"log_history": [{"step": BIG - 20 + i, "loss": 1 / (i + 1)} for i in range(20)]}))
    (run,) = curvedoc.read(path)
    assert run.frame.index.tolist() == [BIG - 20 + i for i in range(20)]
    path.write_text(json.dumps({"log_history": [{"step": BIG + i, "loss": 1 / (i + 1)} for i in range(20)]}))
    one_error_line(cli("info", path), f"this log has step {BIG}")


# --- 5. the PyTorch tutorial's "Epoch [e/E], Step [s/S]" ----------------------------------------------------

def test_step_that_starts_again_every_epoch_is_numbered_across_epochs(tmp_path):
    lines = [f"Epoch [{e}/3], Step [{s}/4], Loss: {1 / (4 * e + s):.4f}" for e in range(1, 4) for s in range(1, 5)]
    path = tmp_path / "train.log"
    path.write_text("\n".join(lines) + "\n")
    (run,) = curvedoc.read(path)
    assert run.step_axis == "step" and run.frame.index.tolist() == list(range(1, 13))
    assert len(run.series("Loss")) == 12 and run.columns_with_role("metric") == ["Loss"]  # Epoch is no metric
    assert run.role("Epoch") == "epoch"
    assert run.series("Epoch").tolist() == [1] * 4 + [2] * 4 + [3] * 4
    assert run.warnings == ["the step starts again every epoch: steps numbered across epochs as (epoch - 1) x 4 + step"]


def test_step_from_zero_without_a_total_is_numbered_across_epochs(tmp_path):
    path = tmp_path / "train.log"
    path.write_text("".join(f"epoch {e} step {s} loss {1 / (5 * e + s + 1):.4f}\n" for e in range(3) for s in range(5)))
    (run,) = curvedoc.read(path)
    assert run.frame.index.tolist() == list(range(15))
    # A resumed run: the epoch goes back with the step, and the later values win as before.
    path.write_text("epoch 1 step 1 loss 0.9\nepoch 1 step 2 loss 0.8\nepoch 2 step 3 loss 0.7\n"
                    "epoch 1 step 2 loss 0.75\nepoch 2 step 3 loss 0.65\n")
    (run,) = curvedoc.read(path)
    assert run.series("loss").to_dict() == {1: 0.9, 2: 0.75, 3: 0.65}
    assert not any("every epoch" in w for w in run.warnings)




# --- 6. messages that say what the problem is ------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-32-be-bom"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    # UTF-32's little-endian mark begins with UTF-16's: it was decoded as UTF-16, to no record.
    def encode(text):
        return codecs.BOM_UTF32_BE + text.encode("utf-32-be") if encoding == "utf-32-be-bom" else text.encode(encoding)

    csv_path = tmp_path / "log.csv"
    csv_path.write_bytes(encode("step,loss\n" + "".join(f"{i},{v}\n" for i, v in enumerate(curve()))))
    text_path = tmp_path / "train.log"
    text_path.write_bytes(encode("".join(f"step {i} loss {v}\r\n" for i, v in enumerate(curve()))))
    for path, fmt in ((csv_path, "csv"), (text_path, "text")):
        (run,) = curvedoc.read(path)
        assert run.format == fmt and run.series("loss").tolist() == curve() and run.warnings == []


def test_utf16_without_a_byte_order_mark_is_named(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(("step,loss\n" + "".join(f"{i},{v}\n" for i, v in enumerate(curve()))).encode("utf-16-le"))
    one_error_line(cli("info", path), "UTF-16 text without a byte-order mark")
    one_error_line(cli("info", "--log-format", "csv", path), "UTF-16 text without a byte-order mark")


def test_trainer_state_with_text_after_its_end(tmp_path):
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"log_history": [{"step": 1, "loss": 0.5}]}) + "\ngarbage")
    line = one_error_line(cli("info", path), "more text after the end of the JSON document, at line 2 column 1")
    assert "truncated" not in line


# --- 7. semicolon tables with decimal commas ----------------------------------------------------------------

@pytest.mark.parametrize("sep", [";", "\t"])
def test_decimal_comma_table_with_several_value_columns_is_sniffed_as_csv(tmp_path, sep):
    path = tmp_path / "log.csv"
    path.write_text(sep.join(["step", "loss", "acc"]) + "\n"
                    + "".join(sep.join([str(i), f"{v:.4f}", f"{i / 40:.3f}"]).replace(".", ",") + "\n"
                              for i, v in enumerate(curve())))
    assert sniff(path) == "csv"
    (run,) = curvedoc.read(path)
    assert run.series("loss").tolist() == curve() and run.series("acc").iloc[-1] == 0.975
