"""Markdown report, for pasting into a pull request or a lab notebook."""

from __future__ import annotations

from curvedoc.explain import step_span
from curvedoc.render.escape import printable
from curvedoc.render.listing import listed_events, metric_notes
from curvedoc.render.report_text import schedule_items
from curvedoc.summary import summarize


def render_md(analyses) -> str:
    out = []
    for ra in analyses:
        run = ra.run
        out.append(f"### {_cell(run.name)} — `{_cell(run.source)}` ({run.format})\n")
        out.append(f"Schedule: {_cell('; '.join(schedule_items(ra)))}.\n")
        for sentence in summarize(ra):
            out.append(f"- {_cell(sentence)}")
        out.append("")
        events, cut = listed_events(ra.metrics)
        # On a log counted in epochs the axis is the epoch: one column, not the same number twice; on a
        # log with no epoch, none (a column left empty on every row).
        epochs = run.step_axis != "epoch" and any(e.epoch is not None for _, e in events)
        if events:
            out.append(f"| {run.step_axis} |{' epoch |' if epochs else ''} metric | change | label | confidence "
                       "| evidence |")
            out.append(f"|---:|{'---:|' if epochs else ''}---|---|---|---:|---|")
            for sa, e in events:
                change = f"{e.kind} → {e.after}" if e.nonfinite_step is not None else \
                    f"{e.kind} {e.before:.4g} → {e.after:.4g} ({e.change_text})"
                epoch = (" " + ("" if e.epoch is None else f"{e.epoch:.4g}") + " |") if epochs else ""
                out.append(f"| {e.step} |{epoch} {_cell(sa.name)} | {change} | {e.label} | {e.confidence:.2f} "
                           f"| {_cell('; '.join(_evidence(e)))} |")
            out += [f"\n{_cell(note)}." for note in cut]
        else:
            out.append("No sharp transitions found.")
        out += _stages(ra)
        for w in run.warnings:
            out.append(f"\n> warning: {_cell(w)}")
        out += [f"\n> note: {_cell(note)}" for note in metric_notes(ra.metrics)]
        out.append("")
    return "\n".join(out)


def _stages(ra) -> list[str]:
    """The stages of every metric that has more than one, in one table."""
    rows = [f"| {_cell(sa.name)} | {i} | {step_span(s.start, s.end)} | {s.level:.4g} | "
            f"{f'yes, from {s.plateau_from}' if s.plateau else 'no'} |"
            for sa in ra.metrics if len(sa.stages) > 1 for i, s in enumerate(sa.stages, 1)]
    if not rows:
        return []
    return ["", f"| metric | stage | {ra.run.step_axis}s | level | plateau |", "|---|---:|---|---:|---|"] + rows


def _cell(text: str) -> str:
    """Log-supplied text inside a table cell: pipes would break the table, and control
    characters (newlines, terminal escape sequences) are shown escaped, never sent as is."""
    return printable(text).replace("|", "\\|")


def _evidence(e) -> list[str]:
    """The evidence, its measured line without the levels the change column gives: how long the move
    took, how clear it stands and which curves moved with it stay (the whole line was dropped, and
    with it a divergence's first reason)."""
    lines = list(e.evidence)
    if e.nonfinite_step is not None:  # a move to nan/inf has no change to quote (its factor is no number)
        return lines
    marker = f"({e.change_text}) "
    if lines and marker in lines[0]:
        lines[0] = lines[0].split(marker, 1)[1]
    return lines
