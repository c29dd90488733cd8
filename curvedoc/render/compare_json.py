"""``curvedoc compare --format json``: stable keys, new ones may be added, none renamed."""

from __future__ import annotations

from curvedoc import __version__
from curvedoc.render.report_json import _num


def comparison_to_dict(comparison) -> dict:
    c = comparison
    return {
        "curvedoc_version": __version__,
        "align": c.axis,
        "runs": [{"name": n, "run": ra.run.name, "source": ra.run.source, "format": ra.run.format,
                  "step_axis": ra.run.step_axis} for n, ra in zip(c.names, c.analyses)],
        "notes": list(c.notes),
        "metrics": [_metric(mc, c.axis) for mc in c.metrics],
        "not_compared": [{"run": nc.run, "metric": nc.metric, "reason": nc.reason} for nc in c.not_compared],
    }


def _metric(mc, axis: str) -> dict:
    at = _position if axis == "step" else _num
    return {
        "name": mc.name, "paired_by": mc.paired_by, "higher_is_better": mc.higher_is_better, "scale": mc.scale,
        "noisy": mc.noisy,
        "levels": [_num(v) for v in mc.levels],
        "runs": [{"run": rv.run, "metric": rv.metric, "n_points": rv.n_points, "final": _num(rv.final),
                  "final_at": at(rv.final_at), "best": _num(rv.best), "best_at": at(rv.best_at),
                  "at_common_end": _num(rv.at_common_end), "final_level": _num(rv.final_level),
                  "best_level": _num(rv.best_level), "best_level_at": at(rv.best_level_at),
                  "reached": [{"level": _num(lv), "at": at(x)} for lv, x in zip(mc.levels, rv.reached)]}
                 for rv in mc.runs],
        "pairs": [{"a": p.a, "b": p.b, "parting": _parting(p.parting, at),
                   "events": [{"match": m.match, "label": m.label, "kind": m.kind, "a_at": at(m.a_at),
                               "b_at": at(m.b_at), "a_change": _num(m.a_change), "b_change": _num(m.b_change),
                               "text": m.text, **({"b_label": m.b_label} if m.b_label else {})}
                              for m in p.events]}
                  for p in mc.pairs],
        "stages": [{"index": row.index, "runs": [None if s is None else {
            k: (at(v) if k in _POSITIONS else _num(v)) if isinstance(v, float) else v for k, v in s.items()}
            for s in row.stages]} for row in mc.stages],
        "sentences": list(mc.sentences),
    }


def _parting(p, at) -> dict:
    return {"at": at(p.at), "ahead": p.ahead, "gap": _num(p.gap), "threshold": _num(p.threshold),
            "rejoin_at": at(p.rejoin_at), "schedule": list(p.schedule), "text": p.text}


# A stage's keys that are positions on the axis (or spans of it).
_POSITIONS = frozenset({"start", "end", "length", "flat_from", "flat_for"})


def _position(x):
    """A position on a step axis: a whole step as an int (6240, not 6240.0), as analyze's JSON gives steps."""
    return int(x) if isinstance(x, float) and x.is_integer() else _num(x)
