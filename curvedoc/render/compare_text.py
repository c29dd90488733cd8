"""The terminal report of ``curvedoc compare`` (rich)."""

from __future__ import annotations

import math

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from curvedoc.comparison import UNITS_DIFFER, format_x
from curvedoc.render.console import literal, print_hanging
from curvedoc.render.listing import listed_matches


def render_compare_text(console, comparison) -> None:
    c = comparison
    console.print(Text(f"compare {len(c.names)} runs, aligned on {c.axis}", style="bold"))
    for name, ra in zip(c.names, c.analyses):
        print_hanging(console, Text("  ").append(literal(name)).append("  ").append(literal(ra.run.source))
                      .append(f"  [{ra.run.format}]"), indent=4)
    for note in c.notes:
        print_hanging(console, Text("  note: "), literal(note))
    for mc in c.metrics:
        console.print()
        _metric(console, mc, c.axis)
    if c.not_compared:
        console.print()
        console.print(Text("not compared:", style="bold"))
        for nc in c.not_compared:
            print_hanging(console, Text("  ").append(literal(nc.metric)).append(" in ").append(literal(nc.run))
                          .append(": ").append(literal(nc.reason)), indent=4)


def _metric(console, mc, axis: str) -> None:
    better = "higher" if mc.higher_is_better else "lower"
    title = literal(mc.name)
    title.stylize("bold")
    if mc.paired_by != "name":
        title.append(" (")
        for i, rv in enumerate(mc.runs):
            title.append(", " if i else "").append(literal(rv.run)).append(": ").append(literal(rv.metric))
        title.append(")")
    print_hanging(console, title.append(f"  {how_compared(mc)}"), indent=2)
    console.print(_values_table(console, mc, axis), crop=False)
    for sentence in mc.sentences:
        print_hanging(console, Text("  - "), literal(sentence))
    for pair in mc.pairs:
        pair_line = Text("  ").append(literal(pair.b)).append(" against ").append(literal(pair.a)).append(":")
        print_hanging(console, pair_line, indent=4)
        print_hanging(console, Text("    "), literal(pair.parting.text), indent=6)
        for line in pair.parting.schedule:
            print_hanging(console, Text("      "), literal(line), indent=8)
        if not pair.events and pair.parting.text != UNITS_DIFFER.format(axis=axis):
            console.print(Text("    no events in either run"))
        matches, cut = listed_matches(pair.events)
        for m in matches:
            print_hanging(console, Text(f"    {m.match:<8}"), literal(m.text))
        if cut:
            console.print(Text(f"    ...     {cut}"))
    if len(mc.stages) > 1 or any(len([s for s in row.stages if s]) > 1 for row in mc.stages[:1]):
        console.print(_stage_table(console, mc, axis), crop=False)


def how_compared(mc) -> str:
    """Which way is better, the scale, and how the runs' metrics were paired."""
    better = "higher" if mc.higher_is_better else "lower"
    how = {"role": ", paired by role", "user": ", paired by --metric"}.get(mc.paired_by, "")
    return f"({better} is better, {mc.scale} scale{how})"


def _values_table(console, mc, axis: str) -> Table:
    rows = [(label, [literal(c) for c in cells]) for label, cells in value_rows(mc, axis)]
    return _runs_table(console, "", [rv.run for rv in mc.runs], rows, justify="right")


def value_rows(mc, axis: str) -> list[tuple[str, list[str]]]:
    """The values table's rows, label and a cell per run: the text and Markdown reports show the same."""
    rows = []
    if mc.paired_by != "name":
        rows.append(("metric", [rv.metric for rv in mc.runs]))
    rows.append(("final", [f"{rv.final:.4g} at {format_x(rv.final_at, axis)}" for rv in mc.runs]))
    rows.append(("best", [f"{rv.best:.4g} at {format_x(rv.best_at, axis)}" for rv in mc.runs]))
    if mc.noisy:
        rows.append(("final level", [f"{rv.final_level:.4g}" for rv in mc.runs]))
        rows.append(("best level", [f"{rv.best_level:.4g} at {format_x(rv.best_level_at, axis)}"
                                    for rv in mc.runs]))
    end = mc.common_end if mc.common_end is not None else min(rv.final_at for rv in mc.runs)
    if not mc.units_differ and any(rv.final_at != end or not math.isfinite(rv.final) for rv in mc.runs):
        rows.append((f"at {axis} {format_x(end, axis)}",
                     ["-" if rv.at_common_end is None else f"{rv.at_common_end:.4g}" for rv in mc.runs]))
    for i, level in enumerate(mc.levels):
        rows.append((f"reached {level:.4g}", [format_x(rv.reached[i], axis) for rv in mc.runs]))
    return rows


def _stage_table(console, mc, axis: str) -> Table:
    rows = [(str(row.index), [stage_cell(s, axis) for s in row.stages]) for row in mc.stages]
    return _runs_table(console, "stage", [rv.run for rv in mc.runs], rows, justify="left")


def _runs_table(console, corner: str, runs: list[str], rows: list[tuple], justify: str) -> Table:
    """A column per run; or, when those columns do not fit the width, a row per run. Squeezed into
    the width, twenty runs' columns had every cell shrunk to an ellipsis."""
    by_run = _table([corner, *map(literal, runs)], justify, TABLE_PADDING)
    for label, cells in rows:
        by_run.add_row(label, *cells)
    # Headed by the row labels, a column is as narrow as its values when the label wraps at its
    # first space ("reached" over "0.6951"); stages are numbered: "stage 1", "stage 2".
    headers = [f"{corner} {label}".strip().replace(" ", "\n", 1) for label, _ in rows]
    by_row = _table(["run", *headers], justify, NARROW_PADDING)
    for k, run in enumerate(runs):
        by_row.add_row(literal(run), *[cells[k] for _, cells in rows])
    layouts = [by_run, by_row]
    unbounded = console.options.update_width(1 << 16)  # what a layout asks for, not what it would get
    sizes = [Measurement.get(console, unbounded, table) for table in layouts]
    width = console.options.max_width
    # Each cell on one line, else cells wrapped at their spaces.
    for need in ([size.maximum for size in sizes], [size.minimum for size in sizes]):
        for table, wanted in zip(layouts, need):
            if wanted <= width:
                return table
    # Narrower than any layout: the lines run past the width rather than cut a number.
    by_row.width = sizes[1].maximum
    return by_row


# Two spaces each side of a cell; a row per run packs more columns, one space each side.
TABLE_PADDING = (0, 2, 0, 2)
NARROW_PADDING = (0, 1, 0, 1)


def _table(headers: list, justify: str, padding: tuple) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False, padding=padding)
    table.add_column(headers[0])
    for header in headers[1:]:
        table.add_column(header, justify=justify)
    return table


def stage_cell(s: dict | None, axis: str) -> str:
    """One stage in a few words: where it runs, its level, where its flat tail starts (as the stage
    table of analyze says it; "flat 2028" beside step ranges read as a step, and was a length)."""
    if s is None:
        return "-"
    text = f"{format_x(s['start'], axis)}-{format_x(s['end'], axis)}  level {s['level']:.4g}"
    if s["flat_for"]:
        text += f"  flat from {format_x(s['flat_from'], axis)}"
    return text
