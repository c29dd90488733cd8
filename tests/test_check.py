"""`curvedoc check` on real logs that pass and fail each rule; configuration found, validated, overridden."""

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from curvedoc.check import github_escape
from curvedoc.errors import CurvedocError
from realdata import REAL_LOGS

YOLO_DIVERGED = REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv"
WRN = REAL_LOGS / "wrn_cifar10_wrn40-4" / "log.txt"
PREACT = REAL_LOGS / "wrn_cifar10_preact-resnet" / "log.txt"
KOLO = REAL_LOGS / "tb_csv_kolo7_cifar10" / "run-.-tag-epoch_loss.csv"
BRATS = REAL_LOGS / "keras_csvlogger_brats2020" / "training.log"
CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"


def check(*args, cwd=None):
    res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", *map(str, args)], capture_output=True,
                         text=True, cwd=cwd, timeout=300)
    assert "Traceback" not in res.stderr
    return res


def in_dir(tmp_path, *logs, config=None, name=".curvedoc.toml"):
    """Copy logs into a scratch project, with a config file at its root."""
    run = tmp_path / "runs"
    run.mkdir()
    copies = []
    for log in logs:
        dest = run / log.parent.name
        dest.mkdir()
        copies.append(Path(shutil.copy(log, dest / log.name)))
    if config is not None:
        (tmp_path / name).write_text(config)
    return copies


def test_defaults_block_divergence_and_instability():
    res = check(YOLO_DIVERGED)
    assert res.returncode == 1
    lines = res.stdout.splitlines()
    assert any("train_loss: step 4249: divergence" in ln and "(rule: no-divergence)" in ln for ln in lines)
    assert any("step 599: instability" in ln and "(rule: no-instability)" in ln for ln in lines)
    assert lines[-1].startswith("curvedoc check: 4 findings")


def test_clean_step_decay_run_passes_defaults():
    res = check(WRN, PREACT)
    assert res.returncode == 0, res.stdout
    assert "all rules pass" in res.stdout


def test_instability_after_warmup_only(tmp_path):
    (log,) = in_dir(tmp_path, YOLO_DIVERGED, config="[rules.no-instability]\nafter-step = 3000\n")
    res = check(log)
    assert res.returncode == 1
    assert "no-instability" not in res.stdout and "no-divergence" in res.stdout


def test_lr_decay_effective_catches_the_decays_that_did_nothing(tmp_path):
    # ×0.2 decays at 1561, 3121, 4681; the truth (from the LR set in training and a
    # before/after test on the written loss) says only the first one shows.
    folder = CORPUS / "sd_teacher_mlflow_g02"
    truth = json.loads((folder / "truth.json").read_text())
    visible = [e["step"] for e in truth["events"] if e["visible"]]
    hidden = [e["step"] for e in truth["events"] if not e["visible"]]
    assert len(visible) == 1 and len(hidden) == 2
    res = check(folder / truth["log"], "--select", "lr-decay-effective")
    assert res.returncode == 1
    flagged = [int(m) for m in re.findall(r"step (\d+): lr [0-9.e-]+ -> [0-9.e-]+ was followed by no drop found", res.stdout)]
    assert len(flagged) == 2
    assert all(any(abs(f - h) <= 10 for f in flagged) for h in hidden), (flagged, hidden)
    # Wide ResNets: every ×0.2 decay moves the training loss (the third by ~45%,
    # 0.0039 -> 0.0019 within seven epochs), so the rule passes.
    for log in (WRN, PREACT):
        res = check(log, "--select", "lr-decay-effective")
        assert res.returncode == 0, res.stdout


def test_long_plateau_and_its_fraction(tmp_path):
    (kolo,) = in_dir(tmp_path, KOLO, config="[rules.no-long-plateau]\nmax-fraction = 0.2\n")
    res = check(kolo)
    assert res.returncode == 1 and "flat for" in res.stdout and "epoch_loss" in res.stdout
    (tmp_path / ".curvedoc.toml").write_text("[rules.no-long-plateau]\nmax-fraction = 0.9\n")
    assert check(kolo).returncode == 0


def test_final_metric_and_required_metrics(tmp_path):
    (brats,) = in_dir(tmp_path, BRATS, config='[rules.final-metric]\nthresholds = ["val_loss <= 0.05"]\n'
                                              '[rules.required-metrics]\nmetrics = ["val_loss", "val_dice_coef"]\n')
    assert check(brats).returncode == 0
    (tmp_path / ".curvedoc.toml").write_text('[rules.final-metric]\nthresholds = ["val_loss <= 0.01", '
                                             '"val_accuracy >= 0.5"]\n[rules.required-metrics]\nmetrics = ["val_f1"]\n')
    res = check(brats)
    assert res.returncode == 1
    assert "final val_loss = 0.0" in res.stdout and "wanted <= 0.01" in res.stdout
    assert "val_accuracy" not in res.stdout.split("curvedoc check")[0].replace("val_loss", "")
    assert "required metric 'val_f1' is not in the log" in res.stdout
    # A name that differs from the log's only by case says so (names are case-sensitive).
    (tmp_path / ".curvedoc.toml").write_text('[rules.required-metrics]\nmetrics = ["Val_Loss"]\n')
    assert "required metric 'Val_Loss' is not in the log (the log has 'val_loss': names are case-sensitive)" \
        in check(brats).stdout


def test_pyproject_discovery_nearest_wins_and_path_overrides(tmp_path):
    (log,) = in_dir(tmp_path, YOLO_DIVERGED, name="pyproject.toml",
                    config='[project]\nname = "x"\n[tool.curvedoc.rules.no-divergence]\nenabled = false\n'
                           '[[tool.curvedoc.overrides]]\npaths = ["runs/*"]\n'
                           'rules.no-instability = { enabled = false }\n')
    assert check(log).returncode == 0
    # A nearer .curvedoc.toml takes over.
    (log.parent / ".curvedoc.toml").write_text("[rules.no-instability]\nafter-step = 0\n")
    res = check(log)
    assert res.returncode == 1 and "no-divergence" in res.stdout


def test_an_override_judges_a_folder_as_the_log_it_is_read_from_and_turns_on_what_it_configures(tmp_path):
    # The gate gave runs/exp/training.log and runs/exp opposite verdicts (the pattern matched the
    # file, not the folder that holds it); and a rule configured only in an override stayed off,
    # where the same table at the top level turns it on: both passed a run that breaks the threshold.
    (log,) = in_dir(tmp_path, BRATS, config='[[overrides]]\npaths = ["runs/keras_csvlogger_brats2020/*"]\n'
                                             'rules.final-metric = { thresholds = ["val_loss <= 0.01"] }\n')
    for given in (log, log.parent, Path("runs") / log.parent.name):
        res = check(given, cwd=tmp_path)
        assert res.returncode == 1 and "wanted <= 0.01 (rule: final-metric)" in res.stdout, (given, res.stdout)
    # Turned off for that folder: off for the folder given too.
    (tmp_path / ".curvedoc.toml").write_text('[rules.final-metric]\nthresholds = ["val_loss <= 0.01"]\n'
                                             '[[overrides]]\npaths = ["runs/keras_csvlogger_brats2020/*"]\n'
                                             'rules.final-metric = { enabled = false }\n')
    assert check(log.parent).returncode == 0 and check(log).returncode == 0


def test_an_override_naming_the_log_bare_holds_when_its_own_folder_is_given(tmp_path):
    # The configuration beside the log, the pattern its bare name: `check DIR` read the folder's files
    # as "./training.log", which the pattern missed, and passed a run `check DIR/training.log` fails.
    shutil.copy(BRATS, tmp_path / "training.log")
    (tmp_path / ".curvedoc.toml").write_text('[[overrides]]\npaths = ["training.log"]\n'
                                             'rules.final-metric = { thresholds = ["val_loss <= 0.01"] }\n')
    for given, cwd in ((tmp_path, None), (tmp_path / "training.log", None), (Path("."), tmp_path)):
        res = check(given, cwd=cwd)
        assert res.returncode == 1 and "wanted <= 0.01 (rule: final-metric)" in res.stdout, (given, res.stdout)


@pytest.mark.parametrize("config,key", [
    ("[rules.no-such-rule]\n", "no-such-rule"),
    ("[rules.no-instability]\nafter-step = \"soon\"\n", "after-step"),
    ("[rules.no-long-plateau]\nmax-days = 3\n", "max-days"),
    ("[colour]\n", "colour"),
    ("[rules\n", "invalid TOML"),
    ('[rules.final-metric]\nthresholds = ["loss <= nan"]\n', "'loss <= nan' compares with NaN"),
    ('[rules.final-metric]\nthresholds = ["loss < 2", "loss =< 3"]\n', "'loss =< 3' is not like"),
    # Patterns that match no log: accepted, the override did nothing without a word.
    ('[[overrides]]\npaths = ["/"]\nrules.no-divergence = { enabled = false }\n', "'/' matches no log"),
    ('[[overrides]]\npaths = ["runs/*", ""]\nrules.no-divergence = { enabled = false }\n', "'' matches no log"),
    ('[[overrides]]\npaths = ["./"]\nrules.no-divergence = { enabled = false }\n', "'./' matches no log"),
])
def test_bad_config_exits_2_naming_the_key(tmp_path, config, key):
    (log,) = in_dir(tmp_path, WRN, config=config)
    res = check(log)
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and key in res.stderr


def test_a_configuration_turning_every_rule_off_judges_nothing_and_says_so(tmp_path):
    # Every rule disabled in .curvedoc.toml: "all rules pass", exit 0, on a diverged run.
    (log,) = in_dir(tmp_path, YOLO_DIVERGED, config="[rules.no-divergence]\nenabled = false\n"
                                                    "[rules.no-instability]\nenabled = false\n")
    res = check(log)
    assert res.returncode == 0 and "all rules pass" not in res.stdout
    assert res.stdout.splitlines()[-1] == ("curvedoc check: 1 log(s), 1 run(s): every rule is turned off for them, "
                                           "nothing judged")
    assert f"note: {log}: every rule is turned off here" in res.stdout
    doc = json.loads(check(log, "--format", "json").stdout)
    assert doc["ruleless"] == [str(log)] and doc["findings"] == []


def test_a_held_out_loss_nan_at_every_evaluation_fails_and_a_nan_placeholder_score_does_not(tmp_path):
    # An fp16 evaluation overflowing every time it ran: eval_loss NaN at all its points was skipped as
    # "non-finite before the first finite value", and the run passed with nothing said.
    state = json.loads((Path(__file__).resolve().parents[1] / "sample_logs" / "saturated_sigmoid_hf"
                        / "trainer_state.json").read_text())
    evals = [e for e in state["log_history"] if "eval_loss" in e]
    for e in evals:
        e["eval_loss"] = float("nan")
    (tmp_path / "trainer_state.json").write_text(json.dumps(state))
    res = check(tmp_path / "trainer_state.json", "--select", "no-divergence")
    assert res.returncode == 1 and res.stdout.splitlines()[0].endswith(
        f"eval_loss: step {evals[0]['step']}: never finite — NaN at all {len(evals)} logged points "
        "(rule: no-divergence)"), res.stdout
    # A score logged as nan throughout (an accuracy a regression run leaves empty) is no divergence.
    for e in evals:
        e["eval_loss"] = 0.5
        e["eval_accuracy"] = float("nan")
    (tmp_path / "trainer_state.json").write_text(json.dumps(state))
    assert check(tmp_path / "trainer_state.json", "--select", "no-divergence").returncode == 0


def test_select_ignore_and_unknown_rule():
    assert check(YOLO_DIVERGED, "--ignore", "no-instability").returncode == 1
    # Every rule that is on, ignored: nothing would judge the diverged run, which passed (exit 0).
    res = check(YOLO_DIVERGED, "--ignore", "no-instability,no-divergence")
    assert res.returncode == 2 and res.stderr.splitlines() == [
        f"curvedoc: error: {YOLO_DIVERGED}: --ignore takes out every rule turned on for this log (no-divergence, "
        "no-instability): no rule to check"]
    res = check(YOLO_DIVERGED, "--select", "no-divergence")
    assert res.returncode == 1 and "no-instability" not in res.stdout
    res = check(YOLO_DIVERGED, "--select", "no-nonsense")
    assert res.returncode == 2 and "no-nonsense" in res.stderr
    # Selected and ignored at once: no rule ran, and the diverged run passed.
    res = check(YOLO_DIVERGED, "--select", "no-divergence", "--ignore", "no-divergence,no-instability")
    assert res.returncode == 2 and res.stderr.splitlines() == [
        "curvedoc: error: --ignore takes out every rule --select names (no-divergence): no rule to check"]
    # A rule turned on with nothing to judge by (no thresholds, no metrics named) would pass the
    # diverged run unread.
    for rule, option in (("final-metric", "thresholds"), ("required-metrics", "metrics")):
        res = check(YOLO_DIVERGED, "--select", rule)
        assert res.returncode == 2 and len(res.stderr.splitlines()) == 1
        assert f"{rule} has no {option} to check" in res.stderr


def test_a_configuration_that_is_no_regular_file_or_too_large_is_refused_unread(tmp_path):
    # `--config /dev/zero` was read into memory until the kernel killed it; a FIFO hung.
    import os

    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    big = tmp_path / "big.toml"
    big.write_text("# padding\n" * 200_000)
    for config, message in ((fifo, "not a regular file: a configuration is a TOML file"),
                            ("/dev/zero", "not a regular file: a configuration is a TOML file"),
                            (big, "2,000,000 bytes: too large for a configuration (at most 1,048,576)")):
        res = check(YOLO_DIVERGED, "--config", config)
        assert res.returncode == 2 and res.stderr.splitlines() == [f"curvedoc: error: {config}: {message}"]
    # The null device is the usual way to say "no configuration": the defaults, which fail this log.
    res = check(YOLO_DIVERGED, "--config", "/dev/null")
    assert res.returncode == 1 and res.stderr == "" and "no-divergence" in res.stdout


def test_a_found_configuration_with_no_file_to_open_is_refused_not_passed_over(tmp_path):
    # A config linked from a shared place missing in a CI checkout was passed over: the gate then ran
    # on a parent folder's rules (here, the failing rules switched off) or on the defaults.
    import os

    (log,) = in_dir(tmp_path, YOLO_DIVERGED, config="[rules.no-divergence]\nenabled = false\n"
                                                   "[rules.no-instability]\nenabled = false\n")
    assert check(log).returncode == 0
    cases = [(lambda p: p.symlink_to("../shared/curvedoc.toml"),
              "a symbolic link to ../shared/curvedoc.toml, which is not there"),
             (lambda p: p.symlink_to(p.name), "cannot read: Too many levels of symbolic links"),
             (os.mkfifo, "not a regular file: a configuration is a TOML file")]
    for name in (".curvedoc.toml", "pyproject.toml"):
        for make, message in cases:
            make(log.parent / name)
            res = check(log)
            assert res.returncode == 2 and res.stderr.splitlines() == [
                f"curvedoc: error: {log.parent / name}: {message}"]
            (log.parent / name).unlink()


def test_json_and_github_formats(tmp_path):
    res = check(YOLO_DIVERGED, "--format", "json")
    data = json.loads(res.stdout)
    assert res.returncode == 1 and not data["passed"]
    assert {f["rule"] for f in data["findings"]} == {"no-divergence", "no-instability"}
    res = check(YOLO_DIVERGED, "--format", "github")
    assert all(ln.startswith("::error file=") for ln in res.stdout.splitlines())
    # Names from the log cannot break out of the workflow command.
    log = tmp_path / "hostile.csv"
    rows = "\n".join(f"{i},{1.0 / (i + 1) if i < 40 else 'nan'}" for i in range(60))
    log.write_text('step,"loss::x\nnext"\n' + rows + "\n")  # a name quoted over two lines reads with a space
    out = check(log, "--format", "github").stdout
    assert out.count("\n") == 1 and "loss%3A%3Ax next" in out and "::error" in out


def test_github_escape_rules():
    assert github_escape("50%\r\n") == "50%25%0D%0A"
    assert github_escape("a:b,c", prop=True) == "a%3Ab%2Cc"
    # A metric named with a terminal's escape sequence reaches the runner's log as text, not raw.
    assert github_escape("loss\x1b]0;pwned\x07", prop=True) == "loss\\x1b]0;pwned\\x07"


def test_unreadable_log_exits_2(tmp_path):
    bad = tmp_path / "log.csv"
    bad.write_text("")
    res = check(bad)
    assert res.returncode == 2 and "empty" in res.stderr


def test_no_unexplained_fails_a_run_with_an_unexplained_drop_and_passes_a_clean_one(tmp_path):
    # A deep linear net in warmup (second set): its mode at step 286 is learned with no plateau
    # the log shows before it, so no rule explains the drop.
    log = Path(__file__).resolve().parents[1] / "benchmarks" / "holdout" / "ho_diverge_warmup_dln_csv" / "metrics.csv"
    res = check(log, "--select", "no-unexplained")
    assert res.returncode == 1 and "unexplained drop" in res.stdout and "(rule: no-unexplained)" in res.stdout
    assert check(WRN, "--select", "no-unexplained").returncode == 0


def runaway_line(path: Path, steps, loss) -> str:
    """The one runaway finding of `check --select no-divergence` on a step,loss CSV written at path."""
    path.write_text("step,loss\n" + "".join(f"{s},{v:.6g}\n" for s, v in zip(steps, loss)))
    res = check(path, "--select", "no-divergence")
    assert res.returncode == 1
    [line] = [ln for ln in res.stdout.splitlines() if "runaway growth" in ln]
    return line


def test_runaway_growth_reads_levels_not_the_luckiest_minibatch(tmp_path):
    # A per-step diffusion loss spans two decades from batch to batch (0.004-0.4 in the real W&B
    # export); the demo's per-step CNN loss reaches 3e-4 on single batches. Their last points
    # were 17x and 30x their single best batch, and failed no-divergence. Levels (medians of a
    # twentieth of the points) do not run away in either.
    diffusion = REAL_LOGS / "wandb_panel_mia_sd" / "dtu-400-target-loss.csv"
    demo = Path(__file__).resolve().parents[1] / "sample_logs" / "cnn_step_decay_tb"
    for log in (diffusion, demo):
        res = check(log, "--select", "no-divergence")
        assert res.returncode == 0 and "all rules pass" in res.stdout, res.stdout
    # A loss that falls to 0.1 and then climbs to 2 (20x its level, past the default 10x) fails.
    import numpy as np

    rng = np.random.default_rng(0)
    steps = np.arange(1, 2001)
    level = np.where(steps < 1000, 2.0 * (steps / 20 + 1) ** -0.8, 0.1 * 20 ** ((steps - 1000) / 1000))
    loss = level * np.exp(0.3 * rng.standard_normal(len(steps)))
    line = runaway_line(tmp_path / "climb.csv", steps, loss)
    ratio = float(re.search(r", ([\d.]+)x its best level", line).group(1))
    assert 12 < ratio < 30


def test_instability_verdicts_under_the_confidence_floor_do_not_fail_the_run(tmp_path):
    # A small run with 20% label noise (tests/small_runs.py): its held-out accuracy settles 3
    # points lower while training improves, instability at 0.5. An fp16 run whose loss overflows
    # to inf/nan for a few steps, with its loss scale halving: instability at 0.5. Neither fails
    # the default gate; a floor of 0 reports both.
    from small_runs import ADAM_KERAS_NOISY_LABELS, write_csv, write_fp16_overflow_run

    project = tmp_path / "runs"
    project.mkdir()
    keras = write_csv(project / "training.log", ADAM_KERAS_NOISY_LABELS)
    amp = write_fp16_overflow_run(project / "metrics.csv")
    for log in (keras, amp):
        assert check(log).returncode == 0, check(log).stdout
    (tmp_path / ".curvedoc.toml").write_text("[rules.no-instability]\nmin-confidence = 0\n")
    for log in (keras, amp):
        res = check(log)
        assert res.returncode == 1 and "(rule: no-instability)" in res.stdout
    assert "loss scale (loss_scale)" in check(amp, "--format", "json").stdout


def test_a_diverged_loss_fails_once_with_the_lr_climb_that_led_there():
    # The sample Lightning run warms its LR up linearly towards 8 until its losses overflow.
    # Each loss is one divergence finding: its climb to 1e14 before the inf is the same failure,
    # not a second "runaway growth" one. The LR story spans the loss's growth (0.91 -> 4.01 from
    # step 682), not its last few steps, where a linear warmup moves a few percent. The held-out
    # accuracy's collapse to 0.008 is its own finding: an LR climb that wrecked the net excuses no fall.
    log = Path(__file__).resolve().parents[1] / "sample_logs" / "unstable_lightning"
    res = check(log, "--select", "no-divergence")
    assert res.returncode == 1
    lines = [ln for ln in res.stdout.splitlines() if "(rule: no-divergence)" in ln]
    assert [(ln.split(": ")[1], ln.split(": ")[3].split(" — ")[0]) for ln in lines] == \
        [("train_loss", "divergence"), ("val_loss", "divergence"), ("val_acc", "collapse")], res.stdout
    assert "runaway" not in res.stdout
    (train,) = [ln for ln in lines if ": train_loss:" in ln]
    assert re.search(r"lr rising: 0\.9\d* -> 4\.01 over the last 2323 steps", train), train


def _exported_history(path, blows_up: bool):
    """A W&B history exported with pandas' to_csv: every row has _step and the LR, the loss its
    value or, where none was finite, an empty cell (NaN is written as nothing). The loss either
    blows up after the LR is raised at step 501, or stops being logged at step 600 as it was."""
    rng = np.random.default_rng(5)
    rows = ["train/lr,_step,train/loss,val/acc"]
    for step in range(1, 801):
        lr = 0.05 if step <= 500 or not blows_up else 5000.0
        loss = (0.8 + 1.5 * np.exp(-step / 80)) * np.exp(0.1 * rng.standard_normal())
        if blows_up and step > 501:
            loss = [5.0e10, 3.8e28][step - 502] if step <= 503 else None
        elif not blows_up and step > 600:
            loss = None
        acc = f"{0.98 if step <= 500 or not blows_up else 0.09:.4g}" if step % 50 == 0 else ""
        rows.append(f"{lr:g},{step},{'' if loss is None else f'{loss:.6g}'},{acc}")
    path.write_text("\n".join(rows) + "\n")
    return path


def test_a_loss_exported_as_empty_cells_after_it_blew_up_is_a_divergence(tmp_path):
    # The loss reaches 3.8e28 at step 503 and has no value after, while the LR and the held-out
    # accuracy go on to step 800: the NaNs became empty cells. It diverged, and check says so (it
    # passed: the climb read as the end of a "constant warmup").
    from curvedoc.analysis import analyze

    blown = _exported_history(tmp_path / "history.csv", True)
    res = check(blown)
    assert res.returncode == 1 and "train/loss: step 50" in res.stdout and "divergence" in res.stdout, res.stdout
    (ra,) = analyze(blown)
    assert any("train/loss stops at step 503 after growing to 3.8e+28" in w and "read as non-finite from step 504" in w
               for w in ra.run.warnings), ra.run.warnings
    # A loss that stops being logged at an ordinary value (training ended, evaluation went on) is no divergence.
    calm = _exported_history(tmp_path / "calm.csv", False)
    assert check(calm, "--select", "no-divergence").returncode == 0
    (ra,) = analyze(calm)
    assert not any("stops at step" in w for w in ra.run.warnings)


def test_a_log_with_too_few_points_to_judge_passes_and_says_so(tmp_path):
    # A fine-tune logged three times: nothing any rule can judge, and the gate said only "all rules pass".
    # (Every row at one step read as one point once; such a column is now no step, its rows numbered.)
    stuck = tmp_path / "stuck.csv"
    stuck.write_text("step,loss\n" + "".join(f"{i + 1},{2.0 / (1 + i) ** 0.5:.5f}\n" for i in range(3)))
    res = check(stuck, BRATS)
    assert res.returncode == 0, res.stdout
    assert res.stdout.strip().endswith(f"all rules pass; 1 of them with too few points to judge: {stuck}")
    res = check("--format", "json", stuck, BRATS)
    assert json.loads(res.stdout)["unjudged"] == [str(stuck)]
    res = check("--format", "json", BRATS)
    assert json.loads(res.stdout)["unjudged"] == [] and "too few" not in check(BRATS).stdout
    # GitHub's annotations say it too: a green gate over a run nothing judged was silent there.
    res = check("--format", "github", stuck, BRATS)
    assert res.returncode == 0 and res.stdout.strip() == f"::notice title=curvedoc::{stuck}: too few points to judge"


def test_a_run_failing_one_rule_again_and_again_lists_the_first_few_and_counts_the_rest(tmp_path):
    # A run that spikes every couple of hundred steps fails no-instability dozens of times; a page
    # of near-identical lines buries the summary, so the text shows five and counts the rest.
    from test_detect_synthetic import _recurring_spikes

    steps, loss, _, _ = _recurring_spikes(20_000, seed=0)
    log = tmp_path / "metrics.csv"
    log.write_text("step,loss,lr\n" + "".join(f"{s},{v:.6g},0.002\n" for s, v in zip(steps, loss)))
    res = check(log)
    assert res.returncode == 1
    lines = res.stdout.strip().splitlines()
    listed = [ln for ln in lines if ln.endswith("(rule: no-instability)")]
    n = len(json.loads(check(log, "--format", "json").stdout)["findings"])
    assert len(listed) == 5 and n > 20
    more = re.search(r"loss: (\d+) more no-instability findings, steps (\d+) to (\d+)", lines[-2])
    assert more and int(more[1]) == n - 5 and int(more[2]) < int(more[3])
    assert lines[-1] == f"curvedoc check: {n} findings in 1 log(s) (no-instability)"


def test_a_gate_passing_a_log_it_read_only_part_of_says_so(tmp_path):
    # A resumed run whose logger counted from 1 again: the later rows replace the earlier ones at
    # their steps, and the earlier run's points past them are left out (3/4 of the log here).
    # `check` passed on the rest in silence.
    rng = np.random.default_rng(0)
    first = [(s, 2.3 * np.exp(-s / 600) * np.exp(0.1 * rng.standard_normal())) for s in range(1, 2501)]
    again = [(s, 0.87 * np.exp(-s / 900) * np.exp(0.1 * rng.standard_normal())) for s in range(1, 1001)]
    log = tmp_path / "log.csv"
    log.write_text("step,train_loss\n" + "".join(f"{s},{v:.5f}\n" for s, v in first + again))
    res = check(log)
    assert res.returncode == 0
    note = (f"note: {log}: steps go back to 1: later values kept, 1000 points replaced and 1500 dropped that no "
            "later row logs again; judged on the rest")
    assert res.stdout.splitlines()[-2:] == [note, "curvedoc check: 1 log(s), 1 run(s): all rules pass"]
    doc = json.loads(check(log, "--format", "json").stdout)
    assert doc["passed"] is True and doc["notes"] == [note.removeprefix("note: ")]
    assert check(log, "--format", "github").stdout.startswith("::warning title=curvedoc::")


@pytest.mark.parametrize("pattern", ["sub/*", "./sub/*", "sub/", "./sub/", "**/metrics.csv", "sub/**"])
def test_override_patterns_written_as_ruff_and_gitignore_take_them(tmp_path, monkeypatch, pattern):
    # `./sub/*`, `sub/` and a `**/name` for a log at the top matched nothing, without a word: the
    # stricter rule was never applied and the gate passed.
    from curvedoc.config import load_config

    (tmp_path / "sub").mkdir()
    config = tmp_path / ".curvedoc.toml"
    config.write_text(f'[[overrides]]\npaths = ["{pattern}"]\nrules.no-instability = {{ enabled = false }}\n')
    cfg = load_config(config)
    monkeypatch.chdir(tmp_path)  # the logs named as a user in that folder names them
    top, below = Path("metrics.csv"), Path("sub") / "metrics.csv"
    assert cfg.for_path(below)["no-instability"]["enabled"] is False
    assert cfg.for_path(top)["no-instability"]["enabled"] is (pattern != "**/metrics.csv")


def test_override_patterns_match_the_log_relative_to_the_configuration_wherever_check_runs(tmp_path, monkeypatch):
    # "exp/*" in the project's configuration exempted runs/exp/metrics.csv when check ran from runs/
    # (the pattern matched the name as typed there): the same gate passed or failed by the folder it ran
    # from. An absolute pattern held only for a log named by its absolute path.
    from curvedoc.config import load_config

    (tmp_path / "runs" / "exp").mkdir(parents=True)
    config = tmp_path / ".curvedoc.toml"
    for pattern, exempt in (("exp/*", False), ("runs/exp/*", True), (f"{tmp_path}/runs/exp/*", True)):
        config.write_text(f'[[overrides]]\npaths = ["{pattern}"]\nrules.no-instability = {{ enabled = false }}\n')
        cfg = load_config(config)
        for where, log in ((tmp_path, Path("runs/exp/metrics.csv")), (tmp_path / "runs", Path("exp/metrics.csv")),
                           (tmp_path / "runs" / "exp", Path("metrics.csv")),
                           (tmp_path, tmp_path / "runs" / "exp" / "metrics.csv")):
            monkeypatch.chdir(where)
            assert cfg.for_path(log)["no-instability"]["enabled"] is not exempt, (pattern, where, log)


def test_a_threshold_bound_may_be_an_infinity_of_either_sign():
    # "loss >= -inf" (a bound that only asks the final value be logged and not NaN) was refused
    # as "not like 'val_loss <= 0.4'", while "inf" was taken.
    from curvedoc.check import parse_threshold

    assert parse_threshold("val_loss >= -inf") == ("val_loss", ">=", -math.inf)
    assert parse_threshold("val_loss <= +Infinity") == ("val_loss", "<=", math.inf)
    with pytest.raises(CurvedocError, match="compares with NaN"):
        parse_threshold("val_loss <= -nan")


def test_a_folder_of_runs_says_which_plain_logs_beside_a_trainer_run_it_did_not_judge(tmp_path):
    # runs/ holding a Trainer's output folder beside folders of plain CSVs (one of them diverged):
    # read as the project folder of that one run, the gate passed with no word of the others.
    runs = tmp_path / "runs"
    (runs / "good").mkdir(parents=True)
    state = {"global_step": 300, "log_history": [{"step": s, "loss": 2.0 / (1 + s / 100), "learning_rate": 1e-3}
                                                 for s in range(10, 301, 10)]}
    (runs / "good" / "trainer_state.json").write_text(json.dumps(state))
    for log in (YOLO_DIVERGED, BRATS):
        (runs / log.parent.name).mkdir()
        shutil.copy(log, runs / log.parent.name / log.name)
    res = check(runs)
    assert res.returncode == 0
    assert ("keras_csvlogger_brats2020, lightning_yolov3_diverged_v0 not read: folders beside the logger folders "
            "holding plain logs") in res.stdout
    # Passed by name, they are judged.
    assert check(runs / "lightning_yolov3_diverged_v0").returncode == 1


def test_a_log_that_cannot_be_read_among_several_does_not_hide_the_others_findings(tmp_path):
    # `check runs/*.csv` with a run just started (its file still empty) beside a diverged one: only
    # the empty file's error was printed, exit 2, and the divergence went unreported in every format.
    shutil.copy(YOLO_DIVERGED, tmp_path / "diverged.csv")
    shutil.copy(BRATS, tmp_path / "healthy.csv")
    (tmp_path / "started.csv").write_text("")
    logs = [tmp_path / name for name in ("diverged.csv", "healthy.csv", "started.csv")]
    res = check(*logs)
    assert res.returncode == 2
    assert "diverged.csv: train_loss: step" in res.stdout and "divergence" in res.stdout
    assert res.stdout.rstrip().endswith("1 of the logs could not be read")
    assert res.stderr.strip().splitlines() == [f"curvedoc: error: {logs[2]}: the file is empty"]
    doc = json.loads(check(*logs, "--format", "json").stdout)
    assert doc["passed"] is False and doc["errors"] == [f"{logs[2]}: the file is empty"]
    assert {f["rule"] for f in doc["findings"]} >= {"no-divergence"}
    github = check(*logs, "--format", "github").stdout
    assert f"::error title=curvedoc::{logs[2]}: the file is empty" in github and "::error file=" in github
    # Alone, it is the one line it always was; a CI job reading JSON or annotations (a pre-commit
    # hook on the one log changed) got no document and no annotation.
    alone = check(logs[2])
    assert alone.returncode == 2 and alone.stdout == "" and len(alone.stderr.strip().splitlines()) == 1
    alone = check(logs[2], "--format", "json")
    assert alone.returncode == 2 and json.loads(alone.stdout)["errors"] == [f"{logs[2]}: the file is empty"]
    alone = check(logs[2], "--format", "github")
    assert alone.returncode == 2 and alone.stdout.strip() == f"::error title=curvedoc::{logs[2]}: the file is empty"


def test_an_empty_select_is_no_rule_to_check(tmp_path):
    # `--select "$RULES"` with the variable unset ran no rule and passed a diverged run.
    shutil.copy(YOLO_DIVERGED, tmp_path / "diverged.csv")
    for empty in ("", " ", ","):
        res = check(tmp_path / "diverged.csv", "--select", empty)
        assert res.returncode == 2 and res.stderr.strip() == "curvedoc: error: --select names no rule: no rule to check"


def test_select_leaves_a_paths_own_exemption_in_place(tmp_path):
    # An override switching no-instability off for exploratory runs, then `--select no-instability`:
    # the rule ran on them all the same and failed the gate (ruff's --select keeps per-file ignores).
    (log,) = in_dir(tmp_path, YOLO_DIVERGED, config='[[overrides]]\npaths = ["runs/lightning_yolov3_diverged_v0/*"]\n'
                                                     'rules.no-instability = { enabled = false }\n')
    res = check(log, "--select", "no-instability", cwd=tmp_path)
    assert res.returncode == 0 and "no-instability" not in res.stdout, res.stdout
    # Elsewhere, --select runs it as before; and a rule selected but not exempted still runs there.
    assert check(YOLO_DIVERGED, "--select", "no-instability").returncode == 1
    assert check(log, "--select", "no-instability,no-divergence", cwd=tmp_path).returncode == 1


def test_each_run_of_a_folder_is_judged_under_its_own_overrides(tmp_path):
    # `check lightning_logs` with an override exempting version_0 only: every run of the folder got
    # the folder's rules, which an override naming any one of its runs matched, and the diverged
    # version_1 passed. An override naming version_1 (as ruff's patterns read) exempts it alone.
    for version, log in ((0, REAL_LOGS / "lightning_yolov3_onecycle_v4" / "metrics.csv"), (1, YOLO_DIVERGED)):
        folder = tmp_path / "lightning_logs" / f"version_{version}"
        folder.mkdir(parents=True)
        shutil.copy(log, folder / "metrics.csv")
    config = tmp_path / ".curvedoc.toml"
    for pattern, fails in (("lightning_logs/version_0/", True), ("lightning_logs/version_0/*", True),
                           ("lightning_logs/version_1/", False),
                           ("lightning_logs/version_1", False), ("**/version_1/metrics.csv", False)):
        config.write_text(f'[[overrides]]\npaths = ["{pattern}"]\n'
                          'rules.no-divergence = {enabled = false}\nrules.no-instability = {enabled = false}\n')
        res = check("lightning_logs", cwd=tmp_path)
        assert res.returncode == (1 if fails else 0), (pattern, res.stdout)
        assert ("version_1/metrics.csv: train_loss: step" in res.stdout) is fails, pattern


def test_the_restart_note_says_what_analyze_says():
    # 28 exports of one training resumed again and again, each counting from 0: their steps are
    # numbered on, and check's findings are at the new numbers, so its notes say so as analyze does.
    # (A resume's note counted only the returns that dropped points: 5 of 26.)
    log = REAL_LOGS / "tb_csv_kolo7_vgg16"
    from curvedoc.analysis import analyze

    said = [w for ra in analyze(log) for w in ra.run.warnings if w.startswith("steps start again")]
    notes = [line for line in check(log).stdout.splitlines() if line.startswith("note:") and "start again" in line]
    assert len(said) == 1 and len(notes) == 1 and said[0] in notes[0], (said, notes)


def test_every_run_of_a_sweeps_long_table_is_judged_and_a_finding_names_its_run(tmp_path):
    # 101 runs of 40 steps in one table told apart by a `run` column, r5 going NaN at step 30:
    # past a hundred runs the column was dropped, the runs merged into the last one's values,
    # and the gate passed. A finding on a file of several runs names the run.
    rng = np.random.default_rng(0)
    rows = ["run,step,loss"]
    for r in range(101):
        for s in range(1, 41):
            v = "nan" if r == 5 and s >= 30 else f"{(1 + 2 / s) * math.exp(rng.normal(0, 0.02)):.5f}"
            rows.append(f"r{r},{s},{v}")
    log = tmp_path / "sweep.csv"
    log.write_text("\n".join(rows) + "\n")
    res = check(log)
    assert res.returncode == 1
    assert res.stdout.splitlines()[0].startswith(f"{log} (r5): loss: step 30: divergence")
    doc = json.loads(check(log, "--format", "json").stdout)
    assert doc["runs"] == 101 and [(f["run"], f["step"]) for f in doc["findings"]] == [("r5", 30)]
    assert "title=curvedoc no-divergence (loss) in run r5::" in check(log, "--format", "github").stdout


@pytest.mark.parametrize("layout", ["blank label", "NA label", "numbered trials"])
def test_a_sweep_with_a_blank_run_label_or_numbered_trials_is_judged_run_by_run(tmp_path, layout):
    # One blank (or NA) cell in the run column, or Optuna's whole-number `trial`, and the table was
    # read as one resumed run: every run but the last replaced, and `check` passed a sweep one of
    # whose runs diverged.
    rng = np.random.default_rng(1)
    rows = ["trial,step,loss" if layout == "numbered trials" else "run,step,loss"]
    for r in range(3):
        for s in range(1, 41):
            v = "nan" if r == 0 and s >= 30 else f"{(1 + 2 / s) * math.exp(rng.normal(0, 0.02)):.5f}"
            label = str(r) if layout == "numbered trials" else f"seed{r}"
            if r == 1 and s == 7 and layout != "numbered trials":
                label = "" if layout == "blank label" else "NA"
            rows.append(f"{label},{s},{v}")
    log = tmp_path / "sweep.csv"
    log.write_text("\n".join(rows) + "\n")
    res = check(log)
    assert res.returncode == 1
    first = "trial 0" if layout == "numbered trials" else "seed0"
    assert res.stdout.splitlines()[0].startswith(f"{log} ({first}): loss: step 30: divergence")
    from curvedoc.analysis import analyze

    runs = analyze(log)
    assert len(runs) == 3 and all(len(ra.run.frame) == (39 if i == 1 and layout != "numbered trials" else 40)
                                  for i, ra in enumerate(runs))
    if layout != "numbered trials":
        assert "1 row with no 'run' label left out (no run to put them in)" in runs[1].run.warnings


def test_a_held_out_accuracy_lost_to_memorised_noisy_labels_is_overfitting_not_a_collapse(tmp_path):
    # 40% flipped labels memorised at a constant LR (a real Keras run, probe38): the training loss
    # falls smoothly to 0.001, the held-out loss turns up after epoch 15 and the accuracy falls
    # 0.95 -> 0.63. `check` failed no-divergence with "collapse" while `analyze` said overfitting.
    rng = np.random.default_rng(3)
    ep = np.arange(120)
    loss = 1.5 * np.exp(-ep / 20) + 0.001 * np.exp(rng.normal(0, 0.05, len(ep)))
    val_loss = 0.65 + 1.2 * np.clip(ep - 15, 0, None) / 105 + 0.02 * rng.normal(size=len(ep))
    val_acc = 0.95 - 0.32 * np.clip(ep - 10, 0, None) / 110 + 0.01 * rng.normal(size=len(ep))
    val_acc[:10] = np.linspace(0.5, 0.95, 10)
    log = tmp_path / "training.log"
    log.write_text("epoch,loss,val_accuracy,val_loss\n" + "".join(
        f"{e},{a:.5f},{b:.4f},{c:.4f}\n" for e, a, b, c in zip(ep, loss, val_acc, val_loss)))
    res = check(log)
    assert res.returncode == 0, res.stdout
    from curvedoc.analysis import analyze
    from curvedoc.summary import overfitting

    (ra,) = analyze(log)
    assert overfitting(ra).metric == "val_loss"
    # Training that did not keep improving: the same fall is a collapse.
    log.write_text("epoch,loss,val_accuracy\n" + "".join(
        f"{e},{2.0:.5f},{b:.4f}\n" for e, b in zip(ep, val_acc)))
    assert "collapse" in check(log).stdout


def test_a_loss_wandering_in_floats_last_digits_is_no_runaway_nor_instability(tmp_path):
    # A transformer's loss, fallen from 2 to 3e-9 once it learned its task (probe38), drifts up 16x
    # in float32's last digits: "runaway growth, 15.5x its best", an instability and "got worse" all
    # read moves under a millionth of where the loss began.
    rng = np.random.default_rng(0)
    s = np.arange(1, 3001)
    loss = np.where(s < 300, 2.0, 2.0 * np.exp(-(s - 300) / 60.0))
    tail = s >= 1600
    loss[tail] = 3e-9 * np.exp((s[tail] - 1600) / 500.0)
    loss = loss * np.exp(0.05 * rng.standard_normal(len(s)))
    log = tmp_path / "run.csv"
    log.write_text("step,loss\n" + "".join(f"{a},{b:.6g}\n" for a, b in zip(s, loss)))
    res = check(log)
    assert res.returncode == 0, res.stdout
    from curvedoc.analysis import analyze
    from curvedoc.summary import summarize

    (ra,) = analyze(log)
    assert all(max(e.before, e.after) > 1e-6 for e in ra.metrics[0].events)
    assert not any("got worse" in line for line in summarize(ra))
    # The same climb a thousand times higher is a runaway.
    log.write_text("step,loss\n" + "".join(f"{a},{b * (1e3 if a >= 1600 else 1):.6g}\n" for a, b in zip(s, loss)))
    assert check(log).returncode == 1


def test_a_utf16_pyproject_configuring_curvedoc_is_refused_not_skipped(tmp_path):
    # PowerShell 5's `>` writes UTF-16: the file was passed over as another tool's, and the gate
    # ran on its defaults and passed a run the configured threshold fails.
    (tmp_path / "pyproject.toml").write_text('[tool.curvedoc.rules.final-metric]\nthresholds = ["loss <= 0.1"]\n',
                                            encoding="utf-16")
    log = tmp_path / "metrics.csv"
    log.write_text("step,loss\n" + "".join(f"{s},{0.5 + 1 / s:.5f}\n" for s in range(1, 201)))
    res = check(log, cwd=tmp_path)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.strip().endswith("pyproject.toml: invalid TOML: not UTF-8 text (UTF-16: save it as UTF-8)")
    (tmp_path / "pyproject.toml").write_text('[tool.other]\nx = 1\n', encoding="utf-16")  # another tool's
    assert check(log, cwd=tmp_path).returncode == 0


def test_a_few_epochs_blowing_up_fail_the_default_gate(tmp_path):
    # Seven epochs, 1.0 down to 0.3 then up to 5000: too short for the analysis ("too few points
    # to judge"), and the default gate passed it. A short run that only improves still passes.
    log = tmp_path / "training.log"
    log.write_text("epoch,loss\n" + "".join(f"{e},{v}\n" for e, v in enumerate([1.0, 0.5, 0.3, 5, 50, 500, 5000])))
    res = check(log)
    assert res.returncode == 1 and "runaway growth" in res.stdout and "(rule: no-divergence)" in res.stdout
    log.write_text("epoch,loss\n" + "".join(f"{e},{v}\n" for e, v in enumerate([1.0, 0.7, 0.6, 0.55, 0.5])))
    assert check(log).returncode == 0


def test_a_score_that_gives_back_its_gain_slowly_fails_no_divergence(tmp_path):
    # A held-out accuracy that climbs to 0.95 and then sinks to chance over 300 steps: too slow
    # for any transition, and no loss in the log to run away. It is the score's runaway.
    rng = np.random.default_rng(1)
    steps = np.arange(1, 1001)
    level = np.where(steps < 500, 0.1 + 0.85 * (1 - np.exp(-steps / 80)),
                     0.95 - 0.85 * np.clip((steps - 500) / 300, 0, 1))
    acc = np.clip(level + 0.01 * rng.standard_normal(len(steps)), 0, 1)
    path = tmp_path / "metrics.csv"
    path.write_text("step,val_acc\n" + "".join(f"{s},{v:.5f}\n" for s, v in zip(steps, acc)))
    res = check(path, "--select", "no-divergence")
    assert res.returncode == 1, res.stdout
    assert "val_acc: step 1000: collapse — ends at 0.09" in res.stdout
    assert "having lost all of its gain and more since its best level 0.9" in res.stdout
    # A real segmentation run whose held-out IoU ends 0.01 under its best (its start was hardly
    # lower) has lost a point of its scale, not collapsed.
    assert check(BRATS, "--select", "no-divergence").returncode == 0


def test_a_runaway_is_dated_where_the_climb_the_analysis_found_starts(tmp_path):
    # A regression loss blowing up to 1e24 at step 1320 and staying there, finite: the finding was
    # dated at the log's last step, 1,700 steps after the climb.
    rng = np.random.default_rng(7)
    steps = np.arange(1, 3001)
    level = np.where(steps < 1320, 0.1 + 2.0 * np.exp(-steps / 200), 1e24)
    loss = level * np.exp(0.1 * rng.standard_normal(len(steps)))
    line = runaway_line(tmp_path / "metrics.csv", steps, loss)
    step = int(re.search(r"loss: step (\d+): runaway growth", line).group(1))
    assert abs(step - 1320) <= 5, line


def test_a_loss_thrown_up_by_an_lr_restart_still_standing_is_no_runaway(tmp_path):
    # SGDR stopped 480 steps into its third cycle, the LR back at its peak: the loss 62x its best
    # level failed no-divergence as "runaway growth" while analyze read the step as lr_restart 0.90.
    sgdr = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "sgdr_teacher_tb" / "tb"
    res = check(sgdr, "--select", "no-divergence")
    assert res.returncode == 0 and "all rules pass" in res.stdout, res.stdout
    # The same restart sending the loss past where it began is still a runaway.
    steps = np.arange(1, 2001)
    level = np.where(steps < 1500, 2.0 * (steps / 20 + 1) ** -0.8, 20.0 * 1.002 ** (steps - 1500))
    loss = level * np.exp(0.1 * np.random.default_rng(3).standard_normal(len(steps)))
    path = tmp_path / "restart.csv"
    path.write_text("step,loss,lr\n" + "".join(f"{s},{v:.6g},{0.01 if s < 1500 else 0.1}\n"
                                               for s, v in zip(steps, loss)))
    res = check(path, "--select", "no-divergence")
    assert res.returncode == 1 and "runaway growth" in res.stdout, res.stdout


GROKKING = REAL_LOGS / "grokking_modadd_adamw" / "addition_depth_1_adamw_seed_0.csv"


def test_a_runaway_is_dated_at_the_climb_the_loss_never_came_back_from(tmp_path):
    # AdamW grokking at a loss of 1e-7: a jump at 55600 decays back to its level by ~82000; a second
    # at 85500 is still x120 when the log ends. The training loss's runaway was dated at 55600, the
    # one it recovered from, and the held-out loss's, moving alike, at the log's last step.
    res = check(GROKKING, "--select", "no-divergence")
    found = dict(re.findall(r": (\w+): step (\d+): runaway growth", res.stdout))
    assert found == {"train_loss": "85500", "test_loss": "85500"}, res.stdout


def test_a_slow_runaway_is_dated_where_its_levels_pass_the_factor_for_good(tmp_path):
    # p48: an LR growing 0.15% a step; the loss bottoms near step 1200 and climbs 80x by 2400 with
    # no sharp transition in it, then jumps again near 4560. The runaway was dated at that jump, 2,500
    # steps after the loss had left its best for good.
    from small_runs import write_lr_creep

    res = check(write_lr_creep(tmp_path / "train.log"), "--select", "no-divergence")
    [step] = re.findall(r"loss: step (\d+): runaway growth", res.stdout)
    assert 1500 <= int(step) <= 2600, res.stdout


def test_a_loss_thrown_up_in_its_first_updates_is_a_runaway_from_where_it_started(tmp_path):
    # probe65's r08: a character GPT warmed up towards an LR of 5.0, 4.7 -> 18 by its tenth update and 20-200
    # from there. Its five evaluations were read in pairs (the first pair's median the mean of 4.7 and 44.5),
    # the every-update loss on windows of 20 whose lowest already held the climb: "all rules pass".
    from small_runs import write_lm_diverged

    from curvedoc.analysis import analyze
    from curvedoc.check import check as check_logs
    from curvedoc.summary import summarize

    evals = check_logs([write_lm_diverged(tmp_path / "train.log")]).findings
    assert sorted((f.metric, f.rule) for f in evals) == [("train loss", "no-divergence"), ("val loss", "no-divergence")]
    assert all("its best level 4.684 (single points" in f.message for f in evals), [f.message for f in evals]
    every = tmp_path / "every" / "train.log"
    every.parent.mkdir()
    [finding] = [f for f in check_logs([write_lm_diverged(every, every_update=True)]).findings if f.metric == "loss"]
    assert "its best level 4.714" in finding.message and finding.step <= 100, finding
    (ra,) = analyze(every)
    assert any(line.startswith("loss got worse: its level ended") and "from 4.714 at step 2" in line
               for line in summarize(ra)), summarize(ra)


def test_a_score_held_at_its_full_scale_is_no_long_plateau(tmp_path):
    # The same run's accuracies sit at exactly 1.0 for 99% of it: converged, not stuck. The losses,
    # flat at 1e-7 for as long, are no finding either way (their stages slide and jump).
    (log,) = in_dir(tmp_path, GROKKING, config="[rules.no-long-plateau]\nmax-fraction = 0.5\n")
    res = check(log, "--select", "no-long-plateau")
    assert "accuracy" not in res.stdout, res.stdout
    s = pd.read_csv(log)
    assert (s.loc[s["step"] >= 1100, "train_accuracy"] == 1.0).all()


def test_an_instability_finding_says_what_the_metric_did():
    # Its last evidence line was all the line said: on the grokking run, a hidden layer's gradient
    # norm, never the loss's x1e5 jump.
    res = check(GROKKING, "--select", "no-instability")
    lines = [ln for ln in res.stdout.splitlines() if ln.endswith("(rule: no-instability)")]
    assert lines and all(re.search(r"instability — (spike|rise) [\d.e+-]+ -> [\d.e+-]+ \(x[\d.e+]+\), ", ln)
                         for ln in lines), lines
    assert not any("instability — hidden_gradient_norm" in ln for ln in lines)


def test_the_end_of_an_lr_blip_owes_no_drop():
    # An LR raised 20x for five steps and put back (fifth set, TensorBoard): the restoring 0.4 -> 0.02
    # was "followed by no drop found in any metric" under lr-decay-effective. The spike is found
    # and checked by no-instability; the decay it was never was.
    log = Path(__file__).resolve().parents[1] / "benchmarks" / "fifth" / "fi_lrspike_short_teacher_tb" / "tb"
    res = check(log, "--select", "lr-decay-effective")
    assert res.returncode == 0 and "lr-decay-effective" not in res.stdout.replace("(lr-decay-effective)", ""), res.stdout
    assert check(log, "--select", "no-instability").returncode == 1


def test_a_decay_long_after_an_lr_raise_still_owes_a_drop(tmp_path):
    # The LR cut 0.1 -> 0.01 at 800, raised back to 0.1 at 1500 and cut again at 2500, after which the
    # loss does not move: the last cut puts the LR back where the raise found it, but 1,000 steps
    # on, no blip; lr-decay-effective must still ask for its drop.
    rng = np.random.default_rng(5)
    steps = np.arange(1, 3001)
    lr = np.where(steps < 800, 0.1, np.where((steps >= 1500) & (steps < 2500), 0.1, 0.01))
    loss = (0.3 + 2 * np.exp(-steps / 300)) * np.exp(0.02 * rng.standard_normal(len(steps)))
    path = tmp_path / "metrics.csv"
    path.write_text("step,lr,loss\n" + "".join(f"{s},{a},{b:.5f}\n" for s, a, b in zip(steps, lr, loss)))
    res = check(path, "--select", "lr-decay-effective")
    assert res.returncode == 1 and "step 2500: lr 0.1 -> 0.01 was followed by no drop" in res.stdout, res.stdout


def test_a_collapse_after_an_lr_excursion_is_measured_from_the_score_s_first_points():
    # The full-training-set accuracy a probe logged aside: 0.155 at the start, 0.92 by update 1090, then
    # 150 updates at x30 the LR leave half the ReLUs dead; with the LR back at 0.02 it ends at 0.50. The
    # excursion's LR rise after the best level had excused the collapse though the LR came back down; and
    # the gain, read from a window that held the fast first climb, made it "all of its gain and more".
    res = check(CORPUS.parent / "fifth" / "fi_lrspike_long_teacher_lightning_nolr" / "internals.csv",
                "--select", "no-divergence")
    assert res.returncode == 1
    assert "full_train_acc: step 3120: collapse — ends at 0.5035, having lost 54% of its gain since its best " \
           "level 0.92 at step 1090" in res.stdout


def test_a_held_out_accuracy_wrecked_from_its_first_evaluation_collapsed(tmp_path):
    # A warmup to too high an LR, then a cosine to 0: the held-out accuracy is 0.68 at its first evaluation
    # (the net learned in 50 updates), falls to chance (0.2 for five classes) as the LR climbs and stays there.
    # Its best level is its first: no gain since its start to give back, so the collapse is read against
    # the bottom of its scale ("lost 70% of its level").
    rng = np.random.default_rng(5)
    steps = np.arange(1, 2001)
    lr = np.where(steps <= 400, steps / 400, 0.5 * (1 + np.cos(np.pi * (steps - 400) / 1600)))
    loss = np.where(steps < 150, 0.8, 1.61) * np.exp(rng.normal(0, 0.05, len(steps)))
    acc = np.full(len(steps), np.nan)
    evals = np.arange(49, 2000, 50)
    acc[evals] = np.concatenate([[0.679, 0.648, 0.457, 0.267], rng.normal(0.2, 0.008, len(evals) - 4)]).round(3)
    path = tmp_path / "metrics.csv"
    pd.DataFrame({"step": steps, "lr": lr, "loss": loss, "val_accuracy": acc}).to_csv(path, index=False)
    res = check(path, "--select", "no-divergence")
    assert res.returncode == 1
    [line] = [x for x in res.stdout.splitlines() if "collapse" in x]
    assert re.search(r"val_accuracy: step 2000: collapse — ends at 0\.(19|20)\d*, having lost 70% of its level since its "
                     r"best level 0\.648 at step 100", line), line


def test_a_loss_past_the_metric_cap_that_goes_nan_fails_the_gate(tmp_path):
    # 55 per-class accuracies sort before the loss; analysis takes the first 50 metrics. The loss went NaN
    # at step 400 and the gate passed with no word. Past the cap, every metric is still read for
    # non-finite values, and the note says the rest were judged by that alone.
    rng = np.random.default_rng(2)
    steps = np.arange(600)
    frame = {f"val/acc_class{k}": np.clip(0.8 + rng.normal(0, 0.01, 600), 0, 1) for k in range(55)}
    frame["train/loss"] = np.where(steps < 400, 1 / (1 + steps / 50), np.nan)
    path = tmp_path / "metrics.csv"
    pd.DataFrame({"step": steps, **frame}).to_csv(path, index=False, na_rep="nan")
    res = check(path, "--format", "json")
    doc = json.loads(res.stdout)
    assert res.returncode == 1 and [(f["metric"], f["step"]) for f in doc["findings"]] == [("train/loss", 400)]
    assert doc["findings"][0]["message"].startswith("divergence — non-finite value (nan) first at step 400")
    [note] = doc["notes"]
    assert "6 metrics past the first 50" in note and "judged only for non-finite values" in note
    # With no-divergence off, they are said not to be judged at all.
    doc = json.loads(check(path, "--select", "no-instability", "--format", "json").stdout)
    assert doc["passed"] and "6 metrics past the first 50" in doc["notes"][0] and " not judged;" in doc["notes"][0]


def test_a_loss_whose_nan_tail_was_written_as_empty_cells_is_noted(tmp_path):
    # pandas' to_csv writes NaN as an empty cell (to_json as null): a loss that went NaN for the last
    # third of the run read as not logged there, and the gate passed with nothing said.
    frame = pd.read_csv(Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv")
    cut = frame["step"].iloc[2 * len(frame) // 3]
    frame.loc[frame["step"] >= cut, "train_loss"] = float("nan")
    frame.to_csv(tmp_path / "metrics.csv", index=False)
    res = check(tmp_path / "metrics.csv")
    last = frame["step"][frame["step"] < cut].iloc[-1]
    assert (f"note: {tmp_path / 'metrics.csv'}: train_loss is logged on every row up to step {last} and on none of the "
            f"{int((frame['step'] >= cut).sum())} after it, to step {frame['step'].iloc[-1]}: judged up to there") \
        in res.stdout, res.stdout
    # The log as written, with no such tail: no note.
    assert "judged up to there" not in check(Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay"
                                             / "metrics.csv").stdout


def test_a_metric_named_for_no_direction_that_goes_nan_fails_the_gate(tmp_path):
    # A loop logging its training loss and its total objective (the loss plus a weight penalty);
    # the objective goes NaN at update 900. Its name says no direction, so it was never analysed,
    # and the gate passed "all rules pass" with no note. The losses: tools/probe_runs.py p29's.
    from small_runs import STEPLR_NOLR_LOSS

    loss = [float(v) for v in STEPLR_NOLR_LOSS.split()]
    rows = [f"{s},{v},{'nan' if s >= 900 else f'{v + 0.01 * (1 + s / 1000):.5f}'}" for s, v in enumerate(loss)]
    log = tmp_path / "log.csv"
    log.write_text("step,train_loss,objective\n" + "\n".join(rows) + "\n")
    res = check(log)
    said = f"{log}: objective: step 900: divergence — non-finite value (nan) first at step 900"
    assert res.returncode == 1 and said in res.stdout, res.stdout
    log.write_text("step,train_loss,objective\n" + "\n".join(r.replace("nan", "0.5") for r in rows) + "\n")
    assert check(log).returncode == 0


def test_final_metric_judges_the_level_a_noisy_per_step_loss_ends_at(tmp_path):
    # A W&B export of a per-step loss over 89,600 steps: its last point is one minibatch's 0.147, its
    # level at the end 0.077 (compare's "final level"). "train_loss <= 0.1" failed on that one batch.
    log = REAL_LOGS / "wandb_panel_mia_sd" / "dtu-400-target-loss.csv"
    last = float(pd.read_csv(log)["swept-galaxy-5 - train_loss"].dropna().iloc[-1])
    assert last > 0.1
    for bound, rc in ((0.1, 0), (0.07, 1)):
        config = tmp_path / f"c{rc}.toml"
        config.write_text(f'[rules.final-metric]\nthresholds = ["train_loss <= {bound}"]\n')
        res = check("--config", config, log)
        assert res.returncode == rc, res.stdout
    assert "final train_loss = 0.07716 (median of its last 51 points), wanted <= 0.07" in res.stdout
    # A short per-epoch log is judged on its last point, as before.
    config.write_text('[rules.final-metric]\nthresholds = ["val_loss <= 0.01"]\n')
    res = check("--config", config, BRATS)
    last = float(pd.read_csv(BRATS)["val_loss"].iloc[-1])
    assert res.returncode == 1 and f"final val_loss = {last:.4g}, wanted <= 0.01" in res.stdout


def test_configured_metrics_are_judged_beside_the_default_ones(tmp_path):
    # A run logging 56 per-class accuracies beside val_loss: the note says to name those past the
    # 50-metric cap in metrics = [...]; doing so narrowed the gate to them, and val_loss going NaN
    # passed. One named metric a log lacks is a note, not the end of the whole check.
    rng = np.random.default_rng(0)
    steps = np.arange(1, 401)
    frame = pd.DataFrame({"step": steps, "val_loss": np.where(steps > 300, np.nan, 2 / np.sqrt(steps))})
    for k in range(56):
        frame[f"acc_cls{k:02d}"] = np.clip(0.1 + 0.8 * (1 - np.exp(-steps / (50 + k))) + rng.normal(0, 0.01, 400), 0, 1)
    run = tmp_path / "runs" / "a"
    run.mkdir(parents=True)
    frame.to_csv(run / "metrics.csv", index=False, na_rep="nan")
    (tmp_path / ".curvedoc.toml").write_text('metrics = ["acc_cls50", "acc_cls55", "acc_top5"]\n')
    res = check(run / "metrics.csv", "--format", "json", cwd=tmp_path)
    doc = json.loads(res.stdout)
    assert res.returncode == 1, res.stdout
    assert [(f["metric"], f["rule"]) for f in doc["findings"]] == [("val_loss", "no-divergence")]
    [note] = [n for n in doc["notes"] if "past the first 50" in n]
    assert "5 metrics past the first 50" in note and "acc_cls50" not in note and "acc_cls55" not in note, note


def test_a_log_in_a_folder_linked_into_the_project_gets_the_projects_configuration(tmp_path):
    # runs -> ../scratch: the configuration was looked for up from the link's target, so the gate ran on
    # the defaults and passed; an override for runs/exploratory/* did not apply either.
    project, scratch = tmp_path / "project", tmp_path / "scratch"
    (scratch / "main").mkdir(parents=True)
    (scratch / "exploratory").mkdir(parents=True)
    for folder in ("main", "exploratory"):
        shutil.copy(BRATS, scratch / folder / "training.log")
    project.mkdir()
    (project / "runs").symlink_to(scratch)
    (project / "pyproject.toml").write_text(
        '[tool.curvedoc.rules.final-metric]\nthresholds = ["val_loss <= 0.01"]\n\n'
        '[[tool.curvedoc.overrides]]\npaths = ["runs/exploratory/*"]\nrules.final-metric = { enabled = false }\n')
    res = check("runs/main/training.log", "runs/exploratory/training.log", cwd=project)
    assert res.returncode == 1, res.stdout
    findings = res.stdout.split("curvedoc check")[0]
    assert "runs/main/training.log: val_loss" in findings and "exploratory" not in findings
    # Past the link, ".." is the folder above where it leads: scratch's own configuration holds there.
    (tmp_path / "other").mkdir()
    shutil.copy(BRATS, tmp_path / "other" / "training.log")
    (tmp_path / ".curvedoc.toml").write_text('[rules.final-metric]\nthresholds = ["val_loss <= 5"]\n')
    (project / "runs2").symlink_to(scratch)
    res = check("runs2/../other/training.log", cwd=project)
    assert res.returncode == 0, res.stdout
    # A ".." before the link is where the path says: from a sibling folder, the project's rules hold.
    (tmp_path / "sibling").mkdir()
    res = check("../project/runs/main/training.log", cwd=tmp_path / "sibling")
    assert res.returncode == 1 and "wanted <= 0.01" in res.stdout, res.stdout


def test_a_pyproject_that_cannot_be_read_is_not_passed_over(tmp_path, monkeypatch):
    # An unreadable pyproject.toml holding [tool.curvedoc] was taken for another tool's file: the gate
    # ran on the defaults and passed. (Made unreadable here by its read failing: tests may run as root.)
    import pathlib

    from curvedoc import config

    (tmp_path / "pyproject.toml").write_text('[tool.curvedoc.rules.final-metric]\nthresholds = ["loss <= 0.1"]\n')
    (tmp_path / "runs").mkdir()
    real_read = pathlib.Path.read_bytes

    def unreadable(self):
        if self.name == "pyproject.toml":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", unreadable)
    with pytest.raises(CurvedocError, match=r"pyproject.toml: cannot read it, so cannot tell whether it configures"):
        config.find_config(tmp_path / "runs")


def test_an_empty_config_path_is_said_to_be_empty():
    # `--config "$CFG"` with the variable unset read as the current folder: ".: not a regular file".
    res = check("--config", "", YOLO_DIVERGED)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr == "curvedoc: error: --config: an empty path (an unset variable?): name a TOML file\n"


def test_a_pyproject_named_with_config_that_configures_nothing_is_refused(tmp_path):
    # --config on a pyproject.toml holding only another tool's table ran the gate on the defaults, unsaid.
    (tmp_path / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100\n')
    res = check("--config", tmp_path / "pyproject.toml", YOLO_DIVERGED)
    assert res.returncode == 2 and res.stderr == (f"curvedoc: error: {tmp_path / 'pyproject.toml'}: --config: holds "
                                                  "no [tool.curvedoc] table, so it configures nothing\n")
    # One that is no TOML at all says so, not that it has no table.
    (tmp_path / "pyproject.toml").write_text('[tool.ruff\nline-length = 100\n')
    res = check("--config", tmp_path / "pyproject.toml", YOLO_DIVERGED)
    assert res.returncode == 2 and "invalid TOML" in res.stderr and "no [tool.curvedoc]" not in res.stderr


def test_a_log_in_a_folder_that_cannot_be_entered_does_not_stop_the_configuration_search(tmp_path, monkeypatch):
    # `check good.csv unreadable/ok.csv` ended at the second log's is_file() (PermissionError, unhandled in
    # the configuration search) with nothing printed for the first. (Made unreadable by its stat failing:
    # tests may run as root.)
    import pathlib

    from curvedoc import config

    (tmp_path / ".curvedoc.toml").write_text('[rules.final-metric]\nthresholds = ["loss <= 0.1"]\n')
    locked = tmp_path / "unr" / "ok.csv"
    real_stat = pathlib.Path.stat

    def stat(self, *args, **kwargs):
        if self == locked or locked in self.parents:
            raise PermissionError(13, "Permission denied")
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", stat)
    assert config.find_config(locked) == tmp_path / ".curvedoc.toml"
    cfg = config.load_config(tmp_path / ".curvedoc.toml")
    assert cfg._overrides_for(locked) == []


def test_a_held_out_accuracy_lost_at_a_task_switch_collapsed_though_it_overfit_before(tmp_path):
    # p60: digits 0-4, then 5-9 from update 601. The first task's held-out loss crept up 0.042 -> 0.050
    # before the switch (overfitting, said up to the jump) and jumps x190 at it; its accuracy falls
    # 0.99 -> 0. That overfitting excused the accuracy's collapse after the jump, and the collapse,
    # when said, read "ends at -0".
    from curvedoc.check import check as run_check
    from small_runs import write_task_switch

    log = write_task_switch(tmp_path / "metrics.csv")
    [collapse] = [f for f in run_check([log]).findings if f.message.startswith("collapse")]
    assert collapse.metric == "eval_task_a_accuracy" and collapse.rule == "no-divergence"
    assert collapse.message.startswith("collapse — ends at 0, having lost all of its gain"), collapse.message


def test_a_gate_passing_a_log_whose_wider_rows_it_skipped_says_so(tmp_path):
    # Keras' CSVLogger(append=True) writes no second header: the second fit() gained ReduceLROnPlateau,
    # so its rows carry one more field (lr) and are skipped, and with them the loss going NaN. `info`
    # said so; `check` passed in silence.
    rng = np.random.default_rng(3)
    first = [f"{e},{0.5 + 0.4 * (1 - math.exp(-e / 8)):.4f},{2.0 * math.exp(-e / 10) + 0.3:.4f}"
             f",{0.45 + 0.4 * (1 - math.exp(-e / 8)) + rng.normal(0, 0.01):.4f},{2.1 * math.exp(-e / 10) + 0.35:.4f}"
             for e in range(30)]
    second = [f"{e},0.1,nan,0.1,nan,1e-4" for e in range(30, 50)]
    log = tmp_path / "training.log"
    log.write_text("\n".join(["epoch,accuracy,loss,val_accuracy,val_loss", *first, *second]) + "\n")
    res = check(log)
    assert res.returncode == 0, res.stdout
    note = (f"note: {log}: 20 malformed rows skipped (more fields than the header; a run appended with more "
            "columns and no header of its own?)")
    assert res.stdout.splitlines()[-2:] == [note, "curvedoc check: 1 log(s), 1 run(s): all rules pass"]
    assert json.loads(check(log, "--format", "json").stdout)["notes"] == [note.removeprefix("note: ")]


def test_check_reads_logs_named_absolutely_from_a_deleted_folder(tmp_path):
    # A shell left in a folder another job removed: `check /abs/run.csv` failed with "No such file or
    # directory", naming nothing (the overrides' matching asked for the working folder), where every other
    # command reads the log. A log named relatively is refused with the reason.
    gone = tmp_path / "gone"
    gone.mkdir()
    log = Path(__file__).resolve().parents[1] / "sample_logs" / "mlp_step_decay" / "metrics.csv"
    for arg, code in ((log, 0), ("metrics.csv", 2)):
        res = subprocess.run(["sh", "-c", f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m curvedoc.cli '
                              f'check "{arg}"'], capture_output=True, text=True, timeout=300)
        assert res.returncode == code and "Traceback" not in res.stderr, res.stderr
        gone.mkdir()
    assert "the current folder no longer exists" in res.stderr


def test_a_small_lone_step_of_the_lr_is_listed_and_not_judged(tmp_path):
    # A real constant-LR run's log with its LR column stepped once mid-run (StepLR, gamma 0.9 applied once;
    # then x0.5), the loss left as trained: x0.9 owes the curve no move, and the header said nothing of it;
    # it is listed as a small step and lr-decay-effective leaves it alone. x0.5 is a decay the rule judges.
    src = pd.read_csv(CORPUS / "const_adam_teacher_csv" / "metrics.csv")
    at = int(src["step"].iloc[len(src) // 2])
    for factor, judged in ((0.9, False), (0.5, True)):
        log = tmp_path / f"x{factor}" / "metrics.csv"
        log.parent.mkdir()
        df = src.copy()
        df.loc[df["step"] >= at, "lr"] *= factor
        df.to_csv(log, index=False)
        res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(log), "--format", "json"],
                             capture_output=True, text=True, timeout=300)
        doc = json.loads(res.stdout)["runs"][0]
        small = [(c["step"], c["factor"]) for c in doc["schedule_small_steps"]]
        decays = [c["step"] for c in doc["schedule"] if c["kind"] == "lr_decay"]
        res = check(log, "--select", "lr-decay-effective")
        if judged:
            assert decays == [at] and not small and res.returncode == 1, (decays, small, res.stdout)
        else:
            assert small == [(at, pytest.approx(0.9))] and not decays and res.returncode == 0, (small, res.stdout)
            text = subprocess.run([sys.executable, "-m", "curvedoc.cli", "analyze", str(log)], capture_output=True,
                                  text=True, timeout=300).stdout
            assert f"small steps x0.9 at {at}" in " ".join(text.split()), text


def test_a_decay_too_near_the_end_to_test_is_not_judged_and_said(tmp_path):
    from small_runs import ADAM_REDUCE_ON_PLATEAU, write_csv

    # The ReduceLROnPlateau run of probe p02 stopped at epoch 13, as EarlyStopping would: its cut at epoch
    # 12 has 3 points before and 2 after, fewer than the decay test reads, and `analyze --explain` says it
    # was not tested. The gate had failed the run for it ("followed by no drop found").
    path = write_csv(tmp_path / "history.csv", {k: v[:13] for k, v in ADAM_REDUCE_ON_PLATEAU.items()})
    res = check(path, "--select", "lr-decay-effective")
    assert res.returncode == 0, res.stdout
    assert f"note: {path}: train_loss: epoch 12: lr 0.0003 -> 3e-05 has too few points around it to test (3 before, " \
        "2 after); not judged" in res.stdout + res.stderr
