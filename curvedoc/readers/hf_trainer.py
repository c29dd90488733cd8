"""Hugging Face ``Trainer`` state: ``log_history`` of ``trainer_state.json`` (or a dir holding one)."""

from __future__ import annotations

import math
import re
from array import array
from pathlib import Path

import numpy as np

from curvedoc.errors import CurvedocError
from curvedoc.readers._io import gc_paused, is_file_or_special, is_special, load_json
from curvedoc.readers._table import json_number, non_numeric_notes, records_to_table
from curvedoc.readers.csv_generic import few_stray
from curvedoc.run import MAX_STEP, Run, build_run, check_step_range, few, not_read

FORMAT = "hf_trainer"
STATE_FILE = "trainer_state.json"
# Keys of the entry Trainer logs once at the end: run averages and totals, not curve points.
SUMMARY_KEYS = frozenset({"train_loss", "train_runtime", "train_samples_per_second",
                          "train_steps_per_second", "total_flos"})
CHECKPOINT_DIR = re.compile(r"^(checkpoint-[\w.-]+|last-checkpoint)$")  # checkpoint-500, checkpoint-best
_SAVING_DIR = re.compile(r"^tmp-checkpoint-\d+$")


def read(path: Path) -> list[Run]:
    """The state file given, or a directory's newest state that reads; the newer ones that do
    not (a checkpoint cut while it was saved) are named in a warning."""
    path = Path(path)
    states = _state_paths(path) if path.is_dir() else [path]
    stale = _stale_highest(states)
    if stale is not None:
        states = states[1:] + states[:1]
    failed: list[CurvedocError] = []
    for state_path in states:
        try:
            run = _state_run(state_path)
        except CurvedocError as err:
            failed.append(err)
            continue
        run.warnings += [not_read(err.path.relative_to(path), f"{err.reason}; {state_path.relative_to(path)} is read "
                                  "instead") for err in failed]
        if stale is not None and state_path != stale:
            run.warnings.append(f"{stale.relative_to(path)} goes further (step {_global_step(stale)}) but was written "
                                f"before {state_path.relative_to(path)}: an earlier run's, left out")
        if path.is_dir():
            # The Trainer saves into tmp-checkpoint-N and renames it once written: one left is a save
            # under way or cut short, and may hold the run's latest steps.
            run.warnings += [not_read(p.name, "a checkpoint the Trainer was still saving (or a save cut short)")
                             for p in sorted(path.iterdir(), key=lambda p: p.name)
                             if _SAVING_DIR.match(p.name) and p.is_dir()]
        return [run]
    raise failed[0]  # the newest state's reason


def _state_run(path: Path) -> Run:
    with gc_paused():  # a million log entries are a million dicts, none of them in a cycle
        state = _load_state(path)
        history = state.get("log_history")
        if not isinstance(history, list):
            raise CurvedocError("no 'log_history' list: not a Trainer state", path)
        return history_run(path, history)


def _load_state(path: Path) -> dict:
    state = load_json(path)
    if not isinstance(state, dict):
        raise CurvedocError("a JSON document that is not an object: not a Trainer state", path)
    return state


# A list value is read as one number per parameter group up to this length; longer, it is no scalar log.
MAX_GROUPS = 16


def history_run(path: Path, history: list) -> Run:
    # Machine numbers, not a Python object each: 10^6 entries of five keys held 2 GB.
    rows = array("q")
    keys: list[str] = []
    vals = array("d")
    steps = array("q")
    add_row, add_key, add_val = rows.append, keys.append, vals.append
    not_numbers: dict[str, int] = {}  # key -> strings and booleans, which write no number
    steps_past: list[int] = []
    dicts: dict[str, int] = {}  # key -> entries where it holds an object, which is no number
    no_step = unusable = fractional = huge = not_objects = after_end = 0
    ended: int | None = None  # the step of the Trainer's end-of-training summary, once met
    logged_at: dict[int, set] | None = None  # the keys each step holds, read once an entry follows the summary
    for at, entry in enumerate(history):
        if not isinstance(entry, dict):
            not_objects += 1
            continue
        given = entry.get("step")
        step = given if type(given) is int else _whole_step(given)  # an int as Trainer writes it: no call
        if type(step) is not int:
            if given is None:
                no_step += 1
            else:
                unusable += 1
            fractional += type(step) is float and math.isfinite(step)
            continue
        if abs(step) >= MAX_STEP:  # a corrupt entry: set aside when few, as a text step is
            huge += 1
            steps_past.append(step)
            continue
        summary = "train_runtime" in entry or "total_flos" in entry
        if ended is not None and not summary and logged_at is None:
            logged_at = _keys_by_step(history[:at])
        if ended is not None and not summary and logged_at.get(step, set()) & (entry.keys() - {"step", "epoch"}):
            # An evaluation after training ended (trainer.evaluate(), then save_state) of a step already
            # evaluated: with load_best_model_at_end it scores the best checkpoint restored, and kept as
            # that step's value it erased a held-out loss's 13% rise there. Checkpoints evaluated
            # afterwards at steps of their own are the curve's.
            after_end += 1
            continue
        if summary:
            ended = step
        if logged_at is not None:
            logged_at.setdefault(step, set()).update(entry.keys())
        row = len(steps)
        for key, value in entry.items():
            if key == "step" or (summary and key in SUMMARY_KEYS):
                continue
            # A float, as most values are, taken as it is: the call per value was a tenth of the read.
            number = value if type(value) is float else json_number(value)
            if number is not None:
                add_row(row)
                add_key(key)
                add_val(number)
            elif type(value) in (str, bool):  # counted; said if the key has numbers too
                not_numbers[key] = not_numbers.get(key, 0) + 1
            elif type(value) is dict:
                dicts[key] = dicts.get(key, 0) + 1
            elif type(value) is list and 0 < len(value) <= MAX_GROUPS:
                # One value per parameter group (a learning rate per group): ``key/0``, ``key/1``, ...
                numbers = [json_number(v) for v in value]
                for i, number in enumerate(numbers):
                    if number is not None:
                        rows.append(row)
                        keys.append(key if len(numbers) == 1 else f"{key}/{i}")
                        vals.append(number)
        steps.append(step)
    if huge and not few_stray(huge, len(steps) + huge):
        check_step_range(steps_past, path)  # so many that the log's steps are no steps: refused, said why
    if not steps:
        raise CurvedocError("the steps of log_history are fractional: Trainer counts whole optimizer steps"
                            if fractional else "log_history has no entry with a step", path)
    sparse: list[str] = []
    table, flags = records_to_table(rows, keys, vals, len(steps), sparse)
    step = np.asarray(steps, dtype=np.int64)
    warnings = non_numeric_notes(not_numbers, table.columns) + sparse
    if no_step:
        warnings.append(f"{no_step} log entr{'ies' if no_step > 1 else 'y'} without a step (predict_* or other) "
                        "skipped")
    if unusable:
        warnings.append(f"{unusable} log entr{'ies' if unusable > 1 else 'y'} whose step is no whole number "
                        "skipped")
    if after_end:
        warnings.append(f"{after_end} entr{'ies' if after_end > 1 else 'y'} logged after the end-of-training summary "
                        f"(step {ended}) at a step already logged left out: an evaluation then scores the model as "
                        "it was left, the best checkpoint if it was restored, not the training curve's")
    if dicts:
        # Counted: "loss" named alone read as the whole series skipped, where 15 of its 30 values were read.
        warnings.append("values that are objects, not numbers, skipped: "
                        + few([f"{n} of {key}" for key, n in sorted(dicts.items())]))
    if not_objects:
        many = not_objects > 1
        warnings.append(f"{not_objects} log entr{'ies' if many else 'y'} that {'are' if many else 'is'} no JSON object "
                        "skipped")
    if huge:
        first = str(steps_past[0])
        digits = len(first.lstrip("-"))
        warnings.append(f"{huge} log entr{'ies' if huge > 1 else 'y'} whose step is past 2^53 (corrupt) skipped "
                        f"(the first: {first if digits <= 20 else f'{digits} digits'})")
    return build_run(_run_name(path), str(path), FORMAT, table, step, logged_nan=flags, warnings=warnings)


def _keys_by_step(entries: list) -> dict[int, set]:
    """The keys each step holds in ``entries``: read only once an entry follows the end-of-training
    summary, as few logs have, not kept as a set per step all along (a tenth of a gigabyte per 10^6)."""
    out: dict[int, set] = {}
    for entry in entries:
        if isinstance(entry, dict) and type(step := _whole_step(entry.get("step"))) is int:
            out.setdefault(step, set()).update(entry.keys())
    return out


def _whole_step(given):
    """An entry's step as written (a number, or a string that writes one), an int where it is whole."""
    step = json_number(given) if type(given) is str else given
    return int(step) if type(step) is float and step.is_integer() else step


def _run_name(path: Path) -> str:
    parent = path.parent
    if CHECKPOINT_DIR.match(parent.name) and parent.parent.name:
        return f"{parent.parent.name}/{parent.name}"
    return parent.name or path.stem


def _state_paths(path: Path) -> list[Path]:
    """A directory's state files, newest first: the largest ``global_step``, then the output
    folder's own state, then the highest checkpoint number."""
    candidates = [p for p in [path / STATE_FILE, *path.glob(f"*/{STATE_FILE}")]
                  if is_file_or_special(p) and (p.parent == path or CHECKPOINT_DIR.match(p.parent.name))]
    if not candidates:
        raise CurvedocError(f"no {STATE_FILE} here or in checkpoint-*/", path)
    return sorted(candidates, key=lambda p: (_global_step(p), p.parent == path, _checkpoint_number(p)),
                  reverse=True)


def _stale_highest(states: list[Path]) -> Path | None:
    """The state that goes furthest, when another was written well after it: an output folder reused
    by a shorter run keeps the earlier run's checkpoints, which Trainer does not delete."""
    if len(states) < 2:
        return None
    try:
        times = [p.stat().st_mtime for p in states]
    except OSError:
        return None
    if max(times[1:]) - times[0] <= STALE_SECONDS:
        return None
    later = states[1 + int(np.argmax(times[1:]))]
    return None if _continues(states[0], later) else states[0]


def _continues(further: Path, earlier: Path) -> bool:
    """Whether one state's history goes on from the other's, word for word: the same run's
    checkpoints, whatever their files' times say (a download writes them in any order)."""
    try:
        a, b = (_load_state(p).get("log_history") for p in (further, earlier))
    except CurvedocError:
        return False
    return isinstance(a, list) and isinstance(b, list) and len(b) <= len(a) and a[:len(b)] == b


# A state written this much later than the furthest one belongs to a later run (a run's own
# checkpoints and final state are written in the order of their steps).
STALE_SECONDS = 60


def _global_step(path: Path) -> int:
    """The state's ``global_step`` (near the top: Trainer sorts keys); else the checkpoint's number."""
    if is_special(path):
        return _checkpoint_number(path)  # a pipe's open would wait; reading it is refused, and named
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192).decode("utf-8", "replace")
    except OSError:
        head = ""
    # A count too long for a step (thousands of digits) is left to the reader of the file to name.
    found = re.search(r'"global_step"\s*:\s*(\d{1,30})(?!\d)', head)
    return int(found.group(1)) if found else _checkpoint_number(path)


def _checkpoint_number(path: Path) -> int:
    number = re.search(r"checkpoint-(\d+)$", path.parent.name)
    return int(number.group(1)) if number else -1
