"""Plain-text training output: real WRN json_stats logs and each line pattern the reader knows."""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import curvedoc
from curvedoc.cli import app
from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
WRN = [REAL_LOGS / "wrn_cifar10_wrn40-4" / "log.txt", REAL_LOGS / "wrn_cifar10_preact-resnet" / "log.txt"]
JSON_STATS = re.compile(r"^json_stats: (\{.*\})\s*$")


def write(tmp_path: Path, text: str, name: str = "train.out") -> Path:
    path = tmp_path / name
    path.write_text(text, newline="")
    assert sniff(path) == "text"
    return path


def unmatched(run) -> int:
    found = [int(w.split()[0]) for w in run.warnings if w.endswith(("lines matched no pattern", "line matched no pattern"))]
    return found[0] if found else 0


# ---------------------------------------------------------------- real WRN logs

@pytest.mark.parametrize("path", WRN, ids=lambda p: p.parent.name)
def test_real_wrn_json_stats_match_the_json_module(path):
    lines = path.read_text().split("\n")
    records = [json.loads(m.group(1)) for m in map(JSON_STATS.match, lines) if m]
    assert len(records) == 200
    [run] = read(path)
    assert (run.format, run.step_axis, run.name) == ("text", "epoch", path.parent.name)
    assert run.frame.index.tolist() == [r["epoch"] for r in records] == list(range(1, 201))
    for key in ("loss", "test_acc", "lr", "train_time", "test_time"):
        np.testing.assert_array_equal(run.series(key).to_numpy(), [r[key] for r in records])
    numeric = {k for r in records for k, v in r.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    assert set(run.frame.columns) == numeric - {"epoch"}
    assert unmatched(run) == sum(1 for ln in lines if ln.strip()) - 200
    assert run.role("lr") == "lr" and run.role("depth") == "other" and run.role("loss") == "metric"
    assert run.series("lr")[59] == 0.1 and run.series("lr")[60] == 0.02


def test_real_wrn_through_the_cli_as_json():
    result = CliRunner().invoke(app, ["info", str(WRN[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    [run] = json.loads(result.stdout)["runs"]
    metrics = {m["name"]: m for m in run["metrics"]}
    assert run["step_axis"] == "epoch" and metrics["test_acc"]["n_points"] == 200
    assert metrics["test_acc"]["first_step"] == 1 and metrics["test_acc"]["last"] == pytest.approx(95.0, abs=1.5)


# ---------------------------------------------------------------- line patterns

NANOGPT = """\
Overriding config with config/train_shakespeare_char.py:
tokens per iteration will be 16,384
number of parameters: 10.65M
step 0: train loss 4.2874, val loss 4.2823
iter 0: loss 4.2654, time 29553.03ms, mfu -100.00%
iter 10: loss 3.2109, time 35.12ms, mfu 12.34%
iter 20: loss nan, time 35.20ms, mfu 12.30%
step 250: train loss 1.9669, val loss 2.0682
saving checkpoint to out-shakespeare-char
iter 250: loss 2.0420, time 36.00ms, mfu 12.10%
"""


def test_nanogpt_iter_and_step_lines_share_one_axis(tmp_path):
    [run] = read(write(tmp_path, NANOGPT))
    assert run.step_axis == "step" and run.frame.index.tolist() == [0, 10, 20, 250]
    assert run.series("train loss").tolist() == [4.2874, 1.9669]
    assert run.series("val loss").index.tolist() == [0, 250]
    assert run.series("time").tolist() == [29553.03, 35.12, 35.20, 36.00]  # "ms" stripped
    assert run.series("mfu").tolist() == [-100.0, 12.34, 12.30, 12.10]  # "%" stripped
    assert run.nan_steps["loss"].tolist() == [20]
    assert unmatched(run) == 4
    assert run.warnings[0] == "4 lines matched no pattern"


def test_nanogpt_s_older_header_is_no_step(tmp_path):
    # its first line was read as step 655360 ("per iteration: ..."), and vocab_size a metric logged there
    header = ("total number of tokens per iteration: 655360\n"
              "found vocab_size = 65 (inside data/shakespeare_char/meta.pkl)\n"
              "Initializing a new model from scratch\n")
    [run] = read(write(tmp_path, header + NANOGPT))
    assert run.frame.index.tolist() == [0, 10, 20, 250]
    assert "vocab_size" not in run.frame.columns and "iteration" not in run.frame.columns
    assert run.series("loss").index.tolist() == [0, 10, 20, 250]


def test_a_callback_s_own_message_naming_the_epoch_is_no_axis_over_keras_s_epoch_lines(tmp_path):
    # Keras 3's console, then an early-stopping callback's own print: "epoch" (once, from the message)
    # was the axis over "Epoch 1/150" (every epoch), and the file was refused as logging no name twice.
    bar = "\u2501" * 20
    lines = []
    for e in range(1, 13):
        lines += [f"Epoch {e}/150", f"1835/1835 {bar} 4s 2ms/step - loss: {0.7 / e:.4f} - val_loss: {0.68 - e / 100:.4f}"]
    lines.insert(-1, "Training stopped at epoch 12 because loss did not improve.")
    [run] = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert run.step_axis == "epoch" and run.series("loss").index.tolist() == list(range(1, 13))
    assert run.series("val_loss").iloc[-1] == pytest.approx(0.56)


def _torchvision_detection_epoch(e: int, spaces: str) -> str:
    """One epoch of torchvision's detection reference as it prints it: training lines, the evaluation's
    own batches ("Test:" with the spaces its logger pads with), then pycocotools' summary."""
    lines = [f"Epoch: [{e}]  [{i:4d}/1430]  eta: 0:03:31.005391  lr: 0.001000  loss: {9 - e - i / 1000:.4f} "
             f"({9.5 - e:.4f})  box_loss: {3 - e / 2:.4f} ({3.1 - e / 2:.4f})  time: 0.1378  data: 0.0001  max mem: 1928"
             for i in range(0, 1430, 100)]
    lines += [f"Epoch: [{e}] Total time: 0:03:39 (0.1537 s / it)"]
    lines += [f"Test:{spaces}[{i:4d}/1456]  eta: 0:01:56.836486  model_time: 0.0519 (0.0533)  evaluator_time: "
              f"0.0080 (0.0093)  time: 0.0652  data: 0.0001  max mem: 4825" for i in range(0, 1456, 300)]
    lines += ["Test:  Total time: 0:02:17 (0.0944 s / it)", "Accumulating evaluation results...",
              "DONE (t=2.80s).", "IoU metric: bbox"]
    stats = [("Precision", "AP", "0.50:0.95", "   all", 100), ("Precision", "AP", "0.50     ", "   all", 100),
             ("Precision", "AP", "0.75     ", "   all", 100), ("Precision", "AP", "0.50:0.95", " small", 100),
             ("Precision", "AP", "0.50:0.95", "medium", 100), ("Precision", "AP", "0.50:0.95", " large", 100),
             ("Recall   ", "AR", "0.50:0.95", "   all", 1), ("Recall   ", "AR", "0.50:0.95", "   all", 10),
             ("Recall   ", "AR", "0.50:0.95", "   all", 100), ("Recall   ", "AR", "0.50:0.95", " small", 100),
             ("Recall   ", "AR", "0.50:0.95", "medium", 100), ("Recall   ", "AR", "0.50:0.95", " large", 100)]
    for k, (word, short, iou, area, dets) in enumerate(stats):
        value = -1.0 if area.strip() == "small" else 0.1 * (e + 1) + k / 100
        lines.append(f" Average {word} ({short}) @[ IoU={iou} | area={area} | maxDets={dets:3d} ] = {value:.3f}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("spaces", [" ", "   "])
def test_torchvision_detection_s_evaluation_and_coco_summary(tmp_path, spaces):
    # The evaluation's "Test:   [ 100/1456]" (padded) had made a metric "Test" of its batch counter, and
    # pycocotools' summary metrics "IoU" (0.75) and "maxDets" (100), the APs themselves lost.
    [run] = read(write(tmp_path, "".join(_torchvision_detection_epoch(e, spaces) for e in range(2))))
    assert not {"Test", "IoU", "maxDets", "test_Test"} & set(run.frame.columns)
    ap = run.series("test_bbox/AP")
    assert ap.index.tolist() == [1400, 2830] and ap.tolist() == [0.1, 0.2]
    assert run.series("test_bbox/AR100").tolist() == [0.18, 0.28]
    assert "test_bbox/APs" not in run.frame.columns  # -1: no small objects to measure
    assert {run.role(c) for c in ("data", "mem", "test_data", "test_mem")} <= {"wall_time", "other"}
    assert run.series("loss").index[-1] == 2830 and len(run.series("loss")) == 30


def test_spacy_s_training_table_is_read_by_the_columns_its_rule_marks(tmp_path):
    # "LOSS TOK2VEC" and "LOSS NER" hold a space: split at spaces the header named no column, and the file
    # was refused (or, under its banner lines, read with the rule of dashes as the header).
    head = ["\u2139 Saving to output directory: output", "\u2139 Using CPU", "",
            "=========================== Initializing pipeline ===========================",
            "\u2714 Initialized pipeline", "", "\u2139 Pipeline: ['tok2vec', 'ner']", "\u2139 Initial learn rate: 0.001",
            "E    #       LOSS TOK2VEC  LOSS NER  ENTS_F  ENTS_P  ENTS_R  SCORE ",
            "---  ------  ------------  --------  ------  ------  ------  ------"]
    rows = [f"{2 * i:>3}  {50 * i:>6}  {30 / (1 + i):>12.2f}  {900 / (1 + i):>8.2f}  {60 * i / (1 + i):>6.2f}  "
            f"{62 * i / (1 + i):>6.2f}  {58 * i / (1 + i):>6.2f}  {0.6 * i / (1 + i):>6.2f}" for i in range(20)]
    path = write(tmp_path, "\n".join(head + rows + ["\u2714 Saved pipeline to output directory", "output/model-last"])
                 + "\n")
    [run] = read(path)
    assert run.format == "text" and run.step_axis == "step" and run.frame.index.tolist() == list(range(0, 1000, 50))
    assert run.role("epoch") == "epoch" and run.series("epoch").iloc[-1] == 38
    assert run.columns_with_role("metric") == ["LOSS_TOK2VEC", "LOSS_NER", "ENTS_F", "ENTS_P", "ENTS_R", "SCORE"]
    assert run.series("LOSS_NER").iloc[1] == 450.0 and run.series("SCORE").iloc[-1] == 0.57


MODDED = """\
import os
import sys
with open(sys.argv[0]) as f:
    code = f.read()
print0(f"step:{step}/{train_steps} val_loss:{val_loss:.4f} train_time:{training_time_ms:.0f}ms")
+-----------------------------------------------------------------------------------------+
| NVIDIA-SMI 550.54.15              Driver Version: 550.54.15      CUDA Version: 12.4     |
| N/A   39C    P0            123W /  700W |   5858MiB / 81559MiB |      0%      Default |
step:0/1385 val_loss:10.8258 train_time:0ms step_avg:nanms
step:1/1385 train_time:19300ms step_avg:nanms
step:11/1385 train_time:126ms step_avg:nanms
step:125/1385 val_loss:4.3930 train_time:14290ms step_avg:124.26ms
step:126/1385 train_time:14311ms step_avg:123.37ms
"""


def test_modded_nanogpt_records_strip_units_and_skip_the_script(tmp_path):
    [run] = read(write(tmp_path, MODDED, "c8cbdf48.txt"))
    assert run.frame.index.tolist() == [0, 1, 11, 125, 126]
    assert run.series("val_loss").tolist() == [10.8258, 4.3930]
    assert run.series("train_time").tolist() == [0.0, 19300.0, 126.0, 14290.0, 14311.0]
    assert run.series("step_avg").tolist() == [124.26, 123.37]
    assert run.nan_steps == {}  # "nanms" is a timer not started, not a divergence
    assert run.role("step_avg") == "wall_time" and run.role("train_time") == "wall_time"
    assert unmatched(run) == 8


FAIRSEQ = """\
2020-05-01 10:00:00 | INFO | fairseq_cli.train | model transformer, criterion LabelSmoothedCrossEntropy
2020-05-01 10:00:01 | INFO | train_inner | epoch 001:    100 / 1000 loss=10.2, nll_loss=9.9, lr=1e-05, num_updates=100
2020-05-01 10:00:09 | INFO | train | epoch 001 | loss 9.856 | nll_loss 9.2 | ppl 588.1 | lr 0.0005 | gnorm 1.2 | num_updates 1000
2020-05-01 10:00:10 | INFO | valid | epoch 001 | valid on 'valid' subset | loss 8.9 | nll_loss 8.1 | ppl 274.4 | num_updates 1000
epoch 002 | loss 8.1 | lr 0.0004 | num_updates 2000
"""


def test_fairseq_pipes_and_subsets(tmp_path):
    [run] = read(write(tmp_path, FAIRSEQ))
    assert run.frame.index.tolist() == [100, 1000, 2000]
    assert run.series("train_inner_loss").tolist() == [10.2]
    assert run.series("train_loss").tolist() == [9.856] and run.series("valid_loss").tolist() == [8.9]
    assert run.series("loss").tolist() == [8.1] and run.series("epoch").tolist() == [1.0, 1.0, 2.0]
    assert run.role("train_lr") == "lr" and run.role("train_gnorm") == "grad_norm"
    assert unmatched(run) == 1
    assert not any("replaced" in w for w in run.warnings)


KERAS = ("Epoch 1/3\n"
         "\r 1/10 [==>...........................] - ETA: 3s - loss: 1.5000 - accuracy: 0.4000"
         "\x08\x08\x08\x08\r10/10 [==============================] - 2s 8ms/step - loss: 0.9123 - accuracy: 0.6150"
         " - val_loss: 0.9012 - val_accuracy: 0.6890 - lr: 0.0010\n"
         "Epoch 2/3\n"
         "10/10 [==============================] - 2s 8ms/step - loss: 0.8123 - accuracy: 0.7150"
         " - val_loss: 0.8012 - val_accuracy: 0.7890 - lr: 0.0010\n"
         "\n"
         "Epoch 00002: ReduceLROnPlateau reducing learning rate to 0.0002.\n"
         "Epoch 3/3\n"
         "10/10 [==============================] - 2s 8ms/step - loss: 0.7000 - accuracy: 0.7500"
         " - val_loss: 0.7900 - val_accuracy: 0.7900 - lr: 2.0000e-04\n")


def test_keras_progress_lines_take_the_epoch_above_them(tmp_path):
    [run] = read(write(tmp_path, KERAS, "fit.log"))
    assert run.step_axis == "epoch" and run.frame.index.tolist() == [1, 2, 3]
    assert run.series("loss").tolist() == [0.9123, 0.8123, 0.7]  # not the mid-epoch 1.5
    assert run.series("lr").tolist() == [0.001, 0.001, 0.0002] and run.role("lr") == "lr"
    assert list(run.frame.columns) == ["loss", "accuracy", "val_loss", "val_accuracy", "lr"]
    assert run.warnings == []


def test_keras_callback_messages_between_epochs_are_no_metrics(tmp_path):
    # ModelCheckpoint, ReduceLROnPlateau and EarlyStopping print between the epochs' lines:
    # "val_loss improved from 0.5 to 0.4" was read as metrics named from and to.
    lines = []
    for epoch, (loss, val) in enumerate([(0.9, 1.0), (0.8, 0.95), (0.75, 0.96), (0.6, 0.7)], 1):
        lr = 1e-3 if epoch < 4 else 2e-4
        lines += [f"Epoch {epoch}/4",
                  f"50/50 [==============================] - 2s 40ms/step - loss: {loss:.4f} - val_loss: {val:.4f}"
                  f" - lr: {lr:.4e}", ""]
        lines.append(f"Epoch {epoch}: val_loss improved from {val + 0.1:.5f} to {val:.5f}, saving model to best.h5"
                     if epoch != 3 else "Epoch 3: val_loss did not improve from 0.95000")
    lines[-1:-1] = ["Epoch 3: ReduceLROnPlateau reducing learning rate to 0.00020000000949949026."]
    lines += ["Epoch 4: early stopping", "Restoring model weights from the end of the best epoch: 4."]
    [run] = read(write(tmp_path, "\n".join(lines) + "\n", "fit.log"))
    assert list(run.frame.columns) == ["loss", "val_loss", "lr"] and run.frame.index.tolist() == [1, 2, 3, 4]
    assert run.series("val_loss").tolist() == [1.0, 0.95, 0.96, 0.7] and run.warnings == []


HF_CONSOLE = """\
***** Running training *****
  Num examples = 1000
  5%|5         | 25/500 [00:10<03:10,  2.49it/s]\r{'loss': 0.3048, 'grad_norm': 2.75, 'learning_rate': 4.6e-07, 'epoch': 0.19}
{'loss': nan, 'grad_norm': inf, 'learning_rate': 9.6e-07, 'epoch': 0.38}
{'eval_loss': 0.32, 'eval_wer': 0.78, 'eval_runtime': 17.2, 'epoch': 0.38}
{'train_runtime': 100.0, 'train_samples_per_second': 3.2, 'train_loss': 0.2, 'epoch': 1.0}
100%|##########| 500/500 [03:20<00:00,  2.49it/s]
"""


def test_hf_console_dict_reprs_without_a_step_are_numbered_and_say_so(tmp_path):
    [run] = read(write(tmp_path, HF_CONSOLE))
    assert run.step_axis == "row" and run.frame.index.tolist() == [0, 1, 2, 3]
    assert run.series("loss").index.tolist() == [0, 1] and run.nan_steps["loss"].tolist() == [1]
    assert run.series("grad_norm")[1] == math.inf
    assert run.series("epoch").tolist() == [0.19, 0.38, 0.38, 1.0]
    assert "train_loss" not in run.frame.columns and "train_runtime" not in run.frame.columns
    assert any("fractional" in w and "file order" in w for w in run.warnings)
    assert unmatched(run) == 3


def test_json_lines_with_a_step_key_and_nonfinite_tokens(tmp_path):
    text = ("starting\n"
            '{"step": 100, "loss": 2.5, "lr": 0.001}\n'
            '[rank0] metrics {"step": 200, "loss": NaN, "lr": 0.001}\n'
            '{"step": 300, "loss": Infinity, "lr": 0.0005, "tag": "x", "ok": true}\n')
    [run] = read(write(tmp_path, text, "metrics.jsonl"))
    assert run.frame.index.tolist() == [100, 200, 300]
    assert run.nan_steps["loss"].tolist() == [200] and run.series("loss")[300] == math.inf
    assert list(run.frame.columns) == ["loss", "lr"]
    assert unmatched(run) == 1


def test_key_equals_value_and_colon_lines(tmp_path):
    text = ("step=10 loss=2.5 lr=1e-3 acc=12.5%\n"
            "global_step: 20, loss: 2.1, lr: 5e-4\n"
            "Epoch 3 | iteration 30 | train loss 1.9 | val loss 2.0\n")
    [run] = read(write(tmp_path, text))
    assert run.frame.index.tolist() == [10, 20, 30]
    assert run.series("loss").tolist() == [2.5, 2.1] and run.series("acc").tolist() == [12.5]
    assert run.series("train loss").tolist() == [1.9] and run.series("Epoch").tolist() == [3.0]


def test_keys_in_any_script_are_read(tmp_path):
    # Keys had to start with an ASCII letter: 精度 was dropped without a word, and a log whose loss is
    # 损失 was "no metric in the log, only lr".
    text = "".join(f"step={s} val_précision={0.5 + s / 1000:.4f} loss={2 * math.exp(-s / 50):.4f} "
                   f"精度={s / 300:.3f}\n" for s in range(1, 201))
    [run] = read(write(tmp_path, text))
    assert list(run.frame.columns) == ["val_précision", "loss", "精度"]
    assert run.series("精度").iloc[-1] == 0.667
    text = "".join(f"step {s}: 损失 {2 / (1 + s / 50):.4f}, lr {0.1 if s <= 150 else 0.01}\n" for s in range(1, 301))
    [run] = read(write(tmp_path, text))
    assert run.frame.index.tolist() == list(range(1, 301)) and list(run.frame.columns) == ["损失", "lr"]
    # A key still starts a word: the д of 3д is no key.
    [run] = read(write(tmp_path, "step 1: 损失 2.5\nstep 2: 损失 2.25 3д 7\n"))
    assert list(run.frame.columns) == ["损失"]


def test_a_log_without_any_step_key_is_numbered_by_record_and_says_so(tmp_path):
    [run] = read(write(tmp_path, "loss 2.5 acc 0.3\nloss 2.0 acc 0.4\nloss 1.5 acc 0.5\n"))
    assert run.step_axis == "row" and run.frame.index.tolist() == [0, 1, 2]
    assert run.series("loss").tolist() == [2.5, 2.0, 1.5]
    assert any(w.startswith("no step key") for w in run.warnings)


def test_lines_before_the_first_step_and_lone_values_are_not_attached(tmp_path):
    text = ("warmup loss 9.0 acc 0.0\n"
            "iter 1 loss 3.0\n"
            "checkpoint size 12.5\n"
            "iter 2 loss 2.0\n"
            "eval loss 2.2 acc 0.5\n")
    [run] = read(write(tmp_path, text))
    assert run.frame.index.tolist() == [1, 2]
    assert run.series("loss").tolist() == [3.0, 2.0]
    assert run.series("eval loss").tolist() == [2.2] and run.series("acc").index.tolist() == [2]
    assert "1 records before the first step key skipped" in run.warnings
    assert unmatched(run) == 1  # "checkpoint size 12.5"


def test_a_restarted_text_log_keeps_the_later_attempt(tmp_path):
    text = "".join(f"iter {i}: loss {3 - i * 0.1:.2f}\n" for i in range(0, 50, 10))
    text += "".join(f"iter {i}: loss {9 - i * 0.1:.2f}\n" for i in range(20, 70, 10))
    [run] = read(write(tmp_path, text))
    assert run.frame.index.tolist() == [0, 10, 20, 30, 40, 50, 60]
    assert run.series("loss").tolist() == [3.0, 2.0, 7.0, 6.0, 5.0, 4.0, 3.0]
    assert [(r.step, r.replaced) for r in run.resumes] == [(20, 3)]


def test_nothing_recognisable_is_a_clear_error(tmp_path):
    path = write(tmp_path, "hello world\nno numbers here\n")
    with pytest.raises(CurvedocError, match="no line holds a training record"):
        read(path)


@pytest.mark.parametrize("text", [
    # pyproject.toml: one "name number" pair in 11 lines
    '[project]\nname = "curvedoc"\nversion = "0.1.0"\nrequires-python = ">=3.10"\ndependencies = [\n'
    '    "typer>=0.9",\n    "numpy>=1.24",\n]\n\n[tool.ruff]\nline-length = 120\n',
    # source code: numbers after words, no name logged line after line
    "def lr_at(step, base=0.1):\n    if step < 500:\n        return base * step / 500\n"
    "    # decay at 30 and 60\n    return base * 0.1 ** (step // 30)\n\n\nMAX_STEPS = 1000\n"
    "for epoch in range(3):\n    print(epoch)\n",
])
def test_a_file_of_prose_or_code_is_no_training_log(tmp_path, text):
    with pytest.raises(CurvedocError, match="not a training log: no name is logged more than"):
        read(write(tmp_path, text))


def test_a_short_log_among_many_other_lines_is_read(tmp_path):
    # Three epochs of a run that printed its warnings and a traceback: few records, but loss comes back.
    text = "".join(f"UserWarning: something deprecated, line {i}\n" for i in range(20))
    text += "".join(f"epoch {e}: loss {1 / (e + 1):.3f}\n" for e in range(3)) + "Traceback (most recent call last):\n"
    [run] = read(write(tmp_path, text))
    assert run.series("loss").tolist() == [1.0, 0.5, 0.333]


def test_a_large_log_is_read_in_one_pass(tmp_path):
    n = 100_000
    path = tmp_path / "big.log"
    path.write_text("".join(f"iter {i}: loss {1 + 1 / (i + 1):.5f}, time 35.12ms, mfu 12.34%\n"
                            for i in range(n)))
    start = time.process_time()
    [run] = read(path, "text")
    assert time.process_time() - start < 10  # about 1 s here; a per-line pandas call would take minutes
    assert len(run.frame) == n and run.series("loss").iloc[-1] == pytest.approx(1 + 1 / n, abs=1e-5)
    assert run.warnings == []


def test_a_config_dict_printed_once_does_not_hide_the_key_value_lines(tmp_path):
    text = ("config: {'lr': 0.1, 'batch_size': 32, 'epochs': 3}\n"
            + "".join(f"iter {i}: loss {2 - i / 100:.2f}, lr 0.1\n" for i in range(0, 50, 10)))
    [run] = read(write(tmp_path, text))
    assert run.frame.index.tolist() == [0, 10, 20, 30, 40]
    assert "batch_size" not in run.frame.columns
    assert unmatched(run) == 1


def test_keras_with_a_single_metric_still_takes_the_epoch_header(tmp_path):
    text = "".join(f"Epoch {e}/3\n10/10 [==============================] - 1s 5ms/step - loss: {1 / e:.4f}\n"
                   for e in range(1, 4))
    [run] = read(write(tmp_path, text))
    assert run.step_axis == "epoch" and run.series("loss").tolist() == [1.0, 0.5, 0.3333]
    assert run.warnings == []


def test_a_policy_s_log_counts_its_episodes(tmp_path):
    # A REINFORCE loop's print (a gridworld policy): episode, return, length, lr. With no step key
    # the points were numbered by line from 0 ("row 217" was episode 218) and the episode count
    # was set aside as a metric whose direction the name does not say.
    lines = [f"episode {e} return {-1.8 if e < 218 else 8.6 + 0.1 * (e % 5):.2f} length {18 if e < 218 else 13} "
             "lr 0.01" for e in range(1, 401)]
    [run] = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    assert run.step_axis == "step" and run.frame.index[0] == 1 and run.frame.index[-1] == 400
    assert "episode" not in run.frame.columns and run.series("return").loc[218] == pytest.approx(8.9)
    assert not any(w.startswith("no step key") for w in run.warnings)
    # A step key, where one is logged, is still the axis; the episode count beside it is no curve.
    [run] = read(write(tmp_path, "".join(f"step {10 * e} episode {e} return 1.0\n" for e in range(1, 30)), "b.log"))
    assert run.frame.index[0] == 10 and run.frame.index[-1] == 290 and list(run.frame.columns) == ["return"]


def test_colour_codes_of_a_terminal_capture_do_not_hide_the_step(tmp_path):
    # rich/loguru colour the level and the numbers; a window-title OSC string leads the capture.
    lines = ["\x1b]0;train.py\x07\x1b[2K"] + [
        f"\x1b[32mINFO\x1b[0m step \x1b[1;36m{s}\x1b[0m | loss \x1b[1m{2.0 / s:.4f}\x1b[0m | lr 0.1"
        for s in (100, 200, 300)]
    [run] = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert run.step_axis == "step" and run.frame.index.tolist() == [100, 200, 300]
    assert run.series("loss").tolist() == [0.02, 0.01, 0.0067]
    assert not any(w.startswith("no step key") for w in run.warnings)


def test_lines_ended_by_cr_alone_are_lines(tmp_path):
    # Classic Mac line ends: once read as one line of 400 progress-bar redraws, whose last showed.
    rows = [f"step {i} loss {2.0 / (1 + i) ** 0.3:.4f} lr {0.1 if i < 200 else 0.01}" for i in range(400)]
    for end in ("", "\n"):
        path = tmp_path / f"train{len(end)}.log"
        path.write_bytes(("\r".join(rows) + end).encode())
        [run] = read(path)
        # With no line end after it, the last line may be one still being written: skipped, and said.
        whole = 400 if end else 399
        assert len(run.series("loss")) == whole and run.series("loss").index[-1] == whole - 1
        assert any("the last line has no line end" in w for w in run.warnings) == (not end)


def test_tensor_reprs_and_mmdetection_epochs_are_read_as_their_numbers(tmp_path):
    # `print(f"step {i} loss {loss}")` with loss a tensor: once "no training series found".
    loss = [2.0 / (1 + i) ** 0.3 for i in range(400)]
    path = tmp_path / "print.log"
    path.write_text("".join(f"step {i} loss tensor({v:.4f}, device='cuda:0', grad_fn=<NllLossBackward0>)\n"
                            for i, v in enumerate(loss)))
    [run] = read(path)
    assert run.series("loss").round(4).to_list() == [round(v, 4) for v in loss]
    # MMDetection 2.x: "Epoch [e][i/n]" and an eta clock; 400 iterations were 4 points, and eta a metric.
    path = tmp_path / "mmdet.log"
    path.write_text("".join(
        f"2024-01-01 00:00:00,123 - mmdet - INFO - Epoch [{i // 100 + 1}][{i % 100 + 1}/100]\tlr: "
        f"{0.1 if i < 200 else 0.01:.3e}, eta: 1 day, 0:10:00, time: 0.5, data_time: 0.01, loss: {v:.4f}\n"
        for i, v in enumerate(loss)))
    [run] = read(path)
    assert list(run.series("loss").index) == list(range(1, 401)) and "eta" not in run.frame.columns
    assert run.series("epoch").iloc[-1] == 4 and run.series("lr").loc[201] == 0.01


def test_an_epoch_of_zero_batches_is_read_not_an_internal_error(tmp_path):
    # "Epoch [0][3/0]" (a loader of unknown length) divided by its total: "internal error:
    # ZeroDivisionError". With no length to count steps by, the epochs are the steps.
    for name, line in (("mmdet.log", "Epoch [{e}][{i}/0]\tlr: 1.000e-02, loss: {v:.4f}\n"),
                       ("tv.log", "Epoch: [{e}]  [{i}/0]  lr: 0.1  loss: {v:.4f}\n")):
        path = tmp_path / name
        path.write_text("".join(line.format(e=k // 20, i=k % 20, v=2.3 * 0.99 ** k) for k in range(200)))
        [run] = read(path)
        assert len(run.series("loss")) == 10 and any("logged again" in w for w in run.warnings)


def _decay_run(n=400):
    loss = [2.0 / (1 + i) ** 0.3 * (1.0 if i < n // 2 else 0.3) for i in range(n)]
    lr = [0.1 if i < n // 2 else 0.01 for i in range(n)]
    return loss, lr


def test_torchvision_metric_logger_and_batch_of_n_lines_count_iterations_across_epochs(tmp_path):
    # 400 iterations were 4 points (one per epoch, "792 points logged again"), and the decay went unseen.
    loss, lr = _decay_run()
    path = write(tmp_path, "".join(
        f"Epoch: [{i // 100}]  [{i % 100:3d}/100]  eta: 0:01:00  lr: {lr[i]}  img/s: 512.3  loss: {v:.4f} "
        f"({v * 1.05:.4f})  acc1: 50.00 (50.0000)  time: 0.1  data: 0.01  max mem: 1234\n"
        for i, v in enumerate(loss)))
    [run] = read(path)
    assert list(run.series("loss").index) == list(range(400)) and run.series("lr").loc[200] == 0.01
    assert run.series("epoch").loc[150] == 1.5
    path = write(tmp_path, "".join(f"Epoch {i // 100 + 1}/4 Batch {i % 100}/100 loss={v:.4f} lr={lr[i]}\n"
                                   for i, v in enumerate(loss)), "batches.log")
    [run] = read(path)
    assert list(run.series("loss").index) == list(range(400))
    assert "the step starts again every epoch: steps numbered across epochs as (epoch - 1) x 100 + step" \
        in run.warnings
    res = CliRunner().invoke(app, ["analyze", str(path), "--format", "json"])
    [m] = [m for m in json.loads(res.stdout)["runs"][0]["metrics"] if m["name"] == "loss"]
    assert [(e["step"], e["label"]) for e in m["events"]] == [(200, "lr_decay")]


def test_torchvision_evaluation_lines_give_top_k_accuracies(tmp_path):
    # The reference scripts print "Test: Acc@1 83.375 Acc@5 98.237" after each epoch: the '@' kept
    # the keys from matching, and the held-out accuracy was lost ("lines matched no pattern").
    loss, lr = _decay_run()
    lines = []
    for i, v in enumerate(loss):
        lines.append(f"Epoch: [{i // 100}]  [{i % 100:3d}/100]  eta: 0:01:00  lr: {lr[i]}  loss: {v:.4f} ({v:.4f})\n")
        if i % 100 == 99:
            lines.append(f"Test:  Acc@1 {60 + 10 * (i // 100):.3f} Acc@5 {90 + i // 100:.3f}\n")
    [run] = read(write(tmp_path, "".join(lines)))
    assert run.series("Acc@1").dropna().tolist() == [60.0, 70.0, 80.0, 90.0]
    assert run.series("Acc@5").dropna().tolist() == [90.0, 91.0, 92.0, 93.0]
    assert not [w for w in run.warnings if "matched no pattern" in w]


def test_boosting_rounds_and_data_set_names_of_xgboost_and_lightgbm(tmp_path):
    # LightGBM's "training's l2" and "valid_1's l2" became one series "l2", validation over training;
    # the round that opens each line was ignored, so rounds logged every 10 were numbered 0, 1, 2 ...
    loss, _ = _decay_run()
    path = write(tmp_path, "".join(f"[{i + 1}]\ttraining's l2: {v:.6f}\tvalid_1's l2: {1.5 * v:.6f}\n"
                                   for i, v in enumerate(loss)), "lgb.log")
    [run] = read(path)
    assert list(run.frame.columns) == ["training_l2", "valid_1_l2"]
    assert run.series("valid_1_l2").iloc[0] == pytest.approx(1.5 * run.series("training_l2").iloc[0], rel=1e-5)
    assert list(run.series("training_l2").index) == list(range(1, 401))
    path = write(tmp_path, "".join(f"[{i}]\ttrain-logloss:{v:.5f}\teval-logloss:{1.1 * v:.5f}\n"
                                   for i, v in enumerate(loss) if i % 10 == 0 or i == 399), "xgb.log")
    [run] = read(path)
    assert list(run.series("train-logloss").index) == [*range(0, 400, 10), 399]
    path = write(tmp_path, "".join(f"[{i:4d}/400] loss={v:.4f}\n" for i, v in enumerate(loss) if i % 10 == 0),
                 "of_n.log")
    [run] = read(path)
    assert list(run.series("loss").index) == list(range(0, 400, 10))
    # Early stopping opens the console with a line of prose: its "in 1000 rounds" was a metric "in", the rounds
    # were not read (the first line no round) and the points were numbered by line.
    xgb = "".join(f"[{i}]\ttrain-logloss:{v:.5f}\teval-logloss:{1.1 * v:.5f}\n"
                  for i, v in enumerate(loss) if i % 10 == 0)
    path = write(tmp_path, "Will train until eval-logloss hasn't improved in 1000 rounds.\n" + xgb, "xgb_es.log")
    [run] = read(path)
    assert list(run.frame.columns) == ["train-logloss", "eval-logloss"] and run.step_axis == "step"
    assert list(run.series("eval-logloss").index) == list(range(0, 400, 10))
    lgb = "".join(f"[{i + 1}]\tvalid_0's l2: {v:.6f}\n" for i, v in enumerate(loss[:100]))
    path = write(tmp_path, "Training until validation scores don't improve for 200 rounds\n" + lgb, "lgb_es.log")
    [run] = read(path)
    assert list(run.frame.columns) == ["valid_0_l2"] and list(run.series("valid_0_l2").index) == list(range(1, 101))
    # The same bracket that stays put from line to line is a rank, no step.
    path = write(tmp_path, "".join(f"[0] epoch {e} loss {v:.4f}\n" for e, v in enumerate(loss[:20], 1)), "rank.log")
    [run] = read(path)
    assert run.step_axis == "epoch" and list(run.series("loss").index) == list(range(1, 21))


def test_the_pytorch_tutorials_epoch_and_batch_print(tmp_path):
    # "[7,   100] loss: 0.031" (the "Training a classifier" tutorial's print, epoch and batch from 1)
    # was read with no step: points numbered by line, the epoch a decay came at unknown.
    loss, _ = _decay_run()
    path = write(tmp_path, "".join(f"[{i // 40 + 1}, {i % 40 + 1:5d}] loss: {v:.3f}\n"
                                   for i, v in enumerate(loss) if (i + 1) % 10 == 0), "tutorial.log")
    [run] = read(path)
    assert list(run.frame.columns) == ["epoch", "loss"] and run.step_axis == "step"
    assert list(run.series("loss").index) == list(range(10, 401, 10))
    assert run.series("epoch").to_list() == [i // 4 + 1 for i in range(40)]
    assert "the step starts again every epoch: steps numbered across epochs as (epoch - 1) x 40 + step" in run.warnings


def test_loguru_source_places_are_no_metric(tmp_path):
    # loguru's default format names where a line was logged, "train:fit:142": that was read as a
    # metric "fit" of constant value 142, listed beside the loss.
    loss, lr = _decay_run()
    path = write(tmp_path, "".join(
        f"2024-05-01 12:00:{i % 60:02d}.{i:03d} | INFO     | __main__:<module>:{40 + i % 2} - step {i} loss "
        f"{v:.4f} lr {lr[i]}\n" if i % 2 else
        f"2024-05-01 12:00:{i % 60:02d}.{i:03d} | INFO     | train.loop:fit:142 - step {i} loss {v:.4f} lr {lr[i]}\n"
        for i, v in enumerate(loss)), "loguru.log")
    [run] = read(path)
    assert sorted(run.frame.columns) == ["loss", "lr"]
    assert list(run.series("loss").index) == list(range(400))
    # Python logging's own default, "INFO:root:message", keeps its message's keys.
    path = write(tmp_path, "".join(f"INFO:root:step {i} loss {v:.4f}\n" for i, v in enumerate(loss)), "std.log")
    [run] = read(path)
    assert list(run.frame.columns) == ["loss"] and len(run.series("loss")) == 400


def test_a_console_log_whose_lines_open_with_a_pipe_is_no_table(tmp_path):
    # fairseq's older console opens with "| [en] dictionary: 43881 types" lines: split on "|", each was an
    # empty cell and a sentence, the empty cells counted as numbers, and the log was refused as a CSV
    # with "no numeric column".
    head = ("| [en] dictionary: 43881 types\n| [fr] dictionary: 43978 types\n| data-bin train 35482842 examples\n"
            "| data-bin valid 26663 examples\n| using 8 GPUs (with max tokens per GPU = 4000)\n"
            "| model fconv_wmt_en_fr\n")
    path = write(tmp_path, head + "".join(
        f"| epoch 001  {1000 * i:5d} / 331737 loss={9.6 * i ** -0.3:.2f} ({9.8 * i ** -0.25:.2f}), wps=18515, "
        f"wpb=31259, bsz=861, lr=1.25, clip=100%, gnorm={2.0 + i / 10:.4f}\n" for i in range(1, 31)), "train.log")
    assert sniff(path) == "text"
    [run] = read(path)
    assert list(run.series("loss").index) == list(range(1000, 30001, 1000))


def test_pytorch_example_positions_and_test_set_lines(tmp_path):
    # PyTorch's mnist example: "Train Epoch: 1 [640/60000 (1%)]\tLoss: 0.53" every log interval, and after each
    # epoch "Test set: Average loss: 0.1020, Accuracy: 9684/10000 (97%)". Every interval fell on its epoch ("last
    # value kept"), and the test loss was a metric "loss" beside the training "Loss".
    lines = []
    for e in range(1, 6):
        for b in range(0, 60000, 6400):
            lines.append(f"Train Epoch: {e} [{b}/60000 ({100 * b // 60000:.0f}%)]\tLoss: "
                         f"{2.3 * math.exp(-(e - 1 + b / 60000)) + 0.05:.6f}")
        lines += ["", f"Test set: Average loss: {0.3 * math.exp(-e / 3):.4f}, Accuracy: {9000 + e * 80}/10000 "
                      f"({(9000 + e * 80) // 100}%)", ""]
    [run] = read(write(tmp_path, "\n".join(lines) + "\n", "mnist.log"))
    assert sorted(run.frame.columns) == ["Loss", "epoch", "test_Accuracy", "test_loss"]
    assert list(run.series("Loss").index) == [60000 * (e - 1) + b for e in range(1, 6) for b in range(0, 60000, 6400)]
    assert list(run.series("test_loss").index) == [60000 * (e - 1) + 57600 for e in range(1, 6)]


def test_words_of_a_warning_are_no_metrics(tmp_path):
    # NeMo's "WARNING: Loss is NaN or inf tensor(nan, device='cuda:0', ...)" made metrics "is" and "inf".
    lines = []
    for step in range(100, 2400, 100):
        lines += [f"2020-01-20 10:56:56,094 - INFO - Step: {step}", f"2020-01-20 10:56:56,099 - INFO - Loss: "
                  f"{300 / (1 + step / 500):.10f}", "2020-01-20 10:56:56,099 - INFO - training_batch_WER:  100.00%"]
    lines += ["2020-01-20 11:00:16,715 - WARNING - WARNING: Loss is NaN or inf tensor(nan, device='cuda:0', "
              "grad_fn=<MeanBackward0>)"] * 3
    path = write(tmp_path, "\n".join(lines) + "\n", "nemo.log")
    [run] = read(path)
    assert sorted(run.frame.columns) == ["Loss", "training_batch_WER"]


def test_quoted_names_over_quoted_numbers_are_read(tmp_path):
    # PaddleDetection 1.x: "iter: 1240, lr: 0.019992, 'loss_cls': '0.736654', ..., 'loss': '1.263390'" was refused as
    # "no metric in the log".
    path = write(tmp_path, "".join(
        f"2020-12-22 08:05:25,238-INFO: iter: {i}, lr: 0.019992, 'loss_cls': '{0.7 - i / 1e5:.6f}', "
        f"'loss_bbox': '0.011202', 'loss': '{1.26 - i / 1e5:.6f}', eta: 10:52:43, batch_cost: 0.39655 sec, "
        f"ips: 5.04344 images/sec\n" for i in range(1240, 2240, 20)), "paddle.log")
    [run] = read(path)
    assert {"loss_cls", "loss_bbox", "loss"} <= set(run.frame.columns) and run.role("lr") == "lr"
    assert list(run.series("loss").index) == list(range(1240, 2240, 20))
    assert run.series("loss").iloc[0] == pytest.approx(1.2476)


def test_opennmt_batch_of_the_epoch_is_the_step(tmp_path):
    # OpenNMT-py's older console, "Epoch  2,   550/  725; acc: ...; ppl: ...": every report of an epoch
    # fell on one point, its epoch, "last value kept".
    path = write(tmp_path, "".join(
        f"Epoch {e:2d}, {b:5d}/  725; acc: {30 + e + b / 100:6.2f}; ppl: {40 / (e + b / 725):6.2f}; "
        f"5187 src tok/s; 5634 tgt tok/s; {60 * e + b // 10:6d} s elapsed\n"
        for e in (1, 2, 3) for b in range(50, 726, 50)), "train.log")
    [run] = read(path)
    assert sorted(run.frame.columns) == ["acc", "epoch", "ppl"]
    assert list(run.series("ppl").index) == [725 * (e - 1) + b for e in (1, 2, 3) for b in range(50, 726, 50)]
    assert run.series("epoch").iloc[0] == pytest.approx(50 / 725)


def test_megatron_padded_iteration_is_the_step(tmp_path):
    # Megatron pads the position, " iteration        3/    1000 |": every record fell on one step, and a loss
    # spike in it went unseen.
    rng = np.random.default_rng(5)
    loss = 2.6 * np.exp(-np.arange(1, 61) / 400) * (1 + 0.01 * rng.standard_normal(60))
    loss[36] *= 1.8
    path = write(tmp_path, "".join(
        f" iteration {i:8d}/{1000:8d} | consumed samples: {64 * i:12d} | elapsed time per iteration (ms): 33848.3 | "
        f"learning rate: {1e-5:.3E} | global batch size: {64:5d} | lm loss: {v:.6E} | loss scale: 1.0 | "
        f"grad norm: {9.5 - i / 10:.3f} | number of skipped iterations: {0:3d} | number of nan iterations: {0:3d} | "
        f"samples per second: {1.886 + i / 1000:.3f} | TFLOPs: {78.46 - i / 100:.2f} |\n"
        for i, v in enumerate(loss, start=1)), "megatron.log")
    [run] = read(path)
    assert list(run.series("loss").index) == list(range(1, 61))
    # Its fp16 loss scale and throughput are bookkeeping: "loss scale" was judged as a loss, and "samples per
    # second" read as a metric named "second".
    assert [run.role(c) for c in ("loss scale", "per second", "TFLOPs")] == ["other"] * 3, list(run.frame.columns)
    # Its evaluations, " validation loss at iteration 20 | lm loss value: 2.31 | lm loss PPL: 10.1 |", were a
    # metric "value" whose direction no name said, left out.
    text = path.read_text().splitlines()
    for i in (20, 40, 60):
        text.insert(i + i // 20 - 1, f" validation loss at iteration {i} | lm loss value: {2.7 - i / 100:.6E} | "
                                     f"lm loss PPL: {math.exp(2.7 - i / 100):.6E} | ")
    path.write_text("\n".join(text) + "\n")
    [run] = read(path)
    assert run.series("validation_loss").to_dict() == pytest.approx({20: 2.5, 40: 2.3, 60: 2.1})
    assert run.role("validation_PPL") == "metric" and list(run.series("loss").index) == list(range(1, 61))
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    [metric] = [m for m in json.loads(result.output)["runs"][0]["metrics"] if m["name"] == "loss"]
    assert [(e["kind"], e["step"]) for e in metric["events"]] == [("spike", 37)]


def test_xgboost_cv_means_are_read_without_their_spread(tmp_path):
    # xgb.cv prints each fold mean with its spread, "test-logloss:0.529975+0.002922": no value was read.
    rounds = range(0, 300, 5)
    train = [0.69 * math.exp(-r / 60) + 0.05 for r in rounds]
    test = [0.69 * math.exp(-r / 60) + 0.2 + 0.0004 * max(r - 150, 0) for r in rounds]
    path = write(tmp_path, "".join(f"[{r}]\ttrain-logloss:{a:.6f}+{a / 90:.6f}\ttest-logloss:{b:.6f}+{b / 40:.6f}\n"
                                   for r, a, b in zip(rounds, train, test)), "cv.log")
    [run] = read(path)
    assert list(run.frame.columns) == ["train-logloss", "test-logloss"]
    assert list(run.series("test-logloss").index) == list(rounds)
    assert np.allclose(run.series("train-logloss").to_numpy(), train, atol=1e-6)
    assert np.allclose(run.series("test-logloss").to_numpy(), test, atol=1e-6)


def test_names_in_brackets_before_their_values_are_keys(tmp_path):
    # A trainer's loguru lines, "| E6 iter[ 14/ 15] | [Loss] nan | ... | [step]   104 |": nothing was read
    # ("no line holds a training record") and the loss gone to nan went unseen.
    loss = [f"{v:.2f}" for v in (812.5, 640.1, 533.9, 47120.3, 51566519.44)] + ["nan"] * 5
    path = write(tmp_path, "".join(
        f"2023-01-25 00:{20 + i // 2:02d}:{i * 5 % 60:02d}.074 | INFO     | trainers.base_trainer:train_epochs:256 - "
        f"[R0] | E{i} iter[ 14/ 15] | [Loss] {v} | [exp] ./exp/0125/car/hvae_lion_B40 | [step] {15 * i + 14:5d} | "
        f"[url] none | [time] 0.4m (~5h) |\n" for i, v in enumerate(loss)), "lion.log")
    [run] = read(path)
    assert list(run.frame.columns) == ["Loss"]
    assert list(run.series("Loss").index) == [15 * i + 14 for i in range(10)]
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    [metric] = json.loads(result.output)["runs"][0]["metrics"]
    [divergence] = [e for e in metric["events"] if e["kind"] == "divergence"]
    assert divergence["step"] == 89


def test_one_line_matching_no_pattern_is_said_in_the_singular(tmp_path):
    log = tmp_path / "train.log"
    log.write_text("starting\n" + "".join(f"iter {i}: loss {3 - i / 100:.4f}\n" for i in range(0, 300, 10)))
    (run,) = read(log)
    assert "1 line matched no pattern" in run.warnings


def test_lightning_s_progress_bar_version_is_no_metric(tmp_path):
    # Lightning's bar prints the logger's version (v_num) beside the losses: it was listed as a
    # metric of unknown direction.
    loss, _ = _decay_run()
    text = "".join(f"\rEpoch {i // 100}: {i % 100}/100 [00:05<00:00, 30.21it/s, v_num=3, train_loss={v:.4f}]"
                   + ("\n" if i % 100 == 99 else "") for i, v in enumerate(loss))
    [run] = read(write(tmp_path, text, "pl_bar.log"))
    assert run.role("v_num") == "other" and run.role("train_loss") == "metric"


@pytest.mark.parametrize("epoch_lines", [True, False])
def test_a_keras_capture_of_mid_epoch_lines_only_is_read_as_logged(tmp_path, epoch_lines):
    # A verbose=1 capture cut before each epoch's own line keeps only the progress lines with
    # "ETA:", which are skipped as superseded: the transcript was refused ("no training series").
    loss, _ = _decay_run()
    text = "".join((f"Epoch {e + 1}/4\n" if epoch_lines else "")
                   + f"100/100 [==============================] - ETA: 0s - loss: {loss[100 * e + 99]:.4f}\n"
                   for e in range(4))
    [run] = read(write(tmp_path, text, "keras.log"))
    assert run.series("loss").tolist() == pytest.approx([round(loss[100 * e + 99], 4) for e in range(4)])
    assert any("mid-epoch progress lines" in w for w in run.warnings)


def test_an_evaluation_line_s_own_step_key_is_its_step(tmp_path):
    # A char-LM script printing "eval iter N | val_nll ..." every 250 iterations between its
    # training lines every 20: "eval iter" was a metric of the iteration numbers, and each
    # evaluation sat at the training line before it (240 for 250).
    lines = []
    for it in range(10, 1001, 10):
        if it % 20 == 0:
            lines.append(f"iter {it} | nll {3 - it / 1000:.4f} | lr 2.00e-03")
        if it % 250 == 0:
            lines.append(f"eval iter {it} | val_nll {3.2 - it / 1000:.4f} | val_top1 0.{it // 25:02d}")
    path = tmp_path / "train.txt"
    path.write_text("\n".join(lines) + "\n")
    (run,) = read(path)
    assert sorted(run.frame.columns) == ["lr", "nll", "val_nll", "val_top1"]
    assert run.series("val_nll").index.tolist() == [250, 500, 750, 1000]


def test_nested_objects_of_a_json_per_line_log_are_read_as_dotted_keys(tmp_path):
    # run.history() dumped line by line, or a script's json.dumps({"train": {...}}), with no _step:
    # refused as "no metric in the log, only _runtime", though each line held the loss.
    lines = [json.dumps({"_runtime": 0.5 * i, "train": {"loss": 2 / (1 + i), "lr": 0.1}, "sys": {"gpu": {"util": 99}}})
             for i in range(60)]
    path = tmp_path / "history.jsonl"
    path.write_text("\n".join(lines) + "\n")
    (run,) = read(path)
    assert run.series("train.loss").iloc[-1] == pytest.approx(2 / 60)
    assert run.role("train.lr") == "lr" and run.role("_runtime") == "wall_time"


@pytest.mark.parametrize("prefix", ["[rank{}]: ", "[rank{}]:", "[default{}]:"])
def test_interleaved_lines_of_several_processes_are_read_as_rank_zeros(tmp_path, prefix):
    # torchrun prefixes each process's lines; every rank logs the same steps, and rank 1's loss
    # (three times rank 0's here) replaced rank 0's point by point, with only a generic warning.
    lines = []
    for s in range(1, 201):
        for rank, scale in ((0, 1.0), (1, 3.0)):
            lines.append(prefix.format(rank) + f"step {s} loss {scale * (1.0 if s < 100 else 0.5):.4f} lr 0.1")
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = read(log)
    assert list(run.series("loss").iloc[[0, -1]]) == [1.0, 0.5]
    assert "lines of 2 processes interleaved (ranks 0, 1): rank 0's read, the others' left out" in run.warnings
    assert not any("logged again" in w for w in run.warnings)


def test_numpy_2_scalar_reprs_in_a_printed_dict_are_read(tmp_path):
    # HF Trainer's console under numpy 2: {'loss': 0.9874, ..., 'epoch': np.float64(0.1)}. The
    # epoch was dropped, and the warning said no record had an epoch key.
    lines = [f"{{'loss': {1 / (1 + i):.4f}, 'learning_rate': 0.1, 'epoch': np.float64({i / 10:.1f})}}"
             for i in range(1, 41)]
    log = write(tmp_path, "\n".join(lines) + "\n")
    (run,) = read(log)
    assert list(run.frame["epoch"].iloc[:3]) == [0.1, 0.2, 0.3]
    assert "the epoch key holds fractional values: points numbered by logging interval (epoch / 0.1), records of " \
        "one interval together" in run.warnings
    assert not any(w.startswith("no step key") for w in run.warnings)


def test_a_trainers_console_appended_by_a_relaunch_keeps_the_later_launch(tmp_path):
    # ``python train.py | tee -a train.log``, killed after update 740 and relaunched from checkpoint-600:
    # the printed dicts of updates 610-740 come twice. Numbered by record, the relaunch's LR (back up
    # the linear decay) read "lr up" there, and the repeated losses as more training.
    def record(step, loss):
        lr = 2e-3 * min(step / 50, (1200 - step) / 1150)
        return f"{{'loss': {loss:.4f}, 'grad_norm': 0.06, 'learning_rate': {lr!r}, 'epoch': {round(step / 38, 2)}}}"

    first = [record(s, 2.0 / (1 + s / 50) + 0.2) for s in range(10, 741, 10)]
    crash = ["Traceback (most recent call last):", '  File "train.py", line 88, in <module>',
             "RuntimeError: DataLoader worker (pid 41213) is killed by signal: Killed."]
    second = [record(s, 2.0 / (1 + s / 50) + 0.19) for s in range(610, 1201, 10)]
    log = write(tmp_path, "\n".join(first + crash + second) + "\n")
    (result,) = curvedoc.analyze(log)
    assert [c.kind for c in result.schedule.changes] == ["warmup_end"]
    loss = result.run.series("loss")
    assert len(loss) == 120 and loss.iloc[60] == pytest.approx(2.0 / (1 + 610 / 50) + 0.19, abs=1e-4)
    assert "steps go back to 61: later values kept, 56 points of 14 steps replaced" in result.run.warnings


def test_a_trainers_printed_dicts_are_numbered_by_logging_interval(tmp_path):
    # HF Trainer's console: a dict every 10 updates carrying only the epoch, to two decimals (46 updates an
    # epoch), and an evaluation's dict at each whole epoch. Numbered by record, the evaluations made the
    # training points uneven, and a loss thrown x7.7 by a one-log LR blip went unseen.
    lines, logs, evals = [], 0, []
    for step in range(10, 461, 10):
        logs += 1
        loss = (2.0 if step <= 50 else 0.1 + 0.02 * math.sin(step)) * (7.7 if step == 310 else 1.0)
        lines.append(f"{{'loss': {loss:.4f}, 'grad_norm': 0.5, 'learning_rate': 0.02, 'epoch': {round(step / 46, 2)}}}")
        if (step + 10) // 46 > step // 46:  # the epoch ends before the next log
            lines.append(f"{{'eval_loss': 0.2, 'eval_runtime': 0.12, 'epoch': {float((step + 10) // 46)}}}")
            evals.append(logs)
    log = write(tmp_path, "\n".join(lines) + "\n")
    (run,) = read(log)
    assert run.series("loss").index.tolist() == list(range(1, logs + 1))
    # Each evaluation joins the training log it follows, or the next one.
    at = run.series("eval_loss").dropna().index.tolist()
    assert len(at) == len(evals) and all(b in (a, a + 1) for a, b in zip(evals, at)), (evals, at)
    assert not any("logged again" in w for w in run.warnings), run.warnings


def test_every_redraw_of_a_progress_bar_with_values_is_a_point(tmp_path):
    # Lightning's console captured to a file: per epoch, a bar redrawn every 10 batches with the
    # loss in its postfix, CR between redraws. Read as the terminal shows it, the last redraw of
    # each epoch: three points for 30.
    parts = []
    for e in range(3):
        redraws = [f"Epoch {e}:  {n}%|{'#' * (n // 10):<10}| {n}/100 [00:01<00:01, 55.1it/s, v_num=0, "
                   f"train_loss={2.0 * math.exp(-(e * 100 + n) / 150):.4f}]" for n in range(10, 101, 10)]
        parts.append("\r" + "\r".join(redraws))
    log = write(tmp_path, "\n".join(parts) + "\n")
    (run,) = read(log)
    loss = run.series("train_loss")
    assert list(loss.index[:3]) == [10, 20, 30] and loss.index[-1] == 300 and len(loss) == 30
    assert loss.iloc[-1] == pytest.approx(2.0 * math.exp(-2), abs=1e-4)
    # Pasted into an issue or saved from a notebook, each redraw is a line of its own: one point an epoch was read.
    pasted = write(tmp_path, "\n".join(parts).replace("\r", "\n").lstrip() + "\n", "pasted.txt")
    assert "\r" not in pasted.read_text()
    (run,) = read(pasted)
    assert run.series("train_loss").equals(loss)


def test_lightning_bars_reset_at_zero_and_values_redrawn_unchanged_are_read_once(tmp_path):
    # Lightning's console: each epoch's bar redrawn every 5 batches; after validation the epoch's bar is
    # drawn at 50/50 with val_loss and train_loss_epoch added to its postfix, then reset to 0/50 under the
    # same epoch before the next epoch's bar starts, and every later redraw shows those values again.
    # The reset's step going back within the epoch read every epoch as a resume (steps numbered on, a
    # warning), and the redrawn values made a staircase whose every step was a "plateau escape".
    def bar(e, n, post):
        return f"Epoch {e}: {2 * n:3d}%|{'#' * (n // 5):<10}| {n}/50 [00:01<00:01, 55.1it/s, {post}]"

    # Two epochs running at the same val_loss: each is a validation's, not a redraw (the second was dropped).
    val, parts, shown = [0.9, 0.6, 0.6, 0.45], [], ""
    for e in range(4):
        post = [f"v_num=0, train_loss_step={2.0 * math.exp(-(e * 50 + n) / 80):.3f}{shown}" for n in range(5, 51, 5)]
        parts.append("\r" + "\r".join(bar(e, n, p) for n, p in zip(range(5, 51, 5), post)))
        parts.append("Validation DataLoader 0: 100%|##########| 2/2 [00:00<00:00, 410.2it/s]")
        shown = f", val_loss={val[e]:.3f}, train_loss_epoch={1.5 * math.exp(-e / 2):.3f}"
        done = f"v_num=0, train_loss_step={2.0 * math.exp(-(e * 50 + 50) / 80):.3f}{shown}"
        parts.append("\r" + "\r".join([bar(e, 50, done), bar(e, 0, done), bar(e + 1, 0, done)]))
    (run,) = read(write(tmp_path, "\n".join(parts) + "\n"))
    assert run.series("train_loss_step").index.tolist() == list(range(5, 201, 5))
    assert run.series("val_loss").dropna().index.tolist() == [50, 100, 150, 200]
    assert run.series("val_loss").dropna().tolist() == val
    assert "the step starts again every epoch: steps numbered across epochs as (epoch - 0) x 50 + step" \
        in run.warnings and not any("resumed" in w for w in run.warnings), run.warnings


def test_mmdetection_evaluation_records_sit_at_the_training_step_before_them(tmp_path):
    # MMDetection 2.x's <timestamp>.log.json: an env_info line, then a training record every 50 iters,
    # "iter" starting again each epoch, and after each epoch a {"mode": "val", "iter": 32, ...} record
    # whose iter counts the evaluation's batches. Read by that iter, the steps went back within every
    # epoch, the training records were dropped as a resume's, and the log was refused ("no metric in
    # the log, only bbox_mAP ...").
    lines = [json.dumps({"env_info": "sys.platform: linux", "seed": 0, "exp_name": "faster_rcnn_r50_fpn_1x.py"})]
    for epoch in range(1, 13):
        lr = 0.02 if epoch < 9 else 0.002
        for it in (50, 100, 150):
            step = (epoch - 1) * 150 + it
            lines.append(json.dumps({"mode": "train", "epoch": epoch, "iter": it, "lr": lr, "memory": 812,
                                     "data_time": 0.005, "loss_cls": 1.1 * math.exp(-step / 600),
                                     "loss": 1.8 * math.exp(-step / 600) * (0.6 if epoch >= 9 else 1), "time": 0.03}))
        lines.append(json.dumps({"mode": "val", "epoch": epoch, "iter": 32, "lr": lr, "bbox_mAP": 0.05 * epoch,
                                 "bbox_mAP_50": 0.1 * epoch, "bbox_mAP_copypaste": "0.045 0.164 0.041"}))
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", name="20240610_091201.log.json"))
    assert run.series("loss").dropna().index.tolist() == list(range(50, 1801, 50))
    assert run.series("val_bbox_mAP").dropna().index.tolist() == list(range(150, 1801, 150))
    assert run.series("lr").dropna().iloc[-1] == 0.002
    assert not any("go back" in w or "resumed" in w for w in run.warnings), run.warnings


def test_a_library_warning_in_glogs_layout_is_no_record(tmp_path):
    # nanoGPT's prints with torch._dynamo's warnings interleaved (stderr into the same file): a guard's
    # "last reason: 0/0: loss 3.2109 != 2.9" was read as a loss at the step before it, replacing the real
    # one ("1 points logged again at a step already logged with another value: last value kept").
    lines = [f"iter {i}: loss {3.0 * math.exp(-i / 800):.4f}, time 12.34ms, mfu 0.01%" for i in range(0, 2001, 10)]
    warning = ["W0610 09:14:02.123000 140123 torch/_dynamo/convert_frame.py:844] [0/8] torch._dynamo hit "
               "config.cache_size_limit (8)",
               "W0610 09:14:02.123000 140123 torch/_dynamo/convert_frame.py:844] [0/8]    last reason: 0/0: loss "
               "3.2109 != 2.9"]
    lines[102:102] = warning
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", name="train.log"))
    loss = run.series("loss").dropna()
    assert len(loss) == 201 and loss[1010] == pytest.approx(3.0 * math.exp(-1010 / 800), abs=1e-4)
    assert not any("logged again" in w for w in run.warnings), run.warnings


@pytest.mark.parametrize("cut", ["step 600 loss 0.", "step 600 loss 5.0051", "loss 0.5005 | lr 0.01 | step 6"])
def test_a_last_line_still_being_written_is_skipped(tmp_path, cut):
    # A training job's console log read while it runs: its last line may end inside a number
    # ("0." of 0.5005 read as a drop to 0, "5.0051" of 5.0051e-05 as a jump, step 6 of 600 as a
    # resume that dropped every point after it).
    if cut.startswith("loss"):
        lines = "".join(f"loss {1.0 / s:.4f} | lr 0.01 | step {s}\n" for s in range(1, 600))
    else:
        lines = "".join(f"step {s} loss {1.0 / s:.4f}\n" for s in range(1, 600))
    [run] = read(write(tmp_path, lines + cut))
    loss = run.series("loss")
    assert loss.index.tolist() == list(range(1, 600)) and loss.iloc[-1] == pytest.approx(1 / 599, abs=1e-4)
    assert "the last line has no line end, so its last value may be cut short (file still being written?); " \
           "skipped" in run.warnings


def test_torchvision_evaluation_lines_are_the_test_set_not_training_values(tmp_path):
    # pytorch/examples' ImageNet loop: each epoch's training lines, then ``Test: [j/196]`` lines
    # counting the evaluation's batches and `` * Acc@1 x Acc@5 y`` with its averages. Both were
    # read as training values at the epoch's last step (a dip at every epoch end) and the
    # evaluation's batch counter as a metric called "Test".
    lines = []
    for ep in range(3):
        for i in range(0, 1000, 100):
            lines.append(f"Epoch: [{ep}][{i:4d}/1000]\tTime  0.512 ( 0.600)\tLoss {6.9 - ep:.4e} ({6.9 - ep:.4e})\t"
                         f"Acc@1  {30 + 10 * ep:6.2f} ({30 + 10 * ep:6.2f})\tAcc@5  {60 + 10 * ep:6.2f} ( 60.00)")
        for j in range(0, 196, 50):
            lines.append(f"Test: [{j:3d}/196]\tTime  2.427 ( 2.427)\tLoss {6.0 - ep:.4e} ({6.0 - ep:.4e})\t"
                         f"Acc@1  {20 + 9 * ep:6.2f} ({20 + 9 * ep:6.2f})\tAcc@5  {50 + 9 * ep:6.2f} ( 50.00)")
        lines.append(f" * Acc@1 {25 + 9 * ep:.3f} Acc@5 {55 + 9 * ep:.3f}")
    [run] = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert run.series("Acc@1").tolist() == [30.0 + 10 * (k // 10) for k in range(30)]
    assert run.series("test_Acc@1").to_dict() == {900: 25.0, 1900: 34.0, 2900: 43.0}
    assert run.series("test_Loss").tolist() == [6.0, 5.0, 4.0] and "Test" not in run.frame.columns


def test_a_console_log_with_one_byte_of_another_encoding_is_read_and_said(tmp_path):
    # A Windows console's "smart" quote (Windows-1252 0x93/0x94) in the first line refused the log.
    body = "".join(f"step {s}: loss {1.0 / s:.4f}\n" for s in range(1, 51)).encode()
    path = tmp_path / "train.out"
    path.write_bytes(b"Starting \x93run 3\x94 on cuda:0\n" + body)
    [run] = read(path)
    assert len(run.series("loss")) == 50
    assert any(w.startswith("1 line holding bytes that are not UTF-8 read with them replaced (line 1;")
               for w in run.warnings)
    # Wholly in another encoding (a French console's Latin-1): read as Windows-1252, and said.
    latin = tmp_path / "latin.out"
    latin.write_bytes(b"".join(f"\xe9tape {s}: perte {1.0 / s:.4f}\n".encode("latin-1") for s in range(1, 51)))
    [run] = read(latin)
    assert len(run.series("perte")) == 50
    assert any(w.startswith("not UTF-8: read as Windows-1252") for w in run.warnings)
    # Binary without a NUL byte (control bytes in every line): still refused.
    binary = tmp_path / "binary.out"
    binary.write_bytes(b"".join(b"\x01\x02\xe9\x03 %d\n" % s for s in range(1, 51)))
    with pytest.raises(CurvedocError, match="not UTF-8 text"):
        read(binary)


def test_records_printed_with_a_carriage_return_are_each_read(tmp_path):
    # A loop printing `iter N: loss X` with end="\r", its captured file ending one record in five with a line
    # feed: only each line's last segment, what a terminal shows, was read (123 of 600 records).
    corpus = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "const_sgd_digits_text" / "train.log"
    lines = corpus.read_text().splitlines()
    path = tmp_path / "train.log"
    path.write_text("".join(line + ("\r" if i % 5 else "\n") for i, line in enumerate(lines)))
    [run] = read(path)
    [original] = read(corpus)
    for name in original.frame.columns:
        assert run.series(name).dropna().equals(original.series(name).dropna()), name


def test_a_held_out_value_on_a_line_of_its_own_joins_the_step_above_it(tmp_path):
    # scikit-learn's MLPClassifier(verbose=True, early_stopping=True) prints "Validation score: 0.9611" under
    # each "Iteration 12, loss = 0.1523": a lone pair, read as prose, so the validation curve was left out.
    losses = [2.389, 2.213, 2.069, 1.932, 1.794, 1.653, 1.511, 1.372, 1.241, 1.120]
    scores = [0.0611, 0.2667, 0.5, 0.5944, 0.6778, 0.7667, 0.8, 0.85, 0.8722, 0.9]
    path = tmp_path / "mlp.log"
    path.write_text("".join(f"Iteration {i + 1}, loss = {a:.8f}\nValidation score: {b:.6f}\n"
                            for i, (a, b) in enumerate(zip(losses, scores))))
    [run] = read(path)
    assert run.series("Validation score").tolist() == scores and run.series("loss").index.tolist() == list(range(1, 11))
    assert not any("matched no pattern" in w for w in run.warnings), run.warnings
    # A progress bar's name with a number ("Validation DataLoader 0") stays prose.
    path.write_text("".join(f"Epoch {e}: loss {1 / (e + 1):.4f} acc {0.5 + e / 40:.3f}\nValidation DataLoader 0\n"
                            for e in range(12)))
    [run] = read(path)
    assert "Validation DataLoader" not in run.frame.columns


def test_timms_train_lines_count_the_epoch_and_update(tmp_path):
    # timm's train.py logs `Train: 3 [ 100/390 ( 26%)]  Loss: 2.31 (2.40) ... LR: 1.000e-01 ...`: no step key,
    # so every record was skipped ("records before the first epoch key") and the run was one point.
    lines = []
    for epoch in range(4):
        for idx in (0, 10, 20, 29):
            lr = 0.1 if epoch < 2 else 0.01
            loss, mean = 2.0 / (1 + epoch + idx / 30), 2.1 / (1 + epoch)
            lines.append(f"Train: {epoch} [{idx:>4d}/30 ({100 * (idx + 1) / 30:>3.0f}%)]  "
                         f"Loss: {loss:#.3g} ({mean:#.3g})  Time: 0.012s, 2666.67/s  (0.013s, 2461.54/s)  "
                         f"LR: {lr:.3e}  Data: 0.001 (0.001)")
        held = 1.0 / (1 + epoch)
        lines.append(f"Test: [   0/0]  Time: 0.010 (0.010)  Loss:   {held:.3f} ( {held:.3f})  "
                     f"Acc@1:  {70 + 5 * epoch:.3f} ( {70 + 5 * epoch:.3f})  Acc@5: 100.000 (100.000)")
    path = tmp_path / "train.log"
    path.write_text("\n".join(lines) + "\n")
    [run] = read(path)
    assert run.series("Loss").index.tolist() == [e * 30 + i for e in range(4) for i in (0, 10, 20, 29)]
    assert run.series("LR").dropna().iloc[-1] == 0.01 and run.series("test_Acc@1").tolist() == [70, 75, 80, 85]


def test_a_console_log_of_one_record_is_read_not_refused_as_a_header(tmp_path):
    # Its commas made the one line a CSV header: "header only, no data rows". A CSV's header alone still is.
    log = write(tmp_path, "iter 4: loss 2.3130, lr 1.0000e-02, time 1.23ms\n")
    (run,) = read(log)
    assert run.series("loss").to_dict() == {4: 2.313}
    header = tmp_path / "metrics.csv"
    header.write_text("step,loss,lr\n")
    with pytest.raises(CurvedocError, match="header only"):
        read(header)


def test_comments_of_the_script_echoed_above_its_log_are_no_records(tmp_path):
    # modded-nanogpt's logs open with the training script's own source, then its "step:N/T val_loss:..."
    # lines (here the corpus step-decay run's held-out loss). A comment in the source, "# loss: 99.0 step: 5",
    # made a series "loss" of one point and a step going back, read as evaluations appended after training.
    from curvedoc.readers import read

    corpus = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "sd_teacher_csv" / "metrics.csv"
    (src,) = read(corpus)
    val = src.series("val_loss")
    source = ["import torch", "", "# defaults below were tuned on a run that logged", "# loss: 99.0 step: 5",
              "model = torch.compile(model)  # step: 0 is the first", "=" * 60]
    lines = [f"step:{i}/{len(val)} val_loss:{v:.4f} train_time:{120 * i}ms step_avg:120ms"
             for i, v in enumerate(val.to_numpy())]
    path = tmp_path / "log.txt"
    path.write_text("\n".join(source + lines) + "\n")
    (run,) = read(path)
    assert run.columns_with_role("metric") == ["val_loss"], run.frame.columns
    assert run.series("val_loss").size == val.size
    assert not any("go back" in w for w in run.warnings), run.warnings


def test_two_word_names_of_the_lr_and_the_batch_size_are_kept_whole(tmp_path):
    # mlx-lm's "Iter 25: Train loss 1.593, Learning Rate 7.000e-05, ..." and a "learning rate 0.0012" of
    # flair's: the first word was dropped as prose, the LR read as a metric "Rate" and the report said
    # "lr not logged" beside a jump at constant LR.
    lines = [f"Iter {i * 25}: Train loss {1.6 - 0.01 * i:.3f}, Learning Rate {7e-05 if i < 20 else 7e-06:.3e}, "
             f"It/sec 0.942, Tokens/sec 369.778, Trained Tokens {9699 * i}, Batch Size 4, Peak mem 8.104 GB"
             for i in range(1, 41)]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert run.role("Learning Rate") == "lr" and run.role("Batch Size") == "batch_size"
    assert "Rate" not in run.frame.columns and run.series("Learning Rate").iloc[-1] == 7e-06


def test_a_trainers_printed_dicts_all_at_epoch_zero_are_numbered_by_record(tmp_path):
    # The first 500 updates of a fine-tune on a large set (200,000 updates an epoch): the Trainer rounds the
    # epoch to two decimals, and every dict says 'epoch': 0.0. Read as one epoch they were one point, and
    # the loss falling 2.5 -> 1.1 over them was "constant in every record, taken for echoed configuration".
    lines = [f"{{'loss': {2.5 * (1 + s / 100) ** -0.5:.4f}, 'grad_norm': {1.5 - s / 1000:.3f}, "
             f"'learning_rate': {2e-5 * min(1, s / 100)!r}, 'epoch': {round(s / 200_000, 2)}}}"
             for s in range(10, 501, 10)]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    loss = run.series("loss")
    assert len(loss) == 50 and run.role("loss") == "metric" and loss.iloc[0] > 2 * loss.iloc[-1]
    assert any(w.startswith("the epoch key repeats over records of one series") for w in run.warnings)


@pytest.mark.parametrize("message", [
    "Epoch {:05d}: ReduceLROnPlateau reducing learning rate to {!r}.",  # Keras 2
    "Epoch {}: ReduceLROnPlateau reducing learning rate to {!r}.",  # Keras 3
    "Epoch {:5d}: reducing learning rate of group 0 to {:.4e}.",  # PyTorch's scheduler, verbose
])
def test_reduce_lr_on_plateau_messages_give_the_lr(tmp_path, message):
    # A Keras console of 30 epochs with ReduceLROnPlateau(factor=0.5, verbose=1) cutting after epochs 12 and
    # 20: the loss drops at 13 and 21. The messages were read as records of their own and the drops as
    # plateau escapes with "no LR in the log".
    lines, lr = [], 0.002
    for epoch in range(1, 31):
        loss = 0.6 * (0.97 ** epoch) * (0.85 if epoch > 12 else 1) * (0.88 if epoch > 20 else 1)
        lines += [f"Epoch {epoch}/30", f"390/390 [==============================] - 97s 249ms/step - loss: {loss:.4f} "
                  f"- acc: {1 - loss / 2:.4f} - val_loss: {loss * 1.3:.4f} - val_acc: {1 - loss / 1.7:.4f}", ""]
        if epoch in (12, 20):
            lr *= 0.5
            lines.insert(-1, message.format(epoch, lr))
    (result,) = curvedoc.analyze(write(tmp_path, "\n".join(lines) + "\n"))
    lr_col = result.run.series("lr")
    assert result.run.role("lr") == "lr" and lr_col[1] == pytest.approx(0.002, rel=1e-3)
    assert lr_col[13] == pytest.approx(0.001, rel=1e-3) and lr_col[21] == pytest.approx(0.0005, rel=1e-3)
    loss = next(m for m in result.metrics if m.name == "loss")
    assert [(e.step, e.label) for e in loss.events] == [(13, "lr_decay"), (21, "lr_decay")]


def test_a_reduce_lr_on_plateau_message_at_its_floor_is_no_cut(tmp_path):
    # ReduceLROnPlateau(factor=0.1, min_lr=1e-5) in Keras: cuts after epochs 6 and 9, the second leaving the
    # float32 LR 1.0000000474974514e-05, which still stands above float32(min_lr), so at epoch 14 it
    # "reduces" to 1e-05 (a real log pasted in an issue). Read as a third cut of x1, it made the cuts'
    # factors differ and the LR before the first was "not known": the first decay went untested.
    lines, lr = [], 1e-3
    for epoch in range(1, 26):
        lines += [f"Epoch {epoch}/25", f"1181/1181 [==============================] - 18s 15ms/step - loss: "
                  f"{0.2 * epoch ** -0.4 * (0.8 if epoch > 6 else 1):.4f} - accuracy: 0.97", ""]
        if epoch in (6, 9, 14):
            lr = {6: 0.00010000000474974513, 9: 1.0000000474974514e-05, 14: 1e-05}[epoch]
            lines.insert(-1, f"Epoch {epoch:05d}: ReduceLROnPlateau reducing learning rate to {lr!r}.")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    lr_col = run.series("lr")
    assert lr_col[1] == pytest.approx(1e-3, rel=1e-3) and lr_col[7] == pytest.approx(1e-4, rel=1e-3)
    assert lr_col[10] == pytest.approx(1e-5, rel=1e-3) and lr_col[25] == pytest.approx(1e-5, rel=1e-3)
    assert any("from 2 ReduceLROnPlateau messages" in w and "before the first, 0.001" in w for w in run.warnings)


def test_learning_rate_scheduler_messages_give_the_lr_of_both_fits(tmp_path):
    # Keras 2's console of two fit() calls with LearningRateScheduler(verbose=1), the second's schedule
    # starting again x10 above where the first ended (a real run, trained here). The messages were left
    # unread ("no lr in the log"), "Train on 2000 samples, validate on 500 samples" read as a key named twice,
    # and the restart, a x10 climb amid x0.7 steps, was dated at the epoch before it as a smooth turn.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import write_keras_scheduler_fits

    (result,) = curvedoc.analyze(write_keras_scheduler_fits(tmp_path / "train.log"))
    run = result.run
    assert run.series("lr").index.tolist() == list(range(1, 25)) and run.restarts == [13]
    assert run.series("lr")[1] == 1.0 and run.series("lr")[12] == pytest.approx(0.7 ** 11)
    assert run.series("lr")[13] == 0.2
    assert not [c for c in run.frame.columns if c.startswith("on")] and not any("key twice" in w for w in run.warnings)
    assert [(c.step, c.kind) for c in result.schedule.changes] == [(13, "lr_increase")]
    loss = next(m for m in result.metrics if m.name == "loss")
    assert [(e.step, e.label) for e in loss.events] == [(13, "lr_restart")]


def test_a_held_out_line_of_the_training_lines_keys_holds_the_held_out_values(tmp_path):
    # Each epoch prints "train Loss: .. Top-1 Acc: .. Top-2 Acc: .." and then "test ..." of the same keys
    # (a real run, trained here), or demucs's "[..][INFO] - Train Summary | Epoch 3 | Loss=.." then "Valid
    # Summary | ...". The held-out values replaced the training ones at every epoch ("last value kept"), so
    # "Acc" was the test accuracy under the training's name, and Top-1 and Top-2 were "Acc" and "Acc_2".
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import write_train_test_lines

    path = write_train_test_lines(tmp_path / "train.log")
    (run,) = read(path)
    assert sorted(run.frame.columns) == ["Top-1 Acc", "Top-2 Acc", "test Loss", "test_Top-1 Acc", "test_Top-2 Acc",
                                         "train Loss"]
    lines = path.read_text().splitlines()
    assert run.series("Top-1 Acc")[0] == float(lines[1].split()[5])
    assert run.series("test_Top-1 Acc")[0] == float(lines[2].split()[5])
    assert not any("logged again" in w for w in run.warnings), run.warnings
    (run,) = read(write_train_test_lines(tmp_path / "solver.log", demucs=True))
    assert sorted(run.frame.columns) == ["Acc", "Loss", "valid_Acc", "valid_Loss"]
    assert len(run.series("Loss")) == 30 and run.series("valid_Loss")[1] > run.series("Loss")[1]
    assert not any("logged again" in w for w in run.warnings), run.warnings


@pytest.mark.parametrize("indent", ["", "    "])
def test_the_best_round_printed_again_at_an_early_stop_is_no_resume(tmp_path, indent):
    # LightGBM's early stopping prints its best round again at the end ("Early stopping, best iteration is:"
    # then "[62] training's ..."): read as a resume, the 50 rounds after the best, where the held-out loss
    # rises, were thrown away; indented (a notebook's output in a README), the rounds were not read at all
    # and the echo was a x6 jump of the training loss that failed check.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import write_boosting_early_stop

    path = write_boosting_early_stop(tmp_path / "train.log", indent)
    (run,) = read(path)
    assert run.series("valid_1_binary_logloss").index.tolist() == list(range(1, 113))
    assert "the best round printed again after early stopping skipped" in run.warnings, run.warnings
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output


def test_xgboost_s_best_round_printed_after_its_stop_is_no_step_going_back(tmp_path):
    # XGBoost printing every 10th round prints the best (61) again under "Stopping. Best iteration:": a round
    # not printed before, read as a step going back, it dropped the rounds after it (70 to 111) as a resume's.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import write_boosting_xgboost

    (run,) = read(write_boosting_xgboost(tmp_path / "xgb.log"))
    assert run.series("eval-logloss").index.tolist() == list(range(0, 111, 10)) + [111]
    assert run.restarts == [] and not any("go back" in w for w in run.warnings), run.warnings


def test_an_epochs_total_inside_its_bracket_and_fairseqs_legacy_position_count_updates(tmp_path):
    # RTM3D's ``Train - Epoch: [127/300][ 35/464]`` and fairseq's legacy ``| epoch 010  2000 / 8223 loss=``
    # (both from real logs pasted in issues): the position within the epoch went unread, and each epoch's
    # lines were one point, the last ("logged again ... last value kept").
    rng = np.random.default_rng(0)
    bracket = [f"Train - Epoch: [{e}/300][{i:3d}/464]\tTime  0.738 ( 0.738)\tLoss {rng.uniform(1, 2):.4e} (1.5e+00)"
               for e in (127, 128) for i in range(35, 464, 50)]
    (run,) = read(write(tmp_path, "\n".join(bracket) + "\n", "a.log"))
    assert len(run.series("Loss")) == len(bracket)
    legacy = [f"| epoch {e:03d}  {i} / 8223 loss={rng.uniform(1, 2):.2f} (1.50), wps=962, lr=0.001, gnorm=2.14"
              for e in (10, 11) for i in range(1000, 8001, 1000)]
    (run,) = read(write(tmp_path, "\n".join(legacy) + "\n", "b.log"))
    assert run.series("loss").index.tolist() == [i + 8223 * (e - 10) for e in (10, 11) for i in range(1000, 8001, 1000)]


def test_a_key_named_twice_on_one_line_is_a_second_block_not_a_replacement(tmp_path):
    # CenterNet's logger (RTM3D and others kept it): "epoch: N |loss x | hm_loss y | ... | time t |" for
    # training, and every few epochs the validation pass's values appended to the same line under the same
    # names. The validation loss replaced the training loss of those epochs without a word.
    lines = []
    for epoch in range(1, 31):
        train = 0.9 * epoch ** -0.4
        line = f"2020-12-14-14-21: epoch: {epoch} |loss {train:.6f} | hm_loss {2 * train:.6f} | time 3.45 | "
        if epoch % 5 == 0:
            line += f"loss {train * 0.7:.6f} | hm_loss {1.4 * train:.6f} | time 4.8 | "
        lines.append(line)
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "log.txt"))
    loss = run.series("loss")
    assert len(loss) == 30 and loss[20] == pytest.approx(0.9 * 20 ** -0.4, abs=1e-6)
    assert run.series("loss_2").index.tolist() == [5, 10, 15, 20, 25, 30]
    assert any(w.startswith("6 lines name a key twice") for w in run.warnings)


def test_tensorflows_runtime_lines_are_no_records(tmp_path):
    # A Keras console opens with TensorFlow's C++ runtime messages ("... cuda_dnn.cc:368] Loaded cuDNN version
    # 8100"): read as records, "tensorflow/stream_executor/cuda/cuda_dnn.cc" and "version" became metrics.
    lines = []
    for epoch in range(1, 21):
        lines += [f"Epoch {epoch}/20", f"50/50 [==============================] - 12s 240ms/step - "
                  f"loss: {1 / epoch:.4f} - auc: {1 - 0.3 / epoch:.4f} - val_loss: {1.2 / epoch:.4f}"]
        if epoch == 1:  # printed as the first batch runs, under the epoch's header
            lines[-1:-1] = [
                "2022-07-18 12:57:32.516662: I tensorflow/stream_executor/cuda/cuda_dnn.cc:368] Loaded cuDNN "
                "version 8100",
                "2022-07-18 12:57:33.102014: W tensorflow/core/common_runtime/bfc_allocator.cc:290] Allocator ran "
                "out of memory trying to allocate 2.19GiB with freed_by_count=0"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert sorted(run.frame.columns) == ["auc", "loss", "val_loss"]


def test_glog_info_lines_are_read_after_their_prefix(tmp_path):
    # Caffe (and absl's Python logging) print every line behind "I0918 02:06:02.857022  5721 solver.cpp:195] ":
    # the source line became a metric "solver.cpp" (195, 365, 270, ...) that merged the steps it was logged
    # at into a "rounded step column" warning, and kept a log of nothing but nan from being refused.
    lines = []
    for it in range(0, 2001, 100):
        stamp = f"I0918 02:{6 + it // 1000:02d}:{it % 60:02d}.857022  5721"
        if it % 500 == 0:
            lines += [f"{stamp} solver.cpp:232] Iteration {it}, Testing net (#0)",
                      f"{stamp} solver.cpp:270] Test score #0: {0.1 + 0.3 * it / 2000:.4f}"]
        lines += [f"{stamp} solver.cpp:195] Iteration {it}, loss = {2.30264 * (1 + it) ** -0.1:.5f}",
                  f"{stamp} solver.cpp:365] Iteration {it}, lr = 0.001"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "caffe.log"))
    assert sorted(run.frame.columns) == ["loss", "lr"]
    assert run.series("loss").index.tolist() == list(range(0, 2001, 100))
    assert not any("rounded" in w for w in run.warnings), run.warnings
    nan = write(tmp_path, "\n".join(re.sub(r"loss = \S+", "loss = nan", line) for line in lines) + "\n", "nan.log")
    with pytest.raises(CurvedocError, match="no metric has a finite value"):  # said and exit 2 on the command line
        curvedoc.analyze(nan)


def test_an_iteration_counter_beside_an_optimizer_step_held_over_micro_batches_is_the_axis(tmp_path):
    # LitGPT's finetune loop prints "iter 1152 step 144: loss 11.4630, iter time: 1260.82ms": the optimizer's
    # step holds over the 8 micro-batches of one update. Read on it, 8 records made one point (the last kept)
    # and a loss thrown x6.7 between two iters was gone.
    rng = np.random.default_rng(3)
    lines = []
    for it in range(1, 401):
        loss = 1.7 * (1 + it / 50) ** -0.2 * np.exp(0.05 * rng.standard_normal()) * (6.7 if it >= 300 else 1.0)
        lines.append(f"iter {it} step {(it - 1) // 8 + 1}: loss {loss:.4f}, iter time: {1000 + it % 7 * 31:.2f}ms"
                     + (" (optimizer.step)" if it % 8 == 0 else ""))
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert run.series("loss").index.tolist() == list(range(1, 401))
    assert "step" not in run.frame.columns
    (ra,) = curvedoc.analyze(run.source)
    [jump] = [e for e in ra.metrics[0].events if e.direction == "up"]
    assert abs(jump.step - 300) <= 2 and jump.kind == "rise", jump


def test_a_console_in_another_language_with_full_width_colons_and_its_own_counter(tmp_path):
    # A PyTorch tutorial's loop printing in Chinese, "训练次数：100, Loss：1.98" (training count, full-width
    # colons), a test-set line each epoch: refused ("no name is logged more than twice"). The colons are colons,
    # and with no key named step the count rising at every record of the loss is the step.
    rng = np.random.default_rng(2)
    lines = ["训练数据集的长度为：50000"]
    for epoch in range(1, 6):
        lines.append(f"-------第 {epoch} 轮训练开始------")
        for k in range(1, 8):
            count = (epoch - 1) * 700 + 100 * k
            loss = 2.2 * (1 + count / 300) ** -0.3 * np.exp(0.1 * rng.standard_normal())
            lines.append(f"训练次数：{count}, Loss：{loss:.6f}")
        lines.append(f"整体测试集上的正确率: {0.35 + 0.03 * epoch:.4f}")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert run.step_axis == "step" and run.series("Loss").index.tolist() == list(range(100, 3501, 100))
    assert any(w.startswith("no step key (step, iter, epoch …): 训练次数, whole numbers rising") for w in run.warnings)


def test_a_number_set_in_bold_where_a_console_was_pasted_into_markdown_is_read(tmp_path):
    # "Epoch 4 | loss: 0.0798 | val_loss: **0.1843**": the point the author marked as the best was dropped.
    lines = [f"Epoch {e} | loss: {0.16 / (1 + e / 4):.4f} | val_loss: "
             + ("**0.1843**" if e == 4 else f"{0.19 + 0.001 * abs(e - 4):.4f}") for e in range(12)]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert run.series("val_loss")[4] == 0.1843 and len(run.series("val_loss").dropna()) == 12


def _sb3_table(rows: dict[str, dict[str, str]]) -> list[str]:
    """A table as Stable-Baselines3's HumanOutputFormat prints it."""
    names = [f"    {k}" for group in rows.values() for k in group] + [f"{g}/" for g in rows]
    values = [v for group in rows.values() for v in group.values()]
    kw, vw = max(map(len, names)) + 1, max(map(len, values)) + 1
    line = "-" * (kw + vw + 7)
    out = [line]
    for group, items in rows.items():
        out.append(f"| {group + '/':<{kw}}| {'':<{vw}}|")
        out += [f"| {'    ' + k:<{kw}}| {v:<{vw}}|" for k, v in items.items()]
    return out + [line]


def test_stable_baselines3_console_tables_are_one_record_each(tmp_path):
    # PPO(verbose=1) prints a table per rollout, a row per value under its group's row: no line held a
    # record ("no line holds a training record"), and the reward's rise went unread.
    lines = ["Using cpu device", "Wrapping the env with a `Monitor` wrapper", "Wrapping the env in a DummyVecEnv."]
    for it in range(1, 31):
        rows = {"rollout": {"ep_len_mean": f"{20 + 5 * it:.3g}", "ep_rew_mean": f"{20 + 5 * it:.3g}"},
                "time": {"fps": str(2490 - 10 * it), "iterations": str(it), "time_elapsed": str(it // 2),
                         "total_timesteps": str(2048 * it)}}
        if it > 1:
            rows["train"] = {"approx_kl": f"{0.009 / it ** 0.5:.7g}", "learning_rate": "0.0003",
                             "loss": f"{8.4 + 0.5 * it:.3g}", "n_updates": str(10 * (it - 1))}
        lines += _sb3_table(rows)
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    reward = run.series("rollout/ep_rew_mean")
    assert run.step_axis == "step" and reward.index.tolist() == [2048 * it for it in range(1, 31)]
    assert reward.iloc[-1] == 170 and run.series("train/loss").dropna().index[0] == 4096
    assert run.role("train/learning_rate") == "lr" and run.role("time/fps") == "other"


def test_a_line_opening_with_a_held_out_sets_name_holds_that_sets_values(tmp_path):
    # "Train Epoch: 16 Loss: 0.3598" then "Valid Epoch: 16 Loss: nan" (a GCN's tqdm descriptions, pasted): one
    # series "Loss", the validation's nan kept over the training value at every epoch, "logged again". The valid
    # line's keys are the validation set's.
    lines = []
    for epoch in range(1, 21):
        lines += [f"Train Epoch: {epoch} Loss: {0.9 * epoch ** -0.3:.8f}: 100% 2785/2785 [00:53<00:00, 52.28it/s]",
                  f"Valid Epoch: {epoch} Loss: {1.1 * epoch ** -0.2:.8f}: 100% 660/660 [00:04<00:00, 143.71it/s]"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert sorted(run.frame.columns) == ["Loss", "valid_Loss"]
    assert run.series("Loss")[16] == pytest.approx(0.9 * 16 ** -0.3, abs=1e-7)
    assert run.series("valid_Loss")[16] == pytest.approx(1.1 * 16 ** -0.2, abs=1e-7)
    assert not any("logged again" in w for w in run.warnings), run.warnings
    # Indented, as a notebook's output pasted into a README holds it ("    Eval Epoch: 1, Loss: 0.35, ..."):
    # the set's name was looked for at the line's first character only.
    (run,) = read(write(tmp_path, "\n".join("    " + line.replace("Valid", "Eval") for line in lines) + "\n",
                        "indented.log"))
    assert sorted(run.frame.columns) == ["Loss", "eval_Loss"], list(run.frame.columns)


@pytest.mark.parametrize("banner", [True, False])
def test_the_tutorial_loss_lines_are_read_below_a_banner_of_settings(tmp_path, banner):
    # The tutorial's "[epoch, batch] loss: x" lines were read only when the file opened with one: a single
    # printed "epoch = 8 lr = 0.01 batchsize=  8" above them had it refused ("no name is logged more than
    # once"), 72 loss lines in it. The held-out accuracy lines between epochs are no records.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import TUTORIAL_CONSOLE_LOSS, tutorial_console

    (run,) = read(write(tmp_path, tutorial_console(banner)))
    loss = run.series("loss")
    assert run.step_axis == "step" and len(loss) == 72 and loss.iloc[0] == TUTORIAL_CONSOLE_LOSS[0]
    assert loss.index[:10].tolist() == list(range(20, 181, 20)) + [200]
    assert run.series("epoch").iloc[9] == 2


def test_knitr_output_of_keras_for_r_is_read(tmp_path):
    # An R Markdown render puts knitr's "## " before every line of a fit's output; read as comments, the
    # file was "no line holds a training record". The run: ADAM_KERAS_NOISY_LABELS as keras for R prints it.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import ADAM_KERAS_NOISY_LABELS as RUN

    lines = ["```r", "history <- model |> fit(x, y, epochs = 50, validation_split = 0.2)", "```", ""]
    for k, epoch in enumerate(RUN["epoch"]):
        lines += [f"    ## Epoch {epoch + 1}/50",
                  f"    ## 32/32 - 2s - 73ms/step - loss: {RUN['loss'][k]:.4f} - val_loss: {RUN['val_loss'][k]:.4f}"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "segmentation.txt"))
    assert run.step_axis == "epoch" and run.frame.index.tolist() == list(range(1, 51))
    assert run.series("loss").round(4).tolist() == [round(v, 4) for v in RUN["loss"]]
    assert run.series("val_loss").iloc[-1] == round(RUN["val_loss"][-1], 4)


def test_darknet_iteration_lines_are_read_and_its_loader_times_left_out(tmp_path):
    # Darknet prints the loss, its running average and the LR before their names; none of its lines was
    # read, and the seconds its loader took ("Loaded: 0.000024 seconds") became the metric, failing check.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import WARMUP_HELD_TOO_HIGH_LOSS, write_darknet_console

    (run,) = read(write_darknet_console(tmp_path / "train.log"))
    assert run.frame.index.tolist() == list(range(1, 151))
    assert run.series("loss").tolist() == WARMUP_HELD_TOO_HIGH_LOSS
    assert run.role("lr") == "lr" and run.series("lr").iloc[-1] == 1.0 and run.role("batch_time") == "wall_time"
    assert not [c for c in run.frame.columns if c.lower().startswith("loaded")]
    assert run.series("avg_loss").iloc[1] == pytest.approx(0.9 * 1.4701 + 0.1 * 1.1408, abs=1e-6)


def test_a_count_opening_each_line_is_the_iteration_and_a_rank_label_is_not(tmp_path):
    # CatBoost opens each line with its iteration ("34:  learn: 0.9508  test: 0.8235 ..."): read as rows,
    # the steps were 0-11 for iterations 34-45. A launcher's rank label ("0: ", "1: ") goes back and forth.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import write_boosting_catboost

    lines = write_boosting_catboost(tmp_path / "catboost.log").read_text().splitlines()
    (run,) = read(write(tmp_path, "\n".join(lines[34:]) + "\n", "excerpt.log"))
    assert run.step_axis == "step" and run.frame.index[0] == 34 and run.frame.index[-1] == len(lines) - 1
    assert run.series("test").iloc[0] == float(lines[34].split("test: ")[1].split()[0])
    ranks = "".join(f"{rank}: step {10 * k} loss {2.3 / k:.4f}\n" for k in range(1, 30) for rank in range(4))
    (run,) = read(write(tmp_path, ranks, "ranks.log"))
    assert run.frame.index.tolist()[:3] == [10, 20, 30]


def test_mxnet_epochs_are_read_and_its_time_cost_is_bookkeeping(tmp_path):
    # MXNet writes its epoch as "Epoch[3]", which was no key: the records were numbered by row. Its
    # "Time cost=1.494", read as a loss named "cost", failed check with a runaway when a slower model's
    # epochs followed.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import ADAM_STEPLR, write_mxnet_console

    # Its "Epoch[3] Batch [200]" lines count batches within the epoch: read as the epoch alone, the five of
    # an epoch fell on one point ("logged again"); numbered across epochs, each is a step.
    (run,) = read(write_mxnet_console(tmp_path / "train.log"))
    assert run.step_axis == "step" and run.frame.index.tolist() == [500 * e + 100 * k for e in range(30)
                                                                     for k in range(1, 6)]
    assert len(run.series("cross-entropy")) == 150 and run.series("Epoch").iloc[-1] == 29
    assert run.series("Train-cross-entropy").round(6).tolist() == [round(v, 6) for v in ADAM_STEPLR["train_loss"]]
    assert run.series("Train-cross-entropy").index.tolist() == [500 * e + 500 for e in range(30)]
    assert run.role("Time cost") == "other" and "cost" not in run.frame.columns


def test_weights_restored_to_an_earlier_epoch_are_said(tmp_path):
    # EarlyStopping(restore_best_weights) stops at epoch 6 and puts back epoch 4's weights: the last values
    # logged are of weights the fit left behind, and the log said so only in a line read as no record.
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from small_runs import ADAM_STEPLR

    lines = []
    for epoch in range(1, 7):
        lines += [f"Epoch {epoch}/30", f"50/50 [==============================] - 2s 40ms/step - loss: "
                  f"{ADAM_STEPLR['train_loss'][epoch - 1]:.4f} - val_loss: {ADAM_STEPLR['val_loss'][epoch - 1]:.4f}"]
    lines += ["Epoch 6: early stopping", "Restoring model weights from the end of the best epoch: 4."]
    [run] = read(write(tmp_path, "\n".join(lines) + "\n", "fit.log"))
    assert run.frame.index.tolist() == [1, 2, 3, 4, 5, 6]
    assert run.warnings == ["Keras restored the weights of epoch 4 at the end (EarlyStopping's restore_best_weights): "
                            "the model kept is that epoch's, the values logged after it are of weights the fit left "
                            "behind"]


def test_fairseqs_legacy_console_counts_updates_and_keeps_the_epochs_summary_apart(tmp_path):
    # fairseq 0.6-0.9 (as pasted in its issues): "| epoch 009:   1000 / 2737 loss=6.220, ..., num_updates=22897"
    # per log interval, "| epoch 009 | loss 6.233 | ... | num_updates 24633" closing the epoch, then the validation.
    # The position in the epoch had been the step (steps ran to 1.9 million where updates reach 79,000), and the
    # epoch's average joined the intervals' loss; the 2017 console's validation progress joined it too.
    rng = np.random.default_rng(3)
    lines, updates = [], 0
    for epoch in range(8, 12):
        for i in (1000, 2000):
            lines.append(f"| epoch {epoch:03d}:   {i} / 2737 loss={rng.uniform(5, 6):.3f}, nll_loss=5.070, ppl=33.60, "
                         f"wps=12800, ups=4.7, num_updates={updates + i}, lr=0.0002, gnorm=1.242, clip=0%, oom=0, "
                         f"wall={4000 + updates // 5}, train_wall={3900 + updates // 5}")
        updates += 2737
        lines.append(f"| epoch {epoch:03d} | loss {rng.uniform(5, 6):.3f} | nll_loss 5.085 | ppl 33.94 | wps 12857 | "
                     f"num_updates {updates} | lr 0.0002 | gnorm 1.241 | clip 0% | oom 0 | wall 5195")
        lines.append(f"| epoch {epoch:03d} | valid on 'valid' subset | valid_loss {rng.uniform(5, 6):.5f} | "
                     f"valid_nll_loss 5.14732 | valid_ppl 35.44 | num_updates {updates} | best 6.37204")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    ends = [2737 * k for k in range(1, 5)]
    assert run.series("loss").index.tolist() == [2737 * k + i for k in range(4) for i in (1000, 2000)]
    assert run.series("train_loss").index.tolist() == ends == run.series("valid_loss").index.tolist()
    assert run.columns_with_role("lr") == ["lr", "train_lr"] and not any("numbered across" in w for w in run.warnings)

    old = []
    for epoch in (5, 6):
        old += [f"| epoch {epoch:03d}  {i} / 8223 loss=2.{i // 1000}0 (3.20), wps=959, lr=0.001, clip=100%, gnorm=2.7"
                for i in range(1000, 8001, 1000)]
        old += [f"| epoch {epoch:03d} | train loss 2.92 | train ppl 7.59 | lr 0.001000 | clip 100% | gnorm 2.6727",
                f"| epoch {epoch:03d} | valid on 'valid' subset  1000 / 1311 loss=9.72",
                f"| epoch {epoch:03d} | valid on 'valid' subset | valid loss 3.13 | valid ppl 8.78"]
    (run,) = read(write(tmp_path, "\n".join(old) + "\n", "old.log"))
    loss = run.series("loss")
    assert len(loss) == 16 and loss.max() < 3 and "subset" not in run.frame.columns
    assert len(run.series("train_gnorm")) == 2 and len(run.series("gnorm")) == 16


def test_caffes_test_net_outputs_are_the_held_out_curves_at_their_iteration(tmp_path):
    # Caffe's solver log: "Iteration 1000, Testing net (#0)", then a line per test output, "Test net output #1:
    # loss = 5.53 (* 1 = 5.53 loss)". Read line by line, the test loss replaced the training loss of its
    # iteration ("logged again ... the step column was written rounded") and no held-out curve was read.
    rng = np.random.default_rng(5)
    lines, train, test = [], {}, {}
    for it in range(0, 20001, 100):
        lr = 0.01 if it < 10000 else 0.001
        if it % 1000 == 0:
            test[it] = (round(0.2 + it / 1e5, 4), round(5.5 - it / 1e4, 4))
            lines += [f"I0509 19:00:41.120270 20669 solver.cpp:330] Iteration {it}, Testing net (#0)",
                      "I0509 19:00:47.120270 20679 data_layer.cpp:73] Restarting data prefetching from start.",
                      f"I0509 19:00:47.425755 20669 solver.cpp:397]     Test net output #0: accuracy = {test[it][0]}",
                      f"I0509 19:00:47.425858 20669 solver.cpp:397]     Test net output #1: loss = {test[it][1]} "
                      f"(* 1 = {test[it][1]} loss)"]
        train[it] = round(4.2 - it / 1e4 + rng.uniform(-0.1, 0.1), 5)
        lines += [f"I0509 19:00:48.917171 20669 solver.cpp:218] Iteration {it} (0.72954 iter/s, 138.6335s/100 iters)"
                  f", loss = {train[it]}",
                  f"I0509 19:00:48.917219 20669 solver.cpp:237]     Train net output #0: loss = {train[it]} "
                  f"(* 1 = {train[it]} loss)",
                  f"I0509 19:00:48.917232 20669 sgd_solver.cpp:105] Iteration {it}, lr = {lr}"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "caffe.log"))
    assert run.series("loss").to_dict() == train
    assert run.series("test_loss").to_dict() == {k: v[1] for k, v in test.items()}
    assert run.series("test_accuracy").to_dict() == {k: v[0] for k, v in test.items()}
    assert not any("logged again" in w for w in run.warnings), run.warnings


def test_tensorflow_estimators_evaluations_are_held_out_and_one_step_behind_is_no_resume(tmp_path):
    # TF1's Estimator logs "loss = 0.546, step = 6001 (2.231 sec)" and, after evaluating the checkpoint saved at
    # 6000, "Saving dict for global step 6000: accuracy = 0.75, global_step = 6000, loss = 0.36". The evaluation's
    # loss joined the training loss, and its step, one behind the line before, read as a resume: each
    # evaluation's training point was dropped, and the other evaluations with it.
    lines, train = [], {}
    for step in range(1, 6002, 100):
        train[step] = round(2.2 * step ** -0.1, 6)
        if step > 1:
            lines.append(f"INFO:tensorflow:global_step/sec: {44 + step / 1000:.4f}")
        lines.append(f"INFO:tensorflow:loss = {train[step]}, step = {step} (2.2 sec)")
        if step % 1000 == 1 and step > 1:
            lines += [f"INFO:tensorflow:Saving checkpoints for {step - 1} into /tmp/model/model.ckpt.",
                      "INFO:tensorflow:Calling model_fn.",
                      f"INFO:tensorflow:Saving dict for global step {step - 1}: accuracy = 0.{step // 1000}, "
                      f"global_step = {step - 1}, loss = {round(2.0 - step / 1e4, 4)}"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    assert run.series("loss").to_dict() == train
    assert run.series("eval_loss").index.tolist() == list(range(1000, 6001, 1000))
    assert run.series("eval_accuracy").tolist() == [k / 10 for k in range(1, 7)]
    assert not run.resumes


def test_ignites_iterations_count_across_epochs_and_its_results_lines_are_the_sets(tmp_path):
    # PyTorch-Ignite's examples print "Epoch[2] Iteration[120/469] Loss: 0.41" and after each epoch "Training
    # Results - Epoch: 2  Avg accuracy: 0.91 Avg loss: 0.30" and "Validation Results - ...". The iterations of an
    # epoch fell on one point, and the validation values replaced the training set's under bare names.
    lines = []
    for epoch in range(1, 6):
        lines += [f"Epoch[{epoch}] Iteration[{i}/469] Loss: {1.5 / (epoch + i / 469):.2f}" for i in range(10, 461, 10)]
        lines += [f"Training Results - Epoch: {epoch}  Avg accuracy: {0.7 + epoch / 100:.2f} Avg loss: "
                  f"{1.0 / epoch:.2f}",
                  f"Validation Results - Epoch: {epoch}  Avg accuracy: {0.8 + epoch / 100:.2f} Avg loss: "
                  f"{0.6 / epoch:.2f}"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "mnist.log"))
    assert run.series("Loss").index.tolist() == [469 * (e - 1) + i for e in range(1, 6) for i in range(10, 461, 10)]
    assert run.series("train_loss").tolist() == [round(1.0 / e, 2) for e in range(1, 6)]
    assert run.series("validation_loss").tolist() == [round(0.6 / e, 2) for e in range(1, 6)]
    assert run.series("validation_accuracy").index.tolist() == [469 * (e - 1) + 460 for e in range(1, 6)]


def test_clus_logging_writer_step_in_brackets_is_the_step(tmp_path):
    # CLU's LoggingWriter (JAX/Flax, T5X) behind absl's prefix: "I0301 10:06:40.123456 140012 logging_writer.py:48]
    # [6100] train/loss=3.81, train/learning_rate=0.0001". The bracketed step was not read: the records were
    # numbered by line, and a decay at update 6100 was said at "row 126". Its timings are bookkeeping.
    lines = []
    for step in range(100, 10001, 100):
        lines += [f"I0301 10:06:40.123456 140012 logging_writer.py:48] [{step}] train/loss={5 - step / 4000:.5f}, "
                  f"train/learning_rate={0.001 if step < 6100 else 0.0001}",
                  f"I0301 10:06:40.123999 140012 logging_writer.py:48] [{step}] timing/seconds={31 + step % 7 / 10}, "
                  f"timing/steps_per_second={3.2 + step % 3 / 10:.2f}"]
        if step % 1000 == 0:
            lines.append(f"I0301 10:06:41.000000 140012 logging_writer.py:48] [{step}] "
                         f"eval/loss={5.1 - step / 4000:.4f}")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    assert run.step_axis == "step" and run.series("train/loss").index.tolist() == list(range(100, 10001, 100))
    assert run.series("eval/loss").index.tolist() == list(range(1000, 10001, 1000))
    assert run.columns_with_role("metric") == ["train/loss", "eval/loss"], run.roles


def test_fairseqs_saved_checkpoint_line_holds_no_score_to_read(tmp_path):
    # fairseq >= 0.10 says as it saves each epoch's checkpoint "Saved checkpoint checkpoints/checkpoint13.pt (epoch 13
    # @ 13000 updates, score 6.541) (writing took 2.1 seconds)": the score is the validation loss its valid line
    # logged, and read as a score (higher is better) its improvement was an "instability".
    lines = []
    for epoch in range(1, 16):
        valid = 9.4 - 0.2 * epoch
        lines += [f"2021-03-01 10:01:00 | INFO | train_inner | epoch {epoch:03d}:    {k * 100} / 1000 "
                  f"loss={valid + 0.5:.3f}"
                  f", num_updates={(epoch - 1) * 1000 + k * 100}, lr=0.0005, gnorm=0.8" for k in range(1, 11)]
        lines += [f"2021-03-01 10:01:58 | INFO | valid | epoch {epoch:03d} | valid on 'valid' subset | "
                  f"loss {valid:.3f} | "
                  f"nll_loss {valid - 0.4:.3f} | num_updates {epoch * 1000}",
                  f"2021-03-01 10:01:58 | INFO | fairseq.checkpoint_utils | Saved checkpoint checkpoints/checkpoint"
                  f"{epoch}.pt (epoch {epoch} @ {epoch * 1000} updates, score {valid:.3f}) (writing took 2.1 seconds)"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    assert "score" not in run.frame.columns and "took" not in run.frame.columns
    assert run.series("valid_loss").index.tolist() == list(range(1000, 15001, 1000))


def test_an_optuna_studys_trial_lines_are_refused_as_no_training_log(tmp_path):
    # Optuna logs a line per trial: "Trial 5 finished with value: 0.45 and parameters: {'lr': 0.046, 'n_layers': 1}.
    # Best is trial 2 with value: 0.31.": the sampled lr was read as an LR schedule that "decayed" and "rose"
    # from trial to trial, n_layers analysed as a loss, and the objective itself lost.
    rng = np.random.default_rng(2)
    lines = ["[I 2023-05-01 10:00:00,000] A new study created in memory with name: no-name-1b2c"]
    lines += [f"[I 2023-05-01 10:0{k % 10}:00,000] Trial {k} finished with value: {rng.uniform(0.3, 0.5):.6f} and "
              f"parameters: {{'lr': {10 ** rng.uniform(-5, -1):.6g}, 'n_layers': {k % 3 + 1}}}. Best is trial 0 with "
              "value: 0.385924." for k in range(20)]
    with pytest.raises(CurvedocError, match="an Optuna study's trials"):
        read(write(tmp_path, "\n".join(lines) + "\n", "study.log"))


def test_espnet2s_trainer_lines_are_stepped_and_its_epoch_results_are_the_sets(tmp_path):
    # ESPnet2's trainer (as in its issues): "[gpu01:0/2] 2020-07-19 08:03:04,080 (trainer:464) INFO:
    # 3epoch:train:683-1364batch: iter_time=..., loss=37.5, acc=0.91, optim0_lr0=1e-3" per interval and "3epoch
    # results: [train] loss=..., [valid] loss=..., cer=..., [att_plot] time=..." per epoch. The records had no
    # step (numbered by line), the logger's source line was a metric "trainer", "Estimated time to finish: 29
    # hours" one called "finish", and the valid values a second block "loss_2".
    lines = []
    for e in range(1, 11):
        lines.append(f"[gpu01:0/2] 2020-07-19 08:01:00,000 (trainer:282) INFO: {e}/10epoch started. Estimated time "
                     f"to finish: {30 - e} hours")
        for a in range(1, 3411, 682):
            lines.append(f"[gpu01:0/2] 2020-07-19 08:01:04,080 (trainer:464) INFO: {e}epoch:train:{a}-{a + 681}"
                         f"batch: iter_time=9.908e-05, forward_time=0.134, loss={480 / e + a / 1e4:.3f}, "
                         f"acc={e / 20:.3f}, "
                         f"optim0_lr0={1e-3 if e < 6 else 1e-4:.3e}, train_time=1.8{a % 7}")
        lines.append(f"[gpu01:0/2] 2020-07-19 08:01:30,464 (trainer:328) INFO: {e}epoch results: [train] "
                     f"iter_time=1.2e-04, loss={480 / e:.3f}, acc={e / 20:.3f}, time=1 hour, 2 minutes and 1.19 "
                     "seconds, "
                     f"total_count={3410 * e}, [valid] loss={470 / e:.3f}, acc={e / 21:.3f}, cer={0.4 - e / 50:.3f}, "
                     f"time=2 minutes and 4.2 seconds, total_count={120 * e}, [att_plot] time=5.01 seconds, "
                     "total_count=0")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    assert run.series("loss").index.tolist() == [3410 * (e - 1) + a + 681 for e in range(1, 11)
                                                 for a in range(1, 3411, 682)]
    assert run.series("valid_loss").tolist() == [round(470 / e, 3) for e in range(1, 11)]
    ends = [3410 * e for e in range(1, 11)]
    assert run.series("train_loss").index.tolist() == run.series("valid_cer").index.tolist() == ends
    assert not {"trainer", "finish", "gpu01", "loss_2", "hour", "minutes"} & set(run.frame.columns)
    assert run.columns_with_role("lr")[0] == "optim0_lr0"
    assert set(run.columns_with_role("metric")) == {"loss", "acc", "train_loss", "train_acc", "valid_loss",
                                                    "valid_acc", "valid_cer"}, run.roles


def test_sockeyes_checkpoints_count_updates_and_its_timings_are_bookkeeping(tmp_path):
    # Sockeye (MXNet) logs "Epoch[0] Batch [50]\tSpeed: ..." between its checkpoints, "Checkpoint [3]\tUpdates=3000
    # Epoch=0 Samples=120000 Time-cost=790.1 Updates/sec=1.27" and "Checkpoint [3]\tTrain-perplexity=...". Its
    # updates are the step: numbering the batches within each epoch as steps too made two axes, and four of the
    # nine checkpoints were dropped as gone back over. Its time cost (read as a loss) and counts are bookkeeping.
    lines = []
    for c in range(1, 10):
        lines += [f"[2019-03-17:14:36:36:INFO:sockeye.training:__call__] Epoch[{(c - 1) // 3}] Batch "
                  f"[{(c - 1) % 3 * 1000 + b}]\tSpeed: {51 + b / 100:.2f} samples/sec {1930 + b / 10:.2f} tokens/sec "
                  f"1.28 updates/sec\tperplexity={300 - 20 * c - b / 100:.6f}\taccuracy={0.28 + c / 100:.6f}"
                  for b in range(50, 1001, 50)]
        lines += [f"[2019-03-17:14:40:00:INFO:sockeye.training:fit] Checkpoint [{c}]\tUpdates={1000 * c} "
                  f"Epoch={(c - 1) // 3} Samples={40000 * c} Time-cost={780 + c % 4:.3f} "
                  f"Updates/sec={1.26 + c % 3 / 100}",
                  f"[2019-03-17:14:40:00:INFO:sockeye.training:fit] Checkpoint [{c}]\tTrain-perplexity={280 - 20 * c}",
                  f"[2019-03-17:14:40:00:INFO:sockeye.training:fit] Checkpoint [{c}]\tValidation-perplexity="
                  f"{250 - 10 * c}"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "log"))
    assert run.series("Validation-perplexity").index.tolist() == list(range(1000, 9001, 1000))
    assert set(run.columns_with_role("metric")) == {"perplexity", "accuracy", "Train-perplexity",
                                                    "Validation-perplexity"}, run.roles


def test_nnunets_log_of_a_value_a_line_under_each_epoch_is_read_past_its_printed_plans(tmp_path):
    # nnU-Net v2's training_log: its plans printed as a dict, then per epoch "2024-04-23 12:00:00.711169: Epoch 12",
    # "...: Current learning rate: 0.00989", "...: train_loss -0.5912", "...: val_loss -0.6101", a value a line.
    # The one dict outnumbered the lines of several pairs (none): read as a dict log, it was "not a training log".
    lines = ["This is the configuration used by this training:", "Configuration name: 3d_fullres",
             " {'data_identifier': 'nnUNetPlans_3d_fullres', 'batch_size': 2, 'patch_size': [128, 128, 128]} ", ""]
    for e in range(40):
        at = f"2024-04-23 12:{e:02d}:00.711169: "
        lines += [at, at + f"Epoch {e}", at + f"Current learning rate: {0.01 * (1 - e / 1000) ** 0.9:.5f}",
                  at + f"train_loss {-0.45 - e / 100:.4f}", at + f"val_loss {-0.46 - e / 110:.4f}",
                  at + f"Epoch time: {60 + e % 5:.2f} s"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "training_log_2024_4_23_12_00_00.txt"))
    assert run.step_axis == "epoch" and run.series("train_loss").index.tolist() == list(range(40))
    assert run.series("val_loss").iloc[-1] == round(-0.46 - 39 / 110, 4)


def test_llama_factorys_trainer_log_is_stepped_by_current_steps(tmp_path):
    # LLaMA-Factory's trainer_log.jsonl: {"current_steps": 10, "total_steps": 3000, "loss": 3.23, "eval_loss": null,
    # "learning_rate": 5e-05, "epoch": 0.01, "percentage": 0.33, "elapsed_time": "0:00:59", ...}. Its steps were
    # not read (numbered by row: a decay at step 1500 said at 151) and current_steps and percentage were metrics.
    rows = [{"current_steps": s, "total_steps": 3000, "loss": round(3.2 * (s / 10) ** -0.2, 4), "eval_loss": None,
             "learning_rate": 5e-05 if s < 1500 else 5e-06, "epoch": s / 1000, "percentage": round(s / 30, 2),
             "elapsed_time": "0:00:59", "remaining_time": "4:54:01"} for s in range(10, 3001, 10)]
    (run,) = read(write(tmp_path, "".join(json.dumps(r) + "\n" for r in rows), "trainer_log.jsonl"))
    assert run.series("loss").index.tolist() == list(range(10, 3001, 10))
    assert run.columns_with_role("metric") == ["loss"], run.roles


def test_llama2cs_count_before_a_bar_is_the_step_and_yoloxs_logger_place_no_metric(tmp_path):
    # llama2.c prints "490 | loss 5.7543 | lr 4.900000e-05 | 8060.78ms | mfu 0.21%" and every 250 steps "step 500:
    # train loss 4.5, val loss 4.6": its lines, with no step of their own, fell on the evaluations' steps (12
    # points of 301). YOLOX's loguru lines name their place as "yolox.core.trainer:254 - ", read as a metric.
    lines = []
    for s in range(0, 1001, 10):
        if s % 250 == 0 and s:
            lines.append(f"step {s}: train loss {4.8 - s / 500:.4f}, val loss {4.9 - s / 500:.4f}")
        lines.append(f"{s} | loss {8.6 - s / 200:.4f} | lr {min(s, 500) * 1e-6:.6e} | 8060.78ms | mfu 0.2{s % 3}%")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    assert run.series("loss").index.tolist() == list(range(0, 1001, 10)) and len(run.series("val loss")) == 4
    lines = [f"2021-08-02 15:01:15 | INFO     | yolox.core.trainer:254 - epoch: {e}/10, iter: {i}/100, mem: 8760Mb, "
             f"iter_time: 0.479s, data_time: 0.239s, total_loss: {11.5 - e - i / 100:.1f}, iou_loss: 4.4, lr: 1.111e-05"
             for e in range(1, 11) for i in range(10, 101, 10)]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train_log.txt"))
    assert not any("yolox" in c for c in run.frame.columns) and len(run.series("total_loss")) == 100


def test_mindspores_loss_is_and_gpt_neoxs_validation_results_are_read(tmp_path):
    # MindSpore's LossMonitor prints "epoch: 1 step: 125, loss is 2.4921067": "is" is prose elsewhere, and the
    # loss was not read at all. GPT-NeoX's "validation results at iteration 500 | lm_loss value: 4.13" replaced
    # the training lm_loss of its iteration.
    lines = [f"epoch: {e} step: {s}, loss is {2.5 / (e + s / 1875):.7f}" for e in range(1, 11)
             for s in range(125, 1876, 125)]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    assert len(run.series("loss")) == 150
    lines = []
    for it in range(10, 3001, 10):
        lines.append(f" samples/sec: 93.878 | iteration {it:8d}/    3000 | elapsed time per iteration (ms): 1350.7 | "
                     f"learning rate: 6.000E-04 | lm_loss: {9 - it / 500:.6E} | loss scale: 65536.0 |")
        if it % 500 == 0:
            lines.append(f" validation results at iteration {it} | lm_loss value: {9.1 - it / 500:.6E} | "
                         f"lm_loss_ppl value: {2 ** (9.1 - it / 500):.6E} | ")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "neox.log"))
    assert len(run.series("lm_loss")) == 300 and run.series("lm_loss")[500] == 8.0
    assert run.series("validation_lm_loss").index.tolist() == list(range(500, 3001, 500))


def test_llm_cs_main_log_is_stepped_and_its_losses_named(tmp_path):
    # llm.c's main.log (and the GPT-2 speedrun scripts after it) writes "s:%d trl:%f" and "s:%d tel:%f": read as
    # pairs, "s" was a metric on the row number and the losses had names that say no direction.
    lines = []
    for s in range(0, 1500):
        if s % 100 == 0:
            lines.append(f"s:{s} tel:{10.8 - s / 200:.6f}")
        lines.append(f"s:{s} trl:{10.3 - s / 210:.6f}")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "main.log"))
    assert run.series("train_loss").index.tolist() == list(range(1500))
    assert run.series("val_loss").index.tolist() == list(range(0, 1500, 100))
    assert set(run.columns_with_role("metric")) == {"train_loss", "val_loss"}


def test_litgpts_line_holds_the_training_loss_and_the_last_validation_again(tmp_path):
    # LitGPT's fine-tuning console: "Epoch 1 | iter 600 step 150 | loss train: 1.062, val: 1.057 | iter time: 107.37
    # ms" and, at each evaluation, "iter 400: val loss 1.5520, val time: 4299.11 ms". The line's "val" repeats the
    # last evaluation: read, "train" and "val" were metrics of no direction, "val" 1,200 points of 4.
    lines, val = [], "n/a"
    for it in range(1, 1601):
        if it % 400 == 0:
            val = f"{1.6 - it / 2000:.3f}"
            lines.append(f"iter {it}: val loss {val}, val time: 4299.11 ms")
        lines.append(f"Epoch {1 + it // 400} | iter {it} step {(it + 3) // 4} | loss train: {3 - it / 800:.3f}, "
                     f"val: {val} | iter time: 107.37 ms")
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "finetune.log"))
    assert len(run.series("train_loss")) == 1600 and len(run.series("val loss")) == 4
    assert "val" not in run.frame.columns and "train" not in run.frame.columns


def test_paddleclas_intervals_are_steps_its_averages_the_sets_and_its_lr_is_read(tmp_path):
    # PaddleClas: "[Train][Epoch 3/120][Iter: 50/304]lr(PiecewiseDecay): 0.01000000, top1: 0.08803, loss: 1.55005,
    # batch_cost: 0.61860s, ..." per interval, "[Train][Epoch 3/120][Avg]..." and "[Eval][Epoch 3][Avg]..." per epoch,
    # the evaluation's progress lines between them. Those restarted the steps (read as eleven resumes) and joined the
    # training series, the LR was not read (its decay labelled an epoch boundary), and "[best metric: 0.75]" a metric.
    lines = []
    for e in range(1, 13):
        lr = 0.01 if e < 7 else 0.001
        lines += [f"[2024/07/31 09:00:32] ppcls INFO: [Train][Epoch {e}/120][Iter: {i}/304]lr(PiecewiseDecay): "
                  f"{lr:.8f}, top1: {0.5 + e / 30:.5f}, loss: {1.8 / e:.5f}, batch_cost: 0.61860s, "
                  "reader_cost: 0.12435, ips: 25.94530 samples/s, eta: 6:16:26" for i in range(0, 301, 50)]
        lines += [f"[2024/07/31 09:51:00] ppcls INFO: [Train][Epoch {e}/120][Avg]top1: {0.5 + e / 30:.5f}, "
                  f"loss: {1.8 / e:.5f}"]
        lines += [f"[2024/07/31 09:52:00] ppcls INFO: [Eval][Epoch {e}][Iter: {j}/50]loss: 9.99, top1: 0.01, "
                  "batch_cost: 0.31234s" for j in range(0, 50, 20)]
        lines += [f"[2024/07/31 09:52:59] ppcls INFO: [Eval][Epoch {e}][Avg]loss: {2.0 / e:.5f}, "
                  f"top1: {0.45 + e / 30:.5f}",
                  f"[2024/07/31 09:53:00] ppcls INFO: [Eval][Epoch {e}][best metric: {0.45 + e / 30:.5f}]"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "train.log"))
    assert run.series("loss").index.tolist() == [304 * (e - 1) + i for e in range(1, 13) for i in range(0, 301, 50)]
    assert run.series("loss").max() < 2
    assert run.series("eval_loss").index.tolist() == [304 * e - 4 for e in range(1, 13)]
    assert run.columns_with_role("lr") == ["lr"] and not run.resumes and "metric" not in run.frame.columns


def test_allennlps_training_and_validation_columns_are_two_sets(tmp_path):
    # AllenNLP logs after each epoch (as in its issues and tutorials) "Training |  Validation", then "loss |  0.190  |
    # 0.293" a metric a line, with its progress bars ("loss: 1.69 ||: 100%|###| 200/200") and "Peak CPU memory usage
    # MB: 757.584" above: the validation column replaced the training one under one name, and "MB" was a metric.
    at = "2019-02-01 00:29:07,229 - INFO - allennlp.training.trainer - "
    lines = []
    for e in range(20):
        train, val = 1.9 / (1 + e / 3), 1.7 / (1 + e / 4)
        lines += [at + f"Epoch {e}/19", at + f"Peak CPU memory usage MB: {757 + e:.3f}", at + "Training",
                  f"accuracy: {0.3 + e / 40:.4f}, loss: {train:.4f} ||: 100%|##########| 3593/3593 [71:00<00:00]",
                  at + "Validating", f"accuracy: {0.4 + e / 40:.4f}, loss: {val:.4f} ||: 100%|##########| 200/200",
                  at + "                  Training |  Validation",
                  at + f"accuracy      |     {0.3 + e / 40:.3f}  |     {0.4 + e / 40:.3f}",
                  at + f"cpu_memory_MB |   {757 + e:.3f}  |       N/A",
                  at + f"loss          |     {train:.3f}  |     {val:.3f}", at + "Epoch duration: 01:11:54"]
    (run,) = read(write(tmp_path, "\n".join(lines) + "\n", "stdout.log"))
    assert run.series("train_loss").round(3).tolist() == [round(1.9 / (1 + e / 3), 3) for e in range(20)]
    assert run.series("validation_loss").round(3).tolist() == [round(1.7 / (1 + e / 4), 3) for e in range(20)]
    assert set(run.columns_with_role("metric")) == {"train_accuracy", "train_loss", "validation_accuracy",
                                                    "validation_loss"}, run.roles


def test_a_keras_tuner_search_is_a_run_per_trial(tmp_path):
    # KerasTuner prints "Search: Running Trial #k", the trial's hyperparameters, its fit's "Epoch 1/10 ..." lines, then
    # "Trial k Complete [00h 00m 33s]", the objective and "Best val_accuracy So Far: 0.9". Read as one run, each
    # trial's epochs went back over the last's (two trials dropped as a resume's), and "Far", "Trial" and
    # "Complete" were series.
    lines = []
    for t, lr in enumerate((0.01, 0.001, 0.0001), 1):
        lines += ["", f"Search: Running Trial #{t}", "", "Value             |Best Value So Far |Hyperparameter",
                  f"{lr:<18}|0.01              |learning_rate", ""]
        for e in range(1, 11):
            lines += [f"Epoch {e}/10", f"1875/1875 [==============================] - 3s 1ms/step - loss: "
                      f"{t * 0.6 / e:.4f} - accuracy: {0.8 + e / 100:.4f} - val_loss: {t * 0.45 / e:.4f} - "
                      f"val_accuracy: {0.84 + e / 200:.4f}"]
        lines += ["", f"Trial {t} Complete [00h 00m 31s]", "val_accuracy: 0.9", "", "Best val_accuracy So Far: 0.9",
                  "Total elapsed time: 00h 01m 35s"]
    runs = read(write(tmp_path, "\n".join(lines) + "\n", "search.log"))
    assert [r.name for r in runs] == ["search trial 1", "search trial 2", "search trial 3"]
    for t, run in enumerate(runs, 1):
        assert run.series("loss").round(4).tolist() == [round(t * 0.6 / e, 4) for e in range(1, 11)]
        assert list(run.frame.columns) == ["loss", "accuracy", "val_loss", "val_accuracy"] and not run.resumes
