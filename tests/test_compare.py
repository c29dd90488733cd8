"""`curvedoc compare` and `curvedoc.compare`: the table's numbers, matched events, where runs part."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

import curvedoc
from curvedoc.cli import app
from curvedoc.errors import CurvedocError
from realdata import REAL_LOGS, column_pairs, wrn

WRN = REAL_LOGS / "wrn_cifar10_wrn40-4" / "log.txt"
PREACT = REAL_LOGS / "wrn_cifar10_preact-resnet" / "log.txt"
ADAMW = REAL_LOGS / "grokking_modadd_adamw" / "addition_depth_1_adamw_seed_0.csv"
MUON = REAL_LOGS / "grokking_modadd_muon" / "addition_depth_1_muon_seed_0.csv"
YOLO_DIVERGED = REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv"
YOLO_OK = REAL_LOGS / "lightning_yolov3_onecycle_v4" / "metrics.csv"


def invoke(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def compare_json(*args) -> dict:
    return json.loads(invoke("compare", *args, "--format", "json"))


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
    # The LR decays at epochs 60 and 120 in both; the third (160) shows as a drop only in the pre-act net.
    events = loss["pairs"][0]["events"]
    both = [(e["a_at"], e["b_at"]) for e in events if e["match"] == "both" and e["label"] == "lr_decay"]
    assert both == [(60, 60), (121, 121)]
    only = [e for e in events if e["match"] == "only"]
    assert [(e["label"], e["b_at"]) for e in only] == [("lr_decay", 161)]
    # Both runs share the LR: the schedule does not explain where they part.
    assert loss["pairs"][0]["parting"]["schedule"] == ["lr: 0.1 in both"]
    acc = metric(doc, "test_acc")
    assert acc["runs"][0]["final"] == pytest.approx(wrn("wrn_cifar10_wrn40-4")["test_acc"][-1])
    assert len(acc["stages"]) == 3


def test_text_table_shows_the_numbers():
    out = invoke("compare", WRN, PREACT, "--metric", "test_acc")
    assert "94.89 at 200" in out and "94.25 at 200" in out  # final test accuracy, from the logs
    assert "95.08 at 185" in out  # WRN-40-4's best
    assert "lr_decay (rise) in both: epoch 60" in out
    assert "the runs part at epoch" in out


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
    with pytest.raises(CurvedocError, match="share no metric"):
        curvedoc.compare([WRN, YOLO_OK])


def test_markdown_and_plot():
    md = invoke("compare", WRN, PREACT, "--format", "md", "--metric", "loss")
    assert "| final | 0.001649 at 200 | 0.002812 at 200 |" in md
    assert "| stage |" in md
    out = invoke("compare", WRN, PREACT, "--metric", "loss", "--plot")
    assert "▀ wrn_cifar10_wrn40-4" in out and "⠒ wrn_cifar10_preact-resnet" in out
    assert "1 parting" in out
    result = CliRunner().invoke(app, ["compare", str(WRN), str(PREACT), "--format", "json", "--plot"])
    assert isinstance(result.exception, CurvedocError)
