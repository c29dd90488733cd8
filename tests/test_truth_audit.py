"""The audit of the labelled sets' truths against their runs' probes (benchmarks/audit_truths.py)."""

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import truthlib as tt  # noqa: E402
from benchmarks import audit_truths  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"


def probes(run: str) -> pd.DataFrame:
    return pd.read_csv(CORPUS / run / "internals.csv")


def test_the_climb_off_chance_after_a_corrupted_batch_is_found_when_only_the_injections_are_listed():
    # three injected batches; after the second the net sits at 1.9 for 600 updates, then falls to 0.25
    d = probes("spike_badbatch_tb")
    found = tt.escape_events(d["step"], d["full_train_loss"], [(1200, 30), (2500, 30), (3700, 30)],
                             "instability", d["lr"])
    assert [(e.cause, e.direction) for e in found] == [("plateau_escape", "down")]
    assert 3010 <= found[0].step <= 3250


def test_a_saturated_net_leaving_its_plateau_in_two_stages_has_both_stages():
    # the listed crossing of the training accuracy (update 3600) covers the second stage only
    d = probes("sat_sigmoid_keras")
    found = tt.escape_events(d["step"], d["full_train_loss"], [(3600, 230)], "saturation_recovery", d["lr"])
    assert [(e.cause, e.also_acceptable) for e in found] == [("saturation_recovery", ["plateau_escape"])]
    assert 2700 <= found[0].step <= 2860
    assert tt.escape_events(d["step"], d["full_train_loss"], [(3600, 230), (2750, 110)],
                            "saturation_recovery", d["lr"]) == []


@pytest.mark.parametrize("run", ["const_sgd_digits_tb", "const_adam_teacher_wandb", "const_sgd_teacher_hf"])
def test_runs_without_events_and_a_first_descent_off_the_initial_loss_have_no_escape(run):
    d = probes(run)
    assert tt.plateau_escapes(d["step"], d["full_train_loss"]) == []


def test_a_fall_while_the_lr_changes_is_not_an_escape():
    d = probes("spike_badbatch_tb")
    lr = d["lr"].where(d["step"] < 3000, d["lr"] * 0.1)
    assert tt.escape_events(d["step"], d["full_train_loss"], [(1200, 30), (2500, 30), (3700, 30)],
                            "instability", lr) == []


def test_every_truth_of_the_labelled_sets_lists_the_escapes_its_probes_show(capsys):
    assert audit_truths.main([]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "0 fall(s) off a plateau not in the truths"


def test_an_added_escape_is_placed_on_the_log_axis():
    truth = json.loads((CORPUS / "sat_sigmoid_keras" / "truth.json").read_text())
    added = [e for e in truth["events"] if "plateau_escapes" in e["how_verified"]]
    assert [(e["step"], e["tolerance"], e["visible"]) for e in added] == [(59, 3, True)]
