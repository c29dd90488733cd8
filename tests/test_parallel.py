"""`curvedoc analyze --jobs N`: the same report as one process, logs in the order given, errors in one line."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synthetic import make_curve, write_csv, write_trainer_state
from curvedoc.parallel import analyze_logs, worker_count


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "curvedoc.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> list[Path]:
    """Six small runs in three formats, each with its own events."""
    root = tmp_path_factory.mktemp("sweep")
    paths = []
    for i in range(4):
        paths.append(write_csv(make_curve(1500 + 250 * i, seed=i), root / f"run_{i}.csv"))
    for i in range(2):
        (root / f"hf_{i}").mkdir()
        paths.append(write_trainer_state(make_curve(4000, seed=10 + i), root / f"hf_{i}" / "trainer_state.json",
                                         800))
    return paths


def test_json_report_is_identical_and_in_input_order(logs):
    serial = run_cli("analyze", "--format", "json", "--jobs", "1", *logs)
    parallel = run_cli("analyze", "--format", "json", "--jobs", "2", *logs)
    assert serial.returncode == 0, serial.stderr
    assert parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == serial.stdout
    sources = [r["source"] for r in json.loads(parallel.stdout)["runs"]]
    assert sources == [str(p) for p in logs]


def test_reversed_input_gives_reversed_report(logs):
    backwards = run_cli("analyze", "--format", "json", "-j", "2", *reversed(logs))
    assert backwards.returncode == 0, backwards.stderr
    sources = [r["source"] for r in json.loads(backwards.stdout)["runs"]]
    assert sources == [str(p) for p in reversed(logs)]


def test_text_report_is_identical(logs):
    serial = run_cli("analyze", *logs[:3])
    parallel = run_cli("analyze", "--jobs", "0", *logs[:3])
    assert serial.returncode == parallel.returncode == 0
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr == ""


def test_a_bad_log_is_one_line_and_exit_2_after_the_others_report(logs, tmp_path):
    # One unreadable log among many took every other log's report with it: stdout was empty.
    bad = tmp_path / "broken.csv"
    bad.write_text("step,loss\n")  # header only
    serial = run_cli("analyze", "--jobs", "1", logs[0], bad, logs[1])
    parallel = run_cli("analyze", "--jobs", "2", logs[0], bad, logs[1])
    assert serial.returncode == parallel.returncode == 2
    assert parallel.stdout == serial.stdout == run_cli("analyze", logs[0], logs[1]).stdout
    lines = parallel.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("curvedoc: error:") and "broken.csv" in lines[0]
    assert parallel.stderr == serial.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_json_report_holds_the_good_runs_and_each_bad_log_has_its_line(logs, tmp_path, jobs):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("")
    second.write_text("step,loss\n")
    out = run_cli("analyze", "--format", "json", "--jobs", jobs, logs[0], first, logs[4], second, logs[1])
    assert out.returncode == 2
    assert [r["source"] for r in json.loads(out.stdout)["runs"]] == [str(logs[0]), str(logs[4]), str(logs[1])]
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 2 and "first.csv" in lines[0] and "second.csv" in lines[1], out.stderr  # in input order
    assert all(line.startswith("curvedoc: error: ") for line in lines)


def test_a_sweep_of_80_logs_with_2_bad_reports_the_78(tmp_path):
    paths = [write_csv(make_curve(300, seed=i), tmp_path / f"run_{i:02d}.csv") for i in range(80)]
    paths[17].write_text("")  # a run killed before its first row
    paths[60].write_bytes(paths[60].read_bytes()[:7])  # cut inside the header: "step,lo"
    out = run_cli("analyze", "--format", "json", "--jobs", "2", *paths)
    assert out.returncode == 2
    sources = [r["source"] for r in json.loads(out.stdout)["runs"]]
    assert sources == [str(p) for i, p in enumerate(paths) if i not in (17, 60)]
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 2 and "run_17.csv" in lines[0] and "run_60.csv" in lines[1], out.stderr


def test_a_metric_one_log_lacks_leaves_the_others_report(logs, tmp_path):
    accuracy = tmp_path / "accuracy.csv"
    accuracy.write_text("step,acc\n" + "".join(f"{i},{min(1.0, i / 150):.4f}\n" for i in range(200)))
    out = run_cli("analyze", "--format", "md", "--metric", "loss", logs[0], accuracy)
    assert out.returncode == 2
    assert str(logs[0]) in out.stdout and "accuracy.csv" not in out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "accuracy.csv" in lines[0] and "no metric named loss" in lines[0], out.stderr


def test_every_log_bad_prints_only_their_lines(tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("")
    second.write_text("step,loss\n")
    alone = run_cli("analyze", "--format", "json", first)
    assert alone.returncode == 2 and alone.stdout == ""
    assert alone.stderr == f"curvedoc: error: {first}: the file is empty\n"
    both = run_cli("analyze", "--format", "json", "--jobs", "2", first, second)
    assert both.returncode == 2 and both.stdout == ""
    assert len(both.stderr.strip().splitlines()) == 2 and both.stderr.startswith(alone.stderr)


def test_the_library_call_still_raises_the_first_bad_log(logs, tmp_path):
    from curvedoc.errors import CurvedocError

    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("")
    second.write_text("step,loss\n")
    for jobs in (1, 2):
        with pytest.raises(CurvedocError, match="first.csv"):
            analyze_logs([logs[0], first, second], jobs=jobs)


def test_negative_jobs_is_a_usage_error(logs):
    out = run_cli("analyze", "--jobs", "-1", logs[0])
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_library_call_matches_serial(logs):
    serial = analyze_logs(logs[:4], jobs=1)
    parallel = analyze_logs(logs[:4], jobs=2)
    assert [ra.run.source for ra in parallel] == [ra.run.source for ra in serial]
    for a, b in zip(serial, parallel):
        assert [(m.name, [(e.step, e.kind, e.label) for e in m.events]) for m in a.metrics] == \
               [(m.name, [(e.step, e.kind, e.label) for e in m.events]) for m in b.metrics]


def test_worker_count():
    assert worker_count(8, 3) == 3  # never more workers than logs
    assert worker_count(2, 200) == 2
    assert worker_count(1, 0) == 1
    assert worker_count(0, 200) >= 1  # one per core


def test_ctrl_c_during_a_parallel_analysis_ends_it_at_once_without_a_traceback(tmp_path):
    # A terminal sends SIGINT to the whole process group: the workers too. Interrupted mid-task or
    # mid-transfer they broke the pool: an InvalidStateError traceback, and the command went on.
    big = write_csv(make_curve(1_000_000, seed=0), tmp_path / "big.csv")
    for delay in (0.5, 1.5, 2.5):
        proc, err = _interrupted([sys.executable, "-m", "curvedoc.cli", "analyze", "--jobs", "2", *[big] * 8], delay)
        # 0: it had finished; -2: the interrupt landed while the interpreter shut down after the
        # command ended (its output complete), and Python ends then by the signal, which a shell
        # reports as 130 as well.
        assert proc.returncode in (130, 0, -signal.SIGINT), err
        assert "Traceback" not in err and "Error" not in err, err
        assert not _children(proc.pid)


def _interrupted(command: list, delay: float) -> tuple[subprocess.Popen, str]:
    """Run ``command`` in a group of its own, Ctrl-C it ``delay`` s after its two workers started,
    and wait a minute at most for it to end; returns the process and its stderr."""
    import os
    import signal
    import time

    # Ctrl-C as a terminal delivers it: a suite started in the background of a non-interactive shell
    # runs with SIGINT ignored, which the command would inherit, and finish unbothered.
    proc = subprocess.Popen([str(c) for c in command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(_children(proc.pid)) < 2:
        time.sleep(0.05)  # the workers are started
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return proc, err


def _children(pid: int) -> list[int]:
    from pathlib import Path as P

    kids = []
    for status in P("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            kids.append(int(status.parent.name))
    return kids


def _stuck_pool_driver(tmp_path: Path, logs: list[Path], patch: str = "") -> Path:
    """A script running `curvedoc analyze --jobs 2 LOGS` whose pool's terminate never gets past its
    first step (the task queue's lock held for good), with ``patch`` applied first."""
    driver = tmp_path / "driver.py"
    driver.write_text(
        "import sys, time, multiprocessing.pool\n"
        "multiprocessing.pool.Pool._help_stuff_finish = staticmethod(lambda *a: time.sleep(3600))\n"
        f"{patch}from curvedoc import cli\n"
        f"sys.argv = ['curvedoc', 'analyze', '--jobs', '2'] + {[str(p) for p in logs]!r}\n"
        "cli.main()\n")
    return driver


def test_an_interrupt_ends_the_command_even_when_the_pool_cannot_end_its_workers(tmp_path):
    # Pool.terminate takes the task queue's lock first (in _help_stuff_finish); a worker waiting
    # for work can hold it for good, and the command then waited for ever after Ctrl-C. Here that
    # step never returns: the workers are killed after a few seconds and the command exits 130.
    big = write_csv(make_curve(1_000_000, seed=0), tmp_path / "big.csv")
    proc, err = _interrupted([sys.executable, str(_stuck_pool_driver(tmp_path, [big] * 8))], 1.0)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert not _children(proc.pid)


def test_an_interrupt_while_the_workers_wind_down_still_ends_the_command(tmp_path):
    # Ctrl-C after the last result came back, while the pool was being closed: the pool was left
    # to its exit handler, whose terminate can wait for good on the task queue's lock (made to
    # here), and the command never ended.
    small = write_csv(make_curve(2_000, seed=0), tmp_path / "small.csv")
    driver = _stuck_pool_driver(tmp_path, [small] * 2, "def join(self):\n    raise KeyboardInterrupt\n"
                                "multiprocessing.pool.Pool.join = join\n")
    proc = subprocess.run([sys.executable, str(driver)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 130 and "Traceback" not in proc.stderr, proc.stderr
