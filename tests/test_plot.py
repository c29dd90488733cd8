"""`curvedoc plot` and `analyze --plot`: events marked where they are, sized as asked, plain text off a terminal."""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from curvedoc.analysis import analyze
from curvedoc.cli import app
from curvedoc.render.plot import Curve, Mark, plot_analysis, plot_overlay, reduce_minmax
from realdata import REAL_LOGS

WRN = REAL_LOGS / "wrn_cifar10_wrn40-4" / "log.txt"
YOLO_DIVERGED = REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv"
ANSI = re.compile(r"\x1b\[")


def invoke(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def canvas_rows(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if re.match(r"^\s*[\d.e-]*\s*[│┤]", ln)]


def column_of(tick_row: str, label: str) -> float:
    """Centre column of a tick label in the x-tick row."""
    m = re.search(rf"(?<![\d.]){re.escape(label)}(?![\d.])", tick_row)
    assert m, (label, tick_row)
    return (m.start() + m.end() - 1) / 2


def test_event_lines_and_labels_sit_at_the_event_steps():
    out = invoke("plot", WRN, "--width", 100, "--height", 30, "--lr")
    assert not ANSI.search(out)
    # WRN-40-4: the LR decays at epochs 60 and 120 and the train loss drops there.
    assert "1 lr_decay" in out and "2 lr_decay" in out
    assert re.search(r"^\s+1\s+epoch 60\s+loss\s+drop .* lr_decay", out, re.M)
    assert re.search(r"^\s+2\s+epoch 120\s+loss\s+drop .* lr_decay", out, re.M)
    lines = out.splitlines()
    ticks = next(ln for ln in lines if re.search(r"^\s+50\s+100\s+150\s+200\s*$", ln))
    c50, c100 = column_of(ticks, "50"), column_of(ticks, "100")
    expected = {60: c50 + (c100 - c50) * 10 / 50, 121: c50 + (c100 - c50) * 71 / 50}
    rows = canvas_rows(out)
    dotted = {i for row in rows for i, ch in enumerate(row) if ch == "┊"}
    for step, col in expected.items():
        assert any(abs(d - col) <= 1.0 for d in dotted), (step, col, sorted(dotted))
    # The label starts on its line.
    label_row = next(ln for ln in lines if "1 lr_decay" in ln)
    assert abs(label_row.index("1 lr_decay") - expected[60]) <= 1.0
    # LR panel below, on a log scale (0.1 -> 0.0008).
    assert "lr   (log y)" in out


def test_plot_fits_the_size_asked_for():
    for width, height in ((80, 24), (140, 40)):
        out = invoke("plot", WRN, "--width", width, "--height", height)
        lines = out.splitlines()
        plot_lines = lines[:lines.index("  events (dotted lines):")]
        assert len(plot_lines) <= height
        assert max(len(ln) for ln in plot_lines[1:]) == width  # the header line is the log's path
        assert max(len(ln) for ln in canvas_rows(out)) == width


def test_off_a_terminal_the_plot_takes_columns_and_lines_from_the_environment(monkeypatch):
    # `COLUMNS=60 curvedoc analyze --plot LOG > f`: the report above the plot was 60 wide, the plot 100.
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "20")
    out = invoke("plot", WRN)
    assert max(len(ln) for ln in canvas_rows(out)) == 60
    assert len(out.splitlines()[:out.splitlines().index("  events (dotted lines):")]) <= 20
    monkeypatch.setenv("COLUMNS", "wide")
    monkeypatch.delenv("LINES")
    assert max(len(ln) for ln in canvas_rows(invoke("plot", WRN))) == 100  # the default


@pytest.mark.parametrize("args", [["plot", REAL_LOGS / "grokking_modadd_muon", "--lr"],
                                  ["analyze", REAL_LOGS / "grokking_modadd_muon", "--plot"],
                                  ["compare", REAL_LOGS / "grokking_modadd_muon", REAL_LOGS / "grokking_modadd_adamw",
                                   "--plot"]])
def test_every_line_of_a_plot_fits_a_narrow_terminal(monkeypatch, args):
    # At 60 columns the chart was 60 wide, but its header (the log's path), the key of which glyph is which
    # curve and the event list ran to 124: a terminal wrapped them into the chart's rows.
    monkeypatch.setenv("COLUMNS", "60")
    out = invoke(*args)
    if args[0] == "compare":  # its table of two long run names runs past 60 rather than cut a number
        out = out[out.index("  train_loss: \u2580"):]
    assert max(len(line) for line in out.splitlines()) <= 60, [line for line in out.splitlines() if len(line) > 60]
    if args[0] == "plot":
        numbered = [int(m) for m in re.findall(r"^\s+(\d+)  step ", out, re.M)]
        assert numbered == list(range(1, len(numbered) + 1)) and len(numbered) > 10  # each event kept in the key
        assert "(median of every" in out and "(log y)" in out


def test_loss_is_log_scale_by_default_and_linear_on_request():
    assert "(log y)" in invoke("plot", WRN, "--width", 80, "--height", 20)
    assert "(log y)" not in invoke("plot", WRN, "--width", 80, "--height", 20, "--linear-y")
    acc = invoke("plot", WRN, "--metric", "test_acc", "--width", 80, "--height", 20)
    assert "(log y)" not in acc and "test_acc" in acc


def test_a_log_scale_asked_for_with_nothing_above_zero_says_it_is_linear(tmp_path):
    # A reward or a log-likelihood logged below 0 throughout: "--log-y" drew it linear, the title merely
    # without "(log y)".
    path = tmp_path / "metrics.csv"
    path.write_text("step,loss\n" + "".join(f"{i},{-1 - i / 60}\n" for i in range(1, 121)))
    (ra,) = analyze(path)
    text = plot_analysis(ra, log_y=True, width=80, height=20, color=False)
    assert "note: --log-y asked for, but no value is above 0: drawn on a linear scale" in text


def test_divergence_and_spikes_are_marked():
    out = invoke("plot", YOLO_DIVERGED, "--width", 100, "--height", 24, "--lr")
    assert re.search(r"step 4249\s+train_loss\s+divergence", out)
    assert re.search(r"step 599\s+train_loss\s+spike", out)
    assert "3 instability" in out or re.search(r"\b3\b", canvas_rows(out)[0])
    assert "lr-Adam" in out


def test_output_file_is_plain_text(tmp_path):
    target = tmp_path / "plot.txt"
    result = CliRunner().invoke(app, ["plot", str(WRN), "--output", str(target), "--width", "90", "--height", "25"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    text = target.read_text(encoding="utf-8")
    assert "1 lr_decay" in text and not ANSI.search(text)
    # A folder, or an empty name (the current folder): said so, not "cannot write: Is a directory".
    for given in (str(tmp_path), ""):
        res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", str(WRN), "-o", given],
                             capture_output=True, text=True, cwd=tmp_path, timeout=120)
        assert res.returncode == 2 and res.stderr.strip().endswith(
            "a folder: --output names the file to write (an empty name is the current folder)"), res.stderr
    # A name ending in a separator is a folder to be, not a file called "plots".
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", str(WRN), "-o", "plots/"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert res.returncode == 2 and res.stderr == (
        "curvedoc: error: plots/: names a folder: --output names the file to write\n"), res.stderr
    assert not (tmp_path / "plots").exists()


@pytest.mark.parametrize("size, message", [
    # Too small: it was drawn at the smallest size instead, whatever was asked.
    (["--width", "0"], r"--width must be 40 or more: a smaller plot leaves no room for the curve"),
    (["--width", "-5"], r"--width must be 40 or more: a smaller plot leaves no room for the curve"),
    (["--height", "7"], r"--height must be 8 or more: a smaller plot leaves no room for the curve"),
    # Too large: --height 10^8 aborted the process (exit 134, two lines of std::bad_alloc from the canvas).
    (["--height", "100000000"], r"--height must be 1000 or less: a larger plot is no terminal's"),
    (["--width", "10000000"], r"--width must be 2000 or less: a larger plot is no terminal's"),
    (["--height", "1001"], r"--height must be 1000 or less: a larger plot is no terminal's"),
])
def test_a_size_it_cannot_draw_is_refused_before_it_is_drawn(size, message):
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", str(WRN), *size], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr == f"curvedoc: error: {message}\n", res.stderr


def test_a_terminal_size_past_the_largest_plot_draws_the_largest():
    # LINES=100000 drew a canvas of 6.7 GB where --height 100000 is refused.
    from curvedoc.render.plot import MAX_HEIGHT, MAX_WIDTH

    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", str(WRN)], capture_output=True, text=True,
                         timeout=300, env={**os.environ, "LINES": "100000", "COLUMNS": "100000"})
    lines = res.stdout.splitlines()
    assert res.returncode == 0 and MAX_HEIGHT <= len(lines) <= MAX_HEIGHT + 10
    assert max(map(len, lines)) <= MAX_WIDTH


def test_colour_only_when_asked():
    ra = analyze(WRN)[0]
    assert not ANSI.search(plot_analysis(ra, width=80, height=20, color=False))
    assert ANSI.search(plot_analysis(ra, width=80, height=20, color=True))


def test_no_color_env_and_pipe_give_no_escape_codes():
    result = CliRunner().invoke(app, ["plot", str(WRN), "--width", "80", "--height", "20"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0 and not ANSI.search(result.output)


def test_names_from_the_log_are_printed_literally(tmp_path):
    log = tmp_path / "log.csv"
    rows = ["step,train\x1b[2Jloss"] + [f"{s},{2.0 if s < 50 else 1.0}" for s in range(100)]
    log.write_text("\n".join(rows) + "\n")
    out = invoke("plot", log, "--width", 80, "--height", 20)
    assert "\x1b" not in out
    assert "train\\x1b[2Jloss" in out


def test_million_points_keep_a_one_point_spike():
    n = 1_000_000
    x = np.arange(n)
    rng = np.random.default_rng(0)
    y = np.exp(-x / 3e5) + 0.05 * np.exp(rng.normal(0, 0.05, n))
    y[654_321] = 50.0
    xr, yr = reduce_minmax(x, y, 200)
    assert len(xr) <= 400
    assert yr.max() == 50.0 and 654_321 in xr
    assert np.all(np.diff(xr) > 0)
    # Every column keeps its lowest point too.
    assert yr.min() == y.min()
    # Plain subsampling to as many points would have lost it.
    assert y[:: n // 400].max() < 50
    text = plot_overlay([Curve("loss", x, y)], [Mark(654_321, "1 spike")], True, 100, 25)
    rows = canvas_rows(text)
    top = rows[1]  # the row under the label row holds the spike's tip
    assert any(ch != " " for ch in top[top.index("│") + 1:-1])


def test_analyze_plot_appends_the_plot():
    out = invoke("analyze", WRN, "--plot")
    report_end = out.index("events (dotted lines):")
    assert "lr_decay" in out[:report_end] and "summary:" in out[:report_end]
    assert "1 lr_decay" in out


def test_analyze_plot_in_markdown_is_fenced():
    out = invoke("analyze", WRN, "--plot", "--format", "md")
    assert "```text" in out and out.rstrip().endswith("```")


def test_unknown_metric_is_a_clear_error():
    from curvedoc.errors import CurvedocError

    result = CliRunner().invoke(app, ["plot", str(WRN), "--metric", "nope"])
    assert isinstance(result.exception, CurvedocError)


def test_a_log_of_several_runs_plots_those_with_the_metric_and_names_the_others(tmp_path):
    # `plot LOG --metric val_loss` where one of the log's runs logged no val_loss: exit 2, naming
    # that run and "the run has: " followed by nothing (analyze with the same arguments worked).
    steps = range(0, 400, 2)
    level = [1.0 if s < 200 else 0.3 for s in steps]
    rows = ["Step,a - val_loss,a - train_loss,b - train_loss"] + [
        f"{s},{1.2 * v * (1 + 0.3 / (1 + s)):.5g},{v * (1 + 0.3 / (1 + s)):.5g},{v * (1 + 0.2 / (1 + s)):.5g}"
        for s, v in zip(steps, level)]
    log = tmp_path / "panel.csv"
    log.write_text("\n".join(rows) + "\n")
    out = invoke("plot", log, "--metric", "val_loss", "--metric", "train_loss")
    assert len(re.findall(r"  run a\b", out)) == 1 and len(re.findall(r"  run b\b", out)) == 1
    assert out.rstrip().endswith("note: no val_loss in this run")
    out = invoke("plot", log, "--metric", "val_loss")
    assert canvas_rows(out) and out.rstrip().endswith("run b: not plotted, no val_loss; it has: train_loss")


@pytest.mark.parametrize("name", ["grokking_modadd_muon/addition_depth_1_muon_seed_0.csv",
                                  "hf_whisper_ja_5k/trainer_state.json",
                                  "wandb_panel_mia_sd/dtu-400-target-loss.csv",
                                  "tfevents_keras_swahili_asr"])
def test_real_logs_plot(name):
    out = invoke("plot", REAL_LOGS / name, "--width", 80, "--height", 24, "--lr")
    assert canvas_rows(out)
    assert not ANSI.search(out)


# ---------------------------------------------------------------- compare --plot


def decay_csv(path, columns: dict[str, tuple[float, float]], n=200):
    """Per-step columns that drop from the first level to the second halfway through."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [f"{i}," + ",".join(f"{(hi if i < n // 2 else lo) * (1 + 0.3 / (1 + i)):.6g}"
                                for hi, lo in columns.values()) for i in range(n)]
    path.write_text("step," + ",".join(columns) + "\n" + "\n".join(rows) + "\n")
    return path


def y_ticks(out: str) -> list[float]:
    return [float(m.group(1)) for m in re.finditer(r"^\s*([\d.]+(?:e[-+]?\d+)?)┤", out, re.M)]


def test_compare_plot_draws_each_runs_own_column(tmp_path):
    # Paired by the user across names; the other column of each run is far off, so plotting
    # it (or failing to find the pair's name, which neither log has) would show.
    a = decay_csv(tmp_path / "a" / "log.csv", {"loss": (2.0, 1.0), "val_loss": (500, 400)})
    b = decay_csv(tmp_path / "b" / "log.csv", {"loss": (900, 800), "val_loss": (1.9, 1.1)})
    out = invoke("compare", a, b, "--metric", "loss=val_loss", "--plot")
    assert "loss=val_loss: ▀ a   ⠒ b" in out
    ticks = y_ticks(out)
    assert ticks and 0.9 <= min(ticks) and max(ticks) <= 3, ticks


def test_compare_plot_of_runs_paired_by_role(tmp_path):
    a = decay_csv(tmp_path / "a" / "log.csv", {"train/loss": (2.0, 1.0)})
    b = decay_csv(tmp_path / "b" / "log.csv", {"loss": (20.0, 10.0)})
    out = invoke("compare", a, b, "--plot")
    assert "▀ a   ⠒ b" in out and "(a: train/loss, b: loss)" in out
    ticks = y_ticks(out)
    assert min(ticks) <= 2 and max(ticks) >= 10, ticks  # both runs drawn, each from its own column


def test_values_at_both_ends_of_the_float_range_are_drawn_with_their_labels(tmp_path):
    # A loss of -1.7e308 then 1.7e308: the y range overflowed ("internal error: OverflowError").
    log = tmp_path / "metrics.csv"
    log.write_text("step,loss\n" + "".join(f"{i},{-1.7e308 if i == 100 else 1.7e308 if i == 101 else 1 / (1 + i)}\n"
                                           for i in range(300)))
    out = tmp_path / "plot.txt"
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", str(log), "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0 and res.stderr == ""
    labels = re.findall(r"^ *(\S+)┤", out.read_text(), re.M)
    assert "1e308" in labels and "-1e308" in labels and not any("inf" in x for x in labels)


def test_a_range_of_one_subnormal_is_drawn(tmp_path):
    # A loss at 5e-324 (the smallest subnormal) then 0: the span over the tick count underflowed
    # to zero and its log10 was an internal error, losing analyze --plot's whole report too.
    log = tmp_path / "metrics.csv"
    log.write_text("step,loss\n" + "".join(f"{i},{5e-324 if i < 300 else 0.0}\n" for i in range(1, 301)))
    res = CliRunner().invoke(app, ["analyze", str(log), "--plot"])
    assert res.exit_code == 0 and "internal error" not in res.output
    assert re.search(r"^ *5e-324┤", res.output, re.M) and "summary:" in res.output


def test_x_ticks_far_from_zero_are_told_apart(tmp_path):
    # A resumed run's log of steps 1,000,001-1,000,300: every tick read "1M".
    log = tmp_path / "m.csv"
    log.write_text("step,loss\n" + "".join(f"{s},{0.6 * (0.5 if s > 1_000_150 else 1.0) + 0.01 * (s % 7)}\n"
                                           for s in range(1_000_001, 1_000_301)))
    out = invoke("plot", log, "--width", "100", "--height", "16")
    lines = out.splitlines()
    axis = lines[next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("└")) + 1]
    labels = axis.split()
    assert len(labels) >= 3 and len(set(labels)) == len(labels), axis


@pytest.mark.parametrize("value,log_y", [(0.003, False), (0.5, True), (0.0, False)])
def test_a_constant_is_drawn_on_a_tick_labelled_with_its_value(tmp_path, value, log_y):
    # A fixed +-0.5 pad put a constant 0.003 on the tick labelled 0 of a -0.5..0.5 axis; a
    # constant 0.5 on a log axis had a tick at 1 only.
    log = tmp_path / "flat.csv"
    log.write_text("step,loss\n" + "".join(f"{i},{value}\n" for i in range(50)))
    out = invoke("plot", log, "--width", "50", "--height", "10", *([] if log_y else ["--linear-y"]))
    rows = canvas_rows(out)
    [drawn] = [r for r in rows if "▄" in r]
    assert drawn.split("┤")[0].strip() == f"{value:g}", out
    assert sum("┤" in r for r in rows) == 1


def test_metrics_left_out_of_the_default_plot_are_named():
    # By default the losses are drawn (three at most): the grokking log's accuracies, the curves its
    # story is told in, were left out without a word.
    grok = REAL_LOGS / "grokking_modadd_adamw" / "addition_depth_1_adamw_seed_0.csv"
    out = invoke("plot", grok, "--width", 80, "--height", 20)
    assert out.rstrip().endswith("not drawn: train_accuracy, test_accuracy (--metric to choose)")
    assert "not drawn" not in invoke("plot", grok, "--metric", "test_accuracy", "--width", 80, "--height", 20)


@pytest.mark.parametrize("env,colour", [({"TERM": "xterm-256color"}, True), ({"TERM": "dumb"}, False),
                                        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, False)])
def test_plots_are_coloured_only_where_the_terminal_can_show_it(monkeypatch, env, colour):
    # Under TERM=dumb the text report printed no escape and the plot 27 of them.
    from curvedoc.render import plot as P

    monkeypatch.delenv("NO_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(P, "_isatty", lambda stream: True)
    assert P.use_color() is colour


@pytest.mark.parametrize("env,colour", [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
                                        ({}, False)])
def test_force_color_colours_a_piped_plot_as_it_does_the_text_report(monkeypatch, env, colour):
    # `FORCE_COLOR=1 curvedoc analyze LOG | less -R` coloured the report and not the plot beside it.
    import io

    from curvedoc.render import plot as P
    from curvedoc.render.console import make_console

    for key in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    pipe = io.StringIO()
    assert P.use_color(pipe) is colour and make_console(pipe).no_color is not colour


@pytest.mark.parametrize("extra", [[], ["--lr"], ["-m", "train_loss"]])
def test_a_plot_at_the_terminals_height_keeps_its_legend_and_key_on_screen(extra):
    # On 80x24 the plot took the 24 rows and its key 4-6 more: the title and the legend line (which
    # glyph is which curve, with no colour) scrolled off the top.
    log = Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay"
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", str(log), *extra], capture_output=True,
                         text=True, timeout=300, env={**os.environ, "LINES": "24", "COLUMNS": "80"})
    lines = res.stdout.splitlines()
    assert res.returncode == 0 and len(lines) <= 24, len(lines)
    # The header may take two lines, the log's path being long.
    assert any("\u2580 train_loss" in line for line in lines[1:3]) and "events (dotted lines):" in res.stdout


def test_output_dash_is_standard_output(tmp_path):
    # "-o -" wrote a file named "-" in the current folder; "-" is standard input everywhere else.
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", str(WRN), "-o", "-"], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert res.returncode == 0 and "events (dotted lines):" in res.stdout and list(tmp_path.iterdir()) == []
    # "./-" names a file, as it does for an input.
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", str(WRN), "-o", "./-"], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert res.returncode == 0 and res.stdout == "" and "events (dotted lines):" in (tmp_path / "-").read_text()


def test_a_dense_noisy_curve_is_drawn_with_its_median_level_over_its_band():
    # A real CNN's per-update loss (sample_logs), 3,000+ points on 90 columns: drawn as the band of its
    # minibatch noise alone, the x0.1 decay's drop did not show, the band spanning both levels. Its median
    # per block of points is drawn over it; a sparse evaluation curve gets none.
    from curvedoc.render.plot import _curve, _median_line

    (ra,) = analyze(Path(__file__).resolve().parents[1] / "sample_logs" / "cnn_step_decay_tb")
    text = plot_analysis(ra, ["train/loss"], width=90, height=22)
    assert re.search(r"train/loss \(median of every \d+ points\)", text), text
    raw = _curve(ra, "train/loss")
    line = _median_line(raw, 90, True)
    (decay,) = [e for e in next(m for m in ra.metrics if m.name == "train/loss").events if e.label == "lr_decay"]
    before, after = raw.y[raw.x < decay.step][-300:], raw.y[raw.x > decay.step][300:600]
    assert after.max() > before.min()  # the band: the two levels' points overlap
    level_before, level_after = line.y[line.x < decay.step][-3:], line.y[line.x > decay.step][3:6]
    assert level_after.max() < 0.6 * level_before.min(), (level_before, level_after)
    held_out = [m.name for m in ra.metrics if m.name != "train/loss"]
    assert held_out and all(_median_line(_curve(ra, name), 90, True) is None for name in held_out)
