"""`watch`, `compare` and `plot` on runs of the labelled corpus (real CPU training runs)."""

import json
from pathlib import Path

from typer.testing import CliRunner

import curvedoc
from curvedoc.cli import app

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"


def truth_of(name: str) -> dict:
    return json.loads((CORPUS / name / "truth.json").read_text())


def invoke(*args) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_watch_replaying_a_real_run_reports_its_lr_decay_once(tmp_path):
    # The per-step CSV of a real run, written out in chunks as training would.
    truth = truth_of("sd_teacher_csv")
    visible = [e for e in truth["events"] if e["visible"]]
    lines = (CORPUS / "sd_teacher_csv" / truth["log"]).read_text().splitlines(keepends=True)
    log = tmp_path / "metrics.csv"
    log.write_text(lines[0])
    body, chunk = lines[1:], 250
    state = {"at": 0}

    def grow(_seconds):
        with log.open("a") as fh:
            fh.writelines(body[state["at"]:state["at"] + chunk])
        state["at"] += chunk

    updates = list(curvedoc.watch(log, interval=0, metrics=[truth["metric"]],
                                  max_updates=len(body) // chunk + 2, sleep=grow))
    decays = [u for u in updates if u.kind == "event" and u.event.label == "lr_decay"]
    span = int(body[-1].split(",")[0]) - int(body[0].split(",")[0])
    for t in visible:
        # Seen on a prefix of the run, the drop is dated where it stood then: after
        # the cut, within the relaxation's reach, with the cut itself as evidence.
        (u,) = [u for u in decays if 0 <= u.step - t["step"] <= 0.1 * span]
        assert any(f"at step {t['step']} (column lr)" in ev for ev in u.evidence), u.evidence
    # Every event is reported once, never again as the log grows.
    keys = [(u.event.step, u.event.kind) for u in updates if u.kind == "event"]
    assert len(keys) == len(set(keys))


def test_compare_two_real_runs_in_different_formats_matches_their_decay():
    # The same recipe logged by a plain CSV (`train_loss`) and by the HF Trainer (`loss`).
    a, b = truth_of("sd_teacher_csv"), truth_of("sd_teacher_hf")
    doc = json.loads(invoke("compare", CORPUS / "sd_teacher_csv" / a["log"], CORPUS / "sd_teacher_hf" / b["log"],
                            "--format", "json"))
    loss = next(m for m in doc["metrics"] if {r["metric"] for r in m["runs"]} == {"train_loss", "loss"})
    at = a["events"][0]["step"]
    both = [e for e in loss["pairs"][0]["events"] if e["match"] == "both" and e["label"] == "lr_decay"]
    assert any(abs(e["a_at"] - at) <= a["events"][0]["tolerance"] and abs(e["b_at"] - at) <= b["events"][0]["tolerance"]
               for e in both), loss["pairs"][0]["events"]


def test_plot_marks_the_corpus_events_where_the_truth_has_them():
    truth = truth_of("bs_teacher_tb")
    out = invoke("plot", CORPUS / "bs_teacher_tb" / truth["log"], "--metric", truth["metric"],
                 "--width", "100", "--height", "24")
    marked = [line for line in out.splitlines() if "batch_size_increase" in line and "step" in line]
    assert len(marked) == len(truth["events"])
    for t, line in zip(truth["events"], marked):
        step = int(line.split("step")[1].split()[0])
        assert abs(step - t["step"]) <= t["tolerance"], line


def test_prefixes_of_a_real_run_show_only_its_decay():
    # What watch sees as a noisy per-step log grows: no prefix gives an event but
    # the LR-decay drop (epoch-to-epoch wobbles and lucky dips, and rises back out
    # of them, are no transitions at any length).
    from curvedoc.detect import analyze_series

    truth = truth_of("sd_teacher_csv")
    at = truth["events"][0]["step"]
    (run,) = curvedoc.read(CORPUS / "sd_teacher_csv" / truth["log"])
    s = run.series(truth["metric"]).dropna()
    steps, values = s.index.to_numpy(), s.to_numpy()
    for k in range(250, len(values) + 1, 250):
        events = analyze_series(steps[:k], values[:k], truth["metric"]).events
        assert all(e.kind == "drop" and at <= e.step <= at + 0.1 * steps[-1] for e in events), (k, events)


def test_a_log_kept_per_epoch_is_read_out_in_epochs():
    # A Keras CSVLogger log counts epochs: the evidence and the stage table say "epoch", not "step".
    sample = Path(__file__).resolve().parents[1] / "sample_logs" / "keras_reduce_lr"
    result = CliRunner().invoke(app, ["analyze", str(sample)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "lr 0.1 -> 0.02 (x0.2) at epoch 10 (column lr), 0 epochs before the drop" in result.output
    assert "over 1 epoch, " in result.output and "same epoch in" in result.output
    assert "stage  epochs" in result.output
    assert " step" not in result.output, result.output
