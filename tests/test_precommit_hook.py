"""The pre-commit hook, end to end with the real `pre-commit` tool against this working tree."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from realdata import REAL_LOGS

ROOT = Path(__file__).resolve().parents[1]


def git(repo, *args):
    subprocess.run(["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci", *args], cwd=repo,
                   check=True, capture_output=True)


def test_hook_passes_a_good_log_and_blocks_a_diverged_one(tmp_path):
    repo = tmp_path / "experiments"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(REAL_LOGS / "keras_csvlogger_brats2020" / "training.log", repo / "training.log")
    shutil.copy(REAL_LOGS / "lightning_yolov3_diverged_v0" / "metrics.csv", repo / "yolo_metrics.csv")
    # A dataset beside them is no training log: the hook leaves it alone (its columns "flat" would fail it).
    (repo / "iris.csv").write_text("sepal_length,sepal_width\n" + "5.1,3.5\n" * 150)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "logs")
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "curvedoc-check"]
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "ci",
           "GIT_AUTHOR_EMAIL": "ci@example.com", "GIT_COMMITTER_NAME": "ci", "GIT_COMMITTER_EMAIL": "ci@example.com"}
    good = subprocess.run(pre_commit + ["--files", "training.log"], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=900)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = subprocess.run(pre_commit + ["--files", "yolo_metrics.csv"], cwd=repo, capture_output=True, text=True,
                         env=env, timeout=900)
    assert bad.returncode == 1
    assert "Failed" in bad.stdout and "step 4249: divergence" in bad.stdout
    data = subprocess.run(pre_commit + ["--files", "iris.csv"], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=900)
    assert data.returncode == 0 and "no files to check" in data.stdout, data.stdout + data.stderr
