"""``curvedoc check``: a pre-commit / CI gate over logged runs.

Each rule is one small function ``(RunAnalysis, options) -> list[Finding]``;
``check`` reads and analyses every log, applies the enabled rules, and the
caller sets the exit code (0 all pass, 1 a finding, 2 bad input or config).
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from curvedoc.config import RULES, Config, configures_curvedoc, current_folder, find_config, load_config
from curvedoc.errors import CurvedocError
from curvedoc.readers import is_stdin_copy, name_stdin
from curvedoc.readers._table import ROWS_SKIPPED
from curvedoc.run import CORRUPT, NOT_READ, RESTARTED, few, resume_warnings


@dataclass
class Finding:
    path: str
    rule: str
    message: str
    metric: str | None = None
    step: int | None = None
    unit: str = "step"  # what the log's axis counts: "epoch" for a log kept per epoch
    run: str | None = None  # named where the path holds several runs (a sweep's long table)

    def place(self) -> str:
        return f"{self.path} ({self.run})" if self.run else self.path

    def line(self) -> str:
        where = [self.place()]
        if self.metric:
            where.append(self.metric)
        if self.step is not None:
            where.append(f"{self.unit} {self.step}")
        return f"{': '.join(where)}: {self.message} (rule: {self.rule})"


@dataclass
class CheckResult:
    findings: list[Finding]
    logs: int
    runs: int
    # Runs none of whose metrics had the points a rule needs: they pass, as nothing failed, and say so.
    unjudged: list[str] = field(default_factory=list)
    # Logged points the reading left out (steps that went back, the earlier attempt's points that no
    # later row logs again): the rules judged the rest, and a gate passing on it says so.
    notes: list[str] = field(default_factory=list)
    # Logs of several given that could not be read, each with its one-line reason: the others are
    # still judged (a run just started, its file still empty, must not hide a divergence beside it).
    errors: list[str] = field(default_factory=list)
    # Runs every rule of whose configuration is turned off there (an override exempting a folder):
    # not judged, and "all rules pass" would say they were.
    ruleless: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 1 if self.findings else 0


def no_divergence(ra, opts) -> list[Finding]:
    from curvedoc.detect import OBJECTIVE_TERM, objective_curves
    from curvedoc.summary import data_changed_at

    out = []
    # A term of the objective (a VAE's KL, 0.05 -> 11.6 as the latent is used) is judged by the
    # objective it belongs to when the run logs that too: its growth alone is no runaway.
    judged = bool(objective_curves(ra.metrics))
    for sa in ra.metrics:
        diverged = [e for e in sa.events if e.kind == "divergence"]
        out += [_divergence(ra, sa, e) for e in diverged]
        if not sa.n_points and not diverged and not sa.higher_is_better:
            # A loss NaN every time it was computed (an fp16 evaluation overflowing); a score left NaN
            # throughout is more often a placeholder (an accuracy a regression run logs as nan).
            series = ra.run.series(sa.name)
            logged = series.to_numpy()
            if len(logged) and not np.isfinite(logged).any():
                out.append(Finding(ra.run.source, "no-divergence",
                                   f"never finite — {_nonfinite_kind(logged)} at all {len(logged)} logged points",
                                   sa.name, int(series.index[0]), ra.run.step_axis))
        if diverged or not sa.n_points:
            continue  # a loss that went non-finite has failed already: its climb there is the same failure
        if sa.higher_is_better:
            out += _collapse(ra, sa)
            continue
        if judged and OBJECTIVE_TERM.search(sa.name):
            continue
        s = ra.run.series(sa.name)
        changed = data_changed_at(sa)
        if changed is not None:  # the level before it is no best the run ran away from
            s = s[s.index > changed]
        finite = np.isfinite(s.to_numpy())
        v, steps = s.to_numpy()[finite], s.index[finite].to_numpy()
        runaway = ran_away(ra, steps, v, opts["runaway-factor"])
        if runaway:
            last, best, w, best_i = runaway
            best_step = int(steps[best_i])
            # Dated where the climb the analysis found starts, the first one the loss never came
            # back from (a blow-up to 1e24 that stays was dated at the log's last step; a jump the
            # run recovered from before a later one that it did not, at the first).
            climbs = [e for e in sa.events if e.kind in ("rise", "spike") and e.direction == "up"
                      and e.step >= best_step]
            stayed = [e for e in climbs if _never_back(v[steps > e.step], w, opts["runaway-factor"] * best)]
            at = stayed[0].step if stayed else climbs[-1].step if climbs else int(s.index[-1])
            # A slow climb is no transition: it is dated where the loss's levels pass the factor
            # for good (an LR growing each step: an 80x climb over 1,000 steps was dated 2,500
            # steps later, at the jump it ended in). Levels are medians of w points, so a climb
            # found within w points of that crossing dates it better.
            crossed = _past_for_good(v, best_i, w, opts["runaway-factor"] * best)
            at = int(steps[crossed]) if at > steps[min(crossed + w, len(steps) - 1)] else at
            out.append(Finding(ra.run.source, "no-divergence",
                               f"runaway growth — ends at {last:.4g}, {last / best:.3g}x its best level {best:.4g} "
                               + ("(single points: too few for medians)" if w == 1 else f"(medians of {w} points)"),
                               sa.name, at, ra.run.step_axis))
    return out


def ran_away(ra, steps: np.ndarray, v: np.ndarray, factor: float) -> tuple[float, float, int, int] | None:
    """``_runaway``'s reading of a loss's finite values ``v`` at ``steps``, unless it is no runaway: under a
    millionth of where it began (float's last digits), or an LR restart still standing (SGDR stopped
    mid-cycle) with the loss no worse than it began. From three points: a fine-tune of a few epochs
    blowing up 16,000x is too short for the analysis, not for a ratio of two-point medians. Read by the
    no-divergence rule and by the summary of a loss too short for transitions."""
    from curvedoc.detect import FIRST_POINTS, practical_zero
    from curvedoc.summary import WORSE_THAN_START, raised_since

    if len(v) < 3 or v.min() <= 0:
        return None
    runaway = _runaway(v, factor)
    if runaway is None:
        return None
    last, best, w, best_i = runaway
    if last < practical_zero(v) or (raised_since(ra, int(steps[best_i]), int(steps[-1]))
                                    and last <= WORSE_THAN_START * float(np.median(v[:FIRST_POINTS]))):
        return None
    return runaway


def _nonfinite_kind(v: np.ndarray) -> str:
    kinds = [name for name, hit in (("NaN", np.isnan(v).any()), ("inf", np.isinf(v).any())) if hit]
    return " or ".join(kinds)


def _collapse(ra, sa) -> list[Finding]:
    """A score (an accuracy, a reward) that gave back half or more of what it had gained: the score's
    runaway, however slowly it came (no transition need show)."""
    from curvedoc.summary import collapsed

    fell = collapsed(ra, sa)
    if fell is None:
        return []
    best_step, best, last_step, last, share, w, from_zero = fell
    lost = f"{share:.0%} of its level" if from_zero else "all of its gain and more" if share > 1.005 \
        else "all of its gain" if share >= 0.995 else f"{share:.0%} of its gain"
    return [Finding(ra.run.source, "no-divergence",
                    f"collapse — ends at {last + 0.0:.4g}, having lost {lost} since its best level {best:.4g} at "
                    f"{ra.run.step_axis} {best_step} (medians of {w} points)", sa.name, last_step, ra.run.step_axis)]


def _run_medians(v: np.ndarray, w: int) -> np.ndarray:
    """The medians of the consecutive runs of ``w`` points (a last, shorter run left out)."""
    whole = len(v) // w * w
    return np.median(v[:whole].reshape(-1, w), axis=1) if whole else np.array([])


def _past_for_good(v: np.ndarray, best_i: int, w: int, level: float) -> int:
    """The index of the first point of the first run of ``w`` points after the best from which the
    medians of the runs all stay at or above ``level``; the last index when none does."""
    medians = _run_medians(v[best_i:], w)
    below = np.flatnonzero(medians < level)
    first = int(below[-1]) + 1 if len(below) else 0
    return best_i + first * w if first < len(medians) else len(v) - 1


def _never_back(after: np.ndarray, w: int, level: float) -> bool:
    """Whether the medians of the runs of ``w`` points after a climb all stay at or above ``level``."""
    medians = _run_medians(after, w)
    return not len(medians) or bool(medians.min() >= level)


def _runaway(v: np.ndarray, factor: float) -> tuple[float, float, int, int] | None:
    """(final level, best level, window, index of the best level) when a loss ends ``factor`` times
    above its best level.

    Both are medians over a twentieth of the points: the single lowest minibatch loss of a
    noisy per-step log (a diffusion loss spans two decades from batch to batch) is luck, not a
    level the run reached and left."""
    from curvedoc.summary import MIN_POINTS_FOR_LEVELS, lowest_level, started_lower

    # A few evaluations are read one by one, as the summary reads them: a pair's median was the mean of the
    # first (4.7) and the blown-up second (44.5), and an LM thrown up x17 at its first evaluation passed.
    w = max(2, len(v) // 20) if len(v) >= MIN_POINTS_FOR_LEVELS else 1
    last = float(np.median(v[-w:]))
    i, best = started_lower(v, *lowest_level(v, w))
    if last >= factor * best and i + w // 2 < 0.9 * len(v):  # the best window ends before the last tenth
        return last, best, w, i
    return None


def no_instability(ra, opts) -> list[Finding]:
    return [_finding(ra, sa, e, f"instability — {_what_happened(e)}")
            for sa in ra.metrics for e in sa.events
            if e.label == "instability" and e.kind != "divergence" and e.step >= opts["after-step"]
            and e.confidence >= opts["min-confidence"]]


def _what_happened(e) -> str:
    """The move itself, then the reading of it (its evidence's second line, to its first clause): the
    last evidence line alone was at times a gradient norm's, and never said what the metric did."""
    move = f"{e.kind} {e.before:.4g} -> {e.after}" if e.nonfinite_step is not None else \
        f"{e.kind} {e.before:.4g} -> {e.after:.4g} ({e.change_text})"
    reading = e.evidence[1].split("; ", 1)[0] if len(e.evidence) > 1 else ""
    return f"{move}, {reading}" if reading else move


def no_unexplained(ra, opts) -> list[Finding]:
    return [_finding(ra, sa, e, f"unexplained {e.kind} {e.before:.4g} -> {e.after:.4g}")
            for sa in ra.metrics for e in sa.events if e.label == "unexplained"]


def lr_decay_effective(ra, opts) -> list[Finding]:
    return [f for f in _decays_judged(ra) if isinstance(f, Finding)]


def untested_decays(ra) -> list[str]:
    """The LR decays lr-decay-effective cannot judge, said: the main metric has too few points around
    them to test (a ReduceLROnPlateau cut two epochs before EarlyStopping ended the run)."""
    return [f for f in _decays_judged(ra) if isinstance(f, str)]


def _decays_judged(ra) -> list["Finding | str"]:
    """lr-decay-effective's findings, and a note for each decay it could not test."""
    from curvedoc.explain import untestable_decay
    from curvedoc.summary import main_metric

    sa = main_metric(ra)
    if sa is None:
        return []
    # A move off the level before the decay but not off the curve's pace (a weak reading) shows no
    # decay worked.
    decays = [e for m in ra.metrics for e in m.events if e.label == "lr_decay"]
    explained = {e.step for e in decays if not e.paced_away}
    weak = {e.step for e in decays if e.paced_away}
    out = []
    last = sa.last_step or 0
    span = last - (sa.first_step or 0)
    # The end of an LR blip puts the LR back where it was: no drop is owed to it.
    blip_ends = {id(end) for end in ra.schedule.blip_ends(span)}
    for ch in ra.schedule.changes:
        if ch.kind != "lr_decay" or ch.step >= last or id(ch) in blip_ends:
            continue
        # A drop put to this decay may be located a little before it (a lucky stretch just before).
        reach = max(1, 0.05 * span)
        hit = [s for s in explained if -reach <= s - ch.step <= reach]
        short = untestable_decay(ra, sa, ch) if not hit else ""
        if short:
            # "Could not tell" is no failure: analyze says the decay was not tested.
            out.append(f"{sa.name}: {ra.run.step_axis} {ch.step}: lr {ch.before:.3g} -> {ch.after:.3g} {short}; "
                       "not judged")
        elif not hit:
            # What the analysis found, not what the curve did: a move too small or too noisy to
            # report is not shown to be absent.
            faint = sorted(s for s in weak if -reach <= s - ch.step <= reach)
            found = (f"no drop beyond the curve's own pace (a weak reading at {ra.run.step_axis} {faint[0]})"
                     if faint else "no drop found")
            out.append(Finding(ra.run.source, "lr-decay-effective",
                               f"lr {ch.before:.3g} -> {ch.after:.3g} was followed by {found} in any metric",
                               sa.name, ch.step, ra.run.step_axis))
    return out


# A bounded score held within this share of its full scale from the top (an accuracy at 1.0),
# or an error at exactly 0, has converged: flat there is done, not stuck.
AT_FULL_SCORE_SHARE = 0.005


def no_long_plateau(ra, opts) -> list[Finding]:
    from curvedoc.detect import score_bound

    out = []
    for sa in ra.metrics:
        span = (sa.last_step or 0) - (sa.first_step or 0)
        values = ra.run.series(sa.name).to_numpy()
        bound = score_bound(values[np.isfinite(values)]) if np.isfinite(values).any() else 0.0
        for st in sa.stages:
            if not st.plateau or st.plateau_from is None:
                continue
            if bound and (st.level >= (1 - AT_FULL_SCORE_SHARE) * bound if sa.higher_is_better else st.level == 0):
                continue
            flat = st.end - st.plateau_from
            too_long = (opts["max-steps"] and flat > opts["max-steps"]) or \
                (span and flat > opts["max-fraction"] * span)
            if too_long and flat > 0:
                unit = ra.run.step_axis
                out.append(Finding(ra.run.source, "no-long-plateau",
                                   f"flat for {flat} {unit}s ({100 * flat / max(span, 1):.0f}% of the run) "
                                   f"from {unit} {st.plateau_from} to {st.end} at {st.level:.4g}",
                                   sa.name, st.plateau_from, unit))
    return out


_OPS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt, "==": operator.eq}
_THRESHOLD = re.compile(r"^\s*(.+?)\s*(<=|>=|==|<|>)\s*([-+0-9.eE]+|[-+]?(?i:nan|inf(?:inity)?))\s*$")


def parse_threshold(text: str) -> tuple[str, str, float]:
    m = _THRESHOLD.match(text) if isinstance(text, str) else None
    try:
        if any(c in m.group(1) for c in "<>=!"):
            raise ValueError  # 'loss =< 1': a misspelt operator, not a metric named 'loss ='
        bound = float(m.group(3))
    except (AttributeError, ValueError):  # no match, or a bound like '1.2.3'
        raise CurvedocError(f"final-metric threshold {text!r} is not like 'val_loss <= 0.4'") from None
    if math.isnan(bound):  # no value is <= nan: such a rule could only fail
        raise CurvedocError(f"final-metric threshold {text!r} compares with NaN, which no value passes")
    return m.group(1), m.group(2), bound


def final_metric(ra, opts) -> list[Finding]:
    out = []
    for text in opts["thresholds"]:
        name, op, bound = parse_threshold(text)
        if name not in ra.run.frame.columns:
            out.append(Finding(ra.run.source, "final-metric", f"no metric {name!r} for '{text}'{_near(ra, name)}"))
            continue
        s = ra.run.series(name)
        v = s.to_numpy()
        level, over = _final_level(v)
        if not math.isfinite(level) or not _OPS[op](level, bound):
            out.append(Finding(ra.run.source, "final-metric",
                               f"final {name} = {level:.4g}{over}, wanted {op} {bound:g}",
                               name, int(s.index[-1]) if len(v) else None, ra.run.step_axis))
    return out


def _final_level(v) -> tuple[float, str]:
    """The level a metric ends at, and how it was read ("" for its last point alone): the median of the
    last points that a centred running median over compare's smoothing share of the log takes in at its
    end, as compare's "final level". On a per-step loss one minibatch had decided the gate (0.147 against
    a level of 0.077); on a short per-epoch log it is the last point. A last point that is NaN or inf is
    the level: a run that ended diverged."""
    from curvedoc.comparison import SMOOTH_FRACTION  # here: comparison is no part of check's start-up

    if not len(v) or not math.isfinite(v[-1]):
        return (float(v[-1]) if len(v) else math.nan), ""
    k = (int(round(SMOOTH_FRACTION * len(v))) | 1) // 2 + 1
    tail = v[-k:]
    tail = tail[np.isfinite(tail)]
    if len(tail) < 2:
        return float(v[-1]), ""
    return float(np.median(tail)), f" (median of its last {len(tail)} points)"


def required_metrics(ra, opts) -> list[Finding]:
    return [Finding(ra.run.source, "required-metrics", f"required metric {name!r} is not in the log{_near(ra, name)}")
            for name in opts["metrics"] if name not in ra.run.frame.columns]


def _near(ra, name: str) -> str:
    """The log's column a configured name misses only by case ("eval_WER" for "eval_wer")."""
    same = [c for c in ra.run.frame.columns if str(c).lower() == name.lower()]
    return f" (the log has {', '.join(map(repr, same))}: names are case-sensitive)" if same else ""


RULE_FUNCTIONS: dict[str, Callable] = {
    "no-divergence": no_divergence, "no-instability": no_instability, "no-unexplained": no_unexplained,
    "lr-decay-effective": lr_decay_effective, "no-long-plateau": no_long_plateau,
    "final-metric": final_metric, "required-metrics": required_metrics,
}
assert set(RULE_FUNCTIONS) == set(RULES)


def _divergence(ra, sa, e) -> Finding:
    return _finding(ra, sa, e, f"divergence — {e.evidence[-1] if e.evidence else 'non-finite value'}")


def _finding(ra, sa, e, message: str) -> Finding:
    return Finding(ra.run.source, _rule_of(e), message, sa.name, e.step, ra.run.step_axis)


def _rule_of(e) -> str:
    return {"divergence": "no-divergence", "unexplained": "no-unexplained"}.get(
        e.kind if e.kind == "divergence" else e.label, "no-instability")


def check(logs: list[Path], config_path: Path | None = None, select: list[str] | None = None,
          ignore: list[str] | None = None) -> CheckResult:
    """Analyse every log and apply the rules its configuration turns on."""
    from curvedoc.analysis import MAX_METRICS, ROLE_WORDS, STOPPED_EARLY, analyze

    for name in (select or []) + (ignore or []):
        if name not in RULES:
            raise CurvedocError(f"unknown rule {name!r} (rules: {', '.join(RULES)})")
    if select and set(select) <= set(ignore or []):
        # No rule would run, and every log would pass the gate.
        raise CurvedocError(f"--ignore takes out every rule --select names ({', '.join(select)}): no rule to check")
    configs: dict[Path | None, Config] = {}
    if config_path is not None and config_path.name == "pyproject.toml" and config_path.is_file() \
            and not configures_curvedoc(config_path, strict=True):
        # Named on purpose, it configures nothing: the gate would run on the defaults, unsaid.
        raise CurvedocError("--config: holds no [tool.curvedoc] table, so it configures nothing", config_path)
    findings: list[Finding] = []
    unjudged: list[str] = []
    notes: list[str] = []
    errors: list[str] = []
    ruleless: list[str] = []
    runs = 0
    for log in logs:
        # Standard input has no folder of its own: its configuration is the one where the command runs.
        cfg_path = config_path or find_config(current_folder() if is_stdin_copy(Path(log)) else log)
        if cfg_path not in configs:
            configs[cfg_path] = load_config(cfg_path)
        cfg = configs[cfg_path]
        rules, here, turned_on = _rules_here(cfg, log, select, ignore)
        if not turned_on and ignore:
            # Every rule the configuration turns on, ignored: the log would pass unjudged.
            on = [name for name in RULE_FUNCTIONS if _rule_on(name, rules, here, None)]
            if on:
                raise CurvedocError(f"--ignore takes out every rule turned on for this log ({', '.join(on)}): "
                                    "no rule to check", log)
        for name in turned_on:  # before the log is analysed: a rule with nothing to judge is a usage error
            _check_has_something_to_judge(name, rules[name], cfg_path)
        try:
            # The configuration's metrics are judged beside the default ones: naming one past the cap
            # (as the note below says to) had narrowed the gate to it, and a NaN val_loss passed.
            analyses = analyze(log, also=cfg.metrics)
        except CurvedocError as err:
            errors.append(name_stdin(str(err)))  # "-" is named <stdin>, not its temporary copy
            continue
        # Paths holding several runs (a sweep's long table): the path alone would not say which failed.
        shared = {src for src, k in Counter(ra.run.source for ra in analyses).items() if k > 1}
        for ra in analyses:
            runs += 1
            where = ra.run.source if len(analyses) == 1 else f"{ra.run.source} ({ra.run.name})"
            if not any(sa.stages for sa in ra.metrics):
                unjudged.append(where)
            if any(r.discarded for r in ra.run.resumes):  # said as analyze says it, every return counted
                notes += [f"{where}: {w}; judged on the rest" for w in resume_warnings(ra.run.resumes)]
            # Logs the folder given holds but were not read are not judged: a gate says so; nor are a
            # table's rows it could not read, nor steps numbered on past a reset counter (the findings'
            # steps are the new numbers).
            notes += [f"{where}: {w}" for w in ra.run.warnings if NOT_READ in w or STOPPED_EARLY in w
                      or CORRUPT in w or ROWS_SKIPPED in w or w.startswith(RESTARTED)]
            # A metric the configuration names to judge that this log lacks, or reads as no metric (the
            # LR, an epoch counter): judged nowhere, so said.
            notes += [f"{where}: metrics = [...] in {cfg_path} names {name!r}, " + (
                f"which this log reads as {ROLE_WORDS.get(ra.run.role(name), ra.run.role(name))}, not a metric"
                if name in ra.run.frame.columns else "which is no metric of this log")
                for name in cfg.metrics or [] if name not in {sa.name for sa in ra.metrics}]
            run_rules, run_on = rules, turned_on
            if len(analyses) > 1:
                # Each run of a folder by its own path, as when it is passed alone: the folder's
                # rules would exempt every run an override names one of (a diverged run passed).
                run_rules, _, run_on = _rules_here(cfg, Path(ra.run.source), select, ignore)
                for name in run_on:
                    _check_has_something_to_judge(name, run_rules[name], cfg_path)
            if not run_on:
                ruleless.append(where)
                notes.append(f"{where}: every rule is turned off here ({cfg_path or 'the defaults'}): not judged")
                continue
            found = [f for name in run_on for f in RULE_FUNCTIONS[name](ra, run_rules[name])]
            if "lr-decay-effective" in run_on:
                notes += [f"{where}: {note}" for note in untested_decays(ra)]
            found += _directionless_gone_nonfinite(ra, run_on)
            if ra.not_analysed:
                found += _past_the_cap(ra, run_on, run_rules)
                how = "judged only for non-finite values" if "no-divergence" in run_on else "not judged"
                notes.append(f"{where}: {len(ra.not_analysed)} metrics past the first {MAX_METRICS} ("
                             f"{few(ra.not_analysed)}) {how}; name them in the configuration's metrics = [...] "
                             "to judge them by every rule")
            if ra.run.source in shared:
                for f in found:
                    f.run = ra.run.name
            findings += found
    return CheckResult(findings, len(logs), runs, unjudged, notes, errors, ruleless)


def _past_the_cap(ra, run_on: list[str], rules: dict) -> list[Finding]:
    """no-divergence on the metrics the analysis left out past its cap that hold a non-finite value:
    a NaN is the cheapest failure to find, and a loss sorted after 55 per-class accuracies passed
    the gate going NaN."""
    more = _nonfinite_analysed(ra, ra.not_analysed) if "no-divergence" in run_on else None
    return [] if more is None else no_divergence(more, rules["no-divergence"])


def _directionless_gone_nonfinite(ra, run_on: list[str]) -> list[Finding]:
    """Divergences of the metrics left out because their names do not say which way is better
    (``objective``, ``energy``) beside ones that do: a NaN is a failure whichever way is better,
    and a run whose objective went NaN passed the gate with no note."""
    from curvedoc.detect import known_direction

    if "no-divergence" not in run_on:
        return []
    analysed = {sa.name for sa in ra.metrics} | set(ra.not_analysed)
    left = [c for c in ra.run.columns_with_role("metric") if c not in analysed and not known_direction(c)]
    more = _nonfinite_analysed(ra, left)
    return [] if more is None else [_divergence(more, sa, e) for sa in more.metrics for e in sa.events
                                    if e.kind == "divergence"]


def _nonfinite_analysed(ra, names: list[str]):
    """The run analysed and explained on those of ``names`` (metrics it left out) that hold a
    non-finite value; None when none does."""
    from curvedoc.analysis import analyze_run
    from curvedoc.explain import explain_run

    bad = [c for c in names if not np.isfinite(ra.run.series(c).to_numpy()).all()]
    if not bad:
        return None
    more = analyze_run(ra.run, metrics=bad)
    explain_run(more)
    return more


def _rules_here(cfg: Config, path: Path, select: list[str] | None,
                ignore: list[str] | None) -> tuple[dict, list[str] | None, list[str]]:
    """The rules for a path, the --select left once its own exemptions are taken out (--select names
    the rules to run, not the paths to run them on), and the rules turned on there."""
    rules, off = cfg.rules_for(path)
    here = [name for name in select if name not in off] if select else select
    return rules, here, [name for name in RULE_FUNCTIONS if _rule_on(name, rules, here, ignore)]


def _rule_on(name: str, rules: dict, select: list[str] | None, ignore: list[str] | None) -> bool:
    return (name in select if select is not None else rules[name]["enabled"]) and not (ignore and name in ignore)


# The option a rule judges by, when it holds nothing the rule could check: turned on (by
# --select or the configuration) with it empty, the rule would pass every log unread.
_NEEDS = {"final-metric": ("thresholds", '["val_loss <= 0.4"]'), "required-metrics": ("metrics", '["val_loss"]')}


def _check_has_something_to_judge(name: str, opts: dict, cfg_path: Path | None) -> None:
    if name in _NEEDS and not opts[_NEEDS[name][0]]:
        option, example = _NEEDS[name]
        if cfg_path is None:
            where = f"[tool.curvedoc.rules.{name}] in pyproject.toml, or [rules.{name}] in .curvedoc.toml"
        else:
            table = f"tool.curvedoc.rules.{name}" if Path(cfg_path).name == "pyproject.toml" else f"rules.{name}"
            where = f"[{table}] in {cfg_path}"
        raise CurvedocError(f"{name} has no {option} to check: set {option} = {example} under {where}")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def github_escape(text: str, prop: bool = False) -> str:
    """Workflow-command escaping: %, CR, LF always; ':' and ',' inside properties; other control
    characters (an ESC or BEL in a metric's name) written as escapes, as the text format does,
    rather than passed to the runner's log raw."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(result: CheckResult) -> str:
    lines = [f"::warning title=curvedoc::{github_escape(note)}" for note in result.notes]
    lines += [f"::error title=curvedoc::{github_escape(error)}" for error in result.errors]
    # A run too short for any rule passes, as in the text summary: said, not silently green.
    lines += [f"::notice title=curvedoc::{github_escape(where)}: too few points to judge" for where in result.unjudged]
    for f in result.findings:
        title = (f"curvedoc {f.rule}" + (f" ({f.metric})" if f.metric else "")
                 + (f" in run {f.run}" if f.run else ""))
        msg = f.line().split(": ", 1)[1] if ": " in f.line() else f.line()
        lines.append(f"::error file={github_escape(f.path, True)},title={github_escape(title, True)}::"
                     f"{github_escape(msg)}")
    return "\n".join(lines)


def render_text(result: CheckResult, keep: int = 5) -> list[str]:
    """One line per finding, but no more than ``keep`` of one rule on one metric of one log: a run
    that spikes again and again fails on its first few, and the rest are counted (the JSON
    lists every one)."""
    groups: dict[tuple, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault((f.place(), f.metric, f.rule), []).append(f)
    lines = []
    for (path, metric, rule), found in groups.items():
        lines += [f.line() for f in found[:keep]]
        rest = found[keep:]
        if rest:
            steps = [f.step for f in rest if f.step is not None]
            span = f", {rest[0].unit}s {min(steps)} to {max(steps)}" if steps else ""
            lines.append(f"{': '.join(filter(None, (path, metric)))}: {len(rest)} more {rule} findings{span}"
                         f" (--format json lists every one)")
    return lines


def summary_line(result: CheckResult) -> str:
    unread = f"; {len(result.errors)} of the logs could not be read" if result.errors else ""
    return _summary(result) + unread


def _summary(result: CheckResult) -> str:
    n = len(result.findings)
    if not n and result.ruleless and len(result.ruleless) == result.runs:
        return (f"curvedoc check: {result.logs} log(s), {result.runs} run(s): every rule is turned off for them, "
                "nothing judged")
    if not n:
        line = f"curvedoc check: {result.logs} log(s), {result.runs} run(s): all rules pass"
        if result.unjudged:
            k = len(result.unjudged)
            line += (f"; {k} of them with too few points to judge: " + ", ".join(result.unjudged[:3])
                     + (", ..." if k > 3 else ""))
        return line
    rules = sorted({f.rule for f in result.findings})
    return (f"curvedoc check: {n} finding{'s' * (n != 1)} in {result.logs} log(s) "
            f"({', '.join(rules)})")
