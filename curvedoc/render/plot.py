"""Terminal plots with plotext: a run's curves with its events marked, the LR below, runs overlaid.

Everything is drawn on plotext's own figure and returned as text, so the same
plot can be printed, saved to a file or appended to a report. The y axis is
transformed here (log10 for loss-like curves) and labelled with the values
themselves, so the vertical event lines and their labels never go through a
log ruler.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
from dataclasses import dataclass, field

import numpy as np

from curvedoc.render.escape import printable
from curvedoc.render.listing import listed_events
from curvedoc.run import few

# Size when the output is not a terminal (a pipe, a file, CI logs).
DEFAULT_SIZE = (100, 30)
# Below this the axes and tick labels leave no room for the curve.
MIN_WIDTH, MIN_HEIGHT = 40, 8
# Past these plotext's canvas does not fit in memory (--height 10^8 aborted the process); a plot
# this large is already an image no terminal shows.
MAX_WIDTH, MAX_HEIGHT = 2000, 1000
# Share of the plot height the LR panel takes under the metric panels.
LR_PANEL_SHARE = 0.25
MIN_LR_HEIGHT = 6
# Rows kept free at the top of a panel for event labels (fewer on short panels).
LABEL_ROWS = 3
# plotext's default "hd" marker puts two dots side by side in each character cell.
DOTS_PER_CELL = 2
# Markers given to successive curves, so that overlaid curves stay apart without colour.
MARKERS = ("hd", "braille", "dot", "x", "+")
KEY_SAMPLES = ("▀", "⠒", "•", "x", "+")
# Rows of the plot frame that are not canvas: top and bottom border, x tick labels.
FRAME_ROWS = 3


@dataclass
class Curve:
    """One line on a panel: a name (shown literally) and its points."""

    label: str
    x: np.ndarray
    y: np.ndarray


@dataclass
class Mark:
    """A vertical line at ``x`` with a short label over it."""

    x: float
    text: str


@dataclass
class Panel:
    """One plot frame: its curves, its marks, how to scale y, and a one-line key above it."""

    curves: list[Curve]
    marks: list[Mark] = field(default_factory=list)
    log_y: bool = False
    title: str = ""
    label_marks: bool = True
    notes: list[str] = field(default_factory=list)


def plot_size(width: int | None = None, height: int | None = None, stream=None) -> tuple[int, int]:
    """The plot's size: what was asked, else the terminal's, else ``DEFAULT_SIZE`` off a terminal."""
    import sys

    stream = stream or sys.stdout
    if width is None or height is None:
        tty = _isatty(stream)
        # Off a terminal, COLUMNS and LINES when set, as the text report above the plot reads them.
        w, h = shutil.get_terminal_size(DEFAULT_SIZE) if tty else (_env_int("COLUMNS", DEFAULT_SIZE[0]),
                                                                   _env_int("LINES", DEFAULT_SIZE[1]))
        width = w if width is None else width
        # On a terminal, one row is left for the prompt so that the top of the plot stays on screen.
        height = (h - 1 if tty else h) if height is None else height
    # A terminal's (or COLUMNS and LINES) no larger than --width and --height may ask: LINES=100000
    # drew a canvas of 6.7 GB.
    return min(MAX_WIDTH, max(MIN_WIDTH, int(width))), min(MAX_HEIGHT, max(MIN_HEIGHT, int(height)))


def _env_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def use_color(stream=None) -> bool:
    """Colour only on a terminal that can show it (``TERM=dumb`` cannot, as rich has it for the text
    report), or where ``FORCE_COLOR`` asks for it as the text report honours it, and only when
    ``NO_COLOR`` is not set (no-color.org)."""
    import sys

    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (_isatty(stream or sys.stdout) and os.environ.get("TERM") != "dumb")


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


literal = printable


def reduce_minmax(x: np.ndarray, y: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """At most two points per pixel column (its lowest and highest, in step order).

    Plain subsampling can skip a one-point spike; keeping each column's
    extremes draws exactly the envelope a full-resolution plot would show.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if len(x) <= 2 * columns or columns < 1:
        return x, y
    lo, hi = x[0], x[-1]
    if hi <= lo:
        return x[:1], y[:1]
    col = np.minimum(((x - lo) / (hi - lo) * columns).astype(np.int64), columns - 1)
    starts = np.flatnonzero(np.r_[True, np.diff(col) != 0])
    counts = np.diff(np.r_[starts, len(x)])
    idx = np.arange(len(x))
    ymin = np.minimum.reduceat(y, starts)
    ymax = np.maximum.reduceat(y, starts)
    big = len(x) + 1
    at_min = np.minimum.reduceat(np.where(y == np.repeat(ymin, counts), idx, big), starts)
    at_max = np.minimum.reduceat(np.where(y == np.repeat(ymax, counts), idx, big), starts)
    first = np.minimum(at_min, at_max)
    second = np.maximum(at_min, at_max)
    keep = np.unique(np.concatenate([first, second]))
    return x[keep], y[keep]


# ---------------------------------------------------------------- panels


def render_panels(panels: list[Panel], width: int, heights: list[int], color: bool = False,
                  xlim: tuple[float, float] | None = None, x_unit: str = "step") -> str:
    """Draw panels one under the other, sharing the x range; returns the text."""
    if xlim is None:
        xs = [c.x for p in panels for c in p.curves if len(c.x)]
        if not xs:
            return "(nothing to plot)"
        xlim = (float(min(x.min() for x in xs)), float(max(x.max() for x in xs)))
    if xlim[1] <= xlim[0]:
        xlim = (xlim[0] - 0.5, xlim[0] + 0.5)
    prepared = [_prepare(p, h) for p, h in zip(panels, heights)]
    # One width for the y labels of every panel, so that the panels' x axes line up.
    label_w = max((len(s) for prep in prepared if prep for s in prep[3]), default=1)
    out = []
    for panel, height, prep in zip(panels, heights, prepared):
        if panel.title:
            out.append(panel.title)
        if prep is None:
            if panel.curves:
                out.append("  (no finite values to plot)")
            continue
        out.append(_render_panel(panel, prep, width, height, label_w, color, xlim, x_unit))
        out.extend(panel.notes)
    return "\n".join(out)


# A y span past this is drawn scaled by HUGE_SCALE: plotext multiplies spans by counts of cells.
HUGE_SPAN = 1e300
HUGE_SCALE = 1e-10


def _prepare(panel: Panel, height: int):
    """The panel's curves in plotted units, their y range, and the y ticks with their labels."""
    curves = [c for c in (_transformed(c, panel.log_y) for c in panel.curves) if len(c.y)]
    if not curves:
        return None
    ylo = min(float(c.y.min()) for c in curves)
    yhi = max(float(c.y.max()) for c in curves)
    count = max(2, (height - FRAME_ROWS) // 3)
    if yhi <= ylo and math.isfinite(ylo):
        # A constant (or one point): the axis centred on it, its one tick the value itself (padded
        # by a fixed +-0.5, 0.003 sat on a tick labelled 0).
        value = ylo
        pad = 0.5 if panel.log_y else (abs(value) * 0.05 or 0.5)
        return curves, (value - pad, value + pad), [value], _format_values([10 ** value if panel.log_y else value])
    if not math.isfinite(yhi - ylo) or yhi - ylo > HUGE_SPAN:
        # Values near the ends of the float range: the ticks' and the canvas's arithmetic (a span
        # times the canvas's rows) overflows. Drawn scaled down, labelled with the values themselves.
        curves = [Curve(c.label, c.x, c.y * HUGE_SCALE) for c in curves]
        ylo, yhi = ylo * HUGE_SCALE, yhi * HUGE_SCALE
        yticks, _ = _y_ticks(ylo, yhi, panel.log_y, count)
        return curves, (ylo, yhi), yticks, _format_values([t / HUGE_SCALE for t in yticks])
    yticks, ylabels = _y_ticks(ylo, yhi, panel.log_y, count)
    return curves, (ylo, yhi), yticks, ylabels


def _render_panel(panel: Panel, prep, width: int, height: int, label_w: int, color: bool,
                  xlim: tuple[float, float], x_unit: str) -> str:
    import plotext

    curves, (ylo, yhi), yticks, ylabels = prep
    ylabels = [s.rjust(label_w) for s in ylabels]
    # The size asked for is the size drawn, terminal or not (plotext caps it at the terminal's by default).
    plotext.terminal.limit(False, False)
    fig = plotext.figure
    fig.clear()
    fig.theme("simple" if color else "colorless")
    fig.plot_size(width, height)
    canvas_w = max(10, width - label_w - 2)
    canvas_h = max(3, height - FRAME_ROWS)

    marks = [m for m in panel.marks if xlim[0] <= m.x <= xlim[1]]
    rows = min(LABEL_ROWS, len(marks), canvas_h // 4) if panel.label_marks else 0
    top = yhi + rows * (yhi - ylo) / max(canvas_h - 1 - rows, 1)

    for i, c in enumerate(curves):
        x, y = reduce_minmax(c.x, c.y, DOTS_PER_CELL * canvas_w)
        sig = fig.signal(x.tolist(), y.tolist(), marker=MARKERS[i % len(MARKERS)])
        sig.lines()
        fig.draw(sig)
    for m in marks:
        fig.line(float(m.x), orientation="vertical", style="dotted")
    if rows:
        for m, row, text, align in _place_labels(marks, xlim, canvas_w, rows):
            y = top - row * (top - ylo) / max(canvas_h - 1, 1)
            fig.draw(fig.text(float(m.x), y, text, alignment=align))

    fig.ruler("x").lim(xlim[0], xlim[1])
    fig.ruler("y").lim(ylo, top)
    xticks = _nice_ticks(xlim[0], xlim[1], max(2, canvas_w // 12))
    fig.ruler("x").ticks(xticks, _format_xs(xticks, x_unit))
    fig.ruler("y").ticks(yticks, ylabels)
    text = fig.build().string(colorless=not color)
    fig.clear()
    return text.rstrip("\n")


def _transformed(c: Curve, log_y: bool) -> Curve:
    x = np.asarray(c.x, dtype=np.float64)
    y = np.asarray(c.y, dtype=np.float64)
    ok = np.isfinite(x) & np.isfinite(y)
    if log_y:
        ok &= y > 0
    x, y = x[ok], y[ok]
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    return Curve(c.label, x, np.log10(y) if log_y else y)


def _place_labels(marks: list[Mark], xlim, canvas_w: int, rows: int):
    """Put each mark's label in the first top row where it does not overlap another.

    A label that fits nowhere in full is cut to its number; the key under the
    plot has the full text."""
    taken: list[list[tuple[int, int]]] = [[] for _ in range(rows)]
    span = xlim[1] - xlim[0]
    placed = []
    for m in sorted(marks, key=lambda m: m.x):
        col = int(round((m.x - xlim[0]) / span * (canvas_w - 1))) if span > 0 else 0
        for text in (m.text, m.text.split(" ")[0]):
            n = len(text)
            align = "left" if col + n <= canvas_w else "right"
            a, b = (col, col + n) if align == "left" else (col - n + 1, col + 1)
            row = next((r for r in range(rows) if all(b + 1 <= s or a >= e + 1 for s, e in taken[r])), None)
            if row is not None:
                taken[row].append((a, b))
                placed.append((m, row, text, align))
                break
    return placed


def _nice_ticks(lo: float, hi: float, count: int) -> list[float]:
    """Round tick positions (1, 2, 5 times a power of ten) inside [lo, hi]."""
    if hi <= lo:
        return [lo]
    raw = hi / max(count, 1) - lo / max(count, 1)  # hi - lo overflows for values near the float range
    if raw <= 0:  # a span of a subnormal or two, divided by the count, underflows to zero
        return [lo, hi]
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    span = hi / step - first / step
    if not (math.isfinite(step) and math.isfinite(first) and math.isfinite(span)):
        return [lo, hi]
    ticks = [first + i * step for i in range(int(span + 1e-9) + 1)]
    return [0.0 if abs(t) < step * 1e-9 else t for t in ticks] or [lo, hi]


# The largest power of ten a float holds: a log axis padded past it has no ticks there.
MAX_LOG10 = math.log10(sys.float_info.max)


def _y_ticks(lo: float, hi: float, log_y: bool, count: int) -> tuple[list[float], list[str]]:
    if not log_y:
        ticks = _nice_ticks(lo, hi, count)
        return ticks, _format_values(ticks)
    values = []
    for k in range(math.floor(lo) - 1, math.ceil(hi) + 1):
        for m in (1, 2, 5):
            v = math.log10(m) + k
            if lo - 1e-9 <= v <= min(hi + 1e-9, MAX_LOG10):
                values.append((m, v))
    ticks = [v for _, v in values]
    if len(ticks) > count:
        ticks = [v for m, v in values if m == 1]
        while len(ticks) > count:
            ticks = ticks[::2]
    if len(ticks) < 2:
        # Less than a factor of two on screen: round values in linear units.
        linear = [t for t in _nice_ticks(10 ** min(lo, MAX_LOG10), 10 ** min(hi, MAX_LOG10), count) if t > 0]
        ticks = [math.log10(t) for t in linear]
    return ticks, _format_values([10 ** t for t in ticks])


def _format_values(values: list[float]) -> list[str]:
    for digits in range(1, 7):
        labels = [_g(v, digits) for v in values]
        if len(set(labels)) == len(labels):
            return labels
    return [_g(v, 6) for v in values]


def _g(v: float, digits: int) -> str:
    """``digits`` significant digits, positional between 1e-4 and 1e6 (``10``, not ``1e+01``)."""
    if v == 0:
        return "0"
    rounded = float(f"{v:.{digits}g}")
    if not math.isfinite(rounded):  # rounded up past the float range (1.5e308 to one digit)
        return f"{v:.{digits + 1}g}".replace("e+", "e")
    if 1e-4 <= abs(rounded) < 1e6:
        return f"{rounded:f}".rstrip("0").rstrip(".")
    mantissa, exponent = f"{rounded:.{digits - 1}e}".split("e")
    if "." in mantissa:  # 1.0e308 beside 1.5e308 reads 1e308: the digits are for telling ticks apart
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{exponent}".replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")


def _format_xs(ticks: list[float], unit: str) -> list[str]:
    """Tick labels, with as many digits as it takes to tell them apart: steps 1,000,001-1,000,300
    all read "1M" at four."""
    labels = [_format_x(v, unit) for v in ticks]
    digits = 5
    while len(set(labels)) < len(labels) and digits <= 17:
        labels = [_format_x(v, unit, digits) for v in ticks]
        digits += 1
    return labels


def _format_x(v: float, unit: str, digits: int = 4) -> str:
    if unit == "time":
        from curvedoc.comparison import format_duration

        return format_duration(v)
    if unit == "epoch" and abs(v) < 1000:
        return _g(v, digits)
    a = abs(v)
    for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if a >= div:
            return f"{v / div:.{digits}g}{suffix}"
    return f"{v:.{digits}g}"


# ---------------------------------------------------------------- runs


def plot_analysis(ra, metrics: list[str] | None = None, log_y: bool | None = None, lr: bool = False,
                  width: int = DEFAULT_SIZE[0], height: int = DEFAULT_SIZE[1], color: bool = False,
                  fit: bool = False) -> str:
    """One run's curves with every event marked and numbered, the LR below with ``lr``.

    ``metrics``: names to draw (default: the run's losses, else its main
    metric); lower-is-better and higher-is-better curves get a panel each.
    ``log_y``: None picks log for positive loss-like panels. Returns the plot
    followed by a numbered key of the events; with ``fit`` (a height that is the terminal's), the
    key and notes are within ``height`` too, so that the legend stays on screen.
    """
    from curvedoc.errors import CurvedocError

    by_name = {sa.name: sa for sa in ra.metrics}
    names = list(metrics) if metrics else _default_metrics(ra)
    missing = [m for m in names if m not in by_name]
    if missing:
        raise CurvedocError(f"no analysed metric named {', '.join(map(literal, missing))}; the run has: "
                            f"{', '.join(literal(n) for n in by_name)}", ra.run.source)
    groups: list[list] = []
    for hib in (False, True):
        group = [by_name[n] for n in names if by_name[n].higher_is_better is hib]
        if group:
            groups.append(group)

    listed, cut = listed_events([sa for g in groups for sa in g])
    events = sorted(listed, key=lambda p: (p[1].step, p[0].name))
    numbers = {id(e): i for i, (_, e) in enumerate(events, 1)}
    panels = []
    for group in groups:
        curves = [_curve(ra, sa.name) for sa in group]
        logged = _panel_log(curves, group, log_y)
        curves += [m for m in (_median_line(c, width, logged) for c in curves) if m is not None]
        marks = [Mark(e.step, f"{numbers[id(e)]} {e.label}") for sa in group for e in sa.events if id(e) in numbers]
        title = fitted(_key([c.label for c in curves]) + ("   (log y)" if logged else ""), width, "   ")
        notes = [] if not logged or log_y is None or _all_positive(curves) else \
            ["  note: values <= 0 are left out of a log-scale plot"]
        if log_y and not logged:  # asked for, and nothing above zero to draw on it
            notes = ["  note: --log-y asked for, but no value is above 0: drawn on a linear scale"]
        panels.append(Panel(curves, marks, logged, title, notes=[fitted(n, width) for n in notes]))
    if lr:
        panels.append(_lr_panel(ra, [m for p in panels for m in p.marks], width))

    others = [] if metrics else [sa.name for sa in ra.metrics if sa.name not in names]
    undrawn = [f"  not drawn: {few([literal(n) for n in others])} (--metric to choose)"] if others else []
    key = "\n".join(fitted(line, width) for line in
                    event_key(events, ra.run.step_axis) + [f"  ... {literal(n)}" for n in cut] + undrawn).split("\n")
    header = fitted(f"{literal(ra.run.source)}  run {literal(ra.run.name)}  ({ra.run.step_axis}s on x)", width, "  ")
    if fit:
        height = max(MIN_HEIGHT, height - len(key) - sum(len(p.notes) for p in panels))
    drawn = [p for p in panels if p.curves]
    text_rows = header.count("\n") + 1 + sum(p.title.count("\n") + 1 for p in panels)
    # At the terminal's height a panel may go down to the LR panel's least, to keep key and legend on screen.
    heights = iter(_heights(len(drawn), height - text_rows, lr and bool(panels[-1].curves),
                            MIN_LR_HEIGHT if fit else MIN_HEIGHT))
    heights = [next(heights) if p.curves else 0 for p in panels]
    body = render_panels(panels, width, heights, color, x_unit="epoch" if ra.run.step_axis == "epoch" else "step")
    return "\n".join([header, body] + key)


def event_key(events, unit: str = "step") -> list[str]:
    """The numbered list under a plot: where each marked event is and what it was labelled."""
    if not events:
        return ["  no events marked"]
    out = ["  events (dotted lines):"]
    for i, (sa, e) in enumerate(events, 1):
        change = f"{e.kind} to {e.after}" if e.nonfinite_step is not None else \
            f"{e.kind} {e.before:.4g} -> {e.after:.4g}"
        out.append(f"  {i:>3}  {unit} {e.step:<8} {literal(sa.name)}  {change}  {e.label} ({e.confidence:.2f})")
    return out


def _default_metrics(ra) -> list[str]:
    from curvedoc.summary import main_metric

    losses = [sa.name for sa in ra.metrics if not sa.higher_is_better and "loss" in sa.name.lower()]
    if losses:
        return losses[:3]
    main = main_metric(ra)
    return [main.name] if main is not None else [sa.name for sa in ra.metrics[:1]]


# A curve of more points than this per character column is drawn as the band its noise spans, and its
# median over every MEDIAN_COLUMNS columns is drawn over it: the level a person reads, which a band of
# per-update noise hides (a decay's -11% under 30% noise, 10^5 points, was invisible in it).
DENSE_POINTS_PER_COLUMN = 8
MEDIAN_COLUMNS = 2


def _median_line(c: Curve, width: int, log_y: bool) -> Curve | None:
    """The running level of a dense curve, as medians of blocks of consecutive points (None: not dense)."""
    ok = np.isfinite(c.y) & (c.y > 0 if log_y else True)
    x, y = c.x[ok], c.y[ok]
    blocks = max(2, width // MEDIAN_COLUMNS)
    if len(y) < DENSE_POINTS_PER_COLUMN * width:
        return None
    edges = np.linspace(0, len(y), blocks + 1).astype(np.int64)
    xs = np.array([np.median(x[a:b]) for a, b in zip(edges, edges[1:])])
    ys = np.array([np.median(y[a:b]) for a, b in zip(edges, edges[1:])])
    return Curve(f"{c.label} (median of every {edges[1] - edges[0]:,} points)", xs, ys)


def _curve(ra, name: str) -> Curve:
    s = ra.run.series(name)
    return Curve(name, s.index.to_numpy(dtype=np.float64), s.to_numpy(dtype=np.float64))


def _all_positive(curves: list[Curve]) -> bool:
    return all(np.all(c.y[np.isfinite(c.y)] > 0) for c in curves)


def _panel_log(curves: list[Curve], series, log_y: bool | None) -> bool:
    """Log scale when asked, or by default for positive loss-like curves (as detection transforms them)."""
    if log_y is not None:
        return log_y and any(np.any(c.y[np.isfinite(c.y)] > 0) for c in curves)
    return all(not sa.higher_is_better for sa in series) and _all_positive(curves)


def _lr_panel(ra, marks: list[Mark], width: int) -> Panel:
    sched = ra.schedule
    if sched.lr_steps is None or len(sched.lr_steps) == 0:
        return Panel([], title="  no learning rate in the log to plot")
    curve = Curve(sched.lr_column or "lr", sched.lr_steps.astype(np.float64), sched.lr_values.astype(np.float64))
    pos = curve.y[curve.y > 0]
    logged = len(pos) > 0 and pos.max() / pos.min() >= 10
    title = fitted(_key([curve.label]) + ("   (log y)" if logged else ""), width, "   ")
    return Panel([curve], [Mark(m.x, "") for m in marks], logged, title, label_marks=False)


def _heights(n: int, total: int, has_lr: bool, floor: int = MIN_HEIGHT) -> list[int]:
    if n == 0:
        return []
    if not has_lr:
        each = max(floor, total // n)
        return [each] * n
    lr_h = max(MIN_LR_HEIGHT, int(total * LR_PANEL_SHARE))
    rest = n - 1
    each = max(floor, (total - lr_h) // rest) if rest else 0
    return [each] * rest + [lr_h]


def _key(labels: list[str]) -> str:
    return "  " + "   ".join(f"{KEY_SAMPLES[i % len(KEY_SAMPLES)]} {literal(lab)}" for i, lab in enumerate(labels))


# Lines of text around the chart go on under their start this much further in when cut to the plot's width.
TEXT_HANG = 4


def fitted(line: str, width: int, sep: str = " ") -> str:
    """A line of text cut at ``sep`` (a key's "   " between its curves, so that none is split from its
    sample) into lines of ``width`` at most, each after the first indented ``TEXT_HANG`` beyond the first
    line's indent: the header, key and event list had run past a narrow terminal that the chart fitted."""
    if len(line) <= width:
        return line
    lead = len(line) - len(line.lstrip(" "))
    indent = " " * min(lead + TEXT_HANG, width // 2)
    lines, current, fresh = [], line[:lead], True
    for part in line[lead:].split(sep):
        if fresh:
            current, fresh = current + part, False
        elif len(current) + len(sep) + len(part) <= width:
            current += sep + part
        else:
            lines.append(current.rstrip())
            current = indent + part
    lines.append(current.rstrip())
    return "\n".join(_hard_cut(x, width, indent) for x in lines)


def _hard_cut(line: str, width: int, indent: str) -> str:
    """A line still too long (one word past the width: a path) cut at the width."""
    pieces = [line[:width]]
    rest = line[width:]
    step = max(1, width - len(indent))
    while rest:
        pieces.append(indent + rest[:step])
        rest = rest[step:]
    return "\n".join(pieces)


def plot_overlay(curves: list[Curve], marks: list[Mark], log_y: bool, width: int, height: int,
                 color: bool = False, x_unit: str = "step", title: str = "") -> str:
    """Several curves on one panel (runs compared on a common axis)."""
    head = title or _key([c.label for c in curves])
    panel = Panel(curves, marks, log_y, head + ("   (log y)" if log_y else ""))
    return render_panels([panel], width, [height - 1], color, x_unit=x_unit)


def plot_comparison(comparison, metrics: list[str] | None = None, log_y: bool | None = None,
                    width: int = DEFAULT_SIZE[0], height: int = DEFAULT_SIZE[1], color: bool = False) -> str:
    """The compared runs overlaid on the common axis, one panel per metric (the first one by default).

    Each run's series is its own column of the pairing (``loss`` in one log, ``train_loss`` in
    another). Vertical lines mark where the runs part, labelled with the run the later one is compared with."""
    chosen = [mc for mc in comparison.metrics if (mc.name in metrics if metrics else True)]
    chosen = chosen if metrics else chosen[:1]
    from curvedoc.comparison import axis_values

    out = []
    each = max(MIN_HEIGHT, height // max(len(chosen), 1))
    for mc in chosen:
        curves = []
        for i, (name, ra) in enumerate(zip(comparison.names, comparison.analyses)):
            x, y = axis_values(ra, mc.columns[i] if mc.columns else mc.name, comparison.axis, name)
            curves.append(Curve(name, x, y))
        logged = (mc.scale == "log") if log_y is None else log_y
        marks = [Mark(p.parting.at, f"{i} parting") for i, p in enumerate(mc.pairs, 1) if p.parting.at is not None]
        title = fitted(f"  {literal(mc.name)}:" + _key([c.label for c in curves])[1:], width, "   ")
        out.append(plot_overlay(curves, marks, logged, width, each, color, comparison.axis, title))
    return "\n".join(out)


def plot_logs(paths, metrics: list[str] | None = None, log_y: bool | None = None, lr: bool = False,
              width: int | None = None, height: int | None = None, log_format: str | None = None,
              color: bool | None = None) -> str:
    """``curvedoc plot``: analyse each log and plot each of its runs; with ``metrics``, the runs that
    have none of them are named after the plots (an error only when no run has one)."""
    from curvedoc.analysis import analyze
    from curvedoc.errors import CurvedocError

    fit = height is None
    width, height = plot_size(width, height)
    color = use_color() if color is None else color
    out, without = [], []
    for path in paths:
        for ra in analyze(path, metrics, format=log_format):
            have = [m for m in metrics or [] if m in {sa.name for sa in ra.metrics}]
            if metrics and not have:
                without.append(ra)  # a folder of runs: one without the metric is said, not fatal
                continue
            lacking = [m for m in metrics or [] if m not in have]
            text = plot_analysis(ra, have or None, log_y, lr, width, height - bool(lacking) if fit else height, color,
                                 fit=fit)
            out.append(text + (f"\n  note: no {', '.join(map(literal, lacking))} in this run" if lacking else ""))
    asked = ", ".join(map(literal, metrics or []))
    if without and not out:
        raise CurvedocError(f"no metric named {asked}; the run has: {_metrics_of(without[0])}", without[0].run.source)
    out += [f"{ra.run.source}: run {ra.run.name}: not plotted, no {asked}; it has: {_metrics_of(ra)}" for ra in without]
    return "\n\n".join(out)


def _metrics_of(ra) -> str:
    return ", ".join(literal(c) for c in ra.run.columns_with_role("metric")) or "no metric"
