"""Piecewise-linear segmentation of a short (block-reduced) series with ruptures.

Training curves have trends: a power-law decay is close to a line in
log(step), so lines over log(step) cover the trend with few pieces and a
sharp transition shows up as a discontinuity or a short steep piece between
long ones (change-point-notes.md, strategy k).
"""

from __future__ import annotations

import importlib
import math
import sys
import types
from dataclasses import dataclass

import numpy as np

# ruptures' package import loads every cost and detector, and three of them
# bind a scipy function at import (rankdata, pdist and squareform,
# argrelmax). That loads scipy.stats, scipy.spatial and scipy.signal: 1.1 s
# of a 1.7 s start-up, paid by every pre-commit check, for costs curvedoc
# never uses. While ruptures imports, those modules are stand-ins whose
# functions import the real module on their first call.
_DEFERRED = ("scipy.stats", "scipy.stats.mstats", "scipy.spatial", "scipy.spatial.distance", "scipy.signal")


class _DeferredModule(types.ModuleType):
    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        module_name = self.__name__

        def call(*args, **kwargs):
            return getattr(importlib.import_module(module_name), name)(*args, **kwargs)

        call.__name__ = name
        return call


def _import_ruptures():
    stand_ins = {name: _DeferredModule(name) for name in _DEFERRED if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import ruptures.base
        deferred = True
    except Exception:
        deferred = False
    finally:
        for name in stand_ins:
            del sys.modules[name]
    if not deferred:
        # A ruptures release that calls scipy while importing: import it plainly.
        for name in [m for m in sys.modules if m.split(".")[0] == "ruptures"]:
            del sys.modules[name]
        import ruptures.base
    return ruptures.Pelt, ruptures.base.BaseCost


Pelt, BaseCost = _import_ruptures()


class CostLinearSums(BaseCost):
    """ruptures cost for a line fit per segment, O(1) per segment from prefix sums.

    Same cost as ``ruptures.costs.CostLinear`` with covariates (t, 1), without a
    least-squares solve per call: Pelt calls ``error`` O(m^2) times.
    """

    model = "linear_sums"
    min_size = 2

    def fit(self, signal: np.ndarray) -> "CostLinearSums":
        self.signal = signal
        y, t = signal[:, 0], signal[:, 1]
        # Centre t to keep the normal equations well conditioned.
        t = t - t.mean()
        zero = np.zeros(1)
        self._sums = np.array([np.concatenate([zero, np.cumsum(s)]) for s in (t, t * t, y, t * y, y * y)])
        self._st, self._stt, self._sy, self._sty, self._syy = self._sums.tolist()
        return self

    def errors(self, starts: np.ndarray, end: int) -> np.ndarray:
        """``error(start, end)`` for an array of starts, the same operations in the same order."""
        return self._errors(end - starts, *(self._sums[:, end, None] - self._sums[:, starts]))

    def table(self) -> np.ndarray:
        """``error(start, end)`` at [end, start] for every pair, each end's costs in one row; where
        end <= start it means nothing. The operations of ``_errors``, done in place."""
        ends = np.arange(self._sums.shape[1])
        n = (ends[:, None] - ends[None, :]).astype(float)
        st, stt, sy, sty, syy = (s[:, None] - s[None, :] for s in self._sums)
        with np.errstate(divide="ignore", invalid="ignore"):
            ytot, vt, cov = syy, stt, sty
            for total, a, b in ((ytot, sy, sy), (vt, st, st), (cov, st, sy)):
                part = a * b
                part /= n
                total -= part
            flat = vt <= 1e-300
            cov *= cov
            cov /= np.where(flat, 1.0, vt)
            line = np.subtract(ytot, cov, out=cov)
        return np.maximum(np.where(flat, ytot, line), 0.0)

    @staticmethod
    def _errors(n, st, stt, sy, sty, syy) -> np.ndarray:
        ytot = syy - sy * sy / n
        vt = stt - st * st / n
        cov = sty - st * sy / n
        flat = vt <= 1e-300
        line = ytot - cov * cov / np.where(flat, 1.0, vt)
        return np.maximum(np.where(flat, ytot, line), 0.0)

    def error(self, start: int, end: int) -> float:
        n = end - start
        st = self._st[end] - self._st[start]
        stt = self._stt[end] - self._stt[start]
        sy = self._sy[end] - self._sy[start]
        sty = self._sty[end] - self._sty[start]
        syy = self._syy[end] - self._syy[start]
        ytot = syy - sy * sy / n
        vt = stt - st * st / n
        if vt <= 1e-300:
            return max(ytot, 0.0)
        cov = sty - st * sy / n
        return max(ytot - cov * cov / vt, 0.0)

    def sum_of_costs(self, bkps):
        starts = [0] + list(bkps[:-1])
        return sum(self.error(a, b) for a, b in zip(starts, bkps))


class ArrayPelt(Pelt):
    """ruptures' ``Pelt`` with its recursion over a vector of candidate starts.

    ruptures' search copies and re-sums a dict of segments for every candidate
    start at every end: on 400 blocks that was 0.09 s of the 0.17 s analysis of
    a 10^6-point loss, while the cost itself is a few array operations. This is
    the same recursion (jump 1), the same sums in the same order and the same
    pruning, with the costs of all admissible starts read at once from a table
    of every segment's cost; a test checks it against ruptures' own search."""

    # Past this many points the costs are read end by end, not from a table: the table and its five
    # sums take about 50 n^2 bytes (18 MB at 600; the default bound of 400 blocks is well inside).
    MAX_TABLE = 600

    def _seg(self, pen: float) -> dict:
        if self.jump != 1:
            return super()._seg(pen)
        n, s = self.n_samples, self.min_size
        total = np.full(n + 1, np.nan)  # cost of the best partition of [0, end)
        total[0] = 0.0
        start_of = np.zeros(n + 1, dtype=np.intp)
        last = np.zeros(n + 1)  # penalised cost of the last segment of that partition
        starts = np.zeros(n + 1, dtype=np.intp)  # the admissible starts are starts[:k]
        k = 0
        # Every segment's cost at once, penalised: m is a block count, a few hundred. Each step of
        # the recursion is a few operations on a few starts, where a call's overhead is the cost.
        cost = self.cost.table() + pen if n <= self.MAX_TABLE else None
        for end in [*range(s, n), n]:
            new = end - s
            if new == 0 or new >= s:  # ruptures has no partition of [0, t) for 0 < t < min_size
                starts[k] = new
                k += 1
            admissible = starts[:k]
            errors = cost[end][admissible] if cost is not None else self.cost.errors(admissible, end) + pen
            costs = total[admissible] + errors
            best = int(costs.argmin())
            total[end], last[end], start_of[end] = costs[best], errors[best], admissible[best]
            kept = admissible[costs <= total[end] + pen]
            k = len(kept)
            starts[:k] = kept
        partition, end = {}, n
        while end > 0:
            start = int(start_of[end])
            partition[(start, end)] = float(last[end])
            end = start
        return partition


@dataclass
class Piece:
    """One fitted line: blocks [start, end), y = a + b * t."""

    start: int
    end: int
    a: float
    b: float
    resid_sd: float

    @property
    def length(self) -> int:
        return self.end - self.start

    def at(self, t: float) -> float:
        return self.a + self.b * t


def dot(x: np.ndarray, y: np.ndarray) -> float:
    """Inner product of two vectors without BLAS, whose thread pool makes one product of 10^6
    values some 30x slower on a busy machine than numpy's own loop."""
    return float(np.einsum("i,i->", x, y))


def fit_line(t: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Least-squares line and residual SD (robust to n < 3)."""
    if len(y) == 1:
        return float(y[0]), 0.0, 0.0
    tc = t - t.mean()
    vt = dot(tc, tc)
    b = dot(tc, y - y.mean()) / vt if vt > 0 else 0.0
    a = float(y.mean() - b * t.mean())
    resid = y - (a + b * t)
    dof = max(len(y) - 2, 1)
    return a, b, math.sqrt(dot(resid, resid) / dof)


def segment(t: np.ndarray, y: np.ndarray, penalty: float, min_size: int) -> list[Piece]:
    """Optimal piecewise-linear segmentation (PELT) at the given penalty."""
    m = len(y)
    if m < 2 * min_size:
        return [_piece(t, y, 0, m)]
    algo = ArrayPelt(custom_cost=CostLinearSums(), min_size=min_size, jump=1)
    bkps = algo.fit(np.column_stack([y, t])).predict(pen=penalty)
    starts = [0] + bkps[:-1]
    return [_piece(t, y, a, b) for a, b in zip(starts, bkps)]


def _piece(t, y, start, end) -> Piece:
    a, b, sd = fit_line(t[start:end], y[start:end])
    return Piece(start, end, a, b, sd)
