"""Bad input gets one clear line on stderr and exit 2 — never a traceback, never a touched file."""

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import curvedoc
from curvedoc.errors import CurvedocError
from curvedoc.run import Run

NAMES = ["log.csv", "run.tsv", "trainer_state.json", "events.out.tfevents.1.host", "metrics.csv",
         "training.log", "log.txt", "wandb-history.jsonl", "export.json", "run-x-tag-loss.csv", "loss", "x.csv.gz"]


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "curvedoc.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def read_or_error(path: Path):
    try:
        runs = curvedoc.read(path)
    except CurvedocError as err:
        assert str(err)
        return None
    assert runs and all(isinstance(r, Run) for r in runs)
    return runs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), name=st.sampled_from(NAMES))
def test_random_bytes_give_a_run_or_our_error(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    read_or_error(path)


cell = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers(-10**6, 10**6).map(str),
                 st.sampled_from(["", "nan", "NA", "None", "inf", "-inf", "x", "0,5", "1e309", "\"q\""]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(["step", "epoch", "loss", "lr", "val_acc", "Step", "Value", "Wall time",
                                        "_step", "a b", "loss", ""]), min_size=1, max_size=6),
       rows=st.lists(st.lists(cell, min_size=0, max_size=7), max_size=12),
       sep=st.sampled_from([",", ";", "\t"]), name=st.sampled_from(NAMES))
def test_random_csv_shapes_give_a_run_or_our_error(tmp_path_factory, header, rows, sep, name):
    text = sep.join(header) + "\n" + "\n".join(sep.join(r) for r in rows)
    path = tmp_path_factory.mktemp("csv") / name
    path.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    read_or_error(path)


CASES = {
    "empty": (b"", "empty"),
    "header_only": (b"step,loss\n", "header only"),
    "binary": (bytes(range(256)) * 4, "binary"),
    "no_numeric": (b"name,desc\nfoo,bar\nbaz,qux\n", "no numeric"),
    "not_utf8": (b"step,loss\n1,\xff\xfe2\n", "UTF-8"),
    "lfs": (b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n", "git lfs pull"),
    "unknown_json": (b'{"model": "resnet", "layers": {"conv1": "3x3"}}', "log.json"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, case):
    data, expect = CASES[case]
    path = tmp_path / ("log.json" if case == "unknown_json" else "log.csv")
    path.write_bytes(data)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    for command in ("info", "analyze"):
        res = run_cli(command, path)
        assert res.returncode == 2, res.stdout
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in res.stderr
        assert expect.lower() in lines[0].lower() or str(path) in lines[0]
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_missing_path_and_empty_directory(tmp_path):
    res = run_cli("info", tmp_path / "nope.csv")
    assert res.returncode == 2 and "no such file" in res.stderr
    res = run_cli("analyze", tmp_path)
    assert res.returncode == 2 and "no training logs" in res.stderr


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    res = run_cli("info", fifo)
    assert res.returncode == 2 and "not a regular file" in res.stderr


def test_nonfinite_and_resumed_csv_reads_with_warnings(tmp_path):
    path = tmp_path / "run.csv"
    path.write_text("step,loss\n0,2.0\n1,1.5\n2,1.4\n1,1.45\n2,1.35\n3,nan\n")
    (run,) = curvedoc.read(path)
    assert run.frame.index.tolist() == [0, 1, 2, 3]
    assert run.frame.loc[2, "loss"] == 1.35
    assert run.resumes[0].step == 1 and run.resumes[0].replaced == 2
    assert list(run.nan_steps["loss"]) == [3]


def test_a_folder_that_cannot_be_searched_is_named_with_the_reason(tmp_path, monkeypatch):
    # As root chmod 000 stops nothing; the OS's answer for a folder without search permission is made here.
    folder = tmp_path / "rodir"
    folder.mkdir()
    real_exists = Path.exists

    def exists(self, *args, **kwargs):
        if self.parent == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_exists(self, *args, **kwargs)

    monkeypatch.setattr(Path, "exists", exists)
    with pytest.raises(CurvedocError) as err:
        curvedoc.read(folder)
    # The folder is named, not a file inside it that was never there.
    assert str(err.value) == f"{folder}: cannot walk directory: Permission denied"


def test_a_header_with_a_giant_column_name_is_refused_at_once(tmp_path):
    # Each name meets the role and direction patterns a dozen times: 10 MB of name took 14 s, 100 MB
    # never finished.
    path = tmp_path / "log.csv"
    path.write_text("step," + "a" * 2_000_000 + "\n1,2\n2,3\n")
    with pytest.raises(CurvedocError, match="a column name of 2,000,000 characters: no header of a training log"):
        curvedoc.read(path)


@pytest.mark.parametrize("name, kind", [("pyproject.toml", "a configuration file (.toml)"),
                                        ("README.md", "a document (.md)"),
                                        ("notes.rst", "a document (.rst)"),
                                        ("hparams.yaml", "a configuration file (.yaml)")])
def test_a_configuration_file_or_a_document_given_as_a_log_is_refused(tmp_path, name, kind):
    # `check pyproject.toml` passed, its `key = value` lines read as a one-row log ("typer>=0.12" a metric);
    # a README's tables read as a `|`-separated CSV whose "steps go back".
    root = Path(__file__).resolve().parents[1]
    text = {"pyproject.toml": (root / "pyproject.toml").read_text(),
            "README.md": (root / "sample_logs" / "README.md").read_text(),
            "hparams.yaml": "lr: 0.1\nbatch_size: 32\nepochs: 10\n",
            # A notebook exported to Markdown, its fit's output indented under the cell: the way to it is said.
            "notes.rst": "Training\n========\n\n" + "".join(f"    epoch {e} loss {1 / (e + 1):.4f}\n"
                                                      for e in range(10))}[name]
    (tmp_path / name).write_text(text)
    hint = "; to read a training output pasted into it, save that part as a .txt" \
        if kind.startswith("a document") else ""
    for command in ("check", "analyze"):
        res = run_cli(command, tmp_path / name)
        assert res.returncode == 2 and \
            res.stderr == f"curvedoc: error: {tmp_path / name}: {kind}, not a training log{hint}\n", res.stderr


@pytest.mark.parametrize("name", ["metrics.log", "history.jsonl", None])
def test_one_json_object_of_values_is_no_log_whatever_its_name(tmp_path, name):
    # Named .log or .jsonl, or piped in, `{"eval_loss": 0.5}` was a one-point text log: exit 0, and `check`
    # said "all rules pass". Named .json it was refused already. A W&B summary piped in (it counts its last
    # _step) passed as a one-row history.
    for text, expect in (('{"epoch": 3.0, "eval_loss": 0.5}\n', "one JSON object of values"),
                         ('{"train/loss": 0.07, "_step": 3120, "_wandb": {"runtime": 11}}\n', "a W&B summary")):
        if name is None:
            res = subprocess.run([sys.executable, "-m", "curvedoc.cli", "check", "-"], input=text, capture_output=True,
                                 text=True, timeout=120)
        else:
            (tmp_path / name).write_text(text)
            res = run_cli("check", tmp_path / name)
        [line] = res.stderr.strip().splitlines()
        assert res.returncode == 2 and expect in line, (res.returncode, res.stderr)
    # One record that counts its step is a log of one point (detectron2's metrics.json, early on).
    (tmp_path / "metrics.json").write_text('{"iteration": 19, "total_loss": 1.2}\n')
    assert read_or_error(tmp_path / "metrics.json") is not None


def test_info_prints_an_infinite_first_or_last_value_as_inf_not_nan(tmp_path):
    # A loss that blew up to inf (and an accuracy logged -inf by a log of zero) showed "nan" in
    # info's table: JSON keeps them null, and says which non-finite value each null stands for.
    path = tmp_path / "run.csv"
    rows = [f"{s},{2.0 / (1 + s / 50):.4f},{'-inf' if s == 0 else f'{0.1 + s / 400:.4f}'}" for s in range(290)]
    rows += [f"{s},inf,0.85" for s in range(290, 300)]
    path.write_text("step,loss,log_acc\n" + "\n".join(rows) + "\n")
    res = run_cli("info", path)
    assert res.returncode == 0, res.stderr
    lines = [line.split() for line in res.stdout.splitlines()]
    table = {cells[0]: cells for cells in lines if cells and cells[0] in ("loss", "log_acc")}
    assert table["loss"][5:7] == ["2", "inf"] and table["log_acc"][5:7] == ["-inf", "0.85"]
    from curvedoc.info import describe  # curvedoc.info names the module once it is imported

    loss, acc = describe(path)["runs"][0]["metrics"]
    assert (loss["last"], loss["last_nonfinite"], loss["first_nonfinite"]) == (None, "inf", None)
    assert (acc["first"], acc["first_nonfinite"], acc["last_nonfinite"]) == (None, "-inf", None)
