"""Hugging Face ``trainer_state.json``: real Whisper fine-tune and hand-made states."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from curvedoc.cli import app
from curvedoc.errors import CurvedocError
from curvedoc.readers import read, sniff

REAL_LOGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_logs"
WHISPER = REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json"
SUMMARY_KEYS = {"train_loss", "train_runtime", "train_samples_per_second", "train_steps_per_second",
                "total_flos"}


def state(log_history: list[dict], global_step: int = 0) -> dict:
    """A state as Trainer writes it (keys sorted, two-space indent)."""
    return {"best_metric": None, "epoch": 1.0, "global_step": global_step, "is_hyper_param_search": False,
            "log_history": log_history, "max_steps": global_step, "total_flos": 1.0, "trial_name": None}


def write_state(path: Path, log_history: list[dict], global_step: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state(log_history, global_step), indent=2, sort_keys=True))
    return path


def points_by_key(history: list[dict]) -> dict[str, dict[int, float]]:
    """Independent reading: every numeric key of every stepped entry, the summary entry's totals left out."""
    series: dict[str, dict[int, float]] = {}
    for entry in history:
        if "step" not in entry:
            continue
        summary = "train_runtime" in entry
        for key, value in entry.items():
            if key == "step" or (summary and key in SUMMARY_KEYS) or not isinstance(value, (int, float)):
                continue
            series.setdefault(key, {})[entry["step"]] = float(value)
    return series


def test_real_whisper_state_matches_the_json_module():
    history = json.loads(WHISPER.read_text())["log_history"]
    expected = points_by_key(history)
    assert sniff(WHISPER) == "hf_trainer"
    [run] = read(WHISPER)
    assert (run.name, run.format, run.step_axis) == ("hf_whisper_ja_5k", "hf_trainer", "step")
    assert sorted(run.frame.columns) == sorted(expected)
    for key, points in expected.items():
        series = run.series(key)
        assert series.index.tolist() == sorted(points), key
        np.testing.assert_array_equal(series.to_numpy(), [points[s] for s in sorted(points)])
    assert len(run.series("loss")) == sum("loss" in e for e in history) == 200
    assert len(run.series("eval_loss")) == sum("eval_loss" in e for e in history) == 5
    assert run.series("eval_loss").index.tolist() == [1000, 2000, 3000, 4000, 5000]
    assert SUMMARY_KEYS.isdisjoint(run.frame.columns)
    assert run.role("learning_rate") == "lr" and run.role("epoch") == "epoch"
    assert run.series("learning_rate").idxmax() == 525  # warm-up ends at 500; lr is logged after the step
    assert run.warnings == [] and run.resumes == []


def test_real_whisper_dir_and_cli_json():
    assert sniff(WHISPER.parent) == "hf_trainer"
    [run] = read(WHISPER.parent)
    assert run.source == str(WHISPER)
    result = CliRunner().invoke(app, ["info", str(WHISPER), "--format", "json"])
    assert result.exit_code == 0, result.output
    [described] = json.loads(result.stdout)["runs"]
    metrics = {m["name"]: m for m in described["metrics"]}
    assert metrics["loss"]["n_points"] == 200 and metrics["eval_wer"]["n_points"] == 5
    assert metrics["loss"]["last"] == 0.0002 and "train_loss" not in metrics


def test_train_and_eval_entries_merge_by_step_and_predict_entries_are_counted(tmp_path):
    history = [
        {"epoch": 0.5, "grad_norm": 3.1, "learning_rate": 1e-5, "loss": 2.0, "step": 10},
        {"epoch": 1.0, "grad_norm": 2.0, "learning_rate": 2e-5, "loss": 1.5, "step": 20},
        {"epoch": 1.0, "eval_loss": 1.7, "eval_accuracy": 0.4, "eval_runtime": 3.2, "step": 20},
        {"epoch": 1.5, "grad_norm": 1.0, "learning_rate": 1e-5, "loss": 1.2, "num_input_tokens_seen": 4096,
         "step": 30},
        {"epoch": 1.5, "step": 30, "total_flos": 1e15, "train_loss": 1.56, "train_runtime": 100.0,
         "train_samples_per_second": 3.2, "train_steps_per_second": 0.3},
        {"predict_loss": 1.3, "predict_runtime": 2.0},
        {"predict_accuracy": 0.5},
    ]
    [run] = read(write_state(tmp_path / "out" / "trainer_state.json", history, 30))
    assert run.frame.index.tolist() == [10, 20, 30]
    assert run.frame.loc[20, ["loss", "eval_loss", "eval_accuracy"]].tolist() == [1.5, 1.7, 0.4]
    assert run.role("grad_norm") == "grad_norm" and run.role("num_input_tokens_seen") == "other"
    assert SUMMARY_KEYS.isdisjoint(run.frame.columns)
    assert "2 log entries without a step (predict_* or other) skipped" in run.warnings
    assert run.name == "out"


def test_evaluations_appended_after_the_training_entries_are_interleaved_not_a_resume(tmp_path):
    # The sample run's log_history with its eval entries moved after all the training entries (put
    # together by hand, or evaluate() run on each checkpoint afterwards): their steps go back to the
    # first evaluation, and read as a resume they dropped every training point after it.
    sample = Path(__file__).resolve().parents[2] / "sample_logs" / "saturated_sigmoid_hf" / "trainer_state.json"
    state = json.loads(sample.read_text())
    history = state["log_history"]
    state["log_history"] = [e for e in history if "eval_loss" not in e] + [e for e in history if "eval_loss" in e]
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps(state))
    [original] = read(sample)
    [run] = read(path)
    for name in ("loss", "eval_loss"):
        assert run.series(name).dropna().equals(original.series(name).dropna()), name
    assert not run.resumes
    assert any("read in step order, no resume" in w for w in run.warnings)


def test_a_re_evaluation_after_training_ended_does_not_replace_the_last_evaluation(tmp_path):
    # load_best_model_at_end, then trainer.evaluate() and save_state(): the restored best checkpoint's score
    # is logged at the last step, after the end-of-training summary. Kept as that step's value, it erased
    # a held-out loss's 13% rise over the run's last evaluations.
    sample = Path(__file__).resolve().parents[2] / "sample_logs" / "saturated_sigmoid_hf" / "trainer_state.json"
    state = json.loads(sample.read_text())
    *training, summary = state["log_history"]
    last = {"epoch": 60.0, "eval_loss": 0.3131, "eval_accuracy": 0.9, "step": 2760}
    restored = {"epoch": 60.0, "eval_loss": state["best_metric"], "eval_accuracy": 0.93, "step": 2760}
    state["log_history"] = training + [last, summary, restored]
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps(state))
    [run] = read(path)
    assert run.series("eval_loss")[2760] == 0.3131 and run.series("eval_accuracy")[2760] == 0.9
    assert any(w.startswith("1 entry logged after the end-of-training summary (step 2760)") for w in run.warnings)


def test_bare_nan_and_infinity_tokens_are_logged_values(tmp_path):
    path = tmp_path / "trainer_state.json"
    path.write_text('{"global_step": 3, "log_history": [\n'
                    '{"loss": 1.0, "learning_rate": 0.001, "step": 1},\n'
                    '{"loss": NaN, "grad_norm": Infinity, "learning_rate": 0.001, "step": 2},\n'
                    '{"loss": NaN, "grad_norm": NaN, "learning_rate": 0.001, "step": 3}]}')
    [run] = read(path)
    assert run.nan_steps["loss"].tolist() == [2, 3]
    assert run.series("grad_norm")[2] == math.inf and run.nan_steps["grad_norm"].tolist() == [3]


def test_truncated_state_is_a_clear_error(tmp_path):
    full = json.dumps(state([{"loss": 1.0, "step": i} for i in range(1, 50)], 49), indent=2)
    path = tmp_path / "trainer_state.json"
    path.write_text(full[: len(full) // 2])
    with pytest.raises(CurvedocError, match=r"truncated JSON: .*written while training\?"):
        read(path)


def test_cli_truncated_state_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "trainer_state.json"
    path.write_text('{\n  "global_step": 20,\n  "log_history": [\n    {\n      "loss": 0.5,\n      "st')
    result = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "truncated JSON" in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize("content, message", [("", "the file is empty"), ("\n  \n", "the file holds only whitespace")])
def test_a_state_created_but_not_yet_written_is_called_empty(tmp_path, content, message):
    # The Trainer's output folder with its state file opened and nothing in it yet.
    (tmp_path / "trainer_state.json").write_text(content)
    with pytest.raises(CurvedocError, match=f"trainer_state.json: {message}$"):
        read(tmp_path)


def test_invalid_json_in_the_middle_is_not_called_truncated(tmp_path):
    path = tmp_path / "trainer_state.json"
    path.write_text('{"global_step": 1, "log_history": [{"loss": 1.0,, "step": 1}]}')
    with pytest.raises(CurvedocError, match="invalid JSON at line 1"):
        read(path)


def test_state_without_log_history_is_refused(tmp_path):
    path = tmp_path / "trainer_state.json"
    path.write_text('{"global_step": 1}')
    with pytest.raises(CurvedocError, match="log_history"):
        read(path)


def test_directory_of_checkpoints_prefers_the_largest_global_step(tmp_path):
    out = tmp_path / "whisper-out"
    write_state(out / "checkpoint-500" / "trainer_state.json", [{"loss": 2.0, "step": 500}], 500)
    write_state(out / "checkpoint-1500" / "trainer_state.json",
                [{"loss": 2.0, "step": 500}, {"loss": 1.0, "step": 1500}], 1500)
    write_state(out / "checkpoint-1000" / "trainer_state.json",
                [{"loss": 2.0, "step": 500}, {"loss": 1.5, "step": 1000}], 1000)
    assert sniff(out) == "hf_trainer"
    [run] = read(out)
    assert run.source == str(out / "checkpoint-1500" / "trainer_state.json")
    assert run.name == "whisper-out/checkpoint-1500"
    assert run.series("loss").tolist() == [2.0, 1.0]


def test_an_earlier_runs_checkpoint_that_went_further_is_left_out_and_named(tmp_path):
    # An output folder reused by a shorter run keeps the earlier run's checkpoint-500 (Trainer does
    # not delete it): read as the newest state for its step, it hid the fresh run without a word.
    import os

    out = tmp_path / "out"
    old = write_state(out / "checkpoint-500" / "trainer_state.json", [{"loss": 8.9, "step": 10}, {"loss": 4.0, "step": 500}],
                      500)
    os.utime(old, (1_600_000_000, 1_600_000_000))
    write_state(out / "trainer_state.json", [{"loss": 2.0, "step": 10}, {"loss": 1.0, "step": 300}], 300)
    [run] = read(out)
    assert run.source == str(out / "trainer_state.json") and run.series("loss").tolist() == [2.0, 1.0]
    assert run.warnings == ["checkpoint-500/trainer_state.json goes further (step 500) but was written before "
                            "trainer_state.json: an earlier run's, left out"]
    # Written in the order of their steps (one run's checkpoints), the furthest is read, as before.
    os.utime(old, None)
    [run] = read(out)
    assert run.source == str(old) and run.warnings == []


def test_a_downloaded_runs_furthest_checkpoint_is_read_whatever_its_files_time(tmp_path):
    # Checkpoints fetched from the Hub get their files' times in download order: checkpoint-1000's
    # state written before checkpoint-500's. Its history goes on from the other's word for word:
    # one run, read to step 1000 (half of it was left out as "an earlier run's").
    import os

    out = tmp_path / "downloaded"
    history = [{"loss": 3.0 / (1 + k), "learning_rate": 1e-4, "step": 10 * k} for k in range(1, 101)]
    further = write_state(out / "checkpoint-1000" / "trainer_state.json", history, 1000)
    write_state(out / "checkpoint-500" / "trainer_state.json", history[:50], 500)
    os.utime(further, (1_600_000_000, 1_600_000_000))
    [run] = read(out)
    assert run.source == str(further) and run.frame.index[-1] == 1000 and run.warnings == []


def test_checkpoints_named_by_hand_are_checkpoints_too(tmp_path):
    # checkpoint-best/ and checkpoint-final/: "no trainer_state.json here or in checkpoint-*/", which they are.
    out = tmp_path / "out"
    write_state(out / "checkpoint-best" / "trainer_state.json", [{"loss": 2.0, "step": 500}], 500)
    write_state(out / "checkpoint-final" / "trainer_state.json",
                [{"loss": 2.0, "step": 500}, {"loss": 1.0, "step": 900}], 900)
    [run] = read(out)
    assert run.name == "out/checkpoint-final" and run.series("loss").tolist() == [2.0, 1.0]


def test_a_newest_checkpoint_cut_while_saved_is_named_and_the_one_before_is_read(tmp_path):
    # The older checkpoint was read in silence, as if the run had stopped there.
    out = tmp_path / "out"
    write_state(out / "checkpoint-100" / "trainer_state.json", [{"loss": 2.0, "step": 50}, {"loss": 1.5, "step": 100}],
                100)
    cut = write_state(out / "checkpoint-200" / "trainer_state.json",
                      [{"loss": 2.0, "step": 50}, {"loss": 1.5, "step": 100}, {"loss": 1.0, "step": 200}], 200)
    cut.write_text(cut.read_text()[:300])
    [run] = read(out)
    assert run.source == str(out / "checkpoint-100" / "trainer_state.json") and len(run.series("loss")) == 2
    assert run.warnings == ["checkpoint-200/trainer_state.json not read: truncated JSON: the document ends at line "
                            "21 before it closes (written while training?); checkpoint-100/trainer_state.json is "
                            "read instead"]
    (out / "checkpoint-100" / "trainer_state.json").write_text("[]")
    with pytest.raises(CurvedocError, match=r"checkpoint-200/trainer_state.json: truncated JSON"):
        read(out)  # none reads: the newest one's reason


def test_output_dir_state_beats_older_checkpoints_and_tensorboard_pointers(tmp_path):
    out = tmp_path / "out"
    write_state(out / "checkpoint-100" / "trainer_state.json", [{"loss": 2.0, "step": 100}], 100)
    write_state(out / "trainer_state.json", [{"loss": 2.0, "step": 100}, {"loss": 1.0, "step": 200}], 200)
    runs_dir = out / "runs" / "Jan28_10-00-00_host"
    runs_dir.mkdir(parents=True)
    (runs_dir / "events.out.tfevents.1674974582.host.1.0").write_text(
        "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n")
    assert sniff(out) == "hf_trainer"
    [run] = read(out)
    assert run.source == str(out / "trainer_state.json") and len(run.series("loss")) == 2


def test_logs_beside_an_output_dirs_state_are_named_as_not_read(tmp_path):
    # A folder holding a Trainer's state and, beside it, a CSV and a console log of other runs: the
    # folder is read through the state, and the other two were dropped without a word (``check`` on
    # the folder passed logs it never judged). The Trainer's own JSON files are no logs to name.
    out = tmp_path / "out"
    write_state(out / "trainer_state.json", [{"loss": 2.0, "step": 100}, {"loss": 1.0, "step": 200}], 200)
    (out / "all_results.json").write_text('{"epoch": 3.0, "eval_loss": 0.5}')
    (out / "config.json").write_text('{"architectures": ["Model"], "hidden_size": 768}')
    (out / "metrics.csv").write_text("step,loss\n" + "".join(f"{i},{1 / i}\n" for i in range(1, 50)))
    (out / "train.log").write_text("".join(f"step {i}: loss {1 / i:.4f}\n" for i in range(1, 50)))
    [run] = read(out)
    assert run.source == str(out / "trainer_state.json")
    assert run.warnings == ["metrics.csv, train.log not read: logs beside the Trainer's trainer_state.json, which "
                            "the folder is read through (pass a file to read it)"]
    result = CliRunner().invoke(app, ["check", str(out)])
    assert "metrics.csv, train.log not read" in result.output


def test_merged_states_with_repeated_steps_say_so(tmp_path):
    history = [{"loss": 2.0, "step": 10}, {"loss": 1.8, "step": 20}, {"loss": 1.9, "step": 20},
               {"loss": 1.5, "step": 30}]
    [run] = read(write_state(tmp_path / "trainer_state.json", history, 30))
    assert run.series("loss").tolist() == [2.0, 1.9, 1.5]
    assert "1 points logged again at a step already logged with another value: last value kept (loss)" in run.warnings


def test_compact_state_under_another_name_is_sniffed(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state([{"loss": 1.0, "step": 1}, {"loss": 0.5, "step": 2}], 2)))
    assert sniff(path) == "hf_trainer"
    [run] = read(path)
    assert run.series("loss").tolist() == [1.0, 0.5]


def test_resumed_and_concatenated_history_keeps_the_later_attempt(tmp_path):
    history = [{"loss": 3.0, "step": 10}, {"loss": 2.0, "step": 20}, {"loss": 1.0, "step": 30},
               {"loss": 2.1, "step": 20}, {"loss": 1.1, "step": 30}]
    [run] = read(write_state(tmp_path / "trainer_state.json", history, 30))
    assert run.series("loss").tolist() == [3.0, 2.1, 1.1]
    assert [(r.step, r.replaced) for r in run.resumes] == [(20, 2)]


def test_a_history_without_whole_steps_says_which_way_its_steps_are_wrong(tmp_path):
    halves = [{"loss": 1.0 / k, "step": 10 * k + 0.5} for k in range(1, 20)]
    with pytest.raises(CurvedocError, match="the steps of log_history are fractional"):
        read(write_state(tmp_path / "a" / "trainer_state.json", halves))
    epochs_only = [{"loss": 1.0 / k, "epoch": k / 10} for k in range(1, 20)]
    with pytest.raises(CurvedocError, match="log_history has no entry with a step$"):
        read(write_state(tmp_path / "b" / "trainer_state.json", epochs_only))


def test_a_value_per_parameter_group_is_one_series_per_group(tmp_path):
    # "learning_rate": [0.1, 0.01] was dropped without a word, and the drop at the decay became a
    # plateau escape.
    history = [{"epoch": s / 100, "learning_rate": [0.1, 0.01] if s < 200 else [0.01, 0.001],
                "loss": (0.8 if s < 200 else 0.25) * (1 + 0.01 * (s % 30) / 10), "step": s} for s in range(10, 400, 10)]
    [run] = read(write_state(tmp_path / "trainer_state.json", history))
    assert run.columns_with_role("lr") == ["learning_rate/0", "learning_rate/1"]
    assert run.series("learning_rate/1").loc[200] == 0.001
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / "trainer_state.json"), "--format", "json"])
    out = json.loads(res.stdout)["runs"][0]
    [loss] = [m for m in out["metrics"] if m["name"] == "loss"]
    assert [(e["step"], e["label"]) for e in loss["events"]] == [(200, "lr_decay")]


def test_a_state_followed_by_nul_padding_reads_as_the_state(tmp_path):
    # A machine that went down after a save can leave the file's last blocks as NUL bytes. The
    # whole document is there; the NULs were taken for damage to its last line, "}", and the
    # complete file was refused as truncated.
    padded = tmp_path / "trainer_state.json"
    padded.write_bytes(WHISPER.read_bytes().rstrip() + b"\x00" * 2048)
    [run], [real] = read(padded), read(WHISPER)
    assert run.frame.equals(real.frame)
    # Cut mid-save and then padded, it is still a cut document.
    cut = tmp_path / "cut" / "trainer_state.json"
    cut.parent.mkdir()
    text = WHISPER.read_bytes()
    cut.write_bytes(text[: len(text) // 2] + b"\x00" * 2048)
    with pytest.raises(CurvedocError, match="truncated JSON"):
        read(cut)


@pytest.mark.parametrize("indent", [None, 2])
def test_a_state_followed_by_nul_bytes_and_stale_data_is_read_and_said(tmp_path, indent):
    # A crash mid-save left NUL bytes and stale bytes past the whole document: on one line it was
    # "binary content, not a text log", indented its last line was blanked and it was "truncated JSON".
    history = [{"step": 10 * i, "epoch": i / 30, "loss": 2.0 / i, "learning_rate": 1e-4} for i in range(1, 31)]
    path = tmp_path / "trainer_state.json"
    path.write_bytes(json.dumps(state(history, 300), indent=indent, sort_keys=True).encode()
                     + b"\x00" * 512 + b'": 0.25, "step": 3')
    [run] = read(path)
    assert run.series("loss").index.tolist() == list(range(10, 310, 10))
    assert run.warnings.count("the JSON document is followed by NUL bytes and other data (530 bytes), not read "
                              "(a write cut by a crash?)") == 1
    # What comes before the NULs is no whole document: still refused.
    path.write_bytes(json.dumps(state(history, 300), sort_keys=True)[:-40].encode() + b"\x00" * 512 + b"xyz")
    with pytest.raises(CurvedocError):
        read(path)


def test_boolean_values_among_a_series_numbers_are_counted_as_skipped(tmp_path):
    # A hand-written callback logging a flag under a metric's key: 12 of 30 losses vanished unsaid.
    history = [{"step": 10 * i, "epoch": i / 10, "loss": True if i % 5 < 2 else 2.0 / i, "is_best": i == 30}
               for i in range(1, 31)]
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"log_history": history, "global_step": 300}))
    [run] = read(path)
    assert len(run.series("loss")) == 18
    assert "12 non-numeric values of loss skipped" in run.warnings
    assert "is_best" not in run.frame.columns  # a key never numeric is no series, and not worth a line
    assert not any("is_best" in w for w in run.warnings)


def test_entries_and_values_that_are_no_numbers_are_said_for_what_they_are(tmp_path):
    # A callback logging {"value": ...} under "loss": the loss vanished without a word. An entry
    # that is a string was "without a step (predict_* or other)".
    history = [{"step": 10 * i, "loss": {"value": 2.0 / i} if i % 2 else 2.0 / i} for i in range(1, 31)]
    history.insert(10, "oops")
    # A step that is there but no whole number was "without a step"; a corrupt negative one lost its sign.
    history += [{"step": True, "loss": 0.1}, {"step": -2 ** 53, "loss": 0.1}]
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"log_history": history, "global_step": 300}))
    [run] = read(path)
    assert len(run.series("loss")) == 15
    assert run.warnings == ["1 log entry whose step is no whole number skipped",
                            "values that are objects, not numbers, skipped: 15 of loss",
                            "1 log entry that is no JSON object skipped",
                            "1 log entry whose step is past 2^53 (corrupt) skipped (the first: -9007199254740992)"]


def test_an_integer_loss_past_the_float_range_is_infinite_not_dropped(tmp_path):
    # JSON allows an integer of 401 digits; 1e400 read as inf (a blow-up said), the integer was
    # dropped without a word.
    entries = [{"step": s, "loss": 1.0 / s} for s in range(10, 410, 10)]
    entries[20]["loss"] = 10 ** 400
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"log_history": entries}))
    (run,) = read(path)
    loss = run.series("loss")
    assert len(loss) == 40 and math.isinf(loss.loc[210]) and loss.loc[210] > 0


def test_a_folder_whose_state_has_a_global_step_of_thousands_of_digits_is_named_as_the_file_is(tmp_path):
    # The folder's states were ordered by global_step, read with int() before the file's own check:
    # "ValueError: Exceeds the limit (4300 digits) for integer string conversion" in the error line.
    (tmp_path / "trainer_state.json").write_text(
        '{"global_step": ' + "9" * 5000 + ', "log_history": [{"step": 1, "loss": 1.0}]}')
    for given in (tmp_path, tmp_path / "trainer_state.json"):
        with pytest.raises(CurvedocError) as err:
            read(given)
        assert str(err.value).endswith("a number of thousands of digits: not a training log"), err.value
