"""Ground-truth bookkeeping for generated training logs (no torch needed).

An event is first stated in optimiser updates (``step``: the first update the
cause acts on, counted from 1) with a tolerance in updates and a sentence on
how it was established from training internals. ``place`` maps it onto the
log's own axis; ``measure`` then says, from the series actually written,
whether the change is visible there at all (a late LR decay often is not) —
a plain before/after statistic on the written values, never curvedoc.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Event:
    step: int                  # optimiser update (1-based) where the cause acts
    direction: str             # "down" | "up"
    cause: str                 # lr_decay | batch_size_increase | plateau_escape | ...
    kind: str                  # drop | rise | spike | divergence | oscillation
    tol_steps: int             # tolerance in optimiser updates
    how: str                   # how the step was established
    also_acceptable: list = field(default_factory=list)
    sharp: bool = True         # False for slope changes (warmup end)
    extra: dict = field(default_factory=dict)


def _robust_sigma(z: np.ndarray) -> float:
    if len(z) < 3:
        return float("nan")
    d = np.diff(z)
    mad = np.median(np.abs(d - np.median(d)))
    return float(1.4826 * mad / math.sqrt(2))


def measure(x, y, at: float, tol: float, direction: str, kind: str,
            lo_guard: float = -math.inf, hi_guard: float = math.inf, interval: float = 1.0) -> dict:
    """Is the event visible in the written series?

    Works on log(y) when every finite value is positive. ``before`` is the
    window just before ``at``; ``after`` starts ``tol`` after it (the
    transition is allowed to take that long); windows never cross the
    neighbouring events (``lo_guard``/``hi_guard``). A drop/rise is visible
    when the median level moves the right way by more than 0.05 (5% on a log
    scale), more than 3 standard errors, and more than 1.5 times the move
    over the window before (so a steady trend is not mistaken for an event).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    fin = np.isfinite(y)
    use_log = bool(fin.any() and (y[fin] > 0).all())
    z = np.where(fin, np.log(np.where(fin & (y > 0), y, 1.0)) if use_log else y, np.nan)
    w = max(5 * interval, 3 * tol, 1)
    sel = lambda a, b: z[(x >= a) & (x < b) & np.isfinite(z)]
    before = sel(max(at - w, lo_guard), at)
    after = sel(at + tol, min(at + tol + w, hi_guard))
    prior = sel(max(at - 2 * w, lo_guard), max(at - w, lo_guard))
    out: dict = {"log_scale": use_log, "window": float(w), "n_before": int(len(before)),
                 "n_after": int(len(after))}
    sign = -1.0 if direction == "down" else 1.0
    if kind == "divergence":
        tail = y[x >= at - tol]
        nonfinite = bool((~np.isfinite(tail)).any())
        fz = z[(x >= at - tol) & np.isfinite(z)]
        rise = float(np.max(fz) - np.median(before)) if len(fz) and len(before) else float("nan")
        out.update({"nonfinite_after": nonfinite, "max_rise": rise,
                    "visible": bool(nonfinite or (rise > math.log(2) if use_log else rise > 0))})
        return out
    if len(before) < 3 or len(after) < 3:
        out.update({"visible": False, "note": "too few logged points around the event"})
        return out
    sigma = _robust_sigma(before)
    if kind == "spike":
        peak_win = sel(at - tol, at + tol + interval)
        peak = float(np.max(peak_win) - np.median(before)) if len(peak_win) else float("nan")
        base = float(np.std(before)) if len(before) > 2 else sigma
        out.update({"peak": peak, "sigma": sigma,
                    "visible": bool(peak > max(0.1, 5 * max(sigma, base * 0.5)))})
        return out
    if kind == "oscillation":
        # larger swings, or swinging around a clearly worse level
        sa = _robust_sigma(after)
        change = float(np.median(after) - np.median(before))
        se = 1.25 * sigma * math.sqrt(1 / len(before) + 1 / len(after))
        worse = sign * change > max(0.05 if use_log else 0.0, 3 * se)
        out.update({"sigma_before": sigma, "sigma_after": sa, "change": change,
                    "visible": bool((sa > 2 * sigma and sa > 0.05) or worse)})
        return out
    change = float(np.median(after) - np.median(before))
    se = 1.25 * sigma * math.sqrt(1 / len(before) + 1 / len(after))
    trend = float(np.median(before) - np.median(prior)) if len(prior) >= 3 else 0.0
    signed = sign * change
    thr = 0.05 if use_log else 0.0
    visible = signed > thr and signed > 3 * se and signed > 1.5 * max(0.0, sign * trend)
    out.update({"change": change, "se": se, "trend_before": trend, "visible": bool(visible)})
    return out


def place(ev: Event, info, steps_per_epoch: float | None = None) -> dict:
    """Map an event onto the log axis and size its tolerance there."""
    at = info.axis_of(ev.step)
    end = info.axis_of(ev.step + ev.tol_steps)
    min_tol = 1 if info.axis == "epoch" else 3 * info.interval
    tol = max(min_tol, end - at)
    return {"step": int(at), "tolerance": int(math.ceil(tol))}


def events_to_json(events: list[Event], info) -> list[dict]:
    placed = [place(e, info) for e in events]
    order = sorted(range(len(events)), key=lambda i: placed[i]["step"])
    out = []
    for rank, i in enumerate(order):
        e, p = events[i], placed[i]
        lo = placed[order[rank - 1]]["step"] + placed[order[rank - 1]]["tolerance"] if rank > 0 else -math.inf
        hi = placed[order[rank + 1]]["step"] if rank + 1 < len(order) else math.inf
        m = measure(info.x, info.y, p["step"], p["tolerance"], e.direction, e.kind,
                    lo_guard=lo, hi_guard=hi, interval=info.interval)
        d = {"step": p["step"], "direction": e.direction, "cause": e.cause, "kind": e.kind,
             "tolerance": p["tolerance"], "how_verified": e.how, "visible": m["visible"],
             "measured": {k: (round(v, 5) if isinstance(v, float) else v) for k, v in m.items() if k != "visible"}}
        if e.also_acceptable:
            d["also_acceptable"] = e.also_acceptable
        if not e.sharp:
            d["sharp"] = False
        if e.extra:
            d.update(e.extra)
        out.append(d)
    return out


def lr_changes(trace, rel_tol: float = 1e-9) -> list[tuple[int, float, float]]:
    """(first update with the new lr, old lr, new lr) for every change."""
    out, prev = [], None
    for s in trace.steps:
        if prev is not None and abs(s["lr"] - prev) > rel_tol * max(abs(prev), 1e-30):
            out.append((s["step"], prev, s["lr"]))
        prev = s["lr"]
    return out


def bs_changes(trace) -> list[tuple[int, int, int]]:
    out, prev = [], None
    for s in trace.steps:
        if prev is not None and s["batch_size"] != prev:
            out.append((s["step"], prev, s["batch_size"]))
        prev = s["batch_size"]
    return out


def drop_width(trace, step: int, horizon: int, key: str = "full_train_loss", frac: float = 0.8):
    """Updates after ``step`` until the probe has covered ``frac`` of its
    change between the last probe before ``step`` and the median of the
    probes in the last quarter of ``horizon``; None if it did not fall."""
    xs, ys = trace.probe_series(key)
    pre = ys[xs <= step]
    if not len(pre):
        return None
    p0 = pre[-1]
    tail = ys[(xs >= step + 0.75 * horizon) & (xs <= step + horizon)]
    if not len(tail):
        return None
    p1 = float(np.median(tail))
    if not (p1 < p0):
        return None
    target = p0 - frac * (p0 - p1)
    hit = xs[(xs > step) & (ys <= target)]
    return int(hit[0] - step) if len(hit) else None


def probe_excursion(trace, key: str = "full_train_loss", after: int = 0) -> float:
    """Largest ratio of a probe value to the running minimum before it (1.0 =
    never rose). Used to check that runs labelled without instability had none."""
    xs, ys = trace.probe_series(key)
    best, worst = math.inf, 1.0
    for x, y in zip(xs, ys):
        if not math.isfinite(y):
            return math.inf
        if x >= after and best < math.inf and best > 0:
            worst = max(worst, y / best)
        best = min(best, y)
    return worst
