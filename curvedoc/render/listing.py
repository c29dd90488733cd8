"""Which events the text and Markdown reports, the plot's key and ``compare`` list.

An unstable run can throw spikes by the dozen on a long log; listed one by one they would bury
every other event. A metric with more than MAX_SPIKES_SHOWN spikes shows the tallest (on the scale the
metric was analysed on, as one reads them on the plot, in every report alike) and counts the
rest; JSON lists all. So with the drops of a sawtooth at epoch starts: one pattern, whose
MAX_SAWTOOTH_SHOWN largest teeth stand for the rest."""

from __future__ import annotations

MAX_SPIKES_SHOWN = 8
MAX_SAWTOOTH_SHOWN = 3


def listed_events(metrics) -> tuple[list, list[str]]:
    """(metric, event) pairs to list, in step order (metrics in order at one step), and one line
    per metric whose spikes or sawtooth teeth were cut."""
    pairs, notes = [], []
    for sa in metrics:
        hidden = set()
        for what, shown, members in (
                ("spikes", MAX_SPIKES_SHOWN, [e for e in sa.events if e.kind == "spike"]),
                ("drops at epoch starts", MAX_SAWTOOTH_SHOWN, [e for e in sa.events if e.label == "epoch_boundary"])):
            if len(members) <= shown:
                continue
            cut = sorted(members, key=sa.height, reverse=True)[shown:]
            hidden |= {id(e) for e in cut}
            steps = sorted(e.step for e in cut)
            size = (lambda e: e.change_text) if sa.transform == "log" else (lambda e: f"{e.after - e.before:+.3g}")
            notes.append(f"{len(cut)} smaller {what} of {sa.name} not listed ({size(cut[-1])} to {size(cut[0])}, "
                         f"steps {steps[0]} to {steps[-1]}); --format json lists every one")
        pairs += [(sa, e) for e in sa.events if id(e) not in hidden]
    return sorted(pairs, key=lambda p: p[1].step), notes


def listed_matches(matches) -> tuple[list, str | None]:
    """``compare``'s matched events to list for one pair of runs, in their order, and a line
    counting the spikes left out: the MAX_SPIKES_SHOWN tallest (either run's, as its metric was
    analysed) are kept."""
    spikes = [m for m in matches if m.kind == "spike"]
    if len(spikes) <= MAX_SPIKES_SHOWN:
        return list(matches), None
    hidden = {id(m) for m in sorted(spikes, key=lambda m: m.height, reverse=True)[MAX_SPIKES_SHOWN:]}
    return ([m for m in matches if id(m) not in hidden],
            f"{len(hidden)} smaller spikes not listed; --format json lists every one")


def metric_notes(metrics) -> list[str]:
    """The metrics' notes, each said once for every metric it holds for ("a, b: too few points ..."):
    a COCO evaluation's twelve statistics, each logged once, had made twelve lines alike."""
    from curvedoc.run import few

    names: dict[str, list[str]] = {}
    for sa in metrics:
        for note in sa.notes:
            if note != "constant series":
                names.setdefault(note, []).append(sa.name)
    return [f"{few(who, 8)}: {note}" for note, who in names.items()]
