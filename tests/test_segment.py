"""The prefix-sum line cost gives ruptures' own linear-model cost, and so its segmentations."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
import ruptures as rpt
from ruptures.costs import CostLinear

from curvedoc.segment import ArrayPelt, CostLinearSums, Pelt, segment


def curves():
    rng = np.random.default_rng(7)
    for m in (7, 12, 40, 150, 400):
        t = np.log(np.arange(1, m + 1, dtype=float))
        for shape in range(5):
            y = 2.0 - 0.3 * t + 0.05 * rng.standard_normal(m)
            if shape == 1:
                y[m // 2:] -= 0.5  # one drop
            elif shape == 2:
                y[m // 3: m // 3 + 3] += 1.0  # a spike
            elif shape == 3:
                y = np.round(y, 1)  # ties from rounding
            elif shape == 4:
                y[m // 4:] -= 0.3
                y[3 * m // 4:] -= 0.3
            yield m, t, y


def test_cost_equals_ruptures_linear_cost():
    for m, t, y in curves():
        ours = CostLinearSums().fit(np.column_stack([y, t]))
        theirs = CostLinear().fit(np.column_stack([y, t, np.ones(m)]))
        for a, b in [(0, m), (0, m // 2), (m // 3, m), (1, 4)]:
            assert ours.error(a, b) == pytest.approx(theirs.error(a, b), rel=1e-7, abs=1e-9)


@pytest.mark.parametrize("pen_scale", [0.3, 3.0])
def test_same_breakpoints_as_ruptures_linear_model(pen_scale):
    for m, t, y in curves():
        pen = pen_scale * 0.05**2 * np.log(m)
        ours = [p.end for p in segment(t, y, pen, min_size=3)]
        theirs = rpt.Pelt(model="linear", min_size=3, jump=1).fit(np.column_stack([y, t, np.ones(m)])).predict(pen=pen)
        assert ours == theirs, (m, pen_scale)


def test_array_search_gives_ruptures_own_search():
    """The recursion on arrays prunes and breaks ties as ruptures' Pelt does, on curves with
    drops, spikes, rounded ties, constant stretches and noise from tiny to large."""
    rng = np.random.default_rng(11)
    checked = 0
    for trial in range(150):
        m = int(rng.integers(6, 300))
        t = np.log(np.arange(1, m + 1, dtype=float)) if trial % 2 else np.arange(m, dtype=float)
        y = 2.0 - 0.3 * t + rng.normal(0, rng.choice([0.001, 0.05, 0.5]), m)
        if trial % 3 == 0:
            y[m // 2:] -= 0.5
        if trial % 5 == 0:
            y = np.round(y, 1)
        if trial % 7 == 0:
            y[m // 4: m // 2] = 1.0
        for min_size in (2, 3, 5):
            if m < 2 * min_size:
                continue
            pen = float(rng.choice([0.001, 0.01, 0.1, 1.0])) * np.log(m)
            signal = np.column_stack([y, t])
            ours = ArrayPelt(custom_cost=CostLinearSums(), min_size=min_size, jump=1).fit(signal).predict(pen=pen)
            theirs = Pelt(custom_cost=CostLinearSums(), min_size=min_size, jump=1).fit(signal).predict(pen=pen)
            assert ours == theirs, (trial, m, min_size, pen)
            checked += 1
    assert checked > 400


def test_array_search_past_the_table_reads_costs_end_by_end(monkeypatch):
    rng = np.random.default_rng(3)
    t = np.log(np.arange(1, 201, dtype=float))
    y = 1.0 - 0.2 * t + rng.normal(0, 0.02, 200)
    y[120:] -= 0.4
    signal = np.column_stack([y, t])
    theirs = Pelt(custom_cost=CostLinearSums(), min_size=3, jump=1).fit(signal).predict(pen=0.01)
    monkeypatch.setattr(ArrayPelt, "MAX_TABLE", 50)
    ours = ArrayPelt(custom_cost=CostLinearSums(), min_size=3, jump=1).fit(signal).predict(pen=0.01)
    assert ours == theirs and 120 in ours


def test_importing_curvedoc_leaves_scipy_unloaded_and_ruptures_whole():
    """ruptures' scipy-backed costs are loaded on first use, and still work: a
    pre-commit check pays start-up on every commit."""
    script = """
import sys
import curvedoc.analysis
assert "scipy.stats" not in sys.modules and "scipy.spatial" not in sys.modules, "scipy loaded at import"
import os
import subprocess
import sys

import numpy as np
import ruptures as rpt
x = np.r_[np.zeros(60), np.full(60, 3.0)] + np.random.default_rng(0).normal(0, 0.2, 120)
print(rpt.Pelt(model="rank").fit(x).predict(pen=10), rpt.Pelt(model="rbf").fit(x).predict(pen=10),
      [int(b) for b in rpt.Window(width=20, model="l2").fit(x).predict(pen=10)])
from scipy.stats import mannwhitneyu
import scipy.stats
print(type(scipy.stats).__name__, mannwhitneyu([1, 2, 3, 4], [5, 6, 7, 8], alternative="less").pvalue < 0.05)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[60, 120] [60, 120] [60, 120]", "module True"]


def test_a_ruptures_that_calls_scipy_while_importing_is_imported_plainly(tmp_path):
    fake = tmp_path / "ruptures"
    fake.mkdir()
    (fake / "__init__.py").write_text("from scipy.stats import norm\nMEDIAN = float(norm.ppf(0.5))\nclass Pelt:\n    pass\n")
    (fake / "base.py").write_text("BaseCost = object\n")
    script = ("import sys, curvedoc.segment as s, ruptures\n"
              "print(ruptures.MEDIAN, s.Pelt.__name__, type(sys.modules['scipy.stats']).__name__)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)}).stdout
    assert out.split() == ["0.0", "Pelt", "module"]
