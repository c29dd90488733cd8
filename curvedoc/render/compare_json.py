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
        "metrics": [_metric(mc) for mc in c.metrics],
        "not_compared": [{"run": nc.run, "metric": nc.metric, "reason": nc.reason} for nc in c.not_compared],
    }


def _metric(mc) -> dict:
    return {
        "name": mc.name, "paired_by": mc.paired_by, "higher_is_better": mc.higher_is_better, "scale": mc.scale,
        "noisy": mc.noisy,
        "levels": [_num(v) for v in mc.levels],
        "runs": [{"run": rv.run, "metric": rv.metric, "n_points": rv.n_points, "final": _num(rv.final), "final_at": _num(rv.final_at),
                  "best": _num(rv.best), "best_at": _num(rv.best_at), "at_common_end": _num(rv.at_common_end),
                  "final_level": _num(rv.final_level), "best_level": _num(rv.best_level),
                  "best_level_at": _num(rv.best_level_at),
                  "reached": [{"level": _num(lv), "at": _num(at)} for lv, at in zip(mc.levels, rv.reached)]}
                 for rv in mc.runs],
        "pairs": [{"a": p.a, "b": p.b, "parting": _parting(p.parting),
                   "events": [{"match": m.match, "label": m.label, "kind": m.kind, "a_at": _num(m.a_at),
                               "b_at": _num(m.b_at), "a_change": _num(m.a_change), "b_change": _num(m.b_change),
                               "text": m.text, **({"b_label": m.b_label} if m.b_label else {})}
                              for m in p.events]}
                  for p in mc.pairs],
        "stages": [{"index": row.index, "runs": [None if s is None else {k: _num(v) if isinstance(v, float) else v
                                                                         for k, v in s.items()}
                                                 for s in row.stages]}
                   for row in mc.stages],
        "sentences": list(mc.sentences),
    }


def _parting(p) -> dict:
    return {"at": _num(p.at), "ahead": p.ahead, "gap": _num(p.gap), "threshold": _num(p.threshold),
            "rejoin_at": _num(p.rejoin_at), "schedule": list(p.schedule), "text": p.text}
