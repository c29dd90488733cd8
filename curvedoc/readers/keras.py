"""Keras ``CSVLogger``: ``epoch`` (0-based) then the log keys sorted, ``NA`` where a key is missing."""

from __future__ import annotations

from pathlib import Path

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import read_text
from curvedoc.readers._table import load_table
from curvedoc.readers.csv_generic import table_to_run
from curvedoc.run import Run

FORMAT = "keras_csv"
# CSVLogger's filename is free; these stems say nothing about the run, the directory does.
_GENERIC_STEMS = {"training", "train", "log", "logs", "history", "metrics", "csvlogger"}


def read(path: Path) -> list[Run]:
    path = Path(path)
    text = read_text(path)
    raw = load_table(path, text, sep=separator(text))
    if "epoch" not in raw.columns:
        raise CurvedocError("no 'epoch' column: not a Keras CSVLogger file", path)
    # append=True after a restart writes epochs again from initial_epoch (or 0): build_run keeps
    # the later values and records the resume.
    return [table_to_run(path, raw, FORMAT, name=_run_name(path), step_names=("epoch",))]


def separator(text: str) -> str | None:
    """CSVLogger(separator=...) may be any character: it is the one right after ``epoch``."""
    header = text.split("\n", 1)[0].strip()
    if header.startswith("epoch") and len(header) > 5 and not (header[5].isalnum() or header[5] == "_"):
        return header[5]
    return None


def _run_name(path: Path) -> str:
    stem = path.name.split(".", 1)[0]
    if stem.lower() in _GENERIC_STEMS and path.parent.name:
        return path.parent.name
    return stem or path.name
