"""JSON at the edge: strict JSON (no NaN tokens), written to stdout."""

from __future__ import annotations

import json
import sys


def dump_json(obj, file=None) -> None:
    json.dump(obj, file or sys.stdout, indent=2, allow_nan=False)
    (file or sys.stdout).write("\n")
