"""JSON at the edge: strict JSON (no NaN tokens), written to stdout."""

from __future__ import annotations

import json
import sys


def dump_json(obj, file=None) -> None:
    json.dump(_valid_text(obj), file or sys.stdout, indent=2, allow_nan=False)
    (file or sys.stdout).write("\n")


def _valid_text(obj):
    """Strings that are valid Unicode: a file name that is not UTF-8 comes to Python with lone
    surrogates standing for its bytes, which strict JSON readers refuse; its bytes are written
    as escapes instead ("m\\xff.csv")."""
    if isinstance(obj, str):
        if not any("\ud800" <= ch <= "\udfff" for ch in obj):
            return obj
        try:
            return obj.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return obj.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(obj, dict):
        return {_valid_text(k): _valid_text(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_valid_text(v) for v in obj]
    return obj
