"""The command line: parse options, call the library, pick a renderer, set the exit code."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from curvedoc.errors import CurvedocError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Diagnose sudden changes in neural-network training curves.")


@app.callback()
def _root() -> None:
    """Diagnose sudden changes in neural-network training curves."""


class InfoFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def info(
    logs: List[Path] = typer.Argument(..., help="Log files or directories."),
    format: InfoFormat = typer.Option(InfoFormat.text, "--format", help="Output format."),
    log_format: Optional[str] = typer.Option(None, "--log-format", help="Force the input format."),
) -> None:
    """What was read: runs, metrics, their roles, step ranges and warnings."""
    from curvedoc.info import describe

    reports = [describe(p, log_format) for p in logs]
    if format is InfoFormat.json:
        from curvedoc.render.json_out import dump_json

        dump_json({"curvedoc_version": _version(), "runs": [r for rep in reports for r in rep["runs"]]})
    else:
        from curvedoc.render.console import make_console
        from curvedoc.render.info_text import render_info

        render_info(make_console(), reports)


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


class Unit(str, Enum):
    step = "step"
    epoch = "epoch"


@app.command()
def analyze(
    logs: List[Path] = typer.Argument(..., help="Log files or directories."),
    metric: Optional[List[str]] = typer.Option(None, "--metric", "-m", help="Only these metrics (repeatable)."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Output format."),
    explain: bool = typer.Option(False, "--explain", help="Show every rule's score and evidence."),
    higher_is_better: Optional[bool] = typer.Option(
        None, "--higher-is-better/--lower-is-better", help="Override the direction guessed from the name."),
    lr_schedule: Optional[str] = typer.Option(None, "--lr-schedule", help='When the log has no LR: "0.1@0,0.01@30".'),
    milestones: Optional[str] = typer.Option(None, "--milestones", help="MultiStepLR milestones, e.g. 30,60."),
    gamma: float = typer.Option(0.1, "--gamma", help="MultiStepLR factor."),
    milestone_unit: Unit = typer.Option(Unit.step, "--milestone-unit", help="Milestones in steps or epochs."),
    log_format: Optional[str] = typer.Option(None, "--log-format", help="Force the input format."),
) -> None:
    """Find every sharp transition, line it up with the schedule, and explain it."""
    from curvedoc.analyze import UserSchedule, analyze as run_analysis
    from curvedoc.schedule import parse_lr_schedule, parse_milestones

    user = None
    if lr_schedule or milestones:
        user = UserSchedule(points=parse_lr_schedule(lr_schedule) if lr_schedule else None,
                            milestones=parse_milestones(milestones) if milestones else None,
                            gamma=gamma, unit=milestone_unit.value)
    analyses = [ra for p in logs for ra in run_analysis(p, metric, higher_is_better, user, log_format)]
    if format is ReportFormat.json:
        from curvedoc.render.json_out import dump_json
        from curvedoc.render.report_json import analysis_to_dict

        dump_json(analysis_to_dict(analyses))
        return
    if format is ReportFormat.md:
        from curvedoc.render.report_md import render_md

        sys.stdout.write(render_md(analyses) + "\n")
        return
    from curvedoc.render.console import make_console
    from curvedoc.render.report_text import render_text

    render_text(make_console(), analyses, explain=explain)


def _version() -> str:
    from curvedoc import __version__

    return __version__


def main() -> None:
    try:
        app(standalone_mode=True)
    except CurvedocError as err:
        print(f"curvedoc: error: {_one_line(str(err))}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 — the user gets one line, never a traceback
        print(f"curvedoc: internal error: {type(err).__name__}: {_one_line(str(err))} "
              "(please report this with the log that caused it)", file=sys.stderr)
        sys.exit(2)


def _one_line(message: str) -> str:
    return " ".join(message.split()).encode("unicode_escape", "backslashreplace").decode("ascii") \
        if any(not ch.isprintable() for ch in message) else message


if __name__ == "__main__":
    main()
