"""The terminal report of ``curvedoc analyze`` (rich) and its Markdown twin."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from curvedoc.explain import RULES, quiet_decays, step_span
from curvedoc.render.console import extent, literal, print_hanging
from curvedoc.render.listing import listed_events, metric_notes


def render_text(console, analyses, explain: bool = False) -> None:
    for ra in analyses:
        print_hanging(console, _header(ra), indent=2)
        events, cut = listed_events(ra.metrics)
        for sa, e in events:
            if ra.run.step_axis == "epoch":  # one number: the log's own axis is the epoch
                line = Text(f"  epoch {e.step:>7}")
            else:  # a log with no step of its own counts rows, and says so
                line = Text(f"  row {e.step:>9}" if ra.run.step_axis == "row" else f"  step {e.step:>8}")
                line.append("" if e.epoch is None else f"  epoch {e.epoch:<6.4g}")
            line.append("  ")
            line.append(literal(sa.name))
            line.append(f"  {_change(e)}  ")
            line.append(e.label, style="bold")
            line.append(f" ({e.confidence:.2f})")
            print_hanging(console, line, indent=EVENT_HANG)
            for ev in e.evidence:
                print_hanging(console, Text("      - "), literal(ev))
        for note in cut:
            console.print(Text("  ... ").append(literal(note)))
        if not events:
            console.print("  no sharp transitions found")
        from curvedoc.summary import summarize

        console.print(Text("  summary:", style="bold"))
        for sentence in summarize(ra):
            print_hanging(console, Text("    "), literal(sentence), indent=SUMMARY_HANG)
        if explain:
            _explain(console, ra)
        _stages(console, ra)
        for w in ra.run.warnings:
            print_hanging(console, Text("  warning: "), literal(w))
        for note in metric_notes(ra.metrics):
            print_hanging(console, Text("  note: "), literal(note))
        console.print()


# Wrapped lines of an event go in under its step, of a summary sentence under its text.
EVENT_HANG = 10
SUMMARY_HANG = 6

SCHEDULE_WORDS = {"warmup_end": "warmup ends at", "lr_decay": "decays at", "lr_increase": "lr up at",
                  "lr_peak": "lr peaks at", "batch_size_increase": "batch size up at",
                  "batch_size_decrease": "batch size down at"}
# The header names this many changes of a kind, or smooth spans, and counts the rest
# (a cyclic schedule turns hundreds of times; the JSON lists them all).
HEADER_ITEMS = 6


def _header(ra) -> Text:
    run = ra.run
    t = Text()
    t.append(literal(run.source))
    t.append(f"  [{run.format}]  run ")
    t.append(literal(run.name))
    index = run.frame.index
    t.append(f"  {extent(len(index), index[0] if len(index) else None, index[-1] if len(index) else None, run.step_axis)}"
             f"  {len(ra.metrics)} metrics  ")
    t.append(literal("  ".join(schedule_items(ra))))
    return t


def schedule_items(ra) -> list[str]:
    """Where the LR came from, then its changes and smooth spans, as the report's header says them."""
    sched = ra.schedule
    items = [{"log": f"lr from column {sched.lr_column}", "user": "lr from the given schedule",
              "none": "no lr in the log"}[sched.source]]
    for kind, words in SCHEDULE_WORDS.items():
        steps = [str(c.step) for c in sched.changes if c.kind == kind]
        if steps:
            items.append(f"{words} " + _first_items(steps))
    if sched.small_steps:
        # Named apart: under x0.8 no decay owes the curve a move, and lr-decay-effective judges none of them.
        items.append("small steps " + _first_items([f"x{c.after / c.before:.3g} at {c.step}"
                                                    for c in sched.small_steps]))
    if sched.smooth:
        items.append(_first_items([f"{sp.shape} {step_span(sp.start, sp.end)}" for sp in sched.smooth], "  "))
    return items


def _first_items(items: list[str], sep: str = ", ") -> str:
    if len(items) <= HEADER_ITEMS:
        return sep.join(items)
    return sep.join(items[:HEADER_ITEMS - 1]) + f"{sep}... ({len(items)} in all, the last {items[-1]})"


def _change(e) -> str:
    if e.nonfinite_step is not None:  # a divergence, or a spike to nan/inf
        return f"{e.kind}: {e.before:.4g} -> {e.after}"
    return f"{e.kind} {e.before:.4g} -> {e.after:.4g} ({e.change_text})"


def _stages(console, ra) -> None:
    for sa in ra.metrics:
        if len(sa.stages) < 2:
            continue
        table = Table(title=None, show_edge=False, box=None, pad_edge=False)
        for col in ("stage", f"{ra.run.step_axis}s", "level", "plateau"):
            table.add_column(col)
        for i, s in enumerate(sa.stages, 1):
            flat = f"yes, from {s.plateau_from}" if s.plateau else "no"
            table.add_row(str(i), step_span(s.start, s.end), f"{s.level:.4g}", flat)
        console.print(Text("  stages of ").append(literal(sa.name)))
        console.print(table)


def _explain(console, ra) -> None:
    for sa in ra.metrics:
        for e in sa.events:
            console.print(Text(f"  {ra.run.step_axis} {e.step} ").append(literal(sa.name)).append(f": {e.kind}"))
            for v in e.rule_scores:
                print_hanging(console, Text(f"    {v.label:20s} {v.score:.2f}  "), literal("; ".join(v.evidence)))
            # The rules that found nothing to go on, named: "why not lr_decay?" is answered too.
            silent = [r.__name__ for r in RULES if r.__name__ not in {v.label for v in e.rule_scores}]
            if silent:
                print_hanging(console, Text("    no reading: "), Text(", ".join(silent)))
    for line in quiet_decays(ra):
        print_hanging(console, Text("  "), literal(line), indent=4)
