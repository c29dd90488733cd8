"""Markdown report, for pasting into a pull request or a lab notebook."""

from __future__ import annotations

from curvedoc.render.escape import printable
from curvedoc.render.listing import listed_events
from curvedoc.summary import summarize


def render_md(analyses) -> str:
    out = []
    for ra in analyses:
        run = ra.run
        out.append(f"### {_cell(run.name)} — `{_cell(run.source)}` ({run.format})\n")
        for sentence in summarize(ra):
            out.append(f"- {_cell(sentence)}")
        out.append("")
        events, cut = listed_events(ra.metrics)
        if events:
            out.append(f"| {run.step_axis} | epoch | metric | change | label | confidence | evidence |")
            out.append("|---:|---:|---|---|---|---:|---|")
            for sa, e in events:
                change = f"{e.kind} → {e.after}" if e.nonfinite_step is not None else \
                    f"{e.kind} {e.before:.4g} → {e.after:.4g} ({e.change_text})"
                epoch = "" if e.epoch is None else f"{e.epoch:.4g}"
                out.append(f"| {e.step} | {epoch} | {_cell(sa.name)} | {change} | {e.label} | {e.confidence:.2f} "
                           f"| {_cell('; '.join(_evidence(e)))} |")
            out += [f"\n{_cell(note)}." for note in cut]
        else:
            out.append("No sharp transitions found.")
        for w in run.warnings:
            out.append(f"\n> warning: {_cell(w)}")
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    """Log-supplied text inside a table cell: pipes would break the table, and control
    characters (newlines, terminal escape sequences) are shown escaped, never sent as is."""
    return printable(text).replace("|", "\\|")


def _evidence(e) -> list[str]:
    """The evidence, its measured line without the levels the change column gives: how long the move
    took, how clear it stands and which curves moved with it stay (the whole line was dropped, and
    with it a divergence's first reason)."""
    lines = list(e.evidence)
    marker = f"({e.change_text}) "
    if e.nonfinite_step is None and lines and marker in lines[0]:
        lines[0] = lines[0].split(marker, 1)[1]
    return lines
