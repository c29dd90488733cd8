"""The command line: parse options, call the library, pick a renderer, set the exit code."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from curvedoc.errors import CurvedocError

# The analysis sums and fits vectors of up to millions of values one at a time; a BLAS thread
# pool only adds its start-up and, on a busy machine, threads waiting on each other (analyze of
# 10^6 rows took twice as long). Set before numpy loads, unless the user chose a number.
# (Not OMP_NUM_THREADS: pyarrow sizes its CSV reader's pool from it.)
for _var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Diagnose sudden changes in neural-network training curves.")


@app.callback()
def _root() -> None:
    """Diagnose sudden changes in neural-network training curves."""


# ``-`` alone stands for standard input. Path("./-") is Path("-") as well, so the argument is told
# apart before it becomes a Path: ``./-`` is a file named ``-``, as it is to every other tool.
STDIN_ARG = Path("-")
MAX_INTERVAL = 86400.0
# ``-o -``: standard output, known by identity as STDIN_ARG is (``-o ./-`` is a file named "-").
STDOUT_ARG = Path("-")


def log_path(arg: str) -> Path:
    """A log argument as a Path; a bare ``-`` as STDIN_ARG, which the commands know by identity. An
    empty one is refused: as a Path it is the current folder, and `curvedoc check "$LOG"` with the
    variable unset judged whatever lay there."""
    if arg == "":
        raise CurvedocError("an empty log path (an unset variable?): name a log file or folder")
    return STDIN_ARG if arg == "-" else Path(arg)


def config_path(arg: str) -> Path:
    """A --config argument as a Path; an empty one (`--config "$CFG"` with the variable unset) is
    refused as such, not as the current folder "."."""
    if arg == "":
        raise CurvedocError("--config: an empty path (an unset variable?): name a TOML file")
    return Path(arg)


def output_path(arg: str) -> Path:
    """An --output argument as a Path. One ending in a separator names a folder, which Path would
    drop: `-o plots/` wrote a file called `plots`."""
    if arg.endswith(("/", os.sep)):
        raise CurvedocError("names a folder: --output names the file to write", arg)
    return STDOUT_ARG if arg == "-" else Path(arg)


@contextmanager
def _stdin_as_file(logs: List[Path]):
    """The logs with ``-`` standing for standard input (``ssh host cat run.csv | curvedoc analyze -``,
    ``kubectl logs job | curvedoc analyze -``): copied whole to a private temporary file that the
    readers sniff and read as any log, and removed afterwards."""
    dashes = [i for i, p in enumerate(logs) if p is STDIN_ARG]
    if not dashes:
        yield logs
        return
    if len(dashes) > 1:
        raise CurvedocError("'-' (standard input) can be given only once")
    if sys.stdin is None or sys.stdin.isatty():
        raise CurvedocError("'-' reads the log from standard input, and nothing is piped in")
    import tempfile

    from curvedoc.readers import STDIN_DIR_PREFIX, STDIN_FILE

    with tempfile.TemporaryDirectory(prefix=STDIN_DIR_PREFIX) as folder:
        copy = Path(folder) / STDIN_FILE
        _copy_stdin(copy)
        yield [copy if i in dashes else p for i, p in enumerate(logs)]


# Standard input past this many MB without ending is refused: an endless pipe (`kubectl logs -f`,
# /dev/zero) would fill the temporary folder. The variable raises it for a genuinely huge log.
MAX_STDIN_MB = 2048
STDIN_ENV = "CURVEDOC_MAX_STDIN_MB"
STDIN_CHUNK = 1 << 20


def _copy_stdin(copy: Path) -> None:
    raw = os.environ.get(STDIN_ENV, str(MAX_STDIN_MB))
    if not (raw.isascii() and raw.isdigit()) or int(raw) <= 0:  # "²" is a digit to isdigit(), not to int()
        raise CurvedocError(f"{STDIN_ENV} must be a whole number of megabytes above 0, not {raw!r}")
    limit, total = int(raw) * 2**20, 0
    try:
        with open(copy, "wb") as fh:
            while chunk := sys.stdin.buffer.read(STDIN_CHUNK):
                if total == 0 and not chunk.strip(b"\0"):
                    raise CurvedocError(f"standard input opens with {len(chunk):,} NUL bytes: not a training log")
                total += len(chunk)
                if total > limit:
                    raise CurvedocError(f"standard input passed {int(raw):,} MB without ending (an endless pipe?): "
                                        f"save the log to a file and name it, or raise {STDIN_ENV}")
                fh.write(chunk)
    except OSError as err:
        raise CurvedocError(f"cannot copy standard input to the temporary folder (TMPDIR): "
                            f"{err.strerror or err}") from None


class InfoFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def info(
    logs: List[Path] = typer.Argument(..., parser=log_path,
                                      help="Log files or directories; - reads one from standard input."),
    format: InfoFormat = typer.Option(InfoFormat.text, "--format", help="Output format."),
    log_format: Optional[str] = typer.Option(None, "--log-format", help="Force the input format."),
) -> None:
    """What was read: runs, metrics, their roles, step ranges and warnings."""
    from curvedoc.info import describe

    reports, unread = [], []
    with _stdin_as_file(logs) as logs:
        for p in logs:
            try:
                reports.append(describe(p, log_format))
            except CurvedocError as err:  # one unreadable log leaves the others' reports
                unread.append(err)
    if not reports:
        _raise_unread(unread)
    if format is InfoFormat.json:
        from curvedoc.render.json_out import dump_json

        dump_json({"curvedoc_version": _version(), "runs": [r for rep in reports for r in rep["runs"]]})
    else:
        from curvedoc.render.console import make_console
        from curvedoc.render.info_text import render_info

        render_info(make_console(), reports)
    if unread:
        _raise_unread(unread)


def _raise_unread(errors: List[CurvedocError]) -> None:
    """After what could be read, each log that could not: its one line on stderr, as alone. The last
    is raised, so the command ends as on one bad log (the one handler's line, exit 2)."""
    sys.stdout.flush()  # the report before the errors on a terminal
    for err in errors[:-1]:
        _to_stderr(_error_line(err))
    raise errors[-1]


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


class Unit(str, Enum):
    step = "step"
    epoch = "epoch"


@app.command()
def analyze(
    logs: List[Path] = typer.Argument(..., parser=log_path,
                                      help="Log files or directories; - reads one from standard input."),
    metric: Optional[List[str]] = typer.Option(None, "--metric", "-m", help="Only these metrics (repeatable)."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Output format."),
    explain: bool = typer.Option(False, "--explain",
                                 help="Show each rule's score and evidence, the rules that found nothing, and "
                                      "what each LR decay with no event moved."),
    higher: bool = typer.Option(False, "--higher-is-better", help="Read the metrics as scores (higher is better)."),
    lower: bool = typer.Option(False, "--lower-is-better", help="Read the metrics as losses (lower is better)."),
    lr_schedule: Optional[str] = typer.Option(None, "--lr-schedule", help='When the log has no LR: "0.1@0,0.01@30".'),
    milestones: Optional[str] = typer.Option(None, "--milestones", help="MultiStepLR milestones, e.g. 30,60."),
    gamma: Optional[float] = typer.Option(None, "--gamma", help="MultiStepLR factor at each milestone (default 0.1)."),
    milestone_unit: Unit = typer.Option(Unit.step, "--milestone-unit", help="Milestones in steps or epochs."),
    steps_per_epoch: Optional[int] = typer.Option(None, "--steps-per-epoch", min=1,
                                                  help="Updates per epoch, for epoch milestones on a log with no "
                                                       "epoch column."),
    log_format: Optional[str] = typer.Option(None, "--log-format", help="Force the input format."),
    plot: bool = typer.Option(False, "--plot", help="Append a terminal plot with the events marked (text, md)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="Analyse this many logs at once (0: one per core)."),
) -> None:
    """Find every sharp transition, line it up with the schedule, and explain it."""
    from curvedoc.analysis import UserSchedule
    from curvedoc.parallel import analyze_each
    from curvedoc.schedule import check_gamma, parse_lr_schedule, parse_milestones

    user = None
    for option, given, example in (("--lr-schedule", lr_schedule, "0.1@0,0.01@30"),
                                   ("--milestones", milestones, "30,60")):
        if given is not None and not given.strip():  # a shell variable left empty: no schedule at all
            raise CurvedocError(f"{option} is empty (e.g. {example})")
    if lr_schedule and milestones:
        raise CurvedocError("give the schedule as --lr-schedule or as --milestones, not both")
    if gamma is not None and not milestones:  # a factor with nothing to apply it to was ignored unsaid
        raise CurvedocError("--gamma is the factor at each of --milestones: give the milestones too")
    if steps_per_epoch is not None and (milestone_unit is not Unit.epoch or not (lr_schedule or milestones)):
        raise CurvedocError("--steps-per-epoch places a schedule given in epochs: give it with "
                            "--milestone-unit epoch and --milestones or --lr-schedule")
    if higher and lower:  # one flag pair read last-wins would silently flip every metric
        raise CurvedocError("give --higher-is-better or --lower-is-better, not both")
    higher_is_better = True if higher else False if lower else None
    if lr_schedule or milestones:
        user = UserSchedule(points=parse_lr_schedule(lr_schedule) if lr_schedule else None,
                            milestones=parse_milestones(milestones) if milestones else None,
                            gamma=UserSchedule.gamma if gamma is None else check_gamma(gamma),
                            unit=milestone_unit.value, steps_per_epoch=steps_per_epoch)
    with _stdin_as_file(logs) as logs:
        outcomes = analyze_each(logs, metric, higher_is_better, user, log_format, jobs=jobs)
    # One unreadable log leaves the others' report: theirs is printed, then its error, and exit 2.
    unread = [o for o in outcomes if isinstance(o, CurvedocError)]
    analyses = [ra for o in outcomes if not isinstance(o, CurvedocError) for ra in o]
    if len(unread) == len(outcomes):
        _raise_unread(unread)
    _print_analyses(analyses, format, metric, explain, plot)
    if unread:
        _raise_unread(unread)


def _print_analyses(analyses, format: ReportFormat, metric, explain: bool, plot: bool) -> None:
    if format is ReportFormat.json:
        if plot:
            raise CurvedocError("--plot goes with --format text or md, not json")
        from curvedoc.render.json_out import dump_json
        from curvedoc.render.report_json import analysis_to_dict

        dump_json(analysis_to_dict(analyses))
        return
    if format is ReportFormat.md:
        from curvedoc.render.report_md import render_md

        sys.stdout.write(render_md(analyses) + "\n")
        if plot:
            sys.stdout.write(_analysis_plots(analyses, metric, markdown=True))
        return
    from curvedoc.render.console import make_console
    from curvedoc.render.report_text import render_text

    render_text(make_console(), analyses, explain=explain)
    if plot:
        sys.stdout.write(_analysis_plots(analyses, metric))


def _analysis_plots(analyses, metric, markdown: bool = False) -> str:
    """``analyze --plot``: each run's plot after the report (in a fenced block for Markdown)."""
    from curvedoc.render.plot import plot_analysis, plot_size, use_color

    width, height = plot_size()
    color = use_color() and not markdown
    text = "\n\n".join(plot_analysis(ra, metric, width=width, height=height, color=color) for ra in analyses)
    return f"\n```text\n{text}\n```\n" if markdown else text + "\n"


@app.command()
def plot(
    logs: List[Path] = typer.Argument(..., parser=log_path,
                                      help="Log files or directories; - reads one from standard input."),
    metric: Optional[List[str]] = typer.Option(None, "--metric", "-m", help="Metrics to draw (repeatable)."),
    log_y: Optional[bool] = typer.Option(None, "--log-y/--linear-y",
                                         help="Y scale; default log for positive loss-like curves."),
    lr: bool = typer.Option(False, "--lr", help="Draw the learning rate in a panel below."),
    width: Optional[int] = typer.Option(None, "--width",
                                        help="Columns, 40 to 2000 (default: the terminal's, 100 off one)."),
    height: Optional[int] = typer.Option(None, "--height", help="Rows, 8 to 1000 (default: the terminal's, 30 off one)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", parser=output_path,
                                          help="Write the plot to this file, no colour (- for standard output)."),
    log_format: Optional[str] = typer.Option(None, "--log-format", help="Force the input format."),
) -> None:
    """Terminal plot of the curves with every event marked and numbered."""
    from curvedoc.render.plot import MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH, plot_logs

    for option, value, least, most in (("--width", width, MIN_WIDTH, MAX_WIDTH),
                                       ("--height", height, MIN_HEIGHT, MAX_HEIGHT)):
        if value is not None and value < least:
            raise CurvedocError(f"{option} must be {least} or more: a smaller plot leaves no room for the curve")
        if value is not None and value > most:
            raise CurvedocError(f"{option} must be {most} or less: a larger plot is no terminal's")
    to_file = output is not None and output is not STDOUT_ARG
    if to_file:
        _refuse_to_overwrite(output, logs)
    with _stdin_as_file(logs) as logs:
        text = plot_logs(logs, metric, log_y, lr, width, height, log_format, color=False if to_file else None)
    _write_or_print(text, output)


class Align(str, Enum):
    step = "step"
    epoch = "epoch"
    time = "time"


@app.command()
def compare(
    logs: List[Path] = typer.Argument(..., parser=log_path,
                                      help="Two logs or more, or one log holding several runs; - reads one from standard input."),
    metric: Optional[List[str]] = typer.Option(
        None, "--metric", "-m", help="Only these metrics (repeatable): a name (each run's own, or its metric of the "
                                     "same role), or one name per run in order, A_NAME=B_NAME."),
    align: Optional[Align] = typer.Option(None, "--align",
                                          help="Common axis; default step (epoch when batch sizes differ)."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Output format."),
    plot: bool = typer.Option(False, "--plot", help="Append the runs overlaid in a terminal plot."),
    log_format: Optional[str] = typer.Option(None, "--log-format", help="Force the input format."),
) -> None:
    """Runs side by side: final and best values, who got there first, matched events, where they part."""
    from curvedoc.comparison import compare as run_compare

    with _stdin_as_file(logs) as logs:
        comparison = run_compare(logs, metric, align.value if align else None, format=log_format)
    if format is ReportFormat.json:
        if plot:
            raise CurvedocError("--plot goes with --format text or md, not json")
        from curvedoc.render.compare_json import comparison_to_dict
        from curvedoc.render.json_out import dump_json

        dump_json(comparison_to_dict(comparison))
        return
    plot_text = ""
    if plot:
        from curvedoc.render.plot import plot_comparison, plot_size, use_color

        width, height = plot_size()
        plot_text = plot_comparison(comparison, [mc.name for mc in comparison.metrics] if metric
                                    else None, width=width, height=height,
                                    color=use_color() and format is ReportFormat.text)
    if format is ReportFormat.md:
        from curvedoc.render.compare_md import render_compare_md

        sys.stdout.write(render_compare_md(comparison) + "\n")
        if plot_text:
            sys.stdout.write(f"\n```text\n{plot_text}\n```\n")
        return
    from curvedoc.render.compare_text import render_compare_text
    from curvedoc.render.console import make_console

    render_compare_text(make_console(), comparison)
    if plot_text:
        sys.stdout.write("\n" + plot_text + "\n")


@app.command()
def watch(
    log: Path = typer.Argument(..., parser=log_path, help="A log that is still being written (file or directory)."),
    interval: float = typer.Option(5.0, "--interval", help="Seconds between checks for new data."),
    metric: Optional[List[str]] = typer.Option(None, "--metric", "-m", help="Only these metrics (repeatable)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Stop after this many seconds."),
    max_updates: Optional[int] = typer.Option(None, "--max-updates", help="Stop after this many checks of the log."),
    log_format: Optional[str] = typer.Option(None, "--log-format", help="Force the input format."),
) -> None:
    # One line: typer's listing of commands keeps a docstring's line breaks.
    """Follow a growing log: each event once enough came after it (withdrawn if it no longer holds), and flat stages."""
    from curvedoc.render.console import make_console
    from curvedoc.watching import print_updates, watch as follow

    import math

    if not (0 < interval <= MAX_INTERVAL):
        # A sleep past the platform's limit (1e10 s) was an internal error; a day apart is no watch anyway.
        raise CurvedocError(f"--interval must be a positive number of seconds, at most {MAX_INTERVAL:g} (a day)")
    if timeout is not None and not (0 <= timeout < math.inf):
        raise CurvedocError("--timeout must be a finite number of seconds, 0 or more (leave it out to watch "
                            "until interrupted)")
    if max_updates is not None and max_updates < 1:
        raise CurvedocError("--max-updates must be 1 or more")
    if log is STDIN_ARG:
        raise CurvedocError("watch follows a file or folder as it grows: pass its path (`-`, standard input, "
                            "is for info, analyze, plot, compare and check)")
    console = make_console()
    try:
        print_updates(console, follow(log, interval, metric, timeout=timeout, max_updates=max_updates,
                                      format=log_format))
    except KeyboardInterrupt:
        # Ctrl-C may land inside rich's print (on entering its buffer's exit) and leave that console
        # buffering for good: a fresh one says it.
        make_console().print("stopped")


def _refuse_to_overwrite(output: Path, logs: List[Path]) -> None:
    """An output that is one of the inputs would destroy a log; a new file inside an input folder
    would be read with it next time (a folder of one log would then hold two)."""
    from curvedoc.readers._io import resolved

    target = resolved(output)
    for log in logs:
        if log is STDIN_ARG:
            # `plot - -o run.csv < run.csv`: the shell hands the log over as standard input.
            try:
                same = os.path.samestat(os.fstat(sys.stdin.fileno()), os.stat(target))
            except (OSError, ValueError, AttributeError):
                same = False
            if same:
                raise CurvedocError("is the log read from standard input; choose another --output", output)
            continue
        source = resolved(log)
        same = target == source
        if not same and source.is_file() and target.is_file():
            try:
                same = os.path.samefile(target, source)  # a hard link to the log is the log
            except OSError:
                pass
        if same or (source.is_dir() and source in target.parents):
            raise CurvedocError("is an input log or inside an input folder; choose another --output", output)


def _write_or_print(text: str, output: Optional[Path]) -> None:
    if output is None or output is STDOUT_ARG:
        sys.stdout.write(text + "\n")
        return
    if output.is_dir():  # "-o ''" reaches here as "." too
        raise CurvedocError("a folder: --output names the file to write (an empty name is the current folder)",
                            output)
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as err:
        raise CurvedocError(f"cannot write: {err.strerror or err}", output) from None


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def check(
    logs: List[Path] = typer.Argument(..., parser=log_path,
                                      help="Log files or directories; - reads one from standard input."),
    config: Optional[Path] = typer.Option(None, "--config", parser=config_path,
                                          help="Use this TOML file instead of searching."),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", help="text, json or github annotations."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Run only these rules (repeatable)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (repeatable)."),
) -> None:
    """Gate logged runs: exit 1 when a rule fails (divergence, instability, ...)."""
    from curvedoc.check import check as run_check, render_github, render_text, summary_line

    if select is not None and not _split(select):
        raise CurvedocError("--select names no rule: no rule to check")  # an empty $RULES in CI
    with _stdin_as_file(logs) as logs:
        result = run_check(logs, config, _split(select), _split(ignore))
    if format is CheckFormat.json:
        from dataclasses import asdict

        from curvedoc.render.json_out import dump_json

        dump_json({"curvedoc_version": _version(), "findings": [asdict(f) for f in result.findings],
                   "logs": result.logs, "runs": result.runs, "passed": result.exit_code == 0,
                   "unjudged": result.unjudged, "notes": result.notes, "errors": result.errors,
                   "ruleless": result.ruleless})
    elif format is CheckFormat.github:
        if result.findings or result.notes or result.errors or result.unjudged:
            print(render_github(result))
    elif len(result.errors) < result.logs:  # no log read: its error line alone, as for any command
        for line in render_text(result):
            print(_printable(line))
        for note in result.notes:
            print(_printable(f"note: {note}"))
        print(summary_line(result))
    for error in result.errors:  # each log that could not be read: its one line, as alone
        _to_stderr(_printable(f"curvedoc: error: {error}"))
    raise typer.Exit(result.exit_code)


def _split(values: Optional[List[str]]) -> list[str] | None:
    """--select a,b and --select a --select b alike."""
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _printable(text: str) -> str:
    """Log-supplied names printed literally: control characters shown escaped, never interpreted."""
    from curvedoc.render.escape import printable

    return printable(text)


def _version() -> str:
    from curvedoc import __version__

    return __version__


def main() -> None:
    import signal
    import threading
    import warnings

    # The report is the output: a numerical warning from a library (values near
    # the float range, an empty slice) must not add lines to stderr.
    warnings.simplefilter("ignore", RuntimeWarning)
    if sys.stderr is None:  # started with stderr closed (`2>&-`): print() would put errors in the report
        sys.stderr = open(os.devnull, "w")
    if sys.stdout is None:  # started with standard output closed (`>&-`): nowhere to report
        _to_stderr("curvedoc: error: standard output is closed")
        sys.exit(2)
    import codecs

    from curvedoc.render.escape import ascii_replace

    codecs.register_error("curvedoc_ascii", ascii_replace)
    for stream in (sys.stdout, sys.stderr):
        # An output that cannot hold a character (PYTHONIOENCODING=ascii) gets the drawing characters as
        # ASCII, the plot's lines and markers, and an escape for anything else.
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="curvedoc_ascii")
    pipe = hasattr(signal, "SIGPIPE") and threading.current_thread() is threading.main_thread()
    if pipe:
        # A reader that stops early (`| head`) ends the command the way it ends grep or git,
        # by SIGPIPE (status 141), not with exit 1, which says a check failed.
        previous = signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        # Stopped by `timeout` or a closed terminal: exit through the cleanup (standard input's
        # temporary copy), with the status the signal would have given.
        ended = {sig: signal.signal(sig, _exit_on_signal) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        _run()
    finally:
        if pipe:  # called in-process (a test, a notebook): the process keeps its own handling
            signal.signal(signal.SIGPIPE, previous)
            for sig, handler in ended.items():
                signal.signal(sig, handler)


def _to_stderr(line: str) -> None:
    """One line on stderr. A stderr that cannot take it (a full device) loses it, and nothing
    more: the exit status still says what happened (2, not the interpreter's 1 or 120)."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        sys.stderr = open(os.devnull, "w")


def _exit_on_signal(signum, frame) -> None:
    sys.exit(128 + signum)


def _run() -> None:
    try:
        code = app(standalone_mode=False)
        sys.stdout.flush()  # here, where a full disk is one line, not at the interpreter's exit
    except CurvedocError as err:
        _to_stderr(_error_line(err))
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as err:  # the system's, not curvedoc's: most often the output's device
        import errno

        full = err.filename is None and err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)
        where = "cannot write the output: " if full else (f"{err.filename}: " if err.filename else "")
        _to_stderr(f"curvedoc: error: {where}{_one_line(err.strerror or str(err))}")
        sys.exit(2)
    except Exception as err:  # noqa: BLE001 — the user gets one line, never a traceback
        if _print_usage_error(err):
            sys.exit(2)
        _to_stderr(f"curvedoc: internal error: {type(err).__name__}: {_one_line(str(err))} "
                   "(please report this with the log that caused it)")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _error_line(err: CurvedocError) -> str:
    from curvedoc.readers import name_stdin

    return f"curvedoc: error: {_one_line(name_stdin(str(err)))}"


def _print_usage_error(err: Exception) -> bool:
    """Print a usage error (bad option value, unknown command, missing argument) on one line;
    False when ``err`` is not one.

    Click's exceptions are recognised by their interface, not their class: typer
    vendors click in recent releases and depends on it in older ones."""
    if type(err).__name__ == "Abort":
        _to_stderr("curvedoc: aborted")
        return True
    if not (hasattr(err, "exit_code") and hasattr(err, "format_message")):
        return False
    if type(err).__name__ == "NoArgsIsHelpError":
        # `curvedoc` alone: the help (typer's rich help has printed itself already).
        if err.format_message().strip():
            _to_stderr(err.format_message())
        return True
    ctx = getattr(err, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    _to_stderr(f"curvedoc: error: {_one_line(err.format_message())}{hint}")
    return True


def _one_line(message: str) -> str:
    return " ".join(message.split()).encode("unicode_escape", "backslashreplace").decode("ascii") \
        if any(not ch.isprintable() for ch in message) else message


if __name__ == "__main__":
    main()
