"""`curvedoc compare` and `curvedoc.compare`: the table's numbers, matched events, where runs part,
metrics paired across runs whose logs name them differently."""

import csv
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from realdata import REAL_LOGS, column_pairs, wrn
from typer.testing import CliRunner

import curvedoc
from curvedoc.cli import app
from curvedoc.errors import CurvedocError

WRN = REAL_LOGS / "wrn_cifar10_wrn40-4" / "log.txt"
PREACT = REAL_LOGS / "wrn_cifar10_preact-resnet" / "log.txt"
ADAMW = REAL_LOGS / "grokking_modadd_adamw" / "addition_depth_1_adamw_seed_0.csv"
MUON = REAL_LOGS / "grokking_modadd_muon" / "addition_depth_1_muon_seed_0.csv"
YOLO_DIVERGED = REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv"
YOLO_OK = REAL_LOGS / "lightning_yolov3_onecycle_v4" / "metrics.csv"
WHISPER = REAL_LOGS / "hf_whisper_ja_5k" / "trainer_state.json"
SPACEINVADERS = REAL_LOGS / "wandb_offline_history_spaceinvaders" / "wandb-history.jsonl"
SAMPLES = Path(__file__).resolve().parents[1] / "sample_logs"
HF_SAMPLE = SAMPLES / "saturated_sigmoid_hf" / "trainer_state.json"
LIGHTNING_SAMPLE = SAMPLES / "unstable_lightning" / "metrics.csv"
KERAS_SAMPLE = SAMPLES / "keras_reduce_lr" / "training.log"


def invoke(*args, columns=None):
    # ``columns``: a width no sentence wraps at, for tests that read one sentence off one line.
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": str(columns)} if columns else None)
    assert result.exit_code == 0, result.output
    return result.output


def compare_json(*args) -> dict:
    return json.loads(invoke("compare", *args, "--format", "json"))


def test_positions_on_a_step_axis_are_whole_steps_in_json():
    # compare's JSON gave steps as floats (final_at 100000.0, stage start 1.0), analyze's as ints.
    doc = compare_json(REAL_LOGS / "grokking_modadd_muon", REAL_LOGS / "grokking_modadd_adamw")
    positions = []
    for m in doc["metrics"]:
        for rv in m["runs"]:
            positions += [rv["final_at"], rv["best_at"], rv["best_level_at"]] + [r["at"] for r in rv["reached"]]
        for p in m["pairs"]:
            positions += [p["parting"]["at"]] + [e["a_at"] for e in p["events"]] + [e["b_at"] for e in p["events"]]
        positions += [s[k] for row in m["stages"] for s in row["runs"] if s for k in ("start", "end", "length")]
    positions = [x for x in positions if x is not None]
    assert doc["align"] == "step" and len(positions) > 20 and all(type(x) is int for x in positions), positions


def metric(doc: dict, name: str) -> dict:
    return next(m for m in doc["metrics"] if m["name"] == name)


def test_wrn_pair_final_best_and_matched_decays():
    doc = compare_json(WRN, PREACT)
    assert doc["align"] == "epoch"  # both logs are per epoch
    assert [r["run"] for r in doc["runs"]] == ["wrn_cifar10_wrn40-4", "wrn_cifar10_preact-resnet"]
    loss = metric(doc, "loss")
    for rv, name in zip(loss["runs"], ("wrn_cifar10_wrn40-4", "wrn_cifar10_preact-resnet")):
        truth = wrn(name)
        assert rv["final"] == pytest.approx(truth["loss"][-1])
        assert rv["best"] == pytest.approx(truth["loss"].min())
        assert rv["final_at"] == truth["epoch"][-1]
        assert rv["best_at"] == truth["epoch"][int(np.argmin(truth["loss"]))]
        reached = [r["at"] for r in rv["reached"]]
        assert reached == sorted(reached)
    # The LR decays at epochs 60, 120 and 160 in both, and the loss drops at each in both.
    events = loss["pairs"][0]["events"]
    both = [(e["a_at"], e["b_at"]) for e in events if e["match"] == "both" and e["label"] == "lr_decay"]
    assert both == [(60, 60), (120, 120), (160, 160)]
    assert [e for e in events if e["match"] == "only"] == []
    # Both runs share the LR: the schedule does not explain where they part.
    assert loss["pairs"][0]["parting"]["schedule"] == ["lr: 0.1 in both"]
    acc = metric(doc, "test_acc")
    assert acc["runs"][0]["final"] == pytest.approx(wrn("wrn_cifar10_wrn40-4")["test_acc"][-1])
    # Stages side by side: the pre-act net's third decay lifts its test accuracy
    # (93.40 -> 94.23, PROVENANCE), WRN-40-4's does not (94.89 -> 94.93).
    assert len(acc["stages"]) == 4
    assert acc["stages"][3]["runs"][0] is None and acc["stages"][3]["runs"][1]["start"] == 160


def test_text_table_shows_the_numbers():
    out = invoke("compare", WRN, PREACT, "--metric", "test_acc")
    assert "94.89 at 200" in out and "94.25 at 200" in out  # final test accuracy, from the logs
    assert "95.08 at 185" in out  # WRN-40-4's best
    assert "lr_decay (rise) in both: epoch 60" in out
    assert "the runs part at epoch" in out


def test_the_stage_table_says_where_each_flat_tail_starts_as_analyze_does():
    # "flat 51" beside "60-119" was the tail's length, read as a step; analyze's table says "from 68".
    out = invoke("compare", WRN, PREACT, "--metric", "loss")
    [row] = [ln for ln in out.splitlines() if ln.startswith("2 ")]
    ra = curvedoc.analyze(WRN, metrics=["loss"])[0]
    stage = ra.metrics[0].stages[1]
    assert stage.plateau and f"60-119  level 0.07553  flat from {stage.plateau_from}" in row, row


def test_grokking_muon_reaches_the_levels_sooner():
    doc = compare_json(ADAMW, MUON, "--metric", "test_accuracy")
    acc = metric(doc, "test_accuracy")
    adamw, muon = acc["runs"]
    steps_a, acc_a = column_pairs(ADAMW, "step", "test_accuracy")
    steps_m, acc_m = column_pairs(MUON, "step", "test_accuracy")
    for i, level in enumerate(acc["levels"]):
        # Smoothed crossing against the raw first crossing, read independently: within a few logged points.
        raw_a = steps_a[np.argmax(acc_a >= level)]
        raw_m = steps_m[np.argmax(acc_m >= level)]
        assert abs(adamw["reached"][i]["at"] - raw_a) <= 500
        assert abs(muon["reached"][i]["at"] - raw_m) <= 500
        assert muon["reached"][i]["at"] < adamw["reached"][i]["at"]
    half = acc["levels"][1]
    ratio = (adamw["reached"][1]["at"]) / (muon["reached"][1]["at"])
    assert any(s.startswith(f"addition_depth_1_muon_seed_0 reached test_accuracy {half:.4g} {ratio:.2g}x sooner")
               for s in acc["sentences"])
    # Grokking: the plateau escape is the same event, earlier under Muon.
    shifted = [e for e in acc["pairs"][0]["events"] if e["match"] == "shifted"]
    assert shifted and shifted[0]["label"] == "plateau_escape" and shifted[0]["b_at"] < shifted[0]["a_at"]
    parting = acc["pairs"][0]["parting"]
    assert parting["ahead"] == "addition_depth_1_muon_seed_0"
    assert parting["at"] < muon["reached"][1]["at"]
    assert parting["schedule"] == ["neither log has an LR or batch-size column"]


def test_instability_only_in_the_diverged_run_and_lr_differs():
    c = curvedoc.compare([YOLO_DIVERGED, YOLO_OK], metrics=["train_loss"])
    mc = c.metrics[0]
    only = [m for m in mc.pairs[0].events if m.match == "only"]
    assert {m.label for m in only} == {"instability"}
    assert all(m.a_at is not None and m.b_at is None for m in only)  # all in the diverged (first) run
    assert any(m.kind == "divergence" and m.a_at == 4249 for m in only)
    sched = mc.pairs[0].parting.schedule
    assert any(s.startswith("lr: ") and " vs " in s for s in sched)


def write_csv(path, steps, **columns):
    header = ",".join(["step", *columns])
    rows = [",".join([str(s), *(f"{columns[c][i]:.6g}" for c in columns)]) for i, s in enumerate(steps)]
    path.write_text(header + "\n" + "\n".join(rows) + "\n")


def step_decay_run(decay_at: int, n: int = 1000, seed: int = 0):
    rng = np.random.default_rng(seed)
    steps = np.arange(n)
    lr = np.where(steps < decay_at, 0.1, 0.01)
    loss = np.where(steps < decay_at, 1.0 + np.exp(-steps / 40), 0.5 + 0.5 * np.exp(-(steps - decay_at) / 10))
    return steps, lr, loss * np.exp(rng.normal(0, 0.01, n))


@pytest.mark.parametrize("shift", [10_000, 100])
def test_one_curve_logged_again_later_on_the_axis_reads_the_same_levels(tmp_path, shift):
    # The same run logged from step 10,000 on (a second job counting on from the first): smoothed over the
    # points before the first run's end, which it has none of, it was read on its raw points and "ended lower",
    # "best level 0.3434 vs 0.2927", named the better run. Partly overlapping (100 steps on), its window counted
    # 100 steps more than the first's.
    a, b = tmp_path / "a" / "log.csv", tmp_path / "b" / "log.csv"
    a.parent.mkdir(), b.parent.mkdir()
    s, lr, loss = step_decay_run(300, seed=1)
    write_csv(a, s, lr=lr, train_loss=loss)
    write_csv(b, s + shift, lr=lr, train_loss=loss)
    ra, rb = curvedoc.compare([a, b]).metrics[0].runs
    assert (ra.final_level, ra.best_level) == (rb.final_level, rb.best_level)
    assert rb.best_level_at == ra.best_level_at + shift
    assert [y - x for x, y in zip(ra.reached, rb.reached)] == [shift] * len(ra.reached)


def test_parting_point_and_schedule_difference(tmp_path):
    a, b = tmp_path / "a" / "log.csv", tmp_path / "b" / "log.csv"
    a.parent.mkdir(), b.parent.mkdir()
    s, lr, loss = step_decay_run(300, seed=1)
    write_csv(a, s, lr=lr, train_loss=loss)
    s, lr, loss = step_decay_run(500, seed=2)
    write_csv(b, s, lr=lr, train_loss=loss)
    c = curvedoc.compare([a, b])
    # "log" names nothing: each run is named by its folder.
    assert c.names == ["a", "b"]
    mc = c.metrics[0]
    p = mc.pairs[0].parting
    assert 295 <= p.at <= 320 and p.ahead == "a"
    assert "lr: 0.01 in a vs 0.1 in b (x10)" in p.schedule
    assert any(line.startswith("a: lr_decay 0.1 -> 0.01 at step 300 (none in b)") for line in p.schedule)
    shifted = [m for m in mc.pairs[0].events if m.match == "shifted"]
    assert [m.label for m in shifted] == ["lr_decay"]
    assert 300 <= shifted[0].a_at <= 310 and 500 <= shifted[0].b_at <= 510
    # Stage by stage: the last stage starts at each run's decay.
    last = [next(row.stages[i] for row in reversed(mc.stages) if row.stages[i]) for i in (0, 1)]
    assert 300 <= last[0]["start"] <= 310 and 500 <= last[1]["start"] <= 510


def test_several_runs_in_one_wandb_panel_export(tmp_path):
    steps = np.arange(0, 2000, 2)
    rng = np.random.default_rng(3)
    fast = np.where(steps < 600, 2.0, 1.0) * np.exp(rng.normal(0, 0.01, len(steps)))
    slow = np.where(steps < 1000, 2.0, 1.0) * np.exp(rng.normal(0, 0.01, len(steps)))
    lines = ['"Step","fast-run - loss","fast-run - loss__MIN","fast-run - loss__MAX",'
             '"slow-run - loss","slow-run - loss__MIN","slow-run - loss__MAX"']
    for s, f, w in zip(steps, fast, slow):
        lines.append(f'"{s}","{f}","{f}","{f}","{w}","{w}","{w}"')
    path = tmp_path / "panel.csv"
    path.write_text("\n".join(lines))
    doc = compare_json(path)
    assert [r["name"] for r in doc["runs"]] == ["fast-run", "slow-run"]
    loss = metric(doc, "loss")
    shifted = [e for e in loss["pairs"][0]["events"] if e["match"] == "shifted"]
    assert len(shifted) == 1 and abs(shifted[0]["a_at"] - 600) <= 10 and abs(shifted[0]["b_at"] - 1000) <= 10
    assert abs(loss["pairs"][0]["parting"]["at"] - 600) <= 10
    assert loss["pairs"][0]["parting"]["ahead"] == "fast-run"
    # Half way down (in log units) the fast run is there at ~600, the slow one at ~1000.
    sentence = next(s for s in loss["sentences"] if "sooner" in s)
    assert sentence.startswith("fast-run reached loss") and "1.7x sooner" in sentence


def test_runs_that_do_not_part(tmp_path):
    paths = []
    for seed in (1, 2):
        p = tmp_path / f"seed{seed}.csv"
        s, lr, loss = step_decay_run(400, seed=seed)
        write_csv(p, s, lr=lr, train_loss=loss)
        paths.append(p)
    mc = curvedoc.compare(paths).metrics[0]
    assert mc.pairs[0].parting.at is None
    assert "never part" in mc.pairs[0].parting.text
    assert [m.match for m in mc.pairs[0].events if m.label == "lr_decay"] == ["both"]


def test_align_on_wall_time_and_epoch():
    doc = compare_json(ADAMW, MUON, "--metric", "test_loss", "--align", "time")
    assert doc["align"] == "time"
    adamw = metric(doc, "test_loss")["runs"][0]
    steps, elapsed = column_pairs(ADAMW, "step", "elapsed_seconds")
    assert adamw["final_at"] == pytest.approx(elapsed[-1] - elapsed[0])
    with pytest.raises(CurvedocError, match="no epoch column"):
        curvedoc.compare([ADAMW, MUON], align="epoch")
    with pytest.raises(CurvedocError, match="no wall-clock column"):
        curvedoc.compare([WRN, PREACT], align="time")  # train_time is a per-epoch duration, not a clock


def test_bad_input_is_our_error():
    with pytest.raises(CurvedocError, match="two runs"):
        curvedoc.compare([WRN])
    with pytest.raises(CurvedocError, match="share no metric, by name or by role .*--metric A_NAME=B_NAME"):
        curvedoc.compare([WRN, SPACEINVADERS])  # losses and accuracies against rewards


def test_runs_too_short_to_compare_say_so_rather_than_sharing_no_metric(tmp_path):
    # Both logs have `loss`; the message said they shared no metric.
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("step,loss\n1,0.9\n2,0.8\n")
    b.write_text("step,loss\n1,0.7\n2,0.6\n3,0.5\n4,0.4\n")
    with pytest.raises(CurvedocError) as err:
        curvedoc.compare([a, b])
    assert str(err.value) == "no metric with enough points in every run to compare (loss in a: fewer than 3 points)"
    # Three points are compared, with the caveat analyze gives them: "150x sooner" rested on one value.
    a.write_text("step,loss\n1,0.9\n2,0.5\n3,0.45\n")
    assert curvedoc.compare([a, b]).notes == [
        f"{name} has {n} points of loss, too few to analyse: where it stands, and when it got there, rest on "
        "single values" for name, n in (("a", 3), ("b", 4))]


def test_markdown_and_plot():
    md = invoke("compare", WRN, PREACT, "--format", "md", "--metric", "loss")
    assert "| final | 0.001649 at 200 | 0.002812 at 200 |" in md
    assert "| stage |" in md
    out = invoke("compare", WRN, PREACT, "--metric", "loss", "--plot")
    assert "▀ wrn_cifar10_wrn40-4" in out and "⠒ wrn_cifar10_preact-resnet" in out
    assert "1 parting" in out
    result = CliRunner().invoke(app, ["compare", str(WRN), str(PREACT), "--format", "json", "--plot"])
    assert isinstance(result.exception, CurvedocError)


def test_the_markdown_values_table_has_the_rows_and_heading_of_the_text_one():
    # Runs ending at different steps: the md had no "at step N" row, the only fair one, nor the scale.
    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
    logs = (corpus / "sd_teacher_csv" / "metrics.csv", corpus / "sd_teacher_lightning" / "lightning_logs")
    md = invoke("compare", *logs, "--format", "md", "-m", "train_loss")
    text = invoke("compare", *logs, "-m", "train_loss")
    assert "#### train_loss (lower is better, log scale)" in md and "train_loss  (lower is better, log scale)" in text
    pattern = r"(final|best|at step|reached)"
    md_rows = [label for ln in md.splitlines() if ln.startswith("| ")
               and re.match(pattern, label := ln.split(" | ")[0].strip("| "))]
    text_rows = [ln.split("  ")[0] for ln in text.splitlines() if re.match(pattern, ln)]
    assert "at step 5609" in text_rows and md_rows == text_rows, (md_rows, text_rows)


# ---------------------------------------------------------------- metrics named differently (issue #5)


def hf_points(path, key):
    """(steps, values) of one key of a trainer_state.json's log_history, read with json."""
    pts = [(e["step"], e[key]) for e in json.loads(Path(path).read_text())["log_history"] if key in e]
    return np.array([s for s, _ in pts], dtype=float), np.array([v for _, v in pts], dtype=float)


def lightning_points(path, key):
    """(steps, values) of one column of a Lightning metrics.csv, read with csv, non-finite values kept."""
    with open(path, newline="") as fh:
        pts = [(int(r["step"]), float(r[key])) for r in csv.DictReader(fh) if r[key] != ""]
    return np.array([s for s, _ in pts], dtype=float), np.array([v for _, v in pts])


def expected(steps, values, higher_is_better=False):
    """final, where, best, where: as the comparison table should show them. The final value is the
    last one logged, NaN/inf included (a run that diverged ends there); the best is the best finite one."""
    ok = np.isfinite(values)
    sign = 1.0 if higher_is_better else -1.0
    best = int(np.argmax(np.where(ok, sign * values, -np.inf)))
    return values[-1], steps[-1], values[best], steps[best]


def test_hugging_face_against_lightning_pairs_by_role():
    doc = compare_json(HF_SAMPLE, LIGHTNING_SAMPLE)
    paired = {m["name"]: (m["paired_by"], [r["metric"] for r in m["runs"]]) for m in doc["metrics"]}
    assert paired == {"loss": ("role", ["loss", "train_loss"]),
                      "val loss": ("role", ["eval_loss", "val_loss"]),
                      "val accuracy": ("role", ["eval_accuracy", "val_acc"])}
    assert doc["not_compared"] == []
    for name, hib in (("loss", False), ("val loss", False), ("val accuracy", True)):
        hf_name, pl_name = paired[name][1]
        for rv, (steps, values) in zip(metric(doc, name)["runs"],
                                       (hf_points(HF_SAMPLE, hf_name), lightning_points(LIGHTNING_SAMPLE, pl_name))):
            final, final_at, best, best_at = expected(steps, values, hib)
            assert (rv["final"], rv["final_at"], rv["best"], rv["best_at"]) == \
                (pytest.approx(final) if np.isfinite(final) else None, final_at, pytest.approx(best), best_at)
            assert rv["n_points"] == np.isfinite(values).sum()


def test_text_table_says_which_names_were_paired():
    out = invoke("compare", HF_SAMPLE, LIGHTNING_SAMPLE, "--metric", "loss")
    assert "loss (saturated_sigmoid_hf: loss, unstable_lightning: train_loss)" in out
    assert "paired by role" in out
    lines = out.splitlines()
    assert lines[lines.index(next(ln for ln in lines if ln.startswith("metric "))) - 1].split() == \
        ["saturated_sigmoid_hf", "unstable_lightning"]
    assert next(ln for ln in lines if ln.startswith("metric ")).split() == ["metric", "loss", "train_loss"]
    final_hf, at_hf, best_hf, best_at_hf = expected(*hf_points(HF_SAMPLE, "loss"))
    final_pl, at_pl, best_pl, best_at_pl = expected(*lightning_points(LIGHTNING_SAMPLE, "train_loss"))
    final_row = next(ln for ln in lines if ln.startswith("final "))
    assert final_row.split() == ["final", f"{final_hf:.4g}", "at", f"{at_hf:.0f}", f"{final_pl:.4g}", "at",
                                 f"{at_pl:.0f}"]
    best_row = next(ln for ln in lines if ln.startswith("best "))
    assert best_row.split() == ["best", f"{best_hf:.4g}", "at", f"{best_at_hf:.0f}", f"{best_pl:.4g}", "at",
                                f"{best_at_pl:.0f}"]
    # Only the pairing asked for: the others are not listed as left out.
    assert "not compared" not in out


def test_real_lightning_against_real_hugging_face_lists_what_does_not_pair():
    out = invoke("compare", YOLO_OK, WHISPER)
    assert "loss (lightning_yolov3_onecycle_v4: train_loss, hf_whisper_ja_5k: loss)" in out
    lines = out.splitlines()
    final_pl, at_pl, best_pl, best_at_pl = expected(*lightning_points(YOLO_OK, "train_loss"))
    final_hf, at_hf, best_hf, best_at_hf = expected(*hf_points(WHISPER, "loss"))
    assert next(ln for ln in lines if ln.startswith("final ")).split() == \
        ["final", f"{final_pl:.4g}", "at", f"{at_pl:.0f}", f"{final_hf:.4g}", "at", f"{at_hf:.0f}"]
    assert next(ln for ln in lines if ln.startswith("best ")).split() == \
        ["best", f"{best_pl:.4g}", "at", f"{best_at_pl:.0f}", f"{best_hf:.4g}", "at", f"{best_at_hf:.0f}"]
    # Everything else either run logged is named, with the reason, after the comparison.
    left = out[out.index("not compared:"):].splitlines()[1:]
    assert [ln.split(":")[0].strip() for ln in left] == [
        "val_Class_Accuracy in lightning_yolov3_onecycle_v4", "val_No_Obj_Accuracy in lightning_yolov3_onecycle_v4",
        "val_Obj_Accuracy in lightning_yolov3_onecycle_v4", "test_Class_Accuracy in lightning_yolov3_onecycle_v4",
        "test_No_Obj_Accuracy in lightning_yolov3_onecycle_v4", "test_Obj_Accuracy in lightning_yolov3_onecycle_v4",
        "eval_loss in hf_whisper_ja_5k", "eval_wer in hf_whisper_ja_5k"]
    # The test accuracies are one value each, logged after training: no curve to pair.
    assert all(("fewer than 3 points" if ln.strip().startswith("test_") else "no metric of that name or role in")
               in ln for ln in left), left


def test_keras_against_lightning_on_epochs_pairs_by_name_then_role():
    doc = compare_json(KERAS_SAMPLE, LIGHTNING_SAMPLE, "--align", "epoch")
    paired = {m["name"]: (m["paired_by"], [r["metric"] for r in m["runs"]]) for m in doc["metrics"]}
    assert paired == {"loss": ("role", ["loss", "train_loss"]),
                      "val accuracy": ("role", ["val_accuracy", "val_acc"]),
                      "val_loss": ("name", ["val_loss", "val_loss"])}
    with open(KERAS_SAMPLE, newline="") as fh:
        rows = list(csv.DictReader(fh))
    epochs = np.array([float(r["epoch"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    final, final_at, best, best_at = expected(epochs, loss)
    keras = metric(doc, "loss")["runs"][0]
    assert (keras["final"], keras["final_at"], keras["best"], keras["best_at"]) == \
        (pytest.approx(final), final_at, pytest.approx(best), best_at)


def test_metric_option_pairs_names_given_one_per_run(tmp_path):
    doc = compare_json(LIGHTNING_SAMPLE, HF_SAMPLE, "--metric", "val_acc=eval_accuracy", "--metric", "val_loss=loss")
    assert [(m["name"], m["paired_by"], [r["metric"] for r in m["runs"]]) for m in doc["metrics"]] == [
        ("val accuracy", "user", ["val_acc", "eval_accuracy"]),
        ("val_loss=loss", "user", ["val_loss", "loss"])]  # different roles: named as given
    final, final_at, best, best_at = expected(*hf_points(HF_SAMPLE, "loss"))
    hf = metric(doc, "val_loss=loss")["runs"][1]
    assert (hf["final"], hf["final_at"], hf["best"], hf["best_at"]) == \
        (pytest.approx(final), final_at, pytest.approx(best), best_at)
    # The plot finds each run's own series.
    out = invoke("compare", LIGHTNING_SAMPLE, HF_SAMPLE, "--metric", "val_loss=loss", "--plot")
    assert "val_loss=loss: ▀ unstable_lightning" in out
    md = invoke("compare", LIGHTNING_SAMPLE, HF_SAMPLE, "--metric", "val_acc=eval_accuracy", "--format", "md")
    assert "#### val accuracy (unstable_lightning: val_acc, saturated_sigmoid_hf: eval_accuracy)" in md
    assert "| metric | val_acc | eval_accuracy |" in md


def test_metric_option_errors_are_one_line():
    runner = CliRunner()
    for args, message in (
            (["--metric", "val_acc=eval_accuracy=loss"], "names 3 metrics, one per run, but there are 2 runs"),
            (["--metric", "val_acc=eval_loss"], "opposite directions"),
            (["--metric", "val_acc=nope"], "run saturated_sigmoid_hf has no metric val_acc or nope; it has: loss,"),
            (["--metric", "eval_accuracy=val_acc"], "run unstable_lightning has no metric eval_accuracy; it has: val_acc"),
            (["--metric", "grad_norm"], "has no metric grad_norm, nor one of the same role")):
        result = runner.invoke(app, ["compare", str(LIGHTNING_SAMPLE), str(HF_SAMPLE), *args])
        assert isinstance(result.exception, CurvedocError), result.output
        assert message in str(result.exception)


def test_two_metrics_of_one_role_are_not_guessed(tmp_path):
    steps = np.arange(200)
    loss = 2.0 / (1 + steps) ** 0.5
    a = tmp_path / "a.csv"
    write_csv(a, steps, train_loss_step=loss, train_loss_epoch=loss * 1.1, val_acc=1 - loss / 3)
    b = tmp_path / "b.csv"
    write_csv(b, steps, loss=loss * 0.9, eval_accuracy=1 - loss / 4)
    doc = compare_json(a, b)
    assert [(m["name"], [r["metric"] for r in m["runs"]]) for m in doc["metrics"]] == [
        ("val accuracy", ["val_acc", "eval_accuracy"])]
    reasons = {(nc["run"], nc["metric"]): nc["reason"] for nc in doc["not_compared"]}
    assert set(reasons) == {("a", "train_loss_step"), ("a", "train_loss_epoch"), ("b", "loss")}
    assert reasons[("a", "train_loss_step")] == ("train_loss_epoch in a has the same role; pair by hand with "
                                                 "--metric A_NAME=B_NAME (one name per run, in order)")
    assert reasons[("b", "loss")].startswith("the same role as train_loss_step, train_loss_epoch in a, not paired "
                                             "automatically; pair by hand")
    # Paired by hand, it compares.
    doc = compare_json(a, b, "--metric", "train_loss_epoch=loss")
    assert [r["metric"] for r in doc["metrics"][0]["runs"]] == ["train_loss_epoch", "loss"]
    assert doc["metrics"][0]["runs"][1]["final"] == pytest.approx(float(f"{loss[-1] * 0.9:.6g}"))


def test_a_metric_too_short_to_compare_is_listed(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    steps = np.arange(100)
    write_csv(a, steps, train_loss=1 / (1 + steps))
    b.write_text("step,loss,val_loss\n" + "".join(f"{s},{1 / (2 + s)},{'0.5' if s < 2 else ''}\n" for s in steps))
    doc = compare_json(a, b)
    assert [m["name"] for m in doc["metrics"]] == ["loss"]
    assert {(nc["run"], nc["metric"]) for nc in doc["not_compared"]} == {("b", "val_loss")}


def test_pairing_rules_across_formats():
    from curvedoc.comparison import pair_metrics

    tensorboard = {"train/loss": False, "val/loss": False, "val/acc": True}
    keras = {"loss": False, "val_loss": False, "val_accuracy": True}
    wandb = {"train/loss": False, "eval/loss": False, "eval/accuracy": True, "reward": True}
    pairings, left = pair_metrics([tensorboard, keras, wandb], ["tb", "keras", "wandb"])
    assert [(p.name, p.columns, p.paired_by) for p in pairings] == [
        ("loss", ["train/loss", "loss", "train/loss"], "role"),
        ("val loss", ["val/loss", "val_loss", "eval/loss"], "role"),
        ("val accuracy", ["val/acc", "val_accuracy", "eval/accuracy"], "role")]
    assert [(nc.run, nc.metric) for nc in left] == [("wandb", "reward")]
    pairings, left = pair_metrics([{"loss": False, "val_loss": False}, {"train_loss": False, "val_acc": True}],
                                  ["a", "b"])
    assert [(p.name, p.columns) for p in pairings] == [("loss", ["loss", "train_loss"])]
    assert [(nc.run, nc.metric) for nc in left] == [("a", "val_loss"), ("b", "val_acc")]
    # Two candidates of one role: not guessed, and said why.
    pairings, left = pair_metrics([{"train/loss": False}, {"train_loss": False, "loss": False}], ["a", "b"])
    assert pairings == []
    assert left[0].metric == "train/loss" and "several metrics of the same role in b (train_loss, loss)" in left[0].reason


def test_runs_sharing_no_metric_name_a_dozen_of_each_and_count_the_rest(tmp_path):
    steps = np.arange(100)
    many = {f"probe_{i}": 1.0 + 0.01 * np.sin(steps + i) for i in range(40)}
    write_csv(tmp_path / "a.csv", steps, **many)
    write_csv(tmp_path / "b.csv", steps, other=np.linspace(2, 1, 100))
    with pytest.raises(CurvedocError) as err:
        curvedoc.compare([tmp_path / "a.csv", tmp_path / "b.csv"])
    message = str(err.value)
    assert "share no metric" in message and "probe_11 and 28 more" in message and "probe_12" not in message
    assert "b: other" in message


def test_runs_on_different_axes_are_aligned_on_epochs_when_every_run_has_them(tmp_path):
    # A Keras log counts epochs, a Lightning log steps: compared on steps, epoch 10 of one would
    # read as "sooner" than step 300 of the other.
    doc = compare_json(KERAS_SAMPLE, LIGHTNING_SAMPLE)
    assert doc["align"] == "epoch"
    assert "the runs are logged on different axes (keras_reduce_lr: epoch, unstable_lightning: step), so they " \
           "are aligned on epochs" in doc["notes"]
    doc = compare_json(KERAS_SAMPLE, LIGHTNING_SAMPLE, "--align", "step")
    assert doc["align"] == "step" and any(n.endswith("; try --align epoch") for n in doc["notes"])
    # A log numbered by row (a file of one loss per line) has no epoch to align on.
    rows = tmp_path / "loss.txt"
    rows.write_text("".join(f"{2.0 / (i + 1):.5f}\n" for i in range(60)))
    doc = compare_json(rows, LIGHTNING_SAMPLE)
    [note] = [n for n in doc["notes"] if "different axes" in n]
    assert doc["align"] == "step"
    assert note == ("the runs are logged on different axes (loss: row, unstable_lightning: step): their x values "
                    "are compared as they are")
    # Compared as they are, epochs against steps: no "sooner", no parting, no "earlier" event
    # (epoch 10 against step 150 read as "15x sooner").
    # Nor a level "reached" at epoch 5 against step 92, a value at "step 15" of both, or a best named
    # (one minibatch's loss against an epoch's mean).
    doc = compare_json(KERAS_SAMPLE, LIGHTNING_SAMPLE, "--align", "step")
    for mc in doc["metrics"]:
        assert mc["sentences"] == [] and mc["levels"] == []
        assert all(r["reached"] == [] and r["at_common_end"] is None for r in mc["runs"])
        for pair in mc["pairs"]:
            assert pair["parting"]["text"].startswith("the runs count different units as the step")
            assert pair["events"] == []


def test_runs_that_share_no_stretch_of_the_axis_reach_nothing_sooner(tmp_path):
    steps = np.arange(1, 301)
    write_csv(tmp_path / "a.csv", steps, loss=2.0 / np.sqrt(steps))
    write_csv(tmp_path / "b.csv", steps + 10_000, loss=1.8 / np.sqrt(steps))
    loss = metric(compare_json(tmp_path / "a.csv", tmp_path / "b.csv"), "loss")
    assert loss["pairs"][0]["parting"]["text"] == "the runs do not overlap on the common axis"
    assert not [s for s in loss["sentences"] if "sooner" in s or "same step" in s], loss["sentences"]


def test_noisy_per_step_runs_are_compared_on_their_levels(tmp_path):
    # Two per-step losses on one power-law decay with 25-30% minibatch noise. Their last points
    # differ by luck (here 0.19 against 0.42), their lowest points are single lucky batches; the
    # level of the smoothed curve is what tells them apart, or not.
    rng = np.random.default_rng(0)
    steps = np.arange(1, 5001)
    paths = []
    for name, noise in (("a", 0.3), ("b", 0.25)):
        loss = (0.2 + 2 * (steps / 100 + 1) ** -0.7) * np.exp(noise * rng.standard_normal(len(steps)))
        write_csv(tmp_path / f"{name}.csv", steps, loss=loss)
        paths.append(tmp_path / f"{name}.csv")
    doc = compare_json(*paths)
    loss = metric(doc, "loss")
    level = 0.2 + 2 * (5000 / 100 + 1) ** -0.7  # both runs' true level at the end
    assert loss["noisy"] is True
    for rv in loss["runs"]:
        assert rv["final_level"] == pytest.approx(level, rel=0.06)
        assert rv["best"] < 0.6 * level < rv["best_level"]
    assert abs(loss["runs"][0]["final"] / loss["runs"][1]["final"] - 1) > 0.5  # the luck of one point
    [best] = [s for s in loss["sentences"] if s.startswith("best loss")]
    assert best.startswith("best loss level (running median over 1% of the span all runs cover")
    out = invoke("compare", *paths)
    assert "final level" in out and "best level" in out
    # A per-epoch log with small scatter keeps its single values: the WRNs' final and best accuracy.
    doc = compare_json(WRN, PREACT, "--metric", "test_acc")
    assert metric(doc, "test_acc")["noisy"] is False
    assert "final level" not in invoke("compare", WRN, PREACT, "--metric", "test_acc")


def test_one_move_read_under_two_labels_is_one_event(tmp_path):
    # One real run written twice, with its LR column and without (the MLP sample): the training
    # loss's fall at the epoch-15 decay is an LR decay where the LR is logged and a plateau
    # escape where it is not. It is the same move, paired, not two unmatched ones.
    import pandas as pd

    table = pd.read_csv(SAMPLES / "mlp_step_decay" / "metrics.csv")
    without, logged = tmp_path / "nolr.csv", tmp_path / "lr.csv"
    table.drop(columns=["lr"]).to_csv(without, index=False)
    table.to_csv(logged, index=False)
    mc = next(m for m in curvedoc.compare([without, logged]).metrics if m.runs[0].metric == "train_loss")
    m = next(m for m in mc.pairs[0].events if m.kind == "drop")
    assert (m.match, m.label, m.b_label) == ("both", "plateau_escape", "lr_decay")
    assert abs(m.a_at - 2341) <= 30 and m.b_at == 2341
    assert m.text.startswith("drop in both, read as plateau_escape in nolr and lr_decay in lr: step")
    res = CliRunner().invoke(app, ["compare", str(without), str(logged), "--format", "json"])
    events = [e for metric in json.loads(res.stdout)["metrics"] for p in metric["pairs"] for e in p["events"]
              if metric["runs"][0]["metric"] == "train_loss"]
    assert [e["b_label"] for e in events if "b_label" in e] == ["lr_decay"]


def test_a_one_point_summary_metric_does_not_block_pairing_the_curve(tmp_path):
    # The HF Trainer ends its log with {"train_loss": <average>}, one point; its TensorBoard
    # callback writes it as train/train_loss beside train/loss. That lone value made the training
    # loss "several metrics of the same role" and left it uncompared.
    import numpy as np

    steps = np.arange(10, 610, 10)
    loss = 0.1 + 2.0 * np.exp(-steps / 120)
    history = [{"step": int(s), "epoch": s / 125, "loss": float(v)} for s, v in zip(steps, loss)]
    history.append({"step": 600, "epoch": 4.8, "train_loss": float(loss.mean()), "train_runtime": 61.2})
    (tmp_path / "hf").mkdir()
    (tmp_path / "hf" / "trainer_state.json").write_text(json.dumps({"global_step": 600, "log_history": history}))
    rows = "".join(f"{s},{v * 1.1:.5g},{f'{loss.mean():.5g}' if s == 600 else ''}\n" for s, v in zip(steps, loss))
    (tmp_path / "other.csv").write_text("step,train/loss,train/train_loss\n" + rows)
    out = invoke("compare", tmp_path / "hf", tmp_path / "other.csv")
    assert "loss (hf: loss, other: train/loss)" in out, out
    assert "several metrics of the same role" not in out


def test_seeds_that_never_part_are_not_said_to_reach_a_level_sooner(tmp_path):
    # Two seeds of one recipe, per-step losses with wide minibatch noise: the levels they cross
    # are crossed wherever the noise has them. "1.8x sooner" beside "the runs never part" read as
    # a finding; it is not one.
    import numpy as np

    steps = np.arange(1, 1201)
    for seed in (0, 1):
        rng = np.random.default_rng(seed)
        loss = (0.6 + 1.7 * np.exp(-steps / 100)) * np.exp(0.3 * rng.standard_normal(len(steps)))
        write_csv(tmp_path / f"seed{seed}.csv", steps, train_loss=loss)
    out = invoke("compare", tmp_path / "seed0.csv", tmp_path / "seed1.csv")
    assert "the runs never part" in out and "sooner" not in out, out
    assert "within the noise: the runs never part" in out


def test_a_run_that_pulls_ahead_later_is_named_with_the_first_parting(tmp_path):
    # One run ahead early, the other ahead from midway to the end (a decayed LR against a constant
    # one): "the runs part at step 46: a ahead" alone hid that b ends 15% lower.
    import numpy as np

    steps = np.arange(1, 1001)
    rng = np.random.default_rng(2)
    a = (0.75 + 1.5 * np.exp(-steps / 60)) * np.exp(0.01 * rng.standard_normal(len(steps)))
    b = (0.62 + 0.25 * np.exp(-steps / 400) + 1.4 * np.exp(-steps / 60)) * np.exp(0.01 * rng.standard_normal(len(steps)))
    write_csv(tmp_path / "a.csv", steps, train_loss=a)
    write_csv(tmp_path / "b.csv", steps, train_loss=b)
    out = invoke("compare", tmp_path / "a.csv", tmp_path / "b.csv", columns=1000)
    line = next(ln for ln in out.splitlines() if "the runs part at" in ln)
    assert ": a ahead by" in line and "; b ahead from step" in line and "at the end" in line, line


def test_a_later_lead_that_narrows_into_the_noise_by_the_end_is_still_said():
    # One config logged by two loggers: the text run's val loss is lower at every evaluation after the
    # LR decay (by 4-7% to step 4212, 3.1% at the end, under the 3.8% threshold). Only the first
    # parting was said ("csv ahead by 12.1%"), as the later lead had to hold to the last point.
    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
    out = invoke("compare", corpus / "sd_teacher_csv" / "metrics.csv", corpus / "sd_teacher_text" / "train.log",
                 columns=1000)
    line = next(ln for ln in out.splitlines() if "the runs part at" in ln)
    m = re.search(r"; sd_teacher_text ahead from step (\d+), by ([\d.]+)% over steps \d+-(\d+), ([\d.]+)% ahead at "
                  r"the end, within the noise$", line)
    assert m and 2400 <= int(m[1]) <= 2600 and 4 < float(m[2]) < 7 and int(m[3]) >= 4000 and float(m[4]) < 3.8, line


def test_steps_past_ten_thousand_on_the_common_grid_are_said_as_whole_steps():
    # Two 100,000-step runs compared on a common grid of 2,000 points, one pulling ahead later: "step01
    # ahead from step 4.062e+04", a grid point between logged steps said to four digits.
    from curvedoc.comparison import format_x

    assert [format_x(v, "step") for v in (40620.72, 9999.5, 1.0)] == ["40621", "10000", "1"]
    assert format_x(12.345, "epoch") == "12.35"

def test_a_run_counting_epochs_as_its_step_leaves_the_other_pairs_compared():
    # One Keras log (epochs) among three on steps: every pair had "the runs count different units".
    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
    doc = compare_json(corpus / "sd_teacher_csv" / "metrics.csv", corpus / "sd_teacher_keras" / "training.log",
                       corpus / "sd_teacher_text" / "train.log")
    pairs = {p["b"]: p for m in doc["metrics"] for p in m["pairs"] if m["name"] == "val loss"}
    assert "count different units" in pairs["sd_teacher_keras"]["parting"]["text"]
    text = pairs["sd_teacher_text"]
    assert text["parting"]["at"] is not None and any(e["label"] == "lr_decay" and e["match"] == "both"
                                                     for e in text["events"]), text


def test_a_metric_another_run_lacks_is_left_out_for_that_reason_in_every_run_that_has_it():
    # val_acc in the csv and Lightning runs, not in the text one: Lightning's was "the same role as
    # val_acc in sd_teacher_csv, not paired automatically; pair by hand", though the names are the same.
    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
    doc = compare_json(corpus / "sd_teacher_csv" / "metrics.csv", corpus / "sd_teacher_lightning" / "lightning_logs",
                       corpus / "sd_teacher_text" / "train.log")
    reasons = {(n["run"], n["metric"]): n["reason"] for n in doc["not_compared"]}
    for run in ("sd_teacher_csv", "lightning_logs/version_0"):
        assert reasons[(run, "val_acc")] == "no metric of that name or role in sd_teacher_text", reasons


def test_no_levels_are_compared_when_one_run_spends_the_run_where_another_started():
    # The HF run's eval loss sits at 0.78-1.04 until the decay and bests at 0.646, where the others
    # start: four "reached" rows over 0.653-0.651 (0.3%) and "sd_teacher_hf 4.3x later".
    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
    logs = (corpus / "sd_teacher_csv" / "metrics.csv", corpus / "sd_teacher_hf" / "trainer_state.json",
            corpus / "sd_teacher_text" / "train.log")
    val = next(m for m in compare_json(*logs)["metrics"] if m["name"] == "val loss")
    assert val["levels"] == [] and not any("reached" in s for s in val["sentences"]), val["sentences"]
    # Runs whose ranges overlap keep theirs.
    assert len(metric(compare_json(WRN, PREACT), "loss")["levels"]) == 4


def test_runs_whose_levels_part_beyond_their_noise_part_under_heavy_minibatch_noise(tmp_path):
    # One seed with and without clipping: a corrupted batch at step 1200 leaves the unclipped run's
    # loss 2.6x higher for the rest of the run. Judged on the points' spread (x3.5 each way under this
    # noise) the smoothed levels "never parted"; their own spread is a fraction of it.
    import numpy as np

    steps = np.arange(1, 2501)
    noise = np.exp(0.6 * np.random.default_rng(13).standard_normal(len(steps)))
    base = 0.15 + 1.8 * np.exp(-steps / 150)
    write_csv(tmp_path / "clip.csv", steps, train_loss=base * noise)
    write_csv(tmp_path / "noclip.csv", steps, train_loss=np.where(steps >= 1200, 2.6, 1.0) * base * noise)
    mc = curvedoc.compare([tmp_path / "clip.csv", tmp_path / "noclip.csv"]).metrics[0]
    parting = mc.pairs[0].parting
    assert parting.at is not None and 1150 <= parting.at <= 1260, parting.text
    # 2500 steps are compared on a grid of 2000 points: the parting is still a whole step.
    assert float(parting.at).is_integer() and re.search(r"part at step \d+:", parting.text), parting.text


def test_two_logs_of_one_name_in_the_working_folder_are_named_by_that_folder(tmp_path, monkeypatch):
    # Named by bare file names, the folder part was empty: runs "/range" and "/range#2".
    sample = Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv"
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "range.csv").write_bytes(sample.read_bytes())
    monkeypatch.chdir(tmp_path / "proj")
    res = CliRunner().invoke(app, ["compare", "range.csv", "range.csv", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert [r["name"] for r in json.loads(res.stdout)["runs"]] == ["proj/range", "proj/range#2"]


def test_evaluations_that_cross_back_and_forth_are_no_parting(tmp_path):
    # Two seeds' held-out losses, evaluated every 100 steps: three evaluations in a row apart by more
    # than the threshold, but on alternating sides (s18 behind at 700, ahead at 800, behind at 900),
    # read "the runs part at step 700" though they end at 0.256 and 0.260.
    import numpy as np

    steps = np.arange(100, 3001, 100)
    rng = np.random.default_rng(4)
    a = (0.25 + 0.5 * np.exp(-steps / 400)) * np.exp(0.01 * rng.standard_normal(len(steps)))
    wobble = np.exp(0.01 * rng.standard_normal(len(steps)))
    wobble[6:9] = np.exp([0.12, -0.12, 0.14])
    write_csv(tmp_path / "seed1.csv", steps, eval_loss=a)
    write_csv(tmp_path / "seed3.csv", steps, eval_loss=a * wobble)
    out = invoke("compare", tmp_path / "seed1.csv", tmp_path / "seed3.csv")
    assert "the runs never part" in out and "the runs part at" not in out, out
    # One side for three evaluations in a row is a parting.
    wobble[6:9] = np.exp([0.12, 0.12, 0.14])
    write_csv(tmp_path / "seed3.csv", steps, eval_loss=a * wobble)
    out = invoke("compare", tmp_path / "seed1.csv", tmp_path / "seed3.csv")
    assert "the runs part at step 700: seed1 ahead" in out, out


@pytest.mark.parametrize("columns", [100, 60, 30])
def test_many_runs_get_a_row_each_when_a_column_each_does_not_fit(tmp_path, columns):
    """Twenty runs squeezed into a column each had every cell of the table cut to an ellipsis:
    then a row per run, its cells wrapped at their spaces if need be (60), and every number whole,
    even past a width too narrow for any layout (30)."""
    logs = []
    for k in range(20):
        logs.append(tmp_path / f"seed{k:02d}.csv")
        s, lr, loss = step_decay_run(300 + 10 * k, seed=k)
        write_csv(logs[-1], s, lr=lr, loss=loss)
    doc = compare_json(*logs)
    result = CliRunner().invoke(app, ["compare", *map(str, logs)], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    lines = result.output.splitlines()
    for rv in metric(doc, "loss")["runs"]:
        row = next(ln for ln in lines if ln.startswith(f"{rv['run']} "))  # the values, before the stages
        final, at = f"{rv['final']:.4g}", f"{rv['final_at']:g}"
        expected = [final] if columns == 60 else [final, "at", at]  # at 60, "at 999" wraps below
        assert row.split()[1:1 + len(expected)] == expected
    # Two runs keep a column each, as before.
    two = invoke("compare", *logs[:2]).splitlines()
    assert two[two.index(next(ln for ln in two if ln.startswith("loss"))) + 1].split() == ["seed00", "seed01"]


def test_three_runs_or_more_are_put_in_the_order_they_reached_each_level(tmp_path):
    # Three runs dropping at 600, 1000 and 1400, and a second seed of the first: one line per
    # level puts them in order, the seed marked as within the noise of the run it shadows.
    steps = np.arange(0, 2000, 2)
    for name, at, seed in (("a", 600, 1), ("b", 1000, 2), ("c", 1400, 3), ("a2", 600, 4)):
        rng = np.random.default_rng(seed)
        write_csv(tmp_path / f"{name}.csv", steps,
                  train_loss=np.where(steps < at, 2.0, 1.0) * np.exp(rng.normal(0, 0.01, len(steps))))
    doc = compare_json(*(tmp_path / f"{n}.csv" for n in ("a", "b", "c", "a2")))
    lines = [s for s in metric(doc, "train_loss")["sentences"] if "reached first" in s]
    assert lines and not any("sooner" in s for s in metric(doc, "train_loss")["sentences"])
    line = lines[0]
    assert line.startswith("train_loss ") and " reached first by a" in line
    order = [line.index(f" {n} ") for n in ("b", "c")]
    assert order == sorted(order) and "a2 about as soon" in line and "within the noise of a)" in line
    assert re.search(r"b (1\.[6-7])x later", line) and re.search(r"c (2\.[3-4])x later", line), line
    # A level every run reached at one logged point names no winner ("reached first by a; then b about
    # as soon (247), c about as soon (247)").
    for name, seed in (("d", 5), ("e", 6), ("f", 7)):
        rng = np.random.default_rng(seed)
        write_csv(tmp_path / f"{name}.csv", steps[::50],
                  train_loss=np.where(steps[::50] < 600, 2.0, 1.0) * np.exp(rng.normal(0, 0.001, len(steps[::50]))))
    doc = compare_json(*(tmp_path / f"{n}.csv" for n in ("d", "e", "f")))
    sentences = metric(doc, "train_loss")["sentences"]
    assert any(re.fullmatch(r"train_loss \S+ reached by every run at step 600", s) for s in sentences), sentences
    assert not any("reached first" in s for s in sentences), sentences


def test_runs_identical_up_to_a_point_reach_its_levels_at_the_same_step(tmp_path):
    # Two runs of one seed and data order, the same up to step 1800, one 3000 steps long and one
    # 3400: smoothed over 1% of their own lengths (30 and 34 points), the same noisy curve
    # "reached" a level 2.2x sooner in one of them.
    rng = np.random.default_rng(0)
    steps = np.arange(1, 3401)
    shared = 2.3 * np.exp(-steps / 700) * np.exp(0.35 * rng.standard_normal(3400))
    later = np.where(steps > 1800, shared * np.exp((steps - 1800) / 900), shared)
    paths = []
    for name, loss, n in (("a", shared, 3000), ("b", later, 3400)):
        path = tmp_path / f"{name}.csv"
        path.write_text("step,train_loss\n" + "".join(f"{s},{v:.6g}\n" for s, v in zip(steps[:n], loss[:n])))
        paths.append(path)
    [mc] = curvedoc.compare(paths, metrics=["train_loss"]).metrics
    for level, (a, b) in zip(mc.levels, zip(*(r.reached for r in mc.runs))):
        if a is not None and a <= 1700:
            assert a == b, (level, a, b)


def test_sooner_is_counted_from_the_start_of_training_not_the_first_evaluation(tmp_path):
    # Validation logged every 50 steps from step 50: one run reached the level at step 100, the other
    # at 250, and the report said "4x sooner", (250 - 50) / (100 - 50), where the steps printed
    # beside it say 2.5x.
    steps = np.arange(50, 1001, 50)
    (tmp_path / "fast").mkdir(), (tmp_path / "slow").mkdir()
    fast, slow = tmp_path / "fast" / "log.csv", tmp_path / "slow" / "log.csv"
    write_csv(fast, steps, val_loss=2.0 * np.exp(-steps / 100) + 0.1)
    write_csv(slow, steps, val_loss=2.0 * np.exp(-steps / 250) + 0.1)
    out = invoke("compare", fast, slow)
    [line] = [ln for ln in out.splitlines() if "sooner" in ln and "val_loss" in ln][:1]
    m = re.search(r"reached val_loss \S+ ([\d.]+)x sooner than slow \(step (\d+) vs (\d+)\)", line)
    assert m, line
    assert float(m.group(1)) == pytest.approx(int(m.group(3)) / int(m.group(2)), rel=0.05)


def test_an_event_after_the_shorter_run_ends_is_not_only_in_the_longer(tmp_path):
    # The WRN log against its own first 100 epochs: the decays at 120 and 160 were "only in" the
    # full run, as if the short one had come through them without a drop; it ends at epoch 100.
    d = wrn("wrn_cifar10_wrn40-4")
    short = tmp_path / "short100.csv"
    short.write_text("epoch,loss,lr\n" + "".join(f"{int(e)},{l},{r}\n" for e, l, r in
                                                 zip(d["epoch"][:100], d["loss"][:100], d["lr"][:100])))
    out = invoke("compare", WRN, short, "--metric", "loss")
    assert "lr_decay (drop) in wrn_cifar10_wrn40-4 after short100 ends (epoch 100), at epoch 120" in out
    assert "only in" not in out


def test_a_score_in_percent_beside_the_same_score_as_a_fraction_is_compared_as_fractions(tmp_path):
    # Keras logs 0.9, a hand-written loop 90.0: the same accuracy, read as written, made the
    # percent run "ahead by 60" from the first step, and the best.
    rng = np.random.default_rng(8)
    steps = np.arange(1, 601)
    acc = np.clip(0.6 + 0.3 * (1 - np.exp(-steps / 150)) + rng.normal(0, 0.003, 600), 0, 1)
    frac, pct = tmp_path / "frac.csv", tmp_path / "pct.csv"
    frac.write_text("step,val_acc\n" + "".join(f"{s},{a:.4f}\n" for s, a in zip(steps, acc)))
    pct.write_text("step,val_acc\n" + "".join(f"{s},{100 * a:.2f}\n" for s, a in zip(steps, acc)))
    comparison = curvedoc.compare([frac, pct])
    assert any("pct logs val_acc in percent" in note for note in comparison.notes)
    (mc,) = comparison.metrics
    assert mc.pairs[0].parting.at is None  # the runs never part
    assert [r.final for r in mc.runs] == pytest.approx([acc[-1], acc[-1]], abs=1e-3)
    assert [cell["level"] for cell in mc.stages[0].stages] == pytest.approx([mc.stages[0].stages[0]["level"]] * 2,
                                                                           rel=1e-3)


def test_runs_that_never_part_before_one_blew_up_part_where_it_blew_up(tmp_path):
    # The parting line, the first a reader sees, said "never part ... over step 1-499" and left the
    # run that went NaN at 500 to a line further down; then "never part ...; b diverged at step 500", which
    # the runs did, one at nan and one not.
    rng = np.random.default_rng(19)
    steps = np.arange(1, 601)
    loss = 2.0 * (1 + steps / 50) ** -0.5 * np.exp(rng.normal(0, 0.01, 600))
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("step,loss\n" + "".join(f"{s},{v:.5f}\n" for s, v in zip(steps, loss)))
    b.write_text("step,loss\n" + "".join(f"{s},{v if s < 500 else float('nan'):.5f}\n" for s, v in zip(steps, loss)))
    (mc,) = curvedoc.compare([a, b]).metrics
    parting = mc.pairs[0].parting
    assert parting.at == 500 and parting.ahead == "a", parting
    assert parting.text.startswith("the runs part at step 500, where b goes non-finite and a does not (within the "
                                   "noise"), parting.text
    # Both blown up: neither is ahead, and each is said.
    b2 = tmp_path / "b2.csv"
    b2.write_text("step,loss\n" + "".join(f"{s},{v if s < 550 else float('nan'):.5f}\n" for s, v in zip(steps, loss)))
    (mc,) = curvedoc.compare([b, b2]).metrics
    assert mc.pairs[0].parting.at is None and mc.pairs[0].parting.text.endswith(
        "; b went non-finite at step 500; b2 went non-finite at step 550"), mc.pairs[0].parting.text


def test_two_runs_with_the_same_best_are_a_tie_not_the_first_one_named(tmp_path):
    # One training written twice (a CSV, and a console log of the same values): every best equal,
    # and the first run was named the best of each metric.
    rng = np.random.default_rng(4)
    steps = np.arange(1, 401)
    loss = np.where(steps < 200, 1.0, 0.3) * np.exp(-steps / 400) * np.exp(rng.normal(0, 0.01, 400))
    a, b = tmp_path / "a.csv", tmp_path / "b.log"
    a.write_text("step,loss\n" + "".join(f"{s},{v:.5f}\n" for s, v in zip(steps, loss)))
    b.write_text("".join(f"step {s}: loss {v:.5f}\n" for s, v in zip(steps, loss)))
    result = CliRunner().invoke(app, ["compare", str(a), str(b)])
    best = loss.min()
    assert result.exit_code == 0
    [said] = [line.strip() for line in result.output.splitlines() if line.strip().startswith("- best loss")]
    assert said.endswith(f"a tie, a and b both reach {best:.4g} at step {int(steps[loss.argmin()])}"), said


def test_a_level_touched_on_a_lucky_stretch_is_not_reached(tmp_path):
    # Per-step losses under minibatch noise (25% a step), each cut x0.6 by an LR decay: at 600 in one
    # run, at 1000 in the other. Their smoothed curves dip on lucky stretches below the level they
    # settle at; a level only such a dip touches was "reached" (0.5727, where both runs sit at 0.66 or
    # more to the end), by the late run 5 steps after its decay.
    rng = np.random.default_rng(3)
    steps = np.arange(1, 1501)
    paths, settled = [], []
    for name, decay in (("early", 600), ("late", 1000)):
        loss = np.where(steps < decay, 1.1, 0.66) * np.exp(rng.normal(0, 0.25, len(steps)))
        path = tmp_path / f"{name}.csv"
        path.write_text("step,loss\n" + "".join(f"{s},{v:.6g}\n" for s, v in zip(steps, loss)))
        paths.append(path)
        settled.append(float(np.median(loss[steps >= decay])))
    loss = metric(compare_json(*paths), "loss")
    # Every level compared is one both runs hold (within a smoothed level's noise), reached after their decays.
    assert min(loss["levels"]) >= 0.95 * max(settled)
    early, late = loss["runs"]
    assert [r["at"] >= 595 for r in early["reached"][1:]] == [True] * 3
    assert [r["at"] >= 995 for r in late["reached"][1:]] == [True] * 3


def test_the_parting_size_is_said_as_the_median_gap_over_its_stretch():
    # Grokking pair: held-out accuracy 0.0023 against 0.014 at step 2300 where the runs part, 0.75 apart
    # over the 5000 steps after. "ahead by 0.747" at 2300 read as the gap there.
    doc = compare_json(ADAMW, MUON)
    parting = metric(doc, "test_accuracy")["pairs"][0]["parting"]
    assert parting["at"] == 2300
    assert re.match(r"the runs part at step 2300: addition_depth_1_muon_seed_0 ahead by 0\.7\d+ \(the median gap over "
                    r"steps 2300-7300; noise threshold ", parting["text"]), parting["text"]


@pytest.mark.parametrize("spec", ["=", "loss=", " "])
def test_an_empty_metric_name_is_refused_in_one_line(spec):
    # "-m =" gave "run keras_reduce_lr has no metric  or ; it has: ...", the empty names printed as blanks.
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "compare", str(KERAS_SAMPLE), str(KERAS_SAMPLE),
                          "-m", spec], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and res.stderr.strip().splitlines() == [
        f"curvedoc: error: --metric {spec!r} names an empty metric (A=B pairs metric A of the first run with B of "
        "the second)"]


def test_a_level_is_held_over_the_same_share_of_the_run_however_densely_a_run_is_logged(tmp_path):
    # One run's minibatch loss every step, the same run's whole-set loss every 10 steps: the hold window
    # was 5% of the sparser run's points, 12 steps of the dense one, and its lucky dips "reached" a level
    # at step 55 that it held only after its decay at 1500.
    rng = np.random.default_rng(11)
    steps = np.arange(1, 2501)
    level = np.where(steps < 1500, 1.12, 0.80)
    dense = tmp_path / "minibatch.csv"
    dense.write_text("step,loss\n" + "".join(f"{s},{v:.5g}\n" for s, v in
                                            zip(steps, level * np.exp(rng.normal(0, 0.25, len(steps))))))
    sparse = tmp_path / "whole_set.csv"
    sparse.write_text("step,loss\n" + "".join(f"{s},{v:.5g}\n" for s, v in zip(steps[9::10], level[9::10] * 1.02)))
    loss = metric(compare_json(dense, sparse), "loss")
    for level_, reached in zip(loss["levels"], loss["runs"][0]["reached"]):
        if level_ < 1.0:
            assert reached["at"] >= 1490, (level_, reached)


def test_noisy_per_step_runs_apart_for_most_of_the_run_part_on_wider_levels(tmp_path):
    # Batch-8 losses scatter +-50% from step to step: levels over 1% of 4,000 points (40) scatter about
    # 10% each, and the threshold came to 36%, so a run 25% ahead from step 1000 to the end "never
    # parted". Read on levels over 5% of the run, apart over a quarter of it, they part; two seeds
    # of one recipe still do not.
    steps = np.arange(1, 4001)
    level = 1.5 / np.sqrt(1 + steps / 300)
    for name, seed, factor in (("base", 1, 1.0), ("seed2", 2, 1.0), ("ahead", 3, 0.75)):
        rng = np.random.default_rng(seed)
        lead = np.where(steps < 1000, 1.0, factor)
        write_csv(tmp_path / f"{name}.csv", steps, train_loss=level * lead * np.exp(rng.normal(0, 0.5, len(steps))))
    doc = compare_json(tmp_path / "base.csv", tmp_path / "ahead.csv")
    [pair] = metric(doc, "train_loss")["pairs"]
    text = pair["parting"]["text"]
    assert pair["parting"]["ahead"] == "ahead" and 1000 <= pair["parting"]["at"] <= 3000, text
    assert "levels over 5% of the run" in text, text
    doc = compare_json(tmp_path / "base.csv", tmp_path / "seed2.csv")
    [pair] = metric(doc, "train_loss")["pairs"]
    assert pair["parting"]["at"] is None, pair["parting"]["text"]


def test_a_last_evaluation_alone_is_no_parting(tmp_path):
    # Two seeds' held-out accuracies, 30 evaluations crossing back and forth: the last one 0.04
    # apart (the threshold 0.039) made "the runs part at step 3000 (the median gap over steps
    # 3000-3000)".
    steps = np.arange(100, 3001, 100)
    rng = np.random.default_rng(11)
    base = 0.75 - 0.3 * np.exp(-steps / 500)
    a = base + rng.normal(0, 0.01, len(steps))
    b = base + rng.normal(0, 0.01, len(steps))
    a[-1], b[-1] = base[-1] + 0.03, base[-1] - 0.03
    write_csv(tmp_path / "s0.csv", steps, val_acc=a)
    write_csv(tmp_path / "s1.csv", steps, val_acc=b)
    [pair] = metric(compare_json(tmp_path / "s0.csv", tmp_path / "s1.csv"), "val_acc")["pairs"]
    assert pair["parting"]["at"] is None, pair["parting"]["text"]


def test_a_lead_that_narrows_into_the_noise_by_the_end_says_so():
    # Step decay against cosine on one task: the cosine run leads by 82% once the step run's LR is low,
    # and the step run's second decay closes the gap to 11% by the end, inside the 36% noise threshold.
    # The parting read as though the lead held.
    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
    out = invoke("compare", corpus / "sd_teacher_csv" / "metrics.csv", corpus / "cosine_teacher_csv" / "metrics.csv",
                 "--metric", "train_loss", columns=1000)
    line = next(ln for ln in out.splitlines() if "the runs part at" in ln)
    m = re.search(r": cosine_teacher_csv ahead by ([\d.]+)% .*; ([\d.]+)% ahead at the end, within the noise$", line)
    assert m and float(m[1]) > 50 and float(m[2]) < 20, line


def test_an_event_found_in_one_run_only_says_whether_the_other_moves_alike_there():
    # Seeds of one recipe that fall off a plateau together, the fall found in one of them only, were
    # "a difference between the runs". Step decay against cosine: the second decay's -5% on val_loss is
    # no more than the cosine run's own fall over the same stretch (-14%); the first decay's -43% is
    # far past it.
    samples = Path(__file__).resolve().parents[1] / "sample_logs"
    out = invoke("compare", samples / "mlp_step_decay", samples / "mlp_cosine", "--metric", "val_loss", columns=1000)
    only = [ln.strip() for ln in out.splitlines() if ln.strip().startswith("only")]
    assert len(only) == 2 and "at step 2496 (-43%)" in only[0] and "alike" not in only[0], only
    assert re.search(r"at step 4836 \(-5%\); mlp_cosine moves alike there \(-1\d%\), though no event was found in it$",
                     only[1]), only


def test_seeds_in_folders_of_their_own_are_named_by_those_folders(tmp_path):
    # Three seeds each under seedN/lightning_logs/version_0: they were "version_0/lightning_logs/version_0",
    # "#2" and "#3", which told the user nothing of which was which.
    sample = Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv"
    logs = []
    for seed in ("seed0", "seed1", "seed2"):
        folder = tmp_path / seed / "lightning_logs" / "version_0"
        folder.mkdir(parents=True)
        (folder / "metrics.csv").write_bytes(sample.read_bytes())
        logs.append(folder / "metrics.csv")
    doc = compare_json(*logs)
    assert [r["name"] for r in doc["runs"]] == [f"seed{k}/lightning_logs/version_0" for k in range(3)], doc["runs"]


def test_a_metric_title_of_runs_paired_by_role_wraps_to_the_terminal():
    # Metrics paired across runs by role name each run's metric in the title line, which was never
    # wrapped: 252 characters at 80 columns.
    samples = Path(__file__).resolve().parents[1] / "sample_logs"
    lines = invoke("compare", samples / "mlp_step_decay", samples / "cnn_step_decay_tb", columns=80).splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("loss (mlp_step_decay: train_loss"))
    assert len(lines[i]) <= 80 and lines[i + 1].startswith("  ") and "paired by role" in lines[i] + lines[i + 1]


def test_two_branches_of_one_forked_training_part_where_the_fork_is(tmp_path):
    # One training forked at update 1500 (tools/probe_runs.py p34): the same numbers in both logs up
    # to there, the same batches after, one branch's LR cut x0.1. Their parting was read against each
    # run's own noise (28.5%), and dated at 1620; forked, they share that noise, and the gap's own
    # is what a parting must clear.
    from small_runs import write_fork_loss

    out = invoke("compare", write_fork_loss(tmp_path / "const.csv", "const"),
                 write_fork_loss(tmp_path / "decay.csv", "decay"), columns=1000)
    line = next(ln for ln in out.splitlines() if "the runs part at" in ln)
    m = re.search(r"the runs part at step (\d+): decay ahead", line)
    assert m and 1500 < int(m[1]) <= 1550, line


def test_twins_forked_at_a_decay_under_minibatch_noise_part_soon_after_it(tmp_path):
    # Linear regression by SGD on batches of 8, one branch's LR halved from update 1500, the same batches
    # in both: the decayed branch ends a few percent lower. Each curve smoothed apart, the batch noise
    # they share did not cancel, and the runs "never part" (a twin probe's pair "parted at 2913", 900
    # updates after its decay); the gap read point by point, where it does, parts them after the decay.
    from small_runs import write_sgd_twin

    out = invoke("compare", write_sgd_twin(tmp_path / "decay.csv", True),
                 write_sgd_twin(tmp_path / "const.csv", False), columns=1000)
    line = next(ln for ln in out.splitlines() if "the runs part at" in ln or "never part" in ln)
    m = re.search(r"the runs part at step (\d+): decay ahead", line)
    assert m and 1500 < int(m[1]) <= 2100, line


def test_one_fall_read_under_two_labels_at_two_places_is_one_move_shifted(tmp_path):
    # A character language model run twice with the same seed (tests/small_runs.py), warmed up over
    # 100 and over 300 steps: the same -79% fall comes at 180 and at 250. The rules read the first at
    # the warmup's end and leave the second unexplained (the LR still rising), and compare listed
    # them as two events, each "only" in its run.
    from small_runs import write_charlm_warmup

    a = write_charlm_warmup(tmp_path / "warmup100.csv")
    b = write_charlm_warmup(tmp_path / "warmup300.csv", warmup=300)
    c = curvedoc.compare([a, b])
    [m] = c.metrics[0].pairs[0].events
    assert (m.match, m.kind, m.label, m.b_label) == ("shifted", "drop", "warmup_end", "unexplained")
    assert 150 <= m.a_at <= 200 and 220 <= m.b_at <= 270 and m.a_change == pytest.approx(m.b_change, abs=0.05)


def test_a_loss_logged_as_the_largest_float_compares_without_an_internal_error(tmp_path):
    # A Trainer state whose first loss reads 1e308 (an overflow written as a number): the other run's
    # fall beside it, read as a ratio to it, underflowed to -100% and its log failed ("math domain error").
    bad, good = tmp_path / "a" / "trainer_state.json", tmp_path / "b" / "trainer_state.json"
    bad.parent.mkdir()
    good.parent.mkdir()
    bad.write_text(json.dumps({"log_history": [{"loss": 1e308, "step": 1100}, {"loss": 0.008, "step": 1125},
                                               {"loss": 0.0063, "step": 1225}, {"loss": 0.0052, "step": 1250}]}))
    steps = [25, 225, 250, 1050, 1075, 1100, 1125, 1150, 1175, 1200, 1225, 1250, 3775]
    losses = [0.3048, 0.1674, 0.1656, 0.0094, 0.0098, 0.0097, 0.008, 0.0085, 0.0081, 0.0062, 0.0063, 0.0052, 0.0002]
    epochs = [0.19, 1.72, 1.91, 8.02, 8.21, 8.4, 8.59, 8.78, 8.97, 9.16, 9.35, 9.54, 28.82]
    good.write_text(json.dumps({"log_history": [{"epoch": e, "loss": v, "step": s}
                                                for e, s, v in zip(epochs, steps, losses)]}))
    out = invoke("compare", bad, good)
    assert out.startswith("compare 2 runs, aligned on step")


def test_a_resumed_run_is_said_to_have_been_resumed(tmp_path):
    # A real run's CSV with its steps 1121-1300 logged twice (a resume from a checkpoint, the later values
    # kept): analyze warned of it, compare beside the uninterrupted log said nothing.
    src = pd.read_csv(Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "const_adam_teacher_csv"
                      / "metrics.csv")
    at = int(src["step"].iloc[len(src) // 2])
    again = src[(src["step"] >= at) & (src["step"] < at + 180)]
    resumed = pd.concat([src[src["step"] < at + 180], again, src[src["step"] >= at + 180]])
    a, b = tmp_path / "whole.csv", tmp_path / "resumed.csv"
    src.to_csv(a, index=False)
    resumed.to_csv(b, index=False)
    notes = curvedoc.compare([a, b]).notes
    assert any(n.startswith(f"resumed: steps go back to {at}: later values kept") for n in notes), notes
    assert not any(n.startswith("whole:") for n in notes)


def test_the_runs_and_what_was_not_compared_are_wrapped_to_the_terminal():
    # At COLUMNS=60 the lines naming each run's path and format, and the "not compared" reasons, ran
    # to 88 columns while the rest of the report wrapped.
    result = CliRunner().invoke(app, ["compare", str(SAMPLES / "deep_linear_staircase"), str(LIGHTNING_SAMPLE)],
                                env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start, end = lines.index("compare 2 runs, aligned on step"), lines.index("not compared:")
    head = lines[start + 1:next(i for i in range(start, end) if lines[i] == "")]
    tail = lines[end + 1:]
    assert tail and max(map(len, head + tail)) <= 60, head + tail
    assert "".join(ln.strip() for ln in head).count("[lightning_csv]") == 1
    # A reason wrapped hangs under its metric's line.
    assert [ln[:4] for ln in tail] == ["  va", "    "]


def test_improvements_under_other_labels_from_across_the_run_are_no_move_shifted(tmp_path):
    # p88 and its twin p91: the same seed and batches, a second task's weight raised 0.02 -> 1 after update 1250 in
    # one. The twin's held-out error of that task falls at 300 (its early learning); the switched run's at 1350.
    # The two were "shifted drop in both": one move, moved by 1,050 of 2,500 steps, under two labels.
    from small_runs import write_task_weight_switch

    twin = write_task_weight_switch(tmp_path / "twin.csv", switched=False)
    switched = write_task_weight_switch(tmp_path / "switched.csv")
    mc = next(m for m in curvedoc.compare([twin, switched]).metrics if m.name == "val_loss_b")
    events = mc.pairs[0].events
    assert not [m for m in events if m.match == "shifted"], [(m.match, m.a_at, m.b_at) for m in events]
    assert [(m.a_at, m.b_at) for m in events] == [(300, None), (None, 1350)]
