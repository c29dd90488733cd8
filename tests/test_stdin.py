"""``-`` reads the log from standard input: a log piped over SSH or from ``kubectl logs``.

Run as the console script runs, with the log really piped in."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "sample_logs"
CSV = SAMPLES / "mlp_step_decay" / "metrics.csv"


def curvedoc(*args, stdin: bytes = b"", cwd=None, tmpdir=None):
    env = {**os.environ, **({"TMPDIR": str(tmpdir)} if tmpdir else {})}
    return subprocess.run([sys.executable, "-m", "curvedoc.cli", *map(str, args)], input=stdin,
                          capture_output=True, timeout=300, cwd=cwd, env=env)


def test_a_piped_csv_gives_the_report_of_the_file_named_stdin(tmp_path):
    piped = curvedoc("analyze", "-", "--format", "json", stdin=CSV.read_bytes(), tmpdir=tmp_path)
    assert piped.returncode == 0, piped.stderr
    direct = curvedoc("analyze", CSV, "--format", "json")
    [a], [b] = json.loads(piped.stdout)["runs"], json.loads(direct.stdout)["runs"]
    assert (a["source"], a["run"], a["format"]) == ("<stdin>", "stdin", "csv")
    assert a["metrics"] == b["metrics"] and a["schedule"] == b["schedule"]
    assert list(tmp_path.iterdir()) == []  # the copy of standard input is removed


def test_binary_and_compressed_logs_are_read_from_a_pipe_too():
    events = next((SAMPLES / "cnn_step_decay_tb").glob("*tfevents*")).read_bytes()
    res = curvedoc("analyze", "-", stdin=events)
    assert res.returncode == 0, res.stderr
    header = res.stdout.decode().splitlines()[0]
    assert header.startswith("<stdin>  [tb_events]  run stdin") and "decays at 1381, 2301" in header
    res = curvedoc("info", "-", "--format", "json", stdin=gzip.compress(CSV.read_bytes()))
    [run] = json.loads(res.stdout)["runs"]
    assert run["source"] == "<stdin>" and run["format"] == "csv"
    # An .npz is a zip of .npy arrays: known by what it holds, the copy of a pipe having no name.
    # It was "a zip archive: unpack it".
    import io

    import numpy as np
    import pandas as pd

    frame = pd.read_csv(CSV)
    archive = io.BytesIO()
    np.savez(archive, step=frame["step"].to_numpy(), loss=frame["train_loss"].to_numpy())
    res = curvedoc("info", "-", "--format", "json", stdin=archive.getvalue())
    assert res.returncode == 0, res.stderr
    [run] = json.loads(res.stdout)["runs"]
    assert run["format"] == "npy" and [(m["name"], m["n_points"]) for m in run["metrics"]] == [("loss", len(frame))]


def test_a_pipe_and_a_file_are_compared():
    res = curvedoc("compare", "-", CSV, "--format", "json", stdin=CSV.read_bytes())
    assert res.returncode == 0, res.stderr
    runs = json.loads(res.stdout)["runs"]
    assert [r["source"] for r in runs] == ["<stdin>", str(CSV)]


def test_bad_input_on_a_pipe_is_one_line_naming_stdin(tmp_path):
    for stdin, words, fmt in ((b"", "<stdin>: the file is empty", []),
                              (b"\x00\x01\x02binary", "<stdin>: binary content", []),
                              # read as an event file, the copy's folder is the run: it was named by it
                              (CSV.read_bytes(), "run 'stdin': no summary values", ["--log-format", "tb_events"])):
        res = curvedoc("analyze", "-", *fmt, stdin=stdin, tmpdir=tmp_path)
        [line] = res.stderr.decode().strip().splitlines()
        assert res.returncode == 2 and line.startswith("curvedoc: error: ") and words in line, line
        assert "curvedoc-stdin-" not in line
    assert list(tmp_path.iterdir()) == []
    # check collects a log's error beside the others' findings: it named the copy in all three forms.
    for fmt, where in (("text", "stderr"), ("json", "stdout"), ("github", "stdout")):
        res = curvedoc("check", "-", CSV, "--format", fmt, stdin=b"\x00\x01\x02binary", tmpdir=tmp_path)
        out = getattr(res, where).decode()
        assert res.returncode == 2 and "<stdin>: binary content" in out and "curvedoc-stdin-" not in out, out
    twice = curvedoc("analyze", "-", "-", stdin=b"step,loss\n1,2.0\n")
    assert twice.returncode == 2 and b"can be given only once" in twice.stderr


def test_only_a_bare_dash_is_standard_input_and_a_file_named_dash_is_read_as_dot_slash_dash(tmp_path):
    # Path("./-") is Path("-"): the file was passed over for whatever was piped in, reported as <stdin>.
    (tmp_path / "-").write_bytes(CSV.read_bytes())
    other = b"step,loss\n" + b"".join(b"%d,%d\n" % (i, 7) for i in range(50))
    for args in (["./-"], ["--", "./-"], [tmp_path / "-"]):
        res = curvedoc("info", "--format", "json", *args, stdin=other, cwd=tmp_path)
        assert res.returncode == 0, res.stderr
        [run] = json.loads(res.stdout)["runs"]
        assert run["source"] != "<stdin>" and Path(run["source"]).name == "-"
        assert {m["name"]: m["n_points"] for m in run["metrics"]}["train_loss"] > 50
    piped = curvedoc("info", "-", "--format", "json", stdin=other, cwd=tmp_path)
    [run] = json.loads(piped.stdout)["runs"]
    assert run["source"] == "<stdin>" and {m["name"]: m["n_points"] for m in run["metrics"]}["loss"] == 50
    watched = curvedoc("watch", "./-", "--max-updates", "1", "--interval", "0.1", cwd=tmp_path)
    assert watched.returncode == 0 and b"standard input" not in watched.stderr, watched.stderr


def test_check_on_a_pipe_uses_the_configuration_where_it_runs(tmp_path):
    log = (SAMPLES / "unstable_lightning" / "metrics.csv").read_bytes()
    failed = curvedoc("check", "-", stdin=log, cwd=tmp_path)
    assert failed.returncode == 1 and b"<stdin>: train_loss: step 682: divergence" in failed.stdout
    (tmp_path / ".curvedoc.toml").write_text("[rules.no-divergence]\nenabled = false\n"
                                             "[rules.no-instability]\nenabled = false\n")
    passed = curvedoc("check", "-", stdin=log, cwd=tmp_path)
    assert passed.returncode == 0, passed.stdout


def test_watch_says_it_needs_a_path_not_standard_input():
    res = curvedoc("watch", "-", "--max-updates", "1", stdin=CSV.read_bytes())
    [line] = res.stderr.decode().strip().splitlines()
    assert res.returncode == 2 and "watch follows a file or folder as it grows" in line


def test_an_endless_or_null_pipe_is_refused_before_it_fills_the_temporary_folder(tmp_path):
    # `curvedoc info - < /dev/zero` wrote 30 GB to /tmp before it was killed, and left it there.
    zeros = curvedoc("info", "-", stdin=bytes(3 << 20), tmpdir=tmp_path)
    assert zeros.returncode == 2 and zeros.stderr.decode().splitlines() == [
        "curvedoc: error: standard input opens with 1,048,576 NUL bytes: not a training log"]
    big = CSV.read_bytes() * 4
    env = {**os.environ, "TMPDIR": str(tmp_path), "CURVEDOC_MAX_STDIN_MB": "1"}
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", "-"], input=big, capture_output=True,
                         timeout=300, env=env)
    assert len(big) > 1 << 20 and res.returncode == 2
    assert res.stderr.decode().splitlines() == [
        "curvedoc: error: standard input passed 1 MB without ending (an endless pipe?): save the log to a file "
        "and name it, or raise CURVEDOC_MAX_STDIN_MB"]
    assert list(tmp_path.iterdir()) == []


def test_a_stdin_limit_that_is_no_whole_number_is_one_line(tmp_path):
    for raw in ("\u00b2", "1.5", "0", ""):  # "²" is a digit to str.isdigit(), not to int(): an internal error
        env = {**os.environ, "TMPDIR": str(tmp_path), "CURVEDOC_MAX_STDIN_MB": raw}
        res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", "-"], input=CSV.read_bytes(),
                             capture_output=True, timeout=300, env=env)
        assert res.returncode == 2 and res.stderr.decode().splitlines() == [
            f"curvedoc: error: CURVEDOC_MAX_STDIN_MB must be a whole number of megabytes above 0, not {raw!r}"]
    assert list(tmp_path.iterdir()) == []


def test_stopped_while_reading_a_pipe_it_removes_its_copy(tmp_path):
    # `timeout` sends SIGTERM to a run reading a pipe that has not ended.
    import signal
    import time

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "curvedoc.cli", "info", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdin.write(CSV.read_bytes())
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not any(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)  # the copy exists: the command is reading
    assert any(tmp_path.iterdir())
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    proc.stdin.close()
    assert proc.returncode == 128 + signal.SIGTERM and err == b""
    assert list(tmp_path.iterdir()) == []


def test_a_plot_written_over_the_log_given_as_standard_input_is_refused(tmp_path):
    # `plot - -o run.csv < run.csv`: the log came in as standard input, and the plot replaced it.
    log = tmp_path / "run.csv"
    log.write_bytes(CSV.read_bytes())
    with open(log, "rb") as fh:
        res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", "-", "-o", str(log)], stdin=fh,
                             capture_output=True, text=True, timeout=300)
    assert res.returncode == 2 and log.read_bytes() == CSV.read_bytes()
    assert res.stderr.splitlines() == [f"curvedoc: error: {log}: is the log read from standard input; "
                                       "choose another --output"]
    with open(log, "rb") as fh:  # to another file it is written
        res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "plot", "-", "-o", str(tmp_path / "p.txt")],
                             stdin=fh, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0 and "<stdin>" in (tmp_path / "p.txt").read_text()
