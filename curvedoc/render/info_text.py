"""Text rendering of ``curvedoc info``."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from curvedoc.render.console import extent, literal, print_hanging

# A table of tens of thousands of rows takes rich minutes to lay out, and nobody reads it.
MAX_ROWS = 200
COLUMNS = ("metric", "role", "better", "points", "steps", "first", "last", "min", "max")
JUSTIFY = ("left", "left", "left", "right", "right", "right", "right", "right", "right")


def render_info(console, reports: list[dict]) -> None:
    for report in reports:
        for run in report["runs"]:
            header = Text()
            header.append(literal(run["source"]))
            header.append(f"  format={run['format']}  run=")
            header.append(literal(run["run"]))
            header.append("  " + extent(run["n_steps"], run.get("first_step"), run.get("last_step"), run["step_axis"]))
            console.print(header)
            rows = [(literal(m["name"]), m["role"], m["better"] or "", str(m["n_points"]),
                     "" if m["first_step"] is None else f"{m['first_step']}–{m['last_step']}",
                     _fmt(m["first"], m.get("first_nonfinite")), _fmt(m["last"], m.get("last_nonfinite")),
                     _fmt(m["min"]), _fmt(m["max"]))
                    for m in run["metrics"][:MAX_ROWS]]
            # In terminal cells: a CJK name is twice as wide as it is long.
            widths = [max([len(col)] + [cell_len(str(r[k])) for r in rows]) for k, col in enumerate(COLUMNS)]
            if sum(widths) + 2 * (len(COLUMNS) - 1) <= console.width:
                table = Table(show_edge=False, pad_edge=False, box=None)
                for col, justify in zip(COLUMNS, JUSTIFY):
                    table.add_column(col, justify=justify, no_wrap=True)
                for row in rows:
                    table.add_row(*row)
                console.print(table)
            else:
                # Too narrow for the table: a line per metric, wrapped between its fields. Columns
                # shrunk to fit cut numbers to "8.88…" (8.88e-06), which reads as another number.
                for row in rows:
                    fields = [f"{col}={value}" for col, value in zip(COLUMNS[1:], row[1:]) if value]
                    print_hanging(console, row[0], Text("  " + "  ".join(fields)), indent=4)
            if len(run["metrics"]) > MAX_ROWS:
                console.print(f"  ... and {len(run['metrics']) - MAX_ROWS} more columns (all of them: --format json)")
            if any(m["better"] == "?" for m in run["metrics"]):
                console.print("  better ?: the name says neither loss nor score; analyze reads such a metric as a "
                              "loss (--higher-is-better flips it), and beside metrics whose names do say, only when "
                              "it is named with --metric")
            # The table's min and max are of the finite values: a loss that went inf three times said so
            # nowhere but in the JSON.
            for m in run["metrics"]:
                if m.get("n_nonfinite"):
                    console.print(Text("  ").append(literal(m["name"])).append(
                        f": {m['n_nonfinite']} of its {m['n_points']} points NaN or inf"))
            for w in run["warnings"]:
                print_hanging(console, Text("  warning: "), literal(w))
            console.print()


def _fmt(x, nonfinite: str | None = None) -> str:
    """A value for the table; ``nonfinite`` says what a None stands for (an inf is not printed as nan)."""
    if x is None:
        return nonfinite or "nan"
    return f"{x:.4g}"
