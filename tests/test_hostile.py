"""The catalogue of broken and hostile logs (issue: never crash, never lie, never touch the input).

Every input is generated here; each case asserts the exact behaviour.
"""

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import curvedoc
from curvedoc.errors import CurvedocError


def cli(*args, env=None):
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", *map(str, args)], capture_output=True, text=True,
                         timeout=300, env={**os.environ, **(env or {})})
    assert "Traceback" not in res.stderr
    return res


def one_error_line(res, *needles):
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]


def curve_csv(n=200, header="step,loss", fmt="{i},{v}"):
    rows = [fmt.format(i=i, v=2.0 / (1 + i) ** 0.5 * (0.5 if i >= n // 2 else 1.0)) for i in range(n)]
    return header + "\n" + "\n".join(rows) + "\n"


# --- truncated and corrupted ------------------------------------------------------------------

def test_csv_cut_mid_line_reads_the_whole_rows(tmp_path):
    text = curve_csv()
    path = tmp_path / "log.csv"
    path.write_text(text[: text.rindex("\n", 0, len(text) - 1) + 4])  # a few bytes into the last row
    (run,) = curvedoc.read(path)
    # The cut row's value may be a truncated number: it is skipped and said, never read.
    assert len(run.series("loss")) == 199 and run.frame.index[-1] == 198
    assert any("cut mid-write" in w for w in run.warnings)


def test_gzip_cut_short_is_one_line(tmp_path):
    data = gzip.compress(curve_csv(5000).encode())
    path = tmp_path / "log.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    one_error_line(cli("info", path), "truncated")


def test_trainer_state_cut_mid_write(tmp_path):
    state = {"log_history": [{"step": i, "loss": 1.0 / (i + 1), "epoch": i / 10} for i in range(1, 50)]}
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps(state, indent=2)[:-40])
    one_error_line(cli("analyze", path), "truncated")


# --- shapes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("rows,expect", [(0, "header only"), (1, None), (2, None)])
def test_zero_one_two_rows(tmp_path, rows, expect):
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n" + "".join(f"{i},{1 / (i + 1)}\n" for i in range(rows)))
    res = cli("analyze", path)
    if expect:
        one_error_line(res, expect)
    else:
        assert res.returncode == 0 and f"too few points to look for transitions in: {rows} point" in res.stdout


def test_hundred_thousand_columns(tmp_path):
    path = tmp_path / "wide.csv"
    cols = 100_000
    path.write_text("step," + ",".join(f"c{i}" for i in range(cols)) + "\n" +
                    "\n".join(f"{s}," + ",".join(["0.5"] * cols) for s in range(3)) + "\n")
    (run,) = curvedoc.read(path)
    assert run.frame.shape == (3, cols)


def test_ten_megabyte_line(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss,note\n0,0.5," + "x" * 10_000_000 + "\n1,0.4,y\n2,0.3,z\n")
    (run,) = curvedoc.read(path)
    assert list(run.frame.columns) == ["loss"] and "non-numeric column skipped: note" in run.warnings


@pytest.mark.parametrize("text,values,warning", [
    ("step;loss\n0;0,53\n1;0,50\n2;0,47\n", [0.53, 0.50, 0.47], "decimal commas"),
    ('step,loss\n"1,000",0.5\n"2,000",0.4\n', [0.5, 0.4], "thousands separators"),
    ("step,loss\n0,0.5s\n1,0.4s\n2,0.3s\n", [0.5, 0.4, 0.3], "unit 's' stripped"),
    ("step,loss\n0,5E-1\n1,4.0e-01\n2,+3e-1\n", [0.5, 0.4, 0.3], None),
    ("step,loss\n0,0.5\n1,abc\n2,0.3\n", [0.5, 0.3], "1 non-numeric cell"),
    ("step,loss\nstep,loss\n0,0.5\n1,0.4\n", [0.5, 0.4], "repeated header"),
])
def test_cells_written_for_people(tmp_path, text, values, warning):
    path = tmp_path / "log.csv"
    path.write_text(text)
    (run,) = curvedoc.read(path)
    assert run.series("loss").tolist() == pytest.approx(values)
    if warning:
        assert any(warning in w for w in run.warnings), run.warnings


def test_a_multiplier_after_a_number_scales_it_and_a_small_one_is_not_guessed(tmp_path):
    # "300k" was read as 300 ("unit 'k' stripped"): every step 1000x off, and an LR of "100m" as 100.
    path = tmp_path / "log.csv"
    path.write_text("step,loss,lr\n" + "".join(f"{k}k,{1 / (1 + k / 100):.4f},{0.1 if k < 300 else 0.01}\n"
                                               for k in range(1, 601)))
    (run,) = curvedoc.read(path)
    assert run.frame.index[0] == 1000 and run.frame.index[-1] == 600_000
    assert "column 'step': 'k' read as x1000" in run.warnings
    path.write_text("step,tokens,loss,lr\n" + "".join(
        f"{k},{k / 2}M,{1 / (1 + k / 100):.4f},{'100m' if k < 300 else '10m'}\n" for k in range(1, 601)))
    (run,) = curvedoc.read(path)
    assert run.series("tokens").iloc[-1] == pytest.approx(300e6)
    assert "lr" not in run.frame.columns and "non-numeric column skipped: lr" in run.warnings
    assert "column 'lr': 'm' after every number (milli? minutes?) not guessed" in run.warnings


def test_missing_and_nan_spellings(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n0,1.0\n1,NA\n2,None\n3,\n4,0.9\n5,nan\n6,-inf\n")
    (run,) = curvedoc.read(path)
    s = run.series("loss")
    assert s.index.tolist() == [0, 4, 5, 6]  # gaps dropped, logged NaN and -inf kept
    assert list(run.nan_steps["loss"]) == [5]


def test_duplicated_column_names_are_kept_apart(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss,loss\n0,0.5,0.6\n1,0.4,0.5\n")
    (run,) = curvedoc.read(path)
    assert len(run.frame.columns) == 2 and len(set(run.frame.columns)) == 2


def test_rows_out_of_step_order_are_refused_not_cut_to_a_few_points(tmp_path):
    # The keep-later rule for resumed runs would keep one point of a log written backwards,
    # and a handful of a shuffled one: such a log is refused with what to do.
    rows = (Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv").read_text().splitlines()
    shuffled = rows[1:]
    np.random.default_rng(0).shuffle(shuffled)
    for name, body in (("reversed", rows[1:][::-1]), ("shuffled", shuffled)):
        path = tmp_path / f"{name}.csv"
        path.write_text("\n".join([rows[0]] + body) + "\n")
        before = path.read_bytes()
        one_error_line(cli("analyze", path), "steps go back at", f"of {len(body)} rows", "sort the log by step")
        assert path.read_bytes() == before
    # TensorBoard downloads are read series by series: the refusal names the series.
    download = tmp_path / "run-.-tag-loss.csv"
    download.write_text("Wall time,Step,Value\n" + "".join(f"{1e9 + s},{s},{1 / s}\n" for s in range(60, 0, -1)))
    with pytest.raises(CurvedocError, match="loss: steps go back at 59 of 60 rows"):
        curvedoc.read(download)


def test_steps_backwards_negative_and_fractional(tmp_path):
    back = tmp_path / "back.csv"
    back.write_text("step,loss\n0,1\n10,0.9\n20,0.8\n10,0.85\n20,0.75\n30,0.7\n")
    (run,) = curvedoc.read(back)
    assert run.frame.index.tolist() == [0, 10, 20, 30] and run.series("loss")[20] == 0.75
    assert "steps go back to 10" in run.warnings[0] and "2 points replaced" in run.warnings[0]
    neg = tmp_path / "neg.csv"
    neg.write_text("step,loss\n-2,0.5\n-1,0.4\n0,0.3\n")
    assert curvedoc.read(neg)[0].frame.index.tolist() == [-2, -1, 0]
    frac = tmp_path / "frac.csv"
    frac.write_text("step,loss\n0.5,0.5\n1.5,0.4\n2.5,0.3\n")
    (run,) = curvedoc.read(frac)
    assert run.step_axis == "row" and any("not a usable step" in w for w in run.warnings)


def test_constant_and_all_nan_metrics(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss,val_loss\n" + "".join(f"{i},0.5,nan\n" for i in range(50)))
    (ra,) = curvedoc.analyze(path)
    by = {m.name: m for m in ra.metrics}
    assert by["loss"].events == [] and by["loss"].stages[0].plateau
    # A metric that is NaN from its first point never had a value to diverge from.
    assert by["val_loss"].events == [] and by["val_loss"].notes == ["never finite: non-finite at all 50 logged points"]


@pytest.mark.parametrize("high, low", [(2.3, 5e-324), (1e200, 1e-200), (1e5, 1e-319)])
def test_a_fall_by_a_ratio_that_underflows_is_analysed(tmp_path, high, low):
    # A loss falling 2.3 -> 5e-324 (a subnormal float): its ratio underflows to 0, and the log of
    # it was an internal error in analyze, check, plot, watch and compare alike.
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n" + "".join(f"{i},{high if i < 5 else low}\n" for i in range(10)))
    for command in ("analyze", "check", "plot"):
        res = cli(command, path)
        assert res.returncode == 0 and res.stderr == "", (command, res.stderr)
    (ra,) = curvedoc.analyze(path)
    [drop] = ra.metrics[0].events
    assert drop.kind == "drop" and drop.step == 5


def test_a_spike_to_the_largest_float_is_said_as_a_factor(tmp_path):
    # 0.48 -> 1.798e308 is a ratio past the largest float: it was printed "(xinf)".
    path = tmp_path / "log.csv"
    path.write_text("step,loss\n" + "".join(f"{i},{1.797e308 if i == 300 else 0.5 + 0.01 * (i % 3)}\n"
                                             for i in range(400)))
    res = cli("analyze", path)
    assert res.returncode == 0 and "xinf" not in res.stdout and "(x" in res.stdout, res.stdout
    spike = next(line for line in res.stdout.splitlines() if "spike" in line and "e+308" in line)
    assert re.search(r"\(x\d\.\d+e\+308\)", spike), spike


# --- files --------------------------------------------------------------------------------------

def test_symlink_loop_in_a_log_directory(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "back").symlink_to(tmp_path)
    one_error_line(cli("info", tmp_path), str(tmp_path.name))


def test_a_pipe_in_a_log_folder_is_named_not_passed_over(tmp_path):
    """A FIFO where a newer checkpoint's state or a W&B run's history should be: the Trainer folder
    reads the older state and says why the newer was not read; the W&B folder names the pipe rather
    than calling the history absent."""
    for step in (100, 200):
        state = {"global_step": step, "log_history": [{"step": s, "loss": 1.0 / s} for s in range(10, step + 1, 10)]}
        (tmp_path / "out" / f"checkpoint-{step}").mkdir(parents=True)
        (tmp_path / "out" / f"checkpoint-{step}" / "trainer_state.json").write_text(json.dumps(state))
    newest = tmp_path / "out" / "checkpoint-200" / "trainer_state.json"
    newest.unlink()
    os.mkfifo(newest)
    [run] = curvedoc.read(tmp_path / "out")
    assert run.frame.index[-1] == 100
    assert run.warnings == ["checkpoint-200/trainer_state.json not read: not a regular file (a pipe, device or "
                            "socket cannot be read as a log); checkpoint-100/trainer_state.json is read instead"]

    history = tmp_path / "wandb" / "run-20240101_000000-abc" / "files" / "wandb-history.jsonl"
    history.parent.mkdir(parents=True)
    os.mkfifo(history)
    one_error_line(cli("info", tmp_path / "wandb"), f"{history}: not a regular file")


def test_a_checkpoint_the_trainer_was_still_saving_is_named(tmp_path):
    """tmp-checkpoint-600 beside checkpoint-100: the Trainer saves into the first and renames it; one
    left is a save cut short, and may hold a diverged run's latest steps. check judged checkpoint-100
    with no word of it."""
    for name, step in (("checkpoint-100", 100), ("tmp-checkpoint-600", 600)):
        state = {"global_step": step, "log_history": [{"step": s, "loss": 1.0 / s} for s in range(10, step + 1, 10)]}
        (tmp_path / "out" / name).mkdir(parents=True)
        (tmp_path / "out" / name / "trainer_state.json").write_text(json.dumps(state))
    [run] = curvedoc.read(tmp_path / "out")
    assert run.frame.index[-1] == 100
    assert "tmp-checkpoint-600 not read: a checkpoint the Trainer was still saving (or a save cut short)" in run.warnings
    res = cli("check", tmp_path / "out")
    assert res.returncode == 0 and "tmp-checkpoint-600 not read" in res.stdout + res.stderr


def test_a_pipe_in_place_of_a_lightning_version_s_metrics_is_named_not_waited_on(tmp_path):
    """A FIFO as version_0/metrics.csv beside a version that diverged: opened, it waited for a writer,
    and check on the folder hung in CI. It is named, and the other version judged."""
    logs = tmp_path / "lightning_logs"
    (logs / "version_0").mkdir(parents=True)
    os.mkfifo(logs / "version_0" / "metrics.csv")
    (logs / "version_1").mkdir()
    (logs / "version_1" / "metrics.csv").write_text(
        "step,train_loss\n" + "".join(f"{i},{1 / (1 + i / 50) if i < 400 else 'nan'}\n" for i in range(600)))
    res = cli("check", tmp_path)
    assert res.returncode == 1 and "train_loss: step 400: divergence" in res.stdout
    assert "lightning_logs/version_0 not read: not a regular file" in res.stdout + res.stderr
    # The version folder given itself: the pipe named, not "a directory with no training logs".
    one_error_line(cli("check", logs / "version_0"), "version_0/metrics.csv: not a regular file")


def test_a_lone_surrogate_in_a_json_key_is_shown_escaped_not_the_log_refused(tmp_path):
    """One key on one line holding "\\udc00" (an exporter cut a string inside an emoji): the W&B history
    and the Keras history document were refused whole with a UnicodeEncodeError."""
    lines = [json.dumps({"_step": i, "loss": 1 / (1 + i / 50)}) for i in range(600)]
    lines[5] = '{"_step": 5, "loss": 0.91, "cap\\udc00tion": 1}'
    history = tmp_path / "wandb-history.jsonl"
    history.write_text("\n".join(lines) + "\n")
    doc = tmp_path / "history.json"
    doc.write_text('{"loss": [' + ", ".join(str(1 / (1 + i / 50)) for i in range(100)) + '], "val\\ud800loss": ['
                   + ", ".join(str(1.1 / (1 + i / 50)) for i in range(100)) + "]}")
    for path, name in ((history, "cap\\udc00tion"), (doc, "val\\ud800loss")):
        res = cli("info", path)
        assert res.returncode == 0 and name in res.stdout, res.stderr
    assert cli("analyze", history).returncode == 0


def test_an_event_file_zipped_or_xzd_is_named_as_such(tmp_path):
    """A zip or xz of an event file, still named as one, was "a record at byte 0 fails its CRC check"."""
    import lzma
    import zipfile

    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    w = EventFileWriter(str(tmp_path / "run"))
    for k in range(100):
        w.add_event(event_pb2.Event(step=k, wall_time=float(k), summary=summary_pb2.Summary(
            value=[summary_pb2.Summary.Value(tag="loss", simple_value=1.0 / (k + 1))])))
    w.close()
    [event] = (tmp_path / "run").iterdir()
    xz = tmp_path / f"{event.name}.xz"
    xz.write_bytes(lzma.compress(event.read_bytes()))
    zipped = tmp_path / f"{event.name}.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        z.write(event, event.name)
    one_error_line(cli("info", xz), "an xz compressed file: decompress it (unxz)")
    one_error_line(cli("info", zipped), "a zip archive")


def test_a_whole_line_nested_too_deeply_is_not_called_cut_short(tmp_path):
    """A W&B history whose last line, newline and all, is a 100,000-deep object: "the last line is cut
    short (file written while training?)"."""
    path = tmp_path / "wandb-history.jsonl"
    lines = [json.dumps({"_step": i, "loss": 1 / (1 + i / 50)}) for i in range(600)]
    path.write_text("\n".join(lines) + "\n" + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "\n")
    [run] = curvedoc.read(path)
    assert len(run.frame) == 600
    assert "1 line nested too deeply to read; skipped (first at line 601)" in run.warnings


def test_directory_with_two_thousand_event_files(tmp_path):
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    for k in range(2000):
        w = EventFileWriter(str(tmp_path / f"r{k % 40}"), filename_suffix=f".{k}")
        w.add_event(event_pb2.Event(step=k, wall_time=float(k), summary=summary_pb2.Summary(
            value=[summary_pb2.Summary.Value(tag="loss", simple_value=1.0 / (k + 1))])))
        w.close()
    runs = curvedoc.read(tmp_path)
    assert len(runs) == 40 and sum(len(r.series("loss")) for r in runs) == 2000


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "log.csv"
    path.write_text(curve_csv())
    monkeypatch.setattr(os, "access", lambda p, mode: False)  # root reads everything; simulate a 000 file
    with pytest.raises(CurvedocError, match="permission denied"):
        curvedoc.read(path)


def test_file_appended_to_while_read(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(curve_csv(2000))
    stop = threading.Event()

    def append():
        i = 2000
        while not stop.is_set():
            with open(path, "a") as fh:
                fh.write(f"{i},0.1")  # half a row, then the rest
                fh.flush()
                fh.write(f"{i % 7}\n")
            i += 1

    t = threading.Thread(target=append)
    t.start()
    try:
        for _ in range(5):
            (run,) = curvedoc.read(path)
            assert len(run.series("loss")) >= 2000
    finally:
        stop.set()
        t.join()


def test_file_replaced_while_read(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(curve_csv(3000))
    stop = threading.Event()

    def replace():
        k = 0
        while not stop.is_set():
            tmp = tmp_path / f"new{k}.csv"
            tmp.write_text(curve_csv(1000 + k % 2000))
            os.replace(tmp, path)
            k += 1

    t = threading.Thread(target=replace)
    t.start()
    try:
        for _ in range(10):
            (run,) = curvedoc.read(path)
            assert 1000 <= len(run.series("loss")) <= 3000
    finally:
        stop.set()
        t.join()


# --- hostile content ------------------------------------------------------------------------------

def test_gzip_bomb_stops_at_a_limit_the_user_can_raise(tmp_path):
    path = tmp_path / "log.csv.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"step,loss\n")
        for _ in range(80):
            fh.write(b"0" * (1 << 20))
    one_error_line(cli("info", path, env={"CURVEDOC_MAX_INFLATED_MB": "32"}), "CURVEDOC_MAX_INFLATED_MB")


def test_npz_and_parquet_bombs_are_refused_by_their_headers_under_the_same_limit(tmp_path):
    # Zeros compress to nothing: a 380 KB .npz of 50M of them took 2.6 GB, a 2.3 MB one all the
    # machine's memory, and a 437 KB Parquet file 5.8 GB. Their headers say how big they are.
    import pyarrow as pa
    import pyarrow.parquet as pq

    zeros = np.zeros(400_000)  # 3.2 MB as numbers
    npz = tmp_path / "history.npz"
    np.savez_compressed(npz, loss=zeros)
    parquet = tmp_path / "history.parquet"
    pq.write_table(pa.table({"_step": np.arange(len(zeros)), "loss": zeros}), parquet, compression="zstd")
    for path in (npz, parquet):
        assert path.stat().st_size < 700_000  # a fifth of the numbers they hold, or less
        one_error_line(cli("info", path, env={"CURVEDOC_MAX_INFLATED_MB": "2"}), "inflates to more than 2 MB",
                       "CURVEDOC_MAX_INFLATED_MB")
        res = cli("info", path, env={"CURVEDOC_MAX_INFLATED_MB": "16"})
        assert res.returncode == 0 and "400000" in res.stdout, res.stderr


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "trainer_state.json"
    path.write_text('{"log_history": ' + "[" * 50000 + "]" * 50000 + "}")
    one_error_line(cli("info", path), "nested too deeply")


def test_huge_numbers_overflow_to_a_divergence(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(curve_csv(100) + "100,1e309\n")
    (ra,) = curvedoc.analyze(path)
    assert ra.metrics[0].events[-1].kind == "divergence" and ra.metrics[0].events[-1].step == 100


def test_escape_sequences_and_markup_in_names_are_printed_literally(tmp_path):
    path = tmp_path / "log.csv"
    name = "\x1b[31mred\x1b[0m [bold]loss[/bold]"
    path.write_text(curve_csv(header=f'step,"{name}"'))
    for command in ("info", "analyze"):
        out = cli(command, path).stdout
        assert "\x1b" not in out
        # Shown escaped and unstyled (a narrow table may wrap it, hence no whitespace compared).
        assert "\\x1b[31mred\\x1b[0m[bold]loss[/bold]" in "".join(out.split())


# --- invariants -------------------------------------------------------------------------------------

def test_commands_never_change_the_input(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(curve_csv(500))
    before = (path.read_bytes(), os.stat(path).st_mtime_ns, sorted(os.listdir(tmp_path)))
    time.sleep(0.01)
    for args in (["info"], ["analyze"], ["analyze", "--format", "json"], ["check"]):
        cli(*args, path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns, sorted(os.listdir(tmp_path))) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31), n=st.integers(8, 3000), events=st.lists(
    st.tuples(st.floats(0.05, 0.95), st.floats(0.2, 5.0)), max_size=3), noise=st.floats(0.0, 0.5),
    nan_at=st.one_of(st.none(), st.floats(0.1, 1.0)))
def test_reported_events_are_sorted_in_range_and_valid_json(tmp_path_factory, seed, n, events, noise, nan_at):
    from curvedoc.render.report_json import analysis_to_dict

    rng = np.random.default_rng(seed)
    steps = np.sort(rng.choice(10 * n, size=n, replace=False))
    loss = 3.0 / (1 + np.arange(n)) ** 0.3 * np.exp(rng.normal(0, noise, n))
    for at, factor in events:
        loss[int(at * n):] *= factor
    if nan_at is not None:
        loss[max(1, min(int(nan_at * n), n - 1)):] = np.nan  # all NaN is refused (test_hostile_catalogue)
    path = tmp_path_factory.mktemp("inv") / "log.csv"
    path.write_text("step,train_loss\n" + "".join(f"{s},{float(v)!r}\n" for s, v in zip(steps, loss)))
    analyses = curvedoc.analyze(path)
    for sa in analyses[0].metrics:
        found = [e.step for e in sa.events]
        assert found == sorted(found)
        assert all(steps[0] <= s <= steps[-1] for s in found)
        assert all(0.0 <= e.confidence <= 1.0 for e in sa.events)
        assert all(e.label and e.evidence for e in sa.events)
    json.loads(json.dumps(analysis_to_dict(analyses), allow_nan=False))


@pytest.mark.parametrize("args", [["--plot"], ["--format", "json"]])
def test_a_reader_that_stops_early_ends_the_command_quietly_not_as_a_failed_check(args):
    """`curvedoc analyze ... | head`: SIGPIPE's status 141, as grep or git give, and nothing on stderr
    (exit 1 would say a check failed)."""
    log = Path(__file__).resolve().parents[1] / "sample_logs" / "deep_linear_staircase"
    # The log 30 times over: the report (200-300 kB) outgrows the pipe's buffer, so the command is
    # still writing when the reader goes, however the two are scheduled.
    proc = subprocess.Popen([sys.executable, "-m", "curvedoc.cli", "analyze", *[str(log)] * 30, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == -signal.SIGPIPE, err
    assert err == b""


def test_the_entry_point_called_in_process_leaves_sigpipe_as_it_found_it(monkeypatch, capsys):
    # Called from a test or a notebook, main must not leave SIGPIPE at its default: a later write
    # to a pipe whose reader is gone (a child that exits before reading its input) would then
    # kill the calling process instead of raising BrokenPipeError.
    from curvedoc import cli

    before = signal.getsignal(signal.SIGPIPE)
    log = Path(__file__).resolve().parents[1] / "sample_logs" / "deep_linear_staircase"
    monkeypatch.setattr("sys.argv", ["curvedoc", "info", str(log)])
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == 0 and "deep_linear_staircase" in capsys.readouterr().out
    assert signal.getsignal(signal.SIGPIPE) == before
    child = subprocess.Popen([sys.executable, "-c", "pass"], stdin=subprocess.PIPE)
    child.wait(timeout=60)
    with pytest.raises(BrokenPipeError):
        child.stdin.write(b"x" * (1 << 20))
        child.stdin.flush()
    child.stdin = None  # already broken: nothing left to close


def test_a_sparse_column_written_as_nan_need_not_end_on_an_evaluation_row(tmp_path):
    # The sample MLP run written by pandas with na_rep="NaN" and its last evaluation's row cut
    # off, as a log read while training runs on: the held-out columns are NaN on every row since
    # the evaluation before. Not a divergence at the first step (every other row is NaN), which
    # threw the values away and failed `check`; an evaluation that is due and is NaN still is one.
    import pandas as pd

    frame = pd.read_csv(Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv")
    path = tmp_path / "metrics.csv"
    frame.iloc[:-1].to_csv(path, index=False, na_rep="NaN")
    res = cli("analyze", path, "--format", "json")
    assert res.returncode == 0, res.stderr
    metrics = {m["name"]: m for m in json.loads(res.stdout)["runs"][0]["metrics"]}
    for name in ("val_loss", "val_acc"):
        assert metrics[name]["n_points"] == frame[name].iloc[:-1].notna().sum()
        assert not any(e["nonfinite_step"] for e in metrics[name]["events"])
        assert any("read as not logged" in note for note in metrics[name]["notes"])
    assert cli("check", path).returncode == 0
    # The next evaluation due (one epoch later) written and NaN: the run diverged there.
    evaluated = frame.dropna(subset=["val_loss"]).step.to_numpy()
    every = int(evaluated[1] - evaluated[0])
    more = frame.iloc[-every:].assign(step=lambda f: f.step + every, val_loss=float("nan"), val_acc=float("nan"))
    pd.concat([frame, more]).to_csv(path, index=False, na_rep="NaN")
    res = cli("analyze", path, "--format", "json")
    val = next(m for m in json.loads(res.stdout)["runs"][0]["metrics"] if m["name"] == "val_loss")
    [div] = [e for e in val["events"] if e["kind"] == "divergence"]
    assert div["step"] == evaluated[-1] + every, (div["step"], evaluated[-1])


def test_a_nan_the_run_comes_back_from_is_a_spike_not_a_divergence(tmp_path):
    # The sample MLP run with two train_loss values overflowed to nan and inf at steps 1000-1001
    # (fp16, a skipped step) and training going on: before, a divergence at 1000 that cut the
    # analysis there and lost both LR decays after it.
    import pandas as pd

    frame = pd.read_csv(Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv")
    frame.loc[frame.step == 1000, "train_loss"] = float("nan")
    frame.loc[frame.step == 1001, "train_loss"] = float("inf")
    # val_loss written with na_rep="nan": nan at every step but the evaluations.
    path = tmp_path / "metrics.csv"
    frame.to_csv(path, index=False, na_rep="nan")
    res = cli("analyze", path, "--format", "json")
    assert res.returncode == 0, res.stderr
    metrics = {m["name"]: m for m in json.loads(res.stdout)["runs"][0]["metrics"]}
    train = metrics["train_loss"]["events"]
    [blip] = [e for e in train if e["nonfinite_step"] is not None]
    assert (blip["kind"], blip["label"], blip["step"], blip["end_step"], blip["after"]) == \
        ("spike", "instability", 1000, 1001, None)
    assert [(e["step"], e["label"]) for e in train if e["kind"] == "drop"] == [(2341, "lr_decay"), (4681, "lr_decay")]
    assert any("read as not logged" in note for note in metrics["val_loss"]["notes"])
    # ... and its events are those of the log as written (empty cells).
    written = cli("analyze", Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay", "--format", "json")
    [as_written] = [m for m in json.loads(written.stdout)["runs"][0]["metrics"] if m["name"] == "val_loss"]
    assert [(e["step"], e["kind"], e["label"]) for e in metrics["val_loss"]["events"]] == \
        [(e["step"], e["kind"], e["label"]) for e in as_written["events"]] != []
    checked = cli("check", path)
    assert checked.returncode == 1 and "no-instability" in checked.stdout and "no-divergence" not in checked.stdout


def test_a_log_of_ten_thousand_columns_analyses_the_first_fifty_and_says_so(tmp_path):
    # 10^4 series of 60 points (a per-unit dump): every one was analysed, for minutes.
    import numpy as np

    from curvedoc.analysis import MAX_METRICS, analyze

    rng = np.random.default_rng(0)
    values = 1.0 / (1 + np.arange(60))[:, None] * np.exp(0.05 * rng.standard_normal((60, 10_000)))
    path = tmp_path / "metrics.csv"
    path.write_text("step," + ",".join(f"m{j}" for j in range(10_000)) + "\n"
                    + "".join(f"{i}," + ",".join(f"{v:.4g}" for v in row) + "\n" for i, row in enumerate(values)))
    (ra,) = analyze(path)
    assert [m.name for m in ra.metrics] == [f"m{j}" for j in range(MAX_METRICS)]
    assert f"10000 metrics: the first {MAX_METRICS} are analysed (m0 to m{MAX_METRICS - 1}); name others with --metric" \
        in ra.run.warnings
    (ra,) = analyze(path, metrics=["m9999"])
    assert [m.name for m in ra.metrics] == ["m9999"]


def test_a_line_of_millions_of_fields_and_a_cell_of_millions_of_digits_end_quickly(tmp_path):
    # 50 MB of "0.1," with no line end (pandas renames 13 million repeated names, quadratically),
    # and a 20 MB cell of digits (the unit-stripping pattern tried every split of the digits):
    # each ran for minutes. The first is refused in one line; the second reads the row around it.
    line = tmp_path / "line" / "metrics.csv"
    line.parent.mkdir()
    line.write_bytes(b"0.1," * (50 * 1024 * 1024 // 4))
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(line)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2 and res.stderr.count("\n") == 1
    assert "the first line has 13,107,201 fields: no header of a training log" in res.stderr
    cell = tmp_path / "cell" / "metrics.csv"
    cell.parent.mkdir()
    cell.write_bytes(b"step,loss\n1," + b"9" * (20 * 1024 * 1024) + b"\n" + b"".join(
        f"{s},{1 / s:.4f}\n".encode() for s in range(2, 200)))
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(cell)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0 and "1 non-numeric cell treated as not logged" in res.stdout + res.stderr


def test_an_error_naming_a_long_unbroken_string_is_said_at_once(tmp_path):
    # Every error message passes the filter that names standard input's copy; its pattern, tried at
    # every character of a 10^5-character word, took minutes (quadratic), for a metric name or a
    # column name that long.
    path = tmp_path / "log.csv"
    path.write_text(curve_csv(200))
    name = "x" * 100_000
    res = cli("analyze", "--metric", name, path)
    one_error_line(res, "no metric named")
    wide = tmp_path / "wide.csv"
    wide.write_text(curve_csv(200, header=f"step,{name}"))
    res = cli("analyze", "--metric", "loss", wide)
    one_error_line(res, "a column name of 100,000 characters: no header of a training log")


def test_lines_printed_above_a_csv_header_are_skipped_and_said(tmp_path):
    # A script that prints a title (or "Starting training...") before writing its CSV: the table
    # below is read, the lines named. Read as a text log, the real diverged YOLOv3 run became one
    # point ("run 7") and `check` passed it.
    from realdata import REAL_LOGS

    real = (REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv").read_text()
    for lead in ("Training log for run 7\n", "Starting training...\nusing GPU 0\n\n"):
        log = tmp_path / "run.csv"
        log.write_text(lead + real)
        (run,) = curvedoc.read(log)
        (plain,) = curvedoc.read(REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv")
        np.testing.assert_array_equal(run.series("train_loss").to_numpy(), plain.series("train_loss").to_numpy())
        n = lead.strip().count("\n") + 1
        assert any(w.startswith(f"{n} line{'s' * (n > 1)} before the table's header skipped") for w in run.warnings)
        out = cli("check", str(log))
        assert out.returncode == 1 and "no-divergence" in out.stdout
    # A text log whose lines hold commas stays a text log.
    text = tmp_path / "train.log"
    text.write_text("GPT run\n" + "".join(f"iter {i}: loss {3 - i / 100:.4f}, lr 6e-4, time 1.2ms\n"
                                          for i in range(0, 300, 10)))
    (run,) = curvedoc.read(text)
    assert run.format == "text" and len(run.series("loss")) == 30


def test_a_log_with_gigabytes_of_nul_bytes_after_it_is_read_without_holding_them(tmp_path):
    # A CSV a crashed writer (or a preallocating filesystem) left with a 3 GB tail of NUL bytes,
    # here a sparse file: reading it held all 3 GB twice over (6 GB, 45 s). The table is read,
    # the NUL tail said, in the memory of an ordinary small log.
    log = tmp_path / "metrics.csv"
    log.write_text("step,loss\n" + "".join(f"{i},{2.0 / (1 + i / 50):.5f}\n" for i in range(300)))
    with open(log, "r+b") as fh:
        fh.truncate(3 << 30)
    code = ("import resource, curvedoc; (run,) = curvedoc.read(%r); "
            "print(len(run.series('loss')), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, run.warnings)")
    res = subprocess.run([sys.executable, "-c", code % str(log)], capture_output=True, text=True, timeout=300)
    n, peak_mb, warnings = res.stdout.split(" ", 2)
    assert int(n) == 300 and "NUL" in warnings
    assert int(peak_mb) < 1024, peak_mb
    # Not sparse: 5 MB of NULs written out, scanned back over to the table's end.
    small = tmp_path / "small.csv"
    with open(log, "rb") as fh:
        small.write_bytes(fh.read(20_000).rstrip(b"\0") + b"\0" * (5 << 20))
    (run,) = curvedoc.read(small)
    assert len(run.series("loss")) == 300 and any("NUL" in w for w in run.warnings)


def test_nul_bytes_before_a_table_are_said_as_what_was_read(tmp_path):
    # A megabyte of NULs before a CSV (a preallocated file written from its end): refused, rightly, but said to
    # hold "only NUL bytes", which the table after them belies. A file of NULs alone still says so.
    table = "step,loss\n" + "".join(f"{i},{2.0 / (1 + i / 50):.5f}\n" for i in range(300))
    log = tmp_path / "metrics.csv"
    log.write_bytes(b"\0" * 1_000_000 + table.encode())
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(log)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1 and "opens with" in res.stderr, res.stderr
    assert "only NUL" not in res.stderr
    log.write_bytes(b"\0" * 1000)
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(log)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2 and "the file holds only NUL bytes" in res.stderr, res.stderr


def test_a_line_holding_nul_characters_in_a_utf16_console_is_skipped_as_in_utf8(tmp_path):
    # PowerShell's "> log.txt" writes UTF-16: a line a crash left with NULs ("iter 151\0\0: loss 0.77") lost its
    # step, and its loss replaced the good one of step 150, said only as "logged again". In UTF-8 it is skipped.
    lines = [f"iter {i}: loss {2.0 / (1 + i / 50):.6f}, lr 0.1" for i in range(1, 301)]
    lines[150] = lines[150].replace(":", "\0\0:", 1)
    log = tmp_path / "console.log"
    log.write_bytes("\n".join(lines).encode("utf-16") + "\n".encode("utf-16-le"))
    (run,) = curvedoc.read(log)
    loss = run.series("loss")
    assert 151 not in loss.index and loss[150] == round(2.0 / (1 + 150 / 50), 6) and len(loss) == 299
    assert any("1 line with NUL bytes skipped (line 151" in w for w in run.warnings), run.warnings


def test_json_lines_of_arrays_are_refused_as_such(tmp_path):
    # "[1, 2.54]" per line (a loop dumping json.dumps([step, loss])): refused as "more text after the end of the
    # JSON document (something appended to the file?)", which no file was.
    log = tmp_path / "history.jsonl"
    log.write_text("".join(f"[{i}, {2.0 / (1 + i / 50):.6f}]\n" for i in range(1, 301)))
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "info", str(log)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1, res.stderr
    assert "JSON lines of arrays, not of objects" in res.stderr and "appended" not in res.stderr


def test_a_negative_step_range_is_written_with_to(tmp_path):
    # "steps -995--400" read as a typo; stages and evidence the same ("-995--705").
    log = tmp_path / "metrics.csv"
    log.write_text("step,loss\n" + "".join(f"{s},{1.0 if s < -700 else 0.5}\n" for s in range(-995, -399, 5)))
    out = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", log.name], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path).stdout
    assert "steps -995 to -400" in " ".join(out.split()) and "--" not in out
    assert re.search(r"^1 +-995 to -705 ", out, re.M)


def test_one_corrupt_step_among_whole_ones_is_set_aside_in_every_format(tmp_path):
    # One row 80% through a real log whose step is past 2^53 (or fractional, in W&B's history) made
    # the whole log unreadable, where a text or negative step in the same place is set aside.
    root = Path(__file__).resolve().parents[1]
    state = json.loads((root / "sample_logs" / "saturated_sigmoid_hf" / "trainer_state.json").read_text())
    history = state["log_history"]
    at = int(0.8 * len(history))
    history[at] = {**history[at], "step": 10 ** 30}
    hf = tmp_path / "hf" / "trainer_state.json"
    hf.parent.mkdir()
    hf.write_text(json.dumps(state))
    wandb = next((root / "benchmarks" / "corpus" / "const_adam_teacher_wandb").rglob("wandb-history.jsonl"))
    lines = wandb.read_text().splitlines()
    at = int(0.8 * len(lines))
    whole = len(curvedoc.read(root / "sample_logs" / "saturated_sigmoid_hf")[0].frame)
    cases = [(hf, "1 log entry whose step is past 2^53 (corrupt) skipped (the first: 31 digits)", whole)]
    for bad, shown in ((1e20, "1e+20"), (480.5, "480.5")):
        record = json.loads(lines[at])
        record["_step"] = bad
        path = tmp_path / f"wb{shown}" / "wandb-history.jsonl"
        path.parent.mkdir()
        path.write_text("\n".join(lines[:at] + [json.dumps(record)] + lines[at + 1:]) + "\n")
        cases.append((path, f"1 record whose _step is no whole step under 2^53 skipped (the first: {shown})",
                      len(lines)))
    rows = (root / "sample_logs" / "mlp_step_decay" / "metrics.csv").read_text().splitlines()
    at = int(0.8 * len(rows))
    csv = tmp_path / "metrics.csv"
    csv.write_text("\n".join(rows[:at] + ["99999999999999999999" + rows[at][rows[at].index(","):]]
                             + rows[at + 1:]) + "\n")
    cases.append((csv, "1 row whose 'step' is past 2^53 set aside (the first holds '1e+20')", len(rows) - 1))
    for path, warning, whole in cases:
        [run] = curvedoc.read(path)
        assert warning in run.warnings, (path, run.warnings)
        assert whole - 1 <= len(run.frame) < whole and run.frame.index.max() < 2 ** 53, (path, len(run.frame), whole)
        assert cli("analyze", path).returncode == 0


def test_parquet_text_and_list_columns_are_not_decoded_into_gigabytes(tmp_path):
    # One 2,000-character note on every row (a dictionary of one value) and a list of 1,000 zeros a
    # row: small files that decoded into 6 GB and 2.4 GB past the header check, which counted 8
    # bytes a cell. Numbers written as text ("0.1") are still read.
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 200_000
    steps, loss = np.arange(n), np.linspace(2.0, 0.5, n)
    note = pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array(["x" * 2000]))
    path = tmp_path / "history.parquet"
    pq.write_table(pa.table({"_step": steps, "loss": loss, "note": note,
                             "vec": pa.array([[0.0] * 100] * 2000 + [[]] * (n - 2000)),
                             "lr": pa.array(["0.1"] * n)}), path)
    res = cli("info", path, env={"CURVEDOC_MAX_INFLATED_MB": "16"})
    assert res.returncode == 0, res.stderr
    assert "non-numeric column skipped: note" in res.stdout and "non-numeric column skipped: vec" in res.stdout
    # Neither is ever decoded: the note is measured on its dictionary, the list not read at all.
    calls = []
    real = pq.read_table

    def spy(source, columns=None, read_dictionary=None, **kw):
        calls.append((columns, read_dictionary))
        return real(source, columns=columns, read_dictionary=read_dictionary, **kw)

    pq.read_table = spy
    try:
        [run] = curvedoc.read(path)
    finally:
        pq.read_table = real
    assert run.role("lr") == "lr" and run.series("lr").iloc[0] == 0.1
    decoded = [c for columns, dictionary in calls for c in (columns or ["every column"]) if c not in (dictionary or [])]
    assert "note" not in decoded and "vec" not in decoded and "every column" not in decoded, calls


def test_an_epoch_column_holding_infinities_places_no_step(tmp_path):
    # A Keras log whose epoch column reads -inf on two rows (a corrupted write), and a step-indexed
    # CSV whose epoch column does: both ended in "internal error: OverflowError" (an epoch of -inf
    # read as a whole number); the other rows' epochs still date the decay.
    rows = [f"{e},{1 / (1 + e / 20) if e < 20 else 0.15 / (1 + (e - 20) / 20):.5f},{0.1 if e < 20 else 0.01}"
            for e in range(40)]
    for at in (21, 31):
        rows[at] = "-inf," + rows[at].split(",", 1)[1]
    keras = tmp_path / "training.log"
    keras.write_text("epoch,loss,lr\n" + "\n".join(rows) + "\n")
    stepped = tmp_path / "metrics.csv"
    stepped.write_text("step,epoch,loss,lr\n" + "\n".join(f"{i + 1},{r}" for i, r in enumerate(rows)) + "\n")
    for log in (keras, stepped):
        res = cli("analyze", log)
        assert res.returncode == 0 and "internal error" not in res.stderr, res.stderr
        # Two rows of 40 are few enough to set aside: the Keras log is then read on its epochs.
        assert re.search(r"((row|step) +2[01] +)?epoch +(19|20) +loss +drop .* lr_decay", res.stdout), res.stdout


def test_a_level_read_on_fewer_points_than_its_window_is_their_median():
    # A setback's "gave back what it had learned" reads the best level before it in windows of a
    # twentieth of the whole curve: with an LR spike at its third point there were fewer points before
    # it than one window, and no level at all (internal error: argmin of an empty sequence).
    from curvedoc.summary import lowest_level

    assert lowest_level(np.array([0.011, 0.005, 0.019]), 4) == (1, 0.011)


def test_a_setback_past_the_largest_float_is_said_as_a_power_of_ten():
    # A ratio past the largest float is read on the logs: exactly 10^600 came out "x10e+599".
    from curvedoc.detect import factor_text

    assert factor_text(1e300, 1e-300) == "x1e+600"
    assert factor_text(1.79e308, 0.48) == "x3.73e+308"
    assert factor_text(3.72, 1.0) == "x3.72"


def test_a_loss_swinging_between_float_extremes_is_summarised_without_inf(tmp_path):
    # A loss alternating 1e-300 and 1e+300 (a fuzzed log): the summary said it "climbed back infx".
    log = tmp_path / "metrics.csv"
    log.write_text("step,loss\n" + "".join(f"{i},{'1e+300' if i % 2 else '1e-300'}\n" for i in range(40)))
    res = cli("analyze", log)
    assert res.returncode == 0 and "climbed back 1e+600x" in res.stdout and "infx" not in res.stdout, res.stdout


def test_a_line_of_millions_of_numbers_split_by_spaces_is_refused_before_it_is_split(tmp_path):
    # ' '.join(map(str, losses)) with no line end: the 200 MB line took 7.4 GB (37 times the file)
    # before it was refused as "the first line holds numbers"; a smaller machine killed the process.
    # It is refused on counting its fields, in a small multiple of the file, with a comment line
    # above it too (np.savetxt's header).
    code = ("import resource, curvedoc\nfrom curvedoc.errors import CurvedocError\ntry:\n    curvedoc.read(%r)\n"
            "except CurvedocError as err:\n    print(err)\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    line = " ".join(["0.5"] * 10_000_000)
    for name, text in (("losses.txt", line), ("savetxt.txt", "# loss\n" + line + "\n")):
        log = tmp_path / name
        log.write_text(text)
        res = subprocess.run([sys.executable, "-c", code % str(log)], capture_output=True, text=True, timeout=300)
        said, peak_mb = res.stdout.splitlines()
        assert said == f"{log}: the first line has more than 1,000,000 fields: no header of a training log"
        assert int(peak_mb) < 20 * len(text) / 2**20, peak_mb  # 232 MB alone, up to 450 under a parallel suite


def test_a_colon_separated_account_file_is_no_training_log(tmp_path):
    # /etc/passwd's layout (name:x:uid:gid:gecos:home:shell), saved as a .txt: "x:0" on every line was read
    # as a metric x, and check failed the file with "x: instability, rise 11.58 -> 1011".
    lines = [f"user{i}:x:{1000 + 3 * i if i % 7 else i}:{i}:User {i}:/home/user{i}:/bin/bash" for i in range(24)]
    path = tmp_path / "accounts.txt"
    path.write_text("\n".join(lines) + "\n")
    for command in ("info", "analyze", "check"):
        one_error_line(cli(command, path), "no line holds a training record")


def test_a_cell_or_line_holding_a_long_run_of_digits_or_letters_is_read_in_linear_time(tmp_path):
    # Patterns that could split a run of digits more than one way (``\d+\.?\d*``) tried every split before
    # failing on the letter after it: 24 s for a CSV cell of 30,000 digits, 65 s for a text log's value, a
    # 50 MB cell past any timeout. A name searched for from each letter of a long header cell did the same.
    long = "1" * 100_000
    rows = "".join(f"{s},{1 / s},x\n" for s in range(2, 50))
    (tmp_path / "note.csv").write_text(f"step,loss,note\n1,0.5,{long}z\n" + rows)
    (tmp_path / "semi.csv").write_text(f"step;loss;note\n1;0,5;{long},z\n" + rows.replace(",", ";"))
    (tmp_path / "fortran.csv").write_text(f"step,loss,lr\n1,0.5,{long}z\n" + rows.replace(",x", ",1.0D-03"))
    for name in ("note.csv", "semi.csv", "fortran.csv"):
        [run] = curvedoc.read(tmp_path / name)
        assert run.format == "csv" and len(run.series("loss")) == 49, name
    steps = "".join(f"step {s} loss {1 / s}\n" for s in range(2, 50))
    for first in (f"step 1 x {long}z\n", f"step 1 loss tensor({long}z)\n"):
        (tmp_path / "train.log").write_text(first + steps)
        [run] = curvedoc.read(tmp_path / "train.log")
        assert run.series("loss").index.tolist() == list(range(2, 50))
    (tmp_path / "header.csv").write_text("a" * 100_000 + ",loss\n")
    with pytest.raises(CurvedocError, match="column name of 100,000 characters"):
        curvedoc.read(tmp_path / "header.csv")


def test_a_plain_file_emptied_while_read_is_not_called_decompressed(tmp_path):
    # A CSV rewritten in a loop by the training script: caught empty between its size and its text, it was
    # "empty once decompressed", though never compressed. A gzip holding nothing still says that.
    import gzip

    from curvedoc.readers import _sniff_text

    plain = tmp_path / "r.csv"
    plain.write_text("step,loss\n1,0.5\n")
    with pytest.raises(CurvedocError, match=r"empty \(rewritten while it was read\?\)"):
        _sniff_text(plain, "")
    packed = tmp_path / "r.csv.gz"
    packed.write_bytes(gzip.compress(b""))
    with pytest.raises(CurvedocError, match="empty once decompressed"):
        _sniff_text(packed, "")
