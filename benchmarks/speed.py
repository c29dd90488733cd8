"""`make bench`: curvedoc's speed and memory against what a user would otherwise run.

Every measurement runs in a fresh subprocess; its peak memory is that
process's maximum RSS (``os.wait4``), its time either the wall time of the
whole command (rows that time a command) or the time of the call itself
measured inside the child after a warm-up read of a small file of the same
format (rows that time a read). A measurement that takes under
``SHORT_RUN`` seconds is repeated and the median of 3 reported; longer ones
run once (the table says which). curvedoc's runs and its baseline's
alternate, so that both meet the same load on a shared machine. Inputs are
generated into a temporary directory by ``benchmarks/synthetic.py`` and
deleted afterwards (``--keep DIR`` keeps and reuses them).

Sections: 1 reading, 2 end-to-end ``analyze`` against n, 3 detection quality
and time against plain ruptures, 4 start-up, 5 sweeps with ``--jobs``, and a
cProfile of ``analyze`` on 10^6 points. The tables go to stdout and between
the speed markers of docs/benchmarks.md.

This module imports only the standard library at the top: it is also the
child process of every measurement (``--task``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.docblock import write_block

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

# Runs shorter than this are repeated and the median of 3 reported.
SHORT_RUN = 3.0
REPEATS = 3
# Plain ruptures gets this long per curve before it is reported as "timeout".
RUPTURES_CAP = 20.0
# The quality section scores this many curves per size (seed 0 is the notes' layout).
QUALITY_SEEDS = (0, 1, 2)

# Issue 7's targets.
CSV_READ_RATIO = 1.5  # curvedoc read / pandas.read_csv(engine="pyarrow")
TB_VS_TBPARSE = 5.0  # at least this many times faster
TB_VS_ACCUMULATOR = 2.0
ANALYZE_VS_READ = 2.0  # analyze on 1e6 points / bare read of the same file
# Issue 3's: 1e6 points analysed in about the time pandas takes to read the same CSV, or less.
ANALYSIS_VS_READ = 1.25
BIG_SECONDS = 60.0  # analyze on 1e7 points
BIG_MEMORY = 3.0  # x the raw float64 data, plus the interpreter
HELP_SECONDS = 0.3
CHECK_VS_PANDAS = 2.0
# "Near-linear in cores": on 2 cores, at least this speed-up of --jobs 2 over --jobs 1.
SWEEP_SPEEDUP = 1.6
# Differences from the start-up floor smaller than this are run-to-run noise on this machine.
GROWTH_NOISE = 0.2


# --- running one measurement ------------------------------------------------------------------

@dataclass
class Sample:
    seconds: float | None  # None when it timed out or failed
    peak_mb: float
    status: str = "ok"
    out: dict = field(default_factory=dict)  # what a --task child printed
    cpu: float = 0.0  # user + system seconds of the process and its children
    load: float = 0.0  # 1-minute load average when it ended


@dataclass
class Measure:
    seconds: float | None
    peak_mb: float | None
    runs: int
    status: str = "ok"
    out: dict = field(default_factory=dict)
    cpu: float = 0.0
    load: float = 0.0

    def time_text(self, cpu: bool = False) -> str:
        """The time and how many runs it is the median of; with ``cpu``, the CPU time too (load-proof)."""
        if self.seconds is None:
            return self.status
        how = f"median of {self.runs}" if self.runs > 1 else "1 run"
        if cpu:
            how += f"; CPU {_fmt_s(self.cpu)}"
        return f"{_fmt_s(self.seconds)} ({how})"

    def mem_text(self) -> str:
        return "–" if self.peak_mb is None else f"{self.peak_mb:,.0f} MB"


def run_once(cmd: list[str], timeout: float = 600.0, inner: bool = False, stdout_to: Path | None = None,
             cwd: Path = ROOT, show_stderr: bool = False) -> Sample:
    """Run ``cmd`` in a fresh process; wall time (or the child's own ``seconds`` when ``inner``) and peak RSS.

    Linux charges a child's max RSS with the peak of the process it was
    (v)forked from, so this process must itself stay small: it never imports
    NumPy, and the inputs are written by a child.
    """
    with tempfile.TemporaryFile() as err, (open(stdout_to, "wb") if stdout_to else tempfile.TemporaryFile()) as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=None if show_stderr else err, cwd=cwd)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        # wait4 reports the process with its reaped children (--jobs workers): the
        # peak is the largest single process, the CPU time their sum.
        peak = usage.ru_maxrss / 1024  # KiB on Linux
        cpu = usage.ru_utime + usage.ru_stime
        if wall >= timeout and proc.returncode < 0:
            return Sample(None, peak, "timeout")
        if proc.returncode not in (0, 1):  # `check` exits 1 when a rule fails: still a run
            err.seek(0)  # (empty when show_stderr)
            lines = err.read().decode(errors="replace").strip().splitlines()
            return Sample(None, peak, f"failed ({lines[-1] if lines else proc.returncode})")
        payload = {}
        if inner and not stdout_to:
            out.seek(0)
            payload = json.loads(out.read().decode().strip().splitlines()[-1])
        return Sample(payload["seconds"] if inner else wall, peak, "ok", payload, cpu, os.getloadavg()[0])


def measure_together(runs: list[tuple[list[str], dict]], repeats: int = REPEATS,
                     short: float = SHORT_RUN) -> list[Measure]:
    """Measure commands side by side, alternating their runs so that they meet the same load.

    ``runs`` holds ``(cmd, run_once keyword arguments)``. Each command runs once;
    one shorter than ``short`` seconds runs ``repeats`` times in all and its
    median is reported.
    """
    samples = [[run_once(cmd, **kw)] for cmd, kw in runs]
    again = [s[0].seconds is not None and s[0].seconds < short for s in samples]
    for _ in range(repeats - 1):
        for i, (cmd, kw) in enumerate(runs):
            if again[i]:
                samples[i].append(run_once(cmd, **kw))
    return [_summary(s) for s in samples]


def measure(cmd: list[str], repeats: int = REPEATS, short: float = SHORT_RUN, **kw) -> Measure:
    return measure_together([(cmd, kw)], repeats, short)[0]


def _summary(samples: list[Sample]) -> Measure:
    ok = [s for s in samples if s.seconds is not None]
    if not ok:
        return Measure(None, samples[0].peak_mb, 1, samples[0].status)
    return Measure(statistics.median(s.seconds for s in ok), statistics.median(s.peak_mb for s in ok),
                   len(ok), "ok", ok[0].out, statistics.median(s.cpu for s in ok),
                   statistics.median(s.load for s in ok))


def task(name: str, *args: str) -> list[str]:
    return [PY, "-m", "benchmarks.speed", "--task", name, *map(str, args)]


def curvedoc_cmd(*args) -> list[str]:
    script = Path(PY).with_name("curvedoc")
    base = [str(script)] if script.exists() else [PY, "-m", "curvedoc.cli"]
    return base + [str(a) for a in args]


# --- the child side: one timed call, printed as JSON ----------------------------------------

def child(name: str, args: list[str]) -> None:
    """Warm up on a small file of the same format (imports, lazy modules), then time the call."""
    fn = TASKS[name]
    if name.startswith("read_") and len(args) > 1:
        fn(args[1])  # warm-up
    start = time.perf_counter()
    extra = fn(*args) if name == "analysis" else fn(args[0]) if args else fn()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, **(extra or {})}))  # a task's own "seconds" wins


def _read_curvedoc(path):
    import curvedoc

    runs = curvedoc.read(path)
    # Logged points of every series; the wall-time column curvedoc adds for event files is not one.
    return {"points": int(sum(int(r.frame.drop(columns=r.columns_with_role("wall_time")).notna().to_numpy().sum())
                              for r in runs))}


def _read_pandas_pyarrow(path):
    import pandas as pd

    frame = pd.read_csv(path, engine="pyarrow")
    return {"points": int(frame.drop(columns=[frame.columns[0]]).notna().to_numpy().sum())}


def _read_pandas_default(path):
    import pandas as pd

    frame = pd.read_csv(path)
    return {"points": int(frame.drop(columns=[frame.columns[0]]).notna().to_numpy().sum())}


def _analysis(path, warm):
    """The analysis of every run of a log already read (``analyze_run``), timed alone."""
    import curvedoc
    from curvedoc.analysis import analyze_run

    for run in curvedoc.read(warm):
        analyze_run(run)
    runs = curvedoc.read(path)
    start = time.perf_counter()
    events = sum(len(s.events) for run in runs for s in analyze_run(run).metrics)
    return {"seconds": time.perf_counter() - start, "events": events}


def _read_tbparse(path):
    from tbparse import SummaryReader

    frame = SummaryReader(str(path)).scalars
    return {"points": len(frame)}


def _read_accumulator(path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    acc = EventAccumulator(str(path), size_guidance={"scalars": 0})
    acc.Reload()
    return {"points": sum(len(acc.Scalars(tag)) for tag in acc.Tags()["scalars"])}


def _read_json(path):
    with open(path) as fh:
        state = json.load(fh)
    return {"entries": len(state["log_history"])}


def _quality(method, n, seed):
    """Detections of one method on one synthetic curve; ``seconds`` covers detection only."""
    import numpy as np

    from benchmarks.synthetic import make_curve

    curve = make_curve(int(n), int(seed))
    warm = make_curve(2000, 99)
    QUALITY_METHODS[method](warm.steps, warm.loss)  # lazy imports out of the timing
    start = time.perf_counter()
    steps = QUALITY_METHODS[method](curve.steps, curve.loss)
    seconds = time.perf_counter() - start
    return {"detect_seconds": seconds, "steps": [int(s) for s in np.asarray(steps).tolist()],
            "truth": curve.truth}


def _curvedoc_detect(steps, values):
    from curvedoc.detect import analyze_series

    return [e.step for e in analyze_series(steps, values, "loss").events]


def _ruptures(algo):
    def detect(steps, values):
        import numpy as np
        import ruptures as rpt

        z = np.log(values)
        n = len(z)
        d = np.diff(z)
        sigma = 1.4826 * np.median(np.abs(d - np.median(d))) / math.sqrt(2)
        pen = 6 * sigma**2 * math.log(n)  # BIC-type, x3 headroom (change-point-notes.md, section 1)
        if algo == "window":
            model = rpt.Window(width=max(40, n // 200), model="l2", jump=5)
        elif algo == "binseg":
            model = rpt.Binseg(model="l2", min_size=2, jump=5)
        else:
            model = rpt.Pelt(model="l2", min_size=2, jump=5)
        bkps = model.fit(z).predict(pen=pen)
        return [steps[b] for b in bkps[:-1]]
    return detect


def _notes_pipeline(steps, values):
    from benchmarks.baselines import notes_pipeline

    return [d["step"] for d in notes_pipeline(steps, values)]


def _idle():
    """The interpreter with curvedoc's analysis stack imported and nothing read."""
    import curvedoc.analysis  # noqa: F401
    import curvedoc.cli  # noqa: F401
    import curvedoc.readers.csv_generic  # noqa: F401


TASKS = {"read_curvedoc": _read_curvedoc, "read_pandas_pyarrow": _read_pandas_pyarrow,
         "read_pandas_default": _read_pandas_default, "analysis": _analysis,
         "read_tbparse": _read_tbparse, "read_accumulator": _read_accumulator, "read_json": _read_json,
         "idle": _idle}
QUALITY_METHODS = {"curvedoc": _curvedoc_detect, "ruptures Pelt l2": _ruptures("pelt"),
                   "ruptures Binseg l2": _ruptures("binseg"), "ruptures Window l2": _ruptures("window"),
                   "notes pipeline": _notes_pipeline}


# --- inputs ---------------------------------------------------------------------------------

@dataclass
class Inputs:
    root: Path
    csv: dict[int, Path] = field(default_factory=dict)
    small_csv: Path | None = None
    tb: Path | None = None
    tb_small: Path | None = None
    hf: Path | None = None
    hf_small: Path | None = None
    sweep: list[Path] = field(default_factory=list)
    wide: Path | None = None

    def to_json(self) -> dict:
        return {"root": str(self.root), "csv": {str(k): str(v) for k, v in self.csv.items()},
                "small_csv": str(self.small_csv), "tb": str(self.tb), "tb_small": str(self.tb_small),
                "hf": str(self.hf), "hf_small": str(self.hf_small), "sweep": [str(p) for p in self.sweep],
                "wide": str(self.wide)}

    @classmethod
    def from_json(cls, d: dict) -> "Inputs":
        return cls(Path(d["root"]), {int(k): Path(v) for k, v in d["csv"].items()}, Path(d["small_csv"]),
                   Path(d["tb"]), Path(d["tb_small"]), Path(d["hf"]), Path(d["hf_small"]),
                   [Path(p) for p in d["sweep"]], Path(d["wide"]))


def make_inputs(root: Path, sizes: list[int], tb_n: int, hf_entries: int, sweep_runs: int,
                sweep_steps: int, log=None) -> Inputs:
    """Write every input once (reused when ``root`` already holds it)."""
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    from benchmarks.synthetic import make_curve, write_csv, write_tb_events, write_trainer_state

    inp = Inputs(root)
    for n in sizes:
        path = root / f"log_{n}.csv"
        if not path.exists():
            log(f"  writing {path.name}")
            write_csv(make_curve(n), path)
        inp.csv[n] = path
    inp.small_csv = root / "small.csv"
    if not inp.small_csv.exists():
        write_csv(make_curve(2000, decays=(0.5,), spikes=()), inp.small_csv)
    for name, n in (("tb_small", 2000), ("tb", tb_n)):
        d = root / name
        if not any(d.glob("*tfevents*")):
            log(f"  writing {name} ({n:,} steps) with TensorBoard's EventFileWriter")
            write_tb_events(make_curve(n), d)
        setattr(inp, name, next(d.glob("*tfevents*")))
    for name, entries in (("hf_small", 200), ("hf", hf_entries)):
        path = root / name / "trainer_state.json"
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            write_trainer_state(make_curve(entries * 10), path, entries)
        setattr(inp, name, path)
    inp.sweep = write_sweep(root / "sweep", sweep_runs, sweep_steps)
    inp.wide = root / "wide.csv"
    if not inp.wide.exists():
        write_wide(inp.wide, WIDE_ROWS, WIDE_METRICS)
    return inp


# A wide export (a W&B history of many runs' curves side by side): rows x metrics.
WIDE_ROWS, WIDE_METRICS = 10_000, 200


def write_wide(path: Path, rows: int, metrics: int) -> Path:
    """``metrics`` loss curves of ``rows`` steps side by side, each of its own seed, LR steps and spikes."""
    import numpy as np
    import pandas as pd
    from benchmarks.synthetic import make_curve

    table = {"step": np.arange(rows)}
    table.update({f"run{i}/loss": make_curve(rows, seed=i).loss for i in range(metrics)})
    pd.DataFrame(table).to_csv(path, index=False, float_format="%.6g")
    return path


def write_sweep(root: Path, runs: int, steps: int) -> list[Path]:
    """``runs`` Lightning run directories (``run_i/version_0/metrics.csv``), each a different seed."""
    import numpy as np

    from benchmarks.synthetic import make_curve

    dirs = []
    for i in range(runs):
        d = root / f"run_{i:03d}"
        path = d / "version_0" / "metrics.csv"
        dirs.append(d)
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        c = make_curve(steps, seed=1000 + i)
        cols = c.columns()
        epoch = c.steps // max(1, steps // 10)
        with open(path, "w") as fh:
            fh.write("epoch,step,train_loss,lr-SGD,val_loss\n")
            for s, e, loss, lr, val in zip(c.steps.tolist(), epoch.tolist(), cols["loss"].tolist(),
                                           cols["lr"].tolist(), cols["val_loss"].tolist()):
                fh.write(f"{e},{s},{loss:.6g},{lr:g},{'' if np.isnan(val) else f'{val:.6g}'}\n")
    return dirs


# --- the sections ---------------------------------------------------------------------------

@dataclass
class Row:
    section: str
    command: str
    input: str
    cd: Measure
    baseline: str
    base: Measure | None
    target: str = ""
    verdict: str = ""

    @property
    def ratio(self) -> float | None:
        if self.base is None or self.cd.seconds is None or not self.base.seconds:
            return None
        return self.cd.seconds / self.base.seconds


def section_reading(inp: Inputs, rows: list[Row], log) -> None:
    n = max(k for k in inp.csv if k <= 1_000_000)
    path, warm = inp.csv[n], inp.small_csv
    log(f"[1] reading a {n:,}-row CSV")
    cd, pa = measure_together([(task("read_curvedoc", path, warm), {"inner": True}),
                               (task("read_pandas_pyarrow", path, warm), {"inner": True})])
    row = Row("1 reading", "`curvedoc.read(path)`", f"CSV, {n:,} rows x 4 columns ({_mb(path)})", cd,
              '`pandas.read_csv(path, engine="pyarrow")`', pa, f"time ratio ≤ {CSV_READ_RATIO}")
    row.verdict = _verdict(row.ratio is not None and row.ratio <= CSV_READ_RATIO,
                           f"ratio {_fmt_r(row.ratio)}")
    rows.append(row)

    log(f"[1] reading an event file ({inp.tb.stat().st_size / 1e6:.0f} MB)")
    cd, tbp, acc = measure_together([(task(name, inp.tb, inp.tb_small), {"inner": True})
                                     for name in ("read_curvedoc", "read_tbparse", "read_accumulator")])
    points = cd.out.get("points")
    label = f"TensorBoard event file, {points:,} scalars ({_mb(inp.tb)})" if points else "TensorBoard event file"
    for name, base, need in (("`tbparse.SummaryReader(path).scalars`", tbp, TB_VS_TBPARSE),
                             ('`EventAccumulator(path, size_guidance={"scalars": 0})`', acc, TB_VS_ACCUMULATOR)):
        row = Row("1 reading", "`curvedoc.read(path)`", label, cd, name, base, f"≥ {need:g}x faster, every point kept")
        kept = points is not None and points == base.out.get("points")
        speedup = 1 / row.ratio if row.ratio else None
        why = f"{_fmt_x(speedup)} faster" + ("" if kept else
                                               f"; points {points} vs {base.out.get('points')}")
        row.verdict = _verdict(speedup is not None and speedup >= need and kept, why)
        rows.append(row)

    log("[1] reading a trainer_state.json")
    cd, js = measure_together([(task("read_curvedoc", inp.hf, inp.hf_small), {"inner": True}),
                               (task("read_json", inp.hf, inp.hf_small), {"inner": True})])
    entries = js.out.get("entries", 0)
    rows.append(Row("1 reading", "`curvedoc.read(path)`", f"trainer_state.json, {entries:,} log entries "
                    f"({_mb(inp.hf)})", cd, "`json.load(fh)` (parse only, no table)", js,
                    "(no target: the floor)", "–"))


def section_end_to_end(inp: Inputs, rows: list[Row], facts: dict, log) -> None:
    log("[2] interpreter baseline")
    out = {"stdout_to": inp.root / "out.txt"}
    idle, small = measure_together([(task("idle"), {}), (curvedoc_cmd("analyze", inp.small_csv), out)])
    facts["idle"] = idle
    rows.append(Row("2 analyze", "`curvedoc analyze LOG`", "CSV, 2,000 rows (start-up floor)", small,
                    "python + curvedoc's imports, nothing read", idle, "(the interpreter baseline)", "–"))
    for n, path in sorted(inp.csv.items()):
        log(f"[2] analyze on {n:,} points")
        cd, bare = measure_together([
            (curvedoc_cmd("analyze", path), out),
            ([PY, "-c", f"import pandas; pandas.read_csv({str(path)!r}, engine='pyarrow')"], {})])
        facts.setdefault("analyze", {})[n] = cd
        row = Row("2 analyze", "`curvedoc analyze LOG`", f"CSV, {n:,} rows x 4 columns ({_mb(path)})", cd,
                  "`python -c \"import pandas; pandas.read_csv(LOG, engine='pyarrow')\"`", bare)
        if n == 1_000_000:
            row.target = f"total ≤ {ANALYZE_VS_READ:g}x the bare read"
            row.verdict = _verdict(row.ratio is not None and row.ratio <= ANALYZE_VS_READ,
                                   f"ratio {_fmt_r(row.ratio)}")
        if n == 10_000_000:
            raw_mb = n * 4 * 8 / 2**20
            limit = BIG_MEMORY * raw_mb + (idle.peak_mb or 0)
            row.target = (f"< {BIG_SECONDS:g} s; peak ≤ {BIG_MEMORY:g} x {raw_mb:,.0f} MB raw float64 "
                          f"+ {idle.peak_mb:,.0f} MB interpreter = {limit:,.0f} MB")
            fast = cd.seconds is not None and cd.seconds < BIG_SECONDS
            lean = cd.peak_mb is not None and cd.peak_mb <= limit
            row.verdict = _verdict(fast and lean, f"time {'met' if fast else 'not met'}, "
                                                  f"memory {cd.mem_text()} {'met' if lean else 'not met'}")
        rows.append(row)
    log(f"[2] analyze on a wide log, {WIDE_ROWS:,} rows x {WIDE_METRICS} metrics")
    cd, bare = measure_together([
        (curvedoc_cmd("analyze", inp.wide), out),
        ([PY, "-c", f"import pandas; pandas.read_csv({str(inp.wide)!r}, engine='pyarrow')"], {})])
    rows.append(Row("2 analyze", "`curvedoc analyze LOG`",
                    f"CSV, {WIDE_ROWS:,} rows x {WIDE_METRICS} metrics ({_mb(inp.wide)}; the first 50 analysed)", cd,
                    "`python -c \"import pandas; pandas.read_csv(LOG, engine='pyarrow')\"`", bare))
    n = max(k for k in inp.csv if k <= 1_000_000)
    path = inp.csv[n]
    log(f"[2] the analysis alone on {n:,} points, against pandas' reads of the file")
    an, c, pa = measure_together([(task("analysis", path, inp.small_csv), {"inner": True}),
                                  (task("read_pandas_default", path, inp.small_csv), {"inner": True}),
                                  (task("read_pandas_pyarrow", path, inp.small_csv), {"inner": True})])
    for name, base in (("`pandas.read_csv(path)`", c), ('`pandas.read_csv(path, engine="pyarrow")`', pa)):
        row = Row("2 analyze", "`analyze_run(run)` on the runs read, timed alone",
                  f"CSV, {n:,} rows x 4 columns ({_mb(path)}), {an.out.get('events', '?')} events", an, name, base,
                  f"about the read or less (≤ {ANALYSIS_VS_READ:g}x)")
        row.verdict = _verdict(row.ratio is not None and row.ratio <= ANALYSIS_VS_READ, f"ratio {_fmt_r(row.ratio)}")
        rows.append(row)


def section_startup(inp: Inputs, rows: list[Row], log) -> None:
    log("[4] start-up")
    floor, helped, checked, checked_epochs = measure_together(
        [([PY, "-c", "import pandas"], {}), (curvedoc_cmd("--help"), {}),
         (curvedoc_cmd("check", inp.small_csv), {}), (curvedoc_cmd("check", inp.sweep[0]), {})],
        repeats=5, short=10)
    row = Row("4 start-up", "`curvedoc --help`", "–", helped, "`python -c \"import pandas\"`", floor,
              f"≤ {HELP_SECONDS} s")
    row.verdict = _verdict(helped.seconds is not None and helped.seconds <= HELP_SECONDS,
                           f"{_fmt_s(helped.seconds)}, CPU {_fmt_s(helped.cpu)}, load average {helped.load:.1f}")
    rows.append(row)
    row = Row("4 start-up", "`curvedoc check LOG`", "CSV, 2,000 rows, passes", checked,
              "`python -c \"import pandas\"`", floor, f"≤ {CHECK_VS_PANDAS:g}x `import pandas`")
    row.verdict = _verdict(row.ratio is not None and row.ratio <= CHECK_VS_PANDAS, f"ratio {_fmt_r(row.ratio)}")
    rows.append(row)
    # The same gate on a log with an epoch column (Lightning, HF, Keras all have one).
    row = Row("4 start-up", "`curvedoc check LOG`", "Lightning run directory (metrics.csv with an epoch column)",
              checked_epochs, "`python -c \"import pandas\"`", floor, f"≤ {CHECK_VS_PANDAS:g}x `import pandas`")
    row.verdict = _verdict(row.ratio is not None and row.ratio <= CHECK_VS_PANDAS, f"ratio {_fmt_r(row.ratio)}")
    rows.append(row)


def section_sweep(inp: Inputs, rows: list[Row], facts: dict, log) -> None:
    log(f"[5] sweep over {len(inp.sweep)} run directories")
    outs = {j: inp.root / f"sweep_jobs{j}.txt" for j in (1, 2)}
    serial, parallel = measure_together(
        [(curvedoc_cmd("analyze", "--format", "json", "--jobs", str(j), *inp.sweep), {"stdout_to": outs[j]})
         for j in (1, 2)], short=20)
    same = outs[1].exists() and outs[2].exists() and outs[1].read_bytes() == outs[2].read_bytes()
    facts["sweep_same"] = same
    n_runs = len(json.loads(outs[1].read_text())["runs"]) if same else 0
    row = Row("5 sweep", "`curvedoc analyze --jobs 2 DIR...`",
              f"{len(inp.sweep)} Lightning run directories ({n_runs} runs), output identical: {'yes' if same else 'NO'}",
              parallel, "`curvedoc analyze --jobs 1 DIR...`", serial, f"≥ {SWEEP_SPEEDUP:g}x speed-up on 2 cores")
    speedup = 1 / row.ratio if row.ratio else None
    why = f"{_fmt_x(speedup)}"
    if parallel.seconds and serial.seconds:
        # On a shared machine the speed-up is capped by the CPU the runs were given.
        why += (f"; CPU {serial.cpu:.1f} s serial, {parallel.cpu:.1f} s with 2 jobs, which got "
                f"{parallel.cpu / parallel.seconds:.2f} cores' worth of CPU")
    row.verdict = _verdict(speedup is not None and speedup >= SWEEP_SPEEDUP and same, why)
    rows.append(row)


@dataclass
class QualityCell:
    method: str
    n: int
    status: str = "ok"
    seconds: list[float] = field(default_factory=list)
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def section_quality(sizes: list[int], log) -> list[QualityCell]:
    from benchmarks.scoring import Tally, score_run

    cells = []
    for method in QUALITY_METHODS:
        stopped = None
        for n in sizes:
            if method != "curvedoc" and n > 1_000_000:
                continue
            cell = QualityCell(method, n)
            cells.append(cell)
            if stopped:
                cell.status = f"not run (timeout at {stopped:,})"
                continue
            log(f"[3] {method} at n = {n:,}")
            tally = Tally()
            for seed in QUALITY_SEEDS:
                cap = RUPTURES_CAP if method.startswith("ruptures") else 300
                s = run_once(task("quality", method, n, seed), timeout=cap, inner=True)
                if s.seconds is None:
                    cell.status = s.status if s.status != "timeout" else f"timeout (> {cap:g} s per curve)"
                    stopped = n
                    break
                cell.seconds.append(s.out["detect_seconds"])
                score_run(tally, s.out["truth"], [{"step": x} for x in s.out["steps"]], False)
            cell.tp, cell.fp, cell.fn = tally.tp, tally.fp, tally.fn
    return cells


def section_profile(inp: Inputs, log, top: int = 14) -> list[str]:
    """cProfile of ``curvedoc analyze`` on the 10^6-row CSV: where the time goes."""
    import pstats

    path = inp.csv.get(1_000_000) or inp.csv[max(inp.csv)]
    log(f"[profile] cProfile of analyze on {path.name}")
    prof = inp.root / "analyze.prof"
    run_once([PY, "-m", "cProfile", "-o", str(prof), "-m", "curvedoc.cli", "analyze", str(path)],
             stdout_to=inp.root / "out.txt")
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    entries = []
    for (file, line, func), (_, ncalls, tottime, cumtime, _) in stats.stats.items():
        entries.append((file, line, func, ncalls, tottime, cumtime))

    def where(file, line, func):
        short = file.split("site-packages/")[-1] if "site-packages/" in file else \
            os.path.relpath(file, ROOT) if file.startswith(str(ROOT)) else file
        return f"`{short}:{line}({func})`" if line else f"`{func}`"

    wrappers = ("<module>", "main", "analyze", "analyze_logs", "_analyze_one", "<listcomp>", "<genexpr>")
    ours = [e for e in entries if e[0].startswith(str(ROOT / "curvedoc")) and
            e[2] not in wrappers or (e[2] == "<module>" and e[0].endswith("analysis.py"))]
    ours.sort(key=lambda e: -e[5])
    lines = [f"Total under the profiler: {total:.2f} s (cProfile slows Python-level code; use the shares).", "",
             "| curvedoc function (cumulative) | calls | cumulative s | share |", "|---|---|---|---|"]
    for file, line, func, ncalls, tottime, cumtime in ours[:top]:
        label = "import of curvedoc.analysis and all it imports at the top" \
            if func == "<module>" else where(file, line, func)
        lines.append(f"| {label} | {ncalls} | {cumtime:.3f} | {cumtime / total:.0%} |")
    entries.sort(key=lambda e: -e[4])
    lines += ["", "| own time (any module) | calls | own s | share |", "|---|---|---|---|"]
    for file, line, func, ncalls, tottime, cumtime in entries[:10]:
        lines.append(f"| {where(file, line, func)} | {ncalls} | {tottime:.3f} | {tottime / total:.0%} |")
    return lines


# --- rendering ------------------------------------------------------------------------------

def machine() -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for mod in ("numpy", "pandas", "pyarrow", "ruptures", "tensorboard", "tbparse", "google_crc32c"):
        try:
            from importlib.metadata import version
            versions.append(f"{mod} {version(mod.replace('_', '-'))}")
        except Exception:  # noqa: BLE001 — missing package: say so
            versions.append(f"{mod} missing")
    return [f"- nproc {cores}, CPU \"{model}\", {ram}, {platform.system()} {platform.release()}",
            f"- Python {platform.python_version()}; " + ", ".join(versions),
            f"- load average at start {_loadavg()}"]


def bytecode() -> str:
    """Compile curvedoc to bytecode, as ``pip install`` does for the packages it is measured
    against, and say so. An editable install in a shell with PYTHONDONTWRITEBYTECODE (this
    machine sets it) would otherwise compile every curvedoc module in every run: 0.1 s that
    no installed package pays."""
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "curvedoc"), quiet=1)
    env = " (PYTHONDONTWRITEBYTECODE is set here)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    return f"- curvedoc's modules compiled to bytecode first, as an installed package's are{env}"


def render(rows: list[Row], cells: list[QualityCell], profile: list[str], facts: dict, elapsed: float,
           argv: list[str]) -> str:
    cmd = "make bench" if not argv else "python -m benchmarks.speed " + " ".join(argv)
    out = [f"Reproduce: `{cmd}` (writes this block; took {elapsed / 60:.1f} min on this machine).", "",
           "Machine (shared, so read the ratios rather than the seconds):", "", *facts["machine"],
           f"- load average at the end {_loadavg()}", "",
           "Times: the median of 3 runs when one run takes under 3 s, else one run (said in each cell). "
           "Each run is a fresh process; *peak* is that process's maximum RSS. Read rows time the call "
           "alone, after a warm-up read of a small file of the same format (imports excluded); command rows "
           "time the whole command and also give its CPU time (user + system, with any worker processes), "
           "which other jobs on the machine inflate less than the wall time. *ratio* = curvedoc time / "
           "baseline time (below 1: curvedoc is faster).",
           "", "| section | command | input | curvedoc time | curvedoc peak | baseline | baseline time | "
           "baseline peak | ratio | target | met? |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cpu = not r.section.startswith("1")  # timed from outside: the CPU time beside the wall time
        out.append(f"| {r.section} | {r.command} | {r.input} | {r.cd.time_text(cpu)} | {r.cd.mem_text()} | "
                   f"{r.baseline} | {r.base.time_text(cpu) if r.base else '–'} | "
                   f"{r.base.mem_text() if r.base else '–'} | {_fmt_r(r.ratio)} | {r.target or '–'} | "
                   f"{r.verdict or '–'} |")
    growth = facts.get("analyze", {})
    if len(growth) > 1:
        floor = facts["small"] if facts.get("small") else None
        out += ["", "Growth of `curvedoc analyze` with n (time above the 2,000-row start-up floor of "
                f"{_fmt_s(floor)}):", "", "| n | total | above the floor | x per 10x n |", "|---|---|---|---|"]
        prev = None
        for n, m in sorted(growth.items()):
            above = None if m.seconds is None or floor is None else m.seconds - floor
            if above is not None and above < GROWTH_NOISE:
                above = None  # within the run-to-run noise of the floor itself
            step = f"{above / prev:.1f}x" if above and prev else "–"
            out.append(f"| {n:,} | {_fmt_s(m.seconds)} | {_fmt_s(above) if above else 'within noise'} | {step} |")
            prev = above
        if prev and len(growth) > 1:
            (n1, m1), (n2, m2) = sorted(growth.items())[-2:]
            if m1.seconds and m2.seconds and m1.seconds - floor >= GROWTH_NOISE:
                e = math.log((m2.seconds - floor) / (m1.seconds - floor)) / math.log(n2 / n1)
                out += ["", f"From {n1:,} to {n2:,} points the time above the floor grows as n^{e:.2f}."]
    if cells:
        out += ["", "Detection quality and time on the generator's curves (seeds "
                f"{', '.join(map(str, QUALITY_SEEDS))}; power-law decay, 1-3 LR decays, 0-2 x3 spikes, "
                "10% lognormal noise; a detection counts within 0.5% of the run of a truth event, "
                "benchmarks/scoring.py). Each curve in its own process; plain ruptures runs on log(loss) with "
                f"pen = 6·σ̂²·ln n, `jump=5`, Window width max(40, n/200), and gets {RUPTURES_CAP:g} s "
                "per curve. Time = median per curve, detection only.", "",
                "| method | n | F1 | TP / FP / FN | time per curve |", "|---|---|---|---|---|"]
        for c in cells:
            if c.status != "ok":
                out.append(f"| {c.method} | {c.n:,} | – | – | {c.status} |")
            else:
                out.append(f"| {c.method} | {c.n:,} | **{c.f1:.2f}** | {c.tp} / {c.fp} / {c.fn} | "
                           f"{_fmt_s(statistics.median(c.seconds))} |")
    if profile:
        out += ["", "Profile of `curvedoc analyze` on the 10^6-row CSV (cProfile, one run):", "", *profile]
    return "\n".join(out)


def write_doc(text: str) -> None:
    write_block("speed", text, "Speed and memory (`make bench`)")


def _verdict(ok: bool, why: str) -> str:
    return f"{'met' if ok else '**not met**'} ({why})"


def _fmt_s(s: float | None) -> str:
    if s is None:
        return "–"
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def _fmt_r(r: float | None) -> str:
    return "–" if r is None else f"{r:.2f}"


def _fmt_x(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}x"


def _mb(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:,.0f} MB"


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# --- entry point ----------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--task"]:
        name, *args = argv[1:]
        # These two report what they did, not a timed call: "seconds" only keeps run_once's shape.
        if name == "quality":
            print(json.dumps({"seconds": 0.0, **_quality(*args)}))
        elif name == "inputs":
            print(json.dumps({"seconds": 0.0, "inputs": make_inputs(Path(args[0]), **json.loads(args[1])).to_json()}))
        else:
            child(name, args)
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only, to try the harness")
    parser.add_argument("--keep", type=Path, help="write (and reuse) the inputs here instead of a temp dir")
    parser.add_argument("--sections", default="1,2,3,4,5,profile", help="comma-separated subset")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave docs/benchmarks.md alone")
    opts = parser.parse_args(argv)
    sections = set(opts.sections.split(","))
    if opts.quick:
        config = dict(sizes=[10_000, 100_000], tb_n=20_000, hf_entries=2_000, sweep_runs=20, sweep_steps=500)
        quality_sizes = [1_000, 10_000]
    else:
        config = dict(sizes=[10_000, 100_000, 1_000_000, 10_000_000], tb_n=1_000_000, hf_entries=100_000,
                      sweep_runs=200, sweep_steps=3_000)
        quality_sizes = [1_000, 10_000, 100_000, 1_000_000, 10_000_000]
    started = time.perf_counter()
    facts = {"machine": machine() + [bytecode()]}

    def log(msg):
        print(f"{time.perf_counter() - started:6.0f}s {msg}", file=sys.stderr, flush=True)

    root = opts.keep or Path(tempfile.mkdtemp(prefix="curvedoc-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        log(f"inputs in {root} (written by a child process: this one stays small, see run_once)")
        made = run_once(task("inputs", root, json.dumps(config)), inner=True, show_stderr=True)
        if made.seconds is None:
            raise SystemExit(f"writing the inputs failed: {made.status}")
        inp = Inputs.from_json(made.out["inputs"])
        rows: list[Row] = []
        if "1" in sections:
            section_reading(inp, rows, log)
        if "2" in sections:
            section_end_to_end(inp, rows, facts, log)
            facts["small"] = next((r.cd.seconds for r in rows if r.input.startswith("CSV, 2,000")), None)
        if "4" in sections:
            section_startup(inp, rows, log)
        if "5" in sections:
            section_sweep(inp, rows, facts, log)
        cells = section_quality(quality_sizes, log) if "3" in sections else []
        profile = section_profile(inp, log) if "profile" in sections else []
    finally:
        if not opts.keep:
            shutil.rmtree(root, ignore_errors=True)
    text = render(rows, cells, profile, facts, time.perf_counter() - started, argv)
    print(text)
    if not opts.no_doc and not opts.quick:
        write_doc(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
