"""Options and configurations a user can get wrong: one line on stderr and exit 2, never an
internal error, and never an input file overwritten.

Each case runs the real entry point (``curvedoc.cli.main``) in-process, as the
console script does.
"""

import hashlib
import inspect
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.text import Text

from curvedoc import cli
from realdata import REAL_LOGS

SAMPLE = Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv"


def run_main(monkeypatch, capsys, *args):
    monkeypatch.setattr("sys.argv", ["curvedoc", *map(str, args)])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


def one_error_line(code, err):
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1, (code, err)
    assert lines[0].startswith("curvedoc: error: "), lines[0]
    return lines[0]


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "log.csv"
    shutil.copy(SAMPLE, path)
    return path


@pytest.mark.parametrize("args, words", [
    (["analyze", "--format", "bogus", "LOG"], "--format"),
    (["analyze"], "Missing argument"),
    (["bogus"], "No such command"),
    (["analyze", "--jobs", "-1", "LOG"], "--jobs"),
    (["analyze", "--milestone-unit", "week", "LOG"], "--milestone-unit"),
])
def test_usage_errors_are_one_line(monkeypatch, capsys, log, args, words):
    code, _, err = run_main(monkeypatch, capsys, *[log if a == "LOG" else a for a in args])
    assert words in one_error_line(code, err)


def test_help_and_a_normal_run_keep_their_exit_codes(monkeypatch, capsys, log):
    code, out, _ = run_main(monkeypatch, capsys, "analyze", "--help")
    assert code == 0 and "--milestones" in out
    code, out, err = run_main(monkeypatch, capsys, "analyze", log)
    assert code == 0 and "lr_decay" in out and not err


@pytest.mark.parametrize("command", sorted(c.name or c.callback.__name__ for c in cli.app.registered_commands))
def test_help_shows_every_word_of_each_option_s_help(monkeypatch, capsys, command):
    # rich reads "[...]" in a help string as markup and drops it unsaid ("at each milestone ." lost its default)
    monkeypatch.setenv("COLUMNS", "400")
    code, out, _ = run_main(monkeypatch, capsys, command, "--help")
    shown = " ".join(re.sub(r"[│╭╮╰╯─]", " ", out).split())
    command_ = next(c for c in cli.app.registered_commands if (c.name or c.callback.__name__) == command)
    helps = [p.default.help for p in inspect.signature(command_.callback).parameters.values()
             if getattr(p.default, "help", None)]
    assert code == 0 and helps
    for text in helps:
        assert " ".join(text.split()) in shown, text


def test_each_command_s_summary_is_one_row_of_a_wide_help(monkeypatch, capsys):
    # rich keeps a docstring's line breaks: watch's summary broke mid-sentence onto a second row
    monkeypatch.setenv("COLUMNS", "400")
    code, out, _ = run_main(monkeypatch, capsys, "--help")
    panel = out[out.index("Commands"):]
    rows = [re.sub(r"[│╭╮╰╯─]", " ", line).split() for line in panel.splitlines()[1:]]
    names = sorted(c.name or c.callback.__name__ for c in cli.app.registered_commands)
    assert code == 0 and sorted(row[0] for row in rows if row) == names


def test_a_schedule_s_factor_in_json_is_the_factor_given(monkeypatch, capsys):
    # x0.1 at each milestone came out as 0.10000000000000002 (0.1 / 1.0 * 0.1 ... in binary).
    code, out, _ = run_main(monkeypatch, capsys, "analyze", SAMPLE, "--milestones", "12,24", "--milestone-unit",
                            "epoch", "--format", "json")
    factors = [c["factor"] for c in json.loads(out)["runs"][0]["schedule"]]
    assert code == 0 and factors == [0.1, 0.1]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_plot_never_writes_over_an_input_log(monkeypatch, capsys, log, tmp_path):
    before = sha(log)
    (tmp_path / "link.csv").symlink_to(log)
    folder = tmp_path / "run"
    folder.mkdir()
    shutil.copy(log, folder / "metrics.csv")
    for args in ([log, "--output", log], [tmp_path / "link.csv", "--output", log],
                 [log, "--output", tmp_path / "link.csv"], [folder, "--output", folder / "metrics.csv"]):
        code, _, err = run_main(monkeypatch, capsys, "plot", *args)
        assert "is an input log" in one_error_line(code, err)
    assert sha(log) == before and sha(folder / "metrics.csv") == before
    # A new file in the folder: the folder would then hold two logs and be refused next time.
    code, _, err = run_main(monkeypatch, capsys, "plot", folder, "--output", folder / "plot.txt")
    assert "inside an input folder" in one_error_line(code, err) and not (folder / "plot.txt").exists()
    code, _, _ = run_main(monkeypatch, capsys, "plot", folder, "--output", tmp_path / "plot.txt")
    assert code == 0 and "lr_decay" in (tmp_path / "plot.txt").read_text()


@pytest.mark.parametrize("config, words", [
    ("[rules.bogus]\nx = 1\n", "unknown rule 'bogus'"),
    ('[rules.final-metric]\nthresholds = ["loss <= 1.2.3"]\n', "thresholds"),
    ("[rules.required-metrics]\nmetrics = [{a = 1}]\n", "metric names"),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ('[tool.black]\nx = "caf\xe9"\n', "not UTF-8"),
    ("[rules.no-divergence]\nrunaway-factor = nan\n", "runaway-factor must be a number above 1"),
    ("[rules.no-divergence]\nrunaway-factor = 0.5\n", "runaway-factor"),
    ("[rules.no-long-plateau]\nmax-fraction = -0.5\n", "max-fraction"),
    ("[rules.no-long-plateau]\nmax-steps = -3\n", "max-steps"),
])
def test_check_config_mistakes_are_named(monkeypatch, capsys, log, tmp_path, config, words):
    path = tmp_path / "c.toml"
    path.write_bytes(config.encode("latin-1"))
    code, _, err = run_main(monkeypatch, capsys, "check", log, "--config", path)
    line = one_error_line(code, err)
    assert words in line and "c.toml" in line


@pytest.mark.parametrize("args, words", [
    (["--lr-schedule", "0.1@99999999999999999999"], "2^53"),
    (["--milestones", "99999999999999999999"], "2^53"),
    (["--milestones", "30", "--gamma", "nan"], "--gamma"),
    (["--milestones", "30", "--gamma", "inf"], "--gamma"),
    (["--lr-schedule", "0.1@0,0.01@0"], "two learning rates at one step"),
    (["--lr-schedule", "1e999@0"], "positive, finite numbers"),
    (["--milestones", "100,200", "--gamma", "1e308"], "past what a float holds"),
    (["--milestones", "100,200", "--gamma", "1e-300"], "past what a float holds"),
    (["--lr-schedule", "0.1@0,0.01@30,0.001@20"], "in order"),
    (["--milestones", ","], "no milestone"),
    (["--gamma", "-1"], "give the milestones too"),  # was ignored without a word
    (["--lr-schedule", "0.1@0,0.01@30", "--gamma", "0.5"], "give the milestones too"),
])
def test_schedule_options_out_of_range(monkeypatch, capsys, log, args, words):
    code, _, err = run_main(monkeypatch, capsys, "analyze", log, *args)
    assert words in one_error_line(code, err)


def test_a_given_schedule_beside_a_logged_lr_is_said_and_claims_nothing_before_it(monkeypatch, capsys, log):
    # The log decays its LR at step 2340; the user claims one at 3000. The drops at
    # the real decay are not read as caused by a change 600 steps after them.
    code, out, _ = run_main(monkeypatch, capsys, "analyze", log, "--milestones", "3000", "--format", "json")
    run = json.loads(out)["runs"][0]
    assert code == 0 and any("set aside" in w for w in run["warnings"])
    for m in run["metrics"]:
        for e in m["events"]:
            assert not (e["label"] == "lr_decay" and e["end_step"] < 3000), (m["name"], e["step"])


def test_values_past_float_range_for_their_scale_give_a_reading(monkeypatch, capsys, tmp_path, log):
    big = tmp_path / "big.csv"
    big.write_text("step,acc\n" + "".join(f"{i},{1e300 / (i + 1)}\n" for i in range(200)))
    code, out, _ = run_main(monkeypatch, capsys, "analyze", big)
    assert code == 0 and "cannot be analysed on a linear scale" in out
    tiny = tmp_path / "tiny.csv"  # denormal losses: logs 700 units from a normal run's
    tiny.write_text("step,loss\n" + "".join(f"{i},{1e-320 / (i + 1)}\n" for i in range(200)))
    code, out, err = run_main(monkeypatch, capsys, "compare", tiny, log)
    assert code == 0 and "a factor e^" in out and not err


@pytest.mark.parametrize("args, words", [
    (["--interval", "nan"], "--interval"), (["--interval", "inf"], "--interval"),
    (["--timeout", "nan"], "--timeout"), (["--max-updates", "0"], "--max-updates"),
    (["--timeout", "inf"], "--timeout must be a finite number of seconds"),
])
def test_watch_option_values(monkeypatch, capsys, log, args, words):
    code, _, err = run_main(monkeypatch, capsys, "watch", log, *args)
    assert words in one_error_line(code, err)


def test_watch_stops_after_its_checks_on_a_log_that_never_changes(monkeypatch, capsys, log, tmp_path):
    code, out, _ = run_main(monkeypatch, capsys, "watch", log, "--max-updates", "3", "--interval", "0.01")
    assert code == 0 and "lr_decay" in out
    # A log that never appeared: waited for, then bad input.
    code, out, err = run_main(monkeypatch, capsys, "watch", tmp_path / "none.csv", "--max-updates", "2",
                              "--interval", "0.01")
    assert "not there (yet)" in out
    assert "never appeared during the watch" in one_error_line(code, err)


@pytest.mark.parametrize("name, value", [
    ("COLUMNS", "0"),  # exported by a 0x0 pseudo-terminal (docker exec, some CI runners): the report was empty
    ("COLUMNS", "-5"), ("COLUMNS", "1"), ("COLUMNS", ""), ("COLUMNS", "abc"), ("COLUMNS", "80x"),
    ("COLUMNS", "\u00b2"), ("LINES", "\u00b2"),  # digits to str.isdigit(), not to int(): an internal error
])
def test_an_unusable_terminal_size_in_the_environment_is_ignored(monkeypatch, capsys, log, name, value):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    plain = {command: run_main(monkeypatch, capsys, command, log, log) for command in ("info", "analyze", "compare")}
    monkeypatch.setenv(name, value)
    for command, (code, out, err) in plain.items():
        assert code == 0 and len(out.splitlines()) > 3
        assert run_main(monkeypatch, capsys, command, log, log) == (code, out, err)


def test_on_a_terminal_an_unusable_columns_gives_way_to_the_terminal_s_width(monkeypatch):
    import fcntl
    import os
    import struct
    import termios

    from curvedoc.render.console import make_console

    leader, follower = os.openpty()
    with os.fdopen(leader, "rb"), os.fdopen(follower, "w") as terminal:
        monkeypatch.setenv("COLUMNS", "\u00b2")
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 97, 0, 0))  # rows, columns
        assert make_console(terminal).size == (97, 30)
        monkeypatch.setenv("COLUMNS", "0")
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 0, 0, 0, 0))  # a 0x0 pseudo-terminal
        assert make_console(terminal).width == 120
        monkeypatch.setenv("COLUMNS", "88")
        assert make_console(terminal).width == 88


def test_info_on_a_very_wide_log_lists_the_first_columns_and_says_how_many_more(monkeypatch, capsys, tmp_path):
    wide = tmp_path / "wide.csv"
    n = 3000
    wide.write_text("step," + ",".join(f"c{i}" for i in range(n)) + "\n"
                    + "".join(f"{s}," + ",".join(["0.5"] * n) + "\n" for s in range(3)))
    code, out, _ = run_main(monkeypatch, capsys, "info", wide)
    assert code == 0 and f"and {n - 200} more columns" in out
    code, out, _ = run_main(monkeypatch, capsys, "info", wide, "--format", "json")
    assert len(json.loads(out)["runs"][0]["metrics"]) == n


def test_a_broken_pyproject_of_another_tool_is_not_curvedoc_s_config(monkeypatch, capsys, log, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.black\nline-length = 100\n")
    code, out, _ = run_main(monkeypatch, capsys, "check", log)
    assert code == 0 and "all rules pass" in out
    (tmp_path / "pyproject.toml").write_text("[tool.curvedoc.rules.no-divergence\nrunaway-factor = 5\n")
    code, _, err = run_main(monkeypatch, capsys, "check", log)
    assert "pyproject.toml: invalid TOML" in one_error_line(code, err)
    # A [tool] key or a tool.curvedoc key that is no table: once an internal TypeError.
    (tmp_path / "pyproject.toml").write_text("[tool]\ncurvedoc = 5\n")
    code, _, err = run_main(monkeypatch, capsys, "check", log)
    assert "pyproject.toml: [tool.curvedoc] must be a table" in one_error_line(code, err)
    (tmp_path / "pyproject.toml").write_text('tool = "x"\n')
    code, out, _ = run_main(monkeypatch, capsys, "check", log)
    assert code == 0 and "all rules pass" in out
    (tmp_path / "pyproject.toml").unlink()
    # Notepad's byte-order mark before a valid file: once "Invalid statement (at line 1, column 1)".
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + b'[rules.final-metric]\nthresholds = ["train_loss < 1e-9"]\n')
    code, out, _ = run_main(monkeypatch, capsys, "check", log, "--config", bom)
    assert code == 1 and "final-metric" in out
    config = tmp_path / "c.toml"
    for bad in ("train_loss =< 1", "train_loss <= nan"):  # a NaN bound no value meets: it could only fail
        config.write_text(f'[rules.final-metric]\nthresholds = ["{bad}"]\n')
        code, _, err = run_main(monkeypatch, capsys, "check", log, "--config", config)
        assert f"threshold '{bad}'" in one_error_line(code, err)  # the threshold at fault, named


def test_compare_says_a_run_ended_in_nan(monkeypatch, capsys, tmp_path):
    rows = [f"{i},{2.0 / (1 + i) ** 0.5}" for i in range(200)]
    (tmp_path / "ok.csv").write_text("step,loss\n" + "\n".join(rows) + "\n")
    (tmp_path / "nan.csv").write_text("step,loss\n" + "\n".join(rows[:150] + [f"{i},nan" for i in range(150, 200)])
                                      + "\n")
    code, out, _ = run_main(monkeypatch, capsys, "compare", tmp_path / "ok.csv", tmp_path / "nan.csv",
                            "--format", "json")
    final = {r["run"]: (r["final"], r["final_at"]) for r in json.loads(out)["metrics"][0]["runs"]}
    assert code == 0 and final["nan"] == (None, 199) and final["ok"][1] == 199
    code, out, _ = run_main(monkeypatch, capsys, "compare", tmp_path / "ok.csv", tmp_path / "nan.csv")
    assert "nan at 199" in out and "at step 149" in out


def _spikes_and_report(monkeypatch, capsys, path, steps, name, values):
    """The log written as a CSV, the spikes its JSON report lists, and its text report."""
    import pandas as pd

    pd.DataFrame({"step": steps, name: values}).to_csv(path, index=False)
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--format", "json")
    assert code == 0
    spikes = [e for e in json.loads(out)["runs"][0]["metrics"][0]["events"] if e["kind"] == "spike"]
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path)
    assert code == 0
    return path, spikes, out


def test_a_flood_of_spikes_lists_the_tallest_and_counts_the_rest(monkeypatch, capsys, tmp_path):
    # An unstable per-step loss knocked up 3-10x by one bad batch at 30 places over 30,000
    # steps throws dozens of spikes. The text and Markdown reports list the 8 tallest and
    # count the others in one line; JSON lists every one.
    import numpy as np

    rng = np.random.default_rng(0)
    steps = np.arange(1, 30_001)
    loss = 2 * steps**-0.3 * np.exp(0.1 * rng.standard_normal(len(steps)))
    loss[rng.choice(np.arange(1000, 29_000, 50), 30, replace=False)] *= rng.uniform(3, 10, 30)
    path, spikes, out = _spikes_and_report(monkeypatch, capsys, tmp_path / "heavy.csv", steps, "loss", loss)
    assert len(spikes) > 20
    listed = [line for line in out.splitlines() if line.startswith("  step ") and " spike " in line]
    assert len(listed) == 8
    [count] = [line for line in out.splitlines() if line.startswith("  ... ")]
    assert f"{len(spikes) - 8} smaller spikes of loss not listed" in count and "--format json" in count
    tallest = sorted(spikes, key=lambda e: -abs(e["relative_change"]))[:8]
    assert sorted(int(line.split()[1]) for line in listed) == sorted(e["step"] for e in tallest)
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--format", "md")
    rows = [line for line in out.splitlines() if line.startswith("| ") and "| loss | spike " in line]
    assert len(rows) == 8 and f"{len(spikes) - 8} smaller spikes of loss not listed" in out
    # The plot marks and keys the same eight.
    code, out, _ = run_main(monkeypatch, capsys, "plot", path, "--width", "100", "--height", "24")
    key = [line for line in out.splitlines() if " spike " in line and "instability" in line]
    assert sorted(int(line.split()[2]) for line in key) == sorted(e["step"] for e in tallest)
    assert f"  ... {len(spikes) - 8} smaller spikes of loss not listed" in out
    # compare: the same eight, matched in both runs, and the rest counted.
    twin = tmp_path / "twin.csv"
    shutil.copy(path, twin)
    code, out, _ = run_main(monkeypatch, capsys, "compare", path, twin)
    both = [line for line in out.splitlines() if line.strip().startswith("both") and "(spike)" in line]
    assert sorted(int(line.split("step ")[1].split()[0]) for line in both) == sorted(e["step"] for e in tallest)
    assert f"{len(spikes) - 8} smaller spikes not listed" in out


def test_spikes_off_a_loss_logged_as_exactly_zero_are_listed_tallest_first(monkeypatch, capsys, tmp_path):
    # A memorised net under Lion logs a loss of exactly 0 on half its steps, and spikes off it now and
    # then. Every such spike's relative change is infinite: the first eight by step were listed, the
    # tallest (3.6 at the end of the run) counted among "smaller spikes ... (+888173% to +inf%)".
    import numpy as np

    rng = np.random.default_rng(1)
    steps = np.arange(1, 2501)
    loss = np.where(rng.random(len(steps)) < 0.5, 0.0, 10 ** rng.uniform(-9, -5, len(steps)))
    at = np.sort(rng.choice(np.arange(500, 2500, 20), 30, replace=False))
    heights = rng.uniform(0.05, 1.0, len(at))
    heights[-3:] = (3.6, 2.6, 3.1)  # the tallest come last
    loss[at - 1] = heights
    path, spikes, out = _spikes_and_report(monkeypatch, capsys, tmp_path / "lion.csv", steps, "train_loss", loss)
    assert len(spikes) > 8
    listed = sorted(int(line.split()[1]) for line in out.splitlines()
                    if line.startswith("  step ") and " spike " in line)
    tallest = sorted(e["step"] for e in sorted(spikes, key=lambda e: -(e["after"] - e["before"]))[:8])
    assert listed == tallest and {int(s) for s in at[-3:]} <= set(listed)
    [count] = [line for line in out.splitlines() if line.startswith("  ... ")]
    assert "inf%" not in count and re.search(r"not listed \(\+[\d.]+ to \+[\d.]+, steps", count), count
    # compare lists the same eight when both runs have them (ranked by relative change, all inf, it
    # listed the first eight by step).
    twin = tmp_path / "twin.csv"
    shutil.copy(path, twin)
    code, out, _ = run_main(monkeypatch, capsys, "compare", path, twin)
    both = [line for line in out.splitlines() if line.strip().startswith("both") and "(spike)" in line]
    assert code == 0 and sorted(int(line.split("step ")[1].split()[0]) for line in both) == tallest


def test_a_metric_whose_name_does_not_say_which_way_is_better_is_named_in_a_warning(monkeypatch, capsys, tmp_path):
    # "foo" halves at step 300: read as a loss by default, which the report must say, since a
    # score that halved would be bad news; --higher-is-better reads it the other way, unwarned.
    import numpy as np

    steps = np.arange(1, 501)
    foo = (1 + 2 * (steps / 20 + 1) ** -0.5) * np.where(steps >= 300, 0.5, 1.0)
    path = tmp_path / "run.csv"
    path.write_text("iteration,foo,val_loss\n" + "".join(
        f"{s},{v:.6g},{1 / s:.6g}\n" for s, v in zip(steps, foo)))
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--metric", "foo", "--format", "json")
    doc = json.loads(out)["runs"][0]
    assert code == 0 and doc["metrics"][0]["events"][0]["kind"] == "drop"
    [warning] = [w for w in doc["warnings"] if "which way is better" in w]
    assert warning.startswith("foo: ") and "val_loss" not in warning and "--higher-is-better" in warning
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--metric", "foo", "--higher-is-better",
                            "--format", "json")
    doc = json.loads(out)["runs"][0]
    assert not any("which way is better" in w for w in doc["warnings"])
    assert doc["metrics"][0]["events"][0]["direction"] == "down" and doc["metrics"][0]["higher_is_better"]
    # Both given, the last silently won and flipped every metric: refused.
    code, _, err = run_main(monkeypatch, capsys, "analyze", path, "--lower-is-better", "--higher-is-better")
    assert code == 2 and err.strip() == "curvedoc: error: give --higher-is-better or --lower-is-better, not both"


def test_metrics_left_out_by_default_are_named(monkeypatch, capsys, tmp_path):
    # By default only curves whose name says which way is better are analysed; the others
    # (here a weight norm) used to vanish from the report without a word.
    import numpy as np

    steps = np.arange(1, 301)
    path = tmp_path / "run.csv"
    path.write_text("step,loss,weight_norm\n" + "".join(f"{s},{1 / s:.6g},{1 + s / 300:.6g}\n" for s in steps))
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--format", "json")
    doc = json.loads(out)["runs"][0]
    assert code == 0 and [m["name"] for m in doc["metrics"]] == ["loss"]
    [warning] = [w for w in doc["warnings"] if "not analysed" in w]
    assert "weight_norm" in warning and "--metric" in warning


def test_info_says_which_way_each_metric_is_read(monkeypatch, capsys, tmp_path):
    path = tmp_path / "run.csv"
    path.write_text("step,foo,val_acc,train_loss,lr\n" + "".join(f"{s},{s % 7},{0.5 + s / 100},{1 / s},0.1\n"
                                                                  for s in range(1, 41)))
    code, out, _ = run_main(monkeypatch, capsys, "info", path, "--format", "json")
    better = {m["name"]: m["better"] for m in json.loads(out)["runs"][0]["metrics"]}
    assert code == 0 and better == {"foo": "?", "val_acc": "higher", "train_loss": "lower", "lr": None}
    code, out, _ = run_main(monkeypatch, capsys, "info", path)
    assert "better ?: the name says neither loss nor score" in out and "--metric" in out


def test_info_says_how_many_points_of_a_metric_are_not_finite(monkeypatch, capsys, tmp_path):
    # Three fp16 overflows logged as inf: the table's min and max are the finite values', and only the
    # JSON counted them.
    path = tmp_path / "run.csv"
    path.write_text("step,loss\n" + "".join(f"{s},{'inf' if s in (41, 111, 161) else 1 / s}\n" for s in range(1, 201)))
    code, out, _ = run_main(monkeypatch, capsys, "info", path)
    assert code == 0 and "  loss: 3 of its 200 points NaN or inf" in out


def test_a_metric_asked_for_that_the_log_holds_in_another_role_says_which(monkeypatch, capsys, tmp_path):
    log = tmp_path / "m.csv"
    log.write_text("step,lr,train_loss\n" + "".join(f"{i},0.1,{1 / (1 + i)}\n" for i in range(50)))
    for command in ("analyze", "plot"):
        code, _, err = run_main(monkeypatch, capsys, command, log, "--metric", "lr")
        assert one_error_line(code, err).endswith(
            "no metric named lr; lr is read as the learning rate, not a metric; the log's metrics: train_loss")


def test_a_metric_asked_for_beside_others_that_is_not_one_is_said(monkeypatch, capsys, tmp_path):
    # `--metric lr` alone is refused, with the reason; beside a metric the run has, `lr` (and a
    # name the log lacks) went unmentioned.
    log = tmp_path / "m.csv"
    log.write_text("step,lr,train_loss\n" + "".join(f"{i},0.1,{1 / (1 + i)}\n" for i in range(50)))
    code, out, _ = run_main(monkeypatch, capsys, "analyze", log, "--metric", "lr", "--metric", "train_loss",
                            "--metric", "val_los")
    assert code == 0
    assert "warning: --metric lr: read as the learning rate, not a metric" in out
    assert "warning: --metric val_los: no such column in this run" in out
    code, out, _ = run_main(monkeypatch, capsys, "analyze", log, "--metric", "train_loss")
    assert code == 0 and "warning" not in out


def test_a_gradient_norm_named_with_metric_is_analysed_and_an_empty_name_is_quoted(monkeypatch, capsys, tmp_path):
    # `--metric grad_norm` was refused ("grad_norm is read as a gradient norm"), the one curve that moved.
    log = tmp_path / "m.csv"
    log.write_text("step,lr,train_loss,grad_norm\n" + "".join(
        f"{i},0.1,{1 / (1 + i)},{1.0 if i < 100 else 4.0}\n" for i in range(200)))
    code, out, _ = run_main(monkeypatch, capsys, "analyze", log, "--metric", "grad_norm", "--format", "json")
    [m] = json.loads(out)["runs"][0]["metrics"]
    assert code == 0 and m["name"] == "grad_norm" and [(e["kind"], e["step"]) for e in m["events"]] == [("rise", 100)]
    code, _, err = run_main(monkeypatch, capsys, "analyze", log, "--metric", "")
    assert one_error_line(code, err).startswith(f"curvedoc: error: {log}: no metric named ''; ")


def test_of_several_logs_the_one_lacking_the_metric_is_named(monkeypatch, capsys):
    # "no metric named train_loss; the log's metrics: ..." did not say which of the logs given it was.
    samples = Path(__file__).resolve().parents[1] / "sample_logs"
    code, _, err = run_main(monkeypatch, capsys, "analyze", samples / "mlp_step_decay", samples / "keras_reduce_lr",
                            "-m", "train_loss")
    assert one_error_line(code, err) == (f"curvedoc: error: {samples / 'keras_reduce_lr'}: no metric named train_loss; "
                                         "the log's metrics: loss, val_accuracy, val_loss")


def test_an_output_that_cannot_take_the_report_is_one_line_not_an_internal_error(tmp_path):
    # /dev/full, a closed standard output and an ASCII-only one each gave "internal error ... please report".
    import subprocess
    import sys

    base = [sys.executable, "-m", "curvedoc.cli"]
    with open("/dev/full", "w") as full:
        res = subprocess.run(base + ["info", str(SAMPLE)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert res.returncode == 2 and res.stderr.splitlines() == [
        "curvedoc: error: cannot write the output: No space left on device"]
    res = subprocess.run(base + ["analyze", str(SAMPLE)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, timeout=300, preexec_fn=lambda: __import__("os").close(1))
    assert res.returncode == 2 and res.stderr.splitlines() == ["curvedoc: error: standard output is closed"]
    res = subprocess.run(base + ["info", str(SAMPLE)], capture_output=True, timeout=300,
                         env={**__import__("os").environ, "PYTHONIOENCODING": "ascii"})
    assert res.returncode == 0 and res.stderr == b""
    assert b"156-6240" in res.stdout  # the step range's dash, as ASCII
    # A plot for an ASCII-only terminal: its frame and markers in ASCII, not a screen of \u2500 escapes.
    res = subprocess.run(base + ["plot", str(SAMPLE), "--width", "80", "--height", "20"], capture_output=True,
                         timeout=300, env={**__import__("os").environ, "PYTHONIOENCODING": "ascii"})
    assert res.returncode == 0 and res.stderr == b"" and b"\\u" not in res.stdout, res.stdout[:500]
    assert b"+-----" in res.stdout and b"|" in res.stdout


@pytest.mark.parametrize("toml, words", [
    ("[rules.no-instability]\nafter-step = inf\n", "after-step must be a whole number, got inf"),
    ("[rules.no-instability]\nafter-step = 1979-05-27T07:32:00Z\n", "after-step must be a whole number, got a date-time"),
    ('[rules.required-metrics]\nmetrics = [""]\n', 'metrics must be a list of metric names, got [""]'),
    ('[rules.required-metrics]\nmetrics = "loss"\n', 'metrics must be an array, got "loss"'),
])
def test_a_configuration_value_of_the_wrong_kind_is_quoted_as_toml_writes_it(monkeypatch, capsys, log, tmp_path, toml,
                                                                             words):
    # "must be a int, got inf", a Python datetime repr; an empty required metric failed the run (exit 1).
    config = tmp_path / "c.toml"
    config.write_text(toml)
    code, _, err = run_main(monkeypatch, capsys, "check", log, "--config", config)
    assert one_error_line(code, err).endswith(words)


def test_metrics_named_by_the_configuration_and_missing_say_where_they_were_named(monkeypatch, capsys, log, tmp_path):
    # The configuration's metrics are judged beside the others: one a log lacks is a note, naming where.
    (tmp_path / ".curvedoc.toml").write_text('metrics = ["nope"]\n')
    code, out, _ = run_main(monkeypatch, capsys, "check", log)
    assert code == 0 and f"metrics = [...] in {tmp_path / '.curvedoc.toml'} names 'nope', which is no metric " \
        "of this log" in out
    # One the log holds in another role is no metric to judge either: that went unsaid.
    (tmp_path / ".curvedoc.toml").write_text('metrics = ["lr"]\n')
    code, out, _ = run_main(monkeypatch, capsys, "check", log)
    assert code == 0 and "names 'lr', which this log reads as the learning rate, not a metric" in out, out


def test_a_file_name_that_is_not_utf8_gives_valid_json(tmp_path):
    # The name's bytes came through as lone surrogates ("\udcff"), which strict JSON readers
    # (serde_json, Go's) refuse; they are written as escapes of the bytes instead.
    import os
    import subprocess
    import sys

    name = os.fsdecode(b"m\xff\xfe.csv")
    (tmp_path / name).write_text("step,loss\n" + "".join(f"{s},{1 / s:.5f}\n" for s in range(1, 60)))
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", name, "--format", "json"],
                         cwd=tmp_path, capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr
    res.stdout.decode("utf-8")  # strict
    doc = json.loads(res.stdout)
    assert doc["runs"][0]["source"] == "m\\xff\\xfe.csv"


def test_a_sawtooth_at_epoch_starts_lists_its_largest_teeth_and_counts_the_rest(monkeypatch, capsys):
    # Whisper fine-tuned for 38 epochs: its training loss drops at nine epoch starts. One pattern,
    # not nine findings: the reports list the three largest teeth and count the others in a line.
    path = REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json"
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "-m", "loss", "--format", "json")
    teeth = [e for e in json.loads(out)["runs"][0]["metrics"][0]["events"] if e["label"] == "epoch_boundary"]
    assert code == 0 and len(teeth) > 3
    largest = sorted(e["step"] for e in sorted(teeth, key=lambda e: -abs(e["relative_change"]))[:3])
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "-m", "loss")
    listed = [int(line.split()[1]) for line in out.splitlines() if line.startswith("  step ")]
    assert listed == largest
    assert f"  ... {len(teeth) - 3} smaller drops at epoch starts of loss not listed" in out
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "-m", "loss", "--format", "md")
    assert f"{len(teeth) - 3} smaller drops at epoch starts of loss not listed" in out


def test_values_at_both_ends_of_the_float_range_are_plotted(monkeypatch, capsys, tmp_path, log):
    # A loss column gone to +-1e308 (an overflow written as the largest float): the plot's ticks
    # and canvas are scaled down and labelled with the values, on either scale and beside a normal run.
    wild = tmp_path / "wild.csv"
    wild.write_text("step,loss\n" + "".join(f"{i},{(-1) ** i * 1e308}\n" for i in range(300)))
    for args in (["plot", wild], ["plot", "--log-y", wild], ["analyze", "--plot", wild], ["compare", "--plot", wild, log]):
        code, out, err = run_main(monkeypatch, capsys, *args)
        assert code == 0 and not err, (args, err)
    code, out, _ = run_main(monkeypatch, capsys, "plot", wild)
    assert "1e308" in out and "-1e308" in out


def test_a_stage_of_values_near_the_float_maximum_has_a_finite_level(tmp_path):
    # The median of an even count averages its two middle values: for 9.7e307 and 9.8e307 the
    # sum overflowed, and the stage read "flat at inf".
    from curvedoc.analysis import analyze

    big = tmp_path / "big.csv"
    big.write_text("step,loss\n" + "".join(f"{i},{(1e308 - i * 1e303) if i < 150 else 1e306}\n" for i in range(300)))
    (ra,) = analyze(big)
    first = ra.metrics[0].stages[0]
    assert 9.5e307 < first.level < 1e308


def test_the_markdown_table_keeps_how_long_and_how_clear_a_move_was(monkeypatch, capsys, tmp_path):
    # The evidence column dropped the measured line whole: the width, the standard errors and the
    # curves that moved at the same step were in the text report only.
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(18)
    steps = np.arange(1, 601)
    drop = np.where(steps < 300, 1.0, 0.5)
    path = tmp_path / "run.csv"
    pd.DataFrame({"step": steps, "loss": drop * np.exp(rng.normal(0, 0.01, 600)),
                  "val_loss": 1.1 * drop * np.exp(rng.normal(0, 0.01, 600))}).to_csv(path, index=False)
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--format", "md")
    [row] = [line for line in out.splitlines() if line.startswith("| 300 |") and "| loss |" in line]
    evidence = row.rstrip(" |").rsplit("| ", 1)[1]
    assert code == 0 and evidence.startswith("over 1 step, ") and "standard errors; same step in val_loss" in evidence


def test_the_markdown_report_of_a_spike_to_inf_quotes_no_factor(monkeypatch, capsys, tmp_path):
    # A loss logged as inf for one step, then finite again (an fp16 overflow): the markdown report
    # stopped with an internal error, reading a factor of inf over the loss before it.
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(4)
    loss = 2.2 * np.arange(1, 301) ** -0.2 * np.exp(rng.normal(0, 0.02, 300))
    loss[150] = np.inf
    path = tmp_path / "run.csv"
    pd.DataFrame({"step": np.arange(300), "loss": loss}).to_csv(path, index=False)
    code, out, err = run_main(monkeypatch, capsys, "analyze", path, "--format", "md")
    [row] = [line for line in out.splitlines() if line.startswith("| 150 |")]
    assert code == 0 and err == "" and "| spike → inf | instability |" in row and "non-finite value (inf)" in row


@pytest.mark.parametrize("fmt, mark", [("text", "  note: "), ("md", "> note: ")])
def test_a_note_alike_for_several_metrics_is_said_once_naming_them(monkeypatch, capsys, tmp_path, fmt, mark):
    # A COCO evaluation's twelve statistics, each logged once, had made twelve note lines alike.
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "progress.csv"
    path.write_text("epoch,train/success_rate,test/success_rate,loss\n" + "".join(
        f"{e},{0.1 * e:.2f},{0.09 * e:.2f},{1 / (1 + e):.4f}\n" for e in range(5)))
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--format", fmt)
    notes = [line for line in out.splitlines() if line.startswith(mark)]
    assert code == 0 and notes == [f"{mark}train/success_rate, test/success_rate, loss: too few points to look for "
                                   "transitions in: 5 points, need at least 8"], out


def test_the_markdown_report_says_the_schedule_the_notes_and_the_stages_the_text_report_does(monkeypatch, capsys):
    # For a pull request: the Whisper fine-tune's md had no LR schedule, no word that eval_loss had too
    # few points to analyse, and a log counted in epochs had two identical epoch columns.
    code, out, _ = run_main(monkeypatch, capsys, "analyze", REAL_LOGS / "hf_whisper_ja_5k", "--format", "md")
    # The decay from the warmup's top, logged at 525 (9.953e-06, past the ramp's turn; 9.92e-06 at 500).
    assert code == 0 and "Schedule: lr from column learning_rate; warmup ends at 500; linear 525-5000." in out
    assert "> note: eval_loss, eval_wer: too few points to look for transitions in: 5 points, need at least 8" in out
    code, out, _ = run_main(monkeypatch, capsys, "analyze", REAL_LOGS / "wrn_cifar10_wrn40-4" / "log.txt",
                            "--format", "md")
    assert "Schedule: lr from column lr; decays at 60, 120, 160." in out
    assert "| epoch | metric | change |" in out and "| epoch | epoch |" not in out
    assert any(line.startswith("| 60 | test_acc | rise ") for line in out.splitlines())
    stages = [line for line in out.splitlines() if line.startswith("| loss | ")]
    assert [line.split(" | ")[2] for line in stages] == ["1-59", "60-119", "120-159", "160-200"]
    # A log with no epoch at all has no epoch column, empty on every row.
    code, out, _ = run_main(monkeypatch, capsys, "analyze", Path(__file__).resolve().parents[1] / "sample_logs" /
                            "cnn_step_decay_tb", "--format", "md")
    assert "| step | metric | change |" in out and "| 1398 | train/loss | drop " in out


@pytest.mark.parametrize("given, expected", [(None, "1"), ("3", "3")])
def test_the_command_line_runs_blas_on_one_thread_unless_the_user_chose(given, expected):
    # A BLAS thread pool slowed analyze of 10^6 rows twice over on a busy machine (benchmarks).
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    # Read by numpy's BLAS when numpy loads: the entry point must not have loaded it yet.
    code = ("import curvedoc.cli, os, sys; "
            "print(os.environ['OPENBLAS_NUM_THREADS'], 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == [expected, "False"]


@pytest.mark.parametrize("command", ["analyze", "check", "compare", "plot", "info", "watch"])
def test_an_empty_log_path_is_refused_not_read_as_the_current_folder(monkeypatch, capsys, tmp_path, command):
    # `curvedoc check "$LOG"` with LOG unset: "" became Path("."), and the gate judged whatever the
    # working folder held (a metrics.csv there passed).
    shutil.copy(REAL_LOGS / "lightning_yolov3_onecycle_v4" / "metrics.csv", tmp_path / "metrics.csv")
    monkeypatch.chdir(tmp_path)
    args = [command, ""] + ([""] if command == "compare" else [])
    code, _, err = run_main(monkeypatch, capsys, *args)
    assert one_error_line(code, err) == "curvedoc: error: an empty log path (an unset variable?): name a log file or folder"


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_info_never_cuts_a_number_to_fit_the_terminal(monkeypatch, capsys, columns):
    # At 80 columns the table shrank its columns and cut numbers: "8.88…" for 8.88e-06, "25–5…" for
    # steps 25-5000. Every value is printed whole: in the table when it fits, else a line per metric.
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run_main(monkeypatch, capsys, "info", REAL_LOGS / "hf_whisper_ja_5k", "--format", "json")
    [run] = json.loads(out)["runs"]
    code, out, _ = run_main(monkeypatch, capsys, "info", REAL_LOGS / "hf_whisper_ja_5k")
    assert code == 0 and "…" not in out
    assert all(len(line) <= columns for line in out.splitlines()[2:] if not line.startswith("  "))
    words = out.replace("=", " ").split()
    for m in run["metrics"]:
        assert m["name"] in words and f"{m['last']:.4g}" in words and f"{m['first_step']}–{m['last_step']}" in words


def test_explain_names_the_rules_that_found_nothing_too(monkeypatch, capsys):
    # A step decay with no LR column: --explain listed plateau_escape and saturation_recovery and said
    # nothing of lr_decay, so "why not an LR decay?" had no answer on the screen.
    monkeypatch.setenv("COLUMNS", "200")
    log = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "sd_teacher_csv_nolr" / "metrics.csv"
    code, out, _ = run_main(monkeypatch, capsys, "analyze", log, "--explain", "--metric", "train_loss")
    block = out[out.index("  step 1887 train_loss: drop"):].splitlines()
    assert code == 0 and block[1].startswith("    plateau_escape       0.60  ")
    assert "a step cut of the LR here would look the same" in block[1]
    [silent] = [line for line in block[1:5] if line.startswith("    no reading: ")]
    assert "lr_decay" in silent.split(": ")[1].split(", ") and "plateau_escape" not in silent


def test_explain_says_what_each_decay_with_no_event_moved(monkeypatch, capsys):
    # ReduceLROnPlateau cutting the LR x0.2 eight times (a real Keras run): the decays at epochs 22 and on
    # show no event, and --explain said nothing of them (a probe's mild x0.5 decay, -3.4% over 10,000
    # updates, the same: "the rules that found nothing" on the screen, no word on the decay).
    monkeypatch.setenv("COLUMNS", "200")
    log = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "rop_teacher_keras" / "training.log"
    code, out, _ = run_main(monkeypatch, capsys, "analyze", log, "--explain", "--metric", "loss")
    said = [line.strip() for line in out.splitlines() if line.startswith("  decay at ")]
    assert code == 0 and said[0].startswith("decay at 22: no event in loss; its median moved -9."), said
    assert said[0].endswith("across it (5 points before, 5 after), not told from its pace and noise")
    assert not any(line.startswith(("decay at 9:", "decay at 17:")) for line in said)  # found and labelled there


def test_explain_of_decays_beside_a_metric_never_finite_does_not_crash(monkeypatch, capsys, tmp_path):
    # The corpus's step-decay run with its validation accuracy never computed (nan on every row): saying
    # what each quiet decay moved read that metric's empty series and crashed with an IndexError.
    import pandas as pd

    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
    frame = pd.read_csv(corpus / "sd_teacher_csv" / "metrics.csv")
    frame["val_acc"] = float("nan")
    log = tmp_path / "metrics.csv"
    frame.to_csv(log, index=False, na_rep="nan")
    code, out, err = run_main(monkeypatch, capsys, "analyze", log, "--explain", "-m", "val_acc", "-m", "train_loss")
    assert code == 0 and "internal error" not in err, err
    assert "val_acc: never finite: non-finite at all 6240 logged points" in " ".join(out.split())


def test_a_wrapped_line_keeps_a_word_longer_than_the_line_whole(tmp_path):
    # Wrapping under its own text rejoined the wrapped lines with spaces: a path longer than the terminal
    # came out as ".../run_2024-12-05T16-10 -5 9/metrics.csv", which a user copying it could not open.
    from rich.console import Console

    from curvedoc.render.console import print_hanging

    buf = io.StringIO()
    long = "data/" + "experiment_" * 8 + "run_2024-12-05T16-10-59/metrics.csv"
    print_hanging(Console(file=buf, width=40, color_system=None), Text(f"{long}  [csv]  run x  20000 steps"), indent=2)
    lines = buf.getvalue().splitlines()
    assert lines[0] == long[:40] and all(line.startswith("  ") and line[2] != " " for line in lines[1:])
    assert "".join(line.strip() for line in lines).startswith(long + " ")
    assert "".join(buf.getvalue().split()) == long + "[csv]runx20000steps"
    assert all(len(line) <= 40 for line in lines)


def test_info_counts_wide_characters_as_the_cells_they_take(monkeypatch, capsys, tmp_path):
    # Metric names in CJK: the table was chosen at 81-96 columns by its length in characters, and rich
    # then shrank its columns and cut the numbers to "0.…".
    path = tmp_path / "run.csv"
    path.write_text("step,训练损失值,验证准确率值,学习率调度值\n" + "".join(
        f"{s},{1 / s:.6g},{0.5 + s / 1000:.6g},{1e-3 * 0.99 ** s:.6g}\n" for s in range(1, 301)))
    for columns in range(80, 100, 4):
        monkeypatch.setenv("COLUMNS", str(columns))
        code, out, _ = run_main(monkeypatch, capsys, "info", path)
        assert code == 0 and "…" not in out, (columns, out)


def test_a_long_warning_wraps_under_its_own_text(monkeypatch, capsys, tmp_path):
    # Warnings and notes were printed whole, and rich wrapped them at column 0 with trailing spaces.
    monkeypatch.setenv("COLUMNS", "60")
    path = tmp_path / "run.csv"
    names = ",".join(f"comment_column_number_{k}" for k in range(6))
    path.write_text(f"step,loss,{names}\n" + "".join(f"{s},{1 / s:.5f}," + ",".join(["text"] * 6) + "\n"
                                                      for s in range(1, 201)))
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path)
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  warning: non-numeric"))
    rest = [line for line in lines[start + 1:] if line.startswith(" ")][:1]
    assert code == 0 and rest and rest[0].startswith("           ") and all(not line.endswith(" ") for line in lines)


@pytest.mark.parametrize("format", ["text", "json"])
def test_info_with_one_unreadable_log_still_describes_the_others(monkeypatch, capsys, log, tmp_path, format):
    # The first log that failed took every other log's description with it: stdout was empty.
    empty, other = tmp_path / "empty.csv", tmp_path / "other.csv"
    empty.write_text("")
    shutil.copy(SAMPLE, other)
    code, out, err = run_main(monkeypatch, capsys, "info", log, empty, other, "--format", format)
    assert "empty.csv: the file is empty" in one_error_line(code, err)
    if format == "json":
        assert [r["source"] for r in json.loads(out)["runs"]] == [str(log), str(other)]
    else:
        assert str(log) in out and str(other) in out and "empty.csv" not in out
    code, out, err = run_main(monkeypatch, capsys, "info", empty, "--format", format)  # alone: its line only
    assert out == "" and "empty.csv: the file is empty" in one_error_line(code, err)


def test_an_error_with_stderr_full_or_closed_still_exits_2_and_leaves_stdout_alone(tmp_path):
    # `2>/dev/full`: printing the error line failed, and the interpreter exited 1 ("a check failed").
    # `2>&-`: print() fell back to stdout, and the error line stood where a JSON report was read.
    missing = tmp_path / "missing.csv"
    cmd = f'"{sys.executable}" -m curvedoc.cli analyze --format json "{missing}"'
    for redirect in ("2>/dev/full", "2>&-"):
        res = subprocess.run(["sh", "-c", f"{cmd} {redirect}"], capture_output=True, text=True, timeout=300)
        assert (res.returncode, res.stdout) == (2, ""), (redirect, res)


def test_a_second_iteration_counter_is_not_read_as_the_loss(monkeypatch, capsys, tmp_path):
    # A console in pytorch/examples' meter layout, stepped by "[5][1069/2266]", also prints the global
    # iteration ("Eit 12400") beside a loss no name gives a direction to ("Le") and stuck at 25.6: the
    # counter was analysed as a loss and led the summary; it is said as a counter and left out.
    lines = []
    for k in range(30):
        it = 12400 + 100 * k
        lines.append(f"2020-09-15 21:{k:02d}:17,981 Epoch: [{it // 2266}][{it % 2266}/2266]\tEit {it}  lr 0.0002  "
                     f"Le {25.6 + 1e-6 * (k % 3):.7f}\tTime {0.9 + 0.01 * (k % 4):.3f} (0.000)\t"
                     f"Data {0.038 + 0.001 * (k % 2):.3f} (0.000)")
    path = tmp_path / "train.log"
    path.write_text("\n".join(lines) + "\n")
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--format", "json")
    doc = json.loads(out)["runs"][0]
    assert code == 0 and "Eit" not in [m["name"] for m in doc["metrics"]] and "Le" in [m["name"] for m in doc["metrics"]]
    assert any(w.startswith("not analysed, whole numbers rising at every point (a counter): Eit")
               for w in doc["warnings"]), doc["warnings"]
    # Named, it is analysed.
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--metric", "Eit", "--format", "json")
    assert code == 0 and [m["name"] for m in json.loads(out)["runs"][0]["metrics"]] == ["Eit"]


def test_paddles_timings_and_throughput_are_no_metrics(tmp_path):
    # PaddleClas prints "batch_cost: 0.31 s, reader_cost: 0.002 s, ips: 210 images/sec" on every line:
    # analysed as losses (no name said otherwise), a slow batch was an instability.
    from curvedoc.readers import read

    lines = [f"[2021/01/08 15:{k // 60:02d}:{k % 60:02d}] epoch:{k // 10:<3d}, train step:{k * 10:<5d}, "
             f"loss: {2.3 * (1 + k) ** -0.3:.5f}, top1: {0.1 + 0.8 * k / 60:.5f}, lr: 0.100000, "
             f"batch_cost: {0.31 + (0.5 if k == 30 else 0.0):.5f} s, reader_cost: 0.00200 s, ips: 210.3 images/sec."
             for k in range(60)]
    path = tmp_path / "train.log"
    path.write_text("\n".join(lines) + "\n")
    (run,) = read(path)
    assert {c: run.role(c) for c in ("batch_cost", "reader_cost", "ips")} == dict.fromkeys(
        ("batch_cost", "reader_cost", "ips"), "other")
    assert set(run.columns_with_role("metric")) == {"loss", "top1"}


def test_a_short_log_finite_again_after_one_nan_did_not_diverge(monkeypatch, capsys, tmp_path):
    # A PPO fine-tune's console (ChatGLM-Efficient-Tuning): four printed dicts between progress bars, the second's
    # loss nan, the two after finite and falling. Read as a divergence at the nan (0.95), with the two later points
    # dropped; the run went on, as the same layout with twelve rows was read.
    rows = [(0.3290, -2.0304), ("nan", 5.7646), (0.2527, 1.2237), (0.1512, 10.7681)]
    path = tmp_path / "train.log"
    path.write_text("".join(f"{{'loss': {loss}, 'reward': {reward}, 'learning_rate': 5e-05}}\n"
                            f"  0%|          | 0/100 [00:00<?, ?it/s]\n" for loss, reward in rows))
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--format", "json")
    [loss] = [m for m in json.loads(out)["runs"][0]["metrics"] if m["name"] == "loss"]
    assert code == 0 and [(e["kind"], e["step"]) for e in loss["events"]] == [("spike", 1)], loss["events"]


def test_a_held_out_loss_nan_at_every_evaluation_is_said_never_finite(monkeypatch, capsys, tmp_path):
    # A GCN's pasted console, its validation loss nan at every epoch: the note said "5 non-finite points before
    # the first finite value skipped" of a series with no finite value, and "too few points ... 0 points".
    lines = []
    for epoch in range(16, 36):
        lines += [f"Train Epoch: {epoch} Loss: {0.36 - 0.001 * (epoch - 16):.8f}: 100% 2785/2785 [00:53<00:00]",
                  f"Valid Epoch: {epoch} Loss: nan: 100% 660/660 [00:04<00:00, 143.71it/s]"]
    path = tmp_path / "train.log"
    path.write_text("\n".join(lines) + "\n")
    code, out, _ = run_main(monkeypatch, capsys, "analyze", path, "--format", "json")
    [valid] = [m for m in json.loads(out)["runs"][0]["metrics"] if m["name"] == "valid_Loss"]
    assert code == 0 and valid["notes"] == ["never finite: non-finite at all 20 logged points"], valid["notes"]
    code, out, _ = run_main(monkeypatch, capsys, "check", path)
    assert code == 1 and "valid_Loss" in out and "never finite" in out, out


def test_a_batch_index_is_no_metric(tmp_path):
    # MXNet's Speedometer prints "Epoch[7] Batch [200]	Speed: 402.18 samples/sec	accuracy=0.581": the batch
    # within the epoch was a metric "Batch", named among those "the name does not say which way is better".
    from curvedoc.readers import read

    lines = [f"INFO:root:Epoch[{e}] Batch [{b}]\tSpeed: {400 + b % 7:.2f} samples/sec\taccuracy={0.5 + e / 40:.6f}"
             for e in range(10) for b in range(100, 501, 100)]
    path = tmp_path / "train.log"
    path.write_text("\n".join(lines) + "\n")
    (run,) = read(path)
    # Now the batch counts the steps across epochs: no column at all.
    assert "Batch" not in run.frame.columns and run.frame.index.tolist()[:6] == [100, 200, 300, 400, 500, 600]
    assert run.role("Speed") == "other" and run.columns_with_role("metric") == ["accuracy"]
