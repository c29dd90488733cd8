"""Curves with no transition at all: smooth decays, straight lines, random smooth shapes.

A careful reader sees nothing sharp in any of them, so every event curvedoc
reports on them is false. Noise-free and lightly noisy curves matter because
full-batch training, per-epoch validation curves and smoothed logs look like
them, and there the lines fitted to a bend have tiny residuals. Part of
`make bench-accuracy`; deterministic (fixed seeds).
"""

from __future__ import annotations

import numpy as np


def _families() -> dict[str, list[tuple[np.ndarray, str]]]:
    out: dict[str, list[tuple[np.ndarray, str]]] = {}
    clean = out.setdefault("noise-free decays (exponential, power law with a floor; 30-3,000 points)", [])
    for n in (30, 80, 300, 3000):
        i = np.arange(n, dtype=float)
        for loss in (2.0 / (i + 1) + 0.1, 2.0 * np.exp(-i / (n / 5)) + 0.05,
                     2.0 * np.exp(-i / (n / 30)) + 0.05, 2.0 / (i + 1) ** 2 + 0.05):
            clean += [(loss, "loss"), (1 - 0.9 * loss / loss[0], "accuracy")]
    lines = out.setdefault("straight lines (a loss, a negative log-likelihood, an accuracy, a reward; 10-1,000 points)",
                           [])
    for n in (10, 20, 30, 50, 100, 1000):
        i = np.arange(n, dtype=float)
        lines += [(3 - 2 * i / n, "loss"), (-1 - i, "loss"), (0.1 + 0.8 * i / n, "accuracy"), (i, "reward")]
    linear = out.setdefault("linear losses of every range, `np.linspace(a, b, n)` (10-10,000 points)", [])
    for n in (10, 20, 30, 50, 100, 300, 1000, 10000):
        linear += [(np.linspace(a, b, n), "loss") for a, b in ((3, 1), (2.3, 0.1), (10, 9), (60, 11), (1, 0.01))]
    out["random smooth curves: exponential, power law, linear, U-shaped validation loss, accuracy; "
        "0-3% noise, 20-2,000 points"] = _random_smooth(400)
    return out


def _random_smooth(count: int) -> list[tuple[np.ndarray, str]]:
    rng = np.random.default_rng(7)
    curves = []
    for k in range(count):
        n = int(rng.choice([20, 30, 50, 80, 120, 200, 500, 2000]))
        i = np.arange(n, dtype=float)
        shape = k % 5
        if shape == 0:
            v = rng.uniform(0.5, 3) * np.exp(-i / (n * rng.uniform(0.05, 0.6))) + rng.uniform(0.01, 0.5)
        elif shape == 1:
            v = rng.uniform(0.5, 3) * (1 + i / (n * rng.uniform(0.01, 0.3))) ** -rng.uniform(0.3, 2) \
                + rng.uniform(0.0, 0.3)
        elif shape == 2:
            v = np.linspace(rng.uniform(1, 3), rng.uniform(0.2, 0.9), n)
        elif shape == 3:  # a validation loss that turns up slowly (overfitting): no sharp point either
            v = rng.uniform(0.5, 3) * np.exp(-i / (n * rng.uniform(0.05, 0.6))) + rng.uniform(0.05, 0.5) \
                + 0.002 * i / n * rng.uniform(0, 50)
        else:
            v = 1 - 0.9 * np.exp(-i / (n * rng.uniform(0.05, 0.5)))
        noise = rng.choice([0.0, 0.003, 0.01, 0.03])
        metric = "accuracy" if shape == 4 else "loss"
        v = v * np.exp(noise * rng.standard_normal(n)) if metric == "loss" else \
            np.clip(v + noise * rng.standard_normal(n), 0, 1)
        curves.append((v, metric))
    return curves


def clean_curves() -> str:
    """Markdown: how many curves of each family get an event (every one false)."""
    from curvedoc.detect import analyze_series

    lines = ["", "", "Curves with no transition at all (`benchmarks/clean_curves.py`): every event is false.", "",
             "| family | curves | with an event | events |", "|---|---|---|---|"]
    for family, curves in _families().items():
        counts = [len(analyze_series(np.arange(len(v)), v, metric).events) for v, metric in curves]
        lines.append(f"| {family} | {len(curves)} | {sum(c > 0 for c in counts)} | {sum(counts)} |")
    return "\n".join(lines)
