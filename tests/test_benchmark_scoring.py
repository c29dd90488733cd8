"""The benchmark's matching rule and tallies, on a real run's truth (benchmarks/corpus)."""

import json
from pathlib import Path

from benchmarks.scoring import Tally, score_run

TRUTH = json.loads((Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "sd_teacher_csv"
                    / "truth.json").read_text())


def test_detections_match_within_tolerance_once_and_invisible_events_are_neither_hit_nor_miss():
    visible, invisible = [e for e in TRUTH["events"] if e["visible"]], [e for e in TRUTH["events"] if not e["visible"]]
    assert visible and invisible
    t = visible[0]
    found = [
        {"step": t["step"] + t["tolerance"], "label": "lr_decay", "kind": "drop", "confidence": 0.95},  # at the edge
        {"step": t["step"] + 1, "label": "plateau_escape", "kind": "drop", "confidence": 0.55},  # a second one
        {"step": invisible[0]["step"], "label": "lr_decay", "kind": "drop", "confidence": 0.75},
        {"step": t["step"] + 10 * t["tolerance"], "label": "instability", "kind": "spike", "confidence": 0.85},
    ]
    tally = Tally()
    false = score_run(tally, TRUTH["events"], found, no_event=False)
    # The nearest detection is matched; the other near one and the far spike are false; the one at the
    # invisible decay counts neither way.
    assert (tally.tp, tally.fn) == (1, len(visible) - 1)
    assert sorted(d["step"] for d in false) == sorted([t["step"] + t["tolerance"], t["step"] + 10 * t["tolerance"]])
    assert tally.labels == {("lr_decay", "plateau_escape"): 1}
    assert tally.by_confidence == {(0.5, False): 1}


def test_a_no_event_run_counts_every_detection_against_it():
    tally = Tally()
    score_run(tally, [], [{"step": 5, "label": "plateau_escape", "kind": "drop", "confidence": 0.9}], no_event=True)
    assert (tally.fp, tally.null_fp, tally.tp) == (1, 1, 0)


def test_clean_curve_families_report_the_events_on_curves_with_none():
    from benchmarks.clean_curves import clean_curves

    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[1:] for line in clean_curves().splitlines()
            if line.startswith("| ") and not line.startswith("| family")}
    noise_free = next(v for k, v in rows.items() if k.startswith("noise-free decays"))
    lines = next(v for k, v in rows.items() if k.startswith("straight lines"))
    assert noise_free == ["32", "0", "0 |"] and lines == ["24", "0", "0 |"]
    assert len(rows) == 4


def test_runs_with_no_lr_column_are_scored_with_and_without_their_schedule():
    # The tables give curvedoc a no-LR run's milestones, as a user types --milestones; the benchmark
    # also says what a user who types none gets, so that the figures do not hide it.
    from benchmarks.accuracy import CORPUS, load_corpus, unscheduled

    runs = [(f, t) for f, t in load_corpus(CORPUS) if f.name in ("sd_teacher_csv_nolr", "sd_teacher_csv")]
    table = unscheduled([runs])
    assert table.count("\n| ") == 3 and "The 1 runs of all the sets whose log has no LR column" in table
    given, none = [line.split(" | ") for line in table.splitlines() if line.startswith(("| given", "| none"))]
    assert given[5] == "1.00" and none[5] == "0.00" and none[6] == "0 |", (given, none)
