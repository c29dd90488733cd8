"""`curvedoc watch` and `curvedoc.watch`: a log written while it runs, each event once, the stage-end alert."""

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
from typer.testing import CliRunner

import curvedoc
from curvedoc.cli import app
from curvedoc.watching import flat_stretch
from realdata import REAL_LOGS

DECAY = 600


def step_decay_rows(n: int = 1200, seed: int = 1) -> list[str]:
    """Stage 1 flattens from ~step 250 (1 + 2 exp(-t/50)), the LR decays at 600, stage 2 flattens ~750."""
    rng = np.random.default_rng(seed)
    steps = np.arange(n)
    lr = np.where(steps < DECAY, 0.1, 0.01)
    loss = np.where(steps < DECAY, 1 + 2 * np.exp(-steps / 50), 0.5 + 0.5 * np.exp(-(steps - DECAY) / 30))
    loss = loss * np.exp(rng.normal(0, 0.01, n))
    return [f"{s},{a},{b:.5f}\n" for s, a, b in zip(steps, lr, loss)]


class ChunkWriter:
    """Appends the next chunk of rows each time it is called: a fake ``sleep`` for watch."""

    def __init__(self, path: Path, rows: list[str], chunk: int):
        self.path, self.rows, self.chunk, self.at = path, rows, chunk, 0

    def __call__(self, _seconds=0.0):
        with open(self.path, "a") as fh:
            fh.writelines(self.rows[self.at:self.at + self.chunk])
        self.at += self.chunk


def test_events_and_alerts_once_each_as_the_log_grows(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("step,lr,train_loss\n")
    rows = step_decay_rows()
    grow = ChunkWriter(log, rows, 40)
    updates = list(curvedoc.watch(log, interval=0, max_updates=len(rows) // 40 + 1, sleep=grow))
    events = [u for u in updates if u.kind == "event"]
    alerts = [u for u in updates if u.kind == "alert"]
    decays = [u for u in events if u.event.label == "lr_decay"]
    assert len(decays) == 1 and DECAY - 10 <= decays[0].step <= DECAY + 15
    # Each event reported once: no two reports of one metric within a few steps of each other.
    steps = sorted(u.step for u in events)
    assert all(b - a > 15 for a, b in zip(steps, steps[1:]))
    # One alert per stage: stage 1 flat from ~250, before the decay; stage 2 flat after it.
    assert len(alerts) == 2
    first, second = alerts
    assert 150 <= first.step <= 350 and first.step < DECAY
    assert re.fullmatch(r"train_loss: stage has been flat since step \d+ \(\d+ steps\): consider decaying the LR",
                        first.message)
    assert any("lr 0.1 since step 0" == ev for ev in first.evidence)
    assert DECAY < second.step <= 900
    assert any(ev.startswith("lr 0.01 since step 600") for ev in second.evidence)
    # The alert comes while the stage is still running, not after the fact.
    assert updates.index(first) < updates.index(decays[0])


def test_cli_follows_a_log_another_thread_appends_to(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("step,lr,train_loss\n")
    rows = step_decay_rows()

    def writer():
        with open(log, "a") as fh:
            for i in range(0, len(rows), 60):
                fh.writelines(rows[i:i + 60])
                fh.flush()
                time.sleep(0.05)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = CliRunner().invoke(app, ["watch", str(log), "--interval", "0.05", "--timeout", "4"])
    finally:
        thread.join()
    assert result.exit_code == 0, result.output
    out = result.output
    assert re.search(r"^step (59\d|6\d\d)  train_loss  drop .* lr_decay", out, re.M)
    assert len(re.findall(r"lr_decay \(", out)) == 1
    assert "stage end: train_loss: stage has been flat since step" in out


def test_missing_then_present_then_rotated(tmp_path):
    log = tmp_path / "log.csv"
    rows = step_decay_rows(500)
    calls = {"n": 0}

    def sleep(_):
        calls["n"] += 1
        if calls["n"] == 2:
            log.write_text("step,lr,train_loss\n" + "".join(rows))
        elif calls["n"] == 4:
            log.unlink()
        elif calls["n"] == 6:
            log.write_text("step,lr,train_loss\n" + "".join(rows[:200]))

    updates = list(curvedoc.watch(log, interval=0, max_updates=2, sleep=sleep))
    notes = [u.message for u in updates if u.kind == "note"]
    assert notes[0].endswith("is not there (yet); waiting for it")
    assert any(n.endswith("is back") for n in notes)
    assert any("shrank" in n for n in notes)
    assert any(u.kind == "alert" for u in updates)  # the first file's stage 1 was flat


def test_a_line_caught_mid_write_is_left_out(tmp_path):
    log = tmp_path / "log.csv"
    rows = step_decay_rows(400)
    log.write_text("step,lr,train_loss\n" + "".join(rows) + "400,0.1,1.0")  # no newline: still being written
    updates = list(curvedoc.watch(log, interval=0, max_updates=1, sleep=lambda s: None))
    assert not [u for u in updates if u.kind == "note"]
    assert [u.kind for u in updates] == ["alert"]


def test_trainer_state_rewritten(tmp_path):
    """A Hugging Face trainer_state.json rewritten at each save, from the real Whisper fine-tune."""
    full = json.loads((REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json").read_text())
    history = full["log_history"]
    state = tmp_path / "trainer_state.json"
    cuts = iter([len(history) // 3, 2 * len(history) // 3, len(history)])

    def save(_=0.0):
        n = next(cuts, None)
        if n is not None:
            state.write_text(json.dumps({**full, "log_history": history[:n]}))

    save()
    updates = list(curvedoc.watch(state, interval=0, max_updates=3, sleep=save))
    events = [u for u in updates if u.kind == "event"]
    # The sawtooth at epoch starts (see PROVENANCE.md), each drop once.
    assert events and all(u.event.label == "epoch_boundary" for u in events)
    assert len({u.step for u in events}) == len(events)
    # Every drop the whole log shows was reported, though some came with less data in hand.
    direct = curvedoc.analyze(REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json")[0]
    truth = {e.step for sa in direct.metrics for e in sa.events}
    assert truth <= {u.step for u in events}


def test_ctrl_c_exits_cleanly(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("step,lr,train_loss\n" + "".join(step_decay_rows(300)))
    proc = subprocess.Popen([sys.executable, "-m", "curvedoc.cli", "watch", str(log), "--interval", "0.1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        first = proc.stdout.readline()  # printed once the log was read: the watch loop is running
        assert "stage end" in first
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert out.strip().endswith("stopped")


def test_flat_stretch_needs_no_gain_for_long_enough():
    rng = np.random.default_rng(0)
    steps = np.arange(2000)
    noise = np.exp(rng.normal(0, 0.02, len(steps)))
    flat_after_800 = (1 + np.exp(-steps / 100)) * noise
    f = flat_stretch(steps, flat_after_800, 0, log=True, higher_is_better=False)
    assert f is not None and 300 <= f.since <= 800 and f.last == 1999
    # A steady decline of 10% over the run is never flat, whatever the noise.
    declining = np.exp(-0.1 * steps / 2000) * noise
    assert flat_stretch(steps, declining, 0, log=True, higher_is_better=False) is None
    # Accuracy climbing then flat (higher is better, linear scale).
    acc = 0.9 - 0.5 * np.exp(-steps / 150) + rng.normal(0, 0.005, len(steps))
    f = flat_stretch(steps, acc, 0, log=False, higher_is_better=True)
    assert f is not None and 300 <= f.since <= 1000


def test_growing_tensorboard_event_file(tmp_path):
    """An event file TensorBoard's record writer keeps appending to, in a run directory."""
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.record_writer import RecordWriter

    rundir = tmp_path / "runs" / "exp1"
    rundir.mkdir(parents=True)
    rows = [line.split(",") for line in step_decay_rows(1000)]
    fh = open(rundir / "events.out.tfevents.1700000000.host.1.0", "wb")
    writer = RecordWriter(fh)
    writer.write(event_pb2.Event(wall_time=1.7e9, file_version="brain.Event:2").SerializeToString())
    at = {"i": 0}

    def grow(_=0.0):
        for step, lr, loss in rows[at["i"]:at["i"] + 100]:
            for tag, value in (("train/loss", float(loss)), ("train/lr", float(lr))):
                summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=value)])
                writer.write(event_pb2.Event(wall_time=1.7e9 + int(step), step=int(step),
                                             summary=summary).SerializeToString())
        fh.flush()
        at["i"] += 100

    grow()
    try:
        updates = list(curvedoc.watch(tmp_path / "runs", interval=0, max_updates=10, sleep=grow))
    finally:
        fh.close()
    decays = [u for u in updates if u.kind == "event" and u.event.label == "lr_decay"]
    assert len(decays) == 1 and DECAY - 10 <= decays[0].step <= DECAY + 15
    alerts = [u for u in updates if u.kind == "alert"]
    assert alerts and 150 <= alerts[0].step <= 350


def test_a_growing_file_is_read_only_from_where_the_last_read_stopped(tmp_path):
    from curvedoc.watching import _Tail

    path = tmp_path / "log.csv"
    path.write_bytes(b"step,loss\n0,1.0\n")
    tail = _Tail()
    assert tail.read(path) == b"step,loss\n0,1.0\n"
    with open(path, "r+b") as fh:  # change the start in place: a re-read would see it
        fh.write(b"STEP")
    with open(path, "ab") as fh:
        fh.write(b"1,0.9\n")
    assert tail.read(path) == b"step,loss\n0,1.0\n1,0.9\n"
    path.write_bytes(b"step,loss\n5,0.5\n")  # rewritten shorter: read afresh
    assert tail.read(path) == b"step,loss\n5,0.5\n"
