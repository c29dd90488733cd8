"""Scoring change-point detections against ground truth (TCPDBench's matching rule).

A detection is a true positive when it lies within the truth event's
tolerance; each truth event is matched at most once, each detection too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field


# Lower edges of the confidence bands in which label accuracy is reported.
CONFIDENCE_BANDS = (0.0, 0.5, 0.7, 0.9)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    null_fp: int = 0  # detections on runs whose truth has no event at all
    per_cause: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # cause -> [found, total]
    labels: Counter = field(default_factory=Counter)  # (truth cause, predicted label) -> count
    # (lowest confidence of the band, label right) -> count, for matched events
    by_confidence: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def label_accuracy(self) -> float:
        total = sum(self.labels.values())
        right = sum(v for (cause, label), v in self.labels.items() if cause == label)
        return right / total if total else 1.0


def match(truth: list[dict], detections: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each truth event with the nearest unused detection within its tolerance."""
    used: set[int] = set()
    pairs = []
    for t in sorted(truth, key=lambda e: e["tolerance"]):
        best, best_d = None, None
        for i, d in enumerate(detections):
            dist = abs(d["step"] - t["step"])
            if i in used or dist > t["tolerance"]:
                continue
            if best_d is None or dist < best_d:
                best, best_d = i, dist
        if best is not None:
            used.add(best)
        pairs.append((t, detections[best] if best is not None else None))
    return pairs


def score_run(tally: Tally, truth: list[dict], detections: list[dict], no_event: bool) -> list[dict]:
    """Add one run to the tally; returns the unmatched detections (false positives)."""
    counted = [t for t in truth if t.get("visible", True)]
    invisible = [t for t in truth if not t.get("visible", True)]
    pairs = match(counted, detections)
    matched_ids = {id(d) for _, d in pairs if d is not None}
    # A detection at an invisible event is neither rewarded nor punished.
    spare = [d for d in detections if id(d) not in matched_ids]
    ignored = {id(d) for _, d in match(invisible, spare) if d is not None}
    for t, d in pairs:
        tally.per_cause[t["cause"]][1] += 1
        if d is None:
            tally.fn += 1
            continue
        tally.tp += 1
        tally.per_cause[t["cause"]][0] += 1
        if "label" in d:
            # A label the truth names as also acceptable counts as the cause itself.
            label = t["cause"] if d["label"] in t.get("also_acceptable", []) else d["label"]
            tally.labels[(t["cause"], label)] += 1
            if "confidence" in d:
                band = max(b for b in CONFIDENCE_BANDS if d["confidence"] >= b - 1e-9)
                tally.by_confidence[(band, label == t["cause"])] += 1
    false = [d for d in spare if id(d) not in ignored]
    tally.fp += len(false)
    if no_event:
        tally.null_fp += len(false)
    return false
