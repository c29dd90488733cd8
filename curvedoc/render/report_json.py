"""The JSON output contract of ``curvedoc analyze --format json`` (DESIGN.md)."""

from __future__ import annotations

import math

from curvedoc import __version__


def analysis_to_dict(analyses) -> dict:
    return {"curvedoc_version": __version__, "runs": [_run(ra) for ra in analyses]}


def _run(ra) -> dict:
    from curvedoc.summary import overfitting, summarize

    run = ra.run
    of = overfitting(ra)
    return {
        "summary": summarize(ra),
        "overfitting": None if of is None else {
            "metric": of.metric, "best_step": of.best_step, "best": _num(of.best), "last_step": of.last_step,
            "last": _num(of.last), "rise": _num(of.rise), "window": of.window},
        "source": run.source, "run": run.name, "format": run.format, "step_axis": run.step_axis,
        "schedule": [_change(c) for c in ra.schedule.changes],
        "schedule_smooth": [{"start": s.start, "end": s.end, "from": _num(s.before), "to": _num(s.after),
                             "shape": s.shape} for s in ra.schedule.smooth],
        "schedule_small_steps": [_change(c) for c in ra.schedule.small_steps],
        "schedule_source": ra.schedule.source,
        "warnings": list(run.warnings),
        "metrics": [_metric(sa) for sa in ra.metrics],
    }


def _change(c) -> dict:
    # Milestones give factors only: the LR itself is unknown, and an invented 1.0 -> 0.1 would
    # read as logged values. So do epoch lengths, of the batch size.
    known = c.source not in ("milestones", "epochs")
    return {"step": c.step, "kind": c.kind, "from": _num(c.before) if known else None,
            "to": _num(c.after) if known else None, "factor": _factor(c.factor), "source": c.source}


def _factor(x: float) -> float | None:
    """A ratio to 12 significant digits: 0.1 / 1.0 * ... is 0.10000000000000002 in binary, a x0.1 all the same."""
    return _num(float(f"{x:.12g}")) if math.isfinite(x) else _num(x)


def _metric(sa) -> dict:
    return {
        "name": sa.name, "n_points": sa.n_points, "higher_is_better": sa.higher_is_better,
        "transform": sa.transform, "noise": _num(sa.noise), "notes": list(sa.notes),
        "stages": [{"start": s.start, "end": s.end, "level": _num(s.level), "slope": _num(s.slope),
                    # Where a plateau starts; a stage still sliding has none (the text table says "no").
                    "noise": _num(s.noise), "plateau": s.plateau, "plateau_from": s.plateau_from if s.plateau else None}
                   for s in sa.stages],
        "events": [_event(e) for e in sa.events],
    }


def _event(e) -> dict:
    return {
        "step": e.step, "epoch": None if e.epoch is None else round(e.epoch, 3),
        "direction": e.direction, "kind": e.kind, "label": e.label, "confidence": e.confidence,
        "before": _num(e.before), "after": _num(e.after), "relative_change": _num(e.relative_change),
        "width_steps": e.width_steps, "start_step": e.start_step, "end_step": e.end_step,
        "size_noise": _num(e.size_noise), "slope_before": _num(e.slope_before),
        "slope_after": _num(e.slope_after), "linked": list(e.linked), "nonfinite_step": e.nonfinite_step,
        "evidence": list(e.evidence), "alternatives": list(e.alternatives),
    }


def _num(x):
    """Strict JSON: non-finite numbers (a diverged value) become null."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None
