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
    out = []
    for e in events:
        d = {**place(e, info), "direction": e.direction, "cause": e.cause, "kind": e.kind,
             "how_verified": e.how}
        if e.also_acceptable:
            d["also_acceptable"] = e.also_acceptable
        if not e.sharp:
            d["sharp"] = False
        d.update(e.extra)
        out.append(d)
    return measure_all(out, info)


def measure_all(events: list[dict], info) -> list[dict]:
    """The placed events in step order, each with ``visible`` and ``measured``
    from the written series, its windows stopping at its neighbours."""
    events = sorted(events, key=lambda d: d["step"])
    out = []
    for rank, d in enumerate(events):
        prev = events[rank - 1] if rank > 0 else None
        lo = prev["step"] + prev["tolerance"] if prev else -math.inf
        hi = events[rank + 1]["step"] if rank + 1 < len(events) else math.inf
        m = measure(info.x, info.y, d["step"], d["tolerance"], d["direction"], d["kind"],
                    lo_guard=lo, hi_guard=hi, interval=info.interval)
        head = {k: d[k] for k in ("step", "direction", "cause", "kind", "tolerance", "how_verified")}
        rest = {k: v for k, v in d.items() if k not in head and k not in ("visible", "measured")}
        out.append({**head, "visible": m["visible"],
                    "measured": {k: (round(v, 5) if isinstance(v, float) else v) for k, v in m.items()
                                 if k != "visible"}, **rest})
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


def transition(xs, ys, lo_frac=0.1, hi_frac=0.9, start=None, end=None):
    """Where a rising transition from ``start`` to ``end`` happens.

    Returns (mid, lo, hi): ``mid`` is the first x where the quantity has
    covered 50% of the way from start (default: median of the first 5 values)
    to end (default: median of the last 5); ``lo`` the last x before ``mid``
    still below ``lo_frac`` of the way, ``hi`` the first x after ``mid`` at or
    above ``hi_frac``. So [lo, hi] is the width of the final rise, not of
    earlier false starts.
    """
    xs = np.asarray(xs)
    ys = np.asarray(ys, dtype=float)
    a = float(np.median(ys[:5])) if start is None else start
    b = float(np.median(ys[-5:])) if end is None else end
    frac = (ys - a) / (b - a) if b != a else np.zeros_like(ys)
    hit = np.nonzero(frac >= 0.5)[0]
    if not len(hit):
        return None, None, None
    m = hit[0]
    below = np.nonzero(frac[:m] < lo_frac)[0]
    above = np.nonzero(frac[m:] >= hi_frac)[0]
    lo = int(xs[below[-1]]) if len(below) else int(xs[0])
    hi = int(xs[m + above[0]]) if len(above) else int(xs[-1])
    return int(xs[m]), lo, hi


def plateau_escapes(xs, loss, covered=(), flat_frac: float = 0.10, move_frac: float = 0.03) -> list[dict]:
    """Falls of a probed loss off a flat stretch that no listed event covers.

    The rule every run's listed events are audited against (benchmarks/
    audit_truths.py), fixed before it was run on any set: over a tenth of the
    run the log of the probe stays within 0.15 (its 10-90% range); between 3%
    and 6% of the run later its median stands lower by at least 25%, by three
    such ranges, and by three times the move the stretch's own trend would
    make. The stretch must lie inside the run, so a run's first descent off
    its initial loss is not an escape unless it sat there a tenth of the run.
    ``covered`` holds (update, tolerance) of the events already listed.
    Returns, per fall, the flat stretch's end, the levels before and after,
    and the 50% crossing with its 10%/90% points (``transition``).
    """
    xs = np.asarray(xs, dtype=float)
    y = np.asarray(loss, dtype=float)
    keep = np.isfinite(y) & (y > 0)
    xs, z = xs[keep], np.log(y[keep])
    if len(xs) < 20:
        return []
    span = xs[-1] - xs[0]
    flat_w, move_w = flat_frac * span, move_frac * span
    hits = []
    for i, x in enumerate(xs):
        if x - flat_w < xs[0]:
            continue
        on = (xs >= x - flat_w) & (xs <= x)
        after = z[(xs >= x + move_w) & (xs <= x + 2 * move_w)]
        if on.sum() < 8 or len(after) < 2:
            continue
        q10, q90 = np.quantile(z[on], [0.1, 0.9])
        trend = np.polyfit(xs[on], z[on], 1)[0] * 1.5 * move_w
        fall = float(np.median(z[on]) - np.median(after))
        if q90 - q10 <= 0.15 and fall >= max(math.log(1.25), 3 * (q90 - q10), 3 * abs(trend)):
            hits.append((x, float(np.median(z[on])), float(np.median(after))))
    moves = []
    for x, before, after in hits:
        if moves and x - moves[-1]["flat_until"] <= move_w:
            moves[-1].update(flat_until=x, **({"after": after} if after < moves[-1]["after"] else {}))
        else:
            moves.append({"flat_from": x, "flat_until": x, "before": before, "after": after})
    out = []
    for m in moves:
        near = [s for s, tol in covered
                if m["flat_from"] - tol - move_w <= s <= m["flat_until"] + 2 * move_w + tol]
        if near:
            continue
        sel = (xs >= m["flat_from"] - flat_w) & (xs <= m["flat_until"] + 2 * move_w)
        mid, lo, hi = transition(xs[sel], -z[sel], start=-m["before"], end=-m["after"])
        out.append({"mid": mid, "lo": lo, "hi": hi, "flat_from": int(m["flat_from"] - flat_w),
                    "flat_until": int(m["flat_until"]), "before": math.exp(m["before"]),
                    "after": math.exp(m["after"])})
    return out


def escape_events(xs, loss, covered, category: str, lr=None, key: str = "full_train_loss") -> list[Event]:
    """``plateau_escapes`` of a run's probed loss at a constant ``lr`` (probed
    alongside) as events: updates, tolerance the wider half of the 10-90% fall
    as ``transition`` events have it."""
    xs = np.asarray(xs, dtype=float)
    lr = np.asarray(lr, dtype=float) if lr is not None else None

    def constant_lr(f):
        on = lr[(xs >= f["flat_from"]) & (xs <= f["hi"])] if lr is not None else np.array([])
        return not len(on) or np.ptp(on) <= 1e-9 * np.max(np.abs(on))

    cause, also = (("saturation_recovery", ["plateau_escape"]) if category == "saturation_recovery"
                   else ("plateau_escape", []))
    return [Event(f["mid"], "down", cause, "drop", max(f["hi"] - f["mid"], f["mid"] - f["lo"]),
                  f"{key} (internals.csv) flat at {f['before']:.3g} over updates {f['flat_from']}-"
                  f"{f['flat_until']}, then {f['after']:.3g}: 50% of the way at update "
                  f"{f['mid']} (10% at {f['lo']}, 90% at {f['hi']}); tolerance = the wider half of that fall. "
                  f"Found by the audit rule of tools/truthlib.py (plateau_escapes), not by the script's plan",
                  also_acceptable=also)
            for f in plateau_escapes(xs, loss, covered) if constant_lr(f)]
