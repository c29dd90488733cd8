"""What a user would otherwise run: plain ruptures, and the pipeline of change-point-notes.md.

Both return detections as ``[{"step": int}]`` for the scoring in ``scoring.py``.
"""

from __future__ import annotations

import math

import numpy as np
import ruptures as rpt


def _mad_sigma(x: np.ndarray) -> float:
    d = np.diff(x)
    return float(1.4826 * np.median(np.abs(d - np.median(d))) / math.sqrt(2)) or float(np.std(d)) or 1e-12


def plain_ruptures(steps: np.ndarray, values: np.ndarray) -> list[dict]:
    """Exact l2 PELT (ruptures' C KernelCPD, linear kernel) on the raw series, BIC-type penalty."""
    ok = np.isfinite(values)
    steps, values = steps[ok], values[ok]
    if len(values) < 4:
        return []
    sigma = _mad_sigma(values)
    bkps = rpt.KernelCPD(kernel="linear", min_size=2).fit(values).predict(pen=2 * sigma**2 * math.log(len(values)))
    return [{"step": int(steps[b])} for b in bkps[:-1]]


def notes_pipeline(steps: np.ndarray, values: np.ndarray, m: int = 500) -> list[dict]:
    """Strategy k of change-point-notes.md, as written there (defaults c=4, L_min=6, ±3-block refine)."""
    ok = np.isfinite(values)
    steps, values = steps[ok].astype(float), values[ok].astype(float)
    n = len(values)
    if n < 12:
        return []
    z = _homogeneous_transform(values)
    b = max(1, math.ceil(n / m))
    edges = np.arange(0, n, b)
    counts = np.diff(np.append(edges, n))
    zb = np.add.reduceat(z, edges) / counts
    tb = np.log(np.add.reduceat(steps, edges) / counts + 1)
    mb = len(zb)
    sigma_b = _mad_sigma(zb)
    signal = np.column_stack([zb, tb, np.ones(mb)])
    bkps = rpt.Pelt(model="linear", min_size=3, jump=1).fit(signal).predict(pen=4 * sigma_b**2 * math.log(mb))
    starts = [0] + bkps[:-1]
    segs = []
    for a, e in zip(starts, bkps):
        coef = np.polyfit(tb[a:e], zb[a:e], 1) if e - a >= 2 else np.array([0.0, zb[a]])
        segs.append((a, e, coef))
    thr = max(0.02, 2 * sigma_b)
    found: list[tuple[int, float]] = []  # (block index, signed size)
    longs = [s for s in segs if s[1] - s[0] >= 6]
    for (a1, e1, c1), (a2, e2, c2) in zip(longs, longs[1:]):
        boundary = tb[a2]
        jump = np.polyval(c2, boundary) - np.polyval(c1, boundary)
        if abs(jump) > thr:
            found.append((a2, jump))
        for a, e, c in segs:
            if e1 <= a and e <= a2:  # a short segment between them: a spike?
                mid = 0.5 * (np.polyval(c1, tb[a]) + np.polyval(c2, tb[a]))
                dev = zb[a:e].mean() - mid
                if abs(dev) > thr and abs(dev) > 2 * abs(jump):
                    found += [(a, dev), (e, -dev)]
    merged: list[tuple[int, float]] = []
    for blk, size in sorted(found):
        if merged and np.sign(size) == np.sign(merged[-1][1]) and blk - merged[-1][0] <= 10:
            continue
        merged.append((blk, size))
    out = []
    lo_limit = 0
    for blk, _ in merged:
        lo = max(lo_limit, (blk - 3) * b)
        hi = min(n, (blk + 3) * b)
        k = lo + _best_split(z[lo:hi]) if hi - lo >= 4 else min(blk * b, n - 1)
        lo_limit = k
        out.append({"step": int(steps[min(k, n - 1)])})
    return out


def _homogeneous_transform(values: np.ndarray) -> np.ndarray:
    candidates = [values]
    if np.all(values > 0):
        candidates.append(np.log(values))
    if np.all((values >= 0) & (values < 1)):
        candidates.append(np.log(1 - values))

    def spread(x):
        sig = [_mad_sigma(c) for c in np.array_split(x, 8) if len(c) > 3]
        sig = [s for s in sig if s > 0]
        return max(sig) / min(sig) if sig else math.inf

    return min(candidates, key=spread)


def _best_split(x: np.ndarray) -> int:
    c = np.cumsum(x)
    n = len(x)
    k = np.arange(1, n)
    gain = c[:-1] ** 2 / k + (c[-1] - c[:-1]) ** 2 / (n - k)
    return int(k[np.argmax(gain)])
