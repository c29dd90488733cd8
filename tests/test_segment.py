"""The prefix-sum line cost gives ruptures' own linear-model cost, and so its segmentations."""

from __future__ import annotations

import numpy as np
import pytest
import ruptures as rpt
from ruptures.costs import CostLinear

from curvedoc.segment import CostLinearSums, segment


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
