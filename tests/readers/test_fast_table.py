"""A clean numeric CSV is read by pyarrow; whatever it reads must equal what the general path reads."""

import gzip
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import curvedoc
from curvedoc.errors import CurvedocError
from curvedoc.readers import _table

pytest.importorskip("pyarrow")


def general_path(monkeypatch):
    monkeypatch.setattr(_table, "load_numeric_table", lambda path, sep=None: None)


def read_both(path, monkeypatch, format=None):
    """(fast, general): each a list of runs, or the error message."""
    out = []
    for general in (False, True):
        with monkeypatch.context() as m:
            if general:
                general_path(m)
            try:
                out.append(curvedoc.read(path, format))
            except CurvedocError as err:
                out.append(str(err))
    return out


def assert_same_runs(fast, general):
    if isinstance(general, str) or isinstance(fast, str):
        assert fast == general
        return
    assert len(fast) == len(general)
    for a, b in zip(fast, general):
        assert (a.name, a.source, a.format, a.step_axis) == (b.name, b.source, b.format, b.step_axis)
        assert list(a.frame.columns) == list(b.frame.columns)
        assert a.frame.index.equals(b.frame.index) and a.frame.index.name == b.frame.index.name
        # pandas' C parser is not always correctly rounded, pyarrow is: one ulp apart at most.
        np.testing.assert_allclose(a.frame.to_numpy(), b.frame.to_numpy(), rtol=4e-16, atol=0)
        assert a.roles == b.roles and a.warnings == b.warnings and a.resumes == b.resumes
        assert a.nan_steps.keys() == b.nan_steps.keys()
        for key in a.nan_steps:
            assert a.nan_steps[key].tolist() == b.nan_steps[key].tolist()


def spy_fast_path(monkeypatch) -> list:
    """Records what the fast path returned on each call."""
    calls = []
    real = _table.load_numeric_table

    def spy(path, sep=None):
        frame = real(path, sep)
        calls.append(frame is not None)
        return frame
    monkeypatch.setattr(_table, "load_numeric_table", spy)
    return calls


CLEAN = {
    "plain": "step,loss,lr\n0,2.5,0.1\n1,2.25,0.1\n2,2.0,0.01\n",
    "gaps and missing tokens": "step,loss,val_loss\n0,2.5,\n1,NA,N/A\n2,None,null\n3,NULL,<NA>\n4,2.0,1.5\n",
    "logged nan and inf": "step,loss,acc\n0,2.5,0.1\n1,nan,0.2\n2,,0.3\n3,inf,NaN\n4,-inf,\n5,1e309,0.5\n",
    "crlf and bom": "\ufeffstep,loss\r\n0,1.5\r\n1,1.25\r\n",
    "spaces after the separator": "step, loss, lr\n0, 1.5, 0.1\n1, 1.25, 0.1\n",
    "quoted cells": '"step","loss"\n"0","1.5"\n"1",""\n"2","1.0"\n',
    "repeated and spaced names": "step,loss,loss, loss ,lr\n0,1,2,3,0.1\n1,1,2,3,0.1\n",
    "pandas index": ",step,loss\n0,10,1.5\n1,20,1.25\n2,30,1.0\n",
    "tab separated": "step\tloss\n0\t1.5\n1\t1.25\n",
    "semicolons": "step;loss\n0;1.5\n1;1.25\n",
    "blank lines": "step,loss\n0,1.5\n\n1,1.25\n\n",
    "resumed": "step,loss\n0,2.0\n1,1.5\n2,1.4\n1,1.45\n2,1.35\n3,nan\n",
    "no step column": "loss,acc\n1.5,0.1\n1.25,0.2\n",
    "fractional steps": "step,loss\n0.5,1.5\n1.5,1.25\n",
    "epoch axis": "epoch,loss,val_loss\n0,1.5,1.6\n1,1.25,1.3\n",
    "an empty column": "step,loss,empty\n0,1.5,\n1,1.25,\n",
    "big integers": "step,tokens\n0,9223372036854775808\n1,99999999999999999999\n",
    "signs and short forms": "step,loss\n0,+1.5\n1,.5\n2,5.\n3,1E-3\n4,-0\n",
}

REPAIRED = {
    "decimal commas": "step;loss\n0;1,5\n1;1,25\n",
    "units": "step,time\n0,0.5s\n1,0.7s\n",
    "thousands": 'step,tokens\n0,"1,000"\n1,"2,000"\n',
    "repeated header": "step,loss\n0,1.5\nstep,loss\n1,1.25\n",
    "cut last line": "step,loss\n0,1.5\n1,1.2",
    "no line end after a whole last line": 'step,loss\n0,1.5\n1,"1.25"',
    "text column": "step,loss,phase\n0,1.5,warmup\n1,1.25,main\n",
    "wider rows": "step,loss\n0,1.5,\n1,1.25,\n",
    "malformed row": "step,loss\n0,1.5\n1,1.25,9,9\n2,1.0\n",
    "short row": "step,loss,acc\n0,1.5,0.1\n1,1.25\n2,1.0,0.3\n",
    "MSVC nan": "step,loss\n0,1.5\n1,-nan(ind)\n2,1.#INF\n",
    "space before a missing token": "step,loss,acc\n0,1.5, NA\n1,1.25,0.2\n",
    "booleans": "step,loss,done\n0,1.5,false\n1,1.25,true\n",
    "header only": "step,loss\n",
    "quoted newline in the header": '"step","loss\nvalue"\n0,1.5\n',
}


@pytest.mark.parametrize("name", CLEAN)
def test_clean_tables_take_the_fast_path_and_read_the_same(tmp_path, monkeypatch, name):
    path = tmp_path / "log.csv"
    path.write_bytes(CLEAN[name].encode())
    fast, general = read_both(path, monkeypatch)
    assert_same_runs(fast, general)
    calls = spy_fast_path(monkeypatch)
    curvedoc.read(path)
    assert calls == [True]


@pytest.mark.parametrize("name", REPAIRED)
def test_tables_needing_repairs_take_the_general_path(tmp_path, monkeypatch, name):
    path = tmp_path / "log.csv"
    path.write_bytes(REPAIRED[name].encode())
    calls = spy_fast_path(monkeypatch)
    try:
        curvedoc.read(path, "csv")
    except CurvedocError:
        pass
    assert calls == [False]


def test_gzip_takes_the_general_path(tmp_path, monkeypatch):
    path = tmp_path / "log.csv.gz"
    path.write_bytes(gzip.compress(CLEAN["plain"].encode()))
    calls = spy_fast_path(monkeypatch)
    [run] = curvedoc.read(path)
    assert calls == [False] and run.frame.shape == (3, 2)


def test_logged_nan_is_kept_apart_from_a_gap(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("step,loss,val\n0,2.0,\n1,1.5,1.0\n2,,\n3,nan,\n4,NaN,2.0\n")
    [run] = curvedoc.read(path)
    assert run.nan_steps["loss"].tolist() == [3, 4] and "val" not in run.nan_steps
    assert run.series("loss").index.tolist() == [0, 1, 3, 4]
    assert run.series("val").index.tolist() == [1, 4]


def test_without_pyarrow_the_general_path_reads_it(tmp_path, monkeypatch):
    path = tmp_path / "log.csv"
    path.write_text(CLEAN["logged nan and inf"])
    expected = curvedoc.read(path)
    monkeypatch.setitem(sys.modules, "pyarrow.csv", None)  # import pyarrow.csv raises ImportError
    assert _table.load_numeric_table(path) is None
    assert_same_runs(curvedoc.read(path), expected)


CELLS = ["", "0", "1", "-1", "2.5", "1e-3", "1E5", "+3", ".5", "nan", "NaN", "-nan", "inf", "-inf", "Infinity",
         "NA", "None", "null", " 4.5", "4.5 ", "1e309", "123456789012", '"7"', '""', "0.1000000000000000055511"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(["step", "epoch", "loss", "lr", "val_loss", "acc", "loss", "", "_step"]),
                       min_size=1, max_size=5),
       cells=st.lists(st.lists(st.sampled_from(CELLS), min_size=5, max_size=5), min_size=1, max_size=12),
       sep=st.sampled_from([",", ";", "\t"]), eol=st.sampled_from(["\n", "\r\n"]))
def test_random_numeric_tables_read_the_same_either_way(tmp_path_factory, monkeypatch, header, cells, sep, eol):
    rows = [sep.join(row[:len(header)]) for row in cells]
    path = tmp_path_factory.mktemp("t") / "log.csv"
    path.write_bytes((eol.join([sep.join(header), *rows]) + eol).encode())
    fast, general = read_both(path, monkeypatch, "csv")
    assert_same_runs(fast, general)


def test_a_nan_step_set_aside_is_named_the_same_by_either_parser(tmp_path, monkeypatch):
    # Found by the random tables above: pyarrow leaves no text for a NaN cell, so its warning
    # called the 'nan' an empty cell.
    path = tmp_path / "log.csv"
    path.write_text("epoch,step,step,step,step\n,0,,,0\n,nan,,,\n")
    fast, general = read_both(path, monkeypatch, "csv")
    assert_same_runs(fast, general)
    assert "1 row whose 'step' is no whole step set aside (the first holds a NaN)" in fast[0].warnings


def german(x, spec: str) -> str:
    return format(x, spec).translate(str.maketrans(",.", ".,"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.integers(0, 10**7), min_size=1, max_size=12, unique=True).map(sorted),
       data=st.data(), decimals=st.sampled_from([1, 3, 6]), sep=st.sampled_from([";", "\t"]))
def test_a_table_written_with_decimal_commas_reads_as_written_plainly(tmp_path_factory, steps, data, decimals, sep):
    # Plainly written, the table takes the fast path; with decimal commas and dots between thousands
    # (an lr below 1 shows the convention), the general path must read the same numbers.
    values = data.draw(st.lists(st.floats(0, 1e5), min_size=len(steps), max_size=len(steps)))
    lrs = data.draw(st.lists(st.floats(1e-4, 0.9), min_size=len(steps), max_size=len(steps)))
    folder = tmp_path_factory.mktemp("t")
    plain, written = folder / "plain.csv", folder / "comma.csv"
    plain.write_text("step,loss,lr\n" + "".join(f"{s},{v:.{decimals}f},{lr:.4f}\n"
                                                for s, v, lr in zip(steps, values, lrs)))
    written.write_text(sep.join(["step", "loss", "lr"]) + "\n" + "".join(
        sep.join([german(s, ","), german(v, f",.{decimals}f"), german(lr, ".4f")]) + "\n"
        for s, v, lr in zip(steps, values, lrs)))
    [a], [b] = curvedoc.read(plain, "csv"), curvedoc.read(written, "csv")
    assert a.frame.index.tolist() == b.frame.index.tolist() == steps
    np.testing.assert_allclose(a.frame.to_numpy(), b.frame.to_numpy(), rtol=4e-16, atol=0)
