"""Issue #8's catalogue, the cases tests/test_hostile.py and tests/test_bad_input.py leave open.

Every input is generated here; each case asserts the exact behaviour. The CLI is
run in-process through ``curvedoc.cli.main`` (the entry point, with its one-line
error handler), so that property tests can afford many examples.
"""

import gzip
import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import curvedoc
from curvedoc.cli import main
from curvedoc.run import build_run


def run_main(*args, env=None) -> tuple[int, str, str]:
    """``curvedoc ARGS`` as the console script runs it: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["curvedoc", *map(str, args)]
    with redirect_stdout(out), redirect_stderr(err), mock.patch.object(sys, "argv", argv), \
            mock.patch.dict(os.environ, env or {}):
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return code, out.getvalue(), err.getvalue()


def assert_one_error_line(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("curvedoc: error: "), err
    for needle in needles:
        assert needle in lines[0], lines[0]


def loss_csv(n=60, header="step,loss", decay_at=None) -> str:
    rows = []
    for i in range(n):
        v = 2.0 / (1 + i) ** 0.5 * (0.5 if decay_at is not None and i >= decay_at else 1.0)
        rows.append(f"{i},{v:.6g}")
    return header + "\n" + "\n".join(rows) + "\n"


# --- a CSV cut mid-line, every way -------------------------------------------------------------------

def test_last_number_cut_short_is_not_read(tmp_path):
    # Cut inside the last value: the row has all its fields, but "0." was "0.31" when it was written.
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n0,0.9\n1,0.7\n2,0.")
    (run,) = curvedoc.read(path)
    assert run.series("loss").to_dict() == {0: 0.9, 1: 0.7}
    assert run.warnings == ["the last line has no line end, so its last value may be cut short (file still "
                            "being written?); skipped"]


@pytest.mark.parametrize("text,last", [
    ('"step","loss"\n"0","0.9"\n"1","0.7"', {1: 0.7}),  # W&B exports: quoted, no final line end; whole
    ("step,loss,note\n0,0.9,a\n1,0.7,", {1: 0.7}),  # cut on the separator: the empty cell is a gap, not a number
    ("step,loss\r\n0,0.9\n1,0.5\r2,0.7\r", {2: 0.7}),  # mixed line ends, the last a CR alone: a line end
])
def test_last_line_without_a_line_end_that_is_whole_is_kept(tmp_path, text, last):
    path = tmp_path / "log.csv"
    path.write_bytes(text.encode())
    (run,) = curvedoc.read(path)
    assert run.series("loss").iloc[-1:].to_dict() == last
    assert not any("last line" in w for w in run.warnings)


# --- cells ---------------------------------------------------------------------------------------------

NAN, INF, NEG_INF, GAP = "nan", "inf", "-inf", "gap"


@pytest.mark.parametrize("cell,expect", [
    ("NaN", NAN), ("nan", NAN), ("NAN", NAN), ("-nan", NAN), ("+nan", NAN),
    ("nan(ind)", NAN), ("-nan(ind)", NAN), ("1.#QNAN", NAN), ("1.#IND", NAN),  # C/C++ runtimes' NaN
    ("inf", INF), ("Inf", INF), ("+inf", INF), ("Infinity", INF), ("1.#INF", INF),
    ("-inf", NEG_INF), ("-Infinity", NEG_INF), ("-1.#INF", NEG_INF),
    ("", GAP), ("NA", GAP), ("N/A", GAP), ("None", GAP), ("null", GAP), ("NULL", GAP), ("<NA>", GAP),
])
def test_nan_inf_and_missing_spellings(tmp_path, cell, expect):
    """A logged NaN/inf is a value (a divergence); a missing-value spelling is a gap, and says nothing."""
    path = tmp_path / "log.csv"
    path.write_text(f"step,loss\n0,1.0\n1,{cell}\n2,0.5\n")
    (run,) = curvedoc.read(path)
    s = run.series("loss")
    assert run.warnings == []
    if expect == GAP:
        assert s.index.tolist() == [0, 2] and "loss" not in run.nan_steps
    elif expect == NAN:
        assert np.isnan(s[1]) and run.nan_steps["loss"].tolist() == [1]
    else:
        assert s[1] == (np.inf if expect == INF else -np.inf) and "loss" not in run.nan_steps


def test_a_word_in_a_number_column_is_a_gap_and_said(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n0,1.0\n1,#N/A\n2,0.5\n3,oops\n4,0.4\n")
    (run,) = curvedoc.read(path)
    assert run.series("loss").index.tolist() == [0, 2, 4]
    assert run.warnings == ["column 'loss': 2 non-numeric cells treated as not logged"]


def test_a_column_of_words_with_a_few_numbers_is_skipped_and_said(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss,flag,note\n0,0.5,True,a\n1,0.4,False,b\n2,0.3,True,3\n3,0.2,1,c\n")
    (run,) = curvedoc.read(path)
    assert list(run.frame.columns) == ["loss"]
    assert run.warnings == ["non-numeric column skipped: flag", "non-numeric column skipped: note"]


def test_huge_numbers(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n0,1e308\n1," + "9" * 400 + "\n2,-1e309\n3,0.5\n")
    (run,) = curvedoc.read(path)
    # The largest double is kept; past it, a number is an overflow: infinite, a logged value.
    assert run.series("loss").tolist() == [1e308, np.inf, -np.inf, 0.5]


# --- header ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("header,columns,warning", [
    ("step,loss,loss,loss", ["loss", "loss.1", "loss.2"],
     ["column name 'loss' appears 3 times: read as loss, loss.1, loss.2"]),
    # A header that already has loss.1: the repeat takes the next free name.
    ("step,loss,loss,loss.1", ["loss", "loss.2", "loss.1"],
     ["column name 'loss' appears 2 times: read as loss, loss.2"]),
    # Names that differ only in spaces are one name once stripped (this crashed the reader).
    ("step,loss , loss", ["loss", "loss.1"], ["column name 'loss' appears 2 times: read as loss, loss.1"]),
    ("step,step,loss", ["step.1", "loss"], ["column name 'step' appears 2 times: read as step, step.1"]),
])
def test_repeated_column_names_are_renamed_and_said(tmp_path, header, columns, warning):
    path = tmp_path / "log.csv"
    width = header.count(",") + 1
    path.write_text(header + "\n" + "".join(",".join([str(i)] + ["0.5"] * (width - 1)) + "\n" for i in range(3)))
    (run,) = curvedoc.read(path)
    assert list(run.frame.columns) == columns and run.frame.index.tolist() == [0, 1, 2]
    assert run.warnings == warning and run.name == tmp_path.name


@pytest.mark.parametrize("text,warnings", [
    ("step,loss\n0,0.5,\n1,0.4,\n2,0.3,\n", []),  # a separator ending each line: an empty field, nothing lost
    ("step,loss\n0,0.5,9\n1,0.4,9\n2,0.3,9\n", ["rows have more fields than the header (a separator at the end "
                                                  "of each line?): the fields past the header's last column were "
                                                  "skipped"]),
])
def test_rows_one_field_wider_than_the_header(tmp_path, text, warnings):
    # pandas would make the first column the index, shifting every name by one: loss read as the step.
    path = tmp_path / "log.csv"
    path.write_text(text)
    (run,) = curvedoc.read(path)
    assert run.step_axis == "step" and run.series("loss").to_dict() == {0: 0.5, 1: 0.4, 2: 0.3}
    assert run.warnings == warnings


@pytest.mark.parametrize("row", [
    lambda step, loss: f"{step:,},{loss:.4f}",  # the step with thousands separators: 1,000,2.1403
    lambda step, loss: f"{step},{loss:.4f}".replace(".", ","),  # decimal commas: 1000,2,1403
])
def test_numbers_split_at_their_commas_are_refused_not_read_in_part(tmp_path, row):
    # Read past the header's last column, "1,000,2.1403" was step 1 with a loss of 0 at every row, and
    # the run "learned nothing"; the warning blamed a separator closing each line.
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n" + "".join(row(1000 * k, 2.3 / k ** 0.3) + "\n" for k in range(1, 60)))
    code, _, err = run_main("analyze", path)
    assert_one_error_line(code, err, "every row fills more fields than the header names, as numbers written with a "
                                     "comma in them do (1,001.5 or 0,5)")


def test_whole_steps_written_as_floats_are_steps(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n0.0,0.5\n1.0,0.4\n2.0,0.3\n")
    (run,) = curvedoc.read(path)
    assert run.step_axis == "step" and run.frame.index.tolist() == [0, 1, 2] and run.warnings == []


# --- deeply nested JSON, in every reader that parses JSON ------------------------------------------------

DEEP = 100_000


@pytest.mark.parametrize("name,text,message", [
    ("trainer_state.json", '{"log_history": [{"step": 1, "loss": ' + "[" * DEEP + "]" * DEEP + "}]}",
     "nested too deeply to be a hf_trainer log"),
    ("wandb-history.jsonl", '{"_step": 0, "loss": ' + "[" * DEEP + "]" * DEEP + "}\n",
     "JSON nested too deeply to be a W&B history"),
    ("records.jsonl", '{"a": ' + '{"b": ' * DEEP + "1" + "}" * DEEP + "}\n",
     "JSON nested too deeply to be a training log"),
    ("scalars.json", "[[1.0, 1, " + "[" * DEEP + "]" * DEEP + "]]", "nested too deeply to be a tb_json log"),
])
def test_deeply_nested_json_is_one_line(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text)
    for command in ("info", "analyze"):
        code, _, err = run_main(command, path)
        assert_one_error_line(code, err, message)


# --- names from the log are printed literally ---------------------------------------------------------------

ESCAPE_NAME = "\x1b[31mred\x1b[0m [bold]loss[/bold]"


def test_escape_sequences_and_markup_printed_literally_by_every_renderer(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "log.csv").write_text(loss_csv(200, header=f'step,"{ESCAPE_NAME}"', decay_at=100))
    a, b = tmp_path / "a" / "log.csv", tmp_path / "b" / "log.csv"
    shown = "\\x1b[31mred\\x1b[0m[bold]loss[/bold]"  # escaped, markup as text; compared without whitespace
    for args in (["compare", a, b], ["compare", a, b, "--format", "md"], ["plot", a, "--width", "80"],
                 ["compare", a, b, "--plot"], ["analyze", a], ["analyze", a, "--format", "md"]):
        code, out, err = run_main(*args, env={"NO_COLOR": ""})
        assert code == 0, err
        assert "\x1b" not in out, args
        assert shown in "".join(out.split()), args
    # check: a failing rule's line names the metric, escaped.
    path = tmp_path / "diverged.csv"
    path.write_text(loss_csv(100, header=f'step,"{ESCAPE_NAME}"') + "100,nan\n101,nan\n")
    code, out, _ = run_main("check", path)
    assert code == 1 and "\x1b" not in out and shown in "".join(out.split())


def test_markdown_report_escapes_names_from_the_log_and_the_file_system(tmp_path):
    folder = tmp_path / "run\x1b[2J|x"
    folder.mkdir()
    path = folder / "log.csv"
    path.write_text(loss_csv(200, header=f'step,"{ESCAPE_NAME}|b"', decay_at=100))
    code, out, err = run_main("analyze", path, "--format", "md", env={"NO_COLOR": ""})
    assert code == 0, err
    assert "\x1b" not in out
    assert "run\\x1b[2J\\|x" in out  # the run is named after its folder; a pipe would split the cell
    table = [line for line in out.splitlines() if line.startswith("| ") and "red" in line]
    assert table and all("\\x1b[31mred\\x1b[0m [bold]loss[/bold]\\|b" in line for line in table)


# --- the report says what the reader did ------------------------------------------------------------------------

def test_resumed_run_and_skipped_line_are_in_every_report(tmp_path):
    path = tmp_path / "log.csv"
    body = "".join(f"{s},{1 / (1 + s):.4f}\n" for s in range(0, 100, 10))
    path.write_text("step,loss\n" + body + "".join(f"{s},{0.9 / (1 + s):.4f}\n" for s in range(50, 120, 10))
                    + "120,0.00")
    resumed = "steps go back to 50: later values kept, 5 points replaced"
    cut = "the last line has no line end, so its last value may be cut short"
    code, out, _ = run_main("analyze", path)
    assert code == 0 and f"warning: {resumed}" in out and cut in out
    code, out, _ = run_main("analyze", path, "--format", "json")
    warnings = json.loads(out)["runs"][0]["warnings"]
    assert warnings[0].startswith(cut) and warnings[1] == resumed
    code, out, _ = run_main("info", path)
    assert resumed in out


# --- invariants ----------------------------------------------------------------------------------------------------

def logs_of_every_kind(root: Path) -> dict[str, Path]:
    """One small log per reader family, with a decay to find."""
    csv_text = loss_csv(200, decay_at=100)
    paths = {"csv": root / "run.csv", "gz": root / "gz" / "run.csv.gz", "hf": root / "hf" / "trainer_state.json",
             "keras": root / "keras" / "training.log"}
    for p in paths.values():
        p.parent.mkdir(parents=True, exist_ok=True)
    paths["csv"].write_text(csv_text)
    paths["gz"].write_bytes(gzip.compress(csv_text.encode()))
    history = [{"step": i, "epoch": i / 20, "loss": 2.0 / (1 + i) ** 0.5 * (0.5 if i >= 100 else 1.0),
                "learning_rate": 0.1 if i < 100 else 0.01} for i in range(1, 200)]
    paths["hf"].write_text(json.dumps({"log_history": history, "global_step": 199}))
    paths["keras"].write_bytes(("epoch,loss,lr\r\n" + "".join(
        f"{i},{2.0 / (1 + i) ** 0.5 * (0.5 if i >= 25 else 1.0):.6f},{0.1 if i < 25 else 0.02}\r\n"
        for i in range(50))).encode())
    return paths


def snapshot(root: Path) -> dict:
    return {str(p.relative_to(root)): (p.read_bytes(), os.stat(p).st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_command_leaves_every_input_as_it_was(tmp_path):
    logs = logs_of_every_kind(tmp_path)
    before = snapshot(tmp_path)
    commands = []
    for p in logs.values():
        commands += [["info", p], ["info", p, "--format", "json"], ["analyze", p], ["analyze", p, "--format", "md"],
                     ["plot", p, "--width", "60", "--height", "15"], ["check", p],
                     ["watch", p, "--max-updates", "1", "--timeout", "0.5", "--interval", "0.1"]]
    commands += [["compare", logs["csv"], logs["gz"], logs["hf"]], ["compare", logs["csv"], logs["keras"], "--plot"],
                 ["analyze", tmp_path / "hf", "--format", "json"]]
    for args in commands:
        code, _, err = run_main(*args)
        assert code == 0 and err == "", (args, err)
    assert snapshot(tmp_path) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=600), st.text(max_size=600).map(str.encode)),
       name=st.sampled_from(["log.csv", "trainer_state.json", "wandb-history.jsonl", "training.log", "log.txt",
                             "metrics.csv", "events.out.tfevents.1.host", "run.csv.gz"]),
       command=st.sampled_from(["info", "analyze", "check"]))
def test_any_bytes_give_a_report_or_one_error_line(tmp_path_factory, data, name, command):
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)
    code, _, err = run_main(command, path)
    if code == 2:
        assert_one_error_line(code, err)
    else:
        assert code in (0, 1) and err.strip() == "", err  # 1: check found a problem
    assert path.read_bytes() == data


def frame_run(columns: dict, steps) -> list:
    return [build_run("run", "generated", "csv", pd.DataFrame(columns), np.asarray(steps))]


def noise_events(seed: int, n: int, level: float, noise: float, name: str) -> list:
    values = level * (1 + noise * np.random.default_rng(seed).standard_normal(n))
    (ra,) = curvedoc.analyze(frame_run({name: values}, np.arange(n)))
    return [(e.kind, e.step) for sa in ra.metrics for e in sa.events]


# Derandomized so that CI is repeatable; a wider search (600 random series of 8-400
# points) finds about one series in 600 that still gets an event.
@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(8, 4000), level=st.floats(1e-3, 1e3),
       noise=st.one_of(st.just(0.0), st.floats(1e-4, 0.3)),
       name=st.sampled_from(["train_loss", "val_loss", "val_acc", "loss"]))
def test_a_constant_or_pure_noise_series_gives_no_transition(seed, n, level, noise, name):
    assert noise_events(seed, n, level, noise, name) == [], (seed, n, level, noise, name)


# Found by the property above (and a wider search: ~1% of Gaussian-noise series of
# 8-400 points gave an event): spikes against a 9-point local spread, and a lucky
# low point at the end read as a drop and a rise. Each must stay silent.
@pytest.mark.parametrize("seed,n,level,noise,name", [
    (1578185, 75, 10.0, 0.25, "val_acc"),  # spike down at step 73, a -2.2 robust-sd point, size 23 "noise"
    (1867509385, 79, 50.0, 0.25, "val_loss"),  # spike up at 37, size 24
    (2399457579, 57, 50.0, 0.1, "val_acc"),  # spikes down at 20 and 41
    (2751168595, 39, 50.0, 0.25, "train_loss"),  # drop at 36 then rise at 37
    (4712, 159, 1.0, 0.25, "val_acc"),  # two ordinary low epochs, 4-6 spreads of a lucky calm window: a run
])
def test_pure_noise_known_false_transitions(seed, n, level, noise, name):
    assert noise_events(seed, n, level, noise, name) == []


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(300, 2000), scale=st.floats(1e-4, 1e4),
       shift=st.integers(0, 10**6), stride=st.integers(1, 4),
       decays=st.lists(st.floats(0.2, 0.9), max_size=2))
def test_scaling_the_loss_or_shifting_the_steps_moves_nothing_but_the_numbers(seed, n, scale, shift, stride, decays):
    """Through the whole pipeline (reader frame, detection, schedule, labels): only steps and values move."""
    rng = np.random.default_rng(seed)
    steps = np.arange(n) * stride
    loss = 2.0 * (1 + np.arange(n) / (n / 20)) ** -0.5 * np.exp(rng.normal(0, 0.05, n))
    lr = np.full(n, 0.1)
    for at in sorted(decays):
        loss[int(at * n):] *= 0.5
        lr[int(at * n):] *= 0.1

    def events(shifted: int, factor: float):
        (ra,) = curvedoc.analyze(frame_run({"lr": lr, "train_loss": loss * factor}, steps + shifted))
        sa = ra.metrics[0]
        return ([(e.kind, e.label, e.step - shifted, round(e.confidence, 9), e.before / factor) for e in sa.events],
                [(s.start - shifted, s.end - shifted, s.plateau) for s in sa.stages])

    (base_events, base_stages), (moved_events, moved_stages) = events(0, 1.0), events(shift, scale)
    assert moved_stages == base_stages
    assert [e[:4] for e in moved_events] == [e[:4] for e in base_events]
    assert [e[4] for e in moved_events] == pytest.approx([e[4] for e in base_events], rel=1e-6)


# --- damaged gzip streams, oversized fields, a bad setting ---------------------------------------------

def test_a_gzip_whose_blocks_are_garbage_is_one_error_line(tmp_path):
    path = tmp_path / "metrics.csv.gz"
    # A valid gzip header followed by bytes that are no deflate stream (zlib.error, not OSError).
    path.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(7, 255, 3)) * 4)
    before = path.read_bytes()
    for command in ("info", "analyze", "check"):
        code, _, err = run_main(command, path)
        assert_one_error_line(code, err, str(path), "a damaged gzip stream")
    assert path.read_bytes() == before


def test_a_gzip_of_nothing_is_said_empty_not_whitespace(tmp_path):
    path = tmp_path / "metrics.csv.gz"
    path.write_bytes(gzip.compress(b""))
    for command in ("info", "analyze", "check"):
        code, _, err = run_main(command, path)
        assert_one_error_line(code, err, str(path), "empty once decompressed")


def test_a_last_line_past_the_csv_field_limit_is_dropped_as_cut(tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text(loss_csv(40) + "40," + "9" * 200_000)  # no line end: still being written
    (run,) = curvedoc.read(path)
    assert len(run.series("loss")) == 40
    assert any("last line" in w for w in run.warnings)
    path.write_text("step,loss\n1," + "9" * 200_000)
    code, _, err = run_main("info", path)
    assert_one_error_line(code, err, str(path))


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5"])
def test_a_bad_inflate_limit_setting_is_one_error_line(tmp_path, value):
    path = tmp_path / "metrics.csv.gz"
    path.write_bytes(gzip.compress(loss_csv().encode()))
    code, _, err = run_main("info", path, env={"CURVEDOC_MAX_INFLATED_MB": value})
    assert_one_error_line(code, err, "CURVEDOC_MAX_INFLATED_MB", repr(value))
    code, out, _ = run_main("info", path, env={"CURVEDOC_MAX_INFLATED_MB": "64"})
    assert code == 0 and "loss" in out


def test_a_log_with_no_metric_column_is_bad_input_for_every_analysis_command(tmp_path):
    # A W&B history that recorded only its own bookkeeping: a gate must not pass it.
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("".join(json.dumps({"_step": i, "_runtime": i, "_timestamp": 1.7e9 + i}) + "\n"
                            for i in range(100)))
    for command in ("analyze", "check", "plot"):
        code, _, err = run_main(command, path)
        assert_one_error_line(code, err, str(path), "no metric in the log", "_runtime (wall_time)")
    code, out, err = run_main("info", path)  # what was read is still shown
    assert code == 0 and "_timestamp" in out and not err


def test_values_near_the_float_limit_leave_stderr_clean(tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text("step,loss,other\n" + "".join(f"{i},{1e308 if i % 2 else 1e-308},1e400\n"
                                                     for i in range(200)))
    for command in ("info", "analyze"):
        code, out, err = run_main(command, path)
        assert code == 0 and out and err == ""


# --- found by a fuzz run over every format and command -------------------------------------------------

def test_plot_refuses_an_output_that_is_a_hard_link_to_the_log(tmp_path):
    log = tmp_path / "m.csv"
    log.write_text(loss_csv())
    before = log.read_bytes()
    link = tmp_path / "p.txt"
    os.link(log, link)
    code, _, err = run_main("plot", log, "-o", link)
    assert_one_error_line(code, err, "is an input log")
    assert log.read_bytes() == before


def test_a_symlink_loop_is_one_error_line_for_plot_and_check(tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    for args in (("plot", tmp_path / "a.csv", "-o", tmp_path / "out.txt"), ("check", tmp_path / "a.csv")):
        code, _, err = run_main(*args)
        assert_one_error_line(code, err, "a.csv", "symbolic links")


def test_a_log_whose_every_value_is_nan_is_not_passed(tmp_path):
    path = tmp_path / "nan.csv"
    path.write_text("step,loss\n" + "".join(f"{i},nan\n" for i in range(100)))
    for command in ("check", "analyze"):
        code, _, err = run_main(command, path)
        assert_one_error_line(code, err, "nan.csv", "no metric has a finite value")
    # One loss never finite beside a healthy one is no unreadable log: the log is judged, and that
    # loss fails no-divergence.
    path.write_text("step,loss,val_loss\n" + "".join(f"{i},{1 / (i + 1)},nan\n" for i in range(100)))
    code, out, err = run_main("check", path)
    assert code == 1 and err == "" and "val_loss: step 0: never finite — NaN at all 100 logged points" in out


def test_a_directory_nested_a_thousand_levels_is_one_error_line(tmp_path):
    deep = tmp_path / "deep"
    levels = [deep]
    for _ in range(1000):  # pathlib's own recursive mkdir would give up first
        levels.append(levels[-1] / "a")
    for level in levels:
        os.mkdir(level)
    try:
        code, _, err = run_main("info", deep)
        assert_one_error_line(code, err, "deep", "nested too deeply")
    finally:
        for level in reversed(levels):  # pytest's recursive clean-up would hit the same limit
            os.rmdir(level)


def test_a_csv_whose_only_row_has_no_line_end_says_so(tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text("step,loss\n1,0.5")  # the row may still be being written
    code, _, err = run_main("info", path)
    assert_one_error_line(code, err, "no whole data row", "no line end")
    path.write_text("step,loss\n")
    code, _, err = run_main("info", path)
    assert_one_error_line(code, err, "header only, no data rows")


# --- histories on their side and pandas' JSON layouts, bent out of shape ---------------------------

@pytest.mark.parametrize("name, text, needle", [
    ("side.csv", ",0,1,2,3\nloss,1,2,3,4\nloss,5,6,7,8\n", "names 'loss' on more than one row"),
    ("side.csv", "step,0,1,2,3\nstep,5,6,7,8\nloss,1,0.5,0.3,0.2\n", "a row named 'step'"),
    ("side.csv", ",0,1,2,3\n", "header only"),
    ("h.json", json.dumps({"columns": [], "data": []}), "neither a list of records"),
    ("h.json", json.dumps({"1e30": {"loss": 1.0}, "2e30": {"loss": 0.5}}), "2^53"),
    ("h.json", json.dumps({"0": {}, "1": {}}), "no numeric column"),
])
def test_odd_sideways_tables_and_json_layouts_are_one_clear_line(tmp_path, name, text, needle):
    path = tmp_path / name
    path.write_text(text)
    for command in ("info", "analyze", "check"):
        assert_one_error_line(*run_main(command, path)[::2], needle)
    assert path.read_text() == text


# --- pickles, checkpoints, workbooks and other zips: named, never unpickled -----------------------

def _zip(names):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in names:
            archive.writestr(name, b"\x80\x04N.")  # pickle.dumps(None): would run nothing anyway
    return buf.getvalue()


def _tar(gz: bool) -> bytes:
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz" if gz else "w") as archive:
        data = loss_csv().encode()
        info = tarfile.TarInfo("run/metrics.csv")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.mark.parametrize("name, content, needle", [
    ("history.pkl", __import__("pickle").dumps({"loss": [2.0, 1.0]}, protocol=4), "a Python pickle"),
    ("history.pkl", __import__("pickle").dumps([2.0, 1.0], protocol=2), "never unpickles"),
    ("model.pt", _zip(["archive/data.pkl", "archive/version"]), "a PyTorch file"),
    ("history.xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"]), "an Excel workbook: save the sheet as CSV"),
    ("logs.zip", _zip(["run/metrics.csv"]), "unpack it"),
    ("logs.zip", b"PK\x03\x04 cut short", "cannot be read"),
    ("logs.tar", _tar(False), "a tar archive: unpack it (tar xf) and pass the log inside"),
    ("logs.tgz", _tar(True), "a tar archive: unpack it (tar xf) and pass the log inside"),
    # bzip2 and xz were "binary content, not a text log" beside gzip read and zip named.
    ("metrics.csv.bz2", __import__("bz2").compress(loss_csv().encode()),
     "a bzip2 compressed file: decompress it (bunzip2) and pass the log inside"),
    ("metrics.csv.xz", __import__("lzma").compress(loss_csv().encode()),
     "an xz compressed file: decompress it (unxz) and pass the log inside"),
])
def test_pickles_checkpoints_and_zips_are_named_and_never_unpickled(tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    with mock.patch("pickle.loads", side_effect=AssertionError("unpickled")), \
            mock.patch("pickle.load", side_effect=AssertionError("unpickled")):
        for command in ("info", "analyze", "check"):
            assert_one_error_line(*run_main(command, path)[::2], needle)
    assert path.read_bytes() == content
    # Beside a log in a folder, they are passed over.
    (tmp_path / "metrics.csv").write_text(loss_csv())
    code, out, _ = run_main("info", tmp_path)
    assert code == 0 and "metrics.csv" in out


# --- a third hostile round: files that are not what their names say -----------------------------------

@pytest.mark.parametrize("name, content, reason", [
    ("events.out.tfevents.1700000000.host.1.0", loss_csv(),
     "named as a TensorBoard event file, but it holds text: not an event file"),  # was a CRC failure at byte 0
    ("metrics.csv", "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body></body></html>\n",
     "a web page, not a log"),  # was "header only, no data rows"
    ("wandb-history.jsonl", '1\n2\n[3]\n"x"\nnull\n',
     "its first line is no JSON object: not a W&B history"),  # was "no numeric column besides the step"
])
def test_a_file_that_is_not_what_its_name_says_is_named_for_what_it_is(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content)
    for command in ("info", "analyze"):
        code, _, err = run_main(command, path)
        assert_one_error_line(code, err, f"{path}: {reason}")


@pytest.mark.parametrize("header,row,said", [
    ("step,loss,lr", "1.0D-03,2.5D-01", "columns 'loss', 'lr' hold text such as '1.0D-03' (a Fortran exponent: "
                                        "write it with E)"),
    ("epoch;val_loss", "high", "column 'val_loss' holds text such as 'high'"),
])
def test_a_table_of_text_cells_names_the_columns_and_a_cell(tmp_path, header, row, said):
    # Once read as a text log of no known pattern ("no line holds a training record").
    path = tmp_path / "metrics.csv"
    sep = header[len(header.split(",")[0].split(";")[0])]
    path.write_text(header + "\n" + "".join(f"{i}{sep}{row.replace(',', sep)}\n" for i in range(1, 400)))
    for command in ("info", "analyze", "check"):
        code, _, err = run_main(command, path)
        assert_one_error_line(code, err, f"{path}: no numeric column besides the step; {said}")


def test_a_file_whose_size_reads_zero_but_holds_text_is_read():
    # procfs (and some FUSE mounts) report size 0 for files with content: it was "the file is empty".
    code, out, err = run_main("info", "/proc/self/status")
    assert code == 0 and "VmRSS" in out and "empty" not in err
