"""`make bench-accuracy`: detection and label quality on the labelled corpus of real runs.

For every run in benchmarks/corpus (a log plus truth.json, see make_corpus.py),
curvedoc analyses the log as a user would (passing the schedule only when the
log has no LR column), and two baselines run on the same series: plain
ruptures PELT and the pipeline of change-point-notes.md. Detections are
matched to the truth within each event's tolerance (scoring.py).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.baselines import notes_pipeline, plain_ruptures
from benchmarks.clean_curves import clean_curves
from benchmarks.docblock import write_block
from benchmarks.scoring import CONFIDENCE_BANDS, Tally, score_run
from benchmarks.smoothed import smoothed_logs

CORPUS = Path(__file__).resolve().parent / "corpus"
# A second set made after the corpus (benchmarks/make_holdout.py): other seeds,
# widths, factors and formats, scored the same way.
HOLDOUT = Path(__file__).resolve().parent / "holdout"
THIRD = Path(__file__).resolve().parent / "third"
FOURTH = Path(__file__).resolve().parent / "fourth"
FIFTH = Path(__file__).resolve().parent / "fifth"


def load_corpus(root: Path = CORPUS) -> list[tuple[Path, dict]]:
    return [(p.parent, json.loads(p.read_text())) for p in sorted(root.rglob("truth.json"))]


def user_schedule(truth: dict):
    """The schedule a user would pass on the command line: only when the log has no LR column."""
    from curvedoc.analysis import UserSchedule

    sched = truth.get("schedule")
    if sched and not truth.get("lr_logged", False) and sched.get("milestones"):
        milestones = sched["milestones"]
        if sched.get("unit") == "epoch" and "epochs counted from 1" in sched.get("note", ""):
            # The truth dates them in the log's count; a user types the scheduler's, from 0.
            milestones = [m - 1 for m in milestones]
        return UserSchedule(milestones=milestones, gamma=sched.get("gamma", 0.1), unit=sched.get("unit", "step"))
    return None


def curvedoc_detections(folder: Path, truth: dict, schedule: bool = True) -> tuple[list[dict], object]:
    """curvedoc's events on the run's scored metric; ``schedule``: given the milestones a user would
    type where the log has no LR column (else, as a user who types none)."""
    from curvedoc.analysis import analyze

    analyses = analyze(folder / truth["log"], metrics=[truth["metric"]],
                       user_schedule=user_schedule(truth) if schedule else None)
    for ra in analyses:
        for sa in ra.metrics:
            if sa.name == truth["metric"]:
                events = [{"step": e.step, "label": e.label, "kind": e.kind, "confidence": e.confidence}
                          for e in sa.events]
                return events, ra
    raise SystemExit(f"{folder}: metric {truth['metric']!r} not found by curvedoc")


def series_of(ra, metric: str):
    s = ra.run.series(metric)
    return s.index.to_numpy(), s.to_numpy()


def main() -> int:
    corpus = load_corpus()
    if not corpus:
        print(f"no corpus under {CORPUS}; run `python benchmarks/make_corpus.py` first", file=sys.stderr)
        return 2
    tallies = {"curvedoc": Tally(), "ruptures Pelt (l2, BIC) on the raw series": Tally(),
               "change-point-notes pipeline": Tally()}
    seconds = Counter()
    misses = []
    for folder, truth in corpus:
        t0 = time.perf_counter()
        found, ra = curvedoc_detections(folder, truth)
        seconds["curvedoc"] += time.perf_counter() - t0
        events = truth.get("events", [])
        false = score_run(tallies["curvedoc"], events, found, truth.get("no_event", False))
        steps, values = series_of(ra, truth["metric"])
        for name, fn in (("ruptures Pelt (l2, BIC) on the raw series", plain_ruptures),
                         ("change-point-notes pipeline", notes_pipeline)):
            t0 = time.perf_counter()
            dets = fn(steps, values)
            seconds[name] += time.perf_counter() - t0
            score_run(tallies[name], events, dets, truth.get("no_event", False))
        misses += _disagreements(folder, events, found, false)
    held, held_misses, later = score_later_sets()
    sets = [corpus] + [load_corpus(root) for root, _ in LATER_SETS]
    text = (render(tallies, seconds, len(corpus), corpus) + held + calibration([tallies["curvedoc"]] + later)
            + unscheduled(sets) + phantom_milestones(sets) + smoothed_logs(sets) + clean_curves())
    print(text)
    if misses:
        print("\nDisagreements with the truth:")
        print("\n".join(f"  {m}" for m in misses))
    if held_misses:
        print("\nDisagreements with the truth, later sets:")
        print("\n".join(f"  {m}" for m in held_misses))
    write_doc(text)
    return 0


# The later sets and how each was made, for the table's caption.
LATER_SETS = [
    (HOLDOUT, "Second set (`benchmarks/holdout`, made after the corpus by `benchmarks/make_holdout.py` with other "
              "seeds, widths, factors and formats)"),
    (THIRD, "Third set (`benchmarks/third`, made by `benchmarks/make_third.py` with other seeds, factors, schedules "
            "and formats again, without running curvedoc while building it)"),
    (FOURTH, "Fourth set (`benchmarks/fourth`, made by `benchmarks/make_fourth.py` with recipes the others lack: "
             "a CNN, Adam/AdamW/RMSprop/Adagrad, OneCycle, linear, polynomial and exponential decays, gradient "
             "accumulation, accuracy and validation metrics, clipped and unclipped bad batches; built without "
             "running curvedoc)"),
    (FIFTH, "Fifth set (`benchmarks/fifth`, made by `benchmarks/make_fifth.py` with recipes and logs the others "
            "lack: LSTM and attention models with warmup schedules, small decays under minibatch noise, EMA and "
            "running-mean logs, lr spikes, cyclic LR, ReduceLROnPlateau on steps, accuracy in percent, label "
            "smoothing and weight decay at constant LR; built without running curvedoc, first scored at F1 0.57)"),
]


def score_later_sets() -> tuple[str, list[str], list[Tally]]:
    """curvedoc on the sets made after the corpus: the same scoring, one table each."""
    text, misses, tallies = [], [], []
    for root, caption in LATER_SETS:
        runs = load_corpus(root)
        if not runs:
            continue
        tally = Tally()
        tallies.append(tally)
        for folder, truth in runs:
            found, _ = curvedoc_detections(folder, truth)
            events = truth.get("events", [])
            false = score_run(tally, events, found, truth.get("no_event", False))
            misses += _disagreements(folder, events, found, false)
        n_events = sum(len([e for e in t.get("events", []) if e.get("visible", True)]) for _, t in runs)
        n_null = sum(1 for _, t in runs if t.get("no_event"))
        t = tally
        text += ["", "", f"{caption}: {len(runs)} real runs, {n_events} visible truth events, {n_null} runs with "
                 f"no event.", "",
                 "| detector | precision | recall | F1 | TP/FP/FN | events on no-event runs | label accuracy |",
                 "|---|---|---|---|---|---|---|",
                 f"| curvedoc | {t.precision:.2f} | {t.recall:.2f} | **{t.f1:.3f}** | {t.tp}/{t.fp}/{t.fn} "
                 f"| {t.null_fp} | {t.label_accuracy:.2f} |"]
    return "\n".join(text), misses, tallies


def calibration(tallies: list[Tally]) -> str:
    """Label accuracy by the confidence curvedoc gave, over every labelled set: how far to trust a label."""
    counts = Counter()
    for t in tallies:
        counts.update(t.by_confidence)
    lines = ["", "", "Label accuracy by the confidence curvedoc gave (matched events of all the sets above):", "",
             "| confidence | matched events | label right |", "|---|---|---|"]
    edges = list(CONFIDENCE_BANDS) + [None]
    for lo, hi in zip(edges, edges[1:]):
        right, wrong = counts[(lo, True)], counts[(lo, False)]
        if right + wrong:
            span = f"{lo:.1f}-{hi:.1f}" if hi is not None else f"{lo:.1f} and above"
            lines.append(f"| {span} | {right + wrong} | {right / (right + wrong):.2f} |")
    return "\n".join(lines)


def unscheduled(sets: list[list[tuple[Path, dict]]]) -> str:
    """The runs whose log has no LR column and whose schedule the tables above give curvedoc (as a user
    types --milestones), scored again as a user who gives none gets them."""
    given, none = Tally(), Tally()
    n = 0
    for runs in sets:
        for folder, truth in runs:
            if user_schedule(truth) is None:
                continue
            n += 1
            events, no_event = truth.get("events", []), truth.get("no_event", False)
            score_run(given, events, curvedoc_detections(folder, truth)[0], no_event)
            score_run(none, events, curvedoc_detections(folder, truth, schedule=False)[0], no_event)
    lines = ["", "", f"The {n} runs of all the sets whose log has no LR column, scored above with their milestones "
             "given (`--milestones`), and without: with none, a step decay is a drop the log cannot tell from a "
             "plateau escape, said at 0.6 at most.", "",
             "| schedule | precision | recall | F1 | TP/FP/FN | label accuracy | wrong labels given 0.7 or more |",
             "|---|---|---|---|---|---|---|"]
    for name, t in (("given (`--milestones`)", given), ("none", none)):
        sure = sum(k for (band, right), k in t.by_confidence.items() if not right and band >= 0.7 - 1e-9)
        lines.append(f"| {name} | {t.precision:.2f} | {t.recall:.2f} | **{t.f1:.3f}** | {t.tp}/{t.fp}/{t.fn} "
                     f"| {t.label_accuracy:.2f} | {sure} |")
    return "\n".join(lines)


# Where a milestone that was never set is placed, as shares of a run's span.
PHANTOM_SHARES = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def phantom_milestones(sets: list[list[tuple[Path, dict]]]) -> str:
    """The runs at a constant LR with no event, each given a milestone (``--milestones``) that was never
    set, at PHANTOM_SHARES of its span in turn, as a user asks "did my scheduler ever step?": the
    places where curvedoc still reads an LR decay (0.6 or more) in any metric at that milestone."""
    from curvedoc.analysis import UserSchedule, analyze
    from curvedoc.readers import read

    tries = claimed = n = 0
    for runs in sets:
        for folder, truth in runs:
            if not truth.get("no_event") or "constant" not in truth.get("description", ""):
                continue
            n += 1
            read_runs = read(folder / truth["log"])
            steps = read_runs[0].frame.index
            for share in PHANTOM_SHARES:
                at = int(steps[0] + share * (steps[-1] - steps[0]))
                tries += 1
                claimed += any(e.label == "lr_decay" and e.confidence >= 0.6 and abs(e.step - at) <= 0.1 * (
                    steps[-1] - steps[0]) for ra in analyze(read_runs, user_schedule=UserSchedule(milestones=[at]))
                    for sa in ra.metrics for e in sa.events)
    return "\n".join(["", "", f"Milestones never set: the {n} runs of all the sets at a constant LR, each given one "
                       f"milestone at {', '.join(f'{s:.0%}' for s in PHANTOM_SHARES)} of its span in turn, as a user "
                       "asks whether a scheduler ever stepped. An LR decay read there (0.6 or more, any metric) is "
                       "false.", "", "| tries | decays read | share |", "|---|---|---|",
                       f"| {tries} | {claimed} | {claimed / max(tries, 1):.1%} |"])


def _disagreements(folder: Path, events: list[dict], found: list[dict], false: list[dict]) -> list[str]:
    found_steps = [f["step"] for f in found]
    out = [f"{folder.name}: missed {t['cause']} at {t['step']}" for t in events
           if t.get("visible", True) and not any(abs(s - t["step"]) <= t["tolerance"] for s in found_steps)]
    return out + [f"{folder.name}: false {d['kind']} at {d['step']} ({d['label']})" for d in false]


def render(tallies: dict, seconds: Counter, n_runs: int, corpus) -> str:
    n_events = sum(len([e for e in t.get("events", []) if e.get("visible", True)]) for _, t in corpus)
    n_null = sum(1 for _, t in corpus if t.get("no_event"))
    lines = ["Reproduce: `make bench-accuracy` (writes this block; the disagreements are printed, not written).", "",
             f"Corpus: {n_runs} real runs, {n_events} visible truth events, {n_null} runs with no event.", "",
             "| detector | precision | recall | F1 | TP/FP/FN | events on no-event runs | time |",
             "|---|---|---|---|---|---|---|"]
    for name, t in tallies.items():
        lines.append(f"| {name} | {t.precision:.2f} | {t.recall:.2f} | **{t.f1:.3f}** | {t.tp}/{t.fp}/{t.fn} "
                     f"| {t.null_fp} | {seconds[name]:.1f} s |")
    cd = tallies["curvedoc"]
    lines += ["", "Recall per cause (curvedoc):", "", "| cause | found / truth |", "|---|---|"]
    for cause, (found, total) in sorted(cd.per_cause.items()):
        lines.append(f"| {cause} | {found}/{total} |")
    lines += ["", f"Label accuracy on matched events: **{cd.label_accuracy:.2f}** "
                  f"({sum(v for (c, lab), v in cd.labels.items() if c == lab)}/{sum(cd.labels.values())})", "",
              "Confusion (truth cause -> curvedoc label):", "", "| truth \\ label | " +
              " | ".join(sorted({lab for _, lab in cd.labels})) + " |",
              "|---|" + "---|" * len({lab for _, lab in cd.labels})]
    labels = sorted({lab for _, lab in cd.labels})
    for cause in sorted({c for c, _ in cd.labels}):
        lines.append(f"| {cause} | " + " | ".join(str(cd.labels.get((cause, lab), 0)) for lab in labels) + " |")
    return "\n".join(lines)


def write_doc(text: str) -> None:
    write_block("accuracy", text, "Detection and label accuracy (`make bench-accuracy`)")


if __name__ == "__main__":
    sys.exit(main())
