"""Runs side by side on a common axis: final and best values, who reached a level first,
events matched across runs, stages, and where the runs part and what differs in the
schedule there.

The first run is the reference: events and the parting point are given for each
other run against it. Metrics are paired across runs by name, else by role and
quantity (Hugging Face's ``loss`` with Lightning's ``train_loss`` and TensorBoard's
``train/loss``; ``eval_loss`` with ``val_loss``), else as the user pairs them
(``--metric train/loss=loss``); what cannot be paired is listed, never dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from curvedoc.errors import CurvedocError

# Levels compared, as shares of the range every run covers (from the worst start
# to the worst best value): a quarter, half, three quarters, nine tenths of the way.
QUANTILES = (0.25, 0.5, 0.75, 0.9)
# Curves are compared after a centred rolling median over this share of their
# points: one lucky minibatch must not count as "reached".
SMOOTH_FRACTION = 0.01
# ... and a level is reached where the smoothed curve holds it over half of this share of them after.
HOLD_FRACTION = 0.05
# Two events are the same event when they are this close: a share of the common
# span, or two logging intervals of the sparser run, whichever is wider.
EVENT_TOLERANCE_FRACTION = 0.02
# Runs part where their smoothed difference exceeds this many standard deviations
# of the two runs' point-to-point scatter combined ...
PART_Z = 2.0
# ... and at least this much (log units for losses: 2%; a share of the range otherwise) ...
PART_MIN_LOG_GAP = 0.02
PART_MIN_RANGE_SHARE = 0.01
# ... for at least this share of the common span (a crossing is not a parting).
PART_MIN_FRACTION = 0.05
# Levels read over this many times the window, and apart over this many times the stretch, when the
# runs part on no finer reading.
WIDE_FACTOR = 5
# The curves are compared at this many points of the common span at most.
GRID_POINTS = 2000
# Schedule changes this close to the parting point (share of the common span) are reported.
SCHEDULE_WINDOW_FRACTION = 0.05
# A ratio of times to reach a level below this is "about the same time".
SOONER_MIN_RATIO = 1.1
# A run needs this many finite points of a metric for it to be compared (a start, a middle, an end).
MIN_POINTS = 3
# LR or batch-size values that differ by less than this (relative) are equal (float32 printing).
SCHEDULE_REL_TOL = 1e-3

AXES = ("step", "epoch", "time")

# Words that say which data a metric was measured on. A name with none of them is a
# training metric: ``loss`` is the training loss in Hugging Face and Keras logs.
SPLIT_WORDS = {"train": "train", "training": "train", "val": "val", "valid": "val", "validation": "val",
               "eval": "val", "evaluation": "val", "dev": "val", "test": "test"}
# Words that say when or how a value was logged, not what it measures
# (``epoch_loss`` of Keras' TensorBoard callback, Lightning's ``train_loss_epoch``).
FILLER_WORDS = {"epoch", "step", "avg", "mean", "total", "on"}
# One quantity, two spellings.
SYNONYMS = {"acc": "accuracy", "ppl": "perplexity", "err": "error"}
# Separates one metric name per run in ``--metric``: ``--metric train/loss=loss``.
PAIR_SEPARATOR = "="
BY_HAND = "pair by hand with --metric A_NAME=B_NAME (one name per run, in order)"


@dataclass
class RunValues:
    """One run's numbers for one metric, on the common axis."""

    run: str
    metric: str  # the run's own name for the metric (it may differ from MetricComparison.name)
    n_points: int
    final: float
    final_at: float
    best: float
    best_at: float
    at_common_end: float | None
    reached: list[float | None]  # axis value where each level was first reached (smoothed)
    # The same on the smoothed curve: the level at the run's last finite point, and the best level.
    final_level: float | None = None
    best_level: float | None = None
    best_level_at: float | None = None


@dataclass
class EventMatch:
    """An event seen in both runs (``both``), in both at different places (``shifted``), or in one (``only``).

    A move both runs make at the same place but label differently (one log has the LR, the
    other not) is ``both``, with the second run's label in ``b_label``."""

    match: str
    label: str
    kind: str
    a_at: float | None
    b_at: float | None
    a_change: float | None
    b_change: float | None
    text: str
    b_label: str | None = None  # set when the two runs read the same move differently
    height: tuple[float, float] = (0.0, 0.0)  # the taller event's, on its metric's scale (``SeriesAnalysis.height``)


@dataclass
class Parting:
    """Where two runs' curves part: the first point after which their gap stays beyond the noise."""

    at: float | None
    ahead: str | None
    gap: float | None
    threshold: float
    rejoin_at: float | None = None
    schedule: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class PairComparison:
    a: str
    b: str
    events: list[EventMatch]
    parting: Parting


@dataclass
class StageRow:
    index: int
    stages: list[dict | None]  # per run: start, end, length, level, flat_from, flat_for


@dataclass
class MetricPairing:
    """One metric in every run: its name in the reports, each run's column, and how they were paired."""

    name: str
    columns: list[str]  # one per run, in run order
    paired_by: str  # "name" (the same in every run), "role" (same role and quantity) or "user" (--metric A=B)


@dataclass
class NotCompared:
    """A run's metric left out of the comparison, and why."""

    run: str
    metric: str
    reason: str


@dataclass
class MetricComparison:
    name: str
    higher_is_better: bool
    scale: str  # "log" or "linear": how levels and gaps are measured
    levels: list[float]
    runs: list[RunValues]
    pairs: list[PairComparison]
    stages: list[StageRow]
    sentences: list[str]
    columns: list[str] = field(default_factory=list)  # each run's name for the metric, in run order
    paired_by: str = "name"  # see MetricPairing
    common_end: float | None = None  # where the shortest run's finite values end: the runs' "at" row
    # A run's single best point lies beyond its best level by more than PART_Z times the smallest
    # gap a parting needs (PART_MIN_LOG_GAP or PART_MIN_RANGE_SHARE): single points are then luck
    # (a per-step minibatch loss), the levels are what to read.
    noisy: bool = False
    # The runs count different units as the axis (steps in one, epochs in the other): no value is read
    # at a shared axis value, no level "reached" sooner, no best named.
    units_differ: bool = False


@dataclass
class Comparison:
    axis: str
    names: list[str]
    analyses: list = field(default_factory=list)  # RunAnalysis per run, same order as names
    metrics: list[MetricComparison] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_compared: list[NotCompared] = field(default_factory=list)


def compare(sources, metrics: list[str] | None = None, align: str | None = None,
            format: str | None = None, **analyze_kwargs) -> Comparison:
    """Compare runs on a common axis.

    ``sources``: log paths (each may hold several runs, as a W&B panel export or
    a TensorBoard directory does), ``RunAnalysis`` objects, or a mix; two runs at
    least in all. ``metrics``: what to compare (default: every analysed metric
    that pairs across the runs); each item is a name, taken in each run as written
    or else as the run's one metric of the same role and quantity, or one name per
    run joined by ``=`` (``train/loss=loss``), in run order. ``align``: ``step``,
    ``epoch`` or ``time`` (wall clock); None picks epoch when the runs' batch sizes
    differ, else step.
    """
    for spec in metrics or []:
        if not spec.strip() or (PAIR_SEPARATOR in spec and not all(p.strip() for p in spec.split(PAIR_SEPARATOR))):
            raise CurvedocError(f"--metric {spec!r} names an empty metric (A=B pairs metric A of the first run with "
                                "B of the second)")
    analyses = _analyses(sources, metrics, format, analyze_kwargs)
    if len(analyses) < 2:
        raise CurvedocError("compare needs two runs at least (two logs, or one log holding several runs)")
    from curvedoc.run import resume_warnings

    names = _unique_names(analyses)
    # A resumed run's steps logged twice, the later values kept: what analyze warns of, compare must say too,
    # or a run compared with its uninterrupted twin is read as one that ran through.
    notes: list[str] = [f"{name}: {w}" for name, ra in zip(names, analyses) for w in resume_warnings(ra.run.resumes)]
    axis = align or _auto_axis(analyses, notes)
    if axis not in AXES:
        raise CurvedocError(f"--align must be one of {', '.join(AXES)}, not {axis!r}")
    if axis == "step" and all(ra.run.step_axis == "epoch" for ra in analyses):
        axis = "epoch"  # logs kept per epoch: their "steps" are epochs
    if axis == "step" and len({ra.run.step_axis for ra in analyses}) > 1:
        # A step of one run against an epoch of another would make every "sooner" and every
        # "earlier" a comparison of different units: epochs, when every run knows them.
        axes = ", ".join(f"{n}: {ra.run.step_axis}" for n, ra in zip(names, analyses))
        by_epoch = _alignable(analyses, names, "epoch")
        if align is None and by_epoch:
            axis = "epoch"
            notes.append(f"the runs are logged on different axes ({axes}), so they are aligned on epochs")
        else:
            notes.append(f"the runs are logged on different axes ({axes}): their x values are compared as they "
                         "are" + ("; try --align epoch" if by_epoch else ""))
    # Steps of one run against epochs of another: no "sooner" and no parting can be read off them.
    units_differ = axis == "step" and len({ra.run.step_axis for ra in analyses}) > 1
    mappers = [_axis_mapper(ra, axis, name) for ra, name in zip(analyses, names)]
    if metrics:
        pairings, left_out = [], []
        for spec in metrics:
            pairing = _user_pairing(spec, analyses, names)
            if all(p.columns != pairing.columns for p in pairings):  # `-m loss -m train_loss`: one metric
                pairings.append(pairing)
    else:
        # A metric of one or two points (HF's end-of-training train_loss average) is no curve to pair:
        # listed as left out, it does not stand in the way of the curve of its role.
        pairings, left_out = pair_metrics([{sa.name: sa.higher_is_better for sa in ra.metrics
                                            if sa.n_points >= MIN_POINTS} for ra in analyses], names)
        left_out += [NotCompared(name, sa.name, f"fewer than {MIN_POINTS} points")
                     for name, ra in zip(names, analyses) for sa in ra.metrics if sa.n_points < MIN_POINTS]
        order = {(name, sa.name): (i, k) for i, (name, ra) in enumerate(zip(names, analyses))
                 for k, sa in enumerate(ra.metrics)}
        left_out.sort(key=lambda nc: order.get((nc.run, nc.metric), (len(names), 0)))
    comparison = Comparison(axis=axis, names=names, analyses=analyses, notes=notes, not_compared=left_out)
    for pairing in pairings:
        mc = _compare_metric(pairing, analyses, names, mappers, axis, comparison.not_compared, units_differ,
                             comparison.notes)
        if mc is not None:
            comparison.metrics.append(mc)
    if not comparison.metrics:
        short = [nc for nc in comparison.not_compared if nc.reason.startswith("fewer than")]
        if not pairings and not short:
            listing = "; ".join(f"{n}: {_some([sa.name for sa in ra.metrics])}" for n, ra in zip(names, analyses))
            raise CurvedocError(f"the runs share no metric, by name or by role ({listing}); {BY_HAND}")
        why = "; ".join(f"{nc.metric} in {nc.run}: {nc.reason}" for nc in (short or comparison.not_compared)[:3])
        raise CurvedocError(f"no metric with enough points in every run to compare ({why})")
    return comparison


# ---------------------------------------------------------------- inputs


def _analyses(sources, metrics, format, analyze_kwargs) -> list:
    from curvedoc.analysis import RunAnalysis, analyze
    from curvedoc.readers import read

    if isinstance(sources, (str, Path)) or not isinstance(sources, (list, tuple)):
        sources = [sources]
    out = []
    for src in sources:
        if isinstance(src, RunAnalysis):
            out.append(src)
            continue
        if not metrics:
            out.extend(analyze(src, None, format=format, **analyze_kwargs))
            continue
        for run in read(Path(src), format):
            out.extend(analyze([run], _wanted_columns(run, metrics), **analyze_kwargs))
    return out


def _wanted_columns(run, metrics: list[str]) -> list[str]:
    """The run's metric columns that ``--metric`` items may name: as written, or of the same role and quantity."""
    have = run.columns_with_role("metric")
    wanted = []
    for spec in metrics:
        parts = _spec_names(spec, have)
        if len(parts) > 1:
            wanted += [p for p in parts if p in have]
        elif spec in have:
            wanted.append(spec)
        else:
            wanted += [c for c in have if metric_key(c) is not None and metric_key(c) == metric_key(spec)]
    if not wanted:
        asked = [name for spec in metrics for name in _spec_names(spec, have)]
        role = ", nor one of the same role" if any(len(_spec_names(spec, have)) == 1 for spec in metrics) else ""
        raise CurvedocError(f"run {run.name} has no metric {' or '.join(asked)}{role}; it has: {', '.join(have)}",
                            run.source)
    return list(dict.fromkeys(wanted))


def _spec_names(spec: str, have) -> list[str]:
    """The names in one ``--metric`` item: one name, or one per run joined by ``=``."""
    if spec in have or PAIR_SEPARATOR not in spec:
        return [spec]
    return spec.split(PAIR_SEPARATOR)


def _telling_folder(ra, same: list) -> str:
    """The name of the nearest folder above ``ra``'s log, outside its run name, whose names differ
    among the runs of ``same`` (its own folder's name when none does)."""
    folders = [[p.name for p in Path(r.run.source).resolve().parents if p.name] for r in same]
    own = [p.name for p in Path(ra.run.source).resolve().parents if p.name]
    skip = set(Path(ra.run.name).parts)
    for k in range(min(len(f) for f in folders)):
        labels = [f[k] for f in folders]
        if own[k] not in skip and len(set(labels)) == len(labels):
            return own[k]
    return own[0] if own else ""


def _unique_names(analyses) -> list[str]:
    names = [ra.run.name for ra in analyses]
    if len(set(names)) == len(names):
        return names
    # The same run name in two files (two "metrics" logs, two seeds' lightning_logs/version_0): qualify
    # by the nearest folder above the files that tells them apart, not already in the name.
    names = [f"{_telling_folder(ra, [o for o in analyses if o.run.name == ra.run.name])}/{ra.run.name}"
             if names.count(ra.run.name) > 1 else ra.run.name for ra in analyses]
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}#{seen[n]}")
    return out


# ---------------------------------------------------------------- pairing metrics across runs


def metric_key(name: str) -> tuple[str, str] | None:
    """What a metric measures, from its name: (split, quantity), e.g. ``("val", "loss")`` for
    ``eval_loss``, ``val/loss`` and ``epoch_val_loss``; None when the name says no quantity."""
    words = [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)]
    split = next((SPLIT_WORDS[w] for w in words if w in SPLIT_WORDS), "train")
    quantity = [SYNONYMS.get(w, w) for w in words if w not in SPLIT_WORDS and w not in FILLER_WORDS]
    return (split, " ".join(quantity)) if quantity else None


def _key_label(key: tuple[str, str]) -> str:
    split, quantity = key
    return quantity if split == "train" else f"{split} {quantity}"


def pair_metrics(per_run: list[dict[str, bool]], names: list[str]) -> tuple[list[MetricPairing], list[NotCompared]]:
    """Pair the reference run's metrics with every other run's: by name first, then by role and quantity.

    ``per_run``: each run's metric names (in order) with whether higher is better.
    A pairing by role needs exactly one metric of that role, quantity and direction
    on each side; anything left over comes back as ``NotCompared`` with the reason.
    """
    ref, others = per_run[0], per_run[1:]
    columns = {m: [m] + [m if m in other else None for other in others] for m in ref}
    used = [set() for _ in per_run]
    for m, cols in columns.items():
        for j, c in enumerate(cols):
            if c is not None:
                used[j].add(c)
    ref_keys = {m: metric_key(m) for m in ref}
    why: dict[str, str] = {}
    for m, cols in columns.items():
        key = ref_keys[m]
        if None not in cols or key is None:
            continue
        twins = [o for o, k in ref_keys.items() if k == key and o != m]
        if twins:
            why[m] = f"{', '.join(twins)} in {names[0]} has the same role; {BY_HAND}"
            continue
        for j, other in enumerate(others, 1):
            if cols[j] is not None:
                continue
            cands = [o for o, hib in other.items() if o not in used[j] and hib == ref[m] and metric_key(o) == key]
            if len(cands) == 1:
                cols[j] = cands[0]
            elif cands:
                why[m] = f"several metrics of the same role in {names[j]} ({', '.join(cands)}); {BY_HAND}"
        if None in cols:
            continue
        for j, c in enumerate(cols):
            used[j].add(c)
    pairings = []
    for m, cols in columns.items():
        if None in cols:
            continue
        if all(c == m for c in cols):
            pairings.append(MetricPairing(m, cols, "name"))
        else:
            pairings.append(MetricPairing(_pair_name(cols, ref_keys[m], per_run), cols, "role"))
    complete = [set() for _ in per_run]
    for p in pairings:
        for j, c in enumerate(p.columns):
            complete[j].add(c)
    left: list[NotCompared] = []
    for m, cols in columns.items():
        if m in complete[0]:
            continue
        missing = [names[j] for j, c in enumerate(cols) if c is None]
        left.append(NotCompared(names[0], m, why.get(m) or f"no metric of that name or role in {', '.join(missing)}"))
    for j, other in enumerate(others, 1):
        for o in other:
            if o in complete[j]:
                continue
            if o in columns:  # the reference has it by this very name: another run lacks it
                missing = [names[k] for k, c in enumerate(columns[o]) if c is None]
                left.append(NotCompared(names[j], o, why.get(o) or
                                        f"no metric of that name or role in {', '.join(missing)}"))
                continue
            key = metric_key(o)
            same = [m for m, k in ref_keys.items() if key is not None and k == key and m not in complete[0]]
            left.append(NotCompared(names[j], o, f"the same role as {', '.join(same)} in {names[0]}, not paired "
                                                 f"automatically; {BY_HAND}" if same else
                                    f"no metric of that name or role in {names[0]}"))
    return pairings, left


def _pair_name(columns: list[str], key, per_run: list[dict[str, bool]]) -> str:
    """What the reports call metrics paired by role: the quantity (``loss``, ``val accuracy``),
    unless a run has a metric of that very name; then the names joined as ``--metric`` takes them."""
    label = _key_label(key) if key is not None else ""
    taken = any(label in run and label != col for run, col in zip(per_run, columns))
    return PAIR_SEPARATOR.join(columns) if not label or taken else label


def _user_pairing(spec: str, analyses, names) -> MetricPairing:
    """One ``--metric`` item as a pairing: a name (or its same-role twin in each run), or ``A=B``."""
    per_run = [{sa.name: sa.higher_is_better for sa in ra.metrics} for ra in analyses]
    parts = _spec_names(spec, set().union(*per_run))
    if len(parts) == 1:
        columns = [_same_or_twin(spec, have, name) for have, name in zip(per_run, names)]
        if all(c == spec for c in columns):
            return MetricPairing(spec, columns, "name")
        return MetricPairing(spec, columns, "role")
    if len(parts) != len(analyses):
        raise CurvedocError(f"--metric {spec} names {len(parts)} metrics, one per run, but there are "
                            f"{len(analyses)} runs (in this order: {', '.join(names)})")
    for part, have, name in zip(parts, per_run, names):
        if part not in have:
            raise CurvedocError(f"run {name} has no metric {part}; it has: {', '.join(have)}")
    directions = {have[part] for part, have in zip(parts, per_run)}
    if len(directions) > 1:
        sense = ", ".join(f"{p} {'higher' if have[p] else 'lower'} is better" for p, have in zip(parts, per_run))
        raise CurvedocError(f"--metric {spec} pairs metrics that improve in opposite directions ({sense})")
    if len(set(parts)) == 1:
        return MetricPairing(parts[0], parts, "name")
    keys = {metric_key(p) for p in parts}
    name = _key_label(keys.pop()) if len(keys) == 1 and None not in keys else spec
    if any(name in have and name != p for have, p in zip(per_run, parts)):
        name = spec
    return MetricPairing(name, parts, "user")


def _same_or_twin(spec: str, have: dict[str, bool], run: str) -> str:
    if spec in have:
        return spec
    key = metric_key(spec)
    twins = [m for m in have if key is not None and metric_key(m) == key]
    if len(twins) == 1:
        return twins[0]
    if twins:
        raise CurvedocError(f"run {run} has no metric {spec} but several of the same role ({', '.join(twins)}); "
                            + BY_HAND)
    raise CurvedocError(f"run {run} has no metric {spec}, nor one of the same role; it has: {', '.join(have)}")


def _auto_axis(analyses, notes: list[str]) -> str:
    """Epoch when the runs use different batch sizes (a step is not the same amount of data), else step."""
    import numpy as np

    sizes = []
    for ra in analyses:
        cols = ra.run.columns_with_role("batch_size")
        if not cols:
            return "step"
        sizes.append(float(np.nanmedian(ra.run.frame[cols[0]].to_numpy())))
    if len({round(s, 6) for s in sizes}) > 1 and all(ra.epochs is not None for ra in analyses):
        notes.append("batch sizes differ, so the runs are aligned on epochs")
        return "epoch"
    return "step"


def _alignable(analyses, names: list[str], axis: str) -> bool:
    """Whether every run can be put on ``axis`` (a hint is only worth giving if it works)."""
    try:
        for ra, name in zip(analyses, names):
            _axis_mapper(ra, axis, name)
    except CurvedocError:
        return False
    return True


def _axis_mapper(ra, axis: str, name: str):
    """A function from the run's steps to the common axis."""
    import numpy as np

    if axis == "step":
        return lambda steps: np.asarray(steps, dtype=np.float64)
    if axis == "epoch":
        if ra.run.step_axis == "epoch":
            return lambda steps: np.asarray(steps, dtype=np.float64)
        if ra.epochs is None:
            raise CurvedocError(f"--align epoch: run {name} logs no epoch column", ra.run.source)
        s, e = ra.epochs
        return lambda steps: np.interp(np.asarray(steps, dtype=np.float64), s, e)
    wall = _wall_clock(ra)
    if wall is None:
        raise CurvedocError(f"--align time: run {name} has no wall-clock column (a timestamp or elapsed time "
                            "that never goes back)", ra.run.source)
    s, t = wall
    return lambda steps: np.interp(np.asarray(steps, dtype=np.float64), s, t)


def _wall_clock(ra):
    """(steps, seconds since the first point) from a wall-time column that only goes forward.

    Per-epoch durations (``train_time``) go up and down and are not a clock."""
    import numpy as np

    for col in ra.run.columns_with_role("wall_time"):
        s = ra.run.frame[col].dropna()
        if len(s) < 2:
            continue
        v = s.to_numpy(dtype=np.float64)
        if np.all(np.diff(v) >= 0) and v[-1] > v[0]:
            if v[0] > 1e11:  # milliseconds since the epoch (MLflow)
                v = v / 1000.0
            return s.index.to_numpy(dtype=np.float64), v - v[0]
    return None


# ---------------------------------------------------------------- one metric


@dataclass
class _Curve:
    x: object  # axis values of the finite points
    y: object  # values
    z: object  # values in comparison units (log for losses)
    smooth: object  # centred rolling median of z
    noise: float  # robust scatter of z around smooth
    sa: object
    ra: object
    name: str
    mapper: object
    unit: float = 1.0  # what its values were divided by to be compared (100 for a percent)
    held: object = None  # the level held from each point on (``_held``), improvement units
    points: int = 0  # its points over the span every run covers, which the smoothing window is a share of


def _compare_metric(pairing: MetricPairing, analyses, names, mappers, axis: str,
                    not_compared: list[NotCompared], units_differ: bool, notes: list[str]) -> MetricComparison | None:
    """One metric across the runs; None (and the reason in ``not_compared``) when a run has too few points."""
    import numpy as np

    sas = [next(sa for sa in ra.metrics if sa.name == col) for ra, col in zip(analyses, pairing.columns)]
    hib = sas[0].higher_is_better
    log = all(sa.transform == "log" for sa in sas)
    curves = []
    for ra, sa, name, mapper in zip(analyses, sas, names, mappers):
        c = _curve(ra, sa, name, mapper, log)
        if c is None:
            not_compared.append(NotCompared(name, sa.name, f"fewer than {MIN_POINTS} finite points"
                                            + (" above zero (log scale)" if log else "")))
            return None
        curves.append(c)
    if not log and hib:
        _as_fractions(curves, notes)
    from curvedoc.detect import DEFAULT_CONFIG

    notes += [f"{c.name} has {len(c.y)} points of {c.sa.name}, too few to analyse: where it stands, and when it got "
              "there, rest on single values" for c in curves if len(c.y) < DEFAULT_CONFIG.min_points]
    # One window over the span every run covers: runs identical up to a point, one of them longer,
    # smoothed over a share of their own lengths each, "reached" a level at different steps.
    # A level counts as reached where it is held over a share of the span every run covers, counted in
    # each run's own points: a run logged every step and one every 10 steps hold it over as many steps.
    start, end = max(float(c.x[0]) for c in curves), min(float(c.x[-1]) for c in curves)
    sign = 1.0 if hib else -1.0  # sign * z grows as the metric improves
    for c in curves:
        points = int(np.searchsorted(c.x, end, side="right") - np.searchsorted(c.x, start))
        if points < MIN_POINTS:
            # Runs that share no stretch (one logged from step 10,000 on): each its own length. Counted
            # to the earliest end alone, a run starting after it was read on its raw points, and of two
            # identical curves the later one "ended lower" and "reached" levels first.
            points = len(c.x)
        c.smooth, c.noise, c.points = *_smoothed(c.z, points), points
        c.held = _held(c.smooth, sign, max(1, round(HOLD_FRACTION * points)))

    levels_z = _levels(curves, sign, _smallest_gap(curves, log))
    unz = (lambda v: float(math.exp(v))) if log else float
    x0 = min(float(c.x[0]) for c in curves)
    common_end = min(float(c.x[-1]) for c in curves)
    runs = []
    for c in curves:
        i_best = int(np.argmax(sign * c.z))
        i_level = int(np.argmax(sign * c.smooth))
        end_i = int(np.searchsorted(c.x, common_end, side="right")) - 1
        reached = [_first_reach(c, lv, sign) for lv in levels_z]
        final, final_at = _final(c)
        runs.append(RunValues(
            run=c.name, metric=c.sa.name, n_points=len(c.y), final=final, final_at=final_at,
            best=float(c.y[i_best]), best_at=float(c.x[i_best]),
            at_common_end=unz(c.smooth[end_i]) if end_i >= 0 else None, reached=reached,
            final_level=unz(c.smooth[-1]), best_level=unz(c.smooth[i_level]), best_level_at=float(c.x[i_level])))
    levels = [unz(v) for v in levels_z]

    span = max(float(c.x[-1]) for c in curves) - x0
    unread = Parting(None, None, None, 0.0, text=UNITS_DIFFER.format(axis=axis))
    # Pair by pair: one run counting epochs as its step leaves the others' steps comparable with each other.
    pairs = [PairComparison(curves[0].name, c.name, [], unread)
             if units_differ and c.ra.run.step_axis != curves[0].ra.run.step_axis else
             PairComparison(curves[0].name, c.name, _match_events(curves[0], c, span, axis, hib),
                            _parting(curves[0], c, log, sign, axis))
             for c in curves[1:]]
    if units_differ:
        levels = []
        for rv in runs:
            rv.reached, rv.at_common_end = [], None
    mc = MetricComparison(name=pairing.name, higher_is_better=hib, scale="log" if log else "linear", levels=levels,
                          runs=runs, pairs=pairs, stages=_stage_rows(curves, axis), sentences=[],
                          columns=list(pairing.columns), paired_by=pairing.paired_by, common_end=common_end,
                          noisy=max(float((sign * c.z).max() - (sign * c.smooth).max()) for c in curves)
                          > PART_Z * _smallest_gap(curves, log), units_differ=units_differ)
    # A per-step minibatch's best against an epoch's mean is no contest: no best is named either.
    mc.sentences = [] if units_differ else _sentences(mc, _origin(curves, x0, axis), axis)
    return mc


def _as_fractions(curves: list[_Curve], notes: list[str]) -> None:
    """A score logged as a fraction by some runs and in percent by others (Keras' 0.9, a script's
    90.0) is compared as fractions: read as written, the percent run is "ahead by 60"."""
    from curvedoc.detect import score_bound

    bounds = [score_bound(c.y) for c in curves]
    if not (1.0 in bounds and 100.0 in bounds):
        return
    for c, bound in zip(curves, bounds):
        if bound == 100.0:
            c.y, c.z, c.unit = c.y / 100, c.z / 100, 100.0
            notes.append(f"{c.name} logs {c.sa.name} in percent, the other run{'s' * (len(curves) > 2)} as a "
                         "fraction: compared as fractions")


def _origin(curves: list[_Curve], x0: float, axis: str) -> float:
    """Where "how long it took" is counted from: the start of training (step 0; the epoch before the
    first, for a whole-number epoch count from 0), not the first logged point (an evaluation every
    50 steps first logged at 50 made step 250 against 100 "4x" instead of 2.5x); for a clock, or a
    log that starts later (resumed), its first point."""
    import numpy as np

    if x0 < 0 or axis not in ("step", "epoch"):
        return x0
    if axis == "epoch" and x0 == 0 and all(np.all(c.x == np.round(c.x)) for c in curves):
        return -1.0  # epoch 0 is the first one done
    return 0.0


def _forked(a: _Curve, b: _Curve):
    """(common steps, a's indices, b's indices) when the two runs logged the very same values at their
    first FORK_POINTS common points or more: one training forked into two (the same seed and data order
    up to a change); else None."""
    import numpy as np

    common, ia, ib = np.intersect1d(a.x, b.x, return_indices=True)
    forked = len(common) >= FORK_POINTS and bool(np.array_equal(a.y[ia[:FORK_POINTS]], b.y[ib[:FORK_POINTS]]))
    return (common, ia, ib) if forked else None


# Runs that logged the same values at this many first common points are one training forked.
FORK_POINTS = 10


def _smallest_gap(curves: list[_Curve], log: bool) -> float:
    """The smallest gap between runs that a parting needs: 2% for a log-scale metric, else 1% of
    the range the runs' points cover (2nd to 98th percentile)."""
    import numpy as np

    if log:
        return PART_MIN_LOG_GAP
    both = np.concatenate([c.z for c in curves])
    p2, p98 = np.percentile(both, [2, 98])
    return PART_MIN_RANGE_SHARE * float(p98 - p2 if p98 > p2 else np.ptp(both))


def _final(c: _Curve) -> tuple[float, float]:
    """The last logged value: a run that ended in NaN/inf ends there, not at its last finite point."""
    import numpy as np

    raw = c.ra.run.series(c.sa.name)
    last = float(raw.iloc[-1])
    if math.isfinite(last):
        return float(c.y[-1]), float(c.x[-1])
    return last, float(c.mapper(np.array([float(raw.index[-1])]))[0])


def _curve(ra, sa, name, mapper, log: bool) -> _Curve | None:
    import numpy as np

    s = ra.run.series(sa.name)
    y = s.to_numpy(dtype=np.float64)
    steps = s.index.to_numpy(dtype=np.float64)
    # On the log scale zeros count only where the analysis read them as a rounding's.
    ok = np.isfinite(y) & (((y > 0) | ((y == 0) & (sa.log_floor > 0))) if log else True)
    y, steps = y[ok], steps[ok]
    if len(y) < MIN_POINTS:
        return None
    x = mapper(steps)
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    z = sa.scaled(y) if log else y.copy()
    # Smoothed once every run's curve is known, over the span they all cover (``_smoothed``).
    return _Curve(x, y, z, None, math.nan, sa, ra, name, mapper)


def _smoothed(z, points: int):
    """The running median over SMOOTH_FRACTION of ``points`` points, and the noise of its levels."""
    import numpy as np

    w = max(1, int(round(SMOOTH_FRACTION * points)))
    smooth = _rolling_median(z, w)
    # The runs are compared on their smoothed levels: the noise that matters is those levels' own,
    # read from how far a level moves over one window (a median of w points scatters about
    # 1.25 / sqrt(w) of the points' spread when they are independent, more when they wander).
    noise = _robust_sd(smooth[w:] - smooth[:-w]) / math.sqrt(2) if len(z) > 4 * w else 0.0
    if noise == 0:
        noise = _robust_sd(z - smooth) or _robust_sd(np.diff(z)) / math.sqrt(2)
    return smooth, float(noise)


def _rolling_median(z, window: int):
    import pandas as pd

    window = window | 1
    if window <= 1:
        return z.copy()
    return pd.Series(z).rolling(window, center=True, min_periods=1).median().to_numpy()


def _robust_sd(x) -> float:
    import numpy as np

    if len(x) == 0:
        return 0.0
    return float(1.4826 * np.median(np.abs(x - np.median(x))))


def _levels(curves: list[_Curve], sign: float, smallest: float) -> list[float]:
    """Levels every run reaches: from the worst of the starts to the worst of the best levels held.
    None of them when those lie closer than ``smallest``, the smallest gap between runs worth saying: a run
    that spends the whole run where another started spans no level with it (four rows over 0.3%)."""
    import numpy as np

    starts = [sign * float(c.smooth[0]) for c in curves]
    bests = [float(np.nanmax(c.held)) if np.isfinite(c.held).any() else float((sign * c.smooth).max())
             for c in curves]
    lo = max(starts)  # in "improvement" units: every run starts at or below lo
    hi = min(bests)   # ... and every run gets at least to hi
    if hi - lo < smallest:
        return []
    return [sign * (lo + q * (hi - lo)) for q in QUANTILES]


def _first_reach(c: _Curve, level: float, sign: float) -> float | None:
    """Where the smoothed curve is at ``level`` and holds it from there (``_held``)."""
    import numpy as np

    hit = np.flatnonzero((c.held >= sign * level - 1e-12) & (sign * c.smooth >= sign * level - 1e-12))
    return float(c.x[hit[0]]) if len(hit) else None


def _held(smooth, sign: float, hold: int):
    """At each point, the level (in improvement units, ``sign * z``) the smoothed curve holds from
    there: the median of its next ``hold`` points, NaN where fewer than half that many are left. A
    noisy per-step loss touches a level on a lucky stretch long before it settles there, or
    without ever settling there; one run had "reached" a level 1.7x sooner by such a dip, the
    other by a dip too, its final level above it."""
    import pandas as pd

    forward = pd.Series(sign * smooth[::-1]).rolling(hold, min_periods=max(1, hold // 2)).median()
    return forward.to_numpy()[::-1].copy()


# ---------------------------------------------------------------- events


def _event_at(c: _Curve, step) -> float:
    return float(c.mapper([float(step)])[0])


def _match_events(a: _Curve, b: _Curve, span: float, axis: str, hib: bool) -> list[EventMatch]:
    import numpy as np

    def interval(c):
        return float(np.median(np.diff(c.x))) if len(c.x) > 1 else 0.0

    tol = max(EVENT_TOLERANCE_FRACTION * span, 2 * max(interval(a), interval(b)))
    ea = [(e, _event_at(a, e.step)) for e in a.sa.events]
    eb = [(e, _event_at(b, e.step)) for e in b.sa.events]

    def key(e):
        return e.label, _worse(e, hib)

    def pair(e, x, f, xb, match):
        m = _pair(e, x, f, xb, a.name, b.name, match, axis)
        m.height = max(a.sa.height(e), b.sa.height(f))
        return m

    out: list[EventMatch] = []
    used_b: set[int] = set()
    rest_a = []
    for e, x in ea:
        cands = [(abs(xb - x), j) for j, (f, xb) in enumerate(eb)
                 if j not in used_b and key(f) == key(e) and abs(xb - x) <= tol]
        if cands:
            j = min(cands)[1]
            used_b.add(j)
            out.append(pair(e, x, eb[j][0], eb[j][1], "both"))
        else:
            rest_a.append((e, x))
    rest_b = [(f, xb) for j, (f, xb) in enumerate(eb) if j not in used_b]
    # The same move at the same place, its way, read under another label (a log with the LR and
    # one without): one event, not two unmatched ones.
    for e, x in list(rest_a):
        cands = [(abs(xb - x), k) for k, (f, xb) in enumerate(rest_b)
                 if f.kind == e.kind and _worse(f, hib) == _worse(e, hib) and abs(xb - x) <= tol]
        if cands:
            f, xb = rest_b.pop(min(cands)[1])
            rest_a.remove((e, x))
            out.append(pair(e, x, f, xb, "both"))
    # What is left pairs up in order when the label and sense agree: the same event, moved.
    # Not instabilities: two runs' spikes far apart are two accidents, not one event.
    for e, x in list(rest_a):
        if _worse(e, hib):
            continue
        same = [(f, xb) for f, xb in rest_b if key(f) == key(e)]
        if not same:
            continue
        f, xb = same[0]
        rest_b.remove((f, xb))
        rest_a.remove((e, x))
        out.append(pair(e, x, f, xb, "shifted"))
    # One improvement of a kind left on each side is that move, moved, whatever its label (a warmup of
    # 100 steps lets a model's fall come at 180, one of 300 at 250, where the rules read the first at
    # the warmup's end and the second under a rising LR).
    # Not from across the run, though: a fall at 300 of 2,500 steps in one run and one at 1,350 in its twin
    # (a task's weight raised there) read as one move, shifted.
    left_a = [(e, x) for e, x in rest_a if not _worse(e, hib)]
    left_b = [(f, xb) for f, xb in rest_b if not _worse(f, hib)]
    if len(left_a) == 1 and len(left_b) == 1 and left_a[0][0].kind == left_b[0][0].kind \
            and abs(left_a[0][1] - left_b[0][1]) <= ANY_LABEL_SHIFT_FRACTION * span:
        (e, x), (f, xb) = left_a[0], left_b[0]
        rest_a.remove((e, x))
        rest_b.remove((f, xb))
        out.append(pair(e, x, f, xb, "shifted"))
    for e, x in rest_a:
        out.append(_only(e, x, a.name, "a", axis, (b.name, float(b.x[0]), float(b.x[-1])), _alike(e, a, b, tol)))
        out[-1].height = a.sa.height(e)
    for f, xb in rest_b:
        out.append(_only(f, xb, b.name, "b", axis, (a.name, float(a.x[0]), float(a.x[-1])), _alike(f, b, a, tol)))
        out[-1].height = b.sa.height(f)
    out.sort(key=lambda m: min(v for v in (m.a_at, m.b_at) if v is not None))
    return out


# The farthest apart, as a share of the span compared, two improvements under other labels are one move shifted.
ANY_LABEL_SHIFT_FRACTION = 0.25


def _worse(e, hib: bool) -> bool:
    return (e.direction == "up") != hib


def _change(e) -> float | None:
    return None if e.kind == "divergence" or not math.isfinite(e.relative_change) else float(e.relative_change)


def _pair(e, x, f, xb, a_name, b_name, match, axis) -> EventMatch:
    # One kind in both, or each run's own (a jump in one run, a spike in the other).
    what = f"{e.label} ({e.kind})" if f.kind == e.kind else f"{e.label} ({e.kind} in {a_name}, {f.kind} in {b_name})"
    where = f"{axis} {_fmt_x(x, axis)} in {a_name}, {_fmt_x(xb, axis)} in {b_name}"
    if f.label != e.label:
        text = f"{e.kind} in both, read as {e.label} in {a_name} and {f.label} in {b_name}: {where}"
    elif match == "both":
        text = f"{what} in both: {where}"
    else:
        early, late = (b_name, a_name) if xb < x else (a_name, b_name)
        text = f"{what} in both, {early} {_fmt_x(abs(xb - x), axis)} earlier: {where}"
    ca, cb = _change(e), _change(f)
    if ca is not None and cb is not None:
        text += f"; change {change_text(ca)} vs {change_text(cb)}"
    return EventMatch(match, e.label, e.kind, x, xb, ca, cb, text, None if f.label == e.label else f.label)


def _alike(e, own: _Curve, other: _Curve, tol: float) -> float | None:
    """The other run's relative change over the same stretch as a drop or rise found in one run only,
    when it moves the same way by half as far or more: seeds of one recipe that all fall off a plateau
    at one epoch, the fall found in one of them, are no difference between the runs."""
    import numpy as np

    if e.kind not in ("drop", "rise") or _change(e) is None:
        return None
    start, end = _event_at(own, e.start_step), _event_at(own, e.end_step)
    width = max(end - start, tol)

    def change(c):
        before = c.y[(c.x >= start - width) & (c.x < start)]
        after = c.y[(c.x > end) & (c.x <= end + width)]
        if len(before) < 2 or len(after) < 2:
            return None
        lo, hi = float(np.median(before)), float(np.median(after))
        # The log of the ratio from the logs: the ratio itself can underflow to 0 (1e-300 over 10).
        return (hi / lo - 1, math.log(hi) - math.log(lo)) if lo > 0 and hi > 0 else None

    if any(f.kind in ("drop", "rise") and _event_at(other, f.start_step) <= end + width and
           _event_at(other, f.end_step) >= start - width for f in other.sa.events):
        return None  # the other run has a move of its own there, said on its own line
    mine, theirs = change(own), change(other)
    if mine is None or theirs is None or mine[1] * theirs[1] <= 0:
        return None
    # Compared as the ratios they are: a fall to a tenth and one to a fifth are alike, -90% and -80%.
    return theirs[0] if abs(theirs[1]) >= ALIKE_SHARE * abs(mine[1]) else None


# The other run moving this share as far (in log ratio) over the same stretch moves alike.
ALIKE_SHARE = 0.5


def _only(e, x, name, side, axis, other: tuple[str, float, float], alike: float | None = None) -> EventMatch:
    """An event one run has and the other does not; "after the other ends" (or "before it starts")
    where the other was not logged there, so could not have had it; and said where the other moves
    alike over the same stretch though no event was found in it."""
    change = _change(e)
    other_name, first, last = other
    if x > last:
        where = f"in {name} after {other_name} ends ({axis} {_fmt_x(last, axis)})"
    elif x < first:
        where = f"in {name} before {other_name} starts ({axis} {_fmt_x(first, axis)})"
    else:
        where = f"only in {name}"
    text = f"{e.label} ({e.kind}) {where}, at {axis} {_fmt_x(x, axis)}"
    if change is not None:
        text += f" ({change_text(change)})"
    if alike is not None:
        text += f"; {other_name} moves alike there ({change_text(alike)}), though no event was found in it"
    a_at, b_at = (x, None) if side == "a" else (None, x)
    a_ch, b_ch = (change, None) if side == "a" else (None, change)
    return EventMatch("only", e.label, e.kind, a_at, b_at, a_ch, b_ch, text)


# ---------------------------------------------------------------- parting


NO_OVERLAP = "the runs do not overlap on the common axis"
UNITS_DIFFER = ("the runs count different units as the {axis}: where they part, and which event came earlier, "
                "is not read")


def _parting(a: _Curve, b: _Curve, log: bool, sign: float, axis: str, widened: bool = False) -> Parting:
    import numpy as np

    lo, hi = max(a.x[0], b.x[0]), min(a.x[-1], b.x[-1])
    if hi <= lo:
        return Parting(None, None, None, 0.0, text=NO_OVERLAP)
    union = np.unique(np.concatenate([a.x[(a.x >= lo) & (a.x <= hi)], b.x[(b.x >= lo) & (b.x <= hi)]]))
    grid = union if len(union) <= GRID_POINTS else np.linspace(lo, hi, GRID_POINTS)
    za, zb = np.interp(grid, a.x, a.smooth), np.interp(grid, b.x, b.smooth)
    gap = zb - za
    noise = math.hypot(a.noise, b.noise)
    forked = _forked(a, b)
    if forked is not None:
        # One run forked from the other's checkpoint, the same batches after: their noise is shared and
        # cancels in the gap, whose own is read as each run's is, from how far it moves over a
        # smoothing window (two runs identical to step 1999 "parted at 3310" by their own noise). The
        # gap is read point by point before it is smoothed, where the shared batches cancel: smoothed
        # apart, twins 10% apart from a decay at 2000 under batch-8 noise "parted at 2913".
        common, ia, ib = forked
        paired = _rolling_median(b.z[ib] - a.z[ia], max(1, int(round(SMOOTH_FRACTION * max(a.points, 1)))))
        gap = np.interp(grid, common, paired)
        k = max(1, int(round(SMOOTH_FRACTION * len(grid))))
        if len(gap) > 4 * k:
            noise = min(noise, _robust_sd(gap[k:] - gap[:-k]) / math.sqrt(2))
    threshold = max(PART_Z * noise, _smallest_gap([a, b], log))
    need = max(3, int(math.ceil(PART_MIN_FRACTION * (WIDE_FACTOR if widened else 1) * len(grid))))
    # Apart on one side for ``need`` points in a row: a gap that changes sign from one point to the
    # next (two seeds' noisy evaluations crossing) is no parting, however wide.
    sides = [(start, over, under) for over, under in ((gap > threshold, gap < -threshold),
                                                      (gap < -threshold, gap > threshold))
             if (start := _first_run(over, need)) is not None]
    if not sides and not widened and a.points and b.points:
        # Noisy per-step runs whose levels over 1% of the run scatter more than their lead: read on
        # levels over five times as many points, apart over five times as long a stretch. Two runs
        # 20-35% apart for most of 4,000 steps of batch-8 losses "never part" within 36% otherwise.
        wide = [replace(c, smooth=smooth, noise=noise)
                for c in (a, b) for smooth, noise in [_smoothed(c.z, WIDE_FACTOR * c.points)]]
        parted = _parting(*wide, log, sign, axis, widened=True)
        if parted.at is not None:
            return parted
    if not sides:
        # Non-finite values are left out of the curves: a run that went nan or inf parts from one that did
        # not where it did ("never part ... diverged at 224" of a loss inf from 336 against one at 0.1).
        gone = sorted((float(c.mapper(np.array([float(e.nonfinite_step if e.nonfinite_step is not None
                                                          else e.step)]))[0]), c.name)
                      for c in (a, b) for e in c.sa.events if e.kind == "divergence")
        within = f"within the noise ({_gap_text(threshold, log)}) over {axis} {_fmt_x(lo, axis)}-{_fmt_x(hi, axis)}"
        if len(gone) == 1:
            at, name = gone[0]
            other = b.name if name == a.name else a.name
            return Parting(at, other, None, _unit(threshold, log),
                           text=f"the runs part at {axis} {_fmt_x(at, axis)}, where {name} goes non-finite and "
                                f"{other} does not ({within} before it)",
                           schedule=_schedule_differences(a, b, at, hi - lo, axis))
        blown = [f"; {name} went non-finite at {axis} {_fmt_x(at, axis)}" for at, name in gone]
        return Parting(None, None, None, _unit(threshold, log), text=f"the runs never part: {within}" + "".join(blown))
    start, over, other = min(sides, key=lambda side: side[0])
    # On a grid finer than the logs (long runs), a step between two whole ones: the next whole one.
    whole = math.ceil if axis == "step" else float
    at = float(whole(grid[start]))
    # The gap's sign over the stretch where they stay apart says who is ahead.
    stretch = gap[start:start + need]
    ahead = b.name if sign * float(np.median(stretch)) > 0 else a.name
    size = float(np.median(np.abs(stretch)))
    apart = over | other
    back = np.flatnonzero(~apart[start + need:])
    rejoin = None
    if len(back):
        after = start + need + int(back[0])
        if _first_run(apart[after:], need) is None and not apart[after:].any():
            rejoin = float(whole(grid[after]))
    p = Parting(at, ahead, _unit(size, log), _unit(threshold, log), rejoin,
                schedule=_schedule_differences(a, b, at, hi - lo, axis))
    # The size is the stretch's median gap, not the gap where they part: said over the stretch (a grokking
    # pair "ahead by 0.747" at a step where the gap was 0.012).
    until = whole(grid[min(start + need, len(grid)) - 1])
    over = f"; levels over {WIDE_FACTOR * SMOOTH_FRACTION:.0%} of the run, the points being noisy" if widened else ""
    p.text = (f"the runs part at {axis} {_fmt_x(at, axis)}: {ahead} ahead by {_gap_text(size, log)} "
              f"(the median gap over {axis}s {_fmt_x(at, axis)}-{_fmt_x(float(until), axis)}; noise threshold "
              f"{_gap_text(threshold, log)}{over})")
    if rejoin is not None:
        p.text += f"; back within the noise from {axis} {_fmt_x(rejoin, axis)}"
    # The other run may pull ahead later: the first parting alone would hide who ends ahead, or led
    # longest (a lead after the LR decay that narrowed into the noise only at the end had gone unsaid).
    swap = _first_run(other[start + need:], need)
    if swap is not None:
        behind = a.name if ahead == b.name else b.name
        s0 = start + need + swap
        stops = np.flatnonzero(~other[s0:])
        s1 = s0 + int(stops[0]) if len(stops) else len(grid)
        last = _gap_text(abs(float(gap[-1])), log)
        end = f"by {last} at the end" if other[-1] else \
            f"{last} {'ahead' if gap[-1] * gap[s0] > 0 else 'behind'} at the end, within the noise"
        lead = _gap_text(float(np.median(np.abs(gap[s0:s1]))), log)
        since = _fmt_x(float(grid[s0]), axis)
        p.text += (f"; {behind} ahead from {axis} {since}, by {lead} over {axis}s {since}-"
                   f"{_fmt_x(float(whole(grid[s1 - 1])), axis)}, {end}")
    elif rejoin is None and start + need < len(grid):
        # Where the lead went by the end: an 82% gap that narrowed to 10%, inside the noise, read as
        # though it held.
        last = _gap_text(abs(float(gap[-1])), log)
        still = gap[-1] * gap[start] > 0
        p.text += f"; {last} {'ahead' if still else 'behind'} at the end" + ("" if apart[-1] else ", within the noise")
    return p


def _first_run(mask, need: int) -> int | None:
    """First index where ``mask`` holds for ``need`` points in a row (or to the end, if shorter)."""
    import numpy as np

    if not mask.any():
        return None
    idx = np.flatnonzero(np.diff(np.r_[0, mask.astype(np.int8), 0]))
    for s, e in zip(idx[::2], idx[1::2]):
        # Running to the end, half as long will do; never one point (a seed's last evaluation).
        if e - s >= need or (e == len(mask) and e - s >= max(2, need // 2)):
            return int(s)
    return None


def _unit(gap: float, log: bool) -> float:
    """A gap in comparison units, reported in its own terms: a ratio minus one for losses."""
    if log:
        # Logs hundreds of units apart (a denormal loss beside a normal one) are a ratio past float range.
        return math.expm1(gap) if gap < 700 else math.inf
    return gap


def _gap_text(gap_z: float, log: bool) -> str:
    if not log:
        return f"{gap_z:.4g}"
    if gap_z < math.log(2):
        return f"{math.expm1(gap_z) * 100:.1f}%"
    return f"a factor {math.exp(gap_z):.3g}" if gap_z < 700 else f"a factor e^{gap_z:.0f}"


def change_text(rel: float) -> str:
    """A relative change as people say it: -48%, +12%, or x64 when it is many times over."""
    return f"{rel * 100:+.0f}%" if abs(rel) < 10 else f"x{1 + rel:.3g}"


def _schedule_differences(a: _Curve, b: _Curve, at: float, span: float, axis: str) -> list[str]:
    """What the LR and batch-size columns say around the parting point, in each run."""
    out = []
    for role, label in (("lr", "lr"), ("batch_size", "batch size")):
        va, vb = _column_at(a, role, at), _column_at(b, role, at)
        if va is None and vb is None:
            continue
        if va is None or vb is None:
            have = a.name if va is not None else b.name
            out.append(f"{label}: logged only in {have} ({_num(va if va is not None else vb)})")
            continue
        if abs(va - vb) > SCHEDULE_REL_TOL * max(abs(va), abs(vb)):
            out.append(f"{label}: {_num(va)} in {a.name} vs {_num(vb)} in {b.name} (x{vb / va:.3g})"
                       if va else f"{label}: {_num(va)} in {a.name} vs {_num(vb)} in {b.name}")
        else:
            out.append(f"{label}: {_num(va)} in both")
    window = SCHEDULE_WINDOW_FRACTION * span
    for c, other in ((a, b), (b, a)):
        for ch in c.ra.schedule.changes:
            x = _event_at(c, ch.step)
            if abs(x - at) > window:
                continue
            twin = any(o.kind == ch.kind and abs(_event_at(other, o.step) - x) <= window
                       for o in other.ra.schedule.changes)
            out.append(f"{c.name}: {ch.kind} {_num(ch.before)} -> {_num(ch.after)} at {axis} {_fmt_x(x, axis)}"
                       + ("" if twin else f" (none in {other.name})"))
    if not out:
        out.append("neither log has an LR or batch-size column")
    return out


def _column_at(c: _Curve, role: str, at: float) -> float | None:
    """The run's last logged value of a schedule column at or before ``at`` on the common axis."""
    import numpy as np

    cols = c.ra.run.columns_with_role(role)
    if role == "lr" and c.ra.schedule.lr_column:
        cols = [c.ra.schedule.lr_column]
    if not cols:
        return None
    s = c.ra.run.frame[cols[0]].dropna()
    if s.empty:
        return None
    x = c.mapper(s.index.to_numpy(dtype=np.float64))
    i = int(np.searchsorted(x, at, side="right")) - 1
    return float(s.iloc[max(i, 0)])


# ---------------------------------------------------------------- stages


def _stage_rows(curves: list[_Curve], axis: str) -> list[StageRow]:
    n = max(len(c.sa.stages) for c in curves)
    rows = []
    for i in range(n):
        cells = []
        for c in curves:
            if i >= len(c.sa.stages):
                cells.append(None)
                continue
            st = c.sa.stages[i]
            start, end = _event_at(c, st.start), _event_at(c, st.end)
            # Flat for a while only where analyze calls the stage a plateau: a stage still sliding has
            # a plateau_from (where it came within its noise of its end level) but is not flat.
            flat_from = None if st.plateau_from is None or not st.plateau else _event_at(c, st.plateau_from)
            cells.append({"start": start, "end": end, "length": end - start, "level": float(st.level) / c.unit,
                          "plateau": bool(st.plateau), "flat_from": flat_from,
                          "flat_for": None if flat_from is None else end - flat_from})
        rows.append(StageRow(i + 1, cells))
    return rows


# ---------------------------------------------------------------- sentences


def _sentences(mc: MetricComparison, x0: float, axis: str) -> list[str]:
    """Plain statements: who reached the middle and the last compared level sooner, and by how much."""
    out = []
    ref = mc.runs[0]
    picks = [i for i, q in enumerate(QUANTILES) if q in (0.5, QUANTILES[-1])] if mc.levels else []
    if len(mc.runs) > 2:
        return [s for i in picks for s in _order_reached(mc, i, x0, axis)] + [_best_sentence(mc, axis)]
    for i in picks:
        level = mc.levels[i]
        for rv, pair in zip(mc.runs[1:], mc.pairs):
            ta, tb = ref.reached[i], rv.reached[i]
            if ta is None or tb is None or pair.parting.text == NO_OVERLAP:
                continue  # runs that share no stretch of the axis reach no level "sooner" than each other
            da, db = ta - x0, tb - x0
            if da <= 0 or db <= 0:
                continue
            ratio = da / db
            if pair.parting.at is None and pair.parting.threshold:
                # Curves that never part beyond their noise cross a level wherever the noise has them:
                # who got there sooner is not in the log.
                out.append(f"{ref.run} and {rv.run} reached {mc.name} {_num(level)} at {axis} {_fmt_x(ta, axis)} "
                           f"vs {_fmt_x(tb, axis)}, within the noise: the runs never part")
            elif ratio >= SOONER_MIN_RATIO:
                out.append(f"{rv.run} reached {mc.name} {_num(level)} {ratio:.2g}x sooner than {ref.run} "
                           f"({axis} {_fmt_x(tb, axis)} vs {_fmt_x(ta, axis)})")
            elif 1 / ratio >= SOONER_MIN_RATIO:
                out.append(f"{ref.run} reached {mc.name} {_num(level)} {1 / ratio:.2g}x sooner than {rv.run} "
                           f"({axis} {_fmt_x(ta, axis)} vs {_fmt_x(tb, axis)})")
            else:
                out.append(f"{ref.run} and {rv.run} reached {mc.name} {_num(level)} at about the same "
                           f"{axis} ({_fmt_x(ta, axis)} vs {_fmt_x(tb, axis)})")
    return out + [_best_sentence(mc, axis)]


def _order_reached(mc: MetricComparison, i: int, x0: float, axis: str) -> list[str]:
    """Three runs or more: one line per level, the runs in the order they reached it (a line per
    pair would repeat the first run's name a dozen times). A run that never parts from the first
    run named beyond the noise is marked: its place in the order is the noise's."""
    ref = mc.runs[0]
    close = {rv.run for rv, pair in zip(mc.runs[1:], mc.pairs) if pair.parting.at is None and pair.parting.threshold}
    times = sorted(((r.reached[i] - x0, r) for r in mc.runs if r.reached[i] is not None and r.reached[i] > x0),
                   key=lambda e: e[0])
    if len(times) < 2:
        return []

    def where(r) -> str:
        return _fmt_x(r.reached[i], axis) + (f", within the noise of {ref.run}" if r.run in close else "")

    (d0, first), rest = times[0], times[1:]
    if all(r.reached[i] == first.reached[i] for _, r in rest) and len(times) == len(mc.runs):
        # A tie names no winner: every run reached it at the same logged point.
        return [f"{mc.name} {_num(mc.levels[i])} reached by every run at {axis} {_fmt_x(first.reached[i], axis)}"]
    later = [f"{r.run} {f'{d / d0:.2g}x later' if d / d0 >= SOONER_MIN_RATIO else 'about as soon'} ({where(r)})"
             for d, r in rest]
    return [f"{mc.name} {_num(mc.levels[i])} reached first by {first.run} ({axis} {where(first)}); then "
            + ", ".join(later)]


def _best_sentence(mc: MetricComparison, axis: str) -> str:
    better = max if mc.higher_is_better else min
    what = (f"best {mc.name} level (running median over {SMOOTH_FRACTION:.0%} of the span all runs cover; "
            "single points are noisy)") if mc.noisy else f"best {mc.name}"
    value = (lambda r: r.best_level) if mc.noisy else (lambda r: r.best)
    where = (lambda r: r.best_level_at) if mc.noisy else (lambda r: r.best_at)
    best = better(mc.runs, key=value)
    # Runs whose best reads the same as printed tie: naming the first of them would pick a winner.
    tied = [r for r in mc.runs if _num(value(r)) == _num(value(best))]
    if len(tied) > 1:
        at = {_fmt_x(where(r), axis) for r in tied}
        steps = f"at {axis} {at.pop()}" if len(at) == 1 else \
            "at " + ", ".join(f"{axis} {_fmt_x(where(r), axis)} in {r.run}" for r in tied)
        names = [r.run for r in tied]
        both = "both" if len(names) == 2 else "all"
        return f"{what}: a tie, {', '.join(names[:-1])} and {names[-1]} {both} reach {_num(value(best))} {steps}"
    return f"{what}: {best.run} with {_num(value(best))} at {axis} {_fmt_x(where(best), axis)}"


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.4g}"


def _fmt_x(v: float | None, axis: str) -> str:
    if v is None:
        return "-"
    if axis == "time":
        return format_duration(v)
    if axis == "step":
        return str(round(v))  # a point between logged steps on the common grid: "4.062e+04" read as a step
    return f"{v:.4g}"


def format_x(v: float | None, axis: str) -> str:
    """An axis value as the reports print it (steps whole, epochs to 4 digits, time in s/min/h)."""
    return _fmt_x(v, axis)


def format_duration(seconds: float) -> str:
    """Seconds as s, min or h, whichever reads best."""
    a = abs(seconds)
    if a >= 2 * 3600:
        return f"{seconds / 3600:.3g}h"
    if a >= 120:
        return f"{seconds / 60:.3g}min"
    return f"{seconds:.3g}s"


def axis_values(ra, metric: str, axis: str, name: str | None = None):
    """A run's logged points of one metric as (values on the common axis, values), non-finite dropped."""
    import numpy as np

    s = ra.run.series(metric)
    y = s.to_numpy(dtype=np.float64)
    steps = s.index.to_numpy(dtype=np.float64)
    ok = np.isfinite(y)
    return _axis_mapper(ra, axis, name or ra.run.name)(steps[ok]), y[ok]


def _some(items: list[str], shown: int = 12) -> str:
    """The first ``shown`` names, and how many more: an error line stays readable for a log of 200 tags."""
    more = len(items) - shown
    return ", ".join(items[:shown]) + (f" and {more} more" if more > 0 else "")
