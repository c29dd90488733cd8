"""``curvedoc compare --format md``: the comparison as Markdown tables."""

from __future__ import annotations

from curvedoc.render.compare_text import how_compared, stage_cell, value_rows
from curvedoc.render.escape import printable
from curvedoc.render.listing import listed_matches


def render_compare_md(comparison) -> str:
    c = comparison
    out = [f"### Comparison of {len(c.names)} runs (aligned on {c.axis})\n"]
    for name, ra in zip(c.names, c.analyses):
        out.append(f"- **{_cell(name)}** — `{_cell(ra.run.source)}` ({ra.run.format})")
    for note in c.notes:
        out.append(f"- note: {_cell(note)}")
    for mc in c.metrics:
        out.append("")
        paired = "" if mc.paired_by == "name" else " (" + ", ".join(
            f"{_cell(rv.run)}: {_cell(rv.metric)}" for rv in mc.runs) + ")"
        out.append(f"#### {_cell(mc.name)}{paired} {how_compared(mc)}\n")
        out.append("| | " + " | ".join(_cell(rv.run) for rv in mc.runs) + " |")
        out.append("|---|" + "---:|" * len(mc.runs))
        out += [f"| {_cell(label)} | " + " | ".join(_cell(x) for x in cells) + " |"
                for label, cells in value_rows(mc, c.axis)]
        out.append("")
        for sentence in mc.sentences:
            out.append(f"- {_cell(sentence)}")
        for pair in mc.pairs:
            out.append(f"- {_cell(pair.b)} against {_cell(pair.a)}: {_cell(pair.parting.text)}"
                       + ("" if not pair.parting.schedule else f" ({_cell('; '.join(pair.parting.schedule))})"))
            matches, cut = listed_matches(pair.events)
            for m in matches:
                out.append(f"  - {m.match}: {_cell(m.text)}")
            if cut:
                out.append(f"  - {cut}")
        if mc.stages:
            out.append("")
            out.append("| stage | " + " | ".join(_cell(rv.run) for rv in mc.runs) + " |")
            out.append("|---:|" + "---|" * len(mc.runs))
            for row in mc.stages:
                out.append(f"| {row.index} | " + " | ".join(stage_cell(s, c.axis) for s in row.stages) + " |")
    if c.not_compared:
        out.append("\n#### Not compared\n")
        for nc in c.not_compared:
            out.append(f"- {_cell(nc.metric)} in {_cell(nc.run)}: {_cell(nc.reason)}")
    return "\n".join(out)


def _cell(text: str) -> str:
    """Log-supplied text inside a table cell: pipes would break the table, and control
    characters (newlines, terminal escape sequences) are shown escaped, never sent as is."""
    return printable(text).replace("|", "\\|")
